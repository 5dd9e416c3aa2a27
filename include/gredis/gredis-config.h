/* gredis-config.h: one set of options, from properties, URIs and key files
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>

G_BEGIN_DECLS

/**
 * GREDIS_CONFIG_DEFAULT_GROUP:
 *
 * The key file group read by gredis_config_new_from_keyfile() when no
 * group is given: `gredis`.
 */
#define GREDIS_CONFIG_DEFAULT_GROUP "gredis"

#define GREDIS_TYPE_CONFIG (gredis_config_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisConfig, gredis_config, GREDIS, CONFIG, GObject)

GREDIS_AVAILABLE_IN_ALL
GredisConfig        *gredis_config_new                     (void);
GREDIS_AVAILABLE_IN_ALL
GredisConfig        *gredis_config_new_for_uri             (const char    *uri,
                                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
GredisConfig        *gredis_config_new_from_keyfile        (GKeyFile      *key_file,
                                                            const char    *group,
                                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
GredisConfig        *gredis_config_new_from_file           (const char    *path,
                                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
GredisConfig        *gredis_config_dup                     (GredisConfig  *config);

GREDIS_AVAILABLE_IN_ALL
gboolean             gredis_config_set_uri                 (GredisConfig  *config,
                                                            const char    *uri,
                                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
char                *gredis_config_get_uri                 (GredisConfig  *config);
GREDIS_AVAILABLE_IN_ALL
gboolean             gredis_config_load_keyfile            (GredisConfig  *config,
                                                            GKeyFile      *key_file,
                                                            const char    *group,
                                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean             gredis_config_set_option              (GredisConfig  *config,
                                                            const char    *key,
                                                            const char    *value,
                                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
const char * const  *gredis_config_get_option_names        (void);
GREDIS_AVAILABLE_IN_ALL
char                *gredis_config_to_string               (GredisConfig  *config);

GREDIS_AVAILABLE_IN_ALL
GSocketConnectable  *gredis_config_get_endpoint            (GredisConfig  *config);
GREDIS_AVAILABLE_IN_ALL
const char          *gredis_config_get_effective_transport (GredisConfig  *config);
GREDIS_AVAILABLE_IN_ALL
char                *gredis_config_get_effective_password  (GredisConfig  *config,
                                                            GError       **error);
GREDIS_AVAILABLE_IN_ALL
gboolean             gredis_config_apply_to_plugin         (GredisConfig  *config,
                                                            GObject       *plugin,
                                                            GError       **error);

/* One getter and one setter for each property. */
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_host                     (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_host                     (GredisConfig *config,
                                                          const char   *host);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_port                     (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_port                     (GredisConfig *config,
                                                          guint         port);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_path                     (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_path                     (GredisConfig *config,
                                                          const char   *path);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_db                       (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_db                       (GredisConfig *config,
                                                          guint         db);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_username                 (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_username                 (GredisConfig *config,
                                                          const char   *username);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_password                 (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_password                 (GredisConfig *config,
                                                          const char   *password);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_password_file            (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_password_file            (GredisConfig *config,
                                                          const char   *password_file);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_password_credential      (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_password_credential      (GredisConfig *config,
                                                          const char   *password_credential);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_client_name              (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_client_name              (GredisConfig *config,
                                                          const char   *client_name);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_protocol                 (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_protocol                 (GredisConfig *config,
                                                          guint         protocol);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_transport                (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_transport                (GredisConfig *config,
                                                          const char   *transport);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_parser                   (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_parser                   (GredisConfig *config,
                                                          const char   *parser);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_backoff                  (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_backoff                  (GredisConfig *config,
                                                          const char   *backoff);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_backoff_base_ms          (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_backoff_base_ms          (GredisConfig *config,
                                                          guint         backoff_base_ms);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_backoff_cap_ms           (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_backoff_cap_ms           (GredisConfig *config,
                                                          guint         backoff_cap_ms);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_retries                  (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_retries                  (GredisConfig *config,
                                                          guint         retries);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_pool                     (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_pool                     (GredisConfig *config,
                                                          const char   *pool);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_max_connections          (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_max_connections          (GredisConfig *config,
                                                          guint         max_connections);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_pool_timeout_ms          (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_pool_timeout_ms          (GredisConfig *config,
                                                          guint         pool_timeout_ms);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_min_idle                 (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_min_idle                 (GredisConfig *config,
                                                          guint         min_idle);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_idle_timeout_s           (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_idle_timeout_s           (GredisConfig *config,
                                                          guint         idle_timeout_s);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_max_lifetime_s           (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_max_lifetime_s           (GredisConfig *config,
                                                          guint         max_lifetime_s);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_health_check_interval_s  (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_health_check_interval_s  (GredisConfig *config,
                                                          guint         health_check_interval_s);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_connect_timeout_ms       (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_connect_timeout_ms       (GredisConfig *config,
                                                          guint         connect_timeout_ms);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_command_timeout_ms       (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_command_timeout_ms       (GredisConfig *config,
                                                          guint         command_timeout_ms);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_config_get_keepalive                (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_keepalive                (GredisConfig *config,
                                                          gboolean      keepalive);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_ca_file              (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_ca_file              (GredisConfig *config,
                                                          const char   *tls_ca_file);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_ca_dir               (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_ca_dir               (GredisConfig *config,
                                                          const char   *tls_ca_dir);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_cert_file            (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_cert_file            (GredisConfig *config,
                                                          const char   *tls_cert_file);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_key_file             (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_key_file             (GredisConfig *config,
                                                          const char   *tls_key_file);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_key_password         (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_key_password         (GredisConfig *config,
                                                          const char   *tls_key_password);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_server_name          (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_server_name          (GredisConfig *config,
                                                          const char   *tls_server_name);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_verify               (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_verify               (GredisConfig *config,
                                                          const char   *tls_verify);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_min_version          (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_min_version          (GredisConfig *config,
                                                          const char   *tls_min_version);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_tls_ciphers              (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_tls_ciphers              (GredisConfig *config,
                                                          const char   *tls_ciphers);
GREDIS_AVAILABLE_IN_ALL
guint64       gredis_config_get_max_bulk_bytes           (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_max_bulk_bytes           (GredisConfig *config,
                                                          guint64       max_bulk_bytes);
GREDIS_AVAILABLE_IN_ALL
guint64       gredis_config_get_max_elements             (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_max_elements             (GredisConfig *config,
                                                          guint64       max_elements);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_max_depth                (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_max_depth                (GredisConfig *config,
                                                          guint         max_depth);
GREDIS_AVAILABLE_IN_ALL
guint64       gredis_config_get_max_reply_bytes          (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_max_reply_bytes          (GredisConfig *config,
                                                          guint64       max_reply_bytes);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_seeds                    (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_seeds                    (GredisConfig *config,
                                                          const char   *seeds);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_max_redirects            (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_max_redirects            (GredisConfig *config,
                                                          guint         max_redirects);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_sentinels                (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_sentinels                (GredisConfig *config,
                                                          const char   *sentinels);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_master_name              (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_master_name              (GredisConfig *config,
                                                          const char   *master_name);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_sentinel_username        (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_sentinel_username        (GredisConfig *config,
                                                          const char   *sentinel_username);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_sentinel_password        (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_sentinel_password        (GredisConfig *config,
                                                          const char   *sentinel_password);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_sentinel_password_credential (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_sentinel_password_credential (GredisConfig *config,
                                                              const char   *sentinel_password_credential);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_config_get_sentinel_events          (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_sentinel_events          (GredisConfig *config,
                                                          gboolean      sentinel_events);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_cluster_refresh_interval_ms (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cluster_refresh_interval_ms (GredisConfig *config,
                                                             guint         interval_ms);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_read_from                (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_read_from                (GredisConfig *config,
                                                          const char   *read_from);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_address_map              (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_address_map              (GredisConfig *config,
                                                          const char   *address_map);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_config_get_cluster_split            (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cluster_split            (GredisConfig *config,
                                                          gboolean      cluster_split);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_config_get_cache                    (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cache                    (GredisConfig *config,
                                                          gboolean      cache);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_cache_max_entries        (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cache_max_entries        (GredisConfig *config,
                                                          guint         cache_max_entries);
GREDIS_AVAILABLE_IN_ALL
guint64       gredis_config_get_cache_max_bytes          (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cache_max_bytes          (GredisConfig *config,
                                                          guint64       cache_max_bytes);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_cache_ttl_ms             (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cache_ttl_ms             (GredisConfig *config,
                                                          guint         cache_ttl_ms);
GREDIS_AVAILABLE_IN_ALL
const char *  gredis_config_get_cache_mode               (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cache_mode               (GredisConfig *config,
                                                          const char *  cache_mode);
GREDIS_AVAILABLE_IN_ALL
const char *  gredis_config_get_cache_prefixes           (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cache_prefixes           (GredisConfig *config,
                                                          const char *  cache_prefixes);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_config_get_cache_optin              (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_cache_optin              (GredisConfig *config,
                                                          gboolean      cache_optin);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_observe                  (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_observe                  (GredisConfig *config,
                                                          const char   *observe);
GREDIS_AVAILABLE_IN_ALL
const char   *gredis_config_get_otlp_endpoint            (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_otlp_endpoint            (GredisConfig *config,
                                                          const char   *otlp_endpoint);
GREDIS_AVAILABLE_IN_ALL
gdouble       gredis_config_get_otlp_sample_ratio        (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_otlp_sample_ratio        (GredisConfig *config,
                                                          gdouble       otlp_sample_ratio);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_otlp_interval_ms         (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_otlp_interval_ms         (GredisConfig *config,
                                                          guint         otlp_interval_ms);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_config_get_otlp_max_queue           (GredisConfig *config);
GREDIS_AVAILABLE_IN_ALL
void          gredis_config_set_otlp_max_queue           (GredisConfig *config,
                                                          guint         otlp_max_queue);


G_END_DECLS
