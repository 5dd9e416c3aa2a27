/* gredis-cli-latency.c: --latency and --latency-history, PING round trips
 * as redis-cli samples them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

#define SAMPLE_RATE_MS 10
#define HISTORY_DEFAULT_INTERVAL_MS 15000

static gint64
now_ms (void)
{
  return g_get_monotonic_time () / 1000;
}

static void
print_figures (Cli       *cli,
               gint64     min,
               gint64     max,
               double     avg,
               gint64     count)
{
  if (cli->output == CLI_OUTPUT_JSON)
    printf ("{\"min\": %" G_GINT64_FORMAT ", \"max\": %" G_GINT64_FORMAT ", \"avg\": %.2f, "
            "\"count\": %" G_GINT64_FORMAT "}\n", min, max, avg, count);
  else if (cli->output == CLI_OUTPUT_QUOTED_JSON)
    ; /* redis-cli 7.0 prints nothing there */
  else if (cli->raw)
    printf ("%" G_GINT64_FORMAT " %" G_GINT64_FORMAT " %.2f %" G_GINT64_FORMAT "\n",
            min, max, avg, count);
  else
    printf ("min: %" G_GINT64_FORMAT ", max: %" G_GINT64_FORMAT ", avg: %.2f (%" G_GINT64_FORMAT " samples)",
            min, max, avg, count);
  fflush (stdout);
}

/**
 * cli_latency_mode:
 * @cli: the command line
 * @history: --latency-history rather than --latency
 *
 * Sends PING every 10 ms and shows the minimum, maximum and average round
 * trip in milliseconds. On a terminal (the human format) the line is
 * rewritten without end; otherwise --latency samples for -i seconds (1 by
 * default) and prints one line, and --latency-history prints a line per
 * sample and starts over every -i seconds (15 by default).
 *
 * Returns: the exit status (only on errors)
 */
int
cli_latency_mode (Cli      *cli,
                  gboolean  history)
{
  gboolean standard = cli->output == CLI_OUTPUT_DEFAULT && !cli->raw;
  gint64 history_interval = cli->interval_us ? cli->interval_us / 1000 : HISTORY_DEFAULT_INTERVAL_MS;
  gint64 interval = cli->interval_us ? cli->interval_us / 1000 : 1000;
  gint64 min = 0, max = 0, total = 0, count = 0;
  gint64 history_start = now_ms ();
  double avg = 0;

  for (;;)
    {
      const char *ping[] = { "PING" };
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = NULL;
      gint64 start = now_ms (), latency;

      reply = cli_call (cli, 1, ping, NULL, &error);
      if (reply == NULL)
        {
          fprintf (stderr, "\n%s\n", error->message);
          return 1;
        }
      latency = now_ms () - start;
      count++;
      if (count == 1)
        {
          min = max = total = latency;
          avg = latency;
        }
      else
        {
          min = MIN (min, latency);
          max = MAX (max, latency);
          total += latency;
          avg = (double) total / count;
        }

      if (standard)
        {
          printf ("\x1b[0G\x1b[2K");
          print_figures (cli, min, max, avg, count);
        }
      else if (history)
        print_figures (cli, min, max, avg, count);
      else if (now_ms () - history_start > interval)
        {
          print_figures (cli, min, max, avg, count);
          return 0;
        }

      if (history && now_ms () - history_start > history_interval)
        {
          printf (" -- %.2f seconds range\n", (float) (now_ms () - history_start) / 1000);
          fflush (stdout);
          history_start = now_ms ();
          min = max = total = count = 0;
        }
      g_usleep (SAMPLE_RATE_MS * 1000);
    }
}
