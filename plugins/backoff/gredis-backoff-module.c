/* gredis-backoff-module.c: the `backoff` plugin module
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>

#include "gredis-backoff-types.h"

/* exponential-jitter is the default policy (DESIGN.md: default retry);
 * the others are chosen by name. */
#define PRIORITY_EXPONENTIAL_JITTER 100
#define PRIORITY_EXPONENTIAL 50
#define PRIORITY_JITTER 40
#define PRIORITY_CONSTANT 20
#define PRIORITY_NONE 10

G_MODULE_EXPORT void    g_io_gredis_backoff_load   (GIOModule *module);
G_MODULE_EXPORT void    g_io_gredis_backoff_unload (GIOModule *module);
G_MODULE_EXPORT char  **g_io_gredis_backoff_query  (void);

G_MODULE_EXPORT void
g_io_gredis_backoff_load (GIOModule *module)
{
  static const struct {
    const char *name;
    GType     (*get_type) (void);
    gint        priority;
  } policies[] = {
    { "none", gredis_no_backoff_get_type, PRIORITY_NONE },
    { "constant", gredis_constant_backoff_get_type, PRIORITY_CONSTANT },
    { "exponential", gredis_exponential_backoff_get_type, PRIORITY_EXPONENTIAL },
    { "full-jitter", gredis_full_jitter_backoff_get_type, PRIORITY_JITTER },
    { "equal-jitter", gredis_equal_jitter_backoff_get_type, PRIORITY_JITTER },
    { "decorrelated-jitter", gredis_decorrelated_jitter_backoff_get_type, PRIORITY_JITTER },
    { "exponential-jitter", gredis_exponential_jitter_backoff_get_type, PRIORITY_EXPONENTIAL_JITTER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (policies); i++)
    gredis_plugin_module_implement (module, GREDIS_PLUGIN_BACKOFF_POLICY,
                                    policies[i].name, policies[i].get_type (),
                                    policies[i].priority);
}

/* The types are static and gredis_plugin_module_implement() keeps the
 * module in use, so it is never unloaded: there is nothing to undo. */
G_MODULE_EXPORT void
g_io_gredis_backoff_unload (GIOModule *module)
{
}

G_MODULE_EXPORT char **
g_io_gredis_backoff_query (void)
{
  char *extension_points[] = { GREDIS_BACKOFF_POLICY_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (extension_points);
}
