/* gredis-call-private.h: the GAsyncResult of one command
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

/* A GredisCall is one command of an asynchronous caller of GredisClient
 * or GredisConnection: its callback, cancellable, source object and
 * tag, and what the retry code keeps of it. It is a plain reference-
 * counted structure, cheap to make: a #GTask per command cost about two
 * thirds of an asynchronous command (a GObject made and finalized, the
 * thread-default main context referenced, the clock read, the
 * "completed" property notified).
 *
 * The #GAsyncResult the callback receives is made only when the call
 * completes, and the object is used again for the next completion of
 * the same thread when the callback did not keep a reference to it (a
 * toggle reference tells): GIO callers may only use a result within
 * the callback unless they reference it.
 *
 * Rules (those of GTask, where they apply):
 * - a call completes exactly once, with a reply or an error;
 * - _gredis_call_return() calls the callback at once: the connection
 *   calls it only from its own sources, never from within the function
 *   that made the call; paths that may run inside that function use
 *   _gredis_call_return_error_later(), which goes through an idle source;
 * - once its cancellable is cancelled, finishing it gives
 *   G_IO_ERROR_CANCELLED, whatever arrived. */
typedef struct _GredisCall GredisCall;

GredisCall   *_gredis_call_new                   (gpointer             source_object,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data,
                                                  gpointer             source_tag);
GredisCall   *_gredis_call_ref                   (GredisCall          *call);
void          _gredis_call_unref                 (GredisCall          *call);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisCall, _gredis_call_unref)

/* Completes @call with @reply (taken; server error replies become their
 * #GError) or @error (taken), calling the callback now. The caller holds
 * a reference to @call meanwhile. */
void          _gredis_call_return                (GredisCall          *call,
                                                  GredisReply         *reply,
                                                  GError              *error);
/* Completes a command that has no GredisCall (the connection keeps
 * such commands in its queue): what _gredis_call_return() does for a
 * call made with these, whose references to @source_object and
 * @cancellable (both may be NULL) it takes. */
void          _gredis_call_complete              (gpointer             source_object,
                                                  GCancellable        *cancellable,
                                                  GAsyncReadyCallback  callback,
                                                  gpointer             user_data,
                                                  gpointer             source_tag,
                                                  GredisReply         *reply,
                                                  GError              *error);
/* The same from an idle source of @context (NULL: the thread-default
 * main context). */
void          _gredis_call_return_error_later    (GredisCall          *call,
                                                  GError              *error,
                                                  GMainContext        *context);
/* When the cancellable is cancelled, completes @call at once with
 * G_IO_ERROR_CANCELLED and returns TRUE. */
gboolean      _gredis_call_return_error_if_cancelled (GredisCall      *call);

/* For the _finish functions, given the #GAsyncResult of a call: the
 * reply, or NULL with the error. */
GredisReply  *_gredis_call_propagate_reply       (GAsyncResult        *result,
                                                  GError             **error);
/* TRUE when @result is the result of a call of @source_object tagged
 * @source_tag. */
gboolean      _gredis_call_is_valid              (GAsyncResult        *result,
                                                  gpointer             source_object,
                                                  gpointer             source_tag);

GCancellable *_gredis_call_get_cancellable       (GredisCall          *call);
gpointer      _gredis_call_get_source_object     (GredisCall          *call);

/* Set by the connection when it fails before any byte of the command was
 * written: the command cannot have run. */
gboolean      _gredis_call_get_unsent            (GredisCall          *call);
void          _gredis_call_set_unsent            (GredisCall          *call,
                                                  gboolean             unsent);

/* The command as encoded, kept when the call was made with
 * _gredis_call_keep_command(), so that it can be sent again after a
 * connection failure. The connection stores it when it encodes the
 * command; _gredis_call_get_command() gives it back as an argv (its
 * strings NUL-terminated; free the two arrays with g_free(), not the
 * strings, which live as long as the call keeps this command). */
void          _gredis_call_keep_command          (GredisCall          *call);
gboolean      _gredis_call_keeps_command         (GredisCall          *call);
void          _gredis_call_store_command         (GredisCall          *call,
                                                  const guint8        *encoded,
                                                  gsize                length);
gboolean      _gredis_call_get_command           (GredisCall          *call,
                                                  guint               *argc,
                                                  const char        ***argv,
                                                  gsize              **argv_lengths);

/* How many times the command was sent before (0 until a retry or a
 * redirect sends it again), for the observers. */
guint         _gredis_call_get_attempt           (GredisCall          *call);
void          _gredis_call_next_attempt          (GredisCall          *call);
void          _gredis_call_set_attempt           (GredisCall          *call,
                                                  guint                sent_before);

/* Data of the code that owns the call (the retry state). */
gpointer      _gredis_call_get_data              (GredisCall          *call);
void          _gredis_call_set_data              (GredisCall          *call,
                                                  gpointer             data,
                                                  GDestroyNotify       destroy);

G_END_DECLS
