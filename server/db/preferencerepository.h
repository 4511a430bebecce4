// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversationpreferences.h"
#include "natter/result.h"

#include <QSqlDatabase>
#include <QVariant>

#include <optional>

namespace natter::server {

//! A member's mute, pin and archive of a conversation (issue 18), on their member row.
class PreferenceRepository final
{
public:
    explicit PreferenceRepository(QSqlDatabase &db) : m_db(db) {}

    //! What to change; nullopt members stay as they are.
    struct Change
    {
        //! The new muted_until as PostgreSQL reads it: a time, "infinity", or a null QVariant
        //! to unmute.
        std::optional<QVariant> mutedUntil;
        std::optional<bool> pinned;
        std::optional<bool> archived;
    };

    //! Applies `change` and returns the preferences as they now are; nullopt when `userId` is
    //! no member. Archiving records the conversation's last seq; pinning keeps the first time.
    [[nodiscard]] Result<std::optional<ConversationPreferences>>
    update(const QUuid &conversationId, const QUuid &userId, const Change &change);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
