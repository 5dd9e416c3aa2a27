/* fuzz-parser.c: one parser plugin on arbitrary bytes in arbitrary chunks
 *
 * Built once per parser (FUZZ_PARSER_TYPE names its get_type function).
 * The first input byte picks the protocol, small limits or the defaults,
 * and how the rest is cut into feeds. Fed whole and fed in chunks, the
 * input must give the same replies and the same outcome (error or not);
 * every reply is also formatted, to walk the whole tree.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <stdint.h>
#include <stdlib.h>

#include "gredis-resp2-parser.h"
#include "gredis-resp3-parser.h"
#ifdef FUZZ_HIREDIS
#include "gredis-hiredis-parser.h"
#endif

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

typedef struct
{
  GPtrArray *replies;
  gboolean   failed;
} Outcome;

static GredisParser *
new_parser (guint8 control)
{
  GredisParser *parser = g_object_new (FUZZ_PARSER_TYPE (), NULL);

  gredis_parser_set_protocol (parser, (control & 1) ? 3 : 2, NULL);
  if (control & 2)
    g_object_set (parser,
                  "max-bulk-bytes", (guint64) 64,
                  "max-elements", (guint64) 16,
                  "max-depth", 4,
                  "max-reply-bytes", (guint64) 1024,
                  NULL);
  return parser;
}

static void
drain (GredisParser *parser,
       Outcome      *outcome)
{
  GredisReply *reply;
  GError *error = NULL;

  if (outcome->failed)
    return;
  while ((reply = gredis_parser_pop (parser, &error)) != NULL)
    g_ptr_array_add (outcome->replies, reply);
  if (error != NULL)
    {
      if (!g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL))
        abort ();
      outcome->failed = TRUE;
      g_error_free (error);
    }
}

static void
run (guint8         control,
     const guint8  *data,
     gsize          size,
     gboolean       chunked,
     Outcome       *outcome)
{
  GredisParser *parser = new_parser (control);
  guint32 state = control * 2654435761u + 1;
  gsize offset = 0;

  outcome->replies = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);
  outcome->failed = FALSE;
  while (offset < size)
    {
      gsize n = size - offset;

      if (chunked)
        {
          state = state * 1103515245u + 12345u;
          n = MIN (n, 1 + (state >> 16) % ((control >> 2) + 1));
        }
      gredis_parser_feed (parser, data + offset, n);
      offset += n;
      drain (parser, outcome);
    }
  drain (parser, outcome);
  g_object_unref (parser);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  Outcome whole, chunked;
  guint8 control;

  if (size < 1)
    return 0;
  control = data[0];

  run (control, data + 1, size - 1, FALSE, &whole);
  run (control, data + 1, size - 1, TRUE, &chunked);

  if (whole.failed != chunked.failed || whole.replies->len != chunked.replies->len)
    abort ();
  for (guint i = 0; i < whole.replies->len; i++)
    {
      g_autofree char *text = NULL;

      if (!gredis_reply_equal (whole.replies->pdata[i], chunked.replies->pdata[i]))
        abort ();
      text = gredis_reply_to_string (whole.replies->pdata[i]);
    }

  g_ptr_array_unref (whole.replies);
  g_ptr_array_unref (chunked.replies);
  return 0;
}
