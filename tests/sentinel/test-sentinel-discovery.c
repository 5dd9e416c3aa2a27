/* test-sentinel-discovery.c: the master found through the sentinels
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One Sentinel setup serves the tests in the order they are added; the
 * failover and the stopped sentinel come last.
 */
#include "gredis-test-sentinel.h"
#include "gredis-sentinel-discovery-private.h"

#include <string.h>

static GredisTestSentinel *setup;

static GredisSentinelDiscovery *
discovery_for (const char *master_name)
{
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    if (gredis_test_sentinel_get_sentinel (setup, i) != NULL)
      g_ptr_array_add (addresses, g_strdup_printf ("127.0.0.1:%u",
                                                   gredis_test_sentinel_get_sentinel_port (setup, i)));
  g_ptr_array_add (addresses, NULL);
  return _gredis_sentinel_discovery_new ((const char * const *) addresses->pdata, master_name, NULL, NULL);
}

static void
assert_master (GSocketConnectable *master,
               guint               node)
{
  g_assert_nonnull (master);
  g_assert_cmpstr (g_network_address_get_hostname (G_NETWORK_ADDRESS (master)), ==, "127.0.0.1");
  g_assert_cmpuint (g_network_address_get_port (G_NETWORK_ADDRESS (master)), ==,
                    gredis_test_sentinel_get_node_port (setup, node));
}

/* Blocking, starting from one sentinel: the master, and the other two
 * sentinels learnt. */
static void
test_master_found (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autofree char *first = g_strdup_printf ("127.0.0.1:%u", gredis_test_sentinel_get_sentinel_port (setup, 0));
  const char *addresses[] = { first, NULL };
  g_autoptr(GredisSentinelDiscovery) discovery = _gredis_sentinel_discovery_new (addresses, "mymaster",
                                                                                  NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) master = _gredis_sentinel_discovery_resolve (discovery, config, NULL, &error);

  g_assert_no_error (error);
  assert_master (master, gredis_test_sentinel_get_master_node (setup));
  g_assert_cmpuint (_gredis_sentinel_discovery_get_sentinels (discovery)->len, ==,
                    GREDIS_TEST_SENTINEL_N_SENTINELS);
  g_assert_cmpstr (g_ptr_array_index (_gredis_sentinel_discovery_get_sentinels (discovery), 0), ==, first);
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GAsyncResult **out = data;

  *out = g_object_ref (result);
}

/* The same through the asynchronous form, on the test's main context. */
static void
test_master_found_async (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisSentinelDiscovery) discovery = discovery_for (GREDIS_TEST_SENTINEL_MASTER_NAME);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) master = NULL;

  _gredis_sentinel_discovery_resolve_async (discovery, config, NULL, on_resolved, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  master = _gredis_sentinel_discovery_resolve_finish (discovery, result, &error);
  g_assert_no_error (error);
  assert_master (master, gredis_test_sentinel_get_master_node (setup));
}

static void
test_unknown_master (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisSentinelDiscovery) discovery = discovery_for ("no-such-master");
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) master = _gredis_sentinel_discovery_resolve (discovery, config, NULL, &error);

  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_MASTER);
  g_assert_null (master);
}

/* After SENTINEL FAILOVER, the new master, twice over. */
static void
test_after_failover (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisSentinelDiscovery) discovery = discovery_for (GREDIS_TEST_SENTINEL_MASTER_NAME);

  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocketConnectable) master = NULL;
      guint old_master = gredis_test_sentinel_get_master_node (setup);

      g_assert_true (gredis_test_sentinel_failover (setup, &error));
      g_assert_no_error (error);
      master = _gredis_sentinel_discovery_resolve (discovery, config, NULL, &error);
      g_assert_no_error (error);
      assert_master (master, 1 - old_master);
    }
}

/* The first sentinel stopped (its port closed): the second answers and
 * moves to the front. */
static void
test_one_sentinel_down (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisSentinelDiscovery) discovery = discovery_for (GREDIS_TEST_SENTINEL_MASTER_NAME);
  g_autofree char *second = g_strdup (g_ptr_array_index (_gredis_sentinel_discovery_get_sentinels (discovery), 1));
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) master = NULL;

  gredis_test_sentinel_stop_sentinel (setup, 0);
  master = _gredis_sentinel_discovery_resolve (discovery, config, NULL, &error);
  g_assert_no_error (error);
  assert_master (master, gredis_test_sentinel_get_master_node (setup));
  g_assert_cmpstr (g_ptr_array_index (_gredis_sentinel_discovery_get_sentinels (discovery), 0), ==, second);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* No sentinel listening: the "no sentinel" error, not an unknown master
 * nor a hang (each refused connect fails at once). */
static void
test_all_sentinels_down (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autofree char *a = g_strdup_printf ("127.0.0.1:%u", closed_port ());
  g_autofree char *b = g_strdup_printf ("127.0.0.1:%u", closed_port ());
  const char *addresses[] = { a, b, NULL };
  g_autoptr(GredisSentinelDiscovery) discovery = _gredis_sentinel_discovery_new (addresses, "mymaster",
                                                                                  NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) master = _gredis_sentinel_discovery_resolve (discovery, config, NULL, &error);

  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_NO_SENTINEL);
  g_assert_null (master);
}

/* A sentinel (a fake one) that names the replica as master: ROLE says
 * otherwise, so the sentinels are asked again, a bounded number of times,
 * and the resolution fails with the master-down error. */
static void
test_named_master_is_replica (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) sentinel = gredis_fake_server_new (&error);
  guint replica = 1 - gredis_test_sentinel_get_master_node (setup);
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_sentinel_get_node_port (setup, replica));
  g_autofree char *master_addr = g_strdup_printf ("*2\r\n$9\r\n127.0.0.1\r\n$%zu\r\n%s\r\n",
                                                  strlen (port), port);
  g_autofree char *address = NULL;
  g_autoptr(GredisSentinelDiscovery) discovery = NULL;
  g_autoptr(GSocketConnectable) master = NULL;
  const char *addresses[] = { NULL, NULL };

  g_assert_no_error (error);
  /* The handshake of a RESP2 client without password or name: two
   * CLIENT SETINFO. */
  gredis_fake_server_add_expect (sentinel, "LIB-VER");
  gredis_fake_server_add_send (sentinel, "+OK\r\n+OK\r\n", -1);
  gredis_fake_server_add_expect (sentinel, "GET-MASTER-ADDR-BY-NAME");
  gredis_fake_server_add_send (sentinel, master_addr, -1);
  gredis_fake_server_add_expect (sentinel, "SENTINELS");
  gredis_fake_server_add_send (sentinel, "*0\r\n", -1);

  address = g_strdup_printf ("127.0.0.1:%u", gredis_fake_server_get_port (sentinel));
  addresses[0] = address;
  discovery = _gredis_sentinel_discovery_new (addresses, "mymaster", NULL, NULL);
  gredis_config_set_protocol (config, 2);
  master = _gredis_sentinel_discovery_resolve (discovery, config, NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_MASTERDOWN);
  g_assert_null (master);
  g_assert_cmpuint (gredis_fake_server_get_n_accepted (sentinel), >, 1);
}

/* The replicas as SENTINEL REPLICAS lists them */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GPtrArray *
replicas_of (GredisSentinelDiscovery *discovery,
             GredisConfig            *config,
             GError                 **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  _gredis_sentinel_discovery_replicas_async (discovery, config, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return _gredis_sentinel_discovery_replicas_finish (discovery, result, error);
}

/* The real setup: the node that is not master, linked. */
static void
test_replicas (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisSentinelDiscovery) discovery = discovery_for ("mymaster");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replicas = NULL;
  g_autofree char *expected = g_strdup_printf ("127.0.0.1:%u",
                                               gredis_test_sentinel_get_node_port (setup,
                                                                                   1 - gredis_test_sentinel_get_master_node (setup)));

  replicas = replicas_of (discovery, config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replicas->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (replicas, 0), ==, expected);
}

static void
append_bulk (GString    *resp,
             const char *text)
{
  g_string_append_printf (resp, "$%zu\r\n%s\r\n", strlen (text), text);
}

static void
append_replica (GString    *resp,
                const char *ip,
                const char *port,
                const char *flags,
                const char *link)
{
  g_string_append (resp, "*8\r\n");
  append_bulk (resp, "ip");
  append_bulk (resp, ip);
  append_bulk (resp, "port");
  append_bulk (resp, port);
  append_bulk (resp, "flags");
  append_bulk (resp, flags);
  append_bulk (resp, "master-link-status");
  append_bulk (resp, link);
}

/* Those down (subjectively or objectively), disconnected or with their
 * link to the master down are left out; the others come sorted. */
static void
test_replicas_filtered (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) sentinel = gredis_fake_server_new (&error);
  g_autoptr(GString) reply = g_string_new ("*7\r\n");
  g_autofree char *address = NULL;
  g_autoptr(GredisSentinelDiscovery) discovery = NULL;
  g_autoptr(GPtrArray) replicas = NULL;
  const char *addresses[] = { NULL, NULL };

  g_assert_no_error (error);
  append_replica (reply, "10.0.0.2", "6380", "slave", "ok");
  append_replica (reply, "10.0.0.3", "6380", "s_down,slave", "ok");
  append_replica (reply, "10.0.0.4", "6380", "o_down,s_down,slave", "ok");
  append_replica (reply, "10.0.0.5", "6380", "slave,disconnected", "ok");
  append_replica (reply, "10.0.0.6", "6380", "slave", "err");
  append_replica (reply, "::1", "6381", "slave", "ok");
  append_replica (reply, "10.0.0.1", "6380", "slave", "ok");
  gredis_fake_server_add_expect (sentinel, "LIB-VER");
  gredis_fake_server_add_send (sentinel, "+OK\r\n+OK\r\n", -1);
  gredis_fake_server_add_expect (sentinel, "REPLICAS");
  gredis_fake_server_add_send (sentinel, reply->str, -1);

  address = g_strdup_printf ("127.0.0.1:%u", gredis_fake_server_get_port (sentinel));
  addresses[0] = address;
  discovery = _gredis_sentinel_discovery_new (addresses, "mymaster", NULL, NULL);
  gredis_config_set_protocol (config, 2);
  replicas = replicas_of (discovery, config, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (replicas->len, ==, 3);
  g_assert_cmpstr (g_ptr_array_index (replicas, 0), ==, "10.0.0.1:6380");
  g_assert_cmpstr (g_ptr_array_index (replicas, 1), ==, "10.0.0.2:6380");
  g_assert_cmpstr (g_ptr_array_index (replicas, 2), ==, "[::1]:6381");
}

/* No sentinel answers: NO_SENTINEL. */
static void
test_replicas_no_sentinel (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  const char *addresses[] = { "127.0.0.1:1", NULL };
  g_autoptr(GredisSentinelDiscovery) discovery = _gredis_sentinel_discovery_new (addresses, "mymaster",
                                                                                  NULL, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) replicas = replicas_of (discovery, config, &error);

  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_NO_SENTINEL);
  g_assert_null (replicas);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sentinel/discovery/all-sentinels-down", test_all_sentinels_down);
  g_test_add_func ("/sentinel/discovery/master-found", test_master_found);
  g_test_add_func ("/sentinel/discovery/master-found-async", test_master_found_async);
  g_test_add_func ("/sentinel/discovery/unknown-master", test_unknown_master);
  g_test_add_func ("/sentinel/discovery/named-master-is-replica", test_named_master_is_replica);
  g_test_add_func ("/sentinel/discovery/replicas", test_replicas);
  g_test_add_func ("/sentinel/discovery/replicas-filtered", test_replicas_filtered);
  g_test_add_func ("/sentinel/discovery/replicas-no-sentinel", test_replicas_no_sentinel);
  g_test_add_func ("/sentinel/discovery/after-failover", test_after_failover);
  g_test_add_func ("/sentinel/discovery/one-sentinel-down", test_one_sentinel_down);

  setup = gredis_test_sentinel_start (&error);
  g_assert_no_error (error);
  status = g_test_run ();
  g_clear_pointer (&setup, gredis_test_sentinel_stop);
  return status;
}
