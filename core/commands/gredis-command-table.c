/* gredis-command-table.c: looking up commands and finding their keys
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-command-table-private.h"

#include <string.h>

/**
 * GredisCommandInfo:
 *
 * What Gredis knows about one command or subcommand of the server: its
 * arity, its flags (read-only, write, blocking, pub/sub, idempotent …),
 * its ACL categories and tips, and where its keys are.
 *
 * The table is compiled in, generated from the `COMMAND` reply of the
 * Redis version that gredis_command_table_get_version() names. Entries
 * are static: they are never freed, and copying one returns the same
 * pointer.
 *
 * Subcommands are named as Redis names them, the container and the
 * subcommand joined by a bar: `config|get`.
 */

static GredisCommandInfo *
command_info_copy (GredisCommandInfo *info)
{
  return info;
}

static void
command_info_free (GredisCommandInfo *info)
{
}

G_DEFINE_BOXED_TYPE (GredisCommandInfo, gredis_command_info,
                     command_info_copy, command_info_free)

/**
 * gredis_command_info_copy:
 * @info: a #GredisCommandInfo
 *
 * Entries of the command table are static, so this returns @info itself.
 *
 * Returns: (transfer full): @info
 */
GredisCommandInfo *
gredis_command_info_copy (const GredisCommandInfo *info)
{
  return (GredisCommandInfo *) info;
}

/**
 * gredis_command_info_free:
 * @info: a #GredisCommandInfo
 *
 * Does nothing: entries of the command table are static. It exists so that
 * #GredisCommandInfo can be a boxed type.
 */
void
gredis_command_info_free (GredisCommandInfo *info)
{
}

/**
 * gredis_command_table_get_version:
 *
 * Gets the version of the server whose `COMMAND` reply the compiled
 * command table was generated from, such as `7.0.15`.
 *
 * Returns: (transfer none): the version
 */
const char *
gredis_command_table_get_version (void)
{
  return gredis_command_table_version;
}

/**
 * gredis_command_table_list:
 *
 * Lists every top-level command of the table, sorted by name. Container
 * commands such as `config` are listed; their subcommands are reached
 * with gredis_command_info_list_subcommands().
 *
 * Returns: (transfer container) (element-type GredisCommandInfo): the
 *   commands
 */
GPtrArray *
gredis_command_table_list (void)
{
  GPtrArray *list = g_ptr_array_sized_new (gredis_command_table_length);

  for (guint i = 0; i < gredis_command_table_length; i++)
    g_ptr_array_add (list, (gpointer) &gredis_command_table[i]);
  return list;
}

/* Compares a table name (lower case) with a key that may be in any case
 * and is not NUL-terminated, bytewise as the generator sorted them. */
static int
compare_name (const char *entry,
              const char *key,
              gsize       key_len)
{
  gsize i;

  for (i = 0; i < key_len; i++)
    {
      guchar a = (guchar) entry[i];
      guchar b = (guchar) g_ascii_tolower (key[i]);

      if (a == '\0')
        return -1;
      if (a != b)
        return a < b ? -1 : 1;
    }
  return entry[i] == '\0' ? 0 : 1;
}

static const GredisCommandInfo *
search (const GredisCommandInfo *entries,
        guint                    n_entries,
        gsize                    skip,
        const char              *key,
        gsize                    key_len)
{
  guint lo = 0, hi = n_entries;

  /* A NUL inside a binary argument cannot match a command name. */
  if (key_len == 0 || memchr (key, '\0', key_len) != NULL)
    return NULL;

  while (lo < hi)
    {
      guint mid = lo + (hi - lo) / 2;
      int c = compare_name (entries[mid].name + skip, key, key_len);

      if (c == 0)
        return &entries[mid];
      if (c < 0)
        lo = mid + 1;
      else
        hi = mid;
    }
  return NULL;
}

static const GredisCommandInfo *
find_subcommand (const GredisCommandInfo *parent,
                 const char              *sub,
                 gsize                    sub_len)
{
  /* Subcommand names are "parent|sub": compare past the bar. */
  return search (parent->subcommands, parent->n_subcommands,
                 strlen (parent->name) + 1, sub, sub_len);
}

/**
 * gredis_command_table_lookup:
 * @name: a command name in any case, such as `GET`, or a subcommand in
 *   Redis' spelling, such as `config|get`
 *
 * Looks a command up by name.
 *
 * Returns: (transfer none) (nullable): the command, or %NULL if the table
 *   does not have it
 */
const GredisCommandInfo *
gredis_command_table_lookup (const char *name)
{
  const GredisCommandInfo *info;
  const char *bar;

  g_return_val_if_fail (name != NULL, NULL);

  bar = strchr (name, '|');
  info = search (gredis_command_table, gredis_command_table_length, 0,
                 name, bar != NULL ? (gsize) (bar - name) : strlen (name));
  if (info == NULL || bar == NULL)
    return info;
  return find_subcommand (info, bar + 1, strlen (bar + 1));
}

static inline gsize
arg_length (const char * const *argv,
            const gsize        *argv_lengths,
            guint               i)
{
  return argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
}

/**
 * gredis_command_table_lookup_argv:
 * @argc: the number of arguments
 * @argv: (array length=argc): the command and its arguments
 * @argv_lengths: (array length=argc) (nullable): their lengths, or %NULL if
 *   every argument is NUL-terminated
 *
 * Looks up the command that @argv runs, as the server does: when the
 * command has subcommands and @argv has a second argument, that argument
 * names the subcommand (`CONFIG GET maxmemory` gives `config|get`).
 *
 * Returns: (transfer none) (nullable): the command or subcommand, the
 *   container itself when @argc is 1, or %NULL if the command or the
 *   subcommand is unknown
 */
const GredisCommandInfo *
gredis_command_table_lookup_argv (guint               argc,
                                  const char * const *argv,
                                  const gsize        *argv_lengths)
{
  const GredisCommandInfo *info;

  g_return_val_if_fail (argc > 0, NULL);
  g_return_val_if_fail (argv != NULL, NULL);

  info = search (gredis_command_table, gredis_command_table_length, 0,
                 argv[0], arg_length (argv, argv_lengths, 0));
  if (info == NULL || info->n_subcommands == 0 || argc == 1)
    return info;
  return find_subcommand (info, argv[1], arg_length (argv, argv_lengths, 1));
}

/**
 * gredis_command_info_get_name:
 * @info: a #GredisCommandInfo
 *
 * Gets the name of the command in lower case; a subcommand's name is
 * `container|subcommand`, as Redis spells it.
 *
 * Returns: (transfer none): the name
 */
const char *
gredis_command_info_get_name (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return info->name;
}

/**
 * gredis_command_info_get_arity:
 * @info: a #GredisCommandInfo
 *
 * Gets the arity of the command, counting the command name (and the
 * subcommand name): a positive arity is the exact number of arguments, a
 * negative one -N means at least N.
 *
 * Returns: the arity
 */
int
gredis_command_info_get_arity (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);

  return info->arity;
}

/**
 * gredis_command_info_check_arity:
 * @info: a #GredisCommandInfo
 * @argc: a number of arguments, counting the command name
 *
 * Checks a number of arguments against the arity of the command.
 *
 * Returns: %TRUE if the server would accept @argc arguments
 */
gboolean
gredis_command_info_check_arity (const GredisCommandInfo *info,
                                 guint                    argc)
{
  g_return_val_if_fail (info != NULL, FALSE);

  if (info->arity >= 0)
    return argc == (guint) info->arity;
  return argc >= (guint) -info->arity;
}

/**
 * gredis_command_info_get_flags:
 * @info: a #GredisCommandInfo
 *
 * Gets the flags of the command. A container command (one with
 * subcommands, such as `config`) has only those the server gives it for
 * running without a subcommand, usually none: look up the subcommand
 * with gredis_command_table_lookup_argv() to get the flags that apply.
 *
 * Returns: the flags
 */
GredisCommandFlags
gredis_command_info_get_flags (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, 0);

  return info->flags;
}

/**
 * gredis_command_info_is_read_only:
 * @info: a #GredisCommandInfo
 *
 * Checks whether the command only reads data: it may be retried and sent
 * to a replica.
 *
 * Returns: %TRUE if the command has %GREDIS_COMMAND_FLAG_READONLY
 */
gboolean
gredis_command_info_is_read_only (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return (info->flags & GREDIS_COMMAND_FLAG_READONLY) != 0;
}

/**
 * gredis_command_info_is_write:
 * @info: a #GredisCommandInfo
 *
 * Checks whether the command may change data.
 *
 * Returns: %TRUE if the command has %GREDIS_COMMAND_FLAG_WRITE
 */
gboolean
gredis_command_info_is_write (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return (info->flags & GREDIS_COMMAND_FLAG_WRITE) != 0;
}

/**
 * gredis_command_info_is_blocking:
 * @info: a #GredisCommandInfo
 *
 * Checks whether the command may block the connection it runs on, such as
 * `BLPOP`.
 *
 * Returns: %TRUE if the command has %GREDIS_COMMAND_FLAG_BLOCKING
 */
gboolean
gredis_command_info_is_blocking (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return (info->flags & GREDIS_COMMAND_FLAG_BLOCKING) != 0;
}

/**
 * gredis_command_info_is_pubsub:
 * @info: a #GredisCommandInfo
 *
 * Checks whether the command belongs to pub/sub, such as `SUBSCRIBE`.
 *
 * Returns: %TRUE if the command has %GREDIS_COMMAND_FLAG_PUBSUB
 */
gboolean
gredis_command_info_is_pubsub (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return (info->flags & GREDIS_COMMAND_FLAG_PUBSUB) != 0;
}

/**
 * gredis_command_info_is_idempotent:
 * @info: a #GredisCommandInfo
 *
 * Tells whether the command is idempotent whatever its arguments; see
 * %GREDIS_COMMAND_FLAG_IDEMPOTENT.
 *
 * Returns: %TRUE if the command has %GREDIS_COMMAND_FLAG_IDEMPOTENT
 */
gboolean
gredis_command_info_is_idempotent (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return (info->flags & GREDIS_COMMAND_FLAG_IDEMPOTENT) != 0;
}

static gboolean
arg_equal (const char * const *argv,
           const gsize        *argv_lengths,
           guint               i,
           const char         *word)
{
  gsize len = arg_length (argv, argv_lengths, i);

  return len == strlen (word) && g_ascii_strncasecmp (argv[i], word, len) == 0;
}

/**
 * gredis_command_info_is_idempotent_for_argv:
 * @info: the #GredisCommandInfo of @argv
 * @argc: the number of arguments
 * @argv: (array length=argc): the command and its arguments
 * @argv_lengths: (array length=argc) (nullable): their lengths, or %NULL if
 *   every argument is NUL-terminated
 *
 * Tells whether this particular command line is idempotent. This is
 * gredis_command_info_is_idempotent() plus the one command whose options
 * decide it: `SET` is idempotent unless it has `GET` (whose reply is the
 * previous value) or `NX` / `XX` (which answer nil when run again).
 *
 * Returns: %TRUE if running @argv twice is as good as running it once
 */
gboolean
gredis_command_info_is_idempotent_for_argv (const GredisCommandInfo *info,
                                            guint                    argc,
                                            const char * const      *argv,
                                            const gsize             *argv_lengths)
{
  g_return_val_if_fail (info != NULL, FALSE);
  g_return_val_if_fail (argc == 0 || argv != NULL, FALSE);

  if (info->flags & GREDIS_COMMAND_FLAG_IDEMPOTENT)
    return TRUE;

  if (strcmp (info->name, "set") == 0)
    {
      /* SET key value [NX | XX] [GET] [EX s | PX ms | EXAT t | PXAT t |
       * KEEPTTL]: options start after the value; the expiry options take
       * one argument, which is skipped so that it is never read as a
       * keyword. */
      if (argc < 3)
        return FALSE;
      for (guint i = 3; i < argc; i++)
        {
          if (arg_equal (argv, argv_lengths, i, "nx") ||
              arg_equal (argv, argv_lengths, i, "xx") ||
              arg_equal (argv, argv_lengths, i, "get"))
            return FALSE;
          if (arg_equal (argv, argv_lengths, i, "ex") ||
              arg_equal (argv, argv_lengths, i, "px") ||
              arg_equal (argv, argv_lengths, i, "exat") ||
              arg_equal (argv, argv_lengths, i, "pxat"))
            i++;
        }
      return TRUE;
    }

  return FALSE;
}

/**
 * gredis_command_info_get_key_range:
 * @info: a #GredisCommandInfo
 * @first_key: (out) (optional): the position of the first key, 0 if none
 * @last_key: (out) (optional): the position of the last key, negative
 *   when counted from the end
 * @key_step: (out) (optional): the distance between keys
 *
 * Gets the legacy key range of `COMMAND`'s reply. It does not describe
 * commands with %GREDIS_COMMAND_FLAG_MOVABLE_KEYS; use
 * gredis_command_info_get_keys() to find the keys of a command line.
 */
void
gredis_command_info_get_key_range (const GredisCommandInfo *info,
                                   int                     *first_key,
                                   int                     *last_key,
                                   int                     *key_step)
{
  g_return_if_fail (info != NULL);

  if (first_key != NULL)
    *first_key = info->first_key;
  if (last_key != NULL)
    *last_key = info->last_key;
  if (key_step != NULL)
    *key_step = info->key_step;
}

static const char * const no_strings[] = { NULL };

/**
 * gredis_command_info_get_acl_categories:
 * @info: a #GredisCommandInfo
 *
 * Gets the ACL categories of the command, such as `@read` and `@fast`.
 *
 * Returns: (transfer none) (array zero-terminated=1): the categories
 */
const char * const *
gredis_command_info_get_acl_categories (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return info->acl_categories != NULL ? info->acl_categories : no_strings;
}

/**
 * gredis_command_info_get_tips:
 * @info: a #GredisCommandInfo
 *
 * Gets the command tips of the server, such as `nondeterministic_output`
 * or `request_policy:all_shards`.
 *
 * Returns: (transfer none) (array zero-terminated=1): the tips
 */
const char * const *
gredis_command_info_get_tips (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return info->tips != NULL ? info->tips : no_strings;
}

/**
 * gredis_command_info_get_parent:
 * @info: a #GredisCommandInfo
 *
 * Gets the container command of a subcommand: `config` for `config|get`.
 *
 * Returns: (transfer none) (nullable): the container, or %NULL if @info
 *   is not a subcommand
 */
const GredisCommandInfo *
gredis_command_info_get_parent (const GredisCommandInfo *info)
{
  g_return_val_if_fail (info != NULL, NULL);

  return info->parent;
}

/**
 * gredis_command_info_list_subcommands:
 * @info: a #GredisCommandInfo
 *
 * Lists the subcommands of a container command, sorted by name.
 *
 * Returns: (transfer container) (element-type GredisCommandInfo): the
 *   subcommands, empty if @info has none
 */
GPtrArray *
gredis_command_info_list_subcommands (const GredisCommandInfo *info)
{
  GPtrArray *list;

  g_return_val_if_fail (info != NULL, NULL);

  list = g_ptr_array_sized_new (info->n_subcommands);
  for (guint i = 0; i < info->n_subcommands; i++)
    g_ptr_array_add (list, (gpointer) &info->subcommands[i]);
  return list;
}

/* Key positions.
 *
 * The key specifications of Redis 7 are applied as the server applies them
 * for COMMAND GETKEYS.  When a specification cannot give the answer (its
 * search is unknown, it is marked incomplete, or the command line does not
 * fit it, such as a bad numkeys), the server falls back to code of its
 * own for the command; the few commands where that code finds keys are
 * handled below, and for the others it finds none, as here. */

/* Parses a non-negative integer as the server does for numkeys: decimal
 * digits, no sign, no leading zero, no spaces. */
static gboolean
parse_count (const char *s,
             gsize       len,
             gint64     *out)
{
  gint64 v = 0;

  if (len == 0 || len > 18 || (s[0] == '0' && len > 1))
    return FALSE;
  for (gsize i = 0; i < len; i++)
    {
      if (s[i] < '0' || s[i] > '9')
        return FALSE;
      v = v * 10 + (s[i] - '0');
    }
  *out = v;
  return TRUE;
}

static gboolean
keys_from_spec (const GredisKeySpec *spec,
                guint                argc,
                const char * const  *argv,
                const gsize         *argv_lengths,
                GredisKeyFunc        func,
                gpointer             user_data)
{
  gint64 first = 0, last, step, n = argc;

  switch (spec->begin_search)
    {
    case GREDIS_KEY_SEARCH_INDEX:
      first = spec->pos;
      break;

    case GREDIS_KEY_SEARCH_KEYWORD:
      /* Searched forwards up to the last but one argument, or backwards
       * down to argv[2]: a keyword needs a key after it and the command
       * name before it. */
      if (spec->pos > 0)
        {
          for (gint64 i = spec->pos; i < n - 1; i++)
            if (arg_equal (argv, argv_lengths, (guint) i, spec->keyword))
              {
                first = i + 1;
                break;
              }
        }
      else
        {
          for (gint64 i = n + spec->pos; i > 1; i--)
            if (i < n && arg_equal (argv, argv_lengths, (guint) i, spec->keyword))
              {
                first = i + 1;
                break;
              }
        }
      if (first == 0)
        return TRUE;  /* an optional keyword that is absent */
      break;

    default:
      return FALSE;
    }

  switch (spec->find_keys)
    {
    case GREDIS_KEY_FIND_RANGE:
      step = spec->b;
      if (spec->a >= 0)
        last = first + spec->a;
      else if (spec->c == 0)
        last = n + spec->a;
      else
        last = first + (n - first) / spec->c + spec->a;
      break;

    case GREDIS_KEY_FIND_KEYNUM:
      {
        gint64 numkeys, idx = first + spec->a;

        step = spec->c;
        if (idx >= n ||
            !parse_count (argv[idx], arg_length (argv, argv_lengths, (guint) idx), &numkeys))
          return FALSE;
        first += spec->b;
        last = first + numkeys - 1;
      }
      break;

    default:
      return FALSE;
    }

  if (first >= n || last >= n || last < first || step <= 0)
    return FALSE;

  if (func != NULL)
    for (gint64 i = first; i <= last; i += step)
      func ((guint) i, user_data);

  return (spec->flags & GREDIS_KEY_SPEC_INCOMPLETE) == 0;
}

/* SORT key [BY pattern] [LIMIT offset count] [GET pattern ...] [ASC|DESC]
 * [ALPHA] [STORE destination]: the key, and the destination of the last
 * STORE; the arguments of BY, LIMIT and GET are skipped, not searched. */
static void
sort_keys (guint               argc,
           const char * const *argv,
           const gsize        *argv_lengths,
           gboolean            can_store,
           GredisKeyFunc       func,
           gpointer            user_data)
{
  guint store = 0;

  if (argc < 2)
    return;
  func (1, user_data);
  if (!can_store)
    return;

  for (guint i = 2; i < argc; i++)
    {
      if (arg_equal (argv, argv_lengths, i, "limit"))
        i += 2;
      else if (arg_equal (argv, argv_lengths, i, "get") ||
               arg_equal (argv, argv_lengths, i, "by"))
        i += 1;
      else if (arg_equal (argv, argv_lengths, i, "store") && i + 1 < argc)
        store = i + 1;
    }
  if (store != 0)
    func (store, user_data);
}

/* MIGRATE host port key|"" destination-db timeout [COPY] [REPLACE]
 * [AUTH password | AUTH2 username password] [KEYS key ...]: argv[3], or
 * everything after KEYS when argv[3] is empty. */
static void
migrate_keys (guint               argc,
              const char * const *argv,
              const gsize        *argv_lengths,
              GredisKeyFunc       func,
              gpointer            user_data)
{
  guint first = 3, count = 1;

  if (argc < 4)
    return;
  for (guint i = 6; i < argc; i++)
    {
      if (arg_equal (argv, argv_lengths, i, "keys"))
        {
          if (arg_length (argv, argv_lengths, 3) > 0)
            return;  /* the server refuses a key and KEYS together */
          first = i + 1;
          count = argc - first;
          break;
        }
      if (arg_equal (argv, argv_lengths, i, "auth"))
        i += 1;
      else if (arg_equal (argv, argv_lengths, i, "auth2"))
        i += 2;
    }

  for (guint i = 0; i < count; i++)
    func (first + i, user_data);
}

/* Whether every key specification of @info that counts (channels too
 * with @with_channels) fits the command line; when one does not, the
 * server's own code for the command is used instead. */
static gboolean
specs_fit (const GredisCommandInfo *info,
           guint                    argc,
           const char * const      *argv,
           const gsize             *argv_lengths,
           gboolean                 with_channels,
           gboolean                *have_spec)
{
  *have_spec = FALSE;
  for (guint i = 0; i < info->n_key_specs; i++)
    {
      const GredisKeySpec *spec = &info->key_specs[i];

      if ((spec->flags & GREDIS_KEY_SPEC_NOT_KEY) && !with_channels)
        continue;
      *have_spec = TRUE;
      if (!keys_from_spec (spec, argc, argv, argv_lengths, NULL, NULL))
        return FALSE;
    }
  return TRUE;
}

/* Calls @func with the position of each key of the command line, as
 * gredis_command_info_get_keys() finds them, and of each channel of the
 * sharded pub/sub commands with @with_channels. Allocates nothing. */
void
_gredis_command_info_foreach_key (const GredisCommandInfo *info,
                                  guint                    argc,
                                  const char * const      *argv,
                                  const gsize             *argv_lengths,
                                  gboolean                 with_channels,
                                  GredisKeyFunc            func,
                                  gpointer                 user_data)
{
  gboolean have_spec;

  /* A VARIABLE_FLAGS specification makes the server prefer its own code,
   * but only for the flags of the keys: for SET and BITFIELD, the two
   * commands that have one, that code finds the same single key as the
   * specification, so the specification is used here. */
  if (specs_fit (info, argc, argv, argv_lengths, with_channels, &have_spec))
    {
      for (guint i = 0; i < info->n_key_specs; i++)
        {
          const GredisKeySpec *spec = &info->key_specs[i];

          if ((spec->flags & GREDIS_KEY_SPEC_NOT_KEY) && !with_channels)
            continue;
          keys_from_spec (spec, argc, argv, argv_lengths, func, user_data);
        }
    }
  else if (have_spec)
    {
      if (strcmp (info->name, "sort") == 0)
        sort_keys (argc, argv, argv_lengths, TRUE, func, user_data);
      else if (strcmp (info->name, "sort_ro") == 0)
        sort_keys (argc, argv, argv_lengths, FALSE, func, user_data);
      else if (strcmp (info->name, "migrate") == 0)
        migrate_keys (argc, argv, argv_lengths, func, user_data);
    }
}

static void
append_key (guint    pos,
            gpointer user_data)
{
  g_array_append_val ((GArray *) user_data, pos);
}

/**
 * gredis_command_info_get_keys:
 * @info: the #GredisCommandInfo of @argv, as gredis_command_table_lookup_argv()
 *   gives it
 * @argc: the number of arguments
 * @argv: (array length=argc): the command and its arguments
 * @argv_lengths: (array length=argc) (nullable): their lengths, or %NULL if
 *   every argument is NUL-terminated
 * @n_keys: (out): where to store the number of keys
 *
 * Finds which arguments of a command line are keys, the way the server
 * does for `COMMAND GETKEYS`: from the key specifications of the command,
 * including the movable ones (`EVAL` and its numkeys, `ZUNIONSTORE`,
 * `XREAD … STREAMS`, `MIGRATE … KEYS`, `SORT … STORE`, `LMPOP` …).
 * Positions count the command name as 0 and are in increasing order for
 * each key specification. A command line that does not fit the command
 * (a numkeys that is not a number, or larger than the number of
 * arguments left) has no keys.
 *
 * Channels of the sharded pub/sub commands (`SPUBLISH` …) are not keys.
 *
 * Returns: (array length=n_keys) (transfer full) (nullable): the
 *   positions of the keys in @argv, or %NULL if there are none
 */
guint *
gredis_command_info_get_keys (const GredisCommandInfo *info,
                              guint                    argc,
                              const char * const      *argv,
                              const gsize             *argv_lengths,
                              guint                   *n_keys)
{
  GArray *keys;

  g_return_val_if_fail (info != NULL, NULL);
  g_return_val_if_fail (argc == 0 || argv != NULL, NULL);
  g_return_val_if_fail (n_keys != NULL, NULL);

  *n_keys = 0;
  keys = g_array_new (FALSE, FALSE, sizeof (guint));
  _gredis_command_info_foreach_key (info, argc, argv, argv_lengths, FALSE, append_key, keys);

  *n_keys = keys->len;
  if (keys->len == 0)
    {
      g_array_free (keys, TRUE);
      return NULL;
    }
  return (guint *) g_array_free (keys, FALSE);
}
