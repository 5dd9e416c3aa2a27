/* gredis-retry.h: when and how long to wait before trying again
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <glib-object.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-backoff-policy.h>

G_BEGIN_DECLS

/**
 * GREDIS_RETRY_DEFAULT_RETRIES:
 *
 * The number of retries of a #GredisRetry made without one: 3.
 */
#define GREDIS_RETRY_DEFAULT_RETRIES 3

/**
 * GREDIS_RETRY_DEFAULT_BASE:
 *
 * The `base` given to the default backoff policy of a #GredisRetry, in
 * microseconds: 10 ms.
 */
#define GREDIS_RETRY_DEFAULT_BASE G_GUINT64_CONSTANT (10000)

/**
 * GREDIS_RETRY_DEFAULT_CAP:
 *
 * The `cap` given to the default backoff policy of a #GredisRetry, in
 * microseconds: 1 s.
 */
#define GREDIS_RETRY_DEFAULT_CAP G_GUINT64_CONSTANT (1000000)

#define GREDIS_TYPE_RETRY (gredis_retry_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisRetry, gredis_retry, GREDIS, RETRY, GObject)

GREDIS_AVAILABLE_IN_ALL
GredisRetry         *gredis_retry_new          (GredisBackoffPolicy *backoff,
                                                guint                retries,
                                                GError             **error);

GREDIS_AVAILABLE_IN_ALL
GredisBackoffPolicy *gredis_retry_get_backoff  (GredisRetry         *retry);
GREDIS_AVAILABLE_IN_ALL
void                 gredis_retry_set_backoff  (GredisRetry         *retry,
                                                GredisBackoffPolicy *backoff);
GREDIS_AVAILABLE_IN_ALL
guint                gredis_retry_get_retries  (GredisRetry         *retry);
GREDIS_AVAILABLE_IN_ALL
void                 gredis_retry_set_retries  (GredisRetry         *retry,
                                                guint                retries);

GREDIS_AVAILABLE_IN_ALL
void                 gredis_retry_add_error    (GredisRetry         *retry,
                                                GQuark               domain,
                                                gint                 code);
GREDIS_AVAILABLE_IN_ALL
void                 gredis_retry_remove_error (GredisRetry         *retry,
                                                GQuark               domain,
                                                gint                 code);
GREDIS_AVAILABLE_IN_ALL
void                 gredis_retry_clear_errors (GredisRetry         *retry);

GREDIS_AVAILABLE_IN_ALL
gboolean             gredis_retry_should_retry (GredisRetry         *retry,
                                                const GError        *error,
                                                guint                failures);
GREDIS_AVAILABLE_IN_ALL
guint64              gredis_retry_get_delay    (GredisRetry         *retry,
                                                guint                failures);
GREDIS_AVAILABLE_IN_ALL
void                 gredis_retry_reset        (GredisRetry         *retry);

GREDIS_AVAILABLE_IN_ALL
gboolean             gredis_retry_is_permanent_error (const GError  *error);

G_END_DECLS
