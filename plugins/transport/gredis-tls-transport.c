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
#include "gredis-tls-options.h"
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

  GredisTlsOptions options;  /* options.cache: the SSL_CTX, built on the first connect */
};

static GParamSpec *properties[GREDIS_TLS_N_PROPS];

static void gredis_tls_transport_iface_init (GredisTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisTlsTransport, gredis_tls_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT,
                                                      gredis_tls_transport_iface_init))

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
load_client_certificate (GredisTlsOptions  *options,
                         SSL_CTX           *ctx,
                         GError           **error)
{
  const char *key_file = options->key_file != NULL ? options->key_file : options->cert_file;
  g_autofree char *key_pem = NULL;
  int ok;

  if (options->cert_file == NULL)
    {
      if (options->key_file != NULL)
        {
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       _("tls-key-file is set, but tls-cert-file is not."));
          return FALSE;
        }
      return TRUE;
    }

  if (!check_readable (options->cert_file, _("client certificate"), error) ||
      !check_readable (key_file, _("private key"), error))
    return FALSE;

  if (SSL_CTX_use_certificate_chain_file (ctx, options->cert_file) != 1)
    {
      g_autofree char *reason = openssl_reason ();

      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                   _("The file “%s” holds no client certificate that can be used: %s."),
                   options->cert_file, reason);
      return FALSE;
    }

  /* The password is handed to OpenSSL only while the key loads. */
  SSL_CTX_set_default_passwd_cb (ctx, password_callback);
  SSL_CTX_set_default_passwd_cb_userdata (ctx, options->key_password);
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
                     key_file, options->cert_file);
      else if (options->key_password == NULL && key_pem != NULL && strstr (key_pem, "ENCRYPTED") != NULL)
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                     _("The private key file “%s” is encrypted, and tls-key-password is not set."),
                     key_file);
      else if (options->key_password != NULL)
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
                   key_file, options->cert_file);
      return FALSE;
    }
  return TRUE;
}

static SSL_CTX *
build_context (GredisTlsOptions  *options,
               GError           **error)
{
  SSL_CTX *ctx;
  GredisTlsVerify mode;
  GredisTlsMinVersion min_version;

  if (!gredis_tls_options_get_verify (options, &mode, error) ||
      !gredis_tls_options_get_min_version (options, &min_version, error))
    return NULL;

  ctx = SSL_CTX_new (TLS_client_method ());
  if (ctx == NULL)
    {
      g_autofree char *reason = openssl_reason ();
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                   _("Could not set up TLS: %s."), reason);
      return NULL;
    }
  SSL_CTX_set_min_proto_version (ctx, min_version == GREDIS_TLS_MIN_VERSION_1_3 ? TLS1_3_VERSION : TLS1_2_VERSION);
  SSL_CTX_set_options (ctx, SSL_OP_IGNORE_UNEXPECTED_EOF | SSL_OP_NO_RENEGOTIATION);
  SSL_CTX_set_client_cert_cb (ctx, gredis_tls_connection_client_cert_callback);

  if (options->ciphers != NULL && *options->ciphers != '\0' && !set_ciphers (ctx, options->ciphers, error))
    goto fail;

  if (mode == GREDIS_TLS_VERIFY_NONE)
    SSL_CTX_set_verify (ctx, SSL_VERIFY_NONE, NULL);
  else
    {
      SSL_CTX_set_verify (ctx, SSL_VERIFY_PEER, NULL);
      if (options->ca_file != NULL || options->ca_dir != NULL)
        {
          const char *where = options->ca_file != NULL ? options->ca_file : options->ca_dir;

          if (options->ca_file != NULL && !check_readable (options->ca_file, _("CA certificate"), error))
            goto fail;
          if (SSL_CTX_load_verify_locations (ctx, options->ca_file, options->ca_dir) != 1)
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

  if (!load_client_certificate (options, ctx, error))
    goto fail;
  return ctx;

fail:
  SSL_CTX_free (ctx);
  return NULL;
}

/* Returns a reference to the context, building it when needed. */
static SSL_CTX *
get_context (GredisTlsTransport  *self,
             GredisTlsVerify     *mode,
             GError             **error)
{
  GredisTlsOptions *options = &self->options;
  SSL_CTX *ctx = NULL;

  /* Called with the options' lock held. */
  if (options->cache == NULL)
    options->cache = build_context (options, error);
  if (options->cache != NULL)
    {
      ctx = options->cache;
      SSL_CTX_up_ref (ctx);
      gredis_tls_options_get_verify (options, mode, NULL);
    }
  return ctx;
}

typedef struct {
  SSL_CTX *ctx;
  GredisTlsVerify mode;
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
  gredis_tls_options_set_tcp_options (&self->options, base);

  ssl = SSL_new (data->ctx);
  if (data->server_name != NULL)
    {
      gboolean ip = is_ip_address (data->server_name);

      /* SNI carries host names only, never addresses (RFC 6066). */
      if (!ip)
        SSL_set_tlsext_host_name (ssl, data->server_name);
      if (data->mode == GREDIS_TLS_VERIFY_REQUIRED)
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
  attempt = gredis_connect_attempt_new (task, endpoint, self->options.connect_timeout_ms);

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
  g_mutex_lock (&self->options.lock);
  data->ctx = get_context (self, &data->mode, &error);
  if (data->ctx != NULL)
    {
      data->server_name = gredis_tls_options_dup_server_name (&self->options, endpoint);
      gredis_tls_options_warn_no_verify (&self->options, data->mode,
                                         gredis_connect_attempt_get_description (attempt));
    }
  g_mutex_unlock (&self->options.lock);
  if (data->ctx == NULL)
    {
      gredis_connect_attempt_return_error (attempt, error);
      g_object_unref (task);
      return;
    }

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
gredis_tls_transport_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  gredis_tls_options_set_property (&GREDIS_TLS_TRANSPORT (object)->options, object, properties,
                                   prop_id, value, pspec);
}

static void
gredis_tls_transport_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  gredis_tls_options_get_property (&GREDIS_TLS_TRANSPORT (object)->options, object, prop_id,
                                   value, pspec);
}

static void
gredis_tls_transport_finalize (GObject *object)
{
  gredis_tls_options_clear (&GREDIS_TLS_TRANSPORT (object)->options);

  G_OBJECT_CLASS (gredis_tls_transport_parent_class)->finalize (object);
}

static void
gredis_tls_transport_class_init (GredisTlsTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = gredis_tls_transport_set_property;
  object_class->get_property = gredis_tls_transport_get_property;
  object_class->finalize = gredis_tls_transport_finalize;

  /* The options of gredis-tls-options.c; tls-ciphers takes OpenSSL's
   * cipher names. */
  gredis_tls_options_install_properties (object_class, properties);
}

static void
gredis_tls_transport_init (GredisTlsTransport *self)
{
  gredis_tls_options_init (&self->options, (GDestroyNotify) SSL_CTX_free);
}
