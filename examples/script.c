/* script.c: a Lua script run by its SHA1, loaded only when the server
 * lacks it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   script [URI]
 */
#include <gredis/gredis.h>

/* Sets a key only when it holds the expected value (compare and set). */
static const char cas_source[] =
  "if redis.call('GET', KEYS[1]) == ARGV[1] then\n"
  "  redis.call('SET', KEYS[1], ARGV[2])\n"
  "  return 1\n"
  "end\n"
  "return 0\n";

static void
on_run (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_script_run_finish (GREDIS_SCRIPT (source), result, &error);

  if (reply == NULL)
    g_printerr ("The script failed: %s\n", error->message);
  else
    g_print ("Swapped: %s\n", gredis_reply_get_integer (reply) == 1 ? "yes" : "no");
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisScript) script = gredis_script_new (cas_source);
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *keys[] = { "example:state", NULL };
  const char *args[] = { "idle", "busy", NULL };

  client = gredis_client_new_for_uri (argc > 1 ? argv[1] : "redis://127.0.0.1:6379", &error);
  if (client == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  reply = gredis_client_command (client, (const char *[]) { "SET", "example:state", "idle",
                                                            NULL }, NULL, &error);
  if (reply == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  g_print ("Script %s\n", gredis_script_get_sha1 (script));
  /* EVALSHA; on NOSCRIPT, SCRIPT LOAD and EVALSHA again. */
  gredis_script_run_async (script, client, keys, args, NULL, on_run, loop);
  g_main_loop_run (loop);
  return 0;
}
