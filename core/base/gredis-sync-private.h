/* gredis-sync-private.h: the one sync-over-async runner
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* Runs an asynchronous operation to completion on a private main
 * context, for the blocking forms of the API:
 *
 *   GredisSync sync;
 *
 *   gredis_sync_begin (&sync);
 *   thing_async (…, cancellable, gredis_sync_done, &sync);
 *   gredis_sync_wait (&sync);
 *   value = thing_finish (…, sync.result, error);
 *   gredis_sync_end (&sync);
 *
 * gredis_sync_begin() makes the context and pushes it as thread-default,
 * so that the operation's sources and callbacks attach to it;
 * gredis_sync_end() lets whatever the operation left queued there run
 * (connections given back, closes), pops the context and frees both it
 * and the result. Safe from any thread, with or without a running main
 * loop elsewhere.
 *
 * gredis_sync_begin_on() runs on @context instead of a new one, for
 * blocking calls that must share a context: a pipeline's blocking WATCH
 * and its blocking EXEC use the same connection, bound to one context.
 *
 * What the operation took for the private context of gredis_sync_begin()
 * (a router's shared connection of that context) is given back when the
 * run ends: gredis_sync_watch_end() asks for a call from
 * gredis_sync_end(), before the queued work runs, with the context still
 * thread-default. Nothing is called for gredis_sync_begin_on(). */
typedef void (*GredisSyncEndFunc) (GMainContext *context,
                                   gpointer      data);

typedef struct _GredisSync GredisSync;

struct _GredisSync
{
  GMainContext *context;
  GAsyncResult *result;

  /*< private >*/
  GredisSync *outer;           /* the run this one is nested in, on this thread */
  GSList *watches;             /* SyncWatch */
  gboolean own;                /* made by gredis_sync_begin() */
};

void gredis_sync_begin    (GredisSync   *sync);
void gredis_sync_begin_on (GredisSync   *sync,
                           GMainContext *context);
void gredis_sync_done  (GObject      *source,
                        GAsyncResult *result,
                        gpointer      sync);
void gredis_sync_wait  (GredisSync   *sync);
void gredis_sync_end   (GredisSync   *sync);

gboolean gredis_sync_watch_end (GMainContext      *context,
                                GredisSyncEndFunc  func,
                                gpointer           data,
                                GDestroyNotify     destroy);

G_END_DECLS
