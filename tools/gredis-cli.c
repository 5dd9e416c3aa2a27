/* gredis-cli.c: redis-cli's everyday interface on top of Gredis
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <signal.h>
#include <glib-unix.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

typedef struct
{
  GredisClient *client;
  GredisConnection *connection;
  gboolean raw;
  gboolean cluster;             /* -c: follow MOVED and ASK as redis-cli -c */
  gboolean from_stdin;          /* commands come from standard input */
  GredisConfig *node_config;    /* with -c: the configuration of one node */
  gboolean terminated;          /* SIGTERM came during a subscription */
  gboolean done;
  GredisReply *reply;
  GError *error;
} Cli;

/* Output: redis-cli's raw format (the human one is gredis_reply_to_string()) */

static void
format_raw (GString           *out,
            const GredisReply *reply)
{
  gsize len = 0;
  const char *s;

  switch (gredis_reply_get_kind (reply))
    {
    case GREDIS_REPLY_NIL:
      break;
    case GREDIS_REPLY_ERROR:
      s = gredis_reply_get_string (reply, &len);
      g_string_append_len (out, s, len);
      g_string_append_c (out, '\n');
      break;
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_VERBATIM:
    case GREDIS_REPLY_DOUBLE:
    case GREDIS_REPLY_BIG_NUMBER:
      s = gredis_reply_get_string (reply, &len);
      g_string_append_len (out, s, len);
      break;
    case GREDIS_REPLY_BOOLEAN:
      g_string_append (out, gredis_reply_get_boolean (reply) ? "(true)" : "(false)");
      break;
    case GREDIS_REPLY_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, gredis_reply_get_integer (reply));
      break;
    case GREDIS_REPLY_ARRAY:
    case GREDIS_REPLY_SET:
    case GREDIS_REPLY_PUSH:
      for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
        {
          if (i > 0)
            g_string_append_c (out, '\n');
          format_raw (out, gredis_reply_get_element (reply, i));
        }
      break;
    case GREDIS_REPLY_MAP:
      for (gsize i = 0; i + 1 < gredis_reply_get_n_elements (reply); i += 2)
        {
          if (i > 0)
            g_string_append_c (out, '\n');
          format_raw (out, gredis_reply_get_element (reply, i));
          g_string_append_c (out, ' ');
          format_raw (out, gredis_reply_get_element (reply, i + 1));
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
print_reply (Cli         *cli,
             GredisReply *reply)
{
  if (cli->raw)
    {
      GString *out = g_string_new (NULL);

      format_raw (out, reply);
      g_string_append_c (out, '\n');
      fwrite (out->str, 1, out->len, stdout);
      g_string_free (out, TRUE);
    }
  else
    {
      g_autofree char *text = gredis_reply_to_string (reply);
      fwrite (text, 1, strlen (text), stdout);
    }
  fflush (stdout);
}

/* Splitting a line into arguments, as redis-cli does: "double quotes"
 * with \n \r \t \b \a \xHH escapes, 'single quotes' with \' only. */
static GPtrArray *
split_args (const char  *line,
            gboolean    *ok)
{
  GPtrArray *args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *p = line;

  *ok = TRUE;
  for (;;)
    {
      GByteArray *current;
      gboolean in_dq = FALSE, in_sq = FALSE, done = FALSE;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        return args;

      current = g_byte_array_new ();
      while (!done)
        {
          if (in_dq)
            {
              if (p[0] == '\\' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]))
                {
                  guint8 byte = g_ascii_xdigit_value (p[2]) * 16 + g_ascii_xdigit_value (p[3]);
                  g_byte_array_append (current, &byte, 1);
                  p += 3;
                }
              else if (p[0] == '\\' && p[1] != '\0')
                {
                  guint8 c;

                  p++;
                  switch (*p)
                    {
                    case 'n': c = '\n'; break;
                    case 'r': c = '\r'; break;
                    case 't': c = '\t'; break;
                    case 'b': c = '\b'; break;
                    case 'a': c = '\a'; break;
                    default: c = *p; break;
                    }
                  g_byte_array_append (current, &c, 1);
                }
              else if (*p == '"')
                {
                  /* The closing quote must be followed by a space or
                   * nothing at all. */
                  if (p[1] != '\0' && !g_ascii_isspace (p[1]))
                    goto err;
                  done = TRUE;
                }
              else if (*p == '\0')
                goto err;
              else
                g_byte_array_append (current, (const guint8 *) p, 1);
            }
          else if (in_sq)
            {
              if (p[0] == '\\' && p[1] == '\'')
                {
                  p++;
                  g_byte_array_append (current, (const guint8 *) "'", 1);
                }
              else if (*p == '\'')
                {
                  if (p[1] != '\0' && !g_ascii_isspace (p[1]))
                    goto err;
                  done = TRUE;
                }
              else if (*p == '\0')
                goto err;
              else
                g_byte_array_append (current, (const guint8 *) p, 1);
            }
          else
            {
              switch (*p)
                {
                case ' ':
                case '\n':
                case '\r':
                case '\t':
                case '\0':
                  done = TRUE;
                  break;
                case '"':
                  in_dq = TRUE;
                  break;
                case '\'':
                  in_sq = TRUE;
                  break;
                default:
                  g_byte_array_append (current, (const guint8 *) p, 1);
                  break;
                }
            }
          if (*p != '\0')
            p++;
        }
      g_ptr_array_add (args, g_byte_array_free_to_bytes (current));
      continue;

    err:
      g_byte_array_unref (current);
      *ok = FALSE;
      return args;
    }
}

/* Running commands */

static void
on_reply (GredisConnection *connection,
          GredisReply      *reply,
          const GError     *error,
          gpointer          user_data)
{
  Cli *cli = user_data;

  cli->done = TRUE;
  if (reply != NULL)
    cli->reply = gredis_reply_ref (reply);
  else
    cli->error = g_error_copy (error);
}

/* How a command ended */
typedef enum
{
  OUTCOME_DONE,       /* a reply (error replies included): go on */
  OUTCOME_STOP,       /* stop reading commands (SIGTERM) */
  OUTCOME_FAILED,     /* the connection failed, the message is printed: exit with status 1 */
} Outcome;

/* Cluster mode (-c) */

/* Redirects followed for one command before its last reply is printed as
 * it is: redis-cli follows them without end, which a cluster whose nodes
 * disagree would turn into a loop. */
#define MAX_REDIRECTS 16

static void
on_asking_reply (GredisConnection *connection,
                 GredisReply      *reply,
                 const GError     *error,
                 gpointer          user_data)
{
  /* Its +OK is not printed, as redis-cli does not; an error, if any,
   * comes again with the command that follows it. */
}

/* Whether @reply is a MOVED or ASK error reply ("MOVED 3999
 * 127.0.0.1:6381"); if so, sets @ask, @host (empty when the server does
 * not know the node's endpoint) and @port. */
static gboolean
parse_redirect (GredisReply  *reply,
                gboolean     *ask,
                char        **host,
                guint16      *port)
{
  gsize length = 0;
  const char *text;
  const char *address, *colon;
  g_autofree char *copy = NULL;
  guint64 value;
  char *end;

  if (gredis_reply_get_kind (reply) != GREDIS_REPLY_ERROR)
    return FALSE;
  text = gredis_reply_get_string (reply, &length);
  copy = g_strndup (text, length);
  if (g_str_has_prefix (copy, "MOVED "))
    *ask = FALSE;
  else if (g_str_has_prefix (copy, "ASK "))
    *ask = TRUE;
  else
    return FALSE;

  address = strchr (strchr (copy, ' ') + 1, ' ');
  if (address == NULL)
    return FALSE;
  address++;
  colon = strrchr (address, ':');
  if (colon == NULL)
    return FALSE;
  value = g_ascii_strtoull (colon + 1, &end, 10);
  if (end == colon + 1 || *end != '\0' || value == 0 || value > G_MAXUINT16)
    return FALSE;
  *host = g_strndup (address, colon - address);
  *port = value;
  return TRUE;
}

/* The slot of a reply parse_redirect() accepted. */
static guint
parse_redirect_slot (GredisReply *reply)
{
  const char *text = gredis_reply_get_string (reply, NULL);

  return (guint) g_ascii_strtoull (strchr (text, ' ') + 1, NULL, 10);
}

/* Connects to the node @host:@port with the options of the command line,
 * which becomes the node commands go to. An empty @host (a node whose
 * endpoint the server does not know) is the current one, as for
 * redis-cli. */
static gboolean
cli_connect_node (Cli         *cli,
                  const char  *host,
                  guint16      port,
                  GError     **error)
{
  g_autoptr(GredisConfig) config = gredis_config_dup (cli->node_config);
  g_autoptr(GredisClient) client = NULL;
  GredisConnection *connection;

  gredis_config_set_path (config, NULL);
  if (host[0] != '\0')
    gredis_config_set_host (config, host);
  gredis_config_set_port (config, port);
  client = gredis_client_new (config);
  connection = gredis_client_get_connection (client, error);
  if (connection == NULL)
    return FALSE;

  if (cli->client != NULL)
    gredis_client_close (cli->client);
  g_clear_object (&cli->connection);
  g_clear_object (&cli->client);
  g_set_object (&cli->node_config, config);
  cli->client = g_steal_pointer (&client);
  cli->connection = connection;
  return TRUE;
}

static Outcome
run_command (Cli             *cli,
             GBytes * const  *args,
             guint            n_args)
{
  g_autofree const char **argv = g_new (const char *, n_args);
  g_autofree gsize *lengths = g_new (gsize, n_args);

  for (guint i = 0; i < n_args; i++)
    argv[i] = g_bytes_get_data (args[i], &lengths[i]);
  if (argv[0] == NULL)
    argv[0] = "";

  /* Blocking commands (BLPOP, XREAD BLOCK, WAIT …) wait as long as their
   * arguments say, as with redis-cli: no command timeout for them. The
   * connection serves this process alone, one command at a time, so
   * MULTI … EXEC and WATCH read from standard input share it. */
  const GredisCommandInfo *info = gredis_command_table_lookup_argv (1, argv, lengths);
  gboolean blocking = (info != NULL && gredis_command_info_is_blocking (info)) ||
                      (lengths[0] == 4 && g_ascii_strncasecmp (argv[0], "WAIT", 4) == 0) ||
                      (lengths[0] == 7 && g_ascii_strncasecmp (argv[0], "WAITAOF", 7) == 0);
  gboolean asking = FALSE;

  for (guint redirects = 0;; redirects++)
    {
      g_autofree char *host = NULL;
      guint16 port = 0;
      guint timeout_ms = gredis_connection_get_command_timeout_ms (cli->connection);

      if (blocking)
        gredis_connection_set_command_timeout_ms (cli->connection, 0);
      cli->done = FALSE;
      /* After ASK, ASKING and the command go out in one write. */
      if (asking)
        {
          const char *asking_argv[] = { "ASKING" };

          gredis_connection_send_command_full (cli->connection, 1, asking_argv, NULL,
                                               on_asking_reply, NULL);
        }
      gredis_connection_send_command_full (cli->connection, n_args, argv, lengths, on_reply, cli);
      while (!cli->done)
        g_main_context_iteration (NULL, TRUE);
      if (blocking)
        gredis_connection_set_command_timeout_ms (cli->connection, timeout_ms);

      if (cli->error != NULL)
        {
          g_printerr ("%s\n", cli->error->message);
          g_clear_error (&cli->error);
          return OUTCOME_FAILED;
        }
      if (!cli->cluster || redirects == MAX_REDIRECTS ||
          !parse_redirect (cli->reply, &asking, &host, &port))
        break;

      /* As redis-cli -c: say where the command goes when reading
       * commands (redis-cli's interactive mode, which it uses for
       * standard input too), then stay on that node. */
      if (cli->from_stdin)
        {
          g_print ("-> Redirected to slot [%u] located at %s:%u\n",
                   parse_redirect_slot (cli->reply), host, port);
          fflush (stdout);
        }
      g_clear_pointer (&cli->reply, gredis_reply_unref);
      if (!cli_connect_node (cli, host, port, &cli->error))
        {
          g_printerr ("%s\n", cli->error->message);
          g_clear_error (&cli->error);
          return OUTCOME_FAILED;
        }
    }

  /* As redis-cli, an error reply is output, not a failure. */
  print_reply (cli, cli->reply);
  g_clear_pointer (&cli->reply, gredis_reply_unref);
  return OUTCOME_DONE;
}

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
  print_reply (cli, frame);
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
static gboolean
run_subscribe (Cli            *cli,
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

  if (!cli->raw)
    {
      g_print ("Reading messages... (press Ctrl-C to quit)\n");
      fflush (stdout);
    }

  /* Without a name the server answers with an error reply, which ends the
   * subscribe mode at once. */
  if (n_args < 2)
    {
      *outcome = run_command (cli, args, n_args);
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
        print_reply (cli, early->pdata[i]);

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

      print_reply (cli, error_reply);
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

/* Standard input: one command per line, as redis-cli reads them when
 * its standard input is not a terminal. */

static gboolean
is_word (GBytes     *arg,
         const char *word)
{
  gsize size;
  const char *data = g_bytes_get_data (arg, &size);

  return size == strlen (word) && g_ascii_strncasecmp (data, word, size) == 0;
}

static Outcome
run_line (Cli            *cli,
          GBytes * const *args,
          guint           n_args,
          long            repeat)
{
  Outcome outcome = OUTCOME_DONE;

  /* A subscription runs until it is interrupted, so only once. */
  if (run_subscribe (cli, args, n_args, &outcome))
    return outcome;
  for (long i = 0; i < repeat && outcome == OUTCOME_DONE; i++)
    outcome = run_command (cli, args, n_args);
  return outcome;
}

static int
run_stdin (Cli *cli)
{
  g_autoptr(GIOChannel) in = g_io_channel_unix_new (STDIN_FILENO);

  g_io_channel_set_encoding (in, NULL, NULL);
  for (;;)
    {
      g_autofree char *line = NULL;
      g_autofree char *first = NULL;
      g_autoptr(GPtrArray) args = NULL;
      gsize length = 0;
      gboolean ok;
      long repeat = 1;
      guint skip = 0;
      char *end;
      gint64 start;
      Outcome outcome;
      GIOStatus io = g_io_channel_read_line (in, &line, &length, NULL, NULL);

      if (io != G_IO_STATUS_NORMAL)
        break;
      args = split_args (line, &ok);
      if (!ok)
        {
          g_print ("Invalid argument(s)\n");
          fflush (stdout);
          continue;
        }
      if (args->len == 0)
        continue;

      /* "N COMMAND …" runs COMMAND N times. */
      first = g_strndup (g_bytes_get_data (args->pdata[0], NULL), g_bytes_get_size (args->pdata[0]));
      errno = 0;
      repeat = strtol (first, &end, 10);
      if (args->len > 1 && *end == '\0')
        {
          if (errno == ERANGE || errno == EINVAL || repeat <= 0)
            {
              g_print ("Invalid redis-cli repeat command option value.\n");
              fflush (stdout);
              continue;
            }
          skip = 1;
        }
      else
        repeat = 1;

      if (is_word (args->pdata[0], "quit") || is_word (args->pdata[0], "exit"))
        break;

      start = g_get_monotonic_time ();
      outcome = run_line (cli, (GBytes **) args->pdata + skip, args->len - skip, repeat);
      if (outcome == OUTCOME_FAILED)
        return 1;
      if (outcome == OUTCOME_STOP)
        break;

      /* As redis-cli, the time a command took when it took half a second
       * or more, in the human format. */
      if (!cli->raw)
        {
          gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;

          if (elapsed_ms >= 500)
            {
              char buffer[G_ASCII_DTOSTR_BUF_SIZE];

              g_print ("(%ss)\n", g_ascii_formatd (buffer, sizeof buffer, "%.2f", elapsed_ms / 1000.0));
              fflush (stdout);
            }
        }
    }
  return 0;
}

/* Plugins */

static void
list_plugins (void)
{
  static const GredisPluginKind kinds[] = {
    GREDIS_PLUGIN_TRANSPORT, GREDIS_PLUGIN_PARSER,
    GREDIS_PLUGIN_BACKOFF_POLICY, GREDIS_PLUGIN_POOL, GREDIS_PLUGIN_OBSERVER,
  };

  g_print ("%-10s %-22s %8s  %s\n", "KIND", "NAME", "PRIORITY", "FILE");
  for (gsize k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GList *list = gredis_plugins_list (kinds[k]);

      for (GList *l = list; l != NULL; l = l->next)
        {
          GredisPluginInfo *info = l->data;
          const char *file = gredis_plugin_info_get_filename (info);

          g_print ("%-10s %-22s %8d  %s\n", gredis_plugin_kind_to_string (kinds[k]),
                   gredis_plugin_info_get_name (info), gredis_plugin_info_get_priority (info),
                   file != NULL ? file : "(built-in)");
        }
      g_list_free_full (list, (GDestroyNotify) gredis_plugin_info_unref);
    }
}

/* Options */

typedef struct
{
  char *host;
  int port;
  char *socket;
  char *password;
  char *user;
  int db;
  char *uri;
  gboolean resp3;
  gboolean tls;
  char *cacert;
  char *cert;
  char *key;
  char *sni;
  gboolean insecure;
  gboolean raw;
  gboolean no_raw;
  gboolean cluster;
  char *config_file;
  char *parser;
  char *transport;
  char *backoff;
  char **options;
  gboolean list_plugins;
  gboolean help;
  gboolean version;
} Options;

static void
options_clear (Options *o)
{
  g_free (o->host);
  g_free (o->socket);
  g_free (o->password);
  g_free (o->user);
  g_free (o->uri);
  g_free (o->cacert);
  g_free (o->cert);
  g_free (o->key);
  g_free (o->sni);
  g_free (o->config_file);
  g_free (o->parser);
  g_free (o->transport);
  g_free (o->backoff);
  g_strfreev (o->options);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Options, options_clear)

static gboolean
set (GredisConfig  *config,
     const char    *key,
     const char    *value,
     GError       **error)
{
  return value == NULL || gredis_config_set_option (config, key, value, error);
}

static GredisConfig *
make_config (Options  *o,
             GError  **error)
{
  g_autoptr(GredisConfig) config = NULL;
  g_autofree char *port = o->port >= 0 ? g_strdup_printf ("%d", o->port) : NULL;
  g_autofree char *db = o->db >= 0 ? g_strdup_printf ("%d", o->db) : NULL;

  if (o->config_file != NULL)
    config = gredis_config_new_from_file (o->config_file, error);
  else
    config = gredis_config_new ();
  if (config == NULL)
    return NULL;
  if (o->uri != NULL && !gredis_config_set_uri (config, o->uri, error))
    return NULL;

  if (!set (config, "host", o->host, error) ||
      !set (config, "port", port, error) ||
      !set (config, "path", o->socket, error) ||
      !set (config, "password", o->password, error) ||
      !set (config, "username", o->user, error) ||
      !set (config, "db", db, error) ||
      !set (config, "protocol", o->resp3 ? "3" : NULL, error) ||
      !set (config, "transport", o->tls ? "tls" : NULL, error) ||
      !set (config, "tls-ca-file", o->cacert, error) ||
      !set (config, "tls-cert-file", o->cert, error) ||
      !set (config, "tls-key-file", o->key, error) ||
      !set (config, "tls-server-name", o->sni, error) ||
      !set (config, "tls-verify", o->insecure ? "none" : NULL, error) ||
      !set (config, "parser", o->parser, error) ||
      !set (config, "transport", o->transport, error) ||
      !set (config, "backoff", o->backoff, error))
    return NULL;

  for (guint i = 0; o->options != NULL && o->options[i] != NULL; i++)
    {
      g_auto(GStrv) kv = g_strsplit (o->options[i], "=", 2);

      if (kv[1] == NULL)
        {
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       _("The option “%s” is not of the form KEY=VALUE."), kv[0]);
          return NULL;
        }
      if (!gredis_config_set_option (config, kv[0], kv[1], error))
        return NULL;
    }
  return g_steal_pointer (&config);
}

static void
on_ping (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* The client's connection of this main context. A pool that finds its
 * server first (sentinel) makes it only asynchronously: a PING lets it,
 * and its error is the one to show. */
static GredisConnection *
connect_client (GredisClient  *client,
                GError       **error)
{
  const char *ping[] = { "PING", NULL };
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GredisReply) reply = NULL;
  GredisConnection *connection;
  GError *local_error = NULL;

  connection = gredis_client_get_connection (client, &local_error);
  if (connection != NULL || !g_error_matches (local_error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return connection;
    }
  g_clear_error (&local_error);
  gredis_client_command_async (client, ping, NULL, on_ping, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = gredis_client_command_finish (client, result, error);
  if (reply == NULL)
    return NULL;
  return gredis_client_get_connection (client, error);
}

int
main (int    argc,
      char **argv)
{
  g_auto(Options) o = { .port = -1, .db = -1 };
  GOptionEntry entries[] = {
    { "host", 'h', 0, G_OPTION_ARG_STRING, &o.host, N_("Server hostname (default: 127.0.0.1)"), N_("HOST") },
    { "port", 'p', 0, G_OPTION_ARG_INT, &o.port, N_("Server port (default: 6379)"), N_("PORT") },
    { "socket", 's', 0, G_OPTION_ARG_FILENAME, &o.socket, N_("Server socket (overrides hostname and port)"), N_("PATH") },
    { "pass", 'a', 0, G_OPTION_ARG_STRING, &o.password, N_("Password to use when connecting to the server"), N_("PASSWORD") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &o.user, N_("ACL user name, used with -a"), N_("USER") },
    { "db", 'n', 0, G_OPTION_ARG_INT, &o.db, N_("Database number"), N_("DB") },
    { "uri", 'u', 0, G_OPTION_ARG_STRING, &o.uri, N_("Server URI (redis://, rediss://, unix://, or redis+sentinel://host:port,…/master-name)"), N_("URI") },
    { "resp3", '3', 0, G_OPTION_ARG_NONE, &o.resp3, N_("Start the session in RESP3 protocol mode"), NULL },
    { "tls", 0, 0, G_OPTION_ARG_NONE, &o.tls, N_("Establish a secure TLS connection"), NULL },
    { "cacert", 0, 0, G_OPTION_ARG_FILENAME, &o.cacert, N_("CA certificate file to verify with"), N_("FILE") },
    { "cert", 0, 0, G_OPTION_ARG_FILENAME, &o.cert, N_("Client certificate to authenticate with"), N_("FILE") },
    { "key", 0, 0, G_OPTION_ARG_FILENAME, &o.key, N_("Private key file to authenticate with"), N_("FILE") },
    { "sni", 0, 0, G_OPTION_ARG_STRING, &o.sni, N_("Server name indication for TLS"), N_("HOST") },
    { "insecure", 0, 0, G_OPTION_ARG_NONE, &o.insecure, N_("Allow insecure TLS connection by skipping cert validation"), NULL },
    { "cluster", 'c', 0, G_OPTION_ARG_NONE, &o.cluster, N_("Enable cluster mode (follow -MOVED and -ASK redirections); implied by redis+cluster:// URIs"), NULL },
    { "raw", 0, 0, G_OPTION_ARG_NONE, &o.raw, N_("Use raw formatting for replies (default when stdout is not a tty)"), NULL },
    { "no-raw", 0, 0, G_OPTION_ARG_NONE, &o.no_raw, N_("Force formatted output even when stdout is not a tty"), NULL },
    { "config", 0, 0, G_OPTION_ARG_FILENAME, &o.config_file, N_("Read the configuration from a key file (group [gredis])"), N_("FILE") },
    { "option", 'o', 0, G_OPTION_ARG_STRING_ARRAY, &o.options, N_("Set a configuration key (repeatable)"), N_("KEY=VALUE") },
    { "parser", 0, 0, G_OPTION_ARG_STRING, &o.parser, N_("Reply parser plugin to use"), N_("NAME") },
    { "transport", 0, 0, G_OPTION_ARG_STRING, &o.transport, N_("Transport plugin to use"), N_("NAME") },
    { "backoff", 0, 0, G_OPTION_ARG_STRING, &o.backoff, N_("Backoff policy plugin to use"), N_("NAME") },
    { "list-plugins", 0, 0, G_OPTION_ARG_NONE, &o.list_plugins, N_("List the plugins available and exit"), NULL },
    { "help", 0, 0, G_OPTION_ARG_NONE, &o.help, N_("Show this help and exit"), NULL },
    { "version", 'v', 0, G_OPTION_ARG_NONE, &o.version, N_("Output version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  Cli cli = { 0 };
  int status = 0;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, GREDIS_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  context = g_option_context_new (_("[COMMAND [ARG…]]"));
  g_option_context_set_summary (context,
                                _("Sends one command given as arguments, or one command per line\n"
                                  "of standard input, and prints the replies as redis-cli does."));
  g_option_context_set_help_enabled (context, FALSE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  /* Arguments of the command may look like options: stop at the first
   * argument that is not one of ours. */
  g_option_context_set_strict_posix (context, TRUE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("gredis-cli: %s\n", error->message);
      return 1;
    }
  if (o.help)
    {
      g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
      g_print ("%s", help);
      return 0;
    }
  if (o.version)
    {
      g_print ("gredis-cli %s\n", GREDIS_VERSION_S);
      return 0;
    }
  if (o.list_plugins)
    {
      list_plugins ();
      return 0;
    }

  config = make_config (&o, &error);
  if (config == NULL)
    {
      g_printerr ("gredis-cli: %s\n", error->message);
      return 1;
    }

  cli.raw = o.raw || (!o.no_raw && !isatty (STDOUT_FILENO));
  cli.from_stdin = argc <= 1;
  cli.cluster = o.cluster || g_strcmp0 (gredis_config_get_pool (config), "cluster") == 0;
  if (cli.cluster)
    {
      /* As redis-cli -c: one connection at a time, to the node given (the
       * first seed of a cluster URI), then to the node a redirect names. */
      cli.node_config = gredis_config_dup (config);
      gredis_config_set_seeds (cli.node_config, NULL);
      gredis_config_set_pool (cli.node_config, NULL);
      cli.client = gredis_client_new (cli.node_config);
    }
  else
    cli.client = gredis_client_new (config);
  cli.connection = connect_client (cli.client, &error);
  if (cli.connection == NULL)
    {
      g_printerr ("gredis-cli: %s\n", error->message);
      g_clear_object (&cli.client);
      g_clear_object (&cli.node_config);
      return 1;
    }

  if (argc > 1)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      Outcome outcome;

      for (int i = 1; i < argc; i++)
        g_ptr_array_add (args, g_bytes_new (argv[i], strlen (argv[i])));
      if (!run_subscribe (&cli, (GBytes **) args->pdata, args->len, &outcome))
        outcome = run_command (&cli, (GBytes **) args->pdata, args->len);
      status = outcome == OUTCOME_FAILED ? 1 : 0;
    }
  else
    status = run_stdin (&cli);

  gredis_client_close (cli.client);
  g_clear_object (&cli.connection);
  g_clear_object (&cli.client);
  g_clear_object (&cli.node_config);

  /* Cleaned up after SIGTERM: now end by it, as redis-cli does, so that
   * the parent sees why. */
  if (cli.terminated)
    {
      signal (SIGTERM, SIG_DFL);
      raise (SIGTERM);
    }
  return status;
}
