/* gredis-command-table-data.c: the command table of Redis 7.0.15
 *
 * GENERATED FILE, DO NOT EDIT.  Written by tools/gredis-gen-command-table.py
 * from the COMMAND reply of redis-server 7.0.15; run the script again (its
 * header says how) to regenerate it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-command-table-private.h"

const char gredis_command_table_version[] = "7.0.15";

static const char * const acl_acl_cat[] = { "@slow", NULL };
static const char * const acl_acl_deluser[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_dryrun[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_genpass[] = { "@slow", NULL };
static const char * const acl_acl_getuser[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_help[] = { "@slow", NULL };
static const char * const acl_acl_list[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_load[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_log[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_save[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_setuser[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_users[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_acl_whoami[] = { "@slow", NULL };
static const GredisCommandInfo sub_acl[] = {
  {
    .name = "acl|cat",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_cat,
    .tips = NULL,
  },
  {
    .name = "acl|deluser",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_deluser,
    .tips = NULL,
  },
  {
    .name = "acl|dryrun",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_dryrun,
    .tips = NULL,
  },
  {
    .name = "acl|genpass",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_genpass,
    .tips = NULL,
  },
  {
    .name = "acl|getuser",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_getuser,
    .tips = NULL,
  },
  {
    .name = "acl|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_help,
    .tips = NULL,
  },
  {
    .name = "acl|list",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_list,
    .tips = NULL,
  },
  {
    .name = "acl|load",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_load,
    .tips = NULL,
  },
  {
    .name = "acl|log",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_log,
    .tips = NULL,
  },
  {
    .name = "acl|save",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_save,
    .tips = NULL,
  },
  {
    .name = "acl|setuser",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_setuser,
    .tips = NULL,
  },
  {
    .name = "acl|users",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_users,
    .tips = NULL,
  },
  {
    .name = "acl|whoami",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[0],
    .acl_categories = acl_acl_whoami,
    .tips = NULL,
  },
};

static const char * const acl_client_caching[] = { "@slow", "@connection", NULL };
static const char * const acl_client_getname[] = { "@slow", "@connection", NULL };
static const char * const acl_client_getredir[] = { "@slow", "@connection", NULL };
static const char * const acl_client_help[] = { "@slow", "@connection", NULL };
static const char * const acl_client_id[] = { "@slow", "@connection", NULL };
static const char * const acl_client_info[] = { "@slow", "@connection", NULL };
static const char * const tips_client_info[] = { "nondeterministic_output", NULL };
static const char * const acl_client_kill[] = { "@admin", "@slow", "@dangerous", "@connection", NULL };
static const char * const acl_client_list[] = { "@admin", "@slow", "@dangerous", "@connection", NULL };
static const char * const tips_client_list[] = { "nondeterministic_output", NULL };
static const char * const acl_client_no_evict[] = { "@admin", "@slow", "@dangerous", "@connection", NULL };
static const char * const acl_client_pause[] = { "@admin", "@slow", "@dangerous", "@connection", NULL };
static const char * const acl_client_reply[] = { "@slow", "@connection", NULL };
static const char * const acl_client_setname[] = { "@slow", "@connection", NULL };
static const char * const acl_client_tracking[] = { "@slow", "@connection", NULL };
static const char * const acl_client_trackinginfo[] = { "@slow", "@connection", NULL };
static const char * const acl_client_unblock[] = { "@admin", "@slow", "@dangerous", "@connection", NULL };
static const char * const acl_client_unpause[] = { "@admin", "@slow", "@dangerous", "@connection", NULL };
static const GredisCommandInfo sub_client[] = {
  {
    .name = "client|caching",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_caching,
    .tips = NULL,
  },
  {
    .name = "client|getname",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_getname,
    .tips = NULL,
  },
  {
    .name = "client|getredir",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_getredir,
    .tips = NULL,
  },
  {
    .name = "client|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_help,
    .tips = NULL,
  },
  {
    .name = "client|id",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_id,
    .tips = NULL,
  },
  {
    .name = "client|info",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_info,
    .tips = tips_client_info,
  },
  {
    .name = "client|kill",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_kill,
    .tips = NULL,
  },
  {
    .name = "client|list",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_list,
    .tips = tips_client_list,
  },
  {
    .name = "client|no-evict",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_no_evict,
    .tips = NULL,
  },
  {
    .name = "client|pause",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_pause,
    .tips = NULL,
  },
  {
    .name = "client|reply",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_reply,
    .tips = NULL,
  },
  {
    .name = "client|setname",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_setname,
    .tips = NULL,
  },
  {
    .name = "client|tracking",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_tracking,
    .tips = NULL,
  },
  {
    .name = "client|trackinginfo",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_trackinginfo,
    .tips = NULL,
  },
  {
    .name = "client|unblock",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_unblock,
    .tips = NULL,
  },
  {
    .name = "client|unpause",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[19],
    .acl_categories = acl_client_unpause,
    .tips = NULL,
  },
};

static const char * const acl_cluster_addslots[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_addslotsrange[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_bumpepoch[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_cluster_bumpepoch[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_count_failure_reports[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_cluster_count_failure_reports[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_countkeysinslot[] = { "@slow", NULL };
static const char * const acl_cluster_delslots[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_delslotsrange[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_failover[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_flushslots[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_forget[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_getkeysinslot[] = { "@slow", NULL };
static const char * const tips_cluster_getkeysinslot[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_help[] = { "@slow", NULL };
static const char * const acl_cluster_info[] = { "@slow", NULL };
static const char * const tips_cluster_info[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_keyslot[] = { "@slow", NULL };
static const char * const acl_cluster_links[] = { "@slow", NULL };
static const char * const tips_cluster_links[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_meet[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_myid[] = { "@slow", NULL };
static const char * const acl_cluster_nodes[] = { "@slow", NULL };
static const char * const tips_cluster_nodes[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_replicas[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_cluster_replicas[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_replicate[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_reset[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_saveconfig[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_set_config_epoch[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_setslot[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_cluster_shards[] = { "@slow", NULL };
static const char * const tips_cluster_shards[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_slaves[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_cluster_slaves[] = { "nondeterministic_output", NULL };
static const char * const acl_cluster_slots[] = { "@slow", NULL };
static const char * const tips_cluster_slots[] = { "nondeterministic_output", NULL };
static const GredisCommandInfo sub_cluster[] = {
  {
    .name = "cluster|addslots",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_addslots,
    .tips = NULL,
  },
  {
    .name = "cluster|addslotsrange",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_addslotsrange,
    .tips = NULL,
  },
  {
    .name = "cluster|bumpepoch",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_bumpepoch,
    .tips = tips_cluster_bumpepoch,
  },
  {
    .name = "cluster|count-failure-reports",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_count_failure_reports,
    .tips = tips_cluster_count_failure_reports,
  },
  {
    .name = "cluster|countkeysinslot",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_countkeysinslot,
    .tips = NULL,
  },
  {
    .name = "cluster|delslots",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_delslots,
    .tips = NULL,
  },
  {
    .name = "cluster|delslotsrange",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_delslotsrange,
    .tips = NULL,
  },
  {
    .name = "cluster|failover",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_failover,
    .tips = NULL,
  },
  {
    .name = "cluster|flushslots",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_flushslots,
    .tips = NULL,
  },
  {
    .name = "cluster|forget",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_forget,
    .tips = NULL,
  },
  {
    .name = "cluster|getkeysinslot",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_getkeysinslot,
    .tips = tips_cluster_getkeysinslot,
  },
  {
    .name = "cluster|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_help,
    .tips = NULL,
  },
  {
    .name = "cluster|info",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_info,
    .tips = tips_cluster_info,
  },
  {
    .name = "cluster|keyslot",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_keyslot,
    .tips = NULL,
  },
  {
    .name = "cluster|links",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_links,
    .tips = tips_cluster_links,
  },
  {
    .name = "cluster|meet",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_meet,
    .tips = NULL,
  },
  {
    .name = "cluster|myid",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_myid,
    .tips = NULL,
  },
  {
    .name = "cluster|nodes",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_nodes,
    .tips = tips_cluster_nodes,
  },
  {
    .name = "cluster|replicas",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_replicas,
    .tips = tips_cluster_replicas,
  },
  {
    .name = "cluster|replicate",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_replicate,
    .tips = NULL,
  },
  {
    .name = "cluster|reset",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_reset,
    .tips = NULL,
  },
  {
    .name = "cluster|saveconfig",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_saveconfig,
    .tips = NULL,
  },
  {
    .name = "cluster|set-config-epoch",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_set_config_epoch,
    .tips = NULL,
  },
  {
    .name = "cluster|setslot",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_setslot,
    .tips = NULL,
  },
  {
    .name = "cluster|shards",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_shards,
    .tips = tips_cluster_shards,
  },
  {
    .name = "cluster|slaves",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_slaves,
    .tips = tips_cluster_slaves,
  },
  {
    .name = "cluster|slots",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[20],
    .acl_categories = acl_cluster_slots,
    .tips = tips_cluster_slots,
  },
};

static const char * const acl_command_count[] = { "@slow", "@connection", NULL };
static const char * const acl_command_docs[] = { "@slow", "@connection", NULL };
static const char * const tips_command_docs[] = { "nondeterministic_output_order", NULL };
static const char * const acl_command_getkeys[] = { "@slow", "@connection", NULL };
static const char * const acl_command_getkeysandflags[] = { "@slow", "@connection", NULL };
static const char * const acl_command_help[] = { "@slow", "@connection", NULL };
static const char * const acl_command_info[] = { "@slow", "@connection", NULL };
static const char * const tips_command_info[] = { "nondeterministic_output_order", NULL };
static const char * const acl_command_list[] = { "@slow", "@connection", NULL };
static const char * const tips_command_list[] = { "nondeterministic_output_order", NULL };
static const GredisCommandInfo sub_command[] = {
  {
    .name = "command|count",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[21],
    .acl_categories = acl_command_count,
    .tips = NULL,
  },
  {
    .name = "command|docs",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[21],
    .acl_categories = acl_command_docs,
    .tips = tips_command_docs,
  },
  {
    .name = "command|getkeys",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[21],
    .acl_categories = acl_command_getkeys,
    .tips = NULL,
  },
  {
    .name = "command|getkeysandflags",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[21],
    .acl_categories = acl_command_getkeysandflags,
    .tips = NULL,
  },
  {
    .name = "command|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[21],
    .acl_categories = acl_command_help,
    .tips = NULL,
  },
  {
    .name = "command|info",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[21],
    .acl_categories = acl_command_info,
    .tips = tips_command_info,
  },
  {
    .name = "command|list",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[21],
    .acl_categories = acl_command_list,
    .tips = tips_command_list,
  },
};

static const char * const acl_config_get[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_config_help[] = { "@slow", NULL };
static const char * const acl_config_resetstat[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_config_rewrite[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_config_set[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_config_set[] = { "request_policy:all_nodes", "response_policy:all_succeeded", NULL };
static const GredisCommandInfo sub_config[] = {
  {
    .name = "config|get",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[22],
    .acl_categories = acl_config_get,
    .tips = NULL,
  },
  {
    .name = "config|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[22],
    .acl_categories = acl_config_help,
    .tips = NULL,
  },
  {
    .name = "config|resetstat",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[22],
    .acl_categories = acl_config_resetstat,
    .tips = NULL,
  },
  {
    .name = "config|rewrite",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[22],
    .acl_categories = acl_config_rewrite,
    .tips = NULL,
  },
  {
    .name = "config|set",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[22],
    .acl_categories = acl_config_set,
    .tips = tips_config_set,
  },
};

static const char * const acl_function_delete[] = { "@write", "@slow", "@scripting", NULL };
static const char * const tips_function_delete[] = { "request_policy:all_shards", "response_policy:all_succeeded", NULL };
static const char * const acl_function_dump[] = { "@slow", "@scripting", NULL };
static const char * const acl_function_flush[] = { "@write", "@slow", "@scripting", NULL };
static const char * const tips_function_flush[] = { "request_policy:all_shards", "response_policy:all_succeeded", NULL };
static const char * const acl_function_help[] = { "@slow", "@scripting", NULL };
static const char * const acl_function_kill[] = { "@slow", "@scripting", NULL };
static const char * const tips_function_kill[] = { "request_policy:all_shards", "response_policy:one_succeeded", NULL };
static const char * const acl_function_list[] = { "@slow", "@scripting", NULL };
static const char * const tips_function_list[] = { "nondeterministic_output_order", NULL };
static const char * const acl_function_load[] = { "@write", "@slow", "@scripting", NULL };
static const char * const tips_function_load[] = { "request_policy:all_shards", "response_policy:all_succeeded", NULL };
static const char * const acl_function_restore[] = { "@write", "@slow", "@scripting", NULL };
static const char * const tips_function_restore[] = { "request_policy:all_shards", "response_policy:all_succeeded", NULL };
static const char * const acl_function_stats[] = { "@slow", "@scripting", NULL };
static const char * const tips_function_stats[] = { "nondeterministic_output", "request_policy:all_shards", "response_policy:special", NULL };
static const GredisCommandInfo sub_function[] = {
  {
    .name = "function|delete",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_NOSCRIPT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_delete,
    .tips = tips_function_delete,
  },
  {
    .name = "function|dump",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_dump,
    .tips = NULL,
  },
  {
    .name = "function|flush",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_NOSCRIPT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_flush,
    .tips = tips_function_flush,
  },
  {
    .name = "function|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_help,
    .tips = NULL,
  },
  {
    .name = "function|kill",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_kill,
    .tips = tips_function_kill,
  },
  {
    .name = "function|list",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_list,
    .tips = tips_function_list,
  },
  {
    .name = "function|load",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_NOSCRIPT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_load,
    .tips = tips_function_load,
  },
  {
    .name = "function|restore",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_NOSCRIPT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_restore,
    .tips = tips_function_restore,
  },
  {
    .name = "function|stats",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_ALLOW_BUSY |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[46],
    .acl_categories = acl_function_stats,
    .tips = tips_function_stats,
  },
};

static const char * const acl_latency_doctor[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_latency_doctor[] = { "nondeterministic_output", "request_policy:all_nodes", "response_policy:special", NULL };
static const char * const acl_latency_graph[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_latency_graph[] = { "nondeterministic_output", "request_policy:all_nodes", "response_policy:special", NULL };
static const char * const acl_latency_help[] = { "@slow", NULL };
static const char * const acl_latency_histogram[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_latency_histogram[] = { "nondeterministic_output", "request_policy:all_nodes", "response_policy:special", NULL };
static const char * const acl_latency_history[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_latency_history[] = { "nondeterministic_output", "request_policy:all_nodes", "response_policy:special", NULL };
static const char * const acl_latency_latest[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_latency_latest[] = { "nondeterministic_output", "request_policy:all_nodes", "response_policy:special", NULL };
static const char * const acl_latency_reset[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_latency_reset[] = { "request_policy:all_nodes", "response_policy:all_succeeded", NULL };
static const GredisCommandInfo sub_latency[] = {
  {
    .name = "latency|doctor",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[86],
    .acl_categories = acl_latency_doctor,
    .tips = tips_latency_doctor,
  },
  {
    .name = "latency|graph",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[86],
    .acl_categories = acl_latency_graph,
    .tips = tips_latency_graph,
  },
  {
    .name = "latency|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[86],
    .acl_categories = acl_latency_help,
    .tips = NULL,
  },
  {
    .name = "latency|histogram",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[86],
    .acl_categories = acl_latency_histogram,
    .tips = tips_latency_histogram,
  },
  {
    .name = "latency|history",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[86],
    .acl_categories = acl_latency_history,
    .tips = tips_latency_history,
  },
  {
    .name = "latency|latest",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[86],
    .acl_categories = acl_latency_latest,
    .tips = tips_latency_latest,
  },
  {
    .name = "latency|reset",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[86],
    .acl_categories = acl_latency_reset,
    .tips = tips_latency_reset,
  },
};

static const char * const acl_memory_doctor[] = { "@slow", NULL };
static const char * const tips_memory_doctor[] = { "nondeterministic_output", "request_policy:all_shards", "response_policy:special", NULL };
static const char * const acl_memory_help[] = { "@slow", NULL };
static const char * const acl_memory_malloc_stats[] = { "@slow", NULL };
static const char * const tips_memory_malloc_stats[] = { "nondeterministic_output", "request_policy:all_shards", "response_policy:special", NULL };
static const char * const acl_memory_purge[] = { "@slow", NULL };
static const char * const tips_memory_purge[] = { "request_policy:all_shards", "response_policy:all_succeeded", NULL };
static const char * const acl_memory_stats[] = { "@slow", NULL };
static const char * const tips_memory_stats[] = { "nondeterministic_output", "request_policy:all_shards", "response_policy:special", NULL };
static const char * const acl_memory_usage[] = { "@read", "@slow", NULL };
static const GredisKeySpec keys_memory_usage[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    2, NULL, 0, 1, 0 },
};
static const GredisCommandInfo sub_memory[] = {
  {
    .name = "memory|doctor",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[102],
    .acl_categories = acl_memory_doctor,
    .tips = tips_memory_doctor,
  },
  {
    .name = "memory|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[102],
    .acl_categories = acl_memory_help,
    .tips = NULL,
  },
  {
    .name = "memory|malloc-stats",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[102],
    .acl_categories = acl_memory_malloc_stats,
    .tips = tips_memory_malloc_stats,
  },
  {
    .name = "memory|purge",
    .arity = 2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[102],
    .acl_categories = acl_memory_purge,
    .tips = tips_memory_purge,
  },
  {
    .name = "memory|stats",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[102],
    .acl_categories = acl_memory_stats,
    .tips = tips_memory_stats,
  },
  {
    .name = "memory|usage",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_memory_usage,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[102],
    .acl_categories = acl_memory_usage,
    .tips = NULL,
  },
};

static const char * const acl_module_help[] = { "@slow", NULL };
static const char * const acl_module_list[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_module_list[] = { "nondeterministic_output_order", NULL };
static const char * const acl_module_load[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_module_loadex[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_module_unload[] = { "@admin", "@slow", "@dangerous", NULL };
static const GredisCommandInfo sub_module[] = {
  {
    .name = "module|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[105],
    .acl_categories = acl_module_help,
    .tips = NULL,
  },
  {
    .name = "module|list",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[105],
    .acl_categories = acl_module_list,
    .tips = tips_module_list,
  },
  {
    .name = "module|load",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[105],
    .acl_categories = acl_module_load,
    .tips = NULL,
  },
  {
    .name = "module|loadex",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[105],
    .acl_categories = acl_module_loadex,
    .tips = NULL,
  },
  {
    .name = "module|unload",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[105],
    .acl_categories = acl_module_unload,
    .tips = NULL,
  },
};

static const char * const acl_object_encoding[] = { "@keyspace", "@read", "@slow", NULL };
static const char * const tips_object_encoding[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_object_encoding[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_object_freq[] = { "@keyspace", "@read", "@slow", NULL };
static const char * const tips_object_freq[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_object_freq[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_object_help[] = { "@keyspace", "@slow", NULL };
static const char * const acl_object_idletime[] = { "@keyspace", "@read", "@slow", NULL };
static const char * const tips_object_idletime[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_object_idletime[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_object_refcount[] = { "@keyspace", "@read", "@slow", NULL };
static const char * const tips_object_refcount[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_object_refcount[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    2, NULL, 0, 1, 0 },
};
static const GredisCommandInfo sub_object[] = {
  {
    .name = "object|encoding",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_object_encoding,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[111],
    .acl_categories = acl_object_encoding,
    .tips = tips_object_encoding,
  },
  {
    .name = "object|freq",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_object_freq,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[111],
    .acl_categories = acl_object_freq,
    .tips = tips_object_freq,
  },
  {
    .name = "object|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[111],
    .acl_categories = acl_object_help,
    .tips = NULL,
  },
  {
    .name = "object|idletime",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_object_idletime,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[111],
    .acl_categories = acl_object_idletime,
    .tips = tips_object_idletime,
  },
  {
    .name = "object|refcount",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_object_refcount,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[111],
    .acl_categories = acl_object_refcount,
    .tips = tips_object_refcount,
  },
};

static const char * const acl_pubsub_channels[] = { "@pubsub", "@slow", NULL };
static const char * const acl_pubsub_help[] = { "@slow", NULL };
static const char * const acl_pubsub_numpat[] = { "@pubsub", "@slow", NULL };
static const char * const acl_pubsub_numsub[] = { "@pubsub", "@slow", NULL };
static const char * const acl_pubsub_shardchannels[] = { "@pubsub", "@slow", NULL };
static const char * const acl_pubsub_shardnumsub[] = { "@pubsub", "@slow", NULL };
static const GredisCommandInfo sub_pubsub[] = {
  {
    .name = "pubsub|channels",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[127],
    .acl_categories = acl_pubsub_channels,
    .tips = NULL,
  },
  {
    .name = "pubsub|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[127],
    .acl_categories = acl_pubsub_help,
    .tips = NULL,
  },
  {
    .name = "pubsub|numpat",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[127],
    .acl_categories = acl_pubsub_numpat,
    .tips = NULL,
  },
  {
    .name = "pubsub|numsub",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[127],
    .acl_categories = acl_pubsub_numsub,
    .tips = NULL,
  },
  {
    .name = "pubsub|shardchannels",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[127],
    .acl_categories = acl_pubsub_shardchannels,
    .tips = NULL,
  },
  {
    .name = "pubsub|shardnumsub",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[127],
    .acl_categories = acl_pubsub_shardnumsub,
    .tips = NULL,
  },
};

static const char * const acl_script_debug[] = { "@slow", "@scripting", NULL };
static const char * const acl_script_exists[] = { "@slow", "@scripting", NULL };
static const char * const tips_script_exists[] = { "request_policy:all_shards", "response_policy:agg_logical_and", NULL };
static const char * const acl_script_flush[] = { "@slow", "@scripting", NULL };
static const char * const tips_script_flush[] = { "request_policy:all_nodes", "response_policy:all_succeeded", NULL };
static const char * const acl_script_help[] = { "@slow", "@scripting", NULL };
static const char * const acl_script_kill[] = { "@slow", "@scripting", NULL };
static const char * const tips_script_kill[] = { "request_policy:all_shards", "response_policy:one_succeeded", NULL };
static const char * const acl_script_load[] = { "@slow", "@scripting", NULL };
static const char * const tips_script_load[] = { "request_policy:all_nodes", "response_policy:all_succeeded", NULL };
static const GredisCommandInfo sub_script[] = {
  {
    .name = "script|debug",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[149],
    .acl_categories = acl_script_debug,
    .tips = NULL,
  },
  {
    .name = "script|exists",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[149],
    .acl_categories = acl_script_exists,
    .tips = tips_script_exists,
  },
  {
    .name = "script|flush",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[149],
    .acl_categories = acl_script_flush,
    .tips = tips_script_flush,
  },
  {
    .name = "script|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[149],
    .acl_categories = acl_script_help,
    .tips = NULL,
  },
  {
    .name = "script|kill",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[149],
    .acl_categories = acl_script_kill,
    .tips = tips_script_kill,
  },
  {
    .name = "script|load",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[149],
    .acl_categories = acl_script_load,
    .tips = tips_script_load,
  },
};

static const char * const acl_slowlog_get[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_slowlog_get[] = { "request_policy:all_nodes", "nondeterministic_output", NULL };
static const char * const acl_slowlog_help[] = { "@slow", NULL };
static const char * const acl_slowlog_len[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_slowlog_len[] = { "request_policy:all_nodes", "response_policy:agg_sum", "nondeterministic_output", NULL };
static const char * const acl_slowlog_reset[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const tips_slowlog_reset[] = { "request_policy:all_nodes", "response_policy:all_succeeded", NULL };
static const GredisCommandInfo sub_slowlog[] = {
  {
    .name = "slowlog|get",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[164],
    .acl_categories = acl_slowlog_get,
    .tips = tips_slowlog_get,
  },
  {
    .name = "slowlog|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[164],
    .acl_categories = acl_slowlog_help,
    .tips = NULL,
  },
  {
    .name = "slowlog|len",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[164],
    .acl_categories = acl_slowlog_len,
    .tips = tips_slowlog_len,
  },
  {
    .name = "slowlog|reset",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[164],
    .acl_categories = acl_slowlog_reset,
    .tips = tips_slowlog_reset,
  },
};

static const char * const acl_xgroup_create[] = { "@write", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xgroup_create[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_xgroup_createconsumer[] = { "@write", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xgroup_createconsumer[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_xgroup_delconsumer[] = { "@write", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xgroup_delconsumer[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_xgroup_destroy[] = { "@write", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xgroup_destroy[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_xgroup_help[] = { "@stream", "@slow", NULL };
static const char * const acl_xgroup_setid[] = { "@write", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xgroup_setid[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    2, NULL, 0, 1, 0 },
};
static const GredisCommandInfo sub_xgroup[] = {
  {
    .name = "xgroup|create",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xgroup_create,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[198],
    .acl_categories = acl_xgroup_create,
    .tips = NULL,
  },
  {
    .name = "xgroup|createconsumer",
    .arity = 5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xgroup_createconsumer,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[198],
    .acl_categories = acl_xgroup_createconsumer,
    .tips = NULL,
  },
  {
    .name = "xgroup|delconsumer",
    .arity = 5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xgroup_delconsumer,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[198],
    .acl_categories = acl_xgroup_delconsumer,
    .tips = NULL,
  },
  {
    .name = "xgroup|destroy",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xgroup_destroy,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[198],
    .acl_categories = acl_xgroup_destroy,
    .tips = NULL,
  },
  {
    .name = "xgroup|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[198],
    .acl_categories = acl_xgroup_help,
    .tips = NULL,
  },
  {
    .name = "xgroup|setid",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xgroup_setid,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[198],
    .acl_categories = acl_xgroup_setid,
    .tips = NULL,
  },
};

static const char * const acl_xinfo_consumers[] = { "@read", "@stream", "@slow", NULL };
static const char * const tips_xinfo_consumers[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_xinfo_consumers[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_xinfo_groups[] = { "@read", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xinfo_groups[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_xinfo_help[] = { "@stream", "@slow", NULL };
static const char * const acl_xinfo_stream[] = { "@read", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xinfo_stream[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 0 },
};
static const GredisCommandInfo sub_xinfo[] = {
  {
    .name = "xinfo|consumers",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xinfo_consumers,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[199],
    .acl_categories = acl_xinfo_consumers,
    .tips = tips_xinfo_consumers,
  },
  {
    .name = "xinfo|groups",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xinfo_groups,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[199],
    .acl_categories = acl_xinfo_groups,
    .tips = NULL,
  },
  {
    .name = "xinfo|help",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[199],
    .acl_categories = acl_xinfo_help,
    .tips = NULL,
  },
  {
    .name = "xinfo|stream",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xinfo_stream,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = &gredis_command_table[199],
    .acl_categories = acl_xinfo_stream,
    .tips = NULL,
  },
};

static const char * const acl_acl[] = { "@slow", NULL };
static const char * const acl_append[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_append[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_asking[] = { "@fast", "@connection", NULL };
static const char * const acl_auth[] = { "@fast", "@connection", NULL };
static const char * const acl_bgrewriteaof[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_bgsave[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_bitcount[] = { "@read", "@bitmap", "@slow", NULL };
static const GredisKeySpec keys_bitcount[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_bitfield[] = { "@write", "@bitmap", "@slow", NULL };
static const GredisKeySpec keys_bitfield[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE |
         GREDIS_KEY_SPEC_VARIABLE_FLAGS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_bitfield_ro[] = { "@read", "@bitmap", "@fast", NULL };
static const GredisKeySpec keys_bitfield_ro[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_bitop[] = { "@write", "@bitmap", "@slow", NULL };
static const GredisKeySpec keys_bitop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    2, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    3, NULL, -1, 1, 0 },
};
static const char * const acl_bitpos[] = { "@read", "@bitmap", "@slow", NULL };
static const GredisKeySpec keys_bitpos[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_blmove[] = { "@write", "@list", "@slow", "@blocking", NULL };
static const GredisKeySpec keys_blmove[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_blmpop[] = { "@write", "@list", "@slow", "@blocking", NULL };
static const GredisKeySpec keys_blmpop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_blpop[] = { "@write", "@list", "@slow", "@blocking", NULL };
static const GredisKeySpec keys_blpop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, -2, 1, 0 },
};
static const char * const acl_brpop[] = { "@write", "@list", "@slow", "@blocking", NULL };
static const GredisKeySpec keys_brpop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, -2, 1, 0 },
};
static const char * const acl_brpoplpush[] = { "@write", "@list", "@slow", "@blocking", NULL };
static const GredisKeySpec keys_brpoplpush[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_bzmpop[] = { "@write", "@sortedset", "@slow", "@blocking", NULL };
static const GredisKeySpec keys_bzmpop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_bzpopmax[] = { "@write", "@sortedset", "@fast", "@blocking", NULL };
static const GredisKeySpec keys_bzpopmax[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, -2, 1, 0 },
};
static const char * const acl_bzpopmin[] = { "@write", "@sortedset", "@fast", "@blocking", NULL };
static const GredisKeySpec keys_bzpopmin[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, -2, 1, 0 },
};
static const char * const acl_client[] = { "@slow", NULL };
static const char * const acl_cluster[] = { "@slow", NULL };
static const char * const acl_command[] = { "@slow", "@connection", NULL };
static const char * const tips_command[] = { "nondeterministic_output_order", NULL };
static const char * const acl_config[] = { "@slow", NULL };
static const char * const acl_copy[] = { "@keyspace", "@write", "@slow", NULL };
static const GredisKeySpec keys_copy[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_dbsize[] = { "@keyspace", "@read", "@fast", NULL };
static const char * const tips_dbsize[] = { "request_policy:all_shards", "response_policy:agg_sum", NULL };
static const char * const acl_debug[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_decr[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_decr[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_decrby[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_decrby[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_del[] = { "@keyspace", "@write", "@slow", NULL };
static const char * const tips_del[] = { "request_policy:multi_shard", "response_policy:agg_sum", NULL };
static const GredisKeySpec keys_del[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RM | GREDIS_KEY_SPEC_DELETE,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_discard[] = { "@fast", "@transaction", NULL };
static const char * const acl_dump[] = { "@keyspace", "@read", "@slow", NULL };
static const char * const tips_dump[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_dump[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_echo[] = { "@fast", "@connection", NULL };
static const char * const acl_eval[] = { "@slow", "@scripting", NULL };
static const GredisKeySpec keys_eval[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_eval_ro[] = { "@slow", "@scripting", NULL };
static const GredisKeySpec keys_eval_ro[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_evalsha[] = { "@slow", "@scripting", NULL };
static const GredisKeySpec keys_evalsha[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_evalsha_ro[] = { "@slow", "@scripting", NULL };
static const GredisKeySpec keys_evalsha_ro[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_exec[] = { "@slow", "@transaction", NULL };
static const char * const acl_exists[] = { "@keyspace", "@read", "@fast", NULL };
static const char * const tips_exists[] = { "request_policy:multi_shard", "response_policy:agg_sum", NULL };
static const GredisKeySpec keys_exists[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_expire[] = { "@keyspace", "@write", "@fast", NULL };
static const GredisKeySpec keys_expire[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_expireat[] = { "@keyspace", "@write", "@fast", NULL };
static const GredisKeySpec keys_expireat[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_expiretime[] = { "@keyspace", "@read", "@fast", NULL };
static const GredisKeySpec keys_expiretime[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_failover[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_fcall[] = { "@slow", "@scripting", NULL };
static const GredisKeySpec keys_fcall[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_fcall_ro[] = { "@slow", "@scripting", NULL };
static const GredisKeySpec keys_fcall_ro[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_flushall[] = { "@keyspace", "@write", "@slow", "@dangerous", NULL };
static const char * const tips_flushall[] = { "request_policy:all_shards", "response_policy:all_succeeded", NULL };
static const char * const acl_flushdb[] = { "@keyspace", "@write", "@slow", "@dangerous", NULL };
static const char * const tips_flushdb[] = { "request_policy:all_shards", "response_policy:all_succeeded", NULL };
static const char * const acl_function[] = { "@slow", NULL };
static const char * const acl_geoadd[] = { "@write", "@geo", "@slow", NULL };
static const GredisKeySpec keys_geoadd[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_geodist[] = { "@read", "@geo", "@slow", NULL };
static const GredisKeySpec keys_geodist[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_geohash[] = { "@read", "@geo", "@slow", NULL };
static const GredisKeySpec keys_geohash[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_geopos[] = { "@read", "@geo", "@slow", NULL };
static const GredisKeySpec keys_geopos[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_georadius[] = { "@write", "@geo", "@slow", NULL };
static const GredisKeySpec keys_georadius[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_KEYWORD, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    6, "STORE", 0, 1, 0 },
  { GREDIS_KEY_SEARCH_KEYWORD, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    6, "STOREDIST", 0, 1, 0 },
};
static const char * const acl_georadius_ro[] = { "@read", "@geo", "@slow", NULL };
static const GredisKeySpec keys_georadius_ro[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_georadiusbymember[] = { "@write", "@geo", "@slow", NULL };
static const GredisKeySpec keys_georadiusbymember[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_KEYWORD, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    5, "STORE", 0, 1, 0 },
  { GREDIS_KEY_SEARCH_KEYWORD, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    5, "STOREDIST", 0, 1, 0 },
};
static const char * const acl_georadiusbymember_ro[] = { "@read", "@geo", "@slow", NULL };
static const GredisKeySpec keys_georadiusbymember_ro[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_geosearch[] = { "@read", "@geo", "@slow", NULL };
static const GredisKeySpec keys_geosearch[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_geosearchstore[] = { "@write", "@geo", "@slow", NULL };
static const GredisKeySpec keys_geosearchstore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_get[] = { "@read", "@string", "@fast", NULL };
static const GredisKeySpec keys_get[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_getbit[] = { "@read", "@bitmap", "@fast", NULL };
static const GredisKeySpec keys_getbit[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_getdel[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_getdel[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_getex[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_getex[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_getrange[] = { "@read", "@string", "@slow", NULL };
static const GredisKeySpec keys_getrange[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_getset[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_getset[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hdel[] = { "@write", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hdel[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hello[] = { "@fast", "@connection", NULL };
static const char * const acl_hexists[] = { "@read", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hexists[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hget[] = { "@read", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hget[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hgetall[] = { "@read", "@hash", "@slow", NULL };
static const char * const tips_hgetall[] = { "nondeterministic_output_order", NULL };
static const GredisKeySpec keys_hgetall[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hincrby[] = { "@write", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hincrby[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hincrbyfloat[] = { "@write", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hincrbyfloat[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hkeys[] = { "@read", "@hash", "@slow", NULL };
static const char * const tips_hkeys[] = { "nondeterministic_output_order", NULL };
static const GredisKeySpec keys_hkeys[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hlen[] = { "@read", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hlen[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hmget[] = { "@read", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hmget[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hmset[] = { "@write", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hmset[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hrandfield[] = { "@read", "@hash", "@slow", NULL };
static const char * const tips_hrandfield[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_hrandfield[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hscan[] = { "@read", "@hash", "@slow", NULL };
static const char * const tips_hscan[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_hscan[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hset[] = { "@write", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hset[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hsetnx[] = { "@write", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hsetnx[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hstrlen[] = { "@read", "@hash", "@fast", NULL };
static const GredisKeySpec keys_hstrlen[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_hvals[] = { "@read", "@hash", "@slow", NULL };
static const char * const tips_hvals[] = { "nondeterministic_output_order", NULL };
static const GredisKeySpec keys_hvals[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_incr[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_incr[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_incrby[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_incrby[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_incrbyfloat[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_incrbyfloat[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_info[] = { "@slow", "@dangerous", NULL };
static const char * const tips_info[] = { "nondeterministic_output", "request_policy:all_shards", "response_policy:special", NULL };
static const char * const acl_keys[] = { "@keyspace", "@read", "@slow", "@dangerous", NULL };
static const char * const tips_keys[] = { "request_policy:all_shards", "nondeterministic_output_order", NULL };
static const char * const acl_lastsave[] = { "@admin", "@fast", "@dangerous", NULL };
static const char * const tips_lastsave[] = { "nondeterministic_output", NULL };
static const char * const acl_latency[] = { "@slow", NULL };
static const char * const acl_lcs[] = { "@read", "@string", "@slow", NULL };
static const GredisKeySpec keys_lcs[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 1, 1, 0 },
};
static const char * const acl_lindex[] = { "@read", "@list", "@slow", NULL };
static const GredisKeySpec keys_lindex[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_linsert[] = { "@write", "@list", "@slow", NULL };
static const GredisKeySpec keys_linsert[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_llen[] = { "@read", "@list", "@fast", NULL };
static const GredisKeySpec keys_llen[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_lmove[] = { "@write", "@list", "@slow", NULL };
static const GredisKeySpec keys_lmove[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_lmpop[] = { "@write", "@list", "@slow", NULL };
static const GredisKeySpec keys_lmpop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 1 },
};
static const char * const acl_lolwut[] = { "@read", "@fast", NULL };
static const char * const acl_lpop[] = { "@write", "@list", "@fast", NULL };
static const GredisKeySpec keys_lpop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_lpos[] = { "@read", "@list", "@slow", NULL };
static const GredisKeySpec keys_lpos[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_lpush[] = { "@write", "@list", "@fast", NULL };
static const GredisKeySpec keys_lpush[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_lpushx[] = { "@write", "@list", "@fast", NULL };
static const GredisKeySpec keys_lpushx[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_lrange[] = { "@read", "@list", "@slow", NULL };
static const GredisKeySpec keys_lrange[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_lrem[] = { "@write", "@list", "@slow", NULL };
static const GredisKeySpec keys_lrem[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_lset[] = { "@write", "@list", "@slow", NULL };
static const GredisKeySpec keys_lset[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_ltrim[] = { "@write", "@list", "@slow", NULL };
static const GredisKeySpec keys_ltrim[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_memory[] = { "@slow", NULL };
static const char * const acl_mget[] = { "@read", "@string", "@fast", NULL };
static const char * const tips_mget[] = { "request_policy:multi_shard", NULL };
static const GredisKeySpec keys_mget[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_migrate[] = { "@keyspace", "@write", "@slow", "@dangerous", NULL };
static const char * const tips_migrate[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_migrate[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    3, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_KEYWORD, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE |
         GREDIS_KEY_SPEC_INCOMPLETE,
    -2, "KEYS", -1, 1, 0 },
};
static const char * const acl_module[] = { "@slow", NULL };
static const char * const acl_monitor[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_move[] = { "@keyspace", "@write", "@fast", NULL };
static const GredisKeySpec keys_move[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_mset[] = { "@write", "@string", "@slow", NULL };
static const char * const tips_mset[] = { "request_policy:multi_shard", "response_policy:all_succeeded", NULL };
static const GredisKeySpec keys_mset[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, -1, 2, 0 },
};
static const char * const acl_msetnx[] = { "@write", "@string", "@slow", NULL };
static const char * const tips_msetnx[] = { "request_policy:multi_shard", "response_policy:agg_min", NULL };
static const GredisKeySpec keys_msetnx[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, -1, 2, 0 },
};
static const char * const acl_multi[] = { "@fast", "@transaction", NULL };
static const char * const acl_object[] = { "@slow", NULL };
static const char * const acl_persist[] = { "@keyspace", "@write", "@fast", NULL };
static const GredisKeySpec keys_persist[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_pexpire[] = { "@keyspace", "@write", "@fast", NULL };
static const GredisKeySpec keys_pexpire[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_pexpireat[] = { "@keyspace", "@write", "@fast", NULL };
static const GredisKeySpec keys_pexpireat[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_pexpiretime[] = { "@keyspace", "@read", "@fast", NULL };
static const GredisKeySpec keys_pexpiretime[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_pfadd[] = { "@write", "@hyperloglog", "@fast", NULL };
static const GredisKeySpec keys_pfadd[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_pfcount[] = { "@read", "@hyperloglog", "@slow", NULL };
static const GredisKeySpec keys_pfcount[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_pfdebug[] = { "@write", "@hyperloglog", "@admin", "@slow", "@dangerous", NULL };
static const GredisKeySpec keys_pfdebug[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_pfmerge[] = { "@write", "@hyperloglog", "@slow", NULL };
static const GredisKeySpec keys_pfmerge[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, -1, 1, 0 },
};
static const char * const acl_pfselftest[] = { "@hyperloglog", "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_ping[] = { "@fast", "@connection", NULL };
static const char * const tips_ping[] = { "request_policy:all_shards", "response_policy:all_succeeded", NULL };
static const char * const acl_psetex[] = { "@write", "@string", "@slow", NULL };
static const GredisKeySpec keys_psetex[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_psubscribe[] = { "@pubsub", "@slow", NULL };
static const char * const acl_psync[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_pttl[] = { "@keyspace", "@read", "@fast", NULL };
static const char * const tips_pttl[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_pttl[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_publish[] = { "@pubsub", "@fast", NULL };
static const char * const acl_pubsub[] = { "@slow", NULL };
static const char * const acl_punsubscribe[] = { "@pubsub", "@slow", NULL };
static const char * const acl_quit[] = { "@fast", "@connection", NULL };
static const char * const acl_randomkey[] = { "@keyspace", "@read", "@slow", NULL };
static const char * const tips_randomkey[] = { "request_policy:all_shards", "nondeterministic_output", NULL };
static const char * const acl_readonly[] = { "@fast", "@connection", NULL };
static const char * const acl_readwrite[] = { "@fast", "@connection", NULL };
static const char * const acl_rename[] = { "@keyspace", "@write", "@slow", NULL };
static const GredisKeySpec keys_rename[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_renamenx[] = { "@keyspace", "@write", "@fast", NULL };
static const GredisKeySpec keys_renamenx[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_INSERT,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_replconf[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_replicaof[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_reset[] = { "@fast", "@connection", NULL };
static const char * const acl_restore[] = { "@keyspace", "@write", "@slow", "@dangerous", NULL };
static const GredisKeySpec keys_restore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_restore_asking[] = { "@keyspace", "@write", "@slow", "@dangerous", NULL };
static const GredisKeySpec keys_restore_asking[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_role[] = { "@admin", "@fast", "@dangerous", NULL };
static const char * const acl_rpop[] = { "@write", "@list", "@fast", NULL };
static const GredisKeySpec keys_rpop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_rpoplpush[] = { "@write", "@list", "@slow", NULL };
static const GredisKeySpec keys_rpoplpush[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_rpush[] = { "@write", "@list", "@fast", NULL };
static const GredisKeySpec keys_rpush[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_rpushx[] = { "@write", "@list", "@fast", NULL };
static const GredisKeySpec keys_rpushx[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_sadd[] = { "@write", "@set", "@fast", NULL };
static const GredisKeySpec keys_sadd[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_save[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_scan[] = { "@keyspace", "@read", "@slow", NULL };
static const char * const tips_scan[] = { "nondeterministic_output", "request_policy:special", NULL };
static const char * const acl_scard[] = { "@read", "@set", "@fast", NULL };
static const GredisKeySpec keys_scard[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_script[] = { "@slow", NULL };
static const char * const acl_sdiff[] = { "@read", "@set", "@slow", NULL };
static const char * const tips_sdiff[] = { "nondeterministic_output_order", NULL };
static const GredisKeySpec keys_sdiff[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_sdiffstore[] = { "@write", "@set", "@slow", NULL };
static const GredisKeySpec keys_sdiffstore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, -1, 1, 0 },
};
static const char * const acl_select[] = { "@fast", "@connection", NULL };
static const char * const acl_set[] = { "@write", "@string", "@slow", NULL };
static const GredisKeySpec keys_set[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE |
         GREDIS_KEY_SPEC_VARIABLE_FLAGS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_setbit[] = { "@write", "@bitmap", "@slow", NULL };
static const GredisKeySpec keys_setbit[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_setex[] = { "@write", "@string", "@slow", NULL };
static const GredisKeySpec keys_setex[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_setnx[] = { "@write", "@string", "@fast", NULL };
static const GredisKeySpec keys_setnx[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_INSERT,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_setrange[] = { "@write", "@string", "@slow", NULL };
static const GredisKeySpec keys_setrange[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_shutdown[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_sinter[] = { "@read", "@set", "@slow", NULL };
static const char * const tips_sinter[] = { "nondeterministic_output_order", NULL };
static const GredisKeySpec keys_sinter[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_sintercard[] = { "@read", "@set", "@slow", NULL };
static const GredisKeySpec keys_sintercard[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 1 },
};
static const char * const acl_sinterstore[] = { "@write", "@set", "@slow", NULL };
static const GredisKeySpec keys_sinterstore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, -1, 1, 0 },
};
static const char * const acl_sismember[] = { "@read", "@set", "@fast", NULL };
static const GredisKeySpec keys_sismember[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_slaveof[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_slowlog[] = { "@slow", NULL };
static const char * const acl_smembers[] = { "@read", "@set", "@slow", NULL };
static const char * const tips_smembers[] = { "nondeterministic_output_order", NULL };
static const GredisKeySpec keys_smembers[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_smismember[] = { "@read", "@set", "@fast", NULL };
static const GredisKeySpec keys_smismember[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_smove[] = { "@write", "@set", "@fast", NULL };
static const GredisKeySpec keys_smove[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_INSERT,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_sort[] = { "@write", "@set", "@sortedset", "@list", "@slow", "@dangerous", NULL };
static const GredisKeySpec keys_sort[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_UNKNOWN, GREDIS_KEY_FIND_UNKNOWN, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    0, NULL, 0, 0, 0 },
  { GREDIS_KEY_SEARCH_UNKNOWN, GREDIS_KEY_FIND_UNKNOWN, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    0, NULL, 0, 0, 0 },
};
static const char * const acl_sort_ro[] = { "@read", "@set", "@sortedset", "@list", "@slow", "@dangerous", NULL };
static const GredisKeySpec keys_sort_ro[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_UNKNOWN, GREDIS_KEY_FIND_UNKNOWN, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    0, NULL, 0, 0, 0 },
};
static const char * const acl_spop[] = { "@write", "@set", "@fast", NULL };
static const char * const tips_spop[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_spop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_spublish[] = { "@pubsub", "@fast", NULL };
static const GredisKeySpec keys_spublish[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_NOT_KEY,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_srandmember[] = { "@read", "@set", "@slow", NULL };
static const char * const tips_srandmember[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_srandmember[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_srem[] = { "@write", "@set", "@fast", NULL };
static const GredisKeySpec keys_srem[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_sscan[] = { "@read", "@set", "@slow", NULL };
static const char * const tips_sscan[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_sscan[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_ssubscribe[] = { "@pubsub", "@slow", NULL };
static const GredisKeySpec keys_ssubscribe[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_NOT_KEY,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_strlen[] = { "@read", "@string", "@fast", NULL };
static const GredisKeySpec keys_strlen[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_subscribe[] = { "@pubsub", "@slow", NULL };
static const char * const acl_substr[] = { "@read", "@string", "@slow", NULL };
static const GredisKeySpec keys_substr[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_sunion[] = { "@read", "@set", "@slow", NULL };
static const char * const tips_sunion[] = { "nondeterministic_output_order", NULL };
static const GredisKeySpec keys_sunion[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_sunionstore[] = { "@write", "@set", "@slow", NULL };
static const GredisKeySpec keys_sunionstore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, -1, 1, 0 },
};
static const char * const acl_sunsubscribe[] = { "@pubsub", "@slow", NULL };
static const GredisKeySpec keys_sunsubscribe[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_NOT_KEY,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_swapdb[] = { "@keyspace", "@write", "@fast", "@dangerous", NULL };
static const char * const acl_sync[] = { "@admin", "@slow", "@dangerous", NULL };
static const char * const acl_time[] = { "@fast", NULL };
static const char * const tips_time[] = { "nondeterministic_output", NULL };
static const char * const acl_touch[] = { "@keyspace", "@read", "@fast", NULL };
static const char * const tips_touch[] = { "request_policy:multi_shard", "response_policy:agg_sum", NULL };
static const GredisKeySpec keys_touch[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_ttl[] = { "@keyspace", "@read", "@fast", NULL };
static const char * const tips_ttl[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_ttl[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_type[] = { "@keyspace", "@read", "@fast", NULL };
static const GredisKeySpec keys_type[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_unlink[] = { "@keyspace", "@write", "@fast", NULL };
static const char * const tips_unlink[] = { "request_policy:multi_shard", "response_policy:agg_sum", NULL };
static const GredisKeySpec keys_unlink[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RM | GREDIS_KEY_SPEC_DELETE,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_unsubscribe[] = { "@pubsub", "@slow", NULL };
static const char * const acl_unwatch[] = { "@fast", "@transaction", NULL };
static const char * const acl_wait[] = { "@slow", "@connection", NULL };
static const char * const tips_wait[] = { "request_policy:all_shards", "response_policy:agg_min", NULL };
static const char * const acl_watch[] = { "@fast", "@transaction", NULL };
static const GredisKeySpec keys_watch[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, -1, 1, 0 },
};
static const char * const acl_xack[] = { "@write", "@stream", "@fast", NULL };
static const GredisKeySpec keys_xack[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xadd[] = { "@write", "@stream", "@fast", NULL };
static const char * const tips_xadd[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_xadd[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xautoclaim[] = { "@write", "@stream", "@fast", NULL };
static const char * const tips_xautoclaim[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_xautoclaim[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xclaim[] = { "@write", "@stream", "@fast", NULL };
static const char * const tips_xclaim[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_xclaim[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xdel[] = { "@write", "@stream", "@fast", NULL };
static const GredisKeySpec keys_xdel[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xgroup[] = { "@slow", NULL };
static const char * const acl_xinfo[] = { "@slow", NULL };
static const char * const acl_xlen[] = { "@read", "@stream", "@fast", NULL };
static const GredisKeySpec keys_xlen[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xpending[] = { "@read", "@stream", "@slow", NULL };
static const char * const tips_xpending[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_xpending[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xrange[] = { "@read", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xrange[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xread[] = { "@read", "@stream", "@slow", "@blocking", NULL };
static const GredisKeySpec keys_xread[] = {
  { GREDIS_KEY_SEARCH_KEYWORD, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, "STREAMS", -1, 1, 2 },
};
static const char * const acl_xreadgroup[] = { "@write", "@stream", "@slow", "@blocking", NULL };
static const GredisKeySpec keys_xreadgroup[] = {
  { GREDIS_KEY_SEARCH_KEYWORD, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    4, "STREAMS", -1, 1, 2 },
};
static const char * const acl_xrevrange[] = { "@read", "@stream", "@slow", NULL };
static const GredisKeySpec keys_xrevrange[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xsetid[] = { "@write", "@stream", "@fast", NULL };
static const GredisKeySpec keys_xsetid[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_xtrim[] = { "@write", "@stream", "@slow", NULL };
static const char * const tips_xtrim[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_xtrim[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zadd[] = { "@write", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zadd[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zcard[] = { "@read", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zcard[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zcount[] = { "@read", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zcount[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zdiff[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zdiff[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 1 },
};
static const char * const acl_zdiffstore[] = { "@write", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zdiffstore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_zincrby[] = { "@write", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zincrby[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zinter[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zinter[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 1 },
};
static const char * const acl_zintercard[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zintercard[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 1 },
};
static const char * const acl_zinterstore[] = { "@write", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zinterstore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 1 },
};
static const char * const acl_zlexcount[] = { "@read", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zlexcount[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zmpop[] = { "@write", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zmpop[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 1 },
};
static const char * const acl_zmscore[] = { "@read", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zmscore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zpopmax[] = { "@write", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zpopmax[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zpopmin[] = { "@write", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zpopmin[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_ACCESS | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrandmember[] = { "@read", "@sortedset", "@slow", NULL };
static const char * const tips_zrandmember[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_zrandmember[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrange[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zrange[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrangebylex[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zrangebylex[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrangebyscore[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zrangebyscore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrangestore[] = { "@write", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zrangestore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 0 },
};
static const char * const acl_zrank[] = { "@read", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zrank[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrem[] = { "@write", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zrem[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zremrangebylex[] = { "@write", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zremrangebylex[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zremrangebyrank[] = { "@write", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zremrangebyrank[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zremrangebyscore[] = { "@write", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zremrangebyscore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RW | GREDIS_KEY_SPEC_DELETE,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrevrange[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zrevrange[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrevrangebylex[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zrevrangebylex[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrevrangebyscore[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zrevrangebyscore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zrevrank[] = { "@read", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zrevrank[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zscan[] = { "@read", "@sortedset", "@slow", NULL };
static const char * const tips_zscan[] = { "nondeterministic_output", NULL };
static const GredisKeySpec keys_zscan[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zscore[] = { "@read", "@sortedset", "@fast", NULL };
static const GredisKeySpec keys_zscore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 0 },
};
static const char * const acl_zunion[] = { "@read", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zunion[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    1, NULL, 0, 1, 1 },
};
static const char * const acl_zunionstore[] = { "@write", "@sortedset", "@slow", NULL };
static const GredisKeySpec keys_zunionstore[] = {
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_RANGE, GREDIS_KEY_SPEC_OW | GREDIS_KEY_SPEC_UPDATE,
    1, NULL, 0, 1, 0 },
  { GREDIS_KEY_SEARCH_INDEX, GREDIS_KEY_FIND_KEYNUM, GREDIS_KEY_SPEC_RO | GREDIS_KEY_SPEC_ACCESS,
    2, NULL, 0, 1, 1 },
};

const GredisCommandInfo gredis_command_table[] = {
  {
    .name = "acl",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 13, .subcommands = sub_acl,
    .parent = NULL,
    .acl_categories = acl_acl,
    .tips = NULL,
  },
  {
    .name = "append",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_append,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_append,
    .tips = NULL,
  },
  {
    .name = "asking",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_FAST,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_asking,
    .tips = NULL,
  },
  {
    .name = "auth",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_NO_AUTH | GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_auth,
    .tips = NULL,
  },
  {
    .name = "bgrewriteaof",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bgrewriteaof,
    .tips = NULL,
  },
  {
    .name = "bgsave",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bgsave,
    .tips = NULL,
  },
  {
    .name = "bitcount",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_bitcount,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bitcount,
    .tips = NULL,
  },
  {
    .name = "bitfield",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_bitfield,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bitfield,
    .tips = NULL,
  },
  {
    .name = "bitfield_ro",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_bitfield_ro,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bitfield_ro,
    .tips = NULL,
  },
  {
    .name = "bitop",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 2, .last_key = -1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_bitop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bitop,
    .tips = NULL,
  },
  {
    .name = "bitpos",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_bitpos,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bitpos,
    .tips = NULL,
  },
  {
    .name = "blmove",
    .arity = 6,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_BLOCKING,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_blmove,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_blmove,
    .tips = NULL,
  },
  {
    .name = "blmpop",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_BLOCKING |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_blmpop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_blmpop,
    .tips = NULL,
  },
  {
    .name = "blpop",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_BLOCKING,
    .first_key = 1, .last_key = -2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_blpop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_blpop,
    .tips = NULL,
  },
  {
    .name = "brpop",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_BLOCKING,
    .first_key = 1, .last_key = -2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_brpop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_brpop,
    .tips = NULL,
  },
  {
    .name = "brpoplpush",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_BLOCKING,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_brpoplpush,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_brpoplpush,
    .tips = NULL,
  },
  {
    .name = "bzmpop",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_BLOCKING |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_bzmpop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bzmpop,
    .tips = NULL,
  },
  {
    .name = "bzpopmax",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_BLOCKING | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = -2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_bzpopmax,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bzpopmax,
    .tips = NULL,
  },
  {
    .name = "bzpopmin",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_BLOCKING | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = -2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_bzpopmin,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_bzpopmin,
    .tips = NULL,
  },
  {
    .name = "client",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 16, .subcommands = sub_client,
    .parent = NULL,
    .acl_categories = acl_client,
    .tips = NULL,
  },
  {
    .name = "cluster",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 27, .subcommands = sub_cluster,
    .parent = NULL,
    .acl_categories = acl_cluster,
    .tips = NULL,
  },
  {
    .name = "command",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 7, .subcommands = sub_command,
    .parent = NULL,
    .acl_categories = acl_command,
    .tips = tips_command,
  },
  {
    .name = "config",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 5, .subcommands = sub_config,
    .parent = NULL,
    .acl_categories = acl_config,
    .tips = NULL,
  },
  {
    .name = "copy",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_copy,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_copy,
    .tips = NULL,
  },
  {
    .name = "dbsize",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_dbsize,
    .tips = tips_dbsize,
  },
  {
    .name = "debug",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_debug,
    .tips = NULL,
  },
  {
    .name = "decr",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_decr,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_decr,
    .tips = NULL,
  },
  {
    .name = "decrby",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_decrby,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_decrby,
    .tips = NULL,
  },
  {
    .name = "del",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_del,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_del,
    .tips = tips_del,
  },
  {
    .name = "discard",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_discard,
    .tips = NULL,
  },
  {
    .name = "dump",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_dump,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_dump,
    .tips = tips_dump,
  },
  {
    .name = "echo",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_FAST | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_echo,
    .tips = NULL,
  },
  {
    .name = "eval",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_SKIP_MONITOR | GREDIS_COMMAND_FLAG_NO_MANDATORY_KEYS |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_eval,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_eval,
    .tips = NULL,
  },
  {
    .name = "eval_ro",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_SKIP_MONITOR |
             GREDIS_COMMAND_FLAG_NO_MANDATORY_KEYS | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_eval_ro,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_eval_ro,
    .tips = NULL,
  },
  {
    .name = "evalsha",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_SKIP_MONITOR | GREDIS_COMMAND_FLAG_NO_MANDATORY_KEYS |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_evalsha,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_evalsha,
    .tips = NULL,
  },
  {
    .name = "evalsha_ro",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_SKIP_MONITOR |
             GREDIS_COMMAND_FLAG_NO_MANDATORY_KEYS | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_evalsha_ro,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_evalsha_ro,
    .tips = NULL,
  },
  {
    .name = "exec",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_SKIP_SLOWLOG,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_exec,
    .tips = NULL,
  },
  {
    .name = "exists",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_exists,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_exists,
    .tips = tips_exists,
  },
  {
    .name = "expire",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_expire,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_expire,
    .tips = NULL,
  },
  {
    .name = "expireat",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_expireat,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_expireat,
    .tips = NULL,
  },
  {
    .name = "expiretime",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_expiretime,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_expiretime,
    .tips = NULL,
  },
  {
    .name = "failover",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_failover,
    .tips = NULL,
  },
  {
    .name = "fcall",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_SKIP_MONITOR | GREDIS_COMMAND_FLAG_NO_MANDATORY_KEYS |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_fcall,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_fcall,
    .tips = NULL,
  },
  {
    .name = "fcall_ro",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_SKIP_MONITOR |
             GREDIS_COMMAND_FLAG_NO_MANDATORY_KEYS | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_fcall_ro,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_fcall_ro,
    .tips = NULL,
  },
  {
    .name = "flushall",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_WRITE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_flushall,
    .tips = tips_flushall,
  },
  {
    .name = "flushdb",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_WRITE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_flushdb,
    .tips = tips_flushdb,
  },
  {
    .name = "function",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 9, .subcommands = sub_function,
    .parent = NULL,
    .acl_categories = acl_function,
    .tips = NULL,
  },
  {
    .name = "geoadd",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_geoadd,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_geoadd,
    .tips = NULL,
  },
  {
    .name = "geodist",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_geodist,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_geodist,
    .tips = NULL,
  },
  {
    .name = "geohash",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_geohash,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_geohash,
    .tips = NULL,
  },
  {
    .name = "geopos",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_geopos,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_geopos,
    .tips = NULL,
  },
  {
    .name = "georadius",
    .arity = -6,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 3, .key_specs = keys_georadius,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_georadius,
    .tips = NULL,
  },
  {
    .name = "georadius_ro",
    .arity = -6,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_georadius_ro,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_georadius_ro,
    .tips = NULL,
  },
  {
    .name = "georadiusbymember",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 3, .key_specs = keys_georadiusbymember,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_georadiusbymember,
    .tips = NULL,
  },
  {
    .name = "georadiusbymember_ro",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_georadiusbymember_ro,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_georadiusbymember_ro,
    .tips = NULL,
  },
  {
    .name = "geosearch",
    .arity = -7,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_geosearch,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_geosearch,
    .tips = NULL,
  },
  {
    .name = "geosearchstore",
    .arity = -8,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_geosearchstore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_geosearchstore,
    .tips = NULL,
  },
  {
    .name = "get",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_get,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_get,
    .tips = NULL,
  },
  {
    .name = "getbit",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_getbit,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_getbit,
    .tips = NULL,
  },
  {
    .name = "getdel",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_getdel,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_getdel,
    .tips = NULL,
  },
  {
    .name = "getex",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_getex,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_getex,
    .tips = NULL,
  },
  {
    .name = "getrange",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_getrange,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_getrange,
    .tips = NULL,
  },
  {
    .name = "getset",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_getset,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_getset,
    .tips = NULL,
  },
  {
    .name = "hdel",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hdel,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hdel,
    .tips = NULL,
  },
  {
    .name = "hello",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_NO_AUTH | GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hello,
    .tips = NULL,
  },
  {
    .name = "hexists",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hexists,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hexists,
    .tips = NULL,
  },
  {
    .name = "hget",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hget,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hget,
    .tips = NULL,
  },
  {
    .name = "hgetall",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hgetall,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hgetall,
    .tips = tips_hgetall,
  },
  {
    .name = "hincrby",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hincrby,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hincrby,
    .tips = NULL,
  },
  {
    .name = "hincrbyfloat",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hincrbyfloat,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hincrbyfloat,
    .tips = NULL,
  },
  {
    .name = "hkeys",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hkeys,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hkeys,
    .tips = tips_hkeys,
  },
  {
    .name = "hlen",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hlen,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hlen,
    .tips = NULL,
  },
  {
    .name = "hmget",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hmget,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hmget,
    .tips = NULL,
  },
  {
    .name = "hmset",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hmset,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hmset,
    .tips = NULL,
  },
  {
    .name = "hrandfield",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hrandfield,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hrandfield,
    .tips = tips_hrandfield,
  },
  {
    .name = "hscan",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hscan,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hscan,
    .tips = tips_hscan,
  },
  {
    .name = "hset",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hset,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hset,
    .tips = NULL,
  },
  {
    .name = "hsetnx",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hsetnx,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hsetnx,
    .tips = NULL,
  },
  {
    .name = "hstrlen",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hstrlen,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hstrlen,
    .tips = NULL,
  },
  {
    .name = "hvals",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_hvals,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_hvals,
    .tips = tips_hvals,
  },
  {
    .name = "incr",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_incr,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_incr,
    .tips = NULL,
  },
  {
    .name = "incrby",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_incrby,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_incrby,
    .tips = NULL,
  },
  {
    .name = "incrbyfloat",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_incrbyfloat,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_incrbyfloat,
    .tips = NULL,
  },
  {
    .name = "info",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_info,
    .tips = tips_info,
  },
  {
    .name = "keys",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_keys,
    .tips = tips_keys,
  },
  {
    .name = "lastsave",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_FAST | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lastsave,
    .tips = tips_lastsave,
  },
  {
    .name = "latency",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 7, .subcommands = sub_latency,
    .parent = NULL,
    .acl_categories = acl_latency,
    .tips = NULL,
  },
  {
    .name = "lcs",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lcs,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lcs,
    .tips = NULL,
  },
  {
    .name = "lindex",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lindex,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lindex,
    .tips = NULL,
  },
  {
    .name = "linsert",
    .arity = 5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_linsert,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_linsert,
    .tips = NULL,
  },
  {
    .name = "llen",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_llen,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_llen,
    .tips = NULL,
  },
  {
    .name = "lmove",
    .arity = 5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_lmove,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lmove,
    .tips = NULL,
  },
  {
    .name = "lmpop",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_lmpop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lmpop,
    .tips = NULL,
  },
  {
    .name = "lolwut",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lolwut,
    .tips = NULL,
  },
  {
    .name = "lpop",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lpop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lpop,
    .tips = NULL,
  },
  {
    .name = "lpos",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lpos,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lpos,
    .tips = NULL,
  },
  {
    .name = "lpush",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lpush,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lpush,
    .tips = NULL,
  },
  {
    .name = "lpushx",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lpushx,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lpushx,
    .tips = NULL,
  },
  {
    .name = "lrange",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lrange,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lrange,
    .tips = NULL,
  },
  {
    .name = "lrem",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lrem,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lrem,
    .tips = NULL,
  },
  {
    .name = "lset",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_lset,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_lset,
    .tips = NULL,
  },
  {
    .name = "ltrim",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_ltrim,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_ltrim,
    .tips = NULL,
  },
  {
    .name = "memory",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 6, .subcommands = sub_memory,
    .parent = NULL,
    .acl_categories = acl_memory,
    .tips = NULL,
  },
  {
    .name = "mget",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_mget,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_mget,
    .tips = tips_mget,
  },
  {
    .name = "migrate",
    .arity = -6,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 3, .last_key = 3, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_migrate,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_migrate,
    .tips = tips_migrate,
  },
  {
    .name = "module",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 5, .subcommands = sub_module,
    .parent = NULL,
    .acl_categories = acl_module,
    .tips = NULL,
  },
  {
    .name = "monitor",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_monitor,
    .tips = NULL,
  },
  {
    .name = "move",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_move,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_move,
    .tips = NULL,
  },
  {
    .name = "mset",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 2,
    .n_key_specs = 1, .key_specs = keys_mset,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_mset,
    .tips = tips_mset,
  },
  {
    .name = "msetnx",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = -1, .key_step = 2,
    .n_key_specs = 1, .key_specs = keys_msetnx,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_msetnx,
    .tips = tips_msetnx,
  },
  {
    .name = "multi",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_multi,
    .tips = NULL,
  },
  {
    .name = "object",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 5, .subcommands = sub_object,
    .parent = NULL,
    .acl_categories = acl_object,
    .tips = NULL,
  },
  {
    .name = "persist",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_persist,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_persist,
    .tips = NULL,
  },
  {
    .name = "pexpire",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_pexpire,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pexpire,
    .tips = NULL,
  },
  {
    .name = "pexpireat",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_pexpireat,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pexpireat,
    .tips = NULL,
  },
  {
    .name = "pexpiretime",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_pexpiretime,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pexpiretime,
    .tips = NULL,
  },
  {
    .name = "pfadd",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_pfadd,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pfadd,
    .tips = NULL,
  },
  {
    .name = "pfcount",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_pfcount,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pfcount,
    .tips = NULL,
  },
  {
    .name = "pfdebug",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_ADMIN,
    .first_key = 2, .last_key = 2, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_pfdebug,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pfdebug,
    .tips = NULL,
  },
  {
    .name = "pfmerge",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_pfmerge,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pfmerge,
    .tips = NULL,
  },
  {
    .name = "pfselftest",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pfselftest,
    .tips = NULL,
  },
  {
    .name = "ping",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_FAST | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_ping,
    .tips = tips_ping,
  },
  {
    .name = "psetex",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_psetex,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_psetex,
    .tips = NULL,
  },
  {
    .name = "psubscribe",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_psubscribe,
    .tips = NULL,
  },
  {
    .name = "psync",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING | GREDIS_COMMAND_FLAG_NO_MULTI,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_psync,
    .tips = NULL,
  },
  {
    .name = "pttl",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_pttl,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_pttl,
    .tips = tips_pttl,
  },
  {
    .name = "publish",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_publish,
    .tips = NULL,
  },
  {
    .name = "pubsub",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 6, .subcommands = sub_pubsub,
    .parent = NULL,
    .acl_categories = acl_pubsub,
    .tips = NULL,
  },
  {
    .name = "punsubscribe",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_punsubscribe,
    .tips = NULL,
  },
  {
    .name = "quit",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_NO_AUTH | GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_quit,
    .tips = NULL,
  },
  {
    .name = "randomkey",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_randomkey,
    .tips = tips_randomkey,
  },
  {
    .name = "readonly",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_readonly,
    .tips = NULL,
  },
  {
    .name = "readwrite",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_readwrite,
    .tips = NULL,
  },
  {
    .name = "rename",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_rename,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_rename,
    .tips = NULL,
  },
  {
    .name = "renamenx",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_renamenx,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_renamenx,
    .tips = NULL,
  },
  {
    .name = "replconf",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_replconf,
    .tips = NULL,
  },
  {
    .name = "replicaof",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_replicaof,
    .tips = NULL,
  },
  {
    .name = "reset",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_NO_AUTH | GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_reset,
    .tips = NULL,
  },
  {
    .name = "restore",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_restore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_restore,
    .tips = NULL,
  },
  {
    .name = "restore-asking",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_ASKING,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_restore_asking,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_restore_asking,
    .tips = NULL,
  },
  {
    .name = "role",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_role,
    .tips = NULL,
  },
  {
    .name = "rpop",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_rpop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_rpop,
    .tips = NULL,
  },
  {
    .name = "rpoplpush",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_rpoplpush,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_rpoplpush,
    .tips = NULL,
  },
  {
    .name = "rpush",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_rpush,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_rpush,
    .tips = NULL,
  },
  {
    .name = "rpushx",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_rpushx,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_rpushx,
    .tips = NULL,
  },
  {
    .name = "sadd",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_sadd,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sadd,
    .tips = NULL,
  },
  {
    .name = "save",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING | GREDIS_COMMAND_FLAG_NO_MULTI,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_save,
    .tips = NULL,
  },
  {
    .name = "scan",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_scan,
    .tips = tips_scan,
  },
  {
    .name = "scard",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_scard,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_scard,
    .tips = NULL,
  },
  {
    .name = "script",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 6, .subcommands = sub_script,
    .parent = NULL,
    .acl_categories = acl_script,
    .tips = NULL,
  },
  {
    .name = "sdiff",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_sdiff,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sdiff,
    .tips = tips_sdiff,
  },
  {
    .name = "sdiffstore",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_sdiffstore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sdiffstore,
    .tips = NULL,
  },
  {
    .name = "select",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_select,
    .tips = NULL,
  },
  {
    .name = "set",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_set,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_set,
    .tips = NULL,
  },
  {
    .name = "setbit",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_setbit,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_setbit,
    .tips = NULL,
  },
  {
    .name = "setex",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_setex,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_setex,
    .tips = NULL,
  },
  {
    .name = "setnx",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_setnx,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_setnx,
    .tips = NULL,
  },
  {
    .name = "setrange",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_setrange,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_setrange,
    .tips = NULL,
  },
  {
    .name = "shutdown",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_NO_MULTI | GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_shutdown,
    .tips = NULL,
  },
  {
    .name = "sinter",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_sinter,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sinter,
    .tips = tips_sinter,
  },
  {
    .name = "sintercard",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_sintercard,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sintercard,
    .tips = NULL,
  },
  {
    .name = "sinterstore",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_sinterstore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sinterstore,
    .tips = NULL,
  },
  {
    .name = "sismember",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_sismember,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sismember,
    .tips = NULL,
  },
  {
    .name = "slaveof",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_slaveof,
    .tips = NULL,
  },
  {
    .name = "slowlog",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 4, .subcommands = sub_slowlog,
    .parent = NULL,
    .acl_categories = acl_slowlog,
    .tips = NULL,
  },
  {
    .name = "smembers",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_smembers,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_smembers,
    .tips = tips_smembers,
  },
  {
    .name = "smismember",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_smismember,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_smismember,
    .tips = NULL,
  },
  {
    .name = "smove",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_smove,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_smove,
    .tips = NULL,
  },
  {
    .name = "sort",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 3, .key_specs = keys_sort,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sort,
    .tips = NULL,
  },
  {
    .name = "sort_ro",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_sort_ro,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sort_ro,
    .tips = NULL,
  },
  {
    .name = "spop",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_spop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_spop,
    .tips = tips_spop,
  },
  {
    .name = "spublish",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_spublish,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_spublish,
    .tips = NULL,
  },
  {
    .name = "srandmember",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_srandmember,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_srandmember,
    .tips = tips_srandmember,
  },
  {
    .name = "srem",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_srem,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_srem,
    .tips = NULL,
  },
  {
    .name = "sscan",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_sscan,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sscan,
    .tips = tips_sscan,
  },
  {
    .name = "ssubscribe",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_ssubscribe,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_ssubscribe,
    .tips = NULL,
  },
  {
    .name = "strlen",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_strlen,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_strlen,
    .tips = NULL,
  },
  {
    .name = "subscribe",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_subscribe,
    .tips = NULL,
  },
  {
    .name = "substr",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_substr,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_substr,
    .tips = NULL,
  },
  {
    .name = "sunion",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_sunion,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sunion,
    .tips = tips_sunion,
  },
  {
    .name = "sunionstore",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_sunionstore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sunionstore,
    .tips = NULL,
  },
  {
    .name = "sunsubscribe",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_sunsubscribe,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sunsubscribe,
    .tips = NULL,
  },
  {
    .name = "swapdb",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_swapdb,
    .tips = NULL,
  },
  {
    .name = "sync",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_ADMIN | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_NO_ASYNC_LOADING | GREDIS_COMMAND_FLAG_NO_MULTI,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_sync,
    .tips = NULL,
  },
  {
    .name = "time",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE |
             GREDIS_COMMAND_FLAG_FAST | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_time,
    .tips = tips_time,
  },
  {
    .name = "touch",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_touch,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_touch,
    .tips = tips_touch,
  },
  {
    .name = "ttl",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_ttl,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_ttl,
    .tips = tips_ttl,
  },
  {
    .name = "type",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_type,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_type,
    .tips = NULL,
  },
  {
    .name = "unlink",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_unlink,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_unlink,
    .tips = tips_unlink,
  },
  {
    .name = "unsubscribe",
    .arity = -1,
    .flags = GREDIS_COMMAND_FLAG_PUBSUB | GREDIS_COMMAND_FLAG_NOSCRIPT |
             GREDIS_COMMAND_FLAG_LOADING | GREDIS_COMMAND_FLAG_STALE,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_unsubscribe,
    .tips = NULL,
  },
  {
    .name = "unwatch",
    .arity = 1,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_unwatch,
    .tips = NULL,
  },
  {
    .name = "wait",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_wait,
    .tips = tips_wait,
  },
  {
    .name = "watch",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_NOSCRIPT | GREDIS_COMMAND_FLAG_LOADING |
             GREDIS_COMMAND_FLAG_STALE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_ALLOW_BUSY,
    .first_key = 1, .last_key = -1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_watch,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_watch,
    .tips = NULL,
  },
  {
    .name = "xack",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xack,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xack,
    .tips = NULL,
  },
  {
    .name = "xadd",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xadd,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xadd,
    .tips = tips_xadd,
  },
  {
    .name = "xautoclaim",
    .arity = -6,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xautoclaim,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xautoclaim,
    .tips = tips_xautoclaim,
  },
  {
    .name = "xclaim",
    .arity = -6,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xclaim,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xclaim,
    .tips = tips_xclaim,
  },
  {
    .name = "xdel",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xdel,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xdel,
    .tips = NULL,
  },
  {
    .name = "xgroup",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 6, .subcommands = sub_xgroup,
    .parent = NULL,
    .acl_categories = acl_xgroup,
    .tips = NULL,
  },
  {
    .name = "xinfo",
    .arity = -2,
    .flags = 0,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 0, .key_specs = NULL,
    .n_subcommands = 4, .subcommands = sub_xinfo,
    .parent = NULL,
    .acl_categories = acl_xinfo,
    .tips = NULL,
  },
  {
    .name = "xlen",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xlen,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xlen,
    .tips = NULL,
  },
  {
    .name = "xpending",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xpending,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xpending,
    .tips = tips_xpending,
  },
  {
    .name = "xrange",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xrange,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xrange,
    .tips = NULL,
  },
  {
    .name = "xread",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_BLOCKING |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_xread,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xread,
    .tips = NULL,
  },
  {
    .name = "xreadgroup",
    .arity = -7,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_BLOCKING |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_xreadgroup,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xreadgroup,
    .tips = NULL,
  },
  {
    .name = "xrevrange",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xrevrange,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xrevrange,
    .tips = NULL,
  },
  {
    .name = "xsetid",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xsetid,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xsetid,
    .tips = NULL,
  },
  {
    .name = "xtrim",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_xtrim,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_xtrim,
    .tips = tips_xtrim,
  },
  {
    .name = "zadd",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zadd,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zadd,
    .tips = NULL,
  },
  {
    .name = "zcard",
    .arity = 2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zcard,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zcard,
    .tips = NULL,
  },
  {
    .name = "zcount",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zcount,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zcount,
    .tips = NULL,
  },
  {
    .name = "zdiff",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_zdiff,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zdiff,
    .tips = NULL,
  },
  {
    .name = "zdiffstore",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_zdiffstore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zdiffstore,
    .tips = NULL,
  },
  {
    .name = "zincrby",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zincrby,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zincrby,
    .tips = NULL,
  },
  {
    .name = "zinter",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_zinter,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zinter,
    .tips = NULL,
  },
  {
    .name = "zintercard",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_zintercard,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zintercard,
    .tips = NULL,
  },
  {
    .name = "zinterstore",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_zinterstore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zinterstore,
    .tips = NULL,
  },
  {
    .name = "zlexcount",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zlexcount,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zlexcount,
    .tips = NULL,
  },
  {
    .name = "zmpop",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_zmpop,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zmpop,
    .tips = NULL,
  },
  {
    .name = "zmscore",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zmscore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zmscore,
    .tips = NULL,
  },
  {
    .name = "zpopmax",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zpopmax,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zpopmax,
    .tips = NULL,
  },
  {
    .name = "zpopmin",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zpopmin,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zpopmin,
    .tips = NULL,
  },
  {
    .name = "zrandmember",
    .arity = -2,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrandmember,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrandmember,
    .tips = tips_zrandmember,
  },
  {
    .name = "zrange",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrange,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrange,
    .tips = NULL,
  },
  {
    .name = "zrangebylex",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrangebylex,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrangebylex,
    .tips = NULL,
  },
  {
    .name = "zrangebyscore",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrangebyscore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrangebyscore,
    .tips = NULL,
  },
  {
    .name = "zrangestore",
    .arity = -5,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM,
    .first_key = 1, .last_key = 2, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_zrangestore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrangestore,
    .tips = NULL,
  },
  {
    .name = "zrank",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrank,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrank,
    .tips = NULL,
  },
  {
    .name = "zrem",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrem,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrem,
    .tips = NULL,
  },
  {
    .name = "zremrangebylex",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zremrangebylex,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zremrangebylex,
    .tips = NULL,
  },
  {
    .name = "zremrangebyrank",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zremrangebyrank,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zremrangebyrank,
    .tips = NULL,
  },
  {
    .name = "zremrangebyscore",
    .arity = 4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zremrangebyscore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zremrangebyscore,
    .tips = NULL,
  },
  {
    .name = "zrevrange",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrevrange,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrevrange,
    .tips = NULL,
  },
  {
    .name = "zrevrangebylex",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrevrangebylex,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrevrangebylex,
    .tips = NULL,
  },
  {
    .name = "zrevrangebyscore",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrevrangebyscore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrevrangebyscore,
    .tips = NULL,
  },
  {
    .name = "zrevrank",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zrevrank,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zrevrank,
    .tips = NULL,
  },
  {
    .name = "zscan",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zscan,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zscan,
    .tips = tips_zscan,
  },
  {
    .name = "zscore",
    .arity = 3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_FAST |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 1, .key_specs = keys_zscore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zscore,
    .tips = NULL,
  },
  {
    .name = "zunion",
    .arity = -3,
    .flags = GREDIS_COMMAND_FLAG_READONLY | GREDIS_COMMAND_FLAG_MOVABLE_KEYS |
             GREDIS_COMMAND_FLAG_IDEMPOTENT,
    .first_key = 0, .last_key = 0, .key_step = 0,
    .n_key_specs = 1, .key_specs = keys_zunion,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zunion,
    .tips = NULL,
  },
  {
    .name = "zunionstore",
    .arity = -4,
    .flags = GREDIS_COMMAND_FLAG_WRITE | GREDIS_COMMAND_FLAG_DENYOOM |
             GREDIS_COMMAND_FLAG_MOVABLE_KEYS,
    .first_key = 1, .last_key = 1, .key_step = 1,
    .n_key_specs = 2, .key_specs = keys_zunionstore,
    .n_subcommands = 0, .subcommands = NULL,
    .parent = NULL,
    .acl_categories = acl_zunionstore,
    .tips = NULL,
  },
};

const guint gredis_command_table_length = G_N_ELEMENTS (gredis_command_table);
