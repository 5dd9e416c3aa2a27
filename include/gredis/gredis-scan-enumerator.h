/* gredis-scan-enumerator.h: SCAN, HSCAN, SSCAN and ZSCAN, batch by batch
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
 * GredisScanKind:
 * @GREDIS_SCAN_KEYS: the keys of the database (`SCAN`)
 * @GREDIS_SCAN_HASH: the fields and values of a hash (`HSCAN`)
 * @GREDIS_SCAN_SET: the members of a set (`SSCAN`)
 * @GREDIS_SCAN_SORTED_SET: the members and scores of a sorted set (`ZSCAN`)
 *
 * What a #GredisScanEnumerator walks through.
 */
typedef enum {
  GREDIS_SCAN_KEYS,
  GREDIS_SCAN_HASH,
  GREDIS_SCAN_SET,
  GREDIS_SCAN_SORTED_SET,
} GredisScanKind;

#define GREDIS_TYPE_SCAN_ENUMERATOR (gredis_scan_enumerator_get_type ())
GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisScanEnumerator, gredis_scan_enumerator, GREDIS, SCAN_ENUMERATOR, GObject)

GREDIS_AVAILABLE_IN_ALL
GredisScanEnumerator *gredis_scan_enumerator_new         (GredisClient          *client,
                                                          GredisScanKind         kind,
                                                          GBytes                *key,
                                                          const char            *pattern,
                                                          guint                  count,
                                                          const char            *type);

GREDIS_AVAILABLE_IN_ALL
GredisScanEnumerator *gredis_client_enumerate_keys       (GredisClient          *client,
                                                          const char            *pattern,
                                                          guint                  count,
                                                          const char            *type);
GREDIS_AVAILABLE_IN_ALL
GredisScanEnumerator *gredis_client_enumerate_hash       (GredisClient          *client,
                                                          const char            *key,
                                                          const char            *pattern,
                                                          guint                  count);
GREDIS_AVAILABLE_IN_ALL
GredisScanEnumerator *gredis_client_enumerate_set        (GredisClient          *client,
                                                          const char            *key,
                                                          const char            *pattern,
                                                          guint                  count);
GREDIS_AVAILABLE_IN_ALL
GredisScanEnumerator *gredis_client_enumerate_sorted_set (GredisClient          *client,
                                                          const char            *key,
                                                          const char            *pattern,
                                                          guint                  count);

GREDIS_AVAILABLE_IN_ALL
GredisClient   *gredis_scan_enumerator_get_client        (GredisScanEnumerator  *enumerator);
GREDIS_AVAILABLE_IN_ALL
GredisScanKind  gredis_scan_enumerator_get_kind          (GredisScanEnumerator  *enumerator);
GREDIS_AVAILABLE_IN_ALL
GBytes         *gredis_scan_enumerator_get_key           (GredisScanEnumerator  *enumerator);
GREDIS_AVAILABLE_IN_ALL
const char     *gredis_scan_enumerator_get_pattern       (GredisScanEnumerator  *enumerator);
GREDIS_AVAILABLE_IN_ALL
guint           gredis_scan_enumerator_get_count         (GredisScanEnumerator  *enumerator);
GREDIS_AVAILABLE_IN_ALL
const char     *gredis_scan_enumerator_get_key_type      (GredisScanEnumerator  *enumerator);
GREDIS_AVAILABLE_IN_ALL
gboolean        gredis_scan_enumerator_is_finished       (GredisScanEnumerator  *enumerator);
GREDIS_AVAILABLE_IN_ALL
gboolean        gredis_scan_enumerator_has_pending       (GredisScanEnumerator  *enumerator);

GREDIS_AVAILABLE_IN_ALL
void            gredis_scan_enumerator_next_async        (GredisScanEnumerator  *enumerator,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
GREDIS_AVAILABLE_IN_ALL
GPtrArray      *gredis_scan_enumerator_next_finish       (GredisScanEnumerator  *enumerator,
                                                          GAsyncResult          *result,
                                                          GError               **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray      *gredis_scan_enumerator_next              (GredisScanEnumerator  *enumerator,
                                                          GCancellable          *cancellable,
                                                          GError               **error);

GREDIS_AVAILABLE_IN_ALL
void            gredis_scan_enumerator_next_scored_async (GredisScanEnumerator  *enumerator,
                                                          GCancellable          *cancellable,
                                                          GAsyncReadyCallback    callback,
                                                          gpointer               user_data);
GREDIS_AVAILABLE_IN_ALL
GPtrArray      *gredis_scan_enumerator_next_scored_finish (GredisScanEnumerator *enumerator,
                                                          GAsyncResult          *result,
                                                          GError               **error);
GREDIS_AVAILABLE_IN_ALL
GPtrArray      *gredis_scan_enumerator_next_scored       (GredisScanEnumerator  *enumerator,
                                                          GCancellable          *cancellable,
                                                          GError               **error);

G_END_DECLS
