/* gredis-client-commands-private.h: what the typed helpers share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* An argv being built; arguments are borrowed, except those added with
 * _gredis_cmd_add_owned(), which are freed with it. Sending clears it.
 * The lengths of the arguments are kept only once one of them is binary
 * (added with a length): text-only argvs cost no more than before. */
typedef struct
{
  GPtrArray *argv;
  GArray *lengths;
  GPtrArray *owned;
} Cmd;

/* The word of each flag set in a flags value, for _gredis_cmd_add_flags(). */
typedef struct
{
  guint flag;
  const char *word;
} CmdFlag;

void _gredis_cmd_init (Cmd *c, const char *name);
/* NAME KEY, for the arguments that follow. */
void _gredis_cmd_init_key (Cmd *c, const char *name, const char *key);
void _gredis_cmd_add (Cmd *c, const char *arg);
/* @length -1 for a NUL-terminated @arg, else a binary one. */
void _gredis_cmd_add_len (Cmd *c, const char *arg, gssize length);
void _gredis_cmd_add_bytes (Cmd *c, GBytes *value);
void _gredis_cmd_add_owned (Cmd *c, char *arg);
void _gredis_cmd_add_int (Cmd *c, gint64 value);
void _gredis_cmd_add_uint (Cmd *c, guint64 value);
void _gredis_cmd_add_double (Cmd *c, double value);
void _gredis_cmd_add_strv (Cmd *c, const char * const *strv);
void _gredis_cmd_add_bytesv (Cmd *c, GBytes * const *values, guint n_values);
/* The word of each flag set in @flags, in the order of @words. */
void _gredis_cmd_add_flags (Cmd *c, guint flags, const CmdFlag *words, gsize n_words);
void _gredis_cmd_clear (Cmd *c);
void _gredis_cmd_send_async (GredisClient *client, Cmd *c, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_sync (GredisClient *client, Cmd *c, GCancellable *cancellable, GError **error);

/* The shapes most typed helpers share, built and sent in one call by the
 * `_async` and the blocking form alike: NAME KEY [ARG] (@arg may be %NULL),
 * NAME KEY VALUE (binary), NAME [KEY] STRV… and NAME [KEY] VALUE… (@key
 * may be %NULL), and NAME [KEY] NAME VALUE… (binary values). */
void _gredis_cmd_send_key_async (GredisClient *client, const char *name, const char *key, const char *arg, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_key_sync (GredisClient *client, const char *name, const char *key, const char *arg, GCancellable *cancellable, GError **error);
void _gredis_cmd_send_strv_async (GredisClient *client, const char *name, const char *key, const char * const *strv, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_strv_sync (GredisClient *client, const char *name, const char *key, const char * const *strv, GCancellable *cancellable, GError **error);
void _gredis_cmd_send_key_bytes_async (GredisClient *client, const char *name, const char *key, GBytes *value, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_key_bytes_sync (GredisClient *client, const char *name, const char *key, GBytes *value, GCancellable *cancellable, GError **error);
void _gredis_cmd_send_bytesv_async (GredisClient *client, const char *name, const char *key, GBytes * const *values, guint n_values, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_bytesv_sync (GredisClient *client, const char *name, const char *key, GBytes * const *values, guint n_values, GCancellable *cancellable, GError **error);
void _gredis_cmd_send_pairs_async (GredisClient *client, const char *name, const char *key, const char * const *names, GBytes * const *values, guint n_values, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_pairs_sync (GredisClient *client, const char *name, const char *key, const char * const *names, GBytes * const *values, guint n_values, GCancellable *cancellable, GError **error);

/* Reply conversions, shared by the `_finish` and the blocking forms; each
 * takes the reply (NULL after an error) and frees it. */
gint64 _gredis_reply_to_int (GredisReply *reply, GError **error);
gboolean _gredis_reply_to_bool (GredisReply *reply, GError **error);
gboolean _gredis_reply_to_ok (GredisReply *reply, GError **error);
char * _gredis_reply_to_str (GredisReply *reply, GError **error);
double _gredis_reply_to_double (GredisReply *reply, GError **error);
gboolean _gredis_reply_to_score (GredisReply *reply, double *score, GError **error);
char ** _gredis_reply_to_strv (GredisReply *reply, GError **error);
GPtrArray * _gredis_reply_to_str_array (GredisReply *reply, GError **error);
GHashTable * _gredis_reply_to_hash (GredisReply *reply, GError **error);
/* The binary-safe forms: values as #GBytes that share the reply's memory. */
GBytes * _gredis_reply_to_bytes (GredisReply *reply, GError **error);
GPtrArray * _gredis_reply_to_bytes_array (GredisReply *reply, GError **error);
GPtrArray * _gredis_reply_to_bytes_pairs (GredisReply *reply, GError **error);

G_END_DECLS
