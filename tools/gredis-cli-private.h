/* gredis-cli-private.h: what the parts of gredis-cli share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

typedef struct
{
  GredisClient *client;
  GredisConnection *connection;
  gboolean raw;
  gboolean cluster;             /* -c: follow MOVED and ASK as redis-cli -c */
  gboolean from_stdin;          /* commands come from standard input */
  GredisConfig *node_config;    /* with -c: the configuration of one node */
  gboolean terminated;          /* SIGTERM came during a subscription */
  gboolean done;
  GredisReply *reply;
  GError *error;
  GredisReplyKind last_reply_kind; /* of the last reply printed */
} Cli;

/* How a command ended */
typedef enum
{
  OUTCOME_DONE,       /* a reply (error replies included): go on */
  OUTCOME_STOP,       /* stop reading commands (SIGTERM) */
  OUTCOME_FAILED,     /* the connection failed, the message is printed: exit with status 1 */
} Outcome;

/* gredis-cli-output.c */
void       cli_print_reply   (Cli               *cli,
                              GredisReply       *reply);

/* gredis-cli-args.c */
GPtrArray *cli_split_args    (const char        *line,
                              gboolean          *ok);
gboolean   cli_is_word       (GBytes            *arg,
                              const char        *word);

/* gredis-cli-command.c */
Outcome    cli_run_command   (Cli               *cli,
                              GBytes * const    *args,
                              guint              n_args);

/* gredis-cli-subscribe.c */
gboolean   cli_run_subscribe (Cli               *cli,
                              GBytes * const    *args,
                              guint              n_args,
                              Outcome           *outcome);

/* gredis-cli-stdin.c */
Outcome    cli_run_line      (Cli               *cli,
                              GBytes * const    *args,
                              guint              n_args,
                              long               repeat);
int        cli_run_stdin     (Cli               *cli);

/* gredis-cli-repl.c */
int        cli_run_repl      (Cli               *cli,
                              GredisConfig      *config);

G_END_DECLS
