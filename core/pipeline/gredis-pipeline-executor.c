/* gredis-pipeline-executor.c: part of a batch run on one connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-pipeline-executor-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-connection-private.h"

struct _GredisPipelineExecutor
{
  GredisConnection *connection;
  const GredisPipelineBatch *batch;
  GredisPipelineResults *results;
  const guint *indices;        /* NULL: every command, in order */
  guint n_indices;
  gboolean transaction;
  gboolean redirects;          /* GREDIS_PIPELINE_EXECUTOR_REDIRECTS */
  gboolean failed;             /* a reply did not come: the connection failed */
  guint failures;
  GredisRetry *retry_policy;   /* the client's */
  GredisPipelineExecutorFunc callback;
  gpointer user_data;

  guint n_expected;
  guint n_received;
  GError **script_errors;      /* per script of the batch, NULL without scripts */
  GError *error;
  GArray *retry;               /* guint: the commands to send again */
  GError *retry_error;         /* why the first of them is sent again */
  gboolean clean;
  gboolean ready;              /* the connection was ready: bytes may have gone out */
  gulong state_id;
};

static inline guint
executor_index (GredisPipelineExecutor *self,
                guint                   i)
{
  return self->indices != NULL ? self->indices[i] : i;
}

static GError *
watch_error (void)
{
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_WATCH,
                              _("A watched key changed: the transaction did not run."));
}

static gboolean
lost (const GError *error)
{
  return g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION) ||
         g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
}

/* The error of a command's error reply; NOSCRIPT after a failed load is
 * the load's error. */
static GError *
command_error (GredisPipelineExecutor *self,
               guint                   index,
               GredisReply            *reply)
{
  const GredisPipelineCommand *command = _gredis_pipeline_batch_get_command (self->batch, index);
  GError *error = gredis_reply_to_error (reply);
  guint script_index;

  if (command->script != NULL &&
      g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_NOSCRIPT) &&
      g_ptr_array_find (self->batch->scripts, command->script, &script_index) &&
      self->script_errors[script_index] != NULL)
    {
      g_error_free (error);
      error = g_error_copy (self->script_errors[script_index]);
    }
  return error;
}

static void
add_retry (GredisPipelineExecutor *self,
           guint                   index)
{
  if (self->retry == NULL)
    self->retry = g_array_new (FALSE, FALSE, sizeof (guint));
  g_array_append_val (self->retry, index);
}

/* A refusal of the cluster: the command did not run, and the router
 * knows where to send it. */
static gboolean
is_redirect (const GError *error)
{
  return error->domain == GREDIS_ERROR &&
         (error->code == GREDIS_ERROR_MOVED || error->code == GREDIS_ERROR_ASK ||
          error->code == GREDIS_ERROR_TRYAGAIN || error->code == GREDIS_ERROR_CLUSTERDOWN);
}

/* A plain round's command whose connection was lost, or that the server
 * refused without running it (LOADING …), is sent again when
 * _gredis_retry_decide() says so (refused, read-only or idempotent, or
 * the connection never became ready so none of its bytes went out); a
 * write that may have reached the server fails with
 * GREDIS_ERROR_UNKNOWN_OUTCOME. The commands of one round share one
 * count. */
static void
command_failed (GredisPipelineExecutor *self,
                guint                   index,
                const GError           *error)
{
  const GredisPipelineCommand *command = _gredis_pipeline_batch_get_command (self->batch, index);

  switch (_gredis_retry_decide (self->retry_policy, error, !self->ready, self->failures,
                                command->argc, command->argv, command->lengths, NULL))
    {
    case GREDIS_RETRY_VERDICT_RETRY:
      add_retry (self, index);
      if (self->retry_error == NULL)
        self->retry_error = g_error_copy (error);
      break;
    case GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME:
      _gredis_pipeline_results_take_error (self->results, index,
                                           _gredis_retry_unknown_outcome_error (command->argv[0],
                                                                                command->lengths[0],
                                                                                error));
      break;
    case GREDIS_RETRY_VERDICT_FAIL:
    default:
      _gredis_pipeline_results_take_error (self->results, index, g_error_copy (error));
      break;
    }
}

static void
on_state (GredisConnection *connection,
          GParamSpec       *pspec,
          gpointer          user_data)
{
  GredisPipelineExecutor *self = user_data;

  if (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_READY)
    self->ready = TRUE;
}

static void
set_error (GredisPipelineExecutor *self,
           GError                 *error)
{
  g_clear_error (&self->error);
  self->error = error;
}

static void
on_exec (GredisPipelineExecutor *self,
         GredisReply            *reply,
         const GError           *error)
{
  GredisPipelineResults *results = self->results;

  if (error != NULL && lost (error))
    {
      /* Never replayed: the transaction may have run. */
      set_error (self, _gredis_retry_unknown_outcome_error ("EXEC", -1, error));
      for (guint i = 0; i < self->n_indices; i++)
        {
          guint index = executor_index (self, i);
          const GredisPipelineCommand *command;
          const GError *queued = _gredis_pipeline_results_peek_error (results, index);

          if (queued != NULL && !lost (queued))
            continue;
          command = _gredis_pipeline_batch_get_command (self->batch, index);
          _gredis_pipeline_results_take_error (results, index,
                                               _gredis_retry_unknown_outcome_error (command->argv[0],
                                                                                    command->lengths[0],
                                                                                    error));
        }
    }
  else if (error != NULL)
    {
      if (self->error == NULL)
        self->error = g_error_copy (error);
    }
  else if (gredis_reply_is_error (reply))
    {
      set_error (self, gredis_reply_to_error (reply));
      self->clean = TRUE;
    }
  else if (gredis_reply_is_nil (reply))
    {
      set_error (self, watch_error ());
      self->clean = TRUE;
    }
  else if (gredis_reply_get_n_elements (reply) != self->n_indices)
    {
      if (self->error == NULL)
        self->error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                                   _("The server answered EXEC with %u results for %u commands."),
                                   (guint) gredis_reply_get_n_elements (reply), self->n_indices);
    }
  else
    {
      self->clean = TRUE;
      for (guint i = 0; i < self->n_indices; i++)
        {
          GredisReply *element = gredis_reply_get_element (reply, i);
          guint index = executor_index (self, i);

          if (gredis_reply_is_error (element))
            _gredis_pipeline_results_take_error (results, index,
                                                 command_error (self, index, element));
          else
            _gredis_pipeline_results_set_reply (results, index, element);
        }
    }
  if (self->error != NULL)
    _gredis_pipeline_results_fill (results, self->indices, self->n_indices, self->error);
}

static void
on_reply (GredisConnection *connection,
          GredisReply      *reply,
          const GError     *error,
          gpointer          user_data)
{
  GredisPipelineExecutor *self = user_data;
  guint position = self->n_received++;
  guint n_scripts = self->batch->scripts->len;
  guint first_command = n_scripts + (self->transaction ? 1 : 0);

  if (error != NULL)
    self->failed = TRUE;
  if (position < n_scripts)
    {
      if (error != NULL)
        self->script_errors[position] = g_error_copy (error);
      else if (gredis_reply_is_error (reply))
        self->script_errors[position] = gredis_reply_to_error (reply);
    }
  else if (position < first_command)
    {
      /* MULTI */
      if (error != NULL)
        self->error = g_error_copy (error);
      else if (gredis_reply_is_error (reply))
        self->error = gredis_reply_to_error (reply);
    }
  else if (position < first_command + self->n_indices)
    {
      guint index = executor_index (self, position - first_command);

      if (error != NULL && !self->transaction)
        command_failed (self, index, error);
      else if (error != NULL)
        _gredis_pipeline_results_take_error (self->results, index, g_error_copy (error));
      else if (gredis_reply_is_error (reply) && !self->transaction)
        {
          g_autoptr(GError) refused = command_error (self, index, reply);

          if (self->redirects && is_redirect (refused))
            {
              _gredis_pipeline_results_take_error (self->results, index,
                                                   g_steal_pointer (&refused));
              add_retry (self, index);
            }
          else
            command_failed (self, index, refused);
        }
      else if (gredis_reply_is_error (reply))
        _gredis_pipeline_results_take_error (self->results, index,
                                             command_error (self, index, reply));
      else if (!self->transaction)
        _gredis_pipeline_results_set_reply (self->results, index, reply);
      /* else +QUEUED */
    }
  else
    on_exec (self, reply, error);

  if (self->n_received == self->n_expected)
    {
      /* Every reply of a plain round read: nothing is left pending. */
      if (!self->transaction && !self->failed)
        self->clean = TRUE;
      if (self->state_id != 0)
        g_clear_signal_handler (&self->state_id, self->connection);
      self->callback (self, self->user_data);
    }
}

void
_gredis_pipeline_executor_run (GredisConnection            *connection,
                               const GredisPipelineBatch   *batch,
                               const guint                 *indices,
                               guint                        n_indices,
                               GredisPipelineExecutorFlags  flags,
                               guint                        failures,
                               GredisRetry                 *retry,
                               GredisPipelineResults       *results,
                               GredisPipelineExecutorFunc   callback,
                               gpointer                     user_data)
{
  GredisPipelineExecutor *self;
  guint n_scripts = batch->scripts->len;

  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  g_return_if_fail (indices != NULL || n_indices == _gredis_pipeline_batch_get_n_commands (batch));
  g_return_if_fail (results->n_slots == _gredis_pipeline_batch_get_n_commands (batch));
  g_return_if_fail (n_indices > 0 || (flags & GREDIS_PIPELINE_EXECUTOR_TRANSACTION));
  g_return_if_fail (callback != NULL);

  self = g_new0 (GredisPipelineExecutor, 1);
  self->connection = g_object_ref (connection);
  self->batch = batch;
  self->results = results;
  self->indices = indices;
  self->n_indices = n_indices;
  self->transaction = (flags & GREDIS_PIPELINE_EXECUTOR_TRANSACTION) != 0;
  self->redirects = (flags & GREDIS_PIPELINE_EXECUTOR_REDIRECTS) != 0 && !self->transaction;
  self->failures = failures;
  self->retry_policy = g_object_ref (retry);
  self->callback = callback;
  self->user_data = user_data;
  if (n_scripts > 0)
    self->script_errors = g_new0 (GError *, n_scripts);

  self->n_expected = n_scripts + n_indices + (self->transaction ? 2 : 0);
  /* Until the connection is ready, its commands are held back: none of
   * their bytes can have reached the server. */
  self->ready = gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_READY;
  if (!self->ready)
    self->state_id = g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), self);

  /* For the observers: every command of the batch carries its size, and
   * the round's attempt (2 for the first round sent again). */
  _gredis_connection_set_batch (connection, (guint) self->n_expected, failures + 1);
  for (guint i = 0; i < n_scripts; i++)
    {
      GBytes *source = gredis_script_get_source (g_ptr_array_index (batch->scripts, i));
      gsize size = 0;
      const char *data = g_bytes_get_data (source, &size);
      const char *argv[] = { "SCRIPT", "LOAD", data != NULL ? data : "" };
      gsize lengths[] = { 6, 4, size };

      gredis_connection_send_command_full (connection, 3, argv, lengths, on_reply, self);
    }
  if (self->transaction)
    {
      const char *argv[] = { "MULTI" };

      gredis_connection_send_command_full (connection, 1, argv, NULL, on_reply, self);
    }
  for (guint i = 0; i < n_indices; i++)
    {
      const GredisPipelineCommand *command;

      command = _gredis_pipeline_batch_get_command (batch, executor_index (self, i));
      gredis_connection_send_command_full (connection, command->argc, command->argv,
                                           command->lengths, on_reply, self);
    }
  if (self->transaction)
    {
      const char *argv[] = { "EXEC" };

      gredis_connection_send_command_full (connection, 1, argv, NULL, on_reply, self);
    }
  _gredis_connection_set_batch (connection, 0, 1);
}

void
_gredis_pipeline_executor_free (GredisPipelineExecutor *self)
{
  guint n_scripts = self->batch->scripts->len;

  if (self->state_id != 0)
    g_clear_signal_handler (&self->state_id, self->connection);
  for (guint i = 0; self->script_errors != NULL && i < n_scripts; i++)
    g_clear_error (&self->script_errors[i]);
  g_free (self->script_errors);
  g_clear_error (&self->error);
  g_clear_pointer (&self->retry, g_array_unref);
  g_clear_error (&self->retry_error);
  g_object_unref (self->retry_policy);
  g_object_unref (self->connection);
  g_free (self);
}

const GError *
_gredis_pipeline_executor_get_error (GredisPipelineExecutor *self)
{
  return self->error;
}

GArray *
_gredis_pipeline_executor_steal_retry (GredisPipelineExecutor *self)
{
  return g_steal_pointer (&self->retry);
}

const GError *
_gredis_pipeline_executor_get_retry_error (GredisPipelineExecutor *self)
{
  return self->retry_error;
}

gboolean
_gredis_pipeline_executor_get_clean (GredisPipelineExecutor *self)
{
  return self->clean;
}
