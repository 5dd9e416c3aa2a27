/* gredis-decorrelated-jitter-backoff.c: the `decorrelated-jitter` backoff policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-backoff-types.h"

/*
 * GredisDecorrelatedJitterBackoff:
 *
 * Each delay is drawn between `base` and three times the previous one
 * (redis-py's `DecorrelatedJitterBackoff`); the number of failures does
 * not enter. With p the previous delay (0 after a reset), r the next
 * number of the seeded sequence and m = max (base, 3 · p), the delay is
 * d = min (cap, base + r · (m − base)), kept unrounded as the next p, and
 * returned as ⌊d⌋ microseconds. The first delay after a reset is thus
 * min (base, cap).
 */
struct _GredisDecorrelatedJitterBackoff
{
  GredisBackoffBase parent_instance;

  double previous;
};

G_DEFINE_FINAL_TYPE (GredisDecorrelatedJitterBackoff, gredis_decorrelated_jitter_backoff,
                     GREDIS_TYPE_BACKOFF_BASE)

static guint64
gredis_decorrelated_jitter_backoff_compute (GredisBackoffBase *base,
                                            guint              failures)
{
  GredisDecorrelatedJitterBackoff *self = GREDIS_DECORRELATED_JITTER_BACKOFF (base);
  double lower = (double) gredis_backoff_base_get_base (base);
  double cap = (double) gredis_backoff_base_get_cap (base);
  double upper = MAX (lower, self->previous * 3.0);
  double delay = lower + gredis_backoff_base_random (base) * (upper - lower);

  self->previous = MIN (cap, delay);
  return gredis_backoff_to_usec (self->previous, gredis_backoff_base_get_cap (base));
}

static void
gredis_decorrelated_jitter_backoff_reset (GredisBackoffBase *base)
{
  GREDIS_DECORRELATED_JITTER_BACKOFF (base)->previous = 0.0;
}

static void
gredis_decorrelated_jitter_backoff_class_init (GredisDecorrelatedJitterBackoffClass *klass)
{
  GredisBackoffBaseClass *base_class = GREDIS_BACKOFF_BASE_CLASS (klass);

  base_class->compute = gredis_decorrelated_jitter_backoff_compute;
  base_class->reset = gredis_decorrelated_jitter_backoff_reset;
}

static void
gredis_decorrelated_jitter_backoff_init (GredisDecorrelatedJitterBackoff *self)
{
  self->previous = 0.0;
}
