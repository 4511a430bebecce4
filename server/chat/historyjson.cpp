// SPDX-License-Identifier: Apache-2.0
#include "chat/historyjson.h"

#include "chat/jsonbytes.h"

#include <QJsonDocument>

namespace natter::server::chat {
namespace {

using jsonbytes::appendInteger;
using jsonbytes::appendString;
using jsonbytes::appendTimestamp;
using jsonbytes::appendUuid;

//! A string member, or null when `text` is empty (the contract's optional strings).
void appendStringOrNull(QByteArray &out, const QString &text)
{
    if (text.isEmpty())
        out += "null";
    else
        appendString(out, text);
}

void appendUuidOrNull(QByteArray &out, const QUuid &id)
{
    if (id.isNull())
        out += "null";
    else
        appendUuid(out, id);
}

void appendUuids(QByteArray &out, const QList<QUuid> &ids)
{
    out += '[';
    for (qsizetype i = 0; i < ids.size(); ++i) {
        if (i > 0)
            out += ',';
        appendUuid(out, ids.at(i));
    }
    out += ']';
}

//! The v1.1 members of Message::toJson(): reply, edit, deletion, reactions, mentions, rev.
void appendChanges(QByteArray &out, const Message &message)
{
    out += ",\"reply_to\":";
    if (!message.replyTo) {
        out += "null";
    } else {
        out += "{\"id\":";
        appendUuid(out, message.replyTo->id);
        out += ",\"seq\":";
        appendInteger(out, message.replyTo->seq);
        out += ",\"sender_id\":";
        appendUuidOrNull(out, message.replyTo->senderId);
        out += ",\"body_preview\":";
        appendString(out, message.replyTo->bodyPreview);
        out += message.replyTo->deleted ? ",\"deleted\":true}" : ",\"deleted\":false}";
    }
    out += ",\"edited_at\":";
    if (message.editedAt.isValid())
        appendTimestamp(out, message.editedAt);
    else
        out += "null";
    out += message.deleted ? ",\"deleted\":true" : ",\"deleted\":false";
    out += ",\"reactions\":[";
    for (qsizetype i = 0; i < message.reactions.size(); ++i) {
        if (i > 0)
            out += ',';
        out += "{\"emoji\":";
        appendString(out, message.reactions.at(i).emoji);
        out += ",\"user_ids\":";
        appendUuids(out, message.reactions.at(i).userIds);
        out += '}';
    }
    out += "],\"mentions\":";
    appendUuids(out, message.mentions);
    out += ",\"attachments\":";
    // Rare, so the general encoder is cheap enough for them.
    if (message.attachments.isEmpty())
        out += "[]";
    else
        out += QJsonDocument(attachmentsToJson(message.attachments)).toJson(QJsonDocument::Compact);
    out += ",\"rev\":";
    appendInteger(out, message.rev);
    // Issue 18: system lines are rare, so the general encoder serves them.
    if (message.isSystem()) {
        out += ",\"kind\":\"system\",\"system\":";
        out += QJsonDocument(message.system->toJson()).toJson(QJsonDocument::Compact);
    } else {
        out += ",\"kind\":\"text\",\"system\":null";
    }
}

//! The members of Message::toJson().
void appendMessage(QByteArray &out, const Message &message)
{
    out += "{\"id\":";
    appendUuid(out, message.id);
    out += ",\"conversation_id\":";
    appendUuid(out, message.conversationId);
    out += ",\"seq\":";
    appendInteger(out, message.seq);
    out += ",\"sender_id\":";
    if (message.senderId.isNull())
        out += "null";
    else
        appendUuid(out, message.senderId);
    out += ",\"body_text\":";
    appendString(out, message.bodyText);
    out += ",\"created_at\":";
    appendTimestamp(out, message.createdAt);
    out += ",\"client_msg_id\":";
    appendStringOrNull(out, message.clientMsgId);
    appendChanges(out, message);
    out += '}';
}

//! The members of User::toJson().
void appendUser(QByteArray &out, const User &user)
{
    out += "{\"id\":";
    appendUuid(out, user.id);
    out += ",\"username\":";
    appendStringOrNull(out, user.username);
    out += ",\"display_name\":";
    appendString(out, user.displayName);
    out += ",\"avatar_url\":";
    appendStringOrNull(out, user.avatarUrl);
    out += ",\"created_at\":";
    appendTimestamp(out, user.createdAt);
    out += '}';
}

} // namespace

QByteArray encodeHistory(const History &history)
{
    QByteArray out;
    out.reserve(64 + 400 * history.messages.size() + 200 * history.users.size());
    out += "{\"messages\":[";
    for (qsizetype i = 0; i < history.messages.size(); ++i) {
        if (i > 0)
            out += ',';
        appendMessage(out, history.messages.at(i));
    }
    out += "],\"users\":[";
    for (qsizetype i = 0; i < history.users.size(); ++i) {
        if (i > 0)
            out += ',';
        appendUser(out, history.users.at(i));
    }
    out += "]}";
    return out;
}

QByteArray encodeMessageFrame(QLatin1StringView type, QStringView id, const Message &message)
{
    QByteArray out;
    out.reserve(600 + 3 * message.bodyText.size());
    // Frame::serialize()'s members, in its (QJsonObject's sorted) order.
    out += "{\"data\":{\"message\":";
    appendMessage(out, message);
    out += '}';
    if (!id.isEmpty()) {
        out += ",\"id\":";
        appendString(out, id);
    }
    out += ",\"type\":\"";
    out.append(type.data(), type.size());
    out += "\"}";
    return out;
}

} // namespace natter::server::chat
