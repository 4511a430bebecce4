// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/result.h"

#include <QSqlDatabase>
#include <optional>

namespace natter::server {

//! Conversations themselves: creating groups and DMs (one per pair) and reading one as a
//! given member sees it (unread count from that member's read watermark).
class ConversationRepository final
{
public:
    explicit ConversationRepository(QSqlDatabase &db) : m_db(db) {}

    //! Creates a group with `creatorId` as its admin. Members are added separately.
    [[nodiscard]] Result<Conversation> createGroup(const QUuid &creatorId, const QString &title);
    //! The DM between two users, created with both as members when missing; `created` tells.
    [[nodiscard]] Result<std::pair<Conversation, bool>> findOrCreateDm(const QUuid &userA,
                                                                       const QUuid &userB);
    //! The conversation as `viewerId` sees it; not_found unless the viewer is a member.
    [[nodiscard]] Result<Conversation> findForMember(const QUuid &id, const QUuid &viewerId);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
