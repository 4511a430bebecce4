#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Persisted sends into one busy group, measured side by side (docs/benchmarks.md, "Sends into
# one busy group"): one throwaway PostgreSQL cluster with pg_stat_statements, then for each
# round and each server binary given (alternating, so both see the same box): pgbench's
# 8-client single-row insert (the reference of `make bench`), then `natter-load throughput
# --groups 1 --window 8` against a fresh server process. Prints one line per measurement:
# acked sends/s, its ratio to the pgbench insert just before it, server and PostgreSQL CPU per
# acked send (/proc/<pid>/stat of the server and of every PostgreSQL process), and from
# pg_stat_statements the statements per batch and the rows (sends) per batch.
#   bash scripts/bench-sends.sh [build] [server binary...]
# BENCH_ROUNDS (2), BENCH_SECONDS (8), BENCH_GROUPS (1), BENCH_WINDOW (8).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
. "$root/scripts/lib-bench.sh"
build=$(cd "${1:-${BUILD_DIR:-$root/build}}" && pwd)
shift || true
servers=("$@")
((${#servers[@]})) || servers=("$build/server/natter-server")
load=$build/tests/bench/natter-load
seconds=${BENCH_SECONDS:-8}
rounds=${BENCH_ROUNDS:-2}
groups=${BENCH_GROUPS:-1}
window=${BENCH_WINDOW:-8}
bin=$(pg_bindir)
ulimit -n "$(ulimit -Hn)"
natter_workspace natter-sends
key=$(natter_signing_key)
psql_() { "$bin/psql" -h "$work/socket" -U postgres -d natter -Atqc "$1"; }

# pg_stat_statements needs a restart to load; room for every statement text of a run, so that
# no entry (and its counts) is evicted inside a window.
psql_ "ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'"
echo "pg_stat_statements.max = 20000" >>"$work/data/postgresql.conf"
pg_cluster_stop "$work/data"
pg_cluster_start "$work/data" "$work/socket"
psql_ "CREATE EXTENSION IF NOT EXISTS pg_stat_statements"

# CPU seconds (user + system) of the PostgreSQL postmaster and all its children, those that
# ended included (the postmaster reaps them: its cutime and cstime), so it only grows.
pg_cpu() {
    local master
    master=$(head -n 1 "$work/data/postmaster.pid")
    awk -v m="$master" -v hz="$(getconf CLK_TCK)" '
        { sub(/^.*\) /, "") }
        FILENAME ~ "/" m "/stat$" { t += $12 + $13 + $14 + $15 }
        $2 == m { t += $12 + $13 }
        END { printf "%.3f", t / hz }' /proc/[0-9]*/stat 2>/dev/null
}

# "time pg_cpu batches sends statements batch_ms server_cpu": what a window is measured by.
# Batches are the calls of the batch statement (it inserts from unnest(...)), sends its rows;
# statements counts it with BEGIN, COMMIT and pg_notify (which the batch path used to send).
snapshot() {
    local t cpu stats
    t=$(date +%s.%N)
    cpu=$(pg_cpu)
    stats=$(psql_ "SELECT coalesce(sum(calls) FILTER (WHERE query LIKE '%unnest(%'), 0),
            coalesce(sum(rows) FILTER (WHERE query LIKE '%unnest(%'), 0),
            coalesce(sum(calls) FILTER (WHERE query LIKE '%unnest(%'
                OR query LIKE '%pg_notify%' OR query IN ('BEGIN', 'COMMIT')), 0),
            coalesce(sum(total_exec_time) FILTER (WHERE query LIKE '%unnest(%'), 0)
            FROM pg_stat_statements" | tr '|' ' ')
    echo "$t $cpu $stats $(awk -v hz="$(getconf CLK_TCK)" '{ sub(/^.*\) /, ""); print ($12 + $13) / hz }' "/proc/$server_pid/stat")"
}

start() {
    DATABASE_URL="$database" NATTER_LISTEN=127.0.0.1:0 NATTER_JWT_SIGNING_KEY="$key" \
        NATTER_RATE_LIMITS=off NATTER_DATA_DIR="$work" QT_LOGGING_RULES="natter.http.info=false" \
        start_natter_server "$1" "$work/server.log"
}

start "${servers[0]}" # migrates the schema
"$load" seed --database "$database" --sockets 1000
natter_servers_stop

pgbench_insert_script "$work/insert.sql"

echo "== $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg); groups $groups, window $window, ${seconds}s"
for round in $(seq "$rounds"); do
    for server in "${servers[@]}"; do
        pgbench=$("$bin/pgbench" -h "$work/socket" -U postgres -n -M prepared -c 8 -j 8 \
            -T "$seconds" -f "$work/insert.sql" natter 2>/dev/null | awk '/^tps/ { print int($3) }')
        start "$server"
        psql_ "SELECT pg_stat_statements_reset()" >/dev/null
        # natter-load connects its sockets first: the window measured here starts once the
        # batches flow and ends before the load stops, so it holds nothing but sends.
        "$load" throughput --url "http://127.0.0.1:$port" --database "$database" --key "$key" \
            --server-pid "$server_pid" --seconds "$((seconds + 8))" --groups "$groups" \
            --window "$window" >"$work/load.json" &
        load_pid=$!
        until [ "$(psql_ "SELECT count(*) FROM pg_stat_statements WHERE query LIKE '%unnest(%'")" != 0 ]; do
            sleep 0.5
        done
        sleep 2
        a=$(snapshot)
        sleep "$seconds"
        b=$(snapshot)
        wait "$load_pid" || echo "natter-load failed ($?)"
        natter_servers_stop
        grep -c '"level":"warning"' "$work/server.log" | sed 's/^/    server warnings: /'
        cp "$work/server.log" "${BENCH_LOG_DIR:-/tmp}/bench-sends-server.log"
        name=${server#"$root/"}
        awk -v round="$round" -v name="$name" -v pgb="$pgbench" -v a="$a" -v b="$b" '
            BEGIN {
                split(a, x, " "); split(b, y, " ")
                t = y[1] - x[1]; rows = y[4] - x[4]; batches = y[3] - x[3]
                statements = y[5] - x[5]; exec_ms = y[6] - x[6]
                rate = rows / t
                if (rows <= 0 || batches <= 0 || y[2] < x[2] || y[7] < x[7]) {
                    # Counters reset or a process gone inside the window: meaningless deltas.
                    printf "round %d %s: invalid window, left out\n", round, name
                    exit
                }
                printf "round %d %s: %.0f sends/s stored, %.2fx pgbench insert (%d/s); " \
                    "server %.1f us/send, postgres %.1f us/send; %d batches, %.1f sends each, " \
                    "%.2f statements each, batch statement %.2f ms each, writer busy %.0f%%\n",
                    round, name, rate, rate / pgb, pgb, (y[7] - x[7]) * 1e6 / rows,
                    (y[2] - x[2]) * 1e6 / rows, batches, rows / batches, statements / batches,
                    exec_ms / batches, 100 * exec_ms / 1000 / t
            }'
        sed 's/^/    natter-load: /' "$work/load.json"
    done
done
