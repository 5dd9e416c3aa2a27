/* test-transport.c: the transport plugins against real redis-servers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-server.h"
#include "gredis-test-util.h"

#include <string.h>
#include <unistd.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <glib/gstdio.h>
#include <gio/gunixsocketaddress.h>

#define LARGE_VALUE_SIZE (5 * 1024 * 1024)

/* Sanitizer builds leave gio-tls out (see gredis_test_transport_testable()). */
#define SANITIZER_BUILD GREDIS_TEST_SANITIZER_BUILD

/* Helpers */

static GredisTransport *
new_transport (const char *name)
{
  g_autoptr(GError) error = NULL;
  GredisTransport *transport = gredis_transport_new_for_name (name, &error);

  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_TRANSPORT (transport));
  return transport;
}

static GSocketConnectable *
tcp_endpoint (const char *host,
              guint16     port)
{
  return g_network_address_new (host, port);
}

/* An endpoint for @server as @transport reaches it. */
static GSocketConnectable *
server_endpoint (GredisTestServer *server,
                 const char       *transport)
{
  if (g_str_equal (transport, "unix"))
    return G_SOCKET_CONNECTABLE (g_unix_socket_address_new (gredis_test_server_get_socket_path (server)));
  if (g_str_has_suffix (transport, "tls"))
    return tcp_endpoint ("localhost", gredis_test_server_get_tls_port (server));
  return tcp_endpoint (gredis_test_server_get_host (server), gredis_test_server_get_port (server));
}

static GredisTestServerFlags
server_flags (const char *transport)
{
  if (g_str_equal (transport, "unix"))
    return GREDIS_TEST_SERVER_UNIX;
  if (g_str_has_suffix (transport, "tls"))
    return GREDIS_TEST_SERVER_TLS;
  return GREDIS_TEST_SERVER_TCP;
}

static void
trust_test_ca (GredisTransport  *transport,
               GredisTestServer *server)
{
  g_object_set (transport, "tls-ca-file",
                gredis_test_server_get_tls_file (server, GREDIS_TEST_TLS_CA_CERT), NULL);
}

/* Connects a new @name transport, which stays in @transport, to @server. */
static GIOStream *
connect_to_server (GredisTestServer  *server,
                   const char        *name,
                   GredisTransport  **transport)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) endpoint = server_endpoint (server, name);
  GIOStream *stream;

  *transport = new_transport (name);
  if (g_str_has_suffix (name, "tls"))
    trust_test_ca (*transport, server);
  stream = gredis_transport_connect (*transport, endpoint, NULL, &error);
  g_assert_no_error (error);
  return stream;
}

/* A fake server on the IPv4 loopback, and the endpoint that reaches it. */
static GredisFakeServer *
new_fake_server (GSocketConnectable **endpoint)
{
  g_autoptr(GError) error = NULL;
  GredisFakeServer *fake = gredis_fake_server_new (&error);

  g_assert_no_error (error);
  *endpoint = tcp_endpoint ("127.0.0.1", gredis_fake_server_get_port (fake));
  return fake;
}

/* The endpoint of a new port, which stays in @blackhole, that accepts no
 * connection and refuses none. */
static GSocketConnectable *
new_blackhole_endpoint (GredisTestBlackhole **blackhole)
{
  g_autoptr(GError) error = NULL;

  *blackhole = gredis_test_blackhole_new (&error);
  g_assert_no_error (error);
  return tcp_endpoint ("127.0.0.1", gredis_test_blackhole_get_port (*blackhole));
}

/* Checks that a connect failed: no stream, an error of @domain and @code
 * whose message contains @part (unless %NULL). */
static void
assert_connect_failed (GIOStream  *stream,
                       GError     *error,
                       GQuark      domain,
                       gint        code,
                       const char *part)
{
  g_assert_error (error, domain, code);
  if (part != NULL)
    g_assert_nonnull (strstr (error->message, part));
  g_assert_null (stream);
}

/* Blocking request/reply over the raw stream. */
static void
assert_exchange (GIOStream  *stream,
                 const char *request,
                 const char *expected)
{
  g_autoptr(GError) error = NULL;
  gsize length = strlen (expected);
  g_autofree char *reply = g_malloc0 (length + 1);
  gsize n = 0;

  g_output_stream_write_all (g_io_stream_get_output_stream (stream), request, strlen (request),
                             NULL, NULL, &error);
  g_assert_no_error (error);
  g_input_stream_read_all (g_io_stream_get_input_stream (stream), reply, length, &n, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, length);
  g_assert_cmpstr (reply, ==, expected);
}

/* Non-blocking request/reply through the pollable sources, as the
 * connection engine does it: write everything, read @reply_length bytes. */
typedef struct {
  GMainLoop *loop;
  GPollableOutputStream *out;
  GPollableInputStream *in;
  const guint8 *request;
  gsize request_length;
  gsize written;
  guint8 *reply;
  gsize reply_length;
  gsize received;
  GError *error;
  guint sources;
} Exchange;

static void
exchange_source_done (Exchange *exchange)
{
  if (--exchange->sources == 0)
    g_main_loop_quit (exchange->loop);
}

static gboolean
on_writable (GObject  *stream,
             gpointer  user_data)
{
  Exchange *exchange = user_data;

  while (exchange->written < exchange->request_length)
    {
      GError *error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (exchange->out,
                                                             exchange->request + exchange->written,
                                                             exchange->request_length - exchange->written,
                                                             NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (error);
          return G_SOURCE_CONTINUE;
        }
      if (n < 0)
        {
          g_clear_error (&exchange->error);
          exchange->error = error;
          break;
        }
      exchange->written += n;
    }
  exchange_source_done (exchange);
  return G_SOURCE_REMOVE;
}

static gboolean
on_readable (GObject  *stream,
             gpointer  user_data)
{
  Exchange *exchange = user_data;

  while (exchange->received < exchange->reply_length)
    {
      GError *error = NULL;
      gssize n = g_pollable_input_stream_read_nonblocking (exchange->in,
                                                           exchange->reply + exchange->received,
                                                           MIN (65536, exchange->reply_length - exchange->received),
                                                           NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (error);
          return G_SOURCE_CONTINUE;
        }
      if (n <= 0)
        {
          if (n == 0)
            g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "closed early");
          g_clear_error (&exchange->error);
          exchange->error = error;
          break;
        }
      exchange->received += n;
    }
  exchange_source_done (exchange);
  return G_SOURCE_REMOVE;
}

static GBytes *
pollable_exchange (GIOStream  *stream,
                   GBytes     *request,
                   gsize       reply_length,
                   GError    **error)
{
  Exchange exchange = { 0 };
  GSource *source;

  exchange.loop = g_main_loop_new (NULL, FALSE);
  exchange.out = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream));
  exchange.in = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream));
  g_assert_true (g_pollable_output_stream_can_poll (exchange.out));
  g_assert_true (g_pollable_input_stream_can_poll (exchange.in));
  exchange.request = g_bytes_get_data (request, &exchange.request_length);
  exchange.reply = g_malloc (reply_length);
  exchange.reply_length = reply_length;
  exchange.sources = 2;

  source = g_pollable_output_stream_create_source (exchange.out, NULL);
  g_source_set_callback (source, (GSourceFunc) (void (*) (void)) on_writable, &exchange, NULL);
  g_source_attach (source, NULL);
  g_source_unref (source);
  source = g_pollable_input_stream_create_source (exchange.in, NULL);
  g_source_set_callback (source, (GSourceFunc) (void (*) (void)) on_readable, &exchange, NULL);
  g_source_attach (source, NULL);
  g_source_unref (source);

  g_main_loop_run (exchange.loop);
  g_main_loop_unref (exchange.loop);
  if (exchange.error != NULL)
    {
      g_propagate_error (error, exchange.error);
      g_free (exchange.reply);
      return NULL;
    }
  return g_bytes_new_take (exchange.reply, reply_length);
}

typedef struct {
  GAsyncResult *result;
} AsyncWait;

static void
async_done (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  AsyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_context_wakeup (NULL);
}

typedef struct {
  GCancellable *cancellable;
  GredisFakeServer *fake;    /* cancel once it has received bytes; NULL: at once */
} CancelWhen;

static gboolean
cancel_cb (gpointer user_data)
{
  CancelWhen *when = user_data;

  if (when->fake != NULL && gredis_fake_server_get_n_received (when->fake) == 0)
    return G_SOURCE_CONTINUE;
  g_cancellable_cancel (when->cancellable);
  return G_SOURCE_REMOVE;
}

/* Connects asynchronously in the default context and cancels after
 * @cancel_after_ms, or (with @fake) as soon as @fake has received the
 * first bytes of the TLS handshake. */
static GIOStream *
connect_and_cancel (GredisTransport     *transport,
                    GSocketConnectable  *endpoint,
                    guint                cancel_after_ms,
                    GredisFakeServer    *fake,
                    GError             **error)
{
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  CancelWhen when = { cancellable, fake };
  AsyncWait wait = { 0 };
  GIOStream *stream;
  guint id;

  id = g_timeout_add (cancel_after_ms, cancel_cb, &when);
  gredis_transport_connect_async (transport, endpoint, cancellable, async_done, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  if (!g_cancellable_is_cancelled (cancellable))
    g_source_remove (id);
  stream = gredis_transport_connect_finish (transport, wait.result, error);
  g_object_unref (wait.result);
  return stream;
}

static guint16
closed_port (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, &error);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;

  g_assert_no_error (error);
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  g_assert_no_error (error);
  /* Bound but not listening: connects are refused. */
  return g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));
}

/* Tests run for every transport */

static void
test_ping (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (server_flags (name), NULL, &error);
  g_autoptr(GredisTransport) transport = NULL;
  g_autoptr(GIOStream) stream = NULL;

  g_assert_no_error (error);
  stream = connect_to_server (server, name, &transport);
  g_assert_true (G_IS_IO_STREAM (stream));
  g_assert_true (G_IS_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream)));
  g_assert_true (G_IS_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream)));

  assert_exchange (stream, "PING\r\n", "+PONG\r\n");
  assert_exchange (stream, "*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n", "$5\r\nhello\r\n");
  g_io_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
}

static void
test_large_value (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (server_flags (name), NULL, &error);
  g_autoptr(GredisTransport) transport = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GByteArray) request = g_byte_array_new ();
  g_autoptr(GBytes) request_bytes = NULL;
  g_autoptr(GBytes) reply = NULL;
  g_autoptr(GString) expected = g_string_new ("+OK\r\n");
  g_autofree guint8 *value = g_malloc (LARGE_VALUE_SIZE);
  g_autofree char *header = NULL;
  GRand *rand = g_rand_new_with_seed (4);

  g_assert_no_error (error);
  for (gsize i = 0; i < LARGE_VALUE_SIZE; i++)
    value[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);

  header = g_strdup_printf ("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$%d\r\n", LARGE_VALUE_SIZE);
  g_byte_array_append (request, (const guint8 *) header, strlen (header));
  g_byte_array_append (request, value, LARGE_VALUE_SIZE);
  g_byte_array_append (request, (const guint8 *) "\r\n*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n", 24);
  request_bytes = g_byte_array_free_to_bytes (g_steal_pointer (&request));
  g_string_append_printf (expected, "$%d\r\n", LARGE_VALUE_SIZE);
  g_string_append_len (expected, (const char *) value, LARGE_VALUE_SIZE);
  g_string_append (expected, "\r\n");

  stream = connect_to_server (server, name, &transport);
  reply = pollable_exchange (stream, request_bytes, expected->len, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (g_bytes_get_data (reply, NULL), g_bytes_get_size (reply), expected->str, expected->len);

  /* And once more over the blocking calls. */
  assert_exchange (stream, "*2\r\n$6\r\nSTRLEN\r\n$3\r\nbig\r\n", ":5242880\r\n");
}

static void
test_cancel_before (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (server_flags (name), NULL, &error);
  g_autoptr(GredisTransport) transport = new_transport (name);
  g_autoptr(GSocketConnectable) endpoint = server_endpoint (server, name);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GIOStream) stream = NULL;

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  stream = gredis_transport_connect (transport, endpoint, cancellable, &error);
  assert_connect_failed (stream, error, G_IO_ERROR, G_IO_ERROR_CANCELLED, NULL);
}

static void
test_load_by_name (void)
{
  const char * const names[] = { "tcp", "unix", "tls", "gio-tls", NULL };
  g_autoptr(GredisPluginInfo) info = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(GredisTransport) transport = new_transport (names[i]);
      guint timeout = 0;

      g_object_get (transport, "connect-timeout-ms", &timeout, NULL);
      g_assert_cmpuint (timeout, ==, 5000);
      g_object_set (transport, "connect-timeout-ms", 1234, NULL);
      g_object_get (transport, "connect-timeout-ms", &timeout, NULL);
      g_assert_cmpuint (timeout, ==, 1234);
    }

  /* tcp is the default transport. */
  info = gredis_plugins_lookup (GREDIS_PLUGIN_TRANSPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_plugin_info_get_name (info), ==, "tcp");
}

/* tcp */

static void
test_tcp_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTransport) transport = new_transport ("tcp");
  guint16 port = closed_port ();
  g_autoptr(GSocketConnectable) endpoint = tcp_endpoint ("127.0.0.1", port);
  g_autoptr(GIOStream) stream = NULL;
  g_autofree char *where = g_strdup_printf ("127.0.0.1:%u", port);

  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  assert_connect_failed (stream, error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, "refused");
  g_assert_nonnull (strstr (error->message, where));
}

/* A resolver that knows no names, so that no test asks a DNS server. */
typedef GResolver NoNamesResolver;
typedef GResolverClass NoNamesResolverClass;
static GType no_names_resolver_get_type (void);
G_DEFINE_TYPE (NoNamesResolver, no_names_resolver, G_TYPE_RESOLVER)

static GList *
no_names_lookup (GResolver     *resolver,
                 const char    *hostname,
                 GCancellable  *cancellable,
                 GError       **error)
{
  g_set_error (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND, "Name %s not found", hostname);
  return NULL;
}

static GList *
no_names_lookup_with_flags (GResolver                 *resolver,
                            const char                *hostname,
                            GResolverNameLookupFlags   flags,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  return no_names_lookup (resolver, hostname, cancellable, error);
}

static void
no_names_lookup_async (GResolver           *resolver,
                       const char          *hostname,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);
  GError *error = NULL;

  no_names_lookup (resolver, hostname, cancellable, &error);
  g_task_return_error (task, error);
}

static void
no_names_lookup_with_flags_async (GResolver                *resolver,
                                  const char               *hostname,
                                  GResolverNameLookupFlags  flags,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  no_names_lookup_async (resolver, hostname, cancellable, callback, user_data);
}

static GList *
no_names_lookup_finish (GResolver     *resolver,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
no_names_resolver_class_init (NoNamesResolverClass *klass)
{
  klass->lookup_by_name = no_names_lookup;
  klass->lookup_by_name_async = no_names_lookup_async;
  klass->lookup_by_name_finish = no_names_lookup_finish;
  klass->lookup_by_name_with_flags = no_names_lookup_with_flags;
  klass->lookup_by_name_with_flags_async = no_names_lookup_with_flags_async;
  klass->lookup_by_name_with_flags_finish = no_names_lookup_finish;
}

static void
no_names_resolver_init (NoNamesResolver *resolver)
{
}

static void
test_tcp_host_not_found (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GResolver) original = g_resolver_get_default ();
  g_autoptr(GResolver) resolver = g_object_new (no_names_resolver_get_type (), NULL);
  g_autoptr(GredisTransport) transport = new_transport (name);
  g_autoptr(GSocketConnectable) endpoint = tcp_endpoint ("no-such-host.invalid", 6379);
  g_autoptr(GIOStream) stream = NULL;

  g_resolver_set_default (resolver);
  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  g_resolver_set_default (original);
  assert_connect_failed (stream, error, GREDIS_ERROR, GREDIS_ERROR_HOST_NOT_FOUND, "not found");
  g_assert_nonnull (strstr (error->message, "no-such-host.invalid"));
}

static void
test_connect_timeout (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestBlackhole) blackhole = NULL;
  g_autoptr(GSocketConnectable) endpoint = new_blackhole_endpoint (&blackhole);
  g_autoptr(GredisTransport) transport = new_transport (name);
  g_autoptr(GIOStream) stream = NULL;

  g_object_set (transport, "connect-timeout-ms", 200, NULL);
  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  assert_connect_failed (stream, error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT, "200 ms");
}

static void
test_cancel_during_connect (gconstpointer data)
{
  const char *name = data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestBlackhole) blackhole = NULL;
  g_autoptr(GSocketConnectable) endpoint = new_blackhole_endpoint (&blackhole);
  g_autoptr(GredisTransport) transport = new_transport (name);
  g_autoptr(GIOStream) stream = NULL;

  /* No deadline: only the cancellation can end the connect. */
  g_object_set (transport, "connect-timeout-ms", 0, NULL);
  stream = connect_and_cancel (transport, endpoint, 50, NULL, &error);
  assert_connect_failed (stream, error, G_IO_ERROR, G_IO_ERROR_CANCELLED, NULL);
}

static void
test_tcp_properties (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisTransport) transport = new_transport ("tcp");
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GIOStream) stream = NULL;
  GSocket *socket;
  gint value = 0;

  g_assert_no_error (error);
  g_object_set (transport, "keepalive", TRUE, "keepalive-idle-s", 42, "keepalive-interval-s", 7,
                "keepalive-count", 5, "proxy", FALSE, NULL);
  endpoint = server_endpoint (server, "tcp");
  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (G_IS_SOCKET_CONNECTION (stream));
  socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (stream));
  g_assert_true (g_socket_get_keepalive (socket));
  g_socket_get_option (socket, IPPROTO_TCP, TCP_NODELAY, &value, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value, !=, 0);
  g_socket_get_option (socket, IPPROTO_TCP, TCP_KEEPIDLE, &value, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 42);
  g_socket_get_option (socket, IPPROTO_TCP, TCP_KEEPINTVL, &value, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 7);
  g_socket_get_option (socket, IPPROTO_TCP, TCP_KEEPCNT, &value, &error);
  g_assert_no_error (error);
  g_assert_cmpint (value, ==, 5);
}

static void
test_tcp6 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP6, NULL, &error);
  g_autoptr(GredisTransport) transport = new_transport ("tcp");
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GIOStream) stream = NULL;

  if (error != NULL && strstr (error->message, "Cannot assign requested address") != NULL)
    {
      g_test_skip ("No IPv6 loopback on this machine");
      return;
    }
  g_assert_no_error (error);
  endpoint = tcp_endpoint ("::1", gredis_test_server_get_port (server));
  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  g_assert_no_error (error);
  assert_exchange (stream, "PING\r\n", "+PONG\r\n");
}

static void
test_wrong_endpoint (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTransport) tcp = new_transport ("tcp");
  g_autoptr(GredisTransport) unix_transport = new_transport ("unix");
  g_autoptr(GSocketConnectable) path = G_SOCKET_CONNECTABLE (g_unix_socket_address_new ("/nonexistent/sock"));
  g_autoptr(GSocketConnectable) host = tcp_endpoint ("127.0.0.1", 6379);
  g_autoptr(GIOStream) stream = NULL;

  stream = gredis_transport_connect (tcp, path, NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_clear_error (&error);
  stream = gredis_transport_connect (unix_transport, host, NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_assert_null (stream);
}

/* unix */

static void
test_unix_missing (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = g_dir_make_tmp ("gredis-unix-XXXXXX", &error);
  g_autofree char *path = g_build_filename (directory, "nothing.sock", NULL);
  g_autoptr(GredisTransport) transport = new_transport ("unix");
  g_autoptr(GSocketConnectable) endpoint = G_SOCKET_CONNECTABLE (g_unix_socket_address_new (path));
  g_autoptr(GIOStream) stream = NULL;

  g_assert_no_error (error);
  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  assert_connect_failed (stream, error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, path);
  g_rmdir (directory);
}

static void
test_unix_abstract (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup_printf ("gredis-test-%d-%u", getpid (), g_random_int ());
  g_autoptr(GSocketAddress) address = g_unix_socket_address_new_with_type (name, -1, G_UNIX_SOCKET_ADDRESS_ABSTRACT);
  g_autoptr(GSocket) listener = g_socket_new (G_SOCKET_FAMILY_UNIX, G_SOCKET_TYPE_STREAM,
                                              G_SOCKET_PROTOCOL_DEFAULT, &error);
  g_autoptr(GSocket) accepted = NULL;
  g_autoptr(GredisTransport) transport = new_transport ("unix");
  g_autoptr(GIOStream) stream = NULL;
  char buf[8] = "";

  g_assert_no_error (error);
  g_socket_bind (listener, address, FALSE, &error);
  g_assert_no_error (error);
  g_socket_listen (listener, &error);
  g_assert_no_error (error);

  stream = gredis_transport_connect (transport, G_SOCKET_CONNECTABLE (address), NULL, &error);
  g_assert_no_error (error);
  accepted = g_socket_accept (listener, NULL, &error);
  g_assert_no_error (error);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), "hi", 2, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_socket_receive (accepted, buf, 2, NULL, &error), ==, 2);
  g_assert_cmpstr (buf, ==, "hi");
}

/* tls */

typedef struct {
  GredisTestServer *server;
  GredisTransport *transport;
} TlsFixture;

typedef struct {
  GredisTestServerFlags flags;
  const char *transport;
  /* For test_tls_refused(): what its error message says. */
  const char * const *expected;
} TlsCase;

static void
tls_setup (TlsFixture    *fixture,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  const TlsCase *tls_case = data;

  fixture->server = gredis_test_server_start (tls_case->flags, NULL, &error);
  g_assert_no_error (error);
  fixture->transport = new_transport (tls_case->transport);
  trust_test_ca (fixture->transport, fixture->server);
}

static void
tls_teardown (TlsFixture    *fixture,
              gconstpointer  data)
{
  g_clear_object (&fixture->transport);
  g_clear_pointer (&fixture->server, gredis_test_server_stop);
}

static GIOStream *
tls_connect (TlsFixture  *fixture,
             const char  *host,
             GError     **error)
{
  g_autoptr(GSocketConnectable) endpoint =
    tcp_endpoint (host, gredis_test_server_get_tls_port (fixture->server));

  return gredis_transport_connect (fixture->transport, endpoint, NULL, error);
}

static const char *
tls_file (TlsFixture        *fixture,
          GredisTestTlsFile  which)
{
  return gredis_test_server_get_tls_file (fixture->server, which);
}

/* Connects to @host and checks that the stream answers. */
static void
tls_assert_ping (TlsFixture *fixture,
                 const char *host)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOStream) stream = tls_connect (fixture, host, &error);

  g_assert_no_error (error);
  assert_exchange (stream, "PING\r\n", "+PONG\r\n");
}

/* Connects to @host and checks that it fails with @code and a message
 * that contains @part (unless %NULL); returns the error. */
static GError *
tls_connect_error (TlsFixture  *fixture,
                   const char  *host,
                   GredisError  code,
                   const char  *part)
{
  GError *error = NULL;
  g_autoptr(GIOStream) stream = tls_connect (fixture, host, &error);

  assert_connect_failed (stream, error, GREDIS_ERROR, code, part);
  return error;
}

static void
test_tls_ip_address (TlsFixture    *fixture,
                     gconstpointer  data)
{
  /* The certificate has IP:127.0.0.1 among its names. */
  tls_assert_ping (fixture, "127.0.0.1");
}

/* The server's certificate is refused (self-signed, for another host,
 * expired), with a message that says why. */
static void
test_tls_refused (TlsFixture    *fixture,
                  gconstpointer  data)
{
  const TlsCase *tls_case = data;
  g_autoptr(GError) error = tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, NULL);

  for (guint i = 0; tls_case->expected[i] != NULL; i++)
    g_assert_nonnull (strstr (error->message, tls_case->expected[i]));
}

static void
test_tls_untrusted (TlsFixture    *fixture,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_object_set (fixture->transport, "tls-ca-file", tls_file (fixture, GREDIS_TEST_TLS_OTHER_CA_CERT), NULL);
  error = tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, "not trusted");
  g_assert_nonnull (strstr (error->message, "Gredis test CA"));
}

static void
test_tls_server_name (TlsFixture    *fixture,
                      gconstpointer  data)
{
  /* The server presents wrong.example's certificate: naming it fixes
   * the check, whatever address is dialled. */
  g_object_set (fixture->transport, "tls-server-name", "wrong.example", NULL);
  tls_assert_ping (fixture, "127.0.0.1");
}

static void
test_tls_protocol_version (TlsFixture    *fixture,
                           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  g_object_set (fixture->transport, "tls-min-version", "1.3", NULL);
  error = tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, "protocol version");

  /* 1.2 (the default minimum) works with the same server. */
  g_object_set (fixture->transport, "tls-min-version", "1.2",
                "tls-ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256", NULL);
  tls_assert_ping (fixture, "localhost");
}

static void
test_tls_bad_options (TlsFixture    *fixture,
                      gconstpointer  data)
{
  g_object_set (fixture->transport, "tls-min-version", "1.4", NULL);
  g_error_free (tls_connect_error (fixture, "localhost", GREDIS_ERROR_CONFIG, NULL));

  g_object_set (fixture->transport, "tls-min-version", "1.2", "tls-ciphers", "NO-SUCH-CIPHER", NULL);
  g_error_free (tls_connect_error (fixture, "localhost", GREDIS_ERROR_CONFIG, "NO-SUCH-CIPHER"));

  g_object_set (fixture->transport, "tls-ciphers", NULL, "tls-verify", "sometimes", NULL);
  g_error_free (tls_connect_error (fixture, "localhost", GREDIS_ERROR_CONFIG, NULL));

  g_object_set (fixture->transport, "tls-verify", "required", "tls-ca-file", "/nonexistent/ca.pem", NULL);
  g_error_free (tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, "/nonexistent/ca.pem"));
}

/* With TLS 1.3 the server checks the client certificate after the
 * client's side of the handshake is done, so the refusal may come with
 * the first read; either way it is a TLS error that says what is
 * missing. */
static void
test_tls_client_cert_required (TlsFixture    *fixture,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOStream) stream = tls_connect (fixture, "localhost", &error);

  if (stream != NULL)
    {
      char buf[16];

      g_output_stream_write_all (g_io_stream_get_output_stream (stream), "PING\r\n", 6, NULL, NULL, &error);
      if (error == NULL)
        g_input_stream_read (g_io_stream_get_input_stream (stream), buf, sizeof buf, NULL, &error);
    }
  g_assert_nonnull (error);
  if (error->domain == G_TLS_ERROR)
    {
      /* gio-tls hands out GIO's own TLS stream: after the handshake its
       * errors are GIO's, which name the alert. */
      g_test_message ("%s", error->message);
      g_assert_cmpstr (((const TlsCase *) data)->transport, ==, "gio-tls");
      g_assert_nonnull (strstr (error->message, "ertificate"));
      return;
    }
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS);
  g_assert_nonnull (strstr (error->message, "client certificate"));
}

static void
test_tls_client_cert_pem (TlsFixture    *fixture,
                          gconstpointer  data)
{
  g_object_set (fixture->transport,
                "tls-cert-file", tls_file (fixture, GREDIS_TEST_TLS_CLIENT_CERT),
                "tls-key-file", tls_file (fixture, GREDIS_TEST_TLS_CLIENT_KEY), NULL);
  tls_assert_ping (fixture, "localhost");
}

static void
test_tls_client_cert (TlsFixture    *fixture,
                      gconstpointer  data)
{
  test_tls_client_cert_pem (fixture, data);

  /* The same key, encrypted. */
  g_object_set (fixture->transport,
                "tls-key-file", tls_file (fixture, GREDIS_TEST_TLS_CLIENT_KEY_ENCRYPTED),
                "tls-key-password", GREDIS_TEST_TLS_KEY_PASSWORD, NULL);
  tls_assert_ping (fixture, "localhost");
}

/* What GIO has no API for is refused, not ignored; the tls transport
 * takes the same settings. */
static void
test_gio_tls_unsupported (TlsFixture    *fixture,
                          gconstpointer  data)
{
  const TlsCase *tls_case = data;
  gboolean gio = g_str_equal (tls_case->transport, "gio-tls");
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOStream) stream = NULL;

  g_object_set (fixture->transport, "tls-ciphers", "ECDHE-ECDSA-AES128-GCM-SHA256:TLS_AES_128_GCM_SHA256",
                "tls-cert-file", tls_file (fixture, GREDIS_TEST_TLS_CLIENT_CERT),
                "tls-key-file", tls_file (fixture, GREDIS_TEST_TLS_CLIENT_KEY), NULL);
  stream = tls_connect (fixture, "localhost", &error);
  if (gio)
    {
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED);
      g_clear_error (&error);
    }
  else
    g_assert_no_error (error);
  g_clear_object (&stream);

  g_object_set (fixture->transport, "tls-ciphers", NULL,
                "tls-key-file", tls_file (fixture, GREDIS_TEST_TLS_CLIENT_KEY_ENCRYPTED),
                "tls-key-password", GREDIS_TEST_TLS_KEY_PASSWORD, NULL);
  stream = tls_connect (fixture, "localhost", &error);
  if (gio)
    {
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED);
      g_assert_null (strstr (error->message, GREDIS_TEST_TLS_KEY_PASSWORD));
    }
  else
    g_assert_no_error (error);
}

static void
test_tls_key_errors (TlsFixture    *fixture,
                     gconstpointer  data)
{
  const char *wrong_password = "not-the-password-1234";
  g_autoptr(GError) error = NULL;
  const char *encrypted = tls_file (fixture, GREDIS_TEST_TLS_CLIENT_KEY_ENCRYPTED);

  g_object_set (fixture->transport,
                "tls-cert-file", tls_file (fixture, GREDIS_TEST_TLS_CLIENT_CERT),
                "tls-key-file", encrypted, NULL);
  error = tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, "encrypted");
  g_assert_nonnull (strstr (error->message, encrypted));
  g_clear_error (&error);

  g_object_set (fixture->transport, "tls-key-password", wrong_password, NULL);
  error = tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, "password is wrong");
  g_assert_null (strstr (error->message, wrong_password));
  g_clear_error (&error);

  g_object_set (fixture->transport, "tls-key-file", "/nonexistent/client.key", NULL);
  error = tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, "/nonexistent/client.key");
  g_assert_null (strstr (error->message, wrong_password));
  g_clear_error (&error);

  /* A key that does not belong to the certificate. */
  g_object_set (fixture->transport, "tls-key-file", tls_file (fixture, GREDIS_TEST_TLS_SERVER_KEY),
                "tls-key-password", NULL, NULL);
  error = tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, "does not belong");
}

static void
test_tls_verify_none (TlsFixture    *fixture,
                      gconstpointer  data)
{
  if (g_test_subprocess ())
    {
      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      g_object_set (fixture->transport, "tls-verify", "none", "tls-ca-file", NULL, NULL);
      tls_assert_ping (fixture, "localhost");
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*verification is off*");
}

static void
test_tls_verify_optional (TlsFixture    *fixture,
                          gconstpointer  data)
{
  /* The chain is checked, the name is not. */
  g_object_set (fixture->transport, "tls-verify", "optional", NULL);
  tls_assert_ping (fixture, "localhost");

  g_object_set (fixture->transport, "tls-ca-file", tls_file (fixture, GREDIS_TEST_TLS_OTHER_CA_CERT), NULL);
  g_error_free (tls_connect_error (fixture, "localhost", GREDIS_ERROR_TLS, NULL));
}

/* A server that answers the client hello in plain text, as a Redis
 * server would if it ended the inline command (redis-server itself waits
 * for a newline that a client hello does not have: see
 * handshake-timeout). */
static void
test_tls_plain_server (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GredisFakeServer) fake = new_fake_server (&endpoint);
  g_autoptr(GredisTransport) transport = new_transport (data);
  g_autoptr(GIOStream) stream = NULL;

  gredis_fake_server_add_read (fake, 1);
  gredis_fake_server_add_send (fake, "-ERR unknown command\r\n", -1);
  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  /* GIO does not tell this case apart from other handshake errors. */
  if (g_str_equal (data, "tls"))
    g_assert_nonnull (strstr (error->message, "TLS port"));
  g_assert_null (stream);
}

static void
test_tls_handshake_timeout (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GredisFakeServer) fake = new_fake_server (&endpoint);
  g_autoptr(GredisTransport) transport = new_transport (data);
  g_autoptr(GIOStream) stream = NULL;

  gredis_fake_server_add_stall (fake, 0);
  /* Long enough for the TCP connect on a loaded machine (under ASan):
   * the timeout must strike in the handshake. */
  g_object_set (transport, "connect-timeout-ms", 1000, NULL);
  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  assert_connect_failed (stream, error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT, "handshake");
  /* The client did send its hello. */
  g_assert_cmpuint (gredis_fake_server_get_n_received (fake), >, 0);
}

static void
test_tls_cancel_handshake (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GredisFakeServer) fake = new_fake_server (&endpoint);
  g_autoptr(GredisTransport) transport = new_transport (data);
  g_autoptr(GIOStream) stream = NULL;

  gredis_fake_server_add_stall (fake, 0);
  g_object_set (transport, "connect-timeout-ms", 0, NULL);
  stream = connect_and_cancel (transport, endpoint, 10, fake, &error);
  assert_connect_failed (stream, error, G_IO_ERROR, G_IO_ERROR_CANCELLED, NULL);
  g_assert_cmpuint (gredis_fake_server_get_n_received (fake), >, 0);
}

static void
test_tls_server_closes (gconstpointer data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GredisFakeServer) fake = new_fake_server (&endpoint);
  g_autoptr(GredisTransport) transport = new_transport (data);
  g_autoptr(GIOStream) stream = NULL;

  /* Reads (and drops) the client hello first, so that the close is a
   * clean FIN rather than a reset over unread bytes. */
  gredis_fake_server_add_read (fake, 1);
  gredis_fake_server_add_stall (fake, 200);
  gredis_fake_server_add_close (fake);
  stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS);
  g_test_message ("%s", error->message);
  /* GIO may report an end of stream during the handshake as "not TLS". */
  g_assert_nonnull (strstr (error->message, g_str_equal (data, "tls") ? "closed the connection" : "TLS port"));
  g_assert_null (stream);
}

/* Blocking calls cancelled from another thread, and the pollable
 * sources (the tls and gio-tls streams alike). */

/* How long a cancelled blocking call may take to return before the test
 * gives up on it: a bound on a hang, not a measure of speed. */
#define CANCEL_GRACE_S 20

/* Cancels @cancellable from a thread of its own once @delay_ms have
 * passed, then waits for canceller_finish(): a blocking call that
 * ignores its cancellation fails the test with a message instead of
 * hanging until the harness' timeout. */
typedef struct {
  GCancellable *cancellable;
  const char *what;
  guint delay_ms;
  GMutex lock;
  GCond cond;
  gboolean done;
  GThread *thread;
} Canceller;

static gpointer
canceller_thread (gpointer user_data)
{
  Canceller *canceller = user_data;
  gint64 deadline;

  g_usleep (canceller->delay_ms * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (canceller->cancellable);

  deadline = g_get_monotonic_time () + CANCEL_GRACE_S * G_TIME_SPAN_SECOND;
  g_mutex_lock (&canceller->lock);
  while (!canceller->done)
    if (!g_cond_wait_until (&canceller->cond, &canceller->lock, deadline))
      g_error ("%s did not return within %d s of its cancellation", canceller->what, CANCEL_GRACE_S);
  g_mutex_unlock (&canceller->lock);
  return NULL;
}

static Canceller *
canceller_start (GCancellable *cancellable,
                 guint         delay_ms,
                 const char   *what)
{
  Canceller *canceller = g_new0 (Canceller, 1);

  canceller->cancellable = g_object_ref (cancellable);
  canceller->delay_ms = delay_ms;
  canceller->what = what;
  g_mutex_init (&canceller->lock);
  g_cond_init (&canceller->cond);
  canceller->thread = g_thread_new ("canceller", canceller_thread, canceller);
  return canceller;
}

static void
canceller_finish (Canceller *canceller)
{
  g_mutex_lock (&canceller->lock);
  canceller->done = TRUE;
  g_cond_signal (&canceller->cond);
  g_mutex_unlock (&canceller->lock);
  g_thread_join (canceller->thread);
  g_object_unref (canceller->cancellable);
  g_mutex_clear (&canceller->lock);
  g_cond_clear (&canceller->cond);
  g_free (canceller);
}

/* A blocking read that waits for bytes that do not come returns
 * CANCELLED when another thread cancels it, and takes nothing from the
 * stream: a reply that comes later is read whole. */
static void
test_tls_cancel_blocking_read (TlsFixture    *fixture,
                               gconstpointer  data)
{
  static const char blpop[] = "*3\r\n$5\r\nBLPOP\r\n$9\r\nlate-list\r\n$1\r\n0\r\n";
  static const char lpush[] = "*3\r\n$5\r\nLPUSH\r\n$9\r\nlate-list\r\n$4\r\nlate\r\n";
  static const char popped[] = "*2\r\n$9\r\nlate-list\r\n$4\r\nlate\r\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GIOStream) other = NULL;
  g_autoptr(GCancellable) cancellable = NULL;
  GInputStream *in;
  Canceller *canceller;
  char buf[64];
  gsize n = 0;

  stream = tls_connect (fixture, "localhost", &error);
  g_assert_no_error (error);
  in = g_io_stream_get_input_stream (stream);

  /* Nothing asked, nothing to read. */
  cancellable = g_cancellable_new ();
  canceller = canceller_start (cancellable, 100, "A blocking read with no request sent");
  g_assert_cmpint (g_input_stream_read (in, buf, sizeof buf, cancellable, &error), ==, -1);
  canceller_finish (canceller);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  assert_exchange (stream, "PING\r\n", "+PONG\r\n");

  /* A reply that the server holds back: BLPOP on an empty list. */
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), blpop, strlen (blpop), NULL,
                             NULL, &error);
  g_assert_no_error (error);
  g_clear_object (&cancellable);
  cancellable = g_cancellable_new ();
  canceller = canceller_start (cancellable, 100, "A blocking read of a delayed reply");
  g_assert_cmpint (g_input_stream_read (in, buf, sizeof buf, cancellable, &error), ==, -1);
  canceller_finish (canceller);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The reply comes once another client pushes, and is read whole. */
  other = tls_connect (fixture, "localhost", &error);
  g_assert_no_error (error);
  assert_exchange (other, lpush, ":1\r\n");
  memset (buf, 0, sizeof buf);
  g_input_stream_read_all (in, buf, strlen (popped), &n, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (buf, n, popped, strlen (popped));
  assert_exchange (stream, "PING\r\n", "+PONG\r\n");

  g_io_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
}

/* A blocking write of a large value to a server that reads nothing
 * (stopped) blocks until it is cancelled from another thread. The bytes
 * it reports written are exactly those that reach the server: the
 * request is then finished with writes of other sizes (a 1-byte one
 * first, shorter than a TLS record) and the value reads back intact.
 *
 * GIO's own TLS stream (gio-tls) cannot do that: GnuTLS must be given
 * the interrupted bytes again, and a shorter write then reports the
 * whole record written (more than it was given). There the request is
 * finished with the same bytes, the one way that works. */
static void
test_tls_cancel_blocking_write (TlsFixture    *fixture,
                                gconstpointer  data)
{
  const gsize value_size = 8 * 1024 * 1024;
  gboolean gio = g_str_equal (((const TlsCase *) data)->transport, "gio-tls");
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GByteArray) request = g_byte_array_new ();
  g_autoptr(GString) expected = g_string_new (NULL);
  g_autofree char *header = NULL;
  g_autofree char *reply = NULL;
  GOutputStream *out;
  GRand *rand = g_rand_new_with_seed (8);
  Canceller *canceller;
  gsize written = 0, n = 0;
  gsize value_start;
  gssize one;
  gboolean ok;

  header = g_strdup_printf ("*3\r\n$3\r\nSET\r\n$3\r\nbig\r\n$%" G_GSIZE_FORMAT "\r\n", value_size);
  g_byte_array_append (request, (const guint8 *) header, strlen (header));
  value_start = request->len;
  g_byte_array_set_size (request, value_start + value_size);
  for (gsize i = 0; i < value_size; i++)
    request->data[value_start + i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  g_byte_array_append (request, (const guint8 *) "\r\n", 2);

  stream = tls_connect (fixture, "localhost", &error);
  g_assert_no_error (error);
  out = g_io_stream_get_output_stream (stream);

  gredis_test_server_pause (fixture->server);
  canceller = canceller_start (cancellable, 200, "A blocking write to a stopped server");
  ok = g_output_stream_write_all (out, request->data, request->len, &written, cancellable, &error);
  canceller_finish (canceller);
  gredis_test_server_resume (fixture->server);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ok);
  g_test_message ("%" G_GSIZE_FORMAT " of %u bytes were written before the cancellation",
                  written, request->len);
  g_assert_cmpuint (written, <, request->len);
  g_clear_error (&error);

  /* The rest, in pieces of other sizes than before. */
  if (!gio)
    {
      one = g_output_stream_write (out, request->data + written, 1, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (one, ==, 1);
      written++;
    }
  g_output_stream_write_all (out, request->data + written, request->len - written, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_malloc0 (6);
  g_input_stream_read_all (g_io_stream_get_input_stream (stream), reply, 5, &n, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (reply, ==, "+OK\r\n");
  g_clear_pointer (&reply, g_free);

  g_string_append_printf (expected, "$%" G_GSIZE_FORMAT "\r\n", value_size);
  g_string_append_len (expected, (const char *) request->data + value_start, value_size);
  g_string_append (expected, "\r\n");
  g_output_stream_write_all (out, "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n", 22, NULL, NULL, &error);
  g_assert_no_error (error);
  reply = g_malloc (expected->len);
  g_input_stream_read_all (g_io_stream_get_input_stream (stream), reply, expected->len, &n, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpmem (reply, n, expected->str, expected->len);

  g_io_stream_close (stream, NULL, &error);
  g_assert_no_error (error);
}

/* Drives a stream through its pollable sources in a main context of its
 * own, one small write or read per dispatch, as an event loop that
 * never reads ahead does. After the first read, the rest of the reply
 * may wait decrypted in the TLS library, not on the socket: the read
 * source must still dispatch. */
typedef struct {
  GMainContext *context;
  GPollableOutputStream *out;
  GPollableInputStream *in;
  const guint8 *request;
  gsize request_length;
  gsize written;
  gsize write_chunk;
  guint8 *reply;
  gsize reply_length;
  gsize received;
  gsize read_chunk;
  gboolean readable_after_first;   /* is_readable() after the first read */
  gboolean timed_out;
  GError *error;
} Trickle;

static gboolean
trickle_writable (GObject  *stream,
                  gpointer  user_data)
{
  Trickle *trickle = user_data;
  GError *error = NULL;
  gssize n;

  n = g_pollable_output_stream_write_nonblocking (trickle->out, trickle->request + trickle->written,
                                                  MIN (trickle->write_chunk,
                                                       trickle->request_length - trickle->written),
                                                  NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (error);
      return G_SOURCE_CONTINUE;
    }
  if (n < 0)
    {
      g_clear_error (&trickle->error);
      trickle->error = error;
      return G_SOURCE_REMOVE;
    }
  trickle->written += n;
  return trickle->written < trickle->request_length ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
trickle_readable (GObject  *stream,
                  gpointer  user_data)
{
  Trickle *trickle = user_data;
  GError *error = NULL;
  gssize n;

  n = g_pollable_input_stream_read_nonblocking (trickle->in, trickle->reply + trickle->received,
                                                MIN (trickle->read_chunk,
                                                     trickle->reply_length - trickle->received),
                                                NULL, &error);
  if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
    {
      g_error_free (error);
      return G_SOURCE_CONTINUE;
    }
  if (n <= 0)
    {
      if (n == 0)
        g_set_error_literal (&error, G_IO_ERROR, G_IO_ERROR_CONNECTION_CLOSED, "closed early");
      g_clear_error (&trickle->error);
      trickle->error = error;
      return G_SOURCE_REMOVE;
    }
  if (trickle->received == 0 && (gsize) n < trickle->reply_length)
    trickle->readable_after_first = g_pollable_input_stream_is_readable (trickle->in);
  trickle->received += n;
  return trickle->received < trickle->reply_length ? G_SOURCE_CONTINUE : G_SOURCE_REMOVE;
}

static gboolean
trickle_timeout (gpointer user_data)
{
  Trickle *trickle = user_data;

  trickle->timed_out = TRUE;
  return G_SOURCE_REMOVE;
}

static void
trickle_exchange (GIOStream   *stream,
                  const void  *request,
                  gsize        request_length,
                  gsize        write_chunk,
                  const void  *expected,
                  gsize        expected_length,
                  gsize        read_chunk,
                  gboolean     expect_pending)
{
  Trickle trickle = { 0 };
  GSource *out_source, *in_source, *timeout;

  trickle.context = g_main_context_new ();
  trickle.out = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream));
  trickle.in = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream));
  trickle.request = request;
  trickle.request_length = request_length;
  trickle.write_chunk = write_chunk;
  trickle.reply = g_malloc0 (expected_length);
  trickle.reply_length = expected_length;
  trickle.read_chunk = read_chunk;

  out_source = g_pollable_output_stream_create_source (trickle.out, NULL);
  g_source_set_callback (out_source, (GSourceFunc) (void (*) (void)) trickle_writable, &trickle, NULL);
  g_source_attach (out_source, trickle.context);
  in_source = g_pollable_input_stream_create_source (trickle.in, NULL);
  g_source_set_callback (in_source, (GSourceFunc) (void (*) (void)) trickle_readable, &trickle, NULL);
  g_source_attach (in_source, trickle.context);
  /* A bound on a hang, not a measure of speed. */
  timeout = g_timeout_source_new_seconds (CANCEL_GRACE_S);
  g_source_set_callback (timeout, trickle_timeout, &trickle, NULL);
  g_source_attach (timeout, trickle.context);

  while (trickle.error == NULL && !trickle.timed_out &&
         (trickle.written < request_length || trickle.received < expected_length))
    g_main_context_iteration (trickle.context, TRUE);

  g_source_destroy (out_source);
  g_source_unref (out_source);
  g_source_destroy (in_source);
  g_source_unref (in_source);
  g_source_destroy (timeout);
  g_source_unref (timeout);
  g_main_context_unref (trickle.context);

  g_assert_no_error (trickle.error);
  if (trickle.timed_out)
    g_error ("The pollable sources stopped dispatching: %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT
             " bytes written, %" G_GSIZE_FORMAT " of %" G_GSIZE_FORMAT " read",
             trickle.written, request_length, trickle.received, expected_length);
  g_assert_cmpmem (trickle.reply, trickle.received, expected, expected_length);
  /* The stream says so too. */
  if (expect_pending)
    g_assert_true (trickle.readable_after_first);
  g_free (trickle.reply);
}

static void
test_tls_pollable_small_chunks (TlsFixture    *fixture,
                                gconstpointer  data)
{
  gboolean gio = g_str_equal (((const TlsCase *) data)->transport, "gio-tls");
  const gsize value_size = 256 * 1024 + 7;
  g_autoptr(GError) error = NULL;
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GByteArray) request = g_byte_array_new ();
  g_autoptr(GString) expected = g_string_new ("+OK\r\n");
  g_autofree char *header = NULL;
  g_autofree guint8 *value = g_malloc (value_size);
  GRand *rand = g_rand_new_with_seed (16);

  for (gsize i = 0; i < value_size; i++)
    value[i] = g_rand_int (rand) & 0xff;
  g_rand_free (rand);
  header = g_strdup_printf ("*3\r\n$3\r\nSET\r\n$5\r\nchunk\r\n$%" G_GSIZE_FORMAT "\r\n", value_size);
  g_byte_array_append (request, (const guint8 *) header, strlen (header));
  g_byte_array_append (request, value, value_size);
  {
    static const char tail[] = "\r\n*2\r\n$3\r\nGET\r\n$5\r\nchunk\r\nPING\r\n";
    g_byte_array_append (request, (const guint8 *) tail, strlen (tail));
  }
  g_string_append_printf (expected, "$%" G_GSIZE_FORMAT "\r\n", value_size);
  g_string_append_len (expected, (const char *) value, value_size);
  g_string_append (expected, "\r\n+PONG\r\n");

  stream = tls_connect (fixture, "localhost", &error);
  g_assert_no_error (error);

  if (gio)
    {
      /* glib-networking's sources wait for the socket only, not for the
       * rest of a record that GnuTLS has decrypted: a reader must take
       * whole records (16 KiB), as the connection engine does. */
      g_test_message ("gio-tls: reads of whole records only (glib-networking's sources "
                      "do not see a partly read record)");
      trickle_exchange (stream, request->data, request->len, 1000, expected->str, expected->len,
                        16 * 1024, FALSE);
    }
  else
    {
      /* A reply of one small TLS record, read a byte at a time: after
       * the first byte the rest is only in OpenSSL's buffer. */
      trickle_exchange (stream, "PING\r\n", 6, 6, "+PONG\r\n", 7, 1, TRUE);
      /* A reply of many records (more than 16 KiB each way), in pieces
       * that end inside records. */
      trickle_exchange (stream, request->data, request->len, 1000, expected->str, expected->len, 97,
                        FALSE);
    }
  /* The stream is still in step for blocking calls. */
  assert_exchange (stream, "*2\r\n$6\r\nSTRLEN\r\n$5\r\nchunk\r\n", ":262151\r\n");
}

/* Which transports a test of tests_per_transport[] runs for. */
typedef enum {
  ALL_TRANSPORTS,
  NETWORK_TRANSPORTS,   /* all but unix */
  TLS_TRANSPORTS,
} Transports;

static const struct {
  const char *name;
  Transports transports;
  GTestDataFunc func;
} tests_per_transport[] = {
  { "ping", ALL_TRANSPORTS, test_ping },
  { "large-value", ALL_TRANSPORTS, test_large_value },
  { "cancel-before-connect", ALL_TRANSPORTS, test_cancel_before },
  { "connect-timeout", NETWORK_TRANSPORTS, test_connect_timeout },
  { "cancel-during-connect", NETWORK_TRANSPORTS, test_cancel_during_connect },
  { "host-not-found", NETWORK_TRANSPORTS, test_tcp_host_not_found },
  { "plain-server", TLS_TRANSPORTS, test_tls_plain_server },
  { "handshake-timeout", TLS_TRANSPORTS, test_tls_handshake_timeout },
  { "cancel-during-handshake", TLS_TRANSPORTS, test_tls_cancel_handshake },
  { "server-closes", TLS_TRANSPORTS, test_tls_server_closes },
};

static const char * const self_signed_says[] = { "self-signed", NULL };
static const char * const wrong_host_says[] = { "“wrong.example”", "“localhost”", NULL };
static const char * const expired_says[] = { "expired", NULL };

/* The tests against a TLS redis-server (TlsFixture), for tls and, unless
 * they say otherwise, for gio-tls. */
static const struct {
  const char *name;
  GredisTestServerFlags flags;
  gboolean gio_tls_too;
  void (*func) (TlsFixture *, gconstpointer);
  const char * const *expected;
} tls_tests[] = {
  { "ip-address", GREDIS_TEST_SERVER_TLS, TRUE, test_tls_ip_address, NULL },
  { "untrusted-issuer", GREDIS_TEST_SERVER_TLS, TRUE, test_tls_untrusted, NULL },
  { "self-signed", GREDIS_TEST_SERVER_TLS_SELF_SIGNED, TRUE, test_tls_refused, self_signed_says },
  { "wrong-host", GREDIS_TEST_SERVER_TLS_WRONG_HOST, TRUE, test_tls_refused, wrong_host_says },
  { "server-name", GREDIS_TEST_SERVER_TLS_WRONG_HOST, TRUE, test_tls_server_name, NULL },
  { "expired", GREDIS_TEST_SERVER_TLS_EXPIRED, TRUE, test_tls_refused, expired_says },
  { "protocol-version", GREDIS_TEST_SERVER_TLS_1_2_ONLY, FALSE, test_tls_protocol_version, NULL },
  { "bad-options", GREDIS_TEST_SERVER_TLS, FALSE, test_tls_bad_options, NULL },
  { "client-cert-required", GREDIS_TEST_SERVER_TLS_CLIENT_AUTH, TRUE, test_tls_client_cert_required, NULL },
  { "client-cert", GREDIS_TEST_SERVER_TLS_CLIENT_AUTH, FALSE, test_tls_client_cert, NULL },
  { "client-cert-pem", GREDIS_TEST_SERVER_TLS_CLIENT_AUTH, TRUE, test_tls_client_cert_pem, NULL },
  { "key-errors", GREDIS_TEST_SERVER_TLS_CLIENT_AUTH, FALSE, test_tls_key_errors, NULL },
  { "verify-none", GREDIS_TEST_SERVER_TLS_SELF_SIGNED, TRUE, test_tls_verify_none, NULL },
  { "verify-optional", GREDIS_TEST_SERVER_TLS_WRONG_HOST, TRUE, test_tls_verify_optional, NULL },
  { "gio-tls-unsupported", GREDIS_TEST_SERVER_TLS_CLIENT_AUTH, TRUE, test_gio_tls_unsupported, NULL },
  { "cancel-blocking-read", GREDIS_TEST_SERVER_TLS, TRUE, test_tls_cancel_blocking_read, NULL },
  { "cancel-blocking-write", GREDIS_TEST_SERVER_TLS, TRUE, test_tls_cancel_blocking_write, NULL },
  { "pollable-small-chunks", GREDIS_TEST_SERVER_TLS, TRUE, test_tls_pollable_small_chunks, NULL },
};

int
main (int argc, char **argv)
{
  /* Sanitizer builds leave gio-tls, the last, out. */
  const char * const transports[] = { "tcp", "unix", "tls", "gio-tls" };
  const guint n_transports = G_N_ELEMENTS (transports) - (SANITIZER_BUILD ? 1 : 0);
  g_autoptr(GPtrArray) tls_cases = NULL;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/transport/load-by-name", test_load_by_name);
  /* Registers a skipped test saying why, in sanitizer builds. */
  gredis_test_transport_testable ("/transport", "gio-tls");
  for (guint i = 0; i < n_transports; i++)
    for (guint j = 0; j < G_N_ELEMENTS (tests_per_transport); j++)
      {
        Transports which = tests_per_transport[j].transports;
        g_autofree char *path = NULL;

        if ((which == NETWORK_TRANSPORTS && g_str_equal (transports[i], "unix")) ||
            (which == TLS_TRANSPORTS && !g_str_has_suffix (transports[i], "tls")))
          continue;
        path = g_strdup_printf ("/transport/%s/%s", transports[i], tests_per_transport[j].name);
        g_test_add_data_func (path, transports[i], tests_per_transport[j].func);
      }
  g_test_add_func ("/transport/tcp/refused", test_tcp_refused);
  g_test_add_func ("/transport/tcp/socket-options", test_tcp_properties);
  g_test_add_func ("/transport/tcp/ipv6", test_tcp6);
  g_test_add_func ("/transport/wrong-endpoint", test_wrong_endpoint);
  g_test_add_func ("/transport/unix/missing", test_unix_missing);
  g_test_add_func ("/transport/unix/abstract", test_unix_abstract);

  /* Adds /transport/<transport>/<name> for each TLS transport the test
   * runs for. */
  tls_cases = g_ptr_array_new_with_free_func (g_free);
  for (guint j = 0; j < G_N_ELEMENTS (tls_tests); j++)
    for (guint i = 2; i < (tls_tests[j].gio_tls_too ? n_transports : 3); i++)
      {
        TlsCase *tls_case = g_new0 (TlsCase, 1);
        g_autofree char *path = g_strdup_printf ("/transport/%s/%s", transports[i], tls_tests[j].name);

        tls_case->flags = tls_tests[j].flags;
        tls_case->transport = transports[i];
        tls_case->expected = tls_tests[j].expected;
        g_ptr_array_add (tls_cases, tls_case);
        g_test_add (path, TlsFixture, tls_case, tls_setup, tls_tests[j].func, tls_teardown);
      }

  return g_test_run ();
}
