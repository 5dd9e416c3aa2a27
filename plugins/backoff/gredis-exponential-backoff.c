/* gredis-exponential-backoff.c: the `exponential` backoff policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-backoff-types.h"

/*
 * GredisExponentialBackoff:
 *
 * Waits min (cap, base · 2^failures) microseconds (redis-py's
 * `ExponentialBackoff`), computed exactly in integers.
 */
struct _GredisExponentialBackoff
{
  GredisBackoffBase parent_instance;
};

G_DEFINE_FINAL_TYPE (GredisExponentialBackoff, gredis_exponential_backoff, GREDIS_TYPE_BACKOFF_BASE)

static guint64
gredis_exponential_backoff_compute (GredisBackoffBase *base,
                                    guint              failures)
{
  return gredis_backoff_exponential (gredis_backoff_base_get_base (base), failures,
                                     gredis_backoff_base_get_cap (base));
}

static void
gredis_exponential_backoff_class_init (GredisExponentialBackoffClass *klass)
{
  GREDIS_BACKOFF_BASE_CLASS (klass)->compute = gredis_exponential_backoff_compute;
}

static void
gredis_exponential_backoff_init (GredisExponentialBackoff *self)
{
}
