// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/receipt.h"
#include "natter/result.h"

#include <QSqlDatabase>
#include <optional>

namespace natter::server {

//! Membership rows: who is in a conversation, with which role, and their receipt watermarks.
class MemberRepository final
{
public:
    explicit MemberRepository(QSqlDatabase &db) : m_db(db) {}

    //! Adds a member; `conflict` when already one. The new member starts with both
    //! watermarks at the conversation's current seq, so old messages do not count as unread.
    [[nodiscard]] Result<Member> add(const QUuid &conversationId, const QUuid &userId,
                                     MemberRole role);
    //! True when removed, false when the user was not a member.
    [[nodiscard]] Result<bool> remove(const QUuid &conversationId, const QUuid &userId);
    //! The member's role, or nullopt when not a member.
    [[nodiscard]] Result<std::optional<MemberRole>> role(const QUuid &conversationId,
                                                         const QUuid &userId);
    [[nodiscard]] Result<QList<Member>> list(const QUuid &conversationId);
    [[nodiscard]] Result<QList<Receipt>> receipts(const QUuid &conversationId);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
