/* test-command-state.c: which commands change the state of their
 * connection (core/commands/gredis-command-state.c)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include "gredis-command-state-private.h"

typedef struct
{
  const char *argv[3];
  GredisCommandState state;
} Expected;

/* Every member of every family, in the server's spelling. */
static const Expected members[] = {
  { { "multi" }, GREDIS_COMMAND_STATE_TRANSACTION },
  { { "exec" }, GREDIS_COMMAND_STATE_TRANSACTION },
  { { "discard" }, GREDIS_COMMAND_STATE_TRANSACTION },
  { { "watch", "k" }, GREDIS_COMMAND_STATE_TRANSACTION },
  { { "unwatch" }, GREDIS_COMMAND_STATE_TRANSACTION },
  { { "select", "3" }, GREDIS_COMMAND_STATE_DATABASE },
  { { "subscribe", "c" }, GREDIS_COMMAND_STATE_SUBSCRIBE },
  { { "psubscribe", "c*" }, GREDIS_COMMAND_STATE_SUBSCRIBE },
  { { "ssubscribe", "c" }, GREDIS_COMMAND_STATE_SUBSCRIBE },
  { { "unsubscribe" }, GREDIS_COMMAND_STATE_SUBSCRIBE },
  { { "punsubscribe" }, GREDIS_COMMAND_STATE_SUBSCRIBE },
  { { "sunsubscribe" }, GREDIS_COMMAND_STATE_SUBSCRIBE },
  { { "monitor" }, GREDIS_COMMAND_STATE_MONITOR },
  { { "client", "reply", "off" }, GREDIS_COMMAND_STATE_REPLY_MODE },
  { { "client", "tracking", "on" }, GREDIS_COMMAND_STATE_TRACKING },
  { { "client", "caching", "yes" }, GREDIS_COMMAND_STATE_TRACKING },
  { { "reset" }, GREDIS_COMMAND_STATE_RESET },
  { { "hello", "3" }, GREDIS_COMMAND_STATE_HELLO_AUTH },
  { { "auth", "secret" }, GREDIS_COMMAND_STATE_HELLO_AUTH },
  { { "readonly" }, GREDIS_COMMAND_STATE_CLUSTER },
  { { "readwrite" }, GREDIS_COMMAND_STATE_CLUSTER },
  { { "asking" }, GREDIS_COMMAND_STATE_CLUSTER },
  { { "client", "setname", "x" }, GREDIS_COMMAND_STATE_NAME },
  { { "client", "setinfo", "lib-name" }, GREDIS_COMMAND_STATE_NAME },
  { { "client", "no-evict", "on" }, GREDIS_COMMAND_STATE_CLIENT_MODE },
  { { "client", "no-touch", "on" }, GREDIS_COMMAND_STATE_CLIENT_MODE },
  { { "quit" }, GREDIS_COMMAND_STATE_QUIT },
  { { "sync" }, GREDIS_COMMAND_STATE_REPLICATION },
  { { "psync", "?", "-1" }, GREDIS_COMMAND_STATE_REPLICATION },
  { { "replconf", "ack", "0" }, GREDIS_COMMAND_STATE_REPLICATION },
};

static guint
argv_length (const char * const *argv)
{
  guint n = 0;

  while (n < 3 && argv[n] != NULL)
    n++;
  return n;
}

/* The state of @argv through the three argument forms, which must agree. */
static GredisCommandState
state_of (guint               argc,
          const char * const *argv)
{
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autofree char *unterminated = NULL;
  const char *copy[3];
  gsize lengths[3];
  GredisCommandState state;

  state = _gredis_command_get_state (argc, argv, NULL, NULL, NULL);

  /* With lengths, the name followed by junk that is not part of it. */
  unterminated = g_strconcat (argv[0], "XYZ", NULL);
  copy[0] = unterminated;
  lengths[0] = strlen (argv[0]);
  for (guint i = 1; i < argc; i++)
    {
      copy[i] = argv[i];
      lengths[i] = strlen (argv[i]);
    }
  g_assert_cmpint (_gredis_command_get_state (argc, copy, lengths, NULL, NULL), ==, state);

  for (guint i = 0; i < argc; i++)
    g_ptr_array_add (bytes, g_bytes_new (argv[i], strlen (argv[i])));
  g_assert_cmpint (_gredis_command_get_state (argc, NULL, NULL,
                                              (GBytes * const *) bytes->pdata, NULL), ==, state);
  return state;
}

static void
test_members (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (members); i++)
    {
      const char * const *argv = members[i].argv;
      guint argc = argv_length (argv);
      g_autofree char *upper = g_ascii_strup (argv[0], -1);
      g_autofree char *sub_upper = argc > 1 ? g_ascii_strup (argv[1], -1) : NULL;
      const char *mixed[3] = { upper, sub_upper, argc > 2 ? argv[2] : NULL };
      g_autoptr(GError) error = NULL;

      g_test_message ("%s %s", argv[0], argc > 1 ? argv[1] : "");
      g_assert_cmpint (state_of (argc, argv), ==, members[i].state);
      /* Any case, the subcommand's too. */
      upper[1] = g_ascii_tolower (upper[1]);
      g_assert_cmpint (state_of (argc, mixed), ==, members[i].state);

      g_assert_false (_gredis_command_check_state (argc, argv, NULL, NULL, &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
    }
}

static void
test_allowed (void)
{
  static const char *allowed[][3] = {
    { "get", "k" }, { "set", "k", "v" }, { "sadd", "s", "m" }, { "hset", "h", "f" },
    { "ping" }, { "echo", "x" }, { "publish", "c", "m" }, { "spublish", "c", "m" },
    { "pubsub", "channels" }, { "pubsub", "numsub" },
    { "hello" },                              /* alone, it only describes the connection */
    { "client" }, { "client", "id" }, { "client", "info" }, { "client", "list" },
    { "client", "getname" }, { "client", "kill", "id" }, { "client", "pause", "10" },
    { "client", "trackinginfo" }, { "client", "replyx" }, { "client", "repl" },
    { "swapdb", "0", "1" }, { "move", "k", "1" }, { "wait", "1", "0" }, { "waitaof", "0" },
    { "selectx" }, { "selec" }, { "multix" }, { "execute" }, { "quitting" }, { "clients", "reply" },
    { "9multi" }, { "\xc1" "uth" }, { "@uth" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    {
      guint argc = argv_length (allowed[i]);
      /* Escaped: one name is not UTF-8, which TAP output must be. */
      g_autofree char *name = g_strescape (allowed[i][0], NULL);
      g_autoptr(GError) error = NULL;

      g_test_message ("%s %s", name, argc > 1 ? allowed[i][1] : "");
      g_assert_cmpint (state_of (argc, allowed[i]), ==, GREDIS_COMMAND_STATE_NONE);
      g_assert_true (_gredis_command_check_state (argc, allowed[i], NULL, NULL, &error));
      g_assert_no_error (error);
    }

  /* Names of binary arguments: a NUL, an empty name. */
  {
    const char *argv[] = { "multi\0x", "" };
    gsize lengths[] = { 7, 0 };

    g_assert_cmpint (_gredis_command_get_state (1, argv, lengths, NULL, NULL), ==,
                     GREDIS_COMMAND_STATE_NONE);
    g_assert_cmpint (_gredis_command_get_state (1, argv + 1, lengths + 1, NULL, NULL), ==,
                     GREDIS_COMMAND_STATE_NONE);
  }
}

/* Every command and subcommand of the compiled table: those above are in
 * their family, every other one is not. A new table that puts a command
 * in @transaction, or a new (un)subscribe form, shows up here. */
static void
test_table_sweep (void)
{
  g_autoptr(GPtrArray) commands = gredis_command_table_list ();
  guint n_checked = 0, n_members = 0;

  for (guint i = 0; i < commands->len; i++)
    {
      const GredisCommandInfo *info = g_ptr_array_index (commands, i);
      g_autoptr(GPtrArray) subs = gredis_command_info_list_subcommands (info);
      guint n_names = subs != NULL && subs->len > 0 ? subs->len : 1;

      for (guint j = 0; j < n_names; j++)
        {
          const char *name = gredis_command_info_get_name (info);
          const char *sub = NULL;
          const char *argv[3] = { name, NULL, "x" };
          GredisCommandState expected = GREDIS_COMMAND_STATE_NONE;
          GredisCommandState state;

          if (subs != NULL && subs->len > 0)
            {
              sub = strchr (gredis_command_info_get_name (g_ptr_array_index (subs, j)), '|') + 1;
              argv[1] = sub;
            }
          else
            argv[1] = "x";

          for (gsize m = 0; m < G_N_ELEMENTS (members); m++)
            if (g_str_equal (members[m].argv[0], name) &&
                (sub == NULL || g_strcmp0 (members[m].argv[1], sub) == 0))
              expected = members[m].state;
          state = state_of (3, argv);
          if (state != expected)
            g_error ("%s %s: family %d, expected %d", name, sub != NULL ? sub : "", state, expected);
          n_checked++;
          if (state != GREDIS_COMMAND_STATE_NONE)
            n_members++;
        }
    }
  g_test_message ("%u commands checked, %u change the connection", n_checked, n_members);
  /* The 7.0 table lacks CLIENT SETINFO and CLIENT NO-TOUCH only. */
  g_assert_cmpuint (n_members, >=, G_N_ELEMENTS (members) - 2);
}

static void
test_error_message (void)
{
  const char *argv[] = { "Client", "Reply", "off" };
  g_autoptr(GError) error = NULL;

  g_assert_false (_gredis_command_check_state (3, argv, NULL, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION_STATE);
  g_assert_true (g_str_has_prefix (error->message, "CLIENT REPLY "));
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/command-state/members", test_members);
  g_test_add_func ("/command-state/allowed", test_allowed);
  g_test_add_func ("/command-state/table-sweep", test_table_sweep);
  g_test_add_func ("/command-state/error-message", test_error_message);

  return g_test_run ();
}
