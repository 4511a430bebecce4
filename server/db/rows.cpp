// SPDX-License-Identifier: Apache-2.0
#include "db/rows.h"

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
    return message;
}

} // namespace natter::server::rows
