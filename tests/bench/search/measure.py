#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Times GET /api/v1/search/messages on the data of generate.sql (scripts/bench-search.sh).

Queries: the 40 real words (the most common of the vocabulary), made-up words of ranks from
50 to 19,000 (rarer and rarer), 2- and 3-letter prefixes, two-word queries, and accent or
case variants ("cafe", "MUNCHEN", "strasse"). Each is asked REPEAT times, across all conversations and within one; the first round warms the caches and
is not counted. Prints p50, p95 and max in milliseconds, client side (request to last byte).
"""
import hashlib
import http.client
import json
import os
import statistics
import sys
import time
import urllib.parse

REAL = ['hello', 'lunch', 'meeting', 'tomorrow', 'café', 'déjà', 'über', 'naïve', 'été',
        'soirée', 'coffee', 'deadline', 'release', 'weekend', 'football', 'pizza', 'birthday',
        'holiday', 'project', 'budget', 'review', 'morgen', 'gestern', 'straße', 'mañana',
        'niño', 'fête', 'garçon', 'résumé', 'crème', 'brûlée', 'jalapeño', 'piñata', 'zürich',
        'köln', 'münchen', 'thanks', 'please', 'sorry', 'great']
REPEAT = 5


def made_up(rank):
    digest = hashlib.md5(str(rank).encode()).hexdigest()
    return digest.translate(str.maketrans('0123456789', 'ghijklmnop'))[:4 + rank % 6]


def run_ns(pid):
    """CPU time a process (all its threads) has run, in ns (schedstat, not the 10 ms ticks)."""
    total = 0
    try:
        for task in os.listdir(f'/proc/{pid}/task'):
            with open(f'/proc/{pid}/task/{task}/schedstat') as stat:
                total += int(stat.read().split()[0])
    except (FileNotFoundError, ProcessLookupError):
        pass  # it ended between the listing and the read
    return total


def cpu_ns(server, postmaster):
    """CPU of natter-server and of every PostgreSQL process of the cluster: what a search
    costs in work, which a loaded machine does not inflate the way it inflates wall time."""
    pids = [server]
    for entry in os.listdir('/proc'):
        if entry.isdigit():
            try:
                with open(f'/proc/{entry}/stat') as stat:
                    if int(stat.read().rsplit(')', 1)[1].split()[1]) == postmaster:
                        pids.append(int(entry))
            except (FileNotFoundError, ProcessLookupError, IndexError):
                pass
    return sum(run_ns(pid) for pid in pids)


def queries():
    found = list(REAL)
    found += [made_up(rank) for rank in (50, 80, 120, 200, 350, 500, 800, 1200, 2000, 3500,
                                          5000, 8000, 12000, 16000, 19000)]
    found += ['he', 'lu', 'me', 'caf', 'pro', 'bir', 'mü', 'ab', 'gh', 'jkl']
    found += ['hello lunch', 'coffee tomorrow', 'birthday pizza', 'meeting ' + made_up(500),
              made_up(100) + ' ' + made_up(3000)]
    found += ['cafe', 'MUNCHEN', 'strasse', 'Zurich', 'creme brulee', 'JALAPENO']
    return found


def main():
    base, token, one = sys.argv[1], sys.argv[2], sys.argv[3]
    # SEARCH_BENCH_PIDS="<natter-server pid> <postmaster pid>" adds CPU time per search.
    pids = [int(p) for p in os.environ.get('SEARCH_BENCH_PIDS', '').split()]
    url = urllib.parse.urlparse(base)
    headers = {'Authorization': 'Bearer ' + token}

    def get(path):
        # A connection per request: the server may close an idle keep-alive one between two.
        connection = http.client.HTTPConnection(url.hostname, url.port)
        cpu_before = cpu_ns(*pids) if pids else 0
        started = time.perf_counter()
        connection.request('GET', url.path + path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        cpu = (cpu_ns(*pids) - cpu_before) / 1e6 if pids else 0
        if response.status != 200:
            raise SystemExit(f'{path}: {response.status} {body[:200]!r}')
        return elapsed, cpu, json.loads(body)

    for scope, extra in (('all 50 conversations', ''), ('one conversation', '&conversation_id=' + one)):
        times = []
        cpus = []
        counts = []
        slowest = []
        for q in queries():
            path = '/search/messages?limit=20&q=' + urllib.parse.quote(q) + extra
            get(path)  # warm-up
            for _ in range(REPEAT):
                elapsed, cpu, answer = get(path)
                times.append(elapsed)
                cpus.append(cpu)
                counts.append(len(answer['results']))
                slowest.append((elapsed, q))
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f'{scope}: {len(times)} searches, p50 {statistics.median(times):.1f} ms, '
              f'p95 {p95:.1f} ms, max {times[-1]:.1f} ms; results per search: median '
              f'{statistics.median(counts):.0f}, {sum(1 for c in counts if c == 0)} empty')
        if pids:
            cpus.sort()
            print(f'  CPU per search (server + PostgreSQL): p50 {statistics.median(cpus):.1f} ms, '
                  f'p95 {cpus[int(len(cpus) * 0.95) - 1]:.1f} ms, max {cpus[-1]:.1f} ms, '
                  f'total {sum(cpus) / 1000:.2f} s')
        slowest.sort(reverse=True)
        print('  slowest: ' + ', '.join(f'"{q}" {t:.0f} ms' for t, q in slowest[:5]))
        # What the p95 is made of: the queries of the slowest 5 %, how many of their searches.
        tail = {}
        for _, q in slowest[:len(slowest) // 20]:
            tail[q] = tail.get(q, 0) + 1
        print('  slowest 5 %: ' + ', '.join(f'"{q}" x{n}' for q, n in tail.items()))


if __name__ == '__main__':
    main()
