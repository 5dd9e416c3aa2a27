/* test-pipeline-split.c: one batch split over several connections, its
 * results merged back in the caller's order (the pipeline's internal
 * executor, group and results, as the cluster pipeline uses them)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-pipeline-batch-private.h"
#include "gredis-pipeline-executor-private.h"
#include "gredis-pipeline-group-private.h"
#include "gredis-pipeline-results-private.h"
#include "gredis-test-server.h"

static GredisTestServer *servers[2];

static GredisClient *
make_client (GredisTestServer *server,
             guint             protocol)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_host (config, "127.0.0.1");
  gredis_config_set_port (config, gredis_test_server_get_port (server));
  gredis_config_set_protocol (config, protocol);
  return gredis_client_new (config);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gint64
client_id (GredisConnection *connection)
{
  const char *argv[] = { "CLIENT", "ID" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GredisReply) reply = NULL;

  gredis_connection_send_command_async (connection, 2, argv, NULL, NULL,
                                        store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = gredis_connection_send_command_finish (connection, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  return gredis_reply_get_integer (reply);
}

/* The merge: counts the groups still running. */

typedef struct
{
  GredisPipelineResults *results;
  gboolean done;
  GError *error;
} Merge;

static void
merge_group_done (const GError *error,
                  gpointer      user_data)
{
  Merge *merge = user_data;

  if (_gredis_pipeline_results_end_group (merge->results, error))
    {
      merge->done = TRUE;
      merge->error = g_steal_pointer (&merge->results->error);
    }
}

static void
merge_executor_done (GredisPipelineExecutor *executor,
                     gpointer                user_data)
{
  /* Nothing is lost on a healthy server: nothing to send again. */
  g_assert_null (_gredis_pipeline_executor_steal_retry (executor));
  merge_group_done (_gredis_pipeline_executor_get_error (executor), user_data);
  _gredis_pipeline_executor_free (executor);
}

static void
merge_wait (Merge *merge)
{
  while (!merge->done)
    g_main_context_iteration (NULL, TRUE);
}

static void
add (GredisPipelineBatch *batch,
     const char          *first,
     ...)
{
  const char *argv[8];
  guint argc = 0;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    {
      g_assert_cmpuint (argc, <, G_N_ELEMENTS (argv));
      argv[argc++] = arg;
    }
  va_end (args);
  _gredis_pipeline_batch_add (batch, argc, argv, NULL, NULL, NULL);
}

static void
assert_string (GredisPipelineResults *results,
               guint                  index,
               const char            *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = _gredis_pipeline_results_get (results, index, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, expected);
}

static void
assert_integer (GredisPipelineResults *results,
                guint                  index,
                gint64                 expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = _gredis_pipeline_results_get (results, index, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, expected);
}

static void
assert_error (GredisPipelineResults *results,
              guint                  index,
              const char            *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = _gredis_pipeline_results_get (results, index, &error);

  g_assert_null (reply);
  g_assert_nonnull (error);
  if (text == NULL)
    return;
  g_assert_true (error->domain == GREDIS_ERROR);
  g_assert_nonnull (strstr (error->message, text));
}

/* Even indices on one connection, odd ones on another: each reply lands
 * at its command's index, the error reply in the middle included, and
 * each command ran where it was sent (CLIENT ID tells). */
static void
test_executor_interleaved (gconstpointer data)
{
  g_autoptr(GredisRetry) no_retry = gredis_retry_new (NULL, 0, NULL);
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client_a = make_client (servers[0], protocol);
  g_autoptr(GredisClient) client_b = make_client (servers[0], protocol);
  g_autoptr(GredisConnection) a = NULL;
  g_autoptr(GredisConnection) b = NULL;
  g_autoptr(GredisPipelineBatch) batch = _gredis_pipeline_batch_new ();
  g_autoptr(GredisPipelineResults) results = NULL;
  g_autoptr(GError) error = NULL;
  const guint even[] = { 0, 2, 4, 6, 8 };
  const guint odd[] = { 1, 3, 5, 7 };
  gint64 id_a, id_b;
  Merge merge = { NULL, };

  a = gredis_client_get_connection (client_a, &error);
  g_assert_no_error (error);
  b = gredis_client_get_connection (client_b, &error);
  g_assert_no_error (error);
  id_a = client_id (a);
  id_b = client_id (b);
  g_assert_cmpint (id_a, !=, id_b);

  add (batch, "CLIENT", "ID", NULL);                 /* 0: a */
  add (batch, "CLIENT", "ID", NULL);                 /* 1: b */
  add (batch, "ECHO", "two", NULL);
  add (batch, "ECHO", "three", NULL);
  add (batch, "ECHO", NULL);                         /* 4: an error reply, on a */
  add (batch, "ECHO", "five", NULL);
  add (batch, "ECHO", "six", NULL);
  add (batch, "CLIENT", "ID", NULL);                 /* 7: b */
  add (batch, "CLIENT", "ID", NULL);                 /* 8: a */

  results = _gredis_pipeline_results_new (_gredis_pipeline_batch_get_n_commands (batch));
  merge.results = results;
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_executor_run (a, batch, even, G_N_ELEMENTS (even),
                                 GREDIS_PIPELINE_EXECUTOR_NONE, 0, no_retry, results,
                                 merge_executor_done, &merge);
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_executor_run (b, batch, odd, G_N_ELEMENTS (odd),
                                 GREDIS_PIPELINE_EXECUTOR_NONE, 0, no_retry, results,
                                 merge_executor_done, &merge);
  merge_wait (&merge);
  g_assert_no_error (merge.error);

  assert_integer (results, 0, id_a);
  assert_integer (results, 1, id_b);
  assert_string (results, 2, "two");
  assert_string (results, 3, "three");
  assert_error (results, 4, "wrong number of arguments");
  assert_string (results, 5, "five");
  assert_string (results, 6, "six");
  assert_integer (results, 7, id_b);
  assert_integer (results, 8, id_a);
}

/* A transaction of some indices on one connection (EXEC's elements go
 * to those indices, a run-time error among them) while the others run
 * plain on another connection. */
static void
test_executor_transaction_part (gconstpointer data)
{
  g_autoptr(GredisRetry) no_retry = gredis_retry_new (NULL, 0, NULL);
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client_a = make_client (servers[0], protocol);
  g_autoptr(GredisClient) client_b = make_client (servers[0], protocol);
  g_autoptr(GredisConnection) a = NULL;
  g_autoptr(GredisConnection) b = NULL;
  g_autoptr(GredisPipelineBatch) batch = _gredis_pipeline_batch_new ();
  g_autoptr(GredisPipelineResults) results = NULL;
  g_autoptr(GError) error = NULL;
  const guint in_transaction[] = { 1, 3, 4 };
  const guint plain[] = { 0, 2, 5 };
  Merge merge = { NULL, };

  a = gredis_client_get_connection (client_a, &error);
  g_assert_no_error (error);
  b = gredis_client_get_connection (client_b, &error);
  g_assert_no_error (error);

  add (batch, "ECHO", "zero", NULL);
  add (batch, "SET", "split:tx", "text", NULL);      /* 1: in the transaction */
  add (batch, "ECHO", "two", NULL);
  add (batch, "INCR", "split:tx", NULL);             /* 3: fails when EXEC runs */
  add (batch, "GET", "split:tx", NULL);              /* 4 */
  add (batch, "ECHO", "five", NULL);

  results = _gredis_pipeline_results_new (_gredis_pipeline_batch_get_n_commands (batch));
  merge.results = results;
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_executor_run (a, batch, in_transaction, G_N_ELEMENTS (in_transaction),
                                 GREDIS_PIPELINE_EXECUTOR_TRANSACTION, 0, no_retry, results,
                                 merge_executor_done, &merge);
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_executor_run (b, batch, plain, G_N_ELEMENTS (plain),
                                 GREDIS_PIPELINE_EXECUTOR_NONE, 0, no_retry, results,
                                 merge_executor_done, &merge);
  merge_wait (&merge);
  g_assert_no_error (merge.error);

  assert_string (results, 0, "zero");
  assert_string (results, 1, "OK");
  assert_string (results, 2, "two");
  assert_error (results, 3, "not an integer");
  assert_string (results, 4, "text");
  assert_string (results, 5, "five");
}

/* Groups on two servers, each acquiring its connection from its own
 * client: the commands ran where they were sent, the results are in the
 * caller's order. */
static void
test_groups_two_servers (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client_a = make_client (servers[0], protocol);
  g_autoptr(GredisClient) client_b = make_client (servers[1], protocol);
  g_autoptr(GredisPipelineBatch) batch = _gredis_pipeline_batch_new ();
  g_autoptr(GredisPipelineResults) results = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const guint even[] = { 0, 2, 4 };
  const guint odd[] = { 1, 3, 5 };
  Merge merge = { NULL, };

  reply = gredis_client_command (client_a, (const char *[]) { "DEL", "split:even", "split:odd", NULL },
                                 NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = gredis_client_command (client_b, (const char *[]) { "DEL", "split:even", "split:odd", NULL },
                                 NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);

  add (batch, "SET", "split:even", "a", NULL);       /* 0: server a */
  add (batch, "SET", "split:odd", "b", NULL);        /* 1: server b */
  add (batch, "INCR", "split:even", NULL);           /* 2: an error reply */
  add (batch, "APPEND", "split:odd", "!", NULL);     /* 3 */
  add (batch, "GET", "split:even", NULL);            /* 4 */
  add (batch, "GET", "split:odd", NULL);             /* 5 */

  results = _gredis_pipeline_results_new (_gredis_pipeline_batch_get_n_commands (batch));
  merge.results = results;
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_group_run (client_a, NULL, FALSE, GREDIS_POOL_NO_SLOT, batch, even, G_N_ELEMENTS (even),
                              GREDIS_PIPELINE_EXECUTOR_NONE, results, NULL,
                              merge_group_done, &merge);
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_group_run (client_b, NULL, FALSE, GREDIS_POOL_NO_SLOT, batch, odd, G_N_ELEMENTS (odd),
                              GREDIS_PIPELINE_EXECUTOR_NONE, results, NULL,
                              merge_group_done, &merge);
  merge_wait (&merge);
  g_assert_no_error (merge.error);

  assert_string (results, 0, "OK");
  assert_string (results, 1, "OK");
  assert_error (results, 2, "not an integer");
  assert_integer (results, 3, 2);
  assert_string (results, 4, "a");
  assert_string (results, 5, "b!");

  /* Each key is on its own server only. */
  g_assert_cmpint (gredis_client_exists (client_a, (const char *[]) { "split:even", NULL }, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_client_exists (client_a, (const char *[]) { "split:odd", NULL }, NULL, &error), ==, 0);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_client_exists (client_b, (const char *[]) { "split:odd", NULL }, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_client_exists (client_b, (const char *[]) { "split:even", NULL }, NULL, &error), ==, 0);
  g_assert_no_error (error);
}

/* A group whose server cannot be reached fails as a whole, each of its
 * commands with the error; the other group's results stay. */
static void
test_groups_one_unreachable (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client_a = make_client (servers[0], protocol);
  g_autoptr(GredisClient) client_b = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisPipelineBatch) batch = _gredis_pipeline_batch_new ();
  g_autoptr(GredisPipelineResults) results = NULL;
  const guint even[] = { 0, 2 };
  const guint odd[] = { 1, 3 };
  Merge merge = { NULL, };

  /* A Unix socket path that nothing listens on. */
  gredis_config_set_path (config, "/nonexistent/gredis-test.sock");
  gredis_config_set_protocol (config, protocol);
  gredis_config_set_retries (config, 0);
  client_b = gredis_client_new (config);

  add (batch, "ECHO", "zero", NULL);
  add (batch, "ECHO", "one", NULL);
  add (batch, "ECHO", "two", NULL);
  add (batch, "ECHO", "three", NULL);

  results = _gredis_pipeline_results_new (_gredis_pipeline_batch_get_n_commands (batch));
  merge.results = results;
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_group_run (client_a, NULL, FALSE, GREDIS_POOL_NO_SLOT, batch, even, G_N_ELEMENTS (even),
                              GREDIS_PIPELINE_EXECUTOR_NONE, results, NULL,
                              merge_group_done, &merge);
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_group_run (client_b, NULL, TRUE, GREDIS_POOL_NO_SLOT, batch, odd, G_N_ELEMENTS (odd),
                              GREDIS_PIPELINE_EXECUTOR_NONE, results, NULL,
                              merge_group_done, &merge);
  merge_wait (&merge);
  g_assert_nonnull (merge.error);
  g_clear_error (&merge.error);

  assert_string (results, 0, "zero");
  assert_error (results, 1, NULL);
  assert_string (results, 2, "two");
  assert_error (results, 3, NULL);
}

static gboolean
cancel_later (gpointer user_data)
{
  g_cancellable_cancel (user_data);
  return G_SOURCE_REMOVE;
}

/* A group whose connection was lost waits for the backoff (ten minutes
 * here) before it sends its read-only command again; a cancellation
 * ends that wait at once, the command getting the cancellation error. */
static void
test_group_cancel_retry_wait (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GredisPipelineBatch) batch = _gredis_pipeline_batch_new ();
  g_autoptr(GredisPipelineResults) results = NULL;
  g_autoptr(GError) error = NULL;
  Merge merge = { NULL, };

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  gredis_config_set_host (config, "127.0.0.1");
  gredis_config_set_port (config, gredis_test_server_get_port (server));
  gredis_config_set_protocol (config, protocol);
  gredis_config_set_retries (config, 3);
  gredis_config_set_backoff (config, "constant");
  gredis_config_set_backoff_base_ms (config, 600000);
  gredis_config_set_backoff_cap_ms (config, 600000);
  client = gredis_client_new (config);
  connection = gredis_client_get_connection (client, &error);
  g_assert_no_error (error);
  client_id (connection);

  add (batch, "GET", "split:key", NULL);
  results = _gredis_pipeline_results_new (1);
  merge.results = results;

  /* No reply comes, then the connection is lost. */
  gredis_test_server_pause (server);
  _gredis_pipeline_results_begin_group (results);
  _gredis_pipeline_group_run (client, NULL, FALSE, GREDIS_POOL_NO_SLOT, batch, NULL, 1, GREDIS_PIPELINE_EXECUTOR_NONE,
                              results, cancellable, merge_group_done, &merge);
  gredis_test_server_kill (server);
  while (gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (merge.done);

  g_idle_add (cancel_later, cancellable);
  merge_wait (&merge);
  g_assert_error (merge.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&merge.error);
  g_assert_null (_gredis_pipeline_results_get (results, 0, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
add_tests (const char    *name,
           GTestDataFunc  func)
{
  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autofree char *path = g_strdup_printf ("/pipeline-split/resp%u/%s", protocol, name);

      g_test_add_data_func (path, GUINT_TO_POINTER (protocol), func);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    {
      servers[i] = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
      g_assert_no_error (error);
    }

  add_tests ("executor-interleaved", test_executor_interleaved);
  add_tests ("executor-transaction-part", test_executor_transaction_part);
  add_tests ("groups-two-servers", test_groups_two_servers);
  add_tests ("groups-one-unreachable", test_groups_one_unreachable);
  add_tests ("group-cancel-retry-wait", test_group_cancel_retry_wait);

  status = g_test_run ();
  for (guint i = 0; i < G_N_ELEMENTS (servers); i++)
    gredis_test_server_stop (servers[i]);
  return status;
}
