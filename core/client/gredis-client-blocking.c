/* gredis-client-blocking.c: blocking commands (BLPOP, XREAD BLOCK …) on
 * exclusive connections, and the timeout check of WAIT
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-sync-private.h"
#include "gredis-client-private.h"
#include "gredis-client-blocking-private.h"
#include "gredis-connection-private.h"

#include <math.h>
#include <string.h>

/* A blocking command holds its connection until the server answers: on
 * the multiplexed connection it would stall every other caller, and the
 * command timeout would cut it short. So it goes on an exclusive
 * connection whose timeout is the command's own timeout plus the
 * configured command timeout as a margin for the network. */

static const char *
arg_data (guint               i,
          const char * const *argv,
          const gsize        *argv_lengths,
          GBytes * const     *args,
          gsize              *length)
{
  if (args != NULL)
    return g_bytes_get_data (args[i], length);
  *length = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
  return argv[i];
}

static gboolean
arg_is (guint               i,
        const char * const *argv,
        const gsize        *argv_lengths,
        GBytes * const     *args,
        const char         *word)
{
  gsize length;
  const char *data = arg_data (i, argv, argv_lengths, args, &length);

  return data != NULL && length == strlen (word) && g_ascii_strncasecmp (data, word, length) == 0;
}

/* A non-negative number of seconds (a double) or milliseconds (an
 * integer) into milliseconds; -1 when it is not one. */
static gint64
parse_timeout (guint               i,
               const char * const *argv,
               const gsize        *argv_lengths,
               GBytes * const     *args,
               gboolean            seconds)
{
  char text[64];
  gsize length;
  const char *data = arg_data (i, argv, argv_lengths, args, &length);
  char *end = NULL;
  double value;

  if (data == NULL || length == 0 || length >= sizeof text)
    return -1;
  memcpy (text, data, length);
  text[length] = '\0';
  value = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (value) || value < 0)
    return -1;
  if (seconds)
    value *= 1000;
  if (value > (double) G_MAXINT64 / 2)
    return 0;
  /* A fraction of a millisecond still blocks: round up. */
  return (gint64) ceil (value);
}

gboolean
_gredis_command_is_blocking (guint                argc,
                             const char * const  *argv,
                             const gsize         *argv_lengths,
                             GBytes * const      *args,
                             gint64              *timeout_ms)
{
  const GredisCommandInfo *info;
  const char *name;
  gsize name_length;
  char first;

  name = arg_data (0, argv, argv_lengths, args, &name_length);
  if (name == NULL || name_length == 0)
    return FALSE;

  /* Every blocking command of Redis starts with B, W or X: most commands
   * need no look-up at all. */
  first = g_ascii_toupper (name[0]);
  if (first != 'B' && first != 'W' && first != 'X')
    return FALSE;

  *timeout_ms = -1;
  /* WAIT and WAITAOF count the writes of the connection they run on: they
   * go on the shared connection like any command
   * (_gredis_command_check_wait()). */
  if (first == 'W')
    return FALSE;

  if (args != NULL)
    {
      const char *name_argv[1];
      gsize name_lengths[1] = { name_length };

      name_argv[0] = name;
      info = gredis_command_table_lookup_argv (1, name_argv, name_lengths);
    }
  else
    info = gredis_command_table_lookup_argv (1, argv, argv_lengths);
  if (info == NULL || !gredis_command_info_is_blocking (info))
    return FALSE;

  if (arg_is (0, argv, argv_lengths, args, "XREAD") ||
      arg_is (0, argv, argv_lengths, args, "XREADGROUP"))
    {
      for (guint i = 1; i < argc; i++)
        {
          if (arg_is (i, argv, argv_lengths, args, "STREAMS"))
            break;
          if (arg_is (i, argv, argv_lengths, args, "BLOCK"))
            {
              if (i + 1 < argc)
                *timeout_ms = parse_timeout (i + 1, argv, argv_lengths, args, FALSE);
              return TRUE;
            }
        }
      return FALSE;
    }

  if (arg_is (0, argv, argv_lengths, args, "BLMPOP") ||
      arg_is (0, argv, argv_lengths, args, "BZMPOP"))
    {
      if (argc > 1)
        *timeout_ms = parse_timeout (1, argv, argv_lengths, args, TRUE);
      return TRUE;
    }

  /* BLPOP, BRPOP, BRPOPLPUSH, BLMOVE, BZPOPMIN, BZPOPMAX: the timeout, in
   * seconds, comes last. Other blocking commands (from modules) have no
   * known timeout: they may wait for ever. */
  if (arg_is (0, argv, argv_lengths, args, "BLPOP") ||
      arg_is (0, argv, argv_lengths, args, "BRPOP") ||
      arg_is (0, argv, argv_lengths, args, "BRPOPLPUSH") ||
      arg_is (0, argv, argv_lengths, args, "BLMOVE") ||
      arg_is (0, argv, argv_lengths, args, "BZPOPMIN") ||
      arg_is (0, argv, argv_lengths, args, "BZPOPMAX"))
    {
      if (argc > 1)
        *timeout_ms = parse_timeout (argc - 1, argv, argv_lengths, args, TRUE);
    }
  else
    *timeout_ms = 0;
  return TRUE;
}

typedef struct
{
  GPtrArray *args;             /* GBytes: the command, copied */
  gint64 timeout_ms;
  GredisConnection *connection;
  guint saved_timeout_ms;
  gint slot;                   /* on a cluster, of the command's keys */
  guint redirects;             /* MOVED and ASK followed */
  gboolean asking;             /* ASKING goes first, in the same write */
} BlockingData;

static void
blocking_data_free (BlockingData *data)
{
  g_ptr_array_unref (data->args);
  g_clear_object (&data->connection);
  g_free (data);
}

/* Whether a connection that failed a command with @error may serve
 * again: server error replies leave it in a known state, lost
 * connections, timeouts and cancellations do not. */
static gboolean
connection_reusable (const GError *error)
{
  if (error == NULL)
    return TRUE;
  if (error->domain != GREDIS_ERROR)
    return FALSE;
  switch (error->code)
    {
    case GREDIS_ERROR_CONNECTION:
    case GREDIS_ERROR_TIMEOUT:
    case GREDIS_ERROR_PROTOCOL:
    case GREDIS_ERROR_TLS:
    case GREDIS_ERROR_CLOSED:
    case GREDIS_ERROR_UNKNOWN_OUTCOME:
    case GREDIS_ERROR_FAILED:
      return FALSE;
    default:
      return TRUE;
    }
}

static void blocking_acquired (GObject      *source,
                               GAsyncResult *result,
                               gpointer      user_data);

static void
blocking_done (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisClient *client = g_task_get_source_object (task);
  GredisRouter *router = _gredis_client_get_router (client);
  BlockingData *data = g_task_get_task_data (task);
  GredisConnection *connection = g_steal_pointer (&data->connection);
  GError *error = NULL;
  GredisReply *reply;

  reply = _gredis_call_propagate_reply (result, &error);
  gredis_connection_set_command_timeout_ms (connection, data->saved_timeout_ms);
  _gredis_router_release_exclusive (router, connection, connection_reusable (error));

  /* On a cluster, a slot that moved: the map is patched, and the
   * command, which did not run, goes to the new node. A slot being
   * migrated (ASK): the command goes once to the node named, after
   * ASKING, the map untouched. */
  if (reply == NULL &&
      data->redirects < gredis_config_get_max_redirects (_gredis_router_get_config (router)))
    {
      g_autoptr(GSocketConnectable) ask_node = _gredis_router_follow_ask (router, error);

      if (ask_node != NULL || _gredis_router_follow_moved (router, error))
        {
          GCancellable *cancellable = g_task_get_cancellable (task);

          data->redirects++;
          data->asking = ask_node != NULL;
          g_clear_error (&error);
          _gredis_router_acquire_exclusive_at_async (router, data->slot, ask_node, cancellable,
                                                     blocking_acquired, g_steal_pointer (&task));
          return;
        }
    }
  if (reply != NULL)
    g_task_return_pointer (task, reply, (GDestroyNotify) gredis_reply_unref);
  else
    g_task_return_error (task, error);
}

static void
blocking_acquired (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisClient *client = g_task_get_source_object (task);
  BlockingData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  g_autoptr(GredisCall) inner = NULL;
  GError *error = NULL;
  guint margin_ms;

  data->connection = _gredis_router_acquire_exclusive_finish (_gredis_client_get_router (client),
                                                              result, &error);
  if (data->connection == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->saved_timeout_ms = gredis_connection_get_command_timeout_ms (data->connection);
  margin_ms = data->saved_timeout_ms;
  if (data->timeout_ms == 0 || margin_ms == 0)
    gredis_connection_set_command_timeout_ms (data->connection, 0);
  else if (data->timeout_ms > 0)
    gredis_connection_set_command_timeout_ms (data->connection,
                                              (guint) MIN ((guint64) data->timeout_ms + margin_ms,
                                                           G_MAXUINT));
  GREDIS_DEBUG ("client", "Blocking command %.*s on an exclusive connection, timeout %u ms",
                (int) MIN (g_bytes_get_size (data->args->pdata[0]), 32),
                (const char *) g_bytes_get_data (data->args->pdata[0], NULL),
                gredis_connection_get_command_timeout_ms (data->connection));

  inner = _gredis_call_new (client, cancellable, blocking_done, g_object_ref (task),
                            blocking_acquired);
  /* Sent again only after a redirect: each was an attempt, for the
   * observers. */
  _gredis_call_set_attempt (inner, data->redirects);
  if (data->asking)
    {
      data->asking = FALSE;
      _gredis_connection_queue_asking_call (data->connection, data->args->len, NULL, NULL,
                                            (GBytes * const *) data->args->pdata, inner);
    }
  else
    _gredis_connection_queue_call (data->connection, data->args->len, NULL, NULL,
                                   (GBytes * const *) data->args->pdata, inner);
}

void
_gredis_client_send_blocking_async (GredisClient        *client,
                                    guint                argc,
                                    const char * const  *argv,
                                    const gsize         *argv_lengths,
                                    GBytes * const      *args,
                                    gint64               timeout_ms,
                                    gpointer             source_tag,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (client, cancellable, callback, user_data);
  GredisRouter *router = _gredis_client_get_router (client);
  BlockingData *data = g_new0 (BlockingData, 1);
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  data->timeout_ms = timeout_ms;
  data->args = g_ptr_array_new_full (argc, (GDestroyNotify) g_bytes_unref);
  for (guint i = 0; i < argc; i++)
    {
      gsize length;
      const char *arg = arg_data (i, argv, argv_lengths, args, &length);

      g_ptr_array_add (data->args, args != NULL ? g_bytes_ref (args[i])
                                                : g_bytes_new (arg, length));
    }
  g_task_set_task_data (task, data, (GDestroyNotify) blocking_data_free);

  /* On a cluster, a connection to the node that serves the keys' slot
   * (keys in several slots: refused before anything is sent). */
  if (!_gredis_router_command_slot (router, argc, argv, argv_lengths, args, &data->slot, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  _gredis_router_acquire_exclusive_at_async (router, data->slot, NULL, cancellable,
                                             blocking_acquired, g_object_ref (task));
}

GredisReply *
_gredis_client_send_blocking_sync (GredisClient        *client,
                                   guint                argc,
                                   const char * const  *argv,
                                   const gsize         *argv_lengths,
                                   GBytes * const      *args,
                                   gint64               timeout_ms,
                                   GCancellable        *cancellable,
                                   GError             **error)
{
  GredisSync sync;
  GredisReply *reply;

  gredis_sync_begin (&sync);
  _gredis_client_send_blocking_async (client, argc, argv, argv_lengths, args, timeout_ms,
                                      _gredis_client_send_blocking_sync, cancellable,
                                      gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  reply = g_task_propagate_pointer (G_TASK (sync.result), error);
  /* Lets the released connection close. */
  gredis_sync_end (&sync);
  return reply;
}

gboolean
_gredis_command_check_wait (guint                argc,
                            const char * const  *argv,
                            const gsize         *argv_lengths,
                            GBytes * const      *args,
                            guint                command_timeout_ms,
                            GError             **error)
{
  gsize name_length;
  const char *name = arg_data (0, argv, argv_lengths, args, &name_length);
  gint64 timeout_ms;
  guint index;

  if (G_LIKELY (name == NULL || name_length < 4 || g_ascii_toupper (name[0]) != 'W' ||
                command_timeout_ms == 0))
    return TRUE;
  if (argc == 3 && arg_is (0, argv, argv_lengths, args, "WAIT"))
    index = 2;
  else if (argc == 4 && arg_is (0, argv, argv_lengths, args, "WAITAOF"))
    index = 3;
  else
    return TRUE;
  /* Not a number: the server says so. */
  timeout_ms = parse_timeout (index, argv, argv_lengths, args, FALSE);
  if (timeout_ms < 0 || (timeout_ms > 0 && timeout_ms < command_timeout_ms))
    return TRUE;
  gredis_i18n_init ();
  g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
               /* Translators: %.*s is WAIT or WAITAOF, %u a number of
                * milliseconds. */
               _("%.*s runs on the shared connection that carried the client’s writes, so its timeout must be shorter than the command timeout (%u ms): give a timeout from 1 to %u milliseconds, or raise command-timeout-ms. It was not sent."),
               (int) name_length, name, command_timeout_ms, command_timeout_ms - 1);
  return FALSE;
}
