/* gredis-config-private.h: what the URI and key file readers share with
 * the configuration object
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

typedef enum {
  GREDIS_OPTION_STRING,
  GREDIS_OPTION_UINT,
  GREDIS_OPTION_UINT64,
  GREDIS_OPTION_BOOLEAN,
  /* A gdouble from double_min to double_max. It may also be unset (NaN
   * in the field): its property then reads as double_default, and
   * gredis_config_apply_to_plugin() leaves the plugin's own default. */
  GREDIS_OPTION_DOUBLE,
} GredisOptionType;

typedef enum {
  /* The value is never shown: not in messages, logs or to_string(). */
  GREDIS_OPTION_SECRET = 1 << 0,
  /* The value names a plugin, checked against the registry. */
  GREDIS_OPTION_PLUGIN = 1 << 1,
  /* The value is a list of cluster seeds, host:port;host:port. */
  GREDIS_OPTION_SEEDS = 1 << 2,
  /* The value is a list of sentinels, host:port;host:port. */
  GREDIS_OPTION_SENTINELS = 1 << 3,
  /* The value is an address map, announced=reachable;… */
  GREDIS_OPTION_ADDRESS_MAP = 1 << 4,
  /* The value is a list separated by commas (of plugin names, with
   * GREDIS_OPTION_PLUGIN). */
  GREDIS_OPTION_LIST = 1 << 5,
  /* The value is an absolute http or https URL. */
  GREDIS_OPTION_URL = 1 << 6,
} GredisOptionFlags;

typedef struct {
  const char         *name;
  GredisOptionType    type;
  glong               offset;
  guint64             min;
  guint64             max;
  guint64             default_number;
  const char         *default_string;
  const char * const *choices;
  GredisOptionFlags   flags;
  GredisPluginKind    plugin_kind;
  /* GREDIS_OPTION_DOUBLE only. */
  double              double_min;
  double              double_max;
  double              double_default;
} GredisOptionInfo;

/* How a value that failed to parse may be quoted in an error message. */
typedef enum {
  /* Always: it came from a key file, the command line or a program. */
  GREDIS_QUOTE_ALWAYS,
  /* Only when it is a short run of letters, digits and ._+-: it came
   * from a URI, where a user name or password that was not
   * percent-encoded can end up in another part. */
  GREDIS_QUOTE_IF_PLAIN,
  /* Never: the URI has an “@” after its host part, so a password that
   * was not percent-encoded may be anywhere in it. */
  GREDIS_QUOTE_NEVER,
} GredisQuoteMode;

const GredisOptionInfo *_gredis_config_find_option  (const char             *name);
gboolean                _gredis_config_apply_option (GredisConfig           *config,
                                                     const GredisOptionInfo *option,
                                                     const char             *shown_key,
                                                     const char             *value,
                                                     GredisQuoteMode         quote,
                                                     GError                **error);
void                    _gredis_config_copy_into    (GredisConfig           *dest,
                                                     GredisConfig           *src);
gboolean                _gredis_config_get_use_tls  (GredisConfig           *config);
void                    _gredis_config_set_use_tls  (GredisConfig           *config,
                                                     gboolean                use_tls);
gboolean                _gredis_text_is_plain       (const char             *text);
gboolean                _gredis_may_quote           (GredisQuoteMode         quote,
                                                     const char             *text);
/* Parses #GredisConfig:seeds (host:port;[v6]:port;…; the port defaults
 * to 6379): a new array of GSocketConnectable, never empty, or NULL with
 * GREDIS_ERROR_CONFIG. */
GPtrArray              *_gredis_config_parse_seeds  (const char             *seeds,
                                                     GError                **error);
/* The same for #GredisConfig:sentinels (the port defaults to 26379). */
GPtrArray              *_gredis_config_parse_sentinels (const char           *sentinels,
                                                       GError              **error);
gboolean                _gredis_config_parse_boolean (const char            *text,
                                                      gboolean              *out);

/* Handshake steps of the core's features (the client-side cache, tests):
 * every connection made from @config afterwards runs them, after its
 * built-in steps (gredis_connection_new_for_config()). The steps are
 * opaque here; @copy takes a reference, @free_func drops one. Thread-safe. */
void                    _gredis_config_add_handshake_step (GredisConfig   *config,
                                                           gpointer        step,
                                                           GBoxedCopyFunc  copy,
                                                           GDestroyNotify  free_func);
/* A copy of the list (references taken), or NULL when there is none. */
GPtrArray              *_gredis_config_dup_handshake_steps (GredisConfig  *config);
/* Adds the handshake steps of @src to @dest, for the configurations a
 * pool derives (a cluster node's, a sentinel's master and replicas'). */
void                    _gredis_config_copy_handshake_steps (GredisConfig  *dest,
                                                             GredisConfig  *src);

G_END_DECLS
