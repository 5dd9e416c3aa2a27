/* gredis-no-backoff.c: the `none` backoff policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-backoff-types.h"

/*
 * GredisNoBackoff:
 *
 * Retries at once: every delay is 0 (redis-py's `NoBackoff`).
 */
struct _GredisNoBackoff
{
  GredisBackoffBase parent_instance;
};

G_DEFINE_FINAL_TYPE (GredisNoBackoff, gredis_no_backoff, GREDIS_TYPE_BACKOFF_BASE)

static guint64
gredis_no_backoff_compute (GredisBackoffBase *base,
                           guint              failures)
{
  return 0;
}

static void
gredis_no_backoff_class_init (GredisNoBackoffClass *klass)
{
  GREDIS_BACKOFF_BASE_CLASS (klass)->compute = gredis_no_backoff_compute;
}

static void
gredis_no_backoff_init (GredisNoBackoff *self)
{
}
