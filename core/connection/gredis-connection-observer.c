/* gredis-connection-observer.c: what a connection reports to the
 * observers of its client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-connection-observer-private.h"

#include <string.h>

/* One command waiting for its reply, in 12 bytes: a burst of commands
 * keeps one per command in flight, which the reply reads again long
 * after. When its bytes were written is not kept here but in the write
 * marks: one per write, not per command. */
typedef struct
{
  guint32 bytes_out;
  guint16 name;                /* in self->names_by_id; NO_NAME: no
                                * command here */
  guint16 n_keys;
  guint16 batch_size;
  guint8 attempt;
} Observed;

#define NO_NAME 0
#define UNKNOWN_NAME 1

/* A command name seen before on this connection, and its key range from
 * the command table: the next command of that name needs no lookup. */
typedef struct
{
  const char *name;            /* interned, in capitals; NULL: empty */
  guint16 id;                  /* in names_by_id */
  guint length;
  gint first_key;
  gint last_key;
  gint key_step;
} NameSlot;

#define N_NAME_SLOTS 32

/* One write to the socket: the commands of sequence numbers below
 * @end_seq not yet covered by an earlier mark had their bytes written at
 * @time. Commands complete in order, so the marks are a queue. */
typedef struct
{
  guint64 end_seq;
  gint64 time;
} WriteMark;

struct _GredisConnectionObserver
{
  GredisObservers *observers;
  const char *server_address;  /* interned */
  guint server_port;
  guint db;
  gboolean want_started;

  Observed *ring;              /* by sequence number & mask */
  guint mask;
  guint batch_size;
  guint batch_attempt;         /* of commands queued without their own */
  guint64 bytes_in;            /* read since the last reply */
  gint64 read_time;            /* when the last bytes were read */
  gboolean ready;              /* reported as created */
  GArray *marks;               /* WriteMark, oldest first, from first_mark */
  guint first_mark;

  NameSlot names[N_NAME_SLOTS];
  GPtrArray *names_by_id;      /* interned names, by the id of Observed */
  GHashTable *ids;             /* interned name → its id */
};

static inline guint
name_hash (const char *name,
           gsize       length)
{
  /* | 0x20: the same slot whatever the case of a letter. */
  return ((guint) length * 31u + ((guint) (guchar) name[0] | 0x20u) * 7u +
          ((guint) (guchar) name[length - 1] | 0x20u)) % N_NAME_SLOTS;
}

/* The id of the interned @name on this connection: found, or given now
 * (once per name; beyond 65535 names, that of "UNKNOWN"). */
static guint16
name_id (GredisConnectionObserver *self,
         const char               *name)
{
  gpointer id;

  if (g_hash_table_lookup_extended (self->ids, name, NULL, &id))
    return (guint16) GPOINTER_TO_UINT (id);
  if (self->names_by_id->len > G_MAXUINT16)
    return UNKNOWN_NAME;
  g_ptr_array_add (self->names_by_id, (gpointer) name);
  g_hash_table_insert (self->ids, (gpointer) name, GUINT_TO_POINTER (self->names_by_id->len - 1));
  return (guint16) (self->names_by_id->len - 1);
}

/* The slot of @name: found, or filled now (interning it and looking its
 * key range up, once per name and connection). */
static NameSlot *
lookup_name (GredisConnectionObserver *self,
             const char               *name,
             gsize                     length)
{
  NameSlot *slot;
  const GredisCommandInfo *info;

  if (G_UNLIKELY (length == 0))
    return NULL;
  slot = &self->names[name_hash (name, length)];
  /* Names come in capitals mostly: a byte comparison first. */
  if (G_LIKELY (slot->name != NULL && slot->length == length &&
                (memcmp (slot->name, name, length) == 0 ||
                 g_ascii_strncasecmp (slot->name, name, length) == 0)))
    return slot;

  slot->name = _gredis_observers_intern_name (name, length);
  slot->id = name_id (self, slot->name);
  slot->length = (guint) length;
  slot->first_key = slot->last_key = slot->key_step = 0;
  info = gredis_command_table_lookup (slot->name);
  if (info != NULL)
    gredis_command_info_get_key_range (info, &slot->first_key, &slot->last_key, &slot->key_step);
  /* A name that does not compare equal to itself ("UNKNOWN" for an
   * overlong one) is looked up again each time: rare. */
  return slot;
}

static void
address_of (GSocketConnectable  *endpoint,
            const char         **address,
            guint               *port)
{
  *address = NULL;
  *port = 0;
  if (G_IS_NETWORK_ADDRESS (endpoint))
    {
      *address = g_intern_string (g_network_address_get_hostname (G_NETWORK_ADDRESS (endpoint)));
      *port = g_network_address_get_port (G_NETWORK_ADDRESS (endpoint));
    }
  else if (G_IS_INET_SOCKET_ADDRESS (endpoint))
    {
      g_autofree char *text = g_inet_address_to_string (
        g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (endpoint)));

      *address = g_intern_string (text);
      *port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (endpoint));
    }
#ifdef G_OS_UNIX
  else if (G_IS_UNIX_SOCKET_ADDRESS (endpoint))
    *address = g_intern_string (g_unix_socket_address_get_path (G_UNIX_SOCKET_ADDRESS (endpoint)));
#endif
  else if (endpoint != NULL)
    {
      g_autofree char *text = g_socket_connectable_to_string (endpoint);

      *address = g_intern_string (text);
    }
}

GredisConnectionObserver *
_gredis_connection_observer_new (GredisObservers    *observers,
                                 GSocketConnectable *endpoint,
                                 guint               db,
                                 guint               ring_size)
{
  GredisConnectionObserver *self = g_new0 (GredisConnectionObserver, 1);

  self->observers = _gredis_observers_ref (observers);
  self->want_started = _gredis_observers_want_started (observers);
  address_of (endpoint, &self->server_address, &self->server_port);
  self->db = db;
  self->batch_attempt = 1;
  self->ring = g_new0 (Observed, ring_size);
  self->mask = ring_size - 1;
  self->marks = g_array_new (FALSE, FALSE, sizeof (WriteMark));
  self->names_by_id = g_ptr_array_new ();
  self->ids = g_hash_table_new (NULL, NULL);
  g_ptr_array_add (self->names_by_id, NULL);               /* NO_NAME */
  g_ptr_array_add (self->names_by_id, (gpointer) "UNKNOWN"); /* UNKNOWN_NAME */
  return self;
}

void
_gredis_connection_observer_free (GredisConnectionObserver *self)
{
  _gredis_observers_unref (self->observers);
  g_free (self->ring);
  g_array_unref (self->marks);
  g_ptr_array_unref (self->names_by_id);
  g_hash_table_unref (self->ids);
  g_free (self);
}

GredisObservers *
_gredis_connection_observer_get_observers (GredisConnectionObserver *self)
{
  return self->observers;
}

void
_gredis_connection_observer_grow (GredisConnectionObserver *self,
                                  guint64                   head_seq,
                                  guint                     n_entries,
                                  guint                     ring_size)
{
  Observed *ring = g_new0 (Observed, ring_size);
  guint mask = ring_size - 1;

  for (guint i = 0; i < n_entries; i++)
    ring[(head_seq + i) & mask] = self->ring[(head_seq + i) & self->mask];
  g_free (self->ring);
  self->ring = ring;
  self->mask = mask;
}

static void
fill_event (GredisConnectionObserver *self,
            const Observed           *o,
            GredisCommandEvent       *event)
{
  /* Field by field rather than a memset of the whole: this runs for
   * every command. */
  event->name = g_ptr_array_index (self->names_by_id, o->name);
  event->server_address = self->server_address;
  event->server_port = self->server_port;
  event->db = self->db;
  event->start_time = 0;
  event->duration = 0;
  event->error = NULL;
  event->error_type = NULL;
  event->attempt = o->attempt;
  event->batch_size = o->batch_size;
  event->n_keys = o->n_keys;
  event->bytes_out = o->bytes_out;
  event->bytes_in = 0;
  for (guint i = 0; i < G_N_ELEMENTS (event->padding); i++)
    event->padding[i] = NULL;
}

void
_gredis_connection_observer_queued (GredisConnectionObserver *self,
                                    guint64                   seq,
                                    guint                     argc,
                                    const char * const       *argv,
                                    const gsize              *argv_lengths,
                                    GBytes * const           *args,
                                    gsize                     bytes_out,
                                    guint                     attempt)
{
  Observed *o = &self->ring[seq & self->mask];
  NameSlot *slot;
  const char *name;
  gsize length;

  if (args != NULL)
    name = g_bytes_get_data (args[0], &length);
  else
    {
      name = argv[0];
      length = argv_lengths != NULL ? argv_lengths[0] : strlen (name);
    }
  slot = lookup_name (self, name, length);
  o->name = slot != NULL ? slot->id : UNKNOWN_NAME;
  o->bytes_out = (guint32) MIN (bytes_out, G_MAXUINT32);
  o->attempt = (guint8) CLAMP (attempt != 0 ? attempt : self->batch_attempt, 1, G_MAXUINT8);
  o->batch_size = (guint16) MIN (self->batch_size, G_MAXUINT16);
  o->n_keys = 0;
  /* The key count, from the command's key range. */
  if (slot != NULL && slot->first_key > 0 && slot->key_step > 0 && (guint) slot->first_key < argc)
    {
      gint end = slot->last_key < 0 ? (gint) argc + slot->last_key
                                     : MIN (slot->last_key, (gint) argc - 1);

      if (end >= slot->first_key)
        o->n_keys = (guint16) MIN ((end - slot->first_key) / slot->key_step + 1, G_MAXUINT16);
    }

  if (self->want_started)
    {
      GredisCommandEvent event;

      fill_event (self, o, &event);
      event.start_time = g_get_monotonic_time ();
      _gredis_observers_command_started (self->observers, &event);
    }
}

/* When the bytes of command @seq were written; 0 if they were not. The
 * marks of commands before @seq are dropped: none of them is asked for
 * again. */
static gint64
written_time (GredisConnectionObserver *self,
              guint64                   seq)
{
  const WriteMark *marks = (const WriteMark *) self->marks->data;

  while (self->first_mark < self->marks->len && marks[self->first_mark].end_seq <= seq)
    self->first_mark++;
  if (self->first_mark == self->marks->len)
    {
      g_array_set_size (self->marks, 0);
      self->first_mark = 0;
      return 0;
    }
  /* Never emptied under steady load: drop the used half now and then. */
  if (self->first_mark >= 64 && self->first_mark * 2 >= self->marks->len)
    {
      g_array_remove_range (self->marks, 0, self->first_mark);
      self->first_mark = 0;
    }
  return ((const WriteMark *) self->marks->data)[self->first_mark].time;
}

void
_gredis_connection_observer_completed (GredisConnectionObserver *self,
                                       guint64                   seq,
                                       GredisReply              *reply,
                                       const GError             *error,
                                       gboolean                  cancelled)
{
  Observed *o = &self->ring[seq & self->mask];
  GError *made_error = NULL;   /* not a g_autoptr: no call on success */
  GredisCommandEvent event;
  gint64 now;

  if (o->name == NO_NAME)
    return;
  fill_event (self, o, &event);
  event.start_time = written_time (self, seq);
  o->name = NO_NAME;

  /* A reply ends when its bytes were read; a failure, now. */
  now = reply != NULL && self->read_time != 0 ? self->read_time : g_get_monotonic_time ();
  if (event.start_time == 0 || event.start_time > now)
    event.start_time = now;    /* never written */
  event.duration = now - event.start_time;
  event.bytes_in = self->bytes_in;
  self->bytes_in = 0;
  if (error == NULL && cancelled)
    error = made_error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED,
                                              _("The command was cancelled."));
  else if (error == NULL && reply != NULL && gredis_reply_is_error (reply))
    error = made_error = gredis_reply_to_error (reply);
  event.error = error;
  event.error_type = error != NULL ? _gredis_observers_error_type (error) : NULL;
  _gredis_observers_command_finished (self->observers, &event);
  if (G_UNLIKELY (made_error != NULL))
    g_error_free (made_error);
}

void
_gredis_connection_observer_forget (GredisConnectionObserver *self,
                                    guint64                   seq)
{
  self->ring[seq & self->mask].name = NO_NAME;
}

void
_gredis_connection_observer_received (GredisConnectionObserver *self,
                                      gsize                     n)
{
  self->bytes_in += n;
  self->read_time = g_get_monotonic_time ();
}

void
_gredis_connection_observer_written (GredisConnectionObserver *self,
                                     guint64                   from_seq,
                                     guint64                   to_seq)
{
  WriteMark mark;

  if (from_seq >= to_seq)
    return;
  /* One clock read and one mark for every command of this write. */
  mark.end_seq = to_seq;
  mark.time = g_get_monotonic_time ();
  g_array_append_val (self->marks, mark);
}

void
_gredis_connection_observer_set_batch (GredisConnectionObserver *self,
                                       guint                     batch_size,
                                       guint                     attempt)
{
  self->batch_size = batch_size;
  self->batch_attempt = attempt;
}

void
_gredis_connection_observer_ready (GredisConnectionObserver *self,
                                   gint64                    create_time)
{
  if (self->ready)
    return;
  self->ready = TRUE;
  /* What the handshake's replies took is not a command's. */
  self->bytes_in = 0;
  _gredis_observers_connection_created (self->observers, self->server_address, self->server_port,
                                        create_time);
}

void
_gredis_connection_observer_closed (GredisConnectionObserver *self,
                                    const GError             *error)
{
  if (!self->ready)
    return;
  self->ready = FALSE;
  _gredis_observers_connection_closed (self->observers, self->server_address, self->server_port,
                                       error);
}

void
_gredis_connection_observer_push (GredisConnectionObserver *self,
                                  GredisReply              *frame)
{
  GredisReply *kind;
  GredisReply *channel;
  GredisReply *payload;
  const char *text;
  gsize length;
  guint n;

  if (gredis_reply_get_kind (frame) != GREDIS_REPLY_ARRAY &&
      gredis_reply_get_kind (frame) != GREDIS_REPLY_PUSH)
    return;
  n = gredis_reply_get_n_elements (frame);
  if (n < 3)
    return;
  kind = gredis_reply_get_element (frame, 0);
  text = gredis_reply_get_string (kind, &length);
  if (text == NULL)
    return;
  if (length == 7 && memcmp (text, "message", 7) == 0)
    text = "message";
  else if (length == 8 && memcmp (text, "smessage", 8) == 0)
    text = "smessage";
  else if (length == 8 && memcmp (text, "pmessage", 8) == 0 && n >= 4)
    text = "pmessage";
  else
    return;
  channel = gredis_reply_get_element (frame, n - 2);
  payload = gredis_reply_get_element (frame, n - 1);
  gredis_reply_get_string (payload, &length);
  _gredis_observers_pubsub_message (self->observers, text,
                                    gredis_reply_get_string (channel, NULL), length);
}
