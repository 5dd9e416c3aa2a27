/* gredis-service-notify.h: the service manager's notification protocol
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Thin wrappers over libsystemd's sd_notify(); without libsystemd (the
 * `systemd` build option) they do nothing.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

void    gredis_service_notify_ready    (const char *status);
void    gredis_service_notify_status   (const char *status);
void    gredis_service_notify_stopping (void);
void    gredis_service_notify_watchdog (void);
guint64 gredis_service_notify_get_watchdog_usec (void);

G_END_DECLS
