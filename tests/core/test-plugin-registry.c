/* test-plugin-registry.c: the plugin registry
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The registry loads once per process, so every case that depends on the
 * environment runs in a subprocess that sets it first.
 */
#include <gredis/gredis.h>
#include <string.h>

#define DUMMY_NAME "test-dummy"

static void
use_only_test_plugins (void)
{
  g_setenv ("GREDIS_PLUGIN_PATH", TEST_PLUGIN_DIR, TRUE);
  g_unsetenv ("GREDIS_USE_BACKOFF");
}

static GredisPluginInfo *
find_in_list (GList      *list,
              const char *name)
{
  for (GList *l = list; l != NULL; l = l->next)
    if (g_str_equal (gredis_plugin_info_get_name (l->data), name))
      return l->data;
  return NULL;
}

static void
test_load_from_path (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisPluginInfo) info = NULL;
      g_autoptr(GredisBackoffPolicy) policy = NULL;
      g_autofree char *base = NULL;

      use_only_test_plugins ();
      info = gredis_plugins_lookup (GREDIS_PLUGIN_BACKOFF_POLICY, DUMMY_NAME, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_plugin_info_get_kind (info), ==, GREDIS_PLUGIN_BACKOFF_POLICY);
      g_assert_cmpint (gredis_plugin_info_get_priority (info), ==, 5000);
      base = g_path_get_basename (gredis_plugin_info_get_filename (info));
      g_assert_cmpstr (base, ==, "libgredis-test-dummy.so");
      g_assert_true (g_type_is_a (gredis_plugin_info_get_gtype (info), GREDIS_TYPE_BACKOFF_POLICY));

      policy = gredis_backoff_policy_new_for_name (DUMMY_NAME, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gredis_backoff_policy_compute (policy, 3), ==, 7003);
      /* The interface's reset is optional. */
      gredis_backoff_policy_reset (policy);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_missing_plugin (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      GredisParser *parser;

      use_only_test_plugins ();
      parser = gredis_parser_new_for_name ("no-such-parser", &error);
      g_assert_null (parser);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PLUGIN_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no-such-parser"));
      g_assert_nonnull (strstr (error->message, "parser"));
      g_assert_nonnull (strstr (error->message, TEST_PLUGIN_DIR));
      g_clear_error (&error);

      /* No pool implementation is in the test directory at all. */
      g_setenv ("GREDIS_PLUGIN_PATH", TEST_PLUGIN_DIR, TRUE);
      g_assert_null (gredis_pool_new_for_name ("nothing-here", &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PLUGIN_NOT_FOUND);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_env_help (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisBackoffPolicy) policy = NULL;

      use_only_test_plugins ();
      g_setenv ("GREDIS_USE_BACKOFF", "help", TRUE);
      /* help lists the names, then the default is used. */
      policy = gredis_backoff_policy_new_for_name (NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (policy);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Supported arguments for GREDIS_USE_BACKOFF environment variable:*");
  g_test_trap_assert_stdout ("*" DUMMY_NAME "*5000*libgredis-test-dummy.so*");
}

static void
test_env_choice (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisBackoffPolicy) policy = NULL;

      use_only_test_plugins ();
      g_setenv ("GREDIS_USE_BACKOFF", "no-such-backoff", TRUE);
      policy = gredis_backoff_policy_new_for_name (NULL, &error);
      g_assert_null (policy);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PLUGIN_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no-such-backoff"));
      g_clear_error (&error);

      g_setenv ("GREDIS_USE_BACKOFF", DUMMY_NAME, TRUE);
      policy = gredis_backoff_policy_new_for_name (NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gredis_backoff_policy_compute (policy, 1), ==, 7001);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* An application's own type, registered under a name. */
#define TEST_TYPE_APP_BACKOFF (test_app_backoff_get_type ())
G_DECLARE_FINAL_TYPE (TestAppBackoff, test_app_backoff, TEST, APP_BACKOFF, GObject)
struct _TestAppBackoff { GObject parent_instance; };
static void app_iface_init (GredisBackoffPolicyInterface *iface);
G_DEFINE_FINAL_TYPE_WITH_CODE (TestAppBackoff, test_app_backoff, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_BACKOFF_POLICY, app_iface_init))
static guint64 app_compute (GredisBackoffPolicy *p, guint failures) { return 42; }
static void app_iface_init (GredisBackoffPolicyInterface *iface) { iface->compute = app_compute; }
static void test_app_backoff_class_init (TestAppBackoffClass *klass) { }
static void test_app_backoff_init (TestAppBackoff *self) { }

static void
test_application_type (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisBackoffPolicy) policy = NULL;
      GList *list;
      GredisPluginInfo *info;

      use_only_test_plugins ();
      gredis_plugins_register_type (GREDIS_PLUGIN_BACKOFF_POLICY, "app", TEST_TYPE_APP_BACKOFF, 10);

      list = gredis_plugins_list (GREDIS_PLUGIN_BACKOFF_POLICY);
      info = find_in_list (list, "app");
      g_assert_nonnull (info);
      g_assert_cmpstr (gredis_plugin_info_get_filename (info), ==, "(application)");
      /* Highest priority first. */
      g_assert_cmpstr (gredis_plugin_info_get_name (list->data), ==, DUMMY_NAME);
      g_list_free_full (list, (GDestroyNotify) gredis_plugin_info_unref);

      policy = gredis_backoff_policy_new_for_name ("app", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gredis_backoff_policy_compute (policy, 1), ==, 42);
      g_clear_object (&policy);

      /* The default is the highest priority; registering above it changes that. */
      policy = gredis_backoff_policy_new_for_name (NULL, &error);
      g_assert_cmpuint (gredis_backoff_policy_compute (policy, 1), ==, 7001);
      g_clear_object (&policy);
      gredis_plugins_register_type (GREDIS_PLUGIN_BACKOFF_POLICY, "app", TEST_TYPE_APP_BACKOFF, 9000);
      policy = gredis_backoff_policy_new_for_name (NULL, &error);
      g_assert_cmpuint (gredis_backoff_policy_compute (policy, 1), ==, 42);
      list = gredis_plugins_list (GREDIS_PLUGIN_BACKOFF_POLICY);
      g_assert_cmpstr (gredis_plugin_info_get_name (list->data), ==, "app");
      g_assert_cmpint (gredis_plugin_info_get_priority (list->data), ==, 9000);
      /* Re-registering replaced the entry rather than adding one. */
      {
        guint n = 0;
        for (GList *l = list; l; l = l->next)
          n += g_str_equal (gredis_plugin_info_get_name (l->data), "app");
        g_assert_cmpuint (n, ==, 1);
      }
      g_list_free_full (list, (GDestroyNotify) gredis_plugin_info_unref);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_wrong_interface (void)
{
  if (g_test_subprocess ())
    {
      use_only_test_plugins ();
      /* A transport name bound to a type that is no transport. */
      gredis_plugins_register_type (GREDIS_PLUGIN_TRANSPORT, "bogus", TEST_TYPE_APP_BACKOFF, 1);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*g_type_is_a*");
}

/* The same directory twice, and empty entries: each module loads once and
 * stays loaded. */
static void
test_duplicate_dirs (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      GList *list;
      guint n = 0;

      g_setenv ("GREDIS_PLUGIN_PATH", ":" TEST_PLUGIN_DIR "::" TEST_PLUGIN_DIR ":/nonexistent", TRUE);
      list = gredis_plugins_list (GREDIS_PLUGIN_BACKOFF_POLICY);
      for (GList *l = list; l; l = l->next)
        n += g_str_equal (gredis_plugin_info_get_name (l->data), DUMMY_NAME);
      g_assert_cmpuint (n, ==, 1);
      g_list_free_full (list, (GDestroyNotify) gredis_plugin_info_unref);

      /* Still usable after the loader has let go of its module list. */
      for (int i = 0; i < 3; i++)
        {
          g_autoptr(GredisBackoffPolicy) p = gredis_backoff_policy_new_for_name (DUMMY_NAME, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (gredis_backoff_policy_compute (p, 0), ==, 7000);
        }
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

static void
test_kind_names (void)
{
  g_assert_cmpstr (gredis_plugin_kind_to_string (GREDIS_PLUGIN_TRANSPORT), ==, "transport");
  g_assert_cmpstr (gredis_plugin_kind_to_string (GREDIS_PLUGIN_PARSER), ==, "parser");
  g_assert_cmpstr (gredis_plugin_kind_to_string (GREDIS_PLUGIN_BACKOFF_POLICY), ==, "backoff");
  g_assert_cmpstr (gredis_plugin_kind_to_string (GREDIS_PLUGIN_POOL), ==, "pool");
  g_assert_cmpstr (gredis_plugin_kind_get_extension_point_name (GREDIS_PLUGIN_PARSER), ==,
                   GREDIS_PARSER_EXTENSION_POINT_NAME);
}

/* Every plugin of the build tree loads and makes working objects. */
static void
test_build_tree_plugins (void)
{
  const char *dir = g_getenv ("GREDIS_TEST_PLUGIN_DIR");

  if (g_test_subprocess ())
    {
      g_setenv ("GREDIS_PLUGIN_PATH", dir, TRUE);
      for (guint k = GREDIS_PLUGIN_TRANSPORT; k <= GREDIS_PLUGIN_OBSERVER; k++)
        {
          GList *list = gredis_plugins_list (k);

          for (GList *l = list; l != NULL; l = l->next)
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(GObject) obj = gredis_plugins_create (k, gredis_plugin_info_get_name (l->data), &error);

              g_assert_no_error (error);
              g_assert_true (G_TYPE_CHECK_INSTANCE_TYPE (obj, gredis_plugin_info_get_gtype (l->data)));
              g_test_message ("%s %s from %s", gredis_plugin_kind_to_string (k),
                              gredis_plugin_info_get_name (l->data),
                              gredis_plugin_info_get_filename (l->data));
            }
          g_list_free_full (list, (GDestroyNotify) gredis_plugin_info_unref);
        }
      return;
    }
  if (dir == NULL)
    {
      g_test_skip ("GREDIS_TEST_PLUGIN_DIR is not set: run this test through meson test");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

/* Plugins linked into the library (-Dbuiltin_plugins=…) are there with no
 * module directory at all. Module names map to one implementation each. */
static void
test_builtin_plugins (void)
{
  static const struct { const char *module; GredisPluginKind kind; const char *name; } modules[] = {
    { "tcp", GREDIS_PLUGIN_TRANSPORT, "tcp" },
    { "unix", GREDIS_PLUGIN_TRANSPORT, "unix" },
    { "tls", GREDIS_PLUGIN_TRANSPORT, "tls" },
    { "gio-tls", GREDIS_PLUGIN_TRANSPORT, "gio-tls" },
    { "resp2", GREDIS_PLUGIN_PARSER, "resp2" },
    { "resp3", GREDIS_PLUGIN_PARSER, "resp3" },
    { "hiredis", GREDIS_PLUGIN_PARSER, "hiredis" },
    { "backoff", GREDIS_PLUGIN_BACKOFF_POLICY, "exponential-jitter" },
  };
  const char *builtin = g_getenv ("GREDIS_TEST_BUILTIN_PLUGINS");

  if (builtin == NULL || *builtin == '\0')
    {
      g_test_skip ("This build links no plugin into the library (-Dbuiltin_plugins is empty)");
      return;
    }
  if (g_test_subprocess ())
    {
      g_auto(GStrv) names = g_strsplit (builtin, ",", -1);

      g_setenv ("GREDIS_PLUGIN_PATH", "/nonexistent", TRUE);
      for (guint i = 0; names[i] != NULL; i++)
        for (gsize m = 0; m < G_N_ELEMENTS (modules); m++)
          if (g_str_equal (names[i], modules[m].module))
            {
              g_autoptr(GError) error = NULL;
              g_autoptr(GredisPluginInfo) info = gredis_plugins_lookup (modules[m].kind, modules[m].name, &error);
              g_autoptr(GObject) obj = NULL;

              g_assert_no_error (error);
              g_assert_cmpstr (gredis_plugin_info_get_filename (info), ==, "(built in)");
              obj = gredis_plugins_create (modules[m].kind, modules[m].name, &error);
              g_assert_no_error (error);
              g_assert_nonnull (obj);
            }
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_INHERIT_STDERR);
  g_test_trap_assert_passed ();
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/plugin-registry/load-from-path", test_load_from_path);
  g_test_add_func ("/plugin-registry/missing-plugin", test_missing_plugin);
  g_test_add_func ("/plugin-registry/env-help", test_env_help);
  g_test_add_func ("/plugin-registry/env-choice", test_env_choice);
  g_test_add_func ("/plugin-registry/application-type", test_application_type);
  g_test_add_func ("/plugin-registry/wrong-interface", test_wrong_interface);
  g_test_add_func ("/plugin-registry/duplicate-dirs", test_duplicate_dirs);
  g_test_add_func ("/plugin-registry/kind-names", test_kind_names);
  g_test_add_func ("/plugin-registry/build-tree-plugins", test_build_tree_plugins);
  g_test_add_func ("/plugin-registry/builtin-plugins", test_builtin_plugins);

  return g_test_run ();
}
