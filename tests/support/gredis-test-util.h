/* gredis-test-util.h: small helpers shared by the tests
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* Whether this file is compiled with AddressSanitizer (gcc or clang). */
#if defined(__SANITIZE_ADDRESS__)
#define GREDIS_TEST_SANITIZER_BUILD 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define GREDIS_TEST_SANITIZER_BUILD 1
#endif
#endif
#ifndef GREDIS_TEST_SANITIZER_BUILD
#define GREDIS_TEST_SANITIZER_BUILD 0
#endif

/* LeakSanitizer crashes at exit ("Tracer caught signal 11") in any
 * process that has loaded glib-networking's GnuTLS backend, so sanitizer
 * builds leave the gio-tls transport out. Returns whether @transport can
 * be tested in this build; if not, registers a test under @path_prefix
 * that is skipped with the reason. */
gboolean gredis_test_transport_testable (const char *path_prefix,
                                         const char *transport);

/* Reads a file of the source tree's tests/ folder (for data files). */
GBytes *gredis_test_load_file (const char *relative_path);

G_END_DECLS
