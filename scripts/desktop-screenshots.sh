#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Screenshots of the desktop app (docs/screenshots/desktop-*.png): a throwaway PostgreSQL and a
# natter-server with the development login, then the real app (natter-screenshots, the same
# window as `natter`) under xvfb-run, seeding a few conversations and walking the screens.
# Usage: scripts/desktop-screenshots.sh [build-dir] [out-dir]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
build=$(cd "${1:-$root/build}" && pwd)
out=${2:-$root/docs/screenshots}
mkdir -p "$out"

work=$(mktemp -d /tmp/natter-shots.XXXXXX)
chmod 755 "$work"
server_pid=""
cleanup() {
    [ -n "$server_pid" ] && kill -TERM "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
    pg_cluster_stop "$work/pg" >/dev/null 2>&1 || true
    rm -rf "$work"
}
trap cleanup EXIT INT TERM

NATTER_PG_FSYNC=off pg_cluster_init "$work/pg" >/dev/null
pg_cluster_start "$work/pg" "$work/socket" >/dev/null
pg_create_database "$work/socket" natter >/dev/null

# A GitHub app is configured so the sign-in page shows its button; its endpoints point at a
# closed local port, since nothing here signs in through it.
DATABASE_URL="host=$work/socket dbname=natter user=postgres" NATTER_DEV_LOGIN=1 \
    NATTER_GITHUB_CLIENT_ID=screenshots NATTER_GITHUB_CLIENT_SECRET=screenshots \
    NATTER_GITHUB_AUTHORIZE_URL=http://127.0.0.1:9/authorize \
    NATTER_GITHUB_TOKEN_URL=http://127.0.0.1:9/token NATTER_GITHUB_API_URL=http://127.0.0.1:9 \
    NATTER_LISTEN="127.0.0.1:0" NATTER_DATA_DIR="$work" \
    start_natter_server "$build/server/natter-server" "$work/server.log"

export NATTER_KEYCHAIN=off LANG=C.UTF-8
run() { xvfb-run -a -s "-screen 0 1280x800x24" "$build/client-desktop/natter-screenshots" "$@"; }
run "http://127.0.0.1:$port" "$out"
run "http://127.0.0.1:$port" "$out" --dark
