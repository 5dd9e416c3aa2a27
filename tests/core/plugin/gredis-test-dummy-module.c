/* gredis-test-dummy-module.c: a plugin module for the registry tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A third-party plugin as any would be written: public headers only.
 */
#include <gredis/gredis.h>

#define TEST_TYPE_DUMMY_BACKOFF (test_dummy_backoff_get_type ())
G_DECLARE_FINAL_TYPE (TestDummyBackoff, test_dummy_backoff, TEST, DUMMY_BACKOFF, GObject)

struct _TestDummyBackoff
{
  GObject parent_instance;
  guint n_resets;
};

static void test_dummy_backoff_iface_init (GredisBackoffPolicyInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestDummyBackoff, test_dummy_backoff, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_BACKOFF_POLICY,
                                                      test_dummy_backoff_iface_init))

static guint64
test_dummy_backoff_compute (GredisBackoffPolicy *policy,
                            guint                failures)
{
  return 7000 + failures;
}

static void
test_dummy_backoff_iface_init (GredisBackoffPolicyInterface *iface)
{
  iface->compute = test_dummy_backoff_compute;
}

static void
test_dummy_backoff_class_init (TestDummyBackoffClass *klass)
{
}

static void
test_dummy_backoff_init (TestDummyBackoff *self)
{
}

G_MODULE_EXPORT void g_io_gredis_test_dummy_load (GIOModule *module);
G_MODULE_EXPORT void g_io_gredis_test_dummy_unload (GIOModule *module);
G_MODULE_EXPORT char **g_io_gredis_test_dummy_query (void);

void
g_io_gredis_test_dummy_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_BACKOFF_POLICY, "test-dummy",
                                  TEST_TYPE_DUMMY_BACKOFF, 5000);
}

void
g_io_gredis_test_dummy_unload (GIOModule *module)
{
}

char **
g_io_gredis_test_dummy_query (void)
{
  char *eps[] = { (char *) GREDIS_BACKOFF_POLICY_EXTENSION_POINT_NAME, NULL };
  return g_strdupv (eps);
}
