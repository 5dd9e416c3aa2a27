/* gredis-pipeline.c: batches of commands and MULTI/EXEC transactions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-retry-private.h"

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
 * A #GredisPipeline is meant for one thread at a time; its asynchronous
 * calls complete in the thread-default main context of the caller.
 * Queued commands are consumed by an execution; its results stay until
 * the next one or gredis_pipeline_reset().
 */

typedef struct
{
  guint argc;
  const char **argv;
  gsize *lengths;
  GredisScript *script;
} Command;

struct _GredisPipeline
{
  GObject parent_instance;

  GredisClient *client;
  gboolean transaction;

  GPtrArray *commands;         /* Command */
  GPtrArray *scripts;          /* GredisScript, distinct, to load first */

  GPtrArray *replies;          /* GredisReply or NULL, per command */
  GPtrArray *errors;           /* GError or NULL, per command */

  GredisConnection *watch_connection;
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

/* Commands are stored in one block each: the struct, the pointers, the
 * lengths and the bytes, each argument NUL-terminated. */
static Command *
command_new (guint                argc,
             const char * const  *argv,
             const gsize         *argv_lengths,
             GBytes * const      *args)
{
  gsize header = sizeof (Command) + argc * (sizeof (char *) + sizeof (gsize));
  gsize total = header;
  Command *command;
  char *data;

  for (guint i = 0; i < argc; i++)
    {
      gsize length;

      if (args != NULL)
        length = g_bytes_get_size (args[i]);
      else
        length = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
      total += length + 1;
    }

  command = g_malloc (total);
  command->argc = argc;
  command->argv = (const char **) (command + 1);
  command->lengths = (gsize *) (command->argv + argc);
  command->script = NULL;
  data = (char *) command + header;
  for (guint i = 0; i < argc; i++)
    {
      gconstpointer source;
      gsize length;

      if (args != NULL)
        source = g_bytes_get_data (args[i], &length);
      else
        {
          source = argv[i];
          length = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
        }
      if (length > 0)
        memcpy (data, source, length);
      data[length] = '\0';
      command->argv[i] = data;
      command->lengths[i] = length;
      data += length + 1;
    }
  return command;
}

static void
command_free (Command *command)
{
  g_clear_object (&command->script);
  g_free (command);
}

static void
clear_results (GredisPipeline *self)
{
  g_ptr_array_set_size (self->replies, 0);
  g_ptr_array_set_size (self->errors, 0);
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

  g_ptr_array_unref (self->commands);
  g_ptr_array_unref (self->scripts);
  g_ptr_array_unref (self->replies);
  g_ptr_array_unref (self->errors);
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
free_error (gpointer error)
{
  if (error != NULL)
    g_error_free (error);
}

static void
free_reply (gpointer reply)
{
  if (reply != NULL)
    gredis_reply_unref (reply);
}

static void
gredis_pipeline_init (GredisPipeline *self)
{
  self->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  self->scripts = g_ptr_array_new_with_free_func (g_object_unref);
  self->replies = g_ptr_array_new_with_free_func (free_reply);
  self->errors = g_ptr_array_new_with_free_func (free_error);
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
 * Returns: the number of commands queued for the next execution
 */
guint
gredis_pipeline_get_n_commands (GredisPipeline *pipeline)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);
  return pipeline->commands->len;
}

/* Queuing */

static guint
add_command (GredisPipeline *self,
             Command        *command)
{
  g_ptr_array_add (self->commands, command);
  return self->commands->len - 1;
}

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

  return add_command (pipeline, command_new (g_strv_length ((char **) argv), argv, NULL, NULL));
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

  return add_command (pipeline, command_new (argc, argv, argv_lengths, NULL));
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

  return add_command (pipeline, command_new (n_args, NULL, NULL, args));
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
  Command *command;

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

  command = command_new (argv->len, (const char * const *) argv->pdata, NULL, NULL);
  command->script = g_object_ref (script);
  if (!g_ptr_array_find (pipeline->scripts, script, NULL))
    g_ptr_array_add (pipeline->scripts, g_object_ref (script));
  return add_command (pipeline, command);
}

/**
 * gredis_pipeline_add_get:
 * @pipeline: a #GredisPipeline
 * @key: a key
 *
 * Queues `GET key`; its reply is a string, or nil when the key does not
 * exist.
 *
 * Returns: the index of the command's result
 */
guint
gredis_pipeline_add_get (GredisPipeline *pipeline,
                         const char     *key)
{
  const char *argv[] = { "GET", key, NULL };

  g_return_val_if_fail (key != NULL, 0);
  return gredis_pipeline_add_command (pipeline, argv);
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

/**
 * gredis_pipeline_add_incrby:
 * @pipeline: a #GredisPipeline
 * @key: a key
 * @increment: the amount to add
 *
 * Queues `INCRBY key increment`; its reply is the new value.
 *
 * Returns: the index of the command's result
 */
guint
gredis_pipeline_add_incrby (GredisPipeline *pipeline,
                            const char     *key,
                            gint64          increment)
{
  char number[32];
  const char *argv[] = { "INCRBY", key, number, NULL };

  g_return_val_if_fail (key != NULL, 0);
  g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, increment);
  return gredis_pipeline_add_command (pipeline, argv);
}

/**
 * gredis_pipeline_add_del:
 * @pipeline: a #GredisPipeline
 * @keys: (array zero-terminated=1): the keys to delete, at least one
 *
 * Queues `DEL key…`; its reply is the number of keys deleted.
 *
 * Returns: the index of the command's result
 */
guint
gredis_pipeline_add_del (GredisPipeline     *pipeline,
                         const char * const *keys)
{
  guint n_keys;
  g_autofree const char **argv = NULL;

  g_return_val_if_fail (keys != NULL && keys[0] != NULL, 0);

  n_keys = g_strv_length ((char **) keys);
  argv = g_new (const char *, n_keys + 1);
  argv[0] = "DEL";
  memcpy (argv + 1, keys, n_keys * sizeof (char *));
  return gredis_pipeline_add_command_argv (pipeline, n_keys + 1, argv, NULL);
}

/* Results */

/**
 * gredis_pipeline_get_n_results:
 * @pipeline: a #GredisPipeline
 *
 * Returns: the number of results of the last execution
 */
guint
gredis_pipeline_get_n_results (GredisPipeline *pipeline)
{
  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), 0);
  return pipeline->replies->len;
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
  GError *command_error;

  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (index >= pipeline->replies->len)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_FAILED,
                   _("The pipeline has no result %u: its last execution had %u commands."),
                   index, pipeline->replies->len);
      return NULL;
    }
  command_error = g_ptr_array_index (pipeline->errors, index);
  if (command_error != NULL)
    {
      g_propagate_error (error, g_error_copy (command_error));
      return NULL;
    }
  return gredis_reply_ref (g_ptr_array_index (pipeline->replies, index));
}

/* Watching */

static void
unwatch_done (GredisConnection *connection,
              GredisReply      *reply,
              const GError     *error,
              gpointer          user_data)
{
  GredisClient *client = user_data;

  _gredis_client_release_exclusive (client, g_object_ref (connection),
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
    _gredis_client_release_exclusive (self->client, connection, FALSE);
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

  g_ptr_array_set_size (pipeline->commands, 0);
  g_ptr_array_set_size (pipeline->scripts, 0);
  clear_results (pipeline);
  release_watch (pipeline, TRUE);
}

typedef struct
{
  char **keys;
  GredisConnection *connection;
} WatchData;

static void
watch_data_free (WatchData *data)
{
  g_strfreev (data->keys);
  g_clear_object (&data->connection);
  g_free (data);
}

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
  if (reply == NULL)
    {
      /* The connection's WATCH state is unknown now. */
      if (self->watch_connection == data->connection)
        release_watch (self, FALSE);
      g_task_return_error (task, error);
      return;
    }
  if (self->watch_connection == NULL)
    {
      self->watch_connection = g_steal_pointer (&data->connection);
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WATCHING]);
    }
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
watch_acquired (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisPipeline *self = g_task_get_source_object (task);
  WatchData *data = g_task_get_task_data (task);
  GError *error = NULL;

  data->connection = _gredis_client_acquire_exclusive_finish (GREDIS_CLIENT (source), result,
                                                              &error);
  if (data->connection == NULL)
    {
      self->busy = FALSE;
      g_task_return_error (task, error);
      return;
    }
  watch_send (task);
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
  g_task_set_task_data (task, data, (GDestroyNotify) watch_data_free);

  pipeline->busy = TRUE;
  if (pipeline->watch_connection != NULL)
    watch_send (task);
  else
    _gredis_client_acquire_exclusive_async (pipeline->client, cancellable, watch_acquired,
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
  GredisConnection *connection;
  gboolean exclusive;
  gboolean transaction;
  gboolean clean;

  GPtrArray *commands;
  GPtrArray *scripts;
  GError **script_errors;

  guint n_expected;
  guint n_received;

  GPtrArray *replies;
  GPtrArray *errors;
  GError *fatal;
  GSource *cancel_source;

  /* Plain pipelines send their lost read-only commands again: */
  GArray *round;               /* guint: the commands of this round, NULL: all */
  GArray *retry;               /* guint: the commands to send again */
  guint failures;              /* rounds lost so far */
  GredisRetryDelay delay;
  gboolean ready;              /* the connection was ready: bytes may have gone out */
  gulong state_id;
  GredisRetry *policy;         /* the client's, from the first failure */
  GSource *retry_source;
} Exec;

static void
exec_free (Exec *exec)
{
  if (exec->cancel_source != NULL)
    {
      g_source_destroy (exec->cancel_source);
      g_source_unref (exec->cancel_source);
    }
  for (guint i = 0; exec->script_errors != NULL && i < exec->scripts->len; i++)
    g_clear_error (&exec->script_errors[i]);
  g_free (exec->script_errors);
  g_ptr_array_unref (exec->commands);
  g_ptr_array_unref (exec->scripts);
  g_clear_pointer (&exec->replies, g_ptr_array_unref);
  g_clear_pointer (&exec->errors, g_ptr_array_unref);
  g_clear_error (&exec->fatal);
  g_clear_pointer (&exec->round, g_array_unref);
  g_clear_pointer (&exec->retry, g_array_unref);
  g_clear_object (&exec->policy);
  if (exec->retry_source != NULL)
    {
      g_source_destroy (exec->retry_source);
      g_source_unref (exec->retry_source);
    }
  g_clear_object (&exec->task);
  g_free (exec);
}

static GError *
watch_error (void)
{
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_WATCH,
                              _("A watched key changed: the transaction did not run."));
}

/* Gives every command that has no result yet a copy of @error. */
static void
fill_errors (Exec         *exec,
             const GError *error)
{
  for (guint i = 0; i < exec->commands->len; i++)
    if (g_ptr_array_index (exec->errors, i) == NULL &&
        g_ptr_array_index (exec->replies, i) == NULL)
      exec->errors->pdata[i] = g_error_copy (error);
}

/* The error of a command's error reply; NOSCRIPT after a failed load is
 * the load's error. */
static GError *
command_error (Exec        *exec,
               guint        index,
               GredisReply *reply)
{
  Command *command = g_ptr_array_index (exec->commands, index);
  GError *error = gredis_reply_to_error (reply);
  guint script_index;

  if (command->script != NULL &&
      g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_NOSCRIPT) &&
      g_ptr_array_find (exec->scripts, command->script, &script_index) &&
      exec->script_errors[script_index] != NULL)
    {
      g_error_free (error);
      error = g_error_copy (exec->script_errors[script_index]);
    }
  return error;
}

static void
exec_complete (Exec *exec)
{
  GredisPipeline *self = g_task_get_source_object (exec->task);
  GredisConnection *connection = g_steal_pointer (&exec->connection);

  if (connection != NULL && exec->state_id != 0)
    g_clear_signal_handler (&exec->state_id, connection);
  if (connection != NULL)
    {
      if (exec->exclusive)
        _gredis_client_release_exclusive (self->client, connection, exec->clean);
      else
        g_object_unref (connection);
    }

  self->busy = FALSE;
  if (g_task_get_completed (exec->task) || g_task_had_error (exec->task))
    {
      exec_free (exec);
      return;
    }

  g_ptr_array_unref (self->replies);
  g_ptr_array_unref (self->errors);
  self->replies = g_steal_pointer (&exec->replies);
  self->errors = g_steal_pointer (&exec->errors);

  if (exec->fatal != NULL)
    g_task_return_error (exec->task, g_steal_pointer (&exec->fatal));
  else
    g_task_return_boolean (exec->task, TRUE);
  exec_free (exec);
}

/* Plain pipelines: a command whose connection was lost, or that the
 * server refused without running it (LOADING …), is sent again when
 * _gredis_retry_decide() says so (refused, read-only or idempotent, or
 * the connection never became ready so none of its bytes went out); an
 * answered command keeps its reply, a write that may have reached the
 * server fails with GREDIS_ERROR_UNKNOWN_OUTCOME. The commands of one
 * round share one count. Transactions are never replayed. */

static gboolean
exec_lost (const GError *error)
{
  return g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION) ||
         g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
}

static void
exec_command_failed (Exec         *exec,
                     guint         index,
                     const GError *error)
{
  GredisPipeline *self = g_task_get_source_object (exec->task);
  Command *command = g_ptr_array_index (exec->commands, index);

  if (exec->policy == NULL)
    exec->policy = _gredis_client_ref_retry (self->client);
  switch (_gredis_retry_decide (exec->policy, error, !exec->ready, exec->failures, command->argc,
                                command->argv, command->lengths, NULL))
    {
    case GREDIS_RETRY_VERDICT_RETRY:
      if (exec->retry == NULL)
        exec->retry = g_array_new (FALSE, FALSE, sizeof (guint));
      g_array_append_val (exec->retry, index);
      break;
    case GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME:
      exec->errors->pdata[index] = _gredis_retry_unknown_outcome_error (command->argv[0],
                                                                         command->lengths[0],
                                                                         error);
      break;
    case GREDIS_RETRY_VERDICT_FAIL:
    default:
      exec->errors->pdata[index] = g_error_copy (error);
      break;
    }
}

static void
on_exec_state (GredisConnection *connection,
               GParamSpec       *pspec,
               gpointer          user_data)
{
  Exec *exec = user_data;

  if (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_READY)
    exec->ready = TRUE;
}

static void exec_send (Exec *exec);
static void exec_acquired (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data);

static gboolean
exec_retry_fire (gpointer user_data)
{
  Exec *exec = user_data;
  GredisPipeline *self = g_task_get_source_object (exec->task);
  GMainContext *context = g_task_get_context (exec->task);
  GError *error = NULL;

  g_clear_pointer (&exec->retry_source, g_source_unref);
  if (g_task_had_error (exec->task))
    {
      exec_complete (exec);
      return G_SOURCE_REMOVE;
    }
  for (guint i = 0; i < exec->scripts->len; i++)
    g_clear_error (&exec->script_errors[i]);
  g_debug ("Sending %u commands of a pipeline again (attempt %u)", exec->round->len,
           exec->failures + 1);

  if (exec->exclusive)
    {
      _gredis_client_acquire_exclusive_async (self->client, g_task_get_cancellable (exec->task),
                                              exec_acquired, exec);
      return G_SOURCE_REMOVE;
    }

  g_main_context_push_thread_default (context);
  exec->connection = gredis_client_get_connection (self->client, &error);
  g_main_context_pop_thread_default (context);
  if (exec->connection == NULL)
    {
      fill_errors (exec, error);
      g_error_free (error);
      exec_complete (exec);
    }
  else
    exec_send (exec);
  return G_SOURCE_REMOVE;
}

/* Gives the lost connection back and sends the commands of exec->retry
 * again after the backoff delay. */
static void
exec_schedule_retry (Exec *exec)
{
  GredisPipeline *self = g_task_get_source_object (exec->task);
  GredisConnection *connection = g_steal_pointer (&exec->connection);
  guint64 delay_us;

  exec->failures++;
  if (connection != NULL)
    {
      if (exec->state_id != 0)
        g_clear_signal_handler (&exec->state_id, connection);
      if (exec->exclusive)
        _gredis_client_release_exclusive (self->client, connection, FALSE);
      else
        g_object_unref (connection);
    }
  delay_us = _gredis_retry_delay_us (self->client, exec->policy, &exec->delay);

  g_clear_pointer (&exec->round, g_array_unref);
  exec->round = g_steal_pointer (&exec->retry);
  exec->retry_source = g_timeout_source_new ((guint) MIN (delay_us / 1000, G_MAXUINT));
  g_source_set_callback (exec->retry_source, exec_retry_fire, exec, NULL);
  g_source_set_static_name (exec->retry_source, "GredisPipeline retry");
  g_source_attach (exec->retry_source, g_task_get_context (exec->task));
}

static void
on_exec_reply (GredisConnection *connection,
               GredisReply      *reply,
               const GError     *error,
               gpointer          user_data)
{
  Exec *exec = user_data;
  guint position = exec->n_received++;
  guint n_scripts = exec->scripts->len;
  guint n_commands = exec->commands->len;
  guint n_sent = exec->round != NULL ? exec->round->len : n_commands;
  guint first_command = n_scripts + (exec->transaction ? 1 : 0);

  if (position < n_scripts)
    {
      if (error != NULL)
        exec->script_errors[position] = g_error_copy (error);
      else if (gredis_reply_is_error (reply))
        exec->script_errors[position] = gredis_reply_to_error (reply);
    }
  else if (position < first_command)
    {
      /* MULTI */
      if (error != NULL)
        exec->fatal = g_error_copy (error);
      else if (gredis_reply_is_error (reply))
        exec->fatal = gredis_reply_to_error (reply);
    }
  else if (position < first_command + n_sent)
    {
      guint i = position - first_command;

      if (exec->round != NULL)
        i = g_array_index (exec->round, guint, i);
      if (error != NULL && !exec->transaction)
        exec_command_failed (exec, i, error);
      else if (error != NULL)
        exec->errors->pdata[i] = g_error_copy (error);
      else if (gredis_reply_is_error (reply) && !exec->transaction)
        {
          g_autoptr(GError) refused = command_error (exec, i, reply);

          exec_command_failed (exec, i, refused);
        }
      else if (gredis_reply_is_error (reply))
        exec->errors->pdata[i] = command_error (exec, i, reply);
      else if (!exec->transaction)
        exec->replies->pdata[i] = gredis_reply_ref (reply);
      /* else +QUEUED */
    }
  else
    {
      /* EXEC */
      if (error != NULL && exec_lost (error))
        {
          /* Never replayed: the transaction may have run. */
          g_clear_error (&exec->fatal);
          exec->fatal = _gredis_retry_unknown_outcome_error ("EXEC", -1, error);
          for (guint i = 0; i < n_commands; i++)
            {
              Command *command = g_ptr_array_index (exec->commands, i);
              GError *queued = g_ptr_array_index (exec->errors, i);

              if (queued != NULL && !exec_lost (queued))
                continue;
              g_clear_error ((GError **) &exec->errors->pdata[i]);
              exec->errors->pdata[i] = _gredis_retry_unknown_outcome_error (command->argv[0],
                                                                             command->lengths[0],
                                                                             error);
            }
        }
      else if (error != NULL)
        {
          if (exec->fatal == NULL)
            exec->fatal = g_error_copy (error);
        }
      else if (gredis_reply_is_error (reply))
        {
          g_clear_error (&exec->fatal);
          exec->fatal = gredis_reply_to_error (reply);
          exec->clean = TRUE;
        }
      else if (gredis_reply_is_nil (reply))
        {
          g_clear_error (&exec->fatal);
          exec->fatal = watch_error ();
          exec->clean = TRUE;
        }
      else if (gredis_reply_get_n_elements (reply) != n_commands)
        {
          if (exec->fatal == NULL)
            exec->fatal = g_error_new (GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                                       _("The server answered EXEC with %u results for %u commands."),
                                       (guint) gredis_reply_get_n_elements (reply), n_commands);
        }
      else
        {
          exec->clean = TRUE;
          for (guint i = 0; i < n_commands; i++)
            {
              GredisReply *element = gredis_reply_get_element (reply, i);

              if (gredis_reply_is_error (element))
                exec->errors->pdata[i] = command_error (exec, i, element);
              else
                exec->replies->pdata[i] = gredis_reply_ref (element);
            }
        }
      if (exec->fatal != NULL)
        fill_errors (exec, exec->fatal);
    }

  if (exec->n_received == exec->n_expected)
    {
      if (exec->retry != NULL && exec->retry->len > 0 &&
          !g_task_get_completed (exec->task) && !g_task_had_error (exec->task))
        exec_schedule_retry (exec);
      else
        exec_complete (exec);
    }
}

static void
exec_send (Exec *exec)
{
  guint n_commands = exec->round != NULL ? exec->round->len : exec->commands->len;

  exec->n_received = 0;
  exec->n_expected = exec->scripts->len + n_commands + (exec->transaction ? 2 : 0);
  /* Until the connection is ready, its commands are held back: none of
   * their bytes can have reached the server. */
  exec->ready = gredis_connection_get_state (exec->connection) == GREDIS_CONNECTION_STATE_READY;
  if (!exec->ready)
    exec->state_id = g_signal_connect (exec->connection, "notify::state",
                                       G_CALLBACK (on_exec_state), exec);
  for (guint i = 0; i < exec->scripts->len; i++)
    {
      GBytes *source = gredis_script_get_source (g_ptr_array_index (exec->scripts, i));
      gsize size = 0;
      const char *data = g_bytes_get_data (source, &size);
      const char *argv[] = { "SCRIPT", "LOAD", data != NULL ? data : "" };
      gsize lengths[] = { 6, 4, size };

      gredis_connection_send_command_full (exec->connection, 3, argv, lengths, on_exec_reply,
                                           exec);
    }
  if (exec->transaction)
    {
      const char *argv[] = { "MULTI" };

      gredis_connection_send_command_full (exec->connection, 1, argv, NULL, on_exec_reply, exec);
    }
  for (guint i = 0; i < n_commands; i++)
    {
      guint index = exec->round != NULL ? g_array_index (exec->round, guint, i) : i;
      Command *command = g_ptr_array_index (exec->commands, index);

      gredis_connection_send_command_full (exec->connection, command->argc, command->argv,
                                           command->lengths, on_exec_reply, exec);
    }
  if (exec->transaction)
    {
      const char *argv[] = { "EXEC" };

      gredis_connection_send_command_full (exec->connection, 1, argv, NULL, on_exec_reply, exec);
    }
}

static void
exec_acquired (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Exec *exec = user_data;
  GError *error = NULL;

  exec->connection = _gredis_client_acquire_exclusive_finish (GREDIS_CLIENT (source), result,
                                                              &error);
  if (exec->connection == NULL)
    {
      GredisPipeline *self = g_task_get_source_object (exec->task);

      self->busy = FALSE;
      if (!g_task_get_completed (exec->task) && !g_task_had_error (exec->task))
        {
          fill_errors (exec, error);
          g_ptr_array_unref (self->replies);
          g_ptr_array_unref (self->errors);
          self->replies = g_steal_pointer (&exec->replies);
          self->errors = g_steal_pointer (&exec->errors);
          g_task_return_error (exec->task, error);
        }
      else
        g_error_free (error);
      exec_free (exec);
      return;
    }
  if (g_task_had_error (exec->task))
    {
      /* Cancelled while connecting: nothing was sent. */
      exec->clean = TRUE;
      exec_complete (exec);
      return;
    }
  exec_send (exec);
}

static gboolean
exec_cancelled (GCancellable *cancellable,
                gpointer      user_data)
{
  Exec *exec = user_data;
  GError *error = NULL;

  g_clear_pointer (&exec->cancel_source, g_source_unref);
  g_cancellable_set_error_if_cancelled (cancellable, &error);
  g_task_return_error (exec->task, error);
  if (exec->retry_source != NULL)
    {
      /* Waiting to send lost commands again: nothing is in flight. */
      g_source_destroy (exec->retry_source);
      g_clear_pointer (&exec->retry_source, g_source_unref);
      exec_complete (exec);
      return G_SOURCE_REMOVE;
    }

  /* The replies still come and are dropped; an exclusive connection in an
   * unknown state is closed rather than reused. */
  exec->clean = FALSE;
  return G_SOURCE_REMOVE;
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
  GMainContext *context;
  GError *error = NULL;
  Exec *exec;
  guint n_commands;

  g_return_if_fail (GREDIS_IS_PIPELINE (pipeline));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  exec = g_new0 (Exec, 1);
  exec->task = g_task_new (pipeline, cancellable, callback, user_data);
  g_task_set_source_tag (exec->task, gredis_pipeline_execute_async);

  if (pipeline->busy)
    {
      g_task_return_new_error (exec->task, G_IO_ERROR, G_IO_ERROR_PENDING, "%s",
                               _("The pipeline is already running an operation."));
      g_clear_object (&exec->task);
      g_free (exec);
      return;
    }

  context = g_main_context_get_thread_default ();
  if (context == NULL)
    context = g_main_context_default ();
  if (pipeline->watch_connection != NULL &&
      gredis_connection_get_context (pipeline->watch_connection) != context)
    {
      g_task_return_new_error (exec->task, GREDIS_ERROR, GREDIS_ERROR_FAILED, "%s",
                               _("The pipeline watches its keys on a connection of another main context."));
      g_clear_object (&exec->task);
      g_free (exec);
      return;
    }

  exec->commands = g_steal_pointer (&pipeline->commands);
  pipeline->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  exec->scripts = g_steal_pointer (&pipeline->scripts);
  pipeline->scripts = g_ptr_array_new_with_free_func (g_object_unref);
  exec->script_errors = g_new0 (GError *, exec->scripts->len + 1);
  n_commands = exec->commands->len;
  exec->replies = g_ptr_array_new_full (n_commands, free_reply);
  g_ptr_array_set_size (exec->replies, n_commands);
  exec->errors = g_ptr_array_new_full (n_commands, free_error);
  g_ptr_array_set_size (exec->errors, n_commands);
  exec->transaction = pipeline->transaction || pipeline->watch_connection != NULL;
  clear_results (pipeline);

  if (n_commands == 0 && !exec->transaction)
    {
      g_task_return_boolean (exec->task, TRUE);
      exec_free (exec);
      return;
    }

  pipeline->busy = TRUE;
  if (cancellable != NULL)
    {
      exec->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (exec->cancel_source, G_SOURCE_FUNC (exec_cancelled), exec, NULL);
      g_source_attach (exec->cancel_source, context);
    }

  if (pipeline->watch_connection != NULL)
    {
      /* EXEC ends the watch, whatever its outcome. */
      exec->connection = g_steal_pointer (&pipeline->watch_connection);
      exec->exclusive = TRUE;
      g_object_notify_by_pspec (G_OBJECT (pipeline), properties[PROP_WATCHING]);
      exec_send (exec);
    }
  else if (exec->transaction || pipeline->sync)
    {
      exec->exclusive = TRUE;
      _gredis_client_acquire_exclusive_async (pipeline->client, cancellable, exec_acquired, exec);
    }
  else
    {
      exec->connection = gredis_client_get_connection (pipeline->client, &error);
      if (exec->connection == NULL)
        {
          pipeline->busy = FALSE;
          fill_errors (exec, error);
          g_ptr_array_unref (pipeline->replies);
          g_ptr_array_unref (pipeline->errors);
          pipeline->replies = g_steal_pointer (&exec->replies);
          pipeline->errors = g_steal_pointer (&exec->errors);
          g_task_return_error (exec->task, error);
          exec_free (exec);
          return;
        }
      exec_send (exec);
    }
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

/* Blocking forms: the asynchronous code on the pipeline's private main
 * context, on exclusive connections bound to that context. */

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GMainContext *
sync_begin (GredisPipeline *self)
{
  if (self->sync_context == NULL)
    self->sync_context = g_main_context_new ();
  g_main_context_push_thread_default (self->sync_context);
  self->sync = TRUE;
  return self->sync_context;
}

static void
sync_wait (GredisPipeline  *self,
           GAsyncResult   **result)
{
  while (*result == NULL)
    g_main_context_iteration (self->sync_context, TRUE);
  /* Let the release of connections (UNWATCH replies, closes) run. */
  while (g_main_context_pending (self->sync_context))
    g_main_context_iteration (self->sync_context, FALSE);
  self->sync = FALSE;
  g_main_context_pop_thread_default (self->sync_context);
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
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), FALSE);
  g_return_val_if_fail (keys != NULL && keys[0] != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sync_begin (pipeline);
  gredis_pipeline_watch_async (pipeline, keys, cancellable, sync_done, &result);
  sync_wait (pipeline, &result);
  return gredis_pipeline_watch_finish (pipeline, result, error);
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
  g_autoptr(GAsyncResult) result = NULL;

  g_return_val_if_fail (GREDIS_IS_PIPELINE (pipeline), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  sync_begin (pipeline);
  gredis_pipeline_execute_async (pipeline, cancellable, sync_done, &result);
  sync_wait (pipeline, &result);
  return gredis_pipeline_execute_finish (pipeline, result, error);
}

/* Transactions with retries */

typedef struct
{
  GredisPipeline *pipeline;
  char **watch_keys;
  char **read_argv;
  guint max_attempts;
  guint attempt;
  GredisTransactionFunc func;
  gpointer func_data;
  GDestroyNotify func_destroy;
} Transaction;

static void
transaction_free (Transaction *tx)
{
  if (tx->func_destroy != NULL)
    tx->func_destroy (tx->func_data);
  if (tx->pipeline != NULL && !tx->pipeline->busy)
    release_watch (tx->pipeline, TRUE);
  g_clear_object (&tx->pipeline);
  g_strfreev (tx->watch_keys);
  g_strfreev (tx->read_argv);
  g_free (tx);
}

static void transaction_attempt (GTask *task);

static void
transaction_executed (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transaction *tx = g_task_get_task_data (task);
  GError *error = NULL;

  if (gredis_pipeline_execute_finish (tx->pipeline, result, &error))
    {
      g_task_return_pointer (task, g_object_ref (tx->pipeline), g_object_unref);
      return;
    }
  if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_WATCH) &&
      tx->attempt < tx->max_attempts)
    {
      g_debug ("Transaction attempt %u of %u met a changed key: retrying",
               tx->attempt, tx->max_attempts);
      g_error_free (error);
      transaction_attempt (task);
      return;
    }
  g_task_return_error (task, error);
}

static void
transaction_run_func (GTask       *task,
                      GredisReply *watched)
{
  Transaction *tx = g_task_get_task_data (task);
  GError *error = NULL;

  if (g_task_return_error_if_cancelled (task))
    return;
  if (!tx->func (tx->pipeline, watched, tx->func_data, &error))
    {
      if (error == NULL)
        error = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_FAILED,
                                     _("The transaction function gave up without an error."));
      gredis_pipeline_reset (tx->pipeline);
      g_task_return_error (task, error);
      return;
    }
  gredis_pipeline_execute_async (tx->pipeline, g_task_get_cancellable (task),
                                 transaction_executed, g_object_ref (task));
}

static void
transaction_read_done (GObject      *source,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transaction *tx = g_task_get_task_data (task);
  g_autoptr(GredisReply) reply = NULL;
  GError *error = NULL;

  tx->pipeline->busy = FALSE;
  reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source), result, &error);
  if (reply == NULL)
    {
      gredis_pipeline_reset (tx->pipeline);
      g_task_return_error (task, error);
      return;
    }
  transaction_run_func (task, reply);
}

static void
transaction_watched (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Transaction *tx = g_task_get_task_data (task);
  GError *error = NULL;

  if (!gredis_pipeline_watch_finish (tx->pipeline, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  if (tx->read_argv != NULL)
    {
      /* On the watching connection: what it reads is what EXEC checks. */
      tx->pipeline->busy = TRUE;
      gredis_connection_send_command_async (tx->pipeline->watch_connection,
                                            g_strv_length (tx->read_argv),
                                            (const char * const *) tx->read_argv, NULL,
                                            g_task_get_cancellable (task),
                                            transaction_read_done, g_object_ref (task));
      return;
    }
  transaction_run_func (task, NULL);
}

static void
transaction_attempt (GTask *task)
{
  Transaction *tx = g_task_get_task_data (task);

  tx->attempt++;
  gredis_pipeline_reset (tx->pipeline);
  gredis_pipeline_watch_async (tx->pipeline, (const char * const *) tx->watch_keys,
                               g_task_get_cancellable (task), transaction_watched,
                               g_object_ref (task));
}

static void
transaction_start (GredisClient          *client,
                   const char * const    *watch_keys,
                   const char * const    *read_argv,
                   guint                  max_attempts,
                   GredisTransactionFunc  func,
                   gpointer               func_data,
                   GDestroyNotify         func_destroy,
                   gboolean               blocking,
                   GCancellable          *cancellable,
                   GAsyncReadyCallback    callback,
                   gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  Transaction *tx;

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_client_transaction_async);
  tx = g_new0 (Transaction, 1);
  tx->pipeline = gredis_pipeline_new (client, TRUE);
  tx->pipeline->close_watch = blocking;
  tx->watch_keys = g_strdupv ((char **) watch_keys);
  tx->read_argv = g_strdupv ((char **) read_argv);
  tx->max_attempts = max_attempts;
  tx->func = func;
  tx->func_data = func_data;
  tx->func_destroy = func_destroy;
  g_task_set_task_data (task, tx, (GDestroyNotify) transaction_free);
  transaction_attempt (task);
}

/**
 * gredis_client_transaction_async:
 * @client: a #GredisClient
 * @watch_keys: (array zero-terminated=1): the keys the transaction
 *   depends on, at least one
 * @read_argv: (array zero-terminated=1) (nullable): a command that reads
 *   what the transaction depends on, such as `{ "GET", "balance", NULL }`
 *   or an `MGET`, sent after `WATCH` on the same connection; or %NULL
 * @max_attempts: how many times to try at most, at least 1
 * @func: (scope notified) (closure func_data) (destroy func_destroy):
 *   queues the commands of an attempt
 * @func_data: data for @func
 * @func_destroy: (nullable): frees @func_data when the transaction is over
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the transaction committed or
 *   failed
 * @user_data: data for @callback
 *
 * Runs an optimistic transaction: `WATCH` @watch_keys on an exclusive
 * connection, run @read_argv there, call @func with its reply to queue
 * the commands, and run them in `MULTI` … `EXEC`. When a watched key
 * changed in between, the whole attempt starts again, up to
 * @max_attempts times; the transaction then fails with
 * %GREDIS_ERROR_WATCH. @func is called in the thread-default main context
 * of the caller. Finish with gredis_client_transaction_finish().
 */
void
gredis_client_transaction_async (GredisClient          *client,
                                 const char * const    *watch_keys,
                                 const char * const    *read_argv,
                                 guint                  max_attempts,
                                 GredisTransactionFunc  func,
                                 gpointer               func_data,
                                 GDestroyNotify         func_destroy,
                                 GCancellable          *cancellable,
                                 GAsyncReadyCallback    callback,
                                 gpointer               user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (watch_keys != NULL && watch_keys[0] != NULL);
  g_return_if_fail (read_argv == NULL || read_argv[0] != NULL);
  g_return_if_fail (max_attempts > 0);
  g_return_if_fail (func != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  transaction_start (client, watch_keys, read_argv, max_attempts, func, func_data, func_destroy,
                     FALSE, cancellable, callback, user_data);
}

/**
 * gredis_client_transaction_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_transaction_async().
 *
 * Returns: (transfer full): the executed pipeline, whose results are
 *   those of the committed commands, or %NULL with an error
 */
GredisPipeline *
gredis_client_transaction_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, client), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gredis_client_transaction_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gredis_client_transaction:
 * @client: a #GredisClient
 * @watch_keys: (array zero-terminated=1): the keys the transaction
 *   depends on, at least one
 * @read_argv: (array zero-terminated=1) (nullable): a command that reads
 *   what the transaction depends on, or %NULL
 * @max_attempts: how many times to try at most, at least 1
 * @func: (scope call) (closure func_data): queues the commands of an
 *   attempt
 * @func_data: data for @func
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_client_transaction_async(); @func runs in
 * the calling thread.
 *
 * Returns: (transfer full): the executed pipeline, or %NULL with an error
 */
GredisPipeline *
gredis_client_transaction (GredisClient          *client,
                           const char * const    *watch_keys,
                           const char * const    *read_argv,
                           guint                  max_attempts,
                           GredisTransactionFunc  func,
                           gpointer               func_data,
                           GCancellable          *cancellable,
                           GError               **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  GredisPipeline *pipeline;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (watch_keys != NULL && watch_keys[0] != NULL, NULL);
  g_return_val_if_fail (max_attempts > 0, NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (read_argv == NULL || read_argv[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  context = g_main_context_new ();
  g_main_context_push_thread_default (context);
  transaction_start (client, watch_keys, read_argv, max_attempts, func, func_data, NULL, TRUE,
                     cancellable, sync_done, &result);
  while (result == NULL)
    g_main_context_iteration (context, TRUE);
  pipeline = gredis_client_transaction_finish (client, result, error);
  g_clear_object (&result);
  /* Let connections given back (UNWATCH, closes) finish. */
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);
  return pipeline;
}
