/* gredis-hiredis-parser.c: the "hiredis" parser plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include <hiredis/hiredis.h>
#include <hiredis/read.h>

#include "gredis-hiredis-parser.h"

/* GredisHiredisParser:
 *
 * Parses with libhiredis' redisReader, for applications that want
 * hiredis' exact behaviour. It speaks RESP2 only (libhiredis 0.14 has no
 * RESP3) and, like hiredis, nests aggregates at most 8 deep.
 *
 * The reader's own reply objects are not used: its callbacks record each
 * value as a small event and copy its bytes to a scratch buffer, both
 * reused from reply to reply; a finished reply is then built in one
 * allocation with a GredisReplyBuilder sized from them. The callbacks also
 * check what the reader lets through (limits, a bulk string's closing CR
 * LF, line breaks inside simple strings).
 *
 * The reader moves its unread bytes to the front of its buffer every time
 * it has consumed 1 KiB, so handing it a large buffer at once costs time
 * quadratic in its size. Bytes fed are therefore kept here and handed to
 * the reader in small pieces as pop() needs them. */

enum
{
  PROP_0,
  PROP_PROTOCOL,
  PROP_MAX_BULK_BYTES,
  PROP_MAX_ELEMENTS,
  PROP_MAX_DEPTH,
  PROP_MAX_REPLY_BYTES,
  N_PROPS
};

/* The most hiredis nests: an array inside 7 others. */
#define HIREDIS_MAX_DEPTH 8

/* Besides its API, this parser reads the reader's buffer and cursor
 * (buf, pos, len) for stream offsets, its task stack (rstack, ridx) to
 * check the line it waits on (a bulk string's announced length, a line
 * that does not end) before the reader waits for more bytes, and the
 * tasks' type and parent; it fills the callback table
 * in order. Those are laid out as below in libhiredis 0.14 and differ in
 * 1.0 (a task array that grows, 64-bit element counts, more callbacks),
 * so any other version is refused here rather than misread at run time
 * (meson.build refuses it too). */
#if HIREDIS_MAJOR != 0 || HIREDIS_MINOR != 14
#error "The hiredis parser plugin reads redisReader as libhiredis 0.14 lays it out; configure with -Dhiredis=disabled for other versions."
#endif

#define ASSERT_MEMBER_TYPE(type, member, expected) \
  G_STATIC_ASSERT (__builtin_types_compatible_p (__typeof__ (((type *) NULL)->member), expected))

ASSERT_MEMBER_TYPE (redisReader, errstr, char[128]);
ASSERT_MEMBER_TYPE (redisReader, buf, char *);
ASSERT_MEMBER_TYPE (redisReader, pos, size_t);
ASSERT_MEMBER_TYPE (redisReader, len, size_t);
ASSERT_MEMBER_TYPE (redisReader, rstack, redisReadTask[HIREDIS_MAX_DEPTH + 1]);
ASSERT_MEMBER_TYPE (redisReader, ridx, int);
ASSERT_MEMBER_TYPE (redisReader, privdata, void *);
ASSERT_MEMBER_TYPE (redisReadTask, type, int);
ASSERT_MEMBER_TYPE (redisReadTask, parent, struct redisReadTask *);
ASSERT_MEMBER_TYPE (redisReadTask, privdata, void *);
ASSERT_MEMBER_TYPE (redisReplyObjectFunctions, createString,
                    void *(*) (const redisReadTask *, char *, size_t));
ASSERT_MEMBER_TYPE (redisReplyObjectFunctions, createArray, void *(*) (const redisReadTask *, int));
ASSERT_MEMBER_TYPE (redisReplyObjectFunctions, createInteger, void *(*) (const redisReadTask *, long long));
ASSERT_MEMBER_TYPE (redisReplyObjectFunctions, createNil, void *(*) (const redisReadTask *));
ASSERT_MEMBER_TYPE (redisReplyObjectFunctions, freeObject, void (*) (void *));
G_STATIC_ASSERT (sizeof (redisReplyObjectFunctions) == 5 * sizeof (void (*) (void)));

/* The longest line of a number (an integer, a length) the resp2 and
 * resp3 parsers accept: a longer one is refused before it ends. */
#define SHORT_LINE_LIMIT 64

/* How much is handed to the reader at once (more when a bulk string is
 * known to need more). */
#define READER_CHUNK_BYTES 4096

#define KEEP_BUFFER_BYTES (256 * 1024)

typedef struct
{
  guint8  kind;    /* a GredisReplyKind */
  guint32 length;  /* bytes of a string, elements of an array */
  gint64  value;   /* an integer, or the offset of a string in scratch */
} Event;

struct _GredisHiredisParser
{
  GObject              parent_instance;

  redisReader         *reader;
  guint64              fed_to_reader;  /* stream bytes handed to the reader */
  guint64              reply_start;    /* stream offset of the reply being read */

  /* Bytes fed, not yet handed to the reader: pending[pending_start, pending_len). */
  guint8              *pending;
  gsize                pending_start;
  gsize                pending_len;
  gsize                pending_cap;

  GArray              *events;
  GByteArray          *scratch;
  GredisReplyBuilder  *builder;
  GError              *error;

  guint64              max_bulk_bytes;
  guint64              max_elements;
  guint                max_depth;
  guint64              max_reply_bytes;
};

static void gredis_hiredis_parser_iface_init (GredisParserInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisHiredisParser, gredis_hiredis_parser, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_PARSER,
                                                      gredis_hiredis_parser_iface_init))

/* Errors. */

static void fail_at (GredisHiredisParser *self,
                     guint64              stream_offset,
                     const char          *format,
                     ...) G_GNUC_PRINTF (3, 4);

static void
fail_at (GredisHiredisParser *self,
         guint64              stream_offset,
         const char          *format,
         ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (self->error != NULL)
    return;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  self->error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                             _("Invalid reply at byte %llu of the stream (byte %llu of the reply): %s"),
                             (unsigned long long) stream_offset,
                             (unsigned long long) (stream_offset - self->reply_start),
                             what);
}

/* The stream offset of a byte of the reader's buffer. */
static guint64
stream_offset_of (GredisHiredisParser *self,
                  const char          *p)
{
  return self->fed_to_reader - self->reader->len + (guint64) (p - self->reader->buf);
}

/* Reader callbacks: each records one event. They return the parser as a
 * token (the reader only needs something that is not NULL), or NULL after
 * setting self->error, which makes the reader stop. */

static Event *
add_event (GredisHiredisParser *self,
           GredisReplyKind      kind)
{
  Event *event;

  g_array_set_size (self->events, self->events->len + 1);
  event = &g_array_index (self->events, Event, self->events->len - 1);
  event->kind = kind;
  event->length = 0;
  event->value = 0;
  return event;
}

static void *
create_string (const redisReadTask *task,
               char                *str,
               size_t               len)
{
  GredisHiredisParser *self = task->privdata;
  GredisReplyKind kind;
  Event *event;

  if (len > self->max_bulk_bytes)
    {
      fail_at (self, stream_offset_of (self, str),
               _("A string of %llu bytes is longer than the limit of %llu bytes (max-bulk-bytes)."),
               (unsigned long long) len, (unsigned long long) self->max_bulk_bytes);
      return NULL;
    }

  switch (task->type)
    {
    case REDIS_REPLY_STRING:
      /* The reader knows the two bytes are there but does not look. */
      if (str[len] != '\r' || str[len + 1] != '\n')
        {
          fail_at (self, stream_offset_of (self, str + len),
                   _("A bulk string is not followed by a carriage return and a line feed."));
          return NULL;
        }
      kind = GREDIS_REPLY_STRING;
      break;
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      {
        const char *bad = memchr (str, '\r', len);

        if (bad == NULL)
          bad = memchr (str, '\n', len);
        if (bad != NULL)
          {
            fail_at (self, stream_offset_of (self, bad),
                     _("A simple string or error contains a carriage return or a line feed."));
            return NULL;
          }
        kind = task->type == REDIS_REPLY_STATUS ? GREDIS_REPLY_SIMPLE_STRING : GREDIS_REPLY_ERROR;
      }
      break;
    default:
      fail_at (self, stream_offset_of (self, str), _("The reply has a type that RESP2 does not have."));
      return NULL;
    }

  event = add_event (self, kind);
  event->length = len;
  event->value = self->scratch->len;
  g_byte_array_append (self->scratch, (const guint8 *) str, len);
  return self;
}

/* FALSE, having failed, when the aggregate of @task is nested deeper than
 * max-depth. */
static gboolean
check_depth (GredisHiredisParser *self,
             const redisReadTask *task)
{
  guint depth = 1;

  for (const redisReadTask *t = task->parent; t != NULL; t = t->parent)
    depth++;

  if (depth > self->max_depth)
    {
      fail_at (self, self->fed_to_reader - self->reader->len + self->reader->pos,
               _("Aggregates are nested deeper than the limit of %u (max-depth)."),
               self->max_depth);
      return FALSE;
    }
  return TRUE;
}

static void *
create_array (const redisReadTask *task,
              int                  elements)
{
  GredisHiredisParser *self = task->privdata;

  if (!check_depth (self, task))
    return NULL;
  if ((guint64) elements > self->max_elements)
    {
      fail_at (self, self->fed_to_reader - self->reader->len + self->reader->pos,
               _("An aggregate of %llu elements is larger than the limit of %llu (max-elements)."),
               (unsigned long long) elements, (unsigned long long) self->max_elements);
      return NULL;
    }

  add_event (self, GREDIS_REPLY_ARRAY)->length = elements;
  return self;
}

static void *
create_integer (const redisReadTask *task,
                long long            value)
{
  GredisHiredisParser *self = task->privdata;

  add_event (self, GREDIS_REPLY_INTEGER)->value = value;
  return self;
}

static void *
create_nil (const redisReadTask *task)
{
  GredisHiredisParser *self = task->privdata;

  /* The null array (*-1) is an aggregate for the depth limit. */
  if (task->type == REDIS_REPLY_ARRAY && !check_depth (self, task))
    return NULL;
  add_event (self, GREDIS_REPLY_NIL);
  return self;
}

static void
free_object (void *object)
{
  /* Nothing to free: the events are reused. */
}

static redisReplyObjectFunctions reader_functions = {
  .createString = create_string,
  .createArray = create_array,
  .createInteger = create_integer,
  .createNil = create_nil,
  .freeObject = free_object,
};

static void
new_reader (GredisHiredisParser *self)
{
  self->reader = redisReaderCreateWithFunctions (&reader_functions);
  if (self->reader == NULL)
    g_error ("%s: out of memory", G_STRFUNC);
  self->reader->privdata = self;
  self->fed_to_reader = 0;
  self->reply_start = 0;
}

/* Building. */

static GredisReply *
build (GredisHiredisParser *self)
{
  const Event *events = (const Event *) self->events->data;
  guint n = self->events->len;
  GredisReply *reply;

  if (n == 1 && events[0].kind == GREDIS_REPLY_NIL)
    reply = gredis_reply_new_nil ();
  else
    {
      if (self->builder == NULL)
        self->builder = gredis_reply_builder_new (n, self->scratch->len);
      else
        gredis_reply_builder_reset (self->builder, n, self->scratch->len);

      for (guint i = 0; i < n; i++)
        {
          const Event *e = &events[i];

          switch ((GredisReplyKind) e->kind)
            {
            case GREDIS_REPLY_STRING:
            case GREDIS_REPLY_SIMPLE_STRING:
            case GREDIS_REPLY_ERROR:
              gredis_reply_builder_add_string (self->builder, e->kind,
                                               e->length > 0 ? (const char *) self->scratch->data + e->value : "",
                                               e->length);
              break;
            case GREDIS_REPLY_INTEGER:
              gredis_reply_builder_add_integer (self->builder, e->value);
              break;
            case GREDIS_REPLY_NIL:
              gredis_reply_builder_add_nil (self->builder);
              break;
            case GREDIS_REPLY_ARRAY:
              gredis_reply_builder_begin_aggregate (self->builder, GREDIS_REPLY_ARRAY, e->length);
              break;
            default:
              g_assert_not_reached ();
            }
        }
      reply = gredis_reply_builder_finish (self->builder);
    }

  g_array_set_size (self->events, 0);
  if (self->scratch->len > KEEP_BUFFER_BYTES)
    {
      g_byte_array_unref (self->scratch);
      self->scratch = g_byte_array_new ();
    }
  else
    g_byte_array_set_size (self->scratch, 0);
  return reply;
}

/* Input. */

static void
gredis_hiredis_parser_feed (GredisParser *parser,
                            const guint8 *data,
                            gsize         length)
{
  GredisHiredisParser *self = GREDIS_HIREDIS_PARSER (parser);

  if (self->error != NULL || length == 0)
    return;

  if (self->pending_cap - self->pending_len < length)
    {
      gsize remaining = self->pending_len - self->pending_start;

      /* Moving what remains costs no more than what was consumed. */
      if (self->pending_start > 0 && self->pending_start >= remaining)
        {
          if (remaining > 0)
            memmove (self->pending, self->pending + self->pending_start, remaining);
          self->pending_len = remaining;
          self->pending_start = 0;
        }
      if (self->pending_cap - self->pending_len < length)
        {
          gsize cap = MAX (self->pending_cap, 4096);

          while (cap - self->pending_len < length)
            cap *= 2;
          self->pending = g_realloc (self->pending, cap);
          self->pending_cap = cap;
        }
    }
  memcpy (self->pending + self->pending_len, data, length);
  self->pending_len += length;
}

/* When the reader waits for more bytes, checks what it holds of the value
 * it reads as the resp2 and resp3 parsers check it, so that a hostile
 * header fails at once rather than leave the reader waiting for bytes no
 * server will send: a line longer than any valid one (a simple string or
 * error past max-bulk-bytes, a number past SHORT_LINE_LIMIT) or ended by
 * a bare line feed (the reader looks only for CR LF), and the announced
 * length of a bulk string against max-bulk-bytes and max-reply-bytes,
 * before its body is read or stored. Returns how many more bytes the
 * body of a bulk string needs, 0 otherwise. */
static guint64
check_waiting (GredisHiredisParser *self)
{
  redisReader *r = self->reader;
  const redisReadTask *task;
  const char *line, *end, *lf;
  guint64 limit, body_end;
  gint64 length = 0;
  gsize header;

  if (r->ridx < 0 || r->buf == NULL)
    return 0;
  task = &r->rstack[r->ridx];
  if (task->type < 0)
    return 0;  /* its type byte is not read yet */

  /* The type byte is consumed; the line is at pos, and stays there
   * until the reader has all of the value. */
  line = r->buf + r->pos;
  end = r->buf + r->len;
  limit = task->type == REDIS_REPLY_STATUS || task->type == REDIS_REPLY_ERROR
          ? self->max_bulk_bytes : SHORT_LINE_LIMIT;
  lf = memchr (line, '\n', end - line);
  if (lf == NULL)
    {
      gsize seen = end - line;

      if (seen > 0 && end[-1] == '\r')
        seen--;
      if (seen > limit)
        fail_at (self, stream_offset_of (self, line - 1),
                 _("A line is longer than %llu bytes."), (unsigned long long) limit);
      return 0;
    }
  if ((gsize) (lf - line) - (lf > line && lf[-1] == '\r') > limit)
    {
      fail_at (self, stream_offset_of (self, line - 1),
               _("A line is longer than %llu bytes."), (unsigned long long) limit);
      return 0;
    }
  if (lf == line || lf[-1] != '\r')
    {
      fail_at (self, stream_offset_of (self, lf),
               _("A line ends with a line feed that no carriage return precedes."));
      return 0;
    }
  if (task->type != REDIS_REPLY_STRING)
    return 0;

  for (const char *p = line + (*line == '-'); p < lf - 1; p++)
    {
      if (!g_ascii_isdigit (*p) || length > (G_MAXINT64 - 9) / 10)
        return 0;  /* the reader reports it */
      length = length * 10 + (*p - '0');
    }
  if (*line == '-')
    return 0;
  if ((guint64) length > self->max_bulk_bytes)
    {
      fail_at (self, stream_offset_of (self, line - 1),
               _("A bulk string of %llu bytes is longer than the limit of %llu bytes (max-bulk-bytes)."),
               (unsigned long long) length, (unsigned long long) self->max_bulk_bytes);
      return 0;
    }
  header = lf + 1 - line;
  body_end = stream_offset_of (self, lf + 1) + (guint64) length + 2;
  if (body_end - self->reply_start > self->max_reply_bytes)
    {
      fail_at (self, self->reply_start,
               _("The reply is longer than the limit of %llu bytes (max-reply-bytes)."),
               (unsigned long long) self->max_reply_bytes);
      return 0;
    }
  if (header + (guint64) length + 2 <= (gsize) (end - line))
    return 0;
  return header + (guint64) length + 2 - (end - line);
}

static GredisReply *
gredis_hiredis_parser_pop (GredisParser  *parser,
                           GError       **error)
{
  GredisHiredisParser *self = GREDIS_HIREDIS_PARSER (parser);

  while (self->error == NULL)
    {
      redisReader *r = self->reader;
      void *token = NULL;
      gsize remaining, chunk;
      guint64 needed;

      if (r->ridx < 0)
        {
          self->reply_start = self->fed_to_reader - r->len + r->pos;
          g_array_set_size (self->events, 0);
          g_byte_array_set_size (self->scratch, 0);
        }

      if (redisReaderGetReply (r, &token) != REDIS_OK)
        {
          /* Errors of the reader itself: it has dropped its buffer, so
           * only the start of the reply is known. */
          if (self->error == NULL)
            {
              g_autofree char *what = NULL;

              if (g_str_has_prefix (r->errstr, "No support for nested"))
                what = g_strdup_printf (_("Aggregates are nested deeper than libhiredis supports (%d levels)."),
                                        HIREDIS_MAX_DEPTH);
              else
                what = g_strdup_printf (_("libhiredis says “%s”."), r->errstr);
              self->error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                                         _("Invalid reply in the reply that starts at byte %llu of the stream: %s"),
                                         (unsigned long long) self->reply_start, what);
            }
          break;
        }
      if (token != NULL)
        {
          guint64 end = self->fed_to_reader - r->len + r->pos;

          if (end - self->reply_start > self->max_reply_bytes)
            {
              fail_at (self, self->reply_start,
                       _("The reply is longer than the limit of %llu bytes (max-reply-bytes)."),
                       (unsigned long long) self->max_reply_bytes);
              break;
            }
          return build (self);
        }

      /* The reader needs more bytes. */
      needed = check_waiting (self);
      if (self->error != NULL)
        break;
      if (self->fed_to_reader - self->reply_start > self->max_reply_bytes)
        {
          fail_at (self, self->reply_start,
                   _("The reply is longer than the limit of %llu bytes (max-reply-bytes)."),
                   (unsigned long long) self->max_reply_bytes);
          break;
        }

      remaining = self->pending_len - self->pending_start;
      if (remaining == 0)
        return NULL;
      chunk = MIN (remaining, MAX (READER_CHUNK_BYTES, needed));
      if (redisReaderFeed (r, (const char *) self->pending + self->pending_start, chunk) != REDIS_OK)
        g_error ("%s: out of memory", G_STRFUNC);
      self->fed_to_reader += chunk;
      self->pending_start += chunk;
      if (self->pending_start == self->pending_len)
        {
          self->pending_start = self->pending_len = 0;
          if (self->pending_cap > KEEP_BUFFER_BYTES)
            {
              g_clear_pointer (&self->pending, g_free);
              self->pending_cap = 0;
            }
        }
    }

  g_propagate_error (error, g_error_copy (self->error));
  return NULL;
}

static void
gredis_hiredis_parser_reset (GredisParser *parser)
{
  GredisHiredisParser *self = GREDIS_HIREDIS_PARSER (parser);

  redisReaderFree (self->reader);
  new_reader (self);
  g_clear_error (&self->error);
  self->pending_start = self->pending_len = 0;
  if (self->pending_cap > KEEP_BUFFER_BYTES)
    {
      g_clear_pointer (&self->pending, g_free);
      self->pending_cap = 0;
    }
  g_array_set_size (self->events, 0);
  g_byte_array_set_size (self->scratch, 0);
}

static gboolean
gredis_hiredis_parser_set_protocol (GredisParser  *parser,
                                    guint          protocol,
                                    GError       **error)
{
  if (protocol != 2)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("The “hiredis” parser speaks only RESP2, as libhiredis 0.14 does; use the “resp3” parser for RESP3."));
      return FALSE;
    }
  return TRUE;
}

static void
gredis_hiredis_parser_iface_init (GredisParserInterface *iface)
{
  iface->feed = gredis_hiredis_parser_feed;
  iface->pop = gredis_hiredis_parser_pop;
  iface->reset = gredis_hiredis_parser_reset;
  iface->set_protocol = gredis_hiredis_parser_set_protocol;
}

static void
gredis_hiredis_parser_finalize (GObject *object)
{
  GredisHiredisParser *self = GREDIS_HIREDIS_PARSER (object);

  redisReaderFree (self->reader);
  g_free (self->pending);
  g_array_unref (self->events);
  g_byte_array_unref (self->scratch);
  g_clear_pointer (&self->builder, gredis_reply_builder_free);
  g_clear_error (&self->error);

  G_OBJECT_CLASS (gredis_hiredis_parser_parent_class)->finalize (object);
}

static void
gredis_hiredis_parser_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  GredisHiredisParser *self = GREDIS_HIREDIS_PARSER (object);

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      g_value_set_uint (value, 2);
      break;
    case PROP_MAX_BULK_BYTES:
      g_value_set_uint64 (value, self->max_bulk_bytes);
      break;
    case PROP_MAX_ELEMENTS:
      g_value_set_uint64 (value, self->max_elements);
      break;
    case PROP_MAX_DEPTH:
      g_value_set_uint (value, self->max_depth);
      break;
    case PROP_MAX_REPLY_BYTES:
      g_value_set_uint64 (value, self->max_reply_bytes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_hiredis_parser_set_property (GObject      *object,
                                    guint         prop_id,
                                    const GValue *value,
                                    GParamSpec   *pspec)
{
  GredisHiredisParser *self = GREDIS_HIREDIS_PARSER (object);
  guint64 old, new;

  switch (prop_id)
    {
    case PROP_PROTOCOL:
      if (g_value_get_uint (value) != 2)
        g_warning ("The “hiredis” parser speaks only RESP2; protocol %u ignored",
                   g_value_get_uint (value));
      return;
    case PROP_MAX_BULK_BYTES:
      old = self->max_bulk_bytes;
      new = self->max_bulk_bytes = g_value_get_uint64 (value);
      break;
    case PROP_MAX_ELEMENTS:
      old = self->max_elements;
      new = self->max_elements = g_value_get_uint64 (value);
      break;
    case PROP_MAX_DEPTH:
      old = self->max_depth;
      new = self->max_depth = g_value_get_uint (value);
      break;
    case PROP_MAX_REPLY_BYTES:
      old = self->max_reply_bytes;
      new = self->max_reply_bytes = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  if (old != new)
    g_object_notify_by_pspec (object, pspec);
}

static void
gredis_hiredis_parser_class_init (GredisHiredisParserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gredis_hiredis_parser_finalize;
  object_class->get_property = gredis_hiredis_parser_get_property;
  object_class->set_property = gredis_hiredis_parser_set_property;

  g_object_class_override_property (object_class, PROP_PROTOCOL, "protocol");
  g_object_class_override_property (object_class, PROP_MAX_BULK_BYTES, "max-bulk-bytes");
  g_object_class_override_property (object_class, PROP_MAX_ELEMENTS, "max-elements");
  g_object_class_override_property (object_class, PROP_MAX_DEPTH, "max-depth");
  g_object_class_override_property (object_class, PROP_MAX_REPLY_BYTES, "max-reply-bytes");
}

static void
gredis_hiredis_parser_init (GredisHiredisParser *self)
{
  self->max_bulk_bytes = GREDIS_PARSER_DEFAULT_MAX_BULK_BYTES;
  self->max_elements = GREDIS_PARSER_DEFAULT_MAX_ELEMENTS;
  self->max_depth = GREDIS_PARSER_DEFAULT_MAX_DEPTH;
  self->max_reply_bytes = GREDIS_PARSER_DEFAULT_MAX_REPLY_BYTES;
  self->events = g_array_new (FALSE, FALSE, sizeof (Event));
  self->scratch = g_byte_array_new ();
  new_reader (self);
}
