/* gredis-plugin.h: the plugin registry
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>

G_BEGIN_DECLS

/**
 * GredisPluginKind:
 * @GREDIS_PLUGIN_TRANSPORT: implementations of #GredisTransport.
 * @GREDIS_PLUGIN_PARSER: implementations of #GredisParser.
 * @GREDIS_PLUGIN_BACKOFF_POLICY: implementations of #GredisBackoffPolicy.
 * @GREDIS_PLUGIN_POOL: implementations of #GredisPool.
 * @GREDIS_PLUGIN_OBSERVER: implementations of #GredisObserver (several
 *   may be chosen at once, see #GredisConfig:observe).
 *
 * The kinds of plugins, one for each extension point.
 */
typedef enum {
  GREDIS_PLUGIN_TRANSPORT,
  GREDIS_PLUGIN_PARSER,
  GREDIS_PLUGIN_BACKOFF_POLICY,
  GREDIS_PLUGIN_POOL,
  GREDIS_PLUGIN_OBSERVER,
} GredisPluginKind;

#define GREDIS_TYPE_PLUGIN_INFO (gredis_plugin_info_get_type ())

/**
 * GredisPluginInfo:
 *
 * What the registry knows of one implementation: its kind, name, GType,
 * priority and the file it came from.
 */
typedef struct _GredisPluginInfo GredisPluginInfo;

GREDIS_AVAILABLE_IN_ALL
GType             gredis_plugin_info_get_type      (void) G_GNUC_CONST;
GREDIS_AVAILABLE_IN_ALL
GredisPluginInfo *gredis_plugin_info_ref           (GredisPluginInfo *info);
GREDIS_AVAILABLE_IN_ALL
void              gredis_plugin_info_unref         (GredisPluginInfo *info);
GREDIS_AVAILABLE_IN_ALL
GredisPluginKind  gredis_plugin_info_get_kind      (GredisPluginInfo *info);
GREDIS_AVAILABLE_IN_ALL
const char       *gredis_plugin_info_get_name      (GredisPluginInfo *info);
GREDIS_AVAILABLE_IN_ALL
GType             gredis_plugin_info_get_gtype     (GredisPluginInfo *info);
GREDIS_AVAILABLE_IN_ALL
gint              gredis_plugin_info_get_priority  (GredisPluginInfo *info);
GREDIS_AVAILABLE_IN_ALL
const char       *gredis_plugin_info_get_filename  (GredisPluginInfo *info);

GREDIS_AVAILABLE_IN_ALL
const char       *gredis_plugin_kind_to_string     (GredisPluginKind  kind);
GREDIS_AVAILABLE_IN_ALL
const char       *gredis_plugin_kind_get_extension_point_name (GredisPluginKind kind);

GREDIS_AVAILABLE_IN_ALL
void              gredis_plugins_load              (void);
GREDIS_AVAILABLE_IN_ALL
GList            *gredis_plugins_list              (GredisPluginKind  kind);
GREDIS_AVAILABLE_IN_ALL
GredisPluginInfo *gredis_plugins_lookup            (GredisPluginKind  kind,
                                                    const char       *name,
                                                    GError          **error);
GREDIS_AVAILABLE_IN_ALL
GObject          *gredis_plugins_create            (GredisPluginKind  kind,
                                                    const char       *name,
                                                    GError          **error);
GREDIS_AVAILABLE_IN_ALL
void              gredis_plugins_register_type     (GredisPluginKind  kind,
                                                    const char       *name,
                                                    GType             type,
                                                    gint              priority);

/* For plugin modules: call from g_io_<module>_load(). */
GREDIS_AVAILABLE_IN_ALL
void              gredis_plugin_module_implement   (GIOModule        *module,
                                                    GredisPluginKind  kind,
                                                    const char       *name,
                                                    GType             type,
                                                    gint              priority);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisPluginInfo, gredis_plugin_info_unref)

G_END_DECLS
