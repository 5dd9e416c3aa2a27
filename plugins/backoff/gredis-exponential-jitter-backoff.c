/* gredis-exponential-jitter-backoff.c: the `exponential-jitter` backoff policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-backoff-types.h"

#include <math.h>

/*
 * GredisExponentialJitterBackoff:
 *
 * Scales a uniform draw of `base` exponentially (redis-py's
 * `ExponentialWithJitterBackoff`): with r the next number of the seeded
 * sequence, ⌊min (cap, r · base · 2^failures)⌋ microseconds. This is the
 * default policy.
 */
struct _GredisExponentialJitterBackoff
{
  GredisBackoffBase parent_instance;
};

G_DEFINE_FINAL_TYPE (GredisExponentialJitterBackoff, gredis_exponential_jitter_backoff,
                     GREDIS_TYPE_BACKOFF_BASE)

static guint64
gredis_exponential_jitter_backoff_compute (GredisBackoffBase *base,
                                           guint              failures)
{
  double r = gredis_backoff_base_random (base);
  /* Past 2^2048 every nonzero delay is infinite; ldexp() takes an int. */
  int exponent = (int) MIN (failures, 2048u);

  return gredis_backoff_to_usec (ldexp (r * (double) gredis_backoff_base_get_base (base), exponent),
                                 gredis_backoff_base_get_cap (base));
}

static void
gredis_exponential_jitter_backoff_class_init (GredisExponentialJitterBackoffClass *klass)
{
  GREDIS_BACKOFF_BASE_CLASS (klass)->compute = gredis_exponential_jitter_backoff_compute;
}

static void
gredis_exponential_jitter_backoff_init (GredisExponentialJitterBackoff *self)
{
}
