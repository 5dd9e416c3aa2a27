/* test-sentinel-cache.c: the client-side cache of a client whose master
 * is found by Redis Sentinel: its master connections track what they
 * read, and writes of another client invalidate it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-sentinel.h"

static GredisTestSentinel *setup;

static GredisClient *
new_client (const char *query)
{
  g_autoptr(GString) uri = g_string_new ("redis+sentinel://");
  g_autoptr(GError) error = NULL;
  GredisClient *client;

  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    g_string_append_printf (uri, "%s127.0.0.1:%u", i > 0 ? "," : "",
                            gredis_test_sentinel_get_sentinel_port (setup, i));
  g_string_append_printf (uri, "/%s?retries=10&backoff-cap-ms=100&%s",
                          GREDIS_TEST_SENTINEL_MASTER_NAME, query);
  client = gredis_client_new_for_uri (uri->str, &error);
  g_assert_no_error (error);
  return client;
}

static char *
run (GredisClient *client,
     const char   *command,
     const char   *key,
     const char   *value)
{
  const char *argv[] = { command, key, value, NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, &error);

  g_assert_no_error (error);
  return gredis_reply_is_nil (reply) ? NULL : g_strdup (gredis_reply_get_string (reply, NULL));
}

static void
test_cache (void)
{
  g_autoptr(GredisClient) client = new_client ("protocol=3&cache=on");
  g_autoptr(GredisClient) writer = new_client ("protocol=3");
  g_autofree char *ok = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;
  guint64 before;
  gint64 deadline;

  ok = run (writer, "SET", "scache:k", "1");
  a = run (client, "GET", "scache:k", NULL);
  b = run (client, "GET", "scache:k", NULL);
  g_assert_cmpstr (a, ==, "1");
  g_assert_cmpstr (b, ==, "1");
  g_assert_cmpuint (gredis_client_get_cache_hits (client), ==, 1);

  before = gredis_client_get_cache_invalidations (client);
  g_free (ok);
  ok = run (writer, "SET", "scache:k", "2");
  /* A bound, not a measure: the master pushes the invalidation. */
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (gredis_client_get_cache_invalidations (client) <= before)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }
  c = run (client, "GET", "scache:k", NULL);
  g_assert_cmpstr (c, ==, "2");
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sentinel/cache/invalidations", test_cache);

  setup = gredis_test_sentinel_start (&error);
  g_assert_no_error (error);
  status = g_test_run ();
  g_clear_pointer (&setup, gredis_test_sentinel_stop);
  return status;
}
