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
 * patched at once; nothing happens before the map is first fetched). */
void _gredis_pool_cluster_patch_moved (GredisPool *pool,
                                       guint       slot,
                                       const char *host,
                                       guint16     port);

/* The host (*@host, to free) and port of the primary of @slot in the
 * map; FALSE while the map is not known or no node serves @slot. */
gboolean _gredis_pool_cluster_lookup_slot (GredisPool  *pool,
                                           guint        slot,
                                           char       **host,
                                           guint16     *port);

G_END_DECLS
