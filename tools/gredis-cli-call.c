/* gredis-cli-call.c: commands whose replies gredis-cli's modes read
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/* The replies of a batch of commands sent in one write, as redis-cli
 * pipelines TYPE and the size commands of --bigkeys. */
typedef struct
{
  GPtrArray *replies;           /* (element-type GredisReply) (nullable) slots */
  guint pending;
  GError *error;
} Batch;

typedef struct
{
  Batch *batch;
  guint index;
} Slot;

static void
reply_unref0 (gpointer reply)
{
  if (reply != NULL)
    gredis_reply_unref (reply);
}

static void
on_batch_reply (GredisConnection *connection,
                GredisReply      *reply,
                const GError     *error,
                gpointer          user_data)
{
  Slot *slot = user_data;
  Batch *batch = slot->batch;

  if (reply != NULL)
    batch->replies->pdata[slot->index] = gredis_reply_ref (reply);
  else if (batch->error == NULL)
    batch->error = g_error_copy (error);
  batch->pending--;
  g_free (slot);
}

/**
 * cli_call_many:
 * @cli: the command line
 * @commands: (element-type GPtrArray): the commands, each an array of
 *   #GBytes arguments
 * @error: the connection's error
 *
 * Sends @commands in one write and waits for all their replies.
 *
 * Returns: (transfer full) (element-type GredisReply): one reply per
 *   command, error replies included; %NULL if the connection failed
 */
GPtrArray *
cli_call_many (Cli        *cli,
               GPtrArray  *commands,
               GError    **error)
{
  Batch batch = { 0 };

  batch.replies = g_ptr_array_new_full (commands->len, reply_unref0);
  g_ptr_array_set_size (batch.replies, commands->len);
  for (guint i = 0; i < commands->len; i++)
    {
      GPtrArray *args = commands->pdata[i];
      g_autofree const char **argv = g_new (const char *, args->len);
      g_autofree gsize *lengths = g_new (gsize, args->len);
      Slot *slot = g_new (Slot, 1);

      for (guint j = 0; j < args->len; j++)
        argv[j] = g_bytes_get_data (args->pdata[j], &lengths[j]);
      for (guint j = 0; j < args->len; j++)
        if (argv[j] == NULL)
          argv[j] = "";
      slot->batch = &batch;
      slot->index = i;
      batch.pending++;
      gredis_connection_send_command_full (cli->connection, args->len, argv, lengths,
                                           on_batch_reply, slot);
    }
  while (batch.pending > 0)
    g_main_context_iteration (NULL, TRUE);

  if (batch.error != NULL)
    {
      g_propagate_error (error, batch.error);
      g_ptr_array_unref (batch.replies);
      return NULL;
    }
  return batch.replies;
}

/**
 * cli_call:
 * @cli: the command line
 * @argc: the number of arguments
 * @argv: (array length=argc): the arguments
 * @lengths: (array length=argc) (nullable): their lengths, or %NULL for
 *   nul-terminated arguments
 * @error: the connection's error
 *
 * Runs one command and waits for its reply.
 *
 * Returns: (transfer full) (nullable): the reply, an error reply
 *   included; %NULL if the connection failed
 */
GredisReply *
cli_call (Cli                *cli,
          guint               argc,
          const char * const *argv,
          const gsize        *lengths,
          GError            **error)
{
  g_autoptr(GPtrArray) commands = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  GPtrArray *args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GPtrArray) replies = NULL;

  for (guint i = 0; i < argc; i++)
    g_ptr_array_add (args, g_bytes_new (argv[i], lengths != NULL ? lengths[i] : strlen (argv[i])));
  g_ptr_array_add (commands, args);
  replies = cli_call_many (cli, commands, error);
  if (replies == NULL)
    return NULL;
  return g_ptr_array_steal_index (replies, 0);
}
