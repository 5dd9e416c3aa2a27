/* gredis-config.c: one set of options, from properties, URIs and key files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-config-private.h"
#include "gredis-address-map-private.h"
#include "gredis-log-private.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>
#include <sys/stat.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

/**
 * GredisConfig:
 *
 * Everything a client needs to know to reach a server and to talk to it:
 * the endpoint, credentials, the plugins to use, timeouts, pool, retry and
 * parser limits.
 *
 * One set of options has three spellings. Each option is a property of
 * #GredisConfig; the same names are the keys of a key file group
 * `[gredis]` (see gredis_config_new_from_keyfile()) and the query options
 * of a URI (see gredis_config_new_for_uri()), and gredis_config_set_option()
 * sets one by name from text, as a command line `--option key=value` would.
 *
 * |[
 * [gredis]
 * uri=rediss://cache.example.com:6380/2
 * username=app
 * password-credential=redis-password
 * parser=resp3
 * command-timeout-ms=2000
 * max-connections=32
 * ]|
 *
 * Secrets (#GredisConfig:password and #GredisConfig:tls-key-password) never
 * appear in error messages, in debug messages or in the output of
 * gredis_config_to_string(), and their memory is cleared when they are
 * replaced or the configuration is freed.
 *
 * The default protocol is RESP2, as for redis-py and redis-cli: it works
 * with every server, including those older than Redis 6 that have no
 * `HELLO`, and with every parser plugin, `hiredis` included. Set
 * #GredisConfig:protocol to 3 for RESP3's typed replies and push messages.
 *
 * A #GredisConfig is not thread-safe; the engine works on its own copy
 * made with gredis_config_dup().
 */

struct _GredisConfig
{
  GObject   parent_instance;

  /* Under handshake_steps_lock: steps of the core's features that every
   * connection made from this configuration runs (opaque here; see
   * core/connection/gredis-handshake-private.h), and their copy function. */
  GPtrArray      *handshake_steps;
  GBoxedCopyFunc  handshake_step_copy;
  GDestroyNotify  handshake_step_free;

  /* From a rediss:// URI: TLS unless #GredisConfig:transport says
   * otherwise. */
  gboolean  use_tls;

  char     *host;
  guint     port;
  char     *path;
  guint     db;
  char     *username;
  char     *password;
  char     *password_file;
  char     *password_credential;
  char     *client_name;
  guint     protocol;
  char     *transport;
  char     *parser;
  char     *backoff;
  guint     backoff_base_ms;
  guint     backoff_cap_ms;
  guint     retries;
  char     *pool;
  guint     max_connections;
  guint     pool_timeout_ms;
  guint     min_idle;
  guint     idle_timeout_s;
  guint     max_lifetime_s;
  guint     health_check_interval_s;
  guint     connect_timeout_ms;
  guint     command_timeout_ms;
  gboolean  keepalive;
  char     *tls_ca_file;
  char     *tls_ca_dir;
  char     *tls_cert_file;
  char     *tls_key_file;
  char     *tls_key_password;
  char     *tls_server_name;
  char     *tls_verify;
  char     *tls_min_version;
  char     *tls_ciphers;
  guint64   max_bulk_bytes;
  guint64   max_elements;
  guint     max_depth;
  guint64   max_reply_bytes;
  char     *seeds;
  guint     max_redirects;
  char     *sentinels;
  char     *master_name;
  char     *sentinel_username;
  char     *sentinel_password;
  char     *sentinel_password_credential;
  gboolean  sentinel_events;
  guint     cluster_refresh_interval_ms;
  char     *read_from;
  char     *address_map;
  gboolean  cluster_split;
  gboolean  cache;
  guint     cache_max_entries;
  guint64   cache_max_bytes;
  guint     cache_ttl_ms;
  char     *cache_mode;
  char     *cache_prefixes;
  gboolean  cache_optin;
  char     *observe;
  char     *otlp_endpoint;
  double    otlp_sample_ratio;
  guint     otlp_interval_ms;
  guint     otlp_max_queue;
};

enum {
  PROP_0,
  PROP_URI,
  PROP_HOST,
  PROP_PORT,
  PROP_PATH,
  PROP_DB,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_PASSWORD_FILE,
  PROP_PASSWORD_CREDENTIAL,
  PROP_CLIENT_NAME,
  PROP_PROTOCOL,
  PROP_TRANSPORT,
  PROP_PARSER,
  PROP_BACKOFF,
  PROP_BACKOFF_BASE_MS,
  PROP_BACKOFF_CAP_MS,
  PROP_RETRIES,
  PROP_POOL,
  PROP_MAX_CONNECTIONS,
  PROP_POOL_TIMEOUT_MS,
  PROP_MIN_IDLE,
  PROP_IDLE_TIMEOUT_S,
  PROP_MAX_LIFETIME_S,
  PROP_HEALTH_CHECK_INTERVAL_S,
  PROP_CONNECT_TIMEOUT_MS,
  PROP_COMMAND_TIMEOUT_MS,
  PROP_KEEPALIVE,
  PROP_TLS_CA_FILE,
  PROP_TLS_CA_DIR,
  PROP_TLS_CERT_FILE,
  PROP_TLS_KEY_FILE,
  PROP_TLS_KEY_PASSWORD,
  PROP_TLS_SERVER_NAME,
  PROP_TLS_VERIFY,
  PROP_TLS_MIN_VERSION,
  PROP_TLS_CIPHERS,
  PROP_MAX_BULK_BYTES,
  PROP_MAX_ELEMENTS,
  PROP_MAX_DEPTH,
  PROP_MAX_REPLY_BYTES,
  PROP_SEEDS,
  PROP_MAX_REDIRECTS,
  PROP_SENTINELS,
  PROP_MASTER_NAME,
  PROP_SENTINEL_USERNAME,
  PROP_SENTINEL_PASSWORD,
  PROP_SENTINEL_PASSWORD_CREDENTIAL,
  PROP_SENTINEL_EVENTS,
  PROP_CLUSTER_REFRESH_INTERVAL_MS,
  PROP_READ_FROM,
  PROP_ADDRESS_MAP,
  PROP_CLUSTER_SPLIT,
  PROP_CACHE,
  PROP_CACHE_MAX_ENTRIES,
  PROP_CACHE_MAX_BYTES,
  PROP_CACHE_TTL_MS,
  PROP_CACHE_MODE,
  PROP_CACHE_PREFIXES,
  PROP_CACHE_OPTIN,
  PROP_OBSERVE,
  PROP_OTLP_ENDPOINT,
  PROP_OTLP_SAMPLE_RATIO,
  PROP_OTLP_INTERVAL_MS,
  PROP_OTLP_MAX_QUEUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GredisConfig, gredis_config, G_TYPE_OBJECT)

static const char * const tls_verify_choices[] = { "required", "optional", "none", NULL };
static const char * const tls_version_choices[] = { "1.2", "1.3", NULL };
static const char * const read_from_choices[] = { "primary", "prefer-replica", "replicas", "nearest", NULL };
static const char * const cache_mode_choices[] = { "default", "broadcast", NULL };

/* The options in the order of DESIGN.md, indexed by property id. The
 * first entry, `uri`, is not stored: it is applied and composed. */
static const GredisOptionInfo options[N_PROPS] = {
  [PROP_URI] = { "uri", GREDIS_OPTION_STRING, -1, 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_HOST] = { "host", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, host), 0, 0, 0, "localhost", NULL, 0, 0 },
  [PROP_PORT] = { "port", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, port), 1, 65535, 6379, NULL, NULL, 0, 0 },
  [PROP_PATH] = { "path", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, path), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_DB] = { "db", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, db), 0, G_MAXINT, 0, NULL, NULL, 0, 0 },
  [PROP_USERNAME] = { "username", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, username), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_PASSWORD] = { "password", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, password), 0, 0, 0, NULL, NULL, GREDIS_OPTION_SECRET, 0 },
  [PROP_PASSWORD_FILE] = { "password-file", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, password_file), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_PASSWORD_CREDENTIAL] = { "password-credential", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, password_credential), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_CLIENT_NAME] = { "client-name", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, client_name), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_PROTOCOL] = { "protocol", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, protocol), 2, 3, 2, NULL, NULL, 0, 0 },
  [PROP_TRANSPORT] = { "transport", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, transport), 0, 0, 0, NULL, NULL, GREDIS_OPTION_PLUGIN, GREDIS_PLUGIN_TRANSPORT },
  [PROP_PARSER] = { "parser", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, parser), 0, 0, 0, NULL, NULL, GREDIS_OPTION_PLUGIN, GREDIS_PLUGIN_PARSER },
  [PROP_BACKOFF] = { "backoff", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, backoff), 0, 0, 0, NULL, NULL, GREDIS_OPTION_PLUGIN, GREDIS_PLUGIN_BACKOFF_POLICY },
  [PROP_BACKOFF_BASE_MS] = { "backoff-base-ms", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, backoff_base_ms), 0, G_MAXUINT, 10, NULL, NULL, 0, 0 },
  [PROP_BACKOFF_CAP_MS] = { "backoff-cap-ms", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, backoff_cap_ms), 0, G_MAXUINT, 1000, NULL, NULL, 0, 0 },
  [PROP_RETRIES] = { "retries", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, retries), 0, G_MAXUINT, 3, NULL, NULL, 0, 0 },
  [PROP_POOL] = { "pool", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, pool), 0, 0, 0, NULL, NULL, GREDIS_OPTION_PLUGIN, GREDIS_PLUGIN_POOL },
  [PROP_MAX_CONNECTIONS] = { "max-connections", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, max_connections), 1, G_MAXUINT, 16, NULL, NULL, 0, 0 },
  [PROP_POOL_TIMEOUT_MS] = { "pool-timeout-ms", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, pool_timeout_ms), 0, G_MAXUINT, 5000, NULL, NULL, 0, 0 },
  [PROP_MIN_IDLE] = { "min-idle", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, min_idle), 0, G_MAXUINT, 0, NULL, NULL, 0, 0 },
  [PROP_IDLE_TIMEOUT_S] = { "idle-timeout-s", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, idle_timeout_s), 0, G_MAXUINT, 0, NULL, NULL, 0, 0 },
  [PROP_MAX_LIFETIME_S] = { "max-lifetime-s", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, max_lifetime_s), 0, G_MAXUINT, 0, NULL, NULL, 0, 0 },
  [PROP_HEALTH_CHECK_INTERVAL_S] = { "health-check-interval-s", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, health_check_interval_s), 0, G_MAXUINT, 0, NULL, NULL, 0, 0 },
  [PROP_CONNECT_TIMEOUT_MS] = { "connect-timeout-ms", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, connect_timeout_ms), 0, G_MAXUINT, 5000, NULL, NULL, 0, 0 },
  [PROP_COMMAND_TIMEOUT_MS] = { "command-timeout-ms", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, command_timeout_ms), 0, G_MAXUINT, 5000, NULL, NULL, 0, 0 },
  [PROP_KEEPALIVE] = { "keepalive", GREDIS_OPTION_BOOLEAN, G_STRUCT_OFFSET (GredisConfig, keepalive), 0, 1, TRUE, NULL, NULL, 0, 0 },
  [PROP_TLS_CA_FILE] = { "tls-ca-file", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_ca_file), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_TLS_CA_DIR] = { "tls-ca-dir", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_ca_dir), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_TLS_CERT_FILE] = { "tls-cert-file", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_cert_file), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_TLS_KEY_FILE] = { "tls-key-file", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_key_file), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_TLS_KEY_PASSWORD] = { "tls-key-password", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_key_password), 0, 0, 0, NULL, NULL, GREDIS_OPTION_SECRET, 0 },
  [PROP_TLS_SERVER_NAME] = { "tls-server-name", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_server_name), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_TLS_VERIFY] = { "tls-verify", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_verify), 0, 0, 0, "required", tls_verify_choices, 0, 0 },
  [PROP_TLS_MIN_VERSION] = { "tls-min-version", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_min_version), 0, 0, 0, "1.2", tls_version_choices, 0, 0 },
  [PROP_TLS_CIPHERS] = { "tls-ciphers", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, tls_ciphers), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_MAX_BULK_BYTES] = { "max-bulk-bytes", GREDIS_OPTION_UINT64, G_STRUCT_OFFSET (GredisConfig, max_bulk_bytes), 0, G_MAXUINT32, GREDIS_PARSER_DEFAULT_MAX_BULK_BYTES, NULL, NULL, 0, 0 },
  [PROP_MAX_ELEMENTS] = { "max-elements", GREDIS_OPTION_UINT64, G_STRUCT_OFFSET (GredisConfig, max_elements), 0, G_MAXUINT32, GREDIS_PARSER_DEFAULT_MAX_ELEMENTS, NULL, NULL, 0, 0 },
  [PROP_MAX_DEPTH] = { "max-depth", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, max_depth), 1, G_MAXUINT16, GREDIS_PARSER_DEFAULT_MAX_DEPTH, NULL, NULL, 0, 0 },
  [PROP_MAX_REPLY_BYTES] = { "max-reply-bytes", GREDIS_OPTION_UINT64, G_STRUCT_OFFSET (GredisConfig, max_reply_bytes), 0, G_MAXUINT64, GREDIS_PARSER_DEFAULT_MAX_REPLY_BYTES, NULL, NULL, 0, 0 },
  [PROP_SEEDS] = { "seeds", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, seeds), 0, 0, 0, NULL, NULL, GREDIS_OPTION_SEEDS, 0 },
  [PROP_MAX_REDIRECTS] = { "max-redirects", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, max_redirects), 0, 100, 5, NULL, NULL, 0, 0 },
  [PROP_SENTINELS] = { "sentinels", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, sentinels), 0, 0, 0, NULL, NULL, GREDIS_OPTION_SENTINELS, 0 },
  [PROP_MASTER_NAME] = { "master-name", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, master_name), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_SENTINEL_USERNAME] = { "sentinel-username", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, sentinel_username), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_SENTINEL_PASSWORD] = { "sentinel-password", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, sentinel_password), 0, 0, 0, NULL, NULL, GREDIS_OPTION_SECRET, 0 },
  [PROP_SENTINEL_PASSWORD_CREDENTIAL] = { "sentinel-password-credential", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, sentinel_password_credential), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_SENTINEL_EVENTS] = { "sentinel-events", GREDIS_OPTION_BOOLEAN, G_STRUCT_OFFSET (GredisConfig, sentinel_events), 0, 1, TRUE, NULL, NULL, 0, 0 },
  [PROP_CLUSTER_REFRESH_INTERVAL_MS] = { "cluster-refresh-interval-ms", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, cluster_refresh_interval_ms), 0, G_MAXUINT, 10000, NULL, NULL, 0, 0 },
  [PROP_READ_FROM] = { "read-from", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, read_from), 0, 0, 0, "primary", read_from_choices, 0, 0 },
  [PROP_ADDRESS_MAP] = { "address-map", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, address_map), 0, 0, 0, NULL, NULL, GREDIS_OPTION_ADDRESS_MAP, 0 },
  [PROP_CLUSTER_SPLIT] = { "cluster-split", GREDIS_OPTION_BOOLEAN, G_STRUCT_OFFSET (GredisConfig, cluster_split), 0, 1, FALSE, NULL, NULL, 0, 0 },
  [PROP_CACHE] = { "cache", GREDIS_OPTION_BOOLEAN, G_STRUCT_OFFSET (GredisConfig, cache), 0, 1, FALSE, NULL, NULL, 0, 0 },
  [PROP_CACHE_MAX_ENTRIES] = { "cache-max-entries", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, cache_max_entries), 1, G_MAXUINT, 10000, NULL, NULL, 0, 0 },
  [PROP_CACHE_MAX_BYTES] = { "cache-max-bytes", GREDIS_OPTION_UINT64, G_STRUCT_OFFSET (GredisConfig, cache_max_bytes), 1, G_MAXUINT64, 64 * 1024 * 1024, NULL, NULL, 0, 0 },
  [PROP_CACHE_TTL_MS] = { "cache-ttl-ms", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, cache_ttl_ms), 0, G_MAXUINT, 0, NULL, NULL, 0, 0 },
  [PROP_CACHE_MODE] = { "cache-mode", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, cache_mode), 0, 0, 0, "default", cache_mode_choices, 0, 0 },
  [PROP_CACHE_PREFIXES] = { "cache-prefixes", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, cache_prefixes), 0, 0, 0, NULL, NULL, 0, 0 },
  [PROP_CACHE_OPTIN] = { "cache-optin", GREDIS_OPTION_BOOLEAN, G_STRUCT_OFFSET (GredisConfig, cache_optin), 0, 1, FALSE, NULL, NULL, 0, 0 },
  [PROP_OBSERVE] = { "observe", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, observe), 0, 0, 0, NULL, NULL, GREDIS_OPTION_PLUGIN | GREDIS_OPTION_LIST, GREDIS_PLUGIN_OBSERVER },
  [PROP_OTLP_ENDPOINT] = { "otlp-endpoint", GREDIS_OPTION_STRING, G_STRUCT_OFFSET (GredisConfig, otlp_endpoint), 0, 0, 0, NULL, NULL, GREDIS_OPTION_URL, 0 },
  [PROP_OTLP_SAMPLE_RATIO] = { "otlp-sample-ratio", GREDIS_OPTION_DOUBLE, G_STRUCT_OFFSET (GredisConfig, otlp_sample_ratio), 0, 0, 0, NULL, NULL, 0, 0, 0.0, 1.0, 1.0 },
  [PROP_OTLP_INTERVAL_MS] = { "otlp-interval-ms", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, otlp_interval_ms), 0, G_MAXUINT, 0, NULL, NULL, 0, 0 },
  [PROP_OTLP_MAX_QUEUE] = { "otlp-max-queue", GREDIS_OPTION_UINT, G_STRUCT_OFFSET (GredisConfig, otlp_max_queue), 0, G_MAXUINT, 0, NULL, NULL, 0, 0 },
};

/**
 * GredisConfig:uri:
 *
 * The server as a URI: `redis://[user[:password]@]host[:port][/db]`,
 * `rediss://…` for TLS, or `unix://[user[:password]@]/path/to/socket`,
 * with query options (see gredis_config_set_uri()).
 *
 * Setting it applies the URI. Reading it composes a URI from
 * #GredisConfig:host, #GredisConfig:port, #GredisConfig:path,
 * #GredisConfig:db and #GredisConfig:username; it never contains the
 * password or query options.
 */
/**
 * GredisConfig:host:
 *
 * The host name or IP address of the server (an IPv6 address without
 * brackets). Used unless #GredisConfig:path is set.
 */
/**
 * GredisConfig:port:
 *
 * The TCP port of the server.
 */
/**
 * GredisConfig:path:
 *
 * The path of the server's Unix socket. When set, the endpoint is that
 * socket and #GredisConfig:host and #GredisConfig:port are not used.
 */
/**
 * GredisConfig:db:
 *
 * The database number selected after connecting (`SELECT`).
 */
/**
 * GredisConfig:username:
 *
 * The ACL user name sent with `AUTH` or `HELLO`; %NULL for the default
 * user.
 */
/**
 * GredisConfig:password:
 *
 * The password sent with `AUTH` or `HELLO`. It is never logged, never put
 * in error messages and masked by gredis_config_to_string().
 */
/**
 * GredisConfig:password-file:
 *
 * A file whose contents (without one trailing newline) are the password;
 * used when #GredisConfig:password is not set.
 */
/**
 * GredisConfig:password-credential:
 *
 * The name of a credential under `$CREDENTIALS_DIRECTORY` (as systemd's
 * `LoadCredential=` provides) whose contents are the password; used when
 * neither #GredisConfig:password nor #GredisConfig:password-file is set.
 */
/**
 * GredisConfig:client-name:
 *
 * The connection name set with `CLIENT SETNAME`; %NULL sets none.
 */
/**
 * GredisConfig:protocol:
 *
 * The RESP version: 2, or 3 (negotiated with `HELLO 3`).
 */
/**
 * GredisConfig:transport:
 *
 * The name of the transport plugin (`tcp`, `unix`, `tls`, `gio-tls` …);
 * %NULL chooses from the endpoint, see
 * gredis_config_get_effective_transport().
 */
/**
 * GredisConfig:parser:
 *
 * The name of the parser plugin (`resp3`, `resp2`, `hiredis` …); %NULL for
 * the default.
 */
/**
 * GredisConfig:backoff:
 *
 * The name of the backoff policy plugin; %NULL for the default
 * (`exponential-jitter`).
 */
/**
 * GredisConfig:backoff-base-ms:
 *
 * The base delay of the backoff policy, in milliseconds.
 */
/**
 * GredisConfig:backoff-cap-ms:
 *
 * The longest delay of the backoff policy, in milliseconds.
 */
/**
 * GredisConfig:retries:
 *
 * How many times a failed command is tried again (see #GredisRetry): a
 * command is attempted at most 1 + retries times, connection attempts
 * included. It is sent again only if the server refused it without
 * running it (`LOADING` …) or it cannot have run twice; permanent
 * failures (a rejected certificate, refused authentication, an unknown
 * host name, a missing plugin) are never retried.
 */
/**
 * GredisConfig:pool:
 *
 * The name of the connection pool plugin (`simple`, `blocking` …); %NULL
 * for the default.
 */
/**
 * GredisConfig:max-connections:
 *
 * The largest number of connections the pool opens.
 */
/**
 * GredisConfig:pool-timeout-ms:
 *
 * How long a blocking pool waits for a free connection, in milliseconds; 0
 * waits for ever.
 */
/**
 * GredisConfig:min-idle:
 *
 * How many idle connections the pool keeps open.
 */
/**
 * GredisConfig:idle-timeout-s:
 *
 * After how many seconds an idle connection is closed; 0 keeps it.
 */
/**
 * GredisConfig:max-lifetime-s:
 *
 * After how many seconds a connection is replaced; 0 keeps it.
 */
/**
 * GredisConfig:health-check-interval-s:
 *
 * After how many idle seconds a connection is checked with `PING` before
 * it is used; 0 never checks.
 */
/**
 * GredisConfig:connect-timeout-ms:
 *
 * How long connecting, the TLS handshake included, may take, in
 * milliseconds; 0 waits for ever.
 */
/**
 * GredisConfig:command-timeout-ms:
 *
 * How long a command may wait for its reply, in milliseconds; 0 waits for
 * ever. Blocking commands add their own timeout to it.
 */
/**
 * GredisConfig:keepalive:
 *
 * Whether TCP keepalive probes are enabled.
 */
/**
 * GredisConfig:tls-ca-file:
 *
 * A PEM file of the certificate authorities trusted to sign the server's
 * certificate; %NULL uses the system's.
 */
/**
 * GredisConfig:tls-ca-dir:
 *
 * A directory of trusted certificate authorities (hashed names, as
 * `openssl rehash` makes).
 */
/**
 * GredisConfig:tls-cert-file:
 *
 * A PEM file with the client certificate, for servers that require one.
 */
/**
 * GredisConfig:tls-key-file:
 *
 * A PEM file with the private key of the client certificate.
 */
/**
 * GredisConfig:tls-key-password:
 *
 * The passphrase of #GredisConfig:tls-key-file. Like the password, it is
 * never shown.
 */
/**
 * GredisConfig:tls-server-name:
 *
 * The name sent with SNI and checked against the certificate; %NULL uses
 * the host name.
 */
/**
 * GredisConfig:tls-verify:
 *
 * How the server's certificate is checked: `required` (the chain and the
 * host name), `optional` (the chain only) or `none` (nothing: for tests
 * only).
 */
/**
 * GredisConfig:tls-min-version:
 *
 * The oldest TLS version accepted: `1.2` or `1.3`.
 */
/**
 * GredisConfig:tls-ciphers:
 *
 * The TLS 1.2 cipher list in OpenSSL's syntax; %NULL for the library
 * default.
 */
/**
 * GredisConfig:max-bulk-bytes:
 *
 * The longest bulk string the parser accepts, in bytes.
 */
/**
 * GredisConfig:max-elements:
 *
 * The largest number of elements of one aggregate the parser accepts.
 */
/**
 * GredisConfig:max-depth:
 *
 * The deepest nesting of aggregates the parser accepts.
 */
/**
 * GredisConfig:max-reply-bytes:
 *
 * The largest total size of one reply the parser accepts, in bytes.
 */
/**
 * GredisConfig:seeds:
 *
 * The nodes a `cluster` pool asks for the slot map, as a list separated
 * by `;`: `host:port;host:port`, an IPv6 address in brackets
 * (`[::1]:7000`), the port 6379 when none is given. Setting a list that
 * does not parse is an error (gredis_config_set_option()); %NULL for
 * none, when the pool uses #GredisConfig:host and #GredisConfig:port.
 * A `redis+cluster://` URI sets it.
 */
/**
 * GredisConfig:max-redirects:
 *
 * How many `MOVED` and `ASK` redirects a `cluster` pool follows for one
 * command before it fails with the last one. `TRYAGAIN` and
 * `CLUSTERDOWN` replies count against it too: the command is sent again
 * after the backoff delay (#GredisConfig:backoff) until it runs or the
 * cap is reached.
 */
/**
 * GredisConfig:cluster-refresh-interval-ms:
 *
 * How often a `cluster` pool fetches the slot map again in the
 * background, in milliseconds, whether or not a redirect or a failed
 * connection asked for it: the backstop that finds a failover no `MOVED`
 * reply tells of. 0 turns the periodic refresh off (redirects and
 * connection failures still refresh the map, at most once per half
 * second).
 */
/**
 * GredisConfig:read-from:
 *
 * Where a `cluster` or `sentinel` pool sends commands that only read
 * (those the command table flags `readonly`, such as `GET`):
 *
 * - `primary` (the default): the primary of the key's slot, as writes;
 * - `prefer-replica`: one replica of the slot, always the same while it
 *   is healthy, and the primary when the slot has no healthy replica;
 * - `replicas`: the healthy replicas of the slot in turn (round-robin),
 *   and the primary when it has none;
 * - `nearest`: the node of the slot, primary or healthy replica, with the
 *   lowest round-trip time, measured with `PING` on a connection of its
 *   own on the first read and again every 30 seconds while reads are
 *   sent (the primary until the first measure).
 *
 * Writes always go to the primary. A replica is healthy unless
 * `CLUSTER SHARDS` reports it `loading` or `failed`. Every connection of
 * a pool whose policy is not `primary` sends `READONLY` in its handshake,
 * so that it is sent again on every reconnection. A replica may lag
 * behind its primary: a read from it may miss the latest writes. See
 * the Redis Cluster page of this documentation.
 *
 * A `sentinel` pool takes the same values, with the master as the
 * primary and the replicas that `SENTINEL REPLICAS` reports neither
 * down nor disconnected, with their link to the master up, as the
 * healthy ones; it sends no `READONLY`. See the Redis Sentinel page.
 */
/**
 * GredisConfig:address-map:
 *
 * Addresses a `cluster` pool uses in place of those the cluster announces,
 * for clients that reach the nodes through network address translation, a
 * tunnel or a container network: a list of `announced=reachable` pairs
 * separated by `;`, such as
 * `10.0.0.5:7000=127.0.0.1:17000;10.0.0.6:7000=127.0.0.1:17001`. Each side
 * is `host:port` (an IPv6 address in brackets), or a host alone on both
 * sides to map every port of a host (`10.0.0.5=203.0.113.9`). A pair with
 * ports wins over a pair for the host alone. Every address the cluster
 * gives goes through the map before a connection is made: those of the slot
 * map, of `MOVED` and `ASK` redirects, and the nodes a command is sent to
 * on its own. The seeds are used as they are. Setting a list that does not
 * parse is an error (gredis_config_set_option()).
 */
/**
 * GredisConfig:cluster-split:
 *
 * Whether a `cluster` pool splits a command whose keys are in several
 * slots (`MGET`, `MSET`, `DEL`, `UNLINK`, `EXISTS`, `TOUCH`: the commands
 * whose `request_policy` tip is `multi_shard`) into one command per slot,
 * sent in parallel, and merges their replies: `MGET`'s values in the
 * order of its keys, the counts of `DEL`, `UNLINK`, `EXISTS` and `TOUCH`
 * summed, `OK` for `MSET` when every part succeeded.
 *
 * The split command is NOT atomic: other clients may see some parts done
 * and not others, and when a part fails the others may have run (the
 * command then fails with the first error). `MSETNX` is never split: its
 * all-or-nothing meaning cannot hold across nodes. With %FALSE (the
 * default), such commands fail before anything is sent, with
 * %GREDIS_ERROR_CROSSSLOT.
 */
/**
 * GredisConfig:cache:
 *
 * Whether the client keeps a client-side cache of what it reads, kept
 * fresh by the server with `CLIENT TRACKING`. Read-only commands on one
 * key (`GET`, `HGETALL`, `SMEMBERS`, `ZRANGE` …) are answered from
 * memory when the same command, with the same arguments, was answered
 * before and the server has not said since that its key changed. Off by
 * default.
 *
 * With #GredisConfig:protocol 3 the server pushes invalidations on the
 * connection that reads. With RESP2 (protocol 2) the cache opens one
 * more connection, subscribed to `__redis__:invalidate`, and its reading
 * connection tracks with `CLIENT TRACKING ON REDIRECT` to it; a read in
 * flight when its key is invalidated is answered but not kept, and the
 * whole cache is emptied when that connection is lost (nothing is kept
 * until a new one is subscribed). RESP2 is not supported with a cluster
 * (the cache is then off, with a warning).
 *
 * Freshness: a hit is answered only once the invalidations that reached
 * the client before the read began are applied. The cache's thread flags
 * input on its tracking connections as soon as it wakes; and when the
 * library has read anything from a server since the last check, the next
 * hit looks at the tracking sockets first (one `poll()`). So an
 * invalidation that arrived before a reply the library read (of a write,
 * say) is applied before a read that begins after that reply is answered
 * from memory; in the steady state a hit costs no system call. Not
 * covered: a write the application learnt of by other means (another
 * process) whose invalidation has arrived but not yet woken the cache's
 * thread, for the time that thread takes to be scheduled; and, as for
 * any client, an invalidation still on its way (Redis sends a writer's
 * reply before the invalidation its write causes, so a read right after
 * that reply may return the value it replaced).
 *
 * The `cache` keys are read when a #GredisClient is made; changing them
 * afterwards does not change its cache. See #GredisClient:cache-hits and
 * #GredisClient::cache-invalidated.
 */
/**
 * GredisConfig:cache-max-entries:
 *
 * The most replies the client-side cache holds; the least recently used
 * are evicted past it.
 */
/**
 * GredisConfig:cache-max-bytes:
 *
 * The most bytes (of keys and replies, as counted by the cache) the
 * client-side cache holds; the least recently used replies are evicted
 * past it.
 */
/**
 * GredisConfig:cache-ttl-ms:
 *
 * A cap on the life of every entry of the client-side cache, in
 * milliseconds, whatever the server says; 0 for none.
 */
/**
 * GredisConfig:cache-mode:
 *
 * How the server tracks the keys of the client-side cache: `default`,
 * the keys the client read, or `broadcast`, every key that starts with
 * one of #GredisConfig:cache-prefixes (all keys when there are none).
 */
/**
 * GredisConfig:cache-prefixes:
 *
 * The key prefixes of the `broadcast` #GredisConfig:cache-mode,
 * separated by `,`; only keys with one of them are cached then.
 */
/**
 * GredisConfig:cache-optin:
 *
 * In the `default` #GredisConfig:cache-mode, whether tracking is opt-in
 * (`CLIENT TRACKING ON OPTIN`): the cache then sends `CLIENT CACHING yes`
 * before each read it means to keep, and the server tracks only those.
 */

/**
 * GredisConfig:observe:
 *
 * The observers of the client, as a list of #GredisObserver plugin names
 * separated by commas: `metrics` (built in: counters and histograms read
 * with gredis_client_get_metrics()), `sysprof` (marks in a Sysprof
 * capture, when built), `otlp` (spans to an OpenTelemetry collector,
 * when built: see #GredisConfig:otlp-endpoint), or an application's own;
 * each is configured with gredis_config_apply_to_plugin(). %NULL (the
 * default) observes nothing, at no cost. Setting a name that no plugin
 * has is an error (gredis_config_set_option()). A client reads it once,
 * before its first command (or its first gredis_client_get_metrics()).
 */
/**
 * GredisConfig:otlp-endpoint:
 *
 * The base URL of the OpenTelemetry collector the `otlp` observer sends
 * to (spans to its `/v1/traces`, metrics to its `/v1/metrics`), such as
 * `http://collector.internal:4318`. %NULL (the default): the environment
 * variable `OTEL_EXPORTER_OTLP_ENDPOINT`, else `http://localhost:4318`.
 * Setting a value that is not an absolute URL is an error
 * (gredis_config_set_option()). Read when the observer is made.
 */
/**
 * GredisConfig:otlp-sample-ratio:
 *
 * The ratio of commands the `otlp` observer sends a span for, from 0
 * (none) to 1 (all, the default); `0.01` is one in a hundred. Every
 * command still counts in the observer's metrics.
 *
 * Until the option is set, the observer reads the environment variable
 * `OTEL_TRACES_SAMPLER_ARG` instead, as OpenTelemetry's SDKs do, and
 * samples every command when that is not set either. As text (a key
 * file, a URI, gredis_config_set_option()) the ratio is written with a
 * point as the decimal separator, whatever the locale, and an empty value
 * unsets it again. Read when the observer is made.
 */
/**
 * GredisConfig:otlp-interval-ms:
 *
 * The milliseconds between the `otlp` observer's exports; 0 (the
 * default): the environment variable `OTEL_BSP_SCHEDULE_DELAY`, else
 * 5000.
 */
/**
 * GredisConfig:otlp-max-queue:
 *
 * The most spans the `otlp` observer keeps between two exports (more are
 * dropped and counted, never waited for); 0 (the default): the
 * environment variable `OTEL_BSP_MAX_QUEUE_SIZE`, else 2048.
 */
/**
 * GredisConfig:sentinels:
 *
 * The sentinels a `sentinel` pool asks where the master is, as a list
 * separated by `;`: `host:port;host:port`, an IPv6 address in brackets,
 * the port 26379 when none is given. Setting a list that does not parse
 * is an error (gredis_config_set_option()). A `redis+sentinel://` URI
 * sets it.
 */
/**
 * GredisConfig:master-name:
 *
 * The name under which the sentinels monitor the master, for a
 * `sentinel` pool.
 */
/**
 * GredisConfig:sentinel-username:
 *
 * The ACL user name for the sentinels; %NULL for the default user.
 * The master's credentials are #GredisConfig:username and
 * #GredisConfig:password.
 */
/**
 * GredisConfig:sentinel-password:
 *
 * The password for the sentinels (never shown, as
 * #GredisConfig:password).
 */
/**
 * GredisConfig:sentinel-password-credential:
 *
 * The name of a credential under `$CREDENTIALS_DIRECTORY` whose contents
 * are the password for the sentinels; used when
 * #GredisConfig:sentinel-password is not set.
 */
/**
 * GredisConfig:sentinel-events:
 *
 * Whether a `sentinel` pool subscribes to `+switch-master` on a sentinel,
 * to move to a new master as soon as it is announced. Without it the
 * pool still finds the master again whenever it makes a connection.
 */

/* Overwrites a secret before its memory goes back to the allocator; the
 * volatile access keeps the compiler from dropping the stores. */
static void
secret_free (char *secret)
{
  volatile char *p = secret;

  if (secret == NULL)
    return;
  while (*p != '\0')
    *p++ = '\0';
  g_free (secret);
}

static inline char **
string_field (GredisConfig           *self,
              const GredisOptionInfo *option)
{
  return G_STRUCT_MEMBER_P (self, option->offset);
}

static gboolean
option_shows_in_uri (guint prop_id)
{
  return prop_id == PROP_HOST || prop_id == PROP_PORT || prop_id == PROP_PATH ||
         prop_id == PROP_DB || prop_id == PROP_USERNAME;
}

static void
notify_option (GredisConfig *self,
               guint         prop_id)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop_id]);
  if (option_shows_in_uri (prop_id))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_URI]);
}

static const char *
find_choice (const GredisOptionInfo *option,
             const char             *value)
{
  for (guint i = 0; option->choices[i] != NULL; i++)
    if (g_ascii_strcasecmp (option->choices[i], value) == 0)
      return option->choices[i];
  return NULL;
}

static char *
describe_choices (const GredisOptionInfo *option)
{
  GString *s = g_string_new (NULL);

  for (guint i = 0; option->choices[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (s, ", ");
      g_string_append (s, option->choices[i]);
    }
  return g_string_free (s, FALSE);
}

static void
set_error_bad_choice (GError                 **error,
                      const GredisOptionInfo  *option,
                      const char              *shown_key,
                      const char              *value,
                      gboolean                 quote)
{
  g_autofree char *choices = describe_choices (option);

  if (quote)
    g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                 /* Translators: the first %s is a value, the second an
                  * option name, the third a list of accepted values. */
                 _("The value “%s” of the option “%s” is not one of %s."),
                 value, shown_key, choices);
  else
    g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                 /* Translators: the first %s is an option name, the second
                  * a list of accepted values. */
                 _("The value of the option “%s” is not one of %s."),
                 shown_key, choices);
}

/* Stores a string; NULL restores the default. Values of options with
 * choices must already be canonical. */
static void
set_string_option (GredisConfig *self,
                   guint         prop_id,
                   const char   *value)
{
  const GredisOptionInfo *option = &options[prop_id];
  char **field = string_field (self, option);

  if (value == NULL)
    value = option->default_string;
  if (value != NULL && option->choices != NULL)
    {
      const char *canonical = find_choice (option, value);

      if (canonical == NULL)
        {
          g_autoptr(GError) error = NULL;

          set_error_bad_choice (&error, option, option->name, value, TRUE);
          g_critical ("%s", error->message);
          return;
        }
      value = canonical;
    }
  if (g_strcmp0 (*field, value) == 0)
    return;

  if (option->flags & GREDIS_OPTION_SECRET)
    secret_free (*field);
  else
    g_free (*field);
  *field = g_strdup (value);
  notify_option (self, prop_id);
}

static guint64
get_number_option (GredisConfig *self,
                   guint         prop_id)
{
  const GredisOptionInfo *option = &options[prop_id];

  switch (option->type)
    {
    case GREDIS_OPTION_UINT:
      return G_STRUCT_MEMBER (guint, self, option->offset);
    case GREDIS_OPTION_UINT64:
      return G_STRUCT_MEMBER (guint64, self, option->offset);
    case GREDIS_OPTION_BOOLEAN:
      return G_STRUCT_MEMBER (gboolean, self, option->offset);
    case GREDIS_OPTION_STRING:
    case GREDIS_OPTION_DOUBLE:
    default:
      g_assert_not_reached ();
    }
}

static void
set_number_option (GredisConfig *self,
                   guint         prop_id,
                   guint64       value)
{
  const GredisOptionInfo *option = &options[prop_id];

  if (value < option->min || value > option->max)
    {
      g_critical ("%s: %" G_GUINT64_FORMAT " is outside the range of “%s” "
                  "(%" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT ")",
                  G_STRFUNC, value, option->name, option->min, option->max);
      return;
    }
  if (get_number_option (self, prop_id) == value)
    return;

  if (option->type == GREDIS_OPTION_UINT)
    G_STRUCT_MEMBER (guint, self, option->offset) = (guint) value;
  else
    G_STRUCT_MEMBER (guint64, self, option->offset) = value;
  notify_option (self, prop_id);
}

static void
set_boolean_option (GredisConfig *self,
                    guint         prop_id,
                    gboolean      value)
{
  const GredisOptionInfo *option = &options[prop_id];

  value = !!value;
  if (G_STRUCT_MEMBER (gboolean, self, option->offset) == value)
    return;
  G_STRUCT_MEMBER (gboolean, self, option->offset) = value;
  notify_option (self, prop_id);
}

/* A decimal option's value in the C locale, as short as it can be while
 * reading back as the same double: `0.25`, `1`, `0.1`. */
static void
format_double (char   buffer[G_ASCII_DTOSTR_BUF_SIZE],
               double value)
{
  g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_dtostr (buffer, G_ASCII_DTOSTR_BUF_SIZE, value);
}

/* Parses a decimal option from text: a number in the C locale (a point
 * as the decimal separator, whatever the program's locale), in the
 * option's range, with nothing after it; never NaN or infinite. */
static gboolean
parse_double (const GredisOptionInfo *option,
              const char             *text,
              double                 *out)
{
  char *end = NULL;
  double number;

  if (*text == '\0')
    return FALSE;
  number = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (number) ||
      number < option->double_min || number > option->double_max)
    return FALSE;
  /* -0 is 0. */
  *out = number + 0.0;
  return TRUE;
}

static gboolean
double_option_is_set (GredisConfig *self,
                      guint         prop_id)
{
  return !isnan (G_STRUCT_MEMBER (double, self, options[prop_id].offset));
}

/* The value, or the default when the option is not set. */
static double
get_double_option (GredisConfig *self,
                   guint         prop_id)
{
  const GredisOptionInfo *option = &options[prop_id];
  double value = G_STRUCT_MEMBER (double, self, option->offset);

  return isnan (value) ? option->double_default : value;
}

/* @value is in the option's range, or NaN to unset the option. */
static void
store_double_option (GredisConfig *self,
                     guint         prop_id,
                     double        value)
{
  double *field = G_STRUCT_MEMBER_P (self, options[prop_id].offset);

  if (*field == value || (isnan (*field) && isnan (value)))
    return;
  *field = value;
  notify_option (self, prop_id);
}

static void
set_double_option (GredisConfig *self,
                   guint         prop_id,
                   double        value)
{
  const GredisOptionInfo *option = &options[prop_id];

  if (!isfinite (value) || value < option->double_min || value > option->double_max)
    {
      char text[G_ASCII_DTOSTR_BUF_SIZE], min[G_ASCII_DTOSTR_BUF_SIZE], max[G_ASCII_DTOSTR_BUF_SIZE];

      format_double (text, value);
      format_double (min, option->double_min);
      format_double (max, option->double_max);
      g_critical ("%s: %s is outside the range of “%s” (%s to %s)",
                  G_STRFUNC, text, option->name, min, max);
      return;
    }
  store_double_option (self, prop_id, value + 0.0);
}

G_LOCK_DEFINE_STATIC (handshake_steps_lock);

void
_gredis_config_add_handshake_step (GredisConfig   *config,
                                   gpointer        step,
                                   GBoxedCopyFunc  copy,
                                   GDestroyNotify  free_func)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));

  G_LOCK (handshake_steps_lock);
  if (config->handshake_steps == NULL)
    {
      config->handshake_steps = g_ptr_array_new_with_free_func (free_func);
      config->handshake_step_copy = copy;
      config->handshake_step_free = free_func;
    }
  g_ptr_array_add (config->handshake_steps, copy (step));
  G_UNLOCK (handshake_steps_lock);
}

static gpointer
copy_step (gconstpointer step,
           gpointer      copy)
{
  return ((GBoxedCopyFunc) copy) ((gpointer) step);
}

void
_gredis_config_copy_handshake_steps (GredisConfig *dest,
                                     GredisConfig *src)
{
  g_autoptr(GPtrArray) steps = _gredis_config_dup_handshake_steps (src);
  GBoxedCopyFunc copy;
  GDestroyNotify free_func;

  if (steps == NULL)
    return;
  G_LOCK (handshake_steps_lock);
  copy = src->handshake_step_copy;
  free_func = src->handshake_step_free;
  G_UNLOCK (handshake_steps_lock);
  for (guint i = 0; i < steps->len; i++)
    _gredis_config_add_handshake_step (dest, g_ptr_array_index (steps, i), copy, free_func);
}

GPtrArray *
_gredis_config_dup_handshake_steps (GredisConfig *config)
{
  GPtrArray *steps = NULL;

  G_LOCK (handshake_steps_lock);
  if (config->handshake_steps != NULL && config->handshake_steps->len > 0)
    {
      steps = g_ptr_array_copy (config->handshake_steps, copy_step,
                                config->handshake_step_copy);
      g_ptr_array_set_free_func (steps, config->handshake_step_free);
    }
  G_UNLOCK (handshake_steps_lock);
  return steps;
}

static void
gredis_config_finalize (GObject *object)
{
  GredisConfig *self = GREDIS_CONFIG (object);

  g_clear_pointer (&self->handshake_steps, g_ptr_array_unref);

  for (guint i = PROP_URI + 1; i < N_PROPS; i++)
    {
      const GredisOptionInfo *option = &options[i];

      if (option->type != GREDIS_OPTION_STRING)
        continue;
      if (option->flags & GREDIS_OPTION_SECRET)
        secret_free (*string_field (self, option));
      else
        g_free (*string_field (self, option));
    }

  G_OBJECT_CLASS (gredis_config_parent_class)->finalize (object);
}

static void
gredis_config_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GredisConfig *self = GREDIS_CONFIG (object);

  if (prop_id == PROP_URI)
    {
      g_value_take_string (value, gredis_config_get_uri (self));
      return;
    }
  if (prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (options[prop_id].type)
    {
    case GREDIS_OPTION_STRING:
      g_value_set_string (value, *string_field (self, &options[prop_id]));
      break;
    case GREDIS_OPTION_UINT:
      g_value_set_uint (value, (guint) get_number_option (self, prop_id));
      break;
    case GREDIS_OPTION_UINT64:
      g_value_set_uint64 (value, get_number_option (self, prop_id));
      break;
    case GREDIS_OPTION_BOOLEAN:
      g_value_set_boolean (value, (gboolean) get_number_option (self, prop_id));
      break;
    case GREDIS_OPTION_DOUBLE:
      g_value_set_double (value, get_double_option (self, prop_id));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
gredis_config_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GredisConfig *self = GREDIS_CONFIG (object);

  if (prop_id == PROP_URI)
    {
      g_autoptr(GError) error = NULL;
      const char *uri = g_value_get_string (value);

      if (uri != NULL && !gredis_config_set_uri (self, uri, &error))
        g_warning ("%s", error->message);
      return;
    }
  if (prop_id >= N_PROPS)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }

  switch (options[prop_id].type)
    {
    case GREDIS_OPTION_STRING:
      set_string_option (self, prop_id, g_value_get_string (value));
      break;
    case GREDIS_OPTION_UINT:
      set_number_option (self, prop_id, g_value_get_uint (value));
      break;
    case GREDIS_OPTION_UINT64:
      set_number_option (self, prop_id, g_value_get_uint64 (value));
      break;
    case GREDIS_OPTION_BOOLEAN:
      set_boolean_option (self, prop_id, g_value_get_boolean (value));
      break;
    case GREDIS_OPTION_DOUBLE:
      set_double_option (self, prop_id, g_value_get_double (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
gredis_config_class_init (GredisConfigClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->finalize = gredis_config_finalize;
  object_class->get_property = gredis_config_get_property;
  object_class->set_property = gredis_config_set_property;

  properties[PROP_URI] = g_param_spec_string ("uri", NULL, NULL, NULL, flags);

  for (guint i = PROP_URI + 1; i < N_PROPS; i++)
    {
      const GredisOptionInfo *option = &options[i];

      switch (option->type)
        {
        case GREDIS_OPTION_STRING:
          properties[i] = g_param_spec_string (option->name, NULL, NULL,
                                               option->default_string, flags);
          break;
        case GREDIS_OPTION_UINT:
          properties[i] = g_param_spec_uint (option->name, NULL, NULL,
                                             (guint) option->min, (guint) option->max,
                                             (guint) option->default_number, flags);
          break;
        case GREDIS_OPTION_UINT64:
          properties[i] = g_param_spec_uint64 (option->name, NULL, NULL,
                                               option->min, option->max,
                                               option->default_number, flags);
          break;
        case GREDIS_OPTION_BOOLEAN:
          properties[i] = g_param_spec_boolean (option->name, NULL, NULL,
                                                (gboolean) option->default_number, flags);
          break;
        case GREDIS_OPTION_DOUBLE:
          properties[i] = g_param_spec_double (option->name, NULL, NULL,
                                               option->double_min, option->double_max,
                                               option->double_default, flags);
          break;
        default:
          g_assert_not_reached ();
        }
    }

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gredis_config_init (GredisConfig *self)
{
  for (guint i = PROP_URI + 1; i < N_PROPS; i++)
    {
      const GredisOptionInfo *option = &options[i];

      switch (option->type)
        {
        case GREDIS_OPTION_STRING:
          *string_field (self, option) = g_strdup (option->default_string);
          break;
        case GREDIS_OPTION_UINT:
          G_STRUCT_MEMBER (guint, self, option->offset) = (guint) option->default_number;
          break;
        case GREDIS_OPTION_UINT64:
          G_STRUCT_MEMBER (guint64, self, option->offset) = option->default_number;
          break;
        case GREDIS_OPTION_BOOLEAN:
          G_STRUCT_MEMBER (gboolean, self, option->offset) = (gboolean) option->default_number;
          break;
        case GREDIS_OPTION_DOUBLE:
          G_STRUCT_MEMBER (double, self, option->offset) = NAN;
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/**
 * gredis_config_new:
 *
 * Creates a configuration with every option at its default: a server on
 * `localhost`, port 6379, RESP2, the default plugins, timeouts of 5 s,
 * 3 retries with exponential backoff and jitter from 10 ms to 1 s, 16
 * connections at most, and the parser limits of #GredisParser.
 *
 * Returns: (transfer full): a new #GredisConfig
 */
GredisConfig *
gredis_config_new (void)
{
  return g_object_new (GREDIS_TYPE_CONFIG, NULL);
}

/**
 * gredis_config_new_for_uri:
 * @uri: a `redis://`, `rediss://` or `unix://` URI
 * @error: return location for a #GError
 *
 * Creates a configuration from a URI; see gredis_config_set_uri() for the
 * forms it takes.
 *
 * Returns: (transfer full): a new #GredisConfig, or %NULL with
 *   %GREDIS_ERROR_CONFIG (or %GREDIS_ERROR_PLUGIN_NOT_FOUND)
 */
GredisConfig *
gredis_config_new_for_uri (const char  *uri,
                           GError     **error)
{
  g_autoptr(GredisConfig) config = NULL;

  g_return_val_if_fail (uri != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = gredis_config_new ();
  if (!gredis_config_set_uri (config, uri, error))
    return NULL;
  return g_steal_pointer (&config);
}

/**
 * gredis_config_new_from_keyfile:
 * @key_file: a #GKeyFile
 * @group: (nullable): the group to read, or %NULL for
 *   %GREDIS_CONFIG_DEFAULT_GROUP (`gredis`)
 * @error: return location for a #GError
 *
 * Creates a configuration from a key file group; see
 * gredis_config_load_keyfile().
 *
 * Returns: (transfer full): a new #GredisConfig, or %NULL with
 *   %GREDIS_ERROR_CONFIG
 */
GredisConfig *
gredis_config_new_from_keyfile (GKeyFile    *key_file,
                                const char  *group,
                                GError     **error)
{
  g_autoptr(GredisConfig) config = NULL;

  g_return_val_if_fail (key_file != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  config = gredis_config_new ();
  if (!gredis_config_load_keyfile (config, key_file, group, error))
    return NULL;
  return g_steal_pointer (&config);
}

/**
 * gredis_config_dup:
 * @config: a #GredisConfig
 *
 * Copies every option of @config, secrets included, into a new
 * configuration.
 *
 * Returns: (transfer full): a copy of @config
 */
GredisConfig *
gredis_config_dup (GredisConfig *config)
{
  GredisConfig *copy;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);

  copy = gredis_config_new ();
  _gredis_config_copy_into (copy, config);
  return copy;
}

void
_gredis_config_copy_into (GredisConfig *dest,
                          GredisConfig *src)
{
  g_object_freeze_notify (G_OBJECT (dest));
  for (guint i = PROP_URI + 1; i < N_PROPS; i++)
    {
      switch (options[i].type)
        {
        case GREDIS_OPTION_STRING:
          set_string_option (dest, i, *string_field (src, &options[i]));
          break;
        case GREDIS_OPTION_UINT:
        case GREDIS_OPTION_UINT64:
          set_number_option (dest, i, get_number_option (src, i));
          break;
        case GREDIS_OPTION_BOOLEAN:
          set_boolean_option (dest, i, (gboolean) get_number_option (src, i));
          break;
        case GREDIS_OPTION_DOUBLE:
          /* Unset stays unset. */
          store_double_option (dest, i, G_STRUCT_MEMBER (double, src, options[i].offset));
          break;
        default:
          g_assert_not_reached ();
        }
    }
  _gredis_config_set_use_tls (dest, src->use_tls);
  g_object_thaw_notify (G_OBJECT (dest));
}

gboolean
_gredis_config_get_use_tls (GredisConfig *config)
{
  return config->use_tls;
}

void
_gredis_config_set_use_tls (GredisConfig *config,
                            gboolean      use_tls)
{
  use_tls = !!use_tls;
  if (config->use_tls == use_tls)
    return;
  config->use_tls = use_tls;
  g_object_notify_by_pspec (G_OBJECT (config), properties[PROP_URI]);
}

const GredisOptionInfo *
_gredis_config_find_option (const char *name)
{
  for (guint i = PROP_URI; i < N_PROPS; i++)
    if (g_str_equal (options[i].name, name))
      return &options[i];
  return NULL;
}

/**
 * gredis_config_get_option_names:
 *
 * Lists the names of the options, in the order of the documentation:
 * the property names, which are also the keys of key files.
 *
 * Returns: (transfer none) (array zero-terminated=1): the names
 */
const char * const *
gredis_config_get_option_names (void)
{
  static const char *names[N_PROPS];
  static gsize initialized = 0;

  if (g_once_init_enter (&initialized))
    {
      for (guint i = PROP_URI; i < N_PROPS; i++)
        names[i - PROP_URI] = options[i].name;
      names[N_PROPS - PROP_URI] = NULL;
      g_once_init_leave (&initialized, 1);
    }
  return names;
}

/* Letters, digits and ._+- only, and short: safe to quote from a URI. */
gboolean
_gredis_text_is_plain (const char *text)
{
  gsize n = 0;

  for (const char *p = text; *p != '\0'; p++, n++)
    if (!g_ascii_isalnum (*p) && strchr ("._+-", *p) == NULL)
      return FALSE;
  return n > 0 && n <= 64;
}

gboolean
_gredis_may_quote (GredisQuoteMode  quote,
                   const char      *text)
{
  switch (quote)
    {
    case GREDIS_QUOTE_ALWAYS:
      return TRUE;
    case GREDIS_QUOTE_IF_PLAIN:
      return _gredis_text_is_plain (text);
    case GREDIS_QUOTE_NEVER:
    default:
      return FALSE;
    }
}

gboolean
_gredis_config_parse_boolean (const char *text,
                              gboolean   *out)
{
  static const char * const yes[] = { "true", "yes", "on", "1", NULL };
  static const char * const no[] = { "false", "no", "off", "0", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    {
      if (g_ascii_strcasecmp (text, yes[i]) == 0)
        {
          *out = TRUE;
          return TRUE;
        }
      if (g_ascii_strcasecmp (text, no[i]) == 0)
        {
          *out = FALSE;
          return TRUE;
        }
    }
  return FALSE;
}

static gboolean
check_plugin (const GredisOptionInfo  *option,
              const char              *shown_key,
              const char              *name,
              GError                 **error)
{
  g_autoptr(GredisPluginInfo) info = NULL;
  g_autoptr(GError) local = NULL;

  info = gredis_plugins_lookup (option->plugin_kind, name, &local);
  if (info != NULL)
    return TRUE;

  g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
               /* Translators: the first %s is an option name such as
                * “transport”, the second the registry's explanation,
                * which names the plugin and the directories searched. */
               _("The option “%s” names a plugin that is not available. %s"),
               shown_key, local->message);
  return FALSE;
}

/* An absolute http or https URL. */
static gboolean
check_url (const GredisOptionInfo  *option,
           const char              *shown_key,
           const char              *value,
           gboolean                 quotable,
           GError                 **error)
{
  g_autoptr(GUri) uri = g_uri_parse (value, G_URI_FLAGS_NONE, NULL);

  if (uri != NULL && g_uri_get_host (uri) != NULL && *g_uri_get_host (uri) != '\0' &&
      (g_ascii_strcasecmp (g_uri_get_scheme (uri), "http") == 0 ||
       g_ascii_strcasecmp (g_uri_get_scheme (uri), "https") == 0))
    return TRUE;
  if (quotable)
    g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                 /* Translators: the first %s is an option name such as
                  * “otlp-endpoint”, the second the value given. */
                 _("The option “%s” needs an http or https URL such as http://localhost:4318, not “%s”."),
                 shown_key, value);
  else
    g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                 /* Translators: %s is an option name such as
                  * “otlp-endpoint”. */
                 _("The option “%s” needs an http or https URL such as http://localhost:4318."),
                 shown_key);
  return FALSE;
}

gboolean
_gredis_config_apply_option (GredisConfig            *config,
                             const GredisOptionInfo  *option,
                             const char              *shown_key,
                             const char              *value,
                             GredisQuoteMode          quote,
                             GError                 **error)
{
  guint prop_id = option - options;
  gboolean secret = (option->flags & GREDIS_OPTION_SECRET) != 0;
  gboolean quotable = !secret && _gredis_may_quote (quote, value);
  g_autofree char *stripped = NULL;

  g_assert (prop_id > PROP_URI && prop_id < N_PROPS);

  if (secret || quote == GREDIS_QUOTE_NEVER)
    GREDIS_DEBUG ("config", "Setting option %s (value hidden)", option->name);
  else
    GREDIS_DEBUG ("config", "Setting option %s to “%s”", option->name, value);

  switch (option->type)
    {
    case GREDIS_OPTION_STRING:
      if (*value == '\0')
        {
          set_string_option (config, prop_id, NULL);
          return TRUE;
        }
      if (option->choices != NULL)
        {
          const char *canonical = find_choice (option, value);

          if (canonical == NULL)
            {
              set_error_bad_choice (error, option, shown_key, value, quotable);
              return FALSE;
            }
          value = canonical;
        }
      if ((option->flags & GREDIS_OPTION_LIST) && (option->flags & GREDIS_OPTION_PLUGIN))
        {
          g_auto(GStrv) names = g_strsplit (value, ",", -1);

          for (guint n = 0; names[n] != NULL; n++)
            if (*g_strstrip (names[n]) != '\0' && !check_plugin (option, shown_key, names[n], error))
              return FALSE;
        }
      else if ((option->flags & GREDIS_OPTION_PLUGIN) && !check_plugin (option, shown_key, value, error))
        return FALSE;
      if (option->flags & GREDIS_OPTION_SEEDS)
        {
          g_autoptr(GPtrArray) seeds = _gredis_config_parse_seeds (value, error);

          if (seeds == NULL)
            return FALSE;
        }
      if (option->flags & GREDIS_OPTION_SENTINELS)
        {
          g_autoptr(GPtrArray) sentinels = _gredis_config_parse_sentinels (value, error);

          if (sentinels == NULL)
            return FALSE;
        }
      if (option->flags & GREDIS_OPTION_ADDRESS_MAP)
        {
          g_autoptr(GredisAddressMap) map = _gredis_address_map_new (value, error);

          if (map == NULL)
            return FALSE;
        }
      if ((option->flags & GREDIS_OPTION_URL) && !check_url (option, shown_key, value, quotable, error))
        return FALSE;
      set_string_option (config, prop_id, value);
      return TRUE;

    case GREDIS_OPTION_UINT:
    case GREDIS_OPTION_UINT64:
      {
        guint64 number = 0;

        stripped = g_strstrip (g_strdup (value));
        if (!g_ascii_string_to_unsigned (stripped, 10, option->min, option->max, &number, NULL))
          {
            g_autofree char *min = g_strdup_printf ("%" G_GUINT64_FORMAT, option->min);
            g_autofree char *max = g_strdup_printf ("%" G_GUINT64_FORMAT, option->max);

            if (quotable)
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           /* Translators: the first %s is a value, the
                            * second an option name, then the smallest and
                            * the largest number accepted. */
                           _("The value “%s” of the option “%s” is not a whole number from %s to %s."),
                           value, shown_key, min, max);
            else
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           /* Translators: the first %s is an option name,
                            * then the smallest and the largest number
                            * accepted. */
                           _("The value of the option “%s” is not a whole number from %s to %s."),
                           shown_key, min, max);
            return FALSE;
          }
        set_number_option (config, prop_id, number);
        return TRUE;
      }

    case GREDIS_OPTION_BOOLEAN:
      {
        gboolean b = FALSE;

        stripped = g_strstrip (g_strdup (value));
        if (!_gredis_config_parse_boolean (stripped, &b))
          {
            if (quotable)
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           /* Translators: the first %s is a value, the
                            * second an option name. */
                           _("The value “%s” of the option “%s” is not a boolean: use true or false."),
                           value, shown_key);
            else
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           /* Translators: %s is an option name. */
                           _("The value of the option “%s” is not a boolean: use true or false."),
                           shown_key);
            return FALSE;
          }
        set_boolean_option (config, prop_id, b);
        return TRUE;
      }

    case GREDIS_OPTION_DOUBLE:
      {
        double number = 0.0;

        stripped = g_strstrip (g_strdup (value));
        if (*stripped == '\0')
          {
            store_double_option (config, prop_id, NAN);
            return TRUE;
          }
        if (!parse_double (option, stripped, &number))
          {
            char min[G_ASCII_DTOSTR_BUF_SIZE], max[G_ASCII_DTOSTR_BUF_SIZE];

            format_double (min, option->double_min);
            format_double (max, option->double_max);
            if (quotable)
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           /* Translators: the first %s is a value, the
                            * second an option name, then the smallest and
                            * the largest number accepted. */
                           _("The value “%s” of the option “%s” is not a number from %s to %s (written with a point as the decimal separator)."),
                           value, shown_key, min, max);
            else
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           /* Translators: the first %s is an option name,
                            * then the smallest and the largest number
                            * accepted. */
                           _("The value of the option “%s” is not a number from %s to %s (written with a point as the decimal separator)."),
                           shown_key, min, max);
            return FALSE;
          }
        set_double_option (config, prop_id, number);
        return TRUE;
      }

    default:
      g_assert_not_reached ();
    }
}

/**
 * gredis_config_set_option:
 * @config: a #GredisConfig
 * @key: the name of an option (a property name, such as `port` or
 *   `connect-timeout-ms`)
 * @value: the value as text
 * @error: return location for a #GError
 *
 * Sets one option from text, as a key file or a command line option
 * `--option key=value` gives it. Whole numbers are decimal; fractional
 * ones, such as #GredisConfig:otlp-sample-ratio, are written with a point
 * as the decimal separator whatever the locale (`0.25`), and are never
 * NaN or infinite. Booleans are `true` or `false` (also `yes`/`no`,
 * `on`/`off`, `1`/`0`). An empty value restores the default of a text
 * option and unsets a fractional one. The key `uri` applies a URI
 * (see gredis_config_set_uri()). Plugin names are checked against the
 * plugin registry.
 *
 * Returns: %TRUE if the option was set; %FALSE with %GREDIS_ERROR_CONFIG
 *   if the key is unknown or the value invalid, in which case @config is
 *   unchanged
 */
gboolean
gredis_config_set_option (GredisConfig  *config,
                          const char    *key,
                          const char    *value,
                          GError       **error)
{
  const GredisOptionInfo *option;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  g_return_val_if_fail (key != NULL, FALSE);
  g_return_val_if_fail (value != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  option = _gredis_config_find_option (key);
  if (option == NULL)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: %s is the name given. */
                   _("There is no configuration option named “%s”."), key);
      return FALSE;
    }
  if (option == &options[PROP_URI])
    return gredis_config_set_uri (config, value, error);
  return _gredis_config_apply_option (config, option, key, value, GREDIS_QUOTE_ALWAYS, error);
}

/**
 * gredis_config_to_string:
 * @config: a #GredisConfig
 *
 * Describes every option in the key file format of
 * gredis_config_new_from_keyfile(), starting with the `uri` composed by
 * gredis_config_get_uri(). Secrets that are set show as `********`;
 * options that are not set have an empty value.
 *
 * Returns: (transfer full): the description
 */
char *
gredis_config_to_string (GredisConfig *config)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autofree char *uri = NULL;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);

  key_file = g_key_file_new ();
  uri = gredis_config_get_uri (config);
  g_key_file_set_string (key_file, GREDIS_CONFIG_DEFAULT_GROUP, "uri", uri);

  for (guint i = PROP_URI + 1; i < N_PROPS; i++)
    {
      const GredisOptionInfo *option = &options[i];
      g_autofree char *text = NULL;

      switch (option->type)
        {
        case GREDIS_OPTION_STRING:
          {
            const char *value = *string_field (config, option);

            if (value != NULL && (option->flags & GREDIS_OPTION_SECRET))
              value = "********";
            g_key_file_set_string (key_file, GREDIS_CONFIG_DEFAULT_GROUP, option->name,
                                   value != NULL ? value : "");
          }
          break;
        case GREDIS_OPTION_UINT:
        case GREDIS_OPTION_UINT64:
          text = g_strdup_printf ("%" G_GUINT64_FORMAT, get_number_option (config, i));
          g_key_file_set_value (key_file, GREDIS_CONFIG_DEFAULT_GROUP, option->name, text);
          break;
        case GREDIS_OPTION_BOOLEAN:
          g_key_file_set_boolean (key_file, GREDIS_CONFIG_DEFAULT_GROUP, option->name,
                                  (gboolean) get_number_option (config, i));
          break;
        case GREDIS_OPTION_DOUBLE:
          {
            char number[G_ASCII_DTOSTR_BUF_SIZE] = "";

            if (double_option_is_set (config, i))
              format_double (number, get_double_option (config, i));
            g_key_file_set_value (key_file, GREDIS_CONFIG_DEFAULT_GROUP, option->name, number);
          }
          break;
        default:
          g_assert_not_reached ();
        }
    }

  return g_key_file_to_data (key_file, NULL, NULL);
}

/**
 * gredis_config_get_endpoint:
 * @config: a #GredisConfig
 *
 * Gives the address of the server for gredis_transport_connect_async():
 * a #GUnixSocketAddress for #GredisConfig:path when it is set, otherwise a
 * #GNetworkAddress for #GredisConfig:host and #GredisConfig:port.
 *
 * Returns: (transfer full): the endpoint
 */
GSocketConnectable *
gredis_config_get_endpoint (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);

  if (config->path != NULL)
    return G_SOCKET_CONNECTABLE (g_unix_socket_address_new (config->path));
  return g_network_address_new (config->host, (guint16) config->port);
}

/**
 * gredis_config_get_effective_transport:
 * @config: a #GredisConfig
 *
 * Gives the name of the transport plugin to use: #GredisConfig:transport
 * when it is set; otherwise `unix` when #GredisConfig:path is set, `tls`
 * after a `rediss://` URI, and `tcp` in every other case.
 *
 * Returns: the name of a transport plugin
 */
const char *
gredis_config_get_effective_transport (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);

  if (config->transport != NULL)
    return config->transport;
  if (config->path != NULL)
    return "unix";
  if (config->use_tls)
    return "tls";
  return "tcp";
}

/* Reads a whole small file with plain system calls, so that the error
 * says why, and no copy of the secret is left in freed memory. */
static char *
read_secret_file (const char  *path,
                  GError     **error)
{
  GString *contents;
  char buffer[512];
  int saved_errno = 0;
  int fd;

  fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);
  if (fd < 0)
    {
      saved_errno = errno;
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: the first %s is a file name, the second
                    * the reason (from the system). */
                   _("Could not open the password file “%s”: %s."),
                   path, g_strerror (saved_errno));
      return NULL;
    }

  /* Large enough that a password never makes it grow, which would leave
   * a copy behind. */
  contents = g_string_sized_new (4096);
  for (;;)
    {
      gssize n = read (fd, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved_errno = errno;
          break;
        }
      if (n == 0)
        break;
      if (contents->len + n > 64 * 1024)
        {
          saved_errno = EFBIG;
          break;
        }
      g_string_append_len (contents, buffer, n);
    }
  memset (buffer, 0, sizeof buffer);
  close (fd);

  if (saved_errno == 0 && memchr (contents->str, '\0', contents->len) != NULL)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: %s is a file name. */
                   _("The password file “%s” contains a NUL byte."), path);
      secret_free (g_string_free (contents, FALSE));
      return NULL;
    }
  if (saved_errno != 0)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: the first %s is a file name, the second
                    * the reason (from the system). */
                   _("Could not read the password file “%s”: %s."),
                   path, g_strerror (saved_errno));
      secret_free (g_string_free (contents, FALSE));
      return NULL;
    }

  /* One trailing newline, as `echo` or an editor leaves, is not part of
   * the password. */
  if (contents->len > 0 && contents->str[contents->len - 1] == '\n')
    {
      g_string_truncate (contents, contents->len - 1);
      if (contents->len > 0 && contents->str[contents->len - 1] == '\r')
        g_string_truncate (contents, contents->len - 1);
    }
  return g_string_free (contents, FALSE);
}

/**
 * gredis_config_get_effective_password:
 * @config: a #GredisConfig
 * @error: return location for a #GError
 *
 * Finds the password to authenticate with: #GredisConfig:password when it
 * is set; otherwise the contents of #GredisConfig:password-file; otherwise
 * the contents of the credential #GredisConfig:password-credential in the
 * directory named by the environment variable `CREDENTIALS_DIRECTORY`
 * (systemd's `LoadCredential=` and `SetCredential=`). One trailing newline
 * is removed from a file's contents. A credential name must be a plain
 * file name: one with `/` or `..` is refused.
 *
 * Error messages name the file, never its contents.
 *
 * Returns: (transfer full) (nullable): the password; %NULL without an
 *   error when no password is configured, or %NULL with
 *   %GREDIS_ERROR_CONFIG when it cannot be read
 */
char *
gredis_config_get_effective_password (GredisConfig  *config,
                                      GError       **error)
{
  const char *dir;
  g_autofree char *path = NULL;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (config->password != NULL)
    return g_strdup (config->password);
  if (config->password_file != NULL)
    return read_secret_file (config->password_file, error);
  if (config->password_credential == NULL)
    return NULL;

  if (config->password_credential[0] == '\0' ||
      strchr (config->password_credential, '/') != NULL ||
      strstr (config->password_credential, "..") != NULL)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: %s is a credential name. */
                   _("The credential name “%s” is not a plain file name: it may not contain “/” or “..”."),
                   config->password_credential);
      return NULL;
    }

  dir = g_getenv ("CREDENTIALS_DIRECTORY");
  if (dir == NULL || *dir == '\0')
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: %s is a credential name. Keep
                    * CREDENTIALS_DIRECTORY and LoadCredential= as they are. */
                   _("The password credential “%s” is configured, but the environment variable CREDENTIALS_DIRECTORY is not set (the service needs LoadCredential= or SetCredential=)."),
                   config->password_credential);
      return NULL;
    }

  path = g_build_filename (dir, config->password_credential, NULL);
  return read_secret_file (path, error);
}

static gboolean
number_to_value (guint64     number,
                 GParamSpec *pspec,
                 GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);
  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_UINT:
      if (number > G_MAXUINT)
        return FALSE;
      g_value_set_uint (value, (guint) number);
      return TRUE;
    case G_TYPE_INT:
      if (number > G_MAXINT)
        return FALSE;
      g_value_set_int (value, (gint) number);
      return TRUE;
    case G_TYPE_ULONG:
      if (number > G_MAXULONG)
        return FALSE;
      g_value_set_ulong (value, (gulong) number);
      return TRUE;
    case G_TYPE_LONG:
      if (number > G_MAXLONG)
        return FALSE;
      g_value_set_long (value, (glong) number);
      return TRUE;
    case G_TYPE_UINT64:
      g_value_set_uint64 (value, number);
      return TRUE;
    case G_TYPE_INT64:
      if (number > G_MAXINT64)
        return FALSE;
      g_value_set_int64 (value, (gint64) number);
      return TRUE;
    case G_TYPE_DOUBLE:
      g_value_set_double (value, (double) number);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
double_to_value (double      number,
                 GParamSpec *pspec,
                 GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);
  switch (G_TYPE_FUNDAMENTAL (type))
    {
    case G_TYPE_DOUBLE:
      g_value_set_double (value, number);
      return TRUE;
    case G_TYPE_FLOAT:
      if (fabs (number) > G_MAXFLOAT)
        return FALSE;
      g_value_set_float (value, (float) number);
      return TRUE;
    default:
      return FALSE;
    }
}

static gboolean
string_to_value (const char *text,
                 GParamSpec *pspec,
                 GValue     *value)
{
  GType type = G_PARAM_SPEC_VALUE_TYPE (pspec);

  g_value_init (value, type);
  if (type == G_TYPE_STRING)
    {
      g_value_set_string (value, text);
      return TRUE;
    }
  if (G_TYPE_IS_ENUM (type))
    {
      g_autoptr(GEnumClass) enum_class = g_type_class_ref (type);
      GEnumValue *e = g_enum_get_value_by_nick (enum_class, text);

      if (e == NULL)
        return FALSE;
      g_value_set_enum (value, e->value);
      return TRUE;
    }
  return FALSE;
}

/**
 * gredis_config_apply_to_plugin:
 * @config: a #GredisConfig
 * @plugin: a plugin object: a #GredisTransport, #GredisParser,
 *   #GredisBackoffPolicy, #GredisPool, #GredisObserver, or any #GObject
 * @error: return location for a #GError
 *
 * Sets on @plugin every option of @config whose name is the name of a
 * writable property of @plugin: transports get `connect-timeout-ms`,
 * `keepalive` and the `tls-*` options, parsers `protocol` and the `max-*`
 * limits, pools `max-connections`, `pool-timeout-ms` and so on, the
 * `otlp` observer the `otlp-*` options. A backoff
 * policy gets its `base` and `cap` properties, in microseconds, from
 * #GredisConfig:backoff-base-ms and #GredisConfig:backoff-cap-ms.
 *
 * Values are converted to the type of the property: a whole number to
 * any integer type or to a double, a fractional option (such as
 * #GredisConfig:otlp-sample-ratio) to a double or a float, a text option
 * to a string or to an enumeration whose nicks are the option's values.
 * Text and fractional options that are not set leave the plugin's
 * default alone.
 *
 * Returns: %TRUE on success; %FALSE with %GREDIS_ERROR_CONFIG when a value
 *   cannot be converted or is outside the property's range (the options
 *   before it are applied), or with the error of
 *   gredis_parser_set_protocol() when a parser cannot speak the protocol
 */
gboolean
gredis_config_apply_to_plugin (GredisConfig  *config,
                               GObject       *plugin,
                               GError       **error)
{
  GObjectClass *klass;
  gboolean is_backoff;
  gboolean ok = TRUE;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  g_return_val_if_fail (G_IS_OBJECT (plugin), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  klass = G_OBJECT_GET_CLASS (plugin);
  is_backoff = GREDIS_IS_BACKOFF_POLICY (plugin);

  g_object_freeze_notify (plugin);
  for (guint i = PROP_URI + 1; ok && i < N_PROPS; i++)
    {
      const GredisOptionInfo *option = &options[i];
      const char *target = option->name;
      guint64 scale = 1;
      GParamSpec *pspec;
      g_auto(GValue) value = G_VALUE_INIT;
      gboolean converted;

      /* Backoff policies count in microseconds. */
      if (is_backoff && (i == PROP_BACKOFF_BASE_MS || i == PROP_BACKOFF_CAP_MS))
        {
          target = i == PROP_BACKOFF_BASE_MS ? "base" : "cap";
          scale = 1000;
        }

      pspec = g_object_class_find_property (klass, target);
      if (pspec == NULL ||
          (pspec->flags & G_PARAM_WRITABLE) == 0 ||
          (pspec->flags & G_PARAM_CONSTRUCT_ONLY) != 0)
        continue;

      if (i == PROP_PROTOCOL && GREDIS_IS_PARSER (plugin))
        {
          ok = gredis_parser_set_protocol (GREDIS_PARSER (plugin), config->protocol, error);
          continue;
        }

      switch (option->type)
        {
        case GREDIS_OPTION_STRING:
          {
            const char *text = *string_field (config, option);

            if (text == NULL)
              continue;
            converted = string_to_value (text, pspec, &value);
          }
          break;
        case GREDIS_OPTION_UINT:
        case GREDIS_OPTION_UINT64:
          converted = number_to_value (get_number_option (config, i) * scale, pspec, &value);
          break;
        case GREDIS_OPTION_BOOLEAN:
          g_value_init (&value, G_PARAM_SPEC_VALUE_TYPE (pspec));
          converted = G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_BOOLEAN;
          if (converted)
            g_value_set_boolean (&value, (gboolean) get_number_option (config, i));
          break;
        case GREDIS_OPTION_DOUBLE:
          if (!double_option_is_set (config, i))
            continue;
          converted = double_to_value (get_double_option (config, i), pspec, &value);
          break;
        default:
          g_assert_not_reached ();
        }

      if (converted && g_param_value_validate (pspec, &value))
        converted = FALSE;
      if (!converted)
        {
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       /* Translators: the first %s is an option name, the
                        * second a property name, the third a type name
                        * (of a plugin). */
                       _("The value of the option “%s” cannot be given to the property “%s” of %s: it has another type or range."),
                       option->name, target, G_OBJECT_TYPE_NAME (plugin));
          ok = FALSE;
          continue;
        }
      g_object_set_property (plugin, target, &value);
    }
  g_object_thaw_notify (plugin);

  return ok;
}

/**
 * gredis_config_get_host:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:host.
 *
 * Returns: (nullable): the value of #GredisConfig:host
 */
const char *
gredis_config_get_host (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->host;
}

/**
 * gredis_config_set_host:
 * @config: a #GredisConfig
 * @host: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:host.
 */
void
gredis_config_set_host (GredisConfig *config,
                        const char   *host)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_HOST, host);
}

/**
 * gredis_config_get_port:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:port.
 *
 * Returns: the value of #GredisConfig:port
 */
guint
gredis_config_get_port (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->port;
}

/**
 * gredis_config_set_port:
 * @config: a #GredisConfig
 * @port: the new value
 *
 * Sets #GredisConfig:port.
 */
void
gredis_config_set_port (GredisConfig *config,
                        guint         port)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_PORT, port);
}

/**
 * gredis_config_get_path:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:path.
 *
 * Returns: (nullable): the value of #GredisConfig:path
 */
const char *
gredis_config_get_path (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->path;
}

/**
 * gredis_config_set_path:
 * @config: a #GredisConfig
 * @path: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:path.
 */
void
gredis_config_set_path (GredisConfig *config,
                        const char   *path)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_PATH, path);
}

/**
 * gredis_config_get_db:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:db.
 *
 * Returns: the value of #GredisConfig:db
 */
guint
gredis_config_get_db (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->db;
}

/**
 * gredis_config_set_db:
 * @config: a #GredisConfig
 * @db: the new value
 *
 * Sets #GredisConfig:db.
 */
void
gredis_config_set_db (GredisConfig *config,
                      guint         db)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_DB, db);
}

/**
 * gredis_config_get_username:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:username.
 *
 * Returns: (nullable): the value of #GredisConfig:username
 */
const char *
gredis_config_get_username (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->username;
}

/**
 * gredis_config_set_username:
 * @config: a #GredisConfig
 * @username: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:username.
 */
void
gredis_config_set_username (GredisConfig *config,
                            const char   *username)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_USERNAME, username);
}

/**
 * gredis_config_get_password:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:password.
 *
 * Returns: (nullable): the value of #GredisConfig:password
 */
const char *
gredis_config_get_password (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->password;
}

/**
 * gredis_config_set_password:
 * @config: a #GredisConfig
 * @password: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:password.
 */
void
gredis_config_set_password (GredisConfig *config,
                            const char   *password)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_PASSWORD, password);
}

/**
 * gredis_config_get_password_file:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:password-file.
 *
 * Returns: (nullable): the value of #GredisConfig:password-file
 */
const char *
gredis_config_get_password_file (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->password_file;
}

/**
 * gredis_config_set_password_file:
 * @config: a #GredisConfig
 * @password_file: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:password-file.
 */
void
gredis_config_set_password_file (GredisConfig *config,
                                 const char   *password_file)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_PASSWORD_FILE, password_file);
}

/**
 * gredis_config_get_password_credential:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:password-credential.
 *
 * Returns: (nullable): the value of #GredisConfig:password-credential
 */
const char *
gredis_config_get_password_credential (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->password_credential;
}

/**
 * gredis_config_set_password_credential:
 * @config: a #GredisConfig
 * @password_credential: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:password-credential.
 */
void
gredis_config_set_password_credential (GredisConfig *config,
                                       const char   *password_credential)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_PASSWORD_CREDENTIAL, password_credential);
}

/**
 * gredis_config_get_client_name:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:client-name.
 *
 * Returns: (nullable): the value of #GredisConfig:client-name
 */
const char *
gredis_config_get_client_name (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->client_name;
}

/**
 * gredis_config_set_client_name:
 * @config: a #GredisConfig
 * @client_name: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:client-name.
 */
void
gredis_config_set_client_name (GredisConfig *config,
                               const char   *client_name)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_CLIENT_NAME, client_name);
}

/**
 * gredis_config_get_protocol:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:protocol.
 *
 * Returns: the value of #GredisConfig:protocol
 */
guint
gredis_config_get_protocol (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->protocol;
}

/**
 * gredis_config_set_protocol:
 * @config: a #GredisConfig
 * @protocol: the new value
 *
 * Sets #GredisConfig:protocol.
 */
void
gredis_config_set_protocol (GredisConfig *config,
                            guint         protocol)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_PROTOCOL, protocol);
}

/**
 * gredis_config_get_transport:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:transport.
 *
 * Returns: (nullable): the value of #GredisConfig:transport
 */
const char *
gredis_config_get_transport (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->transport;
}

/**
 * gredis_config_set_transport:
 * @config: a #GredisConfig
 * @transport: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:transport.
 */
void
gredis_config_set_transport (GredisConfig *config,
                             const char   *transport)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TRANSPORT, transport);
}

/**
 * gredis_config_get_parser:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:parser.
 *
 * Returns: (nullable): the value of #GredisConfig:parser
 */
const char *
gredis_config_get_parser (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->parser;
}

/**
 * gredis_config_set_parser:
 * @config: a #GredisConfig
 * @parser: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:parser.
 */
void
gredis_config_set_parser (GredisConfig *config,
                          const char   *parser)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_PARSER, parser);
}

/**
 * gredis_config_get_backoff:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:backoff.
 *
 * Returns: (nullable): the value of #GredisConfig:backoff
 */
const char *
gredis_config_get_backoff (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->backoff;
}

/**
 * gredis_config_set_backoff:
 * @config: a #GredisConfig
 * @backoff: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:backoff.
 */
void
gredis_config_set_backoff (GredisConfig *config,
                           const char   *backoff)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_BACKOFF, backoff);
}

/**
 * gredis_config_get_backoff_base_ms:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:backoff-base-ms.
 *
 * Returns: the value of #GredisConfig:backoff-base-ms
 */
guint
gredis_config_get_backoff_base_ms (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->backoff_base_ms;
}

/**
 * gredis_config_set_backoff_base_ms:
 * @config: a #GredisConfig
 * @backoff_base_ms: the new value
 *
 * Sets #GredisConfig:backoff-base-ms.
 */
void
gredis_config_set_backoff_base_ms (GredisConfig *config,
                                   guint         backoff_base_ms)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_BACKOFF_BASE_MS, backoff_base_ms);
}

/**
 * gredis_config_get_backoff_cap_ms:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:backoff-cap-ms.
 *
 * Returns: the value of #GredisConfig:backoff-cap-ms
 */
guint
gredis_config_get_backoff_cap_ms (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->backoff_cap_ms;
}

/**
 * gredis_config_set_backoff_cap_ms:
 * @config: a #GredisConfig
 * @backoff_cap_ms: the new value
 *
 * Sets #GredisConfig:backoff-cap-ms.
 */
void
gredis_config_set_backoff_cap_ms (GredisConfig *config,
                                  guint         backoff_cap_ms)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_BACKOFF_CAP_MS, backoff_cap_ms);
}

/**
 * gredis_config_get_retries:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:retries.
 *
 * Returns: the value of #GredisConfig:retries
 */
guint
gredis_config_get_retries (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->retries;
}

/**
 * gredis_config_set_retries:
 * @config: a #GredisConfig
 * @retries: the new value
 *
 * Sets #GredisConfig:retries.
 */
void
gredis_config_set_retries (GredisConfig *config,
                           guint         retries)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_RETRIES, retries);
}

/**
 * gredis_config_get_pool:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:pool.
 *
 * Returns: (nullable): the value of #GredisConfig:pool
 */
const char *
gredis_config_get_pool (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->pool;
}

/**
 * gredis_config_set_pool:
 * @config: a #GredisConfig
 * @pool: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:pool.
 */
void
gredis_config_set_pool (GredisConfig *config,
                        const char   *pool)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_POOL, pool);
}

/**
 * gredis_config_get_max_connections:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:max-connections.
 *
 * Returns: the value of #GredisConfig:max-connections
 */
guint
gredis_config_get_max_connections (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->max_connections;
}

/**
 * gredis_config_set_max_connections:
 * @config: a #GredisConfig
 * @max_connections: the new value
 *
 * Sets #GredisConfig:max-connections.
 */
void
gredis_config_set_max_connections (GredisConfig *config,
                                   guint         max_connections)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_MAX_CONNECTIONS, max_connections);
}

/**
 * gredis_config_get_pool_timeout_ms:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:pool-timeout-ms.
 *
 * Returns: the value of #GredisConfig:pool-timeout-ms
 */
guint
gredis_config_get_pool_timeout_ms (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->pool_timeout_ms;
}

/**
 * gredis_config_set_pool_timeout_ms:
 * @config: a #GredisConfig
 * @pool_timeout_ms: the new value
 *
 * Sets #GredisConfig:pool-timeout-ms.
 */
void
gredis_config_set_pool_timeout_ms (GredisConfig *config,
                                   guint         pool_timeout_ms)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_POOL_TIMEOUT_MS, pool_timeout_ms);
}

/**
 * gredis_config_get_min_idle:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:min-idle.
 *
 * Returns: the value of #GredisConfig:min-idle
 */
guint
gredis_config_get_min_idle (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->min_idle;
}

/**
 * gredis_config_set_min_idle:
 * @config: a #GredisConfig
 * @min_idle: the new value
 *
 * Sets #GredisConfig:min-idle.
 */
void
gredis_config_set_min_idle (GredisConfig *config,
                            guint         min_idle)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_MIN_IDLE, min_idle);
}

/**
 * gredis_config_get_idle_timeout_s:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:idle-timeout-s.
 *
 * Returns: the value of #GredisConfig:idle-timeout-s
 */
guint
gredis_config_get_idle_timeout_s (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->idle_timeout_s;
}

/**
 * gredis_config_set_idle_timeout_s:
 * @config: a #GredisConfig
 * @idle_timeout_s: the new value
 *
 * Sets #GredisConfig:idle-timeout-s.
 */
void
gredis_config_set_idle_timeout_s (GredisConfig *config,
                                  guint         idle_timeout_s)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_IDLE_TIMEOUT_S, idle_timeout_s);
}

/**
 * gredis_config_get_max_lifetime_s:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:max-lifetime-s.
 *
 * Returns: the value of #GredisConfig:max-lifetime-s
 */
guint
gredis_config_get_max_lifetime_s (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->max_lifetime_s;
}

/**
 * gredis_config_set_max_lifetime_s:
 * @config: a #GredisConfig
 * @max_lifetime_s: the new value
 *
 * Sets #GredisConfig:max-lifetime-s.
 */
void
gredis_config_set_max_lifetime_s (GredisConfig *config,
                                  guint         max_lifetime_s)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_MAX_LIFETIME_S, max_lifetime_s);
}

/**
 * gredis_config_get_health_check_interval_s:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:health-check-interval-s.
 *
 * Returns: the value of #GredisConfig:health-check-interval-s
 */
guint
gredis_config_get_health_check_interval_s (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->health_check_interval_s;
}

/**
 * gredis_config_set_health_check_interval_s:
 * @config: a #GredisConfig
 * @health_check_interval_s: the new value
 *
 * Sets #GredisConfig:health-check-interval-s.
 */
void
gredis_config_set_health_check_interval_s (GredisConfig *config,
                                           guint         health_check_interval_s)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_HEALTH_CHECK_INTERVAL_S, health_check_interval_s);
}

/**
 * gredis_config_get_connect_timeout_ms:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:connect-timeout-ms.
 *
 * Returns: the value of #GredisConfig:connect-timeout-ms
 */
guint
gredis_config_get_connect_timeout_ms (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->connect_timeout_ms;
}

/**
 * gredis_config_set_connect_timeout_ms:
 * @config: a #GredisConfig
 * @connect_timeout_ms: the new value
 *
 * Sets #GredisConfig:connect-timeout-ms.
 */
void
gredis_config_set_connect_timeout_ms (GredisConfig *config,
                                      guint         connect_timeout_ms)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_CONNECT_TIMEOUT_MS, connect_timeout_ms);
}

/**
 * gredis_config_get_command_timeout_ms:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:command-timeout-ms.
 *
 * Returns: the value of #GredisConfig:command-timeout-ms
 */
guint
gredis_config_get_command_timeout_ms (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->command_timeout_ms;
}

/**
 * gredis_config_set_command_timeout_ms:
 * @config: a #GredisConfig
 * @command_timeout_ms: the new value
 *
 * Sets #GredisConfig:command-timeout-ms.
 */
void
gredis_config_set_command_timeout_ms (GredisConfig *config,
                                      guint         command_timeout_ms)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_COMMAND_TIMEOUT_MS, command_timeout_ms);
}

/**
 * gredis_config_get_keepalive:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:keepalive.
 *
 * Returns: the value of #GredisConfig:keepalive
 */
gboolean
gredis_config_get_keepalive (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  return config->keepalive;
}

/**
 * gredis_config_set_keepalive:
 * @config: a #GredisConfig
 * @keepalive: the new value
 *
 * Sets #GredisConfig:keepalive.
 */
void
gredis_config_set_keepalive (GredisConfig *config,
                             gboolean      keepalive)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_boolean_option (config, PROP_KEEPALIVE, keepalive);
}

/**
 * gredis_config_get_tls_ca_file:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-ca-file.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-ca-file
 */
const char *
gredis_config_get_tls_ca_file (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_ca_file;
}

/**
 * gredis_config_set_tls_ca_file:
 * @config: a #GredisConfig
 * @tls_ca_file: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-ca-file.
 */
void
gredis_config_set_tls_ca_file (GredisConfig *config,
                               const char   *tls_ca_file)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_CA_FILE, tls_ca_file);
}

/**
 * gredis_config_get_tls_ca_dir:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-ca-dir.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-ca-dir
 */
const char *
gredis_config_get_tls_ca_dir (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_ca_dir;
}

/**
 * gredis_config_set_tls_ca_dir:
 * @config: a #GredisConfig
 * @tls_ca_dir: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-ca-dir.
 */
void
gredis_config_set_tls_ca_dir (GredisConfig *config,
                              const char   *tls_ca_dir)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_CA_DIR, tls_ca_dir);
}

/**
 * gredis_config_get_tls_cert_file:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-cert-file.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-cert-file
 */
const char *
gredis_config_get_tls_cert_file (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_cert_file;
}

/**
 * gredis_config_set_tls_cert_file:
 * @config: a #GredisConfig
 * @tls_cert_file: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-cert-file.
 */
void
gredis_config_set_tls_cert_file (GredisConfig *config,
                                 const char   *tls_cert_file)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_CERT_FILE, tls_cert_file);
}

/**
 * gredis_config_get_tls_key_file:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-key-file.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-key-file
 */
const char *
gredis_config_get_tls_key_file (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_key_file;
}

/**
 * gredis_config_set_tls_key_file:
 * @config: a #GredisConfig
 * @tls_key_file: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-key-file.
 */
void
gredis_config_set_tls_key_file (GredisConfig *config,
                                const char   *tls_key_file)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_KEY_FILE, tls_key_file);
}

/**
 * gredis_config_get_tls_key_password:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-key-password.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-key-password
 */
const char *
gredis_config_get_tls_key_password (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_key_password;
}

/**
 * gredis_config_set_tls_key_password:
 * @config: a #GredisConfig
 * @tls_key_password: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-key-password.
 */
void
gredis_config_set_tls_key_password (GredisConfig *config,
                                    const char   *tls_key_password)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_KEY_PASSWORD, tls_key_password);
}

/**
 * gredis_config_get_tls_server_name:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-server-name.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-server-name
 */
const char *
gredis_config_get_tls_server_name (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_server_name;
}

/**
 * gredis_config_set_tls_server_name:
 * @config: a #GredisConfig
 * @tls_server_name: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-server-name.
 */
void
gredis_config_set_tls_server_name (GredisConfig *config,
                                   const char   *tls_server_name)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_SERVER_NAME, tls_server_name);
}

/**
 * gredis_config_get_tls_verify:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-verify.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-verify
 */
const char *
gredis_config_get_tls_verify (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_verify;
}

/**
 * gredis_config_set_tls_verify:
 * @config: a #GredisConfig
 * @tls_verify: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-verify.
 */
void
gredis_config_set_tls_verify (GredisConfig *config,
                              const char   *tls_verify)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_VERIFY, tls_verify);
}

/**
 * gredis_config_get_tls_min_version:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-min-version.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-min-version
 */
const char *
gredis_config_get_tls_min_version (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_min_version;
}

/**
 * gredis_config_set_tls_min_version:
 * @config: a #GredisConfig
 * @tls_min_version: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-min-version.
 */
void
gredis_config_set_tls_min_version (GredisConfig *config,
                                   const char   *tls_min_version)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_MIN_VERSION, tls_min_version);
}

/**
 * gredis_config_get_tls_ciphers:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:tls-ciphers.
 *
 * Returns: (nullable): the value of #GredisConfig:tls-ciphers
 */
const char *
gredis_config_get_tls_ciphers (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->tls_ciphers;
}

/**
 * gredis_config_set_tls_ciphers:
 * @config: a #GredisConfig
 * @tls_ciphers: (nullable): the new value, or %NULL for the default
 *
 * Sets #GredisConfig:tls-ciphers.
 */
void
gredis_config_set_tls_ciphers (GredisConfig *config,
                               const char   *tls_ciphers)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_TLS_CIPHERS, tls_ciphers);
}

/**
 * gredis_config_get_max_bulk_bytes:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:max-bulk-bytes.
 *
 * Returns: the value of #GredisConfig:max-bulk-bytes
 */
guint64
gredis_config_get_max_bulk_bytes (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->max_bulk_bytes;
}

/**
 * gredis_config_set_max_bulk_bytes:
 * @config: a #GredisConfig
 * @max_bulk_bytes: the new value
 *
 * Sets #GredisConfig:max-bulk-bytes.
 */
void
gredis_config_set_max_bulk_bytes (GredisConfig *config,
                                  guint64       max_bulk_bytes)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_MAX_BULK_BYTES, max_bulk_bytes);
}

/**
 * gredis_config_get_max_elements:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:max-elements.
 *
 * Returns: the value of #GredisConfig:max-elements
 */
guint64
gredis_config_get_max_elements (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->max_elements;
}

/**
 * gredis_config_set_max_elements:
 * @config: a #GredisConfig
 * @max_elements: the new value
 *
 * Sets #GredisConfig:max-elements.
 */
void
gredis_config_set_max_elements (GredisConfig *config,
                                guint64       max_elements)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_MAX_ELEMENTS, max_elements);
}

/**
 * gredis_config_get_max_depth:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:max-depth.
 *
 * Returns: the value of #GredisConfig:max-depth
 */
guint
gredis_config_get_max_depth (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->max_depth;
}

/**
 * gredis_config_set_max_depth:
 * @config: a #GredisConfig
 * @max_depth: the new value
 *
 * Sets #GredisConfig:max-depth.
 */
void
gredis_config_set_max_depth (GredisConfig *config,
                             guint         max_depth)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_MAX_DEPTH, max_depth);
}

/**
 * gredis_config_get_max_reply_bytes:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:max-reply-bytes.
 *
 * Returns: the value of #GredisConfig:max-reply-bytes
 */
guint64
gredis_config_get_max_reply_bytes (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->max_reply_bytes;
}

/**
 * gredis_config_set_max_reply_bytes:
 * @config: a #GredisConfig
 * @max_reply_bytes: the new value
 *
 * Sets #GredisConfig:max-reply-bytes.
 */
void
gredis_config_set_max_reply_bytes (GredisConfig *config,
                                   guint64       max_reply_bytes)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_MAX_REPLY_BYTES, max_reply_bytes);
}

/**
 * gredis_config_get_seeds:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:seeds.
 *
 * Returns: (nullable): the value of #GredisConfig:seeds
 */
const char *
gredis_config_get_seeds (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->seeds;
}

/**
 * gredis_config_set_seeds:
 * @config: a #GredisConfig
 * @seeds: (nullable): the new value, or %NULL for none
 *
 * Sets #GredisConfig:seeds. The list is checked when the pool uses it;
 * gredis_config_set_option() checks it at once.
 */
void
gredis_config_set_seeds (GredisConfig *config,
                         const char   *seeds)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_SEEDS, seeds);
}

/**
 * gredis_config_get_max_redirects:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:max-redirects.
 *
 * Returns: the value of #GredisConfig:max-redirects
 */
guint
gredis_config_get_max_redirects (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->max_redirects;
}

/**
 * gredis_config_set_max_redirects:
 * @config: a #GredisConfig
 * @max_redirects: the new value
 *
 * Sets #GredisConfig:max-redirects.
 */
void
gredis_config_set_max_redirects (GredisConfig *config,
                                 guint         max_redirects)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_MAX_REDIRECTS, max_redirects);
}

/**
 * gredis_config_get_sentinels:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:sentinels.
 *
 * Returns: (nullable): the value of #GredisConfig:sentinels
 */
const char *
gredis_config_get_sentinels (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->sentinels;
}

/**
 * gredis_config_set_sentinels:
 * @config: a #GredisConfig
 * @sentinels: (nullable): the new value, or %NULL for none
 *
 * Sets #GredisConfig:sentinels.
 */
void
gredis_config_set_sentinels (GredisConfig *config,
                            const char   *sentinels)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_SENTINELS, sentinels);
}

/**
 * gredis_config_get_master_name:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:master-name.
 *
 * Returns: (nullable): the value of #GredisConfig:master-name
 */
const char *
gredis_config_get_master_name (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->master_name;
}

/**
 * gredis_config_set_master_name:
 * @config: a #GredisConfig
 * @master_name: (nullable): the new value, or %NULL for none
 *
 * Sets #GredisConfig:master-name.
 */
void
gredis_config_set_master_name (GredisConfig *config,
                              const char   *master_name)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_MASTER_NAME, master_name);
}

/**
 * gredis_config_get_sentinel_username:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:sentinel-username.
 *
 * Returns: (nullable): the value of #GredisConfig:sentinel-username
 */
const char *
gredis_config_get_sentinel_username (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->sentinel_username;
}

/**
 * gredis_config_set_sentinel_username:
 * @config: a #GredisConfig
 * @sentinel_username: (nullable): the new value, or %NULL for none
 *
 * Sets #GredisConfig:sentinel-username.
 */
void
gredis_config_set_sentinel_username (GredisConfig *config,
                                    const char   *sentinel_username)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_SENTINEL_USERNAME, sentinel_username);
}

/**
 * gredis_config_get_sentinel_password:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:sentinel-password.
 *
 * Returns: (nullable): the value of #GredisConfig:sentinel-password
 */
const char *
gredis_config_get_sentinel_password (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->sentinel_password;
}

/**
 * gredis_config_set_sentinel_password:
 * @config: a #GredisConfig
 * @sentinel_password: (nullable): the new value, or %NULL for none
 *
 * Sets #GredisConfig:sentinel-password.
 */
void
gredis_config_set_sentinel_password (GredisConfig *config,
                                    const char   *sentinel_password)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_SENTINEL_PASSWORD, sentinel_password);
}

/**
 * gredis_config_get_sentinel_password_credential:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:sentinel-password-credential.
 *
 * Returns: (nullable): the value of #GredisConfig:sentinel-password-credential
 */
const char *
gredis_config_get_sentinel_password_credential (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->sentinel_password_credential;
}

/**
 * gredis_config_set_sentinel_password_credential:
 * @config: a #GredisConfig
 * @sentinel_password_credential: (nullable): the new value, or %NULL for none
 *
 * Sets #GredisConfig:sentinel-password-credential.
 */
void
gredis_config_set_sentinel_password_credential (GredisConfig *config,
                                               const char   *sentinel_password_credential)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_SENTINEL_PASSWORD_CREDENTIAL, sentinel_password_credential);
}

/**
 * gredis_config_get_sentinel_events:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:sentinel-events.
 *
 * Returns: the value of #GredisConfig:sentinel-events
 */
gboolean
gredis_config_get_sentinel_events (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  return config->sentinel_events;
}

/**
 * gredis_config_set_sentinel_events:
 * @config: a #GredisConfig
 * @sentinel_events: the new value
 *
 * Sets #GredisConfig:sentinel-events.
 */
void
gredis_config_set_sentinel_events (GredisConfig *config,
                                   gboolean      sentinel_events)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_boolean_option (config, PROP_SENTINEL_EVENTS, sentinel_events);
}

/**
 * gredis_config_get_cluster_refresh_interval_ms:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cluster-refresh-interval-ms.
 *
 * Returns: the value of #GredisConfig:cluster-refresh-interval-ms
 */
guint
gredis_config_get_cluster_refresh_interval_ms (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->cluster_refresh_interval_ms;
}

/**
 * gredis_config_set_cluster_refresh_interval_ms:
 * @config: a #GredisConfig
 * @interval_ms: the new value, 0 for no periodic refresh
 *
 * Sets #GredisConfig:cluster-refresh-interval-ms.
 */
void
gredis_config_set_cluster_refresh_interval_ms (GredisConfig *config,
                                               guint         interval_ms)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_CLUSTER_REFRESH_INTERVAL_MS, interval_ms);
}

/**
 * gredis_config_get_read_from:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:read-from.
 *
 * Returns: the value of #GredisConfig:read-from
 */
const char *
gredis_config_get_read_from (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->read_from;
}

/**
 * gredis_config_set_read_from:
 * @config: a #GredisConfig
 * @read_from: (nullable): `primary`, `prefer-replica`, `replicas` or
 *   `nearest`, or %NULL for the default (`primary`)
 *
 * Sets #GredisConfig:read-from.
 */
void
gredis_config_set_read_from (GredisConfig *config,
                             const char   *read_from)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_READ_FROM, read_from);
}

/**
 * gredis_config_get_address_map:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:address-map.
 *
 * Returns: (nullable): the value of #GredisConfig:address-map
 */
const char *
gredis_config_get_address_map (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->address_map;
}

/**
 * gredis_config_set_address_map:
 * @config: a #GredisConfig
 * @address_map: (nullable): the new value, or %NULL for none
 *
 * Sets #GredisConfig:address-map. The list is checked when the pool uses
 * it (a list that does not parse is then ignored, with a warning);
 * gredis_config_set_option() checks it at once.
 */
void
gredis_config_set_address_map (GredisConfig *config,
                               const char   *address_map)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_ADDRESS_MAP, address_map);
}

/**
 * gredis_config_get_cluster_split:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cluster-split.
 *
 * Returns: the value of #GredisConfig:cluster-split
 */
gboolean
gredis_config_get_cluster_split (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  return config->cluster_split;
}

/**
 * gredis_config_set_cluster_split:
 * @config: a #GredisConfig
 * @cluster_split: whether multi-key commands over several slots are split
 *
 * Sets #GredisConfig:cluster-split.
 */
void
gredis_config_set_cluster_split (GredisConfig *config,
                                 gboolean      cluster_split)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_boolean_option (config, PROP_CLUSTER_SPLIT, cluster_split);
}

/**
 * gredis_config_get_cache:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cache.
 *
 * Returns: the value of #GredisConfig:cache
 */
gboolean 
gredis_config_get_cache (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  return config->cache;
}

/**
 * gredis_config_set_cache:
 * @config: a #GredisConfig
 * @cache: the new value
 *
 * Sets #GredisConfig:cache.
 */
void
gredis_config_set_cache (GredisConfig *config,
                         gboolean cache)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_boolean_option (config, PROP_CACHE, cache);
}

/**
 * gredis_config_get_cache_max_entries:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cache-max-entries.
 *
 * Returns: the value of #GredisConfig:cache-max-entries
 */
guint 
gredis_config_get_cache_max_entries (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->cache_max_entries;
}

/**
 * gredis_config_set_cache_max_entries:
 * @config: a #GredisConfig
 * @cache_max_entries: the new value
 *
 * Sets #GredisConfig:cache-max-entries.
 */
void
gredis_config_set_cache_max_entries (GredisConfig *config,
                                     guint cache_max_entries)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_CACHE_MAX_ENTRIES, cache_max_entries);
}

/**
 * gredis_config_get_cache_max_bytes:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cache-max-bytes.
 *
 * Returns: the value of #GredisConfig:cache-max-bytes
 */
guint64 
gredis_config_get_cache_max_bytes (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->cache_max_bytes;
}

/**
 * gredis_config_set_cache_max_bytes:
 * @config: a #GredisConfig
 * @cache_max_bytes: the new value
 *
 * Sets #GredisConfig:cache-max-bytes.
 */
void
gredis_config_set_cache_max_bytes (GredisConfig *config,
                                   guint64 cache_max_bytes)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_CACHE_MAX_BYTES, cache_max_bytes);
}

/**
 * gredis_config_get_cache_ttl_ms:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cache-ttl-ms.
 *
 * Returns: the value of #GredisConfig:cache-ttl-ms
 */
guint 
gredis_config_get_cache_ttl_ms (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->cache_ttl_ms;
}

/**
 * gredis_config_set_cache_ttl_ms:
 * @config: a #GredisConfig
 * @cache_ttl_ms: the new value
 *
 * Sets #GredisConfig:cache-ttl-ms.
 */
void
gredis_config_set_cache_ttl_ms (GredisConfig *config,
                                guint cache_ttl_ms)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_CACHE_TTL_MS, cache_ttl_ms);
}

/**
 * gredis_config_get_cache_mode:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cache-mode.
 *
 * Returns: (transfer none): the value of #GredisConfig:cache-mode
 */
const char *
gredis_config_get_cache_mode (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->cache_mode;
}

/**
 * gredis_config_set_cache_mode:
 * @config: a #GredisConfig
 * @cache_mode: (nullable): the new value
 *
 * Sets #GredisConfig:cache-mode.
 */
void
gredis_config_set_cache_mode (GredisConfig *config,
                              const char *cache_mode)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_CACHE_MODE, cache_mode);
}

/**
 * gredis_config_get_cache_prefixes:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cache-prefixes.
 *
 * Returns: (transfer none) (nullable): the value of #GredisConfig:cache-prefixes
 */
const char *
gredis_config_get_cache_prefixes (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->cache_prefixes;
}

/**
 * gredis_config_set_cache_prefixes:
 * @config: a #GredisConfig
 * @cache_prefixes: (nullable): the new value
 *
 * Sets #GredisConfig:cache-prefixes.
 */
void
gredis_config_set_cache_prefixes (GredisConfig *config,
                                  const char *cache_prefixes)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_CACHE_PREFIXES, cache_prefixes);
}

/**
 * gredis_config_get_cache_optin:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:cache-optin.
 *
 * Returns: the value of #GredisConfig:cache-optin
 */
gboolean 
gredis_config_get_cache_optin (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  return config->cache_optin;
}

/**
 * gredis_config_set_cache_optin:
 * @config: a #GredisConfig
 * @cache_optin: the new value
 *
 * Sets #GredisConfig:cache-optin.
 */
void
gredis_config_set_cache_optin (GredisConfig *config,
                               gboolean cache_optin)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_boolean_option (config, PROP_CACHE_OPTIN, cache_optin);
}

/**
 * gredis_config_get_observe:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:observe.
 *
 * Returns: (nullable): the value of #GredisConfig:observe
 */
const char *
gredis_config_get_observe (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->observe;
}

/**
 * gredis_config_set_observe:
 * @config: a #GredisConfig
 * @observe: (nullable): observer names separated by commas, or %NULL for
 *   none
 *
 * Sets #GredisConfig:observe. The names are checked when the option is
 * set with gredis_config_set_option(), and when the client is made.
 */
void
gredis_config_set_observe (GredisConfig *config,
                           const char   *observe)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_OBSERVE, observe);
}

static GPtrArray *parse_address_list (const char  *list,
                                      guint16      default_port,
                                      gboolean     sentinels,
                                      GError     **error);

GPtrArray *
_gredis_config_parse_seeds (const char  *seeds,
                            GError     **error)
{
  return parse_address_list (seeds, 6379, FALSE, error);
}

GPtrArray *
_gredis_config_parse_sentinels (const char  *sentinels,
                                GError     **error)
{
  return parse_address_list (sentinels, 26379, TRUE, error);
}

static GPtrArray *
parse_address_list (const char  *seeds,
                    guint16      default_port,
                    gboolean     sentinels,
                    GError     **error)
{
  g_auto(GStrv) entries = g_strsplit (seeds, ";", -1);
  g_autoptr(GPtrArray) result = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *entry = g_strstrip (g_strdup (entries[i]));
      GSocketConnectable *address;

      if (*entry == '\0')
        continue;
      address = g_network_address_parse (entry, default_port, NULL);
      if (address == NULL || strchr (entry, '/') != NULL || strchr (entry, '@') != NULL ||
          g_network_address_get_port (G_NETWORK_ADDRESS (address)) == 0)
        {
          g_autofree char *escaped = g_strescape (entry, NULL);

          g_clear_object (&address);
          if (sentinels)
            g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                         /* Translators: %s is one entry of a list of
                          * sentinels, such as “10.0.0.1:26379”. */
                         _("The sentinel “%s” is not a host and port such as 10.0.0.1:26379 or [::1]:26379."),
                         escaped);
          else
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       /* Translators: %s is one entry of a list of
                        * cluster nodes, such as “10.0.0.1:7000”. */
                       _("The seed “%s” is not a host and port such as 10.0.0.1:7000 or [::1]:7000."),
                       escaped);
          return NULL;
        }
      g_ptr_array_add (result, address);
    }
  if (result->len == 0 && sentinels)
    {
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           _("The list of sentinels names none: write it as host:port;host:port."));
      return NULL;
    }
  if (result->len == 0)
    {
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           _("The list of seeds names no node: write it as host:port;host:port."));
      return NULL;
    }
  return g_steal_pointer (&result);
}

/**
 * gredis_config_get_otlp_endpoint:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:otlp-endpoint.
 *
 * Returns: (nullable): the value of #GredisConfig:otlp-endpoint
 */
const char *
gredis_config_get_otlp_endpoint (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  return config->otlp_endpoint;
}

/**
 * gredis_config_set_otlp_endpoint:
 * @config: a #GredisConfig
 * @otlp_endpoint: (nullable): the collector's base URL, or %NULL for the
 *   environment's
 *
 * Sets #GredisConfig:otlp-endpoint. The URL is checked when the option is
 * set with gredis_config_set_option().
 */
void
gredis_config_set_otlp_endpoint (GredisConfig *config,
                                 const char   *otlp_endpoint)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_string_option (config, PROP_OTLP_ENDPOINT, otlp_endpoint);
}

/**
 * gredis_config_get_otlp_sample_ratio:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:otlp-sample-ratio: the ratio set, or its default, 1,
 * when none is (the `otlp` observer then reads the environment variable
 * `OTEL_TRACES_SAMPLER_ARG` first).
 *
 * Returns: the value of #GredisConfig:otlp-sample-ratio, from 0 to 1
 */
gdouble
gredis_config_get_otlp_sample_ratio (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 1.0);
  return get_double_option (config, PROP_OTLP_SAMPLE_RATIO);
}

/**
 * gredis_config_set_otlp_sample_ratio:
 * @config: a #GredisConfig
 * @otlp_sample_ratio: the ratio of commands sampled, from 0 to 1
 *
 * Sets #GredisConfig:otlp-sample-ratio; a value that is not from 0 to 1
 * is a programming error. To unset it again, so that the environment's
 * value applies, give gredis_config_set_option() an empty value.
 */
void
gredis_config_set_otlp_sample_ratio (GredisConfig *config,
                                     gdouble       otlp_sample_ratio)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_double_option (config, PROP_OTLP_SAMPLE_RATIO, otlp_sample_ratio);
}

/**
 * gredis_config_get_otlp_interval_ms:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:otlp-interval-ms.
 *
 * Returns: the value of #GredisConfig:otlp-interval-ms
 */
guint
gredis_config_get_otlp_interval_ms (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->otlp_interval_ms;
}

/**
 * gredis_config_set_otlp_interval_ms:
 * @config: a #GredisConfig
 * @otlp_interval_ms: milliseconds between exports, or 0 for the
 *   environment's
 *
 * Sets #GredisConfig:otlp-interval-ms.
 */
void
gredis_config_set_otlp_interval_ms (GredisConfig *config,
                                    guint         otlp_interval_ms)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_OTLP_INTERVAL_MS, otlp_interval_ms);
}

/**
 * gredis_config_get_otlp_max_queue:
 * @config: a #GredisConfig
 *
 * Gets #GredisConfig:otlp-max-queue.
 *
 * Returns: the value of #GredisConfig:otlp-max-queue
 */
guint
gredis_config_get_otlp_max_queue (GredisConfig *config)
{
  g_return_val_if_fail (GREDIS_IS_CONFIG (config), 0);
  return config->otlp_max_queue;
}

/**
 * gredis_config_set_otlp_max_queue:
 * @config: a #GredisConfig
 * @otlp_max_queue: the most spans kept between exports, or 0 for the
 *   environment's
 *
 * Sets #GredisConfig:otlp-max-queue.
 */
void
gredis_config_set_otlp_max_queue (GredisConfig *config,
                                  guint         otlp_max_queue)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  set_number_option (config, PROP_OTLP_MAX_QUEUE, otlp_max_queue);
}
