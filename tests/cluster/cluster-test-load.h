/* cluster-test-load.h: a write load on a local cluster, and what the
 * redirect and failover tests share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-test-cluster.h"

G_BEGIN_DECLS

/* The test program's cluster (started in main()). */
extern GredisTestCluster *cluster_test_cluster;

/* redis-cli on @node with the NULL-terminated arguments; the test fails
 * when it does. */
char    *cluster_test_cli          (guint        node,
                                    ...) G_GNUC_NULL_TERMINATED;
/* The fixture node at @port. */
guint    cluster_test_node_of_port (guint16      port);
/* The fixture node that is the primary of @slot now (asked of node 0,
 * then the others). */
guint    cluster_test_primary_of   (guint        slot);
/* A primary other than @node. */
guint    cluster_test_other_primary (guint       node);
/* The replica of the primary @node. */
guint    cluster_test_replica_of   (guint        node);
/* A client of the cluster with these query options ("" for none). */
GredisClient *cluster_test_client_new (const char *options);

/* Runs @func (@data) on a thread of its own while the default main
 * context is iterated, so that asynchronous calls go on meanwhile. */
void     cluster_test_run_aside    (GThreadFunc  func,
                                    gpointer     data);
/* Iterates the default main context until @done (@data) is TRUE; the
 * test fails with @what if that takes more than @timeout_s seconds. */
void     cluster_test_iterate_until (gboolean   (*done) (gpointer data),
                                     gpointer     data,
                                     guint        timeout_s,
                                     const char  *what);

/* A write load: callers, each with a counter key of its own in a range
 * of values of its own (its token: a reply outside it went to the wrong
 * caller), sending INCR after INCR. Asynchronous callers run on the
 * default main context, blocking ones on threads of their own. Keys are
 * random (in every slot range), or all in the slot of the hash tag @tag. */
typedef struct
{
  char *key;
  guint slot;
  gint64 base;          /* the value before the load */
  gint64 acked;         /* INCRs answered */
  gint64 unknown;       /* failed with an unknown outcome (or timed out) */
  gint64 failed;        /* failed otherwise: not applied */
  gint64 last;          /* the last value answered */
  gint64 marked;        /* acked at the last cluster_test_load_mark() */
  gboolean out_of_order;   /* a reply that is not the previous one + 1 */
  gboolean wrong_caller;   /* a reply outside the caller's range */
  char *first_error;
  gboolean busy;        /* an asynchronous INCR is in flight */
} CallerState;

typedef struct _ClusterTestLoad ClusterTestLoad;

ClusterTestLoad *cluster_test_load_start   (GredisClient    *async_client,
                                            GredisClient    *blocking_client,
                                            guint            n_async,
                                            guint            n_blocking,
                                            const char      *tag);
/* Stops sending and waits for every caller. */
void             cluster_test_load_stop    (ClusterTestLoad *load);
void             cluster_test_load_free    (ClusterTestLoad *load);
/* Remembers how far each caller got. */
void             cluster_test_load_mark    (ClusterTestLoad *load);
/* Whether every caller got at least @n more INCRs answered since the
 * mark (for cluster_test_iterate_until()). */
gboolean         cluster_test_load_progressed (ClusterTestLoad *load,
                                               guint            n);
/* After the load stopped: every caller's final value read, and the
 * counts printed. With @exact, no INCR may have failed, every reply was
 * the previous one + 1 and the final value is the base plus the
 * acknowledged count. Otherwise, none was applied twice: the final value
 * is at most the base plus the acknowledged and unknown counts; the
 * acknowledged ones lost are counted and printed. No reply ever went to
 * another caller. Returns the number of acknowledged INCRs lost. */
gint64           cluster_test_load_check   (ClusterTestLoad *load,
                                            GredisClient    *client,
                                            const char      *scenario,
                                            gboolean         exact);
/* The callers whose keys live on the primary @node (now) and the
 * others: whether each of them had no failure at all. */
guint            cluster_test_load_n_callers (ClusterTestLoad *load);
CallerState     *cluster_test_load_get_caller (ClusterTestLoad *load,
                                               guint            i);

G_END_DECLS
