/* gredis-cli-repl.c: the interactive mode, as redis-cli's on a terminal
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <sys/ioctl.h>

#ifdef GREDIS_CLI_HAVE_LIBEDIT
#include <histedit.h>
#endif

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"
#include "gredis-cli-help-private.h"

/* As many lines as redis-cli keeps */
#define HISTORY_SIZE 100

typedef struct
{
  Cli *cli;
  GredisConfig *config;      /* where to (re)connect; CONNECT and SELECT change it */
  gboolean connected;
  gboolean in_multi;
  guint pre_multi_db;
  gboolean hints;
  char *prompt;
  char *history_file;        /* NULL: no history file */

#ifdef GREDIS_CLI_HAVE_LIBEDIT
  EditLine *el;
  History *history;
  mbstate_t mbstate;
  char *hinted_line;         /* the line a hint is shown after */
  GPtrArray *candidates;     /* Tab cycles through them, then the line typed */
  guint candidate;
  char *original;
#endif
} Repl;

/* The configuration commands go to: with -c, that of the node redirects
 * led to. */
static GredisConfig *
repl_current_config (Repl *repl)
{
  return repl->cli->cluster ? repl->cli->node_config : repl->config;
}

static void
repl_update_prompt (Repl *repl)
{
  GredisConfig *config = repl_current_config (repl);
  GString *prompt = g_string_new (NULL);
  const char *host = gredis_config_get_host (config);
  const char *path = gredis_config_get_path (config);
  guint db = gredis_config_get_db (config);

  if (!repl->connected)
    g_string_append (prompt, "not connected");
  else
    {
      if (path != NULL)
        g_string_append_printf (prompt, "redis %s", path);
      else if (host != NULL && strchr (host, ':') != NULL)
        g_string_append_printf (prompt, "[%s]:%u", host, gredis_config_get_port (config));
      else
        g_string_append_printf (prompt, "%s:%u", host, gredis_config_get_port (config));
      if (db != 0)
        g_string_append_printf (prompt, "[%u]", db);
      if (repl->in_multi)
        g_string_append (prompt, "(TX)");
    }
  g_string_append (prompt, "> ");
  g_free (repl->prompt);
  repl->prompt = g_string_free (prompt, FALSE);
}

/* Connecting again, after a failure or CONNECT */

typedef struct
{
  gboolean done;
  GError *error;
} Ping;

static void
on_ping (GredisConnection *connection,
         GredisReply      *reply,
         const GError     *error,
         gpointer          user_data)
{
  Ping *ping = user_data;

  ping->done = TRUE;
  if (error != NULL)
    ping->error = g_error_copy (error);
}

/* A connection is handed out before it is established: a PING says
 * whether it can be, as redis-cli knows once it has connected. */
static gboolean
check_connection (GredisConnection  *connection,
                  GError           **error)
{
  const char *argv[] = { "PING" };
  Ping ping = { FALSE, NULL };

  gredis_connection_send_command_full (connection, 1, argv, NULL, on_ping, &ping);
  while (!ping.done)
    g_main_context_iteration (NULL, TRUE);
  if (ping.error != NULL)
    {
      g_propagate_error (error, ping.error);
      return FALSE;
    }
  return TRUE;
}

static gboolean
repl_connect (Repl *repl)
{
  Cli *cli = repl->cli;
  g_autoptr(GredisClient) client = gredis_client_new (repl_current_config (repl));
  g_autoptr(GError) error = NULL;
  GredisConnection *connection;

  if (cli->client != NULL)
    gredis_client_close (cli->client);
  g_clear_object (&cli->connection);
  g_clear_object (&cli->client);
  repl->connected = FALSE;
  repl->in_multi = FALSE;

  connection = gredis_client_get_connection (client, &error);
  if (connection == NULL || !check_connection (connection, &error))
    {
      g_printerr ("%s\n", error->message);
      gredis_client_close (client);
      g_clear_object (&connection);
      return FALSE;
    }
  cli->client = g_steal_pointer (&client);
  cli->connection = connection;
  repl->connected = TRUE;
  return TRUE;
}

/* The history */

/* Whether @line's command holds a secret that must not be written to the
 * history (redis-cli keeps the same ones out). */
static gboolean
is_sensitive (GBytes * const *args,
              guint           n_args)
{
  if (cli_is_word (args[0], "auth"))
    return TRUE;
  if (cli_is_word (args[0], "hello") || cli_is_word (args[0], "migrate"))
    {
      for (guint i = 1; i < n_args; i++)
        if (cli_is_word (args[i], "auth") || cli_is_word (args[i], "auth2"))
          return TRUE;
      return FALSE;
    }
  if (n_args >= 2 && cli_is_word (args[0], "acl") && cli_is_word (args[1], "setuser"))
    return TRUE;
  if (n_args >= 3 && cli_is_word (args[0], "config") && cli_is_word (args[1], "set"))
    for (guint i = 2; i < n_args; i += 2)
      if (cli_is_word (args[i], "masterauth") || cli_is_word (args[i], "masteruser") ||
          cli_is_word (args[i], "requirepass"))
        return TRUE;
  return FALSE;
}

/* GREDISCLI_HISTFILE, or ~/.gredis_cli_history; /dev/null: none. */
static char *
history_file_path (void)
{
  const char *path = g_getenv ("GREDISCLI_HISTFILE");

  if (path == NULL)
    return g_build_filename (g_get_home_dir (), ".gredis_cli_history", NULL);
  if (strcmp (path, "/dev/null") == 0 || path[0] == '\0')
    return NULL;
  if (g_str_has_prefix (path, "~/"))
    return g_build_filename (g_get_home_dir (), path + 2, NULL);
  return g_strdup (path);
}

static void repl_history_add (Repl       *repl,
                              const char *line);

/* Running a line */

/* After a command, what redis-cli follows in its prompt: the database
 * SELECT chose, and whether a transaction is open. */
static void
repl_follow_state (Repl           *repl,
                   GBytes * const *args,
                   guint           n_args)
{
  gboolean failed = repl->cli->last_reply_kind == GREDIS_REPLY_ERROR;
  GredisConfig *config = repl_current_config (repl);

  if (n_args == 2 && cli_is_word (args[0], "select") && !failed)
    {
      g_autofree char *text = g_strndup (g_bytes_get_data (args[1], NULL), g_bytes_get_size (args[1]));

      gredis_config_set_db (config, (guint) g_ascii_strtoull (text, NULL, 10));
    }
  else if (n_args == 1 && cli_is_word (args[0], "multi") && !failed)
    {
      repl->in_multi = TRUE;
      repl->pre_multi_db = gredis_config_get_db (config);
    }
  else if (n_args == 1 && cli_is_word (args[0], "exec") && repl->in_multi)
    {
      repl->in_multi = FALSE;
      if (failed || repl->cli->last_reply_kind == GREDIS_REPLY_NIL)
        gredis_config_set_db (config, repl->pre_multi_db);
    }
  else if (n_args == 1 && cli_is_word (args[0], "discard") && !failed)
    {
      repl->in_multi = FALSE;
      gredis_config_set_db (config, repl->pre_multi_db);
    }
}

/* Runs @args @repeat times, connecting first if the connection was lost.
 * Returns FALSE to leave the REPL (SIGTERM during a subscription). */
static gboolean
repl_run_command (Repl           *repl,
                  GBytes * const *args,
                  guint           n_args,
                  long            repeat)
{
  Outcome outcome;
  gint64 start;

  /* HELP needs no server. */
  if (!repl->connected && !cli_is_word (args[0], "help") && !cli_is_word (args[0], "?") &&
      !repl_connect (repl))
    return TRUE;

  start = g_get_monotonic_time ();
  outcome = cli_run_line (repl->cli, args, n_args, repeat);
  if (outcome == OUTCOME_STOP)
    return FALSE;
  if (outcome == OUTCOME_FAILED)
    {
      /* The message is printed: on with "not connected>", the next
       * command connects again, as with redis-cli. */
      if (repl->cli->client != NULL)
        gredis_client_close (repl->cli->client);
      g_clear_object (&repl->cli->connection);
      g_clear_object (&repl->cli->client);
      repl->connected = FALSE;
      repl->in_multi = FALSE;
      return TRUE;
    }
  repl_follow_state (repl, args, n_args);

  if (!repl->cli->raw)
    {
      gint64 elapsed_ms = (g_get_monotonic_time () - start) / 1000;

      if (elapsed_ms >= 500)
        {
          char buffer[G_ASCII_DTOSTR_BUF_SIZE];

          g_print ("(%ss)\n", g_ascii_formatd (buffer, sizeof buffer, "%.2f", elapsed_ms / 1000.0));
          fflush (stdout);
        }
    }
  return TRUE;
}

/* Runs one line typed; returns FALSE to leave the REPL. */
static gboolean
repl_run_line (Repl       *repl,
               const char *line)
{
  g_autoptr(GPtrArray) args = NULL;
  g_autofree char *first = NULL;
  GBytes **argv;
  guint argc;
  gboolean ok;
  long repeat = 1;
  gboolean bad_repeat = FALSE;
  char *end;

  if (line[0] == '\0')
    return TRUE;
  args = cli_split_args (line, &ok);
  if (!ok)
    {
      g_print ("Invalid argument(s)\n");
      fflush (stdout);
      repl_history_add (repl, line);
      return TRUE;
    }
  if (args->len == 0)
    return TRUE;

  argv = (GBytes **) args->pdata;
  argc = args->len;

  /* "N COMMAND …" runs COMMAND N times. */
  first = g_strndup (g_bytes_get_data (argv[0], NULL), g_bytes_get_size (argv[0]));
  errno = 0;
  repeat = strtol (first, &end, 10);
  if (argc > 1 && *end == '\0' && first[0] != '\0')
    {
      bad_repeat = errno == ERANGE || repeat <= 0;
      argv++;
      argc--;
    }
  else
    repeat = 1;

  if (!is_sensitive (argv, argc))
    repl_history_add (repl, line);
  if (bad_repeat)
    {
      g_print ("Invalid redis-cli repeat command option value.\n");
      fflush (stdout);
      return TRUE;
    }

  if (cli_is_word (argv[0], "quit") || cli_is_word (argv[0], "exit"))
    return FALSE;

  if (first[0] == ':')
    {
      /* Preferences, as redis-cli's ":set hints". */
      if (argc == 2 && cli_is_word (argv[0], ":set") && cli_is_word (argv[1], "hints"))
        repl->hints = TRUE;
      else if (argc == 2 && cli_is_word (argv[0], ":set") && cli_is_word (argv[1], "nohints"))
        repl->hints = FALSE;
      else
        {
          g_print ("%s\n", _("Unknown preference: type “:set hints” or “:set nohints”."));
          fflush (stdout);
        }
      return TRUE;
    }

  if (argc == 3 && cli_is_word (argv[0], "connect"))
    {
      g_autofree char *host = g_strndup (g_bytes_get_data (argv[1], NULL), g_bytes_get_size (argv[1]));
      g_autofree char *port = g_strndup (g_bytes_get_data (argv[2], NULL), g_bytes_get_size (argv[2]));
      GredisConfig *config = repl_current_config (repl);
      guint64 value = 0;

      if (!g_ascii_string_to_unsigned (port, 10, 1, G_MAXUINT16, &value, NULL))
        {
          g_printerr (_("The port “%s” is not a number from 1 to 65535.\n"), port);
          return TRUE;
        }
      gredis_config_set_path (config, NULL);
      gredis_config_set_host (config, host);
      gredis_config_set_port (config, value);
      repl_connect (repl);
      return TRUE;
    }

  if (argc == 1 && cli_is_word (argv[0], "clear"))
    {
      g_print ("\033[H\033[2J");
      fflush (stdout);
      return TRUE;
    }

  return repl_run_command (repl, argv, argc, repeat);
}

/* A prompt and plain lines: without libedit, or on a terminal that
 * cannot edit lines (as linenoise, redis-cli's, does for those). */
static void
repl_loop_plain (Repl *repl)
{
  char *buffer = NULL;
  size_t size = 0;

  for (;;)
    {
      repl_update_prompt (repl);
      fputs (repl->prompt, stdout);
      fflush (stdout);
      if (getline (&buffer, &size, stdin) < 0)
        {
          g_print ("\n");
          break;
        }
      g_strchomp (buffer);
      if (!repl_run_line (repl, buffer))
        break;
    }
  free (buffer);
}

#ifdef GREDIS_CLI_HAVE_LIBEDIT

/* Line editing with libedit */

static Repl *
repl_from_el (EditLine *el)
{
  Repl *repl = NULL;

  el_get (el, EL_CLIENTDATA, &repl);
  return repl;
}

static char *
repl_prompt (EditLine *el)
{
  return repl_from_el (el)->prompt;
}

static void
repl_history_add (Repl       *repl,
                  const char *line)
{
  HistEvent event;

  if (repl->history == NULL)
    return;
  history (repl->history, &event, H_ENTER, line);
  if (repl->history_file != NULL)
    history (repl->history, &event, H_SAVE, repl->history_file);
}

static guint
terminal_columns (void)
{
  struct winsize size;

  if (ioctl (STDOUT_FILENO, TIOCGWINSZ, &size) == 0 && size.ws_col > 0)
    return size.ws_col;
  return 80;
}

/* Hints: drawn in grey after the line typed while the cursor is at its
 * end, when they fit on the row as redis-cli draws them, and erased
 * before libedit handles the next key. */
static void
repl_show_hint (Repl *repl)
{
  const LineInfo *info = el_line (repl->el);
  g_autofree char *line = NULL;
  g_autofree char *hint = NULL;
  glong used, room, length;
  const char *cut;

  if (!repl->hints || info->cursor != info->lastchar || info->lastchar == info->buffer)
    return;
  line = g_strndup (info->buffer, info->lastchar - info->buffer);
  if (!g_utf8_validate (line, -1, NULL))
    return;
  hint = cli_help_hint (line);
  if (hint == NULL)
    return;

  used = g_utf8_strlen (repl->prompt, -1) + g_utf8_strlen (line, -1);
  room = (glong) terminal_columns () - used;
  length = g_utf8_strlen (hint, -1);
  if (room <= 0)
    return;
  if (length > room)
    length = room;
  cut = g_utf8_offset_to_pointer (hint, length);

  /* The hint, then back to where the cursor was. */
  printf ("\033[0;90;49m%.*s\033[0m\r\033[%ldC", (int) (cut - hint), hint, used);
  fflush (stdout);
  repl->hinted_line = g_steal_pointer (&line);
}

/* The row drawn again from its start without the hint, as linenoise does
 * (a terminal then keeps no trace of it); the cursor ends where libedit
 * left it, at the end of the line. */
static void
repl_erase_hint (Repl *repl)
{
  if (repl->hinted_line == NULL)
    return;
  printf ("\r\033[0K%s%s", repl->prompt, repl->hinted_line);
  fflush (stdout);
  g_clear_pointer (&repl->hinted_line, g_free);
}

static void
repl_reset_completion (Repl *repl)
{
  g_clear_pointer (&repl->candidates, g_ptr_array_unref);
  g_clear_pointer (&repl->original, g_free);
}

/* Reads the next key for libedit: shows the hint while waiting. */
static int
repl_getc (EditLine *el,
           wchar_t  *wc)
{
  Repl *repl = repl_from_el (el);

  repl_show_hint (repl);
  for (;;)
    {
      char byte;
      ssize_t n = read (STDIN_FILENO, &byte, 1);
      size_t converted;

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          repl_erase_hint (repl);
          return n == 0 ? 0 : -1;
        }
      converted = mbrtowc (wc, &byte, 1, &repl->mbstate);
      if (converted == (size_t) -2)
        continue;
      if (converted == (size_t) -1)
        {
          memset (&repl->mbstate, 0, sizeof repl->mbstate);
          *wc = (unsigned char) byte;
        }
      else if (converted == 0)
        *wc = L'\0';
      break;
    }
  repl_erase_hint (repl);
  if (*wc != L'\t')
    repl_reset_completion (repl);
  return 1;
}

/* Counted in characters, as el_cursor() and el_deletestr() count. */
static void
repl_replace_line (EditLine   *el,
                   const char *text)
{
  const LineInfoW *info = el_wline (el);

  el_cursor (el, (int) (info->lastchar - info->cursor));
  info = el_wline (el);
  el_deletestr (el, (int) (info->cursor - info->buffer));
  el_insertstr (el, text);
}

/* Tab: the first command name the line begins, then the next at each Tab,
 * then the line as typed, as redis-cli (linenoise) does. */
static unsigned char
repl_complete (EditLine *el,
               int       ch)
{
  Repl *repl = repl_from_el (el);

  if (repl->candidates == NULL)
    {
      const LineInfo *info = el_line (el);

      repl->original = g_strndup (info->buffer, info->lastchar - info->buffer);
      repl->candidates = cli_help_complete (repl->original);
      repl->candidate = 0;
    }
  else
    repl->candidate = (repl->candidate + 1) % (repl->candidates->len + 1);

  if (repl->candidate < repl->candidates->len)
    {
      repl_replace_line (el, repl->candidates->pdata[repl->candidate]);
      return CC_REFRESH;
    }
  repl_replace_line (el, repl->original);
  return CC_REFRESH_BEEP;
}

/* Ctrl-C: the line is dropped. */
static unsigned char
repl_clear_line (EditLine *el,
                 int       ch)
{
  repl_reset_completion (repl_from_el (el));
  repl_replace_line (el, "");
  return CC_REFRESH;
}

/* Ctrl-D: leaves on an empty line, deletes the next character otherwise. */
static unsigned char
repl_delete_or_eof (EditLine *el,
                    int       ch)
{
  const LineInfo *info = el_line (el);

  if (info->lastchar == info->buffer)
    return CC_EOF;
  if (info->cursor == info->lastchar)
    return CC_ERROR;
  el_cursor (el, 1);
  el_deletestr (el, 1);
  return CC_REFRESH;
}

static void
repl_loop (Repl *repl)
{
  const char *term = g_getenv ("TERM");
  HistEvent event;

  if (term != NULL && (g_ascii_strcasecmp (term, "dumb") == 0 ||
                       g_ascii_strcasecmp (term, "cons25") == 0 ||
                       g_ascii_strcasecmp (term, "emacs") == 0))
    {
      repl_loop_plain (repl);
      return;
    }

  repl->history = history_init ();
  history (repl->history, &event, H_SETSIZE, HISTORY_SIZE);
  /* A line typed again right after itself is kept once, as by redis-cli. */
  history (repl->history, &event, H_SETUNIQUE, 1);
  if (repl->history_file != NULL)
    history (repl->history, &event, H_LOAD, repl->history_file);

  repl->el = el_init (g_get_prgname (), stdin, stdout, stderr);
  el_set (repl->el, EL_CLIENTDATA, repl);
  el_set (repl->el, EL_EDITOR, "emacs");
  el_set (repl->el, EL_SIGNAL, 1);
  el_set (repl->el, EL_PROMPT, repl_prompt);
  el_set (repl->el, EL_HIST, history, repl->history);
  el_set (repl->el, EL_GETCFN, repl_getc);
  /* Ctrl-C reaches the editor as a key, not as SIGINT. */
  el_set (repl->el, EL_SETTY, "-d", "-isig", NULL);
  el_set (repl->el, EL_ADDFN, "gredis-complete", "Complete a command name", repl_complete);
  el_set (repl->el, EL_ADDFN, "gredis-clear-line", "Drop the line", repl_clear_line);
  el_set (repl->el, EL_ADDFN, "gredis-delete-or-eof", "Delete, or leave on an empty line",
          repl_delete_or_eof);
  el_set (repl->el, EL_BIND, "^I", "gredis-complete", NULL);
  el_set (repl->el, EL_BIND, "^C", "gredis-clear-line", NULL);
  el_set (repl->el, EL_BIND, "^D", "gredis-delete-or-eof", NULL);

  for (;;)
    {
      g_autofree char *line = NULL;
      const char *text;
      int count = 0;

      repl_update_prompt (repl);
      text = el_gets (repl->el, &count);
      repl_reset_completion (repl);
      if (text == NULL || count <= 0)
        {
          g_print ("\n");
          break;
        }
      line = g_strndup (text, count);
      g_strchomp (line);
      if (!repl_run_line (repl, line))
        break;
    }

  el_end (repl->el);
  history_end (repl->history);
}

#else /* !GREDIS_CLI_HAVE_LIBEDIT */

static void
repl_history_add (Repl       *repl,
                  const char *line)
{
}

static void
repl_loop (Repl *repl)
{
  g_printerr ("%s\n", _("gredis-cli was built without libedit: no line editing, history or hints."));
  repl_loop_plain (repl);
}

#endif /* GREDIS_CLI_HAVE_LIBEDIT */

/* Reads commands typed on the terminal, as redis-cli's interactive mode;
 * @config is the one @cli's client was made from. */
int
cli_run_repl (Cli          *cli,
              GredisConfig *config)
{
  Repl repl = { 0 };

  repl.cli = cli;
  repl.config = gredis_config_dup (config);
  repl.connected = cli->connection != NULL;
  if (repl.connected)
    {
      g_autoptr(GError) error = NULL;

      /* Established only now: say so at once if it cannot be. */
      if (!check_connection (cli->connection, &error))
        {
          g_printerr ("%s\n", error->message);
          gredis_client_close (cli->client);
          g_clear_object (&cli->connection);
          g_clear_object (&cli->client);
          repl.connected = FALSE;
        }
    }
  repl.hints = TRUE;
  repl.history_file = history_file_path ();

  repl_loop (&repl);

#ifdef GREDIS_CLI_HAVE_LIBEDIT
  repl_reset_completion (&repl);
#endif
  g_free (repl.history_file);
  g_free (repl.prompt);
  g_object_unref (repl.config);
  return 0;
}
