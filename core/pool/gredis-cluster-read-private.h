/* gredis-cluster-read-private.h: which node of a slot serves a read
 * (GredisConfig:read-from)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"
#include "gredis-address-map-private.h"
#include "gredis-cluster-topology-private.h"
#include "gredis-read-policy-private.h"

G_BEGIN_DECLS

/* The round-trip time of @node in µs, or a negative value when it is not
 * known. */
typedef gint64 (*GredisNodeLatencyFunc) (const GredisClusterNode *node,
                                         gpointer                 user_data);

/*
 * _gredis_cluster_choose_reader:
 * @topology: the slot map
 * @slot: a slot with a primary
 * @policy: the read policy
 * @turn: (inout): the round-robin counter of `replicas`, updated
 *   atomically
 * @latency: (nullable): for `nearest`
 *
 * Returns: the node that serves a read of @slot: its primary, or one of
 *   its replicas that CLUSTER SHARDS does not report loading or failed;
 *   NULL when no node serves the slot
 */
const GredisClusterNode *_gredis_cluster_choose_reader (GredisClusterTopology  *topology,
                                                        guint                   slot,
                                                        GredisReadFrom          policy,
                                                        guint                  *turn,
                                                        GredisNodeLatencyFunc   latency,
                                                        gpointer                user_data);

G_END_DECLS
