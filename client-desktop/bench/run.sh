#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Desktop benchmark (docs/benchmarks.md): seeds a data folder, then starts the app RUNS times
# under Xvfb (a real X window, Mesa's software OpenGL) and once per other backend, printing
# one JSON line per run. Usage: client-desktop/bench/run.sh [build-dir] [runs]
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$root/build}" && pwd)
runs=${2:-5}
bench="$build/client-desktop/natter-bench"
data=$(mktemp -d /tmp/natter-bench.XXXXXX)
trap 'rm -rf "$data"' EXIT
"$bench" seed "$data" >/dev/null
export NATTER_KEYCHAIN=off
run() {
    env "$@" xvfb-run -a -s "-screen 0 1280x800x24" "$bench" run "$data" 2>/dev/null | tail -1
}
echo "# machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), load $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq "$runs"); do
    echo "xcb+opengl $(run QT_QPA_PLATFORM=xcb)"
done
echo "xcb+software $(run QT_QPA_PLATFORM=xcb QT_QUICK_BACKEND=software)"
