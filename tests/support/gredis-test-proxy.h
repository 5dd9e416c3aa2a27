/* gredis-test-proxy.h: a TCP proxy for fault injection in the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/*
 * GredisTestProxy:
 *
 * Listens on a free port of 127.0.0.1 and forwards every connection it
 * accepts to an upstream address (a redis-server of the fixture), from a
 * thread of its own with its own GMainContext, so that a test may block
 * its own thread while the proxy keeps working.
 *
 * The fault settings below may be changed at any time from the test's
 * thread. Each setter returns once the proxy's thread has applied the
 * change to every current connection; connections accepted later start
 * with it. The proxy never holds more than about 1 MiB per direction of a
 * connection: past that it stops reading from the sending side.
 */
typedef struct _GredisTestProxy GredisTestProxy;

/*
 * GredisTestProxyDirection:
 * @GREDIS_TEST_PROXY_TO_SERVER: the bytes a client sends to the server.
 * @GREDIS_TEST_PROXY_TO_CLIENT: the bytes the server sends back.
 * @GREDIS_TEST_PROXY_BOTH: both directions.
 */
typedef enum {
  GREDIS_TEST_PROXY_TO_SERVER = 1 << 0,
  GREDIS_TEST_PROXY_TO_CLIENT = 1 << 1,
  GREDIS_TEST_PROXY_BOTH      = GREDIS_TEST_PROXY_TO_SERVER | GREDIS_TEST_PROXY_TO_CLIENT,
} GredisTestProxyDirection;

/*
 * GredisTestProxyAccept: what the proxy does with new connections.
 * @GREDIS_TEST_PROXY_ACCEPT_FORWARD: accept and forward (the default).
 * @GREDIS_TEST_PROXY_ACCEPT_CLOSE: accept, then close at once (the client
 *   reads end-of-file).
 * @GREDIS_TEST_PROXY_ACCEPT_RESET: accept, then reset at once (the client
 *   gets ECONNRESET). With gredis_test_proxy_reset(), a server that resets
 *   every connection.
 * @GREDIS_TEST_PROXY_ACCEPT_REFUSE: stop listening: connects are refused
 *   (ECONNREFUSED). The port is bound again by any other setting.
 *
 * Connections accepted earlier are not affected.
 */
typedef enum {
  GREDIS_TEST_PROXY_ACCEPT_FORWARD,
  GREDIS_TEST_PROXY_ACCEPT_CLOSE,
  GREDIS_TEST_PROXY_ACCEPT_RESET,
  GREDIS_TEST_PROXY_ACCEPT_REFUSE,
} GredisTestProxyAccept;

GredisTestProxy *gredis_test_proxy_new               (GSocketConnectable        *upstream,
                                                      GError                   **error);
void             gredis_test_proxy_free              (GredisTestProxy           *proxy);

guint16          gredis_test_proxy_get_port          (GredisTestProxy           *proxy);
char            *gredis_test_proxy_get_uri           (GredisTestProxy           *proxy);

/* Data modes, per direction; one mode per direction at a time. */
void             gredis_test_proxy_set_pass          (GredisTestProxy           *proxy,
                                                      GredisTestProxyDirection   direction);
void             gredis_test_proxy_set_delay         (GredisTestProxy           *proxy,
                                                      GredisTestProxyDirection   direction,
                                                      guint                      milliseconds);
void             gredis_test_proxy_set_trickle       (GredisTestProxy           *proxy,
                                                      GredisTestProxyDirection   direction,
                                                      gsize                      n_bytes,
                                                      guint                      milliseconds);
void             gredis_test_proxy_set_blackhole     (GredisTestProxy           *proxy,
                                                      GredisTestProxyDirection   direction);
void             gredis_test_proxy_set_close_after   (GredisTestProxy           *proxy,
                                                      GredisTestProxyDirection   direction,
                                                      guint64                    n_bytes);

/* New connections. */
gboolean         gredis_test_proxy_set_accept        (GredisTestProxy           *proxy,
                                                      GredisTestProxyAccept      accept,
                                                      GError                   **error);

/* Actions on the current connections. */
void             gredis_test_proxy_reset             (GredisTestProxy           *proxy);
void             gredis_test_proxy_drop              (GredisTestProxy           *proxy);

/* Counters. */
guint            gredis_test_proxy_get_n_accepted    (GredisTestProxy           *proxy);
guint            gredis_test_proxy_get_n_open        (GredisTestProxy           *proxy);
guint64          gredis_test_proxy_get_bytes_forwarded (GredisTestProxy         *proxy,
                                                        GredisTestProxyDirection direction);
guint64          gredis_test_proxy_get_bytes_dropped (GredisTestProxy           *proxy,
                                                      GredisTestProxyDirection   direction);
guint64          gredis_test_proxy_get_bytes_held    (GredisTestProxy           *proxy,
                                                      GredisTestProxyDirection   direction);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisTestProxy, gredis_test_proxy_free)

G_END_DECLS
