/* gredis-backoff-types.h: the policies of the backoff plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-backoff-base.h"

G_BEGIN_DECLS

#define GREDIS_TYPE_NO_BACKOFF (gredis_no_backoff_get_type ())
G_DECLARE_FINAL_TYPE (GredisNoBackoff, gredis_no_backoff,
                      GREDIS, NO_BACKOFF, GredisBackoffBase)

#define GREDIS_TYPE_CONSTANT_BACKOFF (gredis_constant_backoff_get_type ())
G_DECLARE_FINAL_TYPE (GredisConstantBackoff, gredis_constant_backoff,
                      GREDIS, CONSTANT_BACKOFF, GredisBackoffBase)

#define GREDIS_TYPE_EXPONENTIAL_BACKOFF (gredis_exponential_backoff_get_type ())
G_DECLARE_FINAL_TYPE (GredisExponentialBackoff, gredis_exponential_backoff,
                      GREDIS, EXPONENTIAL_BACKOFF, GredisBackoffBase)

#define GREDIS_TYPE_FULL_JITTER_BACKOFF (gredis_full_jitter_backoff_get_type ())
G_DECLARE_FINAL_TYPE (GredisFullJitterBackoff, gredis_full_jitter_backoff,
                      GREDIS, FULL_JITTER_BACKOFF, GredisBackoffBase)

#define GREDIS_TYPE_EQUAL_JITTER_BACKOFF (gredis_equal_jitter_backoff_get_type ())
G_DECLARE_FINAL_TYPE (GredisEqualJitterBackoff, gredis_equal_jitter_backoff,
                      GREDIS, EQUAL_JITTER_BACKOFF, GredisBackoffBase)

#define GREDIS_TYPE_DECORRELATED_JITTER_BACKOFF (gredis_decorrelated_jitter_backoff_get_type ())
G_DECLARE_FINAL_TYPE (GredisDecorrelatedJitterBackoff, gredis_decorrelated_jitter_backoff,
                      GREDIS, DECORRELATED_JITTER_BACKOFF, GredisBackoffBase)

#define GREDIS_TYPE_EXPONENTIAL_JITTER_BACKOFF (gredis_exponential_jitter_backoff_get_type ())
G_DECLARE_FINAL_TYPE (GredisExponentialJitterBackoff, gredis_exponential_jitter_backoff,
                      GREDIS, EXPONENTIAL_JITTER_BACKOFF, GredisBackoffBase)

G_END_DECLS
