/* gredis-observer.h: the interface of observers
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
 * GREDIS_OBSERVER_EXTENSION_POINT_NAME:
 *
 * The name of the GIO extension point that observer plugins implement.
 */
#define GREDIS_OBSERVER_EXTENSION_POINT_NAME "gredis-observer"

#define GREDIS_TYPE_COMMAND_EVENT (gredis_command_event_get_type ())

/**
 * GredisCommandEvent:
 * @name: the command's name in capitals (`GET`, `CLIENT`), as
 *   OpenTelemetry's `db.operation.name`; never its arguments.
 * @server_address: (nullable): the host name, IP address or socket path
 *   the connection was made to (`server.address`).
 * @server_port: the TCP port (`server.port`), 0 for a Unix socket.
 * @db: the database number selected on the connection (`db.namespace`).
 * @start_time: when the command's bytes were written (for
 *   command_started: when it was queued), in g_get_monotonic_time()'s
 *   microseconds; the time it failed, for a command never written.
 * @duration: from the write of its bytes to the read of its reply (or to
 *   its failure), in microseconds. Commands written together share their
 *   start, replies read together their end: one clock read per system
 *   call, not per command.
 * @error: (nullable): the error the command ended with: a server error
 *   reply as its #GError, a connection failure, a timeout; %NULL on
 *   success.
 * @error_type: (nullable): OpenTelemetry's `error.type`: the prefix of a
 *   server error reply (`WRONGTYPE`, `ERR`, `MOVED`), or a short name of
 *   the client-side failure (`timeout`, `connection`, `cancelled`,
 *   `closed`, `protocol`); %NULL on success.
 * @attempt: 1 for the first time the command is sent, 2 for the
 *   second (after a retry or a redirect) and so on; the commands of a
 *   pipeline's round sent again carry the round's attempt.
 * @batch_size: the number of commands of the pipeline or transaction it
 *   was sent in (`db.operation.batch.size`), 0 when sent alone.
 * @n_keys: the number of keys of the command (from the command table; 0
 *   when unknown).
 * @bytes_out: the bytes of the encoded command.
 * @bytes_in: the bytes read from the server since the reply before
 *   (replies read in one chunk count it all for the first of them).
 *
 * One command, as observers see it when it ends. Only the command's name
 * and key count are given, never its arguments.
 */
typedef struct _GredisCommandEvent GredisCommandEvent;

struct _GredisCommandEvent
{
  const char   *name;
  const char   *server_address;
  guint         server_port;
  guint         db;
  gint64        start_time;
  gint64        duration;
  const GError *error;
  const char   *error_type;
  guint         attempt;
  guint         batch_size;
  guint         n_keys;
  guint64       bytes_out;
  guint64       bytes_in;

  /*< private >*/
  gpointer      padding[4];
};

GREDIS_AVAILABLE_IN_ALL
GType               gredis_command_event_get_type (void) G_GNUC_CONST;
GREDIS_AVAILABLE_IN_ALL
GredisCommandEvent *gredis_command_event_copy     (const GredisCommandEvent *event);
GREDIS_AVAILABLE_IN_ALL
void                gredis_command_event_free     (GredisCommandEvent       *event);

#define GREDIS_TYPE_OBSERVER (gredis_observer_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_INTERFACE (GredisObserver, gredis_observer, GREDIS, OBSERVER, GObject)

/**
 * GredisObserverInterface:
 * @g_iface: the parent interface.
 * @command_started: a command was queued on a connection (only the
 *   @name, @server_address, @server_port, @db, @start_time, @attempt,
 *   @batch_size, @n_keys and @bytes_out of @event are set). Observers
 *   that need only the end leave it %NULL, which spares the others
 *   nothing but spares the call.
 * @command_finished: a command ended, with a reply or an error.
 * @connection_created: a connection to @server_address became ready,
 *   @create_time microseconds after it started connecting
 *   (`db.client.connection.create_time`).
 * @connection_closed: a connection that was ready closed, with @error
 *   when it failed.
 * @connection_waited: a caller waited @wait_time microseconds for the
 *   pool to hand out a connection (`db.client.connection.wait_time`):
 *   for a shared or exclusive connection, a blocking call's, and each
 *   node's connection of a command sent to several nodes of a cluster;
 *   @timed_out when it gave up (`db.client.connection.timeouts`).
 * @retry_decided: the retry policy sends the command @name again after
 *   @delay microseconds, its attempt number @attempt, because of @error.
 *   For the commands of a pipeline lost with their connection and sent
 *   again as one round, one retry named as OpenTelemetry names a batch:
 *   the command's name when the round has one command, `BATCH GET` when
 *   all its commands are `GET`s, `BATCH` otherwise. On a cluster each
 *   such command is sent again alone, a retry of its own.
 * @redirect_followed: a cluster redirect (@kind `MOVED` or `ASK`) of
 *   @slot to @server_address:@server_port was followed.
 * @topology_changed: a cluster's topology changed (@changes:
 *   #GredisTopologyChange flags).
 * @pubsub_message: a pub/sub message (@kind `message`, `pmessage` or
 *   `smessage`) of @size bytes arrived on @channel.
 * @cache_hit: the client-side cache answered @name without the server.
 * @cache_miss: the client-side cache did not have what @name reads.
 * @cache_invalidated: the server invalidated @n_keys keys of the cache
 *   (0: all of them, also when the cache was emptied because tracking may
 *   have lapsed).
 *
 * Sees what a client does: every command, connection, retry, redirect,
 * topology change and pub/sub message. Observers are chosen by name with
 * #GredisConfig:observe; each vfunc may be %NULL. They are called from
 * the thread of the main context the event happened in, possibly from
 * several threads at once for one client: an observer must be
 * thread-safe, and quick (it runs on the command path).
 */
struct _GredisObserverInterface
{
  GTypeInterface g_iface;

  void (*command_started)    (GredisObserver           *observer,
                              const GredisCommandEvent *event);
  void (*command_finished)   (GredisObserver           *observer,
                              const GredisCommandEvent *event);
  void (*connection_created) (GredisObserver           *observer,
                              const char               *server_address,
                              guint                     server_port,
                              gint64                    create_time);
  void (*connection_closed)  (GredisObserver           *observer,
                              const char               *server_address,
                              guint                     server_port,
                              const GError             *error);
  void (*connection_waited)  (GredisObserver           *observer,
                              gint64                    wait_time,
                              gboolean                  timed_out);
  void (*retry_decided)      (GredisObserver           *observer,
                              const char               *name,
                              guint                     attempt,
                              gint64                    delay,
                              const GError             *error);
  void (*redirect_followed)  (GredisObserver           *observer,
                              const char               *kind,
                              guint                     slot,
                              const char               *server_address,
                              guint                     server_port);
  void (*topology_changed)   (GredisObserver           *observer,
                              guint                     changes);
  void (*pubsub_message)     (GredisObserver           *observer,
                              const char               *kind,
                              const char               *channel,
                              gsize                     size);
  void (*cache_hit)          (GredisObserver           *observer,
                              const char               *name);
  void (*cache_miss)         (GredisObserver           *observer,
                              const char               *name);
  void (*cache_invalidated)  (GredisObserver           *observer,
                              guint                     n_keys);

  /*< private >*/
  gpointer padding[12];
};

GREDIS_AVAILABLE_IN_ALL
GredisObserver *gredis_observer_new_for_name (const char *name,
                                              GError    **error);

G_END_DECLS
