/* gredis-commands.h: typed helpers for everyday commands
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-client.h>

G_BEGIN_DECLS

/**
 * GredisSetFlags:
 * @GREDIS_SET_NONE: set unconditionally.
 * @GREDIS_SET_NX: only if the key does not exist (`NX`).
 * @GREDIS_SET_XX: only if the key exists (`XX`).
 * @GREDIS_SET_KEEPTTL: keep the key's time to live (`KEEPTTL`).
 *
 * Options of gredis_client_set() and gredis_client_set_bytes().
 */
typedef enum /*< flags >*/ {
  GREDIS_SET_NONE = 0,
  GREDIS_SET_NX = 1 << 0,
  GREDIS_SET_XX = 1 << 1,
  GREDIS_SET_KEEPTTL = 1 << 2,
} GredisSetFlags;

/**
 * GredisExpireFlags:
 * @GREDIS_EXPIRE_NONE: set the expiry unconditionally.
 * @GREDIS_EXPIRE_NX: only if the key has no expiry (`NX`).
 * @GREDIS_EXPIRE_XX: only if the key has an expiry (`XX`).
 * @GREDIS_EXPIRE_GT: only if the new expiry is later (`GT`).
 * @GREDIS_EXPIRE_LT: only if the new expiry is sooner (`LT`).
 *
 * Options of gredis_client_expire() and gredis_client_pexpire().
 */
typedef enum /*< flags >*/ {
  GREDIS_EXPIRE_NONE = 0,
  GREDIS_EXPIRE_NX = 1 << 0,
  GREDIS_EXPIRE_XX = 1 << 1,
  GREDIS_EXPIRE_GT = 1 << 2,
  GREDIS_EXPIRE_LT = 1 << 3,
} GredisExpireFlags;

/**
 * GredisZaddFlags:
 * @GREDIS_ZADD_NONE: add or update.
 * @GREDIS_ZADD_NX: only add new members (`NX`).
 * @GREDIS_ZADD_XX: only update existing members (`XX`).
 * @GREDIS_ZADD_GT: only update when the new score is greater (`GT`).
 * @GREDIS_ZADD_LT: only update when the new score is less (`LT`).
 * @GREDIS_ZADD_CH: count changed members, not only added ones (`CH`).
 *
 * Options of gredis_client_zadd() and gredis_client_zadd_bytes().
 */
typedef enum /*< flags >*/ {
  GREDIS_ZADD_NONE = 0,
  GREDIS_ZADD_NX = 1 << 0,
  GREDIS_ZADD_XX = 1 << 1,
  GREDIS_ZADD_GT = 1 << 2,
  GREDIS_ZADD_LT = 1 << 3,
  GREDIS_ZADD_CH = 1 << 4,
} GredisZaddFlags;

/**
 * GredisZrangeFlags:
 * @GREDIS_ZRANGE_NONE: by rank, lowest score first.
 * @GREDIS_ZRANGE_BYSCORE: @start and @stop are scores (`BYSCORE`), such as
 *   `1`, `(1` or `-inf`.
 * @GREDIS_ZRANGE_BYLEX: @start and @stop are lexicographic bounds (`BYLEX`),
 *   such as `[a` or `-`.
 * @GREDIS_ZRANGE_REV: highest first (`REV`).
 *
 * Options of gredis_client_zrange() and gredis_client_zrange_bytes().
 */
typedef enum /*< flags >*/ {
  GREDIS_ZRANGE_NONE = 0,
  GREDIS_ZRANGE_BYSCORE = 1 << 0,
  GREDIS_ZRANGE_BYLEX = 1 << 1,
  GREDIS_ZRANGE_REV = 1 << 2,
} GredisZrangeFlags;

/* Each helper comes in three forms: `_async` and `_finish`, and a blocking
 * form safe from any thread (core/client/gredis-client-*.c). */

GREDIS_AVAILABLE_IN_ALL
void gredis_client_get_async (GredisClient        *client,
                              const char          *key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_get_finish (GredisClient  *client,
                                GAsyncResult  *result,
                                GError       **error);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_get (GredisClient  *client,
                         const char    *key,
                         GCancellable  *cancellable,
                         GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_set_async (GredisClient        *client,
                              const char          *key,
                              const char          *value,
                              guint64              expire_ms,
                              GredisSetFlags       flags,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_set_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_set (GredisClient    *client,
                            const char      *key,
                            const char      *value,
                            guint64          expire_ms,
                            GredisSetFlags   flags,
                            GCancellable    *cancellable,
                            GError         **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_mget_async (GredisClient        *client,
                               const char * const  *keys,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_mget_finish (GredisClient  *client,
                                      GAsyncResult  *result,
                                      GError       **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_mget (GredisClient        *client,
                               const char * const  *keys,
                               GCancellable        *cancellable,
                               GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_mset_async (GredisClient        *client,
                               const char * const  *keys_and_values,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_mset_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_mset (GredisClient        *client,
                             const char * const  *keys_and_values,
                             GCancellable        *cancellable,
                             GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_append_async (GredisClient        *client,
                                 const char          *key,
                                 const char          *value,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_append_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_append (GredisClient  *client,
                             const char    *key,
                             const char    *value,
                             GCancellable  *cancellable,
                             GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_strlen_async (GredisClient        *client,
                                 const char          *key,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_strlen_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_strlen (GredisClient  *client,
                             const char    *key,
                             GCancellable  *cancellable,
                             GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_incr_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_incr_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_incr (GredisClient  *client,
                           const char    *key,
                           GCancellable  *cancellable,
                           GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_decr_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_decr_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_decr (GredisClient  *client,
                           const char    *key,
                           GCancellable  *cancellable,
                           GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_incrby_async (GredisClient        *client,
                                 const char          *key,
                                 gint64               increment,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_incrby_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_incrby (GredisClient  *client,
                             const char    *key,
                             gint64         increment,
                             GCancellable  *cancellable,
                             GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_decrby_async (GredisClient        *client,
                                 const char          *key,
                                 gint64               decrement,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_decrby_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_decrby (GredisClient  *client,
                             const char    *key,
                             gint64         decrement,
                             GCancellable  *cancellable,
                             GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_incrbyfloat_async (GredisClient        *client,
                                      const char          *key,
                                      double               increment,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
double gredis_client_incrbyfloat_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error);
GREDIS_AVAILABLE_IN_ALL
double gredis_client_incrbyfloat (GredisClient  *client,
                                  const char    *key,
                                  double         increment,
                                  GCancellable  *cancellable,
                                  GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_del_async (GredisClient        *client,
                              const char * const  *keys,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_del_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_del (GredisClient        *client,
                          const char * const  *keys,
                          GCancellable        *cancellable,
                          GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_exists_async (GredisClient        *client,
                                 const char * const  *keys,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_exists_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_exists (GredisClient        *client,
                             const char * const  *keys,
                             GCancellable        *cancellable,
                             GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_expire_async (GredisClient        *client,
                                 const char          *key,
                                 gint64               seconds,
                                 GredisExpireFlags    flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_expire_finish (GredisClient  *client,
                                      GAsyncResult  *result,
                                      GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_expire (GredisClient       *client,
                               const char         *key,
                               gint64              seconds,
                               GredisExpireFlags   flags,
                               GCancellable       *cancellable,
                               GError            **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_pexpire_async (GredisClient        *client,
                                  const char          *key,
                                  gint64               milliseconds,
                                  GredisExpireFlags    flags,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_pexpire_finish (GredisClient  *client,
                                       GAsyncResult  *result,
                                       GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_pexpire (GredisClient       *client,
                                const char         *key,
                                gint64              milliseconds,
                                GredisExpireFlags   flags,
                                GCancellable       *cancellable,
                                GError            **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_ttl_async (GredisClient        *client,
                              const char          *key,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_ttl_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_ttl (GredisClient  *client,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_pttl_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_pttl_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_pttl (GredisClient  *client,
                           const char    *key,
                           GCancellable  *cancellable,
                           GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_persist_async (GredisClient        *client,
                                  const char          *key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_persist_finish (GredisClient  *client,
                                       GAsyncResult  *result,
                                       GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_persist (GredisClient  *client,
                                const char    *key,
                                GCancellable  *cancellable,
                                GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_type_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_type_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_type (GredisClient  *client,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hset_async (GredisClient        *client,
                               const char          *key,
                               const char * const  *fields_and_values,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hset_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hset (GredisClient        *client,
                           const char          *key,
                           const char * const  *fields_and_values,
                           GCancellable        *cancellable,
                           GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hget_async (GredisClient        *client,
                               const char          *key,
                               const char          *field,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_hget_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_hget (GredisClient  *client,
                          const char    *key,
                          const char    *field,
                          GCancellable  *cancellable,
                          GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hgetall_async (GredisClient        *client,
                                  const char          *key,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GHashTable *gredis_client_hgetall_finish (GredisClient  *client,
                                          GAsyncResult  *result,
                                          GError       **error);
GREDIS_AVAILABLE_IN_ALL
GHashTable *gredis_client_hgetall (GredisClient  *client,
                                   const char    *key,
                                   GCancellable  *cancellable,
                                   GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hdel_async (GredisClient        *client,
                               const char          *key,
                               const char * const  *fields,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hdel_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hdel (GredisClient        *client,
                           const char          *key,
                           const char * const  *fields,
                           GCancellable        *cancellable,
                           GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hincrby_async (GredisClient        *client,
                                  const char          *key,
                                  const char          *field,
                                  gint64               increment,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hincrby_finish (GredisClient  *client,
                                     GAsyncResult  *result,
                                     GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hincrby (GredisClient  *client,
                              const char    *key,
                              const char    *field,
                              gint64         increment,
                              GCancellable  *cancellable,
                              GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hexists_async (GredisClient        *client,
                                  const char          *key,
                                  const char          *field,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_hexists_finish (GredisClient  *client,
                                       GAsyncResult  *result,
                                       GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_hexists (GredisClient  *client,
                                const char    *key,
                                const char    *field,
                                GCancellable  *cancellable,
                                GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hlen_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hlen_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hlen (GredisClient  *client,
                           const char    *key,
                           GCancellable  *cancellable,
                           GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_lpush_async (GredisClient        *client,
                                const char          *key,
                                const char * const  *values,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_lpush_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_lpush (GredisClient        *client,
                            const char          *key,
                            const char * const  *values,
                            GCancellable        *cancellable,
                            GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_rpush_async (GredisClient        *client,
                                const char          *key,
                                const char * const  *values,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_rpush_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_rpush (GredisClient        *client,
                            const char          *key,
                            const char * const  *values,
                            GCancellable        *cancellable,
                            GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_lpop_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_lpop_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_lpop (GredisClient  *client,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_rpop_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_rpop_finish (GredisClient  *client,
                                 GAsyncResult  *result,
                                 GError       **error);
GREDIS_AVAILABLE_IN_ALL
char *gredis_client_rpop (GredisClient  *client,
                          const char    *key,
                          GCancellable  *cancellable,
                          GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_lrange_async (GredisClient        *client,
                                 const char          *key,
                                 gint64               start,
                                 gint64               stop,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
char **gredis_client_lrange_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error);
GREDIS_AVAILABLE_IN_ALL
char **gredis_client_lrange (GredisClient  *client,
                             const char    *key,
                             gint64         start,
                             gint64         stop,
                             GCancellable  *cancellable,
                             GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_llen_async (GredisClient        *client,
                               const char          *key,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_llen_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_llen (GredisClient  *client,
                           const char    *key,
                           GCancellable  *cancellable,
                           GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_sadd_async (GredisClient        *client,
                               const char          *key,
                               const char * const  *members,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_sadd_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_sadd (GredisClient        *client,
                           const char          *key,
                           const char * const  *members,
                           GCancellable        *cancellable,
                           GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_srem_async (GredisClient        *client,
                               const char          *key,
                               const char * const  *members,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_srem_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_srem (GredisClient        *client,
                           const char          *key,
                           const char * const  *members,
                           GCancellable        *cancellable,
                           GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_smembers_async (GredisClient        *client,
                                   const char          *key,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
char **gredis_client_smembers_finish (GredisClient  *client,
                                      GAsyncResult  *result,
                                      GError       **error);
GREDIS_AVAILABLE_IN_ALL
char **gredis_client_smembers (GredisClient  *client,
                               const char    *key,
                               GCancellable  *cancellable,
                               GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_sismember_async (GredisClient        *client,
                                    const char          *key,
                                    const char          *member,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_sismember_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_sismember (GredisClient  *client,
                                  const char    *key,
                                  const char    *member,
                                  GCancellable  *cancellable,
                                  GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_scard_async (GredisClient        *client,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_scard_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_scard (GredisClient  *client,
                            const char    *key,
                            GCancellable  *cancellable,
                            GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zadd_async (GredisClient        *client,
                               const char          *key,
                               double               score,
                               const char          *member,
                               GredisZaddFlags      flags,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zadd_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zadd (GredisClient     *client,
                           const char       *key,
                           double            score,
                           const char       *member,
                           GredisZaddFlags   flags,
                           GCancellable     *cancellable,
                           GError          **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zrem_async (GredisClient        *client,
                               const char          *key,
                               const char * const  *members,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zrem_finish (GredisClient  *client,
                                  GAsyncResult  *result,
                                  GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zrem (GredisClient        *client,
                           const char          *key,
                           const char * const  *members,
                           GCancellable        *cancellable,
                           GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zscore_async (GredisClient        *client,
                                 const char          *key,
                                 const char          *member,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_zscore_finish (GredisClient  *client,
                                      GAsyncResult  *result,
                                      double        *score,
                                      GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_zscore (GredisClient  *client,
                               const char    *key,
                               const char    *member,
                               double        *score,
                               GCancellable  *cancellable,
                               GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zincrby_async (GredisClient        *client,
                                  const char          *key,
                                  double               increment,
                                  const char          *member,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
double gredis_client_zincrby_finish (GredisClient  *client,
                                     GAsyncResult  *result,
                                     GError       **error);
GREDIS_AVAILABLE_IN_ALL
double gredis_client_zincrby (GredisClient  *client,
                              const char    *key,
                              double         increment,
                              const char    *member,
                              GCancellable  *cancellable,
                              GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zrange_async (GredisClient        *client,
                                 const char          *key,
                                 const char          *start,
                                 const char          *stop,
                                 GredisZrangeFlags    flags,
                                 GCancellable        *cancellable,
                                 GAsyncReadyCallback  callback,
                                 gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
char **gredis_client_zrange_finish (GredisClient  *client,
                                    GAsyncResult  *result,
                                    GError       **error);
GREDIS_AVAILABLE_IN_ALL
char **gredis_client_zrange (GredisClient       *client,
                             const char         *key,
                             const char         *start,
                             const char         *stop,
                             GredisZrangeFlags   flags,
                             GCancellable       *cancellable,
                             GError            **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zcard_async (GredisClient        *client,
                                const char          *key,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zcard_finish (GredisClient  *client,
                                   GAsyncResult  *result,
                                   GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zcard (GredisClient  *client,
                            const char    *key,
                            GCancellable  *cancellable,
                            GError       **error);

/* Binary-safe forms of the helpers that take or return values: values
 * as GBytes, which may hold any bytes. */

GREDIS_AVAILABLE_IN_ALL
void gredis_client_get_bytes_async (GredisClient        *client,
                                    const char          *key,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GBytes *gredis_client_get_bytes_finish (GredisClient  *client,
                                        GAsyncResult  *result,
                                        GError       **error);
GREDIS_AVAILABLE_IN_ALL
GBytes *gredis_client_get_bytes (GredisClient  *client,
                                 const char    *key,
                                 GCancellable  *cancellable,
                                 GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_set_bytes_async (GredisClient        *client,
                                    const char          *key,
                                    GBytes              *value,
                                    guint64              expire_ms,
                                    GredisSetFlags       flags,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_set_bytes_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_set_bytes (GredisClient    *client,
                                  const char      *key,
                                  GBytes          *value,
                                  guint64          expire_ms,
                                  GredisSetFlags   flags,
                                  GCancellable    *cancellable,
                                  GError         **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_mget_bytes_async (GredisClient        *client,
                                     const char * const  *keys,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_mget_bytes_finish (GredisClient  *client,
                                            GAsyncResult  *result,
                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_mget_bytes (GredisClient        *client,
                                     const char * const  *keys,
                                     GCancellable        *cancellable,
                                     GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_mset_bytes_async (GredisClient        *client,
                                     const char * const  *keys,
                                     GBytes * const      *values,
                                     guint                n_values,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_mset_bytes_finish (GredisClient  *client,
                                          GAsyncResult  *result,
                                          GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_mset_bytes (GredisClient        *client,
                                   const char * const  *keys,
                                   GBytes * const      *values,
                                   guint                n_values,
                                   GCancellable        *cancellable,
                                   GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_append_bytes_async (GredisClient        *client,
                                       const char          *key,
                                       GBytes              *value,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_append_bytes_finish (GredisClient  *client,
                                          GAsyncResult  *result,
                                          GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_append_bytes (GredisClient  *client,
                                   const char    *key,
                                   GBytes        *value,
                                   GCancellable  *cancellable,
                                   GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hset_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     const char * const  *fields,
                                     GBytes * const      *values,
                                     guint                n_values,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hset_bytes_finish (GredisClient  *client,
                                        GAsyncResult  *result,
                                        GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_hset_bytes (GredisClient        *client,
                                 const char          *key,
                                 const char * const  *fields,
                                 GBytes * const      *values,
                                 guint                n_values,
                                 GCancellable        *cancellable,
                                 GError             **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hget_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     const char          *field,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GBytes *gredis_client_hget_bytes_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error);
GREDIS_AVAILABLE_IN_ALL
GBytes *gredis_client_hget_bytes (GredisClient  *client,
                                  const char    *key,
                                  const char    *field,
                                  GCancellable  *cancellable,
                                  GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_hgetall_bytes_async (GredisClient        *client,
                                        const char          *key,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_hgetall_bytes_finish (GredisClient  *client,
                                               GAsyncResult  *result,
                                               GError       **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_hgetall_bytes (GredisClient  *client,
                                        const char    *key,
                                        GCancellable  *cancellable,
                                        GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_lpush_bytes_async (GredisClient        *client,
                                      const char          *key,
                                      GBytes * const      *values,
                                      guint                n_values,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_lpush_bytes_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_lpush_bytes (GredisClient    *client,
                                  const char      *key,
                                  GBytes * const  *values,
                                  guint            n_values,
                                  GCancellable    *cancellable,
                                  GError         **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_rpush_bytes_async (GredisClient        *client,
                                      const char          *key,
                                      GBytes * const      *values,
                                      guint                n_values,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_rpush_bytes_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_rpush_bytes (GredisClient    *client,
                                  const char      *key,
                                  GBytes * const  *values,
                                  guint            n_values,
                                  GCancellable    *cancellable,
                                  GError         **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_lpop_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GBytes *gredis_client_lpop_bytes_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error);
GREDIS_AVAILABLE_IN_ALL
GBytes *gredis_client_lpop_bytes (GredisClient  *client,
                                  const char    *key,
                                  GCancellable  *cancellable,
                                  GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_rpop_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GBytes *gredis_client_rpop_bytes_finish (GredisClient  *client,
                                         GAsyncResult  *result,
                                         GError       **error);
GREDIS_AVAILABLE_IN_ALL
GBytes *gredis_client_rpop_bytes (GredisClient  *client,
                                  const char    *key,
                                  GCancellable  *cancellable,
                                  GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_lrange_bytes_async (GredisClient        *client,
                                       const char          *key,
                                       gint64               start,
                                       gint64               stop,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_lrange_bytes_finish (GredisClient  *client,
                                              GAsyncResult  *result,
                                              GError       **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_lrange_bytes (GredisClient  *client,
                                       const char    *key,
                                       gint64         start,
                                       gint64         stop,
                                       GCancellable  *cancellable,
                                       GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_sadd_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     GBytes * const      *values,
                                     guint                n_values,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_sadd_bytes_finish (GredisClient  *client,
                                        GAsyncResult  *result,
                                        GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_sadd_bytes (GredisClient    *client,
                                 const char      *key,
                                 GBytes * const  *values,
                                 guint            n_values,
                                 GCancellable    *cancellable,
                                 GError         **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_srem_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     GBytes * const      *values,
                                     guint                n_values,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_srem_bytes_finish (GredisClient  *client,
                                        GAsyncResult  *result,
                                        GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_srem_bytes (GredisClient    *client,
                                 const char      *key,
                                 GBytes * const  *values,
                                 guint            n_values,
                                 GCancellable    *cancellable,
                                 GError         **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_smembers_bytes_async (GredisClient        *client,
                                         const char          *key,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_smembers_bytes_finish (GredisClient  *client,
                                                GAsyncResult  *result,
                                                GError       **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_smembers_bytes (GredisClient  *client,
                                         const char    *key,
                                         GCancellable  *cancellable,
                                         GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_sismember_bytes_async (GredisClient        *client,
                                          const char          *key,
                                          GBytes              *member,
                                          GCancellable        *cancellable,
                                          GAsyncReadyCallback  callback,
                                          gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_sismember_bytes_finish (GredisClient  *client,
                                               GAsyncResult  *result,
                                               GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_sismember_bytes (GredisClient  *client,
                                        const char    *key,
                                        GBytes        *member,
                                        GCancellable  *cancellable,
                                        GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zadd_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     double               score,
                                     GBytes              *member,
                                     GredisZaddFlags      flags,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zadd_bytes_finish (GredisClient  *client,
                                        GAsyncResult  *result,
                                        GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zadd_bytes (GredisClient     *client,
                                 const char       *key,
                                 double            score,
                                 GBytes           *member,
                                 GredisZaddFlags   flags,
                                 GCancellable     *cancellable,
                                 GError          **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zrem_bytes_async (GredisClient        *client,
                                     const char          *key,
                                     GBytes * const      *values,
                                     guint                n_values,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zrem_bytes_finish (GredisClient  *client,
                                        GAsyncResult  *result,
                                        GError       **error);
GREDIS_AVAILABLE_IN_ALL
gint64 gredis_client_zrem_bytes (GredisClient    *client,
                                 const char      *key,
                                 GBytes * const  *values,
                                 guint            n_values,
                                 GCancellable    *cancellable,
                                 GError         **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zscore_bytes_async (GredisClient        *client,
                                       const char          *key,
                                       GBytes              *member,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_zscore_bytes_finish (GredisClient  *client,
                                            GAsyncResult  *result,
                                            double        *score,
                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean gredis_client_zscore_bytes (GredisClient  *client,
                                     const char    *key,
                                     GBytes        *member,
                                     double        *score,
                                     GCancellable  *cancellable,
                                     GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zincrby_bytes_async (GredisClient        *client,
                                        const char          *key,
                                        double               increment,
                                        GBytes              *member,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
double gredis_client_zincrby_bytes_finish (GredisClient  *client,
                                           GAsyncResult  *result,
                                           GError       **error);
GREDIS_AVAILABLE_IN_ALL
double gredis_client_zincrby_bytes (GredisClient  *client,
                                    const char    *key,
                                    double         increment,
                                    GBytes        *member,
                                    GCancellable  *cancellable,
                                    GError       **error);

GREDIS_AVAILABLE_IN_ALL
void gredis_client_zrange_bytes_async (GredisClient        *client,
                                       const char          *key,
                                       const char          *start,
                                       const char          *stop,
                                       GredisZrangeFlags    flags,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_zrange_bytes_finish (GredisClient  *client,
                                              GAsyncResult  *result,
                                              GError       **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray *gredis_client_zrange_bytes (GredisClient       *client,
                                       const char         *key,
                                       const char         *start,
                                       const char         *stop,
                                       GredisZrangeFlags   flags,
                                       GCancellable       *cancellable,
                                       GError            **error);

G_END_DECLS
