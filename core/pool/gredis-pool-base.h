/* gredis-pool-base.h: what the built-in pools share (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* The base of the built-in pools implements the whole GredisPool
 * interface (configure, try_acquire and acquire included); everything
 * else in the library asks it through that interface only. The `simple`
 * and `blocking` subclasses register themselves with the plugin registry
 * when their type is registered, as GIO's built-in implementations do;
 * the registry only ensures their types (core/meson.build lists them). */

#define GREDIS_TYPE_POOL_BASE (gredis_pool_base_get_type ())
G_DECLARE_DERIVABLE_TYPE (GredisPoolBase, gredis_pool_base, GREDIS, POOL_BASE, GObject)

struct _GredisPoolBaseClass
{
  GObjectClass parent_class;

  /* TRUE: wait up to pool-timeout-ms for a connection when all are busy;
   * FALSE: fail at once with GREDIS_ERROR_POOL_EXHAUSTED. */
  gboolean waits;

  /* NULL: connections go to the configuration's endpoint. Otherwise the
   * pool asks, before it makes each connection, where it should go (a
   * pool that follows a moving server, as the sentinel one does): an
   * asynchronous operation that may complete in any context but calls
   * back in the caller's. A failure fails the acquisition. */
  void                 (*resolve_endpoint_async)  (GredisPoolBase       *self,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
  GSocketConnectable * (*resolve_endpoint_finish) (GredisPoolBase       *self,
                                                   GAsyncResult         *result,
                                                   GError              **error);
  /* Called after the base took a configuration, and when it closes. */
  void                 (*configured)              (GredisPoolBase       *self,
                                                   GredisConfig         *config);
  void                 (*closed)                  (GredisPoolBase       *self);
};

#define GREDIS_TYPE_POOL_SIMPLE (gredis_pool_simple_get_type ())
G_DECLARE_FINAL_TYPE (GredisPoolSimple, gredis_pool_simple, GREDIS, POOL_SIMPLE, GredisPoolBase)

#define GREDIS_TYPE_POOL_BLOCKING (gredis_pool_blocking_get_type ())
G_DECLARE_FINAL_TYPE (GredisPoolBlocking, gredis_pool_blocking, GREDIS, POOL_BLOCKING, GredisPoolBase)

/* The largest number of connections open at once so far (for tests). */
guint             _gredis_pool_base_get_peak         (GredisPoolBase            *pool);

/* Every connection made so far is retired: idle ones are closed at once,
 * busy ones of a main context are closed in that context (their callers
 * see them fail; the router gives them back), busy ones of the blocking
 * API are closed when given back. None is handed out again. Thread-safe. */
void              _gredis_pool_base_retire_all       (GredisPoolBase            *pool);
/* Whether @connection is counted by @pool and made since the last
 * _gredis_pool_base_retire_all(). */
gboolean          _gredis_pool_base_is_current       (GredisPoolBase            *pool,
                                                      GredisConnection          *connection);
/* How many times _gredis_pool_base_retire_all() ran (for tests). */
guint             _gredis_pool_base_get_epoch        (GredisPoolBase            *pool);

G_END_DECLS
