#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds natter-server and the web app here, copies them to a Debian 12 host over ssh, applies
# migrations and restarts the units one at a time (so one process keeps serving).
#   packaging/deploy.sh user@chat.example.org [ports...]      (default ports: 8081 8082)
# The host needs once: apt install caddy postgresql libqt6httpserver6 libqt6websockets6
# libqt6sql6-psql libjwt0; a `natter` system user; /etc/natter/natter.env (see
# packaging/systemd/natter.env.example); packaging/caddy/Caddyfile as /etc/caddy/Caddyfile.
set -euo pipefail
host=${1:?usage: deploy.sh user@host [ports...]}
shift
ports=("$@")
[ "${#ports[@]}" -gt 0 ] || ports=(8081 8082)
root=$(cd "$(dirname "$0")/.." && pwd)

cmake -S "$root" -B "$root/build-release" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DNATTER_BUILD_DESKTOP=OFF -DNATTER_BUILD_TESTS=OFF >/dev/null
cmake --build "$root/build-release"
(cd "$root/web" && npm ci --no-audit --no-fund && npm run build)

stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT
install -D -m 0755 "$root/build-release/server/natter-server" "$stage/usr/bin/natter-server"
mkdir -p "$stage/usr/share/natter"
cp -r "$root/web/dist" "$stage/usr/share/natter/web"
install -D -m 0644 "$root/packaging/systemd/natter@.service" "$stage/etc/systemd/system/natter@.service"
tar -C "$stage" -czf "$stage.tar.gz" .

scp "$stage.tar.gz" "$host:/tmp/natter-release.tar.gz"
ssh "$host" sudo bash -s -- "${ports[@]}" <<'REMOTE'
set -euo pipefail
tar -C / -xzf /tmp/natter-release.tar.gz --no-same-owner
rm /tmp/natter-release.tar.gz
systemctl daemon-reload
set -a; . /etc/natter/natter.env; set +a
runuser -u natter -- /usr/bin/natter-server migrate
for port in "$@"; do
    systemctl enable "natter@$port" >/dev/null
    systemctl restart "natter@$port"
    for _ in $(seq 30); do
        curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null && break
        sleep 1
    done
    curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "natter@$port is not healthy" >&2; exit 1; }
done
systemctl reload caddy
echo "deployed"
REMOTE
rm -f "$stage.tar.gz"
