/* gredis-constant-backoff.c: the `constant` backoff policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-backoff-types.h"

/*
 * GredisConstantBackoff:
 *
 * Waits `base` microseconds before every attempt, whatever the number of
 * failures (redis-py's `ConstantBackoff`). `cap` does not apply.
 */
struct _GredisConstantBackoff
{
  GredisBackoffBase parent_instance;
};

G_DEFINE_FINAL_TYPE (GredisConstantBackoff, gredis_constant_backoff, GREDIS_TYPE_BACKOFF_BASE)

static guint64
gredis_constant_backoff_compute (GredisBackoffBase *base,
                                 guint              failures)
{
  return gredis_backoff_base_get_base (base);
}

static void
gredis_constant_backoff_class_init (GredisConstantBackoffClass *klass)
{
  GREDIS_BACKOFF_BASE_CLASS (klass)->compute = gredis_constant_backoff_compute;
}

static void
gredis_constant_backoff_init (GredisConstantBackoff *self)
{
}
