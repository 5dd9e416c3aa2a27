/* gredis-pipeline.h: batches of commands and MULTI/EXEC transactions
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <gio/gio.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-reply.h>
#include <gredis/gredis-client.h>
#include <gredis/gredis-script.h>

G_BEGIN_DECLS

#define GREDIS_TYPE_PIPELINE (gredis_pipeline_get_type ())

GREDIS_AVAILABLE_IN_ALL
G_DECLARE_FINAL_TYPE (GredisPipeline, gredis_pipeline, GREDIS, PIPELINE, GObject)

/**
 * GredisTransactionFunc:
 * @pipeline: the transaction, in transaction mode, whose keys are watched
 * @watched: (nullable): the reply to the read command given to
 *   gredis_client_transaction_async(), or %NULL when there was none
 * @user_data: the data given with the function
 * @error: return location for a #GError
 *
 * Queues the commands of one attempt of a transaction on @pipeline,
 * usually computed from @watched. It is called again, on an empty
 * pipeline and with a fresh @watched, when a watched key changed before
 * the transaction ran.
 *
 * Returns: %TRUE to run the queued commands, %FALSE with @error set to
 *   give up
 */
typedef gboolean (*GredisTransactionFunc) (GredisPipeline  *pipeline,
                                           GredisReply     *watched,
                                           gpointer         user_data,
                                           GError         **error);

GREDIS_AVAILABLE_IN_ALL
GredisPipeline *gredis_pipeline_new               (GredisClient         *client,
                                                   gboolean              transaction);
GREDIS_AVAILABLE_IN_ALL
GredisClient   *gredis_pipeline_get_client        (GredisPipeline       *pipeline);
GREDIS_AVAILABLE_IN_ALL
gboolean        gredis_pipeline_get_transaction   (GredisPipeline       *pipeline);
GREDIS_AVAILABLE_IN_ALL
void            gredis_pipeline_set_transaction   (GredisPipeline       *pipeline,
                                                   gboolean              transaction);
GREDIS_AVAILABLE_IN_ALL
guint           gredis_pipeline_get_n_commands    (GredisPipeline       *pipeline);

GREDIS_AVAILABLE_IN_ALL
guint           gredis_pipeline_add_command       (GredisPipeline       *pipeline,
                                                   const char * const   *argv);
GREDIS_AVAILABLE_IN_ALL
guint           gredis_pipeline_add_command_argv  (GredisPipeline       *pipeline,
                                                   guint                 argc,
                                                   const char * const   *argv,
                                                   const gsize          *argv_lengths);
GREDIS_AVAILABLE_IN_ALL
guint           gredis_pipeline_add_command_bytes (GredisPipeline       *pipeline,
                                                   GBytes * const       *args,
                                                   guint                 n_args);
GREDIS_AVAILABLE_IN_ALL
guint           gredis_pipeline_add_script        (GredisPipeline       *pipeline,
                                                   GredisScript         *script,
                                                   const char * const   *keys,
                                                   const char * const   *args);
GREDIS_AVAILABLE_IN_ALL
guint           gredis_pipeline_add_set           (GredisPipeline       *pipeline,
                                                   const char           *key,
                                                   const char           *value);

GREDIS_AVAILABLE_IN_ALL
void            gredis_pipeline_watch_async       (GredisPipeline       *pipeline,
                                                   const char * const   *keys,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean        gredis_pipeline_watch_finish      (GredisPipeline       *pipeline,
                                                   GAsyncResult         *result,
                                                   GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean        gredis_pipeline_watch             (GredisPipeline       *pipeline,
                                                   const char * const   *keys,
                                                   GCancellable         *cancellable,
                                                   GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean        gredis_pipeline_get_watching      (GredisPipeline       *pipeline);
GREDIS_AVAILABLE_IN_ALL
void            gredis_pipeline_reset             (GredisPipeline       *pipeline);

GREDIS_AVAILABLE_IN_ALL
void            gredis_pipeline_execute_async     (GredisPipeline       *pipeline,
                                                   GCancellable         *cancellable,
                                                   GAsyncReadyCallback   callback,
                                                   gpointer              user_data);
GREDIS_AVAILABLE_IN_ALL
gboolean        gredis_pipeline_execute_finish    (GredisPipeline       *pipeline,
                                                   GAsyncResult         *result,
                                                   GError              **error);
GREDIS_AVAILABLE_IN_ALL
gboolean        gredis_pipeline_execute           (GredisPipeline       *pipeline,
                                                   GCancellable         *cancellable,
                                                   GError              **error);

GREDIS_AVAILABLE_IN_ALL
guint           gredis_pipeline_get_n_results     (GredisPipeline       *pipeline);
GREDIS_AVAILABLE_IN_ALL
GredisReply    *gredis_pipeline_get_reply         (GredisPipeline       *pipeline,
                                                   guint                 index,
                                                   GError              **error);

GREDIS_AVAILABLE_IN_ALL
void            gredis_client_transaction_async   (GredisClient          *client,
                                                   const char * const    *watch_keys,
                                                   const char * const    *read_argv,
                                                   guint                  max_attempts,
                                                   GredisTransactionFunc  func,
                                                   gpointer               func_data,
                                                   GDestroyNotify         func_destroy,
                                                   GCancellable          *cancellable,
                                                   GAsyncReadyCallback    callback,
                                                   gpointer               user_data);
GREDIS_AVAILABLE_IN_ALL
GredisPipeline *gredis_client_transaction_finish  (GredisClient          *client,
                                                   GAsyncResult          *result,
                                                   GError               **error);
GREDIS_AVAILABLE_IN_ALL
GredisPipeline *gredis_client_transaction         (GredisClient          *client,
                                                   const char * const    *watch_keys,
                                                   const char * const    *read_argv,
                                                   guint                  max_attempts,
                                                   GredisTransactionFunc  func,
                                                   gpointer               func_data,
                                                   GCancellable          *cancellable,
                                                   GError               **error);

G_END_DECLS

/* One adder per typed helper of GredisClient, generated from
 * build-aux/gredis-commands.decl. */
#include <gredis/gredis-pipeline-commands.h>
