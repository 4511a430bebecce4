#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Two natter-server processes on one database behind Caddy, configured by the Caddyfile we ship:
# health through the proxy, the body cap, and fail-over when one process dies.
set -euo pipefail
: "${NATTER_TEST_DATABASE_URL:?run through make test}" "${NATTER_SERVER_BIN:?}" "${CADDY:?}"
work=$(mktemp -d)
db=natter_deploy_$$
pids=()
cleanup() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    psql "$NATTER_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $db WITH (FORCE)" >/dev/null 2>&1 || true
    [ -n "${KEEP_WORK:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$work"/*.log; do echo "== $f"; tail -n 20 "$f"; done >&2; exit 1; }

psql "$NATTER_TEST_DATABASE_URL" -qc "CREATE DATABASE $db" >/dev/null

# Every curl is bounded: a port taken by some other program that accepts and never answers
# must fail the test with the logs, not hang it until CTest's timeout.
. "$NATTER_SOURCE_DIR/scripts/lib-ports.sh"
curl() { command curl --max-time 10 "$@"; }

# The shipped Caddyfile, imported unchanged; only Caddy's admin endpoint (a fixed port,
# localhost:2019, that parallel runs would fight over) is turned off around it.
printf '{\n\tadmin off\n}\nimport %s\n' "$NATTER_SOURCE_DIR/packaging/caddy/Caddyfile" >"$work/Caddyfile"

healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$proxy/healthz")" = 200 ]; }
bind_failed() { grep -qs 'address already in use' "$work"/caddy.log "$work"/natter?.log; }

signing_key=$(head -c 32 /dev/urandom | base64)

# start_all: two servers on one database and Caddy in front, on free ports; 0 when healthy.
start_all() {
    local proxy_port upstreams="" i port
    proxy_port=$(free_port)
    proxy=http://127.0.0.1:$proxy_port
    for i in 1 2; do
        port=$(free_port)
        upstreams+="127.0.0.1:$port "
        DATABASE_URL="$NATTER_TEST_DATABASE_URL dbname=$db" NATTER_LISTEN=127.0.0.1:$port \
            NATTER_METRICS_LISTEN=off \
            NATTER_JWT_SIGNING_KEY=$signing_key \
            NATTER_PUBLIC_URL=$proxy \
            "$NATTER_SERVER_BIN" serve 2>"$work/natter$i.log" &
        pids+=($!)
    done
    NATTER_DOMAIN=$proxy NATTER_UPSTREAMS="$upstreams" \
        NATTER_CADDY_LOG="$work/access.log" XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" \
        "$CADDY" run --adapter caddyfile --config "$work/Caddyfile" >"$work/caddy.log" 2>&1 &
    pids+=($!)
    for _ in $(seq 300); do
        healthy && return 0
        bind_failed && return 1
        sleep 0.2
    done
    return 1
}
stop_all() {
    for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    wait 2>/dev/null || true
    pids=()
}

for attempt in 1 2 3; do
    start_all && break
    bind_failed || fail "no healthy answer through Caddy"
    echo "a port was taken before we bound it (attempt $attempt); trying others" >&2
    stop_all
done
healthy || fail "no healthy answer through Caddy"

body=$(curl -s "$proxy/healthz")
[ "$body" = '{"db":"ok","status":"ok"}' ] || fail "unexpected health body: $body"
[ -n "$(curl -s -D - -o /dev/null "$proxy/healthz" | grep -i '^x-request-id:')" ] || fail "no X-Request-Id through the proxy"

code=$(head -c 200000 /dev/zero | curl -s -o /dev/null -w '%{http_code}' -X POST --data-binary @- "$proxy/api/v1/anything")
[ "$code" = 413 ] || fail "a 200 KB body got $code, not 413"

kill "${pids[0]}"
for _ in $(seq 50); do healthy && break; sleep 0.2; done
for _ in 1 2 3 4 5; do healthy || fail "not served after one process stopped"; done
echo "PASS: Caddy in front of two natter-server processes"
