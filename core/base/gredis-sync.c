/* gredis-sync.c: the one sync-over-async runner
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-sync-private.h"

/* The innermost run of this thread. */
static GPrivate current_sync;

typedef struct
{
  GredisSyncEndFunc func;
  gpointer data;
  GDestroyNotify destroy;
} SyncWatch;

static void
begin (GredisSync   *sync,
       GMainContext *context,
       gboolean      own)
{
  sync->context = context;
  sync->result = NULL;
  sync->watches = NULL;
  sync->own = own;
  sync->outer = g_private_get (&current_sync);
  g_private_set (&current_sync, sync);
  g_main_context_push_thread_default (sync->context);
}

void
gredis_sync_begin (GredisSync *sync)
{
  begin (sync, g_main_context_new (), TRUE);
}

void
gredis_sync_begin_on (GredisSync   *sync,
                      GMainContext *context)
{
  begin (sync, g_main_context_ref (context), FALSE);
}

/* Called from any code running on @context: when @context is the
 * private context of a run of this thread (gredis_sync_begin()), @func
 * will be called with @context and @data when that run ends, once for
 * each @data however often this is asked, then @destroy (if not NULL)
 * with @data; returns %TRUE. Otherwise returns %FALSE, and neither is
 * called. */
gboolean
gredis_sync_watch_end (GMainContext      *context,
                       GredisSyncEndFunc  func,
                       gpointer           data,
                       GDestroyNotify     destroy)
{
  GredisSync *sync;
  SyncWatch *watch;

  for (sync = g_private_get (&current_sync); sync != NULL; sync = sync->outer)
    if (sync->context == context)
      break;
  if (sync == NULL || !sync->own)
    return FALSE;
  for (GSList *l = sync->watches; l != NULL; l = l->next)
    {
      watch = l->data;
      if (watch->func == func && watch->data == data)
        {
          /* Watched already: this caller's @data is not kept. */
          if (destroy != NULL)
            destroy (data);
          return TRUE;
        }
    }
  watch = g_new (SyncWatch, 1);
  watch->func = func;
  watch->data = data;
  watch->destroy = destroy;
  sync->watches = g_slist_prepend (sync->watches, watch);
  return TRUE;
}

void
gredis_sync_done (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  GredisSync *sync = data;

  g_assert (sync->result == NULL);
  sync->result = g_object_ref (result);
}

void
gredis_sync_wait (GredisSync *sync)
{
  while (sync->result == NULL)
    g_main_context_iteration (sync->context, TRUE);
}

/* Takes @sync out of the runs of this thread, innermost or not (runs
 * usually end in the reverse order of their beginnings). */
static void
unlink_run (GredisSync *sync)
{
  GredisSync *inner = g_private_get (&current_sync);

  if (inner == sync)
    {
      g_private_set (&current_sync, sync->outer);
      return;
    }
  for (; inner != NULL; inner = inner->outer)
    if (inner->outer == sync)
      {
        inner->outer = sync->outer;
        return;
      }
}

void
gredis_sync_end (GredisSync *sync)
{
  GSList *watches = g_slist_reverse (g_steal_pointer (&sync->watches));

  /* Nothing more is watched for this run: what the watches give back
   * is not taken again for it. */
  sync->own = FALSE;
  for (GSList *l = watches; l != NULL; l = l->next)
    {
      SyncWatch *watch = l->data;

      watch->func (sync->context, watch->data);
      if (watch->destroy != NULL)
        watch->destroy (watch->data);
      g_free (watch);
    }
  g_slist_free (watches);
  while (g_main_context_pending (sync->context))
    g_main_context_iteration (sync->context, FALSE);
  g_main_context_pop_thread_default (sync->context);
  unlink_run (sync);
  g_clear_object (&sync->result);
  g_clear_pointer (&sync->context, g_main_context_unref);
}
