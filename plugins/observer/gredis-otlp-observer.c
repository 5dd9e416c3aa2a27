/* gredis-otlp-observer.c: the `otlp` observer, spans over OTLP/HTTP
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gio/gio.h>
#include <libsoup/soup.h>
#include <math.h>
#include <string.h>

#include "gredis-otlp-observer.h"

/* GredisOtlpObserver: a span per command, sampled, sent as OTLP/HTTP
 * JSON to a collector. Configured from the client's GredisConfig (its
 * otlp-* keys are properties of the observer, set by
 * gredis_config_apply_to_plugin() when it is made), each key unset (or
 * 0) falling back to the environment, as OpenTelemetry's SDKs are:
 * - otlp-endpoint, OTEL_EXPORTER_OTLP_ENDPOINT: the collector's base
 *   URL (spans go to its /v1/traces; none set: http://localhost:4318);
 * - otlp-sample-ratio, OTEL_TRACES_SAMPLER_ARG: the ratio of commands
 *   sampled, 0 to 1 (default 1; a double, which the configuration sets
 *   only when its option is set);
 * - otlp-interval-ms, OTEL_BSP_SCHEDULE_DELAY: milliseconds between
 *   batches (default 5000);
 * - otlp-max-queue, OTEL_BSP_MAX_QUEUE_SIZE: spans kept between batches
 *   at most (default 2048); more are dropped and counted, never waited
 *   for.
 * The exporting thread starts with the first command observed: the
 * interval is read then.
 *
 * A span has the command's name, server, database, batch size, key
 * count (gredis.key_count) and error type; never its arguments. Every
 * command, sampled or not, also counts in the histogram
 * db.client.operation.duration (by name, server and error type, with
 * OpenTelemetry's bounds in seconds), sent cumulatively to /v1/metrics
 * with each batch.
 * Batches are sent from a thread of the observer's, so that a slow
 * collector never holds a command back. */

typedef struct
{
  const char *name;            /* interned */
  const char *server_address;  /* interned */
  const char *error_type;      /* interned or static */
  guint server_port;
  guint db;
  guint batch_size;
  guint n_keys;
  gint64 start_unix_ns;
  gint64 end_unix_ns;
  guint64 span_id;
} Span;

static const double bounds_s[] = { 0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 10 };
#define N_BUCKETS (G_N_ELEMENTS (bounds_s) + 1)

/* One data point of db.client.operation.duration. */
typedef struct
{
  const char *name;            /* interned, as the strings below */
  const char *server_address;
  const char *error_type;
  guint server_port;
  guint64 count;
  double sum;
  guint64 buckets[N_BUCKETS];
} Point;

struct _GredisOtlpObserver
{
  GObject parent_instance;

  GMutex lock;
  char *url;                   /* under the lock */
  char *metrics_url;           /* under the lock */
  double ratio;                /* under the lock */
  guint interval_ms;           /* read when the thread starts */
  guint max_queue;             /* under the lock */
  gboolean started;            /* atomic: the thread runs */

  GArray *queue;               /* Span, under the lock */
  guint64 dropped;             /* under the lock */
  guint64 trace_hi, trace_lo;  /* this observer's trace id */
  GHashTable *points;          /* Point (its key fields) → itself, under the lock */
  gint64 start_unix_ns;

  GThread *thread;
  GMainContext *context;
  GMainLoop *loop;
  SoupSession *session;
};

static void gredis_otlp_observer_observer_init (GredisObserverInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (GredisOtlpObserver, gredis_otlp_observer, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_OBSERVER,
                                                      gredis_otlp_observer_observer_init))

enum {
  PROP_0,
  PROP_ENDPOINT,
  PROP_SAMPLE_RATIO,
  PROP_INTERVAL_MS,
  PROP_MAX_QUEUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void start_thread (GredisOtlpObserver *self);

static void
command_finished (GredisObserver           *observer,
                  const GredisCommandEvent *event)
{
  GredisOtlpObserver *self = (GredisOtlpObserver *) observer;
  gint64 end_unix_us;
  Span span;
  Point key = { event->name, event->server_address, event->error_type, event->server_port, 0, };
  Point *point;
  double seconds = MAX (event->duration, 0) / (double) G_USEC_PER_SEC;
  guint b = 0;
  double ratio;

  if (G_UNLIKELY (!g_atomic_int_get (&self->started)))
    start_thread (self);
  while (b < G_N_ELEMENTS (bounds_s) && seconds > bounds_s[b])
    b++;
  g_mutex_lock (&self->lock);
  point = g_hash_table_lookup (self->points, &key);
  if (point == NULL)
    {
      point = g_memdup2 (&key, sizeof key);
      g_hash_table_add (self->points, point);
    }
  point->count++;
  point->sum += seconds;
  point->buckets[b]++;
  ratio = self->ratio;
  g_mutex_unlock (&self->lock);

  if (ratio <= 0.0 || (ratio < 1.0 && g_random_double () >= ratio))
    return;
  end_unix_us = g_get_real_time () - (g_get_monotonic_time () - (event->start_time + event->duration));
  span.name = event->name;
  span.server_address = event->server_address;
  span.error_type = event->error_type;
  span.server_port = event->server_port;
  span.db = event->db;
  span.batch_size = event->batch_size;
  span.n_keys = event->n_keys;
  span.end_unix_ns = end_unix_us * 1000;
  span.start_unix_ns = (end_unix_us - event->duration) * 1000;
  span.span_id = ((guint64) g_random_int () << 32) | g_random_int ();
  if (span.span_id == 0)
    span.span_id = 1;

  g_mutex_lock (&self->lock);
  if (self->queue->len < self->max_queue)
    g_array_append_val (self->queue, span);
  else
    self->dropped++;
  g_mutex_unlock (&self->lock);
}

static void
gredis_otlp_observer_observer_init (GredisObserverInterface *iface)
{
  iface->command_finished = command_finished;
}

/* JSON */

static void
append_string (GString    *json,
               const char *text)
{
  g_string_append_c (json, '"');
  for (const char *p = text; p != NULL && *p != '\0'; p++)
    {
      if (*p == '"' || *p == '\\')
        g_string_append_printf (json, "\\%c", *p);
      else if ((guchar) *p < 0x20)
        g_string_append_printf (json, "\\u%04x", (guint) (guchar) *p);
      else
        g_string_append_c (json, *p);
    }
  g_string_append_c (json, '"');
}

static void
append_attribute (GString    *json,
                  gboolean    first,
                  const char *key,
                  const char *string_value,
                  gint64      int_value)
{
  if (!first)
    g_string_append_c (json, ',');
  g_string_append (json, "{\"key\":");
  append_string (json, key);
  if (string_value != NULL)
    {
      g_string_append (json, ",\"value\":{\"stringValue\":");
      append_string (json, string_value);
      g_string_append (json, "}}");
    }
  else
    g_string_append_printf (json, ",\"value\":{\"intValue\":\"%" G_GINT64_FORMAT "\"}}", int_value);
}

static GBytes *
spans_json (GredisOtlpObserver *self,
            const Span         *spans,
            guint               n_spans,
            guint64             dropped)
{
  GString *json = g_string_new ("{\"resourceSpans\":[{\"resource\":{\"attributes\":[");
  char trace_id[33];

  g_snprintf (trace_id, sizeof trace_id, "%016" G_GINT64_MODIFIER "x%016" G_GINT64_MODIFIER "x",
              self->trace_hi, self->trace_lo);
  append_attribute (json, TRUE, "service.name", g_get_prgname () != NULL ? g_get_prgname () : "gredis", 0);
  append_attribute (json, FALSE, "gredis.otlp.dropped_spans", NULL, (gint64) dropped);
  g_string_append (json, "]},\"scopeSpans\":[{\"scope\":{\"name\":\"gredis\"},\"spans\":[");
  for (guint i = 0; i < n_spans; i++)
    {
      const Span *span = &spans[i];
      g_autofree char *db = g_strdup_printf ("%u", span->db);

      if (i > 0)
        g_string_append_c (json, ',');
      g_string_append_printf (json, "{\"traceId\":\"%s\",\"spanId\":\"%016" G_GINT64_MODIFIER "x\","
                              "\"name\":", trace_id, span->span_id);
      append_string (json, span->name);
      g_string_append_printf (json, ",\"kind\":3,\"startTimeUnixNano\":\"%" G_GINT64_FORMAT "\","
                              "\"endTimeUnixNano\":\"%" G_GINT64_FORMAT "\",\"attributes\":[",
                              span->start_unix_ns, span->end_unix_ns);
      append_attribute (json, TRUE, "db.system.name", "redis", 0);
      append_attribute (json, FALSE, "db.operation.name", span->name, 0);
      append_attribute (json, FALSE, "db.namespace", db, 0);
      if (span->server_address != NULL)
        append_attribute (json, FALSE, "server.address", span->server_address, 0);
      if (span->server_port != 0)
        append_attribute (json, FALSE, "server.port", NULL, span->server_port);
      if (span->batch_size >= 2)
        append_attribute (json, FALSE, "db.operation.batch.size", NULL, span->batch_size);
      append_attribute (json, FALSE, "gredis.key_count", NULL, span->n_keys);
      if (span->error_type != NULL)
        append_attribute (json, FALSE, "error.type", span->error_type, 0);
      g_string_append (json, "]");
      if (span->error_type != NULL)
        g_string_append (json, ",\"status\":{\"code\":2}");
      g_string_append (json, "}");
    }
  g_string_append (json, "]}]}]}");
  return g_string_free_to_bytes (json);
}

static guint
point_hash (gconstpointer data)
{
  const Point *p = data;

  return g_direct_hash (p->name) ^ g_direct_hash (p->server_address) * 31 ^
         g_direct_hash (p->error_type) * 17 ^ p->server_port;
}

static gboolean
point_equal (gconstpointer a,
             gconstpointer b)
{
  const Point *pa = a, *pb = b;

  return pa->name == pb->name && pa->server_address == pb->server_address &&
         pa->error_type == pb->error_type && pa->server_port == pb->server_port;
}

/* Under the lock: the histogram as OTLP JSON, cumulative since the
 * observer was made. */
static GBytes *
metrics_json (GredisOtlpObserver *self)
{
  GString *json = g_string_new ("{\"resourceMetrics\":[{\"resource\":{\"attributes\":[");
  gint64 now_ns = g_get_real_time () * 1000;
  GHashTableIter iter;
  gpointer value;
  gboolean first = TRUE;

  append_attribute (json, TRUE, "service.name", g_get_prgname () != NULL ? g_get_prgname () : "gredis", 0);
  g_string_append (json, "]},\"scopeMetrics\":[{\"scope\":{\"name\":\"gredis\"},\"metrics\":[{"
                   "\"name\":\"db.client.operation.duration\",\"unit\":\"s\","
                   "\"histogram\":{\"aggregationTemporality\":2,\"dataPoints\":[");
  g_hash_table_iter_init (&iter, self->points);
  while (g_hash_table_iter_next (&iter, &value, NULL))
    {
      const Point *point = value;

      if (!first)
        g_string_append_c (json, ',');
      first = FALSE;
      g_string_append (json, "{\"attributes\":[");
      append_attribute (json, TRUE, "db.system.name", "redis", 0);
      append_attribute (json, FALSE, "db.operation.name", point->name, 0);
      if (point->server_address != NULL)
        append_attribute (json, FALSE, "server.address", point->server_address, 0);
      if (point->server_port != 0)
        append_attribute (json, FALSE, "server.port", NULL, point->server_port);
      if (point->error_type != NULL)
        append_attribute (json, FALSE, "error.type", point->error_type, 0);
      g_string_append_printf (json, "],\"startTimeUnixNano\":\"%" G_GINT64_FORMAT "\","
                              "\"timeUnixNano\":\"%" G_GINT64_FORMAT "\",\"count\":\"%" G_GUINT64_FORMAT "\","
                              "\"sum\":%.9f,\"bucketCounts\":[",
                              self->start_unix_ns, now_ns, point->count, point->sum);
      for (guint i = 0; i < N_BUCKETS; i++)
        g_string_append_printf (json, "%s\"%" G_GUINT64_FORMAT "\"", i > 0 ? "," : "", point->buckets[i]);
      g_string_append (json, "],\"explicitBounds\":[");
      for (guint i = 0; i < G_N_ELEMENTS (bounds_s); i++)
        g_string_append_printf (json, "%s%g", i > 0 ? "," : "", bounds_s[i]);
      g_string_append (json, "]}");
    }
  g_string_append (json, "]}}]}]}]}");
  return g_string_free_to_bytes (json);
}

static void
post (GredisOtlpObserver *self,
      const char         *url,
      GBytes             *body)
{
  g_autoptr(SoupMessage) message = soup_message_new ("POST", url);
  g_autoptr(GBytes) response = NULL;
  g_autoptr(GError) error = NULL;

  if (message == NULL)
    {
      g_debug ("The OTLP endpoint %s is not a URL", url);
      return;
    }
  soup_message_set_request_body_from_bytes (message, "application/json", body);
  response = soup_session_send_and_read (self->session, message, NULL, &error);
  if (response == NULL)
    g_debug ("Could not send to %s: %s", url, error->message);
  else if (!SOUP_STATUS_IS_SUCCESSFUL (soup_message_get_status (message)))
    g_debug ("The collector at %s refused a batch: %u", url, soup_message_get_status (message));
}

/* The exporting thread */

static void
export (GredisOtlpObserver *self)
{
  g_autoptr(GArray) spans = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autoptr(GBytes) metrics = NULL;
  g_autofree char *url = NULL;
  g_autofree char *metrics_url = NULL;
  guint64 dropped;

  g_mutex_lock (&self->lock);
  url = g_strdup (self->url);
  metrics_url = g_strdup (self->metrics_url);
  if (self->queue->len > 0)
    {
      spans = g_steal_pointer (&self->queue);
      self->queue = g_array_new (FALSE, FALSE, sizeof (Span));
    }
  dropped = self->dropped;
  /* Cumulative: sent at each interval once a command was counted. */
  if (g_hash_table_size (self->points) > 0)
    metrics = metrics_json (self);
  g_mutex_unlock (&self->lock);

  if (spans != NULL)
    {
      body = spans_json (self, (Span *) (void *) spans->data, spans->len, dropped);
      post (self, url, body);
    }
  if (metrics != NULL)
    post (self, metrics_url, metrics);
}

static gboolean
on_interval (gpointer user_data)
{
  export (user_data);
  return G_SOURCE_CONTINUE;
}

static gboolean
quit_loop (gpointer user_data)
{
  GredisOtlpObserver *self = user_data;

  /* What is left goes out before the thread ends. */
  export (self);
  g_main_loop_quit (self->loop);
  return G_SOURCE_REMOVE;
}

static gpointer
thread_main (gpointer user_data)
{
  GredisOtlpObserver *self = user_data;
  GSource *timer;

  g_main_context_push_thread_default (self->context);
  /* A collector that does not answer holds the export back, never the
   * commands; the queue meanwhile drops what it cannot keep. */
  self->session = soup_session_new_with_options ("timeout", 10, NULL);
  timer = g_timeout_source_new (self->interval_ms);
  g_source_set_callback (timer, on_interval, self, NULL);
  g_source_set_static_name (timer, "Gredis OTLP export");
  g_source_attach (timer, self->context);
  g_main_loop_run (self->loop);
  g_source_destroy (timer);
  g_source_unref (timer);
  g_clear_object (&self->session);
  g_main_context_pop_thread_default (self->context);
  return NULL;
}

/* Started with the first command observed, once the client's
 * configuration was applied. */
static void
start_thread (GredisOtlpObserver *self)
{
  g_mutex_lock (&self->lock);
  if (!self->started)
    {
      self->thread = g_thread_new ("gredis-otlp", thread_main, self);
      g_atomic_int_set (&self->started, TRUE);
    }
  g_mutex_unlock (&self->lock);
}

/* GObject */

static guint
env_uint (const char *name,
          guint       fallback)
{
  const char *text = g_getenv (name);
  guint64 value;

  if (text == NULL || !g_ascii_string_to_unsigned (text, 10, 1, G_MAXUINT, &value, NULL))
    return fallback;
  return (guint) value;
}

/* Under the lock, or before the thread starts. */
static void
set_endpoint (GredisOtlpObserver *self,
              const char         *endpoint)
{
  g_autofree char *base = NULL;

  if (endpoint == NULL || *endpoint == '\0')
    endpoint = g_getenv ("OTEL_EXPORTER_OTLP_ENDPOINT");
  if (endpoint == NULL || *endpoint == '\0')
    endpoint = "http://localhost:4318";
  base = g_strdup (endpoint);
  while (g_str_has_suffix (base, "/"))
    base[strlen (base) - 1] = '\0';
  g_free (self->url);
  g_free (self->metrics_url);
  self->url = g_strconcat (base, "/v1/traces", NULL);
  self->metrics_url = g_strconcat (base, "/v1/metrics", NULL);
}

/* OTEL_TRACES_SAMPLER_ARG, a number from 0 to 1 in the C locale; when
 * it is not, it is ignored with a warning, as OpenTelemetry's SDKs do. */
static double
env_ratio (void)
{
  const char *text = g_getenv ("OTEL_TRACES_SAMPLER_ARG");
  char *end = NULL;
  double ratio;

  if (text == NULL || *text == '\0')
    return 1.0;
  ratio = g_ascii_strtod (text, &end);
  if (end == text || *end != '\0' || !isfinite (ratio) || ratio < 0.0 || ratio > 1.0)
    {
      g_warning ("OTEL_TRACES_SAMPLER_ARG is not a number from 0 to 1; every command is sampled");
      return 1.0;
    }
  return ratio;
}

static void
gredis_otlp_observer_get_property (GObject    *object,
                                   guint       prop_id,
                                   GValue     *value,
                                   GParamSpec *pspec)
{
  GredisOtlpObserver *self = GREDIS_OTLP_OBSERVER (object);
  g_autofree char *base = NULL;

  g_mutex_lock (&self->lock);
  switch (prop_id)
    {
    case PROP_ENDPOINT:
      base = g_strndup (self->url, strlen (self->url) - strlen ("/v1/traces"));
      g_value_set_string (value, base);
      break;
    case PROP_SAMPLE_RATIO:
      g_value_set_double (value, self->ratio);
      break;
    case PROP_INTERVAL_MS:
      g_value_set_uint (value, self->interval_ms);
      break;
    case PROP_MAX_QUEUE:
      g_value_set_uint (value, self->max_queue);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  g_mutex_unlock (&self->lock);
}

static void
gredis_otlp_observer_set_property (GObject      *object,
                                   guint         prop_id,
                                   const GValue *value,
                                   GParamSpec   *pspec)
{
  GredisOtlpObserver *self = GREDIS_OTLP_OBSERVER (object);

  g_mutex_lock (&self->lock);
  switch (prop_id)
    {
    case PROP_ENDPOINT:
      set_endpoint (self, g_value_get_string (value));
      break;
    case PROP_SAMPLE_RATIO:
      self->ratio = g_value_get_double (value);
      break;
    case PROP_INTERVAL_MS:
      /* The thread's timer keeps the interval it started with. */
      if (!self->started)
        self->interval_ms = g_value_get_uint (value) > 0
                            ? g_value_get_uint (value)
                            : env_uint ("OTEL_BSP_SCHEDULE_DELAY", 5000);
      break;
    case PROP_MAX_QUEUE:
      self->max_queue = g_value_get_uint (value) > 0
                        ? g_value_get_uint (value)
                        : env_uint ("OTEL_BSP_MAX_QUEUE_SIZE", 2048);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
  g_mutex_unlock (&self->lock);
}

static void
gredis_otlp_observer_finalize (GObject *object)
{
  GredisOtlpObserver *self = GREDIS_OTLP_OBSERVER (object);

  if (self->thread != NULL)
    {
      g_main_context_invoke (self->context, quit_loop, self);
      g_thread_join (self->thread);
    }
  g_main_loop_unref (self->loop);
  g_main_context_unref (self->context);
  g_array_unref (self->queue);
  g_mutex_clear (&self->lock);
  g_free (self->url);
  g_free (self->metrics_url);
  g_hash_table_unref (self->points);

  G_OBJECT_CLASS (gredis_otlp_observer_parent_class)->finalize (object);
}

static void
gredis_otlp_observer_class_init (GredisOtlpObserverClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY;

  object_class->get_property = gredis_otlp_observer_get_property;
  object_class->set_property = gredis_otlp_observer_set_property;
  object_class->finalize = gredis_otlp_observer_finalize;

  /* Named as the GredisConfig keys, which set them (the ratio only when
   * it is set). %NULL or 0: the environment's value. */
  properties[PROP_ENDPOINT] =
    g_param_spec_string ("otlp-endpoint", NULL, NULL, NULL, flags);
  properties[PROP_SAMPLE_RATIO] =
    g_param_spec_double ("otlp-sample-ratio", NULL, NULL, 0.0, 1.0, 1.0, flags);
  properties[PROP_INTERVAL_MS] =
    g_param_spec_uint ("otlp-interval-ms", NULL, NULL, 0, G_MAXUINT, 0, flags);
  properties[PROP_MAX_QUEUE] =
    g_param_spec_uint ("otlp-max-queue", NULL, NULL, 0, G_MAXUINT, 0, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
gredis_otlp_observer_init (GredisOtlpObserver *self)
{
  set_endpoint (self, NULL);
  self->points = g_hash_table_new_full (point_hash, point_equal, g_free, NULL);
  self->start_unix_ns = g_get_real_time () * 1000;
  self->ratio = env_ratio ();
  self->interval_ms = env_uint ("OTEL_BSP_SCHEDULE_DELAY", 5000);
  self->max_queue = env_uint ("OTEL_BSP_MAX_QUEUE_SIZE", 2048);
  self->trace_hi = ((guint64) g_random_int () << 32) | g_random_int ();
  self->trace_lo = ((guint64) g_random_int () << 32) | g_random_int () | 1;

  g_mutex_init (&self->lock);
  self->queue = g_array_new (FALSE, FALSE, sizeof (Span));
  self->context = g_main_context_new ();
  self->loop = g_main_loop_new (self->context, FALSE);
}
