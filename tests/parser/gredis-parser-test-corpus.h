/* gredis-parser-test-corpus.h: reading the parser corpora, running a
 * parser over them, writing replies in the corpus' tree notation
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

typedef enum
{
  CORPUS_END_CLEAN,  /* no error at the end */
  CORPUS_END_ERROR,  /* a protocol error after the replies */
  CORPUS_END_SKIP,   /* (hiredis only) not run */
  CORPUS_END_SAME,   /* (hiredis only) as for the other parsers */
} CorpusEnd;

typedef struct
{
  char      *name;
  GBytes    *input;
  GPtrArray *outs;          /* expected trees, char * */
  gboolean   proto2;
  gboolean   proto3;
  CorpusEnd  end;
  CorpusEnd  hiredis_end;
  GPtrArray *limit_names;   /* char * */
  GArray    *limit_values;  /* guint64 */
  char      *errmsg;
  char      *errmsg_all;    /* for every parser, hiredis included */
} CorpusCase;

typedef struct
{
  GPtrArray *replies;       /* trees as text, char * */
  GPtrArray *reply_objects; /* GredisReply * */
  GError    *error;
} CorpusResult;

/* How the input is cut into feeds. */
typedef enum
{
  CHUNK_WHOLE,
  CHUNK_BYTES,
  CHUNK_BYTES_POP_AT_END,
  CHUNK_RANDOM_1,
  CHUNK_RANDOM_2,
  CHUNK_RANDOM_3,
  CHUNK_HALVES,
  N_CHUNKINGS
} Chunking;

GPtrArray    *corpus_load          (const char   *file_name);
void          corpus_case_free     (CorpusCase   *c);
char         *corpus_reply_to_text (GredisReply  *reply);
GredisParser *corpus_new_parser    (const char   *name,
                                    guint         protocol,
                                    CorpusCase   *c);
CorpusResult *corpus_run           (const char   *parser_name,
                                    guint         protocol,
                                    CorpusCase   *c,
                                    Chunking      chunking);
void          corpus_result_free   (CorpusResult *result);
const char   *corpus_chunking_name (Chunking      chunking);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CorpusResult, corpus_result_free)

G_END_DECLS
