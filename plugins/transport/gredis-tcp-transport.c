/* gredis-tcp-transport.c: the tcp transport
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include "gredis-tcp-transport.h"
#include "gredis-transport-common.h"

/*
 * GredisTcpTransport:
 *
 * Plain TCP through GSocketClient: every address of the host name in
 * turn (IPv6 and IPv4 raced, as GIO does), TCP_NODELAY, keepalive, a
 * connect deadline in milliseconds, and GIO's proxy resolver on request.
 */
struct _GredisTcpTransport
{
  GObject parent_instance;

  guint connect_timeout_ms;
  gboolean keepalive;
  guint keepalive_idle_s;
  guint keepalive_interval_s;
  guint keepalive_count;
  gboolean proxy;
};

enum {
  PROP_0,
  PROP_KEEPALIVE,
  PROP_KEEPALIVE_IDLE_S,
  PROP_KEEPALIVE_INTERVAL_S,
  PROP_KEEPALIVE_COUNT,
  PROP_PROXY,
  N_PROPS,
  PROP_CONNECT_TIMEOUT_MS = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

static void gredis_tcp_transport_iface_init (GredisTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisTcpTransport, gredis_tcp_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT,
                                                      gredis_tcp_transport_iface_init))

static void
socket_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisTcpTransport *self = g_task_get_source_object (task);
  GredisConnectAttempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;
  GSocketConnection *connection;

  connection = gredis_socket_connect_finish (result, &error);
  if (connection == NULL)
    {
      gredis_connect_attempt_return_error (attempt, error);
      return;
    }

  gredis_socket_set_tcp_options (g_socket_connection_get_socket (connection), self->keepalive,
                                 self->keepalive_idle_s, self->keepalive_interval_s,
                                 self->keepalive_count);
  GREDIS_TRANSPORT_DEBUG ("Connected to %s", gredis_connect_attempt_get_description (attempt));
  g_task_return_pointer (task, connection, g_object_unref);
}

static void
gredis_tcp_transport_connect_async (GredisTransport     *transport,
                                    GSocketConnectable  *endpoint,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GredisTcpTransport *self = GREDIS_TCP_TRANSPORT (transport);
  GredisConnectAttempt *attempt;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_tcp_transport_connect_async);
  g_task_set_name (task, "[gredis] tcp connect");
  attempt = gredis_connect_attempt_new (task, endpoint, self->connect_timeout_ms);

  if (G_IS_UNIX_SOCKET_ADDRESS (endpoint))
    {
      g_autofree char *description = g_socket_connectable_to_string (endpoint);

      gredis_connect_attempt_return_error (attempt,
          g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       _("The tcp transport cannot connect to the Unix socket %s; use the unix transport."),
                       description));
      g_object_unref (task);
      return;
    }

  gredis_socket_connect_async (endpoint, self->proxy, attempt, socket_connected, task);
}

static GIOStream *
gredis_tcp_transport_connect_finish (GredisTransport  *transport,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, transport), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gredis_tcp_transport_connect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gredis_tcp_transport_iface_init (GredisTransportInterface *iface)
{
  iface->connect_async = gredis_tcp_transport_connect_async;
  iface->connect_finish = gredis_tcp_transport_connect_finish;
}

static void
set_uint (GObject *object,
          guint   *field,
          guint    value,
          guint    prop_id)
{
  if (*field == value)
    return;
  *field = value;
  if (prop_id == PROP_CONNECT_TIMEOUT_MS)
    g_object_notify (object, "connect-timeout-ms");
  else
    g_object_notify_by_pspec (object, properties[prop_id]);
}

static void
set_boolean (GObject  *object,
             gboolean *field,
             gboolean  value,
             guint     prop_id)
{
  value = !!value;
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (object, properties[prop_id]);
}

static void
gredis_tcp_transport_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GredisTcpTransport *self = GREDIS_TCP_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT_MS:
      set_uint (object, &self->connect_timeout_ms, g_value_get_uint (value), prop_id);
      break;
    case PROP_KEEPALIVE:
      set_boolean (object, &self->keepalive, g_value_get_boolean (value), prop_id);
      break;
    case PROP_KEEPALIVE_IDLE_S:
      set_uint (object, &self->keepalive_idle_s, g_value_get_uint (value), prop_id);
      break;
    case PROP_KEEPALIVE_INTERVAL_S:
      set_uint (object, &self->keepalive_interval_s, g_value_get_uint (value), prop_id);
      break;
    case PROP_KEEPALIVE_COUNT:
      set_uint (object, &self->keepalive_count, g_value_get_uint (value), prop_id);
      break;
    case PROP_PROXY:
      set_boolean (object, &self->proxy, g_value_get_boolean (value), prop_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_tcp_transport_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GredisTcpTransport *self = GREDIS_TCP_TRANSPORT (object);

  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT_MS:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;
    case PROP_KEEPALIVE:
      g_value_set_boolean (value, self->keepalive);
      break;
    case PROP_KEEPALIVE_IDLE_S:
      g_value_set_uint (value, self->keepalive_idle_s);
      break;
    case PROP_KEEPALIVE_INTERVAL_S:
      g_value_set_uint (value, self->keepalive_interval_s);
      break;
    case PROP_KEEPALIVE_COUNT:
      g_value_set_uint (value, self->keepalive_count);
      break;
    case PROP_PROXY:
      g_value_set_boolean (value, self->proxy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_tcp_transport_class_init (GredisTcpTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = gredis_tcp_transport_set_property;
  object_class->get_property = gredis_tcp_transport_get_property;

  /*
   * GredisTcpTransport:keepalive:
   *
   * Whether TCP keepalive probes detect a dead peer on an idle connection.
   */
  properties[PROP_KEEPALIVE] =
    g_param_spec_boolean ("keepalive", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /*
   * GredisTcpTransport:keepalive-idle-s:
   *
   * Seconds of idleness before the first probe; 0 keeps the system's value.
   */
  properties[PROP_KEEPALIVE_IDLE_S] =
    g_param_spec_uint ("keepalive-idle-s", NULL, NULL, 0, G_MAXINT, 60,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /*
   * GredisTcpTransport:keepalive-interval-s:
   *
   * Seconds between probes; 0 keeps the system's value.
   */
  properties[PROP_KEEPALIVE_INTERVAL_S] =
    g_param_spec_uint ("keepalive-interval-s", NULL, NULL, 0, G_MAXINT, 15,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /*
   * GredisTcpTransport:keepalive-count:
   *
   * Unanswered probes before the connection is dropped; 0 keeps the
   * system's value.
   */
  properties[PROP_KEEPALIVE_COUNT] =
    g_param_spec_uint ("keepalive-count", NULL, NULL, 0, G_MAXINT, 3,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /*
   * GredisTcpTransport:proxy:
   *
   * Whether to connect through the proxy that GIO's proxy resolver picks
   * for the address (the desktop's settings, or the environment).
   */
  properties[PROP_PROXY] =
    g_param_spec_boolean ("proxy", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_CONNECT_TIMEOUT_MS, "connect-timeout-ms");
}

static void
gredis_tcp_transport_init (GredisTcpTransport *self)
{
  self->connect_timeout_ms = 5000;
  self->keepalive = TRUE;
  self->keepalive_idle_s = 60;
  self->keepalive_interval_s = 15;
  self->keepalive_count = 3;
}
