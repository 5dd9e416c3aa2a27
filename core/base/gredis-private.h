/* gredis-private.h: things every core file needs and no user sees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "config.h"

#include <glib/gi18n-lib.h>
#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Binds the gettext domain once; called before the first translated
 * message is produced (error constructors, plugin registry). */
void gredis_i18n_init (void);

G_END_DECLS
