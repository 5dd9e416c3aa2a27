/* gredis-transport-common.h: what the transport plugins share: a connect
 * deadline in milliseconds, cancellation, socket options and errors
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Private to plugins/transport (a static library linked into each
 * transport module); it uses only the public Gredis API.
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Debug output of the transports, in the library's one log domain,
 * "Gredis" (G_LOG_DOMAIN, set by meson), with "transport" in the
 * GREDIS_COMPONENT field and at the start of the message, as the core
 * logs (docs/debugging.md). Nothing is formatted unless debug output is
 * on for the domain. */
#define GREDIS_TRANSPORT_DEBUG(format, ...)                                   \
  G_STMT_START {                                                              \
    if (!g_log_writer_default_would_drop (G_LOG_LEVEL_DEBUG, G_LOG_DOMAIN))   \
      g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG,                      \
                        "GREDIS_COMPONENT", "transport",                      \
                        "CODE_FILE", __FILE__,                                \
                        "CODE_LINE", G_STRINGIFY (__LINE__),                  \
                        "CODE_FUNC", G_STRFUNC,                               \
                        "MESSAGE", "transport: " format, ##__VA_ARGS__);      \
  } G_STMT_END

/* One connect: the caller's GTask, plus an internal cancellable that the
 * caller's cancellable and the deadline both cancel. Kept as the task's
 * data until it returns. */
typedef struct _GredisConnectAttempt GredisConnectAttempt;

GredisConnectAttempt *gredis_connect_attempt_new             (GTask                *task,
                                                              GSocketConnectable   *endpoint,
                                                              guint                 timeout_ms);
GCancellable         *gredis_connect_attempt_get_cancellable (GredisConnectAttempt *attempt);
const char           *gredis_connect_attempt_get_description (GredisConnectAttempt *attempt);
void                  gredis_connect_attempt_set_handshaking (GredisConnectAttempt *attempt);
void                  gredis_connect_attempt_return_error    (GredisConnectAttempt *attempt,
                                                              GError               *error);
void                  gredis_connect_attempt_free            (GredisConnectAttempt *attempt);

/* Opens a TCP (or Unix) socket to @endpoint through GSocketClient, under
 * @attempt's cancellable; errors are already mapped (see below). */
void               gredis_socket_connect_async  (GSocketConnectable   *endpoint,
                                                 gboolean              use_proxy,
                                                 GredisConnectAttempt *attempt,
                                                 GAsyncReadyCallback   callback,
                                                 gpointer              user_data);
GSocketConnection *gredis_socket_connect_finish (GAsyncResult         *result,
                                                 GError              **error);

/* TCP_NODELAY, and keepalive with its idle/interval/count (0: the
 * system's default). */
void gredis_socket_set_tcp_options (GSocket  *socket,
                                    gboolean  keepalive,
                                    guint     keepalive_idle_s,
                                    guint     keepalive_interval_s,
                                    guint     keepalive_count);

/* Turns a GIO or resolver connect error into a GREDIS_ERROR one that
 * names @description; cancellation stays G_IO_ERROR_CANCELLED. */
GError *gredis_transport_map_connect_error (GError     *error,
                                           const char *description);

/* The host name of @endpoint (for SNI and certificate checks), or NULL. */
char *gredis_transport_endpoint_hostname (GSocketConnectable *endpoint);

G_END_DECLS
