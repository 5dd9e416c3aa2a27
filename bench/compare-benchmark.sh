#!/bin/sh
# gredis-benchmark beside redis-benchmark on one throwaway redis-server,
# with -c 50 -P 16 and -c 1 -P 1, client and server pinned to CPU 0
# (taskset) and unpinned; prints requests per second and their ratio.
# Measures only.
#
#   bench/compare-benchmark.sh BUILDDIR [REQUESTS]
#
# SPDX-License-Identifier: LGPL-2.1-or-later
set -eu

build=${1:?usage: $0 BUILDDIR [REQUESTS]}
n=${2:-200000}
tests=set,get,incr,lpush,mset
dir=$(mktemp -d)
sock=$dir/redis.sock
export GREDIS_PLUGIN_PATH="${GREDIS_PLUGIN_PATH:-$build/plugins}"

run_server () {
  $1 redis-server --port 0 --unixsocket "$sock" --save "" --appendonly no --dir "$dir" >/dev/null &
  pid=$!
  i=0
  while [ ! -S "$sock" ] && [ $i -lt 500 ]; do sleep 0.01; i=$((i + 1)); done
}

stop_server () {
  kill "$pid"
  wait "$pid" 2>/dev/null || true
  rm -f "$sock"
}

trap 'kill "$pid" 2>/dev/null || true; rm -rf "$dir"' EXIT

for placement in pinned unpinned; do
  if [ $placement = pinned ]; then pin="taskset -c 0"; else pin=""; fi
  run_server "$pin"
  for shape in "-c 50 -P 16" "-c 1 -P 1"; do
    echo "== $placement, $shape, -n $n"
    # shellcheck disable=SC2086
    $pin redis-benchmark -s "$sock" -n "$n" $shape -t $tests --csv > "$dir/redis.csv"
    # shellcheck disable=SC2086
    $pin "$build/tools/gredis-benchmark" -s "$sock" -n "$n" $shape -t $tests --csv > "$dir/gredis.csv"
    printf '%-16s %14s %14s %7s\n' test redis-benchmark gredis ratio
    tail -n +2 "$dir/gredis.csv" | while IFS=, read -r name rps rest; do
      theirs=$(grep -F "$name," "$dir/redis.csv" | head -n 1 | cut -d, -f2 | tr -d '"')
      ours=$(echo "$rps" | tr -d '"')
      [ -n "$theirs" ] || continue
      printf '%-16s %14s %14s %7.2f\n' "$(echo "$name" | tr -d '"')" "$theirs" "$ours" \
        "$(echo "$ours / $theirs" | bc -l)"
    done
  done
  stop_server
done
