/* test-encoder.c: the RESP command encoder, byte for byte
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

/* The reference encoding, built independently with printf. */
static GByteArray *
reference_encoding (guint               argc,
                    const char * const *argv,
                    const gsize        *lengths)
{
  GString *s = g_string_new (NULL);

  g_string_append_printf (s, "*%u\r\n", argc);
  for (guint i = 0; i < argc; i++)
    {
      gsize len = lengths != NULL ? lengths[i] : strlen (argv[i]);

      g_string_append_printf (s, "$%" G_GSIZE_FORMAT "\r\n", len);
      g_string_append_len (s, argv[i], len);
      g_string_append (s, "\r\n");
    }
  return g_bytes_unref_to_array (g_string_free_to_bytes (s));
}

static void
assert_encoding (guint               argc,
                 const char * const *argv,
                 const gsize        *lengths,
                 const void         *expected,
                 gsize               expected_len)
{
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autofree guint8 *exact = NULL;
  g_autoptr(GPtrArray) bytes = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  g_autoptr(GByteArray) from_bytes = g_byte_array_new ();
  gsize n;

  g_assert_cmpuint (gredis_encoded_length (argc, argv, lengths), ==, expected_len);

  n = gredis_encode_command (buffer, argc, argv, lengths);
  g_assert_cmpuint (n, ==, expected_len);
  g_assert_cmpmem (buffer->data, buffer->len, expected, expected_len);

  /* Exactly the announced size: ASan sees any byte written past it. */
  exact = g_malloc (expected_len);
  n = gredis_encode_command_into (exact, argc, argv, lengths);
  g_assert_cmpuint (n, ==, expected_len);
  g_assert_cmpmem (exact, n, expected, expected_len);

  for (guint i = 0; i < argc; i++)
    g_ptr_array_add (bytes, g_bytes_new (argv[i], lengths != NULL ? lengths[i] : strlen (argv[i])));
  n = gredis_encode_command_bytes (from_bytes, (GBytes * const *) bytes->pdata, argc);
  g_assert_cmpuint (n, ==, expected_len);
  g_assert_cmpmem (from_bytes->data, from_bytes->len, expected, expected_len);
}

static void
test_simple (void)
{
  const char *argv[] = { "GET", "key" };
  const char expected[] = "*2\r\n$3\r\nGET\r\n$3\r\nkey\r\n";

  assert_encoding (2, argv, NULL, expected, sizeof expected - 1);
}

static void
test_single_argument (void)
{
  const char *argv[] = { "PING" };
  const char expected[] = "*1\r\n$4\r\nPING\r\n";

  assert_encoding (1, argv, NULL, expected, sizeof expected - 1);
}

static void
test_empty_arguments (void)
{
  const char *argv[] = { "SET", "", "" };
  const char expected[] = "*3\r\n$3\r\nSET\r\n$0\r\n\r\n$0\r\n\r\n";
  gsize lengths[] = { 3, 0, 0 };

  assert_encoding (3, argv, NULL, expected, sizeof expected - 1);
  assert_encoding (3, argv, lengths, expected, sizeof expected - 1);
}

static void
test_empty_bytes (void)
{
  /* An empty GBytes may have no data pointer at all. */
  g_autoptr(GBytes) cmd = g_bytes_new_static ("ECHO", 4);
  g_autoptr(GBytes) empty = g_bytes_new (NULL, 0);
  GBytes *args[] = { cmd, empty };
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  const char expected[] = "*2\r\n$4\r\nECHO\r\n$0\r\n\r\n";

  g_assert_cmpuint (gredis_encode_command_bytes (buffer, args, 2), ==, sizeof expected - 1);
  g_assert_cmpmem (buffer->data, buffer->len, expected, sizeof expected - 1);
}

static void
test_binary (void)
{
  /* NUL, CR, LF, CRLF and high bytes inside values are copied verbatim:
   * the length prefix, not a terminator, delimits them. */
  static const char value[] = "a\0b\r\nc\r\n\xff\x80$*";
  const char *argv[] = { "SET", "k\0ey", value };
  gsize lengths[] = { 3, 4, sizeof value - 1 };
  static const char expected[] =
    "*3\r\n$3\r\nSET\r\n$4\r\nk\0ey\r\n$12\r\na\0b\r\nc\r\n\xff\x80$*\r\n";

  g_assert_cmpuint (sizeof value - 1, ==, 12);
  assert_encoding (3, argv, lengths, expected, sizeof expected - 1);
}

static void
test_many_arguments (void)
{
  /* Argument counts on both sides of each digit boundary. */
  const guint counts[] = { 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999, 10000, 10001, 100000 };

  for (gsize c = 0; c < G_N_ELEMENTS (counts); c++)
    {
      guint argc = counts[c];
      g_autoptr(GPtrArray) args = g_ptr_array_new_with_free_func (g_free);
      g_autoptr(GByteArray) expected = NULL;
      char header[32];

      for (guint i = 0; i < argc; i++)
        g_ptr_array_add (args, g_strdup_printf ("arg%u", i));
      g_ptr_array_add (args, NULL);

      expected = reference_encoding (argc, (const char * const *) args->pdata, NULL);
      g_snprintf (header, sizeof header, "*%u\r\n", argc);
      g_assert_true (memcmp (expected->data, header, strlen (header)) == 0);
      assert_encoding (argc, (const char * const *) args->pdata, NULL,
                       expected->data, expected->len);
    }
}

static void
test_length_digits (void)
{
  /* Bulk lengths on both sides of each digit boundary. */
  const gsize sizes[] = {
    0, 1, 9, 10, 11, 99, 100, 101, 999, 1000, 1001, 9999, 10000, 10001,
    99999, 100000, 999999, 1000000, 1000001,
  };
  g_autofree char *data = g_malloc (1000001);

  for (gsize i = 0; i < 1000001; i++)
    data[i] = (char) ('a' + i % 26);

  for (gsize s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      const char *argv[] = { "SET", "k", data };
      gsize lengths[] = { 3, 1, sizes[s] };
      g_autoptr(GByteArray) expected = reference_encoding (3, argv, lengths);
      char header[32];
      gsize offset = strlen ("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n");

      g_snprintf (header, sizeof header, "$%" G_GSIZE_FORMAT "\r\n", sizes[s]);
      g_assert_true (memcmp (expected->data + offset, header, strlen (header)) == 0);
      assert_encoding (3, argv, lengths, expected->data, expected->len);
    }
}

static void
test_length_digits_huge (void)
{
  /* gredis_encoded_length() only reads the lengths when they are given,
   * so lengths far beyond memory check the digit count up to 20 digits. */
  const char *argv[] = { "x" };
  guint64 v = 1;

  for (guint digits = 1; digits <= 19; digits++, v *= 10)
    {
      const guint64 values[] = { v, v * 9 + (v - 1) /* 99…9 */ };

      for (gsize j = 0; j < G_N_ELEMENTS (values); j++)
        {
          gsize len = values[j];
          char header[32];
          gsize expected;

          g_snprintf (header, sizeof header, "$%" G_GUINT64_FORMAT "\r\n", (guint64) len);
          expected = strlen ("*1\r\n") + strlen (header) + len + 2;
          g_assert_cmpuint (gredis_encoded_length (1, argv, &len), ==, expected);
        }
    }
}

static void
test_large_argument (void)
{
  const gsize size = 10 * 1024 * 1024;
  g_autofree char *data = g_malloc (size);
  const char *argv[] = { "SET", "big", data };
  gsize lengths[] = { 3, 3, size };
  g_autoptr(GByteArray) expected = NULL;

  for (gsize i = 0; i < size; i++)
    data[i] = (char) (i * 2654435761u >> 13);
  /* CRLF and NUL inside the value, and at its very end. */
  memcpy (data + size / 2, "\r\n\0", 3);
  memcpy (data + size - 2, "\r\n", 2);

  expected = reference_encoding (3, argv, lengths);
  g_assert_cmpuint (expected->len, ==, 4 + 9 + 9 + 11 + size + 2);
  assert_encoding (3, argv, lengths, expected->data, expected->len);
}

static void
test_strv (void)
{
  const char * const argv[] = { "HSET", "h", "field", "value", NULL };
  const char expected[] = "*4\r\n$4\r\nHSET\r\n$1\r\nh\r\n$5\r\nfield\r\n$5\r\nvalue\r\n";
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  g_assert_cmpuint (gredis_encode_command_strv (buffer, argv), ==, sizeof expected - 1);
  g_assert_cmpmem (buffer->data, buffer->len, expected, sizeof expected - 1);
}

static void
test_append (void)
{
  /* Commands are appended after what the buffer already holds, as the
   * connection queues them. */
  const char *get[] = { "GET", "a" };
  const char *del[] = { "DEL", "a", "b" };
  const char expected[] = "prefix*2\r\n$3\r\nGET\r\n$1\r\na\r\n*3\r\n$3\r\nDEL\r\n$1\r\na\r\n$1\r\nb\r\n";
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  g_autoptr(GBytes) d = g_bytes_new_static ("DEL", 3);
  g_autoptr(GBytes) a = g_bytes_new_static ("a", 1);
  g_autoptr(GBytes) b = g_bytes_new_static ("b", 1);
  GBytes *del_bytes[] = { d, a, b };
  gsize n;

  g_byte_array_append (buffer, (const guint8 *) "prefix", 6);
  n = gredis_encode_command (buffer, 2, get, NULL);
  g_assert_cmpuint (n, ==, 20);
  n = gredis_encode_command (buffer, 3, del, NULL);
  g_assert_cmpuint (n, ==, 27);
  g_assert_cmpmem (buffer->data, buffer->len, expected, sizeof expected - 1);

  g_byte_array_set_size (buffer, 6 + 20);
  n = gredis_encode_command_bytes (buffer, del_bytes, 3);
  g_assert_cmpuint (n, ==, 27);
  g_assert_cmpmem (buffer->data, buffer->len, expected, sizeof expected - 1);
}

static void
test_into_bounds (void)
{
  /* _into writes exactly gredis_encoded_length() bytes, not one more. */
  const char *argv[] = { "LPUSH", "list", "a\r\nb", "" };
  gsize len = gredis_encoded_length (4, argv, NULL);
  g_autofree guint8 *out = g_malloc (len + 16);

  memset (out, 0xAA, len + 16);
  g_assert_cmpuint (gredis_encode_command_into (out, 4, argv, NULL), ==, len);
  for (gsize i = len; i < len + 16; i++)
    g_assert_cmpuint (out[i], ==, 0xAA);
  g_assert_cmpmem (out, len, "*4\r\n$5\r\nLPUSH\r\n$4\r\nlist\r\n$4\r\na\r\nb\r\n$0\r\n\r\n", len);
}

static void
test_no_arguments (void)
{
  /* A command needs at least its name. */
  const char *argv[] = { "GET" };
  g_autoptr(GByteArray) buffer = g_byte_array_new ();
  const char * const empty[] = { NULL };

  g_test_expect_message ("Gredis", G_LOG_LEVEL_CRITICAL, "*argc > 0*");
  g_assert_cmpuint (gredis_encoded_length (0, argv, NULL), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Gredis", G_LOG_LEVEL_CRITICAL, "*argc > 0*");
  g_assert_cmpuint (gredis_encode_command (buffer, 0, argv, NULL), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Gredis", G_LOG_LEVEL_CRITICAL, "*argv[0] != NULL*");
  g_assert_cmpuint (gredis_encode_command_strv (buffer, empty), ==, 0);
  g_test_assert_expected_messages ();

  g_test_expect_message ("Gredis", G_LOG_LEVEL_CRITICAL, "*n_args > 0*");
  g_assert_cmpuint (gredis_encode_command_bytes (buffer, NULL, 0), ==, 0);
  g_test_assert_expected_messages ();

  g_assert_cmpuint (buffer->len, ==, 0);
}

static void
test_too_large_for_byte_array (void)
{
  /* A GByteArray holds at most G_MAXUINT bytes: a command that would not
   * fit is refused before anything is written (the lengths claim more
   * data than exists, which is never read). */
  const char small[8] = "SETxxxx";
  const char *argv[] = { small, small };
  gsize lengths[] = { 3, (gsize) G_MAXUINT - 10 };
  g_autoptr(GByteArray) buffer = g_byte_array_new ();

  if (sizeof (gsize) <= sizeof (guint))
    {
      g_test_skip ("gsize is no wider than guint on this platform");
      return;
    }

  g_byte_array_append (buffer, (const guint8 *) "abc", 3);
  g_test_expect_message ("Gredis", G_LOG_LEVEL_CRITICAL, "*G_MAXUINT*");
  g_assert_cmpuint (gredis_encode_command (buffer, 2, argv, lengths), ==, 0);
  g_test_assert_expected_messages ();
  g_assert_cmpmem (buffer->data, buffer->len, "abc", 3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/encoder/simple", test_simple);
  g_test_add_func ("/encoder/single-argument", test_single_argument);
  g_test_add_func ("/encoder/empty-arguments", test_empty_arguments);
  g_test_add_func ("/encoder/empty-bytes", test_empty_bytes);
  g_test_add_func ("/encoder/binary", test_binary);
  g_test_add_func ("/encoder/many-arguments", test_many_arguments);
  g_test_add_func ("/encoder/length-digits", test_length_digits);
  g_test_add_func ("/encoder/length-digits-huge", test_length_digits_huge);
  g_test_add_func ("/encoder/large-argument", test_large_argument);
  g_test_add_func ("/encoder/strv", test_strv);
  g_test_add_func ("/encoder/append", test_append);
  g_test_add_func ("/encoder/into-bounds", test_into_bounds);
  g_test_add_func ("/encoder/no-arguments", test_no_arguments);
  g_test_add_func ("/encoder/too-large-for-byte-array", test_too_large_for_byte_array);

  return g_test_run ();
}
