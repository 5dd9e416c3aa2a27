/* gredis-cli-metrics.c: the figures of gredis-cli's own connection, read
 * from the client's `metrics` observer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/**
 * cli_metrics_observe:
 * @config: the configuration a client is about to be made from
 *
 * Adds the `metrics` observer to the observers @config names, unless it
 * is there already.
 */
void
cli_metrics_observe (GredisConfig *config)
{
  const char *observe = gredis_config_get_observe (config);
  g_auto(GStrv) names = NULL;
  g_autofree char *joined = NULL;

  if (observe == NULL || *observe == '\0')
    {
      gredis_config_set_observe (config, "metrics");
      return;
    }
  names = g_strsplit (observe, ",", -1);
  for (guint i = 0; names[i] != NULL; i++)
    if (strcmp (g_strstrip (names[i]), "metrics") == 0)
      return;
  joined = g_strconcat (observe, ",metrics", NULL);
  gredis_config_set_observe (config, joined);
}

/* Adds the operations of one series of db.client.operation.duration. */
static void
add_series (CliMetrics *metrics,
            GVariant   *series,
            const char *operation)
{
  g_autoptr(GVariant) attributes = g_variant_lookup_value (series, "attributes",
                                                           G_VARIANT_TYPE_VARDICT);
  const char *name = NULL;
  const char *error_type = NULL;
  guint64 count = 0;
  double sum = 0;

  if (attributes == NULL || !g_variant_lookup (series, "count", "t", &count))
    return;
  g_variant_lookup (series, "sum", "d", &sum);
  g_variant_lookup (attributes, "db.operation.name", "&s", &name);
  g_variant_lookup (attributes, "error.type", "&s", &error_type);

  if (error_type != NULL)
    metrics->errors += count;
  else if (g_strcmp0 (name, operation) == 0)
    {
      metrics->answered += count;
      metrics->seconds += sum;
    }
}

/**
 * cli_metrics_read:
 * @metrics: (out caller-allocates): the figures
 * @client: a client with the `metrics` observer
 * @operation: the command whose round trips are summed, such as `INFO`
 *
 * Reads the counters of @client's `metrics` observer (see
 * gredis_client_get_metrics()) since it was made: the times @operation
 * was answered without an error and their total duration, the
 * operations that ended with an error (every attempt, whatever the
 * command), the retries decided and the connections made.
 *
 * Returns: %FALSE if @client has no `metrics` observer
 */
gboolean
cli_metrics_read (CliMetrics   *metrics,
                  GredisClient *client,
                  const char   *operation)
{
  g_autoptr(GVariant) snapshot = gredis_client_get_metrics (client);
  g_autoptr(GVariant) operations = NULL;
  GVariantIter iter;
  GVariant *series;

  memset (metrics, 0, sizeof *metrics);
  if (snapshot == NULL)
    return FALSE;

  operations = g_variant_lookup_value (snapshot, "db.client.operation.duration",
                                       G_VARIANT_TYPE ("aa{sv}"));
  if (operations != NULL)
    {
      g_variant_iter_init (&iter, operations);
      while ((series = g_variant_iter_next_value (&iter)) != NULL)
        {
          add_series (metrics, series, operation);
          g_variant_unref (series);
        }
    }
  g_variant_lookup (snapshot, "gredis.client.retries", "t", &metrics->retries);
  g_variant_lookup (snapshot, "gredis.client.connection.created", "t", &metrics->connections);
  return TRUE;
}
