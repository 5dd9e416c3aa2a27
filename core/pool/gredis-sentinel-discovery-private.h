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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisSentinelDiscovery, _gredis_sentinel_discovery_free)

G_END_DECLS
