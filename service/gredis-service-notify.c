/* gredis-service-notify.c: the service manager's notification protocol
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include "gredis-service-notify.h"

#ifdef GREDIS_SERVICE_HAVE_SYSTEMD
#include <systemd/sd-daemon.h>

static void
notify (const char *state)
{
  int r = sd_notify (0, state);

  if (r < 0)
    g_debug ("sd_notify failed: %s", g_strerror (-r));
}

static void
notify_with_status (const char *head,
                    const char *status)
{
  g_autofree char *state = g_strdup_printf ("%s%sSTATUS=%s", head, head[0] != '\0' ? "\n" : "",
                                            status);
  notify (state);
}
#endif

/* READY=1, once the service first reached Redis. */
void
gredis_service_notify_ready (const char *status)
{
#ifdef GREDIS_SERVICE_HAVE_SYSTEMD
  notify_with_status ("READY=1", status);
#endif
}

/* STATUS=, a line for `systemctl status`. */
void
gredis_service_notify_status (const char *status)
{
#ifdef GREDIS_SERVICE_HAVE_SYSTEMD
  notify_with_status ("", status);
#endif
}

void
gredis_service_notify_stopping (void)
{
#ifdef GREDIS_SERVICE_HAVE_SYSTEMD
  notify ("STOPPING=1");
#endif
}

/* WATCHDOG=1: only sent after Redis answered. */
void
gredis_service_notify_watchdog (void)
{
#ifdef GREDIS_SERVICE_HAVE_SYSTEMD
  notify ("WATCHDOG=1");
#endif
}

/* The watchdog period the manager asked for (WatchdogSec=), or 0. */
guint64
gredis_service_notify_get_watchdog_usec (void)
{
#ifdef GREDIS_SERVICE_HAVE_SYSTEMD
  uint64_t usec = 0;

  if (sd_watchdog_enabled (0, &usec) > 0)
    return usec;
#endif
  return 0;
}
