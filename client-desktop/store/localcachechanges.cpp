// SPDX-License-Identifier: Apache-2.0
// The cache's part in message changes (#12): refreshing changed messages in place and keeping
// each conversation's change cursor, so the next start catches up from where this one was.
#include "store/localcache.h"

#include <QJsonDocument>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

QString cursorKey(const QUuid &conversationId)
{
    return u"changes:"_s + conversationId.toString(QUuid::WithoutBraces);
}

} // namespace

bool LocalCache::addOutboxSendFields()
{
    QSqlQuery columns(m_db);
    if (!columns.exec(u"PRAGMA table_info(outbox)"_s))
        return false;
    while (columns.next()) {
        if (columns.value(1).toString() == "send_fields"_L1)
            return true;
    }
    return exec(u"ALTER TABLE outbox ADD COLUMN send_fields BLOB NOT NULL DEFAULT '{}'"_s);
}

void LocalCache::refreshMessages(const QList<Message> &messages)
{
    if (messages.isEmpty() || !isOpen())
        return;
    m_db.transaction();
    QSqlQuery update(m_db);
    update.prepare(u"UPDATE messages SET json = ? WHERE conversation_id = ? AND seq = ?"_s);
    for (const Message &message : messages) {
        update.addBindValue(QJsonDocument(message.toJson()).toJson(QJsonDocument::Compact));
        update.addBindValue(message.conversationIdString());
        update.addBindValue(message.seq);
        update.exec();
    }
    m_db.commit();
}

void LocalCache::saveChangeCursor(const QUuid &conversationId, qint64 rev)
{
    if (!isOpen())
        return;
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO kv (key, value) VALUES (?, ?)"_s);
    query.addBindValue(cursorKey(conversationId));
    query.addBindValue(QString::number(rev).toLatin1());
    query.exec();
}

std::optional<qint64> LocalCache::loadChangeCursor(const QUuid &conversationId) const
{
    if (!isOpen())
        return std::nullopt;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT value FROM kv WHERE key = ?"_s);
    query.addBindValue(cursorKey(conversationId));
    if (!query.exec() || !query.next())
        return std::nullopt;
    bool ok = false;
    const qint64 rev = query.value(0).toByteArray().toLongLong(&ok);
    return ok ? std::optional<qint64>(rev) : std::nullopt;
}

} // namespace natter::desktop
