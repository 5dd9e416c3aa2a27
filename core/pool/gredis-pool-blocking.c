/* gredis-pool-blocking.c: the pool that waits for a free connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-pool-base.h"

/* GredisPoolBlocking: registered as the `blocking` pool, the default.
 * When all max-connections are in use, an acquisition waits its turn for
 * up to pool-timeout-ms (0: for ever), then fails with
 * GREDIS_ERROR_TIMEOUT (gredis-pool-base.c does the work). */
struct _GredisPoolBlocking
{
  GredisPoolBase parent_instance;
};

/* Registered with the plugin registry as its type is: ensuring the type
 * (the registry does, see core/meson.build) is all it takes. */
G_DEFINE_FINAL_TYPE_WITH_CODE (GredisPoolBlocking, gredis_pool_blocking, GREDIS_TYPE_POOL_BASE,
                               gredis_plugin_module_implement (NULL, GREDIS_PLUGIN_POOL, "blocking",
                                                               g_define_type_id, 10))

static void
gredis_pool_blocking_class_init (GredisPoolBlockingClass *klass)
{
  GREDIS_POOL_BASE_CLASS (klass)->waits = TRUE;
}

static void
gredis_pool_blocking_init (GredisPoolBlocking *self)
{
}
