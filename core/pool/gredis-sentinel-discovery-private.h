/* gredis-sentinel-discovery-private.h: the master's address from Redis
 * Sentinel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

/* What is known of a set of sentinels watching one master: their
 * addresses ("host:port"), the one that last answered first, and the
 * credentials for them. Not thread-safe: one resolution at a time. */
typedef struct _GredisSentinelDiscovery GredisSentinelDiscovery;

GredisSentinelDiscovery *_gredis_sentinel_discovery_new            (const char * const       *sentinels,
                                                                    const char               *master_name,
                                                                    const char               *username,
                                                                    const char               *password);
void                     _gredis_sentinel_discovery_free           (GredisSentinelDiscovery  *discovery);
GPtrArray               *_gredis_sentinel_discovery_get_sentinels  (GredisSentinelDiscovery  *discovery);

void                     _gredis_sentinel_discovery_resolve_async  (GredisSentinelDiscovery  *discovery,
                                                                    GredisConfig             *config,
                                                                    GCancellable             *cancellable,
                                                                    GAsyncReadyCallback       callback,
                                                                    gpointer                  user_data);
GSocketConnectable      *_gredis_sentinel_discovery_resolve_finish (GredisSentinelDiscovery  *discovery,
                                                                    GAsyncResult             *result,
                                                                    GError                  **error);
GSocketConnectable      *_gredis_sentinel_discovery_resolve        (GredisSentinelDiscovery  *discovery,
                                                                    GredisConfig             *config,
                                                                    GCancellable             *cancellable,
                                                                    GError                  **error);

/* The replicas of the master that may serve reads ("host:port" each,
 * sorted), from SENTINEL REPLICAS on the first sentinel that answers:
 * those whose flags say neither s_down, o_down nor disconnected, and
 * whose link to the master is ok. Fails with GREDIS_ERROR_NO_SENTINEL
 * when no sentinel answered. */
void                     _gredis_sentinel_discovery_replicas_async  (GredisSentinelDiscovery  *discovery,
                                                                     GredisConfig             *config,
                                                                     GCancellable             *cancellable,
                                                                     GAsyncReadyCallback       callback,
                                                                     gpointer                  user_data);
GPtrArray               *_gredis_sentinel_discovery_replicas_finish (GredisSentinelDiscovery  *discovery,
                                                                     GAsyncResult             *result,
                                                                     GError                  **error);
/* Whether one entry of SENTINEL REPLICAS (its fields as a map or a flat
 * array) describes a replica that may serve reads. */
gboolean                 _gredis_sentinel_replica_serves_reads      (GredisReply              *entry);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisSentinelDiscovery, _gredis_sentinel_discovery_free)

G_END_DECLS
