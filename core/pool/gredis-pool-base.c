/* gredis-pool-base.c: what the built-in pools share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-pool-base.h"
#include "gredis-connection-private.h"
#include "gredis-sync-private.h"

#include <pthread.h>

/* The pool counts every connection it made and has not dropped: idle
 * ones (a LIFO stack, most recently used first), busy ones (exclusive,
 * or shared by one or more callers of the same main context) and those
 * being made. A connection belongs to the main context it was made in:
 * an idle one is handed out again only to a caller of that context. The
 * blocking API takes connections made on private contexts of the pool's
 * own ("any context").
 *
 * When all max-connections are counted, the simple pool fails; the
 * blocking pool queues a waiter, which a release serves in turn: with an
 * idle connection of its context, or with the right to make one (an idle
 * connection of another context is closed to make room).
 *
 * Idle connections past idle-timeout-s or max-lifetime-s (less a random
 * tenth, so that connections made together do not all expire together)
 * are reaped whenever the pool is used; one idle for longer than
 * health-check-interval-s answers a PING before it is handed out.
 *
 * After fork() the child forgets its parent's connections without
 * closing them (a TLS close would write to the parent's session) and
 * makes its own. Every field is under the lock. */

/* Counts the fork()s in the history of this process: a pool made before
 * the last one belongs to an ancestor. Cheaper than a getpid() system
 * call in every acquire and release. */
static gint fork_generation;

static void
on_fork_child (void)
{
  fork_generation++;
}

/* How long a connection of a private context may have been idle and
 * still be handed out without a look at what its server sent. */
#define IDLE_CHECK_US (1 * G_TIME_SPAN_MILLISECOND)

typedef struct
{
  GList link;                  /* in the idle queue, data: the item */
  GredisConnection *connection;
  GMainContext *context;
  gboolean own_context;
  gboolean shared;
  guint users;
  gint64 expires;              /* monotonic µs; G_MAXINT64 for never */
  gint64 last_used;
  guint epoch;                 /* the pool's epoch when it was made */
} Item;

typedef struct
{
  GTask *task;                 /* NULL for a blocking caller */
  GMainContext *context;       /* NULL: any context of the pool's own */
  GredisPoolMode hint;
  Item *item;                  /* granted: an idle connection */
  gboolean may_create;         /* granted: room for a new one */
  gboolean granted;
  GSource *timeout_source;
  GSource *cancel_source;
} Waiter;

typedef struct
{
  GMutex lock;
  GCond cond;

  GredisConfig *config;        /* what connections are made from */

  guint max_connections;
  guint pool_timeout_ms;
  guint min_idle;
  guint idle_timeout_s;
  guint max_lifetime_s;
  guint health_check_interval_s;

  GQueue idle;                 /* Item */
  GHashTable *items;           /* GredisConnection → Item, every counted one */
  GQueue waiters;              /* Waiter */
  guint n_making;
  guint n_in_use;
  guint peak;
  guint64 waits;
  guint64 timeouts;
  gboolean closed;
  gint generation;              /* fork_generation when made, or since */
  guint epoch;                 /* _gredis_pool_base_retire_all() calls */
  GPtrArray *abandoned;        /* the parent's connections, after fork() */
} GredisPoolBasePrivate;

static void gredis_pool_base_pool_init (GredisPoolInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (GredisPoolBase, gredis_pool_base, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (GredisPoolBase)
                                  G_IMPLEMENT_INTERFACE (GREDIS_TYPE_POOL,
                                                         gredis_pool_base_pool_init))

enum {
  PROP_0,
  PROP_MAX_CONNECTIONS,
  PROP_POOL_TIMEOUT_MS,
  PROP_MIN_IDLE,
  PROP_IDLE_TIMEOUT_S,
  PROP_MAX_LIFETIME_S,
  PROP_HEALTH_CHECK_INTERVAL_S,
  PROP_IN_USE,
  PROP_IDLE,
  PROP_WAITS,
  PROP_TIMEOUTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define PRIV(self) ((GredisPoolBasePrivate *) gredis_pool_base_get_instance_private (GREDIS_POOL_BASE (self)))

/* Items */

static guint
n_counted (GredisPoolBasePrivate *priv)
{
  return g_hash_table_size (priv->items) + priv->n_making;
}

static void
note_peak (GredisPoolBasePrivate *priv)
{
  priv->peak = MAX (priv->peak, n_counted (priv));
}

static gboolean
close_in_context (gpointer user_data)
{
  gredis_connection_close (user_data);
  return G_SOURCE_REMOVE;
}

/* Closes and frees an item that is no longer counted; without the lock. */
static void
item_discard (Item *item)
{
  if (gredis_connection_get_state (item->connection) != GREDIS_CONNECTION_STATE_CLOSED)
    {
      if (item->own_context)
        {
          /* Nobody else runs a private context of an idle connection. */
          g_main_context_push_thread_default (item->context);
          gredis_connection_close (item->connection);
          while (g_main_context_pending (item->context))
            g_main_context_iteration (item->context, FALSE);
          g_main_context_pop_thread_default (item->context);
        }
      else if (g_main_context_acquire (item->context))
        {
          gredis_connection_close (item->connection);
          g_main_context_release (item->context);
        }
      else
        g_main_context_invoke_full (item->context, G_PRIORITY_DEFAULT, close_in_context,
                                    g_object_ref (item->connection), g_object_unref);
    }
  g_object_unref (item->connection);
  g_main_context_unref (item->context);
  g_free (item);
}

static gboolean
item_expired (GredisPoolBasePrivate *priv,
              Item                  *item,
              gint64                 now)
{
  if (gredis_connection_get_state (item->connection) == GREDIS_CONNECTION_STATE_CLOSED)
    return TRUE;
  if (item->epoch != priv->epoch)
    return TRUE;
  if (now >= item->expires)
    return TRUE;
  /* min-idle connections stay open however long they idle. */
  if (priv->idle_timeout_s > 0 && item->users == 0 && priv->idle.length > priv->min_idle &&
      now - item->last_used >= (gint64) priv->idle_timeout_s * G_USEC_PER_SEC)
    return TRUE;
  return FALSE;
}

static gboolean
item_matches (Item         *item,
              GMainContext *context)
{
  return context == NULL ? item->own_context : (!item->own_context && item->context == context);
}

/* Drops the parent's connections in a child process. */
static void
check_fork_locked (GredisPoolBasePrivate *priv)
{
  GHashTableIter iter;
  gpointer value;

  if (G_LIKELY (priv->generation == g_atomic_int_get (&fork_generation)))
    return;

  g_hash_table_iter_init (&iter, priv->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_hash_table_iter_steal (&iter);
      g_ptr_array_add (priv->abandoned, value);
    }
  /* The links are the items': nothing to free. */
  g_queue_init (&priv->idle);
  priv->n_in_use = 0;
  priv->n_making = 0;
  priv->generation = g_atomic_int_get (&fork_generation);
}

/* Moves reapable idle items to @discard. */
static void
reap_locked (GredisPoolBasePrivate *priv,
             GSList               **discard)
{
  gint64 now = g_get_monotonic_time ();
  GList *l = priv->idle.head;

  while (l != NULL)
    {
      GList *next = l->next;
      Item *item = l->data;

      if (item_expired (priv, item, now))
        {
          g_queue_unlink (&priv->idle, l);
          g_hash_table_remove (priv->items, item->connection);
          *discard = g_slist_prepend (*discard, item);
        }
      l = next;
    }
}

static Item *
take_idle_locked (GredisPoolBasePrivate *priv,
                  GMainContext          *context)
{
  for (GList *l = priv->idle.head; l != NULL; l = l->next)
    {
      Item *item = l->data;

      if (item_matches (item, context))
        {
          g_queue_unlink (&priv->idle, l);
          return item;
        }
    }
  return NULL;
}

static Item *
find_shared_locked (GredisPoolBasePrivate *priv,
                    GMainContext          *context)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, priv->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Item *item = value;

      if (item->shared && item->users > 0 && item->context == context &&
          item->epoch == priv->epoch &&
          gredis_connection_get_state (item->connection) != GREDIS_CONNECTION_STATE_CLOSED)
        return item;
    }
  return NULL;
}

typedef enum {
  TAKE_ITEM,
  TAKE_CREATE,
  TAKE_FULL,
} TakeResult;

/* Finds a connection for a caller of @context (NULL: the pool's own),
 * or reserves room for a new one; an idle connection of another context
 * is closed to make room when the pool is full. */
static TakeResult
take_locked (GredisPoolBasePrivate  *priv,
             GredisPoolMode          hint,
             GMainContext           *context,
             Item                  **item_out,
             GSList                **discard)
{
  Item *item;

  if (hint == GREDIS_POOL_MODE_SHARED && context != NULL &&
      (item = find_shared_locked (priv, context)) != NULL)
    {
      item->users++;
      *item_out = item;
      return TAKE_ITEM;
    }

  item = take_idle_locked (priv, context);
  if (item != NULL)
    {
      item->users = 1;
      item->shared = hint == GREDIS_POOL_MODE_SHARED;
      priv->n_in_use++;
      *item_out = item;
      return TAKE_ITEM;
    }

  if (n_counted (priv) >= priv->max_connections && priv->idle.length > 0)
    {
      /* The least recently used idle connection of another context. */
      item = g_queue_pop_tail_link (&priv->idle)->data;
      g_hash_table_remove (priv->items, item->connection);
      *discard = g_slist_prepend (*discard, item);
    }

  if (n_counted (priv) < priv->max_connections)
    {
      priv->n_making++;
      note_peak (priv);
      return TAKE_CREATE;
    }
  return TAKE_FULL;
}

/* Serves waiters in turn; those granted are moved to @granted. */
static void
serve_waiters_locked (GredisPoolBasePrivate  *priv,
                      GSList                **granted,
                      GSList                **discard)
{
  while (priv->waiters.length > 0)
    {
      Waiter *waiter = g_queue_peek_head (&priv->waiters);
      Item *item = NULL;

      switch (take_locked (priv, waiter->hint, waiter->context, &item, discard))
        {
        case TAKE_ITEM:
          waiter->item = item;
          break;
        case TAKE_CREATE:
          waiter->may_create = TRUE;
          break;
        case TAKE_FULL:
          return;
        }
      g_queue_pop_head (&priv->waiters);
      waiter->granted = TRUE;
      /* A blocking caller's waiter lives on its stack: wake it now,
       * under the lock, and never touch it again. */
      if (waiter->task == NULL)
        g_cond_broadcast (&priv->cond);
      else
        *granted = g_slist_prepend (*granted, waiter);
    }
}

static void waiter_complete (Waiter *waiter);

static gboolean
waiter_complete_cb (gpointer user_data)
{
  Waiter *waiter = user_data;
  GMainContext *context = g_main_context_ref (waiter->context);

  /* A connection made for the waiter belongs to its context, which need
   * not be the thread-default one of whoever runs it. */
  g_main_context_push_thread_default (context);
  waiter_complete (waiter);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  return G_SOURCE_REMOVE;
}

/* Without the lock: completes granted asynchronous waiters in their
 * contexts and closes discarded items. */
static void
finish_unlocked (GredisPoolBasePrivate *priv,
                 GSList                *granted,
                 GSList                *discard)
{
  if (granted == NULL && discard == NULL)
    return;
  for (GSList *l = granted; l != NULL; l = l->next)
    {
      Waiter *waiter = l->data;
      GSource *source = g_idle_source_new ();

      g_source_set_callback (source, waiter_complete_cb, waiter, NULL);
      g_source_set_static_name (source, "GredisPool waiter");
      g_source_attach (source, waiter->context);
      g_source_unref (source);
    }
  g_slist_free (granted);
  g_slist_free_full (discard, (GDestroyNotify) item_discard);
}

/* Gives back room reserved for a connection that could not be made. */
static void
unreserve (GredisPoolBasePrivate *priv)
{
  GSList *granted = NULL, *discard = NULL;

  g_mutex_lock (&priv->lock);
  priv->n_making--;
  serve_waiters_locked (priv, &granted, &discard);
  g_mutex_unlock (&priv->lock);
  finish_unlocked (priv, granted, discard);
}

static gint64
lifetime_deadline (GredisPoolBasePrivate *priv,
                   gint64                 now)
{
  gint64 lifetime;

  if (priv->max_lifetime_s == 0)
    return G_MAXINT64;
  lifetime = (gint64) priv->max_lifetime_s * G_USEC_PER_SEC;
  return now + lifetime - g_random_int_range (0, (gint32) MIN (lifetime / 10, G_MAXINT32) + 1);
}

/* Makes a connection in the thread-default context, in room reserved
 * for it, and counts it as in use. */
static GredisConnection *
create_connection (GredisPoolBase      *self,
                   GredisPoolMode       hint,
                   gboolean             own_context,
                   GSocketConnectable  *endpoint,
                   GError             **error)
{
  GredisPoolBasePrivate *priv = PRIV (self);
  g_autoptr(GredisConfig) config = NULL;
  GredisConnection *connection = NULL;
  GMainContext *context = NULL;
  Item *item;

  g_mutex_lock (&priv->lock);
  config = priv->config != NULL ? g_object_ref (priv->config) : NULL;
  g_mutex_unlock (&priv->lock);

  if (config == NULL)
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_FAILED,
                           _("The pool has no way to make connections: it is not attached to a client."));
    }
  else if (own_context)
    {
      context = g_main_context_new ();
      g_main_context_push_thread_default (context);
      connection = gredis_connection_new_for_config (config, endpoint, error);
      g_main_context_pop_thread_default (context);
    }
  else
    {
      context = g_main_context_ref_thread_default ();
      connection = gredis_connection_new_for_config (config, endpoint, error);
    }

  if (connection == NULL)
    {
      g_clear_pointer (&context, g_main_context_unref);
      unreserve (priv);
      return NULL;
    }

  item = g_new0 (Item, 1);
  item->link.data = item;
  item->connection = g_object_ref (connection);
  item->context = context;
  item->own_context = own_context;
  item->shared = hint == GREDIS_POOL_MODE_SHARED;
  item->users = 1;
  item->last_used = g_get_monotonic_time ();

  g_mutex_lock (&priv->lock);
  item->expires = lifetime_deadline (priv, item->last_used);
  item->epoch = priv->epoch;
  priv->n_making--;
  g_hash_table_insert (priv->items, connection, item);
  priv->n_in_use++;
  note_peak (priv);
  g_mutex_unlock (&priv->lock);

  return connection;
}

static gboolean
needs_health_check (GredisPoolBasePrivate *priv,
                    Item                  *item)
{
  return priv->health_check_interval_s > 0 && item->users == 1 &&
         g_get_monotonic_time () - item->last_used >=
         (gint64) priv->health_check_interval_s * G_USEC_PER_SEC;
}

/* Drops a connection taken from the pool that turned out broken. */
static void
drop_taken (GredisPoolBase *self,
            Item           *item)
{
  GredisPoolBasePrivate *priv = PRIV (self);
  GSList *granted = NULL, *discard = NULL;

  g_mutex_lock (&priv->lock);
  if (g_hash_table_steal (priv->items, item->connection))
    {
      priv->n_in_use--;
      discard = g_slist_prepend (discard, item);
    }
  serve_waiters_locked (priv, &granted, &discard);
  g_mutex_unlock (&priv->lock);
  finish_unlocked (priv, granted, discard);
}

/* Asynchronous acquisition */

typedef struct
{
  GredisPoolMode hint;
  Item *item;                  /* under a health check */
} AcquireData;

static void acquire_step (GTask *task);

static void
health_check_done (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisPoolBase *self = g_task_get_source_object (task);
  AcquireData *data = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GredisReply *reply;
  Item *item = g_steal_pointer (&data->item);

  reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      gredis_reply_unref (reply);
      g_task_return_pointer (task, g_object_ref (item->connection), g_object_unref);
      return;
    }

  GREDIS_DEBUG ("pool", "A pooled connection failed its health check: %s", error->message);
  drop_taken (self, item);
  acquire_step (g_steal_pointer (&task));
}

/* Hands out @item (taken, in use) after a health check if due. Consumes
 * @task. */
static void
hand_out (GTask *task,
          Item  *item)
{
  GredisPoolBase *self = g_task_get_source_object (task);
  AcquireData *data = g_task_get_task_data (task);
  static const char * const ping[] = { "PING", NULL };

  if (needs_health_check (PRIV (self), item))
    {
      data->item = item;
      gredis_connection_send_command_async (item->connection, 1, ping, NULL, NULL,
                                            health_check_done, task);
      return;
    }
  g_task_return_pointer (task, g_object_ref (item->connection), g_object_unref);
  g_object_unref (task);
}

static void
create_at (GTask              *task,
           GSocketConnectable *endpoint)
{
  GredisPoolBase *self = g_task_get_source_object (task);
  AcquireData *data = g_task_get_task_data (task);
  GError *error = NULL;
  GredisConnection *connection;

  connection = create_connection (self, data->hint, FALSE, endpoint, &error);
  if (connection == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, connection, g_object_unref);
  g_object_unref (task);
}

static void
on_endpoint_resolved (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GTask *task = user_data;
  GredisPoolBase *self = GREDIS_POOL_BASE (source);
  g_autoptr(GSocketConnectable) endpoint = NULL;
  GError *error = NULL;

  endpoint = GREDIS_POOL_BASE_GET_CLASS (self)->resolve_endpoint_finish (self, result, &error);
  if (endpoint == NULL)
    {
      unreserve (PRIV (self));
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  create_at (task, endpoint);
}

/* In room reserved for it: where the connection goes first, when the
 * class says, then the connection. */
static void
create_and_hand_out (GTask *task)
{
  GredisPoolBase *self = g_task_get_source_object (task);
  GredisPoolBaseClass *klass = GREDIS_POOL_BASE_GET_CLASS (self);

  if (klass->resolve_endpoint_async != NULL)
    klass->resolve_endpoint_async (self, g_task_get_cancellable (task), on_endpoint_resolved, task);
  else
    create_at (task, NULL);
}

/* The blocking form of the class's resolve_endpoint: NULL without an
 * error when the class has none. */
static GSocketConnectable *
resolve_endpoint_sync (GredisPoolBase  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  GredisPoolBaseClass *klass = GREDIS_POOL_BASE_GET_CLASS (self);
  GSocketConnectable *endpoint;
  GredisSync sync;

  if (klass->resolve_endpoint_async == NULL)
    return NULL;
  gredis_sync_begin (&sync);
  klass->resolve_endpoint_async (self, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  endpoint = klass->resolve_endpoint_finish (self, sync.result, error);
  gredis_sync_end (&sync);
  return endpoint;
}

/* Makes a connection of the pool's own context, in room reserved for
 * it, where the class says. */
static GredisConnection *
create_own_connection (GredisPoolBase  *self,
                       GCancellable    *cancellable,
                       GError         **error)
{
  g_autoptr(GSocketConnectable) endpoint = NULL;
  GError *local_error = NULL;

  endpoint = resolve_endpoint_sync (self, cancellable, &local_error);
  if (local_error != NULL)
    {
      unreserve (PRIV (self));
      g_propagate_error (error, local_error);
      return NULL;
    }
  return create_connection (self, GREDIS_POOL_MODE_EXCLUSIVE, TRUE, endpoint, error);
}

static void
waiter_free (Waiter *waiter)
{
  if (waiter->timeout_source != NULL)
    {
      g_source_destroy (waiter->timeout_source);
      g_source_unref (waiter->timeout_source);
    }
  if (waiter->cancel_source != NULL)
    {
      g_source_destroy (waiter->cancel_source);
      g_source_unref (waiter->cancel_source);
    }
  g_clear_pointer (&waiter->context, g_main_context_unref);
  g_free (waiter);
}

/* In the waiter's context, once granted. */
static void
waiter_complete (Waiter *waiter)
{
  GTask *task = g_steal_pointer (&waiter->task);
  Item *item = waiter->item;
  gboolean may_create = waiter->may_create;

  waiter_free (waiter);
  if (item != NULL)
    hand_out (task, item);
  else if (may_create)
    create_and_hand_out (task);
  else
    g_assert_not_reached ();
}

/* In the waiter's context: the wait timed out or was cancelled. */
static gboolean
waiter_give_up (Waiter   *waiter,
                gboolean  timed_out)
{
  GredisPoolBase *self = g_task_get_source_object (waiter->task);
  GredisPoolBasePrivate *priv = PRIV (self);
  GTask *task;

  g_mutex_lock (&priv->lock);
  if (waiter->granted)
    {
      /* waiter_complete() is on its way. */
      g_mutex_unlock (&priv->lock);
      return G_SOURCE_REMOVE;
    }
  g_queue_remove (&priv->waiters, waiter);
  if (timed_out)
    priv->timeouts++;
  g_mutex_unlock (&priv->lock);

  task = g_steal_pointer (&waiter->task);
  waiter_free (waiter);
  if (timed_out)
    {
      gredis_i18n_init ();
      g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT,
                               _("No connection of the pool became free in time."));
    }
  else
    g_task_return_error_if_cancelled (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static gboolean
waiter_timeout_cb (gpointer user_data)
{
  return waiter_give_up (user_data, TRUE);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  return waiter_give_up (user_data, FALSE);
}

static GError *
closed_error (void)
{
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CLOSED, _("The pool is closed."));
}

static GError *
exhausted_error (guint max_connections)
{
  gredis_i18n_init ();
  return g_error_new (GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED,
                      g_dngettext (GETTEXT_PACKAGE,
                                   "The pool’s only connection is in use.",
                                   "All %u connections of the pool are in use.",
                                   max_connections),
                      max_connections);
}

/* Consumes @task. */
static void
acquire_step (GTask *task)
{
  GredisPoolBase *self = g_task_get_source_object (task);
  GredisPoolBasePrivate *priv = PRIV (self);
  AcquireData *data = g_task_get_task_data (task);
  GMainContext *context = g_task_get_context (task);
  GSList *discard = NULL;
  Item *item = NULL;
  TakeResult result;
  Waiter *waiter;

  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  g_mutex_lock (&priv->lock);
  check_fork_locked (priv);
  if (priv->closed)
    {
      g_mutex_unlock (&priv->lock);
      g_task_return_error (task, closed_error ());
      g_object_unref (task);
      return;
    }
  reap_locked (priv, &discard);
  result = take_locked (priv, data->hint, context, &item, &discard);
  if (result != TAKE_FULL)
    {
      g_mutex_unlock (&priv->lock);
      finish_unlocked (priv, NULL, discard);
      if (result == TAKE_ITEM)
        hand_out (task, item);
      else
        create_and_hand_out (task);
      return;
    }
  if (!GREDIS_POOL_BASE_GET_CLASS (self)->waits)
    {
      guint max = priv->max_connections;

      g_mutex_unlock (&priv->lock);
      finish_unlocked (priv, NULL, discard);
      g_task_return_error (task, exhausted_error (max));
      g_object_unref (task);
      return;
    }

  waiter = g_new0 (Waiter, 1);
  waiter->task = task;
  waiter->context = g_main_context_ref (context);
  waiter->hint = data->hint;
  if (priv->pool_timeout_ms > 0)
    {
      waiter->timeout_source = g_timeout_source_new (priv->pool_timeout_ms);
      g_source_set_callback (waiter->timeout_source, waiter_timeout_cb, waiter, NULL);
      g_source_set_static_name (waiter->timeout_source, "GredisPool wait timeout");
      g_source_attach (waiter->timeout_source, context);
    }
  if (g_task_get_cancellable (task) != NULL)
    {
      waiter->cancel_source = g_cancellable_source_new (g_task_get_cancellable (task));
      g_source_set_callback (waiter->cancel_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             waiter, NULL);
      g_source_attach (waiter->cancel_source, context);
    }
  g_queue_push_tail (&priv->waiters, waiter);
  priv->waits++;
  g_mutex_unlock (&priv->lock);
  finish_unlocked (priv, NULL, discard);
}

static void
gredis_pool_base_acquire_async (GredisPool              *pool,
                                const GredisPoolRequest *request,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  GTask *task = g_task_new (pool, cancellable, callback, user_data);
  AcquireData *data = g_new0 (AcquireData, 1);

  g_task_set_source_tag (task, gredis_pool_base_acquire_async);
  /* One server: the mode is all that matters. */
  data->hint = request->mode;
  g_task_set_task_data (task, data, g_free);
  acquire_step (task);
}

static GredisConnection *
gredis_pool_base_acquire_finish (GredisPool    *pool,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, pool), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        gredis_pool_base_acquire_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Blocking acquisition */

static guint
n_own_idle_locked (GredisPoolBasePrivate *priv)
{
  guint n = 0;

  for (GList *l = priv->idle.head; l != NULL; l = l->next)
    n += ((Item *) l->data)->own_context;
  return n;
}

/* Opens connections of the pool's own until min-idle of them are idle
 * (within max-connections), each up to ready, so that the next blocking
 * callers find them warm. */
static void
prewarm (GredisPoolBase *self)
{
  GredisPoolBasePrivate *priv = PRIV (self);

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      GredisConnection *connection;
      GMainContext *context;

      g_mutex_lock (&priv->lock);
      if (priv->closed || n_own_idle_locked (priv) >= priv->min_idle ||
          n_counted (priv) >= priv->max_connections || priv->waiters.length > 0)
        {
          g_mutex_unlock (&priv->lock);
          return;
        }
      priv->n_making++;
      note_peak (priv);
      g_mutex_unlock (&priv->lock);

      connection = create_own_connection (self, NULL, &error);
      if (connection == NULL)
        {
          GREDIS_DEBUG ("pool", "Could not pre-warm the pool: %s", error->message);
          return;
        }
      context = gredis_connection_get_context (connection);
      g_main_context_push_thread_default (context);
      while (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_CONNECTING ||
             gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_DISCONNECTED)
        g_main_context_iteration (context, TRUE);
      g_main_context_pop_thread_default (context);
      if (gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_READY)
        {
          gredis_pool_release (GREDIS_POOL (self), connection);
          return;
        }
      gredis_pool_release (GREDIS_POOL (self), connection);
    }
}

static void
on_sync_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GredisPoolBasePrivate *priv = user_data;

  g_mutex_lock (&priv->lock);
  g_cond_broadcast (&priv->cond);
  g_mutex_unlock (&priv->lock);
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* Takes an idle exclusive connection of a context of the pool's own, or
 * makes one on a context of its own, waiting as the pool does when all
 * are busy (whatever @request's mode: a blocking caller has the
 * connection to itself). */
static GredisConnection *
gredis_pool_base_acquire (GredisPool               *pool,
                          const GredisPoolRequest  *request,
                          GCancellable             *cancellable,
                          GError                  **error)
{
  GredisPoolBase *self = GREDIS_POOL_BASE (pool);
  GredisPoolBasePrivate *priv = PRIV (self);

  for (;;)
    {
      GSList *discard = NULL, *granted = NULL;
      Item *item = NULL;
      TakeResult result;
      Waiter waiter = { 0, };
      gulong cancel_id = 0;
      gint64 deadline;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return NULL;

      g_mutex_lock (&priv->lock);
      check_fork_locked (priv);
      if (priv->closed)
        {
          g_mutex_unlock (&priv->lock);
          g_propagate_error (error, closed_error ());
          return NULL;
        }
      reap_locked (priv, &discard);
      result = take_locked (priv, GREDIS_POOL_MODE_EXCLUSIVE, NULL, &item, &discard);
      if (result == TAKE_FULL && !GREDIS_POOL_BASE_GET_CLASS (self)->waits)
        {
          guint max = priv->max_connections;

          g_mutex_unlock (&priv->lock);
          finish_unlocked (priv, NULL, discard);
          g_propagate_error (error, exhausted_error (max));
          return NULL;
        }
      if (result == TAKE_FULL)
        {
          deadline = priv->pool_timeout_ms > 0
                     ? g_get_monotonic_time () + (gint64) priv->pool_timeout_ms * 1000
                     : G_MAXINT64;
          waiter.hint = GREDIS_POOL_MODE_EXCLUSIVE;
          g_queue_push_tail (&priv->waiters, &waiter);
          priv->waits++;
          g_mutex_unlock (&priv->lock);
          finish_unlocked (priv, NULL, discard);
          discard = NULL;

          if (cancellable != NULL)
            cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (on_sync_cancelled),
                                               priv, NULL);

          g_mutex_lock (&priv->lock);
          while (!waiter.granted && !priv->closed &&
                 !g_cancellable_is_cancelled (cancellable) &&
                 g_get_monotonic_time () < deadline)
            g_cond_wait_until (&priv->cond, &priv->lock, deadline);
          if (!waiter.granted)
            {
              gboolean closed = priv->closed;

              g_queue_remove (&priv->waiters, &waiter);
              if (!closed && !g_cancellable_is_cancelled (cancellable))
                priv->timeouts++;
              g_mutex_unlock (&priv->lock);
              if (cancel_id != 0)
                g_cancellable_disconnect (cancellable, cancel_id);
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                return NULL;
              if (closed)
                g_propagate_error (error, closed_error ());
              else
                {
                  gredis_i18n_init ();
                  g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT,
                                       _("No connection of the pool became free in time."));
                }
              return NULL;
            }
          g_mutex_unlock (&priv->lock);
          if (cancel_id != 0)
            g_cancellable_disconnect (cancellable, cancel_id);
          if (waiter.item != NULL)
            {
              item = waiter.item;
              result = TAKE_ITEM;
            }
          else
            result = TAKE_CREATE;
        }
      else
        {
          g_mutex_unlock (&priv->lock);
          finish_unlocked (priv, granted, discard);
        }

      if (result == TAKE_CREATE)
        {
          GredisConnection *connection;

          connection = create_own_connection (self, cancellable, error);
          if (connection != NULL)
            prewarm (self);
          return connection;
        }

      /* Nobody ran the private context while the connection was idle.
       * If that was for a while, the server may have closed it (its idle
       * timeout, CLIENT KILL): let it notice now rather than under a
       * command, with one look at its socket when it can. A connection
       * given back a moment ago, to a caller in a loop, is handed out
       * as it is: a close in that moment fails the next command like a
       * close while it is under way. */
      if (g_get_monotonic_time () - item->last_used >= IDLE_CHECK_US &&
          !_gredis_connection_check_idle (item->connection))
        {
          g_main_context_push_thread_default (item->context);
          while (g_main_context_pending (item->context))
            g_main_context_iteration (item->context, FALSE);
          g_main_context_pop_thread_default (item->context);
        }
      if (gredis_connection_get_state (item->connection) == GREDIS_CONNECTION_STATE_CLOSED)
        {
          drop_taken (self, item);
          continue;
        }

      if (needs_health_check (priv, item))
        {
          static const char * const ping[] = { "PING", NULL };
          GAsyncResult *ping_result = NULL;
          GredisReply *reply;
          g_autoptr(GError) ping_error = NULL;

          g_main_context_push_thread_default (item->context);
          gredis_connection_send_command_async (item->connection, 1, ping, NULL, NULL,
                                                store_result, &ping_result);
          while (ping_result == NULL)
            g_main_context_iteration (item->context, TRUE);
          g_main_context_pop_thread_default (item->context);
          reply = gredis_connection_send_command_finish (item->connection, ping_result,
                                                         &ping_error);
          g_object_unref (ping_result);
          if (reply == NULL)
            {
              GREDIS_DEBUG ("pool", "A pooled connection failed its health check: %s", ping_error->message);
              drop_taken (self, item);
              continue;
            }
          gredis_reply_unref (reply);
        }
      return g_object_ref (item->connection);
    }
}

/* Takes the shared connection of the thread-default main context (with
 * GREDIS_POOL_MODE_SHARED), an idle one of that context, or makes one,
 * without waiting: when all max-connections are counted, the blocking
 * pool fails with G_IO_ERROR_WOULD_BLOCK (its acquire_async() would
 * wait) and the simple one with GREDIS_ERROR_POOL_EXHAUSTED. */
static GredisConnection *
gredis_pool_base_try_acquire (GredisPool               *pool,
                              const GredisPoolRequest  *request,
                              GError                  **error)
{
  GredisPoolBase *self = GREDIS_POOL_BASE (pool);
  GredisPoolBasePrivate *priv = PRIV (self);
  g_autoptr(GMainContext) context = g_main_context_ref_thread_default ();

  for (;;)
    {
      GSList *discard = NULL;
      Item *item = NULL;
      TakeResult result;

      g_mutex_lock (&priv->lock);
      check_fork_locked (priv);
      if (priv->closed)
        {
          g_mutex_unlock (&priv->lock);
          g_propagate_error (error, closed_error ());
          return NULL;
        }
      reap_locked (priv, &discard);
      result = take_locked (priv, request->mode, context, &item, &discard);
      if (result == TAKE_FULL)
        {
          guint max = priv->max_connections;

          g_mutex_unlock (&priv->lock);
          finish_unlocked (priv, NULL, discard);
          if (GREDIS_POOL_BASE_GET_CLASS (self)->waits)
            {
              gredis_i18n_init ();
              g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                                   _("Every connection of the pool is in use: an acquisition would wait for one."));
            }
          else
            g_propagate_error (error, exhausted_error (max));
          return NULL;
        }
      g_mutex_unlock (&priv->lock);
      finish_unlocked (priv, NULL, discard);

      if (result == TAKE_CREATE &&
          GREDIS_POOL_BASE_GET_CLASS (self)->resolve_endpoint_async != NULL)
        {
          /* Where to connect is found asynchronously. */
          unreserve (priv);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                               "The pool makes its connections asynchronously.");
          return NULL;
        }
      if (result == TAKE_CREATE)
        return create_connection (self, request->mode, FALSE, NULL, error);

      /* An idle connection that is closed, or due for a health check
       * that cannot be waited for here, makes room for a new one. */
      if (item->users == 1 &&
          (gredis_connection_get_state (item->connection) == GREDIS_CONNECTION_STATE_CLOSED ||
           needs_health_check (priv, item)))
        {
          drop_taken (self, item);
          continue;
        }
      return g_object_ref (item->connection);
    }
}

/* Release and close */

static void
gredis_pool_base_release (GredisPool       *pool,
                          GredisConnection *connection)
{
  GredisPoolBasePrivate *priv = PRIV (pool);
  GSList *granted = NULL, *discard = NULL;
  gint64 now = g_get_monotonic_time ();
  Item *item;

  g_mutex_lock (&priv->lock);
  check_fork_locked (priv);
  item = g_hash_table_lookup (priv->items, connection);
  if (item == NULL || item->users == 0)
    {
      g_mutex_unlock (&priv->lock);
      /* A connection of the parent process, or given back twice. */
      GREDIS_DEBUG ("pool", "Connection %p does not belong to pool %p", connection, pool);
      g_object_unref (connection);
      return;
    }
  if (--item->users == 0)
    {
      priv->n_in_use--;
      item->shared = FALSE;
      if (priv->closed || item_expired (priv, item, now))
        {
          g_hash_table_steal (priv->items, connection);
          discard = g_slist_prepend (discard, item);
        }
      else
        {
          item->last_used = now;
          g_queue_push_head_link (&priv->idle, &item->link);
        }
      reap_locked (priv, &discard);
      serve_waiters_locked (priv, &granted, &discard);
    }
  g_mutex_unlock (&priv->lock);
  finish_unlocked (priv, granted, discard);
  g_object_unref (connection);
}

static void
gredis_pool_base_close (GredisPool *pool)
{
  GredisPoolBasePrivate *priv = PRIV (pool);
  GSList *discard = NULL;
  Item *item;

  g_mutex_lock (&priv->lock);
  check_fork_locked (priv);
  priv->closed = TRUE;
  while (priv->idle.length > 0)
    {
      item = g_queue_pop_head_link (&priv->idle)->data;
      g_hash_table_steal (priv->items, item->connection);
      discard = g_slist_prepend (discard, item);
    }
  g_cond_broadcast (&priv->cond);
  g_mutex_unlock (&priv->lock);

  /* Busy connections are closed when they come back. */
  finish_unlocked (priv, NULL, discard);
  if (GREDIS_POOL_BASE_GET_CLASS (pool)->closed != NULL)
    GREDIS_POOL_BASE_GET_CLASS (pool)->closed (GREDIS_POOL_BASE (pool));
}

static void
gredis_pool_base_configure (GredisPool   *pool,
                            GredisConfig *config)
{
  GredisPoolBasePrivate *priv = PRIV (pool);
  GredisConfig *old;

  g_mutex_lock (&priv->lock);
  old = g_steal_pointer (&priv->config);
  priv->config = g_object_ref (config);
  g_mutex_unlock (&priv->lock);
  g_clear_object (&old);
  if (GREDIS_POOL_BASE_GET_CLASS (pool)->configured != NULL)
    GREDIS_POOL_BASE_GET_CLASS (pool)->configured (GREDIS_POOL_BASE (pool), config);
}

static void
gredis_pool_base_pool_init (GredisPoolInterface *iface)
{
  iface->acquire_async = gredis_pool_base_acquire_async;
  iface->acquire_finish = gredis_pool_base_acquire_finish;
  iface->release = gredis_pool_base_release;
  iface->close = gredis_pool_base_close;
  iface->configure = gredis_pool_base_configure;
  iface->try_acquire = gredis_pool_base_try_acquire;
  iface->acquire = gredis_pool_base_acquire;
}

guint
_gredis_pool_base_get_peak (GredisPoolBase *self)
{
  GredisPoolBasePrivate *priv = PRIV (self);
  guint peak;

  g_mutex_lock (&priv->lock);
  peak = priv->peak;
  g_mutex_unlock (&priv->lock);
  return peak;
}

void
_gredis_pool_base_retire_all (GredisPoolBase *self)
{
  GredisPoolBasePrivate *priv = PRIV (self);
  g_autoptr(GPtrArray) busy = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) contexts = g_ptr_array_new_with_free_func ((GDestroyNotify) g_main_context_unref);
  GSList *discard = NULL;
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&priv->lock);
  check_fork_locked (priv);
  priv->epoch++;
  while (priv->idle.length > 0)
    {
      Item *item = g_queue_pop_head_link (&priv->idle)->data;

      g_hash_table_steal (priv->items, item->connection);
      discard = g_slist_prepend (discard, item);
    }
  /* A connection of a blocking caller is in its hands, on a private
   * context: it is closed when given back. */
  g_hash_table_iter_init (&iter, priv->items);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Item *item = value;

      if (!item->own_context)
        {
          g_ptr_array_add (busy, g_object_ref (item->connection));
          g_ptr_array_add (contexts, g_main_context_ref (item->context));
        }
    }
  g_mutex_unlock (&priv->lock);

  finish_unlocked (priv, NULL, discard);
  for (guint i = 0; i < busy->len; i++)
    g_main_context_invoke_full (g_ptr_array_index (contexts, i), G_PRIORITY_DEFAULT,
                                close_in_context, g_object_ref (g_ptr_array_index (busy, i)),
                                g_object_unref);
}

gboolean
_gredis_pool_base_is_current (GredisPoolBase   *self,
                              GredisConnection *connection)
{
  GredisPoolBasePrivate *priv = PRIV (self);
  Item *item;
  gboolean current;

  g_mutex_lock (&priv->lock);
  item = g_hash_table_lookup (priv->items, connection);
  current = item != NULL && item->epoch == priv->epoch;
  g_mutex_unlock (&priv->lock);
  return current;
}

guint
_gredis_pool_base_get_epoch (GredisPoolBase *self)
{
  GredisPoolBasePrivate *priv = PRIV (self);
  guint epoch;

  g_mutex_lock (&priv->lock);
  epoch = priv->epoch;
  g_mutex_unlock (&priv->lock);
  return epoch;
}

/* GObject */

static guint *
uint_field (GredisPoolBasePrivate *priv,
            guint                  prop_id)
{
  switch (prop_id)
    {
    case PROP_MAX_CONNECTIONS: return &priv->max_connections;
    case PROP_POOL_TIMEOUT_MS: return &priv->pool_timeout_ms;
    case PROP_MIN_IDLE: return &priv->min_idle;
    case PROP_IDLE_TIMEOUT_S: return &priv->idle_timeout_s;
    case PROP_MAX_LIFETIME_S: return &priv->max_lifetime_s;
    case PROP_HEALTH_CHECK_INTERVAL_S: return &priv->health_check_interval_s;
    default: return NULL;
    }
}

static void
gredis_pool_base_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  GredisPoolBasePrivate *priv = PRIV (object);
  guint *field;

  g_mutex_lock (&priv->lock);
  if ((field = uint_field (priv, prop_id)) != NULL)
    g_value_set_uint (value, *field);
  else if (prop_id == PROP_IN_USE)
    g_value_set_uint (value, priv->n_in_use);
  else if (prop_id == PROP_IDLE)
    g_value_set_uint (value, priv->idle.length);
  else if (prop_id == PROP_WAITS)
    g_value_set_uint64 (value, priv->waits);
  else if (prop_id == PROP_TIMEOUTS)
    g_value_set_uint64 (value, priv->timeouts);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  g_mutex_unlock (&priv->lock);
}

static void
gredis_pool_base_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  GredisPoolBasePrivate *priv = PRIV (object);
  gboolean changed = FALSE;
  guint *field;

  g_mutex_lock (&priv->lock);
  if ((field = uint_field (priv, prop_id)) != NULL)
    {
      changed = *field != g_value_get_uint (value);
      *field = g_value_get_uint (value);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
  g_mutex_unlock (&priv->lock);

  if (changed)
    g_object_notify_by_pspec (object, pspec);
}

static void
gredis_pool_base_finalize (GObject *object)
{
  GredisPoolBasePrivate *priv = PRIV (object);
  GHashTableIter iter;
  gpointer value;

  if (priv->generation == g_atomic_int_get (&fork_generation))
    {
      g_queue_init (&priv->idle);
      g_hash_table_iter_init (&iter, priv->items);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        {
          g_hash_table_iter_steal (&iter);
          item_discard (value);
        }
    }
  /* In a child the parent's connections are left alone. */
  g_hash_table_unref (priv->items);
  g_ptr_array_unref (priv->abandoned);
  g_clear_object (&priv->config);
  g_warn_if_fail (priv->waiters.length == 0);
  g_mutex_clear (&priv->lock);
  g_cond_clear (&priv->cond);

  G_OBJECT_CLASS (gredis_pool_base_parent_class)->finalize (object);
}

static void
gredis_pool_base_class_init (GredisPoolBaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  pthread_atfork (NULL, NULL, on_fork_child);

  object_class->get_property = gredis_pool_base_get_property;
  object_class->set_property = gredis_pool_base_set_property;
  object_class->finalize = gredis_pool_base_finalize;

  properties[PROP_MAX_CONNECTIONS] =
    g_param_spec_uint ("max-connections", NULL, NULL, 1, G_MAXUINT, 16, rw);
  properties[PROP_POOL_TIMEOUT_MS] =
    g_param_spec_uint ("pool-timeout-ms", NULL, NULL, 0, G_MAXUINT, 5000, rw);
  properties[PROP_MIN_IDLE] =
    g_param_spec_uint ("min-idle", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_IDLE_TIMEOUT_S] =
    g_param_spec_uint ("idle-timeout-s", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_MAX_LIFETIME_S] =
    g_param_spec_uint ("max-lifetime-s", NULL, NULL, 0, G_MAXUINT, 0, rw);
  properties[PROP_HEALTH_CHECK_INTERVAL_S] =
    g_param_spec_uint ("health-check-interval-s", NULL, NULL, 0, G_MAXUINT, 0, rw);
  /* Statistics: read them, they are not notified. */
  properties[PROP_IN_USE] =
    g_param_spec_uint ("in-use", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_IDLE] =
    g_param_spec_uint ("idle", NULL, NULL, 0, G_MAXUINT, 0, ro);
  properties[PROP_WAITS] =
    g_param_spec_uint64 ("waits", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  properties[PROP_TIMEOUTS] =
    g_param_spec_uint64 ("timeouts", NULL, NULL, 0, G_MAXUINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gredis_pool_base_init (GredisPoolBase *self)
{
  GredisPoolBasePrivate *priv = PRIV (self);

  g_mutex_init (&priv->lock);
  g_cond_init (&priv->cond);
  priv->max_connections = 16;
  priv->pool_timeout_ms = 5000;
  priv->items = g_hash_table_new (NULL, NULL);
  priv->abandoned = g_ptr_array_new ();
  priv->generation = g_atomic_int_get (&fork_generation);
}
