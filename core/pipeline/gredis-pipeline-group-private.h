/* gredis-pipeline-group-private.h: part of a batch run on a client's
 * connections, and the pipeline's one way to get them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-pipeline-executor-private.h"

G_BEGIN_DECLS

/* The pipeline asks for connections here and nowhere else: the shared
 * connection of the thread-default context, or an exclusive one (for
 * transactions, watches and the blocking forms), to the node of @slot
 * on a cluster (GREDIS_POOL_NO_SLOT: any node). @callback gets the
 * connection (transfer full) or the error (transfer full); for a shared
 * connection it is called before _gredis_pipeline_acquire() returns, so
 * that the batch goes out in the caller's main-loop iteration. */
typedef void (*GredisPipelineAcquireFunc) (GredisConnection *connection,
                                           GError           *error,
                                           gpointer          user_data);

void _gredis_pipeline_acquire (GredisClient              *client,
                               gboolean                   exclusive,
                               gint                       slot,
                               GCancellable              *cancellable,
                               GredisPipelineAcquireFunc  callback,
                               gpointer                   user_data);
/* Gives back @connection (transfer full); an exclusive one that is not
 * @reusable is closed. */
void _gredis_pipeline_release (GredisClient              *client,
                               GredisConnection          *connection,
                               gboolean                   exclusive,
                               gboolean                   reusable);

/* A group: the commands at @indices of @batch (every command when
 * @indices is NULL) run by executor rounds on one connection of @client
 * at a time (to the node of @slot on a cluster), writing into @results. The group acquires its connection
 * (or uses @connection, transfer full, already acquired: a watched
 * one), runs a round, and while a round leaves lost commands that may be
 * sent again (see _gredis_pipeline_executor_run()), gives the connection
 * back, waits for the backoff delay and runs them in a new round on a
 * newly acquired connection. On @cancellable the round in flight still
 * reads its replies; a wait for a retry stops at once, its commands
 * getting the cancellation error.
 *
 * @callback is called once, in the thread-default main context of the
 * caller of _gredis_pipeline_group_run() (possibly before it returns,
 * when no shared connection can be had), when every command of the group
 * has a result and the connection was given back; @error (or NULL) is
 * the error that made the group fail as a whole, for
 * _gredis_pipeline_results_end_group(). @batch, @indices and @results
 * are borrowed until then. */
typedef void (*GredisPipelineGroupFunc) (const GError *error,
                                         gpointer      user_data);

void _gredis_pipeline_group_run (GredisClient                *client,
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
                                 gpointer                     user_data);

G_END_DECLS
