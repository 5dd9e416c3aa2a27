/* test-cluster-typed.c: every typed helper of gredis-commands*.h on a
 * cluster client, with keys in slots of every primary
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The helpers are called in their blocking form (which runs the async
 * one), plain and _bytes; a few in the async form too. The list of
 * helpers is read from the installed headers' source (every
 * include/gredis/gredis-commands*.h): a helper declared there that this
 * test does not call fails the test, so that a new one is routed and
 * checked here too.
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-test-cluster.h"

static GredisTestCluster *cluster;
static GredisClient *client;
static GHashTable *called;      /* helper names, without gredis_client_ */
static GPtrArray *written;      /* keys that must exist on their owner */

#define CALLED(name) g_hash_table_add (called, (gpointer) (name))

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

  CALLED ("set"); CALLED ("get"); CALLED ("type");
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

  CALLED ("set_bytes"); CALLED ("get_bytes");
  g_assert_true (gredis_client_set_bytes (client, kb, bin, 0, GREDIS_SET_NONE, NULL, &error));
  g_assert_no_error (error);
  got = gredis_client_get_bytes (client, kb, NULL, &error);
  g_assert_no_error (error);
  assert_bytes (got, BIN, BIN_LEN);
  g_clear_pointer (&got, g_bytes_unref);

  /* Multi-key helpers: keys of one hash tag, so one slot. */
  CALLED ("mset"); CALLED ("mget");
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
  CALLED ("mset_bytes"); CALLED ("mget_bytes");
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

  CALLED ("append"); CALLED ("strlen"); CALLED ("append_bytes");
  {
    const char *ka = key_for ("append");
    const char *kab = key_for ("append_bytes");

    g_assert_cmpint (gredis_client_append (client, ka, "ab", NULL, &error), ==, 2);
    g_assert_cmpint (gredis_client_append (client, ka, "c", NULL, &error), ==, 3);
    g_assert_cmpint (gredis_client_strlen (client, ka, NULL, &error), ==, 3);
    g_assert_cmpint (gredis_client_append_bytes (client, kab, bin, NULL, &error), ==, BIN_LEN);
    g_assert_no_error (error);
  }

  CALLED ("incr"); CALLED ("decr"); CALLED ("incrby"); CALLED ("decrby"); CALLED ("incrbyfloat");
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

  CALLED ("del"); CALLED ("exists");
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

  CALLED ("expire"); CALLED ("ttl"); CALLED ("pexpire"); CALLED ("pttl"); CALLED ("persist");
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

  CALLED ("hset"); CALLED ("hget"); CALLED ("hgetall"); CALLED ("hdel");
  CALLED ("hincrby"); CALLED ("hexists"); CALLED ("hlen");
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

  CALLED ("hset_bytes"); CALLED ("hget_bytes"); CALLED ("hgetall_bytes");
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

  CALLED ("lpush"); CALLED ("rpush"); CALLED ("lrange"); CALLED ("llen"); CALLED ("lpop"); CALLED ("rpop");
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

  CALLED ("lpush_bytes"); CALLED ("rpush_bytes"); CALLED ("lrange_bytes");
  CALLED ("lpop_bytes"); CALLED ("rpop_bytes");
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

  CALLED ("sadd"); CALLED ("srem"); CALLED ("smembers"); CALLED ("sismember"); CALLED ("scard");
  g_assert_cmpint (gredis_client_sadd (client, k, members, NULL, &error), ==, 2);
  g_assert_cmpint (gredis_client_srem (client, k, gone, NULL, &error), ==, 1);
  all = gredis_client_smembers (client, k, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstrv (all, ((const char *[]) { "b", NULL }));
  g_assert_true (gredis_client_sismember (client, k, "b", NULL, &error));
  g_assert_false (gredis_client_sismember (client, k, "a", NULL, &error));
  g_assert_cmpint (gredis_client_scard (client, k, NULL, &error), ==, 1);
  g_assert_no_error (error);

  CALLED ("sadd_bytes"); CALLED ("srem_bytes"); CALLED ("smembers_bytes"); CALLED ("sismember_bytes");
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

  CALLED ("zadd"); CALLED ("zscore"); CALLED ("zincrby"); CALLED ("zrange"); CALLED ("zrem"); CALLED ("zcard");
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

  CALLED ("zadd_bytes"); CALLED ("zscore_bytes"); CALLED ("zincrby_bytes");
  CALLED ("zrange_bytes"); CALLED ("zrem_bytes");
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

/* The primary that owns @key now, from CLUSTER NODES. */
static guint
key_owner (const char *key)
{
  guint slot = gredis_key_slot ((const guint8 *) key, strlen (key));
  g_autofree char *nodes = gredis_test_cluster_cli (cluster, 0, NULL, "CLUSTER", "NODES", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (nodes);
  lines = g_strsplit (nodes, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      for (guint f = 8; f < g_strv_length (fields); f++)
        {
          char *end;
          guint64 first, last, port;

          if (fields[f][0] == '[')
            continue;
          first = g_ascii_strtoull (fields[f], &end, 10);
          last = *end == '-' ? g_ascii_strtoull (end + 1, NULL, 10) : first;
          if (slot < first || slot > last)
            continue;
          port = g_ascii_strtoull (strchr (fields[1], ':') + 1, NULL, 10);
          for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
            if (gredis_test_cluster_get_port (cluster, n) == port)
              return n;
        }
    }
  g_assert_not_reached ();
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

/* Every gredis_client_*() declared in include/gredis/gredis-commands*.h
 * (the blocking forms: their async and finish forms go with them). */
static GPtrArray *
declared_helpers (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = g_dir_open (GREDIS_TEST_INCLUDE_DIR, 0, &error);
  g_autoptr(GRegex) regex = g_regex_new ("^[A-Za-z].*\\bgredis_client_([a-z0-9_]+)\\s*\\(",
                                         G_REGEX_MULTILINE, 0, &error);
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  const char *file;

  g_assert_no_error (error);
  while ((file = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      g_autofree char *contents = NULL;
      g_autoptr(GMatchInfo) match = NULL;

      if (!g_str_has_prefix (file, "gredis-commands") || !g_str_has_suffix (file, ".h"))
        continue;
      path = g_build_filename (GREDIS_TEST_INCLUDE_DIR, file, NULL);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_regex_match (regex, contents, 0, &match);
      for (; g_match_info_matches (match); g_match_info_next (match, NULL))
        {
          g_autofree char *name = g_match_info_fetch (match, 1);

          if (!g_str_has_suffix (name, "_async") && !g_str_has_suffix (name, "_finish"))
            g_ptr_array_add (names, g_steal_pointer (&name));
        }
    }
  return names;
}

static void
test_every_helper_called (void)
{
  g_autoptr(GPtrArray) declared = declared_helpers ();
  g_autoptr(GString) missing = g_string_new (NULL);

  /* The header has the helpers this test was written for, at least. */
  g_assert_cmpuint (declared->len, >=, 65);
  for (guint i = 0; i < declared->len; i++)
    if (!g_hash_table_contains (called, declared->pdata[i]))
      g_string_append_printf (missing, " gredis_client_%s", (char *) declared->pdata[i]);
  if (missing->len > 0)
    g_error ("typed helpers not tested on a cluster client:%s", missing->str);
}

static void
skip_without_redis_cli (void)
{
  g_test_skip ("redis-cli is needed to create the cluster (Debian: redis-tools).");
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
  called = g_hash_table_new (g_str_hash, g_str_equal);
  written = g_ptr_array_new_with_free_func (g_free);

  g_test_add_func ("/cluster/typed/strings", test_strings);
  g_test_add_func ("/cluster/typed/keys", test_keys);
  g_test_add_func ("/cluster/typed/hashes", test_hashes);
  g_test_add_func ("/cluster/typed/lists", test_lists);
  g_test_add_func ("/cluster/typed/sets", test_sets);
  g_test_add_func ("/cluster/typed/sorted-sets", test_sorted_sets);
  g_test_add_func ("/cluster/typed/async", test_async);
  /* After the others: what they wrote and called. */
  g_test_add_func ("/cluster/typed/placement", test_placement);
  g_test_add_func ("/cluster/typed/every-helper-called", test_every_helper_called);

  status = g_test_run ();
  gredis_client_close (client);
  g_clear_object (&client);
  g_hash_table_unref (called);
  g_ptr_array_unref (written);
  gredis_test_cluster_stop (cluster);
  return status;
}
