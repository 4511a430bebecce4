// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/receipt.h"
#include "natter/result.h"

#include <optional>
#include <QHash>
#include <QSqlDatabase>

namespace natter::server {

//! What a member may do in a conversation, read in one query for every chat request.
struct MemberAccess
{
    ConversationType type = ConversationType::Group;
    MemberRole role = MemberRole::Member;
    //! A DM whose two members have a block between them (either way).
    bool dmBlocked = false;
    //! In a DM: the other member, whether the caller blocked them, and whether they blocked
    //! the caller (docs/protocol.md, "Blocks": each side is treated differently).
    QUuid dmPeer;
    bool blocksPeer = false;
    bool blockedByPeer = false;
};

//! Membership rows: who is in a conversation, with which role, and their receipt watermarks.
class MemberRepository final
{
public:
    explicit MemberRepository(QSqlDatabase &db) : m_db(db) {}

    //! Adds a member; `conflict` when already one. The new member's `joined_seq` and both
    //! watermarks start at the conversation's current seq: older messages are neither unread
    //! for them nor ever counted as delivered to or read by them.
    [[nodiscard]] Result<Member> add(const QUuid &conversationId, const QUuid &userId,
                                     MemberRole role);
    //! True when removed, false when the user was not a member.
    [[nodiscard]] Result<bool> remove(const QUuid &conversationId, const QUuid &userId);
    //! The member's role, or nullopt when not a member.
    [[nodiscard]] Result<std::optional<MemberRole>> role(const QUuid &conversationId,
                                                         const QUuid &userId);
    //! The member's access, or nullopt when not a member (or no such conversation).
    [[nodiscard]] Result<std::optional<MemberAccess>> access(const QUuid &conversationId,
                                                             const QUuid &userId);
    [[nodiscard]] Result<QList<Member>> list(const QUuid &conversationId);
    [[nodiscard]] Result<QList<Receipt>> receipts(const QUuid &conversationId);
    //! The members of every conversation `userId` is in, by conversation id (one query for the
    //! conversation list).
    [[nodiscard]] Result<QHash<QUuid, QList<Member>>> listForConversationsOf(const QUuid &userId);
    [[nodiscard]] Result<int> count(const QUuid &conversationId);
    //! Moves the member's read (and delivered) watermark up to `seq`, never down. Returns the
    //! receipt when it moved, nullopt when it was already there (or the user is no member).
    //! The caller clamps `seq` to what the member may see.
    [[nodiscard]] Result<std::optional<Receipt>> markRead(const QUuid &conversationId,
                                                          const QUuid &userId, qint64 seq);
    //! Gives the member `role` (issue 18); false when the user is no member.
    [[nodiscard]] Result<bool> setRole(const QUuid &conversationId, const QUuid &userId,
                                       MemberRole role);
    [[nodiscard]] Result<int> adminCount(const QUuid &conversationId);
    //! When no admin is left, makes the longest-standing member one (a group is never left
    //! without someone who can manage it). Returns that member, if any was promoted.
    [[nodiscard]] Result<std::optional<QUuid>> ensureAdmin(const QUuid &conversationId);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
