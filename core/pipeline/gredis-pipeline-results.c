/* gredis-pipeline-results.c: the results of a batch, in the caller's
 * order, merged from the executors that ran its parts
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-pipeline-results-private.h"

GredisPipelineResults *
_gredis_pipeline_results_new (guint n_slots)
{
  GredisPipelineResults *results;

  results = g_malloc0 (sizeof (GredisPipelineResults) + n_slots * sizeof (GredisPipelineSlot));
  results->n_slots = n_slots;
  return results;
}

static void
slot_clear (GredisPipelineSlot *slot)
{
  g_clear_pointer (&slot->reply, gredis_reply_unref);
  g_clear_error (&slot->error);
}

void
_gredis_pipeline_results_free (GredisPipelineResults *results)
{
  for (guint i = 0; i < results->n_slots; i++)
    slot_clear (&results->slots[i]);
  g_clear_error (&results->error);
  g_free (results);
}

void
_gredis_pipeline_results_clear (GredisPipelineResults *results)
{
  for (guint i = 0; i < results->n_slots; i++)
    slot_clear (&results->slots[i]);
  g_clear_error (&results->error);
}

void
_gredis_pipeline_results_set_reply (GredisPipelineResults *results,
                                    guint                  index,
                                    GredisReply           *reply)
{
  g_assert (index < results->n_slots);

  slot_clear (&results->slots[index]);
  results->slots[index].reply = gredis_reply_ref (reply);
}

void
_gredis_pipeline_results_take_error (GredisPipelineResults *results,
                                     guint                  index,
                                     GError                *error)
{
  g_assert (index < results->n_slots);

  slot_clear (&results->slots[index]);
  results->slots[index].error = error;
}

void
_gredis_pipeline_results_fill (GredisPipelineResults *results,
                               const guint           *indices,
                               guint                  n_indices,
                               const GError          *error)
{
  if (indices == NULL)
    n_indices = results->n_slots;
  for (guint i = 0; i < n_indices; i++)
    {
      guint index = indices != NULL ? indices[i] : i;

      if (!_gredis_pipeline_results_has_result (results, index))
        results->slots[index].error = g_error_copy (error);
    }
}

GredisReply *
_gredis_pipeline_results_get (GredisPipelineResults  *results,
                              guint                   index,
                              GError                **error)
{
  GredisPipelineSlot *slot;

  g_assert (index < results->n_slots);

  slot = &results->slots[index];
  if (slot->error != NULL)
    {
      g_propagate_error (error, g_error_copy (slot->error));
      return NULL;
    }
  if (slot->reply == NULL)
    {
      /* Not reached: every slot has a result once its group ended. */
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_FAILED,
                   _("Command %u of the pipeline has no result."), index);
      return NULL;
    }
  return gredis_reply_ref (slot->reply);
}

void
_gredis_pipeline_results_begin_group (GredisPipelineResults *results)
{
  results->n_groups++;
}

gboolean
_gredis_pipeline_results_end_group (GredisPipelineResults *results,
                                    const GError          *error)
{
  g_assert (results->n_groups > 0);

  if (error != NULL && results->error == NULL)
    results->error = g_error_copy (error);
  return --results->n_groups == 0;
}
