/* test-service.c: gredis-service on a private bus, activated from a test
 * service directory, called by a C client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Each test has its own redis-server, its own configuration and its own
 * bus (GTestDBus), whose service directory names the freshly built
 * gredis-service: the first call activates it.
 */
#include "config.h"

#include <gredis/gredis.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#include "gredis-test-server.h"

#define BUS_NAME "org.gredis.Service1"
#define OBJECT_PATH "/org/gredis/Service1"
#define INTERFACE "org.gredis.Service1"
#define ERROR_PREFIX "org.gredis.Service1.Error."

typedef struct {
  GredisTestServer *redis;
  char *dir;
  GTestDBus *bus;
  GDBusConnection *connection;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
}

static void
fixture_start (Fixture    *f,
               const char *extra_config)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = NULL;
  g_autofree char *config_path = NULL;
  g_autofree char *services = NULL;
  g_autofree char *service_file = NULL;
  g_autofree char *service_text = NULL;

  f->redis = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_assert_no_error (error);
  f->dir = g_dir_make_tmp ("gredis-service-XXXXXX", &error);
  g_assert_no_error (error);

  config = g_strdup_printf ("[gredis]\nhost=127.0.0.1\nport=%u\nprotocol=3\n"
                            "[service]\nidle-timeout-s=0\n%s\n",
                            gredis_test_server_get_port (f->redis), extra_config);
  config_path = g_build_filename (f->dir, "service.conf", NULL);
  g_file_set_contents (config_path, config, -1, &error);
  g_assert_no_error (error);

  services = g_build_filename (f->dir, "services", NULL);
  g_assert_cmpint (g_mkdir (services, 0700), ==, 0);
  service_text = g_strdup_printf ("[D-BUS Service]\nName=" BUS_NAME "\nExec=%s --config %s\n",
                                  GREDIS_SERVICE, config_path);
  service_file = g_build_filename (services, BUS_NAME ".service", NULL);
  g_file_set_contents (service_file, service_text, -1, &error);
  g_assert_no_error (error);

  f->bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_add_service_dir (f->bus, services);
  g_test_dbus_up (f->bus);
  f->connection = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
                                                          G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                          G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                          NULL, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  if (f->connection != NULL)
    g_dbus_connection_close_sync (f->connection, NULL, NULL);
  g_clear_object (&f->connection);
  if (f->bus != NULL)
    g_test_dbus_down (f->bus);
  g_clear_object (&f->bus);
  g_clear_pointer (&f->redis, gredis_test_server_stop);
  if (f->dir != NULL)
    remove_tree (f->dir);
  g_clear_pointer (&f->dir, g_free);
}

/* [b"SET", b"k", b"v"] from NUL-terminated strings (without the NUL). */
static GVariant *
argv_variant_v (const char *first,
                va_list     args)
{
  GVariantBuilder builder;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aay"));
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_variant_builder_add_value (&builder, g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, arg,
                                                                      strlen (arg), 1));
  return g_variant_builder_end (&builder);
}

static GVariant *
argv_variant (const char *first,
              ...)
{
  va_list args;
  GVariant *v;

  va_start (args, first);
  v = argv_variant_v (first, args);
  va_end (args);
  return v;
}

static GVariant *
ay (const void *data,
    gsize       length)
{
  return g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE, data, length, 1);
}

/* The bytes of @text, without a NUL. */
static GVariant *
ay_s (const char *text)
{
  return ay (text, strlen (text));
}

/* An `aay` of the given `ay` values (floating, consumed). */
static GVariant *
cmd (GVariant *first,
     ...)
{
  GVariantBuilder builder;
  va_list args;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aay"));
  va_start (args, first);
  for (GVariant *v = first; v != NULL; v = va_arg (args, GVariant *))
    g_variant_builder_add_value (&builder, v);
  va_end (args);
  return g_variant_builder_end (&builder);
}

/* An `aaay` of the given `aay` values (floating, consumed). */
static GVariant *
batch (GVariant *first,
       ...)
{
  GVariantBuilder builder;
  va_list args;

  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aaay"));
  va_start (args, first);
  for (GVariant *v = first; v != NULL; v = va_arg (args, GVariant *))
    g_variant_builder_add_value (&builder, v);
  va_end (args);
  return g_variant_builder_end (&builder);
}

static GVariant *
call (Fixture     *f,
      const char  *method,
      GVariant    *parameters,
      GError     **error)
{
  return g_dbus_connection_call_sync (f->connection, BUS_NAME, OBJECT_PATH, INTERFACE, method,
                                      parameters, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, error);
}

/* Execute(argv) and the reply, unboxed; NULL with @error on failure. */
static GVariant *
execute (Fixture     *f,
         GError     **error,
         const char  *first,
         ...)
{
  va_list args;
  GVariant *argv;
  g_autoptr(GVariant) result = NULL;
  GVariant *reply = NULL;

  va_start (args, first);
  argv = argv_variant_v (first, args);
  va_end (args);
  result = call (f, "Execute", g_variant_new_tuple (&argv, 1), error);
  if (result != NULL)
    g_variant_get (result, "(v)", &reply);
  return reply;
}

static void
assert_remote_error (const GError *error,
                     const char   *name)
{
  g_autofree char *remote = NULL;

  g_assert_nonnull (error);
  remote = g_dbus_error_get_remote_error (error);
  if (g_strcmp0 (remote, name) != 0)
    g_error ("expected %s, got %s: %s", name, remote, error->message);
}

static void
assert_reply (GVariant   *reply,
              const char *text)
{
  g_autofree char *printed = NULL;

  g_assert_nonnull (reply);
  printed = g_variant_print (reply, TRUE);
  g_assert_cmpstr (printed, ==, text);
  g_variant_unref (reply);
}

/* Every reply kind through the variant mapping. */
static void
test_reply_kinds (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  static const guint8 binary[] = { 0xff, 0x00, 0x01 };
  GVariant *set_argv[1];
  g_autoptr(GVariant) result = NULL;

  /* EVAL is dangerous: allowed here by name, to make the server send the
   * RESP3 kinds that no ordinary command sends. */
  fixture_start (f, "[session-bus]\nallow=*;EVAL\n");

  assert_reply (execute (f, &error, "SET", "k", "v", NULL), "'OK'");                    /* simple string */
  assert_reply (execute (f, &error, "GET", "k", NULL), "'v'");                          /* string */
  assert_reply (execute (f, &error, "GET", "missing", NULL), "@as []");                 /* nil */
  assert_reply (execute (f, &error, "INCR", "n", NULL), "int64 1");                     /* integer */
  assert_reply (execute (f, &error, "ZADD", "z", "1.5", "m", NULL), "int64 1");
  assert_reply (execute (f, &error, "ZSCORE", "z", "m", NULL), "1.5");                  /* double */
  assert_reply (execute (f, &error, "RPUSH", "l", "a", "b", NULL), "int64 2");
  assert_reply (execute (f, &error, "LRANGE", "l", "0", "-1", NULL), "[<'a'>, <'b'>]");  /* array */
  assert_reply (execute (f, &error, "SADD", "s", "x", NULL), "int64 1");
  assert_reply (execute (f, &error, "SMEMBERS", "s", NULL), "[<'x'>]");                 /* set */
  assert_reply (execute (f, &error, "HSET", "h", "f", "1", NULL), "int64 1");
  assert_reply (execute (f, &error, "HGETALL", "h", NULL), "{'f': <'1'>}");             /* map */
  assert_reply (execute (f, &error, "EVAL", "redis.setresp(3); return true", "0", NULL),
                "true");                                                                 /* boolean */
  assert_reply (execute (f, &error, "EVAL",
                         "redis.setresp(3); return {big_number='1234567890123456789012345678901234567890'}",
                         "0", NULL),
                "'1234567890123456789012345678901234567890'");                           /* big number */
  assert_reply (execute (f, &error, "EVAL",
                         "redis.setresp(3); return {verbatim_string={format='txt', string='hello'}}",
                         "0", NULL),
                "'hello'");                                                              /* verbatim */
  g_assert_no_error (error);

  /* Binary strings: ay both ways. */
  set_argv[0] = cmd (ay_s ("SET"), ay_s ("bin"), ay (binary, sizeof binary), NULL);
  g_clear_pointer (&result, g_variant_unref);
  result = call (f, "Execute", g_variant_new_tuple (set_argv, 1), &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) reply = execute (f, &error, "GET", "bin", NULL);
    gsize n = 0;
    const guint8 *data;

    g_assert_no_error (error);
    g_assert_true (g_variant_is_of_type (reply, G_VARIANT_TYPE_BYTESTRING));
    data = g_variant_get_fixed_array (reply, &n, 1);
    g_assert_cmpmem (data, n, binary, sizeof binary);
  }

  /* A map whose keys are not text: a(vv). */
  {
    GVariant *hset[1] = { cmd (ay_s ("HSET"), ay_s ("hb"), ay ("\xff", 1), ay_s ("v"), NULL) };
    g_autoptr(GVariant) r = call (f, "Execute", g_variant_new_tuple (hset, 1), &error);

    g_assert_no_error (error);
    assert_reply (execute (f, &error, "HGETALL", "hb", NULL), "[(<[byte 0xff]>, <'v'>)]");
    g_assert_no_error (error);
  }

  /* An error reply: Execute fails with .Redis and the server's text. */
  g_assert_null (execute (f, &error, "INCR", "k", NULL));
  assert_remote_error (error, ERROR_PREFIX "Redis");
  g_assert_nonnull (strstr (error->message, "ERR value is not an integer"));
  g_clear_error (&error);

  /* ExecuteMany: one pipeline, an error reply is (ss) in its place. */
  g_clear_pointer (&result, g_variant_unref);
  result = call (f, "ExecuteMany",
                 g_variant_new ("(@aaay)", batch (argv_variant ("INCR", "n", NULL),
                                                  argv_variant ("INCR", "k", NULL),
                                                  argv_variant ("GET", "missing", NULL), NULL)),
                 &error);
  g_assert_no_error (error);
  {
    g_autofree char *printed = g_variant_print (result, FALSE);
    g_assert_cmpstr (printed, ==,
                     "([<int64 2>, <('server', 'ERR value is not an integer or out of range')>, <@as []>],)");
  }
}

static void
test_properties (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GVariant) state = NULL;
  g_autoptr(GVariant) version = NULL;
  const char *v;

  fixture_start (f, "");
  /* A call activates the service and waits for Redis to answer. */
  assert_reply (execute (f, &error, "PING", NULL), "'PONG'");
  /* The PING above ran; the service's own health check may still be on
   * its way, so wait for the state it reports. */
  for (;;)
    {
      g_clear_pointer (&result, g_variant_unref);
      result = g_dbus_connection_call_sync (f->connection, BUS_NAME, OBJECT_PATH,
                                            "org.freedesktop.DBus.Properties", "GetAll",
                                            g_variant_new ("(s)", INTERFACE), NULL,
                                            G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
      g_assert_no_error (error);
      g_clear_pointer (&state, g_variant_unref);
      g_clear_pointer (&version, g_variant_unref);
      {
        g_autoptr(GVariant) dict = g_variant_get_child_value (result, 0);
        state = g_variant_lookup_value (dict, "ConnectionState", G_VARIANT_TYPE_STRING);
        version = g_variant_lookup_value (dict, "ServerVersion", G_VARIANT_TYPE_STRING);
      }
      if (g_strcmp0 (g_variant_get_string (state, NULL), "ready") == 0 &&
          g_variant_get_string (version, NULL)[0] != '\0')
        break;
      g_assert_cmpstr (g_variant_get_string (state, NULL), !=, "unavailable");
      g_usleep (20000);
    }
  v = g_variant_get_string (version, NULL);
  g_assert_true (g_ascii_isdigit (v[0]));
  g_assert_nonnull (strchr (v, '.'));
}

/* Each dangerous family, and each command that changes the shared
 * connection's state, is refused with .Denied and never reaches Redis. */
static void
test_denied_families (Fixture       *f,
                      gconstpointer  data)
{
  static const char * const denied[][5] = {
    { "FLUSHALL" }, { "FLUSHDB" }, { "CONFIG", "SET", "maxmemory", "1" }, { "CONFIG", "GET", "port" },
    { "DEBUG", "SLEEP", "0" }, { "SHUTDOWN", "NOSAVE" }, { "MODULE", "LIST" }, { "ACL", "LIST" },
    { "SCRIPT", "KILL" }, { "SCRIPT", "FLUSH" }, { "FUNCTION", "FLUSH" },
    { "EVAL", "return redis.call('FLUSHALL')", "0" }, { "FCALL", "f", "0" },
    { "CLIENT", "KILL", "127.0.0.1:1" }, { "CLIENT", "LIST" }, { "MONITOR" },
    { "REPLICAOF", "NO", "ONE" }, { "SLAVEOF", "NO", "ONE" }, { "SWAPDB", "0", "1" },
    { "BGSAVE" }, { "SAVE" }, { "CLUSTER", "INFO" }, { "FAILOVER" },
    /* connection state */
    { "MULTI" }, { "EXEC" }, { "DISCARD" }, { "WATCH", "k" }, { "UNWATCH" }, { "SELECT", "1" },
    { "SUBSCRIBE", "c" }, { "PSUBSCRIBE", "c*" }, { "SSUBSCRIBE", "c" }, { "UNSUBSCRIBE" },
    { "CLIENT", "REPLY", "OFF" }, { "CLIENT", "TRACKING", "ON" }, { "CLIENT", "SETNAME", "x" },
    { "HELLO", "3" }, { "AUTH", "secret" }, { "RESET" }, { "READONLY" }, { "READWRITE" },
    { "QUIT" },
    /* unknown */
    { "NOSUCHCOMMAND" },
  };
  g_autoptr(GError) error = NULL;

  fixture_start (f, "[session-bus]\nallow=*;FLUSHDB\ndeny=KEYS\n");
  assert_reply (execute (f, &error, "SET", "kept", "1", NULL), "'OK'");

  for (guint i = 0; i < G_N_ELEMENTS (denied); i++)
    {
      GVariantBuilder builder;
      GVariant *argv;
      g_autoptr(GVariant) result = NULL;

      /* FLUSHDB is allowed by name in this configuration: tested below. */
      if (g_strcmp0 (denied[i][0], "FLUSHDB") == 0)
        continue;
      g_variant_builder_init (&builder, G_VARIANT_TYPE ("aay"));
      for (guint j = 0; j < G_N_ELEMENTS (denied[i]) && denied[i][j] != NULL; j++)
        g_variant_builder_add_value (&builder, g_variant_new_fixed_array (G_VARIANT_TYPE_BYTE,
                                                                          denied[i][j],
                                                                          strlen (denied[i][j]), 1));
      argv = g_variant_builder_end (&builder);
      result = call (f, "Execute", g_variant_new_tuple (&argv, 1), &error);
      if (result != NULL)
        g_error ("%s was not refused", denied[i][0]);
      assert_remote_error (error, ERROR_PREFIX "Denied");
      g_clear_error (&error);
    }

  /* `deny` refuses an ordinary command. */
  g_assert_null (execute (f, &error, "KEYS", "*", NULL));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);

  /* Nothing above ran: the key is still there. */
  assert_reply (execute (f, &error, "GET", "kept", NULL), "'1'");

  /* A batch with one refused command runs none of its commands. */
  g_assert_null (call (f, "ExecuteMany",
                       g_variant_new ("(@aaay)", batch (argv_variant ("SET", "kept", "2", NULL),
                                                        argv_variant ("FLUSHALL", NULL), NULL)),
                       &error));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);
  assert_reply (execute (f, &error, "GET", "kept", NULL), "'1'");

  /* A dangerous command named in `allow` runs. */
  assert_reply (execute (f, &error, "FLUSHDB", NULL), "'OK'");
  assert_reply (execute (f, &error, "GET", "kept", NULL), "@as []");
  g_assert_no_error (error);
}

static void
test_too_large (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *big = g_malloc (2001);
  GVariantBuilder builder;

  memset (big, 'x', 2000);
  big[2000] = '\0';
  fixture_start (f, "max-request-bytes=1024\nmax-commands=3\n");

  g_assert_null (execute (f, &error, "SET", "k", big, NULL));
  assert_remote_error (error, ERROR_PREFIX "TooLarge");
  g_clear_error (&error);
  assert_reply (execute (f, &error, "EXISTS", "k", NULL), "int64 0");

  /* Over max-commands in one ExecuteMany. */
  g_variant_builder_init (&builder, G_VARIANT_TYPE ("aaay"));
  for (guint i = 0; i < 4; i++)
    g_variant_builder_add_value (&builder, argv_variant ("PING", NULL));
  g_assert_null (call (f, "ExecuteMany", g_variant_new ("(@aaay)", g_variant_builder_end (&builder)),
                       &error));
  assert_remote_error (error, ERROR_PREFIX "TooLarge");
  g_clear_error (&error);

  /* Under the bounds, the same calls go through. */
  big[1000] = '\0';
  assert_reply (execute (f, &error, "SET", "k", big, NULL), "'OK'");
  assert_reply (execute (f, &error, "STRLEN", "k", NULL), "int64 1000");
}

static void
test_rate_limit (Fixture       *f,
                 gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GDBusConnection) other = NULL;

  /* Five calls at once, then one per thousand seconds. */
  fixture_start (f, "rate-limit=0.001\nrate-burst=5\n");
  for (guint i = 0; i < 5; i++)
    assert_reply (execute (f, &error, "PING", NULL), "'PONG'");
  g_assert_null (execute (f, &error, "PING", NULL));
  assert_remote_error (error, ERROR_PREFIX "RateLimited");
  g_clear_error (&error);

  /* The limit is per caller: another connection still may call. */
  other = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                  G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GVariant) r = g_dbus_connection_call_sync (other, BUS_NAME, OBJECT_PATH, INTERFACE,
                                                         "Execute", g_variant_new ("(@aay)", argv_variant ("PING", NULL)),
                                                         NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error);
    g_assert_no_error (error);
  }
  g_dbus_connection_close_sync (other, NULL, NULL);
}

typedef struct {
  GMainLoop *loop;
  GPtrArray *messages;
} Received;

static void
on_message (GDBusConnection *connection,
            const char      *sender,
            const char      *path,
            const char      *interface,
            const char      *signal,
            GVariant        *parameters,
            gpointer         user_data)
{
  Received *received = user_data;

  g_ptr_array_add (received->messages, g_variant_print (parameters, FALSE));
  g_main_loop_quit (received->loop);
}

static gint64
numsub (Fixture    *f,
        const char *channel)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) reply = execute (f, &error, "PUBSUB", "NUMSUB", channel, NULL);
  g_autoptr(GVariant) count = NULL;
  g_autoptr(GVariant) boxed = NULL;

  g_assert_no_error (error);
  /* [channel, count] */
  g_assert_cmpuint (g_variant_n_children (reply), ==, 2);
  boxed = g_variant_get_child_value (reply, 1);
  count = g_variant_get_variant (boxed);
  return g_variant_get_int64 (count);
}

static void
test_publish_subscribe (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GVariant) result = NULL;
  g_autoptr(GDBusConnection) other = NULL;
  Received received = { g_main_loop_new (NULL, FALSE), g_ptr_array_new_with_free_func (g_free) };
  g_autofree char *path = NULL;
  guint sub;
  gint64 receivers;

  fixture_start (f, "");
  result = call (f, "Subscribe", g_variant_new ("(@aay)", argv_variant ("news", "weather", NULL)), &error);
  g_assert_no_error (error);
  g_variant_get (result, "(o)", &path);
  g_assert_true (g_str_has_prefix (path, OBJECT_PATH "/subscription/"));
  sub = g_dbus_connection_signal_subscribe (f->connection, NULL, INTERFACE ".Subscription", "Message",
                                            path, NULL, G_DBUS_SIGNAL_FLAGS_NONE, on_message,
                                            &received, NULL);
  g_assert_cmpint (numsub (f, "news"), ==, 1);

  {
    g_autoptr(GVariant) r = call (f, "Publish",
                                  g_variant_new ("(@ay@ay)", ay_s ("news"), ay ("h\0i", 3)), &error);
    g_assert_no_error (error);
    g_variant_get (r, "(x)", &receivers);
    g_assert_cmpint (receivers, ==, 1);
  }
  g_main_loop_run (received.loop);
  g_assert_cmpuint (received.messages->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (received.messages, 0), ==, "([0x6e, 0x65, 0x77, 0x73], [0x68, 0x00, 0x69])");

  /* Only the owner may end it. */
  other = g_dbus_connection_new_for_address_sync (g_test_dbus_get_bus_address (f->bus),
                                                  G_DBUS_CONNECTION_FLAGS_AUTHENTICATION_CLIENT |
                                                  G_DBUS_CONNECTION_FLAGS_MESSAGE_BUS_CONNECTION,
                                                  NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_null (g_dbus_connection_call_sync (other, BUS_NAME, path, INTERFACE ".Subscription",
                                              "Unsubscribe", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1,
                                              NULL, &error));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);

  /* A subscription of the other caller goes away when it leaves. */
  {
    g_autoptr(GVariant) r = g_dbus_connection_call_sync (other, BUS_NAME, OBJECT_PATH, INTERFACE,
                                                         "Subscribe",
                                                         g_variant_new ("(@aay)", argv_variant ("weather", NULL)),
                                                         NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                                         &error);
    g_assert_no_error (error);
  }
  g_assert_cmpint (numsub (f, "weather"), ==, 2);
  g_dbus_connection_close_sync (other, NULL, NULL);
  while (numsub (f, "weather") != 1)
    g_usleep (10000);

  /* Unsubscribe ends ours and removes the object. */
  g_clear_pointer (&result, g_variant_unref);
  result = g_dbus_connection_call_sync (f->connection, BUS_NAME, path, INTERFACE ".Subscription",
                                        "Unsubscribe", NULL, NULL, G_DBUS_CALL_FLAGS_NONE, -1, NULL,
                                        &error);
  g_assert_no_error (error);
  while (numsub (f, "news") != 0)
    g_usleep (10000);
  g_assert_null (g_dbus_connection_call_sync (f->connection, BUS_NAME, path,
                                              INTERFACE ".Subscription", "Unsubscribe", NULL, NULL,
                                              G_DBUS_CALL_FLAGS_NONE, -1, NULL, &error));
  g_assert_true (g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_METHOD) ||
                 g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_UNKNOWN_OBJECT));
  g_clear_error (&error);

  g_dbus_connection_signal_unsubscribe (f->connection, sub);
  g_main_loop_unref (received.loop);
  g_ptr_array_unref (received.messages);
}

/* Keys and channels restricted to prefixes for the caller's uid. */
static void
test_key_prefixes (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *config = g_strdup_printf ("[key-prefixes]\n%u=app:;shared:\n", (guint) getuid ());

  fixture_start (f, config);
  assert_reply (execute (f, &error, "SET", "app:k", "1", NULL), "'OK'");
  assert_reply (execute (f, &error, "MGET", "app:k", "shared:x", NULL), "[<'1'>, <@as []>]");
  assert_reply (execute (f, &error, "PING", NULL), "'PONG'");
  g_assert_no_error (error);

  g_assert_null (execute (f, &error, "GET", "other", NULL));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);
  g_assert_null (execute (f, &error, "MGET", "app:k", "other", NULL));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);
  /* Movable keys are found too. */
  g_assert_null (execute (f, &error, "ZUNIONSTORE", "app:dst", "2", "app:a", "other", NULL));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);
  /* Commands that reach keys they do not name. */
  g_assert_null (execute (f, &error, "SCAN", "0", NULL));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);
  g_assert_null (execute (f, &error, "RANDOMKEY", NULL));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);
  /* Channels. */
  g_assert_null (call (f, "Publish", g_variant_new ("(@ay@ay)", ay_s ("other"), ay_s ("m")), &error));
  assert_remote_error (error, ERROR_PREFIX "Denied");
  g_clear_error (&error);
  {
    g_autoptr(GVariant) r = call (f, "Publish", g_variant_new ("(@ay@ay)", ay_s ("app:news"), ay_s ("m")),
                                  &error);
    g_assert_no_error (error);
  }
}

static void
on_name_vanished (GDBusConnection *connection,
                  const char      *name,
                  gpointer         user_data)
{
  *(gboolean *) user_data = TRUE;
}

/* The service exits when idle, and the next call brings it back. */
static void
test_idle_exit (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  gboolean vanished = FALSE;
  guint watch;

  fixture_start (f, "idle-timeout-s=1\n");
  assert_reply (execute (f, &error, "SET", "k", "1", NULL), "'OK'");
  g_assert_no_error (error);
  watch = g_bus_watch_name_on_connection (f->connection, BUS_NAME, G_BUS_NAME_WATCHER_FLAGS_NONE,
                                          NULL, on_name_vanished, &vanished, NULL);
  while (!vanished)
    g_main_context_iteration (NULL, TRUE);
  g_bus_unwatch_name (watch);

  assert_reply (execute (f, &error, "GET", "k", NULL), "'1'");
  g_assert_no_error (error);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GTestDBus) warm_up = NULL;

  g_test_init (&argc, &argv, NULL);

  /* GTestDBus forks a watcher process on its first use; it must fork
   * before any thread is made (the redis-server fixture's GSubprocess makes
   * one), or the watcher never sees this process exit and keeps the test's
   * output open. */
  warm_up = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (warm_up);
  g_test_dbus_down (warm_up);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/service/reply-kinds", test_reply_kinds);
  ADD ("/service/properties", test_properties);
  ADD ("/service/denied-families", test_denied_families);
  ADD ("/service/too-large", test_too_large);
  ADD ("/service/rate-limit", test_rate_limit);
  ADD ("/service/publish-subscribe", test_publish_subscribe);
  ADD ("/service/key-prefixes", test_key_prefixes);
  ADD ("/service/idle-exit", test_idle_exit);
#undef ADD

  return g_test_run ();
}
