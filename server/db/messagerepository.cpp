// SPDX-License-Identifier: Apache-2.0
#include "db/messagerepository.h"

#include "db/rows.h"
#include "db/sql.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

Result<QList<Message>> readMessages(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    QList<Message> messages;
    while (query.value().next())
        messages.append(rows::message(query.value()));
    return messages;
}

QVariant nullableUuid(const QUuid &id)
{
    return id.isNull() ? QVariant(QMetaType::fromType<QString>()) : QVariant(rows::uuidText(id));
}

} // namespace

Result<MessageRepository::Appended>
MessageRepository::append(const QUuid &conversationId, const QUuid &senderId,
                          const QString &bodyText, const QString &clientMsgId,
                          const QUuid &withheldFrom, const QUuid &replyToId)
{
    sql::Transaction transaction(m_db);
    if (!transaction.began())
        return ApiError::unavailable();
    const QString conversation = rows::uuidText(conversationId);
    const QString sender = rows::uuidText(senderId);

    // The row lock orders every sender of this conversation; a retry of the same
    // client_msg_id waits here and then sees the first attempt's committed row.
    auto lock =
        sql::exec(m_db, u"SELECT last_seq FROM conversations WHERE id = ?::uuid FOR UPDATE"_s,
                  {conversation});
    if (!lock)
        return lock.error();
    if (!lock.value().next())
        return ApiError::notFound(u"No such conversation."_s);
    // Done with its row: an active result set would be dropped (with a warning) by the next query.
    lock.value().finish();

    if (!clientMsgId.isEmpty()) {
        auto existing = sql::exec(
            m_db,
            u"SELECT %1 FROM messages m WHERE m.sender_id = ?::uuid AND m.client_msg_id = ?"_s.arg(
                QLatin1StringView(rows::kMessageColumns)),
            {sender, clientMsgId});
        if (!existing)
            return existing.error();
        if (existing.value().next())
            return Appended{rows::message(existing.value()), false};
    }

    if (!replyToId.isNull()) {
        auto reply = sql::exec(
            m_db, u"SELECT 1 FROM messages WHERE id = ?::uuid AND conversation_id = ?::uuid"_s,
            {rows::uuidText(replyToId), conversation});
        if (!reply)
            return reply.error();
        if (!reply.value().next())
            return ApiError::validation(u"reply_to_id"_s,
                                        u"must be a message of this conversation"_s);
        reply.value().finish();
    }

    auto inserted = sql::exec(
        m_db,
        u"WITH next AS (UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = now() "
        "  WHERE id = ?::uuid RETURNING last_seq) "
        "INSERT INTO messages AS m "
        "  (conversation_id, seq, sender_id, body_text, client_msg_id, withheld_from, "
        "   reply_to_id, mentions) "
        "SELECT ?::uuid, next.last_seq, ?::uuid, COALESCE(?, ''), NULLIF(?, ''), ?::uuid, ?::uuid, "
        "  natter_mentions(?::uuid, COALESCE(?, '')) FROM next RETURNING "_s +
            QLatin1StringView(rows::kMessageColumns),
        {conversation, conversation, sender, bodyText, clientMsgId, nullableUuid(withheldFrom),
         nullableUuid(replyToId), conversation, bodyText});
    if (!inserted)
        return inserted.error();
    if (!inserted.value().next())
        return ApiError::internal();
    Message message = rows::message(inserted.value());

    // Delivered to its sender, but not read: replying while scrolled up must not mark what
    // the sender has not seen (the read-by rule leaves the sender out; unread counts leave out
    // one's own messages).
    auto watermarks =
        sql::exec(m_db,
                  u"UPDATE conversation_members SET delivered_seq = GREATEST(delivered_seq, ?) "
                  "WHERE conversation_id = ?::uuid AND user_id = ?::uuid"_s,
                  {message.seq, conversation, sender});
    if (!watermarks)
        return watermarks.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return Appended{message, true};
}

Result<Message> MessageRepository::appendSystem(const QUuid &conversationId, const QUuid &actorId,
                                                const QString &bodyText, const SystemEvent &event)
{
    const QString conversation = rows::uuidText(conversationId);
    auto inserted = sql::exec(
        m_db,
        u"WITH next AS (UPDATE conversations SET last_seq = last_seq + 1, last_activity_at = now() "
        "  WHERE id = ?::uuid RETURNING last_seq) "
        "INSERT INTO messages AS m (conversation_id, seq, sender_id, body_text, kind, system) "
        "SELECT ?::uuid, next.last_seq, ?::uuid, ?, 'system', ?::jsonb FROM next RETURNING "_s +
            QLatin1StringView(rows::kMessageColumns),
        {conversation, conversation, nullableUuid(actorId), bodyText,
         QString::fromUtf8(QJsonDocument(event.toJson()).toJson(QJsonDocument::Compact))});
    if (!inserted)
        return inserted.error();
    if (!inserted.value().next())
        return ApiError::notFound(u"No such conversation."_s);
    Message message = rows::message(inserted.value());
    inserted.value().finish();
    if (!actorId.isNull()) {
        // As for a sent message: delivered to its author, who saw it happen.
        auto watermarks =
            sql::exec(m_db,
                      u"UPDATE conversation_members SET delivered_seq = GREATEST(delivered_seq, ?) "
                      "WHERE conversation_id = ?::uuid AND user_id = ?::uuid"_s,
                      {message.seq, conversation, rows::uuidText(actorId)});
        if (!watermarks)
            return watermarks.error();
    }
    return message;
}

Result<QList<Message>> MessageRepository::before(const QUuid &conversationId, qint64 before,
                                                 int limit, const QUuid &viewerId)
{
    return readMessages(sql::exec(
        m_db,
        u"SELECT %1 FROM messages m WHERE m.conversation_id = ?::uuid AND m.seq < ? AND %2 "
        "ORDER BY m.seq DESC LIMIT ?"_s.arg(QLatin1StringView(rows::kMessageColumns),
                                            QLatin1StringView(rows::kNotBlockedByViewer)),
        {rows::uuidText(conversationId), before < 0 ? std::numeric_limits<qint64>::max() : before,
         rows::uuidText(viewerId), limit}));
}

Result<QList<Message>> MessageRepository::after(const QUuid &conversationId, qint64 after,
                                                int limit, const QUuid &viewerId)
{
    return readMessages(sql::exec(
        m_db,
        u"SELECT %1 FROM messages m WHERE m.conversation_id = ?::uuid AND m.seq > ? AND %2 "
        "ORDER BY m.seq ASC LIMIT ?"_s.arg(QLatin1StringView(rows::kMessageColumns),
                                           QLatin1StringView(rows::kNotBlockedByViewer)),
        {rows::uuidText(conversationId), after, rows::uuidText(viewerId), limit}));
}

Result<std::optional<Message>> MessageRepository::findById(const QUuid &id)
{
    auto query = sql::exec(m_db,
                           u"SELECT %1 FROM messages m WHERE m.id = ?::uuid"_s.arg(
                               QLatin1StringView(rows::kMessageColumns)),
                           {rows::uuidText(id)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<Message>{};
    return std::optional<Message>{rows::message(query.value())};
}

} // namespace natter::server
