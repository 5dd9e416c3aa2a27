/* cluster-test-load.c: a write load on a local cluster, and what the
 * redirect and failover tests share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "cluster-test-load.h"

#include <string.h>

GredisTestCluster *cluster_test_cluster;

/* The range of values of each caller: its token. */
#define CALLER_RANGE G_GINT64_CONSTANT (1000000000)

char *
cluster_test_cli (guint node,
                  ...)
{
  g_autoptr(GError) error = NULL;
  const char *args[12] = { NULL, };
  guint n = 0;
  const char *arg;
  va_list ap;
  char *answer;

  va_start (ap, node);
  while ((arg = va_arg (ap, const char *)) != NULL)
    {
      g_assert_cmpuint (n, <, G_N_ELEMENTS (args) - 1);
      args[n++] = arg;
    }
  va_end (ap);
  answer = gredis_test_cluster_cli (cluster_test_cluster, node, &error,
                                    args[0], args[1], args[2], args[3], args[4], args[5],
                                    args[6], args[7], args[8], args[9], args[10], NULL);
  g_assert_no_error (error);
  return answer;
}

guint
cluster_test_node_of_port (guint16 port)
{
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    if (gredis_test_cluster_get_port (cluster_test_cluster, i) == port)
      return i;
  g_assert_not_reached ();
}

/* CLUSTER NODES of the first node that answers, split in lines of fields. */
static GPtrArray *
cluster_nodes (void)
{
  for (guint node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
    {
      g_autofree char *text = gredis_test_cluster_cli (cluster_test_cluster, node, NULL,
                                                       "CLUSTER", "NODES", NULL);
      g_auto(GStrv) lines = NULL;
      GPtrArray *result;

      if (text == NULL || *text == '\0')
        continue;
      lines = g_strsplit (text, "\n", -1);
      result = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
      for (guint i = 0; lines[i] != NULL; i++)
        if (*lines[i] != '\0')
          g_ptr_array_add (result, g_strsplit (lines[i], " ", -1));
      return result;
    }
  g_assert_not_reached ();
}

static guint16
port_of_field (const char *address)
{
  const char *colon = strrchr (address, ':');

  g_assert_nonnull (colon);
  return (guint16) g_ascii_strtoull (colon + 1, NULL, 10);
}

guint
cluster_test_primary_of (guint slot)
{
  g_autoptr(GPtrArray) nodes = cluster_nodes ();

  for (guint i = 0; i < nodes->len; i++)
    {
      char **fields = g_ptr_array_index (nodes, i);

      if (g_strv_length (fields) < 8 || strstr (fields[2], "master") == NULL ||
          strstr (fields[2], "fail") != NULL)
        continue;
      for (guint j = 8; fields[j] != NULL; j++)
        {
          guint64 start, end;
          char *dash;

          if (fields[j][0] == '[')
            continue;
          start = g_ascii_strtoull (fields[j], &dash, 10);
          end = *dash == '-' ? g_ascii_strtoull (dash + 1, NULL, 10) : start;
          if (slot >= start && slot <= end)
            return cluster_test_node_of_port (port_of_field (fields[1]));
        }
    }
  g_assert_not_reached ();
}

guint
cluster_test_other_primary (guint node)
{
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    if (i != node && gredis_test_cluster_is_primary (cluster_test_cluster, i))
      return i;
  g_assert_not_reached ();
}

guint
cluster_test_replica_of (guint node)
{
  g_autofree char *id = gredis_test_cluster_get_node_id (cluster_test_cluster, node);
  g_autoptr(GPtrArray) nodes = cluster_nodes ();

  for (guint i = 0; i < nodes->len; i++)
    {
      char **fields = g_ptr_array_index (nodes, i);

      if (g_strv_length (fields) >= 8 && strstr (fields[2], "slave") != NULL &&
          g_str_equal (fields[3], id))
        return cluster_test_node_of_port (port_of_field (fields[1]));
    }
  g_assert_not_reached ();
}

GredisClient *
cluster_test_client_new (const char *options)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) uri = g_string_new ("redis+cluster://");
  GredisClient *client;

  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    g_string_append_printf (uri, "%s127.0.0.1:%u", i > 0 ? "," : "",
                            gredis_test_cluster_get_port (cluster_test_cluster, i));
  if (options != NULL && *options != '\0')
    g_string_append_printf (uri, "?%s", options);
  client = gredis_client_new_for_uri (uri->str, &error);
  g_assert_no_error (error);
  return client;
}

typedef struct
{
  GThreadFunc func;
  gpointer data;
  gint done;
} Aside;

static gpointer
aside_main (gpointer data)
{
  Aside *aside = data;

  aside->func (aside->data);
  g_atomic_int_set (&aside->done, TRUE);
  g_main_context_wakeup (NULL);
  return NULL;
}

static gboolean
aside_done (gpointer data)
{
  return g_atomic_int_get (&((Aside *) data)->done);
}

void
cluster_test_run_aside (GThreadFunc func,
                        gpointer    data)
{
  Aside aside = { func, data, FALSE };
  GThread *thread = g_thread_new ("cluster-test-aside", aside_main, &aside);

  cluster_test_iterate_until (aside_done, &aside, 120, "a step run aside");
  g_thread_join (thread);
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

void
cluster_test_iterate_until (gboolean   (*done) (gpointer data),
                            gpointer     data,
                            guint        timeout_s,
                            const char  *what)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_s * G_USEC_PER_SEC;
  /* Conditions changed by other threads are looked at every 20 ms. */
  guint tick = g_timeout_add (20, wake_up, NULL);

  while (!done (data))
    {
      if (g_get_monotonic_time () > deadline)
        g_error ("Waited more than %u s for %s", timeout_s, what);
      g_main_context_iteration (NULL, TRUE);
    }
  g_source_remove (tick);
}

/* The load */

struct _ClusterTestLoad
{
  GredisClient *async_client;
  GredisClient *blocking_client;
  guint n_async;
  guint n_blocking;
  CallerState *callers;
  GThread **threads;
  GMutex lock;                 /* the callers' counts */
  gint stop;
};

typedef struct
{
  ClusterTestLoad *load;
  guint index;
} CallerRef;

/* Under the lock: what one INCR gave. */
static void
record_locked (CallerState  *caller,
               gint64        value,
               const GError *error)
{
  if (error != NULL)
    {
      if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME) ||
          g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT))
        caller->unknown++;
      else
        caller->failed++;
      if (caller->first_error == NULL)
        caller->first_error = g_strdup (error->message);
      return;
    }
  if (value < caller->base || value >= caller->base + CALLER_RANGE)
    caller->wrong_caller = TRUE;
  if (value != caller->last + 1)
    caller->out_of_order = TRUE;
  caller->last = value;
  caller->acked++;
}

typedef struct
{
  ClusterTestLoad *load;
  guint index;
} AsyncCall;

static void send_async (ClusterTestLoad *load,
                        guint            index);

static gboolean
send_later (gpointer data)
{
  AsyncCall *call = data;
  ClusterTestLoad *load = call->load;

  if (g_atomic_int_get (&load->stop))
    {
      g_mutex_lock (&load->lock);
      load->callers[call->index].busy = FALSE;
      g_mutex_unlock (&load->lock);
    }
  else
    send_async (load, call->index);
  return G_SOURCE_REMOVE;
}

static void
on_incr (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncCall *call = user_data;
  ClusterTestLoad *load = call->load;
  guint index = call->index;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  CallerState *caller;

  g_free (call);
  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  g_mutex_lock (&load->lock);
  caller = &load->callers[index];
  caller->busy = FALSE;
  record_locked (caller, reply != NULL ? gredis_reply_get_integer (reply) : 0, error);
  /* Busy until the next INCR is sent: after a failure, a little later. */
  caller->busy = !g_atomic_int_get (&load->stop);
  g_mutex_unlock (&load->lock);
  if (g_atomic_int_get (&load->stop))
    return;
  if (error == NULL)
    send_async (load, index);
  else
    {
      AsyncCall *later = g_new (AsyncCall, 1);

      later->load = load;
      later->index = index;
      g_timeout_add_full (G_PRIORITY_DEFAULT, 20, send_later, later, g_free);
    }
}

static void
send_async (ClusterTestLoad *load,
            guint            index)
{
  AsyncCall *call = g_new (AsyncCall, 1);
  const char *argv[] = { "INCR", load->callers[index].key, NULL };

  call->load = load;
  call->index = index;
  g_mutex_lock (&load->lock);
  load->callers[index].busy = TRUE;
  g_mutex_unlock (&load->lock);
  gredis_client_command_async (load->async_client, argv, NULL, on_incr, call);
}

static gpointer
blocking_main (gpointer data)
{
  CallerRef *ref = data;
  ClusterTestLoad *load = ref->load;
  CallerState *caller = &load->callers[ref->index];
  const char *argv[] = { "INCR", caller->key, NULL };

  while (!g_atomic_int_get (&load->stop))
    {
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GError) error = NULL;

      reply = gredis_client_command (load->blocking_client, argv, NULL, &error);
      g_mutex_lock (&load->lock);
      record_locked (caller, reply != NULL ? gredis_reply_get_integer (reply) : 0, error);
      g_mutex_unlock (&load->lock);
      if (error != NULL)
        g_usleep (20 * 1000);
    }
  g_free (ref);
  return NULL;
}

ClusterTestLoad *
cluster_test_load_start (GredisClient *async_client,
                         GredisClient *blocking_client,
                         guint         n_async,
                         guint         n_blocking,
                         const char   *tag)
{
  ClusterTestLoad *load = g_new0 (ClusterTestLoad, 1);
  guint n = n_async + n_blocking;
  gboolean thirds[3] = { FALSE, FALSE, FALSE };

  load->async_client = g_object_ref (async_client);
  load->blocking_client = g_object_ref (blocking_client);
  load->n_async = n_async;
  load->n_blocking = n_blocking;
  load->callers = g_new0 (CallerState, n);
  load->threads = g_new0 (GThread *, n_blocking);
  g_mutex_init (&load->lock);

  for (guint i = 0; i < n; i++)
    {
      CallerState *caller = &load->callers[i];
      g_autofree char *base = NULL;
      g_autoptr(GError) error = NULL;
      const char *argv[4];
      g_autoptr(GredisReply) reply = NULL;

      if (tag != NULL)
        caller->key = g_strdup_printf ("{%s}:%u", tag, i);
      else
        caller->key = g_strdup_printf ("load:%u:%u", g_test_rand_int_range (0, 1 << 30), i);
      caller->slot = gredis_key_slot ((const guint8 *) caller->key, strlen (caller->key));
      caller->base = (gint64) (i + 1) * CALLER_RANGE;
      caller->last = caller->base;
      thirds[caller->slot * 3 / 16384] = TRUE;
      base = g_strdup_printf ("%" G_GINT64_FORMAT, caller->base);
      argv[0] = "SET", argv[1] = caller->key, argv[2] = base, argv[3] = NULL;
      reply = gredis_client_command (blocking_client, argv, NULL, &error);
      g_assert_no_error (error);
    }
  /* Keys in every slot range (36 random keys nearly always are). */
  if (n >= 12 && tag == NULL)
    g_assert_true (thirds[0] && thirds[1] && thirds[2]);

  for (guint i = 0; i < n_async; i++)
    send_async (load, i);
  for (guint i = 0; i < n_blocking; i++)
    {
      CallerRef *ref = g_new (CallerRef, 1);

      ref->load = load;
      ref->index = n_async + i;
      load->threads[i] = g_thread_new ("cluster-test-caller", blocking_main, ref);
    }
  return load;
}

static gboolean
async_idle (gpointer data)
{
  ClusterTestLoad *load = data;
  gboolean busy = FALSE;

  g_mutex_lock (&load->lock);
  for (guint i = 0; i < load->n_async; i++)
    busy |= load->callers[i].busy;
  g_mutex_unlock (&load->lock);
  return !busy;
}

void
cluster_test_load_stop (ClusterTestLoad *load)
{
  g_atomic_int_set (&load->stop, TRUE);
  cluster_test_iterate_until (async_idle, load, 60, "the asynchronous callers to stop");
  for (guint i = 0; i < load->n_blocking; i++)
    g_clear_pointer (&load->threads[i], g_thread_join);
}

void
cluster_test_load_free (ClusterTestLoad *load)
{
  if (load == NULL)
    return;
  g_assert_true (g_atomic_int_get (&load->stop));
  for (guint i = 0; i < load->n_async + load->n_blocking; i++)
    {
      g_free (load->callers[i].key);
      g_free (load->callers[i].first_error);
    }
  g_free (load->callers);
  g_free (load->threads);
  g_object_unref (load->async_client);
  g_object_unref (load->blocking_client);
  g_mutex_clear (&load->lock);
  g_free (load);
}

void
cluster_test_load_mark (ClusterTestLoad *load)
{
  g_mutex_lock (&load->lock);
  for (guint i = 0; i < load->n_async + load->n_blocking; i++)
    load->callers[i].marked = load->callers[i].acked;
  g_mutex_unlock (&load->lock);
}

gboolean
cluster_test_load_progressed (ClusterTestLoad *load,
                              guint            n)
{
  gboolean all = TRUE;

  g_mutex_lock (&load->lock);
  for (guint i = 0; i < load->n_async + load->n_blocking; i++)
    all &= load->callers[i].acked >= load->callers[i].marked + n;
  g_mutex_unlock (&load->lock);
  return all;
}

guint
cluster_test_load_n_callers (ClusterTestLoad *load)
{
  return load->n_async + load->n_blocking;
}

CallerState *
cluster_test_load_get_caller (ClusterTestLoad *load,
                              guint            i)
{
  return &load->callers[i];
}

gint64
cluster_test_load_check (ClusterTestLoad *load,
                         GredisClient    *client,
                         const char      *scenario,
                         gboolean         exact)
{
  gint64 acked = 0, applied = 0, unknown = 0, failed = 0, lost = 0;

  g_assert_true (g_atomic_int_get (&load->stop));
  for (guint i = 0; i < load->n_async + load->n_blocking; i++)
    {
      CallerState *caller = &load->callers[i];
      const char *argv[] = { "GET", caller->key, NULL };
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GError) error = NULL;
      gint64 value;

      reply = gredis_client_command (client, argv, NULL, &error);
      g_assert_no_error (error);
      value = g_ascii_strtoll (gredis_reply_get_string (reply, NULL), NULL, 10) - caller->base;
      if (caller->first_error != NULL)
        g_test_message ("%s: caller %u (%s, slot %u): %" G_GINT64_FORMAT " acknowledged, %"
                        G_GINT64_FORMAT " applied, %" G_GINT64_FORMAT " unknown, %"
                        G_GINT64_FORMAT " failed; first error: %s",
                        scenario, i, i < load->n_async ? "async" : "blocking", caller->slot,
                        caller->acked, value, caller->unknown, caller->failed,
                        caller->first_error);
      g_assert_false (caller->wrong_caller);
      /* None applied twice. */
      g_assert_cmpint (value, <=, caller->acked + caller->unknown);
      g_assert_cmpint (value, >=, 0);
      if (exact)
        {
          g_assert_cmpstr (caller->first_error, ==, NULL);
          g_assert_false (caller->out_of_order);
          g_assert_cmpint (value, ==, caller->acked);
        }
      acked += caller->acked;
      applied += value;
      unknown += caller->unknown;
      failed += caller->failed;
      if (caller->acked > value)
        lost += caller->acked - value;
    }
  g_test_message ("%s: %u callers, %" G_GINT64_FORMAT " writes acknowledged, %" G_GINT64_FORMAT
                  " applied, %" G_GINT64_FORMAT " unknown outcome, %" G_GINT64_FORMAT
                  " failed unsent, %" G_GINT64_FORMAT " acknowledged but lost",
                  scenario, load->n_async + load->n_blocking, acked, applied, unknown, failed, lost);
  return lost;
}
