/* gredis-reply-types-private.h: what the typed helpers share of the reply converters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Sets @error to "a reply of an unexpected kind". */
void       _gredis_reply_unexpected      (const GredisReply  *reply,
                                          GError            **error);
/* A string, simple string, verbatim string, double or big number. */
gboolean   _gredis_reply_is_text         (const GredisReply  *reply);
/* An array or a set. */
gboolean   _gredis_reply_is_list         (const GredisReply  *reply);
char      *_gredis_reply_dup_text        (const GredisReply  *reply);
/* A double, an integer, or a string holding a number (or inf). */
gboolean   _gredis_reply_parse_double    (const GredisReply  *reply,
                                          double             *out);

typedef gboolean (*PairFunc) (const GredisReply *a,
                              const GredisReply *b,
                              gpointer           data);
/* Each pair of a map, a flat array of pairs or an array of pairs. */
gboolean   _gredis_reply_foreach_pair    (const GredisReply  *reply,
                                          PairFunc            func,
                                          gpointer            data,
                                          GError            **error);
/* Entries: with @per_stream, as XREAD gives them. */
GPtrArray *_gredis_reply_stream_entries  (const GredisReply  *reply,
                                          gboolean            per_stream,
                                          GError            **error);

/* Sets the stream of @entry, which must not be shared yet (a fresh entry
 * of a reply to a command on one stream: XAUTOCLAIM, XCLAIM, XRANGE). */
void       _gredis_stream_entry_set_stream (GredisStreamEntry *entry,
                                            const char        *stream);
/* Takes @member, whose data must be NUL-terminated (a reply's). */
GredisScoredMember *_gredis_scored_member_new_take (GBytes *member,
                                                    double  score);

G_END_DECLS
