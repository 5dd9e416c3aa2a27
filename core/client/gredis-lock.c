/* gredis-lock.c: a lock held in one Redis server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"
#include "gredis-sync-private.h"

/**
 * GredisLock:
 *
 * A lock that processes share through one Redis server, as redis-py's
 * `Lock` is: the key @name holds a random token while the lock is held
 * (`SET name token NX PX ttl`), and expires after its time to live unless
 * the holder extends it. Only the holder, who knows the token, can extend
 * or release it: both are Lua scripts that compare the token first.
 *
 * Limits: the lock lives in one server. If that server fails over to a
 * replica that had not received the key, two holders may meet; this is
 * not the Redlock algorithm over several independent servers. The time
 * to live bounds how long a crashed holder blocks the others, and a
 * holder whose work outlasts it must extend the lock in time. The token
 * is unique (a random UUID), not a secret.
 *
 * When acquiring fails with %GREDIS_ERROR_UNKNOWN_OUTCOME the lock may
 * have been taken with a token that is then lost: it frees itself when
 * its time to live ends.
 */

struct _GredisLock
{
  GObject parent_instance;

  GredisClient *client;
  char *name;
  guint64 ttl_ms;
  char *token;                  /* while held */
};

enum {
  PROP_0,
  PROP_CLIENT,
  PROP_NAME,
  PROP_TTL_MS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GredisLock, gredis_lock, G_TYPE_OBJECT)

/* The longest pause between two attempts while waiting. */
#define RETRY_INTERVAL_MS 100

static const char extend_script[] =
  "if redis.call('get', KEYS[1]) == ARGV[1] then "
  "return redis.call('pexpire', KEYS[1], ARGV[2]) else return 0 end";
static const char release_script[] =
  "if redis.call('get', KEYS[1]) == ARGV[1] then "
  "return redis.call('del', KEYS[1]) else return 0 end";

/**
 * gredis_lock_new:
 * @client: the client to reach the server with
 * @name: the key of the lock
 * @ttl_ms: how long the lock stays held, in milliseconds, unless extended
 *
 * Makes a lock; it is not held until gredis_lock_acquire() succeeds.
 *
 * Returns: (transfer full): a new #GredisLock
 */
GredisLock *
gredis_lock_new (GredisClient *client,
                 const char   *name,
                 guint64       ttl_ms)
{
  g_return_val_if_fail (GREDIS_IS_CLIENT (client), NULL);
  g_return_val_if_fail (name != NULL, NULL);
  g_return_val_if_fail (ttl_ms > 0, NULL);

  return g_object_new (GREDIS_TYPE_LOCK, "client", client, "name", name, "ttl-ms", ttl_ms, NULL);
}

/**
 * gredis_lock_get_client:
 * @lock: a #GredisLock
 *
 * Gets the client the lock sends its commands through.
 *
 * Returns: (transfer none): the client of @lock
 */
GredisClient *
gredis_lock_get_client (GredisLock *lock)
{
  g_return_val_if_fail (GREDIS_IS_LOCK (lock), NULL);

  return lock->client;
}

/**
 * gredis_lock_get_name:
 * @lock: a #GredisLock
 *
 * Gets the key that holds the lock on the server.
 *
 * Returns: the key of @lock
 */
const char *
gredis_lock_get_name (GredisLock *lock)
{
  g_return_val_if_fail (GREDIS_IS_LOCK (lock), NULL);

  return lock->name;
}

/**
 * gredis_lock_get_ttl_ms:
 * @lock: a #GredisLock
 *
 * Gets the time to live the lock is acquired and extended with.
 *
 * Returns: the time to live @lock is acquired with, in milliseconds
 */
guint64
gredis_lock_get_ttl_ms (GredisLock *lock)
{
  g_return_val_if_fail (GREDIS_IS_LOCK (lock), 0);

  return lock->ttl_ms;
}

/**
 * gredis_lock_get_token:
 * @lock: a #GredisLock
 *
 * Returns the token @lock holds the key with, since it was acquired and
 * until it is released. The lock may have expired in the server meanwhile.
 *
 * Returns: (nullable): the token, or %NULL when @lock is not held
 */
const char *
gredis_lock_get_token (GredisLock *lock)
{
  g_return_val_if_fail (GREDIS_IS_LOCK (lock), NULL);

  return lock->token;
}

/* Acquiring */

typedef struct
{
  char *token;
  gint64 deadline;              /* monotonic µs */
} AcquireData;

static void
acquire_data_free (AcquireData *data)
{
  g_free (data->token);
  g_free (data);
}

static void try_acquire (GTask *task);

static gboolean
on_retry (gpointer user_data)
{
  GTask *task = user_data;

  if (!g_task_return_error_if_cancelled (task))
    try_acquire (g_object_ref (task));
  return G_SOURCE_REMOVE;
}

static void
on_set (GObject      *source,
        GAsyncResult *result,
        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisLock *self = g_task_get_source_object (task);
  AcquireData *data = g_task_get_task_data (task);
  GError *error = NULL;
  gint64 remaining_ms;
  g_autoptr(GSource) timeout = NULL;

  if (gredis_client_set_finish (GREDIS_CLIENT (source), result, &error))
    {
      g_free (self->token);
      self->token = g_steal_pointer (&data->token);
      g_task_return_boolean (task, TRUE);
      return;
    }
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* Held by another: wait and try again, until the deadline. */
  remaining_ms = (data->deadline - g_get_monotonic_time ()) / 1000;
  if (remaining_ms <= 0)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }
  timeout = g_timeout_source_new (MIN (remaining_ms, RETRY_INTERVAL_MS));
  g_task_attach_source (task, timeout, on_retry);
}

static void
try_acquire (GTask *task)
{
  GredisLock *self = g_task_get_source_object (task);
  AcquireData *data = g_task_get_task_data (task);

  gredis_client_set_async (self->client, self->name, data->token, self->ttl_ms, GREDIS_SET_NX,
                           g_task_get_cancellable (task), on_set, task);
}

/**
 * gredis_lock_acquire_async:
 * @lock: a #GredisLock
 * @wait_ms: how long to wait for another holder to let go, in
 *   milliseconds; 0 to try once
 * @cancellable: (nullable): a #GCancellable, which also ends the wait
 * @callback: (scope async): called when the lock is held or the wait is
 *   over, in the thread-default main context of the caller
 * @user_data: data for @callback
 *
 * Acquires @lock with a fresh random token, trying again while another
 * holder has it, up to @wait_ms. Finish with gredis_lock_acquire_finish().
 */
void
gredis_lock_acquire_async (GredisLock          *lock,
                           guint64              wait_ms,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  GTask *task;
  AcquireData *data;

  g_return_if_fail (GREDIS_IS_LOCK (lock));

  task = g_task_new (lock, cancellable, callback, user_data);
  g_task_set_source_tag (task, gredis_lock_acquire_async);
  data = g_new0 (AcquireData, 1);
  data->token = g_uuid_string_random ();
  data->deadline = g_get_monotonic_time () + (gint64) MIN (wait_ms, G_MAXINT64 / 2000) * 1000;
  g_task_set_task_data (task, data, (GDestroyNotify) acquire_data_free);
  try_acquire (task);
}

/**
 * gredis_lock_acquire_finish:
 * @lock: a #GredisLock
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_lock_acquire_async().
 *
 * Returns: %TRUE when @lock is held, %FALSE with no error when another
 *   holder kept it past the wait, %FALSE with an error on failure
 */
gboolean
gredis_lock_acquire_finish (GredisLock    *lock,
                            GAsyncResult  *result,
                            GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, lock), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == gredis_lock_acquire_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gredis_lock_acquire:
 * @lock: a #GredisLock
 * @wait_ms: how long to wait for another holder to let go, in
 *   milliseconds; 0 to try once
 * @cancellable: (nullable): a #GCancellable, which also ends the wait
 * @error: return location for a #GError
 *
 * Acquires @lock, as gredis_lock_acquire_async() does. Blocks; safe from
 * any thread.
 *
 * Returns: %TRUE when @lock is held, %FALSE with no error when another
 *   holder kept it past the wait, %FALSE with an error on failure
 */
gboolean
gredis_lock_acquire (GredisLock    *lock,
                     guint64        wait_ms,
                     GCancellable  *cancellable,
                     GError       **error)
{
  GredisSync sync;
  gboolean value;

  g_return_val_if_fail (GREDIS_IS_LOCK (lock), FALSE);

  gredis_sync_begin (&sync);
  gredis_lock_acquire_async (lock, wait_ms, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  value = gredis_lock_acquire_finish (lock, sync.result, error);
  gredis_sync_end (&sync);
  return value;
}

/* Extending and releasing: a script that acts only for the token. */

static void
on_script (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GredisLock *self = g_task_get_source_object (task);
  g_autoptr(GredisReply) reply = NULL;
  GError *error = NULL;
  gboolean held;

  reply = gredis_client_eval_finish (GREDIS_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  if (gredis_reply_get_kind (reply) != GREDIS_REPLY_INTEGER)
    {
      gredis_i18n_init ();
      g_task_return_new_error (task, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL,
                               _("The server sent a reply of an unexpected kind to a lock script."));
      return;
    }
  held = gredis_reply_get_integer (reply) != 0;
  /* Released, or found taken by another: no longer ours either way. */
  if (g_task_get_source_tag (task) == gredis_lock_release_async || !held)
    g_clear_pointer (&self->token, g_free);
  g_task_return_boolean (task, held);
}

static void
run_script (GredisLock          *self,
            const char          *script,
            guint64              ttl_ms,
            gpointer             source_tag,
            GCancellable        *cancellable,
            GAsyncReadyCallback  callback,
            gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  const char *keys[] = { self->name, NULL };
  char ttl[32];
  const char *args[] = { self->token, ttl, NULL };

  g_task_set_source_tag (task, source_tag);
  if (self->token == NULL)
    {
      /* Not held here: nothing to extend or release. */
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }
  g_snprintf (ttl, sizeof ttl, "%" G_GUINT64_FORMAT, ttl_ms);
  gredis_client_eval_async (self->client, script, keys, args, cancellable, on_script, task);
}

static gboolean
script_finish (GredisLock    *lock,
               GAsyncResult  *result,
               gpointer       source_tag,
               GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, lock), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == source_tag, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * gredis_lock_extend_async:
 * @lock: a #GredisLock
 * @ttl_ms: the new time to live, in milliseconds from now
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the outcome, in the thread-default
 *   main context of the caller
 * @user_data: data for @callback
 *
 * Sets the time to live of @lock, if it is still held with its token.
 * Finish with gredis_lock_extend_finish().
 */
void
gredis_lock_extend_async (GredisLock          *lock,
                          guint64              ttl_ms,
                          GCancellable        *cancellable,
                          GAsyncReadyCallback  callback,
                          gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_LOCK (lock));
  g_return_if_fail (ttl_ms > 0);

  run_script (lock, extend_script, ttl_ms, gredis_lock_extend_async, cancellable, callback,
              user_data);
}

/**
 * gredis_lock_extend_finish:
 * @lock: a #GredisLock
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_lock_extend_async().
 *
 * Returns: %TRUE when the lock was still held and is extended, %FALSE with
 *   no error when it was not (it expired, or another holder has it now;
 *   @lock is then no longer held), %FALSE with an error on failure
 */
gboolean
gredis_lock_extend_finish (GredisLock    *lock,
                           GAsyncResult  *result,
                           GError       **error)
{
  return script_finish (lock, result, gredis_lock_extend_async, error);
}

/**
 * gredis_lock_extend:
 * @lock: a #GredisLock
 * @ttl_ms: the new time to live, in milliseconds from now
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Extends @lock, as gredis_lock_extend_async() does. Blocks; safe from any
 * thread.
 *
 * Returns: %TRUE when the lock was still held and is extended, %FALSE with
 *   no error when it was not, %FALSE with an error on failure
 */
gboolean
gredis_lock_extend (GredisLock    *lock,
                    guint64        ttl_ms,
                    GCancellable  *cancellable,
                    GError       **error)
{
  GredisSync sync;
  gboolean value;

  g_return_val_if_fail (GREDIS_IS_LOCK (lock), FALSE);

  gredis_sync_begin (&sync);
  gredis_lock_extend_async (lock, ttl_ms, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  value = gredis_lock_extend_finish (lock, sync.result, error);
  gredis_sync_end (&sync);
  return value;
}

/**
 * gredis_lock_release_async:
 * @lock: a #GredisLock
 * @cancellable: (nullable): a #GCancellable
 * @callback: (scope async): called with the outcome, in the thread-default
 *   main context of the caller
 * @user_data: data for @callback
 *
 * Releases @lock, if it is still held with its token: another holder's
 * lock is never deleted. Finish with gredis_lock_release_finish().
 */
void
gredis_lock_release_async (GredisLock          *lock,
                           GCancellable        *cancellable,
                           GAsyncReadyCallback  callback,
                           gpointer             user_data)
{
  g_return_if_fail (GREDIS_IS_LOCK (lock));

  run_script (lock, release_script, 0, gredis_lock_release_async, cancellable, callback,
              user_data);
}

/**
 * gredis_lock_release_finish:
 * @lock: a #GredisLock
 * @result: the #GAsyncResult
 * @error: return location for a #GError
 *
 * Finishes gredis_lock_release_async().
 *
 * Returns: %TRUE when the lock was held and is released, %FALSE with no
 *   error when it was no longer held, %FALSE with an error on failure
 */
gboolean
gredis_lock_release_finish (GredisLock    *lock,
                            GAsyncResult  *result,
                            GError       **error)
{
  return script_finish (lock, result, gredis_lock_release_async, error);
}

/**
 * gredis_lock_release:
 * @lock: a #GredisLock
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * Releases @lock, as gredis_lock_release_async() does. Blocks; safe from
 * any thread.
 *
 * Returns: %TRUE when the lock was held and is released, %FALSE with no
 *   error when it was no longer held, %FALSE with an error on failure
 */
gboolean
gredis_lock_release (GredisLock    *lock,
                     GCancellable  *cancellable,
                     GError       **error)
{
  GredisSync sync;
  gboolean value;

  g_return_val_if_fail (GREDIS_IS_LOCK (lock), FALSE);

  gredis_sync_begin (&sync);
  gredis_lock_release_async (lock, cancellable, gredis_sync_done, &sync);
  gredis_sync_wait (&sync);
  value = gredis_lock_release_finish (lock, sync.result, error);
  gredis_sync_end (&sync);
  return value;
}

/* GObject */

static void
gredis_lock_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  GredisLock *self = GREDIS_LOCK (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_TTL_MS:
      g_value_set_uint64 (value, self->ttl_ms);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_lock_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  GredisLock *self = GREDIS_LOCK (object);

  switch (prop_id)
    {
    case PROP_CLIENT:
      self->client = g_value_dup_object (value);
      break;
    case PROP_NAME:
      self->name = g_value_dup_string (value);
      break;
    case PROP_TTL_MS:
      self->ttl_ms = g_value_get_uint64 (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_lock_finalize (GObject *object)
{
  GredisLock *self = GREDIS_LOCK (object);

  g_clear_object (&self->client);
  g_free (self->name);
  g_free (self->token);

  G_OBJECT_CLASS (gredis_lock_parent_class)->finalize (object);
}

static void
gredis_lock_class_init (GredisLockClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = gredis_lock_get_property;
  object_class->set_property = gredis_lock_set_property;
  object_class->finalize = gredis_lock_finalize;

  /**
   * GredisLock:client:
   *
   * The client the lock reaches the server with.
   */
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL, GREDIS_TYPE_CLIENT,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GredisLock:name:
   *
   * The key of the lock.
   */
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  /**
   * GredisLock:ttl-ms:
   *
   * How long the lock stays held after it is acquired, in milliseconds,
   * unless it is extended.
   */
  properties[PROP_TTL_MS] =
    g_param_spec_uint64 ("ttl-ms", NULL, NULL, 1, G_MAXINT64, 30000,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gredis_lock_init (GredisLock *self)
{
}
