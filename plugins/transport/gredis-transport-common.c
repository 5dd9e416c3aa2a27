/* gredis-transport-common.c: what the transport plugins share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <gio/gunixsocketaddress.h>

#include "gredis-transport-common.h"

struct _GredisConnectAttempt
{
  GTask *task;                       /* not owned: the attempt is its task data */
  GCancellable *cancellable;         /* ours: the caller's and the deadline cancel it */
  GCancellable *caller_cancellable;
  gulong caller_handler;
  GSource *deadline;
  gboolean timed_out;
  gboolean handshaking;
  guint timeout_ms;
  char *description;
};

static void
on_caller_cancelled (GCancellable *caller_cancellable,
                     gpointer      user_data)
{
  g_cancellable_cancel (G_CANCELLABLE (user_data));
}

static gboolean
on_deadline (gpointer user_data)
{
  GredisConnectAttempt *attempt = user_data;

  attempt->timed_out = TRUE;
  g_clear_pointer (&attempt->deadline, g_source_unref);
  g_cancellable_cancel (attempt->cancellable);
  return G_SOURCE_REMOVE;
}

/*
 * gredis_connect_attempt_new:
 * @task: the caller's task; the attempt becomes its task data
 * @endpoint: where the task connects, for messages
 * @timeout_ms: the deadline of the whole connect (socket and any
 *   handshake), 0 for none
 *
 * GSocketClient's own timeout is per socket operation and in whole
 * seconds; this deadline covers the whole connect, in milliseconds, and
 * runs in the task's main context.
 */
GredisConnectAttempt *
gredis_connect_attempt_new (GTask              *task,
                            GSocketConnectable *endpoint,
                            guint               timeout_ms)
{
  GredisConnectAttempt *attempt = g_new0 (GredisConnectAttempt, 1);

  attempt->task = task;
  attempt->cancellable = g_cancellable_new ();
  attempt->timeout_ms = timeout_ms;
  attempt->description = g_socket_connectable_to_string (endpoint);
  attempt->caller_cancellable = g_task_get_cancellable (task);
  if (attempt->caller_cancellable != NULL)
    {
      g_object_ref (attempt->caller_cancellable);
      attempt->caller_handler = g_cancellable_connect (attempt->caller_cancellable,
                                                       G_CALLBACK (on_caller_cancelled),
                                                       g_object_ref (attempt->cancellable),
                                                       g_object_unref);
    }
  if (timeout_ms > 0)
    {
      attempt->deadline = g_timeout_source_new (timeout_ms);
      g_source_set_static_name (attempt->deadline, "[gredis] connect deadline");
      g_source_set_callback (attempt->deadline, on_deadline, attempt, NULL);
      g_source_attach (attempt->deadline, g_task_get_context (task));
    }
  g_task_set_task_data (task, attempt, (GDestroyNotify) gredis_connect_attempt_free);
  return attempt;
}

GCancellable *
gredis_connect_attempt_get_cancellable (GredisConnectAttempt *attempt)
{
  return attempt->cancellable;
}

const char *
gredis_connect_attempt_get_description (GredisConnectAttempt *attempt)
{
  return attempt->description;
}

/* From now on a timeout is reported as a handshake timeout. */
void
gredis_connect_attempt_set_handshaking (GredisConnectAttempt *attempt)
{
  attempt->handshaking = TRUE;
}

/*
 * gredis_connect_attempt_return_error:
 * @error: (transfer full): why the connect failed
 *
 * Returns @error on the task that owns @attempt, as a timeout when the
 * deadline passed, and as %G_IO_ERROR_CANCELLED when the caller cancelled.
 */
void
gredis_connect_attempt_return_error (GredisConnectAttempt *attempt,
                                     GError               *error)
{
  if (attempt->caller_cancellable != NULL && g_cancellable_is_cancelled (attempt->caller_cancellable))
    {
      g_clear_error (&error);
      g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("The connect was cancelled."));
    }
  else if (attempt->timed_out)
    {
      g_clear_error (&error);
      if (attempt->handshaking)
        g_set_error (&error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT,
                     _("The TLS handshake with %s did not finish within %u ms."),
                     attempt->description, attempt->timeout_ms);
      else
        g_set_error (&error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT,
                     _("Could not connect to %s within %u ms."),
                     attempt->description, attempt->timeout_ms);
    }
  g_task_return_error (attempt->task, error);
}

void
gredis_connect_attempt_free (GredisConnectAttempt *attempt)
{
  if (attempt->caller_cancellable != NULL)
    {
      g_cancellable_disconnect (attempt->caller_cancellable, attempt->caller_handler);
      g_object_unref (attempt->caller_cancellable);
    }
  if (attempt->deadline != NULL)
    {
      g_source_destroy (attempt->deadline);
      g_source_unref (attempt->deadline);
    }
  g_object_unref (attempt->cancellable);
  g_free (attempt->description);
  g_free (attempt);
}

static void
socket_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  const char *description = g_task_get_task_data (task);
  GError *error = NULL;
  GSocketConnection *connection;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  if (connection == NULL)
    g_task_return_error (task, gredis_transport_map_connect_error (error, description));
  else
    g_task_return_pointer (task, connection, g_object_unref);
}

/*
 * gredis_socket_connect_async:
 *
 * Connects through GSocketClient (every address of the name in turn, IPv6
 * and IPv4 raced as GIO does) under @attempt's cancellable.
 */
void
gredis_socket_connect_async (GSocketConnectable   *endpoint,
                             gboolean              use_proxy,
                             GredisConnectAttempt *attempt,
                             GAsyncReadyCallback   callback,
                             gpointer              user_data)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  GTask *task;

  task = g_task_new (NULL, attempt->cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_socket_connect_async);
  g_task_set_task_data (task, g_strdup (attempt->description), g_free);

  g_socket_client_set_enable_proxy (client, use_proxy);
  g_socket_client_connect_async (client, endpoint, attempt->cancellable, socket_connected, task);
}

GSocketConnection *
gredis_socket_connect_finish (GAsyncResult  *result,
                              GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gredis_socket_connect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
set_int_option (GSocket *socket,
                int      level,
                int      option,
                int      value)
{
  g_autoptr(GError) error = NULL;

  if (!g_socket_set_option (socket, level, option, value, &error))
    GREDIS_TRANSPORT_DEBUG ("Could not set socket option %d/%d: %s", level, option, error->message);
}

void
gredis_socket_set_tcp_options (GSocket  *socket,
                               gboolean  keepalive,
                               guint     keepalive_idle_s,
                               guint     keepalive_interval_s,
                               guint     keepalive_count)
{
  if (g_socket_get_family (socket) != G_SOCKET_FAMILY_IPV4 &&
      g_socket_get_family (socket) != G_SOCKET_FAMILY_IPV6)
    return;

  /* Commands are small and latency-bound; the connection batches writes
   * itself, so Nagle's algorithm only adds delay. */
  set_int_option (socket, IPPROTO_TCP, TCP_NODELAY, 1);
  g_socket_set_keepalive (socket, keepalive);
  if (!keepalive)
    return;
#ifdef TCP_KEEPIDLE
  if (keepalive_idle_s > 0)
    set_int_option (socket, IPPROTO_TCP, TCP_KEEPIDLE, (int) MIN (keepalive_idle_s, G_MAXINT));
#endif
#ifdef TCP_KEEPINTVL
  if (keepalive_interval_s > 0)
    set_int_option (socket, IPPROTO_TCP, TCP_KEEPINTVL, (int) MIN (keepalive_interval_s, G_MAXINT));
#endif
#ifdef TCP_KEEPCNT
  if (keepalive_count > 0)
    set_int_option (socket, IPPROTO_TCP, TCP_KEEPCNT, (int) MIN (keepalive_count, G_MAXINT));
#endif
}

/*
 * gredis_transport_map_connect_error:
 * @error: (transfer full): an error of GSocketClient or the resolver
 *
 * Returns: (transfer full): the error to report
 */
GError *
gredis_transport_map_connect_error (GError     *error,
                                    const char *description)
{
  GError *mapped = NULL;
  const char *reason = NULL;

  if (error->domain == GREDIS_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT))
    {
      mapped = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TIMEOUT,
                            _("Timed out connecting to %s."), description);
      g_error_free (error);
      return mapped;
    }

  if (error->domain == G_RESOLVER_ERROR)
    {
      /* An unknown name is permanent (it is never retried); a failure of
       * the resolver itself may pass. */
      mapped = g_error_new (GREDIS_ERROR,
                            error->code == G_RESOLVER_ERROR_NOT_FOUND ? GREDIS_ERROR_HOST_NOT_FOUND
                                                                      : GREDIS_ERROR_CONNECTION,
                            _("Could not connect to %s: the host name was not found (%s)."),
                            description, error->message);
      g_error_free (error);
      return mapped;
    }

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_CONNECTION_REFUSED:
          reason = _("the connection was refused");
          break;
        case G_IO_ERROR_HOST_UNREACHABLE:
          reason = _("the host is unreachable");
          break;
        case G_IO_ERROR_NETWORK_UNREACHABLE:
          reason = _("the network is unreachable");
          break;
        case G_IO_ERROR_NOT_FOUND:
          reason = _("there is no such socket");
          break;
        case G_IO_ERROR_PERMISSION_DENIED:
          reason = _("permission denied");
          break;
        default:
          break;
        }
    }

  if (reason != NULL)
    mapped = g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                          _("Could not connect to %s: %s."), description, reason);
  else
    mapped = g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                          _("Could not connect to %s (%s)."), description, error->message);
  g_error_free (error);
  return mapped;
}

char *
gredis_transport_endpoint_hostname (GSocketConnectable *endpoint)
{
  if (G_IS_NETWORK_ADDRESS (endpoint))
    return g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (endpoint)));
  if (G_IS_NETWORK_SERVICE (endpoint))
    return g_strdup (g_network_service_get_domain (G_NETWORK_SERVICE (endpoint)));
  if (G_IS_INET_SOCKET_ADDRESS (endpoint))
    return g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (endpoint)));
  return NULL;
}
