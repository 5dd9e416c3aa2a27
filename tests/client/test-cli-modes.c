/* test-cli-modes.c: gredis-cli's modes (-r -i -x -e --eval --pipe --json
 * --scan --bigkeys --memkeys --latency --stat) against redis-cli's
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include <gredis/gredis.h>

#include "cli-compare.h"
#include "gredis-test-server.h"
#include "gredis-test-util.h"

static GredisTestServer *server;
static char *scratch;            /* scripts for --eval */

/* The data set each comparison starts from. */
static const char dataset[] =
  "FLUSHALL\n"
  "SET greeting hello\n"
  "SET counter 10\n"
  "SET notnum abc\n"
  "RPUSH list a \"b c\" \"\" d\n"
  "HSET hash f1 v1 f2 longer-value\n"
  "SADD set x y z\n"
  "ZADD zset 1 a 2.5 b\n"
  "XADD stream 1-1 f v\n"
  "SET \"bin\\x00key\" v\n"
  "SET \"utf\\xc3\\xa9\\x01\\t\" v\n"
  "SET key:1 a\n"
  "SET key:2 bb\n"
  "SET key:10 ccc\n";

/* redis-cli (or gredis-cli) on the test server, then the words of @line */
static GPtrArray *
cli_argv (gboolean    gredis,
          const char *line)
{
  GPtrArray *argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) words = NULL;
  g_autoptr(GError) error = NULL;

  g_ptr_array_add (argv, g_strdup (gredis ? GREDIS_CLI : "redis-cli"));
  g_ptr_array_add (argv, g_strdup ("-s"));
  g_ptr_array_add (argv, g_strdup (gredis_test_server_get_socket_path (server)));
  g_shell_parse_argv (line, NULL, &words, &error);
  g_assert_no_error (error);
  for (guint i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (words[i]));
  g_ptr_array_add (argv, NULL);
  return argv;
}

static void
reset_data (void)
{
  g_autoptr(GPtrArray) argv = cli_argv (FALSE, "--raw");
  Run r = run ((const char * const *) argv->pdata, dataset);

  g_assert_cmpint (r.status, ==, 0);
  g_bytes_unref (r.out);
}

/* Runs @line with both, each on the data set afresh. */
static void
run_both (const char *line,
          GBytes     *input,
          Run        *expected,
          Run        *got)
{
  g_autoptr(GPtrArray) expected_argv = cli_argv (FALSE, line);
  g_autoptr(GPtrArray) got_argv = cli_argv (TRUE, line);

  reset_data ();
  *expected = run_bytes ((const char * const *) expected_argv->pdata, input);
  reset_data ();
  *got = run_bytes ((const char * const *) got_argv->pdata, input);
}

static void
compare_input (const char *line,
               GBytes     *input)
{
  Run expected, got;

  run_both (line, input, &expected, &got);
  assert_same (line, &expected, &got);
  g_bytes_unref (expected.out);
  g_bytes_unref (got.out);
}

static void
compare (const char *line)
{
  compare_input (line, NULL);
}

/* Runs @first with each, on the data set afresh, then @then with
 * redis-cli: what each left must read the same. */
static void
compare_after (const char *first,
               GBytes     *input,
               const char *then)
{
  g_autoptr(GPtrArray) then_argv = cli_argv (FALSE, then);
  g_autofree char *what = g_strdup_printf ("%s; then %s", first, then);
  Run results[2];

  for (guint gredis = 0; gredis <= 1; gredis++)
    {
      g_autoptr(GPtrArray) first_argv = cli_argv (gredis, first);
      Run ignored;

      reset_data ();
      ignored = run_bytes ((const char * const *) first_argv->pdata, input);
      g_bytes_unref (ignored.out);
      results[gredis] = run ((const char * const *) then_argv->pdata, NULL);
    }
  assert_same (what, &results[0], &results[1]);
  g_bytes_unref (results[0].out);
  g_bytes_unref (results[1].out);
}

static void
test_repeat (void)
{
  compare ("-r 3 ECHO x");
  compare ("-r 3 INCR counter");
  compare ("--no-raw -r 2 LRANGE list 0 -1");
  compare ("-r 2 -i 0.05 PING");
  compare ("-r 0 PING");
  compare ("--no-raw -r 2 INCR notnum");
  compare_after ("-r 5 RPUSH list e", NULL, "LRANGE list 0 -1");
}

static void
test_stdin_arg (void)
{
  static const char binary[] = "line one\nline two\r\n\0\xff tail";
  g_autoptr(GBytes) input = g_bytes_new_static (binary, sizeof binary - 1);

  compare_input ("-x SET fromstdin", input);
  compare_input ("-x ECHO", input);
  compare_input ("--no-raw -x ECHO", input);
  compare_input ("-x HSET hash f3", input);
  compare_after ("-x SET fromstdin", input, "--no-raw GET fromstdin");
  compare_after ("-x SET fromstdin", input, "STRLEN fromstdin");
}

static void
test_errcode (void)
{
  compare ("-e INCR notnum");
  compare ("INCR notnum");
  compare ("-e INCR counter");
  compare ("-e -r 3 INCR notnum");
  compare ("-e --no-raw NOSUCHCOMMAND");
  compare ("-e --json INCR notnum");
}

static char *
write_script (const char *name,
              const char *text)
{
  char *path = g_build_filename (scratch, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, text, -1, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_eval (void)
{
  g_autofree char *args = write_script ("args.lua",
                                        "return {KEYS[1], ARGV[1], #KEYS, #ARGV, redis.call('GET', KEYS[1])}\n");
  g_autofree char *error = write_script ("error.lua", "return redis.error_reply('ERR boom')\n");
  g_autofree char *write = write_script ("write.lua", "return redis.call('INCRBY', KEYS[1], ARGV[1])\n");
  g_autofree char *missing = g_build_filename (scratch, "missing.lua", NULL);
  g_autofree char *line = NULL;

#define EVAL(fmt, ...) (g_free (line), line = g_strdup_printf (fmt, __VA_ARGS__), compare (line))
  EVAL ("--eval %s greeting key:1 , a1 a2 a3", args);
  EVAL ("--no-raw --eval %s greeting , a1", args);
  EVAL ("--eval %s", args);
  EVAL ("--eval %s , only args ,", args);
  EVAL ("--eval %s", error);
  EVAL ("-e --eval %s", error);
  EVAL ("--eval %s", missing);
  EVAL ("-r 3 --eval %s counter , 5", write);
  EVAL ("--json --eval %s greeting , x", args);
#undef EVAL
}

static void
test_pipe (void)
{
  static const char protocol[] =
    "*3\r\n$3\r\nSET\r\n$4\r\npipe\r\n$5\r\nvalue\r\n"
    "*2\r\n$4\r\nINCR\r\n$6\r\nnotnum\r\n"
    "PING\r\n"
    "*1\r\n$4\r\nPING\r\n"
    "RPUSH plist a b c\r\n"
    "*2\r\n$3\r\nGET\r\n$4\r\npipe\r\n"
    "NOSUCHCOMMAND\r\n";
  g_autoptr(GBytes) input = g_bytes_new_static (protocol, sizeof protocol - 1);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GString) mass = g_string_new (NULL);
  g_autoptr(GBytes) mass_input = NULL;
  g_autoptr(GBytes) blocking = g_bytes_new_static ("BLPOP nosuchlist 0\r\n", 20);

  compare_input ("--pipe", input);
  compare_input ("--pipe", empty);
  compare_after ("--pipe", input, "--no-raw LRANGE plist 0 -1");

  for (guint i = 0; i < 5000; i++)
    {
      g_autofree char *key = g_strdup_printf ("mass:%u", i);

      g_string_append_printf (mass, "*3\r\n$3\r\nSET\r\n$%zu\r\n%s\r\n$1\r\nv\r\n", strlen (key), key);
    }
  mass_input = g_string_free_to_bytes (g_steal_pointer (&mass));
  compare_input ("--pipe", mass_input);
  compare_input ("-n 2 --pipe", mass_input);
  compare_after ("--pipe", mass_input, "DBSIZE");

  /* A reply that never comes: both give up after a second. */
  compare_input ("--pipe --pipe-timeout 1", blocking);
}

/* RESP3 and RESP2 replies of every kind, as JSON */
static void
test_json (void)
{
  static const char *const commands[] = {
    "GET greeting",
    "GET missing",
    "GET bin\\\\x00key",
    "KEYS *",
    "HGETALL hash",
    "LRANGE list 0 -1",
    "SMEMBERS set",
    "ZRANGE zset 0 -1 WITHSCORES",
    "ZSCORE zset b",
    "XRANGE stream - +",
    "INCR notnum",
    "EXISTS greeting missing",
    "ECHO \"quote\\\" back\\\\slash \\t tab \\x01 \\xc3\\xa9 \\x7f\"",
    "DEBUG PROTOCOL map",
    "DEBUG PROTOCOL set",
    "DEBUG PROTOCOL double",
    "DEBUG PROTOCOL true",
    "DEBUG PROTOCOL false",
    "DEBUG PROTOCOL null",
    "DEBUG PROTOCOL verbatim",
    "DEBUG PROTOCOL push",
    "DEBUG PROTOCOL array",
    "EVAL \"return {1, {2, 'x', {}}, 'y'}\" 0",
    "EVAL \"return redis.setresp(3) or redis.call('HGETALL', 'hash')\" 0",
  };
  static const char *const modes[] = { "--json", "--quoted-json", "-2 --json", "-2 --quoted-json" };

  for (gsize m = 0; m < G_N_ELEMENTS (modes); m++)
    for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autofree char *line = g_strdup_printf ("%s %s", modes[m], commands[i]);

        compare (line);
      }
  compare ("--json -r 2 HGETALL hash");
}

/* INFO, LATENCY DOCTOR …: text for people, printed as it is in every
 * format */
static void
test_verbatim (void)
{
  static const char *const commands[] = { "INFO keyspace", "info KEYSPACE", "LATENCY DOCTOR" };
  static const char *const modes[] = { "--raw", "--no-raw", "--json", "-3 --no-raw", "-r 2 --no-raw" };

  for (gsize m = 0; m < G_N_ELEMENTS (modes); m++)
    for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
      {
        g_autofree char *line = g_strdup_printf ("%s %s", modes[m], commands[i]);

        compare (line);
      }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
sort_lines (Run *r)
{
  g_autofree char *text = run_text (r);
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);

  qsort (lines, g_strv_length (lines), sizeof (char *), compare_strings);
  return g_strjoinv ("\n", lines);
}

static void
test_scan (void)
{
  static const char *const lines[] = {
    "--scan",
    "--no-raw --scan",
    "--scan --pattern key:*",
    "--scan --pattern key:1*",
    "--scan --pattern nomatch*",
    "--no-raw --scan --quoted-pattern \"bin\\x00*\"",
    "--no-raw --scan --quoted-pattern \"utf*\"",
    "-i 0.01 --scan --pattern *e*",
    "-n 1 --scan",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *expected_text = NULL;
      g_autofree char *got_text = NULL;
      Run expected, got;

      run_both (lines[i], NULL, &expected, &got);
      /* SCAN's order is the server's: compare the sets of lines. */
      expected_text = sort_lines (&expected);
      got_text = sort_lines (&got);
      if (g_strcmp0 (expected_text, got_text) != 0)
        {
          g_test_message ("%s: redis-cli printed\n%s\ngredis-cli printed\n%s", lines[i],
                          expected_text, got_text);
          g_test_fail ();
        }
      g_assert_cmpint (expected.status, ==, got.status);
      g_bytes_unref (expected.out);
      g_bytes_unref (got.out);
    }
}

/* The header and the summary of --bigkeys and --memkeys; the lines
 * between them follow the order of SCAN. */
static char *
summary (Run *r)
{
  g_autofree char *text = run_text (r);
  const char *start = strstr (text, "-------- summary -------");
  const char *header_end = strstr (text, "(not usually needed).\n");

  if (start == NULL || header_end == NULL)
    return g_strdup (text);
  header_end += strlen ("(not usually needed).\n");
  return g_strdup_printf ("%.*s%s", (int) (header_end - text), text, start);
}

static void
test_bigkeys (void)
{
  static const char *const lines[] = {
    "--bigkeys",
    "--no-raw --bigkeys",
    "--bigkeys --pattern key:*",
    "--bigkeys --pattern nomatch",
    "--memkeys",
    "--memkeys-samples 2",
    "--memkeys --pattern *s*",
    "-i 0.01 --bigkeys",
    "-n 1 --bigkeys",
    "--bigkeys --pattern greeting",
    "--bigkeys --pattern list",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_autofree char *expected_text = NULL;
      g_autofree char *got_text = NULL;
      Run expected, got;

      run_both (lines[i], NULL, &expected, &got);
      expected_text = summary (&expected);
      got_text = summary (&got);
      g_assert_nonnull (strstr (expected_text, "Sampled "));
      g_assert_cmpstr (got_text, ==, expected_text);
      g_assert_cmpint (got.status, ==, expected.status);
      g_bytes_unref (expected.out);
      g_bytes_unref (got.out);
    }
}

/* The first @n lines a program prints before it is stopped, read as they
 * come; redis-cli buffers its output in a pipe, so it runs under stdbuf. */
static GPtrArray *
first_lines (GPtrArray *argv,
             guint      n,
             const char *until)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  while (lines->len < n)
    {
      char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);

      g_assert_no_error (error);
      if (line == NULL)
        break;
      g_ptr_array_add (lines, line);
      if (until != NULL && g_str_has_prefix (line, until))
        break;
    }
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);
  return lines;
}

static GPtrArray *
stdbuf_argv (const char *stdbuf,
             const char *line)
{
  GPtrArray *argv = cli_argv (FALSE, line);

  g_ptr_array_insert (argv, 0, g_strdup ("-oL"));
  g_ptr_array_insert (argv, 0, g_strdup (stdbuf));
  return argv;
}

static void
assert_matches (const char *what,
                const char *pattern,
                const char *text)
{
  if (!g_regex_match_simple (pattern, text, G_REGEX_DOLLAR_ENDONLY, 0))
    {
      g_test_message ("%s: “%s” is not of the form %s", what, text, pattern);
      g_test_fail ();
    }
}

static void
test_latency (void)
{
  static const struct
  {
    const char *line;
    const char *pattern;
  } oneshot[] = {
    { "--latency -i 0.2", "^[0-9]+ [0-9]+ [0-9]+\\.[0-9][0-9] [0-9]+\n$" },
    { "--raw --latency -i 0.2", "^[0-9]+ [0-9]+ [0-9]+\\.[0-9][0-9] [0-9]+\n$" },
    { "--json --latency -i 0.2",
      "^\\{\"min\": [0-9]+, \"max\": [0-9]+, \"avg\": [0-9]+\\.[0-9][0-9], \"count\": [0-9]+\\}\n$" },
    { "--quoted-json --latency -i 0.2", "^$" },
  };
  g_autofree char *stdbuf = g_find_program_in_path ("stdbuf");

  /* Not on a terminal: one line after the interval, then the end. */
  for (gsize i = 0; i < G_N_ELEMENTS (oneshot); i++)
    {
      g_autofree char *expected_text = NULL;
      g_autofree char *got_text = NULL;
      Run expected, got;

      run_both (oneshot[i].line, NULL, &expected, &got);
      expected_text = run_text (&expected);
      got_text = run_text (&got);
      assert_matches (oneshot[i].line, oneshot[i].pattern, expected_text);
      assert_matches (oneshot[i].line, oneshot[i].pattern, got_text);
      g_assert_cmpint (got.status, ==, expected.status);
      g_bytes_unref (expected.out);
      g_bytes_unref (got.out);
    }

  /* --latency-history: a line per sample, and the range every -i */
  if (stdbuf == NULL)
    {
      g_test_message ("stdbuf is not installed: --latency-history is not compared "
                      "(redis-cli buffers its output in a pipe)");
      return;
    }
  {
    g_autoptr(GPtrArray) expected_argv = stdbuf_argv (stdbuf, "--latency-history -i 0.1");
    g_autoptr(GPtrArray) got_argv = cli_argv (TRUE, "--latency-history -i 0.1");
    g_autoptr(GPtrArray) expected = first_lines (expected_argv, 1000, " -- ");
    g_autoptr(GPtrArray) got = first_lines (got_argv, 1000, " -- ");
    GPtrArray *both[] = { expected, got };

    for (guint b = 0; b < 2; b++)
      {
        g_assert_cmpuint (both[b]->len, >=, 2);
        for (guint i = 0; i + 1 < both[b]->len; i++)
          assert_matches ("--latency-history", "^[0-9]+ [0-9]+ [0-9]+\\.[0-9][0-9] [0-9]+$",
                          both[b]->pdata[i]);
        assert_matches ("--latency-history", "^ -- [0-9]+\\.[0-9][0-9] seconds range$",
                        both[b]->pdata[both[b]->len - 1]);
      }
  }
}

/* A line of --stat, cut at the places redis-cli's fixed widths put its
 * columns (the figures of the test server fit in them): keys, memory,
 * clients, blocked clients, requests, connections, then the child at
 * work; each cell is its figure, left-aligned, and spaces. */
static const struct
{
  guint width;
  const char *pattern;
} stat_cells[] = {
  { 11, "^[0-9]+ *$" },
  { 8, "^-?[0-9.]+[BKMG] *$" },
  { 9, "^ [0-9]+ *$" },
  { 8, "^[0-9]+ *$" },
  { 19, "^[0-9]+ \\(\\+[0-9]+\\) *$" },
  { 13, "^ [0-9]+ *$" },
};
#define STAT_CHILD_PATTERN "(SAVE|AOF|SAVE\\+AOF|LOAD)?"

/* gredis-cli's own columns, right of redis-cli's: round trip (ms),
 * errors, retries, reconnects */
static const char own_header[] = " ---------- gredis-cli -----------";
static const char own_names[] = " latency errors retries reconnects";
static const struct
{
  guint width;
  const char *pattern;
} own_cells[] = {
  { 9, "^ [0-9]+\\.[0-9]{3} *$" },
  { 7, "^[0-9]+ *$" },
  { 8, "^[0-9]+ *$" },
  { 0, "^[0-9]+$" },
};

typedef struct
{
  double latency;
  guint64 errors;
  guint64 retries;
  guint64 reconnects;
} OwnFigures;

/* Checks that @line has redis-cli's columns where redis-cli puts them,
 * then, with @own, gredis-cli's own columns, read into @own; without,
 * nothing after the child. */
static void
assert_stat_line (const char *line,
                  OwnFigures *own)
{
  gsize length = strlen (line);
  gsize at = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (stat_cells); i++)
    {
      g_autofree char *cell = NULL;

      if (at + stat_cells[i].width > length)
        {
          g_test_message ("--stat: “%s” ends before its column %" G_GSIZE_FORMAT, line, i);
          g_test_fail ();
          return;
        }
      cell = g_strndup (line + at, stat_cells[i].width);
      assert_matches ("--stat", stat_cells[i].pattern, cell);
      at += stat_cells[i].width;
    }
  if (own == NULL)
    {
      assert_matches ("--stat", "^" STAT_CHILD_PATTERN "$", line + at);
      return;
    }

  /* The child is padded to the width of its header, "- child -" */
  {
    g_autofree char *child = g_strndup (line + at, 9);
    const char *p;
    char *end;

    assert_matches ("--stat", "^" STAT_CHILD_PATTERN " *$", child);
    at += 9;
    p = line + at;
    for (gsize i = 0; i < G_N_ELEMENTS (own_cells); i++)
      {
        g_autofree char *cell = NULL;

        if (own_cells[i].width > 0 && at + own_cells[i].width > length)
          {
            g_test_message ("--stat: “%s” ends before its own column %" G_GSIZE_FORMAT, line, i);
            g_test_fail ();
            return;
          }
        cell = own_cells[i].width > 0 ? g_strndup (line + at, own_cells[i].width) : g_strdup (line + at);
        assert_matches ("--stat", own_cells[i].pattern, cell);
        at += own_cells[i].width;
      }
    own->latency = g_ascii_strtod (p, &end);
    own->errors = g_ascii_strtoull (end, &end, 10);
    own->retries = g_ascii_strtoull (end, &end, 10);
    own->reconnects = g_ascii_strtoull (end, &end, 10);
  }
}

/* The two lines of the header, redis-cli's own text and, with @own,
 * gredis-cli's columns after it */
static void
assert_stat_header (const char *expected_first,
                    const char *expected_second,
                    const char *first,
                    const char *second,
                    gboolean    own)
{
  g_autofree char *own_first = g_strconcat (expected_first, own ? own_header : "", NULL);
  g_autofree char *own_second = g_strconcat (expected_second, own ? own_names : "", NULL);

  g_assert_cmpstr (first, ==, own_first);
  g_assert_cmpstr (second, ==, own_second);
}

static void
test_stat (void)
{
  g_autofree char *stdbuf = g_find_program_in_path ("stdbuf");

  if (stdbuf == NULL)
    {
      g_test_skip ("stdbuf is not installed: redis-cli --stat cannot be read as it runs");
      return;
    }
  reset_data ();
  for (guint own = 0; own < 2; own++)
    {
      g_autoptr(GPtrArray) expected_argv = stdbuf_argv (stdbuf, "--stat -i 0.05");
      g_autoptr(GPtrArray) got_argv = cli_argv (TRUE, own ? "--stat -i 0.05"
                                                          : "--stat -i 0.05 --no-client-columns");
      g_autoptr(GPtrArray) expected = first_lines (expected_argv, 24, NULL);
      g_autoptr(GPtrArray) got = first_lines (got_argv, 24, NULL);

      g_assert_cmpuint (expected->len, ==, 24);
      g_assert_cmpuint (got->len, ==, 24);
      /* The header, again after 20 lines */
      for (guint i = 0; i < 24; i += 22)
        assert_stat_header (expected->pdata[i], expected->pdata[i + 1],
                            got->pdata[i], got->pdata[i + 1], own);
      for (guint i = 2; i < 22; i++)
        {
          OwnFigures figures = { 0 };

          assert_stat_line (expected->pdata[i], NULL);
          assert_stat_line (got->pdata[i], own ? &figures : NULL);
          if (own)
            {
              /* Its own INFO took some time; nothing went wrong */
              g_assert_cmpfloat (figures.latency, >, 0);
              g_assert_cmpuint (figures.errors, ==, 0);
              g_assert_cmpuint (figures.retries, ==, 0);
              g_assert_cmpuint (figures.reconnects, ==, 0);
            }
        }
      /* The number of keys, and "(+0)" on the first line */
      g_assert_cmpint (atoi (got->pdata[2]), ==, atoi (expected->pdata[2]));
      g_assert_nonnull (strstr (got->pdata[2], "(+0)"));
      g_assert_nonnull (strstr (expected->pdata[2], "(+0)"));
    }
}

/* --stat while the server kills gredis-cli's connection: the client makes
 * another and retries INFO on it, and its own columns say so. The tool
 * is stopped before any assertion that would end the test (it would go
 * on without end otherwise). */
static void
test_stat_kill (void)
{
  g_autoptr(GPtrArray) argv = cli_argv (TRUE, "--stat -i 0.1");
  g_autoptr(GPtrArray) kill_argv = cli_argv (FALSE, "CLIENT KILL TYPE normal SKIPME yes");
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) in = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *killed_text = NULL;
  OwnFigures before = { 0 };
  OwnFigures after = { 0 };
  double min_latency = G_MAXDOUBLE;
  guint n_before = 0, n_after = 0;
  Run killed = { 0 };

  process = g_subprocess_newv ((const char * const *) argv->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                               &error);
  g_assert_no_error (error);
  in = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));

  /* The header and three lines on the first connection */
  for (guint i = 0; i < 5 && error == NULL; i++)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);
      OwnFigures figures = { 0 };

      if (line == NULL)
        break;
      if (i < 2)
        continue;
      assert_stat_line (line, &figures);
      min_latency = MIN (min_latency, figures.latency);
      before.errors += figures.errors;
      before.retries += figures.retries;
      before.reconnects += figures.reconnects;
      n_before++;
    }

  /* Only gredis-cli is a client of the test's server now */
  if (n_before == 3)
    {
      killed = run ((const char * const *) kill_argv->pdata, NULL);
      killed_text = run_text (&killed);
      g_bytes_unref (killed.out);
    }

  /* Lines until one shows the connection made again (the next INFO's);
   * those printed before the kill show nothing. */
  while (killed_text != NULL && error == NULL && after.reconnects == 0 && n_after < 50)
    {
      g_autofree char *line = g_data_input_stream_read_line (in, NULL, NULL, &error);
      OwnFigures figures = { 0 };

      if (line == NULL)
        break;
      assert_stat_line (line, &figures);
      min_latency = MIN (min_latency, figures.latency);
      after.errors += figures.errors;
      after.retries += figures.retries;
      after.reconnects += figures.reconnects;
      n_after++;
    }
  g_subprocess_force_exit (process);
  g_subprocess_wait (process, NULL, NULL);

  g_assert_no_error (error);
  g_assert_cmpuint (n_before, ==, 3);
  g_assert_cmpint (killed.status, ==, 0);
  g_assert_cmpstr (killed_text, ==, "1\n");
  g_test_message ("after the kill: %" G_GUINT64_FORMAT " errors, %" G_GUINT64_FORMAT
                  " retries, %" G_GUINT64_FORMAT " reconnects in %u lines",
                  after.errors, after.retries, after.reconnects, n_after);
  /* Every INFO took some time; nothing went wrong before the kill */
  g_assert_cmpfloat (min_latency, >, 0);
  g_assert_cmpuint (before.errors, ==, 0);
  g_assert_cmpuint (before.retries, ==, 0);
  g_assert_cmpuint (before.reconnects, ==, 0);
  g_assert_cmpuint (after.reconnects, ==, 1);
  /* The INFO sent on the connection killed failed, and was tried again
   * on the new one (nearly always). A kill that lands in the instant
   * after an INFO's reply was read, while the tool still handles it, is
   * seen as the connection closing between commands: the next INFO goes
   * on a new connection with no error and no retry. Either way each
   * error was retried, and there was at most one. */
  g_assert_cmpuint (after.errors, ==, after.retries);
  g_assert_cmpuint (after.errors, <=, 1);
}

/* The man page describes every option --help lists. */
static void
test_man_page (void)
{
  const char *argv[] = { GREDIS_CLI, "--help", NULL };
  g_autoptr(GRegex) option = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;
  g_autofree char *man = NULL;
  guint n_options = 0;
  Run r;

  g_file_get_contents (GREDIS_CLI_MAN, &man, NULL, &error);
  g_assert_no_error (error);
  r = run (argv, NULL);
  g_assert_cmpint (r.status, ==, 0);
  help = run_text (&r);
  g_bytes_unref (r.out);

  option = g_regex_new ("^  (?:-(.), )?--([a-z0-9-]+)", G_REGEX_MULTILINE, 0, &error);
  g_assert_no_error (error);
  for (g_regex_match (option, help, 0, &match); g_match_info_matches (match);
       g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 2);
      g_auto(GStrv) parts = g_strsplit (name, "-", -1);
      g_autofree char *joined = g_strjoinv ("\\-", parts);
      /* troff writes each - as \-. */
      g_autofree char *written = g_strdup_printf ("\\-\\-%s", joined);

      if (strstr (man, written) == NULL)
        {
          g_test_message ("The man page does not describe --%s", name);
          g_test_fail ();
        }
      n_options++;
    }
  g_assert_cmpuint (n_options, >, 40);
  /* and the interactive mode */
  g_assert_nonnull (strstr (man, ".gredis_cli_history"));
  g_assert_nonnull (strstr (man, "CONNECT"));
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *redis_cli = g_find_program_in_path ("redis-cli");
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli-modes/man-page", test_man_page);
  if (redis_cli == NULL)
    {
      g_test_message ("redis-cli is not installed: nothing to compare with");
      return g_test_run ();
    }
  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);
  scratch = g_dir_make_tmp ("gredis-test-cli-modes-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/cli-modes/repeat", test_repeat);
  g_test_add_func ("/cli-modes/stdin-arg", test_stdin_arg);
  g_test_add_func ("/cli-modes/errcode", test_errcode);
  g_test_add_func ("/cli-modes/eval", test_eval);
  g_test_add_func ("/cli-modes/pipe", test_pipe);
  g_test_add_func ("/cli-modes/json", test_json);
  g_test_add_func ("/cli-modes/verbatim", test_verbatim);
  g_test_add_func ("/cli-modes/scan", test_scan);
  g_test_add_func ("/cli-modes/bigkeys", test_bigkeys);
  g_test_add_func ("/cli-modes/latency", test_latency);
  g_test_add_func ("/cli-modes/stat", test_stat);
  g_test_add_func ("/cli-modes/stat-kill", test_stat_kill);

  status = g_test_run ();
  gredis_test_server_stop (server);
  {
    g_autoptr(GFile) dir = g_file_new_for_path (scratch);
    const char *names[] = { "args.lua", "error.lua", "write.lua" };

    for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
      {
        g_autofree char *path = g_build_filename (scratch, names[i], NULL);
        g_unlink (path);
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (scratch);
  return status;
}
