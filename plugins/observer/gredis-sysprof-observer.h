/* gredis-sysprof-observer.h: the `sysprof` observer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_SYSPROF_OBSERVER (gredis_sysprof_observer_get_type ())
G_DECLARE_FINAL_TYPE (GredisSysprofObserver, gredis_sysprof_observer, GREDIS, SYSPROF_OBSERVER, GObject)

G_END_DECLS
