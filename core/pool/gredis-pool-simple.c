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

/* Registered with the plugin registry as its type is: ensuring the type
 * (the registry does, see core/meson.build) is all it takes. */
G_DEFINE_FINAL_TYPE_WITH_CODE (GredisPoolSimple, gredis_pool_simple, GREDIS_TYPE_POOL_BASE,
                               gredis_plugin_module_implement (NULL, GREDIS_PLUGIN_POOL, "simple",
                                                               g_define_type_id, 0))

static void
gredis_pool_simple_class_init (GredisPoolSimpleClass *klass)
{
  GREDIS_POOL_BASE_CLASS (klass)->waits = FALSE;
}

static void
gredis_pool_simple_init (GredisPoolSimple *self)
{
}
