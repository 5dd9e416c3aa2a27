/* gredis-lock.h: a lock held in one Redis server
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

#define GREDIS_TYPE_LOCK (gredis_lock_get_type ())
GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisLock, gredis_lock, GREDIS, LOCK, GObject)

GREDIS_AVAILABLE_IN_ALL
GredisLock   *gredis_lock_new            (GredisClient         *client,
                                          const char           *name,
                                          guint64               ttl_ms);
GREDIS_AVAILABLE_IN_ALL
GredisClient *gredis_lock_get_client     (GredisLock           *lock);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_lock_get_name       (GredisLock           *lock);
GREDIS_AVAILABLE_IN_ALL
guint64       gredis_lock_get_ttl_ms     (GredisLock           *lock);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_lock_get_token      (GredisLock           *lock);

GREDIS_AVAILABLE_IN_ALL
void          gredis_lock_acquire_async  (GredisLock           *lock,
                                          guint64               wait_ms,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_lock_acquire_finish (GredisLock           *lock,
                                          GAsyncResult         *result,
                                          GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_lock_acquire        (GredisLock           *lock,
                                          guint64               wait_ms,
                                          GCancellable         *cancellable,
                                          GError              **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_lock_extend_async   (GredisLock           *lock,
                                          guint64               ttl_ms,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_lock_extend_finish  (GredisLock           *lock,
                                          GAsyncResult         *result,
                                          GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_lock_extend         (GredisLock           *lock,
                                          guint64               ttl_ms,
                                          GCancellable         *cancellable,
                                          GError              **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_lock_release_async  (GredisLock           *lock,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_lock_release_finish (GredisLock           *lock,
                                          GAsyncResult         *result,
                                          GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_lock_release        (GredisLock           *lock,
                                          GCancellable         *cancellable,
                                          GError              **error);

G_END_DECLS
