/* gredis-tls-output-stream.c: the decrypted side of a GredisTlsConnection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>

#include "gredis-tls-connection.h"

/* The connection owns its streams and detaches them when it goes away,
 * so the pointer below is never dangling; a detached stream reports the
 * connection as closed. */
struct _GredisTlsOutputStream
{
  GOutputStream parent_instance;

  GredisTlsConnection *connection;
};

static void gredis_tls_output_stream_pollable_init (GPollableOutputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisTlsOutputStream, gredis_tls_output_stream, G_TYPE_OUTPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_OUTPUT_STREAM,
                                                      gredis_tls_output_stream_pollable_init))

static gboolean
check_attached (GredisTlsOutputStream  *self,
                GError               **error)
{
  if (self->connection != NULL)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The TLS connection is closed."));
  return FALSE;
}

static gssize
gredis_tls_output_stream_write (GOutputStream  *stream,
                               const void     *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GredisTlsOutputStream *self = GREDIS_TLS_OUTPUT_STREAM (stream);

  if (!check_attached (self, error))
    return -1;
  return gredis_tls_connection_write (self->connection, buffer, count, TRUE, cancellable, error);
}

static gboolean
gredis_tls_output_stream_close (GOutputStream  *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  /* Closing one direction does not close TLS: g_io_stream_close() does. */
  return TRUE;
}

static gboolean
gredis_tls_output_stream_flush (GOutputStream  *stream,
                                GCancellable   *cancellable,
                                GError        **error)
{
  GredisTlsOutputStream *self = GREDIS_TLS_OUTPUT_STREAM (stream);

  /* A write that could not send its record fails with WOULD_BLOCK and is
   * retried, so the only bytes of ours to flush are those a cancelled
   * blocking write left unsent. */
  if (!check_attached (self, error))
    return FALSE;
  return gredis_tls_connection_flush (self->connection, cancellable, error);
}

static gboolean
gredis_tls_output_stream_can_poll (GPollableOutputStream *pollable)
{
  return GREDIS_TLS_OUTPUT_STREAM (pollable)->connection != NULL;
}

static gboolean
gredis_tls_output_stream_is_writable (GPollableOutputStream *pollable)
{
  GredisTlsOutputStream *self = GREDIS_TLS_OUTPUT_STREAM (pollable);

  /* A detached stream is "writable": writing it reports the error. */
  return self->connection == NULL || gredis_tls_connection_is_ready (self->connection, G_IO_OUT);
}

static GSource *
gredis_tls_output_stream_create_source (GPollableOutputStream *pollable,
                                       GCancellable         *cancellable)
{
  GredisTlsOutputStream *self = GREDIS_TLS_OUTPUT_STREAM (pollable);

  if (self->connection == NULL)
    {
      g_autoptr(GSource) ready = g_timeout_source_new (0);
      return g_pollable_source_new_full (pollable, ready, cancellable);
    }
  return gredis_tls_connection_create_source (self->connection, G_IO_OUT, G_OBJECT (pollable),
                                              cancellable);
}

static gssize
gredis_tls_output_stream_write_nonblocking (GPollableOutputStream  *pollable,
                                           const void             *buffer,
                                          gsize                  count,
                                          GError               **error)
{
  GredisTlsOutputStream *self = GREDIS_TLS_OUTPUT_STREAM (pollable);

  if (!check_attached (self, error))
    return -1;
  return gredis_tls_connection_write (self->connection, buffer, count, FALSE, NULL, error);
}

static void
gredis_tls_output_stream_pollable_init (GPollableOutputStreamInterface *iface)
{
  iface->can_poll = gredis_tls_output_stream_can_poll;
  iface->is_writable = gredis_tls_output_stream_is_writable;
  iface->create_source = gredis_tls_output_stream_create_source;
  iface->write_nonblocking = gredis_tls_output_stream_write_nonblocking;
}

static void
gredis_tls_output_stream_class_init (GredisTlsOutputStreamClass *klass)
{
  GOutputStreamClass *output_class = G_OUTPUT_STREAM_CLASS (klass);

  output_class->write_fn = gredis_tls_output_stream_write;
  output_class->flush = gredis_tls_output_stream_flush;
  output_class->close_fn = gredis_tls_output_stream_close;
}

static void
gredis_tls_output_stream_init (GredisTlsOutputStream *self)
{
}

GOutputStream *
gredis_tls_output_stream_new (GredisTlsConnection *connection)
{
  GredisTlsOutputStream *self = g_object_new (GREDIS_TYPE_TLS_OUTPUT_STREAM, NULL);

  self->connection = connection;
  return G_OUTPUT_STREAM (self);
}

void
gredis_tls_output_stream_detach (GredisTlsOutputStream *self)
{
  self->connection = NULL;
}
