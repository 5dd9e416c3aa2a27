/* test-fault-async.c: asynchronous commands under faults
 *
 * Asynchronous commands share one connection per main context. When it
 * fails, a command none of whose bytes were written, or a read-only one,
 * is sent again on a fresh connection; a write that may have run fails
 * with GREDIS_ERROR_UNKNOWN_OUTCOME. Checked here: every callback runs
 * exactly once, no reply goes to the wrong caller (ECHO tokens), a
 * counter incremented by INCR lies between the INCRs reported successful
 * and those plus the ones reported unknown, and read-only commands whose
 * reply was lost succeed. Every wait is bounded by a deadline.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>

#include <string.h>

#include "gredis-test-proxy.h"
#include "gredis-test-server.h"
#include "fault-fixture.h"

typedef struct
{
  guint pending;
  guint completed;
  guint incr_ok;
  guint incr_unknown;
  guint incr_failed;
  guint echo_ok;
  guint echo_failed;
  guint pad;                   /* bytes of padding in each ECHO token */
} Storm;

typedef struct
{
  Storm *storm;
  char *token;                 /* NULL for INCR */
} Call;

static gboolean
storm_done (gpointer data)
{
  return ((Storm *) data)->pending == 0;
}

typedef struct
{
  Storm *storm;
  guint target;
} Progress;

static gboolean
storm_progressed (gpointer data)
{
  Progress *progress = data;

  return progress->storm->completed >= progress->target || progress->storm->pending == 0;
}

static void
call_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Call *call = user_data;
  Storm *storm = call->storm;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  g_assert_cmpuint (storm->pending, >, 0);
  if (reply != NULL)
    {
      if (call->token != NULL)
        {
          /* Never another caller's reply. */
          g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, call->token);
          storm->echo_ok++;
        }
      else
        {
          g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
          storm->incr_ok++;
        }
    }
  else
    {
      g_assert_true (error->domain == GREDIS_ERROR);
      if (call->token != NULL)
        storm->echo_failed++;
      else if (error->code == GREDIS_ERROR_UNKNOWN_OUTCOME)
        {
          /* It names the command, never the arguments. */
          g_assert_nonnull (strstr (error->message, "INCR"));
          g_assert_null (strstr (error->message, "storm-counter"));
          storm->incr_unknown++;
        }
      else
        {
          /* Only a command that cannot have run fails otherwise. */
          g_assert_true (error->code == GREDIS_ERROR_CONNECTION ||
                         error->code == GREDIS_ERROR_CLOSED);
          storm->incr_failed++;
        }
    }
  storm->pending--;
  storm->completed++;
  g_free (call->token);
  g_free (call);
}

static void
storm_send (GredisClient *client,
            Storm        *storm,
            guint         i)
{
  Call *call = g_new0 (Call, 1);

  call->storm = storm;
  storm->pending++;
  if (i % 2 == 0)
    {
      const char *argv[] = { "INCR", "storm-counter", NULL };

      gredis_client_command_async (client, argv, NULL, call_done, call);
    }
  else
    {
      const char *argv[] = { "ECHO", NULL, NULL };

      if (storm->pad > 0)
        {
          g_autofree char *padding = g_strnfill (storm->pad, 'a' + i % 26);

          call->token = g_strdup_printf ("token-%u-%s", i, padding);
        }
      else
        call->token = g_strdup_printf ("token-%u", i);
      argv[1] = call->token;
      gredis_client_command_async (client, argv, NULL, call_done, call);
    }
}

typedef void (*FaultFunc) (FaultFixture *fixture);

/* @n commands, INCR and ECHO in turn, in batches; @fault strikes when a
 * third and when two thirds have completed. ECHO tokens carry @pad bytes
 * of padding. Returns the number of ECHO commands that failed. */
static guint
run_storm_padded (FaultFixture   *fixture,
                  guint           n,
                  guint           pad,
                  FaultFunc       fault)
{
  Storm storm = { 0, };
  gint64 counter;

  storm.pad = pad;
  for (guint third = 1; third <= 2; third++)
    {
      Progress progress = { &storm, n * third / 3 };

      /* Issue up to that point and a little beyond, so that commands are
       * in flight when the fault strikes. */
      for (guint i = storm.completed + storm.pending; i < MIN (n, progress.target + n / 6); i++)
        storm_send (fixture->client, &storm, i);
      fault_iterate_until (storm_progressed, &progress);
      fault (fixture);
    }
  for (guint i = storm.completed + storm.pending; i < n; i++)
    storm_send (fixture->client, &storm, i);
  fault_iterate_until (storm_done, &storm);

  g_test_message ("INCR: %u ok, %u unknown, %u failed; ECHO: %u ok, %u failed",
                  storm.incr_ok, storm.incr_unknown, storm.incr_failed,
                  storm.echo_ok, storm.echo_failed);
  g_assert_cmpuint (storm.completed, ==, n);
  g_assert_cmpuint (storm.incr_ok + storm.incr_unknown + storm.incr_failed, ==, (n + 1) / 2);
  g_assert_cmpuint (storm.echo_ok + storm.echo_failed, ==, n / 2);
  g_assert_cmpuint (storm.incr_ok, >, 0);

  /* None doubled, none lost silently. */
  counter = fault_admin_get (fixture, "storm-counter");
  g_assert_cmpint (counter, >=, storm.incr_ok);
  g_assert_cmpint (counter, <=, storm.incr_ok + storm.incr_unknown);

  /* The client works afterwards. */
  {
    Storm after = { 0, };

    for (guint i = 0; i < 10; i++)
      storm_send (fixture->client, &after, i);
    fault_iterate_until (storm_done, &after);
    g_assert_cmpuint (after.incr_ok + after.echo_ok, ==, 10);
  }
  return storm.echo_failed;
}

static void
run_storm (FaultFixture   *fixture,
           guint           n,
           FaultFunc       fault)
{
  run_storm_padded (fixture, n, 0, fault);
}

static void
fault_reset (FaultFixture *fixture)
{
  gredis_test_proxy_reset (fixture->proxy);
}

static void
test_storm_reset (FaultFixture  *fixture,
                  gconstpointer  options)
{
  run_storm (fixture, 6000, fault_reset);
}

/* Commands too long to be kept inside their call, and enough of them in
 * flight that the connection drops the kept bytes of answered commands
 * from the front of its buffer (past 64 KiB) while later ones still wait:
 * every command sent again must be its own. ECHO, read-only, is always
 * sent again. */
static void
test_storm_big_reset (FaultFixture  *fixture,
                      gconstpointer  options)
{
  g_assert_cmpuint (run_storm_padded (fixture, 1200, 1000, fault_reset), ==, 0);
}

static void
fault_close_after (FaultFixture *fixture)
{
  static gboolean cutting;

  /* The first time, every connection from then on is cut after a few
   * commands' bytes; the second time, connections work again. */
  cutting = !cutting;
  if (cutting)
    gredis_test_proxy_set_close_after (fixture->proxy, GREDIS_TEST_PROXY_TO_SERVER, 3000);
  else
    gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  gredis_test_proxy_drop (fixture->proxy);
}

static void
test_storm_close_after (FaultFixture  *fixture,
                        gconstpointer  options)
{
  run_storm (fixture, 6000, fault_close_after);
}

static void
fault_client_kill (FaultFixture *fixture)
{
  const char *argv[] = { "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes", NULL };
  gint64 deadline = g_get_monotonic_time () + FAULT_HANG_BOUND_US;

  /* The shared connection may be between two lives: wait for one. */
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command (fixture->admin, argv, NULL, &error);

      g_assert_no_error (error);
      if (gredis_reply_get_integer (reply) >= 1)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, TRUE);
    }
}

static void
test_storm_client_kill (FaultFixture  *fixture,
                        gconstpointer  options)
{
  run_storm (fixture, 6000, fault_client_kill);
}

/* Lost replies */

typedef struct
{
  GredisReply *reply;
  GError *error;
  gboolean done;
} Result;

static void
result_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  Result *r = user_data;

  g_assert_false (r->done);
  r->reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &r->error);
  r->done = TRUE;
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

static gboolean
result_is_done (gpointer data)
{
  return ((Result *) data)->done;
}

static gboolean
connection_closed (gpointer data)
{
  return gredis_connection_get_state (data) == GREDIS_CONNECTION_STATE_CLOSED;
}

static gboolean
both_done (gpointer data)
{
  Result *results = data;

  return results[0].done && results[1].done;
}

/* GET and INCR go out together; the server runs both, their replies are
 * lost with the connection: GET is sent again and succeeds, INCR fails
 * with an unknown outcome and ran once. */
static void
test_reply_lost (FaultFixture  *fixture,
                 gconstpointer  options)
{
  const char *set[] = { "SET", "fault-key", "fault-value", NULL };
  const char *get[] = { "GET", "fault-key", NULL };
  const char *incr[] = { "INCR", "fault-counter", NULL };
  g_autoptr(GredisReply) set_reply = NULL;
  g_autoptr(GError) error = NULL;
  Result results[2] = { { 0, }, };
  Result warm = { 0, };
  Dropped dropped = { fixture, 0 };

  set_reply = gredis_client_command (fixture->admin, set, NULL, &error);
  g_assert_no_error (error);

  /* A ready connection, so that both go out in one write. */
  gredis_client_command_async (fixture->client, get, NULL, result_done, &warm);
  fault_iterate_until (result_is_done, &warm);
  g_assert_no_error (warm.error);
  g_clear_pointer (&warm.reply, gredis_reply_unref);

  /* "$11\r\nfault-value\r\n" and ":1\r\n" */
  dropped.until = gredis_test_proxy_get_bytes_dropped (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) +
                  gredis_test_proxy_get_bytes_held (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) +
                  18 + 4;
  gredis_test_proxy_set_blackhole (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  gredis_client_command_async (fixture->client, get, NULL, result_done, &results[0]);
  gredis_client_command_async (fixture->client, incr, NULL, result_done, &results[1]);
  fault_iterate_until (replies_dropped, &dropped);
  gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  gredis_test_proxy_drop (fixture->proxy);
  fault_iterate_until (both_done, results);

  g_assert_no_error (results[0].error);
  g_assert_cmpstr (gredis_reply_get_string (results[0].reply, NULL), ==, "fault-value");
  gredis_reply_unref (results[0].reply);

  g_assert_error (results[1].error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME);
  g_assert_null (results[1].reply);
  g_clear_error (&results[1].error);
  g_assert_cmpint (fault_admin_get (fixture, "fault-counter"), ==, 1);
}

/* A command cancelled while its reply is on the way stays a tombstone.
 * When the connection then fails, it is neither completed again nor sent
 * again; the commands behind it (one too long to be kept inside its call)
 * are sent again and get their own replies. */
static gboolean
is_done_0 (gpointer data)
{
  return ((Result *) data)[0].done;
}

static gboolean
all_three_done (gpointer data)
{
  Result *results = data;

  return results[0].done && results[1].done && results[2].done;
}

static void
test_cancel_then_reset (FaultFixture  *fixture,
                        gconstpointer  options)
{
  const char *set[] = { "SET", "fault-key", "fault-value", NULL };
  const char *incr[] = { "INCR", "cancel-counter", NULL };
  const char *get[] = { "GET", "fault-key", NULL };
  g_autofree char *payload = g_strnfill (100, 'p');
  const char *echo[] = { "ECHO", payload, NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GredisReply) set_reply = NULL;
  g_autoptr(GError) error = NULL;
  Result results[3] = { { 0, }, };
  Result warm = { 0, };
  Dropped dropped = { fixture, 0 };

  set_reply = gredis_client_command (fixture->admin, set, NULL, &error);
  g_assert_no_error (error);
  gredis_client_command_async (fixture->client, get, NULL, result_done, &warm);
  fault_iterate_until (result_is_done, &warm);
  g_assert_no_error (warm.error);
  g_clear_pointer (&warm.reply, gredis_reply_unref);

  /* ":1\r\n", "$11\r\nfault-value\r\n" and "$100\r\n…\r\n" */
  dropped.until = gredis_test_proxy_get_bytes_dropped (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) +
                  gredis_test_proxy_get_bytes_held (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) +
                  4 + 18 + 108;
  gredis_test_proxy_set_blackhole (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  gredis_client_command_async (fixture->client, incr, cancellable, result_done, &results[0]);
  gredis_client_command_async (fixture->client, get, NULL, result_done, &results[1]);
  gredis_client_command_async (fixture->client, echo, NULL, result_done, &results[2]);
  /* The server ran all three; their replies are lost. */
  fault_iterate_until (replies_dropped, &dropped);
  g_cancellable_cancel (cancellable);
  fault_iterate_until (is_done_0, results);
  g_assert_error (results[0].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (results[1].done);
  g_assert_false (results[2].done);

  gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  gredis_test_proxy_drop (fixture->proxy);
  fault_iterate_until (all_three_done, results);

  g_assert_no_error (results[1].error);
  g_assert_cmpstr (gredis_reply_get_string (results[1].reply, NULL), ==, "fault-value");
  g_assert_no_error (results[2].error);
  g_assert_cmpstr (gredis_reply_get_string (results[2].reply, NULL), ==, payload);
  /* Run once, never again. */
  g_assert_cmpint (fault_admin_get (fixture, "cancel-counter"), ==, 1);

  /* Nothing completes twice (result_done asserts it) once things settle. */
  {
    Result after = { 0, };

    gredis_client_command_async (fixture->client, get, NULL, result_done, &after);
    fault_iterate_until (result_is_done, &after);
    g_assert_no_error (after.error);
    g_clear_pointer (&after.reply, gredis_reply_unref);
  }
  g_clear_error (&results[0].error);
  g_clear_pointer (&results[1].reply, gredis_reply_unref);
  g_clear_pointer (&results[2].reply, gredis_reply_unref);
}

/* The server is unreachable for a while: a GET waits out the backoff and
 * succeeds once it is back. */
static gboolean
accept_again (gpointer user_data)
{
  FaultFixture *fixture = user_data;
  g_autoptr(GError) error = NULL;

  g_assert_true (gredis_test_proxy_set_accept (fixture->proxy, GREDIS_TEST_PROXY_ACCEPT_FORWARD,
                                               &error));
  g_assert_no_error (error);
  return G_SOURCE_REMOVE;
}

static void
test_server_returns (FaultFixture  *fixture,
                     gconstpointer  options)
{
  const char *set[] = { "SET", "fault-key", "back", NULL };
  const char *get[] = { "GET", "fault-key", NULL };
  g_autoptr(GredisReply) set_reply = NULL;
  g_autoptr(GError) error = NULL;
  Result warm = { 0, };
  Result result = { 0, };

  set_reply = gredis_client_command (fixture->admin, set, NULL, &error);
  g_assert_no_error (error);
  gredis_client_command_async (fixture->client, get, NULL, result_done, &warm);
  fault_iterate_until (result_is_done, &warm);
  g_assert_no_error (warm.error);
  g_clear_pointer (&warm.reply, gredis_reply_unref);

  g_assert_true (gredis_test_proxy_set_accept (fixture->proxy, GREDIS_TEST_PROXY_ACCEPT_REFUSE,
                                               &error));
  g_assert_no_error (error);
  gredis_test_proxy_reset (fixture->proxy);
  gredis_client_command_async (fixture->client, get, NULL, result_done, &result);
  g_timeout_add (200, accept_again, fixture);
  fault_iterate_until (result_is_done, &result);

  g_assert_no_error (result.error);
  g_assert_cmpstr (gredis_reply_get_string (result.reply, NULL), ==, "back");
  gredis_reply_unref (result.reply);
}

/* A cancelled command completes once, with G_IO_ERROR_CANCELLED, even
 * while it waits out the backoff. */
static void
test_cancel_during_backoff (FaultFixture  *fixture,
                            gconstpointer  options)
{
  const char *get[] = { "GET", "fault-key", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  Result warm = { 0, };
  Result result = { 0, };

  gredis_client_command_async (fixture->client, get, NULL, result_done, &warm);
  fault_iterate_until (result_is_done, &warm);
  g_assert_no_error (warm.error);
  g_clear_pointer (&warm.reply, gredis_reply_unref);

  g_assert_true (gredis_test_proxy_set_accept (fixture->proxy, GREDIS_TEST_PROXY_ACCEPT_REFUSE,
                                               &error));
  g_assert_no_error (error);
  gredis_test_proxy_reset (fixture->proxy);
  gredis_client_command_async (fixture->client, get, cancellable, result_done, &result);
  /* Let it fail once and go into the backoff (a long one here). */
  {
    GredisConnection *before = gredis_client_get_connection (fixture->client, &error);

    g_assert_no_error (error);
    fault_iterate_until (connection_closed, before);
    g_object_unref (before);
  }
  g_cancellable_cancel (cancellable);
  fault_iterate_until (result_is_done, &result);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  g_assert_null (result.reply);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fault-async/storm/reset", FaultFixture,
              "retries=5&backoff-base-ms=10&backoff-cap-ms=100",
              fault_fixture_setup, test_storm_reset, fault_fixture_teardown);
  g_test_add ("/fault-async/storm/close-after", FaultFixture,
              "retries=5&backoff-base-ms=10&backoff-cap-ms=100",
              fault_fixture_setup, test_storm_close_after, fault_fixture_teardown);
  g_test_add ("/fault-async/storm/client-kill", FaultFixture,
              "retries=5&backoff-base-ms=10&backoff-cap-ms=100",
              fault_fixture_setup, test_storm_client_kill, fault_fixture_teardown);
  g_test_add ("/fault-async/storm/big-reset", FaultFixture,
              "retries=5&backoff-base-ms=10&backoff-cap-ms=100",
              fault_fixture_setup, test_storm_big_reset, fault_fixture_teardown);
  g_test_add ("/fault-async/cancel-then-reset", FaultFixture, "", fault_fixture_setup,
              test_cancel_then_reset, fault_fixture_teardown);
  g_test_add ("/fault-async/reply-lost", FaultFixture, "", fault_fixture_setup, test_reply_lost,
              fault_fixture_teardown);
  g_test_add ("/fault-async/server-returns", FaultFixture,
              "retries=10&backoff=exponential&backoff-base-ms=20&backoff-cap-ms=200",
              fault_fixture_setup, test_server_returns, fault_fixture_teardown);
  g_test_add ("/fault-async/cancel-during-backoff", FaultFixture,
              "retries=3&backoff=constant&backoff-base-ms=60000&backoff-cap-ms=60000",
              fault_fixture_setup, test_cancel_during_backoff, fault_fixture_teardown);

  return g_test_run ();
}
