/* bench-cluster.c: the cost of routing by slot, on a local cluster of its
 * own, in one run
 *
 * Measures, prints, asserts nothing beyond correct replies. Run it from
 * the build tree:
 *   build/bench/bench-cluster              (pins itself and the cluster to CPU 0)
 *   build/bench/bench-cluster --cpu 1 --repeat 5
 * It starts six redis-servers with the test fixture (tests/support; 3
 * primaries, 3 replicas), after pinning itself to one CPU, which the
 * servers inherit: client and servers share that CPU, so that the ratios
 * are the client's cost and not the servers' parallelism.
 *
 * (a) a pipeline of 10 000 SETs over keys of every slot range, through a
 *     cluster client (redis+cluster://), against 10 000 SETs of the same
 *     size through a plain client to one primary (keys that primary owns,
 *     so that every reply is +OK); goal >= 0.90
 * (b) 100 000 independent async SETs, the same two clients; goal >= 0.85
 * and the memory of the slot map and of one node's connection: heap in
 * use (glibc mallinfo2: uordblks + hblkhd) before and after.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE
#include "config.h"

#include <errno.h>
#include <malloc.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-cluster.h"

#define N_PIPELINE 10000
#define N_ASYNC 100000
#define MAX_REPEAT 31

static GredisTestCluster *cluster;
static guint plain_node;          /* a primary */

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static GredisClient *
new_client (gboolean cluster_client)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GredisConfig) config = NULL;

  if (cluster_client)
    uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u,127.0.0.1:%u",
                           gredis_test_cluster_get_port (cluster, 0),
                           gredis_test_cluster_get_port (cluster, 1));
  else
    uri = gredis_test_cluster_get_uri (cluster, plain_node);
  config = gredis_config_new_for_uri (uri, &error);
  g_assert_no_error (error);
  gredis_config_set_command_timeout_ms (config, 0);
  return gredis_client_new (config);
}

/* The keys: "bench:N" spread over every slot for the cluster client;
 * for the plain client, keys of the same form that its node owns. */
static GPtrArray *
make_keys (guint    n,
           gboolean cluster_client)
{
  GPtrArray *keys = g_ptr_array_new_full (n, g_free);
  g_autoptr(GredisClient) probe = NULL;
  guint8 owned[16384 / 8] = { 0 };

  if (!cluster_client)
    {
      /* The slots the plain node owns, from CLUSTER SHARDS through redis-cli. */
      g_autoptr(GError) error = NULL;
      g_autofree char *id = gredis_test_cluster_get_node_id (cluster, plain_node);
      g_autofree char *nodes = gredis_test_cluster_cli (cluster, plain_node, &error,
                                                        "CLUSTER", "NODES", NULL);
      g_auto(GStrv) lines = NULL;

      g_assert_no_error (error);
      lines = g_strsplit (nodes, "\n", -1);
      for (guint i = 0; lines[i] != NULL; i++)
        {
          g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

          if (g_strv_length (fields) < 9 || !g_str_equal (fields[0], id))
            continue;
          for (guint f = 8; fields[f] != NULL; f++)
            {
              char *end;
              guint64 first, last;

              if (fields[f][0] == '[')
                continue;
              first = g_ascii_strtoull (fields[f], &end, 10);
              last = *end == '-' ? g_ascii_strtoull (end + 1, NULL, 10) : first;
              for (guint64 s = first; s <= last && s < 16384; s++)
                owned[s / 8] |= 1 << (s % 8);
            }
        }
    }
  for (guint i = 0; keys->len < n; i++)
    {
      char *key = g_strdup_printf ("bench:%u", i);
      guint slot = gredis_key_slot ((const guint8 *) key, strlen (key));

      if (cluster_client || (owned[slot / 8] & (1 << (slot % 8))))
        g_ptr_array_add (keys, key);
      else
        g_free (key);
    }
  return keys;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void get_all (GredisClient *client, const char **keys, guint n_keys);

/* Has @client connect, on this thread's context, to every node @keys
 * reach (64 of them, spread), the slot map fetched first. */
static void
warm_up (GredisClient *client,
         GPtrArray    *keys)
{
  const char *spread[64];

  for (guint i = 0; i < G_N_ELEMENTS (spread); i++)
    spread[i] = keys->pdata[i * 97 % keys->len];
  get_all (client, spread, G_N_ELEMENTS (spread));
}

/* Checks that every reply of the pipeline is +OK; otherwise says why. */
static char *
pipeline_problem (GredisPipeline *pipeline)
{
  guint n = gredis_pipeline_get_n_results (pipeline);
  guint bad = 0;
  g_autofree char *first = NULL;

  if (n != N_PIPELINE)
    return g_strdup_printf ("%u results for %u commands", n, N_PIPELINE);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, i, &error);

      if (reply == NULL || g_strcmp0 (gredis_reply_get_string (reply, NULL), "OK") != 0)
        {
          if (first == NULL)
            first = g_strdup (error != NULL ? error->message
                                            : reply != NULL ? gredis_reply_get_string (reply, NULL)
                                                            : "no reply");
          bad++;
        }
    }
  if (bad == 0)
    return NULL;
  return g_strdup_printf ("%u of %u replies were not +OK, the first: %s", bad, n, first);
}

/* (a) SETs per second over @rounds pipelines of N_PIPELINE SETs; 0 with
 * @problem set when the pipeline does not give a +OK for each. */
static double
pipeline_rate (gboolean   cluster_client,
               GPtrArray *keys,
               guint      rounds,
               char     **problem)
{
  g_autoptr(GredisClient) client = new_client (cluster_client);
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
  double start;

  /* Connected (and the slot map fetched) before the clock starts. */
  warm_up (client, keys);

  start = now_s ();
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GError) error = NULL;

      for (guint i = 0; i < N_PIPELINE; i++)
        {
          const char *argv[] = { "SET", keys->pdata[i], "xyz" };

          gredis_pipeline_add_command_argv (pipeline, 3, argv, NULL);
        }
      gredis_pipeline_execute_async (pipeline, NULL, store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      if (!gredis_pipeline_execute_finish (pipeline, result, &error))
        {
          *problem = g_strdup (error->message);
          return 0;
        }
      if ((*problem = pipeline_problem (pipeline)) != NULL)
        return 0;
    }
  return (double) rounds * N_PIPELINE / (now_s () - start);
}

typedef struct
{
  guint done;
  guint failed;
  char *first_error;
} Counter;

static void
on_set (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Counter *counter = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);

  counter->done++;
  if (reply == NULL)
    {
      if (counter->failed++ == 0)
        counter->first_error = g_strdup (error->message);
    }
}

/* (b) N_ASYNC independent async SETs from one main loop; per second. */
static double
async_rate (gboolean   cluster_client,
            GPtrArray *keys)
{
  g_autoptr(GredisClient) client = new_client (cluster_client);
  Counter counter = { 0 };
  double start, rate;

  warm_up (client, keys);

  start = now_s ();
  for (guint i = 0; i < N_ASYNC; i++)
    {
      const char *argv[] = { "SET", keys->pdata[i % keys->len], "xyz" };

      gredis_client_command_argv_async (client, 3, argv, NULL, NULL, on_set, &counter);
    }
  while (counter.done < N_ASYNC)
    g_main_context_iteration (NULL, TRUE);
  rate = N_ASYNC / (now_s () - start);
  if (counter.failed > 0)
    g_error ("%u of %u async SETs failed, the first: %s", counter.failed, N_ASYNC,
             counter.first_error);
  return rate;
}

/* Async GETs of @keys on @client's shared connections, waited for. */
static void
get_all (GredisClient  *client,
         const char   **keys,
         guint          n_keys)
{
  Counter counter = { 0 };

  for (guint i = 0; i < n_keys; i++)
    {
      const char *argv[] = { "GET", keys[i] };

      gredis_client_command_argv_async (client, 2, argv, NULL, NULL, on_set, &counter);
    }
  while (counter.done < n_keys)
    g_main_context_iteration (NULL, TRUE);
  if (counter.failed > 0)
    g_error ("%u GETs failed, the first: %s", counter.failed, counter.first_error);
}

/* Heap after a client's first command (its node connected, through the
 * async API: one shared connection per node) and, for the cluster
 * client, after commands to every primary. */
static void
memory (GPtrArray *cluster_keys,
        GPtrArray *plain_keys)
{
  const char *spread[64];
  gsize base, plain_one, cluster_one, cluster_all;
  guint n_primaries = 0;

  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    n_primaries += gredis_test_cluster_is_primary (cluster, n);
  for (guint i = 0; i < G_N_ELEMENTS (spread); i++)
    spread[i] = cluster_keys->pdata[i * 151 % cluster_keys->len];

  {
    g_autoptr(GredisClient) client = NULL;

    base = heap_in_use ();
    client = new_client (FALSE);
    get_all (client, (const char **) plain_keys->pdata, 1);
    plain_one = heap_in_use () - base;
    gredis_client_close (client);
  }
  {
    g_autoptr(GredisClient) client = NULL;

    base = heap_in_use ();
    client = new_client (TRUE);
    get_all (client, spread, 1);
    cluster_one = heap_in_use () - base;
    /* Keys in every slot range reach every primary. */
    get_all (client, spread, G_N_ELEMENTS (spread));
    cluster_all = heap_in_use () - base;
    gredis_client_close (client);
  }

  g_print ("memory (heap in use, glibc mallinfo2 uordblks + hblkhd, before and after; async calls,\n"
           "one shared connection per node):\n");
  g_print ("  plain client, one connection after its first command: %zu bytes\n", plain_one);
  g_print ("  cluster client after its first command (slot map + one node's connection): %zu bytes\n",
           cluster_one);
  g_print ("  cluster client connected to all %u primaries: %zu bytes; "
           "each further node: %.0f bytes\n", n_primaries, cluster_all,
           n_primaries > 1 ? (double) (cluster_all - cluster_one) / (n_primaries - 1) : 0.0);
  g_print ("  slot map and cluster pool (cluster first command - plain one): %zd bytes\n",
           (gssize) cluster_one - (gssize) plain_one);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (double *values,
        guint   n,
        double *spread)
{
  qsort (values, n, sizeof (double), compare_doubles);
  *spread = values[0] > 0 ? values[n - 1] / values[0] : 0;
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new ("- the cost of routing by slot");
  g_autoptr(GPtrArray) cluster_keys = NULL;
  g_autoptr(GPtrArray) plain_keys = NULL;
  g_autofree char *problem = NULL;
  gint repeat = 3, cpu = 0, rounds = 10;
  GOptionEntry entries[] = {
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Rounds; each figure is the median (default 3)", "N" },
    { "rounds", 0, 0, G_OPTION_ARG_INT, &rounds, "Pipelines of 10 000 per measure (default 10)", "N" },
    { "cpu", 0, 0, G_OPTION_ARG_INT, &cpu, "The CPU to pin everything to (default 0; -1: none)", "N" },
    G_OPTION_ENTRY_NULL
  };
  double a_c[MAX_REPEAT], a_p[MAX_REPEAT], a_r[MAX_REPEAT];
  double b_c[MAX_REPEAT], b_p[MAX_REPEAT], b_r[MAX_REPEAT];
  double sp, sp2;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  repeat = CLAMP (repeat, 1, MAX_REPEAT);
  rounds = MAX (rounds, 1);
  if (g_getenv ("GREDIS_PLUGIN_PATH") == NULL)
    g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, TRUE);

  if (cpu >= 0)
    {
      cpu_set_t set;

      CPU_ZERO (&set);
      CPU_SET (cpu, &set);
      if (sched_setaffinity (0, sizeof set, &set) != 0)
        {
          g_printerr ("Could not pin to CPU %d: %s\n", cpu, g_strerror (errno));
          return 2;
        }
      g_print ("pinned to CPU %d with the six servers\n", cpu);
    }
  else
    g_print ("not pinned\n");

  cluster = gredis_test_cluster_start (&error);
  if (cluster == NULL)
    {
      g_printerr ("Could not start the cluster: %s\n", error->message);
      return 2;
    }
  for (plain_node = 0; !gredis_test_cluster_is_primary (cluster, plain_node); plain_node++)
    ;
  cluster_keys = make_keys (N_PIPELINE, TRUE);
  plain_keys = make_keys (N_PIPELINE, FALSE);

  /* Warm up the servers; a cluster pipeline that cannot route says so
   * here, and row (a) is left out with the reason. */
  pipeline_rate (FALSE, plain_keys, 1, &problem);
  g_assert_null (problem);
  pipeline_rate (TRUE, cluster_keys, 1, &problem);
  async_rate (FALSE, plain_keys);
  async_rate (TRUE, cluster_keys);

  for (gint r = 0; r < repeat; r++)
    {
      if (problem == NULL)
        {
          a_p[r] = pipeline_rate (FALSE, plain_keys, rounds, &problem);
          a_c[r] = pipeline_rate (TRUE, cluster_keys, rounds, &problem);
          a_r[r] = a_c[r] / a_p[r];
        }
      b_p[r] = async_rate (FALSE, plain_keys);
      b_c[r] = async_rate (TRUE, cluster_keys);
      b_r[r] = b_c[r] / b_p[r];
    }

  g_print ("medians of %d rounds; [spread max/min over the rounds]\n", repeat);
  if (problem == NULL)
    {
      g_print ("(a) pipeline of %u SETs (%d per measure): cluster %.0f/s, plain to one node %.0f/s, ",
               N_PIPELINE, rounds, median (a_c, repeat, &sp), median (a_p, repeat, &sp2));
      g_print ("ratio %.2f [%.2f] (goal >= 0.90)\n", median (a_r, repeat, &sp), sp);
    }
  else
    g_print ("(a) pipeline of %u SETs: not measured: the cluster pipeline did not give +OK "
             "for every SET (%s)\n", N_PIPELINE, problem);
  g_print ("(b) %u independent async SETs: cluster %.0f/s, plain to one node %.0f/s, ",
           N_ASYNC, median (b_c, repeat, &sp), median (b_p, repeat, &sp2));
  g_print ("ratio %.2f [%.2f] (goal >= 0.85)\n", median (b_r, repeat, &sp), sp);

  memory (cluster_keys, plain_keys);

  gredis_test_cluster_stop (cluster);
  return 0;
}
