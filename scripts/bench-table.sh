#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Turns the JSON lines of scripts/bench.sh into the Markdown table of docs/benchmarks.md.
set -euo pipefail
results=$1
q() { jq -rs "$1" "$results"; }
pg=$(q 'map(select(.scenario == "pgbench"))[0]')
insert1=$(echo "$pg" | jq .insert_1)
insert8=$(echo "$pg" | jq .insert_8)
history8=$(echo "$pg" | jq .history_8)
# The server's own page statement under pgbench (absent from runs before it was added: 0).
historyPage8=$(echo "$pg" | jq '.history_page_8 // 0')
# The same statement just before and after Natter's history run (absent from older runs: the
# start's figure stands in).
aroundHistory=$(q "[.[] | select(.scenario == \"pgbench_history\") | .history_page_8] | if length > 0 then (add / length | floor) else $historyPage8 end")
aroundPair=$(q '[.[] | select(.scenario == "pgbench_history") | .history_page_8 | tostring] | join(" / ")')
echo "Measured $(date -u +%Y-%m-%d) on $(nproc) cores (load client, server and PostgreSQL together), NATTER_RATE_LIMITS=off."
echo
echo "| PostgreSQL ceiling (pgbench -M prepared, Natter's schema, fsync on) | per second |"
echo "|---|---|"
echo "| single-row message insert (seq from UPDATE ... RETURNING), 1 client | $insert1 |"
echo "| the same, 8 clients | $insert8 |"
echo "| history SELECT (50 rows, block filter), 8 clients | $history8 |"
echo "| history page statement exactly as the server sends it (same parameters), 8 clients | $historyPage8 |"
if [ -n "$aroundPair" ]; then
    echo "| the same statement just before / after Natter's history run (the database as that run finds it), 8 clients | $aroundPair |"
fi
echo
echo "| fan-out: 1,000 sockets, 100 groups of 10, one sender socket per group | messages/s sent | deliveries/s | delivered | send → socket p50 / p99 | server cores | load client cores |"
echo "|---|---|---|---|---|---|---|"
q '.[] | select(.scenario == "fanout") | "| \(.rate) messages/s offered | \(.sent_per_s) | \(.deliveries_per_s) | \(if .expected > 0 then (1000 * .deliveries / .expected | floor) / 10 else 0 end) % | \(.delivery_p50_ms) / \(.delivery_p99_ms) ms | \(.server_cores) | \(.client_cores) |"'
echo
echo "| persisted sends (closed loop over sockets) | acked/s | × pgbench 8-client insert | ack p50 / p99 | deliveries/s | server cores | load client cores |"
echo "|---|---|---|---|---|---|---|"
jq -r --argjson pg "$insert8" 'select(.scenario == "throughput") | "| \(if .groups == 1 then "one busy group (10 senders × \(.window) in flight)" else "100 groups (1 sender each × \(.window) in flight)" end) | \(.acked_per_s) | \((100 * .acked_per_s / $pg | floor) / 100) | \(.ack_p50_ms) / \(.ack_p99_ms) ms | \(.deliveries_per_s) | \(.server_cores) | \(.client_cores) |"' "$results"
echo
echo "| history and reconnects | result | × pgbench (the page statement around the run; at the start; the plain SELECT) | server cores | load client cores |"
echo "|---|---|---|---|---|"
jq -r --argjson pg "$history8" --argjson page "$historyPage8" --argjson around "$aroundHistory" 'def ratio(ref): if ref > 0 then (100 * .pages_per_s / ref | floor) / 100 else "–" end; select(.scenario == "history") | "| history pages (50 messages), \(.clients) clients | \(.pages_per_s) pages/s, p50 \(.p50_ms) ms, p99 \(.p99_ms) ms | \(ratio($around)); \(ratio($page)); \(ratio($pg)) | \(.server_cores) | \(.client_cores) |"' "$results"
jq -r 'select(.scenario == "storm") | "| reconnect storm: \(.sockets) sockets dropped, all reconnect at once | every one authenticated after \(.reconnect_s) s (first connect \(.first_connect_s) s) | | \(.server_cores) | \(.client_cores) |"' "$results"
echo
echo "| idle authenticated sockets | server memory per socket | heartbeat CPU (server) | extrapolated to 100,000 sockets | load client cores |"
echo "|---|---|---|---|---|"
jq -r 'select(.scenario == "idle") | "| \(.sockets) (\(.still_open) still open at the end) | \(.kb_per_socket) KB | \((.server_cores * 1000 | floor) / 10) % of a core | \((.kb_per_socket * 100000 / 1024 | floor)) MB, \((.server_cores * 100000 / .sockets * 1000 | floor) / 10) % of a core | \(.client_cores) |"' "$results"
