// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

#include <optional>

//! What a group's admins change about it (issue 18): its title and description, and who else
//! is an admin. Each change writes a system line in the same transaction (chat/systemlines.h).
namespace natter::server::chat {

//! The change a PATCH asks for; nullopt fields stay as they are.
struct GroupDetails
{
    std::optional<QString> title;
    std::optional<QString> description;
};

//! Description: at most 500 characters after trimming, no control characters but line breaks.
[[nodiscard]] Result<QString> checkedDescription(const QString &field, const QString &input);

//! Renames and/or describes a group: admins only (`forbidden` for members and for DMs,
//! `not_found` for non-members). Returns the conversation as the caller sees it; a change to
//! the same value writes no line.
[[nodiscard]] Result<Conversation> updateGroup(QSqlDatabase &db, const User &caller,
                                               const QUuid &conversationId,
                                               const GroupDetails &details);

//! Makes `userId` an admin or a member again: admins only. Demoting the group's only admin is
//! a `conflict` (a group always keeps one); an admin may step down when another remains.
[[nodiscard]] Result<Member> setMemberRole(QSqlDatabase &db, const User &caller,
                                           const QUuid &conversationId, const QUuid &userId,
                                           MemberRole role);

} // namespace natter::server::chat
