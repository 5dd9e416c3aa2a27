/* gredis-pipeline-executor-private.h: part of a batch run on one
 * connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-pipeline-batch-private.h"
#include "gredis-pipeline-results-private.h"

G_BEGIN_DECLS

typedef enum {
  GREDIS_PIPELINE_EXECUTOR_NONE        = 0,
  GREDIS_PIPELINE_EXECUTOR_TRANSACTION = 1 << 0,  /* wrap in MULTI … EXEC */
  /* A command of the batch changes its connection's state (SELECT in a
   * transaction): the connection is closed afterwards, never reused. */
  GREDIS_PIPELINE_EXECUTOR_CHANGES_STATE = 1 << 1,
  /* A plain round on a node of a cluster: a command the cluster refused
   * (MOVED, ASK, TRYAGAIN, CLUSTERDOWN) keeps that error as its result
   * and is listed by _gredis_pipeline_executor_steal_retry() too, for the
   * caller to send it again alone through the router. */
  GREDIS_PIPELINE_EXECUTOR_REDIRECTS = 1 << 2,
} GredisPipelineExecutorFlags;

/* One round of a batch on one connection: the `SCRIPT LOAD` of the
 * batch's scripts, then the commands at @indices (in that order), queued
 * at once so that they go out in one write, wrapped in MULTI … EXEC with
 * GREDIS_PIPELINE_EXECUTOR_TRANSACTION. The reply of the command at index
 * i goes into slot i of @results, or the error it met; a NOSCRIPT after a
 * failed load becomes the load's error.
 *
 * A command of a plain round whose connection was lost gets no result
 * when _gredis_retry_decide() (given @failures earlier rounds of that
 * command and @retries allowed) says it may be sent again: it is listed
 * by _gredis_pipeline_executor_get_retry() for the caller to run in a
 * later round, on another connection. Otherwise it gets its error, or
 * GREDIS_ERROR_UNKNOWN_OUTCOME for a write that may have run.
 * Transactions are never replayed.
 *
 * Several executors may run disjoint parts of one batch on several
 * connections at once, into the same results (see the merge in
 * gredis-pipeline-results-private.h); a command redirected elsewhere can
 * be sent again alone, as a round of one index.
 *
 * @indices is NULL for every command of @batch, in order; otherwise it
 * must stay valid until @callback. @batch and @results are borrowed until
 * @callback, called once in the connection's context when every reply of
 * the round is in. The executor takes no cancellable: its commands are
 * queued without one, so that their replies are always read off the
 * connection; the caller completes its own operation at once on
 * cancellation and gives the connection back (not reusable) after
 * @callback. @callback is never called before _gredis_pipeline_executor_run()
 * returned; it frees the executor when it is done with it. */
typedef struct _GredisPipelineExecutor GredisPipelineExecutor;

typedef void (*GredisPipelineExecutorFunc) (GredisPipelineExecutor *executor,
                                            gpointer                user_data);

void                    _gredis_pipeline_executor_run       (GredisConnection            *connection,
                                                             const GredisPipelineBatch   *batch,
                                                             const guint                 *indices,
                                                             guint                        n_indices,
                                                             GredisPipelineExecutorFlags  flags,
                                                             guint                        failures,
                                                             GredisRetry                 *retry,
                                                             GredisPipelineResults       *results,
                                                             GredisPipelineExecutorFunc   callback,
                                                             gpointer                     user_data);
void                    _gredis_pipeline_executor_free      (GredisPipelineExecutor      *executor);

/* After the callback: */

/* The error of a round that failed as a whole (a transaction whose MULTI
 * or EXEC failed, that a watched key stopped, or that the server
 * aborted), or NULL. Every command of the round then has a result. */
const GError           *_gredis_pipeline_executor_get_error (GredisPipelineExecutor      *executor);

/* The commands to send again, in the order of the round (transfer full;
 * NULL when there are none): those lost with their connection that may be
 * sent again, without a result yet, and with
 * GREDIS_PIPELINE_EXECUTOR_REDIRECTS those the cluster refused, with
 * that error as their result. */
GArray                 *_gredis_pipeline_executor_steal_retry (GredisPipelineExecutor    *executor);
/* The error of the first command of the round that the retry policy
 * sends again (a redirect is not one), for the observers; NULL when
 * none. */
const GError           *_gredis_pipeline_executor_get_retry_error (GredisPipelineExecutor *executor);

/* Whether the connection's state is known after the round: a plain
 * round whose every reply was read, a transaction whose EXEC was
 * answered. An exclusive connection that is not clean is closed when
 * given back, not reused. */
gboolean                _gredis_pipeline_executor_get_clean (GredisPipelineExecutor      *executor);

G_END_DECLS
