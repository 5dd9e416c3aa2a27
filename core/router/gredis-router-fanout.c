/* gredis-router-fanout.c: commands a cluster client sends to several
 * nodes (command tips), SCAN node by node, and multi-key commands split
 * by slot
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-sync-private.h"
#include "gredis-command-table-private.h"
#include "gredis-key-slot-private.h"
#include "gredis-pool-cluster-private.h"
#include "gredis-router-fanout-private.h"
#include "gredis-router-retry-private.h"
#include "gredis-call-private.h"
#include "gredis-connection-private.h"

#include <string.h>

/* A command of a cluster client that one node cannot answer alone is
 * cut into parts, each for one node (named in the pool request) or one
 * slot; the parts go out together and their replies make the one reply
 * the caller gets, by the command's response_policy tip:
 *
 * - request_policy all_shards: every primary (DBSIZE, KEYS, FLUSHALL,
 *   SCRIPT EXISTS, FUNCTION LOAD, PING …); all_nodes: every primary and
 *   replica not reported failed (SCRIPT LOAD, SCRIPT FLUSH, CONFIG SET);
 * - agg_sum, agg_min, agg_max: the integers summed, or the least or
 *   greatest; agg_logical_and/or: element by element for arrays (SCRIPT
 *   EXISTS); all_succeeded: the first error if any, else the first reply;
 *   one_succeeded: the first reply that is not an error; special (INFO,
 *   MEMORY STATS, LATENCY …): a map from each node's "host:port" to its
 *   reply; none (KEYS, SLOWLOG GET, RANDOMKEY): arrays joined in node
 *   order, or the first reply that is not nil;
 * - SCAN: one primary at a time, the client's cursor carrying the node
 *   (_gredis_cluster_scan_cursor_encode());
 * - a multi-key command over several slots (request_policy multi_shard,
 *   with GredisConfig:cluster-split): one part per slot, with the keys
 *   (and their values) of that slot in the caller's order; MGET's values
 *   are put back in the order of its keys.
 *
 * Each part is retried alone by the rules of every command
 * (_gredis_retry_decide()); a part for a slot follows MOVED. A command
 * whose part failed fails with the first error, in part order, even
 * when others ran: the whole is not atomic. */

#define SCAN_NODE_BITS 16

typedef struct
{
  GPtrArray *argv;            /* of char *, the part's command (NUL-terminated copies) */
  GArray *lengths;            /* gsize */
  GSocketConnectable *node;   /* NULL: by slot */
  gint slot;
  GredisPoolIntent intent;
  GArray *positions;          /* guint: the caller's key number of each key */
  GredisReply *reply;
  GError *error;
  guint failures;
  guint redirects;
  GredisRetryDelay delay;
  /* The asynchronous form. */
  struct _Fanout *fanout;
  GredisConnection *connection;
  gint64 wait_start;          /* with observers: when it asked the pool */
} Part;

typedef struct _Fanout
{
  GredisRouter *router;
  GredisObservers *observers; /* the router's, borrowed; NULL: none */
  GredisPool *pool;
  GredisFanout kind;
  const GredisCommandInfo *info;
  GPtrArray *argv;            /* the caller's command, copied */
  GArray *lengths;
  GPtrArray *parts;           /* Part */
  guint n_keys;               /* SPLIT: how many keys */
  guint scan_index;           /* SCAN: the node asked */
  guint scan_n_nodes;
  GredisCall *call;           /* the asynchronous form */
  GCancellable *cancellable;
  guint n_pending;
} Fanout;

static void
part_free (gpointer data)
{
  Part *part = data;

  g_ptr_array_unref (part->argv);
  g_array_unref (part->lengths);
  g_clear_object (&part->node);
  g_clear_pointer (&part->positions, g_array_unref);
  g_clear_pointer (&part->reply, gredis_reply_unref);
  g_clear_error (&part->error);
  g_free (part);
}

static Part *
part_new (Fanout *fanout)
{
  Part *part = g_new0 (Part, 1);

  part->argv = g_ptr_array_new_with_free_func (g_free);
  part->lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  part->slot = GREDIS_POOL_NO_SLOT;
  part->fanout = fanout;
  g_ptr_array_add (fanout->parts, part);
  return part;
}

static void
part_add_arg (Part       *part,
              const char *data,
              gsize       length)
{
  g_ptr_array_add (part->argv, g_strndup (data, length));
  g_array_append_val (part->lengths, length);
}

static void
fanout_free (Fanout *fanout)
{
  _gredis_router_unref (fanout->router);
  g_clear_object (&fanout->pool);
  g_ptr_array_unref (fanout->argv);
  g_array_unref (fanout->lengths);
  g_ptr_array_unref (fanout->parts);
  g_clear_pointer (&fanout->call, _gredis_call_unref);
  g_clear_object (&fanout->cancellable);
  g_free (fanout);
}

static Fanout *
fanout_new (GredisRouter              *router,
            GredisPool                *pool,
            GredisFanout               kind,
            const GredisCommandInfo   *info,
            guint                      argc,
            const char * const        *argv,
            const gsize               *argv_lengths,
            GBytes * const            *args)
{
  Fanout *fanout = g_new0 (Fanout, 1);

  fanout->router = _gredis_router_ref (router);
  /* The pool is made: the observers are known and never change. */
  fanout->observers = _gredis_router_peek_observers (router);
  fanout->pool = g_object_ref (pool);
  fanout->kind = kind;
  fanout->info = info;
  fanout->argv = g_ptr_array_new_with_free_func (g_free);
  fanout->lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  fanout->parts = g_ptr_array_new_with_free_func (part_free);
  for (guint i = 0; i < argc; i++)
    {
      gsize length;
      const char *data;

      if (args != NULL)
        data = g_bytes_get_data (args[i], &length);
      else
        {
          data = argv[i];
          length = argv_lengths != NULL ? argv_lengths[i] : strlen (argv[i]);
        }
      g_ptr_array_add (fanout->argv, g_strndup (data != NULL ? data : "", length));
      g_array_append_val (fanout->lengths, length);
    }
  return fanout;
}

#define FANOUT_ARGC(f) ((f)->argv->len)
#define FANOUT_ARGV(f) ((const char * const *) (f)->argv->pdata)
#define FANOUT_LENGTHS(f) ((const gsize *) (f)->lengths->data)

GredisFanout
_gredis_router_fanout_kind (GredisRouter            *router,
                            const GredisCommandInfo *info,
                            gint                     slot)
{
  if (info == NULL)
    return GREDIS_FANOUT_NONE;
  if (slot == GREDIS_KEY_SLOT_CROSS)
    {
      /* An all-or-nothing command cannot keep its meaning in parts. */
      if (gredis_command_info_get_request_policy (info) == GREDIS_REQUEST_POLICY_MULTI_SHARD &&
          g_strcmp0 (info->name, "msetnx") != 0 &&
          gredis_config_get_cluster_split (_gredis_router_get_config (router)))
        return GREDIS_FANOUT_SPLIT;
      return GREDIS_FANOUT_NONE;
    }
  if (slot != GREDIS_KEY_SLOT_NONE)
    return GREDIS_FANOUT_NONE;
  switch (gredis_command_info_get_request_policy (info))
    {
    case GREDIS_REQUEST_POLICY_ALL_SHARDS:
      return GREDIS_FANOUT_ALL_SHARDS;
    case GREDIS_REQUEST_POLICY_ALL_NODES:
      return GREDIS_FANOUT_ALL_NODES;
    case GREDIS_REQUEST_POLICY_SPECIAL:
      return g_str_equal (info->name, "scan") ? GREDIS_FANOUT_SCAN : GREDIS_FANOUT_NONE;
    case GREDIS_REQUEST_POLICY_DEFAULT:
    case GREDIS_REQUEST_POLICY_MULTI_SHARD:
    default:
      return GREDIS_FANOUT_NONE;
    }
}

/* SCAN's cursor */

gboolean
_gredis_cluster_scan_cursor_decode (const char *text,
                                    gsize       length,
                                    guint      *node_index,
                                    guint64    *server_cursor)
{
  g_autofree char *copy = g_strndup (text, length);
  guint64 cursor;

  if (!g_ascii_string_to_unsigned (copy, 10, 0, G_MAXUINT64, &cursor, NULL))
    return FALSE;
  *node_index = (guint) (cursor & ((1 << SCAN_NODE_BITS) - 1));
  *server_cursor = cursor >> SCAN_NODE_BITS;
  return TRUE;
}

char *
_gredis_cluster_scan_cursor_encode (guint   node_index,
                                    guint64 server_cursor)
{
  return g_strdup_printf ("%" G_GUINT64_FORMAT,
                          (server_cursor << SCAN_NODE_BITS) | (guint64) node_index);
}

/* Planning */

typedef struct
{
  GArray *positions;          /* guint, argv positions of the keys */
} KeyWalk;

static void
add_key_position (guint    position,
                  gpointer user_data)
{
  KeyWalk *walk = user_data;

  g_array_append_val (walk->positions, position);
}

/* One part per slot of the keys, each with the key's unit (the key and
 * the arguments up to the next key: MSET's value). The keys must fill
 * the command after its name. */
static gboolean
plan_split (Fanout  *fanout,
            GError **error)
{
  KeyWalk walk = { g_array_new (FALSE, FALSE, sizeof (guint)) };
  g_autoptr(GArray) positions = walk.positions;
  g_autoptr(GHashTable) by_slot = g_hash_table_new (NULL, NULL);
  gboolean read_only = gredis_command_info_is_read_only (fanout->info);

  _gredis_command_info_foreach_key (fanout->info, FANOUT_ARGC (fanout), FANOUT_ARGV (fanout),
                                    FANOUT_LENGTHS (fanout), FALSE, add_key_position, &walk);
  if (positions->len == 0 || g_array_index (positions, guint, 0) != 1)
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CROSSSLOT,
                           _("The keys of the command are in different slots of the cluster and it cannot be split, so it was not sent."));
      return FALSE;
    }
  fanout->n_keys = positions->len;
  for (guint k = 0; k < positions->len; k++)
    {
      guint start = g_array_index (positions, guint, k);
      guint end = k + 1 < positions->len ? g_array_index (positions, guint, k + 1)
                                         : FANOUT_ARGC (fanout);
      const char *key = FANOUT_ARGV (fanout)[start];
      gsize key_length = FANOUT_LENGTHS (fanout)[start];
      gint slot = gredis_key_slot ((const guint8 *) key, key_length);
      Part *part = g_hash_table_lookup (by_slot, GINT_TO_POINTER (slot + 1));

      if (part == NULL)
        {
          part = part_new (fanout);
          part->slot = slot;
          part->intent = read_only ? GREDIS_POOL_INTENT_READ : GREDIS_POOL_INTENT_WRITE;
          part->positions = g_array_new (FALSE, FALSE, sizeof (guint));
          part_add_arg (part, FANOUT_ARGV (fanout)[0], FANOUT_LENGTHS (fanout)[0]);
          g_hash_table_insert (by_slot, GINT_TO_POINTER (slot + 1), part);
        }
      g_array_append_val (part->positions, k);
      for (guint i = start; i < end; i++)
        part_add_arg (part, FANOUT_ARGV (fanout)[i], FANOUT_LENGTHS (fanout)[i]);
    }
  return TRUE;
}

/* With the slot map known: the parts of @fanout. */
static gboolean
plan (Fanout  *fanout,
      GError **error)
{
  g_autoptr(GPtrArray) nodes = NULL;

  if (fanout->kind == GREDIS_FANOUT_SPLIT)
    return plan_split (fanout, error);

  nodes = _gredis_pool_cluster_dup_nodes (fanout->pool, fanout->kind == GREDIS_FANOUT_ALL_NODES);
  if (nodes == NULL || nodes->len == 0)
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CLUSTERDOWN,
                           _("The cluster has no primary node."));
      return FALSE;
    }

  if (fanout->kind == GREDIS_FANOUT_SCAN)
    {
      guint64 server_cursor = 0;
      guint index = 0;
      g_autofree char *cursor = NULL;
      Part *part;

      gredis_i18n_init ();
      if (FANOUT_ARGC (fanout) < 2 ||
          !_gredis_cluster_scan_cursor_decode (FANOUT_ARGV (fanout)[1], FANOUT_LENGTHS (fanout)[1],
                                               &index, &server_cursor) ||
          index >= nodes->len)
        {
          g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_FAILED,
                               _("The SCAN cursor is not one this cluster client gave: start with 0 and pass back the cursor of each reply."));
          return FALSE;
        }
      fanout->scan_index = index;
      fanout->scan_n_nodes = nodes->len;
      part = part_new (fanout);
      part->node = g_object_ref (g_ptr_array_index (nodes, index));
      part->intent = GREDIS_POOL_INTENT_WRITE;
      cursor = g_strdup_printf ("%" G_GUINT64_FORMAT, server_cursor);
      for (guint i = 0; i < FANOUT_ARGC (fanout); i++)
        if (i == 1)
          part_add_arg (part, cursor, strlen (cursor));
        else
          part_add_arg (part, FANOUT_ARGV (fanout)[i], FANOUT_LENGTHS (fanout)[i]);
      return TRUE;
    }

  for (guint n = 0; n < nodes->len; n++)
    {
      Part *part = part_new (fanout);

      part->node = g_object_ref (g_ptr_array_index (nodes, n));
      for (guint i = 0; i < FANOUT_ARGC (fanout); i++)
        part_add_arg (part, FANOUT_ARGV (fanout)[i], FANOUT_LENGTHS (fanout)[i]);
    }
  return TRUE;
}

/* Merging */

static GError *
first_error (Fanout *fanout)
{
  for (guint i = 0; i < fanout->parts->len; i++)
    {
      Part *part = g_ptr_array_index (fanout->parts, i);

      if (part->error != NULL)
        return g_error_copy (part->error);
    }
  return NULL;
}

static gboolean
is_aggregate (GredisReply *reply)
{
  GredisReplyKind kind = gredis_reply_get_kind (reply);

  return kind == GREDIS_REPLY_ARRAY || kind == GREDIS_REPLY_SET;
}

static GError *
unexpected_reply (void)
{
  gredis_i18n_init ();
  return g_error_new_literal (GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                              _("The nodes of the cluster gave replies that cannot be merged."));
}

static GredisReply *
merge_integers (Fanout                *fanout,
                GredisResponsePolicy   policy,
                GError               **error)
{
  gint64 total = 0;

  for (guint i = 0; i < fanout->parts->len; i++)
    {
      Part *part = g_ptr_array_index (fanout->parts, i);
      gint64 value;

      if (gredis_reply_get_kind (part->reply) != GREDIS_REPLY_INTEGER)
        {
          g_propagate_error (error, unexpected_reply ());
          return NULL;
        }
      value = gredis_reply_get_integer (part->reply);
      if (i == 0)
        total = value;
      else if (policy == GREDIS_RESPONSE_POLICY_AGG_MIN)
        total = MIN (total, value);
      else if (policy == GREDIS_RESPONSE_POLICY_AGG_MAX)
        total = MAX (total, value);
      else
        total += value;
    }
  return gredis_reply_new_integer (total);
}

/* SCRIPT EXISTS: element by element. */
static GredisReply *
merge_logical (Fanout   *fanout,
               gboolean  and,
               GError  **error)
{
  Part *first = g_ptr_array_index (fanout->parts, 0);
  gsize n = is_aggregate (first->reply) ? gredis_reply_get_n_elements (first->reply) : 1;
  g_autofree gint64 *values = g_new (gint64, n);
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);

  for (guint i = 0; i < fanout->parts->len; i++)
    {
      Part *part = g_ptr_array_index (fanout->parts, i);
      gboolean aggregate = is_aggregate (part->reply);

      if (aggregate != is_aggregate (first->reply) ||
          (aggregate && gredis_reply_get_n_elements (part->reply) != n))
        {
          g_propagate_error (error, unexpected_reply ());
          return NULL;
        }
      for (gsize j = 0; j < n; j++)
        {
          GredisReply *element = aggregate ? gredis_reply_get_element (part->reply, j) : part->reply;
          gint64 value;

          if (gredis_reply_get_kind (element) == GREDIS_REPLY_INTEGER)
            value = gredis_reply_get_integer (element) != 0;
          else if (gredis_reply_get_kind (element) == GREDIS_REPLY_BOOLEAN)
            value = gredis_reply_get_boolean (element);
          else
            {
              g_propagate_error (error, unexpected_reply ());
              return NULL;
            }
          if (i == 0)
            values[j] = value;
          else
            values[j] = and ? (values[j] && value) : (values[j] || value);
        }
    }
  if (!is_aggregate (first->reply))
    return gredis_reply_new_integer (values[0]);
  for (gsize j = 0; j < n; j++)
    g_ptr_array_add (elements, gredis_reply_new_integer (values[j]));
  return gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, (GredisReply **) elements->pdata,
                                     elements->len);
}

/* Arrays joined in node order; otherwise the first reply that is not nil. */
static GredisReply *
merge_default (Fanout *fanout)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new ();
  gboolean all_arrays = TRUE;

  for (guint i = 0; i < fanout->parts->len; i++)
    all_arrays = all_arrays && is_aggregate (((Part *) g_ptr_array_index (fanout->parts, i))->reply);
  if (!all_arrays)
    {
      for (guint i = 0; i < fanout->parts->len; i++)
        {
          Part *part = g_ptr_array_index (fanout->parts, i);

          if (gredis_reply_get_kind (part->reply) != GREDIS_REPLY_NIL)
            return gredis_reply_ref (part->reply);
        }
      return gredis_reply_ref (((Part *) g_ptr_array_index (fanout->parts, 0))->reply);
    }
  for (guint i = 0; i < fanout->parts->len; i++)
    {
      Part *part = g_ptr_array_index (fanout->parts, i);

      for (gsize j = 0; j < gredis_reply_get_n_elements (part->reply); j++)
        g_ptr_array_add (elements, gredis_reply_get_element (part->reply, j));
    }
  return gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, (GredisReply **) elements->pdata,
                                     elements->len);
}

/* INFO and the like: each node's reply under its address. */
static GredisReply *
merge_special (Fanout *fanout)
{
  g_autoptr(GPtrArray) elements = g_ptr_array_new_with_free_func ((GDestroyNotify) gredis_reply_unref);

  for (guint i = 0; i < fanout->parts->len; i++)
    {
      Part *part = g_ptr_array_index (fanout->parts, i);
      g_autofree char *name = g_socket_connectable_to_string (part->node);

      g_ptr_array_add (elements, gredis_reply_new_string (GREDIS_REPLY_STRING, name, -1));
      g_ptr_array_add (elements, gredis_reply_ref (part->reply));
    }
  return gredis_reply_new_aggregate (GREDIS_REPLY_MAP, (GredisReply **) elements->pdata,
                                     elements->len);
}

/* MGET: the values back in the order of the keys. */
static GredisReply *
merge_in_key_order (Fanout  *fanout,
                    GError **error)
{
  g_autofree GredisReply **values = g_new0 (GredisReply *, fanout->n_keys);

  for (guint i = 0; i < fanout->parts->len; i++)
    {
      Part *part = g_ptr_array_index (fanout->parts, i);

      if (!is_aggregate (part->reply) ||
          gredis_reply_get_n_elements (part->reply) != part->positions->len)
        {
          g_propagate_error (error, unexpected_reply ());
          return NULL;
        }
      for (guint j = 0; j < part->positions->len; j++)
        values[g_array_index (part->positions, guint, j)] = gredis_reply_get_element (part->reply, j);
    }
  return gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, values, fanout->n_keys);
}

static GredisReply *
merge_scan (Fanout  *fanout,
            GError **error)
{
  Part *part = g_ptr_array_index (fanout->parts, 0);
  GredisReply *elements[2];
  g_autofree char *next = NULL;
  g_autoptr(GredisReply) cursor = NULL;
  const char *text;
  gsize length;
  guint64 server_cursor;

  if (!is_aggregate (part->reply) || gredis_reply_get_n_elements (part->reply) != 2 ||
      (text = gredis_reply_get_string (gredis_reply_get_element (part->reply, 0), &length)) == NULL ||
      !g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &server_cursor, NULL))
    {
      g_propagate_error (error, unexpected_reply ());
      return NULL;
    }
  if (server_cursor >> (64 - SCAN_NODE_BITS) != 0)
    {
      gredis_i18n_init ();
      g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_FAILED,
                           _("A node of the cluster gave a SCAN cursor too large to carry the node's number as well."));
      return NULL;
    }
  if (server_cursor != 0)
    next = _gredis_cluster_scan_cursor_encode (fanout->scan_index, server_cursor);
  else if (fanout->scan_index + 1 < fanout->scan_n_nodes)
    next = _gredis_cluster_scan_cursor_encode (fanout->scan_index + 1, 0);
  else
    next = g_strdup ("0");
  cursor = gredis_reply_new_string (GREDIS_REPLY_STRING, next, -1);
  elements[0] = cursor;
  elements[1] = gredis_reply_get_element (part->reply, 1);
  return gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, elements, 2);
}

static GredisReply *
merge (Fanout  *fanout,
       GError **error)
{
  GredisResponsePolicy policy = gredis_command_info_get_response_policy (fanout->info);
  GError *failed;

  if (policy == GREDIS_RESPONSE_POLICY_ONE_SUCCEEDED)
    {
      for (guint i = 0; i < fanout->parts->len; i++)
        {
          Part *part = g_ptr_array_index (fanout->parts, i);

          if (part->reply != NULL)
            return gredis_reply_ref (part->reply);
        }
    }
  failed = first_error (fanout);
  if (failed != NULL)
    {
      g_propagate_error (error, failed);
      return NULL;
    }

  switch (fanout->kind)
    {
    case GREDIS_FANOUT_SCAN:
      return merge_scan (fanout, error);
    case GREDIS_FANOUT_SPLIT:
      if (policy == GREDIS_RESPONSE_POLICY_DEFAULT)
        return merge_in_key_order (fanout, error);
      break;
    case GREDIS_FANOUT_ALL_SHARDS:
    case GREDIS_FANOUT_ALL_NODES:
    case GREDIS_FANOUT_NONE:
    default:
      break;
    }

  switch (policy)
    {
    case GREDIS_RESPONSE_POLICY_AGG_SUM:
    case GREDIS_RESPONSE_POLICY_AGG_MIN:
    case GREDIS_RESPONSE_POLICY_AGG_MAX:
      return merge_integers (fanout, policy, error);
    case GREDIS_RESPONSE_POLICY_AGG_LOGICAL_AND:
    case GREDIS_RESPONSE_POLICY_AGG_LOGICAL_OR:
      return merge_logical (fanout, policy == GREDIS_RESPONSE_POLICY_AGG_LOGICAL_AND, error);
    case GREDIS_RESPONSE_POLICY_SPECIAL:
      return merge_special (fanout);
    case GREDIS_RESPONSE_POLICY_ALL_SUCCEEDED:
    case GREDIS_RESPONSE_POLICY_ONE_SUCCEEDED:
      return gredis_reply_ref (((Part *) g_ptr_array_index (fanout->parts, 0))->reply);
    case GREDIS_RESPONSE_POLICY_DEFAULT:
    default:
      return merge_default (fanout);
    }
}

/* The attempt the part is sent for next: 1, then one more for each
 * failure and redirect. */
static guint
part_attempt (Part *part)
{
  return 1 + part->failures + part->redirects;
}

/* Queues the part's command on @connection, sent for the attempt the
 * observers see (set around it, as for a pipeline's round). */
static void
part_send (Part                *part,
           GredisConnection    *connection,
           GCancellable        *cancellable,
           GAsyncReadyCallback  callback,
           gpointer             user_data)
{
  gboolean again = G_UNLIKELY (part->fanout->observers != NULL) && part_attempt (part) > 1;

  if (again)
    _gredis_connection_set_batch (connection, 0, part_attempt (part));
  gredis_connection_send_command_async (connection, part->argv->len,
                                        (const char * const *) part->argv->pdata,
                                        (const gsize *) part->lengths->data,
                                        cancellable, callback, user_data);
  if (again)
    _gredis_connection_set_batch (connection, 0, 1);
}

/* Retry of one part: TRUE to send it again (after *@delay_us), FALSE
 * when its error is final (kept in the part). */
static gboolean
part_should_retry (Part         *part,
                   GError       *error,
                   gboolean      unsent,
                   guint64      *delay_us)
{
  Fanout *fanout = part->fanout;
  GredisRouter *router = fanout->router;
  g_autoptr(GredisRetry) retry = NULL;

  *delay_us = 0;
  if (part->node == NULL &&
      part->redirects < gredis_config_get_max_redirects (_gredis_router_get_config (router)) &&
      _gredis_router_follow_moved (router, error))
    {
      part->redirects++;
      g_error_free (error);
      return TRUE;
    }
  retry = _gredis_router_ref_retry (router);
  switch (_gredis_retry_decide (retry, error, unsent, part->failures, part->argv->len,
                                (const char * const *) part->argv->pdata,
                                (const gsize *) part->lengths->data, NULL))
    {
    case GREDIS_RETRY_VERDICT_RETRY:
      part->failures++;
      *delay_us = _gredis_retry_delay_us (router, retry, &part->delay);
      GREDIS_DEBUG ("router", "A part of a command sent to several nodes failed (%s); it will be sent again",
                    error->message);
      if (G_UNLIKELY (fanout->observers != NULL))
        _gredis_router_observe_retry (router, g_ptr_array_index (part->argv, 0),
                                      g_array_index (part->lengths, gsize, 0), part_attempt (part),
                                      *delay_us, error);
      g_error_free (error);
      return TRUE;
    case GREDIS_RETRY_VERDICT_UNKNOWN_OUTCOME:
      part->error = _gredis_retry_unknown_outcome_error (g_ptr_array_index (part->argv, 0),
                                                         g_array_index (part->lengths, gsize, 0),
                                                         error);
      g_error_free (error);
      return FALSE;
    case GREDIS_RETRY_VERDICT_FAIL:
    default:
      part->error = error;
      return FALSE;
    }
}

static void
part_request (Part              *part,
              GredisPoolMode     mode,
              GredisPoolRequest *request)
{
  gredis_pool_request_init (request, mode);
  request->node = part->node;
  request->slot = part->slot;
  request->intent = part->intent;
}

/* The asynchronous form */

static void part_start (Part *part);

static void
fanout_part_done (Fanout *fanout)
{
  GredisReply *reply;
  GError *error = NULL;

  if (--fanout->n_pending > 0)
    return;
  reply = merge (fanout, &error);
  _gredis_call_return (fanout->call, reply, error);
  fanout_free (fanout);
}

static gboolean
part_restart (gpointer data)
{
  part_start (data);
  return G_SOURCE_REMOVE;
}

static void
part_failed (Part     *part,
             GError   *error,
             gboolean  unsent)
{
  guint64 delay_us;

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) &&
      part_should_retry (part, error, unsent, &delay_us))
    {
      GSource *timer = g_timeout_source_new ((guint) MIN (delay_us / 1000, G_MAXUINT));

      g_source_set_callback (timer, part_restart, part, NULL);
      g_source_set_static_name (timer, "Gredis fan-out retry");
      g_source_attach (timer, g_main_context_get_thread_default ());
      g_source_unref (timer);
      return;
    }
  if (part->error == NULL)
    part->error = error;
  fanout_part_done (part->fanout);
}

static void
on_part_reply (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Part *part = user_data;
  GredisConnection *connection = g_steal_pointer (&part->connection);
  GError *error = NULL;

  part->reply = gredis_connection_send_command_finish (connection, result, &error);
  gredis_pool_release (part->fanout->pool, connection);
  if (part->reply == NULL)
    {
      part_failed (part, error, FALSE);
      return;
    }
  fanout_part_done (part->fanout);
}

static void
on_part_acquired (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  Part *part = user_data;
  GError *error = NULL;

  part->connection = gredis_pool_acquire_finish (GREDIS_POOL (source), result, &error);
  if (G_UNLIKELY (part->fanout->observers != NULL))
    _gredis_observers_pool_waited (part->fanout->observers, part->wait_start, error);
  if (part->connection == NULL)
    {
      part_failed (part, error, TRUE);
      return;
    }
  /* Handed out by the router as any other: its observers see it. */
  _gredis_router_watch_push (part->fanout->router, part->connection);
  part_send (part, part->connection, part->fanout->cancellable, on_part_reply, part);
}

static void
part_start (Part *part)
{
  GredisPoolRequest request;

  part_request (part, GREDIS_POOL_MODE_SHARED, &request);
  if (G_UNLIKELY (part->fanout->observers != NULL))
    part->wait_start = g_get_monotonic_time ();
  gredis_pool_acquire_async (part->fanout->pool, &request, part->fanout->cancellable,
                             on_part_acquired, part);
}

static void
fanout_start (Fanout *fanout)
{
  GError *error = NULL;

  if (!plan (fanout, &error))
    {
      _gredis_call_return (fanout->call, NULL, error);
      fanout_free (fanout);
      return;
    }
  fanout->n_pending = fanout->parts->len;
  for (guint i = 0; i < fanout->parts->len; i++)
    part_start (g_ptr_array_index (fanout->parts, i));
}

static void
on_map_known (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fanout *fanout = user_data;
  GError *error = NULL;

  if (!_gredis_pool_cluster_wait_map_finish (GREDIS_POOL (source), result, &error))
    {
      _gredis_call_return (fanout->call, NULL, error);
      fanout_free (fanout);
      return;
    }
  fanout_start (fanout);
}

void
_gredis_router_fanout_async (GredisRouter              *router,
                             GredisFanout               kind,
                             const GredisCommandInfo   *info,
                             const GredisRouterCommand *command)
{
  g_autoptr(GredisPool) pool = NULL;
  GError *error = NULL;
  Fanout *fanout;
  GredisCall *call;

  call = _gredis_call_new (command->source_object, command->cancellable, command->callback,
                           command->user_data, command->source_tag);
  pool = _gredis_router_get_pool (router, &error);
  if (pool == NULL)
    {
      _gredis_call_return_error_later (call, error, NULL);
      _gredis_call_unref (call);
      return;
    }
  fanout = fanout_new (router, pool, kind, info, command->argc, command->argv,
                       command->argv_lengths, command->args);
  fanout->call = call;
  fanout->cancellable = command->cancellable != NULL ? g_object_ref (command->cancellable) : NULL;
  /* Always through the pool's wait, so that the caller is called back
   * from the main loop, never from here. */
  _gredis_pool_cluster_wait_map_async (pool, fanout->cancellable, on_map_known, fanout);
}

/* The blocking form */

/* Sends the parts of @parts that have no reply and no error together on
 * connections of their own, and reads their replies; each part that
 * fails gets its error, and *@unsent tells for each whether it was
 * written. */
static void
send_parts_sync (Fanout       *fanout,
                 GPtrArray    *parts,
                 gboolean     *unsent,
                 GCancellable *cancellable)
{
  g_autofree GredisSync *syncs = g_new0 (GredisSync, parts->len);
  g_autofree GredisConnection **connections = g_new0 (GredisConnection *, parts->len);

  /* Each part's command is written at once on its connection, whose
   * context is pushed and stays so until its reply is read, in the
   * reverse order: the nodes work meanwhile. */
  for (guint i = 0; i < parts->len; i++)
    {
      Part *part = g_ptr_array_index (parts, i);
      GredisPoolRequest request;

      unsent[i] = TRUE;
      part_request (part, GREDIS_POOL_MODE_EXCLUSIVE, &request);
      if (G_UNLIKELY (fanout->observers != NULL))
        part->wait_start = g_get_monotonic_time ();
      connections[i] = gredis_pool_acquire (fanout->pool, &request, cancellable, &part->error);
      if (G_UNLIKELY (fanout->observers != NULL))
        _gredis_observers_pool_waited (fanout->observers, part->wait_start, part->error);
      if (connections[i] == NULL)
        continue;
      _gredis_router_watch_push (fanout->router, connections[i]);
      unsent[i] = FALSE;
      gredis_sync_begin_on (&syncs[i], gredis_connection_get_context (connections[i]));
      part_send (part, connections[i], cancellable, gredis_sync_done, &syncs[i]);
      gredis_connection_flush (connections[i]);
    }
  for (guint i = parts->len; i-- > 0;)
    {
      Part *part = g_ptr_array_index (parts, i);

      if (connections[i] == NULL)
        continue;
      gredis_sync_wait (&syncs[i]);
      part->reply = gredis_connection_send_command_finish (connections[i], syncs[i].result,
                                                           &part->error);
      gredis_sync_end (&syncs[i]);
      gredis_pool_release (fanout->pool, connections[i]);
    }
}

static void
backoff_sleep (guint64       delay_us,
               GCancellable *cancellable)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) delay_us;

  while (!g_cancellable_is_cancelled (cancellable))
    {
      gint64 left = deadline - g_get_monotonic_time ();

      if (left <= 0)
        break;
      g_usleep (MIN (left, 10000));
    }
}

GredisReply *
_gredis_router_fanout_sync (GredisRouter              *router,
                            GredisFanout               kind,
                            const GredisCommandInfo   *info,
                            gpointer                   source_object,
                            guint                      argc,
                            const char * const        *argv,
                            const gsize               *argv_lengths,
                            GBytes * const            *args,
                            GCancellable              *cancellable,
                            GError                   **error)
{
  g_autoptr(GredisPool) pool = _gredis_router_get_pool (router, error);
  g_autofree gboolean *unsent = NULL;
  GredisReply *reply;
  Fanout *fanout;

  if (pool == NULL)
    return NULL;
  if (kind != GREDIS_FANOUT_SPLIT)
    {
      GredisSync sync;
      gboolean known;

      gredis_sync_begin (&sync);
      _gredis_pool_cluster_wait_map_async (pool, cancellable, gredis_sync_done, &sync);
      gredis_sync_wait (&sync);
      known = _gredis_pool_cluster_wait_map_finish (pool, sync.result, error);
      gredis_sync_end (&sync);
      if (!known)
        return NULL;
    }
  fanout = fanout_new (router, pool, kind, info, argc, argv, argv_lengths, args);
  if (!plan (fanout, error))
    {
      fanout_free (fanout);
      return NULL;
    }

  unsent = g_new0 (gboolean, fanout->parts->len);
  send_parts_sync (fanout, fanout->parts, unsent, cancellable);
  /* A part that failed is sent again alone, as its retry decides. */
  for (guint i = 0; i < fanout->parts->len; i++)
    {
      Part *part = g_ptr_array_index (fanout->parts, i);
      gboolean part_unsent = unsent[i];

      while (part->error != NULL)
        {
          g_autoptr(GPtrArray) one = g_ptr_array_new ();
          GError *failed = g_steal_pointer (&part->error);
          guint64 delay_us;

          if (g_error_matches (failed, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
              !part_should_retry (part, failed, part_unsent, &delay_us))
            {
              if (part->error == NULL)
                part->error = failed;
              break;
            }
          backoff_sleep (delay_us, cancellable);
          g_ptr_array_add (one, part);
          send_parts_sync (fanout, one, &part_unsent, cancellable);
        }
    }
  reply = merge (fanout, error);
  fanout_free (fanout);
  return reply;
}
