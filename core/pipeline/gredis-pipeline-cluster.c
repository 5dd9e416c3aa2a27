/* gredis-pipeline-cluster.c: a plain batch split by node of a cluster,
 * its results merged in the caller's order
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-pipeline-cluster-private.h"
#include "gredis-client-private.h"
#include "gredis-router-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-key-slot-private.h"
#include "gredis-command-table-private.h"

/* A run has three steps. The plan: the slot of each command, then, under
 * one look at the pool's slot map, its node; the commands are sorted by
 * node into one array (a counting sort, stable, so that each node gets
 * its commands in the caller's order), one part per node. Commands that
 * the command tips send elsewhere than to one node (to every primary,
 * every node, or split by slot: DBSIZE, SCRIPT LOAD, an MSET over several
 * slots) are put in no part but sent alone through the router with the
 * second chances, so that its fan-out applies. The rounds: each part takes a connection to the node of one of its slots and runs
 * an executor round, all of them queued before the main loop runs again.
 * The second chances: the commands the rounds list to send again go
 * alone through the router (_gredis_router_send_shared(), or
 * _gredis_router_send_sync() in the blocking form), which owns every
 * redirect rule. The allocations are per run and per node, none per
 * command. */

typedef struct _Run Run;

/* In Run.slots, besides the slots and GREDIS_KEY_SLOT_NONE/CROSS. */
#define SLOT_ALONE (-3)

typedef struct
{
  Run *run;
  gint slot;                   /* the slot to acquire its connection for */
  const guint *indices;        /* into run->indices */
  guint n_indices;
  GredisConnection *connection;
  gboolean exclusive;
} Part;

struct _Run
{
  GredisClient *client;
  GredisRouter *router;        /* the client's */
  GMainContext *context;
  gboolean exclusive;
  const GredisPipelineBatch *batch;
  GredisPipelineExecutorFlags flags;
  GredisPipelineResults *results;
  GCancellable *cancellable;
  GredisPipelineGroupFunc callback;
  gpointer user_data;
  GredisRetry *retry;

  gint *slots;                 /* per command; GREDIS_KEY_SLOT_CROSS: not sent,
                                * SLOT_ALONE: sent alone through the router */
  guint *nodes;                /* per command */
  guint *indices;              /* the commands sorted by node */
  Part *parts;
  guint n_parts;
  gboolean waited_for_map;

  guint n_pending;             /* parts (then commands sent again) running */
  guint n_acquired;            /* parts that got a connection */
  GError *acquire_error;       /* the first part's that did not */
  GArray *again;               /* guint: the commands to send again alone */
  GError *retry_error;         /* why the first lost one is sent again */
};

static void
run_free (Run *run)
{
  g_free (run->slots);
  g_free (run->parts);
  g_clear_error (&run->acquire_error);
  g_clear_error (&run->retry_error);
  g_clear_pointer (&run->again, g_array_unref);
  g_clear_object (&run->retry);
  g_clear_object (&run->cancellable);
  g_main_context_unref (run->context);
  g_object_unref (run->client);
  g_free (run);
}

static void
run_finish (Run          *run,
            const GError *error)
{
  run->callback (error, run->user_data);
  run_free (run);
}

/* Every command still without a result gets @error. */
static void
run_fail (Run          *run,
          const GError *error)
{
  _gredis_pipeline_results_fill (run->results, NULL, 0, error);
  run_finish (run, error);
}

/* Second chances */

typedef struct
{
  Run *run;
  guint index;
} Again;

static void again_done (Run *run);

static void
set_result (Run          *run,
            guint         index,
            GredisReply  *reply,
            GError       *error)
{
  if (reply != NULL && gredis_reply_is_error (reply))
    error = gredis_reply_to_error (reply);
  if (error != NULL)
    _gredis_pipeline_results_take_error (run->results, index, error);
  else
    _gredis_pipeline_results_set_reply (run->results, index, reply);
}

static void
again_sent (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Again *again = user_data;
  Run *run = again->run;
  g_autoptr(GredisReply) reply = NULL;
  GError *error = NULL;

  reply = _gredis_call_propagate_reply (result, &error);
  set_result (run, again->index, reply, error);
  g_free (again);
  again_done (run);
}

static void
again_done (Run *run)
{
  if (--run->n_pending == 0)
    run_finish (run, NULL);
}

/* Sends the command at @index alone: asynchronously on the shared
 * connection of its slot's node, where a failure is the router's to
 * retry, or blocking. One sent in a round already (redirected, or lost
 * with its connection) is sent for its second time, as the observers
 * see it; one lost is a retry for them, sent at once. */
static void
send_again (Run   *run,
            guint  index)
{
  const GredisPipelineCommand *command = _gredis_pipeline_batch_get_command (run->batch, index);
  const GError *refused = _gredis_pipeline_results_peek_error (run->results, index);
  guint sent_before = run->slots[index] == SLOT_ALONE ? 0 : 1;

  /* A MOVED patches the slot map first, so that the command goes to the
   * slot's new node; an ASK leaves the map as it is, and the node asked
   * again answers ASK again, which the router follows. */
  if (refused != NULL)
    _gredis_router_follow_moved (run->router, refused);
  else if (sent_before > 0)
    _gredis_router_observe_retry (run->router, command->argv[0], command->lengths[0], 2, 0,
                                  run->retry_error);

  if (run->exclusive)
    {
      GredisReply *reply;
      GError *error = NULL;

      reply = _gredis_router_send_sync_again (run->router, run->client, sent_before, command->argc,
                                              command->argv, command->lengths, NULL,
                                              run->cancellable, &error);
      set_result (run, index, reply, error);
      g_clear_pointer (&reply, gredis_reply_unref);
      again_done (run);
    }
  else if (sent_before > 0)
    {
      Again *again = g_new (Again, 1);
      GredisCall *call;

      again->run = run;
      again->index = index;
      /* What _gredis_router_send_shared() makes of a command that waits
       * for the pool: a call that keeps its command for the router's
       * retries, here with its attempts counted. */
      call = _gredis_call_new (run->client, run->cancellable, again_sent, again,
                               _gredis_pipeline_cluster_run);
      _gredis_call_keep_command (call);
      _gredis_router_retry_store_command (call, command->argc, command->argv, command->lengths,
                                          NULL);
      _gredis_call_set_attempt (call, sent_before);
      _gredis_router_retry_queue_call (run->router, call);
      _gredis_call_unref (call);
    }
  else
    {
      GredisRouterCommand alone = { 0, };
      Again *again = g_new (Again, 1);

      again->run = run;
      again->index = index;
      alone.argc = command->argc;
      alone.argv = command->argv;
      alone.argv_lengths = command->lengths;
      alone.source_object = run->client;
      alone.cancellable = run->cancellable;
      alone.callback = again_sent;
      alone.user_data = again;
      alone.source_tag = _gredis_pipeline_cluster_run;
      _gredis_router_send_shared (run->router, &alone);
    }
}

/* Every part is done: the commands to send again go out alone, then the
 * run is over. */
static void
parts_done (Run *run)
{
  GError *error = NULL;

  if (run->n_acquired == 0 && run->acquire_error != NULL)
    {
      /* No node could be reached: the batch failed as a whole. */
      error = g_steal_pointer (&run->acquire_error);
      run_fail (run, error);
      g_error_free (error);
      return;
    }
  if (run->again == NULL)
    {
      run_finish (run, NULL);
      return;
    }
  if (g_cancellable_set_error_if_cancelled (run->cancellable, &error))
    {
      /* The caller got its error already; the results are dropped. */
      _gredis_pipeline_results_fill (run->results, (const guint *) run->again->data,
                                     run->again->len, error);
      g_error_free (error);
      run_finish (run, NULL);
      return;
    }

  GREDIS_DEBUG ("pipeline", "Sending %u commands of a cluster pipeline again, each alone", run->again->len);
  /* Held while they are sent: some may complete before the loop ends. */
  run->n_pending = run->again->len + 1;
  g_main_context_push_thread_default (run->context);
  for (guint i = 0; i < run->again->len; i++)
    send_again (run, g_array_index (run->again, guint, i));
  g_main_context_pop_thread_default (run->context);
  again_done (run);
}

/* Rounds */

static void
part_done (Run *run)
{
  if (--run->n_pending == 0)
    parts_done (run);
}

static void
part_round_done (GredisPipelineExecutor *executor,
                 gpointer                user_data)
{
  Part *part = user_data;
  Run *run = part->run;
  GArray *again = _gredis_pipeline_executor_steal_retry (executor);
  GredisConnection *connection = g_steal_pointer (&part->connection);

  if (run->retry_error == NULL && _gredis_pipeline_executor_get_retry_error (executor) != NULL)
    run->retry_error = g_error_copy (_gredis_pipeline_executor_get_retry_error (executor));
  if (again != NULL)
    {
      if (run->again == NULL)
        run->again = g_array_sized_new (FALSE, FALSE, sizeof (guint), again->len);
      g_array_append_vals (run->again, again->data, again->len);
      g_array_unref (again);
    }
  /* A connection whose replies were not all read is never used again. */
  if (part->exclusive)
    _gredis_pipeline_release (run->client, connection, TRUE,
                              _gredis_pipeline_executor_get_clean (executor) &&
                              !g_cancellable_is_cancelled (run->cancellable));
  else
    g_object_unref (connection);
  _gredis_pipeline_executor_free (executor);
  part_done (run);
}

static void
part_acquired (GredisConnection *connection,
               GError           *error,
               gpointer          user_data)
{
  Part *part = user_data;
  Run *run = part->run;

  if (connection == NULL)
    {
      _gredis_pipeline_results_fill (run->results, part->indices, part->n_indices, error);
      if (run->acquire_error == NULL)
        run->acquire_error = error;
      else
        g_error_free (error);
      part_done (run);
      return;
    }
  run->n_acquired++;
  part->connection = connection;
  _gredis_pipeline_executor_run (connection, run->batch, part->indices, part->n_indices,
                                 run->flags | GREDIS_PIPELINE_EXECUTOR_REDIRECTS, 0, run->retry,
                                 run->results, part_round_done, part);
}

static void
part_start (Part *part)
{
  Run *run = part->run;
  GredisConnection *connection;
  GError *error = NULL;

  if (!part->exclusive)
    {
      connection = _gredis_router_get_shared_for_slot (run->router, part->slot, &error);
      if (connection != NULL || !g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED))
        {
          part_acquired (connection, error, part);
          return;
        }
      /* The node's shared connection is not to be had without waiting:
       * this part waits for one of its own. */
      g_clear_error (&error);
      part->exclusive = TRUE;
    }
  _gredis_pipeline_acquire (run->client, TRUE, part->slot, run->cancellable, part_acquired, part);
}

/* The plan */

static void map_waited (GredisConnection *connection,
                        GError           *error,
                        gpointer          user_data);

static void
run_plan (Run *run)
{
  guint n = _gredis_pipeline_batch_get_n_commands (run->batch);
  g_autofree guint *counts = NULL;
  g_autofree guint *firsts = NULL;
  guint n_nodes = 0;
  guint n_sent = 0;

  if (!_gredis_router_map_slots (run->router, run->slots, n, run->nodes, &n_nodes))
    {
      gint slot = GREDIS_POOL_NO_SLOT;

      if (run->waited_for_map)
        {
          g_autoptr(GError) error = NULL;

          gredis_i18n_init ();
          error = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CLUSTERDOWN,
                                       _("The slot map of the cluster is not known."));
          run_fail (run, error);
          return;
        }
      /* The first acquisition fetches the map: wait for it, then plan. */
      for (guint i = 0; i < n && slot == GREDIS_POOL_NO_SLOT; i++)
        if (run->slots[i] >= 0)
          slot = run->slots[i];
      run->waited_for_map = TRUE;
      _gredis_pipeline_acquire (run->client, TRUE, slot, run->cancellable, map_waited, run);
      return;
    }

  /* Commands that go to no node (cross-slot, or alone through the
   * router) count under node n_nodes + 1. */
  counts = g_new0 (guint, n_nodes + 2);
  firsts = g_new (guint, n_nodes + 2);
  for (guint i = 0; i < n; i++)
    {
      if (run->slots[i] == GREDIS_KEY_SLOT_CROSS || run->slots[i] == SLOT_ALONE)
        run->nodes[i] = n_nodes + 1;
      if (run->slots[i] == SLOT_ALONE)
        {
          if (run->again == NULL)
            run->again = g_array_new (FALSE, FALSE, sizeof (guint));
          g_array_append_val (run->again, i);
        }
      counts[run->nodes[i]]++;
    }
  for (guint node = 0; node <= n_nodes; node++)
    if (counts[node] > 0)
      run->n_parts++;
  run->parts = g_new0 (Part, run->n_parts);

  /* Offsets, then each command at its node's next place. */
  for (guint node = 0, offset = 0, part = 0; node <= n_nodes; node++)
    {
      firsts[node] = offset;
      if (counts[node] == 0)
        continue;
      run->parts[part].run = run;
      run->parts[part].indices = run->indices + offset;
      run->parts[part].n_indices = counts[node];
      run->parts[part].slot = GREDIS_POOL_NO_SLOT;
      run->parts[part].exclusive = run->exclusive;
      offset += counts[node];
      n_sent += counts[node];
      part++;
    }
  for (guint i = 0; i < n; i++)
    {
      guint node = run->nodes[i];

      if (node > n_nodes)
        continue;
      run->indices[firsts[node]++] = i;
    }
  for (guint p = 0; p < run->n_parts; p++)
    {
      Part *part = &run->parts[p];

      for (guint i = 0; i < part->n_indices && part->slot == GREDIS_POOL_NO_SLOT; i++)
        part->slot = run->slots[part->indices[i]];
    }

  if (run->n_parts == 0)
    {
      parts_done (run);
      return;
    }
  GREDIS_DEBUG ("pipeline", "A pipeline of %u commands goes to %u nodes of the cluster", n_sent, run->n_parts);
  /* Held while the parts start: a part may be done at once. */
  run->n_pending = run->n_parts + 1;
  for (guint p = 0; p < run->n_parts; p++)
    part_start (&run->parts[p]);
  part_done (run);
}

static void
map_waited (GredisConnection *connection,
            GError           *error,
            gpointer          user_data)
{
  Run *run = user_data;

  if (connection == NULL)
    {
      run_fail (run, error);
      g_error_free (error);
      return;
    }
  _gredis_pipeline_release (run->client, connection, TRUE, TRUE);
  /* A source's callback runs without its context being thread-default:
   * push it, for the connections to belong to it. */
  g_main_context_push_thread_default (run->context);
  run_plan (run);
  g_main_context_pop_thread_default (run->context);
}

/* Whether the command tips send @command elsewhere than to one node:
 * with @policy MULTI_SHARD, whether it is split by slot; with DEFAULT,
 * whether it has any other policy. */
static gboolean
goes_alone (const GredisPipelineCommand *command,
            GredisRequestPolicy          policy)
{
  const GredisCommandInfo *info = gredis_command_table_lookup_argv (command->argc, command->argv,
                                                                    command->lengths);
  GredisRequestPolicy own;

  if (info == NULL)
    return FALSE;
  own = gredis_command_info_get_request_policy (info);
  return policy == GREDIS_REQUEST_POLICY_DEFAULT ? own != policy : own == policy;
}

void
_gredis_pipeline_cluster_run (GredisClient                *client,
                              gboolean                     exclusive,
                              const GredisPipelineBatch   *batch,
                              GredisPipelineExecutorFlags  flags,
                              GredisPipelineResults       *results,
                              GCancellable                *cancellable,
                              GredisPipelineGroupFunc      callback,
                              gpointer                     user_data)
{
  guint n = _gredis_pipeline_batch_get_n_commands (batch);
  Run *run;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (!(flags & GREDIS_PIPELINE_EXECUTOR_TRANSACTION));
  g_return_if_fail (callback != NULL);

  run = g_new0 (Run, 1);
  run->client = g_object_ref (client);
  run->router = _gredis_client_get_router (client);
  run->context = g_main_context_ref_thread_default ();
  run->exclusive = exclusive;
  run->batch = batch;
  run->flags = flags;
  run->results = results;
  run->cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  run->callback = callback;
  run->user_data = user_data;
  run->retry = _gredis_router_ref_retry (run->router);

  /* One block: the slots, the nodes and the sorted indices. */
  run->slots = g_malloc (MAX (n, 1) * (sizeof (gint) + 2 * sizeof (guint)));
  run->nodes = (guint *) (run->slots + n);
  run->indices = run->nodes + n;
  for (guint i = 0; i < n; i++)
    {
      const GredisPipelineCommand *command = _gredis_pipeline_batch_get_command (batch, i);
      GError *error = NULL;

      if (!_gredis_router_command_slot (run->router, command->argc, command->argv,
                                        command->lengths, NULL, &run->slots[i], &error))
        {
          if (goes_alone (command, GREDIS_REQUEST_POLICY_MULTI_SHARD))
            {
              run->slots[i] = SLOT_ALONE;
              g_error_free (error);
              continue;
            }
          run->slots[i] = GREDIS_KEY_SLOT_CROSS;
          _gredis_pipeline_results_take_error (results, i, error);
        }
      else if (G_UNLIKELY (run->slots[i] == GREDIS_KEY_SLOT_NONE) &&
               goes_alone (command, GREDIS_REQUEST_POLICY_DEFAULT))
        run->slots[i] = SLOT_ALONE;
    }
  run_plan (run);
}

/* Transactions */

gboolean
_gredis_pipeline_cluster_transaction_slot (GredisClient               *client,
                                           const GredisPipelineBatch  *batch,
                                           gint                        watch_slot,
                                           gint                       *slot,
                                           GError                    **error)
{
  GredisRouter *router = _gredis_client_get_router (client);
  guint n = _gredis_pipeline_batch_get_n_commands (batch);

  *slot = watch_slot;
  for (guint i = 0; i < n; i++)
    {
      const GredisPipelineCommand *command = _gredis_pipeline_batch_get_command (batch, i);
      gint command_slot;

      if (!_gredis_router_command_slot (router, command->argc, command->argv, command->lengths,
                                        NULL, &command_slot, error))
        return FALSE;
      if (command_slot == GREDIS_POOL_NO_SLOT || command_slot == *slot)
        continue;
      if (*slot != GREDIS_POOL_NO_SLOT)
        {
          gredis_i18n_init ();
          g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT,
                               _("The keys of the transaction are in different slots of the cluster, so nothing was sent: a transaction runs on one node, so give its keys the same hash tag, such as {user1}:name and {user1}:email."));
          return FALSE;
        }
      *slot = command_slot;
    }
  return TRUE;
}
