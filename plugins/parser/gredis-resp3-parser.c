/* gredis-resp3-parser.c: the "resp3" parser plugin
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <glib/gi18n-lib.h>

#include "gredis-resp3-parser.h"
#include "gredis-resp-engine.h"

/* GredisResp3Parser:
 *
 * The default parser: every RESP3 type (simple and bulk strings and
 * errors, integers, doubles, nulls, booleans, big numbers, verbatim
 * strings, arrays, sets, maps, pushes, attributes, and streamed strings
 * and aggregates) and, with #GredisParser:protocol 2, strict RESP2. */

struct _GredisResp3Parser
{
  GObject          parent_instance;
  GredisRespEngine engine;
};

static void gredis_resp3_parser_iface_init (GredisParserInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisResp3Parser, gredis_resp3_parser, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_PARSER,
                                                      gredis_resp3_parser_iface_init))

static void
gredis_resp3_parser_feed (GredisParser *parser,
                          const guint8 *data,
                          gsize         length)
{
  gredis_resp_engine_feed (&((GredisResp3Parser *) parser)->engine, data, length);
}

static GredisReply *
gredis_resp3_parser_pop (GredisParser  *parser,
                         GError       **error)
{
  return gredis_resp_engine_pop (&((GredisResp3Parser *) parser)->engine, error);
}

static void
gredis_resp3_parser_reset (GredisParser *parser)
{
  gredis_resp_engine_reset (&((GredisResp3Parser *) parser)->engine);
}

static gboolean
gredis_resp3_parser_set_protocol (GredisParser  *parser,
                                  guint          protocol,
                                  GError       **error)
{
  GredisResp3Parser *self = GREDIS_RESP3_PARSER (parser);
  guint old = self->engine.protocol;

  if (!gredis_resp_engine_set_protocol (&self->engine, protocol, "resp3", error))
    return FALSE;
  if (old != protocol)
    g_object_notify (G_OBJECT (self), "protocol");
  return TRUE;
}

static void
gredis_resp3_parser_iface_init (GredisParserInterface *iface)
{
  iface->feed = gredis_resp3_parser_feed;
  iface->pop = gredis_resp3_parser_pop;
  iface->reset = gredis_resp3_parser_reset;
  iface->set_protocol = gredis_resp3_parser_set_protocol;
}

static void
gredis_resp3_parser_finalize (GObject *object)
{
  gredis_resp_engine_clear (&GREDIS_RESP3_PARSER (object)->engine);

  G_OBJECT_CLASS (gredis_resp3_parser_parent_class)->finalize (object);
}

static void
gredis_resp3_parser_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  gredis_resp_engine_get_property (&GREDIS_RESP3_PARSER (object)->engine, prop_id, value);
}

static void
gredis_resp3_parser_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  if (gredis_resp_engine_set_property (&GREDIS_RESP3_PARSER (object)->engine,
                                       prop_id, value, "resp3"))
    g_object_notify_by_pspec (object, pspec);
}

static void
gredis_resp3_parser_class_init (GredisResp3ParserClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gredis_resp3_parser_finalize;
  object_class->get_property = gredis_resp3_parser_get_property;
  object_class->set_property = gredis_resp3_parser_set_property;

  gredis_resp_engine_override_properties (object_class);
}

static void
gredis_resp3_parser_init (GredisResp3Parser *self)
{
  gredis_resp_engine_init (&self->engine, 3);
}
