/* gredis-sysprof-observer.c: the `sysprof` observer, marks in the
 * Sysprof timeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>
#include <sysprof-capture.h>
#include <unistd.h>

#include "gredis-sysprof-observer.h"

/* GredisSysprofObserver: a mark per command (its name as the mark's
 * name, its server, and its error, as the message) and per connection
 * event, in the group `Redis`, so that a GNOME developer sees Redis calls
 * in Sysprof's timeline beside the main loop's marks.
 *
 * Marks go to Sysprof through libsysprof-capture's collector, which
 * sends them when the process runs under Sysprof (SYSPROF_CONTROL_FD)
 * and drops them otherwise, at almost no cost. When the environment
 * variable GREDIS_SYSPROF_CAPTURE names a file, they are written there
 * instead, as a capture Sysprof opens (tests read it back). */
struct _GredisSysprofObserver
{
  GObject parent_instance;
};

#define GROUP "Redis"

static void gredis_sysprof_observer_observer_init (GredisObserverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisSysprofObserver, gredis_sysprof_observer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_OBSERVER,
                                                      gredis_sysprof_observer_observer_init))

/* The capture file of GREDIS_SYSPROF_CAPTURE, shared by every observer
 * of the process (a writer is not thread-safe: under the lock). */
static GMutex writer_lock;
static SysprofCaptureWriter *writer;
static guint n_observers;

static void
mark (gint64      start_us,
      gint64      duration_us,
      const char *name,
      const char *message)
{
  gint64 time = start_us * 1000;    /* g_get_monotonic_time()'s clock, in ns */
  gint64 duration = MAX (duration_us, 0) * 1000;

  if (G_LIKELY (writer == NULL))
    {
      sysprof_collector_mark (time, duration, GROUP, name, message);
      return;
    }
  g_mutex_lock (&writer_lock);
  if (writer != NULL)
    sysprof_capture_writer_add_mark (writer, time, -1, getpid (), (guint64) duration, GROUP, name,
                                     message);
  g_mutex_unlock (&writer_lock);
}

static char *
server_text (const char *address,
             guint       port)
{
  if (address == NULL)
    return g_strdup ("?");
  if (port == 0)
    return g_strdup (address);
  return g_strdup_printf ("%s:%u", address, port);
}

static void
command_finished (GredisObserver           *observer,
                  const GredisCommandEvent *event)
{
  g_autofree char *server = server_text (event->server_address, event->server_port);
  g_autofree char *message = NULL;

  if (event->error_type != NULL)
    message = g_strdup_printf ("%s %s", server, event->error_type);
  else if (event->batch_size > 1)
    message = g_strdup_printf ("%s (pipeline of %u)", server, event->batch_size);
  mark (event->start_time, event->duration, event->name, message != NULL ? message : server);
}

static void
connection_created (GredisObserver *observer,
                    const char     *server_address,
                    guint           server_port,
                    gint64          create_time)
{
  g_autofree char *server = server_text (server_address, server_port);
  gint64 now = g_get_monotonic_time ();

  mark (now - create_time, create_time, "connect", server);
}

static void
connection_closed (GredisObserver *observer,
                   const char     *server_address,
                   guint           server_port,
                   const GError   *error)
{
  g_autofree char *server = server_text (server_address, server_port);
  g_autofree char *message = g_strdup_printf ("%s%s%s", server, error != NULL ? ": " : "",
                                              error != NULL ? error->message : "");

  mark (g_get_monotonic_time (), 0, "close", message);
}

static void
connection_waited (GredisObserver *observer,
                   gint64          wait_time,
                   gboolean        timed_out)
{
  mark (g_get_monotonic_time () - wait_time, wait_time, "pool wait",
        timed_out ? "timed out" : "");
}

static void
retry_decided (GredisObserver *observer,
               const char     *name,
               guint           attempt,
               gint64          delay,
               const GError   *error)
{
  g_autofree char *message = g_strdup_printf ("%s, attempt %u", name, attempt);

  mark (g_get_monotonic_time (), delay, "retry", message);
}

static void
redirect_followed (GredisObserver *observer,
                   const char     *kind,
                   guint           slot,
                   const char     *server_address,
                   guint           server_port)
{
  g_autofree char *server = server_text (server_address, server_port);
  g_autofree char *message = g_strdup_printf ("slot %u to %s", slot, server);

  mark (g_get_monotonic_time (), 0, kind, message);
}

static void
topology_changed (GredisObserver *observer,
                  guint           changes)
{
  mark (g_get_monotonic_time (), 0, "topology", "");
}

static void
cache_invalidated (GredisObserver *observer,
                   guint           n_keys)
{
  g_autofree char *message = NULL;

  if (n_keys == 0)
    message = g_strdup ("all keys");
  else
    message = g_strdup_printf ("%u keys", n_keys);
  mark (g_get_monotonic_time (), 0, "cache invalidation", message);
}

static void
gredis_sysprof_observer_observer_init (GredisObserverInterface *iface)
{
  iface->command_finished = command_finished;
  iface->connection_created = connection_created;
  iface->connection_closed = connection_closed;
  iface->connection_waited = connection_waited;
  iface->retry_decided = retry_decided;
  iface->redirect_followed = redirect_followed;
  iface->topology_changed = topology_changed;
  iface->cache_invalidated = cache_invalidated;
}

static void
gredis_sysprof_observer_finalize (GObject *object)
{
  g_mutex_lock (&writer_lock);
  if (--n_observers == 0 && writer != NULL)
    {
      /* The capture is complete whenever no observer is left. */
      sysprof_capture_writer_flush (writer);
      g_clear_pointer (&writer, sysprof_capture_writer_unref);
    }
  g_mutex_unlock (&writer_lock);

  G_OBJECT_CLASS (gredis_sysprof_observer_parent_class)->finalize (object);
}

static void
gredis_sysprof_observer_class_init (GredisSysprofObserverClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = gredis_sysprof_observer_finalize;
}

static void
gredis_sysprof_observer_init (GredisSysprofObserver *self)
{
  const char *file = g_getenv ("GREDIS_SYSPROF_CAPTURE");

  g_mutex_lock (&writer_lock);
  n_observers++;
  if (writer == NULL && file != NULL && *file != '\0')
    {
      writer = sysprof_capture_writer_new (file, 0);
      if (writer == NULL)
        g_warning ("Cannot write the Sysprof capture %s", file);
    }
  g_mutex_unlock (&writer_lock);
}
