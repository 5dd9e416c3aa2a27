/* cluster-test-util.h: what the live cluster tests of the client share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>
#include "gredis-test-cluster.h"

G_BEGIN_DECLS

gboolean     cluster_test_have_redis_cli (void);

/* A client of @cluster seeded with node @seed, with URI @options
 * ("read-from=replicas", or NULL). */
GredisClient *cluster_test_client_new    (GredisTestCluster *cluster,
                                          guint              seed,
                                          const char        *options);

/* Runs a command (NULL-terminated arguments) through @client, with the
 * asynchronous API (the thread-default context iterated until the
 * reply) or the blocking one. */
GredisReply *cluster_test_run            (GredisClient      *client,
                                          gboolean           async,
                                          GError           **error,
                                          ...) G_GNUC_NULL_TERMINATED;

/* redis-cli against @node; the test fails if it does. */
char        *cluster_test_cli            (GredisTestCluster *cluster,
                                          guint              node,
                                          ...) G_GNUC_NULL_TERMINATED;

/* A field of INFO commandstats of @node, such as "cmdstat_get" "calls":
 * 0 when the command was never called. */
guint64      cluster_test_command_calls  (GredisTestCluster *cluster,
                                          guint              node,
                                          const char        *command);

/* The node (0 to 5) of the primary that owns @slot now, by CLUSTER NODES
 * of node 0. */
guint        cluster_test_slot_owner     (GredisTestCluster *cluster,
                                          guint              slot);


G_END_DECLS
