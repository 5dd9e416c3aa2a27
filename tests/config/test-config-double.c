/* test-config-double.c: fractional options (otlp-sample-ratio) in their
 * three spellings, in any locale, and on their way to plugins
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <locale.h>
#include <math.h>
#include <string.h>

#define KEY "otlp-sample-ratio"

static GredisConfig *
config_with_ratio (double ratio)
{
  GredisConfig *config = gredis_config_new ();

  gredis_config_set_otlp_sample_ratio (config, ratio);
  return config;
}

/* The line of gredis_config_to_string() for the option. */
static char *
ratio_line (GredisConfig *config)
{
  g_autofree char *text = gredis_config_to_string (config);
  const char *line = strstr (text, "\n" KEY "=");

  g_assert_nonnull (line);
  line++;
  return g_strndup (line, strcspn (line, "\n"));
}

/* Unset, the option reads as its default, 1, and shows as empty; 0 and 1
 * are values of their own; an empty value unsets it again. */
static void
test_default_and_unset (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisConfig) copy = NULL;
  g_autoptr(GError) error = NULL;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (config), KEY);
  GParamSpecDouble *range;
  char *line;

  g_assert_true (G_IS_PARAM_SPEC_DOUBLE (pspec));
  range = G_PARAM_SPEC_DOUBLE (pspec);
  g_assert_cmpfloat (range->minimum, ==, 0.0);
  g_assert_cmpfloat (range->maximum, ==, 1.0);
  g_assert_cmpfloat (range->default_value, ==, 1.0);

  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 1.0);
  line = ratio_line (config);
  g_assert_cmpstr (line, ==, KEY "=");
  g_free (line);

  g_assert_true (gredis_config_set_option (config, KEY, "0", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.0);
  line = ratio_line (config);
  g_assert_cmpstr (line, ==, KEY "=0");
  g_free (line);

  /* -0 is 0. */
  g_assert_true (gredis_config_set_option (config, KEY, "-0", &error));
  g_assert_no_error (error);
  g_assert_false (signbit (gredis_config_get_otlp_sample_ratio (config)));

  g_assert_true (gredis_config_set_option (config, KEY, "1", &error));
  g_assert_no_error (error);
  line = ratio_line (config);
  g_assert_cmpstr (line, ==, KEY "=1");
  g_free (line);

  /* Spaces around the number, an exponent; the shortest text back. */
  g_assert_true (gredis_config_set_option (config, KEY, " 1e-1 ", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.1);
  line = ratio_line (config);
  g_assert_cmpstr (line, ==, KEY "=0.1");
  g_free (line);

  /* A copy keeps it, set or unset. */
  copy = gredis_config_dup (config);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (copy), ==, 0.1);
  g_clear_object (&copy);

  g_assert_true (gredis_config_set_option (config, KEY, "", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 1.0);
  line = ratio_line (config);
  g_assert_cmpstr (line, ==, KEY "=");
  g_free (line);
  copy = gredis_config_dup (config);
  line = ratio_line (copy);
  g_assert_cmpstr (line, ==, KEY "=");
  g_free (line);
}

static void
test_uri (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new_for_uri ("redis://localhost/?" KEY "=0.25", &error);

  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.25);

  g_assert_true (gredis_config_set_uri (config, "redis://localhost/?" KEY "=1", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 1.0);
}

static void
test_keyfile (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GredisConfig) reread = NULL;
  g_autoptr(GKeyFile) written = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_assert_true (g_key_file_load_from_data (key_file, "[gredis]\n" KEY "=0.5\n", -1, G_KEY_FILE_NONE, &error));
  config = gredis_config_new_from_keyfile (key_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.5);

  /* What gredis_config_to_string() writes reads back the same. */
  gredis_config_set_otlp_sample_ratio (config, 1.0 / 3.0);
  text = gredis_config_to_string (config);
  g_assert_true (g_key_file_load_from_data (written, text, -1, G_KEY_FILE_NONE, &error));
  reread = gredis_config_new_from_keyfile (written, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (reread), ==, 1.0 / 3.0);
}

static void
on_notify (GObject    *object,
           GParamSpec *pspec,
           gpointer    user_data)
{
  (*(guint *) user_data)++;
}

/* A GObject property of type double, on the configuration and on the
 * client, which reads and writes its configuration's. */
static void
test_property (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GError) error = NULL;
  guint notified = 0;
  double ratio = -1.0;

  g_signal_connect (config, "notify::" KEY, G_CALLBACK (on_notify), &notified);
  g_object_set (config, KEY, 0.75, NULL);
  g_object_get (config, KEY, &ratio, NULL);
  g_assert_cmpfloat (ratio, ==, 0.75);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.75);
  g_assert_cmpuint (notified, ==, 1);
  /* The same value again: no notification. */
  g_object_set (config, KEY, 0.75, NULL);
  g_assert_true (gredis_config_set_option (config, KEY, "0.75", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (notified, ==, 1);
  gredis_config_set_otlp_sample_ratio (config, 0.0);
  g_assert_cmpuint (notified, ==, 2);
  g_assert_true (gredis_config_set_option (config, KEY, "", &error));
  g_assert_cmpuint (notified, ==, 3);

  client = gredis_client_new_for_uri ("redis://127.0.0.1:1/?" KEY "=0.125", &error);
  g_assert_no_error (error);
  g_object_get (client, KEY, &ratio, NULL);
  g_assert_cmpfloat (ratio, ==, 0.125);
  g_object_set (client, KEY, 0.5, NULL);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (gredis_client_get_config (client)), ==, 0.5);
  g_assert_true (G_IS_PARAM_SPEC_DOUBLE (g_object_class_find_property (G_OBJECT_GET_CLASS (client), KEY)));
}

typedef struct {
  const char *value;
  gboolean    quoted_in_uri;  /* plain enough to be quoted from a URI */
} BadValue;

static const BadValue bad_values[] = {
  { "abc", TRUE },
  { "1.5", TRUE },
  { "-0.1", TRUE },
  { "nan", TRUE },
  { "NaN", TRUE },
  { "0.5x", TRUE },
  { "inf", TRUE },
  { "-infinity", TRUE },
  { "1e999", TRUE },
  { "0,5", FALSE },
  { "0.5 0.5", FALSE },
  { ".", TRUE },
  { "+", TRUE },
};

static void
assert_bad_value_error (const GError *error,
                        const char   *value,
                        gboolean      quoted)
{
  g_autofree char *quoted_value = g_strdup_printf ("“%s”", value);

  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s → %s", value, error->message);
  g_assert_nonnull (strstr (error->message, "“" KEY "”"));
  g_assert_nonnull (strstr (error->message, "from 0 to 1"));
  if (quoted)
    g_assert_nonnull (strstr (error->message, quoted_value));
}

/* A bad value is a GError naming the key (and the value, where it may be
 * quoted), and leaves the configuration as it was, in all three
 * spellings. */
static void
test_invalid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bad_values); i++)
    {
      const char *value = bad_values[i].value;
      g_autoptr(GredisConfig) config = config_with_ratio (0.25);
      g_autofree char *before = gredis_config_to_string (config);
      g_autofree char *after_option = NULL;
      g_autofree char *after_keyfile = NULL;
      g_autofree char *after_uri = NULL;
      g_autofree char *data = g_strdup_printf ("[gredis]\nport=7000\n" KEY "=%s\n", value);
      g_autofree char *escaped = g_uri_escape_string (value, NULL, FALSE);
      g_autofree char *uri = g_strdup_printf ("redis://elsewhere:7000/?" KEY "=%s", escaped);
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autoptr(GError) error = NULL;

      g_assert_false (gredis_config_set_option (config, KEY, value, &error));
      assert_bad_value_error (error, value, TRUE);
      g_clear_error (&error);
      after_option = gredis_config_to_string (config);
      g_assert_cmpstr (after_option, ==, before);

      g_assert_true (g_key_file_load_from_data (key_file, data, -1, G_KEY_FILE_NONE, NULL));
      g_assert_false (gredis_config_load_keyfile (config, key_file, NULL, &error));
      assert_bad_value_error (error, value, TRUE);
      g_clear_error (&error);
      after_keyfile = gredis_config_to_string (config);
      g_assert_cmpstr (after_keyfile, ==, before);

      g_assert_false (gredis_config_set_uri (config, uri, &error));
      assert_bad_value_error (error, value, bad_values[i].quoted_in_uri);
      g_clear_error (&error);
      after_uri = gredis_config_to_string (config);
      g_assert_cmpstr (after_uri, ==, before);

      g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.25);
    }
}

/* The typed setter and the property take only a number from 0 to 1. */
static void
test_setter_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GredisConfig) config = gredis_config_new ();

      gredis_config_set_otlp_sample_ratio (config, 1.5);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*1.5*" KEY "*");
}

static void
test_setter_nan (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GredisConfig) config = gredis_config_new ();

      gredis_config_set_otlp_sample_ratio (config, NAN);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*nan*" KEY "*");
}

static void
test_property_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GredisConfig) config = gredis_config_new ();

      g_object_set (config, KEY, -0.5, NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*" KEY "*");
}

/* A locale whose decimal separator is a comma, made the numeric locale;
 * NULL when none is installed. */
static const char *
use_comma_locale (void)
{
  static const char * const candidates[] = {
    "de_DE.UTF-8", "de_DE.utf8", "de_DE", "fr_FR.UTF-8", "fr_FR.utf8", "nl_NL.UTF-8",
    "es_ES.UTF-8", "it_IT.UTF-8", "pt_BR.UTF-8", "ru_RU.UTF-8", "sv_SE.UTF-8",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (candidates); i++)
    if (setlocale (LC_NUMERIC, candidates[i]) != NULL &&
        g_str_equal (localeconv ()->decimal_point, ","))
      return candidates[i];
  return NULL;
}

/* Under a locale that writes 0,25, the option is still read and
 * written with a point. */
static void
test_locale (void)
{
  g_autofree char *saved = g_strdup (setlocale (LC_NUMERIC, NULL));
  const char *locale = use_comma_locale ();
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GredisConfig) from_uri = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *printed = NULL;
  g_autofree char *line = NULL;

  if (locale == NULL)
    {
      setlocale (LC_NUMERIC, saved);
      g_test_skip ("No locale with a decimal comma is installed (tried de_DE, fr_FR, nl_NL, es_ES, "
                   "it_IT, pt_BR, ru_RU, sv_SE; see locale -a), so parsing is checked in the C "
                   "locale only.");
      return;
    }
  g_test_message ("LC_NUMERIC=%s", locale);

  /* The locale is in effect. */
  printed = g_strdup_printf ("%g", 0.25);
  g_assert_cmpstr (printed, ==, "0,25");

  config = gredis_config_new ();
  g_assert_true (gredis_config_set_option (config, KEY, "0.25", &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.25);
  line = ratio_line (config);
  g_assert_cmpstr (line, ==, KEY "=0.25");

  /* The locale's own spelling is not the option's. */
  g_assert_false (gredis_config_set_option (config, KEY, "0,5", &error));
  assert_bad_value_error (error, "0,5", TRUE);
  g_clear_error (&error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.25);

  g_assert_true (g_key_file_load_from_data (key_file, "[gredis]\n" KEY "=0.75\n", -1,
                                            G_KEY_FILE_NONE, &error));
  g_assert_true (gredis_config_load_keyfile (config, key_file, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.75);

  from_uri = gredis_config_new_for_uri ("redis://localhost/?" KEY "=0.125", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (from_uri), ==, 0.125);

  setlocale (LC_NUMERIC, saved);
}

/* Plugins of one property "otlp-sample-ratio" of various types and
 * ranges, each a type of its own. */
typedef struct {
  const char *type_name;
  GType       value_type;
  double      min;
  double      max;
  double      default_value;
} HolderSpec;

typedef struct {
  GObject parent_instance;
  GValue  value;
} Holder;

typedef struct {
  GObjectClass parent_class;
} HolderClass;

static void
holder_set_property (GObject      *object,
                     guint         prop_id,
                     const GValue *value,
                     GParamSpec   *pspec)
{
  Holder *self = (Holder *) object;

  if (G_IS_VALUE (&self->value))
    g_value_unset (&self->value);
  g_value_init (&self->value, pspec->value_type);
  g_value_copy (value, &self->value);
}

static void
holder_get_property (GObject    *object,
                     guint       prop_id,
                     GValue     *value,
                     GParamSpec *pspec)
{
  Holder *self = (Holder *) object;

  if (G_IS_VALUE (&self->value))
    g_value_copy (&self->value, value);
  else
    g_param_value_set_default (pspec, value);
}

static void
holder_finalize (GObject *object)
{
  Holder *self = (Holder *) object;

  if (G_IS_VALUE (&self->value))
    g_value_unset (&self->value);
  G_OBJECT_CLASS (g_type_class_peek (G_TYPE_OBJECT))->finalize (object);
}

static void
holder_class_init (gpointer klass,
                   gpointer class_data)
{
  GObjectClass *object_class = klass;
  const HolderSpec *spec = class_data;
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;
  GParamSpec *pspec;

  object_class->set_property = holder_set_property;
  object_class->get_property = holder_get_property;
  object_class->finalize = holder_finalize;
  if (spec->value_type == G_TYPE_DOUBLE)
    pspec = g_param_spec_double (KEY, NULL, NULL, spec->min, spec->max, spec->default_value, flags);
  else if (spec->value_type == G_TYPE_FLOAT)
    pspec = g_param_spec_float (KEY, NULL, NULL, spec->min, spec->max, spec->default_value, flags);
  else
    pspec = g_param_spec_uint (KEY, NULL, NULL, spec->min, spec->max, spec->default_value, flags);
  g_object_class_install_property (object_class, 1, pspec);
}

static GObject *
holder_new (const HolderSpec *spec)
{
  GType type = g_type_from_name (spec->type_name);

  if (type == 0)
    {
      const GTypeInfo info = {
        sizeof (HolderClass), NULL, NULL, holder_class_init, NULL, spec,
        sizeof (Holder), 0, NULL, NULL,
      };

      type = g_type_register_static (G_TYPE_OBJECT, spec->type_name, &info, 0);
    }
  return g_object_new (type, NULL);
}

static const HolderSpec double_holder = { "TestRatioDouble", G_TYPE_DOUBLE, 0.0, 1.0, 0.5 };
static const HolderSpec float_holder = { "TestRatioFloat", G_TYPE_FLOAT, 0.0, 1.0, 0.5 };
static const HolderSpec narrow_holder = { "TestRatioNarrow", G_TYPE_DOUBLE, 0.0, 0.1, 0.05 };
static const HolderSpec uint_holder = { "TestRatioUint", G_TYPE_UINT, 0, 100, 7 };

/* A double option goes to a double or float property when it is set, and
 * only then; another type or range is an error. */
static void
test_apply_to_plugin (void)
{
  g_autoptr(GredisConfig) unset = gredis_config_new ();
  g_autoptr(GredisConfig) quarter = config_with_ratio (0.25);
  g_autoptr(GredisConfig) zero = config_with_ratio (0.0);
  g_autoptr(GObject) plugin = holder_new (&double_holder);
  g_autoptr(GObject) float_plugin = holder_new (&float_holder);
  g_autoptr(GObject) narrow = holder_new (&narrow_holder);
  g_autoptr(GObject) whole = holder_new (&uint_holder);
  g_autoptr(GError) error = NULL;
  double ratio = -1.0;
  float float_ratio = -1.0f;
  guint number = 0;

  /* Not set: the plugin's default stays. */
  g_assert_true (gredis_config_apply_to_plugin (unset, plugin, &error));
  g_assert_no_error (error);
  g_object_get (plugin, KEY, &ratio, NULL);
  g_assert_cmpfloat (ratio, ==, 0.5);

  g_assert_true (gredis_config_apply_to_plugin (quarter, plugin, &error));
  g_assert_no_error (error);
  g_object_get (plugin, KEY, &ratio, NULL);
  g_assert_cmpfloat (ratio, ==, 0.25);

  /* 0 is a value, not "unset". */
  g_assert_true (gredis_config_apply_to_plugin (zero, plugin, &error));
  g_assert_no_error (error);
  g_object_get (plugin, KEY, &ratio, NULL);
  g_assert_cmpfloat (ratio, ==, 0.0);

  g_assert_true (gredis_config_apply_to_plugin (quarter, float_plugin, &error));
  g_assert_no_error (error);
  g_object_get (float_plugin, KEY, &float_ratio, NULL);
  g_assert_cmpfloat (float_ratio, ==, 0.25f);

  g_assert_false (gredis_config_apply_to_plugin (quarter, narrow, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“" KEY "”"));
  g_clear_error (&error);
  g_object_get (narrow, KEY, &ratio, NULL);
  g_assert_cmpfloat (ratio, ==, 0.05);

  g_assert_false (gredis_config_apply_to_plugin (quarter, whole, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_clear_error (&error);
  g_object_get (whole, KEY, &number, NULL);
  g_assert_cmpuint (number, ==, 7);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/config/double/default-and-unset", test_default_and_unset);
  g_test_add_func ("/config/double/uri", test_uri);
  g_test_add_func ("/config/double/keyfile", test_keyfile);
  g_test_add_func ("/config/double/property", test_property);
  g_test_add_func ("/config/double/invalid", test_invalid);
  g_test_add_func ("/config/double/setter-out-of-range", test_setter_out_of_range);
  g_test_add_func ("/config/double/setter-nan", test_setter_nan);
  g_test_add_func ("/config/double/property-out-of-range", test_property_out_of_range);
  g_test_add_func ("/config/double/locale", test_locale);
  g_test_add_func ("/config/double/apply-to-plugin", test_apply_to_plugin);

  return g_test_run ();
}
