/* gredis-test-cluster.c: a real local Redis Cluster for the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each node is a GredisTestServer (a temporary directory, a free port of
 * 127.0.0.1, stopped by pid at exit and killed with the test program even
 * when it aborts) started with cluster mode on; redis-cli --cluster create
 * joins them.
 */
#include "gredis-test-cluster.h"

#include <string.h>
#include <glib/gstdio.h>

#define READY_TIMEOUT_US (60 * G_USEC_PER_SEC)
#define POLL_INTERVAL_US (50 * 1000)

struct _GredisTestCluster
{
  GredisTestServer *nodes[GREDIS_TEST_CLUSTER_N_NODES];
  guint16 tls_ports[GREDIS_TEST_CLUSTER_N_NODES];
  char *directory;              /* of the certificates, with TLS */
  GredisTestCerts *certs;
};

static guint16
pick_free_port (GError **error)
{
  g_autoptr(GSocket) socket = NULL;
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (socket == NULL || !g_socket_bind (socket, any, FALSE, error))
    return 0;
  bound = g_socket_get_local_address (socket, error);
  if (bound == NULL)
    return 0;
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

static char *
run_cli (GPtrArray  *argv,
         GError    **error)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, error))
    return NULL;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "%s failed: %s%s", (char *) argv->pdata[0], out, err);
      return NULL;
    }
  return g_steal_pointer (&out);
}

/* Runs redis-cli against @node with the arguments that follow (NULL-
 * terminated) and returns what it printed (raw output, as when piped). */
char *
gredis_test_cluster_cli (GredisTestCluster  *cluster,
                         guint               node,
                         GError            **error,
                         ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  const char *arg;
  va_list args;

  g_return_val_if_fail (node < GREDIS_TEST_CLUSTER_N_NODES, NULL);

  g_ptr_array_add (argv, g_strdup ("redis-cli"));
  g_ptr_array_add (argv, g_strdup ("-h"));
  g_ptr_array_add (argv, g_strdup ("127.0.0.1"));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", gredis_test_server_get_port (cluster->nodes[node])));
  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, g_strdup (arg));
  va_end (args);
  return run_cli (argv, error);
}

/* Whether every node sees the cluster whole: state ok, six known nodes,
 * three primaries and three replicas none of them failing or still in
 * the handshake (nor loading or failed in CLUSTER SHARDS), and every
 * replica in sync with its primary. */
static gboolean
node_ready (GredisTestCluster *cluster,
            guint              node)
{
  g_autofree char *info = gredis_test_cluster_cli (cluster, node, NULL, "CLUSTER", "INFO", NULL);
  g_autofree char *nodes = NULL;
  g_autofree char *replication = NULL;
  g_autofree char *shards = NULL;
  g_auto(GStrv) lines = NULL;
  guint n_primaries = 0, n_replicas = 0;
  gboolean myself_replica = FALSE;

  if (info == NULL || strstr (info, "cluster_state:ok") == NULL ||
      strstr (info, "cluster_slots_ok:16384") == NULL ||
      strstr (info, "cluster_known_nodes:6") == NULL)
    return FALSE;

  nodes = gredis_test_cluster_cli (cluster, node, NULL, "CLUSTER", "NODES", NULL);
  if (nodes == NULL)
    return FALSE;
  lines = g_strsplit (nodes, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      if (g_strv_length (fields) < 8)
        continue;
      if (strstr (fields[2], "fail") != NULL || strstr (fields[2], "handshake") != NULL ||
          strstr (fields[2], "noaddr") != NULL)
        return FALSE;
      if (strstr (fields[2], "master") != NULL)
        n_primaries++;
      else if (strstr (fields[2], "slave") != NULL)
        {
          n_replicas++;
          if (strstr (fields[2], "myself") != NULL)
            myself_replica = TRUE;
        }
    }
  if (n_primaries != 3 || n_replicas != 3)
    return FALSE;

  shards = gredis_test_cluster_cli (cluster, node, NULL, "CLUSTER", "SHARDS", NULL);
  if (shards == NULL || strstr (shards, "\nloading\n") != NULL || strstr (shards, "\nfailed\n") != NULL ||
      strstr (shards, "\nfail\n") != NULL)
    return FALSE;

  if (!myself_replica)
    return TRUE;
  replication = gredis_test_cluster_cli (cluster, node, NULL, "INFO", "replication", NULL);
  return replication != NULL && strstr (replication, "master_link_status:up") != NULL &&
         strstr (replication, "master_sync_in_progress:0") != NULL;
}

/* Waits until every node is ready (see node_ready()); after a failover
 * too. */
gboolean
gredis_test_cluster_wait_ready (GredisTestCluster  *cluster,
                                GError            **error)
{
  gint64 deadline = g_get_monotonic_time () + READY_TIMEOUT_US;

  for (;;)
    {
      guint node;

      for (node = 0; node < GREDIS_TEST_CLUSTER_N_NODES; node++)
        if (!node_ready (cluster, node))
          break;
      if (node == GREDIS_TEST_CLUSTER_N_NODES)
        return TRUE;
      if (g_get_monotonic_time () >= deadline)
        {
          g_autofree char *nodes = gredis_test_cluster_cli (cluster, node, NULL,
                                                            "CLUSTER", "NODES", NULL);
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT,
                       "The cluster was not ready in time; node %u sees:\n%s", node,
                       nodes != NULL ? nodes : "(no answer)");
          return FALSE;
        }
      g_usleep (POLL_INTERVAL_US);
    }
}

/* The TLS arguments of node @i: its own port, the certificates of the
 * cluster's CA, TLS on the bus and for replication. Outgoing connections
 * (bus, replication) present the client certificate, since a node's
 * bus port asks its peers for one. */
static void
add_tls_args (GredisTestCluster      *cluster,
              GredisTestClusterFlags  flags,
              guint                   i,
              GPtrArray              *args)
{
  gboolean wrong_host = (flags & GREDIS_TEST_CLUSTER_TLS_WRONG_HOST_LAST) &&
                        i == GREDIS_TEST_CLUSTER_N_NODES - 1;
  GredisTestCerts *certs = cluster->certs;

  g_ptr_array_add (args, g_strdup ("--tls-port"));
  g_ptr_array_add (args, g_strdup_printf ("%u", cluster->tls_ports[i]));
  g_ptr_array_add (args, g_strdup ("--tls-cert-file"));
  g_ptr_array_add (args, g_strdup (gredis_test_certs_get_file (certs, wrong_host ? GREDIS_TEST_TLS_WRONG_HOST_CERT
                                                                                 : GREDIS_TEST_TLS_SERVER_CERT)));
  g_ptr_array_add (args, g_strdup ("--tls-key-file"));
  g_ptr_array_add (args, g_strdup (gredis_test_certs_get_file (certs, wrong_host ? GREDIS_TEST_TLS_WRONG_HOST_KEY
                                                                                 : GREDIS_TEST_TLS_SERVER_KEY)));
  g_ptr_array_add (args, g_strdup ("--tls-client-cert-file"));
  g_ptr_array_add (args, g_strdup (gredis_test_certs_get_file (certs, GREDIS_TEST_TLS_CLIENT_CERT)));
  g_ptr_array_add (args, g_strdup ("--tls-client-key-file"));
  g_ptr_array_add (args, g_strdup (gredis_test_certs_get_file (certs, GREDIS_TEST_TLS_CLIENT_KEY)));
  g_ptr_array_add (args, g_strdup ("--tls-ca-cert-file"));
  g_ptr_array_add (args, g_strdup (gredis_test_certs_get_file (certs, GREDIS_TEST_TLS_CA_CERT)));
  g_ptr_array_add (args, g_strdup ("--tls-auth-clients"));
  g_ptr_array_add (args, g_strdup ("no"));
  g_ptr_array_add (args, g_strdup ("--tls-cluster"));
  g_ptr_array_add (args, g_strdup ("yes"));
  g_ptr_array_add (args, g_strdup ("--tls-replication"));
  g_ptr_array_add (args, g_strdup ("yes"));
}

GredisTestCluster *
gredis_test_cluster_start (GError **error)
{
  return gredis_test_cluster_start_full (GREDIS_TEST_CLUSTER_NONE, error);
}

GredisTestCluster *
gredis_test_cluster_start_full (GredisTestClusterFlags   flags,
                                GError                 **error)
{
  g_autoptr(GredisTestCluster) cluster = g_new0 (GredisTestCluster, 1);
  g_autoptr(GPtrArray) create = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *created = NULL;

  if (flags & GREDIS_TEST_CLUSTER_TLS_WRONG_HOST_LAST)
    flags |= GREDIS_TEST_CLUSTER_TLS;
  if (flags & GREDIS_TEST_CLUSTER_TLS)
    {
#ifdef GREDIS_TEST_HAVE_OPENSSL
      cluster->directory = g_dir_make_tmp ("gredis-test-cluster-XXXXXX", error);
      if (cluster->directory == NULL)
        return NULL;
      cluster->certs = gredis_test_certs_new (cluster->directory, error);
      if (cluster->certs == NULL)
        return NULL;
#else
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The test support library was built without OpenSSL, "
                           "so it cannot make TLS certificates.");
      return NULL;
#endif
    }

  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    {
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      /* The bus port is chosen too: the default, port + 10000, may be
       * taken or out of range. */
      guint16 port = pick_free_port (error);
      static const char * const fixed_args[] = {
        "--cluster-enabled", "yes",
        "--cluster-config-file", "nodes.conf",
        "--cluster-node-timeout", "1000",
        /* The primaries' pings move the replication offsets, without
         * which Redis 7.0 reports the replicas "loading" in CLUSTER
         * SHARDS until the first write. */
        "--repl-ping-replica-period", "1",
      };

      if (port == 0)
        return NULL;
      for (guint a = 0; a < G_N_ELEMENTS (fixed_args); a++)
        g_ptr_array_add (args, g_strdup (fixed_args[a]));
      g_ptr_array_add (args, g_strdup ("--cluster-port"));
      g_ptr_array_add (args, g_strdup_printf ("%u", port));
      if (flags & GREDIS_TEST_CLUSTER_TLS)
        {
          if ((cluster->tls_ports[i] = pick_free_port (error)) == 0)
            return NULL;
          add_tls_args (cluster, flags, i, args);
        }
      g_ptr_array_add (args, NULL);
      cluster->nodes[i] = gredis_test_server_start (GREDIS_TEST_SERVER_TCP,
                                                    (const char * const *) args->pdata, error);
      if (cluster->nodes[i] == NULL)
        return NULL;
    }

  g_ptr_array_add (create, g_strdup ("redis-cli"));
  g_ptr_array_add (create, g_strdup ("--cluster"));
  g_ptr_array_add (create, g_strdup ("create"));
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    g_ptr_array_add (create, g_strdup_printf ("127.0.0.1:%u",
                                              gredis_test_server_get_port (cluster->nodes[i])));
  g_ptr_array_add (create, g_strdup ("--cluster-replicas"));
  g_ptr_array_add (create, g_strdup ("1"));
  g_ptr_array_add (create, g_strdup ("--cluster-yes"));
  created = run_cli (create, error);
  if (created == NULL || !gredis_test_cluster_wait_ready (cluster, error))
    return NULL;

  return g_steal_pointer (&cluster);
}

void
gredis_test_cluster_stop (GredisTestCluster *cluster)
{
  if (cluster == NULL)
    return;
  for (guint i = 0; i < GREDIS_TEST_CLUSTER_N_NODES; i++)
    gredis_test_server_stop (cluster->nodes[i]);
#ifdef GREDIS_TEST_HAVE_OPENSSL
  gredis_test_certs_free (cluster->certs);
#endif
  if (cluster->directory != NULL)
    g_rmdir (cluster->directory);
  g_free (cluster->directory);
  g_free (cluster);
}

/* The TLS port of @node, 0 without GREDIS_TEST_CLUSTER_TLS. */
guint16
gredis_test_cluster_get_tls_port (GredisTestCluster *cluster,
                                  guint              node)
{
  g_return_val_if_fail (node < GREDIS_TEST_CLUSTER_N_NODES, 0);
  return cluster->tls_ports[node];
}

/* The certificates every node uses (CA: GREDIS_TEST_TLS_CA_CERT), NULL
 * without GREDIS_TEST_CLUSTER_TLS. */
GredisTestCerts *
gredis_test_cluster_get_certs (GredisTestCluster *cluster)
{
  return cluster->certs;
}

GredisTestServer *
gredis_test_cluster_get_server (GredisTestCluster *cluster,
                                guint              node)
{
  g_return_val_if_fail (node < GREDIS_TEST_CLUSTER_N_NODES, NULL);
  return cluster->nodes[node];
}

guint16
gredis_test_cluster_get_port (GredisTestCluster *cluster,
                              guint              node)
{
  g_return_val_if_fail (node < GREDIS_TEST_CLUSTER_N_NODES, 0);
  return gredis_test_server_get_port (cluster->nodes[node]);
}

/* Asks the node (ROLE) now, so that it is right after a failover. */
gboolean
gredis_test_cluster_is_primary (GredisTestCluster *cluster,
                                guint              node)
{
  g_autofree char *role = gredis_test_cluster_cli (cluster, node, NULL, "ROLE", NULL);

  return role != NULL && g_str_has_prefix (role, "master\n");
}

/* CLUSTER MYID, without the newline. */
char *
gredis_test_cluster_get_node_id (GredisTestCluster *cluster,
                                 guint              node)
{
  char *id = gredis_test_cluster_cli (cluster, node, NULL, "CLUSTER", "MYID", NULL);

  return id != NULL ? g_strstrip (id) : NULL;
}

/* redis://127.0.0.1:port */
char *
gredis_test_cluster_get_uri (GredisTestCluster *cluster,
                             guint              node)
{
  return gredis_test_server_get_uri (gredis_test_cluster_get_server (cluster, node));
}
