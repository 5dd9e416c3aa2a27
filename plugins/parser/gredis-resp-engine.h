/* gredis-resp-engine.h: the RESP2/RESP3 scanner shared by the resp2 and
 * resp3 parser plugins (private to them)
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* The properties every parser overrides, in the same order in both
 * plugins so that the engine can serve them. */
typedef enum
{
  GREDIS_RESP_PROP_0,
  GREDIS_RESP_PROP_PROTOCOL,
  GREDIS_RESP_PROP_MAX_BULK_BYTES,
  GREDIS_RESP_PROP_MAX_ELEMENTS,
  GREDIS_RESP_PROP_MAX_DEPTH,
  GREDIS_RESP_PROP_MAX_REPLY_BYTES,
  GREDIS_RESP_N_PROPS
} GredisRespProp;

typedef struct _GredisRespFrame GredisRespFrame;

/* A parser's whole state. It is a plain struct embedded in the parser
 * object; see gredis-resp-engine.c for how the two passes work. */
typedef struct
{
  /* Bytes fed and not yet consumed: buf[start, len). */
  guint8             *buf;
  gsize               len;
  gsize               cap;
  gsize               start;         /* first byte of the reply being read */
  guint64             stream_base;   /* stream offset of buf[0] */

  /* Resumable scan of the reply that starts at `start`. */
  gsize               scan;          /* next byte to look at */
  gsize               searched;      /* '\n' was looked for up to here */
  guint               state;
  guint64             body_len;      /* bulk body being waited for */
  guint8              body_type;
  guint64             stream_total;  /* bytes of a streamed string so far */
  guint               stream_index;  /* its slot in `counts` */
  gboolean            after_attributes;
  GredisRespFrame    *frames;
  guint               n_frames;
  guint               frames_allocated;
  guint64             n_nodes;
  guint64             n_bytes;
  GArray             *counts;        /* guint64 sizes of streamed values */

  /* Settings. */
  guint               protocol;
  guint               max_protocol;
  guint64             max_bulk_bytes;
  guint64             max_elements;
  guint               max_depth;
  guint64             max_reply_bytes;

  GredisReplyBuilder *builder;
  GByteArray         *scratch;       /* joins the chunks of streamed strings */
  GredisReply        *shared[3];     /* +OK, :0 and :1, built once */
  GError             *error;
} GredisRespEngine;

void         gredis_resp_engine_init                (GredisRespEngine *engine,
                                                     guint             max_protocol);
void         gredis_resp_engine_clear               (GredisRespEngine *engine);
void         gredis_resp_engine_feed                (GredisRespEngine *engine,
                                                     const guint8     *data,
                                                     gsize             length);
GredisReply *gredis_resp_engine_pop                 (GredisRespEngine *engine,
                                                     GError          **error);
void         gredis_resp_engine_reset               (GredisRespEngine *engine);
gboolean     gredis_resp_engine_set_protocol        (GredisRespEngine *engine,
                                                     guint             protocol,
                                                     const char       *parser_name,
                                                     GError          **error);

void         gredis_resp_engine_override_properties (GObjectClass     *klass);
void         gredis_resp_engine_get_property        (GredisRespEngine *engine,
                                                     guint             prop_id,
                                                     GValue           *value);
gboolean     gredis_resp_engine_set_property        (GredisRespEngine *engine,
                                                     guint             prop_id,
                                                     const GValue     *value,
                                                     const char       *parser_name);

G_END_DECLS
