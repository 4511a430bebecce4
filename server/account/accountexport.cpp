// SPDX-License-Identifier: Apache-2.0
#include "account/accountexport.h"

#include "db/rows.h"
#include "db/sql.h"
#include "natter/timestamps.h"

#include <QJsonArray>
#include <QSqlQuery>

#include <functional>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::account {
namespace {

QJsonValue textOrNull(const QVariant &value)
{
    return value.isNull() ? QJsonValue() : QJsonValue(value.toString());
}

QString timestampOf(const QVariant &value)
{
    return formatTimestamp(value.toDateTime().toUTC());
}

//! Runs `statement` for the user and turns each row into one object of the export.
Result<QJsonArray> jsonRows(QSqlDatabase &db, const QString &statement, const QString &userId,
                            const std::function<QJsonObject(const QSqlQuery &)> &toJson)
{
    auto query = sql::exec(db, statement, {userId});
    if (!query)
        return query.error();
    QJsonArray items;
    while (query.value().next())
        items.append(toJson(query.value()));
    return items;
}

Result<QJsonArray> conversations(QSqlDatabase &db, const QString &userId)
{
    return jsonRows(
        db,
        u"SELECT c.id, c.type::text, c.title, cm.role::text, cm.joined_at, peer.username "
        "FROM conversation_members cm JOIN conversations c ON c.id = cm.conversation_id "
        "LEFT JOIN LATERAL (SELECT u.username FROM conversation_members o JOIN users u "
        "  ON u.id = o.user_id WHERE c.type = 'dm' AND o.conversation_id = c.id "
        "  AND o.user_id <> cm.user_id LIMIT 1) peer ON true "
        "WHERE cm.user_id = ?::uuid ORDER BY cm.joined_at"_s,
        userId, [](const QSqlQuery &row) {
            QJsonObject item{{u"id"_s, row.value(0).toString()},
                             {u"type"_s, row.value(1).toString()},
                             {u"title"_s, textOrNull(row.value(2))},
                             {u"role"_s, row.value(3).toString()},
                             {u"joined_at"_s, timestampOf(row.value(4))}};
            if (row.value(1).toString() == "dm"_L1)
                item.insert(u"with_username"_s, textOrNull(row.value(5)));
            return item;
        });
}

Result<QJsonArray> messages(QSqlDatabase &db, const QString &userId)
{
    return jsonRows(db,
                    u"SELECT m.id, m.conversation_id, m.seq, m.body_text, m.created_at, "
                    "m.removed_at IS NOT NULL FROM messages m WHERE m.sender_id = ?::uuid "
                    "ORDER BY m.conversation_id, m.seq"_s,
                    userId, [](const QSqlQuery &row) {
                        return QJsonObject{{u"id"_s, row.value(0).toString()},
                                           {u"conversation_id"_s, row.value(1).toString()},
                                           {u"seq"_s, row.value(2).toLongLong()},
                                           {u"body_text"_s, row.value(3).toString()},
                                           {u"created_at"_s, timestampOf(row.value(4))},
                                           {u"removed_by_admin"_s, row.value(5).toBool()}};
                    });
}

Result<QJsonArray> blocked(QSqlDatabase &db, const QString &userId)
{
    return jsonRows(db,
                    u"SELECT u.username, b.created_at FROM blocks b JOIN users u "
                    "ON u.id = b.blocked_id WHERE b.blocker_id = ?::uuid "
                    "ORDER BY b.created_at"_s,
                    userId, [](const QSqlQuery &row) {
                        return QJsonObject{{u"username"_s, textOrNull(row.value(0))},
                                           {u"since"_s, timestampOf(row.value(1))}};
                    });
}

Result<QJsonArray> reportsFiled(QSqlDatabase &db, const QString &userId)
{
    return jsonRows(db,
                    u"SELECT u.username, r.reason, r.message_id, r.created_at "
                    "FROM reports r JOIN users u ON u.id = r.reported_user_id "
                    "WHERE r.reporter_id = ?::uuid ORDER BY r.created_at"_s,
                    userId, [](const QSqlQuery &row) {
                        return QJsonObject{{u"reported_username"_s, textOrNull(row.value(0))},
                                           {u"reason"_s, row.value(1).toString()},
                                           {u"message_id"_s, textOrNull(row.value(2))},
                                           {u"created_at"_s, timestampOf(row.value(3))}};
                    });
}

//! The caller's uploads (#13) as metadata with their URL: the uploader may always fetch them.
Result<QJsonArray> uploads(QSqlDatabase &db, const QString &userId)
{
    return jsonRows(db,
                    u"SELECT id, purpose, content_type, size, width, height, name, "
                    "message_id, created_at FROM uploads WHERE uploader_id = ?::uuid "
                    "ORDER BY created_at"_s,
                    userId, [](const QSqlQuery &row) {
                        const QString id = row.value(0).toString();
                        return QJsonObject{{u"id"_s, id},
                                           {u"purpose"_s, row.value(1).toString()},
                                           {u"content_type"_s, row.value(2).toString()},
                                           {u"size"_s, row.value(3).toLongLong()},
                                           {u"width"_s, row.value(4).toInt()},
                                           {u"height"_s, row.value(5).toInt()},
                                           {u"name"_s, row.value(6).toString()},
                                           {u"message_id"_s, textOrNull(row.value(7))},
                                           {u"created_at"_s, timestampOf(row.value(8))},
                                           {u"url"_s, u"/api/v1/uploads/"_s + id}};
                    });
}

} // namespace

Result<QJsonObject> exportAccount(QSqlDatabase &db, const User &caller)
{
    const QString id = rows::uuidText(caller.id);
    // One snapshot: a message sent while the export runs is in all parts or in none.
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    if (auto snapshot = sql::execRaw(db, u"SET TRANSACTION ISOLATION LEVEL REPEATABLE READ"_s);
        !snapshot)
        return snapshot.error();
    auto conversationList = conversations(db, id);
    if (!conversationList)
        return conversationList.error();
    auto messageList = messages(db, id);
    if (!messageList)
        return messageList.error();
    auto blockList = blocked(db, id);
    if (!blockList)
        return blockList.error();
    auto reportList = reportsFiled(db, id);
    if (!reportList)
        return reportList.error();
    auto uploadList = uploads(db, id);
    if (!uploadList)
        return uploadList.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return QJsonObject{{u"format"_s, u"natter-export/1"_s},
                       {u"exported_at"_s, formatTimestamp(QDateTime::currentDateTimeUtc())},
                       {u"profile"_s, caller.toJson()},
                       {u"conversations"_s, conversationList.value()},
                       {u"messages"_s, messageList.value()},
                       {u"blocked_users"_s, blockList.value()},
                       {u"reports_filed"_s, reportList.value()},
                       {u"uploads"_s, uploadList.value()}};
}

} // namespace natter::server::account
