/* gredis-pipeline-private.h: what transactions use of GredisPipeline
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Give the watched connection back by closing it rather than with
 * UNWATCH, whose reply nobody may wait for (blocking transactions). */
void              _gredis_pipeline_set_close_watch      (GredisPipeline *pipeline,
                                                         gboolean        close_watch);
/* The exclusive connection on which keys are watched, or NULL. */
GredisConnection *_gredis_pipeline_get_watch_connection (GredisPipeline *pipeline);
/* Marks an operation on the watched connection as running (no execute,
 * watch or reset meanwhile). */
void              _gredis_pipeline_set_busy             (GredisPipeline *pipeline,
                                                         gboolean        busy);
/* Gives the watched connection back (UNWATCH), unless an operation
 * runs. */
void              _gredis_pipeline_release_watch        (GredisPipeline *pipeline);

G_END_DECLS
