/* gredis-full-jitter-backoff.c: the `full-jitter` backoff policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-backoff-types.h"

/*
 * GredisFullJitterBackoff:
 *
 * Waits a uniform draw in [0, min (cap, base · 2^failures)) microseconds
 * (redis-py's `FullJitterBackoff`): with r the next number of the seeded
 * sequence, ⌊r · min (cap, base · 2^failures)⌋.
 */
struct _GredisFullJitterBackoff
{
  GredisBackoffBase parent_instance;
};

G_DEFINE_FINAL_TYPE (GredisFullJitterBackoff, gredis_full_jitter_backoff, GREDIS_TYPE_BACKOFF_BASE)

static guint64
gredis_full_jitter_backoff_compute (GredisBackoffBase *base,
                                    guint              failures)
{
  guint64 cap = gredis_backoff_base_get_cap (base);
  guint64 limit = gredis_backoff_exponential (gredis_backoff_base_get_base (base), failures, cap);
  double r = gredis_backoff_base_random (base);

  return gredis_backoff_to_usec (r * (double) limit, cap);
}

static void
gredis_full_jitter_backoff_class_init (GredisFullJitterBackoffClass *klass)
{
  GREDIS_BACKOFF_BASE_CLASS (klass)->compute = gredis_full_jitter_backoff_compute;
}

static void
gredis_full_jitter_backoff_init (GredisFullJitterBackoff *self)
{
}
