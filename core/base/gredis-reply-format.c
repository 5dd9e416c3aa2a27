/* gredis-reply-format.c: replies as text (redis-cli's format) and as GVariant
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-reply-private.h"

#include <string.h>

/* Quotes bytes as redis-cli does (sdscatrepr). */
static void
append_repr (GString    *out,
             const char *s,
             gsize       len)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < len; i++)
    {
      guchar c = s[i];

      switch (c)
        {
        case '\\':
        case '"':
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\a': g_string_append (out, "\\a"); break;
        case '\b': g_string_append (out, "\\b"); break;
        default:
          if (g_ascii_isprint (c))
            g_string_append_c (out, c);
          else
            g_string_append_printf (out, "\\x%02x", c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

static void format_tty (GString *out, const GredisReply *reply, const char *prefix);

static void
format_aggregate (GString           *out,
                  const GredisReply *reply,
                  const char        *prefix,
                  char               numsep)
{
  guint32 n = reply->length;
  guint32 shown = reply->kind == GREDIS_REPLY_MAP ? n / 2 : n;
  guint idxlen = 0;
  g_autofree char *child_prefix = NULL;

  do
    {
      idxlen++;
      shown /= 10;
    }
  while (shown > 0);
  child_prefix = g_strdup_printf ("%s%*s", prefix, idxlen + 2, "");

  for (guint32 i = 0; i < n; i++)
    {
      guint32 human = (reply->kind == GREDIS_REPLY_MAP ? i / 2 : i) + 1;

      g_string_append_printf (out, "%s%*u%c ", i == 0 ? "" : prefix,
                              idxlen, human, numsep);
      format_tty (out, &reply->v.elements[i], child_prefix);
      if (reply->kind == GREDIS_REPLY_MAP)
        {
          i++;
          g_string_truncate (out, out->len - 1);
          g_string_append (out, " => ");
          format_tty (out, &reply->v.elements[i], child_prefix);
        }
    }
}

/* redis-cli's human (TTY) format: every value ends with a newline. */
static void
format_tty (GString           *out,
            const GredisReply *reply,
            const char        *prefix)
{
  if (reply->attributes != NULL)
    {
      g_string_append (out, "|");
      format_aggregate (out, reply->attributes, prefix, '#');
      g_string_append (out, prefix);
    }

  switch ((GredisReplyKind) reply->kind)
    {
    case GREDIS_REPLY_ERROR:
      g_string_append (out, "(error) ");
      g_string_append_len (out, reply->v.str, reply->length);
      g_string_append_c (out, '\n');
      break;
    case GREDIS_REPLY_SIMPLE_STRING:
      g_string_append_len (out, reply->v.str, reply->length);
      g_string_append_c (out, '\n');
      break;
    case GREDIS_REPLY_INTEGER:
      g_string_append_printf (out, "(integer) %" G_GINT64_FORMAT "\n", reply->v.integer);
      break;
    case GREDIS_REPLY_DOUBLE:
      g_string_append (out, "(double) ");
      g_string_append_len (out, reply->v.str, reply->length);
      g_string_append_c (out, '\n');
      break;
    case GREDIS_REPLY_BIG_NUMBER:
      g_string_append (out, "(big number) ");
      g_string_append_len (out, reply->v.str, reply->length);
      g_string_append_c (out, '\n');
      break;
    case GREDIS_REPLY_STRING:
      append_repr (out, reply->v.str, reply->length);
      g_string_append_c (out, '\n');
      break;
    case GREDIS_REPLY_VERBATIM:
      g_string_append_len (out, reply->v.str, reply->length);
      g_string_append_c (out, '\n');
      break;
    case GREDIS_REPLY_NIL:
      g_string_append (out, "(nil)\n");
      break;
    case GREDIS_REPLY_BOOLEAN:
      g_string_append (out, reply->v.integer ? "(true)\n" : "(false)\n");
      break;
    case GREDIS_REPLY_ARRAY:
    case GREDIS_REPLY_SET:
    case GREDIS_REPLY_MAP:
    case GREDIS_REPLY_PUSH:
      if (reply->length == 0)
        {
          static const char *const empty[] = {
            [GREDIS_REPLY_ARRAY] = "(empty array)\n",
            [GREDIS_REPLY_SET] = "(empty set)\n",
            [GREDIS_REPLY_MAP] = "(empty hash)\n",
            [GREDIS_REPLY_PUSH] = "(empty push)\n",
          };
          g_string_append (out, empty[reply->kind]);
        }
      else
        format_aggregate (out, reply,  prefix,
                          reply->kind == GREDIS_REPLY_SET ? '~' :
                          reply->kind == GREDIS_REPLY_MAP ? '#' : ')');
      break;
    default:
      g_assert_not_reached ();
    }
}

/**
 * gredis_reply_to_string:
 * @reply: a #GredisReply
 *
 * Formats @reply as redis-cli shows it on a terminal: `"quoted strings"`,
 * `(integer) 1`, `(nil)`, `(error) ERR …`, numbered elements of nested
 * aggregates, `k => v` for maps, `(double)`, `(true)`, `(big number)` for
 * RESP3 kinds. The result ends with a newline, as in redis-cli.
 *
 * Returns: (transfer full): the text
 */
char *
gredis_reply_to_string (const GredisReply *reply)
{
  GString *out;

  g_return_val_if_fail (reply != NULL, NULL);

  out = g_string_new (NULL);
  format_tty (out, reply, "");
  return g_string_free (out, FALSE);
}

static gboolean
is_text (const GredisReply *reply)
{
  return memchr (reply->v.str, '\0', reply->length) == NULL &&
         g_utf8_validate (reply->v.str, reply->length, NULL);
}

static GVariant *
text_variant (const GredisReply *reply)
{
  if (is_text (reply))
    return g_variant_new_string (reply->v.str);
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, reply->v.str, reply->length, 1);
}

static GVariant *to_variant (const GredisReply *reply);

static gboolean
keys_are_text (const GredisReply *map)
{
  for (guint32 i = 0; i < map->length; i += 2)
    {
      const GredisReply *key = &map->v.elements[i];

      if (key->kind != GREDIS_REPLY_STRING && key->kind != GREDIS_REPLY_SIMPLE_STRING &&
          key->kind != GREDIS_REPLY_VERBATIM)
        return FALSE;
      if (!is_text (key))
        return FALSE;
    }
  return TRUE;
}

static GVariant *
to_variant (const GredisReply *reply)
{
  GVariantBuilder builder;

  switch ((GredisReplyKind) reply->kind)
    {
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_VERBATIM:
    case GREDIS_REPLY_BIG_NUMBER:
      return text_variant (reply);
    case GREDIS_REPLY_ERROR:
      {
        GEnumClass *klass = g_type_class_ref (GREDIS_TYPE_ERROR);
        GEnumValue *value = g_enum_get_value (klass,
                                              gredis_error_code_for_prefix (reply->v.str,
                                                                            reply->length));
        GVariant *v = g_variant_new ("(ss)", value->value_nick,
                                     is_text (reply) ? reply->v.str : "");

        g_type_class_unref (klass);
        return v;
      }
    case GREDIS_REPLY_INTEGER:
      return g_variant_new_int64 (reply->v.integer);
    case GREDIS_REPLY_DOUBLE:
      return g_variant_new_double (gredis_reply_get_double (reply));
    case GREDIS_REPLY_BOOLEAN:
      return g_variant_new_boolean (reply->v.integer != 0);
    case GREDIS_REPLY_NIL:
      return g_variant_new_maybe (G_VARIANT_TYPE_VARIANT, NULL);
    case GREDIS_REPLY_ARRAY:
    case GREDIS_REPLY_SET:
    case GREDIS_REPLY_PUSH:
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));
      for (guint32 i = 0; i < reply->length; i++)
        g_variant_builder_add (&builder, "v", to_variant (&reply->v.elements[i]));
      return g_variant_builder_end (&builder);
    case GREDIS_REPLY_MAP:
      if (keys_are_text (reply))
        {
          g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sv}"));
          for (guint32 i = 0; i < reply->length; i += 2)
            g_variant_builder_add (&builder, "{sv}", reply->v.elements[i].v.str,
                                   to_variant (&reply->v.elements[i + 1]));
        }
      else
        {
          g_variant_builder_init (&builder, G_VARIANT_TYPE ("a(vv)"));
          for (guint32 i = 0; i < reply->length; i += 2)
            g_variant_builder_add (&builder, "(vv)", to_variant (&reply->v.elements[i]),
                                   to_variant (&reply->v.elements[i + 1]));
        }
      return g_variant_builder_end (&builder);
    default:
      g_assert_not_reached ();
    }
}

/**
 * gredis_reply_to_variant:
 * @reply: a #GredisReply
 *
 * Converts @reply to a #GVariant for D-Bus and bindings:
 *
 * - strings, simple strings, verbatim strings and big numbers: `s` when
 *   the bytes are valid UTF-8 without NUL, else `ay`;
 * - errors: `(ss)`, the nick of the #GredisError code and the text;
 * - integers `x`, doubles `d`, booleans `b`, null `mv` (Nothing);
 * - arrays, sets and pushes `av`;
 * - maps `a{sv}` when every key is text, else `a(vv)`.
 *
 * Attributes are left out.
 *
 * Returns: (transfer full): a new floating-free #GVariant
 */
GVariant *
gredis_reply_to_variant (const GredisReply *reply)
{
  g_return_val_if_fail (reply != NULL, NULL);

  return g_variant_ref_sink (to_variant (reply));
}
