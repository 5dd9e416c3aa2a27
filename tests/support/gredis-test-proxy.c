/* gredis-test-proxy.c: a TCP proxy that delays, trickles, blackholes,
 * resets or closes the connections it forwards, for fault injection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-test-proxy.h"

#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <string.h>
#include <sys/socket.h>

/* Past this many bytes waiting to go one way, the proxy stops reading
 * from the side that sends them. */
#define MAX_PENDING (1024 * 1024)
#define READ_SIZE (16 * 1024)
/* Reads per wake-up and direction, so that a fast sender cannot starve
 * the other connections. */
#define MAX_READS 16
/* An orderly close waits this long for the peers' end-of-file. */
#define CLOSE_LINGER_US (2 * G_USEC_PER_SEC)

typedef enum {
  MODE_PASS,
  MODE_DELAY,
  MODE_TRICKLE,
  MODE_BLACKHOLE,
  MODE_CLOSE_AFTER,
} Mode;

typedef struct {
  Mode mode;
  guint delay_ms;
  gsize trickle_bytes;
  guint trickle_ms;
  guint64 close_after;
} DirectionConfig;

/* A pipe's index is its direction; a socket's index is the side that
 * sends into the pipe of the same index. */
enum {
  TO_SERVER,
  TO_CLIENT,
  N_DIRECTIONS
};

enum {
  SIDE_CLIENT = TO_SERVER,
  SIDE_SERVER = TO_CLIENT,
};

typedef struct {
  gint64 due;        /* monotonic time at which it may go out */
  gsize length;
  gsize offset;      /* bytes already written */
  char data[];
} Chunk;

typedef struct {
  GQueue chunks;      /* of Chunk */
  gsize pending;      /* bytes in chunks not written yet */
  gboolean eof;       /* the sending side closed */
  gboolean shut;      /* the end-of-file was passed on */
  gint64 trickle_start;
  gsize trickle_left;
  guint64 budget;     /* close-after: bytes left to forward */
} Pipe;

typedef enum {
  CONN_CONNECTING,    /* waiting for the upstream connection */
  CONN_OPEN,          /* forwarding */
  CONN_CLOSING,       /* both sides shut down, waiting for their end-of-file */
} ConnState;

typedef struct _Conn Conn;

typedef struct {
  GSource source;
  Conn *conn;
} ConnSource;

struct _Conn
{
  GredisTestProxy *proxy;
  ConnState state;
  gboolean connecting;   /* the upstream connect is in flight */
  gboolean dead;         /* destroyed while connecting: the callback frees it */
  GCancellable *cancellable;
  GSocket *sockets[2];   /* SIDE_CLIENT, SIDE_SERVER (NULL until connected) */
  GSocketConnection *upstream;
  gpointer tags[2];
  GIOCondition events[2];
  gboolean drained[2];   /* closing: the side's end-of-file (or error) was read */
  gint64 closing_deadline;
  GSource *source;       /* polls both sockets; its ready time is the next timer */
  Pipe pipes[N_DIRECTIONS];
};

struct _GredisTestProxy
{
  GSocketConnectable *upstream;
  guint16 port;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;

  /* Used in the proxy's thread only. */
  GSocketClient *client;
  GSocket *listener;
  GSource *listen_source;
  GList *conns;          /* of Conn */
  guint n_connecting;
  gboolean stopping;
  DirectionConfig config[N_DIRECTIONS];
  GredisTestProxyAccept accept;

  /* Shared with the test's thread. */
  GMutex lock;
  GCond cond;
  guint n_accepted;
  guint n_open;
  guint64 forwarded[N_DIRECTIONS];
  guint64 dropped[N_DIRECTIONS];
};

typedef enum {
  PUMP_OK,
  PUMP_CLOSE,   /* close-after reached: close both sides in order */
  PUMP_ABORT,   /* a socket failed: reset both sides */
} PumpResult;

static void conn_pump (Conn *conn);

static void
count (GredisTestProxy *proxy,
       guint64         *counter,
       guint64          n)
{
  g_mutex_lock (&proxy->lock);
  *counter += n;
  g_mutex_unlock (&proxy->lock);
}

static void
socket_set_nodelay (GSocket *socket)
{
  g_autoptr(GError) error = NULL;

  /* Chunks go out as the mode shapes them, not as Nagle batches them. */
  if (!g_socket_set_option (socket, IPPROTO_TCP, TCP_NODELAY, 1, &error))
    g_debug ("proxy: cannot set TCP_NODELAY: %s", error->message);
}

/* Closes @socket with a reset (RST) rather than a FIN. */
static void
socket_abort (GSocket *socket)
{
  struct linger linger = { .l_onoff = 1, .l_linger = 0 };

  if (g_socket_is_closed (socket))
    return;
  if (setsockopt (g_socket_get_fd (socket), SOL_SOCKET, SO_LINGER, &linger, sizeof linger) != 0)
    g_debug ("proxy: cannot set SO_LINGER: %s", g_strerror (errno));
  g_socket_close (socket, NULL);
}

static void
pipe_init (GredisTestProxy *proxy,
           Pipe            *pipe,
           guint            direction,
           gint64           now)
{
  pipe->trickle_start = now;
  pipe->trickle_left = proxy->config[direction].trickle_bytes;
  pipe->budget = proxy->config[direction].close_after;
}

static void
pipe_clear (GredisTestProxy *proxy,
            Pipe            *pipe,
            guint            direction)
{
  Chunk *chunk;
  guint64 dropped = pipe->pending;

  while ((chunk = g_queue_pop_head (&pipe->chunks)) != NULL)
    g_free (chunk);
  pipe->pending = 0;
  if (dropped > 0)
    count (proxy, &proxy->dropped[direction], dropped);
}

static gboolean
conn_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  conn_pump (((ConnSource *) source)->conn);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs conn_source_funcs = {
  .dispatch = conn_source_dispatch,
};

static Conn *
conn_new (GredisTestProxy *proxy,
          GSocket         *client)
{
  Conn *conn = g_new0 (Conn, 1);
  gint64 now = g_get_monotonic_time ();

  conn->proxy = proxy;
  conn->state = CONN_CONNECTING;
  conn->sockets[SIDE_CLIENT] = client;
  conn->source = g_source_new (&conn_source_funcs, sizeof (ConnSource));
  ((ConnSource *) conn->source)->conn = conn;
  g_source_set_name (conn->source, "gredis-test-proxy connection");
  g_source_attach (conn->source, proxy->context);
  for (guint d = 0; d < N_DIRECTIONS; d++)
    {
      g_queue_init (&conn->pipes[d].chunks);
      pipe_init (proxy, &conn->pipes[d], d, now);
    }
  proxy->conns = g_list_prepend (proxy->conns, conn);
  g_mutex_lock (&proxy->lock);
  proxy->n_open++;
  g_mutex_unlock (&proxy->lock);
  return conn;
}

static void
conn_free (Conn *conn)
{
  g_clear_object (&conn->cancellable);
  g_free (conn);
}

static void
maybe_quit (GredisTestProxy *proxy)
{
  if (proxy->stopping && proxy->conns == NULL && proxy->n_connecting == 0)
    g_main_loop_quit (proxy->loop);
}

/* Closes both sockets (with a reset when @abort) and forgets @conn. */
static void
conn_destroy (Conn     *conn,
              gboolean  abort)
{
  GredisTestProxy *proxy = conn->proxy;

  proxy->conns = g_list_remove (proxy->conns, conn);
  g_mutex_lock (&proxy->lock);
  proxy->n_open--;
  g_mutex_unlock (&proxy->lock);

  g_source_destroy (conn->source);
  g_clear_pointer (&conn->source, g_source_unref);
  for (guint side = 0; side < 2; side++)
    {
      if (conn->sockets[side] == NULL)
        continue;
      if (abort)
        socket_abort (conn->sockets[side]);
      else
        g_socket_close (conn->sockets[side], NULL);
    }
  g_clear_object (&conn->sockets[SIDE_CLIENT]);
  conn->sockets[SIDE_SERVER] = NULL;   /* owned by conn->upstream */
  g_clear_object (&conn->upstream);
  for (guint d = 0; d < N_DIRECTIONS; d++)
    pipe_clear (proxy, &conn->pipes[d], d);

  if (conn->connecting)
    {
      /* on_connected() frees it. */
      conn->dead = TRUE;
      g_cancellable_cancel (conn->cancellable);
    }
  else
    conn_free (conn);
  maybe_quit (proxy);
}

/* Shuts both sides down for writing (a FIN after what was written), then
 * reads and drops until both peers close, so that the kernel does not turn
 * the close into a reset over unread bytes. */
static void
conn_begin_closing (Conn *conn)
{
  if (conn->state == CONN_CLOSING)
    return;
  if (conn->connecting)
    g_cancellable_cancel (conn->cancellable);
  conn->state = CONN_CLOSING;
  conn->closing_deadline = g_get_monotonic_time () + CLOSE_LINGER_US;
  for (guint d = 0; d < N_DIRECTIONS; d++)
    pipe_clear (conn->proxy, &conn->pipes[d], d);
  for (guint side = 0; side < 2; side++)
    {
      conn->drained[side] = conn->sockets[side] == NULL;
      if (conn->sockets[side] != NULL)
        g_socket_shutdown (conn->sockets[side], FALSE, TRUE, NULL);
    }
  conn_pump (conn);
}

/* Moves what it can of one direction, without blocking. Adds to @want the
 * conditions to wait for and lowers @wake to the next time it has work. */
static PumpResult
pipe_pump (Conn         *conn,
           guint         direction,
           gint64        now,
           GIOCondition *want,
           gint64       *wake)
{
  GredisTestProxy *proxy = conn->proxy;
  DirectionConfig *config = &proxy->config[direction];
  Pipe *pipe = &conn->pipes[direction];
  GSocket *from = conn->sockets[direction];
  GSocket *to = conn->sockets[1 - direction];
  gboolean blackhole = config->mode == MODE_BLACKHOLE;
  Chunk *chunk;

  /* Read. */
  for (guint i = 0; i < MAX_READS && !pipe->eof && (blackhole || pipe->pending < MAX_PENDING); i++)
    {
      g_autoptr(GError) error = NULL;
      char buf[READ_SIZE];
      gssize n;

      n = g_socket_receive_with_blocking (from, buf, sizeof buf, FALSE, NULL, &error);
      if (n < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            break;
          g_debug ("proxy: reading from the %s failed: %s",
                   direction == TO_SERVER ? "client" : "server", error->message);
          return PUMP_ABORT;
        }
      if (n == 0)
        {
          pipe->eof = TRUE;
          break;
        }
      if (blackhole)
        {
          count (proxy, &proxy->dropped[direction], n);
          continue;
        }
      chunk = g_malloc (sizeof (Chunk) + n);
      memcpy (chunk->data, buf, n);
      chunk->length = n;
      chunk->offset = 0;
      chunk->due = now + (config->mode == MODE_DELAY ? config->delay_ms * (gint64) 1000 : 0);
      g_queue_push_tail (&pipe->chunks, chunk);
      pipe->pending += n;
    }

  /* Write. */
  if (blackhole)
    pipe_clear (proxy, pipe, direction);
  while ((chunk = g_queue_peek_head (&pipe->chunks)) != NULL)
    {
      g_autoptr(GError) error = NULL;
      gsize length = chunk->length - chunk->offset;
      gssize n;

      if (chunk->due > now)
        {
          *wake = *wake < 0 ? chunk->due : MIN (*wake, chunk->due);
          break;
        }
      if (config->mode == MODE_TRICKLE)
        {
          gint64 next = pipe->trickle_start + config->trickle_ms * (gint64) 1000;

          if (now >= next)
            {
              pipe->trickle_start = now;
              pipe->trickle_left = config->trickle_bytes;
              next = now + config->trickle_ms * (gint64) 1000;
            }
          if (pipe->trickle_left == 0)
            {
              *wake = *wake < 0 ? next : MIN (*wake, next);
              break;
            }
          length = MIN (length, pipe->trickle_left);
        }
      if (config->mode == MODE_CLOSE_AFTER)
        {
          if (pipe->budget == 0)
            return PUMP_CLOSE;
          length = MIN (length, pipe->budget);
        }

      n = g_socket_send_with_blocking (to, chunk->data + chunk->offset, length, FALSE, NULL, &error);
      if (n < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              want[1 - direction] |= G_IO_OUT;
              break;
            }
          g_debug ("proxy: writing to the %s failed: %s",
                   direction == TO_SERVER ? "server" : "client", error->message);
          return PUMP_ABORT;
        }
      count (proxy, &proxy->forwarded[direction], n);
      chunk->offset += n;
      pipe->pending -= n;
      if (config->mode == MODE_TRICKLE)
        pipe->trickle_left -= n;
      if (config->mode == MODE_CLOSE_AFTER)
        pipe->budget -= n;
      if (chunk->offset == chunk->length)
        g_free (g_queue_pop_head (&pipe->chunks));
    }
  if (config->mode == MODE_CLOSE_AFTER && pipe->budget == 0)
    return PUMP_CLOSE;

  /* Pass the end-of-file on once everything before it went out. A
   * blackhole swallows it too. */
  if (pipe->eof && pipe->pending == 0 && !pipe->shut && !blackhole)
    {
      g_socket_shutdown (to, FALSE, TRUE, NULL);
      pipe->shut = TRUE;
    }

  if (!pipe->eof && (blackhole || pipe->pending < MAX_PENDING))
    want[direction] |= G_IO_IN;
  return PUMP_OK;
}

/* Reads and drops what a closing side still sends. */
static void
conn_drain (Conn  *conn,
            guint  side)
{
  for (guint i = 0; i < MAX_READS; i++)
    {
      g_autoptr(GError) error = NULL;
      char buf[READ_SIZE];
      gssize n;

      n = g_socket_receive_with_blocking (conn->sockets[side], buf, sizeof buf, FALSE, NULL, &error);
      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        return;
      if (n <= 0)
        {
          conn->drained[side] = TRUE;
          return;
        }
    }
}

static void
conn_watch (Conn         *conn,
            GIOCondition *want,
            gint64        wake)
{
  for (guint side = 0; side < 2; side++)
    {
      if (conn->sockets[side] == NULL || want[side] == conn->events[side])
        continue;
      /* Even with no events, poll() reports hang-ups and errors: a socket
       * the proxy does not wait on is not polled at all. */
      if (want[side] == 0)
        {
          g_source_remove_unix_fd (conn->source, conn->tags[side]);
          conn->tags[side] = NULL;
        }
      else if (conn->tags[side] != NULL)
        g_source_modify_unix_fd (conn->source, conn->tags[side], want[side]);
      else
        conn->tags[side] = g_source_add_unix_fd (conn->source, g_socket_get_fd (conn->sockets[side]),
                                                 want[side]);
      conn->events[side] = want[side];
    }
  g_source_set_ready_time (conn->source, wake);
}

static void
conn_pump (Conn *conn)
{
  GIOCondition want[2] = { 0, 0 };
  gint64 now = g_get_monotonic_time ();
  gint64 wake = -1;

  switch (conn->state)
    {
    case CONN_CONNECTING:
      break;

    case CONN_OPEN:
      for (guint d = 0; d < N_DIRECTIONS; d++)
        {
          switch (pipe_pump (conn, d, now, want, &wake))
            {
            case PUMP_OK:
              break;
            case PUMP_CLOSE:
              conn_begin_closing (conn);
              return;
            case PUMP_ABORT:
              conn_destroy (conn, TRUE);
              return;
            }
        }
      if (conn->pipes[TO_SERVER].shut && conn->pipes[TO_CLIENT].shut)
        {
          /* Both peers closed and everything went through. */
          conn_destroy (conn, FALSE);
          return;
        }
      break;

    case CONN_CLOSING:
      for (guint side = 0; side < 2; side++)
        {
          if (!conn->drained[side])
            conn_drain (conn, side);
          if (!conn->drained[side])
            want[side] = G_IO_IN;
        }
      if ((conn->drained[0] && conn->drained[1]) || now >= conn->closing_deadline)
        {
          conn_destroy (conn, FALSE);
          return;
        }
      wake = conn->closing_deadline;
      break;
    }
  conn_watch (conn, want, wake);
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Conn *conn = user_data;
  GredisTestProxy *proxy = conn->proxy;
  g_autoptr(GError) error = NULL;
  g_autoptr(GSocketConnection) connection = NULL;

  connection = g_socket_client_connect_finish (G_SOCKET_CLIENT (source), result, &error);
  conn->connecting = FALSE;
  proxy->n_connecting--;

  if (conn->dead)
    {
      conn_free (conn);
      maybe_quit (proxy);
      return;
    }
  if (conn->state != CONN_CONNECTING)
    return;   /* closing already */
  if (connection == NULL)
    {
      g_debug ("proxy: cannot connect upstream: %s", error->message);
      conn_begin_closing (conn);
      return;
    }

  conn->upstream = g_steal_pointer (&connection);
  conn->sockets[SIDE_SERVER] = g_socket_connection_get_socket (conn->upstream);
  g_socket_set_blocking (conn->sockets[SIDE_SERVER], FALSE);
  socket_set_nodelay (conn->sockets[SIDE_SERVER]);
  conn->state = CONN_OPEN;
  conn_pump (conn);
}

static gboolean
on_incoming (GSocket      *listener,
             GIOCondition  condition,
             gpointer      user_data)
{
  GredisTestProxy *proxy = user_data;

  for (;;)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GSocket) client = NULL;
      Conn *conn;

      client = g_socket_accept (listener, NULL, &error);
      if (client == NULL)
        {
          if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            g_debug ("proxy: accept failed: %s", error->message);
          break;
        }
      g_mutex_lock (&proxy->lock);
      proxy->n_accepted++;
      g_mutex_unlock (&proxy->lock);
      g_socket_set_blocking (client, FALSE);

      switch (proxy->accept)
        {
        case GREDIS_TEST_PROXY_ACCEPT_RESET:
          socket_abort (client);
          break;
        case GREDIS_TEST_PROXY_ACCEPT_CLOSE:
          conn = conn_new (proxy, g_steal_pointer (&client));
          conn_begin_closing (conn);
          break;
        case GREDIS_TEST_PROXY_ACCEPT_FORWARD:
        case GREDIS_TEST_PROXY_ACCEPT_REFUSE:   /* a connection accepted before the listener closed */
          socket_set_nodelay (client);
          conn = conn_new (proxy, g_steal_pointer (&client));
          conn->cancellable = g_cancellable_new ();
          conn->connecting = TRUE;
          proxy->n_connecting++;
          g_socket_client_connect_async (proxy->client, proxy->upstream, conn->cancellable,
                                         on_connected, conn);
          break;
        }
    }
  return G_SOURCE_CONTINUE;
}

static gboolean
listen_start (GredisTestProxy  *proxy,
              GError          **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, proxy->port);
  g_autoptr(GSocket) listener = NULL;

  listener = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);
  if (listener == NULL)
    return FALSE;
  g_socket_set_listen_backlog (listener, 128);
  /* Reusing the address lets the port be bound again after a refusal. */
  if (!g_socket_bind (listener, address, TRUE, error) || !g_socket_listen (listener, error))
    return FALSE;
  g_socket_set_blocking (listener, FALSE);
  if (proxy->port == 0)
    {
      g_autoptr(GSocketAddress) local = g_socket_get_local_address (listener, error);

      if (local == NULL)
        return FALSE;
      proxy->port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (local));
    }

  proxy->listen_source = g_socket_create_source (listener, G_IO_IN, NULL);
  g_source_set_callback (proxy->listen_source, G_SOURCE_FUNC (on_incoming), proxy, NULL);
  g_source_attach (proxy->listen_source, proxy->context);
  proxy->listener = g_steal_pointer (&listener);
  return TRUE;
}

static void
listen_stop (GredisTestProxy *proxy)
{
  if (proxy->listener == NULL)
    return;
  g_source_destroy (proxy->listen_source);
  g_clear_pointer (&proxy->listen_source, g_source_unref);
  g_socket_close (proxy->listener, NULL);
  g_clear_object (&proxy->listener);
}

static gpointer
proxy_run (gpointer data)
{
  GredisTestProxy *proxy = data;

  g_main_context_push_thread_default (proxy->context);
  g_main_loop_run (proxy->loop);
  g_main_context_pop_thread_default (proxy->context);
  return NULL;
}

/* Runs @func in the proxy's thread and waits for it. */
typedef void (*ProxyFunc) (GredisTestProxy *proxy,
                           gpointer         data);

typedef struct {
  GredisTestProxy *proxy;
  ProxyFunc func;
  gpointer data;
  gboolean done;
} Call;

static gboolean
call_in_thread (gpointer user_data)
{
  Call *call = user_data;
  GredisTestProxy *proxy = call->proxy;

  call->func (proxy, call->data);
  g_mutex_lock (&proxy->lock);
  call->done = TRUE;
  g_cond_broadcast (&proxy->cond);
  g_mutex_unlock (&proxy->lock);
  return G_SOURCE_REMOVE;
}

static void
run_in_thread (GredisTestProxy *proxy,
               ProxyFunc        func,
               gpointer         data)
{
  Call call = { proxy, func, data, FALSE };

  g_main_context_invoke (proxy->context, call_in_thread, &call);
  g_mutex_lock (&proxy->lock);
  while (!call.done)
    g_cond_wait (&proxy->cond, &proxy->lock);
  g_mutex_unlock (&proxy->lock);
}

static void
nothing (GredisTestProxy *proxy,
         gpointer         data)
{
}

/* Waits for what the proxy's thread is doing now: bytes that the test
 * received were counted before the proxy's thread went idle. */
static void
sync_with_thread (GredisTestProxy *proxy)
{
  run_in_thread (proxy, nothing, NULL);
}

/* Calls @func on every connection; @func may destroy the connection it is
 * given, but no other. */
static void
foreach_conn (GredisTestProxy *proxy,
              void           (*func) (Conn *conn))
{
  GList *conns = g_list_copy (proxy->conns);

  for (GList *l = conns; l != NULL; l = l->next)
    func (l->data);
  g_list_free (conns);
}

/*
 * gredis_test_proxy_new:
 * @upstream: where to forward connections, e.g. g_network_address_new
 *   ("127.0.0.1", gredis_test_server_get_port (server))
 *
 * Starts a proxy on a free port of 127.0.0.1 that passes every byte
 * through, until told otherwise.
 *
 * Returns: the proxy, or NULL with @error set
 */
GredisTestProxy *
gredis_test_proxy_new (GSocketConnectable  *upstream,
                       GError             **error)
{
  GredisTestProxy *proxy;

  g_return_val_if_fail (G_IS_SOCKET_CONNECTABLE (upstream), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  proxy = g_new0 (GredisTestProxy, 1);
  g_mutex_init (&proxy->lock);
  g_cond_init (&proxy->cond);
  proxy->upstream = g_object_ref (upstream);
  proxy->context = g_main_context_new ();
  proxy->loop = g_main_loop_new (proxy->context, FALSE);
  proxy->client = g_socket_client_new ();
  /* Straight to the server, whatever the environment says of proxies. */
  g_socket_client_set_enable_proxy (proxy->client, FALSE);
  proxy->accept = GREDIS_TEST_PROXY_ACCEPT_FORWARD;

  if (!listen_start (proxy, error))
    {
      gredis_test_proxy_free (proxy);
      return NULL;
    }
  proxy->thread = g_thread_new ("gredis-test-proxy", proxy_run, proxy);
  return proxy;
}

static void
stop_in_thread (GredisTestProxy *proxy,
                gpointer         data)
{
  listen_stop (proxy);
  while (proxy->conns != NULL)
    conn_destroy (proxy->conns->data, FALSE);
  proxy->stopping = TRUE;
  maybe_quit (proxy);
}

/*
 * gredis_test_proxy_free:
 *
 * Stops listening, closes every connection and joins the proxy's thread.
 */
void
gredis_test_proxy_free (GredisTestProxy *proxy)
{
  if (proxy == NULL)
    return;

  if (proxy->thread != NULL)
    {
      run_in_thread (proxy, stop_in_thread, NULL);
      g_thread_join (proxy->thread);
    }
  else
    listen_stop (proxy);

  g_object_unref (proxy->client);
  g_object_unref (proxy->upstream);
  g_main_loop_unref (proxy->loop);
  g_main_context_unref (proxy->context);
  g_cond_clear (&proxy->cond);
  g_mutex_clear (&proxy->lock);
  g_free (proxy);
}

guint16
gredis_test_proxy_get_port (GredisTestProxy *proxy)
{
  return proxy->port;
}

/*
 * gredis_test_proxy_get_uri:
 *
 * Returns: (transfer full): "redis://127.0.0.1:PORT"
 */
char *
gredis_test_proxy_get_uri (GredisTestProxy *proxy)
{
  return g_strdup_printf ("redis://127.0.0.1:%u", proxy->port);
}

typedef struct {
  GredisTestProxyDirection direction;
  DirectionConfig config;
} SetMode;

static void
repump (Conn *conn)
{
  if (conn->state == CONN_OPEN)
    conn_pump (conn);
}

static void
set_mode_in_thread (GredisTestProxy *proxy,
                    gpointer         data)
{
  SetMode *set = data;
  gint64 now = g_get_monotonic_time ();

  for (guint d = 0; d < N_DIRECTIONS; d++)
    {
      if ((set->direction & (1 << d)) == 0)
        continue;
      proxy->config[d] = set->config;
      for (GList *l = proxy->conns; l != NULL; l = l->next)
        {
          Conn *conn = l->data;
          pipe_init (proxy, &conn->pipes[d], d, now);
        }
    }
  foreach_conn (proxy, repump);
}

static void
set_mode (GredisTestProxy          *proxy,
          GredisTestProxyDirection  direction,
          const DirectionConfig    *config)
{
  SetMode set = { direction, *config };

  g_return_if_fail (proxy != NULL);
  g_return_if_fail ((direction & ~GREDIS_TEST_PROXY_BOTH) == 0 && direction != 0);

  run_in_thread (proxy, set_mode_in_thread, &set);
}

/*
 * gredis_test_proxy_set_pass:
 *
 * Forwards @direction as it comes (the default). Bytes that an earlier
 * delay still holds keep their time.
 */
void
gredis_test_proxy_set_pass (GredisTestProxy          *proxy,
                            GredisTestProxyDirection  direction)
{
  DirectionConfig config = { .mode = MODE_PASS };

  set_mode (proxy, direction, &config);
}

/*
 * gredis_test_proxy_set_delay:
 *
 * Holds every chunk read in @direction for @milliseconds before passing it
 * on (added latency; the order is kept).
 */
void
gredis_test_proxy_set_delay (GredisTestProxy          *proxy,
                             GredisTestProxyDirection  direction,
                             guint                     milliseconds)
{
  DirectionConfig config = { .mode = MODE_DELAY, .delay_ms = milliseconds };

  set_mode (proxy, direction, &config);
}

/*
 * gredis_test_proxy_set_trickle:
 *
 * Passes at most @n_bytes in @direction every @milliseconds, per
 * connection (both at least 1).
 */
void
gredis_test_proxy_set_trickle (GredisTestProxy          *proxy,
                               GredisTestProxyDirection  direction,
                               gsize                     n_bytes,
                               guint                     milliseconds)
{
  DirectionConfig config = { .mode = MODE_TRICKLE, .trickle_bytes = n_bytes, .trickle_ms = milliseconds };

  g_return_if_fail (n_bytes > 0);
  g_return_if_fail (milliseconds > 0);

  set_mode (proxy, direction, &config);
}

/*
 * gredis_test_proxy_set_blackhole:
 *
 * Reads what comes in @direction and drops it, with what was waiting to
 * go that way, end-of-file included: with both directions, a server that
 * accepts connections and never answers.
 */
void
gredis_test_proxy_set_blackhole (GredisTestProxy          *proxy,
                                 GredisTestProxyDirection  direction)
{
  DirectionConfig config = { .mode = MODE_BLACKHOLE };

  set_mode (proxy, direction, &config);
}

/*
 * gredis_test_proxy_set_close_after:
 *
 * Passes @n_bytes more in @direction on each connection (counted from
 * now for current connections, from the start for new ones), then closes
 * both sides of that connection in order (the peers read end-of-file).
 */
void
gredis_test_proxy_set_close_after (GredisTestProxy          *proxy,
                                   GredisTestProxyDirection  direction,
                                   guint64                   n_bytes)
{
  DirectionConfig config = { .mode = MODE_CLOSE_AFTER, .close_after = n_bytes };

  set_mode (proxy, direction, &config);
}

typedef struct {
  GredisTestProxyAccept accept;
  GError *error;
} SetAccept;

static void
set_accept_in_thread (GredisTestProxy *proxy,
                      gpointer         data)
{
  SetAccept *set = data;

  if (set->accept == GREDIS_TEST_PROXY_ACCEPT_REFUSE)
    listen_stop (proxy);
  else if (proxy->listener == NULL && !listen_start (proxy, &set->error))
    return;
  proxy->accept = set->accept;
}

/*
 * gredis_test_proxy_set_accept:
 *
 * Says what to do with the connections accepted from now on. Leaving
 * %GREDIS_TEST_PROXY_ACCEPT_REFUSE binds the same port again, which fails
 * only if another socket took it meanwhile.
 *
 * Returns: %FALSE with @error set if the port cannot be bound again
 */
gboolean
gredis_test_proxy_set_accept (GredisTestProxy        *proxy,
                              GredisTestProxyAccept   accept,
                              GError                **error)
{
  SetAccept set = { accept, NULL };

  g_return_val_if_fail (proxy != NULL, FALSE);
  g_return_val_if_fail (accept <= GREDIS_TEST_PROXY_ACCEPT_REFUSE, FALSE);

  run_in_thread (proxy, set_accept_in_thread, &set);
  if (set.error != NULL)
    {
      g_propagate_error (error, set.error);
      return FALSE;
    }
  return TRUE;
}

static void
conn_abort (Conn *conn)
{
  conn_destroy (conn, TRUE);
}

static void
reset_in_thread (GredisTestProxy *proxy,
                 gpointer         data)
{
  foreach_conn (proxy, conn_abort);
}

/*
 * gredis_test_proxy_reset:
 *
 * Closes every current connection with a reset (SO_LINGER 0: an RST to
 * both the client and the server, and the client's next read or write
 * fails with ECONNRESET). The proxy keeps accepting.
 */
void
gredis_test_proxy_reset (GredisTestProxy *proxy)
{
  g_return_if_fail (proxy != NULL);

  run_in_thread (proxy, reset_in_thread, NULL);
}

static void
drop_in_thread (GredisTestProxy *proxy,
                gpointer         data)
{
  foreach_conn (proxy, conn_begin_closing);
}

/*
 * gredis_test_proxy_drop:
 *
 * Closes every current connection in order: what the proxy holds is
 * dropped, and both peers read end-of-file. The proxy keeps accepting.
 */
void
gredis_test_proxy_drop (GredisTestProxy *proxy)
{
  g_return_if_fail (proxy != NULL);

  run_in_thread (proxy, drop_in_thread, NULL);
}

/* Connections accepted since the start, whatever became of them. Like
 * every counter, read after the proxy's thread finished what it was doing. */
guint
gredis_test_proxy_get_n_accepted (GredisTestProxy *proxy)
{
  guint n;

  sync_with_thread (proxy);
  g_mutex_lock (&proxy->lock);
  n = proxy->n_accepted;
  g_mutex_unlock (&proxy->lock);
  return n;
}

/* Connections the proxy holds now (closing ones included). */
guint
gredis_test_proxy_get_n_open (GredisTestProxy *proxy)
{
  guint n;

  sync_with_thread (proxy);
  g_mutex_lock (&proxy->lock);
  n = proxy->n_open;
  g_mutex_unlock (&proxy->lock);
  return n;
}

static guint64
sum (GredisTestProxy          *proxy,
     const guint64            *counters,
     GredisTestProxyDirection  direction)
{
  guint64 n = 0;

  sync_with_thread (proxy);
  g_mutex_lock (&proxy->lock);
  for (guint d = 0; d < N_DIRECTIONS; d++)
    if (direction & (1 << d))
      n += counters[d];
  g_mutex_unlock (&proxy->lock);
  return n;
}

/* Bytes written to the receiving side in @direction, over all connections. */
guint64
gredis_test_proxy_get_bytes_forwarded (GredisTestProxy          *proxy,
                                       GredisTestProxyDirection  direction)
{
  return sum (proxy, proxy->forwarded, direction);
}

/* Bytes read in @direction and never passed on (blackhole, or held when a
 * connection was closed or reset). */
guint64
gredis_test_proxy_get_bytes_dropped (GredisTestProxy          *proxy,
                                     GredisTestProxyDirection  direction)
{
  return sum (proxy, proxy->dropped, direction);
}

typedef struct {
  GredisTestProxyDirection direction;
  guint64 n;
} Held;

static void
held_in_thread (GredisTestProxy *proxy,
                gpointer         data)
{
  Held *held = data;

  for (GList *l = proxy->conns; l != NULL; l = l->next)
    {
      Conn *conn = l->data;

      for (guint d = 0; d < N_DIRECTIONS; d++)
        if (held->direction & (1 << d))
          held->n += conn->pipes[d].pending;
    }
}

/* Bytes read in @direction and not passed on yet (delayed, trickling, or
 * waiting for the receiving side to read), over the current connections. */
guint64
gredis_test_proxy_get_bytes_held (GredisTestProxy          *proxy,
                                  GredisTestProxyDirection  direction)
{
  Held held = { direction, 0 };

  run_in_thread (proxy, held_in_thread, &held);
  return held.n;
}
