// SPDX-License-Identifier: Apache-2.0
#include "admin/reportqueue.h"

#include "db/rows.h"
#include "db/sql.h"
#include "natter/timestamps.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::admin {
namespace {

//! Messages read around the reported one, each way.
constexpr int kContextEachWay = 5;

//! The user columns of rows::kUserColumns for another table alias.
QString userColumns(QLatin1StringView alias)
{
    return QString::fromLatin1(rows::kUserColumns).replace(u"u."_s, QString(alias) + u'.');
}

QString reportStatement(const QString &where)
{
    return u"SELECT r.id, r.reason, r.created_at, r.resolved_at, r.resolution, "
           "r.resolution_note, r.message_id, res.username, tgt.suspended_at IS NOT NULL, %1, %2 "
           "FROM reports r JOIN users rep ON rep.id = r.reporter_id "
           "JOIN users tgt ON tgt.id = r.reported_user_id "
           "LEFT JOIN users res ON res.id = r.resolved_by WHERE %3 "
           "ORDER BY r.created_at DESC, r.id LIMIT ?"_s.arg(userColumns("rep"_L1),
                                                            userColumns("tgt"_L1), where);
}

constexpr int kReporterFirst = 9;
constexpr int kReportedFirst = 14;

ReportView reportFrom(const QSqlQuery &row)
{
    ReportView report;
    report.id = rows::uuid(row.value(0));
    report.reason = row.value(1).toString();
    report.createdAt = row.value(2).toDateTime().toUTC();
    if (!row.isNull(3))
        report.resolvedAt = row.value(3).toDateTime().toUTC();
    report.resolution = row.value(4).toString();
    report.resolutionNote = row.value(5).toString();
    report.messageId = rows::uuid(row.value(6));
    report.resolvedByName = row.value(7).toString();
    report.reportedSuspended = row.value(8).toBool();
    report.reporter = rows::user(row, kReporterFirst);
    report.reported = rows::user(row, kReportedFirst);
    return report;
}

QJsonValue userOrNull(const QHash<QUuid, User> &users, const QUuid &id)
{
    const auto found = users.constFind(id);
    return found == users.cend() ? QJsonValue() : QJsonValue(found->toJson());
}

} // namespace

QJsonObject ReportView::toJson() const
{
    auto messageJson = [this](const Message &message) {
        QJsonObject object = message.toJson();
        object.insert(u"sender"_s, userOrNull(senders, message.senderId));
        object.insert(u"removed"_s, removedMessages.contains(message.id));
        return object;
    };
    QJsonValue reportedMessage;
    QJsonArray before;
    QJsonArray after;
    bool past = false;
    for (const Message &message : context) {
        if (message.id == messageId) {
            reportedMessage = messageJson(message);
            past = true;
        } else {
            (past ? after : before).append(messageJson(message));
        }
    }
    QJsonObject reportedUser = reported.toJson();
    reportedUser.insert(u"suspended"_s, reportedSuspended);
    QJsonValue resolutionJson;
    if (!isOpen())
        resolutionJson = QJsonObject{
            {u"action"_s, resolution},
            {u"note"_s, resolutionNote.isEmpty() ? QJsonValue() : QJsonValue(resolutionNote)},
            {u"resolved_at"_s, formatTimestamp(resolvedAt)},
            {u"resolved_by"_s,
             resolvedByName.isEmpty() ? QJsonValue() : QJsonValue(resolvedByName)}};
    return {{u"id"_s, rows::uuidText(id)},
            {u"status"_s, isOpen() ? u"open"_s : u"resolved"_s},
            {u"reason"_s, reason},
            {u"created_at"_s, formatTimestamp(createdAt)},
            {u"reporter"_s, reporter.toJson()},
            {u"reported_user"_s, reportedUser},
            {u"message"_s, reportedMessage},
            {u"context"_s, QJsonObject{{u"before"_s, before}, {u"after"_s, after}}},
            {u"resolution"_s, resolutionJson}};
}

Result<QList<ReportView>> ReportQueue::list(const ReportFilter &filter)
{
    QStringList where{u"r.created_at < ?"_s};
    QVariantList values{filter.before.isValid() ? filter.before
                                                : QDateTime::currentDateTimeUtc().addYears(100)};
    if (filter.open)
        where.append(*filter.open ? u"r.resolved_at IS NULL"_s : u"r.resolved_at IS NOT NULL"_s);
    if (!filter.reportedUserId.isNull()) {
        where.append(u"r.reported_user_id = ?::uuid"_s);
        values.append(rows::uuidText(filter.reportedUserId));
    }
    values.append(filter.limit);
    auto query = sql::exec(m_db, reportStatement(where.join(u" AND "_s)), values);
    if (!query)
        return query.error();
    QList<ReportView> reports;
    while (query.value().next())
        reports.append(reportFrom(query.value()));
    // A handful of reports per page; each reads its context in one indexed range query.
    for (ReportView &report : reports) {
        if (auto loaded = loadContext(report); !loaded)
            return loaded.error();
    }
    return reports;
}

Result<ReportView> ReportQueue::find(const QUuid &id)
{
    auto query = sql::exec(m_db, reportStatement(u"r.id = ?::uuid"_s), {rows::uuidText(id), 1});
    if (!query)
        return query.error();
    if (!query.value().next())
        return ApiError::notFound(u"No such report."_s);
    ReportView report = reportFrom(query.value());
    if (auto loaded = loadContext(report); !loaded)
        return loaded.error();
    return report;
}

Status ReportQueue::loadContext(ReportView &report)
{
    if (report.messageId.isNull())
        return Done{};
    auto query = sql::exec(
        m_db,
        u"WITH t AS (SELECT conversation_id, seq FROM messages WHERE id = ?::uuid) "
        "SELECT m.removed_at IS NOT NULL, %1, %2 FROM t JOIN messages m "
        "ON m.conversation_id = t.conversation_id AND m.seq BETWEEN t.seq - ? AND t.seq + ? "
        "LEFT JOIN users u ON u.id = m.sender_id ORDER BY m.seq"_s.arg(
            QLatin1StringView(rows::kUserColumns), QLatin1StringView(rows::kMessageColumns)),
        {rows::uuidText(report.messageId), kContextEachWay, kContextEachWay});
    if (!query)
        return query.error();
    // The message's columns come last: their number grows with the message object (#12, #13).
    constexpr int kRemoved = 0;
    constexpr int kSenderFirst = 1;
    constexpr int kMessageFirst = 6; // after the five user columns
    while (query.value().next()) {
        const Message message = rows::message(query.value(), kMessageFirst);
        report.context.append(message);
        if (query.value().value(kRemoved).toBool())
            report.removedMessages.insert(message.id);
        if (!query.value().isNull(kSenderFirst))
            report.senders.insert(message.senderId, rows::user(query.value(), kSenderFirst));
    }
    return Done{};
}

} // namespace natter::server::admin
