/* test-fault-pipeline.c: pipelines and transactions under faults
 *
 * A plain pipeline whose connection is lost keeps the replies it got,
 * sends its unanswered read-only commands again, and fails its
 * unanswered writes with GREDIS_ERROR_UNKNOWN_OUTCOME: a write never runs
 * twice. A transaction whose EXEC reply is lost is never replayed: every
 * command's outcome is unknown. Every wait is bounded by a deadline.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>

#include <string.h>

#include "gredis-test-proxy.h"
#include "gredis-test-server.h"
#include "fault-fixture.h"

static void
admin_run (FaultFixture       *fixture,
           const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (fixture->admin, argv, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
}

typedef struct
{
  gboolean done;
  gboolean ok;
  GError *error;
} Executed;

static void
executed (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  Executed *e = user_data;

  g_assert_false (e->done);
  e->ok = gredis_pipeline_execute_finish (GREDIS_PIPELINE (source), result, &e->error);
  e->done = TRUE;
}

static gboolean
is_executed (gpointer data)
{
  return ((Executed *) data)->done;
}

static gboolean
connection_closed (gpointer data)
{
  return gredis_connection_get_state (data) == GREDIS_CONNECTION_STATE_CLOSED;
}

static void
assert_string_reply (GredisPipeline *pipeline,
                     guint           index,
                     const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, index, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, expected);
}

static void
assert_unknown_outcome (GredisPipeline *pipeline,
                        guint           index,
                        const char     *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, index, &error);

  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME);
  g_assert_nonnull (strstr (error->message, name));
}

/* The connection closes in the middle of the second reply: the first
 * GET keeps its reply, the INCR and INCRBY fail with an unknown outcome
 * and ran at most once, the second GET is sent again and succeeds. */
static void
test_plain_reply_cut (FaultFixture  *fixture,
                      gconstpointer  options)
{
  const char *set[] = { "SET", "fault-key", "fault-value", NULL };
  const char *get[] = { "GET", "fault-key", NULL };
  const char *incr[] = { "INCR", "fault-counter", NULL };
  const char *incrby[] = { "INCRBY", "fault-counter", "10", NULL };
  const char *ping[] = { "PING", NULL };
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (fixture->client, FALSE);
  g_autoptr(GredisConnection) before = NULL;
  g_autoptr(GError) error = NULL;
  Executed warm = { 0, };
  Executed e = { 0, };
  gint64 counter;

  admin_run (fixture, set);

  /* A ready shared connection, so that the batch goes out in one write. */
  gredis_pipeline_add_command (pipeline, ping);
  gredis_pipeline_execute_async (pipeline, NULL, executed, &warm);
  fault_iterate_until (is_executed, &warm);
  g_assert_no_error (warm.error);
  before = gredis_client_get_connection (fixture->client, &error);
  g_assert_no_error (error);

  /* "$11\r\nfault-value\r\n", then 2 bytes of ":1\r\n" */
  gredis_test_proxy_set_close_after (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT, 18 + 2);
  g_assert_cmpuint (gredis_pipeline_add_command (pipeline, get), ==, 0);
  g_assert_cmpuint (gredis_pipeline_add_command (pipeline, incr), ==, 1);
  g_assert_cmpuint (gredis_pipeline_add_command (pipeline, get), ==, 2);
  g_assert_cmpuint (gredis_pipeline_add_command (pipeline, incrby), ==, 3);
  gredis_pipeline_execute_async (pipeline, NULL, executed, &e);
  fault_iterate_until (connection_closed, before);
  /* The retry waits out the backoff in this context: new connections
   * work again before it runs. */
  gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  fault_iterate_until (is_executed, &e);

  g_assert_no_error (e.error);
  g_assert_true (e.ok);
  g_assert_cmpuint (gredis_pipeline_get_n_results (pipeline), ==, 4);
  assert_string_reply (pipeline, 0, "fault-value");
  assert_unknown_outcome (pipeline, 1, "INCR");
  assert_string_reply (pipeline, 2, "fault-value");
  assert_unknown_outcome (pipeline, 3, "INCRBY");
  /* The INCR ran; the INCRBY ran at most once. */
  counter = fault_admin_get (fixture, "fault-counter");
  g_assert_true (counter == 1 || counter == 11);
}

/* Every connection is refused for good: a read-only command is retried
 * up to GredisConfig:retries times, then fails with the connection's
 * error, never with an unknown outcome. */
static void
test_plain_server_gone (FaultFixture  *fixture,
                        gconstpointer  options)
{
  const char *get[] = { "GET", "fault-key", NULL };
  const char *ping[] = { "PING", NULL };
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (fixture->client, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) result_error = NULL;
  Executed warm = { 0, };
  Executed e = { 0, };
  guint accepted;

  gredis_pipeline_add_command (pipeline, ping);
  gredis_pipeline_execute_async (pipeline, NULL, executed, &warm);
  fault_iterate_until (is_executed, &warm);
  g_assert_no_error (warm.error);
  accepted = gredis_test_proxy_get_n_accepted (fixture->proxy);

  g_assert_true (gredis_test_proxy_set_accept (fixture->proxy, GREDIS_TEST_PROXY_ACCEPT_CLOSE,
                                               &error));
  g_assert_no_error (error);
  gredis_test_proxy_set_blackhole (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  gredis_pipeline_add_command (pipeline, get);
  gredis_pipeline_execute_async (pipeline, NULL, executed, &e);
  gredis_test_proxy_drop (fixture->proxy);
  fault_iterate_until (is_executed, &e);

  g_assert_no_error (e.error);
  g_assert_null (gredis_pipeline_get_reply (pipeline, 0, &result_error));
  g_assert_true (g_error_matches (result_error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION) ||
                 g_error_matches (result_error, GREDIS_ERROR, GREDIS_ERROR_CLOSED));
  /* retries=2: two more connections were made for it. */
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (fixture->proxy), ==, accepted + 2);
}

typedef struct
{
  FaultFixture *fixture;
  guint64 until;
} Dropped;

static gboolean
replies_dropped (gpointer data)
{
  Dropped *dropped = data;

  return gredis_test_proxy_get_bytes_dropped (dropped->fixture->proxy,
                                              GREDIS_TEST_PROXY_TO_CLIENT) +
         gredis_test_proxy_get_bytes_held (dropped->fixture->proxy,
                                           GREDIS_TEST_PROXY_TO_CLIENT) >= dropped->until;
}

/* The EXEC reply is lost: the transaction ran once, and is not sent
 * again; each command and the execution fail with an unknown outcome. */
static void
test_transaction_exec_lost (FaultFixture  *fixture,
                            gconstpointer  options)
{
  const char *set[] = { "SET", "fault-key", "fault-value", NULL };
  const char *get[] = { "GET", "fault-key", NULL };
  const char *incr[] = { "INCR", "fault-counter", NULL };
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (fixture->client, TRUE);
  Executed warm = { 0, };
  Executed e = { 0, };
  Dropped dropped = { fixture, 0 };

  admin_run (fixture, set);

  /* An idle exclusive connection in the pool, reused by the next one. */
  gredis_pipeline_add_command (pipeline, get);
  gredis_pipeline_execute_async (pipeline, NULL, executed, &warm);
  fault_iterate_until (is_executed, &warm);
  g_assert_no_error (warm.error);
  assert_string_reply (pipeline, 0, "fault-value");

  /* "+OK\r\n", 2 × "+QUEUED\r\n", "*2\r\n:1\r\n$11\r\nfault-value\r\n" */
  dropped.until = gredis_test_proxy_get_bytes_dropped (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) +
                  gredis_test_proxy_get_bytes_held (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) +
                  5 + 9 + 9 + 4 + 4 + 18;
  gredis_test_proxy_set_blackhole (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  gredis_pipeline_add_command (pipeline, incr);
  gredis_pipeline_add_command (pipeline, get);
  gredis_pipeline_execute_async (pipeline, NULL, executed, &e);
  fault_iterate_until (replies_dropped, &dropped);
  gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  gredis_test_proxy_drop (fixture->proxy);
  fault_iterate_until (is_executed, &e);

  g_assert_false (e.ok);
  g_assert_error (e.error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME);
  g_assert_nonnull (strstr (e.error->message, "EXEC"));
  g_clear_error (&e.error);
  assert_unknown_outcome (pipeline, 0, "INCR");
  assert_unknown_outcome (pipeline, 1, "GET");
  g_assert_cmpint (fault_admin_get (fixture, "fault-counter"), ==, 1);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fault-pipeline/plain/reply-cut", FaultFixture,
              "retries=3&backoff=constant&backoff-base-ms=20&backoff-cap-ms=20",
              fault_fixture_setup, test_plain_reply_cut, fault_fixture_teardown);
  g_test_add ("/fault-pipeline/plain/server-gone", FaultFixture,
              "retries=2&backoff=constant&backoff-base-ms=10&backoff-cap-ms=10",
              fault_fixture_setup, test_plain_server_gone, fault_fixture_teardown);
  g_test_add ("/fault-pipeline/transaction/exec-lost", FaultFixture,
              "pool=simple&retries=3&backoff=constant&backoff-base-ms=20&backoff-cap-ms=20",
              fault_fixture_setup, test_transaction_exec_lost, fault_fixture_teardown);

  return g_test_run ();
}
