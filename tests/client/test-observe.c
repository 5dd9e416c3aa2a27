/* test-observe.c: observers on a real redis-server: with none chosen,
 * nothing is built or reported for a command; an observer of the
 * application's, chosen by name, sees every command, connection and
 * retry; the built-in `metrics` observer is a plugin like the others
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-client-private.h"
#include "gredis-connection-private.h"
#include "gredis-observers-private.h"
#include "gredis-test-server.h"

#define N_COMMANDS 20

/* An observer that records what it sees (from the test's thread, and
 * from the threads of blocking calls: under a lock). */

#define TEST_TYPE_RECORDER (test_recorder_get_type ())
G_DECLARE_FINAL_TYPE (TestRecorder, test_recorder, TEST, RECORDER, GObject)

struct _TestRecorder
{
  GObject parent_instance;
  GMutex lock;
  GPtrArray *started;          /* GredisCommandEvent */
  GPtrArray *finished;         /* GredisCommandEvent */
  guint created;
  guint closed;
  guint retries;
  GPtrArray *retry_names;      /* interned names of retry_decided */
  GArray *retry_attempts;      /* guint */
  guint waits;                 /* connection_waited */
};

static TestRecorder *last_recorder;

static void
recorder_command_started (GredisObserver           *observer,
                          const GredisCommandEvent *event)
{
  TestRecorder *self = TEST_RECORDER (observer);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->started, gredis_command_event_copy (event));
  g_mutex_unlock (&self->lock);
}

static void
recorder_command_finished (GredisObserver           *observer,
                           const GredisCommandEvent *event)
{
  TestRecorder *self = TEST_RECORDER (observer);

  g_mutex_lock (&self->lock);
  g_ptr_array_add (self->finished, gredis_command_event_copy (event));
  g_mutex_unlock (&self->lock);
}

static void
recorder_connection_created (GredisObserver *observer,
                             const char     *server_address,
                             guint           server_port,
                             gint64          create_time)
{
  g_atomic_int_inc (&TEST_RECORDER (observer)->created);
}

static void
recorder_connection_closed (GredisObserver *observer,
                            const char     *server_address,
                            guint           server_port,
                            const GError   *error)
{
  g_atomic_int_inc (&TEST_RECORDER (observer)->closed);
}

static void
recorder_connection_waited (GredisObserver *observer,
                            gint64          wait_time,
                            gboolean        timed_out)
{
  g_assert_cmpint (wait_time, >=, 0);
  g_atomic_int_inc (&TEST_RECORDER (observer)->waits);
}

static void
recorder_retry_decided (GredisObserver *observer,
                        const char     *name,
                        guint           attempt,
                        gint64          delay,
                        const GError   *error)
{
  TestRecorder *self = TEST_RECORDER (observer);

  g_assert_nonnull (error);
  g_mutex_lock (&self->lock);
  self->retries++;
  g_ptr_array_add (self->retry_names, (gpointer) name);
  g_array_append_val (self->retry_attempts, attempt);
  g_mutex_unlock (&self->lock);
}

static void
recorder_iface_init (GredisObserverInterface *iface)
{
  iface->command_started = recorder_command_started;
  iface->command_finished = recorder_command_finished;
  iface->connection_created = recorder_connection_created;
  iface->connection_closed = recorder_connection_closed;
  iface->connection_waited = recorder_connection_waited;
  iface->retry_decided = recorder_retry_decided;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestRecorder, test_recorder, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_OBSERVER, recorder_iface_init))

static void
test_recorder_finalize (GObject *object)
{
  TestRecorder *self = TEST_RECORDER (object);

  g_ptr_array_unref (self->started);
  g_ptr_array_unref (self->finished);
  g_ptr_array_unref (self->retry_names);
  g_array_unref (self->retry_attempts);
  g_mutex_clear (&self->lock);
  if (last_recorder == self)
    last_recorder = NULL;
  G_OBJECT_CLASS (test_recorder_parent_class)->finalize (object);
}

static void
test_recorder_class_init (TestRecorderClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_recorder_finalize;
}

static void
test_recorder_init (TestRecorder *self)
{
  g_mutex_init (&self->lock);
  self->started = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_command_event_free);
  self->finished = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_command_event_free);
  self->retry_names = g_ptr_array_new ();
  self->retry_attempts = g_array_new (FALSE, FALSE, sizeof (guint));
  last_recorder = self;
}

/* Helpers */

static void
on_reply (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  guint *pending = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  g_assert_no_error (error);
  (*pending)--;
}

/* N_COMMANDS asynchronous SETs, then as many blocking GETs. */
static void
workload (GredisClient *client)
{
  guint pending = N_COMMANDS;

  for (guint i = 0; i < N_COMMANDS; i++)
    {
      g_autofree char *key = g_strdup_printf ("key-%u", i);
      const char *argv[] = { "SET", key, "value", NULL };

      gredis_client_command_async (client, argv, NULL, on_reply, &pending);
    }
  while (pending > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < N_COMMANDS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *key = g_strdup_printf ("key-%u", i);
      const char *argv[] = { "GET", key, NULL };
      g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "value");
    }
}

static GredisClient *
new_client (GredisTestServer *server,
            const char       *observe)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = gredis_test_server_get_uri (server);
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  if (observe != NULL)
    gredis_config_set_observe (gredis_client_get_config (client), observe);
  return client;
}

/* Tests */

static void
test_off (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisConnection) connection = NULL;
  guint64 before;

  g_assert_no_error (error);
  client = new_client (server, NULL);
  before = _gredis_observers_get_n_command_events ();
  workload (client);

  /* No observer anywhere: none is made, no connection has one, and no
   * command event was built (nor a timestamp taken for one). */
  g_assert_null (_gredis_router_get_observers (_gredis_client_get_router (client)));
  connection = gredis_client_get_connection (client, &error);
  g_assert_no_error (error);
  g_assert_null (_gredis_connection_get_observers (connection));
  g_assert_cmpuint (_gredis_observers_get_n_command_events (), ==, before);
  g_assert_null (gredis_client_get_metrics (client));
  gredis_client_close (client);
}

static void
test_recorder (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisConnection) connection = NULL;
  TestRecorder *recorder;
  guint64 before;
  guint n_set = 0, n_get = 0;

  g_assert_no_error (error);
  gredis_plugins_register_type (GREDIS_PLUGIN_OBSERVER, "test-recorder", TEST_TYPE_RECORDER, 0);
  client = new_client (server, "test-recorder, metrics");
  before = _gredis_observers_get_n_command_events ();
  workload (client);
  /* Made with the client's pool, before its first command. */
  recorder = last_recorder;
  g_assert_nonnull (recorder);

  connection = gredis_client_get_connection (client, &error);
  g_assert_no_error (error);
  g_assert_nonnull (_gredis_connection_get_observers (connection));
  g_assert_cmpuint (_gredis_observers_get_n_command_events () - before, ==, 2 * N_COMMANDS);

  g_mutex_lock (&recorder->lock);
  g_assert_cmpuint (recorder->started->len, ==, 2 * N_COMMANDS);
  g_assert_cmpuint (recorder->finished->len, ==, 2 * N_COMMANDS);
  for (guint i = 0; i < recorder->finished->len; i++)
    {
      GredisCommandEvent *event = g_ptr_array_index (recorder->finished, i);

      g_assert_true (g_str_equal (event->name, "SET") || g_str_equal (event->name, "GET"));
      n_set += g_str_equal (event->name, "SET");
      n_get += g_str_equal (event->name, "GET");
      g_assert_cmpstr (event->server_address, ==, gredis_test_server_get_host (server));
      g_assert_cmpuint (event->server_port, ==, gredis_test_server_get_port (server));
      g_assert_cmpuint (event->attempt, ==, 1);
      g_assert_cmpuint (event->batch_size, ==, 0);
      g_assert_cmpuint (event->n_keys, ==, 1);
      g_assert_null (event->error);
      g_assert_null (event->error_type);
      g_assert_cmpint (event->start_time, >, 0);
      g_assert_cmpint (event->duration, >=, 0);
      g_assert_cmpuint (event->bytes_out, >, 0);
    }
  g_assert_cmpuint (n_set, ==, N_COMMANDS);
  g_assert_cmpuint (n_get, ==, N_COMMANDS);
  g_mutex_unlock (&recorder->lock);
  /* The shared connection, and the one of the blocking calls. */
  g_assert_cmpuint (g_atomic_int_get (&recorder->created), >=, 1);

  /* Both observers saw the same commands. */
  {
    g_autoptr(GVariant) metrics = gredis_client_get_metrics (client);
    g_autoptr(GVariant) operations = NULL;
    guint64 total = 0;

    g_assert_nonnull (metrics);
    operations = g_variant_lookup_value (metrics, "db.client.operation.duration",
                                         G_VARIANT_TYPE ("aa{sv}"));
    g_assert_nonnull (operations);
    for (gsize i = 0; i < g_variant_n_children (operations); i++)
      {
        g_autoptr(GVariant) series = g_variant_get_child_value (operations, i);
        guint64 count = 0;

        g_assert_true (g_variant_lookup (series, "count", "t", &count));
        total += count;
      }
    g_assert_cmpuint (total, ==, 2 * N_COMMANDS);
  }
  gredis_client_close (client);
}

/* The count of the series of @name (all of its attributes added), and
 * checks that each series' buckets add up to its count. */
static guint64
operation_count (GVariant   *metrics,
                 const char *name,
                 const char *error_type)
{
  g_autoptr(GVariant) operations = g_variant_lookup_value (metrics, "db.client.operation.duration",
                                                           G_VARIANT_TYPE ("aa{sv}"));
  guint64 total = 0;

  g_assert_nonnull (operations);
  for (gsize i = 0; i < g_variant_n_children (operations); i++)
    {
      g_autoptr(GVariant) series = g_variant_get_child_value (operations, i);
      g_autoptr(GVariant) attributes = g_variant_lookup_value (series, "attributes",
                                                               G_VARIANT_TYPE_VARDICT);
      g_autoptr(GVariant) buckets = g_variant_lookup_value (series, "bucket_counts",
                                                            G_VARIANT_TYPE ("at"));
      const char *series_name = NULL;
      const char *series_error = NULL;
      guint64 count = 0, in_buckets = 0;
      gsize n_buckets;
      const guint64 *bucket = g_variant_get_fixed_array (buckets, &n_buckets, sizeof (guint64));

      g_assert_true (g_variant_lookup (series, "count", "t", &count));
      for (gsize b = 0; b < n_buckets; b++)
        in_buckets += bucket[b];
      g_assert_cmpuint (in_buckets, ==, count);
      g_assert_true (g_variant_lookup (attributes, "db.operation.name", "&s", &series_name));
      g_variant_lookup (attributes, "error.type", "&s", &series_error);
      if (g_str_equal (series_name, name) && g_strcmp0 (series_error, error_type) == 0)
        total += count;
    }
  return total;
}

#define N_THREADS 4
#define N_PER_THREAD 50

/* N_PER_THREAD blocking SETs and as many failing INCRs. */
static gpointer
thread_workload (gpointer data)
{
  GredisClient *client = data;

  for (guint i = 0; i < N_PER_THREAD; i++)
    {
      g_autoptr(GError) error = NULL;
      const char *set[] = { "SET", "metrics:text", "not a number", NULL };
      const char *incr[] = { "INCR", "metrics:text", NULL };
      g_autoptr(GredisReply) reply = gredis_client_command (client, set, NULL, &error);
      g_autoptr(GredisReply) failed = NULL;

      g_assert_no_error (error);
      failed = gredis_client_command (client, incr, NULL, &error);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
    }
  return NULL;
}

static void
run_threads (GredisClient *client,
             guint         n_threads)
{
  GThread *threads[N_THREADS];

  for (guint t = 0; t < n_threads; t++)
    threads[t] = g_thread_new ("metrics-test", thread_workload, client);
  for (guint t = 0; t < n_threads; t++)
    g_thread_join (threads[t]);
}

/* Several threads count into one `metrics` observer, each in its own
 * shards: the snapshot adds them up exactly, the counts of threads that
 * ended stay, and a reset starts every shard again from zero. */
static void
test_metrics_threads (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GVariant) first = NULL;
  g_autoptr(GVariant) emptied = NULL;
  g_autoptr(GVariant) second = NULL;
  g_autoptr(GVariant) operations = NULL;

  g_assert_no_error (error);
  client = new_client (server, "metrics");
  run_threads (client, N_THREADS);
  first = gredis_client_get_metrics (client);
  g_assert_cmpuint (operation_count (first, "SET", NULL), ==, N_THREADS * N_PER_THREAD);
  g_assert_cmpuint (operation_count (first, "INCR", "ERR"), ==, N_THREADS * N_PER_THREAD);
  g_assert_cmpuint (operation_count (first, "INCR", NULL), ==, 0);

  /* The threads have ended; their counts stay until a reset. */
  gredis_client_reset_metrics (client);
  emptied = gredis_client_get_metrics (client);
  operations = g_variant_lookup_value (emptied, "db.client.operation.duration",
                                       G_VARIANT_TYPE ("aa{sv}"));
  g_assert_cmpuint (g_variant_n_children (operations), ==, 0);

  run_threads (client, N_THREADS - 1);
  second = gredis_client_get_metrics (client);
  g_assert_cmpuint (operation_count (second, "SET", NULL), ==, (N_THREADS - 1) * N_PER_THREAD);
  g_assert_cmpuint (operation_count (second, "INCR", "ERR"), ==, (N_THREADS - 1) * N_PER_THREAD);
  gredis_client_close (client);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static guint
count_started (TestRecorder *recorder,
               const char   *name)
{
  guint n = 0;

  g_mutex_lock (&recorder->lock);
  for (guint i = 0; i < recorder->started->len; i++)
    n += g_str_equal (((GredisCommandEvent *) g_ptr_array_index (recorder->started, i))->name, name);
  g_mutex_unlock (&recorder->lock);
  return n;
}

/* INFO clients' blocked_clients. */
static guint
blocked_clients (GredisClient *client)
{
  static const char * const info[] = { "INFO", "clients", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, info, NULL, &error);
  const char *text;

  g_assert_no_error (error);
  text = strstr (gredis_reply_get_string (reply, NULL), "blocked_clients:");
  g_assert_nonnull (text);
  return (guint) g_ascii_strtoull (text + strlen ("blocked_clients:"), NULL, 10);
}

/* Sends @argv asynchronously and iterates until its reply. */
static GredisReply *
command_async (GredisClient       *client,
               const char * const *argv,
               GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gredis_client_command_async (client, argv, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return gredis_client_command_finish (client, result, error);
}

/* Kills the connection whose CLIENT ID is @id, from a client of its own. */
static void
kill_client (GredisTestServer *server,
             gint64            id)
{
  g_autoptr(GredisClient) killer = new_client (server, NULL);
  g_autofree char *text = g_strdup_printf ("%" G_GINT64_FORMAT, id);
  const char *argv[] = { "CLIENT", "KILL", "ID", text, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (killer, argv, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 1);
  gredis_client_close (killer);
}

/* The finished events named @name with @attempt, and how many of them
 * failed with @error_type (NULL: succeeded). */
static guint
count_finished (TestRecorder *recorder,
                const char   *name,
                guint         attempt,
                const char   *error_type,
                guint         batch_size)
{
  guint n = 0;

  g_mutex_lock (&recorder->lock);
  for (guint i = 0; i < recorder->finished->len; i++)
    {
      GredisCommandEvent *event = g_ptr_array_index (recorder->finished, i);

      if (g_str_equal (event->name, name) && event->attempt == attempt &&
          g_strcmp0 (event->error_type, error_type) == 0 && event->batch_size == batch_size)
        n++;
    }
  g_mutex_unlock (&recorder->lock);
  return n;
}

static void
clear_recorder (TestRecorder *recorder)
{
  g_mutex_lock (&recorder->lock);
  g_ptr_array_set_size (recorder->started, 0);
  g_ptr_array_set_size (recorder->finished, 0);
  g_ptr_array_set_size (recorder->retry_names, 0);
  g_array_set_size (recorder->retry_attempts, 0);
  recorder->retries = 0;
  g_mutex_unlock (&recorder->lock);
}

/* A pipeline of GETs whose shared connection was killed: the round is
 * sent again, one retry named as a batch, its commands at attempt 2. A
 * write in it that may have run is not sent again. */
static void
test_pipeline_retry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GredisPipeline) pipeline = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  static const char * const set_a[] = { "SET", "a", "1", NULL };
  static const char * const set_b[] = { "SET", "b", "2", NULL };
  static const char * const get_a[] = { "GET", "a", NULL };
  static const char * const get_b[] = { "GET", "b", NULL };
  static const char * const client_id[] = { "CLIENT", "ID", NULL };
  TestRecorder *recorder;

  g_assert_no_error (error);
  gredis_plugins_register_type (GREDIS_PLUGIN_OBSERVER, "test-recorder", TEST_TYPE_RECORDER, 0);
  client = new_client (server, "test-recorder");
  reply = command_async (client, set_a, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = command_async (client, set_b, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = command_async (client, client_id, &error);
  g_assert_no_error (error);
  recorder = last_recorder;
  g_assert_nonnull (recorder);

  /* Killed while nobody runs its context: the pipeline is written on it
   * and its replies never come. */
  kill_client (server, gredis_reply_get_integer (reply));
  clear_recorder (recorder);
  pipeline = gredis_pipeline_new (client, FALSE);
  gredis_pipeline_add_command (pipeline, get_a);
  gredis_pipeline_add_command (pipeline, get_b);
  gredis_pipeline_execute_async (pipeline, NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (gredis_pipeline_execute_finish (pipeline, result, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GredisReply) value = gredis_pipeline_get_reply (pipeline, i, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (value, NULL), ==, i == 0 ? "1" : "2");
    }

  g_mutex_lock (&recorder->lock);
  g_assert_cmpuint (recorder->retries, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recorder->retry_names, 0), ==, "BATCH GET");
  g_assert_cmpuint (g_array_index (recorder->retry_attempts, guint, 0), ==, 2);
  g_mutex_unlock (&recorder->lock);
  g_assert_cmpuint (count_finished (recorder, "GET", 1, "connection", 2), ==, 2);
  g_assert_cmpuint (count_finished (recorder, "GET", 2, NULL, 2), ==, 2);
  g_assert_cmpuint (count_finished (recorder, "GET", 1, NULL, 2), ==, 0);
  gredis_client_close (client);
}

static gpointer
set_in_thread (gpointer data)
{
  static const char * const set_a[] = { "SET", "a", "2", NULL };
  g_autoptr(GError) error = NULL;
  GredisReply *reply = gredis_client_command (data, set_a, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static void
killer_command (GredisClient       *killer,
                const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (killer, argv, NULL, &error);

  g_assert_no_error (error);
}

/* A blocking SET (idempotent) whose connection is killed while the
 * server holds it (CLIENT PAUSE WRITE) is sent again on a new one: the
 * retry and its command event say attempt 2. */
static void
test_blocking_retry (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisClient) killer = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autofree char *id = NULL;
  static const char * const set_a[] = { "SET", "a", "1", NULL };
  static const char * const client_id[] = { "CLIENT", "ID", NULL };
  static const char * const pause_writes[] = { "CLIENT", "PAUSE", "20000", "WRITE", NULL };
  static const char * const unpause[] = { "CLIENT", "UNPAUSE", NULL };
  TestRecorder *recorder;
  GThread *thread;

  g_assert_no_error (error);
  gredis_plugins_register_type (GREDIS_PLUGIN_OBSERVER, "test-recorder", TEST_TYPE_RECORDER, 0);
  client = new_client (server, "test-recorder");
  killer = new_client (server, NULL);
  reply = gredis_client_command (client, set_a, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  /* The connection of the blocking calls, idle in the pool between them. */
  reply = gredis_client_command (client, client_id, NULL, &error);
  g_assert_no_error (error);
  id = g_strdup_printf ("%" G_GINT64_FORMAT, gredis_reply_get_integer (reply));
  g_clear_pointer (&reply, gredis_reply_unref);
  recorder = last_recorder;
  g_assert_nonnull (recorder);
  clear_recorder (recorder);

  /* The SET is written, and held by the server until its connection is
   * killed; the one sent again waits for the unpause. */
  killer_command (killer, pause_writes);
  thread = g_thread_new ("set", set_in_thread, client);
  while (blocked_clients (killer) == 0)
    g_usleep (1000);
  {
    const char *kill[] = { "CLIENT", "KILL", "ID", id, NULL };

    killer_command (killer, kill);
  }
  killer_command (killer, unpause);
  reply = g_thread_join (thread);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "OK");

  g_mutex_lock (&recorder->lock);
  g_assert_cmpuint (recorder->retries, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (recorder->retry_names, 0), ==, "SET");
  g_assert_cmpuint (g_array_index (recorder->retry_attempts, guint, 0), ==, 2);
  g_mutex_unlock (&recorder->lock);
  g_assert_cmpuint (count_finished (recorder, "SET", 1, "connection", 0), ==, 1);
  g_assert_cmpuint (count_finished (recorder, "SET", 2, NULL, 0), ==, 1);
  gredis_client_close (killer);
  gredis_client_close (client);
}

/* BLPOP is never sent again after its connection failed (it may have
 * popped): its one attempt is reported, as attempt 1, with no retry. */
static void
test_blocking_command_not_retried (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisClient) killer = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  static const char * const blpop[] = { "BLPOP", "empty-list", "30", NULL };
  static const char * const kill_blocked[] = { "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes", NULL };
  TestRecorder *recorder;

  g_assert_no_error (error);
  gredis_plugins_register_type (GREDIS_PLUGIN_OBSERVER, "test-recorder", TEST_TYPE_RECORDER, 0);
  client = new_client (server, "test-recorder");
  killer = new_client (server, NULL);
  gredis_client_command_async (client, blpop, NULL, on_result, &result);
  recorder = last_recorder;
  g_assert_nonnull (recorder);
  /* Until the server has it blocked. */
  while (count_started (recorder, "BLPOP") == 0 || blocked_clients (killer) == 0)
    g_main_context_iteration (NULL, FALSE);
  reply = gredis_client_command (killer, kill_blocked, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), >=, 1);
  g_clear_pointer (&reply, gredis_reply_unref);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);

  g_mutex_lock (&recorder->lock);
  g_assert_cmpuint (recorder->retries, ==, 0);
  g_mutex_unlock (&recorder->lock);
  g_assert_cmpuint (count_finished (recorder, "BLPOP", 1, "connection", 0) +
                    count_finished (recorder, "BLPOP", 1, "closed", 0), ==, 1);
  g_assert_cmpuint (count_finished (recorder, "BLPOP", 2, NULL, 0), ==, 0);
  gredis_client_close (killer);
  gredis_client_close (client);
}

static void
test_error_type (void)
{
  static const struct {
    GQuark domain;
    gint code;
    const char *message;
    const char *type;
  } cases[] = {
    { 0, GREDIS_ERROR_WRONGTYPE, "WRONGTYPE Operation against a key holding the wrong kind of value", "WRONGTYPE" },
    { 0, GREDIS_ERROR_SERVER, "ERR unknown command 'NOPE'", "ERR" },
    { 0, GREDIS_ERROR_SERVER, "not a code", "_OTHER" },
    { 0, GREDIS_ERROR_TIMEOUT, "The server did not answer.", "timeout" },
    { 0, GREDIS_ERROR_CONNECTION, "Connection reset.", "connection" },
  };

  g_assert_null (_gredis_observers_error_type (NULL));
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (GREDIS_ERROR, cases[i].code, cases[i].message);

      g_assert_cmpstr (_gredis_observers_error_type (error), ==, cases[i].type);
    }
  {
    g_autoptr(GError) cancelled = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, "x");

    g_assert_cmpstr (_gredis_observers_error_type (cancelled), ==, "cancelled");
  }
  g_assert_cmpstr (_gredis_observers_intern_name ("get", 3), ==, "GET");
  g_assert_true (_gredis_observers_intern_name ("get", 3) == _gredis_observers_intern_name ("GET", 3));
  g_assert_cmpstr (_gredis_observers_intern_name ("", 0), ==, "UNKNOWN");
  /* OpenTelemetry's names of batches. */
  g_assert_cmpstr (_gredis_observers_batch_name ("get", 3, 1), ==, "GET");
  g_assert_cmpstr (_gredis_observers_batch_name ("get", 3, 2), ==, "BATCH GET");
  g_assert_cmpstr (_gredis_observers_batch_name (NULL, 0, 3), ==, "BATCH");
}

static void
test_registry (void)
{
  g_autoptr(GredisPluginInfo) info = NULL;
  g_autoptr(GredisObserver) observer = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();

  info = gredis_plugins_lookup (GREDIS_PLUGIN_OBSERVER, "metrics", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_plugin_info_get_filename (info), ==, "(built in)");
  g_assert_cmpstr (gredis_plugin_kind_to_string (GREDIS_PLUGIN_OBSERVER), ==, "observer");
  observer = gredis_observer_new_for_name ("metrics", &error);
  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_OBSERVER (observer));

  g_assert_false (gredis_config_set_option (config, "observe", "metrics,nope", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_true (gredis_config_set_option (config, "observe", "metrics", &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/observe/off", test_off);
  g_test_add_func ("/observe/recorder", test_recorder);
  g_test_add_func ("/observe/metrics-threads", test_metrics_threads);
  g_test_add_func ("/observe/pipeline-retry", test_pipeline_retry);
  g_test_add_func ("/observe/blocking-retry", test_blocking_retry);
  g_test_add_func ("/observe/blocking-command-not-retried", test_blocking_command_not_retried);
  g_test_add_func ("/observe/error-type", test_error_type);
  g_test_add_func ("/observe/registry", test_registry);

  return g_test_run ();
}
