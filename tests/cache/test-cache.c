/* test-cache.c: the client-side cache (GredisConfig:cache) on a real
 * redis-server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "gredis-test-server.h"

#include <string.h>

static GredisTestServer *server;

/* The protocol of the clients make_client () makes: the RESP2 subtests
 * run the RESP3 ones again with 2 (tracking through REDIRECT). */
static gint protocol = 3;

static void wait_invalidations (GredisClient *client,
                                guint64       before);

/* A client of the test server; @options: "key=value" pairs. */
static GredisClient *
make_client (gboolean     cache,
             const char  *first_option,
             ...)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GError) error = NULL;
  GredisClient *client;
  const char *option;
  va_list ap;

  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  gredis_config_set_protocol (config, protocol);
  gredis_config_set_cache (config, cache);
  va_start (ap, first_option);
  for (option = first_option; option != NULL; option = va_arg (ap, const char *))
    {
      g_auto(GStrv) pair = g_strsplit (option, "=", 2);

      g_assert_true (gredis_config_set_option (config, pair[0], pair[1], &error));
      g_assert_no_error (error);
    }
  va_end (ap);
  client = gredis_client_new (config);
  /* With RESP2 nothing is kept until the subscriber that invalidations
   * are redirected to is ready; it empties the cache then (an
   * invalidation). */
  if (cache && protocol < 3)
    wait_invalidations (client, 0);
  return client;
}

static GredisReply *
run (GredisClient *client,
     const char   *first,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  GredisReply *reply;
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);
  reply = gredis_client_command (client, (const char * const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  return reply;
}

static char *
get (GredisClient *client,
     const char   *key)
{
  g_autoptr(GredisReply) reply = run (client, "GET", key, NULL);

  if (gredis_reply_is_nil (reply))
    return NULL;
  return g_strdup (gredis_reply_get_string (reply, NULL));
}

static void
set (GredisClient *client,
     const char   *key,
     const char   *value)
{
  g_autoptr(GredisReply) reply = run (client, "SET", key, value, NULL);
}

/* Waits (a bound, not a measure) until the cache counted more
 * invalidations than @before: the server's push was read. */
static void
wait_invalidations (GredisClient *client,
                    guint64       before)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (gredis_client_get_cache_invalidations (client) <= before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
}

static void
test_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisConfig) from_uri = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GredisConfig) from_file = NULL;

  g_assert_false (gredis_config_get_cache (config));
  g_assert_cmpstr (gredis_config_get_cache_mode (config), ==, "default");

  from_uri = gredis_config_new_for_uri ("redis://localhost/0?protocol=3&cache=on&cache-max-entries=7"
                                        "&cache-max-bytes=4096&cache-ttl-ms=250&cache-mode=broadcast"
                                        "&cache-prefixes=user:,session:&cache-optin=false", &error);
  g_assert_no_error (error);
  g_assert_true (gredis_config_get_cache (from_uri));
  g_assert_cmpuint (gredis_config_get_cache_max_entries (from_uri), ==, 7);
  g_assert_cmpuint (gredis_config_get_cache_max_bytes (from_uri), ==, 4096);
  g_assert_cmpuint (gredis_config_get_cache_ttl_ms (from_uri), ==, 250);
  g_assert_cmpstr (gredis_config_get_cache_mode (from_uri), ==, "broadcast");
  g_assert_cmpstr (gredis_config_get_cache_prefixes (from_uri), ==, "user:,session:");

  g_assert_true (g_key_file_load_from_data (key_file,
                                            "[gredis]\ncache=true\ncache-optin=true\ncache-max-entries=3\n",
                                            -1, G_KEY_FILE_NONE, &error));
  from_file = gredis_config_new_from_keyfile (key_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_config_get_cache (from_file));
  g_assert_true (gredis_config_get_cache_optin (from_file));
  g_assert_cmpuint (gredis_config_get_cache_max_entries (from_file), ==, 3);

  g_assert_false (gredis_config_set_option (config, "cache-mode", "sometimes", &error));
  g_assert_nonnull (error);
}

/* A second read is a hit; a write elsewhere invalidates it; the whole
 * command is the key (GET and STRLEN of one key are two entries). */
static void
test_hit_and_invalidate (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  g_autofree char *a = NULL, *b = NULL, *c = NULL;
  g_autoptr(GredisReply) len = NULL;
  g_autoptr(GredisReply) len2 = NULL;
  guint64 before;

  set (writer, "hit:k", "one");
  a = get (client, "hit:k");
  g_assert_cmpstr (a, ==, "one");
  g_assert_cmpuint (gredis_client_get_cache_misses (client), ==, 1);
  b = get (client, "hit:k");
  g_assert_cmpstr (b, ==, "one");
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 1);
  len = run (client, "STRLEN", "hit:k", NULL);
  g_assert_cmpint (gredis_reply_get_integer (len), ==, 3);
  g_assert_cmpuint (gredis_client_get_cache_misses (client), ==, 2);
  g_assert_cmpuint (gredis_client_get_cache_bytes (client), >, 0);

  before = gredis_client_get_cache_invalidations (client);
  set (writer, "hit:k", "three");
  wait_invalidations (client, before);
  c = get (client, "hit:k");
  g_assert_cmpstr (c, ==, "three");
  len2 = run (client, "STRLEN", "hit:k", NULL);
  g_assert_cmpint (gredis_reply_get_integer (len2), ==, 5);

  /* Writes are never cached. */
  set (client, "hit:k", "four");
  g_free (c);
  c = get (client, "hit:k");
  g_assert_cmpstr (c, ==, "four");
}

typedef struct
{
  GMainLoop *loop;
  char **keys;
  guint n_events;
  gboolean flushed;
} SignalData;

static void
on_invalidated (GredisClient *client,
                char        **keys,
                gpointer      user_data)
{
  SignalData *data = user_data;

  data->n_events++;
  if (keys == NULL)
    data->flushed = TRUE;
  else if (g_strv_contains ((const char * const *) keys, "sig:k"))
    {
      g_strfreev (data->keys);
      data->keys = g_strdupv (keys);
      g_main_loop_quit (data->loop);
    }
}

static void
test_signal (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  g_autofree char *value = NULL;
  SignalData data = { 0, };

  data.loop = g_main_loop_new (NULL, FALSE);
  g_signal_connect (client, "cache-invalidated", G_CALLBACK (on_invalidated), &data);
  set (writer, "sig:k", "1");
  value = get (client, "sig:k");
  set (writer, "sig:k", "2");
  g_main_loop_run (data.loop);
  g_assert_true (g_strv_contains ((const char * const *) data.keys, "sig:k"));
  g_strfreev (data.keys);
  g_main_loop_unref (data.loop);
}

static void
test_flushall (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autoptr(GredisReply) ok = NULL;
  guint64 before;

  set (writer, "flush:k", "here");
  a = get (client, "flush:k");
  g_free (a);
  a = get (client, "flush:k");
  g_assert_cmpstr (a, ==, "here");
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 1);

  before = gredis_client_get_cache_invalidations (client);
  ok = run (writer, "FLUSHALL", NULL);
  wait_invalidations (client, before);
  g_assert_cmpuint (gredis_client_get_cache_bytes (client), ==, 0);
  b = get (client, "flush:k");
  g_assert_null (b);
}

/* The tracking connection is killed: the server stops tracking, so the
 * cache is emptied as soon as the close is read, and reads afterwards
 * see the writes made meanwhile. */
static void
test_client_kill (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  g_autoptr(GredisReply) killed = NULL;
  g_autofree char *a = NULL;
  guint64 before;
  guint i;

  set (writer, "kill:k", "before");
  for (i = 0; i < 3; i++)
    {
      g_free (a);
      a = get (client, "kill:k");
      g_assert_cmpstr (a, ==, "before");
    }
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 2);

  before = gredis_client_get_cache_invalidations (client);
  killed = run (writer, "CLIENT", "KILL", "SKIPME", "yes", NULL);
  g_assert_cmpint (gredis_reply_get_integer (killed), >=, 1);
  wait_invalidations (client, before);
  g_assert_cmpuint (gredis_client_get_cache_bytes (client), ==, 0);

  /* Not tracked by anyone: the cache must not have kept it. */
  set (writer, "kill:k", "after");
  g_free (a);
  a = get (client, "kill:k");
  g_assert_cmpstr (a, ==, "after");

  /* Tracking runs again on the new connection. */
  before = gredis_client_get_cache_invalidations (client);
  g_free (a);
  a = get (client, "kill:k");
  g_assert_cmpstr (a, ==, "after");
  set (writer, "kill:k", "again");
  wait_invalidations (client, before);
  g_free (a);
  a = get (client, "kill:k");
  g_assert_cmpstr (a, ==, "again");
}

static void
test_eviction_entries (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, "cache-max-entries=3", NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  guint i;

  for (i = 0; i < 5; i++)
    {
      g_autofree char *key = g_strdup_printf ("evict:%u", i);
      g_autofree char *value = NULL;

      set (writer, key, "v");
      value = get (client, key);
    }
  g_assert_cmpuint (gredis_client_get_cache_evictions (client), ==, 2);
  /* The most recent three are held; the first was evicted. */
  {
    g_autofree char *v4 = get (client, "evict:4");
    g_autofree char *v0 = get (client, "evict:0");
  }
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 1);
  g_print ("# entries limit 3: 5 keys read, %" G_GUINT64_FORMAT " evictions\n",
           gredis_client_get_cache_evictions (client));
}

static void
test_eviction_bytes (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, "cache-max-bytes=4000", NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  g_autofree char *big = g_strnfill (1000, 'x');
  guint i;

  for (i = 0; i < 10; i++)
    {
      g_autofree char *key = g_strdup_printf ("bytes:%u", i);
      g_autofree char *value = NULL;

      set (writer, key, big);
      value = get (client, key);
      g_assert_cmpuint (gredis_client_get_cache_bytes (client), <=, 4000);
    }
  g_assert_cmpuint (gredis_client_get_cache_evictions (client), >=, 6);
  g_print ("# bytes limit 4000: 10 values of 1000 bytes, %" G_GUINT64_FORMAT " evictions, "
           "%" G_GUINT64_FORMAT " bytes held\n",
           gredis_client_get_cache_evictions (client), gredis_client_get_cache_bytes (client));
}

static void
test_ttl (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, "cache-ttl-ms=1", NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  g_autofree char *a = NULL;

  set (writer, "ttl:k", "v");
  a = get (client, "ttl:k");
  g_usleep (5000);
  g_free (a);
  a = get (client, "ttl:k");
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 0);
  g_assert_cmpuint (gredis_client_get_cache_misses (client), ==, 2);
}

static void
test_broadcast (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, "cache-mode=broadcast",
                                                "cache-prefixes=user:", NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  g_autofree char *a = NULL;
  guint64 before;

  set (writer, "user:1", "ann");
  set (writer, "other:1", "bob");
  a = get (client, "user:1");
  g_free (a);
  a = get (client, "user:1");
  g_assert_cmpstr (a, ==, "ann");
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 1);
  /* Without the prefix: not cached at all. */
  g_free (a);
  a = get (client, "other:1");
  g_free (a);
  a = get (client, "other:1");
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 1);
  g_assert_cmpuint (gredis_client_get_cache_misses (client), ==, 1);

  before = gredis_client_get_cache_invalidations (client);
  set (writer, "user:1", "cid");
  wait_invalidations (client, before);
  g_free (a);
  a = get (client, "user:1");
  g_assert_cmpstr (a, ==, "cid");
}

static void
test_optin (void)
{
  g_autoptr(GredisClient) client = make_client (TRUE, "cache-optin=true", NULL);
  g_autoptr(GredisClient) writer = make_client (FALSE, NULL);
  g_autofree char *a = NULL;
  guint64 before;

  set (writer, "optin:k", "1");
  a = get (client, "optin:k");
  g_free (a);
  a = get (client, "optin:k");
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 1);

  /* The server tracked the read: CLIENT CACHING yes went before it. */
  before = gredis_client_get_cache_invalidations (client);
  set (writer, "optin:k", "2");
  wait_invalidations (client, before);
  g_free (a);
  a = get (client, "optin:k");
  g_assert_cmpstr (a, ==, "2");
}

/* The id of the newest pub/sub client of the server (the subscriber
 * of the cache made last), from CLIENT LIST TYPE pubsub; 0 if none. */
static gint64
newest_subscriber_id (GredisClient *writer)
{
  g_autoptr(GredisReply) list = run (writer, "CLIENT", "LIST", "TYPE", "pubsub", NULL);
  g_auto(GStrv) lines = g_strsplit (gredis_reply_get_string (list, NULL), "\n", -1);
  gint64 newest = 0;
  guint i;

  for (i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "id=") && strstr (lines[i], "sub=1") != NULL)
      newest = MAX (newest, g_ascii_strtoll (lines[i] + 3, NULL, 10));
  return newest;
}

/* RESP2 (the default protocol): the cache subscribes a connection to
 * __redis__:invalidate and its reading connection tracks with REDIRECT
 * to it. */
static void
test_resp2_redirect (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisClient) writer = NULL;
  g_autoptr(GredisReply) clients = NULL;
  g_autofree char *a = NULL;
  g_autofree char *redir = NULL;
  gint64 subscriber;
  guint64 before;

  g_assert_cmpint (gredis_config_get_protocol (config), <, 3);
  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  gredis_config_set_cache (config, TRUE);
  client = gredis_client_new (config);
  writer = make_client (FALSE, NULL);
  wait_invalidations (client, 0);

  set (writer, "resp2:k", "one");
  a = get (client, "resp2:k");
  g_assert_cmpstr (a, ==, "one");
  a = (g_free (a), get (client, "resp2:k"));
  g_assert_cmpstr (a, ==, "one");
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 1);

  /* The reading connection redirects to the subscriber. */
  subscriber = newest_subscriber_id (writer);
  g_assert_cmpint (subscriber, >, 0);
  redir = g_strdup_printf ("redir=%" G_GINT64_FORMAT " ", subscriber);
  clients = run (writer, "CLIENT", "LIST", NULL);
  g_assert_nonnull (strstr (gredis_reply_get_string (clients, NULL), redir));

  before = gredis_client_get_cache_invalidations (client);
  set (writer, "resp2:k", "two");
  wait_invalidations (client, before);
  a = (g_free (a), get (client, "resp2:k"));
  g_assert_cmpstr (a, ==, "two");
}

/* The subscriber is killed: the cache is emptied, reads are fresh, and
 * once a new subscriber is ready the reading connection tracks for it. */
static void
test_resp2_kill_subscriber (void)
{
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisClient) writer = NULL;
  g_autoptr(GredisReply) killed = NULL;
  g_autofree char *a = NULL;
  g_autofree char *id = NULL;
  gint64 subscriber, deadline;
  guint64 before, hits;
  guint i;

  protocol = 2;
  client = make_client (TRUE, NULL);
  writer = make_client (FALSE, NULL);
  protocol = 3;

  set (writer, "kill2:k", "before");
  for (i = 0; i < 3; i++)
    {
      a = (g_free (a), get (client, "kill2:k"));
      g_assert_cmpstr (a, ==, "before");
    }
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 2);

  subscriber = newest_subscriber_id (writer);
  g_assert_cmpint (subscriber, >, 0);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, subscriber);
  before = gredis_client_get_cache_invalidations (client);
  killed = run (writer, "CLIENT", "KILL", "ID", id, NULL);
  g_assert_cmpint (gredis_reply_get_integer (killed), ==, 1);
  wait_invalidations (client, before);
  g_assert_cmpuint (gredis_client_get_cache_bytes (client), ==, 0);

  set (writer, "kill2:k", "after");
  a = (g_free (a), get (client, "kill2:k"));
  g_assert_cmpstr (a, ==, "after");

  /* Reads are kept again once the new subscriber is ready (a bound,
   * not a measure). */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  hits = gredis_client_get_cache_hits (client);
  while (gredis_client_get_cache_hits (client) == hits)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      a = (g_free (a), get (client, "kill2:k"));
      g_assert_cmpstr (a, ==, "after");
      g_usleep (1000);
    }
  g_assert_cmpint (newest_subscriber_id (writer), >, subscriber);

  before = gredis_client_get_cache_invalidations (client);
  set (writer, "kill2:k", "again");
  wait_invalidations (client, before);
  a = (g_free (a), get (client, "kill2:k"));
  g_assert_cmpstr (a, ==, "again");
}

/* Staleness: a writer on another client sets keys to increasing versions
 * in a tight loop while readers read them through the cache, with the
 * asynchronous API on the main context and the blocking API from a
 * thread.
 *
 * The server writes a SET's reply to the writer before it writes the
 * invalidation to the tracking connection (its pending writes go out
 * last-queued first), so a read may begin after the writer heard of a
 * write and before any client could hear of its invalidation: no cache
 * without a round trip can see that write. Such reads are counted and
 * printed ("behind the last write"). What a cache must never do is
 * keep a value after its invalidation: the server no longer tracks the
 * key then, and the value stays stale through every later write. So
 * every value a reader sees must be at least the version of the write
 * acknowledged before the last one acknowledged when its read began
 * ("stale reads", asserted to be 0). */

#define N_KEYS 8
#define N_WRITES 4000
#define N_ASYNC_READERS 4

typedef struct
{
  GredisClient *client;
  GredisClient *writer;
  gint committed[N_KEYS];      /* atomic: the last acknowledged */
  gint previous[N_KEYS];       /* atomic: the one before */
  gint behind_last;            /* atomic */
  gint version;
  gint done;                   /* atomic */
  guint64 reads;               /* atomic */
  gint stale;                  /* atomic */
  gint max_staleness;          /* atomic */
  guint pending_readers;
  GMainLoop *loop;
} Stale;

typedef struct
{
  Stale *stale;
  guint key;
  gint last;
  gint floor;
} Read;

static void
check_value (Stale       *stale,
             GredisReply *reply,
             gint         last,
             gint         floor)
{
  gint seen = 0;

  if (!gredis_reply_is_nil (reply))
    seen = atoi (gredis_reply_get_string (reply, NULL));
  g_atomic_pointer_add (&stale->reads, 1);
  if (seen < last)
    g_atomic_int_inc (&stale->behind_last);
  if (seen < floor)
    {
      g_atomic_int_inc (&stale->stale);
      if (floor - seen > g_atomic_int_get (&stale->max_staleness))
        g_atomic_int_set (&stale->max_staleness, floor - seen);
    }
}

static void start_read (Stale *stale);

static void
read_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Read *read = user_data;
  Stale *stale = read->stale;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);

  g_assert_no_error (error);
  check_value (stale, reply, read->last, read->floor);
  g_free (read);
  if (!g_atomic_int_get (&stale->done))
    start_read (stale);
  else if (--stale->pending_readers == 0)
    g_main_loop_quit (stale->loop);
}

static void
start_read (Stale *stale)
{
  Read *read = g_new0 (Read, 1);
  g_autofree char *key = NULL;
  const char *argv[3] = { "GET", NULL, NULL };

  read->stale = stale;
  read->key = g_random_int_range (0, N_KEYS);
  key = g_strdup_printf ("stale:%u", read->key);
  argv[1] = key;
  read->floor = g_atomic_int_get (&stale->previous[read->key]);
  read->last = g_atomic_int_get (&stale->committed[read->key]);
  gredis_client_command_async (stale->client, argv, NULL, read_done, read);
}

static void start_write (Stale *stale);

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Stale *stale = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  guint key = stale->version % N_KEYS;

  g_assert_no_error (error);
  g_atomic_int_set (&stale->previous[key], g_atomic_int_get (&stale->committed[key]));
  g_atomic_int_set (&stale->committed[key], stale->version);
  if (stale->version >= N_WRITES)
    {
      g_atomic_int_set (&stale->done, TRUE);
      return;
    }
  start_write (stale);
}

static void
start_write (Stale *stale)
{
  g_autofree char *key = NULL;
  g_autofree char *value = NULL;
  const char *argv[4] = { "SET", NULL, NULL, NULL };

  stale->version++;
  key = g_strdup_printf ("stale:%u", stale->version % N_KEYS);
  value = g_strdup_printf ("%d", stale->version);
  argv[1] = key;
  argv[2] = value;
  gredis_client_command_async (stale->writer, argv, NULL, write_done, stale);
}

static gpointer
blocking_reader (gpointer data)
{
  Stale *stale = data;

  while (!g_atomic_int_get (&stale->done))
    {
      guint k = g_random_int_range (0, N_KEYS);
      g_autofree char *key = g_strdup_printf ("stale:%u", k);
      gint floor = g_atomic_int_get (&stale->previous[k]);
      gint last = g_atomic_int_get (&stale->committed[k]);
      g_autoptr(GredisReply) reply = run (stale->client, "GET", key, NULL);

      check_value (stale, reply, last, floor);
    }
  return NULL;
}

static void
test_staleness (void)
{
  Stale stale = { 0, };
  GThread *thread;
  guint i;

  stale.client = make_client (TRUE, NULL);
  stale.writer = make_client (FALSE, NULL);
  stale.loop = g_main_loop_new (NULL, FALSE);
  for (i = 0; i < N_KEYS; i++)
    {
      g_autofree char *key = g_strdup_printf ("stale:%u", i);

      set (stale.writer, key, "0");
    }

  thread = g_thread_new ("blocking-reader", blocking_reader, &stale);
  start_write (&stale);
  stale.pending_readers = N_ASYNC_READERS;
  for (i = 0; i < N_ASYNC_READERS; i++)
    start_read (&stale);
  g_main_loop_run (stale.loop);
  g_thread_join (thread);

  g_print ("# staleness: %d writes, %" G_GUINT64_FORMAT " reads, %" G_GUINT64_FORMAT " hits, "
           "%" G_GUINT64_FORMAT " misses, %" G_GUINT64_FORMAT " invalidations, "
           "%d reads behind the last write, %d stale reads, max staleness %d\n",
           N_WRITES, stale.reads, gredis_client_get_cache_hits (stale.client),
           gredis_client_get_cache_misses (stale.client),
           gredis_client_get_cache_invalidations (stale.client),
           stale.behind_last, stale.stale, stale.max_staleness);
  g_assert_cmpint (stale.stale, ==, 0);
  g_assert_cmpuint (gredis_client_get_cache_hits (stale.client), >, 0);

  g_main_loop_unref (stale.loop);
  g_object_unref (stale.client);
  g_object_unref (stale.writer);
}

/* Runs a RESP3 subtest again with RESP2 clients. */
static void
in_resp2 (gconstpointer data)
{
  GTestFunc func = (GTestFunc) data;

  protocol = 2;
  func ();
  protocol = 3;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);

  g_test_add_func ("/cache/config", test_config);
  g_test_add_func ("/cache/hit-and-invalidate", test_hit_and_invalidate);
  g_test_add_func ("/cache/signal", test_signal);
  g_test_add_func ("/cache/flushall", test_flushall);
  g_test_add_func ("/cache/client-kill", test_client_kill);
  g_test_add_func ("/cache/eviction-entries", test_eviction_entries);
  g_test_add_func ("/cache/eviction-bytes", test_eviction_bytes);
  g_test_add_func ("/cache/ttl", test_ttl);
  g_test_add_func ("/cache/broadcast", test_broadcast);
  g_test_add_func ("/cache/optin", test_optin);
  g_test_add_func ("/cache/staleness", test_staleness);
  g_test_add_func ("/cache/resp2/redirect", test_resp2_redirect);
  g_test_add_data_func ("/cache/resp2/hit-and-invalidate", (gconstpointer) test_hit_and_invalidate,
                        in_resp2);
  g_test_add_data_func ("/cache/resp2/flushall", (gconstpointer) test_flushall, in_resp2);
  g_test_add_func ("/cache/resp2/kill-subscriber", test_resp2_kill_subscriber);
  g_test_add_data_func ("/cache/resp2/broadcast", (gconstpointer) test_broadcast, in_resp2);
  g_test_add_data_func ("/cache/resp2/optin", (gconstpointer) test_optin, in_resp2);
  g_test_add_data_func ("/cache/resp2/staleness", (gconstpointer) test_staleness, in_resp2);

  status = g_test_run ();

  gredis_test_server_stop (server);
  return status;
}
