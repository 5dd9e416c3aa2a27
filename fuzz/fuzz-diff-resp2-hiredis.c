/* fuzz-diff-resp2-hiredis.c: the resp2 and hiredis parsers on the same
 * bytes give the same replies
 *
 * resp2 is the stricter: where it accepts the input hiredis must give the
 * same trees, except past hiredis' nesting limit; where it rejects the
 * input, hiredis may accept it (a length line of more than 64 bytes with
 * leading zeros, for example) but the replies before must agree.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gredis-resp2-parser.h"
#include "gredis-hiredis-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static GPtrArray *
parse (GType          type,
       const uint8_t *data,
       size_t         size,
       GError       **error)
{
  GredisParser *parser = g_object_new (type, NULL);
  GPtrArray *replies = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);
  GredisReply *reply;

  gredis_parser_feed (parser, data, size);
  while ((reply = gredis_parser_pop (parser, error)) != NULL)
    g_ptr_array_add (replies, reply);
  g_object_unref (parser);
  return replies;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  GError *resp2_error = NULL, *hiredis_error = NULL;
  GPtrArray *resp2 = parse (GREDIS_TYPE_RESP2_PARSER, data, size, &resp2_error);
  GPtrArray *hiredis = parse (GREDIS_TYPE_HIREDIS_PARSER, data, size, &hiredis_error);

  for (guint i = 0; i < MIN (resp2->len, hiredis->len); i++)
    if (!gredis_reply_equal (resp2->pdata[i], hiredis->pdata[i]))
      abort ();

  if (resp2_error == NULL)
    {
      if (hiredis_error != NULL)
        {
          /* Only nesting that hiredis cannot follow. */
          if (strstr (hiredis_error->message, "libhiredis supports") == NULL)
            abort ();
        }
      else if (resp2->len != hiredis->len)
        abort ();
    }

  g_clear_error (&resp2_error);
  g_clear_error (&hiredis_error);
  g_ptr_array_unref (resp2);
  g_ptr_array_unref (hiredis);
  return 0;
}
