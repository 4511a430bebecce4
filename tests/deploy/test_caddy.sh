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
    rm -rf "$work"
}
trap cleanup EXIT
fail() { echo "FAIL: $*" >&2; for f in "$work"/*.log; do echo "== $f"; tail -n 20 "$f"; done >&2; exit 1; }

psql "$NATTER_TEST_DATABASE_URL" -qc "CREATE DATABASE $db" >/dev/null
base_port=$((20000 + RANDOM % 20000))
for i in 1 2; do
    DATABASE_URL="$NATTER_TEST_DATABASE_URL dbname=$db" NATTER_LISTEN=127.0.0.1:$((base_port + i)) \
        NATTER_JWT_SIGNING_KEY=deploy-test-signing-key-of-at-least-32-bytes \
        NATTER_PUBLIC_URL=http://127.0.0.1:$base_port \
        "$NATTER_SERVER_BIN" serve 2>"$work/natter$i.log" &
    pids+=($!)
done
NATTER_DOMAIN=http://127.0.0.1:$base_port NATTER_UPSTREAMS="127.0.0.1:$((base_port + 1)) 127.0.0.1:$((base_port + 2))" \
    NATTER_CADDY_LOG="$work/access.log" XDG_DATA_HOME="$work" XDG_CONFIG_HOME="$work" \
    "$CADDY" run --adapter caddyfile --config "$NATTER_SOURCE_DIR/packaging/caddy/Caddyfile" \
    >"$work/caddy.log" 2>&1 &
pids+=($!)

proxy=http://127.0.0.1:$base_port
healthy() { [ "$(curl -s -o /dev/null -w '%{http_code}' "$proxy/healthz")" = 200 ]; }
for _ in $(seq 100); do healthy && break; sleep 0.2; done
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
