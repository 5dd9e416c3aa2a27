/* gredis-observers-private.h: the observers of one client, as the
 * layers below it call them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* The observers #GredisConfig:observe chose for one client, made once
 * (by its router) and shared, read-only, by every connection the client
 * uses. Code on the command path holds a pointer that is NULL when none
 * was chosen, and tests it once per command: that is all observation
 * costs when it is off. Thread-safe; reference-counted. */
typedef struct _GredisObservers GredisObservers;

/* From the comma-separated list of observer plugin names of @config's
 * `observe` key, each configured from @config
 * (gredis_config_apply_to_plugin()): NULL (no error) when it names none,
 * NULL with the error when a plugin is missing or refuses an option. */
GredisObservers *_gredis_observers_new_for_config (GredisConfig    *config,
                                                   GError         **error);
GredisObservers *_gredis_observers_ref           (GredisObservers  *observers);
void             _gredis_observers_unref         (GredisObservers  *observers);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisObservers, _gredis_observers_unref)

/* The first observer of @type (or a subtype), or NULL; borrowed. */
GredisObserver  *_gredis_observers_find          (GredisObservers  *observers,
                                                  GType             type);
/* Whether one of them wants command_started. */
gboolean         _gredis_observers_want_started  (GredisObservers  *observers);

/* A command name for events: @name (@length bytes) in capitals, interned
 * ("UNKNOWN" for an empty or overlong one). */
const char      *_gredis_observers_intern_name   (const char       *name,
                                                  gsize             length);
/* The name of @n_commands commands sent together, by OpenTelemetry's
 * rule for batches: the name of the one command; `BATCH ` and the name
 * (@name, @length bytes) shared by all of them; `BATCH` when @name is
 * NULL (their names differ). Interned. */
const char      *_gredis_observers_batch_name    (const char       *name,
                                                  gsize             length,
                                                  guint             n_commands);
/* OpenTelemetry's error.type of @error: see GredisCommandEvent. Static
 * or interned. */
const char      *_gredis_observers_error_type    (const GError     *error);

/* Each calls the vfunc of every observer that has it. */
void _gredis_observers_command_started    (GredisObservers          *observers,
                                           const GredisCommandEvent *event);
void _gredis_observers_command_finished   (GredisObservers          *observers,
                                           const GredisCommandEvent *event);
void _gredis_observers_connection_created (GredisObservers          *observers,
                                           const char               *server_address,
                                           guint                     server_port,
                                           gint64                    create_time);
void _gredis_observers_connection_closed  (GredisObservers          *observers,
                                           const char               *server_address,
                                           guint                     server_port,
                                           const GError             *error);
void _gredis_observers_connection_waited  (GredisObservers          *observers,
                                           gint64                    wait_time,
                                           gboolean                  timed_out);
/* A wait for the pool that began at @wait_start (g_get_monotonic_time())
 * ended now, with @error or a connection: connection_waited, timed out
 * when the pool was exhausted or the wait timed out. */
void _gredis_observers_pool_waited        (GredisObservers          *observers,
                                           gint64                    wait_start,
                                           const GError             *error);
void _gredis_observers_retry_decided      (GredisObservers          *observers,
                                           const char               *name,
                                           guint                     attempt,
                                           gint64                    delay,
                                           const GError             *error);
void _gredis_observers_redirect_followed  (GredisObservers          *observers,
                                           const char               *kind,
                                           guint                     slot,
                                           const char               *server_address,
                                           guint                     server_port);
void _gredis_observers_topology_changed   (GredisObservers          *observers,
                                           guint                     changes);
void _gredis_observers_pubsub_message     (GredisObservers          *observers,
                                           const char               *kind,
                                           const char               *channel,
                                           gsize                     size);
void _gredis_observers_cache_hit          (GredisObservers          *observers,
                                           const char               *name);
void _gredis_observers_cache_miss         (GredisObservers          *observers,
                                           const char               *name);
void _gredis_observers_cache_invalidated  (GredisObservers          *observers,
                                           guint                     n_keys);

/* For tests: how many command events were built since the process
 * started (none may be while no observer is chosen); exact while one
 * thread at a time builds them. */
guint64 _gredis_observers_get_n_command_events (void);

G_END_DECLS
