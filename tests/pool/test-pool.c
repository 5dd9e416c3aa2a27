/* test-pool.c: the simple and blocking pools on a real redis-server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>
#include <sys/wait.h>
#include <unistd.h>

#include "gredis-client-private.h"
#include "gredis-pool-base.h"
#include "gredis-test-server.h"

typedef struct
{
  GredisTestServer *server;
  GredisClient *client;
} Fixture;

/* A client of the fixture's server with the query options @options. */
static GredisClient *
make_client (Fixture    *fixture,
             const char *options)
{
  g_autofree char *base = gredis_test_server_get_uri (fixture->server);
  g_autofree char *uri = g_strdup_printf ("%s/?%s", base, options);
  g_autoptr(GError) error = NULL;
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  options)
{
  g_autoptr(GError) error = NULL;

  fixture->server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  fixture->client = make_client (fixture, options);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  options)
{
  gredis_client_close (fixture->client);
  g_clear_object (&fixture->client);
  gredis_test_server_stop (fixture->server);
}

static gint64
command_integer (GredisClient *client,
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

  reply = gredis_client_command (client, (const char * const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
  /* GET returns the counter as a string. */
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_STRING)
    return g_ascii_strtoll (gredis_reply_get_string (reply, NULL), NULL, 10);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  return gredis_reply_get_integer (reply);
}

static GredisPool *
client_pool (GredisClient *client)
{
  g_autoptr(GError) error = NULL;
  GredisPool *pool = _gredis_router_get_pool (_gredis_client_get_router (client), &error);

  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_POOL_BASE (pool));
  return pool;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GredisConnection *
acquire_exclusive (GredisClient  *client,
                   GError       **error)
{
  GAsyncResult *result = NULL;
  GredisConnection *connection;

  _gredis_router_acquire_exclusive_async (_gredis_client_get_router (client), NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  connection = _gredis_router_acquire_exclusive_finish (_gredis_client_get_router (client), result, error);
  g_object_unref (result);
  return connection;
}

static guint
get_uint (gpointer    object,
          const char *name)
{
  guint value;

  g_object_get (object, name, &value, NULL);
  return value;
}

static guint64
get_uint64 (gpointer    object,
            const char *name)
{
  guint64 value;

  g_object_get (object, name, &value, NULL);
  return value;
}

/* The registry knows both pools; blocking is the default. */
static void
test_registry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisPool) simple = gredis_pool_new_for_name ("simple", &error);
  g_autoptr(GredisPool) blocking = NULL;
  g_autoptr(GredisPool) fallback = NULL;

  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_POOL_SIMPLE (simple));
  blocking = gredis_pool_new_for_name ("blocking", &error);
  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_POOL_BLOCKING (blocking));
  fallback = gredis_pool_new_for_name (NULL, &error);
  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_POOL_BLOCKING (fallback));
}

/* The configuration reaches the pool's properties. */
static void
test_config (Fixture       *fixture,
             gconstpointer  options)
{
  g_autoptr(GredisPool) pool = client_pool (fixture->client);

  g_assert_true (GREDIS_IS_POOL_SIMPLE (pool));
  g_assert_cmpuint (get_uint (pool, "max-connections"), ==, 2);
  g_assert_cmpuint (get_uint (pool, "pool-timeout-ms"), ==, 250);
  g_assert_cmpuint (get_uint (pool, "idle-timeout-s"), ==, 7);
  g_assert_cmpuint (get_uint (pool, "max-lifetime-s"), ==, 9);
  g_assert_cmpuint (get_uint (pool, "health-check-interval-s"), ==, 3);
}

/* simple: the connection past max-connections fails at once. */
static void
test_simple_exhausted (Fixture       *fixture,
                       gconstpointer  options)
{
  g_autoptr(GredisPool) pool = client_pool (fixture->client);
  g_autoptr(GError) error = NULL;
  GredisConnection *a, *b, *c;

  a = acquire_exclusive (fixture->client, &error);
  g_assert_no_error (error);
  b = acquire_exclusive (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_true (a != b);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 2);

  c = acquire_exclusive (fixture->client, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED);
  g_assert_null (c);
  g_clear_error (&error);

  _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), b, TRUE);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 1);
  g_assert_cmpuint (get_uint (pool, "idle"), ==, 1);
  c = acquire_exclusive (fixture->client, &error);
  g_assert_no_error (error);
  /* LIFO: the connection just given back. */
  g_assert_true (c == b);

  /* One given back as not reusable is closed and dropped. */
  _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), c, FALSE);
  g_assert_cmpuint (get_uint (pool, "idle"), ==, 0);
  c = acquire_exclusive (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_connection_get_state (c), ==, GREDIS_CONNECTION_STATE_READY);
  _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), c, TRUE);
  _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), a, TRUE);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 0);
  g_assert_cmpuint (_gredis_pool_base_get_peak (GREDIS_POOL_BASE (pool)), ==, 2);
}

/* blocking: a waiter times out, another is served by a release. */
static void
test_blocking_wait (Fixture       *fixture,
                    gconstpointer  options)
{
  g_autoptr(GredisPool) pool = client_pool (fixture->client);
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  GredisConnection *a, *b;

  a = acquire_exclusive (fixture->client, &error);
  g_assert_no_error (error);

  b = acquire_exclusive (fixture->client, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT);
  g_assert_null (b);
  g_clear_error (&error);
  g_assert_cmpuint (get_uint64 (pool, "waits"), ==, 1);
  g_assert_cmpuint (get_uint64 (pool, "timeouts"), ==, 1);

  /* A second waiter gets the connection the first caller gives back. */
  _gredis_router_acquire_exclusive_async (_gredis_client_get_router (fixture->client), NULL, store_result, &result);
  g_assert_cmpuint (get_uint64 (pool, "waits"), ==, 2);
  _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), a, TRUE);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  b = _gredis_router_acquire_exclusive_finish (_gredis_client_get_router (fixture->client), result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  g_assert_true (b == a);
  g_assert_cmpuint (get_uint64 (pool, "timeouts"), ==, 1);
  _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), b, TRUE);

  /* A cancelled wait fails with G_IO_ERROR_CANCELLED. */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    a = acquire_exclusive (fixture->client, &error);
    g_assert_no_error (error);
    result = NULL;
    _gredis_router_acquire_exclusive_async (_gredis_client_get_router (fixture->client), cancellable, store_result, &result);
    g_cancellable_cancel (cancellable);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    b = _gredis_router_acquire_exclusive_finish (_gredis_client_get_router (fixture->client), result, &error);
    g_object_unref (result);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
    g_assert_null (b);
    g_clear_error (&error);
    _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), a, TRUE);
  }
}

/* The blocking API reuses the same connection (LIFO) and honours the
 * bound when many threads call at once. */
typedef struct
{
  GredisClient *client;
  guint index;
  guint n;
  guint n_wrong;
} Worker;

static gpointer
worker_run (gpointer user_data)
{
  Worker *worker = user_data;

  for (guint i = 0; i < worker->n; i++)
    {
      g_autofree char *token = g_strdup_printf ("t%u-%u", worker->index, i);
      const char *echo[] = { "ECHO", token, NULL };
      const char *incr[] = { "INCR", "pool-counter", NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GredisReply) incr_reply = NULL;

      reply = gredis_client_command (worker->client, echo, NULL, &error);
      g_assert_no_error (error);
      if (g_strcmp0 (gredis_reply_get_string (reply, NULL), token) != 0)
        worker->n_wrong++;
      incr_reply = gredis_client_command (worker->client, incr, NULL, &error);
      g_assert_no_error (error);
    }
  return NULL;
}

static void
test_threads (Fixture       *fixture,
              gconstpointer  options)
{
  g_autoptr(GredisPool) pool = NULL;
  const guint n_threads = 8, n = 300;
  Worker workers[8];
  GThread *threads[8];

  for (guint i = 0; i < n_threads; i++)
    {
      workers[i] = (Worker) { fixture->client, i, n, 0 };
      threads[i] = g_thread_new ("pool-worker", worker_run, &workers[i]);
    }
  for (guint i = 0; i < n_threads; i++)
    {
      g_thread_join (threads[i]);
      g_assert_cmpuint (workers[i].n_wrong, ==, 0);
    }

  pool = client_pool (fixture->client);
  g_assert_cmpuint (_gredis_pool_base_get_peak (GREDIS_POOL_BASE (pool)), <=, 3);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 0);
  g_assert_cmpint (command_integer (fixture->client, "GET", "pool-counter", NULL), ==,
                   n_threads * n);
}

/* An idle connection past idle-timeout-s is closed, not handed out. */
static void
test_idle_reaping (Fixture       *fixture,
                   gconstpointer  options)
{
  g_autoptr(GredisPool) pool = client_pool (fixture->client);
  gint64 first, second, third;

  first = command_integer (fixture->client, "CLIENT", "ID", NULL);
  second = command_integer (fixture->client, "CLIENT", "ID", NULL);
  g_assert_cmpint (first, ==, second);
  g_assert_cmpuint (get_uint (pool, "idle"), ==, 1);
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  third = command_integer (fixture->client, "CLIENT", "ID", NULL);
  g_assert_cmpint (third, !=, first);
  g_assert_cmpuint (get_uint (pool, "idle"), ==, 1);
}

/* A pooled connection killed by the server is replaced (health check on
 * checkout after health-check-interval-s). */
static void
test_health_check (Fixture       *fixture,
                   gconstpointer  options)
{
  g_autoptr(GredisClient) admin = make_client (fixture, "pool=simple");
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  GredisConnection *a, *b;
  gint64 id;

  a = acquire_exclusive (fixture->client, &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "CLIENT", "ID" };
    GAsyncResult *result = NULL;
    g_autoptr(GredisReply) reply = NULL;

    gredis_connection_send_command_async (a, 2, argv, NULL, NULL, store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    reply = gredis_connection_send_command_finish (a, result, &error);
    g_object_unref (result);
    g_assert_no_error (error);
    id = gredis_reply_get_integer (reply);
  }
  _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), a, TRUE);

  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  g_assert_cmpint (command_integer (admin, "CLIENT", "KILL", "ID", id_text, NULL), ==, 1);
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);

  /* The main context has not run since: the pool's PING finds out. */
  b = acquire_exclusive (fixture->client, &error);
  g_assert_no_error (error);
  g_assert_true (b != a);
  g_assert_cmpint (gredis_connection_get_state (b), ==, GREDIS_CONNECTION_STATE_READY);
  _gredis_router_release_exclusive (_gredis_client_get_router (fixture->client), b, TRUE);
  gredis_client_close (admin);
}

/* min-idle: the first blocking call opens warm idle connections. */
static void
test_prewarm (Fixture       *fixture,
              gconstpointer  options)
{
  g_autoptr(GredisPool) pool = client_pool (fixture->client);
  gint64 first, second;

  first = command_integer (fixture->client, "CLIENT", "ID", NULL);
  g_assert_cmpuint (get_uint (pool, "idle"), >=, 2);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 0);
  /* LIFO: the connection just used comes first. */
  second = command_integer (fixture->client, "CLIENT", "ID", NULL);
  g_assert_cmpint (first, ==, second);
  /* Idle reaping keeps min-idle connections. */
  g_usleep (1100 * G_TIME_SPAN_MILLISECOND);
  command_integer (fixture->client, "DBSIZE", NULL);
  g_assert_cmpuint (get_uint (pool, "idle"), >=, 2);
}

/* Shared acquisitions of one context multiplex one connection. */
static GredisConnection *
acquire_hint (GredisPool     *pool,
              GredisPoolMode  mode)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisPoolRequest) request = gredis_pool_request_new (mode);
  GAsyncResult *result = NULL;
  GredisConnection *connection;

  gredis_pool_acquire_async (pool, request, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  connection = gredis_pool_acquire_finish (pool, result, &error);
  g_object_unref (result);
  g_assert_no_error (error);
  return connection;
}

static void
test_shared (Fixture       *fixture,
             gconstpointer  options)
{
  g_autoptr(GredisPool) pool = client_pool (fixture->client);
  GredisConnection *a, *b, *c, *d;

  a = acquire_hint (pool, GREDIS_POOL_MODE_SHARED);
  b = acquire_hint (pool, GREDIS_POOL_MODE_SHARED);
  g_assert_true (a == b);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 1);
  /* An exclusive one is another connection; with max-connections=2 the
   * pool is then full. */
  c = acquire_hint (pool, GREDIS_POOL_MODE_EXCLUSIVE);
  g_assert_true (c != a);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 2);
  gredis_pool_release (pool, b);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 2);
  gredis_pool_release (pool, a);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 1);
  /* The shared one, now idle, is handed out exclusively. */
  d = acquire_hint (pool, GREDIS_POOL_MODE_EXCLUSIVE);
  g_assert_true (d == a);
  gredis_pool_release (pool, c);
  gredis_pool_release (pool, d);
  g_assert_cmpuint (get_uint (pool, "in-use"), ==, 0);
  g_assert_cmpuint (get_uint (pool, "idle"), ==, 2);

  /* Closing the pool fails later acquisitions. */
  gredis_pool_close (pool);
  {
    g_autoptr(GError) error = NULL;
    GredisPoolRequest request;
    GAsyncResult *result = NULL;

    gredis_pool_request_init (&request, GREDIS_POOL_MODE_SHARED);
    gredis_pool_acquire_async (pool, &request, NULL, store_result, &result);
    while (result == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_assert_null (gredis_pool_acquire_finish (pool, result, &error));
    g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
    g_object_unref (result);
  }
  g_assert_cmpuint (get_uint (pool, "idle"), ==, 0);
}

/* A child process never uses its parent's connections. */
static void
test_fork (Fixture       *fixture,
           gconstpointer  options)
{
  gint64 parent_id = command_integer (fixture->client, "CLIENT", "ID", NULL);
  int status;
  pid_t pid;

  pid = fork ();
  g_assert_cmpint (pid, >=, 0);
  if (pid == 0)
    {
      const char *argv[] = { "CLIENT", "ID", NULL };
      GError *error = NULL;
      GredisReply *reply = gredis_client_command (fixture->client, argv, NULL, &error);
      gboolean ok = reply != NULL && gredis_reply_get_integer (reply) != parent_id;

      _exit (ok ? 0 : 1);
    }
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);

  /* The parent's connection still works, and is the same one. */
  g_assert_cmpint (command_integer (fixture->client, "CLIENT", "ID", NULL), ==, parent_id);
}

/* Asynchronous commands through the client, and exclusive connections
 * of the same pool, next to blocking calls. */
static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  (*pending)--;
}

static void
test_async_load (Fixture       *fixture,
                 gconstpointer  options)
{
  const char *incr[] = { "INCR", "async-counter", NULL };
  const guint n = 20000;
  guint pending = n;

  for (guint i = 0; i < n; i++)
    gredis_client_command_async (fixture->client, incr, NULL, async_done, &pending);
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (command_integer (fixture->client, "GET", "async-counter", NULL), ==, n);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/pool/registry", test_registry);
  g_test_add ("/pool/config", Fixture,
              "pool=simple&max-connections=2&pool-timeout-ms=250&idle-timeout-s=7"
              "&max-lifetime-s=9&health-check-interval-s=3",
              fixture_setup, test_config, fixture_teardown);
  g_test_add ("/pool/simple/exhausted", Fixture, "pool=simple&max-connections=2",
              fixture_setup, test_simple_exhausted, fixture_teardown);
  g_test_add ("/pool/blocking/wait", Fixture,
              "pool=blocking&max-connections=1&pool-timeout-ms=200",
              fixture_setup, test_blocking_wait, fixture_teardown);
  g_test_add ("/pool/blocking/threads", Fixture, "pool=blocking&max-connections=3",
              fixture_setup, test_threads, fixture_teardown);
  g_test_add ("/pool/idle-reaping", Fixture, "idle-timeout-s=1",
              fixture_setup, test_idle_reaping, fixture_teardown);
  g_test_add ("/pool/health-check", Fixture, "health-check-interval-s=1",
              fixture_setup, test_health_check, fixture_teardown);
  g_test_add ("/pool/prewarm", Fixture, "min-idle=2&idle-timeout-s=1",
              fixture_setup, test_prewarm, fixture_teardown);
  g_test_add ("/pool/shared", Fixture, "pool=simple&max-connections=2",
              fixture_setup, test_shared, fixture_teardown);
  g_test_add ("/pool/fork", Fixture, "", fixture_setup, test_fork, fixture_teardown);
  g_test_add ("/pool/async-load", Fixture, "max-connections=2",
              fixture_setup, test_async_load, fixture_teardown);

  return g_test_run ();
}
