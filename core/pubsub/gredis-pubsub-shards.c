/* gredis-pubsub-shards.c: sharded subscriptions on a cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-pubsub-private.h"
#include "gredis-connection-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-log-private.h"

#include <string.h>

/* A shard channel goes through three states: unassigned (no node chosen
 * yet, or its node was lost), pending (given to the link of the node
 * that serves its slot; its SSUBSCRIBE sent once the link has a
 * connection) and subscribed (the PING that follows its SSUBSCRIBE was
 * answered, so the server took it). Each SSUBSCRIBE carries one channel
 * and is followed by its own PING: a refused one (MOVED …) is answered
 * with an error in the place of the PING's reply, and the PING's own
 * reply, which comes next, is skipped. A channel whose subscription is
 * lost while subscribed (the server dropped it, or the connection
 * failed) is marked dropped until it is subscribed again: then there
 * was a gap. */

typedef struct _Link Link;

typedef enum {
  CHANNEL_UNASSIGNED,
  CHANNEL_PENDING,
  CHANNEL_SUBSCRIBED,
} ChannelState;

typedef struct
{
  char *name;
  guint slot;
  ChannelState state;
  Link *link;                  /* while pending or subscribed */
  gboolean sent;               /* pending: its SSUBSCRIBE went out */
  gboolean confirmed;          /* pending: the server confirmed it */
  gboolean dropped;            /* lost while subscribed, not back yet */
} Channel;

/* The connection to one node, shared by the channels it serves. */
struct _Link
{
  GredisPubSubShards *shards;
  char *key;                   /* host:port */
  GSocketConnectable *address;
  GredisConnection *connection;   /* NULL while acquiring */
  gboolean acquiring;
  guint n_channels;            /* channels given to it */
  guint n_barriers;            /* PINGs waiting for their reply */
  gint64 last_life;            /* when the server last sent anything */
  gboolean ping_outstanding;   /* a health check PING */
};

/* A subscription waiting for its channels. */
typedef struct
{
  GTask *task;
  GHashTable *names;           /* channels not subscribed yet */
} Wait;

/* An unsubscription waiting for the servers' confirmations. */
typedef struct
{
  GTask *task;
  guint n_barriers;
} UnsubscribeWait;

struct _GredisPubSubShards
{
  GredisPubSub *pubsub;        /* the owner, which holds this */
  GredisRouter *router;
  GMainContext *context;
  GCancellable *cancellable;   /* the owner's; cancelled when it closes */

  GHashTable *channels;        /* name → Channel */
  GHashTable *links;           /* key → Link */
  GList *waits;                /* Wait */

  GredisBackoffPolicy *backoff;
  guint failures;
  GSource *assign_source;      /* the next assignment: idle or backoff */
  gboolean probing;            /* an acquisition to learn the slot map */
  guint n_dropped;
  GSource *health_source;      /* while there are links and a check interval */
  gulong interval_handler;
  GError *close_error;         /* once closed */
};

/* What a PING sent after an (un)subscription needs to judge its reply.
 * It holds the owner, and so the shards, alive. */
typedef struct
{
  GredisPubSub *pubsub;
  GredisPubSubShards *shards;
  char *name;                  /* subscription: the channel */
  UnsubscribeWait *unsubscribe;
} Barrier;

static void schedule_assign (GredisPubSubShards *self, guint failures);
static void link_lost (Link *link);
static void arm_health_check (GredisPubSubShards *self);

static void
channel_free (Channel *channel)
{
  g_free (channel->name);
  g_free (channel);
}

static void
link_free (Link *link)
{
  if (link->connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (link->connection, link);
      /* Its subscriber state is not for another caller. */
      _gredis_router_release_exclusive (link->shards->router, g_steal_pointer (&link->connection),
                                        FALSE);
    }
  g_object_unref (link->address);
  g_free (link->key);
  g_free (link);
}

static void
wait_free (Wait *wait)
{
  g_object_unref (wait->task);
  g_hash_table_unref (wait->names);
  g_free (wait);
}

static gboolean
is_closed (GredisPubSubShards *self)
{
  return self->close_error != NULL;
}

static Link *
find_link (GredisPubSubShards *self,
           GredisConnection   *connection)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Link *) value)->connection == connection)
      return value;
  return NULL;
}

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
send_barrier (Link                *link,
              GredisReplyCallback  callback,
              Barrier             *barrier)
{
  static const char * const ping[] = { "PING" };

  barrier->pubsub = g_object_ref (link->shards->pubsub);
  barrier->shards = link->shards;
  link->n_barriers++;
  gredis_connection_send_command_full (link->connection, 1, ping, NULL, callback, barrier);
}

static void
barrier_free (Barrier *barrier)
{
  GredisPubSub *pubsub = barrier->pubsub;

  g_free (barrier->name);
  g_free (barrier);
  g_object_unref (pubsub);
}

/* Waits */

/* Fails the waits for any of @names (all of them when NULL) with
 * @error. */
static void
fail_waits (GredisPubSubShards *self,
            GPtrArray          *names,
            const GError       *error)
{
  GList *l = self->waits;

  while (l != NULL)
    {
      GList *next = l->next;
      Wait *wait = l->data;
      gboolean hit = names == NULL;

      for (guint i = 0; names != NULL && i < names->len && !hit; i++)
        hit = g_hash_table_contains (wait->names, g_ptr_array_index (names, i));
      if (hit)
        {
          self->waits = g_list_delete_link (self->waits, l);
          _gredis_pubsub_op_return (wait->task, g_error_copy (error));
          wait_free (wait);
        }
      l = next;
    }
}

/* @name is subscribed to, or no longer wanted. */
static void
resolve_waits (GredisPubSubShards *self,
               const char         *name)
{
  GList *l = self->waits;

  while (l != NULL)
    {
      GList *next = l->next;
      Wait *wait = l->data;

      if (g_hash_table_remove (wait->names, name) && g_hash_table_size (wait->names) == 0)
        {
          self->waits = g_list_delete_link (self->waits, l);
          _gredis_pubsub_op_return (wait->task, NULL);
          wait_free (wait);
        }
      l = next;
    }
}

/* Channel states */

static void
unassign (Channel *channel)
{
  if (channel->link != NULL)
    channel->link->n_channels--;
  channel->link = NULL;
  channel->state = CHANNEL_UNASSIGNED;
  channel->sent = FALSE;
  channel->confirmed = FALSE;
}

/* Its subscription is gone without being asked to: a gap. */
static void
drop (GredisPubSubShards *self,
      Channel            *channel)
{
  if (channel->state == CHANNEL_SUBSCRIBED && !channel->dropped)
    {
      channel->dropped = TRUE;
      self->n_dropped++;
    }
  unassign (channel);
}

static void
forget (GredisPubSubShards *self,
        Channel            *channel)
{
  if (channel->dropped)
    self->n_dropped--;
  unassign (channel);
  g_hash_table_remove (self->channels, channel->name);
}

static void
subscribed (GredisPubSubShards *self,
            Channel            *channel)
{
  g_autoptr(GredisPubSub) pubsub = g_object_ref (self->pubsub);
  g_autofree char *name = g_strdup (channel->name);
  gboolean restored = FALSE;

  channel->state = CHANNEL_SUBSCRIBED;
  self->failures = 0;
  if (self->backoff != NULL)
    gredis_backoff_policy_reset (self->backoff);
  if (channel->dropped)
    {
      channel->dropped = FALSE;
      restored = --self->n_dropped == 0;
    }

  resolve_waits (self, name);
  _gredis_pubsub_update_connected (pubsub);
  if (restored && !is_closed (self))
    {
      GREDIS_DEBUG ("pubsub", "Shard subscriptions restored");
      _gredis_pubsub_emit_lost (pubsub);
    }
}

/* Links */

static void
link_maybe_release (Link *link)
{
  if (link->n_channels == 0 && link->n_barriers == 0 && !link->acquiring)
    g_hash_table_remove (link->shards->links, link->key);
}

static void
subscribe_done (GredisConnection *connection,
                GredisReply      *reply,
                const GError     *error,
                gpointer          user_data)
{
  Barrier *barrier = user_data;
  GredisPubSubShards *self = barrier->shards;
  Link *link = find_link (self, connection);
  Channel *channel;

  if (link != NULL)
    {
      link->n_barriers--;
      link->last_life = g_get_monotonic_time ();
    }
  /* A failed connection: link_lost() took its channels back. */
  if (error != NULL || is_closed (self))
    goto out;

  channel = g_hash_table_lookup (self->channels, barrier->name);
  if (gredis_reply_is_error (reply))
    {
      g_autoptr(GError) refusal = gredis_reply_to_error (reply);

      /* The error came in the place of the PING's reply. */
      _gredis_connection_skip_reply (connection);
      if (channel == NULL || link == NULL || channel->link != link ||
          channel->state != CHANNEL_PENDING)
        goto out;
      GREDIS_DEBUG ("pubsub", "SSUBSCRIBE %s refused by %s: %s", channel->name, link->key, refusal->message);

      if (_gredis_router_follow_moved (self->router, refusal) ||
          g_error_matches (refusal, GREDIS_ERROR, GREDIS_ERROR_ASK) ||
          g_error_matches (refusal, GREDIS_ERROR, GREDIS_ERROR_TRYAGAIN) ||
          g_error_matches (refusal, GREDIS_ERROR, GREDIS_ERROR_CLUSTERDOWN) ||
          g_error_matches (refusal, GREDIS_ERROR, GREDIS_ERROR_LOADING))
        {
          /* To the node the patched map names; a second redirect in a
           * row (a slot on the move) waits for the backoff delay. */
          unassign (channel);
          schedule_assign (self, ++self->failures);
        }
      else
        {
          /* Refused for good (an ACL): forgotten, and the caller told. */
          g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

          g_ptr_array_add (names, g_strdup (channel->name));
          forget (self, channel);
          fail_waits (self, names, refusal);
          _gredis_pubsub_update_connected (self->pubsub);
        }
    }
  else if (channel != NULL && link != NULL && channel->link == link &&
           channel->state == CHANNEL_PENDING)
    subscribed (self, channel);

out:
  if (link != NULL && !is_closed (self))
    link_maybe_release (link);
  barrier_free (barrier);
}

static void
send_subscribe (Link    *link,
                Channel *channel)
{
  const char *name = channel->name;
  Barrier *barrier = g_new0 (Barrier, 1);

  channel->sent = TRUE;
  send_names (link->connection, "SSUBSCRIBE", &name, 1);
  barrier->name = g_strdup (name);
  send_barrier (link, subscribe_done, barrier);
}

static void
link_on_push (GredisConnection *connection,
              GredisReply      *reply,
              gpointer          user_data)
{
  Link *link = user_data;
  GredisPubSubShards *self = link->shards;
  const char *type;
  gsize length;

  link->last_life = g_get_monotonic_time ();
  if (gredis_reply_get_n_elements (reply) >= 3 &&
      (type = gredis_reply_get_string (gredis_reply_get_element (reply, 0), &length)) != NULL &&
      length == 10 && memcmp (type, "ssubscribe", 10) == 0)
    {
      const char *name = gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL);
      Channel *channel = name != NULL ? g_hash_table_lookup (self->channels, name) : NULL;

      /* Taken, before the PING after it is answered. */
      if (channel != NULL && channel->link == link && channel->state == CHANNEL_PENDING &&
          channel->sent)
        channel->confirmed = TRUE;
      return;
    }
  if (gredis_reply_get_n_elements (reply) >= 3 &&
      (type = gredis_reply_get_string (gredis_reply_get_element (reply, 0), &length)) != NULL &&
      length == 12 && memcmp (type, "sunsubscribe", 12) == 0)
    {
      const char *name = gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL);
      Channel *channel = name != NULL ? g_hash_table_lookup (self->channels, name) : NULL;

      /* One the caller unsubscribed from is no longer in the table (or,
       * subscribed to again since, is pending, not yet confirmed); a
       * confirmed one was dropped by the server: its slot went to
       * another node, or this node became a replica. A channel dropped
       * before its subscription completed is not a gap for the caller,
       * who is still waiting for it. */
      if (channel != NULL && channel->link == link &&
          (channel->state == CHANNEL_SUBSCRIBED || channel->confirmed))
        {
          GREDIS_DEBUG ("pubsub", "Shard channel %s dropped by %s; subscribing again", name, link->key);
          /* A slot move sends MOVED to the next SSUBSCRIBE, a failover
           * may not: the map is fetched again either way. */
          _gredis_router_request_refresh (self->router);
          drop (self, channel);
          _gredis_pubsub_update_connected (self->pubsub);
          schedule_assign (self, 0);
          link_maybe_release (link);
        }
      return;
    }
  _gredis_pubsub_dispatch_frame (self->pubsub, reply);
}

static void
link_on_state (GredisConnection *connection,
               GParamSpec       *pspec,
               gpointer          user_data)
{
  Link *link = user_data;

  if (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_CLOSED)
    link_lost (link);
}

/* The channels of @link go back to unassigned; with @error, their waits
 * fail with it. */
static void
link_give_back (Link         *link,
                const GError *error)
{
  GredisPubSubShards *self = link->shards;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Channel *channel = value;

      if (channel->link != link)
        continue;
      g_ptr_array_add (names, g_strdup (channel->name));
      drop (self, channel);
    }
  if (error != NULL)
    fail_waits (self, names, error);
}

static void
link_lost (Link *link)
{
  GredisPubSubShards *self = link->shards;
  g_autoptr(GredisPubSub) pubsub = g_object_ref (self->pubsub);

  GREDIS_DEBUG ("pubsub", "Shard link to %s lost", link->key);
  _gredis_router_request_refresh (self->router);
  link_give_back (link, NULL);
  link->acquiring = FALSE;
  g_hash_table_remove (self->links, link->key);
  _gredis_pubsub_update_connected (pubsub);
  schedule_assign (self, ++self->failures);
}

/* An acquisition holds the owner, and so the shards, alive. Links are
 * freed while acquiring only when the shards close. */
typedef struct
{
  GredisPubSub *pubsub;
  GredisPubSubShards *shards;
  Link *link;                  /* NULL for a probe of the map */
} Acquisition;

static Acquisition *
acquisition_new (GredisPubSubShards *self,
                 Link               *link)
{
  Acquisition *acquisition = g_new (Acquisition, 1);

  acquisition->pubsub = g_object_ref (self->pubsub);
  acquisition->shards = self;
  acquisition->link = link;
  return acquisition;
}

static void
link_acquired (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Acquisition *acquisition = user_data;
  g_autoptr(GredisPubSub) pubsub = acquisition->pubsub;
  GredisPubSubShards *self = acquisition->shards;
  Link *link = acquisition->link;
  g_autoptr(GError) error = NULL;
  GredisConnection *connection;
  GHashTableIter iter;
  gpointer value;

  g_free (acquisition);
  connection = _gredis_router_acquire_exclusive_finish (self->router, result, &error);
  if (is_closed (self))
    {
      if (connection != NULL)
        _gredis_router_release_exclusive (self->router, connection, FALSE);
      return;
    }
  link->acquiring = FALSE;

  if (connection == NULL)
    {
      GREDIS_DEBUG ("pubsub", "Shard link to %s failed: %s", link->key, error->message);
      /* The callers learn of it; the subscriptions stay, and are made
       * again after the backoff delay, unless another attempt cannot
       * mend it: then the next operation tries once more. */
      link_give_back (link, error);
      g_hash_table_remove (self->links, link->key);
      _gredis_pubsub_update_connected (pubsub);
      self->failures++;
      if (!gredis_retry_is_permanent_error (error))
        schedule_assign (self, self->failures);
      return;
    }

  link->connection = connection;
  link->last_life = g_get_monotonic_time ();
  _gredis_connection_set_subscriber (connection, TRUE);
  g_signal_connect (connection, "push", G_CALLBACK (link_on_push), link);
  g_signal_connect (connection, "notify::state", G_CALLBACK (link_on_state), link);
  if (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_CLOSED)
    {
      link_lost (link);
      return;
    }

  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Channel *channel = value;

      if (channel->link == link && !channel->sent)
        send_subscribe (link, channel);
    }
  arm_health_check (self);
  link_maybe_release (link);
}

static Link *
link_get (GredisPubSubShards *self,
          const char         *host,
          guint16             port)
{
  g_autofree char *key = g_strdup_printf (strchr (host, ':') != NULL ? "[%s]:%u" : "%s:%u", host, port);
  Link *link = g_hash_table_lookup (self->links, key);

  if (link != NULL)
    return link;

  link = g_new0 (Link, 1);
  link->shards = self;
  link->key = g_steal_pointer (&key);
  link->address = g_network_address_new (host, port);
  link->acquiring = TRUE;
  g_hash_table_insert (self->links, link->key, link);

  g_main_context_push_thread_default (self->context);
  _gredis_router_acquire_exclusive_at_async (self->router, GREDIS_POOL_NO_SLOT, link->address,
                                             self->cancellable, link_acquired,
                                             acquisition_new (self, link));
  g_main_context_pop_thread_default (self->context);
  return link;
}

/* The health check: with GredisPubSub:health-check-interval-s set, a
 * link whose server was silent for half the interval gets a PING, and
 * one silent for the whole interval is closed, and so replaced. */

static void
health_ping_done (GredisConnection *connection,
                  GredisReply      *reply,
                  const GError     *error,
                  gpointer          user_data)
{
  Barrier *barrier = user_data;
  Link *link = find_link (barrier->shards, connection);

  if (link != NULL)
    {
      link->n_barriers--;
      link->ping_outstanding = FALSE;
      if (error == NULL)
        link->last_life = g_get_monotonic_time ();
      if (!is_closed (barrier->shards))
        link_maybe_release (link);
    }
  barrier_free (barrier);
}

static gint64
health_interval_us (GredisPubSubShards *self)
{
  return (gint64) gredis_pubsub_get_health_check_interval_s (self->pubsub) * G_USEC_PER_SEC;
}

static gboolean
health_check (gpointer user_data)
{
  GredisPubSubShards *self = user_data;
  gint64 interval = health_interval_us (self);
  gint64 now = g_get_monotonic_time ();
  g_autoptr(GPtrArray) silent = g_ptr_array_new_with_free_func (g_object_unref);
  GHashTableIter iter;
  gpointer value;

  if (interval == 0 || g_hash_table_size (self->links) == 0)
    {
      g_clear_pointer (&self->health_source, g_source_unref);
      return G_SOURCE_REMOVE;
    }
  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      Link *link = value;

      if (link->connection == NULL)
        continue;
      if (now - link->last_life >= interval)
        g_ptr_array_add (silent, g_object_ref (link->connection));
      else if (now - link->last_life >= interval / 2 && !link->ping_outstanding)
        {
          link->ping_outstanding = TRUE;
          send_barrier (link, health_ping_done, g_new0 (Barrier, 1));
        }
    }
  /* Closed outside the walk: the state handler replaces the link. */
  for (guint i = 0; i < silent->len; i++)
    {
      GREDIS_DEBUG ("pubsub", "Shard link silent for %" G_GINT64_FORMAT " s; closing it", interval / G_USEC_PER_SEC);
      gredis_connection_close (g_ptr_array_index (silent, i));
    }
  return G_SOURCE_CONTINUE;
}

/* Runs the check every quarter of the interval while there are links. */
static void
arm_health_check (GredisPubSubShards *self)
{
  gint64 interval = health_interval_us (self);

  if (self->health_source != NULL)
    {
      g_source_destroy (self->health_source);
      g_clear_pointer (&self->health_source, g_source_unref);
    }
  if (interval == 0 || is_closed (self) || g_hash_table_size (self->links) == 0)
    return;
  self->health_source = g_timeout_source_new ((guint) MAX (interval / 4 / 1000, 1));
  g_source_set_callback (self->health_source, health_check, self, NULL);
  g_source_set_static_name (self->health_source, "[gredis] shard links health check");
  g_source_attach (self->health_source, self->context);
}

static void
on_interval_changed (GObject    *object,
                     GParamSpec *pspec,
                     gpointer    user_data)
{
  arm_health_check (user_data);
}

/* Assignment */

static void
probe_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Acquisition *acquisition = user_data;
  g_autoptr(GredisPubSub) pubsub = acquisition->pubsub;
  GredisPubSubShards *self = acquisition->shards;
  g_autoptr(GError) error = NULL;
  GredisConnection *connection;

  g_free (acquisition);
  connection = _gredis_router_acquire_exclusive_finish (self->router, result, &error);
  if (is_closed (self))
    {
      if (connection != NULL)
        _gredis_router_release_exclusive (self->router, connection, FALSE);
      return;
    }
  self->probing = FALSE;
  if (connection != NULL)
    {
      /* The map is known now; the connection goes back, idle, for the
       * link that will ask for it. */
      _gredis_router_release_exclusive (self->router, connection, TRUE);
      schedule_assign (self, 0);
      return;
    }
  GREDIS_DEBUG ("pubsub", "Shard subscriptions could not learn the slot map: %s", error->message);
  fail_waits (self, NULL, error);
  self->failures++;
  if (!gredis_retry_is_permanent_error (error))
    schedule_assign (self, self->failures);
}

/* An acquisition for @slot makes the pool fetch its slot map. */
static void
probe_map (GredisPubSubShards *self,
           guint               slot)
{
  if (self->probing)
    return;
  self->probing = TRUE;
  g_main_context_push_thread_default (self->context);
  _gredis_router_acquire_exclusive_at_async (self->router, (gint) slot, NULL, self->cancellable,
                                             probe_done, acquisition_new (self, NULL));
  g_main_context_pop_thread_default (self->context);
}

static gboolean
assign (gpointer user_data)
{
  GredisPubSubShards *self = user_data;
  g_autoptr(GPtrArray) unassigned = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;

  g_clear_pointer (&self->assign_source, g_source_unref);
  if (is_closed (self))
    return G_SOURCE_REMOVE;

  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Channel *) value)->state == CHANNEL_UNASSIGNED)
      g_ptr_array_add (unassigned, value);

  for (guint i = 0; i < unassigned->len; i++)
    {
      Channel *channel = g_ptr_array_index (unassigned, i);
      g_autofree char *host = NULL;
      guint16 port = 0;
      Link *link;

      if (!_gredis_router_lookup_slot (self->router, channel->slot, &host, &port))
        {
          /* The map is not known yet, or no node serves the slot: the
           * pool answers an acquisition for it either way. */
          probe_map (self, channel->slot);
          break;
        }
      link = link_get (self, host, port);
      channel->link = link;
      channel->state = CHANNEL_PENDING;
      channel->sent = FALSE;
      link->n_channels++;
      if (link->connection != NULL)
        send_subscribe (link, channel);
    }
  return G_SOURCE_REMOVE;
}

/* Assigns the unassigned channels at once when @failures is 0, otherwise
 * after the backoff delay for that many failures; an assignment already
 * scheduled stands. */
static void
schedule_assign (GredisPubSubShards *self,
                 guint               failures)
{
  guint64 delay_us = 0;

  if (is_closed (self) || self->assign_source != NULL)
    return;
  if (failures > 0)
    {
      if (self->backoff == NULL)
        self->backoff = _gredis_retry_make_backoff (_gredis_router_get_config (self->router));
      delay_us = gredis_backoff_policy_compute (self->backoff, failures);
    }
  if (delay_us == 0)
    self->assign_source = g_idle_source_new ();
  else
    self->assign_source = g_timeout_source_new ((guint) MIN (delay_us / 1000, G_MAXUINT));
  g_source_set_callback (self->assign_source, assign, self, NULL);
  g_source_set_static_name (self->assign_source, "[gredis] shard subscriptions");
  g_source_attach (self->assign_source, self->context);
}

/* Operations */

void
_gredis_pubsub_shards_subscribe (GredisPubSubShards *self,
                                 const char * const *names,
                                 GTask              *task)
{
  Wait *wait = g_new0 (Wait, 1);
  gboolean unassigned = FALSE;

  wait->task = g_object_ref (task);
  wait->names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  for (guint i = 0; names[i] != NULL; i++)
    {
      Channel *channel = g_hash_table_lookup (self->channels, names[i]);

      if (channel == NULL)
        {
          channel = g_new0 (Channel, 1);
          channel->name = g_strdup (names[i]);
          channel->slot = gredis_key_slot ((const guint8 *) names[i], strlen (names[i]));
          g_hash_table_insert (self->channels, channel->name, channel);
        }
      if (channel->state != CHANNEL_SUBSCRIBED)
        g_hash_table_add (wait->names, g_strdup (names[i]));
      unassigned |= channel->state == CHANNEL_UNASSIGNED;
    }

  if (g_hash_table_size (wait->names) == 0)
    {
      _gredis_pubsub_op_return (task, NULL);
      wait_free (wait);
      return;
    }
  self->waits = g_list_append (self->waits, wait);
  _gredis_pubsub_update_connected (self->pubsub);
  if (unassigned)
    schedule_assign (self, 0);
}

static void
unsubscribe_done (GredisConnection *connection,
                  GredisReply      *reply,
                  const GError     *error,
                  gpointer          user_data)
{
  Barrier *barrier = user_data;
  GredisPubSubShards *self = barrier->shards;
  UnsubscribeWait *wait = barrier->unsubscribe;
  Link *link = find_link (self, connection);

  if (link != NULL)
    link->n_barriers--;
  if (error == NULL && gredis_reply_is_error (reply))
    {
      /* Not subscribed there any more (its slot moved, say): nothing
       * to undo. */
      _gredis_connection_skip_reply (connection);
    }
  if (--wait->n_barriers == 0)
    {
      _gredis_pubsub_op_return (wait->task, is_closed (self) ? g_error_copy (self->close_error) : NULL);
      g_object_unref (wait->task);
      g_free (wait);
    }
  if (link != NULL && !is_closed (self))
    link_maybe_release (link);
  barrier_free (barrier);
}

static void
send_unsubscribe (Link            *link,
                  const char      *name,
                  UnsubscribeWait *wait)
{
  Barrier *barrier = g_new0 (Barrier, 1);

  send_names (link->connection, "SUNSUBSCRIBE", &name, name != NULL ? 1 : 0);
  barrier->unsubscribe = wait;
  wait->n_barriers++;
  send_barrier (link, unsubscribe_done, barrier);
}

void
_gredis_pubsub_shards_unsubscribe (GredisPubSubShards *self,
                                   const char * const *names,
                                   GTask              *task)
{
  UnsubscribeWait *wait = g_new0 (UnsubscribeWait, 1);
  g_autoptr(GPtrArray) gone = g_ptr_array_new_with_free_func (g_free);
  gboolean all = names == NULL || names[0] == NULL;
  GHashTableIter iter;
  gpointer value;

  wait->task = g_object_ref (task);
  /* The confirmations count from here: a PING answered at once must not
   * complete the task before the others are sent. */
  wait->n_barriers = 1;

  if (all)
    {
      g_hash_table_iter_init (&iter, self->links);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        if (((Link *) value)->connection != NULL)
          send_unsubscribe (value, NULL, wait);
      g_hash_table_iter_init (&iter, self->channels);
      while (g_hash_table_iter_next (&iter, NULL, &value))
        g_ptr_array_add (gone, g_strdup (((Channel *) value)->name));
    }
  else
    for (guint i = 0; names[i] != NULL; i++)
      {
        Channel *channel = g_hash_table_lookup (self->channels, names[i]);

        if (channel == NULL)
          continue;
        if (channel->link != NULL && channel->link->connection != NULL && channel->sent)
          send_unsubscribe (channel->link, channel->name, wait);
        g_ptr_array_add (gone, g_strdup (names[i]));
      }

  for (guint i = 0; i < gone->len; i++)
    {
      Channel *channel = g_hash_table_lookup (self->channels, g_ptr_array_index (gone, i));

      if (channel != NULL)
        {
          Link *link = channel->link;

          forget (self, channel);
          if (link != NULL)
            link_maybe_release (link);
        }
      /* A subscription that waited for it has nothing more to wait
       * for. */
      resolve_waits (self, g_ptr_array_index (gone, i));
    }
  _gredis_pubsub_update_connected (self->pubsub);

  if (--wait->n_barriers == 0)
    {
      _gredis_pubsub_op_return (wait->task, NULL);
      g_object_unref (wait->task);
      g_free (wait);
    }
}

guint
_gredis_pubsub_shards_count (GredisPubSubShards *self)
{
  return g_hash_table_size (self->channels);
}

gboolean
_gredis_pubsub_shards_in_place (GredisPubSubShards *self)
{
  GHashTableIter iter;
  gpointer value;

  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (((Channel *) value)->state != CHANNEL_SUBSCRIBED)
      return FALSE;
  return TRUE;
}

void
_gredis_pubsub_shards_close (GredisPubSubShards *self,
                             const GError       *error)
{
  GPtrArray *links;
  GHashTableIter iter;
  gpointer value;

  if (is_closed (self))
    return;
  self->close_error = g_error_copy (error);
  g_clear_signal_handler (&self->interval_handler, self->pubsub);
  if (self->assign_source != NULL)
    {
      g_source_destroy (self->assign_source);
      g_clear_pointer (&self->assign_source, g_source_unref);
    }
  if (self->health_source != NULL)
    {
      g_source_destroy (self->health_source);
      g_clear_pointer (&self->health_source, g_source_unref);
    }
  g_hash_table_iter_init (&iter, self->channels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    unassign (value);
  /* Out of the table first: closing the connections completes their
   * PINGs, with the error, and those look the table up. */
  links = g_ptr_array_new_with_free_func ((GDestroyNotify) link_free);
  g_hash_table_iter_init (&iter, self->links);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      g_ptr_array_add (links, value);
      g_hash_table_iter_steal (&iter);
    }
  g_ptr_array_unref (links);
  fail_waits (self, NULL, error);
}

GredisPubSubShards *
_gredis_pubsub_shards_new (GredisPubSub *pubsub,
                           GredisRouter *router,
                           GMainContext *context,
                           GCancellable *cancellable)
{
  GredisPubSubShards *self = g_new0 (GredisPubSubShards, 1);

  self->pubsub = pubsub;
  self->router = _gredis_router_ref (router);
  self->context = g_main_context_ref (context);
  self->cancellable = g_object_ref (cancellable);
  self->channels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) channel_free);
  self->links = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) link_free);
  self->interval_handler = g_signal_connect (pubsub, "notify::health-check-interval-s",
                                             G_CALLBACK (on_interval_changed), self);
  return self;
}

void
_gredis_pubsub_shards_free (GredisPubSubShards *self)
{
  g_assert (self->waits == NULL);
  g_assert (self->health_source == NULL);
  g_hash_table_unref (self->links);
  g_hash_table_unref (self->channels);
  g_clear_object (&self->backoff);
  g_clear_error (&self->close_error);
  g_object_unref (self->cancellable);
  g_main_context_unref (self->context);
  _gredis_router_unref (self->router);
  g_free (self);
}
