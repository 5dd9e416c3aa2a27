/* test-cli.c: gredis-cli's output, byte for byte against redis-cli's
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "cli-compare.h"
#include "gredis-test-server.h"
#include "gredis-test-util.h"

static GredisTestServer *server;

static GPtrArray *
redis_cli_argv (gboolean resp3,
                gboolean raw)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("redis-cli"));
  g_ptr_array_add (argv, g_strdup ("-s"));
  g_ptr_array_add (argv, g_strdup (gredis_test_server_get_socket_path (server)));
  if (resp3)
    g_ptr_array_add (argv, g_strdup ("-3"));
  g_ptr_array_add (argv, g_strdup (raw ? "--raw" : "--no-raw"));
  return argv;
}

static GPtrArray *
gredis_cli_argv (const char *transport,
                 const char *parser,
                 gboolean    resp3,
                 gboolean    raw)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (GREDIS_CLI));
  if (g_str_equal (transport, "unix"))
    {
      g_ptr_array_add (argv, g_strdup ("-s"));
      g_ptr_array_add (argv, g_strdup (gredis_test_server_get_socket_path (server)));
    }
  else if (g_str_equal (transport, "tcp"))
    {
      g_ptr_array_add (argv, g_strdup ("-p"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", gredis_test_server_get_port (server)));
    }
  else
    {
      g_ptr_array_add (argv, g_strdup ("--tls"));
      g_ptr_array_add (argv, g_strdup ("--transport"));
      g_ptr_array_add (argv, g_strdup (transport));
      g_ptr_array_add (argv, g_strdup ("-h"));
      g_ptr_array_add (argv, g_strdup ("localhost"));
      g_ptr_array_add (argv, g_strdup ("-p"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", gredis_test_server_get_tls_port (server)));
      g_ptr_array_add (argv, g_strdup ("--cacert"));
      g_ptr_array_add (argv, g_strdup (gredis_test_server_get_tls_file (server, GREDIS_TEST_TLS_CA_CERT)));
    }
  g_ptr_array_add (argv, g_strdup ("--parser"));
  g_ptr_array_add (argv, g_strdup (parser));
  if (resp3)
    g_ptr_array_add (argv, g_strdup ("-3"));
  g_ptr_array_add (argv, g_strdup (raw ? "--raw" : "--no-raw"));
  return argv;
}

/* Every kind of reply: commands that read the data set below, or write
 * the same thing each time. */
static const char *const commands[] = {
  "PING",
  "SET greeting hello",
  "GET greeting",
  "GET missing",
  "GET binary",
  "STRLEN binary",
  "EXISTS greeting missing",
  "LRANGE list 0 -1",
  "LRANGE missing 0 -1",
  "HGETALL hash",
  "SMEMBERS one",
  "ZRANGE zset 0 -1 WITHSCORES",
  "ZSCORE zset b",
  "MGET greeting missing binary",
  "EVAL \"return {1, {2, 'x', {}}, 'y'}\" 0",
  "LPUSH greeting x",
  "NOSUCHCOMMAND a b",
  "ECHO",
  "DEBUG PROTOCOL string",
  "DEBUG PROTOCOL integer",
  "DEBUG PROTOCOL double",
  "DEBUG PROTOCOL null",
  "DEBUG PROTOCOL array",
  "DEBUG PROTOCOL set",
  "DEBUG PROTOCOL map",
  "DEBUG PROTOCOL true",
  "DEBUG PROTOCOL false",
  "DEBUG PROTOCOL verbatim",
  "DEBUG PROTOCOL push",
  "CONFIG GET maxmemory-policy",
};

static void
prepare_data (void)
{
  static const char *const setup =
    "FLUSHALL\n"
    "SET greeting hello\n"
    "SET binary \"a\\x00b\\r\\n\\xffq\\\"\\\\\"\n"
    "RPUSH list a \"b c\" \"\" d\n"
    "HSET hash f1 v1\n"
    "SADD one member\n"
    "ZADD zset 1 a 2.5 b\n";
  GPtrArray *argv = redis_cli_argv (FALSE, TRUE);
  Run r;

  g_ptr_array_add (argv, NULL);
  r = run ((const char * const *) argv->pdata, setup);
  g_assert_cmpint (r.status, ==, 0);
  g_bytes_unref (r.out);
  g_ptr_array_unref (argv);
}

static void
add_words (GPtrArray  *argv,
           const char *command)
{
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;

  g_shell_parse_argv (command, NULL, &words, &error);
  g_assert_no_error (error);
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (words[i]));
  g_ptr_array_add (argv, NULL);
}

typedef struct
{
  const char *transport;
  const char *parser;
  gboolean resp3;
} Combo;

static gboolean
skip_command (const char *command,
              gboolean    resp3)
{
  /* redis-cli 7.0 gives up on these under RESP3 ("Unknown reply type"). */
  return resp3 && (strstr (command, "bignum") != NULL || strstr (command, "attrib") != NULL);
}

static void
test_arguments (gconstpointer data)
{
  const Combo *combo = data;

  prepare_data ();
  for (guint raw = 0; raw <= 1; raw++)
    for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autoptr(GPtrArray) expected_argv = redis_cli_argv (combo->resp3, raw);
        g_autoptr(GPtrArray) got_argv = gredis_cli_argv (combo->transport, combo->parser,
                                                         combo->resp3, raw);
        g_autofree char *what = g_strdup_printf ("%s (%s)", commands[i], raw ? "raw" : "human");
        Run expected, got;

        if (skip_command (commands[i], combo->resp3))
          continue;
        add_words (expected_argv, commands[i]);
        add_words (got_argv, commands[i]);
        expected = run ((const char * const *) expected_argv->pdata, NULL);
        got = run ((const char * const *) got_argv->pdata, NULL);
        assert_same (what, &expected, &got);
        g_bytes_unref (expected.out);
        g_bytes_unref (got.out);
      }
}

static void
test_stdin (gconstpointer data)
{
  const Combo *combo = data;
  g_autoptr(GString) script = g_string_new (NULL);

  prepare_data ();
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    if (!skip_command (commands[i], combo->resp3))
      g_string_append_printf (script, "%s\n", commands[i]);
  /* Quoting as redis-cli reads it, and blank lines. */
  g_string_append (script, "\n  ECHO \"tab\\there\" 'single \\' quote'\n");
  g_string_append (script, "SET \"k\\x41\" \"\\x00\\x01\"\nGET kA\n");
  /* A repeat count before the command, and what is not one; QUIT with
   * an argument ends the input. */
  g_string_append (script, "3 PING\n2 ECHO \"a b\"\n-1 PING\n0 PING\n5\n07 ECHO x\n");
  g_string_append (script, "QUIT now\nPING\n");

  for (guint raw = 0; raw <= 1; raw++)
    {
      g_autoptr(GPtrArray) expected_argv = redis_cli_argv (combo->resp3, raw);
      g_autoptr(GPtrArray) got_argv = gredis_cli_argv (combo->transport, combo->parser,
                                                       combo->resp3, raw);
      Run expected, got;

      g_ptr_array_add (expected_argv, NULL);
      g_ptr_array_add (got_argv, NULL);
      expected = run ((const char * const *) expected_argv->pdata, script->str);
      got = run ((const char * const *) got_argv->pdata, script->str);
      assert_same (raw ? "standard input (raw)" : "standard input (human)", &expected, &got);
      g_bytes_unref (expected.out);
      g_bytes_unref (got.out);
    }
}

/* "(N.NNs)" after a command that took half a second or more, in the
 * human format only; the figures themselves are left out. */
static char *
mask_elapsed (GBytes *out)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (out, NULL), g_bytes_get_size (out));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    if (lines[i][0] == '(' && g_str_has_suffix (lines[i], "s)") &&
        strspn (lines[i] + 1, "0123456789.") == strlen (lines[i]) - 3)
      {
        g_free (lines[i]);
        lines[i] = g_strdup ("(elapsed)");
      }
  return g_strjoinv ("\n", lines);
}

static void
test_stdin_elapsed (void)
{
  static const char script[] = "DEBUG SLEEP 0.6\nPING\n";

  for (guint raw = 0; raw <= 1; raw++)
    {
      g_autoptr(GPtrArray) expected_argv = redis_cli_argv (FALSE, raw);
      g_autoptr(GPtrArray) got_argv = gredis_cli_argv ("unix", "resp2", FALSE, raw);
      g_autofree char *expected_text = NULL;
      g_autofree char *got_text = NULL;
      Run expected, got;

      g_ptr_array_add (expected_argv, NULL);
      g_ptr_array_add (got_argv, NULL);
      expected = run ((const char * const *) expected_argv->pdata, script);
      got = run ((const char * const *) got_argv->pdata, script);
      expected_text = mask_elapsed (expected.out);
      got_text = mask_elapsed (got.out);
      g_assert_cmpstr (got_text, ==, expected_text);
      g_assert_cmpstr (got_text, ==, raw ? "OK\nPONG\n" : "OK\n(elapsed)\nPONG\n");
      g_assert_cmpint (got.status, ==, expected.status);
      g_bytes_unref (expected.out);
      g_bytes_unref (got.out);
    }
}

static void
test_connection_error (void)
{
  const char *argv[] = { GREDIS_CLI, "-p", "1", "PING", NULL };
  const char *bad_parser[] = { GREDIS_CLI, "--parser", "no-such-parser", "PING", NULL };
  Run r;

  r = run (argv, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_assert_cmpuint (g_bytes_get_size (r.out), ==, 0);
  g_bytes_unref (r.out);

  r = run (bad_parser, NULL);
  g_assert_cmpint (r.status, !=, 0);
  g_bytes_unref (r.out);
}

static void
test_list_plugins (void)
{
  const char *argv[] = { GREDIS_CLI, "--list-plugins", NULL };
  g_autofree char *text = NULL;
  Run r;

  r = run (argv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  text = g_strndup (g_bytes_get_data (r.out, NULL), g_bytes_get_size (r.out));
  g_assert_nonnull (strstr (text, "transport"));
  g_assert_nonnull (strstr (text, "tcp"));
  g_assert_nonnull (strstr (text, "parser"));
  g_bytes_unref (r.out);
}

int
main (int    argc,
      char **argv)
{
  static const char *const transports[] = { "unix", "tcp", "tls", "gio-tls" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) combos = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *redis_cli = g_find_program_in_path ("redis-cli");
  GList *parsers;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/connection-error", test_connection_error);
  g_test_add_func ("/cli/list-plugins", test_list_plugins);

  if (redis_cli == NULL)
    {
      g_test_message ("redis-cli is not installed: nothing to compare with");
      return g_test_run ();
    }

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP | GREDIS_TEST_SERVER_UNIX |
                                     GREDIS_TEST_SERVER_TLS, NULL, &error);
  g_assert_no_error (error);
  g_test_add_func ("/cli/stdin-elapsed", test_stdin_elapsed);

  parsers = gredis_plugins_list (GREDIS_PLUGIN_PARSER);
  for (gsize t = 0; t < G_N_ELEMENTS (transports); t++)
    {
      g_autoptr(GredisPluginInfo) info = gredis_plugins_lookup (GREDIS_PLUGIN_TRANSPORT,
                                                                transports[t], NULL);
      if (info == NULL || !gredis_test_transport_testable ("/cli", transports[t]))
        continue;
      for (GList *l = parsers; l != NULL; l = l->next)
        for (guint resp3 = 0; resp3 <= 1; resp3++)
          {
            const char *parser = gredis_plugin_info_get_name (l->data);
            g_autoptr(GredisParser) p = gredis_parser_new_for_name (parser, NULL);
            Combo *combo;
            g_autofree char *path = NULL;

            if (p == NULL || !gredis_parser_set_protocol (p, resp3 ? 3 : 2, NULL))
              continue;
            combo = g_new0 (Combo, 1);
            combo->transport = transports[t];
            combo->parser = parser;
            combo->resp3 = resp3;
            g_ptr_array_add (combos, combo);
            path = g_strdup_printf ("/cli/%s/%s/resp%u/arguments", transports[t], parser,
                                    resp3 ? 3 : 2);
            g_test_add_data_func (path, combo, test_arguments);
            g_free (path);
            path = g_strdup_printf ("/cli/%s/%s/resp%u/stdin", transports[t], parser,
                                    resp3 ? 3 : 2);
            g_test_add_data_func (path, combo, test_stdin);
          }
    }

  status = g_test_run ();
  g_list_free_full (parsers, (GDestroyNotify) gredis_plugin_info_unref);
  gredis_test_server_stop (server);
  return status;
}
