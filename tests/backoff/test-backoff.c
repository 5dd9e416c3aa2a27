/* test-backoff.c: the backoff plugin's seven policies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Expected delays are computed here from the formulas of redis-py's
 * backoff module, as documented for the plugin, and from a GRand seeded
 * the documented way, independently of the plugin's own code.
 */
#include <math.h>
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-util.h"

#define DEFAULT_BASE G_GUINT64_CONSTANT (8000)
#define DEFAULT_CAP G_GUINT64_CONSTANT (512000)

static const struct {
  const char *name;
  const char *type_name;
} policies[] = {
  { "none", "GredisNoBackoff" },
  { "constant", "GredisConstantBackoff" },
  { "exponential", "GredisExponentialBackoff" },
  { "full-jitter", "GredisFullJitterBackoff" },
  { "equal-jitter", "GredisEqualJitterBackoff" },
  { "decorrelated-jitter", "GredisDecorrelatedJitterBackoff" },
  { "exponential-jitter", "GredisExponentialJitterBackoff" },
};

static const char *jitter_policies[] = {
  "full-jitter", "equal-jitter", "decorrelated-jitter", "exponential-jitter",
};

static const guint64 seeds[] = {
  1, 42, G_GUINT64_CONSTANT (0x123456789abcdef0), G_MAXUINT64,
};

static GredisBackoffPolicy *
new_policy (const char *name,
            guint64     base,
            guint64     cap,
            guint64     seed)
{
  g_autoptr(GError) error = NULL;
  GredisBackoffPolicy *policy = gredis_backoff_policy_new_for_name (name, &error);

  g_assert_no_error (error);
  g_assert_nonnull (policy);
  g_object_set (policy, "base", base, "cap", cap, "seed", seed, NULL);
  return policy;
}

/* The sequence a policy with @seed draws from. */
static GRand *
reference_rand (guint64 seed)
{
  guint32 words[2] = { (guint32) (seed & 0xffffffffu), (guint32) (seed >> 32) };

  return g_rand_new_with_seed_array (words, 2);
}

/* min (cap, base · 2^failures) by repeated doubling. */
static guint64
expect_exponential (guint64 base,
                    guint   failures,
                    guint64 cap)
{
  guint64 v = base;

  for (guint i = 0; i < failures && v != 0 && v < cap; i++)
    v = v > G_MAXUINT64 / 2 ? G_MAXUINT64 : v * 2;
  return MIN (v, cap);
}

static guint64
floor_capped (double  value,
              guint64 cap)
{
  if (value >= (double) cap)
    return cap;
  return (guint64) floor (value);
}

/* One delay of a jitter policy, from the formula; @previous is the state
 * of decorrelated-jitter. */
static guint64
expect_jitter (const char *name,
               guint64     base,
               guint64     cap,
               guint       failures,
               GRand      *rand,
               double     *previous)
{
  double r = g_rand_double (rand);

  if (g_str_equal (name, "full-jitter"))
    {
      guint64 m = expect_exponential (base, failures, cap);
      return floor_capped (0 + r * (double) m, cap);
    }
  if (g_str_equal (name, "equal-jitter"))
    {
      double t = (double) expect_exponential (base, failures, cap) / 2;
      return floor_capped (t + r * t, cap);
    }
  if (g_str_equal (name, "decorrelated-jitter"))
    {
      double hi = MAX ((double) base, *previous * 3);
      double d = (double) base + r * (hi - (double) base);

      *previous = MIN ((double) cap, d);
      return floor_capped (*previous, cap);
    }
  if (g_str_equal (name, "exponential-jitter"))
    return floor_capped (r * (double) base * pow (2.0, failures), cap);
  g_assert_not_reached ();
}

static void
test_registry_names (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisPluginInfo) info = NULL;
      g_autoptr(GredisBackoffPolicy) policy = NULL;
      const char *filename;

      info = gredis_plugins_lookup (GREDIS_PLUGIN_BACKOFF_POLICY, policies[i].name, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gredis_plugin_info_get_name (info), ==, policies[i].name);
      g_assert_cmpint (gredis_plugin_info_get_kind (info), ==, GREDIS_PLUGIN_BACKOFF_POLICY);
      filename = gredis_plugin_info_get_filename (info);
      g_assert_true (g_str_has_suffix (filename, "libgredis-backoff.so") ||
                     g_str_equal (filename, "(built in)"));

      policy = gredis_backoff_policy_new_for_name (policies[i].name, &error);
      g_assert_no_error (error);
      g_assert_true (GREDIS_IS_BACKOFF_POLICY (policy));
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (policy), ==, policies[i].type_name);
      g_assert_true (G_OBJECT_TYPE (policy) == gredis_plugin_info_get_gtype (info));
    }
}

static void
test_registry_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisPluginInfo) info = NULL;
  g_autoptr(GredisBackoffPolicy) policy = NULL;
  GList *list;
  guint n_ours = 0;

  info = gredis_plugins_lookup (GREDIS_PLUGIN_BACKOFF_POLICY, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_plugin_info_get_name (info), ==, "exponential-jitter");

  policy = gredis_backoff_policy_new_for_name (NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (policy), ==, "GredisExponentialJitterBackoff");

  /* Highest priority first; every other policy strictly below the default. */
  list = gredis_plugins_list (GREDIS_PLUGIN_BACKOFF_POLICY);
  g_assert_nonnull (list);
  g_assert_cmpstr (gredis_plugin_info_get_name (list->data), ==, "exponential-jitter");
  for (GList *l = list; l != NULL; l = l->next)
    {
      for (gsize i = 0; i < G_N_ELEMENTS (policies); i++)
        if (g_str_equal (gredis_plugin_info_get_name (l->data), policies[i].name))
          n_ours++;
      if (l != list)
        g_assert_cmpint (gredis_plugin_info_get_priority (l->data), <,
                         gredis_plugin_info_get_priority (list->data));
    }
  g_assert_cmpuint (n_ours, ==, G_N_ELEMENTS (policies));
  g_list_free_full (list, (GDestroyNotify) gredis_plugin_info_unref);
}

static void
test_registry_env (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisBackoffPolicy) policy = NULL;

      g_setenv ("GREDIS_USE_BACKOFF", "decorrelated-jitter", TRUE);
      policy = gredis_backoff_policy_new_for_name (NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (policy), ==, "GredisDecorrelatedJitterBackoff");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
}

static void
test_registry_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisBackoffPolicy) policy = NULL;

  policy = gredis_backoff_policy_new_for_name ("fibonacci-jitter", &error);
  g_assert_null (policy);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PLUGIN_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "fibonacci-jitter"));
}

static void
test_properties_defaults (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      g_autoptr(GredisBackoffPolicy) policy = gredis_backoff_policy_new_for_name (policies[i].name, NULL);
      guint64 base, cap, seed;

      g_object_get (policy, "base", &base, "cap", &cap, "seed", &seed, NULL);
      g_assert_cmpuint (base, ==, DEFAULT_BASE);
      g_assert_cmpuint (cap, ==, DEFAULT_CAP);
      g_assert_cmpuint (seed, ==, 0);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties_round_trip (void)
{
  static const char *props[] = { "base", "cap", "seed" };
  static const guint64 values[] = { 0, 1, 123456789, G_MAXUINT64 };

  for (gsize i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      g_autoptr(GredisBackoffPolicy) policy = gredis_backoff_policy_new_for_name (policies[i].name, NULL);

      for (gsize p = 0; p < G_N_ELEMENTS (props); p++)
        {
          GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (policy), props[p]);
          g_autofree char *signal = g_strconcat ("notify::", props[p], NULL);
          guint notified = 0;
          gulong id;

          g_assert_nonnull (pspec);
          g_assert_true (G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_UINT64);
          g_assert_true (pspec->flags & G_PARAM_EXPLICIT_NOTIFY);

          id = g_signal_connect (policy, signal, G_CALLBACK (count_notify), &notified);
          for (gsize v = 0; v < G_N_ELEMENTS (values); v++)
            {
              guint64 got = 1234, previous;
              guint before = notified;

              g_object_get (policy, props[p], &previous, NULL);
              g_object_set (policy, props[p], values[v], NULL);
              g_object_get (policy, props[p], &got, NULL);
              g_assert_cmpuint (got, ==, values[v]);
              g_assert_cmpuint (notified, ==, before + (previous != values[v] ? 1 : 0));

              /* The same value again is no change. */
              before = notified;
              g_object_set (policy, props[p], values[v], NULL);
              g_assert_cmpuint (notified, ==, before);
            }
          g_signal_handler_disconnect (policy, id);
        }
    }
}

static void
test_none (void)
{
  g_autoptr(GredisBackoffPolicy) policy = new_policy ("none", 5000, 10, 7);

  for (guint f = 0; f < 100; f++)
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, f), ==, 0);
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, G_MAXUINT), ==, 0);
}

static void
test_constant (void)
{
  g_autoptr(GredisBackoffPolicy) policy = gredis_backoff_policy_new_for_name ("constant", NULL);

  /* The default base, 8 ms, then any base; cap does not apply. */
  for (guint f = 0; f < 70; f++)
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, f), ==, DEFAULT_BASE);
  g_object_set (policy, "base", G_GUINT64_CONSTANT (250000), "cap", G_GUINT64_CONSTANT (1000), NULL);
  for (guint f = 0; f < 70; f++)
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, f), ==, 250000);
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, G_MAXUINT), ==, 250000);
}

static void
test_exponential (void)
{
  static const struct { guint64 base, cap; } params[] = {
    { DEFAULT_BASE, DEFAULT_CAP },
    { 1, G_MAXUINT64 },
    { 1000, 1000000 },
    { 3, 100 },
    { 5000, 10 },                       /* base above cap */
    { 0, 1000 },
    { G_MAXUINT64 / 3, G_MAXUINT64 },   /* overflow of base · 2^n */
    { G_MAXUINT64, G_MAXUINT64 },
  };
  /* Past 2^64 every nonzero base is capped: the exact product would not
   * even fit in 64 bits. */
  static const guint big_failures[] = { 63, 64, 65, 1000, G_MAXUINT };

  for (gsize i = 0; i < G_N_ELEMENTS (params); i++)
    {
      g_autoptr(GredisBackoffPolicy) policy = new_policy ("exponential", params[i].base, params[i].cap, 0);

      for (guint f = 0; f <= 70; f++)
        g_assert_cmpuint (gredis_backoff_policy_compute (policy, f), ==,
                          expect_exponential (params[i].base, f, params[i].cap));
      for (gsize b = 0; b < G_N_ELEMENTS (big_failures); b++)
        g_assert_cmpuint (gredis_backoff_policy_compute (policy, big_failures[b]), ==,
                          expect_exponential (params[i].base, big_failures[b], params[i].cap));
    }

  /* redis-py's defaults: 8 ms, 16 ms, … 512 ms, then capped. */
  {
    g_autoptr(GredisBackoffPolicy) policy = gredis_backoff_policy_new_for_name ("exponential", NULL);

    g_assert_cmpuint (gredis_backoff_policy_compute (policy, 0), ==, 8000);
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, 1), ==, 16000);
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, 6), ==, 512000);
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, 7), ==, 512000);
  }
}

static void
test_jitter_exact (gconstpointer data)
{
  const char *name = data;
  static const struct { guint64 base, cap; } params[] = {
    { DEFAULT_BASE, DEFAULT_CAP },
    { 1000, 300000 },
    { 7, 1000000000 },
    { 100000, 20000 },   /* base above cap */
  };

  for (gsize s = 0; s < G_N_ELEMENTS (seeds); s++)
    for (gsize i = 0; i < G_N_ELEMENTS (params); i++)
      {
        g_autoptr(GredisBackoffPolicy) policy = new_policy (name, params[i].base, params[i].cap, seeds[s]);
        GRand *rand = reference_rand (seeds[s]);
        double previous = 0;

        for (guint f = 0; f <= 40; f++)
          {
            /* Failures go up and down to check that only the seeded
             * sequence, not the call history, decides the draw. */
            guint failures = (f * 7) % 41;
            guint64 expected = expect_jitter (name, params[i].base, params[i].cap,
                                              failures, rand, &previous);

            g_assert_cmpuint (gredis_backoff_policy_compute (policy, failures), ==, expected);
          }
        g_rand_free (rand);
      }
}

static void
test_jitter_bounds (gconstpointer data)
{
  const char *name = data;
  const guint64 base = 1000, cap = 2000000;
  g_autoptr(GredisBackoffPolicy) policy = new_policy (name, base, cap, 0);
  guint64 previous = 0;
  guint64 min_seen = G_MAXUINT64, max_seen = 0;

  for (guint i = 0; i < 10000; i++)
    {
      guint failures = i % 30;
      guint64 m = expect_exponential (base, failures, cap);
      guint64 d = gredis_backoff_policy_compute (policy, failures);

      g_assert_cmpuint (d, <=, cap);
      if (g_str_equal (name, "full-jitter"))
        g_assert_cmpuint (d, <=, m);
      else if (g_str_equal (name, "equal-jitter"))
        {
          g_assert_cmpuint (d, >=, m / 2);
          g_assert_cmpuint (d, <=, m);
        }
      else if (g_str_equal (name, "decorrelated-jitter"))
        {
          g_assert_cmpuint (d, >=, base);
          g_assert_cmpuint (d, <=, MAX (base, previous * 3 + 3));
          previous = d;
        }
      else if (g_str_equal (name, "exponential-jitter"))
        g_assert_cmpuint (d, <=, m);
      else
        g_assert_not_reached ();

      if (failures == 10)
        {
          min_seen = MIN (min_seen, d);
          max_seen = MAX (max_seen, d);
        }
    }
  /* The draws really vary. */
  g_assert_cmpuint (min_seen, <, max_seen);
}

static void
test_cap (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (policies); i++)
    {
      const char *name = policies[i].name;
      g_autoptr(GredisBackoffPolicy) policy = NULL;

      if (g_str_equal (name, "none") || g_str_equal (name, "constant"))
        continue;

      /* Enormous failure counts and bases are capped, never wrapped. */
      policy = new_policy (name, G_MAXUINT64 / 2, 750000, 99);
      for (guint f = 0; f < 200; f++)
        g_assert_cmpuint (gredis_backoff_policy_compute (policy, f), <=, 750000);
      g_assert_cmpuint (gredis_backoff_policy_compute (policy, G_MAXUINT), <=, 750000);

      /* A cap at the very top of the range: the conversions from floating
       * point stay defined (UBSan checks them) and exponential saturates. */
      g_object_set (policy, "base", G_GUINT64_CONSTANT (2000), "cap", G_MAXUINT64, NULL);
      for (guint f = 60; f < 200; f++)
        {
          guint64 d = gredis_backoff_policy_compute (policy, f);

          if (g_str_equal (name, "exponential"))
            g_assert_cmpuint (d, ==, G_MAXUINT64);
          else if (g_str_equal (name, "equal-jitter"))
            g_assert_cmpuint (d, >=, G_MAXUINT64 / 2);
          else if (g_str_equal (name, "decorrelated-jitter"))
            g_assert_cmpuint (d, >=, 2000);
        }
    }

  /* The capped policies reach the cap exactly where the formula says. */
  {
    g_autoptr(GredisBackoffPolicy) policy = new_policy ("equal-jitter", 1000, 4000, 5);

    for (guint i = 0; i < 100; i++)
      {
        guint64 d = gredis_backoff_policy_compute (policy, 10);

        g_assert_cmpuint (d, >=, 2000);
        g_assert_cmpuint (d, <=, 4000);
      }
  }
}

static void
test_reset_sequence (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GredisBackoffPolicy) policy = new_policy (name, 1000, 5000000, 314159);
  guint64 first[20], again[20];

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    first[i] = gredis_backoff_policy_compute (policy, i % 12);

  gredis_backoff_policy_reset (policy);
  for (guint i = 0; i < G_N_ELEMENTS (again); i++)
    again[i] = gredis_backoff_policy_compute (policy, i % 12);
  g_assert_cmpmem (first, sizeof first, again, sizeof again);

  /* Setting the seed, even to its value, resets the policy too. */
  g_object_set (policy, "seed", G_GUINT64_CONSTANT (314159), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (again); i++)
    again[i] = gredis_backoff_policy_compute (policy, i % 12);
  g_assert_cmpmem (first, sizeof first, again, sizeof again);

  /* Another seed gives another sequence. */
  g_object_set (policy, "seed", G_GUINT64_CONSTANT (271828), NULL);
  for (guint i = 0; i < G_N_ELEMENTS (again); i++)
    again[i] = gredis_backoff_policy_compute (policy, i % 12);
  g_assert_true (memcmp (first, again, sizeof first) != 0);
}

static void
test_seed_zero (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GredisBackoffPolicy) a = new_policy (name, 1000, G_MAXUINT64, 0);
  g_autoptr(GredisBackoffPolicy) b = new_policy (name, 1000, G_MAXUINT64, 0);
  guint64 sa[16], sb[16], sa2[16];

  /* Unseeded policies draw from independent random seeds (the chance of
   * two equal sequences of 16 draws is negligible), and a reset reseeds
   * rather than replaying. */
  for (guint i = 0; i < G_N_ELEMENTS (sa); i++)
    {
      sa[i] = gredis_backoff_policy_compute (a, 20);
      sb[i] = gredis_backoff_policy_compute (b, 20);
    }
  g_assert_true (memcmp (sa, sb, sizeof sa) != 0);

  gredis_backoff_policy_reset (a);
  for (guint i = 0; i < G_N_ELEMENTS (sa2); i++)
    sa2[i] = gredis_backoff_policy_compute (a, 20);
  if (g_str_equal (name, "decorrelated-jitter"))
    {
      /* Its first delay after a reset is always base. */
      g_assert_cmpuint (sa[0], ==, 1000);
      g_assert_cmpuint (sa2[0], ==, 1000);
    }
  g_assert_true (memcmp (sa, sa2, sizeof sa) != 0);
}

static void
test_decorrelated_state (void)
{
  g_autoptr(GredisBackoffPolicy) policy = new_policy ("decorrelated-jitter", 1000, 100000, 2024);
  GRand *rand = reference_rand (2024);
  guint64 previous, d;
  double state;

  /* No previous delay: uniform (base, max (base, 0)) is base itself, but
   * it still consumes a draw. */
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, 1), ==, 1000);
  g_rand_double (rand);
  previous = 1000;
  state = 1000.0;

  /* Then each delay lies in [base, 3 · previous], and failures do not
   * matter. The state is the unrounded delay. */
  for (guint i = 0; i < 50; i++)
    {
      double r = g_rand_double (rand);

      state = MIN (100000.0, 1000 + r * (MAX (1000.0, 3.0 * state) - 1000));
      d = gredis_backoff_policy_compute (policy, i % 2 ? 1 : 1000);
      g_assert_cmpuint (d, ==, (guint64) floor (state));
      g_assert_cmpuint (d, >=, 1000);
      g_assert_cmpuint (d, <=, 3 * previous + 3);
      previous = d;
    }
  g_rand_free (rand);

  /* The state grows to the cap and stays under it. */
  g_assert_cmpuint (previous, <=, 100000);

  /* Reset forgets it: base again. */
  gredis_backoff_policy_reset (policy);
  g_assert_cmpuint (gredis_backoff_policy_compute (policy, 9), ==, 1000);

  /* With base above cap, every delay is the cap. */
  g_object_set (policy, "base", G_GUINT64_CONSTANT (5000), "cap", G_GUINT64_CONSTANT (300), NULL);
  for (guint i = 0; i < 10; i++)
    g_assert_cmpuint (gredis_backoff_policy_compute (policy, i), ==, 300);
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("GREDIS_USE_BACKOFF");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/backoff/registry/names", test_registry_names);
  g_test_add_func ("/backoff/registry/default", test_registry_default);
  g_test_add_func ("/backoff/registry/environment", test_registry_env);
  g_test_add_func ("/backoff/registry/missing", test_registry_missing);
  g_test_add_func ("/backoff/properties/defaults", test_properties_defaults);
  g_test_add_func ("/backoff/properties/round-trip", test_properties_round_trip);
  g_test_add_func ("/backoff/none", test_none);
  g_test_add_func ("/backoff/constant", test_constant);
  g_test_add_func ("/backoff/exponential", test_exponential);
  g_test_add_func ("/backoff/cap", test_cap);
  g_test_add_func ("/backoff/decorrelated-jitter/state", test_decorrelated_state);
  for (gsize i = 0; i < G_N_ELEMENTS (jitter_policies); i++)
    {
      const char *name = jitter_policies[i];
      g_autofree char *exact = g_strdup_printf ("/backoff/%s/exact", name);
      g_autofree char *bounds = g_strdup_printf ("/backoff/%s/bounds", name);
      g_autofree char *reset = g_strdup_printf ("/backoff/%s/reset", name);
      g_autofree char *seed0 = g_strdup_printf ("/backoff/%s/seed-zero", name);

      g_test_add_data_func (exact, name, test_jitter_exact);
      g_test_add_data_func (bounds, name, test_jitter_bounds);
      g_test_add_data_func (reset, name, test_reset_sequence);
      g_test_add_data_func (seed0, name, test_seed_zero);
    }

  return g_test_run ();
}
