/* gredis-cli-private.h: what the parts of gredis-cli share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* How replies are printed beyond --raw */
typedef enum
{
  CLI_OUTPUT_DEFAULT,         /* raw or human, as Cli.raw says */
  CLI_OUTPUT_JSON,            /* --json */
  CLI_OUTPUT_QUOTED_JSON,     /* --quoted-json */
} CliOutput;

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
  /* The modes of gredis-cli-modes: see gredis-cli-scan.c and its neighbours */
  GredisConfig *config;         /* the configuration of the command line */
  CliOutput output;             /* --json, --quoted-json */
  gboolean set_errcode;         /* -e: an error reply ends with status 1 */
  gint64 interval_us;           /* -i, in microseconds */
  gboolean verbatim;            /* the reply is text for people: printed as it is */
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
gboolean   cli_is_verbatim_command (guint               argc,
                                    const char * const *argv,
                                    const gsize        *lengths);

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
GBytes    *cli_read_stdin    (void);

/* gredis-cli-call.c: commands whose replies a mode reads */
GredisReply *cli_call        (Cli                *cli,
                              guint               argc,
                              const char * const *argv,
                              const gsize        *lengths,
                              GError            **error);
GPtrArray  *cli_call_many    (Cli                *cli,
                              GPtrArray          *commands,
                              GError            **error);

/* gredis-cli-json.c */
void       cli_format_json   (GString           *out,
                              GredisReply       *reply,
                              CliOutput          mode);
void       cli_append_repr   (GString           *out,
                              const char        *data,
                              gsize              length);

/* gredis-cli-metrics.c: the client's own figures, from its `metrics`
 * observer; counted since the client was made */
typedef struct
{
  guint64 answered;     /* replies to the operation asked about */
  double seconds;       /* their round trips added up */
  guint64 errors;       /* operations (attempts) that ended with an error */
  guint64 retries;      /* retries decided */
  guint64 connections;  /* connections made */
} CliMetrics;

void       cli_metrics_observe (GredisConfig    *config);
gboolean   cli_metrics_read  (CliMetrics        *metrics,
                              GredisClient      *client,
                              const char        *operation);

/* The modes, each in its file; each returns the exit status. */
int        cli_scan_mode     (Cli               *cli,
                              GBytes            *pattern,
                              guint              count);
int        cli_bigkeys_mode  (Cli               *cli,
                              GBytes            *pattern,
                              gboolean           memkeys,
                              guint              memkeys_samples);
int        cli_latency_mode  (Cli               *cli,
                              gboolean           history);
int        cli_stat_mode     (Cli               *cli,
                              gboolean           own_columns);
int        cli_eval_mode     (Cli               *cli,
                              const char        *file,
                              int                argc,
                              char             **argv,
                              long               repeat);
int        cli_pipe_mode     (Cli               *cli,
                              int                timeout_s);

/* gredis-cli-repl.c */
int        cli_run_repl      (Cli               *cli,
                              GredisConfig      *config);

G_END_DECLS
