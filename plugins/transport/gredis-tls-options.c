/* gredis-tls-options.c: the options that the tls and gio-tls transports
 * share, as GObject properties
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>

#include <string.h>

#include "gredis-tls-options.h"
#include "gredis-transport-common.h"

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

void
gredis_tls_options_init (GredisTlsOptions *options,
                         GDestroyNotify    cache_free)
{
  g_mutex_init (&options->lock);
  options->connect_timeout_ms = 5000;
  options->keepalive = TRUE;
  options->keepalive_idle_s = 60;
  options->keepalive_interval_s = 15;
  options->keepalive_count = 3;
  options->verify = g_strdup ("required");
  options->min_version = g_strdup ("1.2");
  options->cache_free = cache_free;
}

static char **
string_field (GredisTlsOptions *options,
              guint             prop_id)
{
  switch (prop_id)
    {
    case GREDIS_TLS_PROP_CA_FILE: return &options->ca_file;
    case GREDIS_TLS_PROP_CA_DIR: return &options->ca_dir;
    case GREDIS_TLS_PROP_CERT_FILE: return &options->cert_file;
    case GREDIS_TLS_PROP_KEY_FILE: return &options->key_file;
    case GREDIS_TLS_PROP_KEY_PASSWORD: return &options->key_password;
    case GREDIS_TLS_PROP_SERVER_NAME: return &options->server_name;
    case GREDIS_TLS_PROP_VERIFY: return &options->verify;
    case GREDIS_TLS_PROP_MIN_VERSION: return &options->min_version;
    case GREDIS_TLS_PROP_CIPHERS: return &options->ciphers;
    default: return NULL;
    }
}

static guint *
uint_field (GredisTlsOptions *options,
            guint             prop_id)
{
  switch (prop_id)
    {
    case GREDIS_TLS_PROP_CONNECT_TIMEOUT_MS: return &options->connect_timeout_ms;
    case GREDIS_TLS_PROP_KEEPALIVE_IDLE_S: return &options->keepalive_idle_s;
    case GREDIS_TLS_PROP_KEEPALIVE_INTERVAL_S: return &options->keepalive_interval_s;
    case GREDIS_TLS_PROP_KEEPALIVE_COUNT: return &options->keepalive_count;
    default: return NULL;
    }
}

/* The key's password is wiped, not only freed. */
static void
free_string (char  **string,
             guint   prop_id)
{
  if (prop_id == GREDIS_TLS_PROP_KEY_PASSWORD && *string != NULL)
    memset (*string, 0, strlen (*string));
  g_clear_pointer (string, g_free);
}

static void
drop_cache (GredisTlsOptions *options)
{
  if (options->cache != NULL && options->cache_free != NULL)
    options->cache_free (options->cache);
  options->cache = NULL;
}

void
gredis_tls_options_clear (GredisTlsOptions *options)
{
  drop_cache (options);
  for (guint prop_id = GREDIS_TLS_PROP_CA_FILE; prop_id <= GREDIS_TLS_PROP_CIPHERS; prop_id++)
    free_string (string_field (options, prop_id), prop_id);
  g_mutex_clear (&options->lock);
}

void
gredis_tls_options_install_properties (GObjectClass  *object_class,
                                       GParamSpec   **properties)
{
  /* keepalive, keepalive-idle-s, keepalive-interval-s, keepalive-count:
   * as on the tcp transport. */
  properties[GREDIS_TLS_PROP_KEEPALIVE] = g_param_spec_boolean ("keepalive", NULL, NULL, TRUE, PARAM_FLAGS);
  properties[GREDIS_TLS_PROP_KEEPALIVE_IDLE_S] = g_param_spec_uint ("keepalive-idle-s", NULL, NULL, 0, G_MAXINT, 60, PARAM_FLAGS);
  properties[GREDIS_TLS_PROP_KEEPALIVE_INTERVAL_S] = g_param_spec_uint ("keepalive-interval-s", NULL, NULL, 0, G_MAXINT, 15, PARAM_FLAGS);
  properties[GREDIS_TLS_PROP_KEEPALIVE_COUNT] = g_param_spec_uint ("keepalive-count", NULL, NULL, 0, G_MAXINT, 3, PARAM_FLAGS);
  /* A PEM file of trusted CA certificates; unset (with tls-ca-dir unset
   * too) trusts the system's store. */
  properties[GREDIS_TLS_PROP_CA_FILE] = g_param_spec_string ("tls-ca-file", NULL, NULL, NULL, PARAM_FLAGS);
  /* A directory of hashed CA certificates (as c_rehash makes). */
  properties[GREDIS_TLS_PROP_CA_DIR] = g_param_spec_string ("tls-ca-dir", NULL, NULL, NULL, PARAM_FLAGS);
  /* The client certificate (PEM, may hold the chain and the key). */
  properties[GREDIS_TLS_PROP_CERT_FILE] = g_param_spec_string ("tls-cert-file", NULL, NULL, NULL, PARAM_FLAGS);
  /* The client's private key (PEM); defaults to tls-cert-file. */
  properties[GREDIS_TLS_PROP_KEY_FILE] = g_param_spec_string ("tls-key-file", NULL, NULL, NULL, PARAM_FLAGS);
  /* The password of an encrypted tls-key-file. */
  properties[GREDIS_TLS_PROP_KEY_PASSWORD] = g_param_spec_string ("tls-key-password", NULL, NULL, NULL, PARAM_FLAGS);
  /* The name the server certificate must match, sent as SNI; defaults
   * to the host of the endpoint. */
  properties[GREDIS_TLS_PROP_SERVER_NAME] = g_param_spec_string ("tls-server-name", NULL, NULL, NULL, PARAM_FLAGS);
  /* "required" (the chain and the name), "optional" (the chain only) or
   * "none" (nothing: logs a warning). */
  properties[GREDIS_TLS_PROP_VERIFY] = g_param_spec_string ("tls-verify", NULL, NULL, "required", PARAM_FLAGS);
  /* "1.2" or "1.3". */
  properties[GREDIS_TLS_PROP_MIN_VERSION] = g_param_spec_string ("tls-min-version", NULL, NULL, "1.2", PARAM_FLAGS);
  /* Colon-separated cipher names; TLS 1.3 suites (TLS_…) and TLS 1.2
   * ciphers may be mixed. */
  properties[GREDIS_TLS_PROP_CIPHERS] = g_param_spec_string ("tls-ciphers", NULL, NULL, NULL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, GREDIS_TLS_N_PROPS, properties);
  g_object_class_override_property (object_class, GREDIS_TLS_PROP_CONNECT_TIMEOUT_MS, "connect-timeout-ms");
}

static void
notify (GObject     *object,
        GParamSpec **properties,
        guint        prop_id)
{
  if (prop_id == GREDIS_TLS_PROP_CONNECT_TIMEOUT_MS)
    g_object_notify (object, "connect-timeout-ms");
  else
    g_object_notify_by_pspec (object, properties[prop_id]);
}

void
gredis_tls_options_set_property (GredisTlsOptions  *options,
                                 GObject           *object,
                                 GParamSpec       **properties,
                                 guint              prop_id,
                                 const GValue      *value,
                                 GParamSpec        *pspec)
{
  char **string;
  guint *number;

  if (prop_id == GREDIS_TLS_PROP_KEEPALIVE)
    {
      if (options->keepalive != g_value_get_boolean (value))
        {
          options->keepalive = g_value_get_boolean (value);
          notify (object, properties, prop_id);
        }
    }
  else if ((number = uint_field (options, prop_id)) != NULL)
    {
      if (*number != g_value_get_uint (value))
        {
          *number = g_value_get_uint (value);
          notify (object, properties, prop_id);
        }
    }
  else if ((string = string_field (options, prop_id)) != NULL)
    {
      g_mutex_lock (&options->lock);
      if (g_strcmp0 (*string, g_value_get_string (value)) == 0)
        {
          g_mutex_unlock (&options->lock);
          return;
        }
      free_string (string, prop_id);
      *string = g_value_dup_string (value);
      /* The next connect builds what it needs from the new values. */
      drop_cache (options);
      if (prop_id == GREDIS_TLS_PROP_VERIFY)
        options->warned_no_verify = FALSE;
      g_mutex_unlock (&options->lock);
      notify (object, properties, prop_id);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

void
gredis_tls_options_get_property (GredisTlsOptions *options,
                                 GObject          *object,
                                 guint             prop_id,
                                 GValue           *value,
                                 GParamSpec       *pspec)
{
  char **string;
  guint *number;

  if (prop_id == GREDIS_TLS_PROP_KEEPALIVE)
    g_value_set_boolean (value, options->keepalive);
  else if ((number = uint_field (options, prop_id)) != NULL)
    g_value_set_uint (value, *number);
  else if ((string = string_field (options, prop_id)) != NULL)
    {
      g_mutex_lock (&options->lock);
      g_value_set_string (value, *string);
      g_mutex_unlock (&options->lock);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

gboolean
gredis_tls_options_get_verify (GredisTlsOptions  *options,
                               GredisTlsVerify   *verify,
                               GError           **error)
{
  const char *text = options->verify;

  if (text == NULL || g_ascii_strcasecmp (text, "required") == 0)
    *verify = GREDIS_TLS_VERIFY_REQUIRED;
  else if (g_ascii_strcasecmp (text, "optional") == 0)
    *verify = GREDIS_TLS_VERIFY_OPTIONAL;
  else if (g_ascii_strcasecmp (text, "none") == 0)
    *verify = GREDIS_TLS_VERIFY_NONE;
  else
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   _("Unknown tls-verify value “%s”: use required, optional or none."), text);
      return FALSE;
    }
  return TRUE;
}

gboolean
gredis_tls_options_get_min_version (GredisTlsOptions     *options,
                                    GredisTlsMinVersion  *version,
                                    GError              **error)
{
  const char *text = options->min_version;

  if (text == NULL || *text == '\0' ||
      g_str_equal (text, "1.2") || g_ascii_strcasecmp (text, "TLSv1.2") == 0)
    *version = GREDIS_TLS_MIN_VERSION_1_2;
  else if (g_str_equal (text, "1.3") || g_ascii_strcasecmp (text, "TLSv1.3") == 0)
    *version = GREDIS_TLS_MIN_VERSION_1_3;
  else
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   _("Unknown tls-min-version “%s”: use 1.2 or 1.3."), text);
      return FALSE;
    }
  return TRUE;
}

/* tls-server-name, or else the host of @endpoint. */
char *
gredis_tls_options_dup_server_name (GredisTlsOptions   *options,
                                    GSocketConnectable *endpoint)
{
  if (options->server_name != NULL && *options->server_name != '\0')
    return g_strdup (options->server_name);
  return gredis_transport_endpoint_hostname (endpoint);
}

/* Once per transport (and again after tls-verify changes). */
void
gredis_tls_options_warn_no_verify (GredisTlsOptions *options,
                                   GredisTlsVerify   verify,
                                   const char       *description)
{
  if (verify != GREDIS_TLS_VERIFY_NONE || options->warned_no_verify)
    return;
  options->warned_no_verify = TRUE;
  g_warning ("TLS certificate verification is off (tls-verify=none): the connection to %s "
             "can be intercepted.", description);
}

void
gredis_tls_options_set_tcp_options (GredisTlsOptions  *options,
                                    GSocketConnection *connection)
{
  gredis_socket_set_tcp_options (g_socket_connection_get_socket (connection), options->keepalive,
                                 options->keepalive_idle_s, options->keepalive_interval_s,
                                 options->keepalive_count);
}
