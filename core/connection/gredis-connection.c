/* gredis-connection.c: one connection to a server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-connection-private.h"
#include "gredis-connection-observer-private.h"
#include "gredis-handshake-private.h"
#include "gredis-reply-private.h"

#include <errno.h>
#ifdef G_OS_UNIX
#include <fcntl.h>
#include <sys/socket.h>
#include <sys/time.h>
#endif
#include <string.h>

/**
 * GredisConnection:
 *
 * One connection to a server, multiplexing the commands of many callers.
 *
 * A connection is bound to the thread-default #GMainContext of the thread
 * that created it: its I/O sources and timers run there, and it must only
 * be used from that context's thread. (#GredisClient is the thread-safe
 * layer above it.)
 *
 * How a command travels: it is encoded straight into the connection's
 * output buffer and gets an entry at the tail of the connection's queue.
 * At the end of the main-loop iteration, every byte queued during it goes
 * out in one write (auto-pipelining: a thousand independent calls cost one
 * system call). The read source feeds what the server sends to the
 * #GredisParser, and each reply completes the entry at the head of the
 * queue. RESP3 push frames never consume an entry; they are emitted as
 * #GredisConnection::push.
 *
 * A command whose #GCancellable is cancelled completes at once with
 * %G_IO_ERROR_CANCELLED, but its entry stays in the queue as a tombstone,
 * so that its reply, when it comes, is read and dropped: a reply is never
 * handed to the wrong caller. When the server sends nothing for
 * #GredisConnection:command-timeout-ms while commands are waiting, the
 * connection is closed and every waiting command fails with
 * %GREDIS_ERROR_TIMEOUT.
 *
 * gredis_connection_open_async() connects through the #GredisTransport
 * and sends the handshake, a list of steps, as one pipelined batch, in
 * one write. The built-in steps come first: `HELLO 3` with `AUTH` and
 * `SETNAME` (RESP3), or `AUTH` and `CLIENT SETNAME` (RESP2), then
 * `CLIENT SETINFO` (whose errors are ignored, for servers before 7.2) and
 * `SELECT`; then the steps added with
 * gredis_connection_add_handshake_step(), in the order they were added.
 * Commands queued before the handshake is done wait for it, so that
 * none runs unauthenticated or in the wrong database.
 */

#define READ_BUFFER_SIZE (16 * 1024)
#define OUT_BUFFER_KEEP (1024 * 1024)
#define INITIAL_RING_SIZE 32

typedef enum {
  ENTRY_CALLBACK,
  ENTRY_CALL,
  ENTRY_COMMAND,
  ENTRY_TOMBSTONE,
  ENTRY_HANDSHAKE,             /* data: the GredisHandshakeStep, borrowed */
} EntryKind;

/* One command waiting for its reply: 64 bytes on LP64.
 *
 * ENTRY_COMMAND is an asynchronous command of GredisClient or of
 * gredis_connection_send_command_async() held in the queue itself, with
 * no GredisCall: what the call would hold is here, and the bytes of a
 * command that may be sent again are in @kept. It becomes a GredisCall
 * only when the connection fails or the command is cancelled. */
typedef struct
{
  guint8   kind;
  guint32  kept_length;        /* ENTRY_COMMAND, and the tombstone it may
                                * become: its bytes in self->kept */
  gpointer func;               /* GredisReplyCallback, or GAsyncReadyCallback */
  gpointer data;               /* user data, or the GredisCall */
  GSource *cancel_source;      /* only for commands with a cancellable */
  gpointer source_object;      /* ENTRY_COMMAND: a reference */
  gpointer source_tag;         /* ENTRY_COMMAND */
  GCancellable *cancellable;   /* ENTRY_COMMAND: a reference, or NULL */
  guint64  kept_pos;           /* ENTRY_COMMAND: stream position in self->kept */
} Entry;

struct _GredisConnection
{
  GObject parent_instance;

  GMainContext *context;

  GredisTransport *transport;
  GredisParser *parser;
  GredisParserInterface *parser_iface;   /* cached: the hot path skips type checks */
  GSocketConnectable *endpoint;
  GredisBackoffPolicy *backoff_policy;

  char *username;
  char *password;
  char *client_name;
  guint database;
  guint protocol;
  guint command_timeout_ms;
  guint retries;

  GredisConnectionState state;
  /* Debug output on for the domain: read when the connection is made
   * and at each connect, so that the paths of every command test a
   * field rather than call into GLib. */
  gboolean debug;

  GIOStream *stream;
  GSocket *socket;             /* under stream, for the direct path */
  gboolean socket_checked;
  gboolean socket_blocking;    /* the direct path left O_NONBLOCK off */
  guint socket_timeout_ms;     /* SO_RCVTIMEO and SO_SNDTIMEO set by it */
  GPollableInputStream *input;
  GPollableOutputStream *output;

  GSource *read_source;
  GSource *write_source;       /* only while the socket is full */
  GSource *flush_source;       /* ready while bytes wait to go out */
  GSource *timeout_source;     /* ready at the command deadline */
  GSource *retry_source;       /* backoff before the next connect */

  GByteArray *out;             /* bytes to write, from out_pos */
  gsize out_pos;
  GByteArray *held;            /* commands queued before the handshake is done */
  /* Copies of the commands that are sent again after a failure, oldest
   * first; kept_base is the stream position of kept->data[0], kept_dead
   * the end of the commands completed. */
  GByteArray *kept;
  guint64 kept_base;
  guint64 kept_dead;
  guint8 *read_buffer;

  /* The queue: a ring of entries, oldest first. head_seq numbers the
   * head, so that the entry of sequence number s is at s - head_seq. */
  Entry *ring;
  guint ring_mask;
  guint head;
  guint n_entries;
  guint64 head_seq;
  guint64 unsent_seq;          /* entries from here on: no byte written yet */

  GPtrArray *steps;            /* GredisHandshakeStep, in order */
  guint n_handshake;           /* replies to the handshake still awaited */
  gint64 progress_time;        /* the last time the server showed life */
  gboolean subscriber;         /* RESP2 pub/sub frames go to ::push */

  GTask *open_task;
  GError *close_error;         /* what closed it, once closed */
  GCancellable *connect_cancellable;
  GCancellable *open_cancellable;
  gulong open_cancelled_id;
  guint attempt;

  GredisReply *server_info;

  /* Observation: NULL unless the client chose observers, and then
   * tested once per command (gredis-connection-observer.c). */
  GredisConnectionObserver *observer;
  gint64 connect_time;         /* when the last connect started */

  /* Offered every failed task first (gredis-router-retry.c). */
  GredisConnectionFailureFunc failure_func;
  gpointer failure_data;
  GDestroyNotify failure_destroy;
};

G_DEFINE_FINAL_TYPE (GredisConnection, gredis_connection, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_TRANSPORT,
  PROP_PARSER,
  PROP_ENDPOINT,
  PROP_STATE,
  PROP_USERNAME,
  PROP_PASSWORD,
  PROP_CLIENT_NAME,
  PROP_DATABASE,
  PROP_PROTOCOL,
  PROP_COMMAND_TIMEOUT_MS,
  PROP_RETRIES,
  PROP_BACKOFF_POLICY,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_PUSH,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void fail (GredisConnection *self, GError *error);
static void start_connect (GredisConnection *self);
static void flush (GredisConnection *self);

static gboolean
set_str (char       **ptr,
         const char  *value)
{
  if (g_strcmp0 (*ptr, value) == 0)
    return FALSE;
  g_free (*ptr);
  *ptr = g_strdup (value);
  return TRUE;
}

/* The queue */

static void
ring_grow (GredisConnection *self)
{
  guint size = self->ring_mask + 1;
  Entry *ring = g_new (Entry, size * 2);

  for (guint i = 0; i < self->n_entries; i++)
    ring[i] = self->ring[(self->head + i) & self->ring_mask];
  g_free (self->ring);
  self->ring = ring;
  self->ring_mask = size * 2 - 1;
  self->head = 0;
  if (G_UNLIKELY (self->observer != NULL))
    _gredis_connection_observer_grow (self->observer, self->head_seq, self->n_entries, size * 2);
}

static inline Entry *
ring_push_back (GredisConnection *self)
{
  Entry *e;

  if (G_UNLIKELY (self->n_entries > self->ring_mask))
    ring_grow (self);
  e = &self->ring[(self->head + self->n_entries++) & self->ring_mask];
  /* Every kind may become a tombstone, which reads it. */
  e->kept_length = 0;
  return e;
}

static Entry *
ring_push_front (GredisConnection *self)
{
  if (self->n_entries > self->ring_mask)
    ring_grow (self);
  self->head = (self->head - 1) & self->ring_mask;
  self->head_seq--;
  self->n_entries++;
  self->ring[self->head].kept_length = 0;
  return &self->ring[self->head];
}

static inline Entry
ring_pop_front (GredisConnection *self)
{
  Entry e = self->ring[self->head];

  self->head = (self->head + 1) & self->ring_mask;
  self->head_seq++;
  self->n_entries--;
  return e;
}

static Entry *
ring_lookup (GredisConnection *self,
             guint64           seq)
{
  guint64 index = seq - self->head_seq;

  if (seq < self->head_seq || index >= self->n_entries)
    return NULL;
  return &self->ring[(self->head + index) & self->ring_mask];
}

/* Completing entries */

static void handshake_reply (GredisConnection    *self,
                             GredisHandshakeStep *step,
                             GredisReply         *reply);

/* The bytes of @e's command are no longer needed: those of every
 * command before it neither (the queue completes in order). */
static inline void
release_kept (GredisConnection *self,
              const Entry      *e)
{
  gsize dead;

  self->kept_dead = e->kept_pos + e->kept_length;
  dead = (gsize) (self->kept_dead - self->kept_base);
  if (dead == self->kept->len)
    {
      g_byte_array_set_size (self->kept, 0);
      self->kept_base = self->kept_dead;
    }
  else if (dead >= 64 * 1024 && dead >= self->kept->len / 2)
    {
      g_byte_array_remove_range (self->kept, 0, (guint) dead);
      self->kept_base = self->kept_dead;
    }
}

/* A GredisCall for @e, an ENTRY_COMMAND (whose references it takes),
 * keeping its command when it has one. */
static GredisCall *
entry_to_call (GredisConnection *self,
               Entry            *e)
{
  GredisCall *call = _gredis_call_new (e->source_object, e->cancellable, e->func, e->data,
                                       e->source_tag);

  if (e->kept_length > 0)
    {
      _gredis_call_keep_command (call);
      _gredis_call_store_command (call, self->kept->data + (e->kept_pos - self->kept_base),
                                  e->kept_length);
    }
  g_clear_object (&e->source_object);
  g_clear_object (&e->cancellable);
  e->kind = ENTRY_CALL;
  e->data = call;
  e->func = NULL;
  return call;
}

/* An error reply to a call of the client (or a command whose bytes it
 * keeps): offered to the failure function, which sends the call again
 * when the server refused it without running it (LOADING …). Returns
 * TRUE when the function took the call over; otherwise @e is an
 * ENTRY_CALL to complete. */
static gboolean
offer_error_reply (GredisConnection *self,
                   Entry            *e,
                   GredisReply      *reply)
{
  GredisCall *call;
  GError *error;
  gboolean taken;

  if (e->kind == ENTRY_COMMAND)
    {
      call = entry_to_call (self, e);
      release_kept (self, e);
    }
  else
    call = e->data;
  error = gredis_reply_to_error (reply);
  _gredis_call_set_unsent (call, FALSE);
  taken = self->failure_func (self, call, error, FALSE, self->failure_data);
  g_error_free (error);
  return taken;
}

/* The debug log names a command by its first word, cut short: never by
 * its arguments, which may be a password or a value. */
static void
debug_command (GredisConnection   *self,
               const char         *what,
               guint               argc,
               const char * const *argv,
               const gsize        *argv_lengths,
               GBytes * const     *args)
{
  gconstpointer name;
  gsize length;

  if (args != NULL)
    name = g_bytes_get_data (args[0], &length);
  else
    {
      name = argv[0];
      length = argv_lengths != NULL ? argv_lengths[0] : strlen (argv[0]);
    }
  GREDIS_DEBUG ("connection", "Connection %p: %s %.*s (%u argument%s) behind %u%s",
                self, what, (int) MIN (length, 32), (const char *) name, argc - 1,
                argc == 2 ? "" : "s", self->n_entries,
                self->state == GREDIS_CONNECTION_STATE_READY ? "" : ", held until it is ready");
}

/* A reply by its kind, and an error reply by its code (its first word):
 * the rest may hold a value. */
static void
debug_reply (GredisConnection *self,
             GredisReply      *reply,
             const GError     *error)
{
  g_autoptr(GEnumClass) klass = NULL;
  GEnumValue *value;

  if (reply == NULL)
    {
      GREDIS_DEBUG ("connection", "Connection %p: no reply: %s", self, error->message);
      return;
    }
  klass = g_type_class_ref (GREDIS_TYPE_REPLY_KIND);
  value = g_enum_get_value (klass, reply->kind);
  if (reply->kind == GREDIS_REPLY_ERROR)
    {
      const char *text = gredis_reply_get_string (reply, NULL);

      if (text == NULL)
        text = "?";
      GREDIS_DEBUG ("connection", "Connection %p: error reply %.*s, %u more waiting", self,
                    (int) MIN (strcspn (text, " "), 32), text, self->n_entries);
    }
  else
    GREDIS_DEBUG ("connection", "Connection %p: %s reply, %u more waiting", self,
                  value != NULL ? value->value_nick : "?", self->n_entries);
}

static void
complete_entry (GredisConnection *self,
                Entry            *e,
                GredisReply      *reply,
                const GError     *error)
{
  if (e->cancel_source != NULL)
    {
      g_source_destroy (e->cancel_source);
      g_source_unref (e->cancel_source);
      e->cancel_source = NULL;
    }

  if (G_UNLIKELY (self->debug) && e->kind != ENTRY_HANDSHAKE)
    debug_reply (self, reply, error);

  /* The reply's kind read in place: this runs for every reply. */
  if (G_UNLIKELY (reply != NULL && reply->kind == GREDIS_REPLY_ERROR) && self->failure_func != NULL &&
      (e->kind == ENTRY_CALL || (e->kind == ENTRY_COMMAND && e->kept_length > 0)) &&
      offer_error_reply (self, e, reply))
    return;

  switch ((EntryKind) e->kind)
    {
    case ENTRY_CALLBACK:
      ((GredisReplyCallback) e->func) (self, reply, error, e->data);
      break;
    case ENTRY_CALL:
      {
        GredisCall *call = e->data;

        if (error != NULL)
          _gredis_call_return (call, NULL, g_error_copy (error));
        else
          _gredis_call_return (call, gredis_reply_ref (reply), NULL);
        _gredis_call_unref (call);
      }
      break;
    case ENTRY_COMMAND:
      if (e->kept_length > 0)
        release_kept (self, e);
      _gredis_call_complete (e->source_object, e->cancellable, e->func, e->data, e->source_tag,
                             error != NULL ? NULL : gredis_reply_ref (reply),
                             error != NULL ? g_error_copy (error) : NULL);
      break;
    case ENTRY_HANDSHAKE:
      if (error == NULL)
        handshake_reply (self, e->data, reply);
      break;
    case ENTRY_TOMBSTONE:
      /* A cancelled command of the client, answered: its kept bytes are
       * not needed either (fail() drops them all). */
      if (e->kept_length > 0 && error == NULL)
        release_kept (self, e);
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
set_state (GredisConnection      *self,
           GredisConnectionState  state)
{
  if (self->state == state)
    return;
  self->state = state;
  if (G_UNLIKELY (self->observer != NULL))
    {
      if (state == GREDIS_CONNECTION_STATE_READY)
        _gredis_connection_observer_ready (self->observer,
                                           g_get_monotonic_time () - self->connect_time);
      else if (state == GREDIS_CONNECTION_STATE_CLOSED)
        _gredis_connection_observer_closed (self->observer, self->close_error);
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STATE]);
}

static void
disconnect_open_cancellable (GredisConnection *self)
{
  if (self->open_cancellable != NULL)
    {
      g_cancellable_disconnect (self->open_cancellable, self->open_cancelled_id);
      self->open_cancelled_id = 0;
      g_clear_object (&self->open_cancellable);
    }
}

static void
destroy_source (GSource **source)
{
  if (*source != NULL)
    {
      g_source_destroy (*source);
      g_clear_pointer (source, g_source_unref);
    }
}

/* Closes the connection and fails every waiting command with @error
 * (consumed). Safe to call from any callback of the connection. */
static void
fail (GredisConnection *self,
      GError           *error)
{
  Entry *entries;
  guint n;
  guint64 first_seq;
  GTask *open_task;

  if (self->state == GREDIS_CONNECTION_STATE_CLOSED)
    {
      g_error_free (error);
      return;
    }

  g_object_ref (self);
  GREDIS_DEBUG ("connection", "Connection %p closed: %s", self, error->message);
  if (self->close_error == NULL)
    self->close_error = g_error_copy (error);

  destroy_source (&self->read_source);
  destroy_source (&self->write_source);
  destroy_source (&self->retry_source);
  if (self->timeout_source != NULL)
    g_source_set_ready_time (self->timeout_source, -1);
  if (self->connect_cancellable != NULL)
    g_cancellable_cancel (self->connect_cancellable);
  if (self->stream != NULL)
    {
      /* Closing a socket does not block; a synchronous close leaves
       * nothing behind in a context that may never run again. */
      g_io_stream_close (self->stream, NULL, NULL);
      self->input = NULL;
      self->output = NULL;
      self->socket_blocking = FALSE;
      g_clear_object (&self->stream);
    }
  if (self->parser != NULL)
    gredis_parser_reset (self->parser);
  g_byte_array_set_size (self->out, 0);
  g_byte_array_set_size (self->held, 0);
  self->out_pos = 0;
  self->n_handshake = 0;

  /* Take the queue out before calling anybody back: a callback may
   * queue or close. Tasks of commands none of whose bytes were written
   * are marked, so that they can be retried safely. */
  n = self->n_entries;
  first_seq = self->head_seq;
  entries = g_new (Entry, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    {
      Entry *head = &self->ring[self->head];

      if (head->kind == ENTRY_COMMAND)
        entry_to_call (self, head);
      if (self->head_seq >= self->unsent_seq && head->kind == ENTRY_CALL)
        _gredis_call_set_unsent (head->data, TRUE);
      entries[i] = ring_pop_front (self);
    }
  self->unsent_seq = self->head_seq;
  g_byte_array_set_size (self->kept, 0);
  self->kept_base = self->kept_dead = 0;

  open_task = g_steal_pointer (&self->open_task);
  disconnect_open_cancellable (self);

  set_state (self, GREDIS_CONNECTION_STATE_CLOSED);

  if (open_task != NULL)
    {
      g_task_return_error (open_task, g_error_copy (error));
      g_object_unref (open_task);
    }
  for (guint i = 0; i < n; i++)
    {
      Entry *e = &entries[i];

      if (G_UNLIKELY (self->observer != NULL))
        _gredis_connection_observer_completed (self->observer, first_seq + i, NULL, error,
                                               e->kind == ENTRY_TOMBSTONE);
      if (e->kind == ENTRY_CALL && self->failure_func != NULL)
        {
          GredisCall *call = e->data;
          gboolean unsent = _gredis_call_get_unsent (call);

          destroy_source (&e->cancel_source);
          /* A call sent again starts as not sent. */
          _gredis_call_set_unsent (call, FALSE);
          /* The function takes the entry's reference when it takes the
           * call over. */
          if (self->failure_func (self, call, error, unsent, self->failure_data))
            continue;
          _gredis_call_set_unsent (call, unsent);
        }
      complete_entry (self, e, NULL, error);
    }

  g_free (entries);
  g_error_free (error);
  g_object_unref (self);
}

void
_gredis_connection_set_failure_func (GredisConnection            *self,
                                     GredisConnectionFailureFunc  func,
                                     gpointer                     data,
                                     GDestroyNotify               destroy)
{
  GDestroyNotify old_destroy = self->failure_destroy;
  gpointer old_data = self->failure_data;

  self->failure_func = func;
  self->failure_data = data;
  self->failure_destroy = destroy;
  if (old_destroy != NULL)
    old_destroy (old_data);
}

static GError *
closed_error (void)
{
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CLOSED,
                              _("The connection to the server is closed."));
}

/* Writing */

static gboolean
on_writable (GObject  *stream,
             gpointer  user_data)
{
  GredisConnection *self = user_data;

  g_clear_pointer (&self->write_source, g_source_unref);
  flush (self);
  return G_SOURCE_REMOVE;
}

/* The error of a failed write (consumed), as the connection reports it. */
static GError *
send_error (GError *error)
{
  gredis_i18n_init ();
  g_prefix_error (&error, _("Could not send to the server: "));
  if (error->domain != GREDIS_ERROR)
    {
      GError *wrapped = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                                             error->message);
      g_error_free (error);
      error = wrapped;
    }
  return error;
}

static gboolean restore_nonblocking (GredisConnection *self);

/* Empties the output buffer once all of it was written. */
static void
debug_sent (GredisConnection *self,
            gssize            n)
{
  GREDIS_DEBUG ("connection", "Connection %p: sent %" G_GSSIZE_FORMAT " bytes, %u waiting for a reply",
                self, n, self->n_entries);
}

static void
empty_out (GredisConnection *self)
{
  if (self->out->len > OUT_BUFFER_KEEP)
    {
      g_byte_array_unref (self->out);
      self->out = g_byte_array_sized_new (1024);
    }
  else
    g_byte_array_set_size (self->out, 0);
  self->out_pos = 0;
}

static void
flush (GredisConnection *self)
{
  GError *error = NULL;

  if (self->output == NULL || self->write_source != NULL)
    return;
  if (G_UNLIKELY (self->socket_blocking) && !restore_nonblocking (self))
    return;

  while (self->out_pos < self->out->len)
    {
      gssize n = g_pollable_output_stream_write_nonblocking (self->output,
                                                             self->out->data + self->out_pos,
                                                             self->out->len - self->out_pos,
                                                             NULL, &error);
      if (n < 0)
        {
          if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
            {
              g_clear_error (&error);
              self->write_source = g_pollable_output_stream_create_source (self->output, NULL);
              g_source_set_callback (self->write_source, G_SOURCE_FUNC (on_writable), self, NULL);
              g_source_attach (self->write_source, self->context);
              return;
            }
          fail (self, send_error (error));
          return;
        }
      self->out_pos += n;
      /* Every queued entry may now have reached the server. */
      if (G_UNLIKELY (self->observer != NULL))
        _gredis_connection_observer_written (self->observer, MAX (self->unsent_seq, self->head_seq),
                                             self->head_seq + self->n_entries);
      self->unsent_seq = self->head_seq + self->n_entries;
      if (G_UNLIKELY (self->debug))
        debug_sent (self, n);
    }

  self->progress_time = g_get_monotonic_time ();
  empty_out (self);
}

/* The flush source is ready while queued bytes wait to go out and the
 * socket is not known to be full. It looks at the buffer itself when
 * the context prepares and checks its sources, so that queueing a
 * command calls nothing in GLib: g_source_set_ready_time() takes the
 * context's lock and, in GLib before 2.76, wakes the context up with a
 * write to its eventfd, one system call per batch. */
typedef struct
{
  GSource source;
  GredisConnection *connection;  /* not a reference: dispose destroys the source */
} FlushSource;

static inline gboolean
wants_flush (GredisConnection *self)
{
  return self->out_pos < self->out->len && self->write_source == NULL &&
         self->output != NULL && self->state == GREDIS_CONNECTION_STATE_READY;
}

static gboolean
flush_source_prepare (GSource *source,
                      gint    *timeout)
{
  *timeout = -1;
  return wants_flush (((FlushSource *) source)->connection);
}

static gboolean
flush_source_check (GSource *source)
{
  return wants_flush (((FlushSource *) source)->connection);
}

static gboolean
flush_source_dispatch (GSource     *source,
                       GSourceFunc  callback,
                       gpointer     user_data)
{
  flush (((FlushSource *) source)->connection);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs flush_source_funcs = {
  flush_source_prepare, flush_source_check, flush_source_dispatch, NULL, NULL, NULL,
};

static GSource *
make_flush_source (GredisConnection *self)
{
  GSource *source = g_source_new (&flush_source_funcs, sizeof (FlushSource));

  ((FlushSource *) source)->connection = self;
  g_source_set_static_name (source, "GredisConnection flush");
  g_source_attach (source, self->context);
  return source;
}

/* Timeouts */

static gboolean timeout_dispatch (gpointer user_data);
static GSource *make_ready_time_source (GredisConnection *self,
                                        GSourceFunc       func,
                                        const char       *name);

static inline void
arm_timeout (GredisConnection *self)
{
  if (self->command_timeout_ms == 0 || self->stream == NULL)
    return;
  /* Made on first use: without a command timeout the context has one
   * source less to look at in every iteration. */
  if (G_UNLIKELY (self->timeout_source == NULL))
    self->timeout_source = make_ready_time_source (self, timeout_dispatch,
                                                   "GredisConnection timeout");
  if (g_source_get_ready_time (self->timeout_source) == -1)
    g_source_set_ready_time (self->timeout_source,
                             self->progress_time + (gint64) self->command_timeout_ms * 1000);
}

static GError *
timeout_error (GredisConnection *self)
{
  gredis_i18n_init ();
  return g_error_new (GREDIS_ERROR, GREDIS_ERROR_TIMEOUT,
                      /* Translators: %u is a number of milliseconds. */
                      _("The server did not answer within %u ms; the connection was closed."),
                      self->command_timeout_ms);
}

static gboolean
timeout_dispatch (gpointer user_data)
{
  GredisConnection *self = user_data;
  gint64 deadline;

  g_source_set_ready_time (self->timeout_source, -1);
  if (self->n_entries == 0 || self->stream == NULL || self->command_timeout_ms == 0)
    return G_SOURCE_CONTINUE;

  deadline = self->progress_time + (gint64) self->command_timeout_ms * 1000;
  if (g_get_monotonic_time () < deadline)
    {
      g_source_set_ready_time (self->timeout_source, deadline);
      return G_SOURCE_CONTINUE;
    }

  fail (self, timeout_error (self));
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs ready_time_source_funcs = {
  NULL, NULL, NULL, NULL, NULL, NULL,
};

static gboolean
ready_time_source_dispatch (GSource     *source,
                            GSourceFunc  callback,
                            gpointer     user_data)
{
  return callback (user_data);
}

static GSource *
make_ready_time_source (GredisConnection *self,
                        GSourceFunc       func,
                        const char       *name)
{
  GSource *source = g_source_new (&ready_time_source_funcs, sizeof (GSource));

  g_source_set_callback (source, func, self, NULL);
  g_source_set_static_name (source, name);
  g_source_set_ready_time (source, -1);
  g_source_attach (source, self->context);
  return source;
}

/* Reading */

/* In RESP2 a connection in subscribe mode receives messages and
 * (un)subscribe confirmations as plain arrays that no entry waits for
 * (gredis-pubsub.c sends those commands without entries): an array whose
 * first element names one of those frames. The reply to PING there is
 * ["pong", ""], which does complete its entry. */
static gboolean
is_resp2_pubsub_frame (GredisReply *reply)
{
  static const char * const kinds[] = {
    "message", "pmessage", "smessage", "subscribe", "psubscribe", "ssubscribe",
    "unsubscribe", "punsubscribe", "sunsubscribe",
  };
  GredisReply *first;
  const char *text;
  gsize length;

  if (gredis_reply_get_kind (reply) != GREDIS_REPLY_ARRAY ||
      gredis_reply_get_n_elements (reply) < 3)
    return FALSE;
  first = gredis_reply_get_element (reply, 0);
  text = gredis_reply_get_string (first, &length);
  if (text == NULL)
    return FALSE;
  for (gsize i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (strlen (kinds[i]) == length && memcmp (kinds[i], text, length) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
drain (GredisConnection *self)
{
  GredisReply *reply;
  GError *error = NULL;

  while ((reply = self->parser_iface->pop (self->parser, &error)) != NULL)
    {
      if (G_UNLIKELY (gredis_reply_get_kind (reply) == GREDIS_REPLY_PUSH ||
                      (self->subscriber && is_resp2_pubsub_frame (reply))))
        {
          if (G_UNLIKELY (self->observer != NULL))
            _gredis_connection_observer_push (self->observer, reply);
          g_signal_emit (self, signals[SIGNAL_PUSH], 0, reply);
          gredis_reply_unref (reply);
        }
      else if (G_UNLIKELY (self->n_entries == 0))
        {
          gredis_reply_unref (reply);
          gredis_i18n_init ();
          fail (self, g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                                           _("The server sent a reply that no command was waiting for.")));
          return FALSE;
        }
      else
        {
          Entry e;

          if (G_UNLIKELY (self->observer != NULL))
            _gredis_connection_observer_completed (self->observer, self->head_seq, reply, NULL,
                                                   self->ring[self->head].kind == ENTRY_TOMBSTONE);
          e = ring_pop_front (self);
          complete_entry (self, &e, reply, NULL);
          gredis_reply_unref (reply);
        }
      if (G_UNLIKELY (self->state == GREDIS_CONNECTION_STATE_CLOSED))
        return FALSE;
    }

  if (error != NULL)
    {
      if (error->domain != GREDIS_ERROR)
        {
          GError *wrapped = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                                                 error->message);
          g_error_free (error);
          error = wrapped;
        }
      fail (self, error);
      return FALSE;
    }
  return TRUE;
}

/* Bumped by every read that got bytes from a server, before they are
 * parsed, except in threads that opted out: the client-side cache checks
 * its tracking sockets only when something came in since it last did
 * (gredis-cache.c, is_quiet ()). */
static gint input_epoch;
static GPrivate input_epoch_exempt;

guint
_gredis_connection_get_input_epoch (void)
{
  return (guint) g_atomic_int_get (&input_epoch);
}

void
_gredis_connection_exempt_thread_from_input_epoch (void)
{
  g_private_set (&input_epoch_exempt, GINT_TO_POINTER (1));
}

/* One read from the stream, fed to the parser and drained: the number of
 * bytes read, 0 when there was nothing to read, -1 when the connection
 * failed (or was closed by a reply's callback) under it. */
static gssize
receive (GredisConnection *self,
         gint64            now)
{
  GError *error = NULL;
  gssize n = g_pollable_input_stream_read_nonblocking (self->input, self->read_buffer,
                                                       READ_BUFFER_SIZE, NULL, &error);

  if (n < 0)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          g_error_free (error);
          return 0;
        }
      gredis_i18n_init ();
      g_prefix_error (&error, _("Could not receive from the server: "));
      if (error->domain != GREDIS_ERROR)
        {
          GError *wrapped = g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                                                 error->message);
          g_error_free (error);
          error = wrapped;
        }
      fail (self, error);
      return -1;
    }
  if (n == 0)
    {
      gredis_i18n_init ();
      fail (self, g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                                       self->n_entries > 0
                                       ? _("The server closed the connection before it answered every command.")
                                       : _("The server closed the connection.")));
      return -1;
    }

  if (G_LIKELY (g_private_get (&input_epoch_exempt) == NULL))
    g_atomic_int_inc (&input_epoch);
  self->progress_time = now;
  if (G_UNLIKELY (self->observer != NULL))
    _gredis_connection_observer_received (self->observer, n);
  self->parser_iface->feed (self->parser, self->read_buffer, n);
  if (!drain (self))
    return -1;
  return n;
}

static gboolean
on_readable (GObject  *stream,
             gpointer  user_data)
{
  GredisConnection *self = g_object_ref (user_data);

  if (G_UNLIKELY (self->socket_blocking))
    restore_nonblocking (self);

  /* A few reads per dispatch, so that one busy connection does not
   * starve the other sources of the context. */
  for (guint round = 0; round < 4 && self->input != NULL; round++)
    {
      if (receive (self, g_source_get_time (self->read_source)) < READ_BUFFER_SIZE)
        break;
    }

  g_object_unref (self);
  return G_SOURCE_CONTINUE;
}

#ifdef G_OS_UNIX
/* On a socket (the tcp and unix transports) the read source watches the
 * descriptor itself rather than through
 * g_pollable_input_stream_create_source(). That source dispatches a
 * child source with a dummy callback (a GClosure call) for every event,
 * and GLib (before 2.76) takes the descriptors of a dispatched source
 * out of the poll set and back in around every dispatch, waking the
 * context up each time: four system calls per read. This source may
 * recurse instead, and leaves the poll set only when it is reentered (a
 * main loop run from within a reply callback), until the outer dispatch
 * returns: what GLib would do, only when needed. */
typedef struct
{
  GSource source;
  int fd;
  gpointer fd_tag;             /* NULL while out of the poll set */
  gboolean in_dispatch;
} ReadSource;

static gboolean
read_source_dispatch (GSource     *source,
                      GSourceFunc  callback,
                      gpointer     user_data)
{
  ReadSource *rs = (ReadSource *) source;

  if (rs->in_dispatch)
    {
      if (rs->fd_tag != NULL)
        {
          g_source_remove_unix_fd (source, rs->fd_tag);
          rs->fd_tag = NULL;
        }
      return G_SOURCE_CONTINUE;
    }

  rs->in_dispatch = TRUE;
  ((GPollableSourceFunc) (void (*) (void)) callback) (NULL, user_data);
  rs->in_dispatch = FALSE;
  if (rs->fd_tag == NULL && !g_source_is_destroyed (source))
    rs->fd_tag = g_source_add_unix_fd (source, rs->fd, G_IO_IN);
  return G_SOURCE_CONTINUE;
}

static GSourceFuncs read_source_funcs = {
  NULL, NULL, read_source_dispatch, NULL, NULL, NULL,
};
#endif

static GSource *
make_read_source (GredisConnection *self)
{
#ifdef G_OS_UNIX
  if (G_IS_SOCKET_CONNECTION (self->stream))
    {
      GSocket *socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (self->stream));
      GSource *source = g_source_new (&read_source_funcs, sizeof (ReadSource));
      ReadSource *rs = (ReadSource *) source;

      rs->fd = g_socket_get_fd (socket);
      rs->fd_tag = g_source_add_unix_fd (source, rs->fd, G_IO_IN);
      g_source_set_can_recurse (source, TRUE);
      return source;
    }
#endif
  return g_pollable_input_stream_create_source (self->input, NULL);
}

/* Queueing */

static inline GByteArray *
current_buffer (GredisConnection *self)
{
  return self->state == GREDIS_CONNECTION_STATE_READY ? self->out : self->held;
}

static inline void
after_queue (GredisConnection *self,
             gboolean          was_idle)
{
  if (was_idle)
    {
      self->progress_time = g_get_monotonic_time ();
      arm_timeout (self);
    }
}

typedef struct
{
  GredisConnection *self;
  guint64 seq;
} CancelData;

static gboolean
on_cancelled (GCancellable *cancellable,
              gpointer      user_data)
{
  CancelData *data = user_data;
  GredisConnection *self = data->self;
  Entry *e = ring_lookup (self, data->seq);
  GredisCall *call;

  if (e != NULL && e->kind == ENTRY_COMMAND)
    entry_to_call (self, e);
  if (e == NULL || e->kind != ENTRY_CALL)
    return G_SOURCE_REMOVE;

  /* The entry stays as a tombstone: its reply will be read and dropped,
   * and then its kept bytes, if any (entry_to_call() leaves their place
   * in the entry), released. */
  call = e->data;
  e->kind = ENTRY_TOMBSTONE;
  e->data = NULL;
  g_clear_pointer (&e->cancel_source, g_source_unref);
  _gredis_call_return_error_if_cancelled (call);
  _gredis_call_unref (call);
  return G_SOURCE_REMOVE;
}

void
_gredis_connection_set_subscriber (GredisConnection *self,
                                   gboolean          subscriber)
{
  self->subscriber = !!subscriber;
}

void
_gredis_connection_skip_reply (GredisConnection *self)
{
  Entry *e;

  if (self->state == GREDIS_CONNECTION_STATE_CLOSED)
    return;
  /* A tombstone at the head: the reply it gets is read and dropped. */
  e = ring_push_front (self);
  e->kind = ENTRY_TOMBSTONE;
  e->func = NULL;
  e->data = NULL;
  e->cancel_source = NULL;
  arm_timeout (self);
}

gboolean
_gredis_connection_send_no_reply (GredisConnection   *self,
                                  guint               argc,
                                  const char * const *argv,
                                  const gsize        *argv_lengths)
{
  if (G_UNLIKELY (self->state == GREDIS_CONNECTION_STATE_CLOSED))
    return FALSE;

  /* The flush source sends it at the end of the iteration. */
  gredis_encode_command (current_buffer (self), argc, argv, argv_lengths);
  return TRUE;
}

/* Appends the command to @buffer; returns where it starts. Exactly one
 * of @argv and @args is given. */
static inline guint
encode_queued (GByteArray         *buffer,
               guint               argc,
               const char * const *argv,
               const gsize        *argv_lengths,
               GBytes * const     *args)
{
  guint start = buffer->len;

  if (args != NULL)
    gredis_encode_command_bytes (buffer, args, argc);
  else
    gredis_encode_command (buffer, argc, argv, argv_lengths);
  return start;
}

/* @e, the entry just pushed, becomes a tombstone completed with
 * G_IO_ERROR_CANCELLED when @cancellable is cancelled. */
static void
watch_cancellable (GredisConnection *self,
                   Entry            *e,
                   GCancellable     *cancellable)
{
  CancelData *data = g_new (CancelData, 1);

  data->self = self;
  data->seq = self->head_seq + self->n_entries - 1;
  e->cancel_source = g_cancellable_source_new (cancellable);
  g_source_set_callback (e->cancel_source, G_SOURCE_FUNC (on_cancelled), data, g_free);
  g_source_attach (e->cancel_source, self->context);
}

void
_gredis_connection_queue_call (GredisConnection   *self,
                               guint               argc,
                               const char * const *argv,
                               const gsize        *argv_lengths,
                               GBytes * const     *args,
                               GredisCall         *call)
{
  GCancellable *cancellable = _gredis_call_get_cancellable (call);
  gboolean was_idle = self->n_entries == 0;
  GByteArray *buffer;
  guint start;
  Entry *e;

  /* These may run within the function that made the call: the callback
   * waits for an idle source. Most commands have no cancellable. */
  if (G_UNLIKELY (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    {
      GError *error = NULL;

      g_cancellable_set_error_if_cancelled (cancellable, &error);
      _gredis_call_return_error_later (call, error, self->context);
      return;
    }
  if (G_UNLIKELY (self->state == GREDIS_CONNECTION_STATE_CLOSED))
    {
      /* Why it closed (a refused certificate, a reset) tells the caller
       * more than that it is closed, and lets the retry policy see a
       * permanent failure as one. */
      _gredis_call_return_error_later (call, self->close_error != NULL ? g_error_copy (self->close_error)
                                                                        : closed_error (),
                                       self->context);
      return;
    }

  if (G_UNLIKELY (self->debug))
    debug_command (self, "queues", argc, argv, argv_lengths, args);
  buffer = current_buffer (self);
  start = encode_queued (buffer, argc, argv, argv_lengths, args);
  if (_gredis_call_keeps_command (call))
    _gredis_call_store_command (call, buffer->data + start, buffer->len - start);

  e = ring_push_back (self);
  e->kind = ENTRY_CALL;
  e->kept_length = 0;
  e->func = NULL;
  e->data = _gredis_call_ref (call);
  e->cancel_source = NULL;
  if (cancellable != NULL)
    watch_cancellable (self, e, cancellable);
  if (G_UNLIKELY (self->observer != NULL))
    _gredis_connection_observer_queued (self->observer, self->head_seq + self->n_entries - 1,
                                        argc, argv, argv_lengths, args, buffer->len - start,
                                        _gredis_call_get_attempt (call) + 1);

  after_queue (self, was_idle);
}

void
_gredis_connection_queue_asking_call (GredisConnection   *self,
                                      guint               argc,
                                      const char * const *argv,
                                      const gsize        *argv_lengths,
                                      GBytes * const     *args,
                                      GredisCall         *call)
{
  static const char * const asking[] = { "ASKING" };
  GCancellable *cancellable = _gredis_call_get_cancellable (call);
  gboolean was_idle = self->n_entries == 0;
  Entry *e;

  /* A call that fails at once needs no ASKING. */
  if (G_UNLIKELY ((cancellable != NULL && g_cancellable_is_cancelled (cancellable)) ||
                  self->state == GREDIS_CONNECTION_STATE_CLOSED))
    {
      _gredis_connection_queue_call (self, argc, argv, argv_lengths, args, call);
      return;
    }

  /* ASKING gets an entry whose reply (+OK) is read and dropped, a
   * tombstone from the start; the command follows it at once in the
   * same buffer and queue. The connection is used from its context's
   * thread only, so nothing can come between them, and both go out in
   * the same write. */
  gredis_encode_command (current_buffer (self), 1, asking, NULL);
  e = ring_push_back (self);
  e->kind = ENTRY_TOMBSTONE;
  e->kept_length = 0;
  e->func = NULL;
  e->data = NULL;
  e->cancel_source = NULL;
  after_queue (self, was_idle);

  _gredis_connection_queue_call (self, argc, argv, argv_lengths, args, call);
}

void
_gredis_connection_queue_command (GredisConnection    *self,
                                  guint                argc,
                                  const char * const  *argv,
                                  const gsize         *argv_lengths,
                                  GBytes * const      *args,
                                  gboolean             keep,
                                  gpointer             source_object,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data,
                                  gpointer             source_tag)
{
  gboolean was_idle = self->n_entries == 0;
  GByteArray *buffer;
  guint start;
  Entry *e;

  if (G_UNLIKELY ((cancellable != NULL && g_cancellable_is_cancelled (cancellable)) ||
                  self->state == GREDIS_CONNECTION_STATE_CLOSED))
    {
      g_autoptr(GredisCall) call = _gredis_call_new (source_object, cancellable, callback,
                                                     user_data, source_tag);

      if (keep)
        _gredis_call_keep_command (call);
      _gredis_connection_queue_call (self, argc, argv, argv_lengths, args, call);
      return;
    }

  if (G_UNLIKELY (self->debug))
    debug_command (self, "queues", argc, argv, argv_lengths, args);
  buffer = current_buffer (self);
  start = encode_queued (buffer, argc, argv, argv_lengths, args);

  e = ring_push_back (self);
  e->kind = ENTRY_COMMAND;
  e->func = callback;
  e->data = user_data;
  e->cancel_source = NULL;
  e->source_object = source_object != NULL ? g_object_ref (source_object) : NULL;
  e->source_tag = source_tag;
  e->cancellable = NULL;
  e->kept_length = 0;
  if (keep)
    {
      guint length = buffer->len - start;

      e->kept_pos = self->kept_base + self->kept->len;
      e->kept_length = length;
      g_byte_array_append (self->kept, buffer->data + start, length);
    }
  if (cancellable != NULL)
    {
      e->cancellable = g_object_ref (cancellable);
      watch_cancellable (self, e, cancellable);
    }
  if (G_UNLIKELY (self->observer != NULL))
    _gredis_connection_observer_queued (self->observer, self->head_seq + self->n_entries - 1,
                                        argc, argv, argv_lengths, args, buffer->len - start, 0);

  after_queue (self, was_idle);
}

const GError *
_gredis_connection_get_close_error (GredisConnection *connection)
{
  return connection->close_error;
}

gsize
_gredis_connection_get_kept_length (GredisConnection *self)
{
  return self->kept->len;
}

void
_gredis_connection_set_observers (GredisConnection *self,
                                  GredisObservers  *observers)
{
  if (observers == NULL || self->observer != NULL)
    return;
  self->observer = _gredis_connection_observer_new (observers, self->endpoint, self->database,
                                                    self->ring_mask + 1);
  /* Ready before its client saw it (made by the pool ahead of time). */
  if (self->state == GREDIS_CONNECTION_STATE_READY)
    _gredis_connection_observer_ready (self->observer, 0);
}

GredisObservers *
_gredis_connection_get_observers (GredisConnection *self)
{
  return self->observer != NULL ? _gredis_connection_observer_get_observers (self->observer) : NULL;
}

void
_gredis_connection_set_batch (GredisConnection *self,
                              guint             batch_size,
                              guint             attempt)
{
  if (G_UNLIKELY (self->observer != NULL))
    _gredis_connection_observer_set_batch (self->observer, batch_size, attempt);
}

/**
 * gredis_connection_send_command_async:
 * @connection: a #GredisConnection
 * @argc: the number of arguments, at least 1
 * @argv: (array length=argc): the command and its arguments
 * @argv_lengths: (array length=argc) (nullable): the lengths of the
 *   arguments, for binary-safe arguments, or %NULL when every argument is
 *   a NUL-terminated string
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the reply
 * @user_data: data for @callback
 *
 * Queues a command. It is encoded at once (the arguments may be freed on
 * return) and goes out at the end of the current main-loop iteration
 * with every other command queued during it. @callback runs in the
 * connection's main context; call gredis_connection_send_command_finish()
 * from it.
 */
void
gredis_connection_send_command_async (GredisConnection    *connection,
                                      guint                argc,
                                      const char * const  *argv,
                                      const gsize         *argv_lengths,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  g_return_if_fail (argc > 0 && argv != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gredis_connection_queue_command (connection, argc, argv, argv_lengths, NULL, FALSE,
                                    connection, cancellable, callback, user_data,
                                    gredis_connection_send_command_async);
}

/**
 * gredis_connection_send_command_bytes_async:
 * @connection: a #GredisConnection
 * @args: (array length=n_args): the command and its arguments
 * @n_args: the number of arguments, at least 1
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the reply
 * @user_data: data for @callback
 *
 * Like gredis_connection_send_command_async(), with arguments given as
 * #GBytes.
 */
void
gredis_connection_send_command_bytes_async (GredisConnection    *connection,
                                            GBytes * const      *args,
                                            guint                n_args,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  g_return_if_fail (n_args > 0 && args != NULL);
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  _gredis_connection_queue_command (connection, n_args, NULL, NULL, args, FALSE,
                                    connection, cancellable, callback, user_data,
                                    gredis_connection_send_command_async);
}

/**
 * gredis_connection_send_command_finish:
 * @connection: a #GredisConnection
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes a command. A server error reply becomes an error in the
 * %GREDIS_ERROR domain whose code comes from the reply's prefix and whose
 * message is the server's text.
 *
 * Returns: (transfer full): the reply, or %NULL with an error
 */
GredisReply *
gredis_connection_send_command_finish (GredisConnection  *connection,
                                       GAsyncResult      *result,
                                       GError           **error)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  g_return_val_if_fail (_gredis_call_is_valid (result, connection,
                                               gredis_connection_send_command_async), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return _gredis_call_propagate_reply (result, error);
}

typedef struct
{
  GredisConnection *self;
  GredisReplyCallback callback;
  gpointer user_data;
} LateFailure;

static gboolean
report_closed (gpointer user_data)
{
  LateFailure *late = user_data;
  GError *error = closed_error ();

  late->callback (late->self, NULL, error, late->user_data);
  g_error_free (error);
  g_object_unref (late->self);
  g_free (late);
  return G_SOURCE_REMOVE;
}

/**
 * gredis_connection_send_command_full:
 * @connection: a #GredisConnection
 * @argc: the number of arguments, at least 1
 * @argv: (array length=argc): the command and its arguments
 * @argv_lengths: (array length=argc) (nullable): the lengths of the
 *   arguments, or %NULL when every argument is a NUL-terminated string
 * @callback: (scope async): called once with the reply or an error
 * @user_data: data for @callback
 *
 * Queues a command like gredis_connection_send_command_async(), without
 * a #GAsyncResult: the cheapest way to send many commands, for pipelines and
 * benchmarks. @callback is called exactly once, never from within this
 * function. Error replies from the server are passed as replies.
 */
void
gredis_connection_send_command_full (GredisConnection    *connection,
                                     guint                argc,
                                     const char * const  *argv,
                                     const gsize         *argv_lengths,
                                     GredisReplyCallback  callback,
                                     gpointer             user_data)
{
  GredisConnection *self = connection;
  GByteArray *buffer;
  gboolean was_idle;
  guint start;
  Entry *e;

  g_return_if_fail (GREDIS_IS_CONNECTION (self));
  g_return_if_fail (argc > 0 && argv != NULL);
  g_return_if_fail (callback != NULL);

  if (G_UNLIKELY (self->state == GREDIS_CONNECTION_STATE_CLOSED))
    {
      LateFailure *late = g_new (LateFailure, 1);
      GSource *source = g_idle_source_new ();

      late->self = g_object_ref (self);
      late->callback = callback;
      late->user_data = user_data;
      g_source_set_callback (source, report_closed, late, NULL);
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_attach (source, self->context);
      g_source_unref (source);
      return;
    }

  was_idle = self->n_entries == 0;
  if (G_UNLIKELY (self->debug))
    debug_command (self, "queues", argc, argv, argv_lengths, NULL);
  buffer = current_buffer (self);
  start = buffer->len;
  gredis_encode_command (buffer, argc, argv, argv_lengths);
  e = ring_push_back (self);
  e->kind = ENTRY_CALLBACK;
  e->func = callback;
  e->data = user_data;
  e->cancel_source = NULL;
  if (G_UNLIKELY (self->observer != NULL))
    _gredis_connection_observer_queued (self->observer, self->head_seq + self->n_entries - 1,
                                        argc, argv, argv_lengths, NULL, buffer->len - start, 0);
  after_queue (self, was_idle);
}

/**
 * gredis_connection_flush:
 * @connection: a #GredisConnection
 *
 * Writes the commands queued so far now, rather than at the end of the
 * main-loop iteration. Does nothing before the connection is ready.
 */
void
gredis_connection_flush (GredisConnection *connection)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));

  if (connection->state == GREDIS_CONNECTION_STATE_READY)
    flush (connection);
}

/* The blocking API's direct path */

/* The socket under the connection's stream, when reading and writing the
 * stream is reading and writing that socket: not so for a TLS stream,
 * nor for a GTcpWrapperConnection around one. Looked up once: a
 * connection has one stream in its life. */
static GSocket *
direct_socket (GredisConnection *self)
{
  if (G_UNLIKELY (!self->socket_checked) && self->stream != NULL)
    {
      self->socket_checked = TRUE;
      if (G_IS_SOCKET_CONNECTION (self->stream) && !G_IS_TCP_WRAPPER_CONNECTION (self->stream))
        self->socket = g_socket_connection_get_socket (G_SOCKET_CONNECTION (self->stream));
    }
  return self->stream != NULL ? self->socket : NULL;
}

/* Waiting in poll() and then reading costs a round trip two system
 * calls and a second pass over the socket after the wakeup: when client
 * and server run on different CPUs, that made a blocking call about a
 * fifth slower than hiredis' blocking read. So the direct path, when no
 * GCancellable has to be watched, reads (and writes) with O_NONBLOCK off
 * and lets the kernel wait, bounded by the command timeout through
 * SO_RCVTIMEO and SO_SNDTIMEO. GSocket keeps its descriptor
 * non-blocking and its "non-blocking" calls rely on that, so the flag is
 * put back before the connection does anything else with its stream
 * (flush() and on_readable()); between two direct calls it stays off,
 * so that a loop of blocking commands costs no fcntl(). The timeouts
 * only bound blocking calls, and stay. */
static gboolean
make_blocking (GredisConnection *self,
               GSocket          *socket)
{
#ifdef G_OS_UNIX
  int fd = g_socket_get_fd (socket);

  if (G_UNLIKELY (self->socket_timeout_ms != self->command_timeout_ms))
    {
      struct timeval tv;

      tv.tv_sec = self->command_timeout_ms / 1000;
      tv.tv_usec = (self->command_timeout_ms % 1000) * 1000;
      if (setsockopt (fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv) != 0 ||
          setsockopt (fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv) != 0)
        return FALSE;
      self->socket_timeout_ms = self->command_timeout_ms;
    }
  if (!self->socket_blocking)
    {
      int flags = fcntl (fd, F_GETFL);

      if (flags == -1 || fcntl (fd, F_SETFL, flags & ~O_NONBLOCK) == -1)
        return FALSE;
      self->socket_blocking = TRUE;
    }
  return TRUE;
#else
  return FALSE;
#endif
}

static gboolean
restore_nonblocking (GredisConnection *self)
{
#ifdef G_OS_UNIX
  if (self->socket_blocking && self->stream != NULL)
    {
      int fd = g_socket_get_fd (self->socket);
      int flags = fcntl (fd, F_GETFL);
      int saved_errno;

      if (flags != -1 && fcntl (fd, F_SETFL, flags | O_NONBLOCK) == 0)
        {
          self->socket_blocking = FALSE;
          return TRUE;
        }
      /* A read or a write could block the main loop: close instead. */
      saved_errno = errno;
      gredis_i18n_init ();
      fail (self, g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION,
                               /* Translators: %s says why, from the system. */
                               _("Could not make the socket of the connection non-blocking again: %s"),
                               g_strerror (saved_errno)));
      return FALSE;
    }
#endif
  return TRUE;
}

typedef enum {
  WAIT_READY,
  WAIT_TIMED_OUT,
  WAIT_CANCELLED,
} WaitResult;

/* Waits until @socket is ready for @condition (or in error), until
 * @deadline (monotonic µs, G_MAXINT64 for none) or until @cancellable is
 * cancelled, whichever comes first. */
static WaitResult
wait_socket (GSocket      *socket,
             GIOCondition  condition,
             gint64        deadline,
             GCancellable *cancellable)
{
  WaitResult result = WAIT_READY;
  GPollFD fds[2];
  guint n_fds = 1;
  gint max_ms = -1;

  fds[0].fd = g_socket_get_fd (socket);
  fds[0].events = condition;
  fds[0].revents = 0;
  if (cancellable != NULL && !g_cancellable_make_pollfd (cancellable, &fds[1]))
    max_ms = 50;               /* no file descriptor to wake us: look now and then */
  else if (cancellable != NULL)
    n_fds++;

  for (;;)
    {
      gint timeout_ms = max_ms;
      gint n_ready;

      if (deadline != G_MAXINT64)
        {
          gint64 left = deadline - g_get_monotonic_time ();

          if (left <= 0)
            {
              result = WAIT_TIMED_OUT;
              break;
            }
          timeout_ms = (gint) MIN ((left + 999) / 1000, max_ms >= 0 ? max_ms : G_MAXINT);
        }
      n_ready = g_poll (fds, n_fds, timeout_ms);
      if (g_cancellable_is_cancelled (cancellable))
        {
          result = WAIT_CANCELLED;
          break;
        }
      /* A failed poll other than an interruption: let the read or the
       * write that follows report what is wrong. */
      if ((n_ready > 0 && fds[0].revents != 0) || (n_ready < 0 && errno != EINTR))
        break;
      /* Interrupted, or the deadline is near: look again. */
    }

  if (n_fds > 1)
    g_cancellable_release_fd (cancellable);
  return result;
}

typedef struct
{
  GredisReply *reply;
  GError *error;
  gboolean done;
} DirectCall;

static void
direct_call_done (GredisConnection *self,
                  GredisReply      *reply,
                  const GError     *error,
                  gpointer          user_data)
{
  DirectCall *call = user_data;

  call->done = TRUE;
  if (error != NULL)
    call->error = g_error_copy (error);
  else if (G_UNLIKELY (gredis_reply_is_error (reply)))
    call->error = gredis_reply_to_error (reply);
  else
    call->reply = gredis_reply_ref (reply);
}

/* The caller of the direct path gave up on its command (the only entry,
 * of sequence number @seq): unless none of its bytes was written, its
 * entry stays as a tombstone and the rest of its bytes go out with the
 * next write, as on the asynchronous path. */
static void
direct_abandon (GredisConnection *self,
                guint64           seq,
                gboolean          unsent)
{
  Entry *e;

  if (unsent)
    {
      if (G_UNLIKELY (self->observer != NULL))
        _gredis_connection_observer_forget (self->observer, seq);
      self->n_entries--;
      g_byte_array_set_size (self->out, 0);
      self->out_pos = 0;
      return;
    }

  e = ring_lookup (self, seq);
  e->kind = ENTRY_TOMBSTONE;
  e->func = NULL;
  e->data = NULL;
  self->progress_time = g_get_monotonic_time ();
  arm_timeout (self);
  /* Bytes left unwritten go out with the flush source. */
}

gboolean
_gredis_connection_send_direct (GredisConnection   *self,
                                guint               attempt,
                                guint               argc,
                                const char * const *argv,
                                const gsize        *argv_lengths,
                                GBytes * const     *args,
                                GCancellable       *cancellable,
                                GredisReply       **reply,
                                gboolean           *unsent,
                                GError            **error)
{
  DirectCall call = { NULL, NULL, FALSE };
  gboolean blocking = FALSE;
  gint64 timeout_us = (gint64) self->command_timeout_ms * 1000;
  gint64 deadline;
  GSocket *socket;
  guint64 seq;
  Entry *e;

  if (self->state != GREDIS_CONNECTION_STATE_READY || self->n_entries != 0 ||
      self->out->len != 0 || self->write_source != NULL || self->subscriber ||
      (socket = direct_socket (self)) == NULL)
    return FALSE;

  *unsent = TRUE;
  if (G_UNLIKELY (g_cancellable_set_error_if_cancelled (cancellable, error)))
    return TRUE;
  /* A GCancellable needs poll() to be watched with the socket. */
  if (cancellable == NULL)
    blocking = make_blocking (self, socket);
  if (!blocking && G_UNLIKELY (self->socket_blocking) && !restore_nonblocking (self))
    return FALSE;              /* closed: the main-loop path reports it */

  if (G_UNLIKELY (self->debug))
    debug_command (self, "sends and waits for", argc, argv, argv_lengths, args);
  if (args != NULL)
    gredis_encode_command_bytes (self->out, args, argc);
  else
    gredis_encode_command (self->out, argc, argv, argv_lengths);
  seq = self->head_seq;
  e = ring_push_back (self);
  e->kind = ENTRY_CALLBACK;
  e->func = direct_call_done;
  e->data = &call;
  e->cancel_source = NULL;
  if (G_UNLIKELY (self->observer != NULL))
    _gredis_connection_observer_queued (self->observer, seq, argc, argv, argv_lengths, args,
                                        self->out->len, attempt);

  self->progress_time = g_get_monotonic_time ();
  deadline = timeout_us > 0 ? self->progress_time + timeout_us : G_MAXINT64;

  while (self->out_pos < self->out->len)
    {
      GError *local_error = NULL;
      gssize n = g_pollable_output_stream_write_nonblocking (self->output,
                                                             self->out->data + self->out_pos,
                                                             self->out->len - self->out_pos,
                                                             NULL, &local_error);

      if (n > 0)
        {
          self->out_pos += n;
          *unsent = FALSE;
          if (G_UNLIKELY (self->debug))
            debug_sent (self, n);
          if (G_UNLIKELY (self->observer != NULL))
            _gredis_connection_observer_written (self->observer, MAX (self->unsent_seq, self->head_seq),
                                                 self->head_seq + self->n_entries);
          self->unsent_seq = self->head_seq + self->n_entries;
          if (timeout_us > 0 && self->out_pos < self->out->len)
            deadline = g_get_monotonic_time () + timeout_us;
          continue;
        }
      if (n < 0 && !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        {
          /* Empties the buffer, and completes the call. */
          fail (self, send_error (local_error));
          break;
        }
      g_clear_error (&local_error);
      switch (wait_socket (socket, G_IO_OUT, deadline, cancellable))
        {
        case WAIT_READY:
          break;
        case WAIT_TIMED_OUT:
          fail (self, timeout_error (self));
          break;
        case WAIT_CANCELLED:
        default:
          direct_abandon (self, seq, *unsent);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return TRUE;
        }
    }
  if (self->state == GREDIS_CONNECTION_STATE_READY)
    empty_out (self);

  while (!call.done)
    {
      if (blocking)
        {
          /* Waits in the kernel, up to the command timeout. */
          gssize n = receive (self, self->progress_time);

          if (n > 0 && timeout_us > 0)
            {
              self->progress_time = g_get_monotonic_time ();
              deadline = self->progress_time + timeout_us;
            }
          /* Nothing read (the timeout, or a wakeup with nothing to
           * read): wait_socket() tells which. */
          if (n != 0)
            continue;
        }
      switch (wait_socket (socket, G_IO_IN, deadline, cancellable))
        {
        case WAIT_READY:
          if (blocking)
            break;             /* the blocking read above takes it */
          on_readable (NULL, self);
          if (timeout_us > 0)
            {
              /* on_readable() took the time of a context nobody runs. */
              self->progress_time = g_get_monotonic_time ();
              deadline = self->progress_time + timeout_us;
            }
          break;
        case WAIT_TIMED_OUT:
          fail (self, timeout_error (self));
          break;
        case WAIT_CANCELLED:
        default:
          direct_abandon (self, seq, FALSE);
          g_cancellable_set_error_if_cancelled (cancellable, error);
          return TRUE;
        }
    }

  if (call.error != NULL)
    g_propagate_error (error, call.error);
  else
    *reply = call.reply;
  return TRUE;
}

gboolean
_gredis_connection_check_idle (GredisConnection *self)
{
  GPollFD fd;
  GSocket *socket;

  if (self->state == GREDIS_CONNECTION_STATE_CLOSED)
    return TRUE;
  if (self->state != GREDIS_CONNECTION_STATE_READY || self->n_entries != 0 ||
      self->out->len != 0 || (socket = direct_socket (self)) == NULL)
    return FALSE;

  fd.fd = g_socket_get_fd (socket);
  fd.events = G_IO_IN;
  fd.revents = 0;
  if (g_poll (&fd, 1, 0) > 0 && fd.revents != 0)
    on_readable (NULL, self);
  return TRUE;
}

/* Opening and the handshake */

static void
become_ready (GredisConnection *self)
{
  GTask *open_task;

  if (self->held->len > 0)
    {
      if (self->out->len == self->out_pos)
        {
          GByteArray *tmp = self->out;

          g_byte_array_set_size (tmp, 0);
          self->out_pos = 0;
          self->out = self->held;
          self->held = tmp;
        }
      else
        {
          g_byte_array_append (self->out, self->held->data, self->held->len);
          g_byte_array_set_size (self->held, 0);
        }
    }

  open_task = g_steal_pointer (&self->open_task);
  disconnect_open_cancellable (self);
  self->attempt = 0;
  if (self->backoff_policy != NULL)
    gredis_backoff_policy_reset (self->backoff_policy);

  GREDIS_DEBUG ("connection", "Connection %p: ready, protocol %u, %u commands waiting", self,
                self->protocol, self->n_entries);
  g_object_ref (self);
  set_state (self, GREDIS_CONNECTION_STATE_READY);
  if (self->state == GREDIS_CONNECTION_STATE_READY)
    flush (self);
  if (open_task != NULL)
    {
      if (self->state == GREDIS_CONNECTION_STATE_READY)
        g_task_return_boolean (open_task, TRUE);
      else
        g_task_return_error (open_task, closed_error ());
      g_object_unref (open_task);
    }
  g_object_unref (self);
}

static void
handshake_reply (GredisConnection    *self,
                 GredisHandshakeStep *step,
                 GredisReply         *reply)
{
  GError *error = NULL;

  if (!_gredis_handshake_step_judge (step, self, reply, &error))
    {
      fail (self, error);
      return;
    }

  /* A step sent after the handshake (added late) completes nothing. */
  if (self->n_handshake > 0 && --self->n_handshake == 0)
    become_ready (self);
}

/* The built-in steps. Their commands are built from the connection's
 * settings each time the handshake is sent. */

static const char *
auth_user (GredisConnection *self)
{
  return self->username != NULL && *self->username != '\0' ? self->username : NULL;
}

static gboolean
has_client_name (GredisConnection *self)
{
  return self->client_name != NULL && *self->client_name != '\0';
}

/* RESP3: HELLO 3, with AUTH and SETNAME. */
static gboolean
build_hello (GredisConnection *self,
             GPtrArray        *argv,
             gpointer          user_data)
{
  if (self->protocol != 3)
    return FALSE;
  g_ptr_array_add (argv, g_strdup ("HELLO"));
  g_ptr_array_add (argv, g_strdup ("3"));
  if (self->password != NULL)
    {
      const char *user = auth_user (self);

      g_ptr_array_add (argv, g_strdup ("AUTH"));
      g_ptr_array_add (argv, g_strdup (user != NULL ? user : "default"));
      g_ptr_array_add (argv, g_strdup (self->password));
    }
  if (has_client_name (self))
    {
      g_ptr_array_add (argv, g_strdup ("SETNAME"));
      g_ptr_array_add (argv, g_strdup (self->client_name));
    }
  return TRUE;
}

static gboolean
check_hello (GredisConnection  *self,
             GredisReply       *reply,
             gpointer           user_data,
             GError           **error)
{
  if (gredis_reply_is_error (reply))
    {
      g_propagate_error (error, _gredis_handshake_refused_error ("HELLO", reply));
      return FALSE;
    }
  g_clear_pointer (&self->server_info, gredis_reply_unref);
  self->server_info = gredis_reply_ref (reply);
  return TRUE;
}

/* RESP2: AUTH [user] password. */
static gboolean
build_auth (GredisConnection *self,
            GPtrArray        *argv,
            gpointer          user_data)
{
  if (self->protocol == 3 || self->password == NULL)
    return FALSE;
  g_ptr_array_add (argv, g_strdup ("AUTH"));
  if (auth_user (self) != NULL)
    g_ptr_array_add (argv, g_strdup (auth_user (self)));
  g_ptr_array_add (argv, g_strdup (self->password));
  return TRUE;
}

/* RESP2: CLIENT SETNAME (HELLO sets the name with RESP3). */
static gboolean
build_setname (GredisConnection *self,
               GPtrArray        *argv,
               gpointer          user_data)
{
  if (self->protocol == 3 || !has_client_name (self))
    return FALSE;
  g_ptr_array_add (argv, g_strdup ("CLIENT"));
  g_ptr_array_add (argv, g_strdup ("SETNAME"));
  g_ptr_array_add (argv, g_strdup (self->client_name));
  return TRUE;
}

static gboolean
build_select (GredisConnection *self,
              GPtrArray        *argv,
              gpointer          user_data)
{
  if (self->database == 0)
    return FALSE;
  g_ptr_array_add (argv, g_strdup ("SELECT"));
  g_ptr_array_add (argv, g_strdup_printf ("%u", self->database));
  return TRUE;
}

/* Made once, shared by every connection: they hold nothing of their own. */
static GPtrArray *
builtin_steps (void)
{
  static GPtrArray *steps;

  if (g_once_init_enter (&steps))
    {
      const char *lib_name[] = { "CLIENT", "SETINFO", "LIB-NAME", "gredis", NULL };
      const char *lib_ver[] = { "CLIENT", "SETINFO", "LIB-VER", GREDIS_VERSION_S, NULL };
      GPtrArray *array = g_ptr_array_new ();

      /* The authenticating step first: nothing runs before it. */
      g_ptr_array_add (array, _gredis_handshake_step_new ("HELLO", NULL, build_hello,
                                                          GREDIS_HANDSHAKE_NONE, check_hello,
                                                          NULL, NULL));
      g_ptr_array_add (array, _gredis_handshake_step_new ("AUTH", NULL, build_auth,
                                                          GREDIS_HANDSHAKE_NONE, NULL, NULL, NULL));
      g_ptr_array_add (array, _gredis_handshake_step_new ("CLIENT SETNAME", NULL, build_setname,
                                                          GREDIS_HANDSHAKE_NONE, NULL, NULL, NULL));
      /* Servers before 7.2 do not know CLIENT SETINFO. */
      g_ptr_array_add (array, _gredis_handshake_step_new (NULL, lib_name, NULL,
                                                          GREDIS_HANDSHAKE_IGNORE_ERRORS,
                                                          NULL, NULL, NULL));
      g_ptr_array_add (array, _gredis_handshake_step_new (NULL, lib_ver, NULL,
                                                          GREDIS_HANDSHAKE_IGNORE_ERRORS,
                                                          NULL, NULL, NULL));
      g_ptr_array_add (array, _gredis_handshake_step_new ("SELECT", NULL, build_select,
                                                          GREDIS_HANDSHAKE_NONE, NULL, NULL, NULL));
      g_once_init_leave (&steps, array);
    }
  return steps;
}

static gpointer
copy_step (gconstpointer step,
           gpointer      user_data)
{
  return _gredis_handshake_step_ref ((GredisHandshakeStep *) step);
}

/* Sends every step, in one write, before the commands already queued. */
static void
send_handshake (GredisConnection *self)
{
  g_autoptr(GPtrArray) sent = g_ptr_array_sized_new (self->steps->len);

  for (guint i = 0; i < self->steps->len; i++)
    {
      GredisHandshakeStep *step = g_ptr_array_index (self->steps, i);

      if (_gredis_handshake_step_encode (step, self, self->out))
        g_ptr_array_add (sent, step);
    }

  if (sent->len == 0)
    {
      GREDIS_DEBUG ("connection", "Connection %p: no handshake needed", self);
      become_ready (self);
      return;
    }

  if (G_UNLIKELY (gredis_log_debug_enabled ()))
    {
      g_autoptr(GString) names = g_string_new (NULL);

      for (guint i = 0; i < sent->len; i++)
        g_string_append_printf (names, "%s%s", i > 0 ? ", " : "",
                                _gredis_handshake_step_get_name (g_ptr_array_index (sent, i)));
      GREDIS_DEBUG ("connection", "Connection %p: handshake: %s", self, names->str);
    }

  for (guint i = sent->len; i > 0; i--)
    {
      Entry *e = ring_push_front (self);

      e->kind = ENTRY_HANDSHAKE;
      e->func = NULL;
      e->data = g_ptr_array_index (sent, i - 1);
      e->cancel_source = NULL;
    }
  self->n_handshake = sent->len;
  self->progress_time = g_get_monotonic_time ();
  arm_timeout (self);
  flush (self);
}

/* A step added once the handshake was sent: it goes out at once, after
 * the commands already queued, and is judged like the others. */
static void
send_late_step (GredisConnection    *self,
                GredisHandshakeStep *step)
{
  gboolean was_idle = self->n_entries == 0;
  Entry *e;

  if (!_gredis_handshake_step_encode (step, self, current_buffer (self)))
    return;
  e = ring_push_back (self);
  e->kind = ENTRY_HANDSHAKE;
  e->func = NULL;
  e->data = step;
  e->cancel_source = NULL;
  after_queue (self, was_idle);
}

void
_gredis_connection_add_step (GredisConnection    *self,
                             GredisHandshakeStep *step)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (self));
  g_return_if_fail (step != NULL);

  /* The list keeps the step alive for the entries that point to it. */
  g_ptr_array_add (self->steps, _gredis_handshake_step_ref (step));
  if (self->stream != NULL && self->state != GREDIS_CONNECTION_STATE_CLOSED)
    send_late_step (self, step);
}

/**
 * gredis_connection_add_handshake_step:
 * @connection: a #GredisConnection
 * @argv: (array zero-terminated=1): the command and its arguments
 * @flags: how the reply is judged
 *
 * Adds a command to the handshake of @connection, for features and pools
 * that need every connection in a state of their own (`READONLY` on a
 * cluster replica, `CLIENT TRACKING`, `CLIENT NO-EVICT on`). An error
 * reply fails the open with a %GREDIS_ERROR whose code comes from the
 * reply's prefix and whose message names the command and keeps the
 * server's text, unless @flags has %GREDIS_HANDSHAKE_IGNORE_ERRORS.
 *
 * The handshake goes out in one write when the transport has connected,
 * before any other command: the built-in steps first (`HELLO` or `AUTH`,
 * `CLIENT SETNAME`, `CLIENT SETINFO`, `SELECT`), then the added ones in
 * the order they were added. Commands queued before the open wait for
 * the whole handshake. The protocol is settled by then:
 * gredis_connection_get_protocol() tells which one the connection speaks,
 * since a refused `HELLO` fails the open.
 *
 * A connection is opened once (a closed one is not reopened): whoever
 * replaces a connection (#GredisClient, a #GredisPool) adds the same steps
 * to the new one, so that they are run again on every reconnect. A step
 * added once the handshake was sent, to a connection that is opening or
 * open, is sent at once as well, after the commands already queued (which
 * run without it), and judged the same way: an error reply then closes
 * the connection, failing the commands queued after it. Steps added to a
 * closed connection are never sent.
 */
void
gredis_connection_add_handshake_step (GredisConnection     *connection,
                                      const char * const   *argv,
                                      GredisHandshakeFlags  flags)
{
  gredis_connection_add_handshake_step_full (connection, argv, flags, NULL, NULL, NULL);
}

/**
 * gredis_connection_add_handshake_step_full:
 * @connection: a #GredisConnection
 * @argv: (array zero-terminated=1): the command and its arguments
 * @flags: how the reply is judged
 * @check: (scope notified) (nullable) (closure user_data) (destroy destroy):
 *   judges the reply, or %NULL for the default way
 * @user_data: data for @check
 * @destroy: (nullable): frees @user_data when the connection is finalized
 *
 * Like gredis_connection_add_handshake_step(), with a function that judges
 * the reply instead: error replies go to it too, unless @flags has
 * %GREDIS_HANDSHAKE_IGNORE_ERRORS. When it returns %FALSE, the open fails
 * with its error.
 */
void
gredis_connection_add_handshake_step_full (GredisConnection         *connection,
                                           const char * const       *argv,
                                           GredisHandshakeFlags      flags,
                                           GredisHandshakeCheckFunc  check,
                                           gpointer                  user_data,
                                           GDestroyNotify            destroy)
{
  g_autoptr(GredisHandshakeStep) step = NULL;

  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  g_return_if_fail (argv != NULL && argv[0] != NULL);

  step = _gredis_handshake_step_new (NULL, argv, NULL, flags, check, user_data, destroy);
  _gredis_connection_add_step (connection, step);
}

void
_gredis_connection_reset_backoff (GredisConnection *self)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (self));

  if (self->backoff_policy != NULL)
    gredis_backoff_policy_reset (self->backoff_policy);
  if (self->retry_source != NULL)
    g_source_set_ready_time (self->retry_source, 0);
}

static gboolean
retry_connect (gpointer user_data)
{
  GredisConnection *self = user_data;

  g_clear_pointer (&self->retry_source, g_source_unref);
  start_connect (self);
  return G_SOURCE_REMOVE;
}

static void
on_connected (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  GredisConnection *self = user_data;
  GError *error = NULL;
  GIOStream *stream;

  stream = gredis_transport_connect_finish (GREDIS_TRANSPORT (source), result, &error);
  g_clear_object (&self->connect_cancellable);

  if (self->state != GREDIS_CONNECTION_STATE_CONNECTING)
    {
      /* Closed while connecting. */
      if (stream != NULL)
        {
          g_io_stream_close (stream, NULL, NULL);
          g_object_unref (stream);
        }
      g_clear_error (&error);
      g_object_unref (self);
      return;
    }

  if (stream == NULL)
    {
      gboolean cancelled = g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);

      /* A permanent failure (a rejected certificate, an unknown host
       * name …) is the same at every attempt. */
      if (!cancelled && self->attempt < self->retries && self->backoff_policy != NULL &&
          !gredis_retry_is_permanent_error (error))
        {
          guint64 delay_us;

          self->attempt++;
          delay_us = gredis_backoff_policy_compute (self->backoff_policy, self->attempt);
          GREDIS_DEBUG ("connection", "Connecting failed (%s); attempt %u of %u in %" G_GUINT64_FORMAT " µs",
                        error->message, self->attempt + 1, self->retries + 1, delay_us);
          g_error_free (error);
          self->retry_source = g_timeout_source_new ((guint) MIN (delay_us / 1000, G_MAXUINT));
          g_source_set_callback (self->retry_source, retry_connect, self, NULL);
          g_source_attach (self->retry_source, self->context);
        }
      else
        fail (self, error);
      g_object_unref (self);
      return;
    }

  if (!G_IS_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream)) ||
      !G_IS_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream)) ||
      !g_pollable_input_stream_can_poll (G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream))) ||
      !g_pollable_output_stream_can_poll (G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream))))
    {
      gredis_i18n_init ();
      g_io_stream_close (stream, NULL, NULL);
      g_object_unref (stream);
      fail (self, g_error_new (GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                               /* Translators: %s is a GType name. */
                               _("The transport %s returned a stream that cannot be polled."),
                               G_OBJECT_TYPE_NAME (source)));
      g_object_unref (self);
      return;
    }

  self->stream = stream;
  self->input = G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (stream));
  self->output = G_POLLABLE_OUTPUT_STREAM (g_io_stream_get_output_stream (stream));

  self->parser_iface = GREDIS_PARSER_GET_IFACE (self->parser);
  gredis_parser_reset (self->parser);
  if (!gredis_parser_set_protocol (self->parser, self->protocol, &error))
    {
      fail (self, error);
      g_object_unref (self);
      return;
    }

  if (self->read_buffer == NULL)
    self->read_buffer = g_malloc (READ_BUFFER_SIZE);
  self->read_source = make_read_source (self);
  g_source_set_callback (self->read_source, G_SOURCE_FUNC (on_readable), self, NULL);
  g_source_set_static_name (self->read_source, "GredisConnection read");
  g_source_attach (self->read_source, self->context);

  send_handshake (self);
  g_object_unref (self);
}

static void
start_connect (GredisConnection *self)
{
  self->debug = gredis_log_debug_enabled ();
  self->connect_time = g_get_monotonic_time ();
  self->connect_cancellable = g_cancellable_new ();
  gredis_transport_connect_async (self->transport, self->endpoint, self->connect_cancellable,
                                  on_connected, g_object_ref (self));
}

static void
on_open_cancelled (GCancellable *cancellable,
                   gpointer      user_data)
{
  GCancellable *connect_cancellable = user_data;

  /* May run in any thread: only cancel the connect here. */
  g_cancellable_cancel (connect_cancellable);
}

/**
 * gredis_connection_open_async:
 * @connection: a #GredisConnection
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async) (nullable): called when the connection is
 *   ready or failed
 * @user_data: data for @callback
 *
 * Connects through the transport and runs the handshake. Commands may be
 * queued at any time before: they go out once the handshake is done,
 * or fail with the error of the open. Connection failures are retried
 * #GredisConnection:retries times, after the delays of the
 * #GredisConnection:backoff-policy, unless they are permanent (see
 * gredis_retry_is_permanent_error()). The connections a #GredisClient
 * makes have no retries of their own: the client's #GredisRetry decides
 * for each command, so that attempts never multiply.
 */
void
gredis_connection_open_async (GredisConnection    *connection,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GredisConnection *self = connection;
  GTask *task;

  g_return_if_fail (GREDIS_IS_CONNECTION (self));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_connection_open_async);

  if (self->state != GREDIS_CONNECTION_STATE_DISCONNECTED)
    {
      gredis_i18n_init ();
      g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_FAILED,
                               _("The connection was already opened."));
      g_object_unref (task);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    {
      g_object_unref (task);
      return;
    }

  self->open_task = task;
  set_state (self, GREDIS_CONNECTION_STATE_CONNECTING);
  start_connect (self);
  if (cancellable != NULL && self->connect_cancellable != NULL)
    {
      self->open_cancellable = g_object_ref (cancellable);
      self->open_cancelled_id = g_cancellable_connect (cancellable, G_CALLBACK (on_open_cancelled),
                                                       g_object_ref (self->connect_cancellable),
                                                       g_object_unref);
    }
}

/**
 * gredis_connection_open_finish:
 * @connection: a #GredisConnection
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes an operation started with gredis_connection_open_async().
 *
 * Returns: %TRUE when the connection is ready, %FALSE with an error
 */
gboolean
gredis_connection_open_finish (GredisConnection  *connection,
                               GAsyncResult      *result,
                               GError           **error)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, connection), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gredis_connection_close:
 * @connection: a #GredisConnection
 *
 * Closes the connection. Every command still waiting fails with
 * %GREDIS_ERROR_CLOSED (cancelled ones have already completed), and so do
 * the commands queued afterwards.
 */
void
gredis_connection_close (GredisConnection *connection)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));

  if (connection->state != GREDIS_CONNECTION_STATE_CLOSED)
    fail (connection, closed_error ());
}

/* Accessors */

/**
 * gredis_connection_new:
 * @transport: the transport to connect with
 * @parser: the parser for the server's replies; the connection sets its
 *   protocol and resets it
 * @endpoint: where to connect, as the transport expects it
 *
 * Creates a connection bound to the thread-default main context. Set its
 * properties, then call gredis_connection_open_async().
 *
 * Returns: (transfer full): a new connection
 */
GredisConnection *
gredis_connection_new (GredisTransport    *transport,
                       GredisParser       *parser,
                       GSocketConnectable *endpoint)
{
  g_return_val_if_fail (GREDIS_IS_TRANSPORT (transport), NULL);
  g_return_val_if_fail (GREDIS_IS_PARSER (parser), NULL);
  g_return_val_if_fail (G_IS_SOCKET_CONNECTABLE (endpoint), NULL);

  return g_object_new (GREDIS_TYPE_CONNECTION,
                       "transport", transport,
                       "parser", parser,
                       "endpoint", endpoint,
                       NULL);
}

/**
 * gredis_connection_get_state:
 * @connection: a #GredisConnection
 *
 * Gets the state of the connection: disconnected, connecting, ready or
 * closed.
 *
 * Returns: the state of the connection
 */
GredisConnectionState
gredis_connection_get_state (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), GREDIS_CONNECTION_STATE_CLOSED);
  return connection->state;
}

/**
 * gredis_connection_get_n_pending:
 * @connection: a #GredisConnection
 *
 * Gets the number of replies the connection still waits for.
 *
 * Returns: the number of replies the connection waits for, tombstones of
 *   cancelled commands and the handshake included
 */
guint
gredis_connection_get_n_pending (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), 0);
  return connection->n_entries;
}

/**
 * gredis_connection_get_transport:
 * @connection: a #GredisConnection
 *
 * Gets the transport the connection opens its stream with.
 *
 * Returns: (transfer none): the transport
 */
GredisTransport *
gredis_connection_get_transport (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  return connection->transport;
}

/**
 * gredis_connection_get_parser:
 * @connection: a #GredisConnection
 *
 * Gets the parser that reads the replies of the connection.
 *
 * Returns: (transfer none): the parser
 */
GredisParser *
gredis_connection_get_parser (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  return connection->parser;
}

/**
 * gredis_connection_get_endpoint:
 * @connection: a #GredisConnection
 *
 * Gets the address of the server the connection is made to.
 *
 * Returns: (transfer none): the endpoint
 */
GSocketConnectable *
gredis_connection_get_endpoint (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  return connection->endpoint;
}

/**
 * gredis_connection_get_context:
 * @connection: a #GredisConnection
 *
 * Gets the main context the I/O sources and timers of the connection are
 * attached to.
 *
 * Returns: (transfer none): the main context the connection's sources
 *   run in: the thread-default one when it was created
 */
GMainContext *
gredis_connection_get_context (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  return connection->context;
}

/**
 * gredis_connection_get_username:
 * @connection: a #GredisConnection
 *
 * Gets the ACL user name the handshake authenticates as.
 *
 * Returns: (nullable): the ACL user name, or %NULL for the default user
 */
const char *
gredis_connection_get_username (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  return connection->username;
}

/**
 * gredis_connection_set_username:
 * @connection: a #GredisConnection
 * @username: (nullable): the ACL user name, or %NULL for the default user
 *
 * Sets the user the handshake authenticates as (used with a password).
 */
void
gredis_connection_set_username (GredisConnection *connection,
                                const char       *username)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  if (set_str (&connection->username, username))
    g_object_notify_by_pspec (G_OBJECT (connection), properties[PROP_USERNAME]);
}

/**
 * gredis_connection_set_password:
 * @connection: a #GredisConnection
 * @password: (nullable): the password, or %NULL not to authenticate
 *
 * Sets the password the handshake sends. It is never logged nor put in
 * an error message, and cannot be read back.
 */
void
gredis_connection_set_password (GredisConnection *connection,
                                const char       *password)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));

  if (g_strcmp0 (password, connection->password) == 0)
    return;
  if (connection->password != NULL)
    {
      explicit_bzero (connection->password, strlen (connection->password));
      g_free (connection->password);
    }
  connection->password = g_strdup (password);
  g_object_notify_by_pspec (G_OBJECT (connection), properties[PROP_PASSWORD]);
}

/**
 * gredis_connection_get_client_name:
 * @connection: a #GredisConnection
 *
 * Gets the name the handshake gives the connection with `CLIENT SETNAME`.
 *
 * Returns: (nullable): the name the handshake gives the connection
 */
const char *
gredis_connection_get_client_name (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  return connection->client_name;
}

/**
 * gredis_connection_set_client_name:
 * @connection: a #GredisConnection
 * @client_name: (nullable): a name without spaces, or %NULL
 *
 * Sets the name the handshake gives the connection (`CLIENT SETNAME`).
 */
void
gredis_connection_set_client_name (GredisConnection *connection,
                                   const char       *client_name)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  if (set_str (&connection->client_name, client_name))
    g_object_notify_by_pspec (G_OBJECT (connection), properties[PROP_CLIENT_NAME]);
}

/**
 * gredis_connection_get_database:
 * @connection: a #GredisConnection
 *
 * Gets the database number the handshake selects with `SELECT`.
 *
 * Returns: the database the handshake selects
 */
guint
gredis_connection_get_database (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), 0);
  return connection->database;
}

/**
 * gredis_connection_set_database:
 * @connection: a #GredisConnection
 * @database: the database number
 *
 * Sets the database the handshake selects.
 */
void
gredis_connection_set_database (GredisConnection *connection,
                                guint             database)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  if (connection->database == database)
    return;
  connection->database = database;
  g_object_notify_by_pspec (G_OBJECT (connection), properties[PROP_DATABASE]);
}

/**
 * gredis_connection_get_protocol:
 * @connection: a #GredisConnection
 *
 * Gets the RESP version the connection speaks.
 *
 * Returns: the protocol version, 2 or 3
 */
guint
gredis_connection_get_protocol (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), 2);
  return connection->protocol;
}

/**
 * gredis_connection_set_protocol:
 * @connection: a #GredisConnection
 * @protocol: 2 (RESP2) or 3 (RESP3)
 *
 * Sets the protocol the handshake asks for.
 */
void
gredis_connection_set_protocol (GredisConnection *connection,
                                guint             protocol)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  g_return_if_fail (protocol == 2 || protocol == 3);
  if (connection->protocol == protocol)
    return;
  connection->protocol = protocol;
  g_object_notify_by_pspec (G_OBJECT (connection), properties[PROP_PROTOCOL]);
}

/**
 * gredis_connection_get_command_timeout_ms:
 * @connection: a #GredisConnection
 *
 * Gets how long a command may wait for its reply before it fails with
 * %GREDIS_ERROR_TIMEOUT.
 *
 * Returns: the command timeout in milliseconds, 0 for none
 */
guint
gredis_connection_get_command_timeout_ms (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), 0);
  return connection->command_timeout_ms;
}

/**
 * gredis_connection_set_command_timeout_ms:
 * @connection: a #GredisConnection
 * @timeout_ms: milliseconds, 0 for none
 *
 * Sets how long the server may stay silent while commands wait for their
 * replies before the connection is declared dead.
 */
void
gredis_connection_set_command_timeout_ms (GredisConnection *connection,
                                          guint             timeout_ms)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  if (connection->command_timeout_ms == timeout_ms)
    return;
  connection->command_timeout_ms = timeout_ms;
  if (connection->timeout_source != NULL)
    g_source_set_ready_time (connection->timeout_source, -1);
  if (connection->n_entries > 0)
    arm_timeout (connection);
  g_object_notify_by_pspec (G_OBJECT (connection), properties[PROP_COMMAND_TIMEOUT_MS]);
}

/**
 * gredis_connection_get_retries:
 * @connection: a #GredisConnection
 *
 * Gets how many times a failed connect is tried again.
 *
 * Returns: how many times a failed connect is tried again
 */
guint
gredis_connection_get_retries (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), 0);
  return connection->retries;
}

/**
 * gredis_connection_set_retries:
 * @connection: a #GredisConnection
 * @retries: the number of further attempts
 *
 * Sets how many times a failed connect is tried again (it needs a
 * #GredisConnection:backoff-policy).
 */
void
gredis_connection_set_retries (GredisConnection *connection,
                               guint             retries)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  if (connection->retries == retries)
    return;
  connection->retries = retries;
  g_object_notify_by_pspec (G_OBJECT (connection), properties[PROP_RETRIES]);
}

/**
 * gredis_connection_get_backoff_policy:
 * @connection: a #GredisConnection
 *
 * Gets the backoff policy the connection waits by between connect
 * attempts.
 *
 * Returns: (transfer none) (nullable): the backoff policy between connect
 *   attempts
 */
GredisBackoffPolicy *
gredis_connection_get_backoff_policy (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  return connection->backoff_policy;
}

/**
 * gredis_connection_set_backoff_policy:
 * @connection: a #GredisConnection
 * @policy: (nullable): the backoff policy, or %NULL not to retry
 *
 * Sets the delays between connect attempts.
 */
void
gredis_connection_set_backoff_policy (GredisConnection    *connection,
                                      GredisBackoffPolicy *policy)
{
  g_return_if_fail (GREDIS_IS_CONNECTION (connection));
  g_return_if_fail (policy == NULL || GREDIS_IS_BACKOFF_POLICY (policy));
  if (g_set_object (&connection->backoff_policy, policy))
    g_object_notify_by_pspec (G_OBJECT (connection), properties[PROP_BACKOFF_POLICY]);
}

/**
 * gredis_connection_get_server_info:
 * @connection: a #GredisConnection
 *
 * Gets what the server said about itself in its reply to `HELLO`.
 *
 * Returns: (transfer none) (nullable): the server's answer to `HELLO`
 *   (a map with `server`, `version`, `proto`, `id`, `mode`, `role`,
 *   `modules`), or %NULL with RESP2 or before the handshake
 */
GredisReply *
gredis_connection_get_server_info (GredisConnection *connection)
{
  g_return_val_if_fail (GREDIS_IS_CONNECTION (connection), NULL);
  return connection->server_info;
}

/* GObject */

static void
gredis_connection_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  GredisConnection *self = GREDIS_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_TRANSPORT:
      g_value_set_object (value, self->transport);
      break;
    case PROP_PARSER:
      g_value_set_object (value, self->parser);
      break;
    case PROP_ENDPOINT:
      g_value_set_object (value, self->endpoint);
      break;
    case PROP_STATE:
      g_value_set_enum (value, self->state);
      break;
    case PROP_USERNAME:
      g_value_set_string (value, self->username);
      break;
    case PROP_CLIENT_NAME:
      g_value_set_string (value, self->client_name);
      break;
    case PROP_DATABASE:
      g_value_set_uint (value, self->database);
      break;
    case PROP_PROTOCOL:
      g_value_set_uint (value, self->protocol);
      break;
    case PROP_COMMAND_TIMEOUT_MS:
      g_value_set_uint (value, self->command_timeout_ms);
      break;
    case PROP_RETRIES:
      g_value_set_uint (value, self->retries);
      break;
    case PROP_BACKOFF_POLICY:
      g_value_set_object (value, self->backoff_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_connection_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  GredisConnection *self = GREDIS_CONNECTION (object);

  switch (prop_id)
    {
    case PROP_TRANSPORT:
      self->transport = g_value_dup_object (value);
      break;
    case PROP_PARSER:
      self->parser = g_value_dup_object (value);
      break;
    case PROP_ENDPOINT:
      self->endpoint = g_value_dup_object (value);
      break;
    case PROP_USERNAME:
      gredis_connection_set_username (self, g_value_get_string (value));
      break;
    case PROP_PASSWORD:
      gredis_connection_set_password (self, g_value_get_string (value));
      break;
    case PROP_CLIENT_NAME:
      gredis_connection_set_client_name (self, g_value_get_string (value));
      break;
    case PROP_DATABASE:
      gredis_connection_set_database (self, g_value_get_uint (value));
      break;
    case PROP_PROTOCOL:
      gredis_connection_set_protocol (self, g_value_get_uint (value));
      break;
    case PROP_COMMAND_TIMEOUT_MS:
      gredis_connection_set_command_timeout_ms (self, g_value_get_uint (value));
      break;
    case PROP_RETRIES:
      gredis_connection_set_retries (self, g_value_get_uint (value));
      break;
    case PROP_BACKOFF_POLICY:
      gredis_connection_set_backoff_policy (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_connection_dispose (GObject *object)
{
  GredisConnection *self = GREDIS_CONNECTION (object);

  if (self->state != GREDIS_CONNECTION_STATE_CLOSED &&
      (self->state != GREDIS_CONNECTION_STATE_DISCONNECTED || self->n_entries > 0))
    fail (self, closed_error ());

  destroy_source (&self->flush_source);
  destroy_source (&self->timeout_source);
  destroy_source (&self->retry_source);

  G_OBJECT_CLASS (gredis_connection_parent_class)->dispose (object);
}

static void
gredis_connection_finalize (GObject *object)
{
  GredisConnection *self = GREDIS_CONNECTION (object);

  g_clear_object (&self->transport);
  g_clear_object (&self->parser);
  g_clear_object (&self->endpoint);
  g_clear_error (&self->close_error);
  g_clear_object (&self->backoff_policy);
  g_clear_object (&self->stream);
  g_clear_object (&self->connect_cancellable);
  g_free (self->username);
  if (self->password != NULL)
    {
      explicit_bzero (self->password, strlen (self->password));
      g_free (self->password);
    }
  g_free (self->client_name);
  g_byte_array_unref (self->out);
  g_byte_array_unref (self->held);
  g_byte_array_unref (self->kept);
  g_free (self->read_buffer);
  g_free (self->ring);
  g_clear_pointer (&self->server_info, gredis_reply_unref);
  g_ptr_array_unref (self->steps);
  _gredis_connection_set_failure_func (self, NULL, NULL, NULL);
  g_clear_pointer (&self->observer, _gredis_connection_observer_free);
  g_main_context_unref (self->context);

  G_OBJECT_CLASS (gredis_connection_parent_class)->finalize (object);
}

static void
gredis_connection_class_init (GredisConnectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gredis_connection_get_property;
  object_class->set_property = gredis_connection_set_property;
  object_class->dispose = gredis_connection_dispose;
  object_class->finalize = gredis_connection_finalize;

  ready_time_source_funcs.dispatch = ready_time_source_dispatch;

  /**
   * GredisConnection:transport:
   *
   * The transport the connection connects with.
   */
  properties[PROP_TRANSPORT] =
    g_param_spec_object ("transport", NULL, NULL, GREDIS_TYPE_TRANSPORT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * GredisConnection:parser:
   *
   * The parser of the server's replies.
   */
  properties[PROP_PARSER] =
    g_param_spec_object ("parser", NULL, NULL, GREDIS_TYPE_PARSER,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * GredisConnection:endpoint:
   *
   * Where the connection connects to.
   */
  properties[PROP_ENDPOINT] =
    g_param_spec_object ("endpoint", NULL, NULL, G_TYPE_SOCKET_CONNECTABLE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * GredisConnection:state:
   *
   * The state of the connection; watch it with #GObject::notify.
   */
  properties[PROP_STATE] =
    g_param_spec_enum ("state", NULL, NULL, GREDIS_TYPE_CONNECTION_STATE,
                       GREDIS_CONNECTION_STATE_DISCONNECTED,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisConnection:username:
   *
   * The ACL user the handshake authenticates as, or %NULL for `default`.
   */
  properties[PROP_USERNAME] =
    g_param_spec_string ("username", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisConnection:password:
   *
   * The password the handshake sends, or %NULL. Write-only.
   */
  properties[PROP_PASSWORD] =
    g_param_spec_string ("password", NULL, NULL, NULL,
                         G_PARAM_WRITABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisConnection:client-name:
   *
   * The name the handshake gives the connection, or %NULL.
   */
  properties[PROP_CLIENT_NAME] =
    g_param_spec_string ("client-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisConnection:database:
   *
   * The database the handshake selects.
   */
  properties[PROP_DATABASE] =
    g_param_spec_uint ("database", NULL, NULL, 0, G_MAXINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisConnection:protocol:
   *
   * The protocol version: 2 (RESP2) or 3 (RESP3, with `HELLO 3`).
   */
  properties[PROP_PROTOCOL] =
    g_param_spec_uint ("protocol", NULL, NULL, 2, 3, 2,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisConnection:command-timeout-ms:
   *
   * How long the server may stay silent while commands wait, in
   * milliseconds, before the connection is closed and every waiting
   * command fails with %GREDIS_ERROR_TIMEOUT; 0 waits for ever.
   */
  properties[PROP_COMMAND_TIMEOUT_MS] =
    g_param_spec_uint ("command-timeout-ms", NULL, NULL, 0, G_MAXUINT, 5000,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisConnection:retries:
   *
   * How many times a connect that failed is tried again, after the
   * delays of #GredisConnection:backoff-policy; permanent failures (see
   * gredis_retry_is_permanent_error()) are not. The connections of a
   * #GredisClient have none: the client's #GredisRetry keeps one budget
   * per command, connection attempts included.
   */
  properties[PROP_RETRIES] =
    g_param_spec_uint ("retries", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  /**
   * GredisConnection:backoff-policy:
   *
   * The delays between connect attempts, or %NULL not to retry.
   */
  properties[PROP_BACKOFF_POLICY] =
    g_param_spec_object ("backoff-policy", NULL, NULL, GREDIS_TYPE_BACKOFF_POLICY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GredisConnection::push:
   * @connection: the connection
   * @reply: the push frame
   *
   * Emitted for every RESP3 push frame (pub/sub messages, client-side
   * caching invalidations …). Push frames never complete a command.
   */
  signals[SIGNAL_PUSH] =
    g_signal_new ("push", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, GREDIS_TYPE_REPLY | G_SIGNAL_TYPE_STATIC_SCOPE);
}

static void
gredis_connection_init (GredisConnection *self)
{
  self->context = g_main_context_ref_thread_default ();
  self->debug = gredis_log_debug_enabled ();
  self->protocol = 2;
  self->command_timeout_ms = 5000;
  self->out = g_byte_array_sized_new (1024);
  self->held = g_byte_array_new ();
  self->kept = g_byte_array_new ();
  self->ring = g_new (Entry, INITIAL_RING_SIZE);
  self->ring_mask = INITIAL_RING_SIZE - 1;
  self->head_seq = G_GUINT64_CONSTANT (1) << 32;
  self->unsent_seq = self->head_seq;
  self->flush_source = make_flush_source (self);
  self->steps = g_ptr_array_copy (builtin_steps (), copy_step, NULL);
  g_ptr_array_set_free_func (self->steps, (GDestroyNotify) _gredis_handshake_step_unref);
}
