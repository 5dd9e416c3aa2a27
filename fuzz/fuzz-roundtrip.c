/* fuzz-roundtrip.c: a random argv, encoded as a command, parses back as
 * the same array of bulk strings, through resp2 and resp3 (both
 * protocols), fed whole and in chunks
 *
 * The input is a list of arguments, each a length byte and that many
 * bytes.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "gredis-resp2-parser.h"
#include "gredis-resp3-parser.h"

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

static void
check (GType            type,
       guint            protocol,
       const GByteArray *encoded,
       gsize            chunk,
       guint            argc,
       const char     **argv,
       const gsize     *lengths)
{
  GredisParser *parser = g_object_new (type, NULL);
  GredisReply *reply = NULL;
  GError *error = NULL;

  if (!gredis_parser_set_protocol (parser, protocol, NULL))
    abort ();
  for (gsize offset = 0; offset < encoded->len; offset += chunk)
    {
      if (reply != NULL)
        abort ();  /* a reply before all bytes were fed */
      gredis_parser_feed (parser, encoded->data + offset, MIN (chunk, encoded->len - offset));
      reply = gredis_parser_pop (parser, &error);
      if (error != NULL)
        abort ();
    }
  if (reply == NULL || gredis_reply_get_kind (reply) != GREDIS_REPLY_ARRAY ||
      gredis_reply_get_n_elements (reply) != argc)
    abort ();
  for (guint i = 0; i < argc; i++)
    {
      GredisReply *element = gredis_reply_get_element (reply, i);
      gsize length;
      const char *text = gredis_reply_get_string (element, &length);

      if (gredis_reply_get_kind (element) != GREDIS_REPLY_STRING || length != lengths[i] ||
          memcmp (text, argv[i], length) != 0 || text[length] != '\0')
        abort ();
    }
  gredis_reply_unref (reply);
  if (gredis_parser_pop (parser, &error) != NULL || error != NULL)
    abort ();
  g_object_unref (parser);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  const char *argv[256];
  gsize lengths[256];
  guint argc = 0;
  gsize offset = 0;
  GByteArray *encoded;
  gsize written;

  while (offset < size && argc < G_N_ELEMENTS (argv))
    {
      gsize length = MIN (data[offset], size - offset - 1);

      argv[argc] = (const char *) data + offset + 1;
      lengths[argc] = length;
      argc++;
      offset += 1 + length;
    }
  if (argc == 0)
    return 0;

  encoded = g_byte_array_new ();
  written = gredis_encode_command (encoded, argc, argv, lengths);
  if (written != encoded->len || written != gredis_encoded_length (argc, argv, lengths))
    abort ();

  check (GREDIS_TYPE_RESP3_PARSER, 3, encoded, encoded->len, argc, argv, lengths);
  check (GREDIS_TYPE_RESP3_PARSER, 2, encoded, 1 + size % 7, argc, argv, lengths);
  check (GREDIS_TYPE_RESP2_PARSER, 2, encoded, 1 + size % 13, argc, argv, lengths);

  g_byte_array_unref (encoded);
  return 0;
}
