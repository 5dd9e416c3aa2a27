/* test-logging.c: the debug output of a client, as G_MESSAGES_DEBUG=Gredis
 * shows it: the plugins chosen at connect and the path of a command, and
 * never a password nor a value
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

#define USER "gredis-log-user"
#define PASSWORD "Sup3r-S3cret-pw"
#define VALUE "value-never-logged"

static GredisTestServer *server;

/* Run as "test-logging --client SOCKET": a client with a password sends
 * SET and GET on the parent's server, then exits. */
static int
run_client (const char *socket_path)
{
  const char *set[] = { "SET", "gredis-log-key", VALUE, NULL };
  const char *get[] = { "GET", "gredis-log-key", NULL };
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  if (!gredis_config_set_option (config, "path", socket_path, &error) ||
      !gredis_config_set_option (config, "username", USER, &error) ||
      !gredis_config_set_option (config, "password", PASSWORD, &error))
    g_error ("%s", error->message);
  client = gredis_client_new (config);
  reply = gredis_client_command (client, set, NULL, &error);
  if (reply == NULL)
    g_error ("%s", error->message);
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = gredis_client_command (client, get, NULL, &error);
  if (reply == NULL)
    g_error ("%s", error->message);
  if (g_strcmp0 (gredis_reply_get_string (reply, NULL), VALUE) != 0)
    g_error ("GET did not return the value SET stored");
  gredis_client_close (client);
  return 0;
}

static const char *self_path;

/* The client's whole output with G_MESSAGES_DEBUG set to
 * @messages_debug (or unset): the default log writer puts debug lines
 * on stdout and the rest on stderr. */
static char *
run_client_process (const char *messages_debug)
{
  const char *argv[] = { self_path, "--client", gredis_test_server_get_socket_path (server), NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  if (messages_debug != NULL)
    g_subprocess_launcher_setenv (launcher, "G_MESSAGES_DEBUG", messages_debug, TRUE);
  else
    g_subprocess_launcher_unsetenv (launcher, "G_MESSAGES_DEBUG");
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  g_test_message ("client output, G_MESSAGES_DEBUG=%s:\n%s%s", messages_debug, out, err);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return g_strconcat (out, err, NULL);
}

static void
assert_matches (const char *text,
                const char *pattern)
{
  g_autofree char *glob = g_strdup_printf ("*%s*", pattern);

  if (!g_pattern_match_simple (glob, text))
    g_error ("No line matches “%s”", pattern);
}

static void
test_debug_gredis (void)
{
  g_autofree char *out = run_client_process ("Gredis");

  /* One line per connection with the plugins that carry it. */
  assert_matches (out, "Gredis-DEBUG: *connection: Connection 0x* to *: transport unix, "
                       "parser *, backoff *, pool *\n");
  /* The transport plugin speaks in the same domain. */
  assert_matches (out, "Gredis-DEBUG: *transport: Connected to *\n");
  /* The handshake by step names, a command by its first word. */
  assert_matches (out, "connection: Connection 0x*: handshake: AUTH*\n");
  assert_matches (out, "connection: Connection 0x*: queues SET (2 arguments)*\n");
  assert_matches (out, "connection: Connection 0x*: sends and waits for GET (1 argument)*\n");
  assert_matches (out, "connection: Connection 0x*: sent * bytes*\n");
  assert_matches (out, "connection: Connection 0x*: string reply*\n");
  /* Never the password, nor a value. */
  g_assert_null (strstr (out, PASSWORD));
  g_assert_null (strstr (out, VALUE));
}

static void
test_debug_off (void)
{
  g_autofree char *unset = run_client_process (NULL);
  g_autofree char *other = run_client_process ("Gtk");

  g_assert_null (strstr (unset, "Gredis-DEBUG"));
  /* Another domain alone does not turn Gredis on. */
  g_assert_null (strstr (other, "Gredis-DEBUG"));
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  if (argc == 3 && g_str_equal (argv[1], "--client"))
    return run_client (argv[2]);

  g_test_init (&argc, &argv, NULL);
  self_path = argv[0];

  g_test_add_func ("/logging/debug-gredis", test_debug_gredis);
  g_test_add_func ("/logging/debug-off", test_debug_off);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);
  {
    g_autofree char *uri = gredis_test_server_get_unix_uri (server);
    g_autoptr(GredisClient) client = gredis_client_new_for_uri (uri, &error);
    const char *acl[] = { "ACL", "SETUSER", USER, "on", ">" PASSWORD, "+@all", "~*", NULL };
    g_autoptr(GredisReply) reply = NULL;

    g_assert_no_error (error);
    reply = gredis_client_command (client, acl, NULL, &error);
    g_assert_no_error (error);
    gredis_client_close (client);
  }

  status = g_test_run ();
  gredis_test_server_stop (server);
  return status;
}
