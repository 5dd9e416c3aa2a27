/* gredis-gio-tls-transport.c: the gio-tls transport (GTlsClientConnection)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>
#include <gio/gunixsocketaddress.h>

#include "gredis-gio-tls-transport.h"
#include "gredis-tls-options.h"
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
 *
 * The stream handed out is GIO's own, with two limits of glib-networking
 * (2.74, GnuTLS) that the tls transport does not have: its pollable
 * sources wait for the socket only, so a reader that leaves part of a
 * record unread is not woken for the rest (the connection engine reads
 * 16 KiB, a whole record, at a time); and a blocking write cancelled in
 * the middle of a record must be repeated with the same bytes.
 */
struct _GredisGioTlsTransport
{
  GObject parent_instance;

  GredisTlsOptions options;
};

static GParamSpec *properties[GREDIS_TLS_N_PROPS];

static void gredis_gio_tls_transport_iface_init (GredisTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisGioTlsTransport, gredis_gio_tls_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT,
                                                      gredis_gio_tls_transport_iface_init))

/* What one connect needs, copied from the properties when it starts. */
typedef struct {
  GredisTlsVerify mode;
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

/* Reads the options into @data; called with the lock held. */
static gboolean
prepare (GredisTlsOptions    *options,
         GSocketConnectable  *endpoint,
         GioTlsConnect       *data,
         GError             **error)
{
  GredisTlsMinVersion min_version;

  if (!g_tls_backend_supports_tls (g_tls_backend_get_default ()))
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("GIO has no TLS backend; install glib-networking or use the tls transport."));
      return FALSE;
    }
  if (!gredis_tls_options_get_verify (options, &data->mode, error) ||
      !gredis_tls_options_get_min_version (options, &min_version, error))
    return FALSE;
  data->min_1_3 = min_version == GREDIS_TLS_MIN_VERSION_1_3;
  if (options->ciphers != NULL && *options->ciphers != '\0')
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("The gio-tls transport cannot choose ciphers (the system’s crypto policy does); unset tls-ciphers or use the tls transport."));
      return FALSE;
    }
  if (options->ca_dir != NULL && *options->ca_dir != '\0')
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("The gio-tls transport cannot use a CA directory; use tls-ca-file or the tls transport."));
      return FALSE;
    }

  if (options->ca_file != NULL && data->mode != GREDIS_TLS_VERIFY_NONE)
    {
      g_autoptr(GError) local_error = NULL;

      data->database = g_tls_file_database_new (options->ca_file, &local_error);
      if (data->database == NULL)
        {
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                       _("Could not load the CA certificates from “%s”: %s"), options->ca_file,
                       local_error->message);
          return FALSE;
        }
    }

  if (options->cert_file != NULL)
    {
      g_autoptr(GError) local_error = NULL;

      if (options->key_password != NULL)
        {
          if (options->key_file != NULL && g_strcmp0 (options->key_file, options->cert_file) != 0)
            {
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                           _("The gio-tls transport cannot read an encrypted PEM key (“%s”); give a PKCS #12 file as tls-cert-file, or use the tls transport."),
                           options->key_file);
              return FALSE;
            }
          data->certificate = g_tls_certificate_new_from_file_with_password (options->cert_file,
                                                                             options->key_password,
                                                                             &local_error);
        }
      else
        data->certificate = g_tls_certificate_new_from_files (options->cert_file,
                                                              options->key_file != NULL ? options->key_file : options->cert_file,
                                                              &local_error);
      if (data->certificate == NULL)
        {
          /* GIO's messages name the problem, never the password. */
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS,
                       _("Could not load the client certificate “%s”: %s"), options->cert_file,
                       local_error->message);
          return FALSE;
        }
    }
  else if (options->key_file != NULL)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   _("tls-key-file is set, but tls-cert-file is not."));
      return FALSE;
    }

  data->server_name = gredis_tls_options_dup_server_name (options, endpoint);
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
  if (data->mode == GREDIS_TLS_VERIFY_NONE)
    return TRUE;
  if (data->mode == GREDIS_TLS_VERIFY_OPTIONAL)
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
    GREDIS_TRANSPORT_DEBUG ("TLS handshake with %s done: %s", peer, suite);
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
  gredis_tls_options_set_tcp_options (&self->options, base);

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
  attempt = gredis_connect_attempt_new (task, endpoint, self->options.connect_timeout_ms);

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
  g_mutex_lock (&self->options.lock);
  ok = prepare (&self->options, endpoint, data, &error);
  if (ok)
    gredis_tls_options_warn_no_verify (&self->options, data->mode,
                                       gredis_connect_attempt_get_description (attempt));
  g_mutex_unlock (&self->options.lock);
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
gredis_gio_tls_transport_set_property (GObject      *object,
                                       guint         prop_id,
                                       const GValue *value,
                                       GParamSpec   *pspec)
{
  gredis_tls_options_set_property (&GREDIS_GIO_TLS_TRANSPORT (object)->options, object, properties,
                                   prop_id, value, pspec);
}

static void
gredis_gio_tls_transport_get_property (GObject    *object,
                                       guint       prop_id,
                                       GValue     *value,
                                       GParamSpec *pspec)
{
  gredis_tls_options_get_property (&GREDIS_GIO_TLS_TRANSPORT (object)->options, object, prop_id,
                                   value, pspec);
}

static void
gredis_gio_tls_transport_finalize (GObject *object)
{
  gredis_tls_options_clear (&GREDIS_GIO_TLS_TRANSPORT (object)->options);

  G_OBJECT_CLASS (gredis_gio_tls_transport_parent_class)->finalize (object);
}

static void
gredis_gio_tls_transport_class_init (GredisGioTlsTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->set_property = gredis_gio_tls_transport_set_property;
  object_class->get_property = gredis_gio_tls_transport_get_property;
  object_class->finalize = gredis_gio_tls_transport_finalize;

  /* The same options as the tls transport (gredis-tls-options.c).
   * tls-ca-dir, tls-ciphers and encrypted PEM keys are refused with an
   * error: GIO has no API for them (the system's crypto policy picks
   * ciphers). */
  gredis_tls_options_install_properties (object_class, properties);
}

static void
gredis_gio_tls_transport_init (GredisGioTlsTransport *self)
{
  gredis_tls_options_init (&self->options, NULL);
}
