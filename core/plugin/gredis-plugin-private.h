/* gredis-plugin-private.h: registry internals
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Generated at build time: loads the plugins linked into the library
 * and ensures the built-in types of the core's layers. */
void  _gredis_builtin_plugins_load         (void);

/* "dir1, dir2, …": the directories searched, for messages. */
char *_gredis_plugins_describe_search_path (void);

G_END_DECLS
