/* test-cluster-redirect.c: ASK, MOVED, TRYAGAIN and the refresh of the
 * slot map, on a real local cluster resharded under load
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "cluster-test-load.h"
#include "cluster-test-recorder.h"

/* The clients of these tests refresh their map only when a redirect asks
 * for it: a periodic refresh could learn a move before any MOVED. */
#define NO_PERIODIC "cluster-refresh-interval-ms=0"

static guint
slot_of (const char *key)
{
  return gredis_key_slot ((const guint8 *) key, strlen (key));
}

/* A slot being moved, with the keys that are in it. */
typedef struct
{
  guint slot;
  guint owner;
  guint target;
  char *slot_text;
  char *owner_id;
  char *target_id;
  char *target_port;
  GPtrArray *keys;             /* char *, those still to migrate */
} Move;

static Move *
move_new (const char *tag)
{
  g_autofree char *key = g_strdup_printf ("{%s}", tag);
  Move *move = g_new0 (Move, 1);

  move->slot = slot_of (key);
  move->owner = cluster_test_primary_of (move->slot);
  move->target = cluster_test_other_primary (move->owner);
  move->slot_text = g_strdup_printf ("%u", move->slot);
  move->owner_id = gredis_test_cluster_get_node_id (cluster_test_cluster, move->owner);
  move->target_id = gredis_test_cluster_get_node_id (cluster_test_cluster, move->target);
  move->target_port = g_strdup_printf ("%u", gredis_test_cluster_get_port (cluster_test_cluster,
                                                                           move->target));
  move->keys = g_ptr_array_new_with_free_func (g_free);
  g_test_message ("slot %u moves from node %u to node %u", move->slot, move->owner, move->target);
  return move;
}

static void
move_free (Move *move)
{
  g_free (move->slot_text);
  g_free (move->owner_id);
  g_free (move->target_id);
  g_free (move->target_port);
  g_ptr_array_unref (move->keys);
  g_free (move);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Move, move_free)

/* CLUSTER SETSLOT IMPORTING on the target, MIGRATING on the owner, and
 * the keys of the slot listed. */
static gpointer
move_begin (gpointer data)
{
  Move *move = data;
  g_autofree char *keys = NULL;
  g_auto(GStrv) lines = NULL;

  g_free (cluster_test_cli (move->target, "CLUSTER", "SETSLOT", move->slot_text, "IMPORTING",
                            move->owner_id, NULL));
  g_free (cluster_test_cli (move->owner, "CLUSTER", "SETSLOT", move->slot_text, "MIGRATING",
                            move->target_id, NULL));
  keys = cluster_test_cli (move->owner, "CLUSTER", "GETKEYSINSLOT", move->slot_text, "1000", NULL);
  lines = g_strsplit (keys, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0')
      g_ptr_array_add (move->keys, g_strdup (lines[i]));
  g_ptr_array_sort (move->keys, (GCompareFunc) g_strcmp0);
  return NULL;
}

/* MIGRATE of each key, one after the other, up to @n of them. */
static void
move_keys (Move  *move,
           guint  n)
{
  while (n-- > 0 && move->keys->len > 0)
    {
      g_autofree char *key = g_ptr_array_steal_index (move->keys, move->keys->len - 1);

      g_free (cluster_test_cli (move->owner, "MIGRATE", "127.0.0.1", move->target_port, key, "0",
                                "5000", NULL));
    }
}

static gpointer
move_half (gpointer data)
{
  Move *move = data;

  move_keys (move, move->keys->len / 2);
  return NULL;
}

/* The rest of the keys, then CLUSTER SETSLOT NODE on every primary. */
static gpointer
move_end (gpointer data)
{
  Move *move = data;

  move_keys (move, G_MAXUINT);
  g_free (cluster_test_cli (move->target, "CLUSTER", "SETSLOT", move->slot_text, "NODE",
                            move->target_id, NULL));
  g_free (cluster_test_cli (move->owner, "CLUSTER", "SETSLOT", move->slot_text, "NODE",
                            move->target_id, NULL));
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    if (node != move->owner && node != move->target &&
        gredis_test_cluster_is_primary (cluster_test_cluster, node))
      g_free (cluster_test_cli (node, "CLUSTER", "SETSLOT", move->slot_text, "NODE",
                                move->target_id, NULL));
  return NULL;
}

static gpointer
move_all (gpointer data)
{
  move_begin (data);
  move_end (data);
  return NULL;
}

/* Resharding under load */

typedef struct
{
  ClusterTestLoad *load;
  GredisClient *clients[2];
  guint64 ask[2];
  guint64 moved[2];
  gboolean want_ask;
} Watch;

static gboolean
redirected_and_progressed (gpointer data)
{
  Watch *watch = data;

  for (guint i = 0; i < 2; i++)
    {
      if (watch->want_ask && gredis_client_get_ask_redirects (watch->clients[i]) <= watch->ask[i])
        return FALSE;
      if (!watch->want_ask && gredis_client_get_moved_redirects (watch->clients[i]) <= watch->moved[i])
        return FALSE;
    }
  return cluster_test_load_progressed (watch->load, 3);
}

static gboolean
load_started (gpointer data)
{
  return cluster_test_load_progressed (data, 3);
}

/* A slot with keys moved (SETSLOT IMPORTING/MIGRATING, MIGRATE, SETSLOT
 * NODE) while asynchronous and blocking callers INCR each key: during the
 * migration they follow ASK replies, after it MOVED ones, and every INCR
 * succeeds, exactly once, with its own reply. */
static void
test_resharding_under_load (void)
{
  g_autoptr(GredisClient) async_client = cluster_test_client_new (NO_PERIODIC);
  g_autoptr(GredisClient) blocking_client = cluster_test_client_new (NO_PERIODIC);
  g_autoptr(Move) move = NULL;
  Watch watch = { NULL, { async_client, blocking_client }, };

  watch.load = cluster_test_load_start (async_client, blocking_client, 12, 4, "reshard");
  move = move_new ("reshard");

  cluster_test_load_mark (watch.load);
  cluster_test_iterate_until (load_started, watch.load, 30, "the load to start");
  for (guint i = 0; i < 2; i++)
    watch.ask[i] = gredis_client_get_ask_redirects (watch.clients[i]);
  g_assert_cmpuint (watch.ask[0] + watch.ask[1], ==, 0);

  /* Half of the keys on the target: ASK for those. */
  cluster_test_run_aside (move_begin, move);
  g_assert_cmpuint (move->keys->len, ==, 16);
  cluster_test_run_aside (move_half, move);
  cluster_test_load_mark (watch.load);
  watch.want_ask = TRUE;
  cluster_test_iterate_until (redirected_and_progressed, &watch, 30,
                              "ASK redirects while the slot migrates");

  /* The slot moved: MOVED once, then the new owner directly. */
  for (guint i = 0; i < 2; i++)
    watch.moved[i] = gredis_client_get_moved_redirects (watch.clients[i]);
  cluster_test_run_aside (move_end, move);
  cluster_test_load_mark (watch.load);
  watch.want_ask = FALSE;
  cluster_test_iterate_until (redirected_and_progressed, &watch, 30,
                              "MOVED redirects once the slot moved");

  cluster_test_load_stop (watch.load);
  g_test_message ("ASK followed: %" G_GUINT64_FORMAT " async, %" G_GUINT64_FORMAT
                  " blocking; MOVED: %" G_GUINT64_FORMAT ", %" G_GUINT64_FORMAT,
                  gredis_client_get_ask_redirects (async_client),
                  gredis_client_get_ask_redirects (blocking_client),
                  gredis_client_get_moved_redirects (async_client),
                  gredis_client_get_moved_redirects (blocking_client));
  cluster_test_load_check (watch.load, blocking_client, "resharding", TRUE);
  cluster_test_load_free (watch.load);
}

/* TRYAGAIN */

typedef struct
{
  Move *move;
  guint64 tryagain_before;
} TryAgain;

static guint64
tryagain_count (guint node)
{
  g_autofree char *stats = cluster_test_cli (node, "INFO", "errorstats", NULL);
  const char *p = strstr (stats, "errorstat_TRYAGAIN:count=");

  return p != NULL ? g_ascii_strtoull (p + strlen ("errorstat_TRYAGAIN:count="), NULL, 10) : 0;
}

/* Once the owner refused both MGETs with TRYAGAIN a few times, the
 * migration ends. */
static gpointer
end_after_tryagain (gpointer data)
{
  TryAgain *tryagain = data;

  while (tryagain_count (tryagain->move->owner) < tryagain->tryagain_before + 4)
    g_usleep (10 * 1000);
  move_end (tryagain->move);
  return NULL;
}

static gpointer
mget_blocking (gpointer data)
{
  const char *argv[] = { "MGET", "{again}:a", "{again}:b", NULL };
  g_autoptr(GError) error = NULL;
  GredisReply *reply = gredis_client_command (data, argv, NULL, &error);

  g_assert_no_error (error);
  return reply;
}

static void
check_mget (GredisReply *reply)
{
  g_assert_cmpuint (gredis_reply_get_n_elements (reply), ==, 2);
  g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL), ==, "A");
  g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL), ==, "B");
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static gboolean
has_result (gpointer data)
{
  return *(GAsyncResult **) data != NULL;
}

/* A multi-key command over keys of a slot half migrated: the owner
 * answers TRYAGAIN until the migration ends; async and blocking, the
 * command waits (backoff, within the redirect cap; no other retry) and
 * then succeeds. */
static void
test_tryagain_waited_out (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (
    NO_PERIODIC "&retries=0&max-redirects=100&backoff-base-ms=20&backoff-cap-ms=100");
  static const char * const set[] = { "MSET", "{again}:a", "A", "{again}:b", "B", NULL };
  const char *argv[] = { "MGET", "{again}:a", "{again}:b", NULL };
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GredisReply) blocking_reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Move) move = NULL;
  GThread *thread;
  TryAgain tryagain;

  reply = gredis_client_command (client, set, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  move = move_new ("again");
  cluster_test_run_aside (move_begin, move);
  g_assert_cmpuint (move->keys->len, ==, 2);
  /* {again}:b moves, {again}:a stays: together, TRYAGAIN. */
  cluster_test_run_aside (move_half, move);

  tryagain.move = move;
  tryagain.tryagain_before = tryagain_count (move->owner);
  gredis_client_command_async (client, argv, NULL, on_result, &result);
  thread = g_thread_new ("mget", mget_blocking, client);
  cluster_test_run_aside (end_after_tryagain, &tryagain);

  cluster_test_iterate_until (has_result, &result, 30, "the asynchronous MGET");
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_no_error (error);
  check_mget (reply);
  blocking_reply = g_thread_join (thread);
  check_mget (blocking_reply);
  g_assert_cmpuint (tryagain_count (move->owner), >=, tryagain.tryagain_before + 4);
}

/* A blocking command whose key was migrated while its slot is still
 * MIGRATING: the owner answers ASK, and the command goes once to the
 * importing node after ASKING, on an exclusive connection; async and
 * blocking. The map is left alone (no MOVED is counted). */
static gpointer
blpop_blocking (gpointer data)
{
  const char * const argv[] = { "BLPOP", "{blask}:list", "5", NULL };

  return gredis_client_command (data, argv, NULL, NULL);
}

static void
test_blocking_command_ask (void)
{
  g_autoptr(GredisClient) client = NULL;
  static const char * const push[] = { "RPUSH", "{blask}:list", "one", "two", NULL };
  const char * const blpop[] = { "BLPOP", "{blask}:list", "5", NULL };
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GredisReply) blocking_reply = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Move) move = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;
  guint64 ask_before, moved_before;
  GThread *thread;

  cluster_test_recorder_register ();
  client = cluster_test_client_new (NO_PERIODIC "&observe=cluster-test-recorder");
  reply = gredis_client_command (client, push, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  move = move_new ("blask");
  cluster_test_run_aside (move_begin, move);
  g_assert_cmpuint (move->keys->len, ==, 1);
  /* The list is on the importing node now; the slot is still migrating. */
  move_keys (move, 1);
  g_assert_cmpuint (move->keys->len, ==, 0);
  ask_before = gredis_client_get_ask_redirects (client);
  moved_before = gredis_client_get_moved_redirects (client);

  gredis_client_command_async (client, blpop, NULL, on_result, &result);
  cluster_test_iterate_until (has_result, &result, 30, "the asynchronous BLPOP");
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_no_error (error);
  thread = g_thread_new ("blpop", blpop_blocking, client);
  blocking_reply = g_thread_join (thread);
  g_assert_nonnull (blocking_reply);

  g_assert_cmpuint (gredis_reply_get_n_elements (reply), ==, 2);
  g_assert_cmpuint (gredis_reply_get_n_elements (blocking_reply), ==, 2);
  first = g_strdup (gredis_reply_get_text (gredis_reply_get_element (reply, 1)));
  second = g_strdup (gredis_reply_get_text (gredis_reply_get_element (blocking_reply, 1)));
  g_assert_cmpstr (first, ==, "one");
  g_assert_cmpstr (second, ==, "two");
  g_assert_cmpuint (gredis_client_get_ask_redirects (client), ==, ask_before + 2);
  g_assert_cmpuint (gredis_client_get_moved_redirects (client), ==, moved_before);
  /* Each BLPOP was sent twice: refused with ASK, then after ASKING, its
   * second attempt. */
  g_assert_cmpuint (cluster_test_recorder_count ("BLPOP 1 ASK"), ==, 2);
  g_assert_cmpuint (cluster_test_recorder_count ("BLPOP 2 -"), ==, 2);
  g_assert_cmpuint (cluster_test_recorder_count ("BLPOP 1 -"), ==, 0);
  cluster_test_run_aside (move_end, move);
}

/* A burst of MOVED */

typedef struct
{
  guint changes;
  guint n_signals;
} Changes;

static void
on_topology_changed (GredisClient *client,
                     guint         changes,
                     gpointer      user_data)
{
  Changes *seen = user_data;

  seen->changes |= changes;
  seen->n_signals++;
}

static gboolean
slots_changed (gpointer data)
{
  return (((Changes *) data)->changes & GREDIS_TOPOLOGY_CHANGE_SLOTS) != 0;
}

typedef struct
{
  GAsyncResult **results;
  guint n;
} Burst;

static gboolean
burst_done (gpointer data)
{
  Burst *burst = data;

  for (guint i = 0; i < burst->n; i++)
    if (burst->results[i] == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
window_passed (gpointer data)
{
  return g_get_monotonic_time () >= *(gint64 *) data;
}

#define BURST 200

/* A slot moved behind the client's back, then 200 GETs sent at once:
 * each is answered MOVED and followed, and the map is fetched again
 * once or twice (at most once per rate-limit window, never twice at a
 * time); the refresh reports the slots moved with ::topology-changed. */
static void
test_moved_burst_one_refresh (void)
{
  g_autoptr(GredisClient) client = cluster_test_client_new (NO_PERIODIC "&observe=metrics");
  static const char * const set[] = { "SET", "{burst}:k", "v", NULL };
  g_autoptr(GVariant) metrics = NULL;
  guint64 metrics_moved = 0, metrics_changes = 0;
  const char *get[] = { "GET", "{burst}:k", NULL };
  GAsyncResult *results[BURST] = { NULL, };
  Burst burst = { results, BURST };
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(Move) move = NULL;
  Changes seen = { 0, 0 };
  guint64 moved, refreshes;
  gint64 window_end;

  reply = gredis_client_command (client, set, NULL, &error);
  g_assert_no_error (error);
  g_signal_connect (client, "topology-changed", G_CALLBACK (on_topology_changed), &seen);
  moved = gredis_client_get_moved_redirects (client);
  refreshes = gredis_client_get_topology_refreshes (client);
  g_assert_cmpuint (refreshes, ==, 1);

  /* An asynchronous GET first: the client now knows the slot's
   * connection, which the move makes the wrong one. */
  gredis_client_command_async (client, get, NULL, on_result, &results[0]);
  cluster_test_iterate_until (has_result, &results[0], 30, "the first GET");
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = gredis_client_command_finish (client, results[0], &error);
  g_assert_no_error (error);
  g_clear_object (&results[0]);

  move = move_new ("burst");
  cluster_test_run_aside (move_all, move);

  for (guint i = 0; i < BURST; i++)
    gredis_client_command_async (client, get, NULL, on_result, &results[i]);
  cluster_test_iterate_until (burst_done, &burst, 30, "the burst of GETs");
  for (guint i = 0; i < BURST; i++)
    {
      g_autoptr(GredisReply) value = gredis_client_command_finish (client, results[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (value, NULL), ==, "v");
      g_object_unref (results[i]);
    }
  g_assert_cmpuint (gredis_client_get_moved_redirects (client) - moved, ==, BURST);
  /* The map was patched at the first MOVED: what follows goes to the new
   * owner at once, one command after the other. */
  for (guint i = 0; i < 10; i++)
    {
      g_autoptr(GAsyncResult) result = NULL;
      g_autoptr(GredisReply) value = NULL;

      gredis_client_command_async (client, get, NULL, on_result, &result);
      cluster_test_iterate_until (has_result, &result, 30, "a GET after the move");
      value = gredis_client_command_finish (client, result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (value, NULL), ==, "v");
    }
  g_assert_cmpuint (gredis_client_get_moved_redirects (client) - moved, ==, BURST);

  cluster_test_iterate_until (slots_changed, &seen, 30, "topology-changed");
  /* Anything deferred to the end of the window has run by now. */
  window_end = g_get_monotonic_time () + G_USEC_PER_SEC;
  cluster_test_iterate_until (window_passed, &window_end, 5, "the window to end");
  g_test_message ("%u MOVED, %" G_GUINT64_FORMAT " refreshes", BURST,
                  gredis_client_get_topology_refreshes (client) - refreshes);
  g_assert_cmpuint (gredis_client_get_topology_refreshes (client) - refreshes, >=, 1);
  g_assert_cmpuint (gredis_client_get_topology_refreshes (client) - refreshes, <=, 2);
  /* Two only if the second view came from a replica that had not heard
   * of the move yet. */
  g_assert_cmpuint (seen.n_signals, <=, 2);

  /* The metrics observer saw each redirect, and the topology change. */
  metrics = gredis_client_get_metrics (client);
  g_assert_nonnull (metrics);
  g_assert_true (g_variant_lookup (metrics, "gredis.client.redirects.moved", "t", &metrics_moved));
  g_assert_cmpuint (metrics_moved, ==, BURST);
  g_assert_true (g_variant_lookup (metrics, "gredis.client.topology.changes", "t", &metrics_changes));
  g_assert_cmpuint (metrics_changes, >=, seen.n_signals);
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
      g_test_add_func ("/cluster/redirect/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster_test_cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/redirect/resharding-under-load", test_resharding_under_load);
  g_test_add_func ("/cluster/redirect/tryagain-waited-out", test_tryagain_waited_out);
  g_test_add_func ("/cluster/redirect/blocking-command-ask", test_blocking_command_ask);
  g_test_add_func ("/cluster/redirect/moved-burst-one-refresh", test_moved_burst_one_refresh);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster_test_cluster);
  return status;
}
