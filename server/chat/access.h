// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "db/memberrepository.h"
#include "natter/message.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

//! The authorization rules every chat service starts with, in one place.
namespace natter::server::chat {

//! The caller's access to a conversation; `not_found` (never `forbidden`) when the caller is
//! not a member, so a conversation's existence does not leak.
[[nodiscard]] Result<MemberAccess> requireMember(QSqlDatabase &db, const QUuid &conversationId,
                                                 const QUuid &userId);

//! A message in a conversation `viewerId` is a member of; `not_found` otherwise (the same
//! answer for a message that does not exist and one the viewer may not know of).
[[nodiscard]] Result<Message> requireMessage(QSqlDatabase &db, const QUuid &messageId,
                                             const QUuid &viewerId);

//! A user by username for an action on them; `not_found` when there is none. The name is
//! compared case-insensitively; anything that cannot be a username is simply not found.
[[nodiscard]] Result<User> requireUser(QSqlDatabase &db, const QString &field,
                                       const QString &username);

} // namespace natter::server::chat
