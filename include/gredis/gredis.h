/* gredis.h: the one header to include
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#define __GREDIS_H_INSIDE__

#include <gredis/gredis-version.h>
#include <gredis/gredis-version-macros.h>
#include <gredis/gredis-enum-types.h>
#include <gredis/gredis-error.h>
#include <gredis/gredis-reply.h>
#include <gredis/gredis-reply-builder.h>
#include <gredis/gredis-reply-types.h>
#include <gredis/gredis-encoder.h>
#include <gredis/gredis-command-table.h>
#include <gredis/gredis-plugin.h>
#include <gredis/gredis-transport.h>
#include <gredis/gredis-parser.h>
#include <gredis/gredis-backoff-policy.h>
#include <gredis/gredis-retry.h>
#include <gredis/gredis-config.h>
#include <gredis/gredis-connection.h>
#include <gredis/gredis-pool.h>
#include <gredis/gredis-observer.h>
#include <gredis/gredis-client.h>
#include <gredis/gredis-commands.h>
#include <gredis/gredis-lock.h>
#include <gredis/gredis-scan-enumerator.h>
#include <gredis/gredis-stream-consumer.h>
#include <gredis/gredis-script.h>
#include <gredis/gredis-pipeline.h>
#include <gredis/gredis-pubsub.h>

#undef __GREDIS_H_INSIDE__
