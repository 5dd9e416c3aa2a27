/* config-test-common.h: what the configuration tests share
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#include <gredis/gredis.h>

G_BEGIN_DECLS

typedef enum {
  CONFIG_TEST_VERIFY_NONE,
  CONFIG_TEST_VERIFY_OPTIONAL,
  CONFIG_TEST_VERIFY_REQUIRED,
} ConfigTestVerify;

#define CONFIG_TEST_TYPE_VERIFY (config_test_verify_get_type ())
GType config_test_verify_get_type (void);

/* A transport with the options of the real ones; connecting always
 * fails with G_IO_ERROR_NOT_SUPPORTED. tls-verify is an enum here, to
 * test conversions; tls-ciphers is construct-only, to test that such
 * properties are left alone. */
#define CONFIG_TEST_TYPE_TRANSPORT (config_test_transport_get_type ())
G_DECLARE_FINAL_TYPE (ConfigTestTransport, config_test_transport, CONFIG_TEST, TRANSPORT, GObject)

/* A parser that understands nothing but has the parser's properties; its
 * "max-protocol" property says which protocols set_protocol() accepts. */
#define CONFIG_TEST_TYPE_PARSER (config_test_parser_get_type ())
G_DECLARE_FINAL_TYPE (ConfigTestParser, config_test_parser, CONFIG_TEST, PARSER, GObject)

/* A backoff policy with base and cap in microseconds: compute() is
 * min (cap, base · failures). */
#define CONFIG_TEST_TYPE_BACKOFF (config_test_backoff_get_type ())
G_DECLARE_FINAL_TYPE (ConfigTestBackoff, config_test_backoff, CONFIG_TEST, BACKOFF, GObject)

/* A pool that never has a connection to give; it has the pool options
 * as properties, "max-connections" with a range of 1 to 8. */
#define CONFIG_TEST_TYPE_POOL (config_test_pool_get_type ())
G_DECLARE_FINAL_TYPE (ConfigTestPool, config_test_pool, CONFIG_TEST, POOL, GObject)

/* A plain object whose "retries" property is a string, which cannot be
 * converted, with "client-name" (before retries in the option table) and
 * "keepalive" (after it). */
#define CONFIG_TEST_TYPE_ODD (config_test_odd_get_type ())
G_DECLARE_FINAL_TYPE (ConfigTestOdd, config_test_odd, CONFIG_TEST, ODD, GObject)

/* Registers the four types under the names "config-test-transport",
 * "config-test-parser", "config-test-backoff" and "config-test-pool". */
void config_test_plugins_register (void);

/* One example value for every option, different from its default, as
 * text (the spelling of key files and of gredis_config_set_option()). */
typedef struct {
  const char *key;
  const char *value;
} ConfigTestSample;

extern const ConfigTestSample config_test_samples[];
extern const gsize config_test_n_samples;

/* The default of every option, as text. */
extern const ConfigTestSample config_test_defaults[];
extern const gsize config_test_n_defaults;

/* A double in the C locale, as short as it reads back the same: "0.25". */
char *config_test_double_text (double value);

/* A property of a configuration as text: strings as they are ("" for
 * NULL), numbers in decimal (doubles as config_test_double_text()),
 * booleans as "true" or "false". */
char *config_test_property_text (GredisConfig *config,
                                 const char   *key);

/* Checks that every option of @config has the value of the samples,
 * except those in @skip (NULL-terminated, or NULL). */
void config_test_assert_samples (GredisConfig       *config,
                                 const char * const *skip);

/* Records every log message of the process (debug messages included, not
 * printed) so that tests can check what was logged. Call it first. */
void config_test_capture_logs (void);
/* Everything logged since the last call, and forgets it. */
char *config_test_steal_logs (void);

G_END_DECLS
