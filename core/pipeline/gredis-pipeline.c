/* gredis-pipeline.c: GredisPipeline, a batch of commands and its results
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-command-state-private.h"
#include "gredis-pipeline-private.h"
#include "gredis-pipeline-batch-private.h"
#include "gredis-pipeline-cluster-private.h"
#include "gredis-pipeline-group-private.h"
#include "gredis-pipeline-results-private.h"
#include "gredis-sync-private.h"
#include "gredis-client-private.h"
#include "gredis-router-private.h"

#include <string.h>

/**
 * GredisPipeline:
 *
 * A batch of commands sent together, with one result per command.
 *
 * Commands are queued with gredis_pipeline_add_command() and its forms
 * (argv, #GBytes, scripts, typed helpers such as gredis_pipeline_add_set());
 * each returns the index of its result. gredis_pipeline_execute_async()
 * sends the whole batch in one write and completes when every reply is in;
 * gredis_pipeline_get_reply() then gives each command's reply or error.
 * A failed command never hides the results of the others.
 *
 * ```c
 * g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
 *
 * gredis_pipeline_add_set (pipeline, "a", "1");
 * gredis_pipeline_add_incrby (pipeline, "a", 41);
 * gredis_pipeline_execute_async (pipeline, NULL, on_executed, NULL);
 * ```
 *
 * In transaction mode (#GredisPipeline:transaction) the batch is wrapped
 * in `MULTI` … `EXEC` and runs atomically on a connection of its own. A
 * command the server refuses at queue time (a wrong number of arguments,
 * an unknown command) gets that error as its result, and the server
 * aborts the whole transaction: every other command gets the
 * %GREDIS_ERROR_EXECABORT error, as gredis_pipeline_execute_finish()
 * does. Errors a command meets while the transaction runs
 * (%GREDIS_ERROR_WRONGTYPE …) are that command's result only.
 *
 * gredis_pipeline_watch_async() sends `WATCH` on an exclusive connection,
 * which the pipeline holds until the transaction ran (`EXEC`) or
 * gredis_pipeline_reset() (`UNWATCH`). If a watched key changed meanwhile
 * the transaction does not run and the execution fails with
 * %GREDIS_ERROR_WATCH. gredis_client_transaction_async() wraps that in a
 * retry loop.
 *
 * Scripts added with gredis_pipeline_add_script() are loaded (`SCRIPT
 * LOAD`) ahead of the batch, in the same write, so their `EVALSHA` never
 * fails with `NOSCRIPT`.
 *
 * Plain pipelines started from a main context go out on the client's
 * multiplexed connection of that context; transactions, watches and the
 * blocking gredis_pipeline_execute() use an exclusive connection. Blocking
 * commands in a pipeline are sent as they are: use the client for them.
 *
 * On a cluster client (a `redis+cluster://` URI, the `cluster` pool) the
 * batch is split by node: each command goes to the primary of its keys'
 * slot (commands without a key to one of the primaries), each node gets
 * its commands in one write, all nodes are written at once, and the
 * results come back in the order the commands were queued. Commands of
 * one plain pipeline may have keys in any slots; a command whose own keys
 * are in several slots fails with %GREDIS_ERROR_CROSSSLOT, unsent. A
 * command redirected by the cluster (a slot that moved: `MOVED`, `ASK`)
 * or refused for the moment (`TRYAGAIN`, `CLUSTERDOWN`) is sent again
 * alone, as gredis_client_command_async() sends it, following the
 * redirects, and its result put back in its place. When a connection to
 * a node fails, its commands that were not written, or that are
 * read-only, are sent again; a write that may have run fails with
 * %GREDIS_ERROR_UNKNOWN_OUTCOME and is never sent twice. A transaction
 * runs on the primary of its keys' slot: all its keys, and those it
 * watches, must be in one slot (give them one hash tag, such as
 * `{user1}:name` and `{user1}:email`), otherwise the execution fails with
 * %GREDIS_ERROR_CROSSSLOT before anything is sent. When the slot moved
 * just before the transaction, the server refuses it without running any
 * of it: it is sent once more to the slot's new node, or, when keys are
 * watched, the execution fails with %GREDIS_ERROR_WATCH, so that
 * gredis_client_transaction_async() starts again from the watch.
 *
 * Commands that change the state of their connection are refused as the
 * client refuses them (see #GredisClient): the execution fails with
 * %GREDIS_ERROR_CONNECTION_STATE before anything is sent, and every
 * command gets that error as its result. A transaction alone may hold
 * `SELECT`: its commands after it run in that database, and its
 * connection is closed afterwards rather than used again.
 *
 * A #GredisPipeline is meant for one thread at a time; its asynchronous
 * calls complete in the thread-default main context of the caller.
 * Queued commands are consumed by an execution; its results stay until
 * the next one or gredis_pipeline_reset().
 */

/* The batch holds the commands queued for the next execution; an
 * execution takes it and runs it as one group (gredis-pipeline-group.c),
 * whose executors write each reply into a results array at the index of
 * its command (gredis-pipeline-results.c); that array then replaces the
 * pipeline's. */
struct _GredisPipeline
{
  GObject parent_instance;

  GredisClient *client;
  gboolean transaction;

  GredisPipelineBatch *batch;
  GredisPipelineResults *results;  /* of the last execution, or NULL */

  GredisConnection *watch_connection;
  gint watch_slot;             /* on a cluster: the slot of the watched keys */
  GMainContext *sync_context;
  gboolean sync;
  gboolean busy;
  /* Give the watched connection back by closing it rather than with
   * UNWATCH, whose reply nobody may wait for (blocking transactions). */
  gboolean close_watch;
};

G_DEFINE_FINAL_TYPE (GredisPipeline, gredis_pipeline, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_TRANSACTION,
  PROP_WATCHING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
clear_results (GredisPipeline *self)
{
  g_clear_pointer (&self->results, _gredis_pipeline_results_free);
}

/* GObject */

static void
gredis_pipeline_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  GredisPipeline *self = GREDIS_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_TRANSACTION:
      g_value_set_boolean (value, self->transaction);
      break;
    case PROP_WATCHING:
      g_value_set_boolean (value, self->watch_connection != NULL);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_pipeline_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  GredisPipeline *self = GREDIS_PIPELINE (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_TRANSACTION:
      gredis_pipeline_set_transaction (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void release_watch (GredisPipeline *self,
                           gboolean        unwatch);

static void
gredis_pipeline_dispose (GObject *object)
{
  GredisPipeline *self = GREDIS_PIPELINE (object);

  release_watch (self, TRUE);

  G_OBJECT_CLASS (gredis_pipeline_parent_class)->dispose (object);
}

static void
gredis_pipeline_finalize (GObject *object)
{
  GredisPipeline *self = GREDIS_PIPELINE (object);

  _gredis_pipeline_batch_free (self->batch);
  clear_results (self);
  g_clear_pointer (&self->sync_context, g_main_context_unref);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (gredis_pipeline_parent_class)->finalize (object);
}

static void
gredis_pipeline_class_init (GredisPipelineClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gredis_pipeline_get_property;
  object_class->set_property = gredis_pipeline_set_property;
  object_class->dispose = gredis_pipeline_dispose;
  object_class->finalize = gredis_pipeline_finalize;

  /**
   * GredisPipeline:client:
   *
   * The client whose connections the pipeline uses.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GREDIS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisPipeline:transaction:
   *
   * Whether the batch runs as a transaction, wrapped in `MULTI` … `EXEC`.
   * A pipeline that watches keys always does.
   */
  properties[PROP_TRANSACTION] =
    g_param_spec_boolean ("transaction", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisPipeline:watching:
   *
   * Whether the pipeline holds a connection on which keys are watched.
   */
  properties[PROP_WATCHING] =
    g_param_spec_boolean ("watching", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gredis_pipeline_init (GredisPipeline *self)
{
  self->batch = _gredis_pipeline_batch_new ();
  self->watch_slot = GREDIS_POOL_NO_SLOT;
}

/**
 * gredis_pipeline_new:
 * @client: the client whose connections to use
 * @transaction: whether to run the batch as a `MULTI`/`EXEC` transaction
 *
 * Creates an empty pipeline.
 *
 * Returns: (transfer full): a new #GredisPipeline
 */
GredisPipeline *
gredis_pipeline_new (GredisClient *client,
                     gboolean      transaction)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);

  return g_object_new (GREDIS_TYPE_PIPELINE, "client", client, "transaction", transaction, NULL);
}

/**
 * gredis_pipeline_get_client:
 * @pipeline: a #GredisPipeline
 *
 * Gets the client the pipeline sends its commands through.
 *
 * Returns: (transfer none): the client of @pipeline
 */
GredisClient *
gredis_pipeline_get_client (GredisPipeline *pipeline)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), NULL);
  return pipeline->client;
}

/**
 * gredis_pipeline_get_transaction:
 * @pipeline: a #GredisPipeline
 *
 * Gets whether the pipeline wraps its batch in `MULTI` and `EXEC`.
 *
 * Returns: whether the batch runs as a transaction
 */
gboolean
gredis_pipeline_get_transaction (GredisPipeline *pipeline)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), FALSE);
  return pipeline->transaction;
}

/**
 * gredis_pipeline_set_transaction:
 * @pipeline: a #GredisPipeline
 * @transaction: whether to run the batch as a transaction
 *
 * Sets #GredisPipeline:transaction. It applies to the next execution.
 */
void
gredis_pipeline_set_transaction (GredisPipeline *pipeline,
                                 gboolean        transaction)
{
  g_return_if_fail (GREDIS_IS_PIPELINE (pipeline));

  transaction = !!transaction;
  if (pipeline->transaction == transaction)
    return;
  pipeline->transaction = transaction;
  g_object_notify_by_pspec (G_OBJECT (pipeline), properties[PROP_TRANSACTION]);
}

/**
 * gredis_pipeline_get_watching:
 * @pipeline: a #GredisPipeline
 *
 * Gets whether the pipeline holds a connection on which keys are watched
 * with `WATCH`.
 *
 * Returns: whether @pipeline holds a connection with watched keys
 */
gboolean
gredis_pipeline_get_watching (GredisPipeline *pipeline)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), FALSE);
  return pipeline->watch_connection != NULL;
}

/**
 * gredis_pipeline_get_n_commands:
 * @pipeline: a #GredisPipeline
 *
 * Gets the number of commands queued and not yet executed.
 *
 * Returns: the number of commands queued for the next execution
 */
guint
gredis_pipeline_get_n_commands (GredisPipeline *pipeline)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);
  return _gredis_pipeline_batch_get_n_commands (pipeline->batch);
}

/* Queuing */

/**
 * gredis_pipeline_add_command:
 * @pipeline: a #GredisPipeline
 * @argv: (array zero-terminated=1): the command and its arguments
 *
 * Queues a command. The arguments are copied.
 *
 * Returns: the index of the command's result
 */
guint
gredis_pipeline_add_command (GredisPipeline     *pipeline,
                             const char * const *argv)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, 0);

  return _gredis_pipeline_batch_add (pipeline->batch, g_strv_length ((char **) argv), argv, NULL,
                                     NULL, NULL);
}

/**
 * gredis_pipeline_add_command_argv:
 * @pipeline: a #GredisPipeline
 * @argc: the number of arguments, at least 1
 * @argv: (array length=argc): the command and its arguments
 * @argv_lengths: (array length=argc) (nullable): the length of each
 *   argument, for binary-safe arguments, or %NULL when every argument is
 *   a NUL-terminated string
 *
 * Queues a command given with a count and optional lengths.
 *
 * Returns: the index of the command's result
 */
guint
gredis_pipeline_add_command_argv (GredisPipeline     *pipeline,
                                  guint               argc,
                                  const char * const *argv,
                                  const gsize        *argv_lengths)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);
  g_return_val_if_fail (argc > 0 && argv != NULL, 0);

  return _gredis_pipeline_batch_add (pipeline->batch, argc, argv, argv_lengths, NULL, NULL);
}

/**
 * gredis_pipeline_add_command_bytes:
 * @pipeline: a #GredisPipeline
 * @args: (array length=n_args): the command and its arguments, binary safe
 * @n_args: the number of arguments, at least 1
 *
 * Queues a command given as #GBytes.
 *
 * Returns: the index of the command's result
 */
guint
gredis_pipeline_add_command_bytes (GredisPipeline *pipeline,
                                   GBytes * const *args,
                                   guint           n_args)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);
  g_return_val_if_fail (n_args > 0 && args != NULL, 0);

  return _gredis_pipeline_batch_add (pipeline->batch, n_args, NULL, NULL, args, NULL);
}

/**
 * gredis_pipeline_add_script:
 * @pipeline: a #GredisPipeline
 * @script: a #GredisScript
 * @keys: (array zero-terminated=1) (nullable): the script's `KEYS`
 * @args: (array zero-terminated=1) (nullable): the script's `ARGV`
 *
 * Queues an `EVALSHA` of @script. The script is loaded before the batch
 * runs.
 *
 * Returns: the index of the command's result
 */
guint
gredis_pipeline_add_script (GredisPipeline     *pipeline,
                            GredisScript       *script,
                            const char * const *keys,
                            const char * const *args)
{
  guint n_keys, n_args;
  g_autoptr(GPtrArray) argv = NULL;
  char numkeys[16];

  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);
  g_return_val_if_fail (GREDIS_IS_SCRIPT (script), 0);

  n_keys = keys != NULL ? g_strv_length ((char **) keys) : 0;
  n_args = args != NULL ? g_strv_length ((char **) args) : 0;
  argv = g_ptr_array_sized_new (3 + n_keys + n_args);
  g_snprintf (numkeys, sizeof numkeys, "%u", n_keys);
  g_ptr_array_add (argv, (gpointer) "EVALSHA");
  g_ptr_array_add (argv, (gpointer) gredis_script_get_sha1 (script));
  g_ptr_array_add (argv, numkeys);
  for (guint i = 0; i < n_keys; i++)
    g_ptr_array_add (argv, (gpointer) keys[i]);
  for (guint i = 0; i < n_args; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);

  return _gredis_pipeline_batch_add (pipeline->batch, argv->len,
                                     (const char * const *) argv->pdata, NULL, NULL, script);
}

/**
 * gredis_pipeline_add_set:
 * @pipeline: a #GredisPipeline
 * @key: a key
 * @value: its new value
 *
 * Queues `SET key value`.
 *
 * Returns: the index of the command's result
 */
guint
gredis_pipeline_add_set (GredisPipeline *pipeline,
                         const char     *key,
                         const char     *value)
{
  const char *argv[] = { "SET", key, value, NULL };

  g_return_val_if_fail (key != NULL && value != NULL, 0);
  return gredis_pipeline_add_command (pipeline, argv);
}

/* Results */

/**
 * gredis_pipeline_get_n_results:
 * @pipeline: a #GredisPipeline
 *
 * Gets the number of results the last execution of the pipeline gave.
 *
 * Returns: the number of results of the last execution
 */
guint
gredis_pipeline_get_n_results (GredisPipeline *pipeline)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);
  return pipeline->results != NULL ? pipeline->results->n_slots : 0;
}

/**
 * gredis_pipeline_get_reply:
 * @pipeline: a #GredisPipeline
 * @index: the index returned when the command was queued
 * @error: return location for a #GError
 *
 * Returns the result of a command of the last execution: its reply, or
 * the error it met (a server error reply becomes a %GREDIS_ERROR error
 * with the server's text).
 *
 * Returns: (transfer full): the reply, or %NULL with an error
 */
GredisReply *
gredis_pipeline_get_reply (GredisPipeline  *pipeline,
                           guint            index,
                           GError         **error)
{
  guint n_results;

  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  n_results = gredis_pipeline_get_n_results (pipeline);
  if (index >= n_results)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_FAILED,
                   _("The pipeline has no result %u: its last execution had %u commands."),
                   index, n_results);
      return NULL;
    }
  return _gredis_pipeline_results_get (pipeline->results, index, error);
}

/* Watching */

static void
unwatch_done (GredisConnection *connection,
              GredisReply      *reply,
              const GError     *error,
              gpointer          user_data)
{
  GredisClient *client = user_data;

  _gredis_pipeline_release (client, g_object_ref (connection), TRUE,
                            error == NULL && !gredis_reply_is_error (reply));
  g_object_unref (connection);
  g_object_unref (client);
}

/* Gives the watched connection back, after UNWATCH when @unwatch. */
static void
release_watch (GredisPipeline *self,
               gboolean        unwatch)
{
  GredisConnection *connection = g_steal_pointer (&self->watch_connection);

  self->watch_slot = GREDIS_POOL_NO_SLOT;
  if (connection == NULL)
    return;
  /* A connection of the private context of the blocking calls would only
   * get the UNWATCH reply during the next blocking call, if any. */
  if (unwatch && !self->close_watch &&
      gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED &&
      (self->sync || gredis_connection_get_context (connection) != self->sync_context))
    {
      const char *argv[] = { "UNWATCH" };

      /* The callback owns @connection until the reply. */
      gredis_connection_send_command_full (connection, 1, argv, NULL, unwatch_done,
                                           g_object_ref (self->client));
    }
  else
    _gredis_pipeline_release (self->client, connection, TRUE, FALSE);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHING]);
}

/**
 * gredis_pipeline_reset:
 * @pipeline: a #GredisPipeline
 *
 * Drops the queued commands and the results of the last execution, and
 * stops watching keys (`UNWATCH`), giving the exclusive connection back.
 * Not allowed while an execution runs.
 */
void
gredis_pipeline_reset (GredisPipeline *pipeline)
{
  g_return_if_fail (GREDIS_IS_PIPELINE (pipeline));
  g_return_if_fail (!pipeline->busy);

  _gredis_pipeline_batch_clear (pipeline->batch);
  clear_results (pipeline);
  release_watch (pipeline, TRUE);
}

typedef struct
{
  char **keys;
  GredisConnection *connection;
  gint slot;
  gboolean rerouted;           /* acquired again after a MOVED */
} WatchData;

static void
watch_data_free (WatchData *data)
{
  g_strfreev (data->keys);
  g_clear_object (&data->connection);
  g_free (data);
}

static void watch_acquired (GredisConnection *connection,
                            GError           *error,
                            gpointer          user_data);

static void
watch_reply_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisPipeline *self = g_task_get_source_object (task);
  WatchData *data = g_task_get_task_data (task);
  g_autoptr(GredisReply) reply = NULL;
  GError *error = NULL;

  self->busy = FALSE;
  reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source), result, &error);
  if (reply == NULL && self->watch_connection == NULL && !data->rerouted &&
      _gredis_router_follow_moved (_gredis_client_get_router (self->client), error))
    {
      /* The slot moved: nothing is watched on this node; watch on the
       * slot's new one, once. */
      GREDIS_DEBUG ("pipeline", "Watching again after a redirect: %s", error->message);
      g_error_free (error);
      _gredis_pipeline_release (self->client, g_steal_pointer (&data->connection), TRUE, TRUE);
      data->rerouted = TRUE;
      self->busy = TRUE;
      _gredis_pipeline_acquire (self->client, TRUE, data->slot, g_task_get_cancellable (task),
                                watch_acquired, g_object_ref (task));
      return;
    }
  if (reply == NULL)
    {
      /* The connection's WATCH state is unknown now: the one watching
       * already, or the one acquired for this watch, is closed. */
      if (data->connection == NULL)
        release_watch (self, FALSE);
      else
        _gredis_pipeline_release (self->client, g_steal_pointer (&data->connection), TRUE, FALSE);
      g_task_return_error (task, error);
      return;
    }
  if (self->watch_connection == NULL)
    {
      self->watch_connection = g_steal_pointer (&data->connection);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHING]);
    }
  if (data->slot != GREDIS_POOL_NO_SLOT)
    self->watch_slot = data->slot;
  g_task_return_boolean (task, TRUE);
}

static void
watch_send (GTask *task)
{
  GredisPipeline *self = g_task_get_source_object (task);
  WatchData *data = g_task_get_task_data (task);
  guint n_keys = g_strv_length (data->keys);
  g_autofree const char **argv = g_new (const char *, n_keys + 1);

  argv[0] = "WATCH";
  memcpy (argv + 1, data->keys, n_keys * sizeof (char *));
  gredis_connection_send_command_async (self->watch_connection != NULL
                                          ? self->watch_connection : data->connection,
                                        n_keys + 1, argv, NULL,
                                        g_task_get_cancellable (task),
                                        watch_reply_done, g_object_ref (task));
}

static void
watch_acquired (GredisConnection *connection,
                GError           *error,
                gpointer          user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisPipeline *self = g_task_get_source_object (task);
  WatchData *data = g_task_get_task_data (task);

  data->connection = connection;
  if (data->connection == NULL)
    {
      self->busy = FALSE;
      g_task_return_error (task, error);
      return;
    }
  watch_send (task);
}

/* On a cluster: the slot of the keys to watch, which must be that of the
 * keys watched already (the transaction runs on one node). */
static gboolean
watch_slot (GredisPipeline  *self,
            WatchData       *data,
            GError         **error)
{
  GredisRouter *router = _gredis_client_get_router (self->client);
  guint n_keys;
  g_autofree const char **argv = NULL;

  if (G_LIKELY (!_gredis_router_routes_by_slot (router)))
    return TRUE;
  n_keys = g_strv_length (data->keys);
  argv = g_new (const char *, n_keys + 1);
  argv[0] = "WATCH";
  memcpy (argv + 1, data->keys, n_keys * sizeof (char *));
  if (!_gredis_router_command_slot (router, n_keys + 1, argv, NULL, NULL, &data->slot, error))
    return FALSE;
  if (self->watch_connection != NULL && self->watch_slot != GREDIS_POOL_NO_SLOT &&
      data->slot != self->watch_slot)
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT,
                           _("The keys to watch are in another slot of the cluster than those watched already, so they were not watched: give the keys of a transaction the same hash tag."));
      return FALSE;
    }
  return TRUE;
}

/**
 * gredis_pipeline_watch_async:
 * @pipeline: a #GredisPipeline
 * @keys: (array zero-terminated=1): the keys to watch, at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called once the keys are watched
 * @user_data: data for @callback
 *
 * Watches keys (`WATCH`) on an exclusive connection that the pipeline
 * holds until its next execution, which then runs as a transaction, or
 * until gredis_pipeline_reset(). If any watched key changes before that
 * transaction runs, it does not run and fails with %GREDIS_ERROR_WATCH.
 * May be called again to watch more keys. Finish with
 * gredis_pipeline_watch_finish().
 */
void
gredis_pipeline_watch_async (GredisPipeline      *pipeline,
                             const char * const  *keys,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  WatchData *data;
  GError *error = NULL;

  g_return_if_fail (GREDIS_IS_PIPELINE (pipeline));
  g_return_if_fail (keys != NULL && keys[0] != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (pipeline, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_pipeline_watch_async);
  if (pipeline->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("The pipeline is already running an operation."));
      return;
    }
  data = g_new0 (WatchData, 1);
  data->keys = g_strdupv ((char **) keys);
  data->slot = GREDIS_POOL_NO_SLOT;
  g_task_set_task_data (task, data, (GDestroyNotify) watch_data_free);

  if (!watch_slot (pipeline, data, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  pipeline->busy = TRUE;
  if (pipeline->watch_connection != NULL)
    watch_send (task);
  else
    _gredis_pipeline_acquire (pipeline->client, TRUE, data->slot, cancellable, watch_acquired,
                              g_object_ref (task));
}

/**
 * gredis_pipeline_watch_finish:
 * @pipeline: a #GredisPipeline
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_pipeline_watch_async().
 *
 * Returns: %TRUE when the keys are watched
 */
gboolean
gredis_pipeline_watch_finish (GredisPipeline  *pipeline,
                              GAsyncResult    *result,
                              GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, pipeline), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gredis_pipeline_watch_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Execution */
typedef struct
{
  GTask *task;
  GredisPipelineBatch *batch;
  GredisPipelineResults *results;
  GSource *cancel_source;

  /* A transaction on a cluster: its slot, whether it was watched, and
   * whether it was sent again after a MOVED. */
  gint slot;
  GredisPipelineExecutorFlags flags;
  gboolean watched;
  gboolean rerouted;
} Execution;

static void
execution_free (Execution *execution)
{
  if (execution->cancel_source != NULL)
    {
      g_source_destroy (execution->cancel_source);
      g_source_unref (execution->cancel_source);
    }
  g_clear_pointer (&execution->results, _gredis_pipeline_results_free);
  g_clear_pointer (&execution->batch, _gredis_pipeline_batch_free);
  g_object_unref (execution->task);
  g_free (execution);
}

static void
execution_group_done (const GError *error,
                      gpointer      user_data)
{
  Execution *execution = user_data;
  GredisPipeline *self = g_task_get_source_object (execution->task);
  GError *batch_error;

  if (!_gredis_pipeline_results_end_group (execution->results, error))
    return;

  self->busy = FALSE;
  if (g_task_get_completed (execution->task) || g_task_had_error (execution->task))
    {
      /* Cancelled: the results are dropped. */
      execution_free (execution);
      return;
    }
  batch_error = g_steal_pointer (&execution->results->error);
  clear_results (self);
  self->results = g_steal_pointer (&execution->results);
  if (batch_error != NULL)
    g_task_return_error (execution->task, batch_error);
  else
    g_task_return_boolean (execution->task, TRUE);
  execution_free (execution);
}

/* A transaction on a cluster that the server refused because its slot
 * moved: the MOVED of one of its commands, or NULL. */
static const GError *
find_moved (GredisPipelineResults *results)
{
  for (guint i = 0; i < results->n_slots; i++)
    {
      const GError *error = _gredis_pipeline_results_peek_error (results, i);

      if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_MOVED))
        return error;
    }
  return NULL;
}

/* A transaction refused with EXECABORT after a MOVED did not run: the
 * map is patched and it goes once more to the slot's new node, unless
 * its keys were watched on the old one: then it fails as a watch that
 * saw a change, for the caller to watch again. */
static void
cluster_transaction_done (const GError *error,
                          gpointer      user_data)
{
  Execution *execution = user_data;
  GredisPipeline *self = g_task_get_source_object (execution->task);
  const GError *moved;
  g_autoptr(GError) watch_error = NULL;

  if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_EXECABORT) && !execution->rerouted &&
      !g_task_get_completed (execution->task) && !g_task_had_error (execution->task) &&
      (moved = find_moved (execution->results)) != NULL &&
      _gredis_router_follow_moved (_gredis_client_get_router (self->client), moved))
    {
      if (execution->watched)
        {
          watch_error = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_WATCH,
                                             _("The slot of the watched keys moved to another node of the cluster: the transaction did not run."));
          execution_group_done (watch_error, execution);
          return;
        }
      GREDIS_DEBUG ("pipeline", "Sending a transaction again to the new node of its slot: %s", moved->message);
      execution->rerouted = TRUE;
      _gredis_pipeline_results_clear (execution->results);
      g_main_context_push_thread_default (g_task_get_context (execution->task));
      _gredis_pipeline_group_run (self->client, NULL, TRUE, execution->slot, execution->batch,
                                  NULL, execution->results->n_slots, execution->flags,
                                  execution->results, g_task_get_cancellable (execution->task),
                                  cluster_transaction_done, execution);
      g_main_context_pop_thread_default (g_task_get_context (execution->task));
      return;
    }
  execution_group_done (error, execution);
}

/* The commands in flight still get their replies, read and dropped by
 * the group, which gives its connection back when they are in. */
static gboolean
execution_cancelled (GCancellable *cancellable,
                     gpointer      user_data)
{
  Execution *execution = user_data;
  GError *error = NULL;

  g_clear_pointer (&execution->cancel_source, g_source_unref);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  g_task_return_error (execution->task, error);
  return G_SOURCE_REMOVE;
}

/* Commands that would change the state of their connection: none on the
 * shared connection; in a transaction, whose connection is its own, SELECT
 * (the connection is then closed rather than used again). */
static gboolean
check_state (GredisPipelineBatch          *batch,
             GredisPipelineExecutorFlags  *flags,
             GError                      **error)
{
  guint n = _gredis_pipeline_batch_get_n_commands (batch);

  for (guint i = 0; i < n; i++)
    {
      const GredisPipelineCommand *command = _gredis_pipeline_batch_get_command (batch, i);
      GredisCommandState state = _gredis_command_get_state (command->argc, command->argv,
                                                            command->lengths, NULL, NULL);

      if (G_LIKELY (state == GREDIS_COMMAND_STATE_NONE))
        continue;
      if ((*flags & GREDIS_PIPELINE_EXECUTOR_TRANSACTION) &&
          state == GREDIS_COMMAND_STATE_DATABASE)
        {
          *flags |= GREDIS_PIPELINE_EXECUTOR_CHANGES_STATE;
          continue;
        }
      return _gredis_command_check_state (command->argc, command->argv, command->lengths, NULL,
                                          error);
    }
  return TRUE;
}

/**
 * gredis_pipeline_execute_async:
 * @pipeline: a #GredisPipeline
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when every command has its result
 * @user_data: data for @callback
 *
 * Sends the queued commands in one batch, after the `SCRIPT LOAD` of its
 * scripts, wrapped in `MULTI` … `EXEC` in transaction mode or when keys
 * are watched. The queue is emptied; the results replace those of the
 * previous execution. Finish with gredis_pipeline_execute_finish(), then
 * read each result with gredis_pipeline_get_reply().
 */
void
gredis_pipeline_execute_async (GredisPipeline      *pipeline,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  GMainContext *context;
  GredisConnection *connection = NULL;
  GredisPipelineExecutorFlags flags = GREDIS_PIPELINE_EXECUTOR_NONE;
  gboolean exclusive;
  Execution *execution;
  GError *error = NULL;
  guint n_commands;
  gboolean cluster;
  gint slot = GREDIS_POOL_NO_SLOT;

  g_return_if_fail (GREDIS_IS_PIPELINE (pipeline));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (pipeline, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_pipeline_execute_async);

  if (pipeline->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("The pipeline is already running an operation."));
      return;
    }

  context = g_main_context_get_thread_default ();
  if (context == NULL)
    context = g_main_context_default ();
  if (pipeline->watch_connection != NULL &&
      gredis_connection_get_context (pipeline->watch_connection) != context)
    {
      g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_FAILED, "%s",
                               _("The pipeline watches its keys on a connection of another main context."));
      return;
    }

  if (pipeline->transaction || pipeline->watch_connection != NULL)
    flags |= GREDIS_PIPELINE_EXECUTOR_TRANSACTION;
  clear_results (pipeline);
  n_commands = _gredis_pipeline_batch_get_n_commands (pipeline->batch);
  if (!check_state (pipeline->batch, &flags, &error))
    {
      /* Nothing is sent; every command gets the error as its result. */
      pipeline->results = _gredis_pipeline_results_new (n_commands);
      _gredis_pipeline_results_fill (pipeline->results, NULL, n_commands, error);
      _gredis_pipeline_batch_clear (pipeline->batch);
      g_task_return_error (task, error);
      return;
    }
  if (n_commands == 0 && !(flags & GREDIS_PIPELINE_EXECUTOR_TRANSACTION))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }
  cluster = _gredis_router_routes_by_slot (_gredis_client_get_router (pipeline->client));
  if (G_UNLIKELY (cluster) && (flags & GREDIS_PIPELINE_EXECUTOR_TRANSACTION) &&
      !_gredis_pipeline_cluster_transaction_slot (pipeline->client, pipeline->batch,
                                                  pipeline->watch_slot, &slot, &error))
    {
      /* Nothing is sent; every command gets the error as its result. */
      pipeline->results = _gredis_pipeline_results_new (n_commands);
      _gredis_pipeline_results_fill (pipeline->results, NULL, n_commands, error);
      _gredis_pipeline_batch_clear (pipeline->batch);
      g_task_return_error (task, error);
      return;
    }

  execution = g_new0 (Execution, 1);
  execution->task = g_steal_pointer (&task);
  execution->batch = g_steal_pointer (&pipeline->batch);
  pipeline->batch = _gredis_pipeline_batch_new ();
  execution->results = _gredis_pipeline_results_new (n_commands);

  pipeline->busy = TRUE;
  if (cancellable != NULL)
    {
      execution->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (execution->cancel_source, G_SOURCE_FUNC (execution_cancelled),
                             execution, NULL);
      g_source_attach (execution->cancel_source, context);
    }

  if (pipeline->watch_connection != NULL)
    {
      /* EXEC ends the watch, whatever its outcome. */
      connection = g_steal_pointer (&pipeline->watch_connection);
      pipeline->watch_slot = GREDIS_POOL_NO_SLOT;
      exclusive = TRUE;
      g_object_notify_by_pspec (G_OBJECT (pipeline), properties[PROP_WATCHING]);
    }
  else
    exclusive = (flags & GREDIS_PIPELINE_EXECUTOR_TRANSACTION) || pipeline->sync;

  _gredis_pipeline_results_begin_group (execution->results);
  if (G_UNLIKELY (cluster))
    {
      if (!(flags & GREDIS_PIPELINE_EXECUTOR_TRANSACTION))
        {
          /* Split by node; one group for the merge. */
          _gredis_pipeline_cluster_run (pipeline->client, exclusive, execution->batch, flags,
                                        execution->results, cancellable, execution_group_done,
                                        execution);
          return;
        }
      /* On the primary of its slot. */
      execution->slot = slot;
      execution->flags = flags;
      execution->watched = connection != NULL;
      _gredis_pipeline_group_run (pipeline->client, connection, TRUE, slot, execution->batch,
                                  NULL, n_commands, flags, execution->results, cancellable,
                                  cluster_transaction_done, execution);
      return;
    }
  /* One group: the whole batch, on one connection at a time. The group
   * may be done, and @execution freed, before this returns. */
  _gredis_pipeline_group_run (pipeline->client, connection, exclusive, GREDIS_POOL_NO_SLOT,
                              execution->batch, NULL,
                              n_commands, flags, execution->results, cancellable,
                              execution_group_done, execution);
}

/**
 * gredis_pipeline_execute_finish:
 * @pipeline: a #GredisPipeline
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_pipeline_execute_async(). A plain pipeline succeeds
 * even when some of its commands failed: look at each result. A
 * transaction fails as a whole with %GREDIS_ERROR_EXECABORT when the
 * server refused one of its commands at queue time, or with
 * %GREDIS_ERROR_WATCH when a watched key changed; every command's result
 * then says so too.
 *
 * Returns: %TRUE when the batch ran, %FALSE with an error
 */
gboolean
gredis_pipeline_execute_finish (GredisPipeline  *pipeline,
                                GAsyncResult    *result,
                                GError         **error)
{
  g_return_val_if_fail (g_task_is_valid (result, pipeline), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gredis_pipeline_execute_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Blocking forms: the asynchronous code run by GredisSync on the
 * pipeline's private main context, always the same one, so that a
 * blocking watch and the blocking execution after it share their
 * exclusive connection. */

static void
sync_begin (GredisPipeline *self,
            GredisSync     *sync)
{
  if (self->sync_context == NULL)
    self->sync_context = g_main_context_new ();
  gredis_sync_begin_on (sync, self->sync_context);
  self->sync = TRUE;
}

static void
sync_end (GredisPipeline *self,
          GredisSync     *sync)
{
  /* Lets the release of connections (UNWATCH replies, closes) run. */
  gredis_sync_end (sync);
  self->sync = FALSE;
}

/**
 * gredis_pipeline_watch:
 * @pipeline: a #GredisPipeline
 * @keys: (array zero-terminated=1): the keys to watch, at least one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pipeline_watch_async(). Execute the
 * transaction with gredis_pipeline_execute() then.
 *
 * Returns: %TRUE when the keys are watched
 */
gboolean
gredis_pipeline_watch (GredisPipeline      *pipeline,
                       const char * const  *keys,
                       GCancellable        *cancellable,
                       GError             **error)
{
  GredisSync sync;
  gboolean watched;

  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), FALSE);
  g_return_val_if_fail (keys != NULL && keys[0] != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sync_begin (pipeline, &sync);
  gredis_pipeline_watch_async (pipeline, keys, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  watched = gredis_pipeline_watch_finish (pipeline, sync.result, error);
  sync_end (pipeline, &sync);
  return watched;
}

/**
 * gredis_pipeline_execute:
 * @pipeline: a #GredisPipeline
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pipeline_execute_async(): safe from any
 * thread, needs no running main loop; the batch runs on an exclusive
 * connection.
 *
 * Returns: %TRUE when the batch ran, %FALSE with an error
 */
gboolean
gredis_pipeline_execute (GredisPipeline  *pipeline,
                         GCancellable    *cancellable,
                         GError         **error)
{
  GredisSync sync;
  gboolean ran;

  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sync_begin (pipeline, &sync);
  gredis_pipeline_execute_async (pipeline, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  ran = gredis_pipeline_execute_finish (pipeline, sync.result, error);
  sync_end (pipeline, &sync);
  return ran;
}

/* For transactions (gredis-transaction.c) */

void
_gredis_pipeline_set_close_watch (GredisPipeline *pipeline,
                                  gboolean        close_watch)
{
  pipeline->close_watch = close_watch;
}

GredisConnection *
_gredis_pipeline_get_watch_connection (GredisPipeline *pipeline)
{
  return pipeline->watch_connection;
}

void
_gredis_pipeline_set_busy (GredisPipeline *pipeline,
                           gboolean        busy)
{
  pipeline->busy = busy;
}

void
_gredis_pipeline_release_watch (GredisPipeline *pipeline)
{
  if (!pipeline->busy)
    release_watch (pipeline, TRUE);
}
