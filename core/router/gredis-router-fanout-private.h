/* gredis-router-fanout-private.h: commands a cluster client sends to
 * several nodes (command tips), SCAN node by node, and multi-key
 * commands split by slot
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-router-private.h"

G_BEGIN_DECLS

typedef enum {
  GREDIS_FANOUT_NONE,        /* one node, as any command */
  GREDIS_FANOUT_ALL_SHARDS,  /* every primary */
  GREDIS_FANOUT_ALL_NODES,   /* every primary and replica */
  GREDIS_FANOUT_SCAN,        /* one primary at a time (the cursor says which) */
  GREDIS_FANOUT_SPLIT,       /* one part per slot of its keys */
} GredisFanout;

/* How a command with the slot @slot (GREDIS_KEY_SLOT_NONE or _CROSS, or
 * a slot) and the table entry @info (may be NULL) is sent on a cluster
 * client: by its request_policy tip when it has no key, split when its
 * keys are in several slots and the configuration allows it. */
GredisFanout  _gredis_router_fanout_kind  (GredisRouter              *router,
                                           const GredisCommandInfo   *info,
                                           gint                       slot);

/* Sends @command as @kind says; its callback gets the merged reply. */
void          _gredis_router_fanout_async (GredisRouter              *router,
                                           GredisFanout               kind,
                                           const GredisCommandInfo   *info,
                                           const GredisRouterCommand *command);

/* The blocking form: the parts are written to their nodes before any
 * reply is read. */
GredisReply  *_gredis_router_fanout_sync  (GredisRouter              *router,
                                           GredisFanout               kind,
                                           const GredisCommandInfo   *info,
                                           gpointer                   source_object,
                                           guint                      argc,
                                           const char * const        *argv,
                                           const gsize               *argv_lengths,
                                           GBytes * const            *args,
                                           GCancellable              *cancellable,
                                           GError                   **error);

/* The cursor of SCAN on a cluster client: (server cursor << 16) | node
 * index, the node index in the order of _gredis_pool_cluster_dup_nodes()
 * (primaries by the first slot they serve). 0 starts and ends. FALSE
 * when @text is not a cursor. */
gboolean      _gredis_cluster_scan_cursor_decode (const char *text,
                                                  gsize       length,
                                                  guint      *node_index,
                                                  guint64    *server_cursor);
char         *_gredis_cluster_scan_cursor_encode (guint       node_index,
                                                  guint64     server_cursor);

G_END_DECLS
