#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Two server binaries side by side (docs/benchmarks.md, "Our own WebSocket layer"): the same
# natter-load scenarios back to back against one throwaway PostgreSQL: memory per idle
# authenticated socket and heartbeat CPU at BENCH_IDLE sockets (a fresh process each), then
# server CPU per delivery at one fixed fan-out rate (BENCH_RATE messages/s to 1,000 sockets in
# groups of 10), the binaries alternated BENCH_ROUNDS times. Counted work, so it can run on a
# busy machine; run it under `nice -n 19` there.
#   scripts/bench-ws.sh OLD_SERVER NEW_SERVER [build dir with tests/bench/natter-load]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
old=$1
new=$2
build=$(cd "${3:-${BUILD_DIR:-$root/build}}" && pwd)
load=$build/tests/bench/natter-load
idle_sockets=${BENCH_IDLE:-10000}
idle_seconds=${BENCH_IDLE_SECONDS:-35}
rate=${BENCH_RATE:-1000}
seconds=${BENCH_SECONDS:-8}
rounds=${BENCH_ROUNDS:-2}
ulimit -n "$(ulimit -Hn)"
natter_workspace natter-bench-ws
key=$(natter_signing_key)

start() {
    DATABASE_URL="$database" NATTER_LISTEN=127.0.0.1:0 NATTER_JWT_SIGNING_KEY="$key" \
        NATTER_RATE_LIMITS=off NATTER_DATA_DIR="$work" QT_LOGGING_RULES="natter.http.info=false" \
        start_natter_server "$1" "$work/server.log"
}
# run NAME SCENARIO ARGS...: one natter-load scenario, its JSON line tagged with the binary.
run() {
    local name=$1
    shift
    "$load" --url "http://127.0.0.1:$port" --database "$database" --key "$key" \
        --server-pid "$server_pid" --seconds "$seconds" "$@" | sed "s/^{/{\"server\":\"$name\",/"
}
binary() { if [ "$1" = old ]; then echo "$old"; else echo "$new"; fi; }

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start "$old" # migrates the schema
"$load" seed --database "$database" --sockets "$idle_sockets"
natter_servers_stop
for name in old new; do
    start "$(binary $name)"
    sleep 2
    run $name idle --sockets "$idle_sockets" --seconds "$idle_seconds" --threads 2 || true
    natter_servers_stop
done
for _ in $(seq "$rounds"); do
    for name in old new; do
        start "$(binary $name)"
        run $name fanout --rates "$rate"
        natter_servers_stop
    done
done
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
