/* test-pubsub.c: GredisPubSub on a real redis-server, RESP2 and RESP3
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"
#include "gredis-test-proxy.h"

/* Every wait is bounded by this; none is a timing assertion. */
#define WAIT_LIMIT_S 20

static GredisTestServer *server;

typedef struct
{
  char *channel;
  char *pattern;
  GBytes *payload;
} Message;

static void
message_free (Message *m)
{
  g_free (m->channel);
  g_free (m->pattern);
  g_bytes_unref (m->payload);
  g_free (m);
}

typedef struct
{
  guint protocol;
  GredisClient *client;       /* the subscriber's */
  GredisClient *publisher;
  GredisPubSub *pubsub;
  GPtrArray *messages;
  guint n_lost;
  guint n_disconnects;
} Fixture;

static GredisClient *
make_client (guint16  port,
             guint    protocol)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_host (config, "127.0.0.1");
  gredis_config_set_port (config, port);
  gredis_config_set_protocol (config, protocol);
  /* Longer than any wait of the tests: only the health check may find a
   * silent server. */
  gredis_config_set_command_timeout_ms (config, 10 * WAIT_LIMIT_S * 1000);
  return gredis_client_new (config);
}

static void
on_message (GredisPubSub *pubsub,
            const char   *channel,
            const char   *pattern,
            GBytes       *payload,
            gpointer      user_data)
{
  Fixture *f = user_data;
  Message *m = g_new0 (Message, 1);

  m->channel = g_strdup (channel);
  m->pattern = g_strdup (pattern);
  m->payload = g_bytes_ref (payload);
  g_ptr_array_add (f->messages, m);
}

static void
on_messages_lost (GredisPubSub *pubsub,
                  gpointer      user_data)
{
  Fixture *f = user_data;

  f->n_lost++;
}

static void
on_connected (GredisPubSub *pubsub,
              GParamSpec   *pspec,
              gpointer      user_data)
{
  Fixture *f = user_data;

  if (!gredis_pubsub_get_connected (pubsub))
    f->n_disconnects++;
}

static void
setup_pubsub (Fixture  *f,
              guint16   port)
{
  f->client = make_client (port, f->protocol);
  f->pubsub = gredis_pubsub_new (f->client);
  g_signal_connect (f->pubsub, "message", G_CALLBACK (on_message), f);
  g_signal_connect (f->pubsub, "messages-lost", G_CALLBACK (on_messages_lost), f);
  g_signal_connect (f->pubsub, "notify::connected", G_CALLBACK (on_connected), f);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  f->protocol = GPOINTER_TO_UINT (data);
  f->messages = g_ptr_array_new_with_free_func ((GDestroyNotify) message_free);
  f->publisher = make_client (gredis_test_server_get_port (server), 3);
  setup_pubsub (f, gredis_test_server_get_port (server));
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gredis_pubsub_close (f->pubsub);
  g_object_unref (f->pubsub);
  gredis_client_close (f->client);
  g_object_unref (f->client);
  gredis_client_close (f->publisher);
  g_object_unref (f->publisher);
  g_ptr_array_unref (f->messages);
  /* Let the closed connections' sources go. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

/* Helpers */

static gboolean
timed_out_cb (gpointer user_data)
{
  gboolean *timed_out = user_data;

  *timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

typedef gboolean (*Condition) (Fixture *f, gpointer data);

/* Runs the main context until @cond holds; fails the test past the limit. */
static void
wait_for (Fixture     *f,
          Condition    cond,
          gpointer     data,
          const char  *what)
{
  gboolean timed_out = FALSE;
  GSource *timeout = g_timeout_source_new_seconds (WAIT_LIMIT_S);

  g_source_set_callback (timeout, timed_out_cb, &timed_out, NULL);
  g_source_attach (timeout, NULL);
  while (!cond (f, data) && !timed_out)
    g_main_context_iteration (NULL, TRUE);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  if (timed_out)
    g_error ("Gave up waiting for %s", what);
}

static gboolean
have_n_messages (Fixture  *f,
                 gpointer  data)
{
  return f->messages->len >= GPOINTER_TO_UINT (data);
}

static gboolean
have_lost (Fixture  *f,
           gpointer  data)
{
  return f->n_lost >= GPOINTER_TO_UINT (data);
}

static gboolean
have_disconnect (Fixture  *f,
                 gpointer  data)
{
  return f->n_disconnects >= GPOINTER_TO_UINT (data);
}

static gboolean
is_connected (Fixture  *f,
              gpointer  data)
{
  return gredis_pubsub_get_connected (f->pubsub);
}

static gboolean
result_set (Fixture  *f,
            gpointer  data)
{
  return *(GAsyncResult **) data != NULL;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

typedef void (*OpAsync) (GredisPubSub *, const char * const *, GCancellable *,
                         GAsyncReadyCallback, gpointer);
typedef gboolean (*OpFinish) (GredisPubSub *, GAsyncResult *, GError **);

static void
run_op (Fixture            *f,
        OpAsync             op,
        OpFinish            finish,
        const char * const *names)
{
  GAsyncResult *result = NULL;
  g_autoptr(GError) error = NULL;

  op (f->pubsub, names, NULL, store_result, &result);
  wait_for (f, result_set, &result, "a (un)subscription");
  g_assert_true (finish (f->pubsub, result, &error));
  g_assert_no_error (error);
  g_object_unref (result);
}

static gint64
command (GredisClient       *client,
         const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return gredis_reply_get_kind (reply) == GREDIS_REPLY_INTEGER ? gredis_reply_get_integer (reply) : -1;
}

static gint64
publish (Fixture    *f,
         const char *verb,
         const char *channel,
         const char *payload)
{
  const char *argv[] = { verb, channel, payload, NULL };

  return command (f->publisher, argv);
}

static void
assert_message (Fixture    *f,
                guint       index,
                const char *channel,
                const char *pattern,
                const char *payload)
{
  Message *m;
  gsize len;
  const char *data;

  g_assert_cmpuint (index, <, f->messages->len);
  m = g_ptr_array_index (f->messages, index);
  g_assert_cmpstr (m->channel, ==, channel);
  g_assert_cmpstr (m->pattern, ==, pattern);
  data = g_bytes_get_data (m->payload, &len);
  g_assert_cmpmem (data, len, payload, strlen (payload));
}

/* Tests */

#define N_MESSAGES 1000

static void
published (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  guint *n_done = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 1);
  (*n_done)++;
}

static void
test_ordered (Fixture       *f,
              gconstpointer  data)
{
  const char * const channels[] = { "ordered", NULL };
  guint n_done = 0;

  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, channels);
  g_assert_true (gredis_pubsub_get_connected (f->pubsub));
  g_assert_cmpuint (gredis_pubsub_get_n_subscriptions (f->pubsub), ==, 1);

  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autofree char *payload = g_strdup_printf ("message %u", i);
      const char *argv[] = { "PUBLISH", "ordered", payload, NULL };

      gredis_client_command_async (f->publisher, argv, NULL, published, &n_done);
    }
  wait_for (f, have_n_messages, GUINT_TO_POINTER (N_MESSAGES), "1000 messages");

  g_assert_cmpuint (f->messages->len, ==, N_MESSAGES);
  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autofree char *payload = g_strdup_printf ("message %u", i);

      assert_message (f, i, "ordered", NULL, payload);
    }
  g_assert_cmpuint (f->n_lost, ==, 0);
  /* Every PUBLISH was answered before its message could be missing. */
  while (n_done < N_MESSAGES)
    g_main_context_iteration (NULL, TRUE);
}

static void
test_binary_payload (Fixture       *f,
                     gconstpointer  data)
{
  const char * const channels[] = { "binary", NULL };
  static const char bytes[] = { 'a', '\0', '\r', '\n', (char) 0xff };
  const char *argv[] = { "PUBLISH", "binary", bytes };
  const gsize lengths[] = { 7, 6, sizeof bytes };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  Message *m;

  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, channels);
  reply = gredis_client_command_argv (f->publisher, 3, argv, lengths, NULL, &error);
  g_assert_no_error (error);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (1), "a message");
  m = g_ptr_array_index (f->messages, 0);
  g_assert_cmpmem (g_bytes_get_data (m->payload, NULL), g_bytes_get_size (m->payload),
                   bytes, sizeof bytes);
}

static void
test_reconnect (Fixture       *f,
                gconstpointer  data)
{
  const char * const channels[] = { "news", NULL };
  const char * const patterns[] = { "wea*", NULL };
  const char * const kill[] = { "CLIENT", "KILL", "TYPE", "pubsub", NULL };

  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, channels);
  run_op (f, gredis_pubsub_psubscribe_async, gredis_pubsub_psubscribe_finish, patterns);
  g_assert_cmpint (publish (f, "PUBLISH", "news", "before"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (1), "the first message");

  /* Kill the subscriber's connection (the only pub/sub client). */
  g_assert_cmpint (command (f->publisher, kill), ==, 1);
  wait_for (f, have_disconnect, GUINT_TO_POINTER (1), "the loss to be noticed");
  g_assert_false (gredis_pubsub_get_connected (f->pubsub));
  /* Published while nobody listens: lost, as Redis does not keep it. */
  publish (f, "PUBLISH", "news", "during");
  wait_for (f, have_lost, GUINT_TO_POINTER (1), "messages-lost");
  g_assert_true (gredis_pubsub_get_connected (f->pubsub));

  /* Both subscriptions are back, without the application doing anything. */
  g_assert_cmpint (publish (f, "PUBLISH", "news", "after"), ==, 1);
  g_assert_cmpint (publish (f, "PUBLISH", "weather", "sunny"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (3), "messages after the reconnection");
  assert_message (f, 0, "news", NULL, "before");
  /* "during" was published either before the server dropped the
   * connection or while there was none: never delivered twice. */
  if (f->messages->len == 4)
    {
      assert_message (f, 1, "news", NULL, "during");
      assert_message (f, 2, "news", NULL, "after");
      assert_message (f, 3, "weather", "wea*", "sunny");
    }
  else
    {
      assert_message (f, 1, "news", NULL, "after");
      assert_message (f, 2, "weather", "wea*", "sunny");
    }
  g_assert_cmpuint (f->n_lost, ==, 1);
}

static void
test_reconnect_by_id (Fixture       *f,
                      gconstpointer  data)
{
  const char * const channels[] = { "by-id", NULL };
  const char * const list[] = { "CLIENT", "LIST", "TYPE", "pubsub", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  const char *text;
  const char *id;
  g_autofree char *id_value = NULL;

  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, channels);
  reply = gredis_client_command (f->publisher, list, NULL, &error);
  g_assert_no_error (error);
  text = gredis_reply_get_string (reply, NULL);
  g_assert_nonnull (text);
  id = strstr (text, "id=");
  g_assert_nonnull (id);
  id_value = g_strndup (id + 3, strcspn (id + 3, " "));

  {
    const char *kill[] = { "CLIENT", "KILL", "ID", id_value, NULL };

    g_assert_cmpint (command (f->publisher, kill), ==, 1);
  }
  wait_for (f, have_lost, GUINT_TO_POINTER (1), "messages-lost");
  g_assert_cmpint (publish (f, "PUBLISH", "by-id", "back"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (1), "a message after the reconnection");
  assert_message (f, 0, "by-id", NULL, "back");
}

static void
test_patterns (Fixture       *f,
               gconstpointer  data)
{
  const char * const patterns[] = { "news.*", "h?llo", NULL };

  run_op (f, gredis_pubsub_psubscribe_async, gredis_pubsub_psubscribe_finish, patterns);
  g_assert_cmpint (publish (f, "PUBLISH", "news.tech", "one"), ==, 1);
  g_assert_cmpint (publish (f, "PUBLISH", "hallo", "two"), ==, 1);
  g_assert_cmpint (publish (f, "PUBLISH", "other", "never"), ==, 0);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (2), "two pattern messages");
  assert_message (f, 0, "news.tech", "news.*", "one");
  assert_message (f, 1, "hallo", "h?llo", "two");

  run_op (f, gredis_pubsub_punsubscribe_async, gredis_pubsub_punsubscribe_finish, NULL);
  g_assert_cmpuint (gredis_pubsub_get_n_subscriptions (f->pubsub), ==, 0);
  g_assert_cmpint (publish (f, "PUBLISH", "news.tech", "gone"), ==, 0);
}

static void
test_sharded (Fixture       *f,
              gconstpointer  data)
{
  const char * const channels[] = { "shard-a", "shard-b", NULL };
  const char * const one[] = { "shard-a", NULL };

  run_op (f, gredis_pubsub_ssubscribe_async, gredis_pubsub_ssubscribe_finish, channels);
  g_assert_cmpint (publish (f, "SPUBLISH", "shard-a", "x"), ==, 1);
  g_assert_cmpint (publish (f, "SPUBLISH", "shard-b", "y"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (2), "two shard messages");
  assert_message (f, 0, "shard-a", NULL, "x");
  assert_message (f, 1, "shard-b", NULL, "y");

  run_op (f, gredis_pubsub_sunsubscribe_async, gredis_pubsub_sunsubscribe_finish, one);
  g_assert_cmpint (publish (f, "SPUBLISH", "shard-a", "gone"), ==, 0);
  g_assert_cmpint (publish (f, "SPUBLISH", "shard-b", "z"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (3), "the third shard message");
  assert_message (f, 2, "shard-b", NULL, "z");
}

/* A handler connected to one detail of GredisPubSub::message: records
 * the detail of each emission it sees, and its channel. */
static void
on_detailed_message (GredisPubSub *pubsub,
                     const char   *channel,
                     const char   *pattern,
                     GBytes       *payload,
                     gpointer      user_data)
{
  GPtrArray *seen = user_data;
  GSignalInvocationHint *hint = g_signal_get_invocation_hint (pubsub);

  g_ptr_array_add (seen, g_strdup_printf ("%s %s", g_quark_to_string (hint->detail), channel));
}

static void
test_message_details (Fixture       *f,
                      gconstpointer  data)
{
  const char * const same[] = { "same", NULL };
  const char * const pattern[] = { "sa*", NULL };
  static const char * const details[] = { "channel", "pattern", "shard" };
  GPtrArray *seen[G_N_ELEMENTS (details)];

  for (gsize i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_autofree char *name = g_strconcat ("message::", details[i], NULL);

      seen[i] = g_ptr_array_new_with_free_func (g_free);
      g_signal_connect (f->pubsub, name, G_CALLBACK (on_detailed_message), seen[i]);
    }

  /* A channel and a shard channel of the same name, and a pattern that
   * matches both names: only the detail tells the messages apart. */
  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, same);
  run_op (f, gredis_pubsub_ssubscribe_async, gredis_pubsub_ssubscribe_finish, same);
  run_op (f, gredis_pubsub_psubscribe_async, gredis_pubsub_psubscribe_finish, pattern);
  g_assert_cmpint (publish (f, "SPUBLISH", "same", "s"), ==, 1);
  g_assert_cmpint (publish (f, "PUBLISH", "same", "p"), ==, 2);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (3), "three messages");

  /* Undetailed handlers get them all, as before. */
  assert_message (f, 0, "same", NULL, "s");
  assert_message (f, 1, "same", NULL, "p");
  assert_message (f, 2, "same", "sa*", "p");

  g_assert_cmpuint (seen[0]->len, ==, 1);
  g_assert_cmpstr (seen[0]->pdata[0], ==, "channel same");
  g_assert_cmpuint (seen[1]->len, ==, 1);
  g_assert_cmpstr (seen[1]->pdata[0], ==, "pattern same");
  g_assert_cmpuint (seen[2]->len, ==, 1);
  g_assert_cmpstr (seen[2]->pdata[0], ==, "shard same");

  for (gsize i = 0; i < G_N_ELEMENTS (details); i++)
    {
      g_signal_handlers_disconnect_by_data (f->pubsub, seen[i]);
      g_ptr_array_unref (seen[i]);
    }
}

static void
test_unsubscribe (Fixture       *f,
                  gconstpointer  data)
{
  const char * const channels[] = { "u1", "u2", "u3", NULL };
  const char * const one[] = { "u1", NULL };

  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, channels);
  run_op (f, gredis_pubsub_unsubscribe_async, gredis_pubsub_unsubscribe_finish, one);
  g_assert_cmpuint (gredis_pubsub_get_n_subscriptions (f->pubsub), ==, 2);
  g_assert_cmpint (publish (f, "PUBLISH", "u1", "no"), ==, 0);
  g_assert_cmpint (publish (f, "PUBLISH", "u2", "yes"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (1), "a message");
  assert_message (f, 0, "u2", NULL, "yes");

  run_op (f, gredis_pubsub_unsubscribe_async, gredis_pubsub_unsubscribe_finish, NULL);
  g_assert_cmpuint (gredis_pubsub_get_n_subscriptions (f->pubsub), ==, 0);
  g_assert_cmpint (publish (f, "PUBLISH", "u2", "no"), ==, 0);
  g_assert_cmpint (publish (f, "PUBLISH", "u3", "no"), ==, 0);

  /* Subscribing again after everything was dropped works. */
  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, one);
  g_assert_cmpint (publish (f, "PUBLISH", "u1", "again"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (2), "a second message");
  assert_message (f, 1, "u1", NULL, "again");
}

static void
test_keyspace (Fixture       *f,
               gconstpointer  data)
{
  const char * const patterns[] = { "__keyspace@0__:ks-*", NULL };
  const char * const channels[] = { "__keyevent@0__:del", NULL };
  const char *config_set[] = { "CONFIG", "SET", "notify-keyspace-events", "KEA", NULL };
  const char *config_off[] = { "CONFIG", "SET", "notify-keyspace-events", "", NULL };
  const char *set[] = { "SET", "ks-key", "v", NULL };
  const char *del[] = { "DEL", "ks-key", NULL };

  command (f->publisher, config_set);
  run_op (f, gredis_pubsub_psubscribe_async, gredis_pubsub_psubscribe_finish, patterns);
  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, channels);
  command (f->publisher, set);
  command (f->publisher, del);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (3), "three notifications");
  command (f->publisher, config_off);

  assert_message (f, 0, "__keyspace@0__:ks-key", "__keyspace@0__:ks-*", "set");
  /* For DEL the server notifies the key space, then the key event. */
  assert_message (f, 1, "__keyspace@0__:ks-key", "__keyspace@0__:ks-*", "del");
  assert_message (f, 2, "__keyevent@0__:del", NULL, "ks-key");
}

static void
test_blocking (Fixture       *f,
               gconstpointer  data)
{
  const char * const channels[] = { "blocking", NULL };
  g_autoptr(GError) error = NULL;

  g_assert_true (gredis_pubsub_subscribe (f->pubsub, channels, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_pubsub_get_connected (f->pubsub));
  g_assert_cmpint (publish (f, "PUBLISH", "blocking", "hi"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (1), "a message");
  assert_message (f, 0, "blocking", NULL, "hi");

  g_assert_true (gredis_pubsub_unsubscribe (f->pubsub, channels, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (publish (f, "PUBLISH", "blocking", "no"), ==, 0);

  gredis_pubsub_close (f->pubsub);
  g_assert_false (gredis_pubsub_subscribe (f->pubsub, channels, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
}

static void
test_cancel (Fixture       *f,
             gconstpointer  data)
{
  const char * const channels[] = { "cancelled", NULL };
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;

  g_cancellable_cancel (cancellable);
  gredis_pubsub_subscribe_async (f->pubsub, channels, cancellable, store_result, &result);
  wait_for (f, result_set, &result, "the cancelled call");
  g_assert_false (gredis_pubsub_subscribe_finish (f->pubsub, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  g_clear_error (&error);

  /* Cancelled while waiting for the connection. */
  g_cancellable_reset (cancellable);
  gredis_pubsub_subscribe_async (f->pubsub, channels, cancellable, store_result, &result);
  g_cancellable_cancel (cancellable);
  wait_for (f, result_set, &result, "the cancelled call");
  g_assert_false (gredis_pubsub_subscribe_finish (f->pubsub, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);

  /* The subscription itself was made: only the wait was cancelled. */
  {
    const char *numsub[] = { "PUBSUB", "NUMSUB", "cancelled", NULL };
    g_autoptr(GredisReply) reply = NULL;

    wait_for (f, is_connected, NULL, "the subscription");
    g_clear_error (&error);
    reply = gredis_client_command (f->publisher, numsub, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gredis_reply_get_integer (gredis_reply_get_element (reply, 1)), ==, 1);
  }
}

static void
test_half_open (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSocketConnectable) upstream =
    g_network_address_new ("127.0.0.1", gredis_test_server_get_port (server));
  g_autoptr(GredisTestProxy) proxy = NULL;
  g_autoptr(GError) error = NULL;
  const char * const channels[] = { "half-open", NULL };

  proxy = gredis_test_proxy_new (upstream, &error);
  g_assert_no_error (error);

  /* A subscriber going through the proxy. */
  gredis_pubsub_close (f->pubsub);
  g_clear_object (&f->pubsub);
  gredis_client_close (f->client);
  g_clear_object (&f->client);
  setup_pubsub (f, gredis_test_proxy_get_port (proxy));
  gredis_pubsub_set_health_check_interval_s (f->pubsub, 1);
  g_assert_cmpuint (gredis_pubsub_get_health_check_interval_s (f->pubsub), ==, 1);

  run_op (f, gredis_pubsub_subscribe_async, gredis_pubsub_subscribe_finish, channels);
  g_assert_cmpint (publish (f, "PUBLISH", "half-open", "one"), ==, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (1), "the first message");

  /* The peer goes silent without closing anything: only the health
   * check can notice. */
  gredis_test_proxy_set_blackhole (proxy, GREDIS_TEST_PROXY_BOTH);
  wait_for (f, have_disconnect, GUINT_TO_POINTER (1), "the health check to notice");
  g_assert_cmpuint (f->n_lost, ==, 0);

  gredis_test_proxy_set_pass (proxy, GREDIS_TEST_PROXY_BOTH);
  wait_for (f, have_lost, GUINT_TO_POINTER (1), "messages-lost");
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (proxy), >=, 2);

  /* The old connection may still be subscribed on the server until it
   * notices; count the message once. */
  g_assert_cmpint (publish (f, "PUBLISH", "half-open", "two"), >=, 1);
  wait_for (f, have_n_messages, GUINT_TO_POINTER (2), "a message after the reconnection");
  assert_message (f, 1, "half-open", NULL, "two");
  g_assert_cmpuint (f->messages->len, ==, 2);

  gredis_pubsub_close (f->pubsub);
}

static void
test_health_check_from_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("redis://127.0.0.1:%u?health-check-interval-s=7",
                                          gredis_test_server_get_port (server));
  g_autoptr(GredisClient) client = gredis_client_new_for_uri (uri, &error);
  g_autoptr(GredisPubSub) pubsub = NULL;
  guint interval = 0;

  g_assert_no_error (error);
  pubsub = gredis_pubsub_new (client);
  g_assert_true (gredis_pubsub_get_client (pubsub) == client);
  g_assert_cmpuint (gredis_pubsub_get_health_check_interval_s (pubsub), ==, 7);
  g_object_set (pubsub, "health-check-interval-s", 0, NULL);
  g_object_get (pubsub, "health-check-interval-s", &interval, NULL);
  g_assert_cmpuint (interval, ==, 0);
  g_assert_false (gredis_pubsub_get_connected (pubsub));
  g_assert_cmpuint (gredis_pubsub_get_n_subscriptions (pubsub), ==, 0);
  gredis_client_close (client);
}

static void
add (const char *name,
     void (*func) (Fixture *, gconstpointer))
{
  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autofree char *path = g_strdup_printf ("/pubsub/resp%u/%s", protocol, name);

      g_test_add (path, Fixture, GUINT_TO_POINTER (protocol), fixture_setup, func, fixture_teardown);
    }
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int ret;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);

  add ("ordered", test_ordered);
  add ("binary-payload", test_binary_payload);
  add ("reconnect-kill-type", test_reconnect);
  add ("reconnect-kill-id", test_reconnect_by_id);
  add ("patterns", test_patterns);
  add ("sharded", test_sharded);
  add ("message-details", test_message_details);
  add ("unsubscribe", test_unsubscribe);
  add ("keyspace", test_keyspace);
  add ("blocking", test_blocking);
  add ("cancel", test_cancel);
  add ("half-open", test_half_open);
  g_test_add_func ("/pubsub/health-check-from-config", test_health_check_from_config);

  ret = g_test_run ();
  gredis_test_server_stop (server);
  return ret;
}
