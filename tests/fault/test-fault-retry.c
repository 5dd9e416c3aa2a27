/* test-fault-retry.c: one retry budget per command, and permanent
 * failures tried once
 *
 * Attempts are counted where they happen: connection attempts by a
 * transport registered by the test that counts its connects and hands
 * them to `tcp`; TLS handshakes and password checks at the test proxy in
 * front of a real redis-server (one accepted connection per attempt);
 * commands at the fake server, whose script answers `-LOADING`. Every
 * wait is bounded.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <gredis/gredis.h>

#include "gredis-test-proxy.h"
#include "gredis-test-server.h"
#include "gredis-test-util.h"
#include "fault-fixture.h"

#include <string.h>

/* A transport that counts its connects */

static gint n_connects;

typedef struct
{
  GObject parent_instance;
  guint connect_timeout_ms;
} CountingTransport;

typedef GObjectClass CountingTransportClass;

static void counting_transport_iface_init (GredisTransportInterface *iface);
static GType counting_transport_get_type (void);

G_DEFINE_TYPE_WITH_CODE (CountingTransport, counting_transport, G_TYPE_OBJECT,
                         G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT, counting_transport_iface_init))

enum {
  PROP_0,
  PROP_CONNECT_TIMEOUT_MS,
};

static void
connected (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  GIOStream *stream = gredis_transport_connect_finish (GREDIS_TRANSPORT (source), result, &error);

  if (stream != NULL)
    g_task_return_pointer (task, stream, g_object_unref);
  else
    g_task_return_error (task, error);
}

static void
counting_connect_async (GredisTransport     *transport,
                        GSocketConnectable  *endpoint,
                        GCancellable        *cancellable,
                        GAsyncReadyCallback  callback,
                        gpointer             user_data)
{
  GTask *task = g_task_new (transport, cancellable, callback, user_data);
  g_autoptr(GredisTransport) tcp = NULL;
  g_autoptr(GError) error = NULL;

  g_atomic_int_inc (&n_connects);
  tcp = gredis_transport_new_for_name ("tcp", &error);
  g_assert_no_error (error);
  g_object_set (tcp, "connect-timeout-ms", ((CountingTransport *) transport)->connect_timeout_ms,
                NULL);
  gredis_transport_connect_async (tcp, endpoint, cancellable, connected, task);
}

static GIOStream *
counting_connect_finish (GredisTransport  *transport,
                         GAsyncResult     *result,
                         GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
counting_transport_iface_init (GredisTransportInterface *iface)
{
  iface->connect_async = counting_connect_async;
  iface->connect_finish = counting_connect_finish;
}

static void
counting_transport_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  g_assert_cmpuint (prop_id, ==, PROP_CONNECT_TIMEOUT_MS);
  g_value_set_uint (value, ((CountingTransport *) object)->connect_timeout_ms);
}

static void
counting_transport_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  g_assert_cmpuint (prop_id, ==, PROP_CONNECT_TIMEOUT_MS);
  ((CountingTransport *) object)->connect_timeout_ms = g_value_get_uint (value);
}

static void
counting_transport_class_init (CountingTransportClass *klass)
{
  klass->get_property = counting_transport_get_property;
  klass->set_property = counting_transport_set_property;
  g_object_class_override_property (klass, PROP_CONNECT_TIMEOUT_MS, "connect-timeout-ms");
}

static void
counting_transport_init (CountingTransport *self)
{
  self->connect_timeout_ms = 5000;
}

/* A resolver that knows no names, so that no test asks a DNS server. */

typedef GResolver NoNamesResolver;
typedef GResolverClass NoNamesResolverClass;
static GType no_names_resolver_get_type (void);
G_DEFINE_TYPE (NoNamesResolver, no_names_resolver, G_TYPE_RESOLVER)

static void
no_names_lookup_async (GResolver           *resolver,
                       const char          *hostname,
                       GCancellable        *cancellable,
                       GAsyncReadyCallback  callback,
                       gpointer             user_data)
{
  g_autoptr(GTask) task = g_task_new (resolver, cancellable, callback, user_data);

  g_task_return_new_error (task, G_RESOLVER_ERROR, G_RESOLVER_ERROR_NOT_FOUND,
                           "Name %s not found", hostname);
}

static void
no_names_lookup_with_flags_async (GResolver                *resolver,
                                  const char               *hostname,
                                  GResolverNameLookupFlags  flags,
                                  GCancellable             *cancellable,
                                  GAsyncReadyCallback       callback,
                                  gpointer                  user_data)
{
  no_names_lookup_async (resolver, hostname, cancellable, callback, user_data);
}

static GList *
no_names_lookup_finish (GResolver     *resolver,
                        GAsyncResult  *result,
                        GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
no_names_resolver_class_init (NoNamesResolverClass *klass)
{
  klass->lookup_by_name_async = no_names_lookup_async;
  klass->lookup_by_name_finish = no_names_lookup_finish;
  klass->lookup_by_name_with_flags_async = no_names_lookup_with_flags_async;
  klass->lookup_by_name_with_flags_finish = no_names_lookup_finish;
}

static void
no_names_resolver_init (NoNamesResolver *resolver)
{
}

/* Helpers */

typedef struct
{
  gboolean done;
  GredisReply *reply;
  GError *error;
} Result;

static void
command_done (GObject      *source,
              GAsyncResult *res,
              gpointer      user_data)
{
  Result *result = user_data;

  result->reply = gredis_client_command_finish (GREDIS_CLIENT (source), res, &result->error);
  result->done = TRUE;
}

static gboolean
result_done (gpointer data)
{
  return ((Result *) data)->done;
}

/* Sends @argv blocking (@blocking) or asynchronously; the reply, or NULL
 * with @error. */
static GredisReply *
send (GredisClient       *client,
      const char * const *argv,
      gboolean            blocking,
      GError            **error)
{
  Result result = { 0, };

  if (blocking)
    return gredis_client_command (client, argv, NULL, error);
  gredis_client_command_async (client, argv, NULL, command_done, &result);
  fault_iterate_until (result_done, &result);
  if (result.error != NULL)
    g_propagate_error (error, result.error);
  return result.reply;
}

/* A loopback port nobody listens on: bound, then closed. */
static guint16
closed_port (void)
{
  g_autoptr(GSocketListener) listener = g_socket_listener_new ();
  g_autoptr(GError) error = NULL;
  guint16 port = g_socket_listener_add_any_inet_port (listener, NULL, &error);

  g_assert_no_error (error);
  g_socket_listener_close (listener);
  return port;
}

/* Connection attempts to a refused port: 1 + retries, not the client's
 * retries times the connection's. */
static void
test_refused (gconstpointer data)
{
  gboolean blocking = GPOINTER_TO_INT (data);
  const char *get[] = { "GET", "key", NULL };
  g_autofree char *base = g_strdup_printf ("redis://127.0.0.1:%u", closed_port ());
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  client = fault_client_for (base, "transport=counting&retries=2&backoff=constant"
                                   "&backoff-base-ms=1&backoff-cap-ms=1");
  g_atomic_int_set (&n_connects, 0);
  reply = send (client, get, blocking, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION);
  g_assert_cmpint (g_atomic_int_get (&n_connects), ==, 1 + 2);
  gredis_client_close (client);
}

/* The client consults the GredisRetry it is given, then again the one
 * of its configuration, made anew when the configuration changes. */
#define KEEP (G_MAXUINT - 1)
#define FROM_CONFIG G_MAXUINT

static void
test_client_retry (void)
{
  const char *get[] = { "GET", "key", NULL };
  g_autofree char *base = g_strdup_printf ("redis://127.0.0.1:%u", closed_port ());
  g_autoptr(GredisBackoffPolicy) none = gredis_backoff_policy_new_for_name ("none", NULL);
  g_autoptr(GredisRetry) retry = NULL;
  g_autoptr(GredisClient) client = NULL;
  struct {
    guint set_retries;     /* KEEP: as it is; FROM_CONFIG: set NULL */
    guint config_retries;
    gint attempts;
  } cases[] = {
    { KEEP, 2, 3 },
    { 0, 2, 1 },
    { 4, 2, 5 },
    { FROM_CONFIG, 2, 3 },
    { KEEP, 1, 2 },
  };

  client = fault_client_for (base, "transport=counting&backoff=none");
  g_assert_nonnull (none);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GError) error = NULL;

      g_object_set (client, "retries", cases[i].config_retries, NULL);
      if (cases[i].set_retries != KEEP && cases[i].set_retries != FROM_CONFIG)
        {
          g_clear_object (&retry);
          retry = gredis_retry_new (none, cases[i].set_retries, NULL);
          gredis_client_set_retry (client, retry);
          g_assert_true (gredis_client_get_retry (client) == retry);
        }
      else
        {
          if (cases[i].set_retries == FROM_CONFIG)
            gredis_client_set_retry (client, NULL);
          g_assert_nonnull (gredis_client_get_retry (client));
          g_assert_cmpuint (gredis_retry_get_retries (gredis_client_get_retry (client)), ==,
                            cases[i].config_retries);
        }
      g_atomic_int_set (&n_connects, 0);
      reply = gredis_client_command (client, get, NULL, &error);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION);
      g_assert_cmpint (g_atomic_int_get (&n_connects), ==, cases[i].attempts);
    }
  gredis_client_close (client);
}

/* An unknown host name: one attempt, and its own error. */
static void
test_unknown_host (gconstpointer data)
{
  gboolean blocking = GPOINTER_TO_INT (data);
  const char *get[] = { "GET", "key", NULL };
  g_autoptr(GResolver) original = g_resolver_get_default ();
  g_autoptr(GResolver) resolver = g_object_new (no_names_resolver_get_type (), NULL);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;

  g_resolver_set_default (resolver);
  client = fault_client_for ("redis://no-such-host.invalid:6379",
                             "transport=counting&retries=3&backoff=constant"
                             "&backoff-base-ms=1&backoff-cap-ms=1");
  g_atomic_int_set (&n_connects, 0);
  reply = send (client, get, blocking, &error);
  g_resolver_set_default (original);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_HOST_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-host.invalid"));
  g_assert_cmpint (g_atomic_int_get (&n_connects), ==, 1);
  gredis_client_close (client);
}

static void
open_done (GObject      *source,
           GAsyncResult *res,
           gpointer      user_data)
{
  Result *result = user_data;

  gredis_connection_open_finish (GREDIS_CONNECTION (source), res, &result->error);
  result->done = TRUE;
}

/* A connection of its own (no client) with retries of its own: a refused
 * connect is tried again, an unknown host name is not. */
static void
test_connection_retries (void)
{
  g_autoptr(GResolver) original = g_resolver_get_default ();
  g_autoptr(GResolver) resolver = g_object_new (no_names_resolver_get_type (), NULL);
  g_autoptr(GredisBackoffPolicy) none = gredis_backoff_policy_new_for_name ("none", NULL);
  struct {
    const char *host;
    guint16 port;
    gint attempts;
    gint code;
  } cases[] = {
    { "127.0.0.1", closed_port (), 1 + 2, GREDIS_ERROR_CONNECTION },
    { "no-such-host.invalid", 6379, 1, GREDIS_ERROR_HOST_NOT_FOUND },
  };

  g_assert_nonnull (none);
  g_resolver_set_default (resolver);
  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GredisTransport) transport = gredis_transport_new_for_name ("counting", NULL);
      g_autoptr(GredisParser) parser = gredis_parser_new_for_name ("resp3", NULL);
      g_autoptr(GSocketConnectable) endpoint = g_network_address_new (cases[i].host,
                                                                      cases[i].port);
      g_autoptr(GredisConnection) connection = NULL;
      Result result = { 0, };

      g_assert_nonnull (transport);
      g_assert_nonnull (parser);
      connection = gredis_connection_new (transport, parser, endpoint);
      gredis_connection_set_retries (connection, 2);
      gredis_connection_set_backoff_policy (connection, none);
      g_atomic_int_set (&n_connects, 0);
      gredis_connection_open_async (connection, NULL, open_done, &result);
      fault_iterate_until (result_done, &result);
      g_assert_error (result.error, GREDIS_ERROR, cases[i].code);
      g_assert_cmpint (g_atomic_int_get (&n_connects), ==, cases[i].attempts);
      g_clear_error (&result.error);
    }
  g_resolver_set_default (original);
}

/* A certificate that fails verification: one TLS handshake. */
static void
test_tls_rejected (gconstpointer data)
{
  const char *transport = data;
  const char *get[] = { "GET", "key", NULL };
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GredisTestProxy) proxy = NULL;
  g_autoptr(GSocketConnectable) upstream = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  g_autofree char *options = NULL;
  g_autofree char *ca = NULL;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP | GREDIS_TEST_SERVER_TLS, NULL, &error);
  g_assert_no_error (error);
  upstream = g_network_address_new ("127.0.0.1", gredis_test_server_get_tls_port (server));
  proxy = gredis_test_proxy_new (upstream, &error);
  g_assert_no_error (error);

  /* Trusting a CA that did not sign the server's certificate. */
  ca = g_uri_escape_string (gredis_test_server_get_tls_file (server, GREDIS_TEST_TLS_OTHER_CA_CERT),
                            NULL, FALSE);
  base = g_strdup_printf ("rediss://127.0.0.1:%u", gredis_test_proxy_get_port (proxy));
  options = g_strdup_printf ("transport=%s&tls-ca-file=%s&retries=3&backoff=constant"
                             "&backoff-base-ms=1&backoff-cap-ms=1", transport, ca);
  client = fault_client_for (base, options);
  reply = gredis_client_command (client, get, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TLS);
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (proxy), ==, 1);

  gredis_client_close (client);
  g_clear_pointer (&proxy, gredis_test_proxy_free);
  gredis_test_server_stop (g_steal_pointer (&server));
}

/* A wrong password: one connection, the server's refusal, even for an
 * application whose retry policy asks for authentication errors to be
 * retried (the policy the client consults): they are permanent. */
static void
test_wrong_password (gconstpointer data)
{
  gboolean blocking = GPOINTER_TO_INT (data);
  const char *requirepass[] = { "--requirepass", "right-password", NULL };
  const char *get[] = { "GET", "key", NULL };
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GredisTestProxy) proxy = NULL;
  g_autoptr(GSocketConnectable) upstream = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, requirepass, &error);
  g_assert_no_error (error);
  upstream = g_network_address_new ("127.0.0.1", gredis_test_server_get_port (server));
  proxy = gredis_test_proxy_new (upstream, &error);
  g_assert_no_error (error);

  base = g_strdup_printf ("redis://:wrong-password@127.0.0.1:%u",
                          gredis_test_proxy_get_port (proxy));
  client = fault_client_for (base, "retries=3&backoff=constant&backoff-base-ms=1&backoff-cap-ms=1");
  gredis_retry_add_error (gredis_client_get_retry (client), GREDIS_ERROR, GREDIS_ERROR_AUTH);
  reply = send (client, get, blocking, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_AUTH);
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (proxy), ==, 1);

  gredis_client_close (client);
  g_clear_pointer (&proxy, gredis_test_proxy_free);
  gredis_test_server_stop (g_steal_pointer (&server));
}

/* Pub/sub keeps its subscriptions across reconnections, but a refused
 * password is not tried again on a timer: one attempt for the
 * subscription, none while the main loop runs on, one more for the next
 * operation. */
static void
test_pubsub_wrong_password (void)
{
  const char *requirepass[] = { "--requirepass", "right-password", NULL };
  const char *channels[] = { "news", NULL };
  g_autoptr(GredisTestServer) server = NULL;
  g_autoptr(GredisTestProxy) proxy = NULL;
  g_autoptr(GSocketConnectable) upstream = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisPubSub) pubsub = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;
  gint64 end;

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, requirepass, &error);
  g_assert_no_error (error);
  upstream = g_network_address_new ("127.0.0.1", gredis_test_server_get_port (server));
  proxy = gredis_test_proxy_new (upstream, &error);
  g_assert_no_error (error);

  base = g_strdup_printf ("redis://:wrong-password@127.0.0.1:%u",
                          gredis_test_proxy_get_port (proxy));
  client = fault_client_for (base, "retries=3&backoff=constant&backoff-base-ms=1&backoff-cap-ms=1");
  pubsub = gredis_pubsub_new (client);
  g_assert_false (gredis_pubsub_subscribe (pubsub, channels, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_AUTH);
  g_clear_error (&error);

  /* A reconnection timer would have fired many times by now. */
  end = g_get_monotonic_time () + 200 * G_TIME_SPAN_MILLISECOND;
  while (g_get_monotonic_time () < end)
    g_main_context_iteration (NULL, FALSE);
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (proxy), ==, 1);

  g_assert_false (gredis_pubsub_subscribe (pubsub, channels, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_AUTH);
  g_assert_cmpuint (gredis_test_proxy_get_n_accepted (proxy), ==, 2);

  gredis_pubsub_close (pubsub);
  gredis_client_close (client);
  g_clear_pointer (&proxy, gredis_test_proxy_free);
  gredis_test_server_stop (g_steal_pointer (&server));
}

/* The fake server: the handshake of a RESP2 client without password or
 * name (two CLIENT SETINFO), then @n_loading `-LOADING` replies to GET and
 * the value. */
static GredisFakeServer *
loading_server (guint n_loading)
{
  static const char loading[] = "-LOADING Redis is loading the dataset in memory\r\n";
  g_autoptr(GError) error = NULL;
  GredisFakeServer *server = gredis_fake_server_new (&error);

  g_assert_no_error (error);
  gredis_fake_server_add_expect (server, "LIB-VER");
  gredis_fake_server_add_send (server, "+OK\r\n+OK\r\n", -1);
  for (guint i = 0; i < n_loading; i++)
    {
      gredis_fake_server_add_expect (server, "GET");
      gredis_fake_server_add_send (server, loading, -1);
    }
  gredis_fake_server_add_expect (server, "GET");
  gredis_fake_server_add_send (server, "$5\r\nvalue\r\n", -1);
  return server;
}

static GredisClient *
loading_client (GredisFakeServer *server,
                guint             retries)
{
  g_autofree char *base = g_strdup_printf ("redis://127.0.0.1:%u",
                                           gredis_fake_server_get_port (server));
  g_autofree char *options = g_strdup_printf ("protocol=2&retries=%u&backoff=constant"
                                              "&backoff-base-ms=1&backoff-cap-ms=1", retries);

  return fault_client_for (base, options);
}

/* A command the server refused without running it (LOADING) is sent
 * again, up to the count of retries. */
static void
test_loading (gconstpointer data)
{
  gboolean blocking = GPOINTER_TO_INT (data);
  const char *get[] = { "GET", "key", NULL };

  {
    g_autoptr(GredisFakeServer) server = loading_server (2);
    g_autoptr(GredisClient) client = loading_client (server, 2);
    g_autoptr(GredisReply) reply = NULL;
    g_autoptr(GError) error = NULL;

    reply = send (client, get, blocking, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "value");
    g_assert_cmpuint (gredis_fake_server_get_n_accepted (server), ==, 1);
    gredis_client_close (client);
  }
  {
    g_autoptr(GredisFakeServer) server = loading_server (2);
    g_autoptr(GredisClient) client = loading_client (server, 1);
    g_autoptr(GredisReply) reply = NULL;
    g_autoptr(GError) error = NULL;

    reply = send (client, get, blocking, &error);
    g_assert_null (reply);
    g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_LOADING);
    gredis_client_close (client);
  }
}

static void
pipeline_done (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  Result *result = user_data;

  gredis_pipeline_execute_finish (GREDIS_PIPELINE (source), res, &result->error);
  result->done = TRUE;
}

/* The same in a pipeline: the refused command is sent again, up to the
 * count. */
static void
test_loading_pipeline (void)
{
  const char *get[] = { "GET", "key", NULL };

  for (guint retries = 1; retries <= 2; retries++)
    {
      g_autoptr(GredisFakeServer) server = loading_server (2);
      g_autoptr(GredisClient) client = loading_client (server, retries);
      g_autoptr(GredisPipeline) pipeline = gredis_pipeline_new (client, FALSE);
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GError) error = NULL;
      Result result = { 0, };

      gredis_pipeline_add_command (pipeline, get);
      gredis_pipeline_execute_async (pipeline, NULL, pipeline_done, &result);
      fault_iterate_until (result_done, &result);
      g_assert_no_error (result.error);
      reply = gredis_pipeline_get_reply (pipeline, 0, &error);
      if (retries == 2)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "value");
        }
      else
        g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_LOADING);
      gredis_client_close (client);
    }
}

/* A write whose connection fails after it was sent: its outcome is
 * unknown, and it is not sent again (no second connection). */
static void
test_write_lost (gconstpointer data)
{
  gboolean blocking = GPOINTER_TO_INT (data);
  const char *incr[] = { "INCR", "counter", NULL };
  g_autoptr(GredisFakeServer) server = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *base = NULL;

  server = gredis_fake_server_new (&error);
  g_assert_no_error (error);
  gredis_fake_server_add_expect (server, "LIB-VER");
  gredis_fake_server_add_send (server, "+OK\r\n+OK\r\n", -1);
  gredis_fake_server_add_expect (server, "counter");
  gredis_fake_server_add_close (server);

  base = g_strdup_printf ("redis://127.0.0.1:%u", gredis_fake_server_get_port (server));
  client = fault_client_for (base, "protocol=2&retries=3&backoff=constant"
                                   "&backoff-base-ms=1&backoff-cap-ms=1");
  reply = send (client, incr, blocking, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNKNOWN_OUTCOME);
  g_assert_cmpuint (gredis_fake_server_get_n_accepted (server), ==, 1);
  gredis_client_close (client);
}

int
main (int argc, char *argv[])
{
  const char *tls_transports[] = { "tls", "gio-tls" };

  g_test_init (&argc, &argv, NULL);

  gredis_plugins_register_type (GREDIS_PLUGIN_TRANSPORT, "counting",
                                counting_transport_get_type (), 0);

  g_test_add_data_func ("/fault-retry/refused/blocking", GINT_TO_POINTER (TRUE), test_refused);
  g_test_add_data_func ("/fault-retry/refused/async", GINT_TO_POINTER (FALSE), test_refused);
  g_test_add_func ("/fault-retry/client-retry", test_client_retry);
  g_test_add_data_func ("/fault-retry/unknown-host/blocking", GINT_TO_POINTER (TRUE),
                        test_unknown_host);
  g_test_add_data_func ("/fault-retry/unknown-host/async", GINT_TO_POINTER (FALSE),
                        test_unknown_host);
  g_test_add_func ("/fault-retry/connection-retries", test_connection_retries);
  for (gsize i = 0; i < G_N_ELEMENTS (tls_transports); i++)
    if (gredis_test_transport_testable ("/fault-retry/tls-rejected", tls_transports[i]))
      {
        g_autofree char *path = g_strdup_printf ("/fault-retry/tls-rejected/%s",
                                                 tls_transports[i]);

        g_test_add_data_func (path, tls_transports[i], test_tls_rejected);
      }
  g_test_add_data_func ("/fault-retry/wrong-password/blocking", GINT_TO_POINTER (TRUE),
                        test_wrong_password);
  g_test_add_data_func ("/fault-retry/wrong-password/async", GINT_TO_POINTER (FALSE),
                        test_wrong_password);
  g_test_add_func ("/fault-retry/wrong-password/pubsub", test_pubsub_wrong_password);
  g_test_add_data_func ("/fault-retry/loading/blocking", GINT_TO_POINTER (TRUE), test_loading);
  g_test_add_data_func ("/fault-retry/loading/async", GINT_TO_POINTER (FALSE), test_loading);
  g_test_add_func ("/fault-retry/loading/pipeline", test_loading_pipeline);
  g_test_add_data_func ("/fault-retry/write-lost/blocking", GINT_TO_POINTER (TRUE),
                        test_write_lost);
  g_test_add_data_func ("/fault-retry/write-lost/async", GINT_TO_POINTER (FALSE),
                        test_write_lost);

  return g_test_run ();
}
