/* test-config.c: GredisConfig, its properties, key files and credentials
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <gio/gunixsocketaddress.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "config-test-common.h"
#include "gredis-address-map-private.h"

static void
test_defaults (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  for (gsize i = 0; i < config_test_n_defaults; i++)
    {
      g_autofree char *text = config_test_property_text (config, config_test_defaults[i].key);

      g_test_message ("%s = %s", config_test_defaults[i].key, text);
      g_assert_cmpstr (text, ==, config_test_defaults[i].value);
    }

  /* The documented defaults, spelled with the public constants. */
  g_assert_cmpuint (gredis_config_get_connect_timeout_ms (config), ==, 5000);
  g_assert_cmpuint (gredis_config_get_command_timeout_ms (config), ==, 5000);
  g_assert_cmpuint (gredis_config_get_retries (config), ==, 3);
  g_assert_cmpuint (gredis_config_get_backoff_base_ms (config), ==, 10);
  g_assert_cmpuint (gredis_config_get_backoff_cap_ms (config), ==, 1000);
  g_assert_cmpuint (gredis_config_get_max_connections (config), ==, 16);
  g_assert_cmpuint (gredis_config_get_pool_timeout_ms (config), ==, 5000);
  g_assert_cmpuint (gredis_config_get_max_bulk_bytes (config), ==, GREDIS_PARSER_DEFAULT_MAX_BULK_BYTES);
  g_assert_cmpuint (gredis_config_get_max_elements (config), ==, GREDIS_PARSER_DEFAULT_MAX_ELEMENTS);
  g_assert_cmpuint (gredis_config_get_max_depth (config), ==, GREDIS_PARSER_DEFAULT_MAX_DEPTH);
  g_assert_cmpuint (gredis_config_get_max_reply_bytes (config), ==, GREDIS_PARSER_DEFAULT_MAX_REPLY_BYTES);
  g_assert_cmpuint (gredis_config_get_protocol (config), ==, 2);
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "tcp");
}

static void
test_option_names (void)
{
  const char * const *names = gredis_config_get_option_names ();
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs = 0;
  guint n_names;

  n_names = g_strv_length ((char **) names);
  g_assert_cmpuint (n_names, ==, config_test_n_samples + 1);
  g_assert_cmpstr (names[0], ==, "uri");
  for (gsize i = 0; i < config_test_n_samples; i++)
    g_assert_cmpstr (names[i + 1], ==, config_test_samples[i].key);

  /* Every property is an option, and every option a property. */
  pspecs = g_object_class_list_properties (g_type_class_peek (GREDIS_TYPE_CONFIG), &n_pspecs);
  g_assert_cmpuint (n_pspecs, ==, n_names);
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_assert_true (g_strv_contains (names, pspecs[i]->name));
      g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_assert_true ((pspecs[i]->flags & G_PARAM_READWRITE) == G_PARAM_READWRITE);
    }
}

/* Every option through its typed setter and getter. */
static void
test_accessors (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  /* Generated from the option table: one typed setter and getter each. */
  gredis_config_set_host (config, "redis.example.org");
  gredis_config_set_port (config, 7001);
  gredis_config_set_path (config, "/run/redis/redis.sock");
  gredis_config_set_db (config, 5);
  gredis_config_set_username (config, "alice");
  gredis_config_set_password (config, "pa ss:w@rd/%");
  gredis_config_set_password_file (config, "/etc/gredis/password");
  gredis_config_set_password_credential (config, "redis-password");
  gredis_config_set_client_name (config, "worker-1");
  gredis_config_set_protocol (config, 3);
  gredis_config_set_transport (config, "config-test-transport");
  gredis_config_set_parser (config, "config-test-parser");
  gredis_config_set_backoff (config, "config-test-backoff");
  gredis_config_set_backoff_base_ms (config, 20);
  gredis_config_set_backoff_cap_ms (config, 2000);
  gredis_config_set_retries (config, 7);
  gredis_config_set_pool (config, "config-test-pool");
  gredis_config_set_max_connections (config, 64);
  gredis_config_set_pool_timeout_ms (config, 250);
  gredis_config_set_min_idle (config, 2);
  gredis_config_set_idle_timeout_s (config, 300);
  gredis_config_set_max_lifetime_s (config, 3600);
  gredis_config_set_health_check_interval_s (config, 30);
  gredis_config_set_connect_timeout_ms (config, 1500);
  gredis_config_set_command_timeout_ms (config, 2500);
  gredis_config_set_keepalive (config, FALSE);
  gredis_config_set_tls_ca_file (config, "/etc/gredis/ca.pem");
  gredis_config_set_tls_ca_dir (config, "/etc/ssl/certs");
  gredis_config_set_tls_cert_file (config, "/etc/gredis/client.pem");
  gredis_config_set_tls_key_file (config, "/etc/gredis/client.key");
  gredis_config_set_tls_key_password (config, "key pass");
  gredis_config_set_tls_server_name (config, "redis.internal");
  gredis_config_set_tls_verify (config, "optional");
  gredis_config_set_tls_min_version (config, "1.3");
  gredis_config_set_tls_ciphers (config, "HIGH:!aNULL");
  gredis_config_set_max_bulk_bytes (config, 1048576);
  gredis_config_set_max_elements (config, 1000);
  gredis_config_set_max_depth (config, 16);
  gredis_config_set_max_reply_bytes (config, 8388608);
  gredis_config_set_seeds (config, "10.0.0.1:7000;[::1]:7001");
  gredis_config_set_max_redirects (config, 9);
  gredis_config_set_sentinels (config, "10.0.0.1:26379;[::1]:26380");
  gredis_config_set_master_name (config, "mymaster");
  gredis_config_set_sentinel_username (config, "watcher");
  gredis_config_set_sentinel_password (config, "sentinel pass");
  gredis_config_set_sentinel_password_credential (config, "sentinel-password");
  gredis_config_set_sentinel_events (config, FALSE);
  g_assert_cmpstr (gredis_config_get_sentinels (config), ==, "10.0.0.1:26379;[::1]:26380");
  g_assert_cmpstr (gredis_config_get_master_name (config), ==, "mymaster");
  g_assert_cmpstr (gredis_config_get_sentinel_username (config), ==, "watcher");
  g_assert_cmpstr (gredis_config_get_sentinel_password (config), ==, "sentinel pass");
  g_assert_cmpstr (gredis_config_get_sentinel_password_credential (config), ==, "sentinel-password");
  g_assert_false (gredis_config_get_sentinel_events (config));
  gredis_config_set_cluster_refresh_interval_ms (config, 2500);
  g_assert_cmpuint (gredis_config_get_cluster_refresh_interval_ms (config), ==, 2500);
  gredis_config_set_read_from (config, "prefer-replica");
  gredis_config_set_address_map (config, "10.0.0.1:7000=127.0.0.1:17000;[fd00::1]:7001=[::1]:17001;10.0.0.2=192.0.2.1");
  gredis_config_set_cluster_split (config, TRUE);
  gredis_config_set_cache (config, TRUE);
  gredis_config_set_cache_max_entries (config, 500);
  gredis_config_set_cache_max_bytes (config, 1048576);
  gredis_config_set_cache_ttl_ms (config, 60000);
  gredis_config_set_cache_mode (config, "broadcast");
  gredis_config_set_cache_prefixes (config, "user:,session:");
  gredis_config_set_cache_optin (config, TRUE);
  g_assert_true (gredis_config_get_cache (config));
  g_assert_cmpstr (gredis_config_get_cache_mode (config), ==, "broadcast");
  gredis_config_set_observe (config, "metrics");
  g_assert_cmpstr (gredis_config_get_observe (config), ==, "metrics");
  gredis_config_set_otlp_endpoint (config, "http://collector.internal:4318");
  gredis_config_set_otlp_sample_ratio (config, 0.25);
  gredis_config_set_otlp_interval_ms (config, 1000);
  gredis_config_set_otlp_max_queue (config, 100);
  g_assert_cmpstr (gredis_config_get_otlp_endpoint (config), ==, "http://collector.internal:4318");
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.25);
  g_assert_cmpuint (gredis_config_get_otlp_interval_ms (config), ==, 1000);
  g_assert_cmpuint (gredis_config_get_otlp_max_queue (config), ==, 100);
  g_assert_cmpstr (gredis_config_get_read_from (config), ==, "prefer-replica");
  g_assert_true (gredis_config_get_cluster_split (config));
  g_assert_cmpstr (gredis_config_get_seeds (config), ==, "10.0.0.1:7000;[::1]:7001");
  g_assert_cmpuint (gredis_config_get_max_redirects (config), ==, 9);
  g_assert_cmpstr (gredis_config_get_host (config), ==, "redis.example.org");
  g_assert_cmpuint (gredis_config_get_port (config), ==, 7001);
  g_assert_cmpstr (gredis_config_get_path (config), ==, "/run/redis/redis.sock");
  g_assert_cmpuint (gredis_config_get_db (config), ==, 5);
  g_assert_cmpstr (gredis_config_get_username (config), ==, "alice");
  g_assert_cmpstr (gredis_config_get_password (config), ==, "pa ss:w@rd/%");
  g_assert_cmpstr (gredis_config_get_password_file (config), ==, "/etc/gredis/password");
  g_assert_cmpstr (gredis_config_get_password_credential (config), ==, "redis-password");
  g_assert_cmpstr (gredis_config_get_client_name (config), ==, "worker-1");
  g_assert_cmpuint (gredis_config_get_protocol (config), ==, 3);
  g_assert_cmpstr (gredis_config_get_transport (config), ==, "config-test-transport");
  g_assert_cmpstr (gredis_config_get_parser (config), ==, "config-test-parser");
  g_assert_cmpstr (gredis_config_get_backoff (config), ==, "config-test-backoff");
  g_assert_cmpuint (gredis_config_get_backoff_base_ms (config), ==, 20);
  g_assert_cmpuint (gredis_config_get_backoff_cap_ms (config), ==, 2000);
  g_assert_cmpuint (gredis_config_get_retries (config), ==, 7);
  g_assert_cmpstr (gredis_config_get_pool (config), ==, "config-test-pool");
  g_assert_cmpuint (gredis_config_get_max_connections (config), ==, 64);
  g_assert_cmpuint (gredis_config_get_pool_timeout_ms (config), ==, 250);
  g_assert_cmpuint (gredis_config_get_min_idle (config), ==, 2);
  g_assert_cmpuint (gredis_config_get_idle_timeout_s (config), ==, 300);
  g_assert_cmpuint (gredis_config_get_max_lifetime_s (config), ==, 3600);
  g_assert_cmpuint (gredis_config_get_health_check_interval_s (config), ==, 30);
  g_assert_cmpuint (gredis_config_get_connect_timeout_ms (config), ==, 1500);
  g_assert_cmpuint (gredis_config_get_command_timeout_ms (config), ==, 2500);
  g_assert_false (gredis_config_get_keepalive (config));
  g_assert_cmpstr (gredis_config_get_tls_ca_file (config), ==, "/etc/gredis/ca.pem");
  g_assert_cmpstr (gredis_config_get_tls_ca_dir (config), ==, "/etc/ssl/certs");
  g_assert_cmpstr (gredis_config_get_tls_cert_file (config), ==, "/etc/gredis/client.pem");
  g_assert_cmpstr (gredis_config_get_tls_key_file (config), ==, "/etc/gredis/client.key");
  g_assert_cmpstr (gredis_config_get_tls_key_password (config), ==, "key pass");
  g_assert_cmpstr (gredis_config_get_tls_server_name (config), ==, "redis.internal");
  g_assert_cmpstr (gredis_config_get_tls_verify (config), ==, "optional");
  g_assert_cmpstr (gredis_config_get_tls_min_version (config), ==, "1.3");
  g_assert_cmpstr (gredis_config_get_tls_ciphers (config), ==, "HIGH:!aNULL");
  g_assert_cmpuint (gredis_config_get_max_bulk_bytes (config), ==, 1048576);
  g_assert_cmpuint (gredis_config_get_max_elements (config), ==, 1000);
  g_assert_cmpuint (gredis_config_get_max_depth (config), ==, 16);
  g_assert_cmpuint (gredis_config_get_max_reply_bytes (config), ==, 8388608);

  config_test_assert_samples (config, NULL);

  /* NULL restores the default of a text option. */
  gredis_config_set_host (config, NULL);
  gredis_config_set_tls_verify (config, NULL);
  gredis_config_set_password (config, NULL);
  g_assert_cmpstr (gredis_config_get_host (config), ==, "localhost");
  g_assert_cmpstr (gredis_config_get_tls_verify (config), ==, "required");
  g_assert_null (gredis_config_get_password (config));
}

/* Every option as a GObject property, set with a typed GValue. */
static void
test_properties (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  for (gsize i = 0; i < config_test_n_samples; i++)
    {
      const char *key = config_test_samples[i].key;
      const char *text = config_test_samples[i].value;
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (config), key);
      g_auto(GValue) value = G_VALUE_INIT;

      g_assert_nonnull (pspec);
      g_value_init (&value, pspec->value_type);
      if (pspec->value_type == G_TYPE_STRING)
        g_value_set_string (&value, text);
      else if (pspec->value_type == G_TYPE_UINT)
        g_value_set_uint (&value, (guint) g_ascii_strtoull (text, NULL, 10));
      else if (pspec->value_type == G_TYPE_UINT64)
        g_value_set_uint64 (&value, g_ascii_strtoull (text, NULL, 10));
      else if (pspec->value_type == G_TYPE_BOOLEAN)
        g_value_set_boolean (&value, g_str_equal (text, "true"));
      else if (pspec->value_type == G_TYPE_DOUBLE)
        g_value_set_double (&value, g_ascii_strtod (text, NULL));
      else
        g_assert_not_reached ();
      g_object_set_property (G_OBJECT (config), key, &value);
    }
  config_test_assert_samples (config, NULL);
}

static void
test_property_invalid_choice (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GredisConfig) config = gredis_config_new ();

      g_object_set (config, "tls-verify", "sometimes", NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*sometimes*tls-verify*");
}

static void
test_setter_out_of_range (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GredisConfig) config = gredis_config_new ();

      gredis_config_set_port (config, 70000);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*70000*port*");
}

static void
test_set_option (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  for (gsize i = 0; i < config_test_n_samples; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (gredis_config_set_option (config, config_test_samples[i].key,
                                               config_test_samples[i].value, &error));
      g_assert_no_error (error);
    }
  config_test_assert_samples (config, NULL);

  /* Other spellings of booleans, spaces around numbers, case of choices. */
  g_assert_true (gredis_config_set_option (config, "keepalive", "YES", NULL));
  g_assert_true (gredis_config_get_keepalive (config));
  g_assert_true (gredis_config_set_option (config, "keepalive", "off", NULL));
  g_assert_false (gredis_config_get_keepalive (config));
  g_assert_true (gredis_config_set_option (config, "keepalive", "1", NULL));
  g_assert_true (gredis_config_get_keepalive (config));
  g_assert_true (gredis_config_set_option (config, "retries", " 12 ", NULL));
  g_assert_cmpuint (gredis_config_get_retries (config), ==, 12);
  g_assert_true (gredis_config_set_option (config, "tls-verify", "NONE", NULL));
  g_assert_cmpstr (gredis_config_get_tls_verify (config), ==, "none");
  g_assert_true (gredis_config_set_option (config, "max-reply-bytes", "18446744073709551615", NULL));
  g_assert_cmpuint (gredis_config_get_max_reply_bytes (config), ==, G_MAXUINT64);

  /* An empty value restores the default of a text option. */
  g_assert_true (gredis_config_set_option (config, "host", "", NULL));
  g_assert_cmpstr (gredis_config_get_host (config), ==, "localhost");
  g_assert_true (gredis_config_set_option (config, "transport", "", NULL));
  g_assert_null (gredis_config_get_transport (config));
  g_assert_true (gredis_config_set_option (config, "tls-verify", "", NULL));
  g_assert_cmpstr (gredis_config_get_tls_verify (config), ==, "required");

  /* The key uri applies a URI. */
  g_assert_true (gredis_config_set_option (config, "uri", "rediss://via-option:6390/3", NULL));
  g_assert_cmpstr (gredis_config_get_host (config), ==, "via-option");
  g_assert_cmpuint (gredis_config_get_db (config), ==, 3);
  g_assert_null (gredis_config_get_path (config));
}

typedef struct {
  const char *key;
  const char *value;
  const char *needles[4];
} OptionErrorCase;

static void
test_set_option_errors (void)
{
  static const OptionErrorCase cases[] = {
    { "prot", "3", { "“prot”", NULL } },
    { "socket_timeout", "3", { "“socket_timeout”", NULL } },
    { "port", "70000", { "“70000”", "“port”", "65535", NULL } },
    { "port", "0", { "“0”", "“port”", NULL } },
    { "port", "http", { "“http”", "“port”", NULL } },
    { "db", "-1", { "“-1”", "“db”", NULL } },
    { "connect-timeout-ms", "5s", { "“5s”", "“connect-timeout-ms”", NULL } },
    { "command-timeout-ms", "", { "“command-timeout-ms”", NULL } },
    { "command-timeout-ms", "1.5", { "“1.5”", NULL } },
    { "max-bulk-bytes", "4294967296", { "“4294967296”", "4294967295", NULL } },
    { "max-depth", "0", { "“0”", "“max-depth”", NULL } },
    { "max-connections", "0", { "“max-connections”", NULL } },
    { "protocol", "1", { "“1”", "“protocol”", NULL } },
    { "keepalive", "maybe", { "“maybe”", "“keepalive”", "boolean", NULL } },
    { "tls-verify", "sometimes", { "“sometimes”", "“tls-verify”", NULL } },
    { "tls-min-version", "1.0", { "“1.0”", "“tls-min-version”", NULL } },
    { "transport", "carrier-pigeon", { "“transport”", "“carrier-pigeon”", "searched", NULL } },
    { "parser", "tea-leaves", { "“parser”", "“tea-leaves”", NULL } },
    { "backoff", "forever", { "“backoff”", "“forever”", NULL } },
    { "pool", "lake", { "“pool”", "“lake”", NULL } },
    { "uri", "gopher://x", { "“gopher”", NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GredisConfig) config = gredis_config_new ();
      g_autoptr(GredisConfig) before = gredis_config_dup (config);
      g_autofree char *text_before = gredis_config_to_string (before);
      g_autofree char *text_after = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_false (gredis_config_set_option (config, cases[i].key, cases[i].value, &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
      g_test_message ("%s=%s → %s", cases[i].key, cases[i].value, error->message);
      for (guint j = 0; cases[i].needles[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, cases[i].needles[j]));

      /* Nothing changed. */
      text_after = gredis_config_to_string (config);
      g_assert_cmpstr (text_after, ==, text_before);
    }
}

static GKeyFile *
samples_key_file (const char *group)
{
  GKeyFile *key_file = g_key_file_new ();

  for (gsize i = 0; i < config_test_n_samples; i++)
    g_key_file_set_string (key_file, group, config_test_samples[i].key,
                           config_test_samples[i].value);
  return key_file;
}

/* Seeds are checked where they are set as text: a key file, the command
 * line, gredis_config_set_option(). */
static void
test_seeds (void)
{
  static const char * const good[] = { "127.0.0.1:7000", "a.example:7000; b.example", "[::1]:7002;", NULL };
  static const char * const bad[] = { "127.0.0.1:0", "127.0.0.1:70000", ";", "host:port", "[::1", "user@host:7000", NULL };
  g_autoptr(GredisConfig) config = gredis_config_new ();

  g_assert_null (gredis_config_get_seeds (config));
  for (guint i = 0; good[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (gredis_config_set_option (config, "seeds", good[i], &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gredis_config_get_seeds (config), ==, good[i]);
    }
  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("seeds=%s", bad[i]);
      g_assert_false (gredis_config_set_option (config, "seeds", bad[i], &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
      g_assert_nonnull (strstr (error->message, "seed"));
      g_assert_cmpstr (gredis_config_get_seeds (config), ==, "[::1]:7002;");
    }
}

/* The cluster's read policy, address map and split option: as text,
 * checked where they are set as text, and what the map maps. */
static void
test_cluster_options (void)
{
  static const char * const good_maps[] = {
    "10.0.0.5:7000=127.0.0.1:17000",
    " 10.0.0.5:7000 = 127.0.0.1:17000 ; node-b.example=192.0.2.7;",
    "[fd00::5]:7000=[::1]:17000",
    NULL,
  };
  static const char * const bad_maps[] = {
    "10.0.0.5:7000", "=127.0.0.1:1", "10.0.0.5:7000=", "10.0.0.5:7000=127.0.0.1",
    "10.0.0.5=127.0.0.1:7000", "a=b=c", "10.0.0.5:70000=127.0.0.1:1", "user@h:1=h:2", NULL,
  };
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisAddressMap) map = NULL;
  g_autoptr(GError) error = NULL;
  const char *host = NULL;
  guint16 port = 0;

  g_assert_cmpstr (gredis_config_get_read_from (config), ==, "primary");
  g_assert_null (gredis_config_get_address_map (config));
  g_assert_false (gredis_config_get_cluster_split (config));

  g_assert_true (gredis_config_set_option (config, "read-from", "Nearest", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_config_get_read_from (config), ==, "nearest");
  g_assert_false (gredis_config_set_option (config, "read-from", "replica", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "prefer-replica"));
  g_clear_error (&error);
  gredis_config_set_read_from (config, NULL);
  g_assert_cmpstr (gredis_config_get_read_from (config), ==, "primary");

  g_assert_true (gredis_config_set_option (config, "cluster-split", "yes", &error));
  g_assert_no_error (error);
  g_assert_true (gredis_config_get_cluster_split (config));

  for (guint i = 0; good_maps[i] != NULL; i++)
    {
      g_assert_true (gredis_config_set_option (config, "address-map", good_maps[i], &error));
      g_assert_no_error (error);
      g_assert_cmpstr (gredis_config_get_address_map (config), ==, good_maps[i]);
    }
  for (guint i = 0; bad_maps[i] != NULL; i++)
    {
      g_test_message ("address-map=%s", bad_maps[i]);
      g_assert_false (gredis_config_set_option (config, "address-map", bad_maps[i], &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
      g_assert_nonnull (strstr (error->message, "announced=reachable"));
      g_clear_error (&error);
      g_assert_cmpstr (gredis_config_get_address_map (config), ==, good_maps[2]);
    }

  map = _gredis_address_map_new (good_maps[1], &error);
  g_assert_no_error (error);
  g_assert_true (_gredis_address_map_lookup (map, "10.0.0.5", 7000, &host, &port));
  g_assert_cmpstr (host, ==, "127.0.0.1");
  g_assert_cmpuint (port, ==, 17000);
  g_assert_false (_gredis_address_map_lookup (map, "10.0.0.5", 7001, &host, &port));
  /* A host alone maps every port, the port kept; names without case. */
  g_assert_true (_gredis_address_map_lookup (map, "NODE-B.example", 7003, &host, &port));
  g_assert_cmpstr (host, ==, "192.0.2.7");
  g_assert_cmpuint (port, ==, 7003);
  g_assert_false (_gredis_address_map_lookup (NULL, "10.0.0.5", 7000, &host, &port));
  g_clear_pointer (&map, _gredis_address_map_free);

  map = _gredis_address_map_new (good_maps[2], &error);
  g_assert_no_error (error);
  g_assert_true (_gredis_address_map_lookup (map, "fd00::5", 7000, &host, &port));
  g_assert_cmpstr (host, ==, "::1");
  g_assert_cmpuint (port, ==, 17000);
}

static void
test_keyfile (void)
{
  g_autoptr(GKeyFile) key_file = samples_key_file ("gredis");
  g_autoptr(GKeyFile) other = samples_key_file ("cache");
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GredisConfig) from_other = NULL;
  g_autoptr(GError) error = NULL;

  g_key_file_set_string (key_file, "unrelated", "whatever", "is ignored");

  config = gredis_config_new_from_keyfile (key_file, NULL, &error);
  g_assert_no_error (error);
  config_test_assert_samples (config, NULL);

  from_other = gredis_config_new_from_keyfile (other, "cache", &error);
  g_assert_no_error (error);
  config_test_assert_samples (from_other, NULL);
}

static void
test_keyfile_uri_first (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  static const char data[] =
    "[gredis]\n"
    "port=7000\n"
    "password=from-key\n"
    "uri=rediss://user:from-uri@uri-host:6000/8?retries=1&client_name=from-uri\n"
    "retries=5\n";

  g_assert_true (g_key_file_load_from_data (key_file, data, -1, G_KEY_FILE_NONE, NULL));
  config = gredis_config_new_from_keyfile (key_file, NULL, &error);
  g_assert_no_error (error);

  /* The other keys override what the URI says, wherever it is. */
  g_assert_cmpuint (gredis_config_get_port (config), ==, 7000);
  g_assert_cmpstr (gredis_config_get_password (config), ==, "from-key");
  g_assert_cmpuint (gredis_config_get_retries (config), ==, 5);
  /* The rest comes from the URI. */
  g_assert_cmpstr (gredis_config_get_host (config), ==, "uri-host");
  g_assert_cmpstr (gredis_config_get_username (config), ==, "user");
  g_assert_cmpuint (gredis_config_get_db (config), ==, 8);
  g_assert_cmpstr (gredis_config_get_client_name (config), ==, "from-uri");
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "tls");
}

typedef struct {
  const char *data;
  const char *group;
  const char *needles[3];
} KeyFileErrorCase;

static void
test_keyfile_errors (void)
{
  static const KeyFileErrorCase cases[] = {
    { "[other]\nport=1\n", NULL, { "“gredis”", NULL } },
    { "[gredis]\nport=1\n", "cache", { "“cache”", NULL } },
    { "[gredis]\nprot=3\n", NULL, { "“prot”", "“gredis”", NULL } },
    { "[gredis]\nport=70000\n", NULL, { "“70000”", "“port”", NULL } },
    { "[gredis]\nconnect-timeout-ms=soon\n", NULL, { "“soon”", "“connect-timeout-ms”", NULL } },
    { "[gredis]\ndb=-3\n", NULL, { "“-3”", "“db”", NULL } },
    { "[gredis]\nkeepalive=perhaps\n", NULL, { "“perhaps”", NULL } },
    { "[gredis]\ntransport=hyperloop\n", NULL, { "“hyperloop”", "“transport”", NULL } },
    { "[gredis]\nuri=http://x\n", NULL, { "“http”", NULL } },
    { "[gredis]\nmax-depth=\n", NULL, { "“max-depth”", NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GKeyFile) key_file = g_key_file_new ();
      g_autoptr(GredisConfig) config = NULL;
      g_autoptr(GError) error = NULL;

      g_assert_true (g_key_file_load_from_data (key_file, cases[i].data, -1, G_KEY_FILE_NONE, NULL));
      config = gredis_config_new_from_keyfile (key_file, cases[i].group, &error);
      g_assert_null (config);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
      g_test_message ("%s → %s", cases[i].data, error->message);
      for (guint j = 0; cases[i].needles[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, cases[i].needles[j]));
    }
}

static void
test_keyfile_unchanged_on_error (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GError) error = NULL;

  g_assert_true (g_key_file_load_from_data (key_file,
                                            "[gredis]\nuri=redis://other:1\nretries=9\nport=x\n",
                                            -1, G_KEY_FILE_NONE, NULL));
  gredis_config_set_host (config, "kept");
  g_assert_false (gredis_config_load_keyfile (config, key_file, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_assert_cmpstr (gredis_config_get_host (config), ==, "kept");
  g_assert_cmpuint (gredis_config_get_retries (config), ==, 3);
}

static void
test_keyfile_no_password_leak (void)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisConfig) config = NULL;

  /* A bad escape sequence in the password: GKeyFile's own message would
   * quote it. */
  g_assert_true (g_key_file_load_from_data (key_file,
                                            "[gredis]\npassword=Sup3r\\qS3cret\n",
                                            -1, G_KEY_FILE_NONE, NULL));
  config = gredis_config_new_from_keyfile (key_file, NULL, &error);
  g_assert_null (config);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“password”"));
  g_assert_null (strstr (error->message, "Sup3r"));
  g_assert_null (strstr (error->message, "S3cret"));
  g_assert_null (strstr (error->message, "\\q"));
}

static char *
write_temp_file (const char *dir,
                 const char *name,
                 const char *contents,
                 gssize      length)
{
  char *path = g_build_filename (dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_file (void)
{
  g_autofree char *dir = g_dir_make_tmp ("gredis-config-XXXXXX", NULL);
  g_autofree char *good = NULL;
  g_autofree char *bad_syntax = NULL;
  g_autofree char *bad_value = NULL;
  g_autofree char *missing = NULL;
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (dir);
  good = write_temp_file (dir, "good.conf",
                          "# The cache\n[gredis]\nuri=redis://file-host:6401/2\nparser=config-test-parser\ncommand-timeout-ms=750\n",
                          -1);
  bad_syntax = write_temp_file (dir, "bad-syntax.conf",
                                "[gredis]\nhost=h\nhunter2Sup3rS3cret\n", -1);
  bad_value = write_temp_file (dir, "bad-value.conf",
                               "[gredis]\npassword=Sup3rS3cret\nmax-depth=deep\n", -1);
  missing = g_build_filename (dir, "missing.conf", NULL);

  config = gredis_config_new_from_file (good, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_config_get_host (config), ==, "file-host");
  g_assert_cmpuint (gredis_config_get_port (config), ==, 6401);
  g_assert_cmpuint (gredis_config_get_db (config), ==, 2);
  g_assert_cmpstr (gredis_config_get_parser (config), ==, "config-test-parser");
  g_assert_cmpuint (gredis_config_get_command_timeout_ms (config), ==, 750);
  g_clear_object (&config);

  config = gredis_config_new_from_file (missing, &error);
  g_assert_null (config);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, missing));
  g_clear_error (&error);

  config = gredis_config_new_from_file (bad_syntax, &error);
  g_assert_null (config);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, bad_syntax));
  g_assert_null (strstr (error->message, "Sup3r"));
  g_clear_error (&error);

  config = gredis_config_new_from_file (bad_value, &error);
  g_assert_null (config);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, bad_value));
  g_assert_nonnull (strstr (error->message, "“deep”"));
  g_assert_nonnull (strstr (error->message, "“max-depth”"));
  g_assert_null (strstr (error->message, "Sup3r"));
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (good), ==, 0);
  g_assert_cmpint (g_unlink (bad_syntax), ==, 0);
  g_assert_cmpint (g_unlink (bad_value), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_to_string (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisConfig) unset = gredis_config_new ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GredisConfig) reread = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *unset_text = NULL;
  g_autofree char *password = NULL;
  g_autofree char *key_password = NULL;
  const char * const secrets[] = { "password", "tls-key-password", "sentinel-password", NULL };

  for (gsize i = 0; i < config_test_n_samples; i++)
    g_assert_true (gredis_config_set_option (config, config_test_samples[i].key,
                                             config_test_samples[i].value, NULL));
  gredis_config_set_password (config, "Sup3rS3cret");
  gredis_config_set_tls_key_password (config, "K3yS3cret");

  text = gredis_config_to_string (config);
  g_test_message ("%s", text);
  g_assert_true (g_str_has_prefix (text, "[gredis]\nuri=unix://alice@/run/redis/redis.sock?db=5\n"));
  g_assert_null (strstr (text, "Sup3r"));
  g_assert_null (strstr (text, "K3y"));
  g_assert_nonnull (strstr (text, "\npassword=********\n"));
  g_assert_nonnull (strstr (text, "\ntls-key-password=********\n"));

  /* It is a key file that gives the same configuration back, except for
   * the secrets. */
  g_assert_true (g_key_file_load_from_data (key_file, text, -1, G_KEY_FILE_NONE, NULL));
  reread = gredis_config_new_from_keyfile (key_file, NULL, &error);
  g_assert_no_error (error);
  config_test_assert_samples (reread, secrets);
  password = config_test_property_text (reread, "password");
  g_assert_cmpstr (password, ==, "********");
  key_password = config_test_property_text (reread, "tls-key-password");
  g_assert_cmpstr (key_password, ==, "********");

  unset_text = gredis_config_to_string (unset);
  g_assert_nonnull (strstr (unset_text, "\npassword=\n"));
  g_assert_nonnull (strstr (unset_text, "\nport=6379\n"));
  g_assert_nonnull (strstr (unset_text, "\nkeepalive=true\n"));
}

static void
test_dup (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisConfig) copy = NULL;
  g_autoptr(GredisConfig) tls = NULL;
  g_autoptr(GredisConfig) tls_copy = NULL;

  for (gsize i = 0; i < config_test_n_samples; i++)
    g_assert_true (gredis_config_set_option (config, config_test_samples[i].key,
                                             config_test_samples[i].value, NULL));
  copy = gredis_config_dup (config);
  g_assert_true (copy != config);
  config_test_assert_samples (copy, NULL);

  /* The copy is independent. */
  gredis_config_set_port (config, 1);
  g_assert_cmpuint (gredis_config_get_port (copy), ==, 7001);

  /* The scheme of a rediss:// URI is copied too. */
  tls = gredis_config_new_for_uri ("rediss://h", NULL);
  tls_copy = gredis_config_dup (tls);
  g_assert_cmpstr (gredis_config_get_effective_transport (tls_copy), ==, "tls");
}

static void
test_endpoint (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GSocketConnectable) network = NULL;
  g_autoptr(GSocketConnectable) unix_socket = NULL;

  gredis_config_set_host (config, "db.example");
  gredis_config_set_port (config, 6400);
  network = gredis_config_get_endpoint (config);
  g_assert_true (G_IS_NETWORK_ADDRESS (network));
  g_assert_cmpstr (g_network_address_get_hostname (G_NETWORK_ADDRESS (network)), ==, "db.example");
  g_assert_cmpuint (g_network_address_get_port (G_NETWORK_ADDRESS (network)), ==, 6400);

  gredis_config_set_path (config, "/tmp/endpoint.sock");
  unix_socket = gredis_config_get_endpoint (config);
  g_assert_true (G_IS_UNIX_SOCKET_ADDRESS (unix_socket));
  g_assert_cmpstr (g_unix_socket_address_get_path (G_UNIX_SOCKET_ADDRESS (unix_socket)), ==,
                   "/tmp/endpoint.sock");
}

static void
test_effective_transport (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "tcp");
  gredis_config_set_path (config, "/tmp/x.sock");
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "unix");
  gredis_config_set_transport (config, "config-test-transport");
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "config-test-transport");
  gredis_config_set_transport (config, NULL);
  gredis_config_set_path (config, NULL);
  g_assert_true (gredis_config_set_uri (config, "rediss://h", NULL));
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "tls");
  /* A socket path wins over the scheme, an explicit transport over both. */
  gredis_config_set_path (config, "/tmp/x.sock");
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "unix");
  gredis_config_set_transport (config, "gio-tls");
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "gio-tls");
}

typedef struct {
  char *dir;
} CredentialsFixture;

static void
credentials_setup (CredentialsFixture *fixture,
                   gconstpointer       data)
{
  fixture->dir = g_dir_make_tmp ("gredis-credentials-XXXXXX", NULL);
  g_assert_nonnull (fixture->dir);
  g_unsetenv ("CREDENTIALS_DIRECTORY");
}

static void
credentials_teardown (CredentialsFixture *fixture,
                      gconstpointer       data)
{
  g_autoptr(GDir) dir = g_dir_open (fixture->dir, 0, NULL);
  const char *name;

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (fixture->dir, name, NULL);

      g_chmod (path, 0600);
      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (fixture->dir), ==, 0);
  g_free (fixture->dir);
  g_unsetenv ("CREDENTIALS_DIRECTORY");
}

static char *
effective_password (GredisConfig *config)
{
  g_autoptr(GError) error = NULL;
  char *password = gredis_config_get_effective_password (config, &error);

  g_assert_no_error (error);
  return password;
}

static void
test_password_sources (CredentialsFixture *fixture,
                       gconstpointer       data)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autofree char *file = write_temp_file (fixture->dir, "pw-file", "from-file\n", -1);
  /* Only its presence in the credentials directory matters. */
  G_GNUC_UNUSED g_autofree char *credential = write_temp_file (fixture->dir, "redis-pw", "from-credential\n", -1);
  g_autoptr(GError) error = NULL;
  char *password;

  /* None configured: NULL and no error. */
  password = gredis_config_get_effective_password (config, &error);
  g_assert_no_error (error);
  g_assert_null (password);

  g_setenv ("CREDENTIALS_DIRECTORY", fixture->dir, TRUE);
  gredis_config_set_password_credential (config, "redis-pw");
  password = effective_password (config);
  g_assert_cmpstr (password, ==, "from-credential");
  g_free (password);

  gredis_config_set_password_file (config, file);
  password = effective_password (config);
  g_assert_cmpstr (password, ==, "from-file");
  g_free (password);

  gredis_config_set_password (config, "direct");
  password = effective_password (config);
  g_assert_cmpstr (password, ==, "direct");
  g_free (password);
}

static void
test_password_newlines (CredentialsFixture *fixture,
                        gconstpointer       data)
{
  static const struct {
    const char *contents;
    const char *expected;
  } cases[] = {
    { "plain", "plain" },
    { "one\n", "one" },
    { "two\n\n", "two\n" },
    { "crlf\r\n", "crlf" },
    { "inner\nline", "inner\nline" },
    { "\n", "" },
    { "", "" },
    { " spaces \n", " spaces " },
  };
  g_autoptr(GredisConfig) config = gredis_config_new ();

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *name = g_strdup_printf ("case-%" G_GSIZE_FORMAT, i);
      g_autofree char *path = write_temp_file (fixture->dir, name, cases[i].contents, -1);
      g_autofree char *password = NULL;

      gredis_config_set_password_file (config, path);
      password = effective_password (config);
      g_assert_cmpstr (password, ==, cases[i].expected);
    }
}

static void
assert_password_error (GredisConfig *config,
                       const char   *must_contain,
                       const char   *must_not_contain)
{
  g_autoptr(GError) error = NULL;
  char *password = gredis_config_get_effective_password (config, &error);

  g_assert_null (password);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  if (must_contain != NULL)
    g_assert_nonnull (strstr (error->message, must_contain));
  if (must_not_contain != NULL)
    g_assert_null (strstr (error->message, must_not_contain));
}

static void
test_password_errors (CredentialsFixture *fixture,
                      gconstpointer       data)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autofree char *missing = g_build_filename (fixture->dir, "missing", NULL);
  g_autofree char *nul = write_temp_file (fixture->dir, "nul", "Sup3r\0S3cret", 12);
  g_autofree char *unreadable = write_temp_file (fixture->dir, "unreadable", "Sup3rS3cret", -1);
  /* A file a credential name must not reach with "../outside". */
  G_GNUC_UNUSED g_autofree char *outside = write_temp_file (fixture->dir, "outside", "Sup3rS3cret", -1);
  g_autofree char *sub = g_build_filename (fixture->dir, "sub", NULL);
  g_autofree char *sub_file = NULL;
  static const char * const bad_names[] = { "../outside", "a/b", "..", "x..y", "/etc/passwd", "", NULL };

  gredis_config_set_password_file (config, missing);
  assert_password_error (config, missing, NULL);

  gredis_config_set_password_file (config, nul);
  assert_password_error (config, nul, "Sup3r");

  gredis_config_set_password_file (config, fixture->dir);
  assert_password_error (config, fixture->dir, NULL);

  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (unreadable, 0), ==, 0);
      gredis_config_set_password_file (config, unreadable);
      assert_password_error (config, unreadable, "Sup3r");
    }
  gredis_config_set_password_file (config, NULL);

  /* A credential without $CREDENTIALS_DIRECTORY. */
  gredis_config_set_password_credential (config, "redis-pw");
  assert_password_error (config, "CREDENTIALS_DIRECTORY", NULL);

  /* Names that would leave the directory. */
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  sub_file = write_temp_file (sub, "inner", "x", -1);
  g_setenv ("CREDENTIALS_DIRECTORY", sub, TRUE);
  for (guint i = 0; bad_names[i] != NULL; i++)
    {
      gredis_config_set_password_credential (config, bad_names[i]);
      assert_password_error (config, "credential", "Sup3r");
    }

  /* A missing credential names its file. */
  gredis_config_set_password_credential (config, "absent");
  {
    g_autofree char *expected = g_build_filename (sub, "absent", NULL);

    assert_password_error (config, expected, NULL);
  }

  g_assert_cmpint (g_unlink (sub_file), ==, 0);
  g_assert_cmpint (g_rmdir (sub), ==, 0);
}

static GredisConfig *
samples_config (void)
{
  GredisConfig *config = gredis_config_new ();

  for (gsize i = 0; i < config_test_n_samples; i++)
    g_assert_true (gredis_config_set_option (config, config_test_samples[i].key,
                                             config_test_samples[i].value, NULL));
  return config;
}

static void
test_apply_transport (void)
{
  g_autoptr(GredisConfig) config = samples_config ();
  g_autoptr(GredisTransport) transport = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ca_file = NULL;
  g_autofree char *key_password = NULL;
  g_autofree char *server_name = NULL;
  g_autofree char *ciphers = NULL;
  guint connect_timeout = 0;
  gboolean keepalive = TRUE;
  ConfigTestVerify verify = CONFIG_TEST_VERIFY_NONE;

  transport = gredis_transport_new_for_name ("config-test-transport", &error);
  g_assert_no_error (error);

  gredis_config_set_tls_server_name (config, NULL);
  g_assert_true (gredis_config_apply_to_plugin (config, G_OBJECT (transport), &error));
  g_assert_no_error (error);

  g_object_get (transport,
                "connect-timeout-ms", &connect_timeout,
                "keepalive", &keepalive,
                "tls-ca-file", &ca_file,
                "tls-key-password", &key_password,
                "tls-server-name", &server_name,
                "tls-ciphers", &ciphers,
                "tls-verify", &verify,
                NULL);
  g_assert_cmpuint (connect_timeout, ==, 1500);
  g_assert_false (keepalive);
  g_assert_cmpstr (ca_file, ==, "/etc/gredis/ca.pem");
  g_assert_cmpstr (key_password, ==, "key pass");
  /* An enum property takes the option's value by nick. */
  g_assert_cmpint (verify, ==, CONFIG_TEST_VERIFY_OPTIONAL);
  /* Not set in the configuration: the plugin's default stays. */
  g_assert_cmpstr (server_name, ==, "from-plugin");
  /* Construct-only properties are left alone. */
  g_assert_cmpstr (ciphers, ==, "DEFAULT");
}

static void
test_apply_parser (void)
{
  g_autoptr(GredisConfig) config = samples_config ();
  g_autoptr(GredisParser) parser = NULL;
  g_autoptr(GError) error = NULL;
  guint64 max_bulk = 0, max_elements = 0, max_reply = 0;
  guint max_depth = 0;

  parser = gredis_parser_new_for_name ("config-test-parser", &error);
  g_assert_no_error (error);
  g_assert_true (gredis_config_apply_to_plugin (config, G_OBJECT (parser), &error));
  g_assert_no_error (error);

  g_assert_cmpuint (gredis_parser_get_protocol (parser), ==, 3);
  g_object_get (parser,
                "max-bulk-bytes", &max_bulk,
                "max-elements", &max_elements,
                "max-depth", &max_depth,
                "max-reply-bytes", &max_reply,
                NULL);
  g_assert_cmpuint (max_bulk, ==, 1048576);
  g_assert_cmpuint (max_elements, ==, 1000);
  g_assert_cmpuint (max_depth, ==, 16);
  g_assert_cmpuint (max_reply, ==, 8388608);

  /* A parser that cannot speak RESP3 says so. */
  g_object_set (parser, "max-protocol", 2, "protocol", 2, NULL);
  g_assert_false (gredis_config_apply_to_plugin (config, G_OBJECT (parser), &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED);
  g_assert_cmpuint (gredis_parser_get_protocol (parser), ==, 2);
}

static void
test_apply_backoff (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisBackoffPolicy) backoff = NULL;
  g_autoptr(GError) error = NULL;
  guint64 base = 0, cap = 0;

  backoff = gredis_backoff_policy_new_for_name ("config-test-backoff", &error);
  g_assert_no_error (error);

  /* The defaults: 10 ms and 1 s, in microseconds. */
  g_assert_true (gredis_config_apply_to_plugin (config, G_OBJECT (backoff), &error));
  g_assert_no_error (error);
  g_object_get (backoff, "base", &base, "cap", &cap, NULL);
  g_assert_cmpuint (base, ==, 10000);
  g_assert_cmpuint (cap, ==, 1000000);

  gredis_config_set_backoff_base_ms (config, 25);
  gredis_config_set_backoff_cap_ms (config, G_MAXUINT);
  g_assert_true (gredis_config_apply_to_plugin (config, G_OBJECT (backoff), &error));
  g_object_get (backoff, "base", &base, "cap", &cap, NULL);
  g_assert_cmpuint (base, ==, 25000);
  g_assert_cmpuint (cap, ==, (guint64) G_MAXUINT * 1000);
  g_assert_cmpuint (gredis_backoff_policy_compute (backoff, 3), ==, 75000);
}

/* The real exponential policy, when the backoff plugin is built. */
static void
test_apply_backoff_plugin (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisBackoffPolicy) backoff = NULL;
  g_autoptr(GError) error = NULL;
  guint64 base = 0, cap = 0;

  backoff = gredis_backoff_policy_new_for_name ("exponential", &error);
  if (backoff == NULL)
    {
      g_autofree char *why = g_strdup_printf ("The exponential backoff plugin is not built, "
                                              "so there is nothing to apply the options to: %s",
                                              error->message);
      g_test_skip (why);
      return;
    }
  gredis_config_set_backoff_base_ms (config, 30);
  gredis_config_set_backoff_cap_ms (config, 200);
  g_assert_true (gredis_config_apply_to_plugin (config, G_OBJECT (backoff), &error));
  g_assert_no_error (error);
  g_object_get (backoff, "base", &base, "cap", &cap, NULL);
  g_assert_cmpuint (base, ==, 30000);
  g_assert_cmpuint (cap, ==, 200000);
  g_assert_cmpuint (gredis_backoff_policy_compute (backoff, 10), ==, 200000);
}

static void
test_apply_pool (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisPool) pool = NULL;
  g_autoptr(GError) error = NULL;
  guint max_connections = 0, pool_timeout = 0;
  gint min_idle = -1;

  pool = gredis_pool_new_for_name ("config-test-pool", &error);
  g_assert_no_error (error);

  gredis_config_set_max_connections (config, 4);
  gredis_config_set_min_idle (config, 2);
  gredis_config_set_pool_timeout_ms (config, 999);
  g_assert_true (gredis_config_apply_to_plugin (config, G_OBJECT (pool), &error));
  g_assert_no_error (error);
  g_object_get (pool, "max-connections", &max_connections, "pool-timeout-ms", &pool_timeout,
                "min-idle", &min_idle, NULL);
  g_assert_cmpuint (max_connections, ==, 4);
  g_assert_cmpint (min_idle, ==, 2);
  /* Read-only: untouched. */
  g_assert_cmpuint (pool_timeout, ==, 1);

  /* Outside the property's range: an error that names both. */
  gredis_config_set_max_connections (config, 64);
  g_assert_false (gredis_config_apply_to_plugin (config, G_OBJECT (pool), &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“max-connections”"));
  g_assert_nonnull (strstr (error->message, "ConfigTestPool"));
  g_object_get (pool, "max-connections", &max_connections, NULL);
  g_assert_cmpuint (max_connections, ==, 4);
}

/* A property with the name of an option but another type. */
static void
test_apply_type_mismatch (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GObject) odd = g_object_new (CONFIG_TEST_TYPE_ODD, NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *retries = NULL;
  g_autofree char *client_name = NULL;
  gboolean keepalive = FALSE;

  gredis_config_set_client_name (config, "odd-one");
  g_assert_false (gredis_config_apply_to_plugin (config, odd, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "“retries”"));
  g_assert_nonnull (strstr (error->message, "ConfigTestOdd"));

  /* The options before it were applied, the others not. */
  g_object_get (odd, "retries", &retries, "client-name", &client_name,
                "keepalive", &keepalive, NULL);
  g_assert_cmpstr (client_name, ==, "odd-one");
  g_assert_cmpstr (retries, ==, "unset");
  g_assert_false (keepalive);
}

/* Every plugin that is built takes a full configuration: the option
 * types match the property types of the real plugins. */
static void
test_apply_every_plugin (void)
{
  static const GredisPluginKind kinds[] = {
    GREDIS_PLUGIN_TRANSPORT, GREDIS_PLUGIN_PARSER, GREDIS_PLUGIN_BACKOFF_POLICY, GREDIS_PLUGIN_POOL,
  };
  g_autoptr(GredisConfig) config = samples_config ();
  guint n_real = 0;

  /* Every parser speaks RESP2; hiredis speaks nothing else. */
  gredis_config_set_protocol (config, 2);

  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    {
      GList *plugins = gredis_plugins_list (kinds[k]);

      for (GList *l = plugins; l != NULL; l = l->next)
        {
          GredisPluginInfo *info = l->data;
          const char *name = gredis_plugin_info_get_name (info);
          g_autoptr(GObject) plugin = NULL;
          g_autoptr(GError) error = NULL;

          if (g_str_has_prefix (name, "config-test-"))
            continue;
          plugin = gredis_plugins_create (kinds[k], name, &error);
          g_assert_no_error (error);
          g_test_message ("%s plugin %s", gredis_plugin_kind_to_string (kinds[k]), name);
          g_assert_true (gredis_config_apply_to_plugin (config, plugin, &error));
          g_assert_no_error (error);
          n_real++;

          /* Backoff policies count in microseconds. */
          if (GREDIS_IS_BACKOFF_POLICY (plugin) &&
              g_object_class_find_property (G_OBJECT_GET_CLASS (plugin), "base") != NULL)
            {
              guint64 base = 0, cap = 0;

              g_object_get (plugin, "base", &base, "cap", &cap, NULL);
              g_assert_cmpuint (base, ==, 20000);
              g_assert_cmpuint (cap, ==, 2000000);
            }

          /* The options it has as properties now hold the samples. */
          for (gsize i = 0; i < config_test_n_samples; i++)
            {
              GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (plugin),
                                                                config_test_samples[i].key);
              g_auto(GValue) value = G_VALUE_INIT;
              g_auto(GValue) text = G_VALUE_INIT;

              if (pspec == NULL || !(pspec->flags & G_PARAM_READABLE) ||
                  !(pspec->flags & G_PARAM_WRITABLE) || (pspec->flags & G_PARAM_CONSTRUCT_ONLY) ||
                  g_str_equal (pspec->name, "protocol"))
                continue;
              g_value_init (&value, pspec->value_type);
              g_object_get_property (plugin, pspec->name, &value);
              g_value_init (&text, G_TYPE_STRING);
              if (pspec->value_type == G_TYPE_BOOLEAN)
                g_value_set_string (&text, g_value_get_boolean (&value) ? "true" : "false");
              else if (!g_value_transform (&value, &text))
                continue;
              g_test_message ("  %s = %s", pspec->name, g_value_get_string (&text));
              g_assert_cmpstr (g_value_get_string (&text), ==, config_test_samples[i].value);
            }
        }
      g_list_free_full (plugins, (GDestroyNotify) gredis_plugin_info_unref);
    }

  if (n_real == 0)
    g_test_skip ("No plugins are built.");
}

/* An object without any option property is left alone. */
static void
test_apply_unrelated (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GObject) plain = g_object_new (G_TYPE_OBJECT, NULL);
  g_autoptr(GError) error = NULL;

  g_assert_true (gredis_config_apply_to_plugin (config, plain, &error));
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  config_test_plugins_register ();

  g_test_add_func ("/config/defaults", test_defaults);
  g_test_add_func ("/config/option-names", test_option_names);
  g_test_add_func ("/config/accessors", test_accessors);
  g_test_add_func ("/config/properties", test_properties);
  g_test_add_func ("/config/property-invalid-choice", test_property_invalid_choice);
  g_test_add_func ("/config/setter-out-of-range", test_setter_out_of_range);
  g_test_add_func ("/config/set-option", test_set_option);
  g_test_add_func ("/config/set-option-errors", test_set_option_errors);
  g_test_add_func ("/config/seeds", test_seeds);
  g_test_add_func ("/config/cluster-options", test_cluster_options);
  g_test_add_func ("/config/keyfile", test_keyfile);
  g_test_add_func ("/config/keyfile-uri-first", test_keyfile_uri_first);
  g_test_add_func ("/config/keyfile-errors", test_keyfile_errors);
  g_test_add_func ("/config/keyfile-unchanged-on-error", test_keyfile_unchanged_on_error);
  g_test_add_func ("/config/keyfile-no-password-leak", test_keyfile_no_password_leak);
  g_test_add_func ("/config/file", test_file);
  g_test_add_func ("/config/to-string", test_to_string);
  g_test_add_func ("/config/dup", test_dup);
  g_test_add_func ("/config/endpoint", test_endpoint);
  g_test_add_func ("/config/effective-transport", test_effective_transport);
  g_test_add ("/config/password/sources", CredentialsFixture, NULL,
              credentials_setup, test_password_sources, credentials_teardown);
  g_test_add ("/config/password/newlines", CredentialsFixture, NULL,
              credentials_setup, test_password_newlines, credentials_teardown);
  g_test_add ("/config/password/errors", CredentialsFixture, NULL,
              credentials_setup, test_password_errors, credentials_teardown);
  g_test_add_func ("/config/apply/transport", test_apply_transport);
  g_test_add_func ("/config/apply/parser", test_apply_parser);
  g_test_add_func ("/config/apply/backoff", test_apply_backoff);
  g_test_add_func ("/config/apply/backoff-plugin", test_apply_backoff_plugin);
  g_test_add_func ("/config/apply/pool", test_apply_pool);
  g_test_add_func ("/config/apply/type-mismatch", test_apply_type_mismatch);
  g_test_add_func ("/config/apply/unrelated", test_apply_unrelated);
  g_test_add_func ("/config/apply/every-plugin", test_apply_every_plugin);

  return g_test_run ();
}
