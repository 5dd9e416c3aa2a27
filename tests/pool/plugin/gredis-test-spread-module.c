/* gredis-test-spread-module.c: a pool plugin that spreads its connections
 * over several servers
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * A third-party pool as any would be written: public headers only. It
 * is registered as `test-spread`. Its servers are those of the
 * GREDIS_TEST_SPREAD_NODES environment variable (`host:port,host:port`),
 * or else the one of the configuration. Each acquisition makes a new
 * connection with gredis_connection_new_for_config(): to the request's
 * node when it names one, else to the server of its key slot (slot
 * modulo the number of servers), else to the next server in turn. A
 * connection given back is closed. It implements try_acquire (the
 * client's shared connections and pipelines ask for it) but not the
 * blocking acquire, so that the blocking API goes through the interface's
 * fallback.
 */
#include <gredis/gredis.h>

#define TEST_TYPE_SPREAD_POOL (test_spread_pool_get_type ())
G_DECLARE_FINAL_TYPE (TestSpreadPool, test_spread_pool, TEST, SPREAD_POOL, GObject)

struct _TestSpreadPool
{
  GObject parent_instance;

  GMutex lock;
  GredisConfig *config;
  GPtrArray *nodes;            /* GSocketConnectable */
  guint next;
  gboolean closed;
};

static void test_spread_pool_iface_init (GredisPoolInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestSpreadPool, test_spread_pool, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_POOL,
                                                      test_spread_pool_iface_init))

static void
test_spread_pool_configure (GredisPool   *pool,
                            GredisConfig *config)
{
  TestSpreadPool *self = TEST_SPREAD_POOL (pool);
  const char *env = g_getenv ("GREDIS_TEST_SPREAD_NODES");

  g_mutex_lock (&self->lock);
  g_set_object (&self->config, config);
  g_ptr_array_set_size (self->nodes, 0);
  if (env != NULL && *env != '\0')
    {
      g_auto(GStrv) nodes = g_strsplit (env, ",", -1);

      for (guint i = 0; nodes[i] != NULL; i++)
        {
          g_autoptr(GError) error = NULL;
          GSocketConnectable *node = g_network_address_parse (nodes[i], 6379, &error);

          if (node == NULL)
            g_warning ("Ignoring the server %s: %s", nodes[i], error->message);
          else
            g_ptr_array_add (self->nodes, node);
        }
    }
  if (self->nodes->len == 0)
    g_ptr_array_add (self->nodes, gredis_config_get_endpoint (config));
  g_mutex_unlock (&self->lock);
}

/* A new connection for @request, bound to the thread-default context. */
static GredisConnection *
make_connection (TestSpreadPool           *self,
                 const GredisPoolRequest  *request,
                 GError                  **error)
{
  g_autoptr(GredisConfig) config = NULL;
  g_autoptr(GSocketConnectable) node = NULL;

  g_mutex_lock (&self->lock);
  if (self->closed || self->config == NULL)
    {
      gboolean closed = self->closed;

      g_mutex_unlock (&self->lock);
      if (closed)
        g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED, "The pool is closed.");
      else
        g_set_error_literal (error, GREDIS_ERROR, GREDIS_ERROR_FAILED,
                             "The pool was not configured.");
      return NULL;
    }
  config = g_object_ref (self->config);
  if (request->node != NULL)
    node = g_object_ref (request->node);
  else if (request->slot != GREDIS_POOL_NO_SLOT)
    node = g_object_ref (g_ptr_array_index (self->nodes, (guint) request->slot % self->nodes->len));
  else
    node = g_object_ref (g_ptr_array_index (self->nodes, self->next++ % self->nodes->len));
  g_mutex_unlock (&self->lock);

  return gredis_connection_new_for_config (config, node, error);
}

static void
test_spread_pool_acquire_async (GredisPool              *pool,
                                const GredisPoolRequest *request,
                                GCancellable            *cancellable,
                                GAsyncReadyCallback      callback,
                                gpointer                 user_data)
{
  g_autoptr(GTask) task = g_task_new (pool, cancellable, callback, user_data);
  GredisConnection *connection;
  GError *error = NULL;

  g_task_set_source_tag (task, test_spread_pool_acquire_async);
  connection = make_connection (TEST_SPREAD_POOL (pool), request, &error);
  if (connection == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, connection, g_object_unref);
}

static GredisConnection *
test_spread_pool_acquire_finish (GredisPool    *pool,
                                 GAsyncResult  *result,
                                 GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, pool), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static GredisConnection *
test_spread_pool_try_acquire (GredisPool               *pool,
                              const GredisPoolRequest  *request,
                              GError                  **error)
{
  return make_connection (TEST_SPREAD_POOL (pool), request, error);
}

static gboolean
close_in_context (gpointer user_data)
{
  gredis_connection_close (user_data);
  return G_SOURCE_REMOVE;
}

static void
test_spread_pool_release (GredisPool       *pool,
                          GredisConnection *connection)
{
  GMainContext *context = gredis_connection_get_context (connection);

  /* In the connection's context: the one of whoever gives it back, or
   * the one that runs it. */
  if (g_main_context_acquire (context))
    {
      gredis_connection_close (connection);
      g_main_context_release (context);
      g_object_unref (connection);
    }
  else
    g_main_context_invoke_full (context, G_PRIORITY_DEFAULT, close_in_context,
                                connection, g_object_unref);
}

static void
test_spread_pool_close (GredisPool *pool)
{
  TestSpreadPool *self = TEST_SPREAD_POOL (pool);

  /* Connections in use are closed when they come back. */
  g_mutex_lock (&self->lock);
  self->closed = TRUE;
  g_mutex_unlock (&self->lock);
}

static void
test_spread_pool_iface_init (GredisPoolInterface *iface)
{
  iface->acquire_async = test_spread_pool_acquire_async;
  iface->acquire_finish = test_spread_pool_acquire_finish;
  iface->release = test_spread_pool_release;
  iface->close = test_spread_pool_close;
  iface->configure = test_spread_pool_configure;
  iface->try_acquire = test_spread_pool_try_acquire;
}

static void
test_spread_pool_finalize (GObject *object)
{
  TestSpreadPool *self = TEST_SPREAD_POOL (object);

  g_clear_object (&self->config);
  g_ptr_array_unref (self->nodes);
  g_mutex_clear (&self->lock);

  G_OBJECT_CLASS (test_spread_pool_parent_class)->finalize (object);
}

static void
test_spread_pool_class_init (TestSpreadPoolClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = test_spread_pool_finalize;
}

static void
test_spread_pool_init (TestSpreadPool *self)
{
  g_mutex_init (&self->lock);
  self->nodes = g_ptr_array_new_with_free_func (g_object_unref);
}

G_MODULE_EXPORT void g_io_gredis_test_spread_load (GIOModule *module);
G_MODULE_EXPORT void g_io_gredis_test_spread_unload (GIOModule *module);
G_MODULE_EXPORT char **g_io_gredis_test_spread_query (void);

void
g_io_gredis_test_spread_load (GIOModule *module)
{
  gredis_plugin_module_implement (module, GREDIS_PLUGIN_POOL, "test-spread",
                                  TEST_TYPE_SPREAD_POOL, -100);
}

void
g_io_gredis_test_spread_unload (GIOModule *module)
{
}

char **
g_io_gredis_test_spread_query (void)
{
  char *eps[] = { (char *) GREDIS_POOL_EXTENSION_POINT_NAME, NULL };
  return g_strdupv (eps);
}
