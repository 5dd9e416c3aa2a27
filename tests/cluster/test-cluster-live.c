/* test-cluster-live.c: key slots and the topology against a real local
 * cluster (3 primaries, 3 replicas)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-cluster-topology-private.h"
#include "gredis-key-slot-private.h"
#include "cluster-test-util.h"

#define N_RANDOM_KEYS 3000

static GredisTestCluster *cluster;

static GredisClient *
client_for_node (guint node)
{
  g_autofree char *uri = gredis_test_cluster_get_uri (cluster, node);
  GError *error = NULL;
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

/* Random keys, a third of them with braces somewhere, against what the
 * server says. */
static void
test_key_slot_live (void)
{
  g_autoptr(GredisClient) client = client_for_node (0);
  g_autoptr(GRand) rand = g_rand_new ();
  static const char alphabet[] = "ab{}\x00\xff" "xyz01";

  for (guint i = 0; i < N_RANDOM_KEYS; i++)
    {
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GError) error = NULL;
      guint8 key[24];
      gsize length = (gsize) g_rand_int_range (rand, 0, sizeof key + 1);
      gboolean braces = i % 3 == 0;
      const char *argv[] = { "CLUSTER", "KEYSLOT", (const char *) key };
      gsize lengths[] = { 7, 7, length };

      for (gsize j = 0; j < length; j++)
        key[j] = braces ? (guint8) alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                        : (guint8) g_rand_int_range (rand, 0, 256);
      reply = gredis_client_command_argv (client, 3, argv, lengths, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
      g_assert_cmpint (gredis_key_slot (key, length), ==, gredis_reply_get_integer (reply));
    }
}

static GredisConfig *
config_for_protocol (guint protocol)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = gredis_test_cluster_get_uri (cluster, 0);
  GredisConfig *config = gredis_config_new_for_uri (uri, &error);

  g_assert_no_error (error);
  gredis_config_set_protocol (config, protocol);
  return config;
}

static GPtrArray *
seeds_of (guint first,
          guint n)
{
  GPtrArray *seeds = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = first; i < first + n; i++)
    g_ptr_array_add (seeds, g_network_address_new ("127.0.0.1", gredis_test_cluster_get_port (cluster, i)));
  return seeds;
}

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GredisClusterTopology *
fetch (GredisConfig  *config,
       GPtrArray     *seeds,
       guint          n_views,
       GError       **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _gredis_cluster_topology_fetch_async (config, seeds, NULL, n_views, NULL, on_fetched, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return _gredis_cluster_topology_fetch_finish (result, error);
}

/* The node of the fixture at @port. */
static guint
fixture_node (guint16 port)
{
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    if (gredis_test_cluster_get_port (cluster, i) == port)
      return i;
  g_assert_not_reached ();
}

/* The map covers every slot, the primaries are the fixture's, each has
 * a replica that replicates it, ids are the nodes' own. */
static void
check_map (GredisClusterTopology *topology)
{
  guint n_primaries = 0;

  for (guint slot = 0; slot < GREDIS_CLUSTER_N_SLOTS; slot++)
    g_assert_nonnull (_gredis_cluster_topology_get_primary (topology, slot));
  g_assert_cmpuint (topology->nodes->len, ==, GREDIS_TEST_CLUSTER_N_NODES);
  for (guint i = 0; i < topology->nodes->len; i++)
    {
      GredisClusterNode *node = g_ptr_array_index (topology->nodes, i);
      guint fixture = fixture_node (node->port);
      g_autofree char *id = gredis_test_cluster_get_node_id (cluster, fixture);
      guint n_replicas = 0;

      g_assert_cmpstr (node->host, ==, "127.0.0.1");
      g_assert_cmpstr (node->id, ==, id);
      g_assert_cmpint (node->health, ==, GREDIS_CLUSTER_HEALTH_ONLINE);
      g_assert_cmpint (node->role == GREDIS_CLUSTER_ROLE_PRIMARY, ==,
                       gredis_test_cluster_is_primary (cluster, fixture));
      if (node->role != GREDIS_CLUSTER_ROLE_PRIMARY)
        continue;
      n_primaries++;
      for (guint j = 0; j < topology->nodes->len; j++)
        {
          GredisClusterNode *replica = g_ptr_array_index (topology->nodes, j);

          if (replica->role == GREDIS_CLUSTER_ROLE_REPLICA && replica->primary == i)
            {
              g_autofree char *info = gredis_test_cluster_cli (cluster, fixture_node (replica->port),
                                                               NULL, "INFO", "replication", NULL);
              g_autofree char *line = g_strdup_printf ("master_port:%u\r", node->port);

              g_assert_nonnull (strstr (info, line));
              n_replicas++;
            }
        }
      g_assert_cmpuint (n_replicas, ==, 1);
    }
  g_assert_cmpuint (n_primaries, ==, 3);
}

/* The map of several seeds, and that of each node alone (its own CLUSTER
 * SHARDS), in both protocols: all alike and right. */
static void
test_topology_live (void)
{
  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autoptr(GredisConfig) config = config_for_protocol (protocol);
      g_autoptr(GPtrArray) seeds = seeds_of (0, GREDIS_TEST_CLUSTER_N_NODES);
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisClusterTopology) topology = fetch (config, seeds, 3, &error);

      g_assert_no_error (error);
      check_map (topology);
      for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
        {
          g_autoptr(GPtrArray) one = seeds_of (i, 1);
          g_autoptr(GredisClusterTopology) view = fetch (config, one, 1, &error);

          g_assert_no_error (error);
          g_assert_true (_gredis_cluster_topology_equal (topology, view));
        }
    }
}

/* Seeds that do not answer are passed over; with none answering, the
 * fetch fails with a connection error. */
static void
test_topology_dead_seeds (void)
{
  g_autoptr(GredisConfig) config = config_for_protocol (2);
  g_autoptr(GPtrArray) seeds = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GredisClusterTopology) topology = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  guint16 closed_port;

  /* A port that is bound but not listening: connections are refused. */
  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  closed_port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  for (guint i = 0; i < 3; i++)
    g_ptr_array_add (seeds, g_network_address_new ("127.0.0.1", closed_port));
  topology = fetch (config, seeds, 1, &error);
  g_assert_null (topology);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION);
  g_clear_error (&error);

  g_ptr_array_add (seeds, g_network_address_new ("127.0.0.1", gredis_test_cluster_get_port (cluster, 3)));
  topology = fetch (config, seeds, 2, &error);
  g_assert_no_error (error);
  check_map (topology);
}

/* The seed that failed last is asked last: with enough others
 * answering, never. */
static void
test_topology_last_failed_last (void)
{
  g_autoptr(GredisConfig) config = config_for_protocol (2);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fake = gredis_fake_server_new (&error);
  g_autoptr(GPtrArray) seeds = seeds_of (0, 2);
  g_autoptr(GSocketConnectable) last_failed = NULL;

  g_assert_no_error (error);
  gredis_fake_server_add_close (fake);
  g_ptr_array_insert (seeds, 0, g_network_address_new ("127.0.0.1", gredis_fake_server_get_port (fake)));
  /* Another object for the same address: seeds are compared by address. */
  last_failed = g_network_address_new ("127.0.0.1", gredis_fake_server_get_port (fake));

  for (guint i = 0; i < 20; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GredisClusterTopology) topology = NULL;

      _gredis_cluster_topology_fetch_async (config, seeds, last_failed, 2, NULL, on_fetched, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      topology = _gredis_cluster_topology_fetch_finish (result, &error);
      g_assert_no_error (error);
      check_map (topology);
    }
  g_assert_cmpuint (gredis_fake_server_get_n_accepted (fake), ==, 0);
}

/* A node that predates CLUSTER SHARDS (a fake one): its CLUSTER SLOTS,
 * every slot on 127.0.0.1:7000 with a replica on 7001. */
static GredisFakeServer *
old_server (void)
{
  static const char slots[] =
    "*1\r\n*4\r\n:0\r\n:16383\r\n"
    "*3\r\n$9\r\n127.0.0.1\r\n:7000\r\n$3\r\nabc\r\n"
    "*3\r\n$9\r\n127.0.0.1\r\n:7001\r\n$3\r\ndef\r\n";
  g_autoptr(GError) error = NULL;
  GredisFakeServer *fake = gredis_fake_server_new (&error);

  g_assert_no_error (error);
  /* The handshake's two CLIENT SETINFO. */
  gredis_fake_server_add_expect (fake, "LIB-VER");
  gredis_fake_server_add_send (fake, "+OK\r\n+OK\r\n", -1);
  gredis_fake_server_add_expect (fake, "SHARDS");
  gredis_fake_server_add_send (fake, "-ERR unknown subcommand 'SHARDS'. Try CLUSTER HELP.\r\n", -1);
  gredis_fake_server_add_expect (fake, "SLOTS");
  gredis_fake_server_add_send (fake, slots, -1);
  gredis_fake_server_add_stall (fake, 10000);
  return fake;
}

static void
check_old_view (GredisClusterTopology *topology)
{
  for (guint slot = 0; slot < GREDIS_CLUSTER_N_SLOTS; slot++)
    g_assert_cmpuint (_gredis_cluster_topology_get_primary (topology, slot)->port, ==, 7000);
  g_assert_cmpuint (topology->nodes->len, ==, 2);
  g_assert_cmpstr (((GredisClusterNode *) g_ptr_array_index (topology->nodes, 1))->id, ==, "def");
}

/* CLUSTER SLOTS when CLUSTER SHARDS is unknown; and disagreeing seeds:
 * the view most of them give wins. */
static void
test_topology_slots_and_majority (void)
{
  g_autoptr(GredisConfig) config = config_for_protocol (2);
  g_autoptr(GredisFakeServer) old_a = old_server ();
  g_autoptr(GredisFakeServer) old_b = old_server ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) one = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) two_old = seeds_of (0, 1);
  g_autoptr(GPtrArray) one_old = seeds_of (0, 2);
  g_autoptr(GredisClusterTopology) topology = NULL;

  g_ptr_array_add (one, g_network_address_new ("127.0.0.1", gredis_fake_server_get_port (old_a)));
  topology = fetch (config, one, 1, &error);
  g_assert_no_error (error);
  check_old_view (topology);
  g_clear_pointer (&topology, _gredis_cluster_topology_free);

  /* Two old views against one live: the old one, whatever the order. */
  g_ptr_array_add (two_old, g_network_address_new ("127.0.0.1", gredis_fake_server_get_port (old_a)));
  g_ptr_array_add (two_old, g_network_address_new ("127.0.0.1", gredis_fake_server_get_port (old_b)));
  for (guint i = 0; i < 5; i++)
    {
      topology = fetch (config, two_old, 3, &error);
      g_assert_no_error (error);
      check_old_view (topology);
      g_clear_pointer (&topology, _gredis_cluster_topology_free);
    }

  /* One old view against two live. */
  g_ptr_array_add (one_old, g_network_address_new ("127.0.0.1", gredis_fake_server_get_port (old_b)));
  for (guint i = 0; i < 5; i++)
    {
      topology = fetch (config, one_old, 3, &error);
      g_assert_no_error (error);
      check_map (topology);
      g_clear_pointer (&topology, _gredis_cluster_topology_free);
    }
}

/* CLUSTER FAILOVER on a replica: once the cluster has settled, a fetch
 * shows it as the primary of its old primary's slots. */
static void
test_topology_failover (void)
{
  g_autoptr(GredisConfig) config = config_for_protocol (3);
  g_autoptr(GPtrArray) seeds = seeds_of (0, GREDIS_TEST_CLUSTER_N_NODES);
  g_autoptr(GredisClusterTopology) before = NULL;
  g_autoptr(GredisClusterTopology) after = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *answer = NULL;
  GredisClusterNode *replica = NULL;
  guint16 old_primary_port;
  GArray *old_slots = g_array_new (FALSE, FALSE, sizeof (guint));

  before = fetch (config, seeds, 3, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < before->nodes->len && replica == NULL; i++)
    {
      GredisClusterNode *node = g_ptr_array_index (before->nodes, i);

      if (node->role == GREDIS_CLUSTER_ROLE_REPLICA)
        replica = node;
    }
  g_assert_nonnull (replica);
  old_primary_port = ((GredisClusterNode *) g_ptr_array_index (before->nodes, replica->primary))->port;
  for (guint slot = 0; slot < GREDIS_CLUSTER_N_SLOTS; slot++)
    if (before->slots[slot] == replica->primary)
      g_array_append_val (old_slots, slot);
  g_assert_cmpuint (old_slots->len, >, 0);

  answer = gredis_test_cluster_cli (cluster, fixture_node (replica->port), &error,
                                    "CLUSTER", "FAILOVER", NULL);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (answer, "OK"));
  /* Every node sees the new primary and its new replica in sync. */
  while (!gredis_test_cluster_is_primary (cluster, fixture_node (replica->port)))
    g_usleep (50 * 1000);
  g_assert_true (gredis_test_cluster_wait_ready (cluster, &error));
  g_assert_no_error (error);

  after = fetch (config, seeds, 3, &error);
  g_assert_no_error (error);
  check_map (after);
  for (guint i = 0; i < old_slots->len; i++)
    {
      const GredisClusterNode *primary =
        _gredis_cluster_topology_get_primary (after, g_array_index (old_slots, guint, i));

      g_assert_cmpuint (primary->port, ==, replica->port);
    }
  g_assert_cmpint (((GredisClusterNode *) g_ptr_array_index (after->nodes,
                     _gredis_cluster_topology_find_node (after, "127.0.0.1", old_primary_port)))->role,
                   ==, GREDIS_CLUSTER_ROLE_REPLICA);
  g_assert_false (_gredis_cluster_topology_equal (before, after));
  g_array_unref (old_slots);
}

static gboolean
have_redis_cli (void)
{
  g_autofree char *path = g_find_program_in_path ("redis-cli");

  return path != NULL;
}

/* The cluster pool */

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static GredisPool *
cluster_pool_new (guint seed_node)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u,127.0.0.1:%u",
                                          gredis_test_cluster_get_port (cluster, seed_node),
                                          gredis_test_cluster_get_port (cluster, (seed_node + 1) % GREDIS_TEST_CLUSTER_N_NODES));
  g_autoptr(GredisConfig) config = gredis_config_new_for_uri (uri, &error);
  GredisPool *pool;

  g_assert_no_error (error);
  g_assert_cmpstr (gredis_config_get_pool (config), ==, "cluster");
  pool = gredis_pool_new_for_name (gredis_config_get_pool (config), &error);
  g_assert_no_error (error);
  gredis_pool_configure (pool, config);
  return pool;
}

static GredisConnection *
acquire_async_for (GredisPool     *pool,
                   GredisPoolMode  mode,
                   gint            slot)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GredisPoolRequest request;
  GredisConnection *connection;

  gredis_pool_request_init (&request, mode);
  request.slot = slot;
  gredis_pool_acquire_async (pool, &request, NULL, on_result, &result);
  connection = gredis_pool_acquire_finish (pool, wait_result (&result), &error);
  g_assert_no_error (error);
  return connection;
}

static GredisReply *
run (GredisConnection *connection,
     GError          **error,
     ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  const char *arg;
  va_list args;

  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  gredis_connection_send_command_async (connection, argv->len, (const char * const *) argv->pdata,
                                        NULL, NULL, on_result, &result);
  return gredis_connection_send_command_finish (connection, wait_result (&result), error);
}

/* Keys that fall in each third of the slots. */
static const char * const range_keys[] = { "{a}key", "{b}key", "{c}key", NULL };

/* Every key goes to its slot's primary: SET, INCR and GET run there, with
 * no MOVED, whichever node the map was asked of; the port of the
 * connection's endpoint is that of the primary the server names. */
static void
test_pool_routes_by_slot (void)
{
  g_autoptr(GredisPool) pool = cluster_pool_new (3);
  gboolean seen[3] = { FALSE, FALSE, FALSE };

  for (guint mode = GREDIS_POOL_MODE_SHARED; mode <= GREDIS_POOL_MODE_EXCLUSIVE; mode++)
    for (guint i = 0; range_keys[i] != NULL; i++)
      {
        const char *key = range_keys[i];
        guint slot = gredis_key_slot ((const guint8 *) key, strlen (key));
        g_autoptr(GredisConnection) connection = acquire_async_for (pool, mode, slot);
        g_autoptr(GredisReply) set = NULL;
        g_autoptr(GredisReply) incr = NULL;
        g_autoptr(GredisReply) get = NULL;
        g_autoptr(GError) error = NULL;

        g_test_message ("%s in slot %u", key, slot);
        seen[slot * 3 / 16384] = TRUE;
        set = run (connection, &error, "SET", key, "41", NULL);
        g_assert_no_error (error);
        incr = run (connection, &error, "INCR", key, NULL);
        g_assert_no_error (error);
        g_assert_cmpint (gredis_reply_get_integer (incr), ==, 42);
        get = run (connection, &error, "GET", key, NULL);
        g_assert_no_error (error);
        g_assert_cmpstr (gredis_reply_get_string (get, NULL), ==, "42");
        gredis_pool_release (pool, g_steal_pointer (&connection));
      }
  g_assert_true (seen[0] && seen[1] && seen[2]);
  gredis_pool_close (pool);
}

/* A request that names a node goes there, even for a slot it does not
 * serve: the server answers MOVED. */
static void
test_pool_named_node (void)
{
  g_autoptr(GredisPool) pool = cluster_pool_new (0);
  guint slot = gredis_key_slot ((const guint8 *) "{a}key", 6);
  g_autoptr(GredisConnection) owner = acquire_async_for (pool, GREDIS_POOL_MODE_EXCLUSIVE, slot);
  g_autoptr(GSocketConnectable) other = NULL;
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  GredisPoolRequest request;
  guint16 owner_port = g_network_address_get_port (G_NETWORK_ADDRESS (gredis_connection_get_endpoint (owner)));
  guint node;

  for (node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (gredis_test_cluster_is_primary (cluster, node) &&
        gredis_test_cluster_get_port (cluster, node) != owner_port)
      break;
  g_assert_cmpuint (node, <, GREDIS_TEST_CLUSTER_N_NODES);
  other = g_network_address_new ("127.0.0.1", gredis_test_cluster_get_port (cluster, node));

  gredis_pool_request_init (&request, GREDIS_POOL_MODE_EXCLUSIVE);
  request.slot = slot;
  request.node = other;
  gredis_pool_acquire_async (pool, &request, NULL, on_result, &result);
  connection = gredis_pool_acquire_finish (pool, wait_result (&result), &error);
  g_assert_no_error (error);
  reply = run (connection, &error, "GET", "{a}key", NULL);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_MOVED);
  gredis_pool_release (pool, g_steal_pointer (&connection));
  gredis_pool_release (pool, g_steal_pointer (&owner));
  gredis_pool_close (pool);
}

/* Callers that come before the map is known all wait for one fetch;
 * try_acquire() does not wait for it. */
static void
test_pool_one_fetch (void)
{
  g_autoptr(GredisPool) pool = cluster_pool_new (1);
  GAsyncResult *results[8] = { NULL, };
  g_autoptr(GError) error = NULL;
  GredisPoolRequest request;
  GredisConnection *connection;
  g_autofree char *before = gredis_test_cluster_cli (cluster, 1, &error, "INFO", "commandstats", NULL);
  g_autofree char *after = NULL;
  guint64 calls_before = 0;
  guint64 calls_after = 0;
  const char *p;

  g_assert_no_error (error);
  gredis_pool_request_init (&request, GREDIS_POOL_MODE_SHARED);
  request.slot = 0;
  connection = gredis_pool_try_acquire (pool, &request, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_assert_null (connection);
  g_clear_error (&error);

  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      request.slot = (gint) (i * 2000);
      gredis_pool_acquire_async (pool, &request, NULL, on_result, &results[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (results); i++)
    {
      connection = gredis_pool_acquire_finish (pool, wait_result (&results[i]), &error);
      g_assert_no_error (error);
      gredis_pool_release (pool, connection);
      g_object_unref (results[i]);
    }

  /* Known now: at once. */
  connection = gredis_pool_try_acquire (pool, &request, &error);
  g_assert_no_error (error);
  gredis_pool_release (pool, connection);

  after = gredis_test_cluster_cli (cluster, 1, &error, "INFO", "commandstats", NULL);
  g_assert_no_error (error);
  if ((p = strstr (before, "cmdstat_cluster|shards:calls=")) != NULL)
    calls_before = g_ascii_strtoull (p + strlen ("cmdstat_cluster|shards:calls="), NULL, 10);
  p = strstr (after, "cmdstat_cluster|shards:calls=");
  g_assert_nonnull (p);
  calls_after = g_ascii_strtoull (p + strlen ("cmdstat_cluster|shards:calls="), NULL, 10);
  /* The seeds are nodes 1 and 2; at most one question each. */
  g_assert_cmpuint (calls_after - calls_before, <=, 1);
  gredis_pool_close (pool);
}

/* The client on a cluster */

static GredisClient *
cluster_client_new (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u",
                                          gredis_test_cluster_get_port (cluster, 4));
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

/* Keys in every third of the slots, SET, INCR and GET through the typed
 * helpers, asynchronously (all sent before any reply, so that the first
 * ones wait for the slot map) then blocking; no MOVED comes back. */
static void
test_client_routes (void)
{
  static const char * const keys[] = { "{b}client", "{c}client", "{a}client", "client-x", "client-y", "client-z", NULL };
  g_autoptr(GredisClient) client = cluster_client_new ();
  GAsyncResult *sets[G_N_ELEMENTS (keys)] = { NULL, };
  GAsyncResult *incrs[G_N_ELEMENTS (keys)] = { NULL, };
  GAsyncResult *gets[G_N_ELEMENTS (keys)] = { NULL, };

  for (guint i = 0; keys[i] != NULL; i++)
    {
      gredis_client_set_async (client, keys[i], "10", 0, 0, NULL, on_result, &sets[i]);
      gredis_client_incr_async (client, keys[i], NULL, on_result, &incrs[i]);
      gredis_client_get_async (client, keys[i], NULL, on_result, &gets[i]);
    }
  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      g_test_message ("async %s (slot %u)", keys[i], gredis_key_slot ((const guint8 *) keys[i], strlen (keys[i])));
      g_assert_true (gredis_client_set_finish (client, wait_result (&sets[i]), &error));
      g_assert_no_error (error);
      g_assert_cmpint (gredis_client_incr_finish (client, wait_result (&incrs[i]), &error), ==, 11);
      g_assert_no_error (error);
      value = gredis_client_get_finish (client, wait_result (&gets[i]), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, "11");
      g_object_unref (sets[i]);
      g_object_unref (incrs[i]);
      g_object_unref (gets[i]);
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *value = NULL;

      g_test_message ("blocking %s", keys[i]);
      g_assert_true (gredis_client_set (client, keys[i], "20", 0, 0, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpint (gredis_client_incr (client, keys[i], NULL, &error), ==, 21);
      g_assert_no_error (error);
      value = gredis_client_get (client, keys[i], NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (value, ==, "21");
    }
}

/* Keys with one hash tag go together; keys in several slots fail before
 * anything is sent, asynchronously and blocking. */
static void
test_client_cross_slot (void)
{
  static const char * const together[] = { "{user1}:name", "ann", "{user1}:email", "ann@example.org", NULL };
  static const char * const apart[] = { "{a}x", "1", "{b}x", "2", NULL };
  g_autoptr(GredisClient) client = cluster_client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *unset = NULL;

  g_assert_true (gredis_client_mset (client, together, NULL, &error));
  g_assert_no_error (error);
  email = gredis_client_get (client, "{user1}:email", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (email, ==, "ann@example.org");

  g_assert_false (gredis_client_mset (client, apart, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
  g_clear_error (&error);
  gredis_client_mset_async (client, apart, NULL, on_result, &result);
  g_assert_false (gredis_client_mset_finish (client, wait_result (&result), &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
  g_clear_error (&error);

  /* Nothing was sent. */
  unset = gredis_client_get (client, "{a}x", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (unset);
}

/* A slot moved with MIGRATE and CLUSTER SETSLOT … NODE behind the
 * clients' backs: their next commands get MOVED and follow it, async
 * and blocking. */
static void
test_client_follows_moved (void)
{
  static const char key[] = "{moved}key";
  g_autoptr(GredisClient) async_client = cluster_client_new ();
  g_autoptr(GredisClient) blocking_client = cluster_client_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *slot_text = NULL;
  g_autofree char *owner_id = NULL;
  g_autofree char *target_id = NULL;
  g_autofree char *target_port = NULL;
  g_autofree char *value = NULL;
  g_autofree char *warm = NULL;
  guint slot = gredis_key_slot ((const guint8 *) key, strlen (key));
  guint owner = GREDIS_TEST_CLUSTER_N_NODES;
  guint target = GREDIS_TEST_CLUSTER_N_NODES;

  /* Both clients know the map before the move. */
  g_assert_true (gredis_client_set (async_client, key, "here", 0, 0, NULL, &error));
  g_assert_no_error (error);
  warm = gredis_client_get (blocking_client, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (warm, ==, "here");

  slot_text = g_strdup_printf ("%u", slot);
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *count = NULL;

      if (!gredis_test_cluster_is_primary (cluster, node))
        continue;
      count = cluster_test_cli (cluster, node, "CLUSTER", "COUNTKEYSINSLOT", slot_text, NULL);
      if (g_ascii_strtoull (count, NULL, 10) > 0)
        owner = node;
      else if (target == GREDIS_TEST_CLUSTER_N_NODES)
        target = node;
    }
  g_assert_cmpuint (owner, <, GREDIS_TEST_CLUSTER_N_NODES);
  g_assert_cmpuint (target, <, GREDIS_TEST_CLUSTER_N_NODES);
  owner_id = gredis_test_cluster_get_node_id (cluster, owner);
  target_id = gredis_test_cluster_get_node_id (cluster, target);
  target_port = g_strdup_printf ("%u", gredis_test_cluster_get_port (cluster, target));

  g_free (cluster_test_cli (cluster, target, "CLUSTER", "SETSLOT", slot_text, "IMPORTING", owner_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "CLUSTER", "SETSLOT", slot_text, "MIGRATING", target_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "MIGRATE", "127.0.0.1", target_port, "", "0", "5000", "KEYS", key, NULL));
  g_free (cluster_test_cli (cluster, target, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));

  gredis_client_get_async (async_client, key, NULL, on_result, &result);
  value = gredis_client_get_finish (async_client, wait_result (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "here");
  g_clear_pointer (&value, g_free);

  value = gredis_client_get (blocking_client, key, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (value, ==, "here");
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

  if (!have_redis_cli ())
    {
      g_test_add_func ("/cluster/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/key-slot/live", test_key_slot_live);
  g_test_add_func ("/cluster/topology/live", test_topology_live);
  g_test_add_func ("/cluster/topology/dead-seeds", test_topology_dead_seeds);
  g_test_add_func ("/cluster/topology/last-failed-last", test_topology_last_failed_last);
  g_test_add_func ("/cluster/topology/slots-and-majority", test_topology_slots_and_majority);
  g_test_add_func ("/cluster/pool/routes-by-slot", test_pool_routes_by_slot);
  g_test_add_func ("/cluster/pool/named-node", test_pool_named_node);
  g_test_add_func ("/cluster/pool/one-fetch", test_pool_one_fetch);
  g_test_add_func ("/cluster/client/routes", test_client_routes);
  g_test_add_func ("/cluster/client/cross-slot", test_client_cross_slot);
  g_test_add_func ("/cluster/client/follows-moved", test_client_follows_moved);
  g_test_add_func ("/cluster/topology/failover", test_topology_failover);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
