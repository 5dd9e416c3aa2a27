/* gredis-resp-engine.c: the RESP2/RESP3 scanner shared by the resp2 and
 * resp3 parser plugins
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib/gi18n-lib.h>
#include <string.h>

#include "gredis-resp-engine.h"

/* How it works.
 *
 * Bytes fed are appended to one buffer; buf[start, len) is what has not
 * been consumed yet. pop() works in two passes over the reply at `start`:
 *
 * 1. The scan validates the reply and finds where it ends, counting its
 *    nodes and the bytes of its strings. It is resumable: when the bytes
 *    run out it keeps its place (the open aggregates, the bulk body it
 *    waits for, how far it looked for the end of a line), so feeding one
 *    byte at a time stays linear.
 *
 * 2. Once the whole reply is in the buffer, a GredisReplyBuilder sized
 *    exactly from those counts builds the tree in one allocation, reading
 *    the (now trusted) bytes again.
 *
 * Memory thus follows the bytes that actually arrived: a length the
 * server announces is only compared with the limits, never allocated.
 * Consumed bytes are dropped by moving `start`; the buffer is compacted
 * only when the consumed part is at least as large as what remains, so
 * the copies stay linear in the input. */

enum
{
  ST_ITEM,   /* a type byte and its line */
  ST_BODY,   /* the body of a bulk string, verbatim string or chunk */
  ST_CHUNK,  /* the `;` header of a streamed string's next chunk */
};

typedef enum
{
  SCAN_NEED_MORE,
  SCAN_COMPLETE,
  SCAN_ERROR,
  SCAN_CONTINUE,
} ScanResult;

struct _GredisRespFrame
{
  guint64 remaining;   /* values still expected (fixed-size aggregates) */
  guint64 count;       /* values seen (streamed aggregates) */
  guint   count_index; /* slot in engine->counts (streamed aggregates) */
  guint8  type;        /* '*', '~', '%', '>' or '|' (attributes) */
  guint8  streamed;
};

/* Lines of numbers, booleans and nulls are short; longer ones are
 * rejected before their end arrives. */
#define SHORT_LINE_LIMIT  64
#define DOUBLE_LINE_LIMIT 512

/* Big buffers are given back once empty. */
#define KEEP_BUFFER_BYTES (256 * 1024)

#define INITIAL_BUFFER_BYTES 4096

/* A bulk string at least this long, that fills most of the buffer, is
 * not copied: the buffer becomes the reply's memory. */
#define TAKE_BUFFER_BYTES (1024 * 1024)

static ScanResult engine_fail (GredisRespEngine *engine,
                               gsize             pos,
                               const char       *format,
                               ...) G_GNUC_PRINTF (3, 4);

static ScanResult
engine_fail (GredisRespEngine *engine,
             gsize             pos,
             const char       *format,
             ...)
{
  g_autofree char *what = NULL;
  va_list args;

  if (engine->error != NULL)
    return SCAN_ERROR;

  va_start (args, format);
  what = g_strdup_vprintf (format, args);
  va_end (args);

  engine->error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                               _("Invalid reply at byte %llu of the stream (byte %llu of the reply): %s"),
                               (unsigned long long) (engine->stream_base + pos),
                               (unsigned long long) (pos - engine->start),
                               what);
  return SCAN_ERROR;
}

void
gredis_resp_engine_init (GredisRespEngine *engine,
                         guint             max_protocol)
{
  memset (engine, 0, sizeof *engine);
  engine->protocol = 2;
  engine->max_protocol = max_protocol;
  engine->max_bulk_bytes = GREDIS_PARSER_DEFAULT_MAX_BULK_BYTES;
  engine->max_elements = GREDIS_PARSER_DEFAULT_MAX_ELEMENTS;
  engine->max_depth = GREDIS_PARSER_DEFAULT_MAX_DEPTH;
  engine->max_reply_bytes = GREDIS_PARSER_DEFAULT_MAX_REPLY_BYTES;
  engine->counts = g_array_new (FALSE, FALSE, sizeof (guint64));
  engine->state = ST_ITEM;
}

void
gredis_resp_engine_clear (GredisRespEngine *engine)
{
  g_clear_pointer (&engine->buf, g_free);
  g_clear_pointer (&engine->frames, g_free);
  g_clear_pointer (&engine->counts, g_array_unref);
  g_clear_pointer (&engine->builder, gredis_reply_builder_free);
  g_clear_pointer (&engine->scratch, g_byte_array_unref);
  for (guint i = 0; i < G_N_ELEMENTS (engine->shared); i++)
    g_clear_pointer (&engine->shared[i], gredis_reply_unref);
  g_clear_error (&engine->error);
}

/* Forgets the reply being scanned (not the bytes). */
static void
reset_scan (GredisRespEngine *engine)
{
  engine->scan = engine->start;
  engine->searched = 0;
  engine->state = ST_ITEM;
  engine->after_attributes = FALSE;
  engine->n_frames = 0;
  engine->n_nodes = 0;
  engine->n_bytes = 0;
  if (engine->counts->len > 0)
    g_array_set_size (engine->counts, 0);
}

void
gredis_resp_engine_reset (GredisRespEngine *engine)
{
  g_clear_error (&engine->error);
  if (engine->cap > KEEP_BUFFER_BYTES)
    {
      g_clear_pointer (&engine->buf, g_free);
      engine->cap = 0;
    }
  if (engine->scratch != NULL && engine->scratch->len > KEEP_BUFFER_BYTES)
    g_clear_pointer (&engine->scratch, g_byte_array_unref);
  engine->len = 0;
  engine->start = 0;
  engine->stream_base = 0;
  reset_scan (engine);
}

static void
compact (GredisRespEngine *engine)
{
  gsize shift = engine->start;

  if (shift == 0)
    return;
  memmove (engine->buf, engine->buf + shift, engine->len - shift);
  engine->len -= shift;
  engine->scan -= shift;
  if (engine->searched != 0)
    engine->searched -= shift;
  engine->start = 0;
  engine->stream_base += shift;
}

void
gredis_resp_engine_feed (GredisRespEngine *engine,
                         const guint8     *data,
                         gsize             length)
{
  if (engine->error != NULL || length == 0)
    return;

  /* Room for a NUL after the bytes, that stops scans of digits. */
  if (engine->cap - engine->len <= length)
    {
      /* Moving the unconsumed bytes costs no more than the bytes already
       * consumed since the last move: linear overall. */
      if (engine->start >= engine->len - engine->start)
        compact (engine);
      if (engine->cap - engine->len <= length)
        {
          gsize needed = engine->len + length + 1;
          gsize cap = MAX (engine->cap, INITIAL_BUFFER_BYTES);

          if (needed < engine->len)
            g_error ("%s: buffer size overflow", G_STRFUNC);
          while (cap < needed)
            cap = cap > G_MAXSIZE / 2 ? needed : cap * 2;
          engine->buf = g_realloc (engine->buf, cap);
          engine->cap = cap;
        }
    }
  memcpy (engine->buf + engine->len, data, length);
  engine->len += length;
  engine->buf[engine->len] = '\0';
}

/* Numbers. */

static gboolean
parse_int64 (const guint8 *p,
             gsize         n,
             gint64       *out)
{
  gboolean negative = FALSE;
  guint64 v = 0;

  if (n > 0 && p[0] == '-')
    {
      negative = TRUE;
      p++;
      n--;
    }
  /* Canonical form only, as servers write it (and as hiredis wants it):
   * no sign but a minus, no leading zeros, no "-0". */
  if (n == 0 || (p[0] == '0' && (n > 1 || negative)))
    return FALSE;
  for (gsize i = 0; i < n; i++)
    {
      guint d = (guint) p[i] - '0';

      if (d > 9 || v > (G_MAXUINT64 - d) / 10)
        return FALSE;
      v = v * 10 + d;
    }
  if (negative)
    {
      if (v > (guint64) G_MAXINT64 + 1)
        return FALSE;
      *out = v == (guint64) G_MAXINT64 + 1 ? G_MININT64 : -(gint64) v;
    }
  else
    {
      if (v > (guint64) G_MAXINT64)
        return FALSE;
      *out = (gint64) v;
    }
  return TRUE;
}

static gboolean
all_digits (const guint8 *p,
            gsize         n)
{
  if (n == 0)
    return FALSE;
  for (gsize i = 0; i < n; i++)
    if (!g_ascii_isdigit (p[i]))
      return FALSE;
  return TRUE;
}

static gboolean
valid_big_number (const guint8 *p,
                  gsize         n)
{
  if (n > 0 && (p[0] == '-' || p[0] == '+'))
    return all_digits (p + 1, n - 1);
  return all_digits (p, n);
}

/* RESP3 doubles: `inf`, `-inf`, `nan`, or a decimal number with an
 * optional sign, fraction and exponent. */
static gboolean
valid_double (const guint8 *p,
              gsize         n)
{
  gsize i = 0, digits = 0;

  if ((n == 3 && (memcmp (p, "inf", 3) == 0 || memcmp (p, "nan", 3) == 0)) ||
      (n == 4 && memcmp (p, "-inf", 4) == 0))
    return TRUE;

  if (i < n && (p[i] == '-' || p[i] == '+'))
    i++;
  while (i < n && g_ascii_isdigit (p[i]))
    i++, digits++;
  if (i < n && p[i] == '.')
    {
      i++;
      while (i < n && g_ascii_isdigit (p[i]))
        i++, digits++;
    }
  if (digits == 0)
    return FALSE;
  if (i < n && (p[i] == 'e' || p[i] == 'E'))
    {
      gsize exp_digits = 0;

      i++;
      if (i < n && (p[i] == '-' || p[i] == '+'))
        i++;
      while (i < n && g_ascii_isdigit (p[i]))
        i++, exp_digits++;
      if (exp_digits == 0)
        return FALSE;
    }
  return i == n;
}

/* The scan. */

static gboolean
is_resp2_type (guint8 type)
{
  return type == '+' || type == '-' || type == ':' || type == '$' || type == '*';
}

static gboolean
is_resp3_only_type (guint8 type)
{
  switch (type)
    {
    case '_': case ',': case '#': case '(': case '!': case '=':
    case '%': case '~': case '>': case '|': case '.':
      return TRUE;
    default:
      return FALSE;
    }
}

static guint64
line_limit (GredisRespEngine *engine,
            guint8            type)
{
  switch (type)
    {
    case '+': case '-': case '(':
      return engine->max_bulk_bytes;
    case ',':
      return DOUBLE_LINE_LIMIT;
    default:
      return SHORT_LINE_LIMIT;
    }
}

static ScanResult
check_reply_size (GredisRespEngine *engine,
                  guint64           end)
{
  if (end - engine->start > engine->max_reply_bytes)
    return engine_fail (engine, engine->start,
                        _("The reply is longer than the limit of %llu bytes (max-reply-bytes)."),
                        (unsigned long long) engine->max_reply_bytes);
  return SCAN_CONTINUE;
}

/* Finds the CR LF that ends the line starting at engine->scan (its type
 * byte). On success *cr is the index of the CR. */
static ScanResult
find_line (GredisRespEngine *engine,
           guint64           limit,
           gsize            *cr)
{
  gsize from = MAX (engine->searched, engine->scan + 1);
  const guint8 *nl = NULL;
  gsize lf, content;

  if (from < engine->len)
    nl = memchr (engine->buf + from, '\n', engine->len - from);

  if (nl == NULL)
    {
      gsize seen = engine->len - engine->scan - 1;

      engine->searched = engine->len;
      if (seen > 0 && engine->buf[engine->len - 1] == '\r')
        seen--;
      if (seen > limit)
        return engine_fail (engine, engine->scan,
                            _("A line is longer than %llu bytes."),
                            (unsigned long long) limit);
      if (check_reply_size (engine, engine->len) == SCAN_ERROR)
        return SCAN_ERROR;
      return SCAN_NEED_MORE;
    }

  lf = nl - engine->buf;
  engine->searched = 0;
  content = lf - engine->scan - 1;
  if (engine->buf[lf - 1] == '\r' && content > 0)
    content--;
  if (content > limit)
    return engine_fail (engine, engine->scan,
                        _("A line is longer than %llu bytes."),
                        (unsigned long long) limit);
  if (lf == engine->scan + 1 || engine->buf[lf - 1] != '\r')
    return engine_fail (engine, lf,
                        _("A line ends with a line feed that no carriage return precedes."));
  if (check_reply_size (engine, lf + 1) == SCAN_ERROR)
    return SCAN_ERROR;
  *cr = lf - 1;
  return SCAN_CONTINUE;
}

static ScanResult
push_frame (GredisRespEngine *engine,
            guint8            type,
            guint64           remaining,
            gboolean          streamed,
            guint             count_index)
{
  GredisRespFrame *frame;

  if (engine->n_frames == engine->frames_allocated)
    {
      engine->frames_allocated = MAX (16, engine->frames_allocated * 2);
      engine->frames = g_renew (GredisRespFrame, engine->frames, engine->frames_allocated);
    }
  frame = &engine->frames[engine->n_frames++];
  frame->type = type;
  frame->remaining = remaining;
  frame->count = 0;
  frame->streamed = streamed;
  frame->count_index = count_index;
  return SCAN_CONTINUE;
}

/* A value has ended: counts it in the open aggregates. */
static ScanResult
value_done (GredisRespEngine *engine,
            gsize             pos)
{
  while (engine->n_frames > 0)
    {
      GredisRespFrame *frame = &engine->frames[engine->n_frames - 1];

      if (frame->streamed)
        {
          if (++frame->count > engine->max_elements)
            return engine_fail (engine, pos,
                                _("A streamed aggregate has more than %llu elements (max-elements)."),
                                (unsigned long long) engine->max_elements);
          return SCAN_CONTINUE;
        }
      if (--frame->remaining > 0)
        return SCAN_CONTINUE;
      engine->n_frames--;
      if (frame->type == '|')
        {
          /* Attributes are not a value: the one they annotate follows. */
          engine->after_attributes = TRUE;
          return SCAN_CONTINUE;
        }
    }
  return SCAN_COMPLETE;
}

static guint
add_count_slot (GredisRespEngine *engine)
{
  guint64 zero = 0;

  g_array_append_val (engine->counts, zero);
  return engine->counts->len - 1;
}

static GredisReplyKind
aggregate_kind (guint8 type)
{
  switch (type)
    {
    case '~': return GREDIS_REPLY_SET;
    case '%': return GREDIS_REPLY_MAP;
    case '>': return GREDIS_REPLY_PUSH;
    default:  return GREDIS_REPLY_ARRAY;
    }
}

static ScanResult
scan_aggregate (GredisRespEngine *engine,
                guint8            type,
                const guint8     *content,
                gsize             clen,
                gsize             pos)
{
  gint64 n;
  guint64 elements;

  if (engine->n_frames >= engine->max_depth)
    return engine_fail (engine, pos,
                        _("Aggregates are nested deeper than the limit of %u (max-depth)."),
                        engine->max_depth);

  engine->n_nodes++;

  if (clen == 1 && content[0] == '?' && engine->protocol == 3 &&
      (type == '*' || type == '~' || type == '%'))
    return push_frame (engine, type, 0, TRUE, add_count_slot (engine));

  if (!parse_int64 (content, clen, &n))
    return engine_fail (engine, pos, _("The length of an aggregate is not a valid number."));
  if (n == -1 && type == '*')
    return value_done (engine, pos);  /* the RESP2 null array */
  if (n < 0)
    return engine_fail (engine, pos, _("The length of an aggregate is negative (%lld)."),
                        (long long) n);

  elements = (guint64) n;
  if (type == '%' || type == '|')
    {
      if (elements > G_MAXUINT64 / 2)
        elements = G_MAXUINT64;
      else
        elements *= 2;
    }
  if (elements > engine->max_elements || elements > G_MAXUINT32)
    return engine_fail (engine, pos,
                        _("An aggregate of %llu elements is larger than the limit of %llu (max-elements)."),
                        (unsigned long long) elements,
                        (unsigned long long) MIN (engine->max_elements, G_MAXUINT32));

  if (elements == 0)
    {
      if (type == '|')
        {
          engine->after_attributes = TRUE;
          return SCAN_CONTINUE;
        }
      return value_done (engine, pos);
    }
  return push_frame (engine, type, elements, FALSE, 0);
}

static ScanResult
scan_bulk_header (GredisRespEngine *engine,
                  guint8            type,
                  const guint8     *content,
                  gsize             clen,
                  gsize             pos,
                  gsize             next)
{
  gint64 n;

  engine->n_nodes++;

  if (clen == 1 && content[0] == '?' && engine->protocol == 3 && type == '$')
    {
      engine->stream_index = add_count_slot (engine);
      engine->stream_total = 0;
      engine->state = ST_CHUNK;
      engine->scan = next;
      return SCAN_CONTINUE;
    }

  if (!parse_int64 (content, clen, &n))
    return engine_fail (engine, pos, _("The length of a bulk string is not a valid number."));
  engine->scan = next;
  if (n == -1 && type == '$')
    return value_done (engine, pos);
  if (n < 0)
    return engine_fail (engine, pos, _("The length of a bulk string is negative (%lld)."),
                        (long long) n);
  if ((guint64) n > engine->max_bulk_bytes)
    return engine_fail (engine, pos,
                        _("A bulk string of %llu bytes is longer than the limit of %llu bytes (max-bulk-bytes)."),
                        (unsigned long long) n, (unsigned long long) engine->max_bulk_bytes);
  if (check_reply_size (engine, (guint64) next + (guint64) n + 2) == SCAN_ERROR)
    return SCAN_ERROR;

  engine->body_len = (guint64) n;
  engine->body_type = type;
  engine->state = ST_BODY;
  return SCAN_CONTINUE;
}

static ScanResult
scan_body (GredisRespEngine *engine)
{
  const guint8 *body = engine->buf + engine->scan;
  gsize n = engine->body_len;

  if (engine->len - engine->scan < n + 2)
    return SCAN_NEED_MORE;

  if (body[n] != '\r' || body[n + 1] != '\n')
    return engine_fail (engine, engine->scan + n,
                        _("A bulk string is not followed by a carriage return and a line feed."));
  if (engine->body_type == '=')
    {
      if (n < 4 || body[3] != ':' ||
          body[0] < 0x21 || body[0] > 0x7e ||
          body[1] < 0x21 || body[1] > 0x7e ||
          body[2] < 0x21 || body[2] > 0x7e)
        return engine_fail (engine, engine->scan,
                            _("A verbatim string does not start with a three-letter format and a colon."));
    }

  engine->scan += n + 2;
  if (engine->body_type == ';')
    {
      engine->stream_total += n;
      engine->state = ST_CHUNK;
      return SCAN_CONTINUE;
    }
  engine->n_bytes += n;
  engine->state = ST_ITEM;
  return value_done (engine, engine->scan - n - 2);
}

static ScanResult
scan_chunk (GredisRespEngine *engine)
{
  gsize pos = engine->scan, cr, clen;
  const guint8 *content;
  ScanResult r;
  gint64 n;

  if (pos == engine->len)
    return SCAN_NEED_MORE;
  if (engine->buf[pos] != ';')
    return engine_fail (engine, pos,
                        _("A chunk of a streamed string (“;”) was expected."));
  r = find_line (engine, SHORT_LINE_LIMIT, &cr);
  if (r != SCAN_CONTINUE)
    return r;

  content = engine->buf + pos + 1;
  clen = cr - pos - 1;
  if (!parse_int64 (content, clen, &n) || n < 0)
    return engine_fail (engine, pos,
                        _("The length of a chunk of a streamed string is not a valid number."));
  engine->scan = cr + 2;
  if (n == 0)
    {
      g_array_index (engine->counts, guint64, engine->stream_index) = engine->stream_total;
      engine->n_bytes += engine->stream_total;
      engine->state = ST_ITEM;
      return value_done (engine, pos);
    }
  if ((guint64) n > engine->max_bulk_bytes - MIN (engine->stream_total, engine->max_bulk_bytes))
    return engine_fail (engine, pos,
                        _("A streamed string is longer than the limit of %llu bytes (max-bulk-bytes)."),
                        (unsigned long long) engine->max_bulk_bytes);
  if (check_reply_size (engine, (guint64) engine->scan + (guint64) n + 2) == SCAN_ERROR)
    return SCAN_ERROR;
  engine->body_len = (guint64) n;
  engine->body_type = ';';
  engine->state = ST_BODY;
  return SCAN_CONTINUE;
}

static ScanResult
scan_item (GredisRespEngine *engine)
{
  gsize pos = engine->scan, cr, clen, next;
  const guint8 *content;
  guint8 type;
  ScanResult r;

  if (pos == engine->len)
    return SCAN_NEED_MORE;

  type = engine->buf[pos];
  if (!is_resp2_type (type))
    {
      if (!is_resp3_only_type (type))
        return engine_fail (engine, pos, _("The byte 0x%02x is not a RESP type."), type);
      if (engine->protocol < 3)
        return engine_fail (engine, pos,
                            _("The type “%c” exists only in RESP3, but the parser speaks RESP2."),
                            type);
    }

  r = find_line (engine, line_limit (engine, type), &cr);
  if (r != SCAN_CONTINUE)
    return r;

  content = engine->buf + pos + 1;
  clen = cr - pos - 1;
  next = cr + 2;

  if (engine->after_attributes)
    {
      if (type == '|')
        return engine_fail (engine, pos, _("Two attribute maps follow each other."));
      if (type == '.')
        return engine_fail (engine, pos,
                            _("Attributes are not followed by the value they annotate."));
      engine->after_attributes = FALSE;
    }

  switch (type)
    {
    case '+':
    case '-':
      if (memchr (content, '\r', clen) != NULL)
        return engine_fail (engine, pos,
                            _("A simple string or error contains a carriage return."));
      engine->n_nodes++;
      engine->n_bytes += clen;
      engine->scan = next;
      return value_done (engine, pos);

    case ':':
      {
        gint64 v;

        if (!parse_int64 (content, clen, &v))
          return engine_fail (engine, pos, _("An integer is not a valid signed 64-bit number."));
        engine->n_nodes++;
        engine->scan = next;
        return value_done (engine, pos);
      }

    case '$':
    case '!':
    case '=':
      return scan_bulk_header (engine, type, content, clen, pos, next);

    case '*':
    case '~':
    case '%':
    case '>':
    case '|':
      engine->scan = next;
      return scan_aggregate (engine, type, content, clen, pos);

    case '_':
      if (clen != 0)
        return engine_fail (engine, pos, _("A null has content."));
      engine->n_nodes++;
      engine->scan = next;
      return value_done (engine, pos);

    case '#':
      if (clen != 1 || (content[0] != 't' && content[0] != 'f'))
        return engine_fail (engine, pos, _("A boolean is neither “t” nor “f”."));
      engine->n_nodes++;
      engine->scan = next;
      return value_done (engine, pos);

    case ',':
      if (!valid_double (content, clen))
        return engine_fail (engine, pos, _("A double is not a valid number."));
      engine->n_nodes++;
      engine->n_bytes += clen;
      engine->scan = next;
      return value_done (engine, pos);

    case '(':
      if (!valid_big_number (content, clen))
        return engine_fail (engine, pos, _("A big number is not made of decimal digits."));
      engine->n_nodes++;
      engine->n_bytes += clen;
      engine->scan = next;
      return value_done (engine, pos);

    case '.':
      {
        GredisRespFrame *frame;

        if (clen != 0)
          return engine_fail (engine, pos, _("The end of a streamed aggregate has content."));
        if (engine->n_frames == 0 || !engine->frames[engine->n_frames - 1].streamed)
          return engine_fail (engine, pos,
                              _("An end marker (“.”) appears outside a streamed aggregate."));
        frame = &engine->frames[engine->n_frames - 1];
        if (frame->type == '%' && frame->count % 2 != 0)
          return engine_fail (engine, pos,
                              _("A streamed map ends with a key that has no value."));
        g_array_index (engine->counts, guint64, frame->count_index) = frame->count;
        engine->n_frames--;
        engine->scan = next;
        return value_done (engine, pos);
      }

    default:
      g_assert_not_reached ();
    }
}

static ScanResult
scan (GredisRespEngine *engine)
{
  ScanResult r;

  do
    {
      switch (engine->state)
        {
        case ST_BODY:
          r = scan_body (engine);
          break;
        case ST_CHUNK:
          r = scan_chunk (engine);
          break;
        default:
          r = scan_item (engine);
          break;
        }
    }
  while (r == SCAN_CONTINUE);

  return r;
}

/* The build: the bytes of [start, end) are a valid reply. */

static inline gint64
read_number (const guint8 **pp)
{
  const guint8 *p = *pp;
  gboolean negative = FALSE;
  guint64 v = 0;

  if (*p == '-')
    {
      negative = TRUE;
      p++;
    }
  while (*p != '\r')
    v = v * 10 + (*p++ - '0');
  *pp = p + 2;
  return negative ? (gint64) (0 - v) : (gint64) v;
}

static void
add_streamed_string (GredisRespEngine *engine,
                     const guint8    **pp,
                     guint64           total)
{
  const guint8 *p = *pp;

  if (engine->scratch == NULL)
    engine->scratch = g_byte_array_new ();
  g_byte_array_set_size (engine->scratch, 0);
  for (;;)
    {
      gint64 n;

      p++;  /* ';' */
      n = read_number (&p);
      if (n == 0)
        break;
      g_byte_array_append (engine->scratch, p, n);
      p += n + 2;
    }
  g_assert (engine->scratch->len == total);
  gredis_reply_builder_add_string (engine->builder, GREDIS_REPLY_STRING,
                                   (const char *) engine->scratch->data, total);
  if (engine->scratch->len > KEEP_BUFFER_BYTES)
    g_clear_pointer (&engine->scratch, g_byte_array_unref);
  *pp = p;
}

static GredisReply *
shared_reply (GredisRespEngine *engine,
              const guint8     *p,
              gsize             n)
{
  guint i;

  if (n == 5 && memcmp (p, "+OK\r\n", 5) == 0)
    i = 0;
  else if (n == 4 && memcmp (p, ":0\r\n", 4) == 0)
    i = 1;
  else if (n == 4 && memcmp (p, ":1\r\n", 4) == 0)
    i = 2;
  else if ((n == 5 && memcmp (p, "$-1\r\n", 5) == 0) ||
           (n == 5 && memcmp (p, "*-1\r\n", 5) == 0) ||
           (n == 3 && memcmp (p, "_\r\n", 3) == 0))
    return gredis_reply_new_nil ();
  else
    return NULL;

  if (engine->shared[i] == NULL)
    {
      if (i == 0)
        engine->shared[i] = gredis_reply_new_string (GREDIS_REPLY_SIMPLE_STRING, "OK", 2);
      else
        engine->shared[i] = gredis_reply_new_integer (i - 1);
    }
  return gredis_reply_ref (engine->shared[i]);
}

static GredisReply *
build (GredisRespEngine *engine,
       gsize             end)
{
  const guint8 *p = engine->buf + engine->start;
  const guint8 *stop = engine->buf + end;
  GredisReplyBuilder *builder;
  guint count_index = 0;

  if (engine->n_nodes == 1)
    {
      GredisReply *shared = shared_reply (engine, p, stop - p);

      if (shared != NULL)
        return shared;
    }

  if (engine->builder == NULL)
    engine->builder = gredis_reply_builder_new (engine->n_nodes, engine->n_bytes);
  else
    gredis_reply_builder_reset (engine->builder, engine->n_nodes, engine->n_bytes);
  builder = engine->builder;

  while (p < stop)
    {
      guint8 type = *p++;

      switch (type)
        {
        case '+':
        case '-':
        case '(':
        case ',':
          {
            const guint8 *cr = memchr (p, '\r', stop - p);

            if (type == ',')
              gredis_reply_builder_add_double (builder, (const char *) p, cr - p);
            else
              gredis_reply_builder_add_string (builder,
                                               type == '+' ? GREDIS_REPLY_SIMPLE_STRING :
                                               type == '-' ? GREDIS_REPLY_ERROR :
                                               GREDIS_REPLY_BIG_NUMBER,
                                               (const char *) p, cr - p);
            p = cr + 2;
          }
          break;

        case ':':
          gredis_reply_builder_add_integer (builder, read_number (&p));
          break;

        case '#':
          gredis_reply_builder_add_boolean (builder, *p == 't');
          p += 3;
          break;

        case '_':
          gredis_reply_builder_add_nil (builder);
          p += 2;
          break;

        case '.':
          p += 2;
          break;

        case '$':
        case '!':
        case '=':
          {
            gint64 n;

            if (*p == '?')
              {
                p += 3;
                add_streamed_string (engine, &p,
                                     g_array_index (engine->counts, guint64, count_index++));
                break;
              }
            n = read_number (&p);
            if (n < 0)
              {
                gredis_reply_builder_add_nil (builder);
                break;
              }
            if (type == '=')
              {
                char format[4] = { p[0], p[1], p[2], '\0' };

                gredis_reply_builder_add_verbatim (builder, format, (const char *) p + 4, n - 4);
              }
            else
              gredis_reply_builder_add_string (builder,
                                               type == '$' ? GREDIS_REPLY_STRING : GREDIS_REPLY_ERROR,
                                               (const char *) p, n);
            p += n + 2;
          }
          break;

        case '*':
        case '~':
        case '%':
        case '>':
          {
            gint64 n;

            if (*p == '?')
              {
                p += 3;
                n = g_array_index (engine->counts, guint64, count_index++);
              }
            else
              {
                n = read_number (&p);
                if (n < 0)
                  {
                    gredis_reply_builder_add_nil (builder);
                    break;
                  }
                if (type == '%')
                  n *= 2;
              }
            gredis_reply_builder_begin_aggregate (builder, aggregate_kind (type), n);
          }
          break;

        case '|':
          gredis_reply_builder_begin_attributes (builder, read_number (&p));
          break;

        default:
          g_assert_not_reached ();
        }
    }

  return gredis_reply_builder_finish (builder);
}

#if G_BYTE_ORDER == G_LITTLE_ENDIAN && defined(__GNUC__)
#define HAVE_SWAR_DIGITS 1
/* Reads the run of up to 8 ASCII digits at p, 8 bytes at once (p[0..7]
 * must be readable): returns how many digits there are and stores their
 * value in *value. The usual SWAR tricks: a byte is a digit iff neither
 * b - '0' nor b + 0x46 sets its top bit (the first non-digit is found
 * exactly, as no borrow or carry comes from the digits below it), and
 * the digits are then combined pairwise with three multiplications. */
static inline guint
swar_digits (const guint8 *p,
             guint64      *value)
{
  guint64 chunk, digits, not_digit;
  guint n;

  memcpy (&chunk, p, 8);
  digits = chunk - G_GUINT64_CONSTANT (0x3030303030303030);
  not_digit = (digits | (chunk + G_GUINT64_CONSTANT (0x4646464646464646))) &
              G_GUINT64_CONSTANT (0x8080808080808080);
  n = not_digit != 0 ? (guint) __builtin_ctzll (not_digit) / 8 : 8;
  if (n == 0)
    {
      *value = 0;
      return 0;
    }
  /* The first digit is the lowest byte: shifting the n digits to the top
   * bytes gives the same number with leading zeros. */
  digits <<= (8 - n) * 8;
  digits = ((digits & G_GUINT64_CONSTANT (0x0F0F0F0F0F0F0F0F)) * 2561) >> 8;
  digits = ((digits & G_GUINT64_CONSTANT (0x00FF00FF00FF00FF)) * 6553601) >> 16;
  *value = ((digits & G_GUINT64_CONSTANT (0x0000FFFF0000FFFF)) * G_GUINT64_CONSTANT (42949672960001)) >> 32;
  return n;
}
#endif

static inline GredisReplyBuilder *
engine_builder (GredisRespEngine *engine)
{
  if (G_UNLIKELY (engine->builder == NULL))
    engine->builder = gredis_reply_builder_new (1, 0);
  return engine->builder;
}

/* Replies that are one simple string, error, integer or bulk string,
 * complete in the buffer and plainly valid, are read in one pass. Anything
 * else (or anything odd) returns NULL and goes through the scan, which
 * then gives the right reply or error. */
static GredisReply *
pop_simple (GredisRespEngine *engine)
{
  const guint8 *p = engine->buf + engine->start;
  const guint8 *end = engine->buf + engine->len;
  const guint8 *q = p + 1;
  GredisReply *reply;
  guint64 v = 0;
  gsize n;

  switch (*p)
    {
    case '+':
    case '-':
      while (q < end && *q != '\r' && *q != '\n')
        q++;
      if (end - q < 2 || q[0] != '\r' || q[1] != '\n')
        return NULL;
      n = q - p - 1;
      if (n > engine->max_bulk_bytes || (guint64) (q + 2 - p) > engine->max_reply_bytes)
        return NULL;
      if (n == 2 && p[0] == '+' && p[1] == 'O' && p[2] == 'K')
        reply = shared_reply (engine, p, 5);
      else
        reply = gredis_reply_builder_build_string (engine_builder (engine),
                                                   *p == '+' ? GREDIS_REPLY_SIMPLE_STRING : GREDIS_REPLY_ERROR,
                                                   (const char *) p + 1, n);
      q += 2;
      break;

    case ':':
    case '$':
      {
        gboolean negative = FALSE;
        const guint8 *digits;
        guint d;

        if (*q == '-')
          {
            negative = TRUE;
            q++;
          }
        digits = q;
#ifdef HAVE_SWAR_DIGITS
        if (end - q >= 8)
          {
            guint n = swar_digits (q, &v);

            q += n;
            if (n < 8)
              goto digits_done;
          }
#endif
        /* The NUL that feed() keeps after the bytes stops this loop. It
         * runs once per reply (the scan takes over if this path gives
         * up), so it stays linear even on endless digits; a number of
         * more than 18 digits, which could overflow, goes to the scan. */
        while ((d = (guint) *q - '0') <= 9)
          {
            v = v * 10 + d;
            q++;
          }
#ifdef HAVE_SWAR_DIGITS
      digits_done:
#endif
        if (q == digits || q - digits > 18 || end - q < 2 || q[0] != '\r' || q[1] != '\n' ||
            (*digits == '0' && (q - digits > 1 || negative)))
          return NULL;
        q += 2;
        if (*p == ':')
          {
            if (q - p == 4 && !negative && v <= 1)
              reply = shared_reply (engine, p, 4);
            else
              reply = gredis_reply_builder_build_integer (engine_builder (engine),
                                                          negative ? -(gint64) v : (gint64) v);
            break;
          }
        if (negative)
          {
            if (v != 1)
              return NULL;
            reply = gredis_reply_new_nil ();
            break;
          }
        if (v >= TAKE_BUFFER_BYTES)
          return NULL;  /* the scan's path may hand the buffer over */
        if (v > engine->max_bulk_bytes || (guint64) (end - q) < v + 2 ||
            q[v] != '\r' || q[v + 1] != '\n' ||
            (guint64) (q + v + 2 - p) > engine->max_reply_bytes)
          return NULL;
        reply = gredis_reply_builder_build_string (engine_builder (engine), GREDIS_REPLY_STRING,
                                                   (const char *) q, v);
        q += v + 2;
      }
      break;

    default:
      return NULL;
    }

  engine->start = q - engine->buf;
  engine->scan = engine->start;
  return reply;
}

/* When the reply in [start, end) is one large bulk string that is most
 * of the buffer, hands the buffer over to the reply instead of copying
 * the string; the few bytes after the reply move to a new buffer. Returns
 * NULL when that does not pay. */
static GredisReply *
take_bulk (GredisRespEngine *engine,
           gsize             end)
{
  const guint8 *p = engine->buf + engine->start;
  guint8 *block = engine->buf;
  gsize rest = engine->len - end;
  gsize offset;
  gint64 n;

  if (engine->n_nodes != 1 || *p != '$' || engine->n_bytes < TAKE_BUFFER_BYTES ||
      engine->start > engine->n_bytes / 8 || rest > engine->n_bytes / 8)
    return NULL;
  p++;
  n = read_number (&p);
  offset = p - engine->buf;

  engine->stream_base += end;
  engine->buf = NULL;
  engine->cap = engine->len = 0;
  engine->start = engine->scan = 0;
  if (rest > 0)
    gredis_resp_engine_feed (engine, block + end, rest);

  /* Give back the spare room of the buffer (keeping a byte for the NUL). */
  block = g_realloc (block, offset + n + 1);
  return gredis_reply_builder_build_string_take (engine_builder (engine), GREDIS_REPLY_STRING,
                                                 block, offset, n);
}

static void
consumed (GredisRespEngine *engine)
{
  if (engine->start == engine->len)
    {
      engine->stream_base += engine->len;
      engine->start = engine->len = engine->scan = 0;
      if (engine->cap > KEEP_BUFFER_BYTES)
        {
          g_clear_pointer (&engine->buf, g_free);
          engine->cap = 0;
        }
    }
}

GredisReply *
gredis_resp_engine_pop (GredisRespEngine *engine,
                        GError          **error)
{
  GredisReply *reply;

  if (G_LIKELY (engine->error == NULL))
    {
      if (engine->start == engine->len)
        return NULL;

      /* A fresh reply: try the one-pass path. */
      if (engine->scan == engine->start && engine->state == ST_ITEM &&
          engine->searched == 0 && engine->n_frames == 0 && !engine->after_attributes)
        {
          reply = pop_simple (engine);
          if (reply != NULL)
            {
              consumed (engine);
              return reply;
            }
        }

      switch (scan (engine))
        {
        case SCAN_NEED_MORE:
          return NULL;
        case SCAN_COMPLETE:
          reply = take_bulk (engine, engine->scan);
          if (reply == NULL)
            {
              reply = build (engine, engine->scan);
              engine->start = engine->scan;
            }
          consumed (engine);
          reset_scan (engine);
          return reply;
        default:
          break;
        }
    }

  g_propagate_error (error, g_error_copy (engine->error));
  return NULL;
}

gboolean
gredis_resp_engine_set_protocol (GredisRespEngine *engine,
                                 guint             protocol,
                                 const char       *parser_name,
                                 GError          **error)
{
  if (protocol > engine->max_protocol)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("The “%s” parser speaks only RESP2; use the “resp3” parser for RESP3."),
                   parser_name);
      return FALSE;
    }
  engine->protocol = protocol;
  return TRUE;
}

void
gredis_resp_engine_override_properties (GObjectClass *klass)
{
  g_object_class_override_property (klass, GREDIS_RESP_PROP_PROTOCOL, "protocol");
  g_object_class_override_property (klass, GREDIS_RESP_PROP_MAX_BULK_BYTES, "max-bulk-bytes");
  g_object_class_override_property (klass, GREDIS_RESP_PROP_MAX_ELEMENTS, "max-elements");
  g_object_class_override_property (klass, GREDIS_RESP_PROP_MAX_DEPTH, "max-depth");
  g_object_class_override_property (klass, GREDIS_RESP_PROP_MAX_REPLY_BYTES, "max-reply-bytes");
}

void
gredis_resp_engine_get_property (GredisRespEngine *engine,
                                 guint             prop_id,
                                 GValue           *value)
{
  switch ((GredisRespProp) prop_id)
    {
    case GREDIS_RESP_PROP_PROTOCOL:
      g_value_set_uint (value, engine->protocol);
      break;
    case GREDIS_RESP_PROP_MAX_BULK_BYTES:
      g_value_set_uint64 (value, engine->max_bulk_bytes);
      break;
    case GREDIS_RESP_PROP_MAX_ELEMENTS:
      g_value_set_uint64 (value, engine->max_elements);
      break;
    case GREDIS_RESP_PROP_MAX_DEPTH:
      g_value_set_uint (value, engine->max_depth);
      break;
    case GREDIS_RESP_PROP_MAX_REPLY_BYTES:
      g_value_set_uint64 (value, engine->max_reply_bytes);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Returns whether the value changed. */
gboolean
gredis_resp_engine_set_property (GredisRespEngine *engine,
                                 guint             prop_id,
                                 const GValue     *value,
                                 const char       *parser_name)
{
  guint64 old, new;

  switch ((GredisRespProp) prop_id)
    {
    case GREDIS_RESP_PROP_PROTOCOL:
      old = engine->protocol;
      new = g_value_get_uint (value);
      if (new > engine->max_protocol)
        {
          g_warning ("The “%s” parser speaks only RESP2; protocol %u ignored",
                     parser_name, (guint) new);
          return FALSE;
        }
      engine->protocol = new;
      break;
    case GREDIS_RESP_PROP_MAX_BULK_BYTES:
      old = engine->max_bulk_bytes;
      new = engine->max_bulk_bytes = g_value_get_uint64 (value);
      break;
    case GREDIS_RESP_PROP_MAX_ELEMENTS:
      old = engine->max_elements;
      new = engine->max_elements = g_value_get_uint64 (value);
      break;
    case GREDIS_RESP_PROP_MAX_DEPTH:
      old = engine->max_depth;
      new = engine->max_depth = g_value_get_uint (value);
      break;
    case GREDIS_RESP_PROP_MAX_REPLY_BYTES:
      old = engine->max_reply_bytes;
      new = engine->max_reply_bytes = g_value_get_uint64 (value);
      break;
    default:
      g_assert_not_reached ();
    }
  return old != new;
}
