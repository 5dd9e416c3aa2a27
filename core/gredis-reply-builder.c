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
  Frame            inline_frames[N_INLINE_FRAMES];
};

static void
builder_start (GredisReplyBuilder *builder,
               gsize               n_nodes,
               gsize               n_bytes)
{
  gsize nodes_size;
  gsize bytes_size;
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

  block = g_malloc (sizeof (GredisReplyTree) + nodes_size + bytes_size);
  builder->tree = (GredisReplyTree *) block;
  g_atomic_ref_count_init (&builder->tree->ref_count);
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
  builder_start (builder, n_nodes, n_bytes);
  return builder;
}

static void
tree_free (GredisReplyTree *tree)
{
  GredisReplyChunk *chunk = tree->overflow;

  while (chunk != NULL)
    {
      GredisReplyChunk *next = chunk->next;
      g_free (chunk);
      chunk = next;
    }
  g_free (tree);
}

void
_gredis_reply_tree_unref (GredisReplyTree *tree)
{
  if (g_atomic_ref_count_dec (&tree->ref_count))
    tree_free (tree);
}

/**
 * gredis_reply_builder_reset: (skip)
 * @builder: a #GredisReplyBuilder
 * @n_nodes: as for gredis_reply_builder_new()
 * @n_bytes: as for gredis_reply_builder_new()
 *
 * Drops any unfinished reply and starts a new one, reusing the builder.
 */
void
gredis_reply_builder_reset (GredisReplyBuilder *builder,
                            gsize               n_nodes,
                            gsize               n_bytes)
{
  g_return_if_fail (builder != NULL);

  if (builder->tree != NULL)
    tree_free (builder->tree);
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
