// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QJsonObject>
#include <QMetaType>
#include <QUuid>

namespace natter {

//! A member's delivered/read watermarks in one conversation: every message with `seq` at or
//! below a watermark is delivered/read for that member.
struct Receipt
{
    Q_GADGET
    Q_PROPERTY(QString userId READ userIdString)
    Q_PROPERTY(qint64 deliveredSeq MEMBER deliveredSeq)
    Q_PROPERTY(qint64 readSeq MEMBER readSeq)

public:
    QUuid conversationId;
    QUuid userId;
    qint64 deliveredSeq = 0;
    qint64 readSeq = 0;

    [[nodiscard]] QString userIdString() const { return userId.toString(QUuid::WithoutBraces); }
    //! `{"user_id","delivered_seq","read_seq"}` as in GET .../receipts.
    [[nodiscard]] QJsonObject toJson() const;
    //! Adds `conversation_id`, as in the `receipt.updated` event.
    [[nodiscard]] QJsonObject toEventJson() const;
    [[nodiscard]] static Result<Receipt> fromJson(const QJsonObject &object);

    friend bool operator==(const Receipt &, const Receipt &) = default;
};

} // namespace natter

Q_DECLARE_METATYPE(natter::Receipt)
