/* gredis-connection.h: one connection to a server
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

#define GREDIS_TYPE_CONNECTION (gredis_connection_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisConnection, gredis_connection, GREDIS, CONNECTION, GObject)

G_END_DECLS
