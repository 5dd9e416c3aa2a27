/* pubsub.c: subscribing to a channel, a pattern and key-space
 * notifications, and publishing to them from the same program
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   pubsub [URI]
 *
 * The GredisPubSub has a connection of its own; the client's shared
 * connection publishes. Messages arrive as the ::message signal in this
 * main loop. Should the connection be lost, the subscriptions come back
 * on their own and ::messages-lost says that some may have been missed.
 * The health check (here every 5 s) finds a connection whose server
 * went silent.
 */
#include <gredis/gredis.h>

#define N_MESSAGES 5

typedef struct
{
  GMainLoop *loop;
  GredisClient *client;
  guint received;
} Example;

static void
on_message (GredisPubSub *pubsub,
            const char   *channel,
            const char   *pattern,
            GBytes       *payload,
            gpointer      user_data)
{
  Example *example = user_data;
  gsize length;
  const char *data = g_bytes_get_data (payload, &length);

  if (pattern != NULL)
    g_print ("[%s] %s: %.*s\n", pattern, channel, (int) length, data);
  else
    g_print ("%s: %.*s\n", channel, (int) length, data);

  /* N_MESSAGES on "chat", as many on "news.*", and one key-space event. */
  if (++example->received == 2 * N_MESSAGES + 1)
    g_main_loop_quit (example->loop);
}

static void
on_messages_lost (GredisPubSub *pubsub,
                  gpointer      user_data)
{
  g_print ("Reconnected: messages published meanwhile were missed.\n");
}

static void
on_done (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  if (reply == NULL)
    {
      g_printerr ("Command failed: %s\n", error->message);
      g_main_loop_quit (example->loop);
    }
}

static void
publish_all (Example *example)
{
  const char *notify[] = { "CONFIG", "SET", "notify-keyspace-events", "KEA", NULL };
  const char *set[] = { "SET", "example:key", "value", NULL };

  for (guint i = 0; i < N_MESSAGES; i++)
    {
      g_autofree char *text = g_strdup_printf ("hello %u", i);
      const char *chat[] = { "PUBLISH", "chat", text, NULL };
      const char *news[] = { "PUBLISH", "news.weather", text, NULL };

      gredis_client_command_async (example->client, chat, NULL, on_done, example);
      gredis_client_command_async (example->client, news, NULL, on_done, example);
    }
  gredis_client_command_async (example->client, notify, NULL, on_done, example);
  gredis_client_command_async (example->client, set, NULL, on_done, example);
}

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GError) error = NULL;

  if (!gredis_pubsub_psubscribe_finish (GREDIS_PUBSUB (source), result, &error))
    {
      g_printerr ("Could not subscribe: %s\n", error->message);
      g_main_loop_quit (example->loop);
      return;
    }
  publish_all (example);
}

int
main (int    argc,
      char **argv)
{
  const char *uri = argc > 1 ? argv[1] : "redis://127.0.0.1:6379";
  const char * const channels[] = { "chat", NULL };
  const char * const patterns[] = { "news.*", "__keyspace@*__:example:*", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisPubSub) pubsub = NULL;
  Example example = { NULL, };

  example.client = gredis_client_new_for_uri (uri, &error);
  if (example.client == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  example.loop = g_main_loop_new (NULL, FALSE);

  pubsub = gredis_pubsub_new (example.client);
  gredis_pubsub_set_health_check_interval_s (pubsub, 5);
  g_signal_connect (pubsub, "message", G_CALLBACK (on_message), &example);
  g_signal_connect (pubsub, "messages-lost", G_CALLBACK (on_messages_lost), &example);

  /* The blocking form is fine before the loop runs... */
  if (!gredis_pubsub_subscribe (pubsub, channels, NULL, &error))
    {
      g_printerr ("Could not subscribe: %s\n", error->message);
      return 1;
    }
  /* ...and the asynchronous one fits inside it. */
  gredis_pubsub_psubscribe_async (pubsub, patterns, NULL, on_subscribed, &example);

  g_main_loop_run (example.loop);

  gredis_pubsub_close (pubsub);
  gredis_client_close (example.client);
  g_object_unref (example.client);
  g_main_loop_unref (example.loop);
  return example.received == 2 * N_MESSAGES + 1 ? 0 : 1;
}
