/* test-cluster-reads.c: read policies, READONLY on replicas, and the
 * address map, against a real local cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "cluster-test-util.h"
#include "gredis-test-proxy.h"

#define N_READS 20
#define WAIT_US (30 * G_USEC_PER_SEC)

static GredisTestCluster *cluster;

/* Keys that fall in each third of the slots, so on each shard. */
static const char * const shard_keys[] = { "{a}read", "{b}read", "{c}read", NULL };

/* The fixture's node with @port. */
static guint
node_of_port (guint16 port)
{
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    if (gredis_test_cluster_get_port (cluster, i) == port)
      return i;
  g_assert_not_reached ();
}

/* From CLUSTER NODES of node 0: the primary of @key's slot and its
 * replicas (fixture numbers; at most two). */
static guint
shard_of_key (const char *key,
              guint      *replicas,
              guint      *n_replicas)
{
  g_autofree char *nodes = cluster_test_cli (cluster, 0, "CLUSTER", "NODES", NULL);
  g_auto(GStrv) lines = g_strsplit (nodes, "\n", -1);
  guint slot = gredis_key_slot ((const guint8 *) key, strlen (key));
  g_autofree char *primary_id = NULL;
  guint primary = G_MAXUINT;

  for (guint i = 0; lines[i] != NULL && primary == G_MAXUINT; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (fields) < 9 || strstr (fields[2], "master") == NULL)
        continue;
      for (guint f = 8; fields[f] != NULL; f++)
        {
          guint64 start = g_ascii_strtoull (fields[f], NULL, 10);
          const char *dash = strchr (fields[f], '-');
          guint64 end = dash != NULL ? g_ascii_strtoull (dash + 1, NULL, 10) : start;

          if (fields[f][0] != '[' && slot >= start && slot <= end)
            {
              primary = node_of_port ((guint16) g_ascii_strtoull (strchr (fields[1], ':') + 1, NULL, 10));
              primary_id = g_strdup (fields[0]);
            }
        }
    }
  g_assert_cmpuint (primary, !=, G_MAXUINT);
  *n_replicas = 0;
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (fields) >= 8 && strstr (fields[2], "slave") != NULL &&
          g_str_equal (fields[3], primary_id))
        {
          g_assert_cmpuint (*n_replicas, <, 2);
          replicas[(*n_replicas)++] = node_of_port ((guint16) g_ascii_strtoull (strchr (fields[1], ':') + 1, NULL, 10));
        }
    }
  return primary;
}

static void
reset_stats (void)
{
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    g_free (cluster_test_cli (cluster, i, "CONFIG", "RESETSTAT", NULL));
}

static guint64
info_number (const char *info,
             const char *field)
{
  g_autofree char *wanted = g_strdup_printf ("\n%s:", field);
  const char *p = strstr (info, wanted);

  g_assert_nonnull (p);
  return g_ascii_strtoull (p + strlen (wanted), NULL, 10);
}

/* Until every replica has applied all its primary sent. */
static void
wait_replicas_synced (void)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_US;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    for (;;)
      {
        g_autofree char *info = cluster_test_cli (cluster, node, "INFO", "replication", NULL);
        g_autofree char *primary_info = NULL;

        if (strstr (info, "role:slave") == NULL)
          break;
        primary_info = cluster_test_cli (cluster, node_of_port ((guint16) info_number (info, "master_port")),
                                         "INFO", "replication", NULL);
        if (info_number (info, "slave_repl_offset") >= info_number (primary_info, "master_repl_offset"))
          break;
        g_assert_cmpint (g_get_monotonic_time (), <, deadline);
        g_usleep (20 * 1000);
      }
}

/* Writes @key through @client and waits until every replica has it. */
static void
write_and_wait (GredisClient *client,
                const char   *key,
                const char   *value)
{
  g_autoptr(GredisReply) set = NULL;
  g_autoptr(GError) error = NULL;

  set = cluster_test_run (client, FALSE, &error, "SET", key, value, NULL);
  g_assert_no_error (error);
  wait_replicas_synced ();
}

static void
read_key (GredisClient *client,
          gboolean      async,
          const char   *key,
          const char   *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = cluster_test_run (client, async, &error, "GET", key, NULL);

  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, expected);
}

/* read-from=replicas: every GET, async and blocking, is served by the
 * key's replica, every SET by its primary. */
static void
test_reads_on_replicas (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 0, "read-from=replicas");

  for (guint k = 0; shard_keys[k] != NULL; k++)
    write_and_wait (client, shard_keys[k], shard_keys[k]);
  reset_stats ();
  for (guint k = 0; shard_keys[k] != NULL; k++)
    {
      guint replicas[2], n_replicas;
      guint primary = shard_of_key (shard_keys[k], replicas, &n_replicas);
      g_autoptr(GredisReply) set = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_cmpuint (n_replicas, ==, 1);
      for (guint i = 0; i < N_READS; i++)
        read_key (client, i % 2 == 0, shard_keys[k], shard_keys[k]);
      set = cluster_test_run (client, TRUE, &error, "SET", shard_keys[k], "written", NULL);
      g_assert_no_error (error);

      g_test_message ("%s: primary %u, replica %u", shard_keys[k], primary, replicas[0]);
      g_assert_cmpuint (cluster_test_command_calls (cluster, replicas[0], "get"), ==, N_READS);
      g_assert_cmpuint (cluster_test_command_calls (cluster, primary, "get"), ==, 0);
      g_assert_cmpuint (cluster_test_command_calls (cluster, primary, "set"), ==, 1);
    }
}

/* Blocking calls on a cluster client use the connections of the node's
 * pool again: a hundred GETs open one connection to the node, not a
 * hundred. */
static void
test_blocking_reuses_connections (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 0, NULL);
  const char *key = shard_keys[0];
  guint replicas[2], n_replicas;
  guint primary = shard_of_key (key, replicas, &n_replicas);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  guint64 opened;

  write_and_wait (client, key, "again");
  before = cluster_test_cli (cluster, primary, "INFO", "stats", NULL);
  for (guint i = 0; i < 100; i++)
    read_key (client, FALSE, key, "again");
  after = cluster_test_cli (cluster, primary, "INFO", "stats", NULL);
  /* The two redis-cli calls count one each. */
  opened = info_number (after, "total_connections_received") -
           info_number (before, "total_connections_received");
  g_test_message ("%" G_GUINT64_FORMAT " connections opened", opened);
  g_assert_cmpuint (opened, <=, 3);
}

/* The replica of @key's shard is killed the client connections: the
 * client's next reads, async and blocking, reconnect, send READONLY
 * again, and are still served there (without READONLY the replica would
 * answer MOVED to the primary, for ever). */
static void
test_readonly_after_kill (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 1, "read-from=prefer-replica");
  const char *key = shard_keys[1];
  guint replicas[2], n_replicas;
  guint primary = shard_of_key (key, replicas, &n_replicas);
  guint64 readonly_before;

  write_and_wait (client, key, "kept");
  read_key (client, TRUE, key, "kept");
  read_key (client, FALSE, key, "kept");
  readonly_before = cluster_test_command_calls (cluster, replicas[0], "readonly");
  g_assert_cmpuint (readonly_before, >=, 1);

  g_free (cluster_test_cli (cluster, replicas[0], "CLIENT", "KILL", "TYPE", "normal", NULL));
  reset_stats ();
  for (guint i = 0; i < 4; i++)
    read_key (client, i % 2 == 0, key, "kept");
  g_assert_cmpuint (cluster_test_command_calls (cluster, replicas[0], "get"), ==, 4);
  g_assert_cmpuint (cluster_test_command_calls (cluster, replicas[0], "readonly"), >=, 1);
  g_assert_cmpuint (cluster_test_command_calls (cluster, primary, "get"), ==, 0);
}

/* Until @replica replicates @primary in every node's view, with its link
 * up. */
static void
wait_replica_of (guint replica,
                 guint primary)
{
  g_autofree char *primary_id = gredis_test_cluster_get_node_id (cluster, primary);
  g_autofree char *replica_id = gredis_test_cluster_get_node_id (cluster, replica);
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      guint agreeing = 0;

      for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
        {
          g_autofree char *nodes = cluster_test_cli (cluster, i, "CLUSTER", "NODES", NULL);
          g_autofree char *line_start = g_strdup_printf ("%s ", replica_id);
          const char *line = strstr (nodes, line_start);
          g_autofree char *wanted = g_strdup_printf (" %s ", primary_id);
          const char *end = line != NULL ? strchr (line, '\n') : NULL;
          g_autofree char *text = line != NULL ? g_strndup (line, end != NULL ? (gsize) (end - line) : strlen (line)) : NULL;

          if (text != NULL && strstr (text, wanted) != NULL && strstr (text, "slave") != NULL)
            agreeing++;
        }
      if (agreeing == GREDIS_TEST_CLUSTER_N_NODES)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }
  g_assert_true (gredis_test_cluster_wait_ready (cluster, &error));
  g_assert_no_error (error);
}

/* With two replicas in one shard and none in another: `replicas` takes
 * both in turn, `prefer-replica` always the same one, and both read from
 * the primary of the shard that has no replica. */
static void
test_round_robin_and_prefer (void)
{
  guint a_replicas[2], b_replicas[2], n_a, n_b, check[2], n_check;
  guint a_primary = shard_of_key (shard_keys[0], a_replicas, &n_a);
  guint b_primary = shard_of_key (shard_keys[1], b_replicas, &n_b);
  guint moved = b_replicas[0];
  g_autofree char *a_id = gredis_test_cluster_get_node_id (cluster, a_primary);
  g_autofree char *b_id = gredis_test_cluster_get_node_id (cluster, b_primary);

  g_assert_cmpuint (n_a, ==, 1);
  g_assert_cmpuint (n_b, ==, 1);
  g_free (cluster_test_cli (cluster, moved, "CLUSTER", "REPLICATE", a_id, NULL));
  wait_replica_of (moved, a_primary);
  g_assert_cmpuint (shard_of_key (shard_keys[0], check, &n_check), ==, a_primary);
  g_assert_cmpuint (n_check, ==, 2);

  for (guint policy = 0; policy < 2; policy++)
    {
      g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 2, policy == 0 ? "read-from=replicas"
                                                                                        : "read-from=prefer-replica");
      guint64 first, second;

      write_and_wait (client, shard_keys[0], "a");
      write_and_wait (client, shard_keys[1], "b");
      reset_stats ();
      for (guint i = 0; i < N_READS; i++)
        {
          read_key (client, i % 2 == 0, shard_keys[0], "a");
          read_key (client, i % 2 == 1, shard_keys[1], "b");
        }
      first = cluster_test_command_calls (cluster, check[0], "get");
      second = cluster_test_command_calls (cluster, check[1], "get");
      g_test_message ("%s: %" G_GUINT64_FORMAT " and %" G_GUINT64_FORMAT,
                      policy == 0 ? "replicas" : "prefer-replica", first, second);
      g_assert_cmpuint (first + second, ==, N_READS);
      if (policy == 0)
        {
          g_assert_cmpuint (first, ==, N_READS / 2);
          g_assert_cmpuint (second, ==, N_READS / 2);
        }
      else
        g_assert_true (first == 0 || second == 0);
      g_assert_cmpuint (cluster_test_command_calls (cluster, a_primary, "get"), ==, 0);
      /* The shard without a replica. */
      g_assert_cmpuint (cluster_test_command_calls (cluster, b_primary, "get"), ==, N_READS);
    }

  g_free (cluster_test_cli (cluster, moved, "CLUSTER", "REPLICATE", b_id, NULL));
  wait_replica_of (moved, b_primary);
}

/* A replica the cluster reports failed (frozen with SIGSTOP past the
 * node timeout) is skipped: its shard's reads go to the primary. */
static void
test_failed_replica_skipped (void)
{
  const char *key = shard_keys[2];
  guint replicas[2], n_replicas;
  guint primary = shard_of_key (key, replicas, &n_replicas);
  guint seed = (primary + 1) % GREDIS_TEST_CLUSTER_N_NODES;
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  g_autoptr(GredisClient) writer = cluster_test_client_new (cluster, primary, NULL);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GError) error = NULL;

  write_and_wait (writer, key, "frozen");
  while (seed == replicas[0] || seed == primary)
    seed = (seed + 1) % GREDIS_TEST_CLUSTER_N_NODES;
  gredis_test_server_pause (gredis_test_cluster_get_server (cluster, replicas[0]));
  /* Until every other node reports it failed. */
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES;)
    {
      g_autofree char *nodes = NULL;
      g_autofree char *id = NULL;
      g_autofree char *line = NULL;
      const char *p;

      if (node == replicas[0])
        {
          node++;
          continue;
        }
      nodes = cluster_test_cli (cluster, node, "CLUSTER", "NODES", NULL);
      id = gredis_test_cluster_get_node_id (cluster, primary);
      line = g_strdup_printf ("slave,fail %s", id);
      p = strstr (nodes, line);
      if (p != NULL)
        {
          node++;
          continue;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }

  client = cluster_test_client_new (cluster, seed, "read-from=replicas");
  g_free (cluster_test_cli (cluster, primary, "CONFIG", "RESETSTAT", NULL));
  for (guint i = 0; i < 4; i++)
    read_key (client, i % 2 == 0, key, "frozen");
  gredis_test_server_resume (gredis_test_cluster_get_server (cluster, replicas[0]));
  g_assert_cmpuint (cluster_test_command_calls (cluster, primary, "get"), ==, 4);
  g_assert_true (gredis_test_cluster_wait_ready (cluster, &error));
  g_assert_no_error (error);
}

/* `nearest`: with every primary behind a proxy that delays it (reached
 * through the address map), reads go to the replicas once measured;
 * with the replicas delayed instead, to the primaries. */
static void
test_nearest (void)
{
  GredisTestProxy *proxies[GREDIS_TEST_CLUSTER_N_NODES];
  g_autoptr(GString) map = g_string_new ("read-from=nearest&address-map=");

  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    {
      g_autoptr(GSocketConnectable) upstream = g_network_address_new ("127.0.0.1", gredis_test_cluster_get_port (cluster, i));
      g_autoptr(GError) error = NULL;

      proxies[i] = gredis_test_proxy_new (upstream, &error);
      g_assert_no_error (error);
      g_string_append_printf (map, "127.0.0.1:%u=127.0.0.1:%u;", gredis_test_cluster_get_port (cluster, i),
                              gredis_test_proxy_get_port (proxies[i]));
    }

  for (guint round = 0; round < 2; round++)
    {
      gboolean slow_primaries = round == 0;
      g_autoptr(GredisClient) client = NULL;
      guint replicas[2], n_replicas;
      guint primary = shard_of_key (shard_keys[2], replicas, &n_replicas);
      guint fast = slow_primaries ? replicas[0] : primary;
      guint slow = slow_primaries ? primary : replicas[0];
      gint64 deadline = g_get_monotonic_time () + WAIT_US;

      for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
        {
          if (i == slow)
            gredis_test_proxy_set_delay (proxies[i], GREDIS_TEST_PROXY_TO_CLIENT, 150);
          else
            gredis_test_proxy_set_pass (proxies[i], GREDIS_TEST_PROXY_BOTH);
        }
      client = cluster_test_client_new (cluster, 0, map->str);
      write_and_wait (client, shard_keys[2], "near");
      reset_stats ();
      /* The first reads go to the primary until the nodes are measured
       * (four PINGs each, in a thread of the client). */
      read_key (client, TRUE, shard_keys[2], "near");
      while (cluster_test_command_calls (cluster, slow, "ping") < 4 ||
             cluster_test_command_calls (cluster, fast, "ping") < 4)
        {
          g_assert_cmpint (g_get_monotonic_time (), <, deadline);
          g_usleep (50 * 1000);
        }
      /* The thread records the times just after the last reply. */
      g_usleep (200 * 1000);
      reset_stats ();
      for (guint i = 0; i < 6; i++)
        read_key (client, i % 2 == 0, shard_keys[2], "near");
      g_test_message ("slow %s: fast node %u got %" G_GUINT64_FORMAT " reads",
                      slow_primaries ? "primary" : "replica", fast,
                      cluster_test_command_calls (cluster, fast, "get"));
      g_assert_cmpuint (cluster_test_command_calls (cluster, fast, "get"), ==, 6);
      g_assert_cmpuint (cluster_test_command_calls (cluster, slow, "get"), ==, 0);
    }

  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    gredis_test_proxy_free (proxies[i]);
}

/* Every node announces a host name that does not resolve: a client
 * reaches the nodes only through the address map (the slot map, reads on
 * replicas, fan-out and a MOVED after a slot moved), and fails without
 * it. */
static void
test_address_map (void)
{
  g_autoptr(GString) options = g_string_new ("read-from=replicas&address-map=");
  g_autoptr(GredisClient) unmapped = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) refused = NULL;
  g_autoptr(GredisReply) size = NULL;
  g_autoptr(GredisReply) set = NULL;
  g_autoptr(GredisReply) incr = NULL;
  g_autoptr(GError) error = NULL;
  gint64 deadline = g_get_monotonic_time () + WAIT_US;
  static const char key[] = "{moved}mapped";
  guint slot = gredis_key_slot ((const guint8 *) key, strlen (key));
  g_autofree char *slot_text = g_strdup_printf ("%u", slot);
  guint replicas[2], n_replicas, owner, target = G_MAXUINT;
  g_autofree char *owner_id = NULL;
  g_autofree char *target_id = NULL;
  g_autofree char *target_port = NULL;

  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    {
      g_autofree char *name = g_strdup_printf ("node%u.gredis.invalid", i);

      g_free (cluster_test_cli (cluster, i, "CONFIG", "SET", "cluster-announce-hostname", name, NULL));
      g_free (cluster_test_cli (cluster, i, "CONFIG", "SET", "cluster-preferred-endpoint-type", "hostname", NULL));
      g_string_append_printf (options, "%s:%u=127.0.0.1:%u;", name,
                              gredis_test_cluster_get_port (cluster, i),
                              gredis_test_cluster_get_port (cluster, i));
    }
  /* Until every node gives every name in CLUSTER SHARDS. */
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES;)
    {
      g_autofree char *shards = cluster_test_cli (cluster, i, "CLUSTER", "SHARDS", NULL);
      guint n = 0;

      for (guint j = 0; j < GREDIS_TEST_CLUSTER_N_NODES; j++)
        {
          g_autofree char *name = g_strdup_printf ("\nnode%u.gredis.invalid\n", j);

          n += strstr (shards, name) != NULL;
        }
      if (n == GREDIS_TEST_CLUSTER_N_NODES)
        {
          i++;
          continue;
        }
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (100 * 1000);
    }

  unmapped = cluster_test_client_new (cluster, 0, NULL);
  refused = cluster_test_run (unmapped, FALSE, &error, "SET", key, "x", NULL);
  g_assert_nonnull (error);
  g_test_message ("without the map: %s", error->message);
  g_clear_error (&error);

  client = cluster_test_client_new (cluster, 0, options->str);
  for (guint k = 0; shard_keys[k] != NULL; k++)
    {
      write_and_wait (client, shard_keys[k], "mapped");
      read_key (client, TRUE, shard_keys[k], "mapped");
      read_key (client, FALSE, shard_keys[k], "mapped");
    }
  size = cluster_test_run (client, TRUE, &error, "DBSIZE", NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (size), >=, 3);

  /* The slot of @key moves; the client learns it from MOVED, which names
   * the new owner by its announced name. */
  write_and_wait (client, key, "here");
  owner = shard_of_key (key, replicas, &n_replicas);
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES && target == G_MAXUINT; node++)
    if (node != owner && gredis_test_cluster_is_primary (cluster, node))
      target = node;
  owner_id = gredis_test_cluster_get_node_id (cluster, owner);
  target_id = gredis_test_cluster_get_node_id (cluster, target);
  target_port = g_strdup_printf ("%u", gredis_test_cluster_get_port (cluster, target));
  g_free (cluster_test_cli (cluster, target, "CLUSTER", "SETSLOT", slot_text, "IMPORTING", owner_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "CLUSTER", "SETSLOT", slot_text, "MIGRATING", target_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "MIGRATE", "127.0.0.1", target_port, "", "0", "5000", "KEYS", key, NULL));
  g_free (cluster_test_cli (cluster, target, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
  reset_stats ();
  set = cluster_test_run (client, TRUE, &error, "SET", key, "7", NULL);
  g_assert_no_error (error);
  incr = cluster_test_run (client, FALSE, &error, "INCR", key, NULL);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (incr), ==, 8);
  g_assert_cmpuint (cluster_test_command_calls (cluster, target, "set"), ==, 1);
  g_assert_cmpuint (cluster_test_command_calls (cluster, target, "incr"), ==, 1);

  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    g_free (cluster_test_cli (cluster, i, "CONFIG", "SET", "cluster-preferred-endpoint-type", "ip", NULL));
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
      g_test_add_func ("/cluster/reads/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/reads/replicas", test_reads_on_replicas);
  g_test_add_func ("/cluster/reads/readonly-after-kill", test_readonly_after_kill);
  g_test_add_func ("/cluster/reads/blocking-reuses-connections", test_blocking_reuses_connections);
  g_test_add_func ("/cluster/reads/round-robin-and-prefer", test_round_robin_and_prefer);
  g_test_add_func ("/cluster/reads/nearest", test_nearest);
  g_test_add_func ("/cluster/reads/failed-replica-skipped", test_failed_replica_skipped);
  g_test_add_func ("/cluster/address-map/announced-names", test_address_map);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
