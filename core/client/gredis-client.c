/* gredis-client.c: the entry point of applications
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-client-private.h"
#include "gredis-client-blocking-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-command-state-private.h"
#include "gredis-config-private.h"
#include "gredis-handshake-private.h"
#include "gredis-router-private.h"
#include "gredis-cache-private.h"

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
 * context, with a connection of its own (gredis_pool_acquire()).
 *
 * Every connection comes from the client's #GredisPool, chosen by name
 * from the configuration (`pool=`), and asked through its interface only:
 * a pool written outside the library serves the client as the built-in
 * ones do.
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
 * ## Commands that change the connection
 *
 * The client's connections are shared: by every caller of a main context,
 * and, one after the other, by the blocking calls. A command that changes
 * the state of its connection would change it for all of them, so the
 * client does not send it: gredis_client_command() and its `_async`,
 * `_argv` and `_bytes` forms fail at once with
 * %GREDIS_ERROR_CONNECTION_STATE, whose message names the API to use:
 *
 * - transactions (`MULTI`, `EXEC`, `DISCARD`, `WATCH`, `UNWATCH`):
 *   gredis_client_transaction_async(), or a #GredisPipeline in
 *   transaction mode with gredis_pipeline_watch_async();
 * - `SELECT`: the `db` configuration key (#GredisConfig:db), one client per
 *   database;
 * - `SUBSCRIBE`, `PSUBSCRIBE`, `SSUBSCRIBE` and their `UN` forms:
 *   #GredisPubSub;
 * - `HELLO` with arguments, `AUTH`: the `protocol`, `username`, `password`
 *   and `client-name` configuration keys, which every connection applies
 *   when it opens; `CLIENT SETNAME` and `CLIENT SETINFO`: `client-name`;
 * - `RESET`, `QUIT`: gredis_client_close();
 * - `CLIENT REPLY`: ignore the replies you do not need;
 * - `MONITOR`, `CLIENT TRACKING`, `CLIENT CACHING`, `CLIENT NO-EVICT`,
 *   `CLIENT NO-TOUCH`, `READONLY`, `READWRITE`, `ASKING`, `SYNC`, `PSYNC`,
 *   `REPLCONF`: a #GredisConnection of your own.
 *
 * A plain #GredisPipeline, which runs on the shared connection, refuses
 * them the same way; a pipeline in transaction mode, which has a
 * connection of its own, accepts `SELECT` (see #GredisPipeline). Commands
 * that only read the connection's state (`PING`, `ECHO`, `HELLO` alone,
 * `CLIENT ID`, `CLIENT INFO`, `CLIENT GETNAME` …) and `SWAPDB`, which
 * changes data, are sent as usual. The check costs one bit test on the
 * command name's length and first letter for nearly every command.
 * gredis_client_get_connection() gives the shared connection itself: what
 * is sent on it directly is not checked.
 *
 * A #GredisClient is thread-safe.
 */

struct _GredisClient
{
  GObject parent_instance;

  GredisConfig *config;
  gulong config_notify_id;

  /* Connections: the pool, shared and exclusive ones (core/router). */
  GredisRouter *router;

  GNetworkMonitor *network_monitor;
  gulong network_changed_id;

  /* Thread-default when the client was made: ::topology-changed is
   * emitted there. */
  GMainContext *context;

  /* The client-side cache (core/cache), or NULL when it is off: set
   * once, when the client is made. */
  GredisCache *cache;
};

G_DEFINE_FINAL_TYPE (GredisClient, gredis_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CONFIG,
  PROP_RETRY,
  PROP_MOVED_REDIRECTS,
  PROP_ASK_REDIRECTS,
  PROP_TOPOLOGY_REFRESHES,
  PROP_CACHE_HITS,
  PROP_CACHE_MISSES,
  PROP_CACHE_EVICTIONS,
  PROP_CACHE_INVALIDATIONS,
  PROP_CACHE_BYTES,
  N_OWN_PROPS
};

static GParamSpec *own_properties[N_OWN_PROPS];

/* The configuration's properties, mirrored: client property id
 * N_OWN_PROPS + i is config_pspecs[i]. */
static GParamSpec **config_pspecs;
static guint n_config_pspecs;

enum {
  SIGNAL_PUSH,
  SIGNAL_TOPOLOGY_CHANGED,
  SIGNAL_CACHE_INVALIDATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* Connections */

static void
on_push (GredisConnection *connection,
         GredisReply      *reply,
         gpointer          user_data)
{
  GredisClient *self = user_data;

  /* Invalidations are applied before the replies that follow them on
   * the connection are read. */
  if (self->cache != NULL)
    _gredis_cache_handle_push (self->cache, connection, reply);
  g_signal_emit (user_data, signals[SIGNAL_PUSH], 0, connection, reply);
}

void
_gredis_client_add_handshake_step (GredisClient        *self,
                                   GredisHandshakeStep *step)
{
  g_return_if_fail (GREDIS_IS_CLIENT (self));
  g_return_if_fail (step != NULL);

  _gredis_config_add_handshake_step (self->config, step,
                                     (GBoxedCopyFunc) _gredis_handshake_step_ref,
                                     (GDestroyNotify) _gredis_handshake_step_unref);
}

GredisRouter *
_gredis_client_get_router (GredisClient *self)
{
  return self->router;
}

gboolean
_gredis_client_is_closed (GredisClient *self)
{
  return _gredis_router_is_closed (self->router);
}

static void
weak_ref_free (gpointer data,
               GClosure *closure)
{
  g_weak_ref_clear (data);
  g_free (data);
}

/* Cluster events */

typedef struct
{
  GWeakRef client;
  guint changes;
} TopologyEvent;

static gboolean
emit_topology_changed (gpointer data)
{
  TopologyEvent *event = data;
  g_autoptr(GredisClient) self = g_weak_ref_get (&event->client);

  if (self != NULL)
    g_signal_emit (self, signals[SIGNAL_TOPOLOGY_CHANGED], 0, event->changes);
  return G_SOURCE_REMOVE;
}

static void
topology_event_free (gpointer data)
{
  TopologyEvent *event = data;

  g_weak_ref_clear (&event->client);
  g_free (event);
}

/* From the cluster pool's thread: emitted in the client's context. */
static void
on_topology_changed (GObject *owner,
                     guint    changes)
{
  GredisClient *self = GREDIS_CLIENT (owner);
  TopologyEvent *event;
  GSource *source;

  /* Keys that moved are tracked by nodes that no longer serve them. */
  if (self->cache != NULL && (changes & GREDIS_TOPOLOGY_CHANGE_SLOTS) != 0)
    _gredis_cache_flush (self->cache, "the cluster's slots moved");

  event = g_new (TopologyEvent, 1);
  source = g_idle_source_new ();

  g_weak_ref_init (&event->client, self);
  event->changes = changes;
  g_source_set_callback (source, emit_topology_changed, event, topology_event_free);
  g_source_set_static_name (source, "Gredis topology-changed");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

/* Client-side cache */

typedef struct
{
  GWeakRef client;
  GStrv keys;
} InvalidatedEvent;

static gboolean
emit_cache_invalidated (gpointer data)
{
  InvalidatedEvent *event = data;
  g_autoptr(GredisClient) self = g_weak_ref_get (&event->client);

  if (self != NULL)
    g_signal_emit (self, signals[SIGNAL_CACHE_INVALIDATED], 0, event->keys);
  return G_SOURCE_REMOVE;
}

static void
invalidated_event_free (gpointer data)
{
  InvalidatedEvent *event = data;

  g_weak_ref_clear (&event->client);
  g_strfreev (event->keys);
  g_free (event);
}

static gboolean
cache_invalidated_wanted (GObject *owner)
{
  return g_signal_has_handler_pending (owner, signals[SIGNAL_CACHE_INVALIDATED], 0, TRUE);
}

/* From the cache's tracking thread: emitted in the client's context. */
static void
on_cache_invalidated (GObject            *owner,
                      const char * const *keys)
{
  GredisClient *self = GREDIS_CLIENT (owner);
  InvalidatedEvent *event = g_new (InvalidatedEvent, 1);
  GSource *source = g_idle_source_new ();

  g_weak_ref_init (&event->client, self);
  event->keys = g_strdupv ((char **) keys);
  g_source_set_callback (source, emit_cache_invalidated, event, invalidated_event_free);
  g_source_set_static_name (source, "Gredis cache-invalidated");
  g_source_attach (source, self->context);
  g_source_unref (source);
}

static guint64
get_cache_stat (GredisClient *client,
                guint         prop_id)
{
  GredisCacheStats stats = { 0, };

  if (client->cache != NULL)
    _gredis_cache_get_stats (client->cache, &stats);
  switch (prop_id)
    {
    case PROP_CACHE_HITS:
      return stats.hits;
    case PROP_CACHE_MISSES:
      return stats.misses;
    case PROP_CACHE_EVICTIONS:
      return stats.evictions;
    case PROP_CACHE_INVALIDATIONS:
      return stats.invalidations;
    case PROP_CACHE_BYTES:
      return stats.bytes;
    default:
      g_assert_not_reached ();
    }
}

/**
 * gredis_client_get_cache_hits: (get-property cache-hits)
 * @client: a #GredisClient
 *
 * Gets how many commands the client-side cache answered from memory.
 *
 * Returns: the number of commands the client-side cache answered from
 *   memory so far (0 when #GredisConfig:cache is off)
 */
guint64
gredis_client_get_cache_hits (GredisClient *client)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  return get_cache_stat (client, PROP_CACHE_HITS);
}

/**
 * gredis_client_get_cache_misses: (get-property cache-misses)
 * @client: a #GredisClient
 *
 * Gets how many cacheable commands the client-side cache could not answer from memory.
 *
 * Returns: the number of cacheable commands the client-side cache did
 *   not hold, and sent to the server, so far
 */
guint64
gredis_client_get_cache_misses (GredisClient *client)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  return get_cache_stat (client, PROP_CACHE_MISSES);
}

/**
 * gredis_client_get_cache_evictions: (get-property cache-evictions)
 * @client: a #GredisClient
 *
 * Gets how many entries the client-side cache evicted to stay within its limits.
 *
 * Returns: the number of replies the client-side cache dropped to stay
 *   within #GredisConfig:cache-max-entries and
 *   #GredisConfig:cache-max-bytes so far
 */
guint64
gredis_client_get_cache_evictions (GredisClient *client)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  return get_cache_stat (client, PROP_CACHE_EVICTIONS);
}

/**
 * gredis_client_get_cache_invalidations: (get-property cache-invalidations)
 * @client: a #GredisClient
 *
 * Gets how many keys the server told the client-side cache to drop.
 *
 * Returns: the number of keys the server said changed, plus the number
 *   of times the whole client-side cache was emptied, so far
 */
guint64
gredis_client_get_cache_invalidations (GredisClient *client)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  return get_cache_stat (client, PROP_CACHE_INVALIDATIONS);
}

/**
 * gredis_client_get_cache_bytes: (get-property cache-bytes)
 * @client: a #GredisClient
 *
 * Gets how many bytes the client-side cache holds now.
 *
 * Returns: the bytes the client-side cache holds now, as it counts them
 *   against #GredisConfig:cache-max-bytes
 */
guint64
gredis_client_get_cache_bytes (GredisClient *client)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  return get_cache_stat (client, PROP_CACHE_BYTES);
}

/**
 * gredis_client_clear_cache:
 * @client: a #GredisClient
 *
 * Empties the client-side cache: later reads go to the server. Reads in
 * flight are answered but not kept. Does nothing when the cache is off.
 */
void
gredis_client_clear_cache (GredisClient *client)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));

  if (client->cache != NULL)
    _gredis_cache_flush (client->cache, "gredis_client_clear_cache()");
}

/**
 * gredis_client_get_moved_redirects: (get-property moved-redirects)
 * @client: a #GredisClient
 *
 * Gets the number of `MOVED` redirects the client followed.
 *
 * Returns: the number of `MOVED` redirects the client followed so far
 *   (0 unless its pool is `cluster`)
 */
guint64
gredis_client_get_moved_redirects (GredisClient *client)
{
  guint64 moved, ask, refreshes;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);

  _gredis_router_get_cluster_counters (client->router, &moved, &ask, &refreshes);
  return moved;
}

/**
 * gredis_client_get_ask_redirects: (get-property ask-redirects)
 * @client: a #GredisClient
 *
 * Gets the number of `ASK` redirects the client followed.
 *
 * Returns: the number of `ASK` redirects the client followed so far
 *   (0 unless its pool is `cluster`)
 */
guint64
gredis_client_get_ask_redirects (GredisClient *client)
{
  guint64 moved, ask, refreshes;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);

  _gredis_router_get_cluster_counters (client->router, &moved, &ask, &refreshes);
  return ask;
}

/**
 * gredis_client_get_topology_refreshes: (get-property topology-refreshes)
 * @client: a #GredisClient
 *
 * Gets the number of times the client fetched the slot map of its cluster.
 *
 * Returns: the number of times the client fetched the cluster's slot
 *   map so far, the first time included (0 unless its pool is `cluster`)
 */
guint64
gredis_client_get_topology_refreshes (GredisClient *client)
{
  guint64 moved, ask, refreshes;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);

  _gredis_router_get_cluster_counters (client->router, &moved, &ask, &refreshes);
  return refreshes;
}

/* Network changes */

void
_gredis_client_network_changed (GredisClient *self)
{
  g_return_if_fail (GREDIS_IS_CLIENT (self));

  GREDIS_DEBUG ("client", "The network changed: backoff delays start again");
  _gredis_router_network_changed (self->router);
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

/**
 * gredis_client_get_connection:
 * @client: a #GredisClient
 * @error: return location for a #GError
 *
 * Returns the multiplexed connection that asynchronous calls made in the
 * thread-default main context use, taking it from the client's pool if
 * needed. It is useful to watch its state, receive its push frames, or
 * send commands with gredis_connection_send_command_full(). This call
 * never waits: when the pool cannot hand out a connection at once
 * (gredis_pool_try_acquire()), because every connection is in use or it
 * hands them out only asynchronously, it fails with
 * %GREDIS_ERROR_POOL_EXHAUSTED.
 *
 * Commands sent on it directly are not checked as the client's are (see
 * "Commands that change the connection" in #GredisClient): a `SELECT` or `MULTI`
 * sent there changes the connection for every asynchronous caller of the
 * context.
 *
 * Returns: (transfer full): the connection, or %NULL with an error
 */
GredisConnection *
gredis_client_get_connection (GredisClient  *client,
                              GError       **error)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _gredis_router_get_shared (client->router, error);
}

/* Retry: the policy is the router's (gredis-router-retry.c). */

GredisRetry *
_gredis_client_ref_retry (GredisClient *self)
{
  return _gredis_router_ref_retry (self->router);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (retry == NULL || GREDIS_IS_RETRY (retry));

  if (_gredis_router_set_retry (client->router, retry))
    g_object_notify_by_pspec (G_OBJECT (client), own_properties[PROP_RETRY]);
}

/* Commands */

/* A command that would change the state of a shared connection fails at
 * once, in the caller's context (gredis-command-state.c). */
static gboolean
refuse_state_change (GredisClient        *self,
                     guint                argc,
                     const char * const  *argv,
                     const gsize         *argv_lengths,
                     GBytes * const      *args,
                     gpointer             source_tag,
                     GCancellable        *cancellable,
                     GAsyncReadyCallback  callback,
                     gpointer             user_data)
{
  GError *error = NULL;
  GredisCall *call;

  if (G_LIKELY (_gredis_command_check_state (argc, argv, argv_lengths, args, &error) &&
                _gredis_command_check_wait (argc, argv, argv_lengths, args,
                                            gredis_config_get_command_timeout_ms (self->config),
                                            &error)))
    return FALSE;
  call = _gredis_call_new (self, cancellable, callback, user_data, source_tag);
  _gredis_call_return_error_later (call, error, NULL);
  _gredis_call_unref (call);
  return TRUE;
}

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
  GredisRouterCommand command;
  gint64 timeout_ms;

  if (G_UNLIKELY (refuse_state_change (self, argc, argv, argv_lengths, args, source_tag,
                                       cancellable, callback, user_data)))
    return;

  /* Blocking commands go on an exclusive connection of their own
   * (gredis-client-blocking.c). */
  if (G_UNLIKELY (_gredis_command_is_blocking (argc, argv, argv_lengths, args, &timeout_ms)))
    {
      _gredis_client_send_blocking_async (self, argc, argv, argv_lengths, args, timeout_ms,
                                          source_tag, cancellable, callback, user_data);
      return;
    }

  /* Reads the client-side cache answers or fetches (core/cache): one
   * predictable branch when it is off. */
  if (G_UNLIKELY (self->cache != NULL))
    {
      if (_gredis_cache_send_async (self->cache, argc, argv, argv_lengths, args, self,
                                    source_tag, cancellable, callback, user_data))
        return;
      _gredis_cache_wrap_write (self->cache, argc, argv, argv_lengths, args,
                                &callback, &user_data);
    }

  command.argc = argc;
  command.argv = argv;
  command.argv_lengths = argv_lengths;
  command.args = args;
  command.source_object = self;
  command.cancellable = cancellable;
  command.callback = callback;
  command.user_data = user_data;
  command.source_tag = source_tag;
  _gredis_router_send_shared (self->router, &command);
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

GredisReply *
_gredis_client_send_sync (GredisClient        *client,
                          guint                argc,
                          const char * const  *argv,
                          const gsize         *argv_lengths,
                          GBytes * const      *args,
                          GCancellable        *cancellable,
                          GError             **error)
{
  /* WAIT with a timeout the command timeout would cut short
   * (gredis-client-blocking.c). */
  if (G_UNLIKELY (!_gredis_command_check_wait (argc, argv, argv_lengths, args,
                                               gredis_config_get_command_timeout_ms (client->config),
                                               error)))
    return NULL;
  if (G_UNLIKELY (client->cache != NULL))
    {
      g_autoptr(GPtrArray) written = NULL;
      GredisReply *reply = NULL;

      if (_gredis_cache_send_sync (client->cache, argc, argv, argv_lengths, args, client,
                                   cancellable, &reply, error))
        return reply;
      written = _gredis_cache_note_write (client->cache, argc, argv, argv_lengths, args);
      reply = _gredis_router_send_sync (client->router, client, argc, argv, argv_lengths, args,
                                        cancellable, error);
      if (written != NULL)
        _gredis_cache_write_done (client->cache, written);
      return reply;
    }
  return _gredis_router_send_sync (client->router, client, argc, argv, argv_lengths, args,
                                   cancellable, error);
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

  /* Commands that would change the state of a pooled connection fail at
   * once (gredis-command-state.c). */
  if (G_UNLIKELY (!_gredis_command_check_state (argc, argv, argv_lengths, args, error)))
    return NULL;
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
 * Gets the configuration of @client, the object its #GredisConfig
 * properties mirror.
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));

  _gredis_router_close (client->router);
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
    _gredis_router_forget_retry (self->router);

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
  self->router = _gredis_router_new (self->config, object, G_CALLBACK (on_push));
  _gredis_router_set_topology_func (self->router, on_topology_changed);

  if (gredis_config_get_cache (self->config))
    {
      self->cache = _gredis_cache_new (self->config, self->router, object,
                                       cache_invalidated_wanted, on_cache_invalidated);
      if (self->cache != NULL)
        _gredis_client_add_handshake_step (self, _gredis_cache_get_tracking_step (self->cache));
    }
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
  else if (prop_id == PROP_MOVED_REDIRECTS)
    g_value_set_uint64 (value, gredis_client_get_moved_redirects (self));
  else if (prop_id == PROP_ASK_REDIRECTS)
    g_value_set_uint64 (value, gredis_client_get_ask_redirects (self));
  else if (prop_id == PROP_TOPOLOGY_REFRESHES)
    g_value_set_uint64 (value, gredis_client_get_topology_refreshes (self));
  else if (prop_id >= PROP_CACHE_HITS && prop_id <= PROP_CACHE_BYTES)
    g_value_set_uint64 (value, get_cache_stat (self, prop_id));
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
  if (self->router != NULL)
    _gredis_router_close (self->router);
  if (self->cache != NULL)
    _gredis_cache_close (self->cache);

  G_OBJECT_CLASS (gredis_client_parent_class)->dispose (object);
}

static void
gredis_client_finalize (GObject *object)
{
  GredisClient *self = GREDIS_CLIENT (object);

  g_clear_pointer (&self->cache, _gredis_cache_unref);
  g_clear_pointer (&self->router, _gredis_router_unref);
  g_clear_object (&self->config);
  g_main_context_unref (self->context);

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
  if (type == G_TYPE_PARAM_DOUBLE)
    {
      GParamSpecDouble *p = G_PARAM_SPEC_DOUBLE (config_pspec);
      return g_param_spec_double (name, NULL, NULL, p->minimum, p->maximum, p->default_value,
                                  flags);
    }
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

  /**
   * GredisClient:moved-redirects: (getter get_moved_redirects)
   *
   * How many `MOVED` redirects of a Redis Cluster the client followed:
   * each patched the slot map at once and asked for a refresh. A
   * counter read without a lock; it is not notified.
   */
  own_properties[PROP_MOVED_REDIRECTS] =
    g_param_spec_uint64 ("moved-redirects", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisClient:ask-redirects: (getter get_ask_redirects)
   *
   * How many `ASK` redirects of a Redis Cluster (a slot being migrated)
   * the client followed, each with `ASKING` and the command in one write.
   * Not notified.
   */
  own_properties[PROP_ASK_REDIRECTS] =
    g_param_spec_uint64 ("ask-redirects", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisClient:topology-refreshes: (getter get_topology_refreshes)
   *
   * How many times the client fetched the slot map of its Redis Cluster,
   * the first time included: after `MOVED` replies and failed
   * connections (at most one fetch in flight, and one started per half
   * second) and periodically (#GredisConfig:cluster-refresh-interval-ms).
   * Not notified.
   */
  own_properties[PROP_TOPOLOGY_REFRESHES] =
    g_param_spec_uint64 ("topology-refreshes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisClient:cache-hits: (getter get_cache_hits)
   *
   * The number of commands the client-side cache (#GredisConfig:cache)
   * answered from memory so far.
   */
  own_properties[PROP_CACHE_HITS] =
    g_param_spec_uint64 ("cache-hits", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * GredisClient:cache-misses: (getter get_cache_misses)
   *
   * The number of cacheable commands the client-side cache sent to the
   * server so far.
   */
  own_properties[PROP_CACHE_MISSES] =
    g_param_spec_uint64 ("cache-misses", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * GredisClient:cache-evictions: (getter get_cache_evictions)
   *
   * The number of replies the client-side cache dropped to stay within
   * its limits so far.
   */
  own_properties[PROP_CACHE_EVICTIONS] =
    g_param_spec_uint64 ("cache-evictions", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * GredisClient:cache-invalidations: (getter get_cache_invalidations)
   *
   * The number of keys invalidated, and of times the whole client-side
   * cache was emptied, so far.
   */
  own_properties[PROP_CACHE_INVALIDATIONS] =
    g_param_spec_uint64 ("cache-invalidations", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  /**
   * GredisClient:cache-bytes: (getter get_cache_bytes)
   *
   * The bytes the client-side cache holds now.
   */
  own_properties[PROP_CACHE_BYTES] =
    g_param_spec_uint64 ("cache-bytes", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_OWN_PROPS, own_properties);

  /* Each property of GredisConfig is mirrored on the client, under the
   * same name; their documentation follows. */
  /**
   * GredisClient:address-map:
   *
   * The option `address-map` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:address-map] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:backoff:
   *
   * The option `backoff` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:backoff] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:backoff-base-ms:
   *
   * The option `backoff-base-ms` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:backoff-base-ms] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:backoff-cap-ms:
   *
   * The option `backoff-cap-ms` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:backoff-cap-ms] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:client-name:
   *
   * The option `client-name` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:client-name] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cluster-refresh-interval-ms:
   *
   * The option `cluster-refresh-interval-ms` of the client's
   * configuration: reading and writing it reads and writes
   * [property@Gredis.Config:cluster-refresh-interval-ms] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cluster-split:
   *
   * The option `cluster-split` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:cluster-split] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:command-timeout-ms:
   *
   * The option `command-timeout-ms` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:command-timeout-ms] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:connect-timeout-ms:
   *
   * The option `connect-timeout-ms` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:connect-timeout-ms] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:db:
   *
   * The option `db` of the client's configuration: reading and writing it
   * reads and writes [property@Gredis.Config:db] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:health-check-interval-s:
   *
   * The option `health-check-interval-s` of the client's configuration:
   * reading and writing it reads and writes
   * [property@Gredis.Config:health-check-interval-s] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:host:
   *
   * The option `host` of the client's configuration: reading and writing
   * it reads and writes [property@Gredis.Config:host] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:idle-timeout-s:
   *
   * The option `idle-timeout-s` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:idle-timeout-s] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:keepalive:
   *
   * The option `keepalive` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:keepalive] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:master-name:
   *
   * The option `master-name` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:master-name] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:max-bulk-bytes:
   *
   * The option `max-bulk-bytes` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:max-bulk-bytes] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:max-connections:
   *
   * The option `max-connections` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:max-connections] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:max-depth:
   *
   * The option `max-depth` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:max-depth] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:max-elements:
   *
   * The option `max-elements` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:max-elements] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:max-lifetime-s:
   *
   * The option `max-lifetime-s` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:max-lifetime-s] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:max-redirects:
   *
   * The option `max-redirects` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:max-redirects] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:max-reply-bytes:
   *
   * The option `max-reply-bytes` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:max-reply-bytes] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:min-idle:
   *
   * The option `min-idle` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:min-idle] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:parser:
   *
   * The option `parser` of the client's configuration: reading and writing
   * it reads and writes [property@Gredis.Config:parser] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:password:
   *
   * The option `password` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:password] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:password-credential:
   *
   * The option `password-credential` of the client's configuration:
   * reading and writing it reads and writes
   * [property@Gredis.Config:password-credential] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:password-file:
   *
   * The option `password-file` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:password-file] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:path:
   *
   * The option `path` of the client's configuration: reading and writing
   * it reads and writes [property@Gredis.Config:path] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:pool:
   *
   * The option `pool` of the client's configuration: reading and writing
   * it reads and writes [property@Gredis.Config:pool] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:pool-timeout-ms:
   *
   * The option `pool-timeout-ms` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:pool-timeout-ms] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:port:
   *
   * The option `port` of the client's configuration: reading and writing
   * it reads and writes [property@Gredis.Config:port] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:protocol:
   *
   * The option `protocol` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:protocol] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cache:
   *
   * The option `cache` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:cache] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cache-max-bytes:
   *
   * The option `cache-max-bytes` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:cache-max-bytes] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cache-max-entries:
   *
   * The option `cache-max-entries` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:cache-max-entries] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cache-mode:
   *
   * The option `cache-mode` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:cache-mode] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cache-optin:
   *
   * The option `cache-optin` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:cache-optin] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cache-prefixes:
   *
   * The option `cache-prefixes` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:cache-prefixes] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:cache-ttl-ms:
   *
   * The option `cache-ttl-ms` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:cache-ttl-ms] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:observe:
   *
   * The option `observe` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:observe] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:otlp-endpoint:
   *
   * The option `otlp-endpoint` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:otlp-endpoint] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:otlp-interval-ms:
   *
   * The option `otlp-interval-ms` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:otlp-interval-ms] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:otlp-max-queue:
   *
   * The option `otlp-max-queue` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:otlp-max-queue] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:otlp-sample-ratio:
   *
   * The option `otlp-sample-ratio` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:otlp-sample-ratio] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:read-from:
   *
   * The option `read-from` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:read-from] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:retries:
   *
   * The option `retries` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:retries] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:seeds:
   *
   * The option `seeds` of the client's configuration: reading and writing
   * it reads and writes [property@Gredis.Config:seeds] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:sentinel-events:
   *
   * The option `sentinel-events` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:sentinel-events] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:sentinel-password:
   *
   * The option `sentinel-password` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:sentinel-password] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:sentinel-password-credential:
   *
   * The option `sentinel-password-credential` of the client's
   * configuration: reading and writing it reads and writes
   * [property@Gredis.Config:sentinel-password-credential] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:sentinel-username:
   *
   * The option `sentinel-username` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:sentinel-username] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:sentinels:
   *
   * The option `sentinels` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:sentinels] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-ca-dir:
   *
   * The option `tls-ca-dir` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:tls-ca-dir] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-ca-file:
   *
   * The option `tls-ca-file` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:tls-ca-file] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-cert-file:
   *
   * The option `tls-cert-file` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:tls-cert-file] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-ciphers:
   *
   * The option `tls-ciphers` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:tls-ciphers] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-key-file:
   *
   * The option `tls-key-file` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:tls-key-file] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-key-password:
   *
   * The option `tls-key-password` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:tls-key-password] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-min-version:
   *
   * The option `tls-min-version` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:tls-min-version] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-server-name:
   *
   * The option `tls-server-name` of the client's configuration: reading
   * and writing it reads and writes
   * [property@Gredis.Config:tls-server-name] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:tls-verify:
   *
   * The option `tls-verify` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:tls-verify] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:transport:
   *
   * The option `transport` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:transport] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:uri:
   *
   * The option `uri` of the client's configuration: reading and writing it
   * reads and writes [property@Gredis.Config:uri] on
   * [property@Gredis.Client:config].
   */
  /**
   * GredisClient:username:
   *
   * The option `username` of the client's configuration: reading and
   * writing it reads and writes [property@Gredis.Config:username] on
   * [property@Gredis.Client:config].
   */
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

  /**
   * GredisClient::topology-changed:
   * @client: the client
   * @changes: what changed
   *
   * Emitted when the client, on a Redis Cluster (`pool=cluster`), fetched
   * a slot map that differs from the one it fetched before: slots served
   * by another primary, a node added or removed, a node that changed role
   * (a failover). The map is fetched again after `MOVED` replies, after
   * failed connections and periodically
   * (#GredisConfig:cluster-refresh-interval-ms); `MOVED` patches the map
   * at once, without this signal, which comes with the refresh that
   * follows. Emitted in the main context that was thread-default when
   * the client was made.
   */
  signals[SIGNAL_TOPOLOGY_CHANGED] =
    g_signal_new ("topology-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GREDIS_TYPE_TOPOLOGY_CHANGE);

  /**
   * GredisClient::cache-invalidated:
   * @client: the client
   * @keys: (nullable) (array zero-terminated=1): the keys the server said
   *   changed, or %NULL when the whole cache was emptied (`FLUSHALL`, a
   *   reconnect, gredis_client_clear_cache() …)
   *
   * Emitted when entries of the client-side cache (#GredisConfig:cache)
   * are invalidated, in the main context that was thread-default when
   * the client was made. Applications may watch keys with it.
   */
  signals[SIGNAL_CACHE_INVALIDATED] =
    g_signal_new ("cache-invalidated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRV);
}

static void
gredis_client_init (GredisClient *self)
{
  self->context = g_main_context_ref_thread_default ();

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
