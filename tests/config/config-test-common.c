/* config-test-common.c: what the configuration tests share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config-test-common.h"

GType
config_test_verify_get_type (void)
{
  static gsize type = 0;
  static const GEnumValue values[] = {
    { CONFIG_TEST_VERIFY_NONE, "CONFIG_TEST_VERIFY_NONE", "none" },
    { CONFIG_TEST_VERIFY_OPTIONAL, "CONFIG_TEST_VERIFY_OPTIONAL", "optional" },
    { CONFIG_TEST_VERIFY_REQUIRED, "CONFIG_TEST_VERIFY_REQUIRED", "required" },
    { 0, NULL, NULL },
  };

  if (g_once_init_enter (&type))
    g_once_init_leave (&type, g_enum_register_static ("ConfigTestVerify", values));
  return type;
}

/* Transport */

struct _ConfigTestTransport
{
  GObject           parent_instance;
  guint             connect_timeout_ms;
  gboolean          keepalive;
  char             *tls_ca_file;
  char             *tls_key_password;
  char             *tls_server_name;
  char             *tls_ciphers;
  ConfigTestVerify  tls_verify;
};

enum {
  T_PROP_0,
  T_PROP_KEEPALIVE,
  T_PROP_TLS_CA_FILE,
  T_PROP_TLS_KEY_PASSWORD,
  T_PROP_TLS_SERVER_NAME,
  T_PROP_TLS_CIPHERS,
  T_PROP_TLS_VERIFY,
  T_PROP_CONNECT_TIMEOUT_MS,
};

static void config_test_transport_iface_init (GredisTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConfigTestTransport, config_test_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT,
                                                      config_test_transport_iface_init))

static void
config_test_transport_connect_async (GredisTransport     *transport,
                                     GSocketConnectable  *endpoint,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_task_report_new_error (transport, callback, user_data, config_test_transport_connect_async,
                           G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "The configuration test transport does not connect.");
}

static GIOStream *
config_test_transport_connect_finish (GredisTransport  *transport,
                                      GAsyncResult     *result,
                                      GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
config_test_transport_iface_init (GredisTransportInterface *iface)
{
  iface->connect_async = config_test_transport_connect_async;
  iface->connect_finish = config_test_transport_connect_finish;
}

static void
config_test_transport_finalize (GObject *object)
{
  ConfigTestTransport *self = CONFIG_TEST_TRANSPORT (object);

  g_free (self->tls_ca_file);
  g_free (self->tls_key_password);
  g_free (self->tls_server_name);
  g_free (self->tls_ciphers);
  G_OBJECT_CLASS (config_test_transport_parent_class)->finalize (object);
}

static void
config_test_transport_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  ConfigTestTransport *self = CONFIG_TEST_TRANSPORT (object);

  switch (prop_id)
    {
    case T_PROP_KEEPALIVE:
      g_value_set_boolean (value, self->keepalive);
      break;
    case T_PROP_TLS_CA_FILE:
      g_value_set_string (value, self->tls_ca_file);
      break;
    case T_PROP_TLS_KEY_PASSWORD:
      g_value_set_string (value, self->tls_key_password);
      break;
    case T_PROP_TLS_SERVER_NAME:
      g_value_set_string (value, self->tls_server_name);
      break;
    case T_PROP_TLS_CIPHERS:
      g_value_set_string (value, self->tls_ciphers);
      break;
    case T_PROP_TLS_VERIFY:
      g_value_set_enum (value, self->tls_verify);
      break;
    case T_PROP_CONNECT_TIMEOUT_MS:
      g_value_set_uint (value, self->connect_timeout_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
config_test_transport_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  ConfigTestTransport *self = CONFIG_TEST_TRANSPORT (object);

  switch (prop_id)
    {
    case T_PROP_KEEPALIVE:
      self->keepalive = g_value_get_boolean (value);
      break;
    case T_PROP_TLS_CA_FILE:
      g_free (self->tls_ca_file);
      self->tls_ca_file = g_value_dup_string (value);
      break;
    case T_PROP_TLS_KEY_PASSWORD:
      g_free (self->tls_key_password);
      self->tls_key_password = g_value_dup_string (value);
      break;
    case T_PROP_TLS_SERVER_NAME:
      g_free (self->tls_server_name);
      self->tls_server_name = g_value_dup_string (value);
      break;
    case T_PROP_TLS_CIPHERS:
      g_free (self->tls_ciphers);
      self->tls_ciphers = g_value_dup_string (value);
      break;
    case T_PROP_TLS_VERIFY:
      self->tls_verify = g_value_get_enum (value);
      break;
    case T_PROP_CONNECT_TIMEOUT_MS:
      self->connect_timeout_ms = g_value_get_uint (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
config_test_transport_class_init (ConfigTestTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = config_test_transport_finalize;
  object_class->get_property = config_test_transport_get_property;
  object_class->set_property = config_test_transport_set_property;

  g_object_class_install_property (object_class, T_PROP_KEEPALIVE,
      g_param_spec_boolean ("keepalive", NULL, NULL, FALSE, flags));
  g_object_class_install_property (object_class, T_PROP_TLS_CA_FILE,
      g_param_spec_string ("tls-ca-file", NULL, NULL, NULL, flags));
  g_object_class_install_property (object_class, T_PROP_TLS_KEY_PASSWORD,
      g_param_spec_string ("tls-key-password", NULL, NULL, NULL, flags));
  g_object_class_install_property (object_class, T_PROP_TLS_SERVER_NAME,
      g_param_spec_string ("tls-server-name", NULL, NULL, "from-plugin", flags));
  g_object_class_install_property (object_class, T_PROP_TLS_CIPHERS,
      g_param_spec_string ("tls-ciphers", NULL, NULL, "DEFAULT", flags | G_PARAM_CONSTRUCT_ONLY));
  g_object_class_install_property (object_class, T_PROP_TLS_VERIFY,
      g_param_spec_enum ("tls-verify", NULL, NULL, CONFIG_TEST_TYPE_VERIFY,
                         CONFIG_TEST_VERIFY_NONE, flags));
  g_object_class_override_property (object_class, T_PROP_CONNECT_TIMEOUT_MS, "connect-timeout-ms");
}

static void
config_test_transport_init (ConfigTestTransport *self)
{
  self->tls_server_name = g_strdup ("from-plugin");
}

/* Parser */

struct _ConfigTestParser
{
  GObject  parent_instance;
  guint    protocol;
  guint    max_protocol;
  guint64  max_bulk_bytes;
  guint64  max_elements;
  guint    max_depth;
  guint64  max_reply_bytes;
};

enum {
  P_PROP_0,
  P_PROP_MAX_PROTOCOL,
  P_PROP_PROTOCOL,
  P_PROP_MAX_BULK_BYTES,
  P_PROP_MAX_ELEMENTS,
  P_PROP_MAX_DEPTH,
  P_PROP_MAX_REPLY_BYTES,
};

static void config_test_parser_iface_init (GredisParserInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConfigTestParser, config_test_parser, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_PARSER,
                                                      config_test_parser_iface_init))

static void
config_test_parser_feed (GredisParser *parser,
                         const guint8 *data,
                         gsize         length)
{
}

static GredisReply *
config_test_parser_pop (GredisParser  *parser,
                        GError       **error)
{
  g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                       "The configuration test parser understands nothing.");
  return NULL;
}

static void
config_test_parser_reset (GredisParser *parser)
{
}

static gboolean
config_test_parser_set_protocol (GredisParser  *parser,
                                 guint          protocol,
                                 GError       **error)
{
  ConfigTestParser *self = CONFIG_TEST_PARSER (parser);

  if (protocol > self->max_protocol)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   "The configuration test parser speaks RESP%u at most.", self->max_protocol);
      return FALSE;
    }
  self->protocol = protocol;
  return TRUE;
}

static void
config_test_parser_iface_init (GredisParserInterface *iface)
{
  iface->feed = config_test_parser_feed;
  iface->pop = config_test_parser_pop;
  iface->reset = config_test_parser_reset;
  iface->set_protocol = config_test_parser_set_protocol;
}

static void
config_test_parser_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  ConfigTestParser *self = CONFIG_TEST_PARSER (object);

  switch (prop_id)
    {
    case P_PROP_MAX_PROTOCOL:
      g_value_set_uint (value, self->max_protocol);
      break;
    case P_PROP_PROTOCOL:
      g_value_set_uint (value, self->protocol);
      break;
    case P_PROP_MAX_BULK_BYTES:
      g_value_set_uint64 (value, self->max_bulk_bytes);
      break;
    case P_PROP_MAX_ELEMENTS:
      g_value_set_uint64 (value, self->max_elements);
      break;
    case P_PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;
    case P_PROP_MAX_REPLY_BYTES:
      g_value_set_uint64 (value, self->max_reply_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
config_test_parser_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  ConfigTestParser *self = CONFIG_TEST_PARSER (object);

  switch (prop_id)
    {
    case P_PROP_MAX_PROTOCOL:
      self->max_protocol = g_value_get_uint (value);
      break;
    case P_PROP_PROTOCOL:
      self->protocol = g_value_get_uint (value);
      break;
    case P_PROP_MAX_BULK_BYTES:
      self->max_bulk_bytes = g_value_get_uint64 (value);
      break;
    case P_PROP_MAX_ELEMENTS:
      self->max_elements = g_value_get_uint64 (value);
      break;
    case P_PROP_MAX_DEPTH:
      self->max_depth = g_value_get_uint (value);
      break;
    case P_PROP_MAX_REPLY_BYTES:
      self->max_reply_bytes = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
config_test_parser_class_init (ConfigTestParserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = config_test_parser_get_property;
  object_class->set_property = config_test_parser_set_property;

  g_object_class_install_property (object_class, P_PROP_MAX_PROTOCOL,
      g_param_spec_uint ("max-protocol", NULL, NULL, 2, 3, 3,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS));
  g_object_class_override_property (object_class, P_PROP_PROTOCOL, "protocol");
  g_object_class_override_property (object_class, P_PROP_MAX_BULK_BYTES, "max-bulk-bytes");
  g_object_class_override_property (object_class, P_PROP_MAX_ELEMENTS, "max-elements");
  g_object_class_override_property (object_class, P_PROP_MAX_DEPTH, "max-depth");
  g_object_class_override_property (object_class, P_PROP_MAX_REPLY_BYTES, "max-reply-bytes");
}

static void
config_test_parser_init (ConfigTestParser *self)
{
  self->protocol = 2;
  self->max_protocol = 3;
  self->max_bulk_bytes = 1;
  self->max_elements = 1;
  self->max_depth = 1;
  self->max_reply_bytes = 1;
}

/* Backoff */

struct _ConfigTestBackoff
{
  GObject  parent_instance;
  guint64  base;
  guint64  cap;
};

enum {
  B_PROP_0,
  B_PROP_BASE,
  B_PROP_CAP,
};

static void config_test_backoff_iface_init (GredisBackoffPolicyInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConfigTestBackoff, config_test_backoff, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_BACKOFF_POLICY,
                                                      config_test_backoff_iface_init))

static guint64
config_test_backoff_compute (GredisBackoffPolicy *policy,
                             guint                failures)
{
  ConfigTestBackoff *self = CONFIG_TEST_BACKOFF (policy);

  return MIN (self->cap, self->base * failures);
}

static void
config_test_backoff_iface_init (GredisBackoffPolicyInterface *iface)
{
  iface->compute = config_test_backoff_compute;
}

static void
config_test_backoff_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  ConfigTestBackoff *self = CONFIG_TEST_BACKOFF (object);

  switch (prop_id)
    {
    case B_PROP_BASE:
      g_value_set_uint64 (value, self->base);
      break;
    case B_PROP_CAP:
      g_value_set_uint64 (value, self->cap);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
config_test_backoff_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  ConfigTestBackoff *self = CONFIG_TEST_BACKOFF (object);

  switch (prop_id)
    {
    case B_PROP_BASE:
      self->base = g_value_get_uint64 (value);
      break;
    case B_PROP_CAP:
      self->cap = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
config_test_backoff_class_init (ConfigTestBackoffClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = config_test_backoff_get_property;
  object_class->set_property = config_test_backoff_set_property;

  g_object_class_install_property (object_class, B_PROP_BASE,
      g_param_spec_uint64 ("base", NULL, NULL, 0, G_MAXUINT64, 1, flags));
  g_object_class_install_property (object_class, B_PROP_CAP,
      g_param_spec_uint64 ("cap", NULL, NULL, 0, G_MAXUINT64, 1, flags));
}

static void
config_test_backoff_init (ConfigTestBackoff *self)
{
  self->base = 1;
  self->cap = 1;
}

/* Pool */

struct _ConfigTestPool
{
  GObject  parent_instance;
  guint    max_connections;
  guint    pool_timeout_ms;
  gint     min_idle;
};

enum {
  L_PROP_0,
  L_PROP_MAX_CONNECTIONS,
  L_PROP_POOL_TIMEOUT_MS,
  L_PROP_MIN_IDLE,
};

static void config_test_pool_iface_init (GredisPoolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (ConfigTestPool, config_test_pool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_POOL,
                                                      config_test_pool_iface_init))

static void
config_test_pool_acquire_async (GredisPool              *pool,
                                const GredisPoolRequest *request,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_task_report_new_error (pool, callback, user_data, config_test_pool_acquire_async,
                           GREDIS_ERROR, GREDIS_ERROR_POOL_EXHAUSTED,
                           "The configuration test pool has no connections.");
}

static GredisConnection *
config_test_pool_acquire_finish (GredisPool    *pool,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
config_test_pool_release (GredisPool       *pool,
                          GredisConnection *connection)
{
}

static void
config_test_pool_close (GredisPool *pool)
{
}

static void
config_test_pool_iface_init (GredisPoolInterface *iface)
{
  iface->acquire_async = config_test_pool_acquire_async;
  iface->acquire_finish = config_test_pool_acquire_finish;
  iface->release = config_test_pool_release;
  iface->close = config_test_pool_close;
}

static void
config_test_pool_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  ConfigTestPool *self = CONFIG_TEST_POOL (object);

  switch (prop_id)
    {
    case L_PROP_MAX_CONNECTIONS:
      g_value_set_uint (value, self->max_connections);
      break;
    case L_PROP_POOL_TIMEOUT_MS:
      g_value_set_uint (value, self->pool_timeout_ms);
      break;
    case L_PROP_MIN_IDLE:
      g_value_set_int (value, self->min_idle);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
config_test_pool_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  ConfigTestPool *self = CONFIG_TEST_POOL (object);

  switch (prop_id)
    {
    case L_PROP_MAX_CONNECTIONS:
      self->max_connections = g_value_get_uint (value);
      break;
    case L_PROP_POOL_TIMEOUT_MS:
      self->pool_timeout_ms = g_value_get_uint (value);
      break;
    case L_PROP_MIN_IDLE:
      self->min_idle = g_value_get_int (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
config_test_pool_class_init (ConfigTestPoolClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->get_property = config_test_pool_get_property;
  object_class->set_property = config_test_pool_set_property;

  g_object_class_install_property (object_class, L_PROP_MAX_CONNECTIONS,
      g_param_spec_uint ("max-connections", NULL, NULL, 1, 8, 1, flags));
  /* Read-only: must be skipped. */
  g_object_class_install_property (object_class, L_PROP_POOL_TIMEOUT_MS,
      g_param_spec_uint ("pool-timeout-ms", NULL, NULL, 0, G_MAXUINT, 1,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /* Another integer type: converted. */
  g_object_class_install_property (object_class, L_PROP_MIN_IDLE,
      g_param_spec_int ("min-idle", NULL, NULL, 0, G_MAXINT, 0, flags));
}

static void
config_test_pool_init (ConfigTestPool *self)
{
  self->max_connections = 1;
  self->pool_timeout_ms = 1;
}

/* Odd */

struct _ConfigTestOdd
{
  GObject   parent_instance;
  char     *retries;
  char     *client_name;
  gboolean  keepalive;
};

G_DEFINE_FINAL_TYPE (ConfigTestOdd, config_test_odd, G_TYPE_OBJECT)

static void
config_test_odd_finalize (GObject *object)
{
  g_free (CONFIG_TEST_ODD (object)->retries);
  g_free (CONFIG_TEST_ODD (object)->client_name);
  G_OBJECT_CLASS (config_test_odd_parent_class)->finalize (object);
}

static void
config_test_odd_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  ConfigTestOdd *self = CONFIG_TEST_ODD (object);

  if (prop_id == 1)
    g_value_set_string (value, self->retries);
  else if (prop_id == 2)
    g_value_set_string (value, self->client_name);
  else if (prop_id == 3)
    g_value_set_boolean (value, self->keepalive);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
config_test_odd_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  ConfigTestOdd *self = CONFIG_TEST_ODD (object);

  if (prop_id == 1)
    {
      g_free (self->retries);
      self->retries = g_value_dup_string (value);
    }
  else if (prop_id == 2)
    {
      g_free (self->client_name);
      self->client_name = g_value_dup_string (value);
    }
  else if (prop_id == 3)
    self->keepalive = g_value_get_boolean (value);
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
config_test_odd_class_init (ConfigTestOddClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = config_test_odd_finalize;
  object_class->get_property = config_test_odd_get_property;
  object_class->set_property = config_test_odd_set_property;

  g_object_class_install_property (object_class, 1,
      g_param_spec_string ("retries", NULL, NULL, "unset", flags));
  /* client-name comes before retries in the option table, keepalive
   * after it. */
  g_object_class_install_property (object_class, 2,
      g_param_spec_string ("client-name", NULL, NULL, NULL, flags));
  g_object_class_install_property (object_class, 3,
      g_param_spec_boolean ("keepalive", NULL, NULL, FALSE, flags));
}

static void
config_test_odd_init (ConfigTestOdd *self)
{
  self->retries = g_strdup ("unset");
}

void
config_test_plugins_register (void)
{
  gredis_plugins_register_type (GREDIS_PLUGIN_TRANSPORT, "config-test-transport",
                                CONFIG_TEST_TYPE_TRANSPORT, -100);
  gredis_plugins_register_type (GREDIS_PLUGIN_PARSER, "config-test-parser",
                                CONFIG_TEST_TYPE_PARSER, -100);
  gredis_plugins_register_type (GREDIS_PLUGIN_BACKOFF_POLICY, "config-test-backoff",
                                CONFIG_TEST_TYPE_BACKOFF, -100);
  gredis_plugins_register_type (GREDIS_PLUGIN_POOL, "config-test-pool",
                                CONFIG_TEST_TYPE_POOL, -100);
}

const ConfigTestSample config_test_samples[] = {
  { "host", "redis.example.org" },
  { "port", "7001" },
  { "path", "/run/redis/redis.sock" },
  { "db", "5" },
  { "username", "alice" },
  { "password", "pa ss:w@rd/%" },
  { "password-file", "/etc/gredis/password" },
  { "password-credential", "redis-password" },
  { "client-name", "worker-1" },
  { "protocol", "3" },
  { "transport", "config-test-transport" },
  { "parser", "config-test-parser" },
  { "backoff", "config-test-backoff" },
  { "backoff-base-ms", "20" },
  { "backoff-cap-ms", "2000" },
  { "retries", "7" },
  { "pool", "config-test-pool" },
  { "max-connections", "64" },
  { "pool-timeout-ms", "250" },
  { "min-idle", "2" },
  { "idle-timeout-s", "300" },
  { "max-lifetime-s", "3600" },
  { "health-check-interval-s", "30" },
  { "connect-timeout-ms", "1500" },
  { "command-timeout-ms", "2500" },
  { "keepalive", "false" },
  { "tls-ca-file", "/etc/gredis/ca.pem" },
  { "tls-ca-dir", "/etc/ssl/certs" },
  { "tls-cert-file", "/etc/gredis/client.pem" },
  { "tls-key-file", "/etc/gredis/client.key" },
  { "tls-key-password", "key pass" },
  { "tls-server-name", "redis.internal" },
  { "tls-verify", "optional" },
  { "tls-min-version", "1.3" },
  { "tls-ciphers", "HIGH:!aNULL" },
  { "max-bulk-bytes", "1048576" },
  { "max-elements", "1000" },
  { "max-depth", "16" },
  { "max-reply-bytes", "8388608" },
  { "seeds", "10.0.0.1:7000;[::1]:7001" },
  { "max-redirects", "9" },
  { "sentinels", "10.0.0.1:26379;[::1]:26380" },
  { "master-name", "mymaster" },
  { "sentinel-username", "watcher" },
  { "sentinel-password", "sentinel pass" },
  { "sentinel-password-credential", "sentinel-password" },
  { "sentinel-events", "false" },
  { "cluster-refresh-interval-ms", "2500" },
  { "read-from", "prefer-replica" },
  { "address-map", "10.0.0.1:7000=127.0.0.1:17000;[fd00::1]:7001=[::1]:17001;10.0.0.2=192.0.2.1" },
  { "cluster-split", "true" },
  { "cache", "true" },
  { "cache-max-entries", "500" },
  { "cache-max-bytes", "1048576" },
  { "cache-ttl-ms", "60000" },
  { "cache-mode", "broadcast" },
  { "cache-prefixes", "user:,session:" },
  { "cache-optin", "true" },
  { "observe", "metrics" },
  { "otlp-endpoint", "http://collector.internal:4318" },
  { "otlp-sample-ratio", "0.25" },
  { "otlp-interval-ms", "1000" },
  { "otlp-max-queue", "100" },
};
const gsize config_test_n_samples = G_N_ELEMENTS (config_test_samples);

const ConfigTestSample config_test_defaults[] = {
  { "host", "localhost" },
  { "port", "6379" },
  { "path", "" },
  { "db", "0" },
  { "username", "" },
  { "password", "" },
  { "password-file", "" },
  { "password-credential", "" },
  { "client-name", "" },
  { "protocol", "2" },
  { "transport", "" },
  { "parser", "" },
  { "backoff", "" },
  { "backoff-base-ms", "10" },
  { "backoff-cap-ms", "1000" },
  { "retries", "3" },
  { "pool", "" },
  { "max-connections", "16" },
  { "pool-timeout-ms", "5000" },
  { "min-idle", "0" },
  { "idle-timeout-s", "0" },
  { "max-lifetime-s", "0" },
  { "health-check-interval-s", "0" },
  { "connect-timeout-ms", "5000" },
  { "command-timeout-ms", "5000" },
  { "keepalive", "true" },
  { "tls-ca-file", "" },
  { "tls-ca-dir", "" },
  { "tls-cert-file", "" },
  { "tls-key-file", "" },
  { "tls-key-password", "" },
  { "tls-server-name", "" },
  { "tls-verify", "required" },
  { "tls-min-version", "1.2" },
  { "tls-ciphers", "" },
  { "max-bulk-bytes", "536870912" },
  { "max-elements", "1048576" },
  { "max-depth", "128" },
  { "max-reply-bytes", "1073741824" },
  { "seeds", "" },
  { "max-redirects", "5" },
  { "sentinels", "" },
  { "master-name", "" },
  { "sentinel-username", "" },
  { "sentinel-password", "" },
  { "sentinel-password-credential", "" },
  { "sentinel-events", "true" },
  { "cluster-refresh-interval-ms", "10000" },
  { "read-from", "primary" },
  { "address-map", "" },
  { "cluster-split", "false" },
  { "cache", "false" },
  { "cache-max-entries", "10000" },
  { "cache-max-bytes", "67108864" },
  { "cache-ttl-ms", "0" },
  { "cache-mode", "default" },
  { "cache-prefixes", "" },
  { "cache-optin", "false" },
  { "observe", "" },
  { "otlp-endpoint", "" },
  { "otlp-sample-ratio", "1" },
  { "otlp-interval-ms", "0" },
  { "otlp-max-queue", "0" },
};
const gsize config_test_n_defaults = G_N_ELEMENTS (config_test_defaults);

char *
config_test_double_text (double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buffer, sizeof buffer, "%.15g", value);
  if (g_ascii_strtod (buffer, NULL) != value)
    g_ascii_dtostr (buffer, sizeof buffer, value);
  return g_strdup (buffer);
}

char *
config_test_property_text (GredisConfig *config,
                           const char   *key)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (config), key);
  g_auto(GValue) value = G_VALUE_INIT;

  g_assert_nonnull (pspec);
  g_value_init (&value, pspec->value_type);
  g_object_get_property (G_OBJECT (config), key, &value);

  switch (G_TYPE_FUNDAMENTAL (pspec->value_type))
    {
    case G_TYPE_STRING:
      return g_strdup (g_value_get_string (&value) != NULL ? g_value_get_string (&value) : "");
    case G_TYPE_UINT:
      return g_strdup_printf ("%u", g_value_get_uint (&value));
    case G_TYPE_UINT64:
      return g_strdup_printf ("%" G_GUINT64_FORMAT, g_value_get_uint64 (&value));
    case G_TYPE_BOOLEAN:
      return g_strdup (g_value_get_boolean (&value) ? "true" : "false");
    case G_TYPE_DOUBLE:
      return config_test_double_text (g_value_get_double (&value));
    default:
      g_assert_not_reached ();
    }
}

void
config_test_assert_samples (GredisConfig       *config,
                            const char * const *skip)
{
  for (gsize i = 0; i < config_test_n_samples; i++)
    {
      g_autofree char *text = NULL;

      if (skip != NULL && g_strv_contains (skip, config_test_samples[i].key))
        continue;
      text = config_test_property_text (config, config_test_samples[i].key);
      g_test_message ("%s = %s", config_test_samples[i].key, text);
      g_assert_cmpstr (text, ==, config_test_samples[i].value);
    }
}

static GMutex log_lock;
static GString *log_text;

static GLogWriterOutput
capture_writer (GLogLevelFlags   level,
                const GLogField *fields,
                gsize            n_fields,
                gpointer         user_data)
{
  g_mutex_lock (&log_lock);
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE"))
      {
        if (fields[i].length < 0)
          g_string_append (log_text, fields[i].value);
        else
          g_string_append_len (log_text, fields[i].value, fields[i].length);
        g_string_append_c (log_text, '\n');
      }
  g_mutex_unlock (&log_lock);

  /* Debug messages are only recorded; the rest take the usual way, so
   * that warnings still fail the test. */
  if (level & (G_LOG_LEVEL_DEBUG | G_LOG_LEVEL_INFO))
    return G_LOG_WRITER_HANDLED;
  return g_log_writer_default (level, fields, n_fields, user_data);
}

void
config_test_capture_logs (void)
{
  log_text = g_string_new (NULL);
  g_log_set_debug_enabled (TRUE);
  g_log_set_writer_func (capture_writer, NULL, NULL);
}

char *
config_test_steal_logs (void)
{
  char *text;

  g_mutex_lock (&log_lock);
  text = g_strdup (log_text->str);
  g_string_truncate (log_text, 0);
  g_mutex_unlock (&log_lock);
  return text;
}
