/* gredis-config-uri.c: redis://, rediss:// and unix:// URIs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-config-private.h"

#include <string.h>

/* Error messages here never quote the URI as a whole, nor any part that
 * could hold a password: a password that was not percent-encoded can
 * spill into the host, port, path or query, so those parts are quoted
 * only when they look like what they should be. */

#define DEFAULT_PORT 6379
#define SENTINEL_DEFAULT_PORT 26379

typedef enum {
  SCHEME_REDIS,
  SCHEME_REDISS,
  SCHEME_UNIX,
  SCHEME_REDIS_CLUSTER,
  SCHEME_REDISS_CLUSTER,
  SCHEME_REDIS_SENTINEL,
  SCHEME_REDISS_SENTINEL,
} Scheme;

typedef enum {
  ALIAS_PLAIN,     /* the value is the option's own */
  ALIAS_SECONDS,   /* float seconds → milliseconds */
  ALIAS_CERT_REQS, /* ssl.CERT_* names → tls-verify */
} AliasKind;

/* redis-py's names for URI query options (redis.connection.parse_url). */
static const struct {
  const char *alias;
  const char *option;
  AliasKind   kind;
} aliases[] = {
  { "socket_timeout", "command-timeout-ms", ALIAS_SECONDS },
  { "socket_connect_timeout", "connect-timeout-ms", ALIAS_SECONDS },
  { "socket_keepalive", "keepalive", ALIAS_PLAIN },
  { "health_check_interval", "health-check-interval-s", ALIAS_PLAIN },
  { "max_connections", "max-connections", ALIAS_PLAIN },
  { "client_name", "client-name", ALIAS_PLAIN },
  { "ssl_cert_reqs", "tls-verify", ALIAS_CERT_REQS },
  { "ssl_ca_certs", "tls-ca-file", ALIAS_PLAIN },
  { "ssl_ca_path", "tls-ca-dir", ALIAS_PLAIN },
  { "ssl_certfile", "tls-cert-file", ALIAS_PLAIN },
  { "ssl_keyfile", "tls-key-file", ALIAS_PLAIN },
  { "ssl_password", "tls-key-password", ALIAS_PLAIN },
  { "ssl_ciphers", "tls-ciphers", ALIAS_PLAIN },
};

static gboolean
config_error (GError     **error,
              const char  *message)
{
  g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG, message);
  return FALSE;
}

static gboolean
is_scheme_char (char c,
                gboolean first)
{
  return g_ascii_isalpha (c) || (!first && (g_ascii_isdigit (c) || c == '+' || c == '-' || c == '.'));
}

static gboolean
parse_scheme (const char  *uri,
              Scheme      *scheme,
              const char **rest,
              GError     **error)
{
  const char *p = uri;
  g_autofree char *name = NULL;

  while (*p != '\0' && *p != ':' && is_scheme_char (*p, p == uri))
    p++;
  if (p == uri || *p != ':')
    return config_error (error, _("The text is not a URI of the form redis://host, rediss://host or unix:///path."));

  name = g_ascii_strdown (uri, p - uri);
  if (g_str_equal (name, "redis"))
    *scheme = SCHEME_REDIS;
  else if (g_str_equal (name, "rediss"))
    *scheme = SCHEME_REDISS;
  else if (g_str_equal (name, "unix"))
    *scheme = SCHEME_UNIX;
  else if (g_str_equal (name, "redis+cluster"))
    *scheme = SCHEME_REDIS_CLUSTER;
  else if (g_str_equal (name, "rediss+cluster"))
    *scheme = SCHEME_REDISS_CLUSTER;
  else if (g_str_equal (name, "redis+sentinel"))
    *scheme = SCHEME_REDIS_SENTINEL;
  else if (g_str_equal (name, "rediss+sentinel"))
    *scheme = SCHEME_REDISS_SENTINEL;
  else
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: %s is a URI scheme such as “http”. */
                   _("The URI scheme “%s” is not supported: use redis://, rediss://, unix://, redis+cluster://, rediss+cluster://, redis+sentinel:// or rediss+sentinel://."),
                   name);
      return FALSE;
    }
  *rest = p + 1;
  return TRUE;
}

/* Percent-decodes one part; NULL for a bad escape or an encoded NUL. */
static char *
unescape (const char *start,
          const char *end)
{
  return g_uri_unescape_segment (start, end, NULL);
}

static gboolean
parse_userinfo (const char  *start,
                const char  *end,
                char       **username,
                char       **password,
                GError     **error)
{
  const char *colon = memchr (start, ':', end - start);
  const char *user_end = colon != NULL ? colon : end;

  if (user_end > start)
    {
      *username = unescape (start, user_end);
      if (*username == NULL)
        return config_error (error, _("The user name in the URI is not correctly percent-encoded."));
    }
  if (colon != NULL && colon + 1 < end)
    {
      *password = unescape (colon + 1, end);
      if (*password == NULL)
        return config_error (error, _("The password in the URI is not correctly percent-encoded."));
    }
  return TRUE;
}

static gboolean
host_is_valid (const char *host)
{
  for (const char *p = host; *p != '\0'; p++)
    if ((guchar) *p <= ' ' || *p == 0x7f || strchr ("/?#@[]\\:", *p) != NULL)
      return FALSE;
  return TRUE;
}

static gboolean
parse_port (const char       *start,
            const char       *end,
            GredisQuoteMode   quote,
            guint            *port,
            GError          **error)
{
  g_autofree char *text = g_strndup (start, end - start);
  guint64 n = 0;
  gboolean digits = *text != '\0';

  if (*text == '\0')
    {
      *port = DEFAULT_PORT;
      return TRUE;
    }
  for (const char *p = text; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      digits = FALSE;
  if (digits && strlen (text) <= 10 &&
      g_ascii_string_to_unsigned (text, 10, 1, 65535, &n, NULL))
    {
      *port = (guint) n;
      return TRUE;
    }
  if (digits && strlen (text) <= 10 && quote != GREDIS_QUOTE_NEVER)
    g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                 /* Translators: %s is what the URI gives as port. */
                 _("The port “%s” in the URI is not a number from 1 to 65535."), text);
  else
    config_error (error, _("The port in the URI is not a number from 1 to 65535 (a user name or password that contains “/”, “?” or “#” must be percent-encoded)."));
  return FALSE;
}

/* host[:port] or [v6]:port, after any userinfo. */
static gboolean
parse_hostport (const char       *start,
                const char       *end,
                GredisQuoteMode   quote,
                char            **host,
                guint            *port,
                GError          **error)
{
  const char *host_end;
  const char *port_start = NULL;

  if (start < end && *start == '[')
    {
      const char *close = memchr (start, ']', end - start);

      if (close == NULL)
        return config_error (error, _("The IPv6 address in the URI has no closing “]”."));
      *host = unescape (start + 1, close);
      if (*host == NULL || !strchr (*host, ':') || !g_hostname_is_ip_address (*host))
        {
          if (*host != NULL && _gredis_may_quote (quote, *host) && _gredis_text_is_plain (*host))
            g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                         /* Translators: %s is the text between [ and ]. */
                         _("“%s” in the URI is not an IPv6 address."), *host);
          else
            config_error (error, _("The text between “[” and “]” in the URI is not an IPv6 address."));
          return FALSE;
        }
      if (close + 1 < end && close[1] != ':')
        return config_error (error, _("An IPv6 address in a URI may only be followed by “:” and a port."));
      if (close + 1 < end)
        port_start = close + 2;
    }
  else
    {
      const char *colon = memchr (start, ':', end - start);

      host_end = colon != NULL ? colon : end;
      if (colon != NULL)
        port_start = colon + 1;
      *host = unescape (start, host_end);
      if (*host == NULL)
        return config_error (error, _("The host name in the URI is not correctly percent-encoded."));
      if (!host_is_valid (*host) && quote == GREDIS_QUOTE_NEVER)
        return config_error (error, _("The host name in the URI is not valid (a user name or password that contains “/”, “?” or “#” must be percent-encoded)."));
      if (!host_is_valid (*host))
        {
          g_autofree char *escaped = g_strescape (*host, NULL);

          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       /* Translators: %s is a host name. */
                       _("“%s” in the URI is not a valid host name."), escaped);
          return FALSE;
        }
    }

  if (port_start != NULL)
    return parse_port (port_start, end, quote, port, error);
  *port = DEFAULT_PORT;
  return TRUE;
}

/* The host list of a redis+cluster:// URI: host:port[,host:port…], each
 * as parse_hostport() reads it. Gives the first host and port, and the
 * list as #GredisConfig:seeds spells it. */
/* Whether host[:port] between @start and @end gives a port. */
static gboolean
has_port (const char *start,
          const char *end)
{
  const char *colon = NULL;

  for (const char *p = start; p < end; p++)
    if (*p == ':')
      colon = p;
  if (colon == NULL)
    return FALSE;
  return *start != '[' || colon[-1] == ']';
}

static gboolean
parse_seed_list (const char       *start,
                 const char       *end,
                 guint             default_port,
                 GredisQuoteMode   quote,
                 char            **host,
                 guint            *port,
                 char            **seeds,
                 GError          **error)
{
  g_autoptr(GString) list = g_string_new (NULL);

  while (TRUE)
    {
      const char *comma = memchr (start, ',', end - start);
      const char *part_end = comma != NULL ? comma : end;
      g_autofree char *part_host = NULL;
      guint part_port = DEFAULT_PORT;

      if (part_end == start)
        return config_error (error, _("The list of nodes in the URI has an empty entry: write it as host:port,host:port."));
      if (!parse_hostport (start, part_end, quote, &part_host, &part_port, error))
        return FALSE;
      if (!has_port (start, part_end))
        part_port = default_port;
      if (*host == NULL)
        {
          *host = g_strdup (part_host);
          *port = part_port;
        }
      if (list->len > 0)
        g_string_append_c (list, ';');
      if (strchr (part_host, ':') != NULL)
        g_string_append_printf (list, "[%s]:%u", part_host, part_port);
      else
        g_string_append_printf (list, "%s:%u", part_host, part_port);
      if (comma == NULL)
        break;
      start = comma + 1;
    }
  *seeds = g_string_free (g_steal_pointer (&list), FALSE);
  return TRUE;
}

static gboolean
parse_db (const char       *path,
          GredisQuoteMode   quote,
          guint            *db,
          GError          **error)
{
  guint64 n = 0;

  if (*path == '\0' || g_str_equal (path, "/"))
    {
      *db = 0;
      return TRUE;
    }
  if (g_ascii_string_to_unsigned (path + 1, 10, 0, G_MAXINT, &n, NULL))
    {
      *db = (guint) n;
      return TRUE;
    }
  if (_gredis_may_quote (quote, path + 1))
    g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                 /* Translators: %s is the path of a URI without its “/”;
                  * %d is the largest database number. */
                 _("The database “%s” in the URI is not a number from 0 to %d."),
                 path + 1, G_MAXINT);
  else
    g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                 /* Translators: %d is the largest database number. */
                 _("The path of the URI must be a database number from 0 to %d, such as /0."),
                 G_MAXINT);
  return FALSE;
}

static gboolean
parse_seconds (const char *text,
               guint64    *ms)
{
  char *end = NULL;
  double seconds;

  if (g_ascii_strcasecmp (text, "none") == 0)
    {
      *ms = 0;
      return TRUE;
    }
  if (*text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  seconds = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !(seconds >= 0) || seconds * 1000 > G_MAXUINT)
    return FALSE;
  *ms = (guint64) (seconds * 1000 + 0.5);
  return TRUE;
}

/* Applies one decoded query option, in one of its spellings. */
static gboolean
apply_query_option (GredisConfig     *config,
                    const char       *key,
                    const char       *value,
                    GredisQuoteMode   quote,
                    int              *check_hostname,
                    GError          **error)
{
  const GredisOptionInfo *option = NULL;
  AliasKind kind = ALIAS_PLAIN;

  if (g_str_equal (key, "ssl_check_hostname"))
    {
      gboolean b = FALSE;

      /* Applied after the other options: it refines ssl_cert_reqs. */
      if (!_gredis_config_parse_boolean (value, &b))
        {
          if (_gredis_may_quote (quote, value))
            g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                         _("The value “%s” of the option “%s” is not a boolean: use true or false."),
                         value, key);
          else
            g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                         _("The value of the option “%s” is not a boolean: use true or false."),
                         key);
          return FALSE;
        }
      *check_hostname = b ? 1 : 0;
      return TRUE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    if (g_str_equal (key, aliases[i].alias))
      {
        option = _gredis_config_find_option (aliases[i].option);
        kind = aliases[i].kind;
        break;
      }
  if (option == NULL)
    option = _gredis_config_find_option (key);
  if (option == NULL || g_str_equal (option->name, "uri"))
    {
      if (_gredis_may_quote (quote, key))
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                     /* Translators: %s is the name of a URI query option. */
                     _("The URI has an unknown option “%s”."), key);
      else
        config_error (error, _("The URI has an unknown option."));
      return FALSE;
    }

  switch (kind)
    {
    case ALIAS_SECONDS:
      {
        guint64 ms = 0;
        g_autofree char *text = NULL;

        if (!parse_seconds (value, &ms))
          {
            if (_gredis_may_quote (quote, value))
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           /* Translators: the first %s is a value, the
                            * second an option name. */
                           _("The value “%s” of the option “%s” is not a number of seconds."),
                           value, key);
            else
              g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                           /* Translators: %s is an option name. */
                           _("The value of the option “%s” is not a number of seconds."), key);
            return FALSE;
          }
        text = g_strdup_printf ("%" G_GUINT64_FORMAT, ms);
        return _gredis_config_apply_option (config, option, key, text, quote, error);
      }

    case ALIAS_CERT_REQS:
      if (g_ascii_strncasecmp (value, "cert_", 5) == 0)
        value += 5;
      return _gredis_config_apply_option (config, option, key, value, quote, error);

    case ALIAS_PLAIN:
    default:
      return _gredis_config_apply_option (config, option, key, value, quote, error);
    }
}

/* Decodes one side of “key=value” in a query: “+” is a space, as in
 * HTML forms and Python's urllib. */
static char *
unescape_query_part (const char *start,
                     const char *end)
{
  g_autofree char *copy = g_strndup (start, end - start);

  g_strdelimit (copy, "+", ' ');
  return g_uri_unescape_string (copy, NULL);
}

static gboolean
apply_query (GredisConfig     *config,
             const char       *query,
             GredisQuoteMode   quote,
             GError          **error)
{
  g_auto(GStrv) pairs = g_strsplit (query, "&", -1);
  int check_hostname = -1;

  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *pair = pairs[i];
      const char *eq = strchr (pair, '=');
      g_autofree char *key = NULL;
      g_autofree char *value = NULL;
      gboolean ok;

      if (*pair == '\0')
        continue;
      key = unescape_query_part (pair, eq != NULL ? eq : pair + strlen (pair));
      if (key == NULL)
        return config_error (error, _("The query of the URI is not correctly percent-encoded."));
      if (eq == NULL)
        {
          if (_gredis_may_quote (quote, key))
            g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                         /* Translators: %s is the name of a URI query option. */
                         _("The URI option “%s” has no value: write it as %s=value."), key, key);
          else
            config_error (error, _("The query of the URI has an option without a value."));
          return FALSE;
        }
      value = unescape_query_part (eq + 1, eq + strlen (eq));
      if (value == NULL)
        return config_error (error, _("The query of the URI is not correctly percent-encoded."));

      ok = apply_query_option (config, key, value, quote, &check_hostname, error);
      /* The value may be a password. */
      memset (value, 0, strlen (value));
      if (!ok)
        return FALSE;
    }

  /* redis-py's ssl_check_hostname: host name checks need a verified
   * chain; without them the chain alone is checked. */
  if (check_hostname == 1)
    {
      if (g_str_equal (gredis_config_get_tls_verify (config), "none"))
        return config_error (error, _("The URI asks for ssl_check_hostname=true together with ssl_cert_reqs=none: a host name can only be checked on a verified certificate."));
      gredis_config_set_tls_verify (config, "required");
    }
  else if (check_hostname == 0 && g_str_equal (gredis_config_get_tls_verify (config), "required"))
    gredis_config_set_tls_verify (config, "optional");

  return TRUE;
}

/**
 * gredis_config_set_uri:
 * @config: a #GredisConfig
 * @uri: the URI
 * @error: return location for a #GError
 *
 * Applies a URI to @config. The forms are those of redis-py:
 *
 * - `redis://[[username][:password]@]host[:port][/db][?option=value&…]`
 * - `rediss://…`, the same for TLS: the effective transport becomes `tls`
 *   (see gredis_config_get_effective_transport())
 * - `unix://[[username][:password]@]/path/to/socket[?db=N&…]`
 * - `redis+cluster://[[username][:password]@]host[:port][,host[:port]…][?option=value&…]`
 *   and `rediss+cluster://…` for TLS: a Redis Cluster; the hosts are its
 *   seeds (#GredisConfig:seeds, the first also #GredisConfig:host and
 *   #GredisConfig:port) and #GredisConfig:pool becomes `cluster`
 * - `redis+sentinel://[[username][:password]@]host[:port][,host[:port]…]/master-name[/db][?option=value&…]`
 *   and `rediss+sentinel://…` for TLS: a master watched by Redis
 *   Sentinel; the hosts are the sentinels (#GredisConfig:sentinels, the
 *   port 26379 when none is given), the path names the master
 *   (#GredisConfig:master-name) and #GredisConfig:pool becomes
 *   `sentinel`. The user name and password are the master's; the
 *   sentinels' are the options `sentinel-username` and
 *   `sentinel-password`
 *
 * The host may be an IPv6 address in brackets (`redis://[::1]:6380`).
 * The user name, password, host and path are percent-decoded, so a
 * password with `@`, `:`, `/` or `%` is written `%40`, `%3A`, `%2F`, `%25`.
 *
 * The URI sets #GredisConfig:host, #GredisConfig:port, #GredisConfig:path
 * and #GredisConfig:db, to their defaults where it gives none, and sets
 * #GredisConfig:username and #GredisConfig:password only where it gives
 * them. Query options then set further options, by their names (such as
 * `connect-timeout-ms=500`) or by redis-py's: `socket_timeout` and
 * `socket_connect_timeout` (in seconds, fractions allowed),
 * `socket_keepalive`, `health_check_interval`, `max_connections`,
 * `client_name`, `protocol`, `db`, `username`, `password`,
 * `ssl_cert_reqs` (`none`, `optional` or `required`), `ssl_ca_certs`,
 * `ssl_ca_path`, `ssl_certfile`, `ssl_keyfile`, `ssl_password`,
 * `ssl_ciphers` and `ssl_check_hostname` (which, when false, lowers
 * `required` verification to the certificate chain alone). In a query,
 * `+` stands for a space.
 *
 * Returns: %TRUE if the URI was applied; %FALSE with %GREDIS_ERROR_CONFIG
 *   otherwise, in which case @config is unchanged. The error message never
 *   contains the password.
 */
gboolean
gredis_config_set_uri (GredisConfig  *config,
                       const char    *uri,
                       GError       **error)
{
  g_autoptr(GredisConfig) result = NULL;
  g_autofree char *username = NULL;
  g_autofree char *password = NULL;
  g_autofree char *host = NULL;
  g_autofree char *path = NULL;
  g_autofree char *seeds = NULL;
  g_autofree char *sentinels = NULL;
  g_autofree char *master_name = NULL;
  gboolean cluster;
  gboolean sentinel;
  const char *rest;
  const char *authority = NULL;
  const char *authority_end = NULL;
  const char *path_start;
  const char *query;
  g_autofree char *path_part = NULL;
  GredisQuoteMode quote = GREDIS_QUOTE_IF_PLAIN;
  Scheme scheme;
  guint port = DEFAULT_PORT;
  guint db = 0;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  g_return_val_if_fail (uri != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (!parse_scheme (uri, &scheme, &rest, error))
    return FALSE;
  cluster = scheme == SCHEME_REDIS_CLUSTER || scheme == SCHEME_REDISS_CLUSTER;
  sentinel = scheme == SCHEME_REDIS_SENTINEL || scheme == SCHEME_REDISS_SENTINEL;

  if (strchr (rest, '#') != NULL)
    return config_error (error, _("The URI has a fragment (a part after “#”), which has no meaning here; a “#” in a password must be written %23."));

  if (g_str_has_prefix (rest, "//"))
    {
      authority = rest + 2;
      authority_end = authority + strcspn (authority, "/?");
      path_start = authority_end;
    }
  else if (scheme == SCHEME_UNIX)
    path_start = rest;
  else
    return config_error (error, _("A redis://, rediss:// or redis+cluster:// URI needs “//” and a host after its scheme."));

  query = strchr (path_start, '?');
  path_part = g_strndup (path_start, query != NULL ? (gsize) (query - path_start) : strlen (path_start));
  if (query != NULL)
    query++;

  if (authority != NULL)
    {
      const char *at = g_strrstr_len (authority, authority_end - authority, "@");
      const char *hostport = at != NULL ? at + 1 : authority;

      /* No user information, but an “@” further on: most likely a user
       * name or password with a “/” or “?” that was not encoded. */
      if (at == NULL && strchr (authority_end, '@') != NULL)
        quote = GREDIS_QUOTE_NEVER;

      if (at != NULL && !parse_userinfo (authority, at, &username, &password, error))
        return FALSE;

      if (scheme == SCHEME_UNIX)
        {
          g_autofree char *unix_host = g_strndup (hostport, authority_end - hostport);

          if (*unix_host != '\0' && g_ascii_strcasecmp (unix_host, "localhost") != 0)
            return config_error (error, _("A unix:// URI names a socket on this machine: write it as unix:///path/to/socket, with no host."));
        }
      else if (cluster)
        {
          if (!parse_seed_list (hostport, authority_end, DEFAULT_PORT, quote, &host, &port, &seeds,
                                error))
            return FALSE;
        }
      else if (sentinel)
        {
          g_autofree char *first_host = NULL;
          guint first_port;

          if (!parse_seed_list (hostport, authority_end, SENTINEL_DEFAULT_PORT, quote, &first_host,
                                &first_port, &sentinels, error))
            return FALSE;
        }
      else if (!parse_hostport (hostport, authority_end, quote, &host, &port, error))
        return FALSE;
    }

  if (scheme == SCHEME_UNIX)
    {
      path = g_uri_unescape_string (path_part, NULL);
      if (path == NULL)
        return config_error (error, _("The socket path in the URI is not correctly percent-encoded."));
      if (path[0] != '/')
        return config_error (error, _("A unix:// URI needs the absolute path of a socket, as in unix:///run/redis/redis.sock."));
    }
  else if (sentinel)
    {
      /* /MASTER_NAME[/db] */
      const char *name_start = path_part[0] == '/' ? path_part + 1 : path_part;
      const char *name_end = strchr (name_start, '/');

      if (name_end == NULL)
        name_end = name_start + strlen (name_start);
      master_name = unescape (name_start, name_end);
      if (master_name == NULL || *master_name == '\0')
        return config_error (error, _("A redis+sentinel:// URI needs the name of the master after the sentinels, as in redis+sentinel://host:26379/mymaster."));
      if (!parse_db (name_end, quote, &db, error))
        return FALSE;
    }
  else if (!parse_db (path_part, quote, &db, error))
    return FALSE;
  else if (cluster && db != 0)
    return config_error (error, _("Redis Cluster has only the database 0: a redis+cluster:// URI cannot select another one."));

  /* Build the result aside, so that a bad query leaves @config as it
   * was. */
  result = gredis_config_dup (config);
  g_object_freeze_notify (G_OBJECT (result));
  _gredis_config_set_use_tls (result, scheme == SCHEME_REDISS || scheme == SCHEME_REDISS_CLUSTER ||
                                      scheme == SCHEME_REDISS_SENTINEL);
  gredis_config_set_seeds (result, seeds);
  if (cluster)
    gredis_config_set_pool (result, "cluster");
  /* Another URI leaves no sentinels behind, as it leaves no seeds. */
  gredis_config_set_sentinels (result, sentinels);
  gredis_config_set_master_name (result, master_name);
  if (sentinel)
    gredis_config_set_pool (result, "sentinel");
  gredis_config_set_path (result, path);
  gredis_config_set_host (result, host != NULL && *host != '\0' ? host : NULL);
  gredis_config_set_port (result, port);
  gredis_config_set_db (result, db);
  if (username != NULL)
    gredis_config_set_username (result, username);
  if (password != NULL)
    gredis_config_set_password (result, password);

  if (password != NULL)
    {
      /* Clear the decoded copy before it is freed. */
      memset (password, 0, strlen (password));
    }

  if (query != NULL && !apply_query (result, query, quote, error))
    {
      g_object_thaw_notify (G_OBJECT (result));
      return FALSE;
    }
  g_object_thaw_notify (G_OBJECT (result));

  _gredis_config_copy_into (config, result);
  return TRUE;
}

/**
 * gredis_config_get_uri:
 * @config: a #GredisConfig
 *
 * Composes a URI for the endpoint of @config: `unix://` with
 * #GredisConfig:path when it is set, otherwise `redis://` (or `rediss://`
 * after a `rediss://` URI) with #GredisConfig:host and #GredisConfig:port,
 * plus #GredisConfig:db and #GredisConfig:username. The password and the
 * other options are left out.
 *
 * Returns: (transfer full): the URI
 */
char *
gredis_config_get_uri (GredisConfig *config)
{
  const char *path = gredis_config_get_path (config);
  const char *username = gredis_config_get_username (config);
  guint db = gredis_config_get_db (config);
  g_autofree char *db_path = NULL;
  g_autofree char *db_query = NULL;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);

  if (path != NULL)
    {
      if (db != 0)
        db_query = g_strdup_printf ("db=%u", db);
      return g_uri_join_with_user (G_URI_FLAGS_NONE, "unix", username, NULL, NULL,
                                   "", -1, path, db_query, NULL);
    }

  db_path = g_strdup_printf ("/%u", db);
  return g_uri_join_with_user (G_URI_FLAGS_NONE,
                               _gredis_config_get_use_tls (config) ? "rediss" : "redis",
                               username, NULL, NULL,
                               gredis_config_get_host (config),
                               (gint) gredis_config_get_port (config),
                               db_path, NULL, NULL);
}
