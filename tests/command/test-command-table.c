/* test-command-table.c: lookups, flags and key positions of the compiled
 * command table
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "command-samples.h"

static const GredisCommandInfo *
lookup_line (const char *line)
{
  g_auto(GStrv) argv = g_strsplit (line, " ", -1);

  return gredis_command_table_lookup_argv (g_strv_length (argv),
                                           (const char * const *) argv, NULL);
}

static void
test_version (void)
{
  const char *version = gredis_command_table_get_version ();

  g_assert_nonnull (version);
  g_assert_true (g_str_has_prefix (version, "7.0."));
}

static void
test_lookup (void)
{
  const GredisCommandInfo *get = gredis_command_table_lookup ("get");

  g_assert_nonnull (get);
  g_assert_cmpstr (gredis_command_info_get_name (get), ==, "get");
  g_assert_true (gredis_command_table_lookup ("GET") == get);
  g_assert_true (gredis_command_table_lookup ("gEt") == get);
  g_assert_null (gredis_command_table_lookup ("ge"));
  g_assert_null (gredis_command_table_lookup ("gett"));
  g_assert_null (gredis_command_table_lookup ("no-such-command"));
  g_assert_null (gredis_command_table_lookup (""));

  /* The first and last entries, and names with '-' and '_'. */
  g_assert_nonnull (gredis_command_table_lookup ("acl"));
  g_assert_nonnull (gredis_command_table_lookup ("zunionstore"));
  g_assert_nonnull (gredis_command_table_lookup ("restore-asking"));
  g_assert_nonnull (gredis_command_table_lookup ("GEORADIUS_RO"));
}

static void
test_lookup_argv (void)
{
  const char *argv[] = { "GETRANGE", "k", "0", "1" };
  gsize lengths[] = { 3, 1, 1, 1 };
  const char *binary[] = { "GET\0X", "k" };
  gsize binary_lengths[] = { 5, 1 };
  const GredisCommandInfo *info;

  info = gredis_command_table_lookup_argv (4, argv, NULL);
  g_assert_cmpstr (gredis_command_info_get_name (info), ==, "getrange");

  /* Lengths win over NUL terminators; a NUL inside never matches. */
  info = gredis_command_table_lookup_argv (4, argv, lengths);
  g_assert_cmpstr (gredis_command_info_get_name (info), ==, "get");
  g_assert_null (gredis_command_table_lookup_argv (2, binary, binary_lengths));
  binary_lengths[0] = 3;
  g_assert_true (gredis_command_table_lookup_argv (2, binary, binary_lengths) ==
                 gredis_command_table_lookup ("get"));
}

static void
test_subcommands (void)
{
  const GredisCommandInfo *config = gredis_command_table_lookup ("config");
  const GredisCommandInfo *config_get = gredis_command_table_lookup ("CONFIG|GET");
  g_autoptr(GPtrArray) subs = NULL;
  gboolean found = FALSE;

  g_assert_nonnull (config);
  g_assert_nonnull (config_get);
  g_assert_cmpstr (gredis_command_info_get_name (config_get), ==, "config|get");
  g_assert_true (gredis_command_info_get_parent (config_get) == config);
  g_assert_null (gredis_command_info_get_parent (config));

  /* A container has no flags of its own. */
  g_assert_cmpint (gredis_command_info_get_flags (config), ==, GREDIS_COMMAND_FLAG_NONE);
  g_assert_cmpint (gredis_command_info_get_arity (config), ==, -2);
  g_assert_true (gredis_command_info_get_flags (config_get) & GREDIS_COMMAND_FLAG_ADMIN);
  g_assert_true (gredis_command_info_is_idempotent (config_get));
  g_assert_false (gredis_command_info_is_idempotent (gredis_command_table_lookup ("config|set")));
  g_assert_cmpint (gredis_command_info_get_arity (config_get), ==, -3);

  g_assert_true (lookup_line ("CONFIG GET maxmemory") == config_get);
  g_assert_true (lookup_line ("config get") == config_get);
  g_assert_true (lookup_line ("CONFIG") == config);
  g_assert_null (lookup_line ("CONFIG NOSUCH x"));
  g_assert_null (gredis_command_table_lookup ("config|nosuch"));
  g_assert_null (gredis_command_table_lookup ("config|"));
  g_assert_null (gredis_command_table_lookup ("get|x"));
  /* A command without subcommands ignores its second argument. */
  g_assert_true (lookup_line ("GET config") == gredis_command_table_lookup ("get"));

  subs = gredis_command_info_list_subcommands (config);
  g_assert_cmpuint (subs->len, >=, 4);
  for (guint i = 0; i < subs->len; i++)
    {
      const GredisCommandInfo *sub = subs->pdata[i];

      g_assert_true (g_str_has_prefix (gredis_command_info_get_name (sub), "config|"));
      g_assert_true (gredis_command_info_get_parent (sub) == config);
      found |= sub == config_get;
    }
  g_assert_true (found);
}

static void
test_flags (void)
{
  const GredisCommandInfo *get = gredis_command_table_lookup ("get");
  const GredisCommandInfo *set = gredis_command_table_lookup ("set");
  const GredisCommandInfo *blpop = gredis_command_table_lookup ("blpop");
  const GredisCommandInfo *subscribe = gredis_command_table_lookup ("subscribe");
  const GredisCommandInfo *eval = gredis_command_table_lookup ("eval");

  g_assert_true (gredis_command_info_is_read_only (get));
  g_assert_false (gredis_command_info_is_write (get));
  g_assert_false (gredis_command_info_is_blocking (get));
  g_assert_true (gredis_command_info_is_idempotent (get));
  g_assert_cmpint (gredis_command_info_get_flags (get), ==,
                   GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
                   GREDIS_COMMAND_FLAG_IDEMPOTENT);
  g_assert_cmpint (gredis_command_info_get_arity (get), ==, 2);

  g_assert_true (gredis_command_info_is_write (set));
  g_assert_false (gredis_command_info_is_read_only (set));
  g_assert_false (gredis_command_info_is_idempotent (set));
  g_assert_true (gredis_command_info_get_flags (set) & GREDIS_COMMAND_FLAG_DENYOOM);
  g_assert_cmpint (gredis_command_info_get_arity (set), ==, -3);

  g_assert_true (gredis_command_info_is_blocking (blpop));
  g_assert_true (gredis_command_info_is_write (blpop));
  g_assert_false (gredis_command_info_is_idempotent (blpop));

  g_assert_true (gredis_command_info_is_pubsub (subscribe));
  g_assert_false (gredis_command_info_is_pubsub (get));
  g_assert_true (gredis_command_info_get_flags (subscribe) & GREDIS_COMMAND_FLAG_NOSCRIPT);

  g_assert_true (gredis_command_info_get_flags (eval) & GREDIS_COMMAND_FLAG_MOVABLE_KEYS);
  g_assert_true (gredis_command_info_get_flags (eval) & GREDIS_COMMAND_FLAG_NOSCRIPT);
  g_assert_false (gredis_command_info_get_flags (get) & GREDIS_COMMAND_FLAG_MOVABLE_KEYS);

  g_assert_true (gredis_command_info_get_flags (gredis_command_table_lookup ("auth")) &
                 GREDIS_COMMAND_FLAG_NO_AUTH);
  g_assert_true (gredis_command_info_get_flags (gredis_command_table_lookup ("xread")) &
                 GREDIS_COMMAND_FLAG_BLOCKING);
  g_assert_true (gredis_command_info_is_read_only (gredis_command_table_lookup ("xread")));
}

static void
test_idempotent (void)
{
  const char *idempotent[] = {
    "get", "mget", "exists", "hgetall", "zrange", "xread", "ping", "echo",
    "del", "unlink", "hset", "sadd", "srem", "zrem", "hdel", "expireat",
    "pexpireat", "persist", "mset", "setex", "psetex", "command|info",
  };
  const char *not_idempotent[] = {
    "set", "incr", "incrby", "decr", "append", "lpush", "rpush", "lpop",
    "rpoplpush", "lmove", "spop", "xadd", "zincrby", "hincrby", "getset",
    "getdel", "setnx", "msetnx", "rename", "expire", "pexpire", "eval",
    "flushall", "config|set", "blpop", "publish", "subscribe", "setbit",
    "lrem", "zunionstore", "bitop",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (idempotent); i++)
    {
      const GredisCommandInfo *info = gredis_command_table_lookup (idempotent[i]);

      g_assert_nonnull (info);
      if (!gredis_command_info_is_idempotent (info))
        g_error ("%s should be idempotent", idempotent[i]);
    }
  for (gsize i = 0; i < G_N_ELEMENTS (not_idempotent); i++)
    {
      const GredisCommandInfo *info = gredis_command_table_lookup (not_idempotent[i]);

      g_assert_nonnull (info);
      if (gredis_command_info_is_idempotent (info))
        g_error ("%s should not be idempotent", not_idempotent[i]);
    }

  /* Every read-only command is idempotent. */
  {
    g_autoptr(GPtrArray) all = gredis_command_table_list ();

    for (guint i = 0; i < all->len; i++)
      {
        g_autoptr(GPtrArray) subs = gredis_command_info_list_subcommands (all->pdata[i]);

        if (gredis_command_info_is_read_only (all->pdata[i]))
          g_assert_true (gredis_command_info_is_idempotent (all->pdata[i]));
        for (guint j = 0; j < subs->len; j++)
          if (gredis_command_info_is_read_only (subs->pdata[j]))
            g_assert_true (gredis_command_info_is_idempotent (subs->pdata[j]));
      }
  }
}

static gboolean
line_is_idempotent (const char *line)
{
  g_auto(GStrv) argv = g_strsplit (line, " ", -1);
  guint argc = g_strv_length (argv);
  const GredisCommandInfo *info =
    gredis_command_table_lookup_argv (argc, (const char * const *) argv, NULL);

  g_assert_nonnull (info);
  return gredis_command_info_is_idempotent_for_argv (info, argc, (const char * const *) argv, NULL);
}

static void
test_idempotent_argv (void)
{
  g_assert_true (line_is_idempotent ("SET k v"));
  g_assert_true (line_is_idempotent ("SET k v EX 10"));
  g_assert_true (line_is_idempotent ("set k v px 100 KEEPTTL"));
  g_assert_true (line_is_idempotent ("SET k v KEEPTTL"));
  /* An expiry's argument is not an option, whatever it says. */
  g_assert_true (line_is_idempotent ("SET k v EX nx"));
  /* The key and the value are not options either. */
  g_assert_true (line_is_idempotent ("SET get nx"));
  g_assert_false (line_is_idempotent ("SET k v NX"));
  g_assert_false (line_is_idempotent ("SET k v xx EX 10"));
  g_assert_false (line_is_idempotent ("SET k v GET"));
  g_assert_false (line_is_idempotent ("SET k v EX 10 get"));
  g_assert_false (line_is_idempotent ("SET k"));
  g_assert_true (line_is_idempotent ("DEL a b"));
  g_assert_true (line_is_idempotent ("GET k"));
  g_assert_false (line_is_idempotent ("INCR k"));
}

static void
test_arity (void)
{
  const GredisCommandInfo *get = gredis_command_table_lookup ("get");
  const GredisCommandInfo *set = gredis_command_table_lookup ("set");

  g_assert_false (gredis_command_info_check_arity (get, 1));
  g_assert_true (gredis_command_info_check_arity (get, 2));
  g_assert_false (gredis_command_info_check_arity (get, 3));
  g_assert_false (gredis_command_info_check_arity (set, 2));
  g_assert_true (gredis_command_info_check_arity (set, 3));
  g_assert_true (gredis_command_info_check_arity (set, 30));
}

static void
test_key_range (void)
{
  int first, last, step;

  gredis_command_info_get_key_range (gredis_command_table_lookup ("mset"), &first, &last, &step);
  g_assert_cmpint (first, ==, 1);
  g_assert_cmpint (last, ==, -1);
  g_assert_cmpint (step, ==, 2);
  gredis_command_info_get_key_range (gredis_command_table_lookup ("ping"), &first, &last, &step);
  g_assert_cmpint (first, ==, 0);
  gredis_command_info_get_key_range (gredis_command_table_lookup ("get"), &first, NULL, NULL);
  g_assert_cmpint (first, ==, 1);
}

static void
test_acl_and_tips (void)
{
  const GredisCommandInfo *get = gredis_command_table_lookup ("get");
  const GredisCommandInfo *keys = gredis_command_table_lookup ("keys");
  const GredisCommandInfo *ping = gredis_command_table_lookup ("ping");

  g_assert_true (g_strv_contains (gredis_command_info_get_acl_categories (get), "@read"));
  g_assert_true (g_strv_contains (gredis_command_info_get_acl_categories (get), "@fast"));
  g_assert_cmpuint (g_strv_length ((char **) gredis_command_info_get_tips (get)), ==, 0);
  g_assert_true (g_strv_contains (gredis_command_info_get_tips (keys), "request_policy:all_shards"));
  g_assert_true (g_strv_contains (gredis_command_info_get_tips (ping), "response_policy:all_succeeded"));
  g_assert_true (g_strv_contains (gredis_command_info_get_acl_categories (ping), "@connection"));
}

static void
test_table_order (void)
{
  /* Sorted and lower case, so that the binary search finds everything;
   * every entry can be found by its own name. */
  g_autoptr(GPtrArray) all = gredis_command_table_list ();
  guint n_subs = 0;

  g_assert_cmpuint (all->len, >, 200);
  for (guint i = 0; i < all->len; i++)
    {
      const char *name = gredis_command_info_get_name (all->pdata[i]);
      g_autofree char *upper = g_ascii_strup (name, -1);
      g_autoptr(GPtrArray) subs = gredis_command_info_list_subcommands (all->pdata[i]);

      g_assert_true (gredis_command_table_lookup (name) == all->pdata[i]);
      g_assert_true (gredis_command_table_lookup (upper) == all->pdata[i]);
      if (i > 0)
        g_assert_cmpint (strcmp (gredis_command_info_get_name (all->pdata[i - 1]), name), <, 0);
      for (guint j = 0; j < subs->len; j++)
        {
          const char *sub = gredis_command_info_get_name (subs->pdata[j]);
          g_autofree char *sub_upper = g_ascii_strup (sub, -1);

          g_assert_true (gredis_command_table_lookup (sub) == subs->pdata[j]);
          g_assert_true (gredis_command_table_lookup (sub_upper) == subs->pdata[j]);
          g_assert_true (gredis_command_info_get_parent (subs->pdata[j]) == all->pdata[i]);
          n_subs++;
        }
    }
  g_assert_cmpuint (n_subs, >, 100);
}

static void
test_boxed (void)
{
  GredisCommandInfo *get = (GredisCommandInfo *) gredis_command_table_lookup ("get");
  GredisCommandInfo *copy;
  GValue value = G_VALUE_INIT;
  GFlagsClass *flags_class;

  copy = g_boxed_copy (GREDIS_TYPE_COMMAND_INFO, get);
  g_assert_true (copy == get);
  g_boxed_free (GREDIS_TYPE_COMMAND_INFO, copy);
  g_assert_cmpstr (gredis_command_info_get_name (get), ==, "get");
  g_assert_true (gredis_command_info_copy (get) == get);
  gredis_command_info_free (get);

  g_value_init (&value, GREDIS_TYPE_COMMAND_INFO);
  g_value_set_boxed (&value, get);
  g_assert_true (g_value_get_boxed (&value) == get);
  g_value_unset (&value);

  flags_class = g_type_class_ref (GREDIS_TYPE_COMMAND_FLAGS);
  g_assert_cmpint (g_flags_get_value_by_nick (flags_class, "readonly")->value, ==,
                   GREDIS_COMMAND_FLAG_READONLY);
  g_assert_cmpint (g_flags_get_value_by_nick (flags_class, "movable-keys")->value, ==,
                   GREDIS_COMMAND_FLAG_MOVABLE_KEYS);
  g_type_class_unref (flags_class);
}

static void
test_keys_samples (void)
{
  for (gsize s = 0; s < G_N_ELEMENTS (command_samples); s++)
    {
      const CommandSample *sample = &command_samples[s];
      g_auto(GStrv) argv = command_sample_split (sample->line);
      guint argc = g_strv_length (argv);
      const GredisCommandInfo *info;
      g_autofree guint *keys = NULL;
      guint n_keys = 99, n_expected = 0;

      g_test_message ("%s", sample->line);
      info = gredis_command_table_lookup_argv (argc, (const char * const *) argv, NULL);
      g_assert_nonnull (info);
      keys = gredis_command_info_get_keys (info, argc, (const char * const *) argv, NULL, &n_keys);

      while (sample->keys[n_expected] >= 0)
        n_expected++;
      if (n_keys != n_expected)
        g_error ("%s: %u keys, expected %u", sample->line, n_keys, n_expected);
      for (guint i = 0; i < n_keys; i++)
        g_assert_cmpint (keys[i], ==, sample->keys[i]);
      if (n_keys == 0)
        g_assert_null (keys);
    }
}

static void
test_keys_binary (void)
{
  /* Keys and keywords are matched with their lengths, not as C strings. */
  const char *argv[] = { "XREAD", "STREAMS\0junk", "STREAMS", "k\0ey", "0" };
  gsize lengths[] = { 5, 12, 7, 4, 1 };
  const GredisCommandInfo *info = gredis_command_table_lookup_argv (5, argv, lengths);
  g_autofree guint *keys = NULL;
  guint n_keys = 0;

  g_assert_cmpstr (gredis_command_info_get_name (info), ==, "xread");
  keys = gredis_command_info_get_keys (info, 5, argv, lengths, &n_keys);
  g_assert_cmpuint (n_keys, ==, 1);
  g_assert_cmpuint (keys[0], ==, 3);
}

static void
test_keys_short_argv (void)
{
  /* Command lines shorter than the arity find no keys, and read nothing
   * past the end of argv. */
  const char *lines[] = {
    "GET", "SORT", "MIGRATE host 6379", "EVAL", "EVAL script", "ZUNIONSTORE k1",
    "XREAD STREAMS", "MSET", "BITOP AND", "OBJECT ENCODING", "GEORADIUS k1 0 0 1 km STORE",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (lines); i++)
    {
      g_auto(GStrv) argv = g_strsplit (lines[i], " ", -1);
      guint argc = g_strv_length (argv);
      const GredisCommandInfo *info =
        gredis_command_table_lookup_argv (argc, (const char * const *) argv, NULL);
      g_autofree guint *keys = NULL;
      guint n_keys = 0;

      g_assert_nonnull (info);
      keys = gredis_command_info_get_keys (info, argc, (const char * const *) argv, NULL, &n_keys);
      for (guint k = 0; k < n_keys; k++)
        g_assert_cmpuint (keys[k], <, argc);
      if (g_str_equal (lines[i], "GEORADIUS k1 0 0 1 km STORE"))
        g_assert_cmpuint (n_keys, ==, 1);
      else
        g_assert_cmpuint (n_keys, ==, 0);
    }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/command-table/version", test_version);
  g_test_add_func ("/command-table/lookup", test_lookup);
  g_test_add_func ("/command-table/lookup-argv", test_lookup_argv);
  g_test_add_func ("/command-table/subcommands", test_subcommands);
  g_test_add_func ("/command-table/flags", test_flags);
  g_test_add_func ("/command-table/idempotent", test_idempotent);
  g_test_add_func ("/command-table/idempotent-argv", test_idempotent_argv);
  g_test_add_func ("/command-table/arity", test_arity);
  g_test_add_func ("/command-table/key-range", test_key_range);
  g_test_add_func ("/command-table/acl-and-tips", test_acl_and_tips);
  g_test_add_func ("/command-table/order", test_table_order);
  g_test_add_func ("/command-table/boxed", test_boxed);
  g_test_add_func ("/command-table/keys/samples", test_keys_samples);
  g_test_add_func ("/command-table/keys/binary", test_keys_binary);
  g_test_add_func ("/command-table/keys/short-argv", test_keys_short_argv);

  return g_test_run ();
}
