/* gredis-cluster-read.c: which node of a slot serves a read
 * (GredisConfig:read-from)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-cluster-read-private.h"

/* The candidates are the whole node table, those that serve reads of
 * the slot picked by a filter (gredis-read-policy.c): no allocation, a
 * table holds a few nodes per shard. */

typedef struct {
  GPtrArray *nodes;
  guint primary;
  GredisNodeLatencyFunc latency;
  gpointer user_data;
} Candidates;

static gboolean
serves_reads (guint    index,
              gpointer data)
{
  const Candidates *candidates = data;
  const GredisClusterNode *node = g_ptr_array_index (candidates->nodes, index);

  return node->role == GREDIS_CLUSTER_ROLE_REPLICA && node->primary == candidates->primary &&
         node->health == GREDIS_CLUSTER_HEALTH_ONLINE;
}

static gint64
node_latency (guint    index,
              gpointer data)
{
  const Candidates *candidates = data;

  return candidates->latency (g_ptr_array_index (candidates->nodes, index), candidates->user_data);
}

const GredisClusterNode *
_gredis_cluster_choose_reader (GredisClusterTopology  *topology,
                               guint                   slot,
                               GredisReadFrom          policy,
                               guint                  *turn,
                               GredisNodeLatencyFunc   latency,
                               gpointer                user_data)
{
  const GredisClusterNode *primary_node;
  Candidates candidates;
  gint chosen;

  g_return_val_if_fail (slot < GREDIS_CLUSTER_N_SLOTS, NULL);

  if (topology->slots[slot] == GREDIS_CLUSTER_NO_NODE)
    return NULL;
  candidates.nodes = topology->nodes;
  candidates.primary = topology->slots[slot];
  candidates.latency = latency;
  candidates.user_data = user_data;
  primary_node = g_ptr_array_index (topology->nodes, candidates.primary);

  chosen = _gredis_read_policy_choose (policy, topology->nodes->len, serves_reads,
                                       latency != NULL ? node_latency : NULL,
                                       latency != NULL ? latency (primary_node, user_data) : -1,
                                       turn, &candidates);
  return chosen >= 0 ? g_ptr_array_index (topology->nodes, chosen) : primary_node;
}
