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

/**
 * GredisCopyFlags:
 * @GREDIS_COPY_NONE: fail when the destination exists.
 * @GREDIS_COPY_REPLACE: replace the destination (`REPLACE`).
 *
 * Options of gredis_client_copy().
 */
typedef enum /*< flags >*/ {
  GREDIS_COPY_NONE = 0,
  GREDIS_COPY_REPLACE = 1 << 0,
} GredisCopyFlags;

/**
 * GredisRestoreFlags:
 * @GREDIS_RESTORE_NONE: fail when the key exists; the time to live is
 *   relative.
 * @GREDIS_RESTORE_REPLACE: replace the key (`REPLACE`).
 * @GREDIS_RESTORE_ABSTTL: the time to live is a point in time, in
 *   milliseconds since the epoch (`ABSTTL`).
 *
 * Options of gredis_client_restore().
 */
typedef enum /*< flags >*/ {
  GREDIS_RESTORE_NONE = 0,
  GREDIS_RESTORE_REPLACE = 1 << 0,
  GREDIS_RESTORE_ABSTTL = 1 << 1,
} GredisRestoreFlags;

/**
 * GredisSortFlags:
 * @GREDIS_SORT_NONE: ascending, numerically.
 * @GREDIS_SORT_DESC: descending (`DESC`).
 * @GREDIS_SORT_ALPHA: lexicographically (`ALPHA`).
 *
 * Options of gredis_client_sort() and its variants.
 */
typedef enum /*< flags >*/ {
  GREDIS_SORT_NONE = 0,
  GREDIS_SORT_DESC = 1 << 0,
  GREDIS_SORT_ALPHA = 1 << 1,
} GredisSortFlags;

/**
 * GredisXaddFlags:
 * @GREDIS_XADD_NONE: create the stream when it does not exist.
 * @GREDIS_XADD_NOMKSTREAM: do not create the stream (`NOMKSTREAM`).
 *
 * Options of gredis_client_xadd().
 */
typedef enum /*< flags >*/ {
  GREDIS_XADD_NONE = 0,
  GREDIS_XADD_NOMKSTREAM = 1 << 0,
} GredisXaddFlags;

/**
 * GredisXgroupFlags:
 * @GREDIS_XGROUP_NONE: fail when the stream does not exist.
 * @GREDIS_XGROUP_MKSTREAM: create an empty stream if needed (`MKSTREAM`).
 *
 * Options of gredis_client_xgroup_create().
 */
typedef enum /*< flags >*/ {
  GREDIS_XGROUP_NONE = 0,
  GREDIS_XGROUP_MKSTREAM = 1 << 0,
} GredisXgroupFlags;

/**
 * GredisXreadFlags:
 * @GREDIS_XREAD_NONE: entries read by a group are pending until
 *   acknowledged.
 * @GREDIS_XREAD_NOACK: they need no acknowledgment (`NOACK`).
 *
 * Options of gredis_client_xreadgroup().
 */
typedef enum /*< flags >*/ {
  GREDIS_XREAD_NONE = 0,
  GREDIS_XREAD_NOACK = 1 << 0,
} GredisXreadFlags;

/**
 * GredisGeoaddFlags:
 * @GREDIS_GEOADD_NONE: add or update.
 * @GREDIS_GEOADD_NX: only add new members (`NX`).
 * @GREDIS_GEOADD_XX: only update existing members (`XX`).
 * @GREDIS_GEOADD_CH: count changed members too (`CH`).
 *
 * Options of gredis_client_geoadd().
 */
typedef enum /*< flags >*/ {
  GREDIS_GEOADD_NONE = 0,
  GREDIS_GEOADD_NX = 1 << 0,
  GREDIS_GEOADD_XX = 1 << 1,
  GREDIS_GEOADD_CH = 1 << 2,
} GredisGeoaddFlags;

/**
 * GredisGeoFlags:
 * @GREDIS_GEO_NONE: in no particular order.
 * @GREDIS_GEO_ASC: nearest first (`ASC`).
 * @GREDIS_GEO_DESC: farthest first (`DESC`).
 *
 * Options of gredis_client_geosearch() and its variants.
 */
typedef enum /*< flags >*/ {
  GREDIS_GEO_NONE = 0,
  GREDIS_GEO_ASC = 1 << 0,
  GREDIS_GEO_DESC = 1 << 1,
} GredisGeoFlags;

/**
 * GredisFunctionFlags:
 * @GREDIS_FUNCTION_NONE: fail when the library exists.
 * @GREDIS_FUNCTION_REPLACE: replace it (`REPLACE`).
 *
 * Options of gredis_client_function_load().
 */
typedef enum /*< flags >*/ {
  GREDIS_FUNCTION_NONE = 0,
  GREDIS_FUNCTION_REPLACE = 1 << 0,
} GredisFunctionFlags;

G_END_DECLS

/* The helpers themselves, generated from build-aux/gredis-commands.decl:
 * each in three forms, `_async` and `_finish`, and a blocking form safe
 * from any thread; binary-safe `_bytes` forms where values are involved. */
#include <gredis/gredis-commands-generated.h>
