/* gredis-error.h: the Gredis error domain
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <glib.h>
#include <gredis/gredis-version-macros.h>

G_BEGIN_DECLS

/**
 * GREDIS_ERROR:
 *
 * The error domain of Gredis. Errors in this domain are from the
 * #GredisError enumeration. Transports may also report errors in the
 * %G_IO_ERROR domain, and cancellation is always %G_IO_ERROR_CANCELLED.
 */
#define GREDIS_ERROR (gredis_error_quark ())

/**
 * GredisError:
 * @GREDIS_ERROR_FAILED: a failure with no more specific code.
 * @GREDIS_ERROR_CONNECTION: the connection could not be made, or was lost.
 * @GREDIS_ERROR_TIMEOUT: an operation did not complete within its timeout.
 * @GREDIS_ERROR_PROTOCOL: the server sent bytes that are not valid RESP,
 *   or a reply exceeded a configured limit.
 * @GREDIS_ERROR_TLS: the TLS handshake or the TLS configuration failed.
 * @GREDIS_ERROR_AUTH: authentication is required or failed (`NOAUTH`,
 *   `WRONGPASS`, and `AUTH` errors).
 * @GREDIS_ERROR_NOPERM: the ACL user may not run the command (`NOPERM`).
 * @GREDIS_ERROR_PLUGIN_NOT_FOUND: no plugin of the requested kind and name
 *   could be found.
 * @GREDIS_ERROR_CONFIG: a configuration value, URI or key file is invalid.
 * @GREDIS_ERROR_SERVER: the server replied with an error that has no more
 *   specific code (usually `ERR`).
 * @GREDIS_ERROR_WRONGTYPE: the key holds a value of another type (`WRONGTYPE`).
 * @GREDIS_ERROR_MOVED: the key's slot is served by another node (`MOVED`).
 * @GREDIS_ERROR_ASK: the key's slot is migrating (`ASK`).
 * @GREDIS_ERROR_TRYAGAIN: the command should be tried again later (`TRYAGAIN`).
 * @GREDIS_ERROR_CLUSTERDOWN: the cluster is down (`CLUSTERDOWN`).
 * @GREDIS_ERROR_CROSSSLOT: the keys hash to different slots (`CROSSSLOT`).
 * @GREDIS_ERROR_NOSCRIPT: the script is not in the server's cache (`NOSCRIPT`).
 * @GREDIS_ERROR_READONLY: the server is a read-only replica (`READONLY`).
 * @GREDIS_ERROR_LOADING: the server is loading its data set (`LOADING`).
 * @GREDIS_ERROR_BUSY: the server is busy running a script (`BUSY`).
 * @GREDIS_ERROR_MASTERDOWN: the replica lost its master (`MASTERDOWN`).
 * @GREDIS_ERROR_OOM: the server is out of memory (`OOM`).
 * @GREDIS_ERROR_EXECABORT: a transaction was aborted (`EXECABORT`).
 * @GREDIS_ERROR_WATCH: a watched key changed and the transaction did not run.
 * @GREDIS_ERROR_NOREPLICAS: not enough replicas acknowledged (`NOREPLICAS`).
 * @GREDIS_ERROR_BUSYGROUP: the consumer group already exists (`BUSYGROUP`).
 * @GREDIS_ERROR_NOGROUP: the consumer group does not exist (`NOGROUP`).
 * @GREDIS_ERROR_UNKNOWN_OUTCOME: a command that may have reached the server
 *   failed; whether it ran is not known, so it was not sent again.
 * @GREDIS_ERROR_CLOSED: the client, connection or pool was closed.
 * @GREDIS_ERROR_POOL_EXHAUSTED: every connection of the pool is in use.
 * @GREDIS_ERROR_UNSUPPORTED: the plugin or server does not support what
 *   was asked of it (for example RESP3 from a RESP2-only parser).
 * @GREDIS_ERROR_CONNECTION_STATE: the command would change the state of a
 *   connection that other callers share (a transaction, the database, a
 *   subscription, the reply mode …), so it was not sent; the message names
 *   the API to use instead. See the #GredisClient documentation.
 * @GREDIS_ERROR_HOST_NOT_FOUND: the server's host name is unknown to the
 *   resolver (a temporary failure of the resolver is
 *   %GREDIS_ERROR_CONNECTION).
 * @GREDIS_ERROR_NO_SENTINEL: none of the sentinels given could be reached.
 * @GREDIS_ERROR_UNKNOWN_MASTER: the sentinels reached monitor no master of
 *   the name given.
 *
 * Error codes in the %GREDIS_ERROR domain. Errors that come from a server
 * reply keep the server's text as their message; use
 * gredis_error_code_for_prefix() to map an error prefix to a code.
 */
typedef enum {
  GREDIS_ERROR_FAILED,
  GREDIS_ERROR_CONNECTION,
  GREDIS_ERROR_TIMEOUT,
  GREDIS_ERROR_PROTOCOL,
  GREDIS_ERROR_TLS,
  GREDIS_ERROR_AUTH,
  GREDIS_ERROR_NOPERM,
  GREDIS_ERROR_PLUGIN_NOT_FOUND,
  GREDIS_ERROR_CONFIG,
  GREDIS_ERROR_SERVER,
  GREDIS_ERROR_WRONGTYPE,
  GREDIS_ERROR_MOVED,
  GREDIS_ERROR_ASK,
  GREDIS_ERROR_TRYAGAIN,
  GREDIS_ERROR_CLUSTERDOWN,
  GREDIS_ERROR_CROSSSLOT,
  GREDIS_ERROR_NOSCRIPT,
  GREDIS_ERROR_READONLY,
  GREDIS_ERROR_LOADING,
  GREDIS_ERROR_BUSY,
  GREDIS_ERROR_MASTERDOWN,
  GREDIS_ERROR_OOM,
  GREDIS_ERROR_EXECABORT,
  GREDIS_ERROR_WATCH,
  GREDIS_ERROR_NOREPLICAS,
  GREDIS_ERROR_BUSYGROUP,
  GREDIS_ERROR_NOGROUP,
  GREDIS_ERROR_UNKNOWN_OUTCOME,
  GREDIS_ERROR_CLOSED,
  GREDIS_ERROR_POOL_EXHAUSTED,
  GREDIS_ERROR_UNSUPPORTED,
  GREDIS_ERROR_CONNECTION_STATE,
  GREDIS_ERROR_HOST_NOT_FOUND,
  GREDIS_ERROR_NO_SENTINEL,
  GREDIS_ERROR_UNKNOWN_MASTER,
} GredisError;

GREDIS_AVAILABLE_IN_ALL
GQuark      gredis_error_quark           (void);

GREDIS_AVAILABLE_IN_ALL
GredisError gredis_error_code_for_prefix (const char *text,
                                          gsize       len);

G_END_DECLS
