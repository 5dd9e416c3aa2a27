/* test-parser-corpus.c: the conformance and hostile corpora through every
 * parser plugin, in every chunking, and the RESP2 differential test
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#include "gredis-parser-test-corpus.h"

#include <string.h>

typedef struct
{
  const char *parser;
  guint       protocol;
} Target;

static GPtrArray *conformance;
static GPtrArray *hostile;

static gboolean
have_hiredis (void)
{
#ifdef HAVE_HIREDIS_PLUGIN
  return TRUE;
#else
  return FALSE;
#endif
}

/* The parsers that run a case. */
static guint
targets_for (CorpusCase *c,
             Target      targets[4])
{
  guint n = 0;

  if (c->proto3)
    targets[n++] = (Target) { "resp3", 3 };
  if (c->proto2)
    {
      targets[n++] = (Target) { "resp3", 2 };
      targets[n++] = (Target) { "resp2", 2 };
      if (have_hiredis () && c->hiredis_end != CORPUS_END_SKIP)
        targets[n++] = (Target) { "hiredis", 2 };
    }
  return n;
}

static void
check_result (CorpusCase   *c,
              const Target *target,
              Chunking      chunking,
              CorpusResult *result)
{
  gboolean is_hiredis = g_str_equal (target->parser, "hiredis");
  CorpusEnd end = c->end;
  gboolean prefix_only = FALSE;

  if (is_hiredis && c->hiredis_end != CORPUS_END_SAME)
    {
      end = c->hiredis_end;
      prefix_only = TRUE;
    }

  g_test_message ("%s with %s (protocol %u), chunking %s: %u replies, %s",
                  c->name, target->parser, target->protocol, corpus_chunking_name (chunking),
                  result->replies->len,
                  result->error != NULL ? result->error->message : "no error");

  if (end == CORPUS_END_ERROR)
    {
      g_assert_error (result->error, GREDIS_ERROR, GREDIS_ERROR_PROTOCOL);
      if (c->errmsg != NULL && !is_hiredis)
        g_assert_nonnull (strstr (result->error->message, c->errmsg));
      if (c->errmsg_all != NULL)
        g_assert_nonnull (strstr (result->error->message, c->errmsg_all));
    }
  else
    g_assert_no_error (result->error);

  if (prefix_only)
    g_assert_cmpuint (result->replies->len, <=, c->outs->len);
  else
    g_assert_cmpuint (result->replies->len, ==, c->outs->len);
  for (guint i = 0; i < result->replies->len; i++)
    g_assert_cmpstr (g_ptr_array_index (result->replies, i), ==, g_ptr_array_index (c->outs, i));
}

static void
test_case (gconstpointer data)
{
  CorpusCase *c = (CorpusCase *) data;
  Target targets[4];
  guint n_targets = targets_for (c, targets);

  g_assert_cmpuint (n_targets, >, 0);
  for (guint t = 0; t < n_targets; t++)
    for (Chunking chunking = 0; chunking < N_CHUNKINGS; chunking++)
      {
        g_autoptr(CorpusResult) result = corpus_run (targets[t].parser, targets[t].protocol,
                                                     c, chunking);

        check_result (c, &targets[t], chunking, result);
      }
}

/* resp2, resp3 speaking RESP2 and hiredis give the same trees on every
 * case that RESP2 allows, compared with gredis_reply_equal(). */
static void
test_differential (void)
{
  guint compared = 0;
  GPtrArray *files[] = { conformance, hostile };

  for (guint f = 0; f < G_N_ELEMENTS (files); f++)
    for (guint i = 0; i < files[f]->len; i++)
      {
        CorpusCase *c = g_ptr_array_index (files[f], i);
        g_autoptr(CorpusResult) resp2 = NULL;
        g_autoptr(CorpusResult) resp3 = NULL;

        if (!c->proto2)
          continue;

        resp2 = corpus_run ("resp2", 2, c, CHUNK_WHOLE);
        resp3 = corpus_run ("resp3", 2, c, CHUNK_WHOLE);
        g_test_message ("differential: %s", c->name);

        g_assert_cmpuint (resp2->reply_objects->len, ==, resp3->reply_objects->len);
        for (guint r = 0; r < resp2->reply_objects->len; r++)
          g_assert_true (gredis_reply_equal (g_ptr_array_index (resp2->reply_objects, r),
                                             g_ptr_array_index (resp3->reply_objects, r)));
        g_assert_true ((resp2->error == NULL) == (resp3->error == NULL));
        if (resp2->error != NULL)
          g_assert_cmpstr (resp2->error->message, ==, resp3->error->message);

        if (have_hiredis () && c->hiredis_end != CORPUS_END_SKIP)
          {
            g_autoptr(CorpusResult) hiredis = corpus_run ("hiredis", 2, c, CHUNK_WHOLE);
            guint n = MIN (hiredis->reply_objects->len, resp2->reply_objects->len);

            for (guint r = 0; r < n; r++)
              g_assert_true (gredis_reply_equal (g_ptr_array_index (resp2->reply_objects, r),
                                                 g_ptr_array_index (hiredis->reply_objects, r)));
            if (c->hiredis_end == CORPUS_END_SAME)
              {
                g_assert_cmpuint (hiredis->reply_objects->len, ==, resp2->reply_objects->len);
                g_assert_true ((resp2->error == NULL) == (hiredis->error == NULL));
              }
          }
        compared++;
      }

  /* Most of both corpora is RESP2. */
  g_assert_cmpuint (compared, >=, 150);
}

static void
add_cases (GPtrArray  *cases,
           const char *prefix)
{
  for (guint i = 0; i < cases->len; i++)
    {
      CorpusCase *c = g_ptr_array_index (cases, i);
      g_autofree char *path = g_strdup_printf ("/parser/%s/%s", prefix, c->name);

      g_test_add_data_func (path, c, test_case);
    }
}

static void
test_corpus_sizes (void)
{
  guint valid = 0;

  /* The issue asks for at least 150 valid and 80 hostile cases. */
  for (guint i = 0; i < conformance->len; i++)
    {
      CorpusCase *c = g_ptr_array_index (conformance, i);

      g_assert_cmpint (c->end, ==, CORPUS_END_CLEAN);
      valid++;
    }
  g_assert_cmpuint (valid, >=, 150);
  g_assert_cmpuint (hostile->len, >=, 80);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  g_test_init (&argc, &argv, NULL);

  conformance = corpus_load ("parser/conformance.txt");
  hostile = corpus_load ("parser/hostile.txt");

  g_test_add_func ("/parser/corpus-sizes", test_corpus_sizes);
  add_cases (conformance, "conformance");
  add_cases (hostile, "hostile");
  g_test_add_func ("/parser/differential/resp2-resp3-hiredis", test_differential);

  ret = g_test_run ();

  g_ptr_array_unref (conformance);
  g_ptr_array_unref (hostile);
  return ret;
}
