/* gredis-script.c: Lua scripts run by their SHA1
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"

#include <string.h>

/**
 * GredisScript:
 *
 * A Lua script that runs by its SHA1 digest. The digest is computed
 * locally; gredis_script_run_async() sends `EVALSHA`, and when the
 * server's script cache does not hold the script (a `NOSCRIPT` error,
 * after a restart or a `SCRIPT FLUSH`) it sends `SCRIPT LOAD` and runs it
 * again, so the source crosses the network only when needed.
 *
 * ```c
 * g_autoptr(GredisScript) script =
 *   gredis_script_new ("return redis.call('INCRBY', KEYS[1], ARGV[1])");
 * const char *keys[] = { "counter", NULL };
 * const char *args[] = { "5", NULL };
 *
 * gredis_script_run_async (script, client, keys, args, NULL, on_done, NULL);
 * ```
 *
 * In a #GredisPipeline (gredis_pipeline_add_script()) the scripts are
 * loaded before the batch, so a transaction never meets `NOSCRIPT`.
 *
 * Functions (`FCALL`, `FUNCTION LOAD`) need no such care: send them with
 * gredis_client_command_async().
 *
 * A #GredisScript is immutable and may be shared between threads.
 */

struct _GredisScript
{
  GObject parent_instance;

  GBytes *source;
  char sha1[41];
};

G_DEFINE_FINAL_TYPE (GredisScript, gredis_script, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SOURCE,
  PROP_SHA1,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
gredis_script_constructed (GObject *object)
{
  GredisScript *self = GREDIS_SCRIPT (object);
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA1);
  gsize size = 0;
  gconstpointer data;

  G_OBJECT_CLASS (gredis_script_parent_class)->constructed (object);

  if (self->source == NULL)
    self->source = g_bytes_new_static ("", 0);
  data = g_bytes_get_data (self->source, &size);
  g_checksum_update (checksum, data, size);
  memcpy (self->sha1, g_checksum_get_string (checksum), 40);
  self->sha1[40] = '\0';
}

static void
gredis_script_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  GredisScript *self = GREDIS_SCRIPT (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      g_value_set_boxed (value, self->source);
      break;
    case PROP_SHA1:
      g_value_set_string (value, self->sha1);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_script_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  GredisScript *self = GREDIS_SCRIPT (object);

  switch (prop_id)
    {
    case PROP_SOURCE:
      self->source = g_value_dup_boxed (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_script_finalize (GObject *object)
{
  GredisScript *self = GREDIS_SCRIPT (object);

  g_clear_pointer (&self->source, g_bytes_unref);

  G_OBJECT_CLASS (gredis_script_parent_class)->finalize (object);
}

static void
gredis_script_class_init (GredisScriptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gredis_script_constructed;
  object_class->get_property = gredis_script_get_property;
  object_class->set_property = gredis_script_set_property;
  object_class->finalize = gredis_script_finalize;

  /**
   * GredisScript:source:
   *
   * The Lua source of the script.
   */
  properties[PROP_SOURCE] =
    g_param_spec_boxed ("source", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisScript:sha1:
   *
   * The SHA1 digest of the source, in lowercase hexadecimal, as `EVALSHA`
   * wants it.
   */
  properties[PROP_SHA1] =
    g_param_spec_string ("sha1", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gredis_script_init (GredisScript *self)
{
}

/**
 * gredis_script_new:
 * @source: the Lua source
 *
 * Creates a script and computes its SHA1 digest.
 *
 * Returns: (transfer full): a new #GredisScript
 */
GredisScript *
gredis_script_new (const char *source)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (source != NULL, NULL);

  bytes = g_bytes_new (source, strlen (source));
  return gredis_script_new_from_bytes (bytes);
}

/**
 * gredis_script_new_from_bytes:
 * @source: the Lua source
 *
 * Creates a script from a source that may hold any bytes.
 *
 * Returns: (transfer full): a new #GredisScript
 */
GredisScript *
gredis_script_new_from_bytes (GBytes *source)
{
  g_return_val_if_fail (source != NULL, NULL);

  return g_object_new (GREDIS_TYPE_SCRIPT, "source", source, NULL);
}

/**
 * gredis_script_get_source:
 * @script: a #GredisScript
 *
 * Gets the Lua source of the script.
 *
 * Returns: (transfer none): the Lua source of @script
 */
GBytes *
gredis_script_get_source (GredisScript *script)
{
  g_return_val_if_fail (GREDIS_IS_SCRIPT (script), NULL);
  return script->source;
}

/**
 * gredis_script_get_sha1:
 * @script: a #GredisScript
 *
 * Gets the digest `EVALSHA` runs the script by.
 *
 * Returns: the SHA1 digest of the source, 40 lowercase hexadecimal digits
 */
const char *
gredis_script_get_sha1 (GredisScript *script)
{
  g_return_val_if_fail (GREDIS_IS_SCRIPT (script), NULL);
  return script->sha1;
}

/* `SCRIPT LOAD <source>`, as argv for the client. */
static void
load_argv (GredisScript  *self,
           const char   **argv,
           gsize         *lengths)
{
  gsize size = 0;

  argv[0] = "SCRIPT";
  lengths[0] = 6;
  argv[1] = "LOAD";
  lengths[1] = 4;
  argv[2] = g_bytes_get_data (self->source, &size);
  lengths[2] = size;
  if (argv[2] == NULL)
    argv[2] = "";
}

/* The server answers SCRIPT LOAD with the digest it computed: it must be
 * ours, or EVALSHA would run something else. */
static gboolean
check_loaded (GredisScript  *self,
              GredisReply   *reply,
              GError       **error)
{
  const char *sha1 = gredis_reply_get_string (reply, NULL);

  if (sha1 == NULL || g_ascii_strcasecmp (sha1, self->sha1) != 0)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                   _("The server loaded the script under the digest “%s” instead of “%s”."),
                   sha1 != NULL ? sha1 : "", self->sha1);
      return FALSE;
    }
  return TRUE;
}

static void
load_done (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GredisReply) reply = NULL;
  GError *error = NULL;

  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  if (reply == NULL || !check_loaded (g_task_get_source_object (task), reply, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * gredis_script_load_async:
 * @script: a #GredisScript
 * @client: the client to send `SCRIPT LOAD` with
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the script is loaded
 * @user_data: data for @callback
 *
 * Loads the script into the server's script cache. Running it does so
 * when needed; loading ahead saves a round trip and reports syntax errors
 * early. Finish with gredis_script_load_finish().
 */
void
gredis_script_load_async (GredisScript        *script,
                          GredisClient        *client,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  const char *argv[3];
  gsize lengths[3];
  GTask *task;

  g_return_if_fail (GREDIS_IS_SCRIPT (script));
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (script, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_script_load_async);
  load_argv (script, argv, lengths);
  gredis_client_command_argv_async (client, 3, argv, lengths, cancellable, load_done, task);
}

/**
 * gredis_script_load_finish:
 * @script: a #GredisScript
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_script_load_async().
 *
 * Returns: %TRUE when the server holds the script, %FALSE with an error
 *   (a Lua syntax error is a %GREDIS_ERROR_SERVER error with the server's
 *   text)
 */
gboolean
gredis_script_load_finish (GredisScript  *script,
                           GAsyncResult  *result,
                           GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, script), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gredis_script_load_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gredis_script_load:
 * @script: a #GredisScript
 * @client: the client to send `SCRIPT LOAD` with
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_script_load_async().
 *
 * Returns: %TRUE when the server holds the script, %FALSE with an error
 */
gboolean
gredis_script_load (GredisScript  *script,
                    GredisClient  *client,
                    GCancellable  *cancellable,
                    GError       **error)
{
  g_autoptr(GredisReply) reply = NULL;
  const char *argv[3];
  gsize lengths[3];

  g_return_val_if_fail (GREDIS_IS_SCRIPT (script), FALSE);
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  load_argv (script, argv, lengths);
  reply = gredis_client_command_argv (client, 3, argv, lengths, cancellable, error);
  return reply != NULL && check_loaded (script, reply, error);
}

/* Running */

/* `EVALSHA sha1 numkeys keys… args…` */
static GPtrArray *
evalsha_argv (GredisScript       *self,
              const char * const *keys,
              const char * const *args)
{
  guint n_keys = keys != NULL ? g_strv_length ((char **) keys) : 0;
  guint n_args = args != NULL ? g_strv_length ((char **) args) : 0;
  GPtrArray *argv = g_ptr_array_new_full (3 + n_keys + n_args, g_free);

  g_ptr_array_add (argv, g_strdup ("EVALSHA"));
  g_ptr_array_add (argv, g_strdup (self->sha1));
  g_ptr_array_add (argv, g_strdup_printf ("%u", n_keys));
  for (guint i = 0; i < n_keys; i++)
    g_ptr_array_add (argv, g_strdup (keys[i]));
  for (guint i = 0; i < n_args; i++)
    g_ptr_array_add (argv, g_strdup (args[i]));
  return argv;
}

typedef struct
{
  GredisClient *client;
  GPtrArray *argv;
  GError *load_error;
  gboolean reloaded;
} RunData;

static void
run_data_free (RunData *data)
{
  g_object_unref (data->client);
  g_ptr_array_unref (data->argv);
  g_clear_error (&data->load_error);
  g_free (data);
}

static void run_send (GTask    *task,
                      gboolean  reload);

static void
reload_done (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GredisReply) reply = NULL;
  RunData *data = g_task_get_task_data (task);

  /* SCRIPT LOAD and the second EVALSHA went out together, in this order:
   * a failed load (a Lua syntax error) explains the EVALSHA's NOSCRIPT. */
  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &data->load_error);
  if (reply != NULL)
    check_loaded (g_task_get_source_object (task), reply, &data->load_error);
}

static void
run_done (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  RunData *data = g_task_get_task_data (task);
  GredisReply *reply;
  GError *error = NULL;

  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  if (reply != NULL)
    g_task_return_pointer (task, reply, (GDestroyNotify) gredis_reply_unref);
  else if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_NOSCRIPT) && !data->reloaded)
    {
      GREDIS_DEBUG ("pipeline", "Script %s is not in the server's cache: loading it",
                    gredis_script_get_sha1 (g_task_get_source_object (task)));
      g_error_free (error);
      run_send (task, TRUE);
    }
  else if (data->load_error != NULL &&
           !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_error_free (error);
      g_task_return_error (task, g_steal_pointer (&data->load_error));
    }
  else
    g_task_return_error (task, error);
}

static void
run_send (GTask    *task,
          gboolean  reload)
{
  GredisScript *self = g_task_get_source_object (task);
  RunData *data = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (reload)
    {
      const char *argv[3];
      gsize lengths[3];

      data->reloaded = TRUE;
      load_argv (self, argv, lengths);
      gredis_client_command_argv_async (data->client, 3, argv, lengths, cancellable,
                                        reload_done, g_object_ref (task));
    }
  gredis_client_command_argv_async (data->client, data->argv->len,
                                    (const char * const *) data->argv->pdata, NULL,
                                    cancellable, run_done, g_object_ref (task));
}

/**
 * gredis_script_run_async:
 * @script: a #GredisScript
 * @client: the client to run it with
 * @keys: (array zero-terminated=1) (nullable): the keys the script
 *   touches, its `KEYS`
 * @args: (array zero-terminated=1) (nullable): the other arguments, its
 *   `ARGV`
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the script's reply
 * @user_data: data for @callback
 *
 * Runs the script with `EVALSHA`; when the server does not have it
 * (`NOSCRIPT`), loads it and runs it once more. Finish with
 * gredis_script_run_finish().
 */
void
gredis_script_run_async (GredisScript        *script,
                         GredisClient        *client,
                         const char * const  *keys,
                         const char * const  *args,
                         GCancellable        *cancellable,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (GREDIS_IS_SCRIPT (script));
  g_return_if_fail (GREDIS_IS_CLIENT (client));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  task = g_task_new (script, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_script_run_async);
  data = g_new0 (RunData, 1);
  data->client = g_object_ref (client);
  data->argv = evalsha_argv (script, keys, args);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  run_send (task, FALSE);
}

/**
 * gredis_script_run_finish:
 * @script: a #GredisScript
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_script_run_async().
 *
 * Returns: (transfer full): the script's reply, or %NULL with an error
 *   (the script's own errors are %GREDIS_ERROR errors with the server's
 *   text)
 */
GredisReply *
gredis_script_run_finish (GredisScript  *script,
                          GAsyncResult  *result,
                          GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, script), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gredis_script_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gredis_script_run:
 * @script: a #GredisScript
 * @client: the client to run it with
 * @keys: (array zero-terminated=1) (nullable): the keys the script
 *   touches, its `KEYS`
 * @args: (array zero-terminated=1) (nullable): the other arguments, its
 *   `ARGV`
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The blocking form of gredis_script_run_async().
 *
 * Returns: (transfer full): the script's reply, or %NULL with an error
 */
GredisReply *
gredis_script_run (GredisScript        *script,
                   GredisClient        *client,
                   const char * const  *keys,
                   const char * const  *args,
                   GCancellable        *cancellable,
                   GError             **error)
{
  g_autoptr(GPtrArray) argv = NULL;
  GredisReply *reply;
  GError *local_error = NULL;

  g_return_val_if_fail (GREDIS_IS_SCRIPT (script), NULL);
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  argv = evalsha_argv (script, keys, args);
  reply = gredis_client_command_argv (client, argv->len, (const char * const *) argv->pdata,
                                      NULL, cancellable, &local_error);
  if (reply != NULL || !g_error_matches (local_error, GREDIS_ERROR, GREDIS_ERROR_NOSCRIPT))
    {
      if (local_error != NULL)
        g_propagate_error (error, local_error);
      return reply;
    }

  g_clear_error (&local_error);
  if (!gredis_script_load (script, client, cancellable, error))
    return NULL;
  return gredis_client_command_argv (client, argv->len, (const char * const *) argv->pdata,
                                     NULL, cancellable, error);
}
