/* gredis-pool.c: the interface of connection pools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

/**
 * GredisPool:
 *
 * Hands out connections to one server (or, for cluster and sentinel
 * pools, to the right server of several). Pools are thread-safe.
 */

G_DEFINE_INTERFACE (GredisPool, gredis_pool, G_TYPE_OBJECT)

static void
gredis_pool_default_init (GredisPoolInterface *iface)
{
}

/**
 * gredis_pool_new_for_name:
 * @name: (nullable): the name of a pool implementation (`simple`,
 *   `blocking`, …), or %NULL for the default
 * @error: return location for a #GError
 *
 * Creates a pool from the plugin registry (see gredis_plugins_lookup()).
 *
 * Returns: (transfer full): a new pool, or %NULL with
 *   %GREDIS_ERROR_PLUGIN_NOT_FOUND
 */
GredisPool *
gredis_pool_new_for_name (const char  *name,
                          GError     **error)
{
  return GREDIS_POOL (gredis_plugins_create (GREDIS_PLUGIN_POOL, name, error));
}

/**
 * gredis_pool_acquire_async:
 * @pool: a #GredisPool
 * @hint: whether the connection may be shared
 * @slot: the key slot, or %GREDIS_POOL_NO_SLOT
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the connection
 * @user_data: data for @callback
 *
 * Acquires a connection.
 */
void
gredis_pool_acquire_async (GredisPool          *pool,
                           GredisPoolHint       hint,
                           gint                 slot,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_POOL (pool));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  GREDIS_POOL_GET_IFACE (pool)->acquire_async (pool, hint, slot, cancellable, callback, user_data);
}

/**
 * gredis_pool_acquire_finish:
 * @pool: a #GredisPool
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Returns: (transfer full): a connection, to give back with
 *   gredis_pool_release(), or %NULL with an error
 */
GredisConnection *
gredis_pool_acquire_finish (GredisPool    *pool,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (GREDIS_IS_POOL (pool), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return GREDIS_POOL_GET_IFACE (pool)->acquire_finish (pool, result, error);
}

/**
 * gredis_pool_release:
 * @pool: a #GredisPool
 * @connection: (transfer full): a connection acquired from @pool
 *
 * Gives a connection back.
 */
void
gredis_pool_release (GredisPool       *pool,
                     GredisConnection *connection)
{
  g_return_if_fail (GREDIS_IS_POOL (pool));
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));

  GREDIS_POOL_GET_IFACE (pool)->release (pool, connection);
}

/**
 * gredis_pool_close:
 * @pool: a #GredisPool
 *
 * Closes every connection of the pool.
 */
void
gredis_pool_close (GredisPool *pool)
{
  g_return_if_fail (GREDIS_IS_POOL (pool));

  GREDIS_POOL_GET_IFACE (pool)->close (pool);
}
