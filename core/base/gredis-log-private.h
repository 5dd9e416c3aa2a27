/* gredis-log-private.h: the library's debug output
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Everything the library and its plugins log is in the one domain
 * "Gredis" (G_LOG_DOMAIN), so that G_MESSAGES_DEBUG=Gredis shows the
 * whole path of a command; GLib shows a domain when its name appears in
 * that variable, and "Gredis" does not contain "Gredis-transport", so
 * sub-domains would each need naming. Which part of
 * the library speaks is in the GREDIS_COMPONENT field, and at the start
 * of the message for the terminal: "connection: …". See
 * docs/debugging.md.
 *
 * GREDIS_DEBUG() formats nothing unless debug output is on for the
 * domain (g_log_writer_default_would_drop(), as GLib documents for
 * messages that cost something to make); the test itself is a call,
 * so the connection's per-command paths keep its answer in a field
 * instead. Never pass it a password or a command's arguments: a
 * command is named by its first word only. */

gboolean gredis_log_debug_enabled (void);

void     gredis_log_debug         (const char *component,
                                   const char *file,
                                   const char *line,
                                   const char *func,
                                   const char *format,
                                   ...) G_GNUC_PRINTF (5, 6);

#define GREDIS_DEBUG(component, ...)                                          \
  G_STMT_START {                                                              \
    if (G_UNLIKELY (gredis_log_debug_enabled ()))                             \
      gredis_log_debug ((component), __FILE__, G_STRINGIFY (__LINE__),       \
                        G_STRFUNC, __VA_ARGS__);                              \
  } G_STMT_END

G_END_DECLS
