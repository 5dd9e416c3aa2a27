/* gredis-pipeline-batch.c: the commands a pipeline runs
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-pipeline-batch-private.h"

#include <string.h>

static GredisPipelineCommand *
command_new (guint                argc,
             const char * const  *argv,
             const gsize         *argv_lengths,
             GBytes * const      *args)
{
  gsize header = sizeof (GredisPipelineCommand) + argc * (sizeof (char *) + sizeof (gsize));
  gsize total = header;
  GredisPipelineCommand *command;
  char *data;

  for (guint i = 0; i < argc; i++)
    {
      gsize length;

      if (args != NULL)
        length = g_bytes_get_size (args[i]);
      else
        length = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
      total += length + 1;
    }

  command = g_malloc (total);
  command->argc = argc;
  command->argv = (const char **) (command + 1);
  command->lengths = (gsize *) (command->argv + argc);
  command->script = NULL;
  data = (char *) command + header;
  for (guint i = 0; i < argc; i++)
    {
      gconstpointer source;
      gsize length;

      if (args != NULL)
        source = g_bytes_get_data (args[i], &length);
      else
        {
          source = argv[i];
          length = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
        }
      if (length > 0)
        memcpy (data, source, length);
      data[length] = '\0';
      command->argv[i] = data;
      command->lengths[i] = length;
      data += length + 1;
    }
  return command;
}

static void
command_free (GredisPipelineCommand *command)
{
  g_clear_object (&command->script);
  g_free (command);
}

GredisPipelineBatch *
_gredis_pipeline_batch_new (void)
{
  GredisPipelineBatch *batch = g_new (GredisPipelineBatch, 1);

  batch->commands = g_ptr_array_new_with_free_func ((GDestroyNotify) command_free);
  batch->scripts = g_ptr_array_new_with_free_func (g_object_unref);
  return batch;
}

void
_gredis_pipeline_batch_free (GredisPipelineBatch *batch)
{
  g_ptr_array_unref (batch->commands);
  g_ptr_array_unref (batch->scripts);
  g_free (batch);
}

void
_gredis_pipeline_batch_clear (GredisPipelineBatch *batch)
{
  g_ptr_array_set_size (batch->commands, 0);
  g_ptr_array_set_size (batch->scripts, 0);
}

guint
_gredis_pipeline_batch_add (GredisPipelineBatch  *batch,
                            guint                 argc,
                            const char * const   *argv,
                            const gsize          *argv_lengths,
                            GBytes * const       *args,
                            GredisScript         *script)
{
  GredisPipelineCommand *command = command_new (argc, argv, argv_lengths, args);

  if (script != NULL)
    {
      command->script = g_object_ref (script);
      if (!g_ptr_array_find (batch->scripts, script, NULL))
        g_ptr_array_add (batch->scripts, g_object_ref (script));
    }
  g_ptr_array_add (batch->commands, command);
  return batch->commands->len - 1;
}
