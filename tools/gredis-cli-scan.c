/* gredis-cli-scan.c: --scan, --bigkeys and --memkeys, walking the keyspace
 * with SCAN as redis-cli does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/* Set by SIGINT: the walk stops after the SCAN under way, and --bigkeys
 * still prints what it found. */
static volatile sig_atomic_t cancelled;

static void
on_sigint (int signal_number)
{
  cancelled = 1;
}

static void
fail_io (GError *error)
{
  fprintf (stderr, "\n%s\n", error->message);
  exit (1);
}

/* One SCAN step: its reply's array of keys, the cursor updated. Exits on
 * an error, with redis-cli's messages. */
static GredisReply *
scan_step (Cli     *cli,
           guint64 *cursor,
           GBytes  *pattern,
           guint    count)
{
  g_autofree char *cursor_text = g_strdup_printf ("%" G_GUINT64_FORMAT, *cursor);
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  const char *argv[6] = { "SCAN", cursor_text };
  gsize lengths[6] = { 4, strlen (cursor_text) };
  guint argc = 2;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  GredisReply *keys;
  const char *next;

  if (pattern != NULL)
    {
      argv[argc] = "MATCH";
      lengths[argc++] = 5;
      argv[argc] = g_bytes_get_data (pattern, &lengths[argc]);
      if (argv[argc] == NULL)
        argv[argc] = "";
      argc++;
    }
  if (count > 0)
    {
      argv[argc] = "COUNT";
      lengths[argc++] = 5;
      argv[argc] = count_text;
      lengths[argc++] = strlen (count_text);
    }

  reply = cli_call (cli, argc, argv, lengths, &error);
  if (reply == NULL)
    fail_io (error);
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_ERROR)
    {
      fprintf (stderr, "SCAN error: %s\n", gredis_reply_get_string (reply, NULL));
      exit (1);
    }
  if (gredis_reply_get_kind (reply) != GREDIS_REPLY_ARRAY)
    {
      fprintf (stderr, "Non ARRAY response from SCAN!\n");
      exit (1);
    }
  if (gredis_reply_get_n_elements (reply) != 2 ||
      gredis_reply_get_kind (gredis_reply_get_element (reply, 0)) != GREDIS_REPLY_STRING ||
      gredis_reply_get_kind (gredis_reply_get_element (reply, 1)) != GREDIS_REPLY_ARRAY)
    {
      fprintf (stderr, "Invalid element count from SCAN!\n");
      exit (1);
    }
  next = gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL);
  *cursor = g_ascii_strtoull (next, NULL, 10);
  keys = gredis_reply_get_element (reply, 1);
  return gredis_reply_ref (keys);
}

/* The name of a key, as a byte string. */
static const char *
key_data (GredisReply *key,
          gsize       *length)
{
  const char *data = NULL;

  *length = 0;
  if (gredis_reply_get_kind (key) == GREDIS_REPLY_STRING ||
      gredis_reply_get_kind (key) == GREDIS_REPLY_SIMPLE_STRING)
    data = gredis_reply_get_string (key, length);
  return data != NULL ? data : "";
}

/**
 * cli_scan_mode:
 * @cli: the command line
 * @pattern: (nullable): --pattern
 * @count: --count, or 0 for the server's default
 *
 * --scan: every key name, one a line; in the human format quoted as
 * redis-cli quotes them, in the raw one as they are (up to a nul byte,
 * as redis-cli prints them). -i waits after each SCAN.
 *
 * Returns: the exit status
 */
int
cli_scan_mode (Cli    *cli,
               GBytes *pattern,
               guint   count)
{
  guint64 cursor = 0;

  signal (SIGINT, on_sigint);
  do
    {
      g_autoptr(GredisReply) keys = scan_step (cli, &cursor, pattern, count);
      g_autoptr(GString) out = g_string_new (NULL);

      for (gsize i = 0; i < gredis_reply_get_n_elements (keys); i++)
        {
          gsize length;
          const char *name = key_data (gredis_reply_get_element (keys, i), &length);

          if (cli->raw)
            g_string_append_len (out, name, strnlen (name, length));
          else
            cli_append_repr (out, name, length);
          g_string_append_c (out, '\n');
        }
      fwrite (out->str, 1, out->len, stdout);
      fflush (stdout);
      if (cli->interval_us > 0)
        g_usleep (cli->interval_us);
    }
  while (!cancelled && cursor != 0);
  return 0;
}

/* --bigkeys and --memkeys */

typedef struct
{
  char *name;
  const char *size_command;     /* NULL for the types of modules */
  const char *size_unit;
  guint64 biggest;
  guint64 count;
  guint64 total;
  char *biggest_key;            /* quoted */
} TypeInfo;

static void
type_info_free (TypeInfo *type)
{
  g_free (type->name);
  g_free (type->biggest_key);
  g_free (type);
}

/* The types redis-cli knows. */
static const struct
{
  const char *name;
  const char *size_command;
  const char *size_unit;
} known_types[] = {
  { "string", "STRLEN", "bytes" },
  { "list", "LLEN", "items" },
  { "set", "SCARD", "members" },
  { "hash", "HLEN", "fields" },
  { "zset", "ZCARD", "members" },
  { "stream", "XLEN", "entries" },
};

/* The order of redis-cli's summary is that of its hash table of types,
 * which is still growing when the walk starts: the lookups of the first
 * two keys move its entries to their final places. Each row lists the
 * known types by their index above, after 0, 1, and 2 or more lookups;
 * the types of modules come after them. */
static const guint summary_order[3][G_N_ELEMENTS (known_types)] = {
  { 3, 1, 0, 5, 2, 4 },
  { 0, 1, 3, 5, 2, 4 },
  { 1, 3, 0, 5, 2, 4 },
};

static TypeInfo *
find_type (GPtrArray  *types,
           const char *name)
{
  TypeInfo *type;

  for (guint i = 0; i < types->len; i++)
    {
      type = types->pdata[i];
      if (strcmp (type->name, name) == 0)
        return type;
    }
  /* Keys deleted between SCAN and TYPE are skipped. */
  if (strcmp (name, "none") == 0)
    return NULL;
  type = g_new0 (TypeInfo, 1);
  type->name = g_strdup (name);
  type->size_unit = "?";
  g_ptr_array_add (types, type);
  return type;
}

static GPtrArray *
command_new (const char *first,
             ...)
{
  GPtrArray *args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, g_bytes_new (arg, strlen (arg)));
  va_end (ap);
  return args;
}

static GBytes *
key_bytes (GredisReply *key)
{
  gsize length;
  const char *data = key_data (key, &length);

  return g_bytes_new (data, length);
}

/* TYPE of each key, in one write. */
static void
get_types (Cli         *cli,
           GPtrArray   *types,
           GredisReply *keys,
           TypeInfo   **key_types,
           guint64     *lookups)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  gsize n = gredis_reply_get_n_elements (keys);

  for (gsize i = 0; i < n; i++)
    {
      GPtrArray *args = command_new ("TYPE", NULL);

      g_ptr_array_add (args, key_bytes (gredis_reply_get_element (keys, i)));
      g_ptr_array_add (commands, args);
    }
  replies = cli_call_many (cli, commands, &error);
  if (replies == NULL)
    fail_io (error);
  for (gsize i = 0; i < n; i++)
    {
      GredisReply *reply = replies->pdata[i];

      if (gredis_reply_get_kind (reply) != GREDIS_REPLY_SIMPLE_STRING)
        {
          if (gredis_reply_get_kind (reply) == GREDIS_REPLY_ERROR)
            fprintf (stderr, "TYPE returned an error: %s\n", gredis_reply_get_string (reply, NULL));
          else
            fprintf (stderr, "Invalid reply type (%d) for TYPE on key '%s'!\n",
                     gredis_reply_get_kind (reply),
                     key_data (gredis_reply_get_element (keys, i), &(gsize) { 0 }));
          exit (1);
        }
      key_types[i] = find_type (types, gredis_reply_get_string (reply, NULL));
      (*lookups)++;
    }
}

/* The size of each key (its length, or MEMORY USAGE), in one write. */
static void
get_sizes (Cli         *cli,
           GredisReply *keys,
           TypeInfo   **key_types,
           guint64     *sizes,
           gboolean     memkeys,
           guint        memkeys_samples)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GPtrArray) replies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *samples = g_strdup_printf ("%u", memkeys_samples);
  gsize n = gredis_reply_get_n_elements (keys);
  guint r = 0;

  for (gsize i = 0; i < n; i++)
    {
      GPtrArray *args;

      if (key_types[i] == NULL || (key_types[i]->size_command == NULL && !memkeys))
        continue;
      if (!memkeys)
        args = command_new (key_types[i]->size_command, NULL);
      else
        args = command_new ("MEMORY", "USAGE", NULL);
      g_ptr_array_add (args, key_bytes (gredis_reply_get_element (keys, i)));
      if (memkeys && memkeys_samples > 0)
        {
          g_ptr_array_add (args, g_bytes_new_static ("SAMPLES", 7));
          g_ptr_array_add (args, g_bytes_new (samples, strlen (samples)));
        }
      g_ptr_array_add (commands, args);
    }
  replies = cli_call_many (cli, commands, &error);
  if (replies == NULL)
    fail_io (error);

  for (gsize i = 0; i < n; i++)
    {
      GredisReply *reply;

      sizes[i] = 0;
      if (key_types[i] == NULL || (key_types[i]->size_command == NULL && !memkeys))
        continue;
      reply = replies->pdata[r++];
      if (gredis_reply_get_kind (reply) != GREDIS_REPLY_INTEGER)
        {
          /* The key may have changed type between TYPE and here. */
          fprintf (stderr, "Warning:  %s on '%s' failed (may have changed type)\n",
                   !memkeys ? key_types[i]->size_command : "MEMORY USAGE",
                   key_data (gredis_reply_get_element (keys, i), &(gsize) { 0 }));
          continue;
        }
      sizes[i] = gredis_reply_get_integer (reply);
    }
}

static guint64
get_db_size (Cli *cli)
{
  const char *argv[] = { "DBSIZE" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = cli_call (cli, 1, argv, NULL, &error);

  if (reply == NULL)
    fail_io (error);
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_ERROR)
    {
      fprintf (stderr, "Couldn't determine DBSIZE: %s\n", gredis_reply_get_string (reply, NULL));
      exit (1);
    }
  if (gredis_reply_get_kind (reply) != GREDIS_REPLY_INTEGER)
    {
      fprintf (stderr, "Non INTEGER response from DBSIZE!\n");
      exit (1);
    }
  return gredis_reply_get_integer (reply);
}

/**
 * cli_bigkeys_mode:
 * @cli: the command line
 * @pattern: (nullable): --pattern
 * @memkeys: whether sizes are MEMORY USAGE (--memkeys) rather than
 *   lengths (--bigkeys)
 * @memkeys_samples: --memkeys-samples, or 0 for the server's default
 *
 * Walks the keyspace and prints the biggest key of each type and the
 * totals, in redis-cli's words and figures. -i waits after every 100 SCAN
 * commands.
 *
 * Returns: the exit status
 */
int
cli_bigkeys_mode (Cli      *cli,
                  GBytes   *pattern,
                  gboolean  memkeys,
                  guint     memkeys_samples)
{
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func ((GDestroyNotify) type_info_free);
  guint64 sampled = 0, total_keys, total_length = 0, cursor = 0, scan_loops = 0, lookups = 0;
  g_autoptr(GPtrArray) summary = g_ptr_array_new ();
  double pct = 0;

  for (gsize i = 0; i < G_N_ELEMENTS (known_types); i++)
    {
      TypeInfo *type = g_new0 (TypeInfo, 1);

      type->name = g_strdup (known_types[i].name);
      type->size_command = known_types[i].size_command;
      type->size_unit = known_types[i].size_unit;
      g_ptr_array_add (types, type);
    }

  signal (SIGINT, on_sigint);
  total_keys = get_db_size (cli);

  printf ("\n# Scanning the entire keyspace to find biggest keys as well as\n");
  printf ("# average sizes per key type.  You can use -i 0.1 to sleep 0.1 sec\n");
  printf ("# per 100 SCAN commands (not usually needed).\n\n");

  do
    {
      g_autoptr(GredisReply) keys = NULL;
      g_autofree TypeInfo **key_types = NULL;
      g_autofree guint64 *sizes = NULL;
      gsize n;

      pct = 100 * (double) sampled / total_keys;
      keys = scan_step (cli, &cursor, pattern, 0);
      scan_loops++;
      n = gredis_reply_get_n_elements (keys);
      key_types = g_new0 (TypeInfo *, n + 1);
      sizes = g_new0 (guint64, n + 1);
      get_types (cli, types, keys, key_types, &lookups);
      get_sizes (cli, keys, key_types, sizes, memkeys, memkeys_samples);

      for (gsize i = 0; i < n; i++)
        {
          TypeInfo *type = key_types[i];
          gsize length;
          const char *name;

          if (type == NULL)
            continue;
          name = key_data (gredis_reply_get_element (keys, i), &length);
          type->total += sizes[i];
          type->count++;
          total_length += length;
          sampled++;

          if (type->biggest < sizes[i])
            {
              g_autoptr(GString) quoted = g_string_new (NULL);

              cli_append_repr (quoted, name, length);
              g_free (type->biggest_key);
              type->biggest_key = g_string_free (g_steal_pointer (&quoted), FALSE);
              printf ("[%05.2f%%] Biggest %-6s found so far '%s' with %" G_GUINT64_FORMAT " %s\n",
                      pct, type->name, type->biggest_key, sizes[i],
                      !memkeys ? type->size_unit : "bytes");
              type->biggest = sizes[i];
            }
          if (sampled % 1000000 == 0)
            printf ("[%05.2f%%] Sampled %" G_GUINT64_FORMAT " keys so far\n", pct, sampled);
        }

      if (cli->interval_us > 0 && scan_loops % 100 == 0)
        g_usleep (cli->interval_us);
    }
  while (!cancelled && cursor != 0);

  for (gsize i = 0; i < G_N_ELEMENTS (known_types); i++)
    g_ptr_array_add (summary, types->pdata[summary_order[MIN (lookups, 2)][i]]);
  for (guint i = G_N_ELEMENTS (known_types); i < types->len; i++)
    g_ptr_array_add (summary, types->pdata[i]);

  printf ("\n-------- summary -------\n\n");
  if (cancelled)
    printf ("[%05.2f%%] ", pct);
  printf ("Sampled %" G_GUINT64_FORMAT " keys in the keyspace!\n", sampled);
  printf ("Total key length in bytes is %" G_GUINT64_FORMAT " (avg len %.2f)\n\n",
          total_length, total_length ? (double) total_length / sampled : 0);

  for (guint i = 0; i < summary->len; i++)
    {
      TypeInfo *type = summary->pdata[i];

      if (type->biggest_key != NULL)
        printf ("Biggest %6s found '%s' has %" G_GUINT64_FORMAT " %s\n", type->name,
                type->biggest_key, type->biggest, !memkeys ? type->size_unit : "bytes");
    }
  printf ("\n");

  for (guint i = 0; i < summary->len; i++)
    {
      TypeInfo *type = summary->pdata[i];

      printf ("%" G_GUINT64_FORMAT " %ss with %" G_GUINT64_FORMAT " %s (%05.2f%% of keys, avg size %.2f)\n",
              type->count, type->name, type->total, !memkeys ? type->size_unit : "bytes",
              sampled ? 100 * (double) type->count / sampled : 0,
              type->count ? (double) type->total / type->count : 0);
    }
  fflush (stdout);
  return 0;
}
