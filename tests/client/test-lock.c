/* test-lock.c: GredisLock on a real redis-server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include "gredis-test-server.h"

static GredisTestServer *server;

static GredisClient *
make_client_max (guint max_connections)
{
  g_autoptr(GredisConfig) config = gredis_config_new ();

  gredis_config_set_path (config, gredis_test_server_get_socket_path (server));
  if (max_connections > 0)
    {
      g_autofree char *max = g_strdup_printf ("%u", max_connections);
      g_autoptr(GError) error = NULL;

      gredis_config_set_option (config, "max-connections", max, &error);
      g_assert_no_error (error);
      /* A bound, not a measure: an exhausted pool fails soon. */
      gredis_config_set_option (config, "pool-timeout-ms", "2000", &error);
      g_assert_no_error (error);
    }
  return gredis_client_new (config);
}

static GredisClient *
make_client (void)
{
  return make_client_max (0);
}

static char *
get (GredisClient *client,
     const char   *key)
{
  g_autoptr(GError) error = NULL;
  char *value = gredis_client_get (client, key, NULL, &error);

  g_assert_no_error (error);
  return value;
}

/* Two holders of one name: only one at a time, only the holder extends
 * and releases. */
static void
test_exclusion (void)
{
  g_autoptr(GredisClient) client = make_client ();
  g_autoptr(GredisLock) a = gredis_lock_new (client, "lock:x", 60000);
  g_autoptr(GredisLock) b = gredis_lock_new (client, "lock:x", 60000);
  g_autoptr(GError) error = NULL;
  g_autofree char *held = NULL;
  gint64 ttl;

  g_assert_null (gredis_lock_get_token (a));
  g_assert_true (gredis_lock_acquire (a, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_nonnull (gredis_lock_get_token (a));
  held = get (client, "lock:x");
  g_assert_cmpstr (held, ==, gredis_lock_get_token (a));

  g_assert_false (gredis_lock_acquire (b, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (gredis_lock_get_token (b));
  /* Waiting a little does not help while the holder keeps it. */
  g_assert_false (gredis_lock_acquire (b, 150, NULL, &error));
  g_assert_no_error (error);

  /* Not held by b: neither extended nor released by it. */
  g_assert_false (gredis_lock_extend (b, 1000, NULL, &error));
  g_assert_false (gredis_lock_release (b, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (gredis_lock_extend (a, 120000, NULL, &error));
  g_assert_no_error (error);
  ttl = gredis_client_pttl (client, "lock:x", NULL, &error);
  g_assert_cmpint (ttl, >, 60000);

  g_assert_true (gredis_lock_release (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (gredis_lock_get_token (a));
  g_assert_null (get (client, "lock:x"));
  g_assert_false (gredis_lock_release (a, NULL, &error));
  g_assert_no_error (error);

  g_assert_true (gredis_lock_acquire (b, 0, NULL, &error));
  g_assert_true (gredis_lock_release (b, NULL, &error));
}

/* A holder whose lock expired and was taken by another: it must not
 * release the other's lock. */
static void
test_expired_holder (void)
{
  g_autoptr(GredisClient) client = make_client ();
  g_autoptr(GredisLock) a = gredis_lock_new (client, "lock:y", 60000);
  g_autoptr(GredisLock) b = gredis_lock_new (client, "lock:y", 60000);
  g_autoptr(GError) error = NULL;
  const char *keys[] = { "lock:y", NULL };
  g_autofree char *held = NULL;

  g_assert_true (gredis_lock_acquire (a, 0, NULL, &error));
  /* As if it expired. */
  gredis_client_del (client, keys, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (gredis_lock_acquire (b, 0, NULL, &error));
  g_assert_false (gredis_lock_release (a, NULL, &error));
  g_assert_no_error (error);
  g_assert_null (gredis_lock_get_token (a));
  held = get (client, "lock:y");
  g_assert_cmpstr (held, ==, gredis_lock_get_token (b));
  g_assert_false (gredis_lock_extend (a, 1000, NULL, &error));
}

static void
on_acquired (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

/* A waiter gets the lock once the holder releases it, and a waiter can
 * be cancelled. */
static void
test_wait (void)
{
  g_autoptr(GredisClient) client = make_client ();
  g_autoptr(GredisLock) a = gredis_lock_new (client, "lock:z", 60000);
  g_autoptr(GredisLock) b = gredis_lock_new (client, "lock:z", 60000);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  GAsyncResult *result = NULL;
  gboolean released = FALSE;

  g_assert_true (gredis_lock_acquire (a, 0, NULL, &error));
  gredis_lock_acquire_async (b, 60000, NULL, on_acquired, &result);
  while (result == NULL)
    {
      g_main_context_iteration (NULL, TRUE);
      if (!released)
        {
          /* b has tried once by now or soon will: let go. */
          g_assert_true (gredis_lock_release (a, NULL, &error));
          released = TRUE;
        }
    }
  g_assert_true (gredis_lock_acquire_finish (b, result, &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  gredis_lock_acquire_async (a, 60000, cancellable, on_acquired, &result);
  g_cancellable_cancel (cancellable);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (gredis_lock_acquire_finish (a, result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_object (&result);
  g_assert_null (gredis_lock_get_token (a));
}

/* Each blocking call runs the asynchronous one on a main context of its
 * own: the connections those use go back to the pool when it ends, so
 * that a small pool serves any number of them. */
static void
test_blocking_loop (void)
{
  g_autoptr(GredisClient) client = make_client_max (2);
  g_autoptr(GredisLock) lock = gredis_lock_new (client, "lock:loop", 60000);

  for (guint i = 0; i < 50; i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_true (gredis_lock_acquire (lock, 0, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (gredis_lock_extend (lock, 60000, NULL, &error));
      g_assert_no_error (error);
      g_assert_true (gredis_lock_release (lock, NULL, &error));
      g_assert_no_error (error);
    }
}

static void
on_command (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  *(GAsyncResult **) data = g_object_ref (result);
}

/* Blocking commands and calls, then an asynchronous command on the
 * default main context, on @client. */
static void
blocking_then_async (GredisClient *client,
                     GredisLock   *lock)
{
  const char *set[] = { "SET", "lock:other", "v", NULL };
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = NULL;
  GAsyncResult *result = NULL;

  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(GredisReply) blocking = gredis_client_command (client, set, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (blocking);
    }
  g_assert_true (gredis_lock_acquire (lock, 0, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (gredis_lock_release (lock, NULL, &error));
  g_assert_no_error (error);

  gredis_client_command_async (client, set, NULL, on_command, &result);
  while (result == NULL)
    g_main_context_iteration (NULL, TRUE);
  reply = gredis_client_command_finish (client, result, &error);
  g_assert_no_error (error);
  g_assert_nonnull (reply);
  g_clear_object (&result);
}

/* With a pool of one connection, the blocking calls leave it free for
 * the default main context's shared connection (which then keeps it);
 * with two, blocking calls and asynchronous commands go on alternating. */
static void
test_blocking_then_async (void)
{
  g_autoptr(GredisClient) two = make_client_max (2);
  g_autoptr(GredisLock) two_lock = gredis_lock_new (two, "lock:mixed", 60000);

  for (guint round = 0; round < 5; round++)
    {
      g_autoptr(GredisClient) one = make_client_max (1);
      g_autoptr(GredisLock) one_lock = gredis_lock_new (one, "lock:mixed", 60000);

      blocking_then_async (one, one_lock);
    }
  for (guint round = 0; round < 10; round++)
    blocking_then_async (two, two_lock);
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

  g_test_add_func ("/lock/exclusion", test_exclusion);
  g_test_add_func ("/lock/expired-holder", test_expired_holder);
  g_test_add_func ("/lock/wait", test_wait);
  g_test_add_func ("/lock/blocking-loop", test_blocking_loop);
  g_test_add_func ("/lock/blocking-then-async", test_blocking_then_async);

  status = g_test_run ();

  gredis_test_server_stop (server);
  return status;
}
