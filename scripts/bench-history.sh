#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The history scenario of scripts/bench.sh alone, for comparing server binaries side by side:
# one throwaway cluster seeded once, then BENCH_ROUNDS rounds in which every given server binary
# in turn serves `natter-load history --clients 8` on that same database (a fresh process each
# time), followed by pgbench running the server's own page statement at 8 clients. Prints one
# line per run: pages/s and p99; the server's CPU per page (all its threads, from
# /proc/<pid>/task/*/schedstat: exact, where /proc/<pid>/stat counts 10 ms ticks) and
# PostgreSQL's (its processes' growth over the run); the ratio to pgbench; PostgreSQL's CPU
# per pgbench statement. CPU per page holds still on a busy box where rates do not.
# docs/benchmarks.md, "History page: the server's path".
#
#   nice -n 19 bash scripts/bench-history.sh build [old/natter-server new/natter-server ...]
#
# BENCH_SECONDS (6) per run, BENCH_ROUNDS (3). BENCH_LOAD another natter-load. BENCH_PERF=DIR
# also records `perf record -g` of each run's server into DIR/<round>-<n>.data
# (BENCH_PERF_ARGS instead of -g; on a VM without hardware counters a fixed period samples
# steadily: "-e cpu-clock -c 200000 --call-graph dwarf,16384"). BENCH_STATEMENTS=1 logs every
# statement PostgreSQL receives during one more short run per binary and counts them per page.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
build=$(cd "${1:-${BUILD_DIR:-$root/build}}" && pwd)
shift || true
servers=("$@")
((${#servers[@]})) || servers=("$build/server/natter-server")
load=${BENCH_LOAD:-$build/tests/bench/natter-load}
seconds=${BENCH_SECONDS:-6}
rounds=${BENCH_ROUNDS:-3}
psql_bin=$(pg_bindir)/psql
natter_workspace natter-bench-history
key=$(natter_signing_key)

serve() { # binary
    DATABASE_URL="$database" NATTER_LISTEN=127.0.0.1:0 NATTER_JWT_SIGNING_KEY="$key" \
        NATTER_RATE_LIMITS=off NATTER_DATA_DIR="$work" QT_LOGGING_RULES="natter.http.info=false" \
        start_natter_server "$1" "$work/server.log"
}
sql() { "$psql_bin" -h "$work/socket" -U postgres -d natter -Atc "$1"; }

serve "${servers[0]}" # migrates the schema
"$load" seed --database "$database" --sockets 1000
natter_servers_stop
"$load" history-statement >"$work/page.sql"
page_args=(-D "viewer=$(sql "SELECT md5('nb-u-1')::uuid")" -D "conversation=$(sql "SELECT md5('nb-h')::uuid")")
# pgbench on the page statement for BENCH_SECONDS + 10 s (room for a starved box's slow
# connects and snapshots): prints "STATEMENTS_PER_S PG_MS" where
# PG_MS is PostgreSQL's CPU per statement, read from two snapshots while it runs (its
# backends end with it) against the statements its progress lines count between them.
pgbench_page() {
    local start bg first second from to statements
    start=$(date +%s.%N)
    "$(pg_bindir)/pgbench" -h "$work/socket" -U postgres -n -M prepared -c 8 -j 8 \
        -T "$((seconds + 10))" -P 1 "${page_args[@]}" -f "$work/page.sql" natter \
        >"$work/pgbench.out" 2>&1 &
    bg=$!
    sleep 2
    from=$(awk -v s="$start" -v t="$(date +%s.%N)" 'BEGIN { print t - s }')
    first=$(pg_cpu_snapshot)
    sleep "$seconds"
    to=$(awk -v s="$start" -v t="$(date +%s.%N)" 'BEGIN { print t - s }')
    second=$(pg_cpu_snapshot)
    wait "$bg"
    statements=$(awk -v a="$from" -v b="$to" '/^progress: / { t = $2 + 0
        if (t > a + 0.5 && t <= b + 0.5) sum += $4 } END { printf "%.0f", sum }' "$work/pgbench.out")
    awk -v n="$statements" -v s="$(awk -v a="$from" -v b="$to" 'BEGIN { print b - a }')" \
        -v ns="$(pg_cpu_delta "$first" "$second")" \
        'BEGIN { printf "%.0f %.3f", n / s, n ? ns / 1e6 / n : 0 }'
}

# CPU time of every thread of a process in nanoseconds (schedstat: exact, where /proc/PID/stat
# counts 10 ms ticks, too coarse for a few hundred pages on a loaded box).
cpu_ns() {
    cat /proc/"$1"/task/*/schedstat 2>/dev/null | awk '{ sum += $1 } END { printf "%.0f", sum }'
}
# The same for PostgreSQL, per process: "pid ns" for each of the postmaster's children (the
# server's backends among them). pg_cpu_delta BEFORE AFTER sums each process's growth, a
# process born in between counted whole and one that ended (an autovacuum worker) left out.
pg_cpu_snapshot() {
    local postmaster child
    postmaster=$(head -n 1 "$work/data/postmaster.pid")
    for child in $(pgrep -P "$postmaster"); do
        echo "$child $(cpu_ns "$child")"
    done
}
pg_cpu_delta() {
    awk 'FILENAME == ARGV[1] { before[$1] = $2; next } { sum += $2 - before[$1] }
        END { printf "%.0f", sum }' <(echo "$1") <(echo "$2")
}

run_history() { # binary label
    serve "$1"
    sleep 1
    local perf_pid=""
    if [ -n "${BENCH_PERF:-}" ]; then
        mkdir -p "$BENCH_PERF"
        perf record ${BENCH_PERF_ARGS:--g} -o "$BENCH_PERF/$2.data" -p "$server_pid" -- sleep "$seconds" \
            >/dev/null 2>&1 &
        perf_pid=$!
    fi
    local result cpu_before pg_before
    cpu_before=$(cpu_ns "$server_pid")
    pg_before=$(pg_cpu_snapshot)
    result=$("$load" --url "http://127.0.0.1:$port" --database "$database" --key "$key" \
        --server-pid "$server_pid" --seconds "$seconds" history --clients 8)
    local server_ns=$(($(cpu_ns "$server_pid") - cpu_before)) pg_ns=$(pg_cpu_delta "$pg_before" "$(pg_cpu_snapshot)")
    echo "$result" | sed "s/}\$/,\"server_cpu_ns\":$server_ns,\"postgres_cpu_ns\":$pg_ns}/"
    [ -n "$perf_pid" ] && wait "$perf_pid"
    natter_servers_stop
}

echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for round in $(seq "$rounds"); do
    for n in "${!servers[@]}"; do
        loadavg=$(cut -d' ' -f1 /proc/loadavg)
        result=$(run_history "${servers[$n]}" "$round-$n")
        read -r page page_pg_ms <<<"$(pgbench_page)"
        echo "$result" | awk -v bin="${servers[$n]}" -v s="$seconds" -v pg="$page" -v pgms="$page_pg_ms" -v l="$loadavg" '
            { match($0, /"pages":[0-9]+/); pages = substr($0, RSTART + 8, RLENGTH - 8)
              match($0, /"server_cpu_ns":[0-9]+/); ns = substr($0, RSTART + 16, RLENGTH - 16)
              match($0, /"postgres_cpu_ns":[0-9]+/); pgns = substr($0, RSTART + 18, RLENGTH - 18)
              match($0, /"p99_ms":[0-9.]+/); p99 = substr($0, RSTART + 9, RLENGTH - 9)
              printf "%s load %s: %.0f pages/s, p99 %s ms, server CPU %.3f ms/page, PostgreSQL %.3f ms/page, pgbench page statement %s/s (%.2fx; PostgreSQL %s ms per statement)\n",
                  bin, l, pages / s, p99, ns / 1e6 / pages, pgns / 1e6 / pages, pg, (pages / s) / pg, pgms }'
        echo "  $result"
    done
done

if [ "${BENCH_STATEMENTS:-0}" = 1 ]; then
    for n in "${!servers[@]}"; do
        sql "ALTER SYSTEM SET log_statement = 'all'" >/dev/null
        sql "SELECT pg_reload_conf()" >/dev/null
        before=$(wc -l <"$work/data/server.log")
        result=$(BENCH_PERF="" seconds=2 run_history "${servers[$n]}" statements-$n)
        sql "ALTER SYSTEM RESET log_statement" >/dev/null
        sql "SELECT pg_reload_conf()" >/dev/null
        pages=$(echo "$result" | grep -o '"pages":[0-9]*' | cut -d: -f2)
        tail -n +"$((before + 1))" "$work/data/server.log" >"$work/statements-$n.log"
        statements=$(grep -c 'LOG:  \(statement\|execute\)' "$work/statements-$n.log" || true)
        echo "${servers[$n]}: $statements statements logged for $pages pages"
        sed -n 's/.*LOG:  \(statement\|execute [^:]*\): \(.\{0,40\}\).*/\1: \2/p' \
            "$work/statements-$n.log" | sed 's/qpsqlpstmt_[0-9a-f]*/qpsqlpstmt_N/g; s/ *(.*//' |
            sort | uniq -c | sort -rn | head -8
    done
fi
