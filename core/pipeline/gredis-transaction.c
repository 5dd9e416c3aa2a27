/* gredis-transaction.c: optimistic transactions with retries
 * (gredis_client_transaction_async()): WATCH, a read, MULTI … EXEC, all
 * again when a watched key changed
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-pipeline-private.h"
#include "gredis-sync-private.h"

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
  if (tx->pipeline != NULL)
    _gredis_pipeline_release_watch (tx->pipeline);
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
      GREDIS_DEBUG ("pipeline", "Transaction attempt %u of %u met a changed key: retrying",
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

  _gredis_pipeline_set_busy (tx->pipeline, FALSE);
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
      _gredis_pipeline_set_busy (tx->pipeline, TRUE);
      gredis_connection_send_command_async (_gredis_pipeline_get_watch_connection (tx->pipeline),
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
  _gredis_pipeline_set_close_watch (tx->pipeline, blocking);
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
  GredisSync sync;
  GredisPipeline *pipeline;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (watch_keys != NULL && watch_keys[0] != NULL, NULL);
  g_return_val_if_fail (max_attempts > 0, NULL);
  g_return_val_if_fail (func != NULL, NULL);
  g_return_val_if_fail (read_argv == NULL || read_argv[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gredis_sync_begin (&sync);
  transaction_start (client, watch_keys, read_argv, max_attempts, func, func_data, NULL, TRUE,
                     cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  pipeline = gredis_client_transaction_finish (client, sync.result, error);
  /* Lets the connections given back (UNWATCH, closes) finish. */
  gredis_sync_end (&sync);
  return pipeline;
}
