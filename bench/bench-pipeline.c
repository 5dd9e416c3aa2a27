/* bench-pipeline.c: GredisPipeline against hiredis' pipeline, on one
 * redis-server of its own, in one run
 *
 * Measures, prints, asserts nothing beyond correct replies. Run it from
 * the build tree:
 *   build/bench/bench-pipeline
 *   taskset -c 0 build/bench/bench-pipeline   (client and server on one CPU)
 *
 * Each round queues 10 000 SETs and sends them as one pipeline:
 *   gredis: gredis_pipeline_add_command_argv () × 10 000, then
 *           gredis_pipeline_execute_async () on the client's multiplexed
 *           connection, and the blocking gredis_pipeline_execute ();
 *   hiredis: redisAppendCommandArgv () × 10 000, then redisGetReply ()
 *           × 10 000.
 * The ratio gredis/hiredis is printed (issue 6 goal: >= 1.5).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <signal.h>

#include <glib/gstdio.h>
#include <gredis/gredis.h>
#include <hiredis/hiredis.h>

#define N_COMMANDS 10000

static char *socket_path;

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static GredisClient *
new_client (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_path (config, socket_path);
  gredis_config_set_command_timeout_ms (config, 0);
  return gredis_client_new (config);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static void
queue (GredisPipeline *pipeline)
{
  const char *set[] = { "SET", "bench:p", "xyz" };
  const gsize lengths[] = { 3, 7, 3 };

  for (guint i = 0; i < N_COMMANDS; i++)
    gredis_pipeline_add_command_argv (pipeline, 3, set, lengths);
}

static void
check (GredisPipeline *pipeline)
{
  g_autoptr(GredisReply) last = gredis_pipeline_get_reply (pipeline, N_COMMANDS - 1, NULL);

  g_assert_cmpuint (gredis_pipeline_get_n_results (pipeline), ==, N_COMMANDS);
  g_assert_cmpstr (gredis_reply_get_string (last, NULL), ==, "OK");
}

/* Commands per second over @rounds pipelines. */
static double
gredis_async (guint rounds)
{
  g_autoptr(GredisClient) client = new_client ();
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
  double start;

  /* Connect first. */
  gredis_pipeline_add_command (pipeline, (const char *[]) { "PING", NULL });
  g_assert_true (gredis_pipeline_execute (pipeline, NULL, NULL));

  start = now_s ();
  for (guint r = 0; r < rounds; r++)
    {
      g_autoptr(GAsyncResult) result = NULL;

      queue (pipeline);
      gredis_pipeline_execute_async (pipeline, NULL, store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (gredis_pipeline_execute_finish (pipeline, result, NULL));
      check (pipeline);
    }
  return (double) rounds * N_COMMANDS / (now_s () - start);
}

static double
gredis_blocking (guint rounds)
{
  g_autoptr(GredisClient) client = new_client ();
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
  double start = now_s ();

  for (guint r = 0; r < rounds; r++)
    {
      queue (pipeline);
      g_assert_true (gredis_pipeline_execute (pipeline, NULL, NULL));
      check (pipeline);
    }
  return (double) rounds * N_COMMANDS / (now_s () - start);
}

static double
hiredis_pipeline (guint rounds)
{
  redisContext *c = redisConnectUnix (socket_path);
  const char *set[] = { "SET", "bench:p", "xyz" };
  const size_t lengths[] = { 3, 7, 3 };
  double start = now_s ();

  g_assert_true (c != NULL && c->err == 0);
  for (guint r = 0; r < rounds; r++)
    {
      for (guint i = 0; i < N_COMMANDS; i++)
        redisAppendCommandArgv (c, 3, set, lengths);
      for (guint i = 0; i < N_COMMANDS; i++)
        {
          redisReply *reply = NULL;

          g_assert_true (redisGetReply (c, (void **) &reply) == REDIS_OK);
          g_assert_true (reply->type == REDIS_REPLY_STATUS);
          freeReplyObject (reply);
        }
    }
  start = (double) rounds * N_COMMANDS / (now_s () - start);
  redisFree (c);
  return start;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("gredis-bench-XXXXXX", &error);
  g_autoptr(GSubprocess) server = NULL;
  const guint rounds = 50;
  double g_async, g_sync, h;

  g_assert_no_error (error);
  if (g_getenv ("GREDIS_PLUGIN_PATH") == NULL)
    g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, TRUE);
  socket_path = g_build_filename (directory, "redis.sock", NULL);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             "redis-server", "--port", "0", "--unixsocket", socket_path,
                             "--save", "", "--appendonly", "no", "--dir", directory, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 500 && !g_file_test (socket_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (10000);

  /* Warm up. */
  gredis_async (2);
  hiredis_pipeline (2);

  /* Interleaved, best of three, so that drifts hit both alike. */
  g_async = g_sync = h = 0;
  for (guint i = 0; i < 3; i++)
    {
      g_async = MAX (g_async, gredis_async (rounds));
      g_sync = MAX (g_sync, gredis_blocking (rounds));
      h = MAX (h, hiredis_pipeline (rounds));
    }
  g_print ("pipeline of %u SETs, %u rounds, best of 3:\n"
           "  gredis async %.0f/s, gredis blocking %.0f/s, hiredis %.0f/s\n"
           "  gredis async/hiredis %.2f, gredis blocking/hiredis %.2f (goal >= 1.5)\n",
           N_COMMANDS, rounds, g_async, g_sync, h, g_async / h, g_sync / h);

  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_unlink (socket_path);
  g_rmdir (directory);
  g_free (socket_path);
  return 0;
}
