/* gredis-pool-sentinel.c: the pool of a master watched by Redis Sentinel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-config-private.h"
#include "gredis-connection-private.h"
#include "gredis-pool-sentinel-private.h"
#include "gredis-read-policy-private.h"
#include "gredis-sentinel-discovery-private.h"

#include <string.h>

/* GredisPoolSentinel: registered as the `sentinel` pool. It is the
 * blocking pool (it counts, shares and waits the same way) whose every
 * new connection goes where the sentinels say the master is now: the
 * base asks resolve_endpoint before it makes one, so that a reconnect
 * after any failure finds the master again, whether or not an event
 * told of the change. A resolution asks the sentinels in turn
 * (gredis-sentinel-discovery.c), confirms the master with ROLE, and is
 * shared by every caller that comes while it runs.
 *
 * When the master changes (a resolution finds another one, or a
 * sentinel publishes +switch-master), or a failover away from it begins
 * (see the subscriptions below), every connection made so far is
 * retired (_gredis_pool_base_retire_all()): shared, exclusive and
 * pub/sub connections are closed; pub/sub resubscribes on its own when
 * its connection closes. A READONLY reply from a demoted master does the
 * same (_gredis_pool_sentinel_report_readonly(), from the router).
 *
 * The resolutions and the subscriptions on the sentinels (GredisConfig:
 * sentinel-events) run on a thread of the pool's own, with a main
 * context of its own, so that they work whatever the callers' contexts
 * do, the blocking API's included. The fields marked "worker" are used
 * by that thread only; the others are under the lock.
 *
 * Reads (GredisPoolRequest.intent) go where GredisConfig:read-from says
 * (gredis-read-policy.c, as in the cluster pool): to one of the replicas
 * that SENTINEL REPLICAS reports up, connected and with its link to the
 * master ok, or to the master when there is none. Each replica has a
 * pool of its own (`blocking`, from a copy of the configuration with the
 * replica as host and port); this pool remembers which one each
 * connection it hands out came from, to give it back there. No READONLY:
 * a Redis replica serves reads as it is. The list is read again after
 * each resolution, on the sentinels' events about replicas (+slave,
 * +sdown and -sdown of a replica, +convert-to-slave,
 * +slave-reconf-done), on +switch-master, on a replica connection lost,
 * and every REPLICAS_PERIOD_MS (the sentinels tell of no event when a
 * replica's link to its master comes back). A replica that disappears
 * from the list, or becomes master, has its pool closed. A replica whose
 * connection closes before it was ready is skipped for REPLICA_PENALTY_US,
 * so that the reads retried after it failed go to the master until the
 * sentinels see it down; an acquisition from a replica that fails falls
 * back on the master. */

#define SENTINEL_PORT 26379
#define SENTINEL_TIMEOUT_MS 500
#define WATCH_RETRY_MS 200
/* How long a resolution waits for a master it can confirm when
 * pool-timeout-ms is 0 (wait for ever): as long as its default. */
#define DEFAULT_WAIT_MS 5000
#define REPLICAS_PERIOD_MS 5000
#define REPLICA_PENALTY_US (2 * G_USEC_PER_SEC)
/* How often `nearest` measures the servers again, while reads come. */
#define LATENCY_PERIOD_US (30 * G_USEC_PER_SEC)
#define REPLICA_KEY "gredis-sentinel-replica"
#define REPLICA_READY_KEY "gredis-sentinel-replica-ready"

struct _GredisPoolSentinel
{
  GredisPoolBase parent_instance;

  GMutex lock;
  char *master;                       /* "host:port", NULL until found */
  guint switches;
  gboolean stopped;

  GThread *thread;
  GMainContext *context;              /* the worker's */
  GMainLoop *loop;

  /* worker */
  GredisConfig *config;               /* the master's connections' */
  GredisConfig *sentinel_config;      /* the sentinels' */
  GredisSentinelDiscovery *discovery;
  GError *config_error;
  gboolean events;
  gboolean stopping;
  gboolean resolving;
  GQueue waiting;                     /* GTask of resolve_endpoint_async */
  GHashTable *watches;                /* address → Watch */
  char *avoided;                      /* a master being failed over */
  gint64 avoided_until;
  GSource *retry_avoided;             /* the next round of a resolution */
  gint64 resolve_deadline;
  gboolean replicas_fetching;
  gboolean replicas_again;            /* asked for while one ran */
  GSource *replicas_timer;

  /* reads */
  GredisReadFrom read_from;
  GredisConfig *replica_config;       /* the replica pools' template */
  GPtrArray *replicas;                /* "host:port" that serve reads, sorted */
  GHashTable *replica_pools;          /* "host:port" → GredisPool */
  GHashTable *penalties;              /* "host:port" → monotonic µs it is skipped until */
  GHashTable *owners;                 /* GredisConnection → Owner */
  GHashTable *latencies;              /* "host:port" → round trip in µs */
  gint64 probed_at;
  gboolean probing;
  guint turn;                         /* atomic: round-robin of `replicas` */
  gboolean closed;
};

static void gredis_pool_sentinel_pool_init (GredisPoolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisPoolSentinel, gredis_pool_sentinel, GREDIS_TYPE_POOL_BASE,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_POOL, gredis_pool_sentinel_pool_init)
                               gredis_plugin_module_implement (NULL, GREDIS_PLUGIN_POOL, "sentinel",
                                                               g_define_type_id, 0))

static GError *
closed_error (void)
{
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CLOSED, _("The sentinel pool is closed."));
}

/* Runs @func on the worker thread. Not g_main_context_invoke(): it
 * would run @func at once in the caller's thread whenever the worker's
 * context is free to acquire. */
static void
run_in_worker (GredisPoolSentinel *self,
               GSourceFunc         func,
               gpointer            data,
               GDestroyNotify      destroy)
{
  GSource *source = g_idle_source_new ();

  g_source_set_callback (source, func, data, destroy);
  g_source_set_static_name (source, "[gredis] sentinel pool");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* In the worker, or anywhere */

/* Under the lock: @address no longer serves reads: out of the list, its
 * pool (returned, to be closed once unlocked) out of the table. */
static GredisPool *
drop_replica_locked (GredisPoolSentinel *self,
                     const char         *address)
{
  gpointer key = NULL, pool = NULL;
  guint index;

  if (self->replicas != NULL &&
      g_ptr_array_find_with_equal_func (self->replicas, address, g_str_equal, &index))
    g_ptr_array_remove_index (self->replicas, index);
  if (g_hash_table_steal_extended (self->replica_pools, address, &key, &pool))
    GREDIS_DEBUG ("pool", "Closing the connections to %s as a replica", address);
  g_free (key);
  return pool;
}

static void
close_pool (GredisPool *pool)
{
  if (pool == NULL)
    return;
  gredis_pool_close (pool);
  g_object_unref (pool);
}

/* @master ("host:port") is the master now: when it was another one, the
 * connections to that one are retired, and those to @master as a
 * replica closed. */
static void
set_master (GredisPoolSentinel *self,
            const char         *master,
            const char         *why)
{
  GredisPool *promoted = NULL;
  gboolean changed;

  g_mutex_lock (&self->lock);
  changed = self->master != NULL && strcmp (self->master, master) != 0;
  if (self->master == NULL || changed)
    {
      g_free (self->master);
      self->master = g_strdup (master);
    }
  if (changed)
    self->switches++;
  promoted = drop_replica_locked (self, master);
  g_mutex_unlock (&self->lock);

  close_pool (promoted);
  if (changed)
    {
      GREDIS_DEBUG ("pool", "The master is now %s (%s): closing the connections to the old one", master, why);
      _gredis_pool_base_retire_all (GREDIS_POOL_BASE (self));
    }
}

/* The replicas that serve reads are now @found (sorted). */
static void
set_replicas (GredisPoolSentinel *self,
              GPtrArray          *found)
{
  g_autoptr(GPtrArray) closing = g_ptr_array_new ();
  g_autoptr(GPtrArray) replicas = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer key, value;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < found->len; i++)
    {
      const char *address = g_ptr_array_index (found, i);

      if (self->master == NULL || strcmp (address, self->master) != 0)
        g_ptr_array_add (replicas, g_strdup (address));
    }
  g_hash_table_iter_init (&iter, self->replica_pools);
  while (g_hash_table_iter_next (&iter, &key, &value))
    if (!g_ptr_array_find_with_equal_func (replicas, key, g_str_equal, NULL))
      {
        GREDIS_DEBUG ("pool", "Closing the connections to %s as a replica", (char *) key);
        g_ptr_array_add (closing, g_object_ref (value));
        g_hash_table_iter_remove (&iter);
      }
  g_clear_pointer (&self->replicas, g_ptr_array_unref);
  self->replicas = g_steal_pointer (&replicas);
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < closing->len; i++)
    close_pool (g_ptr_array_index (closing, i));
}

static char *
address_string (const char *host,
                const char *port)
{
  return strchr (host, ':') != NULL ? g_strdup_printf ("[%s]:%s", host, port)
                                    : g_strdup_printf ("%s:%s", host, port);
}

/* The replicas (worker) */

static void refresh_replicas (GredisPoolSentinel *self);

static void
on_replicas_fetched (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  GredisPoolSentinel *self = data;
  g_autoptr(GPtrArray) found = NULL;
  g_autoptr(GError) error = NULL;

  found = _gredis_sentinel_discovery_replicas_finish (self->discovery, result, &error);
  self->replicas_fetching = FALSE;
  if (found != NULL)
    {
      GREDIS_DEBUG ("pool", "%u replicas serve reads", found->len);
      set_replicas (self, found);
    }
  else
    GREDIS_DEBUG ("pool", "The replicas were not read again: %s", error->message);
  if (self->replicas_again)
    {
      self->replicas_again = FALSE;
      refresh_replicas (self);
    }
}

/* Reads SENTINEL REPLICAS again, unless reads go to the master only. */
static void
refresh_replicas (GredisPoolSentinel *self)
{
  GredisReadFrom read_from;

  g_mutex_lock (&self->lock);
  read_from = self->read_from;
  g_mutex_unlock (&self->lock);
  if (self->stopping || self->discovery == NULL || read_from == GREDIS_READ_FROM_PRIMARY)
    return;
  if (self->replicas_fetching)
    {
      self->replicas_again = TRUE;
      return;
    }
  self->replicas_fetching = TRUE;
  _gredis_sentinel_discovery_replicas_async (self->discovery, self->config, NULL,
                                             on_replicas_fetched, self);
}

static gboolean
on_replicas_timer (gpointer data)
{
  refresh_replicas (data);
  return G_SOURCE_CONTINUE;
}

static gboolean
refresh_replicas_cb (gpointer data)
{
  refresh_replicas (data);
  return G_SOURCE_REMOVE;
}

/* The subscriptions on the sentinels (worker)
 *
 * One connection to each sentinel known, subscribed to the events that
 * matter: +switch-master (every sentinel publishes it once it takes the
 * new configuration); +failover-state-send-slaveof-noone (the sentinel
 * leading a failover publishes it a timer tick before it tells the
 * chosen replica to become master): the master is avoided from then on,
 * its connections closed and new ones wait, so that no write is
 * acknowledged by a master whose replica already left it (such writes
 * would be lost when it is made a replica); the failover's abort events
 * end that wait, and so does AVOID_US at the latest. */

#define AVOID_US (10 * G_USEC_PER_SEC)
#define AVOIDED_RETRY_MS 50

typedef struct
{
  GredisPoolSentinel *self;
  char *address;
  GredisConnection *connection;
  GSource *retry;
} Watch;

static void watch_connect (Watch *watch);

static void
watch_disconnect (Watch *watch)
{
  if (watch->retry != NULL)
    {
      g_source_destroy (watch->retry);
      g_clear_pointer (&watch->retry, g_source_unref);
    }
  if (watch->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (watch->connection, watch);
      gredis_connection_close (watch->connection);
      g_clear_object (&watch->connection);
    }
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  watch_disconnect (watch);
  g_free (watch->address);
  g_free (watch);
}

static gboolean
on_watch_retry (gpointer data)
{
  Watch *watch = data;

  g_clear_pointer (&watch->retry, g_source_unref);
  watch_connect (watch);
  return G_SOURCE_REMOVE;
}

/* The subscription failed: again after a short pause. */
static void
watch_again_later (Watch *watch)
{
  watch_disconnect (watch);
  watch->retry = g_timeout_source_new (WATCH_RETRY_MS);
  g_source_set_callback (watch->retry, on_watch_retry, watch, NULL);
  g_source_attach (watch->retry, watch->self->context);
}

static void
on_watch_state (GObject    *object,
                GParamSpec *pspec,
                gpointer    data)
{
  Watch *watch = data;

  if (gredis_connection_get_state (GREDIS_CONNECTION (object)) == GREDIS_CONNECTION_STATE_CLOSED)
    {
      GREDIS_DEBUG ("pool", "The subscription on sentinel %s was lost", watch->address);
      watch_again_later (watch);
    }
}

static void resolve_now (GredisPoolSentinel *self);

static void
on_watch_push (GredisConnection *connection,
               GredisReply      *reply,
               gpointer          data)
{
  Watch *watch = data;
  GredisPoolSentinel *self = watch->self;
  const char *master_name = gredis_config_get_master_name (self->config);
  const char *kind;
  const char *channel;
  const char *payload;
  g_auto(GStrv) fields = NULL;
  guint n_fields;

  if (!gredis_reply_is_aggregate (reply) || gredis_reply_get_n_elements (reply) != 3)
    return;
  kind = gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL);
  channel = gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL);
  payload = gredis_reply_get_string (gredis_reply_get_element (reply, 2), NULL);
  if (kind == NULL || strcmp (kind, "message") != 0 || channel == NULL || payload == NULL)
    return;
  fields = g_strsplit (payload, " ", -1);
  n_fields = g_strv_length (fields);

  if (strcmp (channel, "+switch-master") == 0)
    {
      /* name old-ip old-port new-ip new-port */
      g_autofree char *master = NULL;

      if (n_fields != 5 || strcmp (fields[0], master_name) != 0)
        return;
      master = address_string (fields[3], fields[4]);
      g_clear_pointer (&self->avoided, g_free);
      set_master (self, master, "+switch-master");
      refresh_replicas (self);
      if (self->resolving && self->retry_avoided != NULL)
        {
          /* A resolution waiting for the failover's end: now. */
          g_source_destroy (self->retry_avoided);
          g_clear_pointer (&self->retry_avoided, g_source_unref);
          resolve_now (self);
        }
    }
  else if (strcmp (channel, "+failover-state-send-slaveof-noone") == 0)
    {
      /* slave ip:port ip port @ master-name master-ip master-port */
      g_autofree char *old = NULL;
      gboolean current;

      if (n_fields != 8 || strcmp (fields[5], master_name) != 0)
        return;
      old = address_string (fields[6], fields[7]);
      g_free (self->avoided);
      self->avoided = g_strdup (old);
      self->avoided_until = g_get_monotonic_time () + AVOID_US;
      g_mutex_lock (&self->lock);
      current = self->master != NULL && strcmp (self->master, old) == 0;
      g_mutex_unlock (&self->lock);
      if (current)
        {
          GREDIS_DEBUG ("pool", "A failover away from %s begins: closing the connections to it", old);
          _gredis_pool_base_retire_all (GREDIS_POOL_BASE (self));
        }
    }
  else if (strcmp (channel, "+sdown") == 0 || strcmp (channel, "-sdown") == 0 ||
           strcmp (channel, "+slave") == 0 || strcmp (channel, "+convert-to-slave") == 0 ||
           strcmp (channel, "+slave-reconf-done") == 0)
    {
      /* slave ip:port ip port @ master-name master-ip master-port */
      if (n_fields != 8 || strcmp (fields[0], "slave") != 0 || strcmp (fields[5], master_name) != 0)
        return;
      if (strcmp (channel, "+sdown") == 0)
        {
          g_autofree char *address = address_string (fields[2], fields[3]);
          GredisPool *down;

          g_mutex_lock (&self->lock);
          down = drop_replica_locked (self, address);
          g_mutex_unlock (&self->lock);
          close_pool (down);
        }
      refresh_replicas (self);
    }
  else if (g_str_has_prefix (channel, "-failover-abort"))
    {
      /* master name ip port */
      if (n_fields == 4 && strcmp (fields[1], master_name) == 0)
        g_clear_pointer (&self->avoided, g_free);
    }
}

static void
watch_connect (Watch *watch)
{
  static const char * const subscribe[] = {
    "SUBSCRIBE", "+switch-master", "+failover-state-send-slaveof-noone",
    "-failover-abort-not-elected", "-failover-abort-no-good-slave",
    "-failover-abort-slave-timeout", "+sdown", "-sdown", "+slave", "+convert-to-slave",
    "+slave-reconf-done",
  };
  GredisPoolSentinel *self = watch->self;
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  endpoint = g_network_address_parse (watch->address, SENTINEL_PORT, &error);
  if (endpoint != NULL)
    watch->connection = gredis_connection_new_for_config (self->sentinel_config, endpoint, &error);
  if (watch->connection == NULL)
    {
      GREDIS_DEBUG ("pool", "Cannot subscribe on sentinel %s: %s", watch->address, error->message);
      watch_again_later (watch);
      return;
    }
  _gredis_connection_set_subscriber (watch->connection, TRUE);
  g_signal_connect (watch->connection, "push", G_CALLBACK (on_watch_push), watch);
  g_signal_connect (watch->connection, "notify::state", G_CALLBACK (on_watch_state), watch);
  _gredis_connection_send_no_reply (watch->connection, G_N_ELEMENTS (subscribe), subscribe, NULL);
}

/* A subscription on every sentinel known and not watched yet. */
static void
watch_start (GredisPoolSentinel *self)
{
  GPtrArray *sentinels;

  if (!self->events || self->discovery == NULL)
    return;
  sentinels = _gredis_sentinel_discovery_get_sentinels (self->discovery);
  for (guint i = 0; i < sentinels->len; i++)
    {
      const char *address = g_ptr_array_index (sentinels, i);
      Watch *watch;

      if (g_hash_table_contains (self->watches, address))
        continue;
      watch = g_new0 (Watch, 1);
      watch->self = self;
      watch->address = g_strdup (address);
      g_hash_table_insert (self->watches, watch->address, watch);
      watch_connect (watch);
    }
}

static void
watch_stop (GredisPoolSentinel *self)
{
  g_hash_table_remove_all (self->watches);
}

/* Resolutions (worker) */

static gboolean
on_retry_avoided (gpointer data)
{
  GredisPoolSentinel *self = data;

  g_clear_pointer (&self->retry_avoided, g_source_unref);
  resolve_now (self);
  return G_SOURCE_REMOVE;
}

static void
on_resolved (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GredisPoolSentinel *self = data;
  g_autoptr(GSocketConnectable) master = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *address = NULL;
  GQueue waiting;
  GTask *task;

  master = _gredis_sentinel_discovery_resolve_finish (self->discovery, result, &error);
  if (master == NULL && !self->stopping && g_get_monotonic_time () < self->resolve_deadline &&
      !g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_NO_SENTINEL) &&
      !g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_MASTER))
    {
      /* The sentinels name a master that cannot be reached or is not
       * master (it died, a failover is under way): ask again until
       * pool-timeout-ms, as a caller waits for a connection. */
      GREDIS_DEBUG ("pool", "No master confirmed yet (%s); asking the sentinels again", error->message);
      self->retry_avoided = g_timeout_source_new (AVOIDED_RETRY_MS);
      g_source_set_callback (self->retry_avoided, on_retry_avoided, self, NULL);
      g_source_attach (self->retry_avoided, self->context);
      return;
    }
  if (master != NULL)
    {
      g_autofree char *port = g_strdup_printf ("%u", g_network_address_get_port (G_NETWORK_ADDRESS (master)));

      address = address_string (g_network_address_get_hostname (G_NETWORK_ADDRESS (master)), port);
      if (self->avoided != NULL && strcmp (address, self->avoided) == 0 &&
          g_get_monotonic_time () < self->avoided_until && !self->stopping)
        {
          /* The sentinels still name the master they are failing over:
           * ask again shortly (or at +switch-master). */
          self->retry_avoided = g_timeout_source_new (AVOIDED_RETRY_MS);
          g_source_set_callback (self->retry_avoided, on_retry_avoided, self, NULL);
          g_source_attach (self->retry_avoided, self->context);
          return;
        }
      set_master (self, address, "resolution");
      watch_start (self);
      refresh_replicas (self);
    }

  self->resolving = FALSE;
  waiting = self->waiting;
  g_queue_init (&self->waiting);
  while ((task = g_queue_pop_head (&waiting)) != NULL)
    {
      if (master != NULL)
        g_task_return_pointer (task, g_object_ref (master), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
      g_object_unref (task);
    }
}

static void
resolve_now (GredisPoolSentinel *self)
{
  _gredis_sentinel_discovery_resolve_async (self->discovery, self->config, NULL, on_resolved, self);
}

static gboolean
start_resolve (gpointer data)
{
  GTask *task = data;
  GredisPoolSentinel *self = g_task_get_source_object (task);

  if (self->config_error != NULL)
    {
      g_task_return_error (task, g_error_copy (self->config_error));
      g_object_unref (task);
      return G_SOURCE_REMOVE;
    }
  g_queue_push_tail (&self->waiting, task);
  if (!self->resolving)
    {
      guint timeout_ms = gredis_config_get_pool_timeout_ms (self->config);

      self->resolving = TRUE;
      self->resolve_deadline = g_get_monotonic_time () +
                               (gint64) (timeout_ms > 0 ? timeout_ms : DEFAULT_WAIT_MS) * 1000;
      resolve_now (self);
    }
  return G_SOURCE_REMOVE;
}

/* Takes the configuration in the worker. */
typedef struct
{
  GredisPoolSentinel *self;
  GredisConfig *config;
} Configure;

static gboolean
apply_config (gpointer data)
{
  Configure *configure = data;
  GredisPoolSentinel *self = configure->self;
  GredisConfig *config = configure->config;
  g_autoptr(GPtrArray) addresses = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *password = NULL;
  GError *error = NULL;
  const char *sentinels = gredis_config_get_sentinels (config);

  watch_stop (self);
  if (self->replicas_timer != NULL)
    {
      g_source_destroy (self->replicas_timer);
      g_clear_pointer (&self->replicas_timer, g_source_unref);
    }
  g_clear_error (&self->config_error);
  g_clear_pointer (&self->discovery, _gredis_sentinel_discovery_free);
  g_clear_object (&self->config);
  g_clear_object (&self->sentinel_config);

  self->config = gredis_config_dup (config);
  /* The client's steps (the cache's CLIENT TRACKING) go on the master's
   * connections, not on the sentinels'. */
  _gredis_config_copy_handshake_steps (self->config, config);
  gredis_config_set_pool (self->config, NULL);
  gredis_config_set_path (self->config, NULL);
  self->sentinel_config = gredis_config_dup (self->config);
  gredis_config_set_username (self->sentinel_config, gredis_config_get_sentinel_username (config));
  gredis_config_set_password (self->sentinel_config, gredis_config_get_sentinel_password (config));
  gredis_config_set_password_file (self->sentinel_config, NULL);
  gredis_config_set_password_credential (self->sentinel_config,
                                         gredis_config_get_sentinel_password_credential (config));
  gredis_config_set_db (self->sentinel_config, 0);
  gredis_config_set_connect_timeout_ms (self->sentinel_config, SENTINEL_TIMEOUT_MS);
  self->events = gredis_config_get_sentinel_events (config);

  gredis_i18n_init ();
  if (sentinels == NULL)
    error = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                                 _("The sentinel pool needs the addresses of the sentinels (the option “sentinels”)."));
  else if (gredis_config_get_master_name (config) == NULL)
    error = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                                 _("The sentinel pool needs the name of the master (the option “master-name”)."));
  else
    {
      g_autoptr(GPtrArray) parsed = _gredis_config_parse_sentinels (sentinels, &error);

      for (guint i = 0; parsed != NULL && i < parsed->len; i++)
        g_ptr_array_add (addresses, g_socket_connectable_to_string (g_ptr_array_index (parsed, i)));
    }
  if (error == NULL)
    password = gredis_config_get_effective_password (self->sentinel_config, &error);
  if (error != NULL)
    {
      self->config_error = error;
      return G_SOURCE_REMOVE;
    }
  g_ptr_array_add (addresses, NULL);
  self->discovery = _gredis_sentinel_discovery_new ((const char * const *) addresses->pdata,
                                                    gredis_config_get_master_name (config),
                                                    gredis_config_get_sentinel_username (config),
                                                    password);
  if (password != NULL)
    memset (password, 0, strlen (password));
  watch_start (self);
  if (_gredis_read_from_parse (gredis_config_get_read_from (config)) != GREDIS_READ_FROM_PRIMARY)
    {
      self->replicas_timer = g_timeout_source_new (REPLICAS_PERIOD_MS);
      g_source_set_callback (self->replicas_timer, on_replicas_timer, self, NULL);
      g_source_attach (self->replicas_timer, self->context);
      refresh_replicas (self);
    }
  return G_SOURCE_REMOVE;
}

static void
configure_free (gpointer data)
{
  Configure *configure = data;

  g_object_unref (configure->config);
  g_free (configure);
}

static gpointer
worker_main (gpointer data)
{
  GredisPoolSentinel *self = data;
  GTask *task;

  g_main_context_push_thread_default (self->context);
  g_main_loop_run (self->loop);

  self->stopping = TRUE;
  watch_stop (self);
  if (self->replicas_timer != NULL)
    {
      g_source_destroy (self->replicas_timer);
      g_clear_pointer (&self->replicas_timer, g_source_unref);
    }
  if (self->retry_avoided != NULL)
    {
      /* The resolution that waited ends now, with the master named. */
      g_source_destroy (self->retry_avoided);
      g_clear_pointer (&self->retry_avoided, g_source_unref);
      resolve_now (self);
    }
  while ((task = g_queue_pop_head (&self->waiting)) != NULL)
    {
      g_task_return_error (task, closed_error ());
      g_object_unref (task);
    }
  /* A resolution under way ends on its own: let it. */
  while (self->resolving || self->replicas_fetching)
    g_main_context_iteration (self->context, TRUE);
  while (g_main_context_pending (self->context))
    g_main_context_iteration (self->context, FALSE);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* GredisPoolBase */

static void
gredis_pool_sentinel_resolve_endpoint_async (GredisPoolBase      *base,
                                             GCancellable        *cancellable,
                                             GAsyncReadyCallback  callback,
                                             gpointer             user_data)
{
  GredisPoolSentinel *self = GREDIS_POOL_SENTINEL (base);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  gboolean stopped;

  g_task_set_source_tag (task, gredis_pool_sentinel_resolve_endpoint_async);
  g_mutex_lock (&self->lock);
  stopped = self->stopped || self->thread == NULL;
  g_mutex_unlock (&self->lock);
  if (stopped)
    {
      g_task_return_error (task, closed_error ());
      g_object_unref (task);
      return;
    }
  run_in_worker (self, start_resolve, task, NULL);
}

static GSocketConnectable *
gredis_pool_sentinel_resolve_endpoint_finish (GredisPoolBase  *base,
                                              GAsyncResult    *result,
                                              GError         **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gredis_pool_sentinel_configured (GredisPoolBase *base,
                                 GredisConfig   *config)
{
  GredisPoolSentinel *self = GREDIS_POOL_SENTINEL (base);
  Configure *configure = g_new0 (Configure, 1);

  configure->self = self;
  configure->config = g_object_ref (config);
  g_mutex_lock (&self->lock);
  self->read_from = _gredis_read_from_parse (gredis_config_get_read_from (config));
  g_clear_object (&self->replica_config);
  self->replica_config = gredis_config_dup (config);
  _gredis_config_copy_handshake_steps (self->replica_config, config);
  gredis_config_set_pool (self->replica_config, NULL);
  gredis_config_set_path (self->replica_config, NULL);
  if (self->thread == NULL && !self->stopped)
    self->thread = g_thread_new ("gredis-sentinel", worker_main, self);
  g_mutex_unlock (&self->lock);
  run_in_worker (self, apply_config, configure, configure_free);
}

static gboolean
quit_worker (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static void
stop_worker (GredisPoolSentinel *self)
{
  GThread *thread;

  g_mutex_lock (&self->lock);
  self->stopped = TRUE;
  thread = g_steal_pointer (&self->thread);
  g_mutex_unlock (&self->lock);
  if (thread == NULL)
    return;
  run_in_worker (self, quit_worker, self->loop, NULL);
  if (thread != g_thread_self ())
    g_thread_join (thread);
  else
    g_thread_unref (thread);
}

static void
gredis_pool_sentinel_closed (GredisPoolBase *base)
{
  stop_worker (GREDIS_POOL_SENTINEL (base));
}

/* Reads */

/* Splits "host:port" (an IPv6 host in brackets). */
static gboolean
split_address (const char  *address,
               char       **host,
               guint16     *port)
{
  g_autoptr(GSocketConnectable) parsed = g_network_address_parse (address, 6379, NULL);

  if (parsed == NULL)
    return FALSE;
  *host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (parsed)));
  *port = g_network_address_get_port (G_NETWORK_ADDRESS (parsed));
  return TRUE;
}

static void
on_probed (gpointer data,
           gpointer user_data)
{
  GPtrArray *probes = data;
  GredisPoolSentinel *self = user_data;

  g_mutex_lock (&self->lock);
  for (guint i = 0; i < probes->len; i++)
    {
      GredisLatencyProbe *probe = g_ptr_array_index (probes, i);
      g_autofree char *port = g_strdup_printf ("%u", probe->port);
      char *address = address_string (probe->host, port);

      GREDIS_DEBUG ("pool", "Server %s: round trip %" G_GINT64_FORMAT " µs", address, probe->rtt_us);
      if (probe->rtt_us >= 0)
        g_hash_table_replace (self->latencies, address, g_memdup2 (&probe->rtt_us, sizeof (gint64)));
      else
        {
          g_hash_table_remove (self->latencies, address);
          g_free (address);
        }
    }
  self->probing = FALSE;
  g_mutex_unlock (&self->lock);
  g_object_unref (self);
}

/* Under the lock, for `nearest`: measures the master and the replicas
 * again in a thread of its own when the last measure is older than the
 * period (or there was none), unless one is under way. */
static void
maybe_probe_locked (GredisPoolSentinel *self)
{
  GPtrArray *probes;
  gint64 now;

  if (self->read_from != GREDIS_READ_FROM_NEAREST || self->probing || self->closed ||
      self->master == NULL || self->replica_config == NULL)
    return;
  now = g_get_monotonic_time ();
  if (self->probed_at != 0 && now - self->probed_at < LATENCY_PERIOD_US)
    return;
  self->probing = TRUE;
  self->probed_at = now;
  probes = g_ptr_array_new_with_free_func (_gredis_latency_probe_free);
  for (guint i = 0; i <= self->replicas->len; i++)
    {
      const char *address = i < self->replicas->len ? g_ptr_array_index (self->replicas, i) : self->master;
      GredisLatencyProbe *probe = g_new0 (GredisLatencyProbe, 1);

      if (!split_address (address, &probe->host, &probe->port))
        {
          _gredis_latency_probe_free (probe);
          continue;
        }
      probe->reach_host = g_strdup (probe->host);
      probe->reach_port = probe->port;
      g_ptr_array_add (probes, probe);
    }
  _gredis_latency_probe_run (self->replica_config, probes, on_probed, g_object_ref (self));
}

typedef struct
{
  GredisPoolSentinel *self;
  gint64 now;
} Choice;

static gboolean
replica_serves (guint    index,
                gpointer data)
{
  Choice *choice = data;
  const char *address = g_ptr_array_index (choice->self->replicas, index);
  gint64 *until = g_hash_table_lookup (choice->self->penalties, address);

  return until == NULL || *until <= choice->now;
}

static gint64
replica_latency (guint    index,
                 gpointer data)
{
  Choice *choice = data;
  gint64 *rtt = g_hash_table_lookup (choice->self->latencies,
                                     g_ptr_array_index (choice->self->replicas, index));

  return rtt != NULL ? *rtt : -1;
}

/* Under the lock: the pool of the replica @address, made on first use. */
static GredisPool *
replica_pool_locked (GredisPoolSentinel *self,
                     const char         *address)
{
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *host = NULL;
  GredisPool *pool = g_hash_table_lookup (self->replica_pools, address);
  guint16 port;

  if (pool != NULL)
    return g_object_ref (pool);
  if (!split_address (address, &host, &port))
    return NULL;
  pool = gredis_pool_new_for_name ("blocking", &error);
  if (pool == NULL)
    {
      GREDIS_DEBUG ("pool", "No pool for the replica %s: %s", address, error->message);
      return NULL;
    }
  config = gredis_config_dup (self->replica_config);
  _gredis_config_copy_handshake_steps (config, self->replica_config);
  gredis_config_set_host (config, host);
  gredis_config_set_port (config, port);
  gredis_pool_configure (pool, config);
  g_object_set_data_full (G_OBJECT (pool), REPLICA_KEY, g_strdup (address), g_free);
  g_hash_table_insert (self->replica_pools, g_strdup (address), g_object_ref (pool));
  return pool;
}

/* The pool of the replica that serves @request, or NULL when the master
 * does. */
static GredisPool *
choose_replica_pool (GredisPoolSentinel      *self,
                     const GredisPoolRequest *request)
{
  GredisPool *pool = NULL;
  Choice choice = { self, g_get_monotonic_time () };
  gint64 *master_rtt;
  gint chosen;

  if (request->intent != GREDIS_POOL_INTENT_READ)
    return NULL;
  g_mutex_lock (&self->lock);
  if (self->read_from != GREDIS_READ_FROM_PRIMARY && !self->closed && self->replicas != NULL &&
      self->replicas->len > 0 && self->replica_config != NULL)
    {
      maybe_probe_locked (self);
      master_rtt = self->master != NULL ? g_hash_table_lookup (self->latencies, self->master) : NULL;
      chosen = _gredis_read_policy_choose (self->read_from, self->replicas->len, replica_serves,
                                           replica_latency, master_rtt != NULL ? *master_rtt : -1,
                                           &self->turn, &choice);
      if (chosen >= 0)
        pool = replica_pool_locked (self, g_ptr_array_index (self->replicas, chosen));
    }
  g_mutex_unlock (&self->lock);
  return pool;
}

/* A replica connection closed. Before it was ready: the replica cannot
 * be reached, and is skipped for a while. Either way the sentinels are
 * asked about the replicas again. */
static void
on_replica_state (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    data)
{
  GredisPoolSentinel *self = data;
  GredisConnectionState state = gredis_connection_get_state (GREDIS_CONNECTION (object));
  const char *address = g_object_get_data (object, REPLICA_KEY);
  gboolean stopped;

  if (state == GREDIS_CONNECTION_STATE_READY)
    g_object_set_data (object, REPLICA_READY_KEY, GINT_TO_POINTER (TRUE));
  if (state != GREDIS_CONNECTION_STATE_CLOSED || address == NULL)
    return;
  if (g_object_get_data (object, REPLICA_READY_KEY) == NULL)
    {
      gint64 until = g_get_monotonic_time () + REPLICA_PENALTY_US;

      GREDIS_DEBUG ("pool", "The replica %s cannot be reached: reads go elsewhere for a while", address);
      g_mutex_lock (&self->lock);
      g_hash_table_replace (self->penalties, g_strdup (address), g_memdup2 (&until, sizeof until));
      g_mutex_unlock (&self->lock);
    }
  g_mutex_lock (&self->lock);
  stopped = self->stopped || self->thread == NULL;
  g_mutex_unlock (&self->lock);
  if (!stopped)
    run_in_worker (self, refresh_replicas_cb, g_object_ref (self), g_object_unref);
}

/* The replica pool a connection came from, and how many of its uses (a
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
remember_owner (GredisPoolSentinel *self,
                GredisConnection   *connection,
                GredisPool         *replica_pool)
{
  gboolean first;
  Owner *owner;

  g_mutex_lock (&self->lock);
  owner = g_hash_table_lookup (self->owners, connection);
  first = owner == NULL;
  if (first)
    {
      owner = g_new0 (Owner, 1);
      owner->pool = g_object_ref (replica_pool);
      g_hash_table_insert (self->owners, connection, owner);
    }
  owner->uses++;
  g_mutex_unlock (&self->lock);

  if (first && g_object_get_data (G_OBJECT (connection), REPLICA_KEY) == NULL)
    {
      g_object_set_data_full (G_OBJECT (connection), REPLICA_KEY,
                              g_strdup (g_object_get_data (G_OBJECT (replica_pool), REPLICA_KEY)),
                              g_free);
      if (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_READY)
        g_object_set_data (G_OBJECT (connection), REPLICA_READY_KEY, GINT_TO_POINTER (TRUE));
      g_signal_connect_object (connection, "notify::state", G_CALLBACK (on_replica_state), self, 0);
    }
}

/* GredisPool, over the base's */

static GredisPoolInterface *parent_pool_iface;

typedef struct
{
  GredisPoolRequest *request;
  GredisPool *replica_pool;
} Acquire;

static void
acquire_free (gpointer data)
{
  Acquire *acquire = data;

  gredis_pool_request_free (acquire->request);
  g_clear_object (&acquire->replica_pool);
  g_free (acquire);
}

static void
on_master_acquired (GObject      *source,
                    GAsyncResult *result,
                    gpointer      data)
{
  GTask *task = data;
  GError *error = NULL;
  GredisConnection *connection = parent_pool_iface->acquire_finish (GREDIS_POOL (source), result, &error);

  if (connection != NULL)
    g_task_return_pointer (task, connection, g_object_unref);
  else
    g_task_return_error (task, error);
  g_object_unref (task);
}

static void
on_replica_acquired (GObject      *source,
                     GAsyncResult *result,
                     gpointer      data)
{
  GTask *task = data;
  GredisPoolSentinel *self = g_task_get_source_object (task);
  Acquire *acquire = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  GredisConnection *connection = gredis_pool_acquire_finish (GREDIS_POOL (source), result, &error);

  if (connection != NULL)
    {
      remember_owner (self, connection, GREDIS_POOL (source));
      g_task_return_pointer (task, connection, g_object_unref);
      g_object_unref (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  GREDIS_DEBUG ("pool", "No connection to a replica (%s): the read goes to the master", error->message);
  parent_pool_iface->acquire_async (GREDIS_POOL (self), acquire->request, g_task_get_cancellable (task),
                                    on_master_acquired, task);
}

static void
gredis_pool_sentinel_acquire_async (GredisPool              *pool,
                                    const GredisPoolRequest *request,
                                    GCancellable            *cancellable,
                                    GAsyncReadyCallback      callback,
                                    gpointer                 user_data)
{
  GredisPoolSentinel *self = GREDIS_POOL_SENTINEL (pool);
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  GredisPool *replica_pool = choose_replica_pool (self, request);
  Acquire *acquire;

  g_task_set_source_tag (task, gredis_pool_sentinel_acquire_async);
  if (replica_pool == NULL)
    {
      parent_pool_iface->acquire_async (pool, request, cancellable, on_master_acquired, task);
      return;
    }
  acquire = g_new0 (Acquire, 1);
  acquire->request = gredis_pool_request_copy (request);
  acquire->replica_pool = replica_pool;
  g_task_set_task_data (task, acquire, acquire_free);
  gredis_pool_acquire_async (replica_pool, request, cancellable, on_replica_acquired, task);
}

static GredisConnection *
gredis_pool_sentinel_acquire_finish (GredisPool    *pool,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, pool), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

static GredisConnection *
gredis_pool_sentinel_acquire (GredisPool               *pool,
                              const GredisPoolRequest  *request,
                              GCancellable             *cancellable,
                              GError                  **error)
{
  GredisPoolSentinel *self = GREDIS_POOL_SENTINEL (pool);
  g_autoptr(GredisPool) replica_pool = choose_replica_pool (self, request);

  if (replica_pool != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      GredisConnection *connection = gredis_pool_acquire (replica_pool, request, cancellable, &local_error);

      if (connection != NULL)
        {
          remember_owner (self, connection, replica_pool);
          return connection;
        }
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      GREDIS_DEBUG ("pool", "No connection to a replica (%s): the read goes to the master", local_error->message);
    }
  return parent_pool_iface->acquire (pool, request, cancellable, error);
}

static GredisConnection *
gredis_pool_sentinel_try_acquire (GredisPool               *pool,
                                  const GredisPoolRequest  *request,
                                  GError                  **error)
{
  GredisPoolSentinel *self = GREDIS_POOL_SENTINEL (pool);
  g_autoptr(GredisPool) replica_pool = choose_replica_pool (self, request);

  if (replica_pool != NULL)
    {
      g_autoptr(GError) local_error = NULL;
      GredisConnection *connection = gredis_pool_try_acquire (replica_pool, request, &local_error);

      if (connection != NULL)
        {
          remember_owner (self, connection, replica_pool);
          return connection;
        }
      /* The replica's pool would wait: so does the caller, through
       * acquire_async(), which chooses again. */
      if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
      GREDIS_DEBUG ("pool", "No connection to a replica (%s): the read goes to the master", local_error->message);
    }
  return parent_pool_iface->try_acquire (pool, request, error);
}

static void
gredis_pool_sentinel_release (GredisPool       *pool,
                              GredisConnection *connection)
{
  GredisPoolSentinel *self = GREDIS_POOL_SENTINEL (pool);
  GredisPool *replica_pool = NULL;
  Owner *owner;

  /* Each use of a replica connection goes back to its pool, which counts
   * them; the others are the base's. */
  g_mutex_lock (&self->lock);
  owner = g_hash_table_lookup (self->owners, connection);
  if (owner != NULL)
    {
      replica_pool = g_object_ref (owner->pool);
      if (--owner->uses == 0)
        g_hash_table_remove (self->owners, connection);
    }
  g_mutex_unlock (&self->lock);

  if (replica_pool == NULL)
    {
      parent_pool_iface->release (pool, connection);
      return;
    }
  gredis_pool_release (replica_pool, connection);
  g_object_unref (replica_pool);
}

static void
gredis_pool_sentinel_close (GredisPool *pool)
{
  GredisPoolSentinel *self = GREDIS_POOL_SENTINEL (pool);
  g_autoptr(GPtrArray) pools = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  parent_pool_iface->close (pool);
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_hash_table_iter_init (&iter, self->replica_pools);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (pools, g_object_ref (value));
  g_mutex_unlock (&self->lock);
  for (guint i = 0; i < pools->len; i++)
    gredis_pool_close (g_ptr_array_index (pools, i));
}

static void
gredis_pool_sentinel_pool_init (GredisPoolInterface *iface)
{
  parent_pool_iface = g_type_interface_peek_parent (iface);
  iface->acquire_async = gredis_pool_sentinel_acquire_async;
  iface->acquire_finish = gredis_pool_sentinel_acquire_finish;
  iface->acquire = gredis_pool_sentinel_acquire;
  iface->try_acquire = gredis_pool_sentinel_try_acquire;
  iface->release = gredis_pool_sentinel_release;
  iface->close = gredis_pool_sentinel_close;
}

/* For the router and the tests */

gboolean
_gredis_pool_sentinel_report_readonly (GredisPool       *pool,
                                       GredisConnection *connection)
{
  if (!GREDIS_IS_POOL_SENTINEL (pool))
    return FALSE;
  if (_gredis_pool_base_is_current (GREDIS_POOL_BASE (pool), connection))
    {
      GREDIS_DEBUG ("pool", "A connection to the master answered READONLY: it was demoted");
      _gredis_pool_base_retire_all (GREDIS_POOL_BASE (pool));
    }
  return TRUE;
}

gboolean
_gredis_pool_sentinel_routes_reads (GredisPool *pool)
{
  GredisPoolSentinel *self;
  gboolean reads;

  if (!GREDIS_IS_POOL_SENTINEL (pool))
    return FALSE;
  self = GREDIS_POOL_SENTINEL (pool);
  g_mutex_lock (&self->lock);
  reads = self->read_from != GREDIS_READ_FROM_PRIMARY;
  g_mutex_unlock (&self->lock);
  return reads;
}

guint
_gredis_pool_sentinel_get_switches (GredisPoolSentinel *self)
{
  guint switches;

  g_mutex_lock (&self->lock);
  switches = self->switches;
  g_mutex_unlock (&self->lock);
  return switches;
}

char *
_gredis_pool_sentinel_dup_master (GredisPoolSentinel *self)
{
  char *master;

  g_mutex_lock (&self->lock);
  master = g_strdup (self->master);
  g_mutex_unlock (&self->lock);
  return master;
}

/* GObject */

static void
gredis_pool_sentinel_finalize (GObject *object)
{
  GredisPoolSentinel *self = GREDIS_POOL_SENTINEL (object);

  stop_worker (self);
  g_clear_pointer (&self->discovery, _gredis_sentinel_discovery_free);
  g_clear_object (&self->config);
  g_clear_object (&self->sentinel_config);
  g_clear_error (&self->config_error);
  g_free (self->master);
  g_free (self->avoided);
  g_clear_object (&self->replica_config);
  g_clear_pointer (&self->replicas, g_ptr_array_unref);
  g_hash_table_unref (self->replica_pools);
  g_hash_table_unref (self->penalties);
  g_hash_table_unref (self->owners);
  g_hash_table_unref (self->latencies);
  g_hash_table_unref (self->watches);
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_mutex_clear (&self->lock);
  G_OBJECT_CLASS (gredis_pool_sentinel_parent_class)->finalize (object);
}

static void
gredis_pool_sentinel_class_init (GredisPoolSentinelClass *klass)
{
  GredisPoolBaseClass *base_class = GREDIS_POOL_BASE_CLASS (klass);

  G_OBJECT_CLASS (klass)->finalize = gredis_pool_sentinel_finalize;
  base_class->waits = TRUE;
  base_class->resolve_endpoint_async = gredis_pool_sentinel_resolve_endpoint_async;
  base_class->resolve_endpoint_finish = gredis_pool_sentinel_resolve_endpoint_finish;
  base_class->configured = gredis_pool_sentinel_configured;
  base_class->closed = gredis_pool_sentinel_closed;
}

static void
gredis_pool_sentinel_init (GredisPoolSentinel *self)
{
  g_mutex_init (&self->lock);
  g_queue_init (&self->waiting);
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
  self->watches = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, watch_free);
  self->replicas = g_ptr_array_new_with_free_func (g_free);
  self->replica_pools = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_object_unref);
  self->penalties = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  self->owners = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL, owner_free);
  self->latencies = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}
