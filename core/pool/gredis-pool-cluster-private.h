/* gredis-pool-cluster-private.h: what the router asks of the cluster pool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

#define GREDIS_TYPE_POOL_CLUSTER (gredis_pool_cluster_get_type ())
G_DECLARE_FINAL_TYPE (GredisPoolCluster, gredis_pool_cluster, GREDIS, POOL_CLUSTER, GObject)

/* Whether @pool routes shared connections by the request's slot: the
 * router then asks it for each command, with the command's slot, and
 * keeps the connections it gets (one per node and main context). */
static inline gboolean
_gredis_pool_routes_by_slot (GredisPool *pool)
{
  return GREDIS_IS_POOL_CLUSTER (pool);
}

/* A MOVED reply: @slot is served by @host:@port from now on (the map is
 * patched at once; nothing happens before the map is first fetched),
 * and a refresh is asked for. Counted. */
void _gredis_pool_cluster_patch_moved     (GredisPool *pool,
                                           guint       slot,
                                           const char *host,
                                           guint16     port);
/* An ASK reply was followed (counted; the map stays as it is). */
/* A number that changes whenever a slot's commands may start going to
 * another node (a new slot map, a MOVED patch, a new configuration), so
 * that a router may keep, while it stays the same, which connection a
 * slot's commands went to. *@reads_follow_writes: whether reads go where
 * writes go (read-from=primary). */
guint _gredis_pool_cluster_get_epoch      (GredisPool *pool,
                                           gboolean   *reads_follow_writes);
void _gredis_pool_cluster_count_ask       (GredisPool *pool);
/* Asks for the map to be fetched again in the background (a connection
 * to a node failed): at most one fetch in flight and one started per
 * rate-limit window; any thread. */
void _gredis_pool_cluster_request_refresh (GredisPool *pool);
/* The MOVED and ASK replies followed and the fetches of the map started
 * (the first included), so far. */
void _gredis_pool_cluster_get_counters    (GredisPool *pool,
                                           guint64    *n_moved,
                                           guint64    *n_ask,
                                           guint64    *n_fetches);

/* The pool also emits "topology-changed" (one GredisTopologyChange
 * argument) on a thread of its own when a refresh finds the map changed. */

/* See _gredis_router_map_slots(): the node of each slot in the current
 * map, numbered below *@n_nodes, under one lock; FALSE before the map is
 * first fetched. */
gboolean _gredis_pool_cluster_map_slots (GredisPool *pool,
                                         const gint *slots,
                                         guint       n_slots,
                                         guint      *nodes,
                                         guint      *n_nodes);

/* The host (*@host, to free) and port of the primary of @slot in the
 * map; FALSE while the map is not known or no node serves @slot. */
gboolean _gredis_pool_cluster_lookup_slot (GredisPool  *pool,
                                           guint        slot,
                                           char       **host,
                                           guint16     *port);

/* Waits until the slot map is known (fetching it if needed); fails as
 * an acquisition would (the seeds unreachable, the pool closed). */
void       _gredis_pool_cluster_wait_map_async  (GredisPool          *pool,
                                                 GCancellable        *cancellable,
                                                 GAsyncReadyCallback  callback,
                                                 gpointer             user_data);
gboolean   _gredis_pool_cluster_wait_map_finish (GredisPool          *pool,
                                                 GAsyncResult        *result,
                                                 GError             **error);

/* The nodes of the known map, as GNetworkAddress of their announced
 * address (name them in GredisPoolRequest.node: the pool maps them):
 * the primaries that serve slots, in the order of the first slot each
 * serves (the same order for the same map: SCAN's node index), then,
 * with @replicas, the replicas CLUSTER SHARDS does not report failed.
 * NULL when the map is not known yet. */
GPtrArray *_gredis_pool_cluster_dup_nodes       (GredisPool          *pool,
                                                 gboolean             replicas);

G_END_DECLS
