/* bench-sentinel.c: how soon a client writes to the new master after a
 * failover
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * On a local Sentinel setup of its own (one primary, one replica, three
 * sentinels: the test fixture), a client writes INCRs in a loop, one at
 * a time, while SENTINEL FAILOVER moves the master. A side subscriber on
 * a sentinel notes when +switch-master is published; the figure is the
 * time from then to the client's first acknowledged write on the new
 * master (negative when the client was there first: it leaves the old
 * master when the failover begins and asks the sentinels again until
 * they name the new one). Twice in the same run: with the pool's
 * subscriptions on the sentinels (sentinel-events=true), and with
 * re-resolution on reconnect only.
 *
 *   meson compile -C build bench-sentinel && build/bench/bench-sentinel [rounds]
 *
 * Goal: under 100 ms with the subscriptions.
 */
#include <gredis/gredis.h>

#include "gredis-test-sentinel.h"

#include <string.h>

typedef struct
{
  GredisClient *client;
  GredisClient *events_client;  /* the side subscriber's */
  GredisPubSub *events;
  guint16 new_master_port;
  gint64 switch_time;           /* when +switch-master came, or 0 */
  gint64 first_write_time;      /* first write acknowledged on the new master */
  gboolean failover_done;
  guint64 writes;
  guint64 errors;
} Run;

static void
on_event (GredisPubSub *pubsub,
          const char   *channel,
          const char   *pattern,
          GBytes       *payload,
          gpointer      data)
{
  Run *run = data;

  if (run->switch_time == 0)
    run->switch_time = g_get_monotonic_time ();
}

static void write_next (Run *run);

static void
on_written (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Run *run = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);

  if (reply == NULL)
    run->errors++;
  else
    {
      /* The reply of INFO server: tcp_port says which node ran it. */
      g_autofree char *needle = g_strdup_printf ("tcp_port:%u\r\n", run->new_master_port);
      const char *text = gredis_reply_get_string (reply, NULL);

      run->writes++;
      if (run->first_write_time == 0 && text != NULL && strstr (text, needle) != NULL)
        run->first_write_time = g_get_monotonic_time ();
    }
  if (run->first_write_time == 0 || !run->failover_done)
    write_next (run);
}

static void
write_next (Run *run)
{
  /* One write and, atomically with it, which node ran it. */
  const char *argv[] = { "EVAL", "redis.call('INCR', KEYS[1]) return redis.call('INFO', 'server')",
                         "1", "bench:sentinel", NULL };

  gredis_client_command_async (run->client, argv, NULL, on_written, run);
}

static gpointer
failover_thread (gpointer data)
{
  GredisTestSentinel *setup = data;
  g_autoptr(GError) error = NULL;

  if (!gredis_test_sentinel_failover (setup, &error))
    g_printerr ("The failover failed: %s\n", error->message);
  return NULL;
}

static gboolean
on_failover_done (gpointer data)
{
  ((Run *) data)->failover_done = TRUE;
  return G_SOURCE_REMOVE;
}

static gpointer
failover_and_signal (gpointer data)
{
  gpointer *args = data;

  failover_thread (args[0]);
  g_main_context_invoke (NULL, on_failover_done, args[1]);
  return NULL;
}

/* One failover with a client configured with @events; the delay in ms
 * from +switch-master to its first write on the new master. */
static double
one_failover (GredisTestSentinel *setup,
              gboolean            events)
{
  g_autoptr(GString) uri = g_string_new ("redis+sentinel://");
  g_autofree char *sentinel_uri = NULL;
  g_autoptr(GThread) thread = NULL;
  g_autoptr(GError) error = NULL;
  const char *channels[] = { "+switch-master", NULL };
  guint old_master = gredis_test_sentinel_get_master_node (setup);
  gpointer args[2];
  Run run = { 0, };

  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    g_string_append_printf (uri, "%s127.0.0.1:%u", i > 0 ? "," : "",
                            gredis_test_sentinel_get_sentinel_port (setup, i));
  g_string_append_printf (uri, "/%s?retries=100&backoff-cap-ms=20&pool-timeout-ms=30000&sentinel-events=%s",
                          GREDIS_TEST_SENTINEL_MASTER_NAME, events ? "true" : "false");
  run.client = gredis_client_new_for_uri (uri->str, &error);
  g_assert_no_error (error);
  run.new_master_port = gredis_test_sentinel_get_node_port (setup, 1 - old_master);

  /* The side subscriber, on the sentinel that runs the failover. */
  sentinel_uri = g_strdup_printf ("redis://127.0.0.1:%u", gredis_test_sentinel_get_sentinel_port (setup, 0));
  run.events_client = gredis_client_new_for_uri (sentinel_uri, &error);
  g_assert_no_error (error);
  run.events = gredis_pubsub_new (run.events_client);
  g_signal_connect (run.events, "message", G_CALLBACK (on_event), &run);
  if (!gredis_pubsub_subscribe (run.events, channels, NULL, &error))
    g_error ("Cannot subscribe on the sentinel: %s", error->message);

  /* Warm: the client writes to the current master. */
  write_next (&run);
  while (run.writes == 0)
    g_main_context_iteration (NULL, TRUE);

  args[0] = setup;
  args[1] = &run;
  thread = g_thread_new ("failover", failover_and_signal, args);
  while (!run.failover_done || run.first_write_time == 0 || run.switch_time == 0)
    g_main_context_iteration (NULL, TRUE);
  g_thread_join (g_steal_pointer (&thread));

  gredis_pubsub_close (run.events);
  g_object_unref (run.events);
  g_object_unref (run.events_client);
  g_object_unref (run.client);
  return (run.first_write_time - run.switch_time) / 1000.0;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  GredisTestSentinel *setup;
  guint rounds = argc > 1 ? (guint) g_ascii_strtoull (argv[1], NULL, 10) : 3;

#ifdef GREDIS_BENCH_PLUGIN_DIR
  g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, FALSE);
#endif
  setup = gredis_test_sentinel_start (&error);
  if (setup == NULL)
    {
      g_printerr ("Could not start the Sentinel setup: %s\n", error->message);
      return 1;
    }

  g_print ("From +switch-master to the first write acknowledged by the new master (ms;\n"
           "negative: the client was writing there before the event):\n");
  g_print ("%-8s %14s %14s\n", "failover", "events", "re-resolution");
  for (guint i = 0; i < MAX (rounds, 1); i++)
    {
      double with_events = one_failover (setup, TRUE);
      double without = one_failover (setup, FALSE);

      g_print ("%-8u %14.1f %14.1f\n", i + 1, with_events, without);
    }
  gredis_test_sentinel_stop (setup);
  return 0;
}
