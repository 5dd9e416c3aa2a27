/* test-retry.c: GredisRetry's decisions and delays
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-util.h"

/* A backoff policy of the application's own: failures · 7 µs, and a count
 * of resets. It has no `base` or `cap`. */
#define TEST_TYPE_LINEAR_BACKOFF (test_linear_backoff_get_type ())
G_DECLARE_FINAL_TYPE (TestLinearBackoff, test_linear_backoff, TEST, LINEAR_BACKOFF, GObject)

struct _TestLinearBackoff
{
  GObject parent_instance;
  guint   resets;
};

static guint64
test_linear_backoff_compute (GredisBackoffPolicy *policy,
                             guint                failures)
{
  return (guint64) failures * 7;
}

static void
test_linear_backoff_reset (GredisBackoffPolicy *policy)
{
  TEST_LINEAR_BACKOFF (policy)->resets++;
}

static void
test_linear_backoff_iface_init (GredisBackoffPolicyInterface *iface)
{
  iface->compute = test_linear_backoff_compute;
  iface->reset = test_linear_backoff_reset;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestLinearBackoff, test_linear_backoff, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_BACKOFF_POLICY,
                                                      test_linear_backoff_iface_init))

static void
test_linear_backoff_class_init (TestLinearBackoffClass *klass)
{
}

static void
test_linear_backoff_init (TestLinearBackoff *self)
{
}

static const struct {
  GQuark (*domain) (void);
  gint     code;
} default_errors[] = {
  { gredis_error_quark, GREDIS_ERROR_CONNECTION },
  { gredis_error_quark, GREDIS_ERROR_TIMEOUT },
  { g_io_error_quark, G_IO_ERROR_CONNECTION_REFUSED },
  { g_io_error_quark, G_IO_ERROR_CONNECTION_CLOSED },
  { g_io_error_quark, G_IO_ERROR_BROKEN_PIPE },
  { g_io_error_quark, G_IO_ERROR_TIMED_OUT },
  { g_io_error_quark, G_IO_ERROR_HOST_UNREACHABLE },
  { g_io_error_quark, G_IO_ERROR_NETWORK_UNREACHABLE },
  { gredis_error_quark, GREDIS_ERROR_CLOSED },
  { gredis_error_quark, GREDIS_ERROR_LOADING },
  { gredis_error_quark, GREDIS_ERROR_TRYAGAIN },
  { gredis_error_quark, GREDIS_ERROR_MASTERDOWN },
  { gredis_error_quark, GREDIS_ERROR_READONLY },
};

static const struct {
  GQuark (*domain) (void);
  gint     code;
} other_errors[] = {
  { g_io_error_quark, G_IO_ERROR_CANCELLED },
  { g_io_error_quark, G_IO_ERROR_FAILED },
  { g_io_error_quark, G_IO_ERROR_PERMISSION_DENIED },
  { gredis_error_quark, GREDIS_ERROR_FAILED },
  { gredis_error_quark, GREDIS_ERROR_PROTOCOL },
  { gredis_error_quark, GREDIS_ERROR_AUTH },
  { gredis_error_quark, GREDIS_ERROR_SERVER },
  { gredis_error_quark, GREDIS_ERROR_UNKNOWN_OUTCOME },
  { gredis_error_quark, GREDIS_ERROR_PLUGIN_NOT_FOUND },
};

static gboolean
should_retry (GredisRetry *retry,
              GQuark       domain,
              gint         code,
              guint        failures)
{
  g_autoptr(GError) error = g_error_new_literal (domain, code, "Something failed.");

  return gredis_retry_should_retry (retry, error, failures);
}

static void
test_default (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisRetry) retry = gredis_retry_new (NULL, GREDIS_RETRY_DEFAULT_RETRIES, &error);
  g_autoptr(GredisRetry) plain = g_object_new (GREDIS_TYPE_RETRY, NULL);
  GredisRetry *retries[] = { retry, plain };

  g_assert_no_error (error);
  for (gsize i = 0; i < G_N_ELEMENTS (retries); i++)
    {
      GredisBackoffPolicy *backoff = gredis_retry_get_backoff (retries[i]);
      guint64 base, cap;

      g_assert_cmpuint (gredis_retry_get_retries (retries[i]), ==, 3);
      g_assert_nonnull (backoff);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (backoff), ==, "GredisExponentialJitterBackoff");
      g_object_get (backoff, "base", &base, "cap", &cap, NULL);
      g_assert_cmpuint (base, ==, 10000);
      g_assert_cmpuint (cap, ==, 1000000);
      for (guint f = 1; f < 40; f++)
        g_assert_cmpuint (gredis_retry_get_delay (retries[i], f), <=, 1000000);
    }
  /* Each gets a policy of its own. */
  g_assert_true (gredis_retry_get_backoff (retry) != gredis_retry_get_backoff (plain));
}

static void
test_explicit_backoff (void)
{
  g_autoptr(GredisBackoffPolicy) backoff = gredis_backoff_policy_new_for_name ("full-jitter", NULL);
  g_autoptr(GredisBackoffPolicy) twin = gredis_backoff_policy_new_for_name ("full-jitter", NULL);
  g_autoptr(GredisRetry) retry = NULL;
  g_autoptr(GError) error = NULL;

  g_object_set (backoff, "base", G_GUINT64_CONSTANT (500), "seed", G_GUINT64_CONSTANT (77), NULL);
  g_object_set (twin, "base", G_GUINT64_CONSTANT (500), "seed", G_GUINT64_CONSTANT (77), NULL);

  retry = gredis_retry_new (backoff, 5, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_retry_get_backoff (retry) == backoff);
  g_assert_cmpuint (gredis_retry_get_retries (retry), ==, 5);

  /* The given policy is used as is: its base and cap are not touched. */
  {
    guint64 base, cap;

    g_object_get (backoff, "base", &base, "cap", &cap, NULL);
    g_assert_cmpuint (base, ==, 500);
    g_assert_cmpuint (cap, ==, 512000);
  }

  /* Delays come from the policy. */
  for (guint f = 1; f <= 30; f++)
    g_assert_cmpuint (gredis_retry_get_delay (retry, f), ==, gredis_backoff_policy_compute (twin, f));
}

static void
test_should_retry_defaults (void)
{
  g_autoptr(GredisRetry) retry = gredis_retry_new (NULL, 3, NULL);

  for (gsize i = 0; i < G_N_ELEMENTS (default_errors); i++)
    {
      GQuark domain = default_errors[i].domain ();

      for (guint f = 1; f <= 3; f++)
        g_assert_true (should_retry (retry, domain, default_errors[i].code, f));
      g_assert_false (should_retry (retry, domain, default_errors[i].code, 4));
      g_assert_false (should_retry (retry, domain, default_errors[i].code, G_MAXUINT));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (other_errors); i++)
    g_assert_false (should_retry (retry, other_errors[i].domain (), other_errors[i].code, 1));

  /* Same code, other domain. */
  g_assert_false (should_retry (retry, G_IO_ERROR, GREDIS_ERROR_CONNECTION, 1));
  g_assert_false (should_retry (retry, g_quark_from_static_string ("test-error-quark"),
                                G_IO_ERROR_TIMED_OUT, 1));
}

static void
test_should_retry_custom (void)
{
  g_autoptr(GredisRetry) retry = gredis_retry_new (NULL, 2, NULL);

  /* Add a class. */
  g_assert_false (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_BUSY, 1));
  gredis_retry_add_error (retry, GREDIS_ERROR, GREDIS_ERROR_BUSY);
  g_assert_true (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_BUSY, 2));
  g_assert_false (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_BUSY, 3));

  /* Adding twice then removing once removes it. */
  gredis_retry_add_error (retry, GREDIS_ERROR, GREDIS_ERROR_BUSY);
  gredis_retry_remove_error (retry, GREDIS_ERROR, GREDIS_ERROR_BUSY);
  g_assert_false (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_BUSY, 1));

  /* Remove a default class; the others stay. */
  gredis_retry_remove_error (retry, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT);
  g_assert_false (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT, 1));
  g_assert_true (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, 1));
  g_assert_true (should_retry (retry, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, 1));

  /* Removing what is not there does nothing. */
  gredis_retry_remove_error (retry, GREDIS_ERROR, GREDIS_ERROR_OOM);
  g_assert_true (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, 1));

  /* Cancellation is never retried, even when asked for. */
  gredis_retry_add_error (retry, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (should_retry (retry, G_IO_ERROR, G_IO_ERROR_CANCELLED, 1));

  /* Clearing removes every class; then build a set from nothing. */
  gredis_retry_clear_errors (retry);
  for (gsize i = 0; i < G_N_ELEMENTS (default_errors); i++)
    g_assert_false (should_retry (retry, default_errors[i].domain (), default_errors[i].code, 1));
  gredis_retry_add_error (retry, GREDIS_ERROR, GREDIS_ERROR_TRYAGAIN);
  g_assert_true (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_TRYAGAIN, 1));
  g_assert_false (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, 1));
}

/* Permanent failures are never retried, even when added as a class. */
static void
test_should_retry_permanent (void)
{
  g_autoptr(GredisRetry) retry = gredis_retry_new (NULL, 3, NULL);
  static const struct {
    GQuark (*domain) (void);
    gint     code;
  } permanent[] = {
    { gredis_error_quark, GREDIS_ERROR_TLS },
    { gredis_error_quark, GREDIS_ERROR_AUTH },
    { gredis_error_quark, GREDIS_ERROR_NOPERM },
    { gredis_error_quark, GREDIS_ERROR_HOST_NOT_FOUND },
    { gredis_error_quark, GREDIS_ERROR_PLUGIN_NOT_FOUND },
    { gredis_error_quark, GREDIS_ERROR_CONFIG },
    { gredis_error_quark, GREDIS_ERROR_UNKNOWN_MASTER },
    { g_tls_error_quark, G_TLS_ERROR_BAD_CERTIFICATE },
    { g_tls_error_quark, G_TLS_ERROR_CERTIFICATE_REQUIRED },
    { g_tls_error_quark, G_TLS_ERROR_NOT_TLS },
    { g_resolver_error_quark, G_RESOLVER_ERROR_NOT_FOUND },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (permanent); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (permanent[i].domain (), permanent[i].code,
                                                     "permanent");

      g_assert_true (gredis_retry_is_permanent_error (error));
      gredis_retry_add_error (retry, permanent[i].domain (), permanent[i].code);
      g_assert_false (gredis_retry_should_retry (retry, error, 1));
    }
  for (gsize i = 0; i < G_N_ELEMENTS (default_errors); i++)
    {
      g_autoptr(GError) error = g_error_new_literal (default_errors[i].domain (),
                                                     default_errors[i].code, "transient");

      g_assert_false (gredis_retry_is_permanent_error (error));
    }
  {
    g_autoptr(GError) temporary = g_error_new_literal (G_RESOLVER_ERROR,
                                                       G_RESOLVER_ERROR_TEMPORARY_FAILURE, "later");
    g_autoptr(GError) eof = g_error_new_literal (G_TLS_ERROR, G_TLS_ERROR_EOF, "eof");

    g_assert_false (gredis_retry_is_permanent_error (temporary));
    g_assert_false (gredis_retry_is_permanent_error (eof));
  }
}

static void
test_retries (void)
{
  g_autoptr(GredisRetry) retry = gredis_retry_new (NULL, 0, NULL);

  g_assert_false (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, 1));

  gredis_retry_set_retries (retry, 1);
  g_assert_true (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, 1));
  g_assert_false (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, 2));

  gredis_retry_set_retries (retry, G_MAXUINT);
  g_assert_true (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, G_MAXUINT));
  g_assert_false (should_retry (retry, G_IO_ERROR, G_IO_ERROR_CANCELLED, 1));
}

static void
test_delay_and_reset (void)
{
  g_autoptr(GredisBackoffPolicy) backoff = gredis_backoff_policy_new_for_name ("decorrelated-jitter", NULL);
  g_autoptr(GredisRetry) retry = NULL;
  guint64 first[12], again[12];

  g_object_set (backoff, "base", G_GUINT64_CONSTANT (1000), "cap", G_GUINT64_CONSTANT (10000000),
                "seed", G_GUINT64_CONSTANT (5), NULL);
  retry = gredis_retry_new (backoff, 3, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (first); i++)
    first[i] = gredis_retry_get_delay (retry, i + 1);
  g_assert_cmpuint (first[0], ==, 1000);
  g_assert_cmpuint (first[11], >, 1000);

  /* Reset goes to the policy: state and seeded sequence start again. */
  gredis_retry_reset (retry);
  for (guint i = 0; i < G_N_ELEMENTS (again); i++)
    again[i] = gredis_retry_get_delay (retry, i + 1);
  g_assert_cmpmem (first, sizeof first, again, sizeof again);
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties (void)
{
  g_autoptr(GredisBackoffPolicy) constant = gredis_backoff_policy_new_for_name ("constant", NULL);
  g_autoptr(GredisRetry) retry = gredis_retry_new (NULL, 3, NULL);
  g_autoptr(GredisBackoffPolicy) got = NULL;
  guint n_retries = 0, n_backoff = 0;
  guint retries;

  g_signal_connect (retry, "notify::retries", G_CALLBACK (count_notify), &n_retries);
  g_signal_connect (retry, "notify::backoff", G_CALLBACK (count_notify), &n_backoff);

  g_object_set (retry, "retries", 9u, NULL);
  g_object_get (retry, "retries", &retries, NULL);
  g_assert_cmpuint (retries, ==, 9);
  g_assert_cmpuint (n_retries, ==, 1);
  gredis_retry_set_retries (retry, 9);
  g_assert_cmpuint (n_retries, ==, 1);

  g_object_set (retry, "backoff", constant, NULL);
  g_object_get (retry, "backoff", &got, NULL);
  g_assert_true (got == constant);
  g_assert_cmpuint (n_backoff, ==, 1);
  gredis_retry_set_backoff (retry, constant);
  g_assert_cmpuint (n_backoff, ==, 1);
  g_assert_cmpuint (gredis_retry_get_delay (retry, 2), ==, 8000);

  /* Construct properties. */
  {
    g_autoptr(GredisRetry) built = g_object_new (GREDIS_TYPE_RETRY, "retries", 0u,
                                                 "backoff", constant, NULL);

    g_assert_cmpuint (gredis_retry_get_retries (built), ==, 0);
    g_assert_true (gredis_retry_get_backoff (built) == constant);
  }
}

static void
test_application_backoff (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisBackoffPolicy) backoff = NULL;
  g_autoptr(GredisRetry) retry = NULL;
  g_autoptr(GredisPluginInfo) info = NULL;

  gredis_plugins_register_type (GREDIS_PLUGIN_BACKOFF_POLICY, "test-linear",
                                TEST_TYPE_LINEAR_BACKOFF, 1);
  info = gredis_plugins_lookup (GREDIS_PLUGIN_BACKOFF_POLICY, "test-linear", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_plugin_info_get_filename (info), ==, "(application)");

  backoff = gredis_backoff_policy_new_for_name ("test-linear", &error);
  g_assert_no_error (error);
  g_assert_true (TEST_IS_LINEAR_BACKOFF (backoff));

  retry = gredis_retry_new (backoff, 4, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (gredis_retry_get_delay (retry, 1), ==, 7);
  g_assert_cmpuint (gredis_retry_get_delay (retry, 4), ==, 28);
  gredis_retry_reset (retry);
  gredis_retry_reset (retry);
  g_assert_cmpuint (TEST_LINEAR_BACKOFF (backoff)->resets, ==, 2);

  /* A lower priority than exponential-jitter: not the default. */
  {
    g_autoptr(GredisRetry) plain = gredis_retry_new (NULL, 3, NULL);

    g_assert_cmpstr (G_OBJECT_TYPE_NAME (gredis_retry_get_backoff (plain)), ==,
                     "GredisExponentialJitterBackoff");
  }
}

static void
test_environment_default (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GredisRetry) constant_retry = NULL;
      g_autoptr(GredisRetry) linear_retry = NULL;

      /* The default policy follows GREDIS_USE_BACKOFF, with the retry's
       * base and cap... */
      g_setenv ("GREDIS_USE_BACKOFF", "constant", TRUE);
      constant_retry = gredis_retry_new (NULL, 3, NULL);
      g_assert_cmpstr (G_OBJECT_TYPE_NAME (gredis_retry_get_backoff (constant_retry)), ==,
                       "GredisConstantBackoff");
      g_assert_cmpuint (gredis_retry_get_delay (constant_retry, 1), ==, 10000);

      /* ...which a policy without those properties does without. */
      gredis_plugins_register_type (GREDIS_PLUGIN_BACKOFF_POLICY, "test-linear",
                                    TEST_TYPE_LINEAR_BACKOFF, 1);
      g_setenv ("GREDIS_USE_BACKOFF", "test-linear", TRUE);
      linear_retry = g_object_new (GREDIS_TYPE_RETRY, NULL);
      g_assert_true (TEST_IS_LINEAR_BACKOFF (gredis_retry_get_backoff (linear_retry)));
      g_assert_cmpuint (gredis_retry_get_delay (linear_retry, 3), ==, 21);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr_unmatched ("*WARNING*");
  g_test_trap_assert_stderr_unmatched ("*CRITICAL*");
}

static void
test_missing_default (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisRetry) retry = NULL;

      g_setenv ("GREDIS_USE_BACKOFF", "no-such-backoff", TRUE);
      retry = gredis_retry_new (NULL, 3, &error);
      g_assert_null (retry);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PLUGIN_NOT_FOUND);
      g_assert_nonnull (strstr (error->message, "no-such-backoff"));

      /* Constructed without gredis_retry_new(), it warns (a warning that
       * this test lets through) and waits 0. */
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      retry = g_object_new (GREDIS_TYPE_RETRY, NULL);
      g_assert_null (gredis_retry_get_backoff (retry));
      g_assert_cmpuint (gredis_retry_get_delay (retry, 1), ==, 0);
      g_assert_true (should_retry (retry, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, 1));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*WARNING*GredisRetry has no backoff policy*no-such-backoff*");
}

int
main (int   argc,
      char *argv[])
{
  g_unsetenv ("GREDIS_USE_BACKOFF");
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/retry/default", test_default);
  g_test_add_func ("/retry/explicit-backoff", test_explicit_backoff);
  g_test_add_func ("/retry/should-retry/defaults", test_should_retry_defaults);
  g_test_add_func ("/retry/should-retry/custom", test_should_retry_custom);
  g_test_add_func ("/retry/should-retry/permanent", test_should_retry_permanent);
  g_test_add_func ("/retry/retries", test_retries);
  g_test_add_func ("/retry/delay-and-reset", test_delay_and_reset);
  g_test_add_func ("/retry/properties", test_properties);
  g_test_add_func ("/retry/application-backoff", test_application_backoff);
  g_test_add_func ("/retry/environment-default", test_environment_default);
  g_test_add_func ("/retry/missing-default", test_missing_default);

  return g_test_run ();
}
