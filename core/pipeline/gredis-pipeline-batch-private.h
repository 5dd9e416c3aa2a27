/* gredis-pipeline-batch-private.h: the commands a pipeline runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* One queued command, stored in one block: the struct, the pointers, the
 * lengths and the bytes, each argument NUL-terminated. @script is the
 * script of an EVALSHA, or NULL. */
typedef struct
{
  guint argc;
  const char **argv;
  gsize *lengths;
  GredisScript *script;
} GredisPipelineCommand;

/* A batch: the commands in the caller's order (a command's index is the
 * index of its result) and the distinct scripts they use, to load first.
 * Executors only read it; it is filled before it runs and freed after
 * every executor that runs part of it is done. */
typedef struct
{
  GPtrArray *commands;         /* GredisPipelineCommand */
  GPtrArray *scripts;          /* GredisScript */
} GredisPipelineBatch;

GredisPipelineBatch *_gredis_pipeline_batch_new        (void);
void                 _gredis_pipeline_batch_free       (GredisPipelineBatch  *batch);
/* Drops every command and script. */
void                 _gredis_pipeline_batch_clear      (GredisPipelineBatch  *batch);

/* Exactly one of @argv and @args is given; @argv_lengths may be NULL
 * (NUL-terminated arguments). Copies the arguments. Returns the index. */
guint                _gredis_pipeline_batch_add        (GredisPipelineBatch  *batch,
                                                        guint                 argc,
                                                        const char * const   *argv,
                                                        const gsize          *argv_lengths,
                                                        GBytes * const       *args,
                                                        GredisScript         *script);

static inline guint
_gredis_pipeline_batch_get_n_commands (const GredisPipelineBatch *batch)
{
  return batch->commands->len;
}

static inline const GredisPipelineCommand *
_gredis_pipeline_batch_get_command (const GredisPipelineBatch *batch,
                                    guint                      index)
{
  return g_ptr_array_index (batch->commands, index);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisPipelineBatch, _gredis_pipeline_batch_free)

G_END_DECLS
