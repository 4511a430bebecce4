// SPDX-License-Identifier: Apache-2.0
#include "natter/message.h"

#include "natter/protocolfields.h"
#include "natter/timestamps.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter {
namespace {

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QJsonArray idArray(const QList<QUuid> &ids)
{
    QJsonArray array;
    for (const QUuid &id : ids)
        array.append(idText(id));
    return array;
}

QList<QUuid> idList(const QJsonValue &value)
{
    QList<QUuid> ids;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array)
        ids.append(QUuid::fromString(item.toString()));
    return ids;
}

//! The v1.1 members are optional when reading: a server older than them sends none.
void readAdditions(const QJsonObject &object, Message &message)
{
    const QJsonObject reply = object.value(u"reply_to"_s).toObject();
    if (!reply.isEmpty())
        message.replyTo = ReplyPreview{
            QUuid::fromString(reply.value(u"id"_s).toString()), reply.value(u"seq"_s).toInteger(),
            QUuid::fromString(reply.value(u"sender_id"_s).toString()),
            reply.value(u"body_preview"_s).toString(), reply.value(u"deleted"_s).toBool()};
    if (object.value(u"edited_at"_s).isString())
        message.editedAt = parseTimestamp(object.value(u"edited_at"_s).toString());
    message.deleted = object.value(u"deleted"_s).toBool();
    const QJsonArray reactions = object.value(u"reactions"_s).toArray();
    for (const QJsonValue &item : reactions)
        message.reactions.append({item.toObject().value(u"emoji"_s).toString(),
                                  idList(item.toObject().value(u"user_ids"_s))});
    message.mentions = idList(object.value(u"mentions"_s));
    message.rev = object.value(u"rev"_s).toInteger();
    // Issue 18; an event this build does not know is still a system line (Kind::Other).
    if (object.value(u"kind"_s).toString() == "system"_L1)
        message.system = SystemEvent::fromJson(object.value(u"system"_s).toObject());
}

} // namespace

QJsonObject ReplyPreview::toJson() const
{
    return {{u"id"_s, idText(id)},
            {u"seq"_s, seq},
            {u"sender_id"_s, senderId.isNull() ? QJsonValue() : QJsonValue(idText(senderId))},
            {u"body_preview"_s, bodyPreview},
            {u"deleted"_s, deleted}};
}

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
        {u"reply_to"_s, replyTo ? QJsonValue(replyTo->toJson()) : QJsonValue()},
        {u"edited_at"_s, editedAt.isValid() ? QJsonValue(formatTimestamp(editedAt)) : QJsonValue()},
        {u"deleted"_s, deleted},
        {u"reactions"_s, reactionsJson()},
        {u"mentions"_s, idArray(mentions)},
        {u"attachments"_s, attachmentsToJson(attachments)},
        {u"rev"_s, rev},
        {u"kind"_s, isSystem() ? u"system"_s : u"text"_s},
        {u"system"_s, isSystem() ? QJsonValue(system->toJson()) : QJsonValue()},
    };
}

QJsonArray Message::reactionsJson() const
{
    QJsonArray array;
    for (const Reaction &reaction : reactions)
        array.append(
            QJsonObject{{u"emoji"_s, reaction.emoji}, {u"user_ids"_s, idArray(reaction.userIds)}});
    return array;
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
    readAdditions(object, message);
    // Absent from servers older than issue 13.
    auto attachments = attachmentsFromJson(object.value(u"attachments"_s).toArray());
    if (!attachments)
        return attachments.error();
    message.attachments = attachments.value();
    return message;
}

} // namespace natter
