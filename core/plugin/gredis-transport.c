/* gredis-transport.c: the interface of transports
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-sync-private.h"

/**
 * GredisTransport:
 *
 * Opens a byte stream to a server: TCP, a Unix socket, TLS … Transports
 * come from plugins; create one with gredis_transport_new_for_name() and
 * set its options as properties.
 */

G_DEFINE_INTERFACE (GredisTransport, gredis_transport, G_TYPE_OBJECT)

static void
gredis_transport_default_init (GredisTransportInterface *iface)
{
  /**
   * GredisTransport:connect-timeout-ms:
   *
   * How long connecting (and any handshake) may take, in milliseconds;
   * 0 waits for ever.
   */
  g_object_interface_install_property (iface,
      g_param_spec_uint ("connect-timeout-ms", NULL, NULL, 0, G_MAXUINT, 5000,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
}

/**
 * gredis_transport_new_for_name:
 * @name: (nullable): the name of a transport plugin (`tcp`, `unix`,
 *   `tls`, `gio-tls`, …), or %NULL for the default
 * @error: return location for a #GError
 *
 * Creates a transport from the plugin registry (see gredis_plugins_lookup()).
 *
 * Returns: (transfer full): a new transport, or %NULL with
 *   %GREDIS_ERROR_PLUGIN_NOT_FOUND
 */
GredisTransport *
gredis_transport_new_for_name (const char  *name,
                               GError     **error)
{
  return GREDIS_TRANSPORT (gredis_plugins_create (GREDIS_PLUGIN_TRANSPORT, name, error));
}

/**
 * gredis_transport_connect_async:
 * @transport: a #GredisTransport
 * @endpoint: where to connect: a #GNetworkAddress, a #GUnixSocketAddress …
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when connected or failed
 * @user_data: data for @callback
 *
 * Connects to @endpoint. @callback runs in the thread-default main
 * context of the caller.
 */
void
gredis_transport_connect_async (GredisTransport     *transport,
                                GSocketConnectable  *endpoint,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_TRANSPORT (transport));
  g_return_if_fail (G_IS_SOCKET_CONNECTABLE (endpoint));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  GREDIS_TRANSPORT_GET_IFACE (transport)->connect_async (transport, endpoint, cancellable,
                                                          callback, user_data);
}

/**
 * gredis_transport_connect_finish:
 * @transport: a #GredisTransport
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes an operation started with gredis_transport_connect_async().
 *
 * Returns: (transfer full): a stream whose input and output streams are
 *   pollable, or %NULL with an error
 */
GIOStream *
gredis_transport_connect_finish (GredisTransport  *transport,
                                 GAsyncResult     *result,
                                 GError          **error)
{
  g_return_val_if_fail (GREDIS_IS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (G_IS_ASYNC_RESULT (result), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return GREDIS_TRANSPORT_GET_IFACE (transport)->connect_finish (transport, result, error);
}

/**
 * gredis_transport_connect:
 * @transport: a #GredisTransport
 * @endpoint: where to connect
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Connects and waits, running the asynchronous connect on a private main
 * context; it is safe from any thread.
 *
 * Returns: (transfer full): a stream, or %NULL with an error
 */
GIOStream *
gredis_transport_connect (GredisTransport     *transport,
                          GSocketConnectable  *endpoint,
                          GCancellable        *cancellable,
                          GError             **error)
{
  GredisSync sync;
  GIOStream *stream;

  g_return_val_if_fail (GREDIS_IS_TRANSPORT (transport), NULL);

  gredis_sync_begin (&sync);
  gredis_transport_connect_async (transport, endpoint, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  stream = gredis_transport_connect_finish (transport, sync.result, error);
  gredis_sync_end (&sync);
  return stream;
}
