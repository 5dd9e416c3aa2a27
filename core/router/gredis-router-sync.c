/* gredis-router-sync.c: the blocking API's connections
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-sync-private.h"
#include "gredis-router-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-pool-cluster-private.h"
#include "gredis-connection-private.h"
#include "gredis-router-fanout-private.h"

#include <string.h>

/* A blocking call takes an exclusive connection from the router's pool
 * with gredis_pool_acquire(): the built-in pools hand out one made on a
 * private main context of their own, idle since the last blocking call
 * (no main-loop iteration), and other pools one acquired on a main
 * context made for it. It gives it back when the reply is there. When
 * the connection is ready and idle and its stream is a plain socket, the
 * call writes the command and reads the reply on that socket itself
 * (_gredis_connection_send_direct(): one write and one read that waits
 * in the kernel, as hiredis does, or with a GCancellable a poll() on
 * the socket and the cancellable before the read); otherwise (still opening, TLS, a tombstone left by a
 * cancelled call) it makes the context thread-default and runs the
 * asynchronous engine on it until the reply is there. Calls from many
 * threads run side by side on connections of their own, up to
 * max-connections, and no main loop needs to run anywhere.
 *
 * Retry: the loop of _gredis_client_send_sync() makes the decision of
 * the asynchronous path (_gredis_retry_decide(), gredis-router-retry.c)
 * with the client's GredisRetry: a command the server refused, or one
 * that cannot have run twice, is sent again on a fresh connection after
 * the backoff delay, at most 1 + retries attempts in all, connection
 * attempts included (the pool's connections make one each); a write
 * that may have run fails with GREDIS_ERROR_UNKNOWN_OUTCOME. */

/* Takes an exclusive connection whose context the calling thread may run. */
static GredisConnection *
acquire_blocking (GredisRouter        *router,
                  GredisPool          *pool,
                  gint                 slot,
                  GredisPoolIntent     intent,
                  GSocketConnectable  *ask,
                  GCancellable        *cancellable,
                  GError             **error)
{
  GredisObservers *observers = _gredis_router_peek_observers (router);
  GredisPoolRequest request;
  GredisConnection *connection;
  GError *local_error = NULL;
  gint64 wait_start = 0;

  gredis_pool_request_init (&request, GREDIS_POOL_MODE_EXCLUSIVE);
  request.slot = slot;
  request.node = ask;
  request.asking = ask != NULL;
  request.intent = intent;
  if (G_UNLIKELY (observers != NULL))
    wait_start = g_get_monotonic_time ();
  connection = gredis_pool_acquire (pool, &request, cancellable, &local_error);
  if (G_UNLIKELY (observers != NULL))
    _gredis_observers_pool_waited (observers, wait_start, local_error);
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  if (connection != NULL)
    _gredis_router_watch_push (router, connection);
  return connection;
}

/* Waits @delay_us, or less if @cancellable is cancelled. */
static void
backoff_sleep (guint64       delay_us,
               GCancellable *cancellable)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) delay_us;
  GPollFD fd;

  if (delay_us == 0)
    return;
  if (cancellable == NULL || !g_cancellable_make_pollfd (cancellable, &fd))
    {
      g_usleep (delay_us);
      return;
    }
  while (!g_cancellable_is_cancelled (cancellable))
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        break;
      g_poll (&fd, 1, (gint) MIN ((left + 999) / 1000, G_MAXINT));
    }
  g_cancellable_release_fd (cancellable);
}

/* One attempt (the @attempt-th, for the observers): the reply, or NULL
 * with an error; *@unsent tells whether the command failed before any
 * byte of it was written. With @ask (an ASK redirect), the command goes
 * to that node after ASKING, both in one write. */
static GredisReply *
send_once (GredisRouter        *router,
           gpointer             source_object,
           GredisPool          *pool,
           guint                attempt,
           guint                argc,
           const char * const  *argv,
           const gsize         *argv_lengths,
           GBytes * const      *args,
           GSocketConnectable  *ask,
           gboolean            *unsent,
           GCancellable        *cancellable,
           GError             **error)
{
  GredisConnection *connection;
  GredisReply *reply;
  GredisCall *call;
  GredisSync sync;
  GredisPoolIntent intent;
  gint slot;

  *unsent = TRUE;
  if (!_gredis_router_command_route (router, argc, argv, argv_lengths, args, &slot, &intent,
                                     NULL, error))
    return NULL;
  connection = acquire_blocking (router, pool, slot, intent, ask, cancellable, error);
  if (connection == NULL)
    return NULL;

  /* The connection is ours alone: when it is ready and idle, talk to
   * its socket directly rather than through its main context. */
  reply = NULL;
  if (ask == NULL &&
      _gredis_connection_send_direct (connection, attempt, argc, argv, argv_lengths, args,
                                      cancellable, &reply, unsent, error))
    {
      if (reply == NULL)
        _gredis_router_check_readonly (router, connection, *error);
      gredis_pool_release (pool, connection);
      return reply;
    }

  gredis_sync_begin_on (&sync, gredis_connection_get_context (connection));
  call = _gredis_call_new (source_object, cancellable, gredis_sync_done, &sync,
                           _gredis_router_send_sync);
  _gredis_call_set_attempt (call, attempt - 1);
  if (ask != NULL)
    _gredis_connection_queue_asking_call (connection, argc, argv, argv_lengths, args, call);
  else
    _gredis_connection_queue_call (connection, argc, argv, argv_lengths, args, call);
  /* Write now rather than in a main-loop iteration of its own: the
   * iteration below then only waits for the reply. */
  gredis_connection_flush (connection);
  gredis_sync_wait (&sync);
  reply = _gredis_call_propagate_reply (sync.result, error);
  *unsent = _gredis_call_get_unsent (call);
  _gredis_call_unref (call);
  gredis_sync_end (&sync);

  if (reply == NULL)
    _gredis_router_check_readonly (router, connection, *error);
  gredis_pool_release (pool, connection);
  return reply;
}

GredisReply *
_gredis_router_send_sync (GredisRouter        *router,
                          gpointer             source_object,
                          guint                argc,
                          const char * const  *argv,
                          const gsize         *argv_lengths,
                          GBytes * const      *args,
                          GCancellable        *cancellable,
                          GError             **error)
{
  return _gredis_router_send_sync_again (router, source_object, 0, argc, argv, argv_lengths, args,
                                         cancellable, error);
}

GredisReply *
_gredis_router_send_sync_again (GredisRouter        *router,
                                gpointer             source_object,
                                guint                sent_before,
                                guint                argc,
                                const char * const  *argv,
                                const gsize         *argv_lengths,
                                GBytes * const      *args,
                                GCancellable        *cancellable,
                                GError             **error)
{
  g_autoptr(GredisPool) pool = NULL;
  g_autoptr(GredisRetry) retry = NULL;
  g_autoptr(GSocketConnectable) ask = NULL;
  GredisRetryDelay delay = { 0, };
  guint redirects = 0;

  if (_gredis_router_is_closed (router))
    {
      g_propagate_error (error, _gredis_router_closed_error ());
      return NULL;
    }
  pool = _gredis_router_get_pool (router, error);
  if (pool == NULL)
    return NULL;

  /* On a cluster: keyless commands by their tips, SCAN, split commands. */
  if (G_UNLIKELY (_gredis_pool_routes_by_slot (pool)))
    {
      const GredisCommandInfo *info = NULL;
      GredisPoolIntent intent;
      GredisFanout fanout;
      GError *local_error = NULL;
      gint slot;

      _gredis_router_command_route (router, argc, argv, argv_lengths, args, &slot, &intent,
                                    &info, &local_error);
      fanout = _gredis_router_fanout_kind (router, info, slot);
      g_clear_error (&local_error);
      if (fanout != GREDIS_FANOUT_NONE)
        return _gredis_router_fanout_sync (router, fanout, info, source_object, argc, argv,
                                           argv_lengths, args, cancellable, error);
    }

  for (guint failures = 0;; failures++)
    {
      GError *local_error = NULL;
      gboolean unsent;
      GredisReply *reply;

      /* Each failure and redirect before this one was an attempt. */
      reply = send_once (router, source_object, pool, sent_before + failures + redirects + 1,
                         argc, argv, argv_lengths, args, ask, &unsent, cancellable, &local_error);
      /* An ASK is for one attempt. */
      g_clear_object (&ask);
      if (reply != NULL)
        return reply;
      if (_gredis_router_is_closed (router))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      /* Redirects, up to max-redirects, are not failures: MOVED and
       * ASK are followed at once, TRYAGAIN and CLUSTERDOWN after the
       * backoff delay. The command did not run. */
      if (redirects < gredis_config_get_max_redirects (_gredis_router_get_config (router)))
        {
          gboolean busy = FALSE;

          if (_gredis_router_follow_moved (router, local_error) ||
              (ask = _gredis_router_follow_ask (router, local_error)) != NULL ||
              (busy = _gredis_router_is_cluster_busy (router, local_error)))
            {
              redirects++;
              failures--;
              if (busy)
                {
                  if (retry == NULL)
                    retry = _gredis_router_ref_retry (router);
                  GREDIS_DEBUG ("router", "Sending a command again after %s", local_error->message);
                  backoff_sleep (_gredis_retry_delay_us (router, retry, &delay), cancellable);
                }
              g_error_free (local_error);
              if (g_cancellable_set_error_if_cancelled (cancellable, error))
                return NULL;
              continue;
            }
        }
      _gredis_router_note_failure (router, local_error);
      if (retry == NULL)
        retry = _gredis_router_ref_retry (router);
      switch (_gredis_retry_decide (retry, local_error, unsent, failures,
                                    argc, argv, argv_lengths, args))
        {
        case GREDIS_RETRY_VERDICT_FAIL:
          g_propagate_error (error, local_error);
          return NULL;
        case GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME:
          if (args != NULL)
            {
              gsize name_length;
              const char *name = g_bytes_get_data (args[0], &name_length);

              g_propagate_error (error, _gredis_retry_unknown_outcome_error (name, name_length,
                                                                             local_error));
            }
          else
            g_propagate_error (error, _gredis_retry_unknown_outcome_error (
                                 argv[0], argv_lengths != NULL ? (gssize) argv_lengths[0] : -1,
                                 local_error));
          g_error_free (local_error);
          return NULL;
        case GREDIS_RETRY_VERDICT_RETRY:
        default:
          break;
        }
      GREDIS_DEBUG ("router", "Retrying a command after a failure: %s", local_error->message);
      {
        guint64 delay_us = _gredis_retry_delay_us (router, retry, &delay);
        gsize name_length;
        const char *name = args != NULL ? g_bytes_get_data (args[0], &name_length) : argv[0];

        if (args == NULL)
          name_length = argv_lengths != NULL ? argv_lengths[0] : strlen (argv[0]);
        _gredis_router_observe_retry (router, name, name_length,
                                      sent_before + failures + redirects + 2, delay_us,
                                      local_error);
        g_error_free (local_error);
        backoff_sleep (delay_us, cancellable);
      }
    }
}
