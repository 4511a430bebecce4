#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Message search benchmark (docs/benchmarks.md, "Message search"): a throwaway PostgreSQL
# cluster, 5,000,000 messages of one user in 50 conversations (plus 500,000 in 10 others)
# generated with generate_series (tests/bench/search/generate.sql), one natter-server, and
# tests/bench/search/measure.py timing GET /api/v1/search/messages. Not part of `make test`.
#   bash scripts/bench-search.sh            # about 15 minutes on 2 cores, 3 GB of disk
#   MESSAGES_SCALE=0.1 bash scripts/bench-search.sh   # a tenth of the data, for a quick look
#   SEARCH_BENCH_DATA=/tmp/search-bench bash scripts/bench-search.sh
#       keeps the cluster in that folder (stopped at exit) and generates only the first time, so
#       later runs time the queries only: the way to iterate on them. `psql -h <dir>/socket -U
#       postgres natter` while a run is going, or start it with pg_cluster_start from
#       scripts/lib-postgres.sh. Delete the folder to generate again (a new scale too).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-ports.sh"
build=${BUILD_DIR:-$root/build}
scale=${MESSAGES_SCALE:-1}
kept=${SEARCH_BENCH_DATA:-}
if [ -n "$kept" ]; then
    mkdir -p "$kept"
    work=$(cd "$kept" && pwd)
else
    work=$(mktemp -d /tmp/natter-bench-search.XXXXXX)
fi
chmod 755 "$work"
server=""
cleanup() {
    [ -z "$server" ] || kill "$server" 2>/dev/null || true
    wait 2>/dev/null || true
    pg_cluster_stop "$work/data"
    cp "$work/server.log" /tmp/natter-bench-search-server.log 2>/dev/null || true
    [ -n "$kept" ] || rm -rf "$work"
}
trap cleanup EXIT

pg_cluster_init "$work/data"
pg_cluster_start "$work/data" "$work/socket"
if [ -n "$kept" ] && [ ! -f "$work/generated" ]; then
    # A load that was interrupted left part of the data: start again from an empty database.
    psql -q -h "$work/socket" -U postgres -d postgres -c 'DROP DATABASE IF EXISTS natter' >/dev/null
fi
pg_create_database "$work/socket" natter
export DATABASE_URL="host=$work/socket dbname=natter user=postgres"
port=$(free_port)
NATTER_LISTEN=127.0.0.1:$port NATTER_PUBLIC_URL=http://localhost:$port NATTER_DEV_LOGIN=1 \
    NATTER_RATE_LIMITS=off NATTER_METRICS_LISTEN=127.0.0.1:0 NATTER_DATA_DIR="$work" \
    QT_LOGGING_RULES="natter.http.info=false" \
    "$build/server/natter-server" serve 2>"$work/server.log" &
server=$!
for _ in $(seq 100); do
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
    sleep 0.1
done
base="http://127.0.0.1:$port/api/v1"
login=$(curl -fsS -X POST "$base/auth/dev/login" -H 'Content-Type: application/json' -d '{"name":"bench"}')
token=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["access_token"])' "$login")
user=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["user"]["id"])' "$login")
if [ -f "$work/generated" ]; then
    echo "reusing the data generated in $work ($(cat "$work/generated"))"
else
curl -fsS -X PUT "$base/users/me/username" -H "Authorization: Bearer $token" \
    -H 'Content-Type: application/json' -d '{"username":"bench"}' >/dev/null

echo "generating (scale $scale)…"
start=$(date +%s)
sed -e "s/5499999/$(python3 -c "print(int(5500000*$scale)-1)")/" \
    -e "s/3000000/$(python3 -c "print(int(3000000*$scale))")/g" \
    -e "s/50001 + /$(python3 -c "print(int(50000*$scale)+1)") + /" \
    "$root/tests/bench/search/generate.sql" |
    psql -q -h "$work/socket" -U postgres -d natter -v user_id="$user" -f -
echo "generated in $(( $(date +%s) - start )) s; $(psql -tA -h "$work/socket" -U postgres -d natter \
    -c "SELECT count(*) FROM messages m JOIN conversation_members cm ON cm.conversation_id = m.conversation_id AND cm.user_id = '$user'") messages of the user," \
    "index $(psql -tA -h "$work/socket" -U postgres -d natter -c "SELECT pg_size_pretty(pg_relation_size('messages_search_idx'))")"
# Only a finished load counts as generated: an interrupted one is generated again.
[ -z "$kept" ] || echo "scale $scale, $(date -u +%FT%TZ)" >"$work/generated"
fi
# Generating takes longer than an access token lives (15 minutes): sign in again for the timing.
login=$(curl -fsS -X POST "$base/auth/dev/login" -H 'Content-Type: application/json' -d '{"name":"bench"}')
token=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["access_token"])' "$login")
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB, load $(cut -d' ' -f1-3 /proc/loadavg)"
# The conversation for the one-conversation searches, read here: listing a user's conversations
# through the API is not what this measures.
one=$(psql -tA -h "$work/socket" -U postgres -d natter \
    -c "SELECT conversation_id FROM conversation_members WHERE user_id = '$user' ORDER BY conversation_id LIMIT 1")
# CPU time per search too: on a shared machine it moves far less than wall time.
SEARCH_BENCH_PIDS="$server $(head -n 1 "$work/data/postmaster.pid")" \
    python3 "$root/tests/bench/search/measure.py" "$base" "$token" "$one" "$@"
