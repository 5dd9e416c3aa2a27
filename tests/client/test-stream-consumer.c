/* test-stream-consumer.c: GredisStreamConsumer on a real redis-server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The consumer runs on the default main context; the test drives it by
 * iterating that context until what it waits for happened. A guard of
 * GUARD_S seconds turns a hang into a failure (it is not a measure of
 * speed: every wait here ends in milliseconds when the code is right).
 */
#include <gredis/gredis.h>

#include <string.h>

#include "gredis-test-server.h"

#define GUARD_S 60

static GredisTestServer *server;

static GredisClient *
make_client (guint protocol)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  gredis_config_set_protocol (config, protocol);
  return gredis_client_new (config);
}

/* A client for the test's own commands (blocking, on a private context). */
static GredisClient *
make_admin (void)
{
  g_autoptr(GredisClient) client = make_client (3);
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  reply = gredis_client_command (client, (const char *[]) { "FLUSHALL", NULL }, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

static char *
produce (GredisClient *admin,
         const char   *stream,
         const char   *field,
         const char   *value)
{
  g_autoptr(GError) error = NULL;
  const char *fv[] = { field, value, NULL };
  char *id = gredis_client_xadd (admin, stream, GREDIS_XADD_NONE, 0, NULL, "*", fv, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (id);
  return id;
}

static gint64
n_pending (GredisClient *admin,
           const char   *stream,
           const char   *group)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) summary = gredis_client_xpending (admin, stream, group, NULL, &error);
  gint64 pending = -1;

  g_assert_no_error (error);
  g_assert_true (g_variant_lookup (summary, "pending", "x", &pending));
  return pending;
}

static gboolean
on_guard (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Iterates the default context until @done (checked after each
 * iteration) says so. */
#define RUN_UNTIL(cond) \
  G_STMT_START { \
    gboolean guard_fired = FALSE; \
    guint guard = g_timeout_add_seconds (GUARD_S, on_guard, &guard_fired); \
    while (!(cond) && !guard_fired) \
      g_main_context_iteration (NULL, TRUE); \
    if (!guard_fired) \
      g_source_remove (guard); \
    g_assert_false (guard_fired); \
  } G_STMT_END

static gboolean
on_tick (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Lets the main loop run for a moment (so that the consumer's requests
 * go out), without asserting anything about time. */
static void
spin (void)
{
  gboolean ticked = FALSE;

  g_timeout_add (10, on_tick, &ticked);
  while (!ticked)
    g_main_context_iteration (NULL, TRUE);
}

/* The ids of the connections blocked in XREADGROUP. */
static GArray *
blocked_readers (GredisClient *admin)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_auto(GStrv) lines = NULL;
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  reply = gredis_client_command (admin, (const char *[]) { "CLIENT", "LIST", NULL }, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (gredis_reply_get_text (reply), "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *flags = strstr (lines[i], " flags=");

      if (strstr (lines[i], " cmd=xreadgroup") == NULL || flags == NULL ||
          strchr (flags + 7, 'b') == NULL || strchr (flags + 7, 'b') > strchr (flags + 7, ' '))
        continue;
      {
        gint64 id = g_ascii_strtoll (lines[i] + strlen ("id="), NULL, 10);

        g_array_append_val (ids, id);
      }
    }
  return ids;
}

static void
wait_for_blocked_readers (GredisClient *admin,
                          guint         n)
{
  for (guint tries = 0; ; tries++)
    {
      g_autoptr(GArray) ids = blocked_readers (admin);

      if (ids->len >= n)
        return;
      g_assert_cmpuint (tries, <, GUARD_S * 100);
      spin ();
    }
}

/* What a handler saw. */
typedef struct
{
  GPtrArray *ids;               /* of char * */
  GHashTable *seen;             /* ids, across consumers */
  GPtrArray *values;            /* of GBytes, the first value of each */
  gboolean (*decide) (GredisStreamEntry *entry);
  guint duplicates;
  GPtrArray *errors;            /* of GError */
} Seen;

static void
seen_init (Seen *seen)
{
  memset (seen, 0, sizeof *seen);
  seen->ids = g_ptr_array_new_with_free_func (g_free);
  seen->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  seen->values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  seen->errors = g_ptr_array_new_with_free_func ((GDestroyNotify) g_error_free);
}

static void
seen_clear (Seen *seen)
{
  g_ptr_array_unref (seen->ids);
  g_hash_table_unref (seen->seen);
  g_ptr_array_unref (seen->values);
  g_ptr_array_unref (seen->errors);
}

static gboolean
on_entry (GredisStreamConsumer *consumer,
          GredisStreamEntry    *entry,
          gpointer              user_data)
{
  Seen *seen = user_data;
  const char *id = gredis_stream_entry_get_id (entry);

  g_assert_true (GREDIS_IS_STREAM_CONSUMER (consumer));
  g_assert_cmpstr (gredis_stream_entry_get_stream (entry), ==,
                   gredis_stream_consumer_get_stream (consumer));
  g_ptr_array_add (seen->ids, g_strdup (id));
  if (!g_hash_table_add (seen->seen, g_strdup (id)))
    seen->duplicates++;
  g_ptr_array_add (seen->values, gredis_stream_entry_get_value_bytes (entry, 0));
  return seen->decide != NULL ? seen->decide (entry) : TRUE;
}

static void
on_error (GredisStreamConsumer *consumer,
          const GError         *error,
          gpointer              user_data)
{
  Seen *seen = user_data;

  g_test_message ("consumer %s: %s", gredis_stream_consumer_get_consumer (consumer),
                  error->message);
  g_ptr_array_add (seen->errors, g_error_copy (error));
}

static GredisStreamConsumer *
make_consumer (GredisClient *client,
               const char   *stream,
               const char   *name,
               Seen         *seen)
{
  GredisStreamConsumer *consumer = gredis_stream_consumer_new (client, stream, "g", name);

  g_signal_connect (consumer, "entry", G_CALLBACK (on_entry), seen);
  g_signal_connect (consumer, "error", G_CALLBACK (on_error), seen);
  return consumer;
}

static void
create_group (GredisClient *admin,
              const char   *stream)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (gredis_client_xgroup_create (admin, stream, "g", "0", GREDIS_XGROUP_MKSTREAM,
                                              NULL, &error));
  g_assert_no_error (error);
}

/* Entries added before and while the consumer runs come in the order of
 * the stream, across several reads, and are all acknowledged. */
static void
test_in_order (gconstpointer data)
{
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GredisStreamConsumer) consumer = NULL;
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen;

  seen_init (&seen);
  create_group (admin, "jobs");
  for (guint i = 0; i < 25; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);

      g_ptr_array_add (expected, produce (admin, "jobs", "n", n));
    }

  consumer = make_consumer (client, "jobs", "c1", &seen);
  gredis_stream_consumer_set_count (consumer, 10);
  g_assert_false (gredis_stream_consumer_get_running (consumer));
  gredis_stream_consumer_start (consumer);
  g_assert_true (gredis_stream_consumer_get_running (consumer));
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 25);

  wait_for_blocked_readers (admin, 1);
  for (guint i = 25; i < 30; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);

      g_ptr_array_add (expected, produce (admin, "jobs", "n", n));
    }
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 30);
  gredis_stream_consumer_stop (consumer);
  g_assert_false (gredis_stream_consumer_get_running (consumer));

  g_assert_cmpuint (seen.ids->len, ==, 30);
  for (guint i = 0; i < 30; i++)
    g_assert_cmpstr (g_ptr_array_index (seen.ids, i), ==, g_ptr_array_index (expected, i));
  g_assert_cmpuint (seen.duplicates, ==, 0);
  g_assert_cmpuint (seen.errors->len, ==, 0);
  g_assert_cmpuint (gredis_stream_consumer_get_entries_processed (consumer), ==, 30);
  g_assert_cmpuint (gredis_stream_consumer_get_entries_failed (consumer), ==, 0);
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 0);

  /* The entries are still in the stream: acknowledging does not delete. */
  entries = gredis_client_xrange (admin, "jobs", "-", "+", 0, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 30);
  seen_clear (&seen);
}

static gboolean
accept_even (GredisStreamEntry *entry)
{
  return atoi (gredis_stream_entry_lookup (entry, "n")) % 2 == 0;
}

/* A handler that returns FALSE leaves its entries pending; they are not
 * delivered again in the same run, but are when the consumer starts
 * again. */
static void
test_rejected_stay_pending (void)
{
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (3);
  g_autoptr(GredisStreamConsumer) consumer = NULL;
  g_autoptr(GPtrArray) odd = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *extra = NULL;
  Seen seen;

  seen_init (&seen);
  create_group (admin, "jobs");
  for (guint i = 0; i < 6; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      char *id = produce (admin, "jobs", "n", n);

      if (i % 2)
        g_ptr_array_add (odd, id);
      else
        g_free (id);
    }

  consumer = make_consumer (client, "jobs", "c1", &seen);
  seen.decide = accept_even;
  gredis_stream_consumer_start (consumer);
  RUN_UNTIL (gredis_stream_consumer_get_entries_processed (consumer) == 6);
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 3);
  g_assert_cmpuint (gredis_stream_consumer_get_entries_failed (consumer), ==, 3);
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 3);

  /* A new entry; the rejected ones are not emitted again meanwhile. */
  wait_for_blocked_readers (admin, 1);
  extra = produce (admin, "jobs", "n", "6");
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 4);
  g_assert_cmpuint (gredis_stream_consumer_get_entries_processed (consumer), ==, 7);
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 6), ==, extra);
  gredis_stream_consumer_stop (consumer);
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 3);

  /* Started again, it takes up what it left pending, in order. */
  seen.decide = NULL;
  g_ptr_array_set_size (seen.ids, 0);
  gredis_stream_consumer_start (consumer);
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 7);
  gredis_stream_consumer_stop (consumer);
  g_assert_cmpuint (seen.ids->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (g_ptr_array_index (seen.ids, i), ==, g_ptr_array_index (odd, i));
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 0);
  g_assert_cmpuint (seen.errors->len, ==, 0);
  seen_clear (&seen);
}

/* Two consumers of one group share the work: every entry handled once. */
static void
test_two_consumers (void)
{
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (3);
  g_autoptr(GredisStreamConsumer) a = NULL;
  g_autoptr(GredisStreamConsumer) b = NULL;
  g_autoptr(GredisPipeline) pipeline = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen;
  const guint n = 200;

  seen_init (&seen);
  create_group (admin, "jobs");
  a = make_consumer (client, "jobs", "a", &seen);
  b = make_consumer (client, "jobs", "b", &seen);
  gredis_stream_consumer_set_count (a, 3);
  gredis_stream_consumer_set_count (b, 3);
  gredis_stream_consumer_start (a);
  gredis_stream_consumer_start (b);
  wait_for_blocked_readers (admin, 2);

  pipeline = gredis_pipeline_new (admin, FALSE);
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *value = g_strdup_printf ("%u", i);
      const char *fv[] = { "n", value, NULL };

      gredis_pipeline_add_xadd (pipeline, "jobs", GREDIS_XADD_NONE, 0, NULL, "*", fv);
    }
  g_assert_true (gredis_pipeline_execute (pipeline, NULL, &error));
  g_assert_no_error (error);

  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (a) +
             gredis_stream_consumer_get_entries_acknowledged (b) == n);
  gredis_stream_consumer_stop (a);
  gredis_stream_consumer_stop (b);

  g_test_message ("a processed %" G_GUINT64_FORMAT ", b %" G_GUINT64_FORMAT,
                  gredis_stream_consumer_get_entries_processed (a),
                  gredis_stream_consumer_get_entries_processed (b));
  g_assert_cmpuint (seen.duplicates, ==, 0);
  g_assert_cmpuint (g_hash_table_size (seen.seen), ==, n);
  g_assert_cmpuint (gredis_stream_consumer_get_entries_processed (a) +
                    gredis_stream_consumer_get_entries_processed (b), ==, n);
  /* Both were blocked when the entries came: the server served both. */
  g_assert_cmpuint (gredis_stream_consumer_get_entries_processed (a), >, 0);
  g_assert_cmpuint (gredis_stream_consumer_get_entries_processed (b), >, 0);
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 0);
  seen_clear (&seen);
}

/* The consumer's connection is killed while it waits: it reports the
 * error, waits, and goes on reading. */
static void
test_connection_killed (void)
{
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (3);
  g_autoptr(GredisStreamConsumer) consumer = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *id_text = NULL;
  g_autofree char *entry = NULL;
  Seen seen;

  seen_init (&seen);
  create_group (admin, "jobs");
  consumer = make_consumer (client, "jobs", "c1", &seen);
  gredis_stream_consumer_set_block_ms (consumer, 600000);
  gredis_stream_consumer_start (consumer);
  wait_for_blocked_readers (admin, 1);

  ids = blocked_readers (admin);
  g_assert_cmpuint (ids->len, ==, 1);
  id_text = g_strdup_printf ("%" G_GINT64_FORMAT, g_array_index (ids, gint64, 0));
  reply = gredis_client_command (admin, (const char *[]) { "CLIENT", "KILL", "ID", id_text, NULL },
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 1);

  RUN_UNTIL (seen.errors->len > 0);
  g_assert_true (gredis_stream_consumer_get_running (consumer));

  /* It reads again, on a new connection, and gets new entries. */
  wait_for_blocked_readers (admin, 1);
  entry = produce (admin, "jobs", "n", "1");
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 1);
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 0), ==, entry);
  gredis_stream_consumer_stop (consumer);
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 0);
  seen_clear (&seen);
}

/* stop() while the read waits in the server (for ten minutes) ends the
 * run at once: the read is cancelled, the consumer is let go. */
static void
test_stop_while_blocked (void)
{
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (3);
  GredisStreamConsumer *consumer;
  g_autofree char *entry = NULL;
  Seen seen;

  seen_init (&seen);
  create_group (admin, "jobs");
  consumer = make_consumer (client, "jobs", "c1", &seen);
  gredis_stream_consumer_set_block_ms (consumer, 600000);
  gredis_stream_consumer_start (consumer);
  wait_for_blocked_readers (admin, 1);

  g_object_add_weak_pointer (G_OBJECT (consumer), (gpointer *) &consumer);
  gredis_stream_consumer_stop (consumer);
  g_assert_false (gredis_stream_consumer_get_running (consumer));
  g_object_unref (consumer);
  /* The read in flight held the last reference: it completes (cancelled)
   * without waiting for the server. */
  RUN_UNTIL (consumer == NULL);
  g_assert_cmpuint (seen.errors->len, ==, 0);

  /* The connection of the read is closed, so the server no longer holds
   * the read either. */
  for (guint tries = 0; ; tries++)
    {
      g_autoptr(GArray) ids = blocked_readers (admin);

      if (ids->len == 0)
        break;
      g_assert_cmpuint (tries, <, GUARD_S * 100);
      spin ();
    }

  /* Nothing read after the stop. */
  entry = produce (admin, "jobs", "n", "1");
  spin ();
  g_assert_cmpuint (seen.ids->len, ==, 0);
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 0);
  seen_clear (&seen);
}

/* create-group makes the stream and the group; without it a missing
 * group is an error the loop survives. */
static void
test_create_group (void)
{
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (2);
  g_autoptr(GredisStreamConsumer) consumer = NULL;
  g_autoptr(GredisStreamConsumer) lost = NULL;
  g_autoptr(GVariant) groups = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;
  const char *name = NULL;
  Seen seen, lost_seen;

  seen_init (&seen);
  seen_init (&lost_seen);

  lost = make_consumer (client, "nowhere", "c1", &lost_seen);
  g_assert_false (gredis_stream_consumer_get_create_group (lost));
  gredis_stream_consumer_start (lost);
  RUN_UNTIL (lost_seen.errors->len > 0);
  g_assert_error ((GError *) g_ptr_array_index (lost_seen.errors, 0), GREDIS_ERROR, GREDIS_ERROR_NOGROUP);
  g_assert_true (gredis_stream_consumer_get_running (lost));
  gredis_stream_consumer_stop (lost);

  consumer = make_consumer (client, "fresh", "c1", &seen);
  g_object_set (consumer, "create-group", TRUE, NULL);
  gredis_stream_consumer_start (consumer);
  wait_for_blocked_readers (admin, 1);
  groups = gredis_client_xinfo_groups (admin, "fresh", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_variant_n_children (groups), ==, 1);
  {
    g_autoptr(GVariant) group = g_variant_get_child_value (groups, 0);

    g_assert_true (g_variant_lookup (group, "name", "&s", &name));
    g_assert_cmpstr (name, ==, "g");
  }

  entry = produce (admin, "fresh", "n", "1");
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 1);
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 0), ==, entry);

  /* The group destroyed under it: made again, and reading goes on. */
  g_assert_true (gredis_client_xgroup_destroy (admin, "fresh", "g", NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&entry, g_free);
  entry = produce (admin, "fresh", "n", "2");
  /* The group starts at 0 again: both entries come. */
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 3);
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 2), ==, entry);
  gredis_stream_consumer_stop (consumer);
  g_assert_cmpuint (seen.errors->len, >, 0);
  g_assert_error ((GError *) g_ptr_array_index (seen.errors, 0), GREDIS_ERROR, GREDIS_ERROR_NOGROUP);
  seen_clear (&seen);
  seen_clear (&lost_seen);
}

static void
on_error_time (GredisStreamConsumer *consumer,
               const GError         *error,
               gpointer              user_data)
{
  gint64 now = g_get_monotonic_time ();

  g_array_append_val ((GArray *) user_data, now);
}

/* With a backoff policy that never waits, a failing loop still pauses
 * between attempts: a lower bound, which a slow machine cannot break. */
static void
test_no_busy_loop (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisStreamConsumer) consumer = NULL;
  g_autoptr(GArray) times = g_array_new (FALSE, FALSE, sizeof (gint64));

  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  gredis_config_set_backoff (config, "none");
  client = gredis_client_new (config);
  consumer = gredis_stream_consumer_new (client, "nowhere", "g", "c1");
  g_signal_connect (consumer, "error", G_CALLBACK (on_error_time), times);
  gredis_stream_consumer_start (consumer);
  RUN_UNTIL (times->len >= 4);
  gredis_stream_consumer_stop (consumer);
  for (guint i = 1; i < times->len; i++)
    g_assert_cmpint (g_array_index (times, gint64, i) - g_array_index (times, gint64, i - 1),
                     >=, 50 * 1000);
}

/* Values with NUL and high bytes reach the handler whole. */
static void
test_binary_values (void)
{
  static const guint8 raw[] = { 0x00, 0xff, '\r', '\n', 'b', 'i', 'n', 0x00, 0x80 };
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (2);
  g_autoptr(GredisStreamConsumer) consumer = NULL;
  g_autoptr(GBytes) value = g_bytes_new_static (raw, sizeof raw);
  g_autoptr(GBytes) id = NULL;
  g_autoptr(GError) error = NULL;
  const char *names[] = { "payload" };
  GBytes *values[] = { value };
  Seen seen;

  seen_init (&seen);
  create_group (admin, "bin");
  id = gredis_client_xadd_bytes (admin, "bin", GREDIS_XADD_NONE, 0, NULL, "*", names, values, 1,
                                 NULL, &error);
  g_assert_no_error (error);

  consumer = make_consumer (client, "bin", "c1", &seen);
  gredis_stream_consumer_start (consumer);
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 1);
  gredis_stream_consumer_stop (consumer);
  g_assert_cmpuint (seen.values->len, ==, 1);
  g_assert_true (g_bytes_equal (g_ptr_array_index (seen.values, 0), value));
  seen_clear (&seen);
}

/* Entries a consumer left pending (it crashed) are claimed by another
 * one that claims stale entries. */
static void
test_claim_stale (void)
{
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (3);
  g_autoptr(GredisStreamConsumer) consumer = NULL;
  g_autoptr(GPtrArray) taken = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *entry = NULL;
  g_autoptr(GVariant) consumers = NULL;
  Seen seen;

  seen_init (&seen);
  create_group (admin, "jobs");
  entry = produce (admin, "jobs", "n", "1");
  taken = gredis_client_xreadgroup (admin, "g", "crashed", 0, -1, GREDIS_XREAD_NONE,
                                    (const char *[]) { "jobs", NULL },
                                    (const char *[]) { ">", NULL }, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (taken->len, ==, 1);

  consumer = make_consumer (client, "jobs", "rescuer", &seen);
  gredis_stream_consumer_set_claim_min_idle_ms (consumer, 1);
  gredis_stream_consumer_set_block_ms (consumer, 50);
  gredis_stream_consumer_start (consumer);
  RUN_UNTIL (gredis_stream_consumer_get_entries_acknowledged (consumer) == 1);
  gredis_stream_consumer_stop (consumer);
  g_assert_cmpstr (g_ptr_array_index (seen.ids, 0), ==, entry);
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 0);
  seen_clear (&seen);
}

/* A handler that stops the consumer: no more entries are emitted, the
 * one it processed is acknowledged, the others stay pending. */
static gboolean
stop_in_handler (GredisStreamConsumer *consumer,
                 GredisStreamEntry    *entry,
                 gpointer              user_data)
{
  (*(guint *) user_data)++;
  gredis_stream_consumer_stop (consumer);
  return TRUE;
}

static void
test_stop_in_handler (void)
{
  g_autoptr(GredisClient) admin = make_admin ();
  g_autoptr(GredisClient) client = make_client (3);
  g_autoptr(GredisStreamConsumer) consumer = NULL;
  guint calls = 0;

  create_group (admin, "jobs");
  for (guint i = 0; i < 3; i++)
    g_free (produce (admin, "jobs", "n", "x"));
  consumer = gredis_stream_consumer_new (client, "jobs", "g", "c1");
  g_signal_connect (consumer, "entry", G_CALLBACK (stop_in_handler), &calls);
  gredis_stream_consumer_start (consumer);
  RUN_UNTIL (!gredis_stream_consumer_get_running (consumer) &&
             gredis_stream_consumer_get_entries_acknowledged (consumer) == 1);
  g_assert_cmpuint (calls, ==, 1);
  g_assert_cmpuint (gredis_stream_consumer_get_entries_processed (consumer), ==, 1);
  g_assert_cmpint (n_pending (admin, "jobs", "g"), ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/stream-consumer/resp2/in-order", GUINT_TO_POINTER (2), test_in_order);
  g_test_add_data_func ("/stream-consumer/resp3/in-order", GUINT_TO_POINTER (3), test_in_order);
  g_test_add_func ("/stream-consumer/rejected-stay-pending", test_rejected_stay_pending);
  g_test_add_func ("/stream-consumer/two-consumers", test_two_consumers);
  g_test_add_func ("/stream-consumer/connection-killed", test_connection_killed);
  g_test_add_func ("/stream-consumer/stop-while-blocked", test_stop_while_blocked);
  g_test_add_func ("/stream-consumer/create-group", test_create_group);
  g_test_add_func ("/stream-consumer/no-busy-loop", test_no_busy_loop);
  g_test_add_func ("/stream-consumer/binary-values", test_binary_values);
  g_test_add_func ("/stream-consumer/claim-stale", test_claim_stale);
  g_test_add_func ("/stream-consumer/stop-in-handler", test_stop_in_handler);

  status = g_test_run ();

  gredis_test_server_stop (server);
  return status;
}
