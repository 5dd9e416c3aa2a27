/* gredis-client-sorted-sets.c: typed helpers for sorted sets
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"

static const CmdFlag zadd_words[] = {
  { GREDIS_ZADD_NX, "NX" },
  { GREDIS_ZADD_XX, "XX" },
  { GREDIS_ZADD_GT, "GT" },
  { GREDIS_ZADD_LT, "LT" },
  { GREDIS_ZADD_CH, "CH" },
};

/* ZADD KEY [NX] [XX] [GT] [LT] [CH] SCORE MEMBER, for both forms */
static void
zadd_argv (Cmd             *c,
           const char      *key,
           double           score,
           const char      *member,
           GBytes          *bytes,
           GredisZaddFlags  flags)
{
  _gredis_cmd_init_key (c, "ZADD", key);
  _gredis_cmd_add_flags (c, flags, zadd_words, G_N_ELEMENTS (zadd_words));
  _gredis_cmd_add_double (c, score);
  if (bytes != NULL)
    _gredis_cmd_add_bytes (c, bytes);
  else
    _gredis_cmd_add (c, member);
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

  zadd_argv (&c, key, score, member, NULL, flags);
  _gredis_cmd_send_async (client, &c, gredis_client_zadd_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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

  zadd_argv (&c, key, score, member, NULL, flags);
  return _gredis_reply_to_int (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (members != NULL);

  _gredis_cmd_send_strv_async (client, "ZREM", key, members, gredis_client_zrem_async,
                               cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (members != NULL, 0);

  reply = _gredis_cmd_send_strv_sync (client, "ZREM", key, members, cancellable, error);
  return _gredis_reply_to_int (reply, error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  _gredis_cmd_send_key_async (client, "ZSCORE", key, member, gredis_client_zscore_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_score (reply, score, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  reply = _gredis_cmd_send_key_sync (client, "ZSCORE", key, member, cancellable, error);
  return _gredis_reply_to_score (reply, score, error);
}

/* ZINCRBY KEY INCREMENT MEMBER, for every form: the member is @member, or
 * @bytes when it is not %NULL. */
static void
zincrby_argv (Cmd        *c,
              const char *key,
              double      increment,
              const char *member,
              GBytes     *bytes)
{
  _gredis_cmd_init_key (c, "ZINCRBY", key);
  _gredis_cmd_add_double (c, increment);
  if (bytes != NULL)
    _gredis_cmd_add_bytes (c, bytes);
  else
    _gredis_cmd_add (c, member);
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

  zincrby_argv (&c, key, increment, member, NULL);
  _gredis_cmd_send_async (client, &c, gredis_client_zincrby_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_double (reply, error);
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

  zincrby_argv (&c, key, increment, member, NULL);
  return _gredis_reply_to_double (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
}

/* ZRANGE KEY START STOP [BYSCORE|BYLEX] [REV], for both forms */
static void
zrange_argv (Cmd               *c,
             const char        *key,
             const char        *start,
             const char        *stop,
             GredisZrangeFlags  flags)
{
  _gredis_cmd_init_key (c, "ZRANGE", key);
  _gredis_cmd_add (c, start);
  _gredis_cmd_add (c, stop);
  if (flags & GREDIS_ZRANGE_BYSCORE)
    _gredis_cmd_add (c, "BYSCORE");
  else if (flags & GREDIS_ZRANGE_BYLEX)
    _gredis_cmd_add (c, "BYLEX");
  if (flags & GREDIS_ZRANGE_REV)
    _gredis_cmd_add (c, "REV");
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

  zrange_argv (&c, key, start, stop, flags);
  _gredis_cmd_send_async (client, &c, gredis_client_zrange_async, cancellable, callback, user_data);
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

  return _gredis_reply_to_strv (reply, error);
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

  zrange_argv (&c, key, start, stop, flags);
  return _gredis_reply_to_strv (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
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
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);

  _gredis_cmd_send_key_async (client, "ZCARD", key, NULL, gredis_client_zcard_async,
                              cancellable, callback, user_data);
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

  return _gredis_reply_to_int (reply, error);
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
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);

  reply = _gredis_cmd_send_key_sync (client, "ZCARD", key, NULL, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/* Binary-safe forms: values as GBytes, built by the same argv helpers. */

/**
 * gredis_client_zadd_bytes_async:
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
 * (`ZADD`), binary-safe: values are #GBytes, which may hold any bytes. Finish
 * with gredis_client_zadd_bytes_finish().
 */
void
gredis_client_zadd_bytes_async (GredisClient        *client,
                                const char          *key,
                                double               score,
                                GBytes              *member,
                                GredisZaddFlags      flags,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  zadd_argv (&c, key, score, NULL, member, flags);
  _gredis_cmd_send_async (client, &c, gredis_client_zadd_bytes_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zadd_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zadd_bytes_async().
 *
 * Returns: the number of members added, or changed with %GREDIS_ZADD_CH
 */
gint64
gredis_client_zadd_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zadd_bytes_async, error);

  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_zadd_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @score: the score
 * @member: the member
 * @flags: conditions and options
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds @member with @score to the sorted set at @key, or updates its score
 * (`ZADD`), binary-safe: values are #GBytes, which may hold any bytes. Blocks;
 * safe from any thread.
 *
 * Returns: the number of members added, or changed with %GREDIS_ZADD_CH
 */
gint64
gredis_client_zadd_bytes (GredisClient     *client,
                          const char       *key,
                          double            score,
                          GBytes           *member,
                          GredisZaddFlags   flags,
                          GCancellable     *cancellable,
                          GError          **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0);
  g_return_val_if_fail (key != NULL, 0);
  g_return_val_if_fail (member != NULL, 0);

  zadd_argv (&c, key, score, NULL, member, flags);
  return _gredis_reply_to_int (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_zrem_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the members
 * @n_values: the number of members
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Removes members from the sorted set at @key (`ZREM`), binary-safe: values
 * are #GBytes, which may hold any bytes. Finish with
 * gredis_client_zrem_bytes_finish().
 */
void
gredis_client_zrem_bytes_async (GredisClient        *client,
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

  _gredis_cmd_send_bytesv_async (client, "ZREM", key, values, n_values, gredis_client_zrem_bytes_async,
                                 cancellable, callback, user_data);
}

/**
 * gredis_client_zrem_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zrem_bytes_async().
 *
 * Returns: the number of members removed
 */
gint64
gredis_client_zrem_bytes_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zrem_bytes_async, error);

  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_zrem_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @values: (array length=n_values): the members
 * @n_values: the number of members
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Removes members from the sorted set at @key (`ZREM`), binary-safe: values
 * are #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: the number of members removed
 */
gint64
gredis_client_zrem_bytes (GredisClient    *client,
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

  reply = _gredis_cmd_send_bytesv_sync (client, "ZREM", key, values, n_values, cancellable, error);
  return _gredis_reply_to_int (reply, error);
}

/**
 * gredis_client_zscore_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets the score of @member in the sorted set at @key (`ZSCORE`), binary-safe:
 * values are #GBytes, which may hold any bytes. Finish with
 * gredis_client_zscore_bytes_finish().
 */
void
gredis_client_zscore_bytes_async (GredisClient        *client,
                                  const char          *key,
                                  GBytes              *member,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  _gredis_cmd_send_key_bytes_async (client, "ZSCORE", key, member, gredis_client_zscore_bytes_async,
                                    cancellable, callback, user_data);
}

/**
 * gredis_client_zscore_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @score: (out) (optional): where to store the score
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zscore_bytes_async().
 *
 * Returns: %TRUE with @score set when @member is in the set, %FALSE with no
 *   error when it is not, %FALSE with an error on failure
 */
gboolean
gredis_client_zscore_bytes_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   double        *score,
                                   GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zscore_bytes_async, error);

  return _gredis_reply_to_score (reply, score, error);
}

/**
 * gredis_client_zscore_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @member: the member
 * @score: (out) (optional): where to store the score
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the score of @member in the sorted set at @key (`ZSCORE`), binary-safe:
 * values are #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: %TRUE with @score set when @member is in the set, %FALSE with no
 *   error when it is not, %FALSE with an error on failure
 */
gboolean
gredis_client_zscore_bytes (GredisClient  *client,
                            const char    *key,
                            GBytes        *member,
                            double        *score,
                            GCancellable  *cancellable,
                            GError       **error)
{
  GredisReply *reply;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (member != NULL, FALSE);

  reply = _gredis_cmd_send_key_bytes_sync (client, "ZSCORE", key, member, cancellable, error);
  return _gredis_reply_to_score (reply, score, error);
}

/**
 * gredis_client_zincrby_bytes_async:
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
 * (`ZINCRBY`), binary-safe: values are #GBytes, which may hold any bytes.
 * Finish with gredis_client_zincrby_bytes_finish().
 */
void
gredis_client_zincrby_bytes_async (GredisClient        *client,
                                   const char          *key,
                                   double               increment,
                                   GBytes              *member,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  Cmd c;

  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (key != NULL);
  g_return_if_fail (member != NULL);

  zincrby_argv (&c, key, increment, NULL, member);
  _gredis_cmd_send_async (client, &c, gredis_client_zincrby_bytes_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zincrby_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zincrby_bytes_async().
 *
 * Returns: the new score
 */
double
gredis_client_zincrby_bytes_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zincrby_bytes_async, error);

  return _gredis_reply_to_double (reply, error);
}

/**
 * gredis_client_zincrby_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @increment: the amount to add
 * @member: the member
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Adds @increment to the score of @member in the sorted set at @key
 * (`ZINCRBY`), binary-safe: values are #GBytes, which may hold any bytes.
 * Blocks; safe from any thread.
 *
 * Returns: the new score
 */
double
gredis_client_zincrby_bytes (GredisClient  *client,
                             const char    *key,
                             double         increment,
                             GBytes        *member,
                             GCancellable  *cancellable,
                             GError       **error)
{
  Cmd c;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), 0.0);
  g_return_val_if_fail (key != NULL, 0.0);
  g_return_val_if_fail (member != NULL, 0.0);

  zincrby_argv (&c, key, increment, NULL, member);
  return _gredis_reply_to_double (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
}

/**
 * gredis_client_zrange_bytes_async:
 * @client: a #GredisClient
 * @key: the key
 * @start: the first rank, score or bound, as text
 * @stop: the last rank, score or bound, as text
 * @flags: how to read @start and @stop, and the order
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the reply is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Gets a range of the sorted set at @key (`ZRANGE`), binary-safe: values are
 * #GBytes, which may hold any bytes. Finish with
 * gredis_client_zrange_bytes_finish().
 */
void
gredis_client_zrange_bytes_async (GredisClient        *client,
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

  zrange_argv (&c, key, start, stop, flags);
  _gredis_cmd_send_async (client, &c, gredis_client_zrange_bytes_async, cancellable, callback, user_data);
}

/**
 * gredis_client_zrange_bytes_finish:
 * @client: a #GredisClient
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_client_zrange_bytes_async().
 *
 * Returns: (transfer container) (element-type GBytes): the members; the array
 *   frees them
 */
GPtrArray *
gredis_client_zrange_bytes_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  GredisReply *reply = _gredis_client_send_finish (client, result, gredis_client_zrange_bytes_async, error);

  return _gredis_reply_to_bytes_array (reply, error);
}

/**
 * gredis_client_zrange_bytes:
 * @client: a #GredisClient
 * @key: the key
 * @start: the first rank, score or bound, as text
 * @stop: the last rank, score or bound, as text
 * @flags: how to read @start and @stop, and the order
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets a range of the sorted set at @key (`ZRANGE`), binary-safe: values are
 * #GBytes, which may hold any bytes. Blocks; safe from any thread.
 *
 * Returns: (transfer container) (element-type GBytes): the members; the array
 *   frees them
 */
GPtrArray *
gredis_client_zrange_bytes (GredisClient       *client,
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

  zrange_argv (&c, key, start, stop, flags);
  return _gredis_reply_to_bytes_array (_gredis_cmd_send_sync (client, &c, cancellable, error), error);
}
