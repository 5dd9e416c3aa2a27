/* gredis-key-slot-private.h: the hash slot of a command line
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

#define GREDIS_KEY_SLOT_COUNT 16384

/* What _gredis_command_slot() returns besides a slot. NONE is the pool
 * request's GREDIS_POOL_NO_SLOT. */
#define GREDIS_KEY_SLOT_NONE  (-1)
#define GREDIS_KEY_SLOT_CROSS (-2)

guint16 _gredis_crc16        (const guint8            *data,
                              gsize                    length);

gint    _gredis_command_slot (const GredisCommandInfo *info,
                              guint                    argc,
                              const char * const      *argv,
                              const gsize             *argv_lengths);

G_END_DECLS
