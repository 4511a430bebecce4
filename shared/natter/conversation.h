// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/conversationpreferences.h"
#include "natter/message.h"
#include "natter/user.h"

#include <optional>
#include <QList>

namespace natter {

enum class ConversationType
{
    Dm,
    Group
};
enum class MemberRole
{
    Member,
    Admin
};

[[nodiscard]] QString conversationTypeName(ConversationType type);
[[nodiscard]] QString memberRoleName(MemberRole role);

//! One member of a conversation as the contract shows it.
struct Member
{
    Q_GADGET
    Q_PROPERTY(natter::User user MEMBER user)
    Q_PROPERTY(bool admin READ isAdmin)
    Q_PROPERTY(QDateTime joinedAt MEMBER joinedAt)
    Q_PROPERTY(qint64 joinedSeq MEMBER joinedSeq)

public:
    User user;
    MemberRole role = MemberRole::Member;
    QDateTime joinedAt;
    //! The conversation's last seq when this member joined (see Receipt::joinedSeq).
    qint64 joinedSeq = 0;

    [[nodiscard]] bool isAdmin() const { return role == MemberRole::Admin; }
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Member> fromJson(const QJsonObject &object);

    friend bool operator==(const Member &, const Member &) = default;
};

//! The contract's conversation object. `members` may be empty in list answers.
struct Conversation
{
    Q_GADGET
    Q_PROPERTY(QString id READ idString)
    Q_PROPERTY(QString title MEMBER title)
    Q_PROPERTY(qint64 unreadCount MEMBER unreadCount)
    Q_PROPERTY(qint64 lastReadSeq MEMBER lastReadSeq)

public:
    QUuid id;
    ConversationType type = ConversationType::Group;
    QString title;
    //! What the group is about, set by its admins (issue 18); empty: none.
    QString description;
    //! The group's picture (issue 18), a server path read with the bearer token, members only;
    //! empty: none (always for a DM, which shows the other member's own picture).
    QString avatarUrl;
    QUuid createdBy;
    QDateTime createdAt;
    QList<Member> members;
    bool membersIncluded = false;
    std::optional<Message> lastMessage;
    qint64 unreadCount = 0;
    qint64 lastReadSeq = 0;
    //! Unread messages (after lastReadSeq) that mention the viewer, counted apart from
    //! unreadCount ("2 mentions").
    qint64 mentionCount = 0;
    //! The conversation's last change number (edits, deletions, reactions): where a client
    //! that loads the conversation now starts catching up with changes (docs/protocol.md).
    qint64 lastRev = 0;
    //! The viewer's own mute, pin and archive (issue 18).
    ConversationPreferences preferences;

    [[nodiscard]] QString idString() const { return id.toString(QUuid::WithoutBraces); }
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Conversation> fromJson(const QJsonObject &object);
};

} // namespace natter

Q_DECLARE_METATYPE(natter::Member)
Q_DECLARE_METATYPE(natter::Conversation)
