/* test-pubsub-cli.c: gredis-cli's SUBSCRIBE, PSUBSCRIBE and SSUBSCRIBE,
 * byte for byte against redis-cli's, and its exit on SIGINT
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

  ret = g_test_run ();
  gredis_client_close (publisher);
  g_object_unref (publisher);
  gredis_test_server_stop (server);
  return ret;
}
