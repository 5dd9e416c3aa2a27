/* gredis-client-sets.c: typed helpers for sets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"

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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (members != NULL);

  _gredis_cmd_send_strv_async (client, "SADD", key, members, gredis_client_sadd_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (members != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "SADD", key, members, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (members != NULL);

  _gredis_cmd_send_strv_async (client, "SREM", key, members, gredis_client_srem_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (members != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "SREM", key, members, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "SMEMBERS", key, NULL, gredis_client_smembers_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_strv (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "SMEMBERS", key, NULL, cancellable, error);
  return _gredis_reply_to_strv (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  _gredis_cmd_send_key_async (client, "SISMEMBER", key, member, gredis_client_sismember_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_bool (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  reply = _gredis_cmd_send_key_sync (client, "SISMEMBER", key, member, cancellable, error);
  return _gredis_reply_to_bool (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "SCARD", key, NULL, gredis_client_scard_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "SCARD", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/* Binary-safe forms: values as GBytes, built by the same argv helpers. */

/**
 * gredis_client_sadd_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the members
 * @n_values: the number of members
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Adds members to the set at @key (`SADD`), binary-safe: values are #GBytes,
 * which may hold any bytes. Finish with gredis_client_sadd_bytes_finish().
 */
void
gredis_client_sadd_bytes_async (GredisClient        *client,
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

  _gredis_cmd_send_bytesv_async (client, "SADD", key, values, n_values, gredis_client_sadd_bytes_async,
                                 cancellable, callback, user_data);
}

/**
 * gredis_client_sadd_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_sadd_bytes_async().
 *
 * Returns: the number of members added
 */
gint64
gredis_client_sadd_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_sadd_bytes_async, error);

  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_sadd_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the members
 * @n_values: the number of members
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds members to the set at @key (`SADD`), binary-safe: values are #GBytes,
 * which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: the number of members added
 */
gint64
gredis_client_sadd_bytes (GredisClient    *client,
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

  reply = _gredis_cmd_send_bytesv_sync (client, "SADD", key, values, n_values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_srem_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the members
 * @n_values: the number of members
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes members from the set at @key (`SREM`), binary-safe: values are
 * #GBytes, which may hold any bytes. Finish with
 * gredis_client_srem_bytes_finish().
 */
void
gredis_client_srem_bytes_async (GredisClient        *client,
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

  _gredis_cmd_send_bytesv_async (client, "SREM", key, values, n_values, gredis_client_srem_bytes_async,
                                 cancellable, callback, user_data);
}

/**
 * gredis_client_srem_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_srem_bytes_async().
 *
 * Returns: the number of members removed
 */
gint64
gredis_client_srem_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_srem_bytes_async, error);

  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_srem_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the members
 * @n_values: the number of members
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes members from the set at @key (`SREM`), binary-safe: values are
 * #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: the number of members removed
 */
gint64
gredis_client_srem_bytes (GredisClient    *client,
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

  reply = _gredis_cmd_send_bytesv_sync (client, "SREM", key, values, n_values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_smembers_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the members of the set at @key (`SMEMBERS`), binary-safe: values are
 * #GBytes, which may hold any bytes. Finish with
 * gredis_client_smembers_bytes_finish().
 */
void
gredis_client_smembers_bytes_async (GredisClient        *client,
                                    const char          *key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "SMEMBERS", key, NULL, gredis_client_smembers_bytes_async,
                              cancellable, callback, user_data);
}

/**
 * gredis_client_smembers_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_smembers_bytes_async().
 *
 * Returns: (transfer container) (element-type GBytes): the members, in no
 *   particular order; the array frees them
 */
GPtrArray *
gredis_client_smembers_bytes_finish (GredisClient  *client,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_smembers_bytes_async, error);

  return _gredis_reply_to_bytes_array (reply, error);
}

/**
 * gredis_client_smembers_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the members of the set at @key (`SMEMBERS`), binary-safe: values are
 * #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: (transfer container) (element-type GBytes): the members, in no
 *   particular order; the array frees them
 */
GPtrArray *
gredis_client_smembers_bytes (GredisClient  *client,
                              const char    *key,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "SMEMBERS", key, NULL, cancellable, error);
  return _gredis_reply_to_bytes_array (reply, error);
}

/**
 * gredis_client_sismember_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Tells whether @member is in the set at @key (`SISMEMBER`), binary-safe:
 * values are #GBytes, which may hold any bytes. Finish with
 * gredis_client_sismember_bytes_finish().
 */
void
gredis_client_sismember_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     GBytes              *member,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  _gredis_cmd_send_key_bytes_async (client, "SISMEMBER", key, member, gredis_client_sismember_bytes_async,
                                    cancellable, callback, user_data);
}

/**
 * gredis_client_sismember_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_sismember_bytes_async().
 *
 * Returns: whether @member is a member
 */
gboolean
gredis_client_sismember_bytes_finish (GredisClient  *client,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_sismember_bytes_async, error);

  return _gredis_reply_to_bool (reply, error);
}

/**
 * gredis_client_sismember_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Tells whether @member is in the set at @key (`SISMEMBER`), binary-safe:
 * values are #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: whether @member is a member
 */
gboolean
gredis_client_sismember_bytes (GredisClient  *client,
                               const char    *key,
                               GBytes        *member,
                               GCancellable  *cancellable,
                               GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  reply = _gredis_cmd_send_key_bytes_sync (client, "SISMEMBER", key, member, cancellable, error);
  return _gredis_reply_to_bool (reply, error);
}
