/* getting-started.c: the program of docs/getting-started.md
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   getting-started [URI]
 *
 * Sets a key and reads it back with the blocking API, then counts with
 * INCR asynchronously on the main loop. Prints:
 *
 *   SET greeting: OK
 *   GET greeting: Hello from Gredis
 *   INCR counter: 1        (2, 3 … on later runs)
 */
#include <gredis/gredis.h>

static void
on_incr (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;

  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  if (reply == NULL)
    g_printerr ("INCR failed: %s\n", error->message);
  else
    g_print ("INCR counter: %" G_GINT64_FORMAT "\n", gredis_reply_get_integer (reply));
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  const char *uri = argc > 1 ? argv[1] : "redis://127.0.0.1:6379";
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GMainLoop) loop = NULL;

  client = gredis_client_new_for_uri (uri, &error);
  if (client == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* The blocking API: no main loop needed. A server error reply comes
   * back as a GError, with the server's text. */
  reply = gredis_client_command (client,
                                 (const char *[]) { "SET", "greeting", "Hello from Gredis", NULL },
                                 NULL, &error);
  if (reply == NULL)
    {
      g_printerr ("SET failed: %s\n", error->message);
      return 1;
    }
  g_print ("SET greeting: %s\n", gredis_reply_get_text (reply));
  g_clear_pointer (&reply, gredis_reply_unref);

  reply = gredis_client_command (client, (const char *[]) { "GET", "greeting", NULL },
                                 NULL, &error);
  if (reply == NULL)
    {
      g_printerr ("GET failed: %s\n", error->message);
      return 1;
    }
  g_print ("GET greeting: %s\n", gredis_reply_get_text (reply));

  /* The asynchronous API: the callback runs on this thread's main
   * context, while the loop runs. */
  loop = g_main_loop_new (NULL, FALSE);
  gredis_client_command_async (client, (const char *[]) { "INCR", "counter", NULL },
                               NULL, on_incr, loop);
  g_main_loop_run (loop);

  gredis_client_close (client);
  return 0;
}
