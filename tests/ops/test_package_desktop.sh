#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# The desktop package for real (#16 item 5): build natter_<version>_amd64.deb from this build
# (`cpack -G DEB`, as `make package-desktop`), install it with apt, validate its .desktop file,
# check every shared library of the installed binary resolves, start the app from the desktop
# file's Exec line under xvfb-run against a real server, screenshot the window it opens, and
# remove the package.
. "$(dirname "$0")/lib.sh"
if [ "$(id -u)" != 0 ]; then
    echo "SKIP: installing a package needs root (CI runs as root)"
    exit 77
fi
: "${NATTER_BUILD_DIR:?}"
for tool in desktop-file-validate xvfb-run import convert; do
    command -v "$tool" >/dev/null || fail "$tool is missing: run scripts/deps.sh (desktop-file-utils, xvfb, imagemagick)"
done

# One desktop package test per machine at a time (worktrees share /usr).
exec 8>/var/lock/natter-desktop-package-test.lock
flock -w 900 8 || fail "another desktop package test holds /var/lock/natter-desktop-package-test.lock"
if dpkg-query -W -f='${Status}' natter 2>/dev/null | grep -q 'install ok'; then
    fail "natter is already installed here; this test would replace it (apt-get remove natter)"
fi
leave_machine_as_found() {
    if dpkg-query -W -f='${Status}' natter 2>/dev/null | grep -q 'ok'; then
        apt_get remove natter >/dev/null 2>&1 || dpkg -r natter >/dev/null 2>&1
    fi
}
ops_cleanup_hooks+=(leave_machine_as_found)

(cd "$NATTER_BUILD_DIR" && cpack -G DEB -B "$work/packages") >"$work/cpack.log" 2>&1 ||
    fail "cpack: $(tail -n 20 "$work/cpack.log")"
deb=$(ls "$work"/packages/natter_*.deb)
apt_get install --no-install-recommends "$deb" >"$work/install.log" 2>&1 ||
    fail "apt-get install $deb: $(cat "$work/install.log")"
pass "built and installed $(basename "$deb")"

desktop_file=/usr/share/applications/natter.desktop
for path in /usr/bin/natter "$desktop_file" /usr/share/icons/hicolor/scalable/apps/natter.svg \
    /usr/share/icons/hicolor/256x256/apps/natter.png; do
    [ -e "$path" ] || fail "the package did not install $path"
done
desktop-file-validate "$desktop_file" >"$work/validate.log" 2>&1 ||
    fail "desktop-file-validate: $(cat "$work/validate.log")"
# It may pass with hints; anything it says is worth fixing.
[ ! -s "$work/validate.log" ] || fail "desktop-file-validate has remarks: $(cat "$work/validate.log")"
pass "$desktop_file is valid"
# natter: URLs (invite links, #14) open the app: the desktop file claims the scheme, and the
# MIME cache that desktop-file-utils' dpkg trigger rebuilds names the app for it.
grep -qx 'MimeType=x-scheme-handler/natter;' "$desktop_file" ||
    fail "$desktop_file does not claim x-scheme-handler/natter"
grep -q '^x-scheme-handler/natter=.*natter\.desktop' /usr/share/applications/mimeinfo.cache ||
    fail "the MIME cache does not send natter: URLs to natter.desktop"
pass "natter: URLs open Natter"

ldd /usr/bin/natter >"$work/ldd.txt" 2>&1 || fail "ldd /usr/bin/natter: $(cat "$work/ldd.txt")"
if grep -q 'not found' "$work/ldd.txt"; then fail "unresolved libraries: $(grep 'not found' "$work/ldd.txt")"; fi
pass "all $(grep -c '=>' "$work/ldd.txt") shared libraries of /usr/bin/natter resolve"

# The Exec line as a launcher runs it: field codes (%u, %f, ...) dropped, no URL given.
exec_line=$(sed -n 's/^Exec=//p' "$desktop_file" | head -n 1)
command=$(echo "$exec_line" | sed 's/ *%[fFuUdDnNickvm]//g')
[ "$command" = natter ] || fail "unexpected Exec line '$exec_line'"

# A real server, so the app opens to its sign-in page (nothing remembered: a fresh HOME).
create_database natter_desktop_pkg_$$
start_server app DATABASE_URL="$(database_url natter_desktop_pkg_$$)" NATTER_DEV_LOGIN=1
base=http://127.0.0.1:$port_app
wait_healthy "$base"
mkdir -p "$work/home" "$work/runtime"
chmod 700 "$work/runtime"
shot=${NATTER_DESKTOP_PACKAGE_SHOT:-$work/natter-installed.png}
# Inside the X server: start the app by its Exec line, take screenshots until the window has
# drawn something (more than a handful of colours), make sure the app is still running.
cat >"$work/inside-x.sh" <<INNER
set -u
env -i PATH=/usr/bin:/bin HOME="$work/home" XDG_RUNTIME_DIR="$work/runtime" DISPLAY="\$DISPLAY" XAUTHORITY="\${XAUTHORITY:-}" \
    NATTER_SERVER_URL="$base" NATTER_KEYCHAIN=off QT_QPA_PLATFORM=xcb LIBGL_ALWAYS_SOFTWARE=1 \
    $command >"$work/app.log" 2>&1 &
app=\$!
for _ in \$(seq 60); do
    sleep 0.5
    kill -0 \$app 2>/dev/null || { echo "the app exited"; exit 1; }
    import -window root "$shot" 2>>"$work/import.log" || continue
    colours=\$(convert "$shot" -format %k info:)
    # The sign-in page (logo, text, a button) has hundreds of colours; a bare root window one.
    [ "\$colours" -gt 50 ] && break
done
echo "colours=\$colours"
kill -0 \$app 2>/dev/null || { echo "the app exited"; exit 1; }
kill -TERM \$app
wait \$app || true # killed by the signal: that is how this test ends it
INNER
# Our own auth file: xvfb-run's temporary folder is then not needed (nor left behind). The
# lock's descriptor is not handed down: an Xvfb that outlived a failed run would hold it.
xvfb-run -a -f "$work/Xauthority" -s "-screen 0 1280x800x24" bash "$work/inside-x.sh" >"$work/x.log" 2>&1 8>&- ||
    fail "the installed app under xvfb: $(cat "$work/x.log")"
colours=$(sed -n 's/^colours=//p' "$work/x.log")
[ "${colours:-0}" -gt 50 ] || fail "the window never drew (screenshot has ${colours:-no} colours)"
# A package missing a QML module or plugin shows up here first (the window may still draw).
if grep -iE 'qrc:|qml|QSql|plugin|not installed|cannot|could not|failed' "$work/app.log" >"$work/app-warnings.txt"; then
    fail "the installed app warned: $(cat "$work/app-warnings.txt")"
fi
pass "the app, started by its desktop file's Exec line, shows its window ($shot, $colours colours)"

apt_get remove natter >"$work/remove.log" 2>&1 || fail "apt-get remove natter: $(cat "$work/remove.log")"
[ ! -e /usr/bin/natter ] || fail "removing the package left /usr/bin/natter"
[ ! -e "$desktop_file" ] || fail "removing the package left $desktop_file"
pass "removing the package removes the app and its desktop file"
