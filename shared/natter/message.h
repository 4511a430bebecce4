// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/attachment.h"
#include "natter/result.h"
#include "natter/systemevent.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QUuid>

#include <optional>

namespace natter {

//! What a reply shows of the message it answers (`reply_to` of the contract): a deleted
//! original keeps its place with an empty preview and `deleted` true.
struct ReplyPreview
{
    QUuid id;
    qint64 seq = 0;
    QUuid senderId;
    QString bodyPreview; //!< the first 120 characters of the body
    bool deleted = false;

    [[nodiscard]] QJsonObject toJson() const;
    friend bool operator==(const ReplyPreview &, const ReplyPreview &) = default;
};

//! One emoji on a message and who put it there, in the order they did.
struct Reaction
{
    QString emoji;
    QList<QUuid> userIds;

    friend bool operator==(const Reaction &, const Reaction &) = default;
};

//! The contract's message object. `seq` numbers the messages of one conversation 1, 2, 3...
struct Message
{
    Q_GADGET
    Q_PROPERTY(QString id READ idString)
    Q_PROPERTY(QString conversationId READ conversationIdString)
    Q_PROPERTY(qint64 seq MEMBER seq)
    Q_PROPERTY(QString senderId READ senderIdString)
    Q_PROPERTY(QString bodyText MEMBER bodyText)
    Q_PROPERTY(QDateTime createdAt MEMBER createdAt)
    Q_PROPERTY(QString clientMsgId MEMBER clientMsgId)

public:
    QUuid id;
    QUuid conversationId;
    qint64 seq = 0;
    QUuid senderId;
    QString bodyText;
    QDateTime createdAt;
    QString clientMsgId;
    std::optional<ReplyPreview> replyTo;
    QDateTime editedAt; //!< invalid: never edited
    bool deleted = false;
    QList<Reaction> reactions; //!< in the order each emoji was first used
    QList<QUuid> mentions;     //!< members named as @username
    //! Grows with every change (edit, deletion, reaction): the conversation's change counter
    //! when the message last changed, 0 for a message never changed. Clients keep the copy
    //! with the highest rev.
    qint64 rev = 0;
    //! Server-side only, never in toJson(): the member this message is withheld from for good
    //! (a DM where that member had blocked the sender when it was sent). Null for most.
    QUuid withheldFrom{};
    //! Uploaded images sent with the message (issue 13), in upload order; often none.
    QList<Attachment> attachments{};
    //! Set on a system line (issue 18: "Ana added Cara"), `kind` "system" in JSON; such a line
    //! is never edited, deleted, reacted to or searched.
    std::optional<SystemEvent> system{};

    [[nodiscard]] bool isSystem() const { return system.has_value(); }

    [[nodiscard]] QString idString() const { return id.toString(QUuid::WithoutBraces); }
    [[nodiscard]] QString conversationIdString() const
    {
        return conversationId.toString(QUuid::WithoutBraces);
    }
    [[nodiscard]] QString senderIdString() const { return senderId.toString(QUuid::WithoutBraces); }
    [[nodiscard]] QJsonObject toJson() const;
    //! `[{"emoji","user_ids":[...]}]`
    [[nodiscard]] QJsonArray reactionsJson() const;
    [[nodiscard]] static Result<Message> fromJson(const QJsonObject &object);

    friend bool operator==(const Message &, const Message &) = default;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::Message)
