// SPDX-License-Identifier: Apache-2.0
#include "db/messagechangerepository.h"

#include "db/rows.h"
#include "db/sql.h"

#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! Whether an UPDATE/INSERT/DELETE ... RETURNING answered a row.
Result<bool> touchedRow(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    const bool touched = query.value().next();
    query.value().finish();
    return touched;
}

} // namespace

Result<qint64> MessageChangeRepository::nextRev(const QUuid &conversationId)
{
    auto query = sql::exec(
        m_db,
        u"UPDATE conversations SET last_rev = last_rev + 1 WHERE id = ?::uuid RETURNING last_rev"_s,
        {rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return ApiError::notFound(u"No such conversation."_s);
    const qint64 rev = query.value().value(0).toLongLong();
    query.value().finish();
    return rev;
}

Result<bool> MessageChangeRepository::setBody(const QUuid &messageId, const QString &body,
                                              qint64 rev)
{
    return touchedRow(sql::exec(m_db,
                                u"UPDATE messages SET body_text = ?, edited_at = now(), rev = ?, "
                                "  mentions = natter_mentions(conversation_id, ?) "
                                "WHERE id = ?::uuid AND NOT deleted RETURNING id"_s,
                                {body, rev, body, rows::uuidText(messageId)}));
}

Result<bool> MessageChangeRepository::markDeleted(const QUuid &messageId, qint64 rev)
{
    auto deleted = touchedRow(
        sql::exec(m_db,
                  u"UPDATE messages SET deleted = true, body_text = '', mentions = '{}', "
                  "  reply_to_id = NULL, rev = ? WHERE id = ?::uuid AND NOT deleted RETURNING id"_s,
                  {rev, rows::uuidText(messageId)}));
    if (!deleted || !deleted.value())
        return deleted;
    if (auto reactions =
            sql::exec(m_db, u"DELETE FROM message_reactions WHERE message_id = ?::uuid"_s,
                      {rows::uuidText(messageId)});
        !reactions)
        return reactions.error();
    // Its images go with it: the row stays (as "message deleted"), so the uploads' ON DELETE
    // CASCADE does not fire; the uploads trigger queues the files for the sweep.
    if (auto attachments = sql::exec(m_db, u"DELETE FROM uploads WHERE message_id = ?::uuid"_s,
                                     {rows::uuidText(messageId)});
        !attachments)
        return attachments.error();
    return true;
}

Result<bool> MessageChangeRepository::addReaction(const QUuid &messageId, const QUuid &userId,
                                                  const QString &emoji)
{
    return touchedRow(sql::exec(
        m_db,
        u"INSERT INTO message_reactions (message_id, emoji, user_id) VALUES (?::uuid, ?, ?::uuid) "
        "ON CONFLICT DO NOTHING RETURNING message_id"_s,
        {rows::uuidText(messageId), emoji, rows::uuidText(userId)}));
}

Result<bool> MessageChangeRepository::removeReaction(const QUuid &messageId, const QUuid &userId,
                                                     const QString &emoji)
{
    return touchedRow(sql::exec(m_db,
                                u"DELETE FROM message_reactions WHERE message_id = ?::uuid "
                                "AND emoji = ? AND user_id = ?::uuid RETURNING message_id"_s,
                                {rows::uuidText(messageId), emoji, rows::uuidText(userId)}));
}

Result<int> MessageChangeRepository::emojiCount(const QUuid &messageId)
{
    auto query = sql::exec(
        m_db, u"SELECT count(DISTINCT emoji) FROM message_reactions WHERE message_id = ?::uuid"_s,
        {rows::uuidText(messageId)});
    if (!query)
        return query.error();
    const int count = query.value().next() ? query.value().value(0).toInt() : 0;
    query.value().finish();
    return count;
}

Status MessageChangeRepository::setRev(const QUuid &messageId, qint64 rev)
{
    auto query = sql::exec(m_db, u"UPDATE messages SET rev = ? WHERE id = ?::uuid"_s,
                           {rev, rows::uuidText(messageId)});
    if (!query)
        return query.error();
    return Done{};
}

Result<qint64> MessageChangeRepository::lastRev(const QUuid &conversationId)
{
    auto query = sql::exec(m_db, u"SELECT last_rev FROM conversations WHERE id = ?::uuid"_s,
                           {rows::uuidText(conversationId)});
    if (!query)
        return query.error();
    const qint64 rev = query.value().next() ? query.value().value(0).toLongLong() : 0;
    query.value().finish();
    return rev;
}

Result<QList<Message>> MessageChangeRepository::changedAfter(const QUuid &conversationId,
                                                             qint64 afterRev, int limit,
                                                             qint64 maxSeq, const QUuid &viewerId)
{
    // `rev > 0` lets the planner use the partial index of changed messages whatever the cursor.
    auto query = sql::exec(
        m_db,
        u"SELECT %1 FROM messages m WHERE m.conversation_id = ?::uuid AND m.rev > 0 "
        "AND m.rev > ? AND m.seq <= ? AND %2 ORDER BY m.rev LIMIT ?"_s.arg(
            QLatin1StringView(rows::kMessageColumns), QLatin1StringView(rows::kNotBlockedByViewer)),
        {rows::uuidText(conversationId), afterRev,
         maxSeq < 0 ? std::numeric_limits<qint64>::max() : maxSeq, rows::uuidText(viewerId),
         limit});
    if (!query)
        return query.error();
    QList<Message> messages;
    while (query.value().next())
        messages.append(rows::message(query.value()));
    return messages;
}

} // namespace natter::server
