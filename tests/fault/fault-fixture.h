/* fault-fixture.h: what the fault-injection tests share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>
#include "gredis-test-proxy.h"
#include "gredis-test-server.h"

G_BEGIN_DECLS

/* A bound against hangs, not a measurement. */
#define FAULT_HANG_BOUND_US (30 * G_USEC_PER_SEC)

/* A real redis-server, the fault proxy in front of it, a client through
 * the proxy (made with the URI options given as the test's data) and an
 * admin client straight to the server. */
typedef struct
{
  GredisTestServer *server;
  GredisTestProxy *proxy;
  GredisClient *client;        /* through the proxy */
  GredisClient *admin;         /* straight to the server */
} FaultFixture;

/* A client for "BASE/?OPTIONS"; asserts it can be made. */
GredisClient *fault_client_for       (const char    *base,
                                      const char    *options);
void          fault_fixture_setup    (FaultFixture  *fixture,
                                      gconstpointer  options);
void          fault_fixture_teardown (FaultFixture  *fixture,
                                      gconstpointer  options);
/* The admin client's GET of @key as an integer (0 when the key is unset). */
gint64        fault_admin_get        (FaultFixture  *fixture,
                                      const char    *key);
/* Runs the thread-default main context until @done (@data) is true;
 * fails the test after FAULT_HANG_BOUND_US. */
void          fault_iterate_until    (gboolean     (*done) (gpointer),
                                      gpointer       data);

G_END_DECLS
