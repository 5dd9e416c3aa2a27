/* gredis-handshake-private.h: the steps of a connection's handshake
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* One command of the handshake and how its reply is judged. The
 * connection sends the commands of all its steps in one write when the
 * transport has connected, before any other command, in the order they
 * were added; the built-in steps come first (HELLO or AUTH, CLIENT
 * SETNAME, CLIENT SETINFO, SELECT: gredis-connection.c).
 *
 * A step is immutable once made and may be shared by the connections of
 * several contexts (the client adds its steps to every connection it
 * makes): the reference count is atomic, and its functions must be safe
 * to call from the context of any connection that has it. */
typedef struct _GredisHandshakeStep GredisHandshakeStep;

/* The richer form of the core's own steps: the command is built each
 * time the handshake is sent, from the connection's settings at that
 * time. Appends the arguments to @argv (strings it owns: g_free() is
 * its free function, after their bytes are cleared, for passwords), or
 * returns FALSE to leave the step out of this handshake. The protocol
 * (gredis_connection_get_protocol()) is known then: HELLO is sent first,
 * and a refused HELLO fails the open. */
typedef gboolean (*GredisHandshakeBuildFunc) (GredisConnection *connection,
                                              GPtrArray        *argv,
                                              gpointer          user_data);

/* @name names the step in errors (never an argument: they may be
 * secrets); with @argv, %NULL names it after the command (two words for
 * a container command such as CLIENT). Exactly one of @argv and @build
 * is given. @check and @user_data as for
 * gredis_connection_add_handshake_step_full(); @user_data is passed to
 * @build too, and @destroy frees it with the step. */
GredisHandshakeStep *_gredis_handshake_step_new    (const char               *name,
                                                    const char * const       *argv,
                                                    GredisHandshakeBuildFunc  build,
                                                    GredisHandshakeFlags      flags,
                                                    GredisHandshakeCheckFunc  check,
                                                    gpointer                  user_data,
                                                    GDestroyNotify            destroy);
GredisHandshakeStep *_gredis_handshake_step_ref    (GredisHandshakeStep      *step);
void                 _gredis_handshake_step_unref  (GredisHandshakeStep      *step);

/* Appends the step's command, encoded, to @out; FALSE when the step is
 * left out this time (nothing appended). */
gboolean             _gredis_handshake_step_encode (GredisHandshakeStep      *step,
                                                    GredisConnection         *connection,
                                                    GByteArray               *out);

/* Judges @reply: TRUE to go on, FALSE with @error when the open fails. */
gboolean             _gredis_handshake_step_judge  (GredisHandshakeStep      *step,
                                                    GredisConnection         *connection,
                                                    GredisReply              *reply,
                                                    GError                  **error);

/* The error an error reply to the step named @name fails the open with:
 * the code of the server's prefix (gredis_reply_to_error()), its text,
 * and the name. For check functions of the core that take the default
 * way with error replies. */
GError              *_gredis_handshake_refused_error (const char             *name,
                                                      GredisReply            *reply);

const char          *_gredis_handshake_step_get_name (GredisHandshakeStep    *step);

/* For gredis-client.c: the steps added to a connection with
 * _gredis_connection_add_step() follow the built-in ones, in order. When
 * the connection has already sent its handshake, the step is sent at
 * once, after the commands already queued, and judged the same way. */
void                 _gredis_connection_add_step   (GredisConnection         *connection,
                                                    GredisHandshakeStep      *step);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisHandshakeStep, _gredis_handshake_step_unref)

G_END_DECLS
