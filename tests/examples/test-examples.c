/* test-examples.c: the examples the guides show still build, load and
 * print what the guides say
 *
 * - examples/plugin/ (docs/writing-a-plugin.md): the module is found
 *   through GREDIS_PLUGIN_PATH, its `fibonacci` policy computes the
 *   documented delays, takes backoff-base-ms and backoff-cap-ms from the
 *   configuration, and a client chosen with `backoff=fibonacci` uses it
 *   and talks to a server;
 * - examples/getting-started.c (docs/getting-started.md): its output
 *   against a fresh server is the one the guide prints;
 * - docs/configuration.md has a row for every configuration option, with
 *   its default (and, for a fractional option, its type and range), and
 *   lists every GREDIS_USE_* variable.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

static void
test_plugin_found (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisPluginInfo) info = NULL;
  g_autofree char *basename = NULL;

  info = gredis_plugins_lookup (GREDIS_PLUGIN_BACKOFF_POLICY, "fibonacci", &error);
  g_assert_no_error (error);
  g_assert_nonnull (info);
  g_assert_cmpstr (gredis_plugin_info_get_name (info), ==, "fibonacci");
  g_assert_cmpint (gredis_plugin_info_get_kind (info), ==, GREDIS_PLUGIN_BACKOFF_POLICY);
  g_assert_cmpstr (g_type_name (gredis_plugin_info_get_gtype (info)), ==,
                   "ExampleFibonacciBackoff");
  basename = g_path_get_basename (gredis_plugin_info_get_filename (info));
  g_assert_cmpstr (basename, ==, "libgredis-example-backoff.so");

  /* Priority 0: it is never the default policy. */
  g_clear_pointer (&info, gredis_plugin_info_unref);
  info = gredis_plugins_lookup (GREDIS_PLUGIN_BACKOFF_POLICY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_plugin_info_get_name (info), !=, "fibonacci");
}

static void
test_plugin_compute (void)
{
  static const guint64 expected[] = { 0, 10000, 10000, 20000, 30000, 50000, 80000, 130000 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisBackoffPolicy) policy = NULL;

  policy = gredis_backoff_policy_new_for_name ("fibonacci", &error);
  g_assert_no_error (error);
  g_assert_nonnull (policy);

  /* The defaults: base 10 ms, cap 1 s. */
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, i), ==, expected[i]);
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, 40), ==, 1000000);
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, G_MAXUINT), ==, 1000000);
  gredis_backoff_policy_reset (policy);
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, 5), ==, 50000);
}

static void
test_plugin_configured (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisBackoffPolicy) policy = NULL;
  guint64 base = 0;
  guint64 cap = 0;

  g_assert_true (gredis_config_set_option (config, "backoff", "fibonacci", &error));
  g_assert_no_error (error);
  g_assert_true (gredis_config_set_option (config, "backoff-base-ms", "100", &error));
  g_assert_true (gredis_config_set_option (config, "backoff-cap-ms", "250", &error));
  g_assert_no_error (error);

  policy = gredis_backoff_policy_new_for_name ("fibonacci", &error);
  g_assert_no_error (error);
  g_assert_true (gredis_config_apply_to_plugin (config, G_OBJECT (policy), &error));
  g_assert_no_error (error);
  g_object_get (policy, "base", &base, "cap", &cap, NULL);
  g_assert_cmpuint (base, ==, 100000);
  g_assert_cmpuint (cap, ==, 250000);
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, 3), ==, 200000);
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, 4), ==, 250000);
}

static void
test_plugin_client (GredisTestServerFixture *fixture,
                    gconstpointer            data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autofree char *base = gredis_test_server_get_uri (fixture->server);
  g_autofree char *uri = g_strdup_printf ("%s?backoff=fibonacci&backoff-base-ms=5", base);
  GredisBackoffPolicy *policy;

  client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);

  policy = gredis_retry_get_backoff (gredis_client_get_retry (client));
  g_assert_nonnull (policy);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (policy), ==, "ExampleFibonacciBackoff");
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, 4), ==, 15000);

  reply = gredis_client_command (client, (const char *[]) { "PING", NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_text (reply), ==, "PONG");
  gredis_client_close (client);
}

static void
test_getting_started (GredisTestServerFixture *fixture,
                      gconstpointer            data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = gredis_test_server_get_uri (fixture->server);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *argv[] = { GETTING_STARTED_PROGRAM, uri, NULL };
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (err, ==, "");
  g_assert_true (g_spawn_check_wait_status (status, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (out, ==,
                   "SET greeting: OK\n"
                   "GET greeting: Hello from Gredis\n"
                   "INCR counter: 1\n");

  /* A second run counts on. */
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                               &out, &err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (out, "INCR counter: 2\n"));
}

/* The text of a column of the option's row (1: Type, 2: Default), or
 * NULL. */
static char *
guide_cell (const char *guide,
            const char *name,
            guint       column)
{
  g_autofree char *row_start = g_strdup_printf ("\n| `%s` | ", name);
  const char *row = strstr (guide, row_start);
  g_auto(GStrv) cells = NULL;
  g_autofree char *line = NULL;

  if (row == NULL)
    return NULL;
  row++;
  line = g_strndup (row, strcspn (row, "\n"));
  cells = g_strsplit (line, " | ", -1);
  if (g_strv_length (cells) < 4)
    return NULL;
  return g_strdup (cells[column]);
}

/* A double in the C locale, as short as it reads back the same. */
static char *
double_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_dtostr (buffer, sizeof buffer, value);
  return g_strdup (buffer);
}

static void
test_configuration_guide (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (GREDIS_TEST_SRCDIR, "..", "docs", "configuration.md",
                                            NULL);
  g_autofree char *guide = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();
  const char * const *names = gredis_config_get_option_names ();

  g_assert_true (g_file_get_contents (path, &guide, NULL, &error));
  g_assert_no_error (error);

  g_assert_nonnull (names);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *documented = guide_cell (guide, names[i], 2);
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (config), names[i]);
      g_auto(GValue) value = G_VALUE_INIT;
      g_autofree char *expected = NULL;

      if (documented == NULL)
        g_error ("docs/configuration.md has no row for the option “%s”", names[i]);
      if (g_str_equal (names[i], "uri"))
        continue;
      g_assert_nonnull (pspec);
      g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
      g_param_value_set_default (pspec, &value);
      if (G_VALUE_HOLDS_STRING (&value))
        expected = g_value_get_string (&value) != NULL
                   ? g_strdup_printf ("`%s`", g_value_get_string (&value))
                   : g_strdup ("*none*");
      else if (G_VALUE_HOLDS_BOOLEAN (&value))
        expected = g_strdup_printf ("`%s`", g_value_get_boolean (&value) ? "true" : "false");
      else if (G_VALUE_HOLDS_UINT (&value))
        expected = g_strdup_printf ("`%u`", g_value_get_uint (&value));
      else if (G_VALUE_HOLDS_UINT64 (&value))
        expected = g_strdup_printf ("`%" G_GUINT64_FORMAT "`", g_value_get_uint64 (&value));
      else if (G_VALUE_HOLDS_DOUBLE (&value))
        {
          GParamSpecDouble *range = G_PARAM_SPEC_DOUBLE (pspec);
          g_autofree char *type = guide_cell (guide, names[i], 1);
          g_autofree char *min = double_text (range->minimum);
          g_autofree char *max = double_text (range->maximum);
          g_autofree char *expected_type = g_strdup_printf ("decimal, %s–%s", min, max);
          g_autofree char *number = double_text (g_value_get_double (&value));

          /* A fractional option says so, with its range. */
          if (g_strcmp0 (type, expected_type) != 0)
            g_error ("docs/configuration.md gives “%s” as the type of “%s”, not %s",
                     type, names[i], expected_type);
          expected = g_strdup_printf ("`%s`", number);
        }
      else
        g_error ("The option “%s” has a type this test does not know", names[i]);

      /* "`536870912` (512 MiB)": the value comes first. */
      if (!g_str_has_prefix (documented, expected))
        g_error ("docs/configuration.md gives “%s” as the default of “%s”, not %s",
                 documented, names[i], expected);
    }

  g_assert_nonnull (strstr (guide, "GREDIS_PLUGIN_PATH"));
  g_assert_nonnull (strstr (guide, "CREDENTIALS_DIRECTORY"));
  for (guint kind = GREDIS_PLUGIN_TRANSPORT; kind <= GREDIS_PLUGIN_POOL; kind++)
    {
      g_autofree char *variable =
        g_ascii_strup (gredis_plugin_kind_to_string (kind), -1);
      g_autofree char *spelled = g_strdup_printf ("GREDIS_USE_%s", variable);

      g_assert_nonnull (strstr (guide, spelled));
    }
}

int
main (int   argc,
      char *argv[])
{
  const char *path = g_getenv ("GREDIS_PLUGIN_PATH");
  g_autofree char *plugin_path = NULL;

  /* The example's folder first, then the transports and parsers. */
  plugin_path = path != NULL && *path != '\0'
                ? g_strconcat (EXAMPLE_PLUGIN_DIR, G_SEARCHPATH_SEPARATOR_S, path, NULL)
                : g_strdup (EXAMPLE_PLUGIN_DIR);
  g_setenv ("GREDIS_PLUGIN_PATH", plugin_path, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/examples/plugin/found", test_plugin_found);
  g_test_add_func ("/examples/plugin/compute", test_plugin_compute);
  g_test_add_func ("/examples/plugin/configured", test_plugin_configured);
  g_test_add ("/examples/plugin/client", GredisTestServerFixture,
              GUINT_TO_POINTER (GREDIS_TEST_SERVER_TCP),
              gredis_test_server_fixture_setup, test_plugin_client,
              gredis_test_server_fixture_teardown);
  g_test_add_func ("/examples/configuration-guide", test_configuration_guide);
  g_test_add ("/examples/getting-started", GredisTestServerFixture,
              GUINT_TO_POINTER (GREDIS_TEST_SERVER_TCP),
              gredis_test_server_fixture_setup, test_getting_started,
              gredis_test_server_fixture_teardown);

  return g_test_run ();
}
