/* gredis-router-private.h: how the client, pipelines and pub/sub get
 * connections
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-call-private.h"
#include "gredis-observers-private.h"

G_BEGIN_DECLS

/* A GredisRouter stands between the layers that send commands (client,
 * pipeline, pub/sub) and the GredisPool: it owns the pool, made from the
 * configuration on first use, and asks it through the GredisPool
 * interface only. It keeps the multiplexed connection of each main
 * context (gredis-router.c), hands out exclusive connections
 * (gredis-router-exclusive.c) and those of the blocking API
 * (gredis-router-sync.c). It never calls the client: the client gives it,
 * when it makes it, its configuration, itself as the owner (held weakly)
 * that push frames are reported to, and the function that watches a new
 * shared connection for failed commands. Thread-safe; reference-counted. */
typedef struct _GredisRouter GredisRouter;


/* @on_push, of the signature of GredisConnection::push, is connected
 * with g_signal_connect_object() to @owner on every connection the router
 * hands out, the first time it does. */
GredisRouter *_gredis_router_new        (GredisConfig          *config,
                                         GObject               *owner,
                                         GCallback              on_push);
GredisRouter *_gredis_router_ref        (GredisRouter          *router);
void          _gredis_router_unref      (GredisRouter          *router);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisRouter, _gredis_router_unref)

GredisConfig *_gredis_router_get_config (GredisRouter          *router);
/* The observers of the configuration's `observe` key, made with the
 * pool (from the key's value then) or on the first call: borrowed, NULL
 * when none. */
GredisObservers *_gredis_router_get_observers (GredisRouter       *router);
/* The same without the lock, for the command path once the router's
 * pool was made (_gredis_router_get_pool()): they never change then. */
GredisObservers *_gredis_router_peek_observers (GredisRouter      *router);
gboolean      _gredis_router_is_closed  (GredisRouter          *router);
/* Closes every shared connection and the pool; commands waiting for the
 * pool fail with GREDIS_ERROR_CLOSED, and so do later acquisitions. */
void          _gredis_router_close      (GredisRouter          *router);

/* The pool (GredisConfig:pool), made and configured on first use; NULL
 * with an error when the router is closed or the plugin is missing. */
GredisPool   *_gredis_router_get_pool   (GredisRouter          *router,
                                         GError               **error);

/* The slot to ask the pool for, for the command @argv or @args (one of
 * them): GREDIS_POOL_NO_SLOT when the pool does not route by slot or the
 * command has no key; FALSE with GREDIS_ERROR_CROSSSLOT when its keys
 * are in several slots (it must not be sent). */
gboolean      _gredis_router_command_slot (GredisRouter        *router,
                                           guint                argc,
                                           const char * const  *argv,
                                           const gsize         *argv_lengths,
                                           GBytes * const      *args,
                                           gint                *slot,
                                           GError             **error);

/* The same, with what else the pool is asked: @intent (a read for
 * commands the table flags read-only) and the table entry (*@info, NULL
 * when the table does not know the command; @info may be NULL). */
gboolean      _gredis_router_command_route (GredisRouter             *router,
                                            guint                     argc,
                                            const char * const       *argv,
                                            const gsize              *argv_lengths,
                                            GBytes * const           *args,
                                            gint                     *slot,
                                            GredisPoolIntent         *intent,
                                            const GredisCommandInfo **info,
                                            GError                  **error);

/* With a pool that routes by slot, and @error a MOVED reply: patches
 * the pool's slot map, so that the command, sent again alone, goes to
 * the new node; FALSE otherwise. The server did not run the command. */
gboolean      _gredis_router_follow_moved (GredisRouter        *router,
                                           const GError        *error);

/* With a sentinel pool, and @error a READONLY reply that @connection
 * got: the master it was made to was demoted, and the pool's
 * connections are retired, so that the command, sent again, goes to the
 * master found anew. Does nothing otherwise. */
void          _gredis_router_check_readonly (GredisRouter      *router,
                                             GredisConnection  *connection,
                                             const GError      *error);
/* With a pool that routes by slot, and @error an ASK reply: the node
 * the command goes to, once, after ASKING (counted; the map stays as it
 * is); NULL otherwise. The server did not run the command. */
GSocketConnectable *_gredis_router_follow_ask  (GredisRouter       *router,
                                                const GError       *error);
/* With a pool that routes by slot, whether @error is TRYAGAIN or
 * CLUSTERDOWN: the command did not run and is sent again after the
 * backoff delay, within the redirect cap. */
gboolean      _gredis_router_is_cluster_busy  (GredisRouter        *router,
                                               const GError        *error);
/* A command failed with @error: when it says the connection to its node
 * failed or stopped answering, a cluster pool is asked to refresh its
 * map (rate-limited there). */
void          _gredis_router_note_failure     (GredisRouter        *router,
                                               const GError        *error);
/* Queues @call, whose command it keeps (@argc, @argv, @argv_lengths), on
 * the shared connection of @node in the thread-default context, after
 * ASKING, as one unit (_gredis_connection_queue_asking_call()); the
 * connection is made, or waited for, as needed. */
void          _gredis_router_queue_asking     (GredisRouter        *router,
                                               GSocketConnectable  *node,
                                               guint                argc,
                                               const char * const  *argv,
                                               const gsize         *argv_lengths,
                                               GredisCall          *call);

/* Events of a cluster pool, for the client: @func is called with the
 * router's owner, from the pool's own thread, each time a refresh finds
 * the topology changed (@changes: GredisTopologyChange flags). Set
 * before the pool is made. */
typedef void (*GredisRouterTopologyFunc) (GObject *owner,
                                          guint    changes);
void          _gredis_router_set_topology_func    (GredisRouter             *router,
                                                   GredisRouterTopologyFunc  func);
/* The MOVED and ASK redirects followed and the slot-map fetches started;
 * FALSE (and zeros) when the pool does not route by slot or is not made. */
gboolean      _gredis_router_get_cluster_counters (GredisRouter             *router,
                                                   guint64                  *n_moved,
                                                   guint64                  *n_ask,
                                                   guint64                  *n_fetches);

/* With a pool that routes by slot: asks it to fetch the slot map again
 * in the background (deduplicated and rate-limited there), when a peer
 * says the topology moved without a redirect (a shard channel dropped by
 * its node). */
void          _gredis_router_request_refresh  (GredisRouter        *router);

/* Whether the pool routes by slot (a cluster). One atomic read once
 * the pool is made. */
gboolean      _gredis_router_routes_by_slot (GredisRouter      *router);

/* With a pool that routes by slot: fills @nodes[i] with a number for the
 * node that serves @slots[i] in the current slot map (the first primary
 * for GREDIS_POOL_NO_SLOT, *@n_nodes for a slot no node serves), numbers
 * below *@n_nodes, consistent within one call only; FALSE when the map is
 * not known yet (an acquisition for a slot waits for it). For grouping
 * commands by node: the map may change before they are sent, and a
 * command that reaches the wrong node then gets MOVED. */
gboolean      _gredis_router_map_slots      (GredisRouter      *router,
                                             const gint        *slots,
                                             guint              n_slots,
                                             guint             *nodes,
                                             guint             *n_nodes);

/* With a pool that routes by slot and its slot map known: the host
 * (*@host, to free) and port of the primary that serves @slot in the
 * map; FALSE otherwise. The map may change at any time: a command sent
 * there may get MOVED. */
gboolean      _gredis_router_lookup_slot    (GredisRouter      *router,
                                             guint              slot,
                                             char             **host,
                                             guint16           *port);

/* Shared connections (gredis-router.c) */

/* An asynchronous command, before it is queued: on the shared connection
 * of the caller's context at once, or as a GredisCall (made with
 * @source_object and @source_tag) when it waits for the pool or fails.
 * Exactly one of @argv and @args is given. */
typedef struct
{
  guint argc;
  const char * const *argv;
  const gsize *argv_lengths;
  GBytes * const *args;
  gpointer source_object;
  GCancellable *cancellable;
  GAsyncReadyCallback callback;
  gpointer user_data;
  gpointer source_tag;
} GredisRouterCommand;

/* Sends @command on the shared connection of the thread-default main
 * context; its callback is called in that context, with the reply or an
 * error. The command is kept to be sent again if the connection fails. */
void              _gredis_router_send_shared   (GredisRouter              *router,
                                                const GredisRouterCommand *command);
/* Queues @call, which keeps its command (@argc, @argv, @argv_lengths),
 * on the shared connection of the thread-default main context, or fails
 * it. */
void              _gredis_router_queue_shared  (GredisRouter              *router,
                                                guint                      argc,
                                                const char * const        *argv,
                                                const gsize               *argv_lengths,
                                                GredisCall                *call);
/* The shared connection of the thread-default main context, without
 * waiting: NULL with GREDIS_ERROR_POOL_EXHAUSTED when its commands wait
 * for the pool. */
GredisConnection *_gredis_router_get_shared    (GredisRouter              *router,
                                                GError                   **error);
/* With a pool that routes by slot: the shared connection of the
 * thread-default main context to the node of @slot, without waiting: NULL
 * with GREDIS_ERROR_POOL_EXHAUSTED when the pool would wait (the map is
 * not known yet, the node's connections are all in use). */
GredisConnection *_gredis_router_get_shared_for_slot (GredisRouter        *router,
                                                      gint                 slot,
                                                      GError             **error);
/* Resets the backoff of every shared connection, each in its context. */
void              _gredis_router_reset_backoff (GredisRouter              *router);

/* Exclusive connections (gredis-router-exclusive.c), for blocking
 * commands, WATCH/MULTI/EXEC and pub/sub: no other caller's commands go
 * on one until it is released. The connection belongs to the caller's
 * thread-default context and is ready when handed out. Release with
 * @reusable FALSE when its state is unknown (a transaction cut short, a
 * subscription still active, a blocking command cancelled): it is then
 * closed rather than handed out again. */
void              _gredis_router_acquire_exclusive_async  (GredisRouter        *router,
                                                           GCancellable        *cancellable,
                                                           GAsyncReadyCallback  callback,
                                                           gpointer             user_data);
/* The same, for the primary of @slot (GREDIS_POOL_NO_SLOT: any) or for
 * @node when it is not NULL, with a pool that routes by slot; finished
 * with _gredis_router_acquire_exclusive_finish(). */
void              _gredis_router_acquire_exclusive_at_async (GredisRouter        *router,
                                                             gint                 slot,
                                                             GSocketConnectable  *node,
                                                             GCancellable        *cancellable,
                                                             GAsyncReadyCallback  callback,
                                                             gpointer             user_data);
GredisConnection *_gredis_router_acquire_exclusive_finish (GredisRouter        *router,
                                                           GAsyncResult        *result,
                                                           GError             **error);
void              _gredis_router_release_exclusive        (GredisRouter        *router,
                                                           GredisConnection    *connection,
                                                           gboolean             reusable);

/* The blocking API (gredis-router-sync.c): sends a command on a
 * connection of its own, on a private main context, with the retry of
 * gredis-router-retry.c; the call is made with @source_object. */
GredisReply      *_gredis_router_send_sync     (GredisRouter         *router,
                                                gpointer              source_object,
                                                guint                 argc,
                                                const char * const   *argv,
                                                const gsize          *argv_lengths,
                                                GBytes * const       *args,
                                                GCancellable         *cancellable,
                                                GError              **error);
/* The same for a command sent @sent_before times already (by a pipeline
 * whose connection was lost): the observers see its attempts go on from
 * there. */
GredisReply      *_gredis_router_send_sync_again (GredisRouter       *router,
                                                  gpointer            source_object,
                                                  guint               sent_before,
                                                  guint               argc,
                                                  const char * const *argv,
                                                  const gsize        *argv_lengths,
                                                  GBytes * const     *args,
                                                  GCancellable       *cancellable,
                                                  GError            **error);

/* For the parts of the router: reports push frames of @connection to the
 * owner, the first time the router hands it out. */
void              _gredis_router_watch_push    (GredisRouter         *router,
                                                GredisConnection     *connection);
GError           *_gredis_router_closed_error  (void);

/* The retry policy every path consults (GredisClient:retry): the one set
 * with _gredis_router_set_retry(), or one made from the configuration's
 * `retries` and backoff keys on first use; referenced. */
GredisRetry      *_gredis_router_ref_retry     (GredisRouter         *router);
/* @retry, or NULL for the configuration's; TRUE when it changed. */
gboolean          _gredis_router_set_retry     (GredisRouter         *router,
                                                GredisRetry          *retry);
/* The configuration's retry keys changed: a policy made from them is made
 * again on next use (one that was set stays). */
void              _gredis_router_forget_retry  (GredisRouter         *router);

/* The number of network changes seen so far: backoff delays start again
 * after one (GredisRetryDelay). */
guint             _gredis_router_get_network_epoch (GredisRouter     *router);
/* The network changed: delays start again, connections forget theirs. */
void              _gredis_router_network_changed   (GredisRouter     *router);

G_END_DECLS
