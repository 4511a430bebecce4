#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Sourced: free_port, for programs that cannot listen on port 0 and report the port (Caddy, or
# scripts that must know a server's port before starting it).

# free_port: a TCP port on 127.0.0.1 that nobody listens on right now, taken below Linux's
# ephemeral range (32768-60999 by default). A port inside that range can be the local end of
# any outgoing connection, and one lingering in TIME-WAIT makes listen() fail with "address
# already in use" though no one listens: on a box busy with tests that happened (deploy_caddy,
# ops_doctor). Another process can still take the port before we bind: callers retry.
free_port() {
    local low=20000 high
    high=$(cut -f1 /proc/sys/net/ipv4/ip_local_port_range 2>/dev/null || echo 32768)
    local port
    while :; do
        port=$((low + RANDOM % (high - low)))
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
    done
}
