/* gredis-test-server.h: real redis-servers, TLS material and a fake
 * server for the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/*
 * GredisTestServerFlags:
 * @GREDIS_TEST_SERVER_TCP: listen on a free port of 127.0.0.1.
 * @GREDIS_TEST_SERVER_TCP6: listen on a free port of ::1 (the same port
 *   number as TCP when both are given).
 * @GREDIS_TEST_SERVER_UNIX: listen on a Unix socket in the server's
 *   temporary directory. (The server always has this socket, since the
 *   fixture uses it to see that the server is up; the flag only says that
 *   the test wants it.)
 * @GREDIS_TEST_SERVER_TLS: listen with TLS on a free port of 127.0.0.1
 *   (and ::1 with TCP6), presenting the server certificate (signed by the
 *   test CA, valid for localhost, 127.0.0.1 and ::1).
 * @GREDIS_TEST_SERVER_TLS_CLIENT_AUTH: with TLS, require a client
 *   certificate signed by the test CA.
 * @GREDIS_TEST_SERVER_TLS_WRONG_HOST: with TLS, present a certificate
 *   (signed by the test CA) for "wrong.example" instead.
 * @GREDIS_TEST_SERVER_TLS_EXPIRED: with TLS, present an expired
 *   certificate (signed by the test CA, valid for localhost).
 * @GREDIS_TEST_SERVER_TLS_SELF_SIGNED: with TLS, present a self-signed
 *   certificate for localhost.
 * @GREDIS_TEST_SERVER_TLS_1_2_ONLY: with TLS, accept TLS 1.2 only.
 *
 * TLS implies a plain TCP port only when TCP is given too.
 */
typedef enum {
  GREDIS_TEST_SERVER_TCP                = 1 << 0,
  GREDIS_TEST_SERVER_TCP6               = 1 << 1,
  GREDIS_TEST_SERVER_UNIX               = 1 << 2,
  GREDIS_TEST_SERVER_TLS                = 1 << 3,
  GREDIS_TEST_SERVER_TLS_CLIENT_AUTH    = 1 << 4,
  GREDIS_TEST_SERVER_TLS_WRONG_HOST     = 1 << 5,
  GREDIS_TEST_SERVER_TLS_EXPIRED        = 1 << 6,
  GREDIS_TEST_SERVER_TLS_SELF_SIGNED    = 1 << 7,
  GREDIS_TEST_SERVER_TLS_1_2_ONLY       = 1 << 8,
} GredisTestServerFlags;

/*
 * GredisTestTlsFile: the files of GredisTestCerts.
 */
typedef enum {
  GREDIS_TEST_TLS_CA_CERT,               /* the test CA (trust anchor) */
  GREDIS_TEST_TLS_CA_KEY,
  GREDIS_TEST_TLS_OTHER_CA_CERT,         /* a CA that signed nothing we use */
  GREDIS_TEST_TLS_SERVER_CERT,           /* CN=localhost, SAN localhost 127.0.0.1 ::1 */
  GREDIS_TEST_TLS_SERVER_KEY,
  GREDIS_TEST_TLS_WRONG_HOST_CERT,       /* SAN wrong.example, by the test CA */
  GREDIS_TEST_TLS_WRONG_HOST_KEY,
  GREDIS_TEST_TLS_EXPIRED_CERT,          /* localhost, expired yesterday */
  GREDIS_TEST_TLS_EXPIRED_KEY,
  GREDIS_TEST_TLS_SELF_SIGNED_CERT,      /* localhost, self-signed */
  GREDIS_TEST_TLS_SELF_SIGNED_KEY,
  GREDIS_TEST_TLS_CLIENT_CERT,           /* CN=gredis-test-client, by the test CA */
  GREDIS_TEST_TLS_CLIENT_KEY,            /* unencrypted PEM */
  GREDIS_TEST_TLS_CLIENT_KEY_ENCRYPTED,  /* the same key, AES-256, GREDIS_TEST_TLS_KEY_PASSWORD */
  GREDIS_TEST_TLS_N_FILES,
} GredisTestTlsFile;

#define GREDIS_TEST_TLS_KEY_PASSWORD "gredis-test-key-password"

typedef struct _GredisTestCerts GredisTestCerts;

GredisTestCerts *gredis_test_certs_new      (const char         *directory,
                                             GError            **error);
const char      *gredis_test_certs_get_file (GredisTestCerts    *certs,
                                             GredisTestTlsFile   which);
void             gredis_test_certs_free     (GredisTestCerts    *certs);

typedef struct _GredisTestServer GredisTestServer;

GredisTestServer *gredis_test_server_start           (GredisTestServerFlags   flags,
                                                      const char * const     *extra_args,
                                                      GError                **error);
GredisTestServer *gredis_test_server_start_sentinel  (const char             *config,
                                                      GError                **error);
void              gredis_test_server_stop            (GredisTestServer       *server);

GredisTestServerFlags gredis_test_server_get_flags   (GredisTestServer       *server);
const char       *gredis_test_server_get_host        (GredisTestServer       *server);
guint16           gredis_test_server_get_port        (GredisTestServer       *server);
guint16           gredis_test_server_get_tls_port    (GredisTestServer       *server);
const char       *gredis_test_server_get_socket_path (GredisTestServer       *server);
const char       *gredis_test_server_get_directory   (GredisTestServer       *server);
const char       *gredis_test_server_get_tls_file    (GredisTestServer       *server,
                                                      GredisTestTlsFile       which);
GredisTestCerts  *gredis_test_server_get_certs       (GredisTestServer       *server);
char             *gredis_test_server_get_uri         (GredisTestServer       *server);
char             *gredis_test_server_get_tls_uri     (GredisTestServer       *server);
char             *gredis_test_server_get_unix_uri    (GredisTestServer       *server);
GPid              gredis_test_server_get_pid         (GredisTestServer       *server);
void              gredis_test_server_pause           (GredisTestServer       *server);
void              gredis_test_server_resume          (GredisTestServer       *server);
void              gredis_test_server_kill            (GredisTestServer       *server);
gboolean          gredis_test_server_restart         (GredisTestServer       *server,
                                                      GError                **error);

/* For g_test_add(): user_data is GUINT_TO_POINTER (flags). */
typedef struct {
  GredisTestServer *server;
} GredisTestServerFixture;

void gredis_test_server_fixture_setup    (GredisTestServerFixture *fixture,
                                          gconstpointer            flags);
void gredis_test_server_fixture_teardown (GredisTestServerFixture *fixture,
                                          gconstpointer            flags);

/* A loopback listener that completes no more handshakes: connects to it
 * hang until the client's timeout. */
typedef struct _GredisTestBlackhole GredisTestBlackhole;

GredisTestBlackhole *gredis_test_blackhole_new      (GError             **error);
guint16              gredis_test_blackhole_get_port (GredisTestBlackhole *blackhole);
void                 gredis_test_blackhole_free     (GredisTestBlackhole *blackhole);

/* A fake server on 127.0.0.1 (a free port), served from a thread of its
 * own, that plays the same script on every connection it accepts. */
typedef struct _GredisFakeServer GredisFakeServer;

GredisFakeServer *gredis_fake_server_new             (GError           **error);
void              gredis_fake_server_add_read        (GredisFakeServer  *server,
                                                      gsize              n_bytes);
void              gredis_fake_server_add_expect      (GredisFakeServer  *server,
                                                      const char        *text);
void              gredis_fake_server_add_send        (GredisFakeServer  *server,
                                                      const void        *data,
                                                      gssize             length);
void              gredis_fake_server_add_stall       (GredisFakeServer  *server,
                                                      guint              milliseconds);
void              gredis_fake_server_add_close       (GredisFakeServer  *server);
guint16           gredis_fake_server_get_port        (GredisFakeServer  *server);
guint             gredis_fake_server_get_n_accepted  (GredisFakeServer  *server);
gsize             gredis_fake_server_get_n_received  (GredisFakeServer  *server);
void              gredis_fake_server_free            (GredisFakeServer  *server);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisTestServer, gredis_test_server_stop)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisTestCerts, gredis_test_certs_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisTestBlackhole, gredis_test_blackhole_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisFakeServer, gredis_fake_server_free)

G_END_DECLS
