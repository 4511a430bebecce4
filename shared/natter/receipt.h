// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QJsonObject>

#include <algorithm>
#include <QMetaType>
#include <QUuid>

namespace natter {

//! A member's delivered/read watermarks in one conversation. A message counts as delivered to
//! (read by) the member when its `seq` is after `joinedSeq`, at or below the watermark, and the
//! member did not send it: hasDelivered() / hasRead() are that rule, the one every client applies.
struct Receipt
{
    Q_GADGET
    Q_PROPERTY(QString userId READ userIdString)
    Q_PROPERTY(qint64 deliveredSeq MEMBER deliveredSeq)
    Q_PROPERTY(qint64 readSeq MEMBER readSeq)
    Q_PROPERTY(qint64 joinedSeq MEMBER joinedSeq)

public:
    QUuid conversationId;
    QUuid userId;
    qint64 deliveredSeq = 0;
    qint64 readSeq = 0;
    //! The conversation's last seq when the member joined; nothing up to it was theirs to see.
    qint64 joinedSeq = 0;

    [[nodiscard]] QString userIdString() const { return userId.toString(QUuid::WithoutBraces); }
    //! Whether message `seq`, sent by `senderId`, reached this member's device.
    [[nodiscard]] bool hasDelivered(qint64 seq, const QUuid &senderId) const
    {
        return senderId != userId && seq > joinedSeq && seq <= std::max(deliveredSeq, readSeq);
    }
    //! Whether this member saw message `seq`, sent by `senderId`.
    [[nodiscard]] bool hasRead(qint64 seq, const QUuid &senderId) const
    {
        return senderId != userId && seq > joinedSeq && seq <= readSeq;
    }
    //! `{"user_id","delivered_seq","read_seq","joined_seq"}` as in GET .../receipts.
    [[nodiscard]] QJsonObject toJson() const;
    //! Adds `conversation_id`, as in the `receipt.updated` event.
    [[nodiscard]] QJsonObject toEventJson() const;
    [[nodiscard]] static Result<Receipt> fromJson(const QJsonObject &object);

    friend bool operator==(const Receipt &, const Receipt &) = default;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::Receipt)
