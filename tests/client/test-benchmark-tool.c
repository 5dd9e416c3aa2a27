/* test-benchmark-tool.c: gredis-benchmark on a real redis-server: its
 * CSV, and that every request of every client is sent exactly once
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

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
                          "-t", "ping,set,get,incr,lpush,lrange_100,mset", NULL };
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
  g_test_add_func ("/benchmark-tool/async", test_async);
  g_test_add_func ("/benchmark-tool/no-server", test_no_server);

  status = g_test_run ();
  g_object_unref (client);
  gredis_test_server_stop (server);
  return status;
}
