/* test-cluster-fanout.c: commands a cluster client sends to several nodes
 * (command tips), SCAN over the whole cluster (raw and through
 * GredisScanEnumerator), and multi-key commands split by slot, against a
 * real local cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "cluster-test-recorder.h"
#include "cluster-test-util.h"

#define N_KEYS 60
#define N_SCAN_KEYS 300

static GredisTestCluster *cluster;

/* DBSIZE, summed by every primary. */
static gint64
nodes_dbsize (void)
{
  gint64 total = 0;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (gredis_test_cluster_is_primary (cluster, node))
      {
        g_autofree char *size = cluster_test_cli (cluster, node, "DBSIZE", NULL);

        total += g_ascii_strtoll (size, NULL, 10);
      }
  return total;
}

static void
set_keys (GredisClient *client,
          const char   *prefix,
          guint         n)
{
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *key = g_strdup_printf ("%s%u", prefix, i);
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = cluster_test_run (client, FALSE, &error, "SET", key, key, NULL);

      g_assert_no_error (error);
    }
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* FLUSHALL on every primary, DBSIZE summed, KEYS joined: async and
 * blocking. */
static void
test_fanout_flushall_dbsize_keys (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 2, NULL);

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GredisReply) flushed = NULL;
      g_autoptr(GredisReply) size = NULL;
      g_autoptr(GredisReply) keys = NULL;
      g_autoptr(GredisReply) empty = NULL;
      g_autoptr(GPtrArray) names = g_ptr_array_new ();
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", async ? "async" : "blocking");
      set_keys (client, "fanout:", N_KEYS);
      g_assert_cmpint (nodes_dbsize (), ==, N_KEYS);

      size = cluster_test_run (client, async, &error, "DBSIZE", NULL);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_kind (size), ==, GREDIS_REPLY_INTEGER);
      g_assert_cmpint (gredis_reply_get_integer (size), ==, N_KEYS);

      keys = cluster_test_run (client, async, &error, "KEYS", "fanout:*", NULL);
      g_assert_no_error (error);
      g_assert_cmpuint (gredis_reply_get_n_elements (keys), ==, N_KEYS);
      for (gsize i = 0; i < N_KEYS; i++)
        g_ptr_array_add (names, (gpointer) gredis_reply_get_string (gredis_reply_get_element (keys, i), NULL));
      g_ptr_array_sort (names, compare_strings);
      for (gsize i = 1; i < N_KEYS; i++)
        g_assert_cmpstr (g_ptr_array_index (names, i - 1), !=, g_ptr_array_index (names, i));

      flushed = cluster_test_run (client, async, &error, "FLUSHALL", NULL);
      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (flushed, NULL), ==, "OK");
      g_assert_cmpint (nodes_dbsize (), ==, 0);
      empty = cluster_test_run (client, async, &error, "DBSIZE", NULL);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_integer (empty), ==, 0);
    }
}

/* SCRIPT LOAD reaches every node, so that EVALSHA works on keys of each
 * shard; SCRIPT EXISTS is true only where all have it; SCRIPT FLUSH
 * empties all. */
static void
test_fanout_scripts (void)
{
  static const char * const keys[] = { "{a}script", "{b}script", "{c}script", NULL };
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 0, NULL);
  g_autoptr(GredisReply) loaded = NULL;
  g_autoptr(GredisReply) exists = NULL;
  g_autoptr(GredisReply) flushed = NULL;
  g_autoptr(GredisReply) gone = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;

  loaded = cluster_test_run (client, TRUE, &error, "SCRIPT", "LOAD",
                             "return redis.call('INCRBY', KEYS[1], ARGV[1])", NULL);
  g_assert_no_error (error);
  sha = g_strdup (gredis_reply_get_string (loaded, NULL));
  g_assert_cmpuint (strlen (sha), ==, 40);

  for (guint i = 0; keys[i] != NULL; i++)
    for (guint async = 0; async <= 1; async++)
      {
        g_autoptr(GredisReply) reply = cluster_test_run (client, async, &error, "EVALSHA", sha,
                                                         "1", keys[i], "5", NULL);

        g_test_message ("EVALSHA on %s", keys[i]);
        g_assert_no_error (error);
        g_assert_cmpint (gredis_reply_get_integer (reply), ==, 5 * (async + 1));
      }

  exists = cluster_test_run (client, FALSE, &error, "SCRIPT", "EXISTS", sha,
                             "0000000000000000000000000000000000000000", NULL);
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_reply_get_n_elements (exists), ==, 2);
  g_assert_cmpint (gredis_reply_get_integer (gredis_reply_get_element (exists, 0)), ==, 1);
  g_assert_cmpint (gredis_reply_get_integer (gredis_reply_get_element (exists, 1)), ==, 0);

  flushed = cluster_test_run (client, FALSE, &error, "SCRIPT", "FLUSH", NULL);
  g_assert_no_error (error);
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *there = cluster_test_cli (cluster, node, "SCRIPT", "EXISTS", sha, NULL);

      g_assert_cmpstr (g_strstrip (there), ==, "0");
    }
  gone = cluster_test_run (client, TRUE, &error, "EVALSHA", sha, "1", keys[0], "1", NULL);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_NOSCRIPT);
}

/* SCAN with the client's cursor goes over every primary: each key comes
 * back exactly once. */
static void
test_fanout_scan (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 1, NULL);
  g_autoptr(GredisReply) flushed = NULL;
  g_autoptr(GError) error = NULL;

  flushed = cluster_test_run (client, FALSE, &error, "FLUSHALL", NULL);
  g_assert_no_error (error);
  set_keys (client, "scan:", N_SCAN_KEYS);

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *cursor = g_strdup ("0");
      guint rounds = 0;

      do
        {
          g_autoptr(GredisReply) reply = cluster_test_run (client, async, &error, "SCAN", cursor,
                                                           "MATCH", "scan:*", "COUNT", "25", NULL);
          GredisReply *batch;

          g_assert_no_error (error);
          g_assert_cmpuint (gredis_reply_get_n_elements (reply), ==, 2);
          g_free (cursor);
          cursor = g_strdup (gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL));
          batch = gredis_reply_get_element (reply, 1);
          for (gsize i = 0; i < gredis_reply_get_n_elements (batch); i++)
            {
              const char *key = gredis_reply_get_string (gredis_reply_get_element (batch, i), NULL);

              g_assert_true (g_str_has_prefix (key, "scan:"));
              g_assert_false (g_hash_table_contains (seen, key));
              g_hash_table_add (seen, g_strdup (key));
            }
          g_assert_cmpuint (++rounds, <, 1000);
        }
      while (!g_str_equal (cursor, "0"));
      g_assert_cmpuint (g_hash_table_size (seen), ==, N_SCAN_KEYS);
    }

  /* A cursor this client never gave. */
  g_assert_null (cluster_test_run (client, FALSE, &error, "SCAN", "65535", NULL));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_FAILED);
}

/* GredisScanEnumerator on a cluster client: its keys enumerator walks
 * the primaries one after the other, and every key of each comes at least
 * once; a hash enumerator goes to the node of its key. */
static void
collect_batch (GHashTable *seen,
               GPtrArray  *batch)
{
  g_assert_cmpuint (batch->len, >, 0);
  for (guint i = 0; i < batch->len; i++)
    {
      gsize size;
      const char *data = g_bytes_get_data (g_ptr_array_index (batch, i), &size);

      g_hash_table_add (seen, g_strndup (data, size));
    }
}

typedef struct
{
  GHashTable *seen;
  GError *error;
  gboolean done;
} EnumWalk;

static void
on_enum_next (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  EnumWalk *walk = user_data;
  g_autoptr(GPtrArray) batch = NULL;

  batch = gredis_scan_enumerator_next_finish (GREDIS_SCAN_ENUMERATOR (source), result, &walk->error);
  if (batch == NULL)
    {
      walk->done = TRUE;
      return;
    }
  collect_batch (walk->seen, batch);
  gredis_scan_enumerator_next_async (GREDIS_SCAN_ENUMERATOR (source), NULL, on_enum_next, walk);
}

static void
test_fanout_scan_enumerator (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 1, NULL);
  g_autoptr(GredisReply) flushed = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_primaries = 0;

  flushed = cluster_test_run (client, FALSE, &error, "FLUSHALL", NULL);
  g_assert_no_error (error);
  set_keys (client, "enum:", N_SCAN_KEYS);

  /* What each primary holds, asked of it directly: every primary has
   * some. */
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (gredis_test_cluster_is_primary (cluster, node))
      {
        g_autofree char *keys = cluster_test_cli (cluster, node, "KEYS", "enum:*", NULL);
        g_auto(GStrv) lines = g_strsplit (keys, "\n", -1);
        guint n = 0;

        for (guint i = 0; lines[i] != NULL; i++)
          if (g_str_has_prefix (g_strstrip (lines[i]), "enum:"))
            {
              g_hash_table_add (expected, g_strdup (lines[i]));
              n++;
            }
        g_assert_cmpuint (n, >, 0);
        n_primaries++;
      }
  g_assert_cmpuint (n_primaries, ==, 3);
  g_assert_cmpuint (g_hash_table_size (expected), ==, N_SCAN_KEYS);

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GredisScanEnumerator) enumerator = gredis_client_enumerate_keys (client, "enum:*", 25, NULL);
      g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      GHashTableIter iter;
      gpointer key;

      g_test_message ("%s", async ? "async" : "blocking");
      if (async)
        {
          EnumWalk walk = { seen, NULL, FALSE };

          gredis_scan_enumerator_next_async (enumerator, NULL, on_enum_next, &walk);
          while (!walk.done)
            g_main_context_iteration (NULL, TRUE);
          g_assert_no_error (walk.error);
        }
      else
        {
          GPtrArray *batch;

          while ((batch = gredis_scan_enumerator_next (enumerator, NULL, &error)) != NULL)
            {
              collect_batch (seen, batch);
              g_ptr_array_unref (batch);
            }
          g_assert_no_error (error);
        }
      g_assert_true (gredis_scan_enumerator_is_finished (enumerator));
      g_assert_cmpuint (g_hash_table_size (seen), ==, N_SCAN_KEYS);
      g_hash_table_iter_init (&iter, expected);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_assert_true (g_hash_table_contains (seen, key));
    }

  /* HSCAN on a cluster: to the node of the key. */
  {
    g_autoptr(GredisReply) set = NULL;
    g_autoptr(GredisScanEnumerator) hash = NULL;
    g_autoptr(GHashTable) fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    GPtrArray *batch;

    set = cluster_test_run (client, FALSE, &error, "HSET", "{enum}hash", "a", "1", "b", "2", NULL);
    g_assert_no_error (error);
    hash = gredis_client_enumerate_hash (client, "{enum}hash", NULL, 0);
    while ((batch = gredis_scan_enumerator_next (hash, NULL, &error)) != NULL)
      {
        collect_batch (fields, batch);
        g_ptr_array_unref (batch);
      }
    g_assert_no_error (error);
    g_assert_cmpuint (g_hash_table_size (fields), ==, 4);   /* a 1 b 2 */
    g_assert_true (g_hash_table_contains (fields, "a") && g_hash_table_contains (fields, "b"));
  }
}

/* Keys in several slots: CROSSSLOT by default, before anything is sent;
 * with cluster-split, one command per slot and the replies merged: MGET
 * in the order of its keys, DEL and EXISTS summed, MSET OK. */
static void
test_split (void)
{
  static const char * const mset_argv[] = {
    "MSET", "{a}s1", "1", "{b}s2", "2", "{c}s3", "3", "{a}s4", "4", "{b}s5", "5", NULL,
  };
  g_autoptr(GredisClient) plain = cluster_test_client_new (cluster, 3, NULL);
  g_autoptr(GredisClient) split = cluster_test_client_new (cluster, 3, "cluster-split=true");

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GredisReply) refused = NULL;
      g_autoptr(GredisReply) refused_del = NULL;
      g_autoptr(GredisReply) set = NULL;
      g_autoptr(GredisReply) values = NULL;
      g_autoptr(GredisReply) exists = NULL;
      g_autoptr(GredisReply) deleted = NULL;
      g_autoptr(GredisReply) after = NULL;
      g_autoptr(GredisReply) nx = NULL;
      g_autoptr(GError) error = NULL;
      static const char * const expected[] = { "5", "1", NULL, "3", "2", "4" };

      g_test_message ("%s", async ? "async" : "blocking");
      refused = cluster_test_run (plain, async, &error, "MGET", "{a}s1", "{b}s2", NULL);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
      g_clear_error (&error);
      refused_del = cluster_test_run (plain, async, &error, "DEL", "{a}s1", "{b}s2", NULL);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
      g_clear_error (&error);
      nx = cluster_test_run (split, async, &error, "MSETNX", "{a}n", "1", "{b}n", "2", NULL);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
      g_clear_error (&error);

      if (async)
        set = cluster_test_run (split, TRUE, &error, mset_argv[0], mset_argv[1], mset_argv[2],
                                mset_argv[3], mset_argv[4], mset_argv[5], mset_argv[6],
                                mset_argv[7], mset_argv[8], mset_argv[9], mset_argv[10], NULL);
      else
        set = gredis_client_command (split, mset_argv, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (set, NULL), ==, "OK");

      values = cluster_test_run (split, async, &error, "MGET", "{b}s5", "{a}s1", "{c}missing",
                                 "{c}s3", "{b}s2", "{a}s4", NULL);
      g_assert_no_error (error);
      g_assert_cmpuint (gredis_reply_get_n_elements (values), ==, G_N_ELEMENTS (expected));
      for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
        g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (values, i), NULL), ==,
                         expected[i]);

      exists = cluster_test_run (split, async, &error, "EXISTS", "{a}s1", "{b}s2", "{c}missing",
                                 "{c}s3", "{a}s1", NULL);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_integer (exists), ==, 4);

      deleted = cluster_test_run (split, async, &error, "DEL", "{a}s1", "{b}s2", "{c}s3",
                                  "{a}s4", "{b}s5", "{c}missing", NULL);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_integer (deleted), ==, 5);
      after = cluster_test_run (split, async, &error, "EXISTS", "{a}s1", "{b}s2", "{c}s3", NULL);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_integer (after), ==, 0);
    }
}

/* A part of a split command whose slot moved behind the client's back
 * follows MOVED alone, async and blocking, while the other parts go
 * where they were. */
static void
test_split_follows_moved (void)
{
  static const char key[] = "{split-moved}k";
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 4, "cluster-split=true");
  g_autoptr(GredisClient) blocking = cluster_test_client_new (cluster, 5, "cluster-split=true");
  g_autoptr(GredisReply) set = NULL;
  g_autoptr(GredisReply) warm = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slot_text = g_strdup_printf ("%u", gredis_key_slot ((const guint8 *) key, strlen (key)));
  g_autofree char *owner_id = NULL;
  g_autofree char *target_id = NULL;
  g_autofree char *target_port = NULL;
  guint owner = G_MAXUINT, target = G_MAXUINT;

  /* Both clients know the map before the move. */
  set = cluster_test_run (client, TRUE, &error, "MSET", key, "moved", "{a}k", "a", "{b}k", "b", NULL);
  g_assert_no_error (error);
  warm = cluster_test_run (blocking, FALSE, &error, "MGET", key, "{a}k", NULL);
  g_assert_no_error (error);
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *count = NULL;

      if (!gredis_test_cluster_is_primary (cluster, node))
        continue;
      count = cluster_test_cli (cluster, node, "CLUSTER", "COUNTKEYSINSLOT", slot_text, NULL);
      if (g_ascii_strtoull (count, NULL, 10) > 0)
        owner = node;
      else if (target == G_MAXUINT)
        target = node;
    }
  g_assert_cmpuint (owner, !=, G_MAXUINT);
  g_assert_cmpuint (target, !=, G_MAXUINT);
  owner_id = gredis_test_cluster_get_node_id (cluster, owner);
  target_id = gredis_test_cluster_get_node_id (cluster, target);
  target_port = g_strdup_printf ("%u", gredis_test_cluster_get_port (cluster, target));
  g_free (cluster_test_cli (cluster, target, "CLUSTER", "SETSLOT", slot_text, "IMPORTING", owner_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "CLUSTER", "SETSLOT", slot_text, "MIGRATING", target_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "MIGRATE", "127.0.0.1", target_port, "", "0", "5000", "KEYS", key, NULL));
  g_free (cluster_test_cli (cluster, target, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));

  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GredisReply) values = cluster_test_run (async ? client : blocking, async, &error,
                                                        "MGET", "{a}k", key, "{b}k", NULL);

      g_assert_no_error (error);
      g_assert_cmpuint (gredis_reply_get_n_elements (values), ==, 3);
      g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (values, 0), NULL), ==, "a");
      g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (values, 1), NULL), ==, "moved");
      g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (values, 2), NULL), ==, "b");
    }
  g_assert_cmpuint (cluster_test_command_calls (cluster, target, "mget"), >=, 2);
}

/* WAIT goes to every primary on the connections that carried the
 * client's writes, and the least count comes back: with every replica
 * frozen, a write is acknowledged by none (a WAIT on a connection that
 * wrote nothing would count every replica at once); with the replicas
 * back, by one. Async and blocking. */
static void
pause_replicas (const gboolean *replica,
                gboolean        pause)
{
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (replica[node])
      {
        GredisTestServer *server = gredis_test_cluster_get_server (cluster, node);

        if (pause)
          gredis_test_server_pause (server);
        else
          gredis_test_server_resume (server);
      }
}

static void
test_fanout_wait (void)
{
  gboolean replica[GREDIS_TEST_CLUSTER_N_NODES];

  /* Asked before any is frozen: a frozen node answers nothing. */
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    replica[node] = !gredis_test_cluster_is_primary (cluster, node);
  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GredisClient) client = cluster_test_client_new (cluster, async, NULL);
      g_autoptr(GredisReply) set = NULL;
      g_autoptr(GredisReply) frozen = NULL;
      g_autoptr(GredisReply) back = NULL;
      g_autoptr(GError) error = NULL;

      set = cluster_test_run (client, async, &error, "SET", "{wait}:k", "before", NULL);
      g_assert_no_error (error);
      g_clear_pointer (&set, gredis_reply_unref);
      pause_replicas (replica, TRUE);
      set = cluster_test_run (client, async, &error, "SET", "{wait}:k", "frozen", NULL);
      g_assert_no_error (error);
      frozen = cluster_test_run (client, async, &error, "WAIT", "1", "300", NULL);
      pause_replicas (replica, FALSE);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_integer (frozen), ==, 0);
      back = cluster_test_run (client, async, &error, "WAIT", "1", "4000", NULL);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_integer (back), ==, 1);
    }
}

/* The count of db.client.connection.wait_time of the client's `metrics`
 * observer. */
static guint64
wait_count (GredisClient *client)
{
  g_autoptr(GVariant) metrics = gredis_client_get_metrics (client);
  g_autoptr(GVariant) wait_time = NULL;
  guint64 count = 0;

  g_assert_nonnull (metrics);
  wait_time = g_variant_lookup_value (metrics, "db.client.connection.wait_time",
                                      G_VARIANT_TYPE_VARDICT);
  g_assert_nonnull (wait_time);
  g_assert_true (g_variant_lookup (wait_time, "count", "t", &count));
  return count;
}

/* Each node's part of a command sent to every primary waits for a
 * connection of the pool: each wait is reported, async and blocking. */
static void
test_fanout_wait_time (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 3, "observe=metrics");
  guint n_primaries = 0;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    n_primaries += gredis_test_cluster_is_primary (cluster, node);
  for (guint async = 0; async <= 1; async++)
    {
      g_autoptr(GredisReply) set = NULL;
      g_autoptr(GredisReply) size = NULL;
      g_autoptr(GError) error = NULL;
      guint64 before;

      g_test_message ("%s", async ? "async" : "blocking");
      /* The slot map known, and the shared connection made. */
      set = cluster_test_run (client, async, &error, "SET", "{observed}:k", "v", NULL);
      g_assert_no_error (error);
      before = wait_count (client);
      size = cluster_test_run (client, async, &error, "DBSIZE", NULL);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_integer (size), >=, 1);
      g_assert_cmpuint (wait_count (client) - before, ==, n_primaries);
    }
}

static guint
node_blocked_clients (guint node)
{
  g_autofree char *info = cluster_test_cli (cluster, node, "INFO", "clients", NULL);
  const char *line = strstr (info, "blocked_clients:");

  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("blocked_clients:"), NULL, 10);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/* The connection of a split MSET's part is killed while its node holds
 * the part (CLIENT PAUSE WRITE): the part, idempotent, is sent again
 * alone, a retry and a second attempt for the observers, and the other
 * parts' are first attempts. */
static void
test_fanout_part_retry (void)
{
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *killed = NULL;
  guint n_parts = 0;
  guint primary;

  /* Keys of as many slots as it takes for the first primary to have one. */
  primary = cluster_test_slot_owner (cluster, 0);
  g_ptr_array_add (argv, g_strdup ("MSET"));
  for (guint i = 0; i < 32; i++)
    {
      char *key = g_strdup_printf ("retry:%u", i);

      g_ptr_array_add (argv, key);
      g_ptr_array_add (argv, g_strdup ("v"));
    }
  for (guint i = 1; i < argv->len; i += 2)
    {
      const char *key = g_ptr_array_index (argv, i);
      gboolean seen = FALSE;

      for (guint j = 1; j < i && !seen; j += 2)
        seen = gredis_key_slot ((const guint8 *) g_ptr_array_index (argv, j),
                                strlen (g_ptr_array_index (argv, j))) ==
               gredis_key_slot ((const guint8 *) key, strlen (key));
      n_parts += !seen;
    }
  g_ptr_array_add (argv, NULL);

  cluster_test_recorder_register ();
  client = cluster_test_client_new (cluster, 4, "cluster-split=true&observe=cluster-test-recorder");
  gredis_client_command_async (client, (const char * const *) argv->pdata, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  g_clear_object (&result);
  g_assert_cmpuint (cluster_test_recorder_count ("MSET 1 -"), ==, n_parts);

  g_free (cluster_test_cli (cluster, primary, "CLIENT", "PAUSE", "20000", "WRITE", NULL));
  gredis_client_command_async (client, (const char * const *) argv->pdata, NULL, on_result, &result);
  while (node_blocked_clients (primary) == 0)
    g_main_context_iteration (NULL, FALSE);
  killed = cluster_test_cli (cluster, primary, "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes",
                             NULL);
  g_free (cluster_test_cli (cluster, primary, "CLIENT", "UNPAUSE", NULL));
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_ascii_strtoll (killed, NULL, 10), >=, 1);

  /* Each part of the primary paused failed once and was sent again. */
  g_assert_cmpuint (cluster_test_recorder_count ("MSET 1 connection"), >=, 1);
  g_assert_cmpuint (cluster_test_recorder_count ("retry MSET 2"), ==,
                    cluster_test_recorder_count ("MSET 1 connection"));
  g_assert_cmpuint (cluster_test_recorder_count ("MSET 2 -"), ==,
                    cluster_test_recorder_count ("MSET 1 connection"));
  g_assert_cmpuint (cluster_test_recorder_count ("MSET 1 -") +
                    cluster_test_recorder_count ("MSET 1 connection"), ==, 2 * n_parts);
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
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!cluster_test_have_redis_cli ())
    {
      g_test_add_func ("/cluster/fanout/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/fanout/flushall-dbsize-keys", test_fanout_flushall_dbsize_keys);
  g_test_add_func ("/cluster/fanout/scripts", test_fanout_scripts);
  g_test_add_func ("/cluster/fanout/scan", test_fanout_scan);
  g_test_add_func ("/cluster/fanout/wait", test_fanout_wait);
  g_test_add_func ("/cluster/fanout/wait-time", test_fanout_wait_time);
  g_test_add_func ("/cluster/fanout/part-retry", test_fanout_part_retry);
  g_test_add_func ("/cluster/fanout/scan-enumerator", test_fanout_scan_enumerator);
  g_test_add_func ("/cluster/split/mget-mset-del-exists", test_split);
  g_test_add_func ("/cluster/split/follows-moved", test_split_follows_moved);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
