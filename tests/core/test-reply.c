/* test-reply.c: GredisReply and GredisReplyBuilder
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <math.h>
#include <string.h>

static void
test_scalars (void)
{
  g_autoptr(GredisReply) i = gredis_reply_new_integer (-42);
  g_autoptr(GredisReply) d = gredis_reply_new_double (1.5);
  g_autoptr(GredisReply) inf = gredis_reply_new_double (-INFINITY);
  g_autoptr(GredisReply) nan_ = gredis_reply_new_double (NAN);
  g_autoptr(GredisReply) t = gredis_reply_new_boolean (TRUE);
  g_autoptr(GredisReply) nil = gredis_reply_new_nil ();
  g_autoptr(GredisReply) big = gredis_reply_new_string (GREDIS_REPLY_BIG_NUMBER, "3492890328409238509324850943850943825024385", -1);

  g_assert_cmpint (gredis_reply_get_kind (i), ==, GREDIS_REPLY_INTEGER);
  g_assert_cmpint (gredis_reply_get_integer (i), ==, -42);
  g_assert_null (gredis_reply_get_string (i, NULL));
  g_assert_cmpfloat (gredis_reply_get_double (i), ==, -42.0);

  g_assert_cmpint (gredis_reply_get_kind (d), ==, GREDIS_REPLY_DOUBLE);
  g_assert_cmpfloat (gredis_reply_get_double (d), ==, 1.5);
  g_assert_cmpstr (gredis_reply_get_string (d, NULL), ==, "1.5");
  g_assert_true (isinf (gredis_reply_get_double (inf)) && gredis_reply_get_double (inf) < 0);
  g_assert_cmpstr (gredis_reply_get_string (inf, NULL), ==, "-inf");
  g_assert_true (isnan (gredis_reply_get_double (nan_)));

  g_assert_true (gredis_reply_get_boolean (t));
  g_assert_cmpint (gredis_reply_get_integer (t), ==, 1);
  g_assert_true (gredis_reply_is_nil (nil));
  g_assert_false (gredis_reply_is_aggregate (nil));
  g_assert_cmpuint (gredis_reply_get_n_elements (nil), ==, 0);

  g_assert_cmpint (gredis_reply_get_kind (big), ==, GREDIS_REPLY_BIG_NUMBER);
  g_assert_cmpstr (gredis_reply_get_string (big, NULL), ==, "3492890328409238509324850943850943825024385");
}

static void
test_binary_string (void)
{
  static const char data[] = "a\0b\r\nc";
  g_autoptr(GredisReply) s = gredis_reply_new_string (GREDIS_REPLY_STRING, data, sizeof data - 1);
  g_autoptr(GBytes) bytes = NULL;
  gsize len = 0;
  const char *got = gredis_reply_get_string (s, &len);

  g_assert_cmpuint (len, ==, 6);
  g_assert_cmpmem (got, len, data, sizeof data - 1);
  g_assert_cmpint (got[len], ==, '\0');

  bytes = gredis_reply_get_bytes (s);
  /* The bytes keep the tree alive after the reply is gone. */
  g_clear_pointer (&s, gredis_reply_unref);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), data, sizeof data - 1);
}

/* The plain text accessor: text only when it is valid UTF-8 without NUL. */
static void
test_text (void)
{
  g_autoptr(GredisReply) s = gredis_reply_new_string (GREDIS_REPLY_STRING, "h\xc3\xa9llo", -1);
  g_autoptr(GredisReply) ok = gredis_reply_new_string (GREDIS_REPLY_SIMPLE_STRING, "OK", -1);
  g_autoptr(GredisReply) empty = gredis_reply_new_string (GREDIS_REPLY_STRING, "", 0);
  g_autoptr(GredisReply) nul = gredis_reply_new_string (GREDIS_REPLY_STRING, "a\0b", 3);
  g_autoptr(GredisReply) latin1 = gredis_reply_new_string (GREDIS_REPLY_STRING, "caf\xe9", -1);
  g_autoptr(GredisReply) verbatim = gredis_reply_new_verbatim ("txt", "Some text", -1);
  g_autoptr(GredisReply) d = gredis_reply_new_double (1.5);
  g_autoptr(GredisReply) i = gredis_reply_new_integer (7);
  g_autoptr(GredisReply) nil = gredis_reply_new_nil ();

  g_assert_cmpstr (gredis_reply_get_text (s), ==, "h\xc3\xa9llo");
  g_assert_cmpstr (gredis_reply_get_text (ok), ==, "OK");
  g_assert_cmpstr (gredis_reply_get_text (empty), ==, "");
  g_assert_cmpstr (gredis_reply_get_text (verbatim), ==, "Some text");
  g_assert_cmpstr (gredis_reply_get_text (d), ==, "1.5");
  /* Binary values are for gredis_reply_get_bytes(). */
  g_assert_null (gredis_reply_get_text (nul));
  g_assert_null (gredis_reply_get_text (latin1));
  g_assert_nonnull (gredis_reply_get_string (latin1, NULL));
  /* No text at all. */
  g_assert_null (gredis_reply_get_text (i));
  g_assert_null (gredis_reply_get_text (nil));
}

static void
test_verbatim (void)
{
  g_autoptr(GredisReply) v = gredis_reply_new_verbatim ("mkd", "# Title", -1);
  g_autoptr(GredisReply) w = gredis_reply_new_verbatim ("txt", "# Title", -1);

  g_assert_cmpint (gredis_reply_get_kind (v), ==, GREDIS_REPLY_VERBATIM);
  g_assert_cmpstr (gredis_reply_get_verbatim_format (v), ==, "mkd");
  g_assert_cmpstr (gredis_reply_get_string (v, NULL), ==, "# Title");
  g_assert_false (gredis_reply_equal (v, w));
  g_assert_null (gredis_reply_get_verbatim_format (gredis_reply_new_nil ()));
}

static GredisReply *
make_nested (void)
{
  /* [1, "two", {"k": [nil, true]}] */
  g_autoptr(GredisReply) one = gredis_reply_new_integer (1);
  g_autoptr(GredisReply) two = gredis_reply_new_string (GREDIS_REPLY_STRING, "two", -1);
  g_autoptr(GredisReply) k = gredis_reply_new_string (GREDIS_REPLY_STRING, "k", -1);
  g_autoptr(GredisReply) t = gredis_reply_new_boolean (TRUE);
  GredisReply *inner_elems[] = { gredis_reply_new_nil (), t };
  g_autoptr(GredisReply) inner = gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, inner_elems, 2);
  GredisReply *map_elems[] = { k, inner };
  g_autoptr(GredisReply) map = gredis_reply_new_aggregate (GREDIS_REPLY_MAP, map_elems, 2);
  GredisReply *top[] = { one, two, map };

  return gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, top, 3);
}

static void
test_aggregate (void)
{
  g_autoptr(GredisReply) r = make_nested ();
  GredisReply *map, *inner;

  g_assert_true (gredis_reply_is_aggregate (r));
  g_assert_cmpuint (gredis_reply_get_n_elements (r), ==, 3);
  g_assert_cmpint (gredis_reply_get_integer (gredis_reply_get_element (r, 0)), ==, 1);
  g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (r, 1), NULL), ==, "two");
  map = gredis_reply_get_element (r, 2);
  g_assert_cmpint (gredis_reply_get_kind (map), ==, GREDIS_REPLY_MAP);
  g_assert_cmpuint (gredis_reply_get_n_elements (map), ==, 2);
  inner = gredis_reply_get_element (map, 1);
  g_assert_cmpuint (gredis_reply_get_n_elements (inner), ==, 2);
  g_assert_true (gredis_reply_is_nil (gredis_reply_get_element (inner, 0)));
  g_assert_true (gredis_reply_get_boolean (gredis_reply_get_element (inner, 1)));
}

static void
test_child_keeps_tree (void)
{
  GredisReply *r = make_nested ();
  GredisReply *child = gredis_reply_ref (gredis_reply_get_element (gredis_reply_get_element (r, 2), 1));

  gredis_reply_unref (r);
  /* Under ASan a freed tree would be caught here. */
  g_assert_cmpuint (gredis_reply_get_n_elements (child), ==, 2);
  gredis_reply_unref (child);
}

static void
test_equal (void)
{
  g_autoptr(GredisReply) a = make_nested ();
  g_autoptr(GredisReply) b = make_nested ();
  g_autoptr(GredisReply) c = gredis_reply_new_integer (1);
  g_autoptr(GredisReply) s1 = gredis_reply_new_string (GREDIS_REPLY_STRING, "1", -1);
  g_autoptr(GredisReply) s2 = gredis_reply_new_string (GREDIS_REPLY_SIMPLE_STRING, "1", -1);

  g_assert_true (gredis_reply_equal (a, b));
  g_assert_false (gredis_reply_equal (a, c));
  g_assert_false (gredis_reply_equal (s1, s2));
  g_assert_true (gredis_reply_equal (gredis_reply_get_element (a, 0), c));
}

static void
test_attributes (void)
{
  g_autoptr(GredisReply) key = gredis_reply_new_string (GREDIS_REPLY_SIMPLE_STRING, "ttl", -1);
  g_autoptr(GredisReply) val = gredis_reply_new_integer (3600);
  GredisReply *pair[] = { key, val };
  g_autoptr(GredisReply) attrs = gredis_reply_new_aggregate (GREDIS_REPLY_MAP, pair, 2);
  g_autoptr(GredisReply) plain = gredis_reply_new_string (GREDIS_REPLY_STRING, "v", -1);
  g_autoptr(GredisReply) annotated = gredis_reply_new_with_attributes (plain, attrs);
  GredisReply *got;

  g_assert_null (gredis_reply_get_attributes (plain));
  got = gredis_reply_get_attributes (annotated);
  g_assert_nonnull (got);
  g_assert_true (gredis_reply_equal (got, attrs));
  g_assert_false (gredis_reply_equal (plain, annotated));
  g_assert_cmpstr (gredis_reply_get_string (annotated, NULL), ==, "v");
}

/* The builder in wire order, with attributes inside an aggregate, as a
 * parser uses it: *2 |1 +a :1 :7 $3 xyz  →  [ (attr a=1) 7, "xyz" ]. */
static void
test_builder_wire_order (void)
{
  g_autoptr(GredisReplyBuilder) b = gredis_reply_builder_new (6, 4);
  g_autoptr(GredisReply) r = NULL;
  GredisReply *first, *attrs;

  gredis_reply_builder_begin_aggregate (b, GREDIS_REPLY_ARRAY, 2);
  gredis_reply_builder_begin_attributes (b, 1);
  gredis_reply_builder_add_string (b, GREDIS_REPLY_SIMPLE_STRING, "a", 1);
  gredis_reply_builder_add_integer (b, 1);
  gredis_reply_builder_add_integer (b, 7);
  gredis_reply_builder_add_string (b, GREDIS_REPLY_STRING, "xyz", 3);
  r = gredis_reply_builder_finish (b);

  g_assert_nonnull (r);
  g_assert_cmpuint (gredis_reply_get_n_elements (r), ==, 2);
  first = gredis_reply_get_element (r, 0);
  g_assert_cmpint (gredis_reply_get_integer (first), ==, 7);
  attrs = gredis_reply_get_attributes (first);
  g_assert_nonnull (attrs);
  g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (attrs, 0), NULL), ==, "a");
  g_assert_null (gredis_reply_get_attributes (r));
  g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (r, 1), NULL), ==, "xyz");

  /* The builder is reusable. */
  gredis_reply_builder_reset (b, 1, 0);
  gredis_reply_builder_add_nil (b);
  g_clear_pointer (&r, gredis_reply_unref);
  r = gredis_reply_builder_finish (b);
  g_assert_true (gredis_reply_is_nil (r));
}

/* Sizes given too small: the builder takes more memory and stays correct. */
static void
test_builder_overflow (void)
{
  g_autoptr(GredisReplyBuilder) b = gredis_reply_builder_new (1, 0);
  g_autoptr(GredisReply) r = NULL;
  char buf[32];

  gredis_reply_builder_begin_aggregate (b, GREDIS_REPLY_ARRAY, 100);
  for (int i = 0; i < 100; i++)
    {
      g_snprintf (buf, sizeof buf, "element-%d", i);
      gredis_reply_builder_add_string (b, GREDIS_REPLY_STRING, buf, strlen (buf));
    }
  r = gredis_reply_builder_finish (b);
  g_assert_cmpuint (gredis_reply_get_n_elements (r), ==, 100);
  g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (r, 99), NULL), ==, "element-99");
}

/* A reused builder carves small replies from shared slabs: every reply
 * stays intact whatever the order they are freed in, and outlives the
 * builder (ASan checks that nothing leaks or is used after free). */
static void
test_builder_slabs (void)
{
  GredisReplyBuilder *b = gredis_reply_builder_new (1, 0);
  GPtrArray *kept = g_ptr_array_new ();
  char buf[64];

  for (guint i = 0; i < 1000; i++)
    {
      GredisReply *r;

      g_snprintf (buf, sizeof buf, "value-%u", i);
      switch (i % 4)
        {
        case 0:
          r = gredis_reply_builder_build_string (b, GREDIS_REPLY_STRING, buf, strlen (buf));
          break;
        case 1:
          r = gredis_reply_builder_build_integer (b, -(gint64) i);
          break;
        case 2:
          /* Through the general calls, also carved from the slab. */
          gredis_reply_builder_reset (b, 1, strlen (buf));
          gredis_reply_builder_add_string (b, GREDIS_REPLY_SIMPLE_STRING, buf, strlen (buf));
          r = gredis_reply_builder_finish (b);
          break;
        default:
          /* Too large for a slab: a block of its own. */
          gredis_reply_builder_reset (b, 20, 400);
          gredis_reply_builder_begin_aggregate (b, GREDIS_REPLY_ARRAY, 19);
          for (guint j = 0; j < 19; j++)
            gredis_reply_builder_add_string (b, GREDIS_REPLY_STRING, buf, strlen (buf));
          r = gredis_reply_builder_finish (b);
          break;
        }
      g_assert_nonnull (r);
      /* Keep one reply in three, free the others at once. */
      if (i % 3 == 0)
        g_ptr_array_add (kept, r);
      else
        gredis_reply_unref (r);
    }

  /* An unfinished reply is dropped by the next one. */
  gredis_reply_builder_reset (b, 3, 0);
  gredis_reply_builder_begin_aggregate (b, GREDIS_REPLY_ARRAY, 2);
  g_ptr_array_add (kept, gredis_reply_builder_build_integer (b, 42));
  gredis_reply_builder_free (b);

  for (guint k = 0; k + 1 < kept->len; k++)
    {
      GredisReply *r = kept->pdata[k];
      guint i = k * 3;

      g_snprintf (buf, sizeof buf, "value-%u", i);
      switch (i % 4)
        {
        case 0:
          g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_STRING);
          g_assert_cmpstr (gredis_reply_get_string (r, NULL), ==, buf);
          break;
        case 1:
          g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_INTEGER);
          g_assert_cmpint (gredis_reply_get_integer (r), ==, -(gint64) i);
          break;
        case 2:
          g_assert_cmpint (gredis_reply_get_kind (r), ==, GREDIS_REPLY_SIMPLE_STRING);
          g_assert_cmpstr (gredis_reply_get_string (r, NULL), ==, buf);
          break;
        default:
          g_assert_cmpuint (gredis_reply_get_n_elements (r), ==, 19);
          g_assert_cmpstr (gredis_reply_get_string (gredis_reply_get_element (r, 18), NULL), ==, buf);
          break;
        }
    }
  g_assert_cmpint (gredis_reply_get_integer (kept->pdata[kept->len - 1]), ==, 42);

  /* Free the survivors in another order than they were made. */
  for (guint k = 0; k < kept->len; k += 2)
    gredis_reply_unref (kept->pdata[k]);
  for (guint k = 1; k < kept->len; k += 2)
    gredis_reply_unref (kept->pdata[k]);
  g_ptr_array_unref (kept);
}

/* The one-call builds give the same replies as the general calls, with
 * binary-safe, NUL-terminated strings. */
static void
test_builder_build (void)
{
  g_autoptr(GredisReplyBuilder) b = gredis_reply_builder_new (1, 0);
  g_autoptr(GredisReply) s = NULL;
  g_autoptr(GredisReply) e = NULL;
  g_autoptr(GredisReply) i = NULL;
  g_autoptr(GredisReply) empty = NULL;
  g_autoptr(GredisReply) expected = NULL;
  gsize length = 0;

  s = gredis_reply_builder_build_string (b, GREDIS_REPLY_STRING, "a\0b", 3);
  expected = gredis_reply_new_string (GREDIS_REPLY_STRING, "a\0b", 3);
  g_assert_true (gredis_reply_equal (s, expected));
  g_assert_cmpmem (gredis_reply_get_string (s, &length), length, "a\0b", 3);
  g_assert_cmpint (gredis_reply_get_string (s, NULL)[3], ==, '\0');
  g_assert_null (gredis_reply_get_attributes (s));

  e = gredis_reply_builder_build_string (b, GREDIS_REPLY_ERROR, "ERR x", 5);
  g_assert_cmpint (gredis_reply_get_kind (e), ==, GREDIS_REPLY_ERROR);
  g_assert_cmpstr (gredis_reply_get_string (e, NULL), ==, "ERR x");

  i = gredis_reply_builder_build_integer (b, G_MININT64);
  g_assert_cmpint (gredis_reply_get_integer (i), ==, G_MININT64);

  empty = gredis_reply_builder_build_string (b, GREDIS_REPLY_STRING, NULL, 0);
  g_assert_cmpstr (gredis_reply_get_string (empty, NULL), ==, "");

  /* A block taken over: the reply points into it and frees it. */
  {
    char *block = g_strdup ("$5\r\nhello\r\n");
    g_autoptr(GredisReply) taken = NULL;
    g_autoptr(GredisReply) copy = NULL;
    g_autoptr(GredisReply) element = NULL;

    gredis_reply_builder_reset (b, 3, 0);
    gredis_reply_builder_begin_aggregate (b, GREDIS_REPLY_ARRAY, 2);
    taken = gredis_reply_builder_build_string_take (b, GREDIS_REPLY_STRING, block, 4, 5);
    g_assert_true (gredis_reply_get_string (taken, NULL) == block + 4);
    g_assert_cmpstr (gredis_reply_get_string (taken, NULL), ==, "hello");
    copy = gredis_reply_new_string (GREDIS_REPLY_STRING, "hello", 5);
    g_assert_true (gredis_reply_equal (taken, copy));
    /* It lives on in an aggregate copy too. */
    element = gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, &taken, 1);
    g_assert_true (gredis_reply_equal (gredis_reply_get_element (element, 0), copy));
  }
}

static void
test_builder_incomplete (void)
{
  if (g_test_subprocess ())
    {
      GredisReplyBuilder *b = gredis_reply_builder_new (3, 0);

      gredis_reply_builder_begin_aggregate (b, GREDIS_REPLY_ARRAY, 2);
      gredis_reply_builder_add_integer (b, 1);
      g_assert_null (gredis_reply_builder_finish (b));
      gredis_reply_builder_free (b);
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*not complete*");
}

static void
test_to_error (void)
{
  static const struct { const char *text; GredisError code; } cases[] = {
    { "ERR unknown command 'FOO'", GREDIS_ERROR_SERVER },
    { "WRONGTYPE Operation against a key holding the wrong kind of value", GREDIS_ERROR_WRONGTYPE },
    { "MOVED 3999 127.0.0.1:6381", GREDIS_ERROR_MOVED },
    { "ASK 3999 127.0.0.1:6381", GREDIS_ERROR_ASK },
    { "TRYAGAIN Multiple keys request during rehashing of slot", GREDIS_ERROR_TRYAGAIN },
    { "CLUSTERDOWN The cluster is down", GREDIS_ERROR_CLUSTERDOWN },
    { "NOSCRIPT No matching script. Please use EVAL.", GREDIS_ERROR_NOSCRIPT },
    { "READONLY You can't write against a read only replica.", GREDIS_ERROR_READONLY },
    { "LOADING Redis is loading the dataset in memory", GREDIS_ERROR_LOADING },
    { "BUSY Redis is busy running a script.", GREDIS_ERROR_BUSY },
    { "NOAUTH Authentication required.", GREDIS_ERROR_AUTH },
    { "WRONGPASS invalid username-password pair or user is disabled.", GREDIS_ERROR_AUTH },
    { "ERR invalid password", GREDIS_ERROR_AUTH },
    { "NOPERM this user has no permissions to run the 'get' command", GREDIS_ERROR_NOPERM },
    { "OOM command not allowed when used memory > 'maxmemory'.", GREDIS_ERROR_OOM },
    { "EXECABORT Transaction discarded because of previous errors.", GREDIS_ERROR_EXECABORT },
    { "MASTERDOWN Link with MASTER is down", GREDIS_ERROR_MASTERDOWN },
    { "CROSSSLOT Keys in request don't hash to the same slot", GREDIS_ERROR_CROSSSLOT },
    { "BUSYGROUP Consumer Group name already exists", GREDIS_ERROR_BUSYGROUP },
    { "NOGROUP No such key", GREDIS_ERROR_NOGROUP },
    { "NOREPLICAS Not enough good replicas to write.", GREDIS_ERROR_NOREPLICAS },
    { "ASKING", GREDIS_ERROR_SERVER },   /* a prefix of a prefix is not a match */
    { "SOMETHINGNEW text", GREDIS_ERROR_SERVER },
    { "", GREDIS_ERROR_SERVER },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GredisReply) r = gredis_reply_new_string (GREDIS_REPLY_ERROR, cases[i].text, -1);
      g_autoptr(GError) error = gredis_reply_to_error (r);

      g_assert_error (error, GREDIS_ERROR, (gint) cases[i].code);
      g_assert_cmpstr (error->message, ==, cases[i].text);
    }

  {
    g_autoptr(GredisReply) ok = gredis_reply_new_string (GREDIS_REPLY_SIMPLE_STRING, "OK", -1);
    g_assert_null (gredis_reply_to_error (ok));
  }
}

static void
assert_tty (GredisReply *r,
            const char  *expected)
{
  g_autofree char *s = gredis_reply_to_string (r);
  g_assert_cmpstr (s, ==, expected);
}

/* redis-cli's terminal format. */
static void
test_to_string (void)
{
  g_autoptr(GredisReply) nested = make_nested ();
  g_autoptr(GredisReply) quoted = gredis_reply_new_string (GREDIS_REPLY_STRING, "a\"b\\c\n\x01\xff", -1);
  g_autoptr(GredisReply) ok = gredis_reply_new_string (GREDIS_REPLY_SIMPLE_STRING, "OK", -1);
  g_autoptr(GredisReply) err = gredis_reply_new_string (GREDIS_REPLY_ERROR, "ERR bad", -1);
  g_autoptr(GredisReply) empty = gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, NULL, 0);
  g_autoptr(GredisReply) empty_set = gredis_reply_new_aggregate (GREDIS_REPLY_SET, NULL, 0);
  g_autoptr(GredisReply) empty_map = gredis_reply_new_aggregate (GREDIS_REPLY_MAP, NULL, 0);
  g_autoptr(GredisReply) dbl = gredis_reply_new_double (3.25);
  g_autoptr(GredisReply) f = gredis_reply_new_boolean (FALSE);
  g_autoptr(GredisReply) verb = gredis_reply_new_verbatim ("txt", "line", -1);
  GredisReply *many[12];
  g_autoptr(GredisReply) twelve = NULL;

  assert_tty (ok, "OK\n");
  assert_tty (err, "(error) ERR bad\n");
  assert_tty (quoted, "\"a\\\"b\\\\c\\n\\x01\\xff\"\n");
  assert_tty (gredis_reply_new_nil (), "(nil)\n");
  assert_tty (empty, "(empty array)\n");
  assert_tty (empty_set, "(empty set)\n");
  assert_tty (empty_map, "(empty hash)\n");
  assert_tty (dbl, "(double) 3.25\n");
  assert_tty (f, "(false)\n");
  assert_tty (verb, "line\n");
  assert_tty (nested,
              "1) (integer) 1\n"
              "2) \"two\"\n"
              "3) 1# \"k\" => 1) (nil)\n"
              "      2) (true)\n");

  /* Index width grows with the count, as in redis-cli. */
  for (int i = 0; i < 12; i++)
    many[i] = gredis_reply_new_integer (i);
  twelve = gredis_reply_new_aggregate (GREDIS_REPLY_ARRAY, many, 12);
  for (int i = 0; i < 12; i++)
    gredis_reply_unref (many[i]);
  {
    g_autofree char *s = gredis_reply_to_string (twelve);
    g_assert_true (g_str_has_prefix (s, " 1) (integer) 0\n 2) (integer) 1\n"));
    g_assert_true (g_str_has_suffix (s, "12) (integer) 11\n"));
  }
}

static void
test_to_variant (void)
{
  g_autoptr(GredisReply) nested = make_nested ();
  g_autoptr(GVariant) v = gredis_reply_to_variant (nested);
  g_autofree char *printed = g_variant_print (v, TRUE);
  g_autoptr(GredisReply) bin = gredis_reply_new_string (GREDIS_REPLY_STRING, "a\0b", 3);
  g_autoptr(GVariant) vb = gredis_reply_to_variant (bin);
  g_autoptr(GredisReply) err = gredis_reply_new_string (GREDIS_REPLY_ERROR, "WRONGTYPE no", -1);
  g_autoptr(GVariant) ve = gredis_reply_to_variant (err);

  g_assert_cmpstr (g_variant_get_type_string (v), ==, "av");
  g_assert_cmpstr (printed, ==, "[<int64 1>, <'two'>, <{'k': <[<@mv nothing>, <true>]>}>]");
  g_assert_cmpstr (g_variant_get_type_string (vb), ==, "ay");
  g_assert_cmpuint (g_variant_get_size (vb), ==, 3);
  g_assert_cmpstr (g_variant_get_type_string (ve), ==, "(ss)");
  {
    const char *nick, *text;
    g_variant_get (ve, "(&s&s)", &nick, &text);
    g_assert_cmpstr (nick, ==, "wrongtype");
    g_assert_cmpstr (text, ==, "WRONGTYPE no");
  }
}

static void
test_boxed (void)
{
  g_autoptr(GredisReply) r = gredis_reply_new_integer (5);
  GredisReply *copy = g_boxed_copy (GREDIS_TYPE_REPLY, r);

  g_assert_true (copy == r);
  g_boxed_free (GREDIS_TYPE_REPLY, copy);
  g_assert_cmpint (gredis_reply_get_integer (r), ==, 5);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reply/scalars", test_scalars);
  g_test_add_func ("/reply/binary-string", test_binary_string);
  g_test_add_func ("/reply/text", test_text);
  g_test_add_func ("/reply/verbatim", test_verbatim);
  g_test_add_func ("/reply/aggregate", test_aggregate);
  g_test_add_func ("/reply/child-keeps-tree", test_child_keeps_tree);
  g_test_add_func ("/reply/equal", test_equal);
  g_test_add_func ("/reply/attributes", test_attributes);
  g_test_add_func ("/reply/builder/wire-order", test_builder_wire_order);
  g_test_add_func ("/reply/builder/overflow", test_builder_overflow);
  g_test_add_func ("/reply/builder/incomplete", test_builder_incomplete);
  g_test_add_func ("/reply/builder/slabs", test_builder_slabs);
  g_test_add_func ("/reply/builder/build", test_builder_build);
  g_test_add_func ("/reply/to-error", test_to_error);
  g_test_add_func ("/reply/to-string", test_to_string);
  g_test_add_func ("/reply/to-variant", test_to_variant);
  g_test_add_func ("/reply/boxed", test_boxed);

  return g_test_run ();
}
