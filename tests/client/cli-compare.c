/* cli-compare.c: running redis-cli and gredis-cli on the same input, and
 * comparing what they print
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "cli-compare.h"

/* Runs @argv with @input (or none) on standard input, and returns its
 * standard output and exit status. */
Run
run_bytes (const char * const *argv,
           GBytes             *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GBytes) err = NULL;
  g_autoptr(GError) error = NULL;
  Run r = { NULL, -1 };

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  process = g_subprocess_launcher_spawnv (launcher, argv, &error);
  g_assert_no_error (error);
  g_subprocess_communicate (process, input, NULL, &r.out, &err, &error);
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (process);
  return r;
}

Run
run (const char * const *argv,
     const char         *input)
{
  g_autoptr(GBytes) stdin_bytes = input != NULL ? g_bytes_new (input, strlen (input)) : NULL;

  return run_bytes (argv, stdin_bytes);
}

/* The output of @run as a string (nul bytes and all). */
char *
run_text (Run *run)
{
  gsize size = 0;
  const char *data = g_bytes_get_data (run->out, &size);

  return size > 0 ? g_strndup (data, size) : g_strdup ("");
}

/* Fails the test unless both printed the same bytes and ended with the
 * same status. */
void
assert_same (const char *what,
             Run        *expected,
             Run        *got)
{
  if (!g_bytes_equal (expected->out, got->out))
    {
      g_autofree char *e = run_text (expected);
      g_autofree char *g = run_text (got);

      g_test_message ("%s: redis-cli printed\n%s\ngredis-cli printed\n%s", what, e, g);
      g_test_fail ();
    }
  if (expected->status != got->status)
    {
      g_test_message ("%s: redis-cli ended with %d, gredis-cli with %d", what,
                      expected->status, got->status);
      g_test_fail ();
    }
}
