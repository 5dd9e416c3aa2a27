/* test-commands.c: the generated typed helpers on a real redis-server, one
 * test per command group, each run under RESP2 and RESP3 with the same
 * assertions: a typed result means the same whatever the protocol
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Built twice: `commands` against one redis-server, and, with
 * GREDIS_TEST_COMMANDS_CLUSTER defined, `cluster-commands` against a
 * six-node cluster through a redis+cluster:// client. There every key of
 * a test carries the hash tag of that test ("{resp2/strings}k"), so its
 * multi-key commands stay in one slot while the tests' slots are spread
 * over the primaries; keyless commands go by the router's fan-out
 * (FLUSHALL, KEYS, SCAN, DBSIZE, RANDOMKEY, SCRIPT and FUNCTION LOAD on
 * every primary). After the tests, INFO commandstats of each node shows
 * that each test's commands went to the primary that owns its slot, and
 * only there. build-aux/gredis-commands.decl and this file are read by
 * tests/cluster/test-cluster-typed.c: every declared helper must be
 * called here or there.
 */
#include <math.h>
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"
#ifdef GREDIS_TEST_COMMANDS_CLUSTER
#include "cluster-test-util.h"

static GredisTestCluster *cluster;
#define ON_CLUSTER TRUE
#else
#define ON_CLUSTER FALSE

static GredisTestServer *server;
#endif

/* On a cluster, the hash tag of the running test: "resp2/strings". */
static char *key_tag;

/* A key of the running test: @name itself on one server; on a cluster,
 * @name in the slot of the test's hash tag. */
static const char *
test_key (const char *name)
{
  g_autofree char *key = NULL;

  if (key_tag == NULL)
    return name;
  key = g_strdup_printf ("{%s}%s", key_tag, name);
  return g_intern_string (key);
}

/* A key in a slot of its own on a cluster (for commands that need not
 * share a slot, such as a pipeline's, so that they go to several
 * nodes). */
static const char *
test_key_own_slot (const char *name)
{
  g_autofree char *key = NULL;

  if (key_tag == NULL)
    return name;
  key = g_strdup_printf ("{%s/%s}%s", key_tag, name, name);
  return g_intern_string (key);
}

#define K(name) test_key (name)
#define KS(name) test_key_own_slot (name)

/* A value with a NUL first, invalid UTF-8 and a NUL inside. */
static const char binary[] = "\0\xff\r\nb\0in";
#define BINARY_LEN (sizeof binary - 1)

#define OK(call) G_STMT_START { \
    g_autoptr(GError) ok_error = NULL; \
    gboolean ok_value = (call); \
    g_assert_no_error (ok_error); \
    g_assert_true (ok_value); \
  } G_STMT_END
#define INT(expected, call) G_STMT_START { \
    g_autoptr(GError) int_error = NULL; \
    gint64 int_value = (call); \
    g_assert_no_error (int_error); \
    g_assert_cmpint (int_value, ==, (expected)); \
  } G_STMT_END
#define STR(expected, call) G_STMT_START { \
    g_autoptr(GError) str_error = NULL; \
    g_autofree char *str_value = (call); \
    g_assert_no_error (str_error); \
    g_assert_cmpstr (str_value, ==, (expected)); \
  } G_STMT_END
#define STRV(expected, call) G_STMT_START { \
    g_autoptr(GError) strv_error = NULL; \
    g_auto(GStrv) strv_value = (call); \
    const char * const strv_expected[] = expected; \
    g_assert_no_error (strv_error); \
    g_assert_nonnull (strv_value); \
    g_assert_cmpstrv (strv_value, strv_expected); \
  } G_STMT_END
/* The error of each macro is named after it; ERR is the one to pass. */
#define E(kind) (&kind##_error)
#define L(...) { __VA_ARGS__, NULL }

static GredisClient *
make_client (guint protocol)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "FLUSHALL", NULL };

#ifdef GREDIS_TEST_COMMANDS_CLUSTER
  {
    g_autofree char *uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u,127.0.0.1:%u",
                                            gredis_test_cluster_get_port (cluster, 0),
                                            gredis_test_cluster_get_port (cluster, 1));
    const char *path = g_test_get_path ();

    g_clear_object (&config);
    config = gredis_config_new_for_uri (uri, &error);
    g_assert_no_error (error);
    /* "/cluster/commands/resp2/strings": "resp2/strings". */
    g_free (key_tag);
    key_tag = g_strdup (strstr (path, "/resp") + 1);
  }
#else
  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
#endif
  gredis_config_set_protocol (config, protocol);
  client = gredis_client_new (config);
  reply = gredis_client_command (client, argv, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

static GBytes *
binary_bytes (void)
{
  return g_bytes_new_static (binary, BINARY_LEN);
}

static void
assert_binary (GBytes *bytes)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), binary, BINARY_LEN);
}

static void
assert_scored (GPtrArray  *members,
               const char *expected)
{
  g_autoptr(GString) text = g_string_new (NULL);

  g_assert_nonnull (members);
  for (guint i = 0; i < members->len; i++)
    {
      GredisScoredMember *m = g_ptr_array_index (members, i);

      g_string_append_printf (text, "%s%s=%g", i > 0 ? " " : "",
                              gredis_scored_member_get_member (m),
                              gredis_scored_member_get_score (m));
    }
  g_assert_cmpstr (text->str, ==, expected);
}

static void
test_strings (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bin = binary_bytes ();
  g_autoptr(GPtrArray) values = NULL;
  const char *kv[] = { K ("a"), "1", K ("b"), "2", NULL };
  const char *ab[] = { K ("a"), K ("b"), K ("none"), NULL };
  const char *nx[] = { K ("a"), "9", K ("new"), "1", NULL };
  gint64 ttl;

  OK (gredis_client_set (c, K ("k"), "v", 0, GREDIS_SET_NONE, NULL, E (ok)));
  STR ("v", gredis_client_get (c, K ("k"), NULL, E (str)));
  STR (NULL, gredis_client_get (c, K ("none"), NULL, E (str)));
  g_assert_false (gredis_client_set (c, K ("k"), "w", 0, GREDIS_SET_NX, NULL, &error));
  g_assert_no_error (error);
  STR ("v", gredis_client_set_get (c, K ("k"), "w", 60000, GREDIS_SET_NONE, NULL, E (str)));
  ttl = gredis_client_pttl (c, K ("k"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (ttl, >, 0);
  g_assert_cmpint (ttl, <=, 60000);
  STR (NULL, gredis_client_set_get (c, K ("new"), "x", 0, GREDIS_SET_NONE, NULL, E (str)));
  OK (gredis_client_set_expire_at (c, K ("at"), "x", (guint64) (g_get_real_time () / 1000 + 100000),
                                   GREDIS_SET_NONE, NULL, E (ok)));
  g_assert_cmpint (gredis_client_ttl (c, K ("at"), NULL, &error), >, 0);
  g_assert_no_error (error);
  OK (gredis_client_set (c, K ("at"), "y", 0, GREDIS_SET_KEEPTTL, NULL, E (ok)));
  g_assert_cmpint (gredis_client_ttl (c, K ("at"), NULL, &error), >, 0);
  OK (gredis_client_setex (c, K ("ex"), 100, "1", NULL, E (ok)));
  OK (gredis_client_psetex (c, K ("px"), 100000, "1", NULL, E (ok)));
  g_assert_cmpint (gredis_client_ttl (c, K ("px"), NULL, &error), >, 0);
  OK (gredis_client_setnx (c, K ("nx"), "1", NULL, E (ok)));
  g_assert_false (gredis_client_setnx (c, K ("nx"), "2", NULL, &error));
  g_assert_no_error (error);
  STR ("1", gredis_client_getset (c, K ("nx"), "3", NULL, E (str)));
  STR ("3", gredis_client_getdel (c, K ("nx"), NULL, E (str)));
  STR (NULL, gredis_client_getdel (c, K ("nx"), NULL, E (str)));
  STR ("1", gredis_client_getex (c, K ("ex"), 0, TRUE, NULL, E (str)));
  INT (-1, gredis_client_ttl (c, K ("ex"), NULL, E (int)));
  STR ("1", gredis_client_getex (c, K ("ex"), 50000, FALSE, NULL, E (str)));
  g_assert_cmpint (gredis_client_ttl (c, K ("ex"), NULL, &error), >, 0);
  INT (11, gredis_client_setrange (c, K ("r"), 6, "world", NULL, E (int)));
  STR ("world", gredis_client_getrange (c, K ("r"), 6, -1, NULL, E (str)));
  STR ("wor", gredis_client_substr (c, K ("r"), 6, 8, NULL, E (str)));
  STR ("", gredis_client_getrange (c, K ("none"), 0, 5, NULL, E (str)));
  OK (gredis_client_mset (c, kv, NULL, E (ok)));
  values = gredis_client_mget (c, ab, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (values, 0), ==, "1");
  g_assert_cmpstr (g_ptr_array_index (values, 1), ==, "2");
  g_assert_null (g_ptr_array_index (values, 2));
  g_assert_false (gredis_client_msetnx (c, nx, NULL, &error));
  g_assert_no_error (error);
  INT (3, gredis_client_append (c, K ("ap"), "abc", NULL, E (int)));
  INT (3, gredis_client_strlen (c, K ("ap"), NULL, E (int)));
  INT (1, gredis_client_incr (c, K ("n"), NULL, E (int)));
  INT (11, gredis_client_incrby (c, K ("n"), 10, NULL, E (int)));
  INT (10, gredis_client_decr (c, K ("n"), NULL, E (int)));
  INT (5, gredis_client_decrby (c, K ("n"), 5, NULL, E (int)));
  g_assert_cmpfloat (gredis_client_incrbyfloat (c, K ("n"), 0.5, NULL, &error), ==, 5.5);
  g_assert_no_error (error);
  OK (gredis_client_set (c, K ("l1"), "ohmytext", 0, GREDIS_SET_NONE, NULL, E (ok)));
  OK (gredis_client_set (c, K ("l2"), "mynewtext", 0, GREDIS_SET_NONE, NULL, E (ok)));
  STR ("mytext", gredis_client_lcs (c, K ("l1"), K ("l2"), NULL, E (str)));
  INT (6, gredis_client_lcs_len (c, K ("l1"), K ("l2"), NULL, E (int)));

  /* A wrong reply kind is an error, never a silent 0. */
  g_assert_cmpint (gredis_client_strlen (c, K ("n"), NULL, &error), ==, 3);
  g_assert_no_error (error);
  gredis_client_incr (c, K ("r"), NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  g_clear_error (&error);

  /* Binary values. */
  OK (gredis_client_set_bytes (c, K ("bin"), bin, 0, GREDIS_SET_NONE, NULL, E (ok)));
  {
    g_autoptr(GBytes) got = gredis_client_get_bytes (c, K ("bin"), NULL, &error);
    g_autoptr(GBytes) old = gredis_client_getset_bytes (c, K ("bin"), bin, NULL, &error);
    g_autoptr(GBytes) del = gredis_client_getdel_bytes (c, K ("bin"), NULL, &error);

    g_assert_no_error (error);
    assert_binary (got);
    assert_binary (old);
    assert_binary (del);
  }
}

static void
test_bitmaps (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) fields = NULL;
  const char *get[] = { "GET", "u8", "0", "GET", "u4", "4", NULL };
  const char *incr[] = { "INCRBY", "u8", "8", "5", NULL };
  const char *srcs[] = { K ("b1"), K ("b2"), NULL };
  g_autoptr(GredisReply) reply = NULL;

  INT (0, gredis_client_setbit (c, K ("b1"), 7, 1, NULL, E (int)));
  INT (1, gredis_client_getbit (c, K ("b1"), 7, NULL, E (int)));
  INT (0, gredis_client_getbit (c, K ("b1"), 100, NULL, E (int)));
  INT (0, gredis_client_setbit (c, K ("b2"), 6, 1, NULL, E (int)));
  INT (1, gredis_client_bitcount (c, K ("b1"), 0, 0, NULL, E (int)));
  INT (1, gredis_client_bitcount (c, K ("b1"), 0, -1, NULL, E (int)));
  INT (7, gredis_client_bitpos (c, K ("b1"), 1, 0, 0, NULL, E (int)));
  INT (0, gredis_client_bitpos (c, K ("b1"), 0, 0, 0, NULL, E (int)));
  INT (1, gredis_client_bitop (c, "OR", K ("or"), srcs, NULL, E (int)));
  STR ("\x03", gredis_client_get (c, K ("or"), NULL, E (str)));
  fields = gredis_client_bitfield_ro (c, K ("or"), get, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fields->len, ==, 2);
  g_assert_cmpint (g_array_index (fields, gint64, 0), ==, 3);
  g_assert_cmpint (g_array_index (fields, gint64, 1), ==, 3);
  reply = gredis_client_bitfield (c, K ("or"), incr, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_n_elements (reply), ==, 1);
  g_assert_cmpint (gredis_reply_get_integer (gredis_reply_get_element (reply, 0)), ==, 5);
}

static void
test_keys (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  const char *ab[] = { K ("a"), K ("b"), K ("none"), NULL };
  const char *list[] = { "3", "1", "2", NULL };
  g_autofree char *cursor = NULL;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GBytes) dump = NULL;
  g_autofree char *encoding = NULL;
  gint64 t;

  OK (gredis_client_set (c, K ("a"), "1", 0, GREDIS_SET_NONE, NULL, E (ok)));
  OK (gredis_client_set (c, K ("b"), "2", 0, GREDIS_SET_NONE, NULL, E (ok)));
  INT (2, gredis_client_exists (c, ab, NULL, E (int)));
  INT (2, gredis_client_touch (c, ab, NULL, E (int)));
  STR ("string", gredis_client_type (c, K ("a"), NULL, E (str)));
  STR ("none", gredis_client_type (c, K ("none"), NULL, E (str)));
  OK (gredis_client_expire (c, K ("a"), 100, GREDIS_EXPIRE_NONE, NULL, E (ok)));
  g_assert_false (gredis_client_expire (c, K ("a"), 200, GREDIS_EXPIRE_NX, NULL, &error));
  g_assert_no_error (error);
  OK (gredis_client_expire (c, K ("a"), 200, GREDIS_EXPIRE_GT, NULL, E (ok)));
  INT (200, gredis_client_ttl (c, K ("a"), NULL, E (int)));
  OK (gredis_client_pexpire (c, K ("a"), 150000, GREDIS_EXPIRE_LT, NULL, E (ok)));
  t = g_get_real_time () / G_USEC_PER_SEC + 1000;
  OK (gredis_client_expireat (c, K ("a"), t, GREDIS_EXPIRE_NONE, NULL, E (ok)));
  INT (t, gredis_client_expiretime (c, K ("a"), NULL, E (int)));
  OK (gredis_client_pexpireat (c, K ("a"), t * 1000, GREDIS_EXPIRE_NONE, NULL, E (ok)));
  INT (t * 1000, gredis_client_pexpiretime (c, K ("a"), NULL, E (int)));
  g_assert_cmpint (gredis_client_pttl (c, K ("a"), NULL, &error), >, 0);
  OK (gredis_client_persist (c, K ("a"), NULL, E (ok)));
  INT (-1, gredis_client_ttl (c, K ("a"), NULL, E (int)));
  INT (-2, gredis_client_ttl (c, K ("none"), NULL, E (int)));
  STRV (L (K ("a")), gredis_client_keys (c, K ("a*"), NULL, E (strv)));

  /* SCAN, to the end. */
  cursor = g_strdup ("0");
  do
    {
      g_auto(GStrv) keys = NULL;
      char *next = NULL;

      keys = gredis_client_scan (c, cursor, NULL, 1, "string", &next, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (next);
      for (guint i = 0; keys[i] != NULL; i++)
        g_hash_table_add (seen, g_strdup (keys[i]));
      g_free (cursor);
      cursor = next;
    }
  while (strcmp (cursor, "0") != 0);
  g_assert_cmpuint (g_hash_table_size (seen), ==, 2);
  g_assert_true (g_hash_table_contains (seen, K ("a")));

  OK (gredis_client_rename (c, K ("a"), K ("c"), NULL, E (ok)));
  g_assert_false (gredis_client_renamenx (c, K ("c"), K ("b"), NULL, &error));
  g_assert_no_error (error);
  OK (gredis_client_copy (c, K ("c"), K ("d"), 0, GREDIS_COPY_NONE, NULL, E (ok)));
  g_assert_false (gredis_client_copy (c, K ("c"), K ("d"), 0, GREDIS_COPY_NONE, NULL, &error));
  OK (gredis_client_copy (c, K ("c"), K ("d"), 0, GREDIS_COPY_REPLACE, NULL, E (ok)));
  if (ON_CLUSTER)
    {
      /* A cluster has database 0 only: the server's error, kept. */
      g_assert_false (gredis_client_move (c, K ("d"), 1, NULL, &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
      g_clear_error (&error);
    }
  else
    OK (gredis_client_move (c, K ("d"), 1, NULL, E (ok)));
  dump = gredis_client_dump_bytes (c, K ("c"), NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dump);
  OK (gredis_client_restore_bytes (c, K ("e"), 0, dump, GREDIS_RESTORE_NONE, NULL, E (ok)));
  OK (gredis_client_restore_bytes (c, K ("e"), 0, dump, GREDIS_RESTORE_REPLACE, NULL, E (ok)));
  STR ("1", gredis_client_get (c, K ("e"), NULL, E (str)));
  STR (NULL, gredis_client_dump (c, K ("none"), NULL, E (str)));
  encoding = gredis_client_object_encoding (c, K ("e"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (encoding, ==, "int");
  STR (NULL, gredis_client_object_encoding (c, K ("none"), NULL, E (str)));
  g_assert_cmpint (gredis_client_object_refcount (c, K ("b"), NULL, &error), >=, 1);
  g_assert_cmpint (gredis_client_object_idletime (c, K ("b"), NULL, &error), >=, 0);
  g_assert_no_error (error);
  /* OBJECT FREQ needs an LFU policy: a server error, kept. */
  gredis_client_object_freq (c, K ("b"), NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  g_clear_error (&error);
  {
    g_autofree char *random_key = gredis_client_randomkey (c, NULL, &error);

    g_assert_nonnull (random_key);
    g_assert_no_error (error);
  }

  INT (3, gredis_client_rpush (c, K ("list"), list, NULL, E (int)));
  {
    g_autoptr(GPtrArray) sorted = gredis_client_sort (c, K ("list"), NULL, 0, 0, GREDIS_SORT_DESC,
                                                      NULL, &error);
    g_autoptr(GPtrArray) limited = gredis_client_sort_ro (c, K ("list"), NULL, 1, 1,
                                                          GREDIS_SORT_NONE, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (sorted->len, ==, 3);
    g_assert_cmpstr (g_ptr_array_index (sorted, 0), ==, "3");
    g_assert_cmpuint (limited->len, ==, 1);
    g_assert_cmpstr (g_ptr_array_index (limited, 0), ==, "2");
  }
  INT (3, gredis_client_sort_store (c, K ("list"), NULL, 0, 0, GREDIS_SORT_ALPHA, K ("sorted"), NULL, E (int)));
  STRV (L ("1", "2", "3"), gredis_client_lrange (c, K ("sorted"), 0, -1, NULL, E (strv)));
  INT (0, gredis_client_wait (c, 0, 10, NULL, E (int)));
  {
    const char *del[] = { K ("b"), K ("c"), NULL };
    const char *unlink[] = { K ("e"), K ("none"), NULL };

    INT (2, gredis_client_del (c, del, NULL, E (int)));
    INT (1, gredis_client_unlink (c, unlink, NULL, E (int)));
  }
}

static void
test_hashes (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) all = NULL;
  g_autoptr(GHashTable) random = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GBytes) bin = binary_bytes ();
  const char *fv[] = { "f1", "v1", "f2", "v2", NULL };
  const char *more[] = { "f3", "3", NULL };
  const char *fields[] = { "f1", "none", NULL };
  const char *del[] = { "f3", NULL };
  g_autofree char *next = NULL;

  INT (2, gredis_client_hset (c, K ("h"), fv, NULL, E (int)));
  OK (gredis_client_hmset (c, K ("h"), more, NULL, E (ok)));
  OK (gredis_client_hsetnx (c, K ("h"), "f4", "4", NULL, E (ok)));
  g_assert_false (gredis_client_hsetnx (c, K ("h"), "f4", "5", NULL, &error));
  g_assert_no_error (error);
  STR ("v1", gredis_client_hget (c, K ("h"), "f1", NULL, E (str)));
  STR (NULL, gredis_client_hget (c, K ("h"), "none", NULL, E (str)));
  values = gredis_client_hmget (c, K ("h"), fields, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (values, 0), ==, "v1");
  g_assert_null (g_ptr_array_index (values, 1));
  all = gredis_client_hgetall (c, K ("h"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (all), ==, 4);
  g_assert_cmpstr (g_hash_table_lookup (all, "f2"), ==, "v2");
  INT (4, gredis_client_hlen (c, K ("h"), NULL, E (int)));
  INT (2, gredis_client_hstrlen (c, K ("h"), "f1", NULL, E (int)));
  OK (gredis_client_hexists (c, K ("h"), "f1", NULL, E (ok)));
  INT (5, gredis_client_hincrby (c, K ("h"), "f4", 1, NULL, E (int)));
  g_assert_cmpfloat (gredis_client_hincrbyfloat (c, K ("h"), "f4", 0.25, NULL, &error), ==, 5.25);
  g_assert_no_error (error);
  INT (1, gredis_client_hdel (c, K ("h"), del, NULL, E (int)));
  {
    g_auto(GStrv) keys = gredis_client_hkeys (c, K ("h"), NULL, &error);
    g_auto(GStrv) vals = gredis_client_hvals (c, K ("h"), NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (keys), ==, 3);
    g_assert_true (g_strv_contains ((const char * const *) keys, "f4"));
    g_assert_true (g_strv_contains ((const char * const *) vals, "5.25"));
  }
  {
    g_auto(GStrv) some = gredis_client_hrandfield (c, K ("h"), 2, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (some), ==, 2);
  }
  /* A flat array in RESP2, pairs in RESP3: the same table. */
  random = gredis_client_hrandfield_with_values (c, K ("h"), 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (random), ==, 3);
  g_assert_cmpstr (g_hash_table_lookup (random, "f1"), ==, "v1");
  {
    g_auto(GStrv) step = gredis_client_hscan (c, K ("h"), "0", "f1", 100, &next, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (next, ==, "0");
    g_assert_cmpstrv (step, ((const char * const[]) { "f1", "v1", NULL }));
  }
  {
    const char *names[] = { "bin" };
    GBytes *vals[] = { bin };
    g_autoptr(GBytes) got = NULL;
    g_autoptr(GPtrArray) pairs = NULL;

    OK (gredis_client_hsetnx_bytes (c, K ("hb"), "f", bin, NULL, E (ok)));
    INT (1, gredis_client_hset_bytes (c, K ("hb"), names, vals, 1, NULL, E (int)));
    got = gredis_client_hget_bytes (c, K ("hb"), "bin", NULL, &error);
    assert_binary (got);
    pairs = gredis_client_hvals_bytes (c, K ("hb"), NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (pairs->len, ==, 2);
    assert_binary (g_ptr_array_index (pairs, 1));
  }
}

static void
test_lists (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bin = binary_bytes ();
  const char *abc[] = { "a", "b", "c", NULL };
  const char *z[] = { "z", NULL };
  const char *keys[] = { K ("none"), K ("l"), NULL };
  gint64 index;
  g_autofree char *key = NULL;

  INT (3, gredis_client_rpush (c, K ("l"), abc, NULL, E (int)));
  INT (4, gredis_client_lpush (c, K ("l"), z, NULL, E (int)));
  INT (0, gredis_client_lpushx (c, K ("none"), z, NULL, E (int)));
  INT (5, gredis_client_rpushx (c, K ("l"), z, NULL, E (int)));
  STRV (L ("z", "a", "b", "c", "z"), gredis_client_lrange (c, K ("l"), 0, -1, NULL, E (strv)));
  INT (5, gredis_client_llen (c, K ("l"), NULL, E (int)));
  STR ("a", gredis_client_lindex (c, K ("l"), 1, NULL, E (str)));
  STR (NULL, gredis_client_lindex (c, K ("l"), 100, NULL, E (str)));
  OK (gredis_client_lset (c, K ("l"), 1, "A", NULL, E (ok)));
  INT (6, gredis_client_linsert (c, K ("l"), "BEFORE", "b", "B", NULL, E (int)));
  INT (-1, gredis_client_linsert (c, K ("l"), "AFTER", "none", "x", NULL, E (int)));
  INT (2, gredis_client_lrem (c, K ("l"), 0, "z", NULL, E (int)));
  STRV (L ("A", "B", "b", "c"), gredis_client_lrange (c, K ("l"), 0, -1, NULL, E (strv)));
  g_assert_true (gredis_client_lpos (c, K ("l"), "b", 0, 0, &index, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (index, ==, 2);
  g_assert_false (gredis_client_lpos (c, K ("l"), "none", 0, 0, &index, NULL, &error));
  g_assert_no_error (error);
  STR ("c", gredis_client_lmove (c, K ("l"), K ("l2"), "RIGHT", "LEFT", NULL, E (str)));
  STR ("b", gredis_client_rpoplpush (c, K ("l"), K ("l2"), NULL, E (str)));
  STR ("A", gredis_client_lpop (c, K ("l"), NULL, E (str)));
  STR ("B", gredis_client_rpop (c, K ("l"), NULL, E (str)));
  STR (NULL, gredis_client_lpop (c, K ("l"), NULL, E (str)));
  STRV (L ("b", "c"), gredis_client_lpop_count (c, K ("l2"), 5, NULL, E (strv)));
  /* An empty list: nil, not an error (RESP2 sends a null array). */
  g_assert_null (gredis_client_rpop_count (c, K ("l2"), 5, NULL, &error));
  g_assert_no_error (error);
  INT (3, gredis_client_rpush (c, K ("l"), abc, NULL, E (int)));
  OK (gredis_client_ltrim (c, K ("l"), 0, 1, NULL, E (ok)));
  STRV (L ("a", "b"), gredis_client_lmpop (c, keys, "LEFT", 5, &key, NULL, E (strv)));
  g_assert_cmpstr (key, ==, K ("l"));
  g_clear_pointer (&key, g_free);
  g_assert_null (gredis_client_lmpop (c, keys, "LEFT", 0, &key, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (key);

  /* Blocking forms, on an exclusive connection with their own timeout. */
  INT (3, gredis_client_rpush (c, K ("l"), abc, NULL, E (int)));
  STRV (L (K ("l"), "a"), gredis_client_blpop (c, keys, 1, NULL, E (strv)));
  STRV (L (K ("l"), "c"), gredis_client_brpop (c, keys, 1, NULL, E (strv)));
  STR ("b", gredis_client_blmove (c, K ("l"), K ("l3"), "LEFT", "RIGHT", 1, NULL, E (str)));
  STR ("b", gredis_client_brpoplpush (c, K ("l3"), K ("l"), 1, NULL, E (str)));
  STRV (L ("b"), gredis_client_blmpop (c, 1, keys, "RIGHT", 0, &key, NULL, E (strv)));
  g_assert_cmpstr (key, ==, K ("l"));
  g_assert_null (gredis_client_blpop (c, keys, 0.05, NULL, &error));
  g_assert_no_error (error);
  STR (NULL, gredis_client_blmove (c, K ("l"), K ("l3"), "LEFT", "RIGHT", 0.05, NULL, E (str)));

  /* Binary. */
  {
    GBytes *vals[] = { bin };
    g_autoptr(GBytes) popped = NULL;
    g_autoptr(GPtrArray) many = NULL;

    INT (1, gredis_client_rpush_bytes (c, K ("lb"), vals, 1, NULL, E (int)));
    INT (2, gredis_client_linsert_bytes (c, K ("lb"), "AFTER", bin, bin, NULL, E (int)));
    g_assert_true (gredis_client_lpos_bytes (c, K ("lb"), bin, 2, 0, &index, NULL, &error));
    g_assert_cmpint (index, ==, 1);
    popped = gredis_client_lindex_bytes (c, K ("lb"), 0, NULL, &error);
    assert_binary (popped);
    many = gredis_client_lpop_count_bytes (c, K ("lb"), 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (many->len, ==, 2);
    assert_binary (g_ptr_array_index (many, 1));
  }
}

static void
test_sets (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) found = NULL;
  const char *abc[] = { "a", "b", "c", NULL };
  const char *bcd[] = { "b", "c", "d", NULL };
  const char *ask[] = { "a", "z", NULL };
  const char *both[] = { K ("s1"), K ("s2"), NULL };
  g_autofree char *next = NULL;
  g_auto(GStrv) members = NULL;

  INT (3, gredis_client_sadd (c, K ("s1"), abc, NULL, E (int)));
  INT (3, gredis_client_sadd (c, K ("s2"), bcd, NULL, E (int)));
  INT (3, gredis_client_scard (c, K ("s1"), NULL, E (int)));
  OK (gredis_client_sismember (c, K ("s1"), "a", NULL, E (ok)));
  found = gredis_client_smismember (c, K ("s1"), ask, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 2);
  g_assert_cmpint (g_array_index (found, gint64, 0), ==, 1);
  g_assert_cmpint (g_array_index (found, gint64, 1), ==, 0);
  STRV (L ("a"), gredis_client_sdiff (c, both, NULL, E (strv)));
  INT (1, gredis_client_sdiffstore (c, K ("d"), both, NULL, E (int)));
  members = gredis_client_sinter (c, both, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (members), ==, 2);
  INT (2, gredis_client_sinterstore (c, K ("i"), both, NULL, E (int)));
  INT (2, gredis_client_sintercard (c, both, 0, NULL, E (int)));
  INT (1, gredis_client_sintercard (c, both, 1, NULL, E (int)));
  g_clear_pointer (&members, g_strfreev);
  members = gredis_client_sunion (c, both, NULL, &error);
  g_assert_cmpuint (g_strv_length (members), ==, 4);
  INT (4, gredis_client_sunionstore (c, K ("u"), both, NULL, E (int)));
  OK (gredis_client_smove (c, K ("s1"), K ("s3"), "a", NULL, E (ok)));
  STRV (L ("a"), gredis_client_smembers (c, K ("s3"), NULL, E (strv)));
  STR ("a", gredis_client_srandmember (c, K ("s3"), NULL, E (str)));
  STRV (L ("a"), gredis_client_srandmember_count (c, K ("s3"), 5, NULL, E (strv)));
  STR ("a", gredis_client_spop (c, K ("s3"), NULL, E (str)));
  STR (NULL, gredis_client_spop (c, K ("s3"), NULL, E (str)));
  g_clear_pointer (&members, g_strfreev);
  members = gredis_client_spop_count (c, K ("u"), 10, NULL, &error);
  g_assert_cmpuint (g_strv_length (members), ==, 4);
  INT (1, gredis_client_srem (c, K ("s2"), (const char *[]) { "d", NULL }, NULL, E (int)));
  {
    g_auto(GStrv) step = gredis_client_sscan (c, K ("s2"), "0", "b*", 100, &next, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (next, ==, "0");
    g_assert_cmpstrv (step, ((const char * const[]) { "b", NULL }));
  }
}

static void
test_sorted_sets (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  double scores[] = { 1, 2, 3 };
  const char *members[] = { "a", "b", "c" };
  const char *ask[] = { "a", "none", NULL };
  const char *both[] = { K ("z"), K ("z2"), NULL };
  g_autoptr(GArray) got = NULL;
  g_autoptr(GPtrArray) scored = NULL;
  g_autofree char *key = NULL;
  double score;
  gint64 rank;

  INT (3, gredis_client_zadd_members (c, K ("z"), scores, members, 3, GREDIS_ZADD_NONE, NULL, E (int)));
  INT (1, gredis_client_zadd (c, K ("z"), 4, "d", GREDIS_ZADD_NX, NULL, E (int)));
  INT (1, gredis_client_zadd (c, K ("z"), 5, "d", GREDIS_ZADD_GT | GREDIS_ZADD_CH, NULL, E (int)));
  INT (0, gredis_client_zadd (c, K ("z"), 1, "d", GREDIS_ZADD_GT | GREDIS_ZADD_CH, NULL, E (int)));
  g_assert_true (gredis_client_zadd_incr (c, K ("z"), 1, "d", GREDIS_ZADD_XX, &score, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (score, ==, 6);
  g_assert_false (gredis_client_zadd_incr (c, K ("z"), 1, "e", GREDIS_ZADD_XX, &score, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_client_zincrby (c, K ("z"), -1, "d", NULL, &error), ==, 5);
  g_assert_true (gredis_client_zscore (c, K ("z"), "b", &score, NULL, &error));
  g_assert_cmpfloat (score, ==, 2);
  g_assert_false (gredis_client_zscore (c, K ("z"), "none", &score, NULL, &error));
  g_assert_no_error (error);
  got = gredis_client_zmscore (c, K ("z"), ask, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (got->len, ==, 2);
  g_assert_cmpfloat (g_array_index (got, double, 0), ==, 1);
  g_assert_true (isnan (g_array_index (got, double, 1)));
  INT (4, gredis_client_zcard (c, K ("z"), NULL, E (int)));
  INT (2, gredis_client_zcount (c, K ("z"), "(1", "3", NULL, E (int)));
  g_assert_true (gredis_client_zrank (c, K ("z"), "c", &rank, NULL, &error));
  g_assert_cmpint (rank, ==, 2);
  g_assert_true (gredis_client_zrevrank (c, K ("z"), "c", &rank, NULL, &error));
  g_assert_cmpint (rank, ==, 1);
  g_assert_false (gredis_client_zrank (c, K ("z"), "none", &rank, NULL, &error));
  g_assert_no_error (error);

  STRV (L ("a", "b", "c", "d"), gredis_client_zrange (c, K ("z"), "0", "-1", GREDIS_ZRANGE_NONE, NULL, E (strv)));
  STRV (L ("d", "c"), gredis_client_zrange (c, K ("z"), "+inf", "(2", GREDIS_ZRANGE_BYSCORE | GREDIS_ZRANGE_REV, NULL, E (strv)));
  scored = gredis_client_zrange_with_scores (c, K ("z"), "0", "-1", GREDIS_ZRANGE_NONE, 0, 0, NULL, &error);
  g_assert_no_error (error);
  assert_scored (scored, "a=1 b=2 c=3 d=5");
  g_clear_pointer (&scored, g_ptr_array_unref);
  scored = gredis_client_zrange_with_scores (c, K ("z"), "-inf", "+inf", GREDIS_ZRANGE_BYSCORE, 1, 2, NULL, &error);
  assert_scored (scored, "b=2 c=3");
  g_clear_pointer (&scored, g_ptr_array_unref);
  STRV (L ("b", "c"), gredis_client_zrangebyscore (c, K ("z"), "2", "3", 0, 0, NULL, E (strv)));
  STRV (L ("c"), gredis_client_zrevrangebyscore (c, K ("z"), "+inf", "-inf", 1, 1, NULL, E (strv)));
  STRV (L ("d", "c"), gredis_client_zrevrange (c, K ("z"), 0, 1, NULL, E (strv)));
  INT (2, gredis_client_zrangestore (c, K ("dst"), K ("z"), "0", "1", GREDIS_ZRANGE_NONE, 0, 0, NULL, E (int)));

  /* Lexicographic, on equal scores. */
  {
    double zero[] = { 0, 0, 0 };
    const char *words[] = { "x", "y", "w" };

    INT (3, gredis_client_zadd_members (c, K ("lex"), zero, words, 3, GREDIS_ZADD_NONE, NULL, E (int)));
    INT (2, gredis_client_zlexcount (c, K ("lex"), "[x", "+", NULL, E (int)));
    STRV (L ("w", "x"), gredis_client_zrangebylex (c, K ("lex"), "-", "[x", 0, 0, NULL, E (strv)));
    STRV (L ("y"), gredis_client_zrevrangebylex (c, K ("lex"), "+", "-", 0, 1, NULL, E (strv)));
    INT (1, gredis_client_zremrangebylex (c, K ("lex"), "[w", "[w", NULL, E (int)));
  }

  scored = gredis_client_zpopmin (c, K ("dst"), 0, NULL, &error);
  g_assert_no_error (error);
  assert_scored (scored, "a=1");
  g_clear_pointer (&scored, g_ptr_array_unref);
  scored = gredis_client_zpopmax (c, K ("dst"), 5, NULL, &error);
  assert_scored (scored, "b=2");
  g_clear_pointer (&scored, g_ptr_array_unref);
  scored = gredis_client_zpopmax (c, K ("dst"), 5, NULL, &error);
  assert_scored (scored, "");
  g_clear_pointer (&scored, g_ptr_array_unref);

  INT (2, gredis_client_zadd_members (c, K ("z2"), scores, members, 2, GREDIS_ZADD_NONE, NULL, E (int)));
  STRV (L ("c", "d"), gredis_client_zdiff (c, both, NULL, E (strv)));
  scored = gredis_client_zdiff_with_scores (c, both, NULL, &error);
  assert_scored (scored, "c=3 d=5");
  g_clear_pointer (&scored, g_ptr_array_unref);
  INT (2, gredis_client_zdiffstore (c, K ("diff"), both, NULL, E (int)));
  STRV (L ("a", "b"), gredis_client_zinter (c, both, NULL, E (strv)));
  scored = gredis_client_zinter_with_scores (c, both, "MAX", NULL, &error);
  assert_scored (scored, "a=1 b=2");
  g_clear_pointer (&scored, g_ptr_array_unref);
  INT (2, gredis_client_zinterstore (c, K ("inter"), both, NULL, NULL, E (int)));
  INT (2, gredis_client_zintercard (c, both, 0, NULL, E (int)));
  STRV (L ("a", "c", "b", "d"), gredis_client_zunion (c, both, NULL, E (strv)));
  scored = gredis_client_zunion_with_scores (c, both, NULL, NULL, &error);
  assert_scored (scored, "a=2 c=3 b=4 d=5");
  g_clear_pointer (&scored, g_ptr_array_unref);
  INT (4, gredis_client_zunionstore (c, K ("union"), both, "MIN", NULL, E (int)));
  {
    g_auto(GStrv) some = gredis_client_zrandmember (c, K ("z2"), 2, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (some), ==, 2);
    scored = gredis_client_zrandmember_with_scores (c, K ("z2"), -3, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (scored->len, ==, 3);
    g_clear_pointer (&scored, g_ptr_array_unref);
  }
  {
    g_autofree char *next = NULL;
    g_auto(GStrv) step = gredis_client_zscan (c, K ("z2"), "0", NULL, 100, &next, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (next, ==, "0");
    g_assert_cmpstrv (step, ((const char * const[]) { "a", "1", "b", "2", NULL }));
  }
  scored = gredis_client_zmpop (c, both, "MIN", 1, &key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, K ("z"));
  assert_scored (scored, "a=1");
  g_clear_pointer (&scored, g_ptr_array_unref);
  g_clear_pointer (&key, g_free);
  scored = gredis_client_bzpopmax (c, both, 1, &key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, K ("z"));
  assert_scored (scored, "d=5");
  g_clear_pointer (&scored, g_ptr_array_unref);
  g_clear_pointer (&key, g_free);
  scored = gredis_client_bzpopmin (c, both, 1, &key, NULL, &error);
  assert_scored (scored, "b=2");
  g_clear_pointer (&scored, g_ptr_array_unref);
  g_clear_pointer (&key, g_free);
  scored = gredis_client_bzmpop (c, 1, both, "MAX", 5, &key, NULL, &error);
  g_assert_no_error (error);
  assert_scored (scored, "c=3");
  g_clear_pointer (&scored, g_ptr_array_unref);
  g_clear_pointer (&key, g_free);
  INT (1, gredis_client_zremrangebyrank (c, K ("z2"), 0, 0, NULL, E (int)));
  INT (1, gredis_client_zremrangebyscore (c, K ("z2"), "-inf", "+inf", NULL, E (int)));
  INT (1, gredis_client_zrem (c, K ("union"), (const char *[]) { "a", NULL }, NULL, E (int)));
  g_assert_null (gredis_client_bzpopmin (c, both, 0.05, &key, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (key);
}

static void
test_streams (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  const char *e1[] = { "f", "1", "g", "x", NULL };
  const char *e2[] = { "f", "2", NULL };
  const char *keys[] = { K ("st"), NULL };
  const char *from_start[] = { "0", NULL };
  const char *new_only[] = { ">", NULL };
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *next = NULL;
  g_autoptr(GVariant) info = NULL;
  GredisStreamEntry *e;
  gint64 length = 0;

  STR ("1-1", gredis_client_xadd (c, K ("st"), GREDIS_XADD_NONE, 0, NULL, "1-1", e1, NULL, E (str)));
  STR ("2-1", gredis_client_xadd (c, K ("st"), GREDIS_XADD_NONE, 1000, NULL, "2-1", e2, NULL, E (str)));
  STR (NULL, gredis_client_xadd (c, K ("none"), GREDIS_XADD_NOMKSTREAM, 0, NULL, "*", e2, NULL, E (str)));
  INT (2, gredis_client_xlen (c, K ("st"), NULL, E (int)));
  entries = gredis_client_xrange (c, K ("st"), "-", "+", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  e = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (gredis_stream_entry_get_id (e), ==, "1-1");
  g_assert_null (gredis_stream_entry_get_stream (e));
  g_assert_cmpuint (gredis_stream_entry_get_n_fields (e), ==, 2);
  g_assert_cmpstr (gredis_stream_entry_get_field (e, 1), ==, "g");
  g_assert_cmpstr (gredis_stream_entry_get_value (e, 1), ==, "x");
  g_assert_cmpstr (gredis_stream_entry_lookup (e, "f"), ==, "1");
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = gredis_client_xrevrange (c, K ("st"), "+", "-", 1, NULL, &error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (gredis_stream_entry_get_id (g_ptr_array_index (entries, 0)), ==, "2-1");
  g_clear_pointer (&entries, g_ptr_array_unref);

  /* XREAD: an array of [stream, entries] in RESP2, a map in RESP3. */
  entries = gredis_client_xread (c, 10, -1, keys, from_start, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  g_assert_cmpstr (gredis_stream_entry_get_stream (g_ptr_array_index (entries, 1)), ==, K ("st"));
  g_clear_pointer (&entries, g_ptr_array_unref);
  g_assert_null (gredis_client_xread (c, 0, 50, keys, (const char *[]) { "$", NULL }, NULL, &error));
  g_assert_no_error (error);

  OK (gredis_client_xgroup_create (c, K ("st"), "g", "0", GREDIS_XGROUP_NONE, NULL, E (ok)));
  OK (gredis_client_xgroup_create (c, K ("new"), "g", "$", GREDIS_XGROUP_MKSTREAM, NULL, E (ok)));
  OK (gredis_client_xgroup_createconsumer (c, K ("st"), "g", "c2", NULL, E (ok)));
  entries = gredis_client_xreadgroup (c, "g", "c1", 1, -1, GREDIS_XREAD_NONE, keys, new_only, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = gredis_client_xreadgroup (c, "g", "c1", 0, 1000, GREDIS_XREAD_NONE, keys, new_only, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_assert_cmpstr (gredis_stream_entry_get_id (g_ptr_array_index (entries, 0)), ==, "2-1");
  g_clear_pointer (&entries, g_ptr_array_unref);
  {
    g_autoptr(GVariant) summary = gredis_client_xpending (c, K ("st"), "g", NULL, &error);
    g_autoptr(GVariant) consumers = NULL;
    g_autoptr(GVariant) range = NULL;
    g_autoptr(GVariant) first = NULL;
    gint64 pending = 0, deliveries = 0, idle = -1, of_c1 = 0;
    const char *text = NULL;

    g_assert_no_error (error);
    g_assert_cmpstr (g_variant_get_type_string (summary), ==, "a{sv}");
    g_assert_true (g_variant_lookup (summary, "pending", "x", &pending));
    g_assert_cmpint (pending, ==, 2);
    g_assert_true (g_variant_lookup (summary, "min", "&s", &text));
    g_assert_cmpstr (text, ==, "1-1");
    g_assert_true (g_variant_lookup (summary, "max", "&s", &text));
    g_assert_cmpstr (text, ==, "2-1");
    consumers = g_variant_lookup_value (summary, "consumers", G_VARIANT_TYPE ("a{sx}"));
    g_assert_nonnull (consumers);
    g_assert_true (g_variant_lookup (consumers, "c1", "x", &of_c1));
    g_assert_cmpint (of_c1, ==, 2);

    range = gredis_client_xpending_range (c, K ("st"), "g", 0, "-", "+", 10, "c1", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_variant_get_type_string (range), ==, "aa{sv}");
    g_assert_cmpuint (g_variant_n_children (range), ==, 2);
    first = g_variant_get_child_value (range, 0);
    g_assert_true (g_variant_lookup (first, "id", "&s", &text));
    g_assert_cmpstr (text, ==, "1-1");
    g_assert_true (g_variant_lookup (first, "consumer", "&s", &text));
    g_assert_cmpstr (text, ==, "c1");
    g_assert_true (g_variant_lookup (first, "idle", "x", &idle));
    g_assert_cmpint (idle, >=, 0);
    g_assert_true (g_variant_lookup (first, "deliveries", "x", &deliveries));
    g_assert_cmpint (deliveries, ==, 1);
  }
  entries = gredis_client_xclaim (c, K ("st"), "g", "c2", 0, (const char *[]) { "1-1", NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 1);
  g_clear_pointer (&entries, g_ptr_array_unref);
  entries = gredis_client_xautoclaim (c, K ("st"), "g", "c1", 0, "0-0", 10, &next, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (next, ==, "0-0");
  g_assert_cmpuint (entries->len, ==, 2);
  g_clear_pointer (&entries, g_ptr_array_unref);
  INT (2, gredis_client_xack (c, K ("st"), "g", (const char *[]) { "1-1", "2-1", NULL }, NULL, E (int)));
  {
    g_autoptr(GVariant) summary = gredis_client_xpending (c, K ("st"), "g", NULL, &error);
    g_autoptr(GVariant) range = gredis_client_xpending_range (c, K ("st"), "g", 0, "-", "+", 10, NULL, NULL, &error);
    gint64 pending = -1;

    g_assert_no_error (error);
    g_assert_true (g_variant_lookup (summary, "pending", "x", &pending));
    g_assert_cmpint (pending, ==, 0);
    g_assert_false (g_variant_lookup (summary, "min", "&s", NULL));
    g_assert_cmpuint (g_variant_n_children (range), ==, 0);
  }

  info = gredis_client_xinfo_stream (c, K ("st"), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (info, "length", "x", &length));
  g_assert_cmpint (length, ==, 2);
  g_clear_pointer (&info, g_variant_unref);
  info = gredis_client_xinfo_groups (c, K ("st"), NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_variant_get_type_string (info), ==, "aa{sv}");
  g_assert_cmpuint (g_variant_n_children (info), ==, 1);
  g_clear_pointer (&info, g_variant_unref);
  info = gredis_client_xinfo_consumers (c, K ("st"), "g", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (info), ==, 2);

  INT (0, gredis_client_xgroup_delconsumer (c, K ("st"), "g", "c2", NULL, E (int)));
  OK (gredis_client_xgroup_setid (c, K ("st"), "g", "0", NULL, E (ok)));
  OK (gredis_client_xgroup_destroy (c, K ("st"), "g", NULL, E (ok)));
  INT (1, gredis_client_xdel (c, K ("st"), (const char *[]) { "1-1", NULL }, NULL, E (int)));
  OK (gredis_client_xsetid (c, K ("st"), "5-0", NULL, E (ok)));
  INT (0, gredis_client_xtrim (c, K ("st"), 10, NULL, E (int)));
  INT (0, gredis_client_xtrim_minid (c, K ("st"), "0-1", NULL, E (int)));

  /* Binary values. */
  {
    const char *names[] = { "bin" };
    g_autoptr(GBytes) bin = binary_bytes ();
    GBytes *vals[] = { bin };
    g_autoptr(GBytes) value = NULL;

    g_autoptr(GBytes) id = gredis_client_xadd_bytes (c, K ("st"), GREDIS_XADD_NONE, 0, NULL, "9-1",
                                                      names, vals, 1, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpmem (g_bytes_get_data (id, NULL), g_bytes_get_size (id), "9-1", 3);
    entries = gredis_client_xrange (c, K ("st"), "9-1", "+", 0, NULL, &error);
    g_assert_no_error (error);
    value = gredis_stream_entry_get_value_bytes (g_ptr_array_index (entries, 0), 0);
    assert_binary (value);
  }
}

static void
test_geo_hll_scripts (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) positions = NULL;
  g_autoptr(GPtrArray) hashes = NULL;
  g_autoptr(GredisReply) reply = NULL;
  const char *pair[] = { "Palermo", "none", NULL };
  const char *keys[] = { K ("k"), NULL };
  const char *args[] = { "x", NULL };
  const char *no_args[] = { NULL };
  double distance;

  INT (1, gredis_client_geoadd (c, K ("geo"), GREDIS_GEOADD_NONE, 13.361389, 38.115556, "Palermo", NULL, E (int)));
  INT (1, gredis_client_geoadd (c, K ("geo"), GREDIS_GEOADD_NONE, 15.087269, 37.502669, "Catania", NULL, E (int)));
  INT (0, gredis_client_geoadd (c, K ("geo"), GREDIS_GEOADD_XX, 15.1, 37.5, "Catania", NULL, E (int)));
  g_assert_true (gredis_client_geodist (c, K ("geo"), "Palermo", "Catania", "km", &distance, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (distance, 167.4, 0.5);
  g_assert_false (gredis_client_geodist (c, K ("geo"), "Palermo", "none", NULL, &distance, NULL, &error));
  g_assert_no_error (error);
  hashes = gredis_client_geohash (c, K ("geo"), pair, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_ptr_array_index (hashes, 0), ==, "sqc8b49rny0");
  g_assert_null (g_ptr_array_index (hashes, 1));
  positions = gredis_client_geopos (c, K ("geo"), pair, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (positions->len, ==, 4);
  g_assert_cmpfloat_with_epsilon (g_array_index (positions, double, 0), 13.361389, 0.001);
  g_assert_true (isnan (g_array_index (positions, double, 3)));
  STRV (L ("Palermo", "Catania"), gredis_client_geosearch (c, K ("geo"), 15, 37, 200, "km", GREDIS_GEO_DESC, 0, NULL, E (strv)));
  STRV (L ("Palermo"), gredis_client_geosearch_member (c, K ("geo"), "Palermo", 100, "km", GREDIS_GEO_ASC, 1, NULL, E (strv)));
  INT (2, gredis_client_geosearchstore (c, K ("near"), K ("geo"), 15, 37, 200, "km", 0, NULL, E (int)));
  STRV (L ("Catania"), gredis_client_georadius (c, K ("geo"), 15, 37, 100, "km", 0, NULL, E (strv)));
  STRV (L ("Catania"), gredis_client_georadius_ro (c, K ("geo"), 15, 37, 100, "km", 0, NULL, E (strv)));
  STRV (L ("Palermo"), gredis_client_georadiusbymember (c, K ("geo"), "Palermo", 10, "km", 0, NULL, E (strv)));
  STRV (L ("Palermo"), gredis_client_georadiusbymember_ro (c, K ("geo"), "Palermo", 10, "km", 0, NULL, E (strv)));

  OK (gredis_client_pfadd (c, K ("hll"), (const char *[]) { "a", "b", "c", NULL }, NULL, E (ok)));
  OK (gredis_client_pfadd (c, K ("hll2"), (const char *[]) { "c", "d", NULL }, NULL, E (ok)));
  INT (4, gredis_client_pfcount (c, (const char *[]) { K ("hll"), K ("hll2"), NULL }, NULL, E (int)));
  OK (gredis_client_pfmerge (c, K ("hll3"), (const char *[]) { K ("hll"), K ("hll2"), NULL }, NULL, E (ok)));
  INT (4, gredis_client_pfcount (c, (const char *[]) { K ("hll3"), NULL }, NULL, E (int)));

  INT (0, gredis_client_publish (c, "chan", "hello", NULL, E (int)));
  INT (0, gredis_client_spublish (c, "chan", "hello", NULL, E (int)));
  reply = gredis_client_eval (c, "return {KEYS[1], ARGV[1]}", keys, args, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_text (gredis_reply_get_element (reply, 1)), ==, "x");
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = gredis_client_eval_ro (c, "return 7", keys, no_args, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 7);
  g_clear_pointer (&reply, gredis_reply_unref);
  /* The SHA-1 of "return 7", cached by EVAL_RO above. */
  reply = gredis_client_evalsha (c, "6f1ade24ddbe11b9a1e23d4e8e6d5a4e4f6d4c80", keys, no_args, NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_NOSCRIPT);
  g_clear_error (&error);
  {
    const char *load[] = { "SCRIPT", "LOAD", "return 8", NULL };
    g_autoptr(GredisReply) sha = gredis_client_command (c, load, NULL, &error);

    g_assert_no_error (error);
    reply = gredis_client_evalsha (c, gredis_reply_get_text (sha), keys, no_args, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gredis_reply_get_integer (reply), ==, 8);
    g_clear_pointer (&reply, gredis_reply_unref);
    reply = gredis_client_evalsha_ro (c, gredis_reply_get_text (sha), keys, no_args, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gredis_reply_get_integer (reply), ==, 8);
    g_clear_pointer (&reply, gredis_reply_unref);
  }
  STR ("lib", gredis_client_function_load (c, GREDIS_FUNCTION_REPLACE,
                                           "#!lua name=lib\n"
                                           "redis.register_function{function_name='f', callback=function(k, a) return a[1] end,"
                                           " flags={'no-writes'}}", NULL, E (str)));
  reply = gredis_client_fcall (c, "f", keys, args, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_text (reply), ==, "x");
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = gredis_client_fcall_ro (c, "f", keys, args, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_text (reply), ==, "x");
}

static void
test_server (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) config = NULL;
  g_auto(GStrv) time = NULL;
  g_autoptr(GBytes) bin = binary_bytes ();
  g_autoptr(GBytes) echoed = NULL;
  gint64 usage;

  STR ("PONG", gredis_client_ping (c, NULL, E (str)));
  STR ("hi", gredis_client_echo (c, "hi", NULL, E (str)));
  echoed = gredis_client_echo_bytes (c, bin, NULL, &error);
  assert_binary (echoed);
  g_assert_cmpint (gredis_client_client_id (c, NULL, &error), >, 0);
  INT (0, gredis_client_dbsize (c, NULL, E (int)));
  g_assert_cmpint (gredis_client_lastsave (c, NULL, &error), >, 0);
  time = gredis_client_time (c, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (time), ==, 2);
  OK (gredis_client_config_set (c, "maxmemory-policy", "noeviction", NULL, E (ok)));
  config = gredis_client_config_get (c, "maxmemory-*", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (g_hash_table_lookup (config, "maxmemory-policy"), ==, "noeviction");
  OK (gredis_client_set (c, K ("k"), "v", 0, GREDIS_SET_NONE, NULL, E (ok)));
  g_assert_true (gredis_client_memory_usage (c, K ("k"), &usage, NULL, &error));
  g_assert_cmpint (usage, >, 0);
  g_assert_false (gredis_client_memory_usage (c, K ("none"), &usage, NULL, &error));
  g_assert_no_error (error);

  /* INFO in sections, CLIENT INFO and LIST in fields, FUNCTION LIST in
   * dictionaries: the same under RESP2 and RESP3. */
  {
    g_autoptr(GVariant) info = gredis_client_info (c, "server", NULL, &error);
    g_autoptr(GVariant) all = NULL;
    g_autoptr(GVariant) me = NULL;
    g_autoptr(GVariant) clients = NULL;
    g_autoptr(GVariant) libraries = NULL;
    g_autoptr(GVariant) library = NULL;
    g_autoptr(GVariant) functions = NULL;
    g_autofree char *loaded = NULL;
    const char *version = NULL, *id = NULL, *name = NULL;
    guint n_server = 0, n_sections = 0;
    GVariantIter iter;
    const char *section;
    GVariant *fields;

    g_assert_no_error (error);
    g_assert_cmpstr (g_variant_get_type_string (info), ==, "a{sa{ss}}");
    g_variant_iter_init (&iter, info);
    while (g_variant_iter_next (&iter, "{&s@a{ss}}", &section, &fields))
      {
        if (g_str_has_suffix (section, "Server"))
          {
            n_server++;
            g_assert_true (g_variant_lookup (fields, "redis_version", "&s", &version));
            g_assert_true (g_str_has_prefix (version, "7."));
            g_assert_true (g_variant_lookup (fields, "tcp_port", "&s", NULL));
          }
        g_variant_unref (fields);
      }
#ifdef GREDIS_TEST_COMMANDS_CLUSTER
    /* Every primary answers, each section named after its node. */
    g_assert_cmpuint (n_server, ==, 3);
#else
    g_assert_cmpuint (n_server, ==, 1);
    g_assert_nonnull (g_variant_lookup_value (info, "Server", G_VARIANT_TYPE ("a{ss}")));
#endif
    all = gredis_client_info (c, NULL, NULL, &error);
    g_assert_no_error (error);
    n_sections = g_variant_n_children (all);
    g_assert_cmpuint (n_sections, >, g_variant_n_children (info));

    me = gredis_client_client_info (c, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_variant_get_type_string (me), ==, "a{ss}");
    g_assert_true (g_variant_lookup (me, "id", "&s", &id));
    g_assert_cmpint (g_ascii_strtoll (id, NULL, 10), >, 0);
    g_assert_true (g_variant_lookup (me, "addr", "&s", NULL));
    g_assert_true (g_variant_lookup (me, "cmd", "&s", &name));
    g_assert_cmpstr (name, ==, "client|info");
    clients = gredis_client_client_list (c, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_variant_get_type_string (clients), ==, "aa{ss}");
    g_assert_cmpuint (g_variant_n_children (clients), >=, 1);
    for (gsize i = 0; i < g_variant_n_children (clients); i++)
      {
        g_autoptr(GVariant) one = g_variant_get_child_value (clients, i);

        g_assert_true (g_variant_lookup (one, "id", "&s", NULL));
        g_assert_true (g_variant_lookup (one, "db", "&s", NULL));
      }

    loaded = gredis_client_function_load (c, GREDIS_FUNCTION_REPLACE,
                                          "#!lua name=typedlib\n"
                                          "redis.register_function('typed_echo', function(keys, args) return args[1] end)",
                                          NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (loaded, ==, "typedlib");
    libraries = gredis_client_function_list (c, "typed*", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_variant_get_type_string (libraries), ==, "aa{sv}");
    g_assert_cmpuint (g_variant_n_children (libraries), ==, 1);
    library = g_variant_get_child_value (libraries, 0);
    g_assert_true (g_variant_lookup (library, "library_name", "&s", &name));
    g_assert_cmpstr (name, ==, "typedlib");
    functions = g_variant_lookup_value (library, "functions", NULL);
    g_assert_nonnull (functions);
    g_assert_cmpuint (g_variant_n_children (functions), ==, 1);
  }

  /* Keyless commands over keys of several slots (on a cluster, of every
   * primary): DBSIZE summed, KEYS joined, SCAN node by node, RANDOMKEY
   * from any node that has a key. */
  {
    static const char * const names[] = { "d1", "d2", "d3", "d4", "d5", "d6" };
    g_autoptr(GHashTable) expected = g_hash_table_new (g_str_hash, g_str_equal);
    g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
    g_autofree char *cursor = g_strdup ("0");
    g_autofree char *random_key = NULL;
    g_auto(GStrv) keys = NULL;

    g_hash_table_add (expected, (gpointer) K ("k"));
    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      {
        OK (gredis_client_set (c, KS (names[i]), "1", 0, GREDIS_SET_NONE, NULL, E (ok)));
        g_hash_table_add (expected, (gpointer) KS (names[i]));
      }
#ifdef GREDIS_TEST_COMMANDS_CLUSTER
    {
      gboolean owners[GREDIS_TEST_CLUSTER_N_NODES] = { FALSE };
      guint n_owners = 0;

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        {
          const char *name = KS (names[i]);
          guint owner = cluster_test_slot_owner (cluster, gredis_key_slot ((const guint8 *) name,
                                                                           strlen (name)));

          n_owners += !owners[owner];
          owners[owner] = TRUE;
        }
      g_assert_cmpuint (n_owners, ==, 3);
    }
#endif
    INT (1 + G_N_ELEMENTS (names), gredis_client_dbsize (c, NULL, E (int)));
    keys = gredis_client_keys (c, "*", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (g_strv_length (keys), ==, 1 + G_N_ELEMENTS (names));
    for (guint i = 0; keys[i] != NULL; i++)
      g_assert_true (g_hash_table_contains (expected, keys[i]));
    do
      {
        g_auto(GStrv) step = NULL;
        char *after = NULL;

        step = gredis_client_scan (c, cursor, NULL, 2, NULL, &after, NULL, &error);
        g_assert_no_error (error);
        for (guint i = 0; step[i] != NULL; i++)
          {
            g_assert_true (g_hash_table_contains (expected, step[i]));
            g_hash_table_add (seen, g_strdup (step[i]));
          }
        g_free (cursor);
        cursor = after;
      }
    while (strcmp (cursor, "0") != 0);
    g_assert_cmpuint (g_hash_table_size (seen), ==, 1 + G_N_ELEMENTS (names));
    random_key = gredis_client_randomkey (c, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_hash_table_contains (expected, random_key));
  }
}

/* Another binary value: it sorts after the first (bytes 0x01 > 0x00). */
static const char binary2[] = "\x01\0two";
#define BINARY2_LEN (sizeof binary2 - 1)

static void
assert_data (GBytes     *bytes,
             const char *data,
             gsize       length)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, length);
}

#define ASSERT_BIN2(bytes) assert_data ((bytes), binary2, BINARY2_LEN)
#define ASSERT_KEY(bytes, name) assert_data ((bytes), K (name), strlen (K (name)))

/* The binary-safe forms the tests above do not call (more of them are in
 * tests/client/test-typed-bytes.c), with values that hold NUL bytes and
 * invalid UTF-8. */
static void
test_bytes (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bin = binary_bytes ();
  g_autoptr(GBytes) two = g_bytes_new_static (binary2, BINARY2_LEN);
  g_autoptr(GBytes) missing = g_bytes_new_static ("\0none", 5);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GArray) numbers = NULL;
  g_autofree char *key = NULL;
  g_autofree char *next = NULL;
  GBytes *one[] = { bin };
  GBytes *second[] = { two };
  GBytes *pair[] = { bin, two };
  GBytes *ask[] = { bin, missing };
  const char *pops[] = { K ("none"), K ("l"), NULL };
  double score = 0;
  gint64 rank = -1;

  /* Strings */
  OK (gredis_client_setex_bytes (c, K ("s"), 100, bin, NULL, E (ok)));
  g_assert_cmpint (gredis_client_ttl (c, K ("s"), NULL, &error), >, 0);
  OK (gredis_client_psetex_bytes (c, K ("p"), 100000, two, NULL, E (ok)));
  g_assert_cmpint (gredis_client_pttl (c, K ("p"), NULL, &error), >, 0);
  got = gredis_client_set_get_bytes (c, K ("s"), two, 0, GREDIS_SET_NONE, NULL, &error);
  g_assert_no_error (error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  OK (gredis_client_set_expire_at_bytes (c, K ("at"), bin, (guint64) (g_get_real_time () / 1000 + 100000),
                                         GREDIS_SET_NONE, NULL, E (ok)));
  g_assert_cmpint (gredis_client_ttl (c, K ("at"), NULL, &error), >, 0);
  OK (gredis_client_setnx_bytes (c, K ("nx"), bin, NULL, E (ok)));
  g_assert_false (gredis_client_setnx_bytes (c, K ("nx"), two, NULL, &error));
  g_assert_no_error (error);
  got = gredis_client_getex_bytes (c, K ("nx"), 50000, FALSE, NULL, &error);
  g_assert_no_error (error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  g_assert_cmpint (gredis_client_ttl (c, K ("nx"), NULL, &error), >, 0);
  got = gredis_client_getrange_bytes (c, K ("nx"), 0, 1, NULL, &error);
  g_assert_no_error (error);
  assert_data (got, binary, 2);
  g_clear_pointer (&got, g_bytes_unref);
  got = gredis_client_substr_bytes (c, K ("nx"), 2, 3, NULL, &error);
  g_assert_no_error (error);
  assert_data (got, "\r\n", 2);
  g_clear_pointer (&got, g_bytes_unref);
  INT (2 + BINARY_LEN, gredis_client_setrange_bytes (c, K ("r"), 2, bin, NULL, E (int)));
  {
    const char *keys[] = { K ("m1"), K ("m2"), NULL };
    const char *again[] = { K ("m3"), K ("m1"), NULL };

    OK (gredis_client_msetnx_bytes (c, keys, pair, 2, NULL, E (ok)));
    g_assert_false (gredis_client_msetnx_bytes (c, again, pair, 2, NULL, &error));
    g_assert_no_error (error);
    got = gredis_client_get_bytes (c, K ("m2"), NULL, &error);
    ASSERT_BIN2 (got);
    g_clear_pointer (&got, g_bytes_unref);
  }
  /* RESTORE's text form cannot carry a real DUMP payload (which holds
   * NUL bytes): one the server refuses, its error kept. */
  g_assert_false (gredis_client_restore (c, K ("re"), 0, "not a dump", GREDIS_RESTORE_NONE, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  g_clear_error (&error);

  /* Hashes */
  {
    const char *fields[] = { "a", "b", NULL };
    const char *ask_fields[] = { "a", "none", "b", NULL };

    OK (gredis_client_hmset_bytes (c, K ("h"), fields, pair, 2, NULL, E (ok)));
    list = gredis_client_hmget_bytes (c, K ("h"), ask_fields, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 3);
    assert_binary (g_ptr_array_index (list, 0));
    g_assert_null (g_ptr_array_index (list, 1));
    ASSERT_BIN2 (g_ptr_array_index (list, 2));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_hscan_bytes (c, K ("h"), "0", NULL, 100, &next, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (next, ==, "0");
    g_clear_pointer (&next, g_free);
    g_assert_cmpuint (list->len, ==, 4);
    assert_data (g_ptr_array_index (list, 0), "a", 1);
    assert_binary (g_ptr_array_index (list, 1));
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  /* Lists */
  INT (0, gredis_client_lpushx_bytes (c, K ("none"), one, 1, NULL, E (int)));
  INT (2, gredis_client_rpush_bytes (c, K ("l"), pair, 2, NULL, E (int)));
  INT (3, gredis_client_rpushx_bytes (c, K ("l"), one, 1, NULL, E (int)));
  OK (gredis_client_lset_bytes (c, K ("l"), 0, two, NULL, E (ok)));
  INT (2, gredis_client_lrem_bytes (c, K ("l"), 0, two, NULL, E (int)));
  INT (2, gredis_client_rpushx_bytes (c, K ("l"), second, 1, NULL, E (int)));
  got = gredis_client_lmove_bytes (c, K ("l"), K ("l2"), "RIGHT", "LEFT", NULL, &error);
  g_assert_no_error (error);
  ASSERT_BIN2 (got);
  g_clear_pointer (&got, g_bytes_unref);
  got = gredis_client_rpoplpush_bytes (c, K ("l"), K ("l2"), NULL, &error);
  g_assert_no_error (error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  list = gredis_client_rpop_count_bytes (c, K ("l2"), 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 1);
  ASSERT_BIN2 (g_ptr_array_index (list, 0));
  g_clear_pointer (&list, g_ptr_array_unref);
  {
    const char *keys[] = { K ("none"), K ("l2"), NULL };

    list = gredis_client_lmpop_bytes (c, keys, "LEFT", 5, &key, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (key, ==, K ("l2"));
    g_clear_pointer (&key, g_free);
    g_assert_cmpuint (list->len, ==, 1);
    assert_binary (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
  }
  /* Blocking forms. */
  INT (2, gredis_client_rpush_bytes (c, K ("l"), pair, 2, NULL, E (int)));
  list = gredis_client_blpop_bytes (c, pops, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  ASSERT_KEY (g_ptr_array_index (list, 0), "l");
  assert_binary (g_ptr_array_index (list, 1));
  g_clear_pointer (&list, g_ptr_array_unref);
  list = gredis_client_brpop_bytes (c, pops, 1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  ASSERT_KEY (g_ptr_array_index (list, 0), "l");
  ASSERT_BIN2 (g_ptr_array_index (list, 1));
  g_clear_pointer (&list, g_ptr_array_unref);
  g_assert_null (gredis_client_brpop_bytes (c, pops, 0.05, NULL, &error));
  g_assert_no_error (error);
  INT (2, gredis_client_rpush_bytes (c, K ("l"), pair, 2, NULL, E (int)));
  got = gredis_client_blmove_bytes (c, K ("l"), K ("l3"), "LEFT", "RIGHT", 1, NULL, &error);
  g_assert_no_error (error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  got = gredis_client_brpoplpush_bytes (c, K ("l3"), K ("l"), 1, NULL, &error);
  g_assert_no_error (error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  list = gredis_client_blmpop_bytes (c, 1, pops, "RIGHT", 5, &key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (key, ==, K ("l"));
  g_clear_pointer (&key, g_free);
  g_assert_cmpuint (list->len, ==, 2);
  ASSERT_BIN2 (g_ptr_array_index (list, 0));
  assert_binary (g_ptr_array_index (list, 1));
  g_clear_pointer (&list, g_ptr_array_unref);

  /* Sets */
  {
    const char *sets[] = { K ("s1"), K ("s2"), NULL };

    INT (2, gredis_client_sadd_bytes (c, K ("s1"), pair, 2, NULL, E (int)));
    INT (1, gredis_client_sadd_bytes (c, K ("s2"), one, 1, NULL, E (int)));
    numbers = gredis_client_smismember_bytes (c, K ("s1"), ask, 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (numbers->len, ==, 2);
    g_assert_cmpint (g_array_index (numbers, gint64, 0), ==, 1);
    g_assert_cmpint (g_array_index (numbers, gint64, 1), ==, 0);
    g_clear_pointer (&numbers, g_array_unref);
    list = gredis_client_sinter_bytes (c, sets, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    assert_binary (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_sdiff_bytes (c, sets, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    ASSERT_BIN2 (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_sunion_bytes (c, sets, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_sscan_bytes (c, K ("s1"), "0", NULL, 100, &next, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (next, ==, "0");
    g_clear_pointer (&next, g_free);
    g_assert_cmpuint (list->len, ==, 2);
    g_clear_pointer (&list, g_ptr_array_unref);
    got = gredis_client_srandmember_bytes (c, K ("s2"), NULL, &error);
    g_assert_no_error (error);
    assert_binary (got);
    g_clear_pointer (&got, g_bytes_unref);
    list = gredis_client_srandmember_count_bytes (c, K ("s2"), 5, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    assert_binary (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    OK (gredis_client_smove_bytes (c, K ("s1"), K ("s3"), two, NULL, E (ok)));
    got = gredis_client_spop_bytes (c, K ("s3"), NULL, &error);
    g_assert_no_error (error);
    ASSERT_BIN2 (got);
    g_clear_pointer (&got, g_bytes_unref);
    list = gredis_client_spop_count_bytes (c, K ("s1"), 5, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    assert_binary (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  /* Sorted sets: bin scores 1 then 3, two 2. */
  {
    double scores[] = { 1, 2 };
    double zero[] = { 0, 0 };
    const char *both[] = { K ("z"), K ("z2"), NULL };

    INT (2, gredis_client_zadd_members_bytes (c, K ("z"), scores, pair, 2, GREDIS_ZADD_NONE, NULL, E (int)));
    g_assert_true (gredis_client_zadd_incr_bytes (c, K ("z"), 2, bin, GREDIS_ZADD_XX, &score, NULL, &error));
    g_assert_no_error (error);
    g_assert_cmpfloat (score, ==, 3);
    numbers = gredis_client_zmscore_bytes (c, K ("z"), ask, 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (numbers->len, ==, 2);
    g_assert_cmpfloat (g_array_index (numbers, double, 0), ==, 3);
    g_assert_true (isnan (g_array_index (numbers, double, 1)));
    g_clear_pointer (&numbers, g_array_unref);
    g_assert_true (gredis_client_zrank_bytes (c, K ("z"), bin, &rank, NULL, &error));
    g_assert_cmpint (rank, ==, 1);
    g_assert_true (gredis_client_zrevrank_bytes (c, K ("z"), bin, &rank, NULL, &error));
    g_assert_cmpint (rank, ==, 0);
    g_assert_false (gredis_client_zrank_bytes (c, K ("z"), missing, &rank, NULL, &error));
    g_assert_no_error (error);
    list = gredis_client_zrangebyscore_bytes (c, K ("z"), "-inf", "+inf", 0, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    ASSERT_BIN2 (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_zrevrangebyscore_bytes (c, K ("z"), "+inf", "-inf", 0, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    assert_binary (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_zrevrange_bytes (c, K ("z"), 0, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    assert_binary (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_zrandmember_bytes (c, K ("z"), 2, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    g_clear_pointer (&list, g_ptr_array_unref);

    INT (2, gredis_client_zadd_members_bytes (c, K ("lex"), zero, pair, 2, GREDIS_ZADD_NONE, NULL, E (int)));
    list = gredis_client_zrangebylex_bytes (c, K ("lex"), "-", "+", 0, 0, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    assert_binary (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_zrevrangebylex_bytes (c, K ("lex"), "+", "-", 0, 1, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    ASSERT_BIN2 (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);

    INT (1, gredis_client_zadd_bytes (c, K ("z2"), 1, bin, GREDIS_ZADD_NONE, NULL, E (int)));
    list = gredis_client_zdiff_bytes (c, both, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    ASSERT_BIN2 (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_zinter_bytes (c, both, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 1);
    assert_binary (g_ptr_array_index (list, 0));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_zunion_bytes (c, both, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (list->len, ==, 2);
    ASSERT_BIN2 (g_ptr_array_index (list, 0));
    assert_binary (g_ptr_array_index (list, 1));
    g_clear_pointer (&list, g_ptr_array_unref);
    list = gredis_client_zscan_bytes (c, K ("z2"), "0", NULL, 100, &next, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (next, ==, "0");
    g_assert_cmpuint (list->len, ==, 2);
    assert_binary (g_ptr_array_index (list, 0));
    assert_data (g_ptr_array_index (list, 1), "1", 1);
    g_clear_pointer (&list, g_ptr_array_unref);
  }

  /* Geo, HyperLogLog, publishing. */
  INT (1, gredis_client_geoadd_bytes (c, K ("geo"), GREDIS_GEOADD_NONE, 13.361389, 38.115556, bin, NULL, E (int)));
  INT (1, gredis_client_zcard (c, K ("geo"), NULL, E (int)));
  OK (gredis_client_pfadd_bytes (c, K ("hll"), pair, 2, NULL, E (ok)));
  INT (2, gredis_client_pfcount (c, (const char *[]) { K ("hll"), NULL }, NULL, E (int)));
  INT (0, gredis_client_publish_bytes (c, "chan", bin, NULL, E (int)));
  INT (0, gredis_client_spublish_bytes (c, K ("chan"), bin, NULL, E (int)));
}

/* The `_async` forms and the pipeline adders share the argv builders
 * and the converters with the blocking forms; check a few end to end. */
static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_async_and_pipeline (gconstpointer data)
{
  g_autoptr(GredisClient) c = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisPipeline) p = gredis_pipeline_new (c, FALSE);
  g_autoptr(GPtrArray) scored = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GHashTable) hash = NULL;
  GAsyncResult *result = NULL;
  double scores[] = { 1.5, 2.5 };
  const char *members[] = { "a", "b" };
  const char *fv[] = { "f", "v", NULL };
  guint i_zadd, i_range, i_hset, i_hgetall, i_xadd, i_xrange, i_get;

  gredis_client_zadd_members_async (c, K ("z"), scores, members, 2, GREDIS_ZADD_NONE, NULL, on_result, &result);
  g_assert_cmpint (gredis_client_zadd_members_finish (c, wait_for (&result), &error), ==, 2);
  g_assert_no_error (error);
  g_clear_object (&result);
  gredis_client_zrange_with_scores_async (c, K ("z"), "0", "-1", GREDIS_ZRANGE_REV, 0, 0, NULL, on_result, &result);
  scored = gredis_client_zrange_with_scores_finish (c, wait_for (&result), &error);
  g_assert_no_error (error);
  assert_scored (scored, "b=2.5 a=1.5");
  g_clear_pointer (&scored, g_ptr_array_unref);
  g_clear_object (&result);
  gredis_client_blpop_async (c, (const char *[]) { K ("none"), NULL }, 0.05, NULL, on_result, &result);
  g_assert_null (gredis_client_blpop_finish (c, wait_for (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  i_zadd = gredis_pipeline_add_zadd (p, KS ("pz"), 3, "c", GREDIS_ZADD_NONE);
  i_range = gredis_pipeline_add_zrange_with_scores (p, KS ("pz"), "0", "-1", GREDIS_ZRANGE_NONE, 0, 0);
  i_hset = gredis_pipeline_add_hset (p, KS ("ph"), fv);
  i_hgetall = gredis_pipeline_add_hgetall (p, KS ("ph"));
  i_xadd = gredis_pipeline_add_xadd (p, KS ("ps"), GREDIS_XADD_NONE, 0, NULL, "1-1", fv);
  i_xrange = gredis_pipeline_add_xrange (p, KS ("ps"), "-", "+", 0);
  i_get = gredis_pipeline_add_get (p, KS ("ph"));
  OK (gredis_pipeline_execute (p, NULL, E (ok)));
  {
    g_autoptr(GredisReply) r = gredis_pipeline_get_reply (p, i_zadd, &error);

    g_assert_cmpint (gredis_reply_get_integer (r), ==, 1);
  }
  {
    g_autoptr(GredisReply) r = gredis_pipeline_get_reply (p, i_range, &error);

    scored = gredis_reply_to_scored_members (r, &error);
    g_assert_no_error (error);
    assert_scored (scored, "c=3");
  }
  {
    g_autoptr(GredisReply) r = gredis_pipeline_get_reply (p, i_hset, &error);

    g_assert_cmpint (gredis_reply_get_integer (r), ==, 1);
  }
  {
    g_autoptr(GredisReply) r = gredis_pipeline_get_reply (p, i_hgetall, &error);

    hash = gredis_reply_to_hash_table (r, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (g_hash_table_lookup (hash, "f"), ==, "v");
  }
  {
    g_autoptr(GredisReply) r = gredis_pipeline_get_reply (p, i_xadd, &error);

    g_assert_cmpstr (gredis_reply_get_text (r), ==, "1-1");
  }
  {
    g_autoptr(GredisReply) r = gredis_pipeline_get_reply (p, i_xrange, &error);

    entries = gredis_reply_to_stream_entries (r, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (entries->len, ==, 1);
    g_assert_cmpstr (gredis_stream_entry_lookup (g_ptr_array_index (entries, 0), "f"), ==, "v");
  }
  {
    /* A wrong type: the server's error, then the converter's. */
    g_autoptr(GredisReply) r = gredis_pipeline_get_reply (p, i_get, &error);
    g_autoptr(GredisReply) one = gredis_reply_new_integer (1);
    g_autoptr(GHashTable) none = NULL;

    g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
    g_clear_error (&error);
    none = gredis_reply_to_hash_table (one, &error);
    g_assert_null (none);
    g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
  }
}

#ifdef GREDIS_TEST_COMMANDS_CLUSTER
/* Each test's commands went to the primary that owns its hash tag's
 * slot, and to no other node: for each test, a command only it sends
 * (and only to its tagged keys), counted by INFO commandstats of every
 * node. The tags of the tests reach every primary. (The bytes and
 * async-and-pipeline tests send no command of their own.) */
static void
test_routed (void)
{
  static const struct { const char *test; const char *command; } marks[] = {
    { "strings", "lcs" },
    { "bitmaps", "bitfield_ro" },
    { "keys", "expiretime" },
    { "hashes", "hrandfield" },
    { "lists", "lpos" },
    { "sets", "sintercard" },
    { "sorted-sets", "zintercard" },
    { "streams", "xinfo|stream" },
    { "geo-hll-scripts", "geosearch" },
    { "server", "memory|usage" },
  };
  gboolean owns[GREDIS_TEST_CLUSTER_N_NODES] = { FALSE };
  guint n_owners = 0, n_primaries = 0;

  for (guint m = 0; m < G_N_ELEMENTS (marks); m++)
    {
      gboolean expected[GREDIS_TEST_CLUSTER_N_NODES] = { FALSE };

      for (guint protocol = 2; protocol <= 3; protocol++)
        {
          g_autofree char *tag = g_strdup_printf ("resp%u/%s", protocol, marks[m].test);
          guint slot = gredis_key_slot ((const guint8 *) tag, strlen (tag));
          guint owner = cluster_test_slot_owner (cluster, slot);

          g_test_message ("%s: slot %u, node %u", tag, slot, owner);
          expected[owner] = TRUE;
          owns[owner] = TRUE;
        }
      for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
        {
          guint64 calls = cluster_test_command_calls (cluster, n, marks[m].command);

          if (expected[n] && calls == 0)
            g_error ("%s: %s never reached node %u, which owns its slot",
                     marks[m].test, marks[m].command, n);
          if (!expected[n] && calls != 0)
            g_error ("%s: %s reached node %u (%" G_GUINT64_FORMAT " calls), which does not own its slot",
                     marks[m].test, marks[m].command, n, calls);
        }
    }
  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    {
      n_primaries += gredis_test_cluster_is_primary (cluster, n);
      n_owners += owns[n];
    }
  g_assert_cmpuint (n_primaries, ==, 3);
  g_assert_cmpuint (n_owners, ==, n_primaries);
}

static void
skip_without_redis_cli (void)
{
  g_test_skip ("redis-cli is needed to create the cluster (Debian: redis-tools).");
}
#endif

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  const char *prefix;
  int status;
  struct { const char *name; GTestDataFunc func; } tests[] = {
    { "strings", test_strings },
    { "bitmaps", test_bitmaps },
    { "keys", test_keys },
    { "hashes", test_hashes },
    { "lists", test_lists },
    { "sets", test_sets },
    { "sorted-sets", test_sorted_sets },
    { "streams", test_streams },
    { "geo-hll-scripts", test_geo_hll_scripts },
    { "server", test_server },
    { "bytes", test_bytes },
    { "async-and-pipeline", test_async_and_pipeline },
  };

  g_test_init (&argc, &argv, NULL);

#ifdef GREDIS_TEST_COMMANDS_CLUSTER
  if (!cluster_test_have_redis_cli ())
    {
      g_test_add_func ("/cluster/commands/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);
  prefix = "/cluster/commands";
#else
  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);
  prefix = "/commands";
#endif

  for (guint protocol = 2; protocol <= 3; protocol++)
    for (guint i = 0; i < G_N_ELEMENTS (tests); i++)
      {
        g_autofree char *path = g_strdup_printf ("%s/resp%u/%s", prefix, protocol, tests[i].name);

        g_test_add_data_func (path, GUINT_TO_POINTER (protocol), tests[i].func);
      }
#ifdef GREDIS_TEST_COMMANDS_CLUSTER
  /* After the others: where their commands went. */
  g_test_add_func ("/cluster/commands/routing/by-slot", test_routed);
#endif

  status = g_test_run ();

#ifdef GREDIS_TEST_COMMANDS_CLUSTER
  gredis_test_cluster_stop (cluster);
#else
  gredis_test_server_stop (server);
#endif
  g_free (key_tag);
  return status;
}
