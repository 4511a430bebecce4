# SPDX-License-Identifier: Apache-2.0
# Shared by the benchmark scripts (bench.sh, bench-sends.sh): the pgbench references their
# figures are ratios to. Source it after lib-postgres.sh.

# pgbench_insert_script FILE: the single-row message insert into one of the seed's 100 groups
# (natter-load seed), 150-byte body, numbered as the server numbers: the ceiling for sends.
# Every script writes the same one, so their ratios compare.
pgbench_insert_script() {
    local body
    body=$(printf 'p%.0s' $(seq 150))
    cat >"$1" <<SQL
\set g random(0, 99)
WITH next AS (UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = now()
  WHERE id = md5('nb-c-' || :g)::uuid RETURNING id, last_seq)
INSERT INTO messages (conversation_id, seq, sender_id, body_text)
SELECT id, last_seq, md5('nb-u-' || (:g * 10))::uuid, '$body' FROM next;
SQL
}
