/* gredis-connection-config.c: a connection made from a configuration
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-config-private.h"
#include "gredis-handshake-private.h"

#include <string.h>

static GObject *
create_plugin (GredisConfig      *config,
               GredisPluginKind   kind,
               const char        *name,
               GError           **error)
{
  GObject *plugin = gredis_plugins_create (kind, name, error);

  if (plugin == NULL)
    return NULL;
  if (!gredis_config_apply_to_plugin (config, plugin, error))
    {
      g_object_unref (plugin);
      return NULL;
    }
  return plugin;
}

/* The name of the implementation of @kind that @name chooses (the
 * default when %NULL), for the debug log. */
static char *
chosen_plugin (GredisPluginKind  kind,
               const char       *name)
{
  g_autoptr(GredisPluginInfo) info = gredis_plugins_lookup (kind, name, NULL);

  return g_strdup (info != NULL ? gredis_plugin_info_get_name (info) : name != NULL ? name : "none");
}

/* One line per connection: where it goes, and the plugins that carry
 * it. The backoff and pool are the client's, from the same @config. */
static void
debug_plugins (GredisConfig       *config,
               GredisConnection   *connection,
               GSocketConnectable *endpoint)
{
  g_autofree char *where = g_socket_connectable_to_string (endpoint);
  g_autofree char *transport = chosen_plugin (GREDIS_PLUGIN_TRANSPORT,
                                              gredis_config_get_effective_transport (config));
  g_autofree char *parser = chosen_plugin (GREDIS_PLUGIN_PARSER, gredis_config_get_parser (config));
  g_autofree char *backoff = chosen_plugin (GREDIS_PLUGIN_BACKOFF_POLICY,
                                            gredis_config_get_backoff (config));
  g_autofree char *pool = chosen_plugin (GREDIS_PLUGIN_POOL, gredis_config_get_pool (config));

  GREDIS_DEBUG ("connection", "Connection %p to %s: transport %s, parser %s, backoff %s, pool %s",
                connection, where, transport, parser, backoff, pool);
}

/* The steps the core's features added to @config (the client-side
 * cache, tests), after the built-in ones. */
static void
add_feature_steps (GredisConfig     *config,
                   GredisConnection *connection)
{
  g_autoptr(GPtrArray) steps = _gredis_config_dup_handshake_steps (config);

  for (guint i = 0; steps != NULL && i < steps->len; i++)
    _gredis_connection_add_step (connection, g_ptr_array_index (steps, i));
}

static void
on_open_done (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Commands queued on the connection fail with the same error; this is
   * only for the debug log. */
  if (!gredis_connection_open_finish (GREDIS_CONNECTION (source), result, &error))
    GREDIS_DEBUG ("connection", "Could not open a connection: %s", error->message);
}

/**
 * gredis_connection_new_for_config:
 * @config: the configuration to make the connection from
 * @endpoint: (nullable): the server to connect to, or %NULL for the one
 *   of @config (gredis_config_get_endpoint())
 * @error: return location for a #GError
 *
 * Makes a connection as a client makes its own, and starts opening it:
 * the transport and parser plugins @config names, with the options of
 * @config applied to each; the credentials (the password read from its
 * file or credential when @config says so), client name, database,
 * protocol and command timeout of @config, and the handshake steps the
 * library's features added to it. The connection does not retry on its
 * own: a failed connect fails its commands, and the client's
 * #GredisRetry decides whether they are sent again, so that every
 * command has one budget of attempts. The connection is bound to the
 * thread-default main context; commands may be queued on it at once,
 * and go out once it is ready.
 *
 * Pools written outside the library make their connections with this
 * function, from the configuration gredis_pool_configure() gave them.
 *
 * Returns: (transfer full): a new connection, opening, or %NULL with an
 *   error when a plugin is missing or the password cannot be read
 */
GredisConnection *
gredis_connection_new_for_config (GredisConfig        *config,
                                  GSocketConnectable  *endpoint,
                                  GError             **error)
{
  g_autoptr(GObject) transport = NULL;
  g_autoptr(GObject) parser = NULL;
  g_autoptr(GSocketConnectable) config_endpoint = NULL;
  g_autofree char *password = NULL;
  GredisConnection *connection;
  GError *local_error = NULL;

  g_return_val_if_fail (GREDIS_IS_CONFIG (config), NULL);
  g_return_val_if_fail (endpoint == NULL || G_IS_SOCKET_CONNECTABLE (endpoint), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  transport = create_plugin (config, GREDIS_PLUGIN_TRANSPORT,
                             gredis_config_get_effective_transport (config), error);
  if (transport == NULL)
    return NULL;
  parser = create_plugin (config, GREDIS_PLUGIN_PARSER,
                          gredis_config_get_parser (config), error);
  if (parser == NULL)
    return NULL;
  password = gredis_config_get_effective_password (config, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (endpoint == NULL)
    endpoint = config_endpoint = gredis_config_get_endpoint (config);

  connection = gredis_connection_new (GREDIS_TRANSPORT (transport), GREDIS_PARSER (parser),
                                      endpoint);
  if (G_UNLIKELY (gredis_log_debug_enabled ()))
    debug_plugins (config, connection, endpoint);
  gredis_connection_set_username (connection, gredis_config_get_username (config));
  gredis_connection_set_password (connection, password);
  if (password != NULL)
    explicit_bzero (password, strlen (password));
  gredis_connection_set_client_name (connection, gredis_config_get_client_name (config));
  gredis_connection_set_database (connection, gredis_config_get_db (config));
  gredis_connection_set_protocol (connection, gredis_config_get_protocol (config));
  add_feature_steps (config, connection);
  gredis_connection_set_command_timeout_ms (connection,
                                            gredis_config_get_command_timeout_ms (config));
  /* No retries of its own: one budget per command, kept by the retry
   * policy of whoever sends on it (the client's GredisRetry). */

  gredis_connection_open_async (connection, NULL, on_open_done, NULL);
  return connection;
}
