#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# natter-server doctor against the real thing: Caddy with `tls internal` (the shipped
# Caddyfile) in front of a real server with a sign-in provider, then broken set-ups, each of
# which doctor must name with a FAIL line and a fix: an untrusted certificate, a wrong public
# URL, a proxy that drops the WebSocket upgrade, a provider that refuses our client, the
# database down, example values in the configuration.
. "$(dirname "$0")/lib.sh"
: "${CADDY:?}" "${NATTER_FAKE_PROVIDER:?}" "${NATTER_SOURCE_DIR:?}"
. "$NATTER_SOURCE_DIR/scripts/lib-postgres.sh"

key=doctor-test-signing-key-0123456789abcdefghijklmnop
db=natter_doctor_$$
create_database "$db"
mkdir -p "$work/web" "$work/data"
echo '<!doctype html><div id="root"></div>' >"$work/web/index.html"

# The sign-in provider (GitHub's protocol and OpenID Connect), as a process.
"$NATTER_FAKE_PROVIDER" >"$work/provider.env" 2>"$work/provider.log" &
ops_pids+=($!)
for _ in $(seq 100); do grep -q '^$' "$work/provider.env" 2>/dev/null && break; sleep 0.1; done
grep -q '^NATTER_OIDC_GOOGLE_ISSUER=' "$work/provider.env" || fail "the fake provider did not start"
mapfile -t provider_env < <(grep = "$work/provider.env")

# Caddy: the shipped Caddyfile with `tls internal`, its storage (and CA) in $work.
# start_caddy NAME PORT UPSTREAM [DIRECTIVE]: DIRECTIVE goes inside reverse_proxy.
start_caddy() {
    local name=$1 port=$2 upstream=$3 extra=${4:-}
    {
        printf '{\n\tadmin off\n\tskip_install_trust\n\thttp_port %s\n\tauto_https disable_redirects\n' "$(free_port)"
        printf '\tstorage file_system %s\n}\n' "$work/caddy-storage"
        sed -e '/^{\$NATTER_DOMAIN/a\	tls internal' \
            -e "/reverse_proxy .* {/a\\		$extra" "$NATTER_SOURCE_DIR/packaging/caddy/Caddyfile"
    } >"$work/$name.Caddyfile"
    NATTER_DOMAIN="https://localhost:$port" NATTER_UPSTREAMS="$upstream" \
        NATTER_CADDY_LOG="$work/$name-access.log" \
        "$CADDY" run --adapter caddyfile --config "$work/$name.Caddyfile" >"$work/$name-caddy.log" 2>&1 &
    ops_pids+=($!)
    # Issuing the first certificate from its local CA takes Caddy a few seconds, much longer
    # on a loaded machine: wait for it to answer (or die), with a minute as the last resort.
    for _ in $(seq 600); do
        curl -sk --max-time 5 -o /dev/null "https://localhost:$port/healthz" && return 0
        kill -0 "${ops_pids[-1]}" 2>/dev/null || break
        sleep 0.1
    done
    fail "Caddy $name did not start on port $port: $(tail -n 5 "$work/$name-caddy.log")"
}
caddy_ca=$work/caddy-storage/pki/authorities/local/root.crt

# The server, configured from an env file as the package's would be.
write_env() { # FILE PUBLIC_URL DATABASE_URL [VAR=VALUE...]
    local file=$1 public=$2 database=$3
    shift 3
    {
        echo "DATABASE_URL=$database"
        echo "NATTER_PUBLIC_URL=$public"
        echo "NATTER_JWT_SIGNING_KEY=$key"
        echo "NATTER_WEB_ROOT=$work/web"
        echo "NATTER_DATA_DIR=$work/data"
        printf '%s\n' "${provider_env[@]}" "$@"
    } >"$file"
}
# The public port must be known before the server starts (it is the public URL).
public_port=$(free_port)
write_env "$work/natter.env" "https://localhost:$public_port" "$(database_url "$db")"
mapfile -t server_env <"$work/natter.env"
start_server main "${server_env[@]}"
wait_healthy "http://127.0.0.1:$port_main"

# doctor ENVFILE [ARGS...]: runs it, keeps its output in $work/doctor.out and its exit code.
doctor() {
    local file=$1
    shift
    doctor_status=0
    "$NATTER_SERVER_BIN" doctor --env-file "$file" "$@" >"$work/doctor.out" 2>&1 || doctor_status=$?
}
expect() { # OUTCOME CHECK [TEXT]: a line "OUTCOME  CHECK: ...TEXT..."
    grep -q "^$1  $2: .*${3:-}" "$work/doctor.out" ||
        fail "doctor should say '$1  $2: ...${3:-}':$(printf '\n%s' "$(cat "$work/doctor.out")")"
}
expect_fix() { # TEXT: a fix line mentioning TEXT
    grep -q "^      fix: .*$1" "$work/doctor.out" || fail "doctor gives no fix mentioning '$1': $(cat "$work/doctor.out")"
}

start_caddy good "$public_port" "127.0.0.1:$port_main"
[ -f "$caddy_ca" ] || fail "Caddy made no local CA"

# 1. All is well: every check passes (the loopback public URL is only a warning).
doctor "$work/natter.env" --ca-file "$caddy_ca" --local "127.0.0.1:$port_main"
for check in configuration 'signing key' 'allowed origins' 'development login' 'web app' database migrations \
    'local server' 'TLS certificate' 'proxy to Natter' 'WebSocket through the proxy' 'sign-in with github' \
    'sign-in with google' clock; do
    expect PASS "$check"
done
expect WARN 'public URL' 'loopback'
expect PASS 'TLS certificate' 'valid for localhost until .*, issued by Caddy Local Authority'
expect PASS 'sign-in with google' "callback https://localhost:$public_port/api/v1/auth/google/callback"
expect PASS clock 'the database'
[ "$doctor_status" = 0 ] || fail "doctor exits $doctor_status on a healthy installation: $(cat "$work/doctor.out")"
pass "a healthy installation behind Caddy passes every check"

# 2. A certificate nobody vouches for (no --ca-file: Caddy's local CA is not trusted).
doctor "$work/natter.env" --local "127.0.0.1:$port_main"
expect FAIL 'TLS certificate' 'not accepted'
expect_fix 'journalctl -u caddy'
[ "$doctor_status" = 1 ] || fail "doctor exits $doctor_status with a failed check"
pass "an untrusted certificate fails"

# 3. A wrong public URL: nothing answers there.
write_env "$work/wrong-url.env" "https://localhost:$(free_port)" "$(database_url "$db")"
doctor "$work/wrong-url.env" --ca-file "$caddy_ca" --local "127.0.0.1:$port_main"
expect FAIL 'TLS certificate' 'does not answer'
expect_fix 'VCN security list'
expect SKIP 'WebSocket through the proxy'
pass "a public URL where nothing answers fails, with the firewall and DNS to check"

# 4. A proxy that drops the upgrade (as nginx does without its Upgrade/Connection lines).
noupgrade_port=$(free_port)
start_caddy noupgrade "$noupgrade_port" "127.0.0.1:$port_main" 'header_up -Upgrade'
write_env "$work/noupgrade.env" "https://localhost:$noupgrade_port" "$(database_url "$db")"
doctor "$work/noupgrade.env" --ca-file "$caddy_ca" --local "127.0.0.1:$port_main"
expect PASS 'proxy to Natter'
expect FAIL 'WebSocket through the proxy' 'the proxy does not pass the upgrade'
expect_fix 'proxy_set_header Upgrade'
pass "a proxy without WebSocket upgrades fails, and doctor says it is the proxy"

# 5. The sign-in provider refuses our client (a wrong client id: the same answer a provider
# gives for a callback URL it does not know), and an issuer that does not answer.
write_env "$work/provider.env2" "https://localhost:$public_port" "$(database_url "$db")" \
    NATTER_GITHUB_CLIENT_ID=not-our-app "NATTER_OIDC_DEAD_ISSUER=http://127.0.0.1:$(free_port)/oidc" \
    NATTER_OIDC_DEAD_CLIENT_ID=x NATTER_OIDC_DEAD_CLIENT_SECRET=y
doctor "$work/provider.env2" --ca-file "$caddy_ca" --local "127.0.0.1:$port_main"
expect FAIL 'sign-in with github' 'refused the sign-in request'
expect_fix "NATTER_GITHUB_CLIENT_ID and that the provider's app lists exactly https://localhost:$public_port/api/v1/auth/github/callback"
expect FAIL 'sign-in with dead' 'does not answer'
expect PASS 'sign-in with google'
pass "a provider that refuses the client or does not answer fails"

# 6. This machine's clock five minutes ahead of the database's (libfaketime moves only
# doctor's clock; the certificate is still valid then).
command -v faketime >/dev/null || fail "faketime is missing (make deps installs it)"
run_doctor() { faketime -f +300s "$NATTER_SERVER_BIN" "$@"; }
doctor_status=0
run_doctor doctor --env-file "$work/natter.env" --ca-file "$caddy_ca" --local "127.0.0.1:$port_main" \
    >"$work/doctor.out" 2>&1 || doctor_status=$?
expect FAIL clock '30[0-9]\.[0-9] s ahead of the database'
expect_fix 'timedatectl set-ntp true'
expect PASS database
pass "a clock five minutes off fails"

# 7. The database down: a cluster of its own for a server, stopped under it.
cluster=$work/pg
pg_cluster_init "$cluster/data" && pg_cluster_start "$cluster/data" "$cluster/socket"
stop_cluster() { pg_cluster_stop "$cluster/data"; }
ops_cleanup_hooks+=(stop_cluster)
down_url="host=$cluster/socket dbname=postgres user=postgres"
down_public=$(free_port)
write_env "$work/down.env" "https://localhost:$down_public" "$down_url"
mapfile -t down_env <"$work/down.env"
start_server down "${down_env[@]}"
wait_healthy "http://127.0.0.1:$port_down"
start_caddy down "$down_public" "127.0.0.1:$port_down"
stop_cluster
for _ in $(seq 100); do
    [ "$(curl -s -o /dev/null -w '%{http_code}' "http://127.0.0.1:$port_down/healthz")" = 503 ] && break
    sleep 0.1
done
doctor "$work/down.env" --ca-file "$caddy_ca" --local "127.0.0.1:$port_down"
expect FAIL database 'cannot connect'
expect_fix 'systemctl status postgresql'
expect SKIP migrations
expect FAIL 'local server' 'its database is down'
expect FAIL 'proxy to Natter' 'database is down'
pass "the database down fails: the database, the server's health, and through the proxy"

# 8. Example values and a development login behind a public URL.
write_env "$work/example.env" "https://chat.example.org" "$(database_url "$db")" NATTER_DEV_LOGIN=1 \
    NATTER_DEV_LOGIN_ALLOW_NONLOOPBACK=1
sed -i "s/^NATTER_JWT_SIGNING_KEY=.*/NATTER_JWT_SIGNING_KEY=CHANGE_ME_TO_48_RANDOM_BYTES_IN_BASE64/" "$work/example.env"
doctor "$work/example.env" --local "127.0.0.1:$port_main"
expect FAIL 'signing key' 'example'
expect FAIL 'public URL' 'still the example'
expect FAIL 'development login' 'anyone can sign in as anyone'
expect_fix 'openssl rand -base64 48'
pass "example values and a public development login fail"
