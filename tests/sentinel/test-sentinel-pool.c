/* test-sentinel-pool.c: clients of a master watched by Redis Sentinel,
 * through failovers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One Sentinel setup serves the tests in the order they are added: those
 * that leave it as it was first, then the failovers, then what stops a
 * part of it for good (a sentinel, SIGKILL of the master). The file makes
 * two test programs (SENTINEL_TESTS_PART 1 and 2), each with its setup,
 * so that each runs in well under two minutes.
 *
 * The writes under failovers are INCRs of keys of their own ("tokens"):
 * a key at 2 is a write applied twice, a key at 0 whose INCR was
 * acknowledged is a write lost.
 */
#include "gredis-test-sentinel.h"
#include "gredis-client-private.h"
#include "gredis-router-private.h"
#include "gredis-pool-sentinel-private.h"

#include <stdlib.h>
#include <string.h>

static GredisTestSentinel *setup;

/* redis+sentinel://127.0.0.1:P1,127.0.0.1:P2,…/mymaster with @query; the
 * running sentinels after @extra (a "host:port," prefix or ""). */
static char *
sentinel_uri (const char *extra,
              const char *master_name,
              const char *query)
{
  g_autoptr(GString) uri = g_string_new ("redis+sentinel://");

  g_string_append (uri, extra);
  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    if (gredis_test_sentinel_get_sentinel (setup, i) != NULL)
      g_string_append_printf (uri, "127.0.0.1:%u,", gredis_test_sentinel_get_sentinel_port (setup, i));
  g_string_truncate (uri, uri->len - 1);
  g_string_append_printf (uri, "/%s", master_name);
  if (query != NULL)
    g_string_append_printf (uri, "?%s", query);
  return g_string_free (g_steal_pointer (&uri), FALSE);
}

/* Retries enough to cover a failover (a few seconds): the pool waits for
 * a confirmed master in each acquisition (up to pool-timeout-ms), and a
 * refused command is sent again after each delay. */
#define FAILOVER_QUERY "retries=40&backoff-cap-ms=250&pool-timeout-ms=20000"

static GredisClient *
new_client (const char *query)
{
  g_autofree char *uri = sentinel_uri ("", GREDIS_TEST_SENTINEL_MASTER_NAME, query);
  g_autoptr(GError) error = NULL;
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

static GredisPoolSentinel *
client_pool (GredisClient *client)
{
  g_autoptr(GredisPool) pool = _gredis_router_get_pool (_gredis_client_get_router (client), NULL);

  g_assert_true (GREDIS_IS_POOL_SENTINEL (pool));
  return GREDIS_POOL_SENTINEL (pool);
}

static void
assert_pool_master (GredisClient *client,
                    guint         node)
{
  g_autofree char *master = _gredis_pool_sentinel_dup_master (client_pool (client));
  g_autofree char *expected = g_strdup_printf ("127.0.0.1:%u", gredis_test_sentinel_get_node_port (setup, node));

  g_assert_cmpstr (master, ==, expected);
}

/* CLIENT LIST of @node has a client named @name. */
static gboolean
node_has_client (guint       node,
                 const char *name)
{
  g_autofree char *list = gredis_test_sentinel_cli (gredis_test_sentinel_get_node_port (setup, node), NULL,
                                                    "CLIENT", "LIST", NULL);
  g_autofree char *needle = g_strdup_printf (" name=%s ", name);

  return list != NULL && strstr (list, needle) != NULL;
}

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

static GredisReply *
run_async (GredisClient       *client,
           const char * const *argv,
           GError            **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  gredis_client_command_async (client, argv, NULL, store_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return gredis_client_command_finish (client, result, error);
}

/* The basics: commands through the master the sentinels name, async and
 * blocking, on a connection to that node. */
static void
test_master_async (void)
{
  g_autoptr(GredisClient) client = new_client ("client-name=sentinel-async");
  const char *set[] = { "SET", "sentinel:async", "1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = run_async (client, set, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "OK");
  assert_pool_master (client, gredis_test_sentinel_get_master_node (setup));
  g_assert_true (node_has_client (gredis_test_sentinel_get_master_node (setup), "sentinel-async"));
}

static void
test_master_blocking (void)
{
  g_autoptr(GredisClient) client = new_client ("client-name=sentinel-blocking");
  const char *set[] = { "SET", "sentinel:blocking", "1", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, set, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "OK");
  assert_pool_master (client, gredis_test_sentinel_get_master_node (setup));
  g_assert_true (node_has_client (gredis_test_sentinel_get_master_node (setup), "sentinel-blocking"));
}

static void
test_unknown_master (void)
{
  g_autofree char *uri = sentinel_uri ("", "no-such-master", NULL);
  g_autoptr(GredisClient) client = gredis_client_new_for_uri (uri, NULL);
  const char *ping[] = { "PING", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, ping, NULL, &error);

  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_MASTER);
  g_assert_null (reply);
  g_clear_error (&error);
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = run_async (client, ping, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_MASTER);
  g_assert_null (reply);
}

static guint16
closed_port (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_true (g_socket_bind (socket, any, FALSE, NULL));
  bound = g_socket_get_local_address (socket, NULL);
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* No sentinel listening: NO_SENTINEL, async and blocking, at once rather
 * than after the retries' delays (each refused connect fails at once;
 * the retries are bounded). */
static void
test_all_sentinels_down (void)
{
  g_autofree char *uri = g_strdup_printf ("redis+sentinel://127.0.0.1:%u,127.0.0.1:%u/mymaster",
                                          closed_port (), closed_port ());
  g_autoptr(GredisClient) client = gredis_client_new_for_uri (uri, NULL);
  const char *ping[] = { "PING", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, ping, NULL, &error);

  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_NO_SENTINEL);
  g_assert_null (reply);
  g_clear_error (&error);
  reply = run_async (client, ping, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_NO_SENTINEL);
  g_assert_null (reply);
}

/* A sentinel address that does not answer comes first: the others do. */
static void
test_first_sentinel_down (void)
{
  g_autofree char *dead = g_strdup_printf ("127.0.0.1:%u,", closed_port ());
  g_autofree char *uri = sentinel_uri (dead, GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);
  g_autoptr(GredisClient) client = gredis_client_new_for_uri (uri, NULL);
  const char *ping[] = { "PING", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, ping, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "PONG");
}

static void
all_sentinels (const char *first,
               ...)
{
  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
      const char *arg;
      va_list args;
      g_autofree char *port = g_strdup_printf ("%u", gredis_test_sentinel_get_sentinel_port (setup, i));
      int status = 0;

      g_ptr_array_add (argv, g_strdup ("redis-cli"));
      g_ptr_array_add (argv, g_strdup ("-p"));
      g_ptr_array_add (argv, g_strdup (port));
      va_start (args, first);
      for (arg = first; arg != NULL; arg = va_arg (args, const char *))
        g_ptr_array_add (argv, g_strdup (arg));
      va_end (args);
      g_ptr_array_add (argv, NULL);
      g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                                   &out, NULL, &status, &error));
      g_assert_no_error (error);
      g_assert_true (g_str_has_prefix (out, "OK"));
    }
}

/* Sentinels that answer the default user nothing about masters: the
 * sentinel credentials are needed, and the master's are not used for
 * them. */
static void
test_sentinel_password (void)
{
  const char *ping[] = { "PING", NULL };

  all_sentinels ("ACL", "SETUSER", "gredis-sentinel", "on", ">sentinel-secret", "+@all", "~*", "&*", NULL);
  all_sentinels ("ACL", "SETUSER", "default", "-sentinel|get-master-addr-by-name", NULL);

  {
    g_autoptr(GredisClient) client = new_client ("sentinel-username=gredis-sentinel&sentinel-password=sentinel-secret");
    g_autoptr(GError) error = NULL;
    g_autoptr(GredisReply) reply = gredis_client_command (client, ping, NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "PONG");
  }
  {
    g_autoptr(GredisClient) client = new_client ("sentinel-username=gredis-sentinel&sentinel-password=wrong");
    g_autoptr(GError) error = NULL;
    g_autoptr(GredisReply) reply = gredis_client_command (client, ping, NULL, &error);

    g_assert_nonnull (error);
    g_assert_null (reply);
  }
  all_sentinels ("ACL", "SETUSER", "default", "+@all", NULL);
}

/* Runs @argv; its standard output, and whether it exited with 0. */
static char *
run_tool (const char * const *argv,
          gboolean           *ok)
{
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                               &out, NULL, &status, &error));
  g_assert_no_error (error);
  *ok = g_spawn_check_wait_status (status, NULL);
  return out;
}

/* gredis-cli and gredis-benchmark take a redis+sentinel:// URI. */
static void
test_tools (void)
{
  g_autofree char *uri = sentinel_uri ("", GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_sentinel_get_node_port (setup, gredis_test_sentinel_get_master_node (setup)));
  const char *set[] = { GREDIS_CLI, "-u", uri, "SET", "sentinel:tool", "from-cli", NULL };
  const char *bench[] = { GREDIS_BENCHMARK, "-u", uri, "-c", "2", "-n", "200", "-t", "set", "-q", NULL };
  g_autofree char *out = NULL;
  g_autofree char *on_master = NULL;
  gboolean ok = FALSE;

  out = run_tool (set, &ok);
  g_assert_true (ok);
  g_assert_cmpstr (g_strstrip (out), ==, "OK");
  on_master = gredis_test_sentinel_cli ((guint16) atoi (port), NULL, "GET", "sentinel:tool", NULL);
  g_assert_cmpstr (on_master, ==, "from-cli\n");
  g_clear_pointer (&out, g_free);
  out = run_tool (bench, &ok);
  g_assert_true (ok);
  g_assert_nonnull (strstr (out, "SET"));
}

/* A load of INCRs of tokens, on the test's main context, from @n_lanes
 * callers in parallel, each sending its next INCR when the last one
 * completed. */
typedef struct
{
  GredisClient *client;
  guint next;                   /* the next token */
  guint n_running;
  gboolean stop;
  guint id;                     /* in the keys */
  GArray *outcome;              /* guint8 per token */
  guint acked;
  guint failed;
  guint unknown;
  guint twice;
  guint acked_since_mark;       /* after load_mark () */
} Load;

enum {
  OUTCOME_PENDING,
  OUTCOME_ACKED,
  OUTCOME_FAILED,
  OUTCOME_UNKNOWN,
};

static void lane_next (Load *load);

typedef struct
{
  Load *load;
  guint token;
} Write;

static void
on_incr (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Write *write = data;
  Load *load = write->load;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  guint8 outcome;

  if (reply != NULL)
    {
      outcome = OUTCOME_ACKED;
      load->acked++;
      load->acked_since_mark++;
      if (gredis_reply_get_integer (reply) != 1)
        load->twice++;
    }
  else if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME) ||
           g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT))
    {
      outcome = OUTCOME_UNKNOWN;
      load->unknown++;
    }
  else
    {
      g_test_message ("INCR of token %u failed: %s", write->token, error->message);
      outcome = OUTCOME_FAILED;
      load->failed++;
    }
  g_array_index (load->outcome, guint8, write->token) = outcome;
  g_free (write);
  /* A pace the check afterwards can follow: some hundreds of writes a
   * second per lane. */
  g_timeout_add_once (2, (GSourceOnceFunc) lane_next, load);
}

static void
lane_next (Load *load)
{
  g_autofree char *key = NULL;
  const char *argv[] = { "INCR", NULL, NULL };
  Write *write;

  if (load->stop)
    {
      load->n_running--;
      return;
    }
  write = g_new0 (Write, 1);
  write->load = load;
  write->token = load->next++;
  g_array_set_size (load->outcome, load->next);
  key = g_strdup_printf ("token:%u:%u", load->id, write->token);
  argv[1] = key;
  gredis_client_command_async (load->client, argv, NULL, on_incr, write);
}

static Load *
load_start (GredisClient *client,
            guint         n_lanes)
{
  static guint n_loads;
  Load *load = g_new0 (Load, 1);

  load->id = n_loads++;
  load->client = g_object_ref (client);
  load->outcome = g_array_new (FALSE, TRUE, sizeof (guint8));
  load->n_running = n_lanes;
  for (guint i = 0; i < n_lanes; i++)
    lane_next (load);
  return load;
}

static gboolean
set_flag (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Runs the test's main context for @ms. */
static void
load_run_for (Load  *load,
              guint  ms)
{
  gboolean elapsed = FALSE;

  g_timeout_add (ms, set_flag, &elapsed);
  while (!elapsed)
    g_main_context_iteration (NULL, TRUE);
}

#define CHECK_BATCH 1000

/* What runs on a thread while the load goes on. */
typedef struct
{
  gboolean (*func) (GError **error);
  gint done;
  gboolean ok;
} Job;

static gpointer
job_run (gpointer data)
{
  Job *job = data;
  g_autoptr(GError) error = NULL;

  job->ok = job->func (&error);
  if (!job->ok)
    g_printerr ("# %s\n", error->message);
  g_atomic_int_set (&job->done, 1);
  return NULL;
}

static gboolean
do_failover (GError **error)
{
  return gredis_test_sentinel_failover (setup, error);
}

/* Runs the load while @func runs on a thread, then half a second more
 * (with writes acknowledged then when @writes_after); stops it and
 * checks every token on the master: none applied twice, none that
 * failed applied. Returns how many acknowledged writes were lost. */
static guint
load_during (Load       *load,
             gboolean  (*func) (GError **error),
             gboolean    writes_after)
{
  Job job = { func, 0, FALSE };
  g_autoptr(GThread) thread = g_thread_new ("failover", job_run, &job);
  g_autoptr(GredisClient) check = NULL;
  g_autofree char *uri = NULL;
  guint lost = 0, applied = 0;
  gint64 start = g_get_monotonic_time ();

  while (!g_atomic_int_get (&job.done))
    load_run_for (load, 20);
  g_thread_join (g_steal_pointer (&thread));
  g_assert_true (job.ok);
  g_print ("# the failover took %.1f s\n", (g_get_monotonic_time () - start) / 1e6);

  load->acked_since_mark = 0;
  load_run_for (load, 500);
  if (writes_after)
    g_assert_cmpuint (load->acked_since_mark, >, 0);
  load->stop = TRUE;
  while (load->n_running > 0)
    g_main_context_iteration (NULL, TRUE);
  uri = g_strdup_printf ("redis://127.0.0.1:%u",
                         gredis_test_sentinel_get_node_port (setup, gredis_test_sentinel_get_master_node (setup)));
  check = gredis_client_new_for_uri (uri, NULL);
  for (guint first = 0; first < load->outcome->len; first += CHECK_BATCH)
    {
      guint n = MIN (CHECK_BATCH, load->outcome->len - first);
      g_autoptr(GPtrArray) mget = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = NULL;

      g_ptr_array_add (mget, g_strdup ("MGET"));
      for (guint token = first; token < first + n; token++)
        g_ptr_array_add (mget, g_strdup_printf ("token:%u:%u", load->id, token));
      g_ptr_array_add (mget, NULL);
      reply = gredis_client_command (check, (const char * const *) mget->pdata, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (gredis_reply_get_n_elements (reply), ==, n);
      for (guint token = first; token < first + n; token++)
        {
          GredisReply *element = gredis_reply_get_element (reply, token - first);
          gint64 value = 0;

          if (!gredis_reply_is_nil (element))
            value = g_ascii_strtoll (gredis_reply_get_string (element, NULL), NULL, 10);
          g_assert_cmpint (value, <=, 1);
          applied += value;
          if (value == 0 && g_array_index (load->outcome, guint8, token) == OUTCOME_ACKED)
            lost++;
          if (g_array_index (load->outcome, guint8, token) == OUTCOME_FAILED)
            g_assert_cmpint (value, ==, 0);
        }
    }
  g_print ("# %u writes: %u acknowledged, %u failed, %u of unknown outcome; %u applied, "
           "%u acknowledged but lost\n", load->outcome->len, load->acked, load->failed,
           load->unknown, applied, lost);
  g_assert_cmpuint (load->twice, ==, 0);
  /* The retries and the pool's wait for a confirmed master cover a
   * failover: nothing fails outright. */
  g_assert_cmpuint (load->failed, ==, 0);
  return lost;
}

static void
load_free (Load *load)
{
  g_array_unref (load->outcome);
  g_object_unref (load->client);
  g_free (load);
}

/* SENTINEL FAILOVER under a load of INCRs: none applied twice, none
 * acknowledged and lost (the pool leaves the old master when the failover
 * begins, before its replica leaves it), writes acknowledged on the new
 * master afterwards, the pool on the new master. */
static void
test_failover_async (void)
{
  g_autoptr(GredisClient) client = new_client (FAILOVER_QUERY);
  Load *load = load_start (client, 8);
  guint old_master = gredis_test_sentinel_get_master_node (setup);
  guint switches = _gredis_pool_sentinel_get_switches (client_pool (client));

  g_assert_cmpuint (load_during (load, do_failover, TRUE), ==, 0);
  assert_pool_master (client, 1 - old_master);
  g_assert_cmpuint (_gredis_pool_sentinel_get_switches (client_pool (client)), >, switches);
  load_free (load);
}

/* A second failover right after the first, the same client writing
 * throughout: back on the first node, no connection of the first
 * failover reused. */
static void
test_second_failover (void)
{
  g_autoptr(GredisClient) client = new_client (FAILOVER_QUERY);
  Load *load = load_start (client, 8);
  guint old_master = gredis_test_sentinel_get_master_node (setup);

  g_assert_cmpuint (load_during (load, do_failover, TRUE), ==, 0);
  load_free (load);
  load = load_start (client, 8);
  g_assert_cmpuint (load_during (load, do_failover, TRUE), ==, 0);
  assert_pool_master (client, old_master);
  load_free (load);
}

/* Without the subscriptions: every reconnect resolves the master again,
 * which is enough to follow a failover; the writes the old master
 * acknowledged after its replica left it are lost (printed). */
static void
test_failover_without_events (void)
{
  g_autoptr(GredisClient) client = new_client (FAILOVER_QUERY "&sentinel-events=false");
  Load *load = load_start (client, 4);
  guint old_master = gredis_test_sentinel_get_master_node (setup);

  load_during (load, do_failover, TRUE);
  assert_pool_master (client, 1 - old_master);
  load_free (load);
}

/* The blocking API through a failover: threads writing INCRs, each write
 * acknowledged once at most. */
typedef struct
{
  GredisClient *client;
  guint first;
  gint *stop;
  guint acked;
  guint unknown;
  guint twice;
  guint sent;
} BlockingLane;

static gpointer
blocking_lane (gpointer data)
{
  BlockingLane *lane = data;

  while (!g_atomic_int_get (lane->stop))
    {
      g_autofree char *key = g_strdup_printf ("blocking:%u", lane->first + lane->sent++);
      const char *incr[] = { "INCR", key, NULL };
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command (lane->client, incr, NULL, &error);

      if (reply != NULL)
        {
          lane->acked++;
          lane->twice += gredis_reply_get_integer (reply) != 1;
        }
      else if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME))
        lane->unknown++;
    }
  return NULL;
}

static void
test_failover_blocking (void)
{
  g_autoptr(GredisClient) client = new_client (FAILOVER_QUERY);
  BlockingLane lanes[4] = { { 0, } };
  GThread *threads[G_N_ELEMENTS (lanes)];
  g_autoptr(GError) error = NULL;
  guint old_master = gredis_test_sentinel_get_master_node (setup);
  gint stop = 0;
  guint acked_before = 0, acked_after = 0, twice = 0, unknown = 0;

  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      lanes[i].client = client;
      lanes[i].first = i * 1000000;
      lanes[i].stop = &stop;
      threads[i] = g_thread_new ("writer", blocking_lane, &lanes[i]);
    }
  g_assert_true (gredis_test_sentinel_failover (setup, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    acked_before += g_atomic_int_get ((gint *) &lanes[i].acked);
  g_usleep (500 * 1000);
  g_atomic_int_set (&stop, 1);
  for (guint i = 0; i < G_N_ELEMENTS (lanes); i++)
    {
      g_thread_join (threads[i]);
      acked_after += lanes[i].acked;
      twice += lanes[i].twice;
      unknown += lanes[i].unknown;
    }
  g_print ("# blocking: %u acknowledged, %u of unknown outcome\n", acked_after, unknown);
  g_assert_cmpuint (twice, ==, 0);
  g_assert_cmpuint (acked_after, >, acked_before);
  assert_pool_master (client, 1 - old_master);
}

/* Pub/sub across a failover: the subscription moves to the new master,
 * and messages published there arrive. */
static void
on_message (GredisPubSub *pubsub,
            const char   *channel,
            const char   *pattern,
            GBytes       *payload,
            gpointer      data)
{
  *(guint *) data += 1;
}

static gboolean
publish_until_received (GredisClient *client,
                        guint        *received)
{
  const char *publish[] = { "PUBLISH", "sentinel:news", "hello", NULL };
  gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;

  while (*received == 0 && g_get_monotonic_time () < deadline)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = run_async (client, publish, &error);
      gboolean elapsed = FALSE;

      g_timeout_add (100, set_flag, &elapsed);
      while (!elapsed)
        g_main_context_iteration (NULL, TRUE);
    }
  return *received > 0;
}

static void
test_pubsub_failover (void)
{
  g_autoptr(GredisClient) client = new_client (FAILOVER_QUERY "&client-name=sentinel-pubsub");
  g_autoptr(GredisClient) publisher = new_client (FAILOVER_QUERY);
  g_autoptr(GredisPubSub) pubsub = gredis_pubsub_new (client);
  const char *channels[] = { "sentinel:news", NULL };
  g_autoptr(GError) error = NULL;
  guint received = 0;
  guint old_master = gredis_test_sentinel_get_master_node (setup);

  g_signal_connect (pubsub, "message", G_CALLBACK (on_message), &received);
  g_assert_true (gredis_pubsub_subscribe (pubsub, channels, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (publish_until_received (publisher, &received));
  g_assert_true (node_has_client (old_master, "sentinel-pubsub"));

  g_assert_true (gredis_test_sentinel_failover (setup, &error));
  g_assert_no_error (error);
  received = 0;
  g_assert_true (publish_until_received (publisher, &received));
  /* On the new master itself: a replica gets the messages published on
   * its master too, so receiving them proves nothing alone. */
  g_assert_true (node_has_client (1 - old_master, "sentinel-pubsub"));
  g_assert_false (node_has_client (old_master, "sentinel-pubsub"));
}

/* The ids of the connections named @name on @node, as one
 * string. */
static char *
client_ids (guint       node,
            const char *name)
{
  g_autofree char *list = gredis_test_sentinel_cli (gredis_test_sentinel_get_node_port (setup, node), NULL,
                                                    "CLIENT", "LIST", NULL);
  g_auto(GStrv) lines = g_strsplit (list != NULL ? list : "", "\n", -1);
  g_autofree char *needle = g_strdup_printf (" name=%s ", name);
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; lines[i] != NULL; i++)
    if (strstr (lines[i], needle) != NULL && g_str_has_prefix (lines[i], "id="))
      g_ptr_array_add (ids, g_strndup (lines[i] + 3, strcspn (lines[i] + 3, " ")));
  g_ptr_array_add (ids, NULL);
  return g_strjoinv (",", (char **) ids->pdata);
}

/* When the master changes, every connection made to the old one is
 * closed, those in use included (the shared one and a pub/sub one here),
 * whatever the server does to them: the pool's own retirement, which
 * the master changes, a failover's start and READONLY trigger. */
static void
test_retire_closes_all (void)
{
  g_autoptr(GredisClient) client = new_client ("client-name=sentinel-retire");
  g_autoptr(GredisPubSub) pubsub = gredis_pubsub_new (client);
  const char *channels[] = { "sentinel:retire", NULL };
  const char *ping[] = { "PING", NULL };
  guint master = gredis_test_sentinel_get_master_node (setup);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = run_async (client, ping, &error);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  g_assert_no_error (error);
  g_assert_true (gredis_pubsub_subscribe (pubsub, channels, NULL, &error));
  g_assert_no_error (error);
  before = client_ids (master, "sentinel-retire");
  g_assert_cmpuint (strlen (before), >, 0);
  g_assert_nonnull (strchr (before, ','));

  _gredis_pool_base_retire_all (GREDIS_POOL_BASE (client_pool (client)));
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = run_async (client, ping, &error);
  g_assert_no_error (error);
  /* The pub/sub connection comes back on its own, after its backoff. */
  for (gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
       g_get_monotonic_time () < deadline;)
    {
      g_free (after);
      after = client_ids (master, "sentinel-retire");
      if (strchr (after, ',') != NULL)
        break;
      g_main_context_iteration (NULL, FALSE);
      g_usleep (10 * 1000);
    }
  /* Two new connections, none of the old. */
  g_assert_nonnull (strchr (after, ','));
  {
    g_auto(GStrv) old_ids = g_strsplit (before, ",", -1);

    for (guint i = 0; old_ids[i] != NULL; i++)
      {
        g_autofree char *quoted = g_strdup_printf (",%s,", old_ids[i]);
        g_autofree char *list = g_strdup_printf (",%s,", after);

        g_assert_null (strstr (list, quoted));
      }
  }
}

static gboolean
restore_master (gpointer data)
{
  guint node = GPOINTER_TO_UINT (data);
  g_autofree char *out = gredis_test_sentinel_cli (gredis_test_sentinel_get_node_port (setup, node), NULL,
                                                   "REPLICAOF", "NO", "ONE", NULL);

  g_assert_cmpstr (out, ==, "OK\n");
  return G_SOURCE_REMOVE;
}

/* The master turns into a replica under a client that uses it (here of
 * a server of its own, behind the sentinels' back, for a moment shorter
 * than they take to notice): the client's write is refused with
 * READONLY, which retires the pool's connections (the pool's epoch moves
 * without any event: they are off), and the write, sent again on a
 * connection made after a new resolution, runs once when the node is
 * master again. Last of its program: the node's data is replaced by the
 * other server's. */
static void
test_readonly_master (void)
{
  g_autoptr(GredisClient) client = new_client (FAILOVER_QUERY "&sentinel-events=false");
  guint master = gredis_test_sentinel_get_master_node (setup);
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_sentinel_get_node_port (setup, master));
  g_autoptr(GredisTestServer) other = NULL;
  g_autofree char *other_port = NULL;
  g_autofree char *out = NULL;
  const char *ping[] = { "PING", NULL };
  const char *incr[] = { "INCR", "sentinel:readonly", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = run_async (client, ping, &error);
  guint epoch;

  g_assert_no_error (error);
  epoch = _gredis_pool_base_get_epoch (GREDIS_POOL_BASE (client_pool (client)));
  other = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  other_port = g_strdup_printf ("%u", gredis_test_server_get_port (other));
  out = gredis_test_sentinel_cli ((guint16) atoi (port), &error, "REPLICAOF", "127.0.0.1", other_port, NULL);
  g_assert_no_error (error);
  g_timeout_add (300, restore_master, GUINT_TO_POINTER (master));

  g_clear_pointer (&reply, gredis_reply_unref);
  reply = run_async (client, incr, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, 1);
  g_assert_cmpuint (_gredis_pool_base_get_epoch (GREDIS_POOL_BASE (client_pool (client))), >, epoch);
}

/* Whether @node answers ROLE with "master"; not for a stopped node,
 * which would never answer. */
static gboolean
is_master (guint node)
{
  g_autofree char *role = gredis_test_sentinel_cli (gredis_test_sentinel_get_node_port (setup, node), NULL,
                                                    "ROLE", NULL);

  return role != NULL && g_str_has_prefix (role, "master\n");
}

static gboolean
pause_master (GError **error)
{
  guint master = gredis_test_sentinel_get_master_node (setup);
  GredisTestServer *node = gredis_test_sentinel_get_node (setup, master);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  /* Down past down-after-milliseconds: the sentinels fail over; then it
   * comes back, a master still in its own eyes, until the sentinels
   * make it a replica. */
  gredis_test_server_pause (node);
  while (!is_master (1 - master))
    {
      if (g_get_monotonic_time () > deadline)
        {
          gredis_test_server_resume (node);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No failover after the master stopped");
          return FALSE;
        }
      g_usleep (50 * 1000);
    }
  gredis_test_server_resume (node);
  return gredis_test_sentinel_wait_ready (setup, error);
}

/* The master stops answering (SIGSTOP) past down-after-milliseconds; the
 * sentinels promote the replica; the old master comes back (SIGCONT)
 * while the client keeps writing, and is made a replica. */
static void
test_old_master_back (void)
{
  g_autoptr(GredisClient) client = new_client (FAILOVER_QUERY);
  Load *load = load_start (client, 8);
  guint old_master = gredis_test_sentinel_get_master_node (setup);

  load_during (load, pause_master, TRUE);
  assert_pool_master (client, 1 - old_master);
  load_free (load);
}

static gboolean
kill_master (GError **error)
{
  guint master = gredis_test_sentinel_get_master_node (setup);
  gint64 deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;

  gredis_test_server_kill (gredis_test_sentinel_get_node (setup, master));
  while (!is_master (1 - master))
    {
      if (g_get_monotonic_time () > deadline)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "No failover after SIGKILL");
          return FALSE;
        }
      g_usleep (50 * 1000);
    }
  /* Until every sentinel names the new master. */
  for (guint i = 0; i < GREDIS_TEST_SENTINEL_N_SENTINELS; i++)
    while (gredis_test_sentinel_get_sentinel (setup, i) != NULL)
      {
        g_autofree char *port = g_strdup_printf ("%u", gredis_test_sentinel_get_node_port (setup, 1 - master));
        g_autofree char *reply = gredis_test_sentinel_cli (gredis_test_sentinel_get_sentinel_port (setup, i),
                                                           NULL, "SENTINEL", "GET-MASTER-ADDR-BY-NAME",
                                                           GREDIS_TEST_SENTINEL_MASTER_NAME, NULL);

        if (reply != NULL && strstr (reply, port) != NULL)
          break;
        if (g_get_monotonic_time () > deadline)
          {
            g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "The sentinels did not agree");
            return FALSE;
          }
        g_usleep (50 * 1000);
      }
  return TRUE;
}

/* SIGKILL of the master under load: none applied twice; what
 * asynchronous replication lost is counted and printed. Last: the
 * setup has one node afterwards. */
static void
test_master_killed (void)
{
  g_autoptr(GredisClient) client = new_client (FAILOVER_QUERY);
  Load *load = load_start (client, 8);
  guint old_master = gredis_test_sentinel_get_master_node (setup);

  load_during (load, kill_master, TRUE);
  assert_pool_master (client, 1 - old_master);
  load_free (load);
}

/* One sentinel stopped for good: the client finds the master through
 * the others, and follows a failover. */
static void
test_one_sentinel_down (void)
{
  g_autofree char *uri = sentinel_uri ("", GREDIS_TEST_SENTINEL_MASTER_NAME, FAILOVER_QUERY);
  g_autoptr(GredisClient) client = gredis_client_new_for_uri (uri, NULL);
  const char *ping[] = { "PING", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  guint old_master = gredis_test_sentinel_get_master_node (setup);

  gredis_test_sentinel_stop_sentinel (setup, 0);
  reply = gredis_client_command (client, ping, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_test_sentinel_failover (setup, &error));
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);
  reply = gredis_client_command (client, ping, NULL, &error);
  g_assert_no_error (error);
  assert_pool_master (client, 1 - old_master);
}

int
main (int argc, char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  if (SENTINEL_TESTS_PART == 1)
    {
      g_test_add_func ("/sentinel/pool/all-sentinels-down", test_all_sentinels_down);
      g_test_add_func ("/sentinel/pool/master-async", test_master_async);
      g_test_add_func ("/sentinel/pool/master-blocking", test_master_blocking);
      g_test_add_func ("/sentinel/pool/unknown-master", test_unknown_master);
      g_test_add_func ("/sentinel/pool/first-sentinel-down", test_first_sentinel_down);
      g_test_add_func ("/sentinel/pool/sentinel-password", test_sentinel_password);
      g_test_add_func ("/sentinel/pool/retire-closes-all", test_retire_closes_all);
      g_test_add_func ("/sentinel/pool/tools", test_tools);
      g_test_add_func ("/sentinel/pool/failover-async", test_failover_async);
      g_test_add_func ("/sentinel/pool/second-failover", test_second_failover);
      g_test_add_func ("/sentinel/pool/failover-without-events", test_failover_without_events);
      g_test_add_func ("/sentinel/pool/readonly-master", test_readonly_master);
    }
  else
    {
      g_test_add_func ("/sentinel/pool/failover-blocking", test_failover_blocking);
      g_test_add_func ("/sentinel/pool/pubsub-failover", test_pubsub_failover);
      g_test_add_func ("/sentinel/pool/old-master-back", test_old_master_back);
      g_test_add_func ("/sentinel/pool/one-sentinel-down", test_one_sentinel_down);
      g_test_add_func ("/sentinel/pool/master-killed", test_master_killed);
    }

  setup = gredis_test_sentinel_start (&error);
  g_assert_no_error (error);
  status = g_test_run ();
  g_clear_pointer (&setup, gredis_test_sentinel_stop);
  return status;
}
