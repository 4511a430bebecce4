#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make lint`: clang-format check, clang-tidy over the server, the shared library and the
# desktop app, qmllint over every QML module (settings in qml/.qmllint.ini), and the web app's
# tsc/ESLint/Prettier when it is present.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build}
cd "$root"
status=0

echo "clang-format --dry-run"
git ls-files '*.cpp' '*.h' | xargs clang-format --dry-run --Werror || status=1

echo "clang-tidy"
git ls-files 'server/*.cpp' 'shared/*.cpp' 'client-desktop/*.cpp' |
    xargs -P "$(nproc)" -n 8 clang-tidy -p "$build_dir" --quiet \
        --checks='-*,bugprone-*,-bugprone-easily-swappable-parameters,performance-*,-performance-unnecessary-value-param' \
        --warnings-as-errors='*' 2>/dev/null || status=1

if grep -q '^NATTER_BUILD_DESKTOP:BOOL=ON' "$build_dir/CMakeCache.txt" 2>/dev/null; then
    # The desktop app's QML modules, against the qmltypes the build generates (Natter.Core's
    # among them), so it needs the build's generated files first.
    echo "qmllint"
    cmake --build "$build_dir" --target natter_desktop_core all_qmllint || status=1
fi

if [ -f web/package.json ]; then
    echo "web: tsc, eslint, prettier"
    (cd web && npm run lint) || status=1
fi
exit $status
