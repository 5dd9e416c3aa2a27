#!/bin/sh
# Builds the libFuzzer targets with clang, ASan and UBSan, then runs each
# for SECONDS seconds, seeded from the parser corpora.
#
#   fuzz/run-fuzzers.sh [SECONDS] [BUILD_DIR] [TARGET...]
#
# Defaults: 10 seconds, build-fuzz in the source tree, every target. New
# inputs are kept in BUILD_DIR/fuzz-corpus/<target>, so later runs start
# from what earlier ones found. A crash stops the script with the
# reproducer in BUILD_DIR/fuzz-artifacts/.
set -eu

seconds=${1:-10}
src=$(cd "$(dirname "$0")/.." && pwd)
build=${2:-$src/build-fuzz}
[ $# -gt 0 ] && shift
[ $# -gt 0 ] && shift

if [ ! -f "$build/build.ninja" ]; then
  CC=clang meson setup "$build" "$src" \
    -Dfuzzing=true -Db_sanitize=address,undefined -Db_lundef=false \
    -Dintrospection=disabled -Dbenchmarks=false
fi
ninja -C "$build" fuzzers

seeds="$build/fuzz-seeds"
rm -rf "$seeds"
/usr/bin/python3 "$src/fuzz/make-seeds.py" "$src" "$seeds"

targets="$*"
if [ -z "$targets" ]; then
  for t in "$build"/fuzz/fuzz-*; do
    [ -x "$t" ] && [ -f "$t" ] && targets="$targets $(basename "$t")"
  done
fi

export ASAN_OPTIONS="detect_leaks=1:abort_on_error=1:allocator_may_return_null=1"
export UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1"
export LSAN_OPTIONS="suppressions=$src/tests/lsan.supp"

mkdir -p "$build/fuzz-artifacts"
for t in $targets; do
  corpus="$build/fuzz-corpus/$t"
  mkdir -p "$corpus" "$seeds/$t"
  echo "== $t: $seconds s"
  "$build/fuzz/$t" -max_total_time="$seconds" -max_len=65536 -timeout=20 \
    -rss_limit_mb=4096 -print_final_stats=1 \
    -artifact_prefix="$build/fuzz-artifacts/$t-" \
    "$corpus" "$seeds/$t"
done
