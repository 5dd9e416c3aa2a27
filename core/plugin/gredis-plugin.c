/* gredis-plugin.c: the plugin registry, on GIO extension points
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-plugin-private.h"

#define N_KINDS (GREDIS_PLUGIN_OBSERVER + 1)

#include <stdio.h>
#include <string.h>
#include <unistd.h>
#ifdef __linux__
#include <sys/auxv.h>
#endif

struct _GredisPluginInfo
{
  gatomicrefcount  ref_count;
  GredisPluginKind kind;
  char            *name;
  GType            gtype;
  gint             priority;
  char            *filename;
};

G_DEFINE_BOXED_TYPE (GredisPluginInfo, gredis_plugin_info,
                     gredis_plugin_info_ref, gredis_plugin_info_unref)

static GMutex registry_lock;
/* GredisPluginInfo for every implementation registered, by kind. */
static GPtrArray *registry[N_KINDS];
/* The directories searched, for error messages and --list-plugins. */
static GPtrArray *searched_dirs;
/* Modules stay loaded for the life of the process. */
static GPtrArray *loaded_modules;
/* The file of the module whose load function runs now (only while the
 * registry loads, under its once-guard). */
static const char *loading_filename;

static const struct {
  const char *extension_point;
  const char *label;
  const char *env;
} kinds[] = {
  [GREDIS_PLUGIN_TRANSPORT] = { GREDIS_TRANSPORT_EXTENSION_POINT_NAME, "transport", "GREDIS_USE_TRANSPORT" },
  [GREDIS_PLUGIN_PARSER] = { GREDIS_PARSER_EXTENSION_POINT_NAME, "parser", "GREDIS_USE_PARSER" },
  [GREDIS_PLUGIN_BACKOFF_POLICY] = { GREDIS_BACKOFF_POLICY_EXTENSION_POINT_NAME, "backoff", "GREDIS_USE_BACKOFF" },
  [GREDIS_PLUGIN_POOL] = { GREDIS_POOL_EXTENSION_POINT_NAME, "pool", "GREDIS_USE_POOL" },
  [GREDIS_PLUGIN_OBSERVER] = { GREDIS_OBSERVER_EXTENSION_POINT_NAME, "observer", "GREDIS_USE_OBSERVER" },
};

/**
 * gredis_plugin_info_ref:
 * @info: a #GredisPluginInfo
 *
 * Takes a reference on @info.
 *
 * Returns: (transfer full): @info
 */
GredisPluginInfo *
gredis_plugin_info_ref (GredisPluginInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  g_atomic_ref_count_inc (&info->ref_count);
  return info;
}

/**
 * gredis_plugin_info_unref:
 * @info: (transfer full): a #GredisPluginInfo
 *
 * Drops a reference to @info.
 */
void
gredis_plugin_info_unref (GredisPluginInfo *info)
{
  g_return_if_fail (info != NULL);
  if (g_atomic_ref_count_dec (&info->ref_count))
    {
      g_free (info->name);
      g_free (info->filename);
      g_free (info);
    }
}

/**
 * gredis_plugin_info_get_kind:
 * @info: a #GredisPluginInfo
 *
 * Gets the interface the plugin implements.
 *
 * Returns: the kind of plugin
 */
GredisPluginKind
gredis_plugin_info_get_kind (GredisPluginInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);
  return info->kind;
}

/**
 * gredis_plugin_info_get_name:
 * @info: a #GredisPluginInfo
 *
 * Gets the name of the implementation.
 *
 * Returns: the name the implementation is chosen by, such as `tcp`
 */
const char *
gredis_plugin_info_get_name (GredisPluginInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->name;
}

/**
 * gredis_plugin_info_get_gtype:
 * @info: a #GredisPluginInfo
 *
 * Gets the type of the implementation.
 *
 * Returns: the #GType of the implementation
 */
GType
gredis_plugin_info_get_gtype (GredisPluginInfo *info)
{
  g_return_val_if_fail (info != NULL, G_TYPE_INVALID);
  return info->gtype;
}

/**
 * gredis_plugin_info_get_priority:
 * @info: a #GredisPluginInfo
 *
 * Gets the priority of the implementation on its extension point.
 *
 * Returns: the priority; the highest is the default of its kind
 */
gint
gredis_plugin_info_get_priority (GredisPluginInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);
  return info->priority;
}

/**
 * gredis_plugin_info_get_filename:
 * @info: a #GredisPluginInfo
 *
 * Gets where the implementation comes from.
 *
 * Returns: the file of the module that provides the implementation,
 *   `(built in)` for plugins linked into the library, or `(application)`
 *   for types registered with gredis_plugins_register_type()
 */
const char *
gredis_plugin_info_get_filename (GredisPluginInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);
  return info->filename;
}

/**
 * gredis_plugin_kind_to_string:
 * @kind: a #GredisPluginKind
 *
 * Gets the short name of @kind, as `gredis-cli --list-plugins` prints it.
 *
 * Returns: a short name of @kind: `transport`, `parser`, `backoff`, `pool`
 *   or `observer`
 */
const char *
gredis_plugin_kind_to_string (GredisPluginKind kind)
{
  g_return_val_if_fail (kind < N_KINDS, NULL);
  return kinds[kind].label;
}

/**
 * gredis_plugin_kind_get_extension_point_name:
 * @kind: a #GredisPluginKind
 *
 * Gets the name of the GIO extension point that implementations of @kind
 * are registered on, such as `gredis-transport`.
 *
 * Returns: the name of the GIO extension point of @kind
 */
const char *
gredis_plugin_kind_get_extension_point_name (GredisPluginKind kind)
{
  g_return_val_if_fail (kind < N_KINDS, NULL);
  return kinds[kind].extension_point;
}

static GType
kind_interface (GredisPluginKind kind)
{
  switch (kind)
    {
    case GREDIS_PLUGIN_TRANSPORT:
      return GREDIS_TYPE_TRANSPORT;
    case GREDIS_PLUGIN_PARSER:
      return GREDIS_TYPE_PARSER;
    case GREDIS_PLUGIN_BACKOFF_POLICY:
      return GREDIS_TYPE_BACKOFF_POLICY;
    case GREDIS_PLUGIN_POOL:
      return GREDIS_TYPE_POOL;
    case GREDIS_PLUGIN_OBSERVER:
      return GREDIS_TYPE_OBSERVER;
    default:
      g_assert_not_reached ();
    }
}

static gboolean
is_setuid (void)
{
#ifdef __linux__
  if (getauxval (AT_SECURE) != 0)
    return TRUE;
#endif
  return getuid () != geteuid () || getgid () != getegid ();
}

/* Once, before any implementation registers: built-in types may
 * register themselves whenever their type is first used. */
static void
register_extension_points (void)
{
  static gsize registered = 0;

  if (!g_once_init_enter (&registered))
    return;
  for (guint k = 0; k < N_KINDS; k++)
    {
      GIOExtensionPoint *ep = g_io_extension_point_register (kinds[k].extension_point);

      g_io_extension_point_set_required_type (ep, kind_interface (k));
      registry[k] = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_plugin_info_unref);
    }
  g_once_init_leave (&registered, 1);
}

static gboolean
is_module_file (const char *name)
{
  return g_str_has_prefix (name, "libgredis-") &&
         g_str_has_suffix (name, "." G_MODULE_SUFFIX);
}

static gint
compare_names (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char **) a, *(const char **) b);
}

/* Loads every libgredis-*.so of @dir whose file name was not loaded from
 * an earlier directory. GIO's own loader is not used because it does not
 * tell which file a type came from; GIOModule still does the loading and
 * calls the module's g_io_<name>_load(). */
static void
load_directory (const char *dir,
                GHashTable *seen)
{
  g_autoptr(GDir) gdir = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  gdir = g_dir_open (dir, 0, NULL);
  if (gdir == NULL)
    {
      GREDIS_DEBUG ("plugin", "Plugin directory %s cannot be read", dir);
      return;
    }
  while ((name = g_dir_read_name (gdir)) != NULL)
    if (is_module_file (name))
      g_ptr_array_add (names, (gpointer) name);
  g_ptr_array_sort (names, compare_names);

  for (guint i = 0; i < names->len; i++)
    {
      const char *base = g_ptr_array_index (names, i);
      g_autofree char *path = NULL;
      GIOModule *module;

      if (g_hash_table_contains (seen, base))
        {
          GREDIS_DEBUG ("plugin", "Skipping %s in %s: already loaded from an earlier directory", base, dir);
          continue;
        }
      path = g_build_filename (dir, base, NULL);
      module = g_io_module_new (path);
      loading_filename = path;
      if (!g_type_module_use (G_TYPE_MODULE (module)))
        {
          /* GIO has already printed why (missing symbol, dlopen error). */
          g_warning ("Plugin module %s could not be loaded", path);
          g_object_unref (module);
        }
      else
        {
          g_hash_table_add (seen, g_strdup (base));
          g_ptr_array_add (loaded_modules, module);
        }
      loading_filename = NULL;
    }
}

static void
load_all (void)
{
  const char *env;
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  gredis_i18n_init ();
  register_extension_points ();
  searched_dirs = g_ptr_array_new_with_free_func (g_free);
  loaded_modules = g_ptr_array_new ();

  /* Plugins linked in, and the built-in types of the core (the pools),
   * which register themselves as their type is registered. */
  _gredis_builtin_plugins_load ();

  env = g_getenv ("GREDIS_PLUGIN_PATH");
  if (env != NULL && *env != '\0')
    {
      if (is_setuid ())
        GREDIS_DEBUG ("plugin", "Ignoring GREDIS_PLUGIN_PATH in a setuid process");
      else
        {
          g_auto(GStrv) dirs = g_strsplit (env, G_SEARCHPATH_SEPARATOR_S, -1);

          for (guint i = 0; dirs[i] != NULL; i++)
            {
              if (*dirs[i] == '\0')
                continue;
              g_ptr_array_add (searched_dirs, g_strdup (dirs[i]));
              load_directory (dirs[i], seen);
            }
        }
    }

  g_ptr_array_add (searched_dirs, g_strdup (GREDIS_PLUGINSDIR));
  load_directory (GREDIS_PLUGINSDIR, seen);
}

/**
 * gredis_plugins_load:
 *
 * Loads the plugins: those linked into the library, then the modules in
 * the directories of `GREDIS_PLUGIN_PATH` (a colon-separated list, ignored
 * in setuid processes), then those in the installed plugin directory.
 * Modules stay loaded. Calling it again does nothing; every function
 * that needs plugins calls it.
 */
void
gredis_plugins_load (void)
{
  static gsize loaded = 0;

  if (g_once_init_enter (&loaded))
    {
      load_all ();
      g_once_init_leave (&loaded, 1);
    }
}

static void
implement (GIOModule        *module,
           GredisPluginKind  kind,
           const char       *name,
           GType             type,
           gint              priority,
           const char       *filename)
{
  GredisPluginInfo *info;

  g_return_if_fail (kind < N_KINDS);
  g_return_if_fail (name != NULL && *name != '\0');
  g_return_if_fail (g_type_is_a (type, kind_interface (kind)));

  register_extension_points ();
  g_io_extension_point_implement (kinds[kind].extension_point, type, name, priority);

  info = g_new0 (GredisPluginInfo, 1);
  g_atomic_ref_count_init (&info->ref_count);
  info->kind = kind;
  info->name = g_strdup (name);
  info->gtype = type;
  info->priority = priority;
  info->filename = g_strdup (filename);

  g_mutex_lock (&registry_lock);
  for (guint i = 0; i < registry[kind]->len; i++)
    {
      GredisPluginInfo *old = g_ptr_array_index (registry[kind], i);

      if (g_str_equal (old->name, name))
        {
          g_ptr_array_remove_index (registry[kind], i);
          break;
        }
    }
  g_ptr_array_add (registry[kind], info);
  g_mutex_unlock (&registry_lock);
}

/**
 * gredis_plugin_module_implement:
 * @module: (nullable): the module being loaded, or %NULL when the plugin
 *   is linked into the library
 * @kind: the kind of plugin
 * @name: the name to choose it by
 * @type: the #GType, which implements the interface of @kind
 * @priority: the priority; the highest of a kind is its default
 *
 * Registers an implementation. Plugin modules call this from their
 * `g_io_gredis_<name>_load()` function. Modules stay loaded
 * for the life of the process, as types registered statically require
 * (the registry never unloads a module).
 */
void
gredis_plugin_module_implement (GIOModule        *module,
                                GredisPluginKind  kind,
                                const char       *name,
                                GType             type,
                                gint              priority)
{
  const char *filename = "(built in)";

  if (module != NULL)
    filename = loading_filename != NULL ? loading_filename : "(unknown module)";
  implement (module, kind, name, type, priority, filename);
}

/**
 * gredis_plugins_register_type:
 * @kind: the kind of plugin
 * @name: the name to choose it by
 * @type: a #GType that implements the interface of @kind (a class of a
 *   language binding is fine)
 * @priority: the priority; the highest of a kind is its default
 *
 * Registers an application's own implementation under @name, so that
 * configuration can choose it like a plugin. A later registration under
 * the same name replaces an earlier one in gredis_plugins_lookup().
 */
void
gredis_plugins_register_type (GredisPluginKind  kind,
                              const char       *name,
                              GType             type,
                              gint              priority)
{
  gredis_plugins_load ();
  implement (NULL, kind, name, type, priority, "(application)");
}

static gpointer
copy_info (gconstpointer src,
           gpointer      user_data)
{
  return gredis_plugin_info_ref ((GredisPluginInfo *) src);
}

static gint
compare_priority (gconstpointer a,
                  gconstpointer b)
{
  const GredisPluginInfo *ia = *(GredisPluginInfo **) a;
  const GredisPluginInfo *ib = *(GredisPluginInfo **) b;

  if (ia->priority != ib->priority)
    return ib->priority - ia->priority;
  return strcmp (ia->name, ib->name);
}

/**
 * gredis_plugins_list:
 * @kind: the kind of plugin
 *
 * Lists the implementations of @kind, highest priority first.
 *
 * Returns: (transfer full) (element-type GredisPluginInfo): the list
 */
GList *
gredis_plugins_list (GredisPluginKind kind)
{
  g_autoptr(GPtrArray) sorted = NULL;
  GList *list = NULL;

  g_return_val_if_fail (kind < N_KINDS, NULL);

  gredis_plugins_load ();

  g_mutex_lock (&registry_lock);
  sorted = g_ptr_array_copy (registry[kind], copy_info, NULL);
  g_mutex_unlock (&registry_lock);
  /* The copy took the free function too; the list owns the references. */
  g_ptr_array_set_free_func (sorted, NULL);

  g_ptr_array_sort (sorted, compare_priority);
  for (guint i = sorted->len; i > 0; i--)
    list = g_list_prepend (list, g_ptr_array_index (sorted, i - 1));
  return list;
}

static void
print_help (GredisPluginKind kind)
{
  GList *list = gredis_plugins_list (kind);

  /* Like GIO_USE_VFS=help: a list on standard output, then on with the
   * default. */
  g_print ("Supported arguments for %s environment variable:\n", kinds[kind].env);
  for (GList *l = list; l != NULL; l = l->next)
    {
      GredisPluginInfo *info = l->data;
      g_print (" %10s - %d - %s\n", info->name, info->priority, info->filename);
    }
  g_list_free_full (list, (GDestroyNotify) gredis_plugin_info_unref);
}

char *
_gredis_plugins_describe_search_path (void)
{
  GString *s = g_string_new (NULL);

  gredis_plugins_load ();
  for (guint i = 0; i < searched_dirs->len; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, g_ptr_array_index (searched_dirs, i));
    }
  return g_string_free (s, FALSE);
}

/**
 * gredis_plugins_lookup:
 * @kind: the kind of plugin
 * @name: (nullable): the name of the implementation, or %NULL for the
 *   default
 * @error: return location for a #GError
 *
 * Finds an implementation. With @name %NULL, the environment variable
 * `GREDIS_USE_TRANSPORT`, `GREDIS_USE_PARSER`, `GREDIS_USE_BACKOFF`,
 * `GREDIS_USE_POOL` or `GREDIS_USE_OBSERVER` names it (the value `help`
 * prints the names available),
 * and failing that the implementation with the highest priority is used.
 *
 * Returns: (transfer full): the implementation, or %NULL with
 *   %GREDIS_ERROR_PLUGIN_NOT_FOUND, whose message names the plugin and the
 *   directories searched
 */
GredisPluginInfo *
gredis_plugins_lookup (GredisPluginKind   kind,
                       const char        *name,
                       GError           **error)
{
  GredisPluginInfo *found = NULL;

  g_return_val_if_fail (kind < N_KINDS, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  gredis_plugins_load ();

  if (name == NULL)
    {
      name = g_getenv (kinds[kind].env);
      if (name != NULL && (*name == '\0'))
        name = NULL;
      if (name != NULL && g_str_equal (name, "help"))
        {
          print_help (kind);
          name = NULL;
        }
    }

  g_mutex_lock (&registry_lock);
  for (guint i = 0; i < registry[kind]->len; i++)
    {
      GredisPluginInfo *info = g_ptr_array_index (registry[kind], i);

      if (name != NULL ? g_str_equal (info->name, name)
                       : (found == NULL || compare_priority (&info, &found) < 0))
        found = info;
    }
  if (found != NULL)
    gredis_plugin_info_ref (found);
  g_mutex_unlock (&registry_lock);

  if (found == NULL)
    {
      g_autofree char *dirs = _gredis_plugins_describe_search_path ();

      if (name != NULL)
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_PLUGIN_NOT_FOUND,
                     /* Translators: the first %s is a kind of plugin
                      * (transport, parser, backoff or pool), the second
                      * its name, the third a list of directories. */
                     _("No %s plugin named “%s” was found (searched the built-in plugins and %s)."),
                     kinds[kind].label, name, dirs);
      else
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_PLUGIN_NOT_FOUND,
                     /* Translators: %s is a kind of plugin, then a list
                      * of directories. */
                     _("No %s plugin is available (searched the built-in plugins and %s)."),
                     kinds[kind].label, dirs);
    }
  return found;
}

/**
 * gredis_plugins_create:
 * @kind: the kind of plugin
 * @name: (nullable): the name of the implementation, or %NULL for the
 *   default (see gredis_plugins_lookup())
 * @error: return location for a #GError
 *
 * Creates a new instance of an implementation, with default properties.
 *
 * Returns: (transfer full): the new object, or %NULL with an error
 */
GObject *
gredis_plugins_create (GredisPluginKind   kind,
                       const char        *name,
                       GError           **error)
{
  g_autoptr(GredisPluginInfo) info = gredis_plugins_lookup (kind, name, error);

  if (info == NULL)
    return NULL;
  return g_object_new (info->gtype, NULL);
}
