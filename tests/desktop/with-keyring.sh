#!/bin/sh
# SPDX-License-Identifier: Apache-2.0
# Runs a command with a real Secret Service: a private D-Bus session bus, a throwaway home and
# gnome-keyring-daemon unlocked with a test password (its login keyring is created on first
# use). Used by tst_desktop_keychain.  Usage: with-keyring.sh COMMAND [ARGS...]
set -eu
home=$(mktemp -d /tmp/natter-keyring.XXXXXX)
trap 'rm -rf "$home"' EXIT
export HOME="$home" XDG_DATA_HOME="$home/.local/share" XDG_RUNTIME_DIR="$home/run"
mkdir -p "$XDG_RUNTIME_DIR" && chmod 700 "$XDG_RUNTIME_DIR"
dbus-run-session -- sh -c '
    printf "%s" "natter-test-password" |
        gnome-keyring-daemon --daemonize --unlock --components=secrets >/dev/null
    exec "$@"' sh "$@"
