/* cluster-test-util.c: what the live cluster tests of the client share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "cluster-test-util.h"

#include <string.h>

gboolean
cluster_test_have_redis_cli (void)
{
  g_autofree char *path = g_find_program_in_path ("redis-cli");

  return path != NULL;
}

GredisClient *
cluster_test_client_new (GredisTestCluster *cluster,
                         guint              seed,
                         const char        *options)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *uri = g_strdup_printf ("redis+cluster://127.0.0.1:%u%s%s",
                                          gredis_test_cluster_get_port (cluster, seed),
                                          options != NULL ? "?" : "",
                                          options != NULL ? options : "");
  GredisClient *client = gredis_client_new_for_uri (uri, &error);

  g_assert_no_error (error);
  return client;
}

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

GredisReply *
cluster_test_run (GredisClient  *client,
                  gboolean       async,
                  GError       **error,
                  ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GAsyncResult) result = NULL;
  const char *arg;
  va_list args;

  va_start (args, error);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  if (!async)
    return gredis_client_command_argv (client, argv->len, (const char * const *) argv->pdata,
                                       NULL, NULL, error);
  gredis_client_command_argv_async (client, argv->len, (const char * const *) argv->pdata, NULL,
                                    NULL, on_result, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  return gredis_client_command_finish (client, result, error);
}

char *
cluster_test_cli (GredisTestCluster *cluster,
                  guint              node,
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
      g_assert_cmpuint (n, <, 10);
      args[n++] = arg;
    }
  va_end (ap);
  answer = gredis_test_cluster_cli (cluster, node, &error, args[0], args[1], args[2], args[3],
                                    args[4], args[5], args[6], args[7], args[8], args[9], NULL);
  g_assert_no_error (error);
  return answer;
}

guint64
cluster_test_command_calls (GredisTestCluster *cluster,
                            guint              node,
                            const char        *command)
{
  g_autofree char *stats = cluster_test_cli (cluster, node, "INFO", "commandstats", NULL);
  g_autofree char *field = g_strdup_printf ("cmdstat_%s:calls=", command);
  const char *p = strstr (stats, field);

  return p != NULL ? g_ascii_strtoull (p + strlen (field), NULL, 10) : 0;
}

guint
cluster_test_slot_owner (GredisTestCluster *cluster,
                         guint              slot)
{
  g_autofree char *nodes = cluster_test_cli (cluster, 0, "CLUSTER", "NODES", NULL);
  g_auto(GStrv) lines = g_strsplit (nodes, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto(GStrv) fields = g_strsplit (lines[i], " ", -1);
      guint n_fields = g_strv_length (fields);

      for (guint f = 8; f < n_fields; f++)
        {
          char *end;
          guint64 first, last, port;

          if (fields[f][0] == '[')
            continue;
          first = g_ascii_strtoull (fields[f], &end, 10);
          last = *end == '-' ? g_ascii_strtoull (end + 1, NULL, 10) : first;
          if (slot < first || slot > last)
            continue;
          port = g_ascii_strtoull (strchr (fields[1], ':') + 1, NULL, 10);
          for (guint n = 0; n < GREDIS_TEST_CLUSTER_N_NODES; n++)
            if (gredis_test_cluster_get_port (cluster, n) == port)
              return n;
        }
    }
  g_error ("No node of the cluster owns slot %u", slot);
}
