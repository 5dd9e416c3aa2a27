/* gredis-connection-observer-private.h: what a connection reports to
 * the observers of its client
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

#include "gredis-observers-private.h"

G_BEGIN_DECLS

/* A GredisConnectionObserver is the observation state of one connection,
 * made when its client's observers are attached
 * (_gredis_connection_set_observers()): the start time, name and size of
 * each command waiting for its reply, by sequence number, in a ring as
 * large as the connection's queue. A connection without observers has
 * none, and tests for it once per command. Used from the connection's
 * context only. */
typedef struct _GredisConnectionObserver GredisConnectionObserver;

GredisConnectionObserver *_gredis_connection_observer_new (GredisObservers          *observers,
                                                           GSocketConnectable       *endpoint,
                                                           guint                     db,
                                                           guint                     ring_size);
void _gredis_connection_observer_free        (GredisConnectionObserver *self);
GredisObservers *_gredis_connection_observer_get_observers (GredisConnectionObserver *self);

/* The queue's ring grew to @ring_size (a power of two); the entries
 * from @head_seq, @n_entries of them, are kept. */
void _gredis_connection_observer_grow        (GredisConnectionObserver *self,
                                              guint64                   head_seq,
                                              guint                     n_entries,
                                              guint                     ring_size);
/* The command of sequence number @seq was queued: @bytes_out encoded
 * bytes, sent for the @attempt-th time (1: the first; 0: the attempt
 * set with the batch, 1 outside one). */
void _gredis_connection_observer_queued      (GredisConnectionObserver *self,
                                              guint64                   seq,
                                              guint                     argc,
                                              const char * const       *argv,
                                              const gsize              *argv_lengths,
                                              GBytes * const           *args,
                                              gsize                     bytes_out,
                                              guint                     attempt);
/* The bytes of the commands from @from_seq to @to_seq (excluded) were
 * written: their durations start now (one clock read per write). */
void _gredis_connection_observer_written     (GredisConnectionObserver *self,
                                              guint64                   from_seq,
                                              guint64                   to_seq);
/* The entry of @seq completed with @reply or @error (@cancelled: its
 * caller had gone); nothing when it was not a command queued above. */
void _gredis_connection_observer_completed   (GredisConnectionObserver *self,
                                              guint64                   seq,
                                              GredisReply              *reply,
                                              const GError             *error,
                                              gboolean                  cancelled);
/* The entry of @seq left the queue without a reply (never sent). */
void _gredis_connection_observer_forget      (GredisConnectionObserver *self,
                                              guint64                   seq);
/* @n bytes were read from the server: the replies parsed from them end
 * now (one clock read per read). */
void _gredis_connection_observer_received    (GredisConnectionObserver *self,
                                              gsize                     n);
/* Commands queued from now on are part of a pipeline of @batch_size
 * commands (0: sent alone), sent for the @attempt-th time when queued
 * with no attempt of their own. */
void _gredis_connection_observer_set_batch   (GredisConnectionObserver *self,
                                              guint                     batch_size,
                                              guint                     attempt);
/* The connection became ready, @create_time microseconds after it
 * started connecting. */
void _gredis_connection_observer_ready       (GredisConnectionObserver *self,
                                              gint64                    create_time);
/* The connection closed (reported only when it was ready). */
void _gredis_connection_observer_closed      (GredisConnectionObserver *self,
                                              const GError             *error);
/* A push frame arrived: pub/sub messages are reported. */
void _gredis_connection_observer_push        (GredisConnectionObserver *self,
                                              GredisReply              *frame);

G_END_DECLS
