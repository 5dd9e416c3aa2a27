/* gredis-resp2-parser.h: the "resp2" parser plugin (RESP2 only)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_RESP2_PARSER (gredis_resp2_parser_get_type ())

G_DECLARE_FINAL_TYPE (GredisResp2Parser, gredis_resp2_parser, GREDIS, RESP2_PARSER, GObject)

G_END_DECLS
