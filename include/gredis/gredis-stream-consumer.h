/* gredis-stream-consumer.h: a consumer of a stream's group, run on a main context
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-client.h>
#include <gredis/gredis-reply-types.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_STREAM_CONSUMER (gredis_stream_consumer_get_type ())
GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisStreamConsumer, gredis_stream_consumer, GREDIS, STREAM_CONSUMER, GObject)

GREDIS_AVAILABLE_IN_ALL
GredisStreamConsumer *gredis_stream_consumer_new                    (GredisClient         *client,
                                                                     const char           *stream,
                                                                     const char           *group,
                                                                     const char           *consumer);
GREDIS_AVAILABLE_IN_ALL
GredisClient         *gredis_stream_consumer_get_client             (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
const char           *gredis_stream_consumer_get_stream             (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
const char           *gredis_stream_consumer_get_group              (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
const char           *gredis_stream_consumer_get_consumer           (GredisStreamConsumer *self);

GREDIS_AVAILABLE_IN_ALL
guint                 gredis_stream_consumer_get_count              (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_stream_consumer_set_count              (GredisStreamConsumer *self,
                                                                     guint                 count);
GREDIS_AVAILABLE_IN_ALL
guint                 gredis_stream_consumer_get_block_ms           (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_stream_consumer_set_block_ms           (GredisStreamConsumer *self,
                                                                     guint                 block_ms);
GREDIS_AVAILABLE_IN_ALL
gboolean              gredis_stream_consumer_get_create_group       (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_stream_consumer_set_create_group       (GredisStreamConsumer *self,
                                                                     gboolean              create_group);
GREDIS_AVAILABLE_IN_ALL
guint64               gredis_stream_consumer_get_claim_min_idle_ms  (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_stream_consumer_set_claim_min_idle_ms  (GredisStreamConsumer *self,
                                                                     guint64               min_idle_ms);

GREDIS_AVAILABLE_IN_ALL
gboolean              gredis_stream_consumer_get_running            (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
guint64               gredis_stream_consumer_get_entries_processed  (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
guint64               gredis_stream_consumer_get_entries_acknowledged (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
guint64               gredis_stream_consumer_get_entries_failed     (GredisStreamConsumer *self);

GREDIS_AVAILABLE_IN_ALL
void                  gredis_stream_consumer_start                  (GredisStreamConsumer *self);
GREDIS_AVAILABLE_IN_ALL
void                  gredis_stream_consumer_stop                   (GredisStreamConsumer *self);

G_END_DECLS
