/* gredis-benchmark.c: redis-benchmark's interface on top of Gredis
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

/* As in redis-benchmark: -c clients, each with -P commands in flight;
 * a client sends its next batch when the whole previous one is answered,
 * written at once with gredis_connection_flush() rather than at the end
 * of the main-loop iteration (each client has a socket of its own, so
 * there is nothing to gather). The connections are open before the
 * clock starts. The latency of a request runs from the write of its
 * batch to its reply.
 * With --async, one client issues all -n requests at once as independent
 * gredis_client_command_async() calls: auto-pipelining at work.
 * With --cluster, as redis-benchmark --cluster: each client is a cluster
 * client whose requests are routed by key slot (a batch of -P goes out
 * as one write per node), and the keys are random (-r, a million of
 * them by default) so that they spread over every slot; the keys of one
 * MSET share a random hash tag, since a cluster takes a multi-key
 * command only within one slot. */

typedef struct _Bench Bench;

/* Latencies in microseconds: one bucket per microsecond up to 100 ms,
 * the rare slower ones kept aside. Recording is an increment, and the
 * percentiles come from one walk over the buckets, with no sort of
 * millions of values after the run. */
#define HISTOGRAM_US 100000

typedef struct
{
  guint32 *buckets;
  GArray *slow;                /* gint64, at least HISTOGRAM_US */
  guint64 n;
  gint64 sum;
  gint64 min;
  gint64 max;
} Latencies;

static void
latencies_init (Latencies *l)
{
  l->buckets = g_new0 (guint32, HISTOGRAM_US);
  l->slow = g_array_new (FALSE, FALSE, sizeof (gint64));
  l->n = 0;
  l->sum = 0;
  l->min = G_MAXINT64;
  l->max = 0;
}

static void
latencies_clear (Latencies *l)
{
  g_clear_pointer (&l->buckets, g_free);
  g_clear_pointer (&l->slow, g_array_unref);
}

static inline void
latencies_add (Latencies *l,
               gint64     us)
{
  if (G_LIKELY (us < HISTOGRAM_US))
    l->buckets[MAX (us, 0)]++;
  else
    g_array_append_val (l->slow, us);
  l->n++;
  l->sum += us;
  l->min = MIN (l->min, us);
  l->max = MAX (l->max, us);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

/* The value at index p% of n in sorted order, in milliseconds. */
static double
latencies_percentile (Latencies *l,
                      double     p)
{
  guint64 rank = MIN ((guint64) (p / 100.0 * l->n), l->n - 1);
  guint64 seen = 0;

  for (guint us = 0; us < HISTOGRAM_US; us++)
    {
      seen += l->buckets[us];
      if (seen > rank)
        return us / 1000.0;
    }
  g_array_sort (l->slow, compare_gint64);
  return g_array_index (l->slow, gint64, rank - seen) / 1000.0;
}

typedef struct
{
  Bench *bench;
  GredisConnection *connection; /* without --cluster */
  GredisClient *client;         /* with --cluster: requests are routed */
  guint in_flight;
  gint64 batch_start;
} BenchClient;

struct _Bench
{
  const char *name;
  guint argc;
  const char **argv;
  gsize *lengths;

  guint n_requests;
  guint n_issued;
  guint n_done;
  guint pipeline;
  Latencies latencies;
  gboolean failed;
  GredisClient *client;     /* for --async */

  /* Live progress on a terminal, as redis-benchmark prints it. */
  gint64 start;
  gint64 last_tick;
  guint last_done;
  guint64 last_latencies_n;
  gint64 last_latencies_sum;
  int last_printed;         /* bytes of the last progress line */

  /* Random keys (-r, or --cluster): the arguments of the next request,
   * with each __rand_int__ replaced by a random number below keyspace
   * and each __rand_tag__ by one random number per request. */
  guint keyspace;           /* 0: the arguments are sent as they are */
  const char **req_argv;
  gsize *req_lengths;
  GString **req_buffers;    /* for the arguments that have a placeholder */
};

#define RAND_INT "__rand_int__"
#define RAND_TAG "__rand_tag__"
#define RAND_PLACEHOLDER_LENGTH 12

static void
bench_randomize_init (Bench *bench)
{
  bench->req_argv = g_new (const char *, bench->argc);
  bench->req_lengths = g_new (gsize, bench->argc);
  bench->req_buffers = g_new0 (GString *, bench->argc);
  for (guint i = 0; i < bench->argc; i++)
    {
      bench->req_argv[i] = bench->argv[i];
      bench->req_lengths[i] = bench->lengths[i];
      if (strstr (bench->argv[i], RAND_INT) != NULL || strstr (bench->argv[i], RAND_TAG) != NULL)
        bench->req_buffers[i] = g_string_sized_new (bench->lengths[i] + 16);
    }
}

static void
bench_randomize_clear (Bench *bench)
{
  for (guint i = 0; bench->req_buffers != NULL && i < bench->argc; i++)
    if (bench->req_buffers[i] != NULL)
      g_string_free (bench->req_buffers[i], TRUE);
  g_clear_pointer (&bench->req_buffers, g_free);
  g_clear_pointer (&bench->req_argv, g_free);
  g_clear_pointer (&bench->req_lengths, g_free);
}

/* The arguments of the next request, as redis-benchmark -r makes them:
 * twelve digits, zero-padded. The arguments are encoded when they are
 * sent, so one set of buffers serves every request. */
static void
bench_randomize (Bench *bench)
{
  guint tag = g_random_int_range (0, bench->keyspace);

  for (guint i = 0; i < bench->argc; i++)
    {
      GString *buffer = bench->req_buffers[i];
      const char *rest = bench->argv[i];

      if (buffer == NULL)
        continue;
      g_string_truncate (buffer, 0);
      for (;;)
        {
          const char *at_int = strstr (rest, RAND_INT);
          const char *at_tag = strstr (rest, RAND_TAG);
          const char *at = at_int == NULL ? at_tag : at_tag == NULL ? at_int : MIN (at_int, at_tag);

          if (at == NULL)
            break;
          g_string_append_len (buffer, rest, at - rest);
          g_string_append_printf (buffer, "%012u",
                                  at == at_tag ? tag : (guint) g_random_int_range (0, bench->keyspace));
          rest = at + RAND_PLACEHOLDER_LENGTH;
        }
      g_string_append (buffer, rest);
      bench->req_argv[i] = buffer->str;
      bench->req_lengths[i] = buffer->len;
    }
}

/* Every 250 ms while a test runs, redis-benchmark overwrites one line
 * with the rate and the mean latency of the last interval and of the
 * whole test so far; the line is blanked before the next one and before
 * the report. */
#define PROGRESS_INTERVAL_MS 250

static void
progress_clear (Bench *bench)
{
  /* As redis-benchmark: a field as wide as the last line, at least one
   * space, then back to the start of the line. */
  printf ("%*s\r", bench->last_printed, " ");
}

static gboolean
on_progress (gpointer user_data)
{
  Bench *bench = user_data;
  Latencies *l = &bench->latencies;
  gint64 now = g_get_monotonic_time ();
  double dt = (now - bench->start) / 1e6;
  double interval = (now - bench->last_tick) / 1e6;
  guint64 interval_n = l->n - bench->last_latencies_n;

  progress_clear (bench);
  bench->last_printed =
    printf ("%s: rps=%.1f (overall: %.1f) avg_msec=%.3f (overall: %.3f)\r", bench->name,
            interval > 0 ? (bench->n_done - bench->last_done) / interval : 0.0,
            dt > 0 ? bench->n_done / dt : 0.0,
            interval_n > 0 ? (double) (l->sum - bench->last_latencies_sum) / interval_n / 1000.0 : 0.0,
            l->n > 0 ? (double) l->sum / l->n / 1000.0 : 0.0);
  fflush (stdout);
  bench->last_tick = now;
  bench->last_done = bench->n_done;
  bench->last_latencies_n = l->n;
  bench->last_latencies_sum = l->sum;
  return G_SOURCE_CONTINUE;
}

static void send_batch (BenchClient *bc);

static void
record_reply (BenchClient  *bc,
              GredisReply  *reply,
              const GError *error)
{
  Bench *bench = bc->bench;

  if (error != NULL || gredis_reply_is_error (reply))
    {
      if (!bench->failed)
        g_printerr ("%s: %s\n", bench->name,
                    error != NULL ? error->message : gredis_reply_get_string (reply, NULL));
      bench->failed = TRUE;
    }
  latencies_add (&bench->latencies, g_get_monotonic_time () - bc->batch_start);
  bench->n_done++;
  if (--bc->in_flight == 0 && bench->n_issued < bench->n_requests)
    send_batch (bc);
}

static void
on_reply (GredisConnection *connection,
          GredisReply      *reply,
          const GError     *error,
          gpointer          user_data)
{
  record_reply (user_data, reply, error);
}

static void
on_routed_reply (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);

  record_reply (user_data, reply, error);
}

static void
send_batch (BenchClient *bc)
{
  Bench *bench = bc->bench;

  bc->batch_start = g_get_monotonic_time ();
  for (guint i = 0; i < bench->pipeline && bench->n_issued < bench->n_requests; i++)
    {
      const char * const *argv = bench->argv;
      const gsize *lengths = bench->lengths;

      if (bench->keyspace > 0)
        {
          bench_randomize (bench);
          argv = bench->req_argv;
          lengths = bench->req_lengths;
        }
      bench->n_issued++;
      bc->in_flight++;
      if (bc->client != NULL)
        gredis_client_command_argv_async (bc->client, bench->argc, argv, lengths, NULL,
                                          on_routed_reply, bc);
      else
        gredis_connection_send_command_full (bc->connection, bench->argc, argv, lengths,
                                             on_reply, bc);
    }
  /* A cluster client's requests go out at the end of this main-loop
   * iteration, one write per node. */
  if (bc->connection != NULL)
    gredis_connection_flush (bc->connection);
}

static void
on_async_reply (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  Bench *bench = user_data;
  g_autoptr(GError) error = NULL;
  GredisReply *reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);

  if (reply == NULL && !bench->failed)
    {
      g_printerr ("%s: %s\n", bench->name, error->message);
      bench->failed = TRUE;
    }
  g_clear_pointer (&reply, gredis_reply_unref);
  bench->n_done++;
}

typedef struct
{
  guint clients;
  guint requests;
  guint pipeline;
  guint data_size;
  gboolean quiet;
  gboolean csv;
  gboolean async;
  gboolean cluster;
  gboolean progress;        /* stdout is a terminal, and no --csv */
  guint keyspace;
} Settings;

typedef struct
{
  guint n_done;
  char *error;
} Warmup;

static void
on_warmup_reply (GredisConnection *connection,
                 GredisReply      *reply,
                 const GError     *error,
                 gpointer          user_data)
{
  Warmup *w = user_data;

  if (w->error == NULL && (error != NULL || gredis_reply_is_error (reply)))
    w->error = g_strdup (error != NULL ? error->message : gredis_reply_get_string (reply, NULL));
  w->n_done++;
}

static void
on_ping (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The client's connection of this main context. A pool that finds its
 * server first (sentinel) makes it only asynchronously: a PING lets it,
 * and its error is the one to show. */
static GredisConnection *
connect_client (GredisClient  *client,
                GError       **error)
{
  const char *ping[] = { "PING", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GredisReply) reply = NULL;
  GredisConnection *connection;
  GError *local_error = NULL;

  connection = gredis_client_get_connection (client, &local_error);
  if (connection != NULL || !g_error_matches (local_error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return connection;
    }
  g_clear_error (&local_error);
  gredis_client_command_async (client, ping, NULL, on_ping, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = gredis_client_command_finish (client, result, error);
  if (reply == NULL)
    return NULL;
  return gredis_client_get_connection (client, error);
}

/* Takes every client's connection and waits until each has answered a
 * PING, so that connecting is not part of the first test. */
static GredisConnection **
open_connections (GredisClient **clients,
                  guint          n_clients)
{
  const char *ping[] = { "PING" };
  GredisConnection **connections = g_new0 (GredisConnection *, n_clients);
  Warmup w = { 0 };

  for (guint c = 0; c < n_clients; c++)
    {
      g_autoptr(GError) error = NULL;

      connections[c] = connect_client (clients[c], &error);
      if (connections[c] == NULL)
        {
          g_printerr ("gredis-benchmark: %s\n", error->message);
          while (w.n_done < c)
            g_main_context_iteration (NULL, TRUE);
          for (guint i = 0; i < c; i++)
            g_object_unref (connections[i]);
          g_free (connections);
          g_free (w.error);
          return NULL;
        }
      gredis_connection_send_command_full (connections[c], 1, ping, NULL, on_warmup_reply, &w);
    }
  while (w.n_done < n_clients)
    g_main_context_iteration (NULL, TRUE);
  if (w.error != NULL)
    {
      g_printerr ("gredis-benchmark: %s\n", w.error);
      for (guint c = 0; c < n_clients; c++)
        g_object_unref (connections[c]);
      g_clear_pointer (&connections, g_free);
    }
  g_free (w.error);
  return connections;
}

static void
on_warmup_routed (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Warmup *w = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);

  if (w->error == NULL && (reply == NULL || gredis_reply_is_error (reply)))
    w->error = g_strdup (reply == NULL ? error->message : gredis_reply_get_string (reply, NULL));
  w->n_done++;
}

/* With --cluster: has every client fetch the slot map and connect to
 * every primary (a key in each of 64 slots spread over the 16384) before
 * the clock starts. */
static gboolean
warm_up_cluster (GredisClient **clients,
                 guint          n_clients)
{
  Warmup w = { 0 };
  guint n_sent = 0;

  for (guint c = 0; c < n_clients; c++)
    for (guint k = 0; k < 64; k++)
      {
        g_autofree char *key = g_strdup_printf ("warmup:%u", k * 7919);
        const char *argv[] = { "EXISTS", key, NULL };

        gredis_client_command_async (clients[c], argv, NULL, on_warmup_routed, &w);
        n_sent++;
      }
  while (w.n_done < n_sent)
    g_main_context_iteration (NULL, TRUE);
  if (w.error != NULL)
    {
      g_printerr ("gredis-benchmark: %s\n", w.error);
      g_free (w.error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
run_one (const Settings      *s,
         GredisClient       **clients,
         GredisConnection   **connections,
         const char          *name,
         guint                argc,
         const char         **argv,
         gboolean             report)
{
  Bench bench = { 0 };
  g_autofree BenchClient *bcs = g_new0 (BenchClient, s->clients);
  gint64 start, elapsed;
  guint progress_id = 0;
  double rps;

  bench.name = name;
  bench.argc = argc;
  bench.argv = argv;
  bench.lengths = g_new (gsize, argc);
  for (guint i = 0; i < argc; i++)
    bench.lengths[i] = strlen (argv[i]);
  bench.n_requests = s->requests;
  bench.pipeline = MAX (s->pipeline, 1);
  bench.keyspace = s->keyspace;
  if (bench.keyspace > 0)
    bench_randomize_init (&bench);
  latencies_init (&bench.latencies);

  start = g_get_monotonic_time ();
  bench.start = bench.last_tick = start;
  if (s->progress && report)
    progress_id = g_timeout_add (PROGRESS_INTERVAL_MS, on_progress, &bench);
  if (s->async)
    {
      /* One client, every request issued at once, no explicit pipeline. */
      for (guint i = 0; i < s->requests; i++)
        {
          if (bench.keyspace > 0)
            bench_randomize (&bench);
          gredis_client_command_argv_async (clients[0], argc, bench.keyspace > 0 ? bench.req_argv : argv,
                                            bench.keyspace > 0 ? bench.req_lengths : bench.lengths,
                                            NULL, on_async_reply, &bench);
        }
    }
  else
    for (guint c = 0; c < s->clients; c++)
      {
        bcs[c].bench = &bench;
        if (s->cluster)
          bcs[c].client = clients[c];
        else
          bcs[c].connection = connections[c];
        send_batch (&bcs[c]);
      }
  while (bench.n_done < s->requests)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;
  g_clear_handle_id (&progress_id, g_source_remove);

  rps = s->requests / (elapsed / 1e6);
  if (s->progress && report)
    progress_clear (&bench);
  if (report && !bench.failed)
    {
      Latencies *l = &bench.latencies;
      guint n = s->async ? 0 : s->requests;
      if (s->csv)
        {
          if (n > 0)
            g_print ("\"%s\",\"%.2f\",\"%.3f\",\"%.3f\",\"%.3f\",\"%.3f\",\"%.3f\",\"%.3f\"\n",
                     name, rps, (double) l->sum / n / 1000.0, l->min / 1000.0,
                     latencies_percentile (l, 50), latencies_percentile (l, 95),
                     latencies_percentile (l, 99), l->max / 1000.0);
          else
            g_print ("\"%s\",\"%.2f\",\"\",\"\",\"\",\"\",\"\",\"\"\n", name, rps);
        }
      else if (s->quiet)
        {
          if (n > 0)
            g_print ("%s: %.2f requests per second, p50=%.3f msec\n", name, rps,
                     latencies_percentile (l, 50));
          else
            g_print ("%s: %.2f requests per second\n", name, rps);
        }
      else
        {
          g_print ("====== %s ======\n", name);
          g_print ("  %u requests completed in %.2f seconds\n", s->requests, elapsed / 1e6);
          g_print ("  %u parallel clients\n  %u bytes payload\n", s->async ? 1 : s->clients,
                   s->data_size);
          if (s->async)
            g_print ("  independent async calls, auto-pipelined\n");
          else
            g_print ("  pipeline %u\n", bench.pipeline);
          if (n > 0)
            g_print ("  latency (msec): avg %.3f min %.3f p50 %.3f p95 %.3f p99 %.3f max %.3f\n",
                     (double) l->sum / n / 1000.0, l->min / 1000.0,
                     latencies_percentile (l, 50), latencies_percentile (l, 95),
                     latencies_percentile (l, 99), l->max / 1000.0);
          g_print ("  %.2f requests per second\n\n", rps);
        }
    }

  g_free (bench.lengths);
  bench_randomize_clear (&bench);
  latencies_clear (&bench.latencies);
  return !bench.failed;
}

/* redis-benchmark's default suite, in its order, with its names. A test
 * runs when -t names it, or one of its aliases ("ping" for both PINGs,
 * "lrange" for every LRANGE and the LPUSH that fills their list). In the
 * arguments, VALUE stands for the -d bytes of payload, SCORE for 0 (a
 * random number with -r) and MSET_KEY for a random key, with one random
 * hash tag for the whole MSET under --cluster. Gredis always writes RESP
 * arrays, so PING_INLINE sends what PING_MBULK sends. */
static const char VALUE[] = "<value>";
static const char SCORE[] = "<score>";
static const char MSET_KEY[] = "<mset-key>";

#define LRANGE_ALIASES "lrange,lrange_100,lrange_300,lrange_500,lrange_600"

typedef struct
{
  const char *name;
  const char *selected_by;      /* comma-separated, lower case */
  const char *argv[21];         /* NULL-terminated unless all 21 are used */
} BenchTest;

static const BenchTest default_tests[] = {
  { "PING_INLINE", "ping_inline,ping", { "PING" } },
  { "PING_MBULK", "ping_mbulk,ping", { "PING" } },
  { "SET", "set", { "SET", "key:" RAND_INT, VALUE } },
  { "GET", "get", { "GET", "key:" RAND_INT } },
  { "INCR", "incr", { "INCR", "counter:" RAND_INT } },
  { "LPUSH", "lpush", { "LPUSH", "mylist", VALUE } },
  { "RPUSH", "rpush", { "RPUSH", "mylist", VALUE } },
  { "LPOP", "lpop", { "LPOP", "mylist" } },
  { "RPOP", "rpop", { "RPOP", "mylist" } },
  { "SADD", "sadd", { "SADD", "myset", "element:" RAND_INT } },
  { "HSET", "hset", { "HSET", "myhash", "element:" RAND_INT, VALUE } },
  { "SPOP", "spop", { "SPOP", "myset" } },
  { "ZADD", "zadd", { "ZADD", "myzset", SCORE, "element:" RAND_INT } },
  { "ZPOPMIN", "zpopmin", { "ZPOPMIN", "myzset" } },
  { "LPUSH (needed to benchmark LRANGE)", LRANGE_ALIASES, { "LPUSH", "mylist", VALUE } },
  { "LRANGE_100 (first 100 elements)", "lrange,lrange_100", { "LRANGE", "mylist", "0", "99" } },
  { "LRANGE_300 (first 300 elements)", "lrange,lrange_300", { "LRANGE", "mylist", "0", "299" } },
  { "LRANGE_500 (first 500 elements)", "lrange,lrange_500", { "LRANGE", "mylist", "0", "499" } },
  { "LRANGE_600 (first 600 elements)", "lrange,lrange_600", { "LRANGE", "mylist", "0", "599" } },
  { "MSET (10 keys)", "mset",
    { "MSET", MSET_KEY, VALUE, MSET_KEY, VALUE, MSET_KEY, VALUE, MSET_KEY, VALUE, MSET_KEY, VALUE,
      MSET_KEY, VALUE, MSET_KEY, VALUE, MSET_KEY, VALUE, MSET_KEY, VALUE, MSET_KEY, VALUE } },
};

/* As redis-benchmark's test_is_selected(): every test without -t, else
 * those that -t names (in any case). */
static gboolean
test_is_selected (char           **tests,
                  const BenchTest *test)
{
  g_auto(GStrv) aliases = NULL;

  if (tests == NULL)
    return TRUE;
  aliases = g_strsplit (test->selected_by, ",", -1);
  for (guint i = 0; tests[i] != NULL; i++)
    if (g_strv_contains ((const char * const *) aliases, tests[i]))
      return TRUE;
  return FALSE;
}

/* The arguments of @test, with the payload, score and keys filled in. */
static guint
test_arguments (const BenchTest *test,
                const Settings  *s,
                const char      *value,
                const char     **argv)
{
  guint argc = 0;

  for (; argc < G_N_ELEMENTS (test->argv) && test->argv[argc] != NULL; argc++)
    {
      const char *arg = test->argv[argc];

      if (arg == VALUE)
        arg = value;
      else if (arg == SCORE)
        arg = s->keyspace > 0 ? RAND_INT : "0";
      else if (arg == MSET_KEY)
        arg = s->cluster ? "key:{" RAND_TAG "}:" RAND_INT : "key:" RAND_INT;
      argv[argc] = arg;
    }
  return argc;
}

typedef struct
{
  char *host;
  int port;
  char *socket;
  char *password;
  char *user;
  char *uri;
  char *tests;
  gboolean tls;
  char *cacert;
  char *cert;
  char *key;
  char *sni;
  gboolean insecure;
  char *parser;
  char *transport;
  int dbnum;
  gboolean resp3;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->host);
  g_free (o->socket);
  g_free (o->password);
  g_free (o->user);
  g_free (o->uri);
  g_free (o->tests);
  g_free (o->cacert);
  g_free (o->cert);
  g_free (o->key);
  g_free (o->sni);
  g_free (o->parser);
  g_free (o->transport);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
set (GredisConfig  *config,
     const char    *key,
     const char    *value,
     GError       **error)
{
  return value == NULL || gredis_config_set_option (config, key, value, error);
}

int
main (int    argc,
      char **argv)
{
  g_auto(Options) o = { .port = -1, .dbnum = -1 };
  Settings s = { .clients = 50, .requests = 100000, .pipeline = 1, .data_size = 3 };
  int clients = 50, requests = 100000, pipeline = 1, data_size = 3, keyspace = 0;
  gboolean help = FALSE;
  GOptionEntry entries[] = {
    { "host", 'h', 0, G_OPTION_ARG_STRING, &o.host, N_("Server hostname (default 127.0.0.1)"), N_("HOST") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &o.port, N_("Server port (default 6379)"), N_("PORT") },
    { "socket", 's', 0, G_OPTION_ARG_FILENAME, &o.socket, N_("Server socket (overrides host and port)"), N_("PATH") },
    { "pass", 'a', 0, G_OPTION_ARG_STRING, &o.password, N_("Password for Redis Auth"), N_("PASSWORD") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &o.user, N_("Used to send ACL style 'AUTH username pass'"), N_("USER") },
    { "uri", 'u', 0, G_OPTION_ARG_STRING, &o.uri, N_("Server URI (redis://, rediss://, unix://, or redis+sentinel://host:port,…/master-name)"), N_("URI") },
    { "clients", 'c', 0, G_OPTION_ARG_INT, &clients, N_("Number of parallel connections (default 50)"), N_("N") },
    { "requests", 'n', 0, G_OPTION_ARG_INT, &requests, N_("Total number of requests (default 100000)"), N_("N") },
    { "pipeline", 'P', 0, G_OPTION_ARG_INT, &pipeline, N_("Pipeline N requests (default 1, no pipeline)"), N_("N") },
    { "keyspacelen", 'r', 0, G_OPTION_ARG_INT, &keyspace, N_("Use random keys for SET/GET/INCR/MSET, members for SADD/HSET/ZADD and ZADD scores: __rand_int__ becomes a random number below N"), N_("N") },
    { "cluster", 0, 0, G_OPTION_ARG_NONE, &s.cluster, N_("Enable cluster mode: route requests by key slot, over random keys (implied by redis+cluster:// URIs)"), NULL },
    { "data-size", 'd', 0, G_OPTION_ARG_INT, &data_size, N_("Data size of SET/GET value in bytes (default 3)"), N_("N") },
    { "dbnum", 0, 0, G_OPTION_ARG_INT, &o.dbnum, N_("SELECT the specified db number (default 0)"), N_("DB") },
    { "resp3", '3', 0, G_OPTION_ARG_NONE, &o.resp3, N_("Start session in RESP3 protocol mode"), NULL },
    { "tests", 't', 0, G_OPTION_ARG_STRING, &o.tests, N_("Only run the comma separated list of tests"), N_("TESTS") },
    { "quiet", 'q', 0, G_OPTION_ARG_NONE, &s.quiet, N_("Quiet. Just show query/sec values"), NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &s.csv, N_("Output in CSV format"), NULL },
    { "async", 0, 0, G_OPTION_ARG_NONE, &s.async, N_("One client issuing every request at once as independent async calls (auto-pipelining)"), NULL },
    { "tls", 0, 0, G_OPTION_ARG_NONE, &o.tls, N_("Establish a secure TLS connection"), NULL },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, &o.cacert, N_("CA certificate file to verify with"), N_("FILE") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &o.cert, N_("Client certificate to authenticate with"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &o.key, N_("Private key file to authenticate with"), N_("FILE") },
    { "sni", 0, 0, G_OPTION_ARG_STRING, &o.sni, N_("Server name indication for TLS"), N_("HOST") },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &o.insecure, N_("Allow insecure TLS connection by skipping cert validation"), NULL },
    { "parser", 0, 0, G_OPTION_ARG_STRING, &o.parser, N_("Reply parser plugin"), N_("NAME") },
    { "transport", 0, 0, G_OPTION_ARG_STRING, &o.transport, N_("Transport plugin"), N_("NAME") },
    { "help", 0, 0, G_OPTION_ARG_NONE, &help, N_("Show this help and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) tests = NULL;
  g_autofree char *port = NULL;
  g_autofree char *db = NULL;
  g_autofree char *value = NULL;
  GredisClient **gclients;
  GredisConnection **connections = NULL;
  gboolean ok = TRUE;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, GREDIS_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  context = g_option_context_new (NULL);
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gredis-benchmark: %s\n", error->message);
      return 1;
    }
  if (help)
    {
      g_autofree char *text = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", text);
      return 0;
    }
  if (clients < 1 || requests < 1 || pipeline < 1 || data_size < 0 || keyspace < 0)
    {
      g_printerr ("gredis-benchmark: %s\n", _("-c, -n, -P and -r must be positive."));
      return 1;
    }
  s.clients = s.async ? 1 : (guint) clients;
  s.requests = requests;
  s.pipeline = pipeline;
  s.data_size = data_size;
  s.progress = isatty (STDOUT_FILENO) && !s.csv;
  if (o.tests != NULL)
    {
      g_autofree char *lower = g_ascii_strdown (o.tests, -1);

      tests = g_strsplit (lower, ",", -1);
      for (guint i = 0; tests[i] != NULL; i++)
        g_strstrip (tests[i]);
    }

  config = gredis_config_new ();
  port = o.port >= 0 ? g_strdup_printf ("%d", o.port) : NULL;
  db = o.dbnum >= 0 ? g_strdup_printf ("%d", o.dbnum) : NULL;
  if ((o.uri != NULL && !gredis_config_set_uri (config, o.uri, &error)) ||
      !set (config, "host", o.host, &error) ||
      !set (config, "port", port, &error) ||
      !set (config, "path", o.socket, &error) ||
      !set (config, "password", o.password, &error) ||
      !set (config, "username", o.user, &error) ||
      !set (config, "db", db, &error) ||
      !set (config, "protocol", o.resp3 ? "3" : NULL, &error) ||
      !set (config, "transport", o.tls ? "tls" : NULL, &error) ||
      !set (config, "tls-ca-file", o.cacert, &error) ||
      !set (config, "tls-cert-file", o.cert, &error) ||
      !set (config, "tls-key-file", o.key, &error) ||
      !set (config, "tls-server-name", o.sni, &error) ||
      !set (config, "tls-verify", o.insecure ? "none" : NULL, &error) ||
      !set (config, "parser", o.parser, &error) ||
      !set (config, "transport", o.transport, &error) ||
      /* A benchmark waits as long as the server needs. */
      !set (config, "command-timeout-ms", "0", &error))
    {
      g_printerr ("gredis-benchmark: %s\n", error->message);
      return 1;
    }
  if (g_strcmp0 (gredis_config_get_pool (config), "cluster") == 0)
    s.cluster = TRUE;
  else if (s.cluster)
    {
      /* --cluster with -h and -p: that node is the seed. */
      const char *host = gredis_config_get_host (config);
      g_autofree char *seed = g_strdup_printf (strchr (host, ':') != NULL ? "[%s]:%u" : "%s:%u",
                                               host, gredis_config_get_port (config));

      gredis_config_set_seeds (config, seed);
      gredis_config_set_pool (config, "cluster");
    }
  if (s.cluster && o.dbnum > 0)
    {
      g_printerr ("gredis-benchmark: %s\n", _("Redis Cluster has only the database 0."));
      return 1;
    }
  s.keyspace = keyspace > 0 ? (guint) keyspace : s.cluster ? 1000000 : 0;

  gclients = g_new0 (GredisClient *, s.clients);
  for (guint c = 0; c < s.clients; c++)
    gclients[c] = gredis_client_new (config);

  value = g_strnfill (s.data_size, 'x');
  if (s.csv)
    g_print ("\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\","
             "\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\"\n");

  /* Check the connection once, with a clear message when it fails. */
  {
    const char *ping[] = { "PING", NULL };
    g_autoptr(GredisReply) reply = gredis_client_command (gclients[0], ping, NULL, &error);

    if (reply == NULL)
      {
        g_printerr ("gredis-benchmark: %s\n", error->message);
        ok = FALSE;
        goto out;
      }
  }
  if (s.cluster)
    ok = warm_up_cluster (gclients, s.clients);
  else
    {
      connections = open_connections (gclients, s.clients);
      ok = connections != NULL;
    }
  if (!ok)
    goto out;

  for (gsize t = 0; ok && t < G_N_ELEMENTS (default_tests); t++)
    {
      const char *a[G_N_ELEMENTS (default_tests[t].argv)];
      guint n;

      if (!test_is_selected (tests, &default_tests[t]))
        continue;
      n = test_arguments (&default_tests[t], &s, value, a);
      ok = run_one (&s, gclients, connections, default_tests[t].name, n, a, TRUE);
    }
  /* As redis-benchmark, a blank line after the suite but in CSV. */
  if (ok && !s.csv)
    g_print ("\n");

out:
  for (guint c = 0; connections != NULL && c < s.clients; c++)
    g_object_unref (connections[c]);
  g_free (connections);
  for (guint c = 0; c < s.clients; c++)
    {
      gredis_client_close (gclients[c]);
      g_object_unref (gclients[c]);
    }
  g_free (gclients);
  return ok ? 0 : 1;
}
