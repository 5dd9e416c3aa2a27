/* gredis-gio-tls-transport.c: the gio-tls transport (GTlsClientConnection)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include <string.h>

#include "gredis-gio-tls-transport.h"
#include "gredis-transport-common.h"

/*
 * GredisGioTlsTransport:
 *
 * TLS through GIO's #GTlsClientConnection (glib-networking), for
 * applications that want the desktop's TLS backend, trust store and
 * crypto policy. It takes the configuration keys of the tls transport so
 * that the two can be swapped; what GIO cannot do (a CA directory, a
 * cipher list, encrypted PEM keys) fails with %GREDIS_ERROR_UNSUPPORTED
 * rather than being ignored. An encrypted client key is accepted as a
 * PKCS #12 file in tls-cert-file with tls-key-password.
 */
struct _GredisGioTlsTransport
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

static void gredis_gio_tls_transport_iface_init (GredisTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisGioTlsTransport, gredis_gio_tls_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT,
                                                      gredis_gio_tls_transport_iface_init))

/* What one connect needs, copied from the properties when it starts. */
typedef struct {
  VerifyMode mode;
  gboolean min_1_3;
  char *server_name;
  GTlsDatabase *database;
  GTlsCertificate *certificate;
  GTlsCertificateFlags errors;      /* what validation found, for messages */
  GTlsCertificate *peer;
} GioTlsConnect;

static void
gio_tls_connect_free (GioTlsConnect *data)
{
  g_free (data->server_name);
  g_clear_object (&data->database);
  g_clear_object (&data->certificate);
  g_clear_object (&data->peer);
  g_free (data);
}

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

/* Reads the options into @data; called with the lock held. */
static gboolean
prepare (GredisGioTlsTransport  *self,
         GSocketConnectable     *endpoint,
         GioTlsConnect          *data,
         GError                **error)
{
  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("GIO has no TLS backend; install glib-networking or use the tls transport."));
      return FALSE;
    }
  if (!parse_verify (self->verify, &data->mode, error))
    return FALSE;
  if (self->min_version == NULL || *self->min_version == '\0' ||
      g_str_equal (self->min_version, "1.2") || g_ascii_strcasecmp (self->min_version, "TLSv1.2") == 0)
    data->min_1_3 = FALSE;
  else if (g_str_equal (self->min_version, "1.3") || g_ascii_strcasecmp (self->min_version, "TLSv1.3") == 0)
    data->min_1_3 = TRUE;
  else
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   _("Unknown tls-min-version “%s”: use 1.2 or 1.3."), self->min_version);
      return FALSE;
    }
  if (self->ciphers != NULL && *self->ciphers != '\0')
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("The gio-tls transport cannot choose ciphers (the system’s crypto policy does); unset tls-ciphers or use the tls transport."));
      return FALSE;
    }
  if (self->ca_dir != NULL && *self->ca_dir != '\0')
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("The gio-tls transport cannot use a CA directory; use tls-ca-file or the tls transport."));
      return FALSE;
    }

  if (self->ca_file != NULL && data->mode != VERIFY_NONE)
    {
      g_autoptr(GError) local_error = NULL;

      data->database = g_tls_file_database_new (self->ca_file, &local_error);
      if (data->database == NULL)
        {
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                       _("Could not load the CA certificates from “%s”: %s"), self->ca_file,
                       local_error->message);
          return FALSE;
        }
    }

  if (self->cert_file != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (self->key_password != NULL)
        {
          if (self->key_file != NULL && g_strcmp0 (self->key_file, self->cert_file) != 0)
            {
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                           _("The gio-tls transport cannot read an encrypted PEM key (“%s”); give a PKCS #12 file as tls-cert-file, or use the tls transport."),
                           self->key_file);
              return FALSE;
            }
          data->certificate = g_tls_certificate_new_from_file_with_password (self->cert_file,
                                                                             self->key_password,
                                                                             &local_error);
        }
      else
        data->certificate = g_tls_certificate_new_from_files (self->cert_file,
                                                              self->key_file != NULL ? self->key_file : self->cert_file,
                                                              &local_error);
      if (data->certificate == NULL)
        {
          /* GIO's messages name the problem, never the password. */
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                       _("Could not load the client certificate “%s”: %s"), self->cert_file,
                       local_error->message);
          return FALSE;
        }
    }
  else if (self->key_file != NULL)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   _("tls-key-file is set, but tls-cert-file is not."));
      return FALSE;
    }

  data->server_name = self->server_name != NULL && *self->server_name != '\0'
                      ? g_strdup (self->server_name)
                      : gredis_transport_endpoint_hostname (endpoint);
  return TRUE;
}

static gboolean
accept_certificate (GTlsConnection       *connection,
                    GTlsCertificate      *peer,
                    GTlsCertificateFlags  errors,
                    gpointer              user_data)
{
  GioTlsConnect *data = user_data;

  g_set_object (&data->peer, peer);
  data->errors = errors;
  if (data->mode == VERIFY_NONE)
    return TRUE;
  if (data->mode == VERIFY_OPTIONAL)
    return (errors & ~G_TLS_CERTIFICATE_BAD_IDENTITY) == 0;
  return FALSE;
}

static char *
peer_names (GTlsCertificate *peer)
{
  g_autoptr(GPtrArray) dns = g_tls_certificate_get_dns_names (peer);
  g_autoptr(GPtrArray) ips = g_tls_certificate_get_ip_addresses (peer);
  GString *names = g_string_new (NULL);

  for (guint i = 0; dns != NULL && i < dns->len; i++)
    {
      gsize length = 0;
      const char *name = g_bytes_get_data (g_ptr_array_index (dns, i), &length);

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append_len (names, name, length);
    }
  for (guint i = 0; ips != NULL && i < ips->len; i++)
    {
      g_autofree char *text = g_inet_address_to_string (g_ptr_array_index (ips, i));

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, text);
    }
  if (names->len == 0)
    g_string_append (names, _("no name"));
  return g_string_free (names, FALSE);
}

static GError *
certificate_error (GioTlsConnect *data,
                   const char    *peer)
{
  GTlsCertificateFlags errors = data->errors;

  if (errors & (G_TLS_CERTIFICATE_UNKNOWN_CA | G_TLS_CERTIFICATE_GENERIC_ERROR))
    {
      g_autofree char *issuer = g_tls_certificate_get_issuer_name (data->peer);
      g_autofree char *subject = g_tls_certificate_get_subject_name (data->peer);

      if (g_strcmp0 (issuer, subject) == 0)
        return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                            _("The certificate of %s is self-signed (“%s”) and not trusted."),
                            peer, subject);
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s is not trusted: its issuer “%s” is not a trusted certificate authority."),
                          peer, issuer);
    }
  if (errors & G_TLS_CERTIFICATE_EXPIRED)
    {
      g_autoptr(GDateTime) not_after = g_tls_certificate_get_not_valid_after (data->peer);
      g_autofree char *when = not_after != NULL ? g_date_time_format (not_after, "%F %T UTC") : g_strdup ("?");
      g_autofree char *subject = g_tls_certificate_get_subject_name (data->peer);

      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s (“%s”) expired on %s."), peer, subject, when);
    }
  if (errors & G_TLS_CERTIFICATE_BAD_IDENTITY)
    {
      g_autofree char *names = peer_names (data->peer);

      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s is for “%s”, not for “%s”."),
                          peer, names, data->server_name);
    }
  return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                      _("The certificate of %s was rejected (GIO flags 0x%x)."), peer, errors);
}

static GError *
map_handshake_error (GError        *error,
                     GioTlsConnect *data,
                     const char    *peer)
{
  GError *mapped = NULL;

  if (error->domain == GREDIS_ERROR || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return error;

  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE) && data->peer != NULL)
    mapped = certificate_error (data, peer);
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_CERTIFICATE_REQUIRED))
    mapped = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("%s requires a client certificate (see tls-cert-file and tls-key-file)."), peer);
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_NOT_TLS))
    mapped = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("%s does not speak TLS; is it a TLS port?"), peer);
  else if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_EOF) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED) ||
           g_error_matches (error, G_IO_ERROR, G_IO_ERROR_BROKEN_PIPE))
    mapped = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("%s closed the connection during the TLS handshake; is it a TLS port?"), peer);
  else
    mapped = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The TLS handshake with %s failed: %s"), peer, error->message);
  g_error_free (error);
  return mapped;
}

static void
handshake_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GTlsConnection *connection = G_TLS_CONNECTION (source);
  GredisConnectAttempt *attempt = g_task_get_task_data (task);
  GioTlsConnect *data = g_object_get_data (G_OBJECT (task), "gredis-gio-tls-connect");
  const char *peer = gredis_connect_attempt_get_description (attempt);
  GError *error = NULL;

  if (!g_tls_connection_handshake_finish (connection, result, &error))
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      g_object_unref (connection);
      gredis_connect_attempt_return_error (attempt, map_handshake_error (error, data, peer));
      return;
    }
  if (data->min_1_3 && g_tls_connection_get_protocol_version (connection) < G_TLS_PROTOCOL_VERSION_TLS_1_3)
    {
      g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
      g_object_unref (connection);
      gredis_connect_attempt_return_error (attempt,
          g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                       _("%s and this client have no TLS protocol version in common (see tls-min-version)."),
                       peer));
      return;
    }
  {
    g_autofree char *suite = g_tls_connection_get_ciphersuite_name (connection);
    g_debug ("TLS handshake with %s done: %s", peer, suite);
  }
  g_task_return_pointer (task, connection, g_object_unref);
}

static void
socket_connected (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GTask *task = user_data;
  GredisGioTlsTransport *self = g_task_get_source_object (task);
  GredisConnectAttempt *attempt = g_task_get_task_data (task);
  GioTlsConnect *data = g_object_get_data (G_OBJECT (task), "gredis-gio-tls-connect");
  g_autoptr(GSocketConnection) base = NULL;
  g_autoptr(GSocketConnectable) identity = NULL;
  GIOStream *connection;
  GError *error = NULL;

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

  if (data->server_name != NULL)
    identity = g_network_address_new (data->server_name, 0);
  connection = g_tls_client_connection_new (G_IO_STREAM (base), identity, &error);
  if (connection == NULL)
    {
      gredis_connect_attempt_return_error (attempt, map_handshake_error (error, data,
                                           gredis_connect_attempt_get_description (attempt)));
      g_object_unref (task);
      return;
    }
  if (data->database != NULL)
    g_tls_connection_set_database (G_TLS_CONNECTION (connection), data->database);
  if (data->certificate != NULL)
    g_tls_connection_set_certificate (G_TLS_CONNECTION (connection), data->certificate);
  g_signal_connect (connection, "accept-certificate", G_CALLBACK (accept_certificate), data);

  gredis_connect_attempt_set_handshaking (attempt);
  g_tls_connection_handshake_async (G_TLS_CONNECTION (connection), G_PRIORITY_DEFAULT,
                                    gredis_connect_attempt_get_cancellable (attempt),
                                    handshake_done, task);
}

static void
gredis_gio_tls_transport_connect_async (GredisTransport     *transport,
                                        GSocketConnectable  *endpoint,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  GredisGioTlsTransport *self = GREDIS_GIO_TLS_TRANSPORT (transport);
  GredisConnectAttempt *attempt;
  GioTlsConnect *data;
  GError *error = NULL;
  gboolean ok;
  GTask *task;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_gio_tls_transport_connect_async);
  g_task_set_name (task, "[gredis] gio-tls connect");
  attempt = gredis_connect_attempt_new (task, endpoint, self->connect_timeout_ms);

  if (G_IS_UNIX_SOCKET_ADDRESS (endpoint))
    {
      gredis_connect_attempt_return_error (attempt,
          g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       _("The gio-tls transport connects over TCP, not to the Unix socket %s."),
                       gredis_connect_attempt_get_description (attempt)));
      g_object_unref (task);
      return;
    }

  data = g_new0 (GioTlsConnect, 1);
  g_object_set_data_full (G_OBJECT (task), "gredis-gio-tls-connect", data,
                          (GDestroyNotify) gio_tls_connect_free);
  g_mutex_lock (&self->lock);
  ok = prepare (self, endpoint, data, &error);
  if (ok && data->mode == VERIFY_NONE && !self->warned_no_verify)
    {
      self->warned_no_verify = TRUE;
      g_warning ("TLS certificate verification is off (tls-verify=none): the connection to %s "
                 "can be intercepted.", gredis_connect_attempt_get_description (attempt));
    }
  g_mutex_unlock (&self->lock);
  if (!ok)
    {
      gredis_connect_attempt_return_error (attempt, error);
      g_object_unref (task);
      return;
    }

  gredis_socket_connect_async (endpoint, FALSE, attempt, socket_connected, task);
}

static GIOStream *
gredis_gio_tls_transport_connect_finish (GredisTransport  *transport,
                                         GAsyncResult     *result,
                                         GError          **error)
{
  g_return_val_if_fail (g_task_is_valid (result, transport), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gredis_gio_tls_transport_connect_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
gredis_gio_tls_transport_iface_init (GredisTransportInterface *iface)
{
  iface->connect_async = gredis_gio_tls_transport_connect_async;
  iface->connect_finish = gredis_gio_tls_transport_connect_finish;
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
string_field (GredisGioTlsTransport *self,
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
uint_field (GredisGioTlsTransport *self,
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
gredis_gio_tls_transport_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GredisGioTlsTransport *self = GREDIS_GIO_TLS_TRANSPORT (object);
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
            if (prop_id == PROP_TLS_VERIFY)
        self->warned_no_verify = FALSE;
      g_mutex_unlock (&self->lock);
      notify (object, prop_id);
    }
  else
    G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
}

static void
gredis_gio_tls_transport_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GredisGioTlsTransport *self = GREDIS_GIO_TLS_TRANSPORT (object);
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
gredis_gio_tls_transport_finalize (GObject *object)
{
  GredisGioTlsTransport *self = GREDIS_GIO_TLS_TRANSPORT (object);

    for (guint prop_id = PROP_TLS_CA_FILE; prop_id <= PROP_TLS_CIPHERS; prop_id++)
    {
      char **string = string_field (self, prop_id);

      if (prop_id == PROP_TLS_KEY_PASSWORD && *string != NULL)
        memset (*string, 0, strlen (*string));
      g_free (*string);
    }
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (gredis_gio_tls_transport_parent_class)->finalize (object);
}

#define PARAM_FLAGS (G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY)

static void
gredis_gio_tls_transport_class_init (GredisGioTlsTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = gredis_gio_tls_transport_set_property;
  object_class->get_property = gredis_gio_tls_transport_get_property;
  object_class->finalize = gredis_gio_tls_transport_finalize;

  /* keepalive, keepalive-idle-s, keepalive-interval-s, keepalive-count:
   * as on the tcp transport. */
  properties[PROP_KEEPALIVE] = g_param_spec_boolean ("keepalive", NULL, NULL, TRUE, PARAM_FLAGS);
  properties[PROP_KEEPALIVE_IDLE_S] = g_param_spec_uint ("keepalive-idle-s", NULL, NULL, 0, G_MAXINT, 60, PARAM_FLAGS);
  properties[PROP_KEEPALIVE_INTERVAL_S] = g_param_spec_uint ("keepalive-interval-s", NULL, NULL, 0, G_MAXINT, 15, PARAM_FLAGS);
  properties[PROP_KEEPALIVE_COUNT] = g_param_spec_uint ("keepalive-count", NULL, NULL, 0, G_MAXINT, 3, PARAM_FLAGS);
  /* The same options as the tls transport; see there. tls-ca-dir,
   * tls-ciphers and encrypted PEM keys are refused with an error: GIO
   * has no API for them (the system's crypto policy picks ciphers). */
  properties[PROP_TLS_CA_FILE] = g_param_spec_string ("tls-ca-file", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TLS_CA_DIR] = g_param_spec_string ("tls-ca-dir", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TLS_CERT_FILE] = g_param_spec_string ("tls-cert-file", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TLS_KEY_FILE] = g_param_spec_string ("tls-key-file", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TLS_KEY_PASSWORD] = g_param_spec_string ("tls-key-password", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TLS_SERVER_NAME] = g_param_spec_string ("tls-server-name", NULL, NULL, NULL, PARAM_FLAGS);
  properties[PROP_TLS_VERIFY] = g_param_spec_string ("tls-verify", NULL, NULL, "required", PARAM_FLAGS);
  properties[PROP_TLS_MIN_VERSION] = g_param_spec_string ("tls-min-version", NULL, NULL, "1.2", PARAM_FLAGS);
  properties[PROP_TLS_CIPHERS] = g_param_spec_string ("tls-ciphers", NULL, NULL, NULL, PARAM_FLAGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_CONNECT_TIMEOUT_MS, "connect-timeout-ms");
}

static void
gredis_gio_tls_transport_init (GredisGioTlsTransport *self)
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
