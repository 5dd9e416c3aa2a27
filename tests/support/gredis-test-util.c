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
