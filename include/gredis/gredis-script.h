/* gredis-script.h: Lua scripts run by their SHA1
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-reply.h>
#include <gredis/gredis-client.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_SCRIPT (gredis_script_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisScript, gredis_script, GREDIS, SCRIPT, GObject)

GREDIS_AVAILABLE_IN_ALL
GredisScript *gredis_script_new            (const char           *source);
GREDIS_AVAILABLE_IN_ALL
GredisScript *gredis_script_new_from_bytes (GBytes               *source);
GREDIS_AVAILABLE_IN_ALL
GBytes       *gredis_script_get_source     (GredisScript         *script);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_script_get_sha1       (GredisScript         *script);

GREDIS_AVAILABLE_IN_ALL
void          gredis_script_load_async     (GredisScript         *script,
                                            GredisClient         *client,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_script_load_finish    (GredisScript         *script,
                                            GAsyncResult         *result,
                                            GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_script_load           (GredisScript         *script,
                                            GredisClient         *client,
                                            GCancellable         *cancellable,
                                            GError              **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_script_run_async      (GredisScript         *script,
                                            GredisClient         *client,
                                            const char * const   *keys,
                                            const char * const   *args,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
GredisReply  *gredis_script_run_finish     (GredisScript         *script,
                                            GAsyncResult         *result,
                                            GError              **error);
GREDIS_AVAILABLE_IN_ALL
GredisReply  *gredis_script_run            (GredisScript         *script,
                                            GredisClient         *client,
                                            const char * const   *keys,
                                            const char * const   *args,
                                            GCancellable         *cancellable,
                                            GError              **error);

G_END_DECLS
