/* gredis-pool.h: the interface of connection pools
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-config.h>
#include <gredis/gredis-connection.h>

G_BEGIN_DECLS

/**
 * GREDIS_POOL_EXTENSION_POINT_NAME:
 *
 * The name of the GIO extension point that pool implementations implement.
 */
#define GREDIS_POOL_EXTENSION_POINT_NAME "gredis-pool"

/**
 * GredisPoolMode:
 * @GREDIS_POOL_MODE_SHARED: the command can share a multiplexed connection
 *   with other callers of the same main context.
 * @GREDIS_POOL_MODE_EXCLUSIVE: the caller needs a connection of its own
 *   until it releases it: blocking commands, WATCH/MULTI, pub/sub and
 *   client-side state.
 *
 * Whether a caller may share the connection it acquires.
 */
typedef enum {
  GREDIS_POOL_MODE_SHARED,
  GREDIS_POOL_MODE_EXCLUSIVE,
} GredisPoolMode;

/**
 * GredisPoolIntent:
 * @GREDIS_POOL_INTENT_WRITE: the command may write, or its intent is not
 *   known: it must go to a primary.
 * @GREDIS_POOL_INTENT_READ: the command only reads; a pool may send it to
 *   a replica.
 *
 * What the command does with the data, for pools that can tell primaries
 * from replicas.
 */
typedef enum {
  GREDIS_POOL_INTENT_WRITE,
  GREDIS_POOL_INTENT_READ,
} GredisPoolIntent;

/**
 * GredisTopologyChange:
 * @GREDIS_TOPOLOGY_CHANGE_NONE: nothing that routing depends on changed.
 * @GREDIS_TOPOLOGY_CHANGE_SLOTS: slots are served by another primary, or
 *   by none, or by one again (resharding, failover, a shard lost).
 * @GREDIS_TOPOLOGY_CHANGE_NODE_ADDED: a node joined the cluster.
 * @GREDIS_TOPOLOGY_CHANGE_NODE_REMOVED: a node left the cluster.
 * @GREDIS_TOPOLOGY_CHANGE_FAILOVER: a node changed role: a replica was
 *   promoted, or a primary became a replica.
 *
 * What changed between two slot maps of a Redis Cluster, as
 * #GredisClient::topology-changed reports it.
 */
typedef enum {
  GREDIS_TOPOLOGY_CHANGE_NONE         = 0,
  GREDIS_TOPOLOGY_CHANGE_SLOTS        = 1 << 0,
  GREDIS_TOPOLOGY_CHANGE_NODE_ADDED   = 1 << 1,
  GREDIS_TOPOLOGY_CHANGE_NODE_REMOVED = 1 << 2,
  GREDIS_TOPOLOGY_CHANGE_FAILOVER     = 1 << 3,
} GredisTopologyChange;

/**
 * GREDIS_POOL_NO_SLOT:
 *
 * The slot field of a #GredisPoolRequest for a command that has no key, or of a
 * caller that does not shard by key.
 */
#define GREDIS_POOL_NO_SLOT (-1)

/**
 * GredisPoolRequest:
 * @mode: shared or exclusive
 * @slot: the key slot (0 to 16383) of the command's keys, or
 *   %GREDIS_POOL_NO_SLOT
 * @intent: read or write
 * @node: (nullable): the server the connection must go to (a redirect, a
 *   command sent to every node), or %NULL to let the pool choose
 * @asking: the connection is for a command redirected by an ASK reply
 *   to @node; the caller sends `ASKING` and the command together on it
 *   (one unit of the connection's queue, so that no other command comes
 *   between them)
 *
 * What a caller needs from the connection it acquires: the hint of
 * gredis_pool_acquire_async(). Pools that serve one server look at @mode
 * only; cluster and sentinel pools use the rest.
 *
 * A request is a plain structure: C callers may declare one on the stack
 * and fill it with gredis_pool_request_init(); bindings make one with
 * gredis_pool_request_new(). A pool that needs the request after
 * acquire_async() returns keeps a copy (gredis_pool_request_copy()).
 */
typedef struct _GredisPoolRequest GredisPoolRequest;

struct _GredisPoolRequest
{
  GredisPoolMode mode;
  gint slot;
  GredisPoolIntent intent;
  GSocketConnectable *node;
  gboolean asking;

  /*< private >*/
  gpointer padding[4];
};

#define GREDIS_TYPE_POOL_REQUEST (gredis_pool_request_get_type ())

GREDIS_AVAILABLE_IN_ALL
GType              gredis_pool_request_get_type (void) G_GNUC_CONST;
GREDIS_AVAILABLE_IN_ALL
GredisPoolRequest *gredis_pool_request_new      (GredisPoolMode           mode);
GREDIS_AVAILABLE_IN_ALL
void               gredis_pool_request_init     (GredisPoolRequest       *request,
                                                 GredisPoolMode           mode);
GREDIS_AVAILABLE_IN_ALL
GredisPoolRequest *gredis_pool_request_copy     (const GredisPoolRequest *request);
GREDIS_AVAILABLE_IN_ALL
void               gredis_pool_request_free     (GredisPoolRequest       *request);
GREDIS_AVAILABLE_IN_ALL
void               gredis_pool_request_set_node (GredisPoolRequest       *request,
                                                 GSocketConnectable      *node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisPoolRequest, gredis_pool_request_free)

#define GREDIS_TYPE_POOL (gredis_pool_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (GredisPool, gredis_pool, GREDIS, POOL, GObject)

/**
 * GredisPoolInterface:
 * @g_iface: the parent interface.
 * @acquire_async: starts acquiring a connection for @request, bound to
 *   the thread-default main context of the caller.
 * @acquire_finish: finishes an acquire; the caller owns a reference and
 *   must give the connection back with @release.
 * @release: gives a connection back to the pool.
 * @close: closes every connection; later acquires fail with
 *   %GREDIS_ERROR_CLOSED.
 * @configure: (nullable): gives the pool the configuration it makes
 *   connections from (see gredis_pool_configure()); %NULL for a pool that
 *   needs none.
 * @try_acquire: (nullable): acquires a connection bound to the
 *   thread-default main context without waiting (see
 *   gredis_pool_try_acquire()); %NULL when the pool cannot.
 * @acquire: (nullable): the blocking form of @acquire_async (see
 *   gredis_pool_acquire()); %NULL to let gredis_pool_acquire() run
 *   @acquire_async on a main context of its own.
 *
 * Hands out connections. Implementations are thread-safe. The first four
 * functions are required; the others are optional and checked for %NULL.
 */
struct _GredisPoolInterface
{
  GTypeInterface g_iface;

  void              (*acquire_async)  (GredisPool               *pool,
                                       const GredisPoolRequest  *request,
                                       GCancellable             *cancellable,
                                       GAsyncReadyCallback       callback,
                                       gpointer                  user_data);
  GredisConnection *(*acquire_finish) (GredisPool               *pool,
                                       GAsyncResult             *result,
                                       GError                  **error);
  void              (*release)        (GredisPool               *pool,
                                       GredisConnection         *connection);
  void              (*close)          (GredisPool               *pool);

  void              (*configure)      (GredisPool               *pool,
                                       GredisConfig             *config);
  GredisConnection *(*try_acquire)    (GredisPool               *pool,
                                       const GredisPoolRequest  *request,
                                       GError                  **error);
  GredisConnection *(*acquire)        (GredisPool               *pool,
                                       const GredisPoolRequest  *request,
                                       GCancellable             *cancellable,
                                       GError                  **error);

  /*< private >*/
  gpointer padding[9];
};

GREDIS_AVAILABLE_IN_ALL
GredisPool       *gredis_pool_new_for_name   (const char               *name,
                                              GError                  **error);
GREDIS_AVAILABLE_IN_ALL
void              gredis_pool_configure      (GredisPool               *pool,
                                              GredisConfig             *config);
GREDIS_AVAILABLE_IN_ALL
void              gredis_pool_acquire_async  (GredisPool               *pool,
                                              const GredisPoolRequest  *request,
                                              GCancellable             *cancellable,
                                              GAsyncReadyCallback       callback,
                                              gpointer                  user_data);
GREDIS_AVAILABLE_IN_ALL
GredisConnection *gredis_pool_acquire_finish (GredisPool               *pool,
                                              GAsyncResult             *result,
                                              GError                  **error);
GREDIS_AVAILABLE_IN_ALL
GredisConnection *gredis_pool_acquire        (GredisPool               *pool,
                                              const GredisPoolRequest  *request,
                                              GCancellable             *cancellable,
                                              GError                  **error);
GREDIS_AVAILABLE_IN_ALL
GredisConnection *gredis_pool_try_acquire    (GredisPool               *pool,
                                              const GredisPoolRequest  *request,
                                              GError                  **error);
GREDIS_AVAILABLE_IN_ALL
void              gredis_pool_release        (GredisPool               *pool,
                                              GredisConnection         *connection);
GREDIS_AVAILABLE_IN_ALL
void              gredis_pool_close          (GredisPool               *pool);

G_END_DECLS
