/* gredis-hiredis-module.c: the module that registers the "hiredis" parser
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "gredis-hiredis-parser.h"

/* Exported for GIO; declared here to keep -Wmissing-prototypes quiet. */
G_MODULE_EXPORT void   g_io_gredis_hiredis_load   (GIOModule *module);
G_MODULE_EXPORT void   g_io_gredis_hiredis_unload (GIOModule *module);
G_MODULE_EXPORT char **g_io_gredis_hiredis_query  (void);

G_MODULE_EXPORT void
g_io_gredis_hiredis_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_PARSER, "hiredis",
                                  GREDIS_TYPE_HIREDIS_PARSER, 100);
}

G_MODULE_EXPORT void
g_io_gredis_hiredis_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_gredis_hiredis_query (void)
{
  const char *extension_points[] = { GREDIS_PARSER_EXTENSION_POINT_NAME, NULL };

  return g_strdupv ((char **) extension_points);
}
