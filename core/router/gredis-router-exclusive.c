/* gredis-router-exclusive.c: connections a caller has to itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-router-private.h"
#include "gredis-connection-private.h"

/* The error a connection closed with before it was ready: its own when
 * it has one (authentication refused, a certificate rejected …), so
 * that callers and the retry decision see what happened. */
static GError *
closed_error (GredisConnection *connection)
{
  const GError *error = _gredis_connection_get_close_error (connection);

  if (error != NULL)
    return g_error_copy (error);
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                              _("The connection closed before it was ready."));
}

/* Exclusive connections come from the router's pool
 * (_gredis_router_get_pool(), GREDIS_POOL_MODE_EXCLUSIVE) and are handed
 * to the caller once ready. One given back as not reusable is closed
 * first, so that the pool drops it. The task's data is an
 * ExclusiveWait while the pool is asked, then the pool. */

typedef struct
{
  GredisRouter *router;
  gint64 wait_start;           /* with observers: when the wait began */
} ExclusiveWait;

static void
exclusive_wait_free (ExclusiveWait *wait)
{
  _gredis_router_unref (wait->router);
  g_free (wait);
}

static void
exclusive_open_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisConnection *connection = GREDIS_CONNECTION (source);
  GError *error = NULL;

  if (!gredis_connection_open_finish (connection, result, &error))
    {
      gredis_pool_release (g_task_get_task_data (task), g_object_ref (connection));
      g_task_return_error (task, error);
    }
  else
    g_task_return_pointer (task, g_object_ref (connection), g_object_unref);
}

static void
on_state_ready (GredisConnection *connection,
                GParamSpec       *pspec,
                gpointer          user_data)
{
  GTask *task = user_data;
  GredisConnectionState state = gredis_connection_get_state (connection);

  if (state == GREDIS_CONNECTION_STATE_READY)
    {
      g_signal_handlers_disconnect_by_data (connection, task);
      g_task_return_pointer (task, g_object_ref (connection), g_object_unref);
      g_object_unref (task);
    }
  else if (state == GREDIS_CONNECTION_STATE_CLOSED)
    {
      g_signal_handlers_disconnect_by_data (connection, task);
      gredis_pool_release (g_task_get_task_data (task), g_object_ref (connection));
      g_task_return_error (task, closed_error (connection));
      g_object_unref (task);
    }
}

static void
exclusive_acquired (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  ExclusiveWait *wait = g_task_get_task_data (task);
  GredisObservers *observers = _gredis_router_peek_observers (wait->router);
  GredisConnection *connection;
  GError *error = NULL;

  connection = gredis_pool_acquire_finish (GREDIS_POOL (source), result, &error);
  if (G_UNLIKELY (observers != NULL))
    _gredis_observers_pool_waited (observers, wait->wait_start, error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  _gredis_router_watch_push (wait->router, connection);
  g_task_set_task_data (task, g_object_ref (source), g_object_unref);

  switch (gredis_connection_get_state (connection))
    {
    case GREDIS_CONNECTION_STATE_READY:
      g_task_return_pointer (task, connection, g_object_unref);
      return;
    case GREDIS_CONNECTION_STATE_CONNECTING:
      g_signal_connect (connection, "notify::state", G_CALLBACK (on_state_ready),
                        g_object_ref (task));
      break;
    case GREDIS_CONNECTION_STATE_CLOSED:
      g_task_return_error (task, closed_error (connection));
      gredis_pool_release (GREDIS_POOL (source), connection);
      return;
    default:
      gredis_connection_open_async (connection, g_task_get_cancellable (task),
                                    exclusive_open_done, g_object_ref (task));
      break;
    }
  /* The pool keeps the connection alive; the result takes a reference of
   * its own, or the connection goes back to the pool on failure. */
  g_object_unref (connection);
}

void
_gredis_router_acquire_exclusive_async (GredisRouter        *router,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  _gredis_router_acquire_exclusive_at_async (router, GREDIS_POOL_NO_SLOT, NULL, cancellable,
                                             callback, user_data);
}

void
_gredis_router_acquire_exclusive_at_async (GredisRouter        *router,
                                           gint                 slot,
                                           GSocketConnectable  *node,
                                           GCancellable        *cancellable,
                                           GAsyncReadyCallback  callback,
                                           gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  g_autoptr(GredisPool) pool = NULL;
  GredisPoolRequest request;
  ExclusiveWait *wait;
  GError *error = NULL;

  g_task_set_source_tag (task, _gredis_router_acquire_exclusive_async);

  pool = _gredis_router_get_pool (router, &error);
  if (pool == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  wait = g_new0 (ExclusiveWait, 1);
  wait->router = _gredis_router_ref (router);
  if (G_UNLIKELY (_gredis_router_peek_observers (router) != NULL))
    wait->wait_start = g_get_monotonic_time ();
  g_task_set_task_data (task, wait, (GDestroyNotify) exclusive_wait_free);
  gredis_pool_request_init (&request, GREDIS_POOL_MODE_EXCLUSIVE);
  request.slot = slot;
  request.node = node;
  gredis_pool_acquire_async (pool, &request, cancellable, exclusive_acquired, task);
}

GredisConnection *
_gredis_router_acquire_exclusive_finish (GredisRouter  *router,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _gredis_router_acquire_exclusive_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_gredis_router_release_exclusive (GredisRouter     *router,
                                  GredisConnection *connection,
                                  gboolean          reusable)
{
  g_autoptr(GredisPool) pool = NULL;

  g_return_if_fail (GREDIS_IS_CONNECTION (connection));

  if (!reusable)
    gredis_connection_close (connection);
  pool = _gredis_router_get_pool (router, NULL);
  if (pool != NULL)
    gredis_pool_release (pool, connection);
  else
    {
      /* The router is closed, and its pool with it. */
      gredis_connection_close (connection);
      g_object_unref (connection);
    }
}
