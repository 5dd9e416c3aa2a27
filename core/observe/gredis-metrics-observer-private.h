/* gredis-metrics-observer-private.h: the built-in `metrics` observer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* GredisMetricsObserver: registered as the `metrics` observer. Counters
 * and histograms named after OpenTelemetry's database conventions. A
 * command counts in its own thread's shard of its series, found through
 * a cache of that thread, with plain stores and no locked instruction (a
 * lock only the first time a thread sees a series); a snapshot adds the
 * shards up. gredis_client_get_metrics() documents the snapshot. */
#define GREDIS_TYPE_METRICS_OBSERVER (gredis_metrics_observer_get_type ())
G_DECLARE_FINAL_TYPE (GredisMetricsObserver, gredis_metrics_observer, GREDIS, METRICS_OBSERVER, GObject)

/* The snapshot, floating: an a{sv} dictionary. */
GVariant *_gredis_metrics_observer_snapshot (GredisMetricsObserver *self);
/* Every counter and histogram back to zero (the connection count, a
 * gauge, stays). Commands that end meanwhile may be counted partly. */
void      _gredis_metrics_observer_reset    (GredisMetricsObserver *self);

G_END_DECLS
