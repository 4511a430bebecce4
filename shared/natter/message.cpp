// SPDX-License-Identifier: Apache-2.0
#include "natter/message.h"

#include "natter/protocolfields.h"
#include "natter/timestamps.h"

using namespace Qt::Literals::StringLiterals;

namespace natter {

QJsonObject Message::toJson() const
{
    return {
        {u"id"_s, idString()},
        {u"conversation_id"_s, conversationIdString()},
        {u"seq"_s, seq},
        {u"sender_id"_s, senderId.isNull() ? QJsonValue() : QJsonValue(senderIdString())},
        {u"body_text"_s, bodyText},
        {u"created_at"_s, formatTimestamp(createdAt)},
        {u"client_msg_id"_s, clientMsgId.isEmpty() ? QJsonValue() : QJsonValue(clientMsgId)},
        {u"attachments"_s, attachmentsToJson(attachments)},
    };
}

Result<Message> Message::fromJson(const QJsonObject &object)
{
    ProtocolReader reader(object, u"message"_s);
    Message message;
    message.id = reader.uuid(u"id"_s);
    message.conversationId = reader.uuid(u"conversation_id"_s);
    message.seq = reader.integer(u"seq"_s);
    message.senderId = reader.optionalUuid(u"sender_id"_s);
    message.bodyText = reader.string(u"body_text"_s);
    message.createdAt = reader.time(u"created_at"_s);
    message.clientMsgId = reader.optionalString(u"client_msg_id"_s);
    if (auto error = reader.error())
        return *error;
    // Absent from servers older than issue 13.
    auto attachments = attachmentsFromJson(object.value(u"attachments"_s).toArray());
    if (!attachments)
        return attachments.error();
    message.attachments = attachments.value();
    return message;
}

} // namespace natter
