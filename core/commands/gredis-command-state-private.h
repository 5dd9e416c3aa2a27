/* gredis-command-state-private.h: commands that change the state of their
 * connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

/* The families of commands that change the state of the connection they
 * run on, so that every later command of that connection, whoever sent
 * it, runs differently (see gredis-command-state.c for where each comes
 * from). */
typedef enum {
  GREDIS_COMMAND_STATE_NONE,
  GREDIS_COMMAND_STATE_TRANSACTION,  /* MULTI EXEC DISCARD WATCH UNWATCH */
  GREDIS_COMMAND_STATE_DATABASE,     /* SELECT */
  GREDIS_COMMAND_STATE_SUBSCRIBE,    /* (P|S)SUBSCRIBE and (P|S)UNSUBSCRIBE */
  GREDIS_COMMAND_STATE_MONITOR,      /* MONITOR */
  GREDIS_COMMAND_STATE_REPLY_MODE,   /* CLIENT REPLY */
  GREDIS_COMMAND_STATE_TRACKING,     /* CLIENT TRACKING, CLIENT CACHING */
  GREDIS_COMMAND_STATE_RESET,        /* RESET */
  GREDIS_COMMAND_STATE_HELLO_AUTH,   /* HELLO with arguments, AUTH */
  GREDIS_COMMAND_STATE_CLUSTER,      /* READONLY READWRITE ASKING */
  GREDIS_COMMAND_STATE_NAME,         /* CLIENT SETNAME, CLIENT SETINFO */
  GREDIS_COMMAND_STATE_CLIENT_MODE,  /* CLIENT NO-EVICT, CLIENT NO-TOUCH */
  GREDIS_COMMAND_STATE_QUIT,         /* QUIT */
  GREDIS_COMMAND_STATE_REPLICATION,  /* SYNC PSYNC REPLCONF */
} GredisCommandState;

GredisCommandState _gredis_command_get_state   (guint                argc,
                                                const char * const  *argv,
                                                const gsize         *argv_lengths,
                                                GBytes * const      *args,
                                                const char         **name);

gboolean           _gredis_command_check_state (guint                argc,
                                                const char * const  *argv,
                                                const gsize         *argv_lengths,
                                                GBytes * const      *args,
                                                GError             **error);

G_END_DECLS
