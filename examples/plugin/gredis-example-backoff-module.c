/* gredis-example-backoff-module.c: an example plugin, a backoff policy
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A complete third-party plugin module, written against the public
 * headers only, as docs/writing-a-plugin.md explains it. It registers
 * one backoff policy, `fibonacci`, whose delays grow as the Fibonacci
 * numbers do (base × 1, 1, 2, 3, 5, 8 …), never past the cap: gentler
 * than `exponential` for the first retries.
 *
 * The module is libgredis-example-backoff.so; put its folder in
 * GREDIS_PLUGIN_PATH and choose it with `backoff=fibonacci` (a key file,
 * a URI query option or gredis-cli --backoff fibonacci) or with
 * GREDIS_USE_BACKOFF=fibonacci. tests/examples/test-example-plugin.c
 * loads it that way.
 */
#include <gredis/gredis.h>

#define EXAMPLE_DEFAULT_BASE G_GUINT64_CONSTANT (10000)    /* 10 ms */
#define EXAMPLE_DEFAULT_CAP  G_GUINT64_CONSTANT (1000000)  /* 1 s */

/* Low enough never to be the default policy. */
#define EXAMPLE_PRIORITY 0

#define EXAMPLE_TYPE_FIBONACCI_BACKOFF (example_fibonacci_backoff_get_type ())
G_DECLARE_FINAL_TYPE (ExampleFibonacciBackoff, example_fibonacci_backoff,
                      EXAMPLE, FIBONACCI_BACKOFF, GObject)

struct _ExampleFibonacciBackoff
{
  GObject parent_instance;

  guint64 base;   /* µs */
  guint64 cap;    /* µs */
};

enum {
  PROP_0,
  PROP_BASE,
  PROP_CAP,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void example_fibonacci_backoff_iface_init (GredisBackoffPolicyInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ExampleFibonacciBackoff, example_fibonacci_backoff, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_BACKOFF_POLICY,
                                                      example_fibonacci_backoff_iface_init))

/* base × F(failures), with F(1) = F(2) = 1, at most cap: the loop stops
 * as soon as the cap is reached, so nothing overflows. */
static guint64
example_fibonacci_backoff_compute (GredisBackoffPolicy *policy,
                                   guint                failures)
{
  ExampleFibonacciBackoff *self = EXAMPLE_FIBONACCI_BACKOFF (policy);
  guint64 previous = 0;
  guint64 current = self->base;

  if (failures == 0 || self->base == 0)
    return 0;
  for (guint i = 1; i < failures && current < self->cap; i++)
    {
      guint64 next = previous + current;

      previous = current;
      current = next;
    }
  return MIN (current, self->cap);
}

/* Nothing is kept between calls. */
static void
example_fibonacci_backoff_reset (GredisBackoffPolicy *policy)
{
}

static void
example_fibonacci_backoff_iface_init (GredisBackoffPolicyInterface *iface)
{
  iface->compute = example_fibonacci_backoff_compute;
  iface->reset = example_fibonacci_backoff_reset;
}

static void
example_fibonacci_backoff_get_property (GObject    *object,
                                        guint       prop_id,
                                        GValue     *value,
                                        GParamSpec *pspec)
{
  ExampleFibonacciBackoff *self = EXAMPLE_FIBONACCI_BACKOFF (object);

  switch (prop_id)
    {
    case PROP_BASE:
      g_value_set_uint64 (value, self->base);
      break;
    case PROP_CAP:
      g_value_set_uint64 (value, self->cap);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
example_fibonacci_backoff_set_property (GObject      *object,
                                        guint         prop_id,
                                        const GValue *value,
                                        GParamSpec   *pspec)
{
  ExampleFibonacciBackoff *self = EXAMPLE_FIBONACCI_BACKOFF (object);
  guint64 v = g_value_get_uint64 (value);

  switch (prop_id)
    {
    case PROP_BASE:
      if (self->base != v)
        {
          self->base = v;
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_CAP:
      if (self->cap != v)
        {
          self->cap = v;
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
example_fibonacci_backoff_class_init (ExampleFibonacciBackoffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = example_fibonacci_backoff_get_property;
  object_class->set_property = example_fibonacci_backoff_set_property;

  /* `base` and `cap` are the names the configuration's backoff-base-ms
   * and backoff-cap-ms are given to (gredis_config_apply_to_plugin()),
   * in microseconds. */
  properties[PROP_BASE] =
    g_param_spec_uint64 ("base", NULL, NULL, 0, G_MAXUINT64, EXAMPLE_DEFAULT_BASE, flags);
  properties[PROP_CAP] =
    g_param_spec_uint64 ("cap", NULL, NULL, 0, G_MAXUINT64, EXAMPLE_DEFAULT_CAP, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
example_fibonacci_backoff_init (ExampleFibonacciBackoff *self)
{
  self->base = EXAMPLE_DEFAULT_BASE;
  self->cap = EXAMPLE_DEFAULT_CAP;
}

/* The module's entry points, named after its file:
 * libgredis-example-backoff.so → g_io_gredis_example_backoff_*. */
G_MODULE_EXPORT void    g_io_gredis_example_backoff_load   (GIOModule *module);
G_MODULE_EXPORT void    g_io_gredis_example_backoff_unload (GIOModule *module);
G_MODULE_EXPORT char  **g_io_gredis_example_backoff_query  (void);

G_MODULE_EXPORT void
g_io_gredis_example_backoff_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_BACKOFF_POLICY, "fibonacci",
                                  EXAMPLE_TYPE_FIBONACCI_BACKOFF, EXAMPLE_PRIORITY);
}

/* gredis_plugin_module_implement() keeps the module loaded for the life
 * of the process: there is nothing to undo. */
G_MODULE_EXPORT void
g_io_gredis_example_backoff_unload (GIOModule *module)
{
}

/* Lets GIO skip loading the module when nobody asks for backoff
 * policies. */
G_MODULE_EXPORT char **
g_io_gredis_example_backoff_query (void)
{
  char *extension_points[] = { GREDIS_BACKOFF_POLICY_EXTENSION_POINT_NAME, NULL };

  return g_strdupv (extension_points);
}
