/* gredis-connection.h: one connection to a server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-reply.h>
#include <gredis/gredis-transport.h>
#include <gredis/gredis-parser.h>
#include <gredis/gredis-backoff-policy.h>
#include <gredis/gredis-config.h>

G_BEGIN_DECLS

/**
 * GredisConnectionState:
 * @GREDIS_CONNECTION_STATE_DISCONNECTED: not opened yet.
 * @GREDIS_CONNECTION_STATE_CONNECTING: the transport is connecting, or
 *   the handshake is under way; commands are queued and go out once it
 *   is done.
 * @GREDIS_CONNECTION_STATE_READY: connected and authenticated; commands
 *   go out at the end of the main-loop iteration that queued them.
 * @GREDIS_CONNECTION_STATE_CLOSED: closed, by gredis_connection_close()
 *   or because of an error; a closed connection is not reopened.
 *
 * The life cycle of a #GredisConnection.
 */
typedef enum {
  GREDIS_CONNECTION_STATE_DISCONNECTED,
  GREDIS_CONNECTION_STATE_CONNECTING,
  GREDIS_CONNECTION_STATE_READY,
  GREDIS_CONNECTION_STATE_CLOSED,
} GredisConnectionState;

#define GREDIS_TYPE_CONNECTION (gredis_connection_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisConnection, gredis_connection, GREDIS, CONNECTION, GObject)

/**
 * GredisReplyCallback:
 * @connection: the connection the command was sent on
 * @reply: (nullable): the reply, which may be an error reply, or %NULL
 *   when @error is set
 * @error: (nullable): why there is no reply: the connection failed or
 *   was closed, or the command timed out
 * @user_data: the data given with the callback
 *
 * Receives the outcome of a command queued with
 * gredis_connection_send_command_full(). It is called exactly once, in the
 * main context of the connection. Error replies from the server come as
 * @reply, not as @error. Both arguments belong to the caller of the
 * callback: take a reference on @reply to keep it.
 */
typedef void (*GredisReplyCallback) (GredisConnection *connection,
                                     GredisReply      *reply,
                                     const GError     *error,
                                     gpointer          user_data);

/**
 * GredisHandshakeFlags:
 * @GREDIS_HANDSHAKE_NONE: an error reply fails the open (unless a
 *   #GredisHandshakeCheckFunc judges the reply).
 * @GREDIS_HANDSHAKE_IGNORE_ERRORS: an error reply is ignored, for a
 *   command that some servers do not know (as `CLIENT SETINFO` before
 *   Redis 7.2); the check function, if any, sees only the other replies.
 *
 * How the reply to a handshake step is judged; see
 * gredis_connection_add_handshake_step().
 */
typedef enum /*< flags >*/ {
  GREDIS_HANDSHAKE_NONE          = 0,
  GREDIS_HANDSHAKE_IGNORE_ERRORS = 1 << 0,
} GredisHandshakeFlags;

/**
 * GredisHandshakeCheckFunc:
 * @connection: the connection being opened
 * @reply: the server's reply to the step, an error reply included
 *   (unless the step has %GREDIS_HANDSHAKE_IGNORE_ERRORS)
 * @user_data: the data given with the function
 * @error: return location for the error that fails the open
 *
 * Judges the reply to a handshake step added with
 * gredis_connection_add_handshake_step_full(). It runs in the
 * connection's main context, after the replies to every step before it
 * were judged: gredis_connection_get_server_info() is set then, with
 * RESP3. Take a reference on @reply to keep it.
 *
 * Returns: %TRUE to go on with the handshake, %FALSE with @error set to
 *   fail the open (and every command queued) with that error
 */
typedef gboolean (*GredisHandshakeCheckFunc) (GredisConnection  *connection,
                                              GredisReply       *reply,
                                              gpointer           user_data,
                                              GError           **error);

GREDIS_AVAILABLE_IN_ALL
GredisConnection     *gredis_connection_new                    (GredisTransport      *transport,
                                                                GredisParser         *parser,
                                                                GSocketConnectable   *endpoint);
GREDIS_AVAILABLE_IN_ALL
GredisConnection     *gredis_connection_new_for_config         (GredisConfig         *config,
                                                                GSocketConnectable   *endpoint,
                                                                GError              **error);

GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_open_async             (GredisConnection     *connection,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean              gredis_connection_open_finish            (GredisConnection     *connection,
                                                                GAsyncResult         *result,
                                                                GError              **error);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_close                  (GredisConnection     *connection);

GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_send_command_async     (GredisConnection     *connection,
                                                                guint                 argc,
                                                                const char * const   *argv,
                                                                const gsize          *argv_lengths,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_send_command_bytes_async (GredisConnection   *connection,
                                                                GBytes * const       *args,
                                                                guint                 n_args,
                                                                GCancellable         *cancellable,
                                                                GAsyncReadyCallback   callback,
                                                                gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
GredisReply          *gredis_connection_send_command_finish    (GredisConnection     *connection,
                                                                GAsyncResult         *result,
                                                                GError              **error);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_send_command_full      (GredisConnection     *connection,
                                                                guint                 argc,
                                                                const char * const   *argv,
                                                                const gsize          *argv_lengths,
                                                                GredisReplyCallback   callback,
                                                                gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_flush                  (GredisConnection     *connection);

GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_add_handshake_step     (GredisConnection     *connection,
                                                                const char * const   *argv,
                                                                GredisHandshakeFlags  flags);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_add_handshake_step_full (GredisConnection    *connection,
                                                                const char * const   *argv,
                                                                GredisHandshakeFlags  flags,
                                                                GredisHandshakeCheckFunc check,
                                                                gpointer              user_data,
                                                                GDestroyNotify        destroy);

GREDIS_AVAILABLE_IN_ALL
GredisConnectionState gredis_connection_get_state              (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
guint                 gredis_connection_get_n_pending          (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
GredisTransport      *gredis_connection_get_transport          (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
GredisParser         *gredis_connection_get_parser             (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
GSocketConnectable   *gredis_connection_get_endpoint           (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
GMainContext         *gredis_connection_get_context            (GredisConnection     *connection);

GREDIS_AVAILABLE_IN_ALL
const char           *gredis_connection_get_username           (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_set_username           (GredisConnection     *connection,
                                                                const char           *username);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_set_password           (GredisConnection     *connection,
                                                                const char           *password);
GREDIS_AVAILABLE_IN_ALL
const char           *gredis_connection_get_client_name        (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_set_client_name        (GredisConnection     *connection,
                                                                const char           *client_name);
GREDIS_AVAILABLE_IN_ALL
guint                 gredis_connection_get_database           (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_set_database           (GredisConnection     *connection,
                                                                guint                 database);
GREDIS_AVAILABLE_IN_ALL
guint                 gredis_connection_get_protocol           (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_set_protocol           (GredisConnection     *connection,
                                                                guint                 protocol);
GREDIS_AVAILABLE_IN_ALL
guint                 gredis_connection_get_command_timeout_ms (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_set_command_timeout_ms (GredisConnection     *connection,
                                                                guint                 timeout_ms);
GREDIS_AVAILABLE_IN_ALL
guint                 gredis_connection_get_retries            (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_set_retries            (GredisConnection     *connection,
                                                                guint                 retries);
GREDIS_AVAILABLE_IN_ALL
GredisBackoffPolicy  *gredis_connection_get_backoff_policy     (GredisConnection     *connection);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_connection_set_backoff_policy     (GredisConnection     *connection,
                                                                GredisBackoffPolicy  *policy);
GREDIS_AVAILABLE_IN_ALL
GredisReply          *gredis_connection_get_server_info        (GredisConnection     *connection);

G_END_DECLS
