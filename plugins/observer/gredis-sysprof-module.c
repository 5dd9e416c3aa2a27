/* gredis-sysprof-module.c: the `sysprof` observer plugin module
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "gredis-sysprof-observer.h"

G_MODULE_EXPORT void    g_io_gredis_sysprof_load   (GIOModule *module);
G_MODULE_EXPORT void    g_io_gredis_sysprof_unload (GIOModule *module);
G_MODULE_EXPORT char  **g_io_gredis_sysprof_query  (void);

G_MODULE_EXPORT void
g_io_gredis_sysprof_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_OBSERVER, "sysprof",
                                  gredis_sysprof_observer_get_type (), 0);
}

/* The module is never unloaded (see gredis_plugin_module_implement()). */
G_MODULE_EXPORT void
g_io_gredis_sysprof_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_gredis_sysprof_query (void)
{
  char *extension_points[] = { GREDIS_OBSERVER_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (extension_points);
}
