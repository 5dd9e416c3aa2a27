/* gredis-backoff-policy.c: the interface of backoff policies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

/**
 * GredisBackoffPolicy:
 *
 * Computes how long to wait before the next attempt after a number of
 * failures. Policies come from plugins (`none`, `constant`,
 * `exponential`, `full-jitter`, `equal-jitter`, `decorrelated-jitter`,
 * `exponential-jitter`) or from the application, which may implement the
 * interface in any language and register it with
 * gredis_plugins_register_type().
 */

G_DEFINE_INTERFACE (GredisBackoffPolicy, gredis_backoff_policy, G_TYPE_OBJECT)

static void
gredis_backoff_policy_default_init (GredisBackoffPolicyInterface *iface)
{
}

/**
 * gredis_backoff_policy_new_for_name:
 * @name: (nullable): the name of a backoff policy, or %NULL for the default
 * @error: return location for a #GError
 *
 * Creates a backoff policy from the plugin registry (see
 * gredis_plugins_lookup()).
 *
 * Returns: (transfer full): a new policy, or %NULL with
 *   %GREDIS_ERROR_PLUGIN_NOT_FOUND
 */
GredisBackoffPolicy *
gredis_backoff_policy_new_for_name (const char  *name,
                                    GError     **error)
{
  return GREDIS_BACKOFF_POLICY (gredis_plugins_create (GREDIS_PLUGIN_BACKOFF_POLICY, name, error));
}

/**
 * gredis_backoff_policy_compute:
 * @policy: a #GredisBackoffPolicy
 * @failures: the number of consecutive failures so far, from 1
 *
 * Computes how long to wait before the next attempt, after @failures
 * consecutive failures.
 *
 * Returns: the delay before the next attempt, in microseconds
 */
guint64
gredis_backoff_policy_compute (GredisBackoffPolicy *policy,
                               guint                failures)
{
  g_return_val_if_fail (GREDIS_IS_BACKOFF_POLICY (policy), 0);

  return GREDIS_BACKOFF_POLICY_GET_IFACE (policy)->compute (policy, failures);
}

/**
 * gredis_backoff_policy_reset:
 * @policy: a #GredisBackoffPolicy
 *
 * Forgets the state kept between delays (after a success, or when the
 * network changes).
 */
void
gredis_backoff_policy_reset (GredisBackoffPolicy *policy)
{
  GredisBackoffPolicyInterface *iface;

  g_return_if_fail (GREDIS_IS_BACKOFF_POLICY (policy));

  iface = GREDIS_BACKOFF_POLICY_GET_IFACE (policy);
  if (iface->reset != NULL)
    iface->reset (policy);
}
