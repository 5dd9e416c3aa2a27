/* gredis-cache.c: the client-side cache: what is cached, hits, fetches
 * on the tracking context, invalidations
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-cache-private.h"
#include "gredis-cache-store-private.h"
#include "gredis-command-table-private.h"
#include "gredis-connection-private.h"
#include "gredis-sync-private.h"

#include <string.h>
#include <sys/stat.h>

/* The most arguments a cached command may have (they are looked at on
 * the stack). */
#define MAX_CACHED_ARGS 64

struct _GredisCache
{
  gatomicrefcount ref_count;
  GMutex lock;

  GredisConfig *config;
  GredisRouter *router;
  GWeakRef owner;
  GredisCacheWantedFunc wanted;
  GredisCacheInvalidatedFunc invalidated;
  GredisHandshakeStep *step;
  gpointer tracking;           /* the step's handle */
  /* The router's (NULL: none), taken when first needed: the client
   * reads GredisConfig:observe before its first command, not when the
   * cache is made. */
  GredisObservers *observers;
  gsize observers_taken;

  gboolean broadcast;
  GStrv prefixes;              /* broadcast mode; NULL or empty: all keys */
  gboolean optin;

  /* RESP2: invalidations are redirected to a subscribed connection of
   * the tracking context (gredis-cache-redirect.c); @redirect_id, under
   * the lock, is its client id, 0 while there is none. */
  gboolean redirect;
  GredisCacheRedirect *redirect_state;
  guint64 redirect_id;

  /* Under the lock. */
  GredisCacheStore *store;
  GHashTable *fetches;         /* command → Fetch callers may join */
  /* Every fetch in flight, joinable or not: the in-flight placeholders
   * that invalidations mark (a fetch that was sent is displaced from
   * @fetches by the next miss of its command, and must still be
   * marked: with RESP2 the invalidation comes on another connection,
   * maybe before the reply). */
  GHashTable *in_flight;       /* set of Fetch */
  guint64 generation;          /* bumped by each flush */
  guint64 hits, misses, evictions, invalidations;
  gboolean closed;

  /* The tracking context and its thread. */
  GMainContext *context;
  GMainLoop *loop;
  GThread *thread;
  gint quit;                   /* atomic */

  /* Whether invalidations may wait unread (is_quiet ()): the thread
   * woke with input on a socket and has not dispatched it yet (atomic);
   * the input epoch when the sockets were last seen without input
   * (atomic). */
  gint pending;
  gint quiet_epoch;

  /* The descriptors the context polled last (tracking thread only), and
   * which of them are sockets (fstat () is called when they change;
   * changed by the tracking thread only, under fds_lock). */
  GArray *polled_fds;          /* int */
  GMutex fds_lock;
  GArray *socket_fds;          /* int */

  /* Callers of fetches answered in this dispatch, told after it
   * (run_tracking_context ()): then what was read with their reply is
   * applied, and their next read may be a hit. Tracking thread only. */
  GArray *completions;         /* Completion */

  /* Hits found while the tracking thread was busy: looked up again by
   * it once what it read is applied (process_rechecks ()). Under the
   * lock. */
  GPtrArray *rechecks;         /* Recheck */
};

typedef struct
{
  GTask *task;
  GBytes *command;
  GBytes *key;
  GPtrArray *args;
  const char *name;            /* interned, for the observers */
  gboolean hit;
} Recheck;

typedef struct
{
  GTask *task;
  GredisReply *reply;
  GError *error;
} Completion;

/* One read in flight on the tracking context, for every caller that
 * missed the same command meanwhile. */
typedef struct
{
  GredisCache *cache;
  GBytes *command;             /* encoded: the cache key */
  GBytes *key;
  GPtrArray *args;             /* GBytes */
  guint64 generation;
  gboolean invalidated;
  gboolean sent;               /* under the lock: no caller joins then */
  GPtrArray *waiters;          /* GTask */
} Fetch;

static void
fetch_free (Fetch *fetch)
{
  g_bytes_unref (fetch->command);
  g_bytes_unref (fetch->key);
  g_ptr_array_unref (fetch->args);
  g_ptr_array_unref (fetch->waiters);
  _gredis_cache_unref (fetch->cache);
  g_free (fetch);
}

/* What is cached */

/* Commands the table flags read-only whose reply changes without a
 * write: the server would not say so. */
static gboolean
is_time_dependent (const char *name)
{
  static const char * const names[] = { "ttl", "pttl", "sscan", "hscan", "zscan", NULL };

  /* Looked at for every read: most names are told by their first
   * letter. */
  switch (name[0])
    {
    case 't':
    case 'p':
    case 's':
    case 'h':
    case 'z':
      return g_strv_contains (names, name);
    default:
      return FALSE;
    }
}

/* The key of a read-only command on one key, with a deterministic reply;
 * NULL for any other command. */
static const GredisCommandInfo *
cacheable_info (guint               argc,
                const char * const *argv,
                const gsize        *argv_lengths)
{
  const GredisCommandInfo *info = gredis_command_table_lookup_argv (argc, argv, argv_lengths);
  GredisCommandFlags flags;

  if (info == NULL || info->parent != NULL || info->n_subcommands > 0)
    return NULL;
  flags = info->flags;
  if ((flags & GREDIS_COMMAND_FLAG_READONLY) == 0 ||
      (flags & (GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_BLOCKING |
                GREDIS_COMMAND_FLAG_MOVABLE_KEYS | GREDIS_COMMAND_FLAG_PUBSUB)) != 0)
    return NULL;
  if ((info->tip_flags & GREDIS_COMMAND_TIP_NONDETERMINISTIC_OUTPUT) != 0)
    return NULL;
  if (info->first_key <= 0 || info->last_key != info->first_key ||
      (guint) info->first_key >= argc)
    return NULL;
  if (is_time_dependent (info->name))
    return NULL;
  return info;
}

gboolean
_gredis_cache_key_is_tracked (GredisCache  *cache,
                              const guint8 *key,
                              gsize         key_length)
{
  guint i;

  if (!cache->broadcast || cache->prefixes == NULL || cache->prefixes[0] == NULL)
    return TRUE;
  for (i = 0; cache->prefixes[i] != NULL; i++)
    {
      gsize n = strlen (cache->prefixes[i]);

      if (n <= key_length && memcmp (key, cache->prefixes[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

/* A command the cache takes, looked at in place: its arguments, its
 * key and its encoding (the store's key), built on the stack when it is
 * short, so that a hit allocates nothing. */
#define DESCRIBED_STACK 256

typedef struct
{
  const char *views[MAX_CACHED_ARGS];
  gsize lengths[MAX_CACHED_ARGS];
  guint key_index;
  guint8 *encoded;             /* stack or heap */
  gsize encoded_length;
  guint8 stack[DESCRIBED_STACK];
} Described;

static gsize
decimal_length (gsize n)
{
  gsize digits = 1;

  while (n >= 10)
    {
      n /= 10;
      digits++;
    }
  return digits;
}

static guint8 *
put_decimal (guint8 *out,
             gsize   n)
{
  gsize digits = decimal_length (n), i;

  for (i = digits; i > 0; i--)
    {
      out[i - 1] = '0' + n % 10;
      n /= 10;
    }
  return out + digits;
}

/* RESP, as the command goes on the wire: only its bytes matter here, as
 * the key of the store and of the fetches. */
static void
encode_described (Described *d,
                  guint      argc)
{
  gsize length = 1 + decimal_length (argc) + 2;
  guint8 *out;
  guint i;

  for (i = 0; i < argc; i++)
    length += 1 + decimal_length (d->lengths[i]) + 2 + d->lengths[i] + 2;
  d->encoded = length <= sizeof d->stack ? d->stack : g_malloc (length);
  d->encoded_length = length;

  out = d->encoded;
  *out++ = '*';
  out = put_decimal (out, argc);
  *out++ = '\r';
  *out++ = '\n';
  for (i = 0; i < argc; i++)
    {
      *out++ = '$';
      out = put_decimal (out, d->lengths[i]);
      *out++ = '\r';
      *out++ = '\n';
      if (d->lengths[i] > 0)
        memcpy (out, d->views[i], d->lengths[i]);
      out += d->lengths[i];
      *out++ = '\r';
      *out++ = '\n';
    }
}

static void
described_clear (Described *d)
{
  if (d->encoded != d->stack)
    g_free (d->encoded);
  d->encoded = NULL;
}

/* Fills @d for a command the cache takes; FALSE, @d left empty, for
 * others. */
static gboolean
describe_command (GredisCache        *cache,
                  guint               argc,
                  const char * const *argv,
                  const gsize        *argv_lengths,
                  GBytes * const     *args,
                  Described          *d)
{
  const GredisCommandInfo *info;
  guint i;

  d->encoded = NULL;
  if (argc > MAX_CACHED_ARGS)
    return FALSE;
  for (i = 0; i < argc; i++)
    {
      if (args != NULL)
        d->views[i] = g_bytes_get_data (args[i], &d->lengths[i]);
      else
        {
          d->views[i] = argv[i];
          d->lengths[i] = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
        }
      if (d->views[i] == NULL)
        d->views[i] = "";
    }

  info = cacheable_info (argc, d->views, d->lengths);
  if (info == NULL)
    return FALSE;
  if (!_gredis_cache_key_is_tracked (cache, (const guint8 *) d->views[info->first_key],
                                     d->lengths[info->first_key]))
    return FALSE;

  d->key_index = info->first_key;
  encode_described (d, argc);
  return TRUE;
}

static GBytes *
described_command (Described *d)
{
  return g_bytes_new (d->encoded, d->encoded_length);
}

static GBytes *
described_key (Described *d)
{
  return g_bytes_new (d->views[d->key_index], d->lengths[d->key_index]);
}

/* The observers of the cache's client; not under the cache's lock. */
static GredisObservers *
get_observers (GredisCache *cache)
{
  if (g_once_init_enter (&cache->observers_taken))
    {
      GredisObservers *observers = _gredis_router_get_observers (cache->router);

      cache->observers = observers != NULL ? _gredis_observers_ref (observers) : NULL;
      g_once_init_leave (&cache->observers_taken, 1);
    }
  return cache->observers;
}

/* The command's name, for the observers. */
static const char *
described_name (Described *d)
{
  return _gredis_observers_intern_name (d->views[0], d->lengths[0]);
}

/* Fetches, on the tracking context */

static void
fetch_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Fetch *fetch = data;
  GredisCache *cache = fetch->cache;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  guint i;

  reply = _gredis_call_propagate_reply (result, &error);

  g_mutex_lock (&cache->lock);
  if (g_hash_table_lookup (cache->fetches, fetch->command) == fetch)
    g_hash_table_remove (cache->fetches, fetch->command);
  g_hash_table_remove (cache->in_flight, fetch);
  /* The fetch was the in-flight placeholder of its key (in_flight): an
   * invalidation read while it was in flight, on the subscriber in
   * redirect mode, marked it (invalidate ()); a new subscriber bumped
   * the generation, and without one nothing is tracked. */
  if (reply != NULL && !fetch->invalidated && !cache->closed &&
      fetch->generation == cache->generation &&
      (!cache->redirect || cache->redirect_id != 0))
    _gredis_cache_store_insert (cache->store, fetch->command, fetch->key, reply,
                                g_get_monotonic_time (), &cache->evictions);
  else if (reply != NULL)
    g_debug ("Cache: a reply read while its key changed was not kept");
  g_mutex_unlock (&cache->lock);

  for (i = 0; i < fetch->waiters->len; i++)
    {
      Completion completion;

      completion.task = g_object_ref (g_ptr_array_index (fetch->waiters, i));
      completion.reply = reply != NULL ? gredis_reply_ref (reply) : NULL;
      completion.error = reply == NULL ? g_error_copy (error) : NULL;
      g_array_append_val (cache->completions, completion);
    }
  fetch_free (fetch);
}

static void
ignore_reply (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GredisReply) reply = _gredis_call_propagate_reply (result, NULL);
}

/* In opt-in mode, CLIENT CACHING yes must come right before the read,
 * on its connection: both are queued on the connection of its node at
 * once, in the tracking context, where nothing else is queued between. */
static gboolean
start_fetch_optin (Fetch *fetch)
{
  static const char * const caching[] = { "CLIENT", "CACHING", "yes" };
  GredisCache *cache = fetch->cache;
  GBytes * const *args = (GBytes * const *) fetch->args->pdata;
  g_autoptr(GredisConnection) connection = NULL;
  GredisCall *call;
  gint slot = GREDIS_POOL_NO_SLOT;

  if (!_gredis_router_command_slot (cache->router, fetch->args->len, NULL, NULL, args, &slot, NULL))
    return FALSE;
  if (slot != GREDIS_POOL_NO_SLOT && _gredis_router_routes_by_slot (cache->router))
    connection = _gredis_router_get_shared_for_slot (cache->router, slot, NULL);
  else
    connection = _gredis_router_get_shared (cache->router, NULL);
  if (connection == NULL)
    return FALSE;

  _gredis_connection_queue_command (connection, G_N_ELEMENTS (caching), caching, NULL, NULL,
                                    FALSE, NULL, NULL, ignore_reply, NULL, NULL);
  call = _gredis_call_new (NULL, NULL, fetch_done, fetch, NULL);
  _gredis_connection_queue_call (connection, fetch->args->len, NULL, NULL, args, call);
  _gredis_call_unref (call);
  return TRUE;
}

static gboolean
start_fetch (gpointer data)
{
  Fetch *fetch = data;
  GredisRouterCommand command = { 0, };

  g_mutex_lock (&fetch->cache->lock);
  fetch->sent = TRUE;
  g_mutex_unlock (&fetch->cache->lock);

  if (fetch->cache->optin)
    {
      if (start_fetch_optin (fetch))
        return G_SOURCE_REMOVE;
      /* Without CLIENT CACHING the server does not track the read: it
       * is answered, not kept. */
      fetch->invalidated = TRUE;
    }

  command.argc = fetch->args->len;
  command.args = (GBytes * const *) fetch->args->pdata;
  command.callback = fetch_done;
  command.user_data = fetch;
  _gredis_router_send_shared (fetch->cache->router, &command);
  return G_SOURCE_REMOVE;
}

static void invalidate (GredisCache *cache,
                        GPtrArray   *keys,
                        gboolean     in_flight,
                        gboolean     from_server);

/* A hit may be answered when every invalidation the server sent before
 * the read began was applied. Two things could hide one:
 *
 * - the tracking thread is between waking with input on one of its
 *   sockets and having dispatched what it read (it reads and applies in
 *   that dispatch): it raises `pending` as soon as its poll() returns
 *   with socket input, before it reads, and lowers it after;
 *
 * - the invalidation is in a socket's kernel buffer and the thread has
 *   not woken yet (a scheduling delay, milliseconds on a loaded machine).
 *   A zero-timeout poll() of the tracking sockets sees it; it is a system
 *   call, which cost more than the rest of a hit, so it is made only when
 *   the library read something from a server since the last poll() that
 *   found nothing (the input epoch of gredis-connection.c). A read that
 *   begins after its caller heard of a write (the write's reply, read
 *   by this library) is checked then: Redis sends the invalidation of a
 *   write before the reply of the next command, so an invalidation sent
 *   before that reply is in the buffer by then (at once on a local
 *   socket; over a network, it may still be in flight after the reply
 *   of a later write, as it would be for any client).
 *
 * So in the steady state a hit costs two atomic loads. What is not seen:
 * a write the caller heard of through another channel than this
 * library (another process, a pipe) whose invalidation reached the
 * kernel but not the tracking thread yet, the window between the
 * packet's arrival and the thread waking; and, as for any client, an
 * invalidation still on the wire (Redis 7 sends a writer's reply before
 * the invalidation its write causes). Under the lock, so that a hit and
 * the application of an invalidation are ordered. */
static gboolean
is_quiet (GredisCache *cache)
{
  guint epoch = _gredis_connection_get_input_epoch ();
  GPollFD fds[16];
  guint n, total, i;

  if (g_atomic_int_get (&cache->pending))
    return FALSE;
  if (G_LIKELY (epoch == (guint) g_atomic_int_get (&cache->quiet_epoch)))
    return TRUE;

  g_mutex_lock (&cache->fds_lock);
  total = cache->socket_fds->len;
  n = MIN (total, G_N_ELEMENTS (fds));
  for (i = 0; i < n; i++)
    {
      fds[i].fd = g_array_index (cache->socket_fds, int, i);
      fds[i].events = G_IO_IN;
      fds[i].revents = 0;
    }
  g_mutex_unlock (&cache->fds_lock);
  if (total > G_N_ELEMENTS (fds))
    return FALSE;
  if (n > 0 && g_poll (fds, n, 0) != 0)
    return FALSE;
  if (g_atomic_int_get (&cache->pending))
    return FALSE;
  g_atomic_int_set (&cache->quiet_epoch, (gint) epoch);
  return TRUE;
}

/* Writes of this client */

static void
append_key (guint    position,
            gpointer user_data)
{
  GArray *positions = user_data;

  g_array_append_val (positions, position);
}

/* The keys a write command changes, as GBytes; an empty array for a
 * write without keys (FLUSHDB …); NULL for any other command. */
static GPtrArray *
written_keys (guint               argc,
              const char * const *argv,
              const gsize        *argv_lengths,
              GBytes * const     *args)
{
  const char *views[MAX_CACHED_ARGS];
  gsize lengths[MAX_CACHED_ARGS];
  const GredisCommandInfo *info;
  g_autoptr(GArray) positions = NULL;
  GPtrArray *keys;
  guint i;

  if (argc > MAX_CACHED_ARGS)
    {
      /* Too long to look at: whatever it writes, nothing is kept. */
      return g_ptr_array_new ();
    }
  for (i = 0; i < argc; i++)
    {
      if (args != NULL)
        views[i] = g_bytes_get_data (args[i], &lengths[i]);
      else
        {
          views[i] = argv[i];
          lengths[i] = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
        }
      if (views[i] == NULL)
        views[i] = "";
    }
  info = gredis_command_table_lookup_argv (argc, views, lengths);
  if (info == NULL || (info->flags & GREDIS_COMMAND_FLAG_WRITE) == 0)
    return NULL;

  positions = g_array_new (FALSE, FALSE, sizeof (guint));
  _gredis_command_info_foreach_key (info, argc, views, lengths, FALSE, append_key, positions);
  keys = g_ptr_array_new_full (positions->len, (GDestroyNotify) g_bytes_unref);
  for (i = 0; i < positions->len; i++)
    {
      guint position = g_array_index (positions, guint, i);

      if (position < argc)
        g_ptr_array_add (keys, g_bytes_new (views[position], lengths[position]));
    }
  return keys;
}

GPtrArray *
_gredis_cache_note_write (GredisCache        *cache,
                          guint               argc,
                          const char * const *argv,
                          const gsize        *argv_lengths,
                          GBytes * const     *args)
{
  GPtrArray *keys = written_keys (argc, argv, argv_lengths, args);

  if (keys != NULL)
    _gredis_cache_write_done (cache, keys);
  return keys;
}

void
_gredis_cache_write_done (GredisCache *cache,
                          GPtrArray   *keys)
{
  /* Not counted, not signalled: the server's invalidation follows. */
  invalidate (cache, keys->len > 0 ? keys : NULL, TRUE, FALSE);
}

typedef struct
{
  GredisCache *cache;
  GPtrArray *keys;
  GAsyncReadyCallback callback;
  gpointer user_data;
} Write;

static void
write_done (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  Write *write = data;

  _gredis_cache_write_done (write->cache, write->keys);
  if (write->callback != NULL)
    write->callback (source, result, write->user_data);
  _gredis_cache_unref (write->cache);
  g_ptr_array_unref (write->keys);
  g_free (write);
}

gboolean
_gredis_cache_wrap_write (GredisCache          *cache,
                          guint                 argc,
                          const char * const   *argv,
                          const gsize          *argv_lengths,
                          GBytes * const       *args,
                          GAsyncReadyCallback  *callback,
                          gpointer             *user_data)
{
  GPtrArray *keys = _gredis_cache_note_write (cache, argc, argv, argv_lengths, args);
  Write *write;

  if (keys == NULL)
    return FALSE;
  write = g_new (Write, 1);
  write->cache = _gredis_cache_ref (cache);
  write->keys = keys;
  write->callback = *callback;
  write->user_data = *user_data;
  *callback = write_done;
  *user_data = write;
  return TRUE;
}

/* Hits of the asynchronous API: completed from one idle source per
 * main context and batch, with the engine's cheap results (GredisCall),
 * as auto-pipelining completes replies: no GTask, no source per hit. */

typedef struct
{
  gpointer source_object;
  GCancellable *cancellable;
  GAsyncReadyCallback callback;
  gpointer user_data;
  gpointer source_tag;
  GredisReply *reply;
} Hit;

typedef struct
{
  GMainContext *context;       /* not referenced: the source's */
  GArray *hits;                /* Hit */
} HitBatch;

static GPrivate pending_batch;  /* HitBatch of this thread not dispatched yet */

static void
hit_batch_free (gpointer data)
{
  HitBatch *batch = data;

  /* Dispatched, or its context went away: no callback then. */
  for (guint i = 0; i < batch->hits->len; i++)
    {
      Hit *hit = &g_array_index (batch->hits, Hit, i);

      g_clear_object (&hit->source_object);
      g_clear_object (&hit->cancellable);
      g_clear_pointer (&hit->reply, gredis_reply_unref);
    }
  g_array_unref (batch->hits);
  if (g_private_get (&pending_batch) == batch)
    g_private_set (&pending_batch, NULL);
  g_free (batch);
}

static gboolean
dispatch_hits (gpointer data)
{
  HitBatch *batch = data;
  g_autoptr(GArray) hits = NULL;

  /* Hits made by these callbacks go in a batch of their own. */
  if (g_private_get (&pending_batch) == batch)
    g_private_set (&pending_batch, NULL);
  hits = g_steal_pointer (&batch->hits);
  batch->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
  for (guint i = 0; i < hits->len; i++)
    {
      Hit *hit = &g_array_index (hits, Hit, i);

      _gredis_call_complete (hit->source_object, hit->cancellable, hit->callback,
                             hit->user_data, hit->source_tag, hit->reply, NULL);
    }
  return G_SOURCE_REMOVE;
}

static void
return_hit_later (gpointer             source_object,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data,
                  gpointer             source_tag,
                  GredisReply         *reply)
{
  GMainContext *context = g_main_context_get_thread_default ();
  HitBatch *batch = g_private_get (&pending_batch);
  Hit hit;

  if (context == NULL)
    context = g_main_context_default ();
  if (batch == NULL || batch->context != context)
    {
      GSource *source = g_idle_source_new ();

      batch = g_new0 (HitBatch, 1);
      batch->context = context;
      batch->hits = g_array_new (FALSE, FALSE, sizeof (Hit));
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, dispatch_hits, batch, hit_batch_free);
      g_source_set_static_name (source, "[gredis] cache hits");
      g_source_attach (source, context);
      g_source_unref (source);
      g_private_set (&pending_batch, batch);
    }
  hit.source_object = source_object != NULL ? g_object_ref (source_object) : NULL;
  hit.cancellable = cancellable != NULL ? g_object_ref (cancellable) : NULL;
  hit.callback = callback;
  hit.user_data = user_data;
  hit.source_tag = source_tag;
  hit.reply = reply;
  g_array_append_val (batch->hits, hit);
}

/* Sending */

static GPtrArray *
copy_args (guint               argc,
           const char * const *argv,
           const gsize        *argv_lengths,
           GBytes * const     *args)
{
  GPtrArray *copy = g_ptr_array_new_full (argc, (GDestroyNotify) g_bytes_unref);
  guint i;

  for (i = 0; i < argc; i++)
    {
      if (args != NULL)
        g_ptr_array_add (copy, g_bytes_ref (args[i]));
      else
        g_ptr_array_add (copy, g_bytes_new (argv[i], argv_lengths != NULL ? argv_lengths[i]
                                                                          : strlen (argv[i])));
    }
  return copy;
}

/* Adds @task to the fetch of @command that is not sent yet, or to a new
 * one (*@start TRUE: start it). Takes @args. Under the lock. */
static Fetch *
join_fetch_locked (GredisCache *cache,
                   GBytes      *command,
                   GBytes      *key,
                   GPtrArray   *args,
                   GTask       *task,
                   gboolean    *start)
{
  Fetch *fetch;

  cache->misses++;
  /* Callers share a fetch not sent yet: the server will answer it after
   * each of their reads began. Once sent, its reply may be older than a
   * write acknowledged before a later read began. */
  fetch = g_hash_table_lookup (cache->fetches, command);
  if (fetch == NULL || fetch->sent)
    {
      fetch = g_new0 (Fetch, 1);
      fetch->cache = _gredis_cache_ref (cache);
      fetch->command = g_bytes_ref (command);
      fetch->key = g_bytes_ref (key);
      fetch->generation = cache->generation;
      fetch->waiters = g_ptr_array_new_with_free_func (g_object_unref);
      fetch->args = g_steal_pointer (&args);
      g_hash_table_replace (cache->fetches, fetch->command, fetch);
      g_hash_table_add (cache->in_flight, fetch);
      *start = TRUE;
    }
  else
    *start = FALSE;
  g_clear_pointer (&args, g_ptr_array_unref);
  g_ptr_array_add (fetch->waiters, g_object_ref (task));
  return fetch;
}

static void complete_fetches (GredisCache *cache);

static void
recheck_free (gpointer data)
{
  Recheck *recheck = data;

  g_object_unref (recheck->task);
  g_bytes_unref (recheck->command);
  g_bytes_unref (recheck->key);
  g_clear_pointer (&recheck->args, g_ptr_array_unref);
  g_free (recheck);
}

/* In the tracking thread, after a dispatch: the hits found while it was
 * busy are answered if their entries are still there, fetched
 * otherwise. Waits for the next iteration while input is unread. */
static void
process_rechecks (GredisCache *cache)
{
  g_autoptr(GPtrArray) rechecks = NULL;
  g_autoptr(GPtrArray) starts = NULL;
  guint i;

  g_mutex_lock (&cache->lock);
  if (cache->rechecks->len == 0 || !is_quiet (cache))
    {
      g_mutex_unlock (&cache->lock);
      return;
    }
  rechecks = g_steal_pointer (&cache->rechecks);
  cache->rechecks = g_ptr_array_new_with_free_func (recheck_free);
  starts = g_ptr_array_new ();
  for (i = 0; i < rechecks->len; i++)
    {
      Recheck *recheck = g_ptr_array_index (rechecks, i);
      Completion completion = { NULL, NULL, NULL };

      completion.reply = _gredis_cache_store_lookup (cache->store,
                                                     g_bytes_get_data (recheck->command, NULL),
                                                     g_bytes_get_size (recheck->command));
      recheck->hit = completion.reply != NULL;
      if (completion.reply != NULL)
        {
          cache->hits++;
          completion.task = g_object_ref (recheck->task);
          g_array_append_val (cache->completions, completion);
        }
      else
        {
          gboolean start;
          Fetch *fetch = join_fetch_locked (cache, recheck->command, recheck->key,
                                            g_steal_pointer (&recheck->args), recheck->task,
                                            &start);

          if (start)
            g_ptr_array_add (starts, fetch);
        }
    }
  g_mutex_unlock (&cache->lock);

  /* The name of each is there when the cache has observers. */
  for (i = 0; i < rechecks->len; i++)
    {
      Recheck *recheck = g_ptr_array_index (rechecks, i);

      if (recheck->name == NULL)
        continue;
      if (recheck->hit)
        _gredis_observers_cache_hit (cache->observers, recheck->name);
      else
        _gredis_observers_cache_miss (cache->observers, recheck->name);
    }
  complete_fetches (cache);
  for (i = 0; i < starts->len; i++)
    start_fetch (g_ptr_array_index (starts, i));
}


gboolean
_gredis_cache_send_async (GredisCache         *cache,
                          guint                argc,
                          const char * const  *argv,
                          const gsize         *argv_lengths,
                          GBytes * const      *args,
                          gpointer             source_object,
                          gpointer             source_tag,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Described d;
  g_autoptr(GBytes) command = NULL;
  g_autoptr(GBytes) key = NULL;
  g_autoptr(GTask) task = NULL;
  GredisObservers *observers;
  GredisReply *reply;
  Fetch *fetch = NULL;
  gboolean start = FALSE;

  if (!describe_command (cache, argc, argv, argv_lengths, args, &d))
    return FALSE;
  observers = get_observers (cache);

  g_mutex_lock (&cache->lock);
  if (G_UNLIKELY (cache->closed))
    {
      g_mutex_unlock (&cache->lock);
      described_clear (&d);
      return FALSE;
    }
  reply = _gredis_cache_store_lookup (cache->store, d.encoded, d.encoded_length);
  if (G_LIKELY (reply != NULL) && G_LIKELY (is_quiet (cache)))
    {
      /* The common case: no allocation but the hit's place in its
       * batch, no system call. */
      cache->hits++;
      g_mutex_unlock (&cache->lock);
      if (G_UNLIKELY (observers != NULL))
        _gredis_observers_cache_hit (observers, described_name (&d));
      described_clear (&d);
      return_hit_later (source_object, cancellable, callback, user_data, source_tag, reply);
      return TRUE;
    }
  command = described_command (&d);
  key = described_key (&d);
  task = g_task_new (source_object, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  if (reply != NULL)
    {
      /* An invalidation may be being read: the tracking thread looks the
       * command up again once it applied what it read. */
      Recheck *recheck = g_new (Recheck, 1);

      g_clear_pointer (&reply, gredis_reply_unref);
      recheck->task = g_object_ref (task);
      recheck->command = g_bytes_ref (command);
      recheck->key = g_bytes_ref (key);
      recheck->args = copy_args (argc, argv, argv_lengths, args);
      recheck->name = observers != NULL ? described_name (&d) : NULL;
      recheck->hit = FALSE;
      g_ptr_array_add (cache->rechecks, recheck);
      g_mutex_unlock (&cache->lock);
      described_clear (&d);
      g_main_context_wakeup (cache->context);
      return TRUE;
    }
  fetch = join_fetch_locked (cache, command, key,
                             copy_args (argc, argv, argv_lengths, args), task, &start);
  g_mutex_unlock (&cache->lock);
  if (observers != NULL)
    _gredis_observers_cache_miss (observers, described_name (&d));
  described_clear (&d);

  if (start)
    {
      GSource *source = g_idle_source_new ();

      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, start_fetch, fetch, NULL);
      g_source_set_static_name (source, "[gredis] cache fetch");
      g_source_attach (source, cache->context);
      g_source_unref (source);
    }
  return TRUE;
}

gboolean
_gredis_cache_send_sync (GredisCache         *cache,
                         guint                argc,
                         const char * const  *argv,
                         const gsize         *argv_lengths,
                         GBytes * const      *args,
                         gpointer             source_object,
                         GCancellable        *cancellable,
                         GredisReply        **reply,
                         GError             **error)
{
  Described d;
  GredisObservers *observers;
  GredisSync sync;
  gboolean taken;

  if (!describe_command (cache, argc, argv, argv_lengths, args, &d))
    return FALSE;
  observers = get_observers (cache);

  /* A hit, without a main context. */
  g_mutex_lock (&cache->lock);
  if (!cache->closed)
    {
      *reply = _gredis_cache_store_lookup (cache->store, d.encoded, d.encoded_length);
      if (*reply != NULL && !is_quiet (cache))
        g_clear_pointer (reply, gredis_reply_unref);
      if (*reply != NULL)
        cache->hits++;
    }
  g_mutex_unlock (&cache->lock);
  if (*reply != NULL && observers != NULL)
    _gredis_observers_cache_hit (observers, described_name (&d));
  described_clear (&d);
  if (*reply != NULL)
    return TRUE;

  gredis_sync_begin (&sync);
  taken = _gredis_cache_send_async (cache, argc, argv, argv_lengths, args, source_object,
                                    _gredis_cache_send_sync, cancellable, gredis_sync_done,
                                    &sync);
  if (taken)
    {
      gredis_sync_wait (&sync);
      if (_gredis_call_is_valid (sync.result, source_object, _gredis_cache_send_sync))
        *reply = _gredis_call_propagate_reply (sync.result, error);
      else
        *reply = g_task_propagate_pointer (G_TASK (sync.result), error);
    }
  gredis_sync_end (&sync);
  return taken;
}

/* Invalidations */

static void
invalidate (GredisCache *cache,
            GPtrArray   *keys,
            gboolean     in_flight,
            gboolean     from_server)
{
  g_autoptr(GObject) owner = NULL;
  guint i;

  g_mutex_lock (&cache->lock);
  if (keys == NULL)
    {
      _gredis_cache_store_clear (cache->store);
      if (in_flight)
        cache->generation++;
      if (from_server)
        cache->invalidations++;
    }
  else
    {
      for (i = 0; i < keys->len; i++)
        {
          GBytes *key = g_ptr_array_index (keys, i);
          gsize length;
          const void *data = g_bytes_get_data (key, &length);
          GHashTableIter iter;
          Fetch *fetch;

          _gredis_cache_store_invalidate (cache->store, data, length);
          /* A read of the key in flight may have been answered before
           * the change: it is not kept. */
          g_hash_table_iter_init (&iter, cache->in_flight);
          while (g_hash_table_iter_next (&iter, (gpointer *) &fetch, NULL))
            if (g_bytes_equal (fetch->key, key))
              fetch->invalidated = TRUE;
          if (from_server)
            cache->invalidations++;
        }
    }
  g_mutex_unlock (&cache->lock);
  if (!from_server)
    return;
  /* A new tracking session empties the store out of caution: the server
   * invalidated nothing, and the observers are not told. */
  if (in_flight && get_observers (cache) != NULL)
    _gredis_observers_cache_invalidated (cache->observers, keys != NULL ? keys->len : 0);

  owner = g_weak_ref_get (&cache->owner);
  if (owner != NULL && cache->wanted (owner))
    {
      g_autoptr(GStrvBuilder) builder = NULL;
      g_auto(GStrv) strv = NULL;

      if (keys != NULL)
        {
          builder = g_strv_builder_new ();
          for (i = 0; i < keys->len; i++)
            {
              gsize length;
              const char *data = g_bytes_get_data (g_ptr_array_index (keys, i), &length);

              g_autofree char *text = g_strndup (data, length);

              g_strv_builder_add (builder, text);
            }
          strv = g_strv_builder_end (builder);
        }
      cache->invalidated (owner, (const char * const *) strv);
    }
}

void
_gredis_cache_invalidate (GredisCache *cache,
                          GPtrArray   *keys)
{
  invalidate (cache, keys, TRUE, TRUE);
}

void
_gredis_cache_flush (GredisCache *cache,
                     const char  *reason)
{
  g_debug ("Cache: emptied (%s)", reason);
  invalidate (cache, NULL, TRUE, TRUE);
}

void
_gredis_cache_flush_stored (GredisCache *cache,
                            const char  *reason)
{
  g_debug ("Cache: emptied (%s)", reason);
  invalidate (cache, NULL, FALSE, TRUE);
}

void
_gredis_cache_get_stats (GredisCache      *cache,
                         GredisCacheStats *stats)
{
  g_mutex_lock (&cache->lock);
  stats->hits = cache->hits;
  stats->misses = cache->misses;
  stats->evictions = cache->evictions;
  stats->invalidations = cache->invalidations;
  stats->bytes = _gredis_cache_store_get_bytes (cache->store);
  stats->n_entries = _gredis_cache_store_get_n_entries (cache->store);
  g_mutex_unlock (&cache->lock);
}

/* Life cycle */

/* Finds the sockets among the descriptors the context polls for input
 * (not its wakeup descriptor), again only when the set changed. */
static void
update_sockets (GredisCache *cache,
                GPollFD     *fds,
                gint         n_fds)
{
  gint i;
  gboolean same = cache->polled_fds->len == (guint) n_fds;

  for (i = 0; same && i < n_fds; i++)
    same = g_array_index (cache->polled_fds, int, i) == fds[i].fd;
  if (same)
    return;

  g_array_set_size (cache->polled_fds, 0);
  g_mutex_lock (&cache->fds_lock);
  g_array_set_size (cache->socket_fds, 0);
  for (i = 0; i < n_fds; i++)
    {
      struct stat st;

      g_array_append_val (cache->polled_fds, fds[i].fd);
      if ((fds[i].events & G_IO_IN) != 0 && fstat (fds[i].fd, &st) == 0 && S_ISSOCK (st.st_mode))
        g_array_append_val (cache->socket_fds, fds[i].fd);
    }
  g_mutex_unlock (&cache->fds_lock);
  /* A socket that is new may hold input: checked at the next hit. */
  g_atomic_int_add (&cache->quiet_epoch, -1);
}

static gboolean
has_socket_input (GredisCache *cache,
                  GPollFD     *fds,
                  gint         n_fds)
{
  gint i;
  guint j;

  for (i = 0; i < n_fds; i++)
    if (fds[i].revents != 0)
      for (j = 0; j < cache->socket_fds->len; j++)
        if (g_array_index (cache->socket_fds, int, j) == fds[i].fd)
          return TRUE;
  return FALSE;
}

static void
complete_fetches (GredisCache *cache)
{
  guint i;

  for (i = 0; i < cache->completions->len; i++)
    {
      Completion *completion = &g_array_index (cache->completions, Completion, i);

      if (completion->reply != NULL)
        g_task_return_pointer (completion->task, completion->reply,
                               (GDestroyNotify) gredis_reply_unref);
      else
        g_task_return_error (completion->task, completion->error);
      g_object_unref (completion->task);
    }
  g_array_set_size (cache->completions, 0);
}

/* g_main_loop_run(), spelled out so that the dispatch is marked, and the
 * callers of fetches told after it. */
static gpointer
run_tracking_context (gpointer data)
{
  GredisCache *cache = data;
  g_autofree GPollFD *fds = NULL;
  gint n_allocated = 0;

  g_main_context_push_thread_default (cache->context);
  /* What this thread reads is applied before is_quiet () says so. */
  _gredis_connection_exempt_thread_from_input_epoch ();
  while (!g_atomic_int_get (&cache->quit))
    {
      gint max_priority, timeout, n_fds;
      gboolean busy;

      g_main_context_prepare (cache->context, &max_priority);
      while ((n_fds = g_main_context_query (cache->context, max_priority, &timeout,
                                            fds, n_allocated)) > n_allocated)
        {
          n_allocated = n_fds;
          fds = g_renew (GPollFD, fds, n_allocated);
        }
      update_sockets (cache, fds, n_fds);
      g_poll (fds, n_fds, timeout);
      /* Input pending, first thing after the wakeup and before anything
       * is read (is_quiet ()); only for a socket with input: a wakeup (a
       * fetch to start, a hit to look up again) reads nothing from the
       * server. */
      busy = has_socket_input (cache, fds, n_fds);
      if (busy)
        g_atomic_int_set (&cache->pending, 1);
      if (g_main_context_check (cache->context, max_priority, fds, n_fds))
        g_main_context_dispatch (cache->context);
      if (busy)
        g_atomic_int_set (&cache->pending, 0);
      complete_fetches (cache);
      process_rechecks (cache);
    }
  g_main_context_pop_thread_default (cache->context);
  /* The thread's reference: the cache may be closed from this thread
   * (its owner's last reference dropped by a task completed here), and
   * outlives the loop then. */
  _gredis_cache_unref (cache);
  return NULL;
}

/* In the tracking context. */
static gboolean
start_redirect (gpointer data)
{
  GredisCache *cache = data;

  if (_gredis_router_routes_by_slot (cache->router))
    {
      /* The invalidations of a node go to a client of that node: one
       * subscriber per node is not done. Nothing is kept (the redirect
       * id stays 0). */
      g_warning ("The client-side cache needs RESP3 (protocol=3) on a cluster: it is off.");
      return G_SOURCE_REMOVE;
    }
  _gredis_cache_redirect_start (cache->redirect_state);
  return G_SOURCE_REMOVE;
}

GredisCache *
_gredis_cache_new (GredisConfig               *config,
                   GredisRouter               *router,
                   GObject                    *owner,
                   GredisCacheWantedFunc       wanted,
                   GredisCacheInvalidatedFunc  invalidated)
{
  GredisCache *cache;
  const char *prefixes;

  /* The invalidations of a cluster node are redirected to a client of
   * that node only: RESP2 would need a subscriber per node. (A pool that
   * routes by slot under another name is found by start_redirect ().) */
  if (gredis_config_get_protocol (config) < 3 &&
      g_strcmp0 (gredis_config_get_pool (config), "cluster") == 0)
    {
      g_warning ("The client-side cache needs RESP3 (protocol=3) on a cluster: it is off.");
      return NULL;
    }

  cache = g_new0 (GredisCache, 1);
  g_atomic_ref_count_init (&cache->ref_count);
  g_mutex_init (&cache->lock);
  cache->config = g_object_ref (config);
  cache->router = _gredis_router_ref (router);
  g_weak_ref_init (&cache->owner, owner);
  cache->wanted = wanted;
  cache->invalidated = invalidated;
  cache->broadcast = g_strcmp0 (gredis_config_get_cache_mode (config), "broadcast") == 0;
  cache->optin = !cache->broadcast && gredis_config_get_cache_optin (config);
  cache->redirect = gredis_config_get_protocol (config) < 3;
  prefixes = gredis_config_get_cache_prefixes (config);
  if (cache->broadcast && prefixes != NULL && prefixes[0] != '\0')
    cache->prefixes = g_strsplit (prefixes, ",", -1);
  cache->store = _gredis_cache_store_new (gredis_config_get_cache_max_entries (config),
                                          gredis_config_get_cache_max_bytes (config),
                                          (gint64) gredis_config_get_cache_ttl_ms (config) * 1000);
  cache->fetches = g_hash_table_new (g_bytes_hash, g_bytes_equal);
  cache->in_flight = g_hash_table_new (NULL, NULL);
  cache->step = _gredis_cache_tracking_step_new (cache, &cache->tracking);

  g_mutex_init (&cache->fds_lock);
  cache->polled_fds = g_array_new (FALSE, FALSE, sizeof (int));
  cache->socket_fds = g_array_new (FALSE, FALSE, sizeof (int));
  cache->completions = g_array_new (FALSE, FALSE, sizeof (Completion));
  cache->rechecks = g_ptr_array_new_with_free_func (recheck_free);
  cache->context = g_main_context_new ();
  cache->loop = g_main_loop_new (cache->context, FALSE);
  cache->thread = g_thread_new ("gredis-cache", run_tracking_context, _gredis_cache_ref (cache));
  if (cache->redirect)
    {
      GSource *source = g_idle_source_new ();

      cache->redirect_state = _gredis_cache_redirect_new (cache, router);
      g_source_set_callback (source, start_redirect, cache, NULL);
      g_source_set_static_name (source, "[gredis] cache redirect");
      g_source_attach (source, cache->context);
      g_source_unref (source);
    }
  return cache;
}

GredisCache *
_gredis_cache_ref (GredisCache *cache)
{
  g_atomic_ref_count_inc (&cache->ref_count);
  return cache;
}

void
_gredis_cache_unref (GredisCache *cache)
{
  if (!g_atomic_ref_count_dec (&cache->ref_count))
    return;
  g_warn_if_fail (cache->thread == NULL);
  g_clear_pointer (&cache->redirect_state, _gredis_cache_redirect_free);
  _gredis_cache_store_free (cache->store);
  g_hash_table_unref (cache->fetches);
  g_hash_table_unref (cache->in_flight);
  g_strfreev (cache->prefixes);
  g_main_loop_unref (cache->loop);
  g_mutex_clear (&cache->fds_lock);
  g_array_unref (cache->polled_fds);
  g_array_unref (cache->socket_fds);
  g_array_unref (cache->completions);
  g_ptr_array_unref (cache->rechecks);
  g_main_context_unref (cache->context);
  _gredis_router_unref (cache->router);
  g_clear_pointer (&cache->observers, _gredis_observers_unref);
  g_object_unref (cache->config);
  g_weak_ref_clear (&cache->owner);
  g_mutex_clear (&cache->lock);
  g_free (cache);
}

static gboolean
quit_when_idle (gpointer data)
{
  GredisCache *cache = data;

  if (cache->redirect_state != NULL)
    _gredis_cache_redirect_stop (cache->redirect_state);
  g_atomic_int_set (&cache->quit, TRUE);
  return G_SOURCE_REMOVE;
}

void
_gredis_cache_close (GredisCache *cache)
{
  GHashTableIter iter;
  Fetch *fetch;
  GSource *source;
  GPtrArray *left;
  guint i;

  g_mutex_lock (&cache->lock);
  if (cache->closed)
    {
      g_mutex_unlock (&cache->lock);
      return;
    }
  cache->closed = TRUE;
  g_mutex_unlock (&cache->lock);

  /* What the closed router failed is dispatched before the loop stops. */
  source = g_idle_source_new ();
  g_source_set_priority (source, G_PRIORITY_LOW);
  g_source_set_callback (source, quit_when_idle, cache, NULL);
  g_source_attach (source, cache->context);
  g_source_unref (source);
  if (g_thread_self () != cache->thread)
    g_thread_join (cache->thread);
  else
    g_thread_unref (cache->thread);
  cache->thread = NULL;

  /* Fetches still in flight will not complete: their callers get an
   * error. */
  left = g_ptr_array_new ();
  g_mutex_lock (&cache->lock);
  g_hash_table_iter_init (&iter, cache->in_flight);
  while (g_hash_table_iter_next (&iter, (gpointer *) &fetch, NULL))
    g_ptr_array_add (left, fetch);
  g_hash_table_remove_all (cache->fetches);
  g_hash_table_remove_all (cache->in_flight);
  _gredis_cache_store_clear (cache->store);
  for (i = 0; i < cache->rechecks->len; i++)
    {
      Recheck *recheck = g_ptr_array_index (cache->rechecks, i);

      g_task_return_error (recheck->task, _gredis_router_closed_error ());
    }
  g_ptr_array_set_size (cache->rechecks, 0);
  g_mutex_unlock (&cache->lock);
  for (i = 0; i < left->len; i++)
    {
      guint j;

      fetch = g_ptr_array_index (left, i);
      for (j = 0; j < fetch->waiters->len; j++)
        g_task_return_error (g_ptr_array_index (fetch->waiters, j), _gredis_router_closed_error ());
      /* The call that holds @fetch is never dispatched again. */
      g_ptr_array_set_size (fetch->waiters, 0);
    }
  g_ptr_array_unref (left);

  _gredis_cache_tracking_detach (cache->tracking);
  g_clear_pointer (&cache->step, _gredis_handshake_step_unref);
}

GredisHandshakeStep *
_gredis_cache_get_tracking_step (GredisCache *cache)
{
  return cache->step;
}

GMainContext *
_gredis_cache_get_context (GredisCache *cache)
{
  return cache->context;
}

GredisConfig *
_gredis_cache_get_config (GredisCache *cache)
{
  return cache->config;
}

gboolean
_gredis_cache_redirects (GredisCache *cache)
{
  return cache->redirect;
}

guint64
_gredis_cache_get_redirect_id (GredisCache *cache)
{
  guint64 id;

  g_mutex_lock (&cache->lock);
  id = cache->redirect_id;
  g_mutex_unlock (&cache->lock);
  return id;
}

static void
retracked (GObject      *source,
           GAsyncResult *result,
           gpointer      data)
{
  GredisCache *cache = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = _gredis_call_propagate_reply (result, &error);

  /* Not tracked: what it read meanwhile is not kept. The subscriber it
   * named is gone, most likely; its own connection says so. */
  if (reply == NULL || gredis_reply_is_error (reply))
    _gredis_cache_flush (cache, "CLIENT TRACKING failed");
  _gredis_cache_unref (cache);
}

void
_gredis_cache_set_redirect_id (GredisCache *cache,
                               guint64      id)
{
  static const char * const off[] = { "CLIENT", "TRACKING", "off" };
  g_autoptr(GPtrArray) argv = NULL;
  g_autoptr(GredisConnection) connection = NULL;

  g_mutex_lock (&cache->lock);
  cache->redirect_id = id;
  g_mutex_unlock (&cache->lock);
  /* Whatever was read before was tracked for another subscriber, or
   * for none: fetches in flight are not kept either. */
  _gredis_cache_flush (cache, id != 0 ? "a new invalidation subscriber"
                                      : "no invalidation subscriber");
  if (id == 0)
    return;

  /* The reading connection tracks for the new subscriber from now on:
   * the fetches started after this are queued behind these commands. (A
   * connection made later gets it in its handshake.) Tracking is turned
   * off first, as the server refuses prefixes it already has. */
  connection = _gredis_router_get_shared (cache->router, NULL);
  if (connection == NULL)
    return;
  argv = g_ptr_array_new_with_free_func (g_free);
  if (!_gredis_cache_build_tracking (cache, argv))
    return;
  _gredis_connection_queue_command (connection, G_N_ELEMENTS (off), off, NULL, NULL,
                                    FALSE, NULL, NULL, ignore_reply, NULL, NULL);
  _gredis_connection_queue_command (connection, argv->len, (const char * const *) argv->pdata,
                                    NULL, NULL, FALSE, NULL, NULL, retracked,
                                    _gredis_cache_ref (cache), NULL);
}
