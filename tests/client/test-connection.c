/* test-connection.c: the connection engine against a fake server (stalls,
 * closes and garbage mid-reply, tombstones) and a real one (handshake)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"

#define GREDIS_VERSION_LENGTH 5
G_STATIC_ASSERT (sizeof (GREDIS_VERSION_S) - 1 == GREDIS_VERSION_LENGTH);

/* The handshake of a RESP2 connection without password, name or
 * database: two CLIENT SETINFO, the second ends with the version. */
static void
script_handshake (GredisFakeServer *fs)
{
  gredis_fake_server_add_expect (fs, "LIB-VER\r\n$" G_STRINGIFY (GREDIS_VERSION_LENGTH) "\r\n"
                                     GREDIS_VERSION_S "\r\n");
  /* Servers before 7.2 do not know CLIENT SETINFO: errors are ignored. */
  gredis_fake_server_add_send (fs, "-ERR unknown subcommand 'SETINFO'\r\n"
                                   "-ERR unknown subcommand 'SETINFO'\r\n", -1);
}

static gsize
handshake_length (void)
{
  const char *name[] = { "CLIENT", "SETINFO", "LIB-NAME", "gredis" };
  const char *version[] = { "CLIENT", "SETINFO", "LIB-VER", GREDIS_VERSION_S };

  return gredis_encoded_length (4, name, NULL) + gredis_encoded_length (4, version, NULL);
}

static GredisConnection *
new_connection (const char *host,
                guint16     port)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTransport) transport = gredis_transport_new_for_name ("tcp", &error);
  g_autoptr(GredisParser) parser = NULL;
  g_autoptr(GSocketConnectable) endpoint = g_network_address_new (host, port);

  g_assert_no_error (error);
  parser = gredis_parser_new_for_name (NULL, &error);
  g_assert_no_error (error);
  return gredis_connection_new (transport, parser, endpoint);
}

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
on_task_outcome (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Outcome *o = user_data;

  g_assert_false (o->done);
  o->done = TRUE;
  o->reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source), result,
                                                    &o->error);
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

static void
on_state (GObject    *object,
          GParamSpec *pspec,
          gpointer    user_data)
{
  GString *states = user_data;
  GEnumClass *klass = g_type_class_ref (GREDIS_TYPE_CONNECTION_STATE);

  g_string_append_printf (states, "%s ",
                          g_enum_get_value (klass, gredis_connection_get_state (GREDIS_CONNECTION (object)))->value_nick);
  g_type_class_unref (klass);
}

static void
test_stall_mid_reply (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GString) states = g_string_new (NULL);
  const char *ping[] = { "PING", NULL };
  const char *echo[] = { "ECHO", "x", NULL };
  Outcome open = { 0 }, first = { 0 }, second = { 0 };

  g_assert_no_error (error);
  script_handshake (fs);
  gredis_fake_server_add_expect (fs, "\r\nx\r\n");
  gredis_fake_server_add_send (fs, "+PO", -1);
  gredis_fake_server_add_stall (fs, 0);

  connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_set_command_timeout_ms (connection, 200);
  g_signal_connect (connection, "notify::state", G_CALLBACK (on_state), states);
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  send_strv (connection, ping, &first);
  send_strv (connection, echo, &second);
  wait_for (&second.done);

  g_assert_true (open.done);
  g_assert_no_error (open.error);
  g_assert_true (first.done);
  g_assert_error (first.error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT);
  g_assert_error (second.error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT);
  g_assert_cmpint (gredis_connection_get_state (connection), ==, GREDIS_CONNECTION_STATE_CLOSED);
  g_assert_cmpstr (states->str, ==, "connecting ready closed ");
  g_assert_cmpuint (gredis_connection_get_n_pending (connection), ==, 0);

  outcome_clear (&first);
  outcome_clear (&second);
}

static void
test_close_mid_reply (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GredisConnection) connection = NULL;
  const char *get[] = { "GET", "k", NULL };
  const char *ping[] = { "PING", NULL };
  Outcome first = { 0 }, second = { 0 }, later = { 0 };

  g_assert_no_error (error);
  script_handshake (fs);
  gredis_fake_server_add_expect (fs, "PING\r\n");
  gredis_fake_server_add_send (fs, "$10\r\nhello", -1);
  gredis_fake_server_add_close (fs);

  connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_open_async (connection, NULL, NULL, NULL);
  send_strv (connection, get, &first);
  send_strv (connection, ping, &second);
  wait_for (&second.done);

  g_assert_error (first.error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION);
  g_assert_error (second.error, GREDIS_ERROR, GREDIS_ERROR_CONNECTION);
  g_assert_cmpint (gredis_connection_get_state (connection), ==, GREDIS_CONNECTION_STATE_CLOSED);

  /* Commands sent on a closed connection fail, later, never inside the
   * call. */
  send_strv (connection, ping, &later);
  g_assert_false (later.done);
  wait_for (&later.done);
  g_assert_error (later.error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);

  outcome_clear (&first);
  outcome_clear (&second);
  outcome_clear (&later);
}

static void
test_tombstone (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) early = g_cancellable_new ();
  const char *a[] = { "ECHO", "a" };
  const char *b[] = { "ECHO", "b" };
  const char *c[] = { "ECHO", "c" };
  const char *go[] = { "ECHO", "go" };
  Outcome oa = { 0 }, ob = { 0 }, oc = { 0 }, ogo = { 0 }, open = { 0 };

  g_assert_no_error (error);
  script_handshake (fs);
  /* The server answers only when it has seen the last command, sent after
   * the cancellation: the cancelled command's reply comes after it was
   * cancelled, and must be dropped, not given to the next command. */
  gredis_fake_server_add_expect (fs, "\r\ngo\r\n");
  gredis_fake_server_add_send (fs, "$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n$2\r\ngo\r\n", -1);
  gredis_fake_server_add_stall (fs, 0);

  connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  wait_for (&open.done);
  g_assert_no_error (open.error);

  gredis_connection_send_command_async (connection, 2, a, NULL, cancellable, on_task_outcome, &oa);
  gredis_connection_send_command_async (connection, 2, b, NULL, NULL, on_task_outcome, &ob);
  gredis_connection_send_command_async (connection, 2, c, NULL, early, on_task_outcome, &oc);
  /* Cancelled before it was even written. */
  g_cancellable_cancel (early);
  /* Let the three reach the server, then cancel the first. */
  while (gredis_fake_server_get_n_received (fs) < handshake_length () + 3 * gredis_encoded_length (2, a, NULL))
    g_main_context_iteration (NULL, FALSE);
  g_cancellable_cancel (cancellable);
  wait_for (&oa.done);
  g_assert_error (oa.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  wait_for (&oc.done);
  g_assert_error (oc.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (ob.done);
  /* The tombstones still wait for their replies. */
  g_assert_cmpuint (gredis_connection_get_n_pending (connection), ==, 3);

  gredis_connection_send_command_async (connection, 2, go, NULL, NULL, on_task_outcome, &ogo);
  wait_for (&ogo.done);
  g_assert_true (ob.done);
  g_assert_no_error (ob.error);
  g_assert_cmpstr (gredis_reply_get_string (ob.reply, NULL), ==, "b");
  g_assert_no_error (ogo.error);
  g_assert_cmpstr (gredis_reply_get_string (ogo.reply, NULL), ==, "go");
  g_assert_cmpuint (gredis_connection_get_n_pending (connection), ==, 0);

  outcome_clear (&oa);
  outcome_clear (&ob);
  outcome_clear (&oc);
  outcome_clear (&ogo);
}

/* A reply callback that runs the main context itself (a nested loop)
 * while the next reply of its connection arrives: the engine must not
 * read from within the callback, and the next reply completes its own
 * command after the callback has returned. */
typedef struct
{
  GredisFakeServer *fs;
  Outcome first;
  Outcome second;
  gboolean second_done_inside;
} Nested;

static gboolean
set_flag (gpointer user_data)
{
  *(gboolean *) user_data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
on_first_nested (GredisConnection *connection,
                 GredisReply      *reply,
                 const GError     *error,
                 gpointer          user_data)
{
  Nested *n = user_data;
  const char *b[] = { "ECHO", "b", NULL };
  gsize target = gredis_fake_server_get_n_received (n->fs) + gredis_encoded_length (2, b, NULL);
  gboolean waited = FALSE;

  on_outcome (connection, reply, error, &n->first);
  send_strv (connection, b, &n->second);
  gredis_connection_flush (connection);
  /* Until the server has the command, then a while longer, so that its
   * reply is waiting on the socket during the nested loop. */
  while (gredis_fake_server_get_n_received (n->fs) < target)
    g_main_context_iteration (NULL, FALSE);
  g_timeout_add (100, set_flag, &waited);
  wait_for (&waited);
  n->second_done_inside = n->second.done;
}

static void
test_nested_loop (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GredisConnection) connection = NULL;
  const char *a[] = { "ECHO", "a", NULL };
  Nested n = { 0 };
  Outcome open = { 0 };

  g_assert_no_error (error);
  n.fs = fs;
  script_handshake (fs);
  gredis_fake_server_add_expect (fs, "\r\na\r\n");
  gredis_fake_server_add_send (fs, "$1\r\na\r\n", -1);
  gredis_fake_server_add_expect (fs, "\r\nb\r\n");
  gredis_fake_server_add_send (fs, "$1\r\nb\r\n", -1);
  gredis_fake_server_add_stall (fs, 0);

  connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  wait_for (&open.done);
  g_assert_no_error (open.error);

  gredis_connection_send_command_full (connection, 2, a, NULL, on_first_nested, &n);
  wait_for (&n.first.done);
  g_assert_no_error (n.first.error);
  g_assert_cmpstr (gredis_reply_get_string (n.first.reply, NULL), ==, "a");
  g_assert_false (n.second_done_inside);
  wait_for (&n.second.done);
  g_assert_no_error (n.second.error);
  g_assert_cmpstr (gredis_reply_get_string (n.second.reply, NULL), ==, "b");
  g_assert_cmpuint (gredis_connection_get_n_pending (connection), ==, 0);

  outcome_clear (&n.first);
  outcome_clear (&n.second);
  outcome_clear (&open);
}

static void
test_unexpected_reply (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GredisConnection) connection = NULL;
  Outcome open = { 0 };

  g_assert_no_error (error);
  script_handshake (fs);
  gredis_fake_server_add_send (fs, "+nobody asked\r\n", -1);
  gredis_fake_server_add_stall (fs, 0);

  connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  wait_for (&open.done);
  while (gredis_connection_get_state (connection) != GREDIS_CONNECTION_STATE_CLOSED)
    g_main_context_iteration (NULL, TRUE);
  g_clear_error (&open.error);
}

static void
test_garbage (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GredisConnection) connection = NULL;
  const char *ping[] = { "PING", NULL };
  Outcome o = { 0 };

  g_assert_no_error (error);
  script_handshake (fs);
  gredis_fake_server_add_expect (fs, "PING\r\n");
  gredis_fake_server_add_send (fs, "?this is not RESP\r\n", -1);
  gredis_fake_server_add_stall (fs, 0);

  connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_open_async (connection, NULL, NULL, NULL);
  send_strv (connection, ping, &o);
  wait_for (&o.done);
  g_assert_error (o.error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
  g_assert_cmpint (gredis_connection_get_state (connection), ==, GREDIS_CONNECTION_STATE_CLOSED);
  outcome_clear (&o);
}

static void
test_close_pending (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GredisConnection) connection = NULL;
  const char *ping[] = { "PING", NULL };
  Outcome o = { 0 }, open = { 0 }, again = { 0 };

  g_assert_no_error (error);
  script_handshake (fs);
  gredis_fake_server_add_stall (fs, 0);

  connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  wait_for (&open.done);
  g_assert_no_error (open.error);
  send_strv (connection, ping, &o);
  gredis_connection_close (connection);
  g_assert_true (o.done);
  g_assert_error (o.error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);

  /* A connection is opened once. */
  gredis_connection_open_async (connection, NULL, on_opened, &again);
  wait_for (&again.done);
  g_assert_error (again.error, GREDIS_ERROR, GREDIS_ERROR_FAILED);
  outcome_clear (&o);
  g_clear_error (&again.error);
}

static void
test_connect_refused (void)
{
  g_autoptr(GSocket) socket = g_socket_new (G_SOCKET_FAMILY_IPV4, G_SOCKET_TYPE_STREAM,
                                            G_SOCKET_PROTOCOL_TCP, NULL);
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) any = g_inet_socket_address_new (loopback, 0);
  g_autoptr(GSocketAddress) bound = NULL;
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GredisBackoffPolicy) backoff = NULL;
  g_autoptr(GError) error = NULL;
  const char *ping[] = { "PING", NULL };
  Outcome open = { 0 }, o = { 0 };
  guint16 port;

  /* A port nobody listens on: bound, never listening. */
  g_socket_bind (socket, any, FALSE, &error);
  g_assert_no_error (error);
  bound = g_socket_get_local_address (socket, &error);
  port = g_inet_socket_address_get_port (G_INET_SOCKET_ADDRESS (bound));

  backoff = gredis_backoff_policy_new_for_name ("constant", &error);
  g_assert_no_error (error);
  connection = new_connection ("127.0.0.1", port);
  gredis_connection_set_retries (connection, 2);
  gredis_connection_set_backoff_policy (connection, backoff);
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  send_strv (connection, ping, &o);
  wait_for (&o.done);
  g_assert_true (open.done);
  g_assert_nonnull (open.error);
  g_assert_nonnull (o.error);
  g_assert_true (o.error->domain == GREDIS_ERROR || o.error->domain == G_IO_ERROR);
  g_clear_error (&open.error);
  outcome_clear (&o);
}

static void
test_handshake (void)
{
  const char *args[] = { "--user", "bob", "on", ">bob-pw", "~*", "&*", "+@all", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, args, &error);
  g_autoptr(GredisConnection) connection = NULL;
  const char *info[] = { "CLIENT", "INFO", NULL };
  Outcome o = { 0 }, open = { 0 };
  const char *text;

  g_assert_no_error (error);
  for (guint protocol = 2; protocol <= 3; protocol++)
    {
      g_autoptr(GredisParser) parser = gredis_parser_new_for_name ("resp3", NULL);

      if (parser == NULL)
        {
          g_test_skip ("the resp3 parser is missing");
          return;
        }
      connection = new_connection ("127.0.0.1", gredis_test_server_get_port (server));
      gredis_connection_set_protocol (connection, protocol);
      gredis_connection_set_username (connection, "bob");
      gredis_connection_set_password (connection, "bob-pw");
      gredis_connection_set_client_name (connection, "handshake-test");
      gredis_connection_set_database (connection, 5);
      /* Queued before the handshake, sent after it. */
      send_strv (connection, info, &o);
      gredis_connection_open_async (connection, NULL, on_opened, &open);
      wait_for (&o.done);
      g_assert_true (open.done);
      g_assert_no_error (open.error);
      g_assert_no_error (o.error);
      text = gredis_reply_get_string (o.reply, NULL);
      g_assert_nonnull (strstr (text, " name=handshake-test "));
      g_assert_nonnull (strstr (text, " db=5 "));
      g_assert_nonnull (strstr (text, " user=bob "));
      g_assert_nonnull (strstr (text, protocol == 3 ? " resp=3" : " resp=2"));
      if (protocol == 3)
        g_assert_nonnull (gredis_connection_get_server_info (connection));
      else
        g_assert_null (gredis_connection_get_server_info (connection));
      outcome_clear (&o);
      open.done = FALSE;
      g_clear_object (&connection);
    }

  /* A wrong password fails the open and every queued command. */
  connection = new_connection ("127.0.0.1", gredis_test_server_get_port (server));
  gredis_connection_set_username (connection, "bob");
  gredis_connection_set_password (connection, "wrong-pw");
  send_strv (connection, info, &o);
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  wait_for (&o.done);
  g_assert_error (open.error, GREDIS_ERROR, GREDIS_ERROR_AUTH);
  g_assert_error (o.error, GREDIS_ERROR, GREDIS_ERROR_AUTH);
  g_assert_null (strstr (o.error->message, "wrong-pw"));
  g_clear_error (&open.error);
  outcome_clear (&o);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/connection/stall-mid-reply", test_stall_mid_reply);
  g_test_add_func ("/connection/close-mid-reply", test_close_mid_reply);
  g_test_add_func ("/connection/tombstone", test_tombstone);
  g_test_add_func ("/connection/nested-loop", test_nested_loop);
  g_test_add_func ("/connection/unexpected-reply", test_unexpected_reply);
  g_test_add_func ("/connection/garbage", test_garbage);
  g_test_add_func ("/connection/close-pending", test_close_pending);
  g_test_add_func ("/connection/connect-refused", test_connect_refused);
  g_test_add_func ("/connection/handshake", test_handshake);

  return g_test_run ();
}
