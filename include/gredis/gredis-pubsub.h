/* gredis-pubsub.h: publish/subscribe
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-client.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_PUBSUB (gredis_pubsub_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisPubSub, gredis_pubsub, GREDIS, PUBSUB, GObject)

GREDIS_AVAILABLE_IN_ALL
GredisPubSub *gredis_pubsub_new                        (GredisClient         *client);
GREDIS_AVAILABLE_IN_ALL
GredisClient *gredis_pubsub_get_client                 (GredisPubSub         *pubsub);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_get_connected              (GredisPubSub         *pubsub);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_pubsub_get_health_check_interval_s (GredisPubSub        *pubsub);
GREDIS_AVAILABLE_IN_ALL
void          gredis_pubsub_set_health_check_interval_s (GredisPubSub        *pubsub,
                                                        guint                 interval_s);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_pubsub_get_n_subscriptions        (GredisPubSub         *pubsub);
GREDIS_AVAILABLE_IN_ALL
void          gredis_pubsub_close                      (GredisPubSub         *pubsub);

GREDIS_AVAILABLE_IN_ALL
void          gredis_pubsub_subscribe_async            (GredisPubSub         *pubsub,
                                                        const char * const   *channels,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_subscribe_finish           (GredisPubSub         *pubsub,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_subscribe                  (GredisPubSub         *pubsub,
                                                        const char * const   *channels,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_pubsub_psubscribe_async           (GredisPubSub         *pubsub,
                                                        const char * const   *patterns,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_psubscribe_finish          (GredisPubSub         *pubsub,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_psubscribe                 (GredisPubSub         *pubsub,
                                                        const char * const   *patterns,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_pubsub_ssubscribe_async           (GredisPubSub         *pubsub,
                                                        const char * const   *channels,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_ssubscribe_finish          (GredisPubSub         *pubsub,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_ssubscribe                 (GredisPubSub         *pubsub,
                                                        const char * const   *channels,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_pubsub_unsubscribe_async          (GredisPubSub         *pubsub,
                                                        const char * const   *channels,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_unsubscribe_finish         (GredisPubSub         *pubsub,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_unsubscribe                (GredisPubSub         *pubsub,
                                                        const char * const   *channels,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_pubsub_punsubscribe_async         (GredisPubSub         *pubsub,
                                                        const char * const   *patterns,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_punsubscribe_finish        (GredisPubSub         *pubsub,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_punsubscribe               (GredisPubSub         *pubsub,
                                                        const char * const   *patterns,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_pubsub_sunsubscribe_async         (GredisPubSub         *pubsub,
                                                        const char * const   *channels,
                                                        GCancellable         *cancellable,
                                                        GAsyncReadyCallback   callback,
                                                        gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_sunsubscribe_finish        (GredisPubSub         *pubsub,
                                                        GAsyncResult         *result,
                                                        GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_pubsub_sunsubscribe               (GredisPubSub         *pubsub,
                                                        const char * const   *channels,
                                                        GCancellable         *cancellable,
                                                        GError              **error);

G_END_DECLS
