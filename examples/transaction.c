/* transaction.c: an optimistic transaction (WATCH, MULTI, EXEC) retried
 * until it commits
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 *   transaction [URI]
 *
 * Moves 10 units from one account to another only when the first holds
 * enough, even while other clients change the balances.
 */
#include <gredis/gredis.h>

static gboolean
transfer (GredisPipeline  *pipeline,
          GredisReply     *watched,
          gpointer         user_data,
          GError         **error)
{
  /* @watched is the MGET of the watched keys, read after WATCH. */
  const char *from = gredis_reply_get_string (gredis_reply_get_element (watched, 0), NULL);
  gint64 balance = from != NULL ? g_ascii_strtoll (from, NULL, 10) : 0;

  if (balance < 10)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Account A holds %" G_GINT64_FORMAT ", less than 10.", balance);
      return FALSE;
    }
  gredis_pipeline_add_incrby (pipeline, "example:account:a", -10);
  gredis_pipeline_add_incrby (pipeline, "example:account:b", 10);
  return TRUE;
}

static void
on_committed (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisPipeline) done = gredis_client_transaction_finish (GREDIS_CLIENT (source),
                                                                     result, &error);

  if (done == NULL)
    g_printerr ("The transfer did not happen: %s\n", error->message);
  else
    {
      g_autoptr(GredisReply) a = gredis_pipeline_get_reply (done, 0, NULL);
      g_autoptr(GredisReply) b = gredis_pipeline_get_reply (done, 1, NULL);

      g_print ("A: %" G_GINT64_FORMAT ", B: %" G_GINT64_FORMAT "\n",
               gredis_reply_get_integer (a), gredis_reply_get_integer (b));
    }
  g_main_loop_quit (loop);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *keys[] = { "example:account:a", "example:account:b", NULL };
  const char *read[] = { "MGET", "example:account:a", "example:account:b", NULL };

  client = gredis_client_new_for_uri (argc > 1 ? argv[1] : "redis://127.0.0.1:6379", &error);
  if (client == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  reply = gredis_client_command (client, (const char *[]) { "SETNX", "example:account:a", "100",
                                                            NULL }, NULL, &error);
  if (reply == NULL)
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }

  /* Up to 10 attempts when another client changes a balance meanwhile. */
  gredis_client_transaction_async (client, keys, read, 10, transfer, NULL, NULL, NULL,
                                   on_committed, loop);
  g_main_loop_run (loop);
  return 0;
}
