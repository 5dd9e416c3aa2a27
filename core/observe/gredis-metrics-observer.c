/* gredis-metrics-observer.c: the built-in `metrics` observer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-metrics-observer-private.h"

#include <string.h>

/* OpenTelemetry's explicit bucket boundaries for
 * db.client.operation.duration, in seconds: 1 ms to 10 s. Kept in
 * microseconds; a value equal to a bound falls in the bucket it ends. */
static const gint64 bounds_us[] = {
  1000, 5000, 10000, 50000, 100000, 500000, 1000000, 5000000, 10000000,
};
#define N_BUCKETS (G_N_ELEMENTS (bounds_us) + 1)

/* Relaxed atomics: counters, no ordering between them. The rare events
 * (connections, retries, redirects …) add with a read-modify-write. */
#define ADD(field, value) __atomic_fetch_add (&(field), (value), __ATOMIC_RELAXED)
#define GET(field) __atomic_load_n (&(field), __ATOMIC_RELAXED)
#define ZERO(field) __atomic_store_n (&(field), 0, __ATOMIC_RELAXED)
/* A counter that one thread alone writes: a plain load and store, which
 * other threads may read at any time (no locked instruction on the
 * command path). */
#define BUMP(field, value) \
  __atomic_store_n (&(field), __atomic_load_n (&(field), __ATOMIC_RELAXED) + (value), \
                    __ATOMIC_RELAXED)

typedef struct
{
  guint64 count;
  guint64 sum_us;
  guint64 buckets[N_BUCKETS];
} Histogram;

/* The attributes of one series of db.client.operation.duration. Every
 * string is interned (or static), so that keys compare by address. */
typedef struct
{
  const char *name;
  const char *server_address;
  const char *error_type;
  guint server_port;
  guint db;
  guint batch_size;
} Key;

/* What a series counts. */
typedef struct
{
  Histogram duration;
  guint64 bytes_out;
  guint64 bytes_in;
} Counts;

/* A series as one thread counts it: only that thread writes @now, so the
 * command path needs no locked instruction and shares no cache line with
 * other threads. A snapshot adds the shards of every thread (those of
 * threads that ended too). A reset, which cannot clear counters other
 * threads write, moves @base up to @now: a snapshot shows @now - @base. */
typedef struct
{
  Key key;
  guint64 thread;              /* the writer: ThreadCache.thread */
  Counts now;
  Counts base;                 /* under the lock */
} Shard;

struct _GredisMetricsObserver
{
  GObject parent_instance;

  /* Never reused, unlike an address: the threads' caches tell their
   * entries of this observer by it. */
  guint64 id;

  GMutex lock;
  GHashTable *shards;          /* Shard (by key and thread), under the
                                * lock; shards live as long as the observer */

  gint64 connection_count;     /* a gauge: ready connections now */
  guint64 connections_created;
  guint64 connections_closed;
  Histogram create_time;
  Histogram wait_time;
  guint64 timeouts;
  guint64 retries;
  guint64 redirects_moved;
  guint64 redirects_ask;
  guint64 topology_changes;
  guint64 pubsub_messages;
  guint64 cache_hits;
  guint64 cache_misses;
  guint64 cache_invalidations;
};

static void gredis_metrics_observer_observer_init (GredisObserverInterface *iface);

/* Registered with the plugin registry as its type is (core/meson.build
 * lists it among the built-in types). */
G_DEFINE_FINAL_TYPE_WITH_CODE (GredisMetricsObserver, gredis_metrics_observer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_OBSERVER,
                                                      gredis_metrics_observer_observer_init)
                               gredis_plugin_module_implement (NULL, GREDIS_PLUGIN_OBSERVER, "metrics",
                                                               g_define_type_id, 0))

static guint
key_hash (gconstpointer data)
{
  const Key *key = data;
  guintptr h = (guintptr) key->name;

  h = h * 31 + (guintptr) key->server_address;
  h = h * 31 + (guintptr) key->error_type;
  h = h * 31 + key->server_port;
  h = h * 31 + key->db;
  h = h * 31 + key->batch_size;
  return (guint) (h ^ (h >> 17));
}

static inline gboolean
key_equal (gconstpointer a,
           gconstpointer b)
{
  const Key *x = a, *y = b;

  return x->name == y->name && x->server_address == y->server_address &&
         x->error_type == y->error_type && x->server_port == y->server_port &&
         x->db == y->db && x->batch_size == y->batch_size;
}

static guint
shard_hash (gconstpointer data)
{
  const Shard *shard = data;

  return key_hash (&shard->key) ^ (guint) (shard->thread * 0x9e3779b97f4a7c15u >> 32);
}

static gboolean
shard_equal (gconstpointer a,
             gconstpointer b)
{
  const Shard *x = a, *y = b;

  return x->thread == y->thread && key_equal (&x->key, &y->key);
}

static inline guint
bucket_of (gint64 value_us)
{
  guint i = 0;

  while (i < G_N_ELEMENTS (bounds_us) && value_us > bounds_us[i])
    i++;
  return i;
}

/* For the histograms that any thread adds to (rare events). */
static void
histogram_add (Histogram *histogram,
               gint64     value_us)
{
  if (value_us < 0)
    value_us = 0;
  ADD (histogram->count, 1);
  ADD (histogram->sum_us, (guint64) value_us);
  ADD (histogram->buckets[bucket_of (value_us)], 1);
}

static void
histogram_zero (Histogram *histogram)
{
  ZERO (histogram->count);
  ZERO (histogram->sum_us);
  for (guint i = 0; i < N_BUCKETS; i++)
    ZERO (histogram->buckets[i]);
}

/* A thread's cache of the shards it used last, direct-mapped. */
#define CACHE_SIZE 64

typedef struct
{
  guint64 observer_id;
  Key key;
  Shard *shard;
} CacheSlot;

typedef struct
{
  guint64 thread;              /* never reused */
  CacheSlot slots[CACHE_SIZE];
} ThreadCache;

static void
thread_cache_free (gpointer data);

/* The cache of this thread: found through a thread-local variable (one
 * instruction), freed at the thread's end through the GPrivate. */
static __thread ThreadCache *thread_cache;
static GPrivate thread_cache_private = G_PRIVATE_INIT (thread_cache_free);

static void
thread_cache_free (gpointer data)
{
  if (thread_cache == data)
    thread_cache = NULL;
  g_free (data);
}

static ThreadCache *
thread_cache_new (void)
{
  static guint64 next_thread = 1;
  ThreadCache *cache = g_new0 (ThreadCache, 1);

  cache->thread = __atomic_fetch_add (&next_thread, 1, __ATOMIC_RELAXED);
  g_private_set (&thread_cache_private, cache);
  thread_cache = cache;
  return cache;
}

static Shard *
lookup_shard (GredisMetricsObserver *self,
              const Key             *key)
{
  ThreadCache *cache = thread_cache;
  CacheSlot *slot;
  Shard lookup;
  Shard *shard;

  if (G_UNLIKELY (cache == NULL))
    cache = thread_cache_new ();
  slot = &cache->slots[key_hash (key) % CACHE_SIZE];
  if (G_LIKELY (slot->observer_id == self->id && key_equal (&slot->key, key)))
    return slot->shard;

  lookup.key = *key;
  lookup.thread = cache->thread;
  g_mutex_lock (&self->lock);
  shard = g_hash_table_lookup (self->shards, &lookup);
  if (shard == NULL)
    {
      shard = g_new0 (Shard, 1);
      shard->key = *key;
      shard->thread = cache->thread;
      g_hash_table_add (self->shards, shard);
    }
  g_mutex_unlock (&self->lock);

  slot->observer_id = self->id;
  slot->key = *key;
  slot->shard = shard;
  return shard;
}

static void
command_finished (GredisObserver           *observer,
                  const GredisCommandEvent *event)
{
  GredisMetricsObserver *self = (GredisMetricsObserver *) observer;
  gint64 duration = MAX (event->duration, 0);
  Counts *counts;
  Key key;

  key.name = event->name;
  key.server_address = event->server_address;
  key.error_type = event->error_type;
  key.server_port = event->server_port;
  key.db = event->db;
  key.batch_size = event->batch_size;

  counts = &lookup_shard (self, &key)->now;
  BUMP (counts->duration.count, 1);
  BUMP (counts->duration.sum_us, (guint64) duration);
  BUMP (counts->duration.buckets[bucket_of (duration)], 1);
  BUMP (counts->bytes_out, event->bytes_out);
  BUMP (counts->bytes_in, event->bytes_in);
}

static void
connection_created (GredisObserver *observer,
                    const char     *server_address,
                    guint           server_port,
                    gint64          create_time)
{
  GredisMetricsObserver *self = (GredisMetricsObserver *) observer;

  ADD (self->connection_count, 1);
  ADD (self->connections_created, 1);
  histogram_add (&self->create_time, create_time);
}

static void
connection_closed (GredisObserver *observer,
                   const char     *server_address,
                   guint           server_port,
                   const GError   *error)
{
  GredisMetricsObserver *self = (GredisMetricsObserver *) observer;

  ADD (self->connection_count, -1);
  ADD (self->connections_closed, 1);
}

static void
connection_waited (GredisObserver *observer,
                   gint64          wait_time,
                   gboolean        timed_out)
{
  GredisMetricsObserver *self = (GredisMetricsObserver *) observer;

  histogram_add (&self->wait_time, wait_time);
  if (timed_out)
    ADD (self->timeouts, 1);
}

static void
retry_decided (GredisObserver *observer,
               const char     *name,
               guint           attempt,
               gint64          delay,
               const GError   *error)
{
  ADD (((GredisMetricsObserver *) observer)->retries, 1);
}

static void
redirect_followed (GredisObserver *observer,
                   const char     *kind,
                   guint           slot,
                   const char     *server_address,
                   guint           server_port)
{
  GredisMetricsObserver *self = (GredisMetricsObserver *) observer;

  if (g_strcmp0 (kind, "ASK") == 0)
    ADD (self->redirects_ask, 1);
  else
    ADD (self->redirects_moved, 1);
}

static void
topology_changed (GredisObserver *observer,
                  guint           changes)
{
  ADD (((GredisMetricsObserver *) observer)->topology_changes, 1);
}

static void
pubsub_message (GredisObserver *observer,
                const char     *kind,
                const char     *channel,
                gsize           size)
{
  ADD (((GredisMetricsObserver *) observer)->pubsub_messages, 1);
}

static void
cache_hit (GredisObserver *observer,
           const char     *name)
{
  ADD (((GredisMetricsObserver *) observer)->cache_hits, 1);
}

static void
cache_miss (GredisObserver *observer,
            const char     *name)
{
  ADD (((GredisMetricsObserver *) observer)->cache_misses, 1);
}

static void
cache_invalidated (GredisObserver *observer,
                   guint           n_keys)
{
  ADD (((GredisMetricsObserver *) observer)->cache_invalidations, 1);
}

static void
gredis_metrics_observer_observer_init (GredisObserverInterface *iface)
{
  iface->command_finished = command_finished;
  iface->connection_created = connection_created;
  iface->connection_closed = connection_closed;
  iface->connection_waited = connection_waited;
  iface->retry_decided = retry_decided;
  iface->redirect_followed = redirect_followed;
  iface->topology_changed = topology_changed;
  iface->pubsub_message = pubsub_message;
  iface->cache_hit = cache_hit;
  iface->cache_miss = cache_miss;
  iface->cache_invalidated = cache_invalidated;
}

/* Snapshot */

static GVariant *
histogram_to_variant (const Histogram *histogram,
                      GVariantDict    *dict)
{
  GVariantBuilder counts;
  GVariantBuilder bounds;

  g_variant_builder_init (&counts, G_VARIANT_TYPE ("at"));
  g_variant_builder_init (&bounds, G_VARIANT_TYPE ("ad"));
  for (guint i = 0; i < N_BUCKETS; i++)
    g_variant_builder_add (&counts, "t", GET (histogram->buckets[i]));
  for (guint i = 0; i < G_N_ELEMENTS (bounds_us); i++)
    g_variant_builder_add (&bounds, "d", bounds_us[i] / (double) G_USEC_PER_SEC);
  g_variant_dict_insert (dict, "count", "t", GET (histogram->count));
  g_variant_dict_insert (dict, "sum", "d", GET (histogram->sum_us) / (double) G_USEC_PER_SEC);
  g_variant_dict_insert_value (dict, "explicit_bounds", g_variant_builder_end (&bounds));
  g_variant_dict_insert_value (dict, "bucket_counts", g_variant_builder_end (&counts));
  return g_variant_dict_end (dict);
}

static GVariant *
histogram_variant (const Histogram *histogram)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  return histogram_to_variant (histogram, &dict);
}

/* One series of a snapshot: the shards of one key, added up. */
typedef struct
{
  Key key;
  Counts counts;
} Series;

static GVariant *
series_variant (const Series *series)
{
  GVariantDict attributes;
  GVariantDict dict;
  g_autofree char *db = g_strdup_printf ("%u", series->key.db);

  g_variant_dict_init (&attributes, NULL);
  g_variant_dict_insert (&attributes, "db.system.name", "s", "redis");
  g_variant_dict_insert (&attributes, "db.operation.name", "s", series->key.name);
  g_variant_dict_insert (&attributes, "db.namespace", "s", db);
  if (series->key.server_address != NULL)
    g_variant_dict_insert (&attributes, "server.address", "s", series->key.server_address);
  if (series->key.server_port != 0)
    g_variant_dict_insert (&attributes, "server.port", "u", series->key.server_port);
  if (series->key.error_type != NULL)
    g_variant_dict_insert (&attributes, "error.type", "s", series->key.error_type);
  if (series->key.batch_size >= 2)
    g_variant_dict_insert (&attributes, "db.operation.batch.size", "u", series->key.batch_size);

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert_value (&dict, "attributes", g_variant_dict_end (&attributes));
  g_variant_dict_insert (&dict, "bytes_out", "t", series->counts.bytes_out);
  g_variant_dict_insert (&dict, "bytes_in", "t", series->counts.bytes_in);
  return histogram_to_variant (&series->counts.duration, &dict);
}

static gint
compare_series (gconstpointer a,
                gconstpointer b)
{
  const Key *ka = &(*(Series **) a)->key;
  const Key *kb = &(*(Series **) b)->key;
  gint c = g_strcmp0 (ka->name, kb->name);

  if (c == 0)
    c = g_strcmp0 (ka->server_address, kb->server_address);
  if (c == 0)
    c = (gint) ka->server_port - (gint) kb->server_port;
  if (c == 0)
    c = (gint) ka->db - (gint) kb->db;
  if (c == 0)
    c = g_strcmp0 (ka->error_type, kb->error_type);
  if (c == 0)
    c = (gint) ka->batch_size - (gint) kb->batch_size;
  return c;
}

/* What @shard counted since the last reset, added to @sum. Its writer may
 * be counting meanwhile: each counter is read once, whole. */
static void
counts_add_shard (Counts      *sum,
                  const Shard *shard)
{
  const Histogram *now = &shard->now.duration;
  const Histogram *base = &shard->base.duration;

  sum->duration.count += GET (now->count) - base->count;
  sum->duration.sum_us += GET (now->sum_us) - base->sum_us;
  for (guint i = 0; i < N_BUCKETS; i++)
    sum->duration.buckets[i] += GET (now->buckets[i]) - base->buckets[i];
  sum->bytes_out += GET (shard->now.bytes_out) - shard->base.bytes_out;
  sum->bytes_in += GET (shard->now.bytes_in) - shard->base.bytes_in;
}

/* Under the lock: @shard's base moved up to what it counted so far. */
static void
shard_reset (Shard *shard)
{
  Histogram *base = &shard->base.duration;

  base->count = GET (shard->now.duration.count);
  base->sum_us = GET (shard->now.duration.sum_us);
  for (guint i = 0; i < N_BUCKETS; i++)
    base->buckets[i] = GET (shard->now.duration.buckets[i]);
  shard->base.bytes_out = GET (shard->now.bytes_out);
  shard->base.bytes_in = GET (shard->now.bytes_in);
}

GVariant *
_gredis_metrics_observer_snapshot (GredisMetricsObserver *self)
{
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (key_hash, key_equal, NULL, g_free);
  g_autoptr(GPtrArray) all = g_ptr_array_new ();
  GVariantBuilder operations;
  GVariantDict dict;
  GHashTableIter iter;
  gpointer value;

  /* The shards of every thread, added up by key. */
  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      const Shard *shard = value;
      Series *series = g_hash_table_lookup (by_key, &shard->key);

      if (series == NULL)
        {
          series = g_new0 (Series, 1);
          series->key = shard->key;
          g_hash_table_insert (by_key, &series->key, series);
          g_ptr_array_add (all, series);
        }
      counts_add_shard (&series->counts, shard);
    }
  g_mutex_unlock (&self->lock);
  /* In a stable order, for readers that compare snapshots. */
  g_ptr_array_sort (all, compare_series);

  g_variant_builder_init (&operations, G_VARIANT_TYPE ("aa{sv}"));
  for (guint i = 0; i < all->len; i++)
    {
      Series *series = g_ptr_array_index (all, i);

      /* A series emptied by a reset is left out until it counts again. */
      if (series->counts.duration.count > 0)
        g_variant_builder_add_value (&operations, series_variant (series));
    }

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "db.system.name", "s", "redis");
  g_variant_dict_insert_value (&dict, "db.client.operation.duration",
                               g_variant_builder_end (&operations));
  g_variant_dict_insert (&dict, "db.client.connection.count", "x", GET (self->connection_count));
  g_variant_dict_insert_value (&dict, "db.client.connection.create_time",
                               histogram_variant (&self->create_time));
  g_variant_dict_insert_value (&dict, "db.client.connection.wait_time",
                               histogram_variant (&self->wait_time));
  g_variant_dict_insert (&dict, "db.client.connection.timeouts", "t", GET (self->timeouts));
  g_variant_dict_insert (&dict, "gredis.client.connection.created", "t",
                         GET (self->connections_created));
  g_variant_dict_insert (&dict, "gredis.client.connection.closed", "t",
                         GET (self->connections_closed));
  g_variant_dict_insert (&dict, "gredis.client.retries", "t", GET (self->retries));
  g_variant_dict_insert (&dict, "gredis.client.redirects.moved", "t", GET (self->redirects_moved));
  g_variant_dict_insert (&dict, "gredis.client.redirects.ask", "t", GET (self->redirects_ask));
  g_variant_dict_insert (&dict, "gredis.client.topology.changes", "t", GET (self->topology_changes));
  g_variant_dict_insert (&dict, "gredis.client.pubsub.messages", "t", GET (self->pubsub_messages));
  g_variant_dict_insert (&dict, "gredis.client.cache.hits", "t", GET (self->cache_hits));
  g_variant_dict_insert (&dict, "gredis.client.cache.misses", "t", GET (self->cache_misses));
  g_variant_dict_insert (&dict, "gredis.client.cache.invalidations", "t",
                         GET (self->cache_invalidations));
  return g_variant_dict_end (&dict);
}

void
_gredis_metrics_observer_reset (GredisMetricsObserver *self)
{
  GHashTableIter iter;
  gpointer value;

  g_mutex_lock (&self->lock);
  g_hash_table_iter_init (&iter, self->shards);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    shard_reset (value);
  g_mutex_unlock (&self->lock);

  ZERO (self->connections_created);
  ZERO (self->connections_closed);
  histogram_zero (&self->create_time);
  histogram_zero (&self->wait_time);
  ZERO (self->timeouts);
  ZERO (self->retries);
  ZERO (self->redirects_moved);
  ZERO (self->redirects_ask);
  ZERO (self->topology_changes);
  ZERO (self->pubsub_messages);
  ZERO (self->cache_hits);
  ZERO (self->cache_misses);
  ZERO (self->cache_invalidations);
}

/* GObject */

static void
gredis_metrics_observer_finalize (GObject *object)
{
  GredisMetricsObserver *self = GREDIS_METRICS_OBSERVER (object);

  g_hash_table_unref (self->shards);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (gredis_metrics_observer_parent_class)->finalize (object);
}

static void
gredis_metrics_observer_class_init (GredisMetricsObserverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gredis_metrics_observer_finalize;
}

static void
gredis_metrics_observer_init (GredisMetricsObserver *self)
{
  static guint64 next_id = 1;

  self->id = __atomic_fetch_add (&next_id, 1, __ATOMIC_RELAXED);
  g_mutex_init (&self->lock);
  self->shards = g_hash_table_new_full (shard_hash, shard_equal, g_free, NULL);
}
