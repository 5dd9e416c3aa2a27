/* test-cluster-typed.c: typed helpers on a cluster client, with keys in
 * slots of every primary, and the check that every generated helper is
 * tried on a cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The helpers are called in their blocking form (which runs the async
 * one), plain and _bytes; a few in the async form too, issued together.
 * Every helper build-aux/gredis-commands.decl declares (and its _bytes
 * form) is called on a cluster by tests/client/test-commands.c, built
 * again as the `cluster-commands` test, or by this file: one called by
 * neither fails this test, so that a new one is routed and checked on a
 * cluster too.
 */
#include <gredis/gredis.h>
#include <string.h>

#include "cluster-test-util.h"

static GredisTestCluster *cluster;
static GredisClient *client;
static GPtrArray *written;      /* keys that must exist on their owner */

static const char *
key_for (const char *name)
{
  char *key = g_strdup_printf ("typed:%s", name);

  g_ptr_array_add (written, key);
  return key;
}

static GBytes *
bytes (const char *data,
       gsize       length)
{
  return g_bytes_new (data, length);
}

static void
assert_bytes (GBytes     *got,
              const char *data,
              gsize       length)
{
  g_assert_nonnull (got);
  g_assert_cmpmem (g_bytes_get_data (got, NULL), g_bytes_get_size (got), data, length);
}

#define BIN "\0\xff\r\n"
#define BIN_LEN 4
#define BIN2 "\x01\0two"
#define BIN2_LEN 5

static void
test_strings (void)
{
  g_autoptr(GError) error = NULL;
  const char *k = key_for ("set");
  const char *kb = key_for ("set_bytes");
  g_autofree char *value = NULL;
  g_autoptr(GBytes) bin = bytes (BIN, BIN_LEN);
  g_autoptr(GBytes) bin2 = bytes (BIN2, BIN2_LEN);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GPtrArray) values = NULL;

  g_assert_true (gredis_client_set (client, k, "v", 0, GREDIS_SET_NONE, NULL, &error));
  g_assert_no_error (error);
  value = gredis_client_get (client, k, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "v");
  g_clear_pointer (&value, g_free);
  value = gredis_client_type (client, k, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "string");
  g_clear_pointer (&value, g_free);

  g_assert_true (gredis_client_set_bytes (client, kb, bin, 0, GREDIS_SET_NONE, NULL, &error));
  g_assert_no_error (error);
  got = gredis_client_get_bytes (client, kb, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (got, BIN, BIN_LEN);
  g_clear_pointer (&got, g_bytes_unref);

  /* Multi-key helpers: keys of one hash tag, so one slot. */
  {
    const char *kv[] = { "typed:{m}a", "1", "typed:{m}b", "2", NULL };
    const char *keys[] = { "typed:{m}a", "typed:{m}b", "typed:{m}none", NULL };

    g_ptr_array_add (written, g_strdup ("typed:{m}a"));
    g_assert_true (gredis_client_mset (client, kv, NULL, &error));
    g_assert_no_error (error);
    values = gredis_client_mget (client, keys, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (values->len, ==, 3);
    g_assert_cmpstr (values->pdata[0], ==, "1");
    g_assert_cmpstr (values->pdata[1], ==, "2");
    g_assert_null (values->pdata[2]);
    g_clear_pointer (&values, g_ptr_array_unref);
  }
  {
    const char *keys[] = { "typed:{mb}a", "typed:{mb}b", NULL };
    const char *get_keys[] = { "typed:{mb}a", "typed:{mb}b", "typed:{mb}none", NULL };
    GBytes *vals[] = { bin, bin2 };

    g_ptr_array_add (written, g_strdup ("typed:{mb}a"));
    g_assert_true (gredis_client_mset_bytes (client, keys, vals, 2, NULL, &error));
    g_assert_no_error (error);
    values = gredis_client_mget_bytes (client, get_keys, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (values->len, ==, 3);
    assert_bytes (values->pdata[0], BIN, BIN_LEN);
    assert_bytes (values->pdata[1], BIN2, BIN2_LEN);
    g_assert_null (values->pdata[2]);
    g_clear_pointer (&values, g_ptr_array_unref);
  }
  /* Across slots: refused before anything is sent. */
  {
    const char *keys[] = { "typed:set", "typed:set_bytes", NULL };

    values = gredis_client_mget (client, keys, NULL, &error);
    g_assert_null (values);
    g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
    g_clear_error (&error);
  }

  {
    const char *ka = key_for ("append");
    const char *kab = key_for ("append_bytes");

    g_assert_cmpint (gredis_client_append (client, ka, "ab", NULL, &error), ==, 2);
    g_assert_cmpint (gredis_client_append (client, ka, "c", NULL, &error), ==, 3);
    g_assert_cmpint (gredis_client_strlen (client, ka, NULL, &error), ==, 3);
    g_assert_cmpint (gredis_client_append_bytes (client, kab, bin, NULL, &error), ==, BIN_LEN);
    g_assert_no_error (error);
  }

  {
    const char *kc = key_for ("incr");
    const char *kf = key_for ("incrbyfloat");

    g_assert_cmpint (gredis_client_incr (client, kc, NULL, &error), ==, 1);
    g_assert_cmpint (gredis_client_incrby (client, kc, 5, NULL, &error), ==, 6);
    g_assert_cmpint (gredis_client_decr (client, kc, NULL, &error), ==, 5);
    g_assert_cmpint (gredis_client_decrby (client, kc, 2, NULL, &error), ==, 3);
    g_assert_cmpfloat (gredis_client_incrbyfloat (client, kf, 1.5, NULL, &error), ==, 1.5);
    g_assert_no_error (error);
  }
}

static void
test_keys (void)
{
  g_autoptr(GError) error = NULL;
  const char *k = key_for ("expire");

  {
    const char *kv[] = { "typed:{d}a", "1", "typed:{d}b", "2", "typed:{d}c", "3", NULL };
    const char *del_keys[] = { "typed:{d}a", "typed:{d}b", "typed:{d}none", NULL };
    const char *exists_keys[] = { "typed:{d}a", "typed:{d}c", NULL };

    g_ptr_array_add (written, g_strdup ("typed:{d}c"));
    g_assert_true (gredis_client_mset (client, kv, NULL, &error));
    g_assert_cmpint (gredis_client_del (client, del_keys, NULL, &error), ==, 2);
    g_assert_cmpint (gredis_client_exists (client, exists_keys, NULL, &error), ==, 1);
    g_assert_no_error (error);
  }

  g_assert_true (gredis_client_set (client, k, "v", 0, GREDIS_SET_NONE, NULL, &error));
  g_assert_true (gredis_client_expire (client, k, 1000, GREDIS_EXPIRE_NONE, NULL, &error));
  {
    gint64 ttl = gredis_client_ttl (client, k, NULL, &error);

    g_assert_cmpint (ttl, >, 0);
    g_assert_cmpint (ttl, <=, 1000);
  }
  g_assert_true (gredis_client_pexpire (client, k, 2000000, GREDIS_EXPIRE_GT, NULL, &error));
  g_assert_cmpint (gredis_client_pttl (client, k, NULL, &error), >, 1000000);
  g_assert_true (gredis_client_persist (client, k, NULL, &error));
  g_assert_cmpint (gredis_client_ttl (client, k, NULL, &error), ==, -1);
  g_assert_no_error (error);
}

static void
test_hashes (void)
{
  g_autoptr(GError) error = NULL;
  const char *k = key_for ("hset");
  const char *kb = key_for ("hset_bytes");
  const char *fv[] = { "f1", "v1", "f2", "v2", NULL };
  const char *del[] = { "f1", NULL };
  g_autofree char *value = NULL;
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GBytes) bin = bytes (BIN, BIN_LEN);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GPtrArray) all_bytes = NULL;

  g_assert_cmpint (gredis_client_hset (client, k, fv, NULL, &error), ==, 2);
  value = gredis_client_hget (client, k, "f1", NULL, &error);
  g_assert_cmpstr (value, ==, "v1");
  all = gredis_client_hgetall (client, k, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (all, "f2"), ==, "v2");
  g_assert_cmpint (gredis_client_hdel (client, k, del, NULL, &error), ==, 1);
  g_assert_cmpint (gredis_client_hincrby (client, k, "n", 3, NULL, &error), ==, 3);
  g_assert_true (gredis_client_hexists (client, k, "n", NULL, &error));
  g_assert_cmpint (gredis_client_hlen (client, k, NULL, &error), ==, 2);
  g_assert_no_error (error);

  {
    const char *fields[] = { "a", NULL };
    GBytes *vals[] = { bin };

    g_assert_cmpint (gredis_client_hset_bytes (client, kb, fields, vals, 1, NULL, &error), ==, 1);
    got = gredis_client_hget_bytes (client, kb, "a", NULL, &error);
    assert_bytes (got, BIN, BIN_LEN);
    all_bytes = gredis_client_hgetall_bytes (client, kb, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (all_bytes->len, ==, 2);
    assert_bytes (all_bytes->pdata[0], "a", 1);
    assert_bytes (all_bytes->pdata[1], BIN, BIN_LEN);
  }
}

static void
test_lists (void)
{
  g_autoptr(GError) error = NULL;
  const char *k = key_for ("lpush");
  const char *kb = key_for ("lpush_bytes");
  const char *left[] = { "a", "b", NULL };
  const char *right[] = { "c", "d", NULL };
  g_auto(GStrv) range = NULL;
  g_autofree char *value = NULL;
  g_autoptr(GBytes) bin = bytes (BIN, BIN_LEN);
  g_autoptr(GBytes) bin2 = bytes (BIN2, BIN2_LEN);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GPtrArray) range_bytes = NULL;

  g_assert_cmpint (gredis_client_lpush (client, k, left, NULL, &error), ==, 2);
  g_assert_cmpint (gredis_client_rpush (client, k, right, NULL, &error), ==, 4);
  range = gredis_client_lrange (client, k, 0, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (range, ((const char *[]) { "b", "a", "c", "d", NULL }));
  g_assert_cmpint (gredis_client_llen (client, k, NULL, &error), ==, 4);
  value = gredis_client_lpop (client, k, NULL, &error);
  g_assert_cmpstr (value, ==, "b");
  g_clear_pointer (&value, g_free);
  value = gredis_client_rpop (client, k, NULL, &error);
  g_assert_cmpstr (value, ==, "d");
  g_assert_no_error (error);

  {
    GBytes *l[] = { bin }, *r[] = { bin2, bin };

    g_assert_cmpint (gredis_client_lpush_bytes (client, kb, l, 1, NULL, &error), ==, 1);
    g_assert_cmpint (gredis_client_rpush_bytes (client, kb, r, 2, NULL, &error), ==, 3);
    range_bytes = gredis_client_lrange_bytes (client, kb, 0, -1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (range_bytes->len, ==, 3);
    assert_bytes (range_bytes->pdata[1], BIN2, BIN2_LEN);
    got = gredis_client_lpop_bytes (client, kb, NULL, &error);
    assert_bytes (got, BIN, BIN_LEN);
    g_clear_pointer (&got, g_bytes_unref);
    got = gredis_client_rpop_bytes (client, kb, NULL, &error);
    assert_bytes (got, BIN, BIN_LEN);
    g_assert_no_error (error);
  }
}

static void
test_sets (void)
{
  g_autoptr(GError) error = NULL;
  const char *k = key_for ("sadd");
  const char *kb = key_for ("sadd_bytes");
  const char *members[] = { "a", "b", NULL };
  const char *gone[] = { "a", NULL };
  g_auto(GStrv) all = NULL;
  g_autoptr(GBytes) bin = bytes (BIN, BIN_LEN);
  g_autoptr(GBytes) bin2 = bytes (BIN2, BIN2_LEN);
  g_autoptr(GPtrArray) all_bytes = NULL;

  g_assert_cmpint (gredis_client_sadd (client, k, members, NULL, &error), ==, 2);
  g_assert_cmpint (gredis_client_srem (client, k, gone, NULL, &error), ==, 1);
  all = gredis_client_smembers (client, k, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (all, ((const char *[]) { "b", NULL }));
  g_assert_true (gredis_client_sismember (client, k, "b", NULL, &error));
  g_assert_false (gredis_client_sismember (client, k, "a", NULL, &error));
  g_assert_cmpint (gredis_client_scard (client, k, NULL, &error), ==, 1);
  g_assert_no_error (error);

  {
    GBytes *add[] = { bin, bin2 }, *rem[] = { bin };

    g_assert_cmpint (gredis_client_sadd_bytes (client, kb, add, 2, NULL, &error), ==, 2);
    g_assert_cmpint (gredis_client_srem_bytes (client, kb, rem, 1, NULL, &error), ==, 1);
    all_bytes = gredis_client_smembers_bytes (client, kb, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (all_bytes->len, ==, 1);
    assert_bytes (all_bytes->pdata[0], BIN2, BIN2_LEN);
    g_assert_true (gredis_client_sismember_bytes (client, kb, bin2, NULL, &error));
    g_assert_no_error (error);
  }
}

static void
test_sorted_sets (void)
{
  g_autoptr(GError) error = NULL;
  const char *k = key_for ("zadd");
  const char *kb = key_for ("zadd_bytes");
  const char *gone[] = { "b", NULL };
  g_auto(GStrv) range = NULL;
  double score = 0;
  g_autoptr(GBytes) bin = bytes (BIN, BIN_LEN);
  g_autoptr(GBytes) bin2 = bytes (BIN2, BIN2_LEN);
  g_autoptr(GPtrArray) range_bytes = NULL;

  g_assert_cmpint (gredis_client_zadd (client, k, 1, "a", GREDIS_ZADD_NONE, NULL, &error), ==, 1);
  g_assert_cmpint (gredis_client_zadd (client, k, 2, "b", GREDIS_ZADD_NONE, NULL, &error), ==, 1);
  g_assert_true (gredis_client_zscore (client, k, "a", &score, NULL, &error));
  g_assert_cmpfloat (score, ==, 1);
  g_assert_cmpfloat (gredis_client_zincrby (client, k, 2, "a", NULL, &error), ==, 3);
  range = gredis_client_zrange (client, k, "0", "-1", GREDIS_ZRANGE_NONE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (range, ((const char *[]) { "b", "a", NULL }));
  g_assert_cmpint (gredis_client_zrem (client, k, gone, NULL, &error), ==, 1);
  g_assert_cmpint (gredis_client_zcard (client, k, NULL, &error), ==, 1);
  g_assert_no_error (error);

  {
    GBytes *rem[] = { bin2 };

    g_assert_cmpint (gredis_client_zadd_bytes (client, kb, 1, bin, GREDIS_ZADD_NONE, NULL, &error), ==, 1);
    g_assert_cmpint (gredis_client_zadd_bytes (client, kb, 5, bin2, GREDIS_ZADD_NONE, NULL, &error), ==, 1);
    g_assert_true (gredis_client_zscore_bytes (client, kb, bin, &score, NULL, &error));
    g_assert_cmpfloat (score, ==, 1);
    g_assert_cmpfloat (gredis_client_zincrby_bytes (client, kb, 1, bin, NULL, &error), ==, 2);
    range_bytes = gredis_client_zrange_bytes (client, kb, "0", "-1", GREDIS_ZRANGE_NONE, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (range_bytes->len, ==, 2);
    assert_bytes (range_bytes->pdata[0], BIN, BIN_LEN);
    g_assert_cmpint (gredis_client_zrem_bytes (client, kb, rem, 1, NULL, &error), ==, 1);
    g_assert_no_error (error);
  }
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* The async forms, issued together over keys of every slot range: each
 * result to its own caller. */
static void
test_async (void)
{
  enum { N = 48 };
  GAsyncResult *results[N] = { NULL };
  g_autoptr(GError) error = NULL;

  for (guint i = 0; i < N; i++)
    {
      g_autofree char *key = g_strdup_printf ("typed:async:%u", i);

      gredis_client_incrby_async (client, key, i + 1, NULL, on_result, &results[i]);
    }
  for (guint i = 0; i < N; i++)
    {
      g_assert_cmpint (gredis_client_incrby_finish (client, wait_result (&results[i]), &error), ==, i + 1);
      g_assert_no_error (error);
      g_clear_object (&results[i]);
    }
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *key = g_strdup_printf ("typed:async:%u", i);

      gredis_client_get_async (client, key, NULL, on_result, &results[i]);
    }
  for (guint i = 0; i < N; i++)
    {
      g_autofree char *value = gredis_client_get_finish (client, wait_result (&results[i]), &error);
      g_autofree char *expected = g_strdup_printf ("%u", i + 1);

      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, expected);
      g_clear_object (&results[i]);
    }
}

/* The primary that owns @key now. */
static guint
key_owner (const char *key)
{
  return cluster_test_slot_owner (cluster, gredis_key_slot ((const guint8 *) key, strlen (key)));
}

/* Each key written is on the primary that owns its slot, and the keys
 * reached every primary. */
static void
test_placement (void)
{
  gboolean seen[GREDIS_TEST_CLUSTER_N_NODES] = { FALSE };
  guint n_primaries = 0, n_seen = 0;

  for (guint i = 0; i < written->len; i++)
    {
      g_autoptr(GError) error = NULL;
      guint owner = key_owner (written->pdata[i]);
      g_autofree char *exists = gredis_test_cluster_cli (cluster, owner, &error, "EXISTS",
                                                         written->pdata[i], NULL);

      g_assert_no_error (error);
      if (!g_str_equal (exists, "1\n"))
        g_error ("%s is not on the primary that owns its slot", (char *) written->pdata[i]);
      seen[owner] = TRUE;
    }
  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    {
      n_primaries += gredis_test_cluster_is_primary (cluster, n);
      n_seen += seen[n];
    }
  g_assert_cmpuint (n_seen, ==, n_primaries);
}

/* Every helper build-aux/gredis-commands.decl declares: "name: ARGV ->
 * REPLY [options]" at the start of a line gives gredis_client_NAME(),
 * and gredis_client_NAME_bytes() with the option `bytes` (the blocking
 * forms: the async and finish forms go with them). */
static GPtrArray *
declared_helpers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GRegex) regex = g_regex_new ("^([a-z0-9_]+):\\s*.*?\\s*->\\s*\\S+\\s*(.*)$",
                                         G_REGEX_MULTILINE, 0, &error);
  g_autoptr(GMatchInfo) match = NULL;
  g_autofree char *contents = NULL;
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);

  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (GREDIS_TEST_COMMANDS_DECL, &contents, NULL, &error));
  g_assert_no_error (error);
  g_regex_match (regex, contents, 0, &match);
  for (; g_match_info_matches (match); g_match_info_next (match, NULL))
    {
      g_autofree char *name = g_match_info_fetch (match, 1);
      g_autofree char *options = g_match_info_fetch (match, 2);
      g_auto(GStrv) words = g_strsplit_set (options, " \t", -1);

      if (g_strv_contains ((const char * const *) words, "bytes"))
        g_ptr_array_add (names, g_strconcat (name, "_bytes", NULL));
      g_ptr_array_add (names, g_steal_pointer (&name));
    }
  return names;
}

/* The test sources that run on a cluster, one after the other. */
static char *
cluster_test_sources (void)
{
  g_auto(GStrv) paths = g_strsplit (GREDIS_TEST_COMMANDS_SOURCES, ";", -1);
  GString *all = g_string_new (NULL);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (paths[i], &contents, NULL, &error));
      g_assert_no_error (error);
      g_string_append (all, contents);
    }
  return g_string_free (all, FALSE);
}

static void
test_every_helper_called (void)
{
  g_autoptr(GPtrArray) declared = declared_helpers ();
  g_autofree char *sources = cluster_test_sources ();
  g_autoptr(GString) missing = g_string_new (NULL);

  /* The declarations have the helpers these tests were written for, at
   * least. */
  g_assert_cmpuint (declared->len, >=, 300);
  for (guint i = 0; i < declared->len; i++)
    {
      g_autofree char *pattern = g_strdup_printf ("\\bgredis_client_%s(_async)?\\s*\\(",
                                                  (char *) declared->pdata[i]);

      if (!g_regex_match_simple (pattern, sources, 0, 0))
        g_string_append_printf (missing, " gredis_client_%s", (char *) declared->pdata[i]);
    }
  if (missing->len > 0)
    g_error ("typed helpers not tested on a cluster client:%s", missing->str);
}

static void
skip_without_redis_cli (void)
{
  g_test_skip ("redis-cli is needed to create the cluster (Debian: redis-tools).");
}

/* Blocking calls that run the asynchronous code on a main context of
 * their own give the connections held for it back when they end: a
 * small pool serves any number of them, on every node. */
static void
test_lock_loop (void)
{
  g_autoptr(GredisClient) small = cluster_test_client_new (cluster, 0,
                                                           "max-connections=2&pool-timeout-ms=2000");
  const char *names[] = { "typed:lock:a", "typed:lock:b", "typed:lock:c", "typed:lock:d" };

  for (guint i = 0; i < 40; i++)
    {
      g_autoptr(GredisLock) lock = gredis_lock_new (small, names[i % G_N_ELEMENTS (names)], 60000);
      g_autoptr(GError) error = NULL;

      g_assert_true (gredis_lock_acquire (lock, 0, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (gredis_lock_release (lock, NULL, &error));
      g_assert_no_error (error);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *redis_cli = g_find_program_in_path ("redis-cli");
  g_autofree char *uri = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (redis_cli == NULL)
    {
      g_test_add_func ("/cluster/typed/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);
  uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u,127.0.0.1:%u",
                         gredis_test_cluster_get_port (cluster, 0),
                         gredis_test_cluster_get_port (cluster, 1));
  client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  written = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/cluster/typed/strings", test_strings);
  g_test_add_func ("/cluster/typed/keys", test_keys);
  g_test_add_func ("/cluster/typed/hashes", test_hashes);
  g_test_add_func ("/cluster/typed/lists", test_lists);
  g_test_add_func ("/cluster/typed/sets", test_sets);
  g_test_add_func ("/cluster/typed/sorted-sets", test_sorted_sets);
  g_test_add_func ("/cluster/typed/async", test_async);
  g_test_add_func ("/cluster/typed/lock-loop", test_lock_loop);
  /* After the others: what they wrote and called. */
  g_test_add_func ("/cluster/typed/placement", test_placement);
  g_test_add_func ("/cluster/typed/every-helper-called", test_every_helper_called);

  status = g_test_run ();
  gredis_client_close (client);
  g_clear_object (&client);
  g_ptr_array_unref (written);
  gredis_test_cluster_stop (cluster);
  return status;
}
