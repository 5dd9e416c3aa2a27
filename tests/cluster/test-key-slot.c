/* test-key-slot.c: CRC16, hash tags and the slot of command lines
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include <gredis/gredis.h>
#include <string.h>

#include "gredis-key-slot-private.h"

static guint
slot_of (const char *key)
{
  return gredis_key_slot ((const guint8 *) key, strlen (key));
}

static void
test_crc16 (void)
{
  /* The check value of CRC-16/XMODEM, as the cluster specification gives it. */
  g_assert_cmphex (_gredis_crc16 ((const guint8 *) "123456789", 9), ==, 0x31c3);
  g_assert_cmphex (_gredis_crc16 ((const guint8 *) "", 0), ==, 0);
}

static void
test_key_slot (void)
{
  static const guint8 binary[] = { 0x00, 0xff, '{', 0x00, '}', 0x7f };

  g_assert_cmpuint (slot_of ("foo"), ==, 12182);
  g_assert_cmpuint (slot_of ("bar"), ==, 5061);
  g_assert_cmpuint (slot_of ("123456789"), ==, 0x31c3 % 16384);
  g_assert_cmpuint (slot_of (""), ==, 0);

  /* Keys with the same tag share its slot. */
  g_assert_cmpuint (slot_of ("{user1000}.following"), ==, slot_of ("{user1000}.followers"));
  g_assert_cmpuint (slot_of ("{user1000}.following"), ==, slot_of ("user1000"));
  g_assert_cmpuint (slot_of ("x{foo}y"), ==, slot_of ("foo"));
  /* Only the first tag counts, even when it is followed by another. */
  g_assert_cmpuint (slot_of ("{foo}{bar}"), ==, slot_of ("foo"));
  /* An empty first tag: the whole key is hashed. */
  g_assert_cmpuint (slot_of ("foo{}{bar}"), ==,
                    _gredis_crc16 ((const guint8 *) "foo{}{bar}", 10) % 16384);
  g_assert_cmpuint (slot_of ("foo{}{bar}"), !=, slot_of ("bar"));
  /* The tag ends at the first "}" after the first "{". */
  g_assert_cmpuint (slot_of ("foo{{bar}}zap"), ==, slot_of ("{bar"));
  g_assert_cmpuint (slot_of ("foo{{bar}}zap"), ==,
                    _gredis_crc16 ((const guint8 *) "{bar", 4) % 16384);
  g_assert_cmpuint (slot_of ("foo{bar}{zap}"), ==, slot_of ("bar"));
  /* No closing brace: the whole key. */
  g_assert_cmpuint (slot_of ("foo{bar"), ==,
                    _gredis_crc16 ((const guint8 *) "foo{bar", 7) % 16384);
  /* Binary keys, a NUL inside the tag. */
  g_assert_cmpuint (gredis_key_slot (binary, sizeof binary), ==,
                    _gredis_crc16 (binary + 3, 1) % 16384);
}

static gint
command_slot (const char *first,
              ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;
  va_list args;

  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  return _gredis_command_slot (NULL, argv->len, (const char * const *) argv->pdata, NULL);
}

static void
test_command_slot (void)
{
  gint foo = (gint) slot_of ("foo");
  gint bar = (gint) slot_of ("bar");
  gsize lengths[] = { 3, 3 };
  const char *binary_argv[] = { "GETx", "foo" };

  g_assert_cmpint (command_slot ("GET", "foo", NULL), ==, foo);
  g_assert_cmpint (command_slot ("get", "bar", NULL), ==, bar);
  g_assert_cmpint (command_slot ("SET", "foo", "1", "EX", "10", NULL), ==, foo);

  /* Several keys: one slot, or cross-slot. */
  g_assert_cmpint (command_slot ("MSET", "{t}a", "1", "{t}b", "2", NULL), ==, (gint) slot_of ("t"));
  g_assert_cmpint (command_slot ("MSET", "foo", "1", "bar", "2", NULL), ==, GREDIS_KEY_SLOT_CROSS);
  /* The values of MSET are not keys. */
  g_assert_cmpint (command_slot ("MSET", "foo", "bar", NULL), ==, foo);
  g_assert_cmpint (command_slot ("DEL", "foo", "foo", NULL), ==, foo);
  g_assert_cmpint (command_slot ("RENAME", "foo", "bar", NULL), ==, GREDIS_KEY_SLOT_CROSS);

  /* numkeys */
  g_assert_cmpint (command_slot ("EVAL", "return 1", "1", "foo", "bar", NULL), ==, foo);
  g_assert_cmpint (command_slot ("EVAL", "return 1", "2", "foo", "bar", NULL), ==, GREDIS_KEY_SLOT_CROSS);
  g_assert_cmpint (command_slot ("EVAL", "return 1", "0", "foo", NULL), ==, GREDIS_KEY_SLOT_NONE);
  g_assert_cmpint (command_slot ("EVALSHA", "abc", "1", "bar", NULL), ==, bar);
  /* A numkeys past the end: no keys (the server refuses it). */
  g_assert_cmpint (command_slot ("EVAL", "return 1", "5", "foo", NULL), ==, GREDIS_KEY_SLOT_NONE);

  /* XREAD … STREAMS: the streams, not their ids. */
  g_assert_cmpint (command_slot ("XREAD", "COUNT", "2", "STREAMS", "foo", "$", NULL), ==, foo);
  g_assert_cmpint (command_slot ("XREAD", "STREAMS", "foo", "bar", "0", "0", NULL), ==,
                   GREDIS_KEY_SLOT_CROSS);
  g_assert_cmpint (command_slot ("XREAD", "STREAMS", "{s}1", "{s}2", "0", "0", NULL), ==,
                   (gint) slot_of ("s"));

  /* Keyless. */
  g_assert_cmpint (command_slot ("PING", NULL), ==, GREDIS_KEY_SLOT_NONE);
  g_assert_cmpint (command_slot ("DBSIZE", NULL), ==, GREDIS_KEY_SLOT_NONE);
  g_assert_cmpint (command_slot ("PUBLISH", "foo", "message", NULL), ==, GREDIS_KEY_SLOT_NONE);
  g_assert_cmpint (command_slot ("NOSUCHCOMMAND", "foo", NULL), ==, GREDIS_KEY_SLOT_NONE);
  g_assert_cmpint (_gredis_command_slot (NULL, 0, NULL, NULL), ==, GREDIS_KEY_SLOT_NONE);

  /* Sharded pub/sub: channels hash as keys. */
  g_assert_cmpint (command_slot ("SPUBLISH", "foo", "message", NULL), ==, foo);
  g_assert_cmpint (command_slot ("SSUBSCRIBE", "foo", "bar", NULL), ==, GREDIS_KEY_SLOT_CROSS);
  g_assert_cmpint (command_slot ("SSUBSCRIBE", "{c}1", "{c}2", NULL), ==, (gint) slot_of ("c"));

  /* Subcommands with keys. */
  g_assert_cmpint (command_slot ("OBJECT", "ENCODING", "foo", NULL), ==, foo);
  g_assert_cmpint (command_slot ("SORT", "foo", "STORE", "bar", NULL), ==, GREDIS_KEY_SLOT_CROSS);

  /* Lengths: arguments need not be NUL-terminated at their length. */
  binary_argv[0] = "GETx";
  g_assert_cmpint (_gredis_command_slot (NULL, 2, binary_argv, lengths), ==, foo);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/key-slot/crc16", test_crc16);
  g_test_add_func ("/key-slot/key", test_key_slot);
  g_test_add_func ("/key-slot/command", test_command_slot);

  return g_test_run ();
}
