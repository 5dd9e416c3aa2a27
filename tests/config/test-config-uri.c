/* test-config-uri.c: redis://, rediss:// and unix:// URIs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <gio/gunixsocketaddress.h>

#include "config-test-common.h"

static GredisConfig *
parse_ok (const char *uri)
{
  g_autoptr(GError) error = NULL;
  GredisConfig *config;

  g_test_message ("URI: %s", uri);
  config = gredis_config_new_for_uri (uri, &error);
  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_CONFIG (config));
  return config;
}

static void
test_basic (void)
{
  g_autoptr(GredisConfig) config = parse_ok ("redis://localhost");

  g_assert_cmpstr (gredis_config_get_host (config), ==, "localhost");
  g_assert_cmpuint (gredis_config_get_port (config), ==, 6379);
  g_assert_cmpuint (gredis_config_get_db (config), ==, 0);
  g_assert_null (gredis_config_get_username (config));
  g_assert_null (gredis_config_get_password (config));
  g_assert_null (gredis_config_get_path (config));
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "tcp");
}

static void
test_cluster (void)
{
  g_autoptr(GredisConfig) config = parse_ok ("redis+cluster://alice:s3cret@127.0.0.1:7000,node-b:7001,[::1]?max-redirects=3&cluster-refresh-interval-ms=0");
  g_autoptr(GredisConfig) tls = parse_ok ("rediss+cluster://10.0.0.1");
  g_autoptr(GredisConfig) plain = parse_ok ("redis://127.0.0.1:7000");
  g_autoptr(GError) error = NULL;

  g_assert_cmpstr (gredis_config_get_pool (config), ==, "cluster");
  g_assert_cmpstr (gredis_config_get_seeds (config), ==, "127.0.0.1:7000;node-b:7001;[::1]:6379");
  g_assert_cmpstr (gredis_config_get_host (config), ==, "127.0.0.1");
  g_assert_cmpuint (gredis_config_get_port (config), ==, 7000);
  g_assert_cmpstr (gredis_config_get_username (config), ==, "alice");
  g_assert_cmpstr (gredis_config_get_password (config), ==, "s3cret");
  g_assert_cmpuint (gredis_config_get_max_redirects (config), ==, 3);
  g_assert_cmpuint (gredis_config_get_cluster_refresh_interval_ms (config), ==, 0);
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "tcp");

  g_assert_cmpstr (gredis_config_get_pool (tls), ==, "cluster");
  g_assert_cmpstr (gredis_config_get_seeds (tls), ==, "10.0.0.1:6379");
  g_assert_cmpstr (gredis_config_get_effective_transport (tls), ==, "tls");

  g_assert_null (gredis_config_get_seeds (plain));
  g_assert_null (gredis_config_get_pool (plain));

  /* The cluster's own options, in a query. */
  g_assert_true (gredis_config_set_uri (tls, "redis+cluster://10.0.0.1:7000?read-from=replicas&cluster-split=true&address-map=10.0.0.1:7000=127.0.0.1:17000;10.0.0.2:7000=127.0.0.1:17001", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_config_get_read_from (tls), ==, "replicas");
  g_assert_true (gredis_config_get_cluster_split (tls));
  g_assert_cmpstr (gredis_config_get_address_map (tls), ==, "10.0.0.1:7000=127.0.0.1:17000;10.0.0.2:7000=127.0.0.1:17001");
  g_assert_false (gredis_config_set_uri (tls, "redis+cluster://10.0.0.1:7000?address-map=10.0.0.1:7000", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (gredis_config_set_uri (tls, "redis+cluster://10.0.0.1:7000?read-from=anywhere", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_clear_error (&error);

  /* A plain URI applied after a cluster one leaves no seeds behind. */
  g_assert_true (gredis_config_set_uri (config, "redis://127.0.0.1:7005", &error));
  g_assert_no_error (error);
  g_assert_null (gredis_config_get_seeds (config));
}

static void
test_cluster_errors (void)
{
  static const char * const bad[] = {
    "redis+cluster://127.0.0.1:7000,,127.0.0.1:7001",
    "redis+cluster://127.0.0.1:7000,",
    "redis+cluster://127.0.0.1:7000,127.0.0.1:port",
    "redis+cluster://127.0.0.1:7000/2",
    "redis+cluster:127.0.0.1:7000",
    NULL,
  };
  g_autoptr(GredisConfig) config = gredis_config_new ();

  for (guint i = 0; bad[i] != NULL; i++)
    {
      g_autoptr(GError) error = NULL;

      g_test_message ("URI: %s", bad[i]);
      g_assert_false (gredis_config_set_uri (config, bad[i], &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
      g_assert_null (gredis_config_get_seeds (config));
      g_assert_null (gredis_config_get_pool (config));
    }
}

static void
test_full (void)
{
  g_autoptr(GredisConfig) config = parse_ok ("redis://alice:s3cret@cache.example.com:6380/4");
  g_autoptr(GredisConfig) upper = parse_ok ("REDIS://cache.example.com:6380/");
  g_autoptr(GredisConfig) empty_host = parse_ok ("redis://:6390");

  g_assert_cmpstr (gredis_config_get_host (config), ==, "cache.example.com");
  g_assert_cmpuint (gredis_config_get_port (config), ==, 6380);
  g_assert_cmpuint (gredis_config_get_db (config), ==, 4);
  g_assert_cmpstr (gredis_config_get_username (config), ==, "alice");
  g_assert_cmpstr (gredis_config_get_password (config), ==, "s3cret");

  g_assert_cmpstr (gredis_config_get_host (upper), ==, "cache.example.com");
  g_assert_cmpuint (gredis_config_get_db (upper), ==, 0);

  /* No host: the default one, as redis-py does. */
  g_assert_cmpstr (gredis_config_get_host (empty_host), ==, "localhost");
  g_assert_cmpuint (gredis_config_get_port (empty_host), ==, 6390);
}

static void
test_userinfo_forms (void)
{
  g_autoptr(GredisConfig) password_only = parse_ok ("redis://:pw@h");
  g_autoptr(GredisConfig) user_only = parse_ok ("redis://bob@h");
  g_autoptr(GredisConfig) empty_password = parse_ok ("redis://bob:@h");

  g_assert_null (gredis_config_get_username (password_only));
  g_assert_cmpstr (gredis_config_get_password (password_only), ==, "pw");
  g_assert_cmpstr (gredis_config_get_username (user_only), ==, "bob");
  g_assert_null (gredis_config_get_password (user_only));
  g_assert_cmpstr (gredis_config_get_username (empty_password), ==, "bob");
  g_assert_null (gredis_config_get_password (empty_password));
}

static void
test_percent_decoding (void)
{
  g_autoptr(GredisConfig) encoded = NULL;
  g_autoptr(GredisConfig) raw_at = NULL;
  g_autoptr(GredisConfig) plus = NULL;
  g_autoptr(GredisConfig) host = NULL;

  /* user "us@er:x", password "p@ss:w/rd% +" */
  encoded = parse_ok ("redis://us%40er%3Ax:p%40ss%3Aw%2Frd%25%20+@host:6379/1");
  g_assert_cmpstr (gredis_config_get_username (encoded), ==, "us@er:x");
  g_assert_cmpstr (gredis_config_get_password (encoded), ==, "p@ss:w/rd% +");
  g_assert_cmpstr (gredis_config_get_host (encoded), ==, "host");
  g_assert_cmpuint (gredis_config_get_db (encoded), ==, 1);

  /* An “@” in a password that was not encoded: the last “@” ends the
   * user information. A “:” in the password needs no encoding either. */
  raw_at = parse_ok ("redis://u:p@ss:word@host");
  g_assert_cmpstr (gredis_config_get_username (raw_at), ==, "u");
  g_assert_cmpstr (gredis_config_get_password (raw_at), ==, "p@ss:word");
  g_assert_cmpstr (gredis_config_get_host (raw_at), ==, "host");

  /* In a query, “+” is a space and %2B a plus. */
  plus = parse_ok ("redis://h?client_name=a+b&password=x%2By%26z%3D");
  g_assert_cmpstr (gredis_config_get_client_name (plus), ==, "a b");
  g_assert_cmpstr (gredis_config_get_password (plus), ==, "x+y&z=");

  host = parse_ok ("redis://my%2Dhost.example");
  g_assert_cmpstr (gredis_config_get_host (host), ==, "my-host.example");
}

static void
test_ipv6 (void)
{
  g_autoptr(GredisConfig) with_port = parse_ok ("redis://[::1]:7000/2");
  g_autoptr(GredisConfig) no_port = parse_ok ("redis://user:pw@[2001:db8::17]");
  g_autoptr(GredisConfig) scoped = parse_ok ("rediss://[fe80::1%25eth0]:6380");
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autofree char *uri = NULL;

  g_assert_cmpstr (gredis_config_get_host (with_port), ==, "::1");
  g_assert_cmpuint (gredis_config_get_port (with_port), ==, 7000);
  g_assert_cmpuint (gredis_config_get_db (with_port), ==, 2);

  g_assert_cmpstr (gredis_config_get_host (no_port), ==, "2001:db8::17");
  g_assert_cmpuint (gredis_config_get_port (no_port), ==, 6379);
  g_assert_cmpstr (gredis_config_get_username (no_port), ==, "user");

  g_assert_cmpstr (gredis_config_get_host (scoped), ==, "fe80::1%eth0");
  g_assert_cmpstr (gredis_config_get_effective_transport (scoped), ==, "tls");

  endpoint = gredis_config_get_endpoint (with_port);
  g_assert_true (G_IS_NETWORK_ADDRESS (endpoint));
  g_assert_cmpstr (g_network_address_get_hostname (G_NETWORK_ADDRESS (endpoint)), ==, "::1");
  g_assert_cmpuint (g_network_address_get_port (G_NETWORK_ADDRESS (endpoint)), ==, 7000);

  uri = gredis_config_get_uri (with_port);
  g_assert_cmpstr (uri, ==, "redis://[::1]:7000/2");
}

static void
test_rediss (void)
{
  g_autoptr(GredisConfig) config = parse_ok ("rediss://secure.example:6380/1");
  g_autoptr(GredisConfig) chosen = NULL;
  g_autoptr(GredisConfig) back = NULL;
  g_autofree char *uri = NULL;

  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "tls");
  g_assert_null (gredis_config_get_transport (config));
  uri = gredis_config_get_uri (config);
  g_assert_cmpstr (uri, ==, "rediss://secure.example:6380/1");

  /* An explicit transport wins. */
  chosen = parse_ok ("rediss://secure.example?transport=config-test-transport");
  g_assert_cmpstr (gredis_config_get_effective_transport (chosen), ==, "config-test-transport");

  /* A later redis:// URI turns TLS off again. */
  back = gredis_config_dup (config);
  g_assert_true (gredis_config_set_uri (back, "redis://plain.example", NULL));
  g_assert_cmpstr (gredis_config_get_effective_transport (back), ==, "tcp");
}

static void
test_unix (void)
{
  g_autoptr(GredisConfig) config = parse_ok ("unix:///tmp/redis.sock?db=3");
  g_autoptr(GredisConfig) with_user = parse_ok ("unix://user:pw@/run/redis%20x.sock");
  g_autoptr(GredisConfig) short_form = parse_ok ("unix:/var/run/r.sock");
  g_autoptr(GredisConfig) localhost = parse_ok ("unix://localhost/var/run/r.sock");
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autofree char *uri = NULL;

  g_assert_cmpstr (gredis_config_get_path (config), ==, "/tmp/redis.sock");
  g_assert_cmpuint (gredis_config_get_db (config), ==, 3);
  g_assert_cmpstr (gredis_config_get_effective_transport (config), ==, "unix");
  endpoint = gredis_config_get_endpoint (config);
  g_assert_true (G_IS_UNIX_SOCKET_ADDRESS (endpoint));
  g_assert_cmpstr (g_unix_socket_address_get_path (G_UNIX_SOCKET_ADDRESS (endpoint)), ==,
                   "/tmp/redis.sock");
  uri = gredis_config_get_uri (config);
  g_assert_cmpstr (uri, ==, "unix:///tmp/redis.sock?db=3");

  g_assert_cmpstr (gredis_config_get_path (with_user), ==, "/run/redis x.sock");
  g_assert_cmpstr (gredis_config_get_username (with_user), ==, "user");
  g_assert_cmpstr (gredis_config_get_password (with_user), ==, "pw");

  g_assert_cmpstr (gredis_config_get_path (short_form), ==, "/var/run/r.sock");
  g_assert_cmpstr (gredis_config_get_path (localhost), ==, "/var/run/r.sock");
}

/* Every option through the query, by its own name. */
static void
test_query_every_key (void)
{
  g_autoptr(GString) uri = g_string_new ("redis://ignored.example:1/9?");
  g_autoptr(GredisConfig) config = NULL;

  for (gsize i = 0; i < config_test_n_samples; i++)
    {
      g_autofree char *value = g_uri_escape_string (config_test_samples[i].value, NULL, FALSE);

      g_string_append_printf (uri, "%s%s=%s", i > 0 ? "&" : "", config_test_samples[i].key, value);
    }
  config = parse_ok (uri->str);
  config_test_assert_samples (config, NULL);
}

typedef struct {
  const char *query;
  const char *key;
  const char *expected;
} AliasCase;

static void
test_redis_py_aliases (void)
{
  static const AliasCase cases[] = {
    { "socket_timeout=2.5", "command-timeout-ms", "2500" },
    { "socket_timeout=3", "command-timeout-ms", "3000" },
    { "socket_timeout=0.0005", "command-timeout-ms", "1" },
    { "socket_timeout=None", "command-timeout-ms", "0" },
    { "socket_connect_timeout=0.25", "connect-timeout-ms", "250" },
    { "socket_keepalive=false", "keepalive", "false" },
    { "socket_keepalive=False", "keepalive", "false" },
    { "health_check_interval=15", "health-check-interval-s", "15" },
    { "max_connections=50", "max-connections", "50" },
    { "client_name=reporting", "client-name", "reporting" },
    { "protocol=3", "protocol", "3" },
    { "db=9", "db", "9" },
    { "username=carol", "username", "carol" },
    { "password=hunter2", "password", "hunter2" },
    { "ssl_cert_reqs=none", "tls-verify", "none" },
    { "ssl_cert_reqs=optional", "tls-verify", "optional" },
    { "ssl_cert_reqs=CERT_OPTIONAL", "tls-verify", "optional" },
    { "ssl_cert_reqs=Required", "tls-verify", "required" },
    { "ssl_ca_certs=/etc/ca.pem", "tls-ca-file", "/etc/ca.pem" },
    { "ssl_ca_path=/etc/ssl/certs", "tls-ca-dir", "/etc/ssl/certs" },
    { "ssl_certfile=/etc/c.pem", "tls-cert-file", "/etc/c.pem" },
    { "ssl_keyfile=/etc/k.pem", "tls-key-file", "/etc/k.pem" },
    { "ssl_password=kp", "tls-key-password", "kp" },
    { "ssl_ciphers=HIGH", "tls-ciphers", "HIGH" },
    /* ssl_check_hostname refines ssl_cert_reqs, in either order. */
    { "ssl_check_hostname=false", "tls-verify", "optional" },
    { "ssl_check_hostname=false&ssl_cert_reqs=required", "tls-verify", "optional" },
    { "ssl_cert_reqs=none&ssl_check_hostname=false", "tls-verify", "none" },
    { "ssl_cert_reqs=optional&ssl_check_hostname=true", "tls-verify", "required" },
    { "ssl_check_hostname=true&ssl_cert_reqs=optional", "tls-verify", "required" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *uri = g_strdup_printf ("rediss://h/1?%s", cases[i].query);
      g_autoptr(GredisConfig) config = parse_ok (uri);
      g_autofree char *text = config_test_property_text (config, cases[i].key);

      g_assert_cmpstr (text, ==, cases[i].expected);
    }
}

static void
test_query_overrides_path (void)
{
  g_autoptr(GredisConfig) config = parse_ok ("redis://h/1?db=2&port=7002");

  g_assert_cmpuint (gredis_config_get_db (config), ==, 2);
  g_assert_cmpuint (gredis_config_get_port (config), ==, 7002);
}

typedef struct {
  const char *uri;
  /* NULL-terminated texts the message must contain. */
  const char *needles[3];
} ErrorCase;

static void
test_errors (void)
{
  static const ErrorCase cases[] = {
    { "", { "not a URI", NULL } },
    { "localhost", { "not a URI", NULL } },
    { "http://localhost", { "“http”", NULL } },
    { "localhost:6379", { "“localhost”", "not supported", NULL } },
    { "redis:host", { "“//”", NULL } },
    { "redis://h:70000", { "“70000”", "65535", NULL } },
    { "redis://h:0", { "“0”", NULL } },
    { "redis://h:99999999999999999999", { "port", NULL } },
    { "redis://h:abc", { "port", NULL } },
    { "redis://h/-1", { "“-1”", "database", NULL } },
    { "redis://h/x", { "“x”", NULL } },
    { "redis://h/1/2", { "path", NULL } },
    { "redis://h/2147483648", { "“2147483648”", NULL } },
    { "redis://h#top", { "fragment", NULL } },
    { "redis://[::1", { "“]”", NULL } },
    { "redis://[nothost]", { "“nothost”", "IPv6", NULL } },
    { "redis://[::1]x", { "IPv6", NULL } },
    { "redis://h%zz", { "host name", "percent", NULL } },
    { "redis://h%20x", { "“h x”", NULL } },
    { "redis://u%zz:p@h", { "user name", NULL } },
    { "redis://u:p%zz@h", { "password", "percent", NULL } },
    { "unix://host/path", { "no host", NULL } },
    { "unix://", { "absolute", NULL } },
    { "unix:relative.sock", { "absolute", NULL } },
    { "unix:///a%zz", { "socket path", NULL } },
    { "redis://h?connect-timeout-ms=abc", { "“abc”", "“connect-timeout-ms”", NULL } },
    { "redis://h?connect-timeout-ms=-5", { "“-5”", NULL } },
    { "redis://h?connect-timeout-ms=4294967296", { "“4294967296”", "4294967295", NULL } },
    { "redis://h?socket_timeout=fast", { "“fast”", "“socket_timeout”", NULL } },
    { "redis://h?socket_timeout=-1", { "“-1”", "seconds", NULL } },
    { "redis://h?socket_connect_timeout=1e12", { "“socket_connect_timeout”", NULL } },
    { "redis://h?socket_timeout=nan", { "“nan”", NULL } },
    { "redis://h?bogus=1", { "unknown option “bogus”", NULL } },
    { "redis://h?uri=redis://x", { "unknown option “uri”", NULL } },
    { "redis://h?keepalive", { "“keepalive”", "no value", NULL } },
    { "redis://h?keepalive=maybe", { "“maybe”", "boolean", NULL } },
    { "redis://h?ssl_check_hostname=perhaps", { "“perhaps”", "“ssl_check_hostname”", NULL } },
    { "redis://h?tls-verify=sometimes", { "“sometimes”", "required, optional, none", NULL } },
    { "redis://h?ssl_cert_reqs=CERT_MAYBE", { "“MAYBE”", "“ssl_cert_reqs”", NULL } },
    { "redis://h?tls-min-version=1.1", { "“1.1”", NULL } },
    { "redis://h?db=-2", { "“-2”", "“db”", NULL } },
    { "redis://h?protocol=4", { "“4”", "“protocol”", NULL } },
    { "redis://h?max-depth=0", { "“0”", "“max-depth”", NULL } },
    { "redis://h?max_connections=0", { "“0”", "“max_connections”", NULL } },
    { "redis://h?transport=warp-drive", { "“transport”", "“warp-drive”", NULL } },
    { "redis://h?parser=telepathy", { "“parser”", "“telepathy”", NULL } },
    { "redis://h?backoff=never", { "“backoff”", "“never”", NULL } },
    { "redis://h?pool=puddle", { "“pool”", "“puddle”", NULL } },
    { "redis://h?a=%zz", { "percent", NULL } },
    { "rediss://h?ssl_cert_reqs=none&ssl_check_hostname=true", { "ssl_check_hostname", NULL } },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisConfig) config = NULL;

      g_test_message ("URI: %s", cases[i].uri);
      config = gredis_config_new_for_uri (cases[i].uri, &error);
      g_assert_null (config);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
      g_test_message ("  → %s", error->message);
      for (guint j = 0; cases[i].needles[j] != NULL; j++)
        g_assert_nonnull (strstr (error->message, cases[i].needles[j]));
    }
}

/* The password never shows, whatever is wrong with the URI, and also not
 * when it was not encoded and spilled into another part. */
static void
test_no_password_leak (void)
{
  static const char * const uris[] = {
    "redis://user:Sup3rS3cret@h:70000",
    "redis://user:Sup3rS3cret@h:port",
    "redis://:Sup3rS3cret@h/abc",
    "redis://:Sup3rS3cret@h/-1",
    "redis://user:Sup3rS3cret@h?connect-timeout-ms=x",
    "redis://user:Sup3rS3cret@h?bogus=1",
    "redis://user:Sup3rS3cret@h?transport=nope",
    "redis://user:Sup3rS3cret@h#frag",
    "redis://user:Sup3rS3cret%zz@h",
    "redis://user:Sup3rS3cret@[::zz]",
    "redis://user:Sup3r/S3cret@h",
    "redis://user:Sup3r?S3cret@h",
    "redis://user:Sup3r#S3cret@h",
    "redis://user:1234/Sup3rS3cret@h",
    "redis://user:1234?Sup3rS3cret@h",
    "redis://user:1234?Sup3rS3cret=@h",
    "redis://h?password=Sup3rS3cret&port=70000",
    "redis://h?ssl_password=Sup3rS3cret&bad",
    "unix://user:Sup3rS3cret@host/sock",
    "ftp://user:Sup3rS3cret@h",
  };
  g_autofree char *logs = NULL;

  g_free (config_test_steal_logs ());
  for (gsize i = 0; i < G_N_ELEMENTS (uris); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisConfig) config = gredis_config_new ();

      g_assert_false (gredis_config_set_uri (config, uris[i], &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
      g_test_message ("%s → %s", uris[i], error->message);
      g_assert_null (strstr (error->message, "Sup3r"));
      g_assert_null (strstr (error->message, "S3cret"));
      /* Nothing was applied. */
      g_assert_null (gredis_config_get_password (config));
    }

  /* Nor in debug messages: the options were logged, the values of secrets
   * not. */
  {
    g_autoptr(GredisConfig) config = gredis_config_new ();
    g_autoptr(GError) error = NULL;

    gredis_config_set_uri (config, "redis://u:Sup3rS3cret@h?password=Sup3rS3cret&tls-key-password=Sup3rS3cret&client-name=visible",
                           &error);
    g_assert_no_error (error);
    g_assert_cmpstr (gredis_config_get_tls_key_password (config), ==, "Sup3rS3cret");
  }
  logs = config_test_steal_logs ();
  g_test_message ("logs: %s", logs);
  g_assert_nonnull (strstr (logs, "client-name"));
  g_assert_nonnull (strstr (logs, "visible"));
  g_assert_nonnull (strstr (logs, "password"));
  g_assert_null (strstr (logs, "Sup3r"));
}

static void
test_unchanged_on_error (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GError) error = NULL;

  gredis_config_set_host (config, "keep.example");
  gredis_config_set_port (config, 7777);
  gredis_config_set_command_timeout_ms (config, 42);

  /* The host and port would be set before the bad query option. */
  g_assert_false (gredis_config_set_uri (config, "redis://other:1/3?command-timeout-ms=1&bogus=2", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_assert_cmpstr (gredis_config_get_host (config), ==, "keep.example");
  g_assert_cmpuint (gredis_config_get_port (config), ==, 7777);
  g_assert_cmpuint (gredis_config_get_db (config), ==, 0);
  g_assert_cmpuint (gredis_config_get_command_timeout_ms (config), ==, 42);
}

static void
test_what_a_uri_resets (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_port (config, 7000);
  gredis_config_set_db (config, 4);
  gredis_config_set_path (config, "/tmp/old.sock");
  gredis_config_set_username (config, "kept-user");
  gredis_config_set_password (config, "kept-password");
  gredis_config_set_retries (config, 9);

  g_assert_true (gredis_config_set_uri (config, "redis://new.example", NULL));
  /* The endpoint is what the URI says, with defaults … */
  g_assert_cmpstr (gredis_config_get_host (config), ==, "new.example");
  g_assert_cmpuint (gredis_config_get_port (config), ==, 6379);
  g_assert_cmpuint (gredis_config_get_db (config), ==, 0);
  g_assert_null (gredis_config_get_path (config));
  /* … credentials it does not give are kept, as is everything else. */
  g_assert_cmpstr (gredis_config_get_username (config), ==, "kept-user");
  g_assert_cmpstr (gredis_config_get_password (config), ==, "kept-password");
  g_assert_cmpuint (gredis_config_get_retries (config), ==, 9);

  g_assert_true (gredis_config_set_uri (config, "unix:///tmp/new.sock", NULL));
  g_assert_cmpstr (gredis_config_get_path (config), ==, "/tmp/new.sock");
  g_assert_cmpstr (gredis_config_get_host (config), ==, "localhost");
}

static void
test_compose (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autofree char *plain = NULL;
  g_autofree char *with_user = NULL;
  g_autofree char *unix_uri = NULL;
  g_autoptr(GredisConfig) round_trip = NULL;

  plain = gredis_config_get_uri (config);
  g_assert_cmpstr (plain, ==, "redis://localhost:6379/0");

  gredis_config_set_username (config, "a:l@ice");
  gredis_config_set_password (config, "never shown");
  gredis_config_set_db (config, 12);
  with_user = gredis_config_get_uri (config);
  g_assert_null (strstr (with_user, "never"));
  round_trip = parse_ok (with_user);
  g_assert_cmpstr (gredis_config_get_username (round_trip), ==, "a:l@ice");
  g_assert_cmpuint (gredis_config_get_db (round_trip), ==, 12);
  g_assert_null (gredis_config_get_password (round_trip));

  gredis_config_set_username (config, NULL);
  gredis_config_set_path (config, "/tmp/a b.sock");
  unix_uri = gredis_config_get_uri (config);
  g_assert_cmpstr (unix_uri, ==, "unix:///tmp/a%20b.sock?db=12");

  /* The property is the same URI. */
  {
    g_autofree char *property = NULL;

    g_object_get (config, "uri", &property, NULL);
    g_assert_cmpstr (property, ==, unix_uri);
  }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  GHashTable *counts = user_data;
  guint n = GPOINTER_TO_UINT (g_hash_table_lookup (counts, pspec->name));

  g_hash_table_insert (counts, (gpointer) pspec->name, GUINT_TO_POINTER (n + 1));
}

static guint
count_of (GHashTable *counts,
          const char *name)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (counts, name));
}

static void
test_uri_property (void)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);

  g_signal_connect (config, "notify", G_CALLBACK (count_notify), counts);

  g_object_set (config, "uri", "redis://prop.example:6390/1", NULL);
  g_assert_cmpstr (gredis_config_get_host (config), ==, "prop.example");
  g_assert_cmpuint (gredis_config_get_port (config), ==, 6390);
  g_assert_cmpuint (count_of (counts, "host"), ==, 1);
  g_assert_cmpuint (count_of (counts, "port"), ==, 1);
  g_assert_cmpuint (count_of (counts, "db"), ==, 1);
  g_assert_cmpuint (count_of (counts, "uri"), ==, 1);
  g_assert_cmpuint (count_of (counts, "retries"), ==, 0);

  /* The same value again: no notification. */
  g_hash_table_remove_all (counts);
  gredis_config_set_port (config, 6390);
  g_assert_cmpuint (count_of (counts, "port"), ==, 0);
  gredis_config_set_port (config, 6391);
  g_assert_cmpuint (count_of (counts, "port"), ==, 1);
  g_assert_cmpuint (count_of (counts, "uri"), ==, 1);
  gredis_config_set_retries (config, 4);
  g_assert_cmpuint (count_of (counts, "uri"), ==, 1);
}

static void
test_uri_property_invalid (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GredisConfig) config = gredis_config_new ();

      g_object_set (config, "uri", "redis://user:Sup3rS3cret@h:70000", NULL);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*70000*");
  g_test_trap_assert_stderr_unmatched ("*Sup3r*");
}

int
main (int    argc,
      char **argv)
{
  config_test_capture_logs ();
  g_test_init (&argc, &argv, NULL);

  config_test_plugins_register ();

  g_test_add_func ("/config/uri/basic", test_basic);
  g_test_add_func ("/config/uri/full", test_full);
  g_test_add_func ("/config/uri/userinfo-forms", test_userinfo_forms);
  g_test_add_func ("/config/uri/percent-decoding", test_percent_decoding);
  g_test_add_func ("/config/uri/ipv6", test_ipv6);
  g_test_add_func ("/config/uri/rediss", test_rediss);
  g_test_add_func ("/config/uri/unix", test_unix);
  g_test_add_func ("/config/uri/query-every-key", test_query_every_key);
  g_test_add_func ("/config/uri/redis-py-aliases", test_redis_py_aliases);
  g_test_add_func ("/config/uri/query-overrides-path", test_query_overrides_path);
  g_test_add_func ("/config/uri/errors", test_errors);
  g_test_add_func ("/config/uri/no-password-leak", test_no_password_leak);
  g_test_add_func ("/config/uri/unchanged-on-error", test_unchanged_on_error);
  g_test_add_func ("/config/uri/what-a-uri-resets", test_what_a_uri_resets);
  g_test_add_func ("/config/uri/compose", test_compose);
  g_test_add_func ("/config/uri/cluster", test_cluster);
  g_test_add_func ("/config/uri/cluster-errors", test_cluster_errors);
  g_test_add_func ("/config/uri/property", test_uri_property);
  g_test_add_func ("/config/uri/property-invalid", test_uri_property_invalid);

  return g_test_run ();
}
