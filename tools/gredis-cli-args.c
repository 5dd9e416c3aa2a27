/* gredis-cli-args.c: splitting a line into arguments as redis-cli does
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/* Splitting a line into arguments, as redis-cli does: "double quotes"
 * with \n \r \t \b \a \xHH escapes, 'single quotes' with \' only. */
GPtrArray *
cli_split_args (const char  *line,
                gboolean    *ok)
{
  GPtrArray *args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  const char *p = line;

  *ok = TRUE;
  for (;;)
    {
      GByteArray *current;
      gboolean in_dq = FALSE, in_sq = FALSE, done = FALSE;

      while (*p != '\0' && g_ascii_isspace (*p))
        p++;
      if (*p == '\0')
        return args;

      current = g_byte_array_new ();
      while (!done)
        {
          if (in_dq)
            {
              if (p[0] == '\\' && p[1] == 'x' && g_ascii_isxdigit (p[2]) && g_ascii_isxdigit (p[3]))
                {
                  guint8 byte = g_ascii_xdigit_value (p[2]) * 16 + g_ascii_xdigit_value (p[3]);
                  g_byte_array_append (current, &byte, 1);
                  p += 3;
                }
              else if (p[0] == '\\' && p[1] != '\0')
                {
                  guint8 c;

                  p++;
                  switch (*p)
                    {
                    case 'n': c = '\n'; break;
                    case 'r': c = '\r'; break;
                    case 't': c = '\t'; break;
                    case 'b': c = '\b'; break;
                    case 'a': c = '\a'; break;
                    default: c = *p; break;
                    }
                  g_byte_array_append (current, &c, 1);
                }
              else if (*p == '"')
                {
                  /* The closing quote must be followed by a space or
                   * nothing at all. */
                  if (p[1] != '\0' && !g_ascii_isspace (p[1]))
                    goto err;
                  done = TRUE;
                }
              else if (*p == '\0')
                goto err;
              else
                g_byte_array_append (current, (const guint8 *) p, 1);
            }
          else if (in_sq)
            {
              if (p[0] == '\\' && p[1] == '\'')
                {
                  p++;
                  g_byte_array_append (current, (const guint8 *) "'", 1);
                }
              else if (*p == '\'')
                {
                  if (p[1] != '\0' && !g_ascii_isspace (p[1]))
                    goto err;
                  done = TRUE;
                }
              else if (*p == '\0')
                goto err;
              else
                g_byte_array_append (current, (const guint8 *) p, 1);
            }
          else
            {
              switch (*p)
                {
                case ' ':
                case '\n':
                case '\r':
                case '\t':
                case '\0':
                  done = TRUE;
                  break;
                case '"':
                  in_dq = TRUE;
                  break;
                case '\'':
                  in_sq = TRUE;
                  break;
                default:
                  g_byte_array_append (current, (const guint8 *) p, 1);
                  break;
                }
            }
          if (*p != '\0')
            p++;
        }
      g_ptr_array_add (args, g_byte_array_free_to_bytes (current));
      continue;

    err:
      g_byte_array_unref (current);
      *ok = FALSE;
      return args;
    }
}

gboolean
cli_is_word (GBytes     *arg,
             const char *word)
{
  gsize size;
  const char *data = g_bytes_get_data (arg, &size);

  return size == strlen (word) && g_ascii_strncasecmp (data, word, size) == 0;
}
