/* gredis-read-policy.c: which server serves a read
 * (GredisConfig:read-from), and the round-trip times `nearest` uses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-read-policy-private.h"
#include "gredis-sync-private.h"
#include "gredis-log-private.h"

GredisReadFrom
_gredis_read_from_parse (const char *text)
{
  if (text == NULL)
    return GREDIS_READ_FROM_PRIMARY;
  if (g_ascii_strcasecmp (text, "prefer-replica") == 0)
    return GREDIS_READ_FROM_PREFER_REPLICA;
  if (g_ascii_strcasecmp (text, "replicas") == 0)
    return GREDIS_READ_FROM_REPLICAS;
  if (g_ascii_strcasecmp (text, "nearest") == 0)
    return GREDIS_READ_FROM_NEAREST;
  return GREDIS_READ_FROM_PRIMARY;
}

gint
_gredis_read_policy_choose (GredisReadFrom       policy,
                            guint                n_candidates,
                            GredisReaderFilter   serves,
                            GredisReaderLatency  latency,
                            gint64               primary_rtt,
                            guint               *turn,
                            gpointer             user_data)
{
  guint n_healthy = 0, chosen;
  gint best = -1;
  gint64 best_rtt;

  switch (policy)
    {
    case GREDIS_READ_FROM_PREFER_REPLICA:
      for (guint i = 0; i < n_candidates; i++)
        if (serves (i, user_data))
          return (gint) i;
      return -1;

    case GREDIS_READ_FROM_REPLICAS:
      for (guint i = 0; i < n_candidates; i++)
        if (serves (i, user_data))
          n_healthy++;
      if (n_healthy == 0)
        return -1;
      chosen = (guint) g_atomic_int_add ((gint *) turn, 1) % n_healthy;
      for (guint i = 0; i < n_candidates; i++)
        if (serves (i, user_data) && chosen-- == 0)
          return (gint) i;
      return -1;

    case GREDIS_READ_FROM_NEAREST:
      /* Unknown times lose, so that the primary serves until measured. */
      best_rtt = primary_rtt >= 0 ? primary_rtt : G_MAXINT64;
      for (guint i = 0; latency != NULL && i < n_candidates; i++)
        {
          gint64 rtt;

          if (!serves (i, user_data))
            continue;
          rtt = latency (i, user_data);
          if (rtt >= 0 && rtt < best_rtt)
            {
              best = (gint) i;
              best_rtt = rtt;
            }
        }
      return best;

    case GREDIS_READ_FROM_PRIMARY:
    default:
      return -1;
    }
}

/* Latency probes */

void
_gredis_latency_probe_free (gpointer data)
{
  GredisLatencyProbe *probe = data;

  g_free (probe->host);
  g_free (probe->reach_host);
  g_free (probe);
}

typedef struct {
  GredisConfig *config;
  GPtrArray *probes;
  GFunc done;
  gpointer user_data;
} ProbeRun;

/* One PING on @connection, on the thread-default context: its time in
 * µs, or -1. */
static gint64
ping_once (GredisConnection *connection)
{
  static const char * const argv[] = { "PING" };
  g_autoptr(GredisReply) reply = NULL;
  GredisSync sync;
  gint64 start = g_get_monotonic_time ();
  gint64 rtt;

  gredis_sync_begin_on (&sync, gredis_connection_get_context (connection));
  gredis_connection_send_command_async (connection, 1, argv, NULL, NULL, gredis_sync_done, &sync);
  gredis_connection_flush (connection);
  gredis_sync_wait (&sync);
  reply = gredis_connection_send_command_finish (connection, sync.result, NULL);
  rtt = g_get_monotonic_time () - start;
  gredis_sync_end (&sync);
  return reply != NULL ? rtt : -1;
}

static void
measure (GredisConfig       *config,
         GredisLatencyProbe *probe)
{
  g_autoptr(GSocketConnectable) endpoint = g_network_address_new (probe->reach_host,
                                                                  probe->reach_port);
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GError) error = NULL;
  GMainContext *context = g_main_context_new ();

  probe->rtt_us = -1;
  g_main_context_push_thread_default (context);
  connection = gredis_connection_new_for_config (config, endpoint, &error);
  /* The first PING waits for the connection to be ready; the best of
   * the next three is its time. */
  if (connection != NULL && ping_once (connection) >= 0)
    for (guint i = 0; i < 3; i++)
      {
        gint64 rtt = ping_once (connection);

        if (rtt < 0)
          break;
        if (probe->rtt_us < 0 || rtt < probe->rtt_us)
          probe->rtt_us = rtt;
      }
  if (connection != NULL)
    gredis_connection_close (connection);
  g_clear_object (&connection);
  while (g_main_context_pending (context))
    g_main_context_iteration (context, FALSE);
  g_main_context_pop_thread_default (context);
  g_main_context_unref (context);
  if (error != NULL)
    GREDIS_DEBUG ("pool", "No latency measured for a node: %s", error->message);
}

static gpointer
probe_thread (gpointer data)
{
  ProbeRun *run = data;

  for (guint i = 0; i < run->probes->len; i++)
    measure (run->config, g_ptr_array_index (run->probes, i));
  run->done (run->probes, run->user_data);
  g_ptr_array_unref (run->probes);
  g_object_unref (run->config);
  g_free (run);
  return NULL;
}

void
_gredis_latency_probe_run (GredisConfig  *config,
                           GPtrArray     *probes,
                           GFunc          done,
                           gpointer       user_data)
{
  ProbeRun *run = g_new (ProbeRun, 1);

  run->config = g_object_ref (config);
  run->probes = probes;
  run->done = done;
  run->user_data = user_data;
  g_thread_unref (g_thread_new ("gredis-latency", probe_thread, run));
}
