/* gredis-reply-builder.c: building reply trees in one allocation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-reply-private.h"

#include <string.h>

typedef struct
{
  GredisReply *aggregate;
  guint32      filled;
  gboolean     is_attributes;
} Frame;

#define N_INLINE_FRAMES 16

/* Slabs.
 *
 * A parser builds many small trees (`:1`, `$5 hello`) and frees them soon
 * after; a malloc() and a free() for each would cost as much as the rest
 * of the parsing. So a builder that is reused (reset at least once, as a
 * parser's is) carves trees of at most SLAB_MAX_TREE bytes one after the
 * other out of a SLAB_SIZE block, its slab. Each tree keeps its own
 * reference count; the slab has one too, and is freed when the builder
 * has moved on to another slab and every tree carved from it is gone.
 *
 * To spare an atomic operation per tree, a new slab starts with
 * SLAB_CHARGES references, more than it can ever hold trees, all owned by
 * the builder: a tree takes one of them when it is carved (no atomic
 * needed) and gives it back when freed; when the builder retires the slab
 * it gives back in one go the charges no tree took.
 *
 * The cost: a small reply kept for a long time keeps its whole slab
 * (4 KiB) alive. Large trees, and trees of builders used only once
 * (gredis_reply_new_string() and friends), get a block of their own. */
#define SLAB_SIZE     4096
#define SLAB_MAX_TREE 256
#define SLAB_CHARGES  SLAB_SIZE

typedef union
{
  gint    ref_count;  /* atomic */
  guint64 align[2];   /* trees start 16 bytes in, aligned */
} GredisReplySlab;

struct _GredisReplyBuilder
{
  GredisReplyTree *tree;
  GredisReply     *root;
  GredisReply     *pending_attributes;

  GredisReply     *next_node;
  GredisReply     *nodes_end;
  char            *next_byte;
  char            *bytes_end;

  Frame           *frames;
  guint            n_frames;
  guint            frames_allocated;

  GredisReplySlab *slab;         /* the slab small trees are carved from */
  guint            slab_used;    /* bytes of it carved (with its header) */
  guint            slab_trees;   /* trees carved from it */
  gboolean         reused;       /* reset at least once: use slabs */

  Frame            inline_frames[N_INLINE_FRAMES];
};

static void
slab_release (GredisReplySlab *slab,
              gint             n)
{
  /* g_atomic_int_add() returns the value before the addition. */
  if (g_atomic_int_add (&slab->ref_count, -n) == n)
    g_free (slab);
}

static void
builder_retire_slab (GredisReplyBuilder *builder)
{
  if (builder->slab == NULL)
    return;
  slab_release (builder->slab, SLAB_CHARGES - (gint) builder->slab_trees);
  builder->slab = NULL;
}

/* Returns `size` bytes (a multiple of 8) of the builder's slab. */
static inline guint8 *
builder_carve (GredisReplyBuilder *builder,
               gsize               size,
               guint32            *offset)
{
  if (builder->slab == NULL || builder->slab_used + size > SLAB_SIZE)
    {
      builder_retire_slab (builder);
      builder->slab = g_malloc (SLAB_SIZE);
      builder->slab->ref_count = SLAB_CHARGES;
      builder->slab_used = sizeof (GredisReplySlab);
      builder->slab_trees = 0;
    }
  *offset = builder->slab_used;
  builder->slab_used += size;
  builder->slab_trees++;
  return (guint8 *) builder->slab + *offset;
}

static void
builder_start (GredisReplyBuilder *builder,
               gsize               n_nodes,
               gsize               n_bytes)
{
  gsize nodes_size;
  gsize bytes_size;
  gsize size;
  guint32 slab_offset = 0;
  guint8 *block;

  /* One NUL per node, so that every string is terminated. */
  if (n_nodes > G_MAXSIZE / sizeof (GredisReply) / 2 ||
      n_bytes > G_MAXSIZE / 2)
    {
      g_critical ("%s: sizes too large", G_STRFUNC);
      n_nodes = 1;
      n_bytes = 0;
    }
  nodes_size = MAX (n_nodes, 1) * sizeof (GredisReply);
  bytes_size = n_bytes + MAX (n_nodes, 1);
  size = sizeof (GredisReplyTree) + nodes_size + bytes_size;

  if (builder->reused && size <= SLAB_MAX_TREE)
    {
      /* Keep the next tree aligned; the padding is spare string room. */
      size = (size + 7) & ~(gsize) 7;
      bytes_size = size - sizeof (GredisReplyTree) - nodes_size;
      block = builder_carve (builder, size, &slab_offset);
    }
  else
    block = g_malloc (size);
  builder->tree = (GredisReplyTree *) block;
  builder->tree->ref_count = 1;
  builder->tree->slab_offset = slab_offset;
  builder->tree->overflow = NULL;

  builder->next_node = (GredisReply *) (block + sizeof (GredisReplyTree));
  builder->nodes_end = builder->next_node + MAX (n_nodes, 1);
  builder->next_byte = (char *) builder->nodes_end;
  builder->bytes_end = builder->next_byte + bytes_size;

  builder->root = NULL;
  builder->pending_attributes = NULL;
  builder->n_frames = 0;
}

/**
 * gredis_reply_builder_new: (skip)
 * @n_nodes: the number of nodes the reply has (every value, every
 *   aggregate and every attribute map counts as one)
 * @n_bytes: the total length of its strings as they appear on the wire
 *   (for a verbatim string, including its `fmt:` prefix)
 *
 * Creates a builder for one reply. If the sizes turn out short, the
 * builder takes more memory as needed, so they must be exact only for the
 * reply to fit in one block.
 *
 * Returns: (transfer full): a new builder
 */
GredisReplyBuilder *
gredis_reply_builder_new (gsize n_nodes,
                          gsize n_bytes)
{
  GredisReplyBuilder *builder = g_new (GredisReplyBuilder, 1);

  builder->frames = builder->inline_frames;
  builder->frames_allocated = N_INLINE_FRAMES;
  builder->slab = NULL;
  builder->reused = FALSE;
  builder_start (builder, n_nodes, n_bytes);
  return builder;
}

/* A tree made by gredis_reply_builder_build_string_take() owns the block
 * its string lives in; it has no overflow chunks, so `overflow` holds the
 * block, tagged in its low bit. */
#define TAKEN_BLOCK_TAG ((guintptr) 1)

static void
tree_free (GredisReplyTree *tree)
{
  GredisReplyChunk *chunk = tree->overflow;

  if (((guintptr) chunk & TAKEN_BLOCK_TAG) != 0)
    {
      g_free ((gpointer) ((guintptr) chunk & ~TAKEN_BLOCK_TAG));
      chunk = NULL;
    }
  while (chunk != NULL)
    {
      GredisReplyChunk *next = chunk->next;
      g_free (chunk);
      chunk = next;
    }
  if (tree->slab_offset != 0)
    slab_release ((GredisReplySlab *) ((guint8 *) tree - tree->slab_offset), 1);
  else
    g_free (tree);
}

void
_gredis_reply_tree_free (GredisReplyTree *tree)
{
  tree_free (tree);
}

/**
 * gredis_reply_builder_reset: (skip)
 * @builder: a #GredisReplyBuilder
 * @n_nodes: as for gredis_reply_builder_new()
 * @n_bytes: as for gredis_reply_builder_new()
 *
 * Drops any unfinished reply and starts a new one, reusing the builder.
 *
 * A builder that is reused carves small replies (up to a few hundred
 * bytes) from shared 4 KiB blocks instead of taking memory for each: such
 * a block is freed once every reply carved from it is, so a small reply
 * kept for a long time keeps its block alive.
 */
void
gredis_reply_builder_reset (GredisReplyBuilder *builder,
                            gsize               n_nodes,
                            gsize               n_bytes)
{
  g_return_if_fail (builder != NULL);

  if (builder->tree != NULL)
    tree_free (builder->tree);
  builder->reused = TRUE;
  builder_start (builder, n_nodes, n_bytes);
}

/**
 * gredis_reply_builder_free: (skip)
 * @builder: (transfer full): a #GredisReplyBuilder
 *
 * Frees the builder and any reply it has not finished.
 */
void
gredis_reply_builder_free (GredisReplyBuilder *builder)
{
  if (builder == NULL)
    return;
  if (builder->tree != NULL)
    tree_free (builder->tree);
  builder_retire_slab (builder);
  if (builder->frames != builder->inline_frames)
    g_free (builder->frames);
  g_free (builder);
}

static gpointer
overflow_alloc (GredisReplyBuilder *builder,
                gsize               size)
{
  GredisReplyChunk *chunk;

  /* Keep the payload aligned for GredisReply. */
  chunk = g_malloc (sizeof (GredisReply) + size);
  chunk->next = builder->tree->overflow;
  builder->tree->overflow = chunk;
  return ((guint8 *) chunk) + sizeof (GredisReply);
}

static GredisReply *
take_nodes (GredisReplyBuilder *builder,
            gsize               n)
{
  GredisReply *nodes;

  if ((gsize) (builder->nodes_end - builder->next_node) >= n)
    {
      nodes = builder->next_node;
      builder->next_node += n;
      return nodes;
    }
  return overflow_alloc (builder, n * sizeof (GredisReply));
}

static char *
take_bytes (GredisReplyBuilder *builder,
            gsize               n)
{
  char *bytes;

  if ((gsize) (builder->bytes_end - builder->next_byte) >= n)
    {
      bytes = builder->next_byte;
      builder->next_byte += n;
      return bytes;
    }
  return overflow_alloc (builder, n);
}

/* Returns the node the next value goes into. */
static GredisReply *
next_slot (GredisReplyBuilder *builder)
{
  GredisReply *node;

  if (builder->n_frames == 0)
    {
      if (G_UNLIKELY (builder->root != NULL || builder->tree == NULL))
        {
          g_critical ("GredisReplyBuilder: the reply is already complete");
          return NULL;
        }
      node = take_nodes (builder, 1);
      builder->root = node;
    }
  else
    {
      Frame *frame = &builder->frames[builder->n_frames - 1];
      node = &frame->aggregate->v.elements[frame->filled++];
    }

  node->tree = builder->tree;
  node->flags = 0;
  node->reserved = 0;
  node->attributes = builder->pending_attributes;
  builder->pending_attributes = NULL;
  return node;
}

/* Closes every aggregate whose elements are all there. */
static void
pop_complete_frames (GredisReplyBuilder *builder)
{
  while (builder->n_frames > 0)
    {
      Frame *frame = &builder->frames[builder->n_frames - 1];

      if (frame->filled < frame->aggregate->length)
        break;
      builder->n_frames--;
      if (frame->is_attributes)
        {
          builder->pending_attributes = frame->aggregate;
          break;
        }
    }
}

static void
push_frame (GredisReplyBuilder *builder,
            GredisReply        *aggregate,
            gboolean            is_attributes)
{
  if (builder->n_frames == builder->frames_allocated)
    {
      guint n = builder->frames_allocated * 2;

      if (builder->frames == builder->inline_frames)
        {
          builder->frames = g_new (Frame, n);
          memcpy (builder->frames, builder->inline_frames,
                  sizeof (builder->inline_frames));
        }
      else
        builder->frames = g_renew (Frame, builder->frames, n);
      builder->frames_allocated = n;
    }
  builder->frames[builder->n_frames].aggregate = aggregate;
  builder->frames[builder->n_frames].filled = 0;
  builder->frames[builder->n_frames].is_attributes = is_attributes;
  builder->n_frames++;
}

static gboolean
is_string_kind (GredisReplyKind kind)
{
  return kind == GREDIS_REPLY_STRING || kind == GREDIS_REPLY_SIMPLE_STRING ||
         kind == GREDIS_REPLY_ERROR || kind == GREDIS_REPLY_BIG_NUMBER ||
         kind == GREDIS_REPLY_DOUBLE;
}

static void
add_text (GredisReplyBuilder *builder,
          GredisReplyKind     kind,
          const char         *data,
          gsize               length)
{
  GredisReply *node;
  char *bytes;

  g_return_if_fail (length <= G_MAXUINT32);

  node = next_slot (builder);
  if (node == NULL)
    return;
  bytes = take_bytes (builder, length + 1);
  if (length > 0)
    memcpy (bytes, data, length);
  bytes[length] = '\0';
  node->kind = kind;
  node->length = length;
  node->v.str = bytes;
  pop_complete_frames (builder);
}

/**
 * gredis_reply_builder_add_string: (skip)
 * @builder: a #GredisReplyBuilder
 * @kind: %GREDIS_REPLY_STRING, %GREDIS_REPLY_SIMPLE_STRING,
 *   %GREDIS_REPLY_ERROR or %GREDIS_REPLY_BIG_NUMBER
 * @data: (array length=length): the bytes
 * @length: the number of bytes
 *
 * Adds a string value; the bytes are copied.
 */
void
gredis_reply_builder_add_string (GredisReplyBuilder *builder,
                                 GredisReplyKind     kind,
                                 const char         *data,
                                 gsize               length)
{
  g_return_if_fail (builder != NULL);
  g_return_if_fail (is_string_kind (kind) && kind != GREDIS_REPLY_DOUBLE);

  add_text (builder, kind, data, length);
}

/**
 * gredis_reply_builder_add_double: (skip)
 * @builder: a #GredisReplyBuilder
 * @text: (array length=length): the double as the server wrote it
 *   (`1.5`, `inf`, `-inf`, `nan`, …); the caller has validated it
 * @length: the length of @text
 *
 * Adds a double. Its text is kept, so that it can be shown exactly as the
 * server sent it.
 */
void
gredis_reply_builder_add_double (GredisReplyBuilder *builder,
                                 const char         *text,
                                 gsize               length)
{
  g_return_if_fail (builder != NULL);

  add_text (builder, GREDIS_REPLY_DOUBLE, text, length);
}

/**
 * gredis_reply_builder_add_verbatim: (skip)
 * @builder: a #GredisReplyBuilder
 * @format: the three-letter format, such as `txt` or `mkd`
 * @data: (array length=length): the text, without the format prefix
 * @length: the length of @data
 *
 * Adds a verbatim string. It takes `length + 4` bytes of the builder's
 * byte budget, as on the wire.
 */
void
gredis_reply_builder_add_verbatim (GredisReplyBuilder *builder,
                                   const char         *format,
                                   const char         *data,
                                   gsize               length)
{
  GredisReply *node;
  char *bytes;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (format != NULL && strlen (format) == 3);
  g_return_if_fail (length <= G_MAXUINT32);

  node = next_slot (builder);
  if (node == NULL)
    return;
  bytes = take_bytes (builder, length + 5);
  memcpy (bytes, format, 3);
  bytes[3] = '\0';
  if (length > 0)
    memcpy (bytes + 4, data, length);
  bytes[length + 4] = '\0';
  node->kind = GREDIS_REPLY_VERBATIM;
  node->length = length;
  node->v.str = bytes + 4;
  pop_complete_frames (builder);
}

static void
add_scalar (GredisReplyBuilder *builder,
            GredisReplyKind     kind,
            gint64              value)
{
  GredisReply *node = next_slot (builder);

  if (node == NULL)
    return;
  node->kind = kind;
  node->length = 0;
  node->v.integer = value;
  pop_complete_frames (builder);
}

/**
 * gredis_reply_builder_add_integer: (skip)
 * @builder: a #GredisReplyBuilder
 * @value: the integer
 *
 * Adds an integer.
 */
void
gredis_reply_builder_add_integer (GredisReplyBuilder *builder,
                                  gint64              value)
{
  g_return_if_fail (builder != NULL);
  add_scalar (builder, GREDIS_REPLY_INTEGER, value);
}

/**
 * gredis_reply_builder_add_boolean: (skip)
 * @builder: a #GredisReplyBuilder
 * @value: the boolean
 *
 * Adds a boolean.
 */
void
gredis_reply_builder_add_boolean (GredisReplyBuilder *builder,
                                  gboolean            value)
{
  g_return_if_fail (builder != NULL);
  add_scalar (builder, GREDIS_REPLY_BOOLEAN, value ? 1 : 0);
}

/**
 * gredis_reply_builder_add_nil: (skip)
 * @builder: a #GredisReplyBuilder
 *
 * Adds a null.
 */
void
gredis_reply_builder_add_nil (GredisReplyBuilder *builder)
{
  g_return_if_fail (builder != NULL);
  add_scalar (builder, GREDIS_REPLY_NIL, 0);
}

static GredisReply *
begin (GredisReplyBuilder *builder,
       GredisReply        *node,
       GredisReplyKind     kind,
       gsize               n_elements,
       gboolean            is_attributes)
{
  node->kind = kind;
  node->length = n_elements;
  node->v.elements = n_elements > 0 ? take_nodes (builder, n_elements) : NULL;
  if (n_elements > 0)
    push_frame (builder, node, is_attributes);
  else if (is_attributes)
    builder->pending_attributes = node;
  else
    pop_complete_frames (builder);
  return node;
}

/**
 * gredis_reply_builder_begin_aggregate: (skip)
 * @builder: a #GredisReplyBuilder
 * @kind: %GREDIS_REPLY_ARRAY, %GREDIS_REPLY_SET, %GREDIS_REPLY_MAP or
 *   %GREDIS_REPLY_PUSH
 * @n_elements: the number of elements that follow (for a map, keys and
 *   values counted apart: twice the number of pairs)
 *
 * Starts an aggregate; its elements are the next @n_elements values
 * added. Memory for them is taken at once, so call this only once the
 * elements have actually arrived.
 */
void
gredis_reply_builder_begin_aggregate (GredisReplyBuilder *builder,
                                      GredisReplyKind     kind,
                                      gsize               n_elements)
{
  GredisReply *node;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (kind == GREDIS_REPLY_ARRAY || kind == GREDIS_REPLY_SET ||
                    kind == GREDIS_REPLY_MAP || kind == GREDIS_REPLY_PUSH);
  g_return_if_fail (n_elements <= G_MAXUINT32);
  g_return_if_fail (kind != GREDIS_REPLY_MAP || n_elements % 2 == 0);

  node = next_slot (builder);
  if (node == NULL)
    return;
  begin (builder, node, kind, n_elements, FALSE);
}

/**
 * gredis_reply_builder_begin_attributes: (skip)
 * @builder: a #GredisReplyBuilder
 * @n_pairs: the number of key-value pairs
 *
 * Starts a RESP3 attribute map. Its 2 × @n_pairs keys and values are the
 * next values added; it is then attached to the value that follows.
 */
void
gredis_reply_builder_begin_attributes (GredisReplyBuilder *builder,
                                       gsize               n_pairs)
{
  GredisReply *node;

  g_return_if_fail (builder != NULL);
  g_return_if_fail (n_pairs <= G_MAXUINT32 / 2);
  g_return_if_fail (builder->tree != NULL);

  node = take_nodes (builder, 1);
  node->tree = builder->tree;
  node->flags = 0;
  node->reserved = 0;
  node->attributes = NULL;
  begin (builder, node, GREDIS_REPLY_MAP, n_pairs * 2, TRUE);
}

/**
 * gredis_reply_builder_finish: (skip)
 * @builder: a #GredisReplyBuilder
 *
 * Returns the reply built. The builder is then empty: reset it to build
 * another, or free it.
 *
 * Returns: (transfer full) (nullable): the reply, or %NULL if it is not
 *   complete
 */
GredisReply *
gredis_reply_builder_finish (GredisReplyBuilder *builder)
{
  GredisReply *root;

  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (builder->tree != NULL, NULL);

  if (builder->root == NULL || builder->n_frames > 0 ||
      builder->pending_attributes != NULL)
    {
      g_critical ("GredisReplyBuilder: the reply is not complete");
      return NULL;
    }
  root = builder->root;
  builder->tree = NULL;
  builder->root = NULL;
  return root;
}

/* A tree of one node and `length` bytes of string, the node filled but
 * for its kind and value. */
static GredisReply *
builder_single (GredisReplyBuilder *builder,
                gsize               length)
{
  gsize size = sizeof (GredisReplyTree) + sizeof (GredisReply) + length + 1;
  guint32 slab_offset = 0;
  GredisReplyTree *tree;
  GredisReply *node;

  if (builder->tree != NULL)
    {
      tree_free (builder->tree);
      builder->tree = NULL;
    }
  builder->root = NULL;
  builder->pending_attributes = NULL;
  builder->n_frames = 0;

  if (builder->reused && size <= SLAB_MAX_TREE)
    tree = (GredisReplyTree *) builder_carve (builder, (size + 7) & ~(gsize) 7, &slab_offset);
  else
    tree = g_malloc (size);
  builder->reused = TRUE;
  tree->ref_count = 1;
  tree->slab_offset = slab_offset;
  tree->overflow = NULL;

  node = (GredisReply *) (tree + 1);
  node->flags = 0;
  node->reserved = 0;
  node->tree = tree;
  node->attributes = NULL;
  return node;
}

/**
 * gredis_reply_builder_build_string: (skip)
 * @builder: a #GredisReplyBuilder
 * @kind: %GREDIS_REPLY_STRING, %GREDIS_REPLY_SIMPLE_STRING,
 *   %GREDIS_REPLY_ERROR or %GREDIS_REPLY_BIG_NUMBER
 * @data: (array length=length): the bytes
 * @length: the number of bytes
 *
 * Builds a reply that is one string, at once: the same as
 * gredis_reply_builder_reset() for one node of @length bytes,
 * gredis_reply_builder_add_string() and gredis_reply_builder_finish(),
 * at a fraction of the cost. Any unfinished reply is dropped, and the
 * builder is empty afterwards. This is the fast path of parsers for the
 * many small replies of a busy connection.
 *
 * Returns: (transfer full): the reply
 */
GredisReply *
gredis_reply_builder_build_string (GredisReplyBuilder *builder,
                                   GredisReplyKind     kind,
                                   const char         *data,
                                   gsize               length)
{
  GredisReply *node;
  char *bytes;

  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (is_string_kind (kind) && kind != GREDIS_REPLY_DOUBLE, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (length <= G_MAXUINT32, NULL);

  node = builder_single (builder, length);
  bytes = (char *) (node + 1);
  if (length > 0)
    memcpy (bytes, data, length);
  bytes[length] = '\0';
  node->kind = kind;
  node->length = length;
  node->v.str = bytes;
  return node;
}

/**
 * gredis_reply_builder_build_integer: (skip)
 * @builder: a #GredisReplyBuilder
 * @value: the integer
 *
 * Builds a reply that is one integer, at once, as
 * gredis_reply_builder_build_string() does for strings.
 *
 * Returns: (transfer full): the reply
 */
GredisReply *
gredis_reply_builder_build_integer (GredisReplyBuilder *builder,
                                    gint64              value)
{
  GredisReply *node;

  g_return_val_if_fail (builder != NULL, NULL);

  node = builder_single (builder, 0);
  ((char *) (node + 1))[0] = '\0';
  node->kind = GREDIS_REPLY_INTEGER;
  node->length = 0;
  node->v.integer = value;
  return node;
}

/**
 * gredis_reply_builder_build_string_take: (skip)
 * @builder: a #GredisReplyBuilder
 * @kind: %GREDIS_REPLY_STRING, %GREDIS_REPLY_SIMPLE_STRING,
 *   %GREDIS_REPLY_ERROR or %GREDIS_REPLY_BIG_NUMBER
 * @block: (transfer full): memory from g_malloc() that holds the string
 *   at @offset, with room for one more byte after it
 * @offset: where the string starts in @block
 * @length: the number of bytes of the string
 *
 * Builds a reply that is one string without copying it: the reply takes
 * @block and frees it with its last reference. The byte after the string,
 * `block[offset + length]`, is overwritten with a NUL. Any unfinished
 * reply is dropped, and the builder is empty afterwards.
 *
 * This is for parsers that have received a large bulk string into a
 * buffer of their own: handing the buffer over saves copying the string.
 * Everything else in @block is kept as long as the reply, so use it only
 * when the string is most of the block.
 *
 * Returns: (transfer full): the reply
 */
GredisReply *
gredis_reply_builder_build_string_take (GredisReplyBuilder *builder,
                                        GredisReplyKind     kind,
                                        gpointer            block,
                                        gsize               offset,
                                        gsize               length)
{
  GredisReplyTree *tree;
  GredisReply *node;
  char *bytes;

  g_return_val_if_fail (builder != NULL, NULL);
  g_return_val_if_fail (is_string_kind (kind) && kind != GREDIS_REPLY_DOUBLE, NULL);
  g_return_val_if_fail (block != NULL, NULL);
  g_return_val_if_fail (length <= G_MAXUINT32, NULL);

  if (builder->tree != NULL)
    {
      tree_free (builder->tree);
      builder->tree = NULL;
    }
  builder->root = NULL;
  builder->pending_attributes = NULL;
  builder->n_frames = 0;

  /* g_malloc() memory is aligned, so the tag bit is free. */
  g_assert (((guintptr) block & TAKEN_BLOCK_TAG) == 0);
  tree = g_malloc (sizeof (GredisReplyTree) + sizeof (GredisReply));
  tree->ref_count = 1;
  tree->slab_offset = 0;
  tree->overflow = (GredisReplyChunk *) ((guintptr) block | TAKEN_BLOCK_TAG);

  bytes = (char *) block + offset;
  bytes[length] = '\0';
  node = (GredisReply *) (tree + 1);
  node->kind = kind;
  node->flags = 0;
  node->reserved = 0;
  node->length = length;
  node->v.str = bytes;
  node->tree = tree;
  node->attributes = NULL;
  return node;
}
