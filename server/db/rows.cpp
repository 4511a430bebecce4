// SPDX-License-Identifier: Apache-2.0
#include "db/rows.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QStringList>
#include <QVariant>

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
    message.attachments = attachments(query.value(first + 8));
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
