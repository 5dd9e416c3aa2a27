/* gredis-resp3-parser.h: the "resp3" parser plugin (RESP2 and RESP3)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_RESP3_PARSER (gredis_resp3_parser_get_type ())

G_DECLARE_FINAL_TYPE (GredisResp3Parser, gredis_resp3_parser, GREDIS, RESP3_PARSER, GObject)

G_END_DECLS
