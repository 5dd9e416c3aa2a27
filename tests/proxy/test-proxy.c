/* test-proxy.c: the fault-injection proxy of the test library, with raw
 * sockets and hand-written RESP against a real redis-server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-proxy.h"
#include "gredis-test-server.h"

#include <errno.h>
#include <string.h>
#include <sys/socket.h>

/* Every blocking step of these tests gives up after this long. */
#define IO_TIMEOUT_S 5

#define PING "*1\r\n$4\r\nPING\r\n"
#define PONG "+PONG\r\n"

typedef struct {
  GredisTestServer *server;
  GredisTestProxy *proxy;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnectable) upstream = NULL;

  f->server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  upstream = g_network_address_new ("127.0.0.1", gredis_test_server_get_port (f->server));
  f->proxy = gredis_test_proxy_new (upstream, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_pointer (&f->proxy, gredis_test_proxy_free);
  g_clear_pointer (&f->server, gredis_test_server_stop);
}

static GSocketConnection *
proxy_connect (Fixture  *f,
               GError  **error)
{
  g_autoptr(GSocketClient) client = g_socket_client_new ();

  g_socket_client_set_enable_proxy (client, FALSE);
  /* Also the I/O timeout of the connection's socket: no read below blocks
   * for longer. */
  g_socket_client_set_timeout (client, IO_TIMEOUT_S);
  return g_socket_client_connect_to_host (client, "127.0.0.1", gredis_test_proxy_get_port (f->proxy),
                                          NULL, error);
}

static GSocketConnection *
proxy_connect_ok (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GSocketConnection *connection = proxy_connect (f, &error);

  g_assert_no_error (error);
  return connection;
}

static GSocket *
socket_of (GSocketConnection *connection)
{
  return g_socket_connection_get_socket (connection);
}

/* A RESP command from its arguments. */
static GString *
resp_command (const char *first,
              ...)
{
  GString *command = g_string_new (NULL);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  va_list ap;

  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);

  g_string_append_printf (command, "*%u\r\n", args->len);
  for (guint i = 0; i < args->len; i++)
    {
      const char *arg = g_ptr_array_index (args, i);
      g_string_append_printf (command, "$%zu\r\n%s\r\n", strlen (arg), arg);
    }
  return command;
}

static void
send_bytes (GSocketConnection *connection,
            const void        *data,
            gsize              length)
{
  g_autoptr(GError) error = NULL;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));

  g_output_stream_write_all (out, data, length, NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
send_text (GSocketConnection *connection,
           const char        *text)
{
  send_bytes (connection, text, strlen (text));
}

/* Reads exactly @length bytes (each read bounded by the socket timeout). */
static GString *
read_exactly (GSocketConnection *connection,
              gsize              length,
              guint             *n_reads,
              gsize             *max_read)
{
  g_autoptr(GError) error = NULL;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GString *data = g_string_sized_new (length);
  char buf[64 * 1024];

  while (data->len < length)
    {
      gssize n = g_input_stream_read (in, buf, MIN (sizeof buf, length - data->len), NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_string_append_len (data, buf, n);
      if (n_reads != NULL)
        (*n_reads)++;
      if (max_read != NULL)
        *max_read = MAX (*max_read, (gsize) n);
    }
  return data;
}

static void
assert_reply (GSocketConnection *connection,
              const char        *expected)
{
  g_autoptr(GString) reply = read_exactly (connection, strlen (expected), NULL, NULL);

  g_assert_cmpstr (reply->str, ==, expected);
}

/* Reads until end-of-file, which must come within the socket timeout. */
static GString *
read_to_eof (GSocketConnection *connection)
{
  g_autoptr(GError) error = NULL;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  GString *data = g_string_new (NULL);
  char buf[4096];
  gssize n;

  while ((n = g_input_stream_read (in, buf, sizeof buf, NULL, &error)) > 0)
    g_string_append_len (data, buf, n);
  g_assert_no_error (error);
  g_assert_cmpint (n, ==, 0);
  return data;
}

/* Asserts that nothing can be read now, and that the connection is not
 * at end-of-file either. */
static void
assert_nothing_to_read (GSocketConnection *connection)
{
  g_autoptr(GError) error = NULL;
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (connection));
  char buf[64];
  gssize n;

  n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (in), buf, sizeof buf, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
  g_assert_cmpint (n, ==, -1);
}

/* Waits (bounded) for the connection to become readable, then expects the
 * kernel to report a reset. */
static void
assert_reset (GSocketConnection *connection)
{
  g_autoptr(GError) error = NULL;
  char buf[64];
  gssize n;
  int saved_errno;

  g_socket_condition_timed_wait (socket_of (connection), G_IO_IN, IO_TIMEOUT_S * G_USEC_PER_SEC,
                                 NULL, &error);
  g_assert_no_error (error);
  n = recv (g_socket_get_fd (socket_of (connection)), buf, sizeof buf, MSG_DONTWAIT);
  saved_errno = errno;
  g_assert_cmpint (n, ==, -1);
  g_assert_cmpint (saved_errno, ==, ECONNRESET);
}

/* Polls @get until it returns @expected, for at most IO_TIMEOUT_S. */
static void
wait_for_count (GredisTestProxy *proxy,
                guint64        (*get) (GredisTestProxy *, GredisTestProxyDirection),
                GredisTestProxyDirection direction,
                guint64          expected)
{
  gint64 deadline = g_get_monotonic_time () + IO_TIMEOUT_S * G_USEC_PER_SEC;

  while (get (proxy, direction) != expected && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_cmpuint (get (proxy, direction), ==, expected);
}

static void
wait_for_n_open (GredisTestProxy *proxy,
                 guint            expected)
{
  gint64 deadline = g_get_monotonic_time () + IO_TIMEOUT_S * G_USEC_PER_SEC;

  while (gredis_test_proxy_get_n_open (proxy) != expected && g_get_monotonic_time () < deadline)
    g_usleep (10 * 1000);
  g_assert_cmpuint (gredis_test_proxy_get_n_open (proxy), ==, expected);
}

static void
test_pass (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = proxy_connect_ok (f);
  g_autofree char *uri = gredis_test_proxy_get_uri (f->proxy);
  g_autofree char *expected_uri = g_strdup_printf ("redis://127.0.0.1:%u", gredis_test_proxy_get_port (f->proxy));

  g_assert_cmpstr (uri, ==, expected_uri);
  g_assert_cmpuint (gredis_test_proxy_get_port (f->proxy), !=, gredis_test_server_get_port (f->server));

  send_text (connection, PING);
  assert_reply (connection, PONG);

  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (f->proxy), ==, 1);
  g_assert_cmpuint (gredis_test_proxy_get_n_open (f->proxy), ==, 1);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), ==, strlen (PING));
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT), ==, strlen (PONG));
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_BOTH), ==,
                    strlen (PING) + strlen (PONG));
  g_assert_cmpuint (gredis_test_proxy_get_bytes_dropped (f->proxy, GREDIS_TEST_PROXY_BOTH), ==, 0);

  /* The client's close reaches the server, and the server's close comes
   * back: the proxy lets the connection go. */
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  wait_for_n_open (f->proxy, 0);
}

static void
test_delay (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = proxy_connect_ok (f);
  g_autoptr(GError) error = NULL;
  gint64 start;

  send_text (connection, PING);
  assert_reply (connection, PONG);

  /* 500 ms each way: the proxy holds the request... */
  gredis_test_proxy_set_delay (f->proxy, GREDIS_TEST_PROXY_BOTH, 500);
  start = g_get_monotonic_time ();
  send_text (connection, PING);
  wait_for_count (f->proxy, gredis_test_proxy_get_bytes_held, GREDIS_TEST_PROXY_TO_SERVER, strlen (PING));
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), ==,
                    strlen (PING));
  /* ...then the reply, while nothing comes to the client. */
  wait_for_count (f->proxy, gredis_test_proxy_get_bytes_held, GREDIS_TEST_PROXY_TO_CLIENT, strlen (PONG));
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), ==,
                    2 * strlen (PING));
  assert_nothing_to_read (connection);
  g_socket_condition_timed_wait (socket_of (connection), G_IO_IN, IO_TIMEOUT_S * G_USEC_PER_SEC, NULL, &error);
  g_assert_no_error (error);
  assert_reply (connection, PONG);
  g_test_message ("round trip with 2 x 500 ms of delay: %" G_GINT64_FORMAT " ms",
                  (g_get_monotonic_time () - start) / 1000);

  /* New connections are delayed too. */
  {
    g_autoptr(GSocketConnection) other = proxy_connect_ok (f);

    send_text (other, PING);
    wait_for_count (f->proxy, gredis_test_proxy_get_bytes_held, GREDIS_TEST_PROXY_TO_CLIENT, strlen (PONG));
    assert_nothing_to_read (other);
    assert_reply (other, PONG);
  }

  /* Back to pass: no delay for what comes next, and the order is kept. */
  gredis_test_proxy_set_pass (f->proxy, GREDIS_TEST_PROXY_BOTH);
  send_text (connection, "*2\r\n$4\r\nECHO\r\n$1\r\na\r\n");
  assert_reply (connection, "$1\r\na\r\n");
  g_assert_cmpuint (gredis_test_proxy_get_bytes_dropped (f->proxy, GREDIS_TEST_PROXY_BOTH), ==, 0);
}

static void
test_trickle (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = proxy_connect_ok (f);
  const gsize value_size = 1024 * 1024;
  g_autoptr(GString) set = g_string_new (NULL);
  g_autoptr(GString) get = NULL;
  g_autoptr(GString) reply = NULL;
  g_autofree char *header = NULL;
  g_autofree char *value = g_malloc (value_size);
  guint n_reads = 0;
  gsize max_read = 0;
  gint64 start;

  for (gsize i = 0; i < value_size; i++)
    value[i] = (char) ((i * 7 + i / 251) % 256);

  /* 16 KiB every 5 ms each way: the 1 MiB request outruns the proxy, which
   * stops reading past its bound, and the reply comes in pieces. */
  gredis_test_proxy_set_trickle (f->proxy, GREDIS_TEST_PROXY_BOTH, 16 * 1024, 5);
  start = g_get_monotonic_time ();
  g_string_append_printf (set, "*3\r\n$3\r\nSET\r\n$9\r\nbig-value\r\n$%zu\r\n", value_size);
  g_string_append_len (set, value, value_size);
  g_string_append (set, "\r\n");
  send_bytes (connection, set->str, set->len);
  assert_reply (connection, "+OK\r\n");

  get = resp_command ("GET", "big-value", NULL);
  send_bytes (connection, get->str, get->len);
  header = g_strdup_printf ("$%zu\r\n", value_size);
  reply = read_exactly (connection, strlen (header) + value_size + 2, &n_reads, &max_read);
  g_assert_cmpmem (reply->str, strlen (header), header, strlen (header));
  g_assert_cmpmem (reply->str + strlen (header), value_size, value, value_size);
  g_assert_cmpmem (reply->str + strlen (header) + value_size, 2, "\r\n", 2);
  g_test_message ("1 MiB up and down at 16 KiB per 5 ms: %" G_GINT64_FORMAT " ms, "
                  "%u reads of at most %zu bytes",
                  (g_get_monotonic_time () - start) / 1000, n_reads, max_read);

  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), ==,
                    set->len + get->len);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT), ==,
                    strlen ("+OK\r\n") + reply->len);
}

static void
test_trickle_slow (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = proxy_connect_ok (f);
  g_autoptr(GString) first = NULL;

  /* One byte every 300 ms: the first byte of the reply comes alone. */
  gredis_test_proxy_set_trickle (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT, 1, 300);
  send_text (connection, PING);
  first = read_exactly (connection, 1, NULL, NULL);
  g_assert_cmpstr (first->str, ==, "+");
  assert_nothing_to_read (connection);

  /* The rest comes at once in pass mode. */
  gredis_test_proxy_set_pass (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  assert_reply (connection, "PONG\r\n");
}

/* Writes without blocking until the kernel's buffers are full. */
static gsize
fill (GSocketConnection *connection)
{
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (connection));
  static char block[64 * 1024];
  gsize total = 0;

  memset (block, 'x', sizeof block);
  /* The bound only keeps a broken proxy from filling the memory. */
  while (total < 256 * 1024 * 1024)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (out), block,
                                                             sizeof block, NULL, &error);
      if (n < 0)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
          break;
        }
      total += n;
    }
  return total;
}

static void
test_bounded (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = proxy_connect_ok (f);
  const guint64 bound = 1024 * 1024 + 16 * 1024;   /* MAX_PENDING + one read */
  gint64 deadline = g_get_monotonic_time () + IO_TIMEOUT_S * G_USEC_PER_SEC;
  gsize written;

  send_text (connection, PING);
  assert_reply (connection, PONG);

  /* A long delay: whatever the client writes piles up in the proxy, until
   * the proxy stops reading. */
  gredis_test_proxy_set_delay (f->proxy, GREDIS_TEST_PROXY_TO_SERVER, 10000);
  written = fill (connection);
  while (gredis_test_proxy_get_bytes_held (f->proxy, GREDIS_TEST_PROXY_TO_SERVER) < 1024 * 1024 &&
         g_get_monotonic_time () < deadline)
    {
      written += fill (connection);
      g_usleep (10 * 1000);
    }
  g_test_message ("wrote %zu bytes, the proxy holds %" G_GUINT64_FORMAT, written,
                  gredis_test_proxy_get_bytes_held (f->proxy, GREDIS_TEST_PROXY_TO_SERVER));
  g_assert_cmpuint (gredis_test_proxy_get_bytes_held (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), >=, 1024 * 1024);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_held (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), <=, bound);
  g_assert_cmpuint (written, >, bound);

  /* Writing more does not make the proxy hold more. */
  written += fill (connection);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_held (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), <=, bound);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), ==,
                    strlen (PING));

  /* Dropping the connection lets the held bytes go. */
  gredis_test_proxy_drop (f->proxy);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_held (f->proxy, GREDIS_TEST_PROXY_BOTH), ==, 0);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_dropped (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), >=, 1024 * 1024);
}

static void
test_blackhole (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = proxy_connect_ok (f);
  g_autoptr(GError) error = NULL;
  g_autoptr(GString) echo_a = resp_command ("ECHO", "a", NULL);
  g_autoptr(GString) echo_b = resp_command ("ECHO", "b", NULL);
  gboolean readable;

  send_text (connection, PING);
  assert_reply (connection, PONG);

  gredis_test_proxy_set_blackhole (f->proxy, GREDIS_TEST_PROXY_BOTH);
  send_bytes (connection, echo_a->str, echo_a->len);
  /* The proxy read the request and dropped it... */
  wait_for_count (f->proxy, gredis_test_proxy_get_bytes_dropped, GREDIS_TEST_PROXY_TO_SERVER, echo_a->len);
  /* ...so no reply comes, and the connection stays open. */
  readable = g_socket_condition_timed_wait (socket_of (connection), G_IO_IN, 500 * 1000, NULL, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT);
  g_assert_false (readable);
  g_clear_error (&error);
  assert_nothing_to_read (connection);
  g_assert_cmpuint (gredis_test_proxy_get_n_open (f->proxy), ==, 1);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), ==,
                    strlen (PING));

  /* A new connection is accepted, and swallowed the same way. */
  {
    g_autoptr(GSocketConnection) other = proxy_connect_ok (f);

    send_text (other, PING);
    wait_for_count (f->proxy, gredis_test_proxy_get_bytes_dropped, GREDIS_TEST_PROXY_TO_SERVER,
                    echo_a->len + strlen (PING));
    assert_nothing_to_read (other);
  }

  /* Once the hole closes, the next command is answered; the dropped one
   * never reached the server. */
  gredis_test_proxy_set_pass (f->proxy, GREDIS_TEST_PROXY_BOTH);
  send_bytes (connection, echo_b->str, echo_b->len);
  assert_reply (connection, "$1\r\nb\r\n");
  g_assert_cmpuint (gredis_test_proxy_get_bytes_dropped (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT), ==, 0);
}

static void
test_blackhole_to_client (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = proxy_connect_ok (f);
  g_autoptr(GString) incr = resp_command ("INCR", "blackholed", NULL);
  g_autoptr(GString) get = resp_command ("GET", "blackholed", NULL);

  /* The server gets the command and runs it; only its reply is lost. */
  gredis_test_proxy_set_blackhole (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  send_bytes (connection, incr->str, incr->len);
  wait_for_count (f->proxy, gredis_test_proxy_get_bytes_dropped, GREDIS_TEST_PROXY_TO_CLIENT,
                  strlen (":1\r\n"));
  assert_nothing_to_read (connection);

  gredis_test_proxy_set_pass (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  send_bytes (connection, get->str, get->len);
  assert_reply (connection, "$1\r\n1\r\n");
}

static void
test_reset (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GSocketConnection) first = proxy_connect_ok (f);
  g_autoptr(GSocketConnection) second = proxy_connect_ok (f);
  g_autoptr(GSocketConnection) after = NULL;
  g_autoptr(GSocketConnection) refused = NULL;
  g_autoptr(GError) error = NULL;

  send_text (first, PING);
  assert_reply (first, PONG);
  send_text (second, PING);
  assert_reply (second, PONG);
  g_assert_cmpuint (gredis_test_proxy_get_n_open (f->proxy), ==, 2);

  gredis_test_proxy_reset (f->proxy);
  g_assert_cmpuint (gredis_test_proxy_get_n_open (f->proxy), ==, 0);
  assert_reset (first);
  assert_reset (second);

  /* The proxy keeps accepting and forwarding. */
  after = proxy_connect_ok (f);
  send_text (after, PING);
  assert_reply (after, PONG);

  /* Reset every new connection too. */
  g_assert_true (gredis_test_proxy_set_accept (f->proxy, GREDIS_TEST_PROXY_ACCEPT_RESET, &error));
  g_assert_no_error (error);
  /* The reset may come before the client is done connecting. */
  refused = proxy_connect (f, &error);
  if (refused != NULL)
    assert_reset (refused);
  else
    g_assert_error (error, G_IO_ERROR, (gint) g_io_error_from_errno (ECONNRESET));
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (f->proxy), ==, 4);

  /* The connection made before is not affected. */
  send_text (after, PING);
  assert_reply (after, PONG);
}

static void
test_close_after (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSocketConnection) connection = proxy_connect_ok (f);
  g_autoptr(GSocketConnection) fresh = NULL;
  g_autoptr(GSocketConnection) later = NULL;
  g_autoptr(GString) echo = resp_command ("ECHO", "0123456789abcdefghij", NULL);
  g_autoptr(GString) pipeline = g_string_new (PING);
  g_autoptr(GString) received = NULL;

  g_string_append_len (pipeline, echo->str, echo->len);

  send_text (connection, PING);
  assert_reply (connection, PONG);

  /* Counted from now on the current connection: "+PONG\r\n" and 3 bytes of
   * the ECHO reply, then end-of-file. */
  gredis_test_proxy_set_close_after (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT, 10);
  send_bytes (connection, pipeline->str, pipeline->len);
  received = read_to_eof (connection);
  g_assert_cmpuint (received->len, ==, 10);
  g_assert_cmpmem (received->str, received->len, "+PONG\r\n$20", 10);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT), ==,
                    strlen (PONG) + 10);
  g_string_free (g_steal_pointer (&received), TRUE);

  /* Counted from the start on a new connection. */
  fresh = proxy_connect_ok (f);
  send_bytes (fresh, pipeline->str, pipeline->len);
  received = read_to_eof (fresh);
  g_assert_cmpmem (received->str, received->len, "+PONG\r\n$20", 10);

  /* Both connections are gone once the clients close too. */
  g_io_stream_close (G_IO_STREAM (connection), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (fresh), NULL, NULL);
  wait_for_n_open (f->proxy, 0);

  gredis_test_proxy_set_pass (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  later = proxy_connect_ok (f);
  send_bytes (later, pipeline->str, pipeline->len);
  assert_reply (later, "+PONG\r\n$20\r\n0123456789abcdefghij\r\n");
}

static void
test_refuse (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GSocketConnection) before = proxy_connect_ok (f);
  g_autoptr(GSocketConnection) closed = NULL;
  g_autoptr(GSocketConnection) again = NULL;
  g_autoptr(GSocketConnection) refused = NULL;
  g_autoptr(GString) received = NULL;
  g_autoptr(GError) error = NULL;

  send_text (before, PING);
  assert_reply (before, PONG);

  g_assert_true (gredis_test_proxy_set_accept (f->proxy, GREDIS_TEST_PROXY_ACCEPT_REFUSE, &error));
  g_assert_no_error (error);
  refused = proxy_connect (f, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CONNECTION_REFUSED);
  g_assert_null (refused);
  g_clear_error (&error);

  /* The connection accepted before still works. */
  send_text (before, PING);
  assert_reply (before, PONG);

  /* Listening again, on the same port, closing what it accepts. */
  g_assert_true (gredis_test_proxy_set_accept (f->proxy, GREDIS_TEST_PROXY_ACCEPT_CLOSE, &error));
  g_assert_no_error (error);
  closed = proxy_connect_ok (f);
  received = read_to_eof (closed);
  g_assert_cmpuint (received->len, ==, 0);

  g_assert_true (gredis_test_proxy_set_accept (f->proxy, GREDIS_TEST_PROXY_ACCEPT_FORWARD, &error));
  g_assert_no_error (error);
  again = proxy_connect_ok (f);
  send_text (again, PING);
  assert_reply (again, PONG);
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (f->proxy), ==, 3);
}

static void
test_drop (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GSocketConnection) first = proxy_connect_ok (f);
  g_autoptr(GSocketConnection) second = proxy_connect_ok (f);
  g_autoptr(GSocketConnection) after = NULL;
  g_autoptr(GString) first_rest = NULL;
  g_autoptr(GString) second_rest = NULL;

  send_text (first, PING);
  assert_reply (first, PONG);
  send_text (second, PING);
  assert_reply (second, PONG);

  /* Held replies are dropped with the connections. */
  gredis_test_proxy_set_delay (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT, 2000);
  send_text (first, PING);
  wait_for_count (f->proxy, gredis_test_proxy_get_bytes_forwarded, GREDIS_TEST_PROXY_TO_SERVER, 3 * strlen (PING));

  gredis_test_proxy_drop (f->proxy);
  first_rest = read_to_eof (first);
  second_rest = read_to_eof (second);
  g_assert_cmpuint (first_rest->len, ==, 0);
  g_assert_cmpuint (second_rest->len, ==, 0);
  g_io_stream_close (G_IO_STREAM (first), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (second), NULL, NULL);
  wait_for_n_open (f->proxy, 0);

  gredis_test_proxy_set_pass (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT);
  after = proxy_connect_ok (f);
  send_text (after, PING);
  assert_reply (after, PONG);
}

static void
test_counters (Fixture       *f,
               gconstpointer  data)
{
  GSocketConnection *connections[3];
  guint64 sent = 0;
  guint64 received = 0;

  for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
    connections[i] = proxy_connect_ok (f);

  for (guint round = 0; round < 5; round++)
    for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
      {
        g_autofree char *text = g_strdup_printf ("connection %u round %u", i, round);
        g_autofree char *expected = g_strdup_printf ("$%zu\r\n%s\r\n" PONG, strlen (text), text);
        g_autoptr(GString) request = resp_command ("ECHO", text, NULL);

        g_string_append (request, PING);
        send_bytes (connections[i], request->str, request->len);
        assert_reply (connections[i], expected);
        sent += request->len;
        received += strlen (expected);
      }

  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (f->proxy), ==, G_N_ELEMENTS (connections));
  g_assert_cmpuint (gredis_test_proxy_get_n_open (f->proxy), ==, G_N_ELEMENTS (connections));
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_SERVER), ==, sent);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_forwarded (f->proxy, GREDIS_TEST_PROXY_TO_CLIENT), ==, received);
  g_assert_cmpuint (gredis_test_proxy_get_bytes_dropped (f->proxy, GREDIS_TEST_PROXY_BOTH), ==, 0);

  for (guint i = 0; i < G_N_ELEMENTS (connections); i++)
    {
      g_io_stream_close (G_IO_STREAM (connections[i]), NULL, NULL);
      g_object_unref (connections[i]);
    }
  wait_for_n_open (f->proxy, 0);
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (f->proxy), ==, G_N_ELEMENTS (connections));
}

static void
test_server_gone (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GSocketConnection) before = proxy_connect_ok (f);
  g_autoptr(GSocketConnection) after = NULL;
  g_autoptr(GString) received = NULL;

  send_text (before, PING);
  assert_reply (before, PONG);

  /* The server's end-of-file is passed on to the client... */
  gredis_test_server_kill (f->server);
  received = read_to_eof (before);
  g_assert_cmpuint (received->len, ==, 0);
  g_string_free (g_steal_pointer (&received), TRUE);

  /* ...and a client that the proxy cannot connect upstream reads one. */
  after = proxy_connect_ok (f);
  received = read_to_eof (after);
  g_assert_cmpuint (received->len, ==, 0);
  g_io_stream_close (G_IO_STREAM (before), NULL, NULL);
  g_io_stream_close (G_IO_STREAM (after), NULL, NULL);
  wait_for_n_open (f->proxy, 0);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/proxy/pass", Fixture, NULL, fixture_setup, test_pass, fixture_teardown);
  g_test_add ("/proxy/delay", Fixture, NULL, fixture_setup, test_delay, fixture_teardown);
  g_test_add ("/proxy/trickle", Fixture, NULL, fixture_setup, test_trickle, fixture_teardown);
  g_test_add ("/proxy/trickle-slow", Fixture, NULL, fixture_setup, test_trickle_slow, fixture_teardown);
  g_test_add ("/proxy/bounded", Fixture, NULL, fixture_setup, test_bounded, fixture_teardown);
  g_test_add ("/proxy/blackhole", Fixture, NULL, fixture_setup, test_blackhole, fixture_teardown);
  g_test_add ("/proxy/blackhole-to-client", Fixture, NULL, fixture_setup, test_blackhole_to_client,
              fixture_teardown);
  g_test_add ("/proxy/reset", Fixture, NULL, fixture_setup, test_reset, fixture_teardown);
  g_test_add ("/proxy/close-after", Fixture, NULL, fixture_setup, test_close_after, fixture_teardown);
  g_test_add ("/proxy/refuse", Fixture, NULL, fixture_setup, test_refuse, fixture_teardown);
  g_test_add ("/proxy/drop", Fixture, NULL, fixture_setup, test_drop, fixture_teardown);
  g_test_add ("/proxy/counters", Fixture, NULL, fixture_setup, test_counters, fixture_teardown);
  g_test_add ("/proxy/server-gone", Fixture, NULL, fixture_setup, test_server_gone, fixture_teardown);

  return g_test_run ();
}
