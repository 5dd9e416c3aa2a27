/* gredis-cache-redirect.c: RESP2 tracking, through a connection
 * subscribed to __redis__:invalidate that the reading connections
 * redirect their invalidations to
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-cache-private.h"
#include "gredis-connection-private.h"

#include <string.h>

#define INVALIDATE_CHANNEL "__redis__:invalidate"
#define RETRY_MIN_MS 50
#define RETRY_MAX_MS 5000

/* Without RESP3 the server cannot push invalidations on the connection
 * that reads: it publishes them, as pub/sub messages, to the client
 * named by CLIENT TRACKING ON REDIRECT <id>, which must be subscribed to
 * __redis__:invalidate. That client is an exclusive connection of the
 * tracking context, held here; its id is given to the cache once its
 * subscription is confirmed (_gredis_cache_set_redirect_id ()), which
 * then makes the reading connections track with it.
 *
 * Tracking thread only, but for the reference count: callbacks of the
 * connection hold a reference. */
struct _GredisCacheRedirect
{
  gatomicrefcount ref_count;
  GredisCache *cache;          /* not referenced: it owns this */
  GredisRouter *router;
  GCancellable *cancellable;
  GredisConnection *connection;
  gint64 client_id;            /* CLIENT ID of @connection; 0: not known */
  GSource *retry_source;
  guint failures;
  gboolean acquiring;
  gboolean closed;
};

static GredisCacheRedirect *
redirect_ref (GredisCacheRedirect *redirect)
{
  g_atomic_ref_count_inc (&redirect->ref_count);
  return redirect;
}

static void
redirect_unref (GredisCacheRedirect *redirect)
{
  if (!g_atomic_ref_count_dec (&redirect->ref_count))
    return;
  g_warn_if_fail (redirect->connection == NULL);
  g_object_unref (redirect->cancellable);
  _gredis_router_unref (redirect->router);
  g_free (redirect);
}

GredisCacheRedirect *
_gredis_cache_redirect_new (GredisCache  *cache,
                            GredisRouter *router)
{
  GredisCacheRedirect *redirect = g_new0 (GredisCacheRedirect, 1);

  g_atomic_ref_count_init (&redirect->ref_count);
  redirect->cache = cache;
  redirect->router = _gredis_router_ref (router);
  redirect->cancellable = g_cancellable_new ();
  return redirect;
}

void
_gredis_cache_redirect_free (GredisCacheRedirect *redirect)
{
  redirect_unref (redirect);
}

static void start (GredisCacheRedirect *redirect);

static gboolean
retry_cb (gpointer data)
{
  GredisCacheRedirect *redirect = data;

  g_clear_pointer (&redirect->retry_source, g_source_unref);
  start (redirect);
  return G_SOURCE_REMOVE;
}

static void
schedule_retry (GredisCacheRedirect *redirect)
{
  guint delay = RETRY_MIN_MS;
  guint i;

  if (redirect->closed || redirect->retry_source != NULL)
    return;
  for (i = 0; i < redirect->failures && delay < RETRY_MAX_MS; i++)
    delay *= 2;
  redirect->failures++;
  redirect->retry_source = g_timeout_source_new (MIN (delay, RETRY_MAX_MS));
  g_source_set_callback (redirect->retry_source, retry_cb, redirect, NULL);
  g_source_set_static_name (redirect->retry_source, "[gredis] cache redirect retry");
  g_source_attach (redirect->retry_source, g_main_context_get_thread_default ());
}

/* The subscriber is gone, or never was: the server no longer sends the
 * invalidations of what the reading connections read anywhere, so
 * nothing read is kept until a new one is subscribed. */
static void
drop_connection (GredisCacheRedirect *redirect,
                 const char          *reason)
{
  GredisConnection *connection = g_steal_pointer (&redirect->connection);

  if (connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (connection, redirect);
      _gredis_router_release_exclusive (redirect->router, connection, FALSE);
    }
  redirect->client_id = 0;
  g_debug ("Cache: the invalidation subscriber is gone (%s)", reason);
  _gredis_cache_set_redirect_id (redirect->cache, 0);
}

static gboolean
frame_type_is (GredisReply *frame,
               const char  *type)
{
  GredisReply *first;
  const char *text;
  gsize length;

  if (!gredis_reply_is_aggregate (frame) || gredis_reply_get_n_elements (frame) == 0)
    return FALSE;
  first = gredis_reply_get_element (frame, 0);
  text = gredis_reply_get_string (first, &length);
  return text != NULL && length == strlen (type) && g_ascii_strncasecmp (text, type, length) == 0;
}

static gboolean
frame_channel_is_invalidate (GredisReply *frame)
{
  const char *text;
  gsize length;

  if (gredis_reply_get_n_elements (frame) < 3)
    return FALSE;
  text = gredis_reply_get_string (gredis_reply_get_element (frame, 1), &length);
  return text != NULL && length == strlen (INVALIDATE_CHANNEL) &&
         memcmp (text, INVALIDATE_CHANNEL, length) == 0;
}

static void
on_push (GredisConnection *connection,
         GredisReply      *frame,
         gpointer          user_data)
{
  GredisCacheRedirect *redirect = user_data;

  if (connection != redirect->connection || !frame_channel_is_invalidate (frame))
    return;

  if (frame_type_is (frame, "message"))
    _gredis_cache_apply_invalidation (redirect->cache, gredis_reply_get_element (frame, 2));
  else if (frame_type_is (frame, "subscribe"))
    {
      if (redirect->client_id <= 0)
        {
          /* CLIENT ID was refused or garbled: this connection cannot
           * be named. */
          g_object_ref (connection);
          drop_connection (redirect, "no client id");
          g_object_unref (connection);
          schedule_retry (redirect);
          return;
        }
      redirect->failures = 0;
      g_debug ("Cache: invalidations are redirected to client %" G_GINT64_FORMAT,
               redirect->client_id);
      _gredis_cache_set_redirect_id (redirect->cache, (guint64) redirect->client_id);
    }
}

static void
on_state (GredisConnection *connection,
          GParamSpec       *pspec,
          gpointer          user_data)
{
  GredisCacheRedirect *redirect = user_data;

  if (gredis_connection_get_state (connection) == GREDIS_CONNECTION_STATE_READY ||
      connection != redirect->connection)
    return;
  g_object_ref (connection);
  drop_connection (redirect, "its connection closed");
  g_object_unref (connection);
  schedule_retry (redirect);
}

static void
on_client_id (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GredisCacheRedirect *redirect = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = _gredis_call_propagate_reply (result, &error);

  if (reply != NULL && gredis_reply_get_kind (reply) == GREDIS_REPLY_INTEGER &&
      !redirect->closed)
    redirect->client_id = gredis_reply_get_integer (reply);
  else if (reply == NULL)
    g_debug ("Cache: CLIENT ID failed: %s", error->message);
  redirect_unref (redirect);
}

static void
acquired (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  static const char * const client_id[] = { "CLIENT", "ID" };
  static const char * const subscribe[] = { "SUBSCRIBE", INVALIDATE_CHANNEL };
  GredisCacheRedirect *redirect = user_data;
  g_autoptr(GError) error = NULL;
  GredisConnection *connection;

  redirect->acquiring = FALSE;
  connection = _gredis_router_acquire_exclusive_finish (redirect->router, result, &error);
  if (connection == NULL)
    {
      if (!redirect->closed)
        {
          g_debug ("Cache: the invalidation subscriber could not connect: %s", error->message);
          schedule_retry (redirect);
        }
      redirect_unref (redirect);
      return;
    }
  if (redirect->closed)
    {
      _gredis_router_release_exclusive (redirect->router, connection, FALSE);
      redirect_unref (redirect);
      return;
    }

  redirect->connection = connection;
  redirect->client_id = 0;
  _gredis_connection_set_subscriber (connection, TRUE);
  g_signal_connect (connection, "push", G_CALLBACK (on_push), redirect);
  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), redirect);
  /* The id is read before the subscription is confirmed: both are
   * answered in order. */
  _gredis_connection_queue_command (connection, G_N_ELEMENTS (client_id), client_id, NULL, NULL,
                                    FALSE, NULL, NULL, on_client_id, redirect_ref (redirect),
                                    NULL);
  if (!_gredis_connection_send_no_reply (connection, G_N_ELEMENTS (subscribe), subscribe, NULL) ||
      gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_READY)
    on_state (connection, NULL, redirect);
  redirect_unref (redirect);
}

static void
start (GredisCacheRedirect *redirect)
{
  if (redirect->closed || redirect->connection != NULL || redirect->acquiring ||
      redirect->retry_source != NULL)
    return;
  redirect->acquiring = TRUE;
  _gredis_router_acquire_exclusive_async (redirect->router, redirect->cancellable, acquired,
                                          redirect_ref (redirect));
}

void
_gredis_cache_redirect_start (GredisCacheRedirect *redirect)
{
  start (redirect);
}

void
_gredis_cache_redirect_stop (GredisCacheRedirect *redirect)
{
  GredisConnection *connection = g_steal_pointer (&redirect->connection);

  redirect->closed = TRUE;
  g_cancellable_cancel (redirect->cancellable);
  if (redirect->retry_source != NULL)
    {
      g_source_destroy (redirect->retry_source);
      g_clear_pointer (&redirect->retry_source, g_source_unref);
    }
  if (connection != NULL)
    {
      g_signal_handlers_disconnect_by_data (connection, redirect);
      _gredis_router_release_exclusive (redirect->router, connection, FALSE);
    }
}
