/* gredis-read-policy-private.h: which server serves a read
 * (GredisConfig:read-from), for the pools that know replicas (cluster,
 * sentinel), and the round-trip times `nearest` uses
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include "gredis-private.h"

G_BEGIN_DECLS

typedef enum {
  GREDIS_READ_FROM_PRIMARY,
  GREDIS_READ_FROM_PREFER_REPLICA,
  GREDIS_READ_FROM_REPLICAS,
  GREDIS_READ_FROM_NEAREST,
} GredisReadFrom;

/* The policy GredisConfig:read-from names; PRIMARY for NULL. */
GredisReadFrom _gredis_read_from_parse (const char *text);

/* Whether candidate @index may serve reads (a healthy replica). */
typedef gboolean (*GredisReaderFilter)  (guint    index,
                                         gpointer user_data);
/* The round-trip time of candidate @index in µs, negative when unknown. */
typedef gint64   (*GredisReaderLatency) (guint    index,
                                         gpointer user_data);

/*
 * _gredis_read_policy_choose:
 * @policy: the read policy
 * @n_candidates: how many candidates there are, healthy or not
 * @serves: which candidates may serve reads
 * @latency: (nullable): for `nearest`
 * @primary_rtt: for `nearest`: the primary's round-trip time in µs,
 *   negative when unknown
 * @turn: (inout): the round-robin counter of `replicas`, updated
 *   atomically
 *
 * Applies @policy to the candidates, without allocating: `primary` and a
 * policy with no healthy candidate choose the primary; `prefer-replica`
 * the first healthy candidate; `replicas` the healthy ones in turn;
 * `nearest` the lowest known time, unknown times losing to the primary.
 *
 * Returns: the index of the chosen candidate, or -1 for the primary
 */
gint _gredis_read_policy_choose (GredisReadFrom       policy,
                                 guint                n_candidates,
                                 GredisReaderFilter   serves,
                                 GredisReaderLatency  latency,
                                 gint64               primary_rtt,
                                 guint               *turn,
                                 gpointer             user_data);

/* A server to measure: where it is announced (the key its time is
 * stored under) and where it is reached. */
typedef struct {
  char *host;
  guint16 port;
  char *reach_host;
  guint16 reach_port;
  gint64 rtt_us;              /* out: negative when it did not answer */
} GredisLatencyProbe;

void _gredis_latency_probe_free (gpointer probe);

/* Measures, in a thread of its own, the round-trip time of each of
 * @probes (of GredisLatencyProbe, taken): a connection made from
 * @config, then the best of three PINGs once it is ready. @done is
 * called in that thread with the probes and @user_data, and must not
 * block. */
void _gredis_latency_probe_run (GredisConfig  *config,
                                GPtrArray     *probes,
                                GFunc          done,
                                gpointer       user_data);

G_END_DECLS
