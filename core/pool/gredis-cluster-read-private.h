/* gredis-cluster-read-private.h: which node of a slot serves a read
 * (GredisConfig:read-from), and the round-trip times `nearest` uses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"
#include "gredis-address-map-private.h"
#include "gredis-cluster-topology-private.h"

G_BEGIN_DECLS

typedef enum {
  GREDIS_READ_FROM_PRIMARY,
  GREDIS_READ_FROM_PREFER_REPLICA,
  GREDIS_READ_FROM_REPLICAS,
  GREDIS_READ_FROM_NEAREST,
} GredisReadFrom;

/* The policy GredisConfig:read-from names; PRIMARY for NULL. */
GredisReadFrom _gredis_read_from_parse (const char *text);

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

/* A node to measure: where it is announced (the key its time is stored
 * under) and where it is reached. */
typedef struct {
  char *host;
  guint16 port;
  char *reach_host;
  guint16 reach_port;
  gint64 rtt_us;              /* out: negative when it did not answer */
} GredisLatencyProbe;

void _gredis_latency_probe_free (gpointer probe);

/* Measures, in a thread of its own, the round-trip time of each of
 * @probes (of GredisLatencyProbe, taken): a connection made from
 * @config, then the best of three PINGs once it is ready. @done is
 * called in that thread with the probes and @user_data, and must not
 * block. */
void _gredis_latency_probe_run (GredisConfig  *config,
                                GPtrArray     *probes,
                                GFunc          done,
                                gpointer       user_data);

G_END_DECLS
