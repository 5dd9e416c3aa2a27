/* gredis-hiredis-parser.h: the "hiredis" parser plugin (libhiredis'
 * redisReader, RESP2 only)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_HIREDIS_PARSER (gredis_hiredis_parser_get_type ())

G_DECLARE_FINAL_TYPE (GredisHiredisParser, gredis_hiredis_parser, GREDIS, HIREDIS_PARSER, GObject)

G_END_DECLS
