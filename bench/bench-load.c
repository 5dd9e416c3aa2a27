/* bench-load.c: one client's pool under load, against redis-benchmark in
 * the same run
 *
 * Measures and prints; asserts nothing (tests/pool checks correctness
 * and the connection bound with smaller counts). Run it from the build
 * tree: build/bench/bench-load [max-connections]
 *
 * (a) 8 threads × 10 000 blocking INCRs through the client's blocking
 *     pool, against `redis-benchmark -c 8 -n 80000 -t incr`
 * (b) 100 000 async INCRs from one main loop
 * The server's connected_clients is sampled throughout, to show the pool
 * never opens more than max-connections (plus the sampler's own and the
 * async connection).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

#define N_THREADS 8
#define N_BLOCKING 10000
#define N_ASYNC 100000

static GredisTestServer *server;
static gint stop_sampling;
static gint peak_clients;

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static GredisClient *
new_client (guint max_connections)
{
  g_autofree char *uri = gredis_test_server_get_uri (server);
  g_autofree char *full = g_strdup_printf ("%s/?pool=blocking&max-connections=%u"
                                           "&pool-timeout-ms=0", uri, max_connections);
  g_autoptr(GError) error = NULL;
  GredisClient *client = gredis_client_new_for_uri (full, &error);

  if (client == NULL)
    g_error ("%s", error->message);
  return client;
}

static gpointer
sampler_run (gpointer user_data)
{
  g_autoptr(GredisClient) client = new_client (1);
  const char *info[] = { "INFO", "clients", NULL };

  while (!g_atomic_int_get (&stop_sampling))
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command (client, info, NULL, &error);
      const char *text, *field;

      if (reply != NULL && (text = gredis_reply_get_string (reply, NULL)) != NULL &&
          (field = strstr (text, "connected_clients:")) != NULL)
        {
          gint n = atoi (field + strlen ("connected_clients:"));

          if (n > g_atomic_int_get (&peak_clients))
            g_atomic_int_set (&peak_clients, n);
        }
      g_usleep (5000);
    }
  gredis_client_close (client);
  return NULL;
}

static gpointer
worker_run (gpointer user_data)
{
  GredisClient *client = user_data;
  const char *incr[] = { "INCR", "bench:load", NULL };

  for (guint i = 0; i < N_BLOCKING; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command (client, incr, NULL, &error);

      if (reply == NULL)
        g_error ("INCR failed: %s", error->message);
    }
  return NULL;
}

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  if (reply == NULL)
    g_error ("INCR failed: %s", error->message);
  (*pending)--;
}

/* Requests per second of redis-benchmark -c 8 on the same server. */
static double
redis_benchmark (void)
{
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_server_get_port (server));
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "redis-benchmark", "-h", "127.0.0.1", "-p", port, "-c", "8",
                         "-n", "80000", "-t", "incr", "--csv", NULL };
  char *line;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                     NULL, NULL, &out, NULL, &status, &error))
    {
      g_printerr ("redis-benchmark: %s\n", error->message);
      return 0;
    }
  /* "test","rps",…  then "INCR","123456.78",… */
  line = strstr (out, "\"INCR\",\"");
  return line != NULL ? g_ascii_strtod (line + strlen ("\"INCR\",\""), NULL) : 0;
}

int
main (int argc, char *argv[])
{
  guint max_connections = argc > 1 ? (guint) atoi (argv[1]) : 8;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  GThread *threads[N_THREADS];
  GThread *sampler;
  double start, blocking_s, async_s, reference;
  guint pending = N_ASYNC;
  const char *incr[] = { "INCR", "bench:async", NULL };

  g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, FALSE);
  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  if (server == NULL)
    g_error ("%s", error->message);

  client = new_client (max_connections);
  sampler = g_thread_new ("sampler", sampler_run, NULL);

  start = now_s ();
  for (guint i = 0; i < N_THREADS; i++)
    threads[i] = g_thread_new ("worker", worker_run, client);
  for (guint i = 0; i < N_THREADS; i++)
    g_thread_join (threads[i]);
  blocking_s = now_s () - start;

  start = now_s ();
  for (guint i = 0; i < N_ASYNC; i++)
    gredis_client_command_async (client, incr, NULL, async_done, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  async_s = now_s () - start;

  g_atomic_int_set (&stop_sampling, 1);
  g_thread_join (sampler);
  reference = redis_benchmark ();

  g_print ("blocking: %u threads x %u INCR: %.0f req/s (max-connections %u)\n",
           N_THREADS, N_BLOCKING, N_THREADS * N_BLOCKING / blocking_s, max_connections);
  g_print ("redis-benchmark -c 8 -t incr: %.0f req/s; ratio %.2f\n", reference,
           reference > 0 ? N_THREADS * N_BLOCKING / blocking_s / reference : 0);
  g_print ("async: %u INCR from one main loop: %.0f req/s\n", N_ASYNC, N_ASYNC / async_s);
  g_print ("peak connected_clients seen by the server: %d (pool bound %u + sampler + async)\n",
           g_atomic_int_get (&peak_clients), max_connections);

  gredis_client_close (client);
  g_clear_object (&client);
  gredis_test_server_stop (server);
  return 0;
}
