// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversation.h"
#include "natter/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>

#include <optional>

//! Invite links to groups (issue #14): group admins make and revoke them; anyone holding one
//! can see what it leads to and, signed in, join with it.
namespace natter::server::chat {

struct Invite
{
    QString code; //!< 192 random bits, base64url: 32 characters
    QUuid conversationId;
    QDateTime createdAt;
    QDateTime expiresAt;
    std::optional<int> maxUses;
    int uses = 0;

    //! `{"code","url","expires_at","max_uses","uses","created_at","expired","used_up"}`;
    //! `appUrl` is the public URL the link starts with.
    [[nodiscard]] QJsonObject toJson(const QString &appUrl) const;
};

struct InviteRequest
{
    int expiresInSeconds = 7 * 24 * 3600;
    std::optional<int> maxUses;
};

//! What a link shows before sign-in.
struct InvitePreview
{
    QString title;
    int memberCount = 0;
    QDateTime expiresAt;
};

//! The longest an invite may live: 30 days.
inline constexpr int kInviteMaxSeconds = 30 * 24 * 3600;

//! A new invite to a group `caller` is an admin of (`forbidden` for members and DMs,
//! `not_found` for non-members).
[[nodiscard]] Result<Invite> createInvite(QSqlDatabase &db, const User &caller,
                                          const QUuid &conversationId,
                                          const InviteRequest &request);
//! The group's invites that were not revoked, newest first (group admins only).
[[nodiscard]] Result<QList<Invite>> listInvites(QSqlDatabase &db, const User &caller,
                                                const QUuid &conversationId);
//! Revokes an invite of a group `caller` is an admin of; `not_found` for anyone else.
[[nodiscard]] Status revokeInvite(QSqlDatabase &db, const User &caller, const QString &code);
//! What the link leads to; `not_found` (saying plainly why) when it is unknown, revoked,
//! expired or used up.
[[nodiscard]] Result<InvitePreview> previewInvite(QSqlDatabase &db, const QString &code);
//! Joins the group of the invite. Already a member: the conversation, no use counted. A full
//! group: `conflict`. Removed by an admin after the invite was made: `forbidden` (a new invite
//! is needed).
[[nodiscard]] Result<Conversation> joinByInvite(QSqlDatabase &db, const User &caller,
                                                const QString &code, int maxGroupSize);

//! Remembers that an admin removed `userId` from a group (chat::removeMember calls it), so an
//! invite made before that does not bring them back.
[[nodiscard]] Status recordRemoval(QSqlDatabase &db, const QUuid &conversationId,
                                   const QUuid &userId);

//! True when `code` has the shape of a code we hand out (checked before any query).
[[nodiscard]] bool isInviteCodeShaped(const QString &code);

} // namespace natter::server::chat
