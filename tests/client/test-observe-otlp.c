/* test-observe-otlp.c: the `otlp` observer posts its spans to a
 * collector: a SoupServer of the test receives the OTLP/HTTP JSON, which
 * is checked field by field (and for the absence of any argument)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>
#include <json-glib/json-glib.h>
#include <libsoup/soup.h>

#include "gredis-test-server.h"

#define SECRET "a-value-never-exported"

typedef struct
{
  GPtrArray *spans;            /* JsonObject, referenced */
  GPtrArray *bodies;           /* char * */
  JsonObject *histogram;       /* the last db.client.operation.duration */
  JsonParser *metrics_parser;
} Received;

static void
on_metrics (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Received *received = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  JsonParser *parser = json_parser_new ();
  JsonObject *metric;

  g_ptr_array_add (received->bodies, g_strndup (body->data, body->length));
  g_assert_true (json_parser_load_from_data (parser, body->data, body->length, NULL));
  metric = json_array_get_object_element (
    json_object_get_array_member (
      json_array_get_object_element (
        json_object_get_array_member (
          json_array_get_object_element (
            json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                          "resourceMetrics"), 0),
          "scopeMetrics"), 0),
      "metrics"), 0);
  g_assert_cmpstr (json_object_get_string_member (metric, "name"), ==, "db.client.operation.duration");
  g_assert_cmpstr (json_object_get_string_member (metric, "unit"), ==, "s");
  g_clear_object (&received->metrics_parser);
  received->metrics_parser = parser;
  received->histogram = json_object_get_object_member (metric, "histogram");
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

/* The count of the data point of @name (and @error_type, or none). */
static guint64
histogram_count (JsonObject *histogram,
                 const char *name,
                 const char *error_type);

static void
on_traces (SoupServer        *server,
           SoupServerMessage *message,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  Received *received = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  JsonObject *root;
  JsonArray *spans;

  g_assert_cmpstr (soup_server_message_get_method (message), ==, "POST");
  g_assert_cmpstr (soup_message_headers_get_content_type (soup_server_message_get_request_headers (message), NULL),
                   ==, "application/json");
  g_ptr_array_add (received->bodies, g_strndup (body->data, body->length));
  g_assert_true (json_parser_load_from_data (parser, body->data, body->length, &error));
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  spans = json_object_get_array_member (
    json_array_get_object_element (
      json_object_get_array_member (
        json_array_get_object_element (json_object_get_array_member (root, "resourceSpans"), 0),
        "scopeSpans"), 0),
    "spans");
  for (guint i = 0; i < json_array_get_length (spans); i++)
    g_ptr_array_add (received->spans, json_object_ref (json_array_get_object_element (spans, i)));
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

/* The value of attribute @key of @span, as text, or NULL. */
static const char *
attribute (JsonObject *span,
           const char *key)
{
  JsonArray *attributes = json_object_get_array_member (span, "attributes");

  for (guint i = 0; i < json_array_get_length (attributes); i++)
    {
      JsonObject *attribute = json_array_get_object_element (attributes, i);
      JsonObject *value;

      if (!g_str_equal (json_object_get_string_member (attribute, "key"), key))
        continue;
      value = json_object_get_object_member (attribute, "value");
      if (json_object_has_member (value, "stringValue"))
        return json_object_get_string_member (value, "stringValue");
      return json_object_get_string_member (value, "intValue");
    }
  return NULL;
}

static guint64
histogram_count (JsonObject *histogram,
                 const char *name,
                 const char *error_type)
{
  JsonArray *points = json_object_get_array_member (histogram, "dataPoints");
  guint64 count = 0;

  for (guint i = 0; i < json_array_get_length (points); i++)
    {
      JsonObject *point = json_array_get_object_element (points, i);
      JsonArray *buckets = json_object_get_array_member (point, "bucketCounts");
      guint64 n = g_ascii_strtoull (json_object_get_string_member (point, "count"), NULL, 10);
      guint64 in_buckets = 0;

      if (g_strcmp0 (attribute (point, "db.operation.name"), name) != 0 ||
          g_strcmp0 (attribute (point, "error.type"), error_type) != 0)
        continue;
      g_assert_cmpuint (json_array_get_length (buckets), ==, 10);
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (point, "explicitBounds")), ==, 9);
      for (guint b = 0; b < json_array_get_length (buckets); b++)
        in_buckets += g_ascii_strtoull (json_array_get_string_element (buckets, b), NULL, 10);
      g_assert_cmpuint (in_buckets, ==, n);
      count += n;
    }
  return count;
}

/* The otlp-* keys: their spellings, defaults and checks. */
static void
test_config (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GKeyFile) key_file = g_key_file_new ();

  g_assert_null (gredis_config_get_otlp_endpoint (config));
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 1.0);
  g_assert_cmpuint (gredis_config_get_otlp_interval_ms (config), ==, 0);
  g_assert_cmpuint (gredis_config_get_otlp_max_queue (config), ==, 0);

  g_assert_true (gredis_config_set_uri (config, "redis://localhost/0?otlp-endpoint=http%3A%2F%2Fcollector%3A4318"
                                        "&otlp-sample-ratio=0.25&otlp-interval-ms=100&otlp-max-queue=7",
                                        &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_config_get_otlp_endpoint (config), ==, "http://collector:4318");
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.25);
  g_assert_cmpuint (gredis_config_get_otlp_interval_ms (config), ==, 100);
  g_assert_cmpuint (gredis_config_get_otlp_max_queue (config), ==, 7);

  g_assert_true (g_key_file_load_from_data (key_file, "[gredis]\notlp-endpoint=https://otel.example.com\n",
                                            -1, G_KEY_FILE_NONE, &error));
  g_assert_true (gredis_config_load_keyfile (config, key_file, "gredis", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (gredis_config_get_otlp_endpoint (config), ==, "https://otel.example.com");

  g_assert_false (gredis_config_set_option (config, "otlp-sample-ratio", "1.5", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (gredis_config_set_option (config, "otlp-sample-ratio", "half", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (gredis_config_set_option (config, "otlp-endpoint", "collector:4318", &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_cmpfloat (gredis_config_get_otlp_sample_ratio (config), ==, 0.25);
  g_assert_cmpstr (gredis_config_get_otlp_endpoint (config), ==, "https://otel.example.com");
}

static void
test_spans (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(SoupServer) server = soup_server_new (NULL, NULL);
  g_autoptr(GredisClient) client = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *endpoint = NULL;
  g_autofree char *port = NULL;
  GredisConfig *config;
  GSList *uris;
  Received received = { g_ptr_array_new_with_free_func ((GDestroyNotify) json_object_unref),
                        g_ptr_array_new_with_free_func (g_free), NULL, NULL };
  const char *set[] = { "SET", "otlp-key", SECRET, NULL };
  const char *get[] = { "GET", "otlp-key", NULL };
  const char *lpush[] = { "LPUSH", "otlp-key", SECRET, NULL };
  gboolean seen_set = FALSE, seen_get = FALSE, seen_lpush = FALSE;
  gint64 deadline;

  g_assert_no_error (error);
  soup_server_add_handler (server, "/v1/traces", on_traces, &received, NULL);
  soup_server_add_handler (server, "/v1/metrics", on_metrics, &received, NULL);
  g_assert_true (soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (server);
  endpoint = g_strdup_printf ("http://127.0.0.1:%d/", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  /* The configuration's keys win over the environment (an endpoint
   * where nothing listens). */
  g_setenv ("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:9", TRUE);
  g_setenv ("OTEL_TRACES_SAMPLER_ARG", "0", TRUE);

  uri = gredis_test_server_get_uri (redis);
  client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  config = gredis_client_get_config (client);
  g_assert_true (gredis_config_set_option (config, "observe", "otlp", &error));
  g_assert_no_error (error);
  g_assert_true (gredis_config_set_option (config, "otlp-endpoint", endpoint, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_config_set_option (config, "otlp-sample-ratio", "1", &error));
  g_assert_no_error (error);
  g_assert_true (gredis_config_set_option (config, "otlp-interval-ms", "50", &error));
  g_assert_no_error (error);
  {
    g_autoptr(GredisReply) r1 = gredis_client_command (client, set, NULL, &error);
    g_assert_no_error (error);
  }
  {
    g_autoptr(GredisReply) r2 = gredis_client_command (client, get, NULL, &error);
    g_assert_no_error (error);
  }
  g_assert_null (gredis_client_command (client, lpush, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
  g_clear_error (&error);

  /* The collector runs in this thread's context. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while ((received.spans->len < 3 || received.histogram == NULL ||
          histogram_count (received.histogram, "LPUSH", "WRONGTYPE") == 0) &&
         g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (received.spans->len, >=, 3);
  g_assert_nonnull (received.histogram);
  g_assert_cmpint (json_object_get_int_member (received.histogram, "aggregationTemporality"), ==, 2);
  g_assert_cmpuint (histogram_count (received.histogram, "SET", NULL), ==, 1);
  g_assert_cmpuint (histogram_count (received.histogram, "GET", NULL), ==, 1);
  g_assert_cmpuint (histogram_count (received.histogram, "LPUSH", "WRONGTYPE"), ==, 1);
  g_assert_cmpuint (histogram_count (received.histogram, "LPUSH", NULL), ==, 0);

  port = g_strdup_printf ("%u", gredis_test_server_get_port (redis));
  for (guint i = 0; i < received.spans->len; i++)
    {
      JsonObject *span = g_ptr_array_index (received.spans, i);
      const char *name = json_object_get_string_member (span, "name");
      gint64 start = g_ascii_strtoll (json_object_get_string_member (span, "startTimeUnixNano"), NULL, 10);
      gint64 end = g_ascii_strtoll (json_object_get_string_member (span, "endTimeUnixNano"), NULL, 10);

      g_assert_cmpuint (strlen (json_object_get_string_member (span, "traceId")), ==, 32);
      g_assert_cmpuint (strlen (json_object_get_string_member (span, "spanId")), ==, 16);
      g_assert_cmpint (json_object_get_int_member (span, "kind"), ==, 3);
      g_assert_cmpint (start, >, 0);
      g_assert_cmpint (end, >=, start);
      g_assert_cmpstr (attribute (span, "db.system.name"), ==, "redis");
      g_assert_cmpstr (attribute (span, "db.operation.name"), ==, name);
      g_assert_cmpstr (attribute (span, "db.namespace"), ==, "0");
      g_assert_cmpstr (attribute (span, "server.address"), ==, gredis_test_server_get_host (redis));
      g_assert_cmpstr (attribute (span, "server.port"), ==, port);
      if (g_str_equal (name, "SET") || g_str_equal (name, "GET"))
        {
          seen_set |= g_str_equal (name, "SET");
          seen_get |= g_str_equal (name, "GET");
          g_assert_null (attribute (span, "error.type"));
          g_assert_false (json_object_has_member (span, "status"));
          g_assert_cmpstr (attribute (span, "gredis.key_count"), ==, "1");
        }
      else if (g_str_equal (name, "LPUSH"))
        {
          seen_lpush = TRUE;
          g_assert_cmpstr (attribute (span, "error.type"), ==, "WRONGTYPE");
          g_assert_cmpint (json_object_get_int_member (json_object_get_object_member (span, "status"), "code"),
                           ==, 2);
        }
    }
  g_assert_true (seen_set && seen_get && seen_lpush);
  /* Command arguments are never exported. */
  for (guint i = 0; i < received.bodies->len; i++)
    g_assert_null (strstr (g_ptr_array_index (received.bodies, i), SECRET));

  /* The observer's last export, when the client goes, finds no
   * collector rather than one this thread cannot run. */
  soup_server_disconnect (server);
  gredis_client_close (client);
  g_clear_object (&client);
  g_unsetenv ("OTEL_EXPORTER_OTLP_ENDPOINT");
  g_unsetenv ("OTEL_TRACES_SAMPLER_ARG");
  g_ptr_array_unref (received.spans);
  g_ptr_array_unref (received.bodies);
  g_clear_object (&received.metrics_parser);
}

/* A collector on a thread of its own: the observer's last export, made
 * when the client goes, must not wait for this thread. */
typedef struct
{
  GMainContext *context;
  GMainLoop *loop;
  SoupServer *server;
  GThread *thread;
  GMutex lock;
  guint n_posts;
  guint n_metric_posts;
  gint64 dropped;
  guint n_spans;
} Collector;

static void
on_collect (SoupServer        *server,
            SoupServerMessage *message,
            const char        *path,
            GHashTable        *query,
            gpointer           user_data)
{
  Collector *collector = user_data;
  SoupMessageBody *body = soup_server_message_get_request_body (message);
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *resource_spans;
  JsonObject *resource;
  JsonArray *attributes;

  g_assert_true (json_parser_load_from_data (parser, body->data, body->length, NULL));
  resource_spans = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "resourceSpans"), 0);
  resource = json_object_get_object_member (resource_spans, "resource");
  attributes = json_object_get_array_member (resource, "attributes");
  g_mutex_lock (&collector->lock);
  collector->n_posts++;
  for (guint i = 0; i < json_array_get_length (attributes); i++)
    {
      JsonObject *attribute = json_array_get_object_element (attributes, i);

      if (g_str_equal (json_object_get_string_member (attribute, "key"), "gredis.otlp.dropped_spans"))
        collector->dropped = g_ascii_strtoll (json_object_get_string_member (
          json_object_get_object_member (attribute, "value"), "intValue"), NULL, 10);
    }
  collector->n_spans += json_array_get_length (json_object_get_array_member (
    json_array_get_object_element (json_object_get_array_member (resource_spans, "scopeSpans"), 0), "spans"));
  g_mutex_unlock (&collector->lock);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

static gpointer
collector_main (gpointer data)
{
  Collector *collector = data;

  g_main_context_push_thread_default (collector->context);
  g_main_loop_run (collector->loop);
  g_main_context_pop_thread_default (collector->context);
  return NULL;
}

static void
on_collect_metrics (SoupServer        *server,
                    SoupServerMessage *message,
                    const char        *path,
                    GHashTable        *query,
                    gpointer           user_data)
{
  Collector *collector = user_data;

  g_mutex_lock (&collector->lock);
  collector->n_metric_posts++;
  g_mutex_unlock (&collector->lock);
  soup_server_message_set_status (message, SOUP_STATUS_OK, NULL);
}

/* Starts @collector's server and thread; returns its endpoint. */
static char *
collector_start (Collector *collector)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;
  char *endpoint;

  g_mutex_init (&collector->lock);
  collector->context = g_main_context_new ();
  collector->loop = g_main_loop_new (collector->context, FALSE);
  g_main_context_push_thread_default (collector->context);
  collector->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (collector->server, "/v1/traces", on_collect, collector, NULL);
  soup_server_add_handler (collector->server, "/v1/metrics", on_collect_metrics, collector, NULL);
  g_assert_true (soup_server_listen_local (collector->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  g_main_context_pop_thread_default (collector->context);
  uris = soup_server_get_uris (collector->server);
  endpoint = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uris->data));
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  collector->thread = g_thread_new ("collector", collector_main, collector);
  return endpoint;
}

static void
collector_stop (Collector *collector)
{
  g_main_loop_quit (collector->loop);
  g_thread_join (collector->thread);
  g_object_unref (collector->server);
  g_main_loop_unref (collector->loop);
  g_main_context_unref (collector->context);
  g_mutex_clear (&collector->lock);
}

/* A queue of one span, never exported on the timer: the other spans are
 * dropped and counted, and the one kept goes out when the client does. */
static void
test_bounded_queue (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  Collector collector = { 0, };
  GredisClient *client;
  g_autofree char *uri = NULL;
  g_autofree char *endpoint = NULL;

  g_assert_no_error (error);
  endpoint = collector_start (&collector);

  /* Without the configuration's keys, the environment's, as
   * OpenTelemetry's SDKs read them. */
  g_setenv ("OTEL_EXPORTER_OTLP_ENDPOINT", endpoint, TRUE);
  g_setenv ("OTEL_BSP_SCHEDULE_DELAY", "3600000", TRUE);
  g_setenv ("OTEL_BSP_MAX_QUEUE_SIZE", "1", TRUE);
  uri = gredis_test_server_get_uri (redis);
  client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  gredis_config_set_observe (gredis_client_get_config (client), "otlp");
  for (guint i = 0; i < 5; i++)
    {
      const char *ping[] = { "PING", NULL };
      g_autoptr(GredisReply) reply = gredis_client_command (client, ping, NULL, &error);

      g_assert_no_error (error);
    }
  gredis_client_close (client);
  g_object_unref (client);
  g_unsetenv ("OTEL_EXPORTER_OTLP_ENDPOINT");
  g_unsetenv ("OTEL_BSP_SCHEDULE_DELAY");
  g_unsetenv ("OTEL_BSP_MAX_QUEUE_SIZE");

  /* The client and its observer are gone: the last export was made
   * (the observer's thread joined) before g_object_unref() returned,
   * unless something still held the client's router. */
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    guint n_posts = 0;

    while (n_posts == 0 && g_get_monotonic_time () < deadline)
      {
        g_main_context_iteration (NULL, FALSE);
        g_mutex_lock (&collector.lock);
        n_posts = collector.n_posts;
        g_mutex_unlock (&collector.lock);
        g_usleep (10000);
      }
  }
  g_mutex_lock (&collector.lock);
  g_assert_cmpuint (collector.n_posts, ==, 1);
  g_assert_cmpuint (collector.n_spans, ==, 1);
  g_assert_cmpint (collector.dropped, ==, 4);
  g_mutex_unlock (&collector.lock);

  collector_stop (&collector);
}

#define N_SAMPLED_COMMANDS 20

/* Runs N_SAMPLED_COMMANDS commands through a client observed by `otlp`,
 * with the configuration's otlp-sample-ratio set to @ratio (through its
 * double property) unless it is negative, and OTEL_TRACES_SAMPLER_ARG
 * set to @env unless it is NULL. The observer exports once, when the
 * client goes: its histogram, and the spans it sampled, whose number is
 * returned. */
static guint
count_sampled_spans (double      ratio,
                     const char *env)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  Collector collector = { 0, };
  GredisClient *client;
  GredisConfig *config;
  g_autofree char *uri = NULL;
  g_autofree char *endpoint = NULL;
  guint n_spans;

  g_assert_no_error (error);
  endpoint = collector_start (&collector);

  if (env != NULL)
    g_setenv ("OTEL_TRACES_SAMPLER_ARG", env, TRUE);
  else
    g_unsetenv ("OTEL_TRACES_SAMPLER_ARG");
  uri = gredis_test_server_get_uri (redis);
  client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  config = gredis_client_get_config (client);
  /* One export only, when the client goes. */
  g_object_set (config,
                "observe", "otlp",
                "otlp-endpoint", endpoint,
                "otlp-interval-ms", 3600000,
                "otlp-max-queue", 1000,
                NULL);
  if (ratio >= 0.0)
    g_object_set (config, "otlp-sample-ratio", ratio, NULL);
  for (guint i = 0; i < N_SAMPLED_COMMANDS; i++)
    {
      const char *ping[] = { "PING", NULL };
      g_autoptr(GredisReply) reply = gredis_client_command (client, ping, NULL, &error);

      g_assert_no_error (error);
    }
  gredis_client_close (client);
  g_object_unref (client);
  g_unsetenv ("OTEL_TRACES_SAMPLER_ARG");

  /* The histogram of every command is posted after the spans of the
   * same export: once it is here, so are the spans. */
  {
    gint64 deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
    guint n_metric_posts = 0;

    while (n_metric_posts == 0 && g_get_monotonic_time () < deadline)
      {
        g_mutex_lock (&collector.lock);
        n_metric_posts = collector.n_metric_posts;
        g_mutex_unlock (&collector.lock);
        g_usleep (10000);
      }
  }
  g_mutex_lock (&collector.lock);
  g_assert_cmpuint (collector.n_metric_posts, ==, 1);
  n_spans = collector.n_spans;
  /* Spans are posted only when some were sampled. */
  g_assert_cmpuint (collector.n_posts, ==, n_spans > 0 ? 1 : 0);
  g_mutex_unlock (&collector.lock);

  collector_stop (&collector);
  return n_spans;
}

/* A ratio of 0 exports no span, 1 every span, whatever the environment
 * says; unset, the environment's ratio applies, else 1. */
static void
test_sample_ratio (void)
{
  guint n;

  n = count_sampled_spans (0.0, "1");
  g_test_message ("ratio 0, OTEL_TRACES_SAMPLER_ARG=1: %u spans", n);
  g_assert_cmpuint (n, ==, 0);

  n = count_sampled_spans (1.0, "0");
  g_test_message ("ratio 1, OTEL_TRACES_SAMPLER_ARG=0: %u spans", n);
  g_assert_cmpuint (n, ==, N_SAMPLED_COMMANDS);

  n = count_sampled_spans (-1.0, "0");
  g_test_message ("ratio unset, OTEL_TRACES_SAMPLER_ARG=0: %u spans", n);
  g_assert_cmpuint (n, ==, 0);

  n = count_sampled_spans (-1.0, NULL);
  g_test_message ("ratio unset, no OTEL_TRACES_SAMPLER_ARG: %u spans", n);
  g_assert_cmpuint (n, ==, N_SAMPLED_COMMANDS);
}

/* The observer's property is a double from 0 to 1 that the
 * configuration sets when its ratio is set, and only then. */
static void
test_plugin_property (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GObject) observer = NULL;
  g_autoptr(GredisConfig) config = gredis_config_new ();
  GParamSpec *pspec;
  double ratio = -1.0;

  g_setenv ("OTEL_TRACES_SAMPLER_ARG", "0.5", TRUE);
  observer = gredis_plugins_create (GREDIS_PLUGIN_OBSERVER, "otlp", &error);
  g_unsetenv ("OTEL_TRACES_SAMPLER_ARG");
  g_assert_no_error (error);
  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (observer), "otlp-sample-ratio");
  g_assert_true (G_IS_PARAM_SPEC_DOUBLE (pspec));
  g_assert_cmpfloat (G_PARAM_SPEC_DOUBLE (pspec)->minimum, ==, 0.0);
  g_assert_cmpfloat (G_PARAM_SPEC_DOUBLE (pspec)->maximum, ==, 1.0);
  g_assert_cmpfloat (G_PARAM_SPEC_DOUBLE (pspec)->default_value, ==, 1.0);

  /* Unset: the environment's ratio stays. */
  g_assert_true (gredis_config_apply_to_plugin (config, observer, &error));
  g_assert_no_error (error);
  g_object_get (observer, "otlp-sample-ratio", &ratio, NULL);
  g_assert_cmpfloat (ratio, ==, 0.5);

  gredis_config_set_otlp_sample_ratio (config, 0.25);
  g_assert_true (gredis_config_apply_to_plugin (config, observer, &error));
  g_assert_no_error (error);
  g_object_get (observer, "otlp-sample-ratio", &ratio, NULL);
  g_assert_cmpfloat (ratio, ==, 0.25);
}

/* An OTEL_TRACES_SAMPLER_ARG that is not a ratio is ignored, with a
 * warning: every command is sampled. */
static void
test_bad_environment (void)
{
  if (g_test_subprocess ())
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GObject) observer = NULL;
      double ratio = -1.0;

      g_log_set_always_fatal (G_LOG_FATAL_MASK);
      observer = gredis_plugins_create (GREDIS_PLUGIN_OBSERVER, "otlp", &error);
      g_assert_no_error (error);
      g_object_get (observer, "otlp-sample-ratio", &ratio, NULL);
      g_print ("ratio %g\n", ratio);
      return;
    }
  g_setenv ("OTEL_TRACES_SAMPLER_ARG", "0,5", TRUE);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_unsetenv ("OTEL_TRACES_SAMPLER_ARG");
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*OTEL_TRACES_SAMPLER_ARG*");
  g_test_trap_assert_stdout ("ratio 1\n");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/observe/otlp/config", test_config);
  g_test_add_func ("/observe/otlp/spans", test_spans);
  g_test_add_func ("/observe/otlp/bounded-queue", test_bounded_queue);
  g_test_add_func ("/observe/otlp/sample-ratio", test_sample_ratio);
  g_test_add_func ("/observe/otlp/plugin-property", test_plugin_property);
  g_test_add_func ("/observe/otlp/bad-environment", test_bad_environment);

  return g_test_run ();
}
