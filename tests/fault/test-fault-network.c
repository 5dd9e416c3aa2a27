/* test-fault-network.c: a changed network restarts the backoff
 *
 * GNetworkMonitor::network-changed cannot be emitted by a test on the
 * default monitor; the client's handler, _gredis_client_network_changed(),
 * is called directly instead. Checked: the next delay of a retry starts
 * again from the policy's first, the client's retry policy forgets its
 * state, and a command waiting out a (long) backoff delay after a refused
 * connect is tried at once. Every wait is bounded by a deadline.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>

#include "gredis-client-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-test-proxy.h"
#include "gredis-test-server.h"
#include "fault-fixture.h"

/* A bound against hangs, not a measurement. */
#define HANG_BOUND_US (30 * G_USEC_PER_SEC)

/* Exponential backoff, base 10 ms: a retry waits 20, 40, 80 ms (the
 * policy's delays after 1, 2, 3 failures), then 20 ms again after the
 * network changed; another retry's delays are its own. */
static void
test_delay_restarts (void)
{
  g_autoptr(GredisClient) client = fault_client_for ("redis://127.0.0.1:1",
                                               "retries=5&backoff=exponential&backoff-base-ms=10&backoff-cap-ms=1000");
  g_autoptr(GredisRetry) policy = _gredis_client_ref_retry (client);
  g_autoptr(GredisBackoffPolicy) none = gredis_backoff_policy_new_for_name ("none", NULL);
  g_autoptr(GredisRetry) without = NULL;
  GredisRetryDelay first = { 0, };
  GredisRetryDelay second = { 0, };

  g_assert_nonnull (policy);
  g_assert_nonnull (none);
  without = gredis_retry_new (none, 5, NULL);
  g_assert_cmpuint (_gredis_retry_delay_us (_gredis_client_get_router (client), policy, &first), ==, 20000);
  g_assert_cmpuint (_gredis_retry_delay_us (_gredis_client_get_router (client), policy, &first), ==, 40000);
  g_assert_cmpuint (_gredis_retry_delay_us (_gredis_client_get_router (client), policy, &second), ==, 20000);
  g_assert_cmpuint (_gredis_retry_delay_us (_gredis_client_get_router (client), policy, &first), ==, 80000);

  _gredis_client_network_changed (client);
  g_assert_cmpuint (_gredis_retry_delay_us (_gredis_client_get_router (client), policy, &first), ==, 20000);
  g_assert_cmpuint (_gredis_retry_delay_us (_gredis_client_get_router (client), policy, &first), ==, 40000);
  g_assert_cmpuint (_gredis_retry_delay_us (_gredis_client_get_router (client), policy, &second), ==, 20000);

  /* Without delays: none, whatever the count. */
  g_assert_cmpuint (_gredis_retry_delay_us (_gredis_client_get_router (client), without, &first), ==, 0);
  gredis_client_close (client);
}

/* The client's backoff policy forgets its state: a seeded
 * decorrelated-jitter policy gives the delays of its seed again. */
static void
test_policy_reset (void)
{
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  GredisBackoffPolicy *policy;
  guint64 delays[4];

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  uri = gredis_test_server_get_uri (server);
  client = fault_client_for (uri, "retries=5&backoff=decorrelated-jitter&backoff-base-ms=10&backoff-cap-ms=10000");
  policy = gredis_retry_get_backoff (gredis_client_get_retry (client));
  g_assert_nonnull (policy);

  g_object_set (policy, "seed", (guint64) 42, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    delays[i] = gredis_backoff_policy_compute (policy, i + 1);
  /* The state moved on: the next delays are not those of the start. */
  g_assert_true (delays[1] != delays[0] || delays[2] != delays[1]);

  _gredis_client_network_changed (client);
  for (guint i = 0; i < G_N_ELEMENTS (delays); i++)
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, i + 1), ==, delays[i]);

  gredis_client_close (client);
  gredis_test_server_stop (g_steal_pointer (&server));
}

typedef struct
{
  gboolean done;
  GredisReply *reply;
  GError *error;
} Result;

static void
command_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  Result *result = user_data;

  g_assert_false (result->done);
  result->reply = gredis_client_command_finish (GREDIS_CLIENT (source), res, &result->error);
  result->done = TRUE;
}

/* One iteration of the thread-default main context, waiting at most
 * 10 ms; returns the time its sources asked to sleep at most, in ms (-1:
 * no timeout), as prepared before the dispatch. */
static gint
iterate_once (void)
{
  GMainContext *context = g_main_context_default ();
  GPollFD fds[64];
  gint priority, timeout, n_fds;

  g_assert_true (g_main_context_acquire (context));
  g_main_context_prepare (context, &priority);
  n_fds = g_main_context_query (context, priority, &timeout, fds, G_N_ELEMENTS (fds));
  g_assert_cmpint (n_fds, <=, G_N_ELEMENTS (fds));
  g_poll (fds, n_fds, timeout < 0 ? 10 : MIN (timeout, 10));
  g_main_context_check (context, priority, fds, n_fds);
  g_main_context_dispatch (context);
  g_main_context_release (context);
  return timeout;
}

/* A connect waits out a backoff delay of a minute: a network change makes
 * it try again at once, and the command goes through. */
static void
test_reconnect_now (void)
{
  const char *get[] = { "ECHO", "back", NULL };
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GredisTestProxy) proxy = NULL;
  g_autoptr(GSocketConnectable) upstream = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = NULL;
  gint64 deadline = g_get_monotonic_time () + HANG_BOUND_US;
  Result result = { 0, };

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  upstream = g_network_address_new ("127.0.0.1", gredis_test_server_get_port (server));
  proxy = gredis_test_proxy_new (upstream, &error);
  g_assert_no_error (error);
  uri = gredis_test_proxy_get_uri (proxy);
  client = fault_client_for (uri, "retries=3&backoff=constant&backoff-base-ms=60000&backoff-cap-ms=60000&command-timeout-ms=0");

  /* Connects are refused: the first fails and the command waits a
   * minute before the next attempt, its only timeout then. */
  g_assert_true (gredis_test_proxy_set_accept (proxy, GREDIS_TEST_PROXY_ACCEPT_REFUSE, &error));
  g_assert_no_error (error);
  gredis_client_command_async (client, get, NULL, command_done, &result);
  while (iterate_once () < 30000)
    g_assert_cmpint (g_get_monotonic_time (), <, deadline);
  g_assert_false (result.done);

  g_assert_true (gredis_test_proxy_set_accept (proxy, GREDIS_TEST_PROXY_ACCEPT_FORWARD, &error));
  g_assert_no_error (error);
  _gredis_client_network_changed (client);
  while (!result.done)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      iterate_once ();
    }

  g_assert_no_error (result.error);
  g_assert_cmpstr (gredis_reply_get_string (result.reply, NULL), ==, "back");
  gredis_reply_unref (result.reply);
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (proxy), ==, 1);

  gredis_client_close (client);
  g_clear_pointer (&proxy, gredis_test_proxy_free);
  gredis_test_server_stop (g_steal_pointer (&server));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/fault-network/delay-restarts", test_delay_restarts);
  g_test_add_func ("/fault-network/policy-reset", test_policy_reset);
  g_test_add_func ("/fault-network/reconnect-now", test_reconnect_now);

  return g_test_run ();
}
