/* gredis-cli-eval.c: --eval, a Lua script from a file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

/**
 * cli_eval_mode:
 * @cli: the command line
 * @file: the script's file
 * @argc: the number of arguments after the options
 * @argv: (array length=argc): the keys, then `,` and the arguments
 * @repeat: -r
 *
 * Sends `EVAL script numkeys key… arg…` as redis-cli --eval does: the
 * arguments before the first lone comma are keys, those after it
 * arguments.
 *
 * Returns: the exit status
 */
int
cli_eval_mode (Cli         *cli,
               const char  *file,
               int          argc,
               char       **argv,
               long         repeat)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *numkeys = NULL;
  gboolean got_comma = FALSE;
  gsize length = 0;
  guint keys = 0;

  if (!g_file_get_contents (file, &script, &length, &error))
    {
      int code = g_error_matches (error, G_FILE_ERROR, G_FILE_ERROR_NOENT) ? ENOENT : 0;

      /* redis-cli's words, with the system's reason */
      fprintf (stderr, "Can't open file '%s': %s\n", file,
               code != 0 ? g_strerror (code) : error->message);
      return 1;
    }

  g_ptr_array_add (args, g_bytes_new_static ("EVAL", 4));
  g_ptr_array_add (args, g_bytes_new_take (g_steal_pointer (&script), length));
  g_ptr_array_add (args, NULL);        /* numkeys, once they are counted */
  for (int i = 0; i < argc; i++)
    {
      if (!got_comma && strcmp (argv[i], ",") == 0)
        {
          got_comma = TRUE;
          continue;
        }
      g_ptr_array_add (args, g_bytes_new (argv[i], strlen (argv[i])));
      if (!got_comma)
        keys++;
    }
  numkeys = g_strdup_printf ("%u", keys);
  args->pdata[2] = g_bytes_new (numkeys, strlen (numkeys));

  return cli_run_line (cli, (GBytes **) args->pdata, args->len, repeat) == OUTCOME_FAILED ? 1 : 0;
}
