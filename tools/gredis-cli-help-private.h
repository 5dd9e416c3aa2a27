/* gredis-cli-help-private.h: HELP, hints and completion of the REPL
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* One command or subcommand ("CONFIG GET") as redis-cli's help shows it;
 * the table is generated (build-aux/gredis-gen-cli-help.py). */
typedef struct
{
  const char *name;
  const char *params;   /* the argument summary hints show */
  const char *summary;
  const char *since;
  int group;            /* index in cli_help_groups */
} CliHelpEntry;

extern const char * const cli_help_groups[];
extern const CliHelpEntry cli_help_entries[];
extern const guint cli_help_n_entries;

void       cli_help_print    (GBytes * const *args,
                              guint           n_args);
char      *cli_help_hint     (const char     *line);
GPtrArray *cli_help_complete (const char     *line);

G_END_DECLS
