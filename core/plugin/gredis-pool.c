/* gredis-pool.c: the interface of connection pools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-sync-private.h"

#include <string.h>

/**
 * GredisPool:
 *
 * Hands out connections to one server (or, for cluster and sentinel
 * pools, to the right server of several). Pools are thread-safe.
 *
 * A client owns one pool, chosen by name from its configuration
 * (`pool=NAME`, the `GREDIS_USE_POOL` environment variable, or the
 * highest-priority implementation). It gives the pool its configuration
 * with gredis_pool_configure() before first use, and then asks it for
 * every connection through this interface only: the multiplexed
 * connection of each main context (%GREDIS_POOL_MODE_SHARED, with
 * gredis_pool_try_acquire() first and gredis_pool_acquire_async() when
 * that would wait), exclusive connections for blocking commands,
 * transactions and pub/sub (gredis_pool_acquire_async()), and those of
 * the blocking API (gredis_pool_acquire()). A pool written outside the
 * library makes its connections with gredis_connection_new_for_config().
 */

G_DEFINE_INTERFACE (GredisPool, gredis_pool, G_TYPE_OBJECT)

static void
gredis_pool_default_init (GredisPoolInterface *iface)
{
}

/* Requests */

G_DEFINE_BOXED_TYPE (GredisPoolRequest, gredis_pool_request,
                     gredis_pool_request_copy, gredis_pool_request_free)

/**
 * gredis_pool_request_init:
 * @request: (out caller-allocates): a request to fill, such as one on
 *   the stack
 * @mode: shared or exclusive
 *
 * Fills @request for @mode with the defaults of the other fields: no
 * slot, write intent, no forced node, no ASKING. A request filled so
 * borrows the node set in its field afterwards; it needs no freeing.
 */
void
gredis_pool_request_init (GredisPoolRequest *request,
                          GredisPoolMode     mode)
{
  g_return_if_fail (request != NULL);

  memset (request, 0, sizeof *request);
  request->mode = mode;
  request->slot = GREDIS_POOL_NO_SLOT;
  request->intent = GREDIS_POOL_INTENT_WRITE;
}

/**
 * gredis_pool_request_new:
 * @mode: shared or exclusive
 *
 * Makes a request for @mode with the defaults of the other fields (see
 * gredis_pool_request_init()).
 *
 * Returns: (transfer full): a new request, to free with
 *   gredis_pool_request_free()
 */
GredisPoolRequest *
gredis_pool_request_new (GredisPoolMode mode)
{
  GredisPoolRequest *request = g_new (GredisPoolRequest, 1);

  gredis_pool_request_init (request, mode);
  return request;
}

/**
 * gredis_pool_request_copy:
 * @request: a request
 *
 * Copies a request, for a pool that keeps it past the call it was given
 * to.
 *
 * Returns: (transfer full): a copy of @request, which holds a reference
 *   on its node
 */
GredisPoolRequest *
gredis_pool_request_copy (const GredisPoolRequest *request)
{
  GredisPoolRequest *copy;

  g_return_val_if_fail (request != NULL, NULL);

  copy = g_memdup2 (request, sizeof *request);
  if (copy->node != NULL)
    g_object_ref (copy->node);
  return copy;
}

/**
 * gredis_pool_request_free:
 * @request: (transfer full): a request made by gredis_pool_request_new()
 *   or gredis_pool_request_copy()
 *
 * Frees @request and drops its reference on its node.
 */
void
gredis_pool_request_free (GredisPoolRequest *request)
{
  if (request == NULL)
    return;
  g_clear_object (&request->node);
  g_free (request);
}

/**
 * gredis_pool_request_set_node:
 * @request: a request made by gredis_pool_request_new() or
 *   gredis_pool_request_copy()
 * @node: (nullable): the server the connection must go to, or %NULL to
 *   let the pool choose
 *
 * Sets the forced node of @request, which takes a reference on it.
 */
void
gredis_pool_request_set_node (GredisPoolRequest  *request,
                              GSocketConnectable *node)
{
  g_return_if_fail (request != NULL);
  g_return_if_fail (node == NULL || G_IS_SOCKET_CONNECTABLE (node));

  if (node != NULL)
    g_object_ref (node);
  g_clear_object (&request->node);
  request->node = node;
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
 * gredis_pool_configure:
 * @pool: a #GredisPool
 * @config: the configuration to make connections from
 *
 * Gives @pool the configuration of the client that owns it. The client
 * calls this once, before it first acquires a connection; the pool makes
 * its connections with gredis_connection_new_for_config() (or as it
 * likes) and keeps a reference on @config. A pool whose interface has no
 * `configure` function ignores the call.
 */
void
gredis_pool_configure (GredisPool   *pool,
                       GredisConfig *config)
{
  GredisPoolInterface *iface;

  g_return_if_fail (GREDIS_IS_POOL (pool));
  g_return_if_fail (GREDIS_IS_CONFIG (config));

  iface = GREDIS_POOL_GET_IFACE (pool);
  if (iface->configure != NULL)
    iface->configure (pool, config);
}

/**
 * gredis_pool_acquire_async:
 * @pool: a #GredisPool
 * @request: what the connection is for; @pool copies what it keeps
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the connection
 * @user_data: data for @callback
 *
 * Acquires a connection bound to the thread-default main context of the
 * caller (the connection may still be opening). Finish with
 * gredis_pool_acquire_finish().
 */
void
gredis_pool_acquire_async (GredisPool              *pool,
                           const GredisPoolRequest *request,
                           GCancellable            *cancellable,
                           GAsyncReadyCallback      callback,
                           gpointer                 user_data)
{
  g_return_if_fail (GREDIS_IS_POOL (pool));
  g_return_if_fail (request != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  GREDIS_POOL_GET_IFACE (pool)->acquire_async (pool, request, cancellable, callback, user_data);
}

/**
 * gredis_pool_acquire_finish:
 * @pool: a #GredisPool
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes an operation started with gredis_pool_acquire_async().
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
 * gredis_pool_acquire:
 * @pool: a #GredisPool
 * @request: what the connection is for
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pool_acquire_async(), for callers that do
 * not run a main loop: it may block the calling thread while it waits
 * for a connection. The connection is bound to a main context that
 * nobody else runs while the caller holds it; the caller runs that
 * context (gredis_connection_get_context()), pushed as thread-default,
 * while it uses the connection.
 *
 * Pools that keep such connections idle between blocking callers
 * implement the interface's `acquire` function; for the others, the
 * acquisition runs on a new main context until it completes.
 *
 * Returns: (transfer full): a connection, to give back with
 *   gredis_pool_release(), or %NULL with an error
 */
GredisConnection *
gredis_pool_acquire (GredisPool               *pool,
                     const GredisPoolRequest  *request,
                     GCancellable             *cancellable,
                     GError                  **error)
{
  GredisPoolInterface *iface;
  GredisConnection *connection;
  GredisSync sync;

  g_return_val_if_fail (GREDIS_IS_POOL (pool), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = GREDIS_POOL_GET_IFACE (pool);
  if (iface->acquire != NULL)
    return iface->acquire (pool, request, cancellable, error);

  /* The connection keeps the private context alive after the end. */
  gredis_sync_begin (&sync);
  iface->acquire_async (pool, request, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  connection = iface->acquire_finish (pool, sync.result, error);
  gredis_sync_end (&sync);
  return connection;
}

/**
 * gredis_pool_try_acquire:
 * @pool: a #GredisPool
 * @request: what the connection is for
 * @error: return location for a #GError
 *
 * Acquires a connection bound to the thread-default main context without
 * waiting, for callers that cannot wait for a main-loop iteration. With
 * %GREDIS_POOL_MODE_SHARED the pool may hand out a connection it has
 * already handed out to a caller of the same context.
 *
 * When it cannot hand one out at once, it fails with
 * %G_IO_ERROR_WOULD_BLOCK if gredis_pool_acquire_async() would wait for
 * one, or with the error gredis_pool_acquire_async() would report
 * (%GREDIS_ERROR_POOL_EXHAUSTED for a pool that does not wait). Pools
 * whose interface has no `try_acquire` function always fail with
 * %G_IO_ERROR_WOULD_BLOCK.
 *
 * Returns: (transfer full): a connection, to give back with
 *   gredis_pool_release(), or %NULL with an error
 */
GredisConnection *
gredis_pool_try_acquire (GredisPool               *pool,
                         const GredisPoolRequest  *request,
                         GError                  **error)
{
  GredisPoolInterface *iface;

  g_return_val_if_fail (GREDIS_IS_POOL (pool), NULL);
  g_return_val_if_fail (request != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = GREDIS_POOL_GET_IFACE (pool);
  if (iface->try_acquire != NULL)
    return iface->try_acquire (pool, request, error);

  gredis_i18n_init ();
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                       _("The pool hands out connections only asynchronously."));
  return NULL;
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
