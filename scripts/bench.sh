#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make bench`: the server benchmark of docs/benchmarks.md in one run on this machine.
# A throwaway PostgreSQL cluster (fsync on), pgbench on Natter's own schema for the ceiling,
# then one natter-server (NATTER_RATE_LIMITS=off) loaded by natter-load (tests/bench/load).
# Prints the table and writes it into docs/benchmarks.md between the bench markers
# (BENCH_WRITE_DOCS=0 to only print). BENCH_SCENARIOS picks some of "fanout throughput
# history storm idle" (all by default); BENCH_SECONDS sets each measurement's length;
# BENCH_IDLE lists the idle socket counts ("10000 18000"); BENCH_SERVER another binary;
# BENCH_PROCESSES=2 runs two server processes sharing the port (NATTER_REUSE_PORT=1), their
# CPU and memory summed.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
. "$root/scripts/lib-bench.sh"
build=$(cd "${1:-${BUILD_DIR:-$root/build}}" && pwd)
server_bin=${BENCH_SERVER:-$build/server/natter-server}
load=$build/tests/bench/natter-load
seconds=${BENCH_SECONDS:-8}
idle_counts=${BENCH_IDLE:-10000 18000}
idle_seconds=${BENCH_IDLE_SECONDS:-35}
processes=${BENCH_PROCESSES:-1}
pgbench=$(pg_bindir)/pgbench
ulimit -n "$(ulimit -Hn)"
natter_workspace natter-bench
results=$work/results.jsonl
key=$(natter_signing_key)

# Starts $processes servers on one port (the first picks it); pids lists them for natter-load.
start_server() {
    local listen=127.0.0.1:0 reuse=0 i
    ((processes > 1)) && reuse=1
    for i in $(seq "$processes"); do
        DATABASE_URL="$database" NATTER_LISTEN=$listen NATTER_REUSE_PORT=$reuse \
            NATTER_JWT_SIGNING_KEY="$key" NATTER_RATE_LIMITS=off NATTER_DATA_DIR="$work" \
            QT_LOGGING_RULES="natter.http.info=false" \
            start_natter_server "$server_bin" "$work/server$i.log"
        listen=127.0.0.1:$port
    done
    pids=$(echo $server_pids | tr ' ' ',')
}
run_load() {
    "$load" --url "http://127.0.0.1:$port" --database "$database" --key "$key" \
        --server-pid "$pids" --seconds "$seconds" "$@" | tee -a "$results"
}

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg), $processes server process(es)"
start_server # migrates the schema
"$load" seed --database "$database" --sockets 18000

echo "== pgbench on Natter's schema (the ceiling)"
uuid_of() { # the seed's md5 uuid of a name (benchseed.cpp)
    "$(pg_bindir)/psql" -h "$work/socket" -U postgres -d natter -Atc "SELECT md5('$1')::uuid"
}
pgbench_insert_script "$work/insert.sql"
cat >"$work/history.sql" <<'SQL'
\set b random(51, 10000)
SELECT m.id, m.conversation_id, m.seq, m.sender_id, m.body_text, m.created_at, m.client_msg_id,
  m.withheld_from FROM messages m
WHERE m.conversation_id = md5('nb-h')::uuid AND m.seq < :b
  AND NOT EXISTS (SELECT 1 FROM (SELECT md5('nb-u-1')::uuid AS id) viewer
    WHERE m.withheld_from = viewer.id OR EXISTS (SELECT 1 FROM blocks b
      WHERE b.blocker_id = viewer.id AND b.blocked_id = m.sender_id))
ORDER BY m.seq DESC LIMIT 50;
SQL
# The page statement exactly as the server sends it, with the same parameters (a viewer who
# is a member, the history group, a random cursor, 50): the reference the history aim is
# read against (docs/benchmarks.md). The plain SELECT above stays as the stricter ceiling.
"$load" history-statement >"$work/history-page.sql"
page_args=(-D "viewer=$(uuid_of nb-u-1)" -D "conversation=$(uuid_of nb-h)")
pgb() { # clients script [pgbench arguments]
    "$pgbench" -h "$work/socket" -U postgres -n -M prepared -c "$1" -j "$1" -T "$seconds" \
        "${@:3}" -f "$work/$2" natter 2>/dev/null | awk '/^tps/ { print int($3) }'
}
printf '{"scenario":"pgbench","insert_1":%s,"insert_8":%s,"history_8":%s,"history_page_8":%s}\n' \
    "$(pgb 1 insert.sql)" "$(pgb 8 insert.sql)" "$(pgb 8 history.sql)" \
    "$(pgb 8 history-page.sql "${page_args[@]}")" | tee -a "$results"

echo "== Natter"
scenarios=" ${BENCH_SCENARIOS:-fanout throughput history storm idle} "
[[ $scenarios == *" fanout "* ]] && run_load fanout
if [[ $scenarios == *" throughput "* ]]; then
    run_load throughput --groups 1 --window 8
    run_load throughput --groups 100 --window 4
fi
# The page statement under pgbench again just before and just after Natter's history run: by
# then fan-out and sends have stored a few hundred thousand messages and the checkpoint their
# WAL triggered is still writing them back, so the history aim is read against the database as
# the history run finds it. The ceiling measured at the start stays in the table beside it.
history_reference() { # before|after
    printf '{"scenario":"pgbench_history","when":"%s","history_page_8":%s}\n' \
        "$1" "$(pgb 8 history-page.sql "${page_args[@]}")" | tee -a "$results"
}
if [[ $scenarios == *" history "* ]]; then
    history_reference before
    run_load history --clients 8
    history_reference after
fi
[[ $scenarios == *" storm "* ]] && run_load storm --sockets 5000
if [[ $scenarios == *" idle "* ]]; then
    for n in $idle_counts; do
        natter_servers_stop # fresh processes: their memory is the sockets', not earlier runs'
        start_server
        sleep 2
        run_load idle --sockets "$n" --seconds "$idle_seconds" --threads 2
    done
fi

table=$(bash "$root/scripts/bench-table.sh" "$results")
echo "$table"
if [ "${BENCH_WRITE_DOCS:-1}" = 1 ]; then
    doc=$root/docs/benchmarks.md
    {
        sed -n '1,/<!-- bench:begin -->/p' "$doc"
        echo "$table"
        sed -n '/<!-- bench:end -->/,$p' "$doc"
    } >"$work/doc.md"
    cp "$work/doc.md" "$doc"
    echo "written to docs/benchmarks.md"
fi
