/* bench-parser.c: the parser plugins against bare libhiredis redisReader
 *
 * The same in-memory buffers go through resp2, resp3, hiredis and a bare
 * redisReader (with its default reply objects), fed in 16 KiB chunks and
 * popped after every feed, as a connection would: with
 * gredis_parser_pop_many() in batches of 64, and for "resp3/pop" with
 * gredis_parser_pop() one reply at a time. Prints MB/s, replies/s,
 * the ratio to redisReader, and the heap taken per element by the reply
 * tree of one array of a million short bulk strings.
 *
 * Usage: bench-parser [--quick] [--repeat N] [--only WORKLOAD] [--parser NAME]
 *
 * --only (a substring of workload names) and --parser (one parser's name,
 * such as resp3 or resp3/pop) narrow the run, to profile one case with
 * perf or callgrind.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <hiredis/hiredis.h>

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#define CHUNK (16 * 1024)
#define BATCH 64

typedef struct
{
  const char *name;
  GByteArray *data;
  guint64     n_replies;
  gboolean    resp3;
  gboolean    whole;     /* fed as one buffer instead of in chunks */
} Workload;

static guint repeat = 3;
static gboolean quick = FALSE;
static char *only = NULL;
static char *only_parser = NULL;

static double
now (void)
{
  return g_get_monotonic_time () / 1e6;
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

/* Returns the seconds taken, or a negative number on a parse error. */
/* Not inlined, so that a profiler can be pointed at them. */
G_GNUC_NO_INLINE static double
run_gredis (const char *parser_name,
            Workload   *w)
{
  gboolean one_by_one = g_str_has_suffix (parser_name, "/pop");
  g_autofree char *plugin = g_strndup (parser_name, strcspn (parser_name, "/"));
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisParser) parser = gredis_parser_new_for_name (plugin, &error);
  guint64 count = 0;
  double start;
  gsize step = w->whole ? w->data->len : CHUNK;

  if (parser == NULL)
    g_error ("%s", error->message);
  if (w->resp3 && !gredis_parser_set_protocol (parser, 3, NULL))
    return -1;

  start = now ();
  for (gsize offset = 0; offset < w->data->len; offset += step)
    {
      gredis_parser_feed (parser, w->data->data + offset, MIN (step, w->data->len - offset));
      if (one_by_one)
        {
          GredisReply *reply;

          while ((reply = gredis_parser_pop (parser, &error)) != NULL)
            {
              gredis_reply_unref (reply);
              count++;
            }
        }
      else
        {
          GredisReply *replies[BATCH];
          guint n;

          do
            {
              n = gredis_parser_pop_many (parser, replies, BATCH, &error);
              for (guint i = 0; i < n; i++)
                gredis_reply_unref (replies[i]);
              count += n;
            }
          while (n == BATCH);
        }
      if (error != NULL)
        g_error ("%s on %s: %s", parser_name, w->name, error->message);
    }
  if (count != w->n_replies)
    g_error ("%s on %s: %" G_GUINT64_FORMAT " replies instead of %" G_GUINT64_FORMAT,
             parser_name, w->name, count, w->n_replies);
  return now () - start;
}

G_GNUC_NO_INLINE static double
run_reader (Workload *w)
{
  redisReader *reader;
  guint64 count = 0;
  double start;
  gsize step = w->whole ? w->data->len : CHUNK;

  if (w->resp3)
    return -1;

  reader = redisReaderCreate ();
  start = now ();
  for (gsize offset = 0; offset < w->data->len; offset += step)
    {
      void *reply = NULL;

      if (redisReaderFeed (reader, (const char *) w->data->data + offset,
                           MIN (step, w->data->len - offset)) != REDIS_OK)
        g_error ("redisReaderFeed failed");
      for (;;)
        {
          if (redisReaderGetReply (reader, &reply) != REDIS_OK)
            g_error ("redisReader on %s: %s", w->name, reader->errstr);
          if (reply == NULL)
            break;
          freeReplyObject (reply);
          count++;
        }
    }
  redisReaderFree (reader);
  if (count != w->n_replies)
    g_error ("redisReader on %s: %" G_GUINT64_FORMAT " replies", w->name, count);
  return now () - start;
}

static void
append (GByteArray *data,
        const char *text)
{
  g_byte_array_append (data, (const guint8 *) text, strlen (text));
}

static Workload *
workload_new (const char *name)
{
  Workload *w = g_new0 (Workload, 1);

  w->name = name;
  w->data = g_byte_array_new ();
  return w;
}

static GPtrArray *
make_workloads (void)
{
  GPtrArray *workloads = g_ptr_array_new ();
  guint n = quick ? 100000 : 1000000;
  guint big = quick ? 10 * 1000 * 1000 : 100 * 1000 * 1000;
  char buf[64];
  Workload *w;

  w = workload_new ("+OK");
  for (guint i = 0; i < n; i++)
    append (w->data, "+OK\r\n");
  w->n_replies = n;
  g_ptr_array_add (workloads, w);

  w = workload_new ("+OK, one buffer");
  g_byte_array_append (w->data, ((Workload *) workloads->pdata[0])->data->data,
                       ((Workload *) workloads->pdata[0])->data->len);
  w->n_replies = n;
  w->whole = TRUE;
  g_ptr_array_add (workloads, w);

  w = workload_new ("integers");
  for (guint i = 0; i < n; i++)
    {
      g_snprintf (buf, sizeof buf, ":%u\r\n", i * 7919u);
      append (w->data, buf);
    }
  w->n_replies = n;
  g_ptr_array_add (workloads, w);

  w = workload_new ("short bulks");
  for (guint i = 0; i < n; i++)
    {
      g_snprintf (buf, sizeof buf, "$10\r\nvalue%05u\r\n", i % 100000);
      append (w->data, buf);
    }
  w->n_replies = n;
  g_ptr_array_add (workloads, w);

  w = workload_new ("array of 1M bulks");
  g_snprintf (buf, sizeof buf, "*%u\r\n", n);
  append (w->data, buf);
  for (guint i = 0; i < n; i++)
    {
      g_snprintf (buf, sizeof buf, "$8\r\nel%06u\r\n", i % 1000000);
      append (w->data, buf);
    }
  w->n_replies = 1;
  g_ptr_array_add (workloads, w);

  w = workload_new ("3 x 100 MB bulks");
  for (guint i = 0; i < 3; i++)
    {
      gsize at;

      g_snprintf (buf, sizeof buf, "$%u\r\n", big);
      append (w->data, buf);
      at = w->data->len;
      g_byte_array_set_size (w->data, at + big);
      memset (w->data->data + at, 'a' + i, big);
      append (w->data, "\r\n");
    }
  w->n_replies = 3;
  g_ptr_array_add (workloads, w);

  w = workload_new ("mixed RESP3");
  for (guint i = 0; i < n / 10; i++)
    {
      append (w->data, "%2\r\n+name\r\n$5\r\nredis\r\n+score\r\n,3.25\r\n");
      append (w->data, "#t\r\n");
      append (w->data, "_\r\n");
      append (w->data, "~3\r\n:1\r\n:2\r\n:3\r\n");
      append (w->data, "|1\r\n+ttl\r\n:3600\r\n$3\r\nabc\r\n");
      append (w->data, ">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$5\r\nhello\r\n");
      append (w->data, "(12345678901234567890123\r\n");
      append (w->data, "=8\r\ntxt:text\r\n");
      append (w->data, ",inf\r\n");
      append (w->data, "*2\r\n:1\r\n!3\r\nERR\r\n");
    }
  w->n_replies = (n / 10) * 10;
  w->resp3 = TRUE;
  g_ptr_array_add (workloads, w);

  return workloads;
}

static double
best_of (const char *parser,
         Workload   *w)
{
  double best = -1;

  for (guint r = 0; r < repeat; r++)
    {
      double t = parser != NULL ? run_gredis (parser, w) : run_reader (w);

      if (t < 0)
        return -1;
      if (best < 0 || t < best)
        best = t;
    }
  return best;
}

/* Heap held by the reply tree of one array of a million short bulks. */
static void
measure_tree_memory (Workload *w,
                     guint64   n_elements)
{
  const char *parsers[] = { "resp3", "resp2", "hiredis" };
  gsize before, after;
  void *reply = NULL;
  redisReader *reader;

  printf ("\nHeap per element of the reply tree (array of %" G_GUINT64_FORMAT " 8-byte bulks):\n",
          n_elements);

  reader = redisReaderCreate ();
  redisReaderFeed (reader, (const char *) w->data->data, w->data->len);
  malloc_trim (0);
  before = heap_in_use ();
  redisReaderGetReply (reader, &reply);
  after = heap_in_use ();
  printf ("  %-12s %7.1f bytes\n", "redisReader", (double) (after - before) / n_elements);
  freeReplyObject (reply);
  redisReaderFree (reader);

  for (guint i = 0; i < G_N_ELEMENTS (parsers); i++)
    {
      GredisParser *parser = gredis_parser_new_for_name (parsers[i], NULL);
      GredisReply *tree;

      if (parser == NULL)
        continue;
      /* Everything the parser took for the reply, minus what it gives
       * back with itself: what the tree holds. */
      malloc_trim (0);
      before = heap_in_use ();
      gredis_parser_feed (parser, w->data->data, w->data->len);
      tree = gredis_parser_pop (parser, NULL);
      g_object_unref (parser);
      after = heap_in_use ();
      g_assert (tree != NULL);
      printf ("  %-12s %7.1f bytes\n", parsers[i], ((double) after - (double) before) / n_elements);
      gredis_reply_unref (tree);
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *parsers[] = { "resp3", "resp3/pop", "resp2", "hiredis", NULL /* redisReader */ };
  g_autoptr(GPtrArray) workloads = NULL;
  GOptionEntry entries[] = {
    { "quick", 0, 0, G_OPTION_ARG_NONE, &quick, "Smaller inputs", NULL },
    { "repeat", 0, 0, G_OPTION_ARG_INT, &repeat, "Runs per measure (best kept)", "N" },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only, "Only the workloads whose name contains TEXT", "TEXT" },
    { "parser", 0, 0, G_OPTION_ARG_STRING, &only_parser,
      "Only the parser NAME (redisReader is always run)", "NAME" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- parser benchmark");
  g_autoptr(GError) error = NULL;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
#ifdef GREDIS_BENCH_PLUGIN_DIR
  g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, FALSE);
#endif

  workloads = make_workloads ();

  printf ("%-20s %-12s %10s %14s %10s\n", "workload", "parser", "MB/s", "replies/s", "vs reader");
  for (guint i = 0; i < workloads->len; i++)
    {
      Workload *w = workloads->pdata[i];
      double reader;

      if (only != NULL && strstr (w->name, only) == NULL)
        continue;
      reader = best_of (NULL, w);

      for (guint p = 0; p < G_N_ELEMENTS (parsers); p++)
        {
          const char *name = parsers[p] != NULL ? parsers[p] : "redisReader";
          double t;

          if (parsers[p] != NULL && only_parser != NULL && strcmp (name, only_parser) != 0)
            continue;
          t = p == G_N_ELEMENTS (parsers) - 1 ? reader : best_of (parsers[p], w);

          if (t < 0)
            {
              printf ("%-20s %-12s %10s %14s %10s\n", w->name, name, "-", "-", "-");
              continue;
            }
          printf ("%-20s %-12s %10.1f %14.0f", w->name, name,
                  w->data->len / t / 1e6, w->n_replies / t);
          if (reader > 0)
            printf (" %9.2fx\n", reader / t);
          else
            printf (" %10s\n", "-");
        }
    }

  if (only == NULL)
    measure_tree_memory (workloads->pdata[4], quick ? 100000 : 1000000);
  return 0;
}
