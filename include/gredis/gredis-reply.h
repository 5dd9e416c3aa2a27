/* gredis-reply.h: immutable, reference-counted server replies
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <glib-object.h>
#include <gredis/gredis-version-macros.h>

G_BEGIN_DECLS

/**
 * GredisReplyKind:
 * @GREDIS_REPLY_STRING: a bulk string (binary safe).
 * @GREDIS_REPLY_SIMPLE_STRING: a simple string, such as `OK`.
 * @GREDIS_REPLY_ERROR: an error, simple or bulk; the text is kept.
 * @GREDIS_REPLY_INTEGER: a signed 64-bit integer.
 * @GREDIS_REPLY_DOUBLE: a double (RESP3), including infinities and NaN.
 * @GREDIS_REPLY_NIL: the null reply (RESP2 null bulk or array, RESP3 `_`).
 * @GREDIS_REPLY_BOOLEAN: a boolean (RESP3).
 * @GREDIS_REPLY_BIG_NUMBER: an arbitrary-precision integer (RESP3), kept
 *   as its decimal text.
 * @GREDIS_REPLY_VERBATIM: a verbatim string (RESP3) with its three-letter
 *   format.
 * @GREDIS_REPLY_ARRAY: an array of replies.
 * @GREDIS_REPLY_SET: a set of replies (RESP3).
 * @GREDIS_REPLY_MAP: a map (RESP3); its elements are keys and values,
 *   alternating.
 * @GREDIS_REPLY_PUSH: an out-of-band push frame (RESP3).
 *
 * The kind of a #GredisReply.
 */
typedef enum {
  GREDIS_REPLY_STRING,
  GREDIS_REPLY_SIMPLE_STRING,
  GREDIS_REPLY_ERROR,
  GREDIS_REPLY_INTEGER,
  GREDIS_REPLY_DOUBLE,
  GREDIS_REPLY_NIL,
  GREDIS_REPLY_BOOLEAN,
  GREDIS_REPLY_BIG_NUMBER,
  GREDIS_REPLY_VERBATIM,
  GREDIS_REPLY_ARRAY,
  GREDIS_REPLY_SET,
  GREDIS_REPLY_MAP,
  GREDIS_REPLY_PUSH,
} GredisReplyKind;

#define GREDIS_TYPE_REPLY (gredis_reply_get_type ())

typedef struct _GredisReply GredisReply;

GREDIS_AVAILABLE_IN_ALL
GType            gredis_reply_get_type            (void) G_GNUC_CONST;

GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_ref                 (GredisReply       *reply);
GREDIS_AVAILABLE_IN_ALL
void             gredis_reply_unref               (GredisReply       *reply);

GREDIS_AVAILABLE_IN_ALL
GredisReplyKind  gredis_reply_get_kind            (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
gboolean         gredis_reply_is_aggregate        (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
gboolean         gredis_reply_is_error            (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
gboolean         gredis_reply_is_nil              (const GredisReply *reply);

GREDIS_AVAILABLE_IN_ALL
const char      *gredis_reply_get_string          (const GredisReply *reply,
                                                   gsize             *length);
GREDIS_AVAILABLE_IN_ALL
const char      *gredis_reply_get_text            (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
GBytes          *gredis_reply_get_bytes           (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
gint64           gredis_reply_get_integer         (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
double           gredis_reply_get_double          (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
gboolean         gredis_reply_get_boolean         (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
const char      *gredis_reply_get_verbatim_format (const GredisReply *reply);

GREDIS_AVAILABLE_IN_ALL
gsize            gredis_reply_get_n_elements      (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_get_element         (const GredisReply *reply,
                                                   gsize              index_);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_get_attributes      (const GredisReply *reply);

GREDIS_AVAILABLE_IN_ALL
gboolean         gredis_reply_equal               (const GredisReply *a,
                                                   const GredisReply *b);
GREDIS_AVAILABLE_IN_ALL
char            *gredis_reply_to_string           (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
GVariant        *gredis_reply_to_variant          (const GredisReply *reply);
GREDIS_AVAILABLE_IN_ALL
GError          *gredis_reply_to_error            (const GredisReply *reply);

/* Constructors, for tests, bindings and parsers written in other languages. */
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_string          (GredisReplyKind    kind,
                                                   const char        *data,
                                                   gssize             length);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_bytes           (GredisReplyKind    kind,
                                                   GBytes            *bytes);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_integer         (gint64             value);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_double          (double             value);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_boolean         (gboolean           value);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_nil             (void);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_verbatim        (const char        *format,
                                                   const char        *data,
                                                   gssize             length);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_aggregate       (GredisReplyKind    kind,
                                                   GredisReply      **elements,
                                                   gsize              n_elements);
GREDIS_AVAILABLE_IN_ALL
GredisReply     *gredis_reply_new_with_attributes (GredisReply       *reply,
                                                   GredisReply       *attributes);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisReply, gredis_reply_unref)

G_END_DECLS
