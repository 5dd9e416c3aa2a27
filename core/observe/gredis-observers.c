/* gredis-observers.c: the observers of one client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-observers-private.h"

#include <string.h>

struct _GredisObservers
{
  gatomicrefcount ref_count;
  guint n_observers;
  gboolean want_started;
  GredisObserver **observers;
  GredisObserverInterface **ifaces;  /* cached: no type lookup per event */
};

/* Every command event built (for the test that none is while no observer
 * is chosen). A load and a store, not a locked add, to keep the command
 * path free of a cache line every thread writes: increments that threads
 * make at the same instant may be lost, which zero or not does not mind. */
static guint64 n_command_events;

GredisObservers *
_gredis_observers_new_for_config (GredisConfig  *config,
                                  GError       **error)
{
  const char *names = gredis_config_get_observe (config);
  g_auto(GStrv) parts = NULL;
  g_autoptr(GPtrArray) made = NULL;
  GredisObservers *observers;

  if (names == NULL || *names == '\0')
    return NULL;
  parts = g_strsplit (names, ",", -1);
  made = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      const char *name = g_strstrip (parts[i]);
      GredisObserver *observer;

      if (*name == '\0')
        continue;
      observer = gredis_observer_new_for_name (name, error);
      if (observer == NULL)
        return NULL;
      g_ptr_array_add (made, observer);
      if (!gredis_config_apply_to_plugin (config, G_OBJECT (observer), error))
        return NULL;
    }
  if (made->len == 0)
    return NULL;

  observers = g_new0 (GredisObservers, 1);
  g_atomic_ref_count_init (&observers->ref_count);
  observers->n_observers = made->len;
  observers->observers = g_new (GredisObserver *, made->len);
  observers->ifaces = g_new (GredisObserverInterface *, made->len);
  for (guint i = 0; i < made->len; i++)
    {
      observers->observers[i] = g_object_ref (g_ptr_array_index (made, i));
      observers->ifaces[i] = GREDIS_OBSERVER_GET_IFACE (observers->observers[i]);
      if (observers->ifaces[i]->command_started != NULL)
        observers->want_started = TRUE;
    }
  return observers;
}

GredisObservers *
_gredis_observers_ref (GredisObservers *observers)
{
  g_atomic_ref_count_inc (&observers->ref_count);
  return observers;
}

void
_gredis_observers_unref (GredisObservers *observers)
{
  if (!g_atomic_ref_count_dec (&observers->ref_count))
    return;
  for (guint i = 0; i < observers->n_observers; i++)
    g_object_unref (observers->observers[i]);
  g_free (observers->observers);
  g_free (observers->ifaces);
  g_free (observers);
}

GredisObserver *
_gredis_observers_find (GredisObservers *observers,
                        GType            type)
{
  for (guint i = 0; observers != NULL && i < observers->n_observers; i++)
    if (G_TYPE_CHECK_INSTANCE_TYPE (observers->observers[i], type))
      return observers->observers[i];
  return NULL;
}

gboolean
_gredis_observers_want_started (GredisObservers *observers)
{
  return observers->want_started;
}

const char *
_gredis_observers_intern_name (const char *name,
                               gsize       length)
{
  char upper[32];

  if (name == NULL || length == 0 || length >= sizeof upper)
    return "UNKNOWN";
  for (gsize i = 0; i < length; i++)
    {
      /* Names of commands are plain ASCII; anything else is not shown. */
      if (!g_ascii_isgraph (name[i]))
        return "UNKNOWN";
      upper[i] = g_ascii_toupper (name[i]);
    }
  upper[length] = '\0';
  return g_intern_string (upper);
}

const char *
_gredis_observers_batch_name (const char *name,
                              gsize       length,
                              guint       n_commands)
{
  const char *single;
  g_autofree char *batch = NULL;

  if (name == NULL)
    return "BATCH";
  single = _gredis_observers_intern_name (name, length);
  if (n_commands == 1)
    return single;
  batch = g_strconcat ("BATCH ", single, NULL);
  return g_intern_string (batch);
}

/* The first word of a server error's message, when it is an error code
 * in capitals (Redis's convention: "ERR unknown command"). */
static const char *
server_prefix (const char *message)
{
  gsize length = 0;

  while (message[length] != '\0' && message[length] != ' ' && length < 32)
    {
      if (!g_ascii_isupper (message[length]) && message[length] != '_')
        return NULL;
      length++;
    }
  if (length == 0 || length == 32)
    return NULL;
  return _gredis_observers_intern_name (message, length);
}

const char *
_gredis_observers_error_type (const GError *error)
{
  if (error == NULL)
    return NULL;
  if (error->domain == G_IO_ERROR && error->code == G_IO_ERROR_CANCELLED)
    return "cancelled";
  if (error->domain != GREDIS_ERROR)
    return "_OTHER";
  switch ((GredisError) error->code)
    {
    case GREDIS_ERROR_CONNECTION:
    case GREDIS_ERROR_HOST_NOT_FOUND:
      return "connection";
    case GREDIS_ERROR_TIMEOUT:
      return "timeout";
    case GREDIS_ERROR_PROTOCOL:
      return "protocol";
    case GREDIS_ERROR_TLS:
      return "tls";
    case GREDIS_ERROR_CLOSED:
      return "closed";
    case GREDIS_ERROR_POOL_EXHAUSTED:
      return "pool_exhausted";
    case GREDIS_ERROR_CROSSSLOT:
      return "CROSSSLOT";
    case GREDIS_ERROR_UNKNOWN_OUTCOME:
      return "unknown_outcome";
    default:
      {
        /* A server error reply: its code, as the server wrote it. */
        const char *prefix = server_prefix (error->message);

        return prefix != NULL ? prefix : "_OTHER";
      }
    }
}

guint64
_gredis_observers_get_n_command_events (void)
{
  return __atomic_load_n (&n_command_events, __ATOMIC_RELAXED);
}

#define EACH(vfunc, ...) \
  G_STMT_START { \
    for (guint i = 0; i < observers->n_observers; i++) \
      if (observers->ifaces[i]->vfunc != NULL) \
        observers->ifaces[i]->vfunc (observers->observers[i], __VA_ARGS__); \
  } G_STMT_END

void
_gredis_observers_command_started (GredisObservers          *observers,
                                   const GredisCommandEvent *event)
{
  EACH (command_started, event);
}

void
_gredis_observers_command_finished (GredisObservers          *observers,
                                    const GredisCommandEvent *event)
{
  __atomic_store_n (&n_command_events, __atomic_load_n (&n_command_events, __ATOMIC_RELAXED) + 1,
                    __ATOMIC_RELAXED);
  EACH (command_finished, event);
}

void
_gredis_observers_connection_created (GredisObservers *observers,
                                      const char      *server_address,
                                      guint            server_port,
                                      gint64           create_time)
{
  EACH (connection_created, server_address, server_port, create_time);
}

void
_gredis_observers_connection_closed (GredisObservers *observers,
                                     const char      *server_address,
                                     guint            server_port,
                                     const GError    *error)
{
  EACH (connection_closed, server_address, server_port, error);
}

void
_gredis_observers_connection_waited (GredisObservers *observers,
                                     gint64           wait_time,
                                     gboolean         timed_out)
{
  EACH (connection_waited, wait_time, timed_out);
}

void
_gredis_observers_pool_waited (GredisObservers *observers,
                               gint64           wait_start,
                               const GError    *error)
{
  gboolean timed_out = g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED) ||
                       g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT);

  EACH (connection_waited, g_get_monotonic_time () - wait_start, timed_out);
}

void
_gredis_observers_retry_decided (GredisObservers *observers,
                                 const char      *name,
                                 guint            attempt,
                                 gint64           delay,
                                 const GError    *error)
{
  EACH (retry_decided, name, attempt, delay, error);
}

void
_gredis_observers_redirect_followed (GredisObservers *observers,
                                     const char      *kind,
                                     guint            slot,
                                     const char      *server_address,
                                     guint            server_port)
{
  EACH (redirect_followed, kind, slot, server_address, server_port);
}

void
_gredis_observers_topology_changed (GredisObservers *observers,
                                    guint            changes)
{
  EACH (topology_changed, changes);
}

void
_gredis_observers_pubsub_message (GredisObservers *observers,
                                  const char      *kind,
                                  const char      *channel,
                                  gsize            size)
{
  EACH (pubsub_message, kind, channel, size);
}

void
_gredis_observers_cache_hit (GredisObservers *observers,
                             const char      *name)
{
  EACH (cache_hit, name);
}

void
_gredis_observers_cache_miss (GredisObservers *observers,
                              const char      *name)
{
  EACH (cache_miss, name);
}

void
_gredis_observers_cache_invalidated (GredisObservers *observers,
                                     guint            n_keys)
{
  EACH (cache_invalidated, n_keys);
}
