/* gredis-test-util.c: small helpers shared by the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-util.h"

GBytes *
gredis_test_load_file (const char *relative_path)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, relative_path, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

static void
skip_gio_tls (void)
{
  g_test_skip ("gio-tls is not tested in sanitizer builds: LeakSanitizer crashes at exit "
               "in processes that loaded glib-networking's GnuTLS backend");
}

gboolean
gredis_test_transport_testable (const char *path_prefix,
                                const char *transport)
{
  g_autofree char *path = NULL;

  if (!GREDIS_TEST_SANITIZER_BUILD || !g_str_equal (transport, "gio-tls"))
    return TRUE;
  path = g_strdup_printf ("%s/%s/sanitizer-skip", path_prefix, transport);
  g_test_add_func (path, skip_gio_tls);
  return FALSE;
}
