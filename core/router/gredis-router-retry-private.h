/* gredis-router-retry-private.h: when and how a command is sent again
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-call-private.h"
#include "gredis-router-private.h"

G_BEGIN_DECLS

typedef enum {
  GREDIS_RETRY_VERDICT_FAIL,             /* fail with the error as it is */
  GREDIS_RETRY_VERDICT_RETRY,            /* send again, after the backoff */
  GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME,  /* fail: it may or may not have run */
} GredisRetryVerdict;

/* The one decision of the blocking, asynchronous and pipeline paths,
 * after an attempt failed with @error, @failures attempts having failed
 * before it (0 after the first). @retry is the client's policy
 * (_gredis_client_ref_retry()): its error classes and count decide
 * whether to try again. Two classes of failure are safe to resend: the
 * server refused the command without running it (LOADING, TRYAGAIN,
 * MASTERDOWN, READONLY; MOVED, ASK and CLUSTERDOWN with cluster), and the
 * connection failed before any byte of it was written (@unsent) or the
 * command table says it is read-only or idempotent. A command that may
 * have run after its connection failed is UNKNOWN_OUTCOME, one written
 * before a timeout fails as it is; permanent failures
 * (gredis_retry_is_permanent_error()) are never retried.
 * @argv_lengths may be NULL; exactly one of @argv and @args is given. */
GredisRetryVerdict _gredis_retry_decide (GredisRetry         *retry,
                                         const GError        *error,
                                         gboolean             unsent,
                                         guint                failures,
                                         guint                argc,
                                         const char * const  *argv,
                                         const gsize         *argv_lengths,
                                         GBytes * const      *args);

/* The GREDIS_ERROR_UNKNOWN_OUTCOME error: names the command (@name of
 * @name_length bytes, -1 for NUL-terminated), never its arguments. */
GError *_gredis_retry_unknown_outcome_error (const char   *name,
                                             gssize        name_length,
                                             const GError *cause);

/* A backoff policy made from a client's configuration, or NULL (with a
 * debug message) when the plugin cannot be made. */
GredisBackoffPolicy *_gredis_retry_make_backoff (GredisConfig *config);

/* Asynchronous commands: stores the command in @call (made by
 * _gredis_router_send_shared(), which keeps commands) when no connection
 * encoded it, so that it can be sent later. */
void _gredis_router_retry_store_command (GredisCall          *call,
                                         guint                argc,
                                         const char * const  *argv,
                                         const gsize         *argv_lengths,
                                         GBytes * const      *args);

/* Installs the failure function of a shared connection of @router: the
 * failed calls of @owner (weakly referenced; it holds the router) are
 * sent again on the shared connection of the same context after the
 * backoff delay, or fail with GREDIS_ERROR_UNKNOWN_OUTCOME. */
void _gredis_router_retry_watch_connection (GredisRouter     *router,
                                            GObject          *owner,
                                            GredisConnection *connection);

/* The backoff of one command (or pipeline) being retried: its delays
 * restart from the first when the network changes. Zero-initialised. */
typedef struct
{
  guint attempt;
  guint epoch;
} GredisRetryDelay;

/* The delay before the next attempt, in µs: @retry's delay for the
 * attempts @state counted since the last network change the router saw. */
guint64 _gredis_retry_delay_us (GredisRouter        *router,
                                GredisRetry         *retry,
                                GredisRetryDelay    *state);

/* Commands of @router waiting out a backoff delay after a failure are
 * sent at once (from any thread; _gredis_router_network_changed()). */
void _gredis_router_retry_network_changed (GredisRouter *router);

/* For the observers (when the router has any): the command @name is sent
 * again, for its @attempt-th time, after @delay_us, because of @error. */
void _gredis_router_observe_retry (GredisRouter *router,
                                   const char   *name,
                                   gsize         name_length,
                                   guint         attempt,
                                   guint64       delay_us,
                                   const GError *error);

/* Queues @call, made by _gredis_router_send_shared(), on the shared
 * connection of the thread-default context, from the copy of its command
 * (for commands that waited for the pool). */
void _gredis_router_retry_queue_call (GredisRouter *router,
                                      GredisCall   *call);

G_END_DECLS
