/* gredis-client-metrics.c: the snapshot of the `metrics` observer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-metrics-observer-private.h"

static GredisMetricsObserver *
find_metrics (GredisClient *client)
{
  GredisObservers *observers = _gredis_router_get_observers (_gredis_client_get_router (client));

  return (GredisMetricsObserver *) _gredis_observers_find (observers,
                                                           GREDIS_TYPE_METRICS_OBSERVER);
}

/**
 * gredis_client_get_metrics:
 * @client: a #GredisClient
 *
 * Reads the counters and histograms of the `metrics` observer (chosen
 * with #GredisConfig:observe, such as `observe=metrics`), named after
 * OpenTelemetry's database client conventions. The snapshot is a
 * dictionary (`a{sv}`):
 *
 * - `db.system.name` (`s`): `redis`;
 * - `db.client.operation.duration` (`aa{sv}`): one histogram for each
 *   combination of attributes seen, each a dictionary with
 *   `attributes` (`a{sv}`: `db.system.name`, `db.operation.name`,
 *   `db.namespace` (`s`, the database number), `server.address`,
 *   `server.port` (`u`), and when they apply `error.type` (`s`) and
 *   `db.operation.batch.size` (`u`)), `count` (`t`), `sum` (`d`,
 *   seconds), `explicit_bounds` (`ad`, seconds: 0.001, 0.005, 0.01, 0.05,
 *   0.1, 0.5, 1, 5 and 10, the bounds OpenTelemetry recommends), and
 *   `bucket_counts` (`at`, one more than the bounds: a duration equal to
 *   a bound counts in the bucket it ends), `bytes_out` and `bytes_in`
 *   (`t`);
 * - `db.client.connection.count` (`x`): the connections ready now;
 * - `db.client.connection.create_time` and
 *   `db.client.connection.wait_time` (`a{sv}`): histograms as above,
 *   without attributes: how long connections took to become ready, and
 *   how long callers waited for the pool to hand one out (the shared
 *   connection of a main context, an exclusive one, the one of each
 *   blocking command);
 * - `db.client.connection.timeouts` (`t`): waits for the pool that gave
 *   up;
 * - `gredis.client.connection.created`, `gredis.client.connection.closed`,
 *   `gredis.client.retries`, `gredis.client.redirects.moved`,
 *   `gredis.client.redirects.ask`, `gredis.client.topology.changes`,
 *   `gredis.client.pubsub.messages`, `gredis.client.cache.hits`,
 *   `gredis.client.cache.misses`, `gredis.client.cache.invalidations`
 *   (`t`): counters.
 *
 * Each retry and each redirect of a command counts as an operation of
 * its own in `db.client.operation.duration`, with its error.
 *
 * Returns: (transfer full) (nullable): the snapshot, or %NULL when the
 *   client does not have the `metrics` observer
 */
GVariant *
gredis_client_get_metrics (GredisClient *client)
{
  GredisMetricsObserver *metrics;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);

  metrics = find_metrics (client);
  if (metrics == NULL)
    return NULL;
  return g_variant_ref_sink (_gredis_metrics_observer_snapshot (metrics));
}

/**
 * gredis_client_reset_metrics:
 * @client: a #GredisClient
 *
 * Sets every counter and histogram of the `metrics` observer back to
 * zero (db.client.connection.count, which counts the connections open
 * now, stays). Commands that end meanwhile may be counted in part. Does
 * nothing when the client does not have the `metrics` observer.
 */
void
gredis_client_reset_metrics (GredisClient *client)
{
  GredisMetricsObserver *metrics;

  g_return_if_fail (GREDIS_IS_CLIENT (client));

  metrics = find_metrics (client);
  if (metrics != NULL)
    _gredis_metrics_observer_reset (metrics);
}
