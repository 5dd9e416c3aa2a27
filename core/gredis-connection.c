/* gredis-connection.c: one connection to a server
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-private.h"

/**
 * GredisConnection:
 *
 * One connection to a server, multiplexing the commands of many callers.
 */
struct _GredisConnection
{
  GObject parent_instance;
};

G_DEFINE_FINAL_TYPE (GredisConnection, gredis_connection, G_TYPE_OBJECT)

static void
gredis_connection_class_init (GredisConnectionClass *klass)
{
}

static void
gredis_connection_init (GredisConnection *self)
{
}
