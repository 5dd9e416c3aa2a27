/* gredis-cache-tracking.c: CLIENT TRACKING on the connections of the
 * tracking context, and the invalidations they receive
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-cache-private.h"

#include <string.h>

/* The handshake step lives in the configuration, which may outlive the
 * cache (and the cache holds the router, which holds the configuration):
 * it holds the cache through this handle, emptied when the cache closes. */
typedef struct
{
  gatomicrefcount ref_count;
  GMutex lock;
  GredisCache *cache;          /* not referenced; NULL once closed */
} Tracking;

static Tracking *
tracking_ref (Tracking *tracking)
{
  g_atomic_ref_count_inc (&tracking->ref_count);
  return tracking;
}

static void
tracking_unref (gpointer data)
{
  Tracking *tracking = data;

  if (!g_atomic_ref_count_dec (&tracking->ref_count))
    return;
  g_mutex_clear (&tracking->lock);
  g_free (tracking);
}

/* The cache, referenced, while it is open and @connection belongs to its
 * tracking context; NULL otherwise. */
static GredisCache *
tracking_get_cache (Tracking         *tracking,
                    GredisConnection *connection)
{
  GredisCache *cache = NULL;

  g_mutex_lock (&tracking->lock);
  if (tracking->cache != NULL &&
      gredis_connection_get_context (connection) == _gredis_cache_get_context (tracking->cache))
    cache = _gredis_cache_ref (tracking->cache);
  g_mutex_unlock (&tracking->lock);
  return cache;
}

gboolean
_gredis_cache_build_tracking (GredisCache *cache,
                              GPtrArray   *argv)
{
  GredisConfig *config = _gredis_cache_get_config (cache);
  guint64 redirect_id = 0;
  const char *prefixes;

  if (_gredis_cache_redirects (cache))
    {
      redirect_id = _gredis_cache_get_redirect_id (cache);
      /* No subscriber yet: the connection reads untracked, and what it
       * reads is not kept (fetch_done ()) until one is ready, which
       * turns tracking on here (_gredis_cache_set_redirect_id ()). The
       * subscriber's own connection gets here too, with no id. */
      if (redirect_id == 0)
        return FALSE;
    }

  g_ptr_array_add (argv, g_strdup ("CLIENT"));
  g_ptr_array_add (argv, g_strdup ("TRACKING"));
  g_ptr_array_add (argv, g_strdup ("ON"));
  if (redirect_id != 0)
    {
      g_ptr_array_add (argv, g_strdup ("REDIRECT"));
      g_ptr_array_add (argv, g_strdup_printf ("%" G_GUINT64_FORMAT, redirect_id));
    }
  if (g_strcmp0 (gredis_config_get_cache_mode (config), "broadcast") == 0)
    {
      g_ptr_array_add (argv, g_strdup ("BCAST"));
      prefixes = gredis_config_get_cache_prefixes (config);
      if (prefixes != NULL && prefixes[0] != '\0')
        {
          g_auto(GStrv) list = g_strsplit (prefixes, ",", -1);
          guint i;

          for (i = 0; list[i] != NULL; i++)
            {
              g_ptr_array_add (argv, g_strdup ("PREFIX"));
              g_ptr_array_add (argv, g_strdup (list[i]));
            }
        }
    }
  else if (gredis_config_get_cache_optin (config))
    g_ptr_array_add (argv, g_strdup ("OPTIN"));
  return TRUE;
}

static gboolean
build_tracking (GredisConnection *connection,
                GPtrArray        *argv,
                gpointer          user_data)
{
  g_autoptr(GredisCache) cache = tracking_get_cache (user_data, connection);

  if (cache == NULL)
    return FALSE;
  if (gredis_connection_get_protocol (connection) < 3 && !_gredis_cache_redirects (cache))
    {
      /* Without RESP3 the server would not push invalidations here:
       * nothing read on this connection may be kept. */
      _gredis_cache_flush (cache, "a tracking connection without RESP3");
      return FALSE;
    }
  return _gredis_cache_build_tracking (cache, argv);
}

static void
closure_unref_tracking (gpointer  data,
                        GClosure *closure)
{
  tracking_unref (data);
}

static void
on_state_changed (GObject    *object,
                  GParamSpec *pspec,
                  gpointer    user_data)
{
  GredisConnection *connection = GREDIS_CONNECTION (object);
  g_autoptr(GredisCache) cache = NULL;

  if (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_READY)
    return;
  cache = tracking_get_cache (user_data, connection);
  /* The server stopped tracking what this connection read. */
  if (cache != NULL)
    _gredis_cache_flush (cache, "a tracking connection closed");
}

static gboolean
check_tracking (GredisConnection  *connection,
                GredisReply       *reply,
                gpointer           user_data,
                GError           **error)
{
  g_autoptr(GredisCache) cache = tracking_get_cache (user_data, connection);

  if (gredis_reply_is_error (reply))
    {
      g_propagate_error (error, _gredis_handshake_refused_error ("CLIENT TRACKING", reply));
      return FALSE;
    }
  if (cache == NULL)
    return TRUE;

  /* A new tracking session: what was read before it, on a connection
   * that may have lost its own, is dropped. The reads queued behind the
   * handshake are tracked: they are kept when answered. (A connection
   * that closed emptied the cache, fetches in flight included, when its
   * state changed: on_state_changed ().) */
  _gredis_cache_flush_stored (cache, "tracking started on a connection");
  if (g_object_get_data (G_OBJECT (connection), "gredis-cache-watched") == NULL)
    {
      g_object_set_data (G_OBJECT (connection), "gredis-cache-watched", GINT_TO_POINTER (1));
      g_signal_connect_data (connection, "notify::state", G_CALLBACK (on_state_changed),
                             tracking_ref (user_data), closure_unref_tracking, 0);
    }
  return TRUE;
}

GredisHandshakeStep *
_gredis_cache_tracking_step_new (GredisCache  *cache,
                                 gpointer     *handle)
{
  Tracking *tracking = g_new0 (Tracking, 1);

  g_atomic_ref_count_init (&tracking->ref_count);
  g_mutex_init (&tracking->lock);
  /* Not a reference: _gredis_cache_close() empties the handle. */
  tracking->cache = cache;
  *handle = tracking;
  return _gredis_handshake_step_new ("CLIENT TRACKING", NULL, build_tracking,
                                     GREDIS_HANDSHAKE_NONE, check_tracking,
                                     tracking, tracking_unref);
}

void
_gredis_cache_tracking_detach (gpointer handle)
{
  Tracking *tracking = handle;

  g_mutex_lock (&tracking->lock);
  tracking->cache = NULL;
  g_mutex_unlock (&tracking->lock);
}

/* Invalidations */

static gboolean
push_type_is (GredisReply *push,
              const char  *type)
{
  GredisReply *first;
  gsize length;
  const char *text;

  if (gredis_reply_get_n_elements (push) == 0)
    return FALSE;
  first = gredis_reply_get_element (push, 0);
  if (gredis_reply_get_kind (first) != GREDIS_REPLY_STRING &&
      gredis_reply_get_kind (first) != GREDIS_REPLY_SIMPLE_STRING)
    return FALSE;
  text = gredis_reply_get_string (first, &length);
  return text != NULL && length == strlen (type) && g_ascii_strncasecmp (text, type, length) == 0;
}

void
_gredis_cache_handle_push (GredisCache      *cache,
                           GredisConnection *connection,
                           GredisReply      *push)
{
  if (gredis_reply_get_kind (push) != GREDIS_REPLY_PUSH &&
      gredis_reply_get_kind (push) != GREDIS_REPLY_ARRAY)
    return;

  if (push_type_is (push, "tracking-redir-broken"))
    {
      _gredis_cache_flush (cache, "tracking-redir-broken");
      return;
    }
  if (!push_type_is (push, "invalidate") || gredis_reply_get_n_elements (push) < 2)
    return;

  _gredis_cache_apply_invalidation (cache, gredis_reply_get_element (push, 1));
}

void
_gredis_cache_apply_invalidation (GredisCache *cache,
                                  GredisReply *keys)
{
  g_autoptr(GPtrArray) list = NULL;
  gsize i, n;

  /* A null invalidation: FLUSHALL, FLUSHDB, or a server that dropped
   * what it tracked. */
  if (gredis_reply_is_nil (keys) || !gredis_reply_is_aggregate (keys))
    {
      _gredis_cache_flush (cache, "a null invalidation");
      return;
    }

  n = gredis_reply_get_n_elements (keys);
  list = g_ptr_array_new_full (n, (GDestroyNotify) g_bytes_unref);
  for (i = 0; i < n; i++)
    {
      GredisReply *key = gredis_reply_get_element (keys, i);
      gsize length;
      const char *data = gredis_reply_get_string (key, &length);

      if (data != NULL)
        g_ptr_array_add (list, g_bytes_new (data, length));
    }
  _gredis_cache_invalidate (cache, list);
}
