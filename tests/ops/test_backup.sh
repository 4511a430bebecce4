#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# natter-server backup / restore round-trip a real database: a running server with users,
# conversations, messages and read receipts is backed up, the backup restored into an empty
# database and data folder, and every row of every table and every file is compared. Then the
# refusals: a damaged backup, a database that is not empty, a server still connected; and
# --force, --keep and the hard links to the previous backup.
. "$(dirname "$0")/lib.sh"

key=backup-test-signing-key-0123456789abcdefghijklmnopq
src=natter_backup_src_$$
dst=natter_backup_dst_$$
spare=natter_backup_spare_$$
create_database "$src"
create_database "$dst"
create_database "$spare"
mkdir -p "$work/data-src" "$work/data-dst"
write_env() { # FILE DATABASE DATADIR
    printf 'DATABASE_URL=%s\nNATTER_DATA_DIR=%s\n' "$(database_url "$2")" "$3" >"$1"
}
write_env "$work/src.env" "$src" "$work/data-src"
write_env "$work/dst.env" "$dst" "$work/data-dst"
write_env "$work/spare.env" "$spare" "$work/data-spare"
natter() { "$NATTER_SERVER_BIN" "$@"; }

start_server src DATABASE_URL="$(database_url "$src")" NATTER_JWT_SIGNING_KEY=$key \
    NATTER_DEV_LOGIN=1 NATTER_DATA_DIR="$work/data-src"
base=http://127.0.0.1:$port_src
wait_healthy "$base"

alice=$(sign_in "$base" Alice)
bob=$(sign_in "$base" Bob)
carol=$(sign_in "$base" Carol)
dm=$(api "$base" "$alice" POST /api/v1/conversations '{"type":"dm","username":"bob"}' | jq -r .id)
group=$(api "$base" "$alice" POST /api/v1/conversations \
    '{"type":"group","title":"Backups ✓ «ok»","usernames":["bob","carol"]}' | jq -r .id)
send() { # TOKEN CONVERSATION TEXT -> message id
    api "$base" "$1" POST "/api/v1/conversations/$2/messages" \
        "$(jq -cn --arg t "$3" '{body_text: $t}')" | jq -r .id
}
for i in $(seq 1 12); do
    id=$(send "$alice" "$dm" "dm $i: héllo 👋 \"quoted\" \\ back\\slash")
    [ "$i" = 8 ] && read_by_bob=$id
done
api "$base" "$bob" POST "/api/v1/messages/$read_by_bob/read" >/dev/null
for i in $(seq 1 6); do
    send "$bob" "$dm" "reply $i" >/dev/null
    id=$(send "$carol" "$group" "group $i — ünïcödé ✓")
done
api "$base" "$alice" POST "/api/v1/messages/$id/read" >/dev/null
[ "$(sql "$src" 'SELECT count(*) FROM messages')" = 24 ] || fail "expected 24 messages"
# Alice read the group up to 6; Bob read nothing; Carol only wrote (sending is not reading).
receipts="SELECT u.username, m.read_seq FROM conversation_members m JOIN users u ON u.id = m.user_id
    WHERE m.conversation_id = '$group' ORDER BY 1"
[ "$(sql "$src" "$receipts" | tr '\n' ' ')" = "alice|6 bob|0 carol|0 " ] ||
    fail "unexpected receipts before the backup: $(sql "$src" "$receipts")"

# Uploads do not exist yet; files in the data folder stand in for them. tmp/ holds unfinished
# writes and is never backed up.
mkdir -p "$work/data-src/uploads/ab" "$work/data-src/uploads/cd/ef" "$work/data-src/tmp"
head -c 300000 /dev/urandom >"$work/data-src/uploads/ab/0001"
printf 'tiny' >"$work/data-src/uploads/cd/ef/0002 with space"
: >"$work/data-src/uploads/empty"
echo partial >"$work/data-src/tmp/upload-in-progress"

# A folder left by a backup that died is cleared by the next one.
mkdir -p "$work/backups/.natter-20000101T000000Z.partial"
natter backup "$work/backups" --env-file "$work/src.env" >"$work/backup1.out" 2>&1 ||
    fail "backup: $(cat "$work/backup1.out")"
grep -q '3 files' "$work/backup1.out" || fail "backup report: $(cat "$work/backup1.out")"
[ ! -e "$work/backups/.natter-20000101T000000Z.partial" ] || fail "a stale partial backup was left"
backup=$(ls -d "$work"/backups/natter-*)
[ "$(echo "$backup" | wc -l)" = 1 ] || fail "expected one backup folder: $backup"
[ ! -e "$backup/files/tmp" ] || fail "tmp/ was backed up"
jq -e '.schema_version > 0 and (.files | length) == 3' "$backup/manifest.json" >/dev/null ||
    fail "manifest: $(cat "$backup/manifest.json")"
cat "$work/backup1.out"
pass "backup of a running server"

natter restore "$backup" --env-file "$work/dst.env" >"$work/restore.out" 2>&1 ||
    fail "restore: $(cat "$work/restore.out")"

# Every row of every table, byte for byte, except the two that say which server processes are
# alive and who is online on them: the running source server rewrites them every 15 s
# (alive_at), so after that long they differ from any backup, as they should (a restored
# installation's servers write their own). A slow run crossed that line (#19).
compare_databases() { # A B
    local tables table
    tables=$(sql "$1" "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")
    [ "$tables" = "$(sql "$2" "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1")" ] ||
        fail "the restored database has other tables"
    for table in $tables; do
        case $table in presence_processes | presence_sessions) continue ;; esac
        local query="COPY (SELECT * FROM \"$table\" ORDER BY \"$table\"::text) TO STDOUT"
        cmp -s <(psql "$(database_url "$1")" -Xqc "$query") <(psql "$(database_url "$2")" -Xqc "$query") ||
            fail "table $table differs after the restore"
    done
}
compare_databases "$src" "$dst"
[ "$(sql "$dst" 'SELECT count(*) FROM messages')" = 24 ] || fail "messages missing after restore"
[ "$(sql "$dst" "$receipts" | tr '\n' ' ')" = "alice|6 bob|0 carol|0 " ] || fail "receipts are not back"
diff -r --exclude=tmp "$work/data-src" "$work/data-dst" >/dev/null || fail "the data folder differs after the restore"
[ ! -e "$work/data-dst/tmp" ] || fail "tmp/ was restored"
pass "restore into an empty database: every row and file is back"

# The restored installation works: the same history and receipts through the API.
start_server dst DATABASE_URL="$(database_url "$dst")" NATTER_JWT_SIGNING_KEY=$key \
    NATTER_DEV_LOGIN=1 NATTER_DATA_DIR="$work/data-dst"
dst_server=${ops_pids[-1]}
restored=http://127.0.0.1:$port_dst
wait_healthy "$restored"
for path in "/api/v1/conversations/$dm/messages?limit=100" "/api/v1/conversations/$group/messages" \
    "/api/v1/conversations/$dm/receipts" "/api/v1/conversations/$group/receipts" /api/v1/conversations; do
    [ "$(api "$base" "$alice" GET "$path" | jq -S .)" = "$(api "$restored" "$alice" GET "$path" | jq -S .)" ] ||
        fail "GET $path differs between the original and the restored server"
done
pass "the restored server answers as the original"

# Refusals. A server is connected to dst: even --force must not pull the database away.
if natter restore "$backup" --force --env-file "$work/dst.env" >"$work/refused.out" 2>&1; then
    fail "restore went ahead while a server was connected"
fi
grep -q 'stop the server first' "$work/refused.out" || fail "unclear refusal: $(cat "$work/refused.out")"
kill "$dst_server"
wait "$dst_server" 2>/dev/null || true
for _ in $(seq 100); do
    [ "$(sql "$dst" "SELECT count(*) FROM pg_stat_activity WHERE datname = '$dst' AND application_name = 'natter-server'")" = 0 ] && break
    sleep 0.1
done
if natter restore "$backup" --env-file "$work/dst.env" >"$work/refused.out" 2>&1; then
    fail "restore into a database with tables went ahead"
fi
grep -q 'is not empty' "$work/refused.out" || fail "unclear refusal: $(cat "$work/refused.out")"

cp -a "$backup" "$work/damaged"
printf '\xff' | dd of="$work/damaged/database.dump" bs=1 seek=2000 conv=notrunc status=none
if natter restore "$work/damaged" --env-file "$work/spare.env" >"$work/refused.out" 2>&1; then
    fail "a damaged dump was restored"
fi
grep -q 'damaged' "$work/refused.out" || fail "unclear refusal: $(cat "$work/refused.out")"
rm -rf "$work/damaged" && cp -a "$backup" "$work/damaged"
rm "$work/damaged/files/uploads/ab/0001" && head -c 300000 /dev/urandom >"$work/damaged/files/uploads/ab/0001"
if natter restore "$work/damaged" --env-file "$work/spare.env" >"$work/refused.out" 2>&1; then
    fail "a backup with a damaged file was restored"
fi
grep -q 'damaged' "$work/refused.out" || fail "unclear refusal: $(cat "$work/refused.out")"
[ "$(sql "$spare" "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] ||
    fail "a refused restore changed the database"
[ ! -e "$work/data-spare" ] || fail "a refused restore wrote files"
cat "$work/refused.out"
pass "damaged backups, a non-empty database and a connected server are refused"

# --force replaces what is there with the backup.
sql "$dst" "DELETE FROM messages WHERE seq > 3" >/dev/null
sql "$dst" "CREATE TABLE stray (x int)" >/dev/null
natter restore "$backup" --force --env-file "$work/dst.env" >"$work/restore.out" 2>&1 ||
    fail "restore --force: $(cat "$work/restore.out")"
compare_databases "$src" "$dst"
pass "restore --force replaces a database that has data"

# Retention and hard links: unchanged files cost the next backup nothing.
for _ in 1 2; do
    natter backup "$work/backups" --keep 2 --env-file "$work/src.env" >"$work/backup2.out" 2>&1 ||
        fail "backup: $(cat "$work/backup2.out")"
done
grep -q '(3 of them unchanged' "$work/backup2.out" || fail "unchanged files were copied: $(cat "$work/backup2.out")"
[ "$(ls -d "$work"/backups/natter-* | wc -l)" = 2 ] || fail "--keep 2 left $(ls "$work/backups")"
[ ! -e "$backup" ] || fail "the oldest backup was not removed"
newest=$(ls -d "$work"/backups/natter-* | tail -n 1)
[ "$(stat -c %h "$newest/files/uploads/ab/0001")" = 2 ] || fail "an unchanged file was not hard-linked"
pass "--keep removes old backups; unchanged files are hard links"
