// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/attachment.h"
#include "natter/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QMetaType>
#include <QString>
#include <QUuid>

namespace natter {

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
    //! Server-side only, never in toJson(): the member this message is withheld from for good
    //! (a DM where that member had blocked the sender when it was sent). Null for most.
    QUuid withheldFrom{};
    //! Uploaded images sent with the message (issue 13), in upload order; often none.
    QList<Attachment> attachments{};

    [[nodiscard]] QString idString() const { return id.toString(QUuid::WithoutBraces); }
    [[nodiscard]] QString conversationIdString() const
    {
        return conversationId.toString(QUuid::WithoutBraces);
    }
    [[nodiscard]] QString senderIdString() const { return senderId.toString(QUuid::WithoutBraces); }
    [[nodiscard]] QJsonObject toJson() const;
    [[nodiscard]] static Result<Message> fromJson(const QJsonObject &object);

    friend bool operator==(const Message &, const Message &) = default;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::Message)
