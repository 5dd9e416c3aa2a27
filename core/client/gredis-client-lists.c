/* gredis-client-lists.c: typed helpers for lists
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"

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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (values != NULL);

  _gredis_cmd_send_strv_async (client, "LPUSH", key, values, gredis_client_lpush_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (values != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "LPUSH", key, values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (values != NULL);

  _gredis_cmd_send_strv_async (client, "RPUSH", key, values, gredis_client_rpush_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (values != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "RPUSH", key, values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "LPOP", key, NULL, gredis_client_lpop_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_str (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "LPOP", key, NULL, cancellable, error);
  return _gredis_reply_to_str (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "RPOP", key, NULL, gredis_client_rpop_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_str (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "RPOP", key, NULL, cancellable, error);
  return _gredis_reply_to_str (reply, error);
}

/* LRANGE KEY START STOP, for every form */
static void
lrange_argv (Cmd        *c,
             const char *key,
             gint64      start,
             gint64      stop)
{
  _gredis_cmd_init_key (c, "LRANGE", key);
  _gredis_cmd_add_int (c, start);
  _gredis_cmd_add_int (c, stop);
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

  lrange_argv (&c, key, start, stop);
  _gredis_cmd_send_async (client, &c, gredis_client_lrange_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_strv (reply, error);
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

  lrange_argv (&c, key, start, stop);
  return _gredis_reply_to_strv (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "LLEN", key, NULL, gredis_client_llen_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "LLEN", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/* Binary-safe forms: values as GBytes, built by the same argv helpers. */

/**
 * gredis_client_lpush_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the values
 * @n_values: the number of values
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Inserts values at the head of the list at @key (`LPUSH`), binary-safe:
 * values are #GBytes, which may hold any bytes. Finish with
 * gredis_client_lpush_bytes_finish().
 */
void
gredis_client_lpush_bytes_async (GredisClient        *client,
                                 const char          *key,
                                 GBytes * const      *values,
                                 guint                n_values,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (values != NULL || n_values == 0);

  _gredis_cmd_send_bytesv_async (client, "LPUSH", key, values, n_values, gredis_client_lpush_bytes_async,
                                 cancellable, callback, user_data);
}

/**
 * gredis_client_lpush_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_lpush_bytes_async().
 *
 * Returns: the length of the list after the push
 */
gint64
gredis_client_lpush_bytes_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_lpush_bytes_async, error);

  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_lpush_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the values
 * @n_values: the number of values
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Inserts values at the head of the list at @key (`LPUSH`), binary-safe:
 * values are #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: the length of the list after the push
 */
gint64
gredis_client_lpush_bytes (GredisClient    *client,
                           const char      *key,
                           GBytes * const  *values,
                           guint            n_values,
                           GCancellable    *cancellable,
                           GError         **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);

  reply = _gredis_cmd_send_bytesv_sync (client, "LPUSH", key, values, n_values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_rpush_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the values
 * @n_values: the number of values
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Appends values to the tail of the list at @key (`RPUSH`), binary-safe:
 * values are #GBytes, which may hold any bytes. Finish with
 * gredis_client_rpush_bytes_finish().
 */
void
gredis_client_rpush_bytes_async (GredisClient        *client,
                                 const char          *key,
                                 GBytes * const      *values,
                                 guint                n_values,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (values != NULL || n_values == 0);

  _gredis_cmd_send_bytesv_async (client, "RPUSH", key, values, n_values, gredis_client_rpush_bytes_async,
                                 cancellable, callback, user_data);
}

/**
 * gredis_client_rpush_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_rpush_bytes_async().
 *
 * Returns: the length of the list after the push
 */
gint64
gredis_client_rpush_bytes_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_rpush_bytes_async, error);

  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_rpush_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the values
 * @n_values: the number of values
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Appends values to the tail of the list at @key (`RPUSH`), binary-safe:
 * values are #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: the length of the list after the push
 */
gint64
gredis_client_rpush_bytes (GredisClient    *client,
                           const char      *key,
                           GBytes * const  *values,
                           guint            n_values,
                           GCancellable    *cancellable,
                           GError         **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (values != NULL || n_values == 0, 0);

  reply = _gredis_cmd_send_bytesv_sync (client, "RPUSH", key, values, n_values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_lpop_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes and returns the first element of the list at @key (`LPOP`),
 * binary-safe: values are #GBytes, which may hold any bytes. Finish with
 * gredis_client_lpop_bytes_finish().
 */
void
gredis_client_lpop_bytes_async (GredisClient        *client,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "LPOP", key, NULL, gredis_client_lpop_bytes_async,
                              cancellable, callback, user_data);
}

/**
 * gredis_client_lpop_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_lpop_bytes_async().
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with no error
 *   when the list is empty or does not exist
 */
GBytes *
gredis_client_lpop_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_lpop_bytes_async, error);

  return _gredis_reply_to_bytes (reply, error);
}

/**
 * gredis_client_lpop_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes and returns the first element of the list at @key (`LPOP`),
 * binary-safe: values are #GBytes, which may hold any bytes. Blocks; safe from
 * any thread.
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with no error
 *   when the list is empty or does not exist
 */
GBytes *
gredis_client_lpop_bytes (GredisClient  *client,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "LPOP", key, NULL, cancellable, error);
  return _gredis_reply_to_bytes (reply, error);
}

/**
 * gredis_client_rpop_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes and returns the last element of the list at @key (`RPOP`),
 * binary-safe: values are #GBytes, which may hold any bytes. Finish with
 * gredis_client_rpop_bytes_finish().
 */
void
gredis_client_rpop_bytes_async (GredisClient        *client,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "RPOP", key, NULL, gredis_client_rpop_bytes_async,
                              cancellable, callback, user_data);
}

/**
 * gredis_client_rpop_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_rpop_bytes_async().
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with no error
 *   when the list is empty or does not exist
 */
GBytes *
gredis_client_rpop_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_rpop_bytes_async, error);

  return _gredis_reply_to_bytes (reply, error);
}

/**
 * gredis_client_rpop_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes and returns the last element of the list at @key (`RPOP`),
 * binary-safe: values are #GBytes, which may hold any bytes. Blocks; safe from
 * any thread.
 *
 * Returns: (transfer full) (nullable): the element, or %NULL with no error
 *   when the list is empty or does not exist
 */
GBytes *
gredis_client_rpop_bytes (GredisClient  *client,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "RPOP", key, NULL, cancellable, error);
  return _gredis_reply_to_bytes (reply, error);
}

/**
 * gredis_client_lrange_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @start: the index of the first element (negative counts from the end)
 * @stop: the index of the last element, included (negative counts from the
 *   end)
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets a range of the list at @key (`LRANGE`), binary-safe: values are
 * #GBytes, which may hold any bytes. Finish with
 * gredis_client_lrange_bytes_finish().
 */
void
gredis_client_lrange_bytes_async (GredisClient        *client,
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

  lrange_argv (&c, key, start, stop);
  _gredis_cmd_send_async (client, &c, gredis_client_lrange_bytes_async, cancellable, callback, user_data);
}

/**
 * gredis_client_lrange_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_lrange_bytes_async().
 *
 * Returns: (transfer container) (element-type GBytes): the elements; the array
 *   frees them
 */
GPtrArray *
gredis_client_lrange_bytes_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_lrange_bytes_async, error);

  return _gredis_reply_to_bytes_array (reply, error);
}

/**
 * gredis_client_lrange_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @start: the index of the first element (negative counts from the end)
 * @stop: the index of the last element, included (negative counts from the
 *   end)
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a range of the list at @key (`LRANGE`), binary-safe: values are
 * #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: (transfer container) (element-type GBytes): the elements; the array
 *   frees them
 */
GPtrArray *
gredis_client_lrange_bytes (GredisClient  *client,
                            const char    *key,
                            gint64         start,
                            gint64         stop,
                            GCancellable  *cancellable,
                            GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  lrange_argv (&c, key, start, stop);
  return _gredis_reply_to_bytes_array (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
}
