/* bench-cluster-failover.c: how fast the cluster client recovers from a
 * primary's death, and what its refreshes cost the cluster
 *
 * Measures and prints; asserts nothing (tests/cluster checks
 * correctness). Run it from the build tree:
 *   build/bench/bench-cluster-failover [n-clients]
 * It starts a local six-node cluster of its own (the test fixture of
 * tests/support), kills primaries with SIGKILL and restarts them.
 *
 * (c) A writer INCRs a key of a primary, which is then killed; printed:
 *     the time the cluster took to promote the replica (ROLE polled every
 *     5 ms on a side connection), the time to the first write the client
 *     got acknowledged on those slots, and their difference (goal: the
 *     client within 1 s of the cluster).
 * (d) 50 clients (asynchronous, one main loop) INCR keys in every slot
 *     range while another primary is killed; printed: the CLUSTER
 *     SHARDS/SLOTS calls the surviving nodes served (INFO commandstats)
 *     and the clients' own count of fetches of the map, against the goal
 *     of at most one per client per rate-limit window (0.5 s) of the
 *     failover.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-cluster.h"

#define WINDOW_S 0.5

static GredisTestCluster *cluster;

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static char *
cli (guint node,
     ...)
{
  const char *args[6] = { NULL, };
  guint n = 0;
  const char *arg;
  va_list ap;

  va_start (ap, node);
  while ((arg = va_arg (ap, const char *)) != NULL && n < G_N_ELEMENTS (args) - 1)
    args[n++] = arg;
  va_end (ap);
  return gredis_test_cluster_cli (cluster, node, NULL, args[0], args[1], args[2], args[3],
                                  args[4], NULL);
}

static guint
node_of_port (guint16 port)
{
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    if (gredis_test_cluster_get_port (cluster, i) == port)
      return i;
  g_error ("No node on port %u", port);
}

/* The primary serving the key (CLUSTER KEYSLOT and CLUSTER NODES), and its
 * replica. */
static void
shard_of (const char *key,
          guint      *primary,
          guint      *replica)
{
  g_autofree char *slot_text = NULL;
  g_autofree char *nodes = NULL;
  g_auto(GStrv) lines = NULL;
  g_autofree char *primary_id = NULL;
  guint slot;
  guint asked;

  for (asked = 0; asked < GREDIS_TEST_CLUSTER_N_NODES; asked++)
    if ((nodes = cli (asked, "CLUSTER", "NODES", NULL)) != NULL)
      break;
  g_assert (nodes != NULL);
  slot_text = cli (asked, "CLUSTER", "KEYSLOT", key, NULL);
  slot = (guint) g_ascii_strtoull (slot_text, NULL, 10);
  lines = g_strsplit (nodes, "\n", -1);
  *primary = *replica = G_MAXUINT;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (fields) < 9 || strstr (fields[2], "master") == NULL ||
          strstr (fields[2], "fail") != NULL)
        continue;
      for (guint j = 8; fields[j] != NULL; j++)
        {
          char *dash;
          guint64 start = g_ascii_strtoull (fields[j], &dash, 10);
          guint64 end = *dash == '-' ? g_ascii_strtoull (dash + 1, NULL, 10) : start;

          if (fields[j][0] != '[' && slot >= start && slot <= end)
            {
              *primary = node_of_port ((guint16) g_ascii_strtoull (strrchr (fields[1], ':') + 1, NULL, 10));
              primary_id = g_strdup (fields[0]);
            }
        }
    }
  g_assert (primary_id != NULL);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (fields) >= 8 && strstr (fields[2], "slave") != NULL &&
          g_str_equal (fields[3], primary_id))
        *replica = node_of_port ((guint16) g_ascii_strtoull (strrchr (fields[1], ':') + 1, NULL, 10));
    }
  g_assert (*replica != G_MAXUINT);
}

static GredisClient *
cluster_client (void)
{
  g_autoptr(GString) uri = g_string_new ("redis+cluster://");
  g_autoptr(GError) error = NULL;
  GredisClient *client;

  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    g_string_append_printf (uri, "%s127.0.0.1:%u", i > 0 ? "," : "",
                            gredis_test_cluster_get_port (cluster, i));
  client = gredis_client_new_for_uri (uri->str, &error);
  if (client == NULL)
    g_error ("%s", error->message);
  return client;
}

/* Polls ROLE on @node (its own plain client) until it says master;
 * returns when it did. */
typedef struct
{
  guint node;
  double promoted;
  gint done;
} Poller;

static gpointer
poll_promotion (gpointer data)
{
  Poller *poller = data;
  g_autofree char *uri = gredis_test_cluster_get_uri (cluster, poller->node);
  g_autoptr(GredisClient) client = gredis_client_new_for_uri (uri, NULL);
  const char *argv[] = { "ROLE", NULL };

  for (;;)
    {
      g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, NULL);

      if (reply != NULL && gredis_reply_get_n_elements (reply) > 0 &&
          g_strcmp0 (gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL),
                     "master") == 0)
        break;
      g_usleep (5000);
    }
  poller->promoted = now_s ();
  g_atomic_int_set (&poller->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static void
wait_ready (void)
{
  g_autoptr(GError) error = NULL;

  if (!gredis_test_cluster_wait_ready (cluster, &error))
    g_error ("%s", error->message);
}

static void
restart (guint node)
{
  g_autoptr(GError) error = NULL;

  if (!gredis_test_server_restart (gredis_test_cluster_get_server (cluster, node), &error))
    g_error ("%s", error->message);
  wait_ready ();
}

/* (c) */
static void
bench_recovery_time (void)
{
  g_autoptr(GredisClient) client = cluster_client ();
  const char *argv[] = { "INCR", "{failover}:c", NULL };
  Poller poller = { 0, };
  GThread *thread;
  guint primary;
  double killed, first_write = 0;
  guint n_errors = 0;

  shard_of ("{failover}:c", &primary, &poller.node);
  for (guint i = 0; i < 100; i++)
    {
      g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, NULL);
    }

  gredis_test_server_kill (gredis_test_cluster_get_server (cluster, primary));
  killed = now_s ();
  thread = g_thread_new ("poller", poll_promotion, &poller);
  while (first_write == 0)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, &error);

      if (reply != NULL)
        first_write = now_s ();
      else
        {
          n_errors++;
          g_usleep (1000);
        }
    }
  g_thread_join (thread);

  g_print ("(c) SIGKILL of a primary (node %u), replica node %u:\n", primary, poller.node);
  g_print ("    cluster promoted the replica after   %8.3f s\n", poller.promoted - killed);
  g_print ("    first acknowledged write after       %8.3f s  (%u failed attempts before)\n",
           first_write - killed, n_errors);
  g_print ("    client behind the cluster by         %8.3f s  (goal: <= 1 s)\n",
           first_write - poller.promoted);
  restart (primary);
}

/* (d) */
typedef struct
{
  GredisClient *client;
  char *key;
  guint64 acked;
  guint64 marked;
  gboolean busy;
} Writer;

static gint stop_writers;

static void write_next (Writer *writer);

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Writer *writer = user_data;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (writer->client, result, NULL);

  writer->busy = FALSE;
  if (reply != NULL)
    writer->acked++;
  if (!g_atomic_int_get (&stop_writers))
    write_next (writer);
}

static void
write_next (Writer *writer)
{
  const char *argv[] = { "INCR", writer->key, NULL };

  writer->busy = TRUE;
  gredis_client_command_async (writer->client, argv, NULL, on_written, writer);
}

static gboolean
keep_ticking (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

static guint64
shards_calls (void)
{
  guint64 total = 0;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *stats = cli (node, "INFO", "commandstats", NULL);
      static const char * const names[] = { "cmdstat_cluster|shards:calls=",
                                            "cmdstat_cluster|slots:calls=" };

      for (guint i = 0; stats != NULL && i < G_N_ELEMENTS (names); i++)
        {
          const char *p = strstr (stats, names[i]);

          if (p != NULL)
            total += g_ascii_strtoull (p + strlen (names[i]), NULL, 10);
        }
    }
  return total;
}

static guint64
fetches_of (Writer *writers,
            guint   n)
{
  guint64 total = 0;

  for (guint i = 0; i < n; i++)
    total += gredis_client_get_topology_refreshes (writers[i].client);
  return total;
}

static void
bench_refresh_cost (guint n_clients)
{
  g_autofree Writer *writers = g_new0 (Writer, n_clients);
  Poller poller = { 0, };
  guint tick;
  GThread *thread;
  guint primary;
  guint64 calls_before, fetches_before, calls, fetches, max_fetches = 0;
  double killed, recovered, windows;
  gboolean all;

  /* Wakes the main loop up to look at the poller. */
  tick = g_timeout_add (5, keep_ticking, NULL);
  for (guint i = 0; i < n_clients; i++)
    {
      writers[i].client = cluster_client ();
      writers[i].key = g_strdup_printf ("writer:%u", i);
      write_next (&writers[i]);
    }
  /* Every client knows the map and writes. */
  do
    {
      g_main_context_iteration (NULL, TRUE);
      all = TRUE;
      for (guint i = 0; i < n_clients; i++)
        all &= writers[i].acked >= 10;
    }
  while (!all);

  shard_of ("{d}", &primary, &poller.node);
  calls_before = shards_calls ();
  fetches_before = fetches_of (writers, n_clients);
  for (guint i = 0; i < n_clients; i++)
    writers[i].marked = writers[i].acked;
  gredis_test_server_kill (gredis_test_cluster_get_server (cluster, primary));
  killed = now_s ();
  thread = g_thread_new ("poller", poll_promotion, &poller);
  /* The writers go on while the poller waits for the promotion. */
  while (!g_atomic_int_get (&poller.done))
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (thread);
  /* Then until every client wrote 10 times after it. */
  for (guint i = 0; i < n_clients; i++)
    writers[i].marked = writers[i].acked;
  do
    {
      g_main_context_iteration (NULL, TRUE);
      all = TRUE;
      for (guint i = 0; i < n_clients; i++)
        all &= writers[i].acked >= writers[i].marked + 10;
    }
  while (!all);
  recovered = now_s ();

  calls = shards_calls () - calls_before;
  fetches = fetches_of (writers, n_clients) - fetches_before;
  for (guint i = 0; i < n_clients; i++)
    max_fetches = MAX (max_fetches, gredis_client_get_topology_refreshes (writers[i].client));
  windows = MAX (1.0, (recovered - killed) / WINDOW_S);

  g_print ("(d) %u clients through a SIGKILL failover (node %u), %.3f s from the kill until every\n"
           "    client wrote again (promotion after %.3f s):\n",
           n_clients, primary, recovered - killed, poller.promoted - killed);
  g_print ("    CLUSTER SHARDS/SLOTS served by the surviving nodes  %6" G_GUINT64_FORMAT "\n", calls);
  g_print ("    fetches of the map counted by the clients           %6" G_GUINT64_FORMAT
           "  (%.2f per client, at most %" G_GUINT64_FORMAT " for one since it started)\n",
           fetches, (double) fetches / n_clients, max_fetches);
  g_print ("    goal: at most one per client per %.1f s window      %6.0f  (%.1f windows): %s\n",
           WINDOW_S, n_clients * (windows + 1), windows,
           (double) calls <= n_clients * (windows + 1) ? "met" : "NOT met");

  g_atomic_int_set (&stop_writers, TRUE);
  do
    {
      all = TRUE;
      for (guint i = 0; i < n_clients; i++)
        all &= !writers[i].busy;
      if (!all)
        g_main_context_iteration (NULL, TRUE);
    }
  while (!all);
  g_source_remove (tick);
  for (guint i = 0; i < n_clients; i++)
    {
      g_object_unref (writers[i].client);
      g_free (writers[i].key);
    }
  restart (primary);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  guint n_clients = argc > 1 ? (guint) atoi (argv[1]) : 50;

  if (g_getenv ("GREDIS_PLUGIN_PATH") == NULL)
    g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, TRUE);
  cluster = gredis_test_cluster_start (&error);
  if (cluster == NULL)
    g_error ("%s", error->message);

  bench_recovery_time ();
  bench_refresh_cost (MAX (n_clients, 1));

  gredis_test_cluster_stop (cluster);
  return 0;
}
