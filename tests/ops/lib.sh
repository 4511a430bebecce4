#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Shared by the ops tests (sourced): a work folder, databases in the test cluster, natter-server
# processes on ports the OS picks, and a small client for the REST API (curl + jq).
set -euo pipefail
: "${NATTER_TEST_DATABASE_URL:?run through make test (scripts/test.sh starts the cluster)}"
: "${NATTER_SERVER_BIN:?}"
. "$(dirname "${BASH_SOURCE[0]}")/../../scripts/lib-ports.sh"

work=$(mktemp -d /tmp/natter-ops.XXXXXX)
# Services in these tests may run as another user (the package's `natter`); they must reach it.
chmod 755 "$work"
ops_pids=()
ops_databases=()
ops_cleanup_hooks=()

ops_cleanup() {
    local status=$?
    for hook in "${ops_cleanup_hooks[@]}"; do "$hook" || true; done
    for pid in "${ops_pids[@]}"; do kill "$pid" 2>/dev/null || true; done
    for pid in "${ops_pids[@]}"; do wait "$pid" 2>/dev/null || true; done
    for db in "${ops_databases[@]}"; do
        psql "$NATTER_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS \"$db\" WITH (FORCE)" >/dev/null 2>&1 || true
    done
    rm -rf "$work"
    return $status
}
trap ops_cleanup EXIT

fail() {
    echo "FAIL: $*" >&2
    for log in "$work"/*.log; do
        [ -f "$log" ] || continue
        echo "== $log" >&2
        tail -n 30 "$log" >&2
    done
    exit 1
}
pass() { echo "PASS: $*"; }

# apt_get ARGS: apt-get that waits up to 10 minutes for dpkg's lock instead of failing at once.
# Another package operation may hold it for a few seconds: the other package test of a second
# run on the same machine, or unattended upgrades. A bare `dpkg -r` that lost that race once
# left the desktop package installed, and every later run refused to start (issue 19).
apt_get() { DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=600 -qq "$@"; }

# create_database NAME: a fresh database in the test cluster, dropped at exit.
create_database() {
    psql "$NATTER_TEST_DATABASE_URL" -qc "CREATE DATABASE \"$1\"" >/dev/null
    ops_databases+=("$1")
}
database_url() { echo "$NATTER_TEST_DATABASE_URL dbname=$1"; }
# sql DB QUERY: the query's rows, unaligned.
sql() { psql "$(database_url "$1")" -XAtqc "$2"; }

# start_server NAME [VAR=VALUE...]: natter-server on a port of the OS's choosing, with the
# variables given (DATABASE_URL among them); sets port_NAME. Waits until it listens.
start_server() {
    local name=$1
    shift
    local log="$work/$name.log"
    env NATTER_LISTEN=127.0.0.1:0 NATTER_METRICS_LISTEN=127.0.0.1:0 "$@" "$NATTER_SERVER_BIN" serve 2>"$log" &
    ops_pids+=($!)
    local port=""
    for _ in $(seq 300); do
        port=$(grep -o '"msg":"listening".*' "$log" 2>/dev/null | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
        [ -n "$port" ] && break
        kill -0 "${ops_pids[-1]}" 2>/dev/null || fail "server $name exited"
        sleep 0.1
    done
    [ -n "$port" ] || fail "server $name did not start listening"
    printf -v "port_$name" '%s' "$port"
    # /metrics has a listener of its own (NATTER_METRICS_LISTEN), logged just before.
    printf -v "metrics_port_$name" '%s' \
        "$(grep -o '"msg":"metrics listening".*' "$log" | grep -o '"port":[0-9]*' | cut -d: -f2 || true)"
}

# wait_healthy URL: until /healthz answers 200 (the first database probe may take a moment).
wait_healthy() {
    for _ in $(seq 300); do
        [ "$(curl -s -o /dev/null -w '%{http_code}' "$1/healthz")" = 200 ] && return 0
        sleep 0.1
    done
    fail "$1 is not healthy"
}

# api BASE TOKEN METHOD PATH [JSON]: the response body; fails the test on a status >= 400.
api() {
    local base=$1 token=$2 method=$3 path=$4 body=${5:-}
    local out status
    out=$(mktemp -p "$work")
    status=$(curl -sS -o "$out" -w '%{http_code}' -X "$method" \
        -H "Authorization: Bearer $token" -H 'Content-Type: application/json' \
        ${body:+--data "$body"} "$base$path")
    [ "$status" -lt 400 ] || fail "$method $path answered $status: $(cat "$out")"
    cat "$out"
    rm -f "$out"
}

# sign_in BASE NAME: signs in with the development login, claims the username NAME (lower
# case) and prints the access token.
sign_in() {
    local base=$1 name=$2 token
    token=$(curl -sS -X POST -H 'Content-Type: application/json' \
        --data "{\"name\":\"$name\"}" "$base/api/v1/auth/dev/login" | jq -r .access_token)
    [ -n "$token" ] && [ "$token" != null ] || fail "dev login as $name failed at $base"
    api "$base" "$token" PUT /api/v1/users/me/username "{\"username\":\"${name,,}\"}" >/dev/null
    echo "$token"
}
