/* test-pipeline-cli.c: gredis-cli with MULTI … EXEC, WATCH and blocking
 * commands, against redis-cli on the same server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

static GredisTestServer *server;

/* Runs @argv with @input on standard input; returns its standard output
 * and sets @status to its exit status. */
static char *
run (const char * const *argv,
     const char         *input,
     int                *status)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  char *out = NULL;

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE |
                                     G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &out, NULL, &error);
  g_assert_no_error (error);
  *status = g_subprocess_get_exit_status (process);
  return out;
}

static void
test_transactions_from_stdin (void)
{
  const char *socket_path = gredis_test_server_get_socket_path (server);
  const char *gredis_argv[] = { GREDIS_CLI, "-s", socket_path, NULL };
  const char *redis_argv[] = { "redis-cli", "-s", socket_path, NULL };
  /* Queue-time errors, runtime errors, a watch that holds, a watch
   * broken by the transaction's own connection, UNWATCH and DISCARD. */
  const char *input =
    "FLUSHALL\n"
    "WATCH k\n"
    "MULTI\n"
    "SET k 1\n"
    "INCR k\n"
    "GET\n"
    "EXEC\n"
    "SET s text\n"
    "WATCH k s\n"
    "MULTI\n"
    "INCR k\n"
    "INCR s\n"
    "LPUSH s x\n"
    "EXEC\n"
    "MULTI\n"
    "INCR k\n"
    "DISCARD\n"
    "WATCH k\n"
    "UNWATCH\n"
    "EXEC\n"
    "GET k\n";
  g_autofree char *ours = NULL;
  g_autofree char *theirs = NULL;
  int status;

  ours = run (gredis_argv, input, &status);
  g_assert_cmpint (status, ==, 0);
  theirs = run (redis_argv, input, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (ours, ==, theirs);
  /* The transactions did run. */
  g_assert_nonnull (strstr (ours, "EXECABORT"));
  g_assert_true (g_str_has_suffix (ours, "\n1\n"));
}

static void
test_blocking_waits (void)
{
  g_autofree char *uri = g_strdup_printf ("unix://%s?command-timeout-ms=300",
                                          gredis_test_server_get_socket_path (server));
  const char *blpop_argv[] = { GREDIS_CLI, "--uri", uri, "BLPOP", "nothing", "1", NULL };
  const char *stdin_argv[] = { GREDIS_CLI, "--uri", uri, NULL };
  g_autofree char *out = NULL;
  g_autofree char *out2 = NULL;
  int status;

  /* BLPOP waits its 1 s, beyond the 300 ms command timeout, and prints
   * nil as redis-cli does in raw mode. */
  out = run (blpop_argv, NULL, &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out, ==, "\n");

  out2 = run (stdin_argv, "BRPOP nothing 0.5\nXREAD BLOCK 500 STREAMS nostream $\nPING\n", &status);
  g_assert_cmpint (status, ==, 0);
  g_assert_cmpstr (out2, ==, "\n\nPONG\n");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/pipeline/cli/transactions-from-stdin", test_transactions_from_stdin);
  g_test_add_func ("/pipeline/cli/blocking-waits", test_blocking_waits);

  status = g_test_run ();
  gredis_test_server_stop (server);
  return status;
}
