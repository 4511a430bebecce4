# SPDX-License-Identifier: Apache-2.0
# Sourced by scripts that run a throwaway natter-server (bench, under-attack, desktop screenshots).

# start_natter_server BINARY LOG: starts `BINARY serve` in the background, configured by the
# caller's environment (e.g. `DATABASE_URL=... NATTER_LISTEN=127.0.0.1:0 start_natter_server ...`),
# its log in LOG. Sets server_pid, and port once the server said where it listens and /healthz
# answers; prints the log and exits when it never does.
start_natter_server() {
    local binary=$1 log=$2
    : >"$log"
    "$binary" serve 2>"$log" &
    server_pid=$!
    port=""
    for _ in $(seq 300); do
        port=$(grep -o '"msg":"listening"[^}]*' "$log" | grep -o '"port":[0-9]*' | cut -d: -f2 || true)
        [ -n "$port" ] && curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return 0
        sleep 0.1
    done
    cat "$log" >&2
    exit 1
}
