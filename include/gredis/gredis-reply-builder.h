/* gredis-reply-builder.h: building reply trees in one allocation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gredis/gredis-reply.h>

G_BEGIN_DECLS

/**
 * GredisReplyBuilder: (skip)
 *
 * Builds one #GredisReply tree in a single block of memory. It is the
 * tool of parsers: a parser that has seen the whole of a reply knows how
 * many nodes it has and how many bytes its strings take, creates a
 * builder sized exactly for that, and adds the nodes in the order they
 * appear on the wire (an aggregate, then its elements).
 *
 * Because the size comes from bytes that actually arrived, a builder never
 * allocates from a length that a server merely announced.
 */
typedef struct _GredisReplyBuilder GredisReplyBuilder;

GREDIS_AVAILABLE_IN_ALL
GredisReplyBuilder *gredis_reply_builder_new             (gsize               n_nodes,
                                                          gsize               n_bytes);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_reset           (GredisReplyBuilder *builder,
                                                          gsize               n_nodes,
                                                          gsize               n_bytes);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_free            (GredisReplyBuilder *builder);

GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_add_string      (GredisReplyBuilder *builder,
                                                          GredisReplyKind     kind,
                                                          const char         *data,
                                                          gsize               length);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_add_verbatim    (GredisReplyBuilder *builder,
                                                          const char         *format,
                                                          const char         *data,
                                                          gsize               length);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_add_integer     (GredisReplyBuilder *builder,
                                                          gint64              value);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_add_double      (GredisReplyBuilder *builder,
                                                          const char         *text,
                                                          gsize               length);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_add_boolean     (GredisReplyBuilder *builder,
                                                          gboolean            value);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_add_nil         (GredisReplyBuilder *builder);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_begin_aggregate (GredisReplyBuilder *builder,
                                                          GredisReplyKind     kind,
                                                          gsize               n_elements);
GREDIS_AVAILABLE_IN_ALL
void                gredis_reply_builder_begin_attributes (GredisReplyBuilder *builder,
                                                           gsize               n_pairs);
GREDIS_AVAILABLE_IN_ALL
GredisReply        *gredis_reply_builder_finish          (GredisReplyBuilder *builder);

GREDIS_AVAILABLE_IN_ALL
GredisReply        *gredis_reply_builder_build_string    (GredisReplyBuilder *builder,
                                                          GredisReplyKind     kind,
                                                          const char         *data,
                                                          gsize               length);
GREDIS_AVAILABLE_IN_ALL
GredisReply        *gredis_reply_builder_build_integer   (GredisReplyBuilder *builder,
                                                          gint64              value);
GREDIS_AVAILABLE_IN_ALL
GredisReply        *gredis_reply_builder_build_string_take (GredisReplyBuilder *builder,
                                                            GredisReplyKind     kind,
                                                            gpointer            block,
                                                            gsize               offset,
                                                            gsize               length);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisReplyBuilder, gredis_reply_builder_free)

G_END_DECLS
