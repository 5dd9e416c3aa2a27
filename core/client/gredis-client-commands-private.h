/* gredis-client-commands-private.h: what the typed helpers share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

#define CMD_INLINE_ARGS 24
#define CMD_INLINE_NUMBERS 8

/* An argv being built, on the caller's stack: arguments are borrowed;
 * numbers are written into the argv's own buffers (past
 * CMD_INLINE_NUMBERS, and past CMD_INLINE_ARGS arguments, it takes
 * memory from the heap, which _gredis_cmd_clear() gives back). Sending
 * clears it. A typed helper thus costs what a raw argv call costs. */
typedef struct
{
  guint argc;
  guint alloc;
  const char **argv;
  gsize *lengths;
  guint n_numbers;
  GPtrArray *owned;
  const char *inline_argv[CMD_INLINE_ARGS];
  gsize inline_lengths[CMD_INLINE_ARGS];
  char numbers[CMD_INLINE_NUMBERS][G_ASCII_DTOSTR_BUF_SIZE];
} Cmd;

/* The word of each flag set in a flags value, for _gredis_cmd_add_flags(). */
typedef struct
{
  guint flag;
  const char *word;
} CmdFlag;

void _gredis_cmd_init (Cmd *c, const char *name);
void _gredis_cmd_add (Cmd *c, const char *arg);
/* @length -1 for a NUL-terminated @arg, else a binary one. */
void _gredis_cmd_add_len (Cmd *c, const char *arg, gssize length);
void _gredis_cmd_add_bytes (Cmd *c, GBytes *value);
void _gredis_cmd_add_int (Cmd *c, gint64 value);
void _gredis_cmd_add_uint (Cmd *c, guint64 value);
void _gredis_cmd_add_double (Cmd *c, double value);
void _gredis_cmd_add_strv (Cmd *c, const char * const *strv);
void _gredis_cmd_add_bytesv (Cmd *c, GBytes * const *values, guint n_values);
/* NAME VALUE… with text names and binary values. */
void _gredis_cmd_add_pairs (Cmd *c, const char * const *names, GBytes * const *values, guint n_values);
/* SCORE MEMBER… */
void _gredis_cmd_add_scored (Cmd *c, const double *scores, const char * const *members, guint n_members);
void _gredis_cmd_add_scored_bytes (Cmd *c, const double *scores, GBytes * const *members, guint n_members);
/* The word of each flag set in @flags, in the order of @words. */
void _gredis_cmd_add_flags (Cmd *c, guint flags, const CmdFlag *words, gsize n_words);
void _gredis_cmd_clear (Cmd *c);
void _gredis_cmd_send_async (GredisClient *client, Cmd *c, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_sync (GredisClient *client, Cmd *c, GCancellable *cancellable, GError **error);

/* Reply conversions, shared by the `_finish` and the blocking forms; each
 * takes the reply (NULL after an error) and frees it. With @nullable, nil
 * gives NULL (or FALSE) and no error; without, nil is an error as any
 * reply of the wrong kind is. */
gint64 _gredis_reply_to_int (GredisReply *reply, GError **error);
gboolean _gredis_reply_to_bool (GredisReply *reply, GError **error);
gboolean _gredis_reply_to_ok (GredisReply *reply, GError **error);
double _gredis_reply_to_double (GredisReply *reply, GError **error);
gboolean _gredis_reply_to_score (GredisReply *reply, double *score, GError **error);
gboolean _gredis_reply_to_opt_int (GredisReply *reply, gint64 *value, GError **error);
char * _gredis_reply_to_str (GredisReply *reply, gboolean nullable, GError **error);
GBytes * _gredis_reply_to_bytes (GredisReply *reply, gboolean nullable, GError **error);
char ** _gredis_reply_to_strv (GredisReply *reply, gboolean nullable, GError **error);
GPtrArray * _gredis_reply_to_str_array (GredisReply *reply, gboolean nullable, GError **error);
GPtrArray * _gredis_reply_to_bytes_array (GredisReply *reply, gboolean nullable, GError **error);
GHashTable * _gredis_reply_to_hash (GredisReply *reply, gboolean nullable, GError **error);
/* Fields and values as one flat array of #GBytes, from a map or not. */
GPtrArray * _gredis_reply_to_bytes_pairs (GredisReply *reply, gboolean nullable, GError **error);
GPtrArray * _gredis_reply_to_scored (GredisReply *reply, gboolean nullable, GError **error);
GPtrArray * _gredis_reply_to_entries (GredisReply *reply, gboolean nullable, GError **error);
GPtrArray * _gredis_reply_to_stream_entries (GredisReply *reply, gboolean nullable, GError **error);
GArray * _gredis_reply_to_ints (GredisReply *reply, gboolean nullable, GError **error);
GArray * _gredis_reply_to_doubles (GredisReply *reply, gboolean nullable, GError **error);
GArray * _gredis_reply_to_positions (GredisReply *reply, GError **error);
GVariant * _gredis_reply_to_dict (GredisReply *reply, gboolean nullable, GError **error);
GVariant * _gredis_reply_to_dicts (GredisReply *reply, GError **error);
/* FUNCTION LIST: one `a{sv}` per library, its `functions` an `aa{sv}`. */
GVariant * _gredis_reply_to_libraries (GredisReply *reply, GError **error);
GVariant * _gredis_reply_to_pending (GredisReply *reply, GError **error);
/* gredis-reply-text.c: INFO's sections (`a{sa{ss}}`; a cluster's map of
 * nodes' INFO, each section named after its node), CLIENT INFO's fields
 * (`a{ss}`) and CLIENT LIST's (`aa{ss}`). */
GVariant * _gredis_reply_to_info (GredisReply *reply, GError **error);
GVariant * _gredis_reply_to_client_info (GredisReply *reply, GError **error);
GVariant * _gredis_reply_to_client_list (GredisReply *reply, GError **error);
GVariant * _gredis_reply_to_pending_entries (GredisReply *reply, GError **error);
GredisReply * _gredis_reply_take (GredisReply *reply, gboolean nullable, GError **error);
/* [cursor, [elements]]: the elements, the cursor through @cursor. */
char ** _gredis_reply_to_scan (GredisReply *reply, char **cursor, GError **error);
GPtrArray * _gredis_reply_to_scan_bytes (GredisReply *reply, char **cursor, GError **error);
/* [key, [elements]] (LMPOP), or [key, element] (BLPOP): nil is NULL. */
char ** _gredis_reply_to_keyed (GredisReply *reply, char **key, GError **error);
GPtrArray * _gredis_reply_to_keyed_bytes (GredisReply *reply, char **key, GError **error);
/* [key, [[member, score]…]] (ZMPOP), or [key, member, score] (BZPOPMIN). */
GPtrArray * _gredis_reply_to_keyed_scored (GredisReply *reply, char **key, GError **error);
/* [next id, [entries], [deleted ids]] (XAUTOCLAIM). */
GPtrArray * _gredis_reply_to_autoclaim (GredisReply *reply, char **cursor, GError **error);

G_END_DECLS
