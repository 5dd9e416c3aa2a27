/* gredis-tls-transport.c: the tls transport (OpenSSL)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>

#include "gredis-tls-connection.h"
#include "gredis-tls-transport.h"
#include "gredis-transport-common.h"

/*
 * GredisTlsTransport:
 *
 * TLS with OpenSSL over a TCP connection made as the tcp transport makes
 * it. The server certificate is verified by default, against the system
 * CA store or the given CA file/directory, and must match the server
 * name (a host name, or an IP address), which also goes out as SNI. The
 * connect deadline covers the TCP connect and the handshake.
 *
 * The OpenSSL context is built on the first connect from the properties
 * and shared by the connections until a property changes. The key's
 * password is used while the key is loaded and not kept by OpenSSL.
 */
struct _GredisTlsTransport
{
  GObject parent_instance;

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

  GMutex lock;
  SSL_CTX *ctx;            /* built from the properties; NULL after a change */
  gboolean warned_no_verify;
};

enum {
  PROP_0,
  PROP_KEEPALIVE,
  PROP_KEEPALIVE_IDLE_S,
  PROP_KEEPALIVE_INTERVAL_S,
  PROP_KEEPALIVE_COUNT,
  PROP_TLS_CA_FILE,
  PROP_TLS_CA_DIR,
  PROP_TLS_CERT_FILE,
  PROP_TLS_KEY_FILE,
  PROP_TLS_KEY_PASSWORD,
  PROP_TLS_SERVER_NAME,
  PROP_TLS_VERIFY,
  PROP_TLS_MIN_VERSION,
  PROP_TLS_CIPHERS,
  N_PROPS,
  PROP_CONNECT_TIMEOUT_MS = N_PROPS,
};

static GParamSpec *properties[N_PROPS];

typedef enum {
  VERIFY_NONE,
  VERIFY_OPTIONAL,
  VERIFY_REQUIRED,
} VerifyMode;

static void gredis_tls_transport_iface_init (GredisTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisTlsTransport, gredis_tls_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT,
                                                      gredis_tls_transport_iface_init))

static gboolean
parse_verify (const char  *text,
              VerifyMode  *mode,
              GError     **error)
{
  if (text == NULL || g_ascii_strcasecmp (text, "required") == 0)
    *mode = VERIFY_REQUIRED;
  else if (g_ascii_strcasecmp (text, "optional") == 0)
    *mode = VERIFY_OPTIONAL;
  else if (g_ascii_strcasecmp (text, "none") == 0)
    *mode = VERIFY_NONE;
  else
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   _("Unknown tls-verify value “%s”: use required, optional or none."), text);
      return FALSE;
    }
  return TRUE;
}

static gboolean
parse_version (const char  *text,
               int         *version,
               GError     **error)
{
  if (text == NULL || *text == '\0')
    *version = TLS1_2_VERSION;
  else if (g_str_equal (text, "1.2") || g_ascii_strcasecmp (text, "TLSv1.2") == 0)
    *version = TLS1_2_VERSION;
  else if (g_str_equal (text, "1.3") || g_ascii_strcasecmp (text, "TLSv1.3") == 0)
    *version = TLS1_3_VERSION;
  else
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   _("Unknown tls-min-version “%s”: use 1.2 or 1.3."), text);
      return FALSE;
    }
  return TRUE;
}

static int
password_callback (char *buf,
                   int   size,
                   int   rwflag,
                   void *user_data)
{
  const char *password = user_data;
  gsize length;

  if (password == NULL || size <= 0)
    return 0;
  length = strlen (password);
  if (length > (gsize) size)
    return 0;
  memcpy (buf, password, length);
  return (int) length;
}

static char *
openssl_reason (void)
{
  unsigned long err = ERR_peek_last_error ();
  const char *reason = err != 0 ? ERR_reason_error_string (err) : NULL;

  ERR_clear_error ();
  return g_strdup (reason != NULL ? reason : _("unknown error"));
}

/* Sets the cipher list: TLS 1.3 suites (named TLS_…) and TLS 1.2 ciphers
 * may be mixed in one colon-separated list. */
static gboolean
set_ciphers (SSL_CTX     *ctx,
             const char  *ciphers,
             GError     **error)
{
  g_auto(GStrv) names = g_strsplit (ciphers, ":", -1);
  g_autoptr(GString) tls13 = g_string_new (NULL);
  g_autoptr(GString) tls12 = g_string_new (NULL);

  for (guint i = 0; names[i] != NULL; i++)
    {
      GString *list = g_str_has_prefix (names[i], "TLS_") ? tls13 : tls12;

      if (*names[i] == '\0')
        continue;
      if (list->len > 0)
        g_string_append_c (list, ':');
      g_string_append (list, names[i]);
    }
  if ((tls13->len > 0 && SSL_CTX_set_ciphersuites (ctx, tls13->str) != 1) ||
      (tls12->len > 0 && SSL_CTX_set_cipher_list (ctx, tls12->str) != 1))
    {
      g_autofree char *reason = openssl_reason ();

      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   _("The cipher list “%s” is not usable: %s."), ciphers, reason);
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_readable (const char  *path,
                const char  *what,
                GError     **error)
{
  FILE *file = fopen (path, "r");
  int saved_errno;

  if (file != NULL)
    {
      fclose (file);
      return TRUE;
    }
  saved_errno = errno;
  g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
               /* Translators: the first %s is a kind of file, e.g. "private key" */
               _("Could not read the %s file “%s”: %s."), what, path, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
load_client_certificate (GredisTlsTransport  *self,
                         SSL_CTX             *ctx,
                         GError             **error)
{
  const char *key_file = self->key_file != NULL ? self->key_file : self->cert_file;
  g_autofree char *key_pem = NULL;
  int ok;

  if (self->cert_file == NULL)
    {
      if (self->key_file != NULL)
        {
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       _("tls-key-file is set, but tls-cert-file is not."));
          return FALSE;
        }
      return TRUE;
    }

  if (!check_readable (self->cert_file, _("client certificate"), error) ||
      !check_readable (key_file, _("private key"), error))
    return FALSE;

  if (SSL_CTX_use_certificate_chain_file (ctx, self->cert_file) != 1)
    {
      g_autofree char *reason = openssl_reason ();

      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                   _("The file “%s” holds no client certificate that can be used: %s."),
                   self->cert_file, reason);
      return FALSE;
    }

  /* The password is handed to OpenSSL only while the key loads. */
  SSL_CTX_set_default_passwd_cb (ctx, password_callback);
  SSL_CTX_set_default_passwd_cb_userdata (ctx, self->key_password);
  ok = SSL_CTX_use_PrivateKey_file (ctx, key_file, SSL_FILETYPE_PEM);
  SSL_CTX_set_default_passwd_cb (ctx, NULL);
  SSL_CTX_set_default_passwd_cb_userdata (ctx, NULL);
  if (ok != 1)
    {
      int reason = ERR_GET_REASON (ERR_peek_last_error ());

      g_file_get_contents (key_file, &key_pem, NULL, NULL);
      ERR_clear_error ();
      if (reason == X509_R_KEY_VALUES_MISMATCH || reason == X509_R_KEY_TYPE_MISMATCH)
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                     _("The private key in “%s” does not belong to the certificate in “%s”."),
                     key_file, self->cert_file);
      else if (self->key_password == NULL && key_pem != NULL && strstr (key_pem, "ENCRYPTED") != NULL)
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                     _("The private key file “%s” is encrypted, and tls-key-password is not set."),
                     key_file);
      else if (self->key_password != NULL)
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                     _("Could not decrypt the private key file “%s”: the password is wrong, or the file holds no private key."),
                     key_file);
      else
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                     _("The file “%s” holds no private key that can be used."), key_file);
      return FALSE;
    }
  if (SSL_CTX_check_private_key (ctx) != 1)
    {
      ERR_clear_error ();
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                   _("The private key in “%s” does not belong to the certificate in “%s”."),
                   key_file, self->cert_file);
      return FALSE;
    }
  return TRUE;
}

static SSL_CTX *
build_context (GredisTlsTransport  *self,
               GError             **error)
{
  SSL_CTX *ctx;
  VerifyMode mode;
  int min_version;

  if (!parse_verify (self->verify, &mode, error) ||
      !parse_version (self->min_version, &min_version, error))
    return NULL;

  ctx = SSL_CTX_new (TLS_client_method ());
  if (ctx == NULL)
    {
      g_autofree char *reason = openssl_reason ();
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                   _("Could not set up TLS: %s."), reason);
      return NULL;
    }
  SSL_CTX_set_min_proto_version (ctx, min_version);
  SSL_CTX_set_options (ctx, SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_client_cert_cb (ctx, gredis_tls_connection_client_cert_callback);

  if (self->ciphers != NULL && *self->ciphers != '\0' && !set_ciphers (ctx, self->ciphers, error))
    goto fail;

  if (mode == VERIFY_NONE)
    SSL_CTX_set_verify (ctx, SSL_VERIFY_NONE, NULL);
  else
    {
      SSL_CTX_set_verify (ctx, SSL_VERIFY_PEER, NULL);
      if (self->ca_file != NULL || self->ca_dir != NULL)
        {
          const char *where = self->ca_file != NULL ? self->ca_file : self->ca_dir;

          if (self->ca_file != NULL && !check_readable (self->ca_file, _("CA certificate"), error))
            goto fail;
          if (SSL_CTX_load_verify_locations (ctx, self->ca_file, self->ca_dir) != 1)
            {
              g_autofree char *reason = openssl_reason ();
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                           _("Could not load the CA certificates from “%s”: %s."), where, reason);
              goto fail;
            }
        }
      else if (SSL_CTX_set_default_verify_paths (ctx) != 1)
        {
          g_autofree char *reason = openssl_reason ();
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                       _("Could not load the system’s CA certificates: %s."), reason);
          goto fail;
        }
    }

  if (!load_client_certificate (self, ctx, error))
    goto fail;
  return ctx;

fail:
  SSL_CTX_free (ctx);
  return NULL;
}

/* Returns a reference to the context, building it when needed. */
static SSL_CTX *
get_context (GredisTlsTransport  *self,
             VerifyMode          *mode,
             GError             **error)
{
  SSL_CTX *ctx = NULL;

  g_mutex_lock (&self->lock);
  if (self->ctx == NULL)
    self->ctx = build_context (self, error);
  if (self->ctx != NULL)
    {
      SSL_CTX_up_ref (self->ctx);
      ctx = self->ctx;
      parse_verify (self->verify, mode, NULL);
    }
  g_mutex_unlock (&self->lock);
  return ctx;
}

typedef struct {
  SSL_CTX *ctx;
  VerifyMode mode;
  char *server_name;
} TlsConnectData;

static void
handshake_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisTlsConnection *connection = GREDIS_TLS_CONNECTION (source);
  GredisConnectAttempt *attempt = g_task_get_task_data (task);
  GError *error = NULL;

  if (!gredis_tls_connection_handshake_finish (connection, result, &error))
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      gredis_connect_attempt_return_error (attempt, error);
      g_object_unref (connection);
      return;
    }
  g_task_return_pointer (task, connection, g_object_unref);
}

static gboolean
is_ip_address (const char *name)
{
  g_autoptr(GInetAddress) address = g_inet_address_new_from_string (name);
  return address != NULL;
}

static void
socket_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  GredisTlsTransport *self = g_task_get_source_object (task);
  GredisConnectAttempt *attempt = g_task_get_task_data (task);
  TlsConnectData *data = g_object_get_data (G_OBJECT (task), "gredis-tls-connect-data");
  g_autoptr(GSocketConnection) base = NULL;
  GredisTlsConnection *connection;
  GError *error = NULL;
  SSL *ssl;

  base = gredis_socket_connect_finish (result, &error);
  if (base == NULL)
    {
      gredis_connect_attempt_return_error (attempt, error);
      g_object_unref (task);
      return;
    }
  gredis_socket_set_tcp_options (g_socket_connection_get_socket (base), self->keepalive,
                                 self->keepalive_idle_s, self->keepalive_interval_s,
                                 self->keepalive_count);

  ssl = SSL_new (data->ctx);
  if (data->server_name != NULL)
    {
      gboolean ip = is_ip_address (data->server_name);

      /* SNI carries host names only, never addresses (RFC 6066). */
      if (!ip)
        SSL_set_tlsext_host_name (ssl, data->server_name);
      if (data->mode == VERIFY_REQUIRED)
        {
          if (ip)
            X509_VERIFY_PARAM_set1_ip_asc (SSL_get0_param (ssl), data->server_name);
          else
            {
              SSL_set_hostflags (ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
              SSL_set1_host (ssl, data->server_name);
            }
        }
    }

  connection = gredis_tls_connection_new (G_IO_STREAM (base), ssl,
                                          gredis_connect_attempt_get_description (attempt),
                                          data->server_name);
  gredis_connect_attempt_set_handshaking (attempt);
  gredis_tls_connection_handshake_async (connection, gredis_connect_attempt_get_cancellable (attempt),
                                         handshake_done, task);
}

static void
tls_connect_data_free (TlsConnectData *data)
{
  SSL_CTX_free (data->ctx);
  g_free (data->server_name);
  g_free (data);
}

static void
gredis_tls_transport_connect_async (GredisTransport     *transport,
                                    GSocketConnectable  *endpoint,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  GredisTlsTransport *self = GREDIS_TLS_TRANSPORT (transport);
  GredisConnectAttempt *attempt;
  TlsConnectData *data;
  GError *error = NULL;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_tls_transport_connect_async);
  g_task_set_name (task, "[gredis] tls connect");
  attempt = gredis_connect_attempt_new (task, endpoint, self->connect_timeout_ms);

  if (G_IS_UNIX_SOCKET_ADDRESS (endpoint))
    {
      gredis_connect_attempt_return_error (attempt,
          g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       _("The tls transport connects over TCP, not to the Unix socket %s."),
                       gredis_connect_attempt_get_description (attempt)));
      g_object_unref (task);
      return;
    }

  data = g_new0 (TlsConnectData, 1);
  g_object_set_data_full (G_OBJECT (task), "gredis-tls-connect-data", data,
                          (GDestroyNotify) tls_connect_data_free);
  data->ctx = get_context (self, &data->mode, &error);
  if (data->ctx == NULL)
    {
      gredis_connect_attempt_return_error (attempt, error);
      g_object_unref (task);
      return;
    }

  g_mutex_lock (&self->lock);
  data->server_name = self->server_name != NULL && *self->server_name != '\0'
                      ? g_strdup (self->server_name)
                      : gredis_transport_endpoint_hostname (endpoint);
  if (data->mode == VERIFY_NONE && !self->warned_no_verify)
    {
      self->warned_no_verify = TRUE;
      g_warning ("TLS certificate verification is off (tls-verify=none): the connection to %s "
                 "can be intercepted.", gredis_connect_attempt_get_description (attempt));
    }
  g_mutex_unlock (&self->lock);

  gredis_socket_connect_async (endpoint, FALSE, attempt, socket_connected, task);
}

static GIOStream *
gredis_tls_transport_connect_finish (GredisTransport  *transport,
                                     GAsyncResult     *result,
                                     GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, transport), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gredis_tls_transport_connect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gredis_tls_transport_iface_init (GredisTransportInterface *iface)
{
  iface->connect_async = gredis_tls_transport_connect_async;
  iface->connect_finish = gredis_tls_transport_connect_finish;
}

static void
notify (GObject *object,
        guint    prop_id)
{
  if (prop_id == PROP_CONNECT_TIMEOUT_MS)
    g_object_notify (object, "connect-timeout-ms");
  else
    g_object_notify_by_pspec (object, properties[prop_id]);
}

static char **
string_field (GredisTlsTransport *self,
              guint               prop_id)
{
  switch (prop_id)
    {
    case PROP_TLS_CA_FILE: return &self->ca_file;
    case PROP_TLS_CA_DIR: return &self->ca_dir;
    case PROP_TLS_CERT_FILE: return &self->cert_file;
    case PROP_TLS_KEY_FILE: return &self->key_file;
    case PROP_TLS_KEY_PASSWORD: return &self->key_password;
    case PROP_TLS_SERVER_NAME: return &self->server_name;
    case PROP_TLS_VERIFY: return &self->verify;
    case PROP_TLS_MIN_VERSION: return &self->min_version;
    case PROP_TLS_CIPHERS: return &self->ciphers;
    default: return NULL;
    }
}

static guint *
uint_field (GredisTlsTransport *self,
            guint               prop_id)
{
  switch (prop_id)
    {
    case PROP_CONNECT_TIMEOUT_MS: return &self->connect_timeout_ms;
    case PROP_KEEPALIVE_IDLE_S: return &self->keepalive_idle_s;
    case PROP_KEEPALIVE_INTERVAL_S: return &self->keepalive_interval_s;
    case PROP_KEEPALIVE_COUNT: return &self->keepalive_count;
    default: return NULL;
    }
}

static void
gredis_tls_transport_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GredisTlsTransport *self = GREDIS_TLS_TRANSPORT (object);
  char **string;
  guint *number;

  if (prop_id == PROP_KEEPALIVE)
    {
      if (self->keepalive != g_value_get_boolean (value))
        {
          self->keepalive = g_value_get_boolean (value);
          notify (object, prop_id);
        }
    }
  else if ((number = uint_field (self, prop_id)) != NULL)
    {
      if (*number != g_value_get_uint (value))
        {
          *number = g_value_get_uint (value);
          notify (object, prop_id);
        }
    }
  else if ((string = string_field (self, prop_id)) != NULL)
    {
      g_mutex_lock (&self->lock);
      if (g_strcmp0 (*string, g_value_get_string (value)) == 0)
        {
          g_mutex_unlock (&self->lock);
          return;
        }
      if (prop_id == PROP_TLS_KEY_PASSWORD && *string != NULL)
        memset (*string, 0, strlen (*string));
      g_free (*string);
      *string = g_value_dup_string (value);
      /* The next connect builds a new context from the new values. */
      g_clear_pointer (&self->ctx, SSL_CTX_free);
      if (prop_id == PROP_TLS_VERIFY)
        self->warned_no_verify = FALSE;
      g_mutex_unlock (&self->lock);
      notify (object, prop_id);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gredis_tls_transport_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GredisTlsTransport *self = GREDIS_TLS_TRANSPORT (object);
  char **string;
  guint *number;

  if (prop_id == PROP_KEEPALIVE)
    g_value_set_boolean (value, self->keepalive);
  else if ((number = uint_field (self, prop_id)) != NULL)
    g_value_set_uint (value, *number);
  else if ((string = string_field (self, prop_id)) != NULL)
    {
      g_mutex_lock (&self->lock);
      g_value_set_string (value, *string);
      g_mutex_unlock (&self->lock);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gredis_tls_transport_finalize (GObject *object)
{
  GredisTlsTransport *self = GREDIS_TLS_TRANSPORT (object);

  g_clear_pointer (&self->ctx, SSL_CTX_free);
  for (guint prop_id = PROP_TLS_CA_FILE; prop_id <= PROP_TLS_CIPHERS; prop_id++)
    {
      char **string = string_field (self, prop_id);

      if (prop_id == PROP_TLS_KEY_PASSWORD && *string != NULL)
        memset (*string, 0, strlen (*string));
      g_free (*string);
    }
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (gredis_tls_transport_parent_class)->finalize (object);
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
gredis_tls_transport_class_init (GredisTlsTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = gredis_tls_transport_set_property;
  object_class->get_property = gredis_tls_transport_get_property;
  object_class->finalize = gredis_tls_transport_finalize;

  /* keepalive, keepalive-idle-s, keepalive-interval-s, keepalive-count:
   * as on the tcp transport. */
  properties[PROP_KEEPALIVE] = g_param_spec_boolean ("keepalive", NULL, NULL, TRUE, PARAM_FLAGS);
  properties[PROP_KEEPALIVE_IDLE_S] = g_param_spec_uint ("keepalive-idle-s", NULL, NULL, 0, G_MAXINT, 60, PARAM_FLAGS);
  properties[PROP_KEEPALIVE_INTERVAL_S] = g_param_spec_uint ("keepalive-interval-s", NULL, NULL, 0, G_MAXINT, 15, PARAM_FLAGS);
  properties[PROP_KEEPALIVE_COUNT] = g_param_spec_uint ("keepalive-count", NULL, NULL, 0, G_MAXINT, 3, PARAM_FLAGS);
  /* A PEM file of trusted CA certificates; unset (with tls-ca-dir unset
   * too) trusts the system's store. */
  properties[PROP_TLS_CA_FILE] = g_param_spec_string ("tls-ca-file", NULL, NULL, NULL, PARAM_FLAGS);
  /* A directory of hashed CA certificates (as c_rehash makes). */
  properties[PROP_TLS_CA_DIR] = g_param_spec_string ("tls-ca-dir", NULL, NULL, NULL, PARAM_FLAGS);
  /* The client certificate (PEM, may hold the chain and the key). */
  properties[PROP_TLS_CERT_FILE] = g_param_spec_string ("tls-cert-file", NULL, NULL, NULL, PARAM_FLAGS);
  /* The client's private key (PEM); defaults to tls-cert-file. */
  properties[PROP_TLS_KEY_FILE] = g_param_spec_string ("tls-key-file", NULL, NULL, NULL, PARAM_FLAGS);
  /* The password of an encrypted tls-key-file. */
  properties[PROP_TLS_KEY_PASSWORD] = g_param_spec_string ("tls-key-password", NULL, NULL, NULL, PARAM_FLAGS);
  /* The name the server certificate must match, sent as SNI; defaults
   * to the host of the endpoint. */
  properties[PROP_TLS_SERVER_NAME] = g_param_spec_string ("tls-server-name", NULL, NULL, NULL, PARAM_FLAGS);
  /* "required" (the chain and the name), "optional" (the chain only) or
   * "none" (nothing: logs a warning). */
  properties[PROP_TLS_VERIFY] = g_param_spec_string ("tls-verify", NULL, NULL, "required", PARAM_FLAGS);
  /* "1.2" or "1.3". */
  properties[PROP_TLS_MIN_VERSION] = g_param_spec_string ("tls-min-version", NULL, NULL, "1.2", PARAM_FLAGS);
  /* Colon-separated OpenSSL cipher names; TLS 1.3 suites (TLS_…) and
   * TLS 1.2 ciphers may be mixed. */
  properties[PROP_TLS_CIPHERS] = g_param_spec_string ("tls-ciphers", NULL, NULL, NULL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_CONNECT_TIMEOUT_MS, "connect-timeout-ms");
}

static void
gredis_tls_transport_init (GredisTlsTransport *self)
{
  g_mutex_init (&self->lock);
  self->connect_timeout_ms = 5000;
  self->keepalive = TRUE;
  self->keepalive_idle_s = 60;
  self->keepalive_interval_s = 15;
  self->keepalive_count = 3;
  self->verify = g_strdup ("required");
  self->min_version = g_strdup ("1.2");
}
