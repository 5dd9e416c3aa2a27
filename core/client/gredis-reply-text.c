/* gredis-reply-text.c: the replies a server gives as text to be read by
 * people (INFO, CLIENT INFO, CLIENT LIST), parsed for the typed helpers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-commands-private.h"
#include "gredis-reply-types-private.h"

#include <string.h>

/* GVariant strings must be UTF-8; what a server reports (paths, names)
 * need not be. */
static GVariant *
text_variant (const char *text,
              gsize       length)
{
  g_autofree char *valid = g_utf8_make_valid (text, (gssize) length);

  return g_variant_new_string (valid);
}

/* The next line of the text from *@text to @end, without its line end;
 * FALSE when none is left. Empty lines are lines too. */
static gboolean
next_line (const char **text,
           const char  *end,
           const char **line,
           gsize       *length)
{
  const char *line_end;

  if (*text >= end)
    return FALSE;
  line_end = memchr (*text, '\n', (gsize) (end - *text));
  *line = *text;
  *length = (gsize) ((line_end != NULL ? line_end : end) - *text);
  if (*length > 0 && (*line)[*length - 1] == '\r')
    (*length)--;
  *text = line_end != NULL ? line_end + 1 : end;
  return TRUE;
}

/* Opens the section @name (`{sa{ss}}`) in @builder, closing the one open. */
static void
open_section (GVariantBuilder *builder,
              gboolean        *open,
              const char      *name)
{
  if (*open)
    {
      g_variant_builder_close (builder);
      g_variant_builder_close (builder);
    }
  g_variant_builder_open (builder, G_VARIANT_TYPE ("{sa{ss}}"));
  g_variant_builder_add_value (builder, text_variant (name, strlen (name)));
  g_variant_builder_open (builder, G_VARIANT_TYPE ("a{ss}"));
  *open = TRUE;
}

/* The lines of INFO's @text into sections of @builder (`a{sa{ss}}`),
 * named "@prefix/Name" when @prefix is set. Lines with no colon outside
 * a heading are skipped, as redis-cli does. */
static void
add_info_text (GVariantBuilder *builder,
               const char      *prefix,
               const char      *text,
               gsize            length)
{
  const char *end = text + length;
  gboolean open = FALSE;
  const char *line;
  gsize n;

  while (next_line (&text, end, &line, &n))
    {
      const char *colon = n > 0 ? memchr (line, ':', n) : NULL;

      if (n > 0 && line[0] == '#')
        {
          g_autofree char *name = NULL;
          const char *start = line + 1;
          gsize name_length = n - 1;

          while (name_length > 0 && *start == ' ')
            start++, name_length--;
          name = prefix != NULL ? g_strdup_printf ("%s/%.*s", prefix, (int) name_length, start)
                                : g_strndup (start, name_length);
          open_section (builder, &open, name);
        }
      else if (colon != NULL)
        {
          if (!open)
            open_section (builder, &open, prefix != NULL ? prefix : "");
          g_variant_builder_open (builder, G_VARIANT_TYPE ("{ss}"));
          g_variant_builder_add_value (builder, text_variant (line, (gsize) (colon - line)));
          g_variant_builder_add_value (builder, text_variant (colon + 1,
                                                              (gsize) (line + n - colon - 1)));
          g_variant_builder_close (builder);
        }
    }
  if (open)
    {
      g_variant_builder_close (builder);
      g_variant_builder_close (builder);
    }
}

typedef struct
{
  GVariantBuilder *builder;
  GError **error;
} NodeInfo;

static gboolean
add_node_info (const GredisReply *node,
               const GredisReply *info,
               gpointer           data)
{
  NodeInfo *node_info = data;
  g_autofree char *name = NULL;
  gsize length = 0;
  const char *text;

  if (!_gredis_reply_is_text (node) || !_gredis_reply_is_text (info))
    {
      _gredis_reply_unexpected (_gredis_reply_is_text (node) ? info : node, node_info->error);
      return FALSE;
    }
  name = _gredis_reply_dup_text (node);
  text = gredis_reply_get_string (info, &length);
  add_info_text (node_info->builder, name, text, length);
  return TRUE;
}

GVariant *
_gredis_reply_to_info (GredisReply  *reply,
                       GError      **error)
{
  GVariantBuilder builder;
  GVariant *value = NULL;

  if (reply == NULL)
    return NULL;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("a{sa{ss}}"));
  if (_gredis_reply_is_text (reply))
    {
      gsize length = 0;
      const char *text = gredis_reply_get_string (reply, &length);

      add_info_text (&builder, NULL, text, length);
      value = g_variant_ref_sink (g_variant_builder_end (&builder));
    }
  else if (gredis_reply_get_kind (reply) == GREDIS_REPLY_MAP)
    {
      /* A cluster's nodes, each with its own INFO. */
      NodeInfo node_info = { &builder, error };

      if (_gredis_reply_foreach_pair (reply, add_node_info, &node_info, error))
        value = g_variant_ref_sink (g_variant_builder_end (&builder));
      else
        g_variant_builder_clear (&builder);
    }
  else
    {
      g_variant_builder_clear (&builder);
      _gredis_reply_unexpected (reply, error);
    }
  gredis_reply_unref (reply);
  return value;
}

/* One line of CLIENT INFO or CLIENT LIST, `name=value` fields separated
 * by spaces (values hold no space), into @builder (`a{ss}`). */
static void
add_client_line (GVariantBuilder *builder,
                 const char      *line,
                 gsize            length)
{
  const char *end = line + length;

  g_variant_builder_open (builder, G_VARIANT_TYPE ("a{ss}"));
  while (line < end)
    {
      const char *space = memchr (line, ' ', (gsize) (end - line));
      const char *field_end = space != NULL ? space : end;
      const char *equals = memchr (line, '=', (gsize) (field_end - line));

      if (equals != NULL)
        {
          g_variant_builder_open (builder, G_VARIANT_TYPE ("{ss}"));
          g_variant_builder_add_value (builder, text_variant (line, (gsize) (equals - line)));
          g_variant_builder_add_value (builder, text_variant (equals + 1,
                                                              (gsize) (field_end - equals - 1)));
          g_variant_builder_close (builder);
        }
      line = space != NULL ? space + 1 : end;
    }
  g_variant_builder_close (builder);
}

/* The lines of @reply's text, each one connection: the first into an
 * `a{ss}` (@list FALSE), or every one into an `aa{ss}`. */
static GVariant *
parse_clients (GredisReply  *reply,
               gboolean      list,
               GError      **error)
{
  GVariantBuilder builder;
  const char *text, *end, *line;
  gsize length = 0, line_length;
  GVariant *value;
  guint n = 0;

  if (reply == NULL)
    return NULL;
  if (!_gredis_reply_is_text (reply))
    {
      _gredis_reply_unexpected (reply, error);
      gredis_reply_unref (reply);
      return NULL;
    }
  text = gredis_reply_get_string (reply, &length);
  end = text + length;
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{ss}"));
  while (next_line (&text, end, &line, &line_length))
    if (line_length > 0)
      {
        add_client_line (&builder, line, line_length);
        n++;
      }
  value = g_variant_ref_sink (g_variant_builder_end (&builder));
  gredis_reply_unref (reply);
  if (!list)
    {
      GVariant *first = NULL;

      if (n > 0)
        first = g_variant_get_child_value (value, 0);
      else
        {
          gredis_i18n_init ();
          g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                               _("The server described no connection."));
        }
      g_variant_unref (value);
      return first;
    }
  return value;
}

GVariant *
_gredis_reply_to_client_info (GredisReply  *reply,
                              GError      **error)
{
  return parse_clients (reply, FALSE, error);
}

GVariant *
_gredis_reply_to_client_list (GredisReply  *reply,
                              GError      **error)
{
  return parse_clients (reply, TRUE, error);
}
