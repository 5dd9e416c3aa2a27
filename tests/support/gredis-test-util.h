/* gredis-test-util.h: small helpers shared by the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Reads a file of the source tree's tests/ folder (for data files). */
GBytes *gredis_test_load_file (const char *relative_path);

G_END_DECLS
