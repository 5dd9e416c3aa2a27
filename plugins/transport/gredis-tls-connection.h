/* gredis-tls-connection.h: a non-blocking OpenSSL client stream over a
 * pollable GIOStream
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>
#include <openssl/ssl.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_TLS_CONNECTION (gredis_tls_connection_get_type ())
G_DECLARE_FINAL_TYPE (GredisTlsConnection, gredis_tls_connection, GREDIS, TLS_CONNECTION, GIOStream)

GredisTlsConnection *gredis_tls_connection_new              (GIOStream            *base,
                                                             SSL                  *ssl,
                                                             const char           *peer,
                                                             const char           *server_name);
void                 gredis_tls_connection_handshake_async  (GredisTlsConnection  *self,
                                                             GCancellable         *cancellable,
                                                             GAsyncReadyCallback   callback,
                                                             gpointer              user_data);
gboolean             gredis_tls_connection_handshake_finish (GredisTlsConnection  *self,
                                                             GAsyncResult         *result,
                                                             GError              **error);
int                  gredis_tls_connection_client_cert_callback (SSL       *ssl,
                                                                 X509     **x509,
                                                                 EVP_PKEY **pkey);
const char          *gredis_tls_connection_get_protocol     (GredisTlsConnection  *self);
const char          *gredis_tls_connection_get_cipher       (GredisTlsConnection  *self);

/* For the input and output streams. */
gssize   gredis_tls_connection_read        (GredisTlsConnection  *self,
                                            void                 *buffer,
                                            gsize                 count,
                                            gboolean              blocking,
                                            GCancellable         *cancellable,
                                            GError              **error);
gssize   gredis_tls_connection_write       (GredisTlsConnection  *self,
                                            const void           *buffer,
                                            gsize                 count,
                                            gboolean              blocking,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean gredis_tls_connection_flush       (GredisTlsConnection  *self,
                                            GCancellable         *cancellable,
                                            GError              **error);
gboolean gredis_tls_connection_is_ready    (GredisTlsConnection  *self,
                                            GIOCondition          condition);
GSource *gredis_tls_connection_create_source (GredisTlsConnection *self,
                                              GIOCondition         condition,
                                              GObject             *pollable,
                                              GCancellable        *cancellable);

/* The streams, made by the connection. */
#define GREDIS_TYPE_TLS_INPUT_STREAM (gredis_tls_input_stream_get_type ())
G_DECLARE_FINAL_TYPE (GredisTlsInputStream, gredis_tls_input_stream, GREDIS, TLS_INPUT_STREAM, GInputStream)
#define GREDIS_TYPE_TLS_OUTPUT_STREAM (gredis_tls_output_stream_get_type ())
G_DECLARE_FINAL_TYPE (GredisTlsOutputStream, gredis_tls_output_stream, GREDIS, TLS_OUTPUT_STREAM, GOutputStream)

GInputStream  *gredis_tls_input_stream_new  (GredisTlsConnection *connection);
GOutputStream *gredis_tls_output_stream_new (GredisTlsConnection *connection);
void           gredis_tls_input_stream_detach  (GredisTlsInputStream  *stream);
void           gredis_tls_output_stream_detach (GredisTlsOutputStream *stream);

G_END_DECLS
