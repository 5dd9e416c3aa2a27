/* test-shared-safety.c: a command that changes the state of a connection,
 * sent raw through GredisClient, never affects another caller
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * For each family of such commands, on a shared client: other callers'
 * commands go out before and after it (in the same write for the
 * asynchronous API, on the same pooled connection for the blocking API
 * from another thread), the command fails at once with
 * GREDIS_ERROR_CONNECTION_STATE naming the API to use, and the other
 * callers see their value, their database, protocol, user and name, no
 * timeout and the same connection.
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

static GredisTestServer *server;

typedef struct
{
  const char *name;
  const char *argv[5];
  const char *hint;            /* what the error message must name */
} Family;

/* One command of each family; test-command-state.c checks every member. */
static const Family families[] = {
  { "transaction", { "MULTI" }, "gredis_client_transaction_async()" },
  { "watch", { "WATCH", "k" }, "gredis_pipeline_watch_async()" },
  { "database", { "SELECT", "3" }, "`db`" },
  { "subscribe", { "SUBSCRIBE", "news" }, "GredisPubSub" },
  { "psubscribe", { "PSUBSCRIBE", "n*" }, "GredisPubSub" },
  { "unsubscribe", { "UNSUBSCRIBE" }, "GredisPubSub" },
  { "monitor", { "MONITOR" }, "GredisConnection" },
  { "reply-mode", { "CLIENT", "REPLY", "OFF" }, "Ignore the replies" },
  { "tracking", { "CLIENT", "TRACKING", "ON" }, "GredisConnection" },
  { "reset", { "RESET" }, "gredis_client_close()" },
  { "hello", { "HELLO", "@OTHER@" }, "`protocol`" },
  { "auth", { "AUTH", "alice", "alice-secret" }, "`username`" },
  { "readonly", { "READONLY" }, "GredisConnection" },
  { "client-name", { "CLIENT", "SETNAME", "intruder" }, "`client-name`" },
  { "no-evict", { "client", "no-evict", "on" }, "GredisConnection" },
  { "quit", { "QUIT" }, "gredis_client_close()" },
  { "replication", { "REPLCONF", "ACK", "0" }, "GredisConnection" },
};

typedef struct
{
  const Family *family;
  guint protocol;
} Case;

static GredisClient *
make_client (guint protocol,
             guint max_connections)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *max = g_strdup_printf ("%u", max_connections);

  gredis_config_set_host (config, "127.0.0.1");
  gredis_config_set_port (config, gredis_test_server_get_port (server));
  gredis_config_set_protocol (config, protocol);
  gredis_config_set_db (config, 1);
  gredis_config_set_option (config, "client-name", "shared", &error);
  g_assert_no_error (error);
  /* Every connection of the blocking calls is the same one. */
  gredis_config_set_option (config, "max-connections", max, &error);
  g_assert_no_error (error);
  /* A bound, not a measure: a lost reply fails the test with a timeout. */
  gredis_config_set_option (config, "command-timeout-ms", "3000", &error);
  g_assert_no_error (error);
  return gredis_client_new (config);
}

/* The family's command, for a client of @protocol. */
static void
family_argv (const Case  *c,
             const char **argv)
{
  guint i;

  for (i = 0; c->family->argv[i] != NULL; i++)
    argv[i] = g_str_equal (c->family->argv[i], "@OTHER@") ? (c->protocol == 2 ? "3" : "2")
                                                          : c->family->argv[i];
  argv[i] = NULL;
}

static void
set_value (guint protocol)
{
  g_autoptr(GredisClient) admin = make_client (protocol, 1);
  const char *flush[] = { "FLUSHALL", NULL };
  const char *set[] = { "SET", "k", "v", NULL };
  g_autoptr(GError) error = NULL;

  gredis_reply_unref (gredis_client_command (admin, flush, NULL, &error));
  g_assert_no_error (error);
  gredis_reply_unref (gredis_client_command (admin, set, NULL, &error));
  g_assert_no_error (error);
}

static void
assert_state_error (const Case   *c,
                    const GError *error)
{
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
  if (strstr (error->message, c->family->hint) == NULL)
    g_error ("“%s” does not name %s", error->message, c->family->hint);
}

/* What another caller sees: its value (in database 1), and a connection
 * in the state the configuration asked for. */
static void
assert_get (GredisReply  *reply,
            const GError *error)
{
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_STRING);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "v");
}

static void
assert_info (const Case   *c,
             GredisReply  *reply,
             const GError *error)
{
  g_autofree char *resp = g_strdup_printf (" resp=%u", c->protocol);
  const char *info;

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  info = gredis_reply_get_string (reply, NULL);
  g_assert_nonnull (info);
  g_test_message ("CLIENT INFO: %s", info);
  /* Not in a transaction, not subscribed, no tracking, no monitor,
   * no-evict or read-only flag. */
  g_assert_nonnull (strstr (info, " flags=N "));
  g_assert_nonnull (strstr (info, " db=1 "));
  g_assert_nonnull (strstr (info, " name=shared "));
  g_assert_nonnull (strstr (info, " user=default "));
  g_assert_nonnull (strstr (info, " multi=-1 "));
  g_assert_nonnull (strstr (info, resp));
}

static gint64
assert_id (GredisReply  *reply,
           const GError *error)
{
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  return gredis_reply_get_integer (reply);
}

/* The asynchronous API: one main context, one multiplexed connection */

enum { GET_BEFORE, STATE, GET_AFTER, INFO, ID, N_CALLS };

typedef struct
{
  GredisClient *client;
  GredisReply *replies[N_CALLS];
  GError *errors[N_CALLS];
  guint pending;
} Round;

typedef struct
{
  Round *round;
  guint index;
} Slot;

static void
round_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Slot *slot = user_data;
  Round *round = slot->round;

  round->replies[slot->index] = gredis_client_command_finish (round->client, result,
                                                             &round->errors[slot->index]);
  round->pending--;
}

static void
round_clear (Round *round)
{
  for (guint i = 0; i < N_CALLS; i++)
    {
      g_clear_pointer (&round->replies[i], gredis_reply_unref);
      g_clear_error (&round->errors[i]);
    }
}

/* Sends the calls of @argvs (NULL entries skipped) in one main-loop
 * iteration, hence in one write, and waits for all of them. */
static void
run_round (Round              *round,
           const char * const *argvs[N_CALLS])
{
  Slot slots[N_CALLS];

  for (guint i = 0; i < N_CALLS; i++)
    {
      slots[i].round = round;
      slots[i].index = i;
      if (argvs[i] == NULL)
        continue;
      round->pending++;
      gredis_client_command_async (round->client, argvs[i], NULL, round_done, &slots[i]);
    }
  while (round->pending > 0)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_async (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GredisClient) client = make_client (c->protocol, 16);
  const char *get[] = { "GET", "k", NULL };
  const char *info[] = { "CLIENT", "INFO", NULL };
  const char *id[] = { "CLIENT", "ID", NULL };
  const char *state[6];
  const char * const *first[N_CALLS] = { get, NULL, NULL, NULL, id };
  const char * const *mixed[N_CALLS] = { get, state, get, info, id };
  const char * const *later[N_CALLS] = { get, NULL, NULL, info, id };
  Round round = { client };
  gint64 connection_id;

  family_argv (c, state);
  set_value (c->protocol);

  run_round (&round, first);
  assert_get (round.replies[GET_BEFORE], round.errors[GET_BEFORE]);
  connection_id = assert_id (round.replies[ID], round.errors[ID]);
  round_clear (&round);

  /* Another caller's commands before and after it, in the same write. */
  run_round (&round, mixed);
  assert_get (round.replies[GET_BEFORE], round.errors[GET_BEFORE]);
  assert_get (round.replies[GET_AFTER], round.errors[GET_AFTER]);
  assert_info (c, round.replies[INFO], round.errors[INFO]);
  g_assert_cmpint (assert_id (round.replies[ID], round.errors[ID]), ==, connection_id);
  assert_state_error (c, round.errors[STATE]);
  g_assert_null (round.replies[STATE]);
  round_clear (&round);

  /* And later callers, in a write of their own. */
  run_round (&round, later);
  assert_get (round.replies[GET_BEFORE], round.errors[GET_BEFORE]);
  assert_info (c, round.replies[INFO], round.errors[INFO]);
  g_assert_cmpint (assert_id (round.replies[ID], round.errors[ID]), ==, connection_id);
  round_clear (&round);
}

/* The blocking API: the state-changing caller in a thread of its own,
 * the other caller before and after it, on the one pooled connection */

typedef struct
{
  GredisClient *client;
  const char **argv;
  GredisReply *reply;
  GError *error;
} ThreadCall;

static gpointer
thread_call (gpointer user_data)
{
  ThreadCall *call = user_data;

  call->reply = gredis_client_command (call->client, call->argv, NULL, &call->error);
  return NULL;
}

static GredisReply *
run_sync (GredisClient  *client,
          const char   **argv,
          GError       **error)
{
  return gredis_client_command (client, argv, NULL, error);
}

static void
test_blocking (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GredisClient) client = make_client (c->protocol, 1);
  const char *get[] = { "GET", "k", NULL };
  const char *info[] = { "CLIENT", "INFO", NULL };
  const char *id[] = { "CLIENT", "ID", NULL };
  const char *state[6];
  ThreadCall call = { client, state };
  GredisReply *reply;
  GError *error = NULL;
  gint64 connection_id;

  family_argv (c, state);
  set_value (c->protocol);

  reply = run_sync (client, get, &error);
  assert_get (reply, error);
  gredis_reply_unref (reply);
  reply = run_sync (client, id, &error);
  connection_id = assert_id (reply, error);
  gredis_reply_unref (reply);

  g_thread_join (g_thread_new ("state-changer", thread_call, &call));

  reply = run_sync (client, get, &error);
  assert_get (reply, error);
  gredis_reply_unref (reply);
  reply = run_sync (client, info, &error);
  assert_info (c, reply, error);
  gredis_reply_unref (reply);
  reply = run_sync (client, id, &error);
  g_assert_cmpint (assert_id (reply, error), ==, connection_id);
  gredis_reply_unref (reply);

  assert_state_error (c, call.error);
  g_assert_null (call.reply);
  g_clear_error (&call.error);

  /* The argv and GBytes forms take the same path. */
  {
    g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
    guint n = g_strv_length ((char **) state);

    reply = gredis_client_command_argv (client, n, state, NULL, NULL, &error);
    assert_state_error (c, error);
    g_assert_null (reply);
    g_clear_error (&error);

    for (guint i = 0; i < n; i++)
      g_ptr_array_add (args, g_bytes_new (state[i], strlen (state[i])));
    reply = gredis_client_command_bytes (client, (GBytes * const *) args->pdata, n, NULL, &error);
    assert_state_error (c, error);
    g_assert_null (reply);
    g_clear_error (&error);
  }

  reply = run_sync (client, info, &error);
  assert_info (c, reply, error);
  gredis_reply_unref (reply);
}

/* Commands that change nothing keep working raw, on either API. */
static void
test_allowed (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  g_autoptr(GredisClient) client = make_client (protocol, 2);
  const char *commands[][5] = {
    { "PING" },
    { "ECHO", "hello" },
    { "PUBLISH", "news", "nobody listens" },
    { "CLIENT", "ID" },
    { "CLIENT", "INFO" },
    { "CLIENT", "GETNAME" },
    { "CLIENT", "LIST", "TYPE", "normal" },
    { "HELLO" },
    { "SWAPDB", "5", "6" },
    { "SET", "k", "v" },
    { "SELECTED" },            /* an unknown command that merely starts like SELECT */
  };
  const char *info[] = { "CLIENT", "INFO", NULL };
  Case c = { NULL, protocol };
  GredisReply *reply;
  GError *error = NULL;

  set_value (protocol);
  for (gsize i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      Round round = { client };
      const char * const *argvs[N_CALLS] = { commands[i] };
      gboolean unknown = g_str_equal (commands[i][0], "SELECTED");

      run_round (&round, argvs);
      if (unknown)
        g_assert_error (round.errors[0], GREDIS_ERROR, GREDIS_ERROR_SERVER);
      else
        g_assert_no_error (round.errors[0]);
      round_clear (&round);

      reply = gredis_client_command (client, commands[i], NULL, &error);
      if (unknown)
        {
          g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
          g_clear_error (&error);
        }
      else
        g_assert_no_error (error);
      g_clear_pointer (&reply, gredis_reply_unref);
    }

  reply = gredis_client_command (client, info, NULL, &error);
  assert_info (&c, reply, error);
  gredis_reply_unref (reply);
}

/* Pipelines */

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A plain pipeline runs on the shared connection: a state-changing
 * command fails the whole execution before anything is sent, while
 * another caller's commands go out before and after it. */
static void
test_pipeline_plain (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(GredisClient) client = make_client (c->protocol, 16);
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
  const char *get[] = { "GET", "k", NULL };
  const char *info[] = { "CLIENT", "INFO", NULL };
  const char *state[6];
  const char * const *before[N_CALLS] = { get };
  const char * const *after[N_CALLS] = { NULL, NULL, get, info };
  Round round_before = { client }, round_after = { client };
  Slot slots[N_CALLS];
  GAsyncResult *result = NULL;
  GError *error = NULL;
  GredisReply *reply;

  family_argv (c, state);
  set_value (c->protocol);

  gredis_pipeline_add_command (pipeline, get);
  gredis_pipeline_add_command (pipeline, state);
  gredis_pipeline_add_command (pipeline, get);

  for (guint i = 0; i < N_CALLS; i++)
    {
      slots[i].round = &round_before;
      slots[i].index = i;
      if (before[i] == NULL)
        continue;
      round_before.pending++;
      gredis_client_command_async (client, before[i], NULL, round_done, &slots[i]);
    }
  gredis_pipeline_execute_async (pipeline, NULL, store_result, &result);
  run_round (&round_after, after);
  while (result == NULL || round_before.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  assert_get (round_before.replies[GET_BEFORE], round_before.errors[GET_BEFORE]);
  assert_get (round_after.replies[GET_AFTER], round_after.errors[GET_AFTER]);
  assert_info (c, round_after.replies[INFO], round_after.errors[INFO]);
  round_clear (&round_before);
  round_clear (&round_after);

  g_assert_false (gredis_pipeline_execute_finish (pipeline, result, &error));
  g_object_unref (result);
  assert_state_error (c, error);
  g_clear_error (&error);
  /* Nothing was sent: every command says so. */
  for (guint i = 0; i < 3; i++)
    {
      reply = gredis_pipeline_get_reply (pipeline, i, &error);
      g_assert_null (reply);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
      g_clear_error (&error);
    }
}

/* A transaction has a connection of its own: SELECT there keeps its
 * meaning for the commands after it, and the connection is not given to
 * anybody else afterwards. Other families are refused there too. */
static void
test_pipeline_transaction (gconstpointer data)
{
  guint protocol = GPOINTER_TO_UINT (data);
  /* One pooled connection: a reused one would be that one. */
  g_autoptr(GredisClient) client = make_client (protocol, 1);
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, TRUE);
  const char *select[] = { "SELECT", "3", NULL };
  const char *set[] = { "SET", "k", "three", NULL };
  const char *get[] = { "GET", "k", NULL };
  const char *info[] = { "CLIENT", "INFO", NULL };
  const char *multi[] = { "MULTI", NULL };
  const char *subscribe[] = { "SUBSCRIBE", "news", NULL };
  Case c = { NULL, protocol };
  GError *error = NULL;
  GredisReply *reply;

  set_value (protocol);

  gredis_pipeline_add_command (pipeline, get);
  gredis_pipeline_add_command (pipeline, select);
  gredis_pipeline_add_command (pipeline, set);
  gredis_pipeline_add_command (pipeline, get);
  g_assert_true (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_no_error (error);
  reply = gredis_pipeline_get_reply (pipeline, 0, &error);
  assert_get (reply, error);
  gredis_reply_unref (reply);
  reply = gredis_pipeline_get_reply (pipeline, 3, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "three");
  gredis_reply_unref (reply);

  /* The next transaction is in database 1: it would take the same
   * connection again if it were given back. */
  gredis_pipeline_add_command (pipeline, get);
  g_assert_true (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_no_error (error);
  reply = gredis_pipeline_get_reply (pipeline, 0, &error);
  assert_get (reply, error);
  gredis_reply_unref (reply);

  /* So are the other callers. */
  reply = gredis_client_command (client, get, NULL, &error);
  assert_get (reply, error);
  gredis_reply_unref (reply);
  reply = gredis_client_command (client, info, NULL, &error);
  assert_info (&c, reply, error);
  gredis_reply_unref (reply);

  gredis_pipeline_add_command (pipeline, set);
  gredis_pipeline_add_command (pipeline, multi);
  g_assert_false (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
  g_clear_error (&error);

  gredis_pipeline_add_command (pipeline, subscribe);
  g_assert_false (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
  g_clear_error (&error);

  /* Neither ran: k in database 1 is still v. */
  reply = gredis_client_command (client, get, NULL, &error);
  assert_get (reply, error);
  gredis_reply_unref (reply);
}

/* WAIT and WAITAOF go on the shared connection: a timeout the command
 * timeout (3 s here) would cut short is refused before anything is sent,
 * async, blocking and typed; a shorter one runs. */
static void
on_wait_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GredisReply *
run_async (GredisClient        *client,
           const char * const  *argv,
           GError             **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gredis_client_command_async (client, argv, NULL, on_wait_done, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return gredis_client_command_finish (client, result, error);
}

static void
test_wait_timeout (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data), 4);
  const char *refused[][5] = {
    { "WAIT", "0", "0", NULL },
    { "WAIT", "0", "3000", NULL },
    { "wait", "1", "60000", NULL },
    { "WAITAOF", "0", "0", "0", NULL },
  };
  const char *allowed[] = { "WAIT", "0", "2999", NULL };
  const char *forever[] = { "WAIT", "0", "0", NULL };
  g_autoptr(GredisConfig) no_timeout = NULL;
  g_autoptr(GredisClient) patient = NULL;
  g_autoptr(GError) error = NULL;
  GredisReply *reply;

  for (gsize i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      reply = run_async (client, refused[i], &error);
      g_assert_null (reply);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
      g_assert_nonnull (strstr (error->message, "3000 ms"));
      g_clear_error (&error);
      reply = gredis_client_command (client, refused[i], NULL, &error);
      g_assert_null (reply);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
      g_clear_error (&error);
    }
  g_assert_cmpint (gredis_client_wait (client, 0, 0, NULL, &error), ==, 0);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
  g_clear_error (&error);

  /* Nothing of the refused ones reached the server; the shorter one runs
   * (no replica asked for: at once). */
  reply = run_async (client, allowed, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 0);
  gredis_reply_unref (reply);
  g_assert_cmpint (gredis_client_wait (client, 0, 2999, NULL, &error), ==, 0);
  g_assert_no_error (error);

  /* Without a command timeout, WAIT may wait for ever. */
  no_timeout = gredis_config_dup (gredis_client_get_config (client));
  gredis_config_set_option (no_timeout, "command-timeout-ms", "0", &error);
  g_assert_no_error (error);
  patient = gredis_client_new (no_timeout);
  reply = run_async (patient, forever, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 0);
  gredis_reply_unref (reply);
}

int
main (int    argc,
      char **argv)
{
  const char *acl[] = { "--user", "alice", "on", ">alice-secret", "~*", "&*", "+@all", NULL };
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, acl, &error);
  g_assert_no_error (error);

  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autofree char *allowed = g_strdup_printf ("/shared-safety/resp%u/allowed", protocol);
      g_autofree char *transaction = g_strdup_printf ("/shared-safety/resp%u/pipeline-transaction",
                                                      protocol);

      for (gsize i = 0; i < G_N_ELEMENTS (families); i++)
        {
          Case *c = g_new0 (Case, 1);
          g_autofree char *async_path = NULL;
          g_autofree char *blocking_path = NULL;

          c->family = &families[i];
          c->protocol = protocol;
          g_ptr_array_add (cases, c);
          async_path = g_strdup_printf ("/shared-safety/resp%u/async/%s", protocol,
                                        families[i].name);
          blocking_path = g_strdup_printf ("/shared-safety/resp%u/blocking/%s", protocol,
                                           families[i].name);
          g_test_add_data_func (async_path, c, test_async);
          g_test_add_data_func (blocking_path, c, test_blocking);
          if (protocol == 2)
            {
              g_autofree char *pipeline_path = g_strdup_printf ("/shared-safety/pipeline/%s",
                                                                families[i].name);

              g_test_add_data_func (pipeline_path, c, test_pipeline_plain);
            }
        }
      g_test_add_data_func (allowed, GUINT_TO_POINTER (protocol), test_allowed);
      if (protocol == 2)
        g_test_add_data_func ("/shared-safety/wait-timeout", GUINT_TO_POINTER (protocol),
                              test_wait_timeout);
      g_test_add_data_func (transaction, GUINT_TO_POINTER (protocol), test_pipeline_transaction);
    }

  status = g_test_run ();

  gredis_test_server_stop (server);
  return status;
}
