/* gredis-error.c: the Gredis error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

#include <string.h>

/**
 * gredis_error_quark:
 *
 * Gets the quark of the Gredis error domain; use %GREDIS_ERROR instead.
 *
 * Returns: the quark of the %GREDIS_ERROR domain
 */
G_DEFINE_QUARK (gredis-error-quark, gredis_error)

static const struct {
  const char *prefix;
  GredisError code;
} prefixes[] = {
  { "ERR", GREDIS_ERROR_SERVER },
  { "WRONGTYPE", GREDIS_ERROR_WRONGTYPE },
  { "MOVED", GREDIS_ERROR_MOVED },
  { "ASK", GREDIS_ERROR_ASK },
  { "TRYAGAIN", GREDIS_ERROR_TRYAGAIN },
  { "CLUSTERDOWN", GREDIS_ERROR_CLUSTERDOWN },
  { "CROSSSLOT", GREDIS_ERROR_CROSSSLOT },
  { "NOSCRIPT", GREDIS_ERROR_NOSCRIPT },
  { "READONLY", GREDIS_ERROR_READONLY },
  { "LOADING", GREDIS_ERROR_LOADING },
  { "BUSY", GREDIS_ERROR_BUSY },
  { "MASTERDOWN", GREDIS_ERROR_MASTERDOWN },
  { "OOM", GREDIS_ERROR_OOM },
  { "EXECABORT", GREDIS_ERROR_EXECABORT },
  { "NOAUTH", GREDIS_ERROR_AUTH },
  { "WRONGPASS", GREDIS_ERROR_AUTH },
  { "NOPERM", GREDIS_ERROR_NOPERM },
  { "NOREPLICAS", GREDIS_ERROR_NOREPLICAS },
  { "BUSYGROUP", GREDIS_ERROR_BUSYGROUP },
  { "NOGROUP", GREDIS_ERROR_NOGROUP },
};

/**
 * gredis_error_code_for_prefix:
 * @text: (array length=len) (element-type guint8): the text of an error reply
 * @len: the length of @text
 *
 * Maps the first word of a server's error reply (`WRONGTYPE`, `MOVED`,
 * `NOAUTH` …) to a #GredisError code. Unknown prefixes, including `ERR`,
 * give %GREDIS_ERROR_SERVER, except the `ERR` texts of `AUTH` failures,
 * which give %GREDIS_ERROR_AUTH.
 *
 * Returns: the error code
 */
GredisError
gredis_error_code_for_prefix (const char *text,
                              gsize       len)
{
  gsize word = 0;

  g_return_val_if_fail (text != NULL || len == 0, GREDIS_ERROR_SERVER);

  while (word < len && text[word] != ' ')
    word++;

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    if (strlen (prefixes[i].prefix) == word &&
        memcmp (prefixes[i].prefix, text, word) == 0)
      {
        /* Servers before 6.0 said "ERR invalid password" and
         * "ERR Client sent AUTH, but no password is set". */
        if (prefixes[i].code == GREDIS_ERROR_SERVER &&
            (g_strstr_len (text, len, "invalid password") != NULL ||
             g_strstr_len (text, len, "AUTH <password> called without any password") != NULL ||
             g_strstr_len (text, len, "Client sent AUTH") != NULL))
          return GREDIS_ERROR_AUTH;
        return prefixes[i].code;
      }
  return GREDIS_ERROR_SERVER;
}
