/* bench-service.c: calls per second through gredis-service on D-Bus,
 * beside the same commands straight through the library, in one run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   bench-service [CALLS]
 *
 * Starts a redis-server, a private bus (GTestDBus, which runs
 * dbus-daemon) and gredis-service on it (rate limit off), then runs CALLS
 * (default 20000) SET and GET commands with 1 and with 8 callers: through
 * the library (a GredisClient with 1 or 8 calls in flight) and through the
 * bus (1 or 8 D-Bus connections, each with one call in flight). Prints the
 * calls per second, the ratio bus / library and the latency the bus adds
 * to one call.
 */
#include "config.h"

#include <gredis/gredis.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>

#include "gredis-test-server.h"

typedef struct {
  GMainLoop *loop;
  GredisClient *client;
  GDBusConnection **connections;
  guint total;
  guint started;
  guint done;
  guint failed;
} Run;

static const char * const set_argv[] = { "SET", "bench:key", "value", NULL };
static const char * const get_argv[] = { "GET", "bench:key", NULL };

static void start_library (Run *run, guint caller);
static void start_bus (Run *run, guint caller);

static void
on_library (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Run *run = g_object_get_data (source, "bench-run");
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, NULL);

  if (reply == NULL)
    run->failed++;
  if (++run->done == run->total)
    g_main_loop_quit (run->loop);
  else
    start_library (run, GPOINTER_TO_UINT (user_data));
}

static void
start_library (Run   *run,
               guint  caller)
{
  if (run->started == run->total)
    return;
  gredis_client_command_async (run->client, run->started++ % 2 ? get_argv : set_argv, NULL,
                               on_library, GUINT_TO_POINTER (caller));
}

static GVariant *
argv_variant (const char * const *argv)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aay"));
  for (guint i = 0; argv[i] != NULL; i++)
    g_variant_builder_add_value (&builder, g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, argv[i],
                                                                      strlen (argv[i]), 1));
  return g_variant_new ("(@aay)", g_variant_builder_end (&builder));
}

static void
on_bus (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Run *run = g_object_get_data (source, "bench-run");
  g_autoptr(GVariant) reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, NULL);

  if (reply == NULL)
    run->failed++;
  if (++run->done == run->total)
    g_main_loop_quit (run->loop);
  else
    start_bus (run, GPOINTER_TO_UINT (user_data));
}

static void
start_bus (Run   *run,
           guint  caller)
{
  if (run->started == run->total)
    return;
  g_dbus_connection_call (run->connections[caller], "org.gredis.Service1", "/org/gredis/Service1",
                          "org.gredis.Service1", "Execute",
                          argv_variant (run->started++ % 2 ? get_argv : set_argv), G_VARIANT_TYPE ("(v)"),
                          G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_bus, GUINT_TO_POINTER (caller));
}

/* Returns calls per second. */
static double
measure (Run      *run,
         gboolean  through_bus,
         guint     callers)
{
  gint64 start;
  double seconds;

  run->started = run->done = run->failed = 0;
  start = g_get_monotonic_time ();
  for (guint i = 0; i < callers; i++)
    {
      if (through_bus)
        start_bus (run, i);
      else
        start_library (run, i);
    }
  g_main_loop_run (run->loop);
  seconds = (g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC;
  if (run->failed > 0)
    g_printerr ("%u calls failed\n", run->failed);
  return run->total / seconds;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GredisTestServer) redis = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) service = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *config = NULL;
  g_autofree char *uri = NULL;
  GDBusConnection *connections[8];
  Run run = { 0 };
  guint callers[] = { 1, 8 };

  run.total = argc > 1 ? (guint) atoi (argv[1]) : 20000;
  if (run.total == 0)
    run.total = 20000;
  if (g_getenv ("GREDIS_PLUGIN_PATH") == NULL)
    g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, TRUE);

  /* The bus first, before any thread (see tests/service/test-service.c). */
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  dir = g_dir_make_tmp ("gredis-bench-service-XXXXXX", &error);
  g_assert_no_error (error);
  config = g_strdup_printf ("[gredis]\nhost=127.0.0.1\nport=%u\n[service]\nidle-timeout-s=0\nrate-limit=0\n",
                            gredis_test_server_get_port (redis));
  config_path = g_build_filename (dir, "service.conf", NULL);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_setenv (launcher, "DBUS_SESSION_BUS_ADDRESS", g_test_dbus_get_bus_address (bus), TRUE);
  service = g_subprocess_launcher_spawn (launcher, &error, GREDIS_SERVICE, "--config", config_path, NULL);
  g_assert_no_error (error);

  run.loop = g_main_loop_new (NULL, FALSE);
  uri = gredis_test_server_get_uri (redis);
  run.client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (run.client), "bench-run", &run);
  for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
    {
      connections[i] = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (bus),
                                                               G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                               G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                               NULL, NULL, &error);
      g_assert_no_error (error);
      g_object_set_data (G_OBJECT (connections[i]), "bench-run", &run);
    }
  run.connections = connections;

  /* The service owns its name a moment after it starts: call until it
   * answers. */
  for (;;)
    {
      g_autoptr(GVariant) r = g_dbus_connection_call_sync (connections[0], "org.gredis.Service1",
                                                           "/org/gredis/Service1", "org.gredis.Service1",
                                                           "Execute", argv_variant (get_argv), NULL,
                                                           G_DBUS_CALL_FLAGS_NONE, -1, NULL, NULL);
      if (r != NULL)
        break;
      g_usleep (50000);
    }

  g_print ("%u calls of SET/GET each way; gredis-service on a private dbus-daemon\n", run.total);
  g_print ("%-8s %14s %14s %8s %18s\n", "callers", "library/s", "bus/s", "ratio", "added latency");
  for (guint c = 0; c < G_N_ELEMENTS (callers); c++)
    {
      double library = measure (&run, FALSE, callers[c]);
      double through_bus = measure (&run, TRUE, callers[c]);
      /* With N callers each waiting for its reply, one call takes N / rate. */
      double added_us = (callers[c] / through_bus - callers[c] / library) * G_USEC_PER_SEC;

      g_print ("%-8u %14.0f %14.0f %8.3f %15.1f us\n", callers[c], library, through_bus,
               through_bus / library, added_us);
    }

  for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
    {
      g_dbus_connection_close_sync (connections[i], NULL, NULL);
      g_object_unref (connections[i]);
    }
  g_subprocess_send_signal (service, SIGTERM);
  g_subprocess_wait (service, NULL, NULL);
  gredis_client_close (run.client);
  g_object_unref (run.client);
  g_main_loop_unref (run.loop);
  g_test_dbus_down (bus);
  g_unlink (config_path);
  g_rmdir (dir);
  return 0;
}
