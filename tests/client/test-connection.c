/* test-connection.c: the connection engine against a fake server (stalls,
 * closes and garbage mid-reply, tombstones) and a real one (handshake)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-connection-private.h"
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
          g_test_skip ("the resp3 parser plugin was not found (GREDIS_PLUGIN_PATH unset, or not built)");
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

/* Results a callback keeps. The GAsyncResult a callback receives is used
 * again for later commands only when nobody else holds it
 * (core/gredis-call.c), which watches it through a toggle reference.
 * Bindings may hold it through a toggle reference of their own (PyGObject
 * does for a wrapper with attributes): that must count as keeping it, and
 * each kept result must still finish to its own reply. */

static void
on_binding_toggle (gpointer  data,
                   GObject  *object,
                   gboolean  is_last_ref)
{
}

typedef struct
{
  GPtrArray *kept;             /* GAsyncResult, held as a binding would */
  guint done;
} KeptResults;

static void
on_result_kept (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  KeptResults *kept = user_data;

  kept->done++;
  g_object_add_toggle_ref (G_OBJECT (result), on_binding_toggle, NULL);
  g_ptr_array_add (kept->kept, result);
}

static void
test_results_kept_by_binding (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GPtrArray) kept_results = g_ptr_array_new ();
  static const char *const tokens[] = { "a", "b", "c" };
  KeptResults kept = { kept_results, 0 };
  Outcome open = { 0 };

  g_assert_no_error (error);
  script_handshake (fs);
  gredis_fake_server_add_expect (fs, "\r\nc\r\n");
  gredis_fake_server_add_send (fs, "$1\r\na\r\n$1\r\nb\r\n$1\r\nc\r\n", -1);
  gredis_fake_server_add_stall (fs, 0);

  connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_open_async (connection, NULL, on_opened, &open);
  wait_for (&open.done);
  g_assert_no_error (open.error);
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      const char *echo[] = { "ECHO", tokens[i] };

      gredis_connection_send_command_async (connection, 2, echo, NULL, NULL, on_result_kept,
                                            &kept);
    }
  while (kept.done < G_N_ELEMENTS (tokens))
    g_main_context_iteration (NULL, TRUE);

  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    {
      GAsyncResult *result = g_ptr_array_index (kept_results, i);
      g_autoptr(GredisReply) reply = NULL;

      for (guint j = 0; j < i; j++)
        g_assert_true (g_ptr_array_index (kept_results, j) != result);
      reply = gredis_connection_send_command_finish (connection, result, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, tokens[i]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (tokens); i++)
    g_object_remove_toggle_ref (g_ptr_array_index (kept_results, i), on_binding_toggle, NULL);
}

/* A callback that closes the connection, and sends on it, while the
 * connection completes its queue: every command completes once, those
 * after it with GREDIS_ERROR_CLOSED, and a command sent from the callback
 * fails later, never inside the call. */

typedef struct
{
  GredisConnection *connection;
  Outcome outcomes[3];
  Outcome late;
  guint order[4];
  guint n_done;
} Reentrant;

typedef struct
{
  Reentrant *r;
  guint index;                 /* 3: the late command */
} ReentrantCall;

static void
on_reentrant (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  ReentrantCall *call = user_data;
  Reentrant *r = call->r;
  Outcome *o = call->index < 3 ? &r->outcomes[call->index] : &r->late;

  g_assert_false (o->done);
  o->done = TRUE;
  o->reply = gredis_connection_send_command_finish (GREDIS_CONNECTION (source), result,
                                                    &o->error);
  g_assert_cmpuint (r->n_done, <, G_N_ELEMENTS (r->order));
  r->order[r->n_done++] = call->index;
  if (call->index == 0)
    {
      static ReentrantCall late_call;
      const char *ping[] = { "PING" };

      late_call.r = r;
      late_call.index = 3;
      gredis_connection_close (r->connection);
      /* Closed within this callback: the others are done already. */
      g_assert_true (r->outcomes[1].done);
      g_assert_true (r->outcomes[2].done);
      gredis_connection_send_command_async (r->connection, 1, ping, NULL, NULL, on_reentrant,
                                            &late_call);
      g_assert_false (r->late.done);
    }
}

static void
test_reentrant_close (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  Reentrant r = { NULL, };
  ReentrantCall calls[3];
  Outcome open = { 0 };

  g_assert_no_error (error);
  script_handshake (fs);
  /* Only the first reply comes. */
  gredis_fake_server_add_expect (fs, "\r\nthird\r\n");
  gredis_fake_server_add_send (fs, "$5\r\nfirst\r\n", -1);
  gredis_fake_server_add_stall (fs, 0);

  r.connection = new_connection ("127.0.0.1", gredis_fake_server_get_port (fs));
  gredis_connection_open_async (r.connection, NULL, on_opened, &open);
  wait_for (&open.done);
  g_assert_no_error (open.error);
  for (guint i = 0; i < 3; i++)
    {
      static const char *const tokens[] = { "first", "second", "third" };
      const char *echo[] = { "ECHO", tokens[i] };

      calls[i].r = &r;
      calls[i].index = i;
      /* The second has a cancellable: its cancel source goes too. */
      gredis_connection_send_command_async (r.connection, 2, echo, NULL,
                                            i == 1 ? cancellable : NULL, on_reentrant, &calls[i]);
    }
  wait_for (&r.late.done);

  g_assert_cmpuint (r.n_done, ==, 4);
  g_assert_cmpuint (r.order[0], ==, 0);
  g_assert_cmpuint (r.order[3], ==, 3);
  g_assert_no_error (r.outcomes[0].error);
  g_assert_cmpstr (gredis_reply_get_string (r.outcomes[0].reply, NULL), ==, "first");
  for (guint i = 1; i < 3; i++)
    {
      g_assert_error (r.outcomes[i].error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
      g_assert_null (r.outcomes[i].reply);
    }
  g_assert_error (r.late.error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
  g_assert_cmpuint (gredis_connection_get_n_pending (r.connection), ==, 0);

  /* Cancelling afterwards changes nothing. */
  g_cancellable_cancel (cancellable);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (r.n_done, ==, 4);

  for (guint i = 0; i < 3; i++)
    outcome_clear (&r.outcomes[i]);
  outcome_clear (&r.late);
  g_object_unref (r.connection);
}

/* Commands of a client cancelled while they wait for their replies: the
 * connection keeps their bytes for retries until their replies come,
 * and then lets them go like those of answered commands. */

#define N_CANCELLED 50

static void
test_tombstones_release_kept (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisFakeServer) fs = gredis_fake_server_new (&error);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisConnection) connection = NULL;
  g_autoptr(GString) replies = g_string_new (NULL);
  g_autofree char *uri = NULL;
  Outcome outcomes[N_CANCELLED] = { { 0, }, };
  char tokens[N_CANCELLED][8];

  g_assert_no_error (error);
  for (guint i = 0; i < N_CANCELLED; i++)
    {
      g_snprintf (tokens[i], sizeof tokens[i], "t-%02u", i);
      g_string_append_printf (replies, "$4\r\n%s\r\n", tokens[i]);
    }
  script_handshake (fs);
  /* The replies come once the last command is in. */
  gredis_fake_server_add_expect (fs, "\r\nt-49\r\n");
  gredis_fake_server_add_send (fs, replies->str, replies->len);
  gredis_fake_server_add_stall (fs, 0);

  uri = g_strdup_printf ("redis://127.0.0.1:%u/?protocol=2", gredis_fake_server_get_port (fs));
  client = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < N_CANCELLED; i++)
    {
      const char *echo[] = { "ECHO", tokens[i], NULL };

      gredis_client_command_async (client, echo, cancellable, on_client_outcome, &outcomes[i]);
    }
  connection = gredis_client_get_connection (client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_gredis_connection_get_kept_length (connection), >, 0);
  g_cancellable_cancel (cancellable);
  for (guint i = 0; i < N_CANCELLED; i++)
    {
      wait_for (&outcomes[i].done);
      g_assert_error (outcomes[i].error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      outcome_clear (&outcomes[i]);
    }

  /* The tombstones wait for their replies, then go. */
  while (gredis_connection_get_n_pending (connection) > 0)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpint (gredis_connection_get_state (connection), ==, GREDIS_CONNECTION_STATE_READY);
  g_assert_cmpuint (_gredis_connection_get_kept_length (connection), ==, 0);
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
  g_test_add_func ("/connection/results-kept-by-binding", test_results_kept_by_binding);
  g_test_add_func ("/connection/reentrant-close", test_reentrant_close);
  g_test_add_func ("/connection/tombstones-release-kept", test_tombstones_release_kept);

  return g_test_run ();
}
