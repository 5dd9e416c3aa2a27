/* gredis-pool-sentinel.c: the pool of a master watched by Redis Sentinel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-config-private.h"
#include "gredis-connection-private.h"
#include "gredis-pool-sentinel-private.h"
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
 * by that thread only; the others are under the lock. */

#define SENTINEL_PORT 26379
#define SENTINEL_TIMEOUT_MS 500
#define WATCH_RETRY_MS 200
/* How long a resolution waits for a master it can confirm when
 * pool-timeout-ms is 0 (wait for ever): as long as its default. */
#define DEFAULT_WAIT_MS 5000

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
};

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisPoolSentinel, gredis_pool_sentinel, GREDIS_TYPE_POOL_BASE,
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

/* @master ("host:port") is the master now: when it was another one, the
 * connections to that one are retired. */
static void
set_master (GredisPoolSentinel *self,
            const char         *master,
            const char         *why)
{
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
  g_mutex_unlock (&self->lock);

  if (changed)
    {
      g_debug ("The master is now %s (%s): closing the connections to the old one", master, why);
      _gredis_pool_base_retire_all (GREDIS_POOL_BASE (self));
    }
}

static char *
address_string (const char *host,
                const char *port)
{
  return strchr (host, ':') != NULL ? g_strdup_printf ("[%s]:%s", host, port)
                                    : g_strdup_printf ("%s:%s", host, port);
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
      g_debug ("The subscription on sentinel %s was lost", watch->address);
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
          g_debug ("A failover away from %s begins: closing the connections to it", old);
          _gredis_pool_base_retire_all (GREDIS_POOL_BASE (self));
        }
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
    "-failover-abort-slave-timeout",
  };
  GredisPoolSentinel *self = watch->self;
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GError) error = NULL;

  endpoint = g_network_address_parse (watch->address, SENTINEL_PORT, &error);
  if (endpoint != NULL)
    watch->connection = gredis_connection_new_for_config (self->sentinel_config, endpoint, &error);
  if (watch->connection == NULL)
    {
      g_debug ("Cannot subscribe on sentinel %s: %s", watch->address, error->message);
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
      g_debug ("No master confirmed yet (%s); asking the sentinels again", error->message);
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
  g_clear_error (&self->config_error);
  g_clear_pointer (&self->discovery, _gredis_sentinel_discovery_free);
  g_clear_object (&self->config);
  g_clear_object (&self->sentinel_config);

  self->config = gredis_config_dup (config);
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
  while (self->resolving)
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

/* For the router and the tests */

gboolean
_gredis_pool_sentinel_report_readonly (GredisPool       *pool,
                                       GredisConnection *connection)
{
  if (!GREDIS_IS_POOL_SENTINEL (pool))
    return FALSE;
  if (_gredis_pool_base_is_current (GREDIS_POOL_BASE (pool), connection))
    {
      g_debug ("A connection to the master answered READONLY: it was demoted");
      _gredis_pool_base_retire_all (GREDIS_POOL_BASE (pool));
    }
  return TRUE;
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
}
