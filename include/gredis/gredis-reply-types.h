/* gredis-reply-types.h: typed views of replies, the same under RESP2 and RESP3
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <glib-object.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-reply.h>

G_BEGIN_DECLS

/**
 * GredisScoredMember:
 *
 * A member of a sorted set and its score, as `ZRANGE ... WITHSCORES`,
 * `ZPOPMIN` and the like give them: an immutable, reference-counted boxed
 * type.
 */
typedef struct _GredisScoredMember GredisScoredMember;

#define GREDIS_TYPE_SCORED_MEMBER (gredis_scored_member_get_type ())

GREDIS_AVAILABLE_IN_ALL
GType               gredis_scored_member_get_type         (void) G_GNUC_CONST;
GREDIS_AVAILABLE_IN_ALL
GredisScoredMember *gredis_scored_member_new              (const char               *member,
                                                           double                    score);
GREDIS_AVAILABLE_IN_ALL
GredisScoredMember *gredis_scored_member_ref              (GredisScoredMember       *member);
GREDIS_AVAILABLE_IN_ALL
void                gredis_scored_member_unref            (GredisScoredMember       *member);
GREDIS_AVAILABLE_IN_ALL
const char         *gredis_scored_member_get_member       (const GredisScoredMember *member);
GREDIS_AVAILABLE_IN_ALL
GBytes             *gredis_scored_member_get_member_bytes (const GredisScoredMember *member);
GREDIS_AVAILABLE_IN_ALL
double              gredis_scored_member_get_score        (const GredisScoredMember *member);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisScoredMember, gredis_scored_member_unref)

/**
 * GredisStreamEntry:
 *
 * An entry of a stream: its id, its fields and values in the order they
 * were added, and, from `XREAD`, `XREADGROUP` and
 * [class@Gredis.StreamConsumer], the stream it belongs to. An immutable,
 * reference-counted boxed type.
 */
typedef struct _GredisStreamEntry GredisStreamEntry;

#define GREDIS_TYPE_STREAM_ENTRY (gredis_stream_entry_get_type ())

GREDIS_AVAILABLE_IN_ALL
GType              gredis_stream_entry_get_type        (void) G_GNUC_CONST;
GREDIS_AVAILABLE_IN_ALL
GredisStreamEntry *gredis_stream_entry_ref             (GredisStreamEntry       *entry);
GREDIS_AVAILABLE_IN_ALL
void               gredis_stream_entry_unref           (GredisStreamEntry       *entry);
GREDIS_AVAILABLE_IN_ALL
const char        *gredis_stream_entry_get_id          (const GredisStreamEntry *entry);
GREDIS_AVAILABLE_IN_ALL
const char        *gredis_stream_entry_get_stream      (const GredisStreamEntry *entry);
GREDIS_AVAILABLE_IN_ALL
guint              gredis_stream_entry_get_n_fields    (const GredisStreamEntry *entry);
GREDIS_AVAILABLE_IN_ALL
const char        *gredis_stream_entry_get_field       (const GredisStreamEntry *entry,
                                                        guint                    index);
GREDIS_AVAILABLE_IN_ALL
const char        *gredis_stream_entry_get_value       (const GredisStreamEntry *entry,
                                                        guint                    index);
GREDIS_AVAILABLE_IN_ALL
GBytes            *gredis_stream_entry_get_value_bytes (const GredisStreamEntry *entry,
                                                        guint                    index);
GREDIS_AVAILABLE_IN_ALL
const char        *gredis_stream_entry_lookup          (const GredisStreamEntry *entry,
                                                        const char              *field);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisStreamEntry, gredis_stream_entry_unref)

/* Converters for replies to raw commands: they read @reply and leave it
 * alone. */

GREDIS_AVAILABLE_IN_ALL
char      **gredis_reply_to_strv           (const GredisReply  *reply,
                                            GError            **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray  *gredis_reply_to_bytes_array    (const GredisReply  *reply,
                                            GError            **error);
GREDIS_AVAILABLE_IN_ALL
GHashTable *gredis_reply_to_hash_table     (const GredisReply  *reply,
                                            GError            **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray  *gredis_reply_to_scored_members (const GredisReply  *reply,
                                            GError            **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray  *gredis_reply_to_stream_entries (const GredisReply  *reply,
                                            GError            **error);
GREDIS_AVAILABLE_IN_ALL
gboolean    gredis_reply_to_double         (const GredisReply  *reply,
                                            double             *value,
                                            GError            **error);
GREDIS_AVAILABLE_IN_ALL
GVariant   *gredis_reply_to_dictionary     (const GredisReply  *reply,
                                            GError            **error);

G_END_DECLS
