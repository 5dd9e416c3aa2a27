/* gredis-gio-tls-transport.h: the gio-tls transport
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_GIO_TLS_TRANSPORT (gredis_gio_tls_transport_get_type ())
G_DECLARE_FINAL_TYPE (GredisGioTlsTransport, gredis_gio_tls_transport, GREDIS, GIO_TLS_TRANSPORT, GObject)

G_END_DECLS
