#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs or upgrades natter-server on a Debian 12 / Ubuntu 24.04 host over ssh, as its .deb
# package, then restarts the running natter@ units one at a time (each checked healthy before
# the next), so one process keeps serving. docs/deploy.md walks through a whole first install.
#
#   packaging/deploy.sh user@chat.example.org              build on the host, then install
#   packaging/deploy.sh --deb natter-server_0.1.0_arm64.deb user@chat.example.org
#
# Without --deb, the web app is built here (it is the same on every machine; the host needs no
# Node.js) and the server on the host, for the host's own system and architecture (a package
# built on Debian 12 x86-64 does not fit an Ubuntu ARM VM). The host needs sudo; the script
# installs the build tools it lacks with apt. With --deb, that package is installed as it is:
# it must have been built for the host's distribution and architecture (the CI release
# artifacts are Debian 12, amd64).
set -euo pipefail
usage() { echo "usage: deploy.sh [--deb FILE] user@host" >&2; exit 2; }
deb=""
while [ $# -gt 0 ]; do
    case $1 in
    --deb) deb=${2:?}; shift 2 ;;
    -h | --help) usage ;;
    *) break ;;
    esac
done
[ $# -eq 1 ] || usage
host=$1
root=$(cd "$(dirname "$0")/.." && pwd)
ssh_cmd=${NATTER_DEPLOY_SSH:-ssh}
scp_cmd=${NATTER_DEPLOY_SCP:-scp}
stage=$(mktemp -d)
trap 'rm -rf "$stage"' EXIT

if [ -n "$deb" ]; then
    [ -f "$deb" ] || { echo "deploy.sh: no such package: $deb" >&2; exit 2; }
    cp "$deb" "$stage/"
else
    echo "Building the web app here..."
    make -C "$root" --no-print-directory web >/dev/null
    # The committed sources plus the built web app: what the host builds from.
    git -C "$root" archive --format=tar --prefix=natter/ HEAD >"$stage/natter-src.tar"
    tar -C "$root" --transform 's,^,natter/,' -rf "$stage/natter-src.tar" web/dist
    gzip "$stage/natter-src.tar"
fi

echo "Copying to $host..."
$ssh_cmd "$host" 'rm -rf /tmp/natter-deploy && mkdir -p /tmp/natter-deploy'
$scp_cmd -q "$stage"/* "$host:/tmp/natter-deploy/"

$ssh_cmd "$host" sudo bash -s <<'REMOTE'
set -euo pipefail
cd /tmp/natter-deploy
export DEBIAN_FRONTEND=noninteractive
apt_get() { apt-get -o DPkg::Lock::Timeout=600 -qq "$@"; }

if [ -f natter-src.tar.gz ]; then
    # What building the server package needs: no Node.js (the web app came built), no tests,
    # no desktop app.
    apt_get update
    apt_get install --no-install-recommends build-essential cmake ninja-build pkg-config \
        qt6-base-dev qt6-httpserver-dev qt6-websockets-dev libqt6sql6-psql libjwt-dev libssl-dev libnats-dev \
        dpkg-dev file >/dev/null
    tar -xzf natter-src.tar.gz
    # Compiling takes about 1 GB per job: one job per 2 GB of memory.
    jobs=$(awk '/MemTotal/ { j = int($2 / 2097152); print (j < 1 ? 1 : j) }' /proc/meminfo)
    jobs=$((jobs > $(nproc) ? $(nproc) : jobs))
    echo "Building natter-server on $(hostname) with $jobs jobs..."
    cmake -S natter -B natter/build -G Ninja -DCMAKE_BUILD_TYPE=Release \
        -DNATTER_BUILD_DESKTOP=OFF -DNATTER_BUILD_TESTS=OFF >/dev/null
    cmake --build natter/build -j "$jobs" --target natter-server >/dev/null
    cpack --config natter/build/CPackServerConfig.cmake -B . >/dev/null
fi

package=$(ls natter-server_*.deb)
echo "Installing $package..."
command -v curl >/dev/null || apt_get install curl >/dev/null
# The restart below goes one process at a time; the package's own would restart all at once.
NATTER_DEFER_RESTART=1 apt_get install --no-install-recommends "./$package" >/dev/null

running=""
if [ -d /run/systemd/system ]; then
    running=$(systemctl list-units --plain --no-legend --state=running 'natter@*' | awk '{ print $1 }')
fi
if [ -z "$running" ]; then
    if grep -q '^DATABASE_URL=.' /etc/natter/natter.env; then
        echo "No natter@ unit runs; start them: systemctl enable --now natter@8081 natter@8082"
    else
        echo "Installed. Next: sudo natter-server setup --public-url https://your.domain"
    fi
else
    # One at a time, each healthy before the next: Caddy sends clients to the others meanwhile.
    for unit in $running; do
        port=${unit#natter@}
        port=${port%.service}
        systemctl restart "$unit"
        for _ in $(seq 30); do
            curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && break
            sleep 1
        done
        curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null || { echo "$unit is not healthy" >&2; exit 1; }
        echo "$unit restarted and healthy"
    done
fi
cd / && rm -rf /tmp/natter-deploy
echo "Deployed $(dpkg-query -W -f='${Package} ${Version}' natter-server). Check it: sudo natter-server doctor"
REMOTE
