/* gredis-scan-enumerator.c: SCAN, HSCAN, SSCAN and ZSCAN, batch by batch
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-client-private.h"
#include "gredis-client-commands-private.h"
#include "gredis-reply-types-private.h"

#include <string.h>

/**
 * GredisScanEnumerator:
 *
 * Walks through the keys of a database (`SCAN`), the fields of a hash
 * (`HSCAN`), the members of a set (`SSCAN`) or of a sorted set (`ZSCAN`)
 * a batch at a time, as #GFileEnumerator walks through a directory: each
 * call of gredis_scan_enumerator_next_async() (or the blocking
 * gredis_scan_enumerator_next()) gives the next batch, and %NULL with no
 * error once the walk is over.
 *
 * |[<!-- language="C" -->
 * g_autoptr(GredisScanEnumerator) keys = gredis_client_enumerate_keys (client, "user:*", 100, NULL);
 * GPtrArray *batch;
 *
 * while ((batch = gredis_scan_enumerator_next (keys, NULL, &error)) != NULL)
 *   {
 *     for (guint i = 0; i < batch->len; i++)
 *       use_key (g_ptr_array_index (batch, i));
 *     g_ptr_array_unref (batch);
 *   }
 * if (error != NULL)
 *   …
 * ]|
 *
 * The server's guarantees are those of `SCAN`: an element that is there
 * for the whole walk is given at least once, but it may be given more
 * than once (in the same batch or in another), and an element added or
 * removed during the walk may or may not be given. Applications that
 * must see each element once remove the duplicates themselves. `MATCH`
 * and `TYPE` filter after the server has picked a batch, so a step may
 * find nothing: the enumerator then asks for the next step itself, and a
 * batch it gives is never empty. `COUNT` is a hint of how much work each
 * step does, not a size of batch; small collections, which the server
 * keeps as listpacks or intsets, come whole in one batch.
 *
 * On a cluster client, a keys enumerator walks the primaries one after the
 * other: the cursor the client gives carries the node it is at. Hash, set
 * and sorted set enumerators go to the node of their key.
 *
 * Batches are binary-safe (#GBytes) and mean the same under RESP2 and
 * RESP3. An enumerator runs one call at a time (a second one while the
 * first is pending fails with %G_IO_ERROR_PENDING) and is for one thread
 * at a time. A call that fails, including one cancelled, leaves the
 * enumerator where it was: the next call asks for the same step again.
 */

struct _GredisScanEnumerator
{
  GObject parent_instance;

  GredisClient *client;
  GredisScanKind kind;
  GBytes *key;                  /* HSCAN, SSCAN, ZSCAN */
  char *pattern;
  guint count;
  char *type;                   /* SCAN */

  char *cursor;                 /* of the next step; "0" at the start */
  gboolean finished;
  gboolean pending;
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_KIND,
  PROP_KEY,
  PROP_PATTERN,
  PROP_COUNT,
  PROP_KEY_TYPE,
  PROP_FINISHED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GredisScanEnumerator, gredis_scan_enumerator, G_TYPE_OBJECT)

static void
gredis_scan_enumerator_init (GredisScanEnumerator *self)
{
  self->cursor = g_strdup ("0");
}

static void
gredis_scan_enumerator_finalize (GObject *object)
{
  GredisScanEnumerator *self = GREDIS_SCAN_ENUMERATOR (object);

  g_clear_object (&self->client);
  g_clear_pointer (&self->key, g_bytes_unref);
  g_free (self->pattern);
  g_free (self->type);
  g_free (self->cursor);

  G_OBJECT_CLASS (gredis_scan_enumerator_parent_class)->finalize (object);
}

static void
gredis_scan_enumerator_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GredisScanEnumerator *self = GREDIS_SCAN_ENUMERATOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    case PROP_KEY:
      g_value_set_boxed (value, self->key);
      break;
    case PROP_PATTERN:
      g_value_set_string (value, self->pattern);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_KEY_TYPE:
      g_value_set_string (value, self->type);
      break;
    case PROP_FINISHED:
      g_value_set_boolean (value, self->finished);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_scan_enumerator_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GredisScanEnumerator *self = GREDIS_SCAN_ENUMERATOR (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    case PROP_KEY:
      self->key = g_value_dup_boxed (value);
      break;
    case PROP_PATTERN:
      self->pattern = g_value_dup_string (value);
      break;
    case PROP_COUNT:
      self->count = g_value_get_uint (value);
      break;
    case PROP_KEY_TYPE:
      self->type = g_value_dup_string (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_scan_enumerator_constructed (GObject *object)
{
  GredisScanEnumerator *self = GREDIS_SCAN_ENUMERATOR (object);

  G_OBJECT_CLASS (gredis_scan_enumerator_parent_class)->constructed (object);

  g_warn_if_fail (self->client != NULL);
  g_warn_if_fail ((self->kind == GREDIS_SCAN_KEYS) == (self->key == NULL));
  g_warn_if_fail (self->kind == GREDIS_SCAN_KEYS || self->type == NULL);
}

static void
gredis_scan_enumerator_class_init (GredisScanEnumeratorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = gredis_scan_enumerator_finalize;
  object_class->get_property = gredis_scan_enumerator_get_property;
  object_class->set_property = gredis_scan_enumerator_set_property;
  object_class->constructed = gredis_scan_enumerator_constructed;

  /**
   * GredisScanEnumerator:client:
   *
   * The client the enumerator sends its steps through.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GREDIS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisScanEnumerator:kind:
   *
   * What the enumerator walks through.
   */
  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, GREDIS_TYPE_SCAN_KIND, GREDIS_SCAN_KEYS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisScanEnumerator:key:
   *
   * The key of the hash, set or sorted set walked through; %NULL for the
   * keys of the database.
   */
  properties[PROP_KEY] =
    g_param_spec_boxed ("key", NULL, NULL, G_TYPE_BYTES,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                        G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisScanEnumerator:pattern:
   *
   * The glob-style pattern elements must match (`MATCH`), or %NULL for
   * every element.
   */
  properties[PROP_PATTERN] =
    g_param_spec_string ("pattern", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisScanEnumerator:count:
   *
   * How much work each step asks of the server (`COUNT`), or 0 for the
   * server's default (10).
   */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                       G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisScanEnumerator:key-type:
   *
   * For the keys of the database: the type keys must have (`TYPE`), such
   * as `hash`, or %NULL for any.
   */
  properties[PROP_KEY_TYPE] =
    g_param_spec_string ("key-type", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY |
                         G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisScanEnumerator:finished:
   *
   * Whether the walk is over: the server said so with a cursor of 0.
   */
  properties[PROP_FINISHED] =
    g_param_spec_boolean ("finished", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

/* Making enumerators */

/**
 * gredis_scan_enumerator_new:
 * @client: the client to send the steps through
 * @kind: what to walk through
 * @key: (nullable): the key of the hash, set or sorted set; %NULL for
 *   %GREDIS_SCAN_KEYS
 * @pattern: (nullable): a glob-style pattern elements must match
 *   (`MATCH`), or %NULL for every element
 * @count: how much work each step asks of the server (`COUNT`), or 0 for
 *   the server's default
 * @type: (nullable): for %GREDIS_SCAN_KEYS, the type keys must have
 *   (`TYPE`, such as `string` or `hash`), or %NULL for any; %NULL for the
 *   other kinds
 *
 * Makes an enumerator, binary-safe in @key too. Nothing is sent until the
 * first call of gredis_scan_enumerator_next_async().
 *
 * Returns: (transfer full): a new #GredisScanEnumerator
 */
GredisScanEnumerator *
gredis_scan_enumerator_new (GredisClient   *client,
                            GredisScanKind  kind,
                            GBytes         *key,
                            const char     *pattern,
                            guint           count,
                            const char     *type)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (kind <= GREDIS_SCAN_SORTED_SET, NULL);
  g_return_val_if_fail ((kind == GREDIS_SCAN_KEYS) == (key == NULL), NULL);
  g_return_val_if_fail (kind == GREDIS_SCAN_KEYS || type == NULL, NULL);

  return g_object_new (GREDIS_TYPE_SCAN_ENUMERATOR,
                       "client", client,
                       "kind", kind,
                       "key", key,
                       "pattern", pattern,
                       "count", count,
                       "key-type", type,
                       NULL);
}

/**
 * gredis_client_enumerate_keys:
 * @client: a #GredisClient
 * @pattern: (nullable): a glob-style pattern keys must match (`MATCH`),
 *   or %NULL for every key
 * @count: how much work each step asks of the server (`COUNT`), or 0 for
 *   the server's default
 * @type: (nullable): the type keys must have (`TYPE`, such as `string` or
 *   `hash`), or %NULL for any
 *
 * Makes an enumerator of the keys of the database (`SCAN`); on a cluster
 * client, of every primary, one after the other. Each batch is an array
 * of keys.
 *
 * Returns: (transfer full): a new #GredisScanEnumerator
 */
GredisScanEnumerator *
gredis_client_enumerate_keys (GredisClient *client,
                              const char   *pattern,
                              guint         count,
                              const char   *type)
{
  return gredis_scan_enumerator_new (client, GREDIS_SCAN_KEYS, NULL, pattern, count, type);
}

static GredisScanEnumerator *
enumerate (GredisClient   *client,
           GredisScanKind  kind,
           const char     *key,
           const char     *pattern,
           guint           count)
{
  g_autoptr(GBytes) bytes = NULL;

  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  bytes = g_bytes_new (key, strlen (key));
  return gredis_scan_enumerator_new (client, kind, bytes, pattern, count, NULL);
}

/**
 * gredis_client_enumerate_hash:
 * @client: a #GredisClient
 * @key: the key of the hash
 * @pattern: (nullable): a glob-style pattern fields must match (`MATCH`),
 *   or %NULL for every field
 * @count: how much work each step asks of the server (`COUNT`), or 0 for
 *   the server's default
 *
 * Makes an enumerator of the fields and values of the hash at @key
 * (`HSCAN`). Each batch is an array of fields and values, alternating. A
 * key that does not exist is an empty hash; one that holds another type
 * makes the first call fail.
 *
 * Returns: (transfer full): a new #GredisScanEnumerator
 */
GredisScanEnumerator *
gredis_client_enumerate_hash (GredisClient *client,
                              const char   *key,
                              const char   *pattern,
                              guint         count)
{
  return enumerate (client, GREDIS_SCAN_HASH, key, pattern, count);
}

/**
 * gredis_client_enumerate_set:
 * @client: a #GredisClient
 * @key: the key of the set
 * @pattern: (nullable): a glob-style pattern members must match
 *   (`MATCH`), or %NULL for every member
 * @count: how much work each step asks of the server (`COUNT`), or 0 for
 *   the server's default
 *
 * Makes an enumerator of the members of the set at @key (`SSCAN`). Each
 * batch is an array of members. A key that does not exist is an empty
 * set; one that holds another type makes the first call fail.
 *
 * Returns: (transfer full): a new #GredisScanEnumerator
 */
GredisScanEnumerator *
gredis_client_enumerate_set (GredisClient *client,
                             const char   *key,
                             const char   *pattern,
                             guint         count)
{
  return enumerate (client, GREDIS_SCAN_SET, key, pattern, count);
}

/**
 * gredis_client_enumerate_sorted_set:
 * @client: a #GredisClient
 * @key: the key of the sorted set
 * @pattern: (nullable): a glob-style pattern members must match
 *   (`MATCH`), or %NULL for every member
 * @count: how much work each step asks of the server (`COUNT`), or 0 for
 *   the server's default
 *
 * Makes an enumerator of the members and scores of the sorted set at
 * @key (`ZSCAN`). Read it with gredis_scan_enumerator_next_scored() for
 * #GredisScoredMember batches, or gredis_scan_enumerator_next() for
 * members and scores (as text) alternating. A key that does not exist is
 * an empty sorted set; one that holds another type makes the first call
 * fail.
 *
 * Returns: (transfer full): a new #GredisScanEnumerator
 */
GredisScanEnumerator *
gredis_client_enumerate_sorted_set (GredisClient *client,
                                    const char   *key,
                                    const char   *pattern,
                                    guint         count)
{
  return enumerate (client, GREDIS_SCAN_SORTED_SET, key, pattern, count);
}

/* Properties */

/**
 * gredis_scan_enumerator_get_client:
 * @enumerator: a #GredisScanEnumerator
 *
 * Gets the client the enumerator sends its `SCAN` commands through.
 *
 * Returns: (transfer none): the client of @enumerator
 */
GredisClient *
gredis_scan_enumerator_get_client (GredisScanEnumerator *enumerator)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), NULL);

  return enumerator->client;
}

/**
 * gredis_scan_enumerator_get_kind:
 * @enumerator: a #GredisScanEnumerator
 *
 * Gets which of `SCAN`, `HSCAN`, `SSCAN` or `ZSCAN` the enumerator sends.
 *
 * Returns: what @enumerator walks through
 */
GredisScanKind
gredis_scan_enumerator_get_kind (GredisScanEnumerator *enumerator)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), GREDIS_SCAN_KEYS);

  return enumerator->kind;
}

/**
 * gredis_scan_enumerator_get_key:
 * @enumerator: a #GredisScanEnumerator
 *
 * Gets the key of the collection the enumerator walks through.
 *
 * Returns: (transfer none) (nullable): the key of the hash, set or sorted
 *   set @enumerator walks through, %NULL for the keys of the database
 */
GBytes *
gredis_scan_enumerator_get_key (GredisScanEnumerator *enumerator)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), NULL);

  return enumerator->key;
}

/**
 * gredis_scan_enumerator_get_pattern:
 * @enumerator: a #GredisScanEnumerator
 *
 * Gets the `MATCH` pattern of the scan.
 *
 * Returns: (nullable): the pattern elements must match, or %NULL
 */
const char *
gredis_scan_enumerator_get_pattern (GredisScanEnumerator *enumerator)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), NULL);

  return enumerator->pattern;
}

/**
 * gredis_scan_enumerator_get_count:
 * @enumerator: a #GredisScanEnumerator
 *
 * Gets the `COUNT` hint sent with each step of the scan.
 *
 * Returns: the `COUNT` of each step, or 0 for the server's default
 */
guint
gredis_scan_enumerator_get_count (GredisScanEnumerator *enumerator)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), 0);

  return enumerator->count;
}

/**
 * gredis_scan_enumerator_get_key_type:
 * @enumerator: a #GredisScanEnumerator
 *
 * Gets the type that the keys of a `SCAN` must have.
 *
 * Returns: (nullable): the type keys must have (`TYPE`), or %NULL
 */
const char *
gredis_scan_enumerator_get_key_type (GredisScanEnumerator *enumerator)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), NULL);

  return enumerator->type;
}

/**
 * gredis_scan_enumerator_is_finished:
 * @enumerator: a #GredisScanEnumerator
 *
 * Tells whether the walk is over. It may be over while this still says
 * %FALSE (when the last steps find nothing): the next call then gives
 * %NULL with no error, and this says %TRUE.
 *
 * Returns: %TRUE when every step has been taken
 */
gboolean
gredis_scan_enumerator_is_finished (GredisScanEnumerator *enumerator)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), FALSE);

  return enumerator->finished;
}

/**
 * gredis_scan_enumerator_has_pending:
 * @enumerator: a #GredisScanEnumerator
 *
 * Gets whether a call on the enumerator is under way; a second call
 * meanwhile fails with %G_IO_ERROR_PENDING.
 *
 * Returns: %TRUE while a call of @enumerator is under way
 */
gboolean
gredis_scan_enumerator_has_pending (GredisScanEnumerator *enumerator)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), FALSE);

  return enumerator->pending;
}

/* Steps */

static const char * const command_names[] = { "SCAN", "HSCAN", "SSCAN", "ZSCAN" };

/* The batch of a step's elements, the form the caller asked for. */
static GPtrArray *
read_elements (GredisScanKind  kind,
               gboolean        scored,
               GredisReply    *list,
               GError        **error)
{
  GPtrArray *elements;

  if (scored)
    return gredis_reply_to_scored_members (list, error);
  if (kind == GREDIS_SCAN_HASH || kind == GREDIS_SCAN_SORTED_SET)
    return _gredis_reply_to_bytes_pairs (gredis_reply_ref (list), FALSE, error);

  /* Keys and members are never nil. */
  elements = gredis_reply_to_bytes_array (list, error);
  for (guint i = 0; elements != NULL && i < elements->len; i++)
    if (g_ptr_array_index (elements, i) == NULL)
      {
        _gredis_reply_unexpected (gredis_reply_get_element (list, i), error);
        g_clear_pointer (&elements, g_ptr_array_unref);
      }
  return elements;
}

/* [cursor, [elements]]: the elements, the cursor through @cursor. */
static GPtrArray *
read_step (GredisScanEnumerator  *self,
           gboolean               scored,
           GredisReply           *reply,
           char                 **cursor,
           GError               **error)
{
  GredisReply *head, *list;
  g_autofree char *text = NULL;
  guint64 number;
  GPtrArray *elements;

  if (!_gredis_reply_is_list (reply) || gredis_reply_get_n_elements (reply) != 2 ||
      !_gredis_reply_is_text (head = gredis_reply_get_element (reply, 0)) ||
      !_gredis_reply_is_list (list = gredis_reply_get_element (reply, 1)))
    {
      _gredis_reply_unexpected (reply, error);
      return NULL;
    }
  text = _gredis_reply_dup_text (head);
  if (!g_ascii_string_to_unsigned (text, 10, 0, G_MAXUINT64, &number, NULL))
    {
      gredis_i18n_init ();
      g_set_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                   _("The server gave a %s cursor that is not a number."),
                   command_names[self->kind]);
      return NULL;
    }
  elements = read_elements (self->kind, scored, list, error);
  if (elements != NULL)
    *cursor = number == 0 ? g_strdup ("0") : g_steal_pointer (&text);
  return elements;
}

/* Reads the reply of a step and moves the cursor on. On success, @batch
 * is what the step found, or NULL when it found nothing. */
static gboolean
take_step (GredisScanEnumerator  *self,
           gboolean               scored,
           GredisReply           *reply,
           GPtrArray            **batch,
           GError               **error)
{
  g_autoptr(GPtrArray) elements = NULL;
  g_autofree char *cursor = NULL;

  *batch = NULL;
  elements = read_step (self, scored, reply, &cursor, error);
  if (elements == NULL)
    return FALSE;

  g_free (self->cursor);
  self->cursor = g_steal_pointer (&cursor);
  if (g_str_equal (self->cursor, "0"))
    {
      self->finished = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FINISHED]);
    }
  if (elements->len > 0)
    *batch = g_steal_pointer (&elements);
  return TRUE;
}

/* The argv of the next step. */
static void
build_step (GredisScanEnumerator *self,
            Cmd                  *c)
{
  gsize key_length = 0;
  const char *key;

  _gredis_cmd_init (c, command_names[self->kind]);
  if (self->key != NULL)
    {
      key = g_bytes_get_data (self->key, &key_length);
      _gredis_cmd_add_len (c, key != NULL ? key : "", key_length);
    }
  _gredis_cmd_add (c, self->cursor);
  if (self->pattern != NULL)
    {
      _gredis_cmd_add (c, "MATCH");
      _gredis_cmd_add (c, self->pattern);
    }
  if (self->count > 0)
    {
      _gredis_cmd_add (c, "COUNT");
      _gredis_cmd_add_uint (c, self->count);
    }
  if (self->type != NULL)
    {
      _gredis_cmd_add (c, "TYPE");
      _gredis_cmd_add (c, self->type);
    }
}

static void send_step (GTask *task);

static void
on_step (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisScanEnumerator *self = g_task_get_source_object (task);
  gboolean scored = GPOINTER_TO_INT (g_task_get_task_data (task));
  g_autoptr(GredisReply) reply = NULL;
  GPtrArray *batch = NULL;
  GError *error = NULL;

  reply = _gredis_client_send_finish (GREDIS_CLIENT (source), result,
                                      gredis_scan_enumerator_next_async, &error);
  if (reply == NULL || !take_step (self, scored, reply, &batch, &error))
    {
      self->pending = FALSE;
      g_task_return_error (task, error);
      return;
    }

  if (batch == NULL && !self->finished)
    {
      /* MATCH or TYPE left nothing of this step: take the next one. */
      if (g_task_return_error_if_cancelled (task))
        self->pending = FALSE;
      else
        send_step (g_steal_pointer (&task));
      return;
    }

  self->pending = FALSE;
  g_task_return_pointer (task, batch, batch != NULL ? (GDestroyNotify) g_ptr_array_unref : NULL);
}

static void
send_step (GTask *task)
{
  GredisScanEnumerator *self = g_task_get_source_object (task);
  Cmd c;

  build_step (self, &c);
  _gredis_cmd_send_async (self->client, &c, gredis_scan_enumerator_next_async,
                          g_task_get_cancellable (task), on_step, task);
}

/* The blocking form: the client's blocking path, step by step. */
static GPtrArray *
next_sync (GredisScanEnumerator  *self,
           gboolean               scored,
           GCancellable          *cancellable,
           GError               **error)
{
  GPtrArray *batch = NULL;

  if (self->pending)
    {
      gredis_i18n_init ();
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_PENDING,
                           _("The enumerator already has a call under way."));
      return NULL;
    }

  self->pending = TRUE;
  while (!self->finished && batch == NULL)
    {
      g_autoptr(GredisReply) reply = NULL;
      Cmd c;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        break;
      build_step (self, &c);
      reply = _gredis_cmd_send_sync (self->client, &c, cancellable, error);
      if (reply == NULL || !take_step (self, scored, reply, &batch, error))
        break;
    }
  self->pending = FALSE;
  return batch;
}

static void
start_next (GredisScanEnumerator *self,
            gboolean              scored,
            gpointer              source_tag,
            GCancellable         *cancellable,
            GAsyncReadyCallback   callback,
            gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, source_tag);
  g_task_set_task_data (task, GINT_TO_POINTER (scored), NULL);

  if (self->pending)
    {
      gredis_i18n_init ();
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("The enumerator already has a call under way."));
      return;
    }
  if (self->finished)
    {
      g_task_return_pointer (task, NULL, NULL);
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  self->pending = TRUE;
  send_step (g_steal_pointer (&task));
}

static GPtrArray *
finish_next (GredisScanEnumerator  *self,
             GAsyncResult          *result,
             gpointer               source_tag,
             GError               **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * gredis_scan_enumerator_next_async:
 * @enumerator: a #GredisScanEnumerator
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the batch is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Asks for the next batch. Finish with
 * gredis_scan_enumerator_next_finish().
 */
void
gredis_scan_enumerator_next_async (GredisScanEnumerator *enumerator,
                                   GCancellable         *cancellable,
                                   GAsyncReadyCallback   callback,
                                   gpointer              user_data)
{
  g_return_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator));

  start_next (enumerator, FALSE, gredis_scan_enumerator_next_async,
              cancellable, callback, user_data);
}

/**
 * gredis_scan_enumerator_next_finish:
 * @enumerator: a #GredisScanEnumerator
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_scan_enumerator_next_async(). The batch holds keys
 * (%GREDIS_SCAN_KEYS), members (%GREDIS_SCAN_SET), fields and values
 * alternating (%GREDIS_SCAN_HASH), or members and their scores as text
 * alternating (%GREDIS_SCAN_SORTED_SET). Elements may come again in a
 * later batch: see #GredisScanEnumerator.
 *
 * Returns: (transfer container) (element-type GBytes) (nullable): the
 *   next batch, never empty; %NULL with no error when the walk is over,
 *   %NULL with an error on failure
 */
GPtrArray *
gredis_scan_enumerator_next_finish (GredisScanEnumerator  *enumerator,
                                    GAsyncResult          *result,
                                    GError               **error)
{
  return finish_next (enumerator, result, gredis_scan_enumerator_next_async, error);
}

/**
 * gredis_scan_enumerator_next:
 * @enumerator: a #GredisScanEnumerator
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the next batch, as gredis_scan_enumerator_next_async() does.
 * Blocks; safe from any thread, one thread at a time.
 *
 * Returns: (transfer container) (element-type GBytes) (nullable): the
 *   next batch, never empty; %NULL with no error when the walk is over,
 *   %NULL with an error on failure
 */
GPtrArray *
gredis_scan_enumerator_next (GredisScanEnumerator  *enumerator,
                             GCancellable          *cancellable,
                             GError               **error)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), NULL);

  return next_sync (enumerator, FALSE, cancellable, error);
}

/**
 * gredis_scan_enumerator_next_scored_async:
 * @enumerator: a #GredisScanEnumerator of a sorted set
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called when the batch is there, in the
 *   thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Asks for the next batch of members and scores of a sorted set
 * (%GREDIS_SCAN_SORTED_SET). Finish with
 * gredis_scan_enumerator_next_scored_finish().
 */
void
gredis_scan_enumerator_next_scored_async (GredisScanEnumerator *enumerator,
                                          GCancellable         *cancellable,
                                          GAsyncReadyCallback   callback,
                                          gpointer              user_data)
{
  g_return_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator));
  g_return_if_fail (enumerator->kind == GREDIS_SCAN_SORTED_SET);

  start_next (enumerator, TRUE, gredis_scan_enumerator_next_scored_async,
              cancellable, callback, user_data);
}

/**
 * gredis_scan_enumerator_next_scored_finish:
 * @enumerator: a #GredisScanEnumerator of a sorted set
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_scan_enumerator_next_scored_async().
 *
 * Returns: (transfer container) (element-type GredisScoredMember) (nullable):
 *   the next batch, never empty; %NULL with no error when the walk is
 *   over, %NULL with an error on failure
 */
GPtrArray *
gredis_scan_enumerator_next_scored_finish (GredisScanEnumerator  *enumerator,
                                           GAsyncResult          *result,
                                           GError               **error)
{
  return finish_next (enumerator, result, gredis_scan_enumerator_next_scored_async, error);
}

/**
 * gredis_scan_enumerator_next_scored:
 * @enumerator: a #GredisScanEnumerator of a sorted set
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Gets the next batch of members and scores of a sorted set, as
 * gredis_scan_enumerator_next_scored_async() does. Blocks; safe from any
 * thread, one thread at a time.
 *
 * Returns: (transfer container) (element-type GredisScoredMember) (nullable):
 *   the next batch, never empty; %NULL with no error when the walk is
 *   over, %NULL with an error on failure
 */
GPtrArray *
gredis_scan_enumerator_next_scored (GredisScanEnumerator  *enumerator,
                                    GCancellable          *cancellable,
                                    GError               **error)
{
  g_return_val_if_fail (GREDIS_IS_SCAN_ENUMERATOR (enumerator), NULL);
  g_return_val_if_fail (enumerator->kind == GREDIS_SCAN_SORTED_SET, NULL);

  return next_sync (enumerator, TRUE, cancellable, error);
}
