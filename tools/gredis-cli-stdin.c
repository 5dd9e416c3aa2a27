/* gredis-cli-stdin.c: one command per line of standard input
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"
#include "gredis-cli-help-private.h"

/* Standard input: one command per line, as redis-cli reads them when
 * its standard input is not a terminal. */

Outcome
cli_run_line (Cli            *cli,
              GBytes * const *args,
              guint           n_args,
              long            repeat)
{
  Outcome outcome = OUTCOME_DONE;

  /* HELP is answered here, once, as redis-cli does. */
  if (cli_is_word (args[0], "help") || cli_is_word (args[0], "?"))
    {
      cli_help_print (args + 1, n_args - 1);
      return OUTCOME_DONE;
    }

  /* A subscription runs until it is interrupted, so only once. */
  if (cli_run_subscribe (cli, args, n_args, &outcome))
    return outcome;
  /* A negative count repeats without end, as with redis-cli -r -1; -i
   * waits after each. */
  for (long i = 0; (repeat < 0 || i < repeat) && outcome == OUTCOME_DONE; i++)
    {
      outcome = cli_run_command (cli, args, n_args);
      if (cli->interval_us > 0)
        g_usleep (cli->interval_us);
    }
  return outcome;
}

int
cli_run_stdin (Cli *cli)
{
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (STDIN_FILENO);

  g_io_channel_set_encoding (in, NULL, NULL);
  for (;;)
    {
      g_autofree char *line = NULL;
      g_autofree char *first = NULL;
      g_autoptr(GPtrArray) args = NULL;
      gsize length = 0;
      gboolean ok;
      long repeat = 1;
      guint skip = 0;
      char *end;
      gint64 start;
      Outcome outcome;
      GIOStatus io = g_io_channel_read_line (in, &line, &length, NULL, NULL);

      if (io != G_IO_STATUS_NORMAL)
        break;
      args = cli_split_args (line, &ok);
      if (!ok)
        {
          g_print ("Invalid argument(s)\n");
          fflush (stdout);
          continue;
        }
      if (args->len == 0)
        continue;

      /* "N COMMAND …" runs COMMAND N times. */
      first = g_strndup (g_bytes_get_data (args->pdata[0], NULL), g_bytes_get_size (args->pdata[0]));
      errno = 0;
      repeat = strtol (first, &end, 10);
      if (args->len > 1 && *end == '\0')
        {
          if (errno == ERANGE || errno == EINVAL || repeat <= 0)
            {
              g_print ("Invalid redis-cli repeat command option value.\n");
              fflush (stdout);
              continue;
            }
          skip = 1;
        }
      else
        repeat = 1;

      if (cli_is_word (args->pdata[0], "quit") || cli_is_word (args->pdata[0], "exit"))
        break;

      start = g_get_monotonic_time ();
      outcome = cli_run_line (cli, (GBytes **) args->pdata + skip, args->len - skip, repeat);
      if (outcome == OUTCOME_FAILED)
        return 1;
      if (outcome == OUTCOME_STOP)
        break;

      /* As redis-cli, the time a command took when it took half a second
       * or more, in the human format. */
      if (!cli->raw)
        {
          gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;

          if (elapsed_ms >= 500)
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              g_print ("(%ss)\n", g_ascii_formatd (buffer, sizeof buffer, "%.2f", elapsed_ms / 1000.0));
              fflush (stdout);
            }
        }
    }
  return 0;
}

/* -x: all of standard input, the last argument of the command. */
GBytes *
cli_read_stdin (void)
{
  GByteArray *data = g_byte_array_new ();
  guint8 buffer[4096];

  for (;;)
    {
      gssize n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n == 0)
        break;
      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          perror ("Reading from standard input");
          exit (1);
        }
      g_byte_array_append (data, buffer, n);
    }
  return g_byte_array_free_to_bytes (data);
}
