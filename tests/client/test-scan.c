/* test-scan.c: GredisScanEnumerator on a real redis-server: SCAN, HSCAN,
 * SSCAN and ZSCAN walked to the end, blocking and async, under RESP2 and
 * RESP3 with the same assertions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

static GredisTestServer *server;

#define N_KEYS 1200
#define N_BIG 1000

/* A key with a NUL first, invalid UTF-8 and a NUL inside. */
static const char binary[] = "\0\xff\r\nb\0in";
#define BINARY_LEN (sizeof binary - 1)

static GredisClient *
make_client (guint protocol)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  gredis_config_set_protocol (config, protocol);
  return gredis_client_new (config);
}

static void
run (GredisClient       *client,
     const char * const *argv)
{
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = gredis_client_command (client, argv, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpint (gredis_reply_get_kind (reply), !=, GREDIS_REPLY_ERROR);
}

/* Sends @args (binary-safe) as one command. */
static void
run_bytes (GredisClient *client,
           GPtrArray    *args)
{
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = gredis_client_command_bytes (client, (GBytes * const *) args->pdata, args->len,
                                       NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (reply), !=, GREDIS_REPLY_ERROR);
}

static GBytes *
text (const char *format,
      ...) G_GNUC_PRINTF (1, 2);

static GBytes *
text (const char *format,
      ...)
{
  va_list args;
  char *string;

  va_start (args, format);
  string = g_strdup_vprintf (format, args);
  va_end (args);
  return g_bytes_new_take (string, strlen (string));
}

static GBytes *
binary_bytes (void)
{
  return g_bytes_new_static (binary, BINARY_LEN);
}

static GPtrArray *
args_new (const char *command)
{
  GPtrArray *args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

  g_ptr_array_add (args, text ("%s", command));
  return args;
}

/* The data set: N_KEYS strings `key:N`, a binary key, hashes, sets and
 * sorted sets big (hashtable, skiplist) and small (listpack, intset). */
static void
fill (GredisClient *client)
{
  g_autoptr(GPtrArray) mset = args_new ("MSET");
  g_autoptr(GPtrArray) hset = args_new ("HSET");
  g_autoptr(GPtrArray) sadd = args_new ("SADD");
  g_autoptr(GPtrArray) zadd = args_new ("ZADD");
  g_autoptr(GPtrArray) binary_set = args_new ("SET");
  g_autoptr(GPtrArray) binary_hash = args_new ("HSET");

  run (client, (const char *[]) { "FLUSHALL", NULL });

  for (guint i = 0; i < N_KEYS; i++)
    {
      g_ptr_array_add (mset, text ("key:%04u", i));
      g_ptr_array_add (mset, text ("value %u", i));
    }
  run_bytes (client, mset);

  g_ptr_array_add (hset, text ("big-hash"));
  g_ptr_array_add (sadd, text ("big-set"));
  g_ptr_array_add (zadd, text ("big-zset"));
  for (guint i = 0; i < N_BIG; i++)
    {
      g_ptr_array_add (hset, text ("field:%u", i));
      g_ptr_array_add (hset, text ("value:%u", i));
      g_ptr_array_add (sadd, text ("member:%u", i));
      g_ptr_array_add (zadd, text ("%u.5", i));
      g_ptr_array_add (zadd, text ("member:%u", i));
    }
  run_bytes (client, hset);
  run_bytes (client, sadd);
  run_bytes (client, zadd);

  run (client, (const char *[]) { "HSET", "small-hash", "a", "1", "b", "2", "c", "3", NULL });
  run (client, (const char *[]) { "SADD", "small-set", "x", "y", "z", NULL });
  run (client, (const char *[]) { "SADD", "int-set", "1", "2", "3", "4", NULL });
  run (client, (const char *[]) { "ZADD", "small-zset", "1", "one", "2.5", "two", "-3", "three", NULL });
  run (client, (const char *[]) { "ZADD", "one-zset", "7", "seven", NULL });

  /* A binary key holding a binary value, a hash with a binary key, field
   * and value. */
  g_ptr_array_add (binary_set, binary_bytes ());
  g_ptr_array_add (binary_set, binary_bytes ());
  run_bytes (client, binary_set);
  g_ptr_array_add (binary_hash, text ("bin-hash-%s", ""));
  g_ptr_array_add (binary_hash, binary_bytes ());
  g_ptr_array_add (binary_hash, binary_bytes ());
  run_bytes (client, binary_hash);
}

/* The keys of the data set, N_KEYS strings and the others. */
#define N_OTHER_KEYS 10

static GHashTable *
set_new (void)
{
  return g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref, NULL);
}

/* Fields to values. */
static GHashTable *
pairs_new (void)
{
  return g_hash_table_new_full (g_bytes_hash, g_bytes_equal, (GDestroyNotify) g_bytes_unref,
                                (GDestroyNotify) g_bytes_unref);
}

static gboolean
set_has (GHashTable *set,
         const char *string)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (string, strlen (string));

  return g_hash_table_contains (set, bytes);
}

/* Adds each element of @batch (by @step: the first of each pair) to @set,
 * and to @values with the second of its pair; checks the batch is not
 * empty. */
static void
add_batch (GHashTable *set,
           GPtrArray  *batch,
           guint       step,
           GHashTable *values)
{
  g_assert_cmpuint (batch->len, >, 0);
  g_assert_cmpuint (batch->len % step, ==, 0);
  for (guint i = 0; i < batch->len; i += step)
    {
      GBytes *element = g_ptr_array_index (batch, i);

      g_assert_nonnull (element);
      g_hash_table_add (set, g_bytes_ref (element));
      if (values != NULL)
        g_hash_table_insert (values, g_bytes_ref (element),
                             g_bytes_ref (g_ptr_array_index (batch, i + 1)));
    }
}

/* Walks @enumerator to the end with the blocking call. */
static GHashTable *
walk (GredisScanEnumerator *enumerator,
      GHashTable           *values)
{
  GHashTable *set = set_new ();
  guint step = gredis_scan_enumerator_get_kind (enumerator) == GREDIS_SCAN_KEYS ||
               gredis_scan_enumerator_get_kind (enumerator) == GREDIS_SCAN_SET ? 1 : 2;
  g_autoptr(GError) error = NULL;
  GPtrArray *batch;

  g_assert_false (gredis_scan_enumerator_is_finished (enumerator));
  while ((batch = gredis_scan_enumerator_next (enumerator, NULL, &error)) != NULL)
    {
      add_batch (set, batch, step, values);
      g_ptr_array_unref (batch);
    }
  g_assert_no_error (error);
  g_assert_true (gredis_scan_enumerator_is_finished (enumerator));

  /* Over, and it stays over. */
  batch = gredis_scan_enumerator_next (enumerator, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (batch);
  return set;
}

static void
assert_all_keys (GHashTable *keys,
                 guint       n_other)
{
  for (guint i = 0; i < N_KEYS; i++)
    {
      g_autofree char *key = g_strdup_printf ("key:%04u", i);

      g_assert_true (set_has (keys, key));
    }
  g_assert_cmpuint (g_hash_table_size (keys), ==, N_KEYS + n_other);
}

/* SCAN: every key at least once, with MATCH, COUNT and TYPE. */
static void
test_keys (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GredisScanEnumerator) all = NULL;
  g_autoptr(GredisScanEnumerator) matching = NULL;
  g_autoptr(GredisScanEnumerator) counted = NULL;
  g_autoptr(GredisScanEnumerator) hashes = NULL;
  g_autoptr(GredisScanEnumerator) none = NULL;
  g_autoptr(GHashTable) keys = NULL;
  g_autoptr(GHashTable) matched = NULL;
  g_autoptr(GHashTable) big_count = NULL;
  g_autoptr(GHashTable) hash_keys = NULL;
  g_autoptr(GBytes) binary_key = binary_bytes ();
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GError) error = NULL;

  fill (client);

  all = gredis_client_enumerate_keys (client, NULL, 0, NULL);
  g_assert_true (gredis_scan_enumerator_get_client (all) == client);
  g_assert_cmpint (gredis_scan_enumerator_get_kind (all), ==, GREDIS_SCAN_KEYS);
  g_assert_null (gredis_scan_enumerator_get_key (all));
  keys = walk (all, NULL);
  assert_all_keys (keys, N_OTHER_KEYS);
  g_assert_true (set_has (keys, "big-hash"));
  g_assert_true (set_has (keys, "one-zset"));
  g_assert_true (g_hash_table_contains (keys, binary_key));

  /* MATCH: only key:01.., all of them. */
  matching = gredis_client_enumerate_keys (client, "key:01*", 50, NULL);
  g_assert_cmpstr (gredis_scan_enumerator_get_pattern (matching), ==, "key:01*");
  g_assert_cmpuint (gredis_scan_enumerator_get_count (matching), ==, 50);
  matched = walk (matching, NULL);
  g_assert_cmpuint (g_hash_table_size (matched), ==, 100);
  for (guint i = 100; i < 200; i++)
    {
      g_autofree char *key = g_strdup_printf ("key:%04u", i);

      g_assert_true (set_has (matched, key));
    }

  /* COUNT larger than the database: the same keys. */
  counted = gredis_client_enumerate_keys (client, NULL, 100000, NULL);
  big_count = walk (counted, NULL);
  assert_all_keys (big_count, N_OTHER_KEYS);

  /* TYPE: the three hashes only. */
  hashes = gredis_client_enumerate_keys (client, NULL, 0, "hash");
  g_assert_cmpstr (gredis_scan_enumerator_get_key_type (hashes), ==, "hash");
  hash_keys = walk (hashes, NULL);
  g_assert_cmpuint (g_hash_table_size (hash_keys), ==, 3);
  g_assert_true (set_has (hash_keys, "big-hash"));
  g_assert_true (set_has (hash_keys, "small-hash"));
  g_assert_true (set_has (hash_keys, "bin-hash-"));

  /* A pattern nothing matches: steps with nothing are skipped, the walk
   * ends with no batch at all. */
  none = gredis_client_enumerate_keys (client, "nothing:*", 0, NULL);
  batch = gredis_scan_enumerator_next (none, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (batch);
  g_assert_true (gredis_scan_enumerator_is_finished (none));
}

/* HSCAN, SSCAN and ZSCAN on big and small collections. */
static void
test_collections (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;

  fill (client);

  {
    g_autoptr(GredisScanEnumerator) big = gredis_client_enumerate_hash (client, "big-hash", NULL, 0);
    g_autoptr(GredisScanEnumerator) small = gredis_client_enumerate_hash (client, "small-hash", NULL, 0);
    g_autoptr(GredisScanEnumerator) matching = gredis_client_enumerate_hash (client, "big-hash", "field:99*", 0);
    g_autoptr(GredisScanEnumerator) missing = gredis_client_enumerate_hash (client, "no-such-key", NULL, 0);
    g_autoptr(GHashTable) values = pairs_new ();
    g_autoptr(GHashTable) small_values = pairs_new ();
    g_autoptr(GHashTable) fields = NULL, small_fields = NULL, matched = NULL;
    g_autoptr(GPtrArray) batch = NULL;

    g_assert_cmpint (gredis_scan_enumerator_get_kind (big), ==, GREDIS_SCAN_HASH);
    g_assert_cmpmem (g_bytes_get_data (gredis_scan_enumerator_get_key (big), NULL),
                     g_bytes_get_size (gredis_scan_enumerator_get_key (big)), "big-hash", 8);
    fields = walk (big, values);
    g_assert_cmpuint (g_hash_table_size (fields), ==, N_BIG);
    for (guint i = 0; i < N_BIG; i++)
      {
        g_autoptr(GBytes) field = text ("field:%u", i);
        g_autoptr(GBytes) expected = text ("value:%u", i);

        g_assert_true (g_bytes_equal (g_hash_table_lookup (values, field), expected));
      }

    /* A listpack: in one batch. */
    batch = gredis_scan_enumerator_next (small, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (batch);
    g_assert_cmpuint (batch->len, ==, 6);
    small_fields = set_new ();
    add_batch (small_fields, batch, 2, small_values);
    g_clear_pointer (&batch, g_ptr_array_unref);
    g_assert_true (gredis_scan_enumerator_is_finished (small));
    g_assert_null (gredis_scan_enumerator_next (small, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (set_has (small_fields, "a") && set_has (small_fields, "b") &&
                   set_has (small_fields, "c"));
    {
      g_autoptr(GBytes) b = text ("b");
      g_autoptr(GBytes) two = text ("2");

      g_assert_true (g_bytes_equal (g_hash_table_lookup (small_values, b), two));
    }

    matched = walk (matching, NULL);
    g_assert_cmpuint (g_hash_table_size (matched), ==, 11);   /* 99, 990..999 */
    g_assert_true (set_has (matched, "field:99") && set_has (matched, "field:995"));

    /* A key that does not exist is empty. */
    batch = gredis_scan_enumerator_next (missing, NULL, &error);
    g_assert_no_error (error);
    g_assert_null (batch);
    g_assert_true (gredis_scan_enumerator_is_finished (missing));
  }

  {
    g_autoptr(GredisScanEnumerator) big = gredis_client_enumerate_set (client, "big-set", NULL, 100);
    g_autoptr(GredisScanEnumerator) small = gredis_client_enumerate_set (client, "small-set", NULL, 0);
    g_autoptr(GredisScanEnumerator) ints = gredis_client_enumerate_set (client, "int-set", NULL, 0);
    g_autoptr(GredisScanEnumerator) matching = gredis_client_enumerate_set (client, "big-set", "member:5?", 0);
    g_autoptr(GHashTable) members = NULL, small_members = NULL, int_members = NULL, matched = NULL;

    members = walk (big, NULL);
    g_assert_cmpuint (g_hash_table_size (members), ==, N_BIG);
    for (guint i = 0; i < N_BIG; i++)
      {
        g_autoptr(GBytes) member = text ("member:%u", i);

        g_assert_true (g_hash_table_contains (members, member));
      }
    small_members = walk (small, NULL);
    g_assert_cmpuint (g_hash_table_size (small_members), ==, 3);
    g_assert_true (set_has (small_members, "x") && set_has (small_members, "z"));
    int_members = walk (ints, NULL);
    g_assert_cmpuint (g_hash_table_size (int_members), ==, 4);
    g_assert_true (set_has (int_members, "1") && set_has (int_members, "4"));
    matched = walk (matching, NULL);
    g_assert_cmpuint (g_hash_table_size (matched), ==, 10);
  }

  {
    g_autoptr(GredisScanEnumerator) big = gredis_client_enumerate_sorted_set (client, "big-zset", NULL, 0);
    g_autoptr(GredisScanEnumerator) small = gredis_client_enumerate_sorted_set (client, "small-zset", NULL, 0);
    g_autoptr(GredisScanEnumerator) one = gredis_client_enumerate_sorted_set (client, "one-zset", NULL, 0);
    g_autoptr(GredisScanEnumerator) as_text = gredis_client_enumerate_sorted_set (client, "small-zset", "t*", 0);
    g_autoptr(GHashTable) scores = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
    g_autoptr(GHashTable) text_scores = pairs_new ();
    g_autoptr(GHashTable) text_members = NULL;
    GPtrArray *batch;

    while ((batch = gredis_scan_enumerator_next_scored (big, NULL, &error)) != NULL)
      {
        g_assert_cmpuint (batch->len, >, 0);
        for (guint i = 0; i < batch->len; i++)
          {
            GredisScoredMember *member = g_ptr_array_index (batch, i);

            g_hash_table_replace (scores, g_strdup (gredis_scored_member_get_member (member)),
                                  g_memdup2 (&(double) { gredis_scored_member_get_score (member) },
                                             sizeof (double)));
          }
        g_ptr_array_unref (batch);
      }
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (scores), ==, N_BIG);
    for (guint i = 0; i < N_BIG; i++)
      {
        g_autofree char *member = g_strdup_printf ("member:%u", i);
        double *score = g_hash_table_lookup (scores, member);

        g_assert_nonnull (score);
        g_assert_cmpfloat (*score, ==, i + 0.5);
      }

    /* A listpack: in one batch, scores exact. */
    batch = gredis_scan_enumerator_next_scored (small, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (batch);
    g_assert_cmpuint (batch->len, ==, 3);
    for (guint i = 0; i < batch->len; i++)
      {
        GredisScoredMember *member = g_ptr_array_index (batch, i);
        const char *name = gredis_scored_member_get_member (member);
        double score = gredis_scored_member_get_score (member);

        if (g_str_equal (name, "one"))
          g_assert_cmpfloat (score, ==, 1);
        else if (g_str_equal (name, "two"))
          g_assert_cmpfloat (score, ==, 2.5);
        else
          {
            g_assert_cmpstr (name, ==, "three");
            g_assert_cmpfloat (score, ==, -3);
          }
      }
    g_ptr_array_unref (batch);
    g_assert_null (gredis_scan_enumerator_next_scored (small, NULL, &error));
    g_assert_no_error (error);

    /* One pair: still a list of one. */
    batch = gredis_scan_enumerator_next_scored (one, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (batch);
    g_assert_cmpuint (batch->len, ==, 1);
    g_assert_cmpstr (gredis_scored_member_get_member (g_ptr_array_index (batch, 0)), ==, "seven");
    g_assert_cmpfloat (gredis_scored_member_get_score (g_ptr_array_index (batch, 0)), ==, 7);
    g_ptr_array_unref (batch);

    /* The untyped form: members and scores as text, alternating. */
    text_members = walk (as_text, text_scores);
    g_assert_cmpuint (g_hash_table_size (text_members), ==, 2);
    {
      g_autoptr(GBytes) two = text ("two");
      g_autoptr(GBytes) score = text ("2.5");

      g_assert_true (g_bytes_equal (g_hash_table_lookup (text_scores, two), score));
    }
  }
}

/* Binary keys, fields and values. */
static void
test_binary (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GBytes) binary_key = binary_bytes ();
  g_autoptr(GBytes) hash_key = text ("bin-hash-");
  g_autoptr(GredisScanEnumerator) keys = NULL;
  g_autoptr(GredisScanEnumerator) hash = NULL;
  g_autoptr(GredisScanEnumerator) set = NULL;
  g_autoptr(GHashTable) found = NULL;
  g_autoptr(GHashTable) members = NULL;
  g_autoptr(GPtrArray) batch = NULL;
  g_autoptr(GPtrArray) sadd = args_new ("SADD");
  g_autoptr(GError) error = NULL;

  fill (client);

  keys = gredis_client_enumerate_keys (client, NULL, 0, "string");
  found = walk (keys, NULL);
  g_assert_true (g_hash_table_contains (found, binary_key));
  assert_all_keys (found, 1);

  hash = gredis_scan_enumerator_new (client, GREDIS_SCAN_HASH, hash_key, NULL, 0, NULL);
  batch = gredis_scan_enumerator_next (hash, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (batch);
  g_assert_cmpuint (batch->len, ==, 2);
  g_assert_true (g_bytes_equal (g_ptr_array_index (batch, 0), binary_key));
  g_assert_true (g_bytes_equal (g_ptr_array_index (batch, 1), binary_key));

  /* A set with a binary member. */
  g_ptr_array_add (sadd, text ("bin-set"));
  g_ptr_array_add (sadd, binary_bytes ());
  g_ptr_array_add (sadd, text ("plain"));
  run_bytes (client, sadd);

  set = gredis_client_enumerate_set (client, "bin-set", NULL, 0);
  members = walk (set, NULL);
  g_assert_cmpuint (g_hash_table_size (members), ==, 2);
  g_assert_true (g_hash_table_contains (members, binary_key));
  g_assert_true (set_has (members, "plain"));
}

/* The async form gives what the blocking one gives. */
typedef struct
{
  GMainLoop *loop;
  GHashTable *set;
  GError *error;
  guint n_batches;
} AsyncWalk;

static void
on_next (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GredisScanEnumerator *enumerator = GREDIS_SCAN_ENUMERATOR (source);
  AsyncWalk *walk_data = user_data;
  g_autoptr(GPtrArray) batch = NULL;

  g_assert_false (gredis_scan_enumerator_has_pending (enumerator));
  batch = gredis_scan_enumerator_next_finish (enumerator, result, &walk_data->error);
  if (batch == NULL)
    {
      g_main_loop_quit (walk_data->loop);
      return;
    }
  walk_data->n_batches++;
  add_batch (walk_data->set, batch, 1, NULL);
  gredis_scan_enumerator_next_async (enumerator, NULL, on_next, walk_data);
  g_assert_true (gredis_scan_enumerator_has_pending (enumerator) ||
                 gredis_scan_enumerator_is_finished (enumerator));
}

static void
on_pending (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GError **error = user_data;
  g_autoptr(GPtrArray) batch = NULL;

  batch = gredis_scan_enumerator_next_finish (GREDIS_SCAN_ENUMERATOR (source), result, error);
  g_assert_null (batch);
}

static void
test_async (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GredisScanEnumerator) enumerator = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GHashTable) set = set_new ();
  g_autoptr(GError) pending_error = NULL;
  AsyncWalk walk_data = { loop, set, NULL, 0 };

  fill (client);

  enumerator = gredis_client_enumerate_keys (client, "key:*", 100, NULL);
  gredis_scan_enumerator_next_async (enumerator, NULL, on_next, &walk_data);

  /* One call at a time. */
  gredis_scan_enumerator_next_async (enumerator, NULL, on_pending, &pending_error);

  g_main_loop_run (loop);
  g_assert_no_error (walk_data.error);
  g_assert_error (pending_error, G_IO_ERROR, G_IO_ERROR_PENDING);
  g_assert_true (gredis_scan_enumerator_is_finished (enumerator));
  g_assert_cmpuint (walk_data.n_batches, >, 1);
  assert_all_keys (set, 0);
}

/* A cancelled call fails and leaves the enumerator where it was. */
static void
test_cancel (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GredisScanEnumerator) enumerator = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GHashTable) set = set_new ();
  g_autoptr(GError) error = NULL;
  GPtrArray *batch;
  guint n = 0;

  fill (client);
  enumerator = gredis_client_enumerate_keys (client, "key:*", 0, NULL);

  while (TRUE)
    {
      /* Every third call is cancelled before it starts (a finished
       * enumerator gives NULL whatever the cancellable says). */
      if (++n % 3 == 0 && !gredis_scan_enumerator_is_finished (enumerator))
        {
          g_cancellable_cancel (cancellable);
          batch = gredis_scan_enumerator_next (enumerator, cancellable, &error);
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
          g_assert_null (batch);
          g_assert_false (gredis_scan_enumerator_has_pending (enumerator));
          g_clear_error (&error);
          g_cancellable_reset (cancellable);
          continue;
        }
      batch = gredis_scan_enumerator_next (enumerator, cancellable, &error);
      g_assert_no_error (error);
      if (batch == NULL)
        break;
      add_batch (set, batch, 1, NULL);
      g_ptr_array_unref (batch);
    }
  g_assert_cmpuint (n, >, 3);
  assert_all_keys (set, 0);
}

static void
on_cancelled (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  AsyncWalk *walk_data = user_data;
  g_autoptr(GPtrArray) batch = NULL;

  batch = gredis_scan_enumerator_next_finish (GREDIS_SCAN_ENUMERATOR (source), result,
                                              &walk_data->error);
  g_assert_null (batch);
  g_main_loop_quit (walk_data->loop);
}

/* Cancelled while the step is on its way: an error, and the walk goes on
 * from where it was. */
static void
test_cancel_async (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GredisScanEnumerator) enumerator = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GHashTable) set = set_new ();
  AsyncWalk walk_data = { loop, set, NULL, 0 };

  fill (client);
  enumerator = gredis_client_enumerate_keys (client, "key:*", 0, NULL);

  gredis_scan_enumerator_next_async (enumerator, cancellable, on_cancelled, &walk_data);
  g_assert_true (gredis_scan_enumerator_has_pending (enumerator));
  g_cancellable_cancel (cancellable);
  g_main_loop_run (loop);
  g_assert_error (walk_data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&walk_data.error);
  g_assert_false (gredis_scan_enumerator_has_pending (enumerator));
  g_assert_false (gredis_scan_enumerator_is_finished (enumerator));

  gredis_scan_enumerator_next_async (enumerator, NULL, on_next, &walk_data);
  g_main_loop_run (loop);
  g_assert_no_error (walk_data.error);
  assert_all_keys (set, 0);
}

/* A key of another type: a GError, the enumerator unchanged. */
static void
test_errors (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  GredisScanEnumerator *enumerators[4];

  fill (client);
  enumerators[0] = gredis_client_enumerate_hash (client, "key:0001", NULL, 0);
  enumerators[1] = gredis_client_enumerate_set (client, "big-hash", NULL, 0);
  enumerators[2] = gredis_client_enumerate_sorted_set (client, "big-set", NULL, 0);
  enumerators[3] = gredis_client_enumerate_keys (client, NULL, 0, NULL);

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GPtrArray) batch = NULL;

      batch = gredis_scan_enumerator_next (enumerators[i], NULL, &error);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
      g_assert_null (batch);
      g_assert_false (gredis_scan_enumerator_is_finished (enumerators[i]));
      g_clear_error (&error);
    }
  g_assert_null (gredis_scan_enumerator_next_scored (enumerators[2], NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
  g_clear_error (&error);

  /* A closed client: an error, not a crash. */
  gredis_client_close (client);
  g_assert_null (gredis_scan_enumerator_next (enumerators[3], NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (enumerators); i++)
    g_object_unref (enumerators[i]);
}

/* RESP2 and RESP3 walks of the same data give the same elements. */
static void
collect_sorted (GredisClient  *client,
                GredisScanKind kind,
                const char    *key,
                GPtrArray    **out)
{
  g_autoptr(GBytes) key_bytes = key != NULL ? text ("%s", key) : NULL;
  g_autoptr(GredisScanEnumerator) enumerator =
    gredis_scan_enumerator_new (client, kind, key_bytes, NULL, 0, NULL);
  g_autoptr(GHashTable) values = pairs_new ();
  guint step = kind == GREDIS_SCAN_KEYS || kind == GREDIS_SCAN_SET ? 1 : 2;
  g_autoptr(GHashTable) set = NULL;
  g_autoptr(GError) error = NULL;
  GPtrArray *batch;

  set = set_new ();
  while ((batch = gredis_scan_enumerator_next (enumerator, NULL, &error)) != NULL)
    {
      add_batch (set, batch, step, step == 2 ? values : NULL);
      g_ptr_array_unref (batch);
    }
  g_assert_no_error (error);

  *out = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  {
    GHashTableIter iter;
    gpointer element;

    g_hash_table_iter_init (&iter, set);
    while (g_hash_table_iter_next (&iter, &element, NULL))
      {
        g_ptr_array_add (*out, g_bytes_ref (element));
        if (step == 2)
          g_ptr_array_add (*out, g_bytes_ref (g_hash_table_lookup (values, element)));
      }
  }
}

static gint
compare_pair (gconstpointer a,
              gconstpointer b)
{
  return g_bytes_compare (*(GBytes **) a, *(GBytes **) b);
}

static void
sort_pairs (GPtrArray *array,
            guint      step)
{
  /* Sort pairs by their first element, as blocks of @step. */
  g_autoptr(GArray) blocks = g_array_sized_new (FALSE, FALSE, sizeof (GBytes *) * 2, array->len / step);

  for (guint i = 0; i < array->len; i += step)
    {
      GBytes *block[2] = { g_ptr_array_index (array, i),
                           step == 2 ? g_ptr_array_index (array, i + 1) : NULL };

      g_array_append_vals (blocks, block, 1);
    }
  g_array_sort (blocks, compare_pair);
  for (guint i = 0; i < blocks->len; i++)
    {
      GBytes **block = &g_array_index (blocks, GBytes *, i * 2);

      array->pdata[i * step] = block[0];
      if (step == 2)
        array->pdata[i * step + 1] = block[1];
    }
}

static void
test_protocols (void)
{
  g_autoptr(GredisClient) resp2 = make_client (2);
  g_autoptr(GredisClient) resp3 = make_client (3);
  struct { GredisScanKind kind; const char *key; guint step; } walks[] = {
    { GREDIS_SCAN_KEYS, NULL, 1 },
    { GREDIS_SCAN_HASH, "big-hash", 2 },
    { GREDIS_SCAN_HASH, "small-hash", 2 },
    { GREDIS_SCAN_SET, "big-set", 1 },
    { GREDIS_SCAN_SET, "int-set", 1 },
    { GREDIS_SCAN_SORTED_SET, "big-zset", 2 },
    { GREDIS_SCAN_SORTED_SET, "small-zset", 2 },
  };

  fill (resp2);
  for (guint i = 0; i < G_N_ELEMENTS (walks); i++)
    {
      g_autoptr(GPtrArray) a = NULL;
      g_autoptr(GPtrArray) b = NULL;

      collect_sorted (resp2, walks[i].kind, walks[i].key, &a);
      collect_sorted (resp3, walks[i].kind, walks[i].key, &b);
      sort_pairs (a, walks[i].step);
      sort_pairs (b, walks[i].step);
      g_assert_cmpuint (a->len, >, 0);
      g_assert_cmpuint (a->len, ==, b->len);
      for (guint j = 0; j < a->len; j++)
        g_assert_true (g_bytes_equal (g_ptr_array_index (a, j), g_ptr_array_index (b, j)));
    }
}

/* Replies no server sends: errors, never a crash. A fake server plays the
 * handshake of a RESP2 connection, then the reply. */
#define GREDIS_VERSION_LENGTH 5
G_STATIC_ASSERT (sizeof (GREDIS_VERSION_S) - 1 == GREDIS_VERSION_LENGTH);

static void
test_hostile (void)
{
  struct { GredisScanKind kind; const char *reply; } cases[] = {
    { GREDIS_SCAN_KEYS, ":5\r\n" },
    { GREDIS_SCAN_KEYS, "*1\r\n$1\r\n0\r\n" },
    { GREDIS_SCAN_KEYS, "*2\r\n$3\r\nabc\r\n*0\r\n" },
    { GREDIS_SCAN_KEYS, "*2\r\n$1\r\n0\r\n$1\r\nk\r\n" },
    { GREDIS_SCAN_KEYS, "*2\r\n$1\r\n0\r\n*1\r\n$-1\r\n" },
    { GREDIS_SCAN_SET, "*2\r\n$1\r\n0\r\n*1\r\n:5\r\n" },
    { GREDIS_SCAN_HASH, "*2\r\n$1\r\n0\r\n*1\r\n$1\r\na\r\n" },
    { GREDIS_SCAN_SORTED_SET, "*2\r\n$1\r\n0\r\n*2\r\n$1\r\na\r\n$3\r\nabc\r\n" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
      g_autoptr(GredisConfig) config = gredis_config_new ();
      g_autoptr(GredisClient) client = NULL;
      g_autoptr(GredisScanEnumerator) enumerator = NULL;
      g_autoptr(GBytes) key = text ("k");
      g_autoptr(GPtrArray) batch = NULL;

      g_test_message ("%s", cases[i].reply);
      g_assert_no_error (error);
      gredis_fake_server_add_expect (fs, "LIB-VER\r\n$" G_STRINGIFY (GREDIS_VERSION_LENGTH) "\r\n"
                                         GREDIS_VERSION_S "\r\n");
      gredis_fake_server_add_send (fs, "-ERR unknown subcommand 'SETINFO'\r\n"
                                       "-ERR unknown subcommand 'SETINFO'\r\n", -1);
      gredis_fake_server_add_expect (fs, "\r\n$1\r\n0\r\n");
      gredis_fake_server_add_send (fs, cases[i].reply, -1);
      gredis_fake_server_add_stall (fs, 0);

      gredis_config_set_host (config, "127.0.0.1");
      gredis_config_set_port (config, gredis_fake_server_get_port (fs));
      gredis_config_set_protocol (config, 2);
      gredis_config_set_command_timeout_ms (config, 5000);
      gredis_config_set_retries (config, 0);
      client = gredis_client_new (config);
      enumerator = gredis_scan_enumerator_new (client, cases[i].kind,
                                               cases[i].kind == GREDIS_SCAN_KEYS ? NULL : key,
                                               NULL, 0, NULL);
      if (cases[i].kind == GREDIS_SCAN_SORTED_SET && i % 2 == 1)
        batch = gredis_scan_enumerator_next_scored (enumerator, NULL, &error);
      else
        batch = gredis_scan_enumerator_next (enumerator, NULL, &error);
      g_assert_null (batch);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
      g_assert_false (gredis_scan_enumerator_is_finished (enumerator));
      gredis_client_close (client);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;
  struct { const char *name; GTestDataFunc func; } tests[] = {
    { "keys", test_keys },
    { "collections", test_collections },
    { "binary", test_binary },
    { "async", test_async },
    { "cancel", test_cancel },
    { "cancel-async", test_cancel_async },
    { "errors", test_errors },
  };

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);

  for (guint protocol = 2; protocol <= 3; protocol++)
    for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
      {
        g_autofree char *path = g_strdup_printf ("/scan/resp%u/%s", protocol, tests[i].name);

        g_test_add_data_func (path, GUINT_TO_POINTER (protocol), tests[i].func);
      }
  g_test_add_func ("/scan/resp2-resp3-identical", test_protocols);
  g_test_add_func ("/scan/hostile-replies", test_hostile);

  status = g_test_run ();

  gredis_test_server_stop (server);
  return status;
}
