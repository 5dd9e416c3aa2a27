/* gredis-connection-private.h: what the client needs of the connection engine
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Queues a command whose outcome completes @task (the connection takes a
 * reference): g_task_return_pointer() with the #GredisReply, or an error,
 * server error replies included (gredis_reply_to_error()). When
 * @cancellable is cancelled the task completes at once with
 * G_IO_ERROR_CANCELLED and the entry becomes a tombstone. Exactly one of
 * @argv and @args is given. */
void _gredis_connection_queue_task (GredisConnection   *connection,
                                    guint               argc,
                                    const char * const *argv,
                                    const gsize        *argv_lengths,
                                    GBytes * const     *args,
                                    GTask              *task,
                                    GCancellable       *cancellable);

G_END_DECLS
