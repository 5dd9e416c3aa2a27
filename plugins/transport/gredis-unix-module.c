/* gredis-unix-module.c: the unix transport plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "gredis-unix-transport.h"

G_MODULE_EXPORT void   g_io_gredis_unix_load   (GIOModule *module);
G_MODULE_EXPORT void   g_io_gredis_unix_unload (GIOModule *module);
G_MODULE_EXPORT char **g_io_gredis_unix_query  (void);

/* Unix sockets are chosen by address, never by default. */
#define UNIX_PRIORITY 10

G_MODULE_EXPORT void
g_io_gredis_unix_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_TRANSPORT, "unix",
                                  GREDIS_TYPE_UNIX_TRANSPORT, UNIX_PRIORITY);
}

G_MODULE_EXPORT void
g_io_gredis_unix_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_gredis_unix_query (void)
{
  char *eps[] = { (char *) GREDIS_TRANSPORT_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (eps);
}
