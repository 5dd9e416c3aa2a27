/* test-parser.c: the parser plugins through the GredisParser API
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>

#include <malloc.h>
#include <string.h>

static const char *all_parsers[] = {
  "resp3",
  "resp2",
#ifdef HAVE_HIREDIS_PLUGIN
  "hiredis",
#endif
};

static GredisParser *
new_parser (const char *name)
{
  g_autoptr(GError) error = NULL;
  GredisParser *parser = gredis_parser_new_for_name (name, &error);

  g_assert_no_error (error);
  g_assert_true (GREDIS_IS_PARSER (parser));
  return parser;
}

static void
test_registry (void)
{
  GList *infos = gredis_plugins_list (GREDIS_PLUGIN_PARSER);
  gint resp3 = G_MININT, resp2 = G_MININT, hiredis = G_MININT;
  g_autoptr(GredisParser) parser = NULL;

  for (GList *l = infos; l != NULL; l = l->next)
    {
      const char *name = gredis_plugin_info_get_name (l->data);
      gint priority = gredis_plugin_info_get_priority (l->data);

      if (g_str_equal (name, "resp3"))
        resp3 = priority;
      else if (g_str_equal (name, "resp2"))
        resp2 = priority;
      else if (g_str_equal (name, "hiredis"))
        hiredis = priority;
    }
  g_list_free_full (infos, (GDestroyNotify) gredis_plugin_info_unref);

  g_assert_cmpint (resp3, >, resp2);
#ifdef HAVE_HIREDIS_PLUGIN
  g_assert_cmpint (resp2, >, hiredis);
#else
  g_assert_cmpint (hiredis, ==, G_MININT);
#endif

  /* resp3 is the default. */
  parser = new_parser (NULL);
  g_assert_cmpstr (G_OBJECT_TYPE_NAME (parser), ==, "GredisResp3Parser");

  for (guint i = 0; i < G_N_ELEMENTS (all_parsers); i++)
    {
      g_autoptr(GredisParser) p = new_parser (all_parsers[i]);

      g_assert_true (GREDIS_IS_PARSER (p));
      g_assert_cmpuint (gredis_parser_get_protocol (p), ==, 2);
    }
}

static void
count_notify (GObject    *object,
              GParamSpec *pspec,
              gpointer    user_data)
{
  (*(guint *) user_data)++;
}

static void
test_properties (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_parsers); i++)
    {
      g_autoptr(GredisParser) parser = new_parser (all_parsers[i]);
      guint64 bulk, elements, reply;
      guint depth, protocol, notified = 0;

      g_object_get (parser,
                    "protocol", &protocol,
                    "max-bulk-bytes", &bulk,
                    "max-elements", &elements,
                    "max-depth", &depth,
                    "max-reply-bytes", &reply,
                    NULL);
      g_assert_cmpuint (protocol, ==, 2);
      g_assert_cmpuint (bulk, ==, GREDIS_PARSER_DEFAULT_MAX_BULK_BYTES);
      g_assert_cmpuint (elements, ==, GREDIS_PARSER_DEFAULT_MAX_ELEMENTS);
      g_assert_cmpuint (depth, ==, GREDIS_PARSER_DEFAULT_MAX_DEPTH);
      g_assert_cmpuint (reply, ==, GREDIS_PARSER_DEFAULT_MAX_REPLY_BYTES);

      g_signal_connect (parser, "notify", G_CALLBACK (count_notify), &notified);
      g_object_set (parser,
                    "max-bulk-bytes", (guint64) 10,
                    "max-elements", (guint64) 20,
                    "max-depth", 3,
                    "max-reply-bytes", (guint64) 40,
                    NULL);
      g_assert_cmpuint (notified, ==, 4);
      /* Setting the same values again notifies nothing. */
      g_object_set (parser, "max-bulk-bytes", (guint64) 10, "max-depth", 3, NULL);
      g_assert_cmpuint (notified, ==, 4);

      g_object_get (parser,
                    "max-bulk-bytes", &bulk,
                    "max-elements", &elements,
                    "max-depth", &depth,
                    "max-reply-bytes", &reply,
                    NULL);
      g_assert_cmpuint (bulk, ==, 10);
      g_assert_cmpuint (elements, ==, 20);
      g_assert_cmpuint (depth, ==, 3);
      g_assert_cmpuint (reply, ==, 40);
    }
}

static void
test_protocol (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_parsers); i++)
    {
      g_autoptr(GredisParser) parser = new_parser (all_parsers[i]);
      g_autoptr(GError) error = NULL;
      gboolean ok;

      ok = gredis_parser_set_protocol (parser, 4, &error);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED);
      g_assert_false (ok);
      g_clear_error (&error);

      ok = gredis_parser_set_protocol (parser, 3, &error);
      if (g_str_equal (all_parsers[i], "resp3"))
        {
          g_assert_no_error (error);
          g_assert_true (ok);
          g_assert_cmpuint (gredis_parser_get_protocol (parser), ==, 3);
          ok = gredis_parser_set_protocol (parser, 2, &error);
          g_assert_no_error (error);
          g_assert_true (ok);
        }
      else
        {
          g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_UNSUPPORTED);
          g_assert_nonnull (strstr (error->message, all_parsers[i]));
          g_assert_false (ok);
        }
      g_assert_cmpuint (gredis_parser_get_protocol (parser), ==, 2);
    }
}

static void
test_error_state_and_reset (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (all_parsers); i++)
    {
      g_autoptr(GredisParser) parser = new_parser (all_parsers[i]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = NULL;

      gredis_parser_feed (parser, (const guint8 *) "@oops\r\n", 7);
      g_assert_null (gredis_parser_pop (parser, &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
      g_clear_error (&error);

      /* Still failed, whatever is fed. */
      gredis_parser_feed (parser, (const guint8 *) "+OK\r\n", 5);
      g_assert_null (gredis_parser_pop (parser, &error));
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
      g_clear_error (&error);

      gredis_parser_reset (parser);
      g_assert_null (gredis_parser_pop (parser, &error));
      g_assert_no_error (error);

      /* A partial reply is forgotten too. */
      gredis_parser_feed (parser, (const guint8 *) "*2\r\n:1\r\n", 8);
      g_assert_null (gredis_parser_pop (parser, &error));
      g_assert_no_error (error);
      gredis_parser_reset (parser);
      gredis_parser_feed (parser, (const guint8 *) ":7\r\n", 4);
      reply = gredis_parser_pop (parser, &error);
      g_assert_no_error (error);
      g_assert_nonnull (reply);
      g_assert_cmpint (gredis_reply_get_integer (reply), ==, 7);
    }
}

/* A million replies in one buffer come out one by one, all of them. */
static void
test_million_at_once (void)
{
  const guint n = 1000000;
  g_autoptr(GByteArray) input = g_byte_array_new ();

  for (guint i = 0; i < n; i++)
    {
      if (i % 3 == 0)
        g_byte_array_append (input, (const guint8 *) "+OK\r\n", 5);
      else if (i % 3 == 1)
        g_byte_array_append (input, (const guint8 *) ":12345\r\n", 8);
      else
        g_byte_array_append (input, (const guint8 *) "$3\r\nabc\r\n", 9);
    }

  for (guint p = 0; p < G_N_ELEMENTS (all_parsers); p++)
    {
      g_autoptr(GredisParser) parser = new_parser (all_parsers[p]);
      g_autoptr(GError) error = NULL;
      GredisReply *reply;
      guint count = 0;

      gredis_parser_feed (parser, input->data, input->len);
      while ((reply = gredis_parser_pop (parser, &error)) != NULL)
        {
          switch (count % 3)
            {
            case 0:
              g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_SIMPLE_STRING);
              break;
            case 1:
              g_assert_cmpint (gredis_reply_get_integer (reply), ==, 12345);
              break;
            default:
              g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "abc");
            }
          gredis_reply_unref (reply);
          count++;
        }
      g_assert_no_error (error);
      g_assert_cmpuint (count, ==, n);
    }
}

/* Offsets in errors count from the start of the stream, across
 * compactions of the buffer, and from the start of the reply. */
static void
test_error_offsets (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (all_parsers); p++)
    {
      g_autoptr(GredisParser) parser = new_parser (all_parsers[p]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GString) input = g_string_new (NULL);
      GredisReply *reply;
      guint count = 0;

      for (guint i = 0; i < 10000; i++)
        g_string_append (input, "+OK\r\n");
      g_string_append (input, "*2\r\n:1\r\n:x\r\n");

      for (gsize offset = 0; offset < input->len; offset += 7)
        {
          gredis_parser_feed (parser, (const guint8 *) input->str + offset,
                              MIN (7, input->len - offset));
          while ((reply = gredis_parser_pop (parser, &error)) != NULL)
            {
              gredis_reply_unref (reply);
              count++;
            }
          if (error != NULL)
            break;
        }
      g_assert_cmpuint (count, ==, 10000);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
      g_test_message ("%s: %s", all_parsers[p], error->message);
      if (g_str_equal (all_parsers[p], "hiredis"))
        g_assert_nonnull (strstr (error->message, "starts at byte 50000 of the stream"));
      else
        g_assert_nonnull (strstr (error->message, "byte 50008 of the stream (byte 8 of the reply)"));
    }
}

static gsize
heap_in_use (void)
{
  struct mallinfo2 info = mallinfo2 ();

  return info.uordblks + info.hblkhd;
}

/* A length the server announces is never allocated up front. */
static void
test_announced_lengths (void)
{
  static const char *inputs[] = {
    "$536870000\r\nabc",
    "*1000000\r\n:1\r\n",
    "*1000\r\n*1000\r\n*1000\r\n",
    "$?\r\n;536870000\r\nab",
    "%500000\r\n+a\r\n",
  };
  gpointer probe;
  gsize before;

  /* Sanitizers replace malloc and do not report through mallinfo2(). */
  before = heap_in_use ();
  probe = g_malloc (8 * 1024 * 1024);
  if (heap_in_use () - before < 8 * 1024 * 1024)
    {
      g_free (probe);
      g_test_skip ("mallinfo2() does not see this allocator");
      return;
    }
  g_free (probe);

  for (guint p = 0; p < G_N_ELEMENTS (all_parsers); p++)
    for (guint i = 0; i < G_N_ELEMENTS (inputs); i++)
      {
        g_autoptr(GredisParser) parser = new_parser (all_parsers[p]);
        g_autoptr(GError) error = NULL;

        if (g_str_equal (all_parsers[p], "resp3"))
          gredis_parser_set_protocol (parser, 3, NULL);

        before = heap_in_use ();
        gredis_parser_feed (parser, (const guint8 *) inputs[i], strlen (inputs[i]));
        g_assert_null (gredis_parser_pop (parser, &error));
        g_test_message ("%s, %s: %" G_GSIZE_FORMAT " bytes", all_parsers[p], inputs[i],
                        heap_in_use () - before);
        if (error == NULL)
          g_assert_cmpuint (heap_in_use () - before, <, 256 * 1024);
      }
}

/* One byte at a time: the same reply, and the parser does not rescan. */
static void
test_bytewise_big_bulk (void)
{
  const gsize size = 256 * 1024;
  g_autoptr(GByteArray) input = g_byte_array_new ();
  g_autofree char *header = g_strdup_printf ("*2\r\n$%" G_GSIZE_FORMAT "\r\n", size);

  g_byte_array_append (input, (const guint8 *) header, strlen (header));
  for (gsize i = 0; i < size; i++)
    {
      guint8 c = i % 256;
      g_byte_array_append (input, &c, 1);
    }
  g_byte_array_append (input, (const guint8 *) "\r\n+done\r\n", 9);

  for (guint p = 0; p < G_N_ELEMENTS (all_parsers); p++)
    {
      g_autoptr(GredisParser) parser = new_parser (all_parsers[p]);
      g_autoptr(GError) error = NULL;
      g_autoptr(GredisReply) reply = NULL;
      g_autoptr(GBytes) bytes = NULL;

      for (guint i = 0; i < input->len && reply == NULL; i++)
        {
          gredis_parser_feed (parser, input->data + i, 1);
          reply = gredis_parser_pop (parser, &error);
          g_assert_no_error (error);
          g_assert_true (reply == NULL || i == input->len - 1);
        }
      g_assert_nonnull (reply);
      g_assert_cmpuint (gredis_reply_get_n_elements (reply), ==, 2);
      bytes = gredis_reply_get_bytes (gredis_reply_get_element (reply, 0));
      g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes),
                       input->data + strlen (header), size);
      g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (reply, 1), NULL), ==, "done");
    }
}

/* Replies outlive their parser, and shared ones are ordinary replies. */
static void
test_replies_outlive_parser (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (all_parsers); p++)
    {
      GredisParser *parser = new_parser (all_parsers[p]);
      GredisReply *replies[6];
      const char *input = "+OK\r\n+OK\r\n:0\r\n:1\r\n$-1\r\n*1\r\n+OK\r\n";

      gredis_parser_feed (parser, (const guint8 *) input, strlen (input));
      for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
        {
          replies[i] = gredis_parser_pop (parser, NULL);
          g_assert_nonnull (replies[i]);
        }
      g_object_unref (parser);

      g_assert_true (gredis_reply_equal (replies[0], replies[1]));
      g_assert_cmpstr (gredis_reply_get_string (replies[0], NULL), ==, "OK");
      g_assert_cmpint (gredis_reply_get_kind (replies[2]), ==, GREDIS_REPLY_INTEGER);
      g_assert_cmpint (gredis_reply_get_integer (replies[2]), ==, 0);
      g_assert_cmpint (gredis_reply_get_integer (replies[3]), ==, 1);
      g_assert_true (gredis_reply_is_nil (replies[4]));
      g_assert_true (gredis_reply_equal (replies[0], gredis_reply_get_element (replies[5], 0)));
      for (guint i = 0; i < G_N_ELEMENTS (replies); i++)
        gredis_reply_unref (replies[i]);
    }
}

/* Integers and bulk lengths of every number of digits, on their own and
 * followed by other replies, fed whole and byte by byte (the fast path
 * reads digits 8 bytes at a time when it can). */
static void
test_integer_lengths (void)
{
  for (guint p = 0; p < G_N_ELEMENTS (all_parsers); p++)
    for (guint chunk = 0; chunk < 2; chunk++)
      {
        g_autoptr(GredisParser) parser = new_parser (all_parsers[p]);
        g_autoptr(GString) input = g_string_new (NULL);
        g_autoptr(GError) error = NULL;
        gint64 expected[2 * 19 + 1];
        guint n_expected = 0, n_got = 0;
        guint64 v = 0;

        for (guint digits = 1; digits <= 19; digits++)
          {
            v = v * 10 + (digits % 9) + 1;
            g_string_append_printf (input, ":%" G_GUINT64_FORMAT "\r\n", v);
            expected[n_expected++] = (gint64) v;
            g_string_append_printf (input, ":-%" G_GUINT64_FORMAT "\r\n", v);
            expected[n_expected++] = -(gint64) v;
          }
        /* The largest, then a bulk string of 12 bytes. */
        g_string_append (input, ":9223372036854775807\r\n$12\r\nhello world!\r\n");
        expected[n_expected++] = G_MAXINT64;

        for (gsize i = 0; i < input->len; i += chunk == 0 ? input->len : 1)
          {
            GredisReply *reply;

            gredis_parser_feed (parser, (const guint8 *) input->str + i,
                                chunk == 0 ? input->len : 1);
            while ((reply = gredis_parser_pop (parser, &error)) != NULL)
              {
                if (n_got < n_expected)
                  {
                    g_assert_cmpint (gredis_reply_get_kind (reply), ==, GREDIS_REPLY_INTEGER);
                    g_assert_cmpint (gredis_reply_get_integer (reply), ==, expected[n_got]);
                  }
                else
                  g_assert_cmpstr (gredis_reply_get_string (reply, NULL), ==, "hello world!");
                n_got++;
                gredis_reply_unref (reply);
              }
            g_assert_no_error (error);
          }
        g_assert_cmpuint (n_got, ==, n_expected + 1);
      }
}

/* A large bulk string (which the resp parsers take over with their
 * buffer instead of copying) followed by small replies, at every split of
 * the input near its end, then with the small replies in the same feed. */
static void
test_large_bulk (void)
{
  const gsize size = 3 * 1024 * 1024 + 7;
  g_autoptr(GByteArray) input = g_byte_array_new ();
  g_autofree char *header = g_strdup_printf ("$%" G_GSIZE_FORMAT "\r\n", size);
  const char *tail = "\r\n:42\r\n+after\r\n";
  gsize at;

  g_byte_array_append (input, (const guint8 *) header, strlen (header));
  at = input->len;
  g_byte_array_set_size (input, at + size);
  for (gsize i = 0; i < size; i++)
    input->data[at + i] = (guint8) (i * 31 + 7);
  g_byte_array_append (input, (const guint8 *) tail, strlen (tail));

  for (guint p = 0; p < G_N_ELEMENTS (all_parsers); p++)
    for (gsize split = input->len - 20; split <= input->len; split += 3)
      {
        g_autoptr(GredisParser) parser = new_parser (all_parsers[p]);
        g_autoptr(GError) error = NULL;
        GredisReply *replies[4];
        guint n = 0;

        /* The first part in 64 KiB feeds, as from a socket. */
        for (gsize i = 0; i < split; i += 65536)
          {
            gredis_parser_feed (parser, input->data + i, MIN (65536, split - i));
            n += gredis_parser_pop_many (parser, replies + n, G_N_ELEMENTS (replies) - n, &error);
            g_assert_no_error (error);
          }
        gredis_parser_feed (parser, input->data + split, input->len - split);
        n += gredis_parser_pop_many (parser, replies + n, G_N_ELEMENTS (replies) - n, &error);
        g_assert_no_error (error);
        g_assert_cmpuint (n, ==, 3);

        {
          gsize length = 0;
          const char *data = gredis_reply_get_string (replies[0], &length);

          g_assert_cmpuint (length, ==, size);
          g_assert_cmpmem (data, length, input->data + at, size);
          g_assert_cmpint (data[length], ==, '\0');
        }
        g_assert_cmpint (gredis_reply_get_integer (replies[1]), ==, 42);
        g_assert_cmpstr (gredis_reply_get_string (replies[2], NULL), ==, "after");
        /* The parser goes on from the right byte of the stream. */
        gredis_parser_feed (parser, (const guint8 *) "?", 1);
        g_assert_null (gredis_parser_pop (parser, &error));
        g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
        if (!g_str_equal (all_parsers[p], "hiredis"))
          {
            g_autofree char *where = g_strdup_printf ("byte %u ", input->len);

            g_assert_nonnull (strstr (error->message, where));
          }
        for (guint i = 0; i < n; i++)
          gredis_reply_unref (replies[i]);
      }
}

/* gredis_parser_pop_many() gives the replies pop() would, in batches,
 * and reports an error only once the valid replies before it are out. */
static void
test_pop_many (void)
{
  const char *input = "+OK\r\n:12345\r\n$5\r\nhello\r\n*2\r\n:1\r\n-ERR e\r\n+par";

  for (guint p = 0; p < G_N_ELEMENTS (all_parsers); p++)
    {
      g_autoptr(GredisParser) parser = new_parser (all_parsers[p]);
      g_autoptr(GredisParser) reference = new_parser (all_parsers[p]);
      g_autoptr(GError) error = NULL;
      GredisReply *replies[3];
      GredisReply *expected;
      guint n, total = 0;

      gredis_parser_feed (parser, (const guint8 *) input, strlen (input));
      gredis_parser_feed (reference, (const guint8 *) input, strlen (input));
      do
        {
          n = gredis_parser_pop_many (parser, replies, G_N_ELEMENTS (replies), &error);
          g_assert_no_error (error);
          for (guint i = 0; i < n; i++)
            {
              expected = gredis_parser_pop (reference, NULL);
              g_assert_nonnull (expected);
              g_assert_true (gredis_reply_equal (replies[i], expected));
              gredis_reply_unref (expected);
              gredis_reply_unref (replies[i]);
            }
          total += n;
        }
      while (n == G_N_ELEMENTS (replies));
      g_assert_cmpuint (total, ==, 4);
      g_assert_cmpuint (gredis_parser_pop_many (parser, replies, 0, &error), ==, 0);
      g_assert_no_error (error);

      /* The rest of the partial reply, then one more and garbage. */
      gredis_parser_feed (parser, (const guint8 *) "tial\r\n:7\r\n?x\r\n", 15);
      n = gredis_parser_pop_many (parser, replies, G_N_ELEMENTS (replies), &error);
      g_assert_no_error (error);
      g_assert_cmpuint (n, ==, 2);
      g_assert_cmpstr (gredis_reply_get_string (replies[0], NULL), ==, "partial");
      g_assert_cmpint (gredis_reply_get_integer (replies[1]), ==, 7);
      gredis_reply_unref (replies[0]);
      gredis_reply_unref (replies[1]);
      n = gredis_parser_pop_many (parser, replies, G_N_ELEMENTS (replies), &error);
      g_assert_cmpuint (n, ==, 0);
      g_assert_error (error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/parser/registry", test_registry);
  g_test_add_func ("/parser/properties", test_properties);
  g_test_add_func ("/parser/protocol", test_protocol);
  g_test_add_func ("/parser/error-state-and-reset", test_error_state_and_reset);
  g_test_add_func ("/parser/million-at-once", test_million_at_once);
  g_test_add_func ("/parser/error-offsets", test_error_offsets);
  g_test_add_func ("/parser/announced-lengths", test_announced_lengths);
  g_test_add_func ("/parser/bytewise-big-bulk", test_bytewise_big_bulk);
  g_test_add_func ("/parser/replies-outlive-parser", test_replies_outlive_parser);
  g_test_add_func ("/parser/pop-many", test_pop_many);
  g_test_add_func ("/parser/integer-lengths", test_integer_lengths);
  g_test_add_func ("/parser/large-bulk", test_large_bulk);

  return g_test_run ();
}
