/* gredis-tcp-module.c: the tcp transport plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "gredis-tcp-transport.h"

G_MODULE_EXPORT void   g_io_gredis_tcp_load   (GIOModule *module);
G_MODULE_EXPORT void   g_io_gredis_tcp_unload (GIOModule *module);
G_MODULE_EXPORT char **g_io_gredis_tcp_query  (void);

/* tcp is the default transport: the highest priority of its kind. */
#define TCP_PRIORITY 100

G_MODULE_EXPORT void
g_io_gredis_tcp_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_TRANSPORT, "tcp",
                                  GREDIS_TYPE_TCP_TRANSPORT, TCP_PRIORITY);
}

G_MODULE_EXPORT void
g_io_gredis_tcp_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_gredis_tcp_query (void)
{
  char *eps[] = { (char *) GREDIS_TRANSPORT_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (eps);
}
