/* gredis-parser-test-corpus.c: reading the parser corpora, running a
 * parser over them, writing replies in the corpus' tree notation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-parser-test-corpus.h"
#include "gredis-test-util.h"

#include <string.h>

void
corpus_case_free (CorpusCase *c)
{
  g_free (c->name);
  g_bytes_unref (c->input);
  g_ptr_array_unref (c->outs);
  g_ptr_array_unref (c->limit_names);
  g_array_unref (c->limit_values);
  g_free (c->errmsg);
  g_free (c->errmsg_all);
  g_free (c);
}

/* Decodes a quoted, C-escaped string at *p, appending it to out. */
static void
unescape_quoted (const char *line,
                 GByteArray *out)
{
  const char *p = line;

  g_assert_cmpint (*p, ==, '"');
  p++;
  while (*p != '"')
    {
      guint8 c;

      g_assert_cmpint (*p, !=, '\0');
      if (*p != '\\')
        {
          c = *p++;
          g_byte_array_append (out, &c, 1);
          continue;
        }
      p++;
      switch (*p)
        {
        case 'r': c = '\r'; p++; break;
        case 'n': c = '\n'; p++; break;
        case 't': c = '\t'; p++; break;
        case '0': c = '\0'; p++; break;
        case '\\': c = '\\'; p++; break;
        case '"': c = '"'; p++; break;
        case 'x':
          g_assert_true (g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]));
          c = g_ascii_xdigit_value (p[1]) * 16 + g_ascii_xdigit_value (p[2]);
          p += 3;
          break;
        default:
          g_error ("bad escape in corpus line: %s", line);
        }
      g_byte_array_append (out, &c, 1);
    }
}

static CorpusEnd
parse_end (const char *word,
           const char *line)
{
  if (g_str_equal (word, "err"))
    return CORPUS_END_ERROR;
  if (g_str_equal (word, "more"))
    return CORPUS_END_CLEAN;
  if (g_str_equal (word, "skip"))
    return CORPUS_END_SKIP;
  g_error ("bad corpus line: %s", line);
}

static void
finish_case (GPtrArray  *cases,
             CorpusCase *c,
             GByteArray *input)
{
  if (c == NULL)
    return;
  c->input = g_byte_array_free_to_bytes (g_byte_array_ref (input));
  g_byte_array_set_size (input, 0);
  g_ptr_array_add (cases, c);
}

GPtrArray *
corpus_load (const char *file_name)
{
  g_autoptr(GBytes) bytes = gredis_test_load_file (file_name);
  g_autofree char *text = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GPtrArray *cases = g_ptr_array_new_with_free_func ((GDestroyNotify) corpus_case_free);
  g_autoptr(GByteArray) input = g_byte_array_new ();
  CorpusCase *c = NULL;

  for (guint i = 0; lines[i] != NULL; i++)
    {
      const char *line = lines[i];

      if (*line == '\0' || *line == '#')
        continue;
      if (g_str_has_prefix (line, "@ "))
        {
          finish_case (cases, c, input);
          c = g_new0 (CorpusCase, 1);
          c->name = g_strdup (line + 2);
          c->outs = g_ptr_array_new_with_free_func (g_free);
          c->proto2 = c->proto3 = TRUE;
          c->end = CORPUS_END_CLEAN;
          c->hiredis_end = CORPUS_END_SAME;
          c->limit_names = g_ptr_array_new_with_free_func (g_free);
          c->limit_values = g_array_new (FALSE, FALSE, sizeof (guint64));
          continue;
        }
      g_assert_nonnull (c);
      if (g_str_has_prefix (line, "in "))
        unescape_quoted (line + 3, input);
      else if (g_str_has_prefix (line, "out "))
        g_ptr_array_add (c->outs, g_strdup (line + 4));
      else if (g_str_has_prefix (line, "proto "))
        {
          c->proto2 = strchr (line + 6, '2') != NULL;
          c->proto3 = strchr (line + 6, '3') != NULL;
        }
      else if (g_str_equal (line, "err") || g_str_equal (line, "more"))
        c->end = parse_end (line, line);
      else if (g_str_has_prefix (line, "hiredis "))
        c->hiredis_end = parse_end (line + 8, line);
      else if (g_str_has_prefix (line, "errmsg "))
        c->errmsg = g_strdup (line + 7);
      else if (g_str_has_prefix (line, "errmsg-all "))
        c->errmsg_all = g_strdup (line + 11);
      else if (g_str_has_prefix (line, "limit "))
        {
          g_auto(GStrv) words = g_strsplit (line, " ", 3);
          guint64 value;

          g_assert_cmpuint (g_strv_length (words), ==, 3);
          value = g_ascii_strtoull (words[2], NULL, 10);
          g_ptr_array_add (c->limit_names, g_strdup (words[1]));
          g_array_append_val (c->limit_values, value);
        }
      else
        g_error ("bad corpus line in %s: %s", file_name, line);
    }
  finish_case (cases, c, input);
  return cases;
}

/* Tree notation. */

static void append_tree (GString     *out,
                         GredisReply *reply);

static void
append_escaped (GString    *out,
                const char *data,
                gsize       length)
{
  g_string_append_c (out, '"');
  for (gsize i = 0; i < length; i++)
    {
      guint8 c = data[i];

      switch (c)
        {
        case '\r': g_string_append (out, "\\r"); break;
        case '\n': g_string_append (out, "\\n"); break;
        case '\t': g_string_append (out, "\\t"); break;
        case '"': g_string_append (out, "\\\""); break;
        case '\\': g_string_append (out, "\\\\"); break;
        default:
          if (c >= 0x20 && c <= 0x7e)
            g_string_append_c (out, c);
          else
            g_string_append_printf (out, "\\x%02x", c);
        }
    }
  g_string_append_c (out, '"');
}

static void
append_elements (GString     *out,
                 GredisReply *reply)
{
  g_string_append_c (out, '[');
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      if (i > 0)
        g_string_append_c (out, ' ');
      append_tree (out, gredis_reply_get_element (reply, i));
    }
  g_string_append_c (out, ']');
}

static void
append_tree (GString     *out,
             GredisReply *reply)
{
  GredisReply *attributes = gredis_reply_get_attributes (reply);
  const char *text;
  gsize length;

  if (attributes != NULL)
    {
      g_string_append_c (out, '|');
      append_elements (out, attributes);
      g_string_append_c (out, ' ');
    }

  text = gredis_reply_get_string (reply, &length);
  switch (gredis_reply_get_kind (reply))
    {
    case GREDIS_REPLY_STRING:
      append_escaped (out, text, length);
      break;
    case GREDIS_REPLY_SIMPLE_STRING:
      g_string_append_c (out, '+');
      append_escaped (out, text, length);
      break;
    case GREDIS_REPLY_ERROR:
      g_string_append_c (out, '-');
      append_escaped (out, text, length);
      break;
    case GREDIS_REPLY_INTEGER:
      g_string_append_printf (out, ":%" G_GINT64_FORMAT, gredis_reply_get_integer (reply));
      break;
    case GREDIS_REPLY_DOUBLE:
      g_string_append_c (out, ',');
      g_string_append_len (out, text, length);
      break;
    case GREDIS_REPLY_NIL:
      g_string_append (out, "nil");
      break;
    case GREDIS_REPLY_BOOLEAN:
      g_string_append (out, gredis_reply_get_boolean (reply) ? "#t" : "#f");
      break;
    case GREDIS_REPLY_BIG_NUMBER:
      g_string_append_c (out, '(');
      g_string_append_len (out, text, length);
      break;
    case GREDIS_REPLY_VERBATIM:
      g_string_append_printf (out, "=%s", gredis_reply_get_verbatim_format (reply));
      append_escaped (out, text, length);
      break;
    case GREDIS_REPLY_ARRAY:
      g_string_append_c (out, '*');
      append_elements (out, reply);
      break;
    case GREDIS_REPLY_SET:
      g_string_append_c (out, '~');
      append_elements (out, reply);
      break;
    case GREDIS_REPLY_MAP:
      g_string_append_c (out, '%');
      append_elements (out, reply);
      break;
    case GREDIS_REPLY_PUSH:
      g_string_append_c (out, '>');
      append_elements (out, reply);
      break;
    default:
      g_assert_not_reached ();
    }
}

char *
corpus_reply_to_text (GredisReply *reply)
{
  GString *out = g_string_new (NULL);

  append_tree (out, reply);
  return g_string_free (out, FALSE);
}

/* Running. */

const char *
corpus_chunking_name (Chunking chunking)
{
  static const char *names[] = {
    "whole", "bytes", "bytes-pop-at-end", "random-1", "random-2", "random-3", "halves",
  };

  return names[chunking];
}

GredisParser *
corpus_new_parser (const char *name,
                   guint       protocol,
                   CorpusCase *c)
{
  g_autoptr(GError) error = NULL;
  GredisParser *parser = gredis_parser_new_for_name (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (parser);
  gredis_parser_set_protocol (parser, protocol, &error);
  g_assert_no_error (error);
  for (guint i = 0; c != NULL && i < c->limit_names->len; i++)
    {
      const char *prop = g_ptr_array_index (c->limit_names, i);
      guint64 value = g_array_index (c->limit_values, guint64, i);

      if (g_str_equal (prop, "max-depth"))
        g_object_set (parser, prop, (guint) value, NULL);
      else
        g_object_set (parser, prop, value, NULL);
    }
  return parser;
}

static void
drain (GredisParser *parser,
       CorpusResult *result)
{
  GredisReply *reply;

  if (result->error != NULL)
    return;
  while ((reply = gredis_parser_pop (parser, &result->error)) != NULL)
    {
      g_ptr_array_add (result->replies, corpus_reply_to_text (reply));
      g_ptr_array_add (result->reply_objects, reply);
    }
}

CorpusResult *
corpus_run (const char *parser_name,
            guint       protocol,
            CorpusCase *c,
            Chunking    chunking)
{
  g_autoptr(GredisParser) parser = corpus_new_parser (parser_name, protocol, c);
  CorpusResult *result = g_new0 (CorpusResult, 1);
  gsize length;
  const guint8 *data = g_bytes_get_data (c->input, &length);
  g_autoptr(GRand) rand = NULL;
  gsize offset = 0;

  result->replies = g_ptr_array_new_with_free_func (g_free);
  result->reply_objects = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);

  if (chunking >= CHUNK_RANDOM_1 && chunking <= CHUNK_RANDOM_3)
    rand = g_rand_new_with_seed (chunking);

  while (offset < length)
    {
      gsize n;

      switch (chunking)
        {
        case CHUNK_BYTES:
        case CHUNK_BYTES_POP_AT_END:
          n = 1;
          break;
        case CHUNK_HALVES:
          n = MAX (1, length / 2);
          break;
        case CHUNK_RANDOM_1:
        case CHUNK_RANDOM_2:
        case CHUNK_RANDOM_3:
          n = g_rand_int_range (rand, 1, 9);
          break;
        default:
          n = length;
        }
      n = MIN (n, length - offset);
      gredis_parser_feed (parser, data + offset, n);
      offset += n;
      if (chunking != CHUNK_BYTES_POP_AT_END)
        drain (parser, result);
    }
  drain (parser, result);

  /* A failed parser stays failed. */
  if (result->error != NULL)
    {
      g_autoptr(GError) again = NULL;

      gredis_parser_feed (parser, (const guint8 *) "+OK\r\n", 5);
      g_assert_null (gredis_parser_pop (parser, &again));
      g_assert_error (again, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
      g_assert_cmpstr (again->message, ==, result->error->message);
    }
  return result;
}

void
corpus_result_free (CorpusResult *result)
{
  g_ptr_array_unref (result->replies);
  g_ptr_array_unref (result->reply_objects);
  g_clear_error (&result->error);
  g_free (result);
}
