// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/message.h"
#include "natter/user.h"

#include <QSqlQuery>

//! Column lists and row readers shared by the repositories, so a user or a message is selected
//! and read the same way everywhere.
namespace natter::server::rows {

//! `id, username, display_name, avatar_url, created_at` of table alias `u`.
inline constexpr auto kUserColumns = "u.id, u.username, u.display_name, u.avatar_url, u.created_at";
//! A message of alias `m`: `id, conversation_id, seq, sender_id, body_text, created_at,
//! client_msg_id, withheld_from`, then (issue 12) `edited_at, deleted, mentions, rev`, the
//! replied-to message's preview and the reactions, the last two as JSON text read by one
//! index probe each, and only for a message that can have them: one that replies, one whose
//! rev is above 0 (every reaction takes a rev; a message never changed has none). Most
//! messages have neither, and the two probes were most of a history page's time inside
//! PostgreSQL. Then (issue 13) its attachments as
//! one JSON array, probed only for a message whose `has_attachments` is set (migration 0061: a
//! trigger on uploads keeps it), then (issue 18) `kind` and the system line's event as JSON
//! text.
inline constexpr auto kMessageColumns =
    "m.id, m.conversation_id, m.seq, m.sender_id, m.body_text, m.created_at, m.client_msg_id, "
    "m.withheld_from, m.edited_at, m.deleted, m.mentions::text, m.rev, "
    "CASE WHEN m.reply_to_id IS NOT NULL THEN "
    "(SELECT json_build_object('id', r.id, 'seq', r.seq, 'sender_id', r.sender_id, "
    "  'body_preview', CASE WHEN r.deleted THEN '' ELSE left(r.body_text, 120) END, "
    "  'deleted', r.deleted)::text FROM messages r WHERE r.id = m.reply_to_id) END, "
    "CASE WHEN m.rev > 0 THEN "
    "(SELECT json_agg(json_build_object('emoji', x.emoji, 'user_ids', x.users) "
    "  ORDER BY x.first, x.emoji)::text FROM (SELECT mr.emoji, "
    "  array_agg(mr.user_id ORDER BY mr.created_at, mr.user_id) AS users, "
    "  min(mr.created_at) AS first FROM message_reactions mr WHERE mr.message_id = m.id "
    "  GROUP BY mr.emoji) x) END, "
    "CASE WHEN m.has_attachments THEN "
    "(SELECT COALESCE(json_agg(json_build_object('id', up.id, 'content_type', up.content_type, "
    "'size', up.size, 'width', up.width, 'height', up.height, 'name', up.name) "
    "ORDER BY up.created_at, up.id), '[]'::json) FROM uploads up WHERE up.message_id = m.id) "
    "ELSE '[]' END, "
    "m.kind, m.system::text";
//! How many columns kMessageColumns is, for the readers of what follows it.
inline constexpr int kMessageColumnCount = 17;

//! `WHERE` condition on alias `m` with one `?` (a viewer id): not hidden from the viewer by a
//! block, that is neither sent by a user the viewer blocked nor withheld from the viewer (sent
//! to them in a DM while they had blocked the sender). History, last_message and unread counts
//! all hide the same messages. A nil viewer has blocked no one, so it then keeps every message.
inline constexpr auto kNotBlockedByViewer =
    "NOT EXISTS (SELECT 1 FROM (SELECT ?::uuid AS id) viewer WHERE m.withheld_from = viewer.id "
    "OR EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = viewer.id "
    "AND b.blocked_id = m.sender_id))";
//! The same condition for a viewer taken from a column: `%1` is that column (`v.user_id`).
inline constexpr auto kNotHiddenFromColumn =
    "m.withheld_from IS DISTINCT FROM %1 AND NOT EXISTS (SELECT 1 FROM blocks b "
    "WHERE b.blocker_id = %1 AND b.blocked_id = m.sender_id)";
//! True when conversation `%1` is a DM whose member `%2` and the other member have a block
//! between them, either way (columns or casts of bound values).
inline constexpr auto kBlockedDm =
    "EXISTS (SELECT 1 FROM conversations bc JOIN conversation_members bp "
    "ON bp.conversation_id = bc.id AND bp.user_id <> %2 JOIN blocks bb "
    "ON (bb.blocker_id = bp.user_id AND bb.blocked_id = %2) "
    "OR (bb.blocker_id = %2 AND bb.blocked_id = bp.user_id) "
    "WHERE bc.id = %1 AND bc.type = 'dm')";

[[nodiscard]] User user(const QSqlQuery &query, int first = 0);
[[nodiscard]] Message message(const QSqlQuery &query, int first = 0);
[[nodiscard]] QUuid uuid(const QVariant &value);
//! The attachments of a message from the JSON array column of kMessageColumns.
[[nodiscard]] QList<Attachment> attachments(const QVariant &json);
[[nodiscard]] QString uuidText(const QUuid &id);
//! A PostgreSQL array literal of uuids, bound as one text value and cast with `?::uuid[]`.
[[nodiscard]] QString uuidArray(const QList<QUuid> &ids);

} // namespace natter::server::rows
