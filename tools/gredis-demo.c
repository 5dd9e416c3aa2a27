/* gredis-demo.c: a first tour of Gredis on a throwaway redis-server
 *
 * Starts redis-server on a Unix socket in a temporary directory, talks to
 * it with GredisClient (blocking calls, typed helpers, then pipelined
 * asynchronous calls on the main loop), and stops it.
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <locale.h>
#include <signal.h>

#include <glib/gstdio.h>
#include <gredis/gredis.h>

typedef struct
{
  GMainLoop *loop;
  guint pending;
} Demo;

static void
on_incrby (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Demo *demo = user_data;
  g_autoptr(GError) error = NULL;
  gint64 value = gredis_client_incrby_finish (GREDIS_CLIENT (source), result, &error);

  if (error != NULL)
    g_printerr ("INCRBY failed: %s\n", error->message);
  else
    g_print ("  async INCRBY visits → %" G_GINT64_FORMAT "\n", value);
  if (--demo->pending == 0)
    g_main_loop_quit (demo->loop);
}

static void
on_lrange (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  Demo *demo = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GredisReply) reply = gredis_client_command_finish (GREDIS_CLIENT (source), result,
                                                               &error);

  if (reply == NULL)
    g_printerr ("LRANGE failed: %s\n", error->message);
  else
    {
      g_autofree char *text = gredis_reply_to_string (reply);
      g_print ("  async LRANGE fruits 0 -1 →\n%s", text);
    }
  if (--demo->pending == 0)
    g_main_loop_quit (demo->loop);
}

static GSubprocess *
start_server (const char  *directory,
              const char  *socket_path,
              GError     **error)
{
  GSubprocess *server;

  server = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE, error,
                             "redis-server", "--port", "0", "--unixsocket", socket_path,
                             "--save", "", "--appendonly", "no", "--dir", directory, NULL);
  if (server == NULL)
    return NULL;

  /* Wait (at most 5 s) for the socket to appear. */
  for (guint i = 0; i < 500 && !g_file_test (socket_path, G_FILE_TEST_EXISTS); i++)
    g_usleep (10 * 1000);
  return server;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *socket_path = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GredisClient) client = NULL;
  g_autofree char *greeting = NULL;
  const char *fruits[] = { "apple", "banana", "cherry", NULL };
  const char *lrange[] = { "LRANGE", "fruits", "0", "-1", NULL };
  Demo demo = { NULL, 0 };
  int status = 1;

  setlocale (LC_ALL, "");

  directory = g_dir_make_tmp ("gredis-demo-XXXXXX", &error);
  if (directory == NULL)
    goto out;
  socket_path = g_build_filename (directory, "redis.sock", NULL);
  server = start_server (directory, socket_path, &error);
  if (server == NULL)
    goto out;
  g_print ("Started redis-server (pid %s) on %s\n",
           g_subprocess_get_identifier (server), socket_path);

  /* A URI is the shortest configuration; a GKeyFile or GredisConfig
   * properties work too. */
  uri = g_strdup_printf ("unix://%s?client_name=gredis-demo", socket_path);
  client = gredis_client_new_for_uri (uri, &error);
  if (client == NULL)
    goto out;

  /* Blocking calls: usable from any thread, no main loop needed. */
  if (!gredis_client_set (client, "greeting", "Hello from Gredis", 0, GREDIS_SET_NONE,
                          NULL, &error))
    goto out;
  greeting = gredis_client_get (client, "greeting", NULL, &error);
  if (error != NULL)
    goto out;
  g_print ("  SET greeting, then GET greeting → %s\n", greeting);
  for (guint i = 0; i < 3; i++)
    {
      gint64 n = gredis_client_incr (client, "counter", NULL, &error);

      if (error != NULL)
        goto out;
      g_print ("  INCR counter → %" G_GINT64_FORMAT "\n", n);
    }
  if (gredis_client_rpush (client, "fruits", fruits, NULL, &error) == 0 && error != NULL)
    goto out;

  /* Asynchronous calls: all issued in this iteration of the main loop go
   * out in one write; each callback gets its own reply, in order. */
  demo.loop = g_main_loop_new (NULL, FALSE);
  for (guint i = 1; i <= 5; i++)
    {
      gredis_client_incrby_async (client, "visits", i * 10, NULL, on_incrby, &demo);
      demo.pending++;
    }
  gredis_client_command_async (client, lrange, NULL, on_lrange, &demo);
  demo.pending++;
  g_main_loop_run (demo.loop);
  g_main_loop_unref (demo.loop);

  status = 0;

out:
  if (error != NULL)
    g_printerr ("gredis-demo: %s\n", error->message);
  if (client != NULL)
    gredis_client_close (client);
  if (server != NULL)
    {
      g_subprocess_send_signal (server, SIGTERM);
      g_subprocess_wait (server, NULL, NULL);
      g_print ("Stopped redis-server\n");
    }
  if (directory != NULL)
    {
      if (socket_path != NULL)
        g_unlink (socket_path);
      g_rmdir (directory);
    }
  return status;
}
