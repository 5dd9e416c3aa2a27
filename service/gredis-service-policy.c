/* gredis-service-policy.c: what a caller of gredis-service may run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The policy comes from the service's key file:
 *
 *   [service]          limits shared by both buses
 *   max-request-bytes  bytes of arguments in one call (default 1 MiB)
 *   max-commands       commands in one ExecuteMany() (default 1024)
 *   rate-limit         calls per second per caller, 0 for none (default 500)
 *   rate-burst         calls a caller may make at once (default 1000)
 *
 *   [session-bus] and [system-bus], the one the service serves:
 *   allow              command names allowed; `*` for every command that is
 *                      not dangerous (the default). A dangerous command is
 *                      allowed only when named here, as `FLUSHDB` or
 *                      `CLIENT ID` (a container enables all its subcommands).
 *   deny               command names refused even when `allow` has `*`
 *   allowed-users      (system bus) user names or uids that may call;
 *   allowed-groups     (system bus) group names or gids that may call.
 *                      With neither, only root may call on the system bus.
 *
 *   [key-prefixes]     `UID-or-user-name=prefix;prefix;…`: the keys (and
 *                      pub/sub channels) of that caller must start with one
 *                      of its prefixes. Such a caller may not run commands
 *                      whose keys cannot be found (`KEYS`, `SCAN`, …) except
 *                      PING, ECHO and TIME.
 *
 * Commands that change the state of the shared connection are always
 * refused, whatever the configuration: callers share one client.
 */
#include "config.h"

#include "gredis-service-policy.h"

#include <gredis/gredis.h>
#include <glib/gi18n.h>
#include <grp.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#define DEFAULT_MAX_REQUEST_BYTES (1024 * 1024)
#define DEFAULT_MAX_COMMANDS 1024
#define DEFAULT_RATE_LIMIT 500.0
#define DEFAULT_RATE_BURST 1000.0

struct _GredisServicePolicy {
  gboolean system_bus;
  gboolean allow_all;
  GHashTable *allow;            /* lower-case names, `config` or `config|get` */
  GHashTable *deny;
  GArray *allowed_uids;         /* guint32 */
  GArray *allowed_gids;         /* guint32 */
  GHashTable *prefixes;         /* uid → GStrv */
  gsize max_request_bytes;
  guint max_commands;
  double rate_limit;
  double rate_burst;
};

static const GDBusErrorEntry error_entries[] = {
  { GREDIS_SERVICE_ERROR_FAILED, "org.gredis.Service1.Error.Failed" },
  { GREDIS_SERVICE_ERROR_DENIED, "org.gredis.Service1.Error.Denied" },
  { GREDIS_SERVICE_ERROR_TOO_LARGE, "org.gredis.Service1.Error.TooLarge" },
  { GREDIS_SERVICE_ERROR_RATE_LIMITED, "org.gredis.Service1.Error.RateLimited" },
  { GREDIS_SERVICE_ERROR_REDIS, "org.gredis.Service1.Error.Redis" },
  { GREDIS_SERVICE_ERROR_UNAVAILABLE, "org.gredis.Service1.Error.Unavailable" },
};

GQuark
gredis_service_error_quark (void)
{
  static gsize quark = 0;

  g_dbus_error_register_error_domain ("gredis-service-error-quark", &quark,
                                      error_entries, G_N_ELEMENTS (error_entries));
  return (GQuark) quark;
}

/* They change the state of the connection they run on, which every caller
 * shares: never allowed. */
static const char * const connection_state_commands[] = {
  "multi", "exec", "discard", "watch", "unwatch", "select",
  "subscribe", "psubscribe", "ssubscribe", "unsubscribe", "punsubscribe", "sunsubscribe",
  "monitor", "hello", "auth", "reset", "readonly", "readwrite", "quit",
  "client|reply", "client|tracking", "client|caching", "client|setname", "client|setinfo",
  "client|no-evict", "client|no-touch", "sync", "psync", "replconf",
  NULL
};

/* Denied unless named in `allow`: they destroy data, change the server,
 * reach other clients, or run code that could call any of these. Every
 * command the server flags `admin` is dangerous too. */
static const char * const dangerous_commands[] = {
  "flushall", "flushdb", "swapdb", "config", "debug", "shutdown", "module", "acl",
  "replicaof", "slaveof", "cluster", "failover", "save", "bgsave", "bgrewriteaof",
  "client", "script", "function", "eval", "evalsha", "eval_ro", "evalsha_ro",
  "fcall", "fcall_ro", "migrate", "latency", "slowlog", "lastsave", "pfdebug", "pfselftest",
  NULL
};

/* Commands without keys that a caller restricted to prefixes may run. */
static const char * const keyless_safe_commands[] = { "ping", "echo", "time", NULL };

static gboolean
in_list (const char * const *list,
         const char         *name,
         const char         *container)
{
  return g_strv_contains (list, name) || (container != NULL && g_strv_contains (list, container));
}

static gboolean
in_set (GHashTable *set,
        const char *name,
        const char *container)
{
  return g_hash_table_contains (set, name) ||
         (container != NULL && g_hash_table_contains (set, container));
}

/* `CLIENT KILL` → `client|kill`, as the command table names it. */
static char *
normalize_name (const char *entry)
{
  g_autofree char *copy = g_strdup (entry);
  g_autofree char *lower = g_ascii_strdown (g_strstrip (copy), -1);
  char *p;

  for (p = lower; *p != '\0'; p++)
    if (*p == ' ')
      *p = '|';
  return g_steal_pointer (&lower);
}

static GHashTable *
read_name_set (GKeyFile   *key_file,
               const char *group,
               const char *key,
               gboolean   *has_star)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_auto(GStrv) names = g_key_file_get_string_list (key_file, group, key, NULL, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      if (has_star != NULL && g_strcmp0 (g_strstrip (names[i]), "*") == 0)
        *has_star = TRUE;
      else if (names[i][0] != '\0')
        g_hash_table_add (set, normalize_name (names[i]));
    }
  return set;
}

static gboolean
parse_id (const char *text,
          gboolean    group,
          guint32    *id,
          GError    **error)
{
  guint64 value;

  if (g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT32 - 1, &value, NULL))
    {
      *id = (guint32) value;
      return TRUE;
    }
  if (group)
    {
      struct group *gr = getgrnam (text);

      if (gr != NULL)
        {
          *id = gr->gr_gid;
          return TRUE;
        }
    }
  else
    {
      struct passwd *pw = getpwnam (text);

      if (pw != NULL)
        {
          *id = pw->pw_uid;
          return TRUE;
        }
    }
  g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
               group ? _("The service configuration names the group “%s”, which does not exist.")
                     : _("The service configuration names the user “%s”, which does not exist."),
               text);
  return FALSE;
}

static GArray *
read_ids (GKeyFile   *key_file,
          const char *group_name,
          const char *key,
          gboolean    group,
          GError    **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (guint32));
  g_auto(GStrv) names = g_key_file_get_string_list (key_file, group_name, key, NULL, NULL);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    {
      guint32 id;

      if (*g_strstrip (names[i]) == '\0')
        continue;
      if (!parse_id (names[i], group, &id, error))
        return NULL;
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static gboolean
read_double (GKeyFile   *key_file,
             const char *key,
             double      fallback,
             double     *value,
             GError    **error)
{
  GError *local_error = NULL;
  double v;

  if (!g_key_file_has_key (key_file, "service", key, NULL))
    {
      *value = fallback;
      return TRUE;
    }
  v = g_key_file_get_double (key_file, "service", key, &local_error);
  if (local_error != NULL || v < 0)
    {
      g_clear_error (&local_error);
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("The service setting “%s” must be a number that is not negative."), key);
      return FALSE;
    }
  *value = v;
  return TRUE;
}

GredisServicePolicy *
gredis_service_policy_new_from_keyfile (GKeyFile  *key_file,
                                        gboolean   system_bus,
                                        GError   **error)
{
  g_autoptr(GredisServicePolicy) policy = g_new0 (GredisServicePolicy, 1);
  const char *bus_group = system_bus ? "system-bus" : "session-bus";
  double value;

  policy->system_bus = system_bus;
  policy->prefixes = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_strfreev);

  if (!read_double (key_file, "max-request-bytes", DEFAULT_MAX_REQUEST_BYTES, &value, error))
    return NULL;
  policy->max_request_bytes = (gsize) MIN (value, (double) G_MAXSIZE);
  if (!read_double (key_file, "max-commands", DEFAULT_MAX_COMMANDS, &value, error))
    return NULL;
  policy->max_commands = (guint) MIN (value, (double) G_MAXUINT);
  if (!read_double (key_file, "rate-limit", DEFAULT_RATE_LIMIT, &policy->rate_limit, error) ||
      !read_double (key_file, "rate-burst", DEFAULT_RATE_BURST, &policy->rate_burst, error))
    return NULL;
  if (policy->rate_burst < 1)
    policy->rate_burst = 1;

  if (g_key_file_has_key (key_file, bus_group, "allow", NULL))
    policy->allow = read_name_set (key_file, bus_group, "allow", &policy->allow_all);
  else
    {
      policy->allow = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      policy->allow_all = TRUE;
    }
  policy->deny = read_name_set (key_file, bus_group, "deny", NULL);

  if (system_bus)
    {
      policy->allowed_uids = read_ids (key_file, bus_group, "allowed-users", FALSE, error);
      if (policy->allowed_uids == NULL)
        return NULL;
      policy->allowed_gids = read_ids (key_file, bus_group, "allowed-groups", TRUE, error);
      if (policy->allowed_gids == NULL)
        return NULL;
    }

  if (g_key_file_has_group (key_file, "key-prefixes"))
    {
      g_auto(GStrv) keys = g_key_file_get_keys (key_file, "key-prefixes", NULL, NULL);

      for (guint i = 0; keys != NULL && keys[i] != NULL; i++)
        {
          guint32 uid;
          char **prefixes;

          if (!parse_id (keys[i], FALSE, &uid, error))
            return NULL;
          prefixes = g_key_file_get_string_list (key_file, "key-prefixes", keys[i], NULL, NULL);
          g_hash_table_replace (policy->prefixes, GUINT_TO_POINTER (uid),
                                prefixes != NULL ? prefixes : g_new0 (char *, 1));
        }
    }

  return g_steal_pointer (&policy);
}

void
gredis_service_policy_free (GredisServicePolicy *policy)
{
  if (policy == NULL)
    return;
  g_clear_pointer (&policy->allow, g_hash_table_unref);
  g_clear_pointer (&policy->deny, g_hash_table_unref);
  g_clear_pointer (&policy->allowed_uids, g_array_unref);
  g_clear_pointer (&policy->allowed_gids, g_array_unref);
  g_clear_pointer (&policy->prefixes, g_hash_table_unref);
  g_free (policy);
}

gsize
gredis_service_policy_get_max_request_bytes (GredisServicePolicy *policy)
{
  return policy->max_request_bytes;
}

guint
gredis_service_policy_get_max_commands (GredisServicePolicy *policy)
{
  return policy->max_commands;
}

double
gredis_service_policy_get_rate_limit (GredisServicePolicy *policy)
{
  return policy->rate_limit;
}

double
gredis_service_policy_get_rate_burst (GredisServicePolicy *policy)
{
  return policy->rate_burst;
}

gboolean
gredis_service_policy_has_prefixes (GredisServicePolicy *policy)
{
  return g_hash_table_size (policy->prefixes) > 0;
}

static gboolean
array_contains (GArray  *ids,
                guint32  id)
{
  for (guint i = 0; ids != NULL && i < ids->len; i++)
    if (g_array_index (ids, guint32, i) == id)
      return TRUE;
  return FALSE;
}

/* Whether the caller may use the service at all: on the system bus its
 * uid or one of its groups must be listed (root always may). */
gboolean
gredis_service_policy_check_caller (GredisServicePolicy  *policy,
                                    guint32               uid,
                                    const guint32        *gids,
                                    guint                 n_gids,
                                    GError              **error)
{
  if (!policy->system_bus || array_contains (policy->allowed_uids, uid))
    return TRUE;
  if (uid == 0 && policy->allowed_uids->len == 0 && policy->allowed_gids->len == 0)
    return TRUE;
  for (guint i = 0; i < n_gids; i++)
    if (array_contains (policy->allowed_gids, gids[i]))
      return TRUE;
  g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
               _("The user %u may not use the Redis service on the system bus."), uid);
  return FALSE;
}

static gboolean
has_prefix (const char * const *prefixes,
            const char         *data,
            gsize               length)
{
  for (guint i = 0; prefixes[i] != NULL; i++)
    {
      gsize n = strlen (prefixes[i]);

      if (n <= length && memcmp (data, prefixes[i], n) == 0)
        return TRUE;
    }
  return FALSE;
}

gboolean
gredis_service_policy_check_channel (GredisServicePolicy  *policy,
                                     guint32               uid,
                                     const char           *command,
                                     const char           *channel,
                                     gsize                 channel_length,
                                     GError              **error)
{
  const char * const *prefixes = g_hash_table_lookup (policy->prefixes, GUINT_TO_POINTER (uid));

  if (g_hash_table_contains (policy->deny, command) ||
      (!policy->allow_all && !g_hash_table_contains (policy->allow, command)))
    {
      g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
                   _("The command “%s” is not allowed by the service’s policy."), command);
      return FALSE;
    }
  if (prefixes != NULL && !has_prefix (prefixes, channel, channel_length))
    {
      g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
                   _("The channel is outside the key prefixes allowed to user %u."), uid);
      return FALSE;
    }
  return TRUE;
}

gboolean
gredis_service_policy_check_command (GredisServicePolicy  *policy,
                                     guint32               uid,
                                     guint                 argc,
                                     const char * const   *argv,
                                     const gsize          *argv_lengths,
                                     GError              **error)
{
  const GredisCommandInfo *info;
  const char * const *prefixes;
  g_autofree char *container = NULL;
  g_autofree char *typed = NULL;
  const char *name;
  const char *bar;
  gboolean dangerous;

  g_return_val_if_fail (argc > 0, FALSE);

  info = gredis_command_table_lookup_argv (argc, argv, argv_lengths);
  if (info == NULL)
    {
      /* Module commands and the like: only when named in `allow`, and
       * never for a caller whose keys are restricted (their keys are not
       * known). */
      typed = g_ascii_strdown (argv[0], MIN (argv_lengths[0], 64));
      if (strlen (typed) == argv_lengths[0] && !g_hash_table_contains (policy->deny, typed) &&
          g_hash_table_contains (policy->allow, typed) &&
          !g_hash_table_contains (policy->prefixes, GUINT_TO_POINTER (uid)))
        return TRUE;
      g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
                   _("The command is unknown to the service and not allowed by its policy."));
      return FALSE;
    }

  name = gredis_command_info_get_name (info);
  bar = strchr (name, '|');
  if (bar != NULL)
    container = g_strndup (name, bar - name);

  if (in_list (connection_state_commands, name, NULL))
    {
      g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
                   _("The command “%s” changes the state of the shared connection, which the service does not allow."),
                   name);
      return FALSE;
    }

  dangerous = in_list (dangerous_commands, name, container) ||
              (gredis_command_info_get_flags (info) & GREDIS_COMMAND_FLAG_ADMIN) != 0;
  if (in_set (policy->deny, name, container) ||
      (dangerous && !in_set (policy->allow, name, container)) ||
      (!dangerous && !policy->allow_all && !in_set (policy->allow, name, container)))
    {
      g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
                   _("The command “%s” is not allowed by the service’s policy."), name);
      return FALSE;
    }

  prefixes = g_hash_table_lookup (policy->prefixes, GUINT_TO_POINTER (uid));
  if (prefixes != NULL)
    {
      g_autofree guint *keys = NULL;
      guint n_keys = 0;

      keys = gredis_command_info_get_keys (info, argc, argv, argv_lengths, &n_keys);
      if (n_keys == 0 && !in_list (keyless_safe_commands, name, container))
        {
          g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
                       _("The command “%s” names no key, and user %u may use only keys with given prefixes."),
                       name, uid);
          return FALSE;
        }
      for (guint i = 0; i < n_keys; i++)
        if (!has_prefix (prefixes, argv[keys[i]], argv_lengths[keys[i]]))
          {
            g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
                         _("A key of the command “%s” is outside the prefixes allowed to user %u."),
                         name, uid);
            return FALSE;
          }
    }
  return TRUE;
}
