/* gredis-cli-pipe.c: --pipe, mass insertion of the protocol read from
 * standard input, as redis-cli --pipe does it
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

#include "gredis-cli-private.h"

#define MAGIC_LENGTH 20

/* The bytes of standard input go to the server as they are, from a
 * thread of their own; the main thread reads the replies, counts them and
 * prints the errors. After the input, an ECHO of 20 random bytes: its
 * reply is the last one. */
typedef struct
{
  GIOStream *stream;
  GredisParser *parser;
  guint handshake_replies;      /* AUTH, SELECT, HELLO: not counted */
  char magic[MAGIC_LENGTH];
  gint eof;                     /* atomic: the input and the ECHO are sent */
  gint writer_done;             /* atomic */
  gint64 last_read_s;
  gint64 errors;
  gint64 replies;
  gboolean done;
  gboolean failed;
} Pipe;

static void
write_all (Pipe         *pipe,
           const guint8 *data,
           gsize         length)
{
  GOutputStream *out = g_io_stream_get_output_stream (pipe->stream);
  g_autoptr(GError) error = NULL;

  if (!g_output_stream_write_all (out, data, length, NULL, NULL, &error) ||
      !g_output_stream_flush (out, NULL, &error))
    {
      fprintf (stderr, "Error writing to the server: %s\n", error->message);
      exit (1);
    }
}

static gpointer
writer_thread (gpointer data)
{
  Pipe *pipe = data;
  guint8 buffer[16 * 1024];

  for (;;)
    {
      gssize n = read (STDIN_FILENO, buffer, sizeof buffer);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          fprintf (stderr, "Error reading from stdin: %s\n", g_strerror (errno));
          exit (1);
        }
      if (n == 0)
        break;
      write_all (pipe, buffer, n);
    }

  /* The CRLF first: should the input end in the middle of a command,
   * the ECHO is still likely to be read as one. */
  {
    static const char head[] = "\r\n*2\r\n$4\r\nECHO\r\n$20\r\n";
    guint8 echo[sizeof head - 1 + MAGIC_LENGTH + 2];

    memcpy (echo, head, sizeof head - 1);
    memcpy (echo + sizeof head - 1, pipe->magic, MAGIC_LENGTH);
    memcpy (echo + sizeof head - 1 + MAGIC_LENGTH, "\r\n", 2);
    printf ("All data transferred. Waiting for the last reply...\n");
    fflush (stdout);
    g_atomic_int_set (&pipe->eof, 1);
    write_all (pipe, echo, sizeof echo);
  }
  g_atomic_int_set (&pipe->writer_done, 1);
  return NULL;
}

static void
count_reply (Pipe        *pipe,
             GredisReply *reply)
{
  gsize length = 0;
  const char *text;

  pipe->last_read_s = g_get_monotonic_time () / G_USEC_PER_SEC;
  if (pipe->handshake_replies > 0)
    {
      pipe->handshake_replies--;
      if (gredis_reply_get_kind (reply) == GREDIS_REPLY_ERROR)
        {
          fprintf (stderr, "%s\n", gredis_reply_get_string (reply, NULL));
          exit (1);
        }
      return;
    }

  text = gredis_reply_get_string (reply, &length);
  if (gredis_reply_get_kind (reply) == GREDIS_REPLY_ERROR)
    {
      fprintf (stderr, "%s\n", text);
      pipe->errors++;
    }
  else if (g_atomic_int_get (&pipe->eof) && gredis_reply_get_kind (reply) == GREDIS_REPLY_STRING &&
           length == MAGIC_LENGTH && memcmp (text, pipe->magic, MAGIC_LENGTH) == 0)
    {
      printf ("Last reply received from server.\n");
      fflush (stdout);
      pipe->done = TRUE;
      pipe->replies--;
    }
  pipe->replies++;
}

static gboolean
on_readable (GObject  *stream,
             gpointer  data)
{
  Pipe *pipe = data;
  guint8 buffer[16 * 1024];

  while (!pipe->done)
    {
      g_autoptr(GError) error = NULL;
      gssize n = g_pollable_input_stream_read_nonblocking (G_POLLABLE_INPUT_STREAM (stream),
                                                           buffer, sizeof buffer, NULL, &error);

      if (n < 0 && g_error_matches (error, G_IO_ERROR, G_IO_ERROR_WOULD_BLOCK))
        break;
      if (n > 0)
        gredis_parser_feed (pipe->parser, buffer, n);
      for (;;)
        {
          g_autoptr(GError) parse_error = NULL;
          g_autoptr(GredisReply) reply = gredis_parser_pop (pipe->parser, &parse_error);

          if (parse_error != NULL)
            {
              fprintf (stderr, "Error reading replies from server\n");
              exit (1);
            }
          if (reply == NULL)
            break;
          count_reply (pipe, reply);
          if (pipe->done)
            break;
        }
      /* The connection closed or failed: what came before it is
       * counted, then it is over, as for redis-cli. */
      if (n <= 0 && !pipe->done)
        exit (1);
    }
  return G_SOURCE_CONTINUE;
}

/* The handshake of the connection gredis-cli made, for this one: AUTH,
 * SELECT and HELLO 3 as the options ask. */
static guint
append_handshake (GredisConfig *config,
                  GByteArray   *out)
{
  g_autofree char *password = gredis_config_get_effective_password (config, NULL);
  const char *user = gredis_config_get_username (config);
  guint db = gredis_config_get_db (config);
  guint n = 0;

  if (password != NULL)
    {
      if (user != NULL)
        {
          const char *argv[] = { "AUTH", user, password, NULL };
          gredis_encode_command_strv (out, argv);
        }
      else
        {
          const char *argv[] = { "AUTH", password, NULL };
          gredis_encode_command_strv (out, argv);
        }
      n++;
    }
  if (db != 0)
    {
      g_autofree char *number = g_strdup_printf ("%u", db);
      const char *argv[] = { "SELECT", number, NULL };

      gredis_encode_command_strv (out, argv);
      n++;
    }
  if (gredis_config_get_protocol (config) == 3)
    {
      const char *argv[] = { "HELLO", "3", NULL };

      gredis_encode_command_strv (out, argv);
      n++;
    }
  return n;
}

/**
 * cli_pipe_mode:
 * @cli: the command line
 * @timeout_s: --pipe-timeout: how long to wait for a reply once the
 *   input is sent, 0 for ever
 *
 * Sends standard input to the server as it is (the protocol, or inline
 * commands), prints the error replies to standard error and ends with
 * "errors: N, replies: M".
 *
 * Returns: the exit status: 1 if a reply was an error or the wait timed
 *   out
 */
int
cli_pipe_mode (Cli *cli,
               int  timeout_s)
{
  GredisConfig *config = cli->node_config != NULL ? cli->node_config : cli->config;
  g_autoptr(GredisTransport) transport = NULL;
  g_autoptr(GSocketConnectable) endpoint = NULL;
  g_autoptr(GByteArray) handshake = g_byte_array_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GSource) source = NULL;
  GThread *thread;
  Pipe pipe = { 0 };

  transport = gredis_transport_new_for_name (gredis_config_get_effective_transport (config), &error);
  if (transport == NULL || !gredis_config_apply_to_plugin (config, G_OBJECT (transport), &error))
    goto failed;
  endpoint = gredis_config_get_endpoint (config);
  pipe.stream = gredis_transport_connect (transport, endpoint, NULL, &error);
  if (pipe.stream == NULL)
    goto failed;
  pipe.parser = gredis_parser_new_for_name (gredis_config_get_parser (config), &error);
  if (pipe.parser == NULL ||
      !gredis_parser_set_protocol (pipe.parser, gredis_config_get_protocol (config) == 3 ? 3 : 2, &error))
    goto failed;

  for (guint i = 0; i < MAGIC_LENGTH; i++)
    pipe.magic[i] = g_random_int_range (0, 256);
  pipe.last_read_s = g_get_monotonic_time () / G_USEC_PER_SEC;
  pipe.handshake_replies = append_handshake (config, handshake);
  if (handshake->len > 0)
    write_all (&pipe, handshake->data, handshake->len);

  source = g_pollable_input_stream_create_source (G_POLLABLE_INPUT_STREAM (g_io_stream_get_input_stream (pipe.stream)), NULL);
  g_source_set_callback (source, G_SOURCE_FUNC (on_readable), &pipe, NULL);
  g_source_attach (source, NULL);
  thread = g_thread_new ("gredis-cli-pipe", writer_thread, &pipe);

  while (!pipe.done)
    {
      g_autoptr(GSource) tick = g_timeout_source_new_seconds (1);

      g_source_set_dummy_callback (tick);
      g_source_attach (tick, NULL);
      g_main_context_iteration (NULL, TRUE);
      g_source_destroy (tick);

      if (g_atomic_int_get (&pipe.eof) && timeout_s > 0 &&
          g_get_monotonic_time () / G_USEC_PER_SEC - pipe.last_read_s > timeout_s)
        {
          fprintf (stderr, "No replies for %d seconds: exiting.\n", timeout_s);
          pipe.errors++;
          break;
        }
    }
  g_source_destroy (source);

  printf ("errors: %" G_GINT64_FORMAT ", replies: %" G_GINT64_FORMAT "\n", pipe.errors, pipe.replies);
  fflush (stdout);

  /* The writer has written the ECHO once its reply came; after a timeout
   * it may still be writing, and the process ends without waiting for
   * it. */
  if (pipe.done || g_atomic_int_get (&pipe.writer_done))
    {
      g_thread_join (thread);
      g_io_stream_close (pipe.stream, NULL, NULL);
      g_clear_object (&pipe.stream);
      g_clear_object (&pipe.parser);
    }
  else
    g_thread_unref (thread);
  return pipe.errors > 0 ? 1 : 0;

failed:
  fprintf (stderr, "%s\n", error->message);
  g_clear_object (&pipe.stream);
  g_clear_object (&pipe.parser);
  return 1;
}
