/* gredis-client-exclusive.c: connections a caller has to itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"

/* Each acquisition opens a connection of its own and each release closes
 * it: correct for every use, if not the cheapest. A pool (GredisPool with
 * GREDIS_POOL_HINT_EXCLUSIVE) can take this over without changing the
 * callers. */

static void
exclusive_open_done (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisConnection *connection = GREDIS_CONNECTION (source);
  GError *error = NULL;

  if (!gredis_connection_open_finish (connection, result, &error))
    g_task_return_error (task, error);
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
      g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                               "%s", _("The connection closed before it was ready."));
      g_object_unref (task);
    }
}

void
_gredis_client_acquire_exclusive_async (GredisClient        *client,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  g_autoptr(GredisConnection) connection = NULL;
  GError *error = NULL;

  g_task_set_source_tag (task, _gredis_client_acquire_exclusive_async);

  if (_gredis_client_is_closed (client))
    {
      g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_CLOSED, "%s",
                               _("The client is closed."));
      return;
    }

  connection = _gredis_client_create_connection (client, &error);
  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* _gredis_client_create_connection() has started opening it. */
  switch (gredis_connection_get_state (connection))
    {
    case GREDIS_CONNECTION_STATE_READY:
      g_task_return_pointer (task, g_steal_pointer (&connection), g_object_unref);
      break;
    case GREDIS_CONNECTION_STATE_CONNECTING:
      g_signal_connect (connection, "notify::state", G_CALLBACK (on_state_ready),
                        g_object_ref (task));
      break;
    default:
      gredis_connection_open_async (connection, cancellable, exclusive_open_done,
                                    g_object_ref (task));
      break;
    }
}

GredisConnection *
_gredis_client_acquire_exclusive_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        _gredis_client_acquire_exclusive_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

void
_gredis_client_release_exclusive (GredisClient     *client,
                                  GredisConnection *connection,
                                  gboolean          reusable)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));

  gredis_connection_close (connection);
  g_object_unref (connection);
}
