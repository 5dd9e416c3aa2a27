/* gredis-key-slot.c: the hash slot of a key and of a command line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 *
 * Redis Cluster puts each key in one of 16384 slots: the CRC16 (the
 * XMODEM variant: polynomial 0x1021, initial value 0, no reflection) of
 * the key, or of its hash tag, modulo 16384. The hash tag is what lies
 * between the first "{" and the first "}" after it, when that is not
 * empty; keys that share a tag share a slot.
 */
#include "gredis-key-slot-private.h"
#include "gredis-command-table-private.h"

#include <string.h>

static const guint16 crc16_table[256] = {
  0x0000, 0x1021, 0x2042, 0x3063, 0x4084, 0x50a5, 0x60c6, 0x70e7,
  0x8108, 0x9129, 0xa14a, 0xb16b, 0xc18c, 0xd1ad, 0xe1ce, 0xf1ef,
  0x1231, 0x0210, 0x3273, 0x2252, 0x52b5, 0x4294, 0x72f7, 0x62d6,
  0x9339, 0x8318, 0xb37b, 0xa35a, 0xd3bd, 0xc39c, 0xf3ff, 0xe3de,
  0x2462, 0x3443, 0x0420, 0x1401, 0x64e6, 0x74c7, 0x44a4, 0x5485,
  0xa56a, 0xb54b, 0x8528, 0x9509, 0xe5ee, 0xf5cf, 0xc5ac, 0xd58d,
  0x3653, 0x2672, 0x1611, 0x0630, 0x76d7, 0x66f6, 0x5695, 0x46b4,
  0xb75b, 0xa77a, 0x9719, 0x8738, 0xf7df, 0xe7fe, 0xd79d, 0xc7bc,
  0x48c4, 0x58e5, 0x6886, 0x78a7, 0x0840, 0x1861, 0x2802, 0x3823,
  0xc9cc, 0xd9ed, 0xe98e, 0xf9af, 0x8948, 0x9969, 0xa90a, 0xb92b,
  0x5af5, 0x4ad4, 0x7ab7, 0x6a96, 0x1a71, 0x0a50, 0x3a33, 0x2a12,
  0xdbfd, 0xcbdc, 0xfbbf, 0xeb9e, 0x9b79, 0x8b58, 0xbb3b, 0xab1a,
  0x6ca6, 0x7c87, 0x4ce4, 0x5cc5, 0x2c22, 0x3c03, 0x0c60, 0x1c41,
  0xedae, 0xfd8f, 0xcdec, 0xddcd, 0xad2a, 0xbd0b, 0x8d68, 0x9d49,
  0x7e97, 0x6eb6, 0x5ed5, 0x4ef4, 0x3e13, 0x2e32, 0x1e51, 0x0e70,
  0xff9f, 0xefbe, 0xdfdd, 0xcffc, 0xbf1b, 0xaf3a, 0x9f59, 0x8f78,
  0x9188, 0x81a9, 0xb1ca, 0xa1eb, 0xd10c, 0xc12d, 0xf14e, 0xe16f,
  0x1080, 0x00a1, 0x30c2, 0x20e3, 0x5004, 0x4025, 0x7046, 0x6067,
  0x83b9, 0x9398, 0xa3fb, 0xb3da, 0xc33d, 0xd31c, 0xe37f, 0xf35e,
  0x02b1, 0x1290, 0x22f3, 0x32d2, 0x4235, 0x5214, 0x6277, 0x7256,
  0xb5ea, 0xa5cb, 0x95a8, 0x8589, 0xf56e, 0xe54f, 0xd52c, 0xc50d,
  0x34e2, 0x24c3, 0x14a0, 0x0481, 0x7466, 0x6447, 0x5424, 0x4405,
  0xa7db, 0xb7fa, 0x8799, 0x97b8, 0xe75f, 0xf77e, 0xc71d, 0xd73c,
  0x26d3, 0x36f2, 0x0691, 0x16b0, 0x6657, 0x7676, 0x4615, 0x5634,
  0xd94c, 0xc96d, 0xf90e, 0xe92f, 0x99c8, 0x89e9, 0xb98a, 0xa9ab,
  0x5844, 0x4865, 0x7806, 0x6827, 0x18c0, 0x08e1, 0x3882, 0x28a3,
  0xcb7d, 0xdb5c, 0xeb3f, 0xfb1e, 0x8bf9, 0x9bd8, 0xabbb, 0xbb9a,
  0x4a75, 0x5a54, 0x6a37, 0x7a16, 0x0af1, 0x1ad0, 0x2ab3, 0x3a92,
  0xfd2e, 0xed0f, 0xdd6c, 0xcd4d, 0xbdaa, 0xad8b, 0x9de8, 0x8dc9,
  0x7c26, 0x6c07, 0x5c64, 0x4c45, 0x3ca2, 0x2c83, 0x1ce0, 0x0cc1,
  0xef1f, 0xff3e, 0xcf5d, 0xdf7c, 0xaf9b, 0xbfba, 0x8fd9, 0x9ff8,
  0x6e17, 0x7e36, 0x4e55, 0x5e74, 0x2e93, 0x3eb2, 0x0ed1, 0x1ef0,
};

guint16
_gredis_crc16 (const guint8 *data,
               gsize         length)
{
  guint16 crc = 0;

  for (gsize i = 0; i < length; i++)
    crc = (guint16) (crc << 8) ^ crc16_table[((crc >> 8) ^ data[i]) & 0xff];
  return crc;
}

/**
 * gredis_key_slot:
 * @key: (array length=length) (element-type guint8): the key
 * @length: the length of @key in bytes
 *
 * Computes the Redis Cluster hash slot of a key: the CRC16 of the key, or
 * of its hash tag, modulo 16384. The hash tag is the part between the
 * first `{` and the first `}` after it, when it is not empty, so that
 * `{user1000}.following` and `{user1000}.followers` have the same slot.
 *
 * Returns: the slot, from 0 to 16383
 */
guint
gredis_key_slot (const guint8 *key,
                 gsize         length)
{
  const guint8 *open, *close;

  g_return_val_if_fail (key != NULL || length == 0, 0);

  if (length == 0)
    return 0;
  open = memchr (key, '{', length);
  if (open != NULL)
    {
      gsize rest = length - (gsize) (open - key) - 1;

      close = memchr (open + 1, '}', rest);
      if (close != NULL && close > open + 1)
        return _gredis_crc16 (open + 1, (gsize) (close - open - 1)) & (GREDIS_KEY_SLOT_COUNT - 1);
    }
  return _gredis_crc16 (key, length) & (GREDIS_KEY_SLOT_COUNT - 1);
}

G_STATIC_ASSERT (GREDIS_KEY_SLOT_NONE == GREDIS_POOL_NO_SLOT);

typedef struct {
  const char * const *argv;
  const gsize *argv_lengths;
  gint slot;
} SlotSearch;

static void
merge_key_slot (guint    position,
                gpointer user_data)
{
  SlotSearch *search = user_data;
  const char *key = search->argv[position];
  gsize length = search->argv_lengths != NULL ? search->argv_lengths[position] : strlen (key);
  gint slot;

  if (search->slot == GREDIS_KEY_SLOT_CROSS)
    return;
  slot = (gint) gredis_key_slot ((const guint8 *) key, length);
  if (search->slot == GREDIS_KEY_SLOT_NONE)
    search->slot = slot;
  else if (search->slot != slot)
    search->slot = GREDIS_KEY_SLOT_CROSS;
}

/*
 * _gredis_command_slot:
 * @info: (nullable): the command of @argv, or %NULL to look it up
 * @argc: the number of arguments
 * @argv: (array length=argc): the command line
 * @argv_lengths: (array length=argc) (nullable): their lengths, or %NULL
 *   if every argument is NUL-terminated
 *
 * Finds the slot of a command line from the key specifications of its
 * command; the channels of the sharded pub/sub commands (SPUBLISH,
 * SSUBSCRIBE, SUNSUBSCRIBE) count as keys, as the server hashes them.
 * Allocates nothing.
 *
 * Returns: the slot (0 to 16383) of all of its keys;
 *   %GREDIS_KEY_SLOT_NONE if it has no key (or is an unknown command);
 *   %GREDIS_KEY_SLOT_CROSS if its keys are in several slots
 */
gint
_gredis_command_slot (const GredisCommandInfo *info,
                      guint                    argc,
                      const char * const      *argv,
                      const gsize             *argv_lengths)
{
  SlotSearch search = { argv, argv_lengths, GREDIS_KEY_SLOT_NONE };

  if (argc == 0)
    return GREDIS_KEY_SLOT_NONE;
  if (info == NULL)
    info = gredis_command_table_lookup_argv (argc, argv, argv_lengths);
  if (info == NULL)
    return GREDIS_KEY_SLOT_NONE;

  _gredis_command_info_foreach_key (info, argc, argv, argv_lengths, TRUE, merge_key_slot, &search);
  return search.slot;
}
