/* gredis-router-retry.c: when and how a command is sent again
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-connection-private.h"

#include <string.h>

/* The one retry decision of the router, for blocking, asynchronous and
 * pipelined commands alike: _gredis_retry_decide() asks the router's
 * GredisRetry (GredisClient:retry, made from the configuration's
 * retries and backoff by default) whether a failed attempt is worth
 * another, after checking that the command may be sent again at all.
 *
 * One budget per command: a command is attempted at most 1 + retries
 * times, connection attempts included. The connections of a client make
 * one connection attempt each (gredis_connection_new_for_config() gives
 * them no retries of their own): a connection that cannot be made fails
 * its commands, and this loop decides.
 *
 * Two classes of failures may be retried:
 * - refused by the server (LOADING, TRYAGAIN, MASTERDOWN, READONLY): the
 *   command did not run, so it is always safe to send it again. On a
 *   cluster, redirects come first and count against max-redirects, not
 *   the retries: MOVED (the map patched) and ASK (ASKING and the
 *   command as one unit on the named node) are followed at once,
 *   TRYAGAIN and CLUSTERDOWN after the backoff delay;
 * - connection failures: a command is sent again only if it cannot run
 *   twice: none of its bytes were written, or the command table says it
 *   is read-only or idempotent. A command that may have reached the
 *   server otherwise fails with GREDIS_ERROR_UNKNOWN_OUTCOME.
 * Permanent failures (a rejected certificate, refused authentication, an
 * unknown host name, a missing plugin: gredis_retry_is_permanent_error())
 * fail at once with their own error.
 *
 * Timeouts: a command whose connection stopped answering within the
 * command timeout fails with GREDIS_ERROR_TIMEOUT, as the design says a
 * timed-out command does, and is not sent again once written, even when
 * read-only: the server is not answering, and another attempt would
 * hold the caller well past the configured timeout. For a write that was
 * sent, a timeout therefore means the same as an unknown outcome; the
 * code stays GREDIS_ERROR_TIMEOUT so that callers can tell a slow server
 * from a lost connection. Commands of that connection none of whose
 * bytes were written are retried like after any other failure.
 *
 * The asynchronous path: every call made by _gredis_client_send_async()
 * keeps its command as the connection encoded it (a copy of those bytes,
 * inside the call for short commands). When a shared connection fails,
 * it offers each of its calls, in queue order, to on_failure(); so does
 * it with a call the server refused. Those to retry go into one batch
 * per connection, which after the backoff delay is queued, in the same
 * order, on the shared connection of that context (a new one after a
 * failure). Each call is completed exactly once: by the connection, by
 * on_failure(), by the batch (its cancellable, or a failure to queue), or
 * by its new connection. */

static gboolean
is_replayable (guint               argc,
               const char * const *argv,
               const gsize        *argv_lengths,
               GBytes * const     *args)
{
  g_autofree const char **bytes_argv = NULL;
  g_autofree gsize *bytes_lengths = NULL;
  const GredisCommandInfo *info;

  if (args != NULL)
    {
      bytes_argv = g_new (const char *, argc);
      bytes_lengths = g_new (gsize, argc);
      for (guint i = 0; i < argc; i++)
        bytes_argv[i] = g_bytes_get_data (args[i], &bytes_lengths[i]);
      argv = bytes_argv;
      argv_lengths = bytes_lengths;
    }

  info = gredis_command_table_lookup_argv (argc, argv, argv_lengths);
  return info != NULL &&
         (gredis_command_info_is_read_only (info) ||
          gredis_command_info_is_idempotent_for_argv (info, argc, argv, argv_lengths));
}

/* The server refused the command: it did not run. */
static gboolean
is_refused (const GError *error)
{
  if (error->domain != GREDIS_ERROR)
    return FALSE;
  switch (error->code)
    {
    case GREDIS_ERROR_LOADING:
    case GREDIS_ERROR_TRYAGAIN:
    case GREDIS_ERROR_MASTERDOWN:
    case GREDIS_ERROR_READONLY:
    case GREDIS_ERROR_CLUSTERDOWN:
    case GREDIS_ERROR_MOVED:
    case GREDIS_ERROR_ASK:
      return TRUE;
    default:
      return FALSE;
    }
}

/* The connection was lost: the command may or may not have run. */
static gboolean
is_lost (const GError *error)
{
  if (error->domain == GREDIS_ERROR)
    return error->code == GREDIS_ERROR_CONNECTION || error->code == GREDIS_ERROR_CLOSED;
  if (error->domain == G_IO_ERROR)
    return error->code == G_IO_ERROR_CONNECTION_CLOSED ||
           error->code == G_IO_ERROR_BROKEN_PIPE ||
           error->code == G_IO_ERROR_CONNECTION_REFUSED ||
           error->code == G_IO_ERROR_HOST_UNREACHABLE ||
           error->code == G_IO_ERROR_NETWORK_UNREACHABLE;
  return FALSE;
}

GredisRetryVerdict
_gredis_retry_decide (GredisRetry         *retry,
                      const GError        *error,
                      gboolean             unsent,
                      guint                failures,
                      guint                argc,
                      const char * const  *argv,
                      const gsize         *argv_lengths,
                      GBytes * const      *args)
{
  gboolean timed_out = g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT) ||
                       g_error_matches (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);

  if (!is_refused (error))
    {
      if (is_lost (error) && !unsent && !is_replayable (argc, argv, argv_lengths, args))
        return GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME;
      /* Written before the server stopped answering, or another class an
       * application added: only when it cannot run twice. */
      if (!unsent && (timed_out || (!is_lost (error) &&
                                    !is_replayable (argc, argv, argv_lengths, args))))
        return GREDIS_RETRY_VERDICT_FAIL;
    }
  /* The class, the count and the permanent failures: the policy's. */
  if (!gredis_retry_should_retry (retry, error, failures + 1))
    return GREDIS_RETRY_VERDICT_FAIL;
  return GREDIS_RETRY_VERDICT_RETRY;
}

GError *
_gredis_retry_unknown_outcome_error (const char   *name,
                                     gssize        name_length,
                                     const GError *cause)
{
  g_autofree char *valid = NULL;
  g_autofree char *upper = NULL;

  if (name_length < 0)
    name_length = strlen (name);
  /* A command name is short; anything longer is not worth quoting. */
  valid = g_utf8_make_valid (name, MIN (name_length, 64));
  upper = g_ascii_strup (valid, -1);
  gredis_i18n_init ();
  return g_error_new (GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME,
                      /* Translators: the first %s is a command name such as
                       * INCR, the second the reason of the failure. */
                      _("The connection failed after the %s command was sent: it may or may not have run (%s)."),
                      upper, cause->message);
}

GredisBackoffPolicy *
_gredis_retry_make_backoff (GredisConfig *config)
{
  g_autoptr(GError) error = NULL;
  GObject *backoff;

  backoff = gredis_plugins_create (GREDIS_PLUGIN_BACKOFF_POLICY,
                                   gredis_config_get_backoff (config), &error);
  if (backoff != NULL && !gredis_config_apply_to_plugin (config, backoff, &error))
    g_clear_object (&backoff);
  if (backoff == NULL)
    GREDIS_DEBUG ("router", "Retrying without delays: %s", error->message);
  return backoff != NULL ? GREDIS_BACKOFF_POLICY (backoff) : NULL;
}

/* The asynchronous path */

/* The retry state of one call, made at its first failure. */
typedef struct
{
  guint failures;
  GredisRetryDelay delay;
  guint redirects;             /* MOVED, ASK, TRYAGAIN and CLUSTERDOWN followed */
} RetryState;

void
_gredis_router_retry_store_command (GredisCall          *call,
                                    guint                argc,
                                    const char * const  *argv,
                                    const gsize         *argv_lengths,
                                    GBytes * const      *args)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  if (args != NULL)
    gredis_encode_command_bytes (buffer, args, argc);
  else
    gredis_encode_command (buffer, argc, argv, argv_lengths);
  _gredis_call_store_command (call, buffer->data, buffer->len);
}

/* Queues @call, whose command it keeps, on the shared connection of the
 * thread-default context. */
static void
queue_kept_command (GredisRouter *router,
                    GredisCall   *call)
{
  g_autofree const char **argv = NULL;
  g_autofree gsize *lengths = NULL;
  guint argc;

  if (!_gredis_call_get_command (call, &argc, &argv, &lengths))
    {
      /* Not reached: every call of the client keeps its command. */
      gredis_i18n_init ();
      _gredis_call_return (call, NULL,
                           g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_FAILED,
                                                _("The command could not be sent again.")));
      return;
    }
  _gredis_router_queue_shared (router, argc, argv, lengths, call);
}

typedef struct _Batch Batch;

typedef struct
{
  GredisCall *call;
  GSource *cancel_source;
  Batch *batch;
} BatchItem;

struct _Batch
{
  GredisRouter *router;
  GredisConnection *connection;  /* the one that failed */
  GMainContext *context;
  GSource *timer;
  GPtrArray *items;            /* BatchItem, in queue order */
};

static const char batch_key[] = "gredis-retry-batch";

/* Every batch waiting out its delay, so that a network change can send
 * them at once (_gredis_router_retry_network_changed()). */
static GMutex batches_lock;
static GList *batches;

static void
batch_item_free (gpointer data)
{
  BatchItem *item = data;

  if (item->cancel_source != NULL)
    {
      g_source_destroy (item->cancel_source);
      g_source_unref (item->cancel_source);
    }
  if (item->call != NULL)
    {
      /* Only when the batch is dropped unsent: never leave a caller
       * waiting. */
      gredis_i18n_init ();
      _gredis_call_return (item->call, NULL,
                           _gredis_router_closed_error ());
      _gredis_call_unref (item->call);
    }
  g_free (item);
}

static void
batch_free (Batch *batch)
{
  g_mutex_lock (&batches_lock);
  batches = g_list_remove (batches, batch);
  g_mutex_unlock (&batches_lock);
  g_ptr_array_unref (batch->items);
  if (batch->timer != NULL)
    {
      g_source_destroy (batch->timer);
      g_source_unref (batch->timer);
    }
  if (g_object_get_data (G_OBJECT (batch->connection), batch_key) == batch)
    g_object_set_data (G_OBJECT (batch->connection), batch_key, NULL);
  g_object_unref (batch->connection);
  g_main_context_unref (batch->context);
  _gredis_router_unref (batch->router);
  g_free (batch);
}

static gboolean
batch_send (gpointer user_data)
{
  Batch *batch = user_data;

  g_main_context_push_thread_default (batch->context);
  for (guint i = 0; i < batch->items->len; i++)
    {
      BatchItem *item = g_ptr_array_index (batch->items, i);
      GredisCall *call = g_steal_pointer (&item->call);
      RetryState *state;

      if (call == NULL)
        continue;
      if (item->cancel_source != NULL)
        {
          g_source_destroy (item->cancel_source);
          g_clear_pointer (&item->cancel_source, g_source_unref);
        }
      state = _gredis_call_get_data (call);
      GREDIS_DEBUG ("router", "Sending a command again (attempt %u)", state->failures + 1);
      queue_kept_command (batch->router, call);
      _gredis_call_unref (call);
    }
  g_main_context_pop_thread_default (batch->context);
  batch_free (batch);
  return G_SOURCE_REMOVE;
}

guint64
_gredis_retry_delay_us (GredisRouter        *router,
                        GredisRetry         *retry,
                        GredisRetryDelay    *state)
{
  guint epoch = _gredis_router_get_network_epoch (router);

  if (state->epoch != epoch)
    {
      state->epoch = epoch;
      state->attempt = 0;
    }
  state->attempt++;
  return gredis_retry_get_delay (retry, state->attempt);
}

void
_gredis_router_retry_queue_call (GredisRouter *router,
                                 GredisCall   *call)
{
  if (_gredis_call_return_error_if_cancelled (call))
    return;
  queue_kept_command (router, call);
}

static gboolean
on_item_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  BatchItem *item = user_data;
  GredisCall *call = g_steal_pointer (&item->call);

  g_clear_pointer (&item->cancel_source, g_source_unref);
  if (call != NULL)
    {
      _gredis_call_return_error_if_cancelled (call);
      _gredis_call_unref (call);
    }
  return G_SOURCE_REMOVE;
}

/* Takes @call (and the reference the connection held) into the batch of
 * @connection, made with the command's next delay. */
static guint64
batch_add (GredisRouter     *router,
           GredisRetry      *retry,
           GredisConnection *connection,
           GredisCall       *call,
           GredisRetryDelay *delay)
{
  Batch *batch = g_object_get_data (G_OBJECT (connection), batch_key);
  GCancellable *cancellable = _gredis_call_get_cancellable (call);
  guint64 delay_us = _gredis_retry_delay_us (router, retry, delay);
  BatchItem *item;

  if (batch == NULL)
    {

      batch = g_new0 (Batch, 1);
      batch->router = _gredis_router_ref (router);
      batch->connection = g_object_ref (connection);
      batch->context = g_main_context_ref (gredis_connection_get_context (connection));
      batch->items = g_ptr_array_new_with_free_func (batch_item_free);
      batch->timer = g_timeout_source_new ((guint) MIN (delay_us / 1000, G_MAXUINT));
      g_source_set_callback (batch->timer, batch_send, batch, NULL);
      g_source_set_static_name (batch->timer, "Gredis retry");
      g_source_attach (batch->timer, batch->context);
      /* The timer owns the batch; the key finds it for the rest of this
       * failure. */
      g_object_set_data (G_OBJECT (connection), batch_key, batch);
      g_mutex_lock (&batches_lock);
      batches = g_list_prepend (batches, batch);
      g_mutex_unlock (&batches_lock);
    }

  item = g_new0 (BatchItem, 1);
  item->call = call;
  item->batch = batch;
  if (cancellable != NULL)
    {
      item->cancel_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (item->cancel_source, G_SOURCE_FUNC (on_item_cancelled), item, NULL);
      g_source_attach (item->cancel_source, batch->context);
    }
  g_ptr_array_add (batch->items, item);
  return delay_us;
}

void
_gredis_router_observe_retry (GredisRouter *router,
                              const char   *name,
                              gsize         name_length,
                              guint         attempt,
                              guint64       delay_us,
                              const GError *error)
{
  GredisObservers *observers = _gredis_router_get_observers (router);

  if (G_LIKELY (observers == NULL))
    return;
  _gredis_observers_retry_decided (observers, _gredis_observers_intern_name (name, name_length),
                                   attempt, (gint64) MIN (delay_us, G_MAXINT64), error);
}

/* What the failure function of a shared connection holds: its router,
 * borrowed (valid while its owner lives, which holds a reference), and a
 * weak reference on the owner, whose calls it sends again. */
typedef struct
{
  GWeakRef owner;
  GredisRouter *router;
} Watch;

static gboolean
on_failure (GredisConnection *connection,
            GredisCall       *call,
            const GError     *error,
            gboolean          unsent,
            gpointer          data)
{
  Watch *watch = data;
  g_autoptr(GObject) owner = g_weak_ref_get (&watch->owner);
  GredisRouter *router = watch->router;
  g_autoptr(GredisRetry) retry = NULL;
  g_autofree const char **argv = NULL;
  g_autofree gsize *lengths = NULL;
  RetryState *state;
  guint64 delay_us;
  guint argc;

  if (owner == NULL || _gredis_call_get_source_object (call) != (gpointer) owner ||
      _gredis_router_is_closed (router) ||
      !_gredis_call_get_command (call, &argc, &argv, &lengths))
    return FALSE;
  if (_gredis_call_return_error_if_cancelled (call))
    {
      _gredis_call_unref (call);
      return TRUE;
    }

  state = _gredis_call_get_data (call);
  if (state == NULL)
    {
      state = g_new0 (RetryState, 1);
      _gredis_call_set_data (call, state, g_free);
    }
  /* Whatever follows that sends it again, it is the next attempt. */
  _gredis_call_next_attempt (call);
  /* Redirects, up to max-redirects: MOVED and ASK are followed at once,
   * TRYAGAIN and CLUSTERDOWN after the backoff delay. The command did not
   * run. The call is queued in the context of the connection it came
   * from. */
  if (state->redirects < gredis_config_get_max_redirects (_gredis_router_get_config (router)))
    {
      g_autoptr(GSocketConnectable) ask = NULL;
      GMainContext *context = gredis_connection_get_context (connection);

      if (_gredis_router_follow_moved (router, error))
        {
          state->redirects++;
          GREDIS_DEBUG ("router", "A %.*s command is redirected (%s)",
                        (int) MIN (lengths[0], 64), argv[0], error->message);
          g_main_context_push_thread_default (context);
          _gredis_router_retry_queue_call (router, call);
          g_main_context_pop_thread_default (context);
          _gredis_call_unref (call);
          return TRUE;
        }
      if ((ask = _gredis_router_follow_ask (router, error)) != NULL)
        {
          state->redirects++;
          GREDIS_DEBUG ("router", "A %.*s command is redirected once (%s)",
                        (int) MIN (lengths[0], 64), argv[0], error->message);
          g_main_context_push_thread_default (context);
          if (!_gredis_call_return_error_if_cancelled (call))
            _gredis_router_queue_asking (router, ask, argc, argv, lengths, call);
          g_main_context_pop_thread_default (context);
          _gredis_call_unref (call);
          return TRUE;
        }
      if (_gredis_router_is_cluster_busy (router, error))
        {
          state->redirects++;
          retry = _gredis_router_ref_retry (router);
          GREDIS_DEBUG ("router", "A %.*s command was refused (%s); it will be sent again",
                        (int) MIN (lengths[0], 64), argv[0], error->message);
          delay_us = batch_add (router, retry, connection, call, &state->delay);
          _gredis_router_observe_retry (router, argv[0], lengths[0],
                                        _gredis_call_get_attempt (call) + 1, delay_us, error);
          return TRUE;
        }
    }
  _gredis_router_check_readonly (router, connection, error);
  _gredis_router_note_failure (router, error);
  retry = _gredis_router_ref_retry (router);
  switch (_gredis_retry_decide (retry, error, unsent, state->failures, argc, argv, lengths, NULL))
    {
    case GREDIS_RETRY_VERDICT_FAIL:
      GREDIS_DEBUG ("router", "A %.*s command failed (%s); it is not sent again",
                    (int) MIN (lengths[0], 64), argv[0], error->message);
      return FALSE;
    case GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME:
      GREDIS_DEBUG ("router", "A %.*s command may have run before it failed (%s); "
                    "it is not sent again", (int) MIN (lengths[0], 64), argv[0], error->message);
      _gredis_call_return (call, NULL,
                           _gredis_retry_unknown_outcome_error (argv[0], lengths[0], error));
      _gredis_call_unref (call);
      return TRUE;
    case GREDIS_RETRY_VERDICT_RETRY:
    default:
      state->failures++;
      GREDIS_DEBUG ("router", "A %.*s command failed (%s); it will be sent again",
                    (int) MIN (lengths[0], 64), argv[0], error->message);
      delay_us = batch_add (router, retry, connection, call, &state->delay);
      _gredis_router_observe_retry (router, argv[0], lengths[0],
                                    _gredis_call_get_attempt (call) + 1, delay_us, error);
      return TRUE;
    }
}

static void
watch_free (gpointer data)
{
  Watch *watch = data;

  g_weak_ref_clear (&watch->owner);
  g_free (watch);
}

void
_gredis_router_retry_watch_connection (GredisRouter     *router,
                                       GObject          *owner,
                                       GredisConnection *connection)
{
  Watch *watch = g_new (Watch, 1);

  g_weak_ref_init (&watch->owner, owner);
  watch->router = router;
  _gredis_connection_set_failure_func (connection, on_failure, watch, watch_free);
}

void
_gredis_router_retry_network_changed (GredisRouter *router)
{
  g_mutex_lock (&batches_lock);
  for (GList *l = batches; l != NULL; l = l->next)
    {
      Batch *batch = l->data;

      if (batch->router == router)
        g_source_set_ready_time (batch->timer, 0);
    }
  g_mutex_unlock (&batches_lock);
}
