/* command-samples.h: command lines and the positions of their keys
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Shared by test-command-table.c, which checks the compiled table against
 * these positions, and test-command-table-live.c, which checks them against
 * a real server's COMMAND GETKEYS. Arguments are separated by single
 * spaces; "''" stands for an empty argument. Key names are distinct so
 * that the server's list of names maps back to positions.
 */
#pragma once

#include <glib.h>

typedef struct {
  const char *line;
  int keys[12];  /* positions, terminated by -1 */
} CommandSample;

static const CommandSample command_samples[] = {
  { "GET k1", { 1, -1 } },
  { "get k1", { 1, -1 } },
  { "SET k1 v EX 10", { 1, -1 } },
  { "SET k1 v NX GET", { 1, -1 } },
  { "MSET k1 1 k2 2 k3 3", { 1, 3, 5, -1 } },
  { "MSETNX k1 1 k2 2", { 1, 3, -1 } },
  { "MGET k1 k2 k3", { 1, 2, 3, -1 } },
  { "DEL k1 k2", { 1, 2, -1 } },
  { "EXISTS k1 k2 k3", { 1, 2, 3, -1 } },
  { "RENAME k1 k2", { 1, 2, -1 } },
  { "COPY k1 k2 REPLACE", { 1, 2, -1 } },
  { "LMOVE k1 k2 LEFT RIGHT", { 1, 2, -1 } },
  { "SMOVE k1 k2 member", { 1, 2, -1 } },
  { "BLPOP k1 k2 0", { 1, 2, -1 } },
  { "BRPOPLPUSH k1 k2 0", { 1, 2, -1 } },
  { "BITOP AND k1 k2 k3", { 2, 3, 4, -1 } },
  { "BITFIELD k1 GET u8 0", { 1, -1 } },
  { "PFCOUNT k1 k2", { 1, 2, -1 } },
  { "XADD k1 * field value", { 1, -1 } },
  { "ZRANGESTORE k1 k2 0 -1", { 1, 2, -1 } },
  { "GEOSEARCHSTORE k1 k2 FROMMEMBER m BYRADIUS 1 km", { 1, 2, -1 } },
  /* Movable keys: numkeys. */
  { "EVAL script 2 k1 k2 arg", { 3, 4, -1 } },
  { "EVAL script 0", { -1 } },
  { "EVAL script 0 arg", { -1 } },
  { "EVAL script x k1", { -1 } },
  { "EVAL script 5 k1", { -1 } },
  { "EVAL script -1 k1", { -1 } },
  { "EVALSHA sha 1 k1 arg", { 3, -1 } },
  { "EVAL_RO script 1 k1", { 3, -1 } },
  { "FCALL fn 2 k1 k2 arg", { 3, 4, -1 } },
  { "FCALL_RO fn 1 k1", { 3, -1 } },
  { "ZUNIONSTORE k1 2 k2 k3 WEIGHTS 1 2", { 1, 3, 4, -1 } },
  { "ZUNIONSTORE k1 0 k2", { -1 } },
  { "ZINTERSTORE k1 1 k2", { 1, 3, -1 } },
  { "ZDIFFSTORE k1 1 k2", { 1, 3, -1 } },
  { "ZUNION 2 k1 k2 WITHSCORES", { 2, 3, -1 } },
  { "ZINTER 2 k1 k2", { 2, 3, -1 } },
  { "ZDIFF 3 k1 k2 k3", { 2, 3, 4, -1 } },
  { "ZINTERCARD 2 k1 k2 LIMIT 5", { 2, 3, -1 } },
  { "SINTERCARD 2 k1 k2 LIMIT 1", { 2, 3, -1 } },
  { "LMPOP 2 k1 k2 LEFT", { 2, 3, -1 } },
  { "BLMPOP 0 2 k1 k2 LEFT COUNT 1", { 3, 4, -1 } },
  { "ZMPOP 1 k1 MIN", { 2, -1 } },
  { "BZMPOP 1.5 2 k1 k2 MAX", { 3, 4, -1 } },
  /* Movable keys: keywords. */
  { "XREAD COUNT 2 STREAMS k1 k2 0 0", { 4, 5, -1 } },
  { "XREAD BLOCK 0 STREAMS k1 $", { 4, -1 } },
  { "xread streams k1 k2 k3 0 0 0", { 2, 3, 4, -1 } },
  { "XREADGROUP GROUP g c STREAMS k1 >", { 5, -1 } },
  { "XREADGROUP GROUP g c COUNT 1 NOACK STREAMS k1 k2 > >", { 8, 9, -1 } },
  { "GEORADIUS k1 0 0 1 km", { 1, -1 } },
  { "GEORADIUS k1 0 0 1 km STORE k2", { 1, 7, -1 } },
  { "GEORADIUS k1 0 0 1 km STORE k2 STOREDIST k3", { 1, 7, 9, -1 } },
  { "GEORADIUSBYMEMBER k1 m 1 km STOREDIST k2", { 1, 6, -1 } },
  /* Movable keys: the server's own code (incomplete key specs). */
  { "SORT k1", { 1, -1 } },
  { "SORT k1 BY w_* LIMIT 0 10 GET o_* ALPHA STORE k2", { 1, 11, -1 } },
  { "SORT k1 GET store STORE k2", { 1, 5, -1 } },
  { "SORT k1 STORE k2 STORE k3", { 1, 5, -1 } },
  { "SORT k1 LIMIT store 1 DESC", { 1, -1 } },
  { "SORT_RO k1 BY w_* GET o_*", { 1, -1 } },
  { "MIGRATE host 6379 k1 0 1000", { 3, -1 } },
  { "MIGRATE host 6379 k1 0 1000 COPY REPLACE", { 3, -1 } },
  { "MIGRATE host 6379 '' 0 1000 COPY REPLACE KEYS k1 k2 k3", { 9, 10, 11, -1 } },
  { "MIGRATE host 6379 '' 0 1000 AUTH keys KEYS k1", { 9, -1 } },
  { "MIGRATE host 6379 '' 0 1000 AUTH2 user keys KEYS k1 k2", { 10, 11, -1 } },
  /* Subcommands: positions count the subcommand name. */
  { "OBJECT ENCODING k1", { 2, -1 } },
  { "MEMORY USAGE k1 SAMPLES 5", { 2, -1 } },
  { "XINFO STREAM k1 FULL", { 2, -1 } },
  { "XGROUP CREATE k1 g $ MKSTREAM", { 2, -1 } },
  { "XGROUP DESTROY k1 g", { 2, -1 } },
  /* No keys at all. */
  { "PING", { -1 } },
  { "CONFIG GET maxmemory", { -1 } },
  { "SUBSCRIBE ch1 ch2", { -1 } },
  { "SPUBLISH ch1 message", { -1 } },
};

/* Splits a sample line into an argv; "''" is an empty argument. */
static inline char **
command_sample_split (const char *line)
{
  char **argv = g_strsplit (line, " ", -1);

  for (char **p = argv; *p != NULL; p++)
    if (g_str_equal (*p, "''"))
      (*p)[0] = '\0';
  return argv;
}
