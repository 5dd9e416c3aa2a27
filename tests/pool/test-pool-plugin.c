/* test-pool-plugin.c: a pool written outside the library serves every
 * path of the client
 *
 * The `test-spread` pool (tests/pool/plugin/, public headers only) is a
 * plugin module, chosen by name from the client's URI (`pool=`). It
 * spreads its connections over two redis-servers, in turn. Each pair of
 * operations below makes two acquisitions one after the other (the
 * asynchronous path from two main contexts, the blocking API, pipelines
 * and pub/sub), so one of each pair must land on each server: a plain
 * client of each server checks where the keys and subscriptions are. A
 * client that made its connections itself, or did not ask the pool on
 * one of these paths, would put both on the first server.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>

#include "gredis-test-server.h"

#define N_SERVERS 2

typedef struct
{
  GredisTestServer *servers[N_SERVERS];
  GredisClient *plain[N_SERVERS];   /* one per server, default pool */
  GredisClient *client;             /* the test-spread pool */
} Fixture;

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *nodes = NULL;
  g_autofree char *base = NULL;
  g_autofree char *uri = NULL;

  for (guint i = 0; i < N_SERVERS; i++)
    {
      g_autofree char *server_uri = NULL;

      fixture->servers[i] = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
      g_assert_no_error (error);
      server_uri = gredis_test_server_get_uri (fixture->servers[i]);
      fixture->plain[i] = gredis_client_new_for_uri (server_uri, &error);
      g_assert_no_error (error);
    }
  nodes = g_strdup_printf ("%s:%u,%s:%u",
                           gredis_test_server_get_host (fixture->servers[0]),
                           gredis_test_server_get_port (fixture->servers[0]),
                           gredis_test_server_get_host (fixture->servers[1]),
                           gredis_test_server_get_port (fixture->servers[1]));
  g_setenv ("GREDIS_TEST_SPREAD_NODES", nodes, TRUE);

  base = gredis_test_server_get_uri (fixture->servers[0]);
  uri = g_strdup_printf ("%s/?pool=test-spread", base);
  fixture->client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  gredis_client_close (fixture->client);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_object (&fixture->client);
  for (guint i = 0; i < N_SERVERS; i++)
    {
      g_clear_object (&fixture->plain[i]);
      gredis_test_server_stop (fixture->servers[i]);
    }
  g_unsetenv ("GREDIS_TEST_SPREAD_NODES");
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gint64
plain_integer (Fixture            *fixture,
               guint               server,
               const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (fixture->plain[server], argv, NULL,
                                                        &error);

  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  return gredis_reply_get_integer (reply);
}

/* Which server holds @key: asserts that exactly one does. */
static guint
server_of_key (Fixture    *fixture,
               const char *key)
{
  const char *argv[] = { "EXISTS", key, NULL };
  gint64 on[N_SERVERS];

  for (guint i = 0; i < N_SERVERS; i++)
    on[i] = plain_integer (fixture, i, argv);
  g_assert_cmpint (on[0] + on[1], ==, 1);
  return on[0] == 1 ? 0 : 1;
}

/* Both keys of a pair were written, one on each server. */
static void
assert_spread (Fixture    *fixture,
               const char *first,
               const char *second)
{
  guint a = server_of_key (fixture, first);
  guint b = server_of_key (fixture, second);

  g_test_message ("%s went to server %u, %s to server %u", first, a, second, b);
  g_assert_cmpuint (a, !=, b);
}

/* Asynchronous commands: the shared connection of each main context. */
static void
test_async (Fixture       *fixture,
            gconstpointer  data)
{
  const char *keys[] = { "async-0", "async-1" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GMainContext) context = g_main_context_new ();
      const char *argv[] = { "SET", keys[i], "value", NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = NULL;
      GAsyncResult *result = NULL;

      g_main_context_push_thread_default (context);
      gredis_client_command_async (fixture->client, argv, NULL, store_result, &result);
      while (result == NULL)
        g_main_context_iteration (context, TRUE);
      reply = gredis_client_command_finish (fixture->client, result, &error);
      g_object_unref (result);
      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "OK");

      /* Later commands of the context go on the same connection. */
      {
        const char *get[] = { "GET", keys[i], NULL };
        g_autoptr(GredisReply) got = NULL;

        result = NULL;
        gredis_client_command_async (fixture->client, get, NULL, store_result, &result);
        while (result == NULL)
          g_main_context_iteration (context, TRUE);
        got = gredis_client_command_finish (fixture->client, result, &error);
        g_object_unref (result);
        g_assert_no_error (error);
        g_assert_cmpstr (gredis_reply_get_string (got, NULL), ==, "value");
      }
      g_main_context_pop_thread_default (context);
    }
  assert_spread (fixture, keys[0], keys[1]);
}

/* The blocking API: a connection per call, through the interface's
 * blocking acquire (which this pool leaves to the fallback). */
static void
test_blocking (Fixture       *fixture,
               gconstpointer  data)
{
  const char *keys[] = { "sync-0", "sync-1" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      const char *argv[] = { "SET", keys[i], "value", NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command (fixture->client, argv, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "OK");
    }
  assert_spread (fixture, keys[0], keys[1]);
}

/* Pipelines: a batch on the shared connection of the blocking call's
 * context, and a transaction on an exclusive connection. */
static void
test_pipeline (Fixture       *fixture,
               gconstpointer  data)
{
  const char *keys[] = { "pipeline-0", "pipeline-1" };
  const char *transaction_keys[] = { "transaction-0", "transaction-1" };

  for (guint i = 0; i < G_N_ELEMENTS (keys); i++)
    {
      g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (fixture->client, FALSE);
      g_autoptr(GError) error = NULL;

      gredis_pipeline_add_set (pipeline, keys[i], "value");
      g_assert_true (gredis_pipeline_execute (pipeline, NULL, &error));
      g_assert_no_error (error);
    }
  assert_spread (fixture, keys[0], keys[1]);

  for (guint i = 0; i < G_N_ELEMENTS (transaction_keys); i++)
    {
      g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (fixture->client, TRUE);
      g_autoptr(GError) error = NULL;
      GAsyncResult *result = NULL;

      gredis_pipeline_add_set (pipeline, transaction_keys[i], "value");
      gredis_pipeline_execute_async (pipeline, NULL, store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (gredis_pipeline_execute_finish (pipeline, result, &error));
      g_object_unref (result);
      g_assert_no_error (error);
    }
  assert_spread (fixture, transaction_keys[0], transaction_keys[1]);
}

/* Pub/sub: each subscriber has an exclusive connection. */
static void
test_pubsub (Fixture       *fixture,
             gconstpointer  data)
{
  const char *channels[] = { "channel-0", "channel-1" };
  GredisPubSub *subscribers[G_N_ELEMENTS (channels)];
  guint server[G_N_ELEMENTS (channels)];

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      const char *names[] = { channels[i], NULL };
      g_autoptr(GError) error = NULL;
      GAsyncResult *result = NULL;

      subscribers[i] = gredis_pubsub_new (fixture->client);
      gredis_pubsub_subscribe_async (subscribers[i], names, NULL, store_result, &result);
      while (result == NULL)
        g_main_context_iteration (NULL, TRUE);
      g_assert_true (gredis_pubsub_subscribe_finish (subscribers[i], result, &error));
      g_object_unref (result);
      g_assert_no_error (error);
    }

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      const char *argv[] = { "PUBLISH", channels[i], "hello", NULL };
      gint64 receivers[N_SERVERS];

      /* PUBLISH answers how many subscribers got the message. */
      for (guint s = 0; s < N_SERVERS; s++)
        receivers[s] = plain_integer (fixture, s, argv);
      g_assert_cmpint (receivers[0] + receivers[1], ==, 1);
      server[i] = receivers[0] == 1 ? 0 : 1;
    }
  g_assert_cmpuint (server[0], !=, server[1]);

  for (guint i = 0; i < G_N_ELEMENTS (channels); i++)
    {
      gredis_pubsub_close (subscribers[i]);
      g_object_unref (subscribers[i]);
    }
}

int
main (int argc, char *argv[])
{
  const char *path = g_getenv ("GREDIS_PLUGIN_PATH");
  g_autofree char *plugin_path = NULL;

  /* The test pool's folder first, then the transports and parsers. */
  plugin_path = path != NULL && *path != '\0'
                ? g_strconcat (TEST_SPREAD_PLUGIN_DIR, G_SEARCHPATH_SEPARATOR_S, path, NULL)
                : g_strdup (TEST_SPREAD_PLUGIN_DIR);
  g_setenv ("GREDIS_PLUGIN_PATH", plugin_path, TRUE);

  g_test_init (&argc, &argv, NULL);

  g_test_add ("/pool-plugin/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  g_test_add ("/pool-plugin/blocking", Fixture, NULL, fixture_setup, test_blocking,
              fixture_teardown);
  g_test_add ("/pool-plugin/pipeline", Fixture, NULL, fixture_setup, test_pipeline,
              fixture_teardown);
  g_test_add ("/pool-plugin/pubsub", Fixture, NULL, fixture_setup, test_pubsub,
              fixture_teardown);

  return g_test_run ();
}
