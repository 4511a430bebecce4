// SPDX-License-Identifier: Apache-2.0
#include "store/localcache.h"

#include "core/logging.h"
#include "natter/timestamps.h"

#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

QByteArray toBlob(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject fromBlob(const QVariant &value)
{
    return QJsonDocument::fromJson(value.toByteArray()).object();
}

QString activityKey(const Conversation &conversation)
{
    return formatTimestamp(conversation.lastMessage ? conversation.lastMessage->createdAt
                                                    : conversation.createdAt);
}

int s_connectionCounter = 0;

} // namespace

LocalCache::~LocalCache()
{
    close();
}

bool LocalCache::exec(const QString &sql) const
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        qCWarning(lcStore) << "cache statement failed:" << query.lastError().text();
        return false;
    }
    return true;
}

Status LocalCache::open(const QString &path)
{
    close();
    m_connectionName = u"natter-cache-%1"_s.arg(++s_connectionCounter);
    m_db = QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName);
    m_db.setDatabaseName(path);
    if (!m_db.open())
        return ApiError{ErrorCode::Internal, m_db.lastError().text(), {}};
    const QStringList schema{
        // Deleted rows are overwritten, not just unlinked: sign-out leaves no readable text.
        u"PRAGMA secure_delete=ON"_s,
        u"PRAGMA journal_mode=WAL"_s,
        u"PRAGMA synchronous=NORMAL"_s,
        u"CREATE TABLE IF NOT EXISTS kv (key TEXT PRIMARY KEY, value BLOB)"_s,
        u"CREATE TABLE IF NOT EXISTS conversations (id TEXT PRIMARY KEY, activity TEXT, "
        "json BLOB NOT NULL)"_s,
        u"CREATE TABLE IF NOT EXISTS messages (conversation_id TEXT NOT NULL, seq INTEGER NOT "
        "NULL, json BLOB NOT NULL, PRIMARY KEY (conversation_id, seq))"_s,
        u"CREATE TABLE IF NOT EXISTS outbox (local_id INTEGER PRIMARY KEY AUTOINCREMENT, "
        "conversation_id TEXT NOT NULL, client_msg_id TEXT NOT NULL UNIQUE, body_text TEXT NOT "
        "NULL, created_at TEXT NOT NULL, failed INTEGER NOT NULL DEFAULT 0, error TEXT, "
        "owner_id TEXT NOT NULL DEFAULT '')"_s,
    };
    for (const QString &statement : schema) {
        if (!exec(statement))
            return ApiError{ErrorCode::Internal, u"The local cache could not be set up."_s, {}};
    }
    if (!addOutboxOwners() || !addOutboxSendFields())
        return ApiError{ErrorCode::Internal, u"The local cache could not be set up."_s, {}};
    return Done{};
}

bool LocalCache::addOutboxOwners()
{
    QSqlQuery columns(m_db);
    if (!columns.exec(u"PRAGMA table_info(outbox)"_s))
        return false;
    while (columns.next()) {
        if (columns.value(1).toString() == "owner_id"_L1)
            return true;
    }
    if (!exec(u"ALTER TABLE outbox ADD COLUMN owner_id TEXT NOT NULL DEFAULT ''"_s))
        return false;
    if (const auto user = loadUser()) {
        QSqlQuery adopt(m_db);
        adopt.prepare(u"UPDATE outbox SET owner_id = ?"_s);
        adopt.addBindValue(user->idString());
        return adopt.exec();
    }
    return true;
}

void LocalCache::close()
{
    if (m_connectionName.isEmpty())
        return;
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
    m_connectionName.clear();
}

void LocalCache::clearFetched()
{
    m_db.transaction();
    for (const auto &table : {u"kv"_s, u"conversations"_s, u"messages"_s})
        (void)exec(u"DELETE FROM "_s + table);
    m_db.commit();
}

void LocalCache::erase(const QUuid &ownerId)
{
    clearFetched();
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM outbox WHERE owner_id = ?"_s);
    query.addBindValue(ownerId.toString(QUuid::WithoutBraces));
    query.exec();
    // VACUUM rewrites the file without the freed pages; the checkpoint moves the log into it
    // and truncates the -wal file, which still held the deleted rows' old pages.
    (void)exec(u"VACUUM"_s);
    (void)exec(u"PRAGMA wal_checkpoint(TRUNCATE)"_s);
}

void LocalCache::saveUser(const User &user)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO kv (key, value) VALUES ('user', ?)"_s);
    query.addBindValue(toBlob(user.toJson()));
    query.exec();
}

std::optional<User> LocalCache::loadUser() const
{
    QSqlQuery query(m_db);
    query.prepare(u"SELECT value FROM kv WHERE key = 'user'"_s);
    if (!query.exec() || !query.next())
        return std::nullopt;
    auto user = User::fromJson(fromBlob(query.value(0)));
    if (!user)
        return std::nullopt;
    return *user;
}

void LocalCache::saveConversation(const Conversation &conversation)
{
    QSqlQuery query(m_db);
    query.prepare(u"INSERT OR REPLACE INTO conversations (id, activity, json) VALUES (?, ?, ?)"_s);
    query.addBindValue(conversation.idString());
    query.addBindValue(activityKey(conversation));
    query.addBindValue(toBlob(conversation.toJson()));
    if (!query.exec())
        qCWarning(lcStore) << "could not cache a conversation:" << query.lastError().text();
}

void LocalCache::saveConversations(const QList<Conversation> &conversations)
{
    m_db.transaction();
    (void)exec(u"DELETE FROM conversations"_s);
    for (const Conversation &conversation : conversations)
        saveConversation(conversation);
    m_db.commit();
}

void LocalCache::removeConversation(const QUuid &id)
{
    m_db.transaction();
    for (const auto &sql : {u"DELETE FROM conversations WHERE id = ?"_s,
                            u"DELETE FROM messages WHERE conversation_id = ?"_s}) {
        QSqlQuery query(m_db);
        query.prepare(sql);
        query.addBindValue(id.toString(QUuid::WithoutBraces));
        query.exec();
    }
    m_db.commit();
}

QList<Conversation> LocalCache::loadConversations() const
{
    QList<Conversation> result;
    QSqlQuery query(m_db);
    query.prepare(u"SELECT json FROM conversations ORDER BY activity DESC"_s);
    if (!query.exec())
        return result;
    while (query.next()) {
        if (auto conversation = Conversation::fromJson(fromBlob(query.value(0))))
            result.append(*conversation);
    }
    return result;
}

void LocalCache::saveMessages(const QList<Message> &messages)
{
    if (messages.isEmpty())
        return;
    m_db.transaction();
    QSet<QUuid> touched;
    QSqlQuery insert(m_db);
    insert.prepare(
        u"INSERT OR REPLACE INTO messages (conversation_id, seq, json) VALUES (?, ?, ?)"_s);
    for (const Message &message : messages) {
        insert.addBindValue(message.conversationIdString());
        insert.addBindValue(message.seq);
        insert.addBindValue(toBlob(message.toJson()));
        insert.exec();
        touched.insert(message.conversationId);
    }
    QSqlQuery prune(m_db);
    prune.prepare(u"DELETE FROM messages WHERE conversation_id = ? AND seq <= "
                  "(SELECT seq FROM messages WHERE conversation_id = ? ORDER BY seq DESC "
                  "LIMIT 1 OFFSET ?)"_s);
    for (const QUuid &id : std::as_const(touched)) {
        prune.addBindValue(id.toString(QUuid::WithoutBraces));
        prune.addBindValue(id.toString(QUuid::WithoutBraces));
        prune.addBindValue(kKeepPerConversation);
        if (!prune.exec())
            qCWarning(lcStore) << "cache pruning failed:" << prune.lastError().text();
    }
    m_db.commit();
}

QList<Message> LocalCache::loadRecentMessages(const QUuid &conversationId, int limit) const
{
    QList<Message> result;
    QSqlQuery query(m_db);
    query.prepare(
        u"SELECT json FROM messages WHERE conversation_id = ? ORDER BY seq DESC LIMIT ?"_s);
    query.addBindValue(conversationId.toString(QUuid::WithoutBraces));
    query.addBindValue(limit);
    if (!query.exec())
        return result;
    while (query.next()) {
        if (auto message = Message::fromJson(fromBlob(query.value(0))))
            result.prepend(*message);
    }
    return result;
}

std::optional<OutboxItem> LocalCache::addToOutbox(const QUuid &ownerId, const QUuid &conversationId,
                                                  const QString &clientMsgId,
                                                  const QString &bodyText,
                                                  const QJsonObject &sendFields)
{
    OutboxItem item;
    item.conversationId = conversationId;
    item.clientMsgId = clientMsgId;
    item.bodyText = bodyText;
    item.createdAt = QDateTime::currentDateTimeUtc();
    item.sendFields = sendFields;
    QSqlQuery query(m_db);
    query.prepare(u"INSERT INTO outbox (conversation_id, client_msg_id, body_text, created_at, "
                  "owner_id, send_fields) VALUES (?, ?, ?, ?, ?, ?)"_s);
    query.addBindValue(conversationId.toString(QUuid::WithoutBraces));
    query.addBindValue(clientMsgId);
    query.addBindValue(bodyText);
    query.addBindValue(formatTimestamp(item.createdAt));
    query.addBindValue(ownerId.toString(QUuid::WithoutBraces));
    query.addBindValue(toBlob(sendFields));
    if (!query.exec()) {
        qCWarning(lcStore) << "could not queue a message:" << query.lastError().text();
        return std::nullopt;
    }
    item.localId = query.lastInsertId().toLongLong();
    return item;
}

void LocalCache::removeFromOutbox(qint64 localId)
{
    QSqlQuery query(m_db);
    query.prepare(u"DELETE FROM outbox WHERE local_id = ?"_s);
    query.addBindValue(localId);
    query.exec();
}

void LocalCache::markOutboxItem(qint64 localId, bool failed, const QString &error)
{
    QSqlQuery query(m_db);
    query.prepare(u"UPDATE outbox SET failed = ?, error = ? WHERE local_id = ?"_s);
    query.addBindValue(failed ? 1 : 0);
    query.addBindValue(error);
    query.addBindValue(localId);
    query.exec();
}

QList<OutboxItem> LocalCache::outbox(const QUuid &ownerId) const
{
    QList<OutboxItem> result;
    // The window asks for the unsent count before any server (and so any cache file) is
    // chosen: nothing is unsent then, and Qt's "database not open" warning would be noise.
    if (!isOpen())
        return result;
    QSqlQuery query(m_db);
    query.prepare(
        u"SELECT local_id, conversation_id, client_msg_id, body_text, created_at, failed, "
        "error, send_fields FROM outbox WHERE owner_id = ? ORDER BY local_id"_s);
    query.addBindValue(ownerId.toString(QUuid::WithoutBraces));
    if (!query.exec())
        return result;
    while (query.next()) {
        OutboxItem item;
        item.localId = query.value(0).toLongLong();
        item.conversationId = QUuid::fromString(query.value(1).toString());
        item.clientMsgId = query.value(2).toString();
        item.bodyText = query.value(3).toString();
        item.createdAt = parseTimestamp(query.value(4).toString());
        item.failed = query.value(5).toInt() != 0;
        item.error = query.value(6).toString();
        item.sendFields = fromBlob(query.value(7));
        result.append(item);
    }
    return result;
}

} // namespace natter::desktop
