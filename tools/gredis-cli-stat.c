/* gredis-cli-stat.c: --stat, a line of the server's figures every -i
 * seconds as redis-cli prints them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/* The value of @field in INFO's text, up to the end of its line or the
 * next comma; found as redis-cli finds it, at the first place the name
 * appears. */
static char *
info_field (const char *info,
            const char *field)
{
  const char *p = strstr (info, field);
  const char *end, *comma;

  if (p == NULL)
    return NULL;
  p += strlen (field) + 1;
  end = strchr (p, '\r');
  if (end == NULL)
    end = p + strlen (p);
  comma = strchr (p, ',');
  if (comma != NULL && comma < end)
    end = comma;
  return g_strndup (p, end - p);
}

static long
info_long (const char *info,
           const char *field)
{
  g_autofree char *value = info_field (info, field);

  return value != NULL ? strtol (value, NULL, 10) : LONG_MIN;
}

/* 100B, 4.00K, 2.50M, 1.00G, as redis-cli writes sizes */
static void
append_human_bytes (GString   *out,
                    long long  n)
{
  if (n < 0)
    {
      g_string_append_c (out, '-');
      n = -n;
    }
  if (n < 1024)
    g_string_append_printf (out, "%lldB", n);
  else if (n < 1024 * 1024)
    g_string_append_printf (out, "%.2fK", (double) n / 1024);
  else if (n < 1024LL * 1024 * 1024)
    g_string_append_printf (out, "%.2fM", (double) n / (1024 * 1024));
  else if (n < 1024LL * 1024 * 1024 * 1024)
    g_string_append_printf (out, "%.2fG", (double) n / (1024LL * 1024 * 1024));
}

/* The client's own columns, right of redis-cli's: the child column is
 * padded to the width of its header so that they start at one place. */
static const char own_header[] =
  " ---------- gredis-cli -----------\n";
static const char own_names[] =
  " latency errors retries reconnects\n";

/* Connections made after the first, the one gredis-cli opened (which
 * the observer counts once its handshake is answered, maybe after the
 * first line began) */
static guint64
reconnects (const CliMetrics *metrics)
{
  return metrics->connections > 0 ? metrics->connections - 1 : 0;
}

static void
append_own_columns (GString          *out,
                    const CliMetrics *now,
                    const CliMetrics *before)
{
  guint64 answered = now->answered - before->answered;
  g_autofree char *latency = NULL;

  /* The mean round trip of the interval's INFO, in milliseconds; one
   * INFO per interval, so its own */
  if (answered > 0)
    latency = g_strdup_printf ("%.3f", (now->seconds - before->seconds) * 1000 / answered);
  else
    latency = g_strdup ("-");
  g_string_append_printf (out, " %-8s%-7" G_GUINT64_FORMAT "%-8" G_GUINT64_FORMAT "%" G_GUINT64_FORMAT,
                          latency,
                          now->errors - before->errors,
                          now->retries - before->retries,
                          reconnects (now) - reconnects (before));
}

/* Errors after which redis-cli reconnects and tries again: the
 * connection's, once the library's own retries are spent */
static gboolean
is_connection_error (const GError *error)
{
  return error->domain == G_IO_ERROR ||
         g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION) ||
         g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT) ||
         g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME);
}

/* Errors made of the server's error reply (the codes from
 * GREDIS_ERROR_SERVER to GREDIS_ERROR_NOGROUP are all such) */
static gboolean
is_server_error (const GError *error)
{
  return error->domain == GREDIS_ERROR &&
         (error->code == GREDIS_ERROR_AUTH || error->code == GREDIS_ERROR_NOPERM ||
          (error->code >= GREDIS_ERROR_SERVER && error->code <= GREDIS_ERROR_NOGROUP));
}

static void
on_info (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* INFO through the client, whose connection of this main context is the
 * one gredis-cli opened: a connection lost is made again, and INFO (read
 * only) retried on it, by the library */
static GredisReply *
call_info (Cli     *cli,
           GError **error)
{
  const char *argv[] = { "INFO", NULL };
  g_autoptr(GAsyncResult) result = NULL;

  gredis_client_command_async (cli->client, argv, NULL, on_info, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return gredis_client_command_finish (cli->client, result, error);
}

/**
 * cli_stat_mode:
 * @cli: the command line
 * @own_columns: whether to print the client's own columns
 *
 * Prints keys, memory, clients, blocked clients, requests (with the
 * difference since the line before), connections received and the child
 * process at work, every -i seconds (1 by default), with redis-cli's
 * header every 20 lines. Runs until interrupted; once connected,
 * reconnects as redis-cli does when the connection is lost.
 *
 * With @own_columns (the client has the `metrics` observer), each line
 * goes on, right of redis-cli's columns, with what the client itself saw
 * since the line before: the round trip of INFO in milliseconds, the
 * operations that ended with an error, the retries and the connections
 * it made.
 *
 * Returns: the exit status (only on errors)
 */
int
cli_stat_mode (Cli      *cli,
               gboolean  own_columns)
{
  gint64 interval_us = cli->interval_us > 0 ? cli->interval_us : G_USEC_PER_SEC;
  long requests = 0;
  guint tries = 0;
  gboolean connected = FALSE;
  CliMetrics before;

  if (own_columns)
    own_columns = cli_metrics_read (&before, cli->client, "INFO");

  for (guint line = 0;; line++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = call_info (cli, &error);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *info = NULL;
      g_autofree char *cell = NULL;
      g_autoptr(GString) memory = g_string_new (NULL);
      gsize length = 0;
      const char *text;
      gsize child_start;
      long aux;

      /* A connection lost that the library's retries could not make
       * again: as redis-cli, another try every second, without end (but
       * none if it never connected: redis-cli gives up at once) */
      if (reply == NULL && is_connection_error (error) && connected)
        {
          printf ("\r\x1b[0KReconnecting... %u\r", ++tries);
          fflush (stdout);
          g_usleep (G_USEC_PER_SEC);
          line--;
          continue;
        }
      if (reply == NULL && is_server_error (error))
        {
          fprintf (stderr, "ERROR: %s\n", error->message);
          return 1;
        }
      if (reply == NULL)
        {
          fprintf (stderr, "\n%s\n", error->message);
          return 1;
        }
      connected = TRUE;
      if (tries > 0)
        {
          g_string_append (out, "\r\x1b[0K");
          tries = 0;
        }
      text = gredis_reply_get_string (reply, &length);
      info = g_strndup (text != NULL ? text : "", length);

      if (line % 20 == 0)
        {
          g_string_append (out, "------- data ------ --------------------- load -------------------- - child -");
          if (own_columns)
            g_string_append (out, own_header);
          else
            g_string_append_c (out, '\n');
          g_string_append (out, "keys       mem      clients blocked requests            connections          ");
          if (own_columns)
            g_string_append (out, own_names);
          else
            g_string_append_c (out, '\n');
        }

      aux = 0;
      for (int db = 0; db < 20; db++)
        {
          g_autofree char *field = g_strdup_printf ("db%d:keys", db);
          long keys = info_long (info, field);

          if (keys != LONG_MIN)
            aux += keys;
        }
      g_string_append_printf (out, "%-11ld", aux);

      append_human_bytes (memory, info_long (info, "used_memory"));
      g_string_append_printf (out, "%-8s", memory->str);
      g_string_append_printf (out, " %-8ld", info_long (info, "connected_clients"));
      g_string_append_printf (out, "%-8ld", info_long (info, "blocked_clients"));

      aux = info_long (info, "total_commands_processed");
      cell = g_strdup_printf ("%ld (+%ld)", aux, requests == 0 ? 0 : aux - requests);
      g_string_append_printf (out, "%-19s", cell);
      requests = aux;

      g_string_append_printf (out, " %-12ld", info_long (info, "total_connections_received"));

      child_start = out->len;
      aux = info_long (info, "bgsave_in_progress");
      aux |= info_long (info, "aof_rewrite_in_progress") << 1;
      aux |= info_long (info, "loading") << 2;
      switch (aux)
        {
        case 1: g_string_append (out, "SAVE"); break;
        case 2: g_string_append (out, "AOF"); break;
        case 3: g_string_append (out, "SAVE+AOF"); break;
        case 4: g_string_append (out, "LOAD"); break;
        default: break;
        }
      if (own_columns)
        {
          CliMetrics now;
          gsize child = out->len - child_start;

          /* "- child -" is 9 wide */
          if (child < 9)
            g_string_append_printf (out, "%*s", (int) (9 - child), "");
          cli_metrics_read (&now, cli->client, "INFO");
          append_own_columns (out, &now, &before);
          before = now;
        }
      g_string_append_c (out, '\n');
      fwrite (out->str, 1, out->len, stdout);
      fflush (stdout);
      g_usleep (interval_us);
    }
}
