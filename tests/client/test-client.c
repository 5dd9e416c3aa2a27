/* test-client.c: GredisClient on a real redis-server, with every
 * transport and parser available
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"
#include "gredis-test-util.h"

/* One server for the whole program: plain TCP, a Unix socket and TLS,
 * with an ACL user besides the default one. */
static GredisTestServer *server;

typedef struct
{
  const char *transport;
  const char *parser;
  guint protocol;
} Combo;

static GredisConfig *
make_config (const Combo *combo)
{
  GredisConfig *config = gredis_config_new ();
  g_autoptr(GError) error = NULL;

  gredis_config_set_option (config, "transport", combo->transport, &error);
  g_assert_no_error (error);
  if (g_str_equal (combo->transport, "unix"))
    gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  else if (g_str_equal (combo->transport, "tcp"))
    {
      gredis_config_set_host (config, "127.0.0.1");
      gredis_config_set_port (config, gredis_test_server_get_port (server));
    }
  else
    {
      gredis_config_set_host (config, "localhost");
      gredis_config_set_port (config, gredis_test_server_get_tls_port (server));
      gredis_config_set_tls_ca_file (config,
                                     gredis_test_server_get_tls_file (server, GREDIS_TEST_TLS_CA_CERT));
    }
  gredis_config_set_parser (config, combo->parser);
  gredis_config_set_protocol (config, combo->protocol);
  /* No test here is about timeouts: room for TLS handshakes of many
   * threads at once under valgrind, still a bound against hangs. */
  gredis_config_set_option (config, "connect-timeout-ms", "30000", &error);
  g_assert_no_error (error);
  gredis_config_set_option (config, "command-timeout-ms", "30000", &error);
  g_assert_no_error (error);
  return config;
}

static GredisClient *
make_client (const Combo *combo)
{
  g_autoptr(GredisConfig) config = make_config (combo);

  return gredis_client_new (config);
}

static void
flushall (GredisClient *client)
{
  const char *argv[] = { "FLUSHALL", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
}

/* Running async calls */

typedef struct
{
  GAsyncResult *result;
} Wait;

static void
store_result (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Wait *wait = user_data;

  g_assert_null (wait->result);
  wait->result = g_object_ref (result);
}

static GredisReply *
command_async_wait (GredisClient        *client,
                    const char * const  *argv,
                    GError             **error)
{
  Wait wait = { NULL };
  GredisReply *reply;

  gredis_client_command_async (client, argv, NULL, store_result, &wait);
  while (wait.result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = gredis_client_command_finish (client, wait.result, error);
  g_object_unref (wait.result);
  return reply;
}

static void
assert_string_reply (GredisReply *reply,
                     const char  *expected)
{
  gsize length = 0;
  const char *s;

  g_assert_nonnull (reply);
  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_STRING);
  s = gredis_reply_get_string (reply, &length);
  g_assert_cmpmem (s, length, expected, strlen (expected));
}

/* Tests */

static void
test_basic (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) set_reply = NULL;
  g_autoptr(GredisReply) get_reply = NULL;
  g_autoptr(GredisReply) incr_reply = NULL;
  const char *set_argv[] = { "SET", "greeting", "hello", NULL };
  const char *get_argv[] = { "GET", "greeting", NULL };
  const char *incr_argv[] = { "INCRBY", "counter", "41", NULL };

  flushall (client);

  set_reply = command_async_wait (client, set_argv, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_kind (set_reply), ==, GREDIS_REPLY_SIMPLE_STRING);
  g_assert_cmpstr (gredis_reply_get_string (set_reply, NULL), ==, "OK");

  get_reply = command_async_wait (client, get_argv, &error);
  g_assert_no_error (error);
  assert_string_reply (get_reply, "hello");

  incr_reply = gredis_client_command (client, incr_argv, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gredis_reply_get_integer (incr_reply), ==, 41);
}

static void
on_pipelined (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  guint *counter = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  g_assert_no_error (error);
  /* INCR replies come back in the order the commands were issued. */
  g_assert_cmpint (gredis_reply_get_integer (reply), ==, ++*counter);
}

static void
test_auto_pipelining (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  const char *argv[] = { "INCR", "pipelined", NULL };
  guint counter = 0;

  flushall (client);
  for (guint i = 0; i < 5000; i++)
    gredis_client_command_async (client, argv, NULL, on_pipelined, &counter);
  while (counter < 5000)
    g_main_context_iteration (NULL, TRUE);
}

/* The results handed to callbacks: one kept past its callback stays
 * itself while later commands complete, one not kept may be used again
 * (gredis-call.c), and each finishes to its own reply. */

#define N_KEPT 64

typedef struct
{
  GPtrArray *kept;             /* GAsyncResult, for the odd commands */
  guint done;
} Kept;

static void
on_kept (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Kept *kept = user_data;
  guint i = kept->done++;

  g_assert_true (g_async_result_is_tagged (result, gredis_client_command_async));
  g_assert_true (g_async_result_get_user_data (result) == kept);
  if (i % 2 == 1)
    g_ptr_array_add (kept->kept, g_object_ref (result));
  else
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                                   &error);
      g_autofree char *token = g_strdup_printf ("token-%u", i);

      if (i % 4 == 0)
        {
          g_assert_no_error (error);
          assert_string_reply (reply, token);
        }
      else
        g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
    }
}

static void
test_results_kept (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  g_autoptr(GPtrArray) kept_results = g_ptr_array_new_with_free_func (g_object_unref);
  const char *wrongtype[] = { "LPUSH", "kept:string", "x", NULL };
  const char *set[] = { "SET", "kept:string", "v", NULL };
  g_autoptr(GredisReply) set_reply = NULL;
  Kept kept = { kept_results, 0 };

  flushall (client);
  set_reply = command_async_wait (client, set, NULL);
  g_assert_nonnull (set_reply);
  for (guint i = 0; i < N_KEPT; i++)
    {
      g_autofree char *token = g_strdup_printf ("token-%u", i);
      const char *echo[] = { "ECHO", token, NULL };

      /* Every other pair fails: errors must survive being kept too. */
      gredis_client_command_async (client, i % 4 < 2 ? echo : wrongtype, NULL, on_kept, &kept);
    }
  while (kept.done < N_KEPT)
    g_main_context_iteration (NULL, TRUE);

  g_assert_cmpuint (kept_results->len, ==, N_KEPT / 2);
  for (guint k = 0; k < kept_results->len; k++)
    {
      GAsyncResult *result = g_ptr_array_index (kept_results, k);
      guint i = 2 * k + 1;
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command_finish (client, result, &error);
      g_autoptr(GObject) source = g_async_result_get_source_object (result);

      g_assert_true (source == G_OBJECT (client));
      g_assert_true (g_async_result_get_user_data (result) == &kept);
      if (i % 4 == 1)
        {
          g_autofree char *token = g_strdup_printf ("token-%u", i);

          g_assert_no_error (error);
          assert_string_reply (reply, token);
        }
      else
        {
          g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
          g_assert_null (reply);
        }
    }
}

/* Callbacks that use the client again while its shared connection
 * completes a batch of replies: each sends two more commands (the queue
 * grows while it is being completed), and each reply is its own. */

#define N_CHAINED 300

typedef struct
{
  GredisClient *client;
  guint sent;
  guint done;
} Chain;

typedef struct
{
  Chain *chain;
  char *token;
} ChainCall;

static void chain_send (Chain *chain);

static void
on_chained (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  ChainCall *call = user_data;
  Chain *chain = call->chain;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  g_assert_no_error (error);
  assert_string_reply (reply, call->token);
  chain->done++;
  g_free (call->token);
  g_free (call);
  for (guint i = 0; i < 2 && chain->sent < N_CHAINED; i++)
    chain_send (chain);
}

static void
chain_send (Chain *chain)
{
  ChainCall *call = g_new0 (ChainCall, 1);
  const char *echo[] = { "ECHO", NULL, NULL };

  call->chain = chain;
  call->token = g_strdup_printf ("chained-%u", chain->sent++);
  echo[1] = call->token;
  gredis_client_command_async (chain->client, echo, NULL, on_chained, call);
}

static void
test_send_from_callback (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  Chain chain = { client, 0, 0 };

  for (guint i = 0; i < 4; i++)
    chain_send (&chain);
  while (chain.done < N_CHAINED)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (chain.sent, ==, N_CHAINED);
}

/* A callback that closes the client while the shared connection
 * completes its queue: the commands behind it complete once, with
 * GREDIS_ERROR_CLOSED, within the close; one sent from the callback after
 * the close fails as well, later, never inside the call. */

#define N_BEHIND 8

typedef struct
{
  GredisClient *client;
  guint ok;
  guint closed;
  gboolean late_done;
  GError *late_error;
} Closing;

static void
on_late (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Closing *closing = user_data;
  g_autoptr(GredisReply) reply = NULL;

  g_assert_false (closing->late_done);
  closing->late_done = TRUE;
  reply = gredis_client_command_finish (GREDIS_CLIENT (source), result, &closing->late_error);
  g_assert_null (reply);
}

static void
on_closing (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  Closing *closing = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  if (reply == NULL)
    {
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
      closing->closed++;
      return;
    }
  closing->ok++;
  if (closing->ok == 1)
    {
      const char *ping[] = { "PING", NULL };

      gredis_client_close (closing->client);
      g_assert_cmpuint (closing->closed, ==, N_BEHIND);
      gredis_client_command_async (closing->client, ping, NULL, on_late, closing);
      g_assert_false (closing->late_done);
    }
}

static void
test_close_from_callback (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  Closing closing = { client, 0, 0, FALSE, NULL };
  g_autoptr(GredisReply) warm = NULL;
  const char *ping[] = { "PING", NULL };

  /* A ready connection, so that all go out in one write. */
  warm = command_async_wait (client, ping, NULL);
  g_assert_nonnull (warm);
  for (guint i = 0; i < 1 + N_BEHIND; i++)
    {
      g_autofree char *token = g_strdup_printf ("closing-%u", i);
      const char *echo[] = { "ECHO", token, NULL };

      gredis_client_command_async (client, echo, NULL, on_closing, &closing);
    }
  while (!closing.late_done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (closing.ok, ==, 1);
  g_assert_cmpuint (closing.closed, ==, N_BEHIND);
  g_assert_error (closing.late_error, GREDIS_ERROR, GREDIS_ERROR_CLOSED);
  g_clear_error (&closing.late_error);
}

static void
test_binary (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  g_autoptr(GError) error = NULL;
  static const char binary[] = "a\0b\r\nc\0\xff\xfe$3\r\n";
  gsize big_size = 10 * 1024 * 1024;
  g_autofree guint8 *big = g_malloc (big_size);
  GBytes *set_args[3];
  GBytes *get_args[2];
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GredisReply) got = NULL;
  g_autoptr(GBytes) value = NULL;

  flushall (client);

  for (gsize i = 0; i < big_size; i++)
    big[i] = (guint8) (i * 7 + (i >> 13));

  /* NULs, CRLF and RESP-looking bytes inside a value. */
  set_args[0] = g_bytes_new_static ("SET", 3);
  set_args[1] = g_bytes_new_static ("bin\0key", 7);
  set_args[2] = g_bytes_new_static (binary, sizeof binary - 1);
  reply = gredis_client_command_bytes (client, set_args, 3, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reply, gredis_reply_unref);

  get_args[0] = g_bytes_new_static ("GET", 3);
  get_args[1] = g_bytes_ref (set_args[1]);
  got = gredis_client_command_bytes (client, get_args, 2, NULL, &error);
  g_assert_no_error (error);
  value = gredis_reply_get_bytes (got);
  g_assert_true (g_bytes_equal (value, set_args[2]));
  g_clear_pointer (&got, gredis_reply_unref);
  g_clear_pointer (&value, g_bytes_unref);

  /* 10 MB, through the argv form with lengths. */
  {
    const char *argv[] = { "SET", "big", (const char *) big };
    const gsize lengths[] = { 3, 3, big_size };
    const char *get_argv[] = { "GET", "big" };

    reply = gredis_client_command_argv (client, 3, argv, lengths, NULL, &error);
    g_assert_no_error (error);
    g_clear_pointer (&reply, gredis_reply_unref);

    got = gredis_client_command_argv (client, 2, get_argv, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (gredis_reply_get_kind (got), ==, GREDIS_REPLY_STRING);
    {
      gsize length = 0;
      const char *s = gredis_reply_get_string (got, &length);
      g_assert_cmpmem (s, length, big, big_size);
    }
  }

  for (guint i = 0; i < 3; i++)
    g_bytes_unref (set_args[i]);
  g_bytes_unref (get_args[0]);
  g_bytes_unref (get_args[1]);
}

static GredisReply *
run (GredisClient *client,
     const char   *a0,
     const char   *a1,
     const char   *a2,
     const char   *a3)
{
  const char *argv[] = { a0, a1, a2, a3, NULL };
  g_autoptr(GError) error = NULL;
  GredisReply *reply = gredis_client_command (client, argv, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (reply);
  return reply;
}

static void
test_reply_kinds (gconstpointer data)
{
  const Combo *combo = data;
  g_autoptr(GredisClient) client = make_client (combo);
  gboolean resp3 = combo->protocol == 3;
  GredisReply *r;

  flushall (client);

  r = run (client, "PING", NULL, NULL, NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_SIMPLE_STRING);
  g_assert_cmpstr (gredis_reply_get_string (r, NULL), ==, "PONG");
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "integer", NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_INTEGER);
  gredis_reply_unref (r);

  r = run (client, "GET", "missing", NULL, NULL);
  g_assert_true (gredis_reply_is_nil (r));
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "null", NULL);
  g_assert_true (gredis_reply_is_nil (r));
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "array", NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_ARRAY);
  g_assert_cmpuint (gredis_reply_get_n_elements (r), ==, 3);
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "set", NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, resp3 ? GREDIS_REPLY_SET : GREDIS_REPLY_ARRAY);
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "map", NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, resp3 ? GREDIS_REPLY_MAP : GREDIS_REPLY_ARRAY);
  g_assert_cmpuint (gredis_reply_get_n_elements (r), ==, 6);
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "double", NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, resp3 ? GREDIS_REPLY_DOUBLE : GREDIS_REPLY_STRING);
  if (resp3)
    g_assert_cmpfloat_with_epsilon (gredis_reply_get_double (r), 3.141, 1e-9);
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "true", NULL);
  if (resp3)
    {
      g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_BOOLEAN);
      g_assert_true (gredis_reply_get_boolean (r));
    }
  else
    g_assert_cmpint (gredis_reply_get_integer (r), ==, 1);
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "false", NULL);
  if (resp3)
    g_assert_false (gredis_reply_get_boolean (r));
  else
    g_assert_cmpint (gredis_reply_get_integer (r), ==, 0);
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "bignum", NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, resp3 ? GREDIS_REPLY_BIG_NUMBER : GREDIS_REPLY_STRING);
  g_assert_cmpstr (gredis_reply_get_string (r, NULL), ==, "1234567999999999999999999999999999999");
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "verbatim", NULL);
  if (resp3)
    {
      g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_VERBATIM);
      g_assert_cmpstr (gredis_reply_get_verbatim_format (r), ==, "txt");
    }
  else
    g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_STRING);
  g_assert_cmpstr (gredis_reply_get_string (r, NULL), ==,
                   "This is a verbatim\nstring");
  gredis_reply_unref (r);

  r = run (client, "DEBUG", "PROTOCOL", "attrib", NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_STRING);
  if (resp3)
    {
      GredisReply *attributes = gredis_reply_get_attributes (r);

      g_assert_nonnull (attributes);
      g_assert_cmpint (gredis_reply_get_kind (attributes), ==, GREDIS_REPLY_MAP);
    }
  gredis_reply_unref (r);

  /* Nested arrays. */
  gredis_reply_unref (run (client, "HSET", "h", "f", "v"));
  r = run (client, "EVAL", "return {1, {2, 'x'}, {}}", "0", NULL);
  g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_ARRAY);
  g_assert_cmpuint (gredis_reply_get_n_elements (r), ==, 3);
  g_assert_cmpuint (gredis_reply_get_n_elements (gredis_reply_get_element (r, 1)), ==, 2);
  g_assert_cmpuint (gredis_reply_get_n_elements (gredis_reply_get_element (r, 2)), ==, 0);
  gredis_reply_unref (r);
}

static void
on_push (GredisClient     *client,
         GredisConnection *connection,
         GredisReply      *reply,
         gpointer          user_data)
{
  guint *n_push = user_data;

  g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_PUSH);
  (*n_push)++;
}

static void
test_push (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  const char *argv[] = { "DEBUG", "PROTOCOL", "push", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  guint n_push = 0;

  g_signal_connect (client, "push", G_CALLBACK (on_push), &n_push);
  /* The push frame comes first, then the command's own reply: the push
   * must not take the reply's place. */
  reply = command_async_wait (client, argv, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_push, ==, 1);
  assert_string_reply (reply, "Some real reply following the push reply");
}

static void
test_errors (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  const char *lpush[] = { "LPUSH", "str", "x", NULL };
  const char *unknown[] = { "NOSUCHCOMMAND", "a", NULL };
  g_autoptr(GError) error = NULL;
  GredisReply *reply;

  flushall (client);
  gredis_reply_unref (run (client, "SET", "str", "v", NULL));

  reply = command_async_wait (client, lpush, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
  g_assert_true (g_str_has_prefix (error->message, "WRONGTYPE Operation against a key"));
  g_clear_error (&error);

  reply = gredis_client_command (client, unknown, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  g_assert_nonnull (strstr (error->message, "unknown command"));
  g_clear_error (&error);

  /* The connection is still in step after errors. */
  reply = run (client, "ECHO", "still here", NULL, NULL);
  assert_string_reply (reply, "still here");
  gredis_reply_unref (reply);
}

/* The cancellation storm: every reply that survives must be its own. */

typedef struct
{
  char token[32];
  GCancellable *cancellable;
  gboolean done;
} StormCall;

typedef struct
{
  StormCall *calls;
  guint n_done;
  guint n_cancelled;
  guint n_replied;
  guint round;
  guint source_id;
} Storm;

typedef struct
{
  Storm *storm;
  StormCall *call;
} StormRef;

static void
on_storm_reply (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  StormRef *ref = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  g_assert_false (ref->call->done);
  ref->call->done = TRUE;
  ref->storm->n_done++;
  if (reply == NULL)
    {
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_true (g_cancellable_is_cancelled (ref->call->cancellable));
      ref->storm->n_cancelled++;
    }
  else
    {
      assert_string_reply (reply, ref->call->token);
      ref->storm->n_replied++;
    }
  g_free (ref);
}

static gboolean
cancel_some (gpointer user_data)
{
  Storm *storm = user_data;

  /* Cancel a slice of the calls in later main-loop iterations, while
   * their replies are on the way. */
  for (guint i = storm->round; i < 10000; i += 7)
    g_cancellable_cancel (storm->calls[i].cancellable);
  if (++storm->round < 7)
    return G_SOURCE_CONTINUE;
  storm->source_id = 0;
  return G_SOURCE_REMOVE;
}

static void
test_cancellation_storm (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240501);
  Storm storm = { 0 };
  const guint n = 10000;

  storm.calls = g_new0 (StormCall, n);
  for (guint i = 0; i < n; i++)
    {
      const char *argv[] = { "ECHO", storm.calls[i].token, NULL };
      StormRef *ref = g_new (StormRef, 1);

      g_snprintf (storm.calls[i].token, sizeof storm.calls[i].token, "token-%u-%u", i,
                  g_rand_int (rand));
      storm.calls[i].cancellable = g_cancellable_new ();
      ref->storm = &storm;
      ref->call = &storm.calls[i];
      gredis_client_command_async (client, argv, storm.calls[i].cancellable, on_storm_reply, ref);
      /* Some are cancelled at once, before they are even written. */
      if (g_rand_int_range (rand, 0, 10) == 0)
        g_cancellable_cancel (storm.calls[i].cancellable);
    }

  storm.source_id = g_idle_add (cancel_some, &storm);
  while (storm.n_done < n)
    g_main_context_iteration (NULL, TRUE);
  g_clear_handle_id (&storm.source_id, g_source_remove);

  g_assert_cmpuint (storm.n_cancelled + storm.n_replied, ==, n);
  g_assert_cmpuint (storm.n_cancelled, >, 0);
  g_test_message ("%u replies checked, %u cancelled", storm.n_replied, storm.n_cancelled);

  /* Every tombstone was drained: the next command gets its own reply. */
  {
    const char *argv[] = { "ECHO", "after the storm", NULL };
    g_autoptr(GError) error = NULL;
    g_autoptr(GredisReply) reply = command_async_wait (client, argv, &error);

    g_assert_no_error (error);
    assert_string_reply (reply, "after the storm");
  }

  for (guint i = 0; i < n; i++)
    g_object_unref (storm.calls[i].cancellable);
  g_free (storm.calls);
}

static void
test_auth (gconstpointer data)
{
  g_autoptr(GredisConfig) config = make_config (data);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisClient) wrong = NULL;
  const char *whoami[] = { "ACL", "WHOAMI", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;

  gredis_config_set_username (config, "alice");
  gredis_config_set_password (config, "alice-secret");
  client = gredis_client_new (config);
  reply = gredis_client_command (client, whoami, NULL, &error);
  g_assert_no_error (error);
  assert_string_reply (reply, "alice");
  g_clear_pointer (&reply, gredis_reply_unref);

  /* The same through the async path. */
  reply = command_async_wait (client, whoami, &error);
  g_assert_no_error (error);
  assert_string_reply (reply, "alice");
  g_clear_pointer (&reply, gredis_reply_unref);

  gredis_config_set_password (config, "not-the-password");
  wrong = gredis_client_new (config);
  reply = gredis_client_command (wrong, whoami, NULL, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_AUTH);
  g_assert_null (strstr (error->message, "not-the-password"));
  g_clear_error (&error);

  reply = command_async_wait (wrong, whoami, &error);
  g_assert_null (reply);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_AUTH);
}

static void
test_select (gconstpointer data)
{
  g_autoptr(GredisConfig) config = make_config (data);
  g_autoptr(GredisClient) db0 = gredis_client_new (config);
  g_autoptr(GredisClient) db3 = NULL;
  GredisReply *r;

  flushall (db0);
  gredis_config_set_db (config, 3);
  db3 = gredis_client_new (config);

  gredis_reply_unref (run (db3, "SET", "where", "three", NULL));
  r = run (db0, "GET", "where", NULL, NULL);
  g_assert_true (gredis_reply_is_nil (r));
  gredis_reply_unref (r);

  {
    const char *argv[] = { "GET", "where", NULL };
    g_autoptr(GError) error = NULL;

    r = command_async_wait (db3, argv, &error);
    g_assert_no_error (error);
    assert_string_reply (r, "three");
    gredis_reply_unref (r);
  }

  r = run (db3, "CLIENT", "INFO", NULL, NULL);
  g_assert_nonnull (strstr (gredis_reply_get_string (r, NULL), " db=3 "));
  gredis_reply_unref (r);
}

typedef struct
{
  GredisClient *client;
  guint index;
} ThreadData;

static gpointer
blocking_thread (gpointer user_data)
{
  ThreadData *td = user_data;

  for (guint i = 0; i < 200; i++)
    {
      g_autofree char *key = g_strdup_printf ("thread-%u", td->index);
      g_autofree char *value = g_strdup_printf ("%u-%u", td->index, i);
      g_autoptr(GError) error = NULL;
      g_autofree char *got = NULL;
      gint64 n;

      n = gredis_client_incr (td->client, "shared-counter", NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpint (n, >, 0);
      g_assert_true (gredis_client_set (td->client, key, value, 0, GREDIS_SET_NONE, NULL, &error));
      g_assert_no_error (error);
      got = gredis_client_get (td->client, key, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (got, ==, value);
    }
  return NULL;
}

static void
test_threads (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  ThreadData td[8];
  GThread *threads[8];
  g_autoptr(GError) error = NULL;
  g_autofree char *total = NULL;

  flushall (client);
  for (guint i = 0; i < 8; i++)
    {
      td[i].client = client;
      td[i].index = i;
      threads[i] = g_thread_new ("blocking", blocking_thread, &td[i]);
    }
  for (guint i = 0; i < 8; i++)
    g_thread_join (threads[i]);

  total = gredis_client_get (client, "shared-counter", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (total, ==, "1600");
}

/* The blocking API: its direct path on a ready, idle connection (plain
 * sockets), and the main-loop path otherwise (TLS, a connection still
 * opening or with a tombstone). */

static GredisReply *
blocking_echo (GredisClient *client,
               const char   *text)
{
  const char *argv[] = { "ECHO", text, NULL };
  g_autoptr(GError) error = NULL;
  GredisReply *reply = gredis_client_command (client, argv, NULL, &error);

  g_assert_no_error (error);
  assert_string_reply (reply, text);
  return reply;
}

/* Push frames read by a blocking call go to ::push, not in place of the
 * call's reply. */
static void
test_blocking_push (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  const char *argv[] = { "DEBUG", "PROTOCOL", "push", NULL };
  guint n_push = 0;

  g_signal_connect (client, "push", G_CALLBACK (on_push), &n_push);
  gredis_reply_unref (blocking_echo (client, "warm"));
  for (guint i = 1; i <= 3; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = gredis_client_command (client, argv, NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpuint (n_push, ==, i);
      assert_string_reply (reply, "Some real reply following the push reply");
    }
  gredis_reply_unref (blocking_echo (client, "after"));
}

static gpointer
cancel_later (gpointer user_data)
{
  /* Not a timing assertion: cancelled earlier or later, the call must
   * fail with G_IO_ERROR_CANCELLED all the same. */
  g_usleep (50 * G_TIME_SPAN_MILLISECOND);
  g_cancellable_cancel (user_data);
  return NULL;
}

/* A blocking call cancelled from another thread while the server is
 * busy fails at once; its late reply is dropped, not handed to the next
 * call on the same (only) connection. */
static void
test_blocking_cancel (gconstpointer data)
{
  g_autoptr(GredisConfig) config = make_config (data);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  const char *sleep[] = { "DEBUG", "SLEEP", "0.3", NULL };
  const Combo *combo = data;
  GThread *thread;

  /* Over TLS the call runs the connection's context and waits on a
   * GCancellableSource. GLib (2.74 at least) leaks one now and then when
   * it is disposed while g_cancellable_cancel() still runs in another
   * thread: the reference cancellable_source_dispose() takes back is
   * never dropped. */
  if (GREDIS_TEST_SANITIZER_BUILD && !g_str_equal (combo->transport, "tcp") &&
      !g_str_equal (combo->transport, "unix"))
    {
      g_test_skip ("GLib leaks a GCancellableSource cancelled from another thread now and "
                   "then, which LeakSanitizer reports; tested in normal builds");
      return;
    }

  gredis_config_set_option (config, "max-connections", "1", &error);
  g_assert_no_error (error);
  client = gredis_client_new (config);
  gredis_reply_unref (blocking_echo (client, "warm"));

  thread = g_thread_new ("cancel", cancel_later, cancellable);
  reply = gredis_client_command (client, sleep, cancellable, &error);
  g_thread_join (thread);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (reply);

  /* Waits for the server, then reads its own reply after the dropped
   * +OK of DEBUG SLEEP. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *text = g_strdup_printf ("after-%u", i);

      gredis_reply_unref (blocking_echo (client, text));
    }
}

/* A server silent past the command timeout under a blocking call: the
 * connection is closed and the call fails with the timeout; a command
 * that went out is not sent again. */
static void
test_blocking_timeout (gconstpointer data)
{
  g_autoptr(GredisConfig) config = make_config (data);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisClient) patient = make_client (data);
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  const char *sleep[] = { "DEBUG", "SLEEP", "0.3", NULL };

  gredis_config_set_command_timeout_ms (config, 50);
  client = gredis_client_new (config);
  gredis_reply_unref (blocking_echo (client, "warm"));

  reply = gredis_client_command (client, sleep, NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_TIMEOUT);
  g_assert_null (reply);

  /* Once the server is back, the client works on a new connection. */
  gredis_reply_unref (blocking_echo (patient, "patient"));
  gredis_reply_unref (blocking_echo (client, "after"));
}

/* On a plain socket the direct path reads with O_NONBLOCK off and leaves
 * it off between calls; whatever uses the connection next must have it
 * back. A reply of exactly the connection's read buffer (16 KiB) makes
 * the main-loop path read a second time, which would wait forever on a
 * blocking socket; a reply of several buffers takes several blocking
 * reads. Calls with a GCancellable take the poll() path, the others the
 * blocking one, in turns on the one connection of the pool. */
static void
test_blocking_modes (gconstpointer data)
{
  g_autoptr(GredisConfig) config = make_config (data);
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  /* "$16374\r\n", the value and "\r\n": 16384 bytes. */
  const gsize sizes[] = { 16374, 3 * 16384 + 7 };

  gredis_config_set_option (config, "max-connections", "1", &error);
  g_assert_no_error (error);
  client = gredis_client_new (config);

  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autofree char *value = g_strnfill (sizes[s], 'v');
      const char *set[] = { "SET", "blocking-modes", value, NULL };
      const char *get[] = { "GET", "blocking-modes", NULL };
      g_autoptr(GredisReply) reply = NULL;

      reply = gredis_client_command (client, set, NULL, &error);
      g_assert_no_error (error);
      g_clear_pointer (&reply, gredis_reply_unref);
      for (guint i = 0; i < 4; i++)
        {
          reply = gredis_client_command (client, get, i % 2 ? cancellable : NULL, &error);
          g_assert_no_error (error);
          assert_string_reply (reply, value);
          g_clear_pointer (&reply, gredis_reply_unref);
        }
    }
  gredis_reply_unref (blocking_echo (client, "after"));
}

typedef struct
{
  GredisClient *client;
  GMainContext *context;
  GThread *thread;
  gboolean done;
} ContextData;

static void
on_context_reply (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  ContextData *cd = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  g_assert_no_error (error);
  assert_string_reply (reply, "in my context");
  /* The callback runs in the context of the caller of _async, in its
   * thread. */
  g_assert_true (g_main_context_get_thread_default () == cd->context);
  g_assert_true (g_thread_self () == cd->thread);
  cd->done = TRUE;
}

static gpointer
context_thread (gpointer user_data)
{
  ContextData *cd = user_data;
  const char *argv[] = { "ECHO", "in my context", NULL };

  cd->thread = g_thread_self ();
  g_main_context_push_thread_default (cd->context);
  gredis_client_command_async (cd->client, argv, NULL, on_context_reply, cd);
  while (!cd->done)
    g_main_context_iteration (cd->context, TRUE);
  g_main_context_pop_thread_default (cd->context);
  return NULL;
}

static void
test_thread_default_context (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  ContextData cd = { client, g_main_context_new (), NULL, FALSE };
  GThread *thread = g_thread_new ("context", context_thread, &cd);

  g_thread_join (thread);
  g_assert_true (cd.done);
  /* Close the client while the other context is not running. */
  gredis_client_close (client);
  g_main_context_unref (cd.context);
}

static void
on_typed_get (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = gredis_client_get_finish (GREDIS_CLIENT (source), result, &error);
  g_assert_no_error (error);
}

static void
test_typed (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  g_autoptr(GError) error = NULL;
  g_autofree char *got = NULL;
  g_autofree char *async_got = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_autoptr(GHashTable) hash = NULL;
  g_auto(GStrv) range = NULL;
  const char *mkeys[] = { "k1", "nokey", "k2", NULL };
  const char *kv[] = { "k1", "v1", "k2", "v2", NULL };
  const char *fv[] = { "f1", "1", "f2", "two", NULL };
  const char *list[] = { "a", "b", "c", NULL };
  const char *members[] = { "x", "y", NULL };
  const char *del_keys[] = { "k1", "k2", "nokey", NULL };
  double score = 0;

  flushall (client);

  /* Strings */
  g_assert_true (gredis_client_set (client, "s", "v", 0, GREDIS_SET_NONE, NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gredis_client_set (client, "s", "w", 0, GREDIS_SET_NX, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_client_set (client, "s", "w", 60000, GREDIS_SET_XX, NULL, &error));
  got = gredis_client_get (client, "s", NULL, &error);
  g_assert_cmpstr (got, ==, "w");
  g_assert_cmpint (gredis_client_pttl (client, "s", NULL, &error), >, 0);
  g_assert_null (gredis_client_get (client, "nokey", NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (gredis_client_append (client, "s", "xyz", NULL, &error), ==, 4);
  g_assert_cmpint (gredis_client_strlen (client, "s", NULL, &error), ==, 4);
  g_assert_true (gredis_client_mset (client, kv, NULL, &error));
  values = gredis_client_mget (client, mkeys, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpstr (values->pdata[0], ==, "v1");
  g_assert_null (values->pdata[1]);
  g_assert_cmpstr (values->pdata[2], ==, "v2");

  gredis_client_get_async (client, "k2", NULL, on_typed_get, &async_got);
  while (async_got == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpstr (async_got, ==, "v2");

  /* Counters */
  g_assert_cmpint (gredis_client_incr (client, "n", NULL, &error), ==, 1);
  g_assert_cmpint (gredis_client_incrby (client, "n", 10, NULL, &error), ==, 11);
  g_assert_cmpint (gredis_client_decr (client, "n", NULL, &error), ==, 10);
  g_assert_cmpint (gredis_client_decrby (client, "n", 4, NULL, &error), ==, 6);
  g_assert_cmpfloat_with_epsilon (gredis_client_incrbyfloat (client, "n", 0.5, NULL, &error),
                                  6.5, 1e-9);
  g_assert_no_error (error);
  gredis_client_incr (client, "s", NULL, &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_SERVER);
  g_clear_error (&error);

  /* Keys and expiry */
  g_assert_cmpint (gredis_client_exists (client, mkeys, NULL, &error), ==, 2);
  g_assert_true (gredis_client_expire (client, "k1", 100, GREDIS_EXPIRE_NONE, NULL, &error));
  g_assert_false (gredis_client_expire (client, "k1", 200, GREDIS_EXPIRE_NX, NULL, &error));
  g_assert_true (gredis_client_pexpire (client, "k1", 50000, GREDIS_EXPIRE_LT, NULL, &error));
  g_assert_cmpint (gredis_client_ttl (client, "k1", NULL, &error), <=, 50);
  g_assert_true (gredis_client_persist (client, "k1", NULL, &error));
  g_assert_cmpint (gredis_client_ttl (client, "k1", NULL, &error), ==, -1);
  g_assert_cmpint (gredis_client_ttl (client, "nokey", NULL, &error), ==, -2);
  g_clear_pointer (&got, g_free);
  got = gredis_client_type (client, "k1", NULL, &error);
  g_assert_cmpstr (got, ==, "string");
  g_assert_cmpint (gredis_client_del (client, del_keys, NULL, &error), ==, 2);
  g_assert_no_error (error);

  /* Hashes */
  g_assert_cmpint (gredis_client_hset (client, "h", fv, NULL, &error), ==, 2);
  g_clear_pointer (&got, g_free);
  got = gredis_client_hget (client, "h", "f2", NULL, &error);
  g_assert_cmpstr (got, ==, "two");
  g_assert_cmpint (gredis_client_hincrby (client, "h", "f1", 2, NULL, &error), ==, 3);
  g_assert_true (gredis_client_hexists (client, "h", "f1", NULL, &error));
  g_assert_false (gredis_client_hexists (client, "h", "f9", NULL, &error));
  g_assert_cmpint (gredis_client_hlen (client, "h", NULL, &error), ==, 2);
  hash = gredis_client_hgetall (client, "h", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_hash_table_size (hash), ==, 2);
  g_assert_cmpstr (g_hash_table_lookup (hash, "f1"), ==, "3");
  g_assert_cmpstr (g_hash_table_lookup (hash, "f2"), ==, "two");
  g_assert_cmpint (gredis_client_hdel (client, "h", fv, NULL, &error), ==, 2);

  /* Lists */
  g_assert_cmpint (gredis_client_rpush (client, "l", list, NULL, &error), ==, 3);
  g_assert_cmpint (gredis_client_lpush (client, "l", members, NULL, &error), ==, 5);
  range = gredis_client_lrange (client, "l", 0, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (range), ==, 5);
  g_assert_cmpstr (range[0], ==, "y");
  g_assert_cmpstr (range[4], ==, "c");
  g_clear_pointer (&got, g_free);
  got = gredis_client_lpop (client, "l", NULL, &error);
  g_assert_cmpstr (got, ==, "y");
  g_clear_pointer (&got, g_free);
  got = gredis_client_rpop (client, "l", NULL, &error);
  g_assert_cmpstr (got, ==, "c");
  g_assert_cmpint (gredis_client_llen (client, "l", NULL, &error), ==, 3);
  g_assert_no_error (error);

  /* Sets */
  g_assert_cmpint (gredis_client_sadd (client, "set", list, NULL, &error), ==, 3);
  g_assert_true (gredis_client_sismember (client, "set", "b", NULL, &error));
  g_assert_false (gredis_client_sismember (client, "set", "z", NULL, &error));
  g_assert_cmpint (gredis_client_srem (client, "set", members, NULL, &error), ==, 0);
  g_assert_cmpint (gredis_client_scard (client, "set", NULL, &error), ==, 3);
  g_clear_pointer (&range, g_strfreev);
  range = gredis_client_smembers (client, "set", NULL, &error);
  g_assert_cmpuint (g_strv_length (range), ==, 3);
  g_assert_true (g_strv_contains ((const char * const *) range, "a"));
  g_assert_no_error (error);

  /* Sorted sets */
  g_assert_cmpint (gredis_client_zadd (client, "z", 1.5, "one", GREDIS_ZADD_NONE, NULL, &error), ==, 1);
  g_assert_cmpint (gredis_client_zadd (client, "z", 2.5, "two", GREDIS_ZADD_NONE, NULL, &error), ==, 1);
  g_assert_cmpint (gredis_client_zadd (client, "z", 9, "one", GREDIS_ZADD_NX | GREDIS_ZADD_CH, NULL, &error), ==, 0);
  g_assert_cmpint (gredis_client_zadd (client, "z", 3, "one", GREDIS_ZADD_XX | GREDIS_ZADD_CH, NULL, &error), ==, 1);
  g_assert_true (gredis_client_zscore (client, "z", "one", &score, NULL, &error));
  g_assert_cmpfloat (score, ==, 3.0);
  g_assert_false (gredis_client_zscore (client, "z", "none", &score, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_client_zincrby (client, "z", 0.25, "two", NULL, &error), ==, 2.75);
  g_clear_pointer (&range, g_strfreev);
  range = gredis_client_zrange (client, "z", "0", "-1", GREDIS_ZRANGE_NONE, NULL, &error);
  g_assert_cmpuint (g_strv_length (range), ==, 2);
  g_assert_cmpstr (range[0], ==, "two");
  g_clear_pointer (&range, g_strfreev);
  range = gredis_client_zrange (client, "z", "+inf", "(2.9", GREDIS_ZRANGE_BYSCORE | GREDIS_ZRANGE_REV,
                                NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (range), ==, 1);
  g_assert_cmpstr (range[0], ==, "one");
  g_assert_cmpint (gredis_client_zrem (client, "z", members, NULL, &error), ==, 0);
  g_assert_cmpint (gredis_client_zcard (client, "z", NULL, &error), ==, 2);
  g_assert_no_error (error);

  /* Errors from typed helpers. */
  g_assert_cmpint (gredis_client_llen (client, "z", NULL, &error), ==, 0);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
}

/* The `_async` forms of the typed helpers, one for each way they build
 * their argv, each checked through its `_finish`. */

typedef struct
{
  GAsyncResult *pending;
  GAsyncResult *done;
} TypedWait;

static void
on_typed_result (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  TypedWait *wait = user_data;

  wait->pending = g_object_ref (result);
}

/* Waits for the result of the call started last; it stays in @wait until
 * the next one. */
static GAsyncResult *
typed_wait (TypedWait *wait)
{
  while (wait->pending == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&wait->done);
  wait->done = g_steal_pointer (&wait->pending);
  return wait->done;
}

static void
test_typed_async (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (data);
  g_autoptr(GError) error = NULL;
  TypedWait wait = { NULL, NULL };
  g_autofree char *got = NULL;
  g_autoptr(GPtrArray) values = NULL;
  g_auto(GStrv) range = NULL;
  const char *kv[] = { "k1", "v1", "k2", "v2", NULL };
  const char *mkeys[] = { "k1", "nokey", "k2", NULL };
  const char *fv[] = { "f1", "1", "f2", "two", NULL };
  const char *list[] = { "a", "b", "c", NULL };
  const char *del_keys[] = { "k1", "k2", "nokey", NULL };
  double score = 0;

/* Starts an `_async` call, waits for it and hands its result over. */
#define TYPED(call) ((call), typed_wait (&wait))

  flushall (client);

  /* NAME [KEY] STRV… without a key */
  g_assert_true (gredis_client_mset_finish (
    client, TYPED (gredis_client_mset_async (client, kv, NULL, on_typed_result, &wait)), &error));
  g_assert_no_error (error);
  values = gredis_client_mget_finish (
    client, TYPED (gredis_client_mget_async (client, mkeys, NULL, on_typed_result, &wait)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (values->len, ==, 3);
  g_assert_cmpstr (values->pdata[0], ==, "v1");
  g_assert_null (values->pdata[1]);
  g_assert_cmpstr (values->pdata[2], ==, "v2");

  /* NAME KEY and NAME KEY ARG */
  g_assert_cmpint (gredis_client_append_finish (
    client, TYPED (gredis_client_append_async (client, "k1", "xy", NULL, on_typed_result, &wait)),
    &error), ==, 4);
  g_assert_cmpint (gredis_client_strlen_finish (
    client, TYPED (gredis_client_strlen_async (client, "k1", NULL, on_typed_result, &wait)),
    &error), ==, 4);
  g_assert_cmpint (gredis_client_incr_finish (
    client, TYPED (gredis_client_incr_async (client, "n", NULL, on_typed_result, &wait)),
    &error), ==, 1);
  g_assert_no_error (error);

  /* Argvs of their own: SET with its options, counters, expiry */
  g_assert_false (gredis_client_set_finish (
    client, TYPED (gredis_client_set_async (client, "k1", "w", 0, GREDIS_SET_NX, NULL,
                                            on_typed_result, &wait)), &error));
  g_assert_no_error (error);
  g_assert_true (gredis_client_set_finish (
    client, TYPED (gredis_client_set_async (client, "k1", "w", 60000, GREDIS_SET_XX, NULL,
                                            on_typed_result, &wait)), &error));
  g_assert_no_error (error);
  got = gredis_client_get (client, "k1", NULL, &error);
  g_assert_cmpstr (got, ==, "w");
  g_assert_cmpint (gredis_client_pttl (client, "k1", NULL, &error), >, 0);
  g_assert_cmpint (gredis_client_incrby_finish (
    client, TYPED (gredis_client_incrby_async (client, "n", 10, NULL, on_typed_result, &wait)),
    &error), ==, 11);
  g_assert_cmpint (gredis_client_decrby_finish (
    client, TYPED (gredis_client_decrby_async (client, "n", 4, NULL, on_typed_result, &wait)),
    &error), ==, 7);
  g_assert_cmpfloat_with_epsilon (gredis_client_incrbyfloat_finish (
    client, TYPED (gredis_client_incrbyfloat_async (client, "n", 0.5, NULL, on_typed_result,
                                                    &wait)), &error), 7.5, 1e-9);
  g_assert_false (gredis_client_expire_finish (
    client, TYPED (gredis_client_expire_async (client, "k1", 200, GREDIS_EXPIRE_NX, NULL,
                                               on_typed_result, &wait)), &error));
  g_assert_true (gredis_client_pexpire_finish (
    client, TYPED (gredis_client_pexpire_async (client, "k1", 50000, GREDIS_EXPIRE_LT, NULL,
                                                on_typed_result, &wait)), &error));
  g_assert_no_error (error);
  g_assert_cmpint (gredis_client_ttl (client, "k1", NULL, &error), <=, 50);
  g_assert_cmpint (gredis_client_del_finish (
    client, TYPED (gredis_client_del_async (client, del_keys, NULL, on_typed_result, &wait)),
    &error), ==, 2);

  /* NAME KEY STRV… */
  g_assert_cmpint (gredis_client_hset_finish (
    client, TYPED (gredis_client_hset_async (client, "h", fv, NULL, on_typed_result, &wait)),
    &error), ==, 2);
  g_assert_cmpint (gredis_client_hincrby_finish (
    client, TYPED (gredis_client_hincrby_async (client, "h", "f1", 2, NULL, on_typed_result,
                                                &wait)), &error), ==, 3);
  g_assert_true (gredis_client_hexists_finish (
    client, TYPED (gredis_client_hexists_async (client, "h", "f2", NULL, on_typed_result, &wait)),
    &error));
  g_assert_cmpint (gredis_client_rpush_finish (
    client, TYPED (gredis_client_rpush_async (client, "l", list, NULL, on_typed_result, &wait)),
    &error), ==, 3);
  range = gredis_client_lrange_finish (
    client, TYPED (gredis_client_lrange_async (client, "l", 1, -1, NULL, on_typed_result, &wait)),
    &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (range), ==, 2);
  g_assert_cmpstr (range[0], ==, "b");

  /* Sorted sets: flags, scores */
  g_assert_cmpint (gredis_client_zadd_finish (
    client, TYPED (gredis_client_zadd_async (client, "z", 1.5, "one", GREDIS_ZADD_NONE, NULL,
                                             on_typed_result, &wait)), &error), ==, 1);
  g_assert_cmpint (gredis_client_zadd_finish (
    client, TYPED (gredis_client_zadd_async (client, "z", 2.5, "two", GREDIS_ZADD_NONE, NULL,
                                             on_typed_result, &wait)), &error), ==, 1);
  g_assert_cmpint (gredis_client_zadd_finish (
    client, TYPED (gredis_client_zadd_async (client, "z", 3, "one", GREDIS_ZADD_XX | GREDIS_ZADD_CH,
                                             NULL, on_typed_result, &wait)), &error), ==, 1);
  g_assert_cmpfloat (gredis_client_zincrby_finish (
    client, TYPED (gredis_client_zincrby_async (client, "z", 0.25, "two", NULL, on_typed_result,
                                                &wait)), &error), ==, 2.75);
  g_assert_true (gredis_client_zscore_finish (
    client, TYPED (gredis_client_zscore_async (client, "z", "one", NULL, on_typed_result, &wait)),
    &score, &error));
  g_assert_cmpfloat (score, ==, 3.0);
  g_clear_pointer (&range, g_strfreev);
  range = gredis_client_zrange_finish (
    client, TYPED (gredis_client_zrange_async (client, "z", "+inf", "(2.9",
                                               GREDIS_ZRANGE_BYSCORE | GREDIS_ZRANGE_REV, NULL,
                                               on_typed_result, &wait)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (range), ==, 1);
  g_assert_cmpstr (range[0], ==, "one");
  g_assert_cmpint (gredis_client_zcard_finish (
    client, TYPED (gredis_client_zcard_async (client, "z", NULL, on_typed_result, &wait)),
    &error), ==, 2);
  g_assert_no_error (error);

  /* A server error comes through the `_finish` form too. */
  gredis_client_llen_finish (
    client, TYPED (gredis_client_llen_async (client, "z", NULL, on_typed_result, &wait)), &error);
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
  g_clear_object (&wait.done);
#undef TYPED
}

/* Registration */

static gboolean
have_plugin (GredisPluginKind  kind,
             const char       *name)
{
  g_autoptr(GredisPluginInfo) info = gredis_plugins_lookup (kind, name, NULL);

  return info != NULL;
}

static gboolean
parser_speaks (const char *parser,
               guint       protocol)
{
  g_autoptr(GredisParser) p = gredis_parser_new_for_name (parser, NULL);

  return p != NULL && gredis_parser_set_protocol (p, protocol, NULL);
}

static void
add (const char     *name,
     const Combo    *combo,
     GTestDataFunc   func)
{
  g_autofree char *path = g_strdup_printf ("/client/%s/%s/resp%u/%s", combo->transport,
                                           combo->parser, combo->protocol, name);

  g_test_add_data_func (path, combo, func);
}

int
main (int    argc,
      char **argv)
{
  static const char *const transports[] = { "tcp", "unix", "tls", "gio-tls" };
  const char *acl[] = { "--user", "alice", "on", ">alice-secret", "~*", "&*", "+@all", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) combos = g_ptr_array_new_with_free_func (g_free);
  GList *parsers;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP | GREDIS_TEST_SERVER_UNIX |
                                     GREDIS_TEST_SERVER_TLS, acl, &error);
  g_assert_no_error (error);

  parsers = gredis_plugins_list (GREDIS_PLUGIN_PARSER);
  for (gsize t = 0; t < G_N_ELEMENTS (transports); t++)
    {
      if (!have_plugin (GREDIS_PLUGIN_TRANSPORT, transports[t]) ||
          !gredis_test_transport_testable ("/client", transports[t]))
        continue;
      for (GList *l = parsers; l != NULL; l = l->next)
        for (guint protocol = 2; protocol <= 3; protocol++)
          {
            const char *parser = gredis_plugin_info_get_name (l->data);
            Combo *combo;

            if (!parser_speaks (parser, protocol))
              continue;
            combo = g_new0 (Combo, 1);
            combo->transport = transports[t];
            combo->parser = gredis_plugin_info_get_name (l->data);
            combo->protocol = protocol;
            g_ptr_array_add (combos, combo);

            add ("basic", combo, test_basic);
            add ("auto-pipelining", combo, test_auto_pipelining);
            add ("results-kept", combo, test_results_kept);
            /* Engine paths that no transport or parser changes: once. */
            if (combos->len == 1)
              {
                add ("send-from-callback", combo, test_send_from_callback);
                add ("close-from-callback", combo, test_close_from_callback);
              }
            add ("binary", combo, test_binary);
            add ("reply-kinds", combo, test_reply_kinds);
            if (protocol == 3)
              add ("push", combo, test_push);
            add ("errors", combo, test_errors);
            add ("cancellation-storm", combo, test_cancellation_storm);
            add ("auth", combo, test_auth);
            add ("select", combo, test_select);
            add ("threads", combo, test_threads);
            add ("thread-default-context", combo, test_thread_default_context);
            add ("typed", combo, test_typed);
            add ("typed-async", combo, test_typed_async);
            add ("blocking-modes", combo, test_blocking_modes);
            if (protocol == 3)
              add ("blocking-push", combo, test_blocking_push);
            /* These wait for the server: once per transport and protocol. */
            if (g_str_equal (combo->parser, "resp3"))
              {
                add ("blocking-cancel", combo, test_blocking_cancel);
                add ("blocking-timeout", combo, test_blocking_timeout);
              }
          }
    }

  status = g_test_run ();

  g_list_free_full (parsers, (GDestroyNotify) gredis_plugin_info_unref);
  gredis_test_server_stop (server);
  return status;
}
