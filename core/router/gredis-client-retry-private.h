/* gredis-client-retry-private.h: when and how GredisClient sends a
 * command again
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-call-private.h"

G_BEGIN_DECLS

typedef enum {
  GREDIS_RETRY_VERDICT_FAIL,             /* fail with the error as it is */
  GREDIS_RETRY_VERDICT_RETRY,            /* send again, after the backoff */
  GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME,  /* fail: it may or may not have run */
} GredisRetryVerdict;

/* The one decision both the blocking and the asynchronous paths make
 * after an attempt failed with @error, @failures attempts having failed
 * before it (0 after the first). @unsent: none of the command's bytes
 * were written. @argv_lengths may be NULL; exactly one of @argv and
 * @args is given. */
GredisRetryVerdict _gredis_retry_decide (const GError        *error,
                                         gboolean             unsent,
                                         guint                failures,
                                         guint                retries,
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
 * _gredis_client_send_async(), which keeps commands) when no connection
 * encoded it, so that it can be sent later. */
void _gredis_client_retry_store_command (GredisCall          *call,
                                         guint                argc,
                                         const char * const  *argv,
                                         const gsize         *argv_lengths,
                                         GBytes * const      *args);

/* Installs the failure function of a shared connection of @client: its
 * failed tasks are re-sent on the shared connection of the same context
 * after the backoff delay, or fail with GREDIS_ERROR_UNKNOWN_OUTCOME. */
void _gredis_client_retry_watch_connection (GredisClient     *client,
                                            GredisConnection *connection);

/* For the retry code: queues @task on the shared connection of the
 * thread-default context (gredis-client.c). */
void _gredis_client_queue_shared (GredisClient       *client,
                                  guint               argc,
                                  const char * const *argv,
                                  const gsize        *argv_lengths,
                                  GredisCall         *call);

/* The backoff of one command (or pipeline) being retried: its delays
 * restart from the first when the network changes. Zero-initialised. */
typedef struct
{
  guint attempt;
  guint epoch;
} GredisRetryDelay;

/* The delay before the next attempt, in µs: @policy's delay for the
 * attempts @state counted since the last network change of @client
 * (0 without a policy). */
guint64 _gredis_retry_delay_us (GredisClient        *client,
                                GredisBackoffPolicy *policy,
                                GredisRetryDelay    *state);

/* gredis-client.c: the number of network changes seen so far, and the
 * handler of GNetworkMonitor::network-changed (a test seam: tests call
 * it directly). It resets the backoff of the shared connections, and the
 * next delay of every command or pipeline being retried starts again
 * from the policy's first. */
guint _gredis_client_get_network_epoch (GredisClient *client);
void  _gredis_client_network_changed   (GredisClient *client);

/* Queues @call, made by _gredis_client_send_async(), on the shared
 * connection of the thread-default context, from the copy of its command
 * (for commands that waited for the pool). */
void _gredis_client_retry_queue_call (GredisClient *client,
                                      GredisCall   *call);

G_END_DECLS
