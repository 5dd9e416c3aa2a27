/* gredis-pipeline-group.c: part of a batch run on a client's
 * connections, and the pipeline's one way to get them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-pipeline-group-private.h"
#include "gredis-client-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-observers-private.h"

/* Acquisition */

typedef struct
{
  GredisRouter *router;
  GredisPipelineAcquireFunc callback;
  gpointer user_data;
} Acquisition;

static void
exclusive_acquired (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  Acquisition *acquisition = user_data;
  GredisConnection *connection;
  GError *error = NULL;

  connection = _gredis_router_acquire_exclusive_finish (acquisition->router, result, &error);
  acquisition->callback (connection, error, acquisition->user_data);
  g_free (acquisition);
}

void
_gredis_pipeline_acquire (GredisClient              *client,
                          gboolean                   exclusive,
                          gint                       slot,
                          GCancellable              *cancellable,
                          GredisPipelineAcquireFunc  callback,
                          gpointer                   user_data)
{
  GredisRouter *router = _gredis_client_get_router (client);
  GredisConnection *connection;
  GError *error = NULL;

  if (exclusive)
    {
      Acquisition *acquisition = g_new (Acquisition, 1);

      acquisition->router = router;
      acquisition->callback = callback;
      acquisition->user_data = user_data;
      _gredis_router_acquire_exclusive_at_async (router, slot, NULL, cancellable,
                                                 exclusive_acquired, acquisition);
      return;
    }
  if (G_UNLIKELY (slot != GREDIS_POOL_NO_SLOT))
    connection = _gredis_router_get_shared_for_slot (router, slot, &error);
  else
    connection = _gredis_router_get_shared (router, &error);
  callback (connection, error, user_data);
}

void
_gredis_pipeline_release (GredisClient     *client,
                          GredisConnection *connection,
                          gboolean          exclusive,
                          gboolean          reusable)
{
  if (exclusive)
    _gredis_router_release_exclusive (_gredis_client_get_router (client), connection, reusable);
  else
    g_object_unref (connection);
}

/* Groups */

typedef struct
{
  GredisClient *client;
  GMainContext *context;
  GredisConnection *connection;
  gboolean exclusive;
  gint slot;
  const GredisPipelineBatch *batch;
  GredisPipelineResults *results;
  GredisPipelineExecutorFlags flags;
  GCancellable *cancellable;
  GredisPipelineGroupFunc callback;
  gpointer user_data;

  /* The commands of this round: the caller's, then those sent again. */
  const guint *indices;
  guint n_indices;
  GArray *round;

  guint failures;              /* rounds lost so far */
  GredisRetryDelay delay;
  GredisRetry *retry;          /* the client's */
  GSource *retry_source;
  GSource *cancel_source;
} Group;

static void
group_finish (Group        *group,
              const GError *error)
{
  group->callback (error, group->user_data);

  g_assert (group->connection == NULL);
  g_assert (group->retry_source == NULL && group->cancel_source == NULL);
  g_clear_pointer (&group->round, g_array_unref);
  g_clear_object (&group->retry);
  g_clear_object (&group->cancellable);
  g_main_context_unref (group->context);
  g_object_unref (group->client);
  g_free (group);
}

/* Ends the group with @error given to each command of the round that has
 * no result. */
static void
group_fail (Group        *group,
            const GError *error,
            gboolean      whole)
{
  _gredis_pipeline_results_fill (group->results, group->indices, group->n_indices, error);
  group_finish (group, whole ? error : NULL);
}

static void
group_fail_cancelled (Group *group)
{
  g_autoptr(GError) error = NULL;

  g_cancellable_set_error_if_cancelled (group->cancellable, &error);
  group_fail (group, error, TRUE);
}

static void
stop_waiting (Group *group)
{
  if (group->retry_source != NULL)
    {
      g_source_destroy (group->retry_source);
      g_clear_pointer (&group->retry_source, g_source_unref);
    }
  if (group->cancel_source != NULL)
    {
      g_source_destroy (group->cancel_source);
      g_clear_pointer (&group->cancel_source, g_source_unref);
    }
}

static void group_acquired (GredisConnection *connection,
                            GError           *error,
                            gpointer          user_data);

static gboolean
group_retry_fire (gpointer user_data)
{
  Group *group = user_data;

  stop_waiting (group);
  if (g_cancellable_is_cancelled (group->cancellable))
    {
      group_fail_cancelled (group);
      return G_SOURCE_REMOVE;
    }
  GREDIS_DEBUG ("pipeline", "Sending %u commands of a pipeline again (attempt %u)", group->n_indices,
                group->failures + 1);
  /* A source's callback runs without its context being thread-default:
   * push it, for the connection to belong to it. */
  g_main_context_push_thread_default (group->context);
  _gredis_pipeline_acquire (group->client, group->exclusive, group->slot, group->cancellable,
                            group_acquired, group);
  g_main_context_pop_thread_default (group->context);
  return G_SOURCE_REMOVE;
}

static gboolean
group_retry_cancelled (GCancellable *cancellable,
                       gpointer      user_data)
{
  Group *group = user_data;

  stop_waiting (group);
  group_fail_cancelled (group);
  return G_SOURCE_REMOVE;
}

/* For the observers: the round of the commands at @indices is sent again
 * after @delay_us, because of @error. One retry for the round, named as
 * OpenTelemetry names a batch: its command's name when it is one, else
 * `BATCH GET` when all are GETs, else `BATCH`. */
static void
observe_round_retry (GredisRouter              *router,
                     const GredisPipelineBatch *batch,
                     const guint               *indices,
                     guint                      n_indices,
                     guint                      attempt,
                     guint64                    delay_us,
                     const GError              *error)
{
  GredisObservers *observers = _gredis_router_get_observers (router);
  const GredisPipelineCommand *first;
  const char *name;

  if (G_LIKELY (observers == NULL))
    return;
  first = _gredis_pipeline_batch_get_command (batch, indices[0]);
  for (guint i = 1; i < n_indices; i++)
    {
      const GredisPipelineCommand *command = _gredis_pipeline_batch_get_command (batch, indices[i]);

      if (command->lengths[0] != first->lengths[0] ||
          g_ascii_strncasecmp (command->argv[0], first->argv[0], first->lengths[0]) != 0)
        {
          first = NULL;
          break;
        }
    }
  name = _gredis_observers_batch_name (first != NULL ? first->argv[0] : NULL,
                                       first != NULL ? first->lengths[0] : 0, n_indices);
  _gredis_observers_retry_decided (observers, name, attempt,
                                   (gint64) MIN (delay_us, G_MAXINT64), error);
}

/* Gives the lost connection back and runs the commands of @retry again
 * after the backoff delay; @error is why (for the observers). */
static void
group_schedule_retry (Group        *group,
                      GArray       *retry,
                      const GError *error)
{
  GredisConnection *connection = g_steal_pointer (&group->connection);
  GredisRouter *router = _gredis_client_get_router (group->client);
  guint64 delay_us;

  group->failures++;
  _gredis_pipeline_release (group->client, connection, group->exclusive, FALSE);
  delay_us = _gredis_retry_delay_us (router, group->retry, &group->delay);

  g_clear_pointer (&group->round, g_array_unref);
  group->round = retry;
  group->indices = (const guint *) retry->data;
  group->n_indices = retry->len;
  observe_round_retry (router, group->batch, group->indices, group->n_indices,
                       group->failures + 1, delay_us, error);

  group->retry_source = g_timeout_source_new ((guint) MIN (delay_us / 1000, G_MAXUINT));
  g_source_set_callback (group->retry_source, group_retry_fire, group, NULL);
  g_source_set_static_name (group->retry_source, "GredisPipeline retry");
  g_source_attach (group->retry_source, group->context);
  if (group->cancellable != NULL)
    {
      group->cancel_source = g_cancellable_source_new (group->cancellable);
      g_source_set_callback (group->cancel_source, G_SOURCE_FUNC (group_retry_cancelled), group,
                             NULL);
      g_source_attach (group->cancel_source, group->context);
    }
}

static void
group_round_done (GredisPipelineExecutor *executor,
                  gpointer                user_data)
{
  Group *group = user_data;
  g_autoptr(GError) error = NULL;
  GArray *retry = _gredis_pipeline_executor_steal_retry (executor);
  gboolean cancelled = g_cancellable_is_cancelled (group->cancellable);
  gboolean reusable = _gredis_pipeline_executor_get_clean (executor) && !cancelled &&
                      !(group->flags & GREDIS_PIPELINE_EXECUTOR_CHANGES_STATE);

  if (_gredis_pipeline_executor_get_error (executor) != NULL)
    error = g_error_copy (_gredis_pipeline_executor_get_error (executor));

  if (retry != NULL && !cancelled)
    {
      group_schedule_retry (group, retry, _gredis_pipeline_executor_get_retry_error (executor));
      _gredis_pipeline_executor_free (executor);
      return;
    }
  _gredis_pipeline_executor_free (executor);
  g_clear_pointer (&retry, g_array_unref);
  /* The replies of a cancelled round were read and dropped; an exclusive
   * connection in an unknown state is closed rather than reused. */
  _gredis_pipeline_release (group->client, g_steal_pointer (&group->connection), group->exclusive,
                            reusable);
  if (cancelled)
    {
      /* The commands to send again have no result. */
      g_clear_error (&error);
      group_fail_cancelled (group);
    }
  else
    group_finish (group, error);
}

static void
group_send (Group *group)
{
  if (group->retry == NULL)
    group->retry = _gredis_router_ref_retry (_gredis_client_get_router (group->client));
  _gredis_pipeline_executor_run (group->connection, group->batch, group->indices,
                                 group->n_indices, group->flags, group->failures, group->retry,
                                 group->results, group_round_done, group);
}

static void
group_acquired (GredisConnection *connection,
                GError           *error,
                gpointer          user_data)
{
  Group *group = user_data;

  if (connection == NULL)
    {
      /* Lost commands of a plain pipeline that cannot be sent again fail
       * one by one; the batch still ran. */
      group_fail (group, error, group->failures == 0 || group->exclusive);
      g_error_free (error);
      return;
    }
  group->connection = connection;
  if (g_cancellable_is_cancelled (group->cancellable))
    {
      /* Cancelled while connecting: nothing was sent. */
      _gredis_pipeline_release (group->client, g_steal_pointer (&group->connection),
                                group->exclusive, TRUE);
      group_fail_cancelled (group);
      return;
    }
  group_send (group);
}

void
_gredis_pipeline_group_run (GredisClient                *client,
                            GredisConnection            *connection,
                            gboolean                     exclusive,
                            gint                         slot,
                            const GredisPipelineBatch   *batch,
                            const guint                 *indices,
                            guint                        n_indices,
                            GredisPipelineExecutorFlags  flags,
                            GredisPipelineResults       *results,
                            GCancellable                *cancellable,
                            GredisPipelineGroupFunc      callback,
                            gpointer                     user_data)
{
  Group *group;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (connection == NULL || GREDIS_IS_CONNECTION (connection));
  g_return_if_fail (indices != NULL || n_indices == _gredis_pipeline_batch_get_n_commands (batch));
  g_return_if_fail (callback != NULL);

  group = g_new0 (Group, 1);
  group->client = g_object_ref (client);
  group->context = g_main_context_ref_thread_default ();
  group->exclusive = exclusive;
  group->slot = slot;
  group->batch = batch;
  group->results = results;
  group->indices = indices;
  group->n_indices = n_indices;
  group->flags = flags;
  group->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  group->callback = callback;
  group->user_data = user_data;

  if (connection != NULL)
    {
      group->connection = connection;
      group_send (group);
    }
  else
    _gredis_pipeline_acquire (client, exclusive, slot, cancellable, group_acquired, group);
}
