/* test-i18n.c: user-visible messages are translated
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <libintl.h>
#include <locale.h>
#include <string.h>

static void
test_german_error (void)
{
  const char *localedir = g_getenv ("GREDIS_TEST_LOCALEDIR");
  g_autoptr(GError) error = NULL;
  GredisParser *parser;

  if (setlocale (LC_ALL, "de_DE.UTF-8") == NULL)
    {
      /* tests/install-deps.sh generates it; say so rather than pass. */
      g_test_skip ("The de_DE.UTF-8 locale is not installed (run tests/install-deps.sh)");
      return;
    }

  /* The library binds its domain to the installed catalogues the first
   * time it needs them; point it at the build tree's afterwards. */
  gredis_plugins_load ();
  bindtextdomain ("gredis-1", localedir);

  parser = gredis_parser_new_for_name ("kein-parser", &error);
  g_assert_null (parser);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PLUGIN_NOT_FOUND);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "Es wurde kein parser-Plugin namens „kein-parser“ gefunden"));

  setlocale (LC_ALL, "C");
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/i18n/german-error", test_german_error);

  return g_test_run ();
}
