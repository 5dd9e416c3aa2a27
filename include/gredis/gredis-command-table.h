/* gredis-command-table.h: what the library knows about each command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <glib-object.h>
#include <gredis/gredis-version-macros.h>

G_BEGIN_DECLS

/**
 * GredisCommandFlags:
 * @GREDIS_COMMAND_FLAG_NONE: no flag.
 * @GREDIS_COMMAND_FLAG_WRITE: the command may modify the data set.
 * @GREDIS_COMMAND_FLAG_READONLY: the command only reads keys.
 * @GREDIS_COMMAND_FLAG_DENYOOM: the command may grow memory use and is
 *   refused when the server is out of memory.
 * @GREDIS_COMMAND_FLAG_MODULE: the command is implemented by a module.
 * @GREDIS_COMMAND_FLAG_ADMIN: an administrative command.
 * @GREDIS_COMMAND_FLAG_PUBSUB: a publish/subscribe command.
 * @GREDIS_COMMAND_FLAG_NOSCRIPT: the command may not run from a script.
 * @GREDIS_COMMAND_FLAG_BLOCKING: the command may block the connection.
 * @GREDIS_COMMAND_FLAG_LOADING: allowed while the server loads its data.
 * @GREDIS_COMMAND_FLAG_STALE: allowed on a replica with stale data.
 * @GREDIS_COMMAND_FLAG_SKIP_MONITOR: not shown to MONITOR.
 * @GREDIS_COMMAND_FLAG_SKIP_SLOWLOG: not written to the slow log.
 * @GREDIS_COMMAND_FLAG_ASKING: allowed on an importing slot in a cluster.
 * @GREDIS_COMMAND_FLAG_FAST: runs in O(1) or O(log N).
 * @GREDIS_COMMAND_FLAG_NO_AUTH: allowed before authentication.
 * @GREDIS_COMMAND_FLAG_MAY_REPLICATE: may be propagated to replicas
 *   (servers that report it; Redis 7.0 keeps it out of `COMMAND`).
 * @GREDIS_COMMAND_FLAG_NO_MANDATORY_KEYS: the command may have key
 *   arguments but need not.
 * @GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING: refused during asynchronous
 *   loading.
 * @GREDIS_COMMAND_FLAG_NO_MULTI: may not be queued in a transaction.
 * @GREDIS_COMMAND_FLAG_MOVABLE_KEYS: the key positions depend on the
 *   arguments; use gredis_command_info_get_keys().
 * @GREDIS_COMMAND_FLAG_ALLOW_BUSY: allowed while a script is busy.
 * @GREDIS_COMMAND_FLAG_IDEMPOTENT: not reported by the server but derived
 *   by Gredis: running the command again after a run whose outcome is
 *   unknown leaves the data set in the same state and gives a reply of the
 *   same type (a count may be smaller). Every read-only command has it,
 *   and a reviewed list of writes (DEL, UNLINK, HSET, SADD, SREM, ZREM,
 *   MSET, SETEX, EXPIREAT, PERSIST …) and of commands that change nothing
 *   (PING, ECHO, CONFIG GET …). The retry logic uses it.
 *
 * Properties of a command, as `COMMAND` reports them, plus
 * %GREDIS_COMMAND_FLAG_IDEMPOTENT.
 */
typedef enum /*< flags >*/ {
  GREDIS_COMMAND_FLAG_NONE              = 0,
  GREDIS_COMMAND_FLAG_WRITE             = 1 << 0,
  GREDIS_COMMAND_FLAG_READONLY          = 1 << 1,
  GREDIS_COMMAND_FLAG_DENYOOM           = 1 << 2,
  GREDIS_COMMAND_FLAG_MODULE            = 1 << 3,
  GREDIS_COMMAND_FLAG_ADMIN             = 1 << 4,
  GREDIS_COMMAND_FLAG_PUBSUB            = 1 << 5,
  GREDIS_COMMAND_FLAG_NOSCRIPT          = 1 << 6,
  GREDIS_COMMAND_FLAG_BLOCKING          = 1 << 7,
  GREDIS_COMMAND_FLAG_LOADING           = 1 << 8,
  GREDIS_COMMAND_FLAG_STALE             = 1 << 9,
  GREDIS_COMMAND_FLAG_SKIP_MONITOR      = 1 << 10,
  GREDIS_COMMAND_FLAG_SKIP_SLOWLOG      = 1 << 11,
  GREDIS_COMMAND_FLAG_ASKING            = 1 << 12,
  GREDIS_COMMAND_FLAG_FAST              = 1 << 13,
  GREDIS_COMMAND_FLAG_NO_AUTH           = 1 << 14,
  GREDIS_COMMAND_FLAG_MAY_REPLICATE     = 1 << 15,
  GREDIS_COMMAND_FLAG_NO_MANDATORY_KEYS = 1 << 16,
  GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING  = 1 << 17,
  GREDIS_COMMAND_FLAG_NO_MULTI          = 1 << 18,
  GREDIS_COMMAND_FLAG_MOVABLE_KEYS      = 1 << 19,
  GREDIS_COMMAND_FLAG_ALLOW_BUSY        = 1 << 20,
  GREDIS_COMMAND_FLAG_IDEMPOTENT        = 1 << 21,
} GredisCommandFlags;

#define GREDIS_TYPE_COMMAND_INFO (gredis_command_info_get_type ())

typedef struct _GredisCommandInfo GredisCommandInfo;

GREDIS_AVAILABLE_IN_ALL
GType                    gredis_command_info_get_type           (void) G_GNUC_CONST;

GREDIS_AVAILABLE_IN_ALL
const char              *gredis_command_table_get_version       (void);
GREDIS_AVAILABLE_IN_ALL
GPtrArray               *gredis_command_table_list              (void);
GREDIS_AVAILABLE_IN_ALL
const GredisCommandInfo *gredis_command_table_lookup            (const char              *name);
GREDIS_AVAILABLE_IN_ALL
const GredisCommandInfo *gredis_command_table_lookup_argv       (guint                    argc,
                                                                 const char * const      *argv,
                                                                 const gsize             *argv_lengths);

GREDIS_AVAILABLE_IN_ALL
GredisCommandInfo       *gredis_command_info_copy               (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
void                     gredis_command_info_free               (GredisCommandInfo       *info);

GREDIS_AVAILABLE_IN_ALL
const char              *gredis_command_info_get_name           (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
int                      gredis_command_info_get_arity          (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
gboolean                 gredis_command_info_check_arity        (const GredisCommandInfo *info,
                                                                 guint                    argc);
GREDIS_AVAILABLE_IN_ALL
GredisCommandFlags       gredis_command_info_get_flags          (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
gboolean                 gredis_command_info_is_read_only       (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
gboolean                 gredis_command_info_is_write           (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
gboolean                 gredis_command_info_is_blocking        (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
gboolean                 gredis_command_info_is_pubsub          (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
gboolean                 gredis_command_info_is_idempotent      (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
gboolean                 gredis_command_info_is_idempotent_for_argv (const GredisCommandInfo *info,
                                                                 guint                    argc,
                                                                 const char * const      *argv,
                                                                 const gsize             *argv_lengths);
GREDIS_AVAILABLE_IN_ALL
void                     gredis_command_info_get_key_range      (const GredisCommandInfo *info,
                                                                 int                     *first_key,
                                                                 int                     *last_key,
                                                                 int                     *key_step);
GREDIS_AVAILABLE_IN_ALL
const char * const      *gredis_command_info_get_acl_categories (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
const char * const      *gredis_command_info_get_tips           (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
const GredisCommandInfo *gredis_command_info_get_parent         (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
GPtrArray               *gredis_command_info_list_subcommands   (const GredisCommandInfo *info);
GREDIS_AVAILABLE_IN_ALL
guint                   *gredis_command_info_get_keys           (const GredisCommandInfo *info,
                                                                 guint                    argc,
                                                                 const char * const      *argv,
                                                                 const gsize             *argv_lengths,
                                                                 guint                   *n_keys);

GREDIS_AVAILABLE_IN_ALL
guint                    gredis_key_slot                        (const guint8            *key,
                                                                 gsize                    length);

G_END_DECLS
