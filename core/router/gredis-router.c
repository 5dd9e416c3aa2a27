/* gredis-router.c: the pool, and the shared connection of each main
 * context
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

#include <string.h>
#include "gredis-router-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-connection-private.h"
#include "gredis-key-slot-private.h"
#include "gredis-pool-cluster-private.h"
#include "gredis-cluster-topology-private.h"
#include "gredis-pool-sentinel-private.h"
#include "gredis-router-fanout-private.h"
#include "gredis-sync-private.h"

/* Shared connections
 *
 * The multiplexed connection of each main context is taken from the
 * pool (GREDIS_POOL_MODE_SHARED), so that max-connections bounds it too;
 * the router holds it, as one user of the pool, until it closes (it is
 * then given back at once, which makes room) or the router closes. It
 * is asked for with gredis_pool_try_acquire(), which does not wait. When
 * that would wait (G_IO_ERROR_WOULD_BLOCK: the blocking pool is full, or
 * the pool hands out connections only asynchronously), the commands of
 * that context wait, in order, for gredis_pool_acquire_async() and are
 * then queued on the connection it grants; any other error fails them
 * (GREDIS_ERROR_POOL_EXHAUSTED from the simple pool).
 *
 * The async hot path costs the lock, a look at the context found last
 * and, for another context, one hash lookup: no allocation.
 *
 * A blocking call of the API that runs the asynchronous code on a
 * private main context of its own (GredisSync) would leave the shared
 * connection of that context held for ever, the context being gone: the
 * router asks GredisSync, when it takes a connection for such a context,
 * to call it back when the run ends (gredis_sync_watch_end()), and then
 * closes that connection and gives it back to the pool (sync_ended()). */

/* The connections the slot cache knows at most (nodes of one cluster). */
#define SLOT_CACHE_MAX_CONNECTIONS 64

struct _GredisRouter
{
  gatomicrefcount ref_count;

  GredisConfig *config;
  GWeakRef owner;
  GCallback on_push;

  GMutex lock;
  GredisPool *pool;            /* made on first use */
  GHashTable *connections;     /* GMainContext → GredisConnection */
  GHashTable *waiting;         /* GMainContext → SharedWait */
  /* Under the lock: the entry of @connections found last, so that a
   * context sending many commands skips the hash lookup. Both borrowed:
   * valid while that entry stays in the table (which holds a reference
   * on the context, so the address cannot be reused meanwhile); cleared
   * whenever an entry leaves it. */
  GMainContext *last_context;
  GredisConnection *last_connection;
  gboolean closed;

  /* Under the lock: the retry policy of every path (set by the
   * application, or made from the configuration on first use and made
   * again after its retry keys change), and whether it was set. */
  GredisRetry *retry;
  gboolean retry_is_set;
  guint network_epoch;         /* atomic */

  /* Atomic: how the pool hands out shared connections, known once it is
   * made. With ROUTE_BY_SLOT the pool is asked for each command, with
   * the command's slot (ROUTE_BY_INTENT: with whether it only reads, for
   * a sentinel pool that sends reads to replicas), and the router holds
   * each connection it gets
   * once, in @held (GredisConnection, the reference that is the hold),
   * until the connection closes or the router does. */
  gint route;
  GHashTable *held;

  /* Under the lock, by-slot routing: for one context, which held
   * connection each slot's commands got, while the cluster pool's epoch
   * stays @slot_epoch, so that a command skips the pool.
   * @slot_index[slot] is 0 (not known) or 1 + an index in
   * @slot_connections (borrowed: each is in @held, and the cache is
   * emptied whenever a connection leaves it). */
  GMainContext *slot_context;
  guint slot_epoch;
  guint8 *slot_index;
  GredisConnection *slot_connections[SLOT_CACHE_MAX_CONNECTIONS];
  guint n_slot_connections;

  /* Called when a cluster pool's topology changes (set once, before the
   * pool is made). */
  GredisRouterTopologyFunc topology_func;

  /* The observers of GredisConfig:observe, made with the pool (under the
   * lock, before any connection is handed out; read without it after):
   * NULL when none is chosen (or one is missing, with a warning). Each
   * connection gets them the first time the router hands it out. */
  GredisObservers *observers;
  gboolean observers_made;
};

enum {
  ROUTE_UNKNOWN,
  ROUTE_SINGLE,
  ROUTE_BY_SLOT,
  ROUTE_BY_INTENT,
};

/* Marks the connections whose push frames go to a router's owner. */
static GQuark push_quark;

static GredisObservers *
make_observers (GredisConfig *config)
{
  g_autoptr(GError) error = NULL;
  GredisObservers *observers;

  observers = _gredis_observers_new_for_config (config, &error);
  if (observers == NULL && error != NULL)
    g_warning ("The client observes nothing: %s", error->message);
  return observers;
}

GredisRouter *
_gredis_router_new (GredisConfig          *config,
                    GObject               *owner,
                    GCallback              on_push)
{
  GredisRouter *router = g_new0 (GredisRouter, 1);

  if (G_UNLIKELY (push_quark == 0))
    push_quark = g_quark_from_static_string ("gredis-router-push");
  g_atomic_ref_count_init (&router->ref_count);
  router->config = g_object_ref (config);
  g_weak_ref_init (&router->owner, owner);
  router->on_push = on_push;
  g_mutex_init (&router->lock);
  router->connections = g_hash_table_new_full (NULL, NULL,
                                               (GDestroyNotify) g_main_context_unref,
                                               g_object_unref);
  router->waiting = g_hash_table_new (NULL, NULL);
  router->held = g_hash_table_new (NULL, NULL);
  return router;
}

/* Under the lock: the observers are made with the pool (or when asked
 * for before), from the configuration as it is then. */
static void
ensure_observers_locked (GredisRouter *router)
{
  if (router->observers_made)
    return;
  router->observers_made = TRUE;
  router->observers = make_observers (router->config);
}

GredisObservers *
_gredis_router_get_observers (GredisRouter *router)
{
  GredisObservers *observers;

  g_mutex_lock (&router->lock);
  ensure_observers_locked (router);
  observers = router->observers;
  g_mutex_unlock (&router->lock);
  return observers;
}

GredisObservers *
_gredis_router_peek_observers (GredisRouter *router)
{
  return router->observers;
}

GredisRouter *
_gredis_router_ref (GredisRouter *router)
{
  g_atomic_ref_count_inc (&router->ref_count);
  return router;
}

void
_gredis_router_unref (GredisRouter *router)
{
  if (!g_atomic_ref_count_dec (&router->ref_count))
    return;
  if (!router->closed)
    _gredis_router_close (router);
  g_hash_table_unref (router->connections);
  g_hash_table_unref (router->waiting);
  g_hash_table_unref (router->held);
  g_free (router->slot_index);
  g_clear_object (&router->pool);
  g_clear_object (&router->retry);
  g_clear_pointer (&router->observers, _gredis_observers_unref);
  g_weak_ref_clear (&router->owner);
  g_object_unref (router->config);
  g_mutex_clear (&router->lock);
  g_free (router);
}

GredisConfig *
_gredis_router_get_config (GredisRouter *router)
{
  return router->config;
}

gboolean
_gredis_router_is_closed (GredisRouter *router)
{
  gboolean closed;

  g_mutex_lock (&router->lock);
  closed = router->closed;
  g_mutex_unlock (&router->lock);
  return closed;
}

GError *
_gredis_router_closed_error (void)
{
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CLOSED, _("The client is closed."));
}

/* What the pool's topology-changed handler holds: the owner, weakly
 * (the pool may outlive it), and the function to call. */
typedef struct
{
  GWeakRef owner;
  GredisRouterTopologyFunc func;
} TopologyWatch;

static void
topology_watch_free (gpointer  data,
                     GClosure *closure)
{
  TopologyWatch *watch = data;

  g_weak_ref_clear (&watch->owner);
  g_free (watch);
}

/* On the pool's thread. */
static void
on_topology_changed (GObject  *pool,
                     guint     changes,
                     gpointer  data)
{
  TopologyWatch *watch = data;
  g_autoptr(GObject) owner = g_weak_ref_get (&watch->owner);

  if (owner != NULL)
    watch->func (owner, changes);
}

/* On the pool's thread. */
static void
observe_topology (GObject  *pool,
                  guint     changes,
                  gpointer  data)
{
  _gredis_observers_topology_changed (data, changes);
}

/* Under the lock. */
static void
watch_topology (GredisRouter *router,
                GObject      *pool)
{
  TopologyWatch *watch = g_new (TopologyWatch, 1);
  g_autoptr(GObject) owner = g_weak_ref_get (&router->owner);

  g_weak_ref_init (&watch->owner, owner);
  watch->func = router->topology_func;
  g_signal_connect_data (pool, "topology-changed", G_CALLBACK (on_topology_changed), watch,
                         topology_watch_free, 0);
}

void
_gredis_router_set_topology_func (GredisRouter             *router,
                                  GredisRouterTopologyFunc  func)
{
  g_mutex_lock (&router->lock);
  g_warn_if_fail (router->pool == NULL);
  router->topology_func = func;
  g_mutex_unlock (&router->lock);
}

gboolean
_gredis_router_get_cluster_counters (GredisRouter *router,
                                     guint64      *n_moved,
                                     guint64      *n_ask,
                                     guint64      *n_fetches)
{
  g_autoptr(GredisPool) pool = NULL;

  *n_moved = *n_ask = *n_fetches = 0;
  g_mutex_lock (&router->lock);
  if (router->pool != NULL && g_atomic_int_get (&router->route) == ROUTE_BY_SLOT)
    pool = g_object_ref (router->pool);
  g_mutex_unlock (&router->lock);
  if (pool == NULL)
    return FALSE;
  _gredis_pool_cluster_get_counters (pool, n_moved, n_ask, n_fetches);
  return TRUE;
}

GredisPool *
_gredis_router_get_pool (GredisRouter  *router,
                         GError       **error)
{
  g_autoptr(GObject) made = NULL;
  GredisPool *pool;

  g_mutex_lock (&router->lock);
  if (router->pool == NULL && !router->closed)
    {
      ensure_observers_locked (router);
      made = gredis_plugins_create (GREDIS_PLUGIN_POOL, gredis_config_get_pool (router->config),
                                    error);
      if (made != NULL && !gredis_config_apply_to_plugin (router->config, made, error))
        g_clear_object (&made);
      if (made != NULL)
        {
          gredis_pool_configure (GREDIS_POOL (made), router->config);
          if (router->topology_func != NULL && _gredis_pool_routes_by_slot (GREDIS_POOL (made)))
            watch_topology (router, made);
          if (router->observers != NULL && _gredis_pool_routes_by_slot (GREDIS_POOL (made)))
            g_signal_connect_data (made, "topology-changed", G_CALLBACK (observe_topology),
                                   _gredis_observers_ref (router->observers),
                                   (GClosureNotify) (void (*) (void)) _gredis_observers_unref, 0);
          router->pool = GREDIS_POOL (g_steal_pointer (&made));
          g_atomic_int_set (&router->route, _gredis_pool_routes_by_slot (router->pool) ? ROUTE_BY_SLOT
                                            : _gredis_pool_sentinel_routes_reads (router->pool) ? ROUTE_BY_INTENT
                                            : ROUTE_SINGLE);
        }
    }
  else if (router->closed)
    g_propagate_error (error, _gredis_router_closed_error ());
  pool = router->pool != NULL && !router->closed ? g_object_ref (router->pool) : NULL;
  g_mutex_unlock (&router->lock);
  return pool;
}

static void
watch_push (GredisRouter     *router,
            GredisConnection *connection,
            GObject          *owner)
{
  /* The first time the router hands the connection out, as below. */
  if (G_UNLIKELY (router->observers != NULL))
    _gredis_connection_set_observers (connection, router->observers);
  if (owner == NULL || g_object_get_qdata (G_OBJECT (connection), push_quark) != NULL)
    return;
  g_object_set_qdata (G_OBJECT (connection), push_quark, GINT_TO_POINTER (1));
  g_signal_connect_object (connection, "push", router->on_push, owner, 0);
}

void
_gredis_router_watch_push (GredisRouter     *router,
                           GredisConnection *connection)
{
  g_autoptr(GObject) owner = NULL;

  if (G_LIKELY (g_object_get_qdata (G_OBJECT (connection), push_quark) != NULL))
    return;
  owner = g_weak_ref_get (&router->owner);
  watch_push (router, connection, owner);
}

typedef struct
{
  GredisRouter *router;
  GMainContext *context;
  GCancellable *cancellable;   /* cancelled when the router closes */
  GQueue calls;                /* GredisCall, made from GredisRouterCommand */
  gboolean hold;               /* for a command routed by slot or intent: the
                                * connection is held, not installed as the
                                * context's */
  gint64 wait_start;           /* with observers: when the wait began */
} SharedWait;

static void
shared_wait_free (SharedWait *wait)
{
  _gredis_router_unref (wait->router);
  g_main_context_unref (wait->context);
  g_object_unref (wait->cancellable);
  g_free (wait);
}

/* A call for @command, keeping it to be sent later or again. */
static GredisCall *
pending_to_call (const GredisRouterCommand *command)
{
  GredisCall *call = _gredis_call_new (command->source_object, command->cancellable,
                                       command->callback, command->user_data,
                                       command->source_tag);

  _gredis_call_keep_command (call);
  _gredis_router_retry_store_command (call, command->argc, command->argv, command->argv_lengths,
                                      command->args);
  return call;
}

/* @call, or a call made for @command, waits for the pool behind the
 * calls already waiting. */
static void
wait_push (SharedWait                *wait,
           GredisCall                *call,
           const GredisRouterCommand *command)
{
  g_queue_push_tail (&wait->calls,
                     call != NULL ? _gredis_call_ref (call) : pending_to_call (command));
}

/* Fails the waiting calls of @wait with @error and frees it. */
static void
shared_wait_fail (SharedWait   *wait,
                  const GError *error)
{
  GredisCall *call;

  while ((call = g_queue_pop_head (&wait->calls)) != NULL)
    {
      _gredis_call_return (call, NULL, g_error_copy (error));
      _gredis_call_unref (call);
    }
  shared_wait_free (wait);
}

static void
release_to_pool (GredisRouter     *router,
                 GredisConnection *connection)
{
  g_autoptr(GredisPool) pool = NULL;

  /* Even once closed: the pool drops what comes back. */
  g_mutex_lock (&router->lock);
  if (router->pool != NULL)
    pool = g_object_ref (router->pool);
  g_mutex_unlock (&router->lock);

  if (pool != NULL)
    gredis_pool_release (pool, connection);
  else
    g_object_unref (connection);
}

/* Under the lock: an entry of @connections is about to change. */
static inline void
forget_last_locked (GredisRouter *router)
{
  router->last_context = NULL;
  router->last_connection = NULL;
}

/* Under the lock: the slot cache forgets everything. */
static void
forget_slots_locked (GredisRouter *router)
{
  if (router->slot_context == NULL)
    return;
  router->slot_context = NULL;
  router->n_slot_connections = 0;
  memset (router->slot_index, 0, GREDIS_CLUSTER_N_SLOTS);
}

/* Under the lock: @connection, held, serves @slot for @context while
 * the pool's epoch is @epoch. */
static void
learn_slot_locked (GredisRouter     *router,
                   GMainContext     *context,
                   guint             epoch,
                   gint              slot,
                   GredisConnection *connection)
{
  guint i;

  if (slot < 0 || slot >= GREDIS_CLUSTER_N_SLOTS || router->closed ||
      !g_hash_table_contains (router->held, connection))
    return;
  if (router->slot_context != context || router->slot_epoch != epoch)
    {
      forget_slots_locked (router);
      if (router->slot_index == NULL)
        router->slot_index = g_new0 (guint8, GREDIS_CLUSTER_N_SLOTS);
      router->slot_context = context;
      router->slot_epoch = epoch;
    }
  for (i = 0; i < router->n_slot_connections; i++)
    if (router->slot_connections[i] == connection)
      break;
  if (i == router->n_slot_connections)
    {
      if (i == SLOT_CACHE_MAX_CONNECTIONS)
        return;
      router->slot_connections[router->n_slot_connections++] = connection;
    }
  router->slot_index[slot] = (guint8) (i + 1);
}

static void
on_shared_state (GredisConnection *connection,
                 GParamSpec       *pspec,
                 gpointer          data)
{
  GredisRouter *router = data;
  GMainContext *context = gredis_connection_get_context (connection);
  GMainContext *key = NULL;
  gpointer value = NULL;
  gboolean remove;

  if (gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED)
    return;
  /* Closed: give it back, so that it no longer counts. */
  g_mutex_lock (&router->lock);
  remove = g_hash_table_lookup (router->connections, context) == connection &&
           g_hash_table_steal_extended (router->connections, context, (gpointer *) &key, &value);
  if (remove)
    forget_last_locked (router);
  g_mutex_unlock (&router->lock);
  if (remove)
    {
      /* The handler holds the reference that may be the last one. */
      _gredis_router_ref (router);
      g_signal_handlers_disconnect_by_func (connection, on_shared_state, router);
      g_main_context_unref (key);
      release_to_pool (router, value);
      _gredis_router_unref (router);
    }
}

static void
unref_router (gpointer  data,
              GClosure *closure)
{
  _gredis_router_unref (data);
}

static void on_held_state (GredisConnection *connection,
                           GParamSpec       *pspec,
                           gpointer          data);

/* A blocking call's run on its private @context ends (on its thread,
 * with @context thread-default): the connections of @context, which
 * nothing will use again, are closed and given back. */
static void
sync_ended (GMainContext *context,
            gpointer      data)
{
  GredisRouter *router = data;
  g_autoptr(GPtrArray) held = g_ptr_array_new ();
  GredisConnection *shared = NULL;
  GMainContext *key = NULL;
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&router->lock);
  if (g_hash_table_steal_extended (router->connections, context, (gpointer *) &key,
                                   (gpointer *) &shared))
    forget_last_locked (router);
  g_hash_table_iter_init (&iter, router->held);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    if (gredis_connection_get_context (value) == context)
      {
        g_ptr_array_add (held, value);
        g_hash_table_iter_steal (&iter);
      }
  if (held->len > 0)
    forget_slots_locked (router);
  g_mutex_unlock (&router->lock);

  if (shared != NULL)
    {
      g_signal_handlers_disconnect_by_func (shared, on_shared_state, router);
      gredis_connection_close (shared);
      g_main_context_unref (key);
      release_to_pool (router, shared);
    }
  for (guint i = 0; i < held->len; i++)
    {
      GredisConnection *connection = g_ptr_array_index (held, i);

      g_signal_handlers_disconnect_by_func (connection, on_held_state, router);
      gredis_connection_close (connection);
      release_to_pool (router, connection);
    }
}

/* Under the lock: when @context is the private one of a blocking call's
 * run, its connections are given back when the run ends. */
static inline void
watch_sync_locked (GredisRouter *router,
                   GMainContext *context)
{
  /* The watch's reference (dropped at once when it watches already,
   * which cannot be the last one: the caller holds one). */
  if (gredis_sync_watch_end (context, sync_ended, _gredis_router_ref (router),
                             (GDestroyNotify) _gredis_router_unref))
    return;
  /* Not a private context: the reference cannot be the last one either. */
  g_atomic_ref_count_dec (&router->ref_count);
}

/* Under the lock: makes @connection (reference taken) the shared one of
 * @context. @owner is the router's, taken before the lock (dropping the
 * last reference to it under the lock would close the router), or NULL
 * once it is gone. */
static void
install_locked (GredisRouter     *router,
                GMainContext     *context,
                GredisConnection *connection,
                GObject          *owner)
{
  /* Its failed commands are sent again (gredis-router-retry.c). */
  if (owner != NULL)
    _gredis_router_retry_watch_connection (router, owner, connection);
  watch_push (router, connection, owner);
  g_signal_connect_data (connection, "notify::state", G_CALLBACK (on_shared_state),
                         _gredis_router_ref (router), unref_router, 0);
  g_hash_table_replace (router->connections, g_main_context_ref (context), connection);
  router->last_context = context;
  router->last_connection = connection;
  watch_sync_locked (router, context);
}

static void
on_held_state (GredisConnection *connection,
               GParamSpec       *pspec,
               gpointer          data)
{
  GredisRouter *router = data;
  gboolean remove;

  if (gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED)
    return;
  g_mutex_lock (&router->lock);
  remove = g_hash_table_steal (router->held, connection);
  if (remove)
    forget_slots_locked (router);
  g_mutex_unlock (&router->lock);
  if (remove)
    {
      /* The handler holds the reference that may be the last one. */
      _gredis_router_ref (router);
      g_signal_handlers_disconnect_by_func (connection, on_held_state, router);
      release_to_pool (router, connection);
      _gredis_router_unref (router);
    }
}

/* Under the lock, by-slot routing: makes @connection, acquired from the
 * pool, one the router holds, and takes the reference; FALSE when it
 * holds it already (the caller then gives this use back). */
static gboolean
hold_locked (GredisRouter     *router,
             GredisConnection *connection,
             GObject          *owner)
{
  if (g_hash_table_contains (router->held, connection))
    return FALSE;
  if (owner != NULL)
    _gredis_router_retry_watch_connection (router, owner, connection);
  watch_push (router, connection, owner);
  g_signal_connect_data (connection, "notify::state", G_CALLBACK (on_held_state),
                         _gredis_router_ref (router), unref_router, 0);
  g_hash_table_add (router->held, connection);
  watch_sync_locked (router, gredis_connection_get_context (connection));
  return TRUE;
}

static void
on_shared_acquired (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SharedWait *wait = user_data;
  GredisRouter *router = wait->router;
  g_autoptr(GObject) owner = g_weak_ref_get (&router->owner);
  GredisConnection *connection;
  GError *error = NULL;
  gboolean current;
  GredisCall *call;

  connection = gredis_pool_acquire_finish (GREDIS_POOL (source), result, &error);
  if (G_UNLIKELY (router->observers != NULL))
    _gredis_observers_pool_waited (router->observers, wait->wait_start, error);

  g_mutex_lock (&router->lock);
  current = g_hash_table_lookup (router->waiting, wait->context) == wait;
  if (current)
    g_hash_table_steal (router->waiting, wait->context);
  if (connection != NULL && current && !router->closed)
    {
      if (wait->hold)
        {
          if (hold_locked (router, connection, owner))
            connection = NULL;
        }
      else
        {
          install_locked (router, wait->context, g_object_ref (connection), owner);
          g_clear_object (&connection);
        }
    }
  g_mutex_unlock (&router->lock);

  if (connection != NULL && current && !router->closed)
    {
      /* Held already: this use of it is given back. */
      release_to_pool (router, connection);
      connection = NULL;
    }
  if (connection != NULL)
    {
      /* The router closed meanwhile; its close failed the calls. */
      release_to_pool (router, connection);
      error = _gredis_router_closed_error ();
    }
  if (error != NULL)
    {
      shared_wait_fail (wait, error);
      g_error_free (error);
      return;
    }

  g_main_context_push_thread_default (wait->context);
  while ((call = g_queue_pop_head (&wait->calls)) != NULL)
    {
      _gredis_router_retry_queue_call (router, call);
      _gredis_call_unref (call);
    }
  g_main_context_pop_thread_default (wait->context);
  shared_wait_free (wait);
}

/* The shared connection of the thread-default main context, taken from
 * the pool if needed. NULL with @error, or, when the pool would wait,
 * NULL without an error when @call or @command (one of them, if any, is
 * given) was taken to be queued once the pool grants a connection. */
static GredisConnection *
lookup_connection (GredisRouter               *router,
                   GredisCall                 *call,
                   const GredisRouterCommand  *command,
                   GError                    **error)
{
  GMainContext *context = g_main_context_get_thread_default ();
  g_autoptr(GredisPool) pool = NULL;
  g_autoptr(GObject) owner = NULL;
  GredisPoolRequest request;
  GredisConnection *connection;
  GError *local_error = NULL;
  SharedWait *wait;

  if (context == NULL)
    context = g_main_context_default ();

  g_mutex_lock (&router->lock);
  if (G_UNLIKELY (router->closed))
    {
      g_mutex_unlock (&router->lock);
      g_propagate_error (error, _gredis_router_closed_error ());
      return NULL;
    }
  if (G_LIKELY (context == router->last_context))
    connection = router->last_connection;
  else
    {
      connection = g_hash_table_lookup (router->connections, context);
      if (connection != NULL)
        {
          router->last_context = context;
          router->last_connection = connection;
        }
    }
  if (G_LIKELY (connection != NULL &&
                gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED))
    {
      g_object_ref (connection);
      g_mutex_unlock (&router->lock);
      return connection;
    }
  wait = g_hash_table_lookup (router->waiting, context);
  if (wait != NULL)
    {
      if (call == NULL && command == NULL)
        {
          g_mutex_unlock (&router->lock);
          gredis_i18n_init ();
          g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED,
                               _("Every connection of the pool is in use: commands of this main context wait for one."));
          return NULL;
        }
      /* Behind the commands already waiting, in order; under the lock,
       * which _gredis_router_close() takes them under, maybe from
       * another thread. */
      wait_push (wait, call, command);
      g_mutex_unlock (&router->lock);
      return NULL;
    }
  g_mutex_unlock (&router->lock);

  pool = _gredis_router_get_pool (router, error);
  if (pool == NULL)
    return NULL;
  gredis_pool_request_init (&request, GREDIS_POOL_MODE_SHARED);
  connection = gredis_pool_try_acquire (pool, &request, &local_error);

  if (connection == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (call == NULL && command == NULL)
        {
          /* gredis_client_get_connection() never waits. */
          g_error_free (local_error);
          gredis_i18n_init ();
          g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED,
                               _("The pool cannot hand out a connection without waiting."));
          return NULL;
        }
      g_error_free (local_error);

      g_mutex_lock (&router->lock);
      if (router->closed)
        {
          g_mutex_unlock (&router->lock);
          g_propagate_error (error, _gredis_router_closed_error ());
          return NULL;
        }
      wait = g_hash_table_lookup (router->waiting, context);
      if (wait == NULL)
        {
          wait = g_new0 (SharedWait, 1);
          wait->router = _gredis_router_ref (router);
          wait->context = g_main_context_ref (context);
          wait->cancellable = g_cancellable_new ();
          g_queue_init (&wait->calls);
          wait->hold = g_atomic_int_get (&router->route) == ROUTE_BY_SLOT;
          if (G_UNLIKELY (router->observers != NULL))
            wait->wait_start = g_get_monotonic_time ();
          g_hash_table_insert (router->waiting, context, wait);
          wait_push (wait, call, command);
          g_mutex_unlock (&router->lock);
          gredis_pool_acquire_async (pool, &request, wait->cancellable, on_shared_acquired, wait);
        }
      else
        {
          wait_push (wait, call, command);
          g_mutex_unlock (&router->lock);
        }
      return NULL;
    }

  owner = g_weak_ref_get (&router->owner);
  g_mutex_lock (&router->lock);
  if (router->closed)
    {
      g_mutex_unlock (&router->lock);
      release_to_pool (router, connection);
      g_propagate_error (error, _gredis_router_closed_error ());
      return NULL;
    }
  else
    {
      GredisConnection *current = g_hash_table_lookup (router->connections, context);
      GredisConnection *old = NULL;

      if (current != NULL &&
          gredis_connection_get_state (current) != GREDIS_CONNECTION_STATE_CLOSED)
        {
          /* Another thread of this context was quicker. */
          g_object_ref (current);
          g_mutex_unlock (&router->lock);
          release_to_pool (router, connection);
          return current;
        }
      if (current != NULL)
        {
          GMainContext *key = NULL;

          forget_last_locked (router);
          g_hash_table_steal_extended (router->connections, context, (gpointer *) &key,
                                       (gpointer *) &old);
          g_main_context_unref (key);
        }
      install_locked (router, context, g_object_ref (connection), owner);
      g_mutex_unlock (&router->lock);
      if (old != NULL)
        {
          g_signal_handlers_disconnect_by_func (old, on_shared_state, router);
          release_to_pool (router, old);
        }
    }
  return connection;
}

/* How the pool routes; makes the pool the first time (ROUTE_UNKNOWN
 * when it cannot be made). One atomic read and a predictable branch
 * after that. */
static inline gint
current_route (GredisRouter *router)
{
  gint route = g_atomic_int_get (&router->route);

  if (G_LIKELY (route == ROUTE_SINGLE))
    return route;
  if (route == ROUTE_UNKNOWN)
    {
      /* An error comes back again on the ordinary path. */
      g_autoptr(GredisPool) pool = _gredis_router_get_pool (router, NULL);

      route = g_atomic_int_get (&router->route);
    }
  return route;
}

static inline gboolean
routes_by_slot (GredisRouter *router)
{
  return current_route (router) == ROUTE_BY_SLOT;
}

/* The slot of a command's keys, GREDIS_POOL_NO_SLOT for none, or -2 with
 * GREDIS_ERROR_CROSSSLOT when its keys are in several slots: it is not
 * sent. *@info_out (if not NULL): its table entry, or NULL for a command the table does
 * not know. */
static gint
command_slot (guint                     argc,
              const char * const       *argv,
              const gsize              *argv_lengths,
              GBytes * const           *args,
              const GredisCommandInfo **info_out,
              GError                  **error)
{
  const char *stack_argv[16];
  gsize stack_lengths[16];
  g_autofree const char **heap_argv = NULL;
  g_autofree gsize *heap_lengths = NULL;
  const GredisCommandInfo *info;
  gint slot;

  if (args != NULL)
    {
      const char **a = stack_argv;
      gsize *l = stack_lengths;

      if (argc > G_N_ELEMENTS (stack_argv))
        {
          a = heap_argv = g_new (const char *, argc);
          l = heap_lengths = g_new (gsize, argc);
        }
      for (guint i = 0; i < argc; i++)
        {
          a[i] = g_bytes_get_data (args[i], &l[i]);
          if (a[i] == NULL)
            a[i] = "";
        }
      argv = a;
      argv_lengths = l;
    }
  info = gredis_command_table_lookup_argv (argc, argv, argv_lengths);
  if (info_out != NULL)
    *info_out = info;
  slot = info != NULL ? _gredis_command_slot (info, argc, argv, argv_lengths) : GREDIS_KEY_SLOT_NONE;
  if (slot == GREDIS_KEY_SLOT_CROSS)
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT,
                           _("The keys of the command are in different slots of the cluster, so it was not sent: give keys that must go together the same hash tag, such as {user1}:name and {user1}:email (or set cluster-split to send one command per slot, which is not atomic)."));
    }
  return slot;
}

/* What the pool is asked for a command of @info: a read when the table
 * flags it read-only. */
static inline GredisPoolIntent
command_intent (const GredisCommandInfo *info)
{
  return info != NULL && gredis_command_info_is_read_only (info) ? GREDIS_POOL_INTENT_READ
                                                                 : GREDIS_POOL_INTENT_WRITE;
}

gboolean
_gredis_router_command_slot (GredisRouter        *router,
                             guint                argc,
                             const char * const  *argv,
                             const gsize         *argv_lengths,
                             GBytes * const      *args,
                             gint                *slot,
                             GError             **error)
{
  GredisPoolIntent intent;

  return _gredis_router_command_route (router, argc, argv, argv_lengths, args, slot, &intent,
                                       NULL, error);
}

gboolean
_gredis_router_command_route (GredisRouter             *router,
                              guint                     argc,
                              const char * const       *argv,
                              const gsize              *argv_lengths,
                              GBytes * const           *args,
                              gint                     *slot,
                              GredisPoolIntent         *intent,
                              const GredisCommandInfo **info,
                              GError                  **error)
{
  const GredisCommandInfo *found = NULL;
  gint route;

  *slot = GREDIS_POOL_NO_SLOT;
  *intent = GREDIS_POOL_INTENT_WRITE;
  if (info != NULL)
    *info = NULL;
  route = current_route (router);
  if (G_LIKELY (route != ROUTE_BY_SLOT && route != ROUTE_BY_INTENT))
    return TRUE;
  if (route == ROUTE_BY_INTENT)
    {
      /* No slot: a sentinel pool serves every key. */
      command_slot (argc, argv, argv_lengths, args, &found, NULL);
      *intent = command_intent (found);
      if (info != NULL)
        *info = found;
      return TRUE;
    }
  *slot = command_slot (argc, argv, argv_lengths, args, &found, error);
  *intent = command_intent (found);
  if (info != NULL)
    *info = found;
  return *slot != GREDIS_KEY_SLOT_CROSS;
}

/* "<PREFIX> <slot> <host>:<port>", the text of a MOVED or ASK error; the
 * host may be an IPv6 address. */
static gboolean
parse_redirect (const GError  *error,
                const char    *prefix,
                guint         *slot,
                char         **host,
                guint16       *port)
{
  g_auto(GStrv) words = g_strsplit (error->message, " ", 0);
  guint64 slot_number = 0;
  guint64 port_number = 0;
  const char *colon;

  if (g_strv_length (words) != 3 || !g_str_equal (words[0], prefix) ||
      !g_ascii_string_to_unsigned (words[1], 10, 0, 16383, &slot_number, NULL) ||
      (colon = strrchr (words[2], ':')) == NULL || colon == words[2] ||
      !g_ascii_string_to_unsigned (colon + 1, 10, 1, 65535, &port_number, NULL))
    return FALSE;
  *slot = (guint) slot_number;
  *host = g_strndup (words[2], colon - words[2]);
  *port = (guint16) port_number;
  return TRUE;
}

gboolean
_gredis_router_follow_moved (GredisRouter *router,
                             const GError *error)
{
  g_autoptr(GredisPool) pool = NULL;
  g_autofree char *host = NULL;
  guint slot = 0;
  guint16 port = 0;

  if (!g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_MOVED) || !routes_by_slot (router) ||
      !parse_redirect (error, "MOVED", &slot, &host, &port))
    return FALSE;
  pool = _gredis_router_get_pool (router, NULL);
  if (pool == NULL)
    return FALSE;
  _gredis_pool_cluster_patch_moved (pool, slot, host, port);
  /* Every path follows redirects here: the observers see each once. */
  if (G_UNLIKELY (router->observers != NULL))
    _gredis_observers_redirect_followed (router->observers, "MOVED", slot, host, port);
  return TRUE;
}

GSocketConnectable *
_gredis_router_follow_ask (GredisRouter *router,
                           const GError *error)
{
  g_autoptr(GredisPool) pool = NULL;
  g_autofree char *host = NULL;
  guint slot = 0;
  guint16 port = 0;

  if (!g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_ASK) || !routes_by_slot (router) ||
      !parse_redirect (error, "ASK", &slot, &host, &port))
    return NULL;
  pool = _gredis_router_get_pool (router, NULL);
  if (pool == NULL)
    return NULL;
  _gredis_pool_cluster_count_ask (pool);
  if (G_UNLIKELY (router->observers != NULL))
    _gredis_observers_redirect_followed (router->observers, "ASK", slot, host, port);
  return g_network_address_new (host, port);
}

gboolean
_gredis_router_is_cluster_busy (GredisRouter *router,
                                const GError *error)
{
  return (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_TRYAGAIN) ||
          g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_CLUSTERDOWN)) &&
         routes_by_slot (router);
}

void
_gredis_router_note_failure (GredisRouter *router,
                             const GError *error)
{
  g_autoptr(GredisPool) pool = NULL;
  gboolean connection_failed;

  if (error->domain == GREDIS_ERROR)
    connection_failed = error->code == GREDIS_ERROR_CONNECTION || error->code == GREDIS_ERROR_CLOSED ||
                        error->code == GREDIS_ERROR_TIMEOUT || error->code == GREDIS_ERROR_UNKNOWN_OUTCOME;
  else
    connection_failed = error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED;
  if (!connection_failed || !routes_by_slot (router))
    return;
  pool = _gredis_router_get_pool (router, NULL);
  if (pool != NULL)
    _gredis_pool_cluster_request_refresh (pool);
}

/* A connection the pool handed out for a slot or a node, held by the
 * router (once) as the shared one of its node in this context: the
 * caller's reference, or NULL with an error when the router closed. */
static GredisConnection *
hold_acquired (GredisRouter      *router,
               GredisConnection  *connection,
               GError           **error)
{
  g_autoptr(GObject) owner = g_weak_ref_get (&router->owner);
  gboolean taken;

  g_mutex_lock (&router->lock);
  if (router->closed)
    {
      g_mutex_unlock (&router->lock);
      release_to_pool (router, connection);
      g_propagate_error (error, _gredis_router_closed_error ());
      return NULL;
    }
  taken = hold_locked (router, connection, owner);
  g_object_ref (connection);
  g_mutex_unlock (&router->lock);
  if (!taken)
    release_to_pool (router, connection);
  return connection;
}

/* An ASK redirect whose node's pool would wait. */
typedef struct
{
  GredisRouter *router;
  GredisCall *call;
  GMainContext *context;
} AskWait;

static void
on_ask_acquired (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  AskWait *wait = user_data;
  g_autofree const char **argv = NULL;
  g_autofree gsize *lengths = NULL;
  GredisConnection *connection;
  GError *error = NULL;
  guint argc;

  connection = gredis_pool_acquire_finish (GREDIS_POOL (source), result, &error);
  if (connection != NULL)
    connection = hold_acquired (wait->router, connection, &error);
  if (connection != NULL && _gredis_call_get_command (wait->call, &argc, &argv, &lengths))
    _gredis_connection_queue_asking_call (connection, argc, argv, lengths, NULL, wait->call);
  else if (connection == NULL)
    _gredis_call_return (wait->call, NULL, error);
  g_clear_object (&connection);
  _gredis_call_unref (wait->call);
  g_main_context_unref (wait->context);
  _gredis_router_unref (wait->router);
  g_free (wait);
}

void
_gredis_router_queue_asking (GredisRouter       *router,
                             GSocketConnectable *node,
                             guint               argc,
                             const char * const *argv,
                             const gsize        *argv_lengths,
                             GredisCall         *call)
{
  g_autoptr(GredisPool) pool = NULL;
  GredisConnection *connection;
  GredisPoolRequest request;
  GError *error = NULL;

  pool = _gredis_router_get_pool (router, &error);
  if (pool == NULL)
    {
      _gredis_call_return (call, NULL, error);
      return;
    }
  gredis_pool_request_init (&request, GREDIS_POOL_MODE_SHARED);
  request.slot = MAX (command_slot (argc, argv, argv_lengths, NULL, NULL, NULL), GREDIS_POOL_NO_SLOT);
  request.node = node;
  request.asking = TRUE;
  connection = gredis_pool_try_acquire (pool, &request, &error);
  if (connection == NULL && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      AskWait *wait = g_new (AskWait, 1);

      g_clear_error (&error);
      wait->router = _gredis_router_ref (router);
      wait->call = _gredis_call_ref (call);
      wait->context = g_main_context_ref_thread_default ();
      gredis_pool_acquire_async (pool, &request, _gredis_call_get_cancellable (call),
                                 on_ask_acquired, wait);
      return;
    }
  if (connection != NULL)
    connection = hold_acquired (router, connection, &error);
  if (connection == NULL)
    {
      _gredis_call_return (call, NULL, error);
      return;
    }
  _gredis_connection_queue_asking_call (connection, argc, argv, argv_lengths, NULL, call);
  g_object_unref (connection);
}

void
_gredis_router_request_refresh (GredisRouter *router)
{
  g_autoptr(GredisPool) pool = NULL;

  if (!routes_by_slot (router))
    return;
  pool = _gredis_router_get_pool (router, NULL);
  if (pool != NULL)
    _gredis_pool_cluster_request_refresh (pool);
}

gboolean
_gredis_router_routes_by_slot (GredisRouter *router)
{
  return routes_by_slot (router);
}

gboolean
_gredis_router_lookup_slot (GredisRouter  *router,
                            guint          slot,
                            char         **host,
                            guint16       *port)
{
  g_autoptr(GredisPool) pool = NULL;

  if (!routes_by_slot (router))
    return FALSE;
  pool = _gredis_router_get_pool (router, NULL);
  return pool != NULL && _gredis_pool_cluster_lookup_slot (pool, slot, host, port);
}

/* lookup_connection() for a pool that routes by slot: the pool is asked
 * for the node of @slot each time, and the router holds each connection
 * once. The commands of a context wait in order, as there, while the
 * pool would wait (the slot map is being fetched). */
static GredisConnection *
lookup_by_slot (GredisRouter               *router,
                GredisCall                 *call,
                const GredisRouterCommand  *command,
                gint                        slot,
                GredisPoolIntent            intent,
                GError                    **error)
{
  GMainContext *context = g_main_context_get_thread_default ();
  g_autoptr(GredisPool) pool = NULL;
  g_autoptr(GObject) owner = NULL;
  GredisPoolRequest request;
  GredisConnection *connection;
  GError *local_error = NULL;
  SharedWait *wait;
  gboolean taken;
  gboolean reads_follow_writes = FALSE;
  gboolean cacheable;
  guint epoch = 0;

  if (context == NULL)
    context = g_main_context_default ();

  g_mutex_lock (&router->lock);
  if (G_UNLIKELY (router->closed))
    {
      g_mutex_unlock (&router->lock);
      g_propagate_error (error, _gredis_router_closed_error ());
      return NULL;
    }
  wait = g_hash_table_lookup (router->waiting, context);
  if (wait != NULL && (call != NULL || command != NULL))
    {
      wait_push (wait, call, command);
      g_mutex_unlock (&router->lock);
      return NULL;
    }
  /* The connection this slot's commands got last, while the map is the
   * same: what the pool would hand out again. */
  if (G_LIKELY (context == router->slot_context && slot >= 0 && slot < GREDIS_CLUSTER_N_SLOTS))
    {
      guint8 index = router->slot_index[slot];

      if (index != 0 &&
          _gredis_pool_cluster_get_epoch (router->pool, &reads_follow_writes) == router->slot_epoch &&
          (intent == GREDIS_POOL_INTENT_WRITE || reads_follow_writes))
        {
          connection = g_object_ref (router->slot_connections[index - 1]);
          g_mutex_unlock (&router->lock);
          return connection;
        }
    }
  g_mutex_unlock (&router->lock);

  pool = _gredis_router_get_pool (router, error);
  if (pool == NULL)
    return NULL;
  cacheable = _gredis_pool_routes_by_slot (pool) && slot >= 0;
  if (cacheable)
    {
      epoch = _gredis_pool_cluster_get_epoch (pool, &reads_follow_writes);
      cacheable = intent == GREDIS_POOL_INTENT_WRITE || reads_follow_writes;
    }
  gredis_pool_request_init (&request, GREDIS_POOL_MODE_SHARED);
  request.slot = slot;
  request.intent = intent;
  connection = gredis_pool_try_acquire (pool, &request, &local_error);
  if (connection == NULL)
    {
      if (!g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK) ||
          (call == NULL && command == NULL))
        {
          if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              g_clear_error (&local_error);
              gredis_i18n_init ();
              g_set_error_literal (&local_error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED,
                                   _("The pool cannot hand out a connection without waiting."));
            }
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_error_free (local_error);

      g_mutex_lock (&router->lock);
      if (router->closed)
        {
          g_mutex_unlock (&router->lock);
          g_propagate_error (error, _gredis_router_closed_error ());
          return NULL;
        }
      wait = g_hash_table_lookup (router->waiting, context);
      if (wait == NULL)
        {
          wait = g_new0 (SharedWait, 1);
          wait->router = _gredis_router_ref (router);
          wait->context = g_main_context_ref (context);
          wait->cancellable = g_cancellable_new ();
          g_queue_init (&wait->calls);
          wait->hold = TRUE;
          if (G_UNLIKELY (router->observers != NULL))
            wait->wait_start = g_get_monotonic_time ();
          g_hash_table_insert (router->waiting, context, wait);
          wait_push (wait, call, command);
          g_mutex_unlock (&router->lock);
          /* Its connection is held, and the waiting commands then go
           * through here again, each to its own node. */
          gredis_pool_acquire_async (pool, &request, wait->cancellable, on_shared_acquired, wait);
        }
      else
        {
          wait_push (wait, call, command);
          g_mutex_unlock (&router->lock);
        }
      return NULL;
    }

  owner = g_weak_ref_get (&router->owner);
  g_mutex_lock (&router->lock);
  if (router->closed)
    {
      g_mutex_unlock (&router->lock);
      release_to_pool (router, connection);
      g_propagate_error (error, _gredis_router_closed_error ());
      return NULL;
    }
  taken = hold_locked (router, connection, owner);
  if (cacheable)
    learn_slot_locked (router, context, epoch, slot, connection);
  g_object_ref (connection);
  g_mutex_unlock (&router->lock);
  if (!taken)
    release_to_pool (router, connection);
  /* The caller's reference. */
  return connection;
}

GredisConnection *
_gredis_router_get_shared (GredisRouter  *router,
                           GError       **error)
{
  return lookup_connection (router, NULL, NULL, error);
}

GredisConnection *
_gredis_router_get_shared_for_slot (GredisRouter  *router,
                                    gint           slot,
                                    GError       **error)
{
  return lookup_by_slot (router, NULL, NULL, slot, GREDIS_POOL_INTENT_WRITE, error);
}

gboolean
_gredis_router_map_slots (GredisRouter *router,
                          const gint   *slots,
                          guint         n_slots,
                          guint        *nodes,
                          guint        *n_nodes)
{
  g_autoptr(GredisPool) pool = NULL;

  if (!routes_by_slot (router))
    return FALSE;
  pool = _gredis_router_get_pool (router, NULL);
  return pool != NULL && _gredis_pool_cluster_map_slots (pool, slots, n_slots, nodes, n_nodes);
}

void
_gredis_router_send_shared (GredisRouter              *router,
                            const GredisRouterCommand *command)
{
  GredisConnection *connection;
  GError *error = NULL;

  if (G_UNLIKELY (routes_by_slot (router)))
    {
      const GredisCommandInfo *info = NULL;
      gint slot = command_slot (command->argc, command->argv, command->argv_lengths,
                                command->args, &info, &error);
      GredisFanout fanout = _gredis_router_fanout_kind (router, info, slot);

      /* Keyless commands by their tips, SCAN, and split commands. */
      if (G_UNLIKELY (fanout != GREDIS_FANOUT_NONE))
        {
          g_clear_error (&error);
          _gredis_router_fanout_async (router, fanout, info, command);
          return;
        }
      connection = error == NULL ? lookup_by_slot (router, NULL, command, slot,
                                                   command_intent (info), &error) : NULL;
    }
  else if (G_UNLIKELY (current_route (router) == ROUTE_BY_INTENT))
    {
      const GredisCommandInfo *info = NULL;

      command_slot (command->argc, command->argv, command->argv_lengths, command->args, &info, NULL);
      connection = lookup_by_slot (router, NULL, command, GREDIS_POOL_NO_SLOT, command_intent (info),
                                   &error);
    }
  else
    connection = lookup_connection (router, NULL, command, &error);
  if (G_LIKELY (connection != NULL))
    {
      /* Kept to send it again if the connection fails
       * (gredis-router-retry.c). */
      _gredis_connection_queue_command (connection, command->argc, command->argv,
                                        command->argv_lengths, command->args, TRUE,
                                        command->source_object, command->cancellable,
                                        command->callback, command->user_data,
                                        command->source_tag);
      g_object_unref (connection);
    }
  else if (error != NULL)
    {
      GredisCall *call = pending_to_call (command);

      _gredis_call_return_error_later (call, error, NULL);
      _gredis_call_unref (call);
    }
  /* Otherwise it waits for the pool. */
}

void
_gredis_router_queue_shared (GredisRouter       *router,
                             guint               argc,
                             const char * const *argv,
                             const gsize        *argv_lengths,
                             GredisCall         *call)
{
  GredisConnection *connection;
  GError *error = NULL;

  /* The call keeps its command already. */
  if (G_UNLIKELY (routes_by_slot (router)))
    {
      const GredisCommandInfo *info = NULL;
      gint slot = command_slot (argc, argv, argv_lengths, NULL, &info, &error);

      connection = error == NULL ? lookup_by_slot (router, call, NULL, slot,
                                                   command_intent (info), &error) : NULL;
    }
  else if (G_UNLIKELY (current_route (router) == ROUTE_BY_INTENT))
    {
      const GredisCommandInfo *info = NULL;

      command_slot (argc, argv, argv_lengths, NULL, &info, NULL);
      connection = lookup_by_slot (router, call, NULL, GREDIS_POOL_NO_SLOT, command_intent (info),
                                   &error);
    }
  else
    connection = lookup_connection (router, call, NULL, &error);
  if (connection == NULL)
    {
      if (error != NULL)
        _gredis_call_return (call, NULL, error);
    }
  else
    {
      _gredis_connection_queue_call (connection, argc, argv, argv_lengths, NULL, call);
      g_object_unref (connection);
    }
}

static gboolean
reset_in_context (gpointer data)
{
  _gredis_connection_reset_backoff (data);
  return G_SOURCE_REMOVE;
}

/* Retry policy */

/* A policy from the configuration: its count and backoff (without a
 * backoff plugin, without delays). */
static GredisRetry *
retry_from_config (GredisConfig *config)
{
  g_autoptr(GredisBackoffPolicy) backoff = _gredis_retry_make_backoff (config);
  g_autoptr(GredisBackoffPolicy) none = NULL;
  guint retries = gredis_config_get_retries (config);

  if (backoff == NULL)
    none = gredis_backoff_policy_new_for_name ("none", NULL);
  /* No backoff plugin at all (an installation without its plugins): a
   * policy that retries without delay, with a warning, rather than none. */
  if (backoff == NULL && none == NULL)
    return g_object_new (GREDIS_TYPE_RETRY, "retries", retries, NULL);
  return gredis_retry_new (backoff != NULL ? backoff : none, retries, NULL);
}

GredisRetry *
_gredis_router_ref_retry (GredisRouter *router)
{
  GredisRetry *retry;
  GredisRetry *made;

  g_mutex_lock (&router->lock);
  retry = router->retry != NULL ? g_object_ref (router->retry) : NULL;
  g_mutex_unlock (&router->lock);
  if (retry != NULL)
    return retry;

  /* Made outside the lock: plugins may be loaded. */
  made = retry_from_config (router->config);
  g_mutex_lock (&router->lock);
  if (router->retry == NULL)
    router->retry = g_object_ref (made);
  retry = g_object_ref (router->retry);
  g_mutex_unlock (&router->lock);
  g_object_unref (made);
  return retry;
}

gboolean
_gredis_router_set_retry (GredisRouter *router,
                          GredisRetry  *retry)
{
  g_autoptr(GredisRetry) old = NULL;

  g_mutex_lock (&router->lock);
  old = g_steal_pointer (&router->retry);
  router->retry = retry != NULL ? g_object_ref (retry) : NULL;
  router->retry_is_set = retry != NULL;
  g_mutex_unlock (&router->lock);
  return old != retry;
}

void
_gredis_router_forget_retry (GredisRouter *router)
{
  g_autoptr(GredisRetry) old = NULL;

  g_mutex_lock (&router->lock);
  if (!router->retry_is_set)
    old = g_steal_pointer (&router->retry);
  g_mutex_unlock (&router->lock);
}

guint
_gredis_router_get_network_epoch (GredisRouter *router)
{
  return (guint) g_atomic_int_get (&router->network_epoch);
}

void
_gredis_router_network_changed (GredisRouter *router)
{
  g_atomic_int_inc (&router->network_epoch);
  g_mutex_lock (&router->lock);
  if (router->retry != NULL)
    gredis_retry_reset (router->retry);
  g_mutex_unlock (&router->lock);
  _gredis_router_retry_network_changed (router);
  _gredis_router_reset_backoff (router);
}

void
_gredis_router_reset_backoff (GredisRouter *router)
{
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&router->lock);
  g_hash_table_iter_init (&iter, router->connections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (connections, g_object_ref (value));
  g_mutex_unlock (&router->lock);

  for (guint i = 0; i < connections->len; i++)
    {
      GredisConnection *connection = g_ptr_array_index (connections, i);

      g_main_context_invoke_full (gredis_connection_get_context (connection),
                                  G_PRIORITY_DEFAULT, reset_in_context,
                                  g_object_ref (connection), g_object_unref);
    }
}

static gboolean
close_in_context (gpointer user_data)
{
  gredis_connection_close (user_data);
  return G_SOURCE_REMOVE;
}

/* What _gredis_router_close() takes from a SharedWait. */
typedef struct
{
  GMainContext *context;
  GCancellable *cancellable;
  GQueue calls;
} ClosedWait;

void
_gredis_router_close (GredisRouter *router)
{
  g_autoptr(GHashTable) connections = NULL;
  g_autoptr(GHashTable) waiting = NULL;
  g_autoptr(GHashTable) held = NULL;
  g_autoptr(GError) closed_error = NULL;
  g_autoptr(GredisPool) pool = NULL;
  GSList *closed_waits = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_mutex_lock (&router->lock);
  router->closed = TRUE;
  forget_last_locked (router);
  connections = g_steal_pointer (&router->connections);
  router->connections = g_hash_table_new_full (NULL, NULL,
                                               (GDestroyNotify) g_main_context_unref,
                                               g_object_unref);
  waiting = g_steal_pointer (&router->waiting);
  router->waiting = g_hash_table_new (NULL, NULL);
  held = g_steal_pointer (&router->held);
  router->held = g_hash_table_new (NULL, NULL);
  forget_slots_locked (router);
  /* Commands waiting for the pool, taken while under the lock: once a
   * wait is out of the table, its acquisition may end in its own thread
   * (on_shared_acquired()), which then frees it. */
  g_hash_table_iter_init (&iter, waiting);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      SharedWait *wait = value;
      ClosedWait *closed = g_new (ClosedWait, 1);

      closed->context = g_main_context_ref (wait->context);
      closed->cancellable = g_object_ref (wait->cancellable);
      closed->calls = wait->calls;
      g_queue_init (&wait->calls);
      closed_waits = g_slist_prepend (closed_waits, closed);
    }
  if (router->pool != NULL)
    pool = g_object_ref (router->pool);
  g_mutex_unlock (&router->lock);

  /* Their acquisitions end in their contexts (and give back a connection
   * granted meanwhile). */
  closed_error = _gredis_router_closed_error ();
  for (GSList *l = closed_waits; l != NULL; l = l->next)
    {
      ClosedWait *closed = l->data;
      GredisCall *call;

      /* Possibly from another thread: called back in their context. */
      while ((call = g_queue_pop_head (&closed->calls)) != NULL)
        {
          _gredis_call_return_error_later (call, g_error_copy (closed_error), closed->context);
          _gredis_call_unref (call);
        }
      g_cancellable_cancel (closed->cancellable);
      g_object_unref (closed->cancellable);
      g_main_context_unref (closed->context);
      g_free (closed);
    }
  g_slist_free (closed_waits);

  g_hash_table_iter_init (&iter, connections);
  while (g_hash_table_iter_next (&iter, &key, &value))
    {
      GMainContext *context = key;

      g_signal_handlers_disconnect_by_func (value, on_shared_state, router);
      if (g_main_context_acquire (context))
        {
          gredis_connection_close (value);
          g_main_context_release (context);
        }
      else
        g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, close_in_context,
                                    g_object_ref (value), g_object_unref);
      /* Back to the pool, which drops it (closed, or when it closes). */
      g_hash_table_iter_steal (&iter);
      g_main_context_unref (context);
      release_to_pool (router, value);
    }

  g_hash_table_iter_init (&iter, held);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    {
      GredisConnection *connection = key;
      GMainContext *context = gredis_connection_get_context (connection);

      g_signal_handlers_disconnect_by_func (connection, on_held_state, router);
      g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, close_in_context,
                                  g_object_ref (connection), g_object_unref);
      g_hash_table_iter_steal (&iter);
      release_to_pool (router, connection);
    }

  if (pool != NULL)
    gredis_pool_close (pool);
}

void
_gredis_router_check_readonly (GredisRouter     *router,
                               GredisConnection *connection,
                               const GError     *error)
{
  g_autoptr(GredisPool) pool = NULL;

  if (G_LIKELY (!g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_READONLY)))
    return;
  pool = _gredis_router_get_pool (router, NULL);
  if (pool != NULL)
    _gredis_pool_sentinel_report_readonly (pool, connection);
}
