/* cli-compare.h: running redis-cli and gredis-cli on the same input, and
 * comparing what they print (test-cli and test-cli-modes)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

typedef struct
{
  GBytes *out;
  int status;
} Run;

Run   run         (const char * const *argv,
                   const char         *input);
Run   run_bytes   (const char * const *argv,
                   GBytes             *input);
void  assert_same (const char         *what,
                   Run                *expected,
                   Run                *got);
char *run_text    (Run                *run);

G_END_DECLS
