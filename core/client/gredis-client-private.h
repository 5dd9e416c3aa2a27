/* gredis-client-private.h: what the parts of GredisClient share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-handshake-private.h"
#include "gredis-router-private.h"

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
 * connection of its own (core/router/gredis-router-sync.c). */
GredisReply      *_gredis_client_send_sync    (GredisClient        *client,
                                               guint                argc,
                                               const char * const  *argv,
                                               const gsize         *argv_lengths,
                                               GBytes * const      *args,
                                               GCancellable        *cancellable,
                                               GError             **error);

gboolean          _gredis_client_is_closed    (GredisClient        *client);

/* The router of the client (core/router): its pool, shared, exclusive
 * and blocking connections. Borrowed; it lives as long as the client.
 * Pipelines and pub/sub take a reference and get connections from it. */
GredisRouter     *_gredis_client_get_router   (GredisClient        *client);

/* For features of the core (the client-side cache) and the tests: every
 * connection made from the client's configuration from now on, by any
 * pool, replacements after a failure included, runs @step in its
 * handshake, after the built-in steps and those added before.
 * Connections already made are not affected. Thread-safe. */
void              _gredis_client_add_handshake_step (GredisClient        *client,
                                                     GredisHandshakeStep *step);

/* The retry policy the client's commands follow (GredisClient:retry: the
 * router's), referenced. */
GredisRetry      *_gredis_client_ref_retry    (GredisClient        *client);

/* The handler of GNetworkMonitor::network-changed (a test seam: tests
 * call it directly): backoff delays start again, and commands waiting
 * out a delay are sent at once (_gredis_router_network_changed()). */
void              _gredis_client_network_changed (GredisClient     *client);

G_END_DECLS
