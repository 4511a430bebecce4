#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""The "under attack" figure of docs/security.md (issue #11).

While SLOW connections trickle request headers one byte at a time and FLOODERS hammer the
development login and OAuth start as fast as they can (from one attacker address, through
X-Forwarded-For as Caddy would pass it), a normal user from another address signs in, sends
a message over REST and receives it on a WebSocket, again and again. Prints the normal
user's latencies (p50/p99), what the attackers got, and the server's peak RSS.

Usage: scripts/under-attack.py PORT PID [--slow 2000] [--seconds 30]
(a server started with NATTER_DEV_LOGIN=1 and a GitHub provider configured, rate limits on).
Standard library only.
"""
import argparse
import asyncio
import base64
import json
import os
import statistics
import time

HOST = "127.0.0.1"


def peak_rss_mb(pid):
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    return -1


async def request(reader, writer, method, path, body=None, headers=None):
    data = json.dumps(body).encode() if body is not None else b""
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}", f"Content-Length: {len(data)}"]
    if body is not None:
        lines.append("Content-Type: application/json")
    for name, value in (headers or {}).items():
        lines.append(f"{name}: {value}")
    writer.write(("\r\n".join(lines) + "\r\n\r\n").encode() + data)
    await writer.drain()
    head = await reader.readuntil(b"\r\n\r\n")
    status = int(head.split(b" ")[1])
    length = 0
    for line in head.split(b"\r\n"):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    payload = await reader.readexactly(length) if length else b""
    return status, payload


async def slow_client(port, stop):
    """Slowloris: opens, trickles a header byte a second, reopens when cut off."""
    cut = 0
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            writer.write(b"GET /healthz HTTP/1.1\r\nHost: x\r\n")
            while not stop.is_set():
                writer.write(b"X")
                await writer.drain()
                await asyncio.sleep(1)
                if reader.at_eof():
                    break
        except (ConnectionError, OSError):
            pass
        cut += 1
        await asyncio.sleep(0.5)
    return cut


async def flooder(port, stop, counts):
    address = "203.0.113.66"  # the attacker, as our proxy would report it
    while not stop.is_set():
        try:
            reader, writer = await asyncio.open_connection(HOST, port)
            while not stop.is_set():
                status, _ = await request(reader, writer, "POST", "/api/v1/auth/dev/login",
                                          {"name": "flood"}, {"X-Forwarded-For": address})
                counts[status] = counts.get(status, 0) + 1
                status, _ = await request(reader, writer, "GET", "/api/v1/auth/github/start",
                                          None, {"X-Forwarded-For": address})
                counts[status] = counts.get(status, 0) + 1
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            await asyncio.sleep(0.05)


async def ws_open(port, token):
    reader, writer = await asyncio.open_connection(HOST, port)
    key = base64.b64encode(os.urandom(16)).decode()
    writer.write((f"GET /api/v1/ws HTTP/1.1\r\nHost: {HOST}\r\nUpgrade: websocket\r\n"
                  f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\n"
                  f"Sec-WebSocket-Version: 13\r\nAuthorization: Bearer {token}\r\n\r\n").encode())
    await writer.drain()
    await reader.readuntil(b"\r\n\r\n")
    return reader, writer


def ws_send(writer, text):
    """A masked text frame, as clients must send."""
    payload = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81])
    if len(payload) < 126:
        header += bytes([0x80 | len(payload)])
    else:
        header += bytes([0x80 | 126]) + len(payload).to_bytes(2, "big")
    writer.write(header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload)))


async def ws_frame(reader):
    first, second = await reader.readexactly(2)
    length = second & 0x7F
    if length == 126:
        length = int.from_bytes(await reader.readexactly(2), "big")
    elif length == 127:
        length = int.from_bytes(await reader.readexactly(8), "big")
    payload = await reader.readexactly(length)
    return first & 0x0F, payload


async def normal_user(port, stop, latencies, round_number):
    """One round: sign in, open a socket, create a group, send, receive the message."""
    address = f"198.51.100.{1 + round_number % 250}"
    started = time.perf_counter()
    reader, writer = await asyncio.open_connection(HOST, port)
    status, body = await request(reader, writer, "POST", "/api/v1/auth/dev/login",
                                 {"name": f"normal{round_number}"}, {"X-Forwarded-For": address})
    assert status == 200, status
    token = json.loads(body)["access_token"]
    auth = {"Authorization": f"Bearer {token}", "X-Forwarded-For": address}
    status, _ = await request(reader, writer, "PUT", "/api/v1/users/me/username",
                              {"username": f"normal_{os.getpid()}_{round_number}"}, auth)
    assert status == 200, status
    latencies["sign_in"].append(time.perf_counter() - started)
    status, body = await request(reader, writer, "POST", "/api/v1/conversations",
                                 {"type": "group", "title": "t", "usernames": []}, auth)
    assert status == 201, status
    group = json.loads(body)["id"]
    ws_reader, ws_writer = await ws_open(port, token)
    while True:  # auth.ok
        _, payload = await ws_frame(ws_reader)
        if b"auth.ok" in payload:
            break
    ws_send(ws_writer, json.dumps({"type": "room.join", "id": "j",
                                   "data": {"conversation_id": group}}))
    while True:  # joined: live messages flow from here
        _, payload = await ws_frame(ws_reader)
        if b'"ack"' in payload:
            break
    sent = time.perf_counter()
    status, _ = await request(reader, writer, "POST", f"/api/v1/conversations/{group}/messages",
                              {"body_text": "hello under attack"}, auth)
    assert status == 201, status
    latencies["send"].append(time.perf_counter() - sent)
    while True:
        opcode, payload = await ws_frame(ws_reader)
        if opcode == 1 and b"message.new" in payload:
            break
    latencies["send_to_receive"].append(time.perf_counter() - sent)
    ws_writer.close()
    writer.close()


def percentile(values, fraction):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(fraction * len(ordered)))] * 1000


async def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("port", type=int)
    parser.add_argument("pid", type=int)
    parser.add_argument("--slow", type=int, default=2000)
    parser.add_argument("--flooders", type=int, default=8)
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--attack-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    stop = asyncio.Event()
    counts = {}
    if args.attack_only:
        # The attackers run in a process of their own, so their busy loop does not slow the
        # normal user's measurements on the client side.
        slow = [asyncio.create_task(slow_client(args.port, stop)) for _ in range(args.slow)]
        await asyncio.sleep(3)
        floods = [asyncio.create_task(flooder(args.port, stop, counts))
                  for _ in range(args.flooders)]
        await asyncio.sleep(args.seconds + 3)
        stop.set()
        await asyncio.gather(*floods, return_exceptions=True)
        for task in slow:
            task.cancel()
        await asyncio.gather(*slow, return_exceptions=True)
        print(f"attack answers: {dict(sorted(counts.items()))}")
        return
    rss_before = peak_rss_mb(args.pid)
    attack = await asyncio.create_subprocess_exec(
        "python3", __file__, str(args.port), str(args.pid), "--attack-only",
        "--slow", str(args.slow), "--flooders", str(args.flooders),
        "--seconds", str(args.seconds))
    await asyncio.sleep(6)  # slow connections piled up, flood running
    latencies = {"sign_in": [], "send": [], "send_to_receive": []}
    deadline = time.perf_counter() + args.seconds
    rounds = 0
    failures = 0
    while time.perf_counter() < deadline:
        try:
            await asyncio.wait_for(normal_user(args.port, stop, latencies, rounds), 10)
        except Exception as error:  # a failed round counts; the figure says how many
            failures += 1
            print("round failed:", repr(error))
        rounds += 1
    await attack.wait()
    print(f"slow connections: {args.slow}, flooders: {args.flooders}, {args.seconds:.0f} s")
    print(f"normal user: {rounds} rounds, {failures} failed")
    for name, values in latencies.items():
        if values:
            print(f"  {name}: p50 {percentile(values, 0.5):.1f} ms, "
                  f"p99 {percentile(values, 0.99):.1f} ms, max {max(values) * 1000:.1f} ms "
                  f"(n={len(values)})")
    print(f"server peak RSS: {rss_before:.0f} MB before, {peak_rss_mb(args.pid):.0f} MB after")


if __name__ == "__main__":
    asyncio.run(main())
