/* gredis-tcp-transport.h: the tcp transport
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_TCP_TRANSPORT (gredis_tcp_transport_get_type ())
G_DECLARE_FINAL_TYPE (GredisTcpTransport, gredis_tcp_transport, GREDIS, TCP_TRANSPORT, GObject)

G_END_DECLS
