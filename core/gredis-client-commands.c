/* gredis-client-commands.c: typed helpers for everyday commands
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

/* Each helper comes in three forms, like the rest of the client: `_async`
 * and `_finish`, and a blocking form safe from any thread. They build an
 * argv, send it as gredis_client_command_argv_async() would, and convert
 * the reply to a C type. Server error replies become errors. */

/* Building an argv */

typedef struct
{
  GPtrArray *argv;
  GPtrArray *owned;
} Cmd;

static void
cmd_init (Cmd        *c,
          const char *name)
{
  c->argv = g_ptr_array_sized_new (8);
  c->owned = NULL;
  g_ptr_array_add (c->argv, (gpointer) name);
}

static void
cmd_add (Cmd        *c,
         const char *arg)
{
  g_ptr_array_add (c->argv, (gpointer) arg);
}

static void
cmd_add_owned (Cmd  *c,
               char *arg)
{
  if (c->owned == NULL)
    c->owned = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (c->owned, arg);
  cmd_add (c, arg);
}

static void
cmd_add_int (Cmd    *c,
             gint64  value)
{
  cmd_add_owned (c, g_strdup_printf ("%" G_GINT64_FORMAT, value));
}

static void
cmd_add_uint (Cmd     *c,
              guint64  value)
{
  cmd_add_owned (c, g_strdup_printf ("%" G_GUINT64_FORMAT, value));
}

static void
cmd_add_double (Cmd    *c,
                double  value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  if (isinf (value))
    cmd_add (c, value > 0 ? "+inf" : "-inf");
  else
    cmd_add_owned (c, g_strdup (g_ascii_dtostr (buffer, sizeof buffer, value)));
}

static void
cmd_add_strv (Cmd                *c,
              const char * const *strv)
{
  for (guint i = 0; strv[i] != NULL; i++)
    cmd_add (c, strv[i]);
}

static void
cmd_clear (Cmd *c)
{
  g_ptr_array_unref (c->argv);
  g_clear_pointer (&c->owned, g_ptr_array_unref);
}

static void
add_expire_flags (Cmd               *c,
                  GredisExpireFlags  flags)
{
  if (flags & GREDIS_EXPIRE_NX)
    cmd_add (c, "NX");
  if (flags & GREDIS_EXPIRE_XX)
    cmd_add (c, "XX");
  if (flags & GREDIS_EXPIRE_GT)
    cmd_add (c, "GT");
  if (flags & GREDIS_EXPIRE_LT)
    cmd_add (c, "LT");
}

static void
add_zadd_flags (Cmd             *c,
                GredisZaddFlags  flags)
{
  if (flags & GREDIS_ZADD_NX)
    cmd_add (c, "NX");
  if (flags & GREDIS_ZADD_XX)
    cmd_add (c, "XX");
  if (flags & GREDIS_ZADD_GT)
    cmd_add (c, "GT");
  if (flags & GREDIS_ZADD_LT)
    cmd_add (c, "LT");
  if (flags & GREDIS_ZADD_CH)
    cmd_add (c, "CH");
}

static void
add_zrange_flags (Cmd               *c,
                  GredisZrangeFlags  flags)
{
  if (flags & GREDIS_ZRANGE_BYSCORE)
    cmd_add (c, "BYSCORE");
  else if (flags & GREDIS_ZRANGE_BYLEX)
    cmd_add (c, "BYLEX");
  if (flags & GREDIS_ZRANGE_REV)
    cmd_add (c, "REV");
}

static void
cmd_send_async (GredisClient        *client,
                Cmd                 *c,
                gpointer             source_tag,
                GCancellable        *cancellable,
                GAsyncReadyCallback  callback,
                gpointer             user_data)
{
  _gredis_client_send_async (client, c->argv->len, (const char * const *) c->argv->pdata,
                             NULL, NULL, source_tag, cancellable, callback, user_data);
  cmd_clear (c);
}

static GredisReply *
cmd_send_sync (GredisClient  *client,
               Cmd           *c,
               GCancellable  *cancellable,
               GError       **error)
{
  GredisReply *reply = _gredis_client_send_sync (client, c->argv->len,
                                                 (const char * const *) c->argv->pdata,
                                                 NULL, NULL, cancellable, error);
  cmd_clear (c);
  return reply;
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

static gint64
to_int (GredisReply  *reply,
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

static gboolean
to_bool (GredisReply  *reply,
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

static gboolean
to_ok (GredisReply  *reply,
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

static char *
to_str (GredisReply  *reply,
        GError      **error)
{
  char *value = NULL;

  if (reply == NULL)
    return NULL;
  if (is_text (reply))
    value = dup_text (reply);
  else if (!gredis_reply_is_nil (reply))
    unexpected (reply, error);
  gredis_reply_unref (reply);
  return value;
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

static double
to_double (GredisReply  *reply,
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

static gboolean
to_score (GredisReply  *reply,
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

static char **
to_strv (GredisReply  *reply,
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

static GPtrArray *
to_str_array (GredisReply  *reply,
              GError      **error)
{
  GPtrArray *value;

  if (reply == NULL)
    return NULL;
  if (!is_list (reply))
    {
      unexpected (reply, error);
      gredis_reply_unref (reply);
      return NULL;
    }
  value = g_ptr_array_new_full (gredis_reply_get_n_elements (reply), g_free);
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *element = gredis_reply_get_element (reply, i);

      g_ptr_array_add (value, is_text (element) ? dup_text (element) : NULL);
    }
  gredis_reply_unref (reply);
  return value;
}

static GHashTable *
to_hash (GredisReply  *reply,
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

/* The helpers */

/**
 * gredis_client_get_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the value of @key (`GET`).
 * Finish with gredis_client_get_finish().
 */
void
gredis_client_get_async (GredisClient        *client,
                         const char          *key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "GET");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_get_async, cancellable, callback, user_data);
}

/**
 * gredis_client_get_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_get_async().
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with no error when
 *   the key does not exist
 */
char *
gredis_client_get_finish (GredisClient  *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_get_async, error);

  return to_str (reply, error);
}

/**
 * gredis_client_get:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the value of @key (`GET`). Blocks; safe from any thread.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with no error when
 *   the key does not exist
 */
char *
gredis_client_get (GredisClient  *client,
                   const char    *key,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  cmd_init (&c, "GET");
  cmd_add (&c, key);
  return to_str (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_set_async:
 * @client: a #GredisClient
 * @key: the key
 * @value: the value
 * @expire_ms: the time to live in milliseconds (`PX`), or 0 for none
 * @flags: conditions and options
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Sets @key to @value (`SET`), with an optional expiry and conditions.
 * Finish with gredis_client_set_finish().
 */
void
gredis_client_set_async (GredisClient        *client,
                         const char          *key,
                         const char          *value,
                         guint64              expire_ms,
                         GredisSetFlags       flags,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  cmd_init (&c, "SET");
  cmd_add (&c, key);
  cmd_add (&c, value);
  if (expire_ms > 0)
    {
      cmd_add (&c, "PX");
      cmd_add_uint (&c, expire_ms);
    }
  if (flags & GREDIS_SET_NX)
    cmd_add (&c, "NX");
  if (flags & GREDIS_SET_XX)
    cmd_add (&c, "XX");
  if (flags & GREDIS_SET_KEEPTTL)
    cmd_add (&c, "KEEPTTL");
  cmd_send_async (client, &c, gredis_client_set_async, cancellable, callback, user_data);
}

/**
 * gredis_client_set_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_set_async().
 *
 * Returns: %TRUE when the key was set, %FALSE with no error when a condition
 *   (`NX`, `XX`) was not met, %FALSE with an error on failure
 */
gboolean
gredis_client_set_finish (GredisClient  *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_set_async, error);

  return to_ok (reply, error);
}

/**
 * gredis_client_set:
 * @client: a #GredisClient
 * @key: the key
 * @value: the value
 * @expire_ms: the time to live in milliseconds (`PX`), or 0 for none
 * @flags: conditions and options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets @key to @value (`SET`), with an optional expiry and conditions. Blocks;
 *   safe from any thread.
 *
 * Returns: %TRUE when the key was set, %FALSE with no error when a condition
 *   (`NX`, `XX`) was not met, %FALSE with an error on failure
 */
gboolean
gredis_client_set (GredisClient    *client,
                   const char      *key,
                   const char      *value,
                   guint64          expire_ms,
                   GredisSetFlags   flags,
                   GCancellable    *cancellable,
                   GError         **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  cmd_init (&c, "SET");
  cmd_add (&c, key);
  cmd_add (&c, value);
  if (expire_ms > 0)
    {
      cmd_add (&c, "PX");
      cmd_add_uint (&c, expire_ms);
    }
  if (flags & GREDIS_SET_NX)
    cmd_add (&c, "NX");
  if (flags & GREDIS_SET_XX)
    cmd_add (&c, "XX");
  if (flags & GREDIS_SET_KEEPTTL)
    cmd_add (&c, "KEEPTTL");
  return to_ok (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_mget_async:
 * @client: a #GredisClient
 * @keys: (array zero-terminated=1): the keys
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the values of several keys (`MGET`).
 * Finish with gredis_client_mget_finish().
 */
void
gredis_client_mget_async (GredisClient        *client,
                          const char * const  *keys,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys != NULL);

  cmd_init (&c, "MGET");
  cmd_add_strv (&c, keys);
  cmd_send_async (client, &c, gredis_client_mget_async, cancellable, callback, user_data);
}

/**
 * gredis_client_mget_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_mget_async().
 *
 * Returns: (transfer full) (element-type utf8): the values, in the order of
 *   @keys, %NULL for keys that do not exist
 */
GPtrArray *
gredis_client_mget_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_mget_async, error);

  return to_str_array (reply, error);
}

/**
 * gredis_client_mget:
 * @client: a #GredisClient
 * @keys: (array zero-terminated=1): the keys
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the values of several keys (`MGET`). Blocks; safe from any thread.
 *
 * Returns: (transfer full) (element-type utf8): the values, in the order of
 *   @keys, %NULL for keys that do not exist
 */
GPtrArray *
gredis_client_mget (GredisClient        *client,
                    const char * const  *keys,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  cmd_init (&c, "MGET");
  cmd_add_strv (&c, keys);
  return to_str_array (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_mset_async:
 * @client: a #GredisClient
 * @keys_and_values: (array zero-terminated=1): keys and values, alternating
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Sets several keys at once (`MSET`).
 * Finish with gredis_client_mset_finish().
 */
void
gredis_client_mset_async (GredisClient        *client,
                          const char * const  *keys_and_values,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys_and_values != NULL);

  cmd_init (&c, "MSET");
  cmd_add_strv (&c, keys_and_values);
  cmd_send_async (client, &c, gredis_client_mset_async, cancellable, callback, user_data);
}

/**
 * gredis_client_mset_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_mset_async().
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
gredis_client_mset_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_mset_async, error);

  return to_ok (reply, error);
}

/**
 * gredis_client_mset:
 * @client: a #GredisClient
 * @keys_and_values: (array zero-terminated=1): keys and values, alternating
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets several keys at once (`MSET`). Blocks; safe from any thread.
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
gredis_client_mset (GredisClient        *client,
                    const char * const  *keys_and_values,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (keys_and_values != NULL, FALSE);

  cmd_init (&c, "MSET");
  cmd_add_strv (&c, keys_and_values);
  return to_ok (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_append_async:
 * @client: a #GredisClient
 * @key: the key
 * @value: the text to append
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Appends @value to the value of @key (`APPEND`).
 * Finish with gredis_client_append_finish().
 */
void
gredis_client_append_async (GredisClient        *client,
                            const char          *key,
                            const char          *value,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  cmd_init (&c, "APPEND");
  cmd_add (&c, key);
  cmd_add (&c, value);
  cmd_send_async (client, &c, gredis_client_append_async, cancellable, callback, user_data);
}

/**
 * gredis_client_append_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_append_async().
 *
 * Returns: the length of the value after the append
 */
gint64
gredis_client_append_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_append_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_append:
 * @client: a #GredisClient
 * @key: the key
 * @value: the text to append
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Appends @value to the value of @key (`APPEND`). Blocks; safe from any thread.
 *
 * Returns: the length of the value after the append
 */
gint64
gredis_client_append (GredisClient  *client,
                      const char    *key,
                      const char    *value,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (value != NULL, 0);

  cmd_init (&c, "APPEND");
  cmd_add (&c, key);
  cmd_add (&c, value);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_strlen_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the length of the value of @key (`STRLEN`).
 * Finish with gredis_client_strlen_finish().
 */
void
gredis_client_strlen_async (GredisClient        *client,
                            const char          *key,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "STRLEN");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_strlen_async, cancellable, callback, user_data);
}

/**
 * gredis_client_strlen_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_strlen_async().
 *
 * Returns: the length, 0 when the key does not exist
 */
gint64
gredis_client_strlen_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_strlen_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_strlen:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the length of the value of @key (`STRLEN`). Blocks; safe from any
 *   thread.
 *
 * Returns: the length, 0 when the key does not exist
 */
gint64
gredis_client_strlen (GredisClient  *client,
                      const char    *key,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "STRLEN");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_incr_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Adds one to the integer value of @key (`INCR`).
 * Finish with gredis_client_incr_finish().
 */
void
gredis_client_incr_async (GredisClient        *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "INCR");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_incr_async, cancellable, callback, user_data);
}

/**
 * gredis_client_incr_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_incr_async().
 *
 * Returns: the new value
 */
gint64
gredis_client_incr_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_incr_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_incr:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds one to the integer value of @key (`INCR`). Blocks; safe from any thread.
 *
 * Returns: the new value
 */
gint64
gredis_client_incr (GredisClient  *client,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "INCR");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_decr_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Subtracts one from the integer value of @key (`DECR`).
 * Finish with gredis_client_decr_finish().
 */
void
gredis_client_decr_async (GredisClient        *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "DECR");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_decr_async, cancellable, callback, user_data);
}

/**
 * gredis_client_decr_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_decr_async().
 *
 * Returns: the new value
 */
gint64
gredis_client_decr_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_decr_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_decr:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Subtracts one from the integer value of @key (`DECR`). Blocks; safe from any
 *   thread.
 *
 * Returns: the new value
 */
gint64
gredis_client_decr (GredisClient  *client,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "DECR");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_incrby_async:
 * @client: a #GredisClient
 * @key: the key
 * @increment: the amount to add
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Adds @increment to the integer value of @key (`INCRBY`).
 * Finish with gredis_client_incrby_finish().
 */
void
gredis_client_incrby_async (GredisClient        *client,
                            const char          *key,
                            gint64               increment,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "INCRBY");
  cmd_add (&c, key);
  cmd_add_int (&c, increment);
  cmd_send_async (client, &c, gredis_client_incrby_async, cancellable, callback, user_data);
}

/**
 * gredis_client_incrby_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_incrby_async().
 *
 * Returns: the new value
 */
gint64
gredis_client_incrby_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_incrby_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_incrby:
 * @client: a #GredisClient
 * @key: the key
 * @increment: the amount to add
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds @increment to the integer value of @key (`INCRBY`). Blocks; safe from
 *   any thread.
 *
 * Returns: the new value
 */
gint64
gredis_client_incrby (GredisClient  *client,
                      const char    *key,
                      gint64         increment,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "INCRBY");
  cmd_add (&c, key);
  cmd_add_int (&c, increment);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_decrby_async:
 * @client: a #GredisClient
 * @key: the key
 * @decrement: the amount to subtract
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Subtracts @decrement from the integer value of @key (`DECRBY`).
 * Finish with gredis_client_decrby_finish().
 */
void
gredis_client_decrby_async (GredisClient        *client,
                            const char          *key,
                            gint64               decrement,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "DECRBY");
  cmd_add (&c, key);
  cmd_add_int (&c, decrement);
  cmd_send_async (client, &c, gredis_client_decrby_async, cancellable, callback, user_data);
}

/**
 * gredis_client_decrby_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_decrby_async().
 *
 * Returns: the new value
 */
gint64
gredis_client_decrby_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_decrby_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_decrby:
 * @client: a #GredisClient
 * @key: the key
 * @decrement: the amount to subtract
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Subtracts @decrement from the integer value of @key (`DECRBY`). Blocks; safe
 *   from any thread.
 *
 * Returns: the new value
 */
gint64
gredis_client_decrby (GredisClient  *client,
                      const char    *key,
                      gint64         decrement,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "DECRBY");
  cmd_add (&c, key);
  cmd_add_int (&c, decrement);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_incrbyfloat_async:
 * @client: a #GredisClient
 * @key: the key
 * @increment: the amount to add
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Adds @increment to the floating-point value of @key (`INCRBYFLOAT`).
 * Finish with gredis_client_incrbyfloat_finish().
 */
void
gredis_client_incrbyfloat_async (GredisClient        *client,
                                 const char          *key,
                                 double               increment,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "INCRBYFLOAT");
  cmd_add (&c, key);
  cmd_add_double (&c, increment);
  cmd_send_async (client, &c, gredis_client_incrbyfloat_async, cancellable, callback, user_data);
}

/**
 * gredis_client_incrbyfloat_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_incrbyfloat_async().
 *
 * Returns: the new value
 */
double
gredis_client_incrbyfloat_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_incrbyfloat_async, error);

  return to_double (reply, error);
}

/**
 * gredis_client_incrbyfloat:
 * @client: a #GredisClient
 * @key: the key
 * @increment: the amount to add
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds @increment to the floating-point value of @key (`INCRBYFLOAT`). Blocks;
 *   safe from any thread.
 *
 * Returns: the new value
 */
double
gredis_client_incrbyfloat (GredisClient  *client,
                           const char    *key,
                           double         increment,
                           GCancellable  *cancellable,
                           GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0.0);
  g_return_val_if_fail (key != NULL, 0.0);

  cmd_init (&c, "INCRBYFLOAT");
  cmd_add (&c, key);
  cmd_add_double (&c, increment);
  return to_double (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_del_async:
 * @client: a #GredisClient
 * @keys: (array zero-terminated=1): the keys
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Deletes keys (`DEL`).
 * Finish with gredis_client_del_finish().
 */
void
gredis_client_del_async (GredisClient        *client,
                         const char * const  *keys,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys != NULL);

  cmd_init (&c, "DEL");
  cmd_add_strv (&c, keys);
  cmd_send_async (client, &c, gredis_client_del_async, cancellable, callback, user_data);
}

/**
 * gredis_client_del_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_del_async().
 *
 * Returns: the number of keys deleted
 */
gint64
gredis_client_del_finish (GredisClient  *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_del_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_del:
 * @client: a #GredisClient
 * @keys: (array zero-terminated=1): the keys
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Deletes keys (`DEL`). Blocks; safe from any thread.
 *
 * Returns: the number of keys deleted
 */
gint64
gredis_client_del (GredisClient        *client,
                   const char * const  *keys,
                   GCancellable        *cancellable,
                   GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (keys != NULL, 0);

  cmd_init (&c, "DEL");
  cmd_add_strv (&c, keys);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_exists_async:
 * @client: a #GredisClient
 * @keys: (array zero-terminated=1): the keys
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Counts the keys that exist (`EXISTS`); a key named twice counts twice.
 * Finish with gredis_client_exists_finish().
 */
void
gredis_client_exists_async (GredisClient        *client,
                            const char * const  *keys,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys != NULL);

  cmd_init (&c, "EXISTS");
  cmd_add_strv (&c, keys);
  cmd_send_async (client, &c, gredis_client_exists_async, cancellable, callback, user_data);
}

/**
 * gredis_client_exists_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_exists_async().
 *
 * Returns: the number of keys that exist
 */
gint64
gredis_client_exists_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_exists_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_exists:
 * @client: a #GredisClient
 * @keys: (array zero-terminated=1): the keys
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Counts the keys that exist (`EXISTS`); a key named twice counts twice.
 *   Blocks; safe from any thread.
 *
 * Returns: the number of keys that exist
 */
gint64
gredis_client_exists (GredisClient        *client,
                      const char * const  *keys,
                      GCancellable        *cancellable,
                      GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (keys != NULL, 0);

  cmd_init (&c, "EXISTS");
  cmd_add_strv (&c, keys);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_expire_async:
 * @client: a #GredisClient
 * @key: the key
 * @seconds: the time to live in seconds
 * @flags: conditions
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Sets the time to live of @key in seconds (`EXPIRE`).
 * Finish with gredis_client_expire_finish().
 */
void
gredis_client_expire_async (GredisClient        *client,
                            const char          *key,
                            gint64               seconds,
                            GredisExpireFlags    flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "EXPIRE");
  cmd_add (&c, key);
  cmd_add_int (&c, seconds);
  add_expire_flags (&c, flags);
  cmd_send_async (client, &c, gredis_client_expire_async, cancellable, callback, user_data);
}

/**
 * gredis_client_expire_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_expire_async().
 *
 * Returns: %TRUE when the expiry was set, %FALSE with no error when the key
 *   does not exist or a condition was not met
 */
gboolean
gredis_client_expire_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_expire_async, error);

  return to_bool (reply, error);
}

/**
 * gredis_client_expire:
 * @client: a #GredisClient
 * @key: the key
 * @seconds: the time to live in seconds
 * @flags: conditions
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets the time to live of @key in seconds (`EXPIRE`). Blocks; safe from any
 *   thread.
 *
 * Returns: %TRUE when the expiry was set, %FALSE with no error when the key
 *   does not exist or a condition was not met
 */
gboolean
gredis_client_expire (GredisClient       *client,
                      const char         *key,
                      gint64              seconds,
                      GredisExpireFlags   flags,
                      GCancellable       *cancellable,
                      GError            **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  cmd_init (&c, "EXPIRE");
  cmd_add (&c, key);
  cmd_add_int (&c, seconds);
  add_expire_flags (&c, flags);
  return to_bool (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_pexpire_async:
 * @client: a #GredisClient
 * @key: the key
 * @milliseconds: the time to live in milliseconds
 * @flags: conditions
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Sets the time to live of @key in milliseconds (`PEXPIRE`).
 * Finish with gredis_client_pexpire_finish().
 */
void
gredis_client_pexpire_async (GredisClient        *client,
                             const char          *key,
                             gint64               milliseconds,
                             GredisExpireFlags    flags,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "PEXPIRE");
  cmd_add (&c, key);
  cmd_add_int (&c, milliseconds);
  add_expire_flags (&c, flags);
  cmd_send_async (client, &c, gredis_client_pexpire_async, cancellable, callback, user_data);
}

/**
 * gredis_client_pexpire_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_pexpire_async().
 *
 * Returns: %TRUE when the expiry was set, %FALSE with no error when the key
 *   does not exist or a condition was not met
 */
gboolean
gredis_client_pexpire_finish (GredisClient  *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_pexpire_async, error);

  return to_bool (reply, error);
}

/**
 * gredis_client_pexpire:
 * @client: a #GredisClient
 * @key: the key
 * @milliseconds: the time to live in milliseconds
 * @flags: conditions
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets the time to live of @key in milliseconds (`PEXPIRE`). Blocks; safe from
 *   any thread.
 *
 * Returns: %TRUE when the expiry was set, %FALSE with no error when the key
 *   does not exist or a condition was not met
 */
gboolean
gredis_client_pexpire (GredisClient       *client,
                       const char         *key,
                       gint64              milliseconds,
                       GredisExpireFlags   flags,
                       GCancellable       *cancellable,
                       GError            **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  cmd_init (&c, "PEXPIRE");
  cmd_add (&c, key);
  cmd_add_int (&c, milliseconds);
  add_expire_flags (&c, flags);
  return to_bool (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_ttl_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the time to live of @key in seconds (`TTL`).
 * Finish with gredis_client_ttl_finish().
 */
void
gredis_client_ttl_async (GredisClient        *client,
                         const char          *key,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "TTL");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_ttl_async, cancellable, callback, user_data);
}

/**
 * gredis_client_ttl_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_ttl_async().
 *
 * Returns: the seconds left, -1 when the key has no expiry, -2 when it does
 *   not exist
 */
gint64
gredis_client_ttl_finish (GredisClient  *client,
                          GAsyncResult  *result,
                          GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_ttl_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_ttl:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the time to live of @key in seconds (`TTL`). Blocks; safe from any
 *   thread.
 *
 * Returns: the seconds left, -1 when the key has no expiry, -2 when it does
 *   not exist
 */
gint64
gredis_client_ttl (GredisClient  *client,
                   const char    *key,
                   GCancellable  *cancellable,
                   GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "TTL");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_pttl_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the time to live of @key in milliseconds (`PTTL`).
 * Finish with gredis_client_pttl_finish().
 */
void
gredis_client_pttl_async (GredisClient        *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "PTTL");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_pttl_async, cancellable, callback, user_data);
}

/**
 * gredis_client_pttl_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_pttl_async().
 *
 * Returns: the milliseconds left, -1 when the key has no expiry, -2 when it
 *   does not exist
 */
gint64
gredis_client_pttl_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_pttl_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_pttl:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the time to live of @key in milliseconds (`PTTL`). Blocks; safe from
 *   any thread.
 *
 * Returns: the milliseconds left, -1 when the key has no expiry, -2 when it
 *   does not exist
 */
gint64
gredis_client_pttl (GredisClient  *client,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "PTTL");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_persist_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes the expiry of @key (`PERSIST`).
 * Finish with gredis_client_persist_finish().
 */
void
gredis_client_persist_async (GredisClient        *client,
                             const char          *key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "PERSIST");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_persist_async, cancellable, callback, user_data);
}

/**
 * gredis_client_persist_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_persist_async().
 *
 * Returns: %TRUE when an expiry was removed
 */
gboolean
gredis_client_persist_finish (GredisClient  *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_persist_async, error);

  return to_bool (reply, error);
}

/**
 * gredis_client_persist:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes the expiry of @key (`PERSIST`). Blocks; safe from any thread.
 *
 * Returns: %TRUE when an expiry was removed
 */
gboolean
gredis_client_persist (GredisClient  *client,
                       const char    *key,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  cmd_init (&c, "PERSIST");
  cmd_add (&c, key);
  return to_bool (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_type_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the type of the value of @key (`TYPE`).
 * Finish with gredis_client_type_finish().
 */
void
gredis_client_type_async (GredisClient        *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "TYPE");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_type_async, cancellable, callback, user_data);
}

/**
 * gredis_client_type_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_type_async().
 *
 * Returns: (transfer full) (nullable): the type: `string`, `list`, `set`,
 *   `zset`, `hash`, `stream`, or `none`
 */
char *
gredis_client_type_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_type_async, error);

  return to_str (reply, error);
}

/**
 * gredis_client_type:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the type of the value of @key (`TYPE`). Blocks; safe from any thread.
 *
 * Returns: (transfer full) (nullable): the type: `string`, `list`, `set`,
 *   `zset`, `hash`, `stream`, or `none`
 */
char *
gredis_client_type (GredisClient  *client,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  cmd_init (&c, "TYPE");
  cmd_add (&c, key);
  return to_str (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_hset_async:
 * @client: a #GredisClient
 * @key: the key
 * @fields_and_values: (array zero-terminated=1): fields and values, alternating
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Sets fields of the hash at @key (`HSET`).
 * Finish with gredis_client_hset_finish().
 */
void
gredis_client_hset_async (GredisClient        *client,
                          const char          *key,
                          const char * const  *fields_and_values,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (fields_and_values != NULL);

  cmd_init (&c, "HSET");
  cmd_add (&c, key);
  cmd_add_strv (&c, fields_and_values);
  cmd_send_async (client, &c, gredis_client_hset_async, cancellable, callback, user_data);
}

/**
 * gredis_client_hset_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hset_async().
 *
 * Returns: the number of fields added (not counting those updated)
 */
gint64
gredis_client_hset_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hset_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_hset:
 * @client: a #GredisClient
 * @key: the key
 * @fields_and_values: (array zero-terminated=1): fields and values, alternating
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets fields of the hash at @key (`HSET`). Blocks; safe from any thread.
 *
 * Returns: the number of fields added (not counting those updated)
 */
gint64
gredis_client_hset (GredisClient        *client,
                    const char          *key,
                    const char * const  *fields_and_values,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (fields_and_values != NULL, 0);

  cmd_init (&c, "HSET");
  cmd_add (&c, key);
  cmd_add_strv (&c, fields_and_values);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_hget_async:
 * @client: a #GredisClient
 * @key: the key
 * @field: the field
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets a field of the hash at @key (`HGET`).
 * Finish with gredis_client_hget_finish().
 */
void
gredis_client_hget_async (GredisClient        *client,
                          const char          *key,
                          const char          *field,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (field != NULL);

  cmd_init (&c, "HGET");
  cmd_add (&c, key);
  cmd_add (&c, field);
  cmd_send_async (client, &c, gredis_client_hget_async, cancellable, callback, user_data);
}

/**
 * gredis_client_hget_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hget_async().
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with no error when
 *   the field or key does not exist
 */
char *
gredis_client_hget_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hget_async, error);

  return to_str (reply, error);
}

/**
 * gredis_client_hget:
 * @client: a #GredisClient
 * @key: the key
 * @field: the field
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a field of the hash at @key (`HGET`). Blocks; safe from any thread.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with no error when
 *   the field or key does not exist
 */
char *
gredis_client_hget (GredisClient  *client,
                    const char    *key,
                    const char    *field,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  cmd_init (&c, "HGET");
  cmd_add (&c, key);
  cmd_add (&c, field);
  return to_str (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_hgetall_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets every field of the hash at @key (`HGETALL`).
 * Finish with gredis_client_hgetall_finish().
 */
void
gredis_client_hgetall_async (GredisClient        *client,
                             const char          *key,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "HGETALL");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_hgetall_async, cancellable, callback, user_data);
}

/**
 * gredis_client_hgetall_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hgetall_async().
 *
 * Returns: (transfer full) (element-type utf8 utf8): the fields and their
 *   values, empty when the key does not exist
 */
GHashTable *
gredis_client_hgetall_finish (GredisClient  *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hgetall_async, error);

  return to_hash (reply, error);
}

/**
 * gredis_client_hgetall:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets every field of the hash at @key (`HGETALL`). Blocks; safe from any
 *   thread.
 *
 * Returns: (transfer full) (element-type utf8 utf8): the fields and their
 *   values, empty when the key does not exist
 */
GHashTable *
gredis_client_hgetall (GredisClient  *client,
                       const char    *key,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  cmd_init (&c, "HGETALL");
  cmd_add (&c, key);
  return to_hash (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_hdel_async:
 * @client: a #GredisClient
 * @key: the key
 * @fields: (array zero-terminated=1): the fields
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Deletes fields of the hash at @key (`HDEL`).
 * Finish with gredis_client_hdel_finish().
 */
void
gredis_client_hdel_async (GredisClient        *client,
                          const char          *key,
                          const char * const  *fields,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (fields != NULL);

  cmd_init (&c, "HDEL");
  cmd_add (&c, key);
  cmd_add_strv (&c, fields);
  cmd_send_async (client, &c, gredis_client_hdel_async, cancellable, callback, user_data);
}

/**
 * gredis_client_hdel_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hdel_async().
 *
 * Returns: the number of fields deleted
 */
gint64
gredis_client_hdel_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hdel_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_hdel:
 * @client: a #GredisClient
 * @key: the key
 * @fields: (array zero-terminated=1): the fields
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Deletes fields of the hash at @key (`HDEL`). Blocks; safe from any thread.
 *
 * Returns: the number of fields deleted
 */
gint64
gredis_client_hdel (GredisClient        *client,
                    const char          *key,
                    const char * const  *fields,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (fields != NULL, 0);

  cmd_init (&c, "HDEL");
  cmd_add (&c, key);
  cmd_add_strv (&c, fields);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_hincrby_async:
 * @client: a #GredisClient
 * @key: the key
 * @field: the field
 * @increment: the amount to add
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Adds @increment to the integer value of a field of the hash at @key
 *   (`HINCRBY`).
 * Finish with gredis_client_hincrby_finish().
 */
void
gredis_client_hincrby_async (GredisClient        *client,
                             const char          *key,
                             const char          *field,
                             gint64               increment,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (field != NULL);

  cmd_init (&c, "HINCRBY");
  cmd_add (&c, key);
  cmd_add (&c, field);
  cmd_add_int (&c, increment);
  cmd_send_async (client, &c, gredis_client_hincrby_async, cancellable, callback, user_data);
}

/**
 * gredis_client_hincrby_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hincrby_async().
 *
 * Returns: the new value
 */
gint64
gredis_client_hincrby_finish (GredisClient  *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hincrby_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_hincrby:
 * @client: a #GredisClient
 * @key: the key
 * @field: the field
 * @increment: the amount to add
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds @increment to the integer value of a field of the hash at @key
 *   (`HINCRBY`). Blocks; safe from any thread.
 *
 * Returns: the new value
 */
gint64
gredis_client_hincrby (GredisClient  *client,
                       const char    *key,
                       const char    *field,
                       gint64         increment,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (field != NULL, 0);

  cmd_init (&c, "HINCRBY");
  cmd_add (&c, key);
  cmd_add (&c, field);
  cmd_add_int (&c, increment);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_hexists_async:
 * @client: a #GredisClient
 * @key: the key
 * @field: the field
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Tells whether the hash at @key has @field (`HEXISTS`).
 * Finish with gredis_client_hexists_finish().
 */
void
gredis_client_hexists_async (GredisClient        *client,
                             const char          *key,
                             const char          *field,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (field != NULL);

  cmd_init (&c, "HEXISTS");
  cmd_add (&c, key);
  cmd_add (&c, field);
  cmd_send_async (client, &c, gredis_client_hexists_async, cancellable, callback, user_data);
}

/**
 * gredis_client_hexists_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hexists_async().
 *
 * Returns: %TRUE when the field exists
 */
gboolean
gredis_client_hexists_finish (GredisClient  *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hexists_async, error);

  return to_bool (reply, error);
}

/**
 * gredis_client_hexists:
 * @client: a #GredisClient
 * @key: the key
 * @field: the field
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Tells whether the hash at @key has @field (`HEXISTS`). Blocks; safe from any
 *   thread.
 *
 * Returns: %TRUE when the field exists
 */
gboolean
gredis_client_hexists (GredisClient  *client,
                       const char    *key,
                       const char    *field,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  cmd_init (&c, "HEXISTS");
  cmd_add (&c, key);
  cmd_add (&c, field);
  return to_bool (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_hlen_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Counts the fields of the hash at @key (`HLEN`).
 * Finish with gredis_client_hlen_finish().
 */
void
gredis_client_hlen_async (GredisClient        *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "HLEN");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_hlen_async, cancellable, callback, user_data);
}

/**
 * gredis_client_hlen_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hlen_async().
 *
 * Returns: the number of fields
 */
gint64
gredis_client_hlen_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hlen_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_hlen:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Counts the fields of the hash at @key (`HLEN`). Blocks; safe from any thread.
 *
 * Returns: the number of fields
 */
gint64
gredis_client_hlen (GredisClient  *client,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "HLEN");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_lpush_async:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array zero-terminated=1): the values
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Inserts values at the head of the list at @key (`LPUSH`).
 * Finish with gredis_client_lpush_finish().
 */
void
gredis_client_lpush_async (GredisClient        *client,
                           const char          *key,
                           const char * const  *values,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (values != NULL);

  cmd_init (&c, "LPUSH");
  cmd_add (&c, key);
  cmd_add_strv (&c, values);
  cmd_send_async (client, &c, gredis_client_lpush_async, cancellable, callback, user_data);
}

/**
 * gredis_client_lpush_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_lpush_async().
 *
 * Returns: the length of the list afterwards
 */
gint64
gredis_client_lpush_finish (GredisClient  *client,
                            GAsyncResult  *result,
                            GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_lpush_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_lpush:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array zero-terminated=1): the values
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Inserts values at the head of the list at @key (`LPUSH`). Blocks; safe from
 *   any thread.
 *
 * Returns: the length of the list afterwards
 */
gint64
gredis_client_lpush (GredisClient        *client,
                     const char          *key,
                     const char * const  *values,
                     GCancellable        *cancellable,
                     GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (values != NULL, 0);

  cmd_init (&c, "LPUSH");
  cmd_add (&c, key);
  cmd_add_strv (&c, values);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_rpush_async:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array zero-terminated=1): the values
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Appends values to the list at @key (`RPUSH`).
 * Finish with gredis_client_rpush_finish().
 */
void
gredis_client_rpush_async (GredisClient        *client,
                           const char          *key,
                           const char * const  *values,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (values != NULL);

  cmd_init (&c, "RPUSH");
  cmd_add (&c, key);
  cmd_add_strv (&c, values);
  cmd_send_async (client, &c, gredis_client_rpush_async, cancellable, callback, user_data);
}

/**
 * gredis_client_rpush_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_rpush_async().
 *
 * Returns: the length of the list afterwards
 */
gint64
gredis_client_rpush_finish (GredisClient  *client,
                            GAsyncResult  *result,
                            GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_rpush_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_rpush:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array zero-terminated=1): the values
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Appends values to the list at @key (`RPUSH`). Blocks; safe from any thread.
 *
 * Returns: the length of the list afterwards
 */
gint64
gredis_client_rpush (GredisClient        *client,
                     const char          *key,
                     const char * const  *values,
                     GCancellable        *cancellable,
                     GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (values != NULL, 0);

  cmd_init (&c, "RPUSH");
  cmd_add (&c, key);
  cmd_add_strv (&c, values);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_lpop_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes and returns the first element of the list at @key (`LPOP`).
 * Finish with gredis_client_lpop_finish().
 */
void
gredis_client_lpop_async (GredisClient        *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "LPOP");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_lpop_async, cancellable, callback, user_data);
}

/**
 * gredis_client_lpop_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_lpop_async().
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with no error
 *   when the list is empty
 */
char *
gredis_client_lpop_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_lpop_async, error);

  return to_str (reply, error);
}

/**
 * gredis_client_lpop:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes and returns the first element of the list at @key (`LPOP`). Blocks;
 *   safe from any thread.
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with no error
 *   when the list is empty
 */
char *
gredis_client_lpop (GredisClient  *client,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  cmd_init (&c, "LPOP");
  cmd_add (&c, key);
  return to_str (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_rpop_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes and returns the last element of the list at @key (`RPOP`).
 * Finish with gredis_client_rpop_finish().
 */
void
gredis_client_rpop_async (GredisClient        *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "RPOP");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_rpop_async, cancellable, callback, user_data);
}

/**
 * gredis_client_rpop_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_rpop_async().
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with no error
 *   when the list is empty
 */
char *
gredis_client_rpop_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_rpop_async, error);

  return to_str (reply, error);
}

/**
 * gredis_client_rpop:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes and returns the last element of the list at @key (`RPOP`). Blocks;
 *   safe from any thread.
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with no error
 *   when the list is empty
 */
char *
gredis_client_rpop (GredisClient  *client,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  cmd_init (&c, "RPOP");
  cmd_add (&c, key);
  return to_str (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_lrange_async:
 * @client: a #GredisClient
 * @key: the key
 * @start: the first index (negative counts from the end)
 * @stop: the last index, included
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets a range of the list at @key (`LRANGE`).
 * Finish with gredis_client_lrange_finish().
 */
void
gredis_client_lrange_async (GredisClient        *client,
                            const char          *key,
                            gint64               start,
                            gint64               stop,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "LRANGE");
  cmd_add (&c, key);
  cmd_add_int (&c, start);
  cmd_add_int (&c, stop);
  cmd_send_async (client, &c, gredis_client_lrange_async, cancellable, callback, user_data);
}

/**
 * gredis_client_lrange_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_lrange_async().
 *
 * Returns: (transfer full) (array zero-terminated=1): the elements
 */
char **
gredis_client_lrange_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_lrange_async, error);

  return to_strv (reply, error);
}

/**
 * gredis_client_lrange:
 * @client: a #GredisClient
 * @key: the key
 * @start: the first index (negative counts from the end)
 * @stop: the last index, included
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a range of the list at @key (`LRANGE`). Blocks; safe from any thread.
 *
 * Returns: (transfer full) (array zero-terminated=1): the elements
 */
char **
gredis_client_lrange (GredisClient  *client,
                      const char    *key,
                      gint64         start,
                      gint64         stop,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  cmd_init (&c, "LRANGE");
  cmd_add (&c, key);
  cmd_add_int (&c, start);
  cmd_add_int (&c, stop);
  return to_strv (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_llen_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the length of the list at @key (`LLEN`).
 * Finish with gredis_client_llen_finish().
 */
void
gredis_client_llen_async (GredisClient        *client,
                          const char          *key,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "LLEN");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_llen_async, cancellable, callback, user_data);
}

/**
 * gredis_client_llen_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_llen_async().
 *
 * Returns: the length
 */
gint64
gredis_client_llen_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_llen_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_llen:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the length of the list at @key (`LLEN`). Blocks; safe from any thread.
 *
 * Returns: the length
 */
gint64
gredis_client_llen (GredisClient  *client,
                    const char    *key,
                    GCancellable  *cancellable,
                    GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "LLEN");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_sadd_async:
 * @client: a #GredisClient
 * @key: the key
 * @members: (array zero-terminated=1): the members
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Adds members to the set at @key (`SADD`).
 * Finish with gredis_client_sadd_finish().
 */
void
gredis_client_sadd_async (GredisClient        *client,
                          const char          *key,
                          const char * const  *members,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (members != NULL);

  cmd_init (&c, "SADD");
  cmd_add (&c, key);
  cmd_add_strv (&c, members);
  cmd_send_async (client, &c, gredis_client_sadd_async, cancellable, callback, user_data);
}

/**
 * gredis_client_sadd_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_sadd_async().
 *
 * Returns: the number of members added
 */
gint64
gredis_client_sadd_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_sadd_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_sadd:
 * @client: a #GredisClient
 * @key: the key
 * @members: (array zero-terminated=1): the members
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds members to the set at @key (`SADD`). Blocks; safe from any thread.
 *
 * Returns: the number of members added
 */
gint64
gredis_client_sadd (GredisClient        *client,
                    const char          *key,
                    const char * const  *members,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (members != NULL, 0);

  cmd_init (&c, "SADD");
  cmd_add (&c, key);
  cmd_add_strv (&c, members);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_srem_async:
 * @client: a #GredisClient
 * @key: the key
 * @members: (array zero-terminated=1): the members
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes members from the set at @key (`SREM`).
 * Finish with gredis_client_srem_finish().
 */
void
gredis_client_srem_async (GredisClient        *client,
                          const char          *key,
                          const char * const  *members,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (members != NULL);

  cmd_init (&c, "SREM");
  cmd_add (&c, key);
  cmd_add_strv (&c, members);
  cmd_send_async (client, &c, gredis_client_srem_async, cancellable, callback, user_data);
}

/**
 * gredis_client_srem_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_srem_async().
 *
 * Returns: the number of members removed
 */
gint64
gredis_client_srem_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_srem_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_srem:
 * @client: a #GredisClient
 * @key: the key
 * @members: (array zero-terminated=1): the members
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes members from the set at @key (`SREM`). Blocks; safe from any thread.
 *
 * Returns: the number of members removed
 */
gint64
gredis_client_srem (GredisClient        *client,
                    const char          *key,
                    const char * const  *members,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (members != NULL, 0);

  cmd_init (&c, "SREM");
  cmd_add (&c, key);
  cmd_add_strv (&c, members);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_smembers_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets every member of the set at @key (`SMEMBERS`).
 * Finish with gredis_client_smembers_finish().
 */
void
gredis_client_smembers_async (GredisClient        *client,
                              const char          *key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "SMEMBERS");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_smembers_async, cancellable, callback, user_data);
}

/**
 * gredis_client_smembers_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_smembers_async().
 *
 * Returns: (transfer full) (array zero-terminated=1): the members, in no
 *   particular order
 */
char **
gredis_client_smembers_finish (GredisClient  *client,
                               GAsyncResult  *result,
                               GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_smembers_async, error);

  return to_strv (reply, error);
}

/**
 * gredis_client_smembers:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets every member of the set at @key (`SMEMBERS`). Blocks; safe from any
 *   thread.
 *
 * Returns: (transfer full) (array zero-terminated=1): the members, in no
 *   particular order
 */
char **
gredis_client_smembers (GredisClient  *client,
                        const char    *key,
                        GCancellable  *cancellable,
                        GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  cmd_init (&c, "SMEMBERS");
  cmd_add (&c, key);
  return to_strv (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_sismember_async:
 * @client: a #GredisClient
 * @key: the key
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Tells whether @member is in the set at @key (`SISMEMBER`).
 * Finish with gredis_client_sismember_finish().
 */
void
gredis_client_sismember_async (GredisClient        *client,
                               const char          *key,
                               const char          *member,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  cmd_init (&c, "SISMEMBER");
  cmd_add (&c, key);
  cmd_add (&c, member);
  cmd_send_async (client, &c, gredis_client_sismember_async, cancellable, callback, user_data);
}

/**
 * gredis_client_sismember_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_sismember_async().
 *
 * Returns: %TRUE when it is
 */
gboolean
gredis_client_sismember_finish (GredisClient  *client,
                                GAsyncResult  *result,
                                GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_sismember_async, error);

  return to_bool (reply, error);
}

/**
 * gredis_client_sismember:
 * @client: a #GredisClient
 * @key: the key
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Tells whether @member is in the set at @key (`SISMEMBER`). Blocks; safe from
 *   any thread.
 *
 * Returns: %TRUE when it is
 */
gboolean
gredis_client_sismember (GredisClient  *client,
                         const char    *key,
                         const char    *member,
                         GCancellable  *cancellable,
                         GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  cmd_init (&c, "SISMEMBER");
  cmd_add (&c, key);
  cmd_add (&c, member);
  return to_bool (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_scard_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Counts the members of the set at @key (`SCARD`).
 * Finish with gredis_client_scard_finish().
 */
void
gredis_client_scard_async (GredisClient        *client,
                           const char          *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "SCARD");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_scard_async, cancellable, callback, user_data);
}

/**
 * gredis_client_scard_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_scard_async().
 *
 * Returns: the number of members
 */
gint64
gredis_client_scard_finish (GredisClient  *client,
                            GAsyncResult  *result,
                            GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_scard_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_scard:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Counts the members of the set at @key (`SCARD`). Blocks; safe from any
 *   thread.
 *
 * Returns: the number of members
 */
gint64
gredis_client_scard (GredisClient  *client,
                     const char    *key,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "SCARD");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_zadd_async:
 * @client: a #GredisClient
 * @key: the key
 * @score: the score
 * @member: the member
 * @flags: conditions and options
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Adds @member with @score to the sorted set at @key, or updates its score
 *   (`ZADD`).
 * Finish with gredis_client_zadd_finish().
 */
void
gredis_client_zadd_async (GredisClient        *client,
                          const char          *key,
                          double               score,
                          const char          *member,
                          GredisZaddFlags      flags,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  cmd_init (&c, "ZADD");
  cmd_add (&c, key);
  add_zadd_flags (&c, flags);
  cmd_add_double (&c, score);
  cmd_add (&c, member);
  cmd_send_async (client, &c, gredis_client_zadd_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zadd_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zadd_async().
 *
 * Returns: the number of members added (with %GREDIS_ZADD_CH: added or changed)
 */
gint64
gredis_client_zadd_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zadd_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_zadd:
 * @client: a #GredisClient
 * @key: the key
 * @score: the score
 * @member: the member
 * @flags: conditions and options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds @member with @score to the sorted set at @key, or updates its score
 *   (`ZADD`). Blocks; safe from any thread.
 *
 * Returns: the number of members added (with %GREDIS_ZADD_CH: added or changed)
 */
gint64
gredis_client_zadd (GredisClient     *client,
                    const char       *key,
                    double            score,
                    const char       *member,
                    GredisZaddFlags   flags,
                    GCancellable     *cancellable,
                    GError          **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (member != NULL, 0);

  cmd_init (&c, "ZADD");
  cmd_add (&c, key);
  add_zadd_flags (&c, flags);
  cmd_add_double (&c, score);
  cmd_add (&c, member);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_zrem_async:
 * @client: a #GredisClient
 * @key: the key
 * @members: (array zero-terminated=1): the members
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes members from the sorted set at @key (`ZREM`).
 * Finish with gredis_client_zrem_finish().
 */
void
gredis_client_zrem_async (GredisClient        *client,
                          const char          *key,
                          const char * const  *members,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (members != NULL);

  cmd_init (&c, "ZREM");
  cmd_add (&c, key);
  cmd_add_strv (&c, members);
  cmd_send_async (client, &c, gredis_client_zrem_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zrem_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zrem_async().
 *
 * Returns: the number of members removed
 */
gint64
gredis_client_zrem_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zrem_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_zrem:
 * @client: a #GredisClient
 * @key: the key
 * @members: (array zero-terminated=1): the members
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes members from the sorted set at @key (`ZREM`). Blocks; safe from any
 *   thread.
 *
 * Returns: the number of members removed
 */
gint64
gredis_client_zrem (GredisClient        *client,
                    const char          *key,
                    const char * const  *members,
                    GCancellable        *cancellable,
                    GError             **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (members != NULL, 0);

  cmd_init (&c, "ZREM");
  cmd_add (&c, key);
  cmd_add_strv (&c, members);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_zscore_async:
 * @client: a #GredisClient
 * @key: the key
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the score of @member in the sorted set at @key (`ZSCORE`).
 * Finish with gredis_client_zscore_finish().
 */
void
gredis_client_zscore_async (GredisClient        *client,
                            const char          *key,
                            const char          *member,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  cmd_init (&c, "ZSCORE");
  cmd_add (&c, key);
  cmd_add (&c, member);
  cmd_send_async (client, &c, gredis_client_zscore_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zscore_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @score: (out) (optional): the score
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zscore_async().
 *
 * Returns: %TRUE with the score, %FALSE with no error when there is no such
 *   member
 */
gboolean
gredis_client_zscore_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             double        *score,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zscore_async, error);

  return to_score (reply, score, error);
}

/**
 * gredis_client_zscore:
 * @client: a #GredisClient
 * @key: the key
 * @member: the member
 * @score: (out) (optional): the score
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the score of @member in the sorted set at @key (`ZSCORE`). Blocks; safe
 *   from any thread.
 *
 * Returns: %TRUE with the score, %FALSE with no error when there is no such
 *   member
 */
gboolean
gredis_client_zscore (GredisClient  *client,
                      const char    *key,
                      const char    *member,
                      double        *score,
                      GCancellable  *cancellable,
                      GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  cmd_init (&c, "ZSCORE");
  cmd_add (&c, key);
  cmd_add (&c, member);
  return to_score (cmd_send_sync (client, &c, cancellable, error), score, error);
}

/**
 * gredis_client_zincrby_async:
 * @client: a #GredisClient
 * @key: the key
 * @increment: the amount to add
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Adds @increment to the score of @member in the sorted set at @key
 *   (`ZINCRBY`).
 * Finish with gredis_client_zincrby_finish().
 */
void
gredis_client_zincrby_async (GredisClient        *client,
                             const char          *key,
                             double               increment,
                             const char          *member,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  cmd_init (&c, "ZINCRBY");
  cmd_add (&c, key);
  cmd_add_double (&c, increment);
  cmd_add (&c, member);
  cmd_send_async (client, &c, gredis_client_zincrby_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zincrby_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zincrby_async().
 *
 * Returns: the new score
 */
double
gredis_client_zincrby_finish (GredisClient  *client,
                              GAsyncResult  *result,
                              GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zincrby_async, error);

  return to_double (reply, error);
}

/**
 * gredis_client_zincrby:
 * @client: a #GredisClient
 * @key: the key
 * @increment: the amount to add
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds @increment to the score of @member in the sorted set at @key
 *   (`ZINCRBY`). Blocks; safe from any thread.
 *
 * Returns: the new score
 */
double
gredis_client_zincrby (GredisClient  *client,
                       const char    *key,
                       double         increment,
                       const char    *member,
                       GCancellable  *cancellable,
                       GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0.0);
  g_return_val_if_fail (key != NULL, 0.0);
  g_return_val_if_fail (member != NULL, 0.0);

  cmd_init (&c, "ZINCRBY");
  cmd_add (&c, key);
  cmd_add_double (&c, increment);
  cmd_add (&c, member);
  return to_double (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_zrange_async:
 * @client: a #GredisClient
 * @key: the key
 * @start: the first rank, score or lexicographic bound, as text
 * @stop: the last one, included
 * @flags: what @start and @stop are, and the order
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets a range of the members of the sorted set at @key (`ZRANGE`), by rank,
 *   by score or lexicographically.
 * Finish with gredis_client_zrange_finish().
 */
void
gredis_client_zrange_async (GredisClient        *client,
                            const char          *key,
                            const char          *start,
                            const char          *stop,
                            GredisZrangeFlags    flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (start != NULL);
  g_return_if_fail (stop != NULL);

  cmd_init (&c, "ZRANGE");
  cmd_add (&c, key);
  cmd_add (&c, start);
  cmd_add (&c, stop);
  add_zrange_flags (&c, flags);
  cmd_send_async (client, &c, gredis_client_zrange_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zrange_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zrange_async().
 *
 * Returns: (transfer full) (array zero-terminated=1): the members
 */
char **
gredis_client_zrange_finish (GredisClient  *client,
                             GAsyncResult  *result,
                             GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zrange_async, error);

  return to_strv (reply, error);
}

/**
 * gredis_client_zrange:
 * @client: a #GredisClient
 * @key: the key
 * @start: the first rank, score or lexicographic bound, as text
 * @stop: the last one, included
 * @flags: what @start and @stop are, and the order
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a range of the members of the sorted set at @key (`ZRANGE`), by rank,
 *   by score or lexicographically. Blocks; safe from any thread.
 *
 * Returns: (transfer full) (array zero-terminated=1): the members
 */
char **
gredis_client_zrange (GredisClient       *client,
                      const char         *key,
                      const char         *start,
                      const char         *stop,
                      GredisZrangeFlags   flags,
                      GCancellable       *cancellable,
                      GError            **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (start != NULL, NULL);
  g_return_val_if_fail (stop != NULL, NULL);

  cmd_init (&c, "ZRANGE");
  cmd_add (&c, key);
  cmd_add (&c, start);
  cmd_add (&c, stop);
  add_zrange_flags (&c, flags);
  return to_strv (cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_zcard_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Counts the members of the sorted set at @key (`ZCARD`).
 * Finish with gredis_client_zcard_finish().
 */
void
gredis_client_zcard_async (GredisClient        *client,
                           const char          *key,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  cmd_init (&c, "ZCARD");
  cmd_add (&c, key);
  cmd_send_async (client, &c, gredis_client_zcard_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zcard_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zcard_async().
 *
 * Returns: the number of members
 */
gint64
gredis_client_zcard_finish (GredisClient  *client,
                            GAsyncResult  *result,
                            GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zcard_async, error);

  return to_int (reply, error);
}

/**
 * gredis_client_zcard:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Counts the members of the sorted set at @key (`ZCARD`). Blocks; safe from
 *   any thread.
 *
 * Returns: the number of members
 */
gint64
gredis_client_zcard (GredisClient  *client,
                     const char    *key,
                     GCancellable  *cancellable,
                     GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  cmd_init (&c, "ZCARD");
  cmd_add (&c, key);
  return to_int (cmd_send_sync (client, &c, cancellable, error), error);
}
