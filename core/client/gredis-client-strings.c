/* gredis-client-strings.c: typed helpers for strings and counters
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"

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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "GET", key, NULL, gredis_client_get_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_str (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "GET", key, NULL, cancellable, error);
  return _gredis_reply_to_str (reply, error);
}

static const CmdFlag set_words[] = {
  { GREDIS_SET_NX, "NX" },
  { GREDIS_SET_XX, "XX" },
  { GREDIS_SET_KEEPTTL, "KEEPTTL" },
};

/* SET KEY VALUE [PX MS] [NX] [XX] [KEEPTTL], for every form: the value is
 * @value, or @bytes when it is not %NULL. */
static void
set_argv (Cmd            *c,
          const char     *key,
          const char     *value,
          GBytes         *bytes,
          guint64         expire_ms,
          GredisSetFlags  flags)
{
  _gredis_cmd_init_key (c, "SET", key);
  if (bytes != NULL)
    _gredis_cmd_add_bytes (c, bytes);
  else
    _gredis_cmd_add (c, value);
  if (expire_ms > 0)
    {
      _gredis_cmd_add (c, "PX");
      _gredis_cmd_add_uint (c, expire_ms);
    }
  _gredis_cmd_add_flags (c, flags, set_words, G_N_ELEMENTS (set_words));
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

  set_argv (&c, key, value, NULL, expire_ms, flags);
  _gredis_cmd_send_async (client, &c, gredis_client_set_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_ok (reply, error);
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

  set_argv (&c, key, value, NULL, expire_ms, flags);
  return _gredis_reply_to_ok (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys != NULL);

  _gredis_cmd_send_strv_async (client, "MGET", NULL, keys, gredis_client_mget_async,
                               cancellable, callback, user_data);
}

/**
 * gredis_client_mget_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_mget_async().
 *
 * Returns: (transfer container) (element-type utf8): the values, in the order
 *   of @keys, %NULL for keys that do not exist; the array frees them
 */
GPtrArray *
gredis_client_mget_finish (GredisClient  *client,
                           GAsyncResult  *result,
                           GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_mget_async, error);

  return _gredis_reply_to_str_array (reply, error);
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
 * Returns: (transfer container) (element-type utf8): the values, in the order
 *   of @keys, %NULL for keys that do not exist; the array frees them
 */
GPtrArray *
gredis_client_mget (GredisClient        *client,
                    const char * const  *keys,
                    GCancellable        *cancellable,
                    GError             **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  reply = _gredis_cmd_send_strv_sync (client, "MGET", NULL, keys, cancellable, error);
  return _gredis_reply_to_str_array (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys_and_values != NULL);

  _gredis_cmd_send_strv_async (client, "MSET", NULL, keys_and_values, gredis_client_mset_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_ok (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (keys_and_values != NULL, FALSE);

  reply = _gredis_cmd_send_strv_sync (client, "MSET", NULL, keys_and_values, cancellable, error);
  return _gredis_reply_to_ok (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  _gredis_cmd_send_key_async (client, "APPEND", key, value, gredis_client_append_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (value != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "APPEND", key, value, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "STRLEN", key, NULL, gredis_client_strlen_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "STRLEN", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "INCR", key, NULL, gredis_client_incr_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "INCR", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "DECR", key, NULL, gredis_client_decr_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "DECR", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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

  _gredis_cmd_init_key (&c, "INCRBY", key);
  _gredis_cmd_add_int (&c, increment);
  _gredis_cmd_send_async (client, &c, gredis_client_incrby_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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

  _gredis_cmd_init_key (&c, "INCRBY", key);
  _gredis_cmd_add_int (&c, increment);
  return _gredis_reply_to_int (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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

  _gredis_cmd_init_key (&c, "DECRBY", key);
  _gredis_cmd_add_int (&c, decrement);
  _gredis_cmd_send_async (client, &c, gredis_client_decrby_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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

  _gredis_cmd_init_key (&c, "DECRBY", key);
  _gredis_cmd_add_int (&c, decrement);
  return _gredis_reply_to_int (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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

  _gredis_cmd_init_key (&c, "INCRBYFLOAT", key);
  _gredis_cmd_add_double (&c, increment);
  _gredis_cmd_send_async (client, &c, gredis_client_incrbyfloat_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_double (reply, error);
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

  _gredis_cmd_init_key (&c, "INCRBYFLOAT", key);
  _gredis_cmd_add_double (&c, increment);
  return _gredis_reply_to_double (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
}

/* Binary-safe forms: values as GBytes, built by the same argv helpers. */

/**
 * gredis_client_get_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the value of @key (`GET`), binary-safe: values are #GBytes, which may
 * hold any bytes. Finish with gredis_client_get_bytes_finish().
 */
void
gredis_client_get_bytes_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "GET", key, NULL, gredis_client_get_bytes_async,
                              cancellable, callback, user_data);
}

/**
 * gredis_client_get_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_get_bytes_async().
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with no error when
 *   the key does not exist
 */
GBytes *
gredis_client_get_bytes_finish (GredisClient  *client,
                                GAsyncResult  *result,
                                GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_get_bytes_async, error);

  return _gredis_reply_to_bytes (reply, error);
}

/**
 * gredis_client_get_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the value of @key (`GET`), binary-safe: values are #GBytes, which may
 * hold any bytes. Blocks; safe from any thread.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with no error when
 *   the key does not exist
 */
GBytes *
gredis_client_get_bytes (GredisClient  *client,
                         const char    *key,
                         GCancellable  *cancellable,
                         GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "GET", key, NULL, cancellable, error);
  return _gredis_reply_to_bytes (reply, error);
}

/**
 * gredis_client_set_bytes_async:
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
 * Sets @key to @value (`SET`), with an optional expiry and conditions,
 * binary-safe: values are #GBytes, which may hold any bytes. Finish with
 * gredis_client_set_bytes_finish().
 */
void
gredis_client_set_bytes_async (GredisClient        *client,
                               const char          *key,
                               GBytes              *value,
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

  set_argv (&c, key, NULL, value, expire_ms, flags);
  _gredis_cmd_send_async (client, &c, gredis_client_set_bytes_async, cancellable, callback, user_data);
}

/**
 * gredis_client_set_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_set_bytes_async().
 *
 * Returns: %TRUE when the key was set, %FALSE with no error when a condition
 *   (`NX`, `XX`) was not met, %FALSE with an error on failure
 */
gboolean
gredis_client_set_bytes_finish (GredisClient  *client,
                                GAsyncResult  *result,
                                GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_set_bytes_async, error);

  return _gredis_reply_to_ok (reply, error);
}

/**
 * gredis_client_set_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @value: the value
 * @expire_ms: the time to live in milliseconds (`PX`), or 0 for none
 * @flags: conditions and options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets @key to @value (`SET`), with an optional expiry and conditions,
 * binary-safe: values are #GBytes, which may hold any bytes. Blocks; safe from
 * any thread.
 *
 * Returns: %TRUE when the key was set, %FALSE with no error when a condition
 *   (`NX`, `XX`) was not met, %FALSE with an error on failure
 */
gboolean
gredis_client_set_bytes (GredisClient    *client,
                         const char      *key,
                         GBytes          *value,
                         guint64          expire_ms,
                         GredisSetFlags   flags,
                         GCancellable    *cancellable,
                         GError         **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);

  set_argv (&c, key, NULL, value, expire_ms, flags);
  return _gredis_reply_to_ok (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_mget_bytes_async:
 * @client: a #GredisClient
 * @keys: (array zero-terminated=1): the keys
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the values of several keys (`MGET`), binary-safe: values are #GBytes,
 * which may hold any bytes. Finish with gredis_client_mget_bytes_finish().
 */
void
gredis_client_mget_bytes_async (GredisClient        *client,
                                const char * const  *keys,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys != NULL);

  _gredis_cmd_send_strv_async (client, "MGET", NULL, keys, gredis_client_mget_bytes_async,
                               cancellable, callback, user_data);
}

/**
 * gredis_client_mget_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_mget_bytes_async().
 *
 * Returns: (transfer container) (element-type GBytes): the values, in the
 *   order of @keys, %NULL for keys that do not exist; the array frees them
 */
GPtrArray *
gredis_client_mget_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_mget_bytes_async, error);

  return _gredis_reply_to_bytes_array (reply, error);
}

/**
 * gredis_client_mget_bytes:
 * @client: a #GredisClient
 * @keys: (array zero-terminated=1): the keys
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the values of several keys (`MGET`), binary-safe: values are #GBytes,
 * which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: (transfer container) (element-type GBytes): the values, in the
 *   order of @keys, %NULL for keys that do not exist; the array frees them
 */
GPtrArray *
gredis_client_mget_bytes (GredisClient        *client,
                          const char * const  *keys,
                          GCancellable        *cancellable,
                          GError             **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (keys != NULL, NULL);

  reply = _gredis_cmd_send_strv_sync (client, "MGET", NULL, keys, cancellable, error);
  return _gredis_reply_to_bytes_array (reply, error);
}

/**
 * gredis_client_mset_bytes_async:
 * @client: a #GredisClient
 * @keys: (array length=n_values): the keys
 * @values: (array length=n_values): their values
 * @n_values: the number of keys and of values
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Sets several keys at once (`MSET`), binary-safe: values are #GBytes, which
 * may hold any bytes. Finish with gredis_client_mset_bytes_finish().
 */
void
gredis_client_mset_bytes_async (GredisClient        *client,
                                const char * const  *keys,
                                GBytes * const      *values,
                                guint                n_values,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys != NULL || n_values == 0);
  g_return_if_fail (values != NULL || n_values == 0);

  _gredis_cmd_send_pairs_async (client, "MSET", NULL, keys, values, n_values, gredis_client_mset_bytes_async,
                                cancellable, callback, user_data);
}

/**
 * gredis_client_mset_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_mset_bytes_async().
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
gredis_client_mset_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_mset_bytes_async, error);

  return _gredis_reply_to_ok (reply, error);
}

/**
 * gredis_client_mset_bytes:
 * @client: a #GredisClient
 * @keys: (array length=n_values): the keys
 * @values: (array length=n_values): their values
 * @n_values: the number of keys and of values
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets several keys at once (`MSET`), binary-safe: values are #GBytes, which
 * may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: %TRUE, or %FALSE with an error
 */
gboolean
gredis_client_mset_bytes (GredisClient        *client,
                          const char * const  *keys,
                          GBytes * const      *values,
                          guint                n_values,
                          GCancellable        *cancellable,
                          GError             **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (keys != NULL || n_values == 0, FALSE);
  g_return_val_if_fail (values != NULL || n_values == 0, FALSE);

  reply = _gredis_cmd_send_pairs_sync (client, "MSET", NULL, keys, values, n_values, cancellable, error);
  return _gredis_reply_to_ok (reply, error);
}

/**
 * gredis_client_append_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Appends @value to the string at @key (`APPEND`), binary-safe: values are
 * #GBytes, which may hold any bytes. Finish with
 * gredis_client_append_bytes_finish().
 */
void
gredis_client_append_bytes_async (GredisClient        *client,
                                  const char          *key,
                                  GBytes              *value,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (value != NULL);

  _gredis_cmd_send_key_bytes_async (client, "APPEND", key, value, gredis_client_append_bytes_async,
                                    cancellable, callback, user_data);
}

/**
 * gredis_client_append_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_append_bytes_async().
 *
 * Returns: the length of the string after the append
 */
gint64
gredis_client_append_bytes_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_append_bytes_async, error);

  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_append_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @value: the value
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Appends @value to the string at @key (`APPEND`), binary-safe: values are
 * #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: the length of the string after the append
 */
gint64
gredis_client_append_bytes (GredisClient  *client,
                            const char    *key,
                            GBytes        *value,
                            GCancellable  *cancellable,
                            GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (value != NULL, 0);

  reply = _gredis_cmd_send_key_bytes_sync (client, "APPEND", key, value, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}
