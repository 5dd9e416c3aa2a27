/* gredis-backoff-base.h: what the built-in backoff policies share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Private to the backoff plugin: the `base`, `cap` and `seed` properties,
 * the seeded random source, and the arithmetic every policy uses.
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* redis-py's DEFAULT_BASE (0.008 s) and DEFAULT_CAP (0.512 s), in µs. */
#define GREDIS_BACKOFF_DEFAULT_BASE G_GUINT64_CONSTANT (8000)
#define GREDIS_BACKOFF_DEFAULT_CAP  G_GUINT64_CONSTANT (512000)

#define GREDIS_TYPE_BACKOFF_BASE (gredis_backoff_base_get_type ())

G_DECLARE_DERIVABLE_TYPE (GredisBackoffBase, gredis_backoff_base, GREDIS, BACKOFF_BASE, GObject)

/* compute: the policy's formula; reset: forgets the policy's own state
 * (the base class restores the random sequence itself). */
struct _GredisBackoffBaseClass
{
  GObjectClass parent_class;

  guint64 (*compute) (GredisBackoffBase *self,
                      guint              failures);
  void    (*reset)   (GredisBackoffBase *self);
};

guint64 gredis_backoff_base_get_base (GredisBackoffBase *self);
void    gredis_backoff_base_set_base (GredisBackoffBase *self,
                                      guint64            base);
guint64 gredis_backoff_base_get_cap  (GredisBackoffBase *self);
void    gredis_backoff_base_set_cap  (GredisBackoffBase *self,
                                      guint64            cap);
guint64 gredis_backoff_base_get_seed (GredisBackoffBase *self);
void    gredis_backoff_base_set_seed (GredisBackoffBase *self,
                                      guint64            seed);

double  gredis_backoff_base_random   (GredisBackoffBase *self);

guint64 gredis_backoff_exponential   (guint64            base,
                                      guint              failures,
                                      guint64            cap);
guint64 gredis_backoff_to_usec       (double             delay,
                                      guint64            cap);

G_END_DECLS
