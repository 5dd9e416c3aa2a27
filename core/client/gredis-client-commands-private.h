/* gredis-client-commands-private.h: what the typed helpers share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* An argv being built; arguments are borrowed, except those added with
 * _gredis_cmd_add_owned(), which are freed with it. Sending clears it. */
typedef struct
{
  GPtrArray *argv;
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
void _gredis_cmd_add_owned (Cmd *c, char *arg);
void _gredis_cmd_add_int (Cmd *c, gint64 value);
void _gredis_cmd_add_uint (Cmd *c, guint64 value);
void _gredis_cmd_add_double (Cmd *c, double value);
void _gredis_cmd_add_strv (Cmd *c, const char * const *strv);
/* The word of each flag set in @flags, in the order of @words. */
void _gredis_cmd_add_flags (Cmd *c, guint flags, const CmdFlag *words, gsize n_words);
void _gredis_cmd_clear (Cmd *c);
void _gredis_cmd_send_async (GredisClient *client, Cmd *c, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_sync (GredisClient *client, Cmd *c, GCancellable *cancellable, GError **error);

/* The shapes most typed helpers share, built and sent in one call by the
 * `_async` and the blocking form alike: NAME KEY [ARG] (@arg may be %NULL)
 * and NAME [KEY] STRV… (@key may be %NULL). */
void _gredis_cmd_send_key_async (GredisClient *client, const char *name, const char *key, const char *arg, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_key_sync (GredisClient *client, const char *name, const char *key, const char *arg, GCancellable *cancellable, GError **error);
void _gredis_cmd_send_strv_async (GredisClient *client, const char *name, const char *key, const char * const *strv, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_strv_sync (GredisClient *client, const char *name, const char *key, const char * const *strv, GCancellable *cancellable, GError **error);

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

G_END_DECLS
