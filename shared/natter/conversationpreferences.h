// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

#include <optional>

namespace natter {

//! One member's choices about one conversation (issue 18), as the conversation object and the
//! `conversation.preferences` event show them to that member alone.
struct ConversationPreferences
{
    //! Muted now: no notification, no badge count.
    bool muted = false;
    //! When the mute ends; invalid while `muted` means "until turned back on".
    QDateTime mutedUntil;
    bool pinned = false;
    //! Out of the list: archived, and nothing newer arrived since (or muted).
    bool archived = false;
    //! The last seq when it was archived, for clients that apply the rule themselves as
    //! messages arrive; nullopt when not archived.
    std::optional<qint64> archivedAtSeq;

    //! `{"muted","muted_until","pinned","archived","archived_at_seq"}`, merged into the
    //! conversation object.
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static ConversationPreferences fromJson(const QJsonObject &object);

    friend bool operator==(const ConversationPreferences &,
                           const ConversationPreferences &) = default;
};

} // namespace natter
