/* gredis-pool.h: the interface of connection pools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-connection.h>

G_BEGIN_DECLS

/**
 * GREDIS_POOL_EXTENSION_POINT_NAME:
 *
 * The name of the GIO extension point that pool implementations implement.
 */
#define GREDIS_POOL_EXTENSION_POINT_NAME "gredis-pool"

/**
 * GredisPoolHint:
 * @GREDIS_POOL_HINT_SHARED: the command can share a multiplexed connection
 *   with other callers.
 * @GREDIS_POOL_HINT_EXCLUSIVE: the caller needs a connection of its own
 *   until it releases it: blocking commands, WATCH/MULTI, pub/sub and
 *   client-side state.
 *
 * What a caller needs from the connection it acquires.
 */
typedef enum {
  GREDIS_POOL_HINT_SHARED,
  GREDIS_POOL_HINT_EXCLUSIVE,
} GredisPoolHint;

/**
 * GREDIS_POOL_NO_SLOT:
 *
 * The slot argument of gredis_pool_acquire_async() when the command has
 * no key, or the pool does not shard by key.
 */
#define GREDIS_POOL_NO_SLOT (-1)

#define GREDIS_TYPE_POOL (gredis_pool_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (GredisPool, gredis_pool, GREDIS, POOL, GObject)

/**
 * GredisPoolInterface:
 * @g_iface: the parent interface.
 * @acquire_async: starts acquiring a connection for @hint and, for pools
 *   that shard by key, the key slot @slot.
 * @acquire_finish: finishes an acquire; the caller owns a reference and
 *   must give the connection back with @release.
 * @release: gives a connection back to the pool.
 * @close: closes every connection; later acquires fail with
 *   %GREDIS_ERROR_CLOSED.
 *
 * Hands out connections. Implementations are thread-safe.
 */
struct _GredisPoolInterface
{
  GTypeInterface g_iface;

  void              (*acquire_async)  (GredisPool          *pool,
                                       GredisPoolHint       hint,
                                       gint                 slot,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
  GredisConnection *(*acquire_finish) (GredisPool          *pool,
                                       GAsyncResult        *result,
                                       GError             **error);
  void              (*release)        (GredisPool          *pool,
                                       GredisConnection    *connection);
  void              (*close)          (GredisPool          *pool);

  /*< private >*/
  gpointer padding[12];
};

GREDIS_AVAILABLE_IN_ALL
GredisPool       *gredis_pool_new_for_name   (const char           *name,
                                              GError              **error);
GREDIS_AVAILABLE_IN_ALL
void              gredis_pool_acquire_async  (GredisPool           *pool,
                                              GredisPoolHint        hint,
                                              gint                  slot,
                                              GCancellable         *cancellable,
                                              GAsyncReadyCallback   callback,
                                              gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
GredisConnection *gredis_pool_acquire_finish (GredisPool           *pool,
                                              GAsyncResult         *result,
                                              GError              **error);
GREDIS_AVAILABLE_IN_ALL
void              gredis_pool_release        (GredisPool           *pool,
                                              GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
void              gredis_pool_close          (GredisPool           *pool);

G_END_DECLS
