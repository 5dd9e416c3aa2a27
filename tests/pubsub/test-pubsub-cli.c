/* test-pubsub-cli.c: gredis-cli's SUBSCRIBE, PSUBSCRIBE and SSUBSCRIBE,
 * from the arguments and from standard input, byte for byte against
 * redis-cli's, and its end on SIGINT or a closed connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <signal.h>
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

static GredisTestServer *server;
static GredisClient *publisher;

typedef struct
{
  const char *name;
  const char *mode;            /* --raw or --no-raw */
  const char *protocol;        /* -2 or -3 */
  const char *verb;
  const char *names[3];
  const char *publish_verb;
  const char *channel;
  const char *payload;
} Case;

static const Case cases[] = {
  { "raw-subscribe", "--raw", "-2", "SUBSCRIBE", { "a", "b" }, "PUBLISH", "b", "hello world" },
  { "human-subscribe", "--no-raw", "-2", "SUBSCRIBE", { "a", "b" }, "PUBLISH", "a", "bin\x01\xff" },
  { "raw-psubscribe", "--raw", "-2", "PSUBSCRIBE", { "n*" }, "PUBLISH", "news", "p" },
  { "human-psubscribe", "--no-raw", "-3", "PSUBSCRIBE", { "n*", "m?" }, "PUBLISH", "mx", "q \"quoted\"" },
  { "raw-ssubscribe", "--raw", "-3", "SSUBSCRIBE", { "s1" }, "SPUBLISH", "s1", "shard" },
  { "human-ssubscribe", "--no-raw", "-2", "SSUBSCRIBE", { "s1" }, "SPUBLISH", "s1", "shard" },
};

static guint
n_names (const Case *c)
{
  guint n = 0;

  while (n < G_N_ELEMENTS (c->names) && c->names[n] != NULL)
    n++;
  return n;
}

static void
read_lines (GDataInputStream *in,
            GString          *out,
            guint             n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      gsize length;
      g_autofree char *line = g_data_input_stream_read_line (in, &length, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (line);
      g_string_append_len (out, line, length);
      g_string_append_c (out, '\n');
    }
}

/* Runs @tool on @c and returns everything it printed; it is stopped with
 * @signum once the message is out. */
static char *
run_tool (const char *tool,
          const Case *c,
          int         signum,
          int        *exit_status)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  GString *out = g_string_new (NULL);
  gboolean human = g_str_equal (c->mode, "--no-raw");
  guint names = n_names (c);
  const char *publish[] = { c->publish_verb, c->channel, c->payload, NULL };
  g_autoptr(GredisReply) reply = NULL;

  g_ptr_array_add (argv, g_strdup (tool));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", gredis_test_server_get_port (server)));
  g_ptr_array_add (argv, g_strdup (c->mode));
  if (g_str_equal (c->protocol, "-3"))
    g_ptr_array_add (argv, g_strdup ("-3"));
  g_ptr_array_add (argv, g_strdup (c->verb));
  for (guint i = 0; i < names; i++)
    g_ptr_array_add (argv, g_strdup (c->names[i]));
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_LF);

  /* "Reading messages...", then three lines per confirmation: the
   * subscription is in place once they are out. */
  read_lines (in, out, (human ? 1 : 0) + 3 * names);

  reply = gredis_client_command (publisher, publish, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 1);
  read_lines (in, out, g_str_equal (c->verb, "PSUBSCRIBE") ? 4 : 3);

  g_subprocess_send_signal (process, signum);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  *exit_status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return g_string_free (out, FALSE);
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  int expected_status, status;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *redis_cli = g_find_program_in_path ("redis-cli");

  if (redis_cli == NULL)
    {
      g_test_skip ("redis-cli is not installed");
      return;
    }

  /* redis-cli sets no handler: SIGINT may be ignored in a background
   * process, SIGTERM is not. */
  expected = run_tool (redis_cli, c, SIGTERM, &expected_status);
  got = run_tool (GREDIS_CLI, c, SIGINT, &status);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (status, ==, 0);
}

/* Standard input: the subscription is one line among others. */

typedef enum
{
  END_SIGINT,         /* Ctrl-C: the next lines are read */
  END_KILLED,         /* the server closes the connection: exit status 1 */
} Ending;

typedef struct
{
  const char *name;
  const char *mode;
  const char *protocol;
  const char *line;            /* the subscription */
  guint n_names;
  gboolean pattern;
  const char *publish_verb;
  const char *channel;
  const char *payload;
  Ending ending;
} StdinCase;

static const StdinCase stdin_cases[] = {
  { "raw-subscribe", "--raw", "-2", "subscribe a b", 2, FALSE, "PUBLISH", "b", "hello world", END_SIGINT },
  { "human-subscribe", "--no-raw", "-2", "SUBSCRIBE a \"b c\"", 2, FALSE, "PUBLISH", "b c", "bin\x01\xff", END_SIGINT },
  { "raw-subscribe-resp3", "--raw", "-3", "SUBSCRIBE a", 1, FALSE, "PUBLISH", "a", "x", END_SIGINT },
  { "human-subscribe-resp3", "--no-raw", "-3", "SUBSCRIBE a a", 2, FALSE, "PUBLISH", "a", "twice", END_SIGINT },
  { "raw-psubscribe", "--raw", "-2", "PSUBSCRIBE n* m?", 2, TRUE, "PUBLISH", "news", "p", END_SIGINT },
  { "human-psubscribe-resp3", "--no-raw", "-3", "psubscribe n*", 1, TRUE, "PUBLISH", "news", "q \"quoted\"", END_SIGINT },
  { "raw-ssubscribe-resp3", "--raw", "-3", "SSUBSCRIBE s1 s2", 2, FALSE, "SPUBLISH", "s2", "shard", END_SIGINT },
  { "human-ssubscribe", "--no-raw", "-2", "ssubscribe s1", 1, FALSE, "SPUBLISH", "s1", "shard", END_SIGINT },
  { "raw-killed", "--raw", "-2", "SUBSCRIBE k", 1, FALSE, "PUBLISH", "k", "before", END_KILLED },
  { "human-killed-resp3", "--no-raw", "-3", "SSUBSCRIBE k", 1, FALSE, "SPUBLISH", "k", "before", END_KILLED },
};

/* redis-cli prints "(N.NNs)" after a command that took half a second or
 * more: a subscription usually does, but not always. */
static gboolean
is_elapsed_line (const char *line)
{
  gsize len = strlen (line);

  return len >= 4 && line[0] == '(' && g_str_has_suffix (line, "s)") &&
         strspn (line + 1, "0123456789.") == len - 3;
}

static char *
run_stdin_tool (const char      *tool,
                const StdinCase *c,
                int             *exit_status)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_server_get_port (server));
  g_autofree char *script = g_strdup_printf ("PING\n%s\nECHO after\n", c->line);
  const char *argv[] = { tool, "-p", port, c->mode, NULL, NULL };
  GOutputStream *to_tool;
  GString *out = g_string_new (NULL);
  gboolean human = g_str_equal (c->mode, "--no-raw");
  const char *publish[] = { c->publish_verb, c->channel, c->payload, NULL };
  g_autoptr(GredisReply) reply = NULL;
  char *line;

  if (g_str_equal (c->protocol, "-3"))
    argv[4] = "-3";
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  to_tool = g_subprocess_get_stdin_pipe (process);
  g_output_stream_write_all (to_tool, script, strlen (script), NULL, NULL, &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  g_data_input_stream_set_newline_type (in, G_DATA_STREAM_NEWLINE_TYPE_LF);

  /* PONG, "Reading messages...", then three lines per confirmation: the
   * subscriptions are in place once they are out. */
  read_lines (in, out, 1 + (human ? 1 : 0) + 3 * c->n_names);
  reply = gredis_client_command (publisher, publish, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 1);
  read_lines (in, out, c->pattern ? 4 : 3);
  g_clear_pointer (&reply, gredis_reply_unref);

  if (c->ending == END_SIGINT)
    g_subprocess_send_signal (process, SIGINT);
  else
    {
      const char *kill[] = { "CLIENT", "KILL", "TYPE", "pubsub", NULL };

      reply = gredis_client_command (publisher, kill, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_integer (reply), ==, 1);
    }
  g_output_stream_close (to_tool, NULL, &error);
  g_assert_no_error (error);

  /* The rest: after Ctrl-C the next line's reply, then the end of input. */
  while ((line = g_data_input_stream_read_line (in, NULL, NULL, &error)) != NULL)
    {
      if (!is_elapsed_line (line))
        g_string_append_printf (out, "%s\n", line);
      g_free (line);
    }
  g_assert_no_error (error);

  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  *exit_status = g_subprocess_get_if_exited (process) ? g_subprocess_get_exit_status (process) : -1;
  return g_string_free (out, FALSE);
}

static void
test_stdin_case (gconstpointer data)
{
  const StdinCase *c = data;
  int expected_status, status;
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *redis_cli = g_find_program_in_path ("redis-cli");

  if (redis_cli == NULL)
    {
      g_test_skip ("redis-cli is not installed");
      return;
    }

  expected = run_stdin_tool (redis_cli, c, &expected_status);
  got = run_stdin_tool (GREDIS_CLI, c, &status);
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (status, ==, expected_status);
  g_assert_cmpint (status, ==, c->ending == END_SIGINT ? 0 : 1);
}

/* Subscriptions that end at once: without a name, or refused by an ACL.
 * The server's error is printed and the next line is read. */
static void
test_stdin_refused (void)
{
  static const char script[] =
    "SUBSCRIBE\n"
    "SUBSCRIBE secret\n"
    "PING\n"
    "psubscribe se*\n"
    "SSUBSCRIBE secret\n"
    "ECHO done\n";
  const char *acl[] = { "ACL", "SETUSER", "limited", "on", ">limited-pw", "+@all", "~*",
                        "resetchannels", "&open", NULL };
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *redis_cli = g_find_program_in_path ("redis-cli");
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_server_get_port (server));
  g_autoptr(GBytes) input = g_bytes_new_static (script, strlen (script));

  if (redis_cli == NULL)
    {
      g_test_skip ("redis-cli is not installed");
      return;
    }
  reply = gredis_client_command (publisher, acl, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (gredis_reply_is_error (reply));

  for (guint human = 0; human <= 1; human++)
    for (guint resp3 = 0; resp3 <= 1; resp3++)
      {
        char *outs[2];
        int statuses[2];
        const char *tools[] = { redis_cli, GREDIS_CLI };

        for (guint t = 0; t < 2; t++)
          {
            const char *argv[] = { tools[t], "-p", port, "--user", "limited", "--pass", "limited-pw",
                                   human ? "--no-raw" : "--raw", resp3 ? "-3" : NULL, NULL };
            g_autoptr(GSubprocess) process = NULL;
            g_autoptr(GBytes) out = NULL;

            process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                         G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
            g_assert_no_error (error);
            g_subprocess_communicate (process, input, NULL, &out, NULL, &error);
            g_assert_no_error (error);
            /* The output is text, without a NUL byte. */
            outs[t] = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
            g_assert_cmpuint (strlen (outs[t]), ==, g_bytes_get_size (out));
            statuses[t] = g_subprocess_get_exit_status (process);
          }
        g_assert_cmpstr (outs[1], ==, outs[0]);
        g_assert_cmpint (statuses[1], ==, statuses[0]);
        g_assert_cmpint (statuses[1], ==, 0);
        /* It did read past them. */
        g_assert_nonnull (strstr (outs[1], "done"));
        g_free (outs[0]);
        g_free (outs[1]);
      }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  gredis_config_set_host (config, "127.0.0.1");
  gredis_config_set_port (config, gredis_test_server_get_port (server));
  publisher = gredis_client_new (config);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pubsub/cli/%s", cases[i].name);

      g_test_add_data_func (path, &cases[i], test_case);
    }

  for (gsize i = 0; i < G_N_ELEMENTS (stdin_cases); i++)
    {
      g_autofree char *path = g_strdup_printf ("/pubsub/cli/stdin/%s", stdin_cases[i].name);

      g_test_add_data_func (path, &stdin_cases[i], test_stdin_case);
    }
  g_test_add_func ("/pubsub/cli/stdin/refused", test_stdin_refused);

  ret = g_test_run ();
  gredis_client_close (publisher);
  g_object_unref (publisher);
  gredis_test_server_stop (server);
  return ret;
}
