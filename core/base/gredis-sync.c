/* gredis-sync.c: the one sync-over-async runner
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-sync-private.h"

void
gredis_sync_begin (GredisSync *sync)
{
  sync->context = g_main_context_new ();
  sync->result = NULL;
  g_main_context_push_thread_default (sync->context);
}

void
gredis_sync_begin_on (GredisSync   *sync,
                      GMainContext *context)
{
  sync->context = g_main_context_ref (context);
  sync->result = NULL;
  g_main_context_push_thread_default (sync->context);
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

void
gredis_sync_end (GredisSync *sync)
{
  while (g_main_context_pending (sync->context))
    g_main_context_iteration (sync->context, FALSE);
  g_main_context_pop_thread_default (sync->context);
  g_clear_object (&sync->result);
  g_clear_pointer (&sync->context, g_main_context_unref);
}
