/* gredis-tls-options.h: the options that the tls and gio-tls transports
 * share, as GObject properties
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Private to plugins/transport (part of the static library linked into
 * each transport module); it uses only the public Gredis API. Both TLS
 * transports take the same configuration keys, so that one can be
 * swapped for the other: the properties, their storage, the parsing of
 * tls-verify and tls-min-version and the warning about tls-verify=none
 * live here; what each does with them stays in its own module.
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* The property ids; a TLS transport installs these and no others. */
enum {
  GREDIS_TLS_PROP_0,
  GREDIS_TLS_PROP_KEEPALIVE,
  GREDIS_TLS_PROP_KEEPALIVE_IDLE_S,
  GREDIS_TLS_PROP_KEEPALIVE_INTERVAL_S,
  GREDIS_TLS_PROP_KEEPALIVE_COUNT,
  GREDIS_TLS_PROP_CA_FILE,
  GREDIS_TLS_PROP_CA_DIR,
  GREDIS_TLS_PROP_CERT_FILE,
  GREDIS_TLS_PROP_KEY_FILE,
  GREDIS_TLS_PROP_KEY_PASSWORD,
  GREDIS_TLS_PROP_SERVER_NAME,
  GREDIS_TLS_PROP_VERIFY,
  GREDIS_TLS_PROP_MIN_VERSION,
  GREDIS_TLS_PROP_CIPHERS,
  GREDIS_TLS_N_PROPS,
  /* GredisTransport:connect-timeout-ms, overridden */
  GREDIS_TLS_PROP_CONNECT_TIMEOUT_MS = GREDIS_TLS_N_PROPS,
};

typedef enum {
  GREDIS_TLS_VERIFY_NONE,
  GREDIS_TLS_VERIFY_OPTIONAL,
  GREDIS_TLS_VERIFY_REQUIRED,
} GredisTlsVerify;

typedef enum {
  GREDIS_TLS_MIN_VERSION_1_2,
  GREDIS_TLS_MIN_VERSION_1_3,
} GredisTlsMinVersion;

/*
 * GredisTlsOptions:
 *
 * Embedded in the transport's instance struct. The numbers are read
 * without the lock (as on the tcp transport); the strings and @cache only
 * with @lock held.
 */
typedef struct {
  GMutex lock;

  guint connect_timeout_ms;
  gboolean keepalive;
  guint keepalive_idle_s;
  guint keepalive_interval_s;
  guint keepalive_count;
  char *ca_file;
  char *ca_dir;
  char *cert_file;
  char *key_file;
  char *key_password;
  char *server_name;
  char *verify;
  char *min_version;
  char *ciphers;

  /* Something the transport builds from the strings (the OpenSSL
   * context): freed with @cache_free whenever one of them changes. */
  gpointer cache;
  GDestroyNotify cache_free;

  gboolean warned_no_verify;
} GredisTlsOptions;

void     gredis_tls_options_init               (GredisTlsOptions  *options,
                                                GDestroyNotify     cache_free);
void     gredis_tls_options_clear              (GredisTlsOptions  *options);
void     gredis_tls_options_install_properties (GObjectClass      *object_class,
                                                GParamSpec       **properties);
void     gredis_tls_options_set_property       (GredisTlsOptions  *options,
                                                GObject           *object,
                                                GParamSpec       **properties,
                                                guint              prop_id,
                                                const GValue      *value,
                                                GParamSpec        *pspec);
void     gredis_tls_options_get_property       (GredisTlsOptions  *options,
                                                GObject           *object,
                                                guint              prop_id,
                                                GValue            *value,
                                                GParamSpec        *pspec);

/* With the lock held: */
gboolean gredis_tls_options_get_verify         (GredisTlsOptions  *options,
                                                GredisTlsVerify   *verify,
                                                GError           **error);
gboolean gredis_tls_options_get_min_version    (GredisTlsOptions  *options,
                                                GredisTlsMinVersion *version,
                                                GError           **error);
char    *gredis_tls_options_dup_server_name    (GredisTlsOptions  *options,
                                                GSocketConnectable *endpoint);
void     gredis_tls_options_warn_no_verify     (GredisTlsOptions  *options,
                                                GredisTlsVerify    verify,
                                                const char        *description);

/* Without the lock: */
void     gredis_tls_options_set_tcp_options    (GredisTlsOptions  *options,
                                                GSocketConnection *connection);

G_END_DECLS
