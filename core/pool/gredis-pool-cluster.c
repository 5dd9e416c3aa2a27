/* gredis-pool-cluster.c: the pool of a Redis Cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-config-private.h"
#include "gredis-cluster-topology-private.h"
#include "gredis-cluster-read-private.h"
#include "gredis-handshake-private.h"
#include "gredis-sync-private.h"
#include "gredis-pool-cluster-private.h"

/* GredisPoolCluster: registered as the `cluster` pool. It fetches the
 * slot map from the seeds (GredisConfig:seeds, or the host and port) on
 * first use, once: callers that come meanwhile wait for that one fetch.
 * A request goes to its node (GredisPoolRequest.node) when it names one,
 * otherwise to the primary of its slot (any primary for a command
 * without a key). Each node has a pool of its own (`blocking`, made from
 * a copy of the configuration with the node as host and port), which does
 * the counting, sharing and waiting; this pool remembers which node pool
 * each connection it hands out came from, to give it back there.
 *
 * Refresh: a MOVED reply patches its slot at once
 * (_gredis_pool_cluster_patch_moved()), and it, a failed connection or
 * the periodic timer (GredisConfig:cluster-refresh-interval-ms) asks for
 * the map to be fetched again in the background
 * (_gredis_pool_cluster_request_refresh()). Requests are merged: never
 * more than one fetch in flight, none asked for while one is, and at
 * most one started per REFRESH_MIN_INTERVAL_US (a request within that
 * window is deferred to its end, once), so that a burst of redirects or
 * of failed connections during a failover costs one fetch. A refresh
 * asks the primaries of the current map, then its replicas (each group
 * shuffled), then the seeds, the node that failed last at the end, and
 * stops at the first that answers (the first fetch takes the majority of
 * up to three); one that fails keeps the old map. The new map is
 * compared with the last one fetched: what changed is emitted as
 * ::topology-changed.
 *
 * The fetches and timers run on one thread shared by every cluster pool
 * of the process (worker_context()), as GDBus runs its connections on
 * one: the map must be fetched when no main loop runs (blocking API),
 * and a fetch started on a blocking call's private context would stall
 * between calls.
 *
 * Reads (GredisPoolRequest.intent) go where GredisConfig:read-from says
 * (gredis-cluster-read.c); with a policy other than `primary`, every
 * node's configuration has a READONLY handshake step, so that any
 * connection, a replacement included, may serve reads on a replica
 * (READONLY is harmless on a primary, and a node may change role). Every
 * address the cluster announces goes through GredisConfig:address-map
 * when a node's pool is made: node pools are known by the announced
 * address, and connect to the reachable one. */

/* How often `nearest` measures the nodes again, while reads come. */
#define LATENCY_PERIOD_US (30 * G_USEC_PER_SEC)

/* The rate-limit window of refreshes. */
#define REFRESH_MIN_INTERVAL_US (500 * G_TIME_SPAN_MILLISECOND)

struct _GredisPoolCluster
{
  GObject parent_instance;

  GMutex lock;
  GredisConfig *config;            /* NULL until configured */
  GPtrArray *seeds;                /* GSocketConnectable */
  GSocketConnectable *last_failed; /* the seed that failed last, or NULL */
  GredisClusterTopology *topology; /* NULL until fetched; patched by MOVED */
  GredisClusterTopology *fetched;  /* the last map fetched, as it came */
  gboolean fetching;
  GCancellable *fetch_cancellable; /* of the fetch in flight */
  gint64 last_fetch_time;          /* monotonic µs the last fetch started */
  GSource *deferred;               /* a refresh waiting for the window's end */
  GSource *periodic;               /* the periodic refresh */
  /* Atomic counters (read-only properties of GredisClient). */
  guint n_moved;
  guint n_ask;
  guint n_fetches;
  GQueue waiting;                  /* GTask of acquire_async, waiting for the map */
  GHashTable *node_pools;          /* "host:port" → GredisPool */
  GHashTable *owners;              /* GredisConnection → Owner */
  gboolean closed;

  GredisReadFrom read_from;
  /* Atomic, changed under the lock: one more each time where a slot's
   * commands go may change (a new map, a MOVED patch, a configuration). */
  guint epoch;
  guint turn;                      /* atomic: round-robin of `replicas` */
  GredisAddressMap *address_map;   /* NULL for none */
  GHashTable *latencies;           /* NodeTime (by announced address) */
  gint64 probed_at;                /* monotonic; 0 never */
  gboolean probing;
};

static void gredis_pool_cluster_iface_init (GredisPoolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisPoolCluster, gredis_pool_cluster, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_POOL, gredis_pool_cluster_iface_init)
                               gredis_plugin_module_implement (NULL, GREDIS_PLUGIN_POOL, "cluster",
                                                               g_define_type_id, 0))

enum {
  SIGNAL_TOPOLOGY_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gpointer
worker_main (gpointer data)
{
  GMainContext *context = data;

  g_main_context_push_thread_default (context);
  for (;;)
    g_main_context_iteration (context, TRUE);
  return NULL;
}

/* The context of the thread that runs the fetches and timers of every
 * cluster pool; started on first use, it lives as long as the process. */
static GMainContext *
worker_context (void)
{
  static gsize context;

  if (g_once_init_enter (&context))
    {
      GMainContext *made = g_main_context_new ();

      g_thread_unref (g_thread_new ("gredis-cluster", worker_main, g_main_context_ref (made)));
      g_once_init_leave (&context, (gsize) made);
    }
  return (GMainContext *) context;
}

/* Runs @func with @data (freed by @destroy) on the worker thread, later:
 * never at once, so that it may be called under the lock. */
static void
on_worker (GSourceFunc    func,
           gpointer       data,
           GDestroyNotify destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "Gredis cluster refresh");
  g_source_attach (source, worker_context ());
  g_source_unref (source);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* A source on the worker thread that calls @func with the pool while it
 * lives (a weak reference). */
static GSource *
timer_new (GredisPoolCluster *self,
           guint              interval_ms,
           GSourceFunc        func)
{
  GSource *source = g_timeout_source_new (interval_ms);
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  g_source_set_callback (source, func, ref, weak_ref_free);
  g_source_set_static_name (source, "Gredis cluster refresh");
  g_source_attach (source, worker_context ());
  return source;
}

static void
clear_source (GSource **source)
{
  if (*source == NULL)
    return;
  g_source_destroy (*source);
  g_clear_pointer (source, g_source_unref);
}

static GError *
closed_error (void)
{
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CLOSED, _("The cluster pool is closed."));
}

/* The host and port of a node a caller names: a GNetworkAddress or an
 * inet socket address. */
static gboolean
connectable_host_port (GSocketConnectable  *node,
                       char               **host,
                       guint16             *port)
{
  if (G_IS_NETWORK_ADDRESS (node))
    {
      *host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (node)));
      *port = g_network_address_get_port (G_NETWORK_ADDRESS (node));
      return TRUE;
    }
  if (G_IS_INET_SOCKET_ADDRESS (node))
    {
      *host = g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (node)));
      *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (node));
      return TRUE;
    }
  return FALSE;
}

/* Under the lock: the pool of the node @host:@port, made on first use.
 * Every command asks for one: the key is built on the stack (a host name
 * is at most 255 bytes; a longer one is cut, which only merges the pools
 * of names no resolver accepts). */
static GredisPool *
node_pool_locked (GredisPoolCluster  *self,
                  const char         *host,
                  guint16             port,
                  GError            **error)
{
  char key[320];
  g_autoptr(GredisConfig) config = NULL;
  GredisPool *pool;
  const char *reach_host = host;
  guint16 reach_port = port;

  g_snprintf (key, sizeof key, strchr (host, ':') != NULL ? "[%s]:%u" : "%s:%u", host, port);
  pool = g_hash_table_lookup (self->node_pools, key);
  if (pool != NULL)
    return g_object_ref (pool);

  pool = gredis_pool_new_for_name ("blocking", error);
  if (pool == NULL)
    return NULL;
  config = gredis_config_dup (self->config);
  gredis_config_set_path (config, NULL);
  if (_gredis_address_map_lookup (self->address_map, host, port, &reach_host, &reach_port))
    GREDIS_DEBUG ("pool", "The cluster node %s is reached at %s:%u", key, reach_host, reach_port);
  gredis_config_set_host (config, reach_host);
  gredis_config_set_port (config, reach_port);
  /* The steps the client added (CLIENT TRACKING of its cache) go on
   * the connections of every node too. */
  _gredis_config_copy_handshake_steps (config, self->config);
  if (self->read_from != GREDIS_READ_FROM_PRIMARY)
    {
      static const char * const readonly_argv[] = { "READONLY", NULL };
      g_autoptr(GredisHandshakeStep) step = _gredis_handshake_step_new (NULL, readonly_argv, NULL,
                                                                        GREDIS_HANDSHAKE_NONE,
                                                                        NULL, NULL, NULL);

      _gredis_config_add_handshake_step (config, step, (GBoxedCopyFunc) _gredis_handshake_step_ref,
                                         (GDestroyNotify) _gredis_handshake_step_unref);
    }
  gredis_config_set_seeds (config, NULL);
  gredis_config_set_pool (config, NULL);
  gredis_pool_configure (pool, config);
  g_hash_table_insert (self->node_pools, g_strdup (key), g_object_ref (pool));
  return pool;
}

static void request_refresh_locked (GredisPoolCluster *self);

/* Latencies (`nearest`) */

/* A node's measured round-trip time, found by its announced address
 * with a key on the stack: a read allocates nothing. */
typedef struct {
  char *host;
  guint16 port;
  gint64 rtt_us;
} NodeTime;

static guint
node_time_hash (gconstpointer data)
{
  const NodeTime *time = data;

  return g_str_hash (time->host) ^ time->port;
}

static gboolean
node_time_equal (gconstpointer a,
                 gconstpointer b)
{
  const NodeTime *x = a, *y = b;

  return x->port == y->port && g_str_equal (x->host, y->host);
}

static void
node_time_free (gpointer data)
{
  NodeTime *time = data;

  g_free (time->host);
  g_free (time);
}

static gint64
node_latency_locked (const GredisClusterNode *node,
                     gpointer                 user_data)
{
  GredisPoolCluster *self = user_data;
  NodeTime key = { node->host, node->port, 0 };
  NodeTime *time = g_hash_table_lookup (self->latencies, &key);

  return time != NULL ? time->rtt_us : -1;
}

static void
on_probed (gpointer data,
           gpointer user_data)
{
  GPtrArray *probes = data;
  GredisPoolCluster *self = user_data;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < probes->len; i++)
    {
      GredisLatencyProbe *probe = g_ptr_array_index (probes, i);
      NodeTime key = { probe->host, probe->port, 0 };

      GREDIS_DEBUG ("pool", "Cluster node %s:%u: round trip %" G_GINT64_FORMAT " µs",
                    probe->host, probe->port, probe->rtt_us);
      if (probe->rtt_us >= 0)
        {
          NodeTime *time = g_new (NodeTime, 1);

          time->host = g_strdup (probe->host);
          time->port = probe->port;
          time->rtt_us = probe->rtt_us;
          g_hash_table_replace (self->latencies, time, time);
        }
      else
        g_hash_table_remove (self->latencies, &key);
    }
  self->probing = FALSE;
  g_mutex_unlock (&self->lock);
  g_object_unref (self);
}

/* Under the lock, for `nearest`: measures every node of the map again in
 * a thread of its own when the last measure is older than the period
 * (or there was none), unless one is under way. */
static void
maybe_probe_locked (GredisPoolCluster *self)
{
  GPtrArray *probes;
  gint64 now;

  if (self->read_from != GREDIS_READ_FROM_NEAREST || self->probing || self->closed ||
      self->topology == NULL)
    return;
  now = g_get_monotonic_time ();
  if (self->probed_at != 0 && now - self->probed_at < LATENCY_PERIOD_US)
    return;
  self->probing = TRUE;
  self->probed_at = now;
  probes = g_ptr_array_new_with_free_func (_gredis_latency_probe_free);
  for (guint i = 0; i < self->topology->nodes->len; i++)
    {
      const GredisClusterNode *node = g_ptr_array_index (self->topology->nodes, i);
      GredisLatencyProbe *probe = g_new0 (GredisLatencyProbe, 1);
      const char *reach_host = node->host;
      guint16 reach_port = node->port;

      _gredis_address_map_lookup (self->address_map, node->host, node->port,
                                  &reach_host, &reach_port);
      probe->host = g_strdup (node->host);
      probe->port = node->port;
      probe->reach_host = g_strdup (reach_host);
      probe->reach_port = reach_port;
      g_ptr_array_add (probes, probe);
    }
  _gredis_latency_probe_run (self->config, probes, on_probed, g_object_ref (self));
}

/* Under the lock: the node that serves a read of @slot. */
static const GredisClusterNode *
choose_reader_locked (GredisPoolCluster *self,
                      guint              slot)
{
  maybe_probe_locked (self);
  return _gredis_cluster_choose_reader (self->topology, slot, self->read_from, &self->turn,
                                        node_latency_locked, self);
}

/* Under the lock, with the map fetched: the pool of the node @request
 * goes to. */
static GredisPool *
route_locked (GredisPoolCluster        *self,
              const GredisPoolRequest  *request,
              GError                  **error)
{
  const GredisClusterNode *node = NULL;

  if (request->node != NULL)
    {
      g_autofree char *host = NULL;
      guint16 port = 0;

      if (!connectable_host_port (request->node, &host, &port))
        {
          gredis_i18n_init ();
          g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                               _("The cluster pool can only reach a node given by host name or address and port."));
          return NULL;
        }
      return node_pool_locked (self, host, port, error);
    }

  if (request->slot >= 0 && request->slot < GREDIS_CLUSTER_N_SLOTS &&
      request->intent == GREDIS_POOL_INTENT_READ && self->read_from != GREDIS_READ_FROM_PRIMARY)
    node = choose_reader_locked (self, request->slot);
  else if (request->slot >= 0 && request->slot < GREDIS_CLUSTER_N_SLOTS)
    node = _gredis_cluster_topology_get_primary (self->topology, request->slot);
  else
    for (guint i = 0; i < self->topology->nodes->len && node == NULL; i++)
      {
        const GredisClusterNode *candidate = g_ptr_array_index (self->topology->nodes, i);

        if (candidate->role == GREDIS_CLUSTER_ROLE_PRIMARY)
          node = candidate;
      }
  if (node == NULL)
    {
      /* The map may be out of date: the slot's shard came back, or
       * moved. */
      request_refresh_locked (self);
      gredis_i18n_init ();
      if (request->slot >= 0)
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CLUSTERDOWN,
                     /* Translators: %d is a key slot, from 0 to 16383. */
                     _("No node of the cluster serves the slot %d."), request->slot);
      else
        g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CLUSTERDOWN,
                             _("The cluster has no primary node."));
      return NULL;
    }
  return node_pool_locked (self, node->host, node->port, error);
}

/* The node pool a connection came from, and how many of its uses (a
 * shared connection is handed out once per user) are not given back. */
typedef struct
{
  GredisPool *pool;
  guint uses;
} Owner;

static void
owner_free (gpointer data)
{
  Owner *owner = data;

  g_object_unref (owner->pool);
  g_free (owner);
}

static void
remember_owner (GredisPoolCluster *self,
                GredisConnection  *connection,
                GredisPool        *node_pool)
{
  Owner *owner;

  g_mutex_lock (&self->lock);
  owner = g_hash_table_lookup (self->owners, connection);
  if (owner == NULL)
    {
      owner = g_new0 (Owner, 1);
      owner->pool = g_object_ref (node_pool);
      g_hash_table_insert (self->owners, connection, owner);
    }
  owner->uses++;
  g_mutex_unlock (&self->lock);
}

/* Acquiring from a node's pool */

static void
on_node_acquired (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisPoolCluster *self = g_task_get_source_object (task);
  GError *error = NULL;
  GredisConnection *connection = gredis_pool_acquire_finish (GREDIS_POOL (source), result, &error);

  if (connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  remember_owner (self, connection, GREDIS_POOL (source));
  g_task_return_pointer (task, connection, g_object_unref);
}

/* Sends @task (its data is the request) on to its node's pool; called in
 * the task's context. A task of _gredis_pool_cluster_wait_map_async()
 * only waited for the map. */
static void
acquire_from_node (GTask *task)
{
  GredisPoolCluster *self = g_task_get_source_object (task);
  const GredisPoolRequest *request = g_task_get_task_data (task);
  g_autoptr(GredisPool) node_pool = NULL;
  GError *error = NULL;

  if (g_task_get_source_tag (task) == _gredis_pool_cluster_wait_map_async)
    {
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  g_mutex_lock (&self->lock);
  if (self->closed)
    error = closed_error ();
  else
    node_pool = route_locked (self, request, &error);
  g_mutex_unlock (&self->lock);
  if (node_pool == NULL)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  gredis_pool_acquire_async (node_pool, request, g_task_get_cancellable (task),
                             on_node_acquired, task);
}

static gboolean
acquire_in_context (gpointer data)
{
  acquire_from_node (data);
  return G_SOURCE_REMOVE;
}

/* The slot map */

static void start_fetch_locked (GredisPoolCluster *self);
static gboolean on_periodic (gpointer data);

static void
on_fetched (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GredisPoolCluster) self = user_data;
  GredisClusterTopology *topology;
  GSocketConnectable *failed = _gredis_cluster_topology_fetch_get_failed (result);
  GError *error = NULL;
  GQueue waiting = G_QUEUE_INIT;
  GTask *task;
  guint changes = 0;

  topology = _gredis_cluster_topology_fetch_finish (result, &error);

  g_mutex_lock (&self->lock);
  self->fetching = FALSE;
  g_clear_object (&self->fetch_cancellable);
  if (failed != NULL)
    g_set_object (&self->last_failed, failed);
  if (topology != NULL && !self->closed)
    {
      gboolean first = self->fetched == NULL;

      if (!first)
        changes = _gredis_cluster_topology_diff (self->fetched, topology);
      /* The map routed by is a copy: MOVED patches it, and the next
       * fetch is compared with this one as it came. */
      g_clear_pointer (&self->topology, _gredis_cluster_topology_free);
      g_clear_pointer (&self->fetched, _gredis_cluster_topology_free);
      self->topology = _gredis_cluster_topology_copy (topology);
      self->fetched = g_steal_pointer (&topology);
      g_atomic_int_inc (&self->epoch);
      if (first && gredis_config_get_cluster_refresh_interval_ms (self->config) > 0)
        self->periodic = timer_new (self, gredis_config_get_cluster_refresh_interval_ms (self->config),
                                    on_periodic);
    }
  else if (error != NULL && self->topology != NULL)
    GREDIS_DEBUG ("pool", "The cluster's slot map could not be fetched again; the old one stays: %s",
                  error->message);
  waiting = self->waiting;
  g_queue_init (&self->waiting);
  if (self->closed && error == NULL)
    error = closed_error ();
  g_mutex_unlock (&self->lock);
  g_clear_pointer (&topology, _gredis_cluster_topology_free);

  /* Each waiting caller goes on in its own context, where its
   * connection must be made. */
  while ((task = g_queue_pop_head (&waiting)) != NULL)
    {
      if (error != NULL)
        {
          g_task_return_error (task, g_error_copy (error));
          g_object_unref (task);
        }
      else
        g_main_context_invoke_full (g_task_get_context (task), G_PRIORITY_DEFAULT,
                                    acquire_in_context, task, NULL);
    }
  g_clear_error (&error);

  if (changes != 0)
    {
      GREDIS_DEBUG ("pool", "The cluster's topology changed (0x%x)", changes);
      g_signal_emit (self, signals[SIGNAL_TOPOLOGY_CHANGED], 0, changes);
    }
}

/* What the worker thread needs to start a fetch, taken under the lock. */
typedef struct
{
  GredisPoolCluster *self;
  GredisConfig *config;
  GPtrArray *seeds;
  GSocketConnectable *last_failed;
  gboolean refresh;
  GCancellable *cancellable;
} FetchStart;

static void
fetch_start_free (gpointer data)
{
  FetchStart *start = data;

  g_clear_object (&start->self);
  g_object_unref (start->config);
  g_ptr_array_unref (start->seeds);
  g_clear_object (&start->last_failed);
  g_object_unref (start->cancellable);
  g_free (start);
}

static gboolean
fetch_on_worker (gpointer data)
{
  FetchStart *start = data;

  if (start->refresh)
    _gredis_cluster_topology_refresh_async (start->config, start->seeds, start->last_failed,
                                            start->cancellable, on_fetched,
                                            g_steal_pointer (&start->self));
  else
    _gredis_cluster_topology_fetch_async (start->config, start->seeds, start->last_failed,
                                          MIN (start->seeds->len, 3), start->cancellable,
                                          on_fetched, g_steal_pointer (&start->self));
  return G_SOURCE_REMOVE;
}

static void
shuffle_range (GPtrArray *array,
               guint      from,
               guint      to)
{
  for (guint i = to; i > from + 1; i--)
    {
      guint j = (guint) g_random_int_range ((gint32) from, (gint32) i);
      gpointer swap = array->pdata[i - 1];

      array->pdata[i - 1] = array->pdata[j];
      array->pdata[j] = swap;
    }
}

static gboolean
contains_address (GPtrArray  *seeds,
                  const char *host,
                  guint16     port)
{
  for (guint i = 0; i < seeds->len; i++)
    {
      g_autofree char *seed_host = NULL;
      guint16 seed_port = 0;

      if (connectable_host_port (g_ptr_array_index (seeds, i), &seed_host, &seed_port) &&
          seed_port == port && g_ascii_strcasecmp (seed_host, host) == 0)
        return TRUE;
    }
  return FALSE;
}

/* Under the lock: starts a fetch on the worker thread. The first one
 * asks the seeds, shuffled, and takes the majority of up to three views.
 * A refresh takes the first view it gets, asking the primaries of the
 * map, then its replicas (each group shuffled; those known to have
 * failed left out: a replica may not have heard of a change yet), then
 * the seeds. */
static void
start_fetch_locked (GredisPoolCluster *self)
{
  FetchStart *start = g_new0 (FetchStart, 1);

  self->fetching = TRUE;
  self->last_fetch_time = g_get_monotonic_time ();
  self->fetch_cancellable = g_cancellable_new ();
  g_atomic_int_inc (&self->n_fetches);

  start->self = g_object_ref (self);
  start->config = g_object_ref (self->config);
  start->cancellable = g_object_ref (self->fetch_cancellable);
  start->last_failed = self->last_failed != NULL ? g_object_ref (self->last_failed) : NULL;
  start->seeds = g_ptr_array_new_with_free_func (g_object_unref);
  start->refresh = self->topology != NULL;
  for (guint role = GREDIS_CLUSTER_ROLE_PRIMARY; start->refresh && role <= GREDIS_CLUSTER_ROLE_REPLICA; role++)
    {
      guint first = start->seeds->len;

      for (guint i = 0; i < self->topology->nodes->len; i++)
        {
          const GredisClusterNode *node = g_ptr_array_index (self->topology->nodes, i);

          if (node->role == role && node->health != GREDIS_CLUSTER_HEALTH_FAILED)
            g_ptr_array_add (start->seeds, g_network_address_new (node->host, node->port));
        }
      shuffle_range (start->seeds, first, start->seeds->len);
    }
  for (guint i = 0; i < self->seeds->len; i++)
    {
      GSocketConnectable *seed = g_ptr_array_index (self->seeds, i);
      g_autofree char *host = NULL;
      guint16 port = 0;

      if (!connectable_host_port (seed, &host, &port) || !contains_address (start->seeds, host, port))
        g_ptr_array_add (start->seeds, g_object_ref (seed));
    }
  on_worker (fetch_on_worker, start, fetch_start_free);
}

/* Under the lock: starts the first fetch unless one is in flight. */
static void
ensure_fetch_locked (GredisPoolCluster *self)
{
  if (self->fetching || self->topology != NULL)
    return;
  start_fetch_locked (self);
}

static gboolean on_deferred (gpointer data);

/* Under the lock: a refresh now, or at the end of the rate-limit window;
 * nothing when one is in flight or deferred already, or before the
 * first fetch (callers wait for that one). */
static void
request_refresh_locked (GredisPoolCluster *self)
{
  gint64 now, due;

  if (self->closed || self->config == NULL || self->topology == NULL ||
      self->fetching || self->deferred != NULL)
    return;
  now = g_get_monotonic_time ();
  due = self->last_fetch_time + REFRESH_MIN_INTERVAL_US;
  if (now >= due)
    start_fetch_locked (self);
  else
    self->deferred = timer_new (self, (guint) ((due - now + 999) / 1000), on_deferred);
}

static gboolean
on_deferred (gpointer data)
{
  g_autoptr(GredisPoolCluster) self = g_weak_ref_get (data);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  g_mutex_lock (&self->lock);
  /* This source is being dispatched: dropping it here is safe. */
  g_clear_pointer (&self->deferred, g_source_unref);
  request_refresh_locked (self);
  g_mutex_unlock (&self->lock);
  return G_SOURCE_REMOVE;
}

static gboolean
on_periodic (gpointer data)
{
  g_autoptr(GredisPoolCluster) self = g_weak_ref_get (data);

  if (self == NULL)
    return G_SOURCE_REMOVE;
  g_mutex_lock (&self->lock);
  request_refresh_locked (self);
  g_mutex_unlock (&self->lock);
  return G_SOURCE_CONTINUE;
}

void
_gredis_pool_cluster_request_refresh (GredisPool *pool)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);

  g_mutex_lock (&self->lock);
  request_refresh_locked (self);
  g_mutex_unlock (&self->lock);
}

void
_gredis_pool_cluster_patch_moved (GredisPool *pool,
                                  guint       slot,
                                  const char *host,
                                  guint16     port)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);

  g_atomic_int_inc (&self->n_moved);
  g_mutex_lock (&self->lock);
  if (self->topology != NULL && slot < GREDIS_CLUSTER_N_SLOTS)
    _gredis_cluster_topology_patch_moved (self->topology, slot, host, port);
  g_atomic_int_inc (&self->epoch);
  request_refresh_locked (self);
  g_mutex_unlock (&self->lock);
}

guint
_gredis_pool_cluster_get_epoch (GredisPool *pool,
                                gboolean   *reads_follow_writes)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);

  /* read_from changes (under the lock) only with a new epoch. */
  *reads_follow_writes = g_atomic_int_get ((gint *) &self->read_from) == GREDIS_READ_FROM_PRIMARY;
  return (guint) g_atomic_int_get (&self->epoch);
}

void
_gredis_pool_cluster_count_ask (GredisPool *pool)
{
  g_atomic_int_inc (&GREDIS_POOL_CLUSTER (pool)->n_ask);
}

void
_gredis_pool_cluster_get_counters (GredisPool *pool,
                                   guint64    *n_moved,
                                   guint64    *n_ask,
                                   guint64    *n_fetches)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);

  *n_moved = (guint) g_atomic_int_get (&self->n_moved);
  *n_ask = (guint) g_atomic_int_get (&self->n_ask);
  *n_fetches = (guint) g_atomic_int_get (&self->n_fetches);
}

gboolean
_gredis_pool_cluster_lookup_slot (GredisPool  *pool,
                                  guint        slot,
                                  char       **host,
                                  guint16     *port)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  const GredisClusterNode *node = NULL;

  g_mutex_lock (&self->lock);
  if (self->topology != NULL && slot < GREDIS_CLUSTER_N_SLOTS)
    node = _gredis_cluster_topology_get_primary (self->topology, slot);
  if (node != NULL)
    {
      *host = g_strdup (node->host);
      *port = node->port;
    }
  g_mutex_unlock (&self->lock);
  return node != NULL;
}

void
_gredis_pool_cluster_wait_map_async (GredisPool          *pool,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  GTask *task = g_task_new (pool, cancellable, callback, user_data);
  GError *error = NULL;
  gboolean known = FALSE;

  g_task_set_source_tag (task, _gredis_pool_cluster_wait_map_async);
  g_mutex_lock (&self->lock);
  if (self->closed)
    error = closed_error ();
  else if (self->config == NULL)
    {
      gredis_i18n_init ();
      error = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                                   _("The cluster pool was not given a configuration."));
    }
  else if (self->topology != NULL)
    known = TRUE;
  else
    {
      g_queue_push_tail (&self->waiting, task);
      ensure_fetch_locked (self);
      task = NULL;
    }
  g_mutex_unlock (&self->lock);
  if (task == NULL)
    return;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, known);
  g_object_unref (task);
}

gboolean
_gredis_pool_cluster_wait_map_finish (GredisPool    *pool,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

GPtrArray *
_gredis_pool_cluster_dup_nodes (GredisPool *pool,
                                gboolean    replicas)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  GredisClusterTopology *topology;
  g_autofree gboolean *taken = NULL;
  GPtrArray *nodes;

  g_mutex_lock (&self->lock);
  topology = self->topology;
  if (topology == NULL)
    {
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  nodes = g_ptr_array_new_with_free_func (g_object_unref);
  taken = g_new0 (gboolean, topology->nodes->len);
  for (guint slot = 0; slot < GREDIS_CLUSTER_N_SLOTS; slot++)
    {
      guint16 index = topology->slots[slot];
      const GredisClusterNode *node;

      if (index == GREDIS_CLUSTER_NO_NODE || taken[index])
        continue;
      taken[index] = TRUE;
      node = g_ptr_array_index (topology->nodes, index);
      g_ptr_array_add (nodes, g_network_address_new (node->host, node->port));
    }
  for (guint i = 0; replicas && i < topology->nodes->len; i++)
    {
      const GredisClusterNode *node = g_ptr_array_index (topology->nodes, i);

      if (!taken[i] && node->role == GREDIS_CLUSTER_ROLE_REPLICA &&
          node->health != GREDIS_CLUSTER_HEALTH_FAILED)
        g_ptr_array_add (nodes, g_network_address_new (node->host, node->port));
    }
  g_mutex_unlock (&self->lock);
  return nodes;
}

/* GredisPool */

static void
gredis_pool_cluster_configure (GredisPool   *pool,
                               GredisConfig *config)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  const char *seeds = gredis_config_get_seeds (config);
  g_autoptr(GPtrArray) parsed = NULL;
  g_autoptr(GredisAddressMap) map = NULL;
  g_autoptr(GError) error = NULL;

  if (seeds != NULL)
    parsed = _gredis_config_parse_seeds (seeds, &error);
  if (parsed == NULL)
    {
      if (error != NULL)
        g_warning ("%s", error->message);
      parsed = g_ptr_array_new_with_free_func (g_object_unref);
      g_ptr_array_add (parsed, g_network_address_new (gredis_config_get_host (config),
                                                      gredis_config_get_port (config)));
    }

  if (gredis_config_get_address_map (config) != NULL)
    {
      g_clear_error (&error);
      map = _gredis_address_map_new (gredis_config_get_address_map (config), &error);
      if (map == NULL)
        g_warning ("%s", error->message);
    }

  g_mutex_lock (&self->lock);
  g_set_object (&self->config, config);
  g_clear_pointer (&self->seeds, g_ptr_array_unref);
  self->seeds = g_steal_pointer (&parsed);
  g_atomic_int_set ((gint *) &self->read_from,
                    _gredis_read_from_parse (gredis_config_get_read_from (config)));
  g_clear_pointer (&self->address_map, _gredis_address_map_free);
  self->address_map = g_steal_pointer (&map);
  g_atomic_int_inc (&self->epoch);
  g_mutex_unlock (&self->lock);
}

static void
gredis_pool_cluster_acquire_async (GredisPool               *pool,
                                   const GredisPoolRequest  *request,
                                   GCancellable             *cancellable,
                                   GAsyncReadyCallback       callback,
                                   gpointer                  user_data)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  GTask *task = g_task_new (pool, cancellable, callback, user_data);
  gboolean ready;

  g_task_set_source_tag (task, gredis_pool_cluster_acquire_async);
  g_task_set_task_data (task, gredis_pool_request_copy (request),
                        (GDestroyNotify) gredis_pool_request_free);

  g_mutex_lock (&self->lock);
  if (self->closed || self->config == NULL)
    {
      gboolean closed = self->closed;

      g_mutex_unlock (&self->lock);
      gredis_i18n_init ();
      if (closed)
        g_task_return_error (task, closed_error ());
      else
        g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_CONFIG, "%s",
                                 _("The cluster pool was not given a configuration."));
      g_object_unref (task);
      return;
    }
  /* A request for a named node needs no map. */
  ready = self->topology != NULL || request->node != NULL;
  if (!ready)
    {
      g_queue_push_tail (&self->waiting, task);
      ensure_fetch_locked (self);
    }
  g_mutex_unlock (&self->lock);
  if (ready)
    acquire_from_node (task);
}

static GredisConnection *
gredis_pool_cluster_acquire_finish (GredisPool    *pool,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GredisConnection *
gredis_pool_cluster_try_acquire (GredisPool               *pool,
                                 const GredisPoolRequest  *request,
                                 GError                  **error)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  g_autoptr(GredisPool) node_pool = NULL;
  GredisConnection *connection;

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      g_propagate_error (error, closed_error ());
      return NULL;
    }
  if (self->config == NULL || (self->topology == NULL && request->node == NULL))
    {
      /* The map comes asynchronously: gredis_pool_acquire_async() waits
       * for it. */
      g_mutex_unlock (&self->lock);
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                           "The cluster's slot map is not known yet.");
      return NULL;
    }
  node_pool = route_locked (self, request, error);
  g_mutex_unlock (&self->lock);
  if (node_pool == NULL)
    return NULL;

  connection = gredis_pool_try_acquire (node_pool, request, error);
  if (connection != NULL)
    remember_owner (self, connection, node_pool);
  return connection;
}

/* The blocking form: the node's own blocking acquisition, which hands out
 * connections of the node pool's private contexts again and again (the
 * generic fallback, acquire_async() on a new context each time, would
 * make a connection per call). */
static GredisConnection *
gredis_pool_cluster_acquire (GredisPool               *pool,
                             const GredisPoolRequest  *request,
                             GCancellable             *cancellable,
                             GError                  **error)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  g_autoptr(GredisPool) node_pool = NULL;
  GredisConnection *connection;
  gboolean known;

  g_mutex_lock (&self->lock);
  known = self->topology != NULL || request->node != NULL;
  g_mutex_unlock (&self->lock);
  if (!known)
    {
      GredisSync sync;

      gredis_sync_begin (&sync);
      _gredis_pool_cluster_wait_map_async (pool, cancellable, gredis_sync_done, &sync);
      gredis_sync_wait (&sync);
      known = _gredis_pool_cluster_wait_map_finish (pool, sync.result, error);
      gredis_sync_end (&sync);
      if (!known)
        return NULL;
    }

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      g_propagate_error (error, closed_error ());
      return NULL;
    }
  node_pool = route_locked (self, request, error);
  g_mutex_unlock (&self->lock);
  if (node_pool == NULL)
    return NULL;

  connection = gredis_pool_acquire (node_pool, request, cancellable, error);
  if (connection != NULL)
    remember_owner (self, connection, node_pool);
  return connection;
}

static void
gredis_pool_cluster_release (GredisPool       *pool,
                             GredisConnection *connection)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  GredisPool *node_pool = NULL;
  Owner *owner;

  /* Each use goes back to the node's pool, which counts them. */
  g_mutex_lock (&self->lock);
  owner = g_hash_table_lookup (self->owners, connection);
  if (owner != NULL)
    {
      node_pool = g_object_ref (owner->pool);
      if (--owner->uses == 0)
        g_hash_table_remove (self->owners, connection);
    }
  g_mutex_unlock (&self->lock);

  if (node_pool != NULL)
    {
      gredis_pool_release (node_pool, connection);
      g_object_unref (node_pool);
    }
  else
    {
      gredis_connection_close (connection);
      g_object_unref (connection);
    }
}

static void
gredis_pool_cluster_close (GredisPool *pool)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  g_autoptr(GPtrArray) pools = NULL;
  GHashTableIter iter;
  gpointer value;
  GQueue waiting;
  GTask *task;

  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  if (self->fetch_cancellable != NULL)
    g_cancellable_cancel (self->fetch_cancellable);
  clear_source (&self->deferred);
  clear_source (&self->periodic);
  waiting = self->waiting;
  g_queue_init (&self->waiting);
  pools = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_iter_init (&iter, self->node_pools);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (pools, g_object_ref (value));
  g_mutex_unlock (&self->lock);

  while ((task = g_queue_pop_head (&waiting)) != NULL)
    {
      g_task_return_error (task, closed_error ());
      g_object_unref (task);
    }
  for (guint i = 0; i < pools->len; i++)
    gredis_pool_close (g_ptr_array_index (pools, i));
}

static void
gredis_pool_cluster_iface_init (GredisPoolInterface *iface)
{
  iface->configure = gredis_pool_cluster_configure;
  iface->acquire_async = gredis_pool_cluster_acquire_async;
  iface->acquire_finish = gredis_pool_cluster_acquire_finish;
  iface->try_acquire = gredis_pool_cluster_try_acquire;
  iface->acquire = gredis_pool_cluster_acquire;
  iface->release = gredis_pool_cluster_release;
  iface->close = gredis_pool_cluster_close;
}

static void
gredis_pool_cluster_finalize (GObject *object)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (object);

  g_assert (g_queue_is_empty (&self->waiting));
  clear_source (&self->deferred);
  clear_source (&self->periodic);
  g_clear_object (&self->fetch_cancellable);
  g_clear_pointer (&self->fetched, _gredis_cluster_topology_free);
  g_hash_table_unref (self->owners);
  g_hash_table_unref (self->node_pools);
  g_hash_table_unref (self->latencies);
  g_clear_pointer (&self->address_map, _gredis_address_map_free);
  g_clear_pointer (&self->topology, _gredis_cluster_topology_free);
  g_clear_object (&self->last_failed);
  g_clear_pointer (&self->seeds, g_ptr_array_unref);
  g_clear_object (&self->config);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (gredis_pool_cluster_parent_class)->finalize (object);
}

static void
gredis_pool_cluster_class_init (GredisPoolClusterClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gredis_pool_cluster_finalize;

  /* GredisPoolCluster::topology-changed: (changes: GredisTopologyChange)
   * A refresh found a map that differs from the one fetched before;
   * emitted on the worker thread. */
  signals[SIGNAL_TOPOLOGY_CHANGED] =
    g_signal_new ("topology-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, GREDIS_TYPE_TOPOLOGY_CHANGE);
}

static void
gredis_pool_cluster_init (GredisPoolCluster *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->waiting);
  self->node_pools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->owners = g_hash_table_new_full (NULL, NULL, NULL, owner_free);
  self->latencies = g_hash_table_new_full (node_time_hash, node_time_equal, node_time_free, NULL);
}

gboolean
_gredis_pool_cluster_map_slots (GredisPool *pool,
                                const gint *slots,
                                guint       n_slots,
                                guint      *nodes,
                                guint      *n_nodes)
{
  GredisPoolCluster *self = GREDIS_POOL_CLUSTER (pool);
  GredisClusterTopology *topology;
  guint any = GREDIS_CLUSTER_NO_NODE;

  g_mutex_lock (&self->lock);
  topology = self->topology;
  if (topology == NULL)
    {
      g_mutex_unlock (&self->lock);
      return FALSE;
    }
  *n_nodes = topology->nodes->len;
  /* The node route_locked() takes for a command without a key. */
  for (guint i = 0; i < topology->nodes->len && any == GREDIS_CLUSTER_NO_NODE; i++)
    {
      const GredisClusterNode *node = g_ptr_array_index (topology->nodes, i);

      if (node->role == GREDIS_CLUSTER_ROLE_PRIMARY)
        any = i;
    }
  for (guint i = 0; i < n_slots; i++)
    {
      guint node;

      if (slots[i] >= 0 && slots[i] < GREDIS_CLUSTER_N_SLOTS)
        node = topology->slots[slots[i]];
      else
        node = any;
      nodes[i] = node < topology->nodes->len ? node : *n_nodes;
    }
  g_mutex_unlock (&self->lock);
  return TRUE;
}
