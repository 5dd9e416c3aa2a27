/* gredis-address-map-private.h: the addresses a cluster announces, as
 * this client reaches them (GredisConfig:address-map)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

/* A parsed GredisConfig:address-map: `announced=reachable` pairs, each
 * side `host:port`, or a host alone on both sides for every port of it.
 * Immutable once made, so that it may be read from any thread. */
typedef struct _GredisAddressMap GredisAddressMap;

/* NULL with GREDIS_ERROR_CONFIG when @text does not parse; a map with no
 * pair for an empty text. */
GredisAddressMap *_gredis_address_map_new    (const char        *text,
                                              GError           **error);
void              _gredis_address_map_free   (GredisAddressMap  *map);

/* Where @host:@port, as the cluster announced it, is reached: TRUE with
 * *@out_host (borrowed from @map) and *@out_port when the map has a pair
 * for it (host:port first, then the host alone), FALSE otherwise. A NULL
 * map maps nothing. Host names are compared without case. */
gboolean          _gredis_address_map_lookup (const GredisAddressMap  *map,
                                              const char              *host,
                                              guint16                  port,
                                              const char             **out_host,
                                              guint16                 *out_port);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisAddressMap, _gredis_address_map_free)

G_END_DECLS
