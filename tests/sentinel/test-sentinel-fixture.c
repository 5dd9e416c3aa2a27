/* test-sentinel-fixture.c: the local Sentinel setup itself
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-sentinel.h"

#include <string.h>

/* Started: node 0 is master, node 1 its replica, every sentinel agrees;
 * a failover makes node 1 master for every sentinel, a second one node 0
 * again. */
static void
test_start_and_failover (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestSentinel) setup = gredis_test_sentinel_start (&error);
  g_autofree char *role = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (gredis_test_sentinel_get_master_node (setup), ==, 0);
  role = gredis_test_sentinel_cli (gredis_test_sentinel_get_node_port (setup, 1), &error, "ROLE", NULL);
  g_assert_no_error (error);
  g_assert_true (g_str_has_prefix (role, "slave\n"));

  g_assert_true (gredis_test_sentinel_failover (setup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_test_sentinel_get_master_node (setup), ==, 1);
  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    {
      g_autofree char *addr = gredis_test_sentinel_cli (gredis_test_sentinel_get_sentinel_port (setup, i),
                                                        &error, "SENTINEL", "GET-MASTER-ADDR-BY-NAME",
                                                        GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);
      g_autofree char *expected = g_strdup_printf ("127.0.0.1\n%u\n",
                                                   gredis_test_sentinel_get_node_port (setup, 1));

      g_assert_no_error (error);
      g_assert_cmpstr (addr, ==, expected);
    }

  g_assert_true (gredis_test_sentinel_failover (setup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_test_sentinel_get_master_node (setup), ==, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sentinel/fixture/start-and-failover", test_start_and_failover);
  return g_test_run ();
}
