/* gredis-pubsub.c: publish/subscribe
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-pubsub-private.h"
#include "gredis-client-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-connection-private.h"
#include "gredis-key-slot-private.h"

#include <string.h>

/**
 * GredisPubSub:
 *
 * Subscriptions to channels, patterns and shard channels, delivered as
 * the #GredisPubSub::message signal, whose detail (`channel`, `pattern`
 * or `shard`) says which kind of subscription a message came through.
 *
 * A #GredisPubSub has a connection of its own, taken from its
 * #GredisClient as an exclusive connection when the first subscription
 * is made. Under RESP2 that connection is in subscribe mode; under RESP3
 * messages come as push frames. Signals are emitted in the main context
 * that was the thread-default one when the #GredisPubSub was made (its
 * owner's context), and the asynchronous methods must be called from
 * that context's thread. The blocking methods may be called from any
 * thread.
 *
 * The subscriptions are remembered: when the connection is lost, a new
 * one is made (with the client's backoff policy between attempts) and
 * every channel, pattern and shard channel is subscribed to again. A
 * failure that another attempt cannot mend (see
 * gredis_retry_is_permanent_error()) stops the attempts: the next
 * subscription or unsubscription tries once more. The
 * server does not keep messages for an absent subscriber, so when the
 * subscriptions are restored #GredisPubSub::messages-lost is emitted:
 * whatever was published in the gap was missed.
 *
 * With #GredisPubSub:health-check-interval-s set (from the client's
 * `health-check-interval-s` configuration key by default), a `PING` goes
 * out whenever the server has been silent for half the interval, and a
 * connection on which nothing at all arrives for a whole interval is
 * closed and replaced: a half-open connection is noticed within the
 * check interval.
 *
 * On a cluster (a client whose pool is `cluster`), channels and patterns
 * are subscribed to on one node, chosen at random among the primaries
 * (a message published on any node reaches every node), and on another
 * when its connection fails. Each shard channel is subscribed to on the
 * primary that serves its slot, with one connection per node. When the
 * server drops a shard subscription (its slot migrated, or the node
 * became a replica in a failover) or a node's connection fails, the
 * channel is subscribed to again on the node the slot map names then,
 * following MOVED, and #GredisPubSub::messages-lost is emitted once every
 * channel is back.
 *
 * Keyspace notifications (after `CONFIG SET notify-keyspace-events KEA`)
 * are ordinary messages on the `__keyspace@N__:key` and
 * `__keyevent@N__:event` channels.
 */

typedef enum {
  KIND_CHANNEL,
  KIND_PATTERN,
  KIND_SHARD,
  N_KINDS
} Kind;

static const char * const subscribe_commands[N_KINDS] = { "SUBSCRIBE", "PSUBSCRIBE", "SSUBSCRIBE" };
static const char * const unsubscribe_commands[N_KINDS] = { "UNSUBSCRIBE", "PUNSUBSCRIBE", "SUNSUBSCRIBE" };

struct _GredisPubSub
{
  GObject parent_instance;

  GredisClient *client;
  GredisRouter *router;                 /* the client's: connections */
  GMainContext *context;

  GHashTable *subscriptions[N_KINDS];   /* what we want: sets of names */
  GredisPubSubShards *shards;           /* on a cluster: the shard channels */
  char *failed_node;                    /* on a cluster: host:port of the last lost connection */

  GredisConnection *connection;
  guint generation;                     /* bumped with each connection */
  gboolean main_connected;              /* the connection's subscriptions are in place */
  gboolean connected;                   /* ... and the shard channels' too */
  gboolean acquiring;
  gboolean lost;                        /* a connection was lost since the last restore */
  gboolean closed;
  GCancellable *cancellable;            /* for acquisitions; cancelled by close */
  GQueue waiting;                       /* GTasks waiting for the subscriptions to be restored */

  GredisBackoffPolicy *backoff;
  guint failures;
  GSource *reconnect_source;

  guint health_check_interval_s;
  GSource *health_source;
  gint64 last_life;                     /* when the server last sent anything */
  gboolean ping_outstanding;
};

G_DEFINE_FINAL_TYPE (GredisPubSub, gredis_pubsub, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_CONNECTED,
  PROP_HEALTH_CHECK_INTERVAL_S,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_MESSAGE,
  SIGNAL_MESSAGES_LOST,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* The details of #GredisPubSub::message, one per kind of subscription */
static GQuark kind_quarks[N_KINDS];

static void ensure_connection (GredisPubSub *self);

typedef struct
{
  Kind kind;
  gboolean subscribe;
  gboolean returned;
  GStrv names;
  GSource *cancel_source;
} Op;

static void
op_free (Op *op)
{
  if (op->cancel_source != NULL)
    {
      g_source_destroy (op->cancel_source);
      g_source_unref (op->cancel_source);
    }
  g_strfreev (op->names);
  g_free (op);
}

/* Completes @task unless its cancellable did already; @error is consumed. */
void
_gredis_pubsub_op_return (GTask  *task,
                          GError *error)
{
  Op *op = g_task_get_task_data (task);

  if (op->returned)
    {
      g_clear_error (&error);
      return;
    }
  op->returned = TRUE;
  if (error != NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static GError *
closed_error (void)
{
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CLOSED,
                              _("The publish/subscribe object is closed."));
}

static guint
count_subscriptions (GredisPubSub *self)
{
  guint n = 0;

  for (guint k = 0; k < N_KINDS; k++)
    n += g_hash_table_size (self->subscriptions[k]);
  return n;
}

void
_gredis_pubsub_update_connected (GredisPubSub *self)
{
  gboolean connected = self->main_connected;

  if (self->closed)
    connected = FALSE;
  else if (self->shards != NULL)
    {
      /* On a cluster, the one connection of channels and patterns counts
       * when it exists or is needed, and so do the shard channels. */
      gboolean main_needed = count_subscriptions (self) > 0 || self->connection != NULL;
      guint n_shards = _gredis_pubsub_shards_count (self->shards);

      connected = (main_needed || n_shards > 0) &&
                  (!main_needed || self->main_connected) &&
                  _gredis_pubsub_shards_in_place (self->shards);
    }
  if (self->connected == connected)
    return;
  self->connected = connected;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CONNECTED]);
}

static void
set_connected (GredisPubSub *self,
               gboolean      connected)
{
  self->main_connected = connected;
  _gredis_pubsub_update_connected (self);
}

/* Whether the client's pool is a cluster's; the shard channels then have
 * connections of their own. */
static gboolean
is_cluster (GredisPubSub *self)
{
  if (self->shards != NULL)
    return TRUE;
  if (!_gredis_router_routes_by_slot (self->router))
    return FALSE;
  self->shards = _gredis_pubsub_shards_new (self, self->router, self->context, self->cancellable);
  return TRUE;
}

/* Sends @command with @names (or none) without an entry: the server
 * answers with frames, not replies. */
static void
send_names (GredisConnection   *connection,
            const char         *command,
            const char * const *names,
            guint               n_names)
{
  g_autofree const char **argv = g_new (const char *, n_names + 1);

  argv[0] = command;
  for (guint i = 0; i < n_names; i++)
    argv[i + 1] = names[i];
  _gredis_connection_send_no_reply (connection, n_names + 1, argv, NULL);
}

static void
send_barrier (GredisPubSub        *self,
              GredisReplyCallback  callback,
              gpointer             data)
{
  static const char * const ping[] = { "PING" };

  gredis_connection_send_command_full (self->connection, 1, ping, NULL, callback, data);
}

/* Messages */

gboolean
_gredis_pubsub_dispatch_frame (GredisPubSub *self,
                               GredisReply  *reply)
{
  gsize n = gredis_reply_get_n_elements (reply);
  const char *type;
  gsize type_length;
  const char *pattern = NULL;
  const char *channel;
  g_autoptr(GBytes) payload = NULL;
  Kind kind;

  if (n < 3)
    return FALSE;
  type = gredis_reply_get_string (gredis_reply_get_element (reply, 0), &type_length);
  if (type == NULL)
    return FALSE;

  if ((type_length == 7 && memcmp (type, "message", 7) == 0) ||
      (type_length == 8 && memcmp (type, "smessage", 8) == 0))
    {
      kind = type[0] == 's' ? KIND_SHARD : KIND_CHANNEL;
      channel = gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL);
      payload = gredis_reply_get_bytes (gredis_reply_get_element (reply, 2));
    }
  else if (type_length == 8 && memcmp (type, "pmessage", 8) == 0 && n >= 4)
    {
      kind = KIND_PATTERN;
      pattern = gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL);
      channel = gredis_reply_get_string (gredis_reply_get_element (reply, 2), NULL);
      payload = gredis_reply_get_bytes (gredis_reply_get_element (reply, 3));
    }
  else
    return FALSE;   /* confirmations, and push frames of other features */

  if (channel == NULL || payload == NULL)
    return FALSE;
  g_signal_emit (self, signals[SIGNAL_MESSAGE], kind_quarks[kind], channel, pattern, payload);
  return TRUE;
}

void
_gredis_pubsub_emit_lost (GredisPubSub *self)
{
  g_signal_emit (self, signals[SIGNAL_MESSAGES_LOST], 0);
}

static void
on_push (GredisConnection *connection,
         GredisReply      *reply,
         gpointer          user_data)
{
  GredisPubSub *self = user_data;

  self->last_life = g_get_monotonic_time ();
  _gredis_pubsub_dispatch_frame (self, reply);
}

/* The health check */

static gboolean
health_dispatch (GSource     *source,
                 GSourceFunc  callback,
                 gpointer     user_data)
{
  return callback (user_data);
}

static GSourceFuncs health_source_funcs = {
  NULL, NULL, health_dispatch, NULL, NULL, NULL,
};

static void
arm_health_check (GredisPubSub *self)
{
  gint64 interval = (gint64) self->health_check_interval_s * G_USEC_PER_SEC;

  if (self->health_source == NULL)
    return;
  if (interval == 0 || self->connection == NULL)
    g_source_set_ready_time (self->health_source, -1);
  else if (self->ping_outstanding)
    g_source_set_ready_time (self->health_source, self->last_life + interval);
  else
    g_source_set_ready_time (self->health_source, self->last_life + interval / 2);
}

static void
health_ping_done (GredisConnection *connection,
                  GredisReply      *reply,
                  const GError     *error,
                  gpointer          user_data)
{
  GredisPubSub *self = user_data;

  if (connection != self->connection)
    return;
  self->ping_outstanding = FALSE;
  if (error == NULL)
    self->last_life = g_get_monotonic_time ();
  arm_health_check (self);
}

static gboolean
health_check (gpointer user_data)
{
  GredisPubSub *self = user_data;
  gint64 interval = (gint64) self->health_check_interval_s * G_USEC_PER_SEC;
  gint64 now = g_get_monotonic_time ();

  if (interval == 0 || self->connection == NULL)
    {
      arm_health_check (self);
      return G_SOURCE_CONTINUE;
    }

  if (now - self->last_life >= interval)
    {
      GREDIS_DEBUG ("pubsub", "Pub/sub connection %p silent for %u s; closing it",
                    self->connection, self->health_check_interval_s);
      /* The state handler replaces it. */
      gredis_connection_close (self->connection);
      return G_SOURCE_CONTINUE;
    }
  if (!self->ping_outstanding && now - self->last_life >= interval / 2)
    {
      self->ping_outstanding = TRUE;
      send_barrier (self, health_ping_done, self);
    }
  arm_health_check (self);
  return G_SOURCE_CONTINUE;
}

/* Connection life cycle */

static void
complete_waiting (GredisPubSub *self,
                  const GError *error)
{
  GTask *task;

  while ((task = g_queue_pop_head (&self->waiting)) != NULL)
    {
      _gredis_pubsub_op_return (task, error != NULL ? g_error_copy (error) : NULL);
      g_object_unref (task);
    }
}

static gboolean
reconnect_cb (gpointer user_data)
{
  GredisPubSub *self = user_data;

  g_clear_pointer (&self->reconnect_source, g_source_unref);
  ensure_connection (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_reconnect (GredisPubSub *self)
{
  guint64 delay_us;

  if (self->closed || self->reconnect_source != NULL)
    return;
  if (count_subscriptions (self) == 0 && g_queue_is_empty (&self->waiting))
    return;

  if (self->backoff != NULL)
    delay_us = gredis_backoff_policy_compute (self->backoff, self->failures);
  else
    delay_us = (guint64) MIN (self->failures, 10) * 100 * 1000;
  GREDIS_DEBUG ("pubsub", "Pub/sub reconnecting in %" G_GUINT64_FORMAT " µs", delay_us);

  self->reconnect_source = g_timeout_source_new ((guint) MIN (delay_us / 1000, G_MAXUINT));
  g_source_set_callback (self->reconnect_source, reconnect_cb, self, NULL);
  g_source_set_static_name (self->reconnect_source, "[gredis] pub/sub reconnect");
  g_source_attach (self->reconnect_source, self->context);
}

static void
drop_connection (GredisPubSub *self)
{
  GredisConnection *connection = g_steal_pointer (&self->connection);

  if (connection == NULL)
    return;
  g_signal_handlers_disconnect_by_data (connection, self);
  self->generation++;
  self->ping_outstanding = FALSE;
  arm_health_check (self);
  /* Its waiting entries fail now, with self->connection already NULL. */
  _gredis_router_release_exclusive (self->router, connection, FALSE);
}

static char *
node_key (const char *host,
          guint16     port)
{
  return g_strdup_printf (strchr (host, ':') != NULL ? "[%s]:%u" : "%s:%u", host, port);
}

static void
on_state (GredisConnection *connection,
          GParamSpec       *pspec,
          gpointer          user_data)
{
  GredisPubSub *self = user_data;

  if (gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED ||
      connection != self->connection)
    return;

  GREDIS_DEBUG ("pubsub", "Pub/sub connection %p lost", connection);
  if (self->shards != NULL)
    {
      GSocketConnectable *endpoint = gredis_connection_get_endpoint (connection);

      g_clear_pointer (&self->failed_node, g_free);
      if (G_IS_NETWORK_ADDRESS (endpoint))
        self->failed_node = node_key (g_network_address_get_hostname (G_NETWORK_ADDRESS (endpoint)),
                                      g_network_address_get_port (G_NETWORK_ADDRESS (endpoint)));
    }
  g_object_ref (self);
  drop_connection (self);
  if (count_subscriptions (self) > 0)
    self->lost = TRUE;
  set_connected (self, FALSE);
  self->failures++;
  schedule_reconnect (self);
  g_object_unref (self);
}

static void
restored (GredisConnection *connection,
          GredisReply      *reply,
          const GError     *error,
          gpointer          user_data)
{
  GredisPubSub *self = user_data;
  g_autoptr(GError) reply_error = NULL;

  if (error != NULL || connection != self->connection)
    return;   /* the state handler takes care of it */

  self->last_life = g_get_monotonic_time ();
  arm_health_check (self);
  if (gredis_reply_is_error (reply))
    {
      /* A subscription the server refuses (an ACL, say): report it, but
       * keep what did work. Callers waiting for their subscription get
       * the error; a warning is only for a refusal nobody would hear of. */
      reply_error = gredis_reply_to_error (reply);
      if (g_queue_is_empty (&self->waiting))
        g_warning ("Could not restore subscriptions: %s", reply_error->message);
      else
        GREDIS_DEBUG ("pubsub", "Subscriptions refused: %s", reply_error->message);
    }

  self->failures = 0;
  if (self->backoff != NULL)
    gredis_backoff_policy_reset (self->backoff);

  g_object_ref (self);
  set_connected (self, TRUE);
  complete_waiting (self, reply_error);
  if (self->lost)
    {
      self->lost = FALSE;
      g_signal_emit (self, signals[SIGNAL_MESSAGES_LOST], 0);
    }
  g_object_unref (self);
}

static void
acquired (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  GredisPubSub *self = user_data;
  g_autoptr(GError) error = NULL;
  GredisConnection *connection;

  self->acquiring = FALSE;
  connection = _gredis_router_acquire_exclusive_finish (self->router, result, &error);
  if (connection == NULL)
    {
      if (!self->closed)
        {
          GREDIS_DEBUG ("pubsub", "Pub/sub could not connect: %s", error->message);
          /* Callers learn of the failure; the subscriptions stay and are
           * made when the server can be reached. A permanent failure (a
           * rejected certificate, refused authentication, an unknown
           * host name, a missing plugin) is not tried again on a timer:
           * the next operation tries once more. */
          complete_waiting (self, error);
          self->failures++;
          if (!gredis_retry_is_permanent_error (error))
            schedule_reconnect (self);
        }
      g_object_unref (self);
      return;
    }
  if (self->closed)
    {
      _gredis_router_release_exclusive (self->router, connection, FALSE);
      g_object_unref (self);
      return;
    }

  self->connection = connection;
  _gredis_connection_set_subscriber (connection, TRUE);
  g_signal_connect (connection, "push", G_CALLBACK (on_push), self);
  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), self);
  if (self->backoff == NULL)
    self->backoff = _gredis_retry_make_backoff (gredis_client_get_config (self->client));

  for (guint k = 0; k < N_KINDS; k++)
    {
      guint n;
      g_autofree const char **names =
        (const char **) g_hash_table_get_keys_as_array (self->subscriptions[k], &n);

      if (n == 0)
        continue;
      if (k == KIND_SHARD)
        {
          /* Shard channels of one command must share a slot. */
          for (guint i = 0; i < n; i++)
            send_names (connection, subscribe_commands[k], &names[i], 1);
        }
      else
        send_names (connection, subscribe_commands[k], names, n);
    }
  send_barrier (self, restored, self);

  self->last_life = g_get_monotonic_time ();
  self->ping_outstanding = FALSE;
  arm_health_check (self);

  /* The connection may have closed while being set up. */
  if (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_CLOSED)
    on_state (connection, NULL, self);
  g_object_unref (self);
}

/* On a cluster, the slot whose primary gets the connection of channels
 * and patterns: one at random, so that clients spread over the nodes,
 * and not on the node whose connection failed last when another can be
 * found. */
static gint
main_slot (GredisPubSub *self)
{
  gint slot = GREDIS_POOL_NO_SLOT;

  if (!is_cluster (self))
    return slot;
  for (guint attempt = 0; attempt < 16; attempt++)
    {
      g_autofree char *host = NULL;
      g_autofree char *key = NULL;
      guint16 port;

      slot = g_random_int_range (0, GREDIS_KEY_SLOT_COUNT);
      if (self->failed_node == NULL || !_gredis_router_lookup_slot (self->router, slot, &host, &port))
        break;
      key = node_key (host, port);
      if (!g_str_equal (key, self->failed_node))
        break;
    }
  return slot;
}

static void
ensure_connection (GredisPubSub *self)
{
  if (self->closed || self->connection != NULL || self->acquiring ||
      self->reconnect_source != NULL)
    return;

  self->acquiring = TRUE;
  g_main_context_push_thread_default (self->context);
  _gredis_router_acquire_exclusive_at_async (self->router, main_slot (self), NULL,
                                             self->cancellable, acquired, g_object_ref (self));
  g_main_context_pop_thread_default (self->context);
}

/* Operations */

static void
op_done (GredisConnection *connection,
         GredisReply      *reply,
         const GError     *error,
         gpointer          user_data)
{
  GTask *task = user_data;
  GredisPubSub *self = g_task_get_source_object (task);
  Op *op = g_task_get_task_data (task);

  if (error != NULL)
    {
      if (self->closed)
        _gredis_pubsub_op_return (task, closed_error ());
      else if (!op->subscribe || op->returned)
        _gredis_pubsub_op_return (task, NULL);   /* no connection, no subscription */
      else
        {
          /* Restored with the others on the next connection. */
          g_queue_push_tail (&self->waiting, task);
          ensure_connection (self);
          return;
        }
    }
  else if (gredis_reply_is_error (reply))
    {
      /* The command was refused: forget what it asked for. A refused
       * command's error takes the place of the PING's reply, so the
       * connection is out of step and is replaced. */
      if (op->subscribe)
        for (guint i = 0; op->names[i] != NULL; i++)
          g_hash_table_remove (self->subscriptions[op->kind], op->names[i]);
      _gredis_pubsub_op_return (task, gredis_reply_to_error (reply));
      if (self->connection != NULL)
        gredis_connection_close (self->connection);
    }
  else
    {
      self->last_life = g_get_monotonic_time ();
      _gredis_pubsub_op_return (task, NULL);
    }
  g_object_unref (task);
}

static gboolean
op_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  GTask *task = user_data;
  GredisPubSub *self = g_task_get_source_object (task);

  /* The command, if sent, still runs; only the caller stops waiting. */
  g_object_ref (task);
  gredis_i18n_init ();
  _gredis_pubsub_op_return (task, g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                        _("The operation was cancelled.")));
  if (g_queue_remove (&self->waiting, task))
    g_object_unref (task);
  g_object_unref (task);
  return G_SOURCE_REMOVE;
}

static void
op_async (GredisPubSub        *self,
          Kind                 kind,
          gboolean             subscribe,
          const char * const  *names,
          gpointer             source_tag,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  Op *op;
  guint n_names = names != NULL ? g_strv_length ((char **) names) : 0;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_check_cancellable (task, FALSE);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (self->closed)
    {
      g_task_return_error (task, closed_error ());
      return;
    }

  op = g_new0 (Op, 1);
  op->kind = kind;
  op->subscribe = subscribe;
  op->names = g_strdupv ((char **) names);
  if (op->names == NULL)
    op->names = g_new0 (char *, 1);
  g_task_set_task_data (task, op, (GDestroyNotify) op_free);
  if (cancellable != NULL)
    {
      op->cancel_source = g_cancellable_source_new (cancellable);
      /* The task owns the source, so the source does not own the task. */
      g_source_set_callback (op->cancel_source, G_SOURCE_FUNC (op_cancelled), task, NULL);
      g_source_attach (op->cancel_source, self->context);
    }

  if (kind == KIND_SHARD && is_cluster (self))
    {
      if (subscribe)
        _gredis_pubsub_shards_subscribe (self->shards, (const char * const *) op->names, task);
      else
        _gredis_pubsub_shards_unsubscribe (self->shards, (const char * const *) op->names, task);
      return;
    }

  if (subscribe)
    for (guint i = 0; i < n_names; i++)
      g_hash_table_add (self->subscriptions[kind], g_strdup (names[i]));
  else if (n_names == 0)
    g_hash_table_remove_all (self->subscriptions[kind]);
  else
    for (guint i = 0; i < n_names; i++)
      g_hash_table_remove (self->subscriptions[kind], names[i]);

  /* On a connection still being set up the command goes after the
   * restoring ones, which were made from the set before this change. */
  if (self->connection != NULL)
    {
      send_names (self->connection, subscribe ? subscribe_commands[kind] : unsubscribe_commands[kind],
                  names, n_names);
      send_barrier (self, op_done, g_object_ref (task));
    }
  else if (!subscribe)
    _gredis_pubsub_op_return (task, NULL);   /* made or restored without it */
  else
    {
      g_queue_push_tail (&self->waiting, g_object_ref (task));
      ensure_connection (self);
    }
}

static gboolean
op_finish (GredisPubSub  *self,
           GAsyncResult  *result,
           gpointer       source_tag,
           GError       **error)
{
  g_return_val_if_fail (GREDIS_IS_PUBSUB (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Blocking forms: the connection lives in the owner's context, so the
 * operation runs there. The owner's thread iterates it; any other thread
 * hands the operation over and waits. */

typedef struct
{
  GredisPubSub *self;
  Kind kind;
  gboolean subscribe;
  const char * const *names;
  GCancellable *cancellable;
  GMutex lock;
  GCond cond;
  gboolean done;
  gboolean ok;
  GError *error;
} SyncData;

static void
sync_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  SyncData *data = user_data;
  GError *error = NULL;
  gboolean ok = g_task_propagate_boolean (G_TASK (result), &error);

  g_mutex_lock (&data->lock);
  data->ok = ok;
  data->error = error;
  data->done = TRUE;
  g_cond_signal (&data->cond);
  g_mutex_unlock (&data->lock);
  g_main_context_wakeup (data->self->context);
}

static gboolean
sync_start (gpointer user_data)
{
  SyncData *data = user_data;

  g_main_context_push_thread_default (data->self->context);
  op_async (data->self, data->kind, data->subscribe, data->names, sync_start,
            data->cancellable, sync_done, data);
  g_main_context_pop_thread_default (data->self->context);
  return G_SOURCE_REMOVE;
}

static gboolean
op_sync (GredisPubSub        *self,
         Kind                 kind,
         gboolean             subscribe,
         const char * const  *names,
         GCancellable        *cancellable,
         GError             **error)
{
  SyncData data = { self, kind, subscribe, names, cancellable, };

  g_mutex_init (&data.lock);
  g_cond_init (&data.cond);

  if (g_main_context_acquire (self->context))
    {
      sync_start (&data);
      while (!data.done)
        g_main_context_iteration (self->context, TRUE);
      g_main_context_release (self->context);
    }
  else
    {
      g_main_context_invoke (self->context, sync_start, &data);
      g_mutex_lock (&data.lock);
      while (!data.done)
        g_cond_wait (&data.cond, &data.lock);
      g_mutex_unlock (&data.lock);
    }

  g_mutex_clear (&data.lock);
  g_cond_clear (&data.cond);
  if (!data.ok)
    g_propagate_error (error, data.error);
  return data.ok;
}

#define DEFINE_OP(name, KIND, SUBSCRIBE)                                           \
void                                                                               \
gredis_pubsub_##name##_async (GredisPubSub        *pubsub,                         \
                              const char * const  *names,                          \
                              GCancellable        *cancellable,                    \
                              GAsyncReadyCallback  callback,                       \
                              gpointer             user_data)                      \
{                                                                                  \
  g_return_if_fail (GREDIS_IS_PUBSUB (pubsub));                                    \
  g_return_if_fail (!(SUBSCRIBE) || (names != NULL && names[0] != NULL));          \
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));        \
                                                                                   \
  op_async (pubsub, KIND, SUBSCRIBE, names, gredis_pubsub_##name##_async,          \
            cancellable, callback, user_data);                                     \
}                                                                                  \
                                                                                   \
gboolean                                                                           \
gredis_pubsub_##name##_finish (GredisPubSub  *pubsub,                              \
                               GAsyncResult  *result,                              \
                               GError       **error)                               \
{                                                                                  \
  return op_finish (pubsub, result, gredis_pubsub_##name##_async, error);          \
}                                                                                  \
                                                                                   \
gboolean                                                                           \
gredis_pubsub_##name (GredisPubSub        *pubsub,                                 \
                      const char * const  *names,                                  \
                      GCancellable        *cancellable,                            \
                      GError             **error)                                  \
{                                                                                  \
  g_return_val_if_fail (GREDIS_IS_PUBSUB (pubsub), FALSE);                         \
  g_return_val_if_fail (!(SUBSCRIBE) || (names != NULL && names[0] != NULL), FALSE); \
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);                   \
                                                                                   \
  return op_sync (pubsub, KIND, SUBSCRIBE, names, cancellable, error);             \
}

/**
 * gredis_pubsub_subscribe_async:
 * @pubsub: a #GredisPubSub
 * @channels: (array zero-terminated=1): the channels, at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server confirmed the
 *   subscriptions
 * @user_data: data for @callback
 *
 * Subscribes to @channels (`SUBSCRIBE`); their messages are emitted as
 * #GredisPubSub::message with a %NULL pattern. The first subscription
 * makes the connection. The subscriptions are kept, and restored after a
 * reconnection, until they are unsubscribed from, even when this call
 * fails because the server cannot be reached.
 */
/**
 * gredis_pubsub_subscribe_finish:
 * @pubsub: a #GredisPubSub
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes gredis_pubsub_subscribe_async().
 *
 * Returns: %TRUE once the subscriptions are in place
 */
/**
 * gredis_pubsub_subscribe:
 * @pubsub: a #GredisPubSub
 * @channels: (array zero-terminated=1): the channels, at least one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pubsub_subscribe_async().
 *
 * Returns: %TRUE once the subscriptions are in place
 */
DEFINE_OP (subscribe, KIND_CHANNEL, TRUE)

/**
 * gredis_pubsub_psubscribe_async:
 * @pubsub: a #GredisPubSub
 * @patterns: (array zero-terminated=1): glob-style patterns such as
 *   `news.*`, at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server confirmed the
 *   subscriptions
 * @user_data: data for @callback
 *
 * Subscribes to the channels matching @patterns (`PSUBSCRIBE`); their
 * messages are emitted as #GredisPubSub::message with the pattern that
 * matched. Like gredis_pubsub_subscribe_async(), the subscriptions are
 * kept across reconnections.
 */
/**
 * gredis_pubsub_psubscribe_finish:
 * @pubsub: a #GredisPubSub
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes gredis_pubsub_psubscribe_async().
 *
 * Returns: %TRUE once the subscriptions are in place
 */
/**
 * gredis_pubsub_psubscribe:
 * @pubsub: a #GredisPubSub
 * @patterns: (array zero-terminated=1): the patterns, at least one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pubsub_psubscribe_async().
 *
 * Returns: %TRUE once the subscriptions are in place
 */
DEFINE_OP (psubscribe, KIND_PATTERN, TRUE)

/**
 * gredis_pubsub_ssubscribe_async:
 * @pubsub: a #GredisPubSub
 * @channels: (array zero-terminated=1): the shard channels, at least one
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server confirmed the
 *   subscriptions
 * @user_data: data for @callback
 *
 * Subscribes to shard channels (`SSUBSCRIBE`, Redis 7), to which
 * `SPUBLISH` publishes; their messages are emitted as
 * #GredisPubSub::message with a %NULL pattern. The subscriptions are
 * kept across reconnections.
 *
 * On a cluster client (pool `cluster`), the channels may be in any
 * slots: each is subscribed to on the primary that serves its slot, and
 * again wherever the slot goes when it moves or its node fails over; the
 * operation completes once every channel is in place. A channel the
 * server refuses for good (an ACL rule) is forgotten and its error
 * returned. Through a client of one cluster node, the channels of one
 * call must share a slot, as the server requires.
 */
/**
 * gredis_pubsub_ssubscribe_finish:
 * @pubsub: a #GredisPubSub
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes gredis_pubsub_ssubscribe_async().
 *
 * Returns: %TRUE once the subscriptions are in place
 */
/**
 * gredis_pubsub_ssubscribe:
 * @pubsub: a #GredisPubSub
 * @channels: (array zero-terminated=1): the shard channels, at least one
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pubsub_ssubscribe_async().
 *
 * Returns: %TRUE once the subscriptions are in place
 */
DEFINE_OP (ssubscribe, KIND_SHARD, TRUE)

/**
 * gredis_pubsub_unsubscribe_async:
 * @pubsub: a #GredisPubSub
 * @channels: (array zero-terminated=1) (nullable): the channels, or
 *   %NULL or an empty array for every channel
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server confirmed
 * @user_data: data for @callback
 *
 * Unsubscribes from channels (`UNSUBSCRIBE`). They are forgotten at
 * once: they are not restored after a reconnection, even when this call
 * fails. Messages already on their way may still be emitted until the
 * call completes.
 */
/**
 * gredis_pubsub_unsubscribe_finish:
 * @pubsub: a #GredisPubSub
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes gredis_pubsub_unsubscribe_async().
 *
 * Returns: %TRUE once the server has confirmed
 */
/**
 * gredis_pubsub_unsubscribe:
 * @pubsub: a #GredisPubSub
 * @channels: (array zero-terminated=1) (nullable): the channels, or
 *   %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pubsub_unsubscribe_async().
 *
 * Returns: %TRUE once the server has confirmed
 */
DEFINE_OP (unsubscribe, KIND_CHANNEL, FALSE)

/**
 * gredis_pubsub_punsubscribe_async:
 * @pubsub: a #GredisPubSub
 * @patterns: (array zero-terminated=1) (nullable): the patterns, or
 *   %NULL or an empty array for every pattern
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server confirmed
 * @user_data: data for @callback
 *
 * Unsubscribes from patterns (`PUNSUBSCRIBE`), as
 * gredis_pubsub_unsubscribe_async() does from channels.
 */
/**
 * gredis_pubsub_punsubscribe_finish:
 * @pubsub: a #GredisPubSub
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes gredis_pubsub_punsubscribe_async().
 *
 * Returns: %TRUE once the server has confirmed
 */
/**
 * gredis_pubsub_punsubscribe:
 * @pubsub: a #GredisPubSub
 * @patterns: (array zero-terminated=1) (nullable): the patterns, or
 *   %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pubsub_punsubscribe_async().
 *
 * Returns: %TRUE once the server has confirmed
 */
DEFINE_OP (punsubscribe, KIND_PATTERN, FALSE)

/**
 * gredis_pubsub_sunsubscribe_async:
 * @pubsub: a #GredisPubSub
 * @channels: (array zero-terminated=1) (nullable): the shard channels,
 *   or %NULL or an empty array for every shard channel
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the server confirmed
 * @user_data: data for @callback
 *
 * Unsubscribes from shard channels (`SUNSUBSCRIBE`), as
 * gredis_pubsub_unsubscribe_async() does from channels.
 */
/**
 * gredis_pubsub_sunsubscribe_finish:
 * @pubsub: a #GredisPubSub
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Finishes gredis_pubsub_sunsubscribe_async().
 *
 * Returns: %TRUE once the server has confirmed
 */
/**
 * gredis_pubsub_sunsubscribe:
 * @pubsub: a #GredisPubSub
 * @channels: (array zero-terminated=1) (nullable): the shard channels,
 *   or %NULL for all
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_pubsub_sunsubscribe_async().
 *
 * Returns: %TRUE once the server has confirmed
 */
DEFINE_OP (sunsubscribe, KIND_SHARD, FALSE)

/* Object */

/**
 * gredis_pubsub_new:
 * @client: the #GredisClient whose configuration and server to use
 *
 * Makes a #GredisPubSub bound to the thread-default main context, where
 * its signals will be emitted. No connection is made until the first
 * subscription.
 *
 * Returns: (transfer full): a new #GredisPubSub
 */
GredisPubSub *
gredis_pubsub_new (GredisClient *client)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);

  return g_object_new (GREDIS_TYPE_PUBSUB, "client", client, NULL);
}

/**
 * gredis_pubsub_get_client:
 * @pubsub: a #GredisPubSub
 *
 * Gets the client the subscriber was made from.
 *
 * Returns: (transfer none): the client @pubsub was made from
 */
GredisClient *
gredis_pubsub_get_client (GredisPubSub *pubsub)
{
  g_return_val_if_fail (GREDIS_IS_PUBSUB (pubsub), NULL);

  return pubsub->client;
}

/**
 * gredis_pubsub_get_connected:
 * @pubsub: a #GredisPubSub
 *
 * Gets whether the subscriber is connected with its subscriptions in
 * place.
 *
 * Returns: %TRUE while @pubsub has a connection on which its
 *   subscriptions are in place
 */
gboolean
gredis_pubsub_get_connected (GredisPubSub *pubsub)
{
  g_return_val_if_fail (GREDIS_IS_PUBSUB (pubsub), FALSE);

  return pubsub->connected;
}

/**
 * gredis_pubsub_get_health_check_interval_s:
 * @pubsub: a #GredisPubSub
 *
 * Gets the interval of the `PING` health checks on an idle subscription
 * connection.
 *
 * Returns: the health check interval in seconds, 0 when there is none
 */
guint
gredis_pubsub_get_health_check_interval_s (GredisPubSub *pubsub)
{
  g_return_val_if_fail (GREDIS_IS_PUBSUB (pubsub), 0);

  return pubsub->health_check_interval_s;
}

/**
 * gredis_pubsub_set_health_check_interval_s:
 * @pubsub: a #GredisPubSub
 * @interval_s: seconds, or 0 for no health check
 *
 * Sets #GredisPubSub:health-check-interval-s.
 */
void
gredis_pubsub_set_health_check_interval_s (GredisPubSub *pubsub,
                                           guint         interval_s)
{
  g_return_if_fail (GREDIS_IS_PUBSUB (pubsub));

  if (pubsub->health_check_interval_s == interval_s)
    return;
  pubsub->health_check_interval_s = interval_s;
  arm_health_check (pubsub);
  g_object_notify_by_pspec (G_OBJECT (pubsub), properties[PROP_HEALTH_CHECK_INTERVAL_S]);
}

/**
 * gredis_pubsub_get_n_subscriptions:
 * @pubsub: a #GredisPubSub
 *
 * Counts the channels, patterns and shard channels @pubsub is subscribed
 * to, or will be once connected.
 *
 * Returns: the number of subscriptions
 */
guint
gredis_pubsub_get_n_subscriptions (GredisPubSub *pubsub)
{
  g_return_val_if_fail (GREDIS_IS_PUBSUB (pubsub), 0);

  return count_subscriptions (pubsub) +
         (pubsub->shards != NULL ? _gredis_pubsub_shards_count (pubsub->shards) : 0);
}

/**
 * gredis_pubsub_close:
 * @pubsub: a #GredisPubSub
 *
 * Closes the connection of @pubsub and stops reconnecting. Operations
 * still waiting fail with %GREDIS_ERROR_CLOSED, and so do later ones. It
 * must be called in the owner's context; disposing of @pubsub closes it.
 */
void
gredis_pubsub_close (GredisPubSub *pubsub)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (GREDIS_IS_PUBSUB (pubsub));

  if (pubsub->closed)
    return;
  pubsub->closed = TRUE;
  g_object_ref (pubsub);
  g_cancellable_cancel (pubsub->cancellable);
  if (pubsub->reconnect_source != NULL)
    {
      g_source_destroy (pubsub->reconnect_source);
      g_clear_pointer (&pubsub->reconnect_source, g_source_unref);
    }
  drop_connection (pubsub);
  if (pubsub->health_source != NULL)
    {
      g_source_destroy (pubsub->health_source);
      g_clear_pointer (&pubsub->health_source, g_source_unref);
    }
  error = closed_error ();
  complete_waiting (pubsub, error);
  if (pubsub->shards != NULL)
    _gredis_pubsub_shards_close (pubsub->shards, error);
  set_connected (pubsub, FALSE);
  g_object_unref (pubsub);
}

static void
gredis_pubsub_constructed (GObject *object)
{
  GredisPubSub *self = GREDIS_PUBSUB (object);

  G_OBJECT_CLASS (gredis_pubsub_parent_class)->constructed (object);

  g_assert (self->client != NULL);
  self->router = _gredis_router_ref (_gredis_client_get_router (self->client));
  self->health_check_interval_s =
    gredis_config_get_health_check_interval_s (gredis_client_get_config (self->client));

  self->health_source = g_source_new (&health_source_funcs, sizeof (GSource));
  g_source_set_callback (self->health_source, health_check, self, NULL);
  g_source_set_static_name (self->health_source, "[gredis] pub/sub health check");
  g_source_set_ready_time (self->health_source, -1);
  g_source_attach (self->health_source, self->context);
}

static void
gredis_pubsub_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GredisPubSub *self = GREDIS_PUBSUB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_CONNECTED:
      g_value_set_boolean (value, self->connected);
      break;
    case PROP_HEALTH_CHECK_INTERVAL_S:
      g_value_set_uint (value, self->health_check_interval_s);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_pubsub_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GredisPubSub *self = GREDIS_PUBSUB (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_HEALTH_CHECK_INTERVAL_S:
      gredis_pubsub_set_health_check_interval_s (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_pubsub_dispose (GObject *object)
{
  GredisPubSub *self = GREDIS_PUBSUB (object);

  if (self->client != NULL)
    gredis_pubsub_close (self);

  G_OBJECT_CLASS (gredis_pubsub_parent_class)->dispose (object);
}

static void
gredis_pubsub_finalize (GObject *object)
{
  GredisPubSub *self = GREDIS_PUBSUB (object);

  for (guint k = 0; k < N_KINDS; k++)
    g_hash_table_unref (self->subscriptions[k]);
  g_clear_pointer (&self->shards, _gredis_pubsub_shards_free);
  g_free (self->failed_node);
  g_clear_object (&self->backoff);
  g_clear_object (&self->cancellable);
  g_clear_pointer (&self->router, _gredis_router_unref);
  g_clear_object (&self->client);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (gredis_pubsub_parent_class)->finalize (object);
}

static void
gredis_pubsub_class_init (GredisPubSubClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gredis_pubsub_constructed;
  object_class->get_property = gredis_pubsub_get_property;
  object_class->set_property = gredis_pubsub_set_property;
  object_class->dispose = gredis_pubsub_dispose;
  object_class->finalize = gredis_pubsub_finalize;

  /**
   * GredisPubSub:client:
   *
   * The client whose configuration, server and connections are used.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GREDIS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisPubSub:connected:
   *
   * Whether there is a connection with every subscription in place. It
   * turns %FALSE when the connection is lost (or found dead by the health
   * check) and %TRUE again once the subscriptions are restored.
   */
  properties[PROP_CONNECTED] =
    g_param_spec_boolean ("connected", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisPubSub:health-check-interval-s:
   *
   * How long the server may stay silent, in seconds, before the
   * connection is taken for dead and replaced; a `PING` is sent after
   * half of it. 0 turns the health check off. The default is the
   * client's `health-check-interval-s`.
   */
  properties[PROP_HEALTH_CHECK_INTERVAL_S] =
    g_param_spec_uint ("health-check-interval-s", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  kind_quarks[KIND_CHANNEL] = g_quark_from_static_string ("channel");
  kind_quarks[KIND_PATTERN] = g_quark_from_static_string ("pattern");
  kind_quarks[KIND_SHARD] = g_quark_from_static_string ("shard");

  /**
   * GredisPubSub::message:
   * @pubsub: the #GredisPubSub
   * @channel: the channel the message was published to
   * @pattern: (nullable): the pattern that matched @channel, for
   *   subscriptions made with gredis_pubsub_psubscribe_async()
   * @payload: the message
   *
   * Emitted for each message, in the order the server sent them, in the
   * owner's main context.
   *
   * The signal is detailed by the kind of subscription the message came
   * through: `channel` for gredis_pubsub_subscribe_async() (a `message`
   * frame), `pattern` for gredis_pubsub_psubscribe_async() (`pmessage`)
   * and `shard` for gredis_pubsub_ssubscribe_async() (`smessage`). A
   * handler connected to plain `message` gets every message; one
   * connected to `message::shard` gets only the messages of shard
   * channels, which are the ones a handler otherwise cannot tell from
   * ordinary channel messages (a shard channel and an ordinary channel
   * may have the same name).
   *
   * |[<!-- language="C" -->
   * g_signal_connect (pubsub, "message::shard", G_CALLBACK (on_shard_message), self);
   * ]|
   */
  signals[SIGNAL_MESSAGE] =
    g_signal_new ("message", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 3,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_STRING | G_SIGNAL_TYPE_STATIC_SCOPE,
                  G_TYPE_BYTES);

  /**
   * GredisPubSub::messages-lost:
   * @pubsub: the #GredisPubSub
   *
   * Emitted when the subscriptions are restored on a new connection
   * after the previous one was lost. Redis does not keep messages for
   * absent subscribers: whatever was published between the loss and now
   * was missed, and an application that needs it must catch up by other
   * means (reading the state the messages announced, say).
   */
  signals[SIGNAL_MESSAGES_LOST] =
    g_signal_new ("messages-lost", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
}

static void
gredis_pubsub_init (GredisPubSub *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  for (guint k = 0; k < N_KINDS; k++)
    self->subscriptions[k] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_queue_init (&self->waiting);
}
