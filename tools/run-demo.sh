#!/bin/sh
# Builds Gredis and runs the demo: it starts a throwaway redis-server on a
# Unix socket in a temporary directory, talks to it through the client,
# prints what it does, and stops the server.
set -eu
top=$(cd "$(dirname "$0")/.." && pwd)
cd "$top"
"$top/tests/install-deps.sh"
[ -d _build ] || meson setup _build >/dev/null
meson compile -C _build >/dev/null
GREDIS_PLUGIN_PATH="$top/_build/plugins" exec "$top/_build/tools/gredis-demo" "$@"
