/* test-pool-shared.c: the shared connections of main contexts come from
 * the pool
 *
 * Asynchronous commands of each main context share one connection, taken
 * from the client's pool: max-connections bounds them. With the simple
 * pool, a context that finds the pool full fails at once with
 * GREDIS_ERROR_POOL_EXHAUSTED; with the blocking pool its commands wait,
 * in order, until a connection is given back. Every wait is bounded by a
 * deadline.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>

#include "gredis-client-private.h"
#include "gredis-pool-base.h"
#include "gredis-test-server.h"

/* A bound against hangs, not a measurement. */
#define HANG_BOUND_US (30 * G_USEC_PER_SEC)
#define N_CONTEXTS 3

typedef struct
{
  GredisTestServer *server;
  GredisClient *client;
  GMainContext *contexts[N_CONTEXTS];
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;

  fixture->server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  base = gredis_test_server_get_uri (fixture->server);
  uri = g_strdup_printf ("%s/?%s", base, (const char *) options);
  fixture->client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_CONTEXTS; i++)
    fixture->contexts[i] = g_main_context_new ();
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  options)
{
  gredis_client_close (fixture->client);
  /* Let each context run what the close left for it. */
  for (guint i = 0; i < N_CONTEXTS; i++)
    while (g_main_context_iteration (fixture->contexts[i], FALSE))
      ;
  g_clear_object (&fixture->client);
  for (guint i = 0; i < N_CONTEXTS; i++)
    g_main_context_unref (fixture->contexts[i]);
  gredis_test_server_stop (fixture->server);
}

typedef struct
{
  gboolean done;
  GredisReply *reply;
  GError *error;
} Result;

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->reply, gredis_reply_unref);
  g_clear_error (&result->error);
  result->done = FALSE;
}

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

/* Sends @argv from @context (made thread-default for the call). */
static void
send_in (Fixture            *fixture,
         guint               context,
         const char * const *argv,
         Result             *result)
{
  g_main_context_push_thread_default (fixture->contexts[context]);
  gredis_client_command_async (fixture->client, argv, NULL, command_done, result);
  g_main_context_pop_thread_default (fixture->contexts[context]);
}

static GredisConnection *
connection_of (Fixture *fixture,
               guint    context)
{
  g_autoptr(GError) error = NULL;
  GredisConnection *connection;

  g_main_context_push_thread_default (fixture->contexts[context]);
  connection = gredis_client_get_connection (fixture->client, &error);
  g_main_context_pop_thread_default (fixture->contexts[context]);
  g_assert_no_error (error);
  return connection;
}

static GredisPool *
client_pool (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  GredisPool *pool = _gredis_router_get_pool (_gredis_client_get_router (fixture->client), &error);

  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_POOL_BASE (pool));
  return pool;
}

static guint
in_use (GredisPool *pool)
{
  guint value;

  g_object_get (pool, "in-use", &value, NULL);
  return value;
}

static guint64
waits (GredisPool *pool)
{
  guint64 value;

  g_object_get (pool, "waits", &value, NULL);
  return value;
}

/* Runs every context, each in turn, until @results[0..n) are done. */
static void
run_until_done (Fixture *fixture,
                Result  *results,
                guint    n)
{
  gint64 deadline = g_get_monotonic_time () + HANG_BOUND_US;

  for (;;)
    {
      gboolean all = TRUE;
      gboolean busy = FALSE;

      for (guint i = 0; i < n; i++)
        all = all && results[i].done;
      if (all)
        return;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      for (guint i = 0; i < N_CONTEXTS; i++)
        busy |= g_main_context_iteration (fixture->contexts[i], FALSE);
      if (!busy)
        g_usleep (1000);
    }
}

static void
assert_string (Result     *result,
               const char *expected)
{
  g_assert_true (result->done);
  g_assert_no_error (result->error);
  g_assert_cmpstr (gredis_reply_get_string (result->reply, NULL), ==, expected);
}

/* Two contexts take both connections; the third fails at once. */
static void
test_simple_exhausted (Fixture       *fixture,
                       gconstpointer  options)
{
  static const char * const ping[] = { "ECHO", "hello", NULL };
  g_autoptr(GredisPool) pool = client_pool (fixture);
  Result results[N_CONTEXTS] = { { 0, }, };

  send_in (fixture, 0, ping, &results[0]);
  send_in (fixture, 1, ping, &results[1]);
  send_in (fixture, 2, ping, &results[2]);
  run_until_done (fixture, results, N_CONTEXTS);

  assert_string (&results[0], "hello");
  assert_string (&results[1], "hello");
  g_assert_error (results[2].error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED);
  g_assert_null (results[2].reply);
  g_assert_cmpuint (in_use (pool), ==, 2);
  g_assert_cmpuint (_gredis_pool_base_get_peak (GREDIS_POOL_BASE (pool)), ==, 2);

  /* The first two keep their connection; the third still finds none. */
  for (guint i = 0; i < N_CONTEXTS; i++)
    result_clear (&results[i]);
  send_in (fixture, 1, ping, &results[1]);
  send_in (fixture, 2, ping, &results[2]);
  run_until_done (fixture, &results[1], 2);
  assert_string (&results[1], "hello");
  g_assert_error (results[2].error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED);

  /* A closed shared connection is given back: the third gets its room. */
  {
    g_autoptr(GredisConnection) first = connection_of (fixture, 0);

    result_clear (&results[2]);
    g_main_context_push_thread_default (fixture->contexts[0]);
    gredis_connection_close (first);
    g_main_context_pop_thread_default (fixture->contexts[0]);
  }
  g_assert_cmpuint (in_use (pool), ==, 1);
  send_in (fixture, 2, ping, &results[2]);
  run_until_done (fixture, &results[2], 1);
  assert_string (&results[2], "hello");
  g_assert_cmpuint (_gredis_pool_base_get_peak (GREDIS_POOL_BASE (pool)), ==, 2);

  for (guint i = 0; i < N_CONTEXTS; i++)
    result_clear (&results[i]);
}

/* Two contexts take both connections; the commands of the third wait,
 * in order, and run once one of the others is given back. */
static void
test_blocking_waits (Fixture       *fixture,
                     gconstpointer  options)
{
  static const char * const ping[] = { "ECHO", "hello", NULL };
  static const char * const incr[] = { "INCR", "pool-shared-counter", NULL };
  static const char * const get[] = { "GET", "pool-shared-counter", NULL };
  g_autoptr(GredisPool) pool = client_pool (fixture);
  Result first[2] = { { 0, }, };
  Result third[3] = { { 0, }, };
  Result again = { 0, };

  send_in (fixture, 0, ping, &first[0]);
  send_in (fixture, 1, ping, &first[1]);
  run_until_done (fixture, first, 2);
  assert_string (&first[0], "hello");
  assert_string (&first[1], "hello");
  g_assert_cmpuint (in_use (pool), ==, 2);

  send_in (fixture, 2, incr, &third[0]);
  send_in (fixture, 2, incr, &third[1]);
  send_in (fixture, 2, get, &third[2]);
  /* One wait for the context, whatever the number of its commands. */
  g_assert_cmpuint (waits (pool), ==, 1);
  /* A full round trip of another context: the third still waits. */
  send_in (fixture, 0, ping, &again);
  run_until_done (fixture, &again, 1);
  assert_string (&again, "hello");
  for (guint i = 0; i < 3; i++)
    g_assert_false (third[i].done);

  /* The second context's connection closes and goes back to the pool. */
  {
    g_autoptr(GredisConnection) second = connection_of (fixture, 1);

    g_main_context_push_thread_default (fixture->contexts[1]);
    gredis_connection_close (second);
    g_main_context_pop_thread_default (fixture->contexts[1]);
  }
  run_until_done (fixture, third, 3);
  g_assert_no_error (third[0].error);
  g_assert_cmpint (gredis_reply_get_integer (third[0].reply), ==, 1);
  g_assert_no_error (third[1].error);
  g_assert_cmpint (gredis_reply_get_integer (third[1].reply), ==, 2);
  assert_string (&third[2], "2");
  g_assert_cmpuint (in_use (pool), ==, 2);
  g_assert_cmpuint (_gredis_pool_base_get_peak (GREDIS_POOL_BASE (pool)), ==, 2);

  for (guint i = 0; i < 2; i++)
    result_clear (&first[i]);
  for (guint i = 0; i < 3; i++)
    result_clear (&third[i]);
  result_clear (&again);
}

/* Commands waiting for the pool fail with GREDIS_ERROR_CLOSED when the
 * client closes. */
static void
test_blocking_close (Fixture       *fixture,
                     gconstpointer  options)
{
  static const char * const ping[] = { "ECHO", "hello", NULL };
  Result first = { 0, };
  Result waiting = { 0, };

  send_in (fixture, 0, ping, &first);
  run_until_done (fixture, &first, 1);
  assert_string (&first, "hello");
  send_in (fixture, 1, ping, &waiting);
  gredis_client_close (fixture->client);
  run_until_done (fixture, &waiting, 1);
  g_assert_error (waiting.error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
  result_clear (&first);
  result_clear (&waiting);
}

/* The same with the waiting context run by a thread of its own, and the
 * client closed from the main thread: the waiting commands are called
 * back once each, with GREDIS_ERROR_CLOSED, in their thread. */

#define N_WAITING 4

typedef struct
{
  Fixture *fixture;
  GThread *thread;
  gint queued;                 /* atomic: the commands are waiting */
  gint closing;                /* atomic: the client is about to close */
  guint done;
  guint wrong_thread;
  Result results[N_WAITING];
} ThreadWait;

typedef struct
{
  ThreadWait *tw;
  guint index;
} ThreadWaitCall;

static void
thread_wait_done (GObject      *source,
                  GAsyncResult *res,
                  gpointer      user_data)
{
  ThreadWaitCall *call = user_data;
  ThreadWait *tw = call->tw;

  if (g_thread_self () != tw->thread)
    tw->wrong_thread++;
  command_done (source, res, &tw->results[call->index]);
  tw->done++;
}

static gpointer
waiting_thread (gpointer data)
{
  static const char * const ping[] = { "ECHO", "hello", NULL };
  ThreadWait *tw = data;
  GMainContext *context = tw->fixture->contexts[1];
  ThreadWaitCall calls[N_WAITING];
  gint64 deadline = g_get_monotonic_time () + HANG_BOUND_US;

  g_main_context_push_thread_default (context);
  for (guint i = 0; i < N_WAITING; i++)
    {
      calls[i].tw = tw;
      calls[i].index = i;
      gredis_client_command_async (tw->fixture->client, ping, NULL, thread_wait_done, &calls[i]);
    }
  g_atomic_int_set (&tw->queued, 1);
  /* Nothing completes before the close: the pool has no room. The flag
   * is set before the close starts, so it is read after the iteration:
   * the close may run between the loop's check and the iteration. */
  while (!g_atomic_int_get (&tw->closing))
    {
      g_main_context_iteration (context, FALSE);
      if (!g_atomic_int_get (&tw->closing))
        g_assert_cmpuint (tw->done, ==, 0);
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
  while (tw->done < N_WAITING)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (context, TRUE);
    }
  /* What the close left for this context (the ended acquisition). */
  while (g_main_context_iteration (context, FALSE))
    ;
  g_main_context_pop_thread_default (context);
  return NULL;
}

static void
test_blocking_close_from_thread (Fixture       *fixture,
                                 gconstpointer  options)
{
  static const char * const ping[] = { "ECHO", "hello", NULL };
  ThreadWait tw = { fixture, NULL, };
  Result first = { 0, };
  gint64 deadline = g_get_monotonic_time () + HANG_BOUND_US;

  /* Context 0 takes the only connection. */
  send_in (fixture, 0, ping, &first);
  run_until_done (fixture, &first, 1);
  assert_string (&first, "hello");

  tw.thread = g_thread_new ("waiting", waiting_thread, &tw);
  while (!g_atomic_int_get (&tw.queued))
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
  g_atomic_int_set (&tw.closing, 1);
  gredis_client_close (fixture->client);
  g_thread_join (tw.thread);

  g_assert_cmpuint (tw.done, ==, N_WAITING);
  g_assert_cmpuint (tw.wrong_thread, ==, 0);
  for (guint i = 0; i < N_WAITING; i++)
    {
      g_assert_error (tw.results[i].error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
      result_clear (&tw.results[i]);
    }
  result_clear (&first);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pool-shared/simple/exhausted", Fixture, "pool=simple&max-connections=2",
              fixture_setup, test_simple_exhausted, fixture_teardown);
  g_test_add ("/pool-shared/blocking/waits", Fixture,
              "pool=blocking&max-connections=2&pool-timeout-ms=30000",
              fixture_setup, test_blocking_waits, fixture_teardown);
  g_test_add ("/pool-shared/blocking/close", Fixture,
              "pool=blocking&max-connections=1&pool-timeout-ms=1000",
              fixture_setup, test_blocking_close, fixture_teardown);
  g_test_add ("/pool-shared/blocking/close-from-thread", Fixture,
              "pool=blocking&max-connections=1&pool-timeout-ms=30000",
              fixture_setup, test_blocking_close_from_thread, fixture_teardown);

  return g_test_run ();
}
