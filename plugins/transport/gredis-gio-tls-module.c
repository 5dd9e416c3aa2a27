/* gredis-gio-tls-module.c: the gio-tls transport plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "gredis-gio-tls-transport.h"

G_MODULE_EXPORT void   g_io_gredis_gio_tls_load   (GIOModule *module);
G_MODULE_EXPORT void   g_io_gredis_gio_tls_unload (GIOModule *module);
G_MODULE_EXPORT char **g_io_gredis_gio_tls_query  (void);

/* Below the OpenSSL tls transport, which rediss:// picks by default. */
#define GIO_TLS_PRIORITY 40

G_MODULE_EXPORT void
g_io_gredis_gio_tls_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_TRANSPORT, "gio-tls",
                                  GREDIS_TYPE_GIO_TLS_TRANSPORT, GIO_TLS_PRIORITY);
}

G_MODULE_EXPORT void
g_io_gredis_gio_tls_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_gredis_gio_tls_query (void)
{
  char *eps[] = { (char *) GREDIS_TRANSPORT_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (eps);
}
