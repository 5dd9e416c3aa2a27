/* test-cli-repl.c: gredis-cli's interactive mode in tmux, next to redis-cli's
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test starts a private tmux server (its own socket in a temporary
 * directory, which is also HOME), runs gredis-cli in a session of it and,
 * where the two should look the same, redis-cli in another, types keys
 * into them and reads their panes. Panes are polled until what is awaited
 * appears, with a deadline far beyond any expected delay: no test depends
 * on how long anything takes.
 */
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gredis/gredis.h>

#include "gredis-test-server.h"

/* How long a pane may take to show what is awaited before the test fails:
 * only a stuck tool gets near it. */
#define DEADLINE_S 60

static GredisTestServer *server;
static char *tmux_path;
static char *redis_cli_path;

typedef struct
{
  char *dir;          /* the tmux socket, HOME, history files */
  char *socket;
  char *prompt;       /* "127.0.0.1:PORT>" (panes lose the trailing space) */
} Fixture;

static char *
tmux_v (Fixture            *f,
        const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_ptr_array_add (argv, tmux_path);
  g_ptr_array_add (argv, (char *) "-S");
  g_ptr_array_add (argv, f->socket);
  g_ptr_array_add (argv, (char *) "-f");
  g_ptr_array_add (argv, (char *) "/dev/null");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                &out, NULL, &status, &error);
  g_assert_no_error (error);
  return out;
}

#define tmux(f, ...) g_free (tmux_v ((f), (const char *[]) { __VA_ARGS__, NULL }))

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("gredis-cli-repl-XXXXXX", &error);
  g_assert_no_error (error);
  f->socket = g_build_filename (f->dir, "tmux.sock", NULL);
  f->prompt = g_strdup_printf ("127.0.0.1:%u>", gredis_test_server_get_port (server));
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  /* Ends the sessions of this test's tmux server, and nothing else. */
  tmux (f, "kill-server");
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->socket);
  g_free (f->prompt);
}

/* Starts @argv in the session @name, with HOME in the test's directory and
 * the environment variables @env ("NAME=VALUE", or "-NAME" to unset); when
 * the tool exits, the pane says "[exit STATUS]". */
static void
start (Fixture            *f,
       const char         *name,
       const char * const *env,
       const char * const *argv)
{
  g_autoptr(GString) command = g_string_new ("env");
  g_autofree char *home = g_strconcat ("HOME=", f->dir, NULL);
  g_autofree char *quoted_home = g_shell_quote (home);
  const char *plugin_path = g_getenv ("GREDIS_PLUGIN_PATH");

  g_string_append_printf (command, " -u GREDISCLI_HISTFILE -u REDISCLI_HISTFILE %s", quoted_home);
  if (plugin_path != NULL)
    {
      g_autofree char *setting = g_strconcat ("GREDIS_PLUGIN_PATH=", plugin_path, NULL);
      g_autofree char *quoted = g_shell_quote (setting);

      g_string_append_printf (command, " %s", quoted);
    }
  for (guint i = 0; env != NULL && env[i] != NULL; i++)
    {
      g_autofree char *quoted = g_shell_quote (env[i][0] == '-' ? env[i] + 1 : env[i]);

      g_string_append_printf (command, env[i][0] == '-' ? " -u %s" : " %s", quoted);
    }
  for (guint i = 0; argv[i] != NULL; i++)
    {
      g_autofree char *quoted = g_shell_quote (argv[i]);

      g_string_append_printf (command, " %s", quoted);
    }
  g_string_append (command, "; echo \"[exit $?]\"; exec sleep 3600");
  tmux (f, "new-session", "-d", "-s", name, "-x", "160", "-y", "50", command->str);
}

/* gredis-cli, or redis-cli, on the test server with @args. */
static void
start_cli (Fixture            *f,
           const char         *name,
           const char         *program,
           const char * const *env,
           gboolean            unix_socket)
{
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_server_get_port (server));
  const char *tcp_argv[] = { program, "-h", "127.0.0.1", "-p", port, NULL };
  const char *unix_argv[] = { program, "-s", gredis_test_server_get_socket_path (server), NULL };

  start (f, name, env, unix_socket ? unix_argv : tcp_argv);
}

static char *
capture (Fixture    *f,
         const char *name,
         gboolean    escapes)
{
  if (escapes)
    return tmux_v (f, (const char *[]) { "capture-pane", "-p", "-e", "-J", "-S", "-", "-t", name, NULL });
  return tmux_v (f, (const char *[]) { "capture-pane", "-p", "-J", "-S", "-", "-t", name, NULL });
}

/* The pane without the empty rows below its last line. */
static char *
capture_trimmed (Fixture    *f,
                 const char *name,
                 gboolean    escapes)
{
  char *text = capture (f, name, escapes);

  g_strchomp (text);
  return text;
}

/* Waits for @needle to appear in the pane (the end of the pane, with
 * @at_end); fails the test with the pane if it does not. */
static char *
wait_for (Fixture    *f,
          const char *name,
          const char *needle,
          gboolean    at_end)
{
  gint64 deadline = g_get_monotonic_time () + DEADLINE_S * G_USEC_PER_SEC;

  for (;;)
    {
      char *text = capture_trimmed (f, name, FALSE);

      if (at_end ? g_str_has_suffix (text, needle) : strstr (text, needle) != NULL)
        return text;
      if (g_get_monotonic_time () > deadline)
        {
          g_test_message ("pane %s, waiting for “%s”%s:\n%s", name, needle,
                          at_end ? " at its end" : "", text);
          g_free (text);
          g_test_fail ();
          return NULL;
        }
      g_free (text);
      g_usleep (G_USEC_PER_SEC / 20);
    }
}

#define assert_wait_for(f, name, needle, at_end) \
  G_STMT_START { \
    char *_text = wait_for ((f), (name), (needle), (at_end)); \
    if (_text == NULL) \
      return; \
    g_free (_text); \
  } G_STMT_END

static void
type_text (Fixture    *f,
           const char *name,
           const char *text)
{
  tmux (f, "send-keys", "-t", name, "-l", text);
}

static void
press (Fixture    *f,
       const char *name,
       const char *key)
{
  tmux (f, "send-keys", "-t", name, key);
}

/* The two panes, colours included, are the same. */
static void
assert_same_panes (Fixture *f)
{
  g_autofree char *gredis = capture_trimmed (f, "g", TRUE);
  g_autofree char *redis = capture_trimmed (f, "r", TRUE);

  if (g_strcmp0 (gredis, redis) != 0)
    g_test_message ("gredis-cli's pane:\n%s\nredis-cli's pane:\n%s", gredis, redis);
  g_assert_cmpstr (gredis, ==, redis);
}

static const char * const redis_env[] = { "REDISCLI_HISTFILE=/dev/null", NULL };
static const char * const gredis_env[] = { "GREDISCLI_HISTFILE=/dev/null", NULL };

/* Starts both tools, each in its session, and waits for their prompts. */
static gboolean
start_both (Fixture  *f,
            gboolean  unix_socket)
{
  g_autofree char *unix_prompt = g_strdup_printf ("redis %s>", gredis_test_server_get_socket_path (server));
  const char *prompt = unix_socket ? unix_prompt : f->prompt;
  char *text;

  start_cli (f, "g", GREDIS_CLI, gredis_env, unix_socket);
  start_cli (f, "r", redis_cli_path, redis_env, unix_socket);
  for (guint i = 0; i < 2; i++)
    {
      text = wait_for (f, i == 0 ? "g" : "r", prompt, TRUE);
      if (text == NULL)
        return FALSE;
      g_free (text);
    }
  return TRUE;
}

/* Types @line and Enter into both, waits for @until at the end of both. */
static gboolean
both_run (Fixture    *f,
          const char *line,
          const char *until)
{
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "g" : "r";
      char *text;

      type_text (f, name, line);
      press (f, name, "Enter");
      text = wait_for (f, name, until, TRUE);
      if (text == NULL)
        return FALSE;
      g_free (text);
    }
  return TRUE;
}

/* The prompt, a reply, and SELECT's [db] and MULTI's (TX) in the prompt:
 * the same as redis-cli's, screen for screen. */
static void
test_prompt_and_replies (Fixture       *f,
                         gconstpointer  data)
{
  g_autofree char *set_done = g_strdup_printf ("OK\n%s", f->prompt);
  g_autofree char *get_done = g_strdup_printf ("\"hello\"\n%s", f->prompt);
  g_autofree char *three_pongs = g_strdup_printf ("PONG\nPONG\nPONG\n%s", f->prompt);
  g_autofree char *db2 = g_strdup_printf ("OK\n127.0.0.1:%u[2]>", gredis_test_server_get_port (server));
  g_autofree char *tx = g_strdup_printf ("OK\n127.0.0.1:%u[2](TX)>", gredis_test_server_get_port (server));
  g_autofree char *queued = g_strdup_printf ("QUEUED\n127.0.0.1:%u[2](TX)>", gredis_test_server_get_port (server));
  g_autofree char *discarded = g_strdup_printf ("OK\n127.0.0.1:%u[2]>", gredis_test_server_get_port (server));
  g_autofree char *db0 = g_strdup_printf ("OK\n%s", f->prompt);

  if (!start_both (f, FALSE))
    return;
  if (!both_run (f, "SET repl:key hello", set_done) ||
      !both_run (f, "GET repl:key", get_done) ||
      !both_run (f, "3 PING", three_pongs) ||
      !both_run (f, "SELECT 2", db2) ||
      !both_run (f, "MULTI", tx) ||
      !both_run (f, "PING", queued) ||
      !both_run (f, "DISCARD", discarded) ||
      !both_run (f, "SELECT 0", db0))
    return;
  assert_same_panes (f);
}

/* On a Unix socket, the prompt is "redis PATH>". */
static void
test_unix_prompt (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *done = g_strdup_printf ("PONG\nredis %s>", gredis_test_server_get_socket_path (server));

  if (!start_both (f, TRUE) || !both_run (f, "PING", done))
    return;
  assert_same_panes (f);
}

/* HELP SET and HELP @hyperloglog, colours included, as redis-cli shows them. */
static void
test_help (Fixture       *f,
           gconstpointer  data)
{
  g_autofree char *set_done = g_strdup_printf ("  group: string\n\n%s", f->prompt);
  g_autofree char *group_done = g_strdup_printf ("  since: 2.8.9\n\n%s", f->prompt);

  if (!start_both (f, FALSE))
    return;
  if (!both_run (f, "HELP SET", set_done) ||
      !both_run (f, "HELP @hyperloglog", group_done))
    return;
  assert_same_panes (f);
}

/* The grey hint after a command name, and Tab cycling through the command
 * names a line begins: the same screens as redis-cli's. */
static void
test_hints_and_completion (Fixture       *f,
                           gconstpointer  data)
{
  g_autofree char *set_hint = g_strdup_printf ("%s SET repl:key value [NX|XX] [GET]", f->prompt);
  g_autofree char *first = g_strdup_printf ("%s SELECT index", f->prompt);
  g_autofree char *second = g_strdup_printf ("%s SET key value [NX|XX]", f->prompt);

  if (!start_both (f, FALSE))
    return;

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "g" : "r";

      type_text (f, name, "SET repl:key");
      /* The hint is cut at the pane's width: its start is enough. */
      assert_wait_for (f, name, set_hint, FALSE);
    }
  assert_same_panes (f);

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "g" : "r";

      press (f, name, "C-u");
      assert_wait_for (f, name, f->prompt, TRUE);
      type_text (f, name, "SE");
      press (f, name, "Tab");
      assert_wait_for (f, name, first, TRUE);
    }
  assert_same_panes (f);

  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "g" : "r";

      press (f, name, "Tab");
      assert_wait_for (f, name, second, FALSE);
    }
  assert_same_panes (f);
}

/* Up recalls the line before (not "^[[A" sent to the server); the history
 * file keeps it for the next run, and /dev/null keeps none. */
static void
test_history (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *history = g_build_filename (f->dir, "history", NULL);
  g_autofree char *setting = g_strconcat ("GREDISCLI_HISTFILE=", history, NULL);
  const char *env[] = { setting, NULL };
  const char *no_history[] = { "GREDISCLI_HISTFILE=/dev/null", NULL };
  const char *default_history[] = { NULL };
  g_autofree char *echoed = g_strdup_printf ("\"recalled-line\"\n%s", f->prompt);
  g_autofree char *recalled = g_strdup_printf ("%s ECHO recalled-line", f->prompt);
  g_autofree char *twice = g_strdup_printf ("\"recalled-line\"\n%s ECHO recalled-line\n"
                                            "\"recalled-line\"\n%s",
                                            f->prompt, f->prompt);
  g_autofree char *home_file = g_build_filename (f->dir, ".gredis_cli_history", NULL);
  g_autofree char *contents = NULL;
  char *text;

  start_cli (f, "g", GREDIS_CLI, env, FALSE);
  assert_wait_for (f, "g", f->prompt, TRUE);
  type_text (f, "g", "ECHO recalled-line");
  press (f, "g", "Enter");
  assert_wait_for (f, "g", echoed, TRUE);
  press (f, "g", "Up");
  assert_wait_for (f, "g", recalled, TRUE);
  press (f, "g", "Enter");
  text = wait_for (f, "g", twice, TRUE);
  if (text == NULL)
    return;
  g_assert_null (strstr (text, "[A"));
  g_free (text);
  /* Ctrl-D leaves. */
  press (f, "g", "C-d");
  assert_wait_for (f, "g", "[exit 0]", FALSE);

  g_assert_true (g_file_get_contents (history, &contents, NULL, NULL));
  g_assert_nonnull (strstr (contents, "recalled-line"));

  /* A new run finds the line in the file. */
  start_cli (f, "g2", GREDIS_CLI, env, FALSE);
  assert_wait_for (f, "g2", f->prompt, TRUE);
  press (f, "g2", "Up");
  assert_wait_for (f, "g2", recalled, TRUE);

  /* /dev/null: nothing written; by default, ~/.gredis_cli_history. */
  for (guint i = 0; i < 2; i++)
    {
      const char *name = i == 0 ? "g3" : "g4";

      start_cli (f, name, GREDIS_CLI, i == 0 ? no_history : default_history, FALSE);
      assert_wait_for (f, name, f->prompt, TRUE);
      type_text (f, name, "PING");
      press (f, name, "Enter");
      assert_wait_for (f, name, "PONG", FALSE);
      press (f, name, "C-d");
      assert_wait_for (f, name, "[exit 0]", FALSE);
      g_assert_true (g_file_test (home_file, G_FILE_TEST_EXISTS) == (i == 1));
    }
}

/* Ctrl-C drops the line being typed. */
static void
test_ctrl_c (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *typed = g_strdup_printf ("%s GARBAGE", f->prompt);
  g_autofree char *pong = g_strdup_printf ("%s PING\nPONG\n%s", f->prompt, f->prompt);
  char *text;

  start_cli (f, "g", GREDIS_CLI, gredis_env, FALSE);
  assert_wait_for (f, "g", f->prompt, TRUE);
  type_text (f, "g", "GARBAGE");
  assert_wait_for (f, "g", typed, TRUE);
  press (f, "g", "C-c");
  assert_wait_for (f, "g", f->prompt, TRUE);
  type_text (f, "g", "PING");
  press (f, "g", "Enter");
  text = wait_for (f, "g", pong, TRUE);
  if (text == NULL)
    return;
  g_assert_null (strstr (text, "GARBAGE"));
  g_free (text);
}

static guint16
closed_port (void)
{
  struct sockaddr_in address = { .sin_family = AF_INET, .sin_addr.s_addr = htonl (INADDR_LOOPBACK) };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);

  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  close (fd);
  return ntohs (address.sin_port);
}

/* CONNECT to where nothing listens: "not connected>", and HELP still
 * works; CONNECT back: the prompt and commands again. */
static void
test_connect (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *away = g_strdup_printf ("CONNECT 127.0.0.1 %u", closed_port ());
  g_autofree char *back = g_strdup_printf ("CONNECT 127.0.0.1 %u", gredis_test_server_get_port (server));
  g_autofree char *pong = g_strdup_printf ("PONG\n%s", f->prompt);

  start_cli (f, "g", GREDIS_CLI, gredis_env, FALSE);
  assert_wait_for (f, "g", f->prompt, TRUE);
  type_text (f, "g", away);
  press (f, "g", "Enter");
  assert_wait_for (f, "g", "\nnot connected>", TRUE);
  type_text (f, "g", "HELP PING");
  press (f, "g", "Enter");
  assert_wait_for (f, "g", "group: connection\n\nnot connected>", TRUE);
  type_text (f, "g", back);
  press (f, "g", "Enter");
  assert_wait_for (f, "g", f->prompt, TRUE);
  type_text (f, "g", "PING");
  press (f, "g", "Enter");
  assert_wait_for (f, "g", pong, TRUE);
}

/* No server where the tool is pointed: it starts "not connected", as
 * redis-cli does, and says why. */
static void
test_start_not_connected (Fixture       *f,
                          gconstpointer  data)
{
  g_autofree char *port = g_strdup_printf ("%u", closed_port ());
  const char *argv[] = { GREDIS_CLI, "-h", "127.0.0.1", "-p", port, NULL };
  char *text;

  start (f, "g", gredis_env, argv);
  text = wait_for (f, "g", "\nnot connected>", TRUE);
  if (text == NULL)
    return;
  g_assert_nonnull (strstr (text, port));
  g_free (text);
}

/* The server lost: the command that finds out says so and the prompt is
 * "not connected>"; the next command connects again. Runs last: it stops
 * the server the other tests share, and starts it again. */
static void
test_server_lost (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pong = g_strdup_printf ("%s PING\nPONG\n%s", f->prompt, f->prompt);
  g_autofree char *again = g_strdup_printf ("not connected> PING\nPONG\n%s", f->prompt);

  start_cli (f, "g", GREDIS_CLI, gredis_env, FALSE);
  assert_wait_for (f, "g", f->prompt, TRUE);
  type_text (f, "g", "PING");
  press (f, "g", "Enter");
  assert_wait_for (f, "g", pong, TRUE);

  gredis_test_server_kill (server);
  type_text (f, "g", "PING");
  press (f, "g", "Enter");
  assert_wait_for (f, "g", "\nnot connected>", TRUE);

  g_assert_true (gredis_test_server_restart (server, &error));
  g_assert_no_error (error);
  type_text (f, "g", "PING");
  press (f, "g", "Enter");
  assert_wait_for (f, "g", again, TRUE);
}

/* Runs @argv with @input on standard input, returns standard output. */
static GBytes *
run_with_input (const char * const *argv,
                const char         *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) in = g_bytes_new (input, strlen (input));
  g_autoptr(GError) error = NULL;
  GBytes *out = NULL;

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, in, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return out;
}

/* HELP of every group and of every command redis-cli knows, read from
 * standard input: the same bytes as redis-cli's. */
static void
test_help_all (void)
{
  static const char * const groups[] = {
    "generic", "string", "list", "set", "sorted-set", "hash", "pubsub", "transactions",
    "connection", "server", "scripting", "hyperloglog", "cluster", "geo", "stream", "bitmap",
    "nosuchgroup",
  };
  const char *redis_argv[] = { redis_cli_path, "-s", gredis_test_server_get_socket_path (server), NULL };
  const char *gredis_argv[] = { GREDIS_CLI, "-s", gredis_test_server_get_socket_path (server), NULL };
  g_autoptr(GString) input = g_string_new (NULL);
  g_autoptr(GBytes) listing = NULL;
  g_autoptr(GBytes) redis_out = NULL;
  g_autoptr(GBytes) gredis_out = NULL;
  g_autoptr(GRegex) name = g_regex_new ("\\033\\[1m(.*?)\\033\\[0m", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *text = NULL;
  guint n_commands = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (groups); i++)
    g_string_append_printf (input, "HELP @%s\n", groups[i]);
  listing = run_with_input (redis_argv, input->str);
  text = g_strndup (g_bytes_get_data (listing, NULL), g_bytes_get_size (listing));
  g_regex_match (name, text, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL), n_commands++)
    {
      g_autofree char *command = g_match_info_fetch (match, 1);

      g_string_append_printf (input, "HELP %s\n", command);
    }
  /* Redis 7.0 has more than 300 commands and subcommands. */
  g_assert_cmpuint (n_commands, >, 300);
  g_string_append (input, "help set\nHELP CONFIG\nHELP nosuchcommand\n? get\nHELP @SORTED-SET\n");

  redis_out = run_with_input (redis_argv, input->str);
  gredis_out = run_with_input (gredis_argv, input->str);
  g_assert_cmpmem (g_bytes_get_data (gredis_out, NULL), g_bytes_get_size (gredis_out),
                   g_bytes_get_data (redis_out, NULL), g_bytes_get_size (redis_out));
}

static void
skip (gconstpointer reason)
{
  g_test_skip (reason);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  tmux_path = g_find_program_in_path ("tmux");
  redis_cli_path = g_find_program_in_path ("redis-cli");
#ifndef GREDIS_CLI_HAVE_LIBEDIT
  g_test_add_data_func ("/cli-repl/skipped",
                        "gredis-cli was built without libedit: no line editing to test", skip);
  return g_test_run ();
#endif
  if (tmux_path == NULL || redis_cli_path == NULL)
    {
      g_test_add_data_func ("/cli-repl/skipped",
                            tmux_path == NULL ? "tmux is not installed: no terminal to drive"
                                              : "redis-cli is not installed: nothing to compare with",
                            skip);
      return g_test_run ();
    }

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP | GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/cli-repl/prompt-and-replies", test_prompt_and_replies);
  ADD ("/cli-repl/unix-prompt", test_unix_prompt);
  ADD ("/cli-repl/help", test_help);
  ADD ("/cli-repl/hints-and-completion", test_hints_and_completion);
  ADD ("/cli-repl/history", test_history);
  ADD ("/cli-repl/ctrl-c", test_ctrl_c);
  ADD ("/cli-repl/connect", test_connect);
  ADD ("/cli-repl/start-not-connected", test_start_not_connected);
#undef ADD
  g_test_add_func ("/cli-repl/help-all-stdin", test_help_all);
  g_test_add ("/cli-repl/server-lost", Fixture, NULL, fixture_setup, test_server_lost, fixture_teardown);

  status = g_test_run ();
  gredis_test_server_stop (server);
  g_free (tmux_path);
  g_free (redis_cli_path);
  return status;
}
