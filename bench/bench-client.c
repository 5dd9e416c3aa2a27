/* bench-client.c: the connection engine and the client against hiredis,
 * on one redis-server of its own, in one run
 *
 * Measures, prints, asserts nothing. Run it from the build tree:
 *   build/bench/bench-client                 (unpinned)
 *   taskset -c 0 build/bench/bench-client    (client and server on one CPU)
 *   build/bench/bench-client --repeat 5      (medians of 5 rounds)
 * The server is started as a child, so it inherits the CPU affinity.
 *
 * (a) one connection, unpipelined blocking SET/GET vs hiredis' blocking API
 * (b) one connection, explicit pipelines of 100 and 1000 SETs vs hiredis'
 *     pipeline and a raw socket writing preformatted commands (the limit)
 * (c) 100 000 independent async SETs from one main loop, no explicit
 *     pipeline, vs hiredis' async API on its GLib adapter, and vs (b)
 * (d) the typed helpers against raw argv calls through the same client:
 *     100 000 async ZADD and ZSCORE pairs, converted to C types
 * (e) the cost of observers: (c)'s async SETs (on a new connection, and
 *     as a second burst on one), async SETs 100 in flight at a time, and
 *     (a)'s blocking SET/GET, with no observer, with
 *     `metrics`, and with `sysprof` when it is built; the rate and the
 *     client's CPU time per command (--observe-only runs only these rows)
 * and the memory of an idle connection and of a queued command.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <malloc.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <time.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <gredis/gredis.h>
#include <hiredis/hiredis.h>
#include <hiredis/async.h>
#include <hiredis/adapters/glib.h>

static char *socket_path;
/* GredisConfig:observe of the clients made (the rows of (e)). */
static const char *observe;

static double
now_s (void)
{
  return g_get_monotonic_time () / 1e6;
}

static GredisClient *
new_client (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_path (config, socket_path);
  gredis_config_set_command_timeout_ms (config, 0);
  gredis_config_set_observe (config, observe);
  return gredis_client_new (config);
}

/* (a) */

static double
gredis_blocking (guint n)
{
  g_autoptr(GredisClient) client = new_client ();
  const char *set[] = { "SET", "bench:a", "xyz" };
  const char *get[] = { "GET", "bench:a" };
  double start = now_s ();

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GError) error = NULL;
      GredisReply *reply = gredis_client_command_argv (client, i % 2 ? 2 : 3, i % 2 ? get : set,
                                                       NULL, NULL, &error);
      g_assert_no_error (error);
      gredis_reply_unref (reply);
    }
  return n / (now_s () - start);
}

static double
hiredis_blocking (guint n)
{
  redisContext *c = redisConnectUnix (socket_path);
  const char *set[] = { "SET", "bench:a", "xyz" };
  const char *get[] = { "GET", "bench:a" };
  double start = now_s ();

  g_assert_true (c != NULL && c->err == 0);
  for (guint i = 0; i < n; i++)
    {
      redisReply *reply = redisCommandArgv (c, i % 2 ? 2 : 3, i % 2 ? get : set, NULL);
      g_assert_nonnull (reply);
      freeReplyObject (reply);
    }
  start = n / (now_s () - start);
  redisFree (c);
  return start;
}

/* (b) */

static void
count_reply (GredisConnection *connection,
             GredisReply      *reply,
             const GError     *error,
             gpointer          user_data)
{
  g_assert_null (error);
  (*(guint *) user_data)++;
}

static GredisConnection *
ready_connection (GredisClient *client)
{
  g_autoptr(GError) error = NULL;
  GredisConnection *connection = gredis_client_get_connection (client, &error);

  g_assert_no_error (error);
  while (gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_READY)
    g_main_context_iteration (NULL, TRUE);
  return connection;
}

static double
gredis_pipeline (guint total,
                 guint depth)
{
  g_autoptr(GredisClient) client = new_client ();
  g_autoptr(GredisConnection) connection = ready_connection (client);
  const char *set[] = { "SET", "bench:b", "xyz" };
  const gsize lengths[] = { 3, 7, 3 };
  double start = now_s ();
  guint done = 0;

  for (guint sent = 0; sent < total; sent += depth)
    {
      guint target = done + depth;

      for (guint i = 0; i < depth; i++)
        gredis_connection_send_command_full (connection, 3, set, lengths, count_reply, &done);
      gredis_connection_flush (connection);
      while (done < target)
        g_main_context_iteration (NULL, TRUE);
    }
  return total / (now_s () - start);
}

static double
hiredis_pipeline (guint total,
                  guint depth)
{
  redisContext *c = redisConnectUnix (socket_path);
  const char *set[] = { "SET", "bench:b", "xyz" };
  double start = now_s ();

  for (guint sent = 0; sent < total; sent += depth)
    {
      for (guint i = 0; i < depth; i++)
        redisAppendCommandArgv (c, 3, set, NULL);
      for (guint i = 0; i < depth; i++)
        {
          void *reply = NULL;
          g_assert_cmpint (redisGetReply (c, &reply), ==, REDIS_OK);
          freeReplyObject (reply);
        }
    }
  start = total / (now_s () - start);
  redisFree (c);
  return start;
}

/* Preformatted commands on a raw socket: what the kernel and the server
 * allow, with no client work at all. */
static double
raw_pipeline (guint total,
              guint depth)
{
  static const char command[] = "*3\r\n$3\r\nSET\r\n$7\r\nbench:b\r\n$3\r\nxyz\r\n";
  gsize command_len = sizeof command - 1;
  g_autofree char *batch = g_malloc (command_len * depth);
  g_autofree char *buffer = g_malloc (65536);
  struct sockaddr_un addr = { .sun_family = AF_UNIX };
  int fd = socket (AF_UNIX, SOCK_STREAM, 0);
  double start;

  g_strlcpy (addr.sun_path, socket_path, sizeof addr.sun_path);
  g_assert_cmpint (connect (fd, (struct sockaddr *) &addr, sizeof addr), ==, 0);
  for (guint i = 0; i < depth; i++)
    memcpy (batch + i * command_len, command, command_len);

  start = now_s ();
  for (guint sent = 0; sent < total; sent += depth)
    {
      gsize want = 5 * depth, got = 0;   /* "+OK\r\n" each */
      gsize off = 0;

      while (off < command_len * depth)
        {
          ssize_t n = write (fd, batch + off, command_len * depth - off);
          g_assert_cmpint (n, >, 0);
          off += n;
        }
      while (got < want)
        {
          ssize_t n = read (fd, buffer, 65536);
          g_assert_cmpint (n, >, 0);
          got += n;
        }
    }
  start = total / (now_s () - start);
  close (fd);
  return start;
}

/* (c) */

static void
on_async_set (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GredisReply *reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, NULL);

  g_assert_nonnull (reply);
  gredis_reply_unref (reply);
  (*(guint *) user_data)++;
}

static double
gredis_async (guint    n,
              gboolean with_task)
{
  g_autoptr(GredisClient) client = new_client ();
  g_autoptr(GredisConnection) connection = ready_connection (client);
  const char *set[] = { "SET", "bench:c", "xyz" };
  const gsize lengths[] = { 3, 7, 3 };
  double start = now_s ();
  guint done = 0;

  for (guint i = 0; i < n; i++)
    if (with_task)
      gredis_client_command_argv_async (client, 3, set, lengths, NULL, on_async_set, &done);
    else
      gredis_connection_send_command_full (connection, 3, set, lengths, count_reply, &done);
  while (done < n)
    g_main_context_iteration (NULL, TRUE);
  return n / (now_s () - start);
}

static void
on_hiredis_async (redisAsyncContext *ac,
                  void              *reply,
                  void              *user_data)
{
  g_assert_nonnull (reply);
  (*(guint *) user_data)++;
}

static double
hiredis_async (guint n)
{
  redisAsyncContext *ac = redisAsyncConnectUnix (socket_path);
  GSource *source = redis_source_new (ac);
  const char *set[] = { "SET", "bench:c", "xyz" };
  double start;
  guint done = 0;

  g_source_attach (source, NULL);
  start = now_s ();
  for (guint i = 0; i < n; i++)
    redisAsyncCommandArgv (ac, on_hiredis_async, &done, 3, set, NULL);
  while (done < n)
    g_main_context_iteration (NULL, TRUE);
  start = n / (now_s () - start);
  redisAsyncFree (ac);
  g_source_destroy (source);
  g_source_unref (source);
  return start;
}

/* (d) */

static void
on_raw (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  GredisReply *reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, NULL);

  g_assert_nonnull (reply);
  gredis_reply_unref (reply);
  (*(guint *) user_data)++;
}

static void
on_typed_zadd (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  gredis_client_zadd_finish (GREDIS_CLIENT (source), result, &error);
  g_assert_no_error (error);
  (*(guint *) user_data)++;
}

static void
on_typed_zscore (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  double score;

  g_assert_true (gredis_client_zscore_finish (GREDIS_CLIENT (source), result, &score, &error));
  (*(guint *) user_data)++;
}

/* @n ZADD key score member and ZSCORE key member, typed or raw; the raw
 * path formats the score itself, as a caller of the raw API would. */
static double
typed_or_raw (guint    n,
              gboolean typed)
{
  g_autoptr(GredisClient) client = new_client ();
  g_autoptr(GredisConnection) connection = ready_connection (client);
  double start = now_s ();
  guint done = 0;

  for (guint i = 0; i < n; i++)
    if (typed)
      {
        gredis_client_zadd_async (client, "bench:d", i % 100, "m", GREDIS_ZADD_NONE, NULL,
                                  on_typed_zadd, &done);
        gredis_client_zscore_async (client, "bench:d", "m", NULL, on_typed_zscore, &done);
      }
    else
      {
        char score[G_ASCII_DTOSTR_BUF_SIZE];
        const char *zadd[] = { "ZADD", "bench:d", g_ascii_dtostr (score, sizeof score, i % 100),
                               "m", NULL };
        const char *zscore[] = { "ZSCORE", "bench:d", "m", NULL };

        gredis_client_command_async (client, zadd, NULL, on_raw, &done);
        gredis_client_command_async (client, zscore, NULL, on_raw, &done);
      }
  while (done < 2 * n)
    g_main_context_iteration (NULL, TRUE);
  return 2 * n / (now_s () - start);
}

/* Memory */

static void
ignore_reply (GredisConnection *connection,
              GredisReply      *reply,
              const GError     *error,
              gpointer          user_data)
{
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

static void
memory (void)
{
  g_autoptr(GredisClient) client = new_client ();
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GredisTransport) transport = gredis_transport_new_for_name ("unix", NULL);
  g_autoptr(GredisParser) parser = gredis_parser_new_for_name (NULL, NULL);
  g_autoptr(GSocketConnectable) endpoint = G_SOCKET_CONNECTABLE (g_unix_socket_address_new (socket_path));
  const guint n_conn = 200, n_cmd = 100000;
  const char *set[] = { "SET", "bench:m", "xyz" };
  gsize before, after;

  /* Idle, ready connections, each with its own parser. */
  before = heap_in_use ();
  for (guint i = 0; i < n_conn; i++)
    {
      g_autoptr(GredisParser) own_parser = gredis_parser_new_for_name (NULL, NULL);
      GredisConnection *c = gredis_connection_new (transport, own_parser, endpoint);

      gredis_connection_open_async (c, NULL, NULL, NULL);
      g_ptr_array_add (connections, c);
    }
  for (guint i = 0; i < n_conn; i++)
    while (gredis_connection_get_state (connections->pdata[i]) != GREDIS_CONNECTION_STATE_READY)
      g_main_context_iteration (NULL, TRUE);
  after = heap_in_use ();
  g_print ("memory per idle connection (client side heap, parser and stream included): %zu bytes\n",
           (after - before) / n_conn);
  g_ptr_array_set_size (connections, 0);

  /* Queued commands: encoded bytes plus the queue entry. */
  {
    g_autoptr(GredisConnection) c = gredis_connection_new (transport, parser, endpoint);

    gredis_connection_send_command_full (c, 3, set, NULL, ignore_reply, NULL);
    before = heap_in_use ();
    for (guint i = 1; i < n_cmd; i++)
      gredis_connection_send_command_full (c, 3, set, NULL, ignore_reply, NULL);
    after = heap_in_use ();
    g_print ("memory per queued command (SET k v, %zu bytes on the wire): %.1f bytes\n",
             gredis_encoded_length (3, set, NULL), (double) (after - before) / (n_cmd - 1));
    gredis_connection_close (c);
  }
  (void) client;
}

static void
on_queued_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               NULL);

  (*(guint *) user_data)++;
}

/* Client commands queued before their connection is ready: the queue
 * entry, the encoded bytes and the copy kept for retries. */
static void
memory_client (void)
{
  g_autoptr(GredisClient) client = new_client ();
  const char *set[] = { "SET", "bench:m", "xyz" };
  const gsize lengths[] = { 3, 7, 3 };
  const guint n_cmd = 100000;
  gsize before, after;
  guint done = 0;

  gredis_client_command_argv_async (client, 3, set, lengths, NULL, on_queued_done, &done);
  before = heap_in_use ();
  for (guint i = 1; i < n_cmd; i++)
    gredis_client_command_argv_async (client, 3, set, lengths, NULL, on_queued_done, &done);
  after = heap_in_use ();
  g_print ("memory per queued client command (async, kept for retries): %.1f bytes\n",
           (double) (after - before) / (n_cmd - 1));
  while (done < n_cmd)
    g_main_context_iteration (NULL, TRUE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* The median of @n values (sorted in place), and their spread (max / min). */
static double
median (double *values,
        guint   n,
        double *spread)
{
  qsort (values, n, sizeof (double), compare_doubles);
  *spread = values[0] > 0 ? values[n - 1] / values[0] : 0;
  return n % 2 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
}

#define MAX_REPEAT 31

/* (e) */

/* CPU time of this process (the client's threads; not the server's). */
static double
cpu_s (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct
{
  GredisClient *client;
  guint sent;
  guint done;
  guint total;
} Window;

static void
on_window_set (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data);

static void
window_send (Window *window)
{
  const char *set[] = { "SET", "bench:e", "xyz" };
  const gsize lengths[] = { 3, 7, 3 };

  window->sent++;
  gredis_client_command_argv_async (window->client, 3, set, lengths, NULL, on_window_set, window);
}

static void
on_window_set (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Window *window = user_data;
  GredisReply *reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, NULL);

  g_assert_nonnull (reply);
  gredis_reply_unref (reply);
  window->done++;
  if (window->sent < window->total)
    window_send (window);
}

/* Async SETs with @depth in flight at any time (each reply sends the
 * next), @n in all, after a warm-up: the steady state of a busy service,
 * without (c)'s one burst that grows every queue. */
static double
gredis_async_window (guint  n,
                     guint  depth,
                     double *cpu_per_command)
{
  g_autoptr(GredisClient) client = new_client ();
  Window window = { client, 0, 0, depth * 10 };
  double start, cpu;

  for (guint i = 0; i < depth; i++)
    window_send (&window);
  while (window.done < window.total)
    g_main_context_iteration (NULL, TRUE);

  window.sent = window.done = 0;
  window.total = n;
  start = now_s ();
  cpu = cpu_s ();
  for (guint i = 0; i < depth; i++)
    window_send (&window);
  while (window.done < n)
    g_main_context_iteration (NULL, TRUE);
  *cpu_per_command = (cpu_s () - cpu) / n;
  return n / (now_s () - start);
}

/* (c)'s burst, timed on a connection that has taken one burst already:
 * its queues have grown, so the row measures the commands rather than
 * the growth of the queues from empty (and what the allocator does then). */
static double
gredis_async_warm (guint   n,
                   double *cpu_per_command)
{
  g_autoptr(GredisClient) client = new_client ();
  const char *set[] = { "SET", "bench:c", "xyz" };
  const gsize lengths[] = { 3, 7, 3 };
  double start, cpu;
  guint done = 0;

  for (guint i = 0; i < n; i++)
    gredis_client_command_argv_async (client, 3, set, lengths, NULL, on_async_set, &done);
  while (done < n)
    g_main_context_iteration (NULL, TRUE);

  done = 0;
  start = now_s ();
  cpu = cpu_s ();
  for (guint i = 0; i < n; i++)
    gredis_client_command_argv_async (client, 3, set, lengths, NULL, on_async_set, &done);
  while (done < n)
    g_main_context_iteration (NULL, TRUE);
  *cpu_per_command = (cpu_s () - cpu) / n;
  return n / (now_s () - start);
}

enum { ROW_BURST, ROW_BURST_WARM, ROW_WINDOW, ROW_BLOCKING, N_ROWS };

static const char * const row_names[N_ROWS] = {
  "100000 async SETs at once", "the same, second burst", "async SETs, 100 in flight",
  "blocking SET/GET",
};

/* One row of (e) with the current observer: its rate, and the client's
 * CPU time per command in *@cpu. */
static double
observe_row (guint   row,
             double *cpu)
{
  double start = cpu_s ();
  double rate;

  switch (row)
    {
    case ROW_BURST:
      rate = gredis_async (100000, TRUE);
      *cpu = (cpu_s () - start) / 100000;
      return rate;
    case ROW_BURST_WARM:
      return gredis_async_warm (100000, cpu);
    case ROW_WINDOW:
      return gredis_async_window (200000, 100, cpu);
    default:
      rate = gredis_blocking (20000);
      *cpu = (cpu_s () - start) / 20000;
      return rate;
    }
}

static void
observe_rows (gint repeat)
{
  static const char * const observers[] = { NULL, "metrics", "sysprof" };
  double rate[G_N_ELEMENTS (observers)][N_ROWS][MAX_REPEAT];
  double cpu[G_N_ELEMENTS (observers)][N_ROWS][MAX_REPEAT];
  double rate_ratio[G_N_ELEMENTS (observers)][N_ROWS][MAX_REPEAT];
  double cpu_ratio[G_N_ELEMENTS (observers)][N_ROWS][MAX_REPEAT];
  gboolean available[G_N_ELEMENTS (observers)];
  double sp, sp2;

  for (gsize o = 0; o < G_N_ELEMENTS (observers); o++)
    {
      g_autoptr(GredisPluginInfo) info = NULL;

      available[o] = observers[o] == NULL ||
                     (info = gredis_plugins_lookup (GREDIS_PLUGIN_OBSERVER, observers[o], NULL)) != NULL;
    }
  /* Rows take turns within a round, as above, each round starting with
   * the next observer: the one that follows another pays for what that
   * one left behind (the server freeing its 100000 replies). */
  for (gint r = 0; r < repeat; r++)
    {
      for (guint row = 0; row < N_ROWS; row++)
        for (gsize i = 0; i < G_N_ELEMENTS (observers); i++)
          {
            gsize o = (i + (gsize) r + row) % G_N_ELEMENTS (observers);

            if (!available[o])
              continue;
            observe = observers[o];
            rate[o][row][r] = observe_row (row, &cpu[o][row][r]);
            observe = NULL;
          }
      for (gsize o = 0; o < G_N_ELEMENTS (observers); o++)
        for (guint row = 0; row < N_ROWS && available[o]; row++)
          {
            rate_ratio[o][row][r] = rate[o][row][r] / rate[0][row][r];
            cpu_ratio[o][row][r] = cpu[o][row][r] / cpu[0][row][r];
          }
    }
  g_print ("(e) the cost of observers: rate, and the client's CPU time per command; "
           "ratios to no observer\n");
  for (gsize o = 0; o < G_N_ELEMENTS (observers); o++)
    {
      const char *name = observers[o] != NULL ? observers[o] : "none";

      if (!available[o])
        {
          g_print ("(e) observe=%s: not built, skipped\n", name);
          continue;
        }
      for (guint row = 0; row < N_ROWS; row++)
        {
          g_print ("(e) observe=%s, %s: %.0f/s, %.2f us CPU", name, row_names[row],
                   median (rate[o][row], repeat, &sp), median (cpu[o][row], repeat, &sp2) * 1e6);
          if (o > 0)
            {
              g_print ("; rate/none %.3f [%.2f], ", median (rate_ratio[o][row], repeat, &sp), sp);
              g_print ("CPU/none %.3f [%.2f]%s", median (cpu_ratio[o][row], repeat, &sp), sp,
                       o == 1 ? " (goal: rate >= 0.95)" : "");
            }
          g_print ("\n");
        }
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("gredis-bench-XXXXXX", &error);
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new ("- the client against hiredis");
  gint repeat = 3;
  gboolean observe_only = FALSE;
  GOptionEntry entries[] = {
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat,
      "Rounds; each figure is the median of the rounds (default 3)", "N" },
    { "observe-only", 0, 0, G_OPTION_ARG_NONE, &observe_only,
      "Only the rows of (e), the cost of observers", NULL },
    G_OPTION_ENTRY_NULL
  };
  double a_g[MAX_REPEAT], a_h[MAX_REPEAT], a_r[MAX_REPEAT];
  double b_g[2][MAX_REPEAT], b_h[2][MAX_REPEAT], b_r[2][MAX_REPEAT];
  double b_gh[2][MAX_REPEAT], b_gr[2][MAX_REPEAT];
  double c_api[MAX_REPEAT], c_full[MAX_REPEAT], c_h[MAX_REPEAT];
  double c_ratio[MAX_REPEAT], c_full_ratio[MAX_REPEAT], c_b[MAX_REPEAT];
  double d_typed[MAX_REPEAT], d_raw[MAX_REPEAT], d_ratio[MAX_REPEAT];
  const guint depths[2] = { 100, 1000 };
  double sp, sp2, sp3;

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  repeat = CLAMP (repeat, 1, MAX_REPEAT);

  g_assert_no_error (error);
  if (g_getenv ("GREDIS_PLUGIN_PATH") == NULL)
    g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, TRUE);
  socket_path = g_build_filename (directory, "redis.sock", NULL);
  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error,
                             "redis-server", "--port", "0", "--unixsocket", socket_path,
                             "--save", "", "--appendonly", "no", "--dir", directory, NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 500 && !g_file_test (socket_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (10000);

  /* Warm up the server and the plugins. */
  gredis_blocking (2000);
  hiredis_blocking (2000);

  if (observe_only)
    {
      observe_rows (repeat);
      goto out;
    }

  /* Rounds take turns, so that a busy moment of the machine does not
   * fall on one row only; ratios are taken within a round. */
  for (gint r = 0; r < repeat; r++)
    {
      a_g[r] = gredis_blocking (50000);
      a_h[r] = hiredis_blocking (50000);
      a_r[r] = a_g[r] / a_h[r];
      for (guint d = 0; d < 2; d++)
        {
          b_g[d][r] = gredis_pipeline (500000, depths[d]);
          b_h[d][r] = hiredis_pipeline (500000, depths[d]);
          b_r[d][r] = raw_pipeline (500000, depths[d]);
          b_gr[d][r] = b_g[d][r] / b_r[d][r];
          b_gh[d][r] = b_g[d][r] / b_h[d][r];
        }
      c_api[r] = gredis_async (100000, TRUE);
      c_full[r] = gredis_async (100000, FALSE);
      c_h[r] = hiredis_async (100000);
      c_ratio[r] = c_api[r] / c_h[r];
      c_full_ratio[r] = c_full[r] / c_h[r];
      c_b[r] = c_api[r] / b_g[1][r];
      d_typed[r] = typed_or_raw (100000, TRUE);
      d_raw[r] = typed_or_raw (100000, FALSE);
      d_ratio[r] = d_typed[r] / d_raw[r];
    }

  g_print ("medians of %d rounds; [spread max/min over the rounds]\n", repeat);
  g_print ("(a) unpipelined blocking SET/GET: gredis %.0f/s, hiredis %.0f/s, ",
           median (a_g, repeat, &sp), median (a_h, repeat, &sp2));
  g_print ("ratio %.2f [%.2f] (goal >= 0.95)\n", median (a_r, repeat, &sp), sp);
  for (guint d = 0; d < 2; d++)
    {
      g_print ("(b) pipeline of %u SETs: gredis %.0f/s, hiredis %.0f/s, raw socket %.0f/s; ",
               depths[d], median (b_g[d], repeat, &sp), median (b_h[d], repeat, &sp2),
               median (b_r[d], repeat, &sp3));
      g_print ("gredis/raw %.2f [%.2f] (goal >= 0.85), ", median (b_gr[d], repeat, &sp), sp);
      g_print ("gredis/hiredis %.2f [%.2f]\n", median (b_gh[d], repeat, &sp), sp);
    }
  g_print ("(c) 100000 independent async SETs: gredis (client API) %.0f/s, "
           "gredis (connection callback API) %.0f/s, hiredis async/GLib %.0f/s\n",
           median (c_api, repeat, &sp), median (c_full, repeat, &sp2), median (c_h, repeat, &sp3));
  g_print ("    client/hiredis %.2f [%.2f] (goal >= 1.5), ", median (c_ratio, repeat, &sp), sp);
  g_print ("callback/hiredis %.2f [%.2f], ", median (c_full_ratio, repeat, &sp), sp);
  g_print ("client/(b, 1000) %.2f [%.2f] (goal >= 0.6)\n", median (c_b, repeat, &sp), sp);
  g_print ("(d) 100000 async ZADD + ZSCORE: typed helpers %.0f/s, raw argv %.0f/s, ",
           median (d_typed, repeat, &sp), median (d_raw, repeat, &sp2));
  g_print ("typed/raw %.2f [%.2f] (goal >= 0.90)\n", median (d_ratio, repeat, &sp), sp);

  observe_rows (repeat);
  memory ();
  memory_client ();

out:
  g_subprocess_send_signal (server, SIGTERM);
  g_subprocess_wait (server, NULL, NULL);
  g_unlink (socket_path);
  g_rmdir (directory);
  g_free (socket_path);
  return 0;
}
