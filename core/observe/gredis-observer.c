/* gredis-observer.c: the interface of observers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

/**
 * GredisObserver:
 *
 * Sees the events of a client: commands started and finished,
 * connections made, closed and waited for, retries, cluster redirects
 * and topology changes, pub/sub messages and the client-side cache's
 * hits, misses and invalidations.
 *
 * Observers come from plugins, chosen by name with #GredisConfig:observe
 * (`observe=metrics,sysprof`): `metrics` is built in (counters and
 * histograms named after OpenTelemetry's database conventions, read with
 * gredis_client_get_metrics()). An application may implement the
 * interface itself and register it with gredis_plugins_register_type()
 * (kind %GREDIS_PLUGIN_OBSERVER).
 *
 * With no observer chosen, a command costs one predictable branch more
 * and nothing is allocated or measured for it.
 */

G_DEFINE_INTERFACE (GredisObserver, gredis_observer, G_TYPE_OBJECT)

static void
gredis_observer_default_init (GredisObserverInterface *iface)
{
}

/**
 * gredis_command_event_copy:
 * @event: a #GredisCommandEvent
 *
 * Copies @event. The strings and the error are copied too.
 *
 * Returns: (transfer full): a copy, to free with gredis_command_event_free()
 */
GredisCommandEvent *
gredis_command_event_copy (const GredisCommandEvent *event)
{
  GredisCommandEvent *copy;

  g_return_val_if_fail (event != NULL, NULL);

  copy = g_new (GredisCommandEvent, 1);
  *copy = *event;
  copy->name = g_intern_string (event->name);
  copy->server_address = g_intern_string (event->server_address);
  copy->error_type = g_intern_string (event->error_type);
  copy->error = event->error != NULL ? g_error_copy (event->error) : NULL;
  return copy;
}

/**
 * gredis_command_event_free:
 * @event: (transfer full): a #GredisCommandEvent made by
 *   gredis_command_event_copy()
 *
 * Frees @event.
 */
void
gredis_command_event_free (GredisCommandEvent *event)
{
  g_return_if_fail (event != NULL);

  if (event->error != NULL)
    g_error_free ((GError *) event->error);
  g_free (event);
}

G_DEFINE_BOXED_TYPE (GredisCommandEvent, gredis_command_event,
                     gredis_command_event_copy, gredis_command_event_free)

/**
 * gredis_observer_new_for_name:
 * @name: the name of an observer plugin, such as `metrics`
 * @error: return location for a #GError
 *
 * Creates an observer from the plugin registry (see
 * gredis_plugins_lookup()).
 *
 * Returns: (transfer full): a new observer, or %NULL with
 *   %GREDIS_ERROR_PLUGIN_NOT_FOUND
 */
GredisObserver *
gredis_observer_new_for_name (const char  *name,
                              GError     **error)
{
  g_return_val_if_fail (name != NULL, NULL);

  return GREDIS_OBSERVER (gredis_plugins_create (GREDIS_PLUGIN_OBSERVER, name, error));
}
