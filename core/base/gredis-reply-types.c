/* gredis-reply-types.c: typed views of replies, the same under RESP2 and RESP3
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-reply-types-private.h"

#include <math.h>
#include <string.h>

/* The same command answers in other shapes under RESP2 and RESP3: a
 * score is a bulk string or a double, HGETALL a flat array or a map,
 * ZRANGE WITHSCORES a flat array or an array of pairs, XREAD an array of
 * [stream, entries] or a map. The converters here accept both, so that a
 * typed result means the same whatever the protocol; any other shape is
 * an error, never a silent 0 or an empty list. Strings of a reply are
 * NUL-terminated (gredis-reply-private.h): #GBytes taken from them can be
 * read as C strings too. */

void
_gredis_reply_unexpected (const GredisReply  *reply,
                          GError            **error)
{
  GEnumClass *klass = g_type_class_ref (GREDIS_TYPE_REPLY_KIND);
  GEnumValue *value = g_enum_get_value (klass, gredis_reply_get_kind (reply));

  gredis_i18n_init ();
  g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
               /* Translators: %s is a kind of reply, such as "array". */
               _("The server sent a reply of an unexpected kind (%s)."),
               value != NULL ? value->value_nick : "?");
  g_type_class_unref (klass);
}

gboolean
_gredis_reply_is_text (const GredisReply *reply)
{
  switch (gredis_reply_get_kind (reply))
    {
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_VERBATIM:
    case GREDIS_REPLY_DOUBLE:
    case GREDIS_REPLY_BIG_NUMBER:
      return TRUE;
    default:
      return FALSE;
    }
}

gboolean
_gredis_reply_is_list (const GredisReply *reply)
{
  GredisReplyKind kind = gredis_reply_get_kind (reply);

  return kind == GREDIS_REPLY_ARRAY || kind == GREDIS_REPLY_SET;
}

char *
_gredis_reply_dup_text (const GredisReply *reply)
{
  gsize length = 0;
  const char *s = gredis_reply_get_string (reply, &length);

  return g_strndup (s, length);
}

gboolean
_gredis_reply_parse_double (const GredisReply *reply,
                            double            *out)
{
  char *end = NULL;
  const char *text;

  switch (gredis_reply_get_kind (reply))
    {
    case GREDIS_REPLY_DOUBLE:
      *out = gredis_reply_get_double (reply);
      return TRUE;
    case GREDIS_REPLY_INTEGER:
      *out = (double) gredis_reply_get_integer (reply);
      return TRUE;
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
      text = gredis_reply_get_string (reply, NULL);
      if (g_ascii_strcasecmp (text, "inf") == 0 || g_ascii_strcasecmp (text, "+inf") == 0)
        *out = INFINITY;
      else if (g_ascii_strcasecmp (text, "-inf") == 0)
        *out = -INFINITY;
      else
        {
          *out = g_ascii_strtod (text, &end);
          return end != text && *end == '\0';
        }
      return TRUE;
    default:
      return FALSE;
    }
}

/* GredisScoredMember */

struct _GredisScoredMember
{
  gatomicrefcount ref_count;
  double score;
  GBytes *member;               /* NUL-terminated data */
};

G_DEFINE_BOXED_TYPE (GredisScoredMember, gredis_scored_member,
                     gredis_scored_member_ref, gredis_scored_member_unref)

GredisScoredMember *
_gredis_scored_member_new_take (GBytes *member,
                                double  score)
{
  GredisScoredMember *self = g_new (GredisScoredMember, 1);

  g_atomic_ref_count_init (&self->ref_count);
  self->member = member;
  self->score = score;
  return self;
}

/**
 * gredis_scored_member_new:
 * @member: the member
 * @score: its score
 *
 * Makes a scored member, as sorted-set helpers return them.
 *
 * Returns: (transfer full): a new #GredisScoredMember
 */
GredisScoredMember *
gredis_scored_member_new (const char *member,
                          double      score)
{
  g_return_val_if_fail (member != NULL, NULL);

  return _gredis_scored_member_new_take (g_bytes_new_take (g_strdup (member), strlen (member)), score);
}

/**
 * gredis_scored_member_ref:
 * @member: a #GredisScoredMember
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @member
 */
GredisScoredMember *
gredis_scored_member_ref (GredisScoredMember *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  g_atomic_ref_count_inc (&member->ref_count);
  return member;
}

/**
 * gredis_scored_member_unref:
 * @member: (transfer full): a #GredisScoredMember
 *
 * Drops a reference; the last one frees it.
 */
void
gredis_scored_member_unref (GredisScoredMember *member)
{
  g_return_if_fail (member != NULL);

  if (g_atomic_ref_count_dec (&member->ref_count))
    {
      g_bytes_unref (member->member);
      g_free (member);
    }
}

/**
 * gredis_scored_member_get_member:
 * @member: a #GredisScoredMember
 *
 * Returns the member as a string. A binary member (with a NUL byte inside)
 * is cut at its first NUL byte here: read it with
 * gredis_scored_member_get_member_bytes().
 *
 * Returns: the member
 */
const char *
gredis_scored_member_get_member (const GredisScoredMember *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  return g_bytes_get_data (member->member, NULL);
}

/**
 * gredis_scored_member_get_member_bytes:
 * @member: a #GredisScoredMember
 *
 * Returns the member, binary safe.
 *
 * Returns: (transfer full): the member
 */
GBytes *
gredis_scored_member_get_member_bytes (const GredisScoredMember *member)
{
  g_return_val_if_fail (member != NULL, NULL);

  return g_bytes_ref (member->member);
}

/**
 * gredis_scored_member_get_score:
 * @member: a #GredisScoredMember
 *
 * Returns the score.
 *
 * Returns: the score
 */
double
gredis_scored_member_get_score (const GredisScoredMember *member)
{
  g_return_val_if_fail (member != NULL, 0.0);

  return member->score;
}

/* GredisStreamEntry */

struct _GredisStreamEntry
{
  gatomicrefcount ref_count;
  char *stream;
  char *id;
  guint n_fields;
  GBytes **pairs;               /* fields and values, alternating, NUL-terminated data */
};

G_DEFINE_BOXED_TYPE (GredisStreamEntry, gredis_stream_entry,
                     gredis_stream_entry_ref, gredis_stream_entry_unref)

/**
 * gredis_stream_entry_ref:
 * @entry: a #GredisStreamEntry
 *
 * Takes a reference.
 *
 * Returns: (transfer full): @entry
 */
GredisStreamEntry *
gredis_stream_entry_ref (GredisStreamEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  g_atomic_ref_count_inc (&entry->ref_count);
  return entry;
}

/**
 * gredis_stream_entry_unref:
 * @entry: (transfer full): a #GredisStreamEntry
 *
 * Drops a reference; the last one frees it.
 */
void
gredis_stream_entry_unref (GredisStreamEntry *entry)
{
  g_return_if_fail (entry != NULL);

  if (g_atomic_ref_count_dec (&entry->ref_count))
    {
      for (guint i = 0; i < 2 * entry->n_fields; i++)
        g_bytes_unref (entry->pairs[i]);
      g_free (entry->pairs);
      g_free (entry->stream);
      g_free (entry->id);
      g_free (entry);
    }
}

void
_gredis_stream_entry_set_stream (GredisStreamEntry *entry,
                                 const char        *stream)
{
  g_return_if_fail (entry != NULL);
  g_return_if_fail (g_atomic_ref_count_compare (&entry->ref_count, 1));

  g_free (entry->stream);
  entry->stream = g_strdup (stream);
}

/**
 * gredis_stream_entry_get_id:
 * @entry: a #GredisStreamEntry
 *
 * Returns the id of the entry, such as `1700000000000-0`.
 *
 * Returns: the id
 */
const char *
gredis_stream_entry_get_id (const GredisStreamEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->id;
}

/**
 * gredis_stream_entry_get_stream:
 * @entry: a #GredisStreamEntry
 *
 * Returns the key of the stream the entry was read from, for entries that
 * `XREAD` and `XREADGROUP` gave.
 *
 * Returns: (nullable): the stream's key, or %NULL when the reply did not
 *   say it (`XRANGE`, `XCLAIM`)
 */
const char *
gredis_stream_entry_get_stream (const GredisStreamEntry *entry)
{
  g_return_val_if_fail (entry != NULL, NULL);

  return entry->stream;
}

/**
 * gredis_stream_entry_get_n_fields:
 * @entry: a #GredisStreamEntry
 *
 * Returns the number of fields of the entry; 0 for an entry that was
 * deleted while pending in a group.
 *
 * Returns: the number of fields
 */
guint
gredis_stream_entry_get_n_fields (const GredisStreamEntry *entry)
{
  g_return_val_if_fail (entry != NULL, 0);

  return entry->n_fields;
}

/**
 * gredis_stream_entry_get_field:
 * @entry: a #GredisStreamEntry
 * @index: the index of a field, below gredis_stream_entry_get_n_fields()
 *
 * Returns the name of a field, in the order the entry was added with.
 *
 * Returns: the field
 */
const char *
gredis_stream_entry_get_field (const GredisStreamEntry *entry,
                               guint                    index)
{
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (index < entry->n_fields, NULL);

  return g_bytes_get_data (entry->pairs[2 * index], NULL);
}

/**
 * gredis_stream_entry_get_value:
 * @entry: a #GredisStreamEntry
 * @index: the index of a field, below gredis_stream_entry_get_n_fields()
 *
 * Returns the value of a field as a string; a binary value is cut at its
 * first NUL byte here: read it with gredis_stream_entry_get_value_bytes().
 *
 * Returns: the value
 */
const char *
gredis_stream_entry_get_value (const GredisStreamEntry *entry,
                               guint                    index)
{
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (index < entry->n_fields, NULL);

  return g_bytes_get_data (entry->pairs[2 * index + 1], NULL);
}

/**
 * gredis_stream_entry_get_value_bytes:
 * @entry: a #GredisStreamEntry
 * @index: the index of a field, below gredis_stream_entry_get_n_fields()
 *
 * Returns the value of a field, binary safe.
 *
 * Returns: (transfer full): the value
 */
GBytes *
gredis_stream_entry_get_value_bytes (const GredisStreamEntry *entry,
                                     guint                    index)
{
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (index < entry->n_fields, NULL);

  return g_bytes_ref (entry->pairs[2 * index + 1]);
}

/**
 * gredis_stream_entry_lookup:
 * @entry: a #GredisStreamEntry
 * @field: the name of a field
 *
 * Finds the value of the first field named @field.
 *
 * Returns: (nullable): the value, or %NULL when the entry has no such field
 */
const char *
gredis_stream_entry_lookup (const GredisStreamEntry *entry,
                            const char              *field)
{
  g_return_val_if_fail (entry != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  for (guint i = 0; i < entry->n_fields; i++)
    if (strcmp (g_bytes_get_data (entry->pairs[2 * i], NULL), field) == 0)
      return g_bytes_get_data (entry->pairs[2 * i + 1], NULL);
  return NULL;
}

/* [id, [field, value, ...]], the fields nil for an entry deleted while
 * pending. */
static GredisStreamEntry *
stream_entry_new (const GredisReply  *reply,
                  const char         *stream,
                  GError            **error)
{
  GredisStreamEntry *entry;
  GredisReply *id, *fields;
  gsize n = 0;

  if (!_gredis_reply_is_list (reply) || gredis_reply_get_n_elements (reply) != 2)
    goto unexpected;
  id = gredis_reply_get_element (reply, 0);
  fields = gredis_reply_get_element (reply, 1);
  if (!_gredis_reply_is_text (id))
    goto unexpected;
  if (!gredis_reply_is_nil (fields))
    {
      if (!_gredis_reply_is_list (fields) || gredis_reply_get_n_elements (fields) % 2 != 0)
        goto unexpected;
      n = gredis_reply_get_n_elements (fields);
      for (gsize i = 0; i < n; i++)
        if (!_gredis_reply_is_text (gredis_reply_get_element (fields, i)))
          goto unexpected;
    }

  entry = g_new0 (GredisStreamEntry, 1);
  g_atomic_ref_count_init (&entry->ref_count);
  entry->stream = g_strdup (stream);
  entry->id = _gredis_reply_dup_text (id);
  entry->n_fields = n / 2;
  entry->pairs = g_new (GBytes *, n + 1);
  for (gsize i = 0; i < n; i++)
    entry->pairs[i] = gredis_reply_get_bytes (gredis_reply_get_element (fields, i));
  entry->pairs[n] = NULL;
  return entry;

unexpected:
  _gredis_reply_unexpected (reply, error);
  return NULL;
}

static gboolean
add_entries (GPtrArray          *entries,
             const GredisReply  *reply,
             const char         *stream,
             GError            **error)
{
  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return FALSE;
    }
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisStreamEntry *entry = stream_entry_new (gredis_reply_get_element (reply, i),
                                                   stream, error);

      if (entry == NULL)
        return FALSE;
      g_ptr_array_add (entries, entry);
    }
  return TRUE;
}

/* Whether @reply is what XREAD gives: a map of streams (RESP3), or an
 * array of [stream, [entry, ...]] (RESP2), rather than an array of
 * entries ([id, [field, ...]]). */
static gboolean
is_per_stream (const GredisReply *reply)
{
  GredisReply *first, *second;

  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_MAP)
    return TRUE;
  if (gredis_reply_get_n_elements (reply) == 0)
    return FALSE;
  first = gredis_reply_get_element (reply, 0);
  if (!_gredis_reply_is_list (first) || gredis_reply_get_n_elements (first) != 2)
    return FALSE;
  second = gredis_reply_get_element (first, 1);
  /* An entry's fields are strings; a stream's entries are arrays. */
  return _gredis_reply_is_list (second) &&
         (gredis_reply_get_n_elements (second) == 0 ||
          _gredis_reply_is_list (gredis_reply_get_element (second, 0)));
}

GPtrArray *
_gredis_reply_stream_entries (const GredisReply  *reply,
                              gboolean            per_stream,
                              GError            **error)
{
  GPtrArray *entries;
  gboolean ok = TRUE;

  if (!_gredis_reply_is_list (reply) && gredis_reply_get_kind (reply) != GREDIS_REPLY_MAP)
    {
      _gredis_reply_unexpected (reply, error);
      return NULL;
    }
  entries = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_stream_entry_unref);
  if (!per_stream)
    ok = add_entries (entries, reply, NULL, error);
  else if (gredis_reply_get_kind (reply) == GREDIS_REPLY_MAP)
    {
      for (gsize i = 0; ok && i + 1 < gredis_reply_get_n_elements (reply); i += 2)
        {
          GredisReply *name = gredis_reply_get_element (reply, i);
          g_autofree char *stream = NULL;

          if (!_gredis_reply_is_text (name))
            {
              _gredis_reply_unexpected (name, error);
              ok = FALSE;
              break;
            }
          stream = _gredis_reply_dup_text (name);
          ok = add_entries (entries, gredis_reply_get_element (reply, i + 1), stream, error);
        }
    }
  else
    {
      for (gsize i = 0; ok && i < gredis_reply_get_n_elements (reply); i++)
        {
          GredisReply *pair = gredis_reply_get_element (reply, i);
          g_autofree char *stream = NULL;

          if (!_gredis_reply_is_list (pair) || gredis_reply_get_n_elements (pair) != 2 ||
              !_gredis_reply_is_text (gredis_reply_get_element (pair, 0)))
            {
              _gredis_reply_unexpected (pair, error);
              ok = FALSE;
              break;
            }
          stream = _gredis_reply_dup_text (gredis_reply_get_element (pair, 0));
          ok = add_entries (entries, gredis_reply_get_element (pair, 1), stream, error);
        }
    }
  if (!ok)
    g_clear_pointer (&entries, g_ptr_array_unref);
  return entries;
}

/**
 * gredis_reply_to_stream_entries:
 * @reply: a #GredisReply
 * @error: return location for a #GError
 *
 * Reads the entries of a stream from the reply to `XRANGE`, `XREVRANGE`,
 * `XCLAIM`, or from the reply to `XREAD` and `XREADGROUP` (whose entries
 * then know their stream), under either protocol.
 *
 * Returns: (transfer container) (element-type GredisStreamEntry): the
 *   entries, or %NULL with an error when @reply is not one of those
 */
GPtrArray *
gredis_reply_to_stream_entries (const GredisReply  *reply,
                                GError            **error)
{
  g_return_val_if_fail (reply != NULL, NULL);

  return _gredis_reply_stream_entries (reply, is_per_stream (reply), error);
}

/* Pairs: a map, a flat array [a, b, a, b ...], or an array of pairs
 * [[a, b], ...] (RESP3's WITHSCORES and WITHVALUES). Calls @func on each
 * pair; FALSE on a wrong shape. */
gboolean
_gredis_reply_foreach_pair (const GredisReply  *reply,
                            PairFunc            func,
                            gpointer            data,
                            GError            **error)
{
  gsize n;

  if (!_gredis_reply_is_list (reply) && gredis_reply_get_kind (reply) != GREDIS_REPLY_MAP)
    goto unexpected;
  n = gredis_reply_get_n_elements (reply);
  if (n > 0 && _gredis_reply_is_list (gredis_reply_get_element (reply, 0)))
    {
      for (gsize i = 0; i < n; i++)
        {
          GredisReply *pair = gredis_reply_get_element (reply, i);

          if (!_gredis_reply_is_list (pair) || gredis_reply_get_n_elements (pair) != 2 ||
              !func (gredis_reply_get_element (pair, 0), gredis_reply_get_element (pair, 1), data))
            goto unexpected;
        }
      return TRUE;
    }
  if (n % 2 != 0)
    goto unexpected;
  for (gsize i = 0; i < n; i += 2)
    if (!func (gredis_reply_get_element (reply, i), gredis_reply_get_element (reply, i + 1), data))
      goto unexpected;
  return TRUE;

unexpected:
  _gredis_reply_unexpected (reply, error);
  return FALSE;
}

static gboolean
add_scored (const GredisReply *member,
            const GredisReply *score,
            gpointer           data)
{
  double value;

  if (!_gredis_reply_is_text (member) || !_gredis_reply_parse_double (score, &value))
    return FALSE;
  g_ptr_array_add (data, _gredis_scored_member_new_take (gredis_reply_get_bytes (member), value));
  return TRUE;
}

/**
 * gredis_reply_to_scored_members:
 * @reply: a #GredisReply
 * @error: return location for a #GError
 *
 * Reads members and their scores from the reply to `ZRANGE ...
 * WITHSCORES`, `ZPOPMIN`, `ZRANDMEMBER ... WITHSCORES` and the like: a
 * flat array of members and scores (RESP2), or an array of pairs with
 * double scores (RESP3).
 *
 * Returns: (transfer container) (element-type GredisScoredMember): the
 *   members, or %NULL with an error when @reply has another shape
 */
GPtrArray *
gredis_reply_to_scored_members (const GredisReply  *reply,
                                GError            **error)
{
  GPtrArray *members;

  g_return_val_if_fail (reply != NULL, NULL);

  members = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_scored_member_unref);
  if (gredis_reply_get_n_elements (reply) == 2 && _gredis_reply_is_list (reply) &&
      !_gredis_reply_is_list (gredis_reply_get_element (reply, 0)))
    {
      /* One pair, flat even in RESP3 (ZPOPMIN without a count). */
      if (add_scored (gredis_reply_get_element (reply, 0), gredis_reply_get_element (reply, 1),
                      members))
        return members;
    }
  else if (_gredis_reply_foreach_pair (reply, add_scored, members, error))
    return members;
  if (error != NULL && *error == NULL)
    _gredis_reply_unexpected (reply, error);
  g_ptr_array_unref (members);
  return NULL;
}

static gboolean
add_text_pair (const GredisReply *field,
               const GredisReply *value,
               gpointer           data)
{
  if (!_gredis_reply_is_text (field) || !_gredis_reply_is_text (value))
    return FALSE;
  g_hash_table_replace (data, _gredis_reply_dup_text (field), _gredis_reply_dup_text (value));
  return TRUE;
}

/**
 * gredis_reply_to_hash_table:
 * @reply: a #GredisReply
 * @error: return location for a #GError
 *
 * Reads fields and values, as `HGETALL` or `CONFIG GET` give them: a map
 * (RESP3), a flat array of fields and values (RESP2), or an array of
 * pairs.
 *
 * Returns: (transfer container) (element-type utf8 utf8): the fields and
 *   their values, or %NULL with an error when @reply has another shape
 */
GHashTable *
gredis_reply_to_hash_table (const GredisReply  *reply,
                            GError            **error)
{
  GHashTable *table;

  g_return_val_if_fail (reply != NULL, NULL);

  table = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (_gredis_reply_foreach_pair (reply, add_text_pair, table, error))
    return table;
  g_hash_table_unref (table);
  return NULL;
}

/* An element of a list as text; integers are written out, nil is NULL. */
static gboolean
element_text (const GredisReply  *element,
              char              **text)
{
  if (_gredis_reply_is_text (element))
    *text = _gredis_reply_dup_text (element);
  else if (gredis_reply_get_kind (element) == GREDIS_REPLY_INTEGER)
    *text = g_strdup_printf ("%" G_GINT64_FORMAT, gredis_reply_get_integer (element));
  else if (gredis_reply_is_nil (element))
    *text = NULL;
  else
    return FALSE;
  return TRUE;
}

/**
 * gredis_reply_to_strv:
 * @reply: a #GredisReply
 * @error: return location for a #GError
 *
 * Reads an array or a set of strings (integers are written out in
 * decimal).
 *
 * Returns: (transfer full) (array zero-terminated=1): the strings, or
 *   %NULL with an error when @reply is not such a list, or holds a nil
 */
char **
gredis_reply_to_strv (const GredisReply  *reply,
                      GError            **error)
{
  gsize n;
  char **strv;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return NULL;
    }
  n = gredis_reply_get_n_elements (reply);
  strv = g_new0 (char *, n + 1);
  for (gsize i = 0; i < n; i++)
    {
      GredisReply *element = gredis_reply_get_element (reply, i);

      if (!element_text (element, &strv[i]) || strv[i] == NULL)
        {
          _gredis_reply_unexpected (element, error);
          g_strfreev (strv);
          return NULL;
        }
    }
  return strv;
}

/**
 * gredis_reply_to_bytes_array:
 * @reply: a #GredisReply
 * @error: return location for a #GError
 *
 * Reads an array or a set of strings, binary safe: the #GBytes share
 * the reply's memory. Nil elements (`MGET` of a missing key) are %NULL.
 *
 * Returns: (transfer container) (element-type GBytes): the values, or
 *   %NULL with an error when @reply is not such a list
 */
GPtrArray *
gredis_reply_to_bytes_array (const GredisReply  *reply,
                             GError            **error)
{
  GPtrArray *values;

  g_return_val_if_fail (reply != NULL, NULL);

  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return NULL;
    }
  values = g_ptr_array_new_full (gredis_reply_get_n_elements (reply),
                                 (GDestroyNotify) g_bytes_unref);
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *element = gredis_reply_get_element (reply, i);

      if (_gredis_reply_is_text (element))
        g_ptr_array_add (values, gredis_reply_get_bytes (element));
      else if (gredis_reply_is_nil (element))
        g_ptr_array_add (values, NULL);
      else
        {
          _gredis_reply_unexpected (element, error);
          g_ptr_array_unref (values);
          return NULL;
        }
    }
  return values;
}

/**
 * gredis_reply_to_double:
 * @reply: a #GredisReply
 * @value: (out): the number
 * @error: return location for a #GError
 *
 * Reads a number: a RESP3 double, an integer, or a bulk string such as
 * `1.5` or `inf` (what RESP2 sends for scores).
 *
 * Returns: %TRUE, or %FALSE with an error when @reply is not a number
 */
gboolean
gredis_reply_to_double (const GredisReply  *reply,
                        double             *value,
                        GError            **error)
{
  g_return_val_if_fail (reply != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  if (_gredis_reply_parse_double (reply, value))
    return TRUE;
  *value = 0.0;
  _gredis_reply_unexpected (reply, error);
  return FALSE;
}

static gboolean
add_variant_pair (const GredisReply *key,
                  const GredisReply *value,
                  gpointer           data)
{
  g_autofree char *name = NULL;
  GVariant *variant;

  if (!_gredis_reply_is_text (key))
    return FALSE;
  name = _gredis_reply_dup_text (key);
  variant = gredis_reply_to_variant (value);
  g_variant_builder_add (data, "{sv}", name, variant);
  g_variant_unref (variant);
  return TRUE;
}

/**
 * gredis_reply_to_dictionary:
 * @reply: a #GredisReply
 * @error: return location for a #GError
 *
 * Reads a map (RESP3) or a flat array of names and values (RESP2), as
 * `XINFO` gives them, into a dictionary; each value as
 * gredis_reply_to_variant() makes it.
 *
 * Returns: (transfer full): a #GVariant of type `a{sv}`, or %NULL with an
 *   error when @reply has another shape
 */
GVariant *
gredis_reply_to_dictionary (const GredisReply  *reply,
                            GError            **error)
{
  GVariantBuilder builder;

  g_return_val_if_fail (reply != NULL, NULL);

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  if (gredis_reply_get_n_elements (reply) > 0 && _gredis_reply_is_list (reply) &&
      _gredis_reply_is_list (gredis_reply_get_element (reply, 0)))
    {
      /* Not a list of pairs: an array of names and values only. */
      g_variant_builder_clear (&builder);
      _gredis_reply_unexpected (reply, error);
      return NULL;
    }
  if (!_gredis_reply_foreach_pair (reply, add_variant_pair, &builder, error))
    {
      g_variant_builder_clear (&builder);
      return NULL;
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}
