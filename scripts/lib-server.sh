# SPDX-License-Identifier: Apache-2.0
# Sourced (after lib-postgres.sh) by scripts that run a throwaway natter-server: bench,
# under-attack, desktop screenshots.

# start_natter_server BINARY LOG: starts `BINARY serve` in the background, configured by the
# caller's environment (e.g. `DATABASE_URL=... NATTER_LISTEN=127.0.0.1:0 start_natter_server ...`),
# its log in LOG. Sets server_pid, and port once the server said where it listens and /healthz
# answers; prints the log and exits when it never does. Every server started is also added to
# server_pids (space-separated), which natter_workspace stops at exit.
start_natter_server() {
    local binary=$1 log=$2
    : >"$log"
    "$binary" serve 2>"$log" &
    server_pid=$!
    server_pids="${server_pids:-} $server_pid"
    port=""
    for _ in $(seq 300); do
        port=$(grep -o '"msg":"listening"[^}]*' "$log" | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
        [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    cat "$log" >&2
    exit 1
}

# natter_workspace NAME: a scratch folder /tmp/NAME.XXXXXX with a throwaway PostgreSQL cluster
# holding an empty `natter` database, all removed when the script exits (the server that
# start_natter_server started is stopped first). Sets work, and database (a libpq connection
# string).
natter_workspace() {
    work=$(mktemp -d "/tmp/$1.XXXXXX")
    chmod 755 "$work"
    server_pid=""
    server_pids=""
    trap natter_workspace_remove EXIT INT TERM
    pg_cluster_init "$work/data"
    pg_cluster_start "$work/data" "$work/socket"
    pg_create_database "$work/socket" natter
    database="host=$work/socket dbname=natter user=postgres"
}
natter_workspace_remove() {
    natter_servers_stop
    pg_cluster_stop "$work/data"
    rm -rf "$work"
}

# natter_servers_stop: stops every server start_natter_server started (SIGTERM, then waits).
natter_servers_stop() {
    local pid
    for pid in ${server_pids:-} ${server_pid:-}; do
        { kill "$pid" && wait "$pid"; } 2>/dev/null || true
    done
    server_pids=""
    server_pid=""
    return 0
}

# A signing key for a throwaway server: 48 random characters.
natter_signing_key() {
    head -c 48 /dev/urandom | base64 | tr -d '/+=' | head -c 48
}
