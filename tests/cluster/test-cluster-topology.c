/* test-cluster-topology.c: the slot map from fixed CLUSTER SHARDS and
 * CLUSTER SLOTS replies, in both protocols, and from malformed ones
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-cluster-topology-private.h"

/* Replies are written in a small notation: [ … ] an array, { … } a map
 * (RESP3) or an array of alternating names and values (RESP2), a number
 * an integer, _ nil, "" the empty string, anything else a string. */
static GredisReply *
build (char   ***tokens,
       gboolean  resp3)
{
  const char *token = **tokens;
  char *end = NULL;
  gint64 value;

  g_assert_nonnull (token);
  (*tokens)++;
  if (strcmp (token, "[") == 0 || strcmp (token, "{") == 0)
    {
      const char *close = token[0] == '[' ? "]" : "}";
      gboolean map = token[0] == '{' && resp3;
      g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);

      while (strcmp (**tokens, close) != 0)
        g_ptr_array_add (elements, build (tokens, resp3));
      (*tokens)++;
      return gredis_reply_new_aggregate (map ? GREDIS_REPLY_MAP : GREDIS_REPLY_ARRAY,
                                         (GredisReply **) elements->pdata, elements->len);
    }
  if (strcmp (token, "_") == 0)
    return gredis_reply_new_nil ();
  if (strcmp (token, "\"\"") == 0)
    return gredis_reply_new_string (GREDIS_REPLY_STRING, "", 0);
  value = g_ascii_strtoll (token, &end, 10);
  if (end != token && *end == '\0')
    return gredis_reply_new_integer (value);
  return gredis_reply_new_string (GREDIS_REPLY_STRING, token, -1);
}

static GredisReply *
reply_from (const char *text,
            gboolean    resp3)
{
  g_auto(GStrv) tokens = g_strsplit_set (text, " \n", -1);
  g_autoptr(GPtrArray) words = g_ptr_array_new ();
  char **cursor;
  GredisReply *reply;

  for (guint i = 0; tokens[i] != NULL; i++)
    if (tokens[i][0] != '\0')
      g_ptr_array_add (words, tokens[i]);
  g_ptr_array_add (words, NULL);
  cursor = (char **) words->pdata;
  reply = build (&cursor, resp3);
  g_assert_null (*cursor);
  return reply;
}

static GredisClusterTopology *
parse (const char  *text,
       gboolean     resp3,
       gboolean     shards,
       GError     **error)
{
  g_autoptr(GredisReply) reply = reply_from (text, resp3);

  return shards ? _gredis_cluster_topology_new_from_shards (reply, "seed.example", error)
                : _gredis_cluster_topology_new_from_slots (reply, "seed.example", error);
}

#define NODE(id, port, role, health) \
  "{ id " id " port " port " ip 127.0.0.1 endpoint 127.0.0.1 hostname \"\" role " role \
  " replication-offset 42 health " health " }"

static const char shards_reply[] =
  "[ { slots [ 0 5460 ] nodes [ "
  NODE ("aaa", "7000", "master", "online") " " NODE ("bbb", "7003", "replica", "loading")
  " ] } "
  "{ slots [ 5461 10922 ] nodes [ "
  NODE ("ccc", "7004", "replica", "online") " " NODE ("ddd", "7001", "master", "online")
  " ] } "
  "{ slots [ 10923 12000 12001 16383 ] nodes [ "
  NODE ("eee", "7002", "master", "online") " " NODE ("fff", "7005", "replica", "failed")
  " ] } ]";

static const char slots_reply[] =
  "[ [ 0 5460 [ 127.0.0.1 7000 aaa { } ] [ 127.0.0.1 7003 bbb { } ] ] "
  "[ 5461 10922 [ 127.0.0.1 7001 ddd { hostname h1 } ] [ 127.0.0.1 7004 ccc ] ] "
  "[ 10923 12000 [ 127.0.0.1 7002 eee ] [ 127.0.0.1 7005 fff ] ] "
  "[ 12001 16383 [ 127.0.0.1 7002 eee ] [ 127.0.0.1 7005 fff ] ] ]";

static void
check_three_shards (GredisClusterTopology *topology,
                    gboolean               with_health)
{
  const GredisClusterNode *node;
  guint replicas = 0;

  g_assert_cmpuint (topology->nodes->len, ==, 6);
  for (guint slot = 0; slot < GREDIS_CLUSTER_N_SLOTS; slot++)
    {
      guint16 port = slot <= 5460 ? 7000 : slot <= 10922 ? 7001 : 7002;

      node = _gredis_cluster_topology_get_primary (topology, slot);
      g_assert_nonnull (node);
      g_assert_cmpuint (node->port, ==, port);
      g_assert_cmpstr (node->host, ==, "127.0.0.1");
      g_assert_cmpint (node->role, ==, GREDIS_CLUSTER_ROLE_PRIMARY);
    }
  node = _gredis_cluster_topology_get_primary (topology, 0);
  g_assert_cmpstr (node->id, ==, "aaa");

  for (guint i = 0; i < topology->nodes->len; i++)
    {
      GredisClusterNode *replica = g_ptr_array_index (topology->nodes, i);
      GredisClusterNode *primary = g_ptr_array_index (topology->nodes, replica->primary);

      if (replica->role != GREDIS_CLUSTER_ROLE_REPLICA)
        {
          g_assert_cmpuint (replica->primary, ==, i);
          continue;
        }
      replicas++;
      /* 7003 replicates 7000, 7004 7001, 7005 7002. */
      g_assert_cmpuint (replica->port, ==, primary->port + 3);
      if (with_health && replica->port == 7003)
        g_assert_cmpint (replica->health, ==, GREDIS_CLUSTER_HEALTH_LOADING);
      else if (with_health && replica->port == 7005)
        g_assert_cmpint (replica->health, ==, GREDIS_CLUSTER_HEALTH_FAILED);
      else
        g_assert_cmpint (replica->health, ==, GREDIS_CLUSTER_HEALTH_ONLINE);
    }
  g_assert_cmpuint (replicas, ==, 3);
}

static void
test_shards (gconstpointer data)
{
  gboolean resp3 = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClusterTopology) topology = parse (shards_reply, resp3, TRUE, &error);

  g_assert_no_error (error);
  check_three_shards (topology, TRUE);
}

static void
test_slots (gconstpointer data)
{
  gboolean resp3 = GPOINTER_TO_INT (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClusterTopology) topology = parse (slots_reply, resp3, FALSE, &error);
  g_autoptr(GredisClusterTopology) from_shards = parse (shards_reply, resp3, TRUE, NULL);

  g_assert_no_error (error);
  check_three_shards (topology, FALSE);
  g_assert_true (_gredis_cluster_topology_equal (topology, from_shards));
}

/* Unknown endpoints: the host the reply came from. */
static void
test_unknown_endpoint (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClusterTopology) shards = NULL;
  g_autoptr(GredisClusterTopology) slots = NULL;
  const GredisClusterNode *node;

  shards = parse ("[ { slots [ 0 16383 ] nodes [ { id a port 7000 ip ? endpoint ? role master } "
                  "{ id b port 7001 ip 10.0.0.2 endpoint \"\" role replica } ] } ]",
                  TRUE, TRUE, &error);
  g_assert_no_error (error);
  node = _gredis_cluster_topology_get_primary (shards, 16383);
  g_assert_cmpstr (node->host, ==, "seed.example");
  node = g_ptr_array_index (shards->nodes, 1);
  g_assert_cmpstr (node->host, ==, "10.0.0.2");
  /* No health field: online. */
  g_assert_cmpint (node->health, ==, GREDIS_CLUSTER_HEALTH_ONLINE);

  slots = parse ("[ [ 0 100 [ \"\" 7000 ] ] [ 101 200 [ _ 7001 ] ] [ 201 300 [ ? 7002 ] ] ]",
                 FALSE, FALSE, &error);
  g_assert_no_error (error);
  for (guint slot = 0; slot <= 300; slot += 100)
    g_assert_cmpstr (_gredis_cluster_topology_get_primary (slots, slot)->host, ==, "seed.example");
  g_assert_null (_gredis_cluster_topology_get_primary (slots, 301));

  /* A TLS-only node: its tls-port. */
  g_clear_pointer (&shards, _gredis_cluster_topology_free);
  shards = parse ("[ { slots [ 0 1 ] nodes [ { id a tls-port 7443 ip 127.0.0.1 role master } ] } ]",
                  FALSE, TRUE, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_gredis_cluster_topology_get_primary (shards, 1)->port, ==, 7443);

  /* Both ports (tls-cluster with plain ports too): the one of the
   * client's kind of connection. */
  {
    g_autoptr(GredisReply) both = reply_from ("[ { slots [ 0 1 ] nodes [ { id a port 7000 tls-port 7443 "
                                              "ip 127.0.0.1 role master } ] } ]", FALSE);

    g_clear_pointer (&shards, _gredis_cluster_topology_free);
    shards = _gredis_cluster_topology_new_from_shards_full (both, NULL, TRUE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (_gredis_cluster_topology_get_primary (shards, 0)->port, ==, 7443);
    g_clear_pointer (&shards, _gredis_cluster_topology_free);
    shards = _gredis_cluster_topology_new_from_shards_full (both, NULL, FALSE, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (_gredis_cluster_topology_get_primary (shards, 0)->port, ==, 7000);
  }
}

static const char * const bad_shards[] = {
  "5",
  "_",
  "[ 5 ]",
  "[ [ slots ] ]",
  "[ { slots [ 0 16383 ] } ]",
  "[ { nodes [ ] } ]",
  "[ { slots 5 nodes [ ] } ]",
  "[ { slots [ 0 ] nodes [ { id a port 7000 ip h role master } ] } ]",
  "[ { slots [ 0 16384 ] nodes [ { id a port 7000 ip h role master } ] } ]",
  "[ { slots [ -1 5 ] nodes [ { id a port 7000 ip h role master } ] } ]",
  "[ { slots [ 9 5 ] nodes [ { id a port 7000 ip h role master } ] } ]",
  "[ { slots [ 0 x ] nodes [ { id a port 7000 ip h role master } ] } ]",
  "[ { slots [ 0 1 ] nodes [ 5 ] } ]",
  "[ { slots [ 0 1 ] nodes [ [ id a port ] ] } ]",
  "[ { slots [ 0 1 ] nodes [ { 5 a port 7000 ip h role master } ] } ]",
  "[ { slots [ 0 1 ] nodes [ { id a port 0 ip h role master } ] } ]",
  "[ { slots [ 0 1 ] nodes [ { id a port 70000 ip h role master } ] } ]",
  "[ { slots [ 0 1 ] nodes [ { id a port 7000x ip h role master } ] } ]",
  "[ { slots [ 0 1 ] nodes [ { id a port 7000 ip h role boss } ] } ]",
  "[ { slots [ 0 1 ] nodes [ { id a port 7000 ip h } ] } ]",
  "[ { slots [ 0 1 ] nodes [ { id a port 7000 role master } ] } ] NOSEED",
  "[ { slots [ 0 10 ] nodes [ { id a port 7000 ip h role master } ] } "
  "{ slots [ 10 20 ] nodes [ { id b port 7001 ip h role master } ] } ]",
};

static const char * const bad_slots[] = {
  "5",
  "[ 5 ]",
  "[ [ 0 1 ] ]",
  "[ [ 0 x [ h 7000 ] ] ]",
  "[ [ 0 16384 [ h 7000 ] ] ]",
  "[ [ 0 1 [ h ] ] ]",
  "[ [ 0 1 h ] ]",
  "[ [ 0 1 [ h 0 ] ] ]",
  "[ [ 0 1 [ h 7000x ] ] ]",
  "[ [ 0 1 [ h 7000 ] [ h 7000 ] ] ]",
  "[ [ 0 1 [ h 7000 ] [ h 7001 ] ] [ 2 3 [ h 7001 ] ] ]",
  "[ [ 0 1 [ \"\" 7000 ] ] ] NOSEED",
  "[ [ 0 5 [ h 7000 ] ] [ 5 9 [ h 7001 ] ] ]",
};

static void
check_bad (const char *text,
           gboolean    shards)
{
  gboolean no_seed = g_str_has_suffix (text, " NOSEED");
  g_autofree char *body = no_seed ? g_strndup (text, strlen (text) - 7) : g_strdup (text);

  for (int resp3 = 0; resp3 <= 1; resp3++)
    {
      g_autoptr(GredisReply) reply = reply_from (body, resp3);
      g_autoptr(GError) error = NULL;
      const char *seed = no_seed ? NULL : "seed.example";
      GredisClusterTopology *topology =
        shards ? _gredis_cluster_topology_new_from_shards (reply, seed, &error)
               : _gredis_cluster_topology_new_from_slots (reply, seed, &error);

      if (topology != NULL)
        g_error ("accepted: %s", text);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
    }
}

static void
test_malformed (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (bad_shards); i++)
    check_bad (bad_shards[i], TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (bad_slots); i++)
    check_bad (bad_slots[i], FALSE);
}

/* Every element of a good reply replaced by other kinds of reply, one at
 * a time: an error or a map, never a crash. */
static GredisReply *
replace_nth (GredisReply *reply,
             guint       *n,
             gboolean    *replaced,
             GredisReply *with)
{
  g_autoptr(GPtrArray) elements = NULL;
  GredisReplyKind kind = gredis_reply_get_kind (reply);

  if (!*replaced && (*n)-- == 0)
    {
      *replaced = TRUE;
      return gredis_reply_ref (with);
    }
  if (!gredis_reply_is_aggregate (reply))
    return gredis_reply_ref (reply);
  elements = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    g_ptr_array_add (elements, replace_nth (gredis_reply_get_element (reply, i), n, replaced, with));
  return gredis_reply_new_aggregate (kind, (GredisReply **) elements->pdata, elements->len);
}

static void
test_mutations (void)
{
  GredisReply *others[] = {
    gredis_reply_new_nil (),
    gredis_reply_new_integer (-1),
    gredis_reply_new_integer (G_MAXINT64),
    gredis_reply_new_string (GREDIS_REPLY_STRING, "", 0),
    gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, NULL, 0),
    gredis_reply_new_aggregate (GREDIS_REPLY_MAP, NULL, 0),
  };
  guint accepted = 0, refused = 0;

  for (int shards = 0; shards <= 1; shards++)
    for (int resp3 = 0; resp3 <= 1; resp3++)
      {
        g_autoptr(GredisReply) good = reply_from (shards ? shards_reply : slots_reply, resp3);

        for (guint position = 0;; position++)
          {
            gboolean past_end = FALSE;

            for (guint k = 0; k < G_N_ELEMENTS (others); k++)
              {
                guint n = position;
                gboolean replaced = FALSE;
                g_autoptr(GredisReply) bad = replace_nth (good, &n, &replaced, others[k]);
                g_autoptr(GError) error = NULL;
                g_autoptr(GredisClusterTopology) topology = NULL;

                if (!replaced)
                  {
                    past_end = TRUE;
                    break;
                  }
                topology = shards ? _gredis_cluster_topology_new_from_shards (bad, NULL, &error)
                                  : _gredis_cluster_topology_new_from_slots (bad, NULL, &error);
                g_assert_true ((topology == NULL) == (error != NULL));
                if (topology != NULL)
                  accepted++;
                else
                  refused++;
              }
            if (past_end)
              break;
          }
      }
  /* Both happen: replacing a field nobody reads is harmless. */
  g_test_message ("%u mutated replies accepted, %u refused", accepted, refused);
  g_assert_cmpuint (accepted, >, 100);
  g_assert_cmpuint (refused, >, 100);
  for (guint k = 0; k < G_N_ELEMENTS (others); k++)
    gredis_reply_unref (others[k]);
}

static void
test_patch_moved (void)
{
  g_autoptr(GredisClusterTopology) topology = parse (shards_reply, FALSE, TRUE, NULL);
  const GredisClusterNode *node;
  guint n_nodes = topology->nodes->len;

  /* To a known primary. */
  g_assert_true (_gredis_cluster_topology_patch_moved (topology, 0, "127.0.0.1", 7001));
  g_assert_cmpuint (_gredis_cluster_topology_get_primary (topology, 0)->port, ==, 7001);
  g_assert_cmpuint (_gredis_cluster_topology_get_primary (topology, 1)->port, ==, 7000);
  g_assert_cmpuint (topology->nodes->len, ==, n_nodes);

  /* To an unknown node: created. */
  g_assert_true (_gredis_cluster_topology_patch_moved (topology, 16383, "127.0.0.9", 7009));
  node = _gredis_cluster_topology_get_primary (topology, 16383);
  g_assert_cmpstr (node->host, ==, "127.0.0.9");
  g_assert_cmpuint (node->port, ==, 7009);
  g_assert_cmpint (node->role, ==, GREDIS_CLUSTER_ROLE_PRIMARY);
  g_assert_null (node->id);
  g_assert_cmpuint (topology->nodes->len, ==, n_nodes + 1);

  /* To a replica: it was promoted. */
  g_assert_true (_gredis_cluster_topology_patch_moved (topology, 100, "127.0.0.1", 7003));
  node = _gredis_cluster_topology_get_primary (topology, 100);
  g_assert_cmpuint (node->port, ==, 7003);
  g_assert_cmpint (node->role, ==, GREDIS_CLUSTER_ROLE_PRIMARY);
  g_assert_cmpuint (node->primary, ==, _gredis_cluster_topology_find_node (topology, "127.0.0.1", 7003));

  g_assert_false (_gredis_cluster_topology_patch_moved (topology, 16384, "127.0.0.1", 7000));
  g_assert_false (_gredis_cluster_topology_patch_moved (topology, 1, "127.0.0.1", 0));
}

/* What changed between two maps: nothing for a copy or the same map in
 * the other protocol; slots, nodes added or removed, roles. */
static void
test_diff (void)
{
  g_autoptr(GredisClusterTopology) before = parse (shards_reply, FALSE, TRUE, NULL);
  g_autoptr(GredisClusterTopology) copy = _gredis_cluster_topology_copy (before);
  g_autoptr(GredisClusterTopology) resp3 = parse (shards_reply, TRUE, TRUE, NULL);
  g_autoptr(GredisClusterTopology) moved = _gredis_cluster_topology_copy (before);
  g_autoptr(GredisClusterTopology) added = _gredis_cluster_topology_copy (before);
  g_autoptr(GredisClusterTopology) failover = NULL;
  static const char failover_reply[] =
    "[ { slots [ 0 5460 ] nodes [ "
    NODE ("aaa", "7000", "replica", "online") " " NODE ("bbb", "7003", "master", "online")
    " ] } "
    "{ slots [ 5461 10922 ] nodes [ "
    NODE ("ccc", "7004", "replica", "online") " " NODE ("ddd", "7001", "master", "online")
    " ] } "
    "{ slots [ 10923 16383 ] nodes [ "
    NODE ("eee", "7002", "master", "online") " ] } ]";

  g_assert_true (_gredis_cluster_topology_equal (before, copy));
  g_assert_cmpuint (copy->nodes->len, ==, before->nodes->len);
  g_assert_cmpstr (((GredisClusterNode *) g_ptr_array_index (copy->nodes, 0))->id, ==, "aaa");
  g_assert_cmpuint (_gredis_cluster_topology_diff (before, copy), ==, GREDIS_TOPOLOGY_CHANGE_NONE);
  g_assert_cmpuint (_gredis_cluster_topology_diff (before, resp3), ==, GREDIS_TOPOLOGY_CHANGE_NONE);

  /* A slot to another known primary; the copy is independent. */
  _gredis_cluster_topology_patch_moved (moved, 42, "127.0.0.1", 7001);
  g_assert_cmpuint (_gredis_cluster_topology_diff (before, moved), ==, GREDIS_TOPOLOGY_CHANGE_SLOTS);
  g_assert_cmpuint (_gredis_cluster_topology_diff (before, copy), ==, GREDIS_TOPOLOGY_CHANGE_NONE);

  /* A new node serving a slot; seen the other way, a node gone. */
  _gredis_cluster_topology_patch_moved (added, 7, "127.0.0.9", 7009);
  g_assert_cmpuint (_gredis_cluster_topology_diff (before, added), ==,
                    GREDIS_TOPOLOGY_CHANGE_SLOTS | GREDIS_TOPOLOGY_CHANGE_NODE_ADDED);
  g_assert_cmpuint (_gredis_cluster_topology_diff (added, before), ==,
                    GREDIS_TOPOLOGY_CHANGE_SLOTS | GREDIS_TOPOLOGY_CHANGE_NODE_REMOVED);

  /* A replica promoted (its slots with it), another replica gone. */
  failover = parse (failover_reply, FALSE, TRUE, NULL);
  g_assert_cmpuint (_gredis_cluster_topology_diff (before, failover), ==,
                    GREDIS_TOPOLOGY_CHANGE_SLOTS | GREDIS_TOPOLOGY_CHANGE_FAILOVER |
                    GREDIS_TOPOLOGY_CHANGE_NODE_REMOVED);
}

static void
test_majority (void)
{
  g_autoptr(GPtrArray) views = g_ptr_array_new_with_free_func ((GDestroyNotify) _gredis_cluster_topology_free);
  GredisClusterTopology *moved, *replica_moved;

  moved = parse (shards_reply, FALSE, TRUE, NULL);
  _gredis_cluster_topology_patch_moved (moved, 5, "127.0.0.1", 7001);
  replica_moved = parse (shards_reply, TRUE, TRUE, NULL);
  ((GredisClusterNode *) g_ptr_array_index (replica_moved->nodes, 1))->primary =
    _gredis_cluster_topology_find_node (replica_moved, "127.0.0.1", 7001);
  g_assert_false (_gredis_cluster_topology_equal (moved, replica_moved));

  /* One view alone. */
  g_ptr_array_add (views, moved);
  g_assert_cmpuint (_gredis_cluster_topology_choose (views), ==, 0);
  /* A tie: the first. */
  g_ptr_array_add (views, replica_moved);
  g_assert_cmpuint (_gredis_cluster_topology_choose (views), ==, 0);
  /* Two agree (ids and health aside): they win. */
  g_ptr_array_add (views, parse (shards_reply, TRUE, TRUE, NULL));
  g_ptr_array_add (views, parse (slots_reply, FALSE, FALSE, NULL));
  g_assert_cmpuint (_gredis_cluster_topology_choose (views), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_data_func ("/cluster-topology/shards/resp2", GINT_TO_POINTER (FALSE), test_shards);
  g_test_add_data_func ("/cluster-topology/shards/resp3", GINT_TO_POINTER (TRUE), test_shards);
  g_test_add_data_func ("/cluster-topology/slots/resp2", GINT_TO_POINTER (FALSE), test_slots);
  g_test_add_data_func ("/cluster-topology/slots/resp3", GINT_TO_POINTER (TRUE), test_slots);
  g_test_add_func ("/cluster-topology/unknown-endpoint", test_unknown_endpoint);
  g_test_add_func ("/cluster-topology/malformed", test_malformed);
  g_test_add_func ("/cluster-topology/mutations", test_mutations);
  g_test_add_func ("/cluster-topology/patch-moved", test_patch_moved);
  g_test_add_func ("/cluster-topology/majority", test_majority);
  g_test_add_func ("/cluster-topology/diff", test_diff);

  return g_test_run ();
}
