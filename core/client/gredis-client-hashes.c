/* gredis-client-hashes.c: typed helpers for hashes
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"

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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (fields_and_values != NULL);

  _gredis_cmd_send_strv_async (client, "HSET", key, fields_and_values, gredis_client_hset_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (fields_and_values != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "HSET", key, fields_and_values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (field != NULL);

  _gredis_cmd_send_key_async (client, "HGET", key, field, gredis_client_hget_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_str (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "HGET", key, field, cancellable, error);
  return _gredis_reply_to_str (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "HGETALL", key, NULL, gredis_client_hgetall_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_hash (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "HGETALL", key, NULL, cancellable, error);
  return _gredis_reply_to_hash (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (fields != NULL);

  _gredis_cmd_send_strv_async (client, "HDEL", key, fields, gredis_client_hdel_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (fields != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "HDEL", key, fields, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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

  _gredis_cmd_init_key (&c, "HINCRBY", key);
  _gredis_cmd_add (&c, field);
  _gredis_cmd_add_int (&c, increment);
  _gredis_cmd_send_async (client, &c, gredis_client_hincrby_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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

  _gredis_cmd_init_key (&c, "HINCRBY", key);
  _gredis_cmd_add (&c, field);
  _gredis_cmd_add_int (&c, increment);
  return _gredis_reply_to_int (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (field != NULL);

  _gredis_cmd_send_key_async (client, "HEXISTS", key, field, gredis_client_hexists_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_bool (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (field != NULL, FALSE);

  reply = _gredis_cmd_send_key_sync (client, "HEXISTS", key, field, cancellable, error);
  return _gredis_reply_to_bool (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "HLEN", key, NULL, gredis_client_hlen_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "HLEN", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/* Binary-safe forms: values as GBytes, built by the same argv helpers. */

/**
 * gredis_client_hset_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @fields: (array length=n_values): the fields
 * @values: (array length=n_values): their values
 * @n_values: the number of fields and of values
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Sets fields of the hash at @key (`HSET`), binary-safe: values are #GBytes,
 * which may hold any bytes. Finish with gredis_client_hset_bytes_finish().
 */
void
gredis_client_hset_bytes_async (GredisClient        *client,
                                const char          *key,
                                const char * const  *fields,
                                GBytes * const      *values,
                                guint                n_values,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (fields != NULL || n_values == 0);
  g_return_if_fail (values != NULL || n_values == 0);

  _gredis_cmd_send_pairs_async (client, "HSET", key, fields, values, n_values, gredis_client_hset_bytes_async,
                                cancellable, callback, user_data);
}

/**
 * gredis_client_hset_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hset_bytes_async().
 *
 * Returns: the number of fields added (not those updated)
 */
gint64
gredis_client_hset_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hset_bytes_async, error);

  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_hset_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @fields: (array length=n_values): the fields
 * @values: (array length=n_values): their values
 * @n_values: the number of fields and of values
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Sets fields of the hash at @key (`HSET`), binary-safe: values are #GBytes,
 * which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: the number of fields added (not those updated)
 */
gint64
gredis_client_hset_bytes (GredisClient        *client,
                          const char          *key,
                          const char * const  *fields,
                          GBytes * const      *values,
                          guint                n_values,
                          GCancellable        *cancellable,
                          GError             **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (fields != NULL || n_values == 0, 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);

  reply = _gredis_cmd_send_pairs_sync (client, "HSET", key, fields, values, n_values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_hget_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @field: the field
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets a field of the hash at @key (`HGET`), binary-safe: values are #GBytes,
 * which may hold any bytes. Finish with gredis_client_hget_bytes_finish().
 */
void
gredis_client_hget_bytes_async (GredisClient        *client,
                                const char          *key,
                                const char          *field,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (field != NULL);

  _gredis_cmd_send_key_async (client, "HGET", key, field, gredis_client_hget_bytes_async,
                              cancellable, callback, user_data);
}

/**
 * gredis_client_hget_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hget_bytes_async().
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with no error when
 *   the field or the key does not exist
 */
GBytes *
gredis_client_hget_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hget_bytes_async, error);

  return _gredis_reply_to_bytes (reply, error);
}

/**
 * gredis_client_hget_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @field: the field
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a field of the hash at @key (`HGET`), binary-safe: values are #GBytes,
 * which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: (transfer full) (nullable): the value, or %NULL with no error when
 *   the field or the key does not exist
 */
GBytes *
gredis_client_hget_bytes (GredisClient  *client,
                          const char    *key,
                          const char    *field,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);
  g_return_val_if_fail (field != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "HGET", key, field, cancellable, error);
  return _gredis_reply_to_bytes (reply, error);
}

/**
 * gredis_client_hgetall_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets every field of the hash at @key (`HGETALL`), binary-safe: values are
 * #GBytes, which may hold any bytes. Finish with
 * gredis_client_hgetall_bytes_finish().
 */
void
gredis_client_hgetall_bytes_async (GredisClient        *client,
                                   const char          *key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "HGETALL", key, NULL, gredis_client_hgetall_bytes_async,
                              cancellable, callback, user_data);
}

/**
 * gredis_client_hgetall_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_hgetall_bytes_async().
 *
 * Returns: (transfer container) (element-type GBytes): the fields and their
 *   values, alternating, empty when the key does not exist; the array frees
 *   them. Unlike gredis_client_hgetall(), this is not a hash table: fields may
 *   be binary too, and bindings cannot take a hash table of #GBytes safely
 */
GPtrArray *
gredis_client_hgetall_bytes_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_hgetall_bytes_async, error);

  return _gredis_reply_to_bytes_pairs (reply, error);
}

/**
 * gredis_client_hgetall_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets every field of the hash at @key (`HGETALL`), binary-safe: values are
 * #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: (transfer container) (element-type GBytes): the fields and their
 *   values, alternating, empty when the key does not exist; the array frees
 *   them. Unlike gredis_client_hgetall(), this is not a hash table: fields may
 *   be binary too, and bindings cannot take a hash table of #GBytes safely
 */
GPtrArray *
gredis_client_hgetall_bytes (GredisClient  *client,
                             const char    *key,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "HGETALL", key, NULL, cancellable, error);
  return _gredis_reply_to_bytes_pairs (reply, error);
}
