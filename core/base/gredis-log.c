/* gredis-log.c: the library's debug output
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"

/* G_MESSAGES_DEBUG is read once: it names the domains when the program
 * starts. g_log_set_debug_enabled() may turn everything on later, and
 * is checked on every call (an atomic read). */
gboolean
gredis_log_debug_enabled (void)
{
  static gsize initialized;
  static gboolean from_environment;

  if (g_once_init_enter (&initialized))
    {
      from_environment = !g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN);
      g_once_init_leave (&initialized, TRUE);
    }
  return from_environment || g_log_get_debug_enabled ();
}

void
gredis_log_debug (const char *component,
                  const char *file,
                  const char *line,
                  const char *func,
                  const char *format,
                  ...)
{
  g_autofree char *text = NULL;
  g_autofree char *message = NULL;
  va_list args;

  va_start (args, format);
  text = g_strdup_vprintf (format, args);
  va_end (args);
  message = g_strconcat (component, ": ", text, NULL);

  {
    const GLogField fields[] = {
      { "PRIORITY", "7", -1 },
      { "GLIB_DOMAIN", G_LOG_DOMAIN, -1 },
      { "GREDIS_COMPONENT", component, -1 },
      { "CODE_FILE", file, -1 },
      { "CODE_LINE", line, -1 },
      { "CODE_FUNC", func, -1 },
      { "MESSAGE", message, -1 },
    };

    g_log_structured_array (G_LOG_LEVEL_DEBUG, fields, G_N_ELEMENTS (fields));
  }
}
