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
    url = urllib.parse.urlparse(base)
    headers = {'Authorization': 'Bearer ' + token}

    def get(path):
        # A connection per request: the server may close an idle keep-alive one between two.
        connection = http.client.HTTPConnection(url.hostname, url.port)
        started = time.perf_counter()
        connection.request('GET', url.path + path, headers=headers)
        response = connection.getresponse()
        body = response.read()
        connection.close()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f'{path}: {response.status} {body[:200]!r}')
        return elapsed, json.loads(body)

    for scope, extra in (('all 50 conversations', ''), ('one conversation', '&conversation_id=' + one)):
        times = []
        counts = []
        slowest = []
        for q in queries():
            path = '/search/messages?limit=20&q=' + urllib.parse.quote(q) + extra
            get(path)  # warm-up
            for _ in range(REPEAT):
                elapsed, answer = get(path)
                times.append(elapsed)
                counts.append(len(answer['results']))
                slowest.append((elapsed, q))
        times.sort()
        p95 = times[int(len(times) * 0.95) - 1]
        print(f'{scope}: {len(times)} searches, p50 {statistics.median(times):.1f} ms, '
              f'p95 {p95:.1f} ms, max {times[-1]:.1f} ms; results per search: median '
              f'{statistics.median(counts):.0f}, {sum(1 for c in counts if c == 0)} empty')
        slowest.sort(reverse=True)
        print('  slowest: ' + ', '.join(f'"{q}" {t:.0f} ms' for t, q in slowest[:5]))
        # What the p95 is made of: the queries of the slowest 5 %, how many of their searches.
        tail = {}
        for _, q in slowest[:len(slowest) // 20]:
            tail[q] = tail.get(q, 0) + 1
        print('  slowest 5 %: ' + ', '.join(f'"{q}" x{n}' for q, n in tail.items()))


if __name__ == '__main__':
    main()
