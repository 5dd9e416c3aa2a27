/* gredis-cache-store-private.h: the replies of the client-side cache,
 * with LRU eviction by entries and bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* A bounded map from a whole command (its encoding: name, key and every
 * argument) to its reply, with an index by key so that an invalidation
 * of a key drops every command read from it. Not thread-safe: the
 * GredisCache holds a lock around every call. */
typedef struct _GredisCacheStore GredisCacheStore;

/* @ttl_us: a cap on the life of an entry, 0 for none. */
GredisCacheStore *_gredis_cache_store_new        (guint              max_entries,
                                                  guint64            max_bytes,
                                                  gint64             ttl_us);
void              _gredis_cache_store_free       (GredisCacheStore  *store);

/* The reply stored for @command (its encoding, @length bytes, not
 * copied), referenced, made the most recently used; NULL when there is
 * none or it expired (it is dropped then). */
GredisReply      *_gredis_cache_store_lookup     (GredisCacheStore  *store,
                                                  const void        *command,
                                                  gsize              length);
/* Stores @reply (referenced) for @command, read from @key; evicts the
 * least recently used entries past the limits (counted in *@n_evicted).
 * A reply larger than the byte limit alone is not stored. */
void              _gredis_cache_store_insert     (GredisCacheStore  *store,
                                                  GBytes            *command,
                                                  GBytes            *key,
                                                  GredisReply       *reply,
                                                  gint64             now,
                                                  guint64           *n_evicted);
/* Drops every entry read from @key; the number dropped. */
guint             _gredis_cache_store_invalidate (GredisCacheStore  *store,
                                                  const void        *key,
                                                  gsize              key_length);
void              _gredis_cache_store_clear      (GredisCacheStore  *store);

guint             _gredis_cache_store_get_n_entries (GredisCacheStore *store);
guint64           _gredis_cache_store_get_bytes     (GredisCacheStore *store);

/* What a reply costs in memory, roughly: its strings and a fixed cost
 * per node. */
gsize             _gredis_cache_reply_size       (const GredisReply *reply);

G_END_DECLS
