#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Server benchmark: a throwaway PostgreSQL cluster, one natter-server (or two with
# PROCESSES=2, on one database), and natter-bench-server against it. Prints throughput,
# latency percentiles and the server's peak memory. Arguments go to natter-bench-server.
#   bash scripts/bench-server.sh --users 20 --senders 8 --messages 2000
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
. "$root/scripts/lib-postgres.sh"
. "$root/scripts/lib-server.sh"
build=${BUILD_DIR:-$root/build}
processes=${PROCESSES:-1}
natter_workspace natter-bench

for i in $(seq "$processes"); do
    DATABASE_URL="$database" NATTER_LISTEN=127.0.0.1:0 NATTER_DEV_LOGIN=1 NATTER_DATA_DIR="$work" \
        QT_LOGGING_RULES="natter.http.info=false" \
        start_natter_server "$build/server/natter-server" "$work/server$i.log"
    if ((i == 1)); then first_port=$port; fi
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB; processes: $processes"
"$build/tests/bench/natter-bench-server" --url "http://127.0.0.1:$first_port" "$@"
i=0
for pid in $server_pids; do
    i=$((i + 1))
    echo "server $i peak RSS: $(awk '/VmHWM/{print $2, $3}' "/proc/$pid/status")"
done
