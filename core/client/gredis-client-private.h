/* gredis-client-private.h: what the parts of GredisClient share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-handshake-private.h"

G_BEGIN_DECLS

/* Sends a command on the connection of the caller's thread-default main
 * context; the task is tagged with @source_tag. Exactly one of @argv and
 * @args is given. */
void              _gredis_client_send_async   (GredisClient        *client,
                                               guint                argc,
                                               const char * const  *argv,
                                               const gsize         *argv_lengths,
                                               GBytes * const      *args,
                                               gpointer             source_tag,
                                               GCancellable        *cancellable,
                                               GAsyncReadyCallback  callback,
                                               gpointer             user_data);
GredisReply      *_gredis_client_send_finish  (GredisClient        *client,
                                               GAsyncResult        *result,
                                               gpointer             source_tag,
                                               GError             **error);

/* The blocking form: runs the same engine on a private main context of a
 * connection taken from the client's blocking pool (gredis-client-sync.c). */
GredisReply      *_gredis_client_send_sync    (GredisClient        *client,
                                               guint                argc,
                                               const char * const  *argv,
                                               const gsize         *argv_lengths,
                                               GBytes * const      *args,
                                               GCancellable        *cancellable,
                                               GError             **error);

/* For gredis-client-sync.c: a new connection bound to the thread-default
 * context, opening; NULL with an error when a plugin is missing or the
 * password cannot be read. */
GredisConnection *_gredis_client_create_connection (GredisClient  *client,
                                                    GError       **error);
gboolean          _gredis_client_is_closed         (GredisClient  *client);

/* For features of the core (the client-side cache) and the tests: every
 * connection the client makes from now on, replacements after a failure
 * included, runs @step in its handshake, after the built-in steps and
 * those added before. Connections already made are not affected.
 * Thread-safe. */
void              _gredis_client_add_handshake_step (GredisClient        *client,
                                                     GredisHandshakeStep *step);

/* Exclusive connections, for blocking commands, WATCH/MULTI/EXEC and
 * pub/sub: no other caller's commands go on one until it is released.
 * The connection belongs to the caller's thread-default context.
 * Release with @reusable FALSE when its state is unknown (a transaction
 * cut short, a subscription still active, a blocking command cancelled):
 * it is then closed rather than handed out again
 * (gredis-client-exclusive.c). */
void              _gredis_client_acquire_exclusive_async  (GredisClient        *client,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
GredisConnection *_gredis_client_acquire_exclusive_finish (GredisClient        *client,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void              _gredis_client_release_exclusive        (GredisClient        *client,
                                                           GredisConnection    *connection,
                                                           gboolean             reusable);

/* Blocking pool bookkeeping, owned by gredis-client-sync.c. */
typedef struct _GredisSyncPool GredisSyncPool;
GredisSyncPool   *_gredis_sync_pool_new            (void);
void              _gredis_sync_pool_free           (GredisSyncPool *pool);
void              _gredis_sync_pool_close          (GredisSyncPool *pool);
GredisSyncPool   *_gredis_client_get_sync_pool     (GredisClient   *client);
/* The client's pool (GredisConfig:pool), made on first use; NULL with an
 * error when the client is closed or the plugin is missing. */
GredisPool       *_gredis_client_get_pool          (GredisClient   *client,
                                                    GError        **error);

G_END_DECLS
