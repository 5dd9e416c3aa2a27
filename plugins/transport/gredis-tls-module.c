/* gredis-tls-module.c: the tls transport plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "gredis-tls-transport.h"

G_MODULE_EXPORT void   g_io_gredis_tls_load   (GIOModule *module);
G_MODULE_EXPORT void   g_io_gredis_tls_unload (GIOModule *module);
G_MODULE_EXPORT char **g_io_gredis_tls_query  (void);

/* Below tcp: TLS is chosen by rediss:// or by name. Above gio-tls. */
#define TLS_PRIORITY 50

G_MODULE_EXPORT void
g_io_gredis_tls_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_TRANSPORT, "tls",
                                  GREDIS_TYPE_TLS_TRANSPORT, TLS_PRIORITY);
}

G_MODULE_EXPORT void
g_io_gredis_tls_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_gredis_tls_query (void)
{
  char *eps[] = { (char *) GREDIS_TRANSPORT_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (eps);
}
