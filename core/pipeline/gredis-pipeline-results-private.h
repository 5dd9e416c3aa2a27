/* gredis-pipeline-results-private.h: the results of a batch, in the
 * caller's order, merged from the executors that ran its parts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* One slot per command of a batch, at the command's index: its reply or
 * its error (or neither while it has no result). Executors running
 * disjoint parts of the batch on different connections write into the
 * same results, each at the indices it was given, so the results are in
 * the caller's order whatever order the replies come in.
 *
 * The merge: each part that writes is a group, counted from
 * _gredis_pipeline_results_begin_group() to
 * _gredis_pipeline_results_end_group(); the batch is done when the last
 * group ended. A group that failed as a whole (no connection, a
 * transaction that did not run) gives its error, and the first such
 * error is the batch's. One allocation per batch. */
typedef struct
{
  GredisReply *reply;
  GError *error;
} GredisPipelineSlot;

typedef struct
{
  guint n_slots;
  guint n_groups;              /* groups still running */
  GError *error;               /* the first group error */
  GredisPipelineSlot slots[];
} GredisPipelineResults;

GredisPipelineResults *_gredis_pipeline_results_new       (guint                   n_slots);
void                   _gredis_pipeline_results_free      (GredisPipelineResults  *results);

/* Replaces the result at @index: a reference to @reply, or @error
 * (taken). */
void                   _gredis_pipeline_results_set_reply (GredisPipelineResults  *results,
                                                           guint                   index,
                                                           GredisReply            *reply);
void                   _gredis_pipeline_results_take_error (GredisPipelineResults *results,
                                                            guint                  index,
                                                            GError                *error);

/* Drops every result and the batch error (a batch sent again whole). */
void                   _gredis_pipeline_results_clear     (GredisPipelineResults  *results);

/* Gives a copy of @error to each slot of @indices (all slots when
 * @indices is NULL) that has no result yet. */
void                   _gredis_pipeline_results_fill      (GredisPipelineResults  *results,
                                                           const guint            *indices,
                                                           guint                   n_indices,
                                                           const GError           *error);

/* The result at @index: a new reference to its reply, or NULL with a
 * copy of its error. */
GredisReply           *_gredis_pipeline_results_get       (GredisPipelineResults  *results,
                                                           guint                   index,
                                                           GError                **error);

void                   _gredis_pipeline_results_begin_group (GredisPipelineResults *results);
/* Ends a group, with the error that made it fail as a whole or NULL.
 * Returns TRUE when it was the last one: the results are complete. */
gboolean               _gredis_pipeline_results_end_group   (GredisPipelineResults *results,
                                                             const GError          *error);

static inline gboolean
_gredis_pipeline_results_has_result (const GredisPipelineResults *results,
                                     guint                        index)
{
  return results->slots[index].reply != NULL || results->slots[index].error != NULL;
}

static inline const GError *
_gredis_pipeline_results_peek_error (const GredisPipelineResults *results,
                                     guint                        index)
{
  return results->slots[index].error;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisPipelineResults, _gredis_pipeline_results_free)

G_END_DECLS
