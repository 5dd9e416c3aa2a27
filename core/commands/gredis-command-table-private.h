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

/* Where a cluster client sends a command, from the "request_policy" tip
 * of Redis 7 (its "command tips" page has the whole rule). */
typedef enum {
  GREDIS_REQUEST_POLICY_DEFAULT,     /* no tip: a keyed command goes to the
                                      * node of its keys' slot, a keyless one
                                      * to any one node */
  GREDIS_REQUEST_POLICY_ALL_NODES,   /* every node, primaries and replicas
                                      * (CONFIG SET, SCRIPT LOAD) */
  GREDIS_REQUEST_POLICY_ALL_SHARDS,  /* every primary, once (DBSIZE, KEYS,
                                      * FLUSHALL) */
  GREDIS_REQUEST_POLICY_MULTI_SHARD, /* split by the slots of its keys, each
                                      * part to its node (MSET, DEL) */
  GREDIS_REQUEST_POLICY_SPECIAL,     /* needs code of its own (SCAN) */
} GredisRequestPolicy;

/* How the replies of the nodes a command went to make its one reply, from
 * the "response_policy" tip. */
typedef enum {
  GREDIS_RESPONSE_POLICY_DEFAULT,         /* no tip: a keyless command's
                                           * arrays are joined in any order,
                                           * a split command's replies are
                                           * put back in the order of its
                                           * keys */
  GREDIS_RESPONSE_POLICY_ONE_SUCCEEDED,   /* the first reply that is not an
                                           * error; an error if all are */
  GREDIS_RESPONSE_POLICY_ALL_SUCCEEDED,   /* the first error if any, else
                                           * one of the replies */
  GREDIS_RESPONSE_POLICY_AGG_LOGICAL_AND, /* element-wise AND of 0/1 replies */
  GREDIS_RESPONSE_POLICY_AGG_LOGICAL_OR,  /* element-wise OR */
  GREDIS_RESPONSE_POLICY_AGG_MIN,         /* the smallest integer */
  GREDIS_RESPONSE_POLICY_AGG_MAX,         /* the largest integer */
  GREDIS_RESPONSE_POLICY_AGG_SUM,         /* the sum of the integers */
  GREDIS_RESPONSE_POLICY_SPECIAL,         /* needs code of its own (INFO) */
} GredisResponsePolicy;

/* The other tips. */
typedef enum {
  GREDIS_COMMAND_TIP_NONDETERMINISTIC_OUTPUT       = 1 << 0,
  GREDIS_COMMAND_TIP_NONDETERMINISTIC_OUTPUT_ORDER = 1 << 1,
} GredisCommandTipFlags;

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
  /* Parsed from the tips. */
  guint8 request_policy;                 /* GredisRequestPolicy */
  guint8 response_policy;                /* GredisResponsePolicy */
  guint8 tip_flags;                      /* GredisCommandTipFlags */
};

/* Sorted by name (bytewise, lower case). */
extern const GredisCommandInfo gredis_command_table[];
extern const guint gredis_command_table_length;
extern const char gredis_command_table_version[];

/* What a cluster client routes by.  Subcommands have their own: look the
 * command line up with gredis_command_table_lookup_argv(). */

/* The key specifications of @info in the server's order, those with
 * GREDIS_KEY_SPEC_NOT_KEY included (the channel of SPUBLISH is hashed to
 * a slot as a key is); NULL with *n_specs = 0 when it has none. */
static inline const GredisKeySpec *
gredis_command_info_get_key_specs (const GredisCommandInfo *info,
                                   guint                   *n_specs)
{
  *n_specs = info->n_key_specs;
  return info->key_specs;
}

static inline GredisRequestPolicy
gredis_command_info_get_request_policy (const GredisCommandInfo *info)
{
  return (GredisRequestPolicy) info->request_policy;
}

static inline GredisResponsePolicy
gredis_command_info_get_response_policy (const GredisCommandInfo *info)
{
  return (GredisResponsePolicy) info->response_policy;
}

static inline GredisCommandTipFlags
gredis_command_info_get_tip_flags (const GredisCommandInfo *info)
{
  return (GredisCommandTipFlags) info->tip_flags;
}

typedef void (*GredisKeyFunc) (guint    position,
                               gpointer user_data);

void _gredis_command_info_foreach_key (const GredisCommandInfo *info,
                                       guint                    argc,
                                       const char * const      *argv,
                                       const gsize             *argv_lengths,
                                       gboolean                 with_channels,
                                       GredisKeyFunc            func,
                                       gpointer                 user_data);

G_END_DECLS
