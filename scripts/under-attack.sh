#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The "under attack" figure of docs/security.md in one command: a throwaway PostgreSQL cluster,
# one natter-server with the default rate limits, the development login on, a GitHub provider
# configured (OAuth start only redirects to it, so its URLs are never reached) and loopback a
# trusted proxy as by default, so X-Forwarded-For counts as Caddy would pass it; then scripts/under-attack.py
# against it: once without attackers for the baseline, once under attack.
# Usage: scripts/under-attack.sh [BUILD_DIR] [under-attack.py options, e.g. --flooders 200]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
build=$(cd "${1:-${BUILD_DIR:-$root/build}}" && pwd)
shift || true
ulimit -n "$(ulimit -Hn)"
natter_workspace natter-attack

DATABASE_URL="$database" NATTER_LISTEN=127.0.0.1:0 NATTER_JWT_SIGNING_KEY="$(natter_signing_key)" \
    NATTER_DEV_LOGIN=1 NATTER_DATA_DIR="$work" \
    NATTER_GITHUB_CLIENT_ID=attack-test NATTER_GITHUB_CLIENT_SECRET=attack-test-secret \
    start_natter_server "$build/server/natter-server" "$work/server.log"

echo "== machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "== baseline (no attackers, 10 s)"
python3 "$root/scripts/under-attack.py" "$port" "$server_pid" --slow 0 --flooders 0 --seconds 10
echo "== under attack"
python3 "$root/scripts/under-attack.py" "$port" "$server_pid" "$@"
echo "== load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
