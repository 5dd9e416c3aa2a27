/* test-sentinel-reads.c: reads from the replicas of a master watched by
 * Redis Sentinel (GredisConfig:read-from)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Where a command ran is read from the servers themselves: the calls of
 * GET and SET in INFO commandstats of each node, before and after. GET
 * is not replicated, so a node's GET calls are the reads it served; a
 * SET that succeeds ran on the master (a replica refuses it), and the
 * master's SET calls count it. The tests run in order on one setup: the
 * replica killed and restarted, then a failover.
 */
#include "gredis-test-sentinel.h"

#include <stdlib.h>
#include <string.h>

static GredisTestSentinel *setup;

/* Time for the sentinels to see a change and for the pool to read the
 * replicas again (the sentinels look at a replica's link every 10 s). */
#define WAIT_US (60 * G_USEC_PER_SEC)
#define N_READS 20

static GredisClient *
new_client (const char *query)
{
  g_autoptr(GString) uri = g_string_new ("redis+sentinel://");
  g_autoptr(GError) error = NULL;
  GredisClient *client;

  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    g_string_append_printf (uri, "%s127.0.0.1:%u", i > 0 ? "," : "",
                            gredis_test_sentinel_get_sentinel_port (setup, i));
  g_string_append_printf (uri, "/%s?retries=10&backoff-cap-ms=100&%s",
                          GREDIS_TEST_SENTINEL_MASTER_NAME, query);
  client = gredis_client_new_for_uri (uri->str, &error);
  g_assert_no_error (error);
  return client;
}

/* The calls of @command (lower case) on @node so far; 0 when the node
 * does not answer (it is down). */
static guint64
calls (guint       node,
       const char *command)
{
  g_autofree char *stats = gredis_test_sentinel_cli (gredis_test_sentinel_get_node_port (setup, node), NULL,
                                                     "INFO", "commandstats", NULL);
  g_autofree char *needle = g_strdup_printf ("cmdstat_%s:calls=", command);
  const char *found;

  if (stats == NULL || (found = strstr (stats, needle)) == NULL)
    return 0;
  return g_ascii_strtoull (found + strlen (needle), NULL, 10);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Runs @argv, blocking or async; fails the test when it fails. */
static void
run (GredisClient       *client,
     const char * const *argv,
     gboolean            async)
{
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (async)
    {
      g_autoptr(GAsyncResult) result = NULL;

      gredis_client_command_async (client, argv, NULL, store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      reply = gredis_client_command_finish (client, result, &error);
    }
  else
    reply = gredis_client_command (client, argv, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_false (gredis_reply_is_error (reply));
}

/* N_READS GETs, half blocking, half async: whether @node served every
 * one of them (and so the other none). */
static gboolean
reads_land_on (GredisClient *client,
               guint         node)
{
  static const char * const get[] = { "GET", "sentinel:reads", NULL };
  guint64 before = calls (node, "get");
  guint64 other_before = calls (1 - node, "get");
  guint64 served, other;

  for (guint i = 0; i < N_READS; i++)
    run (client, get, i % 2 == 1);
  served = calls (node, "get") - before;
  other = calls (1 - node, "get") - other_before;
  g_test_message ("%u reads: %" G_GUINT64_FORMAT " on node %u, %" G_GUINT64_FORMAT " on node %u",
                  N_READS, served, node, other, 1 - node);
  return served == N_READS && other == 0;
}

/* Until every read lands on @node: the pool learns of changes from the
 * sentinels, which see them after a while. */
static void
wait_reads_on (GredisClient *client,
               guint         node)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  while (!reads_land_on (client, node))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("The reads did not all go to node %u in time", node);
      g_usleep (200 * 1000);
    }
}

/* N_READS SETs, half blocking, half async, all on the master. */
static void
assert_writes_on_master (GredisClient *client)
{
  static const char * const set[] = { "SET", "sentinel:reads", "1", NULL };
  guint master = gredis_test_sentinel_get_master_node (setup);
  guint64 before = calls (master, "set");

  for (guint i = 0; i < N_READS; i++)
    run (client, set, i % 2 == 1);
  g_assert_cmpuint (calls (master, "set") - before, >=, N_READS);
}

static guint
replica_node (void)
{
  return 1 - gredis_test_sentinel_get_master_node (setup);
}

/* The default: reads go to the master as writes do. */
static void
test_primary (void)
{
  g_autoptr(GredisClient) client = new_client ("read-from=primary");

  assert_writes_on_master (client);
  g_assert_true (reads_land_on (client, gredis_test_sentinel_get_master_node (setup)));
}

/* prefer-replica and replicas: reads on the replica, writes on the
 * master. */
static void
test_prefer_replica (void)
{
  g_autoptr(GredisClient) client = new_client ("read-from=prefer-replica");

  assert_writes_on_master (client);
  wait_reads_on (client, replica_node ());
  assert_writes_on_master (client);
  g_assert_true (reads_land_on (client, replica_node ()));
}

static void
test_round_robin (void)
{
  g_autoptr(GredisClient) client = new_client ("read-from=replicas");

  wait_reads_on (client, replica_node ());
  assert_writes_on_master (client);
}

/* nearest: the master or the replica, whichever answers first; every
 * read succeeds, and served by one of them. */
static void
test_nearest (void)
{
  static const char * const get[] = { "GET", "sentinel:reads", NULL };
  g_autoptr(GredisClient) client = new_client ("read-from=nearest");
  guint64 before = calls (0, "get") + calls (1, "get");

  for (guint i = 0; i < N_READS; i++)
    run (client, get, i % 2 == 1);
  g_assert_cmpuint (calls (0, "get") + calls (1, "get") - before, ==, N_READS);
  assert_writes_on_master (client);
}

/* The replica killed: reads go to the master (those under way when it
 * died are retried there); restarted, the replica serves them again. */
static void
test_replica_killed (void)
{
  g_autoptr(GredisClient) client = new_client ("read-from=prefer-replica");
  guint replica = replica_node ();
  guint master = 1 - replica;
  GredisTestServer *server = gredis_test_sentinel_get_node (setup, replica);
  g_autoptr(GError) error = NULL;

  wait_reads_on (client, replica);
  gredis_test_server_kill (server);
  /* Its connections fail; the reads are retried, on the master. */
  g_assert_true (reads_land_on (client, master));
  g_assert_true (reads_land_on (client, master));
  assert_writes_on_master (client);

  g_assert_true (gredis_test_server_restart (server, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_test_sentinel_wait_ready (setup, &error));
  g_assert_no_error (error);
  wait_reads_on (client, replica);
}

/* SENTINEL FAILOVER: the replica promoted serves writes and no reads as
 * a replica; the old master, now a replica, serves the reads. */
static void
test_failover (void)
{
  g_autoptr(GredisClient) blocking = new_client ("read-from=prefer-replica");
  guint old_master = gredis_test_sentinel_get_master_node (setup);
  g_autoptr(GError) error = NULL;

  wait_reads_on (blocking, 1 - old_master);
  g_assert_true (gredis_test_sentinel_failover (setup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_test_sentinel_get_master_node (setup), ==, 1 - old_master);
  assert_writes_on_master (blocking);
  wait_reads_on (blocking, old_master);
  assert_writes_on_master (blocking);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sentinel/reads/primary", test_primary);
  g_test_add_func ("/sentinel/reads/prefer-replica", test_prefer_replica);
  g_test_add_func ("/sentinel/reads/round-robin", test_round_robin);
  g_test_add_func ("/sentinel/reads/nearest", test_nearest);
  g_test_add_func ("/sentinel/reads/replica-killed", test_replica_killed);
  g_test_add_func ("/sentinel/reads/failover", test_failover);

  setup = gredis_test_sentinel_start (&error);
  g_assert_no_error (error);
  status = g_test_run ();
  g_clear_pointer (&setup, gredis_test_sentinel_stop);
  return status;
}
