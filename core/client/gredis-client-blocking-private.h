/* gredis-client-blocking-private.h: blocking commands of GredisClient
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Whether the command may block in the server (the command table's
 * BLOCKING flag, XREAD and XREADGROUP only with BLOCK, and WAIT/WAITAOF).
 * Then *@timeout_ms is how long the server may hold it: 0 for ever, -1
 * when its arguments do not say (the server will refuse them). Exactly
 * one of @argv and @args is given. */
gboolean     _gredis_command_is_blocking              (guint                argc,
                                                       const char * const  *argv,
                                                       const gsize         *argv_lengths,
                                                       GBytes * const      *args,
                                                       gint64              *timeout_ms);

/* WAIT and WAITAOF go on the shared connection, whose command timeout
 * would cut them short: one whose timeout is 0 (for ever) or not shorter
 * than @command_timeout_ms (0: none) fails with
 * GREDIS_ERROR_CONNECTION_STATE before it is sent. TRUE for every other
 * command. */
gboolean     _gredis_command_check_wait               (guint                argc,
                                                       const char * const  *argv,
                                                       const gsize         *argv_lengths,
                                                       GBytes * const      *args,
                                                       guint                command_timeout_ms,
                                                       GError             **error);

/* Sends a blocking command on an exclusive connection whose command
 * timeout is @timeout_ms plus the configured command timeout (none when
 * either is 0); the task is tagged @source_tag and has @client as source,
 * so that _gredis_client_send_finish() finishes it. */
void         _gredis_client_send_blocking_async       (GredisClient        *client,
                                                       guint                argc,
                                                       const char * const  *argv,
                                                       const gsize         *argv_lengths,
                                                       GBytes * const      *args,
                                                       gint64               timeout_ms,
                                                       gpointer             source_tag,
                                                       GCancellable        *cancellable,
                                                       GAsyncReadyCallback  callback,
                                                       gpointer             user_data);

/* The blocking form, on a private main context. */
GredisReply *_gredis_client_send_blocking_sync        (GredisClient        *client,
                                                       guint                argc,
                                                       const char * const  *argv,
                                                       const gsize         *argv_lengths,
                                                       GBytes * const      *args,
                                                       gint64               timeout_ms,
                                                       GCancellable        *cancellable,
                                                       GError             **error);

G_END_DECLS
