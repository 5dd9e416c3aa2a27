/* gredis-pubsub-private.h: the parts of GredisPubSub
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"
#include "gredis-router-private.h"

G_BEGIN_DECLS

/* gredis-pubsub.c, for the shard links */

/* Emits GredisPubSub::message for @frame when it is a message, pmessage
 * or smessage frame (RESP2 array or RESP3 push); FALSE otherwise. */
gboolean _gredis_pubsub_dispatch_frame (GredisPubSub *pubsub,
                                        GredisReply  *frame);
/* Emits GredisPubSub::messages-lost. */
void     _gredis_pubsub_emit_lost      (GredisPubSub *pubsub);
/* Completes the task of an operation of @pubsub, unless it completed
 * already (cancelled); @error (or NULL for success) is consumed. */
void     _gredis_pubsub_op_return      (GTask        *task,
                                        GError       *error);
/* The shard subscriptions changed state: GredisPubSub:connected may
 * change. */
void     _gredis_pubsub_update_connected (GredisPubSub *pubsub);

/* gredis-pubsub-shards.c: sharded subscriptions on a cluster.
 *
 * Each shard channel is subscribed to (SSUBSCRIBE) on a connection to the
 * primary that serves its slot in the cluster pool's map: one connection
 * per node, each channel in a command of its own followed by a PING, so
 * that a refusal is told apart (a MOVED reply patches the map and the
 * channel goes to the new owner). When the server drops a subscription
 * (a SUNSUBSCRIBE it was not asked for: the slot migrated or the node
 * became a replica) or a node's connection fails, the channels are
 * subscribed to again where the map says, and
 * GredisPubSub::messages-lost is emitted once they all are. Everything
 * runs in the owner's context. */
typedef struct _GredisPubSubShards GredisPubSubShards;

GredisPubSubShards *_gredis_pubsub_shards_new         (GredisPubSub        *pubsub,
                                                       GredisRouter        *router,
                                                       GMainContext        *context,
                                                       GCancellable        *cancellable);
void                _gredis_pubsub_shards_free        (GredisPubSubShards  *shards);
/* @task (of @pubsub) completes once every channel of @names is subscribed
 * to, or with the error that stopped one. */
void                _gredis_pubsub_shards_subscribe   (GredisPubSubShards  *shards,
                                                       const char * const  *names,
                                                       GTask               *task);
/* @names empty: every shard channel. @task completes once the servers
 * have confirmed. */
void                _gredis_pubsub_shards_unsubscribe (GredisPubSubShards  *shards,
                                                       const char * const  *names,
                                                       GTask               *task);
guint               _gredis_pubsub_shards_count       (GredisPubSubShards  *shards);
/* Whether every shard channel is subscribed to on its node. */
gboolean            _gredis_pubsub_shards_in_place    (GredisPubSubShards  *shards);
/* Releases every connection; waiting operations fail with @error. */
void                _gredis_pubsub_shards_close       (GredisPubSubShards  *shards,
                                                       const GError        *error);

G_END_DECLS
