/* test-cluster-pubsub.c: GredisPubSub on a real local cluster (3
 * primaries, 3 replicas): channels on one node, shard channels on the
 * primary of their slot, kept through a slot move, killed connections
 * and a failover
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-test-cluster.h"

/* Every wait is bounded by this; none is a timing assertion. */
#define WAIT_LIMIT_S 30

static GredisTestCluster *cluster;

typedef struct
{
  guint protocol;
  GredisClient *client;
  GredisPubSub *pubsub;
  GPtrArray *messages;         /* "kind channel payload" */
  guint n_lost;
} Fixture;

static void
on_message (GredisPubSub *pubsub,
            const char   *channel,
            const char   *pattern,
            GBytes       *payload,
            gpointer      user_data)
{
  GPtrArray *messages = user_data;
  const char *kind = g_object_get_data (G_OBJECT (pubsub), "kind");
  gsize length;
  const char *data = g_bytes_get_data (payload, &length);

  g_ptr_array_add (messages, g_strdup_printf ("%s %s %.*s", kind, channel, (int) length, data));
}

#define DEFINE_KIND_HANDLER(name)                                         \
static void                                                               \
on_##name (GredisPubSub *pubsub, const char *channel, const char *pattern, \
           GBytes *payload, gpointer user_data)                           \
{                                                                         \
  g_object_set_data (G_OBJECT (pubsub), "kind", (gpointer) #name);        \
  on_message (pubsub, channel, pattern, payload, user_data);              \
}

DEFINE_KIND_HANDLER (channel)
DEFINE_KIND_HANDLER (pattern)
DEFINE_KIND_HANDLER (shard)

static void
on_messages_lost (GredisPubSub *pubsub,
                  gpointer      user_data)
{
  Fixture *f = user_data;

  f->n_lost++;
}

static GredisClient *
cluster_client_new (guint protocol)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u,127.0.0.1:%u",
                                          gredis_test_cluster_get_port (cluster, 0),
                                          gredis_test_cluster_get_port (cluster, 1));
  g_autoptr(GredisConfig) config = gredis_config_new_for_uri (uri, &error);

  g_assert_no_error (error);
  gredis_config_set_protocol (config, protocol);
  return gredis_client_new (config);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  f->protocol = GPOINTER_TO_UINT (data);
  f->client = cluster_client_new (f->protocol);
  f->pubsub = gredis_pubsub_new (f->client);
  f->messages = g_ptr_array_new_with_free_func (g_free);
  g_signal_connect (f->pubsub, "message::channel", G_CALLBACK (on_channel), f->messages);
  g_signal_connect (f->pubsub, "message::pattern", G_CALLBACK (on_pattern), f->messages);
  g_signal_connect (f->pubsub, "message::shard", G_CALLBACK (on_shard), f->messages);
  g_signal_connect (f->pubsub, "messages-lost", G_CALLBACK (on_messages_lost), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  gredis_pubsub_close (f->pubsub);
  g_clear_object (&f->pubsub);
  g_clear_object (&f->client);
  g_ptr_array_unref (f->messages);
}

/* Waiting */

static gboolean
on_limit (gpointer user_data)
{
  gboolean *expired = user_data;

  *expired = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (Fixture *f, gconstpointer data);

/* Runs the main context until @condition holds, at most WAIT_LIMIT_S. */
static void
wait_until (Fixture       *f,
            Condition      condition,
            gconstpointer  data,
            const char    *what)
{
  gboolean expired = FALSE;
  GSource *limit = g_timeout_source_new_seconds (WAIT_LIMIT_S);

  g_source_set_callback (limit, on_limit, &expired, NULL);
  g_source_attach (limit, NULL);
  while (!condition (f, data) && !expired)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (limit);
  g_source_unref (limit);
  if (!condition (f, data))
    g_error ("Gave up waiting for %s after %d s", what, WAIT_LIMIT_S);
}

static gboolean
has_message (Fixture       *f,
             gconstpointer  data)
{
  for (guint i = 0; i < f->messages->len; i++)
    if (g_str_equal (g_ptr_array_index (f->messages, i), data))
      return TRUE;
  return FALSE;
}

static gboolean
is_lost_and_connected (Fixture       *f,
                       gconstpointer  data)
{
  return f->n_lost > GPOINTER_TO_UINT (data) && gredis_pubsub_get_connected (f->pubsub);
}

static void
wait_message (Fixture    *f,
              const char *message)
{
  wait_until (f, has_message, message, message);
}

static void
wait_shard (Fixture    *f,
            const char *channel,
            const char *payload)
{
  g_autofree char *message = g_strdup_printf ("shard %s %s", channel, payload);

  wait_message (f, message);
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static gboolean
has_result (Fixture       *f,
            gconstpointer  data)
{
  return *(GAsyncResult * const *) data != NULL;
}

/* The cluster */

static char *
cli_ok (guint node,
        ...)
{
  g_autoptr(GError) error = NULL;
  const char *args[8] = { NULL, };
  guint n = 0;
  const char *arg;
  va_list ap;
  char *answer;

  va_start (ap, node);
  while ((arg = va_arg (ap, const char *)) != NULL)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (args) - 1);
      args[n++] = arg;
    }
  va_end (ap);
  answer = gredis_test_cluster_cli (cluster, node, &error, args[0], args[1], args[2], args[3],
                                    args[4], args[5], args[6], NULL);
  g_assert_no_error (error);
  return answer;
}

/* The slots @node serves, by its own word (the "myself" line of its
 * CLUSTER NODES): a bitmap of 16384 booleans. */
static gboolean *
node_slots (guint node)
{
  g_autofree char *nodes = cli_ok (node, "CLUSTER", "NODES", NULL);
  g_auto(GStrv) lines = g_strsplit (nodes, "\n", -1);
  gboolean *slots = g_new0 (gboolean, 16384);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (fields) < 8 || strstr (fields[2], "myself") == NULL ||
          strstr (fields[2], "master") == NULL)
        continue;
      for (guint j = 8; fields[j] != NULL; j++)
        {
          guint64 first, last;
          char *end;

          if (fields[j][0] == '[')
            continue;
          first = g_ascii_strtoull (fields[j], &end, 10);
          last = *end == '-' ? g_ascii_strtoull (end + 1, NULL, 10) : first;
          for (guint64 slot = first; slot <= last && slot < 16384; slot++)
            slots[slot] = TRUE;
        }
    }
  return slots;
}

static gboolean
node_serves (guint node,
             guint slot)
{
  g_autofree gboolean *slots = node_slots (node);

  return slots[slot];
}

/* The primary that serves @slot. */
static guint
owner_of (guint slot)
{
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (node_serves (node, slot))
      return node;
  g_assert_not_reached ();
}

/* A shard channel "{nameN}@name" in the third @third of the slots (each
 * third is a shard when the fixture starts). */
static char *
channel_in (const char *name,
            guint       third)
{
  for (guint i = 0; ; i++)
    {
      g_autofree char *channel = g_strdup_printf ("{%s%u}@%s", name, i, name);
      guint slot = gredis_key_slot ((const guint8 *) channel, strlen (channel));

      if (slot * 3 / 16384 == third)
        return g_steal_pointer (&channel);
    }
}

static guint
channel_slot (const char *channel)
{
  return gredis_key_slot ((const guint8 *) channel, strlen (channel));
}

/* How many subscribers @node counts for the shard channel. */
static guint64
shard_subscribers (guint       node,
                   const char *channel)
{
  g_autofree char *answer = cli_ok (node, "PUBSUB", "SHARDNUMSUB", channel, NULL);
  g_auto(GStrv) lines = g_strsplit (answer, "\n", -1);

  g_assert_cmpuint (g_strv_length (lines), >=, 2);
  return g_ascii_strtoull (lines[1], NULL, 10);
}

/* The ids of @node's pub/sub clients, as CLIENT LIST gives them. */
static char *
pubsub_client_ids (guint node)
{
  g_autofree char *list = cli_ok (node, "CLIENT", "LIST", "TYPE", "pubsub", NULL);
  g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
  GString *ids = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "id="))
      g_string_append_printf (ids, "%.*s;", (int) strcspn (lines[i], " "), lines[i]);
  return g_string_free (ids, FALSE);
}

/* SPUBLISH through a client of its own; the number of receivers. */
static gint64
spublish (guint        protocol,
          const char  *channel,
          const char  *payload)
{
  g_autoptr(GredisClient) publisher = cluster_client_new (protocol);
  const char *argv[] = { "SPUBLISH", channel, payload, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (publisher, argv, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  return gredis_reply_get_integer (reply);
}

/* SUBSCRIBE and PSUBSCRIBE on one node get what is published on every
 * node (the cluster bus carries it), and what the client publishes. */
static void
test_subscribe (Fixture       *f,
                gconstpointer  data)
{
  static const char * const channels[] = { "news", NULL };
  static const char * const patterns[] = { "sport.*", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *publish[] = { "PUBLISH", "news", "from-client", NULL };
  g_autoptr(GredisReply) reply = NULL;

  g_assert_true (gredis_pubsub_subscribe (f->pubsub, channels, NULL, &error));
  g_assert_no_error (error);
  gredis_pubsub_psubscribe_async (f->pubsub, patterns, NULL, on_result, &result);
  wait_until (f, has_result, &result, "PSUBSCRIBE");
  g_assert_true (gredis_pubsub_psubscribe_finish (f->pubsub, result, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_pubsub_get_connected (f->pubsub));

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *payload = g_strdup_printf ("from-%u", node);
      g_autofree char *expected = g_strdup_printf ("channel news %s", payload);
      g_autofree char *expected_sport = g_strdup_printf ("pattern sport.x %s", payload);

      g_free (cli_ok (node, "PUBLISH", "news", payload, NULL));
      g_free (cli_ok (node, "PUBLISH", "sport.x", payload, NULL));
      wait_message (f, expected);
      wait_message (f, expected_sport);
    }

  reply = gredis_client_command (f->client, publish, NULL, &error);
  g_assert_no_error (error);
  wait_message (f, "channel news from-client");
  g_assert_cmpuint (f->n_lost, ==, 0);
}

/* Shard channels in all three shards, subscribed to at once: each on
 * the primary of its slot, so that an SPUBLISH through the client (sent
 * to that primary) reaches it; then unsubscribed from. */
static void
test_ssubscribe_all_shards (Fixture       *f,
                            gconstpointer  data)
{
  g_autofree char *names[4] = { channel_in ("all", 0), channel_in ("all", 1), channel_in ("all", 2), NULL };
  g_autofree char *other = channel_in ("other", 1);
  const char * const others[] = { other, NULL };
  const char * const middle[] = { names[1], NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  if (f->protocol == 2)
    g_assert_true (gredis_pubsub_ssubscribe (f->pubsub, (const char * const *) names, NULL, &error));
  else
    {
      gredis_pubsub_ssubscribe_async (f->pubsub, (const char * const *) names, NULL, on_result, &result);
      wait_until (f, has_result, &result, "SSUBSCRIBE");
      g_assert_true (gredis_pubsub_ssubscribe_finish (f->pubsub, result, &error));
      g_clear_object (&result);
    }
  g_assert_no_error (error);
  g_assert_true (gredis_pubsub_get_connected (f->pubsub));
  g_assert_cmpuint (gredis_pubsub_get_n_subscriptions (f->pubsub), ==, 3);

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *payload = g_strdup_printf ("to-%u", i);
      g_autofree char *expected = g_strdup_printf ("shard %s %s", names[i], payload);

      g_test_message ("%s: slot %u on node %u", names[i], channel_slot (names[i]),
                      owner_of (channel_slot (names[i])));
      g_assert_cmpuint (shard_subscribers (owner_of (channel_slot (names[i])), names[i]), ==, 1);
      g_assert_cmpint (spublish (f->protocol, names[i], payload), ==, 1);
      wait_message (f, expected);
    }

  /* A channel of a shard already subscribed to, then one unsubscribed
   * from: the others stay. */
  g_assert_true (gredis_pubsub_ssubscribe (f->pubsub, others, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spublish (f->protocol, other, "x"), ==, 1);
  gredis_pubsub_sunsubscribe_async (f->pubsub, middle, NULL, on_result, &result);
  wait_until (f, has_result, &result, "SUNSUBSCRIBE");
  g_assert_true (gredis_pubsub_sunsubscribe_finish (f->pubsub, result, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spublish (f->protocol, names[1], "gone"), ==, 0);
  g_assert_cmpint (spublish (f->protocol, names[2], "still"), ==, 1);
  g_assert_cmpint (spublish (f->protocol, other, "still"), ==, 1);

  /* All of them, blocking. */
  g_assert_true (gredis_pubsub_sunsubscribe (f->pubsub, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_pubsub_get_n_subscriptions (f->pubsub), ==, 0);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpint (spublish (f->protocol, names[i], "none"), ==, 0);
  g_assert_cmpint (spublish (f->protocol, other, "none"), ==, 0);
  g_assert_cmpuint (f->n_lost, ==, 0);
}

/* Moves @slot from its primary to another one, as redis-cli --cluster
 * reshard does for a slot without keys: IMPORTING, MIGRATING, then NODE
 * on every primary. Returns the new owner. */
static guint
move_slot (guint slot)
{
  g_autofree char *slot_text = g_strdup_printf ("%u", slot);
  guint owner = owner_of (slot);
  guint target = GREDIS_TEST_CLUSTER_N_NODES;
  g_autofree char *owner_id = gredis_test_cluster_get_node_id (cluster, owner);
  g_autofree char *target_id = NULL;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES && target == GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (node != owner && gredis_test_cluster_is_primary (cluster, node))
      target = node;
  g_assert_cmpuint (target, <, GREDIS_TEST_CLUSTER_N_NODES);
  target_id = gredis_test_cluster_get_node_id (cluster, target);

  g_free (cli_ok (target, "CLUSTER", "SETSLOT", slot_text, "IMPORTING", owner_id, NULL));
  g_free (cli_ok (owner, "CLUSTER", "SETSLOT", slot_text, "MIGRATING", target_id, NULL));
  g_free (cli_ok (target, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
  g_free (cli_ok (owner, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (node != owner && node != target && gredis_test_cluster_is_primary (cluster, node))
      g_free (cli_ok (node, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
  return target;
}

/* The slot of a shard channel moves to another primary: the old one
 * drops the subscription (SUNSUBSCRIBE); the pub/sub subscribes again,
 * following MOVED to the new owner, and says messages may have been
 * lost. A channel unsubscribed from before is not subscribed to again,
 * and one on another slot of the same node stays. */
static void
test_slot_move (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *moving = channel_in ("moving", 0);
  g_autofree char *quitter = g_strdup_printf ("%.*s@quitter", (int) (strchr (moving, '}') - moving + 1), moving);
  g_autofree char *staying = NULL;
  const char *names[] = { moving, quitter, NULL, NULL };
  const char * const quit[] = { quitter, NULL };
  g_autoptr(GError) error = NULL;
  guint slot = channel_slot (moving);
  guint old_owner = owner_of (slot);
  guint new_owner;
  g_autofree char *ids_before = NULL;
  g_autofree char *ids_after = NULL;
  g_autofree gboolean *old_slots = node_slots (old_owner);

  /* Another channel of the same node, in another slot. */
  for (guint i = 0; staying == NULL; i++)
    {
      g_autofree char *candidate = g_strdup_printf ("{staying%u}@staying", i);
      guint candidate_slot = channel_slot (candidate);

      if (candidate_slot != slot && old_slots[candidate_slot])
        staying = g_steal_pointer (&candidate);
    }
  names[2] = staying;

  g_assert_cmpuint (channel_slot (quitter), ==, slot);
    g_assert_true (gredis_pubsub_ssubscribe (f->pubsub, names, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_pubsub_sunsubscribe (f->pubsub, quit, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spublish (f->protocol, moving, "before"), ==, 1);
  wait_shard (f, moving, "before");

  ids_before = pubsub_client_ids (old_owner);
  g_assert_cmpstr (ids_before, !=, "");
  new_owner = move_slot (slot);
  g_test_message ("slot %u moved from node %u to node %u", slot, old_owner, new_owner);
  wait_until (f, is_lost_and_connected, GUINT_TO_POINTER (0), "the subscription back");
  g_assert_cmpuint (f->n_lost, ==, 1);

  /* The connection to the old owner stayed: the refused SSUBSCRIBE did
   * not put it out of step. */
  ids_after = pubsub_client_ids (old_owner);
  g_assert_cmpstr (ids_after, ==, ids_before);
  g_assert_cmpuint (shard_subscribers (new_owner, moving), ==, 1);
  g_assert_cmpuint (shard_subscribers (new_owner, quitter), ==, 0);
  g_assert_cmpuint (shard_subscribers (old_owner, staying), ==, 1);
  g_assert_cmpint (spublish (f->protocol, moving, "after"), ==, 1);
  wait_shard (f, moving, "after");
  g_assert_cmpint (spublish (f->protocol, staying, "after"), ==, 1);
  wait_shard (f, staying, "after");
  g_assert_cmpint (spublish (f->protocol, quitter, "after"), ==, 0);
}

/* The node where the pub/sub connection of channels is: the one pub/sub
 * client of the cluster. */
static guint
main_node (void)
{
  guint found = GREDIS_TEST_CLUSTER_N_NODES;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *ids = pubsub_client_ids (node);

      if (*ids == '\0')
        continue;
      g_assert_cmpuint (found, ==, GREDIS_TEST_CLUSTER_N_NODES);
      found = node;
    }
  g_assert_cmpuint (found, <, GREDIS_TEST_CLUSTER_N_NODES);
  return found;
}

/* The connection of channels killed, again and again: each time it is
 * made on another node, and the subscriptions are restored there. */
static void
test_other_node (Fixture       *f,
                 gconstpointer  data)
{
  static const char * const channels[] = { "moving-on", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (gredis_pubsub_subscribe (f->pubsub, channels, NULL, &error));
  g_assert_no_error (error);
  for (guint round = 0; round < 10; round++)
    {
      guint before = main_node ();
      guint after;
      g_autofree char *payload = g_strdup_printf ("round-%u", round);
      g_autofree char *expected = g_strdup_printf ("channel moving-on %s", payload);

      g_free (cli_ok (before, "CLIENT", "KILL", "TYPE", "pubsub", NULL));
      wait_until (f, is_lost_and_connected, GUINT_TO_POINTER (round), "the subscription back");
      after = main_node ();
      g_test_message ("round %u: from node %u to node %u", round, before, after);
      g_assert_cmpuint (after, !=, before);
      g_free (cli_ok (before, "PUBLISH", "moving-on", payload, NULL));
      wait_message (f, expected);
    }
}

/* CLIENT KILL of every pub/sub connection (the one of channels and
 * those of the shards): all made again, every subscription restored,
 * messages-lost emitted. */
static void
test_client_kill (Fixture       *f,
                  gconstpointer  data)
{
  static const char * const channels[] = { "killed", NULL };
  g_autofree char *names[4] = { channel_in ("kill", 0), channel_in ("kill", 1), channel_in ("kill", 2), NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  const char *publish[] = { "PUBLISH", "killed", "after", NULL };

  g_assert_true (gredis_pubsub_subscribe (f->pubsub, channels, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_pubsub_ssubscribe (f->pubsub, (const char * const *) names, NULL, &error));
  g_assert_no_error (error);

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    g_free (cli_ok (node, "CLIENT", "KILL", "TYPE", "pubsub", NULL));
  wait_until (f, is_lost_and_connected, GUINT_TO_POINTER (0), "the subscriptions back");

  for (guint i = 0; i < 3; i++)
    {
      g_assert_cmpint (spublish (f->protocol, names[i], "after"), ==, 1);
      wait_shard (f, names[i], "after");
    }
  reply = gredis_client_command (f->client, publish, NULL, &error);
  g_assert_no_error (error);
  wait_message (f, "channel killed after");
}

/* CLUSTER FAILOVER on the replica of a shard channel's primary: the
 * old primary, now a replica, drops the subscription; it is made
 * again, and an SPUBLISH after the failover arrives. */
static void
test_failover (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *name = channel_in ("failover", 2);
  const char * const names[] = { name, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *primary_id = NULL;
  guint primary = owner_of (channel_slot (name));
  guint replica = GREDIS_TEST_CLUSTER_N_NODES;

  g_assert_true (gredis_pubsub_ssubscribe (f->pubsub, names, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (spublish (f->protocol, name, "before"), ==, 1);
  wait_shard (f, name, "before");

  primary_id = gredis_test_cluster_get_node_id (cluster, primary);
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *replication = cli_ok (node, "INFO", "replication", NULL);
      g_autofree char *line = g_strdup_printf ("master_port:%u\r", gredis_test_cluster_get_port (cluster, primary));

      if (strstr (replication, line) != NULL)
        replica = node;
    }
  g_assert_cmpuint (replica, <, GREDIS_TEST_CLUSTER_N_NODES);
  g_free (cli_ok (replica, "CLUSTER", "FAILOVER", NULL));
  g_test_message ("failover of node %u to node %u", primary, replica);

  wait_until (f, is_lost_and_connected, GUINT_TO_POINTER (0), "the subscription back");
  g_assert_true (gredis_test_cluster_wait_ready (cluster, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (owner_of (channel_slot (name)), ==, replica);
  /* Subscribed to in the shard: on the new primary, or on the old one,
   * now its replica, to which the primary sends its shard messages. */
  g_assert_cmpuint (shard_subscribers (replica, name) + shard_subscribers (primary, name), ==, 1);
  spublish (f->protocol, name, "after");
  wait_shard (f, name, "after");
}

/* A shard channel's node stops answering (CLIENT PAUSE): the health
 * check closes its silent connection and makes another, which subscribes
 * once the node answers again. */
static void
test_health_check (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *name = channel_in ("health", 1);
  const char * const names[] = { name, NULL };
  g_autoptr(GError) error = NULL;
  guint owner = owner_of (channel_slot (name));

  gredis_pubsub_set_health_check_interval_s (f->pubsub, 1);
  g_assert_true (gredis_pubsub_ssubscribe (f->pubsub, names, NULL, &error));
  g_assert_no_error (error);

  g_free (cli_ok (owner, "CLIENT", "PAUSE", "3000", "ALL", NULL));
  wait_until (f, is_lost_and_connected, GUINT_TO_POINTER (0), "a new connection");
  g_assert_cmpint (spublish (f->protocol, name, "after"), ==, 1);
  wait_shard (f, name, "after");
}

static gboolean
have_redis_cli (void)
{
  g_autofree char *path = g_find_program_in_path ("redis-cli");

  return path != NULL;
}

static void
skip_without_redis_cli (void)
{
  g_test_skip ("redis-cli is needed to create the cluster (Debian: redis-tools).");
}

#define ADD(path, protocol, func) \
  g_test_add (path, Fixture, GUINT_TO_POINTER (protocol), fixture_set_up, func, fixture_tear_down)

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!have_redis_cli ())
    {
      g_test_add_func ("/cluster/pubsub/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  ADD ("/cluster/pubsub/subscribe/resp2", 2, test_subscribe);
  ADD ("/cluster/pubsub/subscribe/resp3", 3, test_subscribe);
  ADD ("/cluster/pubsub/ssubscribe-all-shards/resp2", 2, test_ssubscribe_all_shards);
  ADD ("/cluster/pubsub/ssubscribe-all-shards/resp3", 3, test_ssubscribe_all_shards);
  ADD ("/cluster/pubsub/slot-move/resp2", 2, test_slot_move);
  ADD ("/cluster/pubsub/slot-move/resp3", 3, test_slot_move);
  ADD ("/cluster/pubsub/other-node/resp3", 3, test_other_node);
  ADD ("/cluster/pubsub/client-kill/resp2", 2, test_client_kill);
  ADD ("/cluster/pubsub/client-kill/resp3", 3, test_client_kill);
  ADD ("/cluster/pubsub/health-check/resp2", 2, test_health_check);
  ADD ("/cluster/pubsub/failover/resp3", 3, test_failover);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
