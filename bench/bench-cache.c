/* bench-cache.c: the client-side cache against plain reads, on one
 * redis-server of its own, in one run
 *
 * Keys are drawn from a Zipf distribution (s = 1.0) over a key set; the
 * same reads go through a client without the cache and one with it:
 * reads per second and the hit ratio. Then the latency of a blocking hit
 * against a round trip, and the server's CPU (INFO cpu) for a run of
 * writes with and without a client tracking the keys.
 *
 *   meson compile -C build bench-cache && build/bench/bench-cache [seconds] [keys]
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include <stdlib.h>
#include <string.h>
#include <math.h>

#include "gredis-test-server.h"

#define WINDOW 64

static GredisTestServer *server;
static guint n_keys = 10000;
static double *cdf;

static guint
zipf_draw (void)
{
  double u = g_random_double ();
  guint lo = 0, hi = n_keys - 1;

  while (lo < hi)
    {
      guint mid = (lo + hi) / 2;

      if (cdf[mid] < u)
        lo = mid + 1;
      else
        hi = mid;
    }
  return lo;
}

static GredisClient *
make_client (gboolean cache)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  gredis_config_set_protocol (config, 3);
  gredis_config_set_cache (config, cache);
  gredis_config_set_cache_max_entries (config, n_keys);
  return gredis_client_new (config);
}

static GredisReply *
run (GredisClient       *client,
     const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  GredisReply *reply = gredis_client_command (client, argv, NULL, &error);

  if (reply == NULL)
    g_error ("%s", error->message);
  return reply;
}

static double
server_cpu (GredisClient *client)
{
  const char *argv[] = { "INFO", "cpu", NULL };
  g_autoptr(GredisReply) reply = run (client, argv);
  const char *text = gredis_reply_get_string (reply, NULL);
  const char *user = strstr (text, "used_cpu_user:");
  const char *sys = strstr (text, "used_cpu_sys:");

  return g_ascii_strtod (user + strlen ("used_cpu_user:"), NULL) +
         g_ascii_strtod (sys + strlen ("used_cpu_sys:"), NULL);
}

typedef struct
{
  GredisClient *client;
  gint64 deadline;
  guint64 reads;
  guint in_flight;
  GMainLoop *loop;
} Run;

static void start_read (Run *r);

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  Run *r = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (r->client, result, &error);

  if (reply == NULL)
    g_error ("%s", error->message);
  r->reads++;
  r->in_flight--;
  if (g_get_monotonic_time () < r->deadline)
    start_read (r);
  else if (r->in_flight == 0)
    g_main_loop_quit (r->loop);
}

static void
start_read (Run *r)
{
  char key[32];
  const char *argv[] = { "GET", key, NULL };

  g_snprintf (key, sizeof key, "key:%u", zipf_draw ());
  r->in_flight++;
  gredis_client_command_async (r->client, argv, NULL, read_done, r);
}

/* Reads per second with @WINDOW reads in flight for @seconds. */
static double
read_rate (GredisClient *client,
           double        seconds)
{
  Run r = { 0, };
  gint64 start = g_get_monotonic_time ();
  guint i;

  r.client = client;
  r.deadline = start + (gint64) (seconds * G_USEC_PER_SEC);
  r.loop = g_main_loop_new (NULL, FALSE);
  for (i = 0; i < WINDOW; i++)
    start_read (&r);
  g_main_loop_run (r.loop);
  g_main_loop_unref (r.loop);
  return r.reads / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
}

/* Mean µs of a blocking GET of one key. */
static double
get_latency (GredisClient *client,
             guint         n)
{
  const char *argv[] = { "GET", "key:0", NULL };
  gint64 start;
  guint i;

  for (i = 0; i < 100; i++)
    gredis_reply_unref (run (client, argv));
  start = g_get_monotonic_time ();
  for (i = 0; i < n; i++)
    gredis_reply_unref (run (client, argv));
  return (g_get_monotonic_time () - start) / (double) n;
}

/* Server CPU seconds for @n SETs of Zipf keys. */
static double
write_cpu (GredisClient *writer,
           guint         n)
{
  double before = server_cpu (writer);
  guint i;

  for (i = 0; i < n; i++)
    {
      char key[32];
      const char *argv[] = { "SET", key, "new-value", NULL };

      g_snprintf (key, sizeof key, "key:%u", zipf_draw ());
      gredis_reply_unref (run (writer, argv));
    }
  return server_cpu (writer) - before;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) plain = NULL;
  g_autoptr(GredisClient) cached = NULL;
  double seconds = argc > 1 ? g_ascii_strtod (argv[1], NULL) : 3.0;
  double cpu_plain_reads, cpu_cached_reads, rate_plain, rate_cached;
  double lat_plain, lat_hit, cpu_untracked, cpu_tracked, sum = 0;
  guint64 hits, misses;
  guint i;

  if (argc > 2)
    n_keys = MAX (atoi (argv[2]), 10);

#ifdef GREDIS_BENCH_PLUGIN_DIR
  g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, FALSE);
#endif
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  if (server == NULL)
    g_error ("%s", error->message);

  cdf = g_new (double, n_keys);
  for (i = 0; i < n_keys; i++)
    sum += 1.0 / (i + 1);
  for (i = 0; i < n_keys; i++)
    cdf[i] = (i > 0 ? cdf[i - 1] : 0) + 1.0 / (i + 1) / sum;

  plain = make_client (FALSE);
  cached = make_client (TRUE);
  {
    g_autofree char *value = g_strnfill (100, 'v');

    for (i = 0; i < n_keys; i++)
      {
        g_autofree char *key = g_strdup_printf ("key:%u", i);
        const char *set[] = { "SET", key, value, NULL };

        gredis_reply_unref (run (plain, set));
      }
  }

  g_print ("bench-cache: %u keys (Zipf s=1), 100-byte values, %d reads in flight, %.1f s per run\n\n",
           n_keys, WINDOW, seconds);

  cpu_plain_reads = server_cpu (plain);
  rate_plain = read_rate (plain, seconds);
  cpu_plain_reads = server_cpu (plain) - cpu_plain_reads;

  cpu_cached_reads = server_cpu (plain);
  rate_cached = read_rate (cached, seconds);
  cpu_cached_reads = server_cpu (plain) - cpu_cached_reads;
  hits = gredis_client_get_cache_hits (cached);
  misses = gredis_client_get_cache_misses (cached);

  g_print ("%-34s %14s %14s %8s\n", "async GET (Zipf)", "without cache", "with cache", "ratio");
  g_print ("%-34s %14.0f %14.0f %7.2fx\n", "reads/s", rate_plain, rate_cached,
           rate_cached / rate_plain);
  g_print ("%-34s %14s %13.1f%% %8s\n", "hit ratio", "-",
           100.0 * hits / MAX (hits + misses, 1), "");
  g_print ("%-34s %14.3f %14.3f %7.2fx\n", "server CPU s for the run", cpu_plain_reads,
           cpu_cached_reads, cpu_cached_reads / MAX (cpu_plain_reads, 1e-9));

  lat_plain = get_latency (plain, 20000);
  lat_hit = get_latency (cached, 20000);
  g_print ("\n%-34s %14.2f %14.2f %7.1fx\n", "blocking GET us (round trip / hit)",
           lat_plain, lat_hit, lat_plain / lat_hit);

  /* The tracking table: the cache client read every key once. */
  cpu_untracked = write_cpu (plain, 50000);
  for (i = 0; i < n_keys; i++)
    {
      g_autofree char *key = g_strdup_printf ("key:%u", i);
      const char *get[] = { "GET", key, NULL };

      gredis_reply_unref (run (cached, get));
    }
  cpu_tracked = write_cpu (plain, 50000);
  g_print ("\n%-34s %14s %14s\n", "50 000 SETs, server CPU s", "untracked", "tracked");
  g_print ("%-34s %14.3f %14.3f %7.2fx\n", "", cpu_untracked, cpu_tracked,
           cpu_tracked / MAX (cpu_untracked, 1e-9));
  g_print ("%-34s %14s %14" G_GUINT64_FORMAT "\n", "invalidations received", "",
           gredis_client_get_cache_invalidations (cached));

  g_clear_object (&cached);
  g_clear_object (&plain);
  gredis_test_server_stop (server);
  g_free (cdf);
  return 0;
}
