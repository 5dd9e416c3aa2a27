/* gredis-client.h: the entry point of applications
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
#include <gredis/gredis-config.h>
#include <gredis/gredis-connection.h>
#include <gredis/gredis-retry.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_CLIENT (gredis_client_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisClient, gredis_client, GREDIS, CLIENT, GObject)

GREDIS_AVAILABLE_IN_ALL
GredisClient     *gredis_client_new                (GredisConfig         *config);
GREDIS_AVAILABLE_IN_ALL
GredisClient     *gredis_client_new_for_uri        (const char           *uri,
                                                    GError              **error);
GREDIS_AVAILABLE_IN_ALL
GredisClient     *gredis_client_new_from_keyfile   (GKeyFile             *key_file,
                                                    const char           *group,
                                                    GError              **error);
GREDIS_AVAILABLE_IN_ALL
GredisConfig     *gredis_client_get_config         (GredisClient         *client);
GREDIS_AVAILABLE_IN_ALL
GredisRetry      *gredis_client_get_retry          (GredisClient         *client);
GREDIS_AVAILABLE_IN_ALL
void              gredis_client_set_retry          (GredisClient         *client,
                                                    GredisRetry          *retry);
GREDIS_AVAILABLE_IN_ALL
GredisConnection *gredis_client_get_connection     (GredisClient         *client,
                                                    GError              **error);
GREDIS_AVAILABLE_IN_ALL
void              gredis_client_close              (GredisClient         *client);
GREDIS_AVAILABLE_IN_ALL
guint64           gredis_client_get_moved_redirects    (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
guint64           gredis_client_get_ask_redirects      (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
guint64           gredis_client_get_topology_refreshes (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
guint64           gredis_client_get_cache_hits          (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
guint64           gredis_client_get_cache_misses        (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
guint64           gredis_client_get_cache_evictions     (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
guint64           gredis_client_get_cache_invalidations (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
guint64           gredis_client_get_cache_bytes         (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
void              gredis_client_clear_cache             (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
GVariant         *gredis_client_get_metrics             (GredisClient     *client);
GREDIS_AVAILABLE_IN_ALL
void              gredis_client_reset_metrics           (GredisClient     *client);

GREDIS_AVAILABLE_IN_ALL
void              gredis_client_command_async      (GredisClient         *client,
                                                    const char * const   *argv,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
void              gredis_client_command_argv_async (GredisClient         *client,
                                                    guint                 argc,
                                                    const char * const   *argv,
                                                    const gsize          *argv_lengths,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
void              gredis_client_command_bytes_async (GredisClient        *client,
                                                    GBytes * const       *args,
                                                    guint                 n_args,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
GredisReply      *gredis_client_command_finish     (GredisClient         *client,
                                                    GAsyncResult         *result,
                                                    GError              **error);

GREDIS_AVAILABLE_IN_ALL
GredisReply      *gredis_client_command            (GredisClient         *client,
                                                    const char * const   *argv,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
GREDIS_AVAILABLE_IN_ALL
GredisReply      *gredis_client_command_argv       (GredisClient         *client,
                                                    guint                 argc,
                                                    const char * const   *argv,
                                                    const gsize          *argv_lengths,
                                                    GCancellable         *cancellable,
                                                    GError              **error);
GREDIS_AVAILABLE_IN_ALL
GredisReply      *gredis_client_command_bytes      (GredisClient         *client,
                                                    GBytes * const       *args,
                                                    guint                 n_args,
                                                    GCancellable         *cancellable,
                                                    GError              **error);

G_END_DECLS
