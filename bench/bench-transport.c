/* bench-transport.c: the transport plugins against plain sockets
 *
 * Starts a throwaway redis-server (plain TCP on 127.0.0.1, a Unix socket
 * in a temporary directory, TLS with a CA and certificate made for the
 * run) and measures, over the raw stream of each transport plugin (tcp,
 * unix, tls, gio-tls) and over blocking POSIX sockets without GLib (the
 * baselines, one per socket family, plus bare OpenSSL over such a socket):
 *
 *  - connect: the time to a usable stream (TLS: handshake included);
 *  - rtt/s: PING, wait for +PONG, one at a time;
 *  - SET+GET MB/s: SET of a --size value, GET of it back, repeated;
 *  - pipeline MB/s: a stream of 16 KiB SETs, 64 per write, the next
 *    batch written before the replies of the previous one are read.
 *
 * Requests are encoded once, before timing, with gredis_encode_command();
 * every row sends the same bytes and reads the replies with the same small
 * reader (it checks each reply's type and length, and the whole GET value
 * once per connection), so the rows differ only in the stream underneath.
 * Each cell is the median of --repeat runs; the transports take turns
 * within each run.
 *
 * The plugins' streams are used with blocking calls, or with --pollable
 * as the connection engine uses them: non-blocking calls, waiting on
 * their pollable sources in a GMainContext.
 *
 * Usage: bench-transport [--iterations N] [--seconds S] [--size BYTES]
 *                        [--repeat N] [--transports LIST] [--pollable] [--csv]
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE             /* sched_getaffinity() */

#include <gredis/gredis.h>
#include <gio/gunixsocketaddress.h>

#include "gredis-test-server.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <arpa/inet.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <time.h>
#include <unistd.h>

#ifdef GREDIS_BENCH_HAVE_OPENSSL
#include <openssl/err.h>
#include <openssl/ssl.h>
#include <openssl/x509v3.h>
#endif

#define READ_BUFFER_SIZE (64 * 1024)
#define PIPELINE_VALUE_SIZE (16 * 1024)
#define PIPELINE_BATCH 64
#define WARMUP_PINGS 100
#define MB 1e6

/* Options */
static int iterations = 20000;
static double seconds = 1.0;
static gint64 value_size = 1024 * 1024;
static int repeat = 3;
static gboolean csv = FALSE;
static gboolean pollable = FALSE;
static char *only = NULL;

/* Connections: one reader over two kinds of streams */

typedef struct _Conn Conn;

struct _Conn
{
  gssize   (*read_some) (Conn *conn, void *buffer, size_t length);
  gboolean (*write_all) (Conn *conn, const void *data, size_t length);
  void     (*close)     (Conn *conn);

  int fd;                       /* POSIX */
#ifdef GREDIS_BENCH_HAVE_OPENSSL
  SSL *ssl;                     /* bare OpenSSL */
#endif
  GIOStream *stream;            /* transport plugins */
  GInputStream *in;
  GOutputStream *out;
  GMainContext *context;        /* --pollable */

  guint8 *buffer;
  size_t start;
  size_t end;
  char *error;                  /* the first failure */
};

static gboolean
conn_fail (Conn       *conn,
           const char *format,
           ...) G_GNUC_PRINTF (2, 3);

static gboolean
conn_fail (Conn       *conn,
           const char *format,
           ...)
{
  va_list args;

  if (conn->error == NULL)
    {
      va_start (args, format);
      conn->error = g_strdup_vprintf (format, args);
      va_end (args);
    }
  return FALSE;
}

static double
now (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_MONOTONIC, &ts);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

/* Plain sockets, no GLib on the I/O path */

static gssize
posix_read_some (Conn   *conn,
                 void   *buffer,
                 size_t  length)
{
  for (;;)
    {
      ssize_t n = read (conn->fd, buffer, length);

      if (n > 0)
        return n;
      if (n == 0)
        return conn_fail (conn, "the server closed the connection"), -1;
      if (errno != EINTR)
        return conn_fail (conn, "read: %s", strerror (errno)), -1;
    }
}

static gboolean
posix_write_all (Conn       *conn,
                 const void *data,
                 size_t      length)
{
  const char *p = data;

  while (length > 0)
    {
      ssize_t n = send (conn->fd, p, length, MSG_NOSIGNAL);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return conn_fail (conn, "send: %s", strerror (errno));
        }
      p += n;
      length -= n;
    }
  return TRUE;
}

static void
posix_close (Conn *conn)
{
  if (conn->fd >= 0)
    close (conn->fd);
  conn->fd = -1;
}

static int
posix_connect_tcp (Conn     *conn,
                   guint16   port)
{
  struct sockaddr_in address = { 0 };
  int one = 1;
  int fd;

  address.sin_family = AF_INET;
  address.sin_port = htons (port);
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  fd = socket (AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0)
    return conn_fail (conn, "socket: %s", strerror (errno)), -1;
  /* As the tcp transport does. */
  setsockopt (fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  if (connect (fd, (struct sockaddr *) &address, sizeof address) < 0)
    {
      conn_fail (conn, "connect: %s", strerror (errno));
      close (fd);
      return -1;
    }
  return fd;
}

static gboolean
posix_open_tcp (Conn    *conn,
                guint16  port)
{
  conn->fd = posix_connect_tcp (conn, port);
  conn->read_some = posix_read_some;
  conn->write_all = posix_write_all;
  conn->close = posix_close;
  return conn->fd >= 0;
}

static gboolean
posix_open_unix (Conn       *conn,
                 const char *path)
{
  struct sockaddr_un address = { 0 };

  conn->read_some = posix_read_some;
  conn->write_all = posix_write_all;
  conn->close = posix_close;
  if (strlen (path) >= sizeof address.sun_path)
    return conn_fail (conn, "socket path too long: %s", path);
  address.sun_family = AF_UNIX;
  strcpy (address.sun_path, path);
  conn->fd = socket (AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (conn->fd < 0)
    return conn_fail (conn, "socket: %s", strerror (errno));
  if (connect (conn->fd, (struct sockaddr *) &address, sizeof address) < 0)
    return conn_fail (conn, "connect: %s", strerror (errno));
  return TRUE;
}

/* Bare OpenSSL over a blocking socket: what the tls plugin wraps */

#ifdef GREDIS_BENCH_HAVE_OPENSSL
static gboolean
openssl_fail (Conn       *conn,
              const char *what)
{
  char text[256];

  ERR_error_string_n (ERR_get_error (), text, sizeof text);
  ERR_clear_error ();
  return conn_fail (conn, "%s: %s", what, text);
}

static gssize
openssl_read_some (Conn   *conn,
                   void   *buffer,
                   size_t  length)
{
  size_t n = 0;

  if (SSL_read_ex (conn->ssl, buffer, length, &n) > 0)
    return n;
  return openssl_fail (conn, "SSL_read"), -1;
}

static gboolean
openssl_write_all (Conn       *conn,
                   const void *data,
                   size_t      length)
{
  size_t n = 0;

  /* A blocking SSL without partial writes writes everything or fails. */
  if (SSL_write_ex (conn->ssl, data, length, &n) > 0 && n == length)
    return TRUE;
  return openssl_fail (conn, "SSL_write");
}

static void
openssl_close (Conn *conn)
{
  if (conn->ssl != NULL)
    {
      SSL_shutdown (conn->ssl);
      SSL_free (conn->ssl);
      conn->ssl = NULL;
    }
  posix_close (conn);
}

static gboolean
openssl_open (Conn       *conn,
              guint16     port,
              const char *ca_file)
{
  SSL_CTX *ctx;

  conn->read_some = openssl_read_some;
  conn->write_all = openssl_write_all;
  conn->close = openssl_close;
  conn->fd = posix_connect_tcp (conn, port);
  if (conn->fd < 0)
    return FALSE;

  /* The same checks as the tls plugin's defaults: the peer is verified
   * against the given CA, by name, with TLS 1.2 at least. */
  ctx = SSL_CTX_new (TLS_client_method ());
  if (ctx == NULL)
    return openssl_fail (conn, "SSL_CTX_new");
  SSL_CTX_set_min_proto_version (ctx, TLS1_2_VERSION);
  /* Whole socket reads, not a record header then its body: the tls
   * plugin reads ahead too. */
  SSL_CTX_set_read_ahead (ctx, 1);
  SSL_CTX_set_verify (ctx, SSL_VERIFY_PEER, NULL);
  if (SSL_CTX_load_verify_locations (ctx, ca_file, NULL) != 1)
    {
      SSL_CTX_free (ctx);
      return openssl_fail (conn, "SSL_CTX_load_verify_locations");
    }
  conn->ssl = SSL_new (ctx);
  SSL_CTX_free (ctx);
  if (conn->ssl == NULL)
    return openssl_fail (conn, "SSL_new");
  X509_VERIFY_PARAM_set1_ip_asc (SSL_get0_param (conn->ssl), "127.0.0.1");
  SSL_set_fd (conn->ssl, conn->fd);
  if (SSL_connect (conn->ssl) != 1)
    return openssl_fail (conn, "SSL_connect");
  return TRUE;
}
#endif

/* The transport plugins: blocking calls on their GIOStream */

static gssize
gio_read_some (Conn   *conn,
               void   *buffer,
               size_t  length)
{
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read (conn->in, buffer, length, NULL, &error);

  if (n > 0)
    return n;
  if (n == 0)
    return conn_fail (conn, "the server closed the connection"), -1;
  return conn_fail (conn, "%s", error->message), -1;
}

static gboolean
gio_write_all (Conn       *conn,
               const void *data,
               size_t      length)
{
  g_autoptr(GError) error = NULL;

  if (g_output_stream_write_all (conn->out, data, length, NULL, NULL, &error))
    return TRUE;
  return conn_fail (conn, "%s", error->message);
}

/* --pollable: non-blocking calls, waiting on the streams' pollable
 * sources in a main context of the connection's own, as the connection
 * engine does on the caller's context. */

static gboolean
set_fired (GObject  *stream,
           gpointer  user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
gio_wait (Conn         *conn,
          GIOCondition  condition)
{
  GSource *source;
  gboolean fired = FALSE;

  if (condition == G_IO_IN)
    source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (conn->in), NULL);
  else
    source = g_pollable_output_stream_create_source (G_POLLABLE_OUTPUT_STREAM (conn->out), NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (set_fired), &fired, NULL);
  g_source_attach (source, conn->context);
  while (!fired)
    g_main_context_iteration (conn->context, TRUE);
  g_source_destroy (source);
  g_source_unref (source);
}

static gssize
gio_read_pollable (Conn   *conn,
                   void   *buffer,
                   size_t  length)
{
  for (;;)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (conn->in),
                                                           buffer, length, NULL, &error);

      if (n > 0)
        return n;
      if (n == 0)
        return conn_fail (conn, "the server closed the connection"), -1;
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return conn_fail (conn, "%s", error->message), -1;
      gio_wait (conn, G_IO_IN);
    }
}

static gboolean
gio_write_pollable (Conn       *conn,
                    const void *data,
                    size_t      length)
{
  const char *p = data;

  while (length > 0)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (G_POLLABLE_OUTPUT_STREAM (conn->out),
                                                             p, length, NULL, &error);

      if (n > 0)
        {
          p += n;
          length -= n;
        }
      else if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        gio_wait (conn, G_IO_OUT);   /* then the same bytes again */
      else
        return conn_fail (conn, "%s", error != NULL ? error->message : "nothing written");
    }
  return TRUE;
}

static void
gio_close (Conn *conn)
{
  if (conn->stream != NULL)
    {
      g_io_stream_close (conn->stream, NULL, NULL);
      g_clear_object (&conn->stream);
    }
  g_clear_pointer (&conn->context, g_main_context_unref);
}

static gboolean
gio_open (Conn               *conn,
          GredisTransport    *transport,
          GSocketConnectable *endpoint)
{
  g_autoptr(GError) error = NULL;

  conn->read_some = gio_read_some;
  conn->write_all = gio_write_all;
  conn->close = gio_close;
  conn->fd = -1;
  conn->stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  if (conn->stream == NULL)
    return conn_fail (conn, "%s", error->message);
  conn->in = g_io_stream_get_input_stream (conn->stream);
  conn->out = g_io_stream_get_output_stream (conn->stream);
  if (pollable)
    {
      if (!G_IS_POLLABLE_INPUT_STREAM (conn->in) || !G_IS_POLLABLE_OUTPUT_STREAM (conn->out) ||
          !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (conn->in)) ||
          !g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (conn->out)))
        return conn_fail (conn, "the transport's streams are not pollable");
      conn->context = g_main_context_new ();
      conn->read_some = gio_read_pollable;
      conn->write_all = gio_write_pollable;
    }
  return TRUE;
}

/* Reading replies */

static gboolean
fill (Conn *conn)
{
  gssize n;

  if (conn->start == conn->end)
    conn->start = conn->end = 0;
  else if (READ_BUFFER_SIZE - conn->end < 4096)
    {
      if (conn->start == 0 && conn->end == READ_BUFFER_SIZE)
        return conn_fail (conn, "a reply line longer than %d bytes", READ_BUFFER_SIZE);
      memmove (conn->buffer, conn->buffer + conn->start, conn->end - conn->start);
      conn->end -= conn->start;
      conn->start = 0;
    }
  n = conn->read_some (conn, conn->buffer + conn->end, READ_BUFFER_SIZE - conn->end);
  if (n < 0)
    return FALSE;
  conn->end += n;
  return TRUE;
}

/* Returns a line without its CRLF (not NUL-terminated) and consumes it. */
static const char *
read_line (Conn   *conn,
           size_t *length)
{
  size_t scanned = 0;

  for (;;)
    {
      const guint8 *start = conn->buffer + conn->start;
      size_t available = conn->end - conn->start;
      const guint8 *lf = available > scanned
                         ? memchr (start + scanned, '\n', available - scanned) : NULL;

      if (lf != NULL)
        {
          if (lf == start || lf[-1] != '\r')
            return conn_fail (conn, "a reply line without CRLF"), NULL;
          *length = lf - 1 - start;
          conn->start += lf + 1 - start;
          return (const char *) start;
        }
      scanned = available;
      if (!fill (conn))
        return NULL;
    }
}

static gboolean
expect_status (Conn       *conn,
               const char *expected)
{
  size_t expected_length = strlen (expected);
  size_t length;
  const char *line = read_line (conn, &length);

  if (line == NULL)
    return FALSE;
  if (length != expected_length || memcmp (line, expected, length) != 0)
    return conn_fail (conn, "expected %s, the server sent %.*s", expected,
                      (int) MIN (length, 200), line);
  return TRUE;
}

/* Reads a bulk string of @size bytes; compares it with @expected unless
 * that is NULL (only its length and CRLF are checked then). */
static gboolean
expect_bulk (Conn         *conn,
             size_t        size,
             const guint8 *expected)
{
  char header[32];
  size_t header_length = g_snprintf (header, sizeof header, "$%zu", size);
  size_t length;
  size_t offset = 0;
  const char *line = read_line (conn, &length);
  const guint8 *crlf;

  if (line == NULL)
    return FALSE;
  if (length != header_length || memcmp (line, header, length) != 0)
    return conn_fail (conn, "expected %s, the server sent %.*s", header,
                      (int) MIN (length, 200), line);
  while (offset < size)
    {
      size_t n;

      if (conn->start == conn->end && !fill (conn))
        return FALSE;
      n = MIN (size - offset, conn->end - conn->start);
      if (expected != NULL && memcmp (conn->buffer + conn->start, expected + offset, n) != 0)
        return conn_fail (conn, "GET returned other bytes than were SET");
      conn->start += n;
      offset += n;
    }
  while (conn->end - conn->start < 2)
    if (!fill (conn))
      return FALSE;
  crlf = conn->buffer + conn->start;
  if (crlf[0] != '\r' || crlf[1] != '\n')
    return conn_fail (conn, "a bulk string without its CRLF");
  conn->start += 2;
  return TRUE;
}

/* The requests, encoded once */

typedef struct
{
  GByteArray *ping;
  GByteArray *set;
  GByteArray *get;
  GByteArray *pipeline;         /* PIPELINE_BATCH SETs */
  guint8 *value;
  guint8 *pipeline_value;
} Requests;

static void
requests_init (Requests *r)
{
  const char *ping[] = { "PING" };
  const char *set[] = { "SET", "gredis-bench:value", NULL };
  const char *get[] = { "GET", "gredis-bench:value" };
  const char *pipe_set[] = { "SET", "gredis-bench:pipeline", NULL };
  gsize set_lengths[] = { 3, strlen (set[1]), value_size };
  gsize pipe_lengths[] = { 3, strlen (pipe_set[1]), PIPELINE_VALUE_SIZE };

  r->value = g_malloc (value_size);
  for (gint64 i = 0; i < value_size; i++)
    r->value[i] = 'a' + (i * 7 + i / 251) % 26;
  r->pipeline_value = g_malloc (PIPELINE_VALUE_SIZE);
  memset (r->pipeline_value, 'p', PIPELINE_VALUE_SIZE);
  set[2] = (const char *) r->value;
  pipe_set[2] = (const char *) r->pipeline_value;

  r->ping = g_byte_array_new ();
  gredis_encode_command (r->ping, 1, ping, NULL);
  r->set = g_byte_array_new ();
  gredis_encode_command (r->set, 3, set, set_lengths);
  r->get = g_byte_array_new ();
  gredis_encode_command (r->get, 2, get, NULL);
  r->pipeline = g_byte_array_new ();
  for (guint i = 0; i < PIPELINE_BATCH; i++)
    gredis_encode_command (r->pipeline, 3, pipe_set, pipe_lengths);
}

static void
requests_clear (Requests *r)
{
  g_byte_array_unref (r->ping);
  g_byte_array_unref (r->set);
  g_byte_array_unref (r->get);
  g_byte_array_unref (r->pipeline);
  g_free (r->value);
  g_free (r->pipeline_value);
}

/* The measurements: each returns a rate, or a negative number on failure */

static gboolean
warm_up (Conn           *conn,
         const Requests *r)
{
  for (int i = 0; i < WARMUP_PINGS; i++)
    if (!conn->write_all (conn, r->ping->data, r->ping->len) ||
        !expect_status (conn, "+PONG"))
      return FALSE;
  /* One checked SET/GET: the value must come back byte for byte. */
  return conn->write_all (conn, r->set->data, r->set->len) &&
         expect_status (conn, "+OK") &&
         conn->write_all (conn, r->get->data, r->get->len) &&
         expect_bulk (conn, value_size, r->value);
}

static double
measure_rtt (Conn           *conn,
             const Requests *r)
{
  double start = now ();

  for (int i = 0; i < iterations; i++)
    if (!conn->write_all (conn, r->ping->data, r->ping->len) ||
        !expect_status (conn, "+PONG"))
      return -1;
  return iterations / (now () - start);
}

static double
measure_set_get (Conn           *conn,
                 const Requests *r)
{
  double start = now ();
  double elapsed;
  guint64 n = 0;

  do
    {
      if (!conn->write_all (conn, r->set->data, r->set->len) ||
          !expect_status (conn, "+OK") ||
          !conn->write_all (conn, r->get->data, r->get->len) ||
          !expect_bulk (conn, value_size, NULL))
        return -1;
      n++;
      elapsed = now () - start;
    }
  while (elapsed < seconds);
  /* The value went out once and came back once. */
  return 2.0 * n * value_size / elapsed / MB;
}

static double
measure_pipeline (Conn           *conn,
                  const Requests *r)
{
  double start = now ();
  guint64 written = 0;
  guint64 answered = 0;

  if (!conn->write_all (conn, r->pipeline->data, r->pipeline->len))
    return -1;
  written++;
  while (answered < written)
    {
      /* Keep one batch in flight while the previous one is answered:
       * the replies (5 bytes each) never fill a socket buffer, so the
       * blocking write cannot deadlock with the server. */
      if (now () - start < seconds)
        {
          if (!conn->write_all (conn, r->pipeline->data, r->pipeline->len))
            return -1;
          written++;
        }
      for (int i = 0; i < PIPELINE_BATCH; i++)
        if (!expect_status (conn, "+OK"))
          return -1;
      answered++;
    }
  return (double) written * PIPELINE_BATCH * PIPELINE_VALUE_SIZE / (now () - start) / MB;
}

/* The rows of the table */

enum { M_CONNECT, M_RTT, M_SET_GET, M_PIPELINE, N_METRICS };

typedef enum {
  KIND_POSIX_TCP,
  KIND_POSIX_UNIX,
  KIND_OPENSSL,
  KIND_TRANSPORT,
} RowKind;

typedef struct
{
  const char *name;
  const char *family;           /* "inet" or "unix": which baseline applies */
  RowKind kind;
  const char *transport_name;   /* KIND_TRANSPORT */
  gboolean tls;
  gboolean enabled;
  GredisTransport *transport;
  GSocketConnectable *endpoint;
  GArray *samples[N_METRICS];   /* doubles */
  double result[N_METRICS];     /* medians */
  double spread[N_METRICS];     /* max / min over the runs */
  char *error;
} Row;

static Row rows[] = {
  { "posix-tcp",  "inet", KIND_POSIX_TCP,  NULL,      FALSE },
  { "posix-unix", "unix", KIND_POSIX_UNIX, NULL,      FALSE },
  { "openssl",    "inet", KIND_OPENSSL,    NULL,      TRUE },
  { "tcp",        "inet", KIND_TRANSPORT,  "tcp",     FALSE },
  { "unix",       "unix", KIND_TRANSPORT,  "unix",    FALSE },
  { "tls",        "inet", KIND_TRANSPORT,  "tls",     TRUE },
  { "gio-tls",    "inet", KIND_TRANSPORT,  "gio-tls", TRUE },
};

static Row *
find_row (const char *name)
{
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (g_str_equal (rows[i].name, name))
      return &rows[i];
  return NULL;
}

static const Row *
baseline_of (const Row *row)
{
  return find_row (g_str_equal (row->family, "unix") ? "posix-unix" : "posix-tcp");
}

static void
row_disable (Row        *row,
             const char *format,
             ...) G_GNUC_PRINTF (2, 3);

static void
row_disable (Row        *row,
             const char *format,
             ...)
{
  va_list args;

  row->enabled = FALSE;
  if (row->error == NULL)
    {
      va_start (args, format);
      row->error = g_strdup_vprintf (format, args);
      va_end (args);
    }
}

static void
row_prepare (Row              *row,
             GredisTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) wanted = only != NULL ? g_strsplit (only, ",", -1) : NULL;

  row->enabled = wanted == NULL || g_strv_contains ((const char * const *) wanted, row->name);
  if (!row->enabled)
    return;
  if (row->tls && gredis_test_server_get_tls_port (server) == 0)
    {
      row_disable (row, "no TLS listener (built without OpenSSL)");
      return;
    }
#ifndef GREDIS_BENCH_HAVE_OPENSSL
  if (row->kind == KIND_OPENSSL)
    {
      row_disable (row, "built without OpenSSL");
      return;
    }
#endif
  if (row->kind != KIND_TRANSPORT)
    return;

  row->transport = gredis_transport_new_for_name (row->transport_name, &error);
  if (row->transport == NULL)
    {
      row_disable (row, "%s", error->message);
      return;
    }
  if (g_str_equal (row->family, "unix"))
    row->endpoint = G_SOCKET_CONNECTABLE (g_unix_socket_address_new (gredis_test_server_get_socket_path (server)));
  else if (row->tls)
    {
      /* 127.0.0.1 as for tcp; the certificate names that address. */
      row->endpoint = g_network_address_new ("127.0.0.1", gredis_test_server_get_tls_port (server));
      g_object_set (row->transport, "tls-ca-file",
                    gredis_test_server_get_tls_file (server, GREDIS_TEST_TLS_CA_CERT), NULL);
    }
  else
    row->endpoint = g_network_address_new ("127.0.0.1", gredis_test_server_get_port (server));
}

static gboolean
row_connect (Row              *row,
             GredisTestServer *server,
             Conn             *conn)
{
  switch (row->kind)
    {
    case KIND_POSIX_TCP:
      return posix_open_tcp (conn, gredis_test_server_get_port (server));
    case KIND_POSIX_UNIX:
      return posix_open_unix (conn, gredis_test_server_get_socket_path (server));
    case KIND_OPENSSL:
#ifdef GREDIS_BENCH_HAVE_OPENSSL
      return openssl_open (conn, gredis_test_server_get_tls_port (server),
                           gredis_test_server_get_tls_file (server, GREDIS_TEST_TLS_CA_CERT));
#else
      return FALSE;
#endif
    case KIND_TRANSPORT:
      return gio_open (conn, row->transport, row->endpoint);
    }
  g_assert_not_reached ();
}

static void
add_sample (Row    *row,
            int     metric,
            double  value)
{
  g_array_append_val (row->samples[metric], value);
}

/* One connection: connect, warm up, the three measurements, close. */
static void
row_run_once (Row              *row,
              GredisTestServer *server,
              const Requests   *r)
{
  Conn conn = { .fd = -1 };
  double start, rate;

  conn.buffer = g_malloc (READ_BUFFER_SIZE);
  start = now ();
  if (!row_connect (row, server, &conn))
    goto failed;
  add_sample (row, M_CONNECT, (now () - start) * 1e3);

  if (!warm_up (&conn, r))
    goto failed;
  if ((rate = measure_rtt (&conn, r)) < 0)
    goto failed;
  add_sample (row, M_RTT, rate);
  if ((rate = measure_set_get (&conn, r)) < 0)
    goto failed;
  add_sample (row, M_SET_GET, rate);
  if ((rate = measure_pipeline (&conn, r)) < 0)
    goto failed;
  add_sample (row, M_PIPELINE, rate);
  goto out;

failed:
  row_disable (row, "%s", conn.error != NULL ? conn.error : "failed");
out:
  if (conn.close != NULL)
    conn.close (&conn);
  g_free (conn.buffer);
  g_free (conn.error);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

/* Sorts @samples; returns their median and, in @spread, max / min. */
static double
median (GArray *samples,
        double *spread)
{
  guint n = samples->len;

  *spread = -1;
  if (n == 0)
    return -1;
  g_array_sort (samples, compare_doubles);
  if (g_array_index (samples, double, 0) > 0)
    *spread = g_array_index (samples, double, n - 1) / g_array_index (samples, double, 0);
  if (n % 2 == 1)
    return g_array_index (samples, double, n / 2);
  return (g_array_index (samples, double, n / 2 - 1) + g_array_index (samples, double, n / 2)) / 2;
}

/* Output */

/* @row's rate as a fraction of @other's (both rates: higher is faster). */
static double
ratio (const Row *row,
       const Row *other,
       int        metric)
{
  if (row == NULL || other == NULL || row->error != NULL || other->error != NULL ||
      row->result[metric] <= 0 || other->result[metric] <= 0)
    return -1;
  return row->result[metric] / other->result[metric];
}

static void
print_ratio_cell (double value)
{
  if (value < 0)
    printf (" %7s", "-");
  else
    printf (" %6.2fx", value);
}

static void
print_csv_number (double value,
                  const char *format)
{
  putchar (',');
  if (value >= 0)
    printf (format, value);
}

static void
print_overhead (const Row *row,
                const Row *reference)
{
  const int metrics[] = { M_RTT, M_SET_GET, M_PIPELINE };
  const char *labels[] = { "rtt", "SET+GET", "pipeline" };

  if (row->error != NULL || !row->enabled || reference->error != NULL || !reference->enabled)
    return;
  printf ("  %-8s vs %-8s", row->name, reference->name);
  for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
    {
      double value = ratio (row, reference, metrics[m]);

      if (value < 0)
        printf ("  %s -", labels[m]);
      else
        printf ("  %s %.2fx (%+.0f%%)", labels[m], value, (1 / value - 1) * 100);
    }
  putchar ('\n');
}

static void
print_table (void)
{
  const Row *tcp = find_row ("tcp");
  const int metrics[] = { M_RTT, M_SET_GET, M_PIPELINE };

  if (csv)
    {
      printf ("transport,socket,connect_ms,rtt_per_s,rtt_vs_baseline,set_get_mb_per_s,"
              "set_get_vs_baseline,pipeline_mb_per_s,pipeline_vs_baseline,"
              "rtt_vs_tcp,set_get_vs_tcp,pipeline_vs_tcp\n");
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          const Row *row = &rows[i];

          if (row->error != NULL || !row->enabled)
            continue;
          printf ("%s,%s", row->name, row->family);
          print_csv_number (row->result[M_CONNECT], "%.3f");
          print_csv_number (row->result[M_RTT], "%.0f");
          print_csv_number (ratio (row, baseline_of (row), M_RTT), "%.3f");
          print_csv_number (row->result[M_SET_GET], "%.1f");
          print_csv_number (ratio (row, baseline_of (row), M_SET_GET), "%.3f");
          print_csv_number (row->result[M_PIPELINE], "%.1f");
          print_csv_number (ratio (row, baseline_of (row), M_PIPELINE), "%.3f");
          for (guint m = 0; m < G_N_ELEMENTS (metrics); m++)
            print_csv_number (row->tls ? ratio (row, tcp, metrics[m]) : -1, "%.3f");
          putchar ('\n');
        }
      return;
    }

  printf ("%-11s %-5s %10s %10s %8s %13s %8s %13s %8s\n",
          "transport", "sock", "connect ms", "rtt/s", "vs base",
          "SET+GET MB/s", "vs base", "pipeline MB/s", "vs base");
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      const Row *row = &rows[i];

      if (!row->enabled && row->error == NULL)
        continue;
      if (row->error != NULL)
        {
          printf ("%-11s %-5s skipped: %s\n", row->name, row->family, row->error);
          continue;
        }
      printf ("%-11s %-5s %10.3f %10.0f", row->name, row->family,
              row->result[M_CONNECT], row->result[M_RTT]);
      print_ratio_cell (ratio (row, baseline_of (row), M_RTT));
      printf (" %13.1f", row->result[M_SET_GET]);
      print_ratio_cell (ratio (row, baseline_of (row), M_SET_GET));
      printf (" %13.1f", row->result[M_PIPELINE]);
      print_ratio_cell (ratio (row, baseline_of (row), M_PIPELINE));
      putchar ('\n');
    }

  for (guint i = 0, shown = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].tls && rows[i].enabled && rows[i].error == NULL &&
        tcp->enabled && tcp->error == NULL)
      {
        if (shown++ == 0)
          printf ("\nTLS overhead (rate ratio; in parentheses the extra time per operation):\n");
        print_overhead (&rows[i], tcp);
      }
  /* The tls plugin wraps OpenSSL: what its stream layer costs on top. */
  print_overhead (find_row ("tls"), find_row ("openssl"));

  if (repeat > 1)
    {
      printf ("\nRun-to-run spread (max / min of the %d runs; large values mean a noisy machine):\n", repeat);
      for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
        {
          const Row *row = &rows[i];

          if (row->error != NULL || !row->enabled)
            continue;
          printf ("  %-11s connect %.2fx  rtt %.2fx  SET+GET %.2fx  pipeline %.2fx\n", row->name,
                  row->spread[M_CONNECT], row->spread[M_RTT], row->spread[M_SET_GET],
                  row->spread[M_PIPELINE]);
        }
    }
}

static void
print_setup (GredisTestServer *server)
{
  g_autofree char *version = NULL;
  cpu_set_t set;
  GString *cpus = g_string_new (NULL);

  g_spawn_command_line_sync ("redis-server --version", &version, NULL, NULL, NULL);
  if (version != NULL)
    g_strchomp (version);
  if (sched_getaffinity (0, sizeof set, &set) == 0)
    {
      for (int cpu = 0; cpu < CPU_SETSIZE; cpu++)
        if (CPU_ISSET (cpu, &set))
          g_string_append_printf (cpus, "%s%d", cpus->len > 0 ? "," : "", cpu);
    }
  printf ("server: %s (pid %d)\n", version != NULL ? version : "redis-server",
          (int) gredis_test_server_get_pid (server));
  printf ("CPUs allowed: %s of %d online (server inherits this affinity)\n",
          cpus->len > 0 ? cpus->str : "?", (int) sysconf (_SC_NPROCESSORS_ONLN));
  printf ("PING x %d per run; SET+GET of %" G_GINT64_FORMAT " bytes and %d x %d-byte SET "
          "batches for %.1f s per run; median of %d runs\n",
          iterations, value_size, PIPELINE_BATCH, PIPELINE_VALUE_SIZE, seconds, repeat);
  printf ("plugin streams used with %s\n",
          pollable ? "non-blocking calls and pollable sources (--pollable)"
                   : "blocking g_input_stream_read() / g_output_stream_write_all()");
  printf ("MB = 10^6 bytes of values; \"vs base\" = rate / plain-socket rate of the same family "
          "(inet rows against posix-tcp, unix rows against posix-unix)\n\n");
  g_string_free (cpus, TRUE);
}

static gboolean
parse_size (const char  *option_name,
            const char  *value,
            gpointer     data,
            GError     **error)
{
  char *end = NULL;
  guint64 n = g_ascii_strtoull (value, &end, 10);

  if (end == value)
    goto invalid;
  if (*end == 'k' || *end == 'K')
    n *= 1024, end++;
  else if (*end == 'm' || *end == 'M')
    n *= 1024 * 1024, end++;
  if (*end != '\0' || n == 0 || n > 512 * 1024 * 1024)
    goto invalid;
  value_size = n;
  return TRUE;

invalid:
  g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
               "%s: expected a size in bytes (1 to 512M, suffix K or M allowed), not %s",
               option_name, value);
  return FALSE;
}

int
main (int   argc,
      char *argv[])
{
  const GOptionEntry entries[] = {
    { "iterations", 'n', 0, G_OPTION_ARG_INT, &iterations, "PING round trips per run (default 20000)", "N" },
    { "seconds", 's', 0, G_OPTION_ARG_DOUBLE, &seconds, "Duration of each throughput run (default 1)", "S" },
    { "size", 'd', 0, G_OPTION_ARG_CALLBACK, parse_size, "Value size for SET+GET (default 1M)", "BYTES" },
    { "repeat", 'r', 0, G_OPTION_ARG_INT, &repeat, "Runs per cell, the median is shown (default 3)", "N" },
    { "transports", 't', 0, G_OPTION_ARG_STRING, &only,
      "Rows to run (default all): posix-tcp,posix-unix,openssl,tcp,unix,tls,gio-tls", "LIST" },
    { "pollable", 'p', 0, G_OPTION_ARG_NONE, &pollable,
      "Use the plugins' streams without blocking, waiting on their pollable sources", NULL },
    { "csv", 0, 0, G_OPTION_ARG_NONE, &csv, "Print CSV", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("- transport plugins against plain sockets");
  g_autoptr(GError) error = NULL;
  GredisTestServerFlags flags = GREDIS_TEST_SERVER_TCP | GREDIS_TEST_SERVER_UNIX;
  GredisTestServer *server;
  Requests requests;
  gboolean progress;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 1;
    }
  if (iterations <= 0 || seconds <= 0 || repeat <= 0)
    {
      g_printerr ("--iterations, --seconds and --repeat must be positive\n");
      return 1;
    }
#ifdef GREDIS_BENCH_PLUGIN_DIR
  g_setenv ("GREDIS_PLUGIN_PATH", GREDIS_BENCH_PLUGIN_DIR, FALSE);
#endif
  /* No system proxy lookups in the connect times. */
  g_setenv ("GIO_USE_PROXY_RESOLVER", "dummy", FALSE);
  signal (SIGPIPE, SIG_IGN);

#ifdef GREDIS_BENCH_HAVE_OPENSSL
  flags |= GREDIS_TEST_SERVER_TLS;
#endif
  server = gredis_test_server_start (flags, NULL, &error);
  if (server == NULL)
    {
      g_printerr ("Cannot start redis-server: %s\n", error->message);
      return 1;
    }

  requests_init (&requests);
  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      for (int m = 0; m < N_METRICS; m++)
        rows[i].samples[m] = g_array_new (FALSE, FALSE, sizeof (double));
      row_prepare (&rows[i], server);
    }
  if (!csv)
    print_setup (server);
  fflush (stdout);
  progress = isatty (STDERR_FILENO);

  /* The rows take turns within each run, so that a slow phase of the
   * machine does not land on one row only. */
  for (int run = 0; run < repeat; run++)
    for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
      if (rows[i].enabled)
        {
          if (progress)
            g_printerr ("\rrun %d/%d: %-12s", run + 1, repeat, rows[i].name);
          row_run_once (&rows[i], server, &requests);
        }
  if (progress)
    g_printerr ("\r%40s\r", "");

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    for (int m = 0; m < N_METRICS; m++)
      rows[i].result[m] = median (rows[i].samples[m], &rows[i].spread[m]);
  print_table ();

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      if (rows[i].error != NULL && csv)
        g_printerr ("%s skipped: %s\n", rows[i].name, rows[i].error);
      for (int m = 0; m < N_METRICS; m++)
        g_array_unref (rows[i].samples[m]);
      g_clear_object (&rows[i].transport);
      g_clear_object (&rows[i].endpoint);
      g_free (rows[i].error);
    }
  requests_clear (&requests);
  gredis_test_server_stop (server);
  g_free (only);
  return 0;
}
