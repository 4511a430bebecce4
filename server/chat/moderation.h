// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

//! Blocks and reports. What a block changes elsewhere: no DM can be opened or written in
//! between the two (either way), search leaves out users who blocked the searcher, and the
//! blocker no longer sees the blocked user's messages (history, last_message, unread counts;
//! live delivery is filtered by the realtime hub).
namespace natter::server::chat {

[[nodiscard]] Status blockUser(QSqlDatabase &db, const User &caller, const QString &username);
[[nodiscard]] Status unblockUser(QSqlDatabase &db, const User &caller, const QString &username);
[[nodiscard]] Result<QList<User>> blockedUsers(QSqlDatabase &db, const User &caller);

//! Stores a report of `username`. `reason`: 1–1000 characters after trimming. `messageId`
//! (null: none) must be a message of that user in a conversation the caller is a member of.
[[nodiscard]] Result<QUuid> reportUser(QSqlDatabase &db, const User &caller,
                                       const QString &username, const QString &reason,
                                       const QUuid &messageId);

} // namespace natter::server::chat
