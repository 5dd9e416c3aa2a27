/* gredis-test-sentinel.c: a real local Redis Sentinel setup for the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Every process is a GredisTestServer (a temporary directory, a free port
 * of 127.0.0.1, stopped by pid at exit and killed with the test program
 * even when it aborts); each sentinel gets a sentinel.conf of its own.
 */
#include "gredis-test-sentinel.h"

#include <string.h>

#define READY_TIMEOUT_US (60 * G_USEC_PER_SEC)
#define POLL_INTERVAL_US (50 * 1000)
#define RETRY_FAILOVER_US (5 * G_USEC_PER_SEC)

struct _GredisTestSentinel
{
  GredisTestServer *nodes[GREDIS_TEST_SENTINEL_N_NODES];
  GredisTestServer *sentinels[GREDIS_TEST_SENTINEL_N_SENTINELS];
};

/* Runs redis-cli against 127.0.0.1:@port with the arguments that follow
 * (NULL-terminated) and returns what it printed (raw output, one element
 * a line, as when piped). */
char *
gredis_test_sentinel_cli (guint16   port,
                          GError  **error,
                          ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *arg;
  int status = 0;
  va_list args;

  g_ptr_array_add (argv, g_strdup ("redis-cli"));
  g_ptr_array_add (argv, g_strdup ("-h"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", port));
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  g_ptr_array_add (argv, NULL);

  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "redis-cli failed: %s%s", out, err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* In redis-cli's raw output of a list of maps (SENTINEL REPLICAS,
 * SENTINEL SENTINELS), how many entries have @key followed by @value. */
static guint
count_pairs (const char *output,
             const char *key,
             const char *value)
{
  g_auto(GStrv) lines = g_strsplit (output, "\n", -1);
  guint n = 0;

  for (guint i = 0; lines[i] != NULL && lines[i + 1] != NULL; i++)
    if (strcmp (lines[i], key) == 0 && strcmp (lines[i + 1], value) == 0)
      n++;
  return n;
}

/* The master's port as @sentinel reports it, 0 when it does not answer. */
static guint16
sentinel_master_port (GredisTestServer *sentinel)
{
  g_autofree char *reply = gredis_test_sentinel_cli (gredis_test_server_get_port (sentinel), NULL,
                                                     "SENTINEL", "GET-MASTER-ADDR-BY-NAME",
                                                     GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);
  g_auto(GStrv) lines = NULL;

  if (reply == NULL)
    return 0;
  lines = g_strsplit (reply, "\n", -1);
  if (g_strv_length (lines) < 2 || strcmp (lines[0], "127.0.0.1") != 0)
    return 0;
  return (guint16) g_ascii_strtoull (lines[1], NULL, 10);
}

static gboolean
node_is_master (GredisTestSentinel *setup,
                guint               node)
{
  g_autofree char *role = gredis_test_sentinel_cli (gredis_test_sentinel_get_node_port (setup, node),
                                                    NULL, "ROLE", NULL);

  return role != NULL && g_str_has_prefix (role, "master\n");
}

/* Which node answers ROLE with "master" now; GREDIS_TEST_SENTINEL_N_NODES
 * when none does. */
guint
gredis_test_sentinel_get_master_node (GredisTestSentinel *setup)
{
  for (guint node = 0; node < GREDIS_TEST_SENTINEL_N_NODES; node++)
    if (node_is_master (setup, node))
      return node;
  return GREDIS_TEST_SENTINEL_N_NODES;
}

/* Whether every running sentinel names @master_port as the master, knows
 * the other node as a replica with its link up, and knows the other
 * running sentinels. */
static gboolean
sentinels_agree (GredisTestSentinel *setup,
                 guint16             master_port)
{
  guint n_running = 0;

  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    n_running += setup->sentinels[i] != NULL;

  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    {
      guint16 port;
      g_autofree char *replicas = NULL;
      g_autofree char *sentinels = NULL;

      if (setup->sentinels[i] == NULL)
        continue;
      port = gredis_test_server_get_port (setup->sentinels[i]);
      if (sentinel_master_port (setup->sentinels[i]) != master_port)
        return FALSE;
      replicas = gredis_test_sentinel_cli (port, NULL, "SENTINEL", "REPLICAS",
                                           GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);
      if (replicas == NULL || count_pairs (replicas, "flags", "slave") != 1 ||
          count_pairs (replicas, "master-link-status", "ok") != 1)
        return FALSE;
      sentinels = gredis_test_sentinel_cli (port, NULL, "SENTINEL", "SENTINELS",
                                            GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);
      if (sentinels == NULL || count_pairs (sentinels, "flags", "sentinel") != n_running - 1)
        return FALSE;
    }
  return TRUE;
}

/* Waits until the current master (by ROLE) is the one every sentinel
 * names, with the other node its replica, and every sentinel knows the
 * others (see sentinels_agree()). */
gboolean
gredis_test_sentinel_wait_ready (GredisTestSentinel  *setup,
                                 GError             **error)
{
  gint64 deadline = g_get_monotonic_time () + READY_TIMEOUT_US;

  for (;;)
    {
      guint master = gredis_test_sentinel_get_master_node (setup);

      if (master < GREDIS_TEST_SENTINEL_N_NODES &&
          sentinels_agree (setup, gredis_test_sentinel_get_node_port (setup, master)))
        return TRUE;
      if (g_get_monotonic_time () >= deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "The sentinels did not agree on the master and its replica in time");
          return FALSE;
        }
      g_usleep (POLL_INTERVAL_US);
    }
}

/* Runs SENTINEL FAILOVER on the first running sentinel (again while it
 * answers that it has no good replica yet) and waits until the other node
 * is master, every sentinel names it and knows the old master as its
 * replica (gredis_test_sentinel_wait_ready()). */
gboolean
gredis_test_sentinel_failover (GredisTestSentinel  *setup,
                               GError             **error)
{
  gint64 deadline = g_get_monotonic_time () + READY_TIMEOUT_US;
  guint old_master = gredis_test_sentinel_get_master_node (setup);
  GredisTestServer *asked = NULL;
  guint new_master;

  g_return_val_if_fail (old_master < GREDIS_TEST_SENTINEL_N_NODES, FALSE);
  new_master = 1 - old_master;

  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS && asked == NULL; i++)
    asked = setup->sentinels[i];
  g_return_val_if_fail (asked != NULL, FALSE);

  for (;;)
    {
      g_autofree char *reply = gredis_test_sentinel_cli (gredis_test_server_get_port (asked), error,
                                                         "SENTINEL", "FAILOVER",
                                                         GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);

      if (reply == NULL)
        return FALSE;
      if (g_str_has_prefix (reply, "OK"))
        break;
      if (g_get_monotonic_time () >= deadline)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "SENTINEL FAILOVER failed: %s", reply);
          return FALSE;
        }
      g_usleep (POLL_INTERVAL_US);
    }

  for (gint64 next_try = g_get_monotonic_time () + RETRY_FAILOVER_US;;)
    {
      /* A failover the sentinel gave up (no replica it found good
       * enough at that moment): asked again. */
      if (g_get_monotonic_time () >= next_try && node_is_master (setup, old_master))
        {
          g_autofree char *again = gredis_test_sentinel_cli (gredis_test_server_get_port (asked), NULL,
                                                             "SENTINEL", "FAILOVER",
                                                             GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);
          next_try = g_get_monotonic_time () + RETRY_FAILOVER_US;
        }
      if (node_is_master (setup, new_master) &&
          sentinels_agree (setup, gredis_test_sentinel_get_node_port (setup, new_master)))
        return TRUE;
      if (g_get_monotonic_time () >= deadline)
        {
          g_autofree char *state = gredis_test_sentinel_cli (gredis_test_server_get_port (asked), NULL,
                                                             "SENTINEL", "MASTER",
                                                             GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);
          g_autofree char *replicas = gredis_test_sentinel_cli (gredis_test_server_get_port (asked), NULL,
                                                                "SENTINEL", "REPLICAS",
                                                                GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);

          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "The failover to node %u was not complete in time; the sentinel says:\n%s\n%s",
                       new_master, state != NULL ? state : "", replicas != NULL ? replicas : "");
          return FALSE;
        }
      g_usleep (POLL_INTERVAL_US);
    }
}

GredisTestSentinel *
gredis_test_sentinel_start (GError **error)
{
  g_autoptr(GredisTestSentinel) setup = g_new0 (GredisTestSentinel, 1);
  g_autofree char *primary_port = NULL;
  g_autofree char *config = NULL;

  setup->nodes[0] = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, error);
  if (setup->nodes[0] == NULL)
    return NULL;
  primary_port = g_strdup_printf ("%u", gredis_test_server_get_port (setup->nodes[0]));
  {
    const char *args[] = { "--replicaof", "127.0.0.1", primary_port, NULL };

    setup->nodes[1] = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, args, error);
    if (setup->nodes[1] == NULL)
      return NULL;
  }

  config = g_strdup_printf ("sentinel resolve-hostnames no\n"
                            "sentinel monitor %s 127.0.0.1 %s 2\n"
                            "sentinel down-after-milliseconds %s 500\n"
                            "sentinel failover-timeout %s 5000\n",
                            GREDIS_TEST_SENTINEL_MASTER_NAME, primary_port,
                            GREDIS_TEST_SENTINEL_MASTER_NAME, GREDIS_TEST_SENTINEL_MASTER_NAME);
  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    {
      g_autofree char *tuned = NULL;

      setup->sentinels[i] = gredis_test_server_start_sentinel (config, error);
      if (setup->sentinels[i] == NULL)
        return NULL;
      /* The sentinels' own periods (SENTINEL DEBUG, Redis 7.0): INFO
       * every second rather than every 10 s, hello messages every half
       * second rather than every 2 s, so that they learn of the replica
       * and of each other, and agree after a failover, in seconds rather
       * than in tens. Not shorter: a replica whose last INFO or PING
       * reply is older than a few periods is not chosen for promotion,
       * and a loaded test machine would then see failovers aborted. */
      tuned = gredis_test_sentinel_cli (gredis_test_server_get_port (setup->sentinels[i]), error,
                                        "SENTINEL", "DEBUG",
                                        "info-period", "1000", "publish-period", "500", NULL);
      if (tuned == NULL)
        return NULL;
    }

  if (!gredis_test_sentinel_wait_ready (setup, error))
    return NULL;
  return g_steal_pointer (&setup);
}

void
gredis_test_sentinel_stop (GredisTestSentinel *setup)
{
  if (setup == NULL)
    return;
  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    gredis_test_server_stop (setup->sentinels[i]);
  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_NODES; i++)
    gredis_test_server_stop (setup->nodes[i]);
  g_free (setup);
}

GredisTestServer *
gredis_test_sentinel_get_node (GredisTestSentinel *setup,
                               guint               node)
{
  g_return_val_if_fail (node < GREDIS_TEST_SENTINEL_N_NODES, NULL);
  return setup->nodes[node];
}

guint16
gredis_test_sentinel_get_node_port (GredisTestSentinel *setup,
                                    guint               node)
{
  g_return_val_if_fail (node < GREDIS_TEST_SENTINEL_N_NODES, 0);
  return gredis_test_server_get_port (setup->nodes[node]);
}

/* NULL once stopped. */
GredisTestServer *
gredis_test_sentinel_get_sentinel (GredisTestSentinel *setup,
                                   guint               sentinel)
{
  g_return_val_if_fail (sentinel < GREDIS_TEST_SENTINEL_N_SENTINELS, NULL);
  return setup->sentinels[sentinel];
}

/* Not for a stopped sentinel. */
guint16
gredis_test_sentinel_get_sentinel_port (GredisTestSentinel *setup,
                                        guint               sentinel)
{
  g_return_val_if_fail (sentinel < GREDIS_TEST_SENTINEL_N_SENTINELS, 0);
  g_return_val_if_fail (setup->sentinels[sentinel] != NULL, 0);
  return gredis_test_server_get_port (setup->sentinels[sentinel]);
}

/* Stops one sentinel for good (its port is closed). */
void
gredis_test_sentinel_stop_sentinel (GredisTestSentinel *setup,
                                    guint               sentinel)
{
  g_return_if_fail (sentinel < GREDIS_TEST_SENTINEL_N_SENTINELS);
  g_clear_pointer (&setup->sentinels[sentinel], gredis_test_server_stop);
}
