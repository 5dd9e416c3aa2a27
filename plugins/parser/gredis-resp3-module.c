/* gredis-resp3-module.c: the module that registers the "resp3" parser
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "gredis-resp3-parser.h"

/* Exported for GIO; declared here to keep -Wmissing-prototypes quiet. */
G_MODULE_EXPORT void   g_io_gredis_resp3_load   (GIOModule *module);
G_MODULE_EXPORT void   g_io_gredis_resp3_unload (GIOModule *module);
G_MODULE_EXPORT char **g_io_gredis_resp3_query  (void);

G_MODULE_EXPORT void
g_io_gredis_resp3_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_PARSER, "resp3",
                                  GREDIS_TYPE_RESP3_PARSER, 300);
}

G_MODULE_EXPORT void
g_io_gredis_resp3_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_gredis_resp3_query (void)
{
  const char *extension_points[] = { GREDIS_PARSER_EXTENSION_POINT_NAME, NULL };

  return g_strdupv ((char **) extension_points);
}
