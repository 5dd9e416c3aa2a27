/* gredis-stream-consumer.c: a consumer of a stream's group, run on a main context
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-log-private.h"
#include "gredis-reply-types-private.h"

/**
 * GredisStreamConsumer:
 *
 * A consumer of a consumer group of one stream: the job-queue pattern
 * built on Redis streams, run on a main context.
 *
 * gredis_stream_consumer_start() starts a loop on the thread-default main
 * context of its caller. The loop reads the group as
 * [property@Gredis.StreamConsumer:consumer] with `XREADGROUP`, emits
 * [signal@Gredis.StreamConsumer::entry] once per entry, in the order of
 * the stream, and acknowledges (`XACK`) the entries whose handler
 * returned %TRUE. An entry whose handler returned %FALSE (or that no
 * handler took) stays pending in the group: it is delivered again when
 * the consumer starts again, or to any consumer of the group that claims
 * it (see [property@Gredis.StreamConsumer:claim-min-idle-ms]).
 *
 * One turn of the loop:
 *
 * 1. when [property@Gredis.StreamConsumer:create-group] is set, the group
 *    is created first (`XGROUP CREATE stream group 0 MKSTREAM`; a group
 *    that exists is left alone);
 * 2. at start, the consumer's own pending entries are read again
 *    (`XREADGROUP ... STREAMS stream 0`), so that entries delivered before
 *    a crash, or before gredis_stream_consumer_stop(), are processed;
 * 3. with [property@Gredis.StreamConsumer:claim-min-idle-ms] set, entries
 *    that other consumers left pending that long are claimed
 *    (`XAUTOCLAIM`), one batch per turn and a sweep of the group at most
 *    once per that interval;
 * 4. new entries are read (`XREADGROUP ... BLOCK block-ms ... STREAMS
 *    stream >`). The read waits in the server on an exclusive connection
 *    of the client's pool, with its own timeout, so it never holds up the
 *    multiplexed connection other callers share.
 *
 * Errors, a lost connection included, are reported by
 * [signal@Gredis.StreamConsumer::error]; the loop then waits as the
 * client's [class@Gredis.Retry] says (its backoff policy, never less than
 * 50 ms) and goes on, first reading its own pending entries again, since
 * a reply lost with the connection may have delivered some. Entries whose
 * handler returned %FALSE are not delivered again within one run. Only
 * errors that another attempt cannot cure (see
 * gredis_retry_is_permanent_error()) stop the loop.
 *
 * Delivery is at least once: an entry whose acknowledgement was lost is
 * delivered again, so handlers should be idempotent. An entry deleted
 * from the stream while pending (it has no fields then) is acknowledged
 * without being emitted.
 *
 * While it runs, the consumer holds a reference on itself: it lives until
 * gredis_stream_consumer_stop() and the completion of the command in
 * flight, which stop() cancels at once. Use it from the thread whose
 * main context it was started on.
 */

struct _GredisStreamConsumer
{
  GObject parent_instance;

  GredisClient *client;
  char *stream;
  char *group;
  char *consumer;
  guint count;
  guint block_ms;
  gboolean create_group;
  guint64 claim_min_idle_ms;

  guint64 entries_processed;
  guint64 entries_acknowledged;
  guint64 entries_failed;

  /* The run */
  gboolean running;
  guint generation;             /* of the run, to tell stale completions */
  GMainContext *context;
  GCancellable *cancellable;
  GSource *backoff;
  guint failures;               /* in a row */
  gboolean need_group;
  char *pending_cursor;         /* reading own pending entries, or NULL */
  char *claim_cursor;
  gint64 next_claim;            /* monotonic µs */
  GHashTable *rejected;         /* ids the handlers gave back this run */
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_STREAM,
  PROP_GROUP,
  PROP_CONSUMER,
  PROP_COUNT,
  PROP_BLOCK_MS,
  PROP_CREATE_GROUP,
  PROP_CLAIM_MIN_IDLE_MS,
  PROP_RUNNING,
  PROP_ENTRIES_PROCESSED,
  PROP_ENTRIES_ACKNOWLEDGED,
  PROP_ENTRIES_FAILED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  SIGNAL_ENTRY,
  SIGNAL_ERROR,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

G_DEFINE_FINAL_TYPE (GredisStreamConsumer, gredis_stream_consumer, G_TYPE_OBJECT)

#define DEFAULT_COUNT 10
#define DEFAULT_BLOCK_MS 5000
/* The shortest pause after an error, whatever the backoff policy says. */
#define MIN_BACKOFF_MS 50
/* Failures past this count get the same delay. */
#define MAX_BACKOFF_FAILURES 32

/* An operation of the loop in flight: it keeps the consumer alive, and
 * knows the run it belongs to. */
typedef struct
{
  GredisStreamConsumer *self;
  guint generation;
} Op;

static Op *
op_new (GredisStreamConsumer *self)
{
  Op *op = g_new (Op, 1);

  op->self = g_object_ref (self);
  op->generation = self->generation;
  return op;
}

static Op *
op_dup (Op *op)
{
  Op *copy = g_new (Op, 1);

  copy->self = g_object_ref (op->self);
  copy->generation = op->generation;
  return copy;
}

static void
op_free (Op *op)
{
  g_object_unref (op->self);
  g_free (op);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Op, op_free)

static gboolean
op_is_current (Op *op)
{
  return op->self->running && op->generation == op->self->generation;
}

static void next_step (GredisStreamConsumer *self);

static void
stop_run (GredisStreamConsumer *self)
{
  self->running = FALSE;
  self->generation++;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->backoff != NULL)
    {
      g_source_destroy (self->backoff);
      g_clear_pointer (&self->backoff, g_source_unref);
    }
  g_clear_pointer (&self->context, g_main_context_unref);
  g_clear_pointer (&self->pending_cursor, g_free);
  g_clear_pointer (&self->claim_cursor, g_free);
  g_clear_pointer (&self->rejected, g_hash_table_unref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);
}

static gboolean
on_backoff_done (gpointer user_data)
{
  GredisStreamConsumer *self = user_data;

  g_clear_pointer (&self->backoff, g_source_unref);
  g_main_context_push_thread_default (self->context);
  next_step (self);
  g_main_context_pop_thread_default (self->context);
  return G_SOURCE_REMOVE;
}

/* Reports @error, then waits as the client's retry policy says before
 * the next turn, or stops for good on a permanent error. */
static void
handle_error (Op     *op,
              GError *error)
{
  GredisStreamConsumer *self = op->self;
  guint64 delay_us;
  guint delay_ms;

  GREDIS_DEBUG ("client", "Stream consumer %s of %s: %s", self->consumer, self->group, error->message);
  if (self->create_group && g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_NOGROUP))
    self->need_group = TRUE;
  g_signal_emit (self, signals[SIGNAL_ERROR], 0, error);
  if (!op_is_current (op))
    return;
  if (gredis_retry_is_permanent_error (error))
    {
      stop_run (self);
      return;
    }

  /* A reply lost with the connection may have delivered entries. */
  g_free (self->pending_cursor);
  self->pending_cursor = g_strdup ("0");

  self->failures = MIN (self->failures + 1, MAX_BACKOFF_FAILURES);
  delay_us = gredis_retry_get_delay (gredis_client_get_retry (self->client), self->failures);
  delay_ms = (guint) MIN (MAX (delay_us / 1000, MIN_BACKOFF_MS), G_MAXUINT);
  self->backoff = g_timeout_source_new (delay_ms);
  g_source_set_static_name (self->backoff, "[gredis] stream consumer backoff");
  g_source_set_callback (self->backoff, on_backoff_done, g_object_ref (self), g_object_unref);
  g_source_attach (self->backoff, self->context);
}

static void
succeeded (GredisStreamConsumer *self)
{
  if (self->failures > 0)
    gredis_retry_reset (gredis_client_get_retry (self->client));
  self->failures = 0;
}

static void
count_up (GredisStreamConsumer *self,
          guint64              *counter,
          guint64               n,
          guint                 prop)
{
  if (n == 0)
    return;
  *counter += n;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/* Acknowledging */

static void
on_acked (GObject      *source,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  GredisStreamConsumer *self = op->self;
  g_autoptr(GError) error = NULL;
  gint64 n;

  n = gredis_client_xack_finish (GREDIS_CLIENT (source), result, &error);
  if (error == NULL)
    count_up (self, &self->entries_acknowledged, (guint64) MAX (n, 0), PROP_ENTRIES_ACKNOWLEDGED);
  if (!op_is_current (op))
    return;
  if (error != NULL)
    {
      handle_error (op, error);
      return;
    }
  succeeded (self);
  next_step (self);
}

/* Emits each entry of @entries and acknowledges those handled. With
 * @skip_rejected (own pending entries read again), entries handlers gave
 * back earlier in this run are left alone. */
static void
dispatch (Op        *op,
          GPtrArray *entries,
          gboolean   skip_rejected)
{
  GredisStreamConsumer *self = op->self;
  g_autoptr(GPtrArray) ids = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < entries->len && op_is_current (op); i++)
    {
      GredisStreamEntry *entry = g_ptr_array_index (entries, i);
      const char *id = gredis_stream_entry_get_id (entry);
      gboolean handled = FALSE;

      /* Deleted while pending: nothing left to process. */
      if (gredis_stream_entry_get_n_fields (entry) == 0)
        {
          g_ptr_array_add (ids, g_strdup (id));
          continue;
        }
      if (skip_rejected && g_hash_table_contains (self->rejected, id))
        continue;

      g_signal_emit (self, signals[SIGNAL_ENTRY], 0, entry, &handled);
      count_up (self, &self->entries_processed, 1, PROP_ENTRIES_PROCESSED);
      if (handled)
        {
          g_ptr_array_add (ids, g_strdup (id));
          if (self->rejected != NULL)
            g_hash_table_remove (self->rejected, id);
        }
      else
        {
          count_up (self, &self->entries_failed, 1, PROP_ENTRIES_FAILED);
          if (self->rejected != NULL)
            g_hash_table_add (self->rejected, g_strdup (id));
        }
    }

  if (ids->len > 0)
    {
      /* Sent even when a handler stopped the consumer: what was
       * processed is acknowledged. */
      g_ptr_array_add (ids, NULL);
      gredis_client_xack_async (self->client, self->stream, self->group,
                                (const char * const *) ids->pdata, NULL,
                                on_acked, op_dup (op));
      return;
    }
  if (op_is_current (op))
    {
      succeeded (self);
      next_step (self);
    }
}

/* The steps */

static void
on_group_created (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  g_autoptr(GError) error = NULL;

  gredis_client_xgroup_create_finish (GREDIS_CLIENT (source), result, &error);
  if (!op_is_current (op))
    return;
  if (error != NULL && !g_error_matches (error, GREDIS_ERROR, GREDIS_ERROR_BUSYGROUP))
    {
      handle_error (op, error);
      return;
    }
  op->self->need_group = FALSE;
  next_step (op->self);
}

static void
on_pending_read (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  GredisStreamConsumer *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  entries = gredis_client_xreadgroup_finish (GREDIS_CLIENT (source), result, &error);
  if (!op_is_current (op))
    return;
  if (error != NULL)
    {
      handle_error (op, error);
      return;
    }
  if (entries == NULL || entries->len == 0)
    {
      g_clear_pointer (&self->pending_cursor, g_free);
      succeeded (self);
      next_step (self);
      return;
    }
  g_free (self->pending_cursor);
  self->pending_cursor = g_strdup (gredis_stream_entry_get_id (g_ptr_array_index (entries,
                                                                                  entries->len - 1)));
  dispatch (op, entries, TRUE);
}

static void
on_claimed (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  GredisStreamConsumer *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autofree char *next = NULL;

  entries = gredis_client_xautoclaim_finish (GREDIS_CLIENT (source), result, &next, &error);
  if (!op_is_current (op))
    return;
  if (error != NULL)
    {
      handle_error (op, error);
      return;
    }
  if (next == NULL || g_str_equal (next, "0-0"))
    {
      /* A sweep ended: the next one after the idle time. */
      g_free (self->claim_cursor);
      self->claim_cursor = g_strdup ("0-0");
      self->next_claim = g_get_monotonic_time () + (gint64) MIN (self->claim_min_idle_ms,
                                                                 G_MAXINT64 / 1000 / 2) * 1000;
    }
  else
    {
      g_free (self->claim_cursor);
      self->claim_cursor = g_steal_pointer (&next);
    }
  /* XAUTOCLAIM's entries do not say their stream; those of XREADGROUP do. */
  for (guint i = 0; i < entries->len; i++)
    _gredis_stream_entry_set_stream (g_ptr_array_index (entries, i), self->stream);
  dispatch (op, entries, FALSE);
}

static void
on_read (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(Op) op = user_data;
  GredisStreamConsumer *self = op->self;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;

  entries = gredis_client_xreadgroup_finish (GREDIS_CLIENT (source), result, &error);
  if (!op_is_current (op))
    return;
  if (error != NULL)
    {
      handle_error (op, error);
      return;
    }
  if (entries == NULL || entries->len == 0)
    {
      /* BLOCK ran out with nothing new. */
      succeeded (self);
      next_step (self);
      return;
    }
  dispatch (op, entries, FALSE);
}

static void
next_step (GredisStreamConsumer *self)
{
  const char *keys[] = { self->stream, NULL };

  if (!self->running)
    return;

  if (self->need_group)
    {
      gredis_client_xgroup_create_async (self->client, self->stream, self->group, "0",
                                         GREDIS_XGROUP_MKSTREAM, self->cancellable,
                                         on_group_created, op_new (self));
    }
  else if (self->pending_cursor != NULL)
    {
      const char *ids[] = { self->pending_cursor, NULL };

      gredis_client_xreadgroup_async (self->client, self->group, self->consumer, self->count, -1,
                                      GREDIS_XREAD_NONE, keys, ids, self->cancellable,
                                      on_pending_read, op_new (self));
    }
  else if (self->claim_min_idle_ms > 0 &&
           (!g_str_equal (self->claim_cursor, "0-0") ||
            g_get_monotonic_time () >= self->next_claim))
    {
      gredis_client_xautoclaim_async (self->client, self->stream, self->group, self->consumer,
                                      (gint64) MIN (self->claim_min_idle_ms, G_MAXINT64),
                                      self->claim_cursor, self->count, self->cancellable,
                                      on_claimed, op_new (self));
    }
  else
    {
      const char *ids[] = { ">", NULL };

      gredis_client_xreadgroup_async (self->client, self->group, self->consumer, self->count,
                                      self->block_ms, GREDIS_XREAD_NONE, keys, ids,
                                      self->cancellable, on_read, op_new (self));
    }
}

/* Public API */

/**
 * gredis_stream_consumer_new:
 * @client: the client to reach the server with
 * @stream: the key of the stream
 * @group: the consumer group to read
 * @consumer: the name of this consumer in @group
 *
 * Makes a consumer; it reads nothing until gredis_stream_consumer_start().
 *
 * Returns: (transfer full): a new #GredisStreamConsumer
 */
GredisStreamConsumer *
gredis_stream_consumer_new (GredisClient *client,
                            const char   *stream,
                            const char   *group,
                            const char   *consumer)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (stream != NULL, NULL);
  g_return_val_if_fail (group != NULL, NULL);
  g_return_val_if_fail (consumer != NULL, NULL);

  return g_object_new (GREDIS_TYPE_STREAM_CONSUMER,
                       "client", client,
                       "stream", stream,
                       "group", group,
                       "consumer", consumer,
                       NULL);
}

/**
 * gredis_stream_consumer_start:
 * @self: a #GredisStreamConsumer
 *
 * Starts the loop on the thread-default main context (see the class
 * description); does nothing when it is running already. The loop runs
 * until gredis_stream_consumer_stop() or a permanent error.
 *
 * The counters go on from where they were.
 */
void
gredis_stream_consumer_start (GredisStreamConsumer *self)
{
  g_return_if_fail (GREDIS_IS_STREAM_CONSUMER (self));
  g_return_if_fail (self->client != NULL && self->stream != NULL &&
                    self->group != NULL && self->consumer != NULL);

  if (self->running)
    return;

  self->running = TRUE;
  self->generation++;
  self->context = g_main_context_ref_thread_default ();
  self->cancellable = g_cancellable_new ();
  self->failures = 0;
  self->need_group = self->create_group;
  self->pending_cursor = g_strdup ("0");
  self->claim_cursor = g_strdup ("0-0");
  self->next_claim = 0;
  self->rejected = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RUNNING]);

  next_step (self);
}

/**
 * gredis_stream_consumer_stop:
 * @self: a #GredisStreamConsumer
 *
 * Stops the loop: the command in flight, a read blocked in the server
 * included, is cancelled at once, and no more entries are emitted, even
 * from the batch being emitted when a handler calls this. Entries that
 * were processed are still acknowledged; entries read but not emitted
 * stay pending, and are delivered when the consumer starts again. Does
 * nothing when the consumer is not running.
 */
void
gredis_stream_consumer_stop (GredisStreamConsumer *self)
{
  g_return_if_fail (GREDIS_IS_STREAM_CONSUMER (self));

  if (self->running)
    stop_run (self);
}

/**
 * gredis_stream_consumer_get_client:
 * @self: a #GredisStreamConsumer
 *
 * Gets the client the consumer reads through.
 *
 * Returns: (transfer none): the client of @self
 */
GredisClient *
gredis_stream_consumer_get_client (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), NULL);

  return self->client;
}

/**
 * gredis_stream_consumer_get_stream:
 * @self: a #GredisStreamConsumer
 *
 * Gets the key of the stream.
 *
 * Returns: the key of the stream @self reads
 */
const char *
gredis_stream_consumer_get_stream (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), NULL);

  return self->stream;
}

/**
 * gredis_stream_consumer_get_group:
 * @self: a #GredisStreamConsumer
 *
 * Gets the name of the consumer group.
 *
 * Returns: the consumer group @self reads
 */
const char *
gredis_stream_consumer_get_group (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), NULL);

  return self->group;
}

/**
 * gredis_stream_consumer_get_consumer:
 * @self: a #GredisStreamConsumer
 *
 * Gets the consumer name the consumer reads as.
 *
 * Returns: the name of @self in its group
 */
const char *
gredis_stream_consumer_get_consumer (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), NULL);

  return self->consumer;
}

/**
 * gredis_stream_consumer_get_count:
 * @self: a #GredisStreamConsumer
 *
 * Gets the `COUNT` of each `XREADGROUP`.
 *
 * Returns: the most entries one read asks for
 */
guint
gredis_stream_consumer_get_count (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), 0);

  return self->count;
}

/**
 * gredis_stream_consumer_set_count:
 * @self: a #GredisStreamConsumer
 * @count: the most entries one read asks for, at least 1
 *
 * Sets [property@Gredis.StreamConsumer:count]; a running loop uses it
 * from its next read.
 */
void
gredis_stream_consumer_set_count (GredisStreamConsumer *self,
                                  guint                 count)
{
  g_return_if_fail (GREDIS_IS_STREAM_CONSUMER (self));
  g_return_if_fail (count > 0);

  if (self->count == count)
    return;
  self->count = count;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_COUNT]);
}

/**
 * gredis_stream_consumer_get_block_ms:
 * @self: a #GredisStreamConsumer
 *
 * Gets the `BLOCK` time of each `XREADGROUP`.
 *
 * Returns: how long one read waits in the server for new entries, in
 *   milliseconds
 */
guint
gredis_stream_consumer_get_block_ms (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), 0);

  return self->block_ms;
}

/**
 * gredis_stream_consumer_set_block_ms:
 * @self: a #GredisStreamConsumer
 * @block_ms: how long one read waits for new entries, in milliseconds,
 *   at least 1
 *
 * Sets [property@Gredis.StreamConsumer:block-ms]; a running loop uses it
 * from its next read.
 */
void
gredis_stream_consumer_set_block_ms (GredisStreamConsumer *self,
                                     guint                 block_ms)
{
  g_return_if_fail (GREDIS_IS_STREAM_CONSUMER (self));
  g_return_if_fail (block_ms > 0 && block_ms <= G_MAXINT);

  if (self->block_ms == block_ms)
    return;
  self->block_ms = block_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BLOCK_MS]);
}

/**
 * gredis_stream_consumer_get_create_group:
 * @self: a #GredisStreamConsumer
 *
 * Gets whether the consumer creates its group with `XGROUP CREATE …
 * MKSTREAM` when it does not exist.
 *
 * Returns: whether @self creates its group (and the stream) when missing
 */
gboolean
gredis_stream_consumer_get_create_group (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), FALSE);

  return self->create_group;
}

/**
 * gredis_stream_consumer_set_create_group:
 * @self: a #GredisStreamConsumer
 * @create_group: whether to create the group when missing
 *
 * Sets [property@Gredis.StreamConsumer:create-group]; it applies from the
 * next start, and to a group that disappears while running.
 */
void
gredis_stream_consumer_set_create_group (GredisStreamConsumer *self,
                                         gboolean              create_group)
{
  g_return_if_fail (GREDIS_IS_STREAM_CONSUMER (self));

  create_group = !!create_group;
  if (self->create_group == create_group)
    return;
  self->create_group = create_group;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATE_GROUP]);
}

/**
 * gredis_stream_consumer_get_claim_min_idle_ms:
 * @self: a #GredisStreamConsumer
 *
 * Gets the idle time after which the consumer claims entries left pending
 * by others.
 *
 * Returns: how long an entry must have been pending before @self claims
 *   it, in milliseconds, or 0 when @self claims nothing
 */
guint64
gredis_stream_consumer_get_claim_min_idle_ms (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), 0);

  return self->claim_min_idle_ms;
}

/**
 * gredis_stream_consumer_set_claim_min_idle_ms:
 * @self: a #GredisStreamConsumer
 * @min_idle_ms: the idle time, in milliseconds, or 0 not to claim
 *
 * Sets [property@Gredis.StreamConsumer:claim-min-idle-ms].
 */
void
gredis_stream_consumer_set_claim_min_idle_ms (GredisStreamConsumer *self,
                                              guint64               min_idle_ms)
{
  g_return_if_fail (GREDIS_IS_STREAM_CONSUMER (self));

  min_idle_ms = MIN (min_idle_ms, (guint64) G_MAXINT64 / 1000);
  if (self->claim_min_idle_ms == min_idle_ms)
    return;
  self->claim_min_idle_ms = min_idle_ms;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CLAIM_MIN_IDLE_MS]);
}

/**
 * gredis_stream_consumer_get_running:
 * @self: a #GredisStreamConsumer
 *
 * Gets whether the read loop of the consumer is running.
 *
 * Returns: whether the loop of @self runs
 */
gboolean
gredis_stream_consumer_get_running (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), FALSE);

  return self->running;
}

/**
 * gredis_stream_consumer_get_entries_processed:
 * @self: a #GredisStreamConsumer
 *
 * Gets the number of entries the consumer emitted.
 *
 * Returns: the number of entries emitted so far
 */
guint64
gredis_stream_consumer_get_entries_processed (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), 0);

  return self->entries_processed;
}

/**
 * gredis_stream_consumer_get_entries_acknowledged:
 * @self: a #GredisStreamConsumer
 *
 * Gets the number of entries acknowledged with `XACK`.
 *
 * Returns: the number of entries the server confirmed acknowledged so far
 */
guint64
gredis_stream_consumer_get_entries_acknowledged (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), 0);

  return self->entries_acknowledged;
}

/**
 * gredis_stream_consumer_get_entries_failed:
 * @self: a #GredisStreamConsumer
 *
 * Gets the number of entries that no handler marked as processed.
 *
 * Returns: the number of entries no handler processed so far
 */
guint64
gredis_stream_consumer_get_entries_failed (GredisStreamConsumer *self)
{
  g_return_val_if_fail (GREDIS_IS_STREAM_CONSUMER (self), 0);

  return self->entries_failed;
}

/* GObject */

static void
gredis_stream_consumer_dispose (GObject *object)
{
  GredisStreamConsumer *self = GREDIS_STREAM_CONSUMER (object);

  if (self->running)
    stop_run (self);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (gredis_stream_consumer_parent_class)->dispose (object);
}

static void
gredis_stream_consumer_finalize (GObject *object)
{
  GredisStreamConsumer *self = GREDIS_STREAM_CONSUMER (object);

  g_free (self->stream);
  g_free (self->group);
  g_free (self->consumer);

  G_OBJECT_CLASS (gredis_stream_consumer_parent_class)->finalize (object);
}

static void
gredis_stream_consumer_get_property (GObject    *object,
                                     guint       prop_id,
                                     GValue     *value,
                                     GParamSpec *pspec)
{
  GredisStreamConsumer *self = GREDIS_STREAM_CONSUMER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_STREAM:
      g_value_set_string (value, self->stream);
      break;
    case PROP_GROUP:
      g_value_set_string (value, self->group);
      break;
    case PROP_CONSUMER:
      g_value_set_string (value, self->consumer);
      break;
    case PROP_COUNT:
      g_value_set_uint (value, self->count);
      break;
    case PROP_BLOCK_MS:
      g_value_set_uint (value, self->block_ms);
      break;
    case PROP_CREATE_GROUP:
      g_value_set_boolean (value, self->create_group);
      break;
    case PROP_CLAIM_MIN_IDLE_MS:
      g_value_set_uint64 (value, self->claim_min_idle_ms);
      break;
    case PROP_RUNNING:
      g_value_set_boolean (value, self->running);
      break;
    case PROP_ENTRIES_PROCESSED:
      g_value_set_uint64 (value, self->entries_processed);
      break;
    case PROP_ENTRIES_ACKNOWLEDGED:
      g_value_set_uint64 (value, self->entries_acknowledged);
      break;
    case PROP_ENTRIES_FAILED:
      g_value_set_uint64 (value, self->entries_failed);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_stream_consumer_set_property (GObject      *object,
                                     guint         prop_id,
                                     const GValue *value,
                                     GParamSpec   *pspec)
{
  GredisStreamConsumer *self = GREDIS_STREAM_CONSUMER (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_STREAM:
      self->stream = g_value_dup_string (value);
      break;
    case PROP_GROUP:
      self->group = g_value_dup_string (value);
      break;
    case PROP_CONSUMER:
      self->consumer = g_value_dup_string (value);
      break;
    case PROP_COUNT:
      gredis_stream_consumer_set_count (self, g_value_get_uint (value));
      break;
    case PROP_BLOCK_MS:
      gredis_stream_consumer_set_block_ms (self, g_value_get_uint (value));
      break;
    case PROP_CREATE_GROUP:
      gredis_stream_consumer_set_create_group (self, g_value_get_boolean (value));
      break;
    case PROP_CLAIM_MIN_IDLE_MS:
      gredis_stream_consumer_set_claim_min_idle_ms (self, g_value_get_uint64 (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_stream_consumer_class_init (GredisStreamConsumerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = gredis_stream_consumer_dispose;
  object_class->finalize = gredis_stream_consumer_finalize;
  object_class->get_property = gredis_stream_consumer_get_property;
  object_class->set_property = gredis_stream_consumer_set_property;

  /**
   * GredisStreamConsumer:client:
   *
   * The client the consumer reaches the server with.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GREDIS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GredisStreamConsumer:stream:
   *
   * The key of the stream.
   */
  properties[PROP_STREAM] =
    g_param_spec_string ("stream", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GredisStreamConsumer:group:
   *
   * The consumer group read.
   */
  properties[PROP_GROUP] =
    g_param_spec_string ("group", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GredisStreamConsumer:consumer:
   *
   * The name of this consumer in its group. Consumers of one group that
   * run at the same time need distinct names; a consumer that starts
   * again under the same name takes up the entries it left pending.
   */
  properties[PROP_CONSUMER] =
    g_param_spec_string ("consumer", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GredisStreamConsumer:count:
   *
   * The most entries one read (`COUNT`) or claim asks for.
   */
  properties[PROP_COUNT] =
    g_param_spec_uint ("count", NULL, NULL, 1, G_MAXINT, DEFAULT_COUNT,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisStreamConsumer:block-ms:
   *
   * How long one read of new entries waits in the server (`BLOCK`), in
   * milliseconds. The read's connection gets this plus the client's
   * command timeout as its timeout; a longer wait costs nothing but that
   * a dead connection is noticed later. gredis_stream_consumer_stop()
   * does not wait for it.
   */
  properties[PROP_BLOCK_MS] =
    g_param_spec_uint ("block-ms", NULL, NULL, 1, G_MAXINT, DEFAULT_BLOCK_MS,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisStreamConsumer:create-group:
   *
   * Whether the consumer creates its group when missing, with the
   * stream if that is missing too (`XGROUP CREATE stream group 0
   * MKSTREAM`): at start, and when a read finds the group gone. A group
   * made so starts at the beginning of the stream, so that entries added
   * before the first consumer started are processed too.
   */
  properties[PROP_CREATE_GROUP] =
    g_param_spec_boolean ("create-group", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisStreamConsumer:claim-min-idle-ms:
   *
   * When not 0, the consumer claims entries of its group pending for at
   * least this many milliseconds (`XAUTOCLAIM`), its own included, and
   * emits them: entries of consumers that crashed, and entries whose
   * handler returned %FALSE, are retried this way. It sweeps the group a
   * batch per turn of the loop, and starts a sweep at most once per this
   * interval.
   */
  properties[PROP_CLAIM_MIN_IDLE_MS] =
    g_param_spec_uint64 ("claim-min-idle-ms", NULL, NULL, 0, G_MAXINT64 / 1000, 0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisStreamConsumer:running:
   *
   * Whether the loop runs: from gredis_stream_consumer_start() until
   * gredis_stream_consumer_stop() or a permanent error.
   */
  properties[PROP_RUNNING] =
    g_param_spec_boolean ("running", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisStreamConsumer:entries-processed:
   *
   * The number of entries emitted by [signal@Gredis.StreamConsumer::entry].
   */
  properties[PROP_ENTRIES_PROCESSED] =
    g_param_spec_uint64 ("entries-processed", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisStreamConsumer:entries-acknowledged:
   *
   * The number of entries acknowledged, as the server counted them
   * (`XACK`'s reply): entries deleted while pending included.
   */
  properties[PROP_ENTRIES_ACKNOWLEDGED] =
    g_param_spec_uint64 ("entries-acknowledged", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisStreamConsumer:entries-failed:
   *
   * The number of entries emitted that no handler processed (the
   * emission returned %FALSE): they were left pending.
   */
  properties[PROP_ENTRIES_FAILED] =
    g_param_spec_uint64 ("entries-failed", NULL, NULL, 0, G_MAXUINT64, 0,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * GredisStreamConsumer::entry:
   * @self: the consumer
   * @entry: the entry read, valid during the emission (take a reference
   *   to keep it)
   *
   * Emitted for each entry read, in the order of the stream, on the main
   * context the consumer was started on. A handler that processed @entry
   * returns %TRUE: the emission stops there and the entry is
   * acknowledged. A handler that returns %FALSE leaves it to the next
   * handler; when none returns %TRUE, the entry stays pending in the
   * group (see the class description for when it comes back).
   *
   * The handler runs on the main loop: long work blocks it, and the next
   * entries wait for it.
   *
   * Returns: %TRUE when @entry was processed and may be acknowledged
   */
  signals[SIGNAL_ENTRY] =
    g_signal_new ("entry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  g_signal_accumulator_true_handled, NULL,
                  NULL,
                  G_TYPE_BOOLEAN, 1,
                  GREDIS_TYPE_STREAM_ENTRY | G_SIGNAL_TYPE_STATIC_SCOPE);

  /**
   * GredisStreamConsumer::error:
   * @self: the consumer
   * @error: what failed
   *
   * Emitted when a command of the loop failed: the server's error
   * (`NOGROUP` when the group does not exist and
   * [property@Gredis.StreamConsumer:create-group] is not set), a lost
   * connection, a timeout. The loop goes on after a pause, unless the
   * error is permanent (gredis_retry_is_permanent_error()): then it stops
   * and [property@Gredis.StreamConsumer:running] turns %FALSE after this
   * emission. Cancellations by gredis_stream_consumer_stop() are not
   * reported.
   */
  signals[SIGNAL_ERROR] =
    g_signal_new ("error",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0,
                  NULL, NULL,
                  NULL,
                  G_TYPE_NONE, 1,
                  G_TYPE_ERROR);
}

static void
gredis_stream_consumer_init (GredisStreamConsumer *self)
{
  self->count = DEFAULT_COUNT;
  self->block_ms = DEFAULT_BLOCK_MS;
}
