/* gredis-command-table-private.h: the layout of the compiled command table
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The table itself lives in gredis-command-table-data.c, which the build
 * generates with build-aux/gredis-gen-command-table.py from
 * build-aux/redis-commands-7.0.json (a server's COMMAND INFO and DOCS).
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

/* How a key specification finds its first key (Redis 7 "begin_search"). */
typedef enum {
  GREDIS_KEY_SEARCH_UNKNOWN,
  GREDIS_KEY_SEARCH_INDEX,   /* at argv[pos] */
  GREDIS_KEY_SEARCH_KEYWORD, /* after `keyword`, searched from argv[pos],
                              * backwards from the end when pos < 0 */
} GredisKeySearch;

/* How it finds the rest (Redis 7 "find_keys"). */
typedef enum {
  GREDIS_KEY_FIND_UNKNOWN,
  GREDIS_KEY_FIND_RANGE,     /* a = lastkey, b = keystep, c = limit */
  GREDIS_KEY_FIND_KEYNUM,    /* a = keynumidx, b = firstkey, c = keystep */
} GredisKeyFind;

/* Key specification flags, as COMMAND names them. */
typedef enum {
  GREDIS_KEY_SPEC_RO             = 1 << 0,
  GREDIS_KEY_SPEC_RW             = 1 << 1,
  GREDIS_KEY_SPEC_OW             = 1 << 2,
  GREDIS_KEY_SPEC_RM             = 1 << 3,
  GREDIS_KEY_SPEC_ACCESS         = 1 << 4,
  GREDIS_KEY_SPEC_UPDATE         = 1 << 5,
  GREDIS_KEY_SPEC_INSERT         = 1 << 6,
  GREDIS_KEY_SPEC_DELETE         = 1 << 7,
  GREDIS_KEY_SPEC_NOT_KEY        = 1 << 8,
  GREDIS_KEY_SPEC_INCOMPLETE     = 1 << 9,
  GREDIS_KEY_SPEC_VARIABLE_FLAGS = 1 << 10,
} GredisKeySpecFlags;

typedef struct {
  guint8 begin_search;       /* GredisKeySearch */
  guint8 find_keys;          /* GredisKeyFind */
  guint16 flags;             /* GredisKeySpecFlags */
  gint16 pos;                /* index, or keyword start */
  const char *keyword;
  gint16 a, b, c;
} GredisKeySpec;

struct _GredisCommandInfo {
  const char *name;          /* lower case; "parent|sub" for subcommands */
  gint arity;
  GredisCommandFlags flags;
  gint first_key, last_key, key_step;
  guint n_key_specs;
  const GredisKeySpec *key_specs;
  guint n_subcommands;
  const GredisCommandInfo *subcommands;  /* sorted by name */
  const GredisCommandInfo *parent;
  const char * const *acl_categories;    /* NULL when empty */
  const char * const *tips;              /* NULL when empty */
};

/* Sorted by name (bytewise, lower case). */
extern const GredisCommandInfo gredis_command_table[];
extern const guint gredis_command_table_length;
extern const char gredis_command_table_version[];

G_END_DECLS
