/* gredis-encoder.h: encoding commands as RESP multibulk
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <glib.h>
#include <gredis/gredis-version-macros.h>

G_BEGIN_DECLS

GREDIS_AVAILABLE_IN_ALL
gsize gredis_encoded_length        (guint               argc,
                                    const char * const *argv,
                                    const gsize        *argv_lengths);
GREDIS_AVAILABLE_IN_ALL
gsize gredis_encode_command        (GByteArray         *buffer,
                                    guint               argc,
                                    const char * const *argv,
                                    const gsize        *argv_lengths);
GREDIS_AVAILABLE_IN_ALL
gsize gredis_encode_command_strv   (GByteArray         *buffer,
                                    const char * const *argv);
GREDIS_AVAILABLE_IN_ALL
gsize gredis_encode_command_bytes  (GByteArray         *buffer,
                                    GBytes * const     *args,
                                    guint               n_args);
GREDIS_AVAILABLE_IN_ALL
gsize gredis_encode_command_into   (guint8             *out,
                                    guint               argc,
                                    const char * const *argv,
                                    const gsize        *argv_lengths);

G_END_DECLS
