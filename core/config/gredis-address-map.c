/* gredis-address-map.c: the addresses a cluster announces, as this client
 * reaches them (GredisConfig:address-map)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-address-map-private.h"

#include <string.h>

typedef struct
{
  char *host;
  guint16 port;               /* 0: the announced port is kept */
} Target;

struct _GredisAddressMap
{
  /* "host|port" or "host" (lower case, IPv6 without brackets) → Target */
  GHashTable *pairs;
};

static void
target_free (gpointer data)
{
  Target *target = data;

  g_free (target->host);
  g_free (target);
}

static char *
make_key (const char *host,
          guint16     port)
{
  g_autofree char *lower = g_ascii_strdown (host, -1);

  if (port == 0)
    return g_steal_pointer (&lower);
  return g_strdup_printf ("%s|%u", lower, port);
}

/* One side of a pair: host and port (0 when none is given). */
static gboolean
parse_side (const char  *text,
            char       **host,
            guint16     *port)
{
  g_autoptr(GSocketConnectable) address = NULL;

  if (*text == '\0' || strchr (text, '/') != NULL || strchr (text, '@') != NULL ||
      strchr (text, '=') != NULL)
    return FALSE;
  address = g_network_address_parse (text, 0, NULL);
  if (address == NULL)
    return FALSE;
  *host = g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (address)));
  *port = g_network_address_get_port (G_NETWORK_ADDRESS (address));
  return **host != '\0';
}

static gboolean
bad_pair (GError     **error,
          const char  *pair)
{
  g_autofree char *escaped = g_strescape (pair, NULL);

  gredis_i18n_init ();
  g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
               /* Translators: %s is one entry of the address map, such as
                * “10.0.0.5:7000=127.0.0.1:17000”. */
               _("The address map entry “%s” is not of the form announced=reachable, such as 10.0.0.5:7000=127.0.0.1:17000 or 10.0.0.5=203.0.113.9, with a port on both sides or on neither."),
               escaped);
  return FALSE;
}

GredisAddressMap *
_gredis_address_map_new (const char  *text,
                         GError     **error)
{
  g_autoptr(GredisAddressMap) map = g_new0 (GredisAddressMap, 1);
  g_auto(GStrv) entries = NULL;

  g_return_val_if_fail (text != NULL, NULL);

  map->pairs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, target_free);
  entries = g_strsplit (text, ";", -1);
  for (guint i = 0; entries[i] != NULL; i++)
    {
      g_autofree char *pair = g_strstrip (g_strdup (entries[i]));
      g_autofree char *from_host = NULL;
      g_autofree char *to_host = NULL;
      g_autofree char *from_text = NULL;
      guint16 from_port = 0, to_port = 0;
      const char *eq;
      Target *target;

      if (*pair == '\0')
        continue;
      eq = strchr (pair, '=');
      if (eq == NULL)
        return bad_pair (error, pair), NULL;
      from_text = g_strstrip (g_strndup (pair, eq - pair));
      if (!parse_side (from_text, &from_host, &from_port) ||
          !parse_side (g_strstrip ((char *) eq + 1), &to_host, &to_port) ||
          (from_port == 0) != (to_port == 0))
        return bad_pair (error, pair), NULL;
      target = g_new (Target, 1);
      target->host = g_steal_pointer (&to_host);
      target->port = to_port;
      g_hash_table_replace (map->pairs, make_key (from_host, from_port), target);
    }
  return g_steal_pointer (&map);
}

void
_gredis_address_map_free (GredisAddressMap *map)
{
  if (map == NULL)
    return;
  g_clear_pointer (&map->pairs, g_hash_table_unref);
  g_free (map);
}

gboolean
_gredis_address_map_lookup (const GredisAddressMap  *map,
                            const char              *host,
                            guint16                  port,
                            const char             **out_host,
                            guint16                 *out_port)
{
  const Target *target = NULL;

  if (map == NULL || g_hash_table_size (map->pairs) == 0)
    return FALSE;
  for (guint pass = 0; pass < 2 && target == NULL; pass++)
    {
      g_autofree char *key = make_key (host, pass == 0 ? port : 0);

      target = g_hash_table_lookup (map->pairs, key);
    }
  if (target == NULL)
    return FALSE;
  *out_host = target->host;
  *out_port = target->port != 0 ? target->port : port;
  return TRUE;
}
