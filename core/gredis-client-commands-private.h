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

void _gredis_cmd_init (Cmd *c, const char *name);
void _gredis_cmd_add (Cmd *c, const char *arg);
void _gredis_cmd_add_owned (Cmd *c, char *arg);
void _gredis_cmd_add_int (Cmd *c, gint64 value);
void _gredis_cmd_add_uint (Cmd *c, guint64 value);
void _gredis_cmd_add_double (Cmd *c, double value);
void _gredis_cmd_add_strv (Cmd *c, const char * const *strv);
void _gredis_cmd_clear (Cmd *c);
void _gredis_cmd_send_async (GredisClient *client, Cmd *c, gpointer source_tag, GCancellable *cancellable, GAsyncReadyCallback callback, gpointer user_data);
GredisReply * _gredis_cmd_send_sync (GredisClient *client, Cmd *c, GCancellable *cancellable, GError **error);
void _gredis_cmd_add_expire_flags (Cmd *c, GredisExpireFlags flags);
void _gredis_cmd_add_zadd_flags (Cmd *c, GredisZaddFlags flags);
void _gredis_cmd_add_zrange_flags (Cmd *c, GredisZrangeFlags flags);
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
