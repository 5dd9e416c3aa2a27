/* gredis-parser.c: the interface of reply parsers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

/**
 * GredisParser:
 *
 * Turns bytes received from a server into #GredisReply trees, without any
 * I/O of its own. Implementations come from plugins (`resp2`, `resp3`,
 * `hiredis`, …); create one with gredis_parser_new_for_name().
 *
 * Feed it bytes with gredis_parser_feed(), then call gredis_parser_pop()
 * until it returns %NULL: either it needs more bytes (no error), or the
 * input was not valid RESP or broke a limit (%GREDIS_ERROR_PROTOCOL, after
 * which the parser stays failed until gredis_parser_reset()).
 */

G_DEFINE_INTERFACE (GredisParser, gredis_parser, G_TYPE_OBJECT)

static void
gredis_parser_default_init (GredisParserInterface *iface)
{
  /**
   * GredisParser:protocol:
   *
   * The protocol version spoken: 2 (RESP2) or 3 (RESP3).
   */
  g_object_interface_install_property (iface,
      g_param_spec_uint ("protocol", NULL, NULL, 2, 3, 2,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * GredisParser:max-bulk-bytes:
   *
   * The longest bulk string accepted, in bytes.
   */
  g_object_interface_install_property (iface,
      g_param_spec_uint64 ("max-bulk-bytes", NULL, NULL, 0, G_MAXUINT32,
                           GREDIS_PARSER_DEFAULT_MAX_BULK_BYTES,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * GredisParser:max-elements:
   *
   * The largest number of elements accepted in one aggregate (a map of n
   * pairs has 2n elements).
   */
  g_object_interface_install_property (iface,
      g_param_spec_uint64 ("max-elements", NULL, NULL, 0, G_MAXUINT32,
                           GREDIS_PARSER_DEFAULT_MAX_ELEMENTS,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * GredisParser:max-depth:
   *
   * The deepest nesting of aggregates accepted.
   */
  g_object_interface_install_property (iface,
      g_param_spec_uint ("max-depth", NULL, NULL, 1, G_MAXUINT16,
                         GREDIS_PARSER_DEFAULT_MAX_DEPTH,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));

  /**
   * GredisParser:max-reply-bytes:
   *
   * The largest total size of one reply on the wire, in bytes.
   */
  g_object_interface_install_property (iface,
      g_param_spec_uint64 ("max-reply-bytes", NULL, NULL, 0, G_MAXUINT64,
                           GREDIS_PARSER_DEFAULT_MAX_REPLY_BYTES,
                           G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY));
}

/**
 * gredis_parser_new_for_name:
 * @name: (nullable): the name of a parser plugin (`resp2`, `resp3`,
 *   `hiredis`, …), or %NULL for the default
 * @error: return location for a #GError
 *
 * Creates a parser from the plugin registry (see gredis_plugins_lookup()).
 *
 * Returns: (transfer full): a new parser, or %NULL with
 *   %GREDIS_ERROR_PLUGIN_NOT_FOUND
 */
GredisParser *
gredis_parser_new_for_name (const char  *name,
                            GError     **error)
{
  return GREDIS_PARSER (gredis_plugins_create (GREDIS_PLUGIN_PARSER, name, error));
}

/**
 * gredis_parser_feed:
 * @parser: a #GredisParser
 * @data: (array length=length): bytes received from the server
 * @length: the number of bytes
 *
 * Gives the parser more bytes. It copies what it keeps.
 */
void
gredis_parser_feed (GredisParser *parser,
                    const guint8 *data,
                    gsize         length)
{
  g_return_if_fail (GREDIS_IS_PARSER (parser));
  g_return_if_fail (data != NULL || length == 0);

  GREDIS_PARSER_GET_IFACE (parser)->feed (parser, data, length);
}

/**
 * gredis_parser_pop:
 * @parser: a #GredisParser
 * @error: return location for a #GError
 *
 * Returns the next complete reply.
 *
 * Returns: (transfer full) (nullable): a reply; or %NULL without error
 *   when more bytes are needed; or %NULL with %GREDIS_ERROR_PROTOCOL
 */
GredisReply *
gredis_parser_pop (GredisParser  *parser,
                   GError       **error)
{
  GredisParserInterface *iface;

  /* GREDIS_IS_PARSER() and GREDIS_PARSER_GET_IFACE() would each look the
   * interface up, which costs as much as parsing a small reply: look it
   * up once, a NULL interface meaning that @parser is not a parser. */
  g_return_val_if_fail (parser != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  iface = GREDIS_PARSER_GET_IFACE (parser);
  g_return_val_if_fail (iface != NULL, NULL);

  return iface->pop (parser, error);
}

/**
 * gredis_parser_pop_many: (skip)
 * @parser: a #GredisParser
 * @replies: (out caller-allocates) (array length=n_replies): where to
 *   store the replies
 * @n_replies: the room in @replies
 * @error: return location for a #GError
 *
 * Pops up to @n_replies complete replies at once, as gredis_parser_pop()
 * would one by one, but at a lower cost per reply: the parser's
 * implementation is looked up once for the whole batch. A connection that
 * feeds a buffer and then takes every reply in it should use this.
 *
 * The replies are stored in order in the first elements of @replies. If
 * the input turns out to be invalid after at least one reply, those
 * replies are returned without error: the parser stays failed, so the
 * next call returns 0 with the %GREDIS_ERROR_PROTOCOL error.
 *
 * Returns: the number of replies stored, each of which the caller owns;
 *   fewer than @n_replies when more bytes are needed (no error), and 0
 *   with @error set when the input is not valid
 */
guint
gredis_parser_pop_many (GredisParser  *parser,
                        GredisReply  **replies,
                        guint          n_replies,
                        GError       **error)
{
  GredisParserInterface *iface;
  GredisReply *(*pop) (GredisParser *, GError **);
  GError *local_error = NULL;
  guint n = 0;

  g_return_val_if_fail (parser != NULL, 0);
  g_return_val_if_fail (replies != NULL || n_replies == 0, 0);
  g_return_val_if_fail (error == NULL || *error == NULL, 0);

  iface = GREDIS_PARSER_GET_IFACE (parser);
  g_return_val_if_fail (iface != NULL, 0);

  pop = iface->pop;
  while (n < n_replies)
    {
      GredisReply *reply = pop (parser, &local_error);

      if (reply == NULL)
        break;
      replies[n++] = reply;
    }

  if (local_error != NULL)
    {
      if (n == 0)
        g_propagate_error (error, local_error);
      else
        g_error_free (local_error);
    }
  return n;
}

/**
 * gredis_parser_reset:
 * @parser: a #GredisParser
 *
 * Forgets every byte fed and any error: the parser is as new, with the
 * same protocol and limits.
 */
void
gredis_parser_reset (GredisParser *parser)
{
  g_return_if_fail (GREDIS_IS_PARSER (parser));

  GREDIS_PARSER_GET_IFACE (parser)->reset (parser);
}

/**
 * gredis_parser_set_protocol:
 * @parser: a #GredisParser
 * @protocol: 2 or 3
 * @error: return location for a #GError
 *
 * Chooses RESP2 or RESP3.
 *
 * Returns: %TRUE, or %FALSE with %GREDIS_ERROR_UNSUPPORTED when the parser
 *   cannot speak @protocol
 */
gboolean
gredis_parser_set_protocol (GredisParser  *parser,
                            guint          protocol,
                            GError       **error)
{
  GredisParserInterface *iface;

  g_return_val_if_fail (GREDIS_IS_PARSER (parser), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (protocol != 2 && protocol != 3)
    {
      gredis_i18n_init ();
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED,
                   _("Protocol version %u does not exist; use 2 or 3."), protocol);
      return FALSE;
    }

  iface = GREDIS_PARSER_GET_IFACE (parser);
  if (iface->set_protocol != NULL)
    return iface->set_protocol (parser, protocol, error);

  g_object_set (parser, "protocol", protocol, NULL);
  return TRUE;
}

/**
 * gredis_parser_get_protocol:
 * @parser: a #GredisParser
 *
 * Gets the RESP version the parser reads.
 *
 * Returns: the protocol version spoken, 2 or 3
 */
guint
gredis_parser_get_protocol (GredisParser *parser)
{
  guint protocol = 2;

  g_return_val_if_fail (GREDIS_IS_PARSER (parser), 2);

  g_object_get (parser, "protocol", &protocol, NULL);
  return protocol;
}
