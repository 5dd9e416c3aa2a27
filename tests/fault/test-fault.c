/* test-fault.c: the client under faults, against real redis-servers and
 * the fault-injection proxy
 *
 * For each fault: nothing waits past the configured timeouts, no reply
 * goes to the wrong caller (ECHO tokens), read-only commands are retried
 * and succeed once the server is back, and a counter incremented by INCR
 * lies between the INCRs reported successful and those plus the ones
 * whose outcome was reported unknown (none run twice, none lost
 * silently).
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>

#include "gredis-test-proxy.h"
#include "gredis-test-server.h"
#include "fault-fixture.h"

/* Every call here must come back well within this, whatever the fault:
 * a bound against hangs, not a measurement. */
#define HANG_BOUND_US (20 * G_USEC_PER_SEC)

/* Runs a command and checks it came back within the bound. */
static GredisReply *
run (GredisClient        *client,
     const char * const  *argv,
     GError             **error)
{
  gint64 start = g_get_monotonic_time ();
  GredisReply *reply = gredis_client_command (client, argv, NULL, error);

  g_assert_cmpint (g_get_monotonic_time () - start, <, HANG_BOUND_US);
  return reply;
}

static gint64
admin_integer (FaultFixture *fixture,
               const char   *first,
               ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  const char *arg;
  va_list ap;

  va_start (ap, first);
  for (arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (argv, NULL);

  reply = run (fixture->admin, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  switch (gredis_reply_get_kind (reply))
    {
    case GREDIS_REPLY_STRING:
      return g_ascii_strtoll (gredis_reply_get_string (reply, NULL), NULL, 10);
    case GREDIS_REPLY_NIL:
      return 0;
    case GREDIS_REPLY_INTEGER:
      return gredis_reply_get_integer (reply);
    default:
      return -1;
    }
}

static void
admin_ok (FaultFixture       *fixture,
          const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = run (fixture->admin, argv, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
}

/* ECHO with a fresh token: TRUE when the right token came back. */
static gboolean
echo_ok (GredisClient  *client,
         guint          n,
         GError       **error)
{
  g_autofree char *token = g_strdup_printf ("token-%u-%p", n, (void *) &n);
  const char *argv[] = { "ECHO", token, NULL };
  g_autoptr(GredisReply) reply = run (client, argv, error);

  if (reply == NULL)
    return FALSE;
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, token);
  return TRUE;
}

/* INCR bookkeeping. */
typedef struct
{
  guint ok;
  guint unknown;               /* UNKNOWN_OUTCOME, or timed out after sending */
  guint failed;                /* failed before it could have run */
} Counts;

static void
incr (GredisClient *client,
      Counts       *counts)
{
  const char *argv[] = { "INCR", "fault-counter", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = run (client, argv, &error);

  if (reply != NULL)
    counts->ok++;
  else if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME) ||
           g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT))
    counts->unknown++;
  else
    {
      g_test_message ("INCR failed: %s", error->message);
      counts->failed++;
    }
}

static void
check_counter (FaultFixture *fixture,
               Counts       *counts)
{
  gint64 counter = admin_integer (fixture, "GET", "fault-counter", NULL);

  g_test_message ("INCR: %u ok, %u unknown, %u failed; counter %" G_GINT64_FORMAT,
                  counts->ok, counts->unknown, counts->failed, counter);
  g_assert_cmpint (counter, >=, counts->ok);
  g_assert_cmpint (counter, <=, counts->ok + counts->unknown);
}

static void
set_value (FaultFixture *fixture)
{
  const char *set[] = { "SET", "fault-key", "fault-value", NULL };

  admin_ok (fixture, set);
}

static void
get_value_ok (GredisClient *client)
{
  const char *get[] = { "GET", "fault-key", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = run (client, get, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "fault-value");
}

/* A command in a thread of its own, while the test makes the fault. */
typedef struct
{
  GredisClient *client;
  const char *argv[4];
  GredisReply *reply;
  GError *error;
} Call;

static gpointer
call_run (gpointer user_data)
{
  Call *call = user_data;

  call->reply = run (call->client, call->argv, &call->error);
  return NULL;
}

static void
wait_for_dropped_reply (FaultFixture *fixture,
                        guint64       before)
{
  gint64 deadline = g_get_monotonic_time () + HANG_BOUND_US;

  while (gredis_test_proxy_get_bytes_dropped (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) +
         gredis_test_proxy_get_bytes_held (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) <= before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (2000);
    }
}

/* The server ran the command but its reply was lost with the connection:
 * a read-only command is sent again and succeeds, a write fails with
 * GREDIS_ERROR_UNKNOWN_OUTCOME and ran exactly once. */
static void
lose_reply (FaultFixture *fixture,
            const char   *name,
            Call         *call)
{
  guint64 before;
  GThread *thread;
  g_autoptr(GError) error = NULL;

  /* A warm pooled connection, so that the command goes out at once. */
  g_assert_true (echo_ok (fixture->client, 0, &error));

  before = gredis_test_proxy_get_bytes_dropped (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT) +
           gredis_test_proxy_get_bytes_held (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  gredis_test_proxy_set_blackhole (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  call->client = fixture->client;
  thread = g_thread_new (name, call_run, call);
  wait_for_dropped_reply (fixture, before);
  gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  gredis_test_proxy_drop (fixture->proxy);
  g_thread_join (thread);
}

static void
test_reply_lost_read_only (FaultFixture  *fixture,
                           gconstpointer  options)
{
  Call call = { NULL, { "GET", "fault-key", NULL }, NULL, NULL };

  set_value (fixture);
  lose_reply (fixture, "get", &call);
  g_assert_no_error (call.error);
  g_assert_cmpstr (gredis_reply_get_string (call.reply, NULL), ==, "fault-value");
  gredis_reply_unref (call.reply);
}

static void
test_reply_lost_write (FaultFixture  *fixture,
                       gconstpointer  options)
{
  Call call = { NULL, { "INCR", "fault-counter", NULL }, NULL, NULL };

  lose_reply (fixture, "incr", &call);
  g_assert_error (call.error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME);
  g_assert_null (call.reply);
  g_clear_error (&call.error);
  /* It ran once: not twice, not never. */
  g_assert_cmpint (admin_integer (fixture, "GET", "fault-counter", NULL), ==, 1);

  /* The next one works on a fresh connection. */
  {
    Counts counts = { 0, };

    incr (fixture->client, &counts);
    g_assert_cmpuint (counts.ok, ==, 1);
  }
}

/* Every proxy mode: data modes slow things down or cut connections. */
static void
test_proxy_modes (FaultFixture  *fixture,
                  gconstpointer  options)
{
  g_autoptr(GError) error = NULL;
  Counts counts = { 0, };
  guint n = 0;

  set_value (fixture);

  gredis_test_proxy_set_delay (fixture->proxy, GREDIS_TEST_PROXY_BOTH, 20);
  for (guint i = 0; i < 5; i++, n++)
    {
      g_assert_true (echo_ok (fixture->client, n, &error));
      incr (fixture->client, &counts);
    }
  gredis_test_proxy_set_trickle (fixture->proxy, GREDIS_TEST_PROXY_BOTH, 3, 1);
  for (guint i = 0; i < 5; i++, n++)
    {
      g_assert_true (echo_ok (fixture->client, n, &error));
      incr (fixture->client, &counts);
    }
  g_assert_cmpuint (counts.ok, ==, 10);

  /* Connections cut after a few bytes of reply, over and over: nothing
   * hangs, and the counter stays honest. */
  gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  gredis_test_proxy_set_close_after (fixture->proxy, GREDIS_TEST_PROXY_TO_CLIENT, 40);
  for (guint i = 0; i < 20; i++, n++)
    {
      if (!echo_ok (fixture->client, n, &error))
        g_clear_error (&error);
      incr (fixture->client, &counts);
    }

  /* Resets of every connection. */
  gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  for (guint i = 0; i < 10; i++, n++)
    {
      incr (fixture->client, &counts);
      gredis_test_proxy_reset (fixture->proxy);
      get_value_ok (fixture->client);
    }

  /* A server that refuses, then comes back. */
  g_assert_true (gredis_test_proxy_set_accept (fixture->proxy, GREDIS_TEST_PROXY_ACCEPT_REFUSE,
                                               &error));
  g_assert_no_error (error);
  gredis_test_proxy_drop (fixture->proxy);
  g_assert_false (echo_ok (fixture->client, n++, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION);
  g_clear_error (&error);
  incr (fixture->client, &counts);
  g_assert_true (gredis_test_proxy_set_accept (fixture->proxy, GREDIS_TEST_PROXY_ACCEPT_FORWARD,
                                               &error));
  get_value_ok (fixture->client);

  /* A blackhole both ways: the command times out. */
  gredis_test_proxy_set_blackhole (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  g_assert_false (echo_ok (fixture->client, n++, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT);
  g_clear_error (&error);
  gredis_test_proxy_set_pass (fixture->proxy, GREDIS_TEST_PROXY_BOTH);
  get_value_ok (fixture->client);

  check_counter (fixture, &counts);
}

/* SIGSTOP: commands time out on time; SIGCONT: the client recovers. */
static void
test_sigstop (FaultFixture  *fixture,
              gconstpointer  options)
{
  g_autoptr(GError) error = NULL;
  Counts counts = { 0, };

  set_value (fixture);
  incr (fixture->client, &counts);
  gredis_test_server_pause (fixture->server);
  g_assert_false (echo_ok (fixture->client, 1, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT);
  g_clear_error (&error);
  incr (fixture->client, &counts);
  gredis_test_server_resume (fixture->server);
  get_value_ok (fixture->client);
  g_assert_true (echo_ok (fixture->client, 2, &error));
  incr (fixture->client, &counts);
  check_counter (fixture, &counts);
}

/* CLIENT KILL of every pooled connection. */
static void
test_client_kill (FaultFixture  *fixture,
                  gconstpointer  options)
{
  const char *kill[] = { "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes", NULL };
  g_autoptr(GError) error = NULL;
  Counts counts = { 0, };

  set_value (fixture);
  for (guint i = 0; i < 10; i++)
    {
      incr (fixture->client, &counts);
      admin_ok (fixture, kill);
      get_value_ok (fixture->client);
      g_assert_true (echo_ok (fixture->client, i, &error));
    }
  g_assert_cmpuint (counts.ok, ==, 10);
  check_counter (fixture, &counts);
}

/* The server closes idle connections (CONFIG SET timeout 1). */
static void
test_server_idle_timeout (FaultFixture  *fixture,
                          gconstpointer  options)
{
  const char *timeout_on[] = { "CONFIG", "SET", "timeout", "1", NULL };
  Counts counts = { 0, };

  set_value (fixture);
  admin_ok (fixture, timeout_on);
  get_value_ok (fixture->client);
  /* redis checks idle clients about once a second. */
  g_usleep (2500 * G_TIME_SPAN_MILLISECOND);
  incr (fixture->client, &counts);
  get_value_ok (fixture->client);
  g_assert_cmpuint (counts.ok, ==, 1);
  check_counter (fixture, &counts);
}

/* CLIENT PAUSE: commands wait, then complete. */
static void
test_client_pause (FaultFixture  *fixture,
                   gconstpointer  options)
{
  const char *pause[] = { "CLIENT", "PAUSE", "300", "ALL", NULL };
  Counts counts = { 0, };

  set_value (fixture);
  get_value_ok (fixture->client);
  admin_ok (fixture, pause);
  incr (fixture->client, &counts);
  get_value_ok (fixture->client);
  g_assert_cmpuint (counts.ok, ==, 1);
  check_counter (fixture, &counts);
}

/* DEBUG SLEEP longer than the command timeout. */
static void
test_debug_sleep (FaultFixture  *fixture,
                  gconstpointer  options)
{
  Call sleeper = { NULL, { "DEBUG", "SLEEP", "1", NULL }, NULL, NULL };
  g_autoptr(GError) error = NULL;
  Counts counts = { 0, };
  GThread *thread;

  set_value (fixture);
  get_value_ok (fixture->client);
  sleeper.client = fixture->admin;
  thread = g_thread_new ("sleeper", call_run, &sleeper);
  g_usleep (100 * G_TIME_SPAN_MILLISECOND);
  incr (fixture->client, &counts);
  g_thread_join (thread);
  g_assert_no_error (sleeper.error);
  gredis_reply_unref (sleeper.reply);
  get_value_ok (fixture->client);
  g_assert_true (echo_ok (fixture->client, 1, &error));
  check_counter (fixture, &counts);
}

/* The password changes under the client: an error, not a hang. */
static void
test_auth_change (void)
{
  const char * const args[] = { "--requirepass", "old-secret", NULL };
  const char *change[] = { "CONFIG", "SET", "requirepass", "new-secret", NULL };
  const char *kill[] = { "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes", NULL };
  const char *ping[] = { "PING", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisClient) admin = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *base = NULL;
  GredisTestServer *server;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, args, &error);
  g_assert_no_error (error);
  base = gredis_test_server_get_uri (server);
  uri = g_strdup_printf ("redis://:old-secret@%s", base + strlen ("redis://"));
  client = fault_client_for (uri, "command-timeout-ms=2000");
  admin = fault_client_for (uri, "pool=simple");

  reply = run (client, ping, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);

  reply = run (admin, change, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = run (admin, kill, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);

  reply = run (client, ping, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_AUTH);
  g_assert_null (strstr (error->message, "old-secret"));

  gredis_client_close (client);
  gredis_client_close (admin);
  gredis_test_server_stop (server);
}

/* The server is killed in the middle of a pipeline of asynchronous
 * commands and restarted on the same port: every command completes, none
 * with another's reply, and read-only ones work against the new server. */
typedef struct
{
  guint pending;
  guint ok;
  guint failed;
} Pipeline;

typedef struct
{
  Pipeline *pipeline;
  char *token;
} EchoCall;

static void
echo_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  EchoCall *call = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  if (reply != NULL)
    {
      g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, call->token);
      call->pipeline->ok++;
    }
  else
    call->pipeline->failed++;
  call->pipeline->pending--;
  g_free (call->token);
  g_free (call);
}

static void
test_kill_restart (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *port = NULL;
  GredisTestServer *server;
  Pipeline pipeline = { 0, };
  const guint n = 2000;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  uri = gredis_test_server_get_uri (server);
  port = g_strdup_printf ("%u", gredis_test_server_get_port (server));
  client = fault_client_for (uri, "command-timeout-ms=2000&retries=5&backoff-base-ms=20");

  for (guint i = 0; i < n; i++)
    {
      EchoCall *call = g_new0 (EchoCall, 1);
      const char *argv[] = { "ECHO", NULL, NULL };

      call->pipeline = &pipeline;
      call->token = g_strdup_printf ("pipelined-%u", i);
      argv[1] = call->token;
      pipeline.pending++;
      gredis_client_command_async (client, argv, NULL, echo_done, call);
      if (i == n / 2)
        {
          /* Let the first half go out and some replies come back. */
          while (pipeline.ok == 0 && pipeline.pending > 0)
            g_main_context_iteration (NULL, TRUE);
          gredis_test_server_kill (server);
        }
    }
  while (pipeline.pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (pipeline.ok + pipeline.failed, ==, n);
  g_assert_cmpuint (pipeline.failed, >, 0);
  gredis_test_server_stop (server);

  {
    const char * const args[] = { "--port", port, "--bind", "127.0.0.1", NULL };
    const char *get[] = { "GET", "missing", NULL };
    g_autoptr(GredisReply) reply = NULL;

    server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, args, &error);
    g_assert_no_error (error);
    /* The blocking API's pooled connection and the asynchronous one both
     * come back on the new server. */
    reply = run (client, get, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_NIL);

    pipeline = (Pipeline) { 0, };
    for (guint i = 0; i < 10; i++)
      {
        EchoCall *call = g_new0 (EchoCall, 1);
        const char *argv[] = { "ECHO", NULL, NULL };

        call->pipeline = &pipeline;
        call->token = g_strdup_printf ("again-%u", i);
        argv[1] = call->token;
        pipeline.pending++;
        gredis_client_command_async (client, argv, NULL, echo_done, call);
      }
    while (pipeline.pending > 0)
      g_main_context_iteration (NULL, TRUE);
    g_assert_cmpuint (pipeline.ok, ==, 10);
  }

  gredis_client_close (client);
  gredis_test_server_stop (server);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/fault/reply-lost/read-only", FaultFixture, "", fault_fixture_setup,
              test_reply_lost_read_only, fault_fixture_teardown);
  g_test_add ("/fault/reply-lost/write", FaultFixture, "", fault_fixture_setup,
              test_reply_lost_write, fault_fixture_teardown);
  g_test_add ("/fault/proxy-modes", FaultFixture,
              "command-timeout-ms=500&retries=2&backoff-base-ms=10&backoff-cap-ms=50",
              fault_fixture_setup, test_proxy_modes, fault_fixture_teardown);
  g_test_add ("/fault/sigstop", FaultFixture, "command-timeout-ms=300", fault_fixture_setup,
              test_sigstop, fault_fixture_teardown);
  g_test_add ("/fault/client-kill", FaultFixture, "", fault_fixture_setup, test_client_kill,
              fault_fixture_teardown);
  g_test_add ("/fault/server-idle-timeout", FaultFixture, "", fault_fixture_setup,
              test_server_idle_timeout, fault_fixture_teardown);
  g_test_add ("/fault/client-pause", FaultFixture, "", fault_fixture_setup, test_client_pause,
              fault_fixture_teardown);
  g_test_add ("/fault/debug-sleep", FaultFixture, "command-timeout-ms=300", fault_fixture_setup,
              test_debug_sleep, fault_fixture_teardown);
  g_test_add_func ("/fault/auth-change", test_auth_change);
  g_test_add_func ("/fault/kill-restart", test_kill_restart);

  return g_test_run ();
}
