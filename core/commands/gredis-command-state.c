/* gredis-command-state.c: commands that change the state of their
 * connection
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-command-state-private.h"
#include "gredis-command-table-private.h"

#include <string.h>

/* A command that changes the state of its connection changes it for every
 * later command of that connection. On a connection that many callers
 * share (the multiplexed connection of a main context, or a pooled one
 * that the blocking calls take in turn) one caller's MULTI would make the
 * others' commands return QUEUED, and SELECT would move them all to
 * another database. The client refuses such commands at once
 * (_gredis_command_check_state()): none of them can keep its meaning
 * there, since the caller's next command may go out on any connection.
 *
 * Where the set comes from:
 * - the command table, for what it says plainly: the `@transaction`
 *   ACL category (MULTI EXEC DISCARD WATCH UNWATCH) and the pub/sub
 *   commands that a script may not run (the `pubsub` and `noscript`
 *   flags together: the SUBSCRIBE and UNSUBSCRIBE forms, which put the
 *   connection in or take it out of subscriber mode, unlike PUBLISH and
 *   PUBSUB CHANNELS);
 * - a reviewed list for what the table does not tell apart: the
 *   `@connection` category holds PING, ECHO and CLIENT ID as well as
 *   SELECT and CLIENT REPLY, and MONITOR and the replication commands are
 *   only `@admin`. Entries of the list that the compiled table does not
 *   have (CLIENT SETINFO and CLIENT NO-TOUCH came with Redis 7.2) count
 *   all the same: the server may be newer than the table.
 *
 * Left out on purpose: SWAPDB, MOVE and COPY (they change data, not the
 * connection), CLIENT KILL, PAUSE, UNPAUSE and UNBLOCK (they act on other
 * connections or the whole server, as their caller means them to), WAIT
 * and WAITAOF (blocking commands: the client gives them a connection of
 * their own), and HELLO without arguments, which only describes the
 * connection.
 *
 * Cost: the first check builds the set and a mask of first letters per
 * name length. After that a command outside the set costs the length of
 * its name (given, or strlen() of a NUL-terminated argv), one atomic
 * load and one bit test; no table look-up, no allocation. Names that
 * pass the mask (SADD, SCAN, RPUSH …) are compared with the few entries
 * of their length. */

static const struct
{
  const char *name;            /* as the command table spells it */
  GredisCommandState state;
} reviewed[] = {
  { "select", GREDIS_COMMAND_STATE_DATABASE },
  { "monitor", GREDIS_COMMAND_STATE_MONITOR },
  { "client|reply", GREDIS_COMMAND_STATE_REPLY_MODE },
  { "client|tracking", GREDIS_COMMAND_STATE_TRACKING },
  { "client|caching", GREDIS_COMMAND_STATE_TRACKING },
  { "reset", GREDIS_COMMAND_STATE_RESET },
  { "hello", GREDIS_COMMAND_STATE_HELLO_AUTH },
  { "auth", GREDIS_COMMAND_STATE_HELLO_AUTH },
  { "readonly", GREDIS_COMMAND_STATE_CLUSTER },
  { "readwrite", GREDIS_COMMAND_STATE_CLUSTER },
  { "asking", GREDIS_COMMAND_STATE_CLUSTER },
  { "client|setname", GREDIS_COMMAND_STATE_NAME },
  { "client|setinfo", GREDIS_COMMAND_STATE_NAME },
  { "client|no-evict", GREDIS_COMMAND_STATE_CLIENT_MODE },
  { "client|no-touch", GREDIS_COMMAND_STATE_CLIENT_MODE },
  { "quit", GREDIS_COMMAND_STATE_QUIT },
  { "sync", GREDIS_COMMAND_STATE_REPLICATION },
  { "psync", GREDIS_COMMAND_STATE_REPLICATION },
  { "replconf", GREDIS_COMMAND_STATE_REPLICATION },
};

/* Names of this length or longer share the last mask. */
#define LONG_NAME 16
#define MAX_ENTRIES 64

typedef struct
{
  const char *name;            /* lower case; "parent|sub" for subcommands */
  gsize length;                /* of the command name, the parent's for a subcommand */
  GredisCommandState state;
} Entry;

static struct
{
  guint32 letters[LONG_NAME + 1];  /* bit n: a name of that length starts with 'a' + n */
  Entry entries[MAX_ENTRIES];
  guint n_entries;
} known;

static gsize known_ready;

static gboolean
has_category (const GredisCommandInfo *info,
              const char              *category)
{
  for (const char * const *c = info->acl_categories; c != NULL && *c != NULL; c++)
    if (strcmp (*c, category) == 0)
      return TRUE;
  return FALSE;
}

static GredisCommandState
state_from_table (const GredisCommandInfo *info)
{
  if (has_category (info, "@transaction"))
    return GREDIS_COMMAND_STATE_TRANSACTION;
  if ((info->flags & GREDIS_COMMAND_FLAG_PUBSUB) && (info->flags & GREDIS_COMMAND_FLAG_NOSCRIPT))
    return GREDIS_COMMAND_STATE_SUBSCRIBE;
  return GREDIS_COMMAND_STATE_NONE;
}

static void
add_entry (const char         *name,
           GredisCommandState  state)
{
  const char *bar = strchr (name, '|');
  gsize length = bar != NULL ? (gsize) (bar - name) : strlen (name);
  Entry *entry;

  for (guint i = 0; i < known.n_entries; i++)
    if (strcmp (known.entries[i].name, name) == 0)
      return;
  g_return_if_fail (known.n_entries < MAX_ENTRIES);
  g_return_if_fail (name[0] >= 'a' && name[0] <= 'z');

  entry = &known.entries[known.n_entries++];
  entry->name = name;
  entry->length = length;
  entry->state = state;
  known.letters[MIN (length, LONG_NAME)] |= 1u << (name[0] - 'a');
}

static void
build_known (void)
{
  for (guint i = 0; i < gredis_command_table_length; i++)
    {
      const GredisCommandInfo *info = &gredis_command_table[i];
      GredisCommandState state = state_from_table (info);

      if (state != GREDIS_COMMAND_STATE_NONE)
        add_entry (info->name, state);
      for (guint j = 0; j < info->n_subcommands; j++)
        {
          state = state_from_table (&info->subcommands[j]);
          if (state != GREDIS_COMMAND_STATE_NONE)
            add_entry (info->subcommands[j].name, state);
        }
    }
  for (gsize i = 0; i < G_N_ELEMENTS (reviewed); i++)
    add_entry (reviewed[i].name, reviewed[i].state);
}

static inline const char *
arg_data (guint               i,
          const char * const *argv,
          const gsize        *argv_lengths,
          GBytes * const     *args,
          gsize              *length)
{
  if (args != NULL)
    return g_bytes_get_data (args[i], length);
  *length = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
  return argv[i];
}

static gboolean
same_name (const char *entry,
           gsize       entry_length,
           const char *data,
           gsize       length)
{
  return length == entry_length && g_ascii_strncasecmp (entry, data, length) == 0;
}

static const Entry *
find_entry (guint               argc,
            const char * const *argv,
            const gsize        *argv_lengths,
            GBytes * const     *args,
            const char         *name,
            gsize               length)
{
  for (guint i = 0; i < known.n_entries; i++)
    {
      const Entry *entry = &known.entries[i];
      const char *sub, *data;
      gsize sub_length;

      if (!same_name (entry->name, entry->length, name, length))
        continue;
      if (entry->name[length] == '\0')
        return entry;
      /* A subcommand: compare the second argument. */
      if (argc < 2)
        continue;
      sub = entry->name + length + 1;
      data = arg_data (1, argv, argv_lengths, args, &sub_length);
      if (data != NULL && same_name (sub, strlen (sub), data, sub_length))
        return entry;
    }
  return NULL;
}

/* Returns the family of the command in @argv (or @args), and in @name the
 * table's spelling of the command ("client|reply"). */
GredisCommandState
_gredis_command_get_state (guint                argc,
                           const char * const  *argv,
                           const gsize         *argv_lengths,
                           GBytes * const      *args,
                           const char         **name)
{
  const char *data;
  const Entry *entry;
  gsize length;
  guint letter;

  if (G_UNLIKELY (g_once_init_enter (&known_ready)))
    {
      build_known ();
      g_once_init_leave (&known_ready, 1);
    }

  data = arg_data (0, argv, argv_lengths, args, &length);
  if (G_UNLIKELY (data == NULL || length == 0))
    return GREDIS_COMMAND_STATE_NONE;
  /* ASCII letters of either case to 0…25; anything else lands outside. */
  letter = (guint) (((guchar) data[0] | 0x20) - 'a');
  if (G_LIKELY (letter >= 26 || (known.letters[MIN (length, LONG_NAME)] & (1u << letter)) == 0))
    return GREDIS_COMMAND_STATE_NONE;

  entry = find_entry (argc, argv, argv_lengths, args, data, length);
  if (entry == NULL)
    return GREDIS_COMMAND_STATE_NONE;
  /* HELLO alone changes nothing: it describes the connection. */
  if (entry->state == GREDIS_COMMAND_STATE_HELLO_AUTH && argc == 1 &&
      strcmp (entry->name, "hello") == 0)
    return GREDIS_COMMAND_STATE_NONE;
  if (name != NULL)
    *name = entry->name;
  return entry->state;
}

static GError *
state_error (GredisCommandState  state,
             const char         *name)
{
  g_autofree char *command = g_ascii_strup (name, -1);
  char *bar = strchr (command, '|');

  if (bar != NULL)
    *bar = ' ';
  gredis_i18n_init ();

  switch (state)
    {
    case GREDIS_COMMAND_STATE_TRANSACTION:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as MULTI. */
                          _("%s cannot be sent through the client, whose connections are shared: the other callers' commands would join the transaction. Use gredis_client_transaction_async(), or a GredisPipeline in transaction mode (gredis_pipeline_watch_async() for WATCH)."),
                          command);
    case GREDIS_COMMAND_STATE_DATABASE:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as SELECT; `db` is a configuration key. */
                          _("%s cannot be sent through the client, whose connections are shared: it would move the other callers to another database. Set the database with the `db` configuration key, with a client for each database."),
                          command);
    case GREDIS_COMMAND_STATE_SUBSCRIBE:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as SUBSCRIBE. */
                          _("%s cannot be sent through the client, whose connections are shared: a subscribed connection no longer answers other commands. Use a GredisPubSub."),
                          command);
    case GREDIS_COMMAND_STATE_MONITOR:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as MONITOR. */
                          _("%s cannot be sent through the client, whose connections are shared: the connection would carry the server's command stream instead of replies. Send it on a GredisConnection of its own."),
                          command);
    case GREDIS_COMMAND_STATE_REPLY_MODE:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as CLIENT REPLY. */
                          _("%s cannot be sent through the client, whose connections are shared: the other callers would lose their replies. Ignore the replies you do not need instead."),
                          command);
    case GREDIS_COMMAND_STATE_TRACKING:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as CLIENT TRACKING. */
                          _("%s cannot be sent through the client, whose connections are shared: key tracking would follow the other callers' reads. Send it on a GredisConnection of its own."),
                          command);
    case GREDIS_COMMAND_STATE_RESET:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as RESET. */
                          _("%s cannot be sent through the client, whose connections are shared: it would undo the database, protocol and user of the other callers. Close the client with gredis_client_close() and make a new one."),
                          command);
    case GREDIS_COMMAND_STATE_HELLO_AUTH:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as AUTH; `protocol`, `username`, `password` and `client-name` are configuration keys. */
                          _("%s cannot be sent through the client, whose connections are shared: it would change the protocol or the user of the other callers. Set the `protocol`, `username`, `password` and `client-name` configuration keys: every connection applies them when it opens."),
                          command);
    case GREDIS_COMMAND_STATE_CLUSTER:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as READONLY. */
                          _("%s cannot be sent through the client, whose connections are shared: it changes how a cluster node treats the other callers' commands. Send it on a GredisConnection of its own."),
                          command);
    case GREDIS_COMMAND_STATE_NAME:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as CLIENT SETNAME; `client-name` is a configuration key. */
                          _("%s cannot be sent through the client, whose connections are shared: it would rename the other callers' connection. Set the `client-name` configuration key: every connection applies it when it opens."),
                          command);
    case GREDIS_COMMAND_STATE_CLIENT_MODE:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as CLIENT NO-EVICT. */
                          _("%s cannot be sent through the client, whose connections are shared: it changes how the server treats the other callers' commands. Send it on a GredisConnection of its own."),
                          command);
    case GREDIS_COMMAND_STATE_QUIT:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as QUIT. */
                          _("%s cannot be sent through the client, whose connections are shared: it would close the other callers' connection. Use gredis_client_close()."),
                          command);
    case GREDIS_COMMAND_STATE_REPLICATION:
      return g_error_new (GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE,
                          /* Translators: %s is a command name such as PSYNC. */
                          _("%s cannot be sent through the client, whose connections are shared: it is for replication links, and the server would stop answering the other callers. Send it on a GredisConnection of its own."),
                          command);
    case GREDIS_COMMAND_STATE_NONE:
    default:
      g_return_val_if_reached (NULL);
    }
}

/* Returns FALSE, with a GREDIS_ERROR_CONNECTION_STATE error that names
 * the API to use, when @argv would change the state of a shared
 * connection; TRUE for every other command. */
gboolean
_gredis_command_check_state (guint                argc,
                             const char * const  *argv,
                             const gsize         *argv_lengths,
                             GBytes * const      *args,
                             GError             **error)
{
  const char *name = NULL;
  GredisCommandState state = _gredis_command_get_state (argc, argv, argv_lengths, args, &name);

  if (G_LIKELY (state == GREDIS_COMMAND_STATE_NONE))
    return TRUE;
  g_propagate_error (error, state_error (state, name));
  return FALSE;
}
