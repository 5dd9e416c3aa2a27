/* blocking.c: a worker waiting on a queue with BLPOP while the same
 * client keeps serving other commands
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   blocking [URI]
 *
 * BLPOP goes on an exclusive connection whose timeout is its own (here
 * 5 s) plus the command timeout, so it neither stalls the multiplexed
 * connection nor times out early.
 */
#include <gredis/gredis.h>

typedef struct
{
  GMainLoop *loop;
  GredisClient *client;
  guint pings;
} Example;

static void
on_job (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  if (reply == NULL)
    g_printerr ("BLPOP failed: %s\n", error->message);
  else if (gredis_reply_is_nil (reply))
    g_print ("No job within 5 s.\n");
  else
    g_print ("Got %s from %s after %u other commands.\n",
             gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL),
             gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL),
             example->pings);
  g_main_loop_quit (example->loop);
}

static void
on_ping (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Example *example = user_data;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               NULL);

  if (reply != NULL)
    example->pings++;
}

static gboolean
push_job (gpointer user_data)
{
  Example *example = user_data;

  gredis_client_command_async (example->client,
                               (const char *[]) { "RPUSH", "example:jobs", "job-1", NULL },
                               NULL, NULL, NULL);
  return G_SOURCE_REMOVE;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  Example example = { loop, NULL, 0 };

  client = gredis_client_new_for_uri (argc > 1 ? argv[1] : "redis://127.0.0.1:6379", &error);
  if (client == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  example.client = client;

  gredis_client_command_async (client, (const char *[]) { "BLPOP", "example:jobs", "5", NULL },
                               NULL, on_job, &example);
  /* Meanwhile the multiplexed connection keeps working. */
  for (guint i = 0; i < 100; i++)
    gredis_client_command_async (client, (const char *[]) { "PING", NULL }, NULL, on_ping,
                                 &example);
  g_timeout_add (500, push_job, &example);

  g_main_loop_run (loop);
  return 0;
}
