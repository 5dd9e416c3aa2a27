/* gredis-pool-sentinel-private.h: what the router and the tests ask of
 * the sentinel pool
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"
#include "gredis-pool-base.h"

G_BEGIN_DECLS

#define GREDIS_TYPE_POOL_SENTINEL (gredis_pool_sentinel_get_type ())
G_DECLARE_FINAL_TYPE (GredisPoolSentinel, gredis_pool_sentinel, GREDIS, POOL_SENTINEL, GredisPoolBase)

/* @connection, from @pool, answered READONLY: its server is no longer the
 * master. When @pool is a sentinel pool and the connection is of its
 * current master, every connection is retired, so that the command, sent
 * again, goes on a connection made after a new resolution. FALSE when
 * @pool is not a sentinel pool. */
gboolean _gredis_pool_sentinel_report_readonly (GredisPool       *pool,
                                                GredisConnection *connection);

/* Whether @pool is a sentinel pool that sends reads to replicas
 * (GredisConfig:read-from other than `primary`): the router then asks it
 * for a connection for each command, with the command's intent. */
gboolean _gredis_pool_sentinel_routes_reads   (GredisPool       *pool);

/* For tests: how many times the master changed, and the current one
 * ("host:port", NULL before the first resolution; transfer full). */
guint    _gredis_pool_sentinel_get_switches   (GredisPoolSentinel *pool);
char    *_gredis_pool_sentinel_dup_master     (GredisPoolSentinel *pool);

G_END_DECLS
