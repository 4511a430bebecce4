#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make dev`: runs Natter locally. Without DATABASE_URL it starts an embedded PostgreSQL
# cluster under .data/ (kept between runs), then the server with the development login on,
# serving the web app and API on http://localhost:8080. Ctrl-C stops both.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"

data_dir=${NATTER_DATA_DIR:-$root/.data}
mkdir -p "$data_dir"
server_bin=$root/build/server/natter-server

# One `make dev` per data folder: a second one would fight over the cluster.
exec 9>"$data_dir/dev.lock"
if ! flock -n 9; then
    echo "Natter is already running from $data_dir (another 'make dev'). Stop it first (Ctrl-C there)." >&2
    exit 1
fi

cluster=""
cleanup() {
    # Ctrl-C reaches every process of the terminal; whatever happens to our output now
    # (a closed pipe), the cluster must still be stopped.
    trap - INT TERM EXIT
    trap '' PIPE
    if [ -n "${server_pid:-}" ] && kill -0 "$server_pid" 2>/dev/null; then
        kill -TERM "$server_pid" 2>/dev/null || true
        wait "$server_pid" 2>/dev/null || true
    fi
    if [ -n "$cluster" ]; then
        echo "Stopping PostgreSQL..." 2>/dev/null || true
        pg_cluster_stop "$cluster"
    fi
}
trap cleanup INT TERM EXIT

if [ -z "${DATABASE_URL:-}" ]; then
    cluster=$(pg_reachable_dir "$data_dir")/postgres
    socket=$cluster/socket
    pg_cluster_init "$cluster"
    if [ -f "$cluster/postmaster.pid" ]; then
        # Left over from a run that was killed hard; pg_ctl knows whether it is stale.
        pg_cluster_stop "$cluster"
    fi
    pg_cluster_start "$cluster" "$socket"
    pg_create_database "$socket" natter
    export DATABASE_URL="host=$socket dbname=natter user=postgres"
    echo "PostgreSQL: embedded cluster in $cluster"
fi

web_root=$root/web/dist
export NATTER_DEV_LOGIN=${NATTER_DEV_LOGIN:-1}
export NATTER_DATA_DIR=$data_dir
if [ -f "$web_root/index.html" ]; then
    export NATTER_WEB_ROOT=${NATTER_WEB_ROOT:-$web_root}
fi
listen=${NATTER_LISTEN:-127.0.0.1:8080}
export NATTER_LISTEN=$listen
echo "Natter: http://localhost:${listen##*:}  (development login on; Ctrl-C to stop)"
"$server_bin" serve &
server_pid=$!
wait "$server_pid" || true
