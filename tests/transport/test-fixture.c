/* test-fixture.c: the redis-server fixture, the fake server and the
 * blackhole listener that the other tests rely on
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-server.h"

#include <signal.h>
#include <string.h>
#include <gio/gunixsocketaddress.h>

/* Sends @request over a plain socket to @address and returns the first
 * reply bytes (up to @expect_len of them). */
static char *
raw_exchange (GSocketAddress *address,
              const char     *request,
              gsize           expect_len,
              GError        **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GString) reply = g_string_new (NULL);

  socket = g_socket_new (g_socket_address_get_family (address), G_SOCKET_TYPE_STREAM,
                         G_SOCKET_PROTOCOL_DEFAULT, error);
  if (socket == NULL)
    return NULL;
  g_socket_set_timeout (socket, 5);
  if (!g_socket_connect (socket, address, NULL, error))
    return NULL;
  if (g_socket_send (socket, request, strlen (request), NULL, error) < 0)
    return NULL;
  while (reply->len < expect_len)
    {
      char buf[256];
      gssize n = g_socket_receive (socket, buf, MIN (sizeof buf, expect_len - reply->len), NULL, error);
      if (n < 0)
        return NULL;
      if (n == 0)
        break;
      g_string_append_len (reply, buf, n);
    }
  return g_string_free (g_steal_pointer (&reply), FALSE);
}

static GSocketAddress *
inet_address (const char *host,
              guint16     port)
{
  g_autoptr(GInetAddress) inet = g_inet_address_new_from_string (host);
  return g_inet_socket_address_new (inet, port);
}

static void
test_tcp_unix (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GSocketAddress) tcp = NULL;
  g_autoptr(GSocketAddress) unix_address = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *directory = NULL;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP | GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_test_server_get_port (server), >, 0);
  g_assert_cmpuint (gredis_test_server_get_tls_port (server), ==, 0);
  g_assert_cmpstr (gredis_test_server_get_host (server), ==, "127.0.0.1");
  uri = gredis_test_server_get_uri (server);
  g_assert_true (g_str_has_prefix (uri, "redis://127.0.0.1:"));

  tcp = inet_address ("127.0.0.1", gredis_test_server_get_port (server));
  reply = raw_exchange (tcp, "PING\r\n", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "+PONG\r\n");
  g_clear_pointer (&reply, g_free);

  unix_address = g_unix_socket_address_new (gredis_test_server_get_socket_path (server));
  reply = raw_exchange (unix_address, "ECHO hi\r\n", 8, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "$2\r\nhi\r\n");

  directory = g_strdup (gredis_test_server_get_directory (server));
  g_assert_true (g_file_test (directory, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&server, gredis_test_server_stop);
  g_assert_false (g_file_test (directory, G_FILE_TEST_EXISTS));
}

static void
test_tcp6 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GSocketAddress) tcp = NULL;
  g_autofree char *reply = NULL;
  g_autofree char *uri = NULL;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP6, NULL, &error);
  if (error != NULL && strstr (error->message, "Cannot assign requested address") != NULL)
    {
      g_test_skip ("No IPv6 loopback on this machine");
      return;
    }
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_test_server_get_host (server), ==, "::1");
  uri = gredis_test_server_get_uri (server);
  g_assert_true (g_str_has_prefix (uri, "redis://[::1]:"));
  tcp = inet_address ("::1", gredis_test_server_get_port (server));
  reply = raw_exchange (tcp, "PING\r\n", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "+PONG\r\n");
}

static void
test_password (void)
{
  const char * const args[] = { "--requirepass", "s3cret", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GSocketAddress) unix_address = NULL;
  g_autofree char *reply = NULL;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, args, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_test_server_get_port (server), ==, 0);
  unix_address = g_unix_socket_address_new (gredis_test_server_get_socket_path (server));
  reply = raw_exchange (unix_address, "PING\r\n", 7, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "-NOAUTH");
  g_clear_pointer (&reply, g_free);
  reply = raw_exchange (unix_address, "AUTH s3cret\r\nPING\r\n", 12, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "+OK\r\n+PONG\r\n");
}

static void
test_bad_args (void)
{
  const char * const args[] = { "--no-such-option", "1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = NULL;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, args, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_FAILED);
  g_assert_null (server);
  g_assert_nonnull (strstr (error->message, "no-such-option"));
}

static void
test_tls_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = NULL;
  g_autofree char *uri = NULL;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TLS_CLIENT_AUTH, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_test_server_get_flags (server) & GREDIS_TEST_SERVER_TLS);
  g_assert_cmpuint (gredis_test_server_get_port (server), ==, 0);
  g_assert_cmpuint (gredis_test_server_get_tls_port (server), >, 0);
  uri = gredis_test_server_get_tls_uri (server);
  g_assert_true (g_str_has_prefix (uri, "rediss://localhost:"));
  for (guint i = 0; i < GREDIS_TEST_TLS_N_FILES; i++)
    {
      g_autofree char *contents = NULL;
      const char *path = gredis_test_server_get_tls_file (server, i);

      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_no_error (error);
      if (i == GREDIS_TEST_TLS_CLIENT_KEY_ENCRYPTED)
        g_assert_nonnull (strstr (contents, "BEGIN ENCRYPTED PRIVATE KEY"));
      else
        g_assert_true (g_str_has_prefix (contents, "-----BEGIN "));
    }
}

static void
test_pause_resume (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GSocketAddress) unix_address = NULL;
  char buf[16];
  gssize n;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);
  unix_address = g_unix_socket_address_new (gredis_test_server_get_socket_path (server));
  socket = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_assert_no_error (error);
  g_socket_connect (socket, unix_address, NULL, &error);
  g_assert_no_error (error);

  gredis_test_server_pause (server);
  g_socket_send (socket, "PING\r\n", 6, NULL, &error);
  g_assert_no_error (error);
  /* A stopped server answers nothing. */
  g_assert_false (g_socket_condition_timed_wait (socket, G_IO_IN, 200 * 1000, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_clear_error (&error);

  gredis_test_server_resume (server);
  g_socket_set_timeout (socket, 5);
  n = g_socket_receive (socket, buf, 7, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 7);
  g_assert_cmpmem (buf, 7, "+PONG\r\n", 7);
}

static void
test_kill (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = NULL;
  GPid pid;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  pid = gredis_test_server_get_pid (server);
  g_assert_cmpint (pid, >, 0);
  g_assert_cmpint (kill (pid, 0), ==, 0);
  gredis_test_server_kill (server);
  g_assert_cmpint (kill (pid, 0), ==, -1);
}

static void
fixture_test (GredisTestServerFixture *fixture,
              gconstpointer            data)
{
  g_assert_nonnull (fixture->server);
  g_assert_cmpuint (gredis_test_server_get_port (fixture->server), >, 0);
}

static void
test_fake_server (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fake = gredis_fake_server_new (&error);
  g_autoptr(GSocketAddress) address = NULL;
  g_autofree char *reply = NULL;

  g_assert_no_error (error);
  gredis_fake_server_add_expect (fake, "PING\r\n");
  gredis_fake_server_add_send (fake, "+PO", -1);
  gredis_fake_server_add_stall (fake, 10);
  gredis_fake_server_add_send (fake, "NG\r\n$5\r\nab", -1);
  gredis_fake_server_add_close (fake);

  address = inet_address ("127.0.0.1", gredis_fake_server_get_port (fake));
  /* Asks for more than is sent: the read stops at the close. */
  reply = raw_exchange (address, "PING\r\n", 100, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "+PONG\r\n$5\r\nab");
  g_assert_cmpuint (gredis_fake_server_get_n_accepted (fake), ==, 1);
  g_assert_cmpuint (gredis_fake_server_get_n_received (fake), ==, 6);
}

static void
test_fake_server_stall (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fake = gredis_fake_server_new (&error);
  g_autoptr(GSocketAddress) address = NULL;
  g_autoptr(GSocket) socket = NULL;

  g_assert_no_error (error);
  gredis_fake_server_add_stall (fake, 0);
  address = inet_address ("127.0.0.1", gredis_fake_server_get_port (fake));
  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, &error);
  g_assert_no_error (error);
  g_socket_connect (socket, address, NULL, &error);
  g_assert_no_error (error);
  g_socket_send (socket, "hello", 5, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (g_socket_condition_timed_wait (socket, G_IO_IN, 100 * 1000, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  /* Freeing the server ends the stalled connection. */
  g_clear_pointer (&fake, gredis_fake_server_free);
}

static void
test_blackhole (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestBlackhole) blackhole = gredis_test_blackhole_new (&error);
  g_autoptr(GSocketClient) client = g_socket_client_new ();
  g_autoptr(GSocketConnection) connection = NULL;

  g_assert_no_error (error);
  g_socket_client_set_enable_proxy (client, FALSE);
  g_socket_client_set_timeout (client, 1);
  connection = g_socket_client_connect_to_host (client, "127.0.0.1",
                                                gredis_test_blackhole_get_port (blackhole),
                                                NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_null (connection);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fixture/tcp-unix", test_tcp_unix);
  g_test_add_func ("/fixture/tcp6", test_tcp6);
  g_test_add_func ("/fixture/password", test_password);
  g_test_add_func ("/fixture/bad-args", test_bad_args);
  g_test_add_func ("/fixture/tls-files", test_tls_files);
  g_test_add_func ("/fixture/pause-resume", test_pause_resume);
  g_test_add_func ("/fixture/kill", test_kill);
  g_test_add ("/fixture/g-test-add", GredisTestServerFixture,
              GUINT_TO_POINTER (GREDIS_TEST_SERVER_TCP),
              gredis_test_server_fixture_setup, fixture_test,
              gredis_test_server_fixture_teardown);
  g_test_add_func ("/fake-server/script", test_fake_server);
  g_test_add_func ("/fake-server/stall", test_fake_server_stall);
  g_test_add_func ("/blackhole/connect-timeout", test_blackhole);

  return g_test_run ();
}
