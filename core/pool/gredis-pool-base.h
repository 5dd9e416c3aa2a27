/* gredis-pool-base.h: what the built-in pools share (private)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Makes a new connection bound to the thread-default main context and
 * starts opening it; NULL with an error when it cannot be made. */
typedef GredisConnection *(*GredisPoolConnectionFunc) (gpointer   user_data,
                                                       GError   **error);

#define GREDIS_TYPE_POOL_BASE (gredis_pool_base_get_type ())
G_DECLARE_DERIVABLE_TYPE (GredisPoolBase, gredis_pool_base, GREDIS, POOL_BASE, GObject)

struct _GredisPoolBaseClass
{
  GObjectClass parent_class;

  /* TRUE: wait up to pool-timeout-ms for a connection when all are busy;
   * FALSE: fail at once with GREDIS_ERROR_POOL_EXHAUSTED. */
  gboolean waits;
};

#define GREDIS_TYPE_POOL_SIMPLE (gredis_pool_simple_get_type ())
G_DECLARE_FINAL_TYPE (GredisPoolSimple, gredis_pool_simple, GREDIS, POOL_SIMPLE, GredisPoolBase)

#define GREDIS_TYPE_POOL_BLOCKING (gredis_pool_blocking_get_type ())
G_DECLARE_FINAL_TYPE (GredisPoolBlocking, gredis_pool_blocking, GREDIS, POOL_BLOCKING, GredisPoolBase)

/* Registers "simple" and "blocking" (called by the plugin registry). */
void              _gredis_pool_base_register         (void);

void              _gredis_pool_base_set_factory      (GredisPoolBase            *pool,
                                                      GredisPoolConnectionFunc   func,
                                                      gpointer                   user_data);

/* Takes an idle exclusive connection of any main context, or makes one
 * on a main context of its own, waiting as the pool does when all are
 * busy. The caller runs the connection's context (push it as
 * thread-default) and gives the connection back with
 * gredis_pool_release(). */
GredisConnection *_gredis_pool_base_acquire_sync     (GredisPoolBase            *pool,
                                                      GCancellable              *cancellable,
                                                      GError                   **error);

/* Takes the shared connection of the thread-default main context, an
 * idle one of that context, or makes one, without waiting (whatever the
 * pool): NULL with GREDIS_ERROR_POOL_EXHAUSTED when max-connections are
 * all counted. Give it back with gredis_pool_release(). */
GredisConnection *_gredis_pool_base_try_acquire_shared (GredisPoolBase         *pool,
                                                        GError                **error);
/* The largest number of connections open at once so far. */
guint             _gredis_pool_base_get_peak         (GredisPoolBase            *pool);

G_END_DECLS
