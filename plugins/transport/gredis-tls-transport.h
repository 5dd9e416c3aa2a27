/* gredis-tls-transport.h: the tls transport
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_TLS_TRANSPORT (gredis_tls_transport_get_type ())
G_DECLARE_FINAL_TYPE (GredisTlsTransport, gredis_tls_transport, GREDIS, TLS_TRANSPORT, GObject)

G_END_DECLS
