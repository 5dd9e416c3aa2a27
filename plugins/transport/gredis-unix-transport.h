/* gredis-unix-transport.h: the unix transport
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_UNIX_TRANSPORT (gredis_unix_transport_get_type ())
G_DECLARE_FINAL_TYPE (GredisUnixTransport, gredis_unix_transport, GREDIS, UNIX_TRANSPORT, GObject)

G_END_DECLS
