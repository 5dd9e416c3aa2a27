/* gredis-connection-private.h: what the client needs of the connection engine
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-call-private.h"
#include "gredis-observers-private.h"

G_BEGIN_DECLS

/* Queues a command whose outcome completes @call (the connection takes a
 * reference) with the #GredisReply or an error, server error replies
 * included (gredis_reply_to_error()). When the call's cancellable is
 * cancelled the call completes at once with G_IO_ERROR_CANCELLED and the
 * entry becomes a tombstone. When the call keeps its command
 * (_gredis_call_keep_command()), the encoded bytes are stored in it.
 * Exactly one of @argv and @args is given. */
/* A counter of the reads that got bytes from a server, in any thread
 * but those exempted (the client-side cache's tracking thread): what a
 * thread learned from a server came after the counter changed. */
guint _gredis_connection_get_input_epoch (void);
void  _gredis_connection_exempt_thread_from_input_epoch (void);

void _gredis_connection_queue_call (GredisConnection   *connection,
                                    guint               argc,
                                    const char * const *argv,
                                    const gsize        *argv_lengths,
                                    GBytes * const     *args,
                                    GredisCall         *call);

/* Queues ASKING and then the command of @call, as one unit: adjacent in
 * the queue and in the same write, so that no other caller's command
 * comes between them on a shared connection (an ASK redirect). The reply
 * to ASKING is dropped; the call completes with the command's. The
 * call keeps (_gredis_call_keep_command()) the command alone. */
void _gredis_connection_queue_asking_call (GredisConnection   *connection,
                                           guint               argc,
                                           const char * const *argv,
                                           const gsize        *argv_lengths,
                                           GBytes * const     *args,
                                           GredisCall         *call);

/* For gredis-pubsub.c. In subscriber mode, RESP2 arrays that are pub/sub
 * frames (message, pmessage, smessage and the (un)subscribe
 * confirmations) are emitted as ::push instead of completing an entry.
 * send_no_reply queues a command that gets no entry, as (un)subscribe
 * commands must be (their confirmations are frames, not replies); FALSE
 * when the connection is closed. */
void     _gredis_connection_set_subscriber (GredisConnection   *connection,
                                            gboolean            subscriber);
gboolean _gredis_connection_send_no_reply  (GredisConnection   *connection,
                                            guint               argc,
                                            const char * const *argv,
                                            const gsize        *argv_lengths);
/* A command sent with send_no_reply was refused: its error reply took
 * the place of the reply the entry at the head of the queue waited for
 * (and completed it). The reply that entry's own command gets, which
 * comes next, is read and dropped, so that the queue stays in step. Call
 * it from the callback of the entry that got the error. */
void     _gredis_connection_skip_reply     (GredisConnection   *connection);

/* Queues a command like _gredis_connection_queue_call() does a call made
 * with these arguments, without making one: the queue holds it (the
 * fast path of asynchronous commands). With @keep, the command is kept
 * to be sent again after a failure, as _gredis_call_keep_command() does;
 * the failure function then receives it as a GredisCall. */
void _gredis_connection_queue_command (GredisConnection    *connection,
                                       guint                argc,
                                       const char * const  *argv,
                                       const gsize         *argv_lengths,
                                       GBytes * const      *args,
                                       gboolean             keep,
                                       gpointer             source_object,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data,
                                       gpointer             source_tag);

/* A call queued with _gredis_connection_queue_call() that failed
 * because the connection closed before any byte of its command was
 * written is marked with _gredis_call_set_unsent(): the command cannot
 * have run (gredis-router-sync.c retries it). */

/* Offered each call that fails because the connection closed, in queue
 * order, before it completes (@unsent: no byte of its command was
 * written), and each call (or command whose bytes are kept) answered
 * with an error reply, with that reply as @error and @unsent FALSE, so
 * that a command the server refused can be sent again. Returning TRUE takes the call over, with the reference the
 * connection held; FALSE lets the connection complete it with @error.
 * Called in the connection's context; @destroy frees @data when replaced
 * or when the connection is finalized. */
typedef gboolean (*GredisConnectionFailureFunc) (GredisConnection *connection,
                                                 GredisCall       *call,
                                                 const GError     *error,
                                                 gboolean          unsent,
                                                 gpointer          data);
void _gredis_connection_set_failure_func (GredisConnection            *connection,
                                          GredisConnectionFailureFunc  func,
                                          gpointer                     data,
                                          GDestroyNotify               destroy);

/* The blocking API's direct path (gredis-router-sync.c). On a connection
 * that is ready and idle, whose stream is a plain socket, and that the
 * calling thread has to itself (exclusive, on a context nobody else
 * runs), sends one command and waits for its reply on the socket itself,
 * without running the connection's context: one write, one poll and one
 * read. The command timeout, cancellation from any thread (the entry
 * becomes a tombstone), push frames and failures behave as on the
 * asynchronous path. Returns FALSE, having done nothing, when the
 * connection is not in that state; otherwise TRUE with *@reply or an
 * error (server error replies as errors), and *@unsent TRUE when no byte
 * of the command was written. @attempt is the observers' (1: the first
 * time the command is sent). */
gboolean _gredis_connection_send_direct (GredisConnection   *connection,
                                         guint               attempt,
                                         guint               argc,
                                         const char * const *argv,
                                         const gsize        *argv_lengths,
                                         GBytes * const     *args,
                                         GCancellable       *cancellable,
                                         GredisReply       **reply,
                                         gboolean           *unsent,
                                         GError            **error);

/* For the pool, before it hands out an idle connection of a private
 * context: reads what the server sent while nobody ran the context (a
 * close, push frames) with one poll of its socket. FALSE when it cannot
 * tell that way (not a plain socket, not ready, or with work pending):
 * the caller then runs the context. */
gboolean _gredis_connection_check_idle (GredisConnection *connection);

/* The network changed (GNetworkMonitor::network-changed): forgets the
 * state of the backoff policy, and a connect waiting out its backoff
 * delay is tried at once. In the connection's context. */
void _gredis_connection_reset_backoff (GredisConnection *connection);

/* The error the connection closed with (the handshake's refusal, a
 * failed connect …), or NULL while it has not closed with one. Valid
 * while the connection lives. */
const GError *_gredis_connection_get_close_error (GredisConnection *connection);

/* For tests: the bytes of commands kept to be sent again after a
 * failure (those of commands still waiting for their reply, at most). */
gsize _gredis_connection_get_kept_length (GredisConnection *connection);

/* The observers of the connection's client: set once, by the router,
 * the first time it hands the connection out (later calls do nothing).
 * Until then, and without observers, the connection reports nothing. */
void             _gredis_connection_set_observers  (GredisConnection *connection,
                                                    GredisObservers  *observers);
/* Borrowed; NULL without observers. */
GredisObservers *_gredis_connection_get_observers  (GredisConnection *connection);
/* For the observers: the commands queued from now on belong to a
 * pipeline of @batch_size commands (0: each is sent alone), and those
 * queued without a GredisCall (gredis_connection_send_command_full(),
 * _gredis_connection_queue_command()) are sent for the @attempt-th time
 * (1: the first). Set it back to 0 and 1 once they are queued. */
void             _gredis_connection_set_batch      (GredisConnection *connection,
                                                    guint             batch_size,
                                                    guint             attempt);

G_END_DECLS
