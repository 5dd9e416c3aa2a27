/* gredis-backoff-base.c: what the built-in backoff policies share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-backoff-base.h"

/*
 * GredisBackoffBase:
 *
 * The abstract parent of the built-in policies. It holds the properties
 * common to all of them:
 *
 * - `base` (µs): the starting delay; the delay of `constant`. Default
 *   8000 (redis-py's `DEFAULT_BASE`, 0.008 s).
 * - `cap` (µs): the longest delay a policy returns. Default 512000
 *   (redis-py's `DEFAULT_CAP`, 0.512 s). `none` and `constant` ignore it.
 * - `seed`: the seed of the policy's own random source. A #GRand is seeded
 *   with g_rand_set_seed_array() and the two 32-bit halves of the seed,
 *   low half first, so that a given seed always yields the same delays.
 *   0 (the default) seeds it from g_random_int() instead, afresh at every
 *   reset.
 *
 * Each jitter policy draws exactly one g_rand_double() from that source
 * per call to compute; the other policies draw none. Resetting restores
 * the sequence of the seed and the state of the policy (that of
 * `decorrelated-jitter`). Setting `seed`, even to its current value,
 * resets the policy in the same way.
 *
 * Like redis-py's, the policies are not thread-safe: a policy belongs to
 * one #GredisRetry, which is used from one thread at a time.
 */

typedef struct
{
  guint64  base;
  guint64  cap;
  guint64  seed;
  GRand   *rand;
} GredisBackoffBasePrivate;

enum {
  PROP_0,
  PROP_BASE,
  PROP_CAP,
  PROP_SEED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void gredis_backoff_base_policy_init (GredisBackoffPolicyInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (GredisBackoffBase, gredis_backoff_base, G_TYPE_OBJECT,
                                  G_ADD_PRIVATE (GredisBackoffBase)
                                  G_IMPLEMENT_INTERFACE (GREDIS_TYPE_BACKOFF_POLICY,
                                                         gredis_backoff_base_policy_init))

static void
reseed (GredisBackoffBase *self)
{
  GredisBackoffBasePrivate *priv = gredis_backoff_base_get_instance_private (self);
  guint32 words[2];

  if (priv->seed != 0)
    {
      words[0] = (guint32) (priv->seed & G_MAXUINT32);
      words[1] = (guint32) (priv->seed >> 32);
    }
  else
    {
      words[0] = g_random_int ();
      words[1] = g_random_int ();
    }
  g_rand_set_seed_array (priv->rand, words, G_N_ELEMENTS (words));
}

static void
reset (GredisBackoffBase *self)
{
  GredisBackoffBaseClass *klass = GREDIS_BACKOFF_BASE_GET_CLASS (self);

  reseed (self);
  if (klass->reset != NULL)
    klass->reset (self);
}

static guint64
gredis_backoff_base_compute (GredisBackoffPolicy *policy,
                             guint                failures)
{
  GredisBackoffBase *self = GREDIS_BACKOFF_BASE (policy);

  return GREDIS_BACKOFF_BASE_GET_CLASS (self)->compute (self, failures);
}

static void
gredis_backoff_base_reset (GredisBackoffPolicy *policy)
{
  reset (GREDIS_BACKOFF_BASE (policy));
}

static void
gredis_backoff_base_policy_init (GredisBackoffPolicyInterface *iface)
{
  iface->compute = gredis_backoff_base_compute;
  iface->reset = gredis_backoff_base_reset;
}

static void
gredis_backoff_base_finalize (GObject *object)
{
  GredisBackoffBasePrivate *priv =
    gredis_backoff_base_get_instance_private (GREDIS_BACKOFF_BASE (object));

  g_rand_free (priv->rand);

  G_OBJECT_CLASS (gredis_backoff_base_parent_class)->finalize (object);
}

static void
gredis_backoff_base_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  GredisBackoffBase *self = GREDIS_BACKOFF_BASE (object);

  switch (prop_id)
    {
    case PROP_BASE:
      g_value_set_uint64 (value, gredis_backoff_base_get_base (self));
      break;
    case PROP_CAP:
      g_value_set_uint64 (value, gredis_backoff_base_get_cap (self));
      break;
    case PROP_SEED:
      g_value_set_uint64 (value, gredis_backoff_base_get_seed (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_backoff_base_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  GredisBackoffBase *self = GREDIS_BACKOFF_BASE (object);

  switch (prop_id)
    {
    case PROP_BASE:
      gredis_backoff_base_set_base (self, g_value_get_uint64 (value));
      break;
    case PROP_CAP:
      gredis_backoff_base_set_cap (self, g_value_get_uint64 (value));
      break;
    case PROP_SEED:
      gredis_backoff_base_set_seed (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_backoff_base_class_init (GredisBackoffBaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gredis_backoff_base_finalize;
  object_class->get_property = gredis_backoff_base_get_property;
  object_class->set_property = gredis_backoff_base_set_property;

  properties[PROP_BASE] =
    g_param_spec_uint64 ("base", NULL, NULL,
                         0, G_MAXUINT64, GREDIS_BACKOFF_DEFAULT_BASE,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_CAP] =
    g_param_spec_uint64 ("cap", NULL, NULL,
                         0, G_MAXUINT64, GREDIS_BACKOFF_DEFAULT_CAP,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SEED] =
    g_param_spec_uint64 ("seed", NULL, NULL,
                         0, G_MAXUINT64, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gredis_backoff_base_init (GredisBackoffBase *self)
{
  GredisBackoffBasePrivate *priv = gredis_backoff_base_get_instance_private (self);

  priv->base = GREDIS_BACKOFF_DEFAULT_BASE;
  priv->cap = GREDIS_BACKOFF_DEFAULT_CAP;
  priv->seed = 0;
  priv->rand = g_rand_new_with_seed (0);
  reseed (self);
}

guint64
gredis_backoff_base_get_base (GredisBackoffBase *self)
{
  GredisBackoffBasePrivate *priv;

  g_return_val_if_fail (GREDIS_IS_BACKOFF_BASE (self), 0);

  priv = gredis_backoff_base_get_instance_private (self);

  return priv->base;
}

void
gredis_backoff_base_set_base (GredisBackoffBase *self,
                              guint64            base)
{
  GredisBackoffBasePrivate *priv;

  g_return_if_fail (GREDIS_IS_BACKOFF_BASE (self));

  priv = gredis_backoff_base_get_instance_private (self);

  if (priv->base == base)
    return;
  priv->base = base;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BASE]);
}

guint64
gredis_backoff_base_get_cap (GredisBackoffBase *self)
{
  GredisBackoffBasePrivate *priv;

  g_return_val_if_fail (GREDIS_IS_BACKOFF_BASE (self), 0);

  priv = gredis_backoff_base_get_instance_private (self);

  return priv->cap;
}

void
gredis_backoff_base_set_cap (GredisBackoffBase *self,
                             guint64            cap)
{
  GredisBackoffBasePrivate *priv;

  g_return_if_fail (GREDIS_IS_BACKOFF_BASE (self));

  priv = gredis_backoff_base_get_instance_private (self);

  if (priv->cap == cap)
    return;
  priv->cap = cap;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CAP]);
}

guint64
gredis_backoff_base_get_seed (GredisBackoffBase *self)
{
  GredisBackoffBasePrivate *priv;

  g_return_val_if_fail (GREDIS_IS_BACKOFF_BASE (self), 0);

  priv = gredis_backoff_base_get_instance_private (self);

  return priv->seed;
}

/* Resets the policy even when @seed is unchanged, so that setting a seed
 * always gives a known starting point. */
void
gredis_backoff_base_set_seed (GredisBackoffBase *self,
                              guint64            seed)
{
  GredisBackoffBasePrivate *priv;
  gboolean changed;

  g_return_if_fail (GREDIS_IS_BACKOFF_BASE (self));

  priv = gredis_backoff_base_get_instance_private (self);

  changed = priv->seed != seed;
  priv->seed = seed;
  reset (self);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SEED]);
}

/* The next number of the policy's sequence, in [0, 1): redis-py's
 * random.random(). */
double
gredis_backoff_base_random (GredisBackoffBase *self)
{
  GredisBackoffBasePrivate *priv = gredis_backoff_base_get_instance_private (self);

  return g_rand_double (priv->rand);
}

/* min (cap, base · 2^failures), exactly, without overflow. */
guint64
gredis_backoff_exponential (guint64 base,
                            guint   failures,
                            guint64 cap)
{
  if (base == 0)
    return 0;
  /* base · 2^failures > cap exactly when base > ⌊cap / 2^failures⌋. */
  if (failures >= 64 || base > (cap >> failures))
    return cap;
  return base << failures;
}

/* A delay computed in floating point, as whole microseconds: rounded down,
 * and never more than @cap (nor undefined for NaN or values past the
 * range of guint64). */
guint64
gredis_backoff_to_usec (double  delay,
                        guint64 cap)
{
  if (!(delay < (double) cap))
    return cap;
  if (delay <= 0.0)
    return 0;
  return (guint64) delay;
}
