/* test-cluster-read.c: which node serves a read, by policy and health
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-cluster-read-private.h"

static GredisReply *
text (const char *s)
{
  return gredis_reply_new_string (GREDIS_REPLY_STRING, s, -1);
}

/* A node of CLUSTER SHARDS (RESP3 map). */
static GredisReply *
node_reply (guint16     port,
            const char *role,
            const char *health)
{
  GredisReply *fields[] = {
    text ("port"), gredis_reply_new_integer (port),
    text ("ip"), text ("127.0.0.1"),
    text ("role"), text (role),
    text ("health"), text (health),
  };
  GredisReply *node = gredis_reply_new_aggregate (GREDIS_REPLY_MAP, fields, G_N_ELEMENTS (fields));

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gredis_reply_unref (fields[i]);
  return node;
}

/* One shard of slots @start to @end: a primary on @port, replicas on the
 * ports after it with @healths. */
static GredisReply *
shard_reply (gint64              start,
             gint64              end,
             guint16             port,
             const char * const *healths)
{
  g_autoptr(GPtrArray) nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);
  GredisReply *slots[] = { gredis_reply_new_integer (start), gredis_reply_new_integer (end) };
  GredisReply *fields[4];
  GredisReply *shard;

  g_ptr_array_add (nodes, node_reply (port, "master", "online"));
  for (guint i = 0; healths[i] != NULL; i++)
    g_ptr_array_add (nodes, node_reply (port + 1 + i, "replica", healths[i]));
  fields[0] = text ("slots");
  fields[1] = gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, slots, 2);
  fields[2] = text ("nodes");
  fields[3] = gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, (GredisReply **) nodes->pdata, nodes->len);
  shard = gredis_reply_new_aggregate (GREDIS_REPLY_MAP, fields, 4);
  for (guint i = 0; i < 4; i++)
    gredis_reply_unref (fields[i]);
  gredis_reply_unref (slots[0]);
  gredis_reply_unref (slots[1]);
  return shard;
}

/* Slots 0-8191: primary 7000, replicas 7001 loading, 7002 failed, 7003
 * and 7004 online. Slots 8192-16383: primary 7100, its one replica 7101
 * failed. */
static GredisClusterTopology *
make_topology (void)
{
  /* Redis 7.0 says "fail" where its documentation says "failed". */
  static const char * const first[] = { "loading", "fail", "online", "online", NULL };
  static const char * const second[] = { "failed", NULL };
  GredisReply *shards[] = { shard_reply (0, 8191, 7000, first), shard_reply (8192, 16383, 7100, second) };
  g_autoptr(GredisReply) reply = gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, shards, 2);
  g_autoptr(GError) error = NULL;
  GredisClusterTopology *topology;

  gredis_reply_unref (shards[0]);
  gredis_reply_unref (shards[1]);
  topology = _gredis_cluster_topology_new_from_shards (reply, NULL, &error);
  g_assert_no_error (error);
  return topology;
}

static gint64
fake_latency (const GredisClusterNode *node,
              gpointer                 user_data)
{
  GHashTable *times = user_data;
  gpointer value;

  if (!g_hash_table_lookup_extended (times, GUINT_TO_POINTER (node->port), NULL, &value))
    return -1;
  return GPOINTER_TO_INT (value);
}

static guint16
reader (GredisClusterTopology *topology,
        guint                  slot,
        GredisReadFrom         policy,
        guint                 *turn,
        GHashTable            *times)
{
  const GredisClusterNode *node = _gredis_cluster_choose_reader (topology, slot, policy, turn,
                                                                 fake_latency, times);

  g_assert_nonnull (node);
  return node->port;
}

static void
test_policies (void)
{
  g_autoptr(GredisClusterTopology) topology = make_topology ();
  g_autoptr(GHashTable) times = g_hash_table_new (NULL, NULL);
  guint turn = 0;

  g_assert_cmpint (_gredis_read_from_parse (NULL), ==, GREDIS_READ_FROM_PRIMARY);
  g_assert_cmpint (_gredis_read_from_parse ("replicas"), ==, GREDIS_READ_FROM_REPLICAS);
  g_assert_cmpint (_gredis_read_from_parse ("prefer-replica"), ==, GREDIS_READ_FROM_PREFER_REPLICA);
  g_assert_cmpint (_gredis_read_from_parse ("nearest"), ==, GREDIS_READ_FROM_NEAREST);

  g_assert_cmpuint (reader (topology, 5, GREDIS_READ_FROM_PRIMARY, &turn, times), ==, 7000);
  /* Loading and failed replicas are skipped. */
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (reader (topology, 5, GREDIS_READ_FROM_PREFER_REPLICA, &turn, times), ==, 7003);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpuint (reader (topology, 5, GREDIS_READ_FROM_REPLICAS, &turn, times), ==, 7003 + i % 2);
  /* No healthy replica: the primary. */
  g_assert_cmpuint (reader (topology, 9000, GREDIS_READ_FROM_PREFER_REPLICA, &turn, times), ==, 7100);
  g_assert_cmpuint (reader (topology, 9000, GREDIS_READ_FROM_REPLICAS, &turn, times), ==, 7100);

  /* Nearest: the primary while nothing is known; then the fastest
   * healthy node, a faster loading replica notwithstanding. */
  g_assert_cmpuint (reader (topology, 5, GREDIS_READ_FROM_NEAREST, &turn, times), ==, 7000);
  g_hash_table_insert (times, GUINT_TO_POINTER (7000), GINT_TO_POINTER (900));
  g_hash_table_insert (times, GUINT_TO_POINTER (7001), GINT_TO_POINTER (10));
  g_hash_table_insert (times, GUINT_TO_POINTER (7003), GINT_TO_POINTER (500));
  g_hash_table_insert (times, GUINT_TO_POINTER (7004), GINT_TO_POINTER (300));
  g_assert_cmpuint (reader (topology, 5, GREDIS_READ_FROM_NEAREST, &turn, times), ==, 7004);
  g_hash_table_insert (times, GUINT_TO_POINTER (7000), GINT_TO_POINTER (100));
  g_assert_cmpuint (reader (topology, 5, GREDIS_READ_FROM_NEAREST, &turn, times), ==, 7000);
  g_hash_table_insert (times, GUINT_TO_POINTER (7101), GINT_TO_POINTER (1));
  g_hash_table_insert (times, GUINT_TO_POINTER (7002), GINT_TO_POINTER (1));
  g_assert_cmpuint (reader (topology, 9000, GREDIS_READ_FROM_NEAREST, &turn, times), ==, 7100);
  g_assert_cmpuint (reader (topology, 5, GREDIS_READ_FROM_NEAREST, &turn, times), ==, 7000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cluster/read/policies", test_policies);
  return g_test_run ();
}
