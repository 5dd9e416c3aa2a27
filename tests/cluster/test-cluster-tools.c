/* test-cluster-tools.c: gredis-cli -c against redis-cli -c, and
 * gredis-benchmark --cluster, on a real local cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-test-cluster.h"

static GredisTestCluster *cluster;

typedef struct
{
  char *out;
  char *err;
  int status;
} Run;

static void
run_clear (Run *r)
{
  g_free (r->out);
  g_free (r->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static Run
run (GPtrArray  *argv,
     const char *input)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  Run r = { NULL, NULL, -1 };

  g_ptr_array_add (argv, NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE |
                                        (input != NULL ? G_SUBPROCESS_FLAGS_STDIN_PIPE : 0));
  process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, &r.out, &r.err, &error);
  g_assert_no_error (error);
  r.status = g_subprocess_get_exit_status (process);
  return r;
}

/* Both tools with @options, -c and -p of @node, then @args; the output
 * of both for @input on standard input (or none), and both exit 0. */
static void
compare_tools (guint               node,
               const char * const *options,
               const char * const *args,
               const char         *input,
               char              **gredis_out)
{
  g_auto(Run) expected = { 0 };
  g_auto(Run) got = { 0 };

  for (guint tool = 0; tool < 2; tool++)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

      g_ptr_array_add (argv, g_strdup (tool == 0 ? "redis-cli" : GREDIS_CLI));
      g_ptr_array_add (argv, g_strdup ("-c"));
      g_ptr_array_add (argv, g_strdup ("-p"));
      g_ptr_array_add (argv, g_strdup_printf ("%u", gredis_test_cluster_get_port (cluster, node)));
      for (guint i = 0; options != NULL && options[i] != NULL; i++)
        g_ptr_array_add (argv, g_strdup (options[i]));
      for (guint i = 0; args != NULL && args[i] != NULL; i++)
        g_ptr_array_add (argv, g_strdup (args[i]));
      if (tool == 0)
        expected = run (argv, input);
      else
        got = run (argv, input);
    }
  g_assert_cmpint (expected.status, ==, 0);
  g_assert_cmpstr (got.err, ==, "");
  g_assert_cmpstr (got.out, ==, expected.out);
  g_assert_cmpint (got.status, ==, 0);
  if (gredis_out != NULL)
    *gredis_out = g_steal_pointer (&got.out);
}

/* Slot ownership, from CLUSTER NODES ("0-5460" fields of primaries). */
static guint
owner_of_slot (guint slot)
{
  g_autofree char *nodes = gredis_test_cluster_cli (cluster, 0, NULL, "CLUSTER", "NODES", NULL);
  g_auto(GStrv) lines = NULL;

  g_assert_nonnull (nodes);
  lines = g_strsplit (nodes, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);

      for (guint f = 8; f < g_strv_length (fields); f++)
        {
          guint64 first = 0, last = 0;
          char *end;

          if (fields[f][0] == '[')
            continue;
          first = g_ascii_strtoull (fields[f], &end, 10);
          last = *end == '-' ? g_ascii_strtoull (end + 1, NULL, 10) : first;
          if (slot >= first && slot <= last)
            {
              /* fields[1] is ip:port@bus-port. */
              guint64 port = g_ascii_strtoull (strchr (fields[1], ':') + 1, NULL, 10);

              for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
                if (gredis_test_cluster_get_port (cluster, n) == port)
                  return n;
            }
        }
    }
  g_assert_not_reached ();
}

static guint
key_owner (const char *key)
{
  return owner_of_slot (gredis_key_slot ((const guint8 *) key, strlen (key)));
}

/* A key named @prefix:N owned by @node. */
static char *
key_on_node (const char *prefix,
             guint       node)
{
  for (guint i = 0;; i++)
    {
      char *key = g_strdup_printf ("%s:%u", prefix, i);

      if (key_owner (key) == node)
        return key;
      g_free (key);
    }
}

static guint
first_primary (void)
{
  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    if (gredis_test_cluster_is_primary (cluster, n))
      return n;
  g_assert_not_reached ();
}

/* Commands from standard input over keys of every primary: the same
 * bytes as redis-cli -c, its "-> Redirected to slot" lines included, in
 * both output formats. */
static void
test_cli_redirects_stdin (void)
{
  guint start = first_primary ();
  g_autoptr(GString) input = g_string_new (NULL);
  g_autofree char *out = NULL;
  static const char * const raw[] = { "--raw", NULL };
  static const char * const no_raw[] = { "--no-raw", NULL };
  guint n_other = 0;

  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    {
      g_autofree char *key = NULL;

      if (!gredis_test_cluster_is_primary (cluster, n))
        continue;
      key = key_on_node ("cli-stdin", n);
      /* The counter is deleted again, so that both tools see it new. */
      g_string_append_printf (input, "SET %s value-%u\nGET %s\nINCR counter:{%s}\nDEL counter:{%s}\n",
                              key, n, key, key, key);
      n_other += n != start;
    }
  g_assert_cmpuint (n_other, ==, 2);
  /* Back to a key of the first node, and a keyless command where the
   * last redirect left the session. */
  g_string_append (input, "PING\nGET cli-stdin-nosuch\nGET cli-stdin-nosuch:{a}\n");

  compare_tools (start, no_raw, NULL, input->str, &out);
  g_assert_nonnull (strstr (out, "-> Redirected to slot ["));
  g_clear_pointer (&out, g_free);
  compare_tools (start, raw, NULL, input->str, &out);
  g_assert_nonnull (strstr (out, "-> Redirected to slot ["));
}

/* A command given as arguments follows the redirect without a line about
 * it, as redis-cli does; without -c the MOVED error is the reply. */
static void
test_cli_redirects_argv (void)
{
  guint start = first_primary ();
  guint other = (start + 1) % GREDIS_TEST_CLUSTER_N_NODES;
  g_autofree char *key = NULL;
  g_autofree char *out = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(Run) plain = { 0 };

  while (!gredis_test_cluster_is_primary (cluster, other))
    other = (other + 1) % GREDIS_TEST_CLUSTER_N_NODES;
  key = key_on_node ("cli-argv", other);
  {
    const char * const set[] = { "SET", key, "from-argv", NULL };
    const char * const get[] = { "GET", key, NULL };

    compare_tools (start, NULL, set, NULL, NULL);
    compare_tools (start, NULL, get, NULL, &out);
    g_assert_cmpstr (out, ==, "from-argv\n");
  }

  g_ptr_array_add (argv, g_strdup (GREDIS_CLI));
  g_ptr_array_add (argv, g_strdup ("-p"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", gredis_test_cluster_get_port (cluster, start)));
  g_ptr_array_add (argv, g_strdup ("GET"));
  g_ptr_array_add (argv, g_strdup (key));
  plain = run (argv, NULL);
  g_assert_true (g_str_has_prefix (plain.out, "MOVED "));
}

/* A redis+cluster:// URI starts at its first seed in cluster mode (no
 * -c needed): the output is redis-cli -c's from that node. */
static void
test_cli_cluster_uri (void)
{
  guint start = first_primary ();
  g_autofree char *input = NULL;
  g_autoptr(GString) expected_input = g_string_new (NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);
  g_auto(Run) got = { 0 };
  g_autofree char *expected = NULL;
  g_autofree char *uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u,127.0.0.1:%u",
                                          gredis_test_cluster_get_port (cluster, start),
                                          gredis_test_cluster_get_port (cluster, (start + 1) % 6));

  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    if (gredis_test_cluster_is_primary (cluster, n))
      {
        g_autofree char *key = key_on_node ("cli-uri", n);

        g_string_append_printf (expected_input, "SET %s %u\nGET %s\n", key, n, key);
      }
  compare_tools (start, NULL, NULL, expected_input->str, &expected);

  g_ptr_array_add (argv, g_strdup (GREDIS_CLI));
  g_ptr_array_add (argv, g_strdup ("-u"));
  g_ptr_array_add (argv, g_strdup (uri));
  got = run (argv, expected_input->str);
  g_assert_cmpint (got.status, ==, 0);
  g_assert_cmpstr (got.out, ==, expected);
}

/* A slot being migrated: the source answers ASK for a key it no longer
 * has; the target takes the command only after ASKING. Both tools print
 * the redirect line and the target's reply, and stay on the target. */
static void
test_cli_ask (void)
{
  guint source = first_primary ();
  guint target = (source + 1) % GREDIS_TEST_CLUSTER_N_NODES;
  g_autofree char *key = NULL;
  g_autofree char *slot = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *target_id = NULL;
  g_autofree char *input = NULL;
  g_autofree char *out = NULL;
  g_autofree char *line = NULL;
  g_autofree char *local_key = NULL;
  g_autoptr(GError) error = NULL;
  char *reply;

  while (!gredis_test_cluster_is_primary (cluster, target))
    target = (target + 1) % GREDIS_TEST_CLUSTER_N_NODES;
  key = key_on_node ("cli-ask", source);
  local_key = key_on_node ("cli-ask-local", source);
  slot = g_strdup_printf ("%u", gredis_key_slot ((const guint8 *) key, strlen (key)));
  source_id = gredis_test_cluster_get_node_id (cluster, source);
  target_id = gredis_test_cluster_get_node_id (cluster, target);

  reply = gredis_test_cluster_cli (cluster, target, &error, "CLUSTER", "SETSLOT", slot, "IMPORTING", source_id, NULL);
  g_assert_no_error (error);
  g_free (reply);
  reply = gredis_test_cluster_cli (cluster, source, &error, "CLUSTER", "SETSLOT", slot, "MIGRATING", target_id, NULL);
  g_assert_no_error (error);
  g_free (reply);

  /* GET of the migrating key, then a key of the source: the session is
   * on the target after ASK, so the second one is redirected back. */
  input = g_strdup_printf ("GET %s\nSET %s here\nGET %s\n", key, local_key, local_key);
  compare_tools (source, NULL, NULL, input, &out);
  line = g_strdup_printf ("-> Redirected to slot [%s] located at 127.0.0.1:%u\n", slot,
                          gredis_test_cluster_get_port (cluster, target));
  g_assert_true (g_str_has_prefix (out, line));

  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    if (gredis_test_cluster_is_primary (cluster, n))
      {
        reply = gredis_test_cluster_cli (cluster, n, &error, "CLUSTER", "SETSLOT", slot, "NODE", source_id, NULL);
        g_assert_no_error (error);
        g_free (reply);
      }
}

static void
flush_primaries (void)
{
  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    if (gredis_test_cluster_is_primary (cluster, n))
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *reply = gredis_test_cluster_cli (cluster, n, &error, "FLUSHALL", NULL);

        g_assert_no_error (error);
      }
}

/* Every primary got keys. */
static void
assert_keys_on_every_primary (void)
{
  for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
    if (gredis_test_cluster_is_primary (cluster, n))
      {
        g_autoptr(GError) error = NULL;
        g_autofree char *size = gredis_test_cluster_cli (cluster, n, &error, "DBSIZE", NULL);

        g_assert_no_error (error);
        g_assert_cmpuint (g_ascii_strtoull (size, NULL, 10), >, 0);
      }
}

static Run
run_benchmark (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup (GREDIS_BENCHMARK));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  return run (argv, NULL);
}

/* gredis-benchmark --cluster: requests routed by slot over random keys
 * that reach every primary, with the output of a run without it. */
static void
test_benchmark_cluster (void)
{
  g_autofree char *port = g_strdup_printf ("%u", gredis_test_cluster_get_port (cluster, first_primary ()));
  const char * const quiet[] = { "--cluster", "-p", port, "-n", "3000", "-c", "4", "-P", "16",
                                 "-t", "set,get,incr,mset", "-q", NULL };
  const char * const full[] = { "--cluster", "-p", port, "-n", "1000", "-c", "2", "-t", "set", NULL };
  static const char * const lines[] = {
    "====== SET ======\n", "  1000 requests completed in ", "  2 parallel clients\n",
    "  3 bytes payload\n", "  pipeline 1\n", "  latency (msec): avg ", " requests per second\n",
  };
  g_auto(Run) r = { 0 };
  g_auto(Run) full_run = { 0 };

  flush_primaries ();
  r = run_benchmark (quiet);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "SET: "));
  g_assert_nonnull (strstr (r.out, "\nGET: "));
  g_assert_nonnull (strstr (r.out, "\nINCR: "));
  g_assert_nonnull (strstr (r.out, "\nMSET (10 keys): "));
  assert_keys_on_every_primary ();

  full_run = run_benchmark (full);
  g_assert_cmpint (full_run.status, ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (lines); i++)
    g_assert_nonnull (strstr (full_run.out, lines[i]));
}

/* A redis+cluster:// URI implies --cluster; --async works through it. */
static void
test_benchmark_cluster_uri_async (void)
{
  g_autofree char *uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u",
                                          gredis_test_cluster_get_port (cluster, first_primary ()));
  const char * const args[] = { "-u", uri, "--async", "-n", "3000", "-t", "set", "-q", NULL };
  g_auto(Run) r = { 0 };

  flush_primaries ();
  r = run_benchmark (args);
  g_assert_cmpstr (r.err, ==, "");
  g_assert_cmpint (r.status, ==, 0);
  g_assert_true (g_str_has_prefix (r.out, "SET: "));
  assert_keys_on_every_primary ();
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
  g_autofree char *redis_cli = g_find_program_in_path ("redis-cli");
  int status;

  g_test_init (&argc, &argv, NULL);

  if (redis_cli == NULL)
    {
      g_test_add_func ("/cluster/tools/skipped", skip_without_redis_cli);
      return g_test_run ();
    }
  cluster = gredis_test_cluster_start (&error);
  g_assert_no_error (error);

  g_test_add_func ("/cluster/tools/cli/redirects-stdin", test_cli_redirects_stdin);
  g_test_add_func ("/cluster/tools/cli/redirects-argv", test_cli_redirects_argv);
  g_test_add_func ("/cluster/tools/cli/cluster-uri", test_cli_cluster_uri);
  g_test_add_func ("/cluster/tools/cli/ask", test_cli_ask);
  g_test_add_func ("/cluster/tools/benchmark/cluster", test_benchmark_cluster);
  g_test_add_func ("/cluster/tools/benchmark/cluster-uri-async", test_benchmark_cluster_uri_async);

  status = g_test_run ();
  gredis_test_cluster_stop (cluster);
  return status;
}
