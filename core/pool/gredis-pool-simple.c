/* gredis-pool-simple.c: the pool that fails at once when it is full
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-pool-base.h"

/* GredisPoolSimple: registered as the `simple` pool. When all
 * max-connections are in use, an acquisition fails at once with
 * GREDIS_ERROR_POOL_EXHAUSTED (gredis-pool-base.c does the work). */
struct _GredisPoolSimple
{
  GredisPoolBase parent_instance;
};

G_DEFINE_FINAL_TYPE (GredisPoolSimple, gredis_pool_simple, GREDIS_TYPE_POOL_BASE)

static void
gredis_pool_simple_class_init (GredisPoolSimpleClass *klass)
{
  GREDIS_POOL_BASE_CLASS (klass)->waits = FALSE;
}

static void
gredis_pool_simple_init (GredisPoolSimple *self)
{
}
