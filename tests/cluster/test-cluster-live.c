/* test-cluster-live.c: key slots and the topology against a real local
 * cluster (3 primaries, 3 replicas)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-key-slot-private.h"
#include "gredis-test-cluster.h"

#define N_RANDOM_KEYS 3000

static GredisTestCluster *cluster;

static GredisClient *
client_for_node (guint node)
{
  g_autofree char *uri = gredis_test_cluster_get_uri (cluster, node);
  GError *error = NULL;
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

/* Random keys, a third of them with braces somewhere, against what the
 * server says. */
static void
test_key_slot_live (void)
{
  g_autoptr(GredisClient) client = client_for_node (0);
  g_autoptr(GRand) rand = g_rand_new ();
  static const char alphabet[] = "ab{}\x00\xff" "xyz01";

  for (guint i = 0; i < N_RANDOM_KEYS; i++)
    {
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GError) error = NULL;
      guint8 key[24];
      gsize length = (gsize) g_rand_int_range (rand, 0, sizeof key + 1);
      gboolean braces = i % 3 == 0;
      const char *argv[] = { "CLUSTER", "KEYSLOT", (const char *) key };
      gsize lengths[] = { 7, 7, length };

      for (gsize j = 0; j < length; j++)
        key[j] = braces ? (guint8) alphabet[g_rand_int_range (rand, 0, sizeof alphabet - 1)]
                        : (guint8) g_rand_int_range (rand, 0, 256);
      reply = gredis_client_command_argv (client, 3, argv, lengths, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
      g_assert_cmpint (gredis_key_slot (key, length), ==, gredis_reply_get_integer (reply));
    }
}

static gboolean
have_redis_cli (void)
{
  g_autofree char *path = g_find_program_in_path ("redis-cli");

  return path != NULL;
}

static void
skip_without_redis_cli (void)
{
  g_test_skip ("redis-cli is needed to create the cluster (Debian: redis-tools).");
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (!have_redis_cli ())
    {
      g_test_add_func ("/cluster/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/key-slot/live", test_key_slot_live);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
