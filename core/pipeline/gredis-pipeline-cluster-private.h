/* gredis-pipeline-cluster-private.h: a plain batch split by node of a
 * cluster, its results merged in the caller's order
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-pipeline-group-private.h"

G_BEGIN_DECLS

/* Runs the plain (non-transaction) batch @batch on the nodes of the
 * cluster of @client, whose router routes by slot: each command goes to
 * the node of its keys' slot (commands without a key to one primary), the
 * commands of one node in one executor round, every node's round queued
 * at once so that each node gets one write and all are written in the
 * same main-loop iteration. A command whose keys are in several slots
 * gets GREDIS_ERROR_CROSSSLOT and is not sent.
 *
 * A command the cluster refused (MOVED, ASK, TRYAGAIN, CLUSTERDOWN), or
 * that was lost with its connection and may be sent again (see
 * _gredis_pipeline_executor_run()), is then sent again alone through the
 * router's single-command path, which follows redirects (a MOVED patches
 * the slot map first), and its result put back at its index. A write
 * that may have run gets GREDIS_ERROR_UNKNOWN_OUTCOME and is never sent
 * again.
 *
 * @exclusive: the blocking form: the rounds run on exclusive connections
 * (given back closed unless every reply was read) and commands are sent
 * again with the router's blocking path. Otherwise they run on the shared
 * connections of the thread-default context.
 *
 * As _gredis_pipeline_group_run(): @callback once every command has a
 * result, in the thread-default context of the caller; @batch and
 * @results are borrowed until then. */
void _gredis_pipeline_cluster_run (GredisClient                *client,
                                   gboolean                     exclusive,
                                   const GredisPipelineBatch   *batch,
                                   GredisPipelineExecutorFlags  flags,
                                   GredisPipelineResults       *results,
                                   GCancellable                *cancellable,
                                   GredisPipelineGroupFunc      callback,
                                   gpointer                     user_data);

/* The one slot of a transaction's commands (GREDIS_POOL_NO_SLOT when
 * none has a key), also that of the keys already watched (@watch_slot,
 * or GREDIS_POOL_NO_SLOT); FALSE with GREDIS_ERROR_CROSSSLOT when they
 * are in several slots. */
gboolean _gredis_pipeline_cluster_transaction_slot (GredisClient               *client,
                                                    const GredisPipelineBatch  *batch,
                                                    gint                        watch_slot,
                                                    gint                       *slot,
                                                    GError                    **error);

G_END_DECLS
