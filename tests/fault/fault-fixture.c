/* fault-fixture.c: what the fault-injection tests share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "fault-fixture.h"

GredisClient *
fault_client_for (const char *base,
                  const char *options)
{
  g_autofree char *uri = g_strdup_printf ("%s/?%s", base, options);
  g_autoptr(GError) error = NULL;
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

void
fault_fixture_setup (FaultFixture  *fixture,
                     gconstpointer  options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) upstream = NULL;
  g_autofree char *server_uri = NULL;
  g_autofree char *proxy_uri = NULL;

  fixture->server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  upstream = g_network_address_new ("127.0.0.1", gredis_test_server_get_port (fixture->server));
  fixture->proxy = gredis_test_proxy_new (upstream, &error);
  g_assert_no_error (error);

  server_uri = gredis_test_server_get_uri (fixture->server);
  proxy_uri = gredis_test_proxy_get_uri (fixture->proxy);
  fixture->client = fault_client_for (proxy_uri, options);
  fixture->admin = fault_client_for (server_uri, "pool=simple");
}

void
fault_fixture_teardown (FaultFixture  *fixture,
                        gconstpointer  options)
{
  gredis_client_close (fixture->client);
  g_clear_object (&fixture->client);
  gredis_client_close (fixture->admin);
  g_clear_object (&fixture->admin);
  g_clear_pointer (&fixture->proxy, gredis_test_proxy_free);
  g_clear_pointer (&fixture->server, gredis_test_server_stop);
}

gint64
fault_admin_get (FaultFixture *fixture,
                 const char   *key)
{
  const char *argv[] = { "GET", key, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (fixture->admin, argv, NULL, &error);

  g_assert_no_error (error);
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_NIL)
    return 0;
  return g_ascii_strtoll (gredis_reply_get_string (reply, NULL), NULL, 10);
}

static gboolean
wake_up (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

/* Runs the main context until @done says so, at most FAULT_HANG_BOUND_US. */
void
fault_iterate_until (gboolean (*done) (gpointer),
                     gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + FAULT_HANG_BOUND_US;
  GSource *tick = g_timeout_source_new (10);

  g_source_set_callback (tick, wake_up, NULL, NULL);
  g_source_attach (tick, NULL);
  while (!done (data))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_destroy (tick);
  g_source_unref (tick);
}
