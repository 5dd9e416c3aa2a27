/* gredis-handshake.c: the steps of a connection's handshake
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-handshake-private.h"

#include <string.h>

struct _GredisHandshakeStep
{
  gatomicrefcount ref_count;
  char *name;
  GStrv argv;                      /* or NULL, with build */
  GredisHandshakeBuildFunc build;
  GredisHandshakeFlags flags;
  GredisHandshakeCheckFunc check;
  gpointer user_data;
  GDestroyNotify destroy;
};

/* "CLIENT NO-EVICT" for a subcommand of the command table, "READONLY"
 * otherwise: the arguments after the command may be secrets. */
static char *
name_for_argv (const char * const *argv)
{
  guint argc = g_strv_length ((char **) argv);
  const GredisCommandInfo *info = gredis_command_table_lookup_argv (argc, argv, NULL);

  if (argc >= 2 && info != NULL && gredis_command_info_get_parent (info) != NULL)
    {
      g_autofree char *name = g_strjoin (" ", argv[0], argv[1], NULL);

      return g_ascii_strup (name, -1);
    }
  return g_ascii_strup (argv[0], -1);
}

GredisHandshakeStep *
_gredis_handshake_step_new (const char               *name,
                            const char * const       *argv,
                            GredisHandshakeBuildFunc  build,
                            GredisHandshakeFlags      flags,
                            GredisHandshakeCheckFunc  check,
                            gpointer                  user_data,
                            GDestroyNotify            destroy)
{
  GredisHandshakeStep *step;

  g_return_val_if_fail ((argv != NULL && argv[0] != NULL) != (build != NULL), NULL);
  g_return_val_if_fail (name != NULL || argv != NULL, NULL);

  step = g_new0 (GredisHandshakeStep, 1);
  g_atomic_ref_count_init (&step->ref_count);
  step->name = name != NULL ? g_strdup (name) : name_for_argv (argv);
  step->argv = argv != NULL ? g_strdupv ((char **) argv) : NULL;
  step->build = build;
  step->flags = flags;
  step->check = check;
  step->user_data = user_data;
  step->destroy = destroy;
  return step;
}

GredisHandshakeStep *
_gredis_handshake_step_ref (GredisHandshakeStep *step)
{
  g_atomic_ref_count_inc (&step->ref_count);
  return step;
}

void
_gredis_handshake_step_unref (GredisHandshakeStep *step)
{
  if (!g_atomic_ref_count_dec (&step->ref_count))
    return;
  if (step->destroy != NULL)
    step->destroy (step->user_data);
  g_strfreev (step->argv);
  g_free (step->name);
  g_free (step);
}

const char *
_gredis_handshake_step_get_name (GredisHandshakeStep *step)
{
  return step->name;
}

static void
free_argument (gpointer data)
{
  char *argument = data;

  explicit_bzero (argument, strlen (argument));
  g_free (argument);
}

gboolean
_gredis_handshake_step_encode (GredisHandshakeStep *step,
                               GredisConnection    *connection,
                               GByteArray          *out)
{
  g_autoptr(GPtrArray) argv = NULL;

  if (step->argv != NULL)
    {
      gredis_encode_command_strv (out, (const char * const *) step->argv);
      return TRUE;
    }

  argv = g_ptr_array_new_with_free_func (free_argument);
  if (!step->build (connection, argv, step->user_data))
    return FALSE;
  g_return_val_if_fail (argv->len > 0, FALSE);
  gredis_encode_command (out, argv->len, (const char * const *) argv->pdata, NULL);
  return TRUE;
}

GError *
_gredis_handshake_refused_error (const char  *name,
                                 GredisReply *reply)
{
  GError *error = gredis_reply_to_error (reply);

  gredis_i18n_init ();
  /* Translators: %s is a command, such as “CLIENT SETNAME”; the
   * server's error message follows. */
  g_prefix_error (&error, _("The server refused the handshake command %s: "), name);
  return error;
}

gboolean
_gredis_handshake_step_judge (GredisHandshakeStep  *step,
                              GredisConnection     *connection,
                              GredisReply          *reply,
                              GError              **error)
{
  gboolean is_error = gredis_reply_is_error (reply);

  if (is_error && (step->flags & GREDIS_HANDSHAKE_IGNORE_ERRORS) != 0)
    {
      GREDIS_DEBUG ("connection", "Connection %p: handshake command %s refused, ignored: %s", connection,
                    step->name, gredis_reply_get_string (reply, NULL));
      return TRUE;
    }

  if (step->check != NULL)
    {
      GError *local_error = NULL;

      if (step->check (connection, reply, step->user_data, &local_error))
        {
          g_warn_if_fail (local_error == NULL);
          g_clear_error (&local_error);
          return TRUE;
        }
      if (local_error == NULL)
        {
          gredis_i18n_init ();
          local_error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_FAILED,
                                     /* Translators: %s is a command, such as “CLIENT TRACKING”. */
                                     _("The server's reply to the handshake command %s was not accepted."),
                                     step->name);
        }
      g_propagate_error (error, local_error);
      return FALSE;
    }

  if (is_error)
    {
      g_propagate_error (error, _gredis_handshake_refused_error (step->name, reply));
      return FALSE;
    }
  return TRUE;
}
