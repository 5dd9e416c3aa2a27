/* pipeline.c: a batch of commands in one round trip, each with its result
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   pipeline [URI]
 */
#include <gredis/gredis.h>

static void
on_executed (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  GredisPipeline *pipeline = GREDIS_PIPELINE (source);
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  if (!gredis_pipeline_execute_finish (pipeline, result, &error))
    g_printerr ("The pipeline failed: %s\n", error->message);
  else
    for (guint i = 0; i < gredis_pipeline_get_n_results (pipeline); i++)
      {
        g_autoptr(GError) command_error = NULL;
        g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, i, &command_error);
        g_autofree char *text = reply != NULL ? gredis_reply_to_string (reply) : NULL;

        /* One failed command does not hide the others. */
        if (text != NULL)
          g_print ("%u) %s", i + 1, text);
        else
          g_print ("%u) %s\n", i + 1, command_error->message);
      }
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisPipeline) pipeline = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);

  client = gredis_client_new_for_uri (argc > 1 ? argv[1] : "redis://127.0.0.1:6379", &error);
  if (client == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  pipeline = gredis_pipeline_new (client, FALSE);
  gredis_pipeline_add_set (pipeline, "example:greeting", "hello");
  gredis_pipeline_add_get (pipeline, "example:greeting");
  gredis_pipeline_add_command (pipeline, (const char *[]) { "INCR", "example:greeting", NULL });
  gredis_pipeline_add_incrby (pipeline, "example:counter", 10);
  gredis_pipeline_add_del (pipeline, (const char *[]) { "example:greeting", "example:counter",
                                                        NULL });

  gredis_pipeline_execute_async (pipeline, NULL, on_executed, loop);
  g_main_loop_run (loop);
  return 0;
}
