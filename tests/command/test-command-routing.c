/* test-command-routing.c: what a cluster client routes by, in the compiled
 * command table: key specifications and the policies of the command tips
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Written against the private accessors of gredis-command-table-private.h
 * (an internal test, linked with the core statically).
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-command-table-private.h"

static const GredisCommandInfo *
lookup_line (const char *line)
{
  g_auto(GStrv) argv = g_strsplit (line, " ", -1);
  const GredisCommandInfo *info;

  info = gredis_command_table_lookup_argv (g_strv_length (argv),
                                           (const char * const *) argv, NULL);
  g_assert_nonnull (info);
  return info;
}

/* The positions gredis_command_info_get_keys() finds in @line, as a
 * string such as "1 3", so that a failure shows them. */
static char *
keys_of_line (const char *line)
{
  g_auto(GStrv) argv = g_strsplit (line, " ", -1);
  guint argc = g_strv_length (argv), n_keys = 0;
  const GredisCommandInfo *info = lookup_line (line);
  g_autofree guint *keys = NULL;
  GString *out = g_string_new (NULL);

  keys = gredis_command_info_get_keys (info, argc, (const char * const *) argv,
                                       NULL, &n_keys);
  for (guint i = 0; i < n_keys; i++)
    g_string_append_printf (out, "%s%u", i > 0 ? " " : "", keys[i]);
  return g_string_free (out, FALSE);
}

static const GredisKeySpec *
only_key_spec (const GredisCommandInfo *info)
{
  const GredisKeySpec *specs;
  guint n_specs = 99;

  specs = gredis_command_info_get_key_specs (info, &n_specs);
  g_assert_cmpuint (n_specs, ==, 1);
  g_assert_nonnull (specs);
  return &specs[0];
}

/* MSET key value [key value ...]: every second argument from the first,
 * split by slot in a cluster. */
static void
test_mset (void)
{
  const GredisCommandInfo *mset = lookup_line ("MSET");
  const GredisKeySpec *spec = only_key_spec (mset);
  g_autofree char *keys = keys_of_line ("MSET a 1 b 2 c 3");

  g_assert_cmpint (spec->begin_search, ==, GREDIS_KEY_SEARCH_INDEX);
  g_assert_cmpint (spec->pos, ==, 1);
  g_assert_cmpint (spec->find_keys, ==, GREDIS_KEY_FIND_RANGE);
  g_assert_cmpint (spec->a, ==, -1);  /* lastkey: up to the last argument */
  g_assert_cmpint (spec->b, ==, 2);   /* keystep */
  g_assert_cmpint (spec->c, ==, 0);   /* limit */
  g_assert_cmpuint (spec->flags, ==, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE);
  g_assert_cmpuint (gredis_command_info_get_flags (mset) & GREDIS_COMMAND_FLAG_MOVABLE_KEYS, ==, 0);
  g_assert_cmpstr (keys, ==, "1 3 5");

  g_assert_cmpint (gredis_command_info_get_request_policy (mset), ==,
                   GREDIS_REQUEST_POLICY_MULTI_SHARD);
  g_assert_cmpint (gredis_command_info_get_response_policy (mset), ==,
                   GREDIS_RESPONSE_POLICY_ALL_SUCCEEDED);
  g_assert_cmpuint (gredis_command_info_get_tip_flags (mset), ==, 0);
}

/* EVAL script numkeys [key ...] [arg ...]: the keys are counted by the
 * argument after the script. */
static void
test_eval (void)
{
  const GredisCommandInfo *eval = lookup_line ("EVAL");
  const GredisKeySpec *spec = only_key_spec (eval);
  g_autofree char *keys = keys_of_line ("EVAL return 2 k1 k2 a1");

  g_assert_cmpint (spec->begin_search, ==, GREDIS_KEY_SEARCH_INDEX);
  g_assert_cmpint (spec->pos, ==, 2);
  g_assert_cmpint (spec->find_keys, ==, GREDIS_KEY_FIND_KEYNUM);
  g_assert_cmpint (spec->a, ==, 0);   /* keynumidx: numkeys is at pos + 0 */
  g_assert_cmpint (spec->b, ==, 1);   /* firstkey: keys start at pos + 1 */
  g_assert_cmpint (spec->c, ==, 1);   /* keystep */
  g_assert_true (spec->flags & GREDIS_KEY_SPEC_RW);
  g_assert_true (gredis_command_info_get_flags (eval) & GREDIS_COMMAND_FLAG_MOVABLE_KEYS);
  g_assert_cmpstr (keys, ==, "3 4");

  g_assert_cmpint (gredis_command_info_get_request_policy (eval), ==,
                   GREDIS_REQUEST_POLICY_DEFAULT);
  g_assert_cmpint (gredis_command_info_get_response_policy (eval), ==,
                   GREDIS_RESPONSE_POLICY_DEFAULT);
}

/* XREAD [COUNT n] [BLOCK ms] STREAMS key [key ...] id [id ...]: the keys
 * follow the STREAMS keyword and are half of what is left. */
static void
test_xread (void)
{
  const GredisCommandInfo *xread = lookup_line ("XREAD");
  const GredisKeySpec *spec = only_key_spec (xread);
  g_autofree char *keys = keys_of_line ("XREAD COUNT 2 BLOCK 0 STREAMS s1 s2 0 0");

  g_assert_cmpint (spec->begin_search, ==, GREDIS_KEY_SEARCH_KEYWORD);
  g_assert_cmpstr (spec->keyword, ==, "STREAMS");
  g_assert_cmpint (spec->pos, ==, 1);  /* searched from argv[1] onwards */
  g_assert_cmpint (spec->find_keys, ==, GREDIS_KEY_FIND_RANGE);
  g_assert_cmpint (spec->a, ==, -1);
  g_assert_cmpint (spec->b, ==, 1);
  g_assert_cmpint (spec->c, ==, 2);   /* limit: half of the arguments left */
  g_assert_true (spec->flags & GREDIS_KEY_SPEC_RO);
  g_assert_true (gredis_command_info_get_flags (xread) & GREDIS_COMMAND_FLAG_MOVABLE_KEYS);
  g_assert_true (gredis_command_info_get_flags (xread) & GREDIS_COMMAND_FLAG_BLOCKING);
  g_assert_cmpstr (keys, ==, "6 7");
}

/* Keyless commands that go to every primary. */
static void
test_all_shards (void)
{
  const GredisCommandInfo *dbsize = lookup_line ("DBSIZE");
  const GredisCommandInfo *keys = lookup_line ("KEYS");
  const GredisCommandInfo *flushall = lookup_line ("FLUSHALL");
  guint n_specs = 99;

  g_assert_null (gredis_command_info_get_key_specs (dbsize, &n_specs));
  g_assert_cmpuint (n_specs, ==, 0);
  g_assert_cmpint (gredis_command_info_get_request_policy (dbsize), ==,
                   GREDIS_REQUEST_POLICY_ALL_SHARDS);
  g_assert_cmpint (gredis_command_info_get_response_policy (dbsize), ==,
                   GREDIS_RESPONSE_POLICY_AGG_SUM);

  g_assert_null (gredis_command_info_get_key_specs (keys, &n_specs));
  g_assert_cmpint (gredis_command_info_get_request_policy (keys), ==,
                   GREDIS_REQUEST_POLICY_ALL_SHARDS);
  g_assert_cmpint (gredis_command_info_get_response_policy (keys), ==,
                   GREDIS_RESPONSE_POLICY_DEFAULT);
  g_assert_cmpuint (gredis_command_info_get_tip_flags (keys), ==,
                    GREDIS_COMMAND_TIP_NONDETERMINISTIC_OUTPUT_ORDER);

  g_assert_null (gredis_command_info_get_key_specs (flushall, &n_specs));
  g_assert_cmpint (gredis_command_info_get_request_policy (flushall), ==,
                   GREDIS_REQUEST_POLICY_ALL_SHARDS);
  g_assert_cmpint (gredis_command_info_get_response_policy (flushall), ==,
                   GREDIS_RESPONSE_POLICY_ALL_SUCCEEDED);
  g_assert_true (gredis_command_info_get_flags (flushall) & GREDIS_COMMAND_FLAG_WRITE);
}

/* Subcommands carry their own tips; their container has none. */
static void
test_subcommands (void)
{
  const GredisCommandInfo *script = lookup_line ("SCRIPT");
  const GredisCommandInfo *load = lookup_line ("SCRIPT LOAD return");
  const GredisCommandInfo *exists = lookup_line ("SCRIPT EXISTS abc");
  const GredisCommandInfo *config_set = lookup_line ("CONFIG SET maxmemory 0");
  const GredisCommandInfo *function_stats = lookup_line ("FUNCTION STATS");
  const GredisCommandInfo *client_list = lookup_line ("CLIENT LIST");

  g_assert_cmpstr (gredis_command_info_get_name (load), ==, "script|load");
  g_assert_cmpint (gredis_command_info_get_request_policy (script), ==,
                   GREDIS_REQUEST_POLICY_DEFAULT);
  g_assert_cmpint (gredis_command_info_get_request_policy (load), ==,
                   GREDIS_REQUEST_POLICY_ALL_NODES);
  g_assert_cmpint (gredis_command_info_get_response_policy (load), ==,
                   GREDIS_RESPONSE_POLICY_ALL_SUCCEEDED);
  g_assert_cmpint (gredis_command_info_get_request_policy (exists), ==,
                   GREDIS_REQUEST_POLICY_ALL_SHARDS);
  g_assert_cmpint (gredis_command_info_get_response_policy (exists), ==,
                   GREDIS_RESPONSE_POLICY_AGG_LOGICAL_AND);
  g_assert_cmpint (gredis_command_info_get_request_policy (config_set), ==,
                   GREDIS_REQUEST_POLICY_ALL_NODES);
  g_assert_cmpint (gredis_command_info_get_request_policy (function_stats), ==,
                   GREDIS_REQUEST_POLICY_ALL_SHARDS);
  g_assert_cmpint (gredis_command_info_get_response_policy (function_stats), ==,
                   GREDIS_RESPONSE_POLICY_SPECIAL);
  g_assert_cmpuint (gredis_command_info_get_tip_flags (client_list), ==,
                    GREDIS_COMMAND_TIP_NONDETERMINISTIC_OUTPUT);
}

/* SCAN iterates node by node; SPUBLISH goes to its channel's slot, whose
 * key specification is marked as not a key; GET is routed by its key. */
static void
test_special (void)
{
  const GredisCommandInfo *scan = lookup_line ("SCAN 0");
  const GredisCommandInfo *spublish = lookup_line ("SPUBLISH");
  const GredisCommandInfo *get = lookup_line ("GET");
  const GredisKeySpec *spec = only_key_spec (spublish);
  g_autofree char *spublish_keys = keys_of_line ("SPUBLISH channel message");

  g_assert_cmpint (gredis_command_info_get_request_policy (scan), ==,
                   GREDIS_REQUEST_POLICY_SPECIAL);
  g_assert_cmpuint (gredis_command_info_get_tip_flags (scan), ==,
                    GREDIS_COMMAND_TIP_NONDETERMINISTIC_OUTPUT);

  g_assert_true (spec->flags & GREDIS_KEY_SPEC_NOT_KEY);
  g_assert_cmpint (spec->begin_search, ==, GREDIS_KEY_SEARCH_INDEX);
  g_assert_cmpint (spec->pos, ==, 1);
  g_assert_cmpint (spec->find_keys, ==, GREDIS_KEY_FIND_RANGE);
  g_assert_cmpint (spec->a, ==, 0);
  g_assert_cmpstr (spublish_keys, ==, "");

  spec = only_key_spec (get);
  g_assert_cmpint (spec->begin_search, ==, GREDIS_KEY_SEARCH_INDEX);
  g_assert_cmpint (spec->pos, ==, 1);
  g_assert_cmpint (gredis_command_info_get_request_policy (get), ==,
                   GREDIS_REQUEST_POLICY_DEFAULT);
  g_assert_cmpint (gredis_command_info_get_response_policy (get), ==,
                   GREDIS_RESPONSE_POLICY_DEFAULT);
  g_assert_cmpuint (gredis_command_info_get_tip_flags (get), ==, 0);
}

/* The parsed policies agree with the tips, as strings, for every command
 * and subcommand of the table. */
static const char * const request_names[] = {
  [GREDIS_REQUEST_POLICY_ALL_NODES] = "all_nodes",
  [GREDIS_REQUEST_POLICY_ALL_SHARDS] = "all_shards",
  [GREDIS_REQUEST_POLICY_MULTI_SHARD] = "multi_shard",
  [GREDIS_REQUEST_POLICY_SPECIAL] = "special",
};

static const char * const response_names[] = {
  [GREDIS_RESPONSE_POLICY_ONE_SUCCEEDED] = "one_succeeded",
  [GREDIS_RESPONSE_POLICY_ALL_SUCCEEDED] = "all_succeeded",
  [GREDIS_RESPONSE_POLICY_AGG_LOGICAL_AND] = "agg_logical_and",
  [GREDIS_RESPONSE_POLICY_AGG_LOGICAL_OR] = "agg_logical_or",
  [GREDIS_RESPONSE_POLICY_AGG_MIN] = "agg_min",
  [GREDIS_RESPONSE_POLICY_AGG_MAX] = "agg_max",
  [GREDIS_RESPONSE_POLICY_AGG_SUM] = "agg_sum",
  [GREDIS_RESPONSE_POLICY_SPECIAL] = "special",
};

static char *
expected_tip (const char *kind,
              const char *value)
{
  return value != NULL ? g_strconcat (kind, ":", value, NULL) : NULL;
}

static void
check_tips (const GredisCommandInfo *info,
            guint                   *n_with_policy)
{
  const char * const *tips = gredis_command_info_get_tips (info);
  GredisRequestPolicy request = gredis_command_info_get_request_policy (info);
  GredisResponsePolicy response = gredis_command_info_get_response_policy (info);
  GredisCommandTipFlags flags = gredis_command_info_get_tip_flags (info);
  g_autofree char *want_request = NULL, *want_response = NULL;
  gboolean seen_request = FALSE, seen_response = FALSE;
  GredisCommandTipFlags seen_flags = 0;

  g_assert_cmpuint (request, <, G_N_ELEMENTS (request_names));
  g_assert_cmpuint (response, <, G_N_ELEMENTS (response_names));
  want_request = expected_tip ("request_policy", request_names[request]);
  want_response = expected_tip ("response_policy", response_names[response]);

  for (guint i = 0; tips[i] != NULL; i++)
    {
      if (g_str_has_prefix (tips[i], "request_policy:"))
        {
          g_assert_cmpstr (tips[i], ==, want_request);
          seen_request = TRUE;
        }
      else if (g_str_has_prefix (tips[i], "response_policy:"))
        {
          g_assert_cmpstr (tips[i], ==, want_response);
          seen_response = TRUE;
        }
      else if (strcmp (tips[i], "nondeterministic_output") == 0)
        seen_flags |= GREDIS_COMMAND_TIP_NONDETERMINISTIC_OUTPUT;
      else if (strcmp (tips[i], "nondeterministic_output_order") == 0)
        seen_flags |= GREDIS_COMMAND_TIP_NONDETERMINISTIC_OUTPUT_ORDER;
      else
        g_error ("%s: unexpected tip %s", gredis_command_info_get_name (info), tips[i]);
    }

  if (!seen_request)
    g_assert_cmpint (request, ==, GREDIS_REQUEST_POLICY_DEFAULT);
  if (!seen_response)
    g_assert_cmpint (response, ==, GREDIS_RESPONSE_POLICY_DEFAULT);
  g_assert_cmpuint (flags, ==, seen_flags);
  if (seen_request || seen_response)
    (*n_with_policy)++;
}

static void
test_every_command (void)
{
  g_autoptr(GPtrArray) commands = gredis_command_table_list ();
  guint n_with_policy = 0;

  for (guint i = 0; i < commands->len; i++)
    {
      const GredisCommandInfo *info = g_ptr_array_index (commands, i);
      g_autoptr(GPtrArray) subs = gredis_command_info_list_subcommands (info);

      check_tips (info, &n_with_policy);
      for (guint j = 0; j < subs->len; j++)
        check_tips (g_ptr_array_index (subs, j), &n_with_policy);
    }

  /* Redis 7.0 gives a request or a response policy to 40 commands and
   * subcommands. */
  g_assert_cmpuint (n_with_policy, ==, 40);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/command-routing/mset", test_mset);
  g_test_add_func ("/command-routing/eval", test_eval);
  g_test_add_func ("/command-routing/xread", test_xread);
  g_test_add_func ("/command-routing/all-shards", test_all_shards);
  g_test_add_func ("/command-routing/subcommands", test_subcommands);
  g_test_add_func ("/command-routing/special", test_special);
  g_test_add_func ("/command-routing/every-command", test_every_command);

  return g_test_run ();
}
