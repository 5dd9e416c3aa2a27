/* gredis-service.c: one Redis client shared over D-Bus
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * gredis-service owns one GredisClient, configured from a key file, and
 * serves the org.gredis.Service1 interface (org.gredis.Service1.xml) on
 * the session or the system bus. It uses only the public API of
 * libgredis-1. Each call goes through, in order: the caller's rate limit,
 * the caller's credentials (looked up once per caller, from the bus), the
 * size bound, the command policy (gredis-service-policy.c), and then the
 * client. The service exits after an idle period; D-Bus activation brings
 * it back.
 */
#include "config.h"

#include <gredis/gredis.h>
#include <glib/gi18n.h>
#include <glib-unix.h>
#include <grp.h>
#include <locale.h>
#include <pwd.h>
#include <stdlib.h>
#include <string.h>

#include "gredis-service-generated.h"
#include "gredis-service-notify.h"
#include "gredis-service-policy.h"

#define BUS_NAME "org.gredis.Service1"
#define OBJECT_PATH "/org/gredis/Service1"
#define SUBSCRIPTION_INTERFACE "org.gredis.Service1.Subscription"
#define DEFAULT_IDLE_TIMEOUT_S 60
#define DEFAULT_HEALTH_INTERVAL_MS 2000

typedef struct {
  GMainLoop *loop;
  gboolean system_bus;
  GredisServicePolicy *policy;
  GredisClient *client;
  GDBusConnection *connection;
  GredisSvcService1 *skeleton;
  guint owner_id;
  GHashTable *callers;          /* unique name → Caller */
  guint64 next_subscription;
  guint in_flight;
  guint n_subscriptions;
  gint64 last_activity;
  guint idle_timeout_s;
  guint idle_source;
  guint health_interval_ms;
  guint health_source;
  gboolean ping_pending;
  gboolean ready_sent;
  gboolean name_acquired;
  gboolean redis_answered;
  gboolean stopping;
  int exit_status;
} Service;

typedef enum {
  CREDENTIALS_UNKNOWN,
  CREDENTIALS_PENDING,
  CREDENTIALS_KNOWN,
  CREDENTIALS_REFUSED,
} CredentialsState;

typedef struct {
  Service *service;
  char *name;
  guint watch_id;
  CredentialsState credentials;
  guint32 uid;
  GArray *gids;
  GError *refusal;
  GPtrArray *waiting;           /* Request, until the credentials are known */
  double tokens;
  gint64 refilled_at;
  GHashTable *subscriptions;    /* object path → Subscription */
} Caller;

typedef enum {
  REQUEST_EXECUTE,
  REQUEST_EXECUTE_MANY,
  REQUEST_PUBLISH,
  REQUEST_SUBSCRIBE,
} RequestKind;

typedef struct {
  Service *service;
  RequestKind kind;
  GDBusMethodInvocation *invocation;
  GVariant *args;
  GredisPipeline *pipeline;
  struct _Subscription *subscription;
} Request;

typedef struct _Subscription {
  Service *service;
  char *owner;
  char *path;
  GredisPubSub *pubsub;
  GredisSvcService1Subscription *skeleton;
  gboolean exported;
} Subscription;

static void request_run (Request *request, Caller *caller);

/* Activity and idle exit */

static void
service_quit (Service *service,
              int      status)
{
  if (service->stopping)
    return;
  service->stopping = TRUE;
  service->exit_status = status;
  gredis_service_notify_stopping ();
  g_main_loop_quit (service->loop);
}

static void
touch (Service *service)
{
  service->last_activity = g_get_monotonic_time ();
}

static gboolean on_idle_check (gpointer user_data);

static void
schedule_idle_check (Service *service,
                     guint    delay_ms)
{
  service->idle_source = g_timeout_add (delay_ms, on_idle_check, service);
  g_source_set_name_by_id (service->idle_source, "[gredis-service] idle check");
}

static gboolean
on_idle_check (gpointer user_data)
{
  Service *service = user_data;
  gint64 idle_us = (gint64) service->idle_timeout_s * G_USEC_PER_SEC;
  gint64 elapsed = g_get_monotonic_time () - service->last_activity;

  service->idle_source = 0;
  if (service->in_flight == 0 && service->n_subscriptions == 0 && elapsed >= idle_us)
    {
      g_message ("No call for %u seconds: exiting until the next activation.",
                 service->idle_timeout_s);
      service_quit (service, EXIT_SUCCESS);
      return G_SOURCE_REMOVE;
    }
  schedule_idle_check (service, elapsed >= idle_us ? 1000 : (guint) ((idle_us - elapsed) / 1000) + 1);
  return G_SOURCE_REMOVE;
}

/* Errors */

static gboolean
is_unavailable (const GError *error)
{
  if (error->domain == G_IO_ERROR)
    return !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  if (error->domain != GREDIS_ERROR)
    return FALSE;
  switch ((GredisError) error->code)
    {
    case GREDIS_ERROR_CONNECTION:
    case GREDIS_ERROR_TIMEOUT:
    case GREDIS_ERROR_TLS:
    case GREDIS_ERROR_AUTH:
    case GREDIS_ERROR_CLOSED:
    case GREDIS_ERROR_POOL_EXHAUSTED:
    case GREDIS_ERROR_UNKNOWN_OUTCOME:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Whether @error carries a reply of the server. */
static gboolean
is_server_error (const GError *error)
{
  if (error->domain != GREDIS_ERROR || is_unavailable (error))
    return FALSE;
  switch ((GredisError) error->code)
    {
    case GREDIS_ERROR_FAILED:
    case GREDIS_ERROR_PROTOCOL:
    case GREDIS_ERROR_PLUGIN_NOT_FOUND:
    case GREDIS_ERROR_CONFIG:
    case GREDIS_ERROR_UNSUPPORTED:
    case GREDIS_ERROR_WATCH:
      return FALSE;
    default:
      return TRUE;
    }
}

static void
return_error (GDBusMethodInvocation *invocation,
              const GError          *error)
{
  GredisServiceError code;

  if (error->domain == GREDIS_SERVICE_ERROR)
    {
      g_dbus_method_invocation_return_gerror (invocation, error);
      return;
    }
  if (is_unavailable (error))
    code = GREDIS_SERVICE_ERROR_UNAVAILABLE;
  else if (is_server_error (error))
    code = GREDIS_SERVICE_ERROR_REDIS;
  else
    code = GREDIS_SERVICE_ERROR_FAILED;
  /* The library's messages carry no secret; the server's text is kept. */
  g_dbus_method_invocation_return_error_literal (invocation, GREDIS_SERVICE_ERROR, code,
                                                 error->message);
}

static void
log_refusal (Caller       *caller,
             const GError *error)
{
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_INFO,
                    "MESSAGE", "Refused a call of %s (uid %u): %s",
                    caller->name, caller->uid, error->message,
                    "GREDIS_CALLER", "%s", caller->name,
                    "GREDIS_CALLER_UID", "%u", caller->uid);
}

/* Requests */

static Request *
request_new (Service               *service,
             RequestKind            kind,
             GDBusMethodInvocation *invocation,
             GVariant              *args)
{
  Request *request = g_new0 (Request, 1);

  request->service = service;
  request->kind = kind;
  request->invocation = g_object_ref (invocation);
  request->args = g_variant_ref (args);
  service->in_flight++;
  touch (service);
  return request;
}

static void
request_free (Request *request)
{
  request->service->in_flight--;
  touch (request->service);
  g_clear_object (&request->invocation);
  g_clear_pointer (&request->args, g_variant_unref);
  g_clear_object (&request->pipeline);
  g_free (request);
}

static void
request_fail (Request      *request,
              const GError *error)
{
  return_error (request->invocation, error);
  request_free (request);
}

/* Subscriptions */

static void
subscription_free (Subscription *subscription)
{
  if (subscription->exported)
    {
      g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (subscription->skeleton));
      subscription->service->n_subscriptions--;
      touch (subscription->service);
    }
  if (subscription->pubsub != NULL)
    {
      g_signal_handlers_disconnect_by_data (subscription->pubsub, subscription);
      gredis_pubsub_close (subscription->pubsub);
    }
  g_clear_object (&subscription->pubsub);
  g_clear_object (&subscription->skeleton);
  g_free (subscription->owner);
  g_free (subscription->path);
  g_free (subscription);
}

static void
on_pubsub_message (GredisPubSub *pubsub,
                   const char   *channel,
                   const char   *pattern,
                   GBytes       *payload,
                   gpointer      user_data)
{
  Subscription *subscription = user_data;
  GVariant *channel_v = g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, channel, strlen (channel), 1);
  GVariant *message_v = g_variant_new_from_bytes (G_VARIANT_TYPE_BYTESTRING, payload, TRUE);

  if (!subscription->exported)
    {
      g_variant_unref (g_variant_ref_sink (channel_v));
      g_variant_unref (g_variant_ref_sink (message_v));
      return;
    }
  /* Sent to the subscriber only, not broadcast. */
  g_dbus_connection_emit_signal (subscription->service->connection, subscription->owner,
                                 subscription->path, SUBSCRIPTION_INTERFACE, "Message",
                                 g_variant_new ("(@ay@ay)", channel_v, message_v), NULL);
}

static gboolean
on_handle_unsubscribe (GredisSvcService1Subscription *skeleton,
                       GDBusMethodInvocation         *invocation,
                       gpointer                       user_data)
{
  Subscription *subscription = user_data;
  Service *service = subscription->service;
  Caller *caller;

  if (g_strcmp0 (g_dbus_method_invocation_get_sender (invocation), subscription->owner) != 0)
    {
      g_dbus_method_invocation_return_error_literal (invocation, GREDIS_SERVICE_ERROR,
                                                     GREDIS_SERVICE_ERROR_DENIED,
                                                     _("Only the subscriber may end a subscription."));
      return TRUE;
    }
  gredis_svc_service1_subscription_complete_unsubscribe (skeleton, invocation);
  caller = g_hash_table_lookup (service->callers, subscription->owner);
  if (caller != NULL)
    g_hash_table_remove (caller->subscriptions, subscription->path);
  return TRUE;
}

/* Callers */

static void
caller_free (Caller *caller)
{
  g_autoptr(GError) error = NULL;

  if (caller->watch_id != 0)
    g_bus_unwatch_name (caller->watch_id);
  error = g_error_new_literal (GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_FAILED,
                               _("The caller left the bus."));
  for (guint i = 0; caller->waiting != NULL && i < caller->waiting->len; i++)
    request_fail (g_ptr_array_index (caller->waiting, i), error);
  g_clear_pointer (&caller->waiting, g_ptr_array_unref);
  g_clear_pointer (&caller->subscriptions, g_hash_table_unref);
  g_clear_pointer (&caller->gids, g_array_unref);
  g_clear_error (&caller->refusal);
  g_free (caller->name);
  g_free (caller);
}

static void
on_caller_vanished (GDBusConnection *connection,
                    const char      *name,
                    gpointer         user_data)
{
  Service *service = user_data;

  g_debug ("%s left the bus", name);
  g_hash_table_remove (service->callers, name);
}

static Caller *
caller_get (Service    *service,
            const char *name)
{
  Caller *caller = g_hash_table_lookup (service->callers, name);

  if (caller != NULL)
    return caller;
  caller = g_new0 (Caller, 1);
  caller->service = service;
  caller->name = g_strdup (name);
  caller->waiting = g_ptr_array_new ();
  caller->subscriptions = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                 (GDestroyNotify) subscription_free);
  caller->tokens = gredis_service_policy_get_rate_burst (service->policy);
  caller->refilled_at = g_get_monotonic_time ();
  g_hash_table_insert (service->callers, caller->name, caller);
  /* Its subscriptions and its rate state go when it leaves the bus. */
  caller->watch_id = g_bus_watch_name_on_connection (service->connection, name,
                                                     G_BUS_NAME_WATCHER_FLAGS_NONE, NULL,
                                                     on_caller_vanished, service, NULL);
  return caller;
}

/* A token bucket per caller: rate-limit calls per second, rate-burst at
 * once. */
static gboolean
caller_take_token (Caller  *caller,
                   GError **error)
{
  GredisServicePolicy *policy = caller->service->policy;
  double rate = gredis_service_policy_get_rate_limit (policy);
  gint64 now;

  if (rate <= 0)
    return TRUE;
  now = g_get_monotonic_time ();
  caller->tokens = MIN (gredis_service_policy_get_rate_burst (policy),
                        caller->tokens + rate * (double) (now - caller->refilled_at) / G_USEC_PER_SEC);
  caller->refilled_at = now;
  if (caller->tokens < 1)
    {
      g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_RATE_LIMITED,
                   _("Too many calls: the service allows %g calls per second to each caller."), rate);
      return FALSE;
    }
  caller->tokens -= 1;
  return TRUE;
}

static void
on_credentials (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autofree char *name = user_data;
  Service *service;
  Caller *caller;
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = NULL;
  g_autoptr(GVariant) dict = NULL;
  g_autoptr(GPtrArray) waiting = NULL;
  guint32 uid;

  reply = g_dbus_connection_call_finish (G_DBUS_CONNECTION (source), result, &error);
  service = g_object_get_data (source, "gredis-service");
  caller = g_hash_table_lookup (service->callers, name);
  if (caller == NULL)
    return;                     /* it left; its requests are answered */

  caller->gids = g_array_new (FALSE, FALSE, sizeof (guint32));
  if (reply != NULL)
    dict = g_variant_get_child_value (reply, 0);
  if (dict != NULL && g_variant_lookup (dict, "UnixUserID", "u", &uid))
    {
      g_autoptr(GVariant) gids = g_variant_lookup_value (dict, "UnixGroupIDs", G_VARIANT_TYPE ("au"));

      caller->uid = uid;
      if (gids != NULL)
        {
          gsize n = 0;
          const guint32 *ids = g_variant_get_fixed_array (gids, &n, sizeof (guint32));

          g_array_append_vals (caller->gids, ids, n);
        }
      else
        {
          struct passwd *pw = getpwuid (uid);
          gid_t groups[256];
          int n_groups = G_N_ELEMENTS (groups);

          if (pw != NULL && getgrouplist (pw->pw_name, pw->pw_gid, groups, &n_groups) >= 0)
            for (int i = 0; i < n_groups; i++)
              {
                guint32 gid = groups[i];
                g_array_append_val (caller->gids, gid);
              }
        }
      if (gredis_service_policy_check_caller (service->policy, caller->uid,
                                              (const guint32 *) (void *) caller->gids->data,
                                              caller->gids->len, &caller->refusal))
        caller->credentials = CREDENTIALS_KNOWN;
      else
        {
          caller->credentials = CREDENTIALS_REFUSED;
          log_refusal (caller, caller->refusal);
        }
    }
  else
    {
      caller->credentials = CREDENTIALS_REFUSED;
      caller->uid = G_MAXUINT32;
      caller->refusal = g_error_new_literal (GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_DENIED,
                                             _("The service could not learn who the caller is."));
      if (error != NULL)
        g_warning ("Could not get the credentials of %s: %s", name, error->message);
    }

  waiting = g_steal_pointer (&caller->waiting);
  caller->waiting = g_ptr_array_new ();
  for (guint i = 0; i < waiting->len; i++)
    request_run (g_ptr_array_index (waiting, i), caller);
}

static void
caller_submit (Caller  *caller,
               Request *request)
{
  Service *service = caller->service;
  g_autoptr(GError) error = NULL;

  if (!caller_take_token (caller, &error))
    {
      log_refusal (caller, error);
      request_fail (request, error);
      return;
    }
  switch (caller->credentials)
    {
    case CREDENTIALS_KNOWN:
    case CREDENTIALS_REFUSED:
      request_run (request, caller);
      return;
    case CREDENTIALS_PENDING:
      g_ptr_array_add (caller->waiting, request);
      return;
    case CREDENTIALS_UNKNOWN:
      g_ptr_array_add (caller->waiting, request);
      caller->credentials = CREDENTIALS_PENDING;
      g_dbus_connection_call (service->connection, "org.freedesktop.DBus", "/org/freedesktop/DBus",
                              "org.freedesktop.DBus", "GetConnectionCredentials",
                              g_variant_new ("(s)", caller->name), G_VARIANT_TYPE ("(a{sv})"),
                              G_DBUS_CALL_FLAGS_NONE, -1, NULL, on_credentials,
                              g_strdup (caller->name));
      return;
    }
}

/* Running the calls */

/* Points @argv and @lengths into the children of an `aay` (no copy). */
static gboolean
unpack_argv (GVariant    *value,
             GPtrArray   *argv,
             GArray      *lengths,
             GPtrArray   *bytes,
             gsize       *total,
             GError     **error)
{
  gsize n = g_variant_n_children (value);

  if (n == 0)
    {
      g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                           _("A command needs at least its name."));
      return FALSE;
    }
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (value, i);
      gsize length = 0;
      const char *data = g_variant_get_fixed_array (child, &length, 1);

      g_ptr_array_add (argv, (gpointer) (data != NULL ? data : ""));
      g_array_append_val (lengths, length);
      if (bytes != NULL)
        g_ptr_array_add (bytes, g_variant_get_data_as_bytes (child));
      *total += length;
    }
  return TRUE;
}

static gboolean
check_size (Service  *service,
            gsize     total,
            GError  **error)
{
  gsize max = gredis_service_policy_get_max_request_bytes (service->policy);

  if (total <= max)
    return TRUE;
  g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_TOO_LARGE,
               _("The request has %" G_GSIZE_FORMAT " bytes of arguments; the service accepts at most %" G_GSIZE_FORMAT "."),
               total, max);
  return FALSE;
}

/* D-Bus has no maybe type, and gredis_reply_to_variant() gives nil as
 * `mv`: the service sends nil as an empty `as`, a type that no other reply
 * maps to. */
static gboolean
reply_has_nil (const GredisReply *reply)
{
  if (gredis_reply_is_nil (reply))
    return TRUE;
  if (!gredis_reply_is_aggregate (reply))
    return FALSE;
  for (gsize i = 0; i < gredis_reply_get_n_elements (reply); i++)
    if (reply_has_nil (gredis_reply_get_element (reply, i)))
      return TRUE;
  return FALSE;
}

/* Returns a full reference. */
static GVariant *
without_maybe (GVariant *value)
{
  GVariantBuilder builder;
  GVariantIter iter;
  GVariant *child;

  if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
    return g_variant_ref_sink (g_variant_new_strv (NULL, 0));
  if (g_variant_is_of_type (value, G_VARIANT_TYPE_VARIANT))
    {
      g_autoptr(GVariant) inner = g_variant_get_variant (value);
      g_autoptr(GVariant) converted = without_maybe (inner);

      return g_variant_ref_sink (g_variant_new_variant (converted));
    }
  if (!g_variant_is_container (value))
    return g_variant_ref (value);
  g_variant_builder_init (&builder, g_variant_get_type (value));
  g_variant_iter_init (&iter, value);
  while ((child = g_variant_iter_next_value (&iter)) != NULL)
    {
      g_autoptr(GVariant) converted = without_maybe (child);

      g_variant_builder_add_value (&builder, converted);
      g_variant_unref (child);
    }
  return g_variant_ref_sink (g_variant_builder_end (&builder));
}

static GVariant *
reply_to_dbus (const GredisReply *reply)
{
  g_autoptr(GVariant) value = gredis_reply_to_variant (reply);

  if (!reply_has_nil (reply))
    return g_steal_pointer (&value);
  return without_maybe (value);
}

static void
on_execute_done (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Request *request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GVariant) value = NULL;

  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  if (reply == NULL)
    {
      request_fail (request, error);
      return;
    }
  value = reply_to_dbus (reply);
  if (request->kind == REQUEST_PUBLISH)
    g_dbus_method_invocation_return_value (request->invocation,
                                           g_variant_new ("(x)", gredis_reply_get_integer (reply)));
  else
    g_dbus_method_invocation_return_value (request->invocation, g_variant_new ("(v)", value));
  request_free (request);
}

static GVariant *
error_variant (const GError *error)
{
  const char *nick = "failed";

  if (error->domain == GREDIS_ERROR)
    {
      GEnumClass *klass = g_type_class_ref (GREDIS_TYPE_ERROR);
      GEnumValue *value = g_enum_get_value (klass, error->code);

      if (value != NULL)
        nick = value->value_nick;
      g_type_class_unref (klass);
    }
  return g_variant_new ("(ss)", nick, error->message);
}

static void
on_execute_many_done (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  Request *request = user_data;
  GredisPipeline *pipeline = GREDIS_PIPELINE (source);
  g_autoptr(GError) error = NULL;
  GVariantBuilder builder;

  if (!gredis_pipeline_execute_finish (pipeline, result, &error))
    {
      request_fail (request, error);
      return;
    }
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("av"));
  for (guint i = 0; i < gredis_pipeline_get_n_results (pipeline); i++)
    {
      g_autoptr(GError) command_error = NULL;
      g_autoptr(GredisReply) reply = gredis_pipeline_get_reply (pipeline, i, &command_error);

      if (reply != NULL)
        {
          g_autoptr(GVariant) value = reply_to_dbus (reply);
          g_variant_builder_add (&builder, "v", value);
        }
      else
        g_variant_builder_add (&builder, "v", error_variant (command_error));
    }
  g_dbus_method_invocation_return_value (request->invocation, g_variant_new ("(av)", &builder));
  request_free (request);
}

static void
run_execute (Request *request,
             Caller  *caller,
             GError **error)
{
  Service *service = request->service;
  g_autoptr(GVariant) argv_v = g_variant_get_child_value (request->args, 0);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  gsize total = 0;

  if (!unpack_argv (argv_v, argv, lengths, bytes, &total, error) ||
      !check_size (service, total, error) ||
      !gredis_service_policy_check_command (service->policy, caller->uid, argv->len,
                                            (const char * const *) argv->pdata,
                                            (const gsize *) (void *) lengths->data, error))
    return;
  gredis_client_command_bytes_async (service->client, (GBytes * const *) bytes->pdata, bytes->len,
                                     NULL, on_execute_done, request);
}

static void
run_execute_many (Request *request,
                  Caller  *caller,
                  GError **error)
{
  Service *service = request->service;
  g_autoptr(GVariant) commands = g_variant_get_child_value (request->args, 0);
  gsize n = g_variant_n_children (commands);
  g_autoptr(GPtrArray) all_bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
  gsize total = 0;

  if (n > gredis_service_policy_get_max_commands (service->policy))
    {
      g_set_error (error, GREDIS_SERVICE_ERROR, GREDIS_SERVICE_ERROR_TOO_LARGE,
                   _("The request has %" G_GSIZE_FORMAT " commands; the service accepts at most %u in one call."),
                   n, gredis_service_policy_get_max_commands (service->policy));
      return;
    }
  /* Every command is checked before any is sent. */
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) argv_v = g_variant_get_child_value (commands, i);
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();
      g_autoptr(GArray) lengths = g_array_new (FALSE, FALSE, sizeof (gsize));
      GPtrArray *bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);

      g_ptr_array_add (all_bytes, bytes);
      if (!unpack_argv (argv_v, argv, lengths, bytes, &total, error) ||
          !check_size (service, total, error) ||
          !gredis_service_policy_check_command (service->policy, caller->uid, argv->len,
                                                (const char * const *) argv->pdata,
                                                (const gsize *) (void *) lengths->data, error))
        return;
    }
  if (n == 0)
    {
      g_dbus_method_invocation_return_value (request->invocation, g_variant_new ("(@av)",
                                             g_variant_new_array (G_VARIANT_TYPE_VARIANT, NULL, 0)));
      request_free (request);
      return;
    }
  request->pipeline = gredis_pipeline_new (service->client, FALSE);
  for (guint i = 0; i < all_bytes->len; i++)
    {
      GPtrArray *bytes = g_ptr_array_index (all_bytes, i);
      gredis_pipeline_add_command_bytes (request->pipeline, (GBytes * const *) bytes->pdata, bytes->len);
    }
  gredis_pipeline_execute_async (request->pipeline, NULL, on_execute_many_done, request);
}

static void
run_publish (Request *request,
             Caller  *caller,
             GError **error)
{
  Service *service = request->service;
  g_autoptr(GVariant) channel = g_variant_get_child_value (request->args, 0);
  g_autoptr(GVariant) message = g_variant_get_child_value (request->args, 1);
  g_autoptr(GBytes) command = g_bytes_new_static ("PUBLISH", 7);
  g_autoptr(GBytes) channel_bytes = g_variant_get_data_as_bytes (channel);
  g_autoptr(GBytes) message_bytes = g_variant_get_data_as_bytes (message);
  GBytes *args[] = { command, channel_bytes, message_bytes };
  gsize channel_length;
  const char *channel_data = g_bytes_get_data (channel_bytes, &channel_length);

  if (!check_size (service, channel_length + g_bytes_get_size (message_bytes), error) ||
      !gredis_service_policy_check_channel (service->policy, caller->uid, "publish",
                                            channel_data, channel_length, error))
    return;
  gredis_client_command_bytes_async (service->client, args, G_N_ELEMENTS (args), NULL,
                                     on_execute_done, request);
}

static void
on_subscribed (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  Request *request = user_data;
  Service *service = request->service;
  Subscription *subscription = g_steal_pointer (&request->subscription);
  g_autoptr(GError) error = NULL;
  Caller *caller;

  if (!gredis_pubsub_subscribe_finish (GREDIS_PUBSUB (source), result, &error))
    {
      subscription_free (subscription);
      request_fail (request, error);
      return;
    }
  caller = g_hash_table_lookup (service->callers, subscription->owner);
  if (caller == NULL)
    {
      subscription_free (subscription);
      request_free (request);
      return;
    }
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (subscription->skeleton),
                                         service->connection, subscription->path, &error))
    {
      subscription_free (subscription);
      request_fail (request, error);
      return;
    }
  subscription->exported = TRUE;
  service->n_subscriptions++;
  g_hash_table_insert (caller->subscriptions, subscription->path, subscription);
  g_dbus_method_invocation_return_value (request->invocation,
                                         g_variant_new ("(o)", subscription->path));
  request_free (request);
}

static void
run_subscribe (Request *request,
               Caller  *caller,
               GError **error)
{
  Service *service = request->service;
  g_autoptr(GVariant) channels_v = g_variant_get_child_value (request->args, 0);
  gsize n = g_variant_n_children (channels_v);
  g_autoptr(GPtrArray) channels = g_ptr_array_new_with_free_func (g_free);
  gsize total = 0;
  Subscription *subscription;

  if (n == 0)
    {
      g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                           _("Subscribe needs at least one channel."));
      return;
    }
  for (gsize i = 0; i < n; i++)
    {
      g_autoptr(GVariant) child = g_variant_get_child_value (channels_v, i);
      gsize length = 0;
      const char *data = g_variant_get_fixed_array (child, &length, 1);

      if (length == 0 || memchr (data, '\0', length) != NULL)
        {
          g_set_error_literal (error, G_DBUS_ERROR, G_DBUS_ERROR_INVALID_ARGS,
                               _("A channel name must not be empty nor contain a NUL byte."));
          return;
        }
      total += length;
      if (!check_size (service, total, error) ||
          !gredis_service_policy_check_channel (service->policy, caller->uid, "subscribe",
                                                data, length, error))
        return;
      g_ptr_array_add (channels, g_strndup (data, length));
    }
  g_ptr_array_add (channels, NULL);

  subscription = g_new0 (Subscription, 1);
  subscription->service = service;
  subscription->owner = g_strdup (caller->name);
  subscription->path = g_strdup_printf (OBJECT_PATH "/subscription/%" G_GUINT64_FORMAT,
                                        ++service->next_subscription);
  subscription->pubsub = gredis_pubsub_new (service->client);
  subscription->skeleton = gredis_svc_service1_subscription_skeleton_new ();
  g_signal_connect (subscription->pubsub, "message", G_CALLBACK (on_pubsub_message), subscription);
  g_signal_connect (subscription->skeleton, "handle-unsubscribe",
                    G_CALLBACK (on_handle_unsubscribe), subscription);
  request->subscription = subscription;
  gredis_pubsub_subscribe_async (subscription->pubsub, (const char * const *) channels->pdata,
                                 NULL, on_subscribed, request);
}

static void
request_run (Request *request,
             Caller  *caller)
{
  g_autoptr(GError) error = NULL;

  if (caller->credentials == CREDENTIALS_REFUSED)
    {
      request_fail (request, caller->refusal);
      return;
    }
  switch (request->kind)
    {
    case REQUEST_EXECUTE:
      run_execute (request, caller, &error);
      break;
    case REQUEST_EXECUTE_MANY:
      run_execute_many (request, caller, &error);
      break;
    case REQUEST_PUBLISH:
      run_publish (request, caller, &error);
      break;
    case REQUEST_SUBSCRIBE:
      run_subscribe (request, caller, &error);
      break;
    }
  if (error != NULL)
    {
      if (error->domain == GREDIS_SERVICE_ERROR)
        log_refusal (caller, error);
      request_fail (request, error);
    }
}

static gboolean
handle (Service               *service,
        RequestKind            kind,
        GDBusMethodInvocation *invocation)
{
  Request *request = request_new (service, kind, invocation,
                                  g_dbus_method_invocation_get_parameters (invocation));
  Caller *caller = caller_get (service, g_dbus_method_invocation_get_sender (invocation));

  caller_submit (caller, request);
  return TRUE;
}

static gboolean
on_handle_execute (GredisSvcService1     *skeleton,
                   GDBusMethodInvocation *invocation,
                   GVariant              *argv,
                   gpointer               user_data)
{
  return handle (user_data, REQUEST_EXECUTE, invocation);
}

static gboolean
on_handle_execute_many (GredisSvcService1     *skeleton,
                        GDBusMethodInvocation *invocation,
                        GVariant              *commands,
                        gpointer               user_data)
{
  return handle (user_data, REQUEST_EXECUTE_MANY, invocation);
}

static gboolean
on_handle_publish (GredisSvcService1     *skeleton,
                   GDBusMethodInvocation *invocation,
                   GVariant              *channel,
                   GVariant              *message,
                   gpointer               user_data)
{
  return handle (user_data, REQUEST_PUBLISH, invocation);
}

static gboolean
on_handle_subscribe (GredisSvcService1     *skeleton,
                     GDBusMethodInvocation *invocation,
                     GVariant              *channels,
                     gpointer               user_data)
{
  return handle (user_data, REQUEST_SUBSCRIBE, invocation);
}

/* Health: PING, the connection state, readiness and the watchdog */

static void
set_state (Service    *service,
           const char *state)
{
  if (g_strcmp0 (gredis_svc_service1_get_connection_state (service->skeleton), state) != 0)
    gredis_svc_service1_set_connection_state (service->skeleton, state);
}

/* READY=1 once Redis answered and the name is ours, so that a caller the
 * manager lets in finds both. */
static void
maybe_notify_ready (Service *service)
{
  if (service->ready_sent || !service->redis_answered || !service->name_acquired)
    return;
  service->ready_sent = TRUE;
  gredis_service_notify_ready ("Connected to Redis.");
}

static void
on_info (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Service *service = user_data;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *version = NULL;
  const char *text;
  const char *line;

  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  if (reply == NULL || service->stopping)
    return;
  text = gredis_reply_get_string (reply, NULL);
  line = text != NULL ? strstr (text, "redis_version:") : NULL;
  if (line == NULL)
    return;
  line += strlen ("redis_version:");
  version = g_strndup (line, strcspn (line, "\r\n"));
  gredis_svc_service1_set_server_version (service->skeleton, version);
}

static void
on_ping (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Service *service = user_data;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  service->ping_pending = FALSE;
  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &error);
  if (service->stopping)
    return;
  if (reply != NULL)
    {
      if (g_strcmp0 (gredis_svc_service1_get_connection_state (service->skeleton), "ready") != 0)
        {
          static const char * const info_argv[] = { "INFO", "server", NULL };

          g_message ("Redis answers.");
          set_state (service, "ready");
          if (service->ready_sent)
            gredis_service_notify_status ("Connected to Redis.");
          service->redis_answered = TRUE;
          maybe_notify_ready (service);
          gredis_client_command_async (service->client, info_argv, NULL, on_info, service);
        }
      if (service->ready_sent)
        gredis_service_notify_watchdog ();
    }
  else if (g_strcmp0 (gredis_svc_service1_get_connection_state (service->skeleton),
                      "unavailable") != 0)
    {
      g_autofree char *status = g_strdup_printf ("Redis is not answering: %s", error->message);

      g_warning ("%s", status);
      set_state (service, "unavailable");
      gredis_service_notify_status (status);
    }
}

static gboolean
on_health_check (gpointer user_data)
{
  Service *service = user_data;
  static const char * const ping_argv[] = { "PING", NULL };

  g_autoptr(GVariant) metrics = gredis_client_get_metrics (service->client);

  if (metrics != NULL)
    gredis_svc_service1_set_metrics (service->skeleton, metrics);

  /* A PING still out means Redis has not answered: no second one, and no
   * watchdog keep-alive until it does. */
  if (!service->ping_pending)
    {
      service->ping_pending = TRUE;
      gredis_client_command_async (service->client, ping_argv, NULL, on_ping, service);
    }
  return G_SOURCE_CONTINUE;
}

/* The bus */

static void
on_bus_acquired (GDBusConnection *connection,
                 const char      *name,
                 gpointer         user_data)
{
  Service *service = user_data;
  g_autoptr(GError) error = NULL;

  service->connection = g_object_ref (connection);
  g_object_set_data (G_OBJECT (connection), "gredis-service", service);
  if (!g_dbus_interface_skeleton_export (G_DBUS_INTERFACE_SKELETON (service->skeleton), connection,
                                         OBJECT_PATH, &error))
    {
      g_critical ("Could not export %s: %s", OBJECT_PATH, error->message);
      service_quit (service, EXIT_FAILURE);
    }
}

static void
on_name_acquired (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  Service *service = user_data;

  g_debug ("Serving %s", name);
  service->name_acquired = TRUE;
  maybe_notify_ready (service);
}

static void
on_name_lost (GDBusConnection *connection,
              const char      *name,
              gpointer         user_data)
{
  Service *service = user_data;

  if (service->stopping)
    return;
  if (connection == NULL)
    g_warning ("Could not connect to the bus.");
  else
    g_warning ("Lost or could not own the name %s on the bus.", name);
  service_quit (service, EXIT_FAILURE);
}

static gboolean
on_signal (gpointer user_data)
{
  service_quit (user_data, EXIT_SUCCESS);
  return G_SOURCE_CONTINUE;
}

/* Configuration */

static GKeyFile *
load_config (const char  *path,
             gboolean     system_bus,
             GError     **error)
{
  g_autoptr(GKeyFile) key_file = g_key_file_new ();
  g_autofree char *user_path = NULL;
  const char *system_path = GREDIS_SERVICE_SYSCONFDIR "/gredis/service.conf";

  if (path == NULL)
    {
      user_path = g_build_filename (g_get_user_config_dir (), "gredis", "service.conf", NULL);
      if (!system_bus && g_file_test (user_path, G_FILE_TEST_EXISTS))
        path = user_path;
      else if (g_file_test (system_path, G_FILE_TEST_EXISTS))
        path = system_path;
    }
  if (path != NULL && !g_key_file_load_from_file (key_file, path, G_KEY_FILE_NONE, error))
    {
      g_prefix_error (error, _("Could not read the configuration “%s”: "), path);
      return NULL;
    }
  if (!g_key_file_has_group (key_file, "gredis"))
    g_key_file_set_string (key_file, "gredis", "host", "localhost");
  return g_steal_pointer (&key_file);
}

static gboolean
read_uint (GKeyFile   *key_file,
           const char *key,
           guint       fallback,
           guint      *value,
           GError    **error)
{
  g_autoptr(GError) local_error = NULL;
  gint v;

  if (!g_key_file_has_key (key_file, "service", key, NULL))
    {
      *value = fallback;
      return TRUE;
    }
  v = g_key_file_get_integer (key_file, "service", key, &local_error);
  if (local_error != NULL || v < 0)
    {
      g_set_error (error, G_KEY_FILE_ERROR, G_KEY_FILE_ERROR_INVALID_VALUE,
                   _("The service setting “%s” must be a whole number that is not negative."), key);
      return FALSE;
    }
  *value = (guint) v;
  return TRUE;
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *config_path = NULL;
  gboolean system_bus = FALSE;
  gboolean session_bus = FALSE;
  gboolean version = FALSE;
  const GOptionEntry entries[] = {
    { "config", 'c', 0, G_OPTION_ARG_FILENAME, &config_path,
      N_("The configuration file (default: ~/.config/gredis/service.conf, then "
         GREDIS_SERVICE_SYSCONFDIR "/gredis/service.conf)"), N_("FILE") },
    { "system", 0, 0, G_OPTION_ARG_NONE, &system_bus, N_("Serve the system bus"), NULL },
    { "session", 0, 0, G_OPTION_ARG_NONE, &session_bus, N_("Serve the session bus (the default)"), NULL },
    { "version", 0, 0, G_OPTION_ARG_NONE, &version, N_("Print the version and exit"), NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GKeyFile) key_file = NULL;
  Service service = { 0 };
  guint64 watchdog_usec;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, GREDIS_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  context = g_option_context_new (NULL);
  g_option_context_set_summary (context, _("Serves one shared Redis client on D-Bus (org.gredis.Service1)."));
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }
  if (version)
    {
      g_print ("gredis-service %s\n", PACKAGE_VERSION);
      return EXIT_SUCCESS;
    }
  if (system_bus && session_bus)
    {
      g_printerr ("%s\n", _("--system and --session exclude each other."));
      return 2;
    }
  service.system_bus = system_bus;

  /* Configuration errors are reported before the name is owned, so that
   * activation fails at once instead of timing out. */
  key_file = load_config (config_path, system_bus, &error);
  if (key_file == NULL ||
      !read_uint (key_file, "idle-timeout-s", DEFAULT_IDLE_TIMEOUT_S, &service.idle_timeout_s, &error) ||
      !read_uint (key_file, "health-check-interval-ms", DEFAULT_HEALTH_INTERVAL_MS,
                  &service.health_interval_ms, &error) ||
      (service.policy = gredis_service_policy_new_from_keyfile (key_file, system_bus, &error)) == NULL ||
      (service.client = gredis_client_new_from_keyfile (key_file, "gredis", &error)) == NULL)
    {
      g_printerr ("gredis-service: %s\n", error->message);
      gredis_service_notify_status (error->message);
      g_clear_pointer (&service.policy, gredis_service_policy_free);
      return EXIT_FAILURE;
    }

  /* The watchdog is kept alive from the health check: check at least
   * twice per period. */
  watchdog_usec = gredis_service_notify_get_watchdog_usec ();
  if (watchdog_usec > 0)
    service.health_interval_ms = MIN (service.health_interval_ms == 0 ? G_MAXUINT : service.health_interval_ms,
                                      MAX (watchdog_usec / 2000, 10));
  if (service.health_interval_ms == 0)
    service.health_interval_ms = DEFAULT_HEALTH_INTERVAL_MS;

  service.loop = g_main_loop_new (NULL, FALSE);
  service.callers = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) caller_free);
  service.skeleton = gredis_svc_service1_skeleton_new ();
  gredis_svc_service1_set_connection_state (service.skeleton, "connecting");
  gredis_svc_service1_set_server_version (service.skeleton, "");
  gredis_svc_service1_set_metrics (service.skeleton, g_variant_new ("a{sv}", NULL));
  g_signal_connect (service.skeleton, "handle-execute", G_CALLBACK (on_handle_execute), &service);
  g_signal_connect (service.skeleton, "handle-execute-many", G_CALLBACK (on_handle_execute_many), &service);
  g_signal_connect (service.skeleton, "handle-publish", G_CALLBACK (on_handle_publish), &service);
  g_signal_connect (service.skeleton, "handle-subscribe", G_CALLBACK (on_handle_subscribe), &service);

  gredis_service_notify_status ("Connecting to Redis.");
  on_health_check (&service);
  service.health_source = g_timeout_add (service.health_interval_ms, on_health_check, &service);

  touch (&service);
  if (service.idle_timeout_s > 0)
    schedule_idle_check (&service, service.idle_timeout_s * 1000);
  g_unix_signal_add (SIGTERM, on_signal, &service);
  g_unix_signal_add (SIGINT, on_signal, &service);

  service.owner_id = g_bus_own_name (system_bus ? G_BUS_TYPE_SYSTEM : G_BUS_TYPE_SESSION, BUS_NAME,
                                     G_BUS_NAME_OWNER_FLAGS_NONE, on_bus_acquired, on_name_acquired,
                                     on_name_lost, &service, NULL);

  g_main_loop_run (service.loop);

  /* Leave the name first, so that new calls start a new instance. */
  g_bus_unown_name (service.owner_id);
  g_clear_handle_id (&service.health_source, g_source_remove);
  g_clear_handle_id (&service.idle_source, g_source_remove);
  g_hash_table_remove_all (service.callers);
  if (service.connection != NULL)
    {
      g_dbus_interface_skeleton_unexport (G_DBUS_INTERFACE_SKELETON (service.skeleton));
      g_dbus_connection_flush_sync (service.connection, NULL, NULL);
    }
  gredis_client_close (service.client);
  /* Let the pending callbacks of the closed client run. */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_clear_pointer (&service.callers, g_hash_table_unref);
  g_clear_object (&service.skeleton);
  g_clear_object (&service.client);
  g_clear_object (&service.connection);
  g_clear_pointer (&service.policy, gredis_service_policy_free);
  g_clear_pointer (&service.loop, g_main_loop_unref);
  return service.exit_status;
}
