/* test-handshake.c: the handshake steps of a connection: what goes out, in
 * which order and in how many writes (over a socket pair that keeps
 * write boundaries), how replies are judged, steps added late, and steps
 * run again on the connection a client makes after a reconnect
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>
#include <sys/socket.h>

#include <gredis/gredis.h>

#include "gredis-client-private.h"
#include "gredis-connection-private.h"
#include "gredis-test-server.h"

/* A transport whose stream is one end of a SOCK_SEQPACKET socket pair:
 * each write of the connection arrives at the other end, @peer, as one
 * record, so the test can count them. */

#define TEST_TYPE_PAIR_TRANSPORT (test_pair_transport_get_type ())
G_DECLARE_FINAL_TYPE (TestPairTransport, test_pair_transport, TEST, PAIR_TRANSPORT, GObject)

struct _TestPairTransport
{
  GObject parent_instance;
  GSocket *peer;
  guint connect_timeout_ms;
};

static void test_pair_transport_iface_init (GredisTransportInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TestPairTransport, test_pair_transport, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (GREDIS_TYPE_TRANSPORT,
                                                      test_pair_transport_iface_init))

static void
test_pair_transport_connect_async (GredisTransport     *transport,
                                   GSocketConnectable  *endpoint,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  TestPairTransport *self = TEST_PAIR_TRANSPORT (transport);
  g_autoptr(GTask) task = g_task_new (transport, cancellable, callback, user_data);
  g_autoptr(GSocket) local = NULL;
  g_autoptr(GError) error = NULL;
  int fds[2];

  g_assert_null (self->peer);
  g_assert_cmpint (socketpair (AF_UNIX, SOCK_SEQPACKET | SOCK_CLOEXEC, 0, fds), ==, 0);
  local = g_socket_new_from_fd (fds[0], &error);
  g_assert_no_error (error);
  self->peer = g_socket_new_from_fd (fds[1], &error);
  g_assert_no_error (error);
  g_socket_set_blocking (self->peer, FALSE);
  g_task_return_pointer (task, g_socket_connection_factory_create_connection (local),
                         g_object_unref);
}

static GIOStream *
test_pair_transport_connect_finish (GredisTransport  *transport,
                                    GAsyncResult     *result,
                                    GError          **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
test_pair_transport_iface_init (GredisTransportInterface *iface)
{
  iface->connect_async = test_pair_transport_connect_async;
  iface->connect_finish = test_pair_transport_connect_finish;
}

static void
test_pair_transport_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  g_value_set_uint (value, TEST_PAIR_TRANSPORT (object)->connect_timeout_ms);
}

static void
test_pair_transport_set_property (GObject      *object,
                                  guint         prop_id,
                                  const GValue *value,
                                  GParamSpec   *pspec)
{
  TEST_PAIR_TRANSPORT (object)->connect_timeout_ms = g_value_get_uint (value);
}

static void
test_pair_transport_finalize (GObject *object)
{
  g_clear_object (&TEST_PAIR_TRANSPORT (object)->peer);
  G_OBJECT_CLASS (test_pair_transport_parent_class)->finalize (object);
}

static void
test_pair_transport_class_init (TestPairTransportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_pair_transport_get_property;
  object_class->set_property = test_pair_transport_set_property;
  object_class->finalize = test_pair_transport_finalize;
  g_object_class_override_property (object_class, 1, "connect-timeout-ms");
}

static void
test_pair_transport_init (TestPairTransport *self)
{
}

/* Reads every record waiting at @peer: how many, and their bytes. */
static guint
read_records (GSocket *peer,
              GString *bytes)
{
  guint n = 0;

  for (;;)
    {
      char buffer[65536];
      g_autoptr(GError) error = NULL;
      gssize length = g_socket_receive (peer, buffer, sizeof buffer, NULL, &error);

      if (length < 0)
        {
          g_assert_error (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK);
          return n;
        }
      g_assert_cmpint (length, >, 0);
      g_string_append_len (bytes, buffer, length);
      n++;
    }
}

static void
send_record (GSocket    *peer,
             const char *bytes)
{
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (g_socket_send (peer, bytes, strlen (bytes), NULL, &error), ==, strlen (bytes));
  g_assert_no_error (error);
}

/* Outcomes */

typedef struct
{
  gboolean done;
  GredisReply *reply;
  GError *error;
} Outcome;

static void
outcome_clear (Outcome *o)
{
  g_clear_pointer (&o->reply, gredis_reply_unref);
  g_clear_error (&o->error);
  o->done = FALSE;
}

static void
on_outcome (GredisConnection *connection,
            GredisReply      *reply,
            const GError     *error,
            gpointer          user_data)
{
  Outcome *o = user_data;

  g_assert_false (o->done);
  o->done = TRUE;
  o->reply = reply != NULL ? gredis_reply_ref (reply) : NULL;
  o->error = error != NULL ? g_error_copy (error) : NULL;
}

static void
on_opened (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Outcome *o = user_data;

  o->done = TRUE;
  gredis_connection_open_finish (GREDIS_CONNECTION (source), result, &o->error);
}

static void
on_client_outcome (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  Outcome *o = user_data;

  g_assert_false (o->done);
  o->done = TRUE;
  o->reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &o->error);
}

static void
wait_for (gboolean *flag)
{
  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
}

static void
send_strv (GredisConnection   *connection,
           const char * const *argv,
           Outcome            *o)
{
  gredis_connection_send_command_full (connection, g_strv_length ((char **) argv), argv, NULL,
                                       on_outcome, o);
}

static GredisConnection *
new_connection (GredisTransport *transport,
                const char      *parser_name,
                guint16          port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisParser) parser = gredis_parser_new_for_name (parser_name, &error);
  g_autoptr(GSocketConnectable) endpoint = g_network_address_new ("127.0.0.1", port);

  g_assert_no_error (error);
  return gredis_connection_new (transport, parser, endpoint);
}

static GredisConnection *
new_tcp_connection (GredisTestServer *server)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTransport) transport = gredis_transport_new_for_name ("tcp", &error);

  g_assert_no_error (error);
  return new_connection (transport, NULL, gredis_test_server_get_port (server));
}

/* Sends @argv on @connection and returns its reply, which must not be an
 * error. */
static GredisReply *
run (GredisConnection   *connection,
     const char * const *argv)
{
  Outcome o = { 0 };

  send_strv (connection, argv, &o);
  wait_for (&o.done);
  g_assert_no_error (o.error);
  g_assert_false (gredis_reply_is_error (o.reply));
  return o.reply;
}

static void
append_command (GString            *expected,
                const char * const *argv)
{
  g_autoptr(GByteArray) encoded = g_byte_array_new ();

  gredis_encode_command_strv (encoded, argv);
  g_string_append_len (expected, (const char *) encoded->data, encoded->len);
}

/* Every step goes out in one write, built-in steps first, the added ones
 * after them in the order they were added, and the commands queued
 * before the open only once the handshake is done; RESP2 and RESP3. */
static void
test_one_write (void)
{
  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autoptr(TestPairTransport) transport = g_object_new (TEST_TYPE_PAIR_TRANSPORT, NULL);
      g_autoptr(GredisConnection) connection = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      g_autoptr(GString) sent = g_string_new (NULL);
      const char *no_evict[] = { "CLIENT", "NO-EVICT", "on", NULL };
      const char *marker[] = { "INCR", "handshakes", NULL };
      const char *late[] = { "CLIENT", "SETNAME", "late", NULL };
      const char *ping[] = { "PING", NULL };
      Outcome open = { 0 }, o = { 0 };

      connection = new_connection (GREDIS_TRANSPORT (transport), "resp3", 1);
      gredis_connection_set_protocol (connection, protocol);
      gredis_connection_set_password (connection, "pw");
      gredis_connection_set_client_name (connection, "one-write");
      gredis_connection_set_database (connection, 3);
      gredis_connection_add_handshake_step (connection, no_evict, GREDIS_HANDSHAKE_NONE);
      send_strv (connection, ping, &o);
      gredis_connection_open_async (connection, NULL, on_opened, &open);
      /* Added after the open, before the transport has connected: still
       * part of the handshake. */
      gredis_connection_add_handshake_step (connection, marker, GREDIS_HANDSHAKE_NONE);

      while (transport->peer == NULL || !g_socket_condition_check (transport->peer, G_IO_IN))
        g_main_context_iteration (NULL, TRUE);
      g_assert_cmpuint (read_records (transport->peer, sent), ==, 1);

      if (protocol == 3)
        {
          const char *hello[] = { "HELLO", "3", "AUTH", "default", "pw", "SETNAME", "one-write", NULL };
          append_command (expected, hello);
        }
      else
        {
          const char *auth[] = { "AUTH", "pw", NULL };
          const char *setname[] = { "CLIENT", "SETNAME", "one-write", NULL };
          append_command (expected, auth);
          append_command (expected, setname);
        }
      {
        const char *lib_name[] = { "CLIENT", "SETINFO", "LIB-NAME", "gredis", NULL };
        const char *lib_ver[] = { "CLIENT", "SETINFO", "LIB-VER", GREDIS_VERSION_S, NULL };
        const char *select[] = { "SELECT", "3", NULL };

        append_command (expected, lib_name);
        append_command (expected, lib_ver);
        append_command (expected, select);
        append_command (expected, no_evict);
        append_command (expected, marker);
      }
      g_assert_cmpstr (sent->str, ==, expected->str);

      /* Added once the handshake is out: sent at once as well, after the
       * commands already queued. */
      gredis_connection_add_handshake_step (connection, late, GREDIS_HANDSHAKE_NONE);

      /* The replies; an old server refuses CLIENT SETINFO. */
      send_record (transport->peer, protocol == 3 ? "%1\r\n+proto\r\n:3\r\n" : "+OK\r\n+OK\r\n");
      send_record (transport->peer, "-ERR unknown subcommand\r\n-ERR unknown subcommand\r\n+OK\r\n");
      g_assert_false (open.done);
      send_record (transport->peer, "+OK\r\n:1\r\n");
      wait_for (&open.done);
      g_assert_no_error (open.error);
      g_assert_cmpint (gredis_connection_get_state (connection), ==, GREDIS_CONNECTION_STATE_READY);
      if (protocol == 3)
        g_assert_nonnull (gredis_connection_get_server_info (connection));

      /* The command queued before goes out now, then the late step. */
      while (!g_socket_condition_check (transport->peer, G_IO_IN))
        g_main_context_iteration (NULL, TRUE);
      g_string_truncate (sent, 0);
      g_string_truncate (expected, 0);
      read_records (transport->peer, sent);
      append_command (expected, ping);
      append_command (expected, late);
      g_assert_cmpstr (sent->str, ==, expected->str);
      send_record (transport->peer, "+PONG\r\n");
      wait_for (&o.done);
      g_assert_no_error (o.error);
      g_assert_cmpstr (gredis_reply_get_string (o.reply, NULL), ==, "PONG");
      outcome_clear (&o);

      /* Its error reply closes the connection. */
      send_record (transport->peer, "-ERR no\r\n");
      while (gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED)
        g_main_context_iteration (NULL, TRUE);
    }
}

/* Steps against a real server: applied on open, after SELECT. */
static void
test_applied (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  const char *setname[] = { "CLIENT", "SETNAME", "from-a-step", NULL };
  const char *marker[] = { "INCR", "handshakes", NULL };
  const char *info[] = { "CLIENT", "INFO", NULL };
  const char *get[] = { "GET", "handshakes", NULL };

  g_assert_no_error (error);
  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autoptr(GredisConnection) connection = new_tcp_connection (server);
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GredisReply) count = NULL;
      Outcome open = { 0 };

      gredis_connection_set_protocol (connection, protocol);
      gredis_connection_set_database (connection, 4);
      gredis_connection_add_handshake_step (connection, setname, GREDIS_HANDSHAKE_NONE);
      gredis_connection_add_handshake_step (connection, marker, GREDIS_HANDSHAKE_NONE);
      gredis_connection_open_async (connection, NULL, on_opened, &open);
      wait_for (&open.done);
      g_assert_no_error (open.error);

      reply = run (connection, info);
      g_assert_nonnull (strstr (gredis_reply_get_string (reply, NULL), " name=from-a-step "));
      /* In database 4: the step ran after SELECT. */
      count = run (connection, get);
      g_assert_cmpstr (gredis_reply_get_string (count, NULL), ==, protocol == 2 ? "1" : "2");
    }
}

/* An error reply to a step fails the open, and the commands queued, with
 * an error that names the step and keeps the server's text; with
 * GREDIS_HANDSHAKE_IGNORE_ERRORS the open goes on. */
static void
test_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  const char *unknown[] = { "NO-SUCH-COMMAND", "secret-argument", NULL };
  const char *bad_subcommand[] = { "CLIENT", "NO-SUCH-SUBCOMMAND", NULL };
  const char *ping[] = { "PING", NULL };

  g_assert_no_error (error);
  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autoptr(GredisConnection) connection = new_tcp_connection (server);
      g_autoptr(GredisConnection) tolerant = new_tcp_connection (server);
      Outcome open = { 0 }, o = { 0 };

      gredis_connection_set_protocol (connection, protocol);
      gredis_connection_add_handshake_step (connection, unknown, GREDIS_HANDSHAKE_NONE);
      send_strv (connection, ping, &o);
      gredis_connection_open_async (connection, NULL, on_opened, &open);
      wait_for (&o.done);
      g_assert_true (open.done);
      g_assert_error (open.error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
      g_assert_nonnull (strstr (open.error->message, "NO-SUCH-COMMAND"));
      g_assert_nonnull (strstr (open.error->message, "unknown command"));
      g_assert_error (o.error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
      g_assert_cmpstr (o.error->message, ==, open.error->message);
      g_assert_cmpint (gredis_connection_get_state (connection), ==, GREDIS_CONNECTION_STATE_CLOSED);
      outcome_clear (&open);
      outcome_clear (&o);

      gredis_connection_set_protocol (tolerant, protocol);
      gredis_connection_add_handshake_step (tolerant, unknown, GREDIS_HANDSHAKE_IGNORE_ERRORS);
      gredis_connection_add_handshake_step (tolerant, bad_subcommand, GREDIS_HANDSHAKE_IGNORE_ERRORS);
      send_strv (tolerant, ping, &o);
      gredis_connection_open_async (tolerant, NULL, on_opened, &open);
      wait_for (&o.done);
      g_assert_no_error (open.error);
      g_assert_no_error (o.error);
      g_assert_cmpstr (gredis_reply_get_string (o.reply, NULL), ==, "PONG");
      outcome_clear (&open);
      outcome_clear (&o);
    }

  /* A subcommand is named with its container. */
  {
    g_autoptr(GredisConnection) connection = new_tcp_connection (server);
    const char *no_evict[] = { "CLIENT", "NO-EVICT", "maybe", NULL };
    Outcome open = { 0 };

    gredis_connection_add_handshake_step (connection, no_evict, GREDIS_HANDSHAKE_NONE);
    gredis_connection_open_async (connection, NULL, on_opened, &open);
    wait_for (&open.done);
    g_assert_nonnull (open.error);
    g_assert_nonnull (strstr (open.error->message, "CLIENT NO-EVICT"));
    g_assert_null (strstr (open.error->message, "maybe:"));
    outcome_clear (&open);
  }
}

/* A check function judges every reply, error replies included. */

typedef struct
{
  guint calls;
  gboolean destroyed;
  const char *want;            /* the reply accepted, or NULL for an error */
} Check;

static gboolean
check_reply (GredisConnection  *connection,
             GredisReply       *reply,
             gpointer           user_data,
             GError           **error)
{
  Check *check = user_data;

  check->calls++;
  if (check->want == NULL ? gredis_reply_is_error (reply)
                          : g_strcmp0 (gredis_reply_get_string (reply, NULL), check->want) == 0)
    return TRUE;
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "the check refused “%s”",
               gredis_reply_get_string (reply, NULL));
  return FALSE;
}

static void
check_destroyed (gpointer user_data)
{
  ((Check *) user_data)->destroyed = TRUE;
}

static void
test_check_func (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  const char *echo[] = { "ECHO", "hello", NULL };
  const char *unknown[] = { "NO-SUCH-COMMAND", NULL };
  Check refuses = { 0, FALSE, "goodbye" }, accepts_error = { 0, FALSE, NULL };

  g_assert_no_error (error);
  {
    g_autoptr(GredisConnection) connection = new_tcp_connection (server);
    Outcome open = { 0 };

    gredis_connection_add_handshake_step_full (connection, echo, GREDIS_HANDSHAKE_NONE,
                                               check_reply, &refuses, check_destroyed);
    gredis_connection_open_async (connection, NULL, on_opened, &open);
    wait_for (&open.done);
    g_assert_error (open.error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
    g_assert_cmpstr (open.error->message, ==, "the check refused “hello”");
    g_assert_cmpuint (refuses.calls, ==, 1);
    outcome_clear (&open);
  }
  g_assert_true (refuses.destroyed);

  {
    g_autoptr(GredisConnection) connection = new_tcp_connection (server);
    Outcome open = { 0 };

    gredis_connection_add_handshake_step_full (connection, unknown, GREDIS_HANDSHAKE_NONE,
                                               check_reply, &accepts_error, NULL);
    gredis_connection_open_async (connection, NULL, on_opened, &open);
    wait_for (&open.done);
    g_assert_no_error (open.error);
    g_assert_cmpuint (accepts_error.calls, ==, 1);
    g_assert_cmpint (gredis_connection_get_state (connection), ==, GREDIS_CONNECTION_STATE_READY);
  }
}

/* A step added to an open connection is sent at once; a fatal error
 * then closes it. */
static void
test_added_late (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GredisReply) reply = NULL;
  const char *setname[] = { "CLIENT", "SETNAME", "added-late", NULL };
  const char *unknown[] = { "NO-SUCH-COMMAND", NULL };
  const char *info[] = { "CLIENT", "INFO", NULL };
  const char *ping[] = { "PING", NULL };
  Outcome open = { 0 }, o = { 0 };

  g_assert_no_error (error);
  connection = new_tcp_connection (server);
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  wait_for (&open.done);
  g_assert_no_error (open.error);

  gredis_connection_add_handshake_step (connection, setname, GREDIS_HANDSHAKE_NONE);
  reply = run (connection, info);
  g_assert_nonnull (strstr (gredis_reply_get_string (reply, NULL), " name=added-late "));

  gredis_connection_add_handshake_step (connection, unknown, GREDIS_HANDSHAKE_NONE);
  send_strv (connection, ping, &o);
  wait_for (&o.done);
  g_assert_error (o.error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  g_assert_nonnull (strstr (o.error->message, "NO-SUCH-COMMAND"));
  g_assert_cmpint (gredis_connection_get_state (connection), ==, GREDIS_CONNECTION_STATE_CLOSED);
  outcome_clear (&o);
}

/* The steps of a client run on every connection it makes: again on the
 * one that replaces a connection killed by the server. */

static GredisReply *
client_run (GredisClient       *client,
            const char * const *argv)
{
  Outcome o = { 0 };

  gredis_client_command_async (client, argv, NULL, on_client_outcome, &o);
  wait_for (&o.done);
  g_assert_no_error (o.error);
  return o.reply;
}

static void
test_reconnect (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisConnection) admin = NULL;
  g_autoptr(GredisConnection) first = NULL;
  g_autoptr(GredisConnection) second = NULL;
  g_autoptr(GredisHandshakeStep) setname = NULL;
  g_autoptr(GredisHandshakeStep) marker = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *id = NULL;
  const char *setname_argv[] = { "CLIENT", "SETNAME", "client-step", NULL };
  const char *marker_argv[] = { "INCR", "handshakes", NULL };
  const char *get[] = { "GET", "handshakes", NULL };
  const char *info[] = { "CLIENT", "INFO", NULL };
  const char *client_id[] = { "CLIENT", "ID", NULL };
  Outcome open = { 0 };

  g_assert_no_error (error);
  uri = gredis_test_server_get_uri (server);
  client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  setname = _gredis_handshake_step_new (NULL, setname_argv, NULL, GREDIS_HANDSHAKE_NONE,
                                        NULL, NULL, NULL);
  marker = _gredis_handshake_step_new (NULL, marker_argv, NULL, GREDIS_HANDSHAKE_NONE,
                                       NULL, NULL, NULL);
  _gredis_client_add_handshake_step (client, setname);
  _gredis_client_add_handshake_step (client, marker);

  {
    g_autoptr(GredisReply) count = client_run (client, get);
    g_autoptr(GredisReply) reply = client_run (client, info);
    g_autoptr(GredisReply) ident = client_run (client, client_id);

    g_assert_cmpstr (gredis_reply_get_string (count, NULL), ==, "1");
    g_assert_nonnull (strstr (gredis_reply_get_string (reply, NULL), " name=client-step "));
    id = g_strdup_printf ("%" G_GINT64_FORMAT, gredis_reply_get_integer (ident));
  }
  first = gredis_client_get_connection (client, &error);
  g_assert_no_error (error);

  /* Killed from another connection. */
  admin = new_tcp_connection (server);
  gredis_connection_open_async (admin, NULL, on_opened, &open);
  wait_for (&open.done);
  g_assert_no_error (open.error);
  {
    const char *kill[] = { "CLIENT", "KILL", "ID", id, NULL };
    g_autoptr(GredisReply) killed = run (admin, kill);

    g_assert_cmpint (gredis_reply_get_integer (killed), ==, 1);
  }
  while (gredis_connection_get_state (first) != GREDIS_CONNECTION_STATE_CLOSED)
    g_main_context_iteration (NULL, TRUE);

  /* The replacement ran the steps again. */
  {
    g_autoptr(GredisReply) count = client_run (client, get);
    g_autoptr(GredisReply) reply = client_run (client, info);

    g_assert_cmpstr (gredis_reply_get_string (count, NULL), ==, "2");
    g_assert_nonnull (strstr (gredis_reply_get_string (reply, NULL), " name=client-step "));
  }
  second = gredis_client_get_connection (client, &error);
  g_assert_no_error (error);
  g_assert_true (second != first);
  gredis_client_close (client);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/handshake/one-write", test_one_write);
  g_test_add_func ("/handshake/applied", test_applied);
  g_test_add_func ("/handshake/refused", test_refused);
  g_test_add_func ("/handshake/check-func", test_check_func);
  g_test_add_func ("/handshake/added-late", test_added_late);
  g_test_add_func ("/handshake/reconnect", test_reconnect);

  return g_test_run ();
}
