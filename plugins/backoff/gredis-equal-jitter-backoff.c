/* gredis-equal-jitter-backoff.c: the `equal-jitter` backoff policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-backoff-types.h"

/*
 * GredisEqualJitterBackoff:
 *
 * Waits half of min (cap, base · 2^failures) plus a uniform draw over the
 * other half (redis-py's `EqualJitterBackoff`): with t = min (cap,
 * base · 2^failures) / 2 and r the next number of the seeded sequence,
 * ⌊t + r · t⌋ microseconds.
 */
struct _GredisEqualJitterBackoff
{
  GredisBackoffBase parent_instance;
};

G_DEFINE_FINAL_TYPE (GredisEqualJitterBackoff, gredis_equal_jitter_backoff, GREDIS_TYPE_BACKOFF_BASE)

static guint64
gredis_equal_jitter_backoff_compute (GredisBackoffBase *base,
                                     guint              failures)
{
  guint64 cap = gredis_backoff_base_get_cap (base);
  double half = gredis_backoff_exponential (gredis_backoff_base_get_base (base), failures, cap) / 2.0;
  double r = gredis_backoff_base_random (base);

  return gredis_backoff_to_usec (half + r * half, cap);
}

static void
gredis_equal_jitter_backoff_class_init (GredisEqualJitterBackoffClass *klass)
{
  GREDIS_BACKOFF_BASE_CLASS (klass)->compute = gredis_equal_jitter_backoff_compute;
}

static void
gredis_equal_jitter_backoff_init (GredisEqualJitterBackoff *self)
{
}
