/* test-config-sentinel.c: redis+sentinel:// URIs and the sentinel keys
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include <string.h>

static GredisConfig *
parse_ok (const char *uri)
{
  g_autoptr(GError) error = NULL;
  GredisConfig *config;

  g_test_message ("URI: %s", uri);
  config = gredis_config_new_for_uri (uri, &error);
  g_assert_no_error (error);
  return config;
}

static void
test_uri (void)
{
  g_autoptr(GredisConfig) config =
    parse_ok ("redis+sentinel://alice:s3cret@127.0.0.1:26380,sentinel-b,[::1]:26381/mymaster/3"
              "?sentinel-username=watcher&sentinel-password=sentinel-s3cret&sentinel-events=false");
  g_autoptr(GredisConfig) tls = parse_ok ("rediss+sentinel://10.0.0.1/cache");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gredis_config_get_pool (config), ==, "sentinel");
  g_assert_cmpstr (gredis_config_get_sentinels (config), ==, "127.0.0.1:26380;sentinel-b:26379;[::1]:26381");
  g_assert_cmpstr (gredis_config_get_master_name (config), ==, "mymaster");
  g_assert_cmpuint (gredis_config_get_db (config), ==, 3);
  /* The URI's credentials are the master's. */
  g_assert_cmpstr (gredis_config_get_username (config), ==, "alice");
  g_assert_cmpstr (gredis_config_get_password (config), ==, "s3cret");
  g_assert_cmpstr (gredis_config_get_sentinel_username (config), ==, "watcher");
  g_assert_cmpstr (gredis_config_get_sentinel_password (config), ==, "sentinel-s3cret");
  g_assert_false (gredis_config_get_sentinel_events (config));
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "tcp");

  g_assert_cmpstr (gredis_config_get_sentinels (tls), ==, "10.0.0.1:26379");
  g_assert_cmpstr (gredis_config_get_master_name (tls), ==, "cache");
  g_assert_cmpuint (gredis_config_get_db (tls), ==, 0);
  g_assert_true (gredis_config_get_sentinel_events (tls));
  g_assert_cmpstr (gredis_config_get_effective_transport (tls), ==, "tls");

  /* A plain URI applied afterwards leaves no sentinels behind. */
  g_assert_true (gredis_config_set_uri (config, "redis://127.0.0.1:7005", &error));
  g_assert_no_error (error);
  g_assert_null (gredis_config_get_sentinels (config));
  g_assert_null (gredis_config_get_master_name (config));
}

static void
test_uri_errors (void)
{
  static const char * const bad[] = {
    "redis+sentinel://127.0.0.1:26379",
    "redis+sentinel://127.0.0.1:26379/",
    "redis+sentinel://127.0.0.1:26379,,127.0.0.1:26380/mymaster",
    "redis+sentinel://127.0.0.1:port/mymaster",
    "redis+sentinel://127.0.0.1:26379/mymaster/db",
    NULL,
  };
  g_autoptr(GredisConfig) config = gredis_config_new ();

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("URI: %s", bad[i]);
      g_assert_false (gredis_config_set_uri (config, bad[i], &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
      g_assert_null (gredis_config_get_sentinels (config));
      g_assert_null (gredis_config_get_pool (config));
    }
}

static void
test_keyfile (void)
{
  const char *text =
    "[gredis]\n"
    "pool=sentinel\n"
    "sentinels=10.0.0.1:26379; 10.0.0.2\n"
    "master-name=mymaster\n"
    "sentinel-username=watcher\n"
    "sentinel-password-credential=sentinel-password\n";
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisConfig) config = NULL;

  g_assert_true (g_key_file_load_from_data (key_file, text, -1, G_KEY_FILE_NONE, &error));
  config = gredis_config_new_from_keyfile (key_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_config_get_pool (config), ==, "sentinel");
  g_assert_cmpstr (gredis_config_get_sentinels (config), ==, "10.0.0.1:26379; 10.0.0.2");
  g_assert_cmpstr (gredis_config_get_master_name (config), ==, "mymaster");
  g_assert_cmpstr (gredis_config_get_sentinel_username (config), ==, "watcher");
  g_assert_cmpstr (gredis_config_get_sentinel_password_credential (config), ==, "sentinel-password");
}

static void
test_bad_list (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GError) error = NULL;

  g_assert_false (gredis_config_set_option (config, "sentinels", "10.0.0.1:26379;host/path", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_assert_null (gredis_config_get_sentinels (config));
  g_clear_error (&error);
  g_assert_false (gredis_config_set_option (config, "sentinels", " ; ", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
}

/* The read policy of the replicas, as for a cluster: in the URI's query
 * and as a key; a value it does not know is refused. */
static void
test_read_from (void)
{
  g_autoptr(GredisConfig) config =
    parse_ok ("redis+sentinel://127.0.0.1:26380,127.0.0.1:26381/mymaster?read-from=prefer-replica");
  g_autoptr(GredisConfig) keyed = NULL;
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gredis_config_get_pool (config), ==, "sentinel");
  g_assert_cmpstr (gredis_config_get_read_from (config), ==, "prefer-replica");
  g_assert_cmpstr (gredis_config_get_sentinels (config), ==, "127.0.0.1:26380;127.0.0.1:26381");

  g_assert_true (g_key_file_load_from_data (key_file,
                                            "[gredis]\n"
                                            "pool=sentinel\n"
                                            "sentinels=10.0.0.1:26379\n"
                                            "master-name=mymaster\n"
                                            "read-from=replicas\n",
                                            -1, G_KEY_FILE_NONE, &error));
  keyed = gredis_config_new_from_keyfile (key_file, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_config_get_read_from (keyed), ==, "replicas");

  g_assert_false (gredis_config_set_uri (config, "redis+sentinel://127.0.0.1/mymaster?read-from=anywhere",
                                         &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
}

/* The sentinels' password is a secret like the master's. */
static void
test_no_password_leak (void)
{
  g_autoptr(GredisConfig) config =
    parse_ok ("redis+sentinel://127.0.0.1/mymaster?sentinel-password=very-secret-word");
  g_autofree char *text = gredis_config_to_string (config);
  g_autofree char *uri = gredis_config_get_uri (config);

  g_assert_null (strstr (text, "very-secret-word"));
  g_assert_null (strstr (uri, "very-secret-word"));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/config/sentinel/uri", test_uri);
  g_test_add_func ("/config/sentinel/uri-errors", test_uri_errors);
  g_test_add_func ("/config/sentinel/keyfile", test_keyfile);
  g_test_add_func ("/config/sentinel/bad-list", test_bad_list);
  g_test_add_func ("/config/sentinel/read-from", test_read_from);
  g_test_add_func ("/config/sentinel/no-password-leak", test_no_password_leak);
  return g_test_run ();
}
