/* gredis-cluster-topology.c: the slot map of a Redis Cluster
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * The map is a table of nodes and, for each of the 16384 slots, the index
 * of its primary in that table (32 KiB, one lookup per command). It is
 * built from the reply of CLUSTER SHARDS (Redis 7) or CLUSTER SLOTS
 * (older servers), in either protocol. Replies are parsed defensively:
 * whatever a server sends, a bad reply gives an error, and nothing is
 * allocated for a count the reply announces, only for elements it has.
 *
 * Several seeds are asked, in a shuffled order with the one that failed
 * last at the end; when their views disagree, the view that most of them
 * give wins, the first of those on a tie.
 */
#include "gredis-cluster-topology-private.h"
#include "gredis-config-private.h"
#include "gredis-log-private.h"

#include <string.h>

static void
node_free (gpointer data)
{
  GredisClusterNode *node = data;

  g_free (node->id);
  g_free (node->host);
  g_free (node);
}

GredisClusterTopology *
_gredis_cluster_topology_new (void)
{
  GredisClusterTopology *topology = g_new (GredisClusterTopology, 1);

  topology->nodes = g_ptr_array_new_with_free_func (node_free);
  for (guint i = 0; i < GREDIS_CLUSTER_N_SLOTS; i++)
    topology->slots[i] = GREDIS_CLUSTER_NO_NODE;
  return topology;
}

void
_gredis_cluster_topology_free (GredisClusterTopology *topology)
{
  if (topology == NULL)
    return;
  g_ptr_array_unref (topology->nodes);
  g_free (topology);
}

/* @what: an N_() phrase, such as "a slot is out of range" */
static gboolean
bad_reply (GError    **error,
           const char *what)
{
  gredis_i18n_init ();
  g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
               /* Translators: %s says what was wrong, such as "a slot is out of range". */
               _("The cluster topology sent by the server cannot be read: %s."), _(what));
  return FALSE;
}

/* The index of the node at @host:@port, or GREDIS_CLUSTER_NO_NODE. */
guint
_gredis_cluster_topology_find_node (GredisClusterTopology *topology,
                                    const char            *host,
                                    guint16                port)
{
  for (guint i = 0; i < topology->nodes->len; i++)
    {
      GredisClusterNode *node = g_ptr_array_index (topology->nodes, i);

      if (node->port == port && g_ascii_strcasecmp (node->host, host) == 0)
        return i;
    }
  return GREDIS_CLUSTER_NO_NODE;
}

/* Finds the node at @host:@port or adds it (a primary of its own); a node
 * seen again keeps what was learnt first. GREDIS_CLUSTER_NO_NODE when the
 * table is full. */
static guint
add_node (GredisClusterTopology *topology,
          const char            *id,
          const char            *host,
          guint16                port,
          GredisClusterRole      role,
          GredisClusterHealth    health)
{
  GredisClusterNode *node;
  guint index = _gredis_cluster_topology_find_node (topology, host, port);

  if (index != GREDIS_CLUSTER_NO_NODE)
    return index;
  if (topology->nodes->len >= GREDIS_CLUSTER_NO_NODE)
    return GREDIS_CLUSTER_NO_NODE;

  node = g_new0 (GredisClusterNode, 1);
  node->id = g_strdup (id);
  node->host = g_strdup (host);
  node->port = port;
  node->role = role;
  node->health = health;
  node->primary = (guint16) topology->nodes->len;
  g_ptr_array_add (topology->nodes, node);
  return topology->nodes->len - 1;
}

static gboolean
assign_slots (GredisClusterTopology  *topology,
              gint64                  start,
              gint64                  end,
              guint                   primary,
              GError                **error)
{
  if (start < 0 || end >= GREDIS_CLUSTER_N_SLOTS || start > end)
    return bad_reply (error, N_("a slot range is out of bounds"));
  for (gint64 slot = start; slot <= end; slot++)
    {
      if (topology->slots[slot] != GREDIS_CLUSTER_NO_NODE && topology->slots[slot] != primary)
        return bad_reply (error, N_("a slot is served by two primaries"));
      topology->slots[slot] = (guint16) primary;
    }
  return TRUE;
}

/* The text of a string reply (NUL-terminated by GredisReply), or NULL. */
static const char *
text_of (GredisReply *reply)
{
  GredisReplyKind kind = gredis_reply_get_kind (reply);

  if (kind != GREDIS_REPLY_STRING && kind != GREDIS_REPLY_SIMPLE_STRING &&
      kind != GREDIS_REPLY_VERBATIM)
    return NULL;
  return gredis_reply_get_string (reply, NULL);
}

static gboolean
is_array (GredisReply *reply)
{
  GredisReplyKind kind = gredis_reply_get_kind (reply);

  return kind == GREDIS_REPLY_ARRAY || kind == GREDIS_REPLY_SET;
}

/* A RESP3 map, or a RESP2 array of alternating names and values. */
static gboolean
is_pairs (GredisReply *reply)
{
  GredisReplyKind kind = gredis_reply_get_kind (reply);

  return kind == GREDIS_REPLY_MAP ||
         (kind == GREDIS_REPLY_ARRAY && gredis_reply_get_n_elements (reply) % 2 == 0);
}

/* An endpoint that says where to connect: not empty, not "?" (unknown). */
static gboolean
usable_host (const char *host)
{
  return host != NULL && host[0] != '\0' && strcmp (host, "?") != 0;
}

static gboolean
valid_port (gint64 port)
{
  return port > 0 && port <= G_MAXUINT16;
}

/* One node of a CLUSTER SHARDS shard: its index, or NO_NODE with an error. */
static guint
parse_shard_node (GredisClusterTopology  *topology,
                  GredisReply            *reply,
                  const char             *seed_host,
                  gboolean                tls,
                  GredisClusterRole      *role,
                  GError                **error)
{
  const char *id = NULL, *ip = NULL, *endpoint = NULL, *host, *health_text = NULL;
  const char *role_text = NULL;
  gint64 port = 0, tls_port = 0;
  GredisClusterHealth health = GREDIS_CLUSTER_HEALTH_ONLINE;
  guint index;

  if (!is_pairs (reply))
    return bad_reply (error, N_("a node is not a map")), GREDIS_CLUSTER_NO_NODE;
  for (gsize i = 0; i + 1 < gredis_reply_get_n_elements (reply); i += 2)
    {
      const char *name = text_of (gredis_reply_get_element (reply, i));
      GredisReply *value = gredis_reply_get_element (reply, i + 1);
      gboolean integer = gredis_reply_get_kind (value) == GREDIS_REPLY_INTEGER;

      if (name == NULL)
        return bad_reply (error, N_("a node field has no name")), GREDIS_CLUSTER_NO_NODE;
      if (strcmp (name, "id") == 0)
        id = text_of (value);
      else if (strcmp (name, "ip") == 0)
        ip = text_of (value);
      else if (strcmp (name, "endpoint") == 0)
        endpoint = text_of (value);
      else if (strcmp (name, "role") == 0)
        role_text = text_of (value);
      else if (strcmp (name, "health") == 0)
        health_text = text_of (value);
      else if (strcmp (name, "port") == 0 && integer)
        port = gredis_reply_get_integer (value);
      else if (strcmp (name, "tls-port") == 0 && integer)
        tls_port = gredis_reply_get_integer (value);
    }

  host = usable_host (endpoint) ? endpoint : usable_host (ip) ? ip : seed_host;
  if (!usable_host (host))
    return bad_reply (error, N_("a node has no address")), GREDIS_CLUSTER_NO_NODE;
  /* A node may have both ports (tls-port and port with tls-cluster):
   * the one of the client's kind of connection, else the other. */
  if (tls ? valid_port (tls_port) : !valid_port (port))
    port = tls_port;
  if (!valid_port (port))
    return bad_reply (error, N_("a node has no valid port")), GREDIS_CLUSTER_NO_NODE;
  if (role_text == NULL || (strcmp (role_text, "master") != 0 && strcmp (role_text, "replica") != 0))
    return bad_reply (error, N_("a node has no known role")), GREDIS_CLUSTER_NO_NODE;
  *role = strcmp (role_text, "master") == 0 ? GREDIS_CLUSTER_ROLE_PRIMARY : GREDIS_CLUSTER_ROLE_REPLICA;
  if (health_text != NULL && strcmp (health_text, "loading") == 0)
    health = GREDIS_CLUSTER_HEALTH_LOADING;
  /* The documentation says "failed"; Redis 7.0 sends "fail". */
  else if (health_text != NULL &&
           (strcmp (health_text, "failed") == 0 || strcmp (health_text, "fail") == 0))
    health = GREDIS_CLUSTER_HEALTH_FAILED;

  index = add_node (topology, id, host, (guint16) port, *role, health);
  if (index == GREDIS_CLUSTER_NO_NODE)
    bad_reply (error, N_("it has too many nodes"));
  return index;
}

static gboolean
parse_shard (GredisClusterTopology  *topology,
             GredisReply            *shard,
             const char             *seed_host,
             gboolean                tls,
             GError                **error)
{
  GredisReply *slots = NULL, *nodes = NULL;
  guint primary = GREDIS_CLUSTER_NO_NODE;
  g_autoptr(GArray) replicas = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!is_pairs (shard))
    return bad_reply (error, N_("a shard is not a map"));
  for (gsize i = 0; i + 1 < gredis_reply_get_n_elements (shard); i += 2)
    {
      const char *name = text_of (gredis_reply_get_element (shard, i));

      if (name == NULL)
        return bad_reply (error, N_("a shard field has no name"));
      if (strcmp (name, "slots") == 0)
        slots = gredis_reply_get_element (shard, i + 1);
      else if (strcmp (name, "nodes") == 0)
        nodes = gredis_reply_get_element (shard, i + 1);
    }
  if (slots == NULL || nodes == NULL || !is_array (slots) || !is_array (nodes) ||
      gredis_reply_get_n_elements (slots) % 2 != 0)
    return bad_reply (error, N_("a shard has no slots or no nodes"));

  for (gsize i = 0; i < gredis_reply_get_n_elements (nodes); i++)
    {
      GredisClusterRole role;
      guint index = parse_shard_node (topology, gredis_reply_get_element (nodes, i),
                                      seed_host, tls, &role, error);

      if (index == GREDIS_CLUSTER_NO_NODE)
        return FALSE;
      if (role == GREDIS_CLUSTER_ROLE_PRIMARY && primary == GREDIS_CLUSTER_NO_NODE)
        primary = index;
      else if (role == GREDIS_CLUSTER_ROLE_REPLICA)
        g_array_append_val (replicas, index);
    }

  /* A shard without a primary (all of its nodes failed over elsewhere or
   * gone): its slots stay unserved, its replicas unused. */
  if (primary == GREDIS_CLUSTER_NO_NODE)
    return TRUE;
  for (guint i = 0; i < replicas->len; i++)
    {
      GredisClusterNode *node = g_ptr_array_index (topology->nodes, g_array_index (replicas, guint, i));

      if (node->role == GREDIS_CLUSTER_ROLE_REPLICA)
        node->primary = (guint16) primary;
    }
  for (gsize i = 0; i + 1 < gredis_reply_get_n_elements (slots); i += 2)
    {
      GredisReply *start = gredis_reply_get_element (slots, i);
      GredisReply *end = gredis_reply_get_element (slots, i + 1);

      if (gredis_reply_get_kind (start) != GREDIS_REPLY_INTEGER ||
          gredis_reply_get_kind (end) != GREDIS_REPLY_INTEGER)
        return bad_reply (error, N_("a slot is not a number"));
      if (!assign_slots (topology, gredis_reply_get_integer (start),
                         gredis_reply_get_integer (end), primary, error))
        return FALSE;
    }
  return TRUE;
}

/*
 * _gredis_cluster_topology_new_from_shards:
 * @reply: the reply to CLUSTER SHARDS, RESP2 or RESP3
 * @seed_host: (nullable): the host the reply came from, for nodes whose
 *   endpoint is unknown ("?") or empty
 *
 * _gredis_cluster_topology_new_from_shards_full() for a client without
 * TLS.
 *
 * Returns: (transfer full): the map, or %NULL with @error set when the
 *   reply is not a valid topology
 */
GredisClusterTopology *
_gredis_cluster_topology_new_from_shards (GredisReply  *reply,
                                          const char   *seed_host,
                                          GError      **error)
{
  return _gredis_cluster_topology_new_from_shards_full (reply, seed_host, FALSE, error);
}

/*
 * _gredis_cluster_topology_new_from_shards_full:
 * @reply: the reply to CLUSTER SHARDS, RESP2 or RESP3
 * @seed_host: (nullable): the host the reply came from, for nodes whose
 *   endpoint is unknown ("?") or empty
 * @tls: whether the client connects with TLS: the nodes' `tls-port` is
 *   taken rather than their `port` when they give both (a cluster with
 *   `tls-cluster yes` and plain ports too). CLUSTER SLOTS and redirects
 *   give the port of the asking connection's kind by themselves.
 *
 * Returns: (transfer full): the map, or %NULL with @error set when the
 *   reply is not a valid topology
 */
GredisClusterTopology *
_gredis_cluster_topology_new_from_shards_full (GredisReply  *reply,
                                               const char   *seed_host,
                                               gboolean      tls,
                                               GError      **error)
{
  g_autoptr(GredisClusterTopology) topology = _gredis_cluster_topology_new ();

  g_return_val_if_fail (reply != NULL, NULL);

  if (!is_array (reply))
    return bad_reply (error, N_("the reply to CLUSTER SHARDS is not an array")), NULL;
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    if (!parse_shard (topology, gredis_reply_get_element (reply, i), seed_host, tls, error))
      return NULL;
  return g_steal_pointer (&topology);
}

/* [host, port, id?, metadata?] of CLUSTER SLOTS. */
static guint
parse_slots_node (GredisClusterTopology  *topology,
                  GredisReply            *reply,
                  const char             *seed_host,
                  GredisClusterRole       role,
                  GError                **error)
{
  const char *host = NULL, *id = NULL;
  GredisReply *port;
  guint index;

  if (!is_array (reply) || gredis_reply_get_n_elements (reply) < 2)
    return bad_reply (error, N_("a node is not an array of its address")), GREDIS_CLUSTER_NO_NODE;
  host = text_of (gredis_reply_get_element (reply, 0));
  if (!usable_host (host))
    host = seed_host;
  if (!usable_host (host))
    return bad_reply (error, N_("a node has no address")), GREDIS_CLUSTER_NO_NODE;
  port = gredis_reply_get_element (reply, 1);
  if (gredis_reply_get_kind (port) != GREDIS_REPLY_INTEGER || !valid_port (gredis_reply_get_integer (port)))
    return bad_reply (error, N_("a node has no valid port")), GREDIS_CLUSTER_NO_NODE;
  if (gredis_reply_get_n_elements (reply) > 2)
    id = text_of (gredis_reply_get_element (reply, 2));

  index = add_node (topology, id, host, (guint16) gredis_reply_get_integer (port), role,
                    GREDIS_CLUSTER_HEALTH_ONLINE);
  if (index == GREDIS_CLUSTER_NO_NODE)
    bad_reply (error, N_("it has too many nodes"));
  return index;
}

/*
 * _gredis_cluster_topology_new_from_slots:
 * @reply: the reply to CLUSTER SLOTS, RESP2 or RESP3
 * @seed_host: (nullable): the host the reply came from, for nodes whose
 *   address is empty, NULL or "?"
 *
 * Returns: (transfer full): the map, or %NULL with @error set when the
 *   reply is not a valid topology
 */
GredisClusterTopology *
_gredis_cluster_topology_new_from_slots (GredisReply  *reply,
                                         const char   *seed_host,
                                         GError      **error)
{
  g_autoptr(GredisClusterTopology) topology = _gredis_cluster_topology_new ();

  g_return_val_if_fail (reply != NULL, NULL);

  if (!is_array (reply))
    return bad_reply (error, N_("the reply to CLUSTER SLOTS is not an array")), NULL;
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    {
      GredisReply *range = gredis_reply_get_element (reply, i);
      GredisReply *start, *end;
      guint primary;

      if (!is_array (range) || gredis_reply_get_n_elements (range) < 3)
        return bad_reply (error, N_("a slot range has no primary")), NULL;
      start = gredis_reply_get_element (range, 0);
      end = gredis_reply_get_element (range, 1);
      if (gredis_reply_get_kind (start) != GREDIS_REPLY_INTEGER ||
          gredis_reply_get_kind (end) != GREDIS_REPLY_INTEGER)
        return bad_reply (error, N_("a slot is not a number")), NULL;

      primary = parse_slots_node (topology, gredis_reply_get_element (range, 2), seed_host,
                                  GREDIS_CLUSTER_ROLE_PRIMARY, error);
      if (primary == GREDIS_CLUSTER_NO_NODE)
        return NULL;
      if (((GredisClusterNode *) g_ptr_array_index (topology->nodes, primary))->role !=
          GREDIS_CLUSTER_ROLE_PRIMARY)
        return bad_reply (error, N_("a node is both a primary and a replica")), NULL;
      for (gsize j = 3; j < gredis_reply_get_n_elements (range); j++)
        {
          guint replica = parse_slots_node (topology, gredis_reply_get_element (range, j),
                                            seed_host, GREDIS_CLUSTER_ROLE_REPLICA, error);
          GredisClusterNode *node;

          if (replica == GREDIS_CLUSTER_NO_NODE)
            return NULL;
          node = g_ptr_array_index (topology->nodes, replica);
          if (node->role != GREDIS_CLUSTER_ROLE_REPLICA)
            return bad_reply (error, N_("a node is both a primary and a replica")), NULL;
          node->primary = (guint16) primary;
        }
      if (!assign_slots (topology, gredis_reply_get_integer (start),
                         gredis_reply_get_integer (end), primary, error))
        return NULL;
    }
  return g_steal_pointer (&topology);
}

/* The primary of @slot, or NULL when no node serves it. */
const GredisClusterNode *
_gredis_cluster_topology_get_primary (GredisClusterTopology *topology,
                                      guint                  slot)
{
  g_return_val_if_fail (slot < GREDIS_CLUSTER_N_SLOTS, NULL);

  if (topology->slots[slot] == GREDIS_CLUSTER_NO_NODE)
    return NULL;
  return g_ptr_array_index (topology->nodes, topology->slots[slot]);
}

/*
 * _gredis_cluster_topology_patch_moved:
 *
 * What a MOVED says: @slot is served by @host:@port from now on. The node
 * is added when it is unknown, and becomes a primary if it was a replica
 * (a failover the map has not seen yet).
 *
 * Returns: %FALSE when the slot is out of range or the node table is full
 */
gboolean
_gredis_cluster_topology_patch_moved (GredisClusterTopology *topology,
                                      guint                  slot,
                                      const char            *host,
                                      guint16                port)
{
  GredisClusterNode *node;
  guint index;

  g_return_val_if_fail (host != NULL, FALSE);

  if (slot >= GREDIS_CLUSTER_N_SLOTS || port == 0)
    return FALSE;
  index = add_node (topology, NULL, host, port, GREDIS_CLUSTER_ROLE_PRIMARY,
                    GREDIS_CLUSTER_HEALTH_ONLINE);
  if (index == GREDIS_CLUSTER_NO_NODE)
    return FALSE;
  node = g_ptr_array_index (topology->nodes, index);
  node->role = GREDIS_CLUSTER_ROLE_PRIMARY;
  node->primary = (guint16) index;
  topology->slots[slot] = (guint16) index;
  return TRUE;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* What two views must share to be the same: each run of slots with its
 * primary's address and its replicas' addresses (sorted). Node ids and
 * health are left out: they change without the routing changing. */
static char *
signature (GredisClusterTopology *topology)
{
  GString *out = g_string_new (NULL);
  guint start = 0;

  for (guint slot = 1; slot <= GREDIS_CLUSTER_N_SLOTS; slot++)
    {
      guint16 primary = topology->slots[start];
      g_autoptr(GPtrArray) replicas = NULL;
      GredisClusterNode *node;

      if (slot < GREDIS_CLUSTER_N_SLOTS && topology->slots[slot] == primary)
        continue;
      g_string_append_printf (out, "%u-%u ", start, slot - 1);
      start = slot;
      if (primary == GREDIS_CLUSTER_NO_NODE)
        {
          g_string_append (out, "-\n");
          continue;
        }
      node = g_ptr_array_index (topology->nodes, primary);
      g_string_append_printf (out, "%s:%u", node->host, node->port);
      replicas = g_ptr_array_new_with_free_func (g_free);
      for (guint i = 0; i < topology->nodes->len; i++)
        {
          GredisClusterNode *replica = g_ptr_array_index (topology->nodes, i);

          if (replica->role == GREDIS_CLUSTER_ROLE_REPLICA && replica->primary == primary)
            g_ptr_array_add (replicas, g_strdup_printf ("%s:%u", replica->host, replica->port));
        }
      g_ptr_array_sort (replicas, compare_strings);
      for (guint i = 0; i < replicas->len; i++)
        g_string_append_printf (out, " %s", (char *) g_ptr_array_index (replicas, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* Whether @a and @b route every slot, and its replicas, alike. */
gboolean
_gredis_cluster_topology_equal (GredisClusterTopology *a,
                                GredisClusterTopology *b)
{
  g_autofree char *sa = signature (a);
  g_autofree char *sb = signature (b);

  return strcmp (sa, sb) == 0;
}

/*
 * _gredis_cluster_topology_choose:
 * @views: (element-type GredisClusterTopology): views from several seeds,
 *   at least one
 *
 * Returns: the index of the view that most of @views agree with, the
 *   first of them on a tie
 */
guint
_gredis_cluster_topology_choose (GPtrArray *views)
{
  g_autoptr(GPtrArray) signatures = g_ptr_array_new_with_free_func (g_free);
  guint best = 0, best_votes = 0;

  g_return_val_if_fail (views != NULL && views->len > 0, 0);

  for (guint i = 0; i < views->len; i++)
    g_ptr_array_add (signatures, signature (g_ptr_array_index (views, i)));
  for (guint i = 0; i < views->len; i++)
    {
      guint votes = 0;

      for (guint j = 0; j < views->len; j++)
        if (strcmp (g_ptr_array_index (signatures, i), g_ptr_array_index (signatures, j)) == 0)
          votes++;
      if (votes > best_votes)
        best = i, best_votes = votes;
    }
  return best;
}

/* Whether the client's connections speak TLS (a rediss:// URI, or the
 * TLS transports by name): then a node's tls-port is the one to use. */
static gboolean
config_uses_tls (GredisConfig *config)
{
  const char *transport = gredis_config_get_effective_transport (config);

  return _gredis_config_get_use_tls (config) || g_str_equal (transport, "tls") ||
         g_str_equal (transport, "gio-tls");
}

/* Fetching: the seeds are asked one after the other until @n_views have
 * answered or none is left. */
typedef struct {
  GredisConfig *config;
  GPtrArray *seeds;           /* of GSocketConnectable, in asking order */
  guint next;
  guint n_views;
  GPtrArray *views;           /* of GredisClusterTopology */
  GError *last_error;
  GredisConnection *connection;
  char *seed_host;
  gboolean tls;               /* the client connects with TLS */
  GSocketConnectable *failed; /* the last seed that gave no view */
} FetchData;

static void
fetch_data_free (gpointer data)
{
  FetchData *fetch = data;

  g_object_unref (fetch->config);
  g_ptr_array_unref (fetch->seeds);
  g_ptr_array_unref (fetch->views);
  g_clear_error (&fetch->last_error);
  if (fetch->connection != NULL)
    gredis_connection_close (fetch->connection);
  g_clear_object (&fetch->connection);
  g_free (fetch->seed_host);
  g_clear_object (&fetch->failed);
  g_free (fetch);
}

static const char * const shards_argv[] = { "CLUSTER", "SHARDS" };

static void fetch_next (GTask *task);

static void
seed_failed (GTask  *task,
             GError *error)
{
  FetchData *fetch = g_task_get_task_data (task);

  GREDIS_DEBUG ("pool", "A cluster seed gave no topology: %s", error->message);
  if (fetch->next > 0)
    g_set_object (&fetch->failed, g_ptr_array_index (fetch->seeds, fetch->next - 1));
  g_clear_error (&fetch->last_error);
  fetch->last_error = error;
  fetch_next (task);
}

static void
seed_answered (GTask       *task,
               GredisReply *reply,
               gboolean     shards)
{
  FetchData *fetch = g_task_get_task_data (task);
  GError *error = NULL;
  GredisClusterTopology *view;

  view = shards ? _gredis_cluster_topology_new_from_shards_full (reply, fetch->seed_host,
                                                                fetch->tls, &error)
                : _gredis_cluster_topology_new_from_slots (reply, fetch->seed_host, &error);
  if (view == NULL)
    {
      seed_failed (task, error);
      return;
    }
  g_ptr_array_add (fetch->views, view);
  fetch_next (task);
}

static void
on_slots (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GredisReply) reply = NULL;
  GError *error = NULL;

  reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source), result, &error);
  if (reply == NULL)
    seed_failed (task, error);
  else
    seed_answered (task, reply, FALSE);
}

static void
on_shards (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  FetchData *fetch = g_task_get_task_data (task);
  g_autoptr(GredisReply) reply = NULL;
  GError *error = NULL;

  reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source), result, &error);
  if (reply != NULL)
    {
      seed_answered (task, reply, TRUE);
      return;
    }
  /* A server before 7.0 does not know CLUSTER SHARDS. */
  if (g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_SERVER))
    {
      static const char * const argv[] = { "CLUSTER", "SLOTS" };
      GCancellable *cancellable = g_task_get_cancellable (task);

      g_clear_error (&error);
      gredis_connection_send_command_async (fetch->connection, 2, argv, NULL, cancellable,
                                            on_slots, g_steal_pointer (&task));
      return;
    }
  seed_failed (task, error);
}

static char *
host_of (GSocketConnectable *seed)
{
  if (G_IS_NETWORK_ADDRESS (seed))
    return g_strdup (g_network_address_get_hostname (G_NETWORK_ADDRESS (seed)));
  if (G_IS_INET_SOCKET_ADDRESS (seed))
    return g_inet_address_to_string (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (seed)));
  return NULL;
}

static void
fetch_next (GTask *task)
{
  FetchData *fetch = g_task_get_task_data (task);
  GSocketConnectable *seed;
  GError *error = NULL;

  if (fetch->connection != NULL)
    gredis_connection_close (fetch->connection);
  g_clear_object (&fetch->connection);
  g_clear_pointer (&fetch->seed_host, g_free);

  if (g_task_return_error_if_cancelled (task))
    return;
  if (fetch->views->len >= fetch->n_views || fetch->next >= fetch->seeds->len)
    {
      guint chosen;

      if (fetch->views->len == 0)
        {
          if (fetch->last_error != NULL)
            g_task_return_error (task, g_steal_pointer (&fetch->last_error));
          else
            {
              gredis_i18n_init ();
              g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_CONNECTION, "%s",
                                       _("No cluster seed was given."));
            }
          return;
        }
      chosen = _gredis_cluster_topology_choose (fetch->views);
      g_task_return_pointer (task, g_ptr_array_steal_index (fetch->views, chosen),
                             (GDestroyNotify) _gredis_cluster_topology_free);
      return;
    }

  seed = g_ptr_array_index (fetch->seeds, fetch->next++);
  fetch->seed_host = host_of (seed);
  fetch->connection = gredis_connection_new_for_config (fetch->config, seed, &error);
  if (fetch->connection == NULL)
    {
      seed_failed (task, error);
      return;
    }
  /* The connection is opening: the command goes out once it is ready,
   * and fails with the connection's error if it never is. */
  gredis_connection_send_command_async (fetch->connection, 2, shards_argv, NULL,
                                        g_task_get_cancellable (task), on_shards,
                                        g_object_ref (task));
}

static gboolean
same_seed (GSocketConnectable *a,
           GSocketConnectable *b)
{
  g_autofree char *sa = NULL;
  g_autofree char *sb = NULL;

  if (a == b)
    return TRUE;
  sa = g_socket_connectable_to_string (a);
  sb = g_socket_connectable_to_string (b);
  return g_strcmp0 (sa, sb) == 0;
}

static void
fetch_start (GredisConfig        *config,
             GPtrArray           *seeds,
             GSocketConnectable  *last_failed,
             guint                n_views,
             gboolean             shuffle,
             GCancellable        *cancellable,
             GAsyncReadyCallback  callback,
             gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  FetchData *fetch;
  guint n;

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, _gredis_cluster_topology_fetch_async);

  fetch = g_new0 (FetchData, 1);
  fetch->config = g_object_ref (config);
  fetch->tls = config_uses_tls (config);
  fetch->seeds = g_ptr_array_new_with_free_func (g_object_unref);
  fetch->views = g_ptr_array_new_with_free_func ((GDestroyNotify) _gredis_cluster_topology_free);
  fetch->n_views = n_views;
  g_task_set_task_data (task, fetch, fetch_data_free);

  for (guint i = 0; i < seeds->len; i++)
    g_ptr_array_add (fetch->seeds, g_object_ref (g_ptr_array_index (seeds, i)));
  /* Fisher-Yates, then the last failed seed moved to the end. */
  n = fetch->seeds->len;
  for (guint i = n; shuffle && i > 1; i--)
    {
      guint j = (guint) g_random_int_range (0, (gint32) i);
      gpointer swap = fetch->seeds->pdata[i - 1];

      fetch->seeds->pdata[i - 1] = fetch->seeds->pdata[j];
      fetch->seeds->pdata[j] = swap;
    }
  if (last_failed != NULL)
    for (guint i = 0; i + 1 < n; i++)
      if (same_seed (g_ptr_array_index (fetch->seeds, i), last_failed))
        {
          gpointer failed = fetch->seeds->pdata[i];

          memmove (&fetch->seeds->pdata[i], &fetch->seeds->pdata[i + 1],
                   (n - i - 1) * sizeof (gpointer));
          fetch->seeds->pdata[n - 1] = failed;
          break;
        }

  fetch_next (task);
}

/*
 * _gredis_cluster_topology_fetch_async:
 * @config: the configuration the connections to the seeds are made from
 * @seeds: (element-type GSocketConnectable): the nodes to ask
 * @last_failed: (nullable): the seed that failed last time, asked last
 * @n_views: how many seeds to hear from at most (the majority is taken
 *   among them)
 *
 * Asks the seeds for the topology, in a random order (but @last_failed
 * last), through plain connections of their own that are closed after.
 */
void
_gredis_cluster_topology_fetch_async (GredisConfig        *config,
                                      GPtrArray           *seeds,
                                      GSocketConnectable  *last_failed,
                                      guint                n_views,
                                      GCancellable        *cancellable,
                                      GAsyncReadyCallback  callback,
                                      gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  g_return_if_fail (seeds != NULL);
  g_return_if_fail (n_views > 0);

  fetch_start (config, seeds, last_failed, n_views, TRUE, cancellable, callback, user_data);
}

/*
 * _gredis_cluster_topology_refresh_async:
 * @candidates: (element-type GSocketConnectable): the nodes to ask, in
 *   order
 * @last_failed: (nullable): the node that failed last time, asked last
 *
 * Like _gredis_cluster_topology_fetch_async(), but the nodes are asked
 * in the order given (@last_failed at the end) and the first view is
 * taken: a refresh, where one question is enough. Finish with
 * _gredis_cluster_topology_fetch_finish().
 */
void
_gredis_cluster_topology_refresh_async (GredisConfig        *config,
                                        GPtrArray           *candidates,
                                        GSocketConnectable  *last_failed,
                                        GCancellable        *cancellable,
                                        GAsyncReadyCallback  callback,
                                        gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_CONFIG (config));
  g_return_if_fail (candidates != NULL);

  fetch_start (config, candidates, last_failed, 1, FALSE, cancellable, callback, user_data);
}

GredisClusterTopology *
_gredis_cluster_topology_fetch_finish (GAsyncResult  *result,
                                       GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == _gredis_cluster_topology_fetch_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/*
 * _gredis_cluster_topology_fetch_get_failed:
 * @result: the result of _gredis_cluster_topology_fetch_async()
 *
 * Returns: (transfer none) (nullable): the last seed that gave no view
 *   (it could not be reached, or its reply could not be read), to be
 *   asked last next time; valid while @result lives
 */
GSocketConnectable *
_gredis_cluster_topology_fetch_get_failed (GAsyncResult *result)
{
  FetchData *fetch;

  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);

  fetch = g_task_get_task_data (G_TASK (result));
  return fetch != NULL ? fetch->failed : NULL;
}

GredisClusterTopology *
_gredis_cluster_topology_copy (GredisClusterTopology *topology)
{
  GredisClusterTopology *copy = g_new (GredisClusterTopology, 1);

  copy->nodes = g_ptr_array_new_full (topology->nodes->len, node_free);
  for (guint i = 0; i < topology->nodes->len; i++)
    {
      const GredisClusterNode *node = g_ptr_array_index (topology->nodes, i);
      GredisClusterNode *dup = g_memdup2 (node, sizeof *node);

      dup->id = g_strdup (node->id);
      dup->host = g_strdup (node->host);
      g_ptr_array_add (copy->nodes, dup);
    }
  memcpy (copy->slots, topology->slots, sizeof copy->slots);
  return copy;
}

/*
 * _gredis_cluster_topology_diff:
 *
 * What changed from @old to @new, nodes being told apart by address:
 * slots served by another primary (or by none), nodes that appeared or
 * went, and nodes that changed role (a failover).
 *
 * Returns: a set of GredisTopologyChange flags, 0 when the two route alike
 */
guint
_gredis_cluster_topology_diff (GredisClusterTopology *old,
                               GredisClusterTopology *new)
{
  g_autofree guint16 *old_to_new = g_new (guint16, old->nodes->len);
  guint changes = 0;
  guint n_kept = 0;

  for (guint i = 0; i < old->nodes->len; i++)
    {
      const GredisClusterNode *node = g_ptr_array_index (old->nodes, i);
      guint index = _gredis_cluster_topology_find_node (new, node->host, node->port);

      old_to_new[i] = (guint16) index;
      if (index == GREDIS_CLUSTER_NO_NODE)
        {
          changes |= GREDIS_TOPOLOGY_CHANGE_NODE_REMOVED;
          continue;
        }
      n_kept++;
      if (((const GredisClusterNode *) g_ptr_array_index (new->nodes, index))->role != node->role)
        changes |= GREDIS_TOPOLOGY_CHANGE_FAILOVER;
    }
  if (n_kept < new->nodes->len)
    changes |= GREDIS_TOPOLOGY_CHANGE_NODE_ADDED;

  for (guint slot = 0; slot < GREDIS_CLUSTER_N_SLOTS; slot++)
    {
      guint16 was = old->slots[slot];
      guint16 now = was == GREDIS_CLUSTER_NO_NODE ? GREDIS_CLUSTER_NO_NODE : old_to_new[was];

      if (now != new->slots[slot])
        {
          changes |= GREDIS_TOPOLOGY_CHANGE_SLOTS;
          break;
        }
    }
  return changes;
}
