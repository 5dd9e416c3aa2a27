/* gredis-client-sync.c: the blocking API of GredisClient
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-connection-private.h"

/* A blocking call takes an idle slot (a private main context and the
 * connection bound to it), makes the context thread-default, runs the
 * asynchronous engine on it until the reply is there, and puts the slot
 * back. A slot is used by one thread at a time, so calls from many threads
 * run side by side on connections of their own, and no main loop needs
 * to run anywhere. */

typedef struct
{
  GMainContext *context;
  GredisConnection *connection;
} SyncSlot;

struct _GredisSyncPool
{
  GMutex lock;
  GQueue idle;
  gboolean closed;
};

GredisSyncPool *
_gredis_sync_pool_new (void)
{
  GredisSyncPool *pool = g_new0 (GredisSyncPool, 1);

  g_mutex_init (&pool->lock);
  g_queue_init (&pool->idle);
  return pool;
}

static void
slot_free (SyncSlot *slot)
{
  if (slot->connection != NULL)
    {
      /* Closing may call back into the connection's context: own it. */
      g_main_context_push_thread_default (slot->context);
      gredis_connection_close (slot->connection);
      g_clear_object (&slot->connection);
      while (g_main_context_pending (slot->context))
        g_main_context_iteration (slot->context, FALSE);
      g_main_context_pop_thread_default (slot->context);
    }
  g_main_context_unref (slot->context);
  g_free (slot);
}

void
_gredis_sync_pool_close (GredisSyncPool *pool)
{
  GQueue idle = G_QUEUE_INIT;

  g_mutex_lock (&pool->lock);
  pool->closed = TRUE;
  idle = pool->idle;
  g_queue_init (&pool->idle);
  g_mutex_unlock (&pool->lock);

  g_queue_clear_full (&idle, (GDestroyNotify) slot_free);
}

void
_gredis_sync_pool_free (GredisSyncPool *pool)
{
  _gredis_sync_pool_close (pool);
  g_mutex_clear (&pool->lock);
  g_free (pool);
}

static SyncSlot *
take_slot (GredisSyncPool *pool)
{
  SyncSlot *slot;

  g_mutex_lock (&pool->lock);
  slot = g_queue_pop_head (&pool->idle);
  g_mutex_unlock (&pool->lock);

  if (slot == NULL)
    {
      slot = g_new0 (SyncSlot, 1);
      slot->context = g_main_context_new ();
    }
  return slot;
}

static void
give_back_slot (GredisSyncPool *pool,
                SyncSlot       *slot)
{
  g_mutex_lock (&pool->lock);
  if (!pool->closed)
    {
      g_queue_push_head (&pool->idle, slot);
      slot = NULL;
    }
  g_mutex_unlock (&pool->lock);

  if (slot != NULL)
    slot_free (slot);
}

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GredisReply *
_gredis_client_send_sync (GredisClient        *client,
                          guint                argc,
                          const char * const  *argv,
                          const gsize         *argv_lengths,
                          GBytes * const      *args,
                          GCancellable        *cancellable,
                          GError             **error)
{
  GredisSyncPool *pool = _gredis_client_get_sync_pool (client);
  GAsyncResult *result = NULL;
  GredisReply *reply;
  SyncSlot *slot;
  GTask *task;

  if (_gredis_client_is_closed (client))
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED, _("The client is closed."));
      return NULL;
    }

  slot = take_slot (pool);
  g_main_context_push_thread_default (slot->context);

  if (slot->connection != NULL &&
      gredis_connection_get_state (slot->connection) == GREDIS_CONNECTION_STATE_CLOSED)
    g_clear_object (&slot->connection);
  if (slot->connection == NULL)
    {
      slot->connection = _gredis_client_create_connection (client, error);
      if (slot->connection == NULL)
        {
          g_main_context_pop_thread_default (slot->context);
          give_back_slot (pool, slot);
          return NULL;
        }
    }

  task = g_task_new (client, cancellable, sync_done, &result);
  g_task_set_source_tag (task, _gredis_client_send_sync);
  _gredis_connection_queue_task (slot->connection, argc, argv, argv_lengths, args, task,
                                 cancellable);
  g_object_unref (task);

  while (result == NULL)
    g_main_context_iteration (slot->context, TRUE);

  reply = g_task_propagate_pointer (G_TASK (result), error);
  g_object_unref (result);

  g_main_context_pop_thread_default (slot->context);
  give_back_slot (pool, slot);
  return reply;
}
