/* bench-pubsub.c: messages per second delivered to a GredisPubSub
 * ::message handler, against redis-benchmark's PUBLISH rate in the same
 * run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-pubsub [-n MESSAGES] [-d BYTES] [-c CLIENTS] [-P PIPELINE] [-3]
 *
 * A redis-server of its own (the test fixture; its pub/sub output buffer
 * is unlimited, so a slow subscriber is measured rather than dropped).
 * Each round subscribes a GredisPubSub to one channel and runs
 * redis-benchmark publishing to it (a custom PUBLISH command; version 7
 * has no publish test of its own) while this program's main loop
 * delivers the messages to a handler. Printed: redis-benchmark's
 * publish rate, the rate at which the handler received the messages (the
 * first to the last), and their ratio. A ratio near 1 means the
 * subscriber keeps up with what the server can publish.
 */
#include <stdlib.h>
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

typedef struct
{
  GMainLoop *loop;
  guint64 received;
  guint64 expected;            /* set once redis-benchmark has finished */
  gint64 first_us;
  gint64 last_us;
  gboolean benchmark_done;
  char *benchmark_output;
  GError *error;
} Round;

static void
on_message (GredisPubSub *pubsub,
            const char   *channel,
            const char   *pattern,
            GBytes       *payload,
            gpointer      user_data)
{
  Round *round = user_data;
  gint64 now = g_get_monotonic_time ();

  if (round->received++ == 0)
    round->first_us = now;
  round->last_us = now;
  if (round->benchmark_done && round->received >= round->expected)
    g_main_loop_quit (round->loop);
}

static void
on_benchmark_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Round *round = user_data;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result,
                                        &round->benchmark_output, NULL, &round->error);
  round->benchmark_done = TRUE;
  if (round->error != NULL || round->received >= round->expected)
    g_main_loop_quit (round->loop);
}

static gboolean
on_give_up (gpointer user_data)
{
  Round *round = user_data;

  g_main_loop_quit (round->loop);
  return G_SOURCE_REMOVE;
}

/* The requests per second of redis-benchmark's --csv output: the second
 * field of the last line. */
static double
parse_rps (const char *output)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  double rps = 0;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], ",", -1);

      if (g_strv_length (fields) >= 2 && fields[1][0] == '"' && g_ascii_isdigit (fields[1][1]))
        rps = g_ascii_strtod (fields[1] + 1, NULL);
    }
  return rps;
}

int
main (int    argc,
      char **argv)
{
  gint n_messages = 200000, data_size = 16, clients = 50, pipeline = 16, rounds = 3;
  gboolean resp3 = FALSE;
  GOptionEntry entries[] = {
    { "messages", 'n', 0, G_OPTION_ARG_INT, &n_messages, "Messages per round (200000)", "N" },
    { "data-size", 'd', 0, G_OPTION_ARG_INT, &data_size, "Payload size in bytes (16)", "BYTES" },
    { "clients", 'c', 0, G_OPTION_ARG_INT, &clients, "redis-benchmark's clients (50)", "N" },
    { "pipeline", 'P', 0, G_OPTION_ARG_INT, &pipeline, "redis-benchmark's pipeline (16)", "N" },
    { "rounds", 'r', 0, G_OPTION_ARG_INT, &rounds, "Rounds, best one printed (3)", "N" },
    { "resp3", '3', 0, G_OPTION_ARG_NONE, &resp3, "Subscribe over RESP3 (push frames)", NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- GredisPubSub against redis-benchmark");
  const char *server_args[] = { "--client-output-buffer-limit", "pubsub 0 0 0", NULL };
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *port = NULL;
  double best_publish = 0, best_delivered = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
#ifdef GREDIS_BENCH_PLUGIN_DIR
  g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, FALSE);
#endif
  if (g_find_program_in_path ("redis-benchmark") == NULL)
    {
      g_printerr ("redis-benchmark is not installed.\n");
      return 2;
    }

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, server_args, &error);
  if (server == NULL)
    {
      g_printerr ("Could not start redis-server: %s\n", error->message);
      return 1;
    }
  port = g_strdup_printf ("%u", gredis_test_server_get_port (server));
  payload = g_malloc (data_size + 1);
  memset (payload, 'x', data_size);
  payload[data_size] = '\0';

  config = gredis_config_new ();
  gredis_config_set_host (config, "127.0.0.1");
  gredis_config_set_port (config, gredis_test_server_get_port (server));
  gredis_config_set_protocol (config, resp3 ? 3 : 2);
  client = gredis_client_new (config);

  g_print ("# %d messages of %d bytes, redis-benchmark -c %d -P %d, RESP%d subscriber\n",
           n_messages, data_size, clients, pipeline, resp3 ? 3 : 2);
  g_print ("%-6s %16s %16s %8s\n", "round", "published/s", "delivered/s", "ratio");

  for (int r = 0; r < rounds; r++)
    {
      const char * const channels[] = { "bench", NULL };
      g_autoptr(GredisPubSub) pubsub = gredis_pubsub_new (client);
      g_autoptr(GSubprocess) benchmark = NULL;
      g_autofree char *n = g_strdup_printf ("%d", n_messages);
      g_autofree char *c = g_strdup_printf ("%d", clients);
      g_autofree char *p = g_strdup_printf ("%d", pipeline);
      const char *benchmark_argv[] = {
        "redis-benchmark", "-h", "127.0.0.1", "-p", port, "-n", n, "-c", c, "-P", p, "--csv",
        "PUBLISH", "bench", payload, NULL
      };
      Round round = { 0, };
      guint give_up;
      double publish_rps, delivered_rps;

      round.loop = g_main_loop_new (NULL, FALSE);
      round.expected = n_messages;
      g_signal_connect (pubsub, "message", G_CALLBACK (on_message), &round);
      if (!gredis_pubsub_subscribe (pubsub, channels, NULL, &error))
        {
          g_printerr ("Could not subscribe: %s\n", error->message);
          return 1;
        }

      benchmark = g_subprocess_newv (benchmark_argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
      if (benchmark == NULL)
        {
          g_printerr ("Could not run redis-benchmark: %s\n", error->message);
          return 1;
        }
      g_subprocess_communicate_utf8_async (benchmark, NULL, NULL, on_benchmark_done, &round);
      give_up = g_timeout_add_seconds (300, on_give_up, &round);
      g_main_loop_run (round.loop);
      g_source_remove (give_up);

      if (round.error != NULL)
        {
          g_printerr ("redis-benchmark failed: %s\n", round.error->message);
          return 1;
        }
      if (round.received < round.expected)
        {
          g_printerr ("Only %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT " messages arrived.\n",
                      round.received, round.expected);
          return 1;
        }
      publish_rps = parse_rps (round.benchmark_output);
      delivered_rps = round.last_us > round.first_us
                      ? round.received * 1e6 / (round.last_us - round.first_us) : 0;
      g_print ("%-6d %16.0f %16.0f %8.2f\n", r + 1, publish_rps, delivered_rps,
               publish_rps > 0 ? delivered_rps / publish_rps : 0);
      if (delivered_rps > best_delivered)
        {
          best_delivered = delivered_rps;
          best_publish = publish_rps;
        }

      gredis_pubsub_close (pubsub);
      g_free (round.benchmark_output);
      g_main_loop_unref (round.loop);
    }

  g_print ("best: %.0f messages/s delivered to the handler, %.0f published/s by "
           "redis-benchmark, ratio %.2f\n",
           best_delivered, best_publish, best_publish > 0 ? best_delivered / best_publish : 0);
  gredis_client_close (client);
  return 0;
}
