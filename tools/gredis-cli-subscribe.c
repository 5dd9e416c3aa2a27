/* gredis-cli-subscribe.c: the subscribe mode
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <signal.h>
#include <glib-unix.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/* SUBSCRIBE, PSUBSCRIBE and SSUBSCRIBE, from the arguments or from a line
 * of standard input: as redis-cli 7.0, print "Reading messages..." (not
 * in raw mode), the confirmations and then each message as it arrives.
 * SIGINT ends the subscribe mode: from standard input the next line is
 * read, as redis-cli does after Ctrl-C. SIGTERM ends the program. When
 * the server closes the connection, gredis-cli exits with status 1, as
 * redis-cli does, rather than let GredisPubSub subscribe again. */

typedef struct
{
  Cli *cli;
  GMainLoop *loop;
  gboolean (*finish) (GredisPubSub *, GAsyncResult *, GError **);
  gboolean done;
  gboolean ok;
  GError *error;
  gboolean confirmed;           /* the confirmations are out */
  GPtrArray *early;             /* messages that came before the confirmation */
  int end_signal;               /* SIGINT or SIGTERM, once one came */
  gboolean lost;
} Subscriber;

static void
print_frame (Cli                *cli,
             const char * const *strings,
             gsize               n_strings,
             GBytes             *payload,
             gint64              count)
{
  GredisReply *elements[4];
  gsize n = 0;
  g_autoptr(GredisReply) frame = NULL;

  for (; n < n_strings; n++)
    elements[n] = gredis_reply_new_string (GREDIS_REPLY_STRING, strings[n], -1);
  if (payload != NULL)
    elements[n++] = gredis_reply_new_bytes (GREDIS_REPLY_STRING, payload);
  if (count >= 0)
    elements[n++] = gredis_reply_new_integer (count);
  frame = gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, elements, n);
  for (gsize i = 0; i < n; i++)
    gredis_reply_unref (elements[i]);
  cli_print_reply (cli, frame);
}

static void
print_message (Subscriber *sub,
               const char *type,
               const char *pattern,
               const char *channel,
               GBytes     *payload)
{
  const char *strings[] = { type, pattern != NULL ? pattern : channel, channel };
  gsize n_strings = pattern != NULL ? 3 : 2;

  if (!sub->confirmed)
    {
      /* A message published between the server's confirmation and the end
       * of the subscription call: it is printed after the confirmations,
       * in the order the server sent them. */
      GredisReply *elements[4];
      gsize n = 0;

      for (; n < n_strings; n++)
        elements[n] = gredis_reply_new_string (GREDIS_REPLY_STRING, strings[n], -1);
      elements[n++] = gredis_reply_new_bytes (GREDIS_REPLY_STRING, payload);
      g_ptr_array_add (sub->early, gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, elements, n));
      for (gsize i = 0; i < n; i++)
        gredis_reply_unref (elements[i]);
      return;
    }
  print_frame (sub->cli, strings, n_strings, payload, -1);
}

/* One handler per detail of GredisPubSub::message: the detail says which
 * frame the server sent. */
static void
on_channel_message (GredisPubSub *pubsub,
                    const char   *channel,
                    const char   *pattern,
                    GBytes       *payload,
                    gpointer      user_data)
{
  print_message (user_data, "message", NULL, channel, payload);
}

static void
on_pattern_message (GredisPubSub *pubsub,
                    const char   *channel,
                    const char   *pattern,
                    GBytes       *payload,
                    gpointer      user_data)
{
  print_message (user_data, "pmessage", pattern, channel, payload);
}

static void
on_shard_message (GredisPubSub *pubsub,
                  const char   *channel,
                  const char   *pattern,
                  GBytes       *payload,
                  gpointer      user_data)
{
  print_message (user_data, "smessage", NULL, channel, payload);
}

static void
on_connected (GredisPubSub *pubsub,
              GParamSpec   *pspec,
              gpointer      user_data)
{
  Subscriber *sub = user_data;

  if (sub->confirmed && !gredis_pubsub_get_connected (pubsub))
    {
      sub->lost = TRUE;
      g_main_loop_quit (sub->loop);
    }
}

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Subscriber *sub = user_data;

  sub->done = TRUE;
  sub->ok = sub->finish (GREDIS_PUBSUB (source), result, &sub->error);
  g_main_loop_quit (sub->loop);
}

static gboolean
on_sigint (gpointer user_data)
{
  Subscriber *sub = user_data;

  sub->end_signal = SIGINT;
  g_main_loop_quit (sub->loop);
  return G_SOURCE_CONTINUE;
}

static gboolean
on_sigterm (gpointer user_data)
{
  Subscriber *sub = user_data;

  sub->end_signal = SIGTERM;
  g_main_loop_quit (sub->loop);
  return G_SOURCE_CONTINUE;
}

/* Whether @error stands for an error reply of the server (which redis-cli
 * prints as a reply) rather than for a failed connection. */
static gboolean
is_server_error (const GError *error)
{
  if (error->domain != GREDIS_ERROR)
    return FALSE;
  switch (error->code)
    {
    case GREDIS_ERROR_FAILED:
    case GREDIS_ERROR_CONNECTION:
    case GREDIS_ERROR_TIMEOUT:
    case GREDIS_ERROR_PROTOCOL:
    case GREDIS_ERROR_TLS:
    case GREDIS_ERROR_PLUGIN_NOT_FOUND:
    case GREDIS_ERROR_CONFIG:
    case GREDIS_ERROR_UNKNOWN_OUTCOME:
    case GREDIS_ERROR_CLOSED:
    case GREDIS_ERROR_POOL_EXHAUSTED:
    case GREDIS_ERROR_UNSUPPORTED:
      return FALSE;
    default:
      return TRUE;
    }
}

/* Returns TRUE and sets *outcome when @args is a subscription command. */
gboolean
cli_run_subscribe (Cli            *cli,
                   GBytes * const *args,
                   guint           n_args,
                   Outcome        *outcome)
{
  static const char * const verbs[] = { "subscribe", "psubscribe", "ssubscribe" };
  g_autofree char *verb = g_ascii_strdown (g_bytes_get_data (args[0], NULL), g_bytes_get_size (args[0]));
  g_autoptr(GredisPubSub) pubsub = NULL;
  g_autoptr(GPtrArray) names = NULL;
  g_autoptr(GPtrArray) early = NULL;
  Subscriber sub = { cli, };
  gsize kind;
  guint sigint_id, sigterm_id;

  for (kind = 0; kind < G_N_ELEMENTS (verbs); kind++)
    if (strlen (verb) == g_bytes_get_size (args[0]) && g_str_equal (verb, verbs[kind]))
      break;
  if (kind == G_N_ELEMENTS (verbs))
    return FALSE;

  if (!cli->raw || cli->output != CLI_OUTPUT_DEFAULT)
    {
      g_print ("Reading messages... (press Ctrl-C to quit)\n");
      fflush (stdout);
    }

  /* Without a name the server answers with an error reply, which ends the
   * subscribe mode at once. */
  if (n_args < 2)
    {
      *outcome = cli_run_command (cli, args, n_args);
      return TRUE;
    }

  names = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 1; i < n_args; i++)
    g_ptr_array_add (names, g_strndup (g_bytes_get_data (args[i], NULL), g_bytes_get_size (args[i])));
  g_ptr_array_add (names, NULL);

  early = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);
  sub.early = early;
  sub.loop = g_main_loop_new (NULL, FALSE);
  sigint_id = g_unix_signal_add (SIGINT, on_sigint, &sub);
  sigterm_id = g_unix_signal_add (SIGTERM, on_sigterm, &sub);

  pubsub = gredis_pubsub_new (cli->client);
  g_signal_connect (pubsub, "message::channel", G_CALLBACK (on_channel_message), &sub);
  g_signal_connect (pubsub, "message::pattern", G_CALLBACK (on_pattern_message), &sub);
  g_signal_connect (pubsub, "message::shard", G_CALLBACK (on_shard_message), &sub);
  g_signal_connect (pubsub, "notify::connected", G_CALLBACK (on_connected), &sub);
  switch (kind)
    {
    case 0:
      sub.finish = gredis_pubsub_subscribe_finish;
      gredis_pubsub_subscribe_async (pubsub, (const char * const *) names->pdata, NULL, on_subscribed, &sub);
      break;
    case 1:
      sub.finish = gredis_pubsub_psubscribe_finish;
      gredis_pubsub_psubscribe_async (pubsub, (const char * const *) names->pdata, NULL, on_subscribed, &sub);
      break;
    default:
      sub.finish = gredis_pubsub_ssubscribe_finish;
      gredis_pubsub_ssubscribe_async (pubsub, (const char * const *) names->pdata, NULL, on_subscribed, &sub);
      break;
    }
  g_main_loop_run (sub.loop);

  if (sub.ok)
    {
      /* The confirmations, with the count of subscriptions the server
       * gives: the connection is new, so that is the number of names
       * given so far, without repeats. */
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i + 1 < names->len; i++)
        {
          const char *strings[] = { verb, names->pdata[i] };

          g_hash_table_add (seen, names->pdata[i]);
          print_frame (cli, strings, 2, NULL, g_hash_table_size (seen));
        }
      sub.confirmed = TRUE;
      for (guint i = 0; i < early->len; i++)
        cli_print_reply (cli, early->pdata[i]);

      if (sub.end_signal == 0)
        g_main_loop_run (sub.loop);
    }

  g_signal_handlers_disconnect_by_data (pubsub, &sub);
  gredis_pubsub_close (pubsub);
  /* An interrupted subscription call still returns, with an error. */
  while (!sub.done)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (sigint_id);
  g_source_remove (sigterm_id);
  g_main_loop_unref (sub.loop);

  if (sub.end_signal == SIGTERM)
    {
      cli->terminated = TRUE;
      *outcome = OUTCOME_STOP;
    }
  else if (sub.end_signal == SIGINT)
    *outcome = OUTCOME_DONE;
  else if (sub.lost)
    {
      g_printerr ("gredis-cli: %s\n", _("The server closed the connection."));
      *outcome = OUTCOME_FAILED;
    }
  else if (is_server_error (sub.error))
    {
      /* A refused subscription (an ACL, say) is an error reply. */
      g_autoptr(GredisReply) error_reply = gredis_reply_new_string (GREDIS_REPLY_ERROR, sub.error->message, -1);

      cli_print_reply (cli, error_reply);
      *outcome = OUTCOME_DONE;
    }
  else
    {
      g_printerr ("gredis-cli: %s\n", sub.error->message);
      *outcome = OUTCOME_FAILED;
    }
  g_clear_error (&sub.error);
  return TRUE;
}
