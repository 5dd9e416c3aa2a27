/* gredis-otlp-observer.h: the `otlp` observer
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_OTLP_OBSERVER (gredis_otlp_observer_get_type ())
G_DECLARE_FINAL_TYPE (GredisOtlpObserver, gredis_otlp_observer, GREDIS, OTLP_OBSERVER, GObject)

G_END_DECLS
