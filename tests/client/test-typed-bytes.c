/* test-typed-bytes.c: the binary-safe (GBytes) forms of the typed helpers
 * on a real redis-server, with values that hold NUL bytes and invalid UTF-8
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <gredis/gredis.h>

#include "gredis-test-server.h"
#include "gredis-test-util.h"

static GredisTestServer *server;

/* A NUL first (a C string would be empty), invalid UTF-8, a CRLF (which
 * would end an inline command) and a NUL inside. */
static const char binary[] = "\0\xff\xfe\r\nb\0in\xc3";
#define BINARY_LEN (sizeof binary - 1)

static GBytes *
binary_bytes (void)
{
  return g_bytes_new_static (binary, BINARY_LEN);
}

static void
assert_binary (GBytes *bytes)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), binary, BINARY_LEN);
}

static void
assert_bytes (GBytes     *bytes,
              const char *data,
              gsize       length)
{
  g_assert_nonnull (bytes);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, length);
}

static GredisClient *
make_client (guint protocol)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();
  g_autoptr(GredisClient) client = NULL;
  g_autoptr(GredisReply) reply = NULL;
  g_autoptr(GError) error = NULL;
  const char *argv[] = { "FLUSHALL", NULL };

  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  gredis_config_set_protocol (config, protocol);
  client = gredis_client_new (config);
  reply = gredis_client_command (client, argv, NULL, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&client);
}

static void
test_blocking (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GBytes) value = binary_bytes ();
  g_autoptr(GBytes) nul = g_bytes_new_static ("\0", 1);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  GBytes *pair[] = { value, nul };
  const char *keys[] = { "a", "b" };
  const char *mkeys[] = { "a", "none", "b", NULL };
  const char *fields[] = { "f", "g" };
  double score = 0;

  /* Strings */
  g_assert_true (gredis_client_set_bytes (client, "k", value, 0, GREDIS_SET_NONE, NULL, &error));
  g_assert_no_error (error);
  got = gredis_client_get_bytes (client, "k", NULL, &error);
  g_assert_no_error (error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  /* The text form stops at the first NUL: the value starts with one. */
  text = gredis_client_get (client, "k", NULL, &error);
  g_assert_cmpstr (text, ==, "");
  g_assert_null (gredis_client_get_bytes (client, "none", NULL, &error));
  g_assert_no_error (error);
  g_assert_false (gredis_client_set_bytes (client, "k", nul, 0, GREDIS_SET_NX, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_client_set_bytes (client, "e", empty, 0, GREDIS_SET_NONE, NULL, &error));
  got = gredis_client_get_bytes (client, "e", NULL, &error);
  assert_bytes (got, "", 0);
  g_clear_pointer (&got, g_bytes_unref);
  g_assert_cmpint (gredis_client_append_bytes (client, "k", nul, NULL, &error), ==, BINARY_LEN + 1);
  g_assert_cmpint (gredis_client_strlen (client, "k", NULL, &error), ==, BINARY_LEN + 1);
  g_assert_true (gredis_client_mset_bytes (client, keys, pair, 2, NULL, &error));
  g_assert_no_error (error);
  array = gredis_client_mget_bytes (client, mkeys, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (array->len, ==, 3);
  assert_binary (array->pdata[0]);
  g_assert_null (array->pdata[1]);
  assert_bytes (array->pdata[2], "\0", 1);
  g_clear_pointer (&array, g_ptr_array_unref);

  /* Hashes */
  g_assert_cmpint (gredis_client_hset_bytes (client, "h", fields, pair, 2, NULL, &error), ==, 2);
  g_assert_no_error (error);
  got = gredis_client_hget_bytes (client, "h", "f", NULL, &error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  g_assert_null (gredis_client_hget_bytes (client, "h", "none", NULL, &error));
  g_assert_no_error (error);
  array = gredis_client_hgetall_bytes (client, "h", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (array->len, ==, 4);
  for (guint i = 0; i < 4; i += 2)
    {
      if (g_bytes_get_size (array->pdata[i]) == 1 &&
          memcmp (g_bytes_get_data (array->pdata[i], NULL), "f", 1) == 0)
        assert_binary (array->pdata[i + 1]);
      else
        assert_bytes (array->pdata[i + 1], "\0", 1);
    }
  g_clear_pointer (&array, g_ptr_array_unref);

  /* Lists */
  g_assert_cmpint (gredis_client_rpush_bytes (client, "l", pair, 2, NULL, &error), ==, 2);
  g_assert_cmpint (gredis_client_lpush_bytes (client, "l", &nul, 1, NULL, &error), ==, 3);
  g_assert_no_error (error);
  array = gredis_client_lrange_bytes (client, "l", 0, -1, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (array->len, ==, 3);
  assert_bytes (array->pdata[0], "\0", 1);
  assert_binary (array->pdata[1]);
  g_clear_pointer (&array, g_ptr_array_unref);
  got = gredis_client_lpop_bytes (client, "l", NULL, &error);
  assert_bytes (got, "\0", 1);
  g_clear_pointer (&got, g_bytes_unref);
  got = gredis_client_rpop_bytes (client, "l", NULL, &error);
  assert_bytes (got, "\0", 1);
  g_clear_pointer (&got, g_bytes_unref);
  got = gredis_client_rpop_bytes (client, "l", NULL, &error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  g_assert_null (gredis_client_lpop_bytes (client, "l", NULL, &error));
  g_assert_no_error (error);

  /* Sets */
  g_assert_cmpint (gredis_client_sadd_bytes (client, "s", pair, 2, NULL, &error), ==, 2);
  g_assert_true (gredis_client_sismember_bytes (client, "s", value, NULL, &error));
  g_assert_false (gredis_client_sismember_bytes (client, "s", empty, NULL, &error));
  g_assert_no_error (error);
  array = gredis_client_smembers_bytes (client, "s", NULL, &error);
  g_assert_cmpuint (array->len, ==, 2);
  g_clear_pointer (&array, g_ptr_array_unref);
  g_assert_cmpint (gredis_client_srem_bytes (client, "s", &nul, 1, NULL, &error), ==, 1);
  array = gredis_client_smembers_bytes (client, "s", NULL, &error);
  g_assert_cmpuint (array->len, ==, 1);
  assert_binary (array->pdata[0]);
  g_clear_pointer (&array, g_ptr_array_unref);

  /* Sorted sets */
  g_assert_cmpint (gredis_client_zadd_bytes (client, "z", 2, value, GREDIS_ZADD_NONE, NULL, &error), ==, 1);
  g_assert_cmpint (gredis_client_zadd_bytes (client, "z", 1, nul, GREDIS_ZADD_NONE, NULL, &error), ==, 1);
  g_assert_no_error (error);
  g_assert_true (gredis_client_zscore_bytes (client, "z", value, &score, NULL, &error));
  g_assert_cmpfloat (score, ==, 2);
  g_assert_false (gredis_client_zscore_bytes (client, "z", empty, &score, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpfloat (gredis_client_zincrby_bytes (client, "z", 0.5, nul, NULL, &error), ==, 1.5);
  array = gredis_client_zrange_bytes (client, "z", "0", "-1", GREDIS_ZRANGE_REV, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (array->len, ==, 2);
  assert_binary (array->pdata[0]);
  assert_bytes (array->pdata[1], "\0", 1);
  g_clear_pointer (&array, g_ptr_array_unref);
  g_assert_cmpint (gredis_client_zrem_bytes (client, "z", &value, 1, NULL, &error), ==, 1);
  g_assert_cmpint (gredis_client_zcard (client, "z", NULL, &error), ==, 1);
  g_assert_no_error (error);
}

typedef struct
{
  GAsyncResult *pending;
  GAsyncResult *done;
} Wait;

static void
on_result (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Wait *wait = user_data;

  wait->pending = g_object_ref (result);
}

static GAsyncResult *
wait_result (Wait *wait)
{
  while (wait->pending == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_clear_object (&wait->done);
  wait->done = g_steal_pointer (&wait->pending);
  return wait->done;
}

/* Starts an `_async` call, waits for it and hands its result over. */
#define ASYNC(call) ((call), wait_result (&wait))

static void
test_async (gconstpointer data)
{
  g_autoptr(GredisClient) client = make_client (GPOINTER_TO_UINT (data));
  g_autoptr(GBytes) value = binary_bytes ();
  g_autoptr(GBytes) nul = g_bytes_new_static ("\0", 1);
  g_autoptr(GBytes) got = NULL;
  g_autoptr(GPtrArray) array = NULL;
  g_autoptr(GError) error = NULL;
  GBytes *pair[] = { value, nul };
  const char *keys[] = { "a", "b" };
  const char *mkeys[] = { "b", "a", NULL };
  const char *fields[] = { "f", "g" };
  Wait wait = { NULL, NULL };
  double score = 0;

  g_assert_true (gredis_client_set_bytes_finish (
    client, ASYNC (gredis_client_set_bytes_async (client, "k", value, 60000, GREDIS_SET_NONE, NULL,
                                                  on_result, &wait)), &error));
  g_assert_no_error (error);
  got = gredis_client_get_bytes_finish (
    client, ASYNC (gredis_client_get_bytes_async (client, "k", NULL, on_result, &wait)), &error);
  g_assert_no_error (error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  g_assert_cmpint (gredis_client_append_bytes_finish (
    client, ASYNC (gredis_client_append_bytes_async (client, "k", nul, NULL, on_result, &wait)), &error),
    ==, BINARY_LEN + 1);
  g_assert_true (gredis_client_mset_bytes_finish (
    client, ASYNC (gredis_client_mset_bytes_async (client, keys, pair, 2, NULL, on_result, &wait)), &error));
  array = gredis_client_mget_bytes_finish (
    client, ASYNC (gredis_client_mget_bytes_async (client, mkeys, NULL, on_result, &wait)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (array->len, ==, 2);
  assert_bytes (array->pdata[0], "\0", 1);
  assert_binary (array->pdata[1]);
  g_clear_pointer (&array, g_ptr_array_unref);

  g_assert_cmpint (gredis_client_hset_bytes_finish (
    client, ASYNC (gredis_client_hset_bytes_async (client, "h", fields, pair, 2, NULL, on_result, &wait)),
    &error), ==, 2);
  got = gredis_client_hget_bytes_finish (
    client, ASYNC (gredis_client_hget_bytes_async (client, "h", "f", NULL, on_result, &wait)), &error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  array = gredis_client_hgetall_bytes_finish (
    client, ASYNC (gredis_client_hgetall_bytes_async (client, "h", NULL, on_result, &wait)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (array->len, ==, 4);
  g_clear_pointer (&array, g_ptr_array_unref);

  g_assert_cmpint (gredis_client_rpush_bytes_finish (
    client, ASYNC (gredis_client_rpush_bytes_async (client, "l", pair, 2, NULL, on_result, &wait)), &error),
    ==, 2);
  g_assert_cmpint (gredis_client_lpush_bytes_finish (
    client, ASYNC (gredis_client_lpush_bytes_async (client, "l", &value, 1, NULL, on_result, &wait)), &error),
    ==, 3);
  array = gredis_client_lrange_bytes_finish (
    client, ASYNC (gredis_client_lrange_bytes_async (client, "l", 0, -1, NULL, on_result, &wait)), &error);
  g_assert_cmpuint (array->len, ==, 3);
  assert_binary (array->pdata[0]);
  assert_bytes (array->pdata[2], "\0", 1);
  g_clear_pointer (&array, g_ptr_array_unref);
  got = gredis_client_lpop_bytes_finish (
    client, ASYNC (gredis_client_lpop_bytes_async (client, "l", NULL, on_result, &wait)), &error);
  assert_binary (got);
  g_clear_pointer (&got, g_bytes_unref);
  got = gredis_client_rpop_bytes_finish (
    client, ASYNC (gredis_client_rpop_bytes_async (client, "l", NULL, on_result, &wait)), &error);
  assert_bytes (got, "\0", 1);
  g_clear_pointer (&got, g_bytes_unref);

  g_assert_cmpint (gredis_client_sadd_bytes_finish (
    client, ASYNC (gredis_client_sadd_bytes_async (client, "s", pair, 2, NULL, on_result, &wait)), &error),
    ==, 2);
  g_assert_true (gredis_client_sismember_bytes_finish (
    client, ASYNC (gredis_client_sismember_bytes_async (client, "s", nul, NULL, on_result, &wait)), &error));
  g_assert_cmpint (gredis_client_srem_bytes_finish (
    client, ASYNC (gredis_client_srem_bytes_async (client, "s", &nul, 1, NULL, on_result, &wait)), &error),
    ==, 1);
  array = gredis_client_smembers_bytes_finish (
    client, ASYNC (gredis_client_smembers_bytes_async (client, "s", NULL, on_result, &wait)), &error);
  g_assert_cmpuint (array->len, ==, 1);
  assert_binary (array->pdata[0]);
  g_clear_pointer (&array, g_ptr_array_unref);

  g_assert_cmpint (gredis_client_zadd_bytes_finish (
    client, ASYNC (gredis_client_zadd_bytes_async (client, "z", 1, value, GREDIS_ZADD_NONE, NULL,
                                                   on_result, &wait)), &error), ==, 1);
  g_assert_cmpfloat (gredis_client_zincrby_bytes_finish (
    client, ASYNC (gredis_client_zincrby_bytes_async (client, "z", 2, value, NULL, on_result, &wait)), &error),
    ==, 3);
  g_assert_true (gredis_client_zscore_bytes_finish (
    client, ASYNC (gredis_client_zscore_bytes_async (client, "z", value, NULL, on_result, &wait)),
    &score, &error));
  g_assert_cmpfloat (score, ==, 3);
  array = gredis_client_zrange_bytes_finish (
    client, ASYNC (gredis_client_zrange_bytes_async (client, "z", "-inf", "+inf", GREDIS_ZRANGE_BYSCORE,
                                                     NULL, on_result, &wait)), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (array->len, ==, 1);
  assert_binary (array->pdata[0]);
  g_clear_pointer (&array, g_ptr_array_unref);
  g_assert_cmpint (gredis_client_zrem_bytes_finish (
    client, ASYNC (gredis_client_zrem_bytes_async (client, "z", &value, 1, NULL, on_result, &wait)), &error),
    ==, 1);
  g_assert_no_error (error);
  g_clear_object (&wait.done);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  server = gredis_test_server_start (GREDIS_TEST_SERVER_UNIX, NULL, &error);
  g_assert_no_error (error);

  g_test_add_data_func ("/typed-bytes/resp2/blocking", GUINT_TO_POINTER (2), test_blocking);
  g_test_add_data_func ("/typed-bytes/resp3/blocking", GUINT_TO_POINTER (3), test_blocking);
  g_test_add_data_func ("/typed-bytes/resp2/async", GUINT_TO_POINTER (2), test_async);
  g_test_add_data_func ("/typed-bytes/resp3/async", GUINT_TO_POINTER (3), test_async);

  status = g_test_run ();

  gredis_test_server_stop (server);
  return status;
}
