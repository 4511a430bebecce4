#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make deps`: installs with apt what a fresh Debian 12 lacks to build, run and test Natter.
# Quick when everything is there: it only asks dpkg.
set -euo pipefail

packages=(
    build-essential cmake ninja-build pkg-config git clang clang-format clang-tidy
    libclang-rt-14-dev
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
    libqt6sql6-psql libqt6sql6-sqlite
    qt6-declarative-dev qt6-declarative-dev-tools qtkeychain-qt6-dev
    qml6-module-qtquick qml6-module-qtquick-controls qml6-module-qtquick-layouts libqt6svg6
    qt6-image-formats-plugins
    qml6-module-qtquick-window qml6-module-qtquick-templates qml6-module-qtqml-workerscript
    qml6-module-qtquick-dialogs qml6-module-qttest qml6-module-qt-labs-platform
    qml6-module-qt-labs-settings qml6-module-qtqml-models qml6-module-qtqml
    qml6-module-qt-labs-folderlistmodel
    libjwt-dev libssl-dev libgl1-mesa-dev libpq-dev
    nats-server libnats-dev
    postgresql postgresql-contrib postgresql-client
    chromium fonts-noto-color-emoji unicode-data xvfb xauth curl ca-certificates util-linux caddy
    jq file dpkg-dev faketime dbus-daemon gnome-keyring desktop-file-utils imagemagick iproute2
)

missing=()
for package in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
        missing+=("$package")
done
# Node.js may come from elsewhere (NodeSource ships npm inside nodejs); only without it do we
# take Debian's.
command -v npm >/dev/null 2>&1 || missing+=(nodejs npm)
if [ "${#missing[@]}" -eq 0 ]; then
    exit 0
fi
echo "Installing: ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" = 0 ] || sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
