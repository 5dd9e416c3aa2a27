/* test-cluster-failover.c: manual and automatic failovers, and a frozen
 * primary, under a write load on a real local cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "cluster-test-load.h"

#define N_ASYNC 24
#define N_BLOCKING 4

/* A failover takes a few node timeouts (1 s in the fixture): commands
 * refused with CLUSTERDOWN meanwhile are sent again for up to about
 * ten seconds. */
#define PATIENT "max-redirects=30&backoff-base-ms=50&backoff-cap-ms=500"
/* Without a periodic refresh, only failed connections tell the client
 * that a node died or froze. */
#define NO_PERIODIC "&cluster-refresh-interval-ms=0"

static gboolean
progressed (gpointer data)
{
  return cluster_test_load_progressed (data, 5);
}

typedef struct
{
  guint node;
} Promotion;

/* Waits until @node says it is a primary. */
static gpointer
wait_promoted (gpointer data)
{
  Promotion *promotion = data;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  while (!gredis_test_cluster_is_primary (cluster_test_cluster, promotion->node))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Node %u was not promoted in time", promotion->node);
      g_usleep (20 * 1000);
    }
  return NULL;
}

static gpointer
failover (gpointer data)
{
  Promotion *promotion = data;
  g_autofree char *answer = cluster_test_cli (promotion->node, "CLUSTER", "FAILOVER", NULL);

  g_assert_true (g_str_has_prefix (answer, "OK"));
  return wait_promoted (data);
}

static gpointer
wait_ready (gpointer data)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gredis_test_cluster_wait_ready (cluster_test_cluster, &error));
  g_assert_no_error (error);
  return NULL;
}

/* A primary of slot 0's range and its replica. */
static void
pick_shard (guint *primary,
            guint *replica)
{
  *primary = cluster_test_primary_of (0);
  *replica = cluster_test_replica_of (*primary);
  g_test_message ("primary: node %u, replica: node %u", *primary, *replica);
}

/* A periodic refresh alone */

typedef struct
{
  guint changes;
} Changes;

static void
on_topology_changed (GredisClient *client,
                     guint         changes,
                     gpointer      user_data)
{
  ((Changes *) user_data)->changes |= changes;
}

static gboolean
failover_seen (gpointer data)
{
  return (((Changes *) data)->changes & GREDIS_TOPOLOGY_CHANGE_FAILOVER) != 0;
}

/* A client that sends nothing after its first command learns of a
 * manual failover from its periodic refresh: no MOVED told it. */
static void
test_periodic_refresh_finds_failover (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new ("cluster-refresh-interval-ms=200");
  const char *argv[] = { "GET", "periodic", NULL };
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  Changes seen = { 0 };
  Promotion promotion;
  guint primary;

  reply = gredis_client_command (client, argv, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (client, "topology-changed", G_CALLBACK (on_topology_changed), &seen);

  pick_shard (&primary, &promotion.node);
  cluster_test_run_aside (failover, &promotion);
  cluster_test_iterate_until (failover_seen, &seen, 30, "the periodic refresh to see the failover");
  g_assert_cmpuint (gredis_client_get_moved_redirects (client), ==, 0);
  g_assert_true (seen.changes & GREDIS_TOPOLOGY_CHANGE_SLOTS);
  cluster_test_run_aside (wait_ready, NULL);
}

/* CLUSTER FAILOVER under load: not one INCR fails, is lost or applied
 * twice, and each reply is its caller's. */
static void
test_manual_failover (void)
{
  g_autoptr(GredisClient) async_client = cluster_test_client_new (PATIENT);
  g_autoptr(GredisClient) blocking_client = cluster_test_client_new (PATIENT);
  ClusterTestLoad *load;
  Promotion promotion;
  guint primary;

  load = cluster_test_load_start (async_client, blocking_client, N_ASYNC, N_BLOCKING, NULL);
  cluster_test_load_mark (load);
  cluster_test_iterate_until (progressed, load, 30, "the load to start");

  pick_shard (&primary, &promotion.node);
  cluster_test_run_aside (failover, &promotion);
  cluster_test_load_mark (load);
  cluster_test_iterate_until (progressed, load, 30, "every caller to write after the failover");
  cluster_test_load_stop (load);

  g_test_message ("MOVED followed: %" G_GUINT64_FORMAT " async, %" G_GUINT64_FORMAT " blocking",
                  gredis_client_get_moved_redirects (async_client),
                  gredis_client_get_moved_redirects (blocking_client));
  g_assert_cmpint (cluster_test_load_check (load, blocking_client, "manual failover", TRUE), ==, 0);
  cluster_test_load_free (load);
  cluster_test_run_aside (wait_ready, NULL);
}

static guint64
clusterdown_count (void)
{
  guint64 total = 0;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *stats = gredis_test_cluster_cli (cluster_test_cluster, node, NULL,
                                                        "INFO", "errorstats", NULL);
      const char *p = stats != NULL ? strstr (stats, "errorstat_CLUSTERDOWN:count=") : NULL;

      if (p != NULL)
        total += g_ascii_strtoull (p + strlen ("errorstat_CLUSTERDOWN:count="), NULL, 10);
    }
  return total;
}

/* The callers whose keys were not served by @port had no failure:
 * CLUSTERDOWN, while the cluster lacked a primary, was waited out. */
static void
check_other_shards (ClusterTestLoad *load,
                    guint            killed)
{
  guint n_checked = 0;

  for (guint i = 0; i < cluster_test_load_n_callers (load); i++)
    {
      CallerState *caller = cluster_test_load_get_caller (load, i);

      /* The killed node's slots are those its replica serves now. */
      if (cluster_test_primary_of (caller->slot) == killed)
        continue;
      g_assert_cmpstr (caller->first_error, ==, NULL);
      n_checked++;
    }
  g_assert_cmpuint (n_checked, >, 0);
}

/* SIGKILL of a primary under load: its replica is promoted; writes on
 * its slots fail meanwhile (counted: acknowledged, applied, unknown),
 * none is applied twice, then they succeed again; writes on the other
 * shards never fail: CLUSTERDOWN is waited out. The clients learn of
 * the new primary from their failed connections. The node is restarted
 * and rejoins as a replica. */
static void
test_sigkill_primary (void)
{
  g_autoptr(GredisClient) async_client = cluster_test_client_new (PATIENT NO_PERIODIC);
  g_autoptr(GredisClient) blocking_client = cluster_test_client_new (PATIENT NO_PERIODIC);
  g_autoptr(GError) error = NULL;
  ClusterTestLoad *load;
  Promotion promotion;
  guint64 clusterdown;
  guint primary;

  load = cluster_test_load_start (async_client, blocking_client, N_ASYNC, N_BLOCKING, NULL);
  cluster_test_load_mark (load);
  cluster_test_iterate_until (progressed, load, 30, "the load to start");

  pick_shard (&primary, &promotion.node);
  clusterdown = clusterdown_count ();
  gredis_test_server_kill (gredis_test_cluster_get_server (cluster_test_cluster, primary));
  cluster_test_run_aside (wait_promoted, &promotion);
  cluster_test_load_mark (load);
  cluster_test_iterate_until (progressed, load, 60, "every caller to write after the failover");
  cluster_test_load_stop (load);

  g_test_message ("CLUSTERDOWN replies during the failover: %" G_GUINT64_FORMAT,
                  clusterdown_count () - clusterdown);
  g_test_message ("refreshes: %" G_GUINT64_FORMAT " async, %" G_GUINT64_FORMAT " blocking",
                  gredis_client_get_topology_refreshes (async_client),
                  gredis_client_get_topology_refreshes (blocking_client));
  cluster_test_load_check (load, blocking_client, "SIGKILL of a primary", FALSE);
  check_other_shards (load, promotion.node);
  cluster_test_load_free (load);

  g_assert_true (gredis_test_server_restart (gredis_test_cluster_get_server (cluster_test_cluster,
                                                                            primary), &error));
  g_assert_no_error (error);
  cluster_test_run_aside (wait_ready, NULL);
}

/* A primary frozen with SIGSTOP under load: commands to it time out (no
 * caller hangs), its replica is promoted, the client finds it and the
 * errors stop; after SIGCONT the old primary rejoins as a replica and
 * everything goes on. */
static void
test_frozen_primary (void)
{
  g_autoptr(GredisClient) async_client = cluster_test_client_new (PATIENT NO_PERIODIC "&command-timeout-ms=1000");
  g_autoptr(GredisClient) blocking_client = cluster_test_client_new (PATIENT NO_PERIODIC "&command-timeout-ms=1000");
  GredisTestServer *server;
  ClusterTestLoad *load;
  Promotion promotion;
  guint primary;

  load = cluster_test_load_start (async_client, blocking_client, N_ASYNC, N_BLOCKING, NULL);
  cluster_test_load_mark (load);
  cluster_test_iterate_until (progressed, load, 30, "the load to start");

  pick_shard (&primary, &promotion.node);
  server = gredis_test_cluster_get_server (cluster_test_cluster, primary);
  gredis_test_server_pause (server);
  cluster_test_run_aside (wait_promoted, &promotion);
  cluster_test_load_mark (load);
  cluster_test_iterate_until (progressed, load, 60, "every caller to write after the failover");

  gredis_test_server_resume (server);
  cluster_test_run_aside (wait_ready, NULL);
  cluster_test_load_mark (load);
  cluster_test_iterate_until (progressed, load, 60, "every caller to write after SIGCONT");
  cluster_test_load_stop (load);

  cluster_test_load_check (load, blocking_client, "SIGSTOP of a primary", FALSE);
  cluster_test_load_free (load);
}

static gboolean
have_redis_cli (void)
{
  g_autofree char *path = g_find_program_in_path ("redis-cli");

  return path != NULL;
}

static void
skip_without_redis_cli (void)
{
  g_test_skip ("redis-cli is needed to create the cluster (Debian: redis-tools).");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!have_redis_cli ())
    {
      g_test_add_func ("/cluster/failover/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster_test_cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/failover/periodic-refresh", test_periodic_refresh_finds_failover);
  g_test_add_func ("/cluster/failover/manual", test_manual_failover);
  g_test_add_func ("/cluster/failover/sigkill", test_sigkill_primary);
  g_test_add_func ("/cluster/failover/sigstop", test_frozen_primary);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster_test_cluster);
  return status;
}
