/* gredis-cluster-topology-private.h: the slot map of a Redis Cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

#define GREDIS_CLUSTER_N_SLOTS 16384
/* The slots[] entry of a slot that no node serves. */
#define GREDIS_CLUSTER_NO_NODE G_MAXUINT16

typedef enum {
  GREDIS_CLUSTER_ROLE_PRIMARY,
  GREDIS_CLUSTER_ROLE_REPLICA,
} GredisClusterRole;

/* The "health" of CLUSTER SHARDS; ONLINE when the server does not say. */
typedef enum {
  GREDIS_CLUSTER_HEALTH_ONLINE,
  GREDIS_CLUSTER_HEALTH_LOADING,
  GREDIS_CLUSTER_HEALTH_FAILED,
} GredisClusterHealth;

typedef struct {
  char *id;                   /* NULL when unknown (CLUSTER SLOTS of old
                               * servers, a node first seen in a MOVED) */
  char *host;
  guint16 port;
  guint8 role;                /* GredisClusterRole */
  guint8 health;              /* GredisClusterHealth */
  guint16 primary;            /* a replica's primary (its index in nodes);
                               * a primary's own index */
} GredisClusterNode;

typedef struct {
  GPtrArray *nodes;           /* of GredisClusterNode, at most
                               * GREDIS_CLUSTER_NO_NODE of them */
  guint16 slots[GREDIS_CLUSTER_N_SLOTS];  /* index of the slot's primary */
} GredisClusterTopology;

GredisClusterTopology   *_gredis_cluster_topology_new             (void);
void                     _gredis_cluster_topology_free            (GredisClusterTopology *topology);

GredisClusterTopology   *_gredis_cluster_topology_new_from_shards (GredisReply           *reply,
                                                                   const char            *seed_host,
                                                                   GError               **error);
GredisClusterTopology   *_gredis_cluster_topology_new_from_shards_full (GredisReply      *reply,
                                                                   const char       *seed_host,
                                                                   gboolean          tls,
                                                                   GError          **error);
GredisClusterTopology   *_gredis_cluster_topology_new_from_slots  (GredisReply           *reply,
                                                                   const char            *seed_host,
                                                                   GError               **error);

const GredisClusterNode *_gredis_cluster_topology_get_primary     (GredisClusterTopology *topology,
                                                                   guint                  slot);
guint                    _gredis_cluster_topology_find_node       (GredisClusterTopology *topology,
                                                                   const char            *host,
                                                                   guint16                port);
gboolean                 _gredis_cluster_topology_patch_moved     (GredisClusterTopology *topology,
                                                                   guint                  slot,
                                                                   const char            *host,
                                                                   guint16                port);
gboolean                 _gredis_cluster_topology_equal           (GredisClusterTopology *a,
                                                                   GredisClusterTopology *b);
guint                    _gredis_cluster_topology_choose          (GPtrArray             *views);

void                     _gredis_cluster_topology_fetch_async     (GredisConfig          *config,
                                                                   GPtrArray             *seeds,
                                                                   GSocketConnectable    *last_failed,
                                                                   guint                  n_views,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
void                     _gredis_cluster_topology_refresh_async   (GredisConfig          *config,
                                                                   GPtrArray             *candidates,
                                                                   GSocketConnectable    *last_failed,
                                                                   GCancellable          *cancellable,
                                                                   GAsyncReadyCallback    callback,
                                                                   gpointer               user_data);
GredisClusterTopology   *_gredis_cluster_topology_fetch_finish    (GAsyncResult          *result,
                                                                   GError               **error);
GSocketConnectable      *_gredis_cluster_topology_fetch_get_failed (GAsyncResult         *result);

GredisClusterTopology   *_gredis_cluster_topology_copy            (GredisClusterTopology *topology);
guint                    _gredis_cluster_topology_diff            (GredisClusterTopology *old,
                                                                   GredisClusterTopology *new);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisClusterTopology, _gredis_cluster_topology_free)

G_END_DECLS
