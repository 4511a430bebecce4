#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The RAM and disk budget of docs/deploy.md, measured: a PostgreSQL cluster with its stock
# settings (fsync on, as on a VM), natter-server processes as the package runs them (two,
# 8081/8082-style, on one database), idle and then under natter-bench-server. PostgreSQL is
# counted as the sum of PSS of all its processes (shared buffers counted once, not per
# backend); natter-server as RSS (and its peak, VmHWM).
#   bash scripts/measure-footprint.sh [--users 200 --senders 20 --messages 20000]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
build=${BUILD_DIR:-$root/build}
processes=${PROCESSES:-2}
bench_args=("$@")
[ "${#bench_args[@]}" -gt 0 ] || bench_args=(--users 200 --senders 20 --messages 20000)

kib_of() { awk -v key="$1" '$1 == key":" { print $2 }' "$2" 2>/dev/null || echo 0; }
# Our postmaster and its children (backends, checkpointer, WAL writer, ...).
postgres_pss_kib() {
    local total=0 pid
    for pid in "$postmaster" $(pgrep -P "$postmaster" || true); do
        total=$((total + $(kib_of Pss "/proc/$pid/smaps_rollup")))
    done
    echo "$total"
}
server_rss_kib() {
    local total=0 pid
    for pid in $server_pids; do total=$((total + $(kib_of VmRSS "/proc/$pid/status"))); done
    echo "$total"
}
mib() { awk -v k="$1" 'BEGIN { printf "%.0f MiB", k / 1024 }'; }

natter_workspace natter-footprint
postmaster=$(head -n 1 "$work/data/postmaster.pid")
# Each process on a port of its own, as the package runs them (natter@8081, natter@8082).
for i in $(seq "$processes"); do
    DATABASE_URL="$database" NATTER_LISTEN=127.0.0.1:0 NATTER_DEV_LOGIN=1 NATTER_DATA_DIR="$work" \
        QT_LOGGING_RULES="natter.http.info=false" \
        start_natter_server "$build/server/natter-server" "$work/server$i.log"
    if ((i == 1)); then first_port=$port; fi
done
sleep 5
empty_bytes=$(psql -h "$work/socket" -U postgres -d natter -XAtc "SELECT pg_database_size('natter')")
echo "machine: $(uname -m), $(nproc) cores; natter-server processes: $processes"
echo "idle: natter-server $(mib "$(server_rss_kib)") RSS in all; PostgreSQL $(mib "$(postgres_pss_kib)") PSS"

(
    while sleep 0.5; do postgres_pss_kib; done >"$work/pg-samples"
) &
sampler=$!
"$build/tests/bench/natter-bench-server" --url "http://127.0.0.1:$first_port" "${bench_args[@]}" >"$work/bench.out" 2>&1 ||
    { cat "$work/bench.out"; exit 1; }
under_load_server=$(server_rss_kib)
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
peak_pg=$(sort -n "$work/pg-samples" | tail -n 1)
peak_server=0
for pid in $server_pids; do peak_server=$((peak_server + $(kib_of VmHWM "/proc/$pid/status"))); done
cat "$work/bench.out"
echo "loaded (${bench_args[*]}): natter-server $(mib "$under_load_server") RSS after, $(mib "$peak_server") peak; PostgreSQL $(mib "$peak_pg") PSS peak"
messages=$(psql -h "$work/socket" -U postgres -d natter -XAtc "SELECT count(*) FROM messages")
bytes=$(psql -h "$work/socket" -U postgres -d natter -XAtc "SELECT pg_database_size('natter')")
dump=$(pg_dump -h "$work/socket" -U postgres -Fc natter | wc -c)
echo "backup: the dump (pg_dump -Fc) is $((dump / 1024)) KiB"
echo "disk: database $((bytes / 1024 / 1024)) MiB for $messages messages ($((empty_bytes / 1024 / 1024)) MiB empty: $(((bytes - empty_bytes) / messages)) bytes a message with its indexes)"
