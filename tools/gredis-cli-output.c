/* gredis-cli-output.c: printing replies as redis-cli does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/* Output: redis-cli's raw format (the human one is gredis_reply_to_string()) */

static void
format_raw (GString           *out,
            const GredisReply *reply)
{
  gsize len = 0;
  const char *s;

  switch (gredis_reply_get_kind (reply))
    {
    case GREDIS_REPLY_NIL:
      break;
    case GREDIS_REPLY_ERROR:
      s = gredis_reply_get_string (reply, &len);
      g_string_append_len (out, s, len);
      g_string_append_c (out, '\n');
      break;
    case GREDIS_REPLY_STRING:
    case GREDIS_REPLY_SIMPLE_STRING:
    case GREDIS_REPLY_VERBATIM:
    case GREDIS_REPLY_DOUBLE:
    case GREDIS_REPLY_BIG_NUMBER:
      s = gredis_reply_get_string (reply, &len);
      g_string_append_len (out, s, len);
      break;
    case GREDIS_REPLY_BOOLEAN:
      g_string_append (out, gredis_reply_get_boolean (reply) ? "(true)" : "(false)");
      break;
    case GREDIS_REPLY_INTEGER:
      g_string_append_printf (out, "%" G_GINT64_FORMAT, gredis_reply_get_integer (reply));
      break;
    case GREDIS_REPLY_ARRAY:
    case GREDIS_REPLY_SET:
    case GREDIS_REPLY_PUSH:
      for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
        {
          if (i > 0)
            g_string_append_c (out, '\n');
          format_raw (out, gredis_reply_get_element (reply, i));
        }
      break;
    case GREDIS_REPLY_MAP:
      for (gsize i = 0; i + 1 < gredis_reply_get_n_elements (reply); i += 2)
        {
          if (i > 0)
            g_string_append_c (out, '\n');
          format_raw (out, gredis_reply_get_element (reply, i));
          g_string_append_c (out, ' ');
          format_raw (out, gredis_reply_get_element (reply, i + 1));
        }
      break;
    default:
      g_assert_not_reached ();
    }
}

void
cli_print_reply (Cli         *cli,
                 GredisReply *reply)
{
  if (cli->verbatim)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      format_raw (out, reply);
      fwrite (out->str, 1, out->len, stdout);
    }
  else if (cli->output != CLI_OUTPUT_DEFAULT)
    {
      g_autoptr(GString) out = g_string_new (NULL);

      cli_format_json (out, reply, cli->output);
      g_string_append_c (out, '\n');
      fwrite (out->str, 1, out->len, stdout);
    }
  else if (cli->raw)
    {
      GString *out = g_string_new (NULL);

      format_raw (out, reply);
      g_string_append_c (out, '\n');
      fwrite (out->str, 1, out->len, stdout);
      g_string_free (out, TRUE);
    }
  else
    {
      g_autofree char *text = gredis_reply_to_string (reply);
      fwrite (text, 1, strlen (text), stdout);
    }
  fflush (stdout);
}

static gboolean
word_is (const char *arg,
         gsize       length,
         const char *word)
{
  return length == strlen (word) && g_ascii_strncasecmp (arg, word, length) == 0;
}

/* Whether redis-cli prints the reply of this command as it is, in every
 * format: INFO, LOLWUT, CLIENT LIST and the other replies written for
 * people to read. */
gboolean
cli_is_verbatim_command (guint               argc,
                         const char * const *argv,
                         const gsize        *lengths)
{
#define ARG_IS(i, word) word_is (argv[i], lengths[i], word)
  if (argc == 0)
    return FALSE;
  if (ARG_IS (0, "info") || ARG_IS (0, "lolwut"))
    return TRUE;
  if (argc < 2)
    return FALSE;
  return (ARG_IS (0, "debug") && (ARG_IS (1, "htstats") || ARG_IS (1, "htstats-key") ||
                                  ARG_IS (1, "client-eviction"))) ||
         (ARG_IS (0, "memory") && (ARG_IS (1, "malloc-stats") || ARG_IS (1, "doctor"))) ||
         (argc == 2 && ARG_IS (0, "cluster") && (ARG_IS (1, "nodes") || ARG_IS (1, "info"))) ||
         (ARG_IS (0, "client") && (ARG_IS (1, "list") || ARG_IS (1, "info"))) ||
         (argc == 3 && ARG_IS (0, "latency") && ARG_IS (1, "graph")) ||
         (argc == 2 && ARG_IS (0, "latency") && ARG_IS (1, "doctor")) ||
         (ARG_IS (0, "proxy") && ARG_IS (1, "info"));
#undef ARG_IS
}
