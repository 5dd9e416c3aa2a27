/* gredis-transport.h: the interface of transports
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>

G_BEGIN_DECLS

/**
 * GREDIS_TRANSPORT_EXTENSION_POINT_NAME:
 *
 * The name of the GIO extension point that transport plugins implement.
 */
#define GREDIS_TRANSPORT_EXTENSION_POINT_NAME "gredis-transport"

#define GREDIS_TYPE_TRANSPORT (gredis_transport_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (GredisTransport, gredis_transport, GREDIS, TRANSPORT, GObject)

/**
 * GredisTransportInterface:
 * @g_iface: the parent interface.
 * @connect_async: starts connecting to @endpoint.
 * @connect_finish: finishes a connect and returns a stream whose input
 *   and output streams are pollable (#GPollableInputStream and
 *   #GPollableOutputStream).
 *
 * A transport hands the connection a byte stream to a server; framing and
 * parsing happen above it. Options (timeouts, keepalive, TLS files, server
 * name, verify mode) are GObject properties of the implementation. Every
 * implementation has the #GredisTransport:connect-timeout-ms property.
 */
struct _GredisTransportInterface
{
  GTypeInterface g_iface;

  void       (*connect_async)  (GredisTransport     *transport,
                                GSocketConnectable  *endpoint,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
  GIOStream *(*connect_finish) (GredisTransport     *transport,
                                GAsyncResult        *result,
                                GError             **error);

  /*< private >*/
  gpointer padding[12];
};

GREDIS_AVAILABLE_IN_ALL
GredisTransport *gredis_transport_new_for_name   (const char           *name,
                                                  GError              **error);
GREDIS_AVAILABLE_IN_ALL
void             gredis_transport_connect_async  (GredisTransport      *transport,
                                                  GSocketConnectable   *endpoint,
                                                  GCancellable         *cancellable,
                                                  GAsyncReadyCallback   callback,
                                                  gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
GIOStream       *gredis_transport_connect_finish (GredisTransport      *transport,
                                                  GAsyncResult         *result,
                                                  GError              **error);
GREDIS_AVAILABLE_IN_ALL
GIOStream       *gredis_transport_connect        (GredisTransport      *transport,
                                                  GSocketConnectable   *endpoint,
                                                  GCancellable         *cancellable,
                                                  GError              **error);

G_END_DECLS
