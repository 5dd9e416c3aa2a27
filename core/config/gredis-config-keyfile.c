/* gredis-config-keyfile.c: the [gredis] group of a key file
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-config-private.h"

#include <string.h>

static char *
get_value (GKeyFile    *key_file,
           const char  *group,
           const char  *key,
           GError     **error)
{
  g_autoptr(GError) local = NULL;
  char *value = g_key_file_get_string (key_file, group, key, &local);

  /* With a bad escape sequence, GKeyFile returns the raw value together
   * with an error; the value may be a password, so it goes. */
  if (local != NULL)
    {
      if (value != NULL)
        {
          memset (value, 0, strlen (value));
          g_free (value);
        }
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: %s is a key of a key file. */
                   _("The value of “%s” in the key file is not valid text (check its backslash escapes)."),
                   key);
      return NULL;
    }
  return value;
}

/**
 * gredis_config_load_keyfile:
 * @config: a #GredisConfig
 * @key_file: a #GKeyFile
 * @group: (nullable): the group to read, or %NULL for
 *   %GREDIS_CONFIG_DEFAULT_GROUP (`gredis`)
 * @error: return location for a #GError
 *
 * Applies the options of a key file group to @config. The keys are the
 * option names (the property names of #GredisConfig), with values as
 * gredis_config_set_option() takes them. A `uri` key is applied first,
 * whatever its place in the group; the other keys then override what it
 * set. Other groups are ignored.
 *
 * |[
 * [gredis]
 * uri=redis://cache.internal:6380/1
 * password-file=/etc/myapp/redis-password
 * transport=tcp
 * parser=resp3
 * connect-timeout-ms=1500
 * retries=5
 * ]|
 *
 * Returns: %TRUE on success; %FALSE with %GREDIS_ERROR_CONFIG when the
 *   group is missing, a key is unknown or a value invalid, in which case
 *   @config is unchanged
 */
gboolean
gredis_config_load_keyfile (GredisConfig  *config,
                            GKeyFile      *key_file,
                            const char    *group,
                            GError       **error)
{
  g_autoptr(GredisConfig) result = NULL;
  g_auto(GStrv) keys = NULL;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), FALSE);
  g_return_val_if_fail (key_file != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (group == NULL)
    group = GREDIS_CONFIG_DEFAULT_GROUP;

  keys = g_key_file_get_keys (key_file, group, NULL, NULL);
  if (keys == NULL)
    {
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                   /* Translators: %s is the name of a key file group. */
                   _("The key file has no group “%s”."), group);
      return FALSE;
    }

  result = gredis_config_dup (config);

  if (g_key_file_has_key (key_file, group, "uri", NULL))
    {
      g_autofree char *uri = get_value (key_file, group, "uri", error);

      if (uri == NULL || !gredis_config_set_uri (result, uri, error))
        return FALSE;
    }

  for (guint i = 0; keys[i] != NULL; i++)
    {
      const GredisOptionInfo *option;
      g_autofree char *value = NULL;

      if (g_str_equal (keys[i], "uri"))
        continue;

      option = _gredis_config_find_option (keys[i]);
      if (option == NULL)
        {
          g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                       /* Translators: the first %s is a key, the second the
                        * name of a key file group. */
                       _("There is no configuration option named “%s” (in the key file group “%s”)."),
                       keys[i], group);
          return FALSE;
        }

      value = get_value (key_file, group, keys[i], error);
      if (value == NULL ||
          !_gredis_config_apply_option (result, option, keys[i], value, GREDIS_QUOTE_ALWAYS, error))
        return FALSE;
    }

  _gredis_config_copy_into (config, result);
  return TRUE;
}

/**
 * gredis_config_new_from_file:
 * @path: (type filename): the path of a key file
 * @error: return location for a #GError
 *
 * Creates a configuration from the `[gredis]` group of a key file; see
 * gredis_config_load_keyfile().
 *
 * Returns: (transfer full): a new #GredisConfig, or %NULL with
 *   %GREDIS_ERROR_CONFIG, whose message names the file
 */
GredisConfig *
gredis_config_new_from_file (const char  *path,
                             GError     **error)
{
  g_autoptr(GKeyFile) key_file = NULL;
  g_autoptr(GError) local = NULL;
  GredisConfig *config;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  key_file = g_key_file_new ();
  if (!g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, &local))
    {
      g_autofree char *display = g_filename_display_name (path);

      /* A file error names the file and the reason; a parse error would
       * quote the bad line, which could hold a password. */
      if (local->domain == G_FILE_ERROR)
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                     /* Translators: the first %s is a file name, the
                      * second the reason. */
                     _("Could not read the configuration file “%s”: %s"),
                     display, local->message);
      else
        g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG,
                     /* Translators: %s is a file name. */
                     _("The configuration file “%s” is not a valid key file: every line must be a [group], a key=value pair or a # comment."),
                     display);
      return NULL;
    }

  config = gredis_config_new_from_keyfile (key_file, NULL, &local);
  if (config == NULL)
    {
      g_autofree char *display = g_filename_display_name (path);

      g_propagate_prefixed_error (error, g_steal_pointer (&local),
                                  /* Translators: %s is a file name; a
                                   * message about what is wrong in it
                                   * follows. */
                                  _("In the configuration file “%s”: "),
                                  display);
    }
  return config;
}
