/* gredis-version-macros.h: symbol visibility and availability macros
 *
 * SPDX-License-Identifier: LGPL-2.1-or-later
 */
#pragma once

#if !defined(__GREDIS_H_INSIDE__) && !defined(GREDIS_COMPILATION)
#error "Only <gredis/gredis.h> can be included directly."
#endif

#include <glib.h>
#include <gredis/gredis-version.h>

#ifndef _GREDIS_EXTERN
#if defined(_WIN32) && defined(GREDIS_COMPILATION)
#define _GREDIS_EXTERN __declspec(dllexport) extern
#elif defined(__GNUC__) || defined(__clang__)
#define _GREDIS_EXTERN __attribute__((visibility("default"))) extern
#else
#define _GREDIS_EXTERN extern
#endif
#endif

#define GREDIS_VERSION_1_0 (G_ENCODE_VERSION (1, 0))

#ifndef GREDIS_VERSION_MIN_REQUIRED
#define GREDIS_VERSION_MIN_REQUIRED GREDIS_VERSION_1_0
#endif

#ifndef GREDIS_VERSION_MAX_ALLOWED
#define GREDIS_VERSION_MAX_ALLOWED GREDIS_VERSION_1_0
#endif

/**
 * GREDIS_DEPRECATED:
 *
 * Marks a symbol as deprecated: using it warns unless
 * `GREDIS_DISABLE_DEPRECATION_WARNINGS` is defined.
 */
/**
 * GREDIS_DEPRECATED_FOR:
 * @f: the name of the symbol to use instead
 *
 * Marks a symbol as deprecated in favour of @f: using it warns, naming
 * @f, unless `GREDIS_DISABLE_DEPRECATION_WARNINGS` is defined.
 */
#ifdef GREDIS_DISABLE_DEPRECATION_WARNINGS
#define GREDIS_DEPRECATED _GREDIS_EXTERN
#define GREDIS_DEPRECATED_FOR(f) _GREDIS_EXTERN
#else
#define GREDIS_DEPRECATED G_DEPRECATED _GREDIS_EXTERN
#define GREDIS_DEPRECATED_FOR(f) G_DEPRECATED_FOR(f) _GREDIS_EXTERN
#endif

/* Everything public in 0.x is part of the 1.0 API. */
#define GREDIS_AVAILABLE_IN_ALL _GREDIS_EXTERN
#define GREDIS_AVAILABLE_IN_1_0 _GREDIS_EXTERN
