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
//! `id, conversation_id, seq, sender_id, body_text, created_at, client_msg_id` of alias `m`.
inline constexpr auto kMessageColumns =
    "m.id, m.conversation_id, m.seq, m.sender_id, m.body_text, m.created_at, m.client_msg_id";

//! `WHERE` condition on alias `m` with one `?` (a viewer id): not sent by a user the viewer
//! blocked. History, last_message and unread counts all hide the same messages. A nil viewer
//! has blocked no one, so the condition then keeps every message.
inline constexpr auto kNotBlockedByViewer = "NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id "
                                            "= ?::uuid AND b.blocked_id = m.sender_id)";

[[nodiscard]] User user(const QSqlQuery &query, int first = 0);
[[nodiscard]] Message message(const QSqlQuery &query, int first = 0);
[[nodiscard]] QUuid uuid(const QVariant &value);
[[nodiscard]] QString uuidText(const QUuid &id);

} // namespace natter::server::rows
