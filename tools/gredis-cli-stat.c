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

/**
 * cli_stat_mode:
 * @cli: the command line
 *
 * Prints keys, memory, clients, blocked clients, requests (with the
 * difference since the line before), connections received and the child
 * process at work, every -i seconds (1 by default), with redis-cli's
 * header every 20 lines. Runs until interrupted.
 *
 * Returns: the exit status (only on errors)
 */
int
cli_stat_mode (Cli *cli)
{
  gint64 interval_us = cli->interval_us > 0 ? cli->interval_us : G_USEC_PER_SEC;
  long requests = 0;

  for (guint line = 0;; line++)
    {
      const char *argv[] = { "INFO" };
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = cli_call (cli, 1, argv, NULL, &error);
      g_autoptr(GString) out = g_string_new (NULL);
      g_autofree char *info = NULL;
      g_autofree char *cell = NULL;
      g_autoptr(GString) memory = g_string_new (NULL);
      gsize length = 0;
      const char *text;
      long aux;

      if (reply == NULL)
        {
          fprintf (stderr, "\n%s\n", error->message);
          return 1;
        }
      text = gredis_reply_get_string (reply, &length);
      if (gredis_reply_get_kind (reply) == GREDIS_REPLY_ERROR)
        {
          fprintf (stderr, "ERROR: %s\n", text);
          return 1;
        }
      info = g_strndup (text != NULL ? text : "", length);

      if (line % 20 == 0)
        g_string_append (out,
                         "------- data ------ --------------------- load -------------------- - child -\n"
                         "keys       mem      clients blocked requests            connections          \n");

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
      g_string_append_c (out, '\n');
      fwrite (out->str, 1, out->len, stdout);
      fflush (stdout);
      g_usleep (interval_us);
    }
}
