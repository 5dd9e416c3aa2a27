/* gredis-client-commands.c: what the typed helpers share: building argvs, converting replies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"
#include "gredis-reply-types-private.h"

#include <math.h>
#include <string.h>

/* The typed helpers (gredis-client-commands-generated.c, written at build
 * time by build-aux/gredis-gen-commands.py from
 * build-aux/gredis-commands.decl) come in three forms, like the rest of
 * the client: `_async` and `_finish`, and a blocking form safe from any
 * thread. Each builds an argv on the stack with the functions here, sends
 * it as gredis_client_command_argv_async() would, and converts the reply
 * to a C type with the converters below. Server error replies become
 * errors, and so do replies of the wrong kind. */

/* Building an argv */

void
_gredis_cmd_init (Cmd        *c,
                  const char *name)
{
  c->argc = 0;
  c->alloc = CMD_INLINE_ARGS;
  c->argv = c->inline_argv;
  c->lengths = c->inline_lengths;
  c->n_numbers = 0;
  c->owned = NULL;
  _gredis_cmd_add (c, name);
}

static void
grow (Cmd *c)
{
  guint alloc = c->alloc * 2;

  if (c->argv == c->inline_argv)
    {
      c->argv = g_memdup2 (c->inline_argv, sizeof (char *) * c->argc);
      c->lengths = g_memdup2 (c->inline_lengths, sizeof (gsize) * c->argc);
    }
  c->argv = g_renew (const char *, c->argv, alloc);
  c->lengths = g_renew (gsize, c->lengths, alloc);
  c->alloc = alloc;
}

void
_gredis_cmd_add_len (Cmd         *c,
                     const char  *arg,
                     gssize       length)
{
  if (G_UNLIKELY (c->argc == c->alloc))
    grow (c);
  c->argv[c->argc] = arg;
  c->lengths[c->argc] = length >= 0 ? (gsize) length : strlen (arg);
  c->argc++;
}

void
_gredis_cmd_add (Cmd        *c,
                 const char *arg)
{
  _gredis_cmd_add_len (c, arg, -1);
}

void
_gredis_cmd_add_bytes (Cmd    *c,
                       GBytes *value)
{
  gsize length;
  const char *data = g_bytes_get_data (value, &length);

  /* Empty bytes may have no data; the argument must not be NULL. */
  _gredis_cmd_add_len (c, data != NULL ? data : "", length);
}

/* A buffer for the text of a number: one of the argv's own, else one
 * from the heap. */
static char *
number_buffer (Cmd *c)
{
  char *buffer;

  if (G_LIKELY (c->n_numbers < CMD_INLINE_NUMBERS))
    return c->numbers[c->n_numbers++];
  if (c->owned == NULL)
    c->owned = g_ptr_array_new_with_free_func (g_free);
  buffer = g_malloc (G_ASCII_DTOSTR_BUF_SIZE);
  g_ptr_array_add (c->owned, buffer);
  return buffer;
}

void
_gredis_cmd_add_int (Cmd    *c,
                     gint64  value)
{
  char *buffer = number_buffer (c);

  _gredis_cmd_add_len (c, buffer, g_snprintf (buffer, G_ASCII_DTOSTR_BUF_SIZE,
                                              "%" G_GINT64_FORMAT, value));
}

void
_gredis_cmd_add_uint (Cmd     *c,
                      guint64  value)
{
  char *buffer = number_buffer (c);

  _gredis_cmd_add_len (c, buffer, g_snprintf (buffer, G_ASCII_DTOSTR_BUF_SIZE,
                                              "%" G_GUINT64_FORMAT, value));
}

void
_gredis_cmd_add_double (Cmd    *c,
                        double  value)
{
  if (isinf (value))
    _gredis_cmd_add (c, value > 0 ? "+inf" : "-inf");
  else
    _gredis_cmd_add (c, g_ascii_dtostr (number_buffer (c), G_ASCII_DTOSTR_BUF_SIZE, value));
}

void
_gredis_cmd_add_strv (Cmd                *c,
                      const char * const *strv)
{
  for (guint i = 0; strv[i] != NULL; i++)
    _gredis_cmd_add (c, strv[i]);
}

void
_gredis_cmd_add_bytesv (Cmd            *c,
                        GBytes * const *values,
                        guint           n_values)
{
  for (guint i = 0; i < n_values; i++)
    _gredis_cmd_add_bytes (c, values[i]);
}

void
_gredis_cmd_add_pairs (Cmd                *c,
                       const char * const *names,
                       GBytes * const     *values,
                       guint               n_values)
{
  for (guint i = 0; i < n_values; i++)
    {
      _gredis_cmd_add (c, names[i]);
      _gredis_cmd_add_bytes (c, values[i]);
    }
}

void
_gredis_cmd_add_scored (Cmd                *c,
                        const double       *scores,
                        const char * const *members,
                        guint               n_members)
{
  for (guint i = 0; i < n_members; i++)
    {
      _gredis_cmd_add_double (c, scores[i]);
      _gredis_cmd_add (c, members[i]);
    }
}

void
_gredis_cmd_add_scored_bytes (Cmd            *c,
                              const double   *scores,
                              GBytes * const *members,
                              guint           n_members)
{
  for (guint i = 0; i < n_members; i++)
    {
      _gredis_cmd_add_double (c, scores[i]);
      _gredis_cmd_add_bytes (c, members[i]);
    }
}

void
_gredis_cmd_add_flags (Cmd           *c,
                       guint          flags,
                       const CmdFlag *words,
                       gsize          n_words)
{
  for (gsize i = 0; i < n_words; i++)
    if (flags & words[i].flag)
      _gredis_cmd_add (c, words[i].word);
}

void
_gredis_cmd_clear (Cmd *c)
{
  if (c->argv != c->inline_argv)
    {
      g_free (c->argv);
      g_free (c->lengths);
    }
  c->argv = NULL;
  c->lengths = NULL;
  g_clear_pointer (&c->owned, g_ptr_array_unref);
}

void
_gredis_cmd_send_async (GredisClient        *client,
                        Cmd                 *c,
                        gpointer             source_tag,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  _gredis_client_send_async (client, c->argc, c->argv, c->lengths, NULL, source_tag,
                             cancellable, callback, user_data);
  _gredis_cmd_clear (c);
}

GredisReply *
_gredis_cmd_send_sync (GredisClient  *client,
                       Cmd           *c,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GredisReply *reply = _gredis_client_send_sync (client, c->argc, c->argv, c->lengths, NULL,
                                                 cancellable, error);

  _gredis_cmd_clear (c);
  return reply;
}

/* Converting replies; each takes the reply (which may be NULL after an
 * error) and frees it. */

gint64
_gredis_reply_to_int (GredisReply  *reply,
                      GError      **error)
{
  gint64 value = 0;

  if (reply == NULL)
    return 0;
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_INTEGER)
    value = gredis_reply_get_integer (reply);
  else
    _gredis_reply_unexpected (reply, error);
  gredis_reply_unref (reply);
  return value;
}

gboolean
_gredis_reply_to_bool (GredisReply  *reply,
                       GError      **error)
{
  gboolean value = FALSE;

  if (reply == NULL)
    return FALSE;
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_INTEGER)
    value = gredis_reply_get_integer (reply) != 0;
  else if (gredis_reply_get_kind (reply) == GREDIS_REPLY_BOOLEAN)
    value = gredis_reply_get_boolean (reply);
  else
    _gredis_reply_unexpected (reply, error);
  gredis_reply_unref (reply);
  return value;
}

/* A status reply is TRUE; nil (a condition not met) FALSE with no error. */
gboolean
_gredis_reply_to_ok (GredisReply  *reply,
                     GError      **error)
{
  gboolean value = FALSE;

  if (reply == NULL)
    return FALSE;
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_SIMPLE_STRING)
    value = TRUE;
  else if (!gredis_reply_is_nil (reply))
    _gredis_reply_unexpected (reply, error);
  gredis_reply_unref (reply);
  return value;
}

double
_gredis_reply_to_double (GredisReply  *reply,
                         GError      **error)
{
  double value = 0.0;

  if (reply == NULL)
    return 0.0;
  gredis_reply_to_double (reply, &value, error);
  gredis_reply_unref (reply);
  return value;
}

gboolean
_gredis_reply_to_score (GredisReply  *reply,
                        double       *score,
                        GError      **error)
{
  double value = 0.0;
  gboolean found = FALSE;

  if (reply != NULL && !gredis_reply_is_nil (reply))
    found = gredis_reply_to_double (reply, &value, error);
  if (score != NULL)
    *score = found ? value : 0.0;
  g_clear_pointer (&reply, gredis_reply_unref);
  return found;
}

gboolean
_gredis_reply_to_opt_int (GredisReply  *reply,
                          gint64       *value,
                          GError      **error)
{
  gboolean found = FALSE;

  if (value != NULL)
    *value = 0;
  if (reply == NULL)
    return FALSE;
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_INTEGER)
    {
      found = TRUE;
      if (value != NULL)
        *value = gredis_reply_get_integer (reply);
    }
  else if (!gredis_reply_is_nil (reply))
    _gredis_reply_unexpected (reply, error);
  gredis_reply_unref (reply);
  return found;
}

/* Whether to convert @reply: FALSE when it is NULL (an error is set), or
 * nil and @nullable (no error; it is freed then), or nil and not
 * @nullable (an error). */
static gboolean
check (GredisReply  *reply,
       gboolean      nullable,
       GError      **error)
{
  if (reply == NULL)
    return FALSE;
  if (!gredis_reply_is_nil (reply))
    return TRUE;
  if (!nullable)
    _gredis_reply_unexpected (reply, error);
  gredis_reply_unref (reply);
  return FALSE;
}

/* Frees @reply and gives @value. */
static gpointer
done (GredisReply *reply,
      gpointer     value)
{
  gredis_reply_unref (reply);
  return value;
}

char *
_gredis_reply_to_str (GredisReply  *reply,
                      gboolean      nullable,
                      GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  if (!_gredis_reply_is_text (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  return done (reply, _gredis_reply_dup_text (reply));
}

GBytes *
_gredis_reply_to_bytes (GredisReply  *reply,
                        gboolean      nullable,
                        GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  if (!_gredis_reply_is_text (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  return done (reply, gredis_reply_get_bytes (reply));
}

char **
_gredis_reply_to_strv (GredisReply  *reply,
                       gboolean      nullable,
                       GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  return done (reply, gredis_reply_to_strv (reply, error));
}

GPtrArray *
_gredis_reply_to_bytes_array (GredisReply  *reply,
                              gboolean      nullable,
                              GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  return done (reply, gredis_reply_to_bytes_array (reply, error));
}

/* An array of strings and nils (MGET), as text. */
GPtrArray *
_gredis_reply_to_str_array (GredisReply  *reply,
                            gboolean      nullable,
                            GError      **error)
{
  GPtrArray *values;

  if (!check (reply, nullable, error))
    return NULL;
  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  values = g_ptr_array_new_full (gredis_reply_get_n_elements (reply), g_free);
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *element = gredis_reply_get_element (reply, i);

      if (_gredis_reply_is_text (element))
        g_ptr_array_add (values, _gredis_reply_dup_text (element));
      else if (gredis_reply_is_nil (element))
        g_ptr_array_add (values, NULL);
      else
        {
          _gredis_reply_unexpected (element, error);
          g_clear_pointer (&values, g_ptr_array_unref);
          break;
        }
    }
  return done (reply, values);
}

GHashTable *
_gredis_reply_to_hash (GredisReply  *reply,
                       gboolean      nullable,
                       GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  return done (reply, gredis_reply_to_hash_table (reply, error));
}

static gboolean
add_bytes_pair (const GredisReply *field,
                const GredisReply *value,
                gpointer           data)
{
  if (!_gredis_reply_is_text (field) || !_gredis_reply_is_text (value))
    return FALSE;
  g_ptr_array_add (data, gredis_reply_get_bytes (field));
  g_ptr_array_add (data, gredis_reply_get_bytes (value));
  return TRUE;
}

GPtrArray *
_gredis_reply_to_bytes_pairs (GredisReply  *reply,
                              gboolean      nullable,
                              GError      **error)
{
  GPtrArray *values;

  if (!check (reply, nullable, error))
    return NULL;
  values = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  if (!_gredis_reply_foreach_pair (reply, add_bytes_pair, values, error))
    g_clear_pointer (&values, g_ptr_array_unref);
  return done (reply, values);
}

GPtrArray *
_gredis_reply_to_scored (GredisReply  *reply,
                         gboolean      nullable,
                         GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  return done (reply, gredis_reply_to_scored_members (reply, error));
}

GPtrArray *
_gredis_reply_to_entries (GredisReply  *reply,
                          gboolean      nullable,
                          GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  return done (reply, _gredis_reply_stream_entries (reply, FALSE, error));
}

GPtrArray *
_gredis_reply_to_stream_entries (GredisReply  *reply,
                                 gboolean      nullable,
                                 GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  return done (reply, _gredis_reply_stream_entries (reply, TRUE, error));
}

GArray *
_gredis_reply_to_ints (GredisReply  *reply,
                       gboolean      nullable,
                       GError      **error)
{
  GArray *values;

  if (!check (reply, nullable, error))
    return NULL;
  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  values = g_array_sized_new (FALSE, FALSE, sizeof (gint64), gredis_reply_get_n_elements (reply));
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *element = gredis_reply_get_element (reply, i);
      gint64 value;

      if (gredis_reply_get_kind (element) == GREDIS_REPLY_INTEGER)
        value = gredis_reply_get_integer (element);
      else if (gredis_reply_get_kind (element) == GREDIS_REPLY_BOOLEAN)
        value = gredis_reply_get_boolean (element);
      else
        {
          _gredis_reply_unexpected (element, error);
          g_clear_pointer (&values, g_array_unref);
          break;
        }
      g_array_append_val (values, value);
    }
  return done (reply, values);
}

/* Numbers, NaN for nil; with @pairs, each element is a pair of numbers
 * or nil (GEOPOS). */
static GArray *
to_doubles (GredisReply  *reply,
            gboolean      pairs,
            GError      **error)
{
  GArray *values;
  const double nan = NAN;

  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  values = g_array_new (FALSE, FALSE, sizeof (double));
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *element = gredis_reply_get_element (reply, i);
      double value[2];
      guint n = pairs ? 2 : 1;
      gboolean ok = TRUE;

      if (gredis_reply_is_nil (element))
        value[0] = value[1] = nan;
      else if (!pairs)
        ok = _gredis_reply_parse_double (element, &value[0]);
      else
        ok = _gredis_reply_is_list (element) && gredis_reply_get_n_elements (element) == 2 &&
             _gredis_reply_parse_double (gredis_reply_get_element (element, 0), &value[0]) &&
             _gredis_reply_parse_double (gredis_reply_get_element (element, 1), &value[1]);
      if (!ok)
        {
          _gredis_reply_unexpected (element, error);
          g_clear_pointer (&values, g_array_unref);
          break;
        }
      g_array_append_vals (values, value, n);
    }
  return done (reply, values);
}

GArray *
_gredis_reply_to_doubles (GredisReply  *reply,
                          gboolean      nullable,
                          GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  return to_doubles (reply, FALSE, error);
}

GArray *
_gredis_reply_to_positions (GredisReply  *reply,
                            GError      **error)
{
  if (!check (reply, FALSE, error))
    return NULL;
  return to_doubles (reply, TRUE, error);
}

GVariant *
_gredis_reply_to_dict (GredisReply  *reply,
                       gboolean      nullable,
                       GError      **error)
{
  if (!check (reply, nullable, error))
    return NULL;
  return done (reply, gredis_reply_to_dictionary (reply, error));
}

/* The elements of the list @list as dictionaries (aa{sv}), each a map
 * or a flat array by the protocol; %NULL on an element that is neither. */
static GVariant *
list_to_dicts (const GredisReply  *list,
               GError            **error)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; i < gredis_reply_get_n_elements (list); i++)
    {
      GVariant *dict = gredis_reply_to_dictionary (gredis_reply_get_element (list, i), error);

      if (dict == NULL)
        {
          g_variant_builder_clear (&builder);
          return NULL;
        }
      g_variant_builder_add_value (&builder, dict);
      g_variant_unref (dict);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

GVariant *
_gredis_reply_to_dicts (GredisReply  *reply,
                        GError      **error)
{
  if (!check (reply, FALSE, error))
    return NULL;
  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  return done (reply, list_to_dicts (reply, error));
}

typedef struct
{
  GVariantBuilder *builder;
  GError **error;
} Library;

/* One field of a library of FUNCTION LIST: its functions as dictionaries
 * (a map or a flat array each, by the protocol), the rest as they are. */
static gboolean
add_library_field (const GredisReply *key,
                   const GredisReply *value,
                   gpointer           data)
{
  Library *library = data;
  g_autofree char *name = NULL;
  GVariant *variant;

  if (!_gredis_reply_is_text (key))
    {
      _gredis_reply_unexpected (key, library->error);
      return FALSE;
    }
  name = _gredis_reply_dup_text (key);
  if (strcmp (name, "functions") == 0 && _gredis_reply_is_list (value))
    {
      variant = list_to_dicts (value, library->error);
      if (variant == NULL)
        return FALSE;
    }
  else
    variant = gredis_reply_to_variant (value);
  g_variant_builder_add (library->builder, "{sv}", name, variant);
  g_variant_unref (variant);
  return TRUE;
}

GVariant *
_gredis_reply_to_libraries (GredisReply  *reply,
                            GError      **error)
{
  GVariantBuilder builder;

  if (!check (reply, FALSE, error))
    return NULL;
  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GVariantBuilder fields;
      Library library = { &fields, error };

      g_variant_builder_init (&fields, G_VARIANT_TYPE_VARDICT);
      if (!_gredis_reply_foreach_pair (gredis_reply_get_element (reply, i), add_library_field,
                                       &library, error))
        {
          g_variant_builder_clear (&fields);
          g_variant_builder_clear (&builder);
          return done (reply, NULL);
        }
      g_variant_builder_add_value (&builder, g_variant_builder_end (&fields));
    }
  return done (reply, g_variant_ref_sink (g_variant_builder_end (&builder)));
}

/* An integer, or a string holding one (XPENDING's counts of consumers
 * are strings). */
static gboolean
parse_int (const GredisReply *reply,
           gint64            *value)
{
  g_autofree char *text = NULL;

  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_INTEGER)
    {
      *value = gredis_reply_get_integer (reply);
      return TRUE;
    }
  if (!_gredis_reply_is_text (reply))
    return FALSE;
  text = _gredis_reply_dup_text (reply);
  return g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, value, NULL);
}

/* XPENDING key group: [count, smallest id, greatest id, [[consumer,
 * count], ...]], the ids and the list nil when nothing is pending. */
GVariant *
_gredis_reply_to_pending (GredisReply  *reply,
                          GError      **error)
{
  GVariantBuilder builder, consumers;
  GredisReply *list;
  gint64 count;

  if (!check (reply, FALSE, error))
    return NULL;
  if (!_gredis_reply_is_list (reply) || gredis_reply_get_n_elements (reply) != 4 ||
      !parse_int (gredis_reply_get_element (reply, 0), &count))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  g_variant_builder_init (&consumers, G_VARIANT_TYPE ("a{sx}"));
  list = gredis_reply_get_element (reply, 3);
  if (!gredis_reply_is_nil (list))
    {
      if (!_gredis_reply_is_list (list))
        goto unexpected;
      for (gsize i = 0; i < gredis_reply_get_n_elements (list); i++)
        {
          GredisReply *pair = gredis_reply_get_element (list, i);
          g_autofree char *name = NULL;
          gint64 n;

          if (!_gredis_reply_is_list (pair) || gredis_reply_get_n_elements (pair) != 2 ||
              !_gredis_reply_is_text (gredis_reply_get_element (pair, 0)) ||
              !parse_int (gredis_reply_get_element (pair, 1), &n))
            goto unexpected;
          name = _gredis_reply_dup_text (gredis_reply_get_element (pair, 0));
          if (!g_utf8_validate (name, -1, NULL))
            goto unexpected;
          g_variant_builder_add (&consumers, "{sx}", name, n);
        }
    }

  g_variant_builder_init (&builder, G_VARIANT_TYPE_VARDICT);
  g_variant_builder_add (&builder, "{sv}", "pending", g_variant_new_int64 (count));
  for (guint i = 1; i <= 2; i++)
    {
      GredisReply *id = gredis_reply_get_element (reply, i);
      g_autofree char *text = NULL;

      if (gredis_reply_is_nil (id))
        continue;
      if (!_gredis_reply_is_text (id))
        {
          g_variant_builder_clear (&builder);
          goto unexpected;
        }
      text = _gredis_reply_dup_text (id);
      if (!g_utf8_validate (text, -1, NULL))
        {
          g_variant_builder_clear (&builder);
          goto unexpected;
        }
      g_variant_builder_add (&builder, "{sv}", i == 1 ? "min" : "max", g_variant_new_string (text));
    }
  g_variant_builder_add (&builder, "{sv}", "consumers", g_variant_builder_end (&consumers));
  return done (reply, g_variant_ref_sink (g_variant_builder_end (&builder)));

unexpected:
  g_variant_builder_clear (&consumers);
  _gredis_reply_unexpected (reply, error);
  return done (reply, NULL);
}

/* XPENDING key group [IDLE t] start end count [consumer]: [[id, consumer,
 * idle ms, deliveries], ...]. */
GVariant *
_gredis_reply_to_pending_entries (GredisReply  *reply,
                                  GError      **error)
{
  GVariantBuilder builder;

  if (!check (reply, FALSE, error))
    return NULL;
  if (!_gredis_reply_is_list (reply))
    {
      _gredis_reply_unexpected (reply, error);
      return done (reply, NULL);
    }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aa{sv}"));
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *e = gredis_reply_get_element (reply, i);
      g_autofree char *id = NULL;
      g_autofree char *consumer = NULL;
      gint64 idle, deliveries;
      GVariantBuilder entry;

      if (!_gredis_reply_is_list (e) || gredis_reply_get_n_elements (e) != 4 ||
          !_gredis_reply_is_text (gredis_reply_get_element (e, 0)) ||
          !_gredis_reply_is_text (gredis_reply_get_element (e, 1)) ||
          !parse_int (gredis_reply_get_element (e, 2), &idle) ||
          !parse_int (gredis_reply_get_element (e, 3), &deliveries))
        goto unexpected;
      id = _gredis_reply_dup_text (gredis_reply_get_element (e, 0));
      consumer = _gredis_reply_dup_text (gredis_reply_get_element (e, 1));
      if (!g_utf8_validate (id, -1, NULL) || !g_utf8_validate (consumer, -1, NULL))
        goto unexpected;
      g_variant_builder_init (&entry, G_VARIANT_TYPE_VARDICT);
      g_variant_builder_add (&entry, "{sv}", "id", g_variant_new_string (id));
      g_variant_builder_add (&entry, "{sv}", "consumer", g_variant_new_string (consumer));
      g_variant_builder_add (&entry, "{sv}", "idle", g_variant_new_int64 (idle));
      g_variant_builder_add (&entry, "{sv}", "deliveries", g_variant_new_int64 (deliveries));
      g_variant_builder_add_value (&builder, g_variant_builder_end (&entry));
    }
  return done (reply, g_variant_ref_sink (g_variant_builder_end (&builder)));

unexpected:
  g_variant_builder_clear (&builder);
  _gredis_reply_unexpected (reply, error);
  return done (reply, NULL);
}

GredisReply *
_gredis_reply_take (GredisReply  *reply,
                    gboolean      nullable,
                    GError      **error)
{
  return reply;
}

/* [text, list]: the text through @text, the list. */
static GredisReply *
split_pair (GredisReply  *reply,
            char        **text,
            GError      **error)
{
  GredisReply *head, *list;

  if (text != NULL)
    *text = NULL;
  if (!_gredis_reply_is_list (reply) || gredis_reply_get_n_elements (reply) < 2 ||
      !_gredis_reply_is_text (head = gredis_reply_get_element (reply, 0)) ||
      !_gredis_reply_is_list (list = gredis_reply_get_element (reply, 1)))
    {
      _gredis_reply_unexpected (reply, error);
      return NULL;
    }
  if (text != NULL)
    *text = _gredis_reply_dup_text (head);
  return list;
}

char **
_gredis_reply_to_scan (GredisReply  *reply,
                       char        **cursor,
                       GError      **error)
{
  GredisReply *list;
  char **value = NULL;

  if (!check (reply, FALSE, error))
    return NULL;
  list = split_pair (reply, cursor, error);
  if (list != NULL)
    value = gredis_reply_to_strv (list, error);
  if (value == NULL && cursor != NULL)
    g_clear_pointer (cursor, g_free);
  return done (reply, value);
}

GPtrArray *
_gredis_reply_to_scan_bytes (GredisReply  *reply,
                             char        **cursor,
                             GError      **error)
{
  GredisReply *list;
  GPtrArray *value = NULL;

  if (!check (reply, FALSE, error))
    return NULL;
  list = split_pair (reply, cursor, error);
  if (list != NULL)
    value = gredis_reply_to_bytes_array (list, error);
  if (value == NULL && cursor != NULL)
    g_clear_pointer (cursor, g_free);
  return done (reply, value);
}

/* BLPOP's [key, element] is made the same as LMPOP's [key, [element]]. */
static GredisReply *
keyed_list (GredisReply  *reply,
            char        **key,
            gboolean     *flat,
            GError      **error)
{
  *flat = _gredis_reply_is_list (reply) && gredis_reply_get_n_elements (reply) == 2 &&
          _gredis_reply_is_text (gredis_reply_get_element (reply, 0)) &&
          _gredis_reply_is_text (gredis_reply_get_element (reply, 1));
  if (!*flat)
    return split_pair (reply, key, error);
  if (key != NULL)
    *key = _gredis_reply_dup_text (gredis_reply_get_element (reply, 0));
  return reply;
}

char **
_gredis_reply_to_keyed (GredisReply  *reply,
                        char        **key,
                        GError      **error)
{
  GredisReply *list;
  gboolean flat;
  char **value = NULL;

  if (key != NULL)
    *key = NULL;
  if (!check (reply, TRUE, error))
    return NULL;
  list = keyed_list (reply, key, &flat, error);
  if (list != NULL && flat)
    {
      value = g_new0 (char *, 2);
      value[0] = _gredis_reply_dup_text (gredis_reply_get_element (reply, 1));
    }
  else if (list != NULL)
    value = gredis_reply_to_strv (list, error);
  if (value == NULL && key != NULL)
    g_clear_pointer (key, g_free);
  return done (reply, value);
}

GPtrArray *
_gredis_reply_to_keyed_bytes (GredisReply  *reply,
                              char        **key,
                              GError      **error)
{
  GredisReply *list;
  gboolean flat;
  GPtrArray *value = NULL;

  if (key != NULL)
    *key = NULL;
  if (!check (reply, TRUE, error))
    return NULL;
  list = keyed_list (reply, key, &flat, error);
  if (list != NULL && flat)
    {
      value = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
      g_ptr_array_add (value, gredis_reply_get_bytes (gredis_reply_get_element (reply, 1)));
    }
  else if (list != NULL)
    value = gredis_reply_to_bytes_array (list, error);
  if (value == NULL && key != NULL)
    g_clear_pointer (key, g_free);
  return done (reply, value);
}

GPtrArray *
_gredis_reply_to_keyed_scored (GredisReply  *reply,
                               char        **key,
                               GError      **error)
{
  GPtrArray *value = NULL;

  if (key != NULL)
    *key = NULL;
  if (!check (reply, TRUE, error))
    return NULL;
  if (_gredis_reply_is_list (reply) && gredis_reply_get_n_elements (reply) == 3 &&
      _gredis_reply_is_text (gredis_reply_get_element (reply, 0)))
    {
      /* BZPOPMIN: [key, member, score]. */
      double score;

      if (_gredis_reply_is_text (gredis_reply_get_element (reply, 1)) &&
          _gredis_reply_parse_double (gredis_reply_get_element (reply, 2), &score))
        {
          GBytes *member = gredis_reply_get_bytes (gredis_reply_get_element (reply, 1));

          value = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_scored_member_unref);
          g_ptr_array_add (value, _gredis_scored_member_new_take (member, score));
          if (key != NULL)
            *key = _gredis_reply_dup_text (gredis_reply_get_element (reply, 0));
        }
      else
        _gredis_reply_unexpected (reply, error);
    }
  else
    {
      GredisReply *list = split_pair (reply, key, error);

      if (list != NULL)
        value = gredis_reply_to_scored_members (list, error);
      if (value == NULL && key != NULL)
        g_clear_pointer (key, g_free);
    }
  return done (reply, value);
}

GPtrArray *
_gredis_reply_to_autoclaim (GredisReply  *reply,
                            char        **cursor,
                            GError      **error)
{
  GredisReply *list;
  GPtrArray *value = NULL;

  if (!check (reply, FALSE, error))
    return NULL;
  list = split_pair (reply, cursor, error);
  if (list != NULL)
    value = _gredis_reply_stream_entries (list, FALSE, error);
  if (value == NULL && cursor != NULL)
    g_clear_pointer (cursor, g_free);
  return done (reply, value);
}
