/* gredis-client-commands.c: what the typed helpers share: building argvs, converting replies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Each typed helper (gredis-client-strings.c, -keys.c, -hashes.c,
 * -lists.c, -sets.c, -sorted-sets.c) comes in three forms, like the rest
 * of the client: `_async` and `_finish`, and a blocking form safe from any
 * thread. They build an argv, send it as gredis_client_command_argv_async()
 * would, and convert the reply to a C type. Server error replies become
 * errors. The helpers that take or return values also have a binary-safe
 * `_bytes` form, with values as GBytes, built by the same argv helpers: an
 * argv keeps the lengths of its arguments only once one is binary. */

/* Building an argv */


void
_gredis_cmd_init (Cmd        *c,
                  const char *name)
{
  c->argv = g_ptr_array_sized_new (8);
  c->lengths = NULL;
  c->owned = NULL;
  g_ptr_array_add (c->argv, (gpointer) name);
}

void
_gredis_cmd_init_key (Cmd        *c,
                      const char *name,
                      const char *key)
{
  _gredis_cmd_init (c, name);
  _gredis_cmd_add (c, key);
}

void
_gredis_cmd_add (Cmd        *c,
                 const char *arg)
{
  _gredis_cmd_add_len (c, arg, -1);
}

void
_gredis_cmd_add_len (Cmd         *c,
                     const char  *arg,
                     gssize       length)
{
  gsize n;

  if (length >= 0 && c->lengths == NULL)
    {
      /* The first binary argument: the ones before it get their lengths. */
      c->lengths = g_array_sized_new (FALSE, FALSE, sizeof (gsize), c->argv->len + 4);
      for (guint i = 0; i < c->argv->len; i++)
        {
          n = strlen (g_ptr_array_index (c->argv, i));
          g_array_append_val (c->lengths, n);
        }
    }
  g_ptr_array_add (c->argv, (gpointer) arg);
  if (c->lengths != NULL)
    {
      n = length >= 0 ? (gsize) length : strlen (arg);
      g_array_append_val (c->lengths, n);
    }
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

void
_gredis_cmd_add_owned (Cmd  *c,
                       char *arg)
{
  if (c->owned == NULL)
    c->owned = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (c->owned, arg);
  _gredis_cmd_add (c, arg);
}

void
_gredis_cmd_add_int (Cmd    *c,
                     gint64  value)
{
  _gredis_cmd_add_owned (c, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

void
_gredis_cmd_add_uint (Cmd     *c,
                      guint64  value)
{
  _gredis_cmd_add_owned (c, g_strdup_printf ("%" G_GUINT64_FORMAT, value));
}

void
_gredis_cmd_add_double (Cmd    *c,
                        double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isinf (value))
    _gredis_cmd_add (c, value > 0 ? "+inf" : "-inf");
  else
    _gredis_cmd_add_owned (c, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)));
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
  g_ptr_array_unref (c->argv);
  g_clear_pointer (&c->lengths, g_array_unref);
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
  _gredis_client_send_async (client, c->argv->len, (const char * const *) c->argv->pdata,
                             c->lengths != NULL ? (const gsize *) c->lengths->data : NULL,
                             NULL, source_tag, cancellable, callback, user_data);
  _gredis_cmd_clear (c);
}

GredisReply *
_gredis_cmd_send_sync (GredisClient  *client,
                       Cmd           *c,
                       GCancellable  *cancellable,
                       GError       **error)
{
  GredisReply *reply = _gredis_client_send_sync (client, c->argv->len,
                                                 (const char * const *) c->argv->pdata,
                                                 c->lengths != NULL ? (const gsize *) c->lengths->data : NULL,
                                                 NULL, cancellable, error);
  _gredis_cmd_clear (c);
  return reply;
}

/* The argv shapes most typed helpers share, built and sent in one call
 * by the `_async` and the blocking form alike. */

/* NAME KEY [ARG], on the stack: @arg may be %NULL. A binary @value (not
 * %NULL) takes the place of @arg; the argv's lengths are then given. */
typedef struct
{
  const char *argv[3];
  gsize lengths[3];
  guint argc;
  gboolean binary;
} KeyArgv;

static void
key_argv_init (KeyArgv    *k,
               const char *name,
               const char *key,
               const char *arg,
               GBytes     *value)
{
  k->argv[0] = name;
  k->argv[1] = key;
  k->argv[2] = arg;
  k->argc = arg != NULL || value != NULL ? 3 : 2;
  k->binary = value != NULL;
  if (k->binary)
    {
      k->argv[2] = g_bytes_get_data (value, &k->lengths[2]);
      if (k->argv[2] == NULL)
        k->argv[2] = "";
      k->lengths[0] = strlen (name);
      k->lengths[1] = strlen (key);
    }
}

static void
send_key_async (GredisClient        *client,
                const char          *name,
                const char          *key,
                const char          *arg,
                GBytes              *value,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  KeyArgv k;

  key_argv_init (&k, name, key, arg, value);
  _gredis_client_send_async (client, k.argc, k.argv, k.binary ? k.lengths : NULL, NULL,
                             source_tag, cancellable, callback, user_data);
}

static GredisReply *
send_key_sync (GredisClient  *client,
               const char    *name,
               const char    *key,
               const char    *arg,
               GBytes        *value,
               GCancellable  *cancellable,
               GError       **error)
{
  KeyArgv k;

  key_argv_init (&k, name, key, arg, value);
  return _gredis_client_send_sync (client, k.argc, k.argv, k.binary ? k.lengths : NULL, NULL,
                                   cancellable, error);
}

void
_gredis_cmd_send_key_async (GredisClient        *client,
                            const char          *name,
                            const char          *key,
                            const char          *arg,
                            gpointer             source_tag,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  send_key_async (client, name, key, arg, NULL, source_tag, cancellable, callback, user_data);
}

GredisReply *
_gredis_cmd_send_key_sync (GredisClient  *client,
                           const char    *name,
                           const char    *key,
                           const char    *arg,
                           GCancellable  *cancellable,
                           GError       **error)
{
  return send_key_sync (client, name, key, arg, NULL, cancellable, error);
}

/* NAME KEY VALUE, with a binary value. */
void
_gredis_cmd_send_key_bytes_async (GredisClient        *client,
                                  const char          *name,
                                  const char          *key,
                                  GBytes              *value,
                                  gpointer             source_tag,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  send_key_async (client, name, key, NULL, value, source_tag, cancellable, callback, user_data);
}

GredisReply *
_gredis_cmd_send_key_bytes_sync (GredisClient  *client,
                                 const char    *name,
                                 const char    *key,
                                 GBytes        *value,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  return send_key_sync (client, name, key, NULL, value, cancellable, error);
}

/* NAME [KEY] followed by the arguments the caller adds: @key may be %NULL. */
static void
init_list (Cmd        *c,
           const char *name,
           const char *key)
{
  _gredis_cmd_init (c, name);
  if (key != NULL)
    _gredis_cmd_add (c, key);
}

/* NAME [KEY] STRV… */
static void
init_strv (Cmd                *c,
           const char         *name,
           const char         *key,
           const char * const *strv)
{
  init_list (c, name, key);
  _gredis_cmd_add_strv (c, strv);
}

void
_gredis_cmd_send_strv_async (GredisClient        *client,
                             const char          *name,
                             const char          *key,
                             const char * const  *strv,
                             gpointer             source_tag,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Cmd c;

  init_strv (&c, name, key, strv);
  _gredis_cmd_send_async (client, &c, source_tag, cancellable, callback, user_data);
}

GredisReply *
_gredis_cmd_send_strv_sync (GredisClient        *client,
                            const char          *name,
                            const char          *key,
                            const char * const  *strv,
                            GCancellable        *cancellable,
                            GError             **error)
{
  Cmd c;

  init_strv (&c, name, key, strv);
  return _gredis_cmd_send_sync (client, &c, cancellable, error);
}

/* NAME [KEY] VALUE…, with binary values. */
void
_gredis_cmd_send_bytesv_async (GredisClient        *client,
                               const char          *name,
                               const char          *key,
                               GBytes * const      *values,
                               guint                n_values,
                               gpointer             source_tag,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Cmd c;

  init_list (&c, name, key);
  _gredis_cmd_add_bytesv (&c, values, n_values);
  _gredis_cmd_send_async (client, &c, source_tag, cancellable, callback, user_data);
}

GredisReply *
_gredis_cmd_send_bytesv_sync (GredisClient    *client,
                              const char      *name,
                              const char      *key,
                              GBytes * const  *values,
                              guint            n_values,
                              GCancellable    *cancellable,
                              GError         **error)
{
  Cmd c;

  init_list (&c, name, key);
  _gredis_cmd_add_bytesv (&c, values, n_values);
  return _gredis_cmd_send_sync (client, &c, cancellable, error);
}

/* NAME [KEY] NAME VALUE…: names (keys or fields) as text, binary values. */
static void
init_pairs (Cmd                *c,
            const char         *name,
            const char         *key,
            const char * const *names,
            GBytes * const     *values,
            guint               n_values)
{
  init_list (c, name, key);
  for (guint i = 0; i < n_values; i++)
    {
      _gredis_cmd_add (c, names[i]);
      _gredis_cmd_add_bytes (c, values[i]);
    }
}

void
_gredis_cmd_send_pairs_async (GredisClient        *client,
                              const char          *name,
                              const char          *key,
                              const char * const  *names,
                              GBytes * const      *values,
                              guint                n_values,
                              gpointer             source_tag,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Cmd c;

  init_pairs (&c, name, key, names, values, n_values);
  _gredis_cmd_send_async (client, &c, source_tag, cancellable, callback, user_data);
}

GredisReply *
_gredis_cmd_send_pairs_sync (GredisClient        *client,
                             const char          *name,
                             const char          *key,
                             const char * const  *names,
                             GBytes * const      *values,
                             guint                n_values,
                             GCancellable        *cancellable,
                             GError             **error)
{
  Cmd c;

  init_pairs (&c, name, key, names, values, n_values);
  return _gredis_cmd_send_sync (client, &c, cancellable, error);
}

/* Converting replies; each takes the reply (which may be NULL after an
 * error) and frees it. */

static void
unexpected (GredisReply  *reply,
            GError      **error)
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

static gboolean
is_text (GredisReply *reply)
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

static char *
dup_text (GredisReply *reply)
{
  gsize length = 0;
  const char *s = gredis_reply_get_string (reply, &length);

  return g_strndup (s, length);
}

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
    unexpected (reply, error);
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
    unexpected (reply, error);
  gredis_reply_unref (reply);
  return value;
}

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
    unexpected (reply, error);
  gredis_reply_unref (reply);
  return value;
}

/* A string or nil: its text, or NULL with no error for nil. */
static gpointer
to_value (GredisReply  *reply,
          gpointer    (*convert) (GredisReply *element),
          GError      **error)
{
  gpointer value = NULL;

  if (reply == NULL)
    return NULL;
  if (is_text (reply))
    value = convert (reply);
  else if (!gredis_reply_is_nil (reply))
    unexpected (reply, error);
  gredis_reply_unref (reply);
  return value;
}

static gpointer
dup_text_or_null (GredisReply *reply)
{
  return is_text (reply) ? dup_text (reply) : NULL;
}

static gpointer
get_bytes_or_null (GredisReply *reply)
{
  return is_text (reply) ? gredis_reply_get_bytes (reply) : NULL;
}

char *
_gredis_reply_to_str (GredisReply  *reply,
                      GError      **error)
{
  return to_value (reply, dup_text_or_null, error);
}

GBytes *
_gredis_reply_to_bytes (GredisReply  *reply,
                        GError      **error)
{
  return to_value (reply, get_bytes_or_null, error);
}

static gboolean
parse_double (GredisReply *reply,
              double      *out)
{
  g_autofree char *text = NULL;
  char *end = NULL;

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
      text = dup_text (reply);
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

double
_gredis_reply_to_double (GredisReply  *reply,
                         GError      **error)
{
  double value = 0.0;

  if (reply == NULL)
    return 0.0;
  if (!parse_double (reply, &value))
    {
      value = 0.0;
      unexpected (reply, error);
    }
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

  if (reply == NULL)
    return FALSE;
  if (gredis_reply_is_nil (reply))
    found = FALSE;
  else if (parse_double (reply, &value))
    found = TRUE;
  else
    unexpected (reply, error);
  if (score != NULL)
    *score = found ? value : 0.0;
  gredis_reply_unref (reply);
  return found;
}

static gboolean
is_list (GredisReply *reply)
{
  GredisReplyKind kind = gredis_reply_get_kind (reply);

  return kind == GREDIS_REPLY_ARRAY || kind == GREDIS_REPLY_SET;
}

char **
_gredis_reply_to_strv (GredisReply  *reply,
                       GError      **error)
{
  GStrvBuilder *builder;
  char **value;

  if (reply == NULL)
    return NULL;
  if (!is_list (reply))
    {
      unexpected (reply, error);
      gredis_reply_unref (reply);
      return NULL;
    }
  builder = g_strv_builder_new ();
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *element = gredis_reply_get_element (reply, i);

      g_autofree char *text = NULL;

      if (is_text (element))
        text = dup_text (element);
      else if (gredis_reply_get_kind (element) == GREDIS_REPLY_INTEGER)
        text = g_strdup_printf ("%" G_GINT64_FORMAT, gredis_reply_get_integer (element));
      g_strv_builder_add (builder, text != NULL ? text : "");
    }
  value = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  gredis_reply_unref (reply);
  return value;
}

/* An array (or set, or with @map a map) of strings: each converted, NULL
 * for the others (nil). */
static GPtrArray *
to_array (GredisReply     *reply,
          gboolean         map,
          gpointer       (*convert) (GredisReply *element),
          GDestroyNotify   free_element,
          GError         **error)
{
  GPtrArray *value;

  if (reply == NULL)
    return NULL;
  if (!is_list (reply) && !(map && gredis_reply_get_kind (reply) == GREDIS_REPLY_MAP))
    {
      unexpected (reply, error);
      gredis_reply_unref (reply);
      return NULL;
    }
  value = g_ptr_array_new_full (gredis_reply_get_n_elements (reply), free_element);
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    g_ptr_array_add (value, convert (gredis_reply_get_element (reply, i)));
  gredis_reply_unref (reply);
  return value;
}

GPtrArray *
_gredis_reply_to_str_array (GredisReply  *reply,
                            GError      **error)
{
  return to_array (reply, FALSE, dup_text_or_null, g_free, error);
}

GPtrArray *
_gredis_reply_to_bytes_array (GredisReply  *reply,
                              GError      **error)
{
  return to_array (reply, FALSE, get_bytes_or_null, (GDestroyNotify) g_bytes_unref, error);
}

/* Fields and their values as text; pairs that are not both strings are
 * left out. */
GHashTable *
_gredis_reply_to_hash (GredisReply  *reply,
                       GError      **error)
{
  GHashTable *value;
  gsize n;

  if (reply == NULL)
    return NULL;
  /* A map in RESP3, a flat array of fields and values in RESP2. */
  if (gredis_reply_get_kind (reply) != GREDIS_REPLY_MAP && !is_list (reply))
    {
      unexpected (reply, error);
      gredis_reply_unref (reply);
      return NULL;
    }
  value = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  n = gredis_reply_get_n_elements (reply);
  for (gsize i = 0; i + 1 < n; i += 2)
    {
      GredisReply *field = gredis_reply_get_element (reply, i);
      GredisReply *v = gredis_reply_get_element (reply, i + 1);

      if (is_text (field) && is_text (v))
        g_hash_table_replace (value, dup_text (field), dup_text (v));
    }
  gredis_reply_unref (reply);
  return value;
}

/* A map in RESP3, a flat array of fields and values in RESP2: both as
 * the flat array. */
GPtrArray *
_gredis_reply_to_bytes_pairs (GredisReply  *reply,
                              GError      **error)
{
  return to_array (reply, TRUE, get_bytes_or_null, (GDestroyNotify) g_bytes_unref, error);
}
