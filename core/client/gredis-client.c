/* gredis-client.c: the entry point of applications
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-blocking-private.h"
#include "gredis-client-retry-private.h"
#include "gredis-connection-private.h"
#include "gredis-pool-base.h"

#include <string.h>

/**
 * GredisClient:
 *
 * The entry point of applications: it turns a #GredisConfig (a URI, a key
 * file or properties) into connections, and sends commands on them.
 *
 * ```c
 * g_autoptr(GredisClient) client = gredis_client_new_for_uri ("redis://localhost/0", &error);
 * const char *argv[] = { "SET", "greeting", "hello", NULL };
 *
 * gredis_client_command_async (client, argv, NULL, on_set_done, NULL);
 * ```
 *
 * Asynchronous calls use one multiplexed #GredisConnection per main
 * context: the thread-default context of the caller. Their callbacks run
 * in that context, and every command issued in one main-loop iteration
 * goes out in one write. The blocking calls (gredis_client_command() and
 * the typed helpers without `_async`) may be made from any thread and
 * need no running main loop: each runs the same engine on a private main
 * context, with a connection of its own taken from a small pool of idle
 * blocking connections.
 *
 * The client has one property for every configuration key of
 * #GredisConfig, with the same name; they read and write the client's
 * configuration. Changes apply to connections made afterwards.
 *
 * Failed commands are sent again as the client's #GredisRetry (see
 * #GredisClient:retry) decides: a command is attempted at most
 * 1 + retries times, connection attempts included; a command the server
 * refused without running it (`LOADING` …) or that cannot have run twice
 * is sent again, a write that may have run fails with
 * %GREDIS_ERROR_UNKNOWN_OUTCOME, and permanent failures (a rejected
 * certificate, refused authentication, an unknown host name, a missing
 * plugin) are never retried.
 *
 * Server error replies become #GError s in the %GREDIS_ERROR domain whose
 * code comes from the error's prefix (%GREDIS_ERROR_WRONGTYPE,
 * %GREDIS_ERROR_NOPERM …) and whose message is the server's text.
 *
 * A #GredisClient is thread-safe.
 */

struct _GredisClient
{
  GObject parent_instance;

  GredisConfig *config;
  gulong config_notify_id;

  GMutex lock;
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

  GNetworkMonitor *network_monitor;
  gulong network_changed_id;
  guint network_epoch;         /* atomic */

  GredisSyncPool *sync_pool;

  /* Under the lock: the policy of gredis-client-retry.c, set by the
   * application, or made from the configuration on first use (and made
   * again after the configuration's retry keys change). */
  GredisRetry *retry;
  gboolean retry_is_set;
};

G_DEFINE_FINAL_TYPE (GredisClient, gredis_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONFIG,
  PROP_RETRY,
  N_OWN_PROPS
};

static GParamSpec *own_properties[N_OWN_PROPS];

/* The configuration's properties, mirrored: client property id
 * N_OWN_PROPS + i is config_pspecs[i]. */
static GParamSpec **config_pspecs;
static guint n_config_pspecs;

enum {
  SIGNAL_PUSH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Connections */

static GObject *
create_plugin (GredisClient      *self,
               GredisPluginKind   kind,
               const char        *name,
               GError           **error)
{
  GObject *plugin = gredis_plugins_create (kind, name, error);

  if (plugin == NULL)
    return NULL;
  if (!gredis_config_apply_to_plugin (self->config, plugin, error))
    {
      g_object_unref (plugin);
      return NULL;
    }
  return plugin;
}

static void
on_push (GredisConnection *connection,
         GredisReply      *reply,
         gpointer          user_data)
{
  g_signal_emit (user_data, signals[SIGNAL_PUSH], 0, connection, reply);
}

static void
on_open_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Commands queued on the connection fail with the same error; this is
   * only for the debug log. */
  if (!gredis_connection_open_finish (GREDIS_CONNECTION (source), result, &error))
    g_debug ("Could not open a connection: %s", error->message);
}

GredisConnection *
_gredis_client_create_connection (GredisClient  *self,
                                  GError       **error)
{
  g_autoptr(GObject) transport = NULL;
  g_autoptr(GObject) parser = NULL;
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autofree char *password = NULL;
  GredisConnection *connection;
  GError *local_error = NULL;

  transport = create_plugin (self, GREDIS_PLUGIN_TRANSPORT,
                             gredis_config_get_effective_transport (self->config), error);
  if (transport == NULL)
    return NULL;
  parser = create_plugin (self, GREDIS_PLUGIN_PARSER,
                          gredis_config_get_parser (self->config), error);
  if (parser == NULL)
    return NULL;
  password = gredis_config_get_effective_password (self->config, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  endpoint = gredis_config_get_endpoint (self->config);

  connection = gredis_connection_new (GREDIS_TRANSPORT (transport), GREDIS_PARSER (parser),
                                      endpoint);
  gredis_connection_set_username (connection, gredis_config_get_username (self->config));
  gredis_connection_set_password (connection, password);
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  gredis_connection_set_client_name (connection, gredis_config_get_client_name (self->config));
  gredis_connection_set_database (connection, gredis_config_get_db (self->config));
  gredis_connection_set_protocol (connection, gredis_config_get_protocol (self->config));
  gredis_connection_set_command_timeout_ms (connection,
                                            gredis_config_get_command_timeout_ms (self->config));
  /* No connection retries of its own: one budget per command, kept by
   * the client's GredisRetry (gredis-client-retry.c). */
  g_signal_connect_object (connection, "push", G_CALLBACK (on_push), self, 0);

  gredis_connection_open_async (connection, NULL, on_open_done, NULL);
  return connection;
}

GredisSyncPool *
_gredis_client_get_sync_pool (GredisClient *self)
{
  return self->sync_pool;
}

gboolean
_gredis_client_is_closed (GredisClient *self)
{
  gboolean closed;

  g_mutex_lock (&self->lock);
  closed = self->closed;
  g_mutex_unlock (&self->lock);
  return closed;
}

static GError *
client_closed_error (void)
{
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CLOSED, _("The client is closed."));
}

/* Returns the connection of the thread-default context, made on demand;
 * a closed one is replaced. */
/* Shared connections
 *
 * The multiplexed connection of each main context is taken from the
 * client's pool (GREDIS_POOL_HINT_SHARED), so that max-connections bounds
 * it too; the client holds it, as one user of the pool, until it closes
 * (it is then given back at once, which makes room) or the client
 * closes. When the pool is full, the simple pool fails at once with
 * GREDIS_ERROR_POOL_EXHAUSTED; with the blocking pool, the commands of
 * that context wait, in order, for the pool (up to pool-timeout-ms) and
 * are then queued on the connection it grants. Pools that are not built
 * in make the connection without counting it. */

typedef struct
{
  GredisClient *client;
  GMainContext *context;
  GCancellable *cancellable;   /* cancelled when the client closes */
  GQueue calls;                /* GredisCall, made by _gredis_client_send_async() */
} SharedWait;

static void
shared_wait_free (SharedWait *wait)
{
  g_object_unref (wait->client);
  g_main_context_unref (wait->context);
  g_object_unref (wait->cancellable);
  g_free (wait);
}

/* An asynchronous command of _gredis_client_send_async(), before it is
 * queued: on the connection itself, or as a GredisCall when it must
 * wait for the pool or fail. */
typedef struct
{
  guint argc;
  const char * const *argv;
  const gsize *argv_lengths;
  GBytes * const *args;
  GredisClient *client;
  GCancellable *cancellable;
  GAsyncReadyCallback callback;
  gpointer user_data;
  gpointer source_tag;
} PendingCommand;

/* A call for @command, keeping it to be sent later or again. */
static GredisCall *
pending_to_call (const PendingCommand *command)
{
  GredisCall *call = _gredis_call_new (command->client, command->cancellable, command->callback,
                                       command->user_data, command->source_tag);

  _gredis_call_keep_command (call);
  _gredis_client_retry_store_command (call, command->argc, command->argv, command->argv_lengths,
                                      command->args);
  return call;
}

/* @call, or a call made for @command, waits for the pool behind the
 * calls already waiting. */
static void
wait_push (SharedWait           *wait,
           GredisCall           *call,
           const PendingCommand *command)
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
release_to_pool (GredisClient     *self,
                 GredisConnection *connection)
{
  g_autoptr(GredisPool) pool = _gredis_client_get_pool (self, NULL);

  if (pool != NULL)
    gredis_pool_release (pool, connection);
  else
    g_object_unref (connection);
}

/* Under the lock: an entry of @connections is about to change. */
static inline void
forget_last_locked (GredisClient *self)
{
  self->last_context = NULL;
  self->last_connection = NULL;
}

static void
on_shared_state (GredisConnection *connection,
                 GParamSpec       *pspec,
                 gpointer          data)
{
  g_autoptr(GredisClient) self = g_weak_ref_get (data);
  GMainContext *context = gredis_connection_get_context (connection);
  GMainContext *key = NULL;
  gpointer value = NULL;
  gboolean remove;

  if (self == NULL ||
      gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED)
    return;
  /* Closed: give it back, so that it no longer counts. */
  g_mutex_lock (&self->lock);
  remove = g_hash_table_lookup (self->connections, context) == connection &&
           g_hash_table_steal_extended (self->connections, context, (gpointer *) &key, &value);
  if (remove)
    forget_last_locked (self);
  g_mutex_unlock (&self->lock);
  if (remove)
    {
      g_main_context_unref (key);
      release_to_pool (self, value);
    }
}

static void
weak_ref_free (gpointer data,
               GClosure *closure)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Under the lock: makes @connection (reference taken) the shared one of
 * @context. */
static void
install_locked (GredisClient     *self,
                GMainContext     *context,
                GredisConnection *connection)
{
  GWeakRef *ref = g_new (GWeakRef, 1);

  g_weak_ref_init (ref, self);
  _gredis_client_retry_watch_connection (self, connection);
  g_signal_connect_data (connection, "notify::state", G_CALLBACK (on_shared_state), ref,
                         weak_ref_free, 0);
  g_hash_table_replace (self->connections, g_main_context_ref (context), connection);
  self->last_context = context;
  self->last_connection = connection;
}

static void
on_shared_acquired (GObject      *source,
                    GAsyncResult *result,
                    gpointer      user_data)
{
  SharedWait *wait = user_data;
  GredisClient *self = wait->client;
  GredisConnection *connection;
  GError *error = NULL;
  gboolean current;
  GredisCall *call;

  connection = gredis_pool_acquire_finish (GREDIS_POOL (source), result, &error);

  g_mutex_lock (&self->lock);
  current = g_hash_table_lookup (self->waiting, wait->context) == wait;
  if (current)
    g_hash_table_steal (self->waiting, wait->context);
  if (connection != NULL && current && !self->closed)
    {
      install_locked (self, wait->context, g_object_ref (connection));
      g_clear_object (&connection);
    }
  g_mutex_unlock (&self->lock);

  if (connection != NULL)
    {
      /* The client closed meanwhile; its close failed the tasks. */
      release_to_pool (self, connection);
      error = client_closed_error ();
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
      _gredis_client_retry_queue_call (self, call);
      _gredis_call_unref (call);
    }
  g_main_context_pop_thread_default (wait->context);
  shared_wait_free (wait);
}

/* Network changes */

guint
_gredis_client_get_network_epoch (GredisClient *self)
{
  return (guint) g_atomic_int_get (&self->network_epoch);
}

static gboolean
reset_in_context (gpointer data)
{
  _gredis_connection_reset_backoff (data);
  return G_SOURCE_REMOVE;
}

void
_gredis_client_network_changed (GredisClient *self)
{
  g_autoptr(GPtrArray) connections = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  g_return_if_fail (GREDIS_IS_CLIENT (self));

  g_debug ("The network changed: backoff delays start again");
  g_atomic_int_inc (&self->network_epoch);
  g_mutex_lock (&self->lock);
  if (self->retry != NULL)
    gredis_retry_reset (self->retry);
  _gredis_client_retry_network_changed (self);
  g_hash_table_iter_init (&iter, self->connections);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (connections, g_object_ref (value));
  g_mutex_unlock (&self->lock);

  for (guint i = 0; i < connections->len; i++)
    {
      GredisConnection *connection = g_ptr_array_index (connections, i);

      g_main_context_invoke_full (gredis_connection_get_context (connection),
                                  G_PRIORITY_DEFAULT, reset_in_context,
                                  g_object_ref (connection), g_object_unref);
    }
}

static void
on_network_changed (GNetworkMonitor *monitor,
                    gboolean         available,
                    gpointer         data)
{
  g_autoptr(GredisClient) self = g_weak_ref_get (data);

  if (self != NULL)
    _gredis_client_network_changed (self);
}

/* The shared connection of the thread-default main context, taken from
 * the pool if needed. NULL with @error, or, with the blocking pool full,
 * NULL without an error when @call or @command (one of them, if any, is
 * given) was taken to be queued once the pool grants a connection. */
static GredisConnection *
lookup_connection (GredisClient          *self,
                   GredisCall            *call,
                   const PendingCommand  *command,
                   GError               **error)
{
  GMainContext *context = g_main_context_get_thread_default ();
  g_autoptr(GredisPool) pool = NULL;
  GredisConnection *connection;
  GError *local_error = NULL;
  SharedWait *wait;

  if (context == NULL)
    context = g_main_context_default ();

  g_mutex_lock (&self->lock);
  if (G_UNLIKELY (self->closed))
    {
      g_mutex_unlock (&self->lock);
      g_propagate_error (error, client_closed_error ());
      return NULL;
    }
  if (G_LIKELY (context == self->last_context))
    connection = self->last_connection;
  else
    {
      connection = g_hash_table_lookup (self->connections, context);
      if (connection != NULL)
        {
          self->last_context = context;
          self->last_connection = connection;
        }
    }
  if (G_LIKELY (connection != NULL &&
                gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED))
    {
      g_object_ref (connection);
      g_mutex_unlock (&self->lock);
      return connection;
    }
  wait = g_hash_table_lookup (self->waiting, context);
  if (wait != NULL)
    {
      if (call == NULL && command == NULL)
        {
          g_mutex_unlock (&self->lock);
          gredis_i18n_init ();
          g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED,
                               _("Every connection of the pool is in use: commands of this main context wait for one."));
          return NULL;
        }
      /* Behind the commands already waiting, in order; under the lock,
       * which gredis_client_close() takes them under, maybe from another
       * thread. */
      wait_push (wait, call, command);
      g_mutex_unlock (&self->lock);
      return NULL;
    }
  g_mutex_unlock (&self->lock);

  pool = _gredis_client_get_pool (self, error);
  if (pool == NULL)
    return NULL;
  if (GREDIS_IS_POOL_BASE (pool))
    connection = _gredis_pool_base_try_acquire_shared (GREDIS_POOL_BASE (pool), &local_error);
  else
    connection = _gredis_client_create_connection (self, &local_error);

  if (connection == NULL)
    {
      gboolean waits;

      waits = (call != NULL || command != NULL) && GREDIS_IS_POOL_BASE (pool) &&
              GREDIS_POOL_BASE_GET_CLASS (pool)->waits &&
              g_error_matches (local_error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED);
      if (!waits)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_error_free (local_error);

      g_mutex_lock (&self->lock);
      if (self->closed)
        {
          g_mutex_unlock (&self->lock);
          g_propagate_error (error, client_closed_error ());
          return NULL;
        }
      wait = g_hash_table_lookup (self->waiting, context);
      if (wait == NULL)
        {
          wait = g_new0 (SharedWait, 1);
          wait->client = g_object_ref (self);
          wait->context = g_main_context_ref (context);
          wait->cancellable = g_cancellable_new ();
          g_queue_init (&wait->calls);
          g_hash_table_insert (self->waiting, context, wait);
          wait_push (wait, call, command);
          g_mutex_unlock (&self->lock);
          gredis_pool_acquire_async (pool, GREDIS_POOL_HINT_SHARED, GREDIS_POOL_NO_SLOT,
                                     wait->cancellable, on_shared_acquired, wait);
        }
      else
        {
          wait_push (wait, call, command);
          g_mutex_unlock (&self->lock);
        }
      return NULL;
    }

  g_mutex_lock (&self->lock);
  if (self->closed)
    {
      g_mutex_unlock (&self->lock);
      release_to_pool (self, connection);
      g_propagate_error (error, client_closed_error ());
      return NULL;
    }
  else
    {
      GredisConnection *current = g_hash_table_lookup (self->connections, context);
      GredisConnection *old = NULL;

      if (current != NULL &&
          gredis_connection_get_state (current) != GREDIS_CONNECTION_STATE_CLOSED)
        {
          /* Another thread of this context was quicker. */
          g_object_ref (current);
          g_mutex_unlock (&self->lock);
          release_to_pool (self, connection);
          return current;
        }
      if (current != NULL)
        {
          GMainContext *key = NULL;

          forget_last_locked (self);
          g_hash_table_steal_extended (self->connections, context, (gpointer *) &key,
                                       (gpointer *) &old);
          g_main_context_unref (key);
        }
      install_locked (self, context, g_object_ref (connection));
      g_mutex_unlock (&self->lock);
      if (old != NULL)
        release_to_pool (self, old);
    }
  return connection;
}

/**
 * gredis_client_get_connection:
 * @client: a #GredisClient
 * @error: return location for a #GError
 *
 * Returns the multiplexed connection that asynchronous calls made in the
 * thread-default main context use, taking it from the client's pool if
 * needed. It is useful to watch its state, receive its push frames, or
 * send commands with gredis_connection_send_command_full(). This call
 * never waits: when every connection of the pool is in use it fails with
 * %GREDIS_ERROR_POOL_EXHAUSTED, whatever the pool.
 *
 * Returns: (transfer full): the connection, or %NULL with an error
 */
GredisConnection *
gredis_client_get_connection (GredisClient  *client,
                              GError       **error)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return lookup_connection (client, NULL, NULL, error);
}

/* Retry */

/* A policy from the configuration: its count and backoff (without a
 * backoff plugin, without delays). */
static GredisRetry *
retry_from_config (GredisClient *self)
{
  g_autoptr(GredisBackoffPolicy) backoff = _gredis_client_make_backoff (self);
  g_autoptr(GredisBackoffPolicy) none = NULL;
  guint retries = gredis_config_get_retries (self->config);

  if (backoff == NULL)
    none = gredis_backoff_policy_new_for_name ("none", NULL);
  if (backoff == NULL && none == NULL)
    return gredis_retry_new (NULL, retries, NULL);
  return gredis_retry_new (backoff != NULL ? backoff : none, retries, NULL);
}

GredisRetry *
_gredis_client_ref_retry (GredisClient *self)
{
  GredisRetry *retry;
  GredisRetry *made = NULL;

  g_mutex_lock (&self->lock);
  retry = self->retry != NULL ? g_object_ref (self->retry) : NULL;
  g_mutex_unlock (&self->lock);
  if (retry != NULL)
    return retry;

  /* Made outside the lock: plugins may be loaded. */
  made = retry_from_config (self);
  g_mutex_lock (&self->lock);
  if (self->retry == NULL)
    self->retry = g_object_ref (made);
  retry = g_object_ref (self->retry);
  g_mutex_unlock (&self->lock);
  g_object_unref (made);
  return retry;
}

/**
 * gredis_client_get_retry: (get-property retry)
 * @client: a #GredisClient
 *
 * Returns the retry policy the client consults (see
 * [property@Gredis.Client:retry]): the one set with
 * gredis_client_set_retry(), or the one made from the configuration.
 * Changing its error classes or count applies to the failures that
 * follow.
 *
 * Returns: (transfer none): the retry policy, valid while it stays the
 *   client's
 */
GredisRetry *
gredis_client_get_retry (GredisClient *client)
{
  GredisRetry *retry;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);

  retry = _gredis_client_ref_retry (client);
  /* The client keeps its own reference until the policy is replaced. */
  g_object_unref (retry);
  return retry;
}

/**
 * gredis_client_set_retry: (set-property retry)
 * @client: a #GredisClient
 * @retry: (nullable): a retry policy, or %NULL for one made from the
 *   configuration
 *
 * Makes @retry the policy the client consults for every failed attempt
 * of a command, in place of the one made from the configuration's
 * `retries` and `backoff` keys.
 */
void
gredis_client_set_retry (GredisClient *client,
                         GredisRetry  *retry)
{
  g_autoptr(GredisRetry) old = NULL;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (retry == NULL || GREDIS_IS_RETRY (retry));

  g_mutex_lock (&client->lock);
  old = g_steal_pointer (&client->retry);
  client->retry = retry != NULL ? g_object_ref (retry) : NULL;
  client->retry_is_set = retry != NULL;
  g_mutex_unlock (&client->lock);
  if (old != retry)
    g_object_notify_by_pspec (G_OBJECT (client), own_properties[PROP_RETRY]);
}

/* Commands */

void
_gredis_client_send_async (GredisClient        *self,
                           guint                argc,
                           const char * const  *argv,
                           const gsize         *argv_lengths,
                           GBytes * const      *args,
                           gpointer             source_tag,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GredisConnection *connection;
  GError *error = NULL;
  PendingCommand command;
  gint64 timeout_ms;

  /* Blocking commands go on an exclusive connection of their own
   * (gredis-client-blocking.c). */
  if (G_UNLIKELY (_gredis_command_is_blocking (argc, argv, argv_lengths, args, &timeout_ms)))
    {
      _gredis_client_send_blocking_async (self, argc, argv, argv_lengths, args, timeout_ms,
                                          source_tag, cancellable, callback, user_data);
      return;
    }

  command.argc = argc;
  command.argv = argv;
  command.argv_lengths = argv_lengths;
  command.args = args;
  command.client = self;
  command.cancellable = cancellable;
  command.callback = callback;
  command.user_data = user_data;
  command.source_tag = source_tag;
  connection = lookup_connection (self, NULL, &command, &error);
  if (G_LIKELY (connection != NULL))
    {
      /* Kept to send it again if the connection fails
       * (gredis-client-retry.c). */
      _gredis_connection_queue_command (connection, argc, argv, argv_lengths, args, TRUE,
                                        self, cancellable, callback, user_data, source_tag);
      g_object_unref (connection);
    }
  else if (error != NULL)
    {
      GredisCall *call = pending_to_call (&command);

      _gredis_call_return_error_later (call, error, NULL);
      _gredis_call_unref (call);
    }
  /* Otherwise it waits for the pool. */
}

void
_gredis_client_queue_shared (GredisClient       *self,
                             guint               argc,
                             const char * const *argv,
                             const gsize        *argv_lengths,
                             GredisCall         *call)
{
  GredisConnection *connection;
  GError *error = NULL;

  /* The call keeps its command already. */
  connection = lookup_connection (self, call, NULL, &error);
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

GredisReply *
_gredis_client_send_finish (GredisClient  *self,
                            GAsyncResult  *result,
                            gpointer       source_tag,
                            GError       **error)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (self), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (G_LIKELY (_gredis_call_is_valid (result, self, source_tag)))
    return _gredis_call_propagate_reply (result, error);
  /* Blocking commands complete a GTask (gredis-client-blocking.c). */
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gredis_client_command_async:
 * @client: a #GredisClient
 * @argv: (array zero-terminated=1): the command and its arguments, as a
 *   %NULL-terminated array of strings, such as `{ "GET", "key", NULL }`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the reply, in the thread-default
 *   main context of the caller
 * @user_data: data for @callback
 *
 * Sends a command. It is encoded at once (@argv may be freed on return)
 * and goes out with every other command issued in the same main-loop
 * iteration. Finish with gredis_client_command_finish().
 */
void
gredis_client_command_async (GredisClient        *client,
                             const char * const  *argv,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (argv != NULL && argv[0] != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gredis_client_send_async (client, g_strv_length ((char **) argv), argv, NULL, NULL,
                             gredis_client_command_async, cancellable, callback, user_data);
}

/**
 * gredis_client_command_argv_async:
 * @client: a #GredisClient
 * @argc: the number of arguments, at least 1
 * @argv: (array length=argc): the command and its arguments
 * @argv_lengths: (array length=argc) (nullable): the length of each
 *   argument, for binary-safe arguments, or %NULL when every argument is
 *   a NUL-terminated string
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the reply, in the thread-default
 *   main context of the caller
 * @user_data: data for @callback
 *
 * Like gredis_client_command_async(), with a count and optional lengths,
 * as hiredis' `redisCommandArgv()`. Finish with
 * gredis_client_command_finish().
 */
void
gredis_client_command_argv_async (GredisClient        *client,
                                  guint                argc,
                                  const char * const  *argv,
                                  const gsize         *argv_lengths,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (argc > 0 && argv != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gredis_client_send_async (client, argc, argv, argv_lengths, NULL,
                             gredis_client_command_async, cancellable, callback, user_data);
}

/**
 * gredis_client_command_bytes_async:
 * @client: a #GredisClient
 * @args: (array length=n_args): the command and its arguments, binary safe
 * @n_args: the number of arguments, at least 1
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the reply, in the thread-default
 *   main context of the caller
 * @user_data: data for @callback
 *
 * Like gredis_client_command_async(), with arguments as #GBytes. Finish
 * with gredis_client_command_finish().
 */
void
gredis_client_command_bytes_async (GredisClient        *client,
                                   GBytes * const      *args,
                                   guint                n_args,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (n_args > 0 && args != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gredis_client_send_async (client, n_args, NULL, NULL, args,
                             gredis_client_command_async, cancellable, callback, user_data);
}

/**
 * gredis_client_command_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_command_async() and its `_argv` and `_bytes`
 * forms. A server error reply becomes an error: %GREDIS_ERROR with the
 * code of its prefix and the server's text.
 *
 * Returns: (transfer full): the reply, or %NULL with an error
 */
GredisReply *
gredis_client_command_finish (GredisClient  *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _gredis_client_send_finish (client, result, gredis_client_command_async, error);
}

/* The blocking calls: blocking commands need a timeout of their own. */
static GredisReply *
send_sync (GredisClient        *client,
           guint                argc,
           const char * const  *argv,
           const gsize         *argv_lengths,
           GBytes * const      *args,
           GCancellable        *cancellable,
           GError             **error)
{
  gint64 timeout_ms;

  if (G_UNLIKELY (_gredis_command_is_blocking (argc, argv, argv_lengths, args, &timeout_ms)))
    return _gredis_client_send_blocking_sync (client, argc, argv, argv_lengths, args, timeout_ms,
                                              cancellable, error);
  return _gredis_client_send_sync (client, argc, argv, argv_lengths, args, cancellable, error);
}

/**
 * gredis_client_command:
 * @client: a #GredisClient
 * @argv: (array zero-terminated=1): the command and its arguments
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sends a command and waits for its reply. Safe from any thread; needs
 * no running main loop.
 *
 * Returns: (transfer full): the reply, or %NULL with an error (server
 *   error replies included)
 */
GredisReply *
gredis_client_command (GredisClient        *client,
                       const char * const  *argv,
                       GCancellable        *cancellable,
                       GError             **error)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (argv != NULL && argv[0] != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return send_sync (client, g_strv_length ((char **) argv), argv, NULL, NULL,
                    cancellable, error);
}

/**
 * gredis_client_command_argv:
 * @client: a #GredisClient
 * @argc: the number of arguments, at least 1
 * @argv: (array length=argc): the command and its arguments
 * @argv_lengths: (array length=argc) (nullable): the length of each
 *   argument, or %NULL when every argument is a NUL-terminated string
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_client_command_argv_async().
 *
 * Returns: (transfer full): the reply, or %NULL with an error
 */
GredisReply *
gredis_client_command_argv (GredisClient        *client,
                            guint                argc,
                            const char * const  *argv,
                            const gsize         *argv_lengths,
                            GCancellable        *cancellable,
                            GError             **error)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (argc > 0 && argv != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return send_sync (client, argc, argv, argv_lengths, NULL, cancellable, error);
}

/**
 * gredis_client_command_bytes:
 * @client: a #GredisClient
 * @args: (array length=n_args): the command and its arguments, binary safe
 * @n_args: the number of arguments, at least 1
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_client_command_bytes_async().
 *
 * Returns: (transfer full): the reply, or %NULL with an error
 */
GredisReply *
gredis_client_command_bytes (GredisClient    *client,
                             GBytes * const  *args,
                             guint            n_args,
                             GCancellable    *cancellable,
                             GError         **error)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (n_args > 0 && args != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return send_sync (client, n_args, NULL, NULL, args, cancellable, error);
}

/* Life cycle */

/**
 * gredis_client_new:
 * @config: (nullable): the configuration, or %NULL for the defaults
 *   (`redis://localhost:6379`)
 *
 * Creates a client. It connects lazily, when the first command is sent.
 *
 * Returns: (transfer full): a new client
 */
GredisClient *
gredis_client_new (GredisConfig *config)
{
  g_return_val_if_fail (config == NULL || GREDIS_IS_CONFIG (config), NULL);

  return g_object_new (GREDIS_TYPE_CLIENT, "config", config, NULL);
}

/**
 * gredis_client_new_for_uri:
 * @uri: a URI such as `redis://user:pass@host:6379/0?protocol=3`,
 *   `rediss://host` or `unix:///run/redis.sock?db=1`
 * @error: return location for a #GError
 *
 * Creates a client from a URI (see gredis_config_new_for_uri()).
 *
 * Returns: (transfer full): a new client, or %NULL with a
 *   %GREDIS_ERROR_CONFIG error
 */
GredisClient *
gredis_client_new_for_uri (const char  *uri,
                           GError     **error)
{
  g_autoptr(GredisConfig) config = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = gredis_config_new_for_uri (uri, error);
  if (config == NULL)
    return NULL;
  return gredis_client_new (config);
}

/**
 * gredis_client_new_from_keyfile:
 * @key_file: a #GKeyFile
 * @group: (nullable): the group to read, or %NULL for `gredis`
 * @error: return location for a #GError
 *
 * Creates a client from a group of a key file (see
 * gredis_config_new_from_keyfile()).
 *
 * Returns: (transfer full): a new client, or %NULL with a
 *   %GREDIS_ERROR_CONFIG error
 */
GredisClient *
gredis_client_new_from_keyfile (GKeyFile    *key_file,
                                const char  *group,
                                GError     **error)
{
  g_autoptr(GredisConfig) config = NULL;

  g_return_val_if_fail (key_file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = gredis_config_new_from_keyfile (key_file, group, error);
  if (config == NULL)
    return NULL;
  return gredis_client_new (config);
}

/**
 * gredis_client_get_config:
 * @client: a #GredisClient
 *
 * Returns: (transfer none): the configuration of the client; changes
 *   apply to connections made afterwards
 */
GredisConfig *
gredis_client_get_config (GredisClient *client)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  return client->config;
}

static gboolean
close_in_context (gpointer user_data)
{
  gredis_connection_close (user_data);
  return G_SOURCE_REMOVE;
}

/* What gredis_client_close() takes from a SharedWait. */
typedef struct
{
  GMainContext *context;
  GCancellable *cancellable;
  GQueue calls;
} ClosedWait;

/**
 * gredis_client_close:
 * @client: a #GredisClient
 *
 * Closes every connection of the client. Commands still waiting fail with
 * %GREDIS_ERROR_CLOSED, and so do later ones. Call it from the thread
 * that runs the client's main context; connections of other contexts are
 * closed in their own context.
 */
void
gredis_client_close (GredisClient *client)
{
  g_autoptr(GHashTable) connections = NULL;
  g_autoptr(GHashTable) waiting = NULL;
  g_autoptr(GError) closed_error = NULL;
  GSList *closed_waits = NULL;
  GHashTableIter iter;
  gpointer key, value;

  g_return_if_fail (GREDIS_IS_CLIENT (client));

  g_mutex_lock (&client->lock);
  client->closed = TRUE;
  forget_last_locked (client);
  connections = g_steal_pointer (&client->connections);
  client->connections = g_hash_table_new_full (NULL, NULL,
                                               (GDestroyNotify) g_main_context_unref,
                                               g_object_unref);
  waiting = g_steal_pointer (&client->waiting);
  client->waiting = g_hash_table_new (NULL, NULL);
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
  g_mutex_unlock (&client->lock);

  /* Their acquisitions end in their contexts (and give back a connection
   * granted meanwhile). */
  closed_error = client_closed_error ();
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
      release_to_pool (client, value);
    }

  _gredis_sync_pool_close (client->sync_pool);
}

/* GObject */

static void
on_config_notify (GObject    *config,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  GredisClient *self = user_data;
  GParamSpec *own = g_object_class_find_property (G_OBJECT_GET_CLASS (user_data), pspec->name);
  static const char * const retry_keys[] = {
    "retries", "backoff", "backoff-base-ms", "backoff-cap-ms", NULL
  };

  if (g_strv_contains (retry_keys, pspec->name))
    {
      g_autoptr(GredisRetry) old = NULL;

      g_mutex_lock (&self->lock);
      if (!self->retry_is_set)
        old = g_steal_pointer (&self->retry);
      g_mutex_unlock (&self->lock);
    }

  if (own != NULL)
    g_object_notify_by_pspec (user_data, own);
}

static void
gredis_client_constructed (GObject *object)
{
  GredisClient *self = GREDIS_CLIENT (object);

  G_OBJECT_CLASS (gredis_client_parent_class)->constructed (object);

  if (self->config == NULL)
    self->config = gredis_config_new ();
  self->config_notify_id = g_signal_connect (self->config, "notify",
                                             G_CALLBACK (on_config_notify), self);
}

static void
gredis_client_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GredisClient *self = GREDIS_CLIENT (object);

  if (prop_id == PROP_CONFIG)
    g_value_set_object (value, self->config);
  else if (prop_id == PROP_RETRY)
    g_value_take_object (value, _gredis_client_ref_retry (self));
  else if (prop_id >= N_OWN_PROPS && prop_id < N_OWN_PROPS + n_config_pspecs)
    g_object_get_property (G_OBJECT (self->config), pspec->name, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gredis_client_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GredisClient *self = GREDIS_CLIENT (object);

  if (prop_id == PROP_CONFIG)
    self->config = g_value_dup_object (value);
  else if (prop_id == PROP_RETRY)
    gredis_client_set_retry (self, g_value_get_object (value));
  else if (prop_id >= N_OWN_PROPS && prop_id < N_OWN_PROPS + n_config_pspecs)
    g_object_set_property (G_OBJECT (self->config), pspec->name, value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gredis_client_dispose (GObject *object)
{
  GredisClient *self = GREDIS_CLIENT (object);

  if (self->config_notify_id != 0)
    {
      g_signal_handler_disconnect (self->config, self->config_notify_id);
      self->config_notify_id = 0;
    }
  if (self->network_changed_id != 0)
    g_clear_signal_handler (&self->network_changed_id, self->network_monitor);
  g_clear_object (&self->network_monitor);
  if (self->connections != NULL && g_hash_table_size (self->connections) > 0)
    gredis_client_close (self);

  G_OBJECT_CLASS (gredis_client_parent_class)->dispose (object);
}

static void
gredis_client_finalize (GObject *object)
{
  GredisClient *self = GREDIS_CLIENT (object);

  g_clear_pointer (&self->connections, g_hash_table_unref);
  g_clear_pointer (&self->waiting, g_hash_table_unref);
  _gredis_sync_pool_free (self->sync_pool);
  g_clear_object (&self->retry);
  g_clear_object (&self->config);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (gredis_client_parent_class)->finalize (object);
}

/* A property of the client with the name, type, range and default of a
 * configuration property. */
static GParamSpec *
mirror_pspec (GParamSpec *config_pspec)
{
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;
  const char *name = g_param_spec_get_name (config_pspec);
  GType type = G_PARAM_SPEC_TYPE (config_pspec);

  if (type == G_TYPE_PARAM_STRING)
    return g_param_spec_string (name, NULL, NULL,
                                G_PARAM_SPEC_STRING (config_pspec)->default_value, flags);
  if (type == G_TYPE_PARAM_UINT)
    {
      GParamSpecUInt *p = G_PARAM_SPEC_UINT (config_pspec);
      return g_param_spec_uint (name, NULL, NULL, p->minimum, p->maximum, p->default_value, flags);
    }
  if (type == G_TYPE_PARAM_UINT64)
    {
      GParamSpecUInt64 *p = G_PARAM_SPEC_UINT64 (config_pspec);
      return g_param_spec_uint64 (name, NULL, NULL, p->minimum, p->maximum, p->default_value,
                                  flags);
    }
  if (type == G_TYPE_PARAM_INT)
    {
      GParamSpecInt *p = G_PARAM_SPEC_INT (config_pspec);
      return g_param_spec_int (name, NULL, NULL, p->minimum, p->maximum, p->default_value, flags);
    }
  if (type == G_TYPE_PARAM_BOOLEAN)
    return g_param_spec_boolean (name, NULL, NULL,
                                 G_PARAM_SPEC_BOOLEAN (config_pspec)->default_value, flags);
  if (type == G_TYPE_PARAM_ENUM)
    {
      GParamSpecEnum *p = G_PARAM_SPEC_ENUM (config_pspec);
      return g_param_spec_enum (name, NULL, NULL, G_PARAM_SPEC_VALUE_TYPE (config_pspec),
                                p->default_value, flags);
    }
  g_warning ("Configuration property %s of type %s is not mirrored on GredisClient",
             name, g_type_name (type));
  return NULL;
}

static void
gredis_client_class_init (GredisClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GObjectClass *config_class = g_type_class_ref (GREDIS_TYPE_CONFIG);
  GParamSpec **pspecs;
  guint n_pspecs;

  object_class->constructed = gredis_client_constructed;
  object_class->get_property = gredis_client_get_property;
  object_class->set_property = gredis_client_set_property;
  object_class->dispose = gredis_client_dispose;
  object_class->finalize = gredis_client_finalize;

  /**
   * GredisClient:config:
   *
   * The configuration of the client.
   */
  own_properties[PROP_CONFIG] =
    g_param_spec_object ("config", NULL, NULL, GREDIS_TYPE_CONFIG,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GredisClient:retry: (getter get_retry) (setter set_retry)
   *
   * The retry policy the client consults for every failed attempt of a
   * command, blocking, asynchronous or in a pipeline: its count, its
   * backoff and the classes of errors it retries. By default it is made
   * from the configuration (`retries`, `backoff`, `backoff-base-ms`,
   * `backoff-cap-ms`) and made again when those keys change; setting a
   * #GredisRetry replaces it, and setting %NULL goes back to the
   * configuration's. A command is attempted at most
   * 1 + [property@Gredis.Retry:retries] times, connection attempts
   * included.
   */
  own_properties[PROP_RETRY] =
    g_param_spec_object ("retry", NULL, NULL, GREDIS_TYPE_RETRY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_OWN_PROPS, own_properties);

  pspecs = g_object_class_list_properties (config_class, &n_pspecs);
  config_pspecs = g_new0 (GParamSpec *, n_pspecs);
  for (guint i = 0; i < n_pspecs; i++)
    {
      GParamSpec *mirror = mirror_pspec (pspecs[i]);

      if (mirror == NULL)
        continue;
      config_pspecs[n_config_pspecs] = mirror;
      g_object_class_install_property (object_class, N_OWN_PROPS + n_config_pspecs, mirror);
      n_config_pspecs++;
    }
  g_free (pspecs);
  g_type_class_unref (config_class);

  /**
   * GredisClient::push:
   * @client: the client
   * @connection: the connection that received it
   * @reply: the push frame
   *
   * Emitted for every RESP3 push frame received by a connection of the
   * client, in that connection's main context.
   */
  signals[SIGNAL_PUSH] =
    g_signal_new ("push", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 2, GREDIS_TYPE_CONNECTION,
                  GREDIS_TYPE_REPLY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gredis_client_init (GredisClient *self)
{
  g_mutex_init (&self->lock);
  self->connections = g_hash_table_new_full (NULL, NULL,
                                             (GDestroyNotify) g_main_context_unref,
                                             g_object_unref);
  self->waiting = g_hash_table_new (NULL, NULL);
  self->sync_pool = _gredis_sync_pool_new ();

  /* A changed network makes the backoff delays start again. */
  {
    GWeakRef *ref = g_new (GWeakRef, 1);

    g_weak_ref_init (ref, self);
    self->network_monitor = g_object_ref (g_network_monitor_get_default ());
    self->network_changed_id = g_signal_connect_data (self->network_monitor, "network-changed",
                                                      G_CALLBACK (on_network_changed), ref,
                                                      weak_ref_free, 0);
  }
}
