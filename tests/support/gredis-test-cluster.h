/* gredis-test-cluster.h: a real local Redis Cluster for the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-test-server.h"

G_BEGIN_DECLS

#define GREDIS_TEST_CLUSTER_N_NODES 6

/* Six redis-servers with --cluster-enabled on free ports of 127.0.0.1,
 * made into 3 primaries with one replica each by redis-cli --cluster
 * create. Nodes are numbered 0 to 5 in the order they were started;
 * which ones are primaries can change (failover): see
 * gredis_test_cluster_is_primary(). */
typedef struct _GredisTestCluster GredisTestCluster;

GredisTestCluster *gredis_test_cluster_start        (GError            **error);
void               gredis_test_cluster_stop         (GredisTestCluster  *cluster);

gboolean           gredis_test_cluster_wait_ready   (GredisTestCluster  *cluster,
                                                     GError            **error);
char              *gredis_test_cluster_cli          (GredisTestCluster  *cluster,
                                                     guint               node,
                                                     GError            **error,
                                                     ...) G_GNUC_NULL_TERMINATED;

GredisTestServer  *gredis_test_cluster_get_server   (GredisTestCluster  *cluster,
                                                     guint               node);
guint16            gredis_test_cluster_get_port     (GredisTestCluster  *cluster,
                                                     guint               node);
gboolean           gredis_test_cluster_is_primary   (GredisTestCluster  *cluster,
                                                     guint               node);
char              *gredis_test_cluster_get_node_id  (GredisTestCluster  *cluster,
                                                     guint               node);
char              *gredis_test_cluster_get_uri      (GredisTestCluster  *cluster,
                                                     guint               node);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisTestCluster, gredis_test_cluster_stop)

G_END_DECLS
