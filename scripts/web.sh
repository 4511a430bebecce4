#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# `make web`: installs the web app's packages when package-lock.json changed, then builds
# web/dist, which natter-server serves at /.
set -euo pipefail
web=$(cd "$(dirname "$0")/../web" && pwd)
cd "$web"
[ -f package.json ] || exit 0
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    npm ci --no-audit --no-fund --loglevel=error
fi
npm run build --silent
