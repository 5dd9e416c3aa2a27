#!/bin/sh
# Builds Gredis and runs every test: a normal build (C, Python and GJS
# tests), then the C tests again under AddressSanitizer and
# UndefinedBehaviorSanitizer, then the core suites in a build with plugins
# linked into the library, then each fuzzer for a few seconds.
# Ends with one line: "N passed, N failed".
#
#   tests/run-all.sh            install what is missing, build, test
#   SKIP_ASAN=1 tests/run-all.sh   skip the sanitizer build
set -u
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"

"$top/tests/install-deps.sh" || { echo "0 passed, 1 failed"; exit 1; }

passed=0
failed=0

count_results () {
  # meson writes one JSON object per test to testlog.json.
  log="$1/meson-logs/testlog.json"
  if [ ! -f "$log" ]; then
    failed=$((failed + 1))
    return
  fi
  p=$(grep -c '"result": "OK"' "$log")
  f=$(grep -Ec '"result": "(FAIL|ERROR|TIMEOUT|UNEXPECTEDPASS)"' "$log")
  s=$(grep -c '"result": "SKIP"' "$log")
  echo "== $1: $p passed, $f failed, $s skipped"
  passed=$((passed + p))
  failed=$((failed + f))
}

run_build () {
  dir=$1; shift
  setup_args="$*"
  if [ ! -d "$dir" ]; then
    meson setup "$dir" $setup_args || { failed=$((failed + 1)); return 1; }
  fi
  meson compile -C "$dir" || { failed=$((failed + 1)); return 1; }
  return 0
}

# 1. The normal build, every test suite.
if run_build _build; then
  meson test -C _build --print-errorlogs --num-processes 2 || true
  count_results _build
fi

# 2. The sanitizer build: the C tests again.
if [ -z "${SKIP_ASAN:-}" ]; then
  if CC=clang run_build _build-asan -Db_sanitize=address,undefined -Db_lundef=false \
        -Dintrospection=disabled -Dfuzzing=true; then
    ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
      meson test -C _build-asan --print-errorlogs --num-processes 2 --no-suite bindings --no-suite cluster --no-suite sentinel \
                 --timeout-multiplier 3 || true
    count_results _build-asan
  fi
fi

# 3. Plugins linked into the library instead of loaded as modules.
if [ -z "${SKIP_BUILTIN:-}" ]; then
  if run_build _build-builtin -Dbuiltin_plugins=tcp,unix,resp3,backoff \
        -Dintrospection=disabled -Dbenchmarks=false; then
    meson test -C _build-builtin --print-errorlogs --num-processes 2 \
               --suite core --suite backoff --suite config --suite parser || true
    count_results _build-builtin
  fi
fi

# 4. The fuzzers, briefly, seeded from the corpora.
if [ -z "${SKIP_FUZZ:-}" ] && [ -x "$top/fuzz/run-fuzzers.sh" ] && [ -d _build-asan ]; then
  if "$top/fuzz/run-fuzzers.sh" "${FUZZ_SECONDS:-10}" "$top/_build-asan" \
       > _build-asan/fuzz.log 2>&1; then
    grep -E '^== |stat::number_of_executed_units' _build-asan/fuzz.log
    passed=$((passed + 1)); echo "== fuzzers: passed"
  else
    tail -n 60 _build-asan/fuzz.log
    failed=$((failed + 1)); echo "== fuzzers: FAILED (log in _build-asan/fuzz.log)"
  fi
fi

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
