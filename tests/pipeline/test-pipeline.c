/* test-pipeline.c: GredisPipeline, transactions, GredisScript and blocking
 * commands on a real redis-server, in RESP2 and RESP3
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

static GredisTestServer *server;

static GredisClient *
make_client (guint protocol,
             guint command_timeout_ms)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_host (config, "127.0.0.1");
  gredis_config_set_port (config, gredis_test_server_get_port (server));
  gredis_config_set_protocol (config, protocol);
  gredis_config_set_command_timeout_ms (config, command_timeout_ms);
  return gredis_client_new (config);
}

static void
command_ok (GredisClient       *client,
            const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
}

static char *
get_string (GredisClient *client,
            const char   *key)
{
  g_autoptr(GError) error = NULL;
  char *value = gredis_client_get (client, key, NULL, &error);

  g_assert_no_error (error);
  return value;
}

static void
flushall (GredisClient *client)
{
  command_ok (client, (const char *[]) { "FLUSHALL", NULL });
}

/* Waiting for an async result on the default context. */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GAsyncResult **out = user_data;

  g_assert_null (*out);
  *out = g_object_ref (result);
}

static void
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
}

static gboolean
execute_wait (GredisPipeline  *pipeline,
              GError         **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gredis_pipeline_execute_async (pipeline, NULL, store_result, &result);
  wait_result (&result);
  return gredis_pipeline_execute_finish (pipeline, result, error);
}

static void
assert_reply_string (GredisPipeline *pipeline,
                     guint           index,
                     const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, index, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, expected);
}

static void
assert_reply_integer (GredisPipeline *pipeline,
                      guint           index,
                      gint64          expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, index, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, expected);
}

static void
assert_reply_error (GredisPipeline *pipeline,
                    guint           index,
                    GQuark          domain,
                    int             code)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, index, &error);

  g_assert_null (reply);
  g_assert_error (error, domain, code);
}

/* Plain pipelines */

static void
test_plain_errors (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 5000);
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) key = g_bytes_new ("bin\0key", 7);
  g_autoptr(GBytes) value = g_bytes_new ("\r\n\0x", 4);
  GBytes *set_args[3];
  g_autoptr(GBytes) set_name = g_bytes_new_static ("SET", 3);
  g_autoptr(GBytes) get_name = g_bytes_new_static ("GET", 3);
  GBytes *get_args[2];
  const char *argv_lengths_argv[] = { "SET", "k2", "a\0b" };
  const gsize argv_lengths[] = { 3, 2, 3 };
  g_autoptr(GredisReply) reply = NULL;
  guint i_set, i_incr_bad, i_unknown, i_incr, i_get, i_bin_set, i_bin_get, i_argv, i_del;

  flushall (client);
  i_set = gredis_pipeline_add_set (pipeline, "s", "text");
  i_incr_bad = gredis_pipeline_add_command (pipeline, (const char *[]) { "INCR", "s", NULL });
  i_unknown = gredis_pipeline_add_command (pipeline, (const char *[]) { "NOSUCHCOMMAND", NULL });
  i_incr = gredis_pipeline_add_incrby (pipeline, "n", 41);
  i_get = gredis_pipeline_add_get (pipeline, "s");
  set_args[0] = set_name;
  set_args[1] = key;
  set_args[2] = value;
  i_bin_set = gredis_pipeline_add_command_bytes (pipeline, set_args, 3);
  get_args[0] = get_name;
  get_args[1] = key;
  i_bin_get = gredis_pipeline_add_command_bytes (pipeline, get_args, 2);
  i_argv = gredis_pipeline_add_command_argv (pipeline, 3, argv_lengths_argv, argv_lengths);
  i_del = gredis_pipeline_add_del (pipeline, (const char *[]) { "s", "n", "nothing", NULL });
  g_assert_cmpuint (gredis_pipeline_get_n_commands (pipeline), ==, 9);

  /* Failed commands do not fail the pipeline. */
  g_assert_true (execute_wait (pipeline, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_pipeline_get_n_commands (pipeline), ==, 0);
  g_assert_cmpuint (gredis_pipeline_get_n_results (pipeline), ==, 9);

  assert_reply_string (pipeline, i_set, "OK");
  assert_reply_error (pipeline, i_incr_bad, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  assert_reply_error (pipeline, i_unknown, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  assert_reply_integer (pipeline, i_incr, 41);
  assert_reply_string (pipeline, i_get, "text");
  assert_reply_string (pipeline, i_bin_set, "OK");
  reply = gredis_pipeline_get_reply (pipeline, i_bin_get, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GBytes) got = gredis_reply_get_bytes (reply);
    g_assert_true (g_bytes_equal (got, value));
  }
  assert_reply_string (pipeline, i_argv, "OK");
  assert_reply_integer (pipeline, i_del, 2);
  assert_reply_error (pipeline, 9, GREDIS_ERROR, GREDIS_ERROR_FAILED);

  /* The error text is the server's. */
  {
    g_autoptr(GredisReply) none = gredis_pipeline_get_reply (pipeline, i_unknown, &error);
    g_assert_null (none);
    g_assert_nonnull (strstr (error->message, "unknown command"));
    g_clear_error (&error);
  }

  /* Reusable: a second batch replaces the results. */
  gredis_pipeline_add_get (pipeline, "k2");
  g_assert_true (execute_wait (pipeline, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_pipeline_get_n_results (pipeline), ==, 1);
  {
    g_autoptr(GredisReply) got = gredis_pipeline_get_reply (pipeline, 0, &error);
    gsize length = 0;
    const char *text = gredis_reply_get_string (got, &length);

    g_assert_no_error (error);
    g_assert_cmpmem (text, length, "a\0b", 3);
  }
}

static void
test_plain_sync (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 5000);
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
  g_autoptr(GError) error = NULL;

  flushall (client);
  for (guint i = 0; i < 1000; i++)
    gredis_pipeline_add_command (pipeline, (const char *[]) { "RPUSH", "list", "x", NULL });
  gredis_pipeline_add_command (pipeline, (const char *[]) { "LPOP", "list", "1", "2", NULL });
  g_assert_true (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 1000; i++)
    assert_reply_integer (pipeline, i, i + 1);
  assert_reply_error (pipeline, 1000, GREDIS_ERROR, GREDIS_ERROR_SERVER);
}

/* Transactions */

static void
test_transaction_runtime_errors (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 5000);
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  flushall (client);
  gredis_pipeline_add_set (pipeline, "s", "text");
  gredis_pipeline_add_command (pipeline, (const char *[]) { "INCR", "s", NULL });
  gredis_pipeline_add_command (pipeline, (const char *[]) { "LPUSH", "s", "x", NULL });
  gredis_pipeline_add_incrby (pipeline, "n", 5);
  g_assert_true (execute_wait (pipeline, &error));
  g_assert_no_error (error);

  assert_reply_string (pipeline, 0, "OK");
  assert_reply_error (pipeline, 1, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  assert_reply_error (pipeline, 2, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
  assert_reply_integer (pipeline, 3, 5);

  value = get_string (client, "n");
  g_assert_cmpstr (value, ==, "5");

  /* The blocking form too. */
  gredis_pipeline_add_incrby (pipeline, "n", 1);
  gredis_pipeline_add_get (pipeline, "n");
  g_assert_true (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_no_error (error);
  assert_reply_integer (pipeline, 0, 6);
  assert_reply_string (pipeline, 1, "6");
}

static void
test_transaction_execabort (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 5000);
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, TRUE);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  flushall (client);
  gredis_pipeline_add_set (pipeline, "a", "1");
  /* Refused at queue time: a wrong number of arguments. */
  gredis_pipeline_add_command (pipeline, (const char *[]) { "GET", NULL });
  gredis_pipeline_add_command (pipeline, (const char *[]) { "NOSUCHCOMMAND", "x", NULL });
  gredis_pipeline_add_set (pipeline, "b", "2");

  g_assert_false (execute_wait (pipeline, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_EXECABORT);
  g_clear_error (&error);

  assert_reply_error (pipeline, 0, GREDIS_ERROR, GREDIS_ERROR_EXECABORT);
  assert_reply_error (pipeline, 1, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  assert_reply_error (pipeline, 2, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  assert_reply_error (pipeline, 3, GREDIS_ERROR, GREDIS_ERROR_EXECABORT);
  {
    g_autoptr(GredisReply) none = gredis_pipeline_get_reply (pipeline, 1, &error);
    g_assert_null (none);
    g_assert_nonnull (strstr (error->message, "wrong number of arguments"));
    g_clear_error (&error);
  }

  /* Nothing ran. */
  value = get_string (client, "a");
  g_assert_null (value);
}

static void
watch_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  store_result (source, result, user_data);
}

static void
test_watch_conflict (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 5000);
  g_autoptr(GredisClient) writer = make_client (protocol, 5000);
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  g_autofree char *value2 = NULL;

  flushall (client);
  command_ok (client, (const char *[]) { "SET", "balance", "100", NULL });

  gredis_pipeline_watch_async (pipeline, (const char *[]) { "balance", NULL }, NULL,
                               watch_done, &result);
  wait_result (&result);
  g_assert_true (gredis_pipeline_watch_finish (pipeline, result, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_pipeline_get_watching (pipeline));

  /* Someone else writes in between. */
  command_ok (writer, (const char *[]) { "SET", "balance", "50", NULL });

  gredis_pipeline_add_incrby (pipeline, "balance", 10);
  gredis_pipeline_add_set (pipeline, "other", "x");
  g_assert_false (execute_wait (pipeline, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WATCH);
  g_clear_error (&error);
  g_assert_false (gredis_pipeline_get_watching (pipeline));
  assert_reply_error (pipeline, 0, GREDIS_ERROR, GREDIS_ERROR_WATCH);
  assert_reply_error (pipeline, 1, GREDIS_ERROR, GREDIS_ERROR_WATCH);

  value = get_string (client, "balance");
  g_assert_cmpstr (value, ==, "50");

  /* Without a conflict it commits; the blocking forms work as well. */
  g_assert_true (gredis_pipeline_watch (pipeline, (const char *[]) { "balance", NULL }, NULL,
                                        &error));
  g_assert_no_error (error);
  gredis_pipeline_add_incrby (pipeline, "balance", 10);
  g_assert_true (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_no_error (error);
  assert_reply_integer (pipeline, 0, 60);

  /* A reset unwatches: a later write does not matter any more. */
  g_assert_true (gredis_pipeline_watch (pipeline, (const char *[]) { "balance", NULL }, NULL,
                                        &error));
  g_assert_no_error (error);
  gredis_pipeline_reset (pipeline);
  g_assert_false (gredis_pipeline_get_watching (pipeline));
  command_ok (writer, (const char *[]) { "SET", "balance", "70", NULL });
  gredis_pipeline_set_transaction (pipeline, TRUE);
  gredis_pipeline_add_incrby (pipeline, "balance", 1);
  g_assert_true (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_no_error (error);
  value2 = get_string (client, "balance");
  g_assert_cmpstr (value2, ==, "71");
}

typedef struct
{
  GredisClient *writer;
  guint calls;
  guint conflicts;             /* how many attempts meet a concurrent write */
  gint64 seen;
} Racer;

static gboolean
increment_func (GredisPipeline  *pipeline,
                GredisReply     *watched,
                gpointer         user_data,
                GError         **error)
{
  Racer *racer = user_data;
  const char *text = gredis_reply_get_string (watched, NULL);
  gint64 value = text != NULL ? g_ascii_strtoll (text, NULL, 10) : 0;
  char number[32];

  g_assert_true (gredis_pipeline_get_transaction (pipeline));
  g_assert_true (gredis_pipeline_get_watching (pipeline));
  g_assert_cmpuint (gredis_pipeline_get_n_commands (pipeline), ==, 0);
  racer->calls++;
  racer->seen = value;

  /* A concurrent writer changes the key after it was read. */
  if (racer->calls <= racer->conflicts)
    command_ok (racer->writer, (const char *[]) { "INCRBY", "counter", "100", NULL });

  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, value + 1);
  gredis_pipeline_add_set (pipeline, "counter", number);
  gredis_pipeline_add_get (pipeline, "counter");
  return TRUE;
}

static gboolean
give_up_func (GredisPipeline  *pipeline,
              GredisReply     *watched,
              gpointer         user_data,
              GError         **error)
{
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "Not enough money.");
  return FALSE;
}

static void
test_transaction_retry (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 5000);
  g_autoptr(GredisClient) writer = make_client (protocol, 5000);
  g_autoptr(GredisPipeline) done = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;
  const char *keys[] = { "counter", NULL };
  const char *read[] = { "GET", "counter", NULL };
  Racer racer = { writer, 0, 2, 0 };

  flushall (client);
  command_ok (client, (const char *[]) { "SET", "counter", "1", NULL });

  /* Two conflicts, then it commits on the third attempt. */
  gredis_client_transaction_async (client, keys, read, 5, increment_func, &racer, NULL, NULL,
                                   store_result, &result);
  wait_result (&result);
  done = gredis_client_transaction_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (done);
  g_assert_cmpuint (racer.calls, ==, 3);
  g_assert_cmpint (racer.seen, ==, 201);
  assert_reply_string (done, 0, "OK");
  assert_reply_string (done, 1, "202");
  value = get_string (client, "counter");
  g_assert_cmpstr (value, ==, "202");
  g_clear_object (&done);
  g_clear_object (&result);

  /* Always conflicting: the retry limit is hit. */
  racer = (Racer) { writer, 0, G_MAXUINT, 0 };
  gredis_client_transaction_async (client, keys, read, 3, increment_func, &racer, NULL, NULL,
                                   store_result, &result);
  wait_result (&result);
  done = gredis_client_transaction_finish (client, result, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WATCH);
  g_assert_null (done);
  g_assert_cmpuint (racer.calls, ==, 3);
  g_clear_error (&error);
  g_clear_object (&result);

  /* The blocking form, with one conflict. */
  racer = (Racer) { writer, 0, 1, 0 };
  done = gredis_client_transaction (client, keys, read, 5, increment_func, &racer, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (done);
  g_assert_cmpuint (racer.calls, ==, 2);
  g_clear_object (&done);

  /* The function gives up: its error, and nothing ran. */
  done = gredis_client_transaction (client, keys, read, 5, give_up_func, NULL, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_null (done);
}

/* Scripts */

static void
test_script_flush (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 5000);
  g_autoptr(GredisScript) script =
    gredis_script_new ("return redis.call('INCRBY', KEYS[1], ARGV[1])");
  g_autoptr(GredisScript) broken = gredis_script_new ("return (");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GredisPipeline) pipeline = NULL;
  const char *keys[] = { "n", NULL };
  const char *args[] = { "5", NULL };
  g_autofree char *value = NULL;

  flushall (client);
  command_ok (client, (const char *[]) { "SCRIPT", "FLUSH", NULL });
  /* The digest is computed locally, as the server does. */
  g_assert_cmpstr (gredis_script_get_sha1 (script), ==,
                   "8cd00688c05c46bde4a2e60658ef20a2e5c0b248");

  /* Not in the cache: loaded on NOSCRIPT. */
  gredis_script_run_async (script, client, keys, args, NULL, store_result, &result);
  wait_result (&result);
  reply = gredis_script_run_finish (script, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 5);
  g_clear_pointer (&reply, gredis_reply_unref);
  g_clear_object (&result);

  /* Flushed between calls: still runs. */
  command_ok (client, (const char *[]) { "SCRIPT", "FLUSH", NULL });
  gredis_script_run_async (script, client, keys, args, NULL, store_result, &result);
  wait_result (&result);
  reply = gredis_script_run_finish (script, result, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 10);
  g_clear_pointer (&reply, gredis_reply_unref);
  g_clear_object (&result);

  command_ok (client, (const char *[]) { "SCRIPT", "FLUSH", NULL });
  reply = gredis_script_run (script, client, keys, args, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 15);
  g_clear_pointer (&reply, gredis_reply_unref);

  /* A syntax error is reported as such, not as NOSCRIPT. */
  gredis_script_run_async (broken, client, NULL, NULL, NULL, store_result, &result);
  wait_result (&result);
  reply = gredis_script_run_finish (broken, result, &error);
  g_assert_null (reply);
  g_assert_nonnull (error);
  g_assert_false (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_NOSCRIPT));
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_false (gredis_script_load (broken, client, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  g_clear_error (&error);

  /* In a transaction after a flush: loaded before the batch. */
  command_ok (client, (const char *[]) { "SCRIPT", "FLUSH", NULL });
  pipeline = gredis_pipeline_new (client, TRUE);
  gredis_pipeline_add_script (pipeline, script, keys, args);
  gredis_pipeline_add_script (pipeline, script, keys, args);
  gredis_pipeline_add_script (pipeline, broken, NULL, NULL);
  g_assert_true (execute_wait (pipeline, &error));
  g_assert_no_error (error);
  assert_reply_integer (pipeline, 0, 20);
  assert_reply_integer (pipeline, 1, 25);
  assert_reply_error (pipeline, 2, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  value = get_string (client, "n");
  g_assert_cmpstr (value, ==, "25");

  /* And in a plain pipeline, loaded ahead with load_async. */
  command_ok (client, (const char *[]) { "SCRIPT", "FLUSH", NULL });
  gredis_script_load_async (script, client, NULL, store_result, &result);
  wait_result (&result);
  g_assert_true (gredis_script_load_finish (script, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  reply = gredis_client_command (client, (const char *[]) { "SCRIPT", "EXISTS",
                                                            gredis_script_get_sha1 (script),
                                                            NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (gredis_reply_get_element (reply, 0)), ==, 1);
}

/* Blocking commands */

typedef struct
{
  guint done;
  guint failed;
} Counter;

static void
count_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Counter *counter = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  if (reply == NULL)
    counter->failed++;
  counter->done++;
}

static void
test_blpop_shared (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  /* A command timeout far below the BLPOP's: it must not apply. */
  g_autoptr(GredisClient) client = make_client (protocol, 500);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  Counter counter = { 0, 0 };
  guint done_when_blpop_finished = 0;

  flushall (client);
  gredis_client_command_async (client, (const char *[]) { "BLPOP", "empty", "2", NULL }, NULL,
                               store_result, &result);
  for (guint i = 0; i < 1000; i++)
    gredis_client_command_async (client, (const char *[]) { "INCR", "counter", NULL }, NULL,
                                 count_done, &counter);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (result != NULL)
        done_when_blpop_finished = counter.done;
    }
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_reply_is_nil (reply));
  /* Every other command completed while BLPOP waited. */
  g_assert_cmpuint (done_when_blpop_finished, ==, 1000);
  g_assert_cmpuint (counter.failed, ==, 0);
  g_clear_pointer (&reply, gredis_reply_unref);
  g_clear_object (&result);

  /* BLPOP for ever gets what a command on the shared connection pushes. */
  gredis_client_command_async (client, (const char *[]) { "BLPOP", "queue", "0", NULL }, NULL,
                               store_result, &result);
  {
    g_autoptr(GredisReply) length = NULL;
    /* Make sure BLPOP is waiting before pushing. */
    while (TRUE)
      {
        g_autoptr(GredisReply) info = gredis_client_command (client,
                                                             (const char *[]) { "INFO", "clients", NULL },
                                                             NULL, &error);
        g_assert_no_error (error);
        if (strstr (gredis_reply_get_string (info, NULL), "blocked_clients:1") != NULL)
          break;
        g_main_context_iteration (NULL, FALSE);
      }
    length = gredis_client_command (client, (const char *[]) { "RPUSH", "queue", "job", NULL },
                                    NULL, &error);
    g_assert_no_error (error);
  }
  wait_result (&result);
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_reply_get_n_elements (reply), ==, 2);
  g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL), ==, "queue");
  g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL), ==, "job");
}

static void
test_blocking_sync (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 200);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GBytes) xread = g_bytes_new_static ("XREAD", 5);
  g_autoptr(GBytes) block = g_bytes_new_static ("block", 5);
  g_autoptr(GBytes) ms = g_bytes_new_static ("700", 3);
  g_autoptr(GBytes) streams = g_bytes_new_static ("STREAMS", 7);
  g_autoptr(GBytes) stream = g_bytes_new_static ("s", 1);
  g_autoptr(GBytes) id = g_bytes_new_static ("$", 1);
  GBytes *args[] = { xread, block, ms, streams, stream, id };

  flushall (client);
  /* Longer than the 200 ms command timeout. */
  reply = gredis_client_command (client, (const char *[]) { "BRPOP", "a", "b", "0.6", NULL },
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_reply_is_nil (reply));
  g_clear_pointer (&reply, gredis_reply_unref);

  reply = gredis_client_command_bytes (client, args, G_N_ELEMENTS (args), NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_reply_is_nil (reply));
  g_clear_pointer (&reply, gredis_reply_unref);

  reply = gredis_client_command (client, (const char *[]) { "BZPOPMIN", "z", "0.5", NULL },
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_reply_is_nil (reply));
  g_clear_pointer (&reply, gredis_reply_unref);

  /* WAIT counts the writes of its connection, so it goes on the shared
   * one: a timeout the command timeout would cut short is refused, a
   * shorter one waits (no replica here: 0). */
  reply = gredis_client_command (client, (const char *[]) { "WAIT", "1", "500", NULL },
                                 NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
  g_clear_error (&error);
  reply = gredis_client_command (client, (const char *[]) { "WAIT", "1", "50", NULL },
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 0);
  g_clear_pointer (&reply, gredis_reply_unref);

  /* Without BLOCK, XREAD is an ordinary command. */
  command_ok (client, (const char *[]) { "XADD", "s", "*", "f", "v", NULL });
  reply = gredis_client_command (client, (const char *[]) { "XREAD", "COUNT", "1", "STREAMS",
                                                            "s", "0", NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_false (gredis_reply_is_nil (reply));
  g_clear_pointer (&reply, gredis_reply_unref);

  /* BLMOVE moves what is there at once; an invalid timeout is the
   * server's error. */
  command_ok (client, (const char *[]) { "RPUSH", "src", "v", NULL });
  reply = gredis_client_command (client, (const char *[]) { "BLMOVE", "src", "dst", "LEFT",
                                                            "RIGHT", "1", NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "v");
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = gredis_client_command (client, (const char *[]) { "BLPOP", "a", "-1", NULL }, NULL,
                                 &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  g_assert_null (reply);
}

static void
test_blocking_cancel (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 5000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GredisReply) after = NULL;

  gredis_client_command_async (client, (const char *[]) { "BLPOP", "never", "0", NULL },
                               cancellable, store_result, &result);
  g_cancellable_cancel (cancellable);
  wait_result (&result);
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reply);
  g_clear_error (&error);

  /* The shared connection was never involved. */
  after = gredis_client_command (client, (const char *[]) { "PING", NULL }, NULL, &error);
  g_assert_no_error (error);
}

static void
add_tests (const char     *name,
           GTestDataFunc   func)
{
  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autofree char *path = g_strdup_printf ("/pipeline/resp%u/%s", protocol, name);

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

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);

  add_tests ("plain-errors", test_plain_errors);
  add_tests ("plain-sync", test_plain_sync);
  add_tests ("transaction-runtime-errors", test_transaction_runtime_errors);
  add_tests ("transaction-execabort", test_transaction_execabort);
  add_tests ("watch-conflict", test_watch_conflict);
  add_tests ("transaction-retry", test_transaction_retry);
  add_tests ("script-flush", test_script_flush);
  add_tests ("blpop-shared", test_blpop_shared);
  add_tests ("blocking-sync", test_blocking_sync);
  add_tests ("blocking-cancel", test_blocking_cancel);

  status = g_test_run ();
  gredis_test_server_stop (server);
  return status;
}
