/* service-test-run.c: runs a command beside gredis-service on a private
 * bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   service-test-run PROGRAM ARGS…
 *
 * Starts a redis-server, writes a configuration for gredis-service and a
 * service directory that activates it, starts a private bus (GTestDBus,
 * which sets DBUS_SESSION_BUS_ADDRESS), runs PROGRAM there with its
 * output passed through, tears everything down, and exits with PROGRAM's
 * status. The Python and GJS clients run under it.
 */
#include "config.h"

#include <gredis/gredis.h>
#include <glib/gstdio.h>

#include "gredis-test-server.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) redis = NULL;
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GSubprocess) child = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *services = NULL;
  g_autofree char *service_file = NULL;
  g_autofree char *service_text = NULL;
  int status;

  if (argc < 2)
    {
      g_printerr ("usage: %s PROGRAM ARGS…\n", argv[0]);
      return 2;
    }
  /* The bus first: GTestDBus forks a watcher process on its first use,
   * which must happen before any thread is made (GSubprocess makes one),
   * or the forked watcher never sees its parent exit and keeps the test's
   * output open. The configuration is read only on activation, so it can
   * be written once Redis runs. */
  dir = g_dir_make_tmp ("gredis-service-XXXXXX", &error);
  if (dir == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  config_path = g_build_filename (dir, "service.conf", NULL);
  services = g_build_filename (dir, "services", NULL);
  service_text = g_strdup_printf ("[D-BUS Service]\nName=org.gredis.Service1\nExec=%s --config %s\n",
                                  GREDIS_SERVICE, config_path);
  service_file = g_build_filename (services, "org.gredis.Service1.service", NULL);
  if (g_mkdir (services, 0700) != 0 ||
      !g_file_set_contents (service_file, service_text, -1, &error))
    {
      g_printerr ("Could not write the test service directory.\n");
      return 1;
    }
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (bus, services);
  g_test_dbus_up (bus);

  redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  if (redis == NULL)
    {
      g_printerr ("%s\n", error->message);
      g_test_dbus_down (bus);
      return 1;
    }
  /* EVAL is allowed by name, so that clients can make the server send
   * every RESP3 kind. */
  config = g_strdup_printf ("[gredis]\nhost=127.0.0.1\nport=%u\nprotocol=3\nobserve=metrics\n"
                            "[service]\nidle-timeout-s=0\nmax-request-bytes=4096\n"
                            "health-check-interval-ms=100\n"
                            "[session-bus]\nallow=*;EVAL\n",
                            gredis_test_server_get_port (redis));
  if (!g_file_set_contents (config_path, config, -1, &error))
    {
      g_printerr ("%s\n", error->message);
      g_test_dbus_down (bus);
      return 1;
    }

  child = g_subprocess_newv ((const char * const *) argv + 1, G_SUBPROCESS_FLAGS_NONE, &error);
  if (child == NULL || !g_subprocess_wait (child, NULL, &error))
    {
      g_printerr ("%s\n", error->message);
      status = 1;
    }
  else
    status = g_subprocess_get_if_exited (child) ? g_subprocess_get_exit_status (child) : 1;

  g_test_dbus_down (bus);
  g_unlink (service_file);
  g_unlink (config_path);
  g_rmdir (services);
  g_rmdir (dir);
  return status;
}
