/* gredis-reply.c: immutable, reference-counted server replies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-reply-private.h"

#include <math.h>
#include <string.h>

/**
 * GredisReply:
 *
 * One reply from a server: a string, an error, a number, a null, a
 * boolean, or an aggregate of replies (array, set, map, push), with the
 * RESP3 attributes that annotated it.
 *
 * Replies are immutable and reference counted; a reply tree is carved
 * from one block of memory, and a reference to any node of a tree keeps
 * the whole tree alive. Elements returned by gredis_reply_get_element()
 * belong to their parent: take a reference to keep one longer.
 */

G_DEFINE_BOXED_TYPE (GredisReply, gredis_reply, gredis_reply_ref, gredis_reply_unref)

/**
 * gredis_reply_ref:
 * @reply: a #GredisReply
 *
 * Takes a reference to @reply (and so to the tree it belongs to).
 *
 * Returns: (transfer full): @reply
 */
GredisReply *
gredis_reply_ref (GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);

  if (reply->tree != NULL)
    g_atomic_int_inc (&reply->tree->ref_count);
  return reply;
}

/**
 * gredis_reply_unref:
 * @reply: (transfer full): a #GredisReply
 *
 * Drops a reference to @reply; the tree is freed with its last reference.
 */
void
gredis_reply_unref (GredisReply *reply)
{
  g_return_if_fail (reply != NULL);

  if (reply->tree != NULL)
    _gredis_reply_tree_unref (reply->tree);
}

/**
 * gredis_reply_get_kind:
 * @reply: a #GredisReply
 *
 * Gets the kind of @reply, which says which getters apply.
 *
 * Returns: the kind of @reply
 */
GredisReplyKind
gredis_reply_get_kind (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, GREDIS_REPLY_NIL);
  return reply->kind;
}

static inline gboolean
kind_is_aggregate (guint kind)
{
  return kind == GREDIS_REPLY_ARRAY || kind == GREDIS_REPLY_SET ||
         kind == GREDIS_REPLY_MAP || kind == GREDIS_REPLY_PUSH;
}

static inline gboolean
kind_has_text (guint kind)
{
  return kind == GREDIS_REPLY_STRING || kind == GREDIS_REPLY_SIMPLE_STRING ||
         kind == GREDIS_REPLY_ERROR || kind == GREDIS_REPLY_BIG_NUMBER ||
         kind == GREDIS_REPLY_VERBATIM || kind == GREDIS_REPLY_DOUBLE;
}

/**
 * gredis_reply_is_aggregate:
 * @reply: a #GredisReply
 *
 * Checks whether @reply has elements.
 *
 * Returns: whether @reply is an array, a set, a map or a push frame
 */
gboolean
gredis_reply_is_aggregate (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, FALSE);
  return kind_is_aggregate (reply->kind);
}

/**
 * gredis_reply_is_error:
 * @reply: a #GredisReply
 *
 * Checks whether @reply is an error reply, %GREDIS_REPLY_ERROR.
 *
 * Returns: whether @reply is an error reply
 */
gboolean
gredis_reply_is_error (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, FALSE);
  return reply->kind == GREDIS_REPLY_ERROR;
}

/**
 * gredis_reply_is_nil:
 * @reply: a #GredisReply
 *
 * Checks whether @reply is the null reply, %GREDIS_REPLY_NIL.
 *
 * Returns: whether @reply is the null reply
 */
gboolean
gredis_reply_is_nil (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, FALSE);
  return reply->kind == GREDIS_REPLY_NIL;
}

/**
 * gredis_reply_get_string: (skip)
 * @reply: a #GredisReply
 * @length: (out) (optional): the length of the string in bytes
 *
 * Returns the text of a string, simple string, error, verbatim string
 * (without its format), big number or double (as the server wrote it).
 * The text is always followed by a NUL byte, but may contain NUL bytes
 * itself: use @length, or gredis_reply_get_bytes(), for binary data.
 *
 * Bindings use gredis_reply_get_text() for text and
 * gredis_reply_get_bytes() for binary data instead.
 *
 * Returns: (nullable): the text, owned by @reply, or %NULL if @reply has
 *   no text
 */
const char *
gredis_reply_get_string (const GredisReply *reply,
                         gsize             *length)
{
  g_return_val_if_fail (reply != NULL, NULL);

  if (!kind_has_text (reply->kind))
    {
      if (length != NULL)
        *length = 0;
      return NULL;
    }
  if (length != NULL)
    *length = reply->length;
  return reply->v.str;
}

/**
 * gredis_reply_get_text:
 * @reply: a #GredisReply
 *
 * Returns the text of @reply as a plain string, for bindings and for
 * callers that expect text: the same text as gredis_reply_get_string(),
 * but only when it is valid UTF-8 and holds no NUL byte. A binary value
 * (invalid UTF-8, or a NUL byte inside) gives %NULL, as does a reply with
 * no text (an integer, a null, an aggregate…): read binary values with
 * gredis_reply_get_bytes(), and tell the other cases apart with
 * gredis_reply_get_kind().
 *
 * Returns: (nullable): the text, owned by @reply, or %NULL if @reply has
 *   no text or its text is not valid UTF-8
 */
const char *
gredis_reply_get_text (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);

  if (!kind_has_text (reply->kind))
    return NULL;
  /* With a length, g_utf8_validate_len() also rejects NUL bytes. */
  if (!g_utf8_validate_len (reply->v.str, reply->length, NULL))
    return NULL;
  return reply->v.str;
}

static void
tree_ref_notify (gpointer data)
{
  _gredis_reply_tree_unref (data);
}

/**
 * gredis_reply_get_bytes:
 * @reply: a #GredisReply
 *
 * Returns the text of @reply as #GBytes, without copying it: the bytes
 * keep the reply alive.
 *
 * Returns: (transfer full) (nullable): the bytes, or %NULL if @reply has
 *   no text
 */
GBytes *
gredis_reply_get_bytes (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);

  if (!kind_has_text (reply->kind))
    return NULL;
  if (reply->tree == NULL)
    return g_bytes_new_static (reply->v.str, reply->length);
  g_atomic_int_inc (&reply->tree->ref_count);
  return g_bytes_new_with_free_func (reply->v.str, reply->length,
                                     tree_ref_notify, reply->tree);
}

/**
 * gredis_reply_get_integer:
 * @reply: a #GredisReply
 *
 * Returns the value of an integer or boolean reply (1 or 0). Other kinds
 * give 0; parse strings yourself.
 *
 * Returns: the integer
 */
gint64
gredis_reply_get_integer (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, 0);

  if (reply->kind == GREDIS_REPLY_INTEGER || reply->kind == GREDIS_REPLY_BOOLEAN)
    return reply->v.integer;
  return 0;
}

/**
 * gredis_reply_get_double:
 * @reply: a #GredisReply
 *
 * Returns the value of a double or integer reply, and of a string or big
 * number that reads as a number (RESP2 servers send scores as strings).
 * Anything else gives NaN.
 *
 * Returns: the number
 */
double
gredis_reply_get_double (const GredisReply *reply)
{
  char *end = NULL;
  double value;

  g_return_val_if_fail (reply != NULL, NAN);

  switch ((GredisReplyKind) reply->kind)
    {
    case GREDIS_REPLY_INTEGER:
      return (double) reply->v.integer;
    case GREDIS_REPLY_DOUBLE:
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_BIG_NUMBER:
      if (reply->length == 0)
        return NAN;
      value = g_ascii_strtod (reply->v.str, &end);
      if (end != reply->v.str + reply->length)
        return NAN;
      return value;
    default:
      return NAN;
    }
}

/**
 * gredis_reply_get_boolean:
 * @reply: a #GredisReply
 *
 * Returns the value of a boolean reply; an integer is true when it is not
 * zero (RESP2 servers send booleans as 0 and 1). Other kinds are false.
 *
 * Returns: the boolean
 */
gboolean
gredis_reply_get_boolean (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, FALSE);

  if (reply->kind == GREDIS_REPLY_BOOLEAN || reply->kind == GREDIS_REPLY_INTEGER)
    return reply->v.integer != 0;
  return FALSE;
}

/**
 * gredis_reply_get_verbatim_format:
 * @reply: a #GredisReply
 *
 * Gets the format of a verbatim string reply.
 *
 * Returns: (nullable): the three-letter format of a verbatim string
 *   (`txt`, `mkd`, …), or %NULL for other kinds
 */
const char *
gredis_reply_get_verbatim_format (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);

  if (reply->kind != GREDIS_REPLY_VERBATIM)
    return NULL;
  return reply->v.str - 4;
}

/**
 * gredis_reply_get_n_elements:
 * @reply: a #GredisReply
 *
 * Returns the number of elements of an aggregate. A map of n pairs has 2n
 * elements: keys and values alternate. Other kinds have none.
 *
 * Returns: the number of elements
 */
gsize
gredis_reply_get_n_elements (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, 0);

  return kind_is_aggregate (reply->kind) ? reply->length : 0;
}

/**
 * gredis_reply_get_element:
 * @reply: a #GredisReply
 * @index_: the index of an element, less than gredis_reply_get_n_elements()
 *
 * Gets an element of an aggregate reply; for a map the keys and values
 * alternate.
 *
 * Returns: (transfer none): the element, which lives as long as @reply
 */
GredisReply *
gredis_reply_get_element (const GredisReply *reply,
                          gsize              index_)
{
  g_return_val_if_fail (reply != NULL, NULL);
  g_return_val_if_fail (kind_is_aggregate (reply->kind), NULL);
  g_return_val_if_fail (index_ < reply->length, NULL);

  return &reply->v.elements[index_];
}

/**
 * gredis_reply_get_attributes:
 * @reply: a #GredisReply
 *
 * Returns the RESP3 attributes that the server sent before this reply, as
 * a map.
 *
 * Returns: (transfer none) (nullable): the attributes, or %NULL
 */
GredisReply *
gredis_reply_get_attributes (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);
  return reply->attributes;
}

static gboolean
reply_equal (const GredisReply *a,
             const GredisReply *b)
{
  if (a == b)
    return TRUE;
  if (a->kind != b->kind || a->length != b->length)
    return FALSE;
  if ((a->attributes == NULL) != (b->attributes == NULL))
    return FALSE;
  if (a->attributes != NULL && !reply_equal (a->attributes, b->attributes))
    return FALSE;

  switch ((GredisReplyKind) a->kind)
    {
    case GREDIS_REPLY_INTEGER:
    case GREDIS_REPLY_BOOLEAN:
      return a->v.integer == b->v.integer;
    case GREDIS_REPLY_NIL:
      return TRUE;
    case GREDIS_REPLY_VERBATIM:
      if (memcmp (a->v.str - 4, b->v.str - 4, 3) != 0)
        return FALSE;
      G_GNUC_FALLTHROUGH;
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_ERROR:
    case GREDIS_REPLY_BIG_NUMBER:
    case GREDIS_REPLY_DOUBLE:
      return memcmp (a->v.str, b->v.str, a->length) == 0;
    case GREDIS_REPLY_ARRAY:
    case GREDIS_REPLY_SET:
    case GREDIS_REPLY_MAP:
    case GREDIS_REPLY_PUSH:
      for (guint32 i = 0; i < a->length; i++)
        if (!reply_equal (&a->v.elements[i], &b->v.elements[i]))
          return FALSE;
      return TRUE;
    default:
      return FALSE;
    }
}

/**
 * gredis_reply_equal:
 * @a: a #GredisReply
 * @b: another #GredisReply
 *
 * Compares two replies deeply: kinds, values, elements, verbatim formats
 * and attributes. Doubles compare by the text the server sent.
 *
 * Returns: whether @a and @b are the same reply
 */
gboolean
gredis_reply_equal (const GredisReply *a,
                    const GredisReply *b)
{
  g_return_val_if_fail (a != NULL, FALSE);
  g_return_val_if_fail (b != NULL, FALSE);

  return reply_equal (a, b);
}

/**
 * gredis_reply_to_error:
 * @reply: an error #GredisReply
 *
 * Makes a #GError of an error reply: its code comes from the reply's
 * prefix (see gredis_error_code_for_prefix()) and its message is the
 * server's text.
 *
 * Returns: (transfer full) (nullable): the error, or %NULL if @reply is not
 *   an error
 */
GError *
gredis_reply_to_error (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);

  if (reply->kind != GREDIS_REPLY_ERROR)
    return NULL;
  return g_error_new_literal (GREDIS_ERROR,
                              gredis_error_code_for_prefix (reply->v.str, reply->length),
                              reply->v.str);
}

/* Counting and copying trees, for the constructors. */

static void
count_tree (const GredisReply *reply,
            gsize             *n_nodes,
            gsize             *n_bytes)
{
  (*n_nodes)++;
  if (reply->attributes != NULL)
    count_tree (reply->attributes, n_nodes, n_bytes);
  if (kind_has_text (reply->kind))
    *n_bytes += reply->length + (reply->kind == GREDIS_REPLY_VERBATIM ? 4 : 0);
  else if (kind_is_aggregate (reply->kind))
    for (guint32 i = 0; i < reply->length; i++)
      count_tree (&reply->v.elements[i], n_nodes, n_bytes);
}

static void
copy_tree (GredisReplyBuilder *builder,
           const GredisReply  *reply)
{
  if (reply->attributes != NULL)
    {
      gredis_reply_builder_begin_attributes (builder, reply->attributes->length / 2);
      for (guint32 i = 0; i < reply->attributes->length; i++)
        copy_tree (builder, &reply->attributes->v.elements[i]);
    }

  switch ((GredisReplyKind) reply->kind)
    {
    case GREDIS_REPLY_INTEGER:
      gredis_reply_builder_add_integer (builder, reply->v.integer);
      break;
    case GREDIS_REPLY_BOOLEAN:
      gredis_reply_builder_add_boolean (builder, reply->v.integer);
      break;
    case GREDIS_REPLY_NIL:
      gredis_reply_builder_add_nil (builder);
      break;
    case GREDIS_REPLY_DOUBLE:
      gredis_reply_builder_add_double (builder, reply->v.str, reply->length);
      break;
    case GREDIS_REPLY_VERBATIM:
      gredis_reply_builder_add_verbatim (builder, reply->v.str - 4,
                                         reply->v.str, reply->length);
      break;
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_ERROR:
    case GREDIS_REPLY_BIG_NUMBER:
      gredis_reply_builder_add_string (builder, reply->kind, reply->v.str, reply->length);
      break;
    case GREDIS_REPLY_ARRAY:
    case GREDIS_REPLY_SET:
    case GREDIS_REPLY_MAP:
    case GREDIS_REPLY_PUSH:
      gredis_reply_builder_begin_aggregate (builder, reply->kind, reply->length);
      for (guint32 i = 0; i < reply->length; i++)
        copy_tree (builder, &reply->v.elements[i]);
      break;
    default:
      g_assert_not_reached ();
    }
}

static GredisReply *
new_single (GredisReplyKind kind,
            const char     *data,
            gsize           length)
{
  g_autoptr(GredisReplyBuilder) builder = gredis_reply_builder_new (1, length);

  if (kind == GREDIS_REPLY_DOUBLE)
    gredis_reply_builder_add_double (builder, data, length);
  else
    gredis_reply_builder_add_string (builder, kind, data, length);
  return gredis_reply_builder_finish (builder);
}

/**
 * gredis_reply_new_string:
 * @kind: %GREDIS_REPLY_STRING, %GREDIS_REPLY_SIMPLE_STRING,
 *   %GREDIS_REPLY_ERROR or %GREDIS_REPLY_BIG_NUMBER
 * @data: (array length=length) (element-type guint8): the bytes
 * @length: the length of @data, or -1 if it is NUL-terminated
 *
 * Creates a string-like reply; the bytes are copied.
 *
 * Returns: (transfer full): a new reply
 */
GredisReply *
gredis_reply_new_string (GredisReplyKind  kind,
                         const char      *data,
                         gssize           length)
{
  g_return_val_if_fail (kind == GREDIS_REPLY_STRING || kind == GREDIS_REPLY_SIMPLE_STRING ||
                        kind == GREDIS_REPLY_ERROR || kind == GREDIS_REPLY_BIG_NUMBER, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  return new_single (kind, data, length);
}

/**
 * gredis_reply_new_bytes:
 * @kind: as for gredis_reply_new_string()
 * @bytes: the bytes
 *
 * Creates a string-like reply from #GBytes; the bytes are copied.
 *
 * Returns: (transfer full): a new reply
 */
GredisReply *
gredis_reply_new_bytes (GredisReplyKind  kind,
                        GBytes          *bytes)
{
  gsize length;
  const char *data;

  g_return_val_if_fail (bytes != NULL, NULL);

  data = g_bytes_get_data (bytes, &length);
  return gredis_reply_new_string (kind, data, length);
}

/**
 * gredis_reply_new_integer:
 * @value: the integer
 *
 * Makes an integer reply.
 *
 * Returns: (transfer full): a new integer reply
 */
GredisReply *
gredis_reply_new_integer (gint64 value)
{
  g_autoptr(GredisReplyBuilder) builder = gredis_reply_builder_new (1, 0);

  gredis_reply_builder_add_integer (builder, value);
  return gredis_reply_builder_finish (builder);
}

/**
 * gredis_reply_new_double:
 * @value: the double
 *
 * Creates a double reply; its text is the shortest that reads back as
 * @value (`inf`, `-inf` and `nan` as in RESP3).
 *
 * Returns: (transfer full): a new double reply
 */
GredisReply *
gredis_reply_new_double (double value)
{
  char text[G_ASCII_DTOSTR_BUF_SIZE];

  if (isnan (value))
    strcpy (text, "nan");
  else if (isinf (value))
    strcpy (text, value > 0 ? "inf" : "-inf");
  else
    g_ascii_dtostr (text, sizeof text, value);
  return new_single (GREDIS_REPLY_DOUBLE, text, strlen (text));
}

/**
 * gredis_reply_new_boolean:
 * @value: the boolean
 *
 * Makes a RESP3 boolean reply.
 *
 * Returns: (transfer full): a new boolean reply
 */
GredisReply *
gredis_reply_new_boolean (gboolean value)
{
  g_autoptr(GredisReplyBuilder) builder = gredis_reply_builder_new (1, 0);

  gredis_reply_builder_add_boolean (builder, value);
  return gredis_reply_builder_finish (builder);
}

static const GredisReply nil_reply = { GREDIS_REPLY_NIL, 0, 0, 0, { 0 }, NULL, NULL };

/**
 * gredis_reply_new_nil:
 *
 * Returns the null reply. It is shared and costs nothing.
 *
 * Returns: (transfer full): the null reply
 */
GredisReply *
gredis_reply_new_nil (void)
{
  return (GredisReply *) &nil_reply;
}

/**
 * gredis_reply_new_verbatim:
 * @format: the three-letter format, such as `txt`
 * @data: (array length=length) (element-type guint8): the text
 * @length: the length of @data, or -1 if it is NUL-terminated
 *
 * Makes a RESP3 verbatim string reply.
 *
 * Returns: (transfer full): a new verbatim string reply
 */
GredisReply *
gredis_reply_new_verbatim (const char *format,
                           const char *data,
                           gssize      length)
{
  g_autoptr(GredisReplyBuilder) builder = NULL;

  g_return_val_if_fail (format != NULL && strlen (format) == 3, NULL);
  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length < 0)
    length = strlen (data);
  builder = gredis_reply_builder_new (1, length + 4);
  gredis_reply_builder_add_verbatim (builder, format, data, length);
  return gredis_reply_builder_finish (builder);
}

/**
 * gredis_reply_new_aggregate:
 * @kind: %GREDIS_REPLY_ARRAY, %GREDIS_REPLY_SET, %GREDIS_REPLY_MAP or
 *   %GREDIS_REPLY_PUSH
 * @elements: (array length=n_elements): the elements (for a map, keys and
 *   values alternating)
 * @n_elements: the number of elements
 *
 * Creates an aggregate of copies of @elements.
 *
 * Returns: (transfer full): a new reply
 */
GredisReply *
gredis_reply_new_aggregate (GredisReplyKind   kind,
                            GredisReply     **elements,
                            gsize             n_elements)
{
  g_autoptr(GredisReplyBuilder) builder = NULL;
  gsize n_nodes = 1, n_bytes = 0;

  g_return_val_if_fail (kind_is_aggregate (kind), NULL);
  g_return_val_if_fail (elements != NULL || n_elements == 0, NULL);
  g_return_val_if_fail (kind != GREDIS_REPLY_MAP || n_elements % 2 == 0, NULL);

  for (gsize i = 0; i < n_elements; i++)
    count_tree (elements[i], &n_nodes, &n_bytes);
  builder = gredis_reply_builder_new (n_nodes, n_bytes);
  gredis_reply_builder_begin_aggregate (builder, kind, n_elements);
  for (gsize i = 0; i < n_elements; i++)
    copy_tree (builder, elements[i]);
  return gredis_reply_builder_finish (builder);
}

/**
 * gredis_reply_new_with_attributes:
 * @reply: a #GredisReply
 * @attributes: (nullable): a map reply
 *
 * Creates a copy of @reply annotated with a copy of @attributes.
 *
 * Returns: (transfer full): a new reply
 */
GredisReply *
gredis_reply_new_with_attributes (GredisReply *reply,
                                  GredisReply *attributes)
{
  g_autoptr(GredisReplyBuilder) builder = NULL;
  gsize n_nodes = 0, n_bytes = 0;
  GredisReply copy;

  g_return_val_if_fail (reply != NULL, NULL);
  g_return_val_if_fail (attributes == NULL || attributes->kind == GREDIS_REPLY_MAP, NULL);

  copy = *reply;
  copy.attributes = attributes;
  count_tree (&copy, &n_nodes, &n_bytes);
  builder = gredis_reply_builder_new (n_nodes, n_bytes);
  copy_tree (builder, &copy);
  return gredis_reply_builder_finish (builder);
}
