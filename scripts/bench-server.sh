#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Server benchmark: a throwaway PostgreSQL cluster, one natter-server (or two with
# PROCESSES=2, on one database), and natter-bench-server against it. Prints throughput,
# latency percentiles and the server's peak memory. Arguments go to natter-bench-server.
#   bash scripts/bench-server.sh --users 20 --senders 8 --messages 2000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
build=${BUILD_DIR:-$root/build}
processes=${PROCESSES:-1}
work=$(mktemp -d /tmp/natter-bench.XXXXXX)
chmod 755 "$work"
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pg_cluster_stop "$work/data"
    rm -rf "$work"
}
trap cleanup EXIT

pg_cluster_init "$work/data"
pg_cluster_start "$work/data" "$work/socket"
pg_create_database "$work/socket" natter
for i in $(seq "$processes"); do
    DATABASE_URL="host=$work/socket dbname=natter user=postgres" NATTER_LISTEN=127.0.0.1:$((18180 + i)) \
        NATTER_DEV_LOGIN=1 NATTER_DATA_DIR="$work" \
        QT_LOGGING_RULES="natter.http.info=false" \
        "$build/server/natter-server" serve 2>"$work/server$i.log" &
    pids+=($!)
done
for _ in $(seq 100); do
    curl -fsS http://127.0.0.1:18181/healthz >/dev/null 2>&1 && break
    sleep 0.1
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; processes: $processes"
"$build/tests/bench/natter-bench-server" --url http://127.0.0.1:18181 "$@"
for i in $(seq "$processes"); do
    echo "server $i peak RSS: $(awk '/VmHWM/{print $2, $3}' "/proc/${pids[$((i - 1))]}/status")"
done
