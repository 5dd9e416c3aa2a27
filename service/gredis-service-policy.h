/* gredis-service-policy.h: what a caller of gredis-service may run
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define GREDIS_SERVICE_ERROR (gredis_service_error_quark ())

/*
 * GredisServiceError: the refusals of the service, each a D-Bus error
 * name under org.gredis.Service1.Error.
 */
typedef enum {
  GREDIS_SERVICE_ERROR_FAILED,       /* .Failed */
  GREDIS_SERVICE_ERROR_DENIED,       /* .Denied */
  GREDIS_SERVICE_ERROR_TOO_LARGE,    /* .TooLarge */
  GREDIS_SERVICE_ERROR_RATE_LIMITED, /* .RateLimited */
  GREDIS_SERVICE_ERROR_REDIS,        /* .Redis: the server's text */
  GREDIS_SERVICE_ERROR_UNAVAILABLE,  /* .Unavailable */
} GredisServiceError;

GQuark gredis_service_error_quark (void);

typedef struct _GredisServicePolicy GredisServicePolicy;

GredisServicePolicy *gredis_service_policy_new_from_keyfile (GKeyFile            *key_file,
                                                             gboolean             system_bus,
                                                             GError             **error);
void                 gredis_service_policy_free             (GredisServicePolicy *policy);

gsize    gredis_service_policy_get_max_request_bytes (GredisServicePolicy *policy);
guint    gredis_service_policy_get_max_commands      (GredisServicePolicy *policy);
double   gredis_service_policy_get_rate_limit        (GredisServicePolicy *policy);
double   gredis_service_policy_get_rate_burst        (GredisServicePolicy *policy);
gboolean gredis_service_policy_has_prefixes          (GredisServicePolicy *policy);

gboolean gredis_service_policy_check_caller  (GredisServicePolicy  *policy,
                                              guint32               uid,
                                              const guint32        *gids,
                                              guint                 n_gids,
                                              GError              **error);
gboolean gredis_service_policy_check_command (GredisServicePolicy  *policy,
                                              guint32               uid,
                                              guint                 argc,
                                              const char * const   *argv,
                                              const gsize          *argv_lengths,
                                              GError              **error);
gboolean gredis_service_policy_check_channel (GredisServicePolicy  *policy,
                                              guint32               uid,
                                              const char           *command,
                                              const char           *channel,
                                              gsize                 channel_length,
                                              GError              **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (GredisServicePolicy, gredis_service_policy_free)

G_END_DECLS
