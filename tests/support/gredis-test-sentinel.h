/* gredis-test-sentinel.h: a real local Redis Sentinel setup for the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-test-server.h"

G_BEGIN_DECLS

#define GREDIS_TEST_SENTINEL_MASTER_NAME "mymaster"
#define GREDIS_TEST_SENTINEL_N_NODES 2
#define GREDIS_TEST_SENTINEL_N_SENTINELS 3

/* Two redis-servers, node 0 started as the primary and node 1 as its
 * replica (--replicaof), and three sentinels monitoring them as
 * GREDIS_TEST_SENTINEL_MASTER_NAME with a quorum of 2, all on free ports
 * of 127.0.0.1. Which node is the master changes with failovers: see
 * gredis_test_sentinel_get_master_node(). */
typedef struct _GredisTestSentinel GredisTestSentinel;

GredisTestSentinel *gredis_test_sentinel_start            (GError             **error);
void                gredis_test_sentinel_stop             (GredisTestSentinel  *setup);

gboolean            gredis_test_sentinel_wait_ready       (GredisTestSentinel  *setup,
                                                           GError             **error);
gboolean            gredis_test_sentinel_failover         (GredisTestSentinel  *setup,
                                                           GError             **error);
char               *gredis_test_sentinel_cli              (guint16              port,
                                                           GError             **error,
                                                           ...) G_GNUC_NULL_TERMINATED;

GredisTestServer   *gredis_test_sentinel_get_node         (GredisTestSentinel  *setup,
                                                           guint                node);
guint16             gredis_test_sentinel_get_node_port    (GredisTestSentinel  *setup,
                                                           guint                node);
guint               gredis_test_sentinel_get_master_node  (GredisTestSentinel  *setup);
GredisTestServer   *gredis_test_sentinel_get_sentinel     (GredisTestSentinel  *setup,
                                                           guint                sentinel);
guint16             gredis_test_sentinel_get_sentinel_port (GredisTestSentinel *setup,
                                                           guint                sentinel);
void                gredis_test_sentinel_stop_sentinel    (GredisTestSentinel  *setup,
                                                           guint                sentinel);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisTestSentinel, gredis_test_sentinel_stop)

G_END_DECLS
