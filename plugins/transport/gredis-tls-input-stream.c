/* gredis-tls-input-stream.c: the decrypted side of a GredisTlsConnection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <glib/gi18n-lib.h>

#include "gredis-tls-connection.h"

/* The connection owns its streams and detaches them when it goes away,
 * so the pointer below is never dangling; a detached stream reports the
 * connection as closed. */
struct _GredisTlsInputStream
{
  GInputStream parent_instance;

  GredisTlsConnection *connection;
};

static void gredis_tls_input_stream_pollable_init (GPollableInputStreamInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisTlsInputStream, gredis_tls_input_stream, G_TYPE_INPUT_STREAM,
                               G_IMPLEMENT_INTERFACE (G_TYPE_POLLABLE_INPUT_STREAM,
                                                      gredis_tls_input_stream_pollable_init))

static gboolean
check_attached (GredisTlsInputStream  *self,
                GError               **error)
{
  if (self->connection != NULL)
    return TRUE;
  g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("The TLS connection is closed."));
  return FALSE;
}

static gssize
gredis_tls_input_stream_read (GInputStream  *stream,
                              void          *buffer,
                              gsize          count,
                              GCancellable  *cancellable,
                              GError       **error)
{
  GredisTlsInputStream *self = GREDIS_TLS_INPUT_STREAM (stream);

  if (!check_attached (self, error))
    return -1;
  return gredis_tls_connection_read (self->connection, buffer, count, TRUE, cancellable, error);
}

static gboolean
gredis_tls_input_stream_close (GInputStream  *stream,
                               GCancellable  *cancellable,
                               GError       **error)
{
  /* Closing one direction does not close TLS: g_io_stream_close() does. */
  return TRUE;
}

static gboolean
gredis_tls_input_stream_can_poll (GPollableInputStream *pollable)
{
  return GREDIS_TLS_INPUT_STREAM (pollable)->connection != NULL;
}

static gboolean
gredis_tls_input_stream_is_readable (GPollableInputStream *pollable)
{
  GredisTlsInputStream *self = GREDIS_TLS_INPUT_STREAM (pollable);

  /* A detached stream is "readable": reading it reports the error. */
  return self->connection == NULL || gredis_tls_connection_is_ready (self->connection, G_IO_IN);
}

static GSource *
gredis_tls_input_stream_create_source (GPollableInputStream *pollable,
                                       GCancellable         *cancellable)
{
  GredisTlsInputStream *self = GREDIS_TLS_INPUT_STREAM (pollable);

  if (self->connection == NULL)
    {
      g_autoptr(GSource) ready = g_timeout_source_new (0);
      return g_pollable_source_new_full (pollable, ready, cancellable);
    }
  return gredis_tls_connection_create_source (self->connection, G_IO_IN, G_OBJECT (pollable),
                                              cancellable);
}

static gssize
gredis_tls_input_stream_read_nonblocking (GPollableInputStream  *pollable,
                                          void                  *buffer,
                                          gsize                  count,
                                          GError               **error)
{
  GredisTlsInputStream *self = GREDIS_TLS_INPUT_STREAM (pollable);

  if (!check_attached (self, error))
    return -1;
  return gredis_tls_connection_read (self->connection, buffer, count, FALSE, NULL, error);
}

static void
gredis_tls_input_stream_pollable_init (GPollableInputStreamInterface *iface)
{
  iface->can_poll = gredis_tls_input_stream_can_poll;
  iface->is_readable = gredis_tls_input_stream_is_readable;
  iface->create_source = gredis_tls_input_stream_create_source;
  iface->read_nonblocking = gredis_tls_input_stream_read_nonblocking;
}

static void
gredis_tls_input_stream_class_init (GredisTlsInputStreamClass *klass)
{
  GInputStreamClass *input_class = G_INPUT_STREAM_CLASS (klass);

  input_class->read_fn = gredis_tls_input_stream_read;
  input_class->close_fn = gredis_tls_input_stream_close;
}

static void
gredis_tls_input_stream_init (GredisTlsInputStream *self)
{
}

GInputStream *
gredis_tls_input_stream_new (GredisTlsConnection *connection)
{
  GredisTlsInputStream *self = g_object_new (GREDIS_TYPE_TLS_INPUT_STREAM, NULL);

  self->connection = connection;
  return G_INPUT_STREAM (self);
}

void
gredis_tls_input_stream_detach (GredisTlsInputStream *self)
{
  self->connection = NULL;
}
