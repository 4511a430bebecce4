// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/result.h"

#include <QSqlDatabase>
#include <QStringList>

//! Creating conversations and changing who is in them. Each function checks the caller's
//! rights, writes, and publishes the matching events (`conversation.new` to whoever was added,
//! `room.member_joined` / `room.member_left` to the room) in one transaction.
namespace natter::server::chat {

struct CreatedConversation
{
    Conversation conversation; //!< as the caller sees it, with members
    bool created = true;       //!< false: the DM already existed
};

//! The DM between `caller` and `username`, created when missing (one per pair, also under
//! concurrency). `forbidden` when either blocked the other.
[[nodiscard]] Result<CreatedConversation> openDm(QSqlDatabase &db, const User &caller,
                                                 const QString &username);

//! A group titled `title` with `caller` as admin and `usernames` as members, at most
//! `maxGroupSize` in all. Unknown usernames are `validation_failed` on `usernames`.
[[nodiscard]] Result<CreatedConversation> createGroup(QSqlDatabase &db, const User &caller,
                                                      const QString &title,
                                                      const QStringList &usernames,
                                                      int maxGroupSize);

//! Adds `username` to a group: admins only (`forbidden`), `conflict` when already a member or
//! the group is full.
[[nodiscard]] Result<Member> addMember(QSqlDatabase &db, const User &caller,
                                       const QUuid &conversationId, const QString &username,
                                       int maxGroupSize);

//! Removes `userId` from a group: admins remove anyone, anyone removes themself (leaving). A
//! DM cannot be left. When the last admin leaves, the longest-standing member becomes admin.
[[nodiscard]] Status removeMember(QSqlDatabase &db, const User &caller, const QUuid &conversationId,
                                  const QUuid &userId);

} // namespace natter::server::chat
