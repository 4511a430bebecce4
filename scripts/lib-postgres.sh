#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Helpers to run a private PostgreSQL cluster in a folder of ours, listening only on a Unix
# socket inside that folder (so it never clashes with a system PostgreSQL on port 5432).
# PostgreSQL refuses to run as root, so as root the cluster runs as the unprivileged
# `postgres` user (created by Debian's postgresql package).

pg_bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
    [ -n "$dir" ] || { echo "PostgreSQL server binaries not found; run: make deps" >&2; return 1; }
    echo "$dir"
}

# Runs a command as the cluster's owner.
pg_as_owner() {
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

# pg_cluster_init DATADIR: creates the cluster once (no-op when it exists).
pg_cluster_init() {
    local data=$1 bin
    bin=$(pg_bindir) || return 1
    [ -f "$data/PG_VERSION" ] && return 0
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$data"
    chmod 700 "$data"
    pg_as_owner "$bin/initdb" -D "$data" -U postgres --auth=trust --encoding=UTF8 --locale=C.UTF-8 \
        >"$data.initdb.log" 2>&1 || { cat "$data.initdb.log" >&2; return 1; }
    rm -f "$data.initdb.log"
}

# pg_cluster_start DATADIR SOCKETDIR: starts it on a Unix socket only, waits until it answers.
# NATTER_PG_LISTEN=ADDRESS:PORT adds a TCP listener (tests that cut the network to it).
pg_cluster_start() {
    local data=$1 socket=$2 bin tcp="-c listen_addresses=''"
    bin=$(pg_bindir) || return 1
    mkdir -p "$socket"
    [ "$(id -u)" = 0 ] && chown postgres:postgres "$socket"
    [ -n "${NATTER_PG_LISTEN:-}" ] && tcp="-c listen_addresses='${NATTER_PG_LISTEN%:*}' -p ${NATTER_PG_LISTEN##*:}"
    pg_as_owner "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w -t 30 \
        -o "$tcp -k '$socket' -c max_connections=200 -c fsync=${NATTER_PG_FSYNC:-on}" \
        start >/dev/null || { tail -n 20 "$data/server.log" >&2; return 1; }
}

# pg_cluster_trust DATADIR CIDR: lets clients from CIDR in without a password, as initdb's
# --auth=trust does for loopback (takes effect at the next start).
pg_cluster_trust() {
    grep -q " $2 " "$1/pg_hba.conf" || echo "host all all $2 trust" >>"$1/pg_hba.conf"
}

pg_cluster_stop() {
    local data=$1 bin
    bin=$(pg_bindir) || return 1
    [ -f "$data/postmaster.pid" ] || return 0
    pg_as_owner "$bin/pg_ctl" -D "$data" -m fast -w stop >/dev/null 2>&1 || true
}

# pg_create_database SOCKETDIR NAME: creates the database when it is missing.
pg_create_database() {
    local socket=$1 name=$2
    if ! psql -h "$socket" -U postgres -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname='$name'" | grep -q 1; then
        psql -h "$socket" -U postgres -d postgres -qc "CREATE DATABASE \"$name\"" >/dev/null
    fi
}

# A folder the cluster owner can reach: root's home is closed to `postgres`, so there the
# cluster lives under /var/tmp instead, and we say so.
pg_reachable_dir() {
    local wanted=$1
    if [ "$(id -u)" != 0 ] || runuser -u postgres -- test -x "$(dirname "$wanted")" 2>/dev/null; then
        echo "$wanted"
    else
        local alt="/var/tmp/natter-$(echo "$wanted" | sha1sum | cut -c1-12)"
        echo "note: $wanted is not reachable by the postgres user; using $alt" >&2
        echo "$alt"
    fi
}
