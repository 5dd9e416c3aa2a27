/* gredis-client-keys.c: typed helpers for keys and expiry
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"

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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys != NULL);

  _gredis_cmd_send_strv_async (client, "DEL", NULL, keys, gredis_client_del_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (keys != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "DEL", NULL, keys, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (keys != NULL);

  _gredis_cmd_send_strv_async (client, "EXISTS", NULL, keys, gredis_client_exists_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (keys != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "EXISTS", NULL, keys, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

static const CmdFlag expire_words[] = {
  { GREDIS_EXPIRE_NX, "NX" },
  { GREDIS_EXPIRE_XX, "XX" },
  { GREDIS_EXPIRE_GT, "GT" },
  { GREDIS_EXPIRE_LT, "LT" },
};

/* EXPIRE or PEXPIRE KEY TIME [NX] [XX] [GT] [LT], for both forms */
static void
expire_argv (Cmd               *c,
             const char        *name,
             const char        *key,
             gint64             time,
             GredisExpireFlags  flags)
{
  _gredis_cmd_init_key (c, name, key);
  _gredis_cmd_add_int (c, time);
  _gredis_cmd_add_flags (c, flags, expire_words, G_N_ELEMENTS (expire_words));
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

  expire_argv (&c, "EXPIRE", key, seconds, flags);
  _gredis_cmd_send_async (client, &c, gredis_client_expire_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_bool (reply, error);
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

  expire_argv (&c, "EXPIRE", key, seconds, flags);
  return _gredis_reply_to_bool (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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

  expire_argv (&c, "PEXPIRE", key, milliseconds, flags);
  _gredis_cmd_send_async (client, &c, gredis_client_pexpire_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_bool (reply, error);
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

  expire_argv (&c, "PEXPIRE", key, milliseconds, flags);
  return _gredis_reply_to_bool (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "TTL", key, NULL, gredis_client_ttl_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "TTL", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "PTTL", key, NULL, gredis_client_pttl_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "PTTL", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "PERSIST", key, NULL, gredis_client_persist_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_bool (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);

  reply = _gredis_cmd_send_key_sync (client, "PERSIST", key, NULL, cancellable, error);
  return _gredis_reply_to_bool (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "TYPE", key, NULL, gredis_client_type_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_str (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  reply = _gredis_cmd_send_key_sync (client, "TYPE", key, NULL, cancellable, error);
  return _gredis_reply_to_str (reply, error);
}
