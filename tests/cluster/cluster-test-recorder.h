/* cluster-test-recorder.h: an observer for the cluster tests that counts
 * the commands and retries it sees
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* An observer, chosen as `observe=cluster-test-recorder` once
 * cluster_test_recorder_register() was called, that records each
 * finished command as "NAME attempt error.type" ("GET 2 -": no error)
 * and each retry as "retry NAME attempt". */
void         cluster_test_recorder_register (void);
/* How many times the last recorder made saw @line. */
guint        cluster_test_recorder_count    (const char        *line);

G_END_DECLS
