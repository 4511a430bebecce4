#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The server package for real: build natter-server_<version>.deb from this build, install it,
# check what it put where (user, folders, an env file with a fresh signing key), run
# `natter-server setup` against the test cluster, start the server the way systemd would
# (the unit's User, Environment, EnvironmentFile and ExecStart), sign in and chat through it,
# run the backup unit's command, then remove and purge the package.
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: installing a package needs root (CI runs as root)"
    exit 77
fi
: "${NATTER_BUILD_DIR:?}" "${NATTER_TEST_PG_SOCKET:?run through make test}"

# One package test per machine at a time (worktrees share /usr and the natter user).
exec 8>/var/lock/natter-package-test.lock
flock -w 900 8 || fail "another package test holds /var/lock/natter-package-test.lock"
if dpkg-query -W -f='${Status}' natter-server 2>/dev/null | grep -q 'install ok'; then
    fail "natter-server is already installed here; this test would replace it (dpkg --purge natter-server)"
fi
had_user=$(getent passwd natter >/dev/null && echo yes || echo no)
had_state=$([ -e /var/lib/natter ] && echo yes || echo no)
had_backups=$([ -e /var/backups/natter ] && echo yes || echo no)
dbname=natter_pkg_$$
dbuser=natter_pkg_$$
leave_machine_as_found() {
    if dpkg-query -W -f='${Status}' natter-server 2>/dev/null | grep -q 'ok'; then
        apt_get purge natter-server >/dev/null 2>&1 || dpkg --purge natter-server >/dev/null 2>&1
    fi
    [ "$had_user" = yes ] || userdel natter 2>/dev/null || true
    [ "$had_state" = yes ] || rm -rf /var/lib/natter
    [ "$had_backups" = yes ] || rm -rf /var/backups/natter
    psql "$NATTER_TEST_DATABASE_URL" -qc "DROP DATABASE IF EXISTS $dbname WITH (FORCE)" >/dev/null 2>&1
    psql "$NATTER_TEST_DATABASE_URL" -qc "DROP ROLE IF EXISTS $dbuser" >/dev/null 2>&1
}
ops_cleanup_hooks+=(leave_machine_as_found)

# Build the package from this build's binary and web app (make test has built both).
cpack --config "$NATTER_BUILD_DIR/CPackServerConfig.cmake" -B "$work/packages" >"$work/cpack.log" 2>&1 ||
    fail "cpack: $(tail -n 20 "$work/cpack.log")"
deb=$(ls "$work"/packages/natter-server_*.deb)
dpkg-deb -f "$deb" Package Version Depends >"$work/control"
grep -q '^Depends:.*postgresql-client' "$work/control" || fail "the package does not depend on postgresql-client"
install_package() {
    apt_get install --no-install-recommends "$deb" >"$work/install.log" 2>&1 ||
        fail "installing $deb: $(cat "$work/install.log")"
}
install_package
pass "built and installed $(basename "$deb")"

for path in /usr/bin/natter-server /usr/share/natter/web/index.html /usr/lib/systemd/system/natter@.service \
    /usr/lib/systemd/system/natter-backup.service /usr/lib/systemd/system/natter-backup.timer \
    /usr/share/natter/Caddyfile /usr/share/natter/grafana/natter-dashboard.json \
    /usr/share/doc/natter-server/deploy.md; do
    [ -e "$path" ] || fail "the package did not install $path"
done
getent passwd natter | grep -q ':/usr/sbin/nologin$' || fail "no natter system user with a nologin shell"
[ "$(getent passwd natter | cut -d: -f3)" -lt 1000 ] || fail "natter is not a system user"
[ "$(stat -c '%a %U:%G' /var/lib/natter)" = "750 natter:natter" ] || fail "/var/lib/natter: $(stat -c '%a %U:%G' /var/lib/natter)"
[ "$(stat -c '%a %U:%G' /etc/natter/natter.env)" = "640 root:natter" ] ||
    fail "/etc/natter/natter.env: $(stat -c '%a %U:%G' /etc/natter/natter.env)"
key=$(sed -n 's/^NATTER_JWT_SIGNING_KEY=//p' /etc/natter/natter.env)
[ "${#key}" -eq 64 ] && [ "$(echo "$key" | base64 -d | wc -c)" = 48 ] ||
    fail "the signing key is not 48 random bytes: '$key'"
grep -q CHANGE_ME /etc/natter/natter.env && fail "the env file still has an example value"
if command -v systemd-analyze >/dev/null; then
    systemd-analyze verify natter@8081.service natter-backup.service natter-backup.timer \
        >"$work/verify.log" 2>&1 || fail "systemd-analyze verify: $(cat "$work/verify.log")"
fi
pass "user, folders, units and an env file (0640 root:natter) with a fresh 48-byte key"

# setup: a role and database on the local PostgreSQL (the test cluster, as the postgres user),
# migrated, with DATABASE_URL written to the env file. Run twice: the second run keeps it all.
# The unit derives each instance's metrics port by putting a 1 in front of its port (natter@8081
# listens for Prometheus on 18081), so instance ports have four digits, as in production.
port=$(free_port 8100 10000)
setup() {
    natter-server setup --public-url "http://127.0.0.1:$port" --pg-host "$NATTER_TEST_PG_SOCKET" \
        --db-host "$NATTER_TEST_PG_SOCKET" --db-name "$dbname" --db-user "$dbuser" --no-start
}
setup >"$work/setup.log" 2>&1 || fail "setup: $(cat "$work/setup.log")"
grep -q "done: role $dbuser and database $dbname are ready" "$work/setup.log" || fail "setup: $(cat "$work/setup.log")"
grep -q '^DATABASE_URL=host=.* user='"$dbuser"' password=' /etc/natter/natter.env || fail "setup wrote no DATABASE_URL"
[ "$(stat -c '%a %U:%G' /etc/natter/natter.env)" = "640 root:natter" ] || fail "setup changed the env file's mode or owner"
[ "$(sql "$dbname" "SELECT tableowner FROM pg_tables WHERE tablename = 'messages'")" = "$dbuser" ] ||
    fail "the schema is not owned by the service's role"
setup >"$work/setup2.log" 2>&1 || fail "setup again: $(cat "$work/setup2.log")"
grep -q 'keeping the DATABASE_URL already set' "$work/setup2.log" || fail "setup again: $(cat "$work/setup2.log")"
[ "$(sed -n 's/^NATTER_JWT_SIGNING_KEY=//p' /etc/natter/natter.env)" = "$key" ] || fail "setup replaced a good signing key"
pass "natter-server setup creates the role and database, migrates, and is idempotent"

# Start it as systemd would: the unit's user, Environment= (with %i), EnvironmentFile= (which
# overrides them), ${VAR} in ExecStart; plus the development login, for this test only.
run_like_systemd() { # UNIT INSTANCE LOG [VAR=VALUE...]
    local unit=/usr/lib/systemd/system/$1 instance=$2 log=$3 user command name
    shift 3
    user=$(sed -n 's/^User=//p' "$unit")
    command=$(sed -n 's/^ExecStart=//p' "$unit")
    declare -A values=()
    local order=() assignment
    for assignment in $(sed -n 's/^Environment=//p' "$unit" | sed "s/%i/$instance/g"); do
        order+=("$assignment")
    done
    mapfile -t from_file < <(grep -E '^[A-Za-z_][A-Za-z0-9_]*=' "$(sed -n 's/^EnvironmentFile=-\{0,1\}//p' "$unit")")
    order+=("${from_file[@]}" "$@")
    for assignment in "${order[@]}"; do values[${assignment%%=*}]=${assignment#*=}; done
    local vars=()
    for name in "${!values[@]}"; do
        vars+=("$name=${values[$name]}")
        command=${command//\$\{$name\}/${values[$name]}}
    done
    # setpriv execs (no process in between, as under systemd), so signals reach the server.
    # shellcheck disable=SC2086 # ExecStart is split on spaces, as systemd does
    (cd / && exec setpriv --reuid="$user" --regid="$user" --init-groups \
        env -i "${vars[@]}" $command) 2>"$log" &
    ops_pids+=($!)
}
# The packaged public URL is not loopback: the development login must be allowed explicitly.
run_like_systemd natter@.service "$port" "$work/service.log" NATTER_DEV_LOGIN=1 \
    NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK=1
base=http://127.0.0.1:$port
wait_healthy "$base"
server_pid=${ops_pids[-1]}
[ "$(ps -o user= -p "$server_pid")" = natter ] || fail "the server does not run as natter"
alice=$(sign_in "$base" Alice)
bob=$(sign_in "$base" Bob)
dm=$(api "$base" "$alice" POST /api/v1/conversations '{"type":"dm","username":"bob"}' | jq -r .id)
api "$base" "$alice" POST "/api/v1/conversations/$dm/messages" '{"body_text":"Hello from the package 📦"}' >/dev/null
api "$base" "$bob" POST "/api/v1/conversations/$dm/messages" '{"body_text":"Got it"}' >/dev/null
[ "$(api "$base" "$bob" GET "/api/v1/conversations/$dm/messages" | jq -r '[.messages[].body_text] | reverse | join("|")')" = \
    "Hello from the package 📦|Got it" ] || fail "bob does not see the conversation"
curl -sS -H 'Accept: text/html' "$base/" | grep -q '<div id="root">' || fail "the packaged web app is not served at /"
pass "the installed server, started as its unit says, serves the web app and a chat"

# doctor reads /etc/natter/natter.env by itself.
NATTER_DEV_LOGIN=1 natter-server doctor --local "127.0.0.1:$port" >"$work/doctor.log" 2>&1 || true
for line in 'PASS  configuration' 'PASS  signing key' 'PASS  database' 'PASS  migrations' 'PASS  local server' \
    'PASS  proxy to Natter' 'PASS  WebSocket through the proxy' 'PASS  disk space for uploads'; do
    grep -q "^$line" "$work/doctor.log" || fail "doctor on the installed package lacks '$line': $(cat "$work/doctor.log")"
done
grep -q 'configuration from /etc/natter/natter.env' "$work/doctor.log" || fail "doctor did not read the env file"
pass "doctor checks the installation from its env file"

# The nightly backup's command, as its unit runs it (user natter, its defaults).
run_like_systemd natter-backup.service "" "$work/backup.log"
wait "${ops_pids[-1]}" || fail "the backup unit's command failed: $(cat "$work/backup.log")"
backup=$(ls -d /var/backups/natter/natter-* | tail -n 1)
[ "$(stat -c %U "$backup")" = natter ] || fail "the backup is not owned by natter"
jq -e '.schema_version > 0' "$backup/manifest.json" >/dev/null || fail "no manifest in $backup"
pass "the backup unit's command writes a backup as natter"

kill -TERM "$server_pid"
wait "$server_pid" || fail "the server did not stop cleanly on SIGTERM"

apt_get remove natter-server >"$work/remove.log" 2>&1 || fail "remove: $(cat "$work/remove.log")"
[ ! -e /usr/bin/natter-server ] || fail "remove left the binary"
[ -e /etc/natter/natter.env ] || fail "remove (not purge) deleted the configuration"
apt_get purge natter-server >"$work/purge.log" 2>&1 || fail "purge: $(cat "$work/purge.log")"
[ ! -e /etc/natter/natter.env ] || fail "purge left the env file and its key"
[ -d /var/lib/natter ] || fail "purge deleted the data folder"
pass "remove keeps the configuration; purge removes it and keeps the data"

# packaging/deploy.sh --deb, with ssh and scp that stay on this machine; each install makes
# its own key.
printf '#!/bin/sh\nshift\n[ "$1" = sudo ] && shift\nexec sh -c "$*"\n' >"$work/fake-ssh"
printf '#!/bin/sh\n[ "$1" = -q ] && shift\nfor a; do last=$a; done\nwhile [ $# -gt 1 ]; do cp "$1" "${last#*:}"; shift; done\n' >"$work/fake-scp"
chmod +x "$work/fake-ssh" "$work/fake-scp"
NATTER_DEPLOY_SSH=$work/fake-ssh NATTER_DEPLOY_SCP=$work/fake-scp \
    bash "$NATTER_SOURCE_DIR/packaging/deploy.sh" --deb "$deb" root@test-host >"$work/deploy.log" 2>&1 ||
    fail "deploy.sh --deb: $(cat "$work/deploy.log")"
grep -q 'Next: sudo natter-server setup' "$work/deploy.log" || fail "deploy.sh: $(cat "$work/deploy.log")"
[ -x /usr/bin/natter-server ] || fail "deploy.sh did not install the package"
[ "$(sed -n 's/^NATTER_JWT_SIGNING_KEY=//p' /etc/natter/natter.env)" != "$key" ] || fail "a reinstall reused the signing key"
apt_get purge natter-server >/dev/null 2>&1 || fail "second purge failed"
pass "deploy.sh --deb installs the package; a new install writes a new signing key"
