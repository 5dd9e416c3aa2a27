/* gredis-parser.h: the interface of reply parsers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-reply.h>

G_BEGIN_DECLS

/**
 * GREDIS_PARSER_EXTENSION_POINT_NAME:
 *
 * The name of the GIO extension point that parser plugins implement.
 */
#define GREDIS_PARSER_EXTENSION_POINT_NAME "gredis-parser"

/**
 * GREDIS_PARSER_DEFAULT_MAX_BULK_BYTES:
 *
 * The default limit on the length of one bulk string: 512 MiB.
 */
#define GREDIS_PARSER_DEFAULT_MAX_BULK_BYTES (G_GUINT64_CONSTANT (512) * 1024 * 1024)
/**
 * GREDIS_PARSER_DEFAULT_MAX_ELEMENTS:
 *
 * The default limit on the number of elements of one aggregate: 1 Mi.
 */
#define GREDIS_PARSER_DEFAULT_MAX_ELEMENTS (1024 * 1024)
/**
 * GREDIS_PARSER_DEFAULT_MAX_DEPTH:
 *
 * The default limit on the nesting depth of aggregates: 128.
 */
#define GREDIS_PARSER_DEFAULT_MAX_DEPTH 128
/**
 * GREDIS_PARSER_DEFAULT_MAX_REPLY_BYTES:
 *
 * The default limit on the total size of one reply on the wire: 1 GiB.
 */
#define GREDIS_PARSER_DEFAULT_MAX_REPLY_BYTES (G_GUINT64_CONSTANT (1024) * 1024 * 1024)

#define GREDIS_TYPE_PARSER (gredis_parser_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (GredisParser, gredis_parser, GREDIS, PARSER, GObject)

/**
 * GredisParserInterface:
 * @g_iface: the parent interface.
 * @feed: appends bytes received from the server; the parser copies what it
 *   needs to keep.
 * @pop: returns the next complete reply, %NULL with no error when more
 *   bytes are needed, or %NULL with a %GREDIS_ERROR_PROTOCOL error. After an
 *   error the parser stays in the error state until @reset.
 * @reset: forgets every byte fed and any error.
 * @set_protocol: switches between RESP2 (2) and RESP3 (3); fails with
 *   %GREDIS_ERROR_UNSUPPORTED when the parser cannot speak the protocol.
 *
 * A sans-I/O parser of RESP replies: it never touches a socket or a main
 * loop. Implementations must also implement the properties
 * #GredisParser:protocol, #GredisParser:max-bulk-bytes,
 * #GredisParser:max-elements, #GredisParser:max-depth and
 * #GredisParser:max-reply-bytes (override them with
 * g_object_class_override_property()).
 */
struct _GredisParserInterface
{
  GTypeInterface g_iface;

  void         (*feed)         (GredisParser  *parser,
                                const guint8  *data,
                                gsize          length);
  GredisReply *(*pop)          (GredisParser  *parser,
                                GError       **error);
  void         (*reset)        (GredisParser  *parser);
  gboolean     (*set_protocol) (GredisParser  *parser,
                                guint          protocol,
                                GError       **error);

  /*< private >*/
  gpointer padding[12];
};

GREDIS_AVAILABLE_IN_ALL
GredisParser *gredis_parser_new_for_name (const char    *name,
                                          GError       **error);

GREDIS_AVAILABLE_IN_ALL
void          gredis_parser_feed         (GredisParser  *parser,
                                          const guint8  *data,
                                          gsize          length);
GREDIS_AVAILABLE_IN_ALL
GredisReply  *gredis_parser_pop          (GredisParser  *parser,
                                          GError       **error);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_parser_pop_many     (GredisParser  *parser,
                                          GredisReply  **replies,
                                          guint          n_replies,
                                          GError       **error);
GREDIS_AVAILABLE_IN_ALL
void          gredis_parser_reset        (GredisParser  *parser);
GREDIS_AVAILABLE_IN_ALL
gboolean      gredis_parser_set_protocol (GredisParser  *parser,
                                          guint          protocol,
                                          GError       **error);
GREDIS_AVAILABLE_IN_ALL
guint         gredis_parser_get_protocol (GredisParser  *parser);

G_END_DECLS
