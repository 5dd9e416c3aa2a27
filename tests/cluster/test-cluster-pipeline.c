/* test-cluster-pipeline.c: GredisPipeline on a real local cluster (3
 * primaries, 3 replicas): batches split by node, redirects, resharding,
 * transactions within one slot, a connection killed mid-pipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-key-slot-private.h"
#include "cluster-test-recorder.h"
#include "cluster-test-util.h"

static GredisTestCluster *cluster;

/* Helpers */

static gboolean
have_redis_cli (void)
{
  g_autofree char *path = g_find_program_in_path ("redis-cli");

  return path != NULL;
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

static GredisClient *
cluster_client_new_observed (const char *observe)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u%s%s",
                                          gredis_test_cluster_get_port (cluster, 3),
                                          observe != NULL ? "?observe=" : "",
                                          observe != NULL ? observe : "");
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

static GredisClient *
cluster_client_new (void)
{
  return cluster_client_new_observed (NULL);
}

/* A plain client to one node, to look at it behind the cluster client. */
static GredisClient *
node_client_new (guint node)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = gredis_test_cluster_get_uri (cluster, node);
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

/* The primary that holds keys of @slot, and another primary. */
static void
find_owner (guint  slot,
            guint *owner,
            guint *other)
{
  g_autofree char *slot_text = g_strdup_printf ("%u", slot);

  *owner = *other = GREDIS_TEST_CLUSTER_N_NODES;
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *count = NULL;

      if (!gredis_test_cluster_is_primary (cluster, node))
        continue;
      count = cluster_test_cli (cluster, node, "CLUSTER", "COUNTKEYSINSLOT", slot_text, NULL);
      if (g_ascii_strtoull (count, NULL, 10) > 0)
        *owner = node;
      else if (*other == GREDIS_TEST_CLUSTER_N_NODES)
        *other = node;
    }
  g_assert_cmpuint (*owner, <, GREDIS_TEST_CLUSTER_N_NODES);
  g_assert_cmpuint (*other, <, GREDIS_TEST_CLUSTER_N_NODES);
}

static guint
slot_of (const char *key)
{
  return gredis_key_slot ((const guint8 *) key, strlen (key));
}

static void
assert_text (GredisPipeline *pipeline,
             guint           index,
             const char     *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, index, &error);

  g_assert_no_error (error);
  if (expected == NULL)
    g_assert_true (gredis_reply_is_nil (reply));
  else
    g_assert_cmpstr (gredis_reply_get_text (reply), ==, expected);
}

static void
assert_integer (GredisPipeline *pipeline,
                guint           index,
                gint64          expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, index, &error);

  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, expected);
}

/* GET of @key through @client, or NULL. */
static char *
get_value (GredisClient *client,
           const char   *key)
{
  g_autoptr(GError) error = NULL;
  char *value = gredis_client_get (client, key, NULL, &error);

  g_assert_no_error (error);
  return value;
}

static void
execute (GredisPipeline *pipeline,
         gboolean        blocking)
{
  g_autoptr(GError) error = NULL;

  gboolean ran;

  if (blocking)
    ran = gredis_pipeline_execute (pipeline, NULL, &error);
  else
    {
      g_autoptr(GAsyncResult) result = NULL;

      gredis_pipeline_execute_async (pipeline, NULL, on_result, &result);
      ran = gredis_pipeline_execute_finish (pipeline, wait_result (&result), &error);
    }
  g_assert_no_error (error);
  g_assert_true (ran);
}

/* Moves @slot, whose keys are @keys, from its primary to another one with
 * CLUSTER SETSLOT IMPORTING/MIGRATING, MIGRATE and SETSLOT NODE, telling
 * no client. */
static void
move_slot (guint               slot,
           const char * const *keys)
{
  g_autofree char *slot_text = g_strdup_printf ("%u", slot);
  g_autofree char *owner_id = NULL;
  g_autofree char *target_id = NULL;
  g_autofree char *target_port = NULL;
  guint owner, target;

  find_owner (slot, &owner, &target);
  owner_id = gredis_test_cluster_get_node_id (cluster, owner);
  target_id = gredis_test_cluster_get_node_id (cluster, target);
  target_port = g_strdup_printf ("%u", gredis_test_cluster_get_port (cluster, target));

  g_free (cluster_test_cli (cluster, target, "CLUSTER", "SETSLOT", slot_text, "IMPORTING", owner_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "CLUSTER", "SETSLOT", slot_text, "MIGRATING", target_id, NULL));
  for (guint i = 0; keys[i] != NULL; i++)
    g_free (cluster_test_cli (cluster, owner, "MIGRATE", "127.0.0.1", target_port, keys[i], "0", "5000", NULL));
  g_free (cluster_test_cli (cluster, target, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
  g_free (cluster_test_cli (cluster, owner, "CLUSTER", "SETSLOT", slot_text, "NODE", target_id, NULL));
}

/* A thousand commands */

#define N_KEYS 250

/* 250 keys over all the slots, each SET, INCR, GET and INCR again: 1000
 * commands in one pipeline, results in the order queued, asynchronously
 * on a client that does not know the slot map yet, then blocking. */
static void
test_pipeline_thousand (void)
{
  const char *ping[] = { "PING", NULL };
  const char *echo[] = { "ECHO", "hello", NULL };

  for (guint blocking = 0; blocking <= 1; blocking++)
    {
      g_autoptr(GredisClient) client = cluster_client_new ();
      g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
      gboolean slots_seen[3] = { FALSE, };

      for (guint i = 0; i < N_KEYS; i++)
        {
          g_autofree char *key = g_strdup_printf ("thousand:%u:%u", blocking, i);
          g_autofree char *value = g_strdup_printf ("%u", i);

          gredis_pipeline_add_set (pipeline, key, value);
          gredis_pipeline_add_incrby (pipeline, key, 1);
          gredis_pipeline_add_get (pipeline, key);
          gredis_pipeline_add_incrby (pipeline, key, 1);
          /* The three primaries' thirds of the slots, as the fixture
           * creates them. */
          slots_seen[MIN (slot_of (key) * 3 / 16384, 2)] = TRUE;
        }
      g_assert_true (slots_seen[0] && slots_seen[1] && slots_seen[2]);
      /* Without a key: PING, sent to every primary by its tips, and ECHO
       * to any one. */
      gredis_pipeline_add_command (pipeline, ping);
      gredis_pipeline_add_command (pipeline, echo);
      g_assert_cmpuint (gredis_pipeline_get_n_commands (pipeline), ==, 4 * N_KEYS + 2);

      execute (pipeline, blocking);
      g_assert_cmpuint (gredis_pipeline_get_n_results (pipeline), ==, 4 * N_KEYS + 2);
      assert_text (pipeline, 4 * N_KEYS, "PONG");
      assert_text (pipeline, 4 * N_KEYS + 1, "hello");
      for (guint i = 0; i < N_KEYS; i++)
        {
          g_autofree char *after = g_strdup_printf ("%u", i + 1);

          assert_text (pipeline, 4 * i, "OK");
          assert_integer (pipeline, 4 * i + 1, i + 1);
          assert_text (pipeline, 4 * i + 2, after);
          assert_integer (pipeline, 4 * i + 3, i + 2);
        }

      /* The same pipeline object again, now with the map known. */
      for (guint i = 0; i < N_KEYS; i++)
        {
          g_autofree char *key = g_strdup_printf ("thousand:%u:%u", blocking, i);

          gredis_pipeline_add_get (pipeline, key);
        }
      execute (pipeline, blocking);
      for (guint i = 0; i < N_KEYS; i++)
        {
          g_autofree char *value = g_strdup_printf ("%u", i + 2);

          assert_text (pipeline, i, value);
        }
    }
}

/* A cluster pipeline cancelled while its commands are out fails with
 * the cancellation at once; the replies still in flight are read and
 * dropped, and the client's next pipelines get their own results. */
static void
test_pipeline_cancelled (void)
{
  g_autoptr(GredisClient) client = cluster_client_new ();
  g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  /* The map first, so that the batch goes out in this iteration. */
  g_assert_true (gredis_client_set (client, "cancel:warm", "1", 0, 0, NULL, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < 300; i++)
    {
      g_autofree char *key = g_strdup_printf ("cancel:%u", i);

      gredis_pipeline_add_incrby (pipeline, key, 1);
    }
  gredis_pipeline_execute_async (pipeline, cancellable, on_result, &result);
  g_cancellable_cancel (cancellable);
  g_assert_false (gredis_pipeline_execute_finish (pipeline, wait_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The client's connections, async and blocking, each command with its
   * own reply. */
  for (guint blocking = 0; blocking <= 1; blocking++)
    {
      g_autoptr(GredisPipeline) next = gredis_pipeline_new (client, FALSE);

      for (guint i = 0; i < 300; i++)
        {
          g_autofree char *key = g_strdup_printf ("cancel:%u", i);

          gredis_pipeline_add_get (next, key);
          gredis_pipeline_add_command (next, (const char *[]) { "ECHO", key, NULL });
        }
      execute (next, blocking);
      for (guint i = 0; i < 300; i++)
        {
          g_autofree char *key = g_strdup_printf ("cancel:%u", i);
          g_autoptr(GError) get_error = NULL;
          g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (next, 2 * i, &get_error);

          /* The INCR was sent before the cancellation, or not at all. */
          g_assert_no_error (get_error);
          g_assert_true (gredis_reply_is_nil (reply) ||
                         g_str_equal (gredis_reply_get_text (reply), "1"));
          assert_text (next, 2 * i + 1, key);
        }
    }
}

/* A stale map */

#define N_COUNTERS 8

/* Two clients learn the map, then a slot moves to another primary behind
 * their backs. A pipeline of INCRs over that slot and others gets MOVED
 * for the first: those commands are sent again alone, to the new node,
 * their results in their places, each applied once (asynchronously, then
 * blocking with the other client). */
static void
test_pipeline_stale_map (void)
{
  g_autoptr(GredisClient) async_client = cluster_client_new ();
  g_autoptr(GredisClient) blocking_client = cluster_client_new ();
  g_autoptr(GredisClient) checker = NULL;
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (g_free);
  guint slot = slot_of ("{stale}");

  for (guint i = 0; i < N_COUNTERS; i++)
    g_ptr_array_add (keys, g_strdup_printf ("{stale}c%u", i));
  g_ptr_array_add (keys, NULL);

  /* Both clients know the map: the counters start at zero. */
  for (guint c = 0; c < 2; c++)
    {
      g_autoptr(GredisPipeline) warm = gredis_pipeline_new (c == 0 ? async_client : blocking_client,
                                                            FALSE);

      for (guint i = 0; i < N_COUNTERS; i++)
        gredis_pipeline_add_set (warm, g_ptr_array_index (keys, i), "0");
      gredis_pipeline_add_set (warm, "stale:other", "0");
      execute (warm, c == 1);
    }

  move_slot (slot, (const char * const *) keys->pdata);

  for (guint round = 1; round <= 2; round++)
    {
      gboolean blocking = round == 2;
      g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (blocking ? blocking_client
                                                                         : async_client, FALSE);

      for (guint i = 0; i < N_COUNTERS; i++)
        {
          gredis_pipeline_add_incrby (pipeline, g_ptr_array_index (keys, i), 1);
          gredis_pipeline_add_incrby (pipeline, "stale:other", 1);
          gredis_pipeline_add_get (pipeline, g_ptr_array_index (keys, i));
        }
      execute (pipeline, blocking);
      for (guint i = 0; i < N_COUNTERS; i++)
        {
          g_autofree char *value = g_strdup_printf ("%u", round);

          assert_integer (pipeline, 3 * i, round);
          assert_integer (pipeline, 3 * i + 1, (round - 1) * N_COUNTERS + i + 1);
          assert_text (pipeline, 3 * i + 2, value);
        }
    }

  /* Applied once each, on the new node. */
  checker = cluster_client_new ();
  for (guint i = 0; i < N_COUNTERS; i++)
    {
      g_autofree char *value = get_value (checker, g_ptr_array_index (keys, i));

      g_assert_cmpstr (value, ==, "2");
    }
}

/* Resharding under a pipeline loop */

static guint64 ask_errors (void);

#define N_RESHARD_KEYS 40

typedef struct
{
  guint slot;
  char **keys;
  gint done;
} Resharding;

static gpointer
reshard_thread (gpointer data)
{
  Resharding *resharding = data;

  move_slot (resharding->slot, (const char * const *) resharding->keys);
  g_atomic_int_set (&resharding->done, 1);
  return NULL;
}

/* A slot is migrated key by key (IMPORTING/MIGRATING, MIGRATE of each
 * key, then SETSLOT NODE) while pipelines of INCRs over its keys run in a
 * loop, async and blocking in turn: a key already moved gets ASK, then
 * once the slot is given away MOVED; each INCR is acknowledged once and
 * applied once. This needs the router to follow ASK. */
static void
test_pipeline_resharding (void)
{
  g_autoptr(GredisClient) client = cluster_client_new ();
  g_autoptr(GredisClient) checker = NULL;
  g_autoptr(GThread) thread = NULL;
  Resharding resharding = { 0, };
  gint64 acks[N_RESHARD_KEYS] = { 0, };
  guint n_failed = 0;
  guint n_rounds = 0;
  guint64 asks;
  g_autoptr(GError) first_error = NULL;

  resharding.slot = slot_of ("{reshard}");
  resharding.keys = g_new0 (char *, N_RESHARD_KEYS + 1);
  for (guint i = 0; i < N_RESHARD_KEYS; i++)
    resharding.keys[i] = g_strdup_printf ("{reshard}k%u", i);
  {
    g_autoptr(GredisPipeline) warm = gredis_pipeline_new (client, FALSE);

    for (guint i = 0; i < N_RESHARD_KEYS; i++)
      gredis_pipeline_add_set (warm, resharding.keys[i], "0");
    execute (warm, FALSE);
  }

  asks = ask_errors ();
  thread = g_thread_new ("reshard", reshard_thread, &resharding);
  /* A few rounds after the move too, on the map it left. */
  for (guint after = 0; after < 3; after += g_atomic_int_get (&resharding.done))
    {
      g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
      gboolean blocking = n_rounds++ % 2 == 1;

      for (guint i = 0; i < N_RESHARD_KEYS; i++)
        gredis_pipeline_add_incrby (pipeline, resharding.keys[i], 1);
      gredis_pipeline_add_set (pipeline, "reshard:elsewhere", "x");
      execute (pipeline, blocking);
      for (guint i = 0; i < N_RESHARD_KEYS; i++)
        {
          g_autoptr(GError) error = NULL;
          g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, i, &error);

          if (reply != NULL)
            {
              acks[i]++;
              g_assert_cmpint (gredis_reply_get_integer (reply), ==, acks[i]);
            }
          else
            {
              n_failed++;
              if (first_error == NULL)
                first_error = g_steal_pointer (&error);
            }
        }
      assert_text (pipeline, N_RESHARD_KEYS, "OK");
    }
  g_thread_join (g_steal_pointer (&thread));
  g_test_message ("%u pipelines of %u INCRs during the resharding, %u failed, %"
                  G_GUINT64_FORMAT " ASK answered", n_rounds, N_RESHARD_KEYS, n_failed,
                  ask_errors () - asks);

  /* Every acknowledged INCR applied, none twice. */
  checker = cluster_client_new ();
  for (guint i = 0; i < N_RESHARD_KEYS; i++)
    {
      g_autofree char *value = get_value (checker, resharding.keys[i]);

      g_assert_cmpint (g_ascii_strtoll (value, NULL, 10), ==, acks[i]);
    }
  g_assert_no_error (first_error);
  g_assert_cmpuint (n_failed, ==, 0);
  g_strfreev (resharding.keys);
}

/* Transactions */

/* The calls of MULTI on @node, from INFO commandstats. */
static guint64
multi_calls_on (guint node)
{
  g_autofree char *stats = cluster_test_cli (cluster, node, "INFO", "commandstats", NULL);
  const char *line = strstr (stats, "cmdstat_multi:calls=");

  return line != NULL ? g_ascii_strtoull (line + strlen ("cmdstat_multi:calls="), NULL, 10) : 0;
}

/* The errors @prefix (MOVED, ASK) @node answered, from INFO errorstats. */
static guint64
errors_on (guint       node,
           const char *prefix)
{
  g_autofree char *stats = cluster_test_cli (cluster, node, "INFO", "errorstats", NULL);
  g_autofree char *field = g_strdup_printf ("errorstat_%s:count=", prefix);
  const char *line = strstr (stats, field);

  return line != NULL ? g_ascii_strtoull (line + strlen (field), NULL, 10) : 0;
}

static guint64
moved_on (guint node)
{
  return errors_on (node, "MOVED");
}

/* The ASK errors of every primary. */
static guint64
ask_errors (void)
{
  guint64 total = 0;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (gredis_test_cluster_is_primary (cluster, node))
      total += errors_on (node, "ASK");
  return total;
}

/* The calls of MULTI on every primary. */
static guint64
multi_calls (void)
{
  guint64 total = 0;

  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (gredis_test_cluster_is_primary (cluster, node))
      total += multi_calls_on (node);
  return total;
}

static void
watch (GredisPipeline     *pipeline,
       const char * const *keys,
       gboolean            blocking)
{
  g_autoptr(GError) error = NULL;

  if (blocking)
    g_assert_true (gredis_pipeline_watch (pipeline, keys, NULL, &error));
  else
    {
      g_autoptr(GAsyncResult) result = NULL;

      gredis_pipeline_watch_async (pipeline, keys, NULL, on_result, &result);
      g_assert_true (gredis_pipeline_watch_finish (pipeline, wait_result (&result), &error));
    }
  g_assert_no_error (error);
}

/* MULTI … EXEC, with and without WATCH, on keys of one hash tag go to
 * that slot's primary and no other (MULTI seen on no other node, no node
 * answering MOVED), asynchronously and blocking, for a tag on each
 * primary; a change of a watched key from elsewhere stops the
 * transaction. */
static void
test_transaction_one_slot (void)
{
  g_autoptr(GredisClient) client = cluster_client_new ();
  g_autoptr(GredisClient) other = cluster_client_new ();

  for (guint third = 0; third < 3; third++)
    {
      g_autofree char *tag = NULL;
      g_autofree char *a = NULL;
      g_autofree char *b = NULL;
      g_autofree char *final_b = NULL;
      const char *watched[2] = { NULL, NULL };
      guint64 multis[GREDIS_TEST_CLUSTER_N_NODES];
      guint64 moved[GREDIS_TEST_CLUSTER_N_NODES];
      guint owner, elsewhere;

      /* A tag whose slot is in this primary's third. */
      for (guint i = 0; tag == NULL || slot_of (tag) * 3 / 16384 != third; i++)
        {
          g_free (tag);
          tag = g_strdup_printf ("{tx%u}", i);
        }
      a = g_strconcat (tag, "a", NULL);
      b = g_strconcat (tag, "b", NULL);
      watched[0] = a;
      g_assert_true (gredis_client_set (other, a, "0", 0, 0, NULL, NULL));
      find_owner (slot_of (tag), &owner, &elsewhere);
      for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
        {
          multis[node] = gredis_test_cluster_is_primary (cluster, node) ? multi_calls_on (node) : 0;
          moved[node] = moved_on (node);
        }

      for (guint blocking = 0; blocking <= 1; blocking++)
        {
          g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, TRUE);
          g_autoptr(GError) error = NULL;
          g_autofree char *expected = g_strdup_printf ("%u", blocking + 1);

          watch (pipeline, watched, blocking);
          g_assert_true (gredis_pipeline_get_watching (pipeline));
          gredis_pipeline_add_set (pipeline, a, expected);
          gredis_pipeline_add_incrby (pipeline, b, 1);
          gredis_pipeline_add_get (pipeline, a);
          execute (pipeline, blocking);
          assert_text (pipeline, 0, "OK");
          assert_integer (pipeline, 1, blocking ? 12 : 1);
          assert_text (pipeline, 2, expected);

          /* A watched key changed by another client: nothing runs. */
          watch (pipeline, watched, blocking);
          g_assert_true (gredis_client_set (other, a, "changed", 0, 0, NULL, &error));
          g_assert_no_error (error);
          gredis_pipeline_add_incrby (pipeline, b, 100);
          if (blocking)
            g_assert_false (gredis_pipeline_execute (pipeline, NULL, &error));
          else
            {
              g_autoptr(GAsyncResult) result = NULL;

              gredis_pipeline_execute_async (pipeline, NULL, on_result, &result);
              g_assert_false (gredis_pipeline_execute_finish (pipeline, wait_result (&result),
                                                              &error));
            }
          g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WATCH);
          g_clear_error (&error);

          /* Without a watch. */
          gredis_pipeline_add_incrby (pipeline, b, 10);
          gredis_pipeline_add_get (pipeline, b);
          execute (pipeline, blocking);
          assert_integer (pipeline, 0, blocking ? 22 : 11);
          assert_text (pipeline, 1, blocking ? "22" : "11");
        }
      final_b = get_value (other, b);
      g_assert_cmpstr (final_b, ==, "22");
      /* Four transactions ran and two were stopped, all on the owner. */
      for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
        {
          if (!gredis_test_cluster_is_primary (cluster, node))
            continue;
          g_test_message ("MULTI on node %u: %" G_GUINT64_FORMAT " then %" G_GUINT64_FORMAT,
                          node, multis[node], multi_calls_on (node));
          if (node == owner)
            g_assert_cmpuint (multi_calls_on (node), ==, multis[node] + 6);
          else
            g_assert_cmpuint (multi_calls_on (node), ==, multis[node]);
          g_assert_cmpuint (moved_on (node), ==, moved[node]);
        }
    }
}

/* A transaction whose slot moved behind the client's back: the server
 * refuses it whole (MOVED at queue time, EXECABORT), so it is sent once
 * more to the new node and runs there once, asynchronously and blocking;
 * with keys watched on the old node it fails as a changed watch, and
 * nothing ran. */
static void
test_transaction_moved (void)
{
  for (guint blocking = 0; blocking <= 1; blocking++)
    {
      g_autoptr(GredisClient) client = cluster_client_new ();
      g_autoptr(GredisClient) checker = NULL;
      g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, TRUE);
      g_autoptr(GError) error = NULL;
      g_autofree char *key = g_strdup_printf ("{txmoved%u}k", blocking);
      g_autofree char *watched_key = g_strdup_printf ("{txwatched%u}k", blocking);
      g_autofree char *value = NULL;
      g_autofree char *watched_value = NULL;
      const char *keys[] = { key, NULL };
      const char *watched[] = { watched_key, NULL };

      /* The client knows the map, and watches one key. */
      g_assert_true (gredis_client_set (client, key, "0", 0, 0, NULL, &error));
      g_assert_true (gredis_client_set (client, watched_key, "0", 0, 0, NULL, &error));
      g_assert_no_error (error);
      watch (pipeline, watched, blocking);

      move_slot (slot_of (key), keys);
      move_slot (slot_of (watched_key), watched);
      gredis_pipeline_add_incrby (pipeline, watched_key, 1);
      if (blocking)
        g_assert_false (gredis_pipeline_execute (pipeline, NULL, &error));
      else
        {
          g_autoptr(GAsyncResult) result = NULL;

          gredis_pipeline_execute_async (pipeline, NULL, on_result, &result);
          g_assert_false (gredis_pipeline_execute_finish (pipeline, wait_result (&result), &error));
        }
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WATCH);
      g_clear_error (&error);

      gredis_pipeline_add_incrby (pipeline, key, 1);
      gredis_pipeline_add_get (pipeline, key);
      execute (pipeline, blocking);
      assert_integer (pipeline, 0, 1);
      assert_text (pipeline, 1, "1");

      checker = cluster_client_new ();
      value = get_value (checker, key);
      g_assert_cmpstr (value, ==, "1");
      watched_value = get_value (checker, watched_key);
      g_assert_cmpstr (watched_value, ==, "0");
    }
}

/* A transaction whose keys are in several slots fails with CROSSSLOT
 * before anything is sent: no MULTI reached any node, no key was set;
 * so does one whose commands are in another slot than its watched keys,
 * and a watch of keys in several slots. */
static void
test_transaction_cross_slot (void)
{
  g_autoptr(GredisClient) client = cluster_client_new ();
  const char *watched[] = { "{cross}w", NULL };
  guint64 multis = multi_calls ();

  for (guint blocking = 0; blocking <= 1; blocking++)
    {
      g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, TRUE);
      g_autoptr(GError) error = NULL;
      g_autoptr(GError) result_error = NULL;
      g_autoptr(GredisReply) reply = NULL;

      gredis_pipeline_add_set (pipeline, "{a}cross", "1");
      gredis_pipeline_add_set (pipeline, "{b}cross", "2");
      if (blocking)
        g_assert_false (gredis_pipeline_execute (pipeline, NULL, &error));
      else
        {
          g_autoptr(GAsyncResult) result = NULL;

          gredis_pipeline_execute_async (pipeline, NULL, on_result, &result);
          g_assert_false (gredis_pipeline_execute_finish (pipeline, wait_result (&result), &error));
        }
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
      g_assert_cmpuint (gredis_pipeline_get_n_results (pipeline), ==, 2);
      reply = gredis_pipeline_get_reply (pipeline, 1, &result_error);
      g_assert_null (reply);
      g_assert_error (result_error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
      g_clear_error (&error);

      /* Watched keys in one slot, commands in another. */
      if (blocking)
        g_assert_true (gredis_pipeline_watch (pipeline, watched, NULL, &error));
      else
        {
          g_autoptr(GAsyncResult) result = NULL;

          gredis_pipeline_watch_async (pipeline, watched, NULL, on_result, &result);
          g_assert_true (gredis_pipeline_watch_finish (pipeline, wait_result (&result), &error));
        }
      g_assert_no_error (error);
      gredis_pipeline_add_set (pipeline, "{a}cross", "3");
      if (blocking)
        g_assert_false (gredis_pipeline_execute (pipeline, NULL, &error));
      else
        {
          g_autoptr(GAsyncResult) result = NULL;

          gredis_pipeline_execute_async (pipeline, NULL, on_result, &result);
          g_assert_false (gredis_pipeline_execute_finish (pipeline, wait_result (&result), &error));
        }
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
      gredis_pipeline_reset (pipeline);
    }

  /* Keys to watch in several slots: none is watched. */
  {
    g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, TRUE);
    const char *apart[] = { "{a}cross", "{b}cross", NULL };
    g_autoptr(GError) error = NULL;

    g_assert_false (gredis_pipeline_watch (pipeline, apart, NULL, &error));
    g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT);
    g_assert_false (gredis_pipeline_get_watching (pipeline));
  }

  g_assert_null (get_value (client, "{a}cross"));
  g_assert_null (get_value (client, "{b}cross"));
  g_assert_cmpuint (multi_calls (), ==, multis);
}

/* A killed connection */

/* The blocked clients of @node. */
static guint
blocked_clients (GredisClient *node_client)
{
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "INFO", "clients", NULL };
  g_autoptr(GredisReply) reply = gredis_client_command (node_client, argv, NULL, &error);
  const char *line;

  g_assert_no_error (error);
  line = strstr (gredis_reply_get_text (reply), "blocked_clients:");
  g_assert_nonnull (line);
  return (guint) g_ascii_strtoull (line + strlen ("blocked_clients:"), NULL, 10);
}

/* A pipeline's connection to one node is killed (CLIENT KILL) while that
 * node holds the rest of the batch behind a BLPOP: the INCR answered
 * before keeps its result, the writes without a reply (the BLPOP, an
 * INCR) fail with UNKNOWN_OUTCOME and are not sent again (the server
 * never ran the INCR: its key stays unset), a GET without a reply is
 * sent again, and the commands for the other nodes are untouched. */
static void
test_pipeline_killed_connection (void)
{
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisClient) node_client = NULL;
  g_autoptr(GredisPipeline) pipeline = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  const char *blpop[] = { "BLPOP", "{kill}list", "20", NULL };
  const char *kill[] = { "CLIENT", "KILL", "TYPE", "normal", "SKIPME", "yes", NULL };
  guint owner, other;

  cluster_test_recorder_register ();
  client = cluster_client_new_observed ("cluster-test-recorder");
  pipeline = gredis_pipeline_new (client, FALSE);
  g_assert_true (gredis_client_set (client, "{kill}before", "0", 0, 0, NULL, &error));
  g_assert_no_error (error);
  find_owner (slot_of ("{kill}"), &owner, &other);
  node_client = node_client_new (owner);

  gredis_pipeline_add_incrby (pipeline, "{kill}before", 1);
  gredis_pipeline_add_set (pipeline, "kill:elsewhere:1", "a");
  gredis_pipeline_add_command (pipeline, blpop);
  gredis_pipeline_add_incrby (pipeline, "{kill}after", 1);
  gredis_pipeline_add_get (pipeline, "{kill}before");
  gredis_pipeline_add_set (pipeline, "kill:elsewhere:2", "b");
  gredis_pipeline_execute_async (pipeline, NULL, on_result, &result);

  /* Until the node blocks on the BLPOP. */
  while (blocked_clients (node_client) == 0)
    {
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
  g_assert_null (result);
  {
    g_autoptr(GredisReply) killed = gredis_client_command (node_client, kill, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpint (gredis_reply_get_integer (killed), >=, 1);
  }

  g_assert_true (gredis_pipeline_execute_finish (pipeline, wait_result (&result), &error));
  g_assert_no_error (error);
  assert_integer (pipeline, 0, 1);
  assert_text (pipeline, 1, "OK");
  for (guint i = 2; i <= 3; i++)
    {
      g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, i, &error);

      g_assert_null (reply);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME);
      g_clear_error (&error);
    }
  assert_text (pipeline, 4, "1");
  assert_text (pipeline, 5, "OK");

  /* Never sent twice: the INCR the server did not run stays undone. */
  {
    g_autofree char *after = get_value (node_client, "{kill}after");
    g_autofree char *before = get_value (node_client, "{kill}before");

    g_assert_null (after);
    g_assert_cmpstr (before, ==, "1");
  }

  /* The observers saw the GET fail with its connection, a retry, and the
   * GET sent again alone as its second attempt; the writes were not
   * sent again. */
  g_assert_cmpuint (cluster_test_recorder_count ("GET 1 connection"), ==, 1);
  g_assert_cmpuint (cluster_test_recorder_count ("retry GET 2"), ==, 1);
  g_assert_cmpuint (cluster_test_recorder_count ("GET 2 -"), ==, 1);
  g_assert_cmpuint (cluster_test_recorder_count ("GET 1 -"), ==, 0);
  g_assert_cmpuint (cluster_test_recorder_count ("retry INCRBY 2"), ==, 0);
  g_assert_cmpuint (cluster_test_recorder_count ("INCRBY 2 -"), ==, 0);
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
      g_test_add_func ("/cluster-pipeline/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster-pipeline/thousand", test_pipeline_thousand);
  g_test_add_func ("/cluster-pipeline/stale-map", test_pipeline_stale_map);
  g_test_add_func ("/cluster-pipeline/cancelled", test_pipeline_cancelled);
  g_test_add_func ("/cluster-pipeline/killed-connection", test_pipeline_killed_connection);
  g_test_add_func ("/cluster-pipeline/transaction/one-slot", test_transaction_one_slot);
  g_test_add_func ("/cluster-pipeline/transaction/cross-slot", test_transaction_cross_slot);
  g_test_add_func ("/cluster-pipeline/transaction/moved", test_transaction_moved);
  /* Last: it needs the router to follow ASK. */
  g_test_add_func ("/cluster-pipeline/under-load/resharding", test_pipeline_resharding);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
