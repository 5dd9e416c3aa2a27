/* gredis-backoff-policy.h: the interface of backoff policies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <glib-object.h>
#include <gredis/gredis-version-macros.h>

G_BEGIN_DECLS

/**
 * GREDIS_BACKOFF_POLICY_EXTENSION_POINT_NAME:
 *
 * The name of the GIO extension point that backoff plugins implement.
 */
#define GREDIS_BACKOFF_POLICY_EXTENSION_POINT_NAME "gredis-backoff-policy"

#define GREDIS_TYPE_BACKOFF_POLICY (gredis_backoff_policy_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (GredisBackoffPolicy, gredis_backoff_policy, GREDIS, BACKOFF_POLICY, GObject)

/**
 * GredisBackoffPolicyInterface:
 * @g_iface: the parent interface.
 * @compute: returns the delay, in microseconds, before the next attempt
 *   after @failures consecutive failures (1 for the first retry).
 * @reset: forgets any state kept between calls to @compute.
 *
 * Decides how long to wait before trying again. The built-in policies
 * have `base` and `cap` properties (microseconds) and a `seed` property
 * for reproducible jitter.
 */
struct _GredisBackoffPolicyInterface
{
  GTypeInterface g_iface;

  guint64 (*compute) (GredisBackoffPolicy *policy,
                      guint                failures);
  void    (*reset)   (GredisBackoffPolicy *policy);

  /*< private >*/
  gpointer padding[12];
};

GREDIS_AVAILABLE_IN_ALL
GredisBackoffPolicy *gredis_backoff_policy_new_for_name (const char           *name,
                                                         GError              **error);
GREDIS_AVAILABLE_IN_ALL
guint64              gredis_backoff_policy_compute      (GredisBackoffPolicy  *policy,
                                                         guint                 failures);
GREDIS_AVAILABLE_IN_ALL
void                 gredis_backoff_policy_reset        (GredisBackoffPolicy  *policy);

G_END_DECLS
