// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/result.h"

#include <optional>
#include <QSqlDatabase>

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
    //! The conversation as `viewerId` sees it, with members; not_found unless the viewer is a
    //! member. `last_message` and `unread_count` leave out messages of users the viewer blocked.
    [[nodiscard]] Result<Conversation> findForMember(const QUuid &id, const QUuid &viewerId);
    //! Every conversation of `viewerId` as findForMember() shows it, most recent activity first.
    [[nodiscard]] Result<QList<Conversation>> listForMember(const QUuid &viewerId);
    //! Sets the title and/or description (nullopt: unchanged) of a group (issue 18).
    [[nodiscard]] Status updateDetails(const QUuid &id, const std::optional<QString> &title,
                                       const std::optional<QString> &description);
    //! Locks the conversation row until the transaction ends (member changes take the same
    //! lock as sending, so a size cap holds under concurrency); nullopt when it does not exist.
    [[nodiscard]] Result<std::optional<ConversationType>> lockForUpdate(const QUuid &id);

private:
    [[nodiscard]] Result<QList<Conversation>> viewsFor(const QUuid &viewerId, const QUuid &onlyId);

    QSqlDatabase &m_db;
};

} // namespace natter::server
