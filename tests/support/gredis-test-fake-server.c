/* gredis-test-fake-server.c: a scripted server for what a real one cannot
 * be made to send (malformed replies, stalls, closes mid-reply)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#define _GNU_SOURCE /* memmem */
#include "gredis-test-server.h"

#include <string.h>

typedef enum {
  STEP_READ,
  STEP_EXPECT,
  STEP_SEND,
  STEP_STALL,
  STEP_CLOSE,
} StepKind;

typedef struct {
  StepKind kind;
  GBytes *data;     /* SEND, EXPECT */
  gsize n;          /* READ: bytes; STALL: milliseconds (0: until the client closes) */
} Step;

struct _GredisFakeServer
{
  GMutex lock;
  GPtrArray *script;      /* of Step; copied by reference per connection */
  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  GSocketService *service;
  GCancellable *cancellable;
  GPtrArray *workers;     /* of GThread */
  guint16 port;
  guint n_accepted;
  gsize n_received;
};

typedef struct {
  GredisFakeServer *server;
  GSocketConnection *connection;
  GPtrArray *script;
} Worker;

static void
step_free (gpointer data)
{
  Step *step = data;

  g_clear_pointer (&step->data, g_bytes_unref);
  g_free (step);
}

static void
add_step (GredisFakeServer *server,
          StepKind          kind,
          GBytes           *data,
          gsize             n)
{
  Step *step = g_new0 (Step, 1);

  step->kind = kind;
  step->data = data;
  step->n = n;
  g_mutex_lock (&server->lock);
  g_ptr_array_add (server->script, step);
  g_mutex_unlock (&server->lock);
}

/* Reads what the client sends and throws it away, until it closes, the
 * server is freed, or @timeout_ms passes (-1: no limit). */
static void
drain (Worker *worker,
       gint    timeout_ms)
{
  GSocket *socket = g_socket_connection_get_socket (worker->connection);
  GPollFD fds[2];
  gint64 deadline = timeout_ms < 0 ? -1 : g_get_monotonic_time () + timeout_ms * (gint64) 1000;
  char buf[4096];

  fds[0].fd = g_socket_get_fd (socket);
  fds[0].events = G_IO_IN | G_IO_HUP | G_IO_ERR;
  g_cancellable_make_pollfd (worker->server->cancellable, &fds[1]);

  for (;;)
    {
      gint wait_ms = -1;
      gssize n;

      if (deadline >= 0)
        {
          gint64 left = deadline - g_get_monotonic_time ();
          if (left <= 0)
            break;
          wait_ms = (gint) ((left + 999) / 1000);
        }
      fds[0].revents = fds[1].revents = 0;
      if (g_poll (fds, 2, wait_ms) < 0 || fds[1].revents != 0)
        break;
      if (fds[0].revents == 0)
        continue;
      n = g_socket_receive (socket, buf, sizeof buf, NULL, NULL);
      if (n <= 0)
        break;
      g_atomic_pointer_add (&worker->server->n_received, n);
    }
  g_cancellable_release_fd (worker->server->cancellable);
}

static gboolean
read_until (Worker     *worker,
            GString    *input,
            gsize       n,
            GBytes     *text)
{
  GInputStream *in = g_io_stream_get_input_stream (G_IO_STREAM (worker->connection));
  char buf[4096];

  for (;;)
    {
      gssize got;

      if (text == NULL && input->len >= n)
        return TRUE;
      if (text != NULL)
        {
          gsize len = 0;
          const char *want = g_bytes_get_data (text, &len);
          if (input->len >= len && memmem (input->str, input->len, want, len) != NULL)
            return TRUE;
        }
      got = g_input_stream_read (in, buf, sizeof buf, worker->server->cancellable, NULL);
      if (got <= 0)
        return FALSE;
      g_atomic_pointer_add (&worker->server->n_received, got);
      g_string_append_len (input, buf, got);
    }
}

static gpointer
worker_run (gpointer data)
{
  Worker *worker = data;
  GOutputStream *out = g_io_stream_get_output_stream (G_IO_STREAM (worker->connection));
  g_autoptr(GString) input = g_string_new (NULL);
  gboolean closed = FALSE;

  for (guint i = 0; i < worker->script->len && !closed; i++)
    {
      Step *step = g_ptr_array_index (worker->script, i);
      gboolean ok = TRUE;

      switch (step->kind)
        {
        case STEP_READ:
          ok = read_until (worker, input, step->n, NULL);
          g_string_truncate (input, 0);
          break;
        case STEP_EXPECT:
          ok = read_until (worker, input, 0, step->data);
          g_string_truncate (input, 0);
          break;
        case STEP_SEND:
          ok = g_output_stream_write_all (out, g_bytes_get_data (step->data, NULL),
                                          g_bytes_get_size (step->data), NULL,
                                          worker->server->cancellable, NULL);
          break;
        case STEP_STALL:
          drain (worker, step->n == 0 ? -1 : (gint) step->n);
          closed = step->n == 0;
          break;
        case STEP_CLOSE:
          closed = TRUE;
          break;
        }
      if (!ok)
        closed = TRUE;
    }
  /* The end of the script without a close: hold the connection. */
  if (!closed)
    drain (worker, -1);

  g_io_stream_close (G_IO_STREAM (worker->connection), NULL, NULL);
  g_object_unref (worker->connection);
  g_ptr_array_unref (worker->script);
  g_free (worker);
  return NULL;
}

static gboolean
on_incoming (GSocketService    *service,
             GSocketConnection *connection,
             GObject           *source_object,
             gpointer           user_data)
{
  GredisFakeServer *server = user_data;
  Worker *worker = g_new0 (Worker, 1);

  worker->server = server;
  worker->connection = g_object_ref (connection);
  g_mutex_lock (&server->lock);
  worker->script = g_ptr_array_copy (server->script, NULL, NULL);
  g_ptr_array_set_free_func (worker->script, NULL);
  server->n_accepted++;
  g_ptr_array_add (server->workers, g_thread_new ("fake-server-worker", worker_run, worker));
  g_mutex_unlock (&server->lock);
  return TRUE;
}

static gpointer
server_run (gpointer data)
{
  GredisFakeServer *server = data;

  g_main_context_push_thread_default (server->context);
  g_main_loop_run (server->loop);
  g_main_context_pop_thread_default (server->context);
  return NULL;
}

/*
 * gredis_fake_server_new:
 *
 * Listens on 127.0.0.1 (a free port). Add the script's steps before a
 * client connects; each accepted connection plays the whole script in a
 * thread of its own: read N bytes, read until a text is seen, send bytes,
 * stall (a time, or until the client closes), close. A script that ends
 * without a close keeps the connection open, reading and dropping bytes.
 */
GredisFakeServer *
gredis_fake_server_new (GError **error)
{
  GredisFakeServer *server = g_new0 (GredisFakeServer, 1);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) effective = NULL;

  g_mutex_init (&server->lock);
  server->script = g_ptr_array_new_with_free_func (step_free);
  server->workers = g_ptr_array_new ();
  server->cancellable = g_cancellable_new ();
  server->context = g_main_context_new ();
  server->loop = g_main_loop_new (server->context, FALSE);

  /* Accept in the server's own context, so that a test blocking its
   * main context does not stop the server. The service starts accepting
   * as soon as it has an address, so it is made in that context. */
  g_main_context_push_thread_default (server->context);
  server->service = g_socket_service_new ();
  g_signal_connect (server->service, "incoming", G_CALLBACK (on_incoming), server);
  if (!g_socket_listener_add_address (G_SOCKET_LISTENER (server->service), any,
                                      G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP,
                                      NULL, &effective, error))
    {
      g_main_context_pop_thread_default (server->context);
      gredis_fake_server_free (server);
      return NULL;
    }
  server->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (effective));
  g_socket_service_start (server->service);
  g_main_context_pop_thread_default (server->context);
  server->thread = g_thread_new ("fake-server", server_run, server);
  return server;
}

void
gredis_fake_server_add_read (GredisFakeServer *server,
                             gsize             n_bytes)
{
  add_step (server, STEP_READ, NULL, n_bytes);
}

void
gredis_fake_server_add_expect (GredisFakeServer *server,
                               const char       *text)
{
  add_step (server, STEP_EXPECT, g_bytes_new (text, strlen (text)), 0);
}

/* @length -1: @data is a NUL-terminated string. */
void
gredis_fake_server_add_send (GredisFakeServer *server,
                             const void       *data,
                             gssize            length)
{
  if (length < 0)
    length = strlen (data);
  add_step (server, STEP_SEND, g_bytes_new (data, length), 0);
}

/* 0: until the client closes or the server is freed. */
void
gredis_fake_server_add_stall (GredisFakeServer *server,
                              guint             milliseconds)
{
  add_step (server, STEP_STALL, NULL, milliseconds);
}

void
gredis_fake_server_add_close (GredisFakeServer *server)
{
  add_step (server, STEP_CLOSE, NULL, 0);
}

guint16
gredis_fake_server_get_port (GredisFakeServer *server)
{
  return server->port;
}

guint
gredis_fake_server_get_n_accepted (GredisFakeServer *server)
{
  guint n;

  g_mutex_lock (&server->lock);
  n = server->n_accepted;
  g_mutex_unlock (&server->lock);
  return n;
}

gsize
gredis_fake_server_get_n_received (GredisFakeServer *server)
{
  return (gsize) g_atomic_pointer_get (&server->n_received);
}

static gboolean
stop_in_context (gpointer data)
{
  GredisFakeServer *server = data;

  g_socket_service_stop (server->service);
  g_socket_listener_close (G_SOCKET_LISTENER (server->service));
  g_main_loop_quit (server->loop);
  return G_SOURCE_REMOVE;
}

/* Stops accepting, ends every connection and joins the threads. */
void
gredis_fake_server_free (GredisFakeServer *server)
{
  if (server == NULL)
    return;

  if (server->thread != NULL)
    {
      g_main_context_invoke (server->context, stop_in_context, server);
      g_thread_join (server->thread);
    }
  else
    g_socket_listener_close (G_SOCKET_LISTENER (server->service));

  g_cancellable_cancel (server->cancellable);
  for (guint i = 0; i < server->workers->len; i++)
    g_thread_join (g_ptr_array_index (server->workers, i));

  g_ptr_array_unref (server->workers);
  g_ptr_array_unref (server->script);
  g_object_unref (server->service);
  g_object_unref (server->cancellable);
  g_main_loop_unref (server->loop);
  g_main_context_unref (server->context);
  g_mutex_clear (&server->lock);
  g_free (server);
}
