// SPDX-License-Identifier: Apache-2.0
#include "natter/receipt.h"

#include "natter/protocolfields.h"

using namespace Qt::Literals::StringLiterals;

namespace natter {

QJsonObject Receipt::toJson() const
{
    return {
        {u"user_id"_s, userIdString()},
        {u"delivered_seq"_s, deliveredSeq},
        {u"read_seq"_s, readSeq},
        {u"joined_seq"_s, joinedSeq},
    };
}

QJsonObject Receipt::toEventJson() const
{
    QJsonObject object = toJson();
    object.insert(u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces));
    return object;
}

Result<Receipt> Receipt::fromJson(const QJsonObject &object)
{
    ProtocolReader reader(object, u"receipt"_s);
    Receipt receipt;
    receipt.conversationId = reader.optionalUuid(u"conversation_id"_s);
    receipt.userId = reader.uuid(u"user_id"_s);
    receipt.deliveredSeq = reader.integer(u"delivered_seq"_s);
    receipt.readSeq = reader.integer(u"read_seq"_s);
    // Servers before joined_seq existed counted from the start.
    receipt.joinedSeq = object.value(u"joined_seq"_s).toInteger();
    if (auto error = reader.error())
        return *error;
    return receipt;
}

} // namespace natter
