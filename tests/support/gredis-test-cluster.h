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

/*
 * GredisTestClusterFlags:
 * @GREDIS_TEST_CLUSTER_TLS: every node also listens with TLS on a port
 *   of its own (gredis_test_cluster_get_tls_port()), with a certificate
 *   of one test CA (gredis_test_cluster_get_certs()) valid for
 *   localhost and 127.0.0.1; the cluster bus and replication use TLS
 *   (tls-cluster, tls-replication), so the nodes announce their TLS
 *   ports. The plain ports stay, for the fixture's redis-cli.
 * @GREDIS_TEST_CLUSTER_TLS_WRONG_HOST_LAST: with TLS, the last node
 *   (a replica when the cluster is made) presents a certificate of the
 *   same CA for "wrong.example": the cluster works, a client that
 *   checks host names must refuse that node.
 */
typedef enum {
  GREDIS_TEST_CLUSTER_NONE                 = 0,
  GREDIS_TEST_CLUSTER_TLS                  = 1 << 0,
  GREDIS_TEST_CLUSTER_TLS_WRONG_HOST_LAST  = 1 << 1,
} GredisTestClusterFlags;

GredisTestCluster *gredis_test_cluster_start        (GError            **error);
GredisTestCluster *gredis_test_cluster_start_full   (GredisTestClusterFlags   flags,
                                                     GError                 **error);
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
guint16            gredis_test_cluster_get_tls_port (GredisTestCluster  *cluster,
                                                     guint               node);
GredisTestCerts   *gredis_test_cluster_get_certs    (GredisTestCluster  *cluster);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisTestCluster, gredis_test_cluster_stop)

G_END_DECLS
