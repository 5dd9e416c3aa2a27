/* test-cluster-tls.c: rediss+cluster:// against a real local cluster
 * whose nodes, bus and replication speak TLS
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * One cluster for the whole program: its last node (a replica when the
 * cluster is made) presents a certificate of the same CA for
 * "wrong.example", which the other nodes accept (Redis checks no host
 * names on its bus) and a client must refuse. The last test makes that
 * node a primary.
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-test-cluster.h"

#define WRONG_NODE (GREDIS_TEST_CLUSTER_N_NODES - 1)
#define N_KEYS 60

static GredisTestCluster *cluster;

/* rediss+cluster://localhost:P,localhost:Q with the CA file @ca. */
static GredisClient *
tls_client (GredisTestTlsFile  ca,
            guint              first_seed,
            guint              n_seeds)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) uri = g_string_new ("rediss+cluster://");
  g_autoptr(GredisConfig) config = NULL;

  for (guint i = 0; i < n_seeds; i++)
    g_string_append_printf (uri, "%slocalhost:%u", i > 0 ? "," : "",
                            gredis_test_cluster_get_tls_port (cluster, first_seed + i));
  config = gredis_config_new_for_uri (uri->str, &error);
  g_assert_no_error (error);
  gredis_config_set_option (config, "tls-ca-file",
                            gredis_test_certs_get_file (gredis_test_cluster_get_certs (cluster), ca),
                            &error);
  g_assert_no_error (error);
  return gredis_client_new (config);
}

/* The node whose plain or TLS port is @port. */
static guint
node_of_port (guint64 port)
{
  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    if (gredis_test_cluster_get_port (cluster, n) == port ||
        gredis_test_cluster_get_tls_port (cluster, n) == port)
      return n;
  g_assert_not_reached ();
}

/* The primary that owns @key now, from CLUSTER NODES. */
static guint
key_owner (const char *key)
{
  guint slot = gredis_key_slot ((const guint8 *) key, strlen (key));
  g_autofree char *nodes = gredis_test_cluster_cli (cluster, 0, NULL, "CLUSTER", "NODES", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (nodes);
  lines = g_strsplit (nodes, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      for (guint f = 8; f < g_strv_length (fields); f++)
        {
          char *end;
          guint64 first, last;

          if (fields[f][0] == '[')
            continue;
          first = g_ascii_strtoull (fields[f], &end, 10);
          last = *end == '-' ? g_ascii_strtoull (end + 1, NULL, 10) : first;
          if (slot >= first && slot <= last)
            return node_of_port (g_ascii_strtoull (strchr (fields[1], ':') + 1, NULL, 10));
        }
    }
  g_assert_not_reached ();
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_result (GAsyncResult **result)
{
  while (*result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *result;
}

/* Keys of every primary, set and read back through the cluster client,
 * blocking and async; the keys are where the server says. */
static void
test_all_shards (void)
{
  g_autoptr(GredisClient) client = tls_client (GREDIS_TEST_TLS_CA_CERT, 0, 2);
  gboolean seen[GREDIS_TEST_CLUSTER_N_NODES] = { FALSE };
  guint n_primaries = 0, n_seen = 0;

  for (guint i = 0; i < N_KEYS; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GAsyncResult) result = NULL;
      g_autofree char *key = g_strdup_printf ("tls:%u", i);
      g_autofree char *value = g_strdup_printf ("value-%u", i);
      g_autofree char *got = NULL;
      g_autofree char *direct = NULL;
      guint owner;

      gboolean ok = gredis_client_set (client, key, value, 0, GREDIS_SET_NONE, NULL, &error);

      g_assert_no_error (error);
      g_assert_true (ok);
      gredis_client_get_async (client, key, NULL, on_result, &result);
      got = gredis_client_get_finish (client, wait_result (&result), &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, value);

      /* On the primary that owns the slot, seen over its plain port. */
      owner = key_owner (key);
      direct = gredis_test_cluster_cli (cluster, owner, &error, "GET", key, NULL);
      g_assert_no_error (error);
      g_assert_cmpstr (g_strstrip (direct), ==, value);
      seen[owner] = TRUE;
    }
  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    {
      n_primaries += gredis_test_cluster_is_primary (cluster, n);
      n_seen += seen[n];
    }
  g_assert_cmpuint (n_seen, ==, n_primaries);
}

/* A CA that signed none of the nodes' certificates: a TLS error that
 * says the certificate was not trusted, and nothing sent. */
static void
test_wrong_ca (void)
{
  g_autoptr(GredisClient) client = tls_client (GREDIS_TEST_TLS_OTHER_CA_CERT, 0, 2);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = gredis_client_get (client, "tls:0", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS);
  g_test_message ("wrong CA: %s", error->message);
  g_assert_nonnull (strstr (error->message, "certificate"));
}

/* The only seed presents a certificate for another name. */
static void
test_wrong_host_seed (void)
{
  g_autoptr(GredisClient) client = tls_client (GREDIS_TEST_TLS_CA_CERT, WRONG_NODE, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *value = gredis_client_get (client, "tls:0", NULL, &error);

  g_assert_null (value);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS);
  g_test_message ("wrong host (seed): %s", error->message);
}

/* Host names are checked on the nodes found in the slot map too, not only
 * on the seeds: once the node with the wrong certificate is a primary,
 * its slots fail with a TLS error while the others' still work. */
static void
test_wrong_host_discovered (void)
{
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *reply = NULL;
  guint n_refused = 0, n_served = 0;

  reply = gredis_test_cluster_cli (cluster, WRONG_NODE, &error, "CLUSTER", "FAILOVER", NULL);
  g_assert_no_error (error);
  for (guint i = 0; i < 200 && !gredis_test_cluster_is_primary (cluster, WRONG_NODE); i++)
    g_usleep (50 * 1000);
  g_assert_true (gredis_test_cluster_is_primary (cluster, WRONG_NODE));
  g_assert_true (gredis_test_cluster_wait_ready (cluster, &error));
  g_assert_no_error (error);

  client = tls_client (GREDIS_TEST_TLS_CA_CERT, 0, 2);
  for (guint i = 0; i < N_KEYS; i++)
    {
      g_autoptr(GError) local_error = NULL;
      g_autofree char *key = g_strdup_printf ("tls:%u", i);
      g_autofree char *value = gredis_client_get (client, key, NULL, &local_error);

      if (key_owner (key) == WRONG_NODE)
        {
          g_assert_null (value);
          g_assert_error (local_error, GREDIS_ERROR, GREDIS_ERROR_TLS);
          if (n_refused == 0)
            g_test_message ("wrong host (found in the slot map): %s", local_error->message);
          n_refused++;
        }
      else
        {
          g_assert_no_error (local_error);
          n_served++;
        }
    }
  g_assert_cmpuint (n_refused, >, 0);
  g_assert_cmpuint (n_served, >, 0);
}

/* gredis-cli -c --tls against redis-cli -c --tls over keys of every
 * primary: the same output, redirect lines included (MOVED names the
 * nodes' TLS ports to a TLS connection). */
static void
test_cli (void)
{
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *expected = NULL;
  g_autofree char *got = NULL;
  g_autofree char *got_err = NULL;
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_cluster_get_tls_port (cluster, 0));
  const char *ca = gredis_test_certs_get_file (gredis_test_cluster_get_certs (cluster),
                                               GREDIS_TEST_TLS_CA_CERT);
  int status = -1;

  for (guint i = 0; i < 12; i++)
    g_string_append_printf (input, "SET tls-cli:%u %u\nGET tls-cli:%u\n", i, i, i);
  for (guint tool = 0; tool < 2; tool++)
    {
      const char *argv[] = { tool == 0 ? "redis-cli" : GREDIS_CLI, "-c", "--tls", "--cacert", ca,
                             "-h", "localhost", "-p", port, NULL };
      g_autoptr(GSubprocess) process = NULL;
      g_autoptr(GError) error = NULL;
      char *out = NULL, *err = NULL;

      process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                   G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
      g_assert_no_error (error);
      g_subprocess_communicate_utf8 (process, input->str, NULL, &out, &err, &error);
      g_assert_no_error (error);
      if (tool == 0)
        {
          expected = out;
          g_free (err);
        }
      else
        {
          got = out;
          got_err = err;
          status = g_subprocess_get_exit_status (process);
        }
    }
  g_assert_nonnull (strstr (expected, "-> Redirected to slot ["));
  g_assert_cmpstr (got_err, ==, "");
  g_assert_cmpstr (got, ==, expected);
  g_assert_cmpint (status, ==, 0);
}

static void
skip (gconstpointer reason)
{
  g_test_skip (reason);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autofree char *redis_cli = g_find_program_in_path ("redis-cli");
  g_autoptr(GredisTransport) tls = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  if (redis_cli == NULL)
    {
      g_test_add_data_func ("/cluster/tls/skipped",
                            "redis-cli is needed to create the cluster (Debian: redis-tools).", skip);
      return g_test_run ();
    }
  tls = gredis_transport_new_for_name ("tls", NULL);
  if (tls == NULL)
    {
      g_test_add_data_func ("/cluster/tls/skipped",
                            "This build has no tls transport plugin (OpenSSL).", skip);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start_full (GREDIS_TEST_CLUSTER_TLS_WRONG_HOST_LAST, &error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/tls/all-shards", test_all_shards);
  g_test_add_func ("/cluster/tls/wrong-ca", test_wrong_ca);
  g_test_add_func ("/cluster/tls/cli", test_cli);
  g_test_add_func ("/cluster/tls/wrong-host-seed", test_wrong_host_seed);
  /* Last: it moves the primary role. */
  g_test_add_func ("/cluster/tls/wrong-host-discovered", test_wrong_host_discovered);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
