/* gredis-retry.c: when and how long to wait before trying again
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

/**
 * GredisRetry:
 *
 * A retry policy: a [iface@Gredis.BackoffPolicy] that says how long to
 * wait, a number of retries, and the classes of errors that are worth
 * another attempt.
 *
 * It is the policy a [class@Gredis.Client] consults: the client makes one
 * from its configuration (`retries`, `backoff`, `backoff-base-ms`,
 * `backoff-cap-ms`) or uses the one set with gredis_client_set_retry(),
 * and asks it, for every failed attempt of a command, blocking,
 * asynchronous or in a pipeline, whether and when to try again.
 *
 * By default the errors retried are of two kinds:
 *
 * - the connection failed or did not answer in time: %GREDIS_ERROR_CONNECTION,
 *   %GREDIS_ERROR_CLOSED, %GREDIS_ERROR_TIMEOUT, and in the %G_IO_ERROR
 *   domain %G_IO_ERROR_CONNECTION_REFUSED, %G_IO_ERROR_CONNECTION_CLOSED,
 *   %G_IO_ERROR_BROKEN_PIPE, %G_IO_ERROR_TIMED_OUT,
 *   %G_IO_ERROR_HOST_UNREACHABLE and %G_IO_ERROR_NETWORK_UNREACHABLE;
 * - the server refused the command without running it:
 *   %GREDIS_ERROR_LOADING, %GREDIS_ERROR_TRYAGAIN,
 *   %GREDIS_ERROR_MASTERDOWN and %GREDIS_ERROR_READONLY.
 *
 * gredis_retry_add_error() and gredis_retry_remove_error() change that
 * set. Some errors are never retried, even when added: a cancellation
 * (%G_IO_ERROR_CANCELLED), and the permanent failures that another
 * attempt cannot cure (see gredis_retry_is_permanent_error()).
 *
 * Whether a given command may be sent again is for the client, which
 * asks this policy only when it may: a command the server refused did
 * not run and is always safe to resend; after a connection failure a
 * command is resent only if it cannot have run (none of its bytes were
 * written) or the command table says it is read-only or idempotent. A
 * write that may have reached the server is never sent a second time: it
 * fails with %GREDIS_ERROR_UNKNOWN_OUTCOME. A command whose connection
 * stopped answering after it was written fails with
 * %GREDIS_ERROR_TIMEOUT and is not sent again.
 *
 * One budget per command: a command is attempted at most
 * 1 + [property@Gredis.Retry:retries] times, connection attempts
 * included; the connections of a client make one connection attempt
 * each and leave retrying to this policy.
 *
 * The usual loop, with `failures` counting the failed attempts so far:
 *
 * |[<!-- language="C" -->
 * for (guint failures = 1; ; failures++)
 *   {
 *     g_autoptr(GError) error = NULL;
 *
 *     if (attempt (&error))
 *       break;
 *     if (!gredis_retry_should_retry (retry, error, failures))
 *       return fail (g_steal_pointer (&error));
 *     wait_for (gredis_retry_get_delay (retry, failures));
 *   }
 * ]|
 *
 * A #GredisRetry is thread-safe: the client consults it from every thread
 * that sends commands, and calls of its backoff policy are serialised.
 * Configure it before handing it over; changes apply to the failures
 * that follow.
 */

typedef struct
{
  GQuark domain;
  gint   code;
} RetryError;

struct _GredisRetry
{
  GObject              parent_instance;

  GMutex               lock;     /* errors, and calls of backoff */
  GredisBackoffPolicy *backoff;
  guint                retries;
  GArray              *errors;   /* of RetryError */
};

enum {
  PROP_0,
  PROP_BACKOFF,
  PROP_RETRIES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (GredisRetry, gredis_retry, G_TYPE_OBJECT)

static void
set_uint64_if_present (GObject    *object,
                       const char *name,
                       guint64     value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), name);

  if (pspec != NULL && G_PARAM_SPEC_VALUE_TYPE (pspec) == G_TYPE_UINT64 &&
      (pspec->flags & G_PARAM_WRITABLE) != 0 && (pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0)
    g_object_set (object, name, value, NULL);
}

/* The registry's default policy (see gredis_plugins_lookup()), with the
 * default base and cap when it has those properties. */
static GredisBackoffPolicy *
new_default_backoff (GError **error)
{
  GredisBackoffPolicy *backoff = gredis_backoff_policy_new_for_name (NULL, error);

  if (backoff == NULL)
    return NULL;
  set_uint64_if_present (G_OBJECT (backoff), "base", GREDIS_RETRY_DEFAULT_BASE);
  set_uint64_if_present (G_OBJECT (backoff), "cap", GREDIS_RETRY_DEFAULT_CAP);
  return backoff;
}

static void
gredis_retry_constructed (GObject *object)
{
  GredisRetry *self = GREDIS_RETRY (object);

  G_OBJECT_CLASS (gredis_retry_parent_class)->constructed (object);

  /* gredis_retry_new() always passes a policy; this is for g_object_new()
   * and the bindings' constructors, which cannot report an error. */
  if (self->backoff == NULL)
    {
      g_autoptr(GError) error = NULL;

      self->backoff = new_default_backoff (&error);
      if (self->backoff == NULL)
        g_warning ("GredisRetry has no backoff policy, it will retry without delay: %s",
                   error->message);
    }
}

static void
gredis_retry_finalize (GObject *object)
{
  GredisRetry *self = GREDIS_RETRY (object);

  g_clear_object (&self->backoff);
  g_array_unref (self->errors);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (gredis_retry_parent_class)->finalize (object);
}

static void
gredis_retry_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  GredisRetry *self = GREDIS_RETRY (object);

  switch (prop_id)
    {
    case PROP_BACKOFF:
      g_value_set_object (value, self->backoff);
      break;
    case PROP_RETRIES:
      g_value_set_uint (value, gredis_retry_get_retries (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_retry_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  GredisRetry *self = GREDIS_RETRY (object);

  switch (prop_id)
    {
    case PROP_BACKOFF:
      /* NULL at construction means the default policy (see constructed). */
      if (g_value_get_object (value) != NULL)
        gredis_retry_set_backoff (self, g_value_get_object (value));
      break;
    case PROP_RETRIES:
      gredis_retry_set_retries (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
gredis_retry_class_init (GredisRetryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = gredis_retry_constructed;
  object_class->finalize = gredis_retry_finalize;
  object_class->get_property = gredis_retry_get_property;
  object_class->set_property = gredis_retry_set_property;

  /**
   * GredisRetry:backoff: (getter get_backoff) (setter set_backoff)
   *
   * The policy that computes the delays. When none is given at
   * construction, the default policy of the plugin registry (see
   * gredis_plugins_lookup(); normally `exponential-jitter`) is created
   * with a `base` of %GREDIS_RETRY_DEFAULT_BASE and a `cap` of
   * %GREDIS_RETRY_DEFAULT_CAP.
   */
  properties[PROP_BACKOFF] =
    g_param_spec_object ("backoff", NULL, NULL,
                         GREDIS_TYPE_BACKOFF_POLICY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  /**
   * GredisRetry:retries: (getter get_retries) (setter set_retries)
   *
   * How many times a failed operation is tried again: 0 never retries, and
   * %G_MAXUINT retries without end. A client attempts each command at
   * most 1 + retries times, connection attempts included.
   */
  properties[PROP_RETRIES] =
    g_param_spec_uint ("retries", NULL, NULL,
                       0, G_MAXUINT, GREDIS_RETRY_DEFAULT_RETRIES,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gredis_retry_init (GredisRetry *self)
{
  static const struct {
    GQuark (*domain) (void);
    gint     code;
  } defaults[] = {
    { gredis_error_quark, GREDIS_ERROR_CONNECTION },
    { gredis_error_quark, GREDIS_ERROR_TIMEOUT },
    { g_io_error_quark, G_IO_ERROR_CONNECTION_REFUSED },
    { g_io_error_quark, G_IO_ERROR_CONNECTION_CLOSED },
    { g_io_error_quark, G_IO_ERROR_BROKEN_PIPE },
    { g_io_error_quark, G_IO_ERROR_TIMED_OUT },
    { g_io_error_quark, G_IO_ERROR_HOST_UNREACHABLE },
    { g_io_error_quark, G_IO_ERROR_NETWORK_UNREACHABLE },
    { gredis_error_quark, GREDIS_ERROR_CLOSED },
    { gredis_error_quark, GREDIS_ERROR_LOADING },
    { gredis_error_quark, GREDIS_ERROR_TRYAGAIN },
    { gredis_error_quark, GREDIS_ERROR_MASTERDOWN },
    { gredis_error_quark, GREDIS_ERROR_READONLY },
  };

  g_mutex_init (&self->lock);
  self->retries = GREDIS_RETRY_DEFAULT_RETRIES;
  self->errors = g_array_sized_new (FALSE, FALSE, sizeof (RetryError), G_N_ELEMENTS (defaults));
  for (gsize i = 0; i < G_N_ELEMENTS (defaults); i++)
    gredis_retry_add_error (self, defaults[i].domain (), defaults[i].code);
}

/**
 * gredis_retry_new:
 * @backoff: (nullable): the backoff policy, or %NULL for the default one
 *   (see [property@Gredis.Retry:backoff])
 * @retries: how many times to retry, %GREDIS_RETRY_DEFAULT_RETRIES by
 *   default
 * @error: return location for a #GError
 *
 * Creates a retry policy that retries the default error classes.
 *
 * Returns: (transfer full): a new #GredisRetry, or %NULL with
 *   %GREDIS_ERROR_PLUGIN_NOT_FOUND when @backoff is %NULL and no backoff
 *   plugin is available
 */
GredisRetry *
gredis_retry_new (GredisBackoffPolicy  *backoff,
                  guint                 retries,
                  GError              **error)
{
  g_autoptr(GredisBackoffPolicy) policy = NULL;

  g_return_val_if_fail (backoff == NULL || GREDIS_IS_BACKOFF_POLICY (backoff), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (backoff != NULL)
    policy = g_object_ref (backoff);
  else
    policy = new_default_backoff (error);
  if (policy == NULL)
    return NULL;

  return g_object_new (GREDIS_TYPE_RETRY,
                       "backoff", policy,
                       "retries", retries,
                       NULL);
}

/**
 * gredis_retry_get_backoff:
 * @retry: a #GredisRetry
 *
 * Gets the backoff policy that says how long to wait before each new
 * attempt.
 *
 * Returns: (transfer none) (nullable): the backoff policy; %NULL only when
 *   none was given and the registry had none to offer
 */
GredisBackoffPolicy *
gredis_retry_get_backoff (GredisRetry *retry)
{
  g_return_val_if_fail (GREDIS_IS_RETRY (retry), NULL);

  return retry->backoff;
}

/**
 * gredis_retry_set_backoff:
 * @retry: a #GredisRetry
 * @backoff: the new backoff policy
 *
 * Replaces the backoff policy. The policy returned by
 * gredis_retry_get_backoff() before stays valid only while the caller
 * holds a reference to it.
 */
void
gredis_retry_set_backoff (GredisRetry         *retry,
                          GredisBackoffPolicy *backoff)
{
  gboolean changed;

  g_return_if_fail (GREDIS_IS_RETRY (retry));
  g_return_if_fail (GREDIS_IS_BACKOFF_POLICY (backoff));

  g_mutex_lock (&retry->lock);
  changed = g_set_object (&retry->backoff, backoff);
  g_mutex_unlock (&retry->lock);
  if (changed)
    g_object_notify_by_pspec (G_OBJECT (retry), properties[PROP_BACKOFF]);
}

/**
 * gredis_retry_get_retries:
 * @retry: a #GredisRetry
 *
 * Gets the number of attempts made after the first one fails.
 *
 * Returns: how many times a failed operation is tried again
 */
guint
gredis_retry_get_retries (GredisRetry *retry)
{
  g_return_val_if_fail (GREDIS_IS_RETRY (retry), 0);

  return (guint) g_atomic_int_get (&retry->retries);
}

/**
 * gredis_retry_set_retries:
 * @retry: a #GredisRetry
 * @retries: how many times to try a failed operation again
 *
 * Sets the number of retries; 0 disables retrying.
 */
void
gredis_retry_set_retries (GredisRetry *retry,
                          guint        retries)
{
  g_return_if_fail (GREDIS_IS_RETRY (retry));

  if ((guint) g_atomic_int_get (&retry->retries) == retries)
    return;
  g_atomic_int_set (&retry->retries, retries);
  g_object_notify_by_pspec (G_OBJECT (retry), properties[PROP_RETRIES]);
}

static gint
find_error (GredisRetry *retry,
            GQuark       domain,
            gint         code)
{
  for (guint i = 0; i < retry->errors->len; i++)
    {
      const RetryError *e = &g_array_index (retry->errors, RetryError, i);

      if (e->domain == domain && e->code == code)
        return (gint) i;
    }
  return -1;
}

/**
 * gredis_retry_add_error:
 * @retry: a #GredisRetry
 * @domain: an error domain, such as the value of %GREDIS_ERROR
 * @code: an error code of @domain
 *
 * Makes errors of @domain and @code retried. Adding an error twice has
 * no further effect; %G_IO_ERROR_CANCELLED and the permanent failures of
 * gredis_retry_is_permanent_error() are never retried even if added.
 */
void
gredis_retry_add_error (GredisRetry *retry,
                        GQuark       domain,
                        gint         code)
{
  RetryError e = { domain, code };

  g_return_if_fail (GREDIS_IS_RETRY (retry));
  g_return_if_fail (domain != 0);

  g_mutex_lock (&retry->lock);
  if (find_error (retry, domain, code) < 0)
    g_array_append_val (retry->errors, e);
  g_mutex_unlock (&retry->lock);
}

/**
 * gredis_retry_remove_error:
 * @retry: a #GredisRetry
 * @domain: an error domain
 * @code: an error code of @domain
 *
 * Stops retrying errors of @domain and @code, for example to fail fast on
 * %GREDIS_ERROR_TIMEOUT. Removing an error that is not retried does
 * nothing.
 */
void
gredis_retry_remove_error (GredisRetry *retry,
                           GQuark       domain,
                           gint         code)
{
  gint index_;

  g_return_if_fail (GREDIS_IS_RETRY (retry));

  g_mutex_lock (&retry->lock);
  index_ = find_error (retry, domain, code);
  if (index_ >= 0)
    g_array_remove_index (retry->errors, index_);
  g_mutex_unlock (&retry->lock);
}

/**
 * gredis_retry_clear_errors:
 * @retry: a #GredisRetry
 *
 * Removes every error class, default ones included, so that
 * gredis_retry_add_error() can build the set from nothing.
 */
void
gredis_retry_clear_errors (GredisRetry *retry)
{
  g_return_if_fail (GREDIS_IS_RETRY (retry));

  g_mutex_lock (&retry->lock);
  g_array_set_size (retry->errors, 0);
  g_mutex_unlock (&retry->lock);
}

/**
 * gredis_retry_should_retry:
 * @retry: a #GredisRetry
 * @error: the error the last attempt failed with
 * @failures: the number of failed attempts so far, this one included
 *   (1 after the first failure)
 *
 * Decides whether to try again: @error must be of a retried class, neither
 * a cancellation nor a permanent failure (see
 * gredis_retry_is_permanent_error()), and @failures must not exceed
 * [property@Gredis.Retry:retries].
 *
 * Returns: %TRUE to try again after gredis_retry_get_delay()
 */
gboolean
gredis_retry_should_retry (GredisRetry  *retry,
                           const GError *error,
                           guint         failures)
{
  gboolean found;

  g_return_val_if_fail (GREDIS_IS_RETRY (retry), FALSE);
  g_return_val_if_fail (error != NULL, FALSE);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) ||
      gredis_retry_is_permanent_error (error))
    return FALSE;
  if (failures > gredis_retry_get_retries (retry))
    return FALSE;
  g_mutex_lock (&retry->lock);
  found = find_error (retry, error->domain, error->code) >= 0;
  g_mutex_unlock (&retry->lock);
  return found;
}

/**
 * gredis_retry_get_delay:
 * @retry: a #GredisRetry
 * @failures: the number of failed attempts so far (1 after the first)
 *
 * Asks the backoff policy how long to wait before the next attempt.
 *
 * Returns: the delay in microseconds
 */
guint64
gredis_retry_get_delay (GredisRetry *retry,
                        guint        failures)
{
  g_return_val_if_fail (GREDIS_IS_RETRY (retry), 0);

  guint64 delay = 0;

  g_mutex_lock (&retry->lock);
  if (retry->backoff != NULL)
    delay = gredis_backoff_policy_compute (retry->backoff, failures);
  g_mutex_unlock (&retry->lock);
  return delay;
}

/**
 * gredis_retry_reset:
 * @retry: a #GredisRetry
 *
 * Resets the backoff policy; call it before the first attempt of an
 * operation, as redis-py does.
 */
void
gredis_retry_reset (GredisRetry *retry)
{
  g_return_if_fail (GREDIS_IS_RETRY (retry));

  g_mutex_lock (&retry->lock);
  if (retry->backoff != NULL)
    gredis_backoff_policy_reset (retry->backoff);
  g_mutex_unlock (&retry->lock);
}

/**
 * gredis_retry_is_permanent_error:
 * @error: an error an attempt failed with
 *
 * Tells whether @error is a failure that another attempt cannot cure, so
 * that it is never retried, whatever the error classes of a #GredisRetry:
 *
 * - the TLS handshake failed (%GREDIS_ERROR_TLS: the certificate was
 *   rejected, a client certificate is required, the peer does not speak
 *   TLS; %G_TLS_ERROR_BAD_CERTIFICATE, %G_TLS_ERROR_CERTIFICATE_REQUIRED
 *   and %G_TLS_ERROR_NOT_TLS from a transport that reports GIO's errors).
 *   Transports report a connection lost during the handshake as
 *   %GREDIS_ERROR_CONNECTION, which is retried;
 * - authentication was refused (%GREDIS_ERROR_AUTH for `WRONGPASS` and
 *   `NOAUTH`, %GREDIS_ERROR_NOPERM);
 * - the host name is unknown (%GREDIS_ERROR_HOST_NOT_FOUND,
 *   %G_RESOLVER_ERROR_NOT_FOUND); a temporary failure of the resolver
 *   is not permanent;
 * - a plugin is missing (%GREDIS_ERROR_PLUGIN_NOT_FOUND) or the
 *   configuration is invalid (%GREDIS_ERROR_CONFIG);
 * - the sentinels monitor no master of the name configured
 *   (%GREDIS_ERROR_UNKNOWN_MASTER); no sentinel reachable
 *   (%GREDIS_ERROR_NO_SENTINEL) is not permanent.
 *
 * Returns: %TRUE if @error is permanent
 */
gboolean
gredis_retry_is_permanent_error (const GError *error)
{
  g_return_val_if_fail (error != NULL, FALSE);

  if (error->domain == GREDIS_ERROR)
    {
      switch (error->code)
        {
        case GREDIS_ERROR_TLS:
        case GREDIS_ERROR_AUTH:
        case GREDIS_ERROR_NOPERM:
        case GREDIS_ERROR_HOST_NOT_FOUND:
        case GREDIS_ERROR_PLUGIN_NOT_FOUND:
        case GREDIS_ERROR_CONFIG:
        case GREDIS_ERROR_UNKNOWN_MASTER:
          return TRUE;
        default:
          return FALSE;
        }
    }
  if (error->domain == G_TLS_ERROR)
    return error->code == G_TLS_ERROR_BAD_CERTIFICATE ||
           error->code == G_TLS_ERROR_CERTIFICATE_REQUIRED ||
           error->code == G_TLS_ERROR_NOT_TLS;
  return g_error_matches (error, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND);
}
