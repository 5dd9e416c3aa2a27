/* gredis-cli-json.c: replies as JSON (--json, --quoted-json) and keys as
 * redis-cli quotes them
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/**
 * cli_append_repr:
 * @out: where to append
 * @data: (array length=length): bytes
 * @length: their number
 *
 * Appends @data in double quotes, with `\\`, `"`, `\n`, `\r`, `\t`, `\a`
 * and `\b` escaped and other unprintable bytes as `\xHH`: redis-cli's
 * sdscatrepr(), with which it prints key names.
 */
void
cli_append_repr (GString    *out,
                 const char *data,
                 gsize       length)
{
  /* The library's human format quotes a string reply so: reuse it
   * rather than keep a second copy of the escapes. */
  g_autoptr(GredisReply) reply = gredis_reply_new_string (GREDIS_REPLY_STRING, data, length);
  g_autofree char *text = gredis_reply_to_string (reply);
  gsize text_length = strlen (text);

  if (text_length > 0 && text[text_length - 1] == '\n')
    text_length--;
  g_string_append_len (out, text, text_length);
}

/* A JSON string: bytes of 0x80 and above go out as they are (UTF-8 stays
 * UTF-8), control characters as escapes. */
static void
append_json_string (GString    *out,
                    const char *data,
                    gsize       length)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    {
      char c = data[i];

      switch (c)
        {
        case '\\':
        case '"':
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
          break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\f': g_string_append (out, "\\f"); break;
        case '\r': g_string_append (out, "\\r"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '\b': g_string_append (out, "\\b"); break;
        default:
          if ((guint8) c <= 0x1f)
            g_string_append_printf (out, "\\u%04x", (guint8) c);
          else
            g_string_append_c (out, c);
          break;
        }
    }
  g_string_append_c (out, '"');
}

/* --quoted-json: the string as redis-cli quotes keys, its backslashes
 * doubled so that the result is still JSON, and all of it ASCII. */
static void
append_quoted_json_string (GString    *out,
                           const char *data,
                           gsize       length)
{
  g_autoptr(GString) repr = g_string_new (NULL);

  cli_append_repr (repr, data, length);
  for (gsize i = 0; i < repr->len; i++)
    {
      if (repr->str[i] == '\\')
        g_string_append (out, "\\\\");
      else
        g_string_append_c (out, repr->str[i]);
    }
}

static void
append_string (GString    *out,
               const char *data,
               gsize       length,
               CliOutput   mode)
{
  if (mode == CLI_OUTPUT_QUOTED_JSON)
    append_quoted_json_string (out, data, length);
  else
    append_json_string (out, data, length);
}

/**
 * cli_format_json:
 * @out: where to append
 * @reply: a reply
 * @mode: %CLI_OUTPUT_JSON or %CLI_OUTPUT_QUOTED_JSON
 *
 * Appends @reply as redis-cli 7.0 writes it with --json: arrays, sets and
 * pushes as arrays, maps as objects (keys that are not strings are turned
 * into strings), nil as null, an error reply as the string "error:…",
 * doubles and big numbers as the server wrote them.
 */
void
cli_format_json (GString     *out,
                 GredisReply *reply,
                 CliOutput    mode)
{
  gsize length = 0;
  const char *s;
  gsize n;

  switch (gredis_reply_get_kind (reply))
    {
    case GREDIS_REPLY_ERROR:
      /* redis-cli stops at a nul byte here */
      s = gredis_reply_get_string (reply, &length);
      g_string_append (out, "error:");
      append_string (out, s, strnlen (s, length), mode);
      break;
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_VERBATIM:
      s = gredis_reply_get_string (reply, &length);
      append_string (out, s, length, mode);
      break;
    case GREDIS_REPLY_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, gredis_reply_get_integer (reply));
      break;
    case GREDIS_REPLY_DOUBLE:
    case GREDIS_REPLY_BIG_NUMBER:
      s = gredis_reply_get_string (reply, &length);
      g_string_append_len (out, s, length);
      break;
    case GREDIS_REPLY_NIL:
      g_string_append (out, "null");
      break;
    case GREDIS_REPLY_BOOLEAN:
      g_string_append (out, gredis_reply_get_boolean (reply) ? "true" : "false");
      break;
    case GREDIS_REPLY_ARRAY:
    case GREDIS_REPLY_SET:
    case GREDIS_REPLY_PUSH:
      n = gredis_reply_get_n_elements (reply);
      g_string_append_c (out, '[');
      for (gsize i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, ',');
          cli_format_json (out, gredis_reply_get_element (reply, i), mode);
        }
      g_string_append_c (out, ']');
      break;
    case GREDIS_REPLY_MAP:
      n = gredis_reply_get_n_elements (reply);
      g_string_append_c (out, '{');
      for (gsize i = 0; i + 1 < n; i += 2)
        {
          GredisReply *key = gredis_reply_get_element (reply, i);

          if (i > 0)
            g_string_append_c (out, ',');
          switch (gredis_reply_get_kind (key))
            {
            case GREDIS_REPLY_ERROR:
            case GREDIS_REPLY_SIMPLE_STRING:
            case GREDIS_REPLY_STRING:
            case GREDIS_REPLY_VERBATIM:
              cli_format_json (out, key, mode);
              break;
            default:
              {
                /* JSON keys are strings: the key in JSON, quoted unless
                 * it already is. */
                g_autoptr(GString) text = g_string_new (NULL);

                cli_format_json (text, key, mode);
                if (text->str[0] == '"')
                  g_string_append_len (out, text->str, text->len);
                else
                  g_string_append_printf (out, "\"%s\"", text->str);
              }
              break;
            }
          g_string_append_c (out, ':');
          cli_format_json (out, gredis_reply_get_element (reply, i + 1), mode);
        }
      g_string_append_c (out, '}');
      break;
    default:
      g_string_append (out, "null");
      break;
    }
}
