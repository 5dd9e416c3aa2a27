/* test-cluster-cache.c: the client-side cache of a cluster client: reads
 * of keys in every slot range cached on the connection of their node,
 * invalidated by writes of another client, emptied by FLUSHALL
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "cluster-test-util.h"

#define N_KEYS 30

static GredisTestCluster *cluster;

static char *
get (GredisClient *client,
     gboolean      async,
     const char   *key)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = cluster_test_run (client, async, &error, "GET", key, NULL);

  g_assert_no_error (error);
  return gredis_reply_is_nil (reply) ? NULL : g_strdup (gredis_reply_get_string (reply, NULL));
}

static void
set (GredisClient *client,
     const char   *key,
     const char   *value)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = cluster_test_run (client, FALSE, &error, "SET", key, value, NULL);

  g_assert_no_error (error);
}

static void
wait_invalidations (GredisClient *client,
                    guint64       count)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  /* A bound, not a measure. */
  while (gredis_client_get_cache_invalidations (client) < count)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
}

static void
test_cluster_cache (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (cluster, 0, "protocol=3&cache=on");
  g_autoptr(GredisClient) writer = cluster_test_client_new (cluster, 1, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) flushed = NULL;
  guint64 before;
  guint i;

  for (i = 0; i < N_KEYS; i++)
    {
      g_autofree char *key = g_strdup_printf ("ccache:%u", i);

      set (writer, key, "1");
    }
  /* Keys of every node: a miss, then a hit, async and blocking. */
  for (i = 0; i < N_KEYS; i++)
    {
      g_autofree char *key = g_strdup_printf ("ccache:%u", i);
      g_autofree char *a = get (client, i % 2 == 0, key);
      g_autofree char *b = get (client, i % 2 != 0, key);

      g_assert_cmpstr (a, ==, "1");
      g_assert_cmpstr (b, ==, "1");
    }
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, N_KEYS);

  /* Each node pushes the invalidations of its own keys. */
  before = gredis_client_get_cache_invalidations (client);
  for (i = 0; i < N_KEYS; i++)
    {
      g_autofree char *key = g_strdup_printf ("ccache:%u", i);

      set (writer, key, "2");
    }
  wait_invalidations (client, before + N_KEYS);
  for (i = 0; i < N_KEYS; i++)
    {
      g_autofree char *key = g_strdup_printf ("ccache:%u", i);
      g_autofree char *value = get (client, FALSE, key);

      g_assert_cmpstr (value, ==, "2");
    }
  g_print ("# cluster cache: %" G_GUINT64_FORMAT " hits, %" G_GUINT64_FORMAT " misses, "
           "%" G_GUINT64_FORMAT " invalidations\n",
           gredis_client_get_cache_hits (client), gredis_client_get_cache_misses (client),
           gredis_client_get_cache_invalidations (client));

  /* FLUSHALL on every primary: a null invalidation from each (the
   * client reads from every primary, so it tracks on each). */
  {
    guint n_primaries = 0;

    for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
      if (gredis_test_cluster_is_primary (cluster, node))
        n_primaries++;
    before = gredis_client_get_cache_invalidations (client);
    flushed = cluster_test_run (writer, FALSE, &error, "FLUSHALL", NULL);
    g_assert_no_error (error);
    wait_invalidations (client, before + n_primaries);
  }
  g_assert_cmpuint (gredis_client_get_cache_bytes (client), ==, 0);
  for (i = 0; i < N_KEYS; i++)
    {
      g_autofree char *key = g_strdup_printf ("ccache:%u", i);
      g_autofree char *value = get (client, FALSE, key);

      g_assert_null (value);
    }
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

  if (!cluster_test_have_redis_cli ())
    {
      g_test_add_func ("/cluster/cache/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/cache/reads-invalidations", test_cluster_cache);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
