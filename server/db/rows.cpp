// SPDX-License-Identifier: Apache-2.0
#include "db/rows.h"

#include "db/messagecolumns.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QVariant>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::rows {

QUuid uuid(const QVariant &value)
{
    return value.isNull() ? QUuid() : QUuid::fromString(value.toString());
}

QString uuidText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

QString uuidArray(const QList<QUuid> &ids)
{
    QStringList texts;
    texts.reserve(ids.size());
    for (const QUuid &id : ids)
        texts.append(uuidText(id));
    return u'{' + texts.join(u',') + u'}';
}

User user(const QSqlQuery &query, int first)
{
    User user;
    user.id = uuid(query.value(first));
    user.username = query.value(first + 1).toString();
    user.displayName = query.value(first + 2).toString();
    user.avatarUrl = query.value(first + 3).toString();
    user.createdAt = query.value(first + 4).toDateTime().toUTC();
    return user;
}

namespace {

QUuid jsonUuid(const QJsonValue &value)
{
    return value.isString() ? QUuid::fromString(value.toString()) : QUuid();
}

} // namespace

QList<QUuid> uuidList(QStringView text)
{
    QList<QUuid> ids;
    const QStringView inner = text.size() >= 2 ? text.sliced(1, text.size() - 2) : QStringView();
    if (inner.isEmpty())
        return ids;
    for (const QStringView part : inner.tokenize(u','))
        ids.append(QUuid::fromString(part));
    return ids;
}

std::optional<ReplyPreview> replyPreview(const QString &json)
{
    if (json.isNull())
        return std::nullopt;
    const QJsonObject object = QJsonDocument::fromJson(json.toUtf8()).object();
    return ReplyPreview{jsonUuid(object.value(u"id"_s)), object.value(u"seq"_s).toInteger(),
                        jsonUuid(object.value(u"sender_id"_s)),
                        object.value(u"body_preview"_s).toString(),
                        object.value(u"deleted"_s).toBool()};
}

QList<Reaction> reactions(const QString &json)
{
    QList<Reaction> list;
    if (json.isNull())
        return list;
    const QJsonArray array = QJsonDocument::fromJson(json.toUtf8()).array();
    for (const QJsonValue &item : array) {
        Reaction reaction{item.toObject().value(u"emoji"_s).toString(), {}};
        const QJsonArray users = item.toObject().value(u"user_ids"_s).toArray();
        for (const QJsonValue &user : users)
            reaction.userIds.append(jsonUuid(user));
        list.append(reaction);
    }
    return list;
}

Message message(const QSqlQuery &query, int first)
{
    Message message;
    message.id = uuid(query.value(first));
    message.conversationId = uuid(query.value(first + 1));
    message.seq = query.value(first + 2).toLongLong();
    message.senderId = uuid(query.value(first + 3));
    message.bodyText = query.value(first + 4).toString();
    message.createdAt = query.value(first + 5).toDateTime().toUTC();
    message.clientMsgId = query.value(first + 6).toString();
    message.withheldFrom = uuid(query.value(first + 7));
    if (!query.isNull(first + 8))
        message.editedAt = query.value(first + 8).toDateTime().toUTC();
    message.deleted = query.value(first + 9).toBool();
    message.mentions = uuidList(query.value(first + 10).toString());
    message.rev = query.value(first + 11).toLongLong();
    message.replyTo = replyPreview(query.value(first + 12).toString());
    message.reactions = reactions(query.value(first + 13).toString());
    message.attachments = attachments(query.value(first + 14));
    if (query.value(first + 15).toString() == "system"_L1)
        message.system = SystemEvent::fromJson(
            QJsonDocument::fromJson(query.value(first + 16).toString().toUtf8()).object());
    return message;
}

QList<Attachment> attachments(const QVariant &json)
{
    QList<Attachment> list;
    const QJsonArray array = QJsonDocument::fromJson(json.toString().toUtf8()).array();
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        Attachment attachment;
        attachment.id = QUuid::fromString(object.value(u"id").toString());
        attachment.contentType = object.value(u"content_type").toString();
        attachment.size = object.value(u"size").toInteger();
        attachment.width = object.value(u"width").toInt();
        attachment.height = object.value(u"height").toInt();
        attachment.name = object.value(u"name").toString();
        attachment.url = uploadPath(attachment.id);
        attachment.thumbnailUrl = uploadThumbnailPath(attachment.id);
        list.append(attachment);
    }
    return list;
}

} // namespace natter::server::rows
