/* gredis-test-cluster-launcher.c: the cluster fixture for tests that are
 * not in C (the Python and GJS binding tests)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Starts the six-node cluster of gredis-test-cluster.c, prints one line
 *   ready PORT0 PORT1 PORT2 PORT3 PORT4 PORT5
 * (the nodes' ports on 127.0.0.1) and keeps the cluster until its
 * standard input closes: the test holds the pipe, so the cluster goes
 * when the test ends, even when it crashes. The nodes die with this
 * program in any case. On failure it prints "failed: MESSAGE" and exits
 * with status 1.
 */
#include <stdio.h>
#include <unistd.h>

#include "gredis-test-cluster.h"

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestCluster) cluster = gredis_test_cluster_start (&error);
  char buffer[256];

  if (cluster == NULL)
    {
      printf ("failed: %s\n", error->message);
      return 1;
    }
  printf ("ready");
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    printf (" %u", gredis_test_cluster_get_port (cluster, i));
  printf ("\n");
  fflush (stdout);

  while (read (STDIN_FILENO, buffer, sizeof buffer) > 0)
    ;
  return 0;
}
