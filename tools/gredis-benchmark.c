/* gredis-benchmark.c: redis-benchmark's interface on top of Gredis
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
 * gredis_client_command_async() calls: auto-pipelining at work. */

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
  GredisConnection *connection;
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
};

static void send_batch (BenchClient *bc);

static void
on_reply (GredisConnection *connection,
          GredisReply      *reply,
          const GError     *error,
          gpointer          user_data)
{
  BenchClient *bc = user_data;
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
send_batch (BenchClient *bc)
{
  Bench *bench = bc->bench;

  bc->batch_start = g_get_monotonic_time ();
  for (guint i = 0; i < bench->pipeline && bench->n_issued < bench->n_requests; i++)
    {
      gredis_connection_send_command_full (bc->connection, bench->argc, bench->argv,
                                           bench->lengths, on_reply, bc);
      bench->n_issued++;
      bc->in_flight++;
    }
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

static gboolean
run_one (const Settings      *s,
         GredisClient        *client,
         GredisConnection   **connections,
         const char          *name,
         guint                argc,
         const char         **argv,
         gboolean             report)
{
  Bench bench = { 0 };
  g_autofree BenchClient *bcs = g_new0 (BenchClient, s->clients);
  gint64 start, elapsed;
  double rps;

  bench.name = name;
  bench.argc = argc;
  bench.argv = argv;
  bench.lengths = g_new (gsize, argc);
  for (guint i = 0; i < argc; i++)
    bench.lengths[i] = strlen (argv[i]);
  bench.n_requests = s->requests;
  bench.pipeline = MAX (s->pipeline, 1);
  latencies_init (&bench.latencies);

  start = g_get_monotonic_time ();
  if (s->async)
    {
      /* One client, every request issued at once, no explicit pipeline. */
      for (guint i = 0; i < s->requests; i++)
        gredis_client_command_argv_async (client, argc, argv, bench.lengths, NULL,
                                          on_async_reply, &bench);
    }
  else
    for (guint c = 0; c < s->clients; c++)
      {
        bcs[c].bench = &bench;
        bcs[c].connection = connections[c];
        send_batch (&bcs[c]);
      }
  while (bench.n_done < s->requests)
    g_main_context_iteration (NULL, TRUE);
  elapsed = g_get_monotonic_time () - start;

  rps = s->requests / (elapsed / 1e6);
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
  latencies_clear (&bench.latencies);
  return !bench.failed;
}

static gboolean
wants (char       **tests,
       const char  *name)
{
  if (tests == NULL)
    return TRUE;
  for (guint i = 0; tests[i] != NULL; i++)
    if (g_ascii_strcasecmp (tests[i], name) == 0)
      return TRUE;
  return FALSE;
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
  int clients = 50, requests = 100000, pipeline = 1, data_size = 3;
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
  if (clients < 1 || requests < 1 || pipeline < 1 || data_size < 0)
    {
      g_printerr ("gredis-benchmark: %s\n", _("-c, -n and -P must be positive."));
      return 1;
    }
  s.clients = s.async ? 1 : (guint) clients;
  s.requests = requests;
  s.pipeline = pipeline;
  s.data_size = data_size;
  if (o.tests != NULL)
    {
      tests = g_strsplit (o.tests, ",", -1);
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
  connections = open_connections (gclients, s.clients);
  if (connections == NULL)
    {
      ok = FALSE;
      goto out;
    }

  if (ok && wants (tests, "ping"))
    {
      const char *a[] = { "PING" };
      ok = run_one (&s, gclients[0], connections, "PING_MBULK", 1, a, TRUE);
    }
  if (ok && wants (tests, "set"))
    {
      const char *a[] = { "SET", "key:__rand_int__", value };
      ok = run_one (&s, gclients[0], connections, "SET", 3, a, TRUE);
    }
  if (ok && wants (tests, "get"))
    {
      const char *a[] = { "GET", "key:__rand_int__" };
      ok = run_one (&s, gclients[0], connections, "GET", 2, a, TRUE);
    }
  if (ok && wants (tests, "incr"))
    {
      const char *a[] = { "INCR", "counter:__rand_int__" };
      ok = run_one (&s, gclients[0], connections, "INCR", 2, a, TRUE);
    }
  if (ok && wants (tests, "lpush"))
    {
      const char *a[] = { "LPUSH", "mylist", value };
      ok = run_one (&s, gclients[0], connections, "LPUSH", 3, a, TRUE);
    }
  if (ok && wants (tests, "lrange_100"))
    {
      const char *fill[] = { "LPUSH", "mylist", value };
      const char *a[] = { "LRANGE", "mylist", "0", "99" };

      ok = run_one (&s, gclients[0], connections, "LPUSH (needed to benchmark LRANGE)", 3, fill, TRUE) &&
           run_one (&s, gclients[0], connections, "LRANGE_100 (first 100 elements)", 4, a, TRUE);
    }
  if (ok && wants (tests, "mset"))
    {
      const char *a[21] = { "MSET" };

      for (guint i = 0; i < 10; i++)
        {
          a[1 + 2 * i] = "key:__rand_int__";
          a[2 + 2 * i] = value;
        }
      ok = run_one (&s, gclients[0], connections, "MSET (10 keys)", 21, a, TRUE);
    }

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
