/* gredis-client-sync.c: the blocking API of GredisClient, and its pool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-retry-private.h"
#include "gredis-connection-private.h"
#include "gredis-pool-base.h"

/* The client's pool (GredisConfig:pool, `blocking` by default) is made on
 * first use and serves the exclusive connections of
 * gredis-client-exclusive.c and the blocking calls here.
 *
 * A blocking call takes an exclusive connection made on a private main
 * context of the pool and gives it back when the reply is there. When
 * the connection is ready and idle and its stream is a plain socket, the
 * call writes the command and reads the reply on that socket itself
 * (_gredis_connection_send_direct(): one write and one read that waits
 * in the kernel, as hiredis does, or with a GCancellable a poll() on
 * the socket and the cancellable before the read); otherwise (still opening, TLS, a tombstone left by a
 * cancelled call) it makes the context thread-default and runs the
 * asynchronous engine on it until the reply is there. Calls from many
 * threads run side by side on connections of their own, up to
 * max-connections, and no main loop needs to run anywhere.
 *
 * Retry: the loop of _gredis_client_send_sync() makes the decision of
 * the asynchronous path (_gredis_retry_decide(), gredis-client-retry.c)
 * with the client's GredisRetry: a command the server refused, or one
 * that cannot have run twice, is sent again on a fresh connection after
 * the backoff delay, at most 1 + retries attempts in all, connection
 * attempts included (the pool's connections make one each); a write
 * that may have run fails with GREDIS_ERROR_UNKNOWN_OUTCOME. */

struct _GredisSyncPool
{
  GMutex lock;
  GredisPool *pool;
  gboolean closed;
};

GredisSyncPool *
_gredis_sync_pool_new (void)
{
  GredisSyncPool *pool = g_new0 (GredisSyncPool, 1);

  g_mutex_init (&pool->lock);
  return pool;
}

void
_gredis_sync_pool_close (GredisSyncPool *pool)
{
  g_autoptr(GredisPool) inner = NULL;

  g_mutex_lock (&pool->lock);
  pool->closed = TRUE;
  if (pool->pool != NULL)
    inner = g_object_ref (pool->pool);
  g_mutex_unlock (&pool->lock);

  if (inner != NULL)
    gredis_pool_close (inner);
}

void
_gredis_sync_pool_free (GredisSyncPool *pool)
{
  _gredis_sync_pool_close (pool);
  if (pool->pool != NULL && GREDIS_IS_POOL_BASE (pool->pool))
    _gredis_pool_base_set_factory (GREDIS_POOL_BASE (pool->pool), NULL, NULL);
  g_clear_object (&pool->pool);
  g_mutex_clear (&pool->lock);
  g_free (pool);
}

static GredisConnection *
make_connection (gpointer   user_data,
                 GError   **error)
{
  return _gredis_client_create_connection (user_data, error);
}

GredisPool *
_gredis_client_get_pool (GredisClient  *client,
                         GError       **error)
{
  GredisSyncPool *sync_pool = _gredis_client_get_sync_pool (client);
  GredisConfig *config = gredis_client_get_config (client);
  g_autoptr(GObject) made = NULL;
  GredisPool *pool;

  g_mutex_lock (&sync_pool->lock);
  if (sync_pool->pool == NULL && !sync_pool->closed)
    {
      made = gredis_plugins_create (GREDIS_PLUGIN_POOL, gredis_config_get_pool (config), error);
      if (made != NULL && !gredis_config_apply_to_plugin (config, made, error))
        g_clear_object (&made);
      if (made != NULL)
        {
          /* The client owns the pool and outlives it as a factory. */
          if (GREDIS_IS_POOL_BASE (made))
            _gredis_pool_base_set_factory (GREDIS_POOL_BASE (made), make_connection, client);
          sync_pool->pool = GREDIS_POOL (g_steal_pointer (&made));
        }
    }
  else if (sync_pool->closed)
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED, _("The client is closed."));
    }
  pool = sync_pool->pool != NULL && !sync_pool->closed ? g_object_ref (sync_pool->pool) : NULL;
  g_mutex_unlock (&sync_pool->lock);
  return pool;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Takes an exclusive connection whose context the calling thread may run. */
static GredisConnection *
acquire_blocking (GredisPool    *pool,
                  GMainContext **fallback_context,
                  GCancellable  *cancellable,
                  GError       **error)
{
  GAsyncResult *result = NULL;
  GredisConnection *connection;

  if (GREDIS_IS_POOL_BASE (pool))
    return _gredis_pool_base_acquire_sync (GREDIS_POOL_BASE (pool), cancellable, error);

  /* Another implementation: acquire on a context of our own. */
  *fallback_context = g_main_context_new ();
  g_main_context_push_thread_default (*fallback_context);
  gredis_pool_acquire_async (pool, GREDIS_POOL_HINT_EXCLUSIVE, GREDIS_POOL_NO_SLOT,
                             cancellable, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (*fallback_context, TRUE);
  g_main_context_pop_thread_default (*fallback_context);
  connection = gredis_pool_acquire_finish (pool, result, error);
  g_object_unref (result);
  return connection;
}

/* Waits @delay_us, or less if @cancellable is cancelled. */
static void
backoff_sleep (guint64       delay_us,
               GCancellable *cancellable)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) delay_us;
  GPollFD fd;

  if (delay_us == 0)
    return;
  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_usleep (delay_us);
      return;
    }
  while (!g_cancellable_is_cancelled (cancellable))
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        break;
      g_poll (&fd, 1, (gint) MIN ((left + 999) / 1000, G_MAXINT));
    }
  g_cancellable_release_fd (cancellable);
}

/* One attempt: the reply, or NULL with an error; *@unsent tells whether
 * the command failed before any byte of it was written. */
static GredisReply *
send_once (GredisClient        *client,
           GredisPool          *pool,
           guint                argc,
           const char * const  *argv,
           const gsize         *argv_lengths,
           GBytes * const      *args,
           gboolean            *unsent,
           GCancellable        *cancellable,
           GError             **error)
{
  g_autoptr(GMainContext) fallback_context = NULL;
  GAsyncResult *result = NULL;
  GredisConnection *connection;
  GMainContext *context;
  GredisReply *reply;
  GredisCall *call;

  *unsent = TRUE;
  connection = acquire_blocking (pool, &fallback_context, cancellable, error);
  if (connection == NULL)
    return NULL;

  /* The connection is ours alone: when it is ready and idle, talk to
   * its socket directly rather than through its main context. */
  reply = NULL;
  if (_gredis_connection_send_direct (connection, argc, argv, argv_lengths, args, cancellable,
                                      &reply, unsent, error))
    {
      gredis_pool_release (pool, connection);
      return reply;
    }

  context = gredis_connection_get_context (connection);
  g_main_context_push_thread_default (context);
  call = _gredis_call_new (client, cancellable, store_result, &result, _gredis_client_send_sync);
  _gredis_connection_queue_call (connection, argc, argv, argv_lengths, args, call);
  /* Write now rather than in a main-loop iteration of its own: the
   * iteration below then only waits for the reply. */
  gredis_connection_flush (connection);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  reply = _gredis_call_propagate_reply (result, error);
  *unsent = _gredis_call_get_unsent (call);
  _gredis_call_unref (call);
  g_object_unref (result);
  g_main_context_pop_thread_default (context);

  gredis_pool_release (pool, connection);
  return reply;
}

GredisReply *
_gredis_client_send_sync (GredisClient        *client,
                          guint                argc,
                          const char * const  *argv,
                          const gsize         *argv_lengths,
                          GBytes * const      *args,
                          GCancellable        *cancellable,
                          GError             **error)
{
  g_autoptr(GredisPool) pool = NULL;
  g_autoptr(GredisRetry) retry = NULL;
  GredisRetryDelay delay = { 0, };

  if (_gredis_client_is_closed (client))
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED, _("The client is closed."));
      return NULL;
    }
  pool = _gredis_client_get_pool (client, error);
  if (pool == NULL)
    return NULL;

  for (guint failures = 0;; failures++)
    {
      GError *local_error = NULL;
      gboolean unsent;
      GredisReply *reply;

      reply = send_once (client, pool, argc, argv, argv_lengths, args, &unsent,
                         cancellable, &local_error);
      if (reply != NULL)
        return reply;
      if (_gredis_client_is_closed (client))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (retry == NULL)
        retry = _gredis_client_ref_retry (client);
      switch (_gredis_retry_decide (retry, local_error, unsent, failures,
                                    argc, argv, argv_lengths, args))
        {
        case GREDIS_RETRY_VERDICT_FAIL:
          g_propagate_error (error, local_error);
          return NULL;
        case GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME:
          if (args != NULL)
            {
              gsize name_length;
              const char *name = g_bytes_get_data (args[0], &name_length);

              g_propagate_error (error, _gredis_retry_unknown_outcome_error (name, name_length,
                                                                             local_error));
            }
          else
            g_propagate_error (error, _gredis_retry_unknown_outcome_error (
                                 argv[0], argv_lengths != NULL ? (gssize) argv_lengths[0] : -1,
                                 local_error));
          g_error_free (local_error);
          return NULL;
        case GREDIS_RETRY_VERDICT_RETRY:
        default:
          break;
        }
      g_debug ("Retrying a command after a failure: %s", local_error->message);
      g_error_free (local_error);
      backoff_sleep (_gredis_retry_delay_us (client, retry, &delay), cancellable);
    }
}
