/* gredis-cli-command.c: running one command, following redirects with -c
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

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

Outcome
cli_run_command (Cli             *cli,
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

  /* INFO, CLIENT LIST …: printed as they are, as redis-cli prints them */
  cli->verbatim = cli_is_verbatim_command (n_args, argv, lengths);

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

  cli->last_reply_kind = gredis_reply_get_kind (cli->reply);
  /* As redis-cli, an error reply is output, not a failure; with -e and
   * a command from the arguments, it goes to standard error and ends
   * with status 1. */
  if (cli->set_errcode && !cli->from_stdin &&
      gredis_reply_get_kind (cli->reply) == GREDIS_REPLY_ERROR)
    {
      const char *text = gredis_reply_get_string (cli->reply, NULL);

      fprintf (stderr, "%s\n", text);
      g_clear_pointer (&cli->reply, gredis_reply_unref);
      return OUTCOME_FAILED;
    }
  cli_print_reply (cli, cli->reply);
  cli->verbatim = FALSE;
  g_clear_pointer (&cli->reply, gredis_reply_unref);
  return OUTCOME_DONE;
}
