#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make test`: runs every test suite against a real PostgreSQL. Without
# NATTER_TEST_DATABASE_URL a throwaway cluster is started in a temporary folder and removed
# afterwards; each test creates (and drops) a database of its own in it.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
build_dir=$(cd "${1:-$root/build}" && pwd)

cluster_parent=""
cleanup() {
    if [ -n "$cluster_parent" ]; then
        pg_cluster_stop "$cluster_parent/data"
        rm -rf "$cluster_parent"
    fi
}
trap cleanup EXIT INT TERM

if [ -z "${NATTER_TEST_DATABASE_URL:-}" ]; then
    cluster_parent=$(mktemp -d /tmp/natter-test-pg.XXXXXX)
    chmod 755 "$cluster_parent"
    # Durability is not under test; without fsync a test database is created in milliseconds.
    NATTER_PG_FSYNC=off
    export NATTER_PG_FSYNC
    pg_cluster_init "$cluster_parent/data"
    pg_cluster_start "$cluster_parent/data" "$cluster_parent/socket"
    export NATTER_TEST_DATABASE_URL="host=$cluster_parent/socket dbname=postgres user=postgres"
    # Tests that stop and start PostgreSQL (outage recovery) need to know how.
    export NATTER_TEST_PG_DATA="$cluster_parent/data"
    export NATTER_TEST_PG_SOCKET="$cluster_parent/socket"
fi
export NATTER_SERVER_BIN=${NATTER_SERVER_BIN:-$build_dir/server/natter-server}

ctest --test-dir "$build_dir" --output-on-failure ${CTEST_ARGS:-}
