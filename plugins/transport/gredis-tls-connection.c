/* gredis-tls-connection.c: a non-blocking OpenSSL client stream over a
 * pollable GIOStream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>
#include <glib-unix.h>

#include <openssl/bio.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>

#include "gredis-tls-connection.h"
#include "gredis-transport-common.h"

/*
 * GredisTlsConnection:
 *
 * OpenSSL reads and writes through a BIO of ours whose callbacks use the
 * non-blocking calls of the base stream: when the base would block, the
 * BIO says "retry" and SSL_read()/SSL_write() report WANT_READ or
 * WANT_WRITE, which become %G_IO_ERROR_WOULD_BLOCK here. The pollable
 * sources wait on the base stream in the direction OpenSSL wants, and are
 * ready at once while decrypted bytes are pending in OpenSSL's buffers,
 * which the base stream's own sources cannot see.
 *
 * Record reads are buffered (read-ahead), so one recv() may bring several
 * records. A write that returns WOULD_BLOCK must be retried with the same
 * bytes (and may add more after them), as GIO documents for TLS streams.
 *
 * A blocking write hands OpenSSL at most one record's worth at a time.
 * When its wait for the socket is cancelled (or fails) while OpenSSL
 * holds a record of those bytes, partly sent, the bytes are kept here
 * ("unsent") and reported written, since part of them may already be on
 * the wire: GIO's rule for a cancelled call that had partly happened.
 * OpenSSL can only finish such a record when given the same bytes again,
 * so the kept copy goes out before anything written later (and on a
 * flush); the caller may go on with any bytes, and the peer receives
 * exactly the bytes reported written. A cancelled read takes nothing
 * from the stream.
 *
 * The SSL object is not thread-safe; a mutex serializes its use so that
 * one thread may read while another writes, as GIO allows.
 */
struct _GredisTlsConnection
{
  GIOStream parent_instance;

  GIOStream *base;
  GPollableInputStream *base_in;
  GPollableOutputStream *base_out;
  GInputStream *in;
  GOutputStream *out;
  GSocket *base_socket;        /* the base's socket, when it is a GSocketConnection */

  GMutex lock;
  SSL *ssl;
  char *peer;                  /* "host:port", for messages */
  char *server_name;           /* the name the certificate must match */
  GError *base_error;          /* the last error of the base stream, from the BIO */
  gboolean read_blocked;       /* the last read needed more bytes from the base */
  gboolean base_eof;           /* the base stream reached its end */
  GIOCondition read_wants;     /* G_IO_IN, or G_IO_OUT during a renegotiation */
  GIOCondition write_wants;
  gsize write_retry_length;    /* the length of a write that must be retried, or 0 */
  GBytes *unsent;              /* bytes of a cancelled blocking write (see above) */
  gsize unsent_offset;         /* how many of them OpenSSL has finished */
  gboolean shut_down;

  /* The first certificate problem seen during verification. */
  int verify_error;
  char *verify_subject;
  char *verify_issuer;
  char *verify_not_after;
  char *verify_names;
  gboolean cert_requested;
};

G_DEFINE_FINAL_TYPE (GredisTlsConnection, gredis_tls_connection, G_TYPE_IO_STREAM)

static int connection_index = -1;

/* The BIO */

static int
bio_write (BIO        *bio,
           const char *data,
           size_t      length,
           size_t     *written)
{
  GredisTlsConnection *self = BIO_get_data (bio);
  GError *error = NULL;
  gssize n;

  BIO_clear_retry_flags (bio);
  n = g_pollable_output_stream_write_nonblocking (self->base_out, data, length, NULL, &error);
  if (n >= 0)
    {
      *written = n;
      return 1;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (error);
      BIO_set_retry_write (bio);
      return 0;
    }
  g_clear_error (&self->base_error);
  self->base_error = error;
  return 0;
}

static int
bio_read (BIO    *bio,
          char   *data,
          size_t  length,
          size_t *read)
{
  GredisTlsConnection *self = BIO_get_data (bio);
  GError *error = NULL;
  gssize n;

  BIO_clear_retry_flags (bio);
  n = g_pollable_input_stream_read_nonblocking (self->base_in, data, length, NULL, &error);
  if (n > 0)
    {
      self->read_blocked = FALSE;
      *read = n;
      return 1;
    }
  if (n == 0)
    {
      self->base_eof = TRUE;
      BIO_set_flags (bio, BIO_FLAGS_IN_EOF);
      return 0;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (error);
      BIO_set_retry_read (bio);
      return 0;
    }
  g_clear_error (&self->base_error);
  self->base_error = error;
  return 0;
}

static long
bio_ctrl (BIO  *bio,
          int   cmd,
          long  num,
          void *ptr)
{
  switch (cmd)
    {
    case BIO_CTRL_FLUSH:
    case BIO_CTRL_DUP:
      return 1;
    case BIO_CTRL_EOF:
      return BIO_test_flags (bio, BIO_FLAGS_IN_EOF) != 0;
    default:
      return 0;
    }
}

static int
bio_create (BIO *bio)
{
  BIO_set_init (bio, 1);
  return 1;
}

static BIO_METHOD *
get_bio_method (void)
{
  static gsize method;

  if (g_once_init_enter (&method))
    {
      BIO_METHOD *m = BIO_meth_new (BIO_get_new_index () | BIO_TYPE_SOURCE_SINK, "gredis-gio");

      BIO_meth_set_write_ex (m, bio_write);
      BIO_meth_set_read_ex (m, bio_read);
      BIO_meth_set_ctrl (m, bio_ctrl);
      BIO_meth_set_create (m, bio_create);
      g_once_init_leave (&method, (gsize) m);
    }
  return (BIO_METHOD *) method;
}

/* Certificate verification: keep the first problem for the message. */

static char *
name_to_string (X509_NAME *name)
{
  int i = X509_NAME_get_index_by_NID (name, NID_commonName, -1);
  char buf[256];

  if (i >= 0)
    {
      ASN1_STRING *cn = X509_NAME_ENTRY_get_data (X509_NAME_get_entry (name, i));
      unsigned char *utf8 = NULL;
      int len = ASN1_STRING_to_UTF8 (&utf8, cn);

      if (len >= 0)
        {
          char *result = g_strndup ((const char *) utf8, len);
          OPENSSL_free (utf8);
          return result;
        }
    }
  X509_NAME_oneline (name, buf, sizeof buf);
  return g_strdup (buf);
}

static char *
time_to_string (const ASN1_TIME *time)
{
  BIO *mem = BIO_new (BIO_s_mem ());
  char *data = NULL;
  long len;
  char *result;

  ASN1_TIME_print (mem, time);
  len = BIO_get_mem_data (mem, &data);
  result = g_strndup (data, len);
  BIO_free (mem);
  return result;
}

/* The names a certificate is valid for: its DNS and IP subject
 * alternative names, or its common name when it has none. */
static char *
cert_names (X509 *cert)
{
  GENERAL_NAMES *names = X509_get_ext_d2i (cert, NID_subject_alt_name, NULL, NULL);
  GString *result = g_string_new (NULL);

  for (int i = 0; names != NULL && i < sk_GENERAL_NAME_num (names); i++)
    {
      GENERAL_NAME *name = sk_GENERAL_NAME_value (names, i);

      if (result->len > 0)
        g_string_append (result, ", ");
      if (name->type == GEN_DNS)
        g_string_append_len (result, (const char *) ASN1_STRING_get0_data (name->d.dNSName),
                             ASN1_STRING_length (name->d.dNSName));
      else if (name->type == GEN_IPADD && ASN1_STRING_length (name->d.iPAddress) == 4)
        {
          g_autoptr(GInetAddress) ip = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (name->d.iPAddress),
                                                                      G_SOCKET_FAMILY_IPV4);
          g_autofree char *text = g_inet_address_to_string (ip);
          g_string_append (result, text);
        }
      else if (name->type == GEN_IPADD && ASN1_STRING_length (name->d.iPAddress) == 16)
        {
          g_autoptr(GInetAddress) ip = g_inet_address_new_from_bytes (ASN1_STRING_get0_data (name->d.iPAddress),
                                                                      G_SOCKET_FAMILY_IPV6);
          g_autofree char *text = g_inet_address_to_string (ip);
          g_string_append (result, text);
        }
      else if (result->len > 0)
        g_string_truncate (result, result->len - 2);
    }
  GENERAL_NAMES_free (names);
  if (result->len == 0)
    {
      g_string_free (result, TRUE);
      return name_to_string (X509_get_subject_name (cert));
    }
  return g_string_free (result, FALSE);
}

static int
verify_callback (int             preverify_ok,
                 X509_STORE_CTX *store)
{
  SSL *ssl = X509_STORE_CTX_get_ex_data (store, SSL_get_ex_data_X509_STORE_CTX_idx ());
  GredisTlsConnection *self = ssl != NULL ? SSL_get_ex_data (ssl, connection_index) : NULL;
  X509 *cert = X509_STORE_CTX_get_current_cert (store);

  if (!preverify_ok && self != NULL && self->verify_error == 0 && cert != NULL)
    {
      self->verify_error = X509_STORE_CTX_get_error (store);
      self->verify_subject = name_to_string (X509_get_subject_name (cert));
      self->verify_issuer = name_to_string (X509_get_issuer_name (cert));
      self->verify_not_after = time_to_string (X509_get0_notAfter (cert));
      self->verify_names = cert_names (cert);
    }
  return preverify_ok;
}

/* For SSL_CTX_set_client_cert_cb(): OpenSSL calls it when the server
 * asks for a client certificate and none is set, which we note for the
 * message should the server then refuse the handshake. */
int
gredis_tls_connection_client_cert_callback (SSL       *ssl,
                                            X509     **x509,
                                            EVP_PKEY **pkey)
{
  GredisTlsConnection *self = SSL_get_ex_data (ssl, connection_index);

  if (self != NULL)
    self->cert_requested = TRUE;
  return 0;
}

static GError *
verify_error_to_gerror (GredisTlsConnection *self)
{
  switch (self->verify_error)
    {
    case X509_V_ERR_DEPTH_ZERO_SELF_SIGNED_CERT:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s is self-signed (“%s”) and not trusted."),
                          self->peer, self->verify_subject);
    case X509_V_ERR_SELF_SIGNED_CERT_IN_CHAIN:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT:
    case X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY:
    case X509_V_ERR_UNABLE_TO_VERIFY_LEAF_SIGNATURE:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s is not trusted: its issuer “%s” is not a trusted certificate authority."),
                          self->peer, self->verify_issuer);
    case X509_V_ERR_HOSTNAME_MISMATCH:
    case X509_V_ERR_IP_ADDRESS_MISMATCH:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s is for “%s”, not for “%s”."),
                          self->peer, self->verify_names, self->server_name);
    case X509_V_ERR_CERT_HAS_EXPIRED:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s (“%s”) expired on %s."),
                          self->peer, self->verify_subject, self->verify_not_after);
    case X509_V_ERR_CERT_NOT_YET_VALID:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s (“%s”) is not valid yet."),
                          self->peer, self->verify_subject);
    case X509_V_ERR_CERT_REVOKED:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s (“%s”) was revoked."),
                          self->peer, self->verify_subject);
    default:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                          _("The certificate of %s (“%s”) was rejected: %s."),
                          self->peer, self->verify_subject,
                          X509_verify_cert_error_string (self->verify_error));
    }
}

/* Turns the OpenSSL error queue (after a failed call) into a GError. */
static GError *
ssl_error_to_gerror (GredisTlsConnection *self,
                     int                  ssl_error,
                     gboolean             handshaking)
{
  unsigned long err = ERR_peek_last_error ();
  int reason = ERR_GET_REASON (err);
  GError *error = NULL;

  GREDIS_TRANSPORT_DEBUG ("TLS error %d on %s: %s (eof %d)", ssl_error, self->peer,
                          err != 0 ? ERR_reason_error_string (err) : "-", self->base_eof);

  if (self->verify_error != 0 &&
      (reason == SSL_R_CERTIFICATE_VERIFY_FAILED || err == 0))
    error = verify_error_to_gerror (self);
  else if (self->cert_requested &&
           (ssl_error == SSL_ERROR_SYSCALL || reason == SSL_R_UNEXPECTED_EOF_WHILE_READING))
    {
      /* The server asked for a certificate, got none, and hung up: with
       * TLS 1.3 its alert may be lost with the connection. */
      error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                           _("%s requires a client certificate (see tls-cert-file and tls-key-file)."),
                           self->peer);
    }
  else if (ssl_error == SSL_ERROR_SYSCALL && self->base_error != NULL)
    {
      error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                           _("The connection to %s failed: %s"), self->peer, self->base_error->message);
    }
  else if (ssl_error == SSL_ERROR_SYSCALL || ssl_error == SSL_ERROR_ZERO_RETURN ||
           reason == SSL_R_UNEXPECTED_EOF_WHILE_READING || (err == 0 && self->base_eof))
    {
      error = handshaking
        ? g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                       _("%s closed the connection during the TLS handshake; is it a TLS port?"),
                       self->peer)
        : g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                       _("%s closed the connection."), self->peer);
    }
  else
    {
      switch (reason)
        {
        case SSL_R_UNSUPPORTED_PROTOCOL:
        case SSL_R_NO_PROTOCOLS_AVAILABLE:
        case SSL_R_TLSV1_ALERT_PROTOCOL_VERSION:
        case SSL_R_VERSION_TOO_LOW:
        case SSL_R_VERSION_TOO_HIGH:
          error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                               _("%s and this client have no TLS protocol version in common (see tls-min-version)."),
                               self->peer);
          break;
        case SSL_R_WRONG_VERSION_NUMBER:
        case SSL_R_PACKET_LENGTH_TOO_LONG:
        case SSL_R_RECORD_LENGTH_MISMATCH:
          error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                               _("%s does not speak TLS; is it a TLS port?"), self->peer);
          break;
        case SSL_R_TLSV13_ALERT_CERTIFICATE_REQUIRED:
          error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                               _("%s requires a client certificate (see tls-cert-file and tls-key-file)."),
                               self->peer);
          break;
        case SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE:
        case SSL_R_SSLV3_ALERT_BAD_CERTIFICATE:
        case SSL_R_TLSV1_ALERT_UNKNOWN_CA:
        case SSL_R_SSLV3_ALERT_CERTIFICATE_UNKNOWN:
          if (self->cert_requested)
            error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                                 _("%s requires a client certificate (see tls-cert-file and tls-key-file)."),
                                 self->peer);
          else if (reason != SSL_R_SSLV3_ALERT_HANDSHAKE_FAILURE)
            error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                                 _("%s rejected the client certificate."), self->peer);
          break;
        default:
          break;
        }
    }

  if (error == NULL)
    {
      const char *text = err != 0 ? ERR_reason_error_string (err) : NULL;

      error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_TLS,
                           handshaking ? _("The TLS handshake with %s failed: %s.")
                                       : _("TLS error on the connection to %s: %s."),
                           self->peer, text != NULL ? text : _("unknown error"));
    }
  ERR_clear_error ();
  g_clear_error (&self->base_error);
  return error;
}

/* I/O */

static gboolean
set_fired (GObject  *pollable,
           gpointer  user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

/* Waits until the base stream can do @condition, or @cancellable fires.
 * On a socket (always, for the tls transport) that is one poll() of its
 * fd (and of the cancellable's), as a blocking read or write of the
 * socket's own streams does; any other base stream is waited for on its
 * pollable source, in a main context of its own. */
static gboolean
wait_for_base (GredisTlsConnection  *self,
               GIOCondition          condition,
               GCancellable         *cancellable,
               GError              **error)
{
  g_autoptr(GMainContext) context = NULL;
  g_autoptr(GSource) source = NULL;
  gboolean fired = FALSE;

  if (self->base_socket != NULL)
    return g_socket_condition_wait (self->base_socket, condition, cancellable, error);

  context = g_main_context_new ();
  if (condition & G_IO_IN)
    source = g_pollable_input_stream_create_source (self->base_in, cancellable);
  else
    source = g_pollable_output_stream_create_source (self->base_out, cancellable);
  g_source_set_callback (source, (GSourceFunc) (void (*) (void)) set_fired, &fired, NULL);
  g_source_attach (source, context);
  while (!fired)
    g_main_context_iteration (context, TRUE);
  g_source_destroy (source);
  return !g_cancellable_set_error_if_cancelled (cancellable, error);
}

typedef enum {
  DIRECTION_READ,
  DIRECTION_WRITE,
} Direction;

/* The most a blocking write hands OpenSSL at once: one record's worth. */
#define BLOCKING_WRITE_MAX SSL3_RT_MAX_PLAIN_LENGTH

/* One SSL_read() or SSL_write(), then, while it wants the base stream
 * and @blocking, a wait for the base stream in the direction OpenSSL
 * asked for (a read may need to write during a key update, and a write
 * to read). A write first finishes the unsent bytes of a cancelled one;
 * a write of nothing (a flush) only does that. */
static gssize
transfer (GredisTlsConnection  *self,
          Direction             direction,
          void                 *buffer,
          gsize                 count,
          gboolean              blocking,
          GCancellable         *cancellable,
          GError              **error)
{
  GIOCondition *wants = direction == DIRECTION_READ ? &self->read_wants : &self->write_wants;

  for (;;)
    {
      GError *wait_error = NULL;
      const void *data = buffer;
      gsize length = count;
      gboolean unsent = FALSE;
      size_t n = 0;
      int ret, ssl_error;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        return -1;

      g_mutex_lock (&self->lock);
      if (self->shut_down)
        {
          g_mutex_unlock (&self->lock);
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The TLS connection is closed."));
          return -1;
        }
      if (direction == DIRECTION_WRITE && self->unsent != NULL)
        {
          gsize size;

          data = (const guint8 *) g_bytes_get_data (self->unsent, &size) + self->unsent_offset;
          length = size - self->unsent_offset;
          unsent = TRUE;
        }
      else if (direction == DIRECTION_WRITE && blocking)
        length = MIN (count, MAX (BLOCKING_WRITE_MAX, self->write_retry_length));
      if (length == 0)
        {
          g_mutex_unlock (&self->lock);
          return 0;
        }

      ERR_clear_error ();
      if (direction == DIRECTION_READ)
        ret = SSL_read_ex (self->ssl, buffer, length, &n);
      else
        ret = SSL_write_ex (self->ssl, data, length, &n);
      ssl_error = ret == 1 ? SSL_ERROR_NONE : SSL_get_error (self->ssl, ret);
      switch (ssl_error)
        {
        case SSL_ERROR_NONE:
          if (direction == DIRECTION_WRITE)
            {
              self->write_wants = G_IO_OUT;
              self->write_retry_length = 0;
            }
          if (unsent)
            {
              self->unsent_offset += n;
              if (self->unsent_offset == g_bytes_get_size (self->unsent))
                g_clear_pointer (&self->unsent, g_bytes_unref);
              g_mutex_unlock (&self->lock);
              continue;
            }
          g_mutex_unlock (&self->lock);
          return n;
        case SSL_ERROR_WANT_READ:
          if (direction == DIRECTION_READ)
            self->read_blocked = TRUE;
          *wants = G_IO_IN;
          break;
        case SSL_ERROR_WANT_WRITE:
          *wants = G_IO_OUT;
          break;
        case SSL_ERROR_ZERO_RETURN:
          if (direction == DIRECTION_READ)
            {
              g_mutex_unlock (&self->lock);
              return 0;
            }
          G_GNUC_FALLTHROUGH;
        default:
          {
            GError *mapped = ssl_error_to_gerror (self, ssl_error, FALSE);
            g_mutex_unlock (&self->lock);
            g_propagate_error (error, mapped);
            return -1;
          }
        }
      if (direction == DIRECTION_WRITE && !unsent)
        self->write_retry_length = length;
      g_mutex_unlock (&self->lock);

      if (!blocking)
        {
          g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK,
                               direction == DIRECTION_READ ? _("No decrypted data is available yet.")
                                                           : _("The TLS connection cannot take more data yet."));
          return -1;
        }
      if (wait_for_base (self, *wants, cancellable, &wait_error))
        continue;

      if (direction == DIRECTION_WRITE && !unsent)
        {
          /* OpenSSL may have sent part of a record of these bytes: they
           * are written now, and the next write or flush finishes them.
           * The cancellation (or the failure) shows on that call. */
          g_mutex_lock (&self->lock);
          self->unsent = g_bytes_new (data, length);
          self->unsent_offset = 0;
          self->write_retry_length = 0;
          g_mutex_unlock (&self->lock);
          g_error_free (wait_error);
          return length;
        }
      g_propagate_error (error, wait_error);
      return -1;
    }
}

gssize
gredis_tls_connection_read (GredisTlsConnection  *self,
                            void                 *buffer,
                            gsize                 count,
                            gboolean              blocking,
                            GCancellable         *cancellable,
                            GError              **error)
{
  return transfer (self, DIRECTION_READ, buffer, count, blocking, cancellable, error);
}

gssize
gredis_tls_connection_write (GredisTlsConnection  *self,
                             const void           *buffer,
                             gsize                 count,
                             gboolean              blocking,
                             GCancellable         *cancellable,
                             GError              **error)
{
  return transfer (self, DIRECTION_WRITE, (void *) buffer, count, blocking, cancellable, error);
}

/* Sends what a cancelled blocking write left unsent, if anything. */
gboolean
gredis_tls_connection_flush (GredisTlsConnection  *self,
                             GCancellable         *cancellable,
                             GError              **error)
{
  return transfer (self, DIRECTION_WRITE, NULL, 0, TRUE, cancellable, error) == 0;
}

/* Whether OpenSSL holds bytes that a read returns without the base
 * stream: decrypted ones, or whole records read ahead and not yet
 * decrypted (but not a partial record that needs more bytes). */
static gboolean
has_pending (GredisTlsConnection *self)
{
  gboolean pending;

  g_mutex_lock (&self->lock);
  pending = !self->shut_down &&
            (SSL_pending (self->ssl) > 0 || (!self->read_blocked && SSL_has_pending (self->ssl)));
  g_mutex_unlock (&self->lock);
  return pending;
}

gboolean
gredis_tls_connection_is_ready (GredisTlsConnection *self,
                                GIOCondition         condition)
{
  GIOCondition wants;

  if (condition == G_IO_IN && has_pending (self))
    return TRUE;
  wants = condition == G_IO_IN ? self->read_wants : self->write_wants;
  if (wants == G_IO_IN)
    return g_pollable_input_stream_is_readable (self->base_in);
  return g_pollable_output_stream_is_writable (self->base_out);
}

typedef struct {
  GSource source;
  GredisTlsConnection *connection;
  GObject *pollable;
  GIOCondition condition;
  gpointer fd_tag;             /* the base socket's fd, when it is polled directly */
} TlsSource;

static gboolean
tls_source_prepare (GSource *source,
                    gint    *timeout)
{
  TlsSource *tls = (TlsSource *) source;

  *timeout = -1;
  return tls->condition == G_IO_IN && has_pending (tls->connection);
}

static gboolean
tls_source_check (GSource *source)
{
  TlsSource *tls = (TlsSource *) source;

  if (tls->fd_tag != NULL && g_source_query_unix_fd (source, tls->fd_tag) != 0)
    return TRUE;
  return tls->condition == G_IO_IN && has_pending (tls->connection);
}

static gboolean
tls_source_dispatch (GSource     *source,
                     GSourceFunc  callback,
                     gpointer     user_data)
{
  TlsSource *tls = (TlsSource *) source;

  if (callback == NULL)
    return G_SOURCE_REMOVE;
  return ((GPollableSourceFunc) (void (*) (void)) callback) (tls->pollable, user_data);
}

static void
tls_source_finalize (GSource *source)
{
  TlsSource *tls = (TlsSource *) source;

  g_object_unref (tls->connection);
  g_object_unref (tls->pollable);
}

static gboolean
tls_source_closure_callback (GObject  *pollable,
                             gpointer  data)
{
  GClosure *closure = data;
  GValue param = G_VALUE_INIT;
  GValue result_value = G_VALUE_INIT;
  gboolean result;

  g_value_init (&result_value, G_TYPE_BOOLEAN);
  g_value_init (&param, G_TYPE_OBJECT);
  g_value_set_object (&param, pollable);
  g_closure_invoke (closure, &result_value, 1, &param, NULL);
  result = g_value_get_boolean (&result_value);
  g_value_unset (&result_value);
  g_value_unset (&param);
  return result;
}

static GSourceFuncs tls_source_funcs = {
  tls_source_prepare,
  tls_source_check,
  tls_source_dispatch,
  tls_source_finalize,
  (GSourceFunc) (void (*) (void)) tls_source_closure_callback,
  NULL,
};

GSource *
gredis_tls_connection_create_source (GredisTlsConnection *self,
                                     GIOCondition         condition,
                                     GObject             *pollable,
                                     GCancellable        *cancellable)
{
  GSource *source = g_source_new (&tls_source_funcs, sizeof (TlsSource));
  TlsSource *tls = (TlsSource *) source;
  GIOCondition wants = condition == G_IO_IN ? self->read_wants : self->write_wants;

  g_source_set_static_name (source, "[gredis] TLS stream");
  tls->connection = g_object_ref (self);
  tls->pollable = g_object_ref (pollable);
  tls->condition = condition;

  /* A socket's fd is polled by this source itself, as GSocket's own
   * source does; that saves a child source (its attach, its removal and
   * a closure call per wakeup) on every wait. */
  if (self->base_socket != NULL)
    tls->fd_tag = g_source_add_unix_fd (source, g_socket_get_fd (self->base_socket), wants);
  else
    {
      GSource *base;

      if (wants == G_IO_IN)
        base = g_pollable_input_stream_create_source (self->base_in, NULL);
      else
        base = g_pollable_output_stream_create_source (self->base_out, NULL);
      g_source_set_dummy_callback (base);
      g_source_add_child_source (source, base);
      g_source_unref (base);
    }

  if (cancellable != NULL)
    {
      GSource *cancelled = g_cancellable_source_new (cancellable);

      g_source_set_dummy_callback (cancelled);
      g_source_add_child_source (source, cancelled);
      g_source_unref (cancelled);
    }
  return source;
}

/* The handshake */

typedef struct {
  GSource *source;
} HandshakeData;

static void
handshake_data_free (HandshakeData *data)
{
  if (data->source != NULL)
    {
      g_source_destroy (data->source);
      g_source_unref (data->source);
    }
  g_free (data);
}

static void handshake_step (GTask *task);

static gboolean
handshake_ready (GObject  *pollable,
                 gpointer  user_data)
{
  GTask *task = user_data;
  HandshakeData *data = g_task_get_task_data (task);

  g_clear_pointer (&data->source, g_source_unref);
  handshake_step (task);
  return G_SOURCE_REMOVE;
}

/* Runs the handshake as far as it goes without blocking; @task holds a
 * reference that is given up when it returns. */
static void
handshake_step (GTask *task)
{
  GredisTlsConnection *self = g_task_get_source_object (task);
  HandshakeData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  GError *error = NULL;
  int ret, ssl_error;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }

  g_mutex_lock (&self->lock);
  ERR_clear_error ();
  ret = SSL_do_handshake (self->ssl);
  ssl_error = ret == 1 ? SSL_ERROR_NONE : SSL_get_error (self->ssl, ret);
  if (ssl_error != SSL_ERROR_NONE && ssl_error != SSL_ERROR_WANT_READ && ssl_error != SSL_ERROR_WANT_WRITE)
    error = ssl_error_to_gerror (self, ssl_error, TRUE);
  g_mutex_unlock (&self->lock);

  switch (ssl_error)
    {
    case SSL_ERROR_NONE:
      GREDIS_TRANSPORT_DEBUG ("TLS handshake with %s done: %s, %s", self->peer,
                              SSL_get_version (self->ssl), SSL_get_cipher_name (self->ssl));
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    case SSL_ERROR_WANT_READ:
      data->source = g_pollable_input_stream_create_source (self->base_in, cancellable);
      break;
    case SSL_ERROR_WANT_WRITE:
      data->source = g_pollable_output_stream_create_source (self->base_out, cancellable);
      break;
    default:
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_source_set_callback (data->source, (GSourceFunc) (void (*) (void)) handshake_ready, task, NULL);
  g_source_attach (data->source, g_task_get_context (task));
}

void
gredis_tls_connection_handshake_async (GredisTlsConnection *self,
                                       GCancellable        *cancellable,
                                       GAsyncReadyCallback  callback,
                                       gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, gredis_tls_connection_handshake_async);
  g_task_set_task_data (task, g_new0 (HandshakeData, 1), (GDestroyNotify) handshake_data_free);
  handshake_step (task);
}

gboolean
gredis_tls_connection_handshake_finish (GredisTlsConnection  *self,
                                        GAsyncResult         *result,
                                        GError              **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

const char *
gredis_tls_connection_get_protocol (GredisTlsConnection *self)
{
  return SSL_get_version (self->ssl);
}

const char *
gredis_tls_connection_get_cipher (GredisTlsConnection *self)
{
  return SSL_get_cipher_name (self->ssl);
}

/* GIOStream */

static GInputStream *
gredis_tls_connection_get_input_stream (GIOStream *stream)
{
  return GREDIS_TLS_CONNECTION (stream)->in;
}

static GOutputStream *
gredis_tls_connection_get_output_stream (GIOStream *stream)
{
  return GREDIS_TLS_CONNECTION (stream)->out;
}

/* Sends close_notify if it can go out now (a peer that is gone or slow
 * does not hold up the close), then closes the base stream. */
static gboolean
gredis_tls_connection_close (GIOStream     *stream,
                             GCancellable  *cancellable,
                             GError       **error)
{
  GredisTlsConnection *self = GREDIS_TLS_CONNECTION (stream);

  g_mutex_lock (&self->lock);
  if (!self->shut_down)
    {
      self->shut_down = TRUE;
      ERR_clear_error ();
      while (self->unsent != NULL)
        {
          gsize size;
          const guint8 *data = g_bytes_get_data (self->unsent, &size);
          size_t n = 0;

          if (SSL_write_ex (self->ssl, data + self->unsent_offset, size - self->unsent_offset, &n) != 1)
            break;
          self->unsent_offset += n;
          if (self->unsent_offset == size)
            g_clear_pointer (&self->unsent, g_bytes_unref);
        }
      if (SSL_is_init_finished (self->ssl))
        SSL_shutdown (self->ssl);
      ERR_clear_error ();
      g_clear_pointer (&self->unsent, g_bytes_unref);
    }
  g_mutex_unlock (&self->lock);

  return g_io_stream_close (self->base, cancellable, error);
}

static void
gredis_tls_connection_dispose (GObject *object)
{
  GredisTlsConnection *self = GREDIS_TLS_CONNECTION (object);

  if (self->in != NULL)
    gredis_tls_input_stream_detach (GREDIS_TLS_INPUT_STREAM (self->in));
  if (self->out != NULL)
    gredis_tls_output_stream_detach (GREDIS_TLS_OUTPUT_STREAM (self->out));
  g_clear_object (&self->in);
  g_clear_object (&self->out);

  G_OBJECT_CLASS (gredis_tls_connection_parent_class)->dispose (object);
}

static void
gredis_tls_connection_finalize (GObject *object)
{
  GredisTlsConnection *self = GREDIS_TLS_CONNECTION (object);

  /* Frees the BIO too; it never outlives the base stream. */
  g_clear_pointer (&self->ssl, SSL_free);
  g_clear_object (&self->base);
  g_clear_error (&self->base_error);
  g_clear_pointer (&self->unsent, g_bytes_unref);
  g_free (self->peer);
  g_free (self->server_name);
  g_free (self->verify_subject);
  g_free (self->verify_issuer);
  g_free (self->verify_not_after);
  g_free (self->verify_names);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (gredis_tls_connection_parent_class)->finalize (object);
}

static void
gredis_tls_connection_class_init (GredisTlsConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GIOStreamClass *stream_class = G_IO_STREAM_CLASS (klass);

  object_class->dispose = gredis_tls_connection_dispose;
  object_class->finalize = gredis_tls_connection_finalize;
  stream_class->get_input_stream = gredis_tls_connection_get_input_stream;
  stream_class->get_output_stream = gredis_tls_connection_get_output_stream;
  stream_class->close_fn = gredis_tls_connection_close;

  connection_index = SSL_get_ex_new_index (0, (void *) "gredis-tls-connection", NULL, NULL, NULL);
}

static void
gredis_tls_connection_init (GredisTlsConnection *self)
{
  g_mutex_init (&self->lock);
  self->read_wants = G_IO_IN;
  self->write_wants = G_IO_OUT;
}

/*
 * gredis_tls_connection_new:
 * @base: a stream whose input and output streams are pollable
 * @ssl: (transfer full): a client SSL object, set up but not connected
 * @peer: the server, as "host:port", for messages
 * @server_name: the name the server certificate must match, for messages
 */
GredisTlsConnection *
gredis_tls_connection_new (GIOStream  *base,
                           SSL        *ssl,
                           const char *peer,
                           const char *server_name)
{
  GredisTlsConnection *self = g_object_new (GREDIS_TYPE_TLS_CONNECTION, NULL);
  BIO *bio;

  self->base = g_object_ref (base);
  self->base_in = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (base));
  self->base_out = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (base));
  if (G_IS_SOCKET_CONNECTION (base))
    self->base_socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (base));
  self->in = gredis_tls_input_stream_new (self);
  self->out = gredis_tls_output_stream_new (self);
  self->peer = g_strdup (peer);
  self->server_name = g_strdup (server_name != NULL ? server_name : peer);
  self->ssl = ssl;

  bio = BIO_new (get_bio_method ());
  BIO_set_data (bio, self);
  SSL_set_bio (ssl, bio, bio);
  SSL_set_ex_data (ssl, connection_index, self);
  SSL_set_verify (ssl, SSL_get_verify_mode (ssl), verify_callback);
  SSL_set_connect_state (ssl);
  SSL_set_read_ahead (ssl, 1);
  SSL_set_mode (ssl, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
  return self;
}
