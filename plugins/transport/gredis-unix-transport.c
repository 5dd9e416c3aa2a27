/* gredis-unix-transport.c: the unix transport
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include "gredis-unix-transport.h"
#include "gredis-transport-common.h"

/*
 * GredisUnixTransport:
 *
 * Unix domain stream sockets: a path, or on Linux an abstract name (a
 * #GUnixSocketAddress of type %G_UNIX_SOCKET_ADDRESS_ABSTRACT), with the
 * same deadline and cancellation as tcp.
 */
struct _GredisUnixTransport
{
  GObject parent_instance;

  guint connect_timeout_ms;
};

enum {
  PROP_0,
  PROP_CONNECT_TIMEOUT_MS,
};

static void gredis_unix_transport_iface_init (GredisTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisUnixTransport, gredis_unix_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT,
                                                      gredis_unix_transport_iface_init))

static void
socket_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisConnectAttempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;
  GSocketConnection *connection;

  connection = gredis_socket_connect_finish (result, &error);
  if (connection == NULL)
    {
      gredis_connect_attempt_return_error (attempt, error);
      return;
    }
  GREDIS_TRANSPORT_DEBUG ("Connected to %s", gredis_connect_attempt_get_description (attempt));
  g_task_return_pointer (task, connection, g_object_unref);
}

static void
gredis_unix_transport_connect_async (GredisTransport     *transport,
                                     GSocketConnectable  *endpoint,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GredisUnixTransport *self = GREDIS_UNIX_TRANSPORT (transport);
  GredisConnectAttempt *attempt;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_unix_transport_connect_async);
  g_task_set_name (task, "[gredis] unix connect");
  attempt = gredis_connect_attempt_new (task, endpoint, self->connect_timeout_ms);

  if (!G_IS_UNIX_SOCKET_ADDRESS (endpoint))
    {
      gredis_connect_attempt_return_error (attempt,
          g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       _("The unix transport connects to Unix socket addresses only, not to %s."),
                       gredis_connect_attempt_get_description (attempt)));
      g_object_unref (task);
      return;
    }

  gredis_socket_connect_async (endpoint, FALSE, attempt, socket_connected, task);
}

static GIOStream *
gredis_unix_transport_connect_finish (GredisTransport  *transport,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, transport), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gredis_unix_transport_connect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gredis_unix_transport_iface_init (GredisTransportInterface *iface)
{
  iface->connect_async = gredis_unix_transport_connect_async;
  iface->connect_finish = gredis_unix_transport_connect_finish;
}

static void
gredis_unix_transport_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GredisUnixTransport *self = GREDIS_UNIX_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT_MS:
      if (self->connect_timeout_ms != g_value_get_uint (value))
        {
          self->connect_timeout_ms = g_value_get_uint (value);
          g_object_notify (object, "connect-timeout-ms");
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_unix_transport_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GredisUnixTransport *self = GREDIS_UNIX_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT_MS:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_unix_transport_class_init (GredisUnixTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = gredis_unix_transport_set_property;
  object_class->get_property = gredis_unix_transport_get_property;

  g_object_class_override_property (object_class, PROP_CONNECT_TIMEOUT_MS, "connect-timeout-ms");
}

static void
gredis_unix_transport_init (GredisUnixTransport *self)
{
  self->connect_timeout_ms = 5000;
}
