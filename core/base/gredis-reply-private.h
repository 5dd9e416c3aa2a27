/* gredis-reply-private.h: the memory layout of replies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

typedef struct _GredisReplyChunk GredisReplyChunk;

/* A reply tree lives in one block: this header, the nodes, then the
 * bytes of its strings. Any node of the tree keeps the whole tree alive.
 *
 * Small trees made by a builder that is reused (a parser's) are carved
 * from a shared slab (see gredis-reply-builder.c); `slab_offset` is then
 * the offset of the tree from the start of its slab, else 0. */
typedef struct
{
  gint              ref_count;  /* atomic */
  guint32           slab_offset;
  GredisReplyChunk *overflow;   /* extra blocks when the sizes given were short */
} GredisReplyTree;

struct _GredisReplyChunk
{
  GredisReplyChunk *next;
};

/* 32 bytes on LP64. Strings (and the text of doubles and big numbers)
 * point into the tree's bytes and are NUL-terminated; a verbatim
 * string's format is stored NUL-terminated right before its text. */
struct _GredisReply
{
  guint8           kind;
  guint8           flags;
  guint16          reserved;
  guint32          length;       /* bytes of a string, or number of elements */
  union {
    gint64         integer;      /* integers and booleans */
    const char    *str;          /* strings, errors, doubles, big numbers */
    GredisReply   *elements;     /* aggregates: `length` contiguous nodes */
  } v;
  GredisReplyTree *tree;         /* NULL for static replies */
  GredisReply     *attributes;   /* a map, or NULL */
};

G_END_DECLS

G_BEGIN_DECLS
void _gredis_reply_tree_free (GredisReplyTree *tree);

static inline void
_gredis_reply_tree_unref (GredisReplyTree *tree)
{
  /* Most replies have one owner: a count of 1 is ours alone, since no
   * other thread can take a reference without holding one, so the tree
   * can go without a locked instruction. */
  if (g_atomic_int_get (&tree->ref_count) == 1 ||
      g_atomic_int_dec_and_test (&tree->ref_count))
    _gredis_reply_tree_free (tree);
}
G_END_DECLS
