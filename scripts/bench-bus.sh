#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The NATS event bus against PostgreSQL's NOTIFY, side by side in one run: two natter-server
# processes on one throwaway database, each loaded by its own natter-load running the fan-out
# scenario of scripts/bench.sh (1,000 sockets in 100 groups of 10, one sender per group) at
# the same time. The same users connect to both processes, so every message reaches 10 sockets
# on its own process and 10 on the other, through the bus: each natter-load counts the
# deliveries of both loads' messages (same phase tag), so `deliveries` is about twice its
# `expected`. Once with NOTIFY, once with NATTER_BUS_URL on a nats-server started here.
# BENCH_RATE (messages/s per process, default 500), BENCH_SECONDS (default 6) and BENCH_ROUNDS
# (default 2, alternating the buses) set the load;
# the box may be busy, so read the two rows as a ratio, not as absolute figures.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
build=$(cd "${1:-${BUILD_DIR:-$root/build}}" && pwd)
server_bin=${BENCH_SERVER:-$build/server/natter-server}
load=$build/tests/bench/natter-load
seconds=${BENCH_SECONDS:-6}
rate=${BENCH_RATE:-500}
ulimit -n "$(ulimit -Hn)"
natter_workspace natter-bench-bus
key=$(natter_signing_key)
second_pid=""
nats_pid=""
cleanup_bus() {
    for pid in $second_pid $nats_pid; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    natter_workspace_remove
}
trap cleanup_bus EXIT INT TERM

start_pair() { # bus-url-or-empty
    local first_port
    DATABASE_URL="$database" NATTER_LISTEN=127.0.0.1:0 NATTER_JWT_SIGNING_KEY="$key" \
        NATTER_RATE_LIMITS=off NATTER_DATA_DIR="$work" NATTER_METRICS_LISTEN=off \
        NATTER_BUS_URL="$1" QT_LOGGING_RULES="natter.http.info=false" \
        start_natter_server "$server_bin" "$work/second.log"
    second_pid=$server_pid second_port=$port
    DATABASE_URL="$database" NATTER_LISTEN=127.0.0.1:0 NATTER_JWT_SIGNING_KEY="$key" \
        NATTER_RATE_LIMITS=off NATTER_DATA_DIR="$work" NATTER_METRICS_LISTEN=off \
        NATTER_BUS_URL="$1" QT_LOGGING_RULES="natter.http.info=false" \
        start_natter_server "$server_bin" "$work/first.log"
}
stop_pair() { # BENCH_LOG_DIR keeps the servers' logs
    [ -n "${BENCH_LOG_DIR:-}" ] && cp "$work/first.log" "$work/second.log" "$BENCH_LOG_DIR/" \
        && for f in first second; do mv "$BENCH_LOG_DIR/$f.log" "$BENCH_LOG_DIR/$f-$1.log"; done
    for pid in $server_pid $second_pid; do kill "$pid" 2>/dev/null && wait "$pid" 2>/dev/null; done
    server_pid="" second_pid=""
}
run_fanout() { # label: one natter-load per process, started together
    local p loads=()
    for p in "$port:$server_pid:first" "$second_port:$second_pid:second"; do
        IFS=: read -r lport lpid name <<<"$p"
        "$load" --url "http://127.0.0.1:$lport" --database "$database" --key "$key" \
            --server-pid "$lpid" --seconds "$seconds" --rates "$rate" fanout |
            sed "s/^{/{\"bus\":\"$1\",\"process\":\"$name\",/" &
        loads+=($!)
    done
    wait "${loads[@]}"
}

# CPU time in clock ticks (user + system) of the given processes so far.
cpu_ticks() {
    local pid total=0
    for pid in "$@"; do
        [ -r "/proc/$pid/stat" ] || continue
        total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{ print $12 + $13 }')))
    done
    echo "$total"
}
# The database's processes: the postmaster and its children (the servers' backends).
pg_pids() {
    local postmaster
    postmaster=$(head -1 "$work/data/postmaster.pid")
    echo "$postmaster" $(ps -o pid= --ppid "$postmaster")
}
# One row per bus: the two loads' figures, then the CPU every party used for the whole run
# (connects included, the same in both), per message sent: server processes, PostgreSQL,
# nats-server. Work counted, so it holds on a busy box where latencies do not.
measure() { # label
    local ticks=$(getconf CLK_TCK) servers0 pg0 nats0
    servers0=$(cpu_ticks "$server_pid" "$second_pid")
    pg0=$(cpu_ticks $(pg_pids))
    nats0=$(cpu_ticks $nats_pid)
    run_fanout "$1"
    printf '{"bus":"%s","cpu_ticks_per_s":%s,"servers_cpu_ticks":%s,"postgres_cpu_ticks":%s,"nats_cpu_ticks":%s}\n' \
        "$1" "$ticks" "$(($(cpu_ticks "$server_pid" "$second_pid") - servers0))" \
        "$(($(cpu_ticks $(pg_pids)) - pg0))" "$(($(cpu_ticks $nats_pid) - nats0))"
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
start_pair ""
"$load" seed --database "$database" --sockets 1000
stop_pair seed
nats-server -a 127.0.0.1 -p -1 >"$work/nats.log" 2>&1 &
nats_pid=$!
nats_port=""
for _ in $(seq 100); do
    nats_port=$(grep -o 'client connections on 127.0.0.1:[0-9]*' "$work/nats.log" | cut -d: -f2 || true)
    [ -n "$nats_port" ] && break
    sleep 0.1
done
# Alternating rounds, so a change in the box's other load hits both buses alike.
for round in $(seq "${BENCH_ROUNDS:-2}"); do
    echo "== round $round: two processes, PostgreSQL NOTIFY"
    start_pair ""
    measure postgres
    stop_pair "postgres-$round"
    echo "== round $round: two processes, NATS bus (nats-server on port $nats_port)"
    start_pair "nats://127.0.0.1:$nats_port"
    measure nats
    stop_pair "nats-$round"
done
