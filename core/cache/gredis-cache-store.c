/* gredis-cache-store.c: the replies of the client-side cache, with LRU
 * eviction by entries and bytes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-cache-store-private.h"

#include <string.h>

/* What an entry costs besides its command, key and reply: the entry, its
 * hash table slots and its place in the key index. */
#define ENTRY_OVERHEAD 96
#define NODE_OVERHEAD 32

/* A command as the hash table sees it: its encoding, not copied, so
 * that a lookup needs no allocation. */
typedef struct
{
  const guint8 *data;
  gsize length;
} StoreKey;

/* The command is kept in the entry itself: a lookup touches one block
 * of memory besides the table. */
typedef struct
{
  StoreKey skey;               /* points to command */
  GBytes *key;
  GredisReply *reply;
  gsize size;
  gint64 expires;              /* monotonic µs, or G_MAXINT64 */
  GList lru;                   /* in store->lru, most recent first */
  guint8 command[];
} Entry;

struct _GredisCacheStore
{
  GHashTable *entries;         /* command → Entry, owns the entries */
  GHashTable *by_key;          /* key → GPtrArray of Entry */
  GQueue lru;
  guint max_entries;
  guint64 max_bytes;
  gint64 ttl_us;
  guint64 bytes;
};

static guint
store_key_hash (gconstpointer data)
{
  const StoreKey *skey = data;
  guint32 h = 5381;
  gsize i;

  for (i = 0; i < skey->length; i++)
    h = (h << 5) + h + skey->data[i];
  return h;
}

static gboolean
store_key_equal (gconstpointer a,
                 gconstpointer b)
{
  const StoreKey *ka = a, *kb = b;

  return ka->length == kb->length && memcmp (ka->data, kb->data, ka->length) == 0;
}

gsize
_gredis_cache_reply_size (const GredisReply *reply)
{
  gsize size = NODE_OVERHEAD;
  gsize n, i;

  switch (gredis_reply_get_kind (reply))
    {
    case GREDIS_REPLY_ARRAY:
    case GREDIS_REPLY_SET:
    case GREDIS_REPLY_MAP:
    case GREDIS_REPLY_PUSH:
      n = gredis_reply_get_n_elements (reply);
      for (i = 0; i < n; i++)
        size += _gredis_cache_reply_size (gredis_reply_get_element (reply, i));
      break;
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_ERROR:
    case GREDIS_REPLY_BIG_NUMBER:
    case GREDIS_REPLY_VERBATIM:
      gredis_reply_get_string (reply, &n);
      size += n;
      break;
    default:
      break;
    }
  return size;
}

static void
entry_free (gpointer data)
{
  Entry *entry = data;

  g_bytes_unref (entry->key);
  gredis_reply_unref (entry->reply);
  g_free (entry);
}

GredisCacheStore *
_gredis_cache_store_new (guint   max_entries,
                         guint64 max_bytes,
                         gint64  ttl_us)
{
  GredisCacheStore *store = g_new0 (GredisCacheStore, 1);

  store->entries = g_hash_table_new_full (store_key_hash, store_key_equal, NULL, entry_free);
  store->by_key = g_hash_table_new_full (g_bytes_hash, g_bytes_equal,
                                         (GDestroyNotify) g_bytes_unref,
                                         (GDestroyNotify) g_ptr_array_unref);
  g_queue_init (&store->lru);
  store->max_entries = MAX (max_entries, 1);
  store->max_bytes = MAX (max_bytes, 1);
  store->ttl_us = ttl_us;
  return store;
}

void
_gredis_cache_store_free (GredisCacheStore *store)
{
  if (store == NULL)
    return;
  _gredis_cache_store_clear (store);
  g_hash_table_unref (store->entries);
  g_hash_table_unref (store->by_key);
  g_free (store);
}

/* Unlinks @entry from the LRU list and the key index, and frees it. */
static void
remove_entry (GredisCacheStore *store,
              Entry            *entry,
              gboolean          from_index)
{
  g_queue_unlink (&store->lru, &entry->lru);
  store->bytes -= entry->size;
  if (from_index)
    {
      GPtrArray *list = g_hash_table_lookup (store->by_key, entry->key);

      if (list != NULL)
        {
          g_ptr_array_remove_fast (list, entry);
          if (list->len == 0)
            g_hash_table_remove (store->by_key, entry->key);
        }
    }
  g_hash_table_remove (store->entries, &entry->skey);
}

GredisReply *
_gredis_cache_store_lookup (GredisCacheStore *store,
                            const void       *command,
                            gsize             length)
{
  StoreKey skey = { command, length };
  Entry *entry = g_hash_table_lookup (store->entries, &skey);

  if (entry == NULL)
    return NULL;
  /* The clock is read only when entries expire: it may be a system call
   * on a virtual machine without a vDSO clock source. */
  if (store->ttl_us > 0 && g_get_monotonic_time () >= entry->expires)
    {
      remove_entry (store, entry, TRUE);
      return NULL;
    }
  if (store->lru.head != &entry->lru)
    {
      g_queue_unlink (&store->lru, &entry->lru);
      g_queue_push_head_link (&store->lru, &entry->lru);
    }
  return gredis_reply_ref (entry->reply);
}

void
_gredis_cache_store_insert (GredisCacheStore *store,
                            GBytes           *command,
                            GBytes           *key,
                            GredisReply      *reply,
                            gint64            now,
                            guint64          *n_evicted)
{
  StoreKey skey;
  Entry *entry;
  GPtrArray *list;
  gsize size;

  size = ENTRY_OVERHEAD + g_bytes_get_size (command) + g_bytes_get_size (key) +
         _gredis_cache_reply_size (reply);
  if (size > store->max_bytes)
    return;

  skey.data = g_bytes_get_data (command, &skey.length);
  entry = g_hash_table_lookup (store->entries, &skey);
  if (entry != NULL)
    remove_entry (store, entry, TRUE);

  while (store->lru.length > 0 &&
         (store->lru.length >= store->max_entries || store->bytes + size > store->max_bytes))
    {
      remove_entry (store, store->lru.tail->data, TRUE);
      (*n_evicted)++;
    }

  entry = g_malloc0 (sizeof (Entry) + skey.length);
  if (skey.length > 0)
    memcpy (entry->command, skey.data, skey.length);
  entry->skey.data = entry->command;
  entry->skey.length = skey.length;
  entry->key = g_bytes_ref (key);
  entry->reply = gredis_reply_ref (reply);
  entry->size = size;
  entry->expires = store->ttl_us > 0 ? now + store->ttl_us : G_MAXINT64;
  entry->lru.data = entry;
  g_queue_push_head_link (&store->lru, &entry->lru);
  store->bytes += size;
  g_hash_table_insert (store->entries, &entry->skey, entry);

  list = g_hash_table_lookup (store->by_key, key);
  if (list == NULL)
    {
      list = g_ptr_array_new ();
      g_hash_table_insert (store->by_key, g_bytes_ref (key), list);
    }
  g_ptr_array_add (list, entry);
}

guint
_gredis_cache_store_invalidate (GredisCacheStore *store,
                                const void       *key,
                                gsize             key_length)
{
  g_autoptr(GBytes) lookup = g_bytes_new_static (key, key_length);
  g_autoptr(GPtrArray) list = NULL;
  g_autoptr(GBytes) stored_key = NULL;
  guint i, n;

  if (!g_hash_table_steal_extended (store->by_key, lookup, (gpointer *) &stored_key,
                                    (gpointer *) &list))
    return 0;
  n = list->len;
  for (i = 0; i < n; i++)
    remove_entry (store, g_ptr_array_index (list, i), FALSE);
  return n;
}

void
_gredis_cache_store_clear (GredisCacheStore *store)
{
  g_queue_init (&store->lru);
  g_hash_table_remove_all (store->by_key);
  g_hash_table_remove_all (store->entries);
  store->bytes = 0;
}

guint
_gredis_cache_store_get_n_entries (GredisCacheStore *store)
{
  return g_hash_table_size (store->entries);
}

guint64
_gredis_cache_store_get_bytes (GredisCacheStore *store)
{
  return store->bytes;
}
