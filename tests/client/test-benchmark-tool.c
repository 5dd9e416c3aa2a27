/* test-benchmark-tool.c: gredis-benchmark on a real redis-server: its
 * CSV, that every request of every client is sent exactly once, its
 * default suite and -t as redis-benchmark's, and its live progress on a
 * terminal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <errno.h>
#include <poll.h>
#include <pty.h>
#include <string.h>
#include <unistd.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

/* redis-benchmark 7's --csv header. */
#define CSV_HEADER "\"test\",\"rps\",\"avg_latency_ms\",\"min_latency_ms\",\"p50_latency_ms\"," \
                   "\"p95_latency_ms\",\"p99_latency_ms\",\"max_latency_ms\""

static GredisTestServer *server;
static GredisClient *client;

static char *
run_tool (const char * const *extra,
          int                *status)
{
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  char *out = NULL;

  g_ptr_array_add (argv, (gpointer) GREDIS_BENCHMARK);
  g_ptr_array_add (argv, (gpointer) "-s");
  g_ptr_array_add (argv, (gpointer) gredis_test_server_get_socket_path (server));
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);

  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  return out;
}

static GredisReply *
command (const char *a,
         const char *b)
{
  const char *argv[] = { a, b, NULL };
  g_autoptr(GError) error = NULL;
  GredisReply *reply = gredis_client_command (client, argv, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static gint64
integer (const char *a,
         const char *b)
{
  g_autoptr(GredisReply) reply = command (a, b);

  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  return gredis_reply_get_integer (reply);
}

/* Every client has -P requests in flight; -n is not a multiple of the
 * batch size, so that the last batches are partial. */
static void
test_csv_and_counts (void)
{
  const char *extra[] = { "-c", "3", "-P", "4", "-n", "301", "-d", "5", "--csv",
                          "-t", "ping_mbulk,set,get,incr,lpush,lrange_100,mset", NULL };
  const char *names[] = { "PING_MBULK", "SET", "GET", "INCR", "LPUSH",
                          "LPUSH (needed to benchmark LRANGE)", "LRANGE_100 (first 100 elements)",
                          "MSET (10 keys)" };
  g_autoptr(GredisReply) value = NULL;
  g_autofree char *out = NULL;
  g_auto(GStrv) lines = NULL;
  int status;

  g_autoptr(GredisReply) flushed = command ("FLUSHALL", NULL);
  out = run_tool (extra, &status);
  g_assert_cmpint (status, ==, 0);

  lines = g_strsplit (out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + G_N_ELEMENTS (names) + 1);
  g_assert_cmpstr (lines[0], ==, CSV_HEADER);
  for (gsize i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_auto(GStrv) cells = g_strsplit (lines[1 + i], ",", -1);
      g_autofree char *quoted = g_strdup_printf ("\"%s\"", names[i]);

      /* The names hold no commas. */
      g_assert_cmpuint (g_strv_length (cells), ==, 8);
      g_assert_cmpstr (cells[0], ==, quoted);
      g_assert_cmpfloat (g_ascii_strtod (cells[1] + 1, NULL), >, 0);
    }
  g_assert_cmpstr (lines[1 + G_N_ELEMENTS (names)], ==, "");

  /* Each request once: the counter went up 301 times, the list got 301
   * elements from LPUSH and 301 from the fill before LRANGE. */
  {
    g_autoptr(GredisReply) counter = command ("GET", "counter:__rand_int__");
    g_assert_cmpstr (gredis_reply_get_string (counter, NULL), ==, "301");
  }
  g_assert_cmpint (integer ("LLEN", "mylist"), ==, 602);
  value = command ("GET", "key:__rand_int__");
  g_assert_cmpstr (gredis_reply_get_string (value, NULL), ==, "xxxxx");
}

/* redis-benchmark 7.0's default suite, in its order. */
static const char * const default_names[] = {
  "PING_INLINE", "PING_MBULK", "SET", "GET", "INCR", "LPUSH", "RPUSH", "LPOP", "RPOP", "SADD",
  "HSET", "SPOP", "ZADD", "ZPOPMIN", "LPUSH (needed to benchmark LRANGE)",
  "LRANGE_100 (first 100 elements)", "LRANGE_300 (first 300 elements)",
  "LRANGE_500 (first 500 elements)", "LRANGE_600 (first 600 elements)", "MSET (10 keys)", NULL
};

/* The test names of -q output, in order: what each line says before
 * ": " once redis-benchmark's progress (overwritten with \r) is cut
 * off. */
static GStrv
quiet_names (const char *out)
{
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  GPtrArray *names = g_ptr_array_new ();

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line, *end;

      /* A terminal ends lines with \r\n. */
      g_strchomp (lines[i]);
      line = strrchr (lines[i], '\r') != NULL ? strrchr (lines[i], '\r') + 1 : lines[i];
      end = strstr (line, ": ");

      if (end != NULL && g_str_has_suffix (line, " msec"))
        g_ptr_array_add (names, g_strndup (line, end - line));
    }
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (names, FALSE);
}

/* redis-benchmark itself with @extra on the same server, when installed:
 * the names it prints, or NULL. */
static GStrv
reference_names (const char * const *extra)
{
  g_autofree char *program = g_find_program_in_path ("redis-benchmark");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;

  if (program == NULL)
    {
      g_test_message ("redis-benchmark is not installed: compared with the list only");
      return NULL;
    }
  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, (gpointer) "-s");
  g_ptr_array_add (argv, (gpointer) gredis_test_server_get_socket_path (server));
  for (guint i = 0; extra[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra[i]);
  g_ptr_array_add (argv, NULL);
  process = g_subprocess_newv ((const char * const *) argv->pdata, G_SUBPROCESS_FLAGS_STDOUT_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);
  return quiet_names (out);
}

static void
assert_strv_equal (const char * const *got,
                   const char * const *expected)
{
  for (guint i = 0; got[i] != NULL || expected[i] != NULL; i++)
    g_assert_cmpstr (got[i], ==, expected[i]);
}

/* With no -t, every test of redis-benchmark's suite, named and ordered as
 * redis-benchmark -q prints them; and no progress when stdout is not a
 * terminal. */
static void
test_default_suite (void)
{
  const char *extra[] = { "-n", "50", "-c", "2", "-q", NULL };
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) reference = NULL;
  g_autofree char *out = NULL;
  int status;

  g_autoptr(GredisReply) flushed = command ("FLUSHALL", NULL);
  out = run_tool (extra, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_null (strchr (out, '\r'));
  g_assert_true (g_str_has_suffix (out, "msec\n\n"));
  names = quiet_names (out);
  assert_strv_equal ((const char * const *) names, default_names);

  reference = reference_names (extra);
  if (reference != NULL)
    assert_strv_equal ((const char * const *) names, (const char * const *) reference);
}

/* -t as redis-benchmark reads it: any case, "ping" for both PINGs, and
 * an LRANGE brings the LPUSH that fills its list. */
static void
test_selection (void)
{
  const char *extra[] = { "-n", "20", "-c", "1", "-q", "-t", "Ping,lrange_300,mset,nosuchtest", NULL };
  const char * const expected[] = {
    "PING_INLINE", "PING_MBULK", "LPUSH (needed to benchmark LRANGE)",
    "LRANGE_300 (first 300 elements)", "MSET (10 keys)", NULL
  };
  g_auto(GStrv) names = NULL;
  g_auto(GStrv) reference = NULL;
  g_autofree char *out = NULL;
  int status;

  out = run_tool (extra, &status);
  g_assert_cmpint (status, ==, 0);
  names = quiet_names (out);
  assert_strv_equal ((const char * const *) names, expected);

  reference = reference_names (extra);
  if (reference != NULL)
    assert_strv_equal ((const char * const *) names, (const char * const *) reference);
}

/* Reads @fd into @out until @needle is in it (or, with %NULL, until the
 * other end is closed). */
static void
read_pty_until (int         fd,
                GString    *out,
                const char *needle)
{
  while (needle == NULL || strstr (out->str, needle) == NULL)
    {
      struct pollfd pfd = { fd, POLLIN, 0 };
      char buffer[4096];
      ssize_t n;
      int ready;

      /* Not a timing assertion: a bound on a hang. */
      ready = poll (&pfd, 1, 60 * 1000);
      g_assert_cmpint (ready, ==, 1);
      n = read (fd, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          /* EIO: the tool exited and the terminal has no other end. */
          g_assert_null (needle);
          return;
        }
      g_string_append_len (out, buffer, n);
    }
}

/* On a terminal, the test's rate and latencies are shown while it runs
 * and overwritten, in redis-benchmark's words: the server holds the
 * writes (CLIENT PAUSE WRITE) until the test has seen a progress line,
 * so that the SET test lasts as long as that takes. */
static void
test_progress_on_terminal (void)
{
  const char *argv[] = { GREDIS_BENCHMARK, "-s", gredis_test_server_get_socket_path (server),
                         "-n", "100", "-c", "2", "-t", "set", "-q", NULL };
  const char *pause[] = { "CLIENT", "PAUSE", "600000", "WRITE", NULL };
  const char *unpause[] = { "CLIENT", "UNPAUSE", NULL };
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GRegex) progress = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  int master, slave;

  g_assert_cmpint (openpty (&master, &slave, NULL, NULL, NULL), ==, 0);
  reply = gredis_client_command (client, pause, NULL, &error);
  g_assert_no_error (error);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_NONE);
  g_subprocess_launcher_take_stdout_fd (launcher, slave);
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_clear_object (&launcher);   /* closes our end of the slave */

  read_pty_until (master, out, "SET: rps=");
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = gredis_client_command (client, unpause, NULL, &error);
  g_assert_no_error (error);
  read_pty_until (master, out, NULL);
  close (master);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), ==, 0);

  /* Each progress line is blanked (spaces, \r) and replaced. */
  progress = g_regex_new ("\\r(SET: rps=[0-9]+\\.[0-9] \\(overall: [0-9]+\\.[0-9]\\) "
                          "avg_msec=[0-9]+\\.[0-9]{3} \\(overall: [0-9]+\\.[0-9]{3}\\)\\r) +\\r",
                          0, 0, &error);
  g_assert_no_error (error);
  if (!g_regex_match (progress, out->str, 0, &match))
    {
      g_autofree char *escaped = g_strescape (out->str, NULL);

      g_error ("No progress line in “%s”", escaped);
    }
  {
    g_autofree char *line = g_match_info_fetch (match, 1);
    g_autofree char *blank = g_strnfill (strlen (line), ' ');
    g_autofree char *blanked = g_strconcat (line, blank, "\r", NULL);

    /* The blanking is as wide as the line it blanks. */
    g_assert_nonnull (strstr (out->str, blanked));
  }
  /* The report follows, as without a terminal (the terminal adds \r
   * before each \n). */
  names = quiet_names (out->str);
  g_assert_cmpuint (g_strv_length (names), ==, 1);
  g_assert_cmpstr (names[0], ==, "SET");
}

/* The man page names every option --help lists. */
static void
test_man_page (void)
{
  const char *argv[] = { GREDIS_BENCHMARK, "--help", NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GRegex) option = NULL;
  g_autoptr(GMatchInfo) match = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *help = NULL;
  g_autofree char *man = NULL;
  guint n_options = 0;

  g_file_get_contents (GREDIS_BENCHMARK_MAN, &man, NULL, &error);
  g_assert_no_error (error);
  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &help, NULL, &error);
  g_assert_no_error (error);

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
        g_error ("The man page does not describe --%s", name);
      n_options++;
    }
  g_assert_cmpuint (n_options, >, 20);
}

static void
test_async (void)
{
  const char *extra[] = { "--async", "-n", "1000", "-t", "incr", "-q", NULL };
  g_autofree char *out = NULL;
  int status;

  g_autoptr(GredisReply) flushed = command ("FLUSHALL", NULL);
  out = run_tool (extra, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_true (g_str_has_prefix (out, "INCR: "));
  g_assert_nonnull (strstr (out, " requests per second"));
  {
    g_autoptr(GredisReply) counter = command ("GET", "counter:__rand_int__");
    g_assert_cmpstr (gredis_reply_get_string (counter, NULL), ==, "1000");
  }
}

static void
test_no_server (void)
{
  const char *argv[] = { GREDIS_BENCHMARK, "-s", "/nonexistent/gredis-test.sock", "-n", "10", "-q",
                         NULL };
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDOUT_SILENCE |
                               G_SUBPROCESS_FLAGS_STDERR_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_wait (process, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_subprocess_get_exit_status (process), !=, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);
  uri = gredis_test_server_get_unix_uri (server);
  client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);

  g_test_add_func ("/benchmark-tool/csv-and-counts", test_csv_and_counts);
  g_test_add_func ("/benchmark-tool/default-suite", test_default_suite);
  g_test_add_func ("/benchmark-tool/selection", test_selection);
  g_test_add_func ("/benchmark-tool/progress-on-terminal", test_progress_on_terminal);
  g_test_add_func ("/benchmark-tool/async", test_async);
  g_test_add_func ("/benchmark-tool/man-page", test_man_page);
  g_test_add_func ("/benchmark-tool/no-server", test_no_server);

  status = g_test_run ();
  g_object_unref (client);
  gredis_test_server_stop (server);
  return status;
}
