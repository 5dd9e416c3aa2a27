/* test-service-notify.c: gredis-service started as systemd would start
 * it: the notify protocol on a test NOTIFY_SOCKET, the watchdog, the
 * password from a credentials directory, and the uid check on a system bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

#include "gredis-test-server.h"

typedef struct {
  GredisTestServer *redis;
  char *dir;
  char *config_path;
  GTestDBus *bus;
  GSocket *notify;
  char *notify_path;
  GSubprocess *service;
  GSubprocess *restarted;      /* a redis-server started again on the same port */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketAddress) address = NULL;

  f->dir = g_dir_make_tmp ("gredis-service-notify-XXXXXX", &error);
  g_assert_no_error (error);
  f->config_path = g_build_filename (f->dir, "service.conf", NULL);
  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (f->bus);

  /* The test's NOTIFY_SOCKET: a Unix datagram socket, as systemd's. */
  f->notify_path = g_build_filename (f->dir, "notify", NULL);
  f->notify = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_DATAGRAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  address = g_unix_socket_address_new (f->notify_path);
  g_socket_bind (f->notify, address, TRUE, &error);
  g_assert_no_error (error);
  g_socket_set_timeout (f->notify, 60);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->service != NULL)
    {
      g_subprocess_force_exit (f->service);
      g_subprocess_wait (f->service, NULL, NULL);
    }
  g_clear_object (&f->service);
  if (f->restarted != NULL)
    {
      g_subprocess_force_exit (f->restarted);
      g_subprocess_wait (f->restarted, NULL, NULL);
    }
  g_clear_object (&f->restarted);
  g_clear_object (&f->notify);
  g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
  g_clear_pointer (&f->redis, gredis_test_server_stop);
  g_unlink (f->notify_path);
  g_unlink (f->config_path);
  g_rmdir (f->dir);
  g_free (f->notify_path);
  g_free (f->config_path);
  g_free (f->dir);
}

static void
write_config (Fixture    *f,
              const char *extra)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config =
    g_strdup_printf ("[gredis]\nhost=127.0.0.1\nport=%u\nconnect-timeout-ms=300\ncommand-timeout-ms=300\n"
                     "retries=0\n[service]\nidle-timeout-s=0\nhealth-check-interval-ms=100\n%s\n",
                     gredis_test_server_get_port (f->redis), extra);

  g_file_set_contents (f->config_path, config, -1, &error);
  g_assert_no_error (error);
}

static void
spawn_service (Fixture            *f,
               const char * const *env,
               gboolean            system_bus)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_autoptr(GError) error = NULL;

  g_subprocess_launcher_setenv (launcher, system_bus ? "DBUS_SYSTEM_BUS_ADDRESS" : "DBUS_SESSION_BUS_ADDRESS",
                                g_test_dbus_get_bus_address (f->bus), TRUE);
  g_subprocess_launcher_setenv (launcher, "NOTIFY_SOCKET", f->notify_path, TRUE);
  for (guint i = 0; env != NULL && env[i] != NULL; i += 2)
    g_subprocess_launcher_setenv (launcher, env[i], env[i + 1], TRUE);
  f->service = g_subprocess_launcher_spawn (launcher, &error, GREDIS_SERVICE, "--config", f->config_path,
                                            system_bus ? "--system" : "--session", NULL);
  g_assert_no_error (error);
}

/* The next notification; each may hold several assignments. */
static char *
next_notification (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  char buffer[4096];
  gssize n = g_socket_receive (f->notify, buffer, sizeof buffer - 1, NULL, &error);

  g_assert_no_error (error);
  buffer[n] = '\0';
  g_test_message ("notify: %s", buffer);
  return g_strdup (buffer);
}

static gboolean
has_line (const char *notification,
          const char *prefix)
{
  g_auto(GStrv) lines = g_strsplit (notification, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], prefix))
      return TRUE;
  return FALSE;
}

/* Reads until a notification with @prefix; fails on one with @forbidden
 * before it. */
static void
wait_for (Fixture    *f,
          const char *prefix,
          const char *forbidden)
{
  for (;;)
    {
      g_autofree char *n = next_notification (f);

      if (forbidden != NULL && has_line (n, forbidden))
        g_error ("got %s while waiting for %s", forbidden, prefix);
      if (has_line (n, prefix))
        return;
    }
}

static void
test_ready_and_watchdog (Fixture       *f,
                         gconstpointer  data)
{
  static const char * const env[] = { "WATCHDOG_USEC", "400000", NULL };
  g_autoptr(GError) error = NULL;
  char buffer[4096];
  gssize n;

  f->redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  write_config (f, "");

  /* Redis frozen from the start: no READY before the PING answers. */
  gredis_test_server_pause (f->redis);
  spawn_service (f, env, FALSE);
  wait_for (f, "STATUS=Redis is not answering", "READY=1");
  gredis_test_server_resume (f->redis);
  wait_for (f, "READY=1", "WATCHDOG=1");
  wait_for (f, "WATCHDOG=1", NULL);
  wait_for (f, "WATCHDOG=1", NULL);

  /* Frozen again: the watchdog stops once the health check fails… */
  gredis_test_server_pause (f->redis);
  wait_for (f, "STATUS=Redis is not answering", NULL);
  /* …and no keep-alive comes for several watchdog periods. */
  g_socket_set_timeout (f->notify, 2);
  for (;;)
    {
      n = g_socket_receive (f->notify, buffer, sizeof buffer - 1, NULL, &error);
      if (n < 0)
        break;
      buffer[n] = '\0';
      if (has_line (buffer, "WATCHDOG=1"))
        g_error ("WATCHDOG=1 while Redis is frozen");
    }
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);
  g_socket_set_timeout (f->notify, 60);

  /* Thawed: the keep-alives come back. */
  gredis_test_server_resume (f->redis);
  wait_for (f, "WATCHDOG=1", NULL);

  /* SIGTERM: STOPPING, then a clean exit. */
  g_subprocess_send_signal (f->service, SIGTERM);
  wait_for (f, "STOPPING=1", NULL);
  g_subprocess_wait (f->service, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_successful (f->service));
}

/* The password comes from $CREDENTIALS_DIRECTORY (LoadCredential=):
 * READY means that the PING, and so AUTH, succeeded. */
static void
test_credentials (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const redis_args[] = { "--requirepass", "s3cret-test-password", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *creds = g_build_filename (f->dir, "credentials", NULL);
  g_autofree char *file = g_build_filename (creds, "redis-password", NULL);
  const char *env[] = { "CREDENTIALS_DIRECTORY", creds, NULL };
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autofree char *printed = NULL;

  f->redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, redis_args, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (creds, 0700), ==, 0);
  g_file_set_contents (file, "s3cret-test-password", -1, &error);
  g_assert_no_error (error);
  write_config (f, "");
  {
    g_autofree char *config = NULL;
    g_file_get_contents (f->config_path, &config, NULL, &error);
    g_assert_no_error (error);
    g_autofree char *with_password = g_strconcat ("[gredis]\npassword-credential=redis-password\n", config, NULL);
    g_file_set_contents (f->config_path, with_password, -1, &error);
    g_assert_no_error (error);
  }

  spawn_service (f, env, FALSE);
  wait_for (f, "READY=1", NULL);

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_dbus_connection_call_sync (connection, "org.gredis.Service1", "/org/gredis/Service1",
                                       "org.gredis.Service1", "Execute",
                                       g_variant_new_parsed ("([[byte 0x50, 0x49, 0x4e, 0x47]],)"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
  g_assert_no_error (error);
  printed = g_variant_print (reply, FALSE);
  g_assert_cmpstr (printed, ==, "(<'PONG'>,)");
  g_unlink (file);
  g_rmdir (creds);
}

static char *
call_ping (Fixture  *f,
           GError  **error)
{
  g_autoptr(GDBusConnection) connection = NULL;
  g_autoptr(GVariant) reply = NULL;

  connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
                                                       G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                       G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                       NULL, NULL, error);
  g_assert_nonnull (connection);
  reply = g_dbus_connection_call_sync (connection, "org.gredis.Service1", "/org/gredis/Service1",
                                       "org.gredis.Service1", "Execute",
                                       g_variant_new_parsed ("([[byte 0x50, 0x49, 0x4e, 0x47]],)"),
                                       NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
  return reply != NULL ? g_variant_print (reply, FALSE) : NULL;
}

static void
assert_unavailable (const GError *error)
{
  g_autofree char *remote = g_dbus_error_get_remote_error (error);

  if (g_strcmp0 (remote, "org.gredis.Service1.Error.Unavailable") != 0)
    g_error ("expected .Unavailable, got %s: %s", remote, error->message);
}

/* On the system bus, only the configured users and groups may call. */
static void
test_system_bus_uid (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *denied_config = NULL;
  g_autofree char *group_config = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *remote = NULL;
  guint32 other_uid = getuid () == 4242 ? 4243 : 4242;

  f->redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);

  /* Another uid listed, not ours. */
  denied_config = g_strdup_printf ("[system-bus]\nallowed-users=%u\n", other_uid);
  write_config (f, denied_config);
  spawn_service (f, NULL, TRUE);
  wait_for (f, "READY=1", NULL);
  g_assert_null (call_ping (f, &error));
  remote = g_dbus_error_get_remote_error (error);
  g_assert_cmpstr (remote, ==, "org.gredis.Service1.Error.Denied");
  g_clear_error (&error);
  g_subprocess_send_signal (f->service, SIGTERM);
  g_subprocess_wait (f->service, NULL, NULL);
  g_clear_object (&f->service);

  /* Our group listed. */
  group_config = g_strdup_printf ("[system-bus]\nallowed-users=%u\nallowed-groups=%u\n", other_uid,
                                  (guint) getgid ());
  write_config (f, group_config);
  spawn_service (f, NULL, TRUE);
  wait_for (f, "READY=1", NULL);
  reply = call_ping (f, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "(<'PONG'>,)");
}

#ifndef GREDIS_SERVICE_HAVE_SYSTEMD
static void
skip_without_systemd (void)
{
  g_test_skip ("gredis-service is built without libsystemd (-Dsystemd=disabled): it sends no notifications.");
}
#endif

/* Redis frozen, then gone, then restarted behind the service while a
 * client calls: no call hangs; each succeeds or fails with .Unavailable,
 * and calls succeed again once Redis is back. */
static void
test_redis_lost (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  gboolean answered = FALSE;

  f->redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  write_config (f, "");
  spawn_service (f, NULL, FALSE);
  wait_for (f, "READY=1", NULL);
  reply = call_ping (f, &error);
  g_assert_no_error (error);

  gredis_test_server_pause (f->redis);
  g_assert_null (call_ping (f, &error));
  assert_unavailable (error);
  g_clear_error (&error);

  gredis_test_server_resume (f->redis);
  while (!answered)
    {
      g_autofree char *r = call_ping (f, &error);

      if (r != NULL)
        answered = TRUE;
      else
        {
          assert_unavailable (error);
          g_clear_error (&error);
        }
    }

  gredis_test_server_kill (f->redis);
  for (guint i = 0; i < 3; i++)
    {
      g_assert_null (call_ping (f, &error));
      assert_unavailable (error);
      g_clear_error (&error);
    }

  /* Redis restarted on the same port: the service reconnects by itself
   * and calls succeed again, each one before failing with .Unavailable.
   * The loop is bounded so that a service that never recovers fails the
   * test rather than hanging it. */
  {
    g_autofree char *port = g_strdup_printf ("%u", gredis_test_server_get_port (f->redis));
    const char *argv[] = { "redis-server", "--port", port, "--bind", "127.0.0.1",
                           "--save", "", "--appendonly", "no", "--dir", f->dir, NULL };
    guint attempts = 0;

    f->restarted = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
    g_assert_no_error (error);
    answered = FALSE;
    while (!answered)
      {
        g_autofree char *r = call_ping (f, &error);

        if (r != NULL)
          answered = TRUE;
        else
          {
            assert_unavailable (error);
            g_clear_error (&error);
            g_assert_cmpuint (++attempts, <, 200);
            g_usleep (50 * G_TIME_SPAN_MILLISECOND);
          }
      }
  }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GTestDBus) warm_up = NULL;

  g_test_init (&argc, &argv, NULL);

  /* See test-service.c: GTestDBus's watcher must fork before any thread. */
  warm_up = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (warm_up);
  g_test_dbus_down (warm_up);

#ifdef GREDIS_SERVICE_HAVE_SYSTEMD
  g_test_add ("/service/notify/ready-and-watchdog", Fixture, NULL, fixture_setup,
              test_ready_and_watchdog, fixture_teardown);
  g_test_add ("/service/notify/credentials", Fixture, NULL, fixture_setup, test_credentials,
              fixture_teardown);
  g_test_add ("/service/redis-lost", Fixture, NULL, fixture_setup, test_redis_lost, fixture_teardown);
  g_test_add ("/service/system-bus/uid", Fixture, NULL, fixture_setup, test_system_bus_uid,
              fixture_teardown);
#else
  (void) test_ready_and_watchdog;
  (void) test_credentials;
  (void) test_system_bus_uid;
  (void) test_redis_lost;
  (void) fixture_setup;
  (void) fixture_teardown;
  g_test_add_func ("/service/notify", skip_without_systemd);
#endif

  return g_test_run ();
}
