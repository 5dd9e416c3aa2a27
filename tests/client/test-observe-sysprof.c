/* test-observe-sysprof.c: the `sysprof` observer writes a mark per
 * command (its name, its server and error as the message) and per
 * connection made, read back from the capture file with libsysprof-
 * capture's reader
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <string.h>

#include <glib/gstdio.h>
#include <gredis/gredis.h>
#include <sysprof-capture.h>

#include "gredis-client-private.h"
#include "gredis-observers-private.h"
#include "gredis-test-server.h"

static void
test_marks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisTestServer) server = gredis_test_server_start (GREDIS_TEST_SERVER_TCP, NULL, &error);
  g_autofree char *directory = g_dir_make_tmp ("gredis-sysprof-XXXXXX", &error);
  g_autofree char *capture = NULL;
  g_autofree char *uri = NULL;
  g_autofree char *cached_uri = NULL;
  g_autofree char *server_text = NULL;
  GredisClient *client;
  GredisObserver *observer;
  SysprofCaptureReader *reader;
  SysprofCaptureFrameType type;
  const char *lpush[] = { "LPUSH", "key", "x", NULL };
  const char *get[] = { "GET", "key", NULL };
  const char *change[] = { "SET", "key", "changed", NULL };
  g_autoptr(GredisClient) writer = NULL;
  guint n_set = 0, n_lpush = 0, n_connect = 0, n_invalidations = 0;
  gint64 deadline;

  g_assert_no_error (error);
  capture = g_build_filename (directory, "gredis.syscap", NULL);
  /* Read when the observer is made, with the client's pool. */
  g_setenv ("GREDIS_SYSPROF_CAPTURE", capture, TRUE);

  uri = gredis_test_server_get_uri (server);
  /* The client-side cache, for an invalidation: chosen when the client
   * is made. */
  cached_uri = g_strconcat (uri, "?protocol=3&cache=true", NULL);
  client = gredis_client_new_for_uri (cached_uri, &error);
  g_assert_no_error (error);
  gredis_config_set_observe (gredis_client_get_config (client), "sysprof");
  for (guint i = 0; i < 3; i++)
    {
      const char *set[] = { "SET", "key", "value", NULL };
      g_autoptr(GredisReply) reply = gredis_client_command (client, set, NULL, &error);

      g_assert_no_error (error);
    }
  g_assert_null (gredis_client_command (client, lpush, NULL, &error));
  g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_WRONGTYPE);
  g_clear_error (&error);

  /* A read the cache keeps, changed by another client: the server
   * pushes an invalidation to the cache's thread. */
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(GredisReply) reply = gredis_client_command (client, get, NULL, &error);

      g_assert_no_error (error);
    }
  writer = gredis_client_new_for_uri (uri, &error);
  g_assert_no_error (error);
  {
    g_autoptr(GredisReply) reply = gredis_client_command (writer, change, NULL, &error);

    g_assert_no_error (error);
  }
  /* The cache answers the old value until the invalidation is
   * applied. */
  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  for (;;)
    {
      g_autoptr(GredisReply) reply = gredis_client_command (client, get, NULL, &error);

      g_assert_no_error (error);
      if (g_strcmp0 (gredis_reply_get_text (reply), "changed") == 0)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (10 * 1000);
    }
  gredis_client_close (writer);

  /* The capture is flushed when the last observer goes, with the
   * client. */
  observer = _gredis_observers_find (_gredis_router_get_observers (_gredis_client_get_router (client)),
                                     g_type_from_name ("GredisSysprofObserver"));
  g_assert_nonnull (observer);
  g_object_add_weak_pointer (G_OBJECT (observer), (gpointer *) &observer);
  gredis_client_close (client);
  g_object_unref (client);
  deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;
  while (observer != NULL && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, FALSE);
  g_assert_null (observer);
  g_unsetenv ("GREDIS_SYSPROF_CAPTURE");

  server_text = g_strdup_printf ("%s:%u", gredis_test_server_get_host (server),
                                 gredis_test_server_get_port (server));
  reader = sysprof_capture_reader_new (capture);
  g_assert_nonnull (reader);
  while (sysprof_capture_reader_peek_type (reader, &type))
    {
      const SysprofCaptureMark *mark;

      if (type != SYSPROF_CAPTURE_FRAME_MARK)
        {
          g_assert_true (sysprof_capture_reader_skip (reader));
          continue;
        }
      mark = sysprof_capture_reader_read_mark (reader);
      g_assert_nonnull (mark);
      g_test_message ("mark %s/%s: %s (%" G_GINT64_FORMAT " ns)", mark->group, mark->name,
                      mark->message, mark->duration);
      g_assert_cmpstr (mark->group, ==, "Redis");
      g_assert_cmpint (mark->duration, >=, 0);
      if (g_str_equal (mark->name, "SET"))
        {
          g_assert_cmpstr (mark->message, ==, server_text);
          n_set++;
        }
      else if (g_str_equal (mark->name, "LPUSH"))
        {
          g_autofree char *expected = g_strdup_printf ("%s WRONGTYPE", server_text);

          g_assert_cmpstr (mark->message, ==, expected);
          n_lpush++;
        }
      else if (g_str_equal (mark->name, "connect"))
        n_connect++;
      else if (g_str_equal (mark->name, "cache invalidation"))
        {
          /* The key, or the whole cache emptied as its tracking
           * connection closed with the client. */
          if (g_str_equal (mark->message, "1 keys"))
            n_invalidations++;
          else
            g_assert_cmpstr (mark->message, ==, "all keys");
        }
    }
  sysprof_capture_reader_unref (reader);
  g_assert_cmpuint (n_set, ==, 3);
  g_assert_cmpuint (n_lpush, ==, 1);
  g_assert_cmpuint (n_connect, >=, 1);
  g_assert_cmpuint (n_invalidations, ==, 1);

  g_unlink (capture);
  g_rmdir (directory);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/observe/sysprof/marks", test_marks);

  return g_test_run ();
}
