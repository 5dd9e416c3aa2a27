/* gredis-cache-private.h: the client-side cache, for the client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-router-private.h"
#include "gredis-handshake-private.h"

G_BEGIN_DECLS

/* The client-side cache (GredisConfig:cache): replies of read-only
 * commands on one key, kept until the server says the key changed.
 *
 * Every read the cache means to keep goes out on the connections of one
 * private main context, run by a thread of the cache's own (the
 * "tracking context"): its connections get CLIENT TRACKING as a
 * handshake step (gredis-cache-tracking.c), so that the server tracks
 * what they read, and the invalidations the server pushes are read and
 * applied there at once, in order with the replies of the same
 * connection, whatever the application's main contexts are doing. A
 * reply is stored only if no invalidation of its key (and no flush) came
 * while it was in flight; concurrent misses of one command share one
 * fetch. Hits are answered from memory, in the caller's context, without
 * a round trip. The cache is emptied whenever tracking may have lapsed:
 * a tracking connection closed or a new one opened (a reconnect, a
 * sentinel master switch, a new cluster node), a changed cluster
 * topology, `tracking-redir-broken`, a null invalidation (FLUSHALL).
 *
 * With RESP2 the server cannot push on the reading connections: they
 * track with REDIRECT to a connection of the tracking context subscribed
 * to __redis__:invalidate (gredis-cache-redirect.c). Every fetch in
 * flight is then the placeholder of its key that an invalidation read on
 * the subscriber marks, so that its reply is not kept; the cache is
 * emptied when the subscriber is lost or replaced, and nothing is kept
 * while there is none.
 *
 * Thread-safe; reference-counted. */
typedef struct _GredisCache GredisCache;

/* Called in the tracking context with the keys invalidated (NULL for a
 * flush of everything), when @owner may want to tell the application:
 * @wanted is asked first, from the same thread. */
typedef gboolean (*GredisCacheWantedFunc)      (GObject            *owner);
typedef void     (*GredisCacheInvalidatedFunc) (GObject            *owner,
                                                const char * const *keys);

typedef struct
{
  guint64 hits;
  guint64 misses;
  guint64 evictions;
  guint64 invalidations;
  guint64 bytes;
  guint n_entries;
} GredisCacheStats;

/* NULL, with a warning, when the configuration cannot be served (RESP2
 * on a cluster: the invalidations of a node go to a client of that
 * node only). With RESP2 the reading connections redirect their
 * invalidations to a subscribed connection (gredis-cache-redirect.c). */
GredisCache  *_gredis_cache_new            (GredisConfig               *config,
                                            GredisRouter               *router,
                                            GObject                    *owner,
                                            GredisCacheWantedFunc       wanted,
                                            GredisCacheInvalidatedFunc  invalidated);
GredisCache  *_gredis_cache_ref            (GredisCache                *cache);
void          _gredis_cache_unref          (GredisCache                *cache);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisCache, _gredis_cache_unref)

/* Stops the tracking thread; later commands pass through. Call after
 * the router is closed, so that fetches in flight complete. */
void          _gredis_cache_close          (GredisCache                *cache);

/* The handshake step to add to the client's connections; it is sent on
 * those of the tracking context only. */
GredisHandshakeStep *_gredis_cache_get_tracking_step (GredisCache      *cache);

/* When the command can be cached: answers it, from memory or through
 * the tracking context, completing a GTask of @source_object tagged
 * @source_tag, and returns TRUE. FALSE, having done nothing, otherwise. */
gboolean      _gredis_cache_send_async     (GredisCache                *cache,
                                            guint                       argc,
                                            const char * const         *argv,
                                            const gsize                *argv_lengths,
                                            GBytes * const             *args,
                                            gpointer                    source_object,
                                            gpointer                    source_tag,
                                            GCancellable               *cancellable,
                                            GAsyncReadyCallback         callback,
                                            gpointer                    user_data);
/* The blocking form: TRUE with *@reply or @error when the cache took
 * the command. */
gboolean      _gredis_cache_send_sync      (GredisCache                *cache,
                                            guint                       argc,
                                            const char * const         *argv,
                                            const gsize                *argv_lengths,
                                            GBytes * const             *args,
                                            gpointer                    source_object,
                                            GCancellable               *cancellable,
                                            GredisReply               **reply,
                                            GError                    **error);

/* Writes of the client itself: the server's invalidation comes on the
 * tracking connection, maybe after the write's own reply, so the keys
 * a write changes are dropped here at once (and fetches of them in
 * flight not kept), and again when it is answered, before its caller
 * hears of it: a client reads its own writes. note_write returns the
 * keys (an empty array for a write without keys, which empties the
 * cache), NULL when the command is not a write; write_done is for its
 * reply. wrap_write does both for an asynchronous command: it replaces
 * *@callback and *@user_data (TRUE) when the command is a write. */
GPtrArray    *_gredis_cache_note_write     (GredisCache                *cache,
                                            guint                       argc,
                                            const char * const         *argv,
                                            const gsize                *argv_lengths,
                                            GBytes * const             *args);
void          _gredis_cache_write_done     (GredisCache                *cache,
                                            GPtrArray                  *keys);
gboolean      _gredis_cache_wrap_write     (GredisCache                *cache,
                                            guint                       argc,
                                            const char * const         *argv,
                                            const gsize                *argv_lengths,
                                            GBytes * const             *args,
                                            GAsyncReadyCallback        *callback,
                                            gpointer                   *user_data);

/* A push frame of @connection (GredisConnection::push), in its context:
 * invalidations are applied. */
void          _gredis_cache_handle_push    (GredisCache                *cache,
                                            GredisConnection           *connection,
                                            GredisReply                *push);
/* Empties the cache; fetches in flight are not stored. @reason is for
 * the debug log. */
void          _gredis_cache_flush          (GredisCache                *cache,
                                            const char                 *reason);
/* The same, for the replies stored only: a new tracking session starts
 * on a connection, and the reads queued behind it will be tracked. */
void          _gredis_cache_flush_stored   (GredisCache                *cache,
                                            const char                 *reason);
void          _gredis_cache_get_stats      (GredisCache                *cache,
                                            GredisCacheStats           *stats);

/* For gredis-cache-tracking.c */
GMainContext *_gredis_cache_get_context    (GredisCache                *cache);
GredisConfig *_gredis_cache_get_config     (GredisCache                *cache);
/* Drops the entries of @keys (NULL: all) and marks the fetches of those
 * keys in flight, counting one invalidation. */
void          _gredis_cache_invalidate     (GredisCache                *cache,
                                            GPtrArray                  *keys);
/* Whether the command (its key @key) may be stored in broadcast mode:
 * the key has one of the prefixes. */
gboolean      _gredis_cache_key_is_tracked (GredisCache                *cache,
                                            const guint8               *key,
                                            gsize                       key_length);

/* Applies the keys of an invalidation message (a null or non-array
 * payload empties the cache). */
void          _gredis_cache_apply_invalidation (GredisCache            *cache,
                                                GredisReply            *keys);
/* Adds the arguments of CLIENT TRACKING ON (REDIRECT, BCAST, PREFIX,
 * OPTIN as configured) to @argv; FALSE, when the cache redirects and no
 * subscriber is ready: tracking cannot be turned on yet. */
gboolean      _gredis_cache_build_tracking (GredisCache                *cache,
                                            GPtrArray                  *argv);

/* RESP2 (gredis-cache-redirect.c): the client subscribed to
 * __redis__:invalidate; tracking thread only. */
typedef struct _GredisCacheRedirect GredisCacheRedirect;
GredisCacheRedirect *_gredis_cache_redirect_new   (GredisCache         *cache,
                                                   GredisRouter        *router);
void                 _gredis_cache_redirect_start (GredisCacheRedirect *redirect);
void                 _gredis_cache_redirect_stop  (GredisCacheRedirect *redirect);
void                 _gredis_cache_redirect_free  (GredisCacheRedirect *redirect);

/* Whether the cache redirects (RESP2), and the client id it redirects
 * to (0: none is subscribed; nothing read is kept then). Setting it, in
 * the tracking context, empties the cache and, with a new id, turns
 * tracking on again with it on the reading connection. */
gboolean      _gredis_cache_redirects          (GredisCache            *cache);
guint64       _gredis_cache_get_redirect_id    (GredisCache            *cache);
void          _gredis_cache_set_redirect_id    (GredisCache            *cache,
                                                guint64                 id);

/* The CLIENT TRACKING step of @cache, and the handle it holds the cache
 * by, to detach when the cache closes. */
GredisHandshakeStep *_gredis_cache_tracking_step_new (GredisCache      *cache,
                                                      gpointer         *handle);
void                 _gredis_cache_tracking_detach   (gpointer          handle);

G_END_DECLS
