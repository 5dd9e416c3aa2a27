/* gredis-sentinel-discovery.c: the master's address from Redis Sentinel
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The sentinels are asked in turn, each with a short timeout: SENTINEL
 * GET-MASTER-ADDR-BY-NAME, then SENTINEL SENTINELS to learn the others.
 * The one that answered moves to the front of the list, so that the next
 * resolution asks it first. The master named is then asked ROLE on a
 * connection of its own; a node that is not (or no longer) master sends
 * the resolution round again, a bounded number of times, since the
 * sentinels may still name a master they are replacing.
 */
#include "gredis-sentinel-discovery-private.h"
#include "gredis-sync-private.h"
#include "gredis-log-private.h"

#include <string.h>

#define SENTINEL_PORT 26379
#define SENTINEL_TIMEOUT_MS 500
#define MAX_ROUNDS 5
#define ROUND_DELAY_MS 100

struct _GredisSentinelDiscovery
{
  GPtrArray *sentinels;       /* of char *, "host:port" */
  char *master_name;
  char *username;
  char *password;
};

GredisSentinelDiscovery *
_gredis_sentinel_discovery_new (const char * const *sentinels,
                                const char         *master_name,
                                const char         *username,
                                const char         *password)
{
  GredisSentinelDiscovery *discovery = g_new0 (GredisSentinelDiscovery, 1);

  g_return_val_if_fail (sentinels != NULL, NULL);
  g_return_val_if_fail (master_name != NULL, NULL);

  discovery->sentinels = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; sentinels[i] != NULL; i++)
    g_ptr_array_add (discovery->sentinels, g_strdup (sentinels[i]));
  discovery->master_name = g_strdup (master_name);
  discovery->username = g_strdup (username);
  discovery->password = g_strdup (password);
  return discovery;
}

void
_gredis_sentinel_discovery_free (GredisSentinelDiscovery *discovery)
{
  if (discovery == NULL)
    return;
  g_ptr_array_unref (discovery->sentinels);
  g_free (discovery->master_name);
  g_free (discovery->username);
  if (discovery->password != NULL)
    memset (discovery->password, 0, strlen (discovery->password));
  g_free (discovery->password);
  g_free (discovery);
}

/* (transfer none): the sentinels as now known, the last one that
 * answered first. */
GPtrArray *
_gredis_sentinel_discovery_get_sentinels (GredisSentinelDiscovery *discovery)
{
  return discovery->sentinels;
}

typedef struct {
  GredisSentinelDiscovery *discovery;
  GredisConfig *config;
  GredisConnection *connection;   /* to the sentinel or master asked now */
  GSocketConnectable *master;
  guint index;                    /* of the sentinel asked now */
  guint round;
  gboolean unknown_master;        /* a sentinel answered that it knows no
                                   * master of that name */
} Resolve;

static void
resolve_free (gpointer data)
{
  Resolve *resolve = data;

  if (resolve->connection != NULL)
    gredis_connection_close (resolve->connection);
  g_clear_object (&resolve->connection);
  g_clear_object (&resolve->master);
  g_clear_object (&resolve->config);
  g_free (resolve);
}

static void ask_sentinel (GTask *task);

static void
drop_connection (Resolve *resolve)
{
  if (resolve->connection != NULL)
    gredis_connection_close (resolve->connection);
  g_clear_object (&resolve->connection);
}

static void
send (GTask               *task,
      GAsyncReadyCallback  callback,
      const char          *arg0,
      const char          *arg1,
      const char          *arg2)
{
  Resolve *resolve = g_task_get_task_data (task);
  const char *argv[] = { arg0, arg1, arg2 };
  guint argc = arg2 != NULL ? 3 : arg1 != NULL ? 2 : 1;

  gredis_connection_send_command_async (resolve->connection, argc, argv, NULL,
                                        g_task_get_cancellable (task), callback, task);
}

static GredisConnection *
connect_to (Resolve       *resolve,
            const char    *address,
            gboolean       sentinel,
            GError       **error)
{
  g_autoptr(GredisConfig) config = gredis_config_dup (resolve->config);
  g_autoptr(GSocketConnectable) endpoint = g_network_address_parse (address, SENTINEL_PORT, error);

  if (endpoint == NULL)
    return NULL;
  if (sentinel)
    {
      /* A sentinel has its own credentials and no databases. */
      gredis_config_set_username (config, resolve->discovery->username);
      gredis_config_set_password (config, resolve->discovery->password);
      gredis_config_set_password_file (config, NULL);
      gredis_config_set_password_credential (config, NULL);
      gredis_config_set_db (config, 0);
      gredis_config_set_connect_timeout_ms (config, SENTINEL_TIMEOUT_MS);
      gredis_config_set_command_timeout_ms (config, SENTINEL_TIMEOUT_MS);
    }
  return gredis_connection_new_for_config (config, endpoint, error);
}

static void
next_sentinel (GTask *task)
{
  Resolve *resolve = g_task_get_task_data (task);

  drop_connection (resolve);
  resolve->index++;
  ask_sentinel (task);
}

static gboolean
on_round_delay (gpointer data)
{
  ask_sentinel (data);
  return G_SOURCE_REMOVE;
}

/* The master named was not master (or could not be reached): once more
 * from the first sentinel, after a short pause, a bounded number of
 * times. */
static void
next_round (GTask  *task,
            GError *error)
{
  Resolve *resolve = g_task_get_task_data (task);
  g_autoptr(GSource) source = NULL;

  drop_connection (resolve);
  g_clear_object (&resolve->master);
  if (++resolve->round == MAX_ROUNDS)
    {
      g_task_return_error (task, error);
      g_object_unref (task);
      return;
    }
  g_error_free (error);
  resolve->index = 0;
  resolve->unknown_master = FALSE;
  source = g_timeout_source_new (ROUND_DELAY_MS);
  g_source_set_callback (source, on_round_delay, task, NULL);
  g_source_attach (source, g_task_get_context (task));
}

static void
on_role (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  GTask *task = data;
  Resolve *resolve = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source),
                                                                        result, &error);
  const char *role = NULL;

  if (reply != NULL && gredis_reply_is_aggregate (reply) && gredis_reply_get_n_elements (reply) > 0)
    role = gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL);
  if (role != NULL && strcmp (role, "master") == 0)
    {
      g_task_return_pointer (task, g_steal_pointer (&resolve->master), g_object_unref);
      g_object_unref (task);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (error == NULL)
    error = g_error_new (GREDIS_ERROR, GREDIS_ERROR_MASTERDOWN,
                         _("The server that the sentinels named as master of “%s” is not a master."),
                         resolve->discovery->master_name);
  next_round (task, g_steal_pointer (&error));
}

static void
confirm_master (GTask *task)
{
  Resolve *resolve = g_task_get_task_data (task);
  g_autofree char *address = NULL;
  GError *error = NULL;

  drop_connection (resolve);
  address = g_socket_connectable_to_string (resolve->master);
  resolve->connection = connect_to (resolve, address, FALSE, &error);
  if (resolve->connection == NULL)
    {
      next_round (task, error);
      return;
    }
  send (task, on_role, "ROLE", NULL, NULL);
}

static gboolean
known_sentinel (GredisSentinelDiscovery *discovery,
                const char              *address)
{
  for (guint i = 0; i < discovery->sentinels->len; i++)
    if (strcmp (g_ptr_array_index (discovery->sentinels, i), address) == 0)
      return TRUE;
  return FALSE;
}

static const char *
map_lookup (GredisReply *map,
            const char  *key)
{
  gsize n = gredis_reply_get_n_elements (map);

  for (gsize i = 0; i + 1 < n; i += 2)
    {
      const char *k = gredis_reply_get_string (gredis_reply_get_element (map, i), NULL);

      if (k != NULL && strcmp (k, key) == 0)
        return gredis_reply_get_string (gredis_reply_get_element (map, i + 1), NULL);
    }
  return NULL;
}

/* SENTINEL SENTINELS: the sentinels not yet known are added at the end.
 * An error here costs nothing: the master is known already. */
static void
on_sentinels (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GTask *task = data;
  Resolve *resolve = g_task_get_task_data (task);
  g_autoptr(GredisReply) reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source),
                                                                        result, NULL);

  if (reply != NULL && gredis_reply_is_aggregate (reply))
    for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
      {
        GredisReply *entry = gredis_reply_get_element (reply, i);
        const char *ip = map_lookup (entry, "ip");
        const char *port = map_lookup (entry, "port");
        g_autofree char *address = NULL;

        if (ip == NULL || port == NULL)
          continue;
        address = strchr (ip, ':') != NULL ? g_strdup_printf ("[%s]:%s", ip, port)
                                           : g_strdup_printf ("%s:%s", ip, port);
        if (!known_sentinel (resolve->discovery, address))
          g_ptr_array_add (resolve->discovery->sentinels, g_steal_pointer (&address));
      }
  confirm_master (task);
}

static void
on_master_addr (GObject      *source,
                GAsyncResult *result,
                gpointer      data)
{
  GTask *task = data;
  Resolve *resolve = g_task_get_task_data (task);
  GredisSentinelDiscovery *discovery = resolve->discovery;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source),
                                                                        result, &error);
  const char *host;
  const char *port;
  guint64 port_number = 0;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (reply != NULL && gredis_reply_is_nil (reply))
    {
      resolve->unknown_master = TRUE;
      next_sentinel (task);
      return;
    }
  if (reply == NULL || !gredis_reply_is_aggregate (reply) || gredis_reply_get_n_elements (reply) != 2 ||
      (host = gredis_reply_get_string (gredis_reply_get_element (reply, 0), NULL)) == NULL ||
      (port = gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL)) == NULL ||
      !g_ascii_string_to_unsigned (port, 10, 1, G_MAXUINT16, &port_number, NULL))
    {
      GREDIS_DEBUG ("pool", "Sentinel %s gave no master address: %s",
                    (char *) g_ptr_array_index (discovery->sentinels, resolve->index),
                    error != NULL ? error->message : "unexpected reply");
      next_sentinel (task);
      return;
    }

  resolve->master = g_network_address_new (host, (guint16) port_number);
  if (resolve->index > 0)
    {
      char *answered = g_ptr_array_steal_index (discovery->sentinels, resolve->index);

      g_ptr_array_insert (discovery->sentinels, 0, answered);
      resolve->index = 0;
    }
  send (task, on_sentinels, "SENTINEL", "SENTINELS", discovery->master_name);
}

static void
ask_sentinel (GTask *task)
{
  Resolve *resolve = g_task_get_task_data (task);
  GredisSentinelDiscovery *discovery = resolve->discovery;
  g_autoptr(GError) error = NULL;

  if (resolve->index >= discovery->sentinels->len)
    {
      if (resolve->unknown_master)
        g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_MASTER,
                                 _("The sentinels monitor no master named “%s”."),
                                 discovery->master_name);
      else
        g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_NO_SENTINEL,
                                 _("None of the %u sentinels could be reached."),
                                 discovery->sentinels->len);
      g_object_unref (task);
      return;
    }

  resolve->connection = connect_to (resolve, g_ptr_array_index (discovery->sentinels, resolve->index),
                                    TRUE, &error);
  if (resolve->connection == NULL)
    {
      GREDIS_DEBUG ("pool", "Sentinel address %s is not usable: %s",
                    (char *) g_ptr_array_index (discovery->sentinels, resolve->index), error->message);
      next_sentinel (task);
      return;
    }
  send (task, on_master_addr, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", discovery->master_name);
}

/*
 * _gredis_sentinel_discovery_resolve_async:
 * @config: the client's configuration: connections to the sentinels are
 *   made from a copy with the sentinels' credentials, the connection to
 *   the master from a copy of it as it is
 *
 * Finds the master now, confirmed with ROLE. Fails with
 * %GREDIS_ERROR_NO_SENTINEL when no sentinel answered, with
 * %GREDIS_ERROR_UNKNOWN_MASTER when those that answered know no master of
 * that name, with the last error when the master named could not be
 * confirmed after a few rounds.
 */
void
_gredis_sentinel_discovery_resolve_async (GredisSentinelDiscovery *discovery,
                                          GredisConfig            *config,
                                          GCancellable            *cancellable,
                                          GAsyncReadyCallback      callback,
                                          gpointer                 user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Resolve *resolve = g_new0 (Resolve, 1);

  g_task_set_source_tag (task, _gredis_sentinel_discovery_resolve_async);
  resolve->discovery = discovery;
  resolve->config = g_object_ref (config);
  g_task_set_task_data (task, resolve, resolve_free);
  ask_sentinel (task);
}

/* Returns: (transfer full): the master's address. */
GSocketConnectable *
_gredis_sentinel_discovery_resolve_finish (GredisSentinelDiscovery  *discovery,
                                           GAsyncResult             *result,
                                           GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

/* Replicas */

gboolean
_gredis_sentinel_replica_serves_reads (GredisReply *entry)
{
  const char *flags = map_lookup (entry, "flags");
  const char *link = map_lookup (entry, "master-link-status");
  g_auto(GStrv) each = NULL;

  if (flags == NULL || link == NULL || strcmp (link, "ok") != 0)
    return FALSE;
  each = g_strsplit (flags, ",", -1);
  for (guint i = 0; each[i] != NULL; i++)
    if (strcmp (each[i], "s_down") == 0 || strcmp (each[i], "o_down") == 0 ||
        strcmp (each[i], "disconnected") == 0)
      return FALSE;
  return TRUE;
}

/* Holds copies of what it needs of the discovery, which may be replaced
 * while it runs. */
typedef struct {
  char *master_name;
  char *username;
  char *password;
  GredisConfig *config;
  GStrv sentinels;
  guint index;
  GredisConnection *connection;
} Replicas;

static void
replicas_free (gpointer data)
{
  Replicas *replicas = data;

  if (replicas->connection != NULL)
    gredis_connection_close (replicas->connection);
  g_clear_object (&replicas->connection);
  g_clear_object (&replicas->config);
  g_strfreev (replicas->sentinels);
  g_free (replicas->master_name);
  g_free (replicas->username);
  if (replicas->password != NULL)
    memset (replicas->password, 0, strlen (replicas->password));
  g_free (replicas->password);
  g_free (replicas);
}

static gint
compare_addresses (gconstpointer a,
                   gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static void ask_replicas (GTask *task);

static void
on_replicas (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  GTask *task = data;
  Replicas *replicas = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source),
                                                                        result, &error);
  g_autoptr(GPtrArray) found = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&error));
      g_object_unref (task);
      return;
    }
  if (reply == NULL || !gredis_reply_is_aggregate (reply))
    {
      GREDIS_DEBUG ("pool", "Sentinel %s gave no replicas: %s", replicas->sentinels[replicas->index],
                    error != NULL ? error->message : "unexpected reply");
      if (replicas->connection != NULL)
        gredis_connection_close (replicas->connection);
      g_clear_object (&replicas->connection);
      replicas->index++;
      ask_replicas (task);
      return;
    }

  found = g_ptr_array_new_with_free_func (g_free);
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *entry = gredis_reply_get_element (reply, i);
      const char *ip = map_lookup (entry, "ip");
      const char *port = map_lookup (entry, "port");

      if (ip == NULL || port == NULL || !_gredis_sentinel_replica_serves_reads (entry))
        continue;
      g_ptr_array_add (found, strchr (ip, ':') != NULL ? g_strdup_printf ("[%s]:%s", ip, port)
                                                       : g_strdup_printf ("%s:%s", ip, port));
    }
  g_ptr_array_sort (found, compare_addresses);
  g_task_return_pointer (task, g_steal_pointer (&found), (GDestroyNotify) g_ptr_array_unref);
  g_object_unref (task);
}

static void
ask_replicas (GTask *task)
{
  Replicas *replicas = g_task_get_task_data (task);
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "SENTINEL", "REPLICAS", replicas->master_name };

  if (replicas->sentinels[replicas->index] == NULL)
    {
      g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_NO_SENTINEL,
                               _("None of the %u sentinels could be reached."),
                               g_strv_length (replicas->sentinels));
      g_object_unref (task);
      return;
    }
  endpoint = g_network_address_parse (replicas->sentinels[replicas->index], SENTINEL_PORT, &error);
  config = gredis_config_dup (replicas->config);
  gredis_config_set_username (config, replicas->username);
  gredis_config_set_password (config, replicas->password);
  gredis_config_set_password_file (config, NULL);
  gredis_config_set_password_credential (config, NULL);
  gredis_config_set_db (config, 0);
  gredis_config_set_connect_timeout_ms (config, SENTINEL_TIMEOUT_MS);
  gredis_config_set_command_timeout_ms (config, SENTINEL_TIMEOUT_MS);
  if (endpoint != NULL)
    replicas->connection = gredis_connection_new_for_config (config, endpoint, &error);
  if (replicas->connection == NULL)
    {
      GREDIS_DEBUG ("pool", "Sentinel address %s is not usable: %s", replicas->sentinels[replicas->index], error->message);
      replicas->index++;
      ask_replicas (task);
      return;
    }
  gredis_connection_send_command_async (replicas->connection, G_N_ELEMENTS (argv), argv, NULL,
                                        g_task_get_cancellable (task), on_replicas, task);
}

void
_gredis_sentinel_discovery_replicas_async (GredisSentinelDiscovery *discovery,
                                           GredisConfig            *config,
                                           GCancellable            *cancellable,
                                           GAsyncReadyCallback      callback,
                                           gpointer                 user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  Replicas *replicas = g_new0 (Replicas, 1);

  g_task_set_source_tag (task, _gredis_sentinel_discovery_replicas_async);
  replicas->master_name = g_strdup (discovery->master_name);
  replicas->username = g_strdup (discovery->username);
  replicas->password = g_strdup (discovery->password);
  replicas->config = g_object_ref (config);
  replicas->sentinels = g_new0 (char *, discovery->sentinels->len + 1);
  for (guint i = 0; i < discovery->sentinels->len; i++)
    replicas->sentinels[i] = g_strdup (g_ptr_array_index (discovery->sentinels, i));
  g_task_set_task_data (task, replicas, replicas_free);
  ask_replicas (task);
}

/* Returns: (transfer full) (element-type utf8): the replicas' addresses. */
GPtrArray *
_gredis_sentinel_discovery_replicas_finish (GredisSentinelDiscovery  *discovery,
                                            GAsyncResult             *result,
                                            GError                  **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GSocketConnectable *
_gredis_sentinel_discovery_resolve (GredisSentinelDiscovery  *discovery,
                                    GredisConfig             *config,
                                    GCancellable             *cancellable,
                                    GError                  **error)
{
  GredisSync sync;
  GSocketConnectable *master;

  gredis_sync_begin (&sync);
  _gredis_sentinel_discovery_resolve_async (discovery, config, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  master = _gredis_sentinel_discovery_resolve_finish (discovery, sync.result, error);
  gredis_sync_end (&sync);
  return master;
}
