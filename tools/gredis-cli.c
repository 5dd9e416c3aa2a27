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


#include "gredis-cli-private.h"

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
  /* the modes (gredis-cli-scan.c and its neighbours) */
  gint64 repeat;
  double interval;
  gboolean stdin_last_arg;
  gboolean set_errcode;
  gboolean resp2;
  gboolean json;
  gboolean quoted_json;
  gboolean scan;
  char *pattern;
  char *quoted_pattern;
  int count;
  gboolean bigkeys;
  gboolean memkeys;
  int memkeys_samples;
  gboolean latency;
  gboolean latency_history;
  gboolean stat;
  gboolean no_client_columns;
  char *eval;
  gboolean pipe;
  int pipe_timeout;
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
  g_free (o->pattern);
  g_free (o->quoted_pattern);
  g_free (o->eval);
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
      !set (config, "protocol", o->resp2 ? "2" : o->resp3 || o->json || o->quoted_json ? "3" : NULL, error) ||
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
  g_auto(Options) o = { .port = -1, .db = -1, .repeat = 1, .memkeys_samples = -1, .pipe_timeout = 30 };
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
    { "repeat", 'r', 0, G_OPTION_ARG_INT64, &o.repeat, N_("Execute the command N times (a negative N: without end)"), N_("N") },
    { "interval", 'i', 0, G_OPTION_ARG_DOUBLE, &o.interval, N_("Wait SECONDS after each command with -r (sub-second values like 0.1 work); also per cycle of --scan, --stat and --latency, and per 100 cycles of --bigkeys and --memkeys"), N_("SECONDS") },
    { "stdin-last-arg", 'x', 0, G_OPTION_ARG_NONE, &o.stdin_last_arg, N_("Read the last argument of the command from standard input"), NULL },
    { "errors", 'e', 0, G_OPTION_ARG_NONE, &o.set_errcode, N_("Exit with status 1 when the command replies with an error"), NULL },
    { "resp2", '2', 0, G_OPTION_ARG_NONE, &o.resp2, N_("Start the session in RESP2 protocol mode"), NULL },
    { "json", 0, 0, G_OPTION_ARG_NONE, &o.json, N_("Output in JSON format (RESP3 unless -2 is given)"), NULL },
    { "quoted-json", 0, 0, G_OPTION_ARG_NONE, &o.quoted_json, N_("Same as --json, but with ASCII-safe quoted strings"), NULL },
    { "scan", 0, 0, G_OPTION_ARG_NONE, &o.scan, N_("List all keys using the SCAN command"), NULL },
    { "pattern", 0, 0, G_OPTION_ARG_STRING, &o.pattern, N_("Keys pattern for --scan, --bigkeys and --memkeys (default: *)"), N_("PATTERN") },
    { "quoted-pattern", 0, 0, G_OPTION_ARG_STRING, &o.quoted_pattern, N_("Same as --pattern, but quoted as a command argument, for patterns that are not binary-safe"), N_("PATTERN") },
    { "count", 0, 0, G_OPTION_ARG_INT, &o.count, N_("COUNT hint of each SCAN with --scan"), N_("N") },
    { "bigkeys", 0, 0, G_OPTION_ARG_NONE, &o.bigkeys, N_("Sample keys looking for keys with many elements"), NULL },
    { "memkeys", 0, 0, G_OPTION_ARG_NONE, &o.memkeys, N_("Sample keys looking for keys consuming a lot of memory"), NULL },
    { "memkeys-samples", 0, 0, G_OPTION_ARG_INT, &o.memkeys_samples, N_("Like --memkeys, with N elements sampled by MEMORY USAGE"), N_("N") },
    { "latency", 0, 0, G_OPTION_ARG_NONE, &o.latency, N_("Sample the latency of PING continuously (one line after -i seconds, default 1, when not on a terminal)"), NULL },
    { "latency-history", 0, 0, G_OPTION_ARG_NONE, &o.latency_history, N_("Like --latency, starting over every -i seconds (default 15)"), NULL },
    { "stat", 0, 0, G_OPTION_ARG_NONE, &o.stat, N_("Print rolling stats about the server: keys, memory, clients, …; then the client's own: latency, errors, retries, reconnects"), NULL },
    { "no-client-columns", 0, 0, G_OPTION_ARG_NONE, &o.no_client_columns, N_("With --stat, print only redis-cli's columns, not the client's own"), NULL },
    { "eval", 0, 0, G_OPTION_ARG_FILENAME, &o.eval, N_("Send an EVAL of the Lua script in FILE; the arguments are keys, then “,” and arguments"), N_("FILE") },
    { "pipe", 0, 0, G_OPTION_ARG_NONE, &o.pipe, N_("Transfer the raw protocol read from standard input to the server"), NULL },
    { "pipe-timeout", 0, 0, G_OPTION_ARG_INT, &o.pipe_timeout, N_("With --pipe, give up after N seconds without a reply once all is sent (default 30, 0: wait for ever)"), N_("N") },
    { "help", 0, 0, G_OPTION_ARG_NONE, &o.help, N_("Show this help and exit"), NULL },
    { "version", 'v', 0, G_OPTION_ARG_NONE, &o.version, N_("Output version and exit"), NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) pattern = NULL;
  Cli cli = { 0 };
  gboolean interactive;
  int status = 0;

  setlocale (LC_ALL, "");
  /* Figures as redis-cli prints them, whatever the locale */
  setlocale (LC_NUMERIC, "C");
  bindtextdomain (GETTEXT_PACKAGE, GREDIS_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");

  context = g_option_context_new (_("[COMMAND [ARG…]]"));
  g_option_context_set_summary (context,
                                _("Sends one command given as arguments, or one command per line\n"
                                  "of standard input, and prints the replies as redis-cli does.\n"
                                  "With no command on a terminal, reads commands interactively\n"
                                  "(type HELP there). With --scan, --bigkeys, --memkeys, --latency,\n"
                                  "--stat, --eval or --pipe, runs that mode of redis-cli instead\n"
                                  "(see gredis-cli(1))."));
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
  cli.from_stdin = argc <= 1 && o.eval == NULL;
  cli.config = config;
  cli.output = o.json ? CLI_OUTPUT_JSON : o.quoted_json ? CLI_OUTPUT_QUOTED_JSON : CLI_OUTPUT_DEFAULT;
  cli.set_errcode = o.set_errcode;
  cli.interval_us = o.interval * G_USEC_PER_SEC;
  if (o.quoted_pattern != NULL)
    {
      gboolean ok;
      g_autoptr(GPtrArray) words = cli_split_args (o.quoted_pattern, &ok);

      if (!ok || words->len != 1)
        {
          g_printerr ("Invalid quoted string specified for --quoted-pattern.\n");
          return 1;
        }
      pattern = g_bytes_ref (words->pdata[0]);
    }
  else if (o.pattern != NULL)
    pattern = g_bytes_new (o.pattern, strlen (o.pattern));
  /* --stat shows the client's own view of its connection too */
  if (o.stat && !o.no_client_columns)
    cli_metrics_observe (config);
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
  interactive = argc <= 1 && isatty (STDIN_FILENO) && isatty (STDOUT_FILENO);
  cli.connection = connect_client (cli.client, &error);
  /* As redis-cli, the interactive mode starts "not connected". */
  if (cli.connection == NULL && interactive)
    g_printerr ("%s\n", error->message);
  else if (cli.connection == NULL)
    {
      g_printerr ("gredis-cli: %s\n", error->message);
      g_clear_object (&cli.client);
      g_clear_object (&cli.node_config);
      return 1;
    }

  /* The modes, in redis-cli's order */
  if (o.latency || o.latency_history)
    status = cli_latency_mode (&cli, o.latency_history);
  else if (o.pipe)
    status = cli_pipe_mode (&cli, o.pipe_timeout);
  else if (o.bigkeys)
    status = cli_bigkeys_mode (&cli, pattern, FALSE, 0);
  else if (o.memkeys || o.memkeys_samples >= 0)
    status = cli_bigkeys_mode (&cli, pattern, TRUE, MAX (o.memkeys_samples, 0));
  else if (o.stat)
    status = cli_stat_mode (&cli, !o.no_client_columns);
  else if (o.scan)
    status = cli_scan_mode (&cli, pattern, MAX (o.count, 0));
  else if (o.eval != NULL)
    status = cli_eval_mode (&cli, o.eval, argc - 1, argv + 1, o.repeat);
  else if (argc > 1)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      for (int i = 1; i < argc; i++)
        g_ptr_array_add (args, g_bytes_new (argv[i], strlen (argv[i])));
      if (o.stdin_last_arg)
        g_ptr_array_add (args, cli_read_stdin ());
      status = cli_run_line (&cli, (GBytes **) args->pdata, args->len, o.repeat) == OUTCOME_FAILED ? 1 : 0;
    }
  else if (interactive)
    status = cli_run_repl (&cli, cli.cluster ? cli.node_config : config);
  else
    status = cli_run_stdin (&cli);

  if (cli.client != NULL)
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
