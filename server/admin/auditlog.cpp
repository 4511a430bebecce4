// SPDX-License-Identifier: Apache-2.0
#include "admin/auditlog.h"

#include "db/rows.h"
#include "db/sql.h"
#include "natter/timestamps.h"

#include <QJsonValue>

#include <array>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::admin {
namespace {

constexpr std::array kActionNames{
    std::pair{AuditAction::DismissReport, "dismiss_report"},
    std::pair{AuditAction::DeleteMessage, "delete_message"},
    std::pair{AuditAction::SuspendUser, "suspend_user"},
    std::pair{AuditAction::UnsuspendUser, "unsuspend_user"},
    std::pair{AuditAction::GrantAdmin, "grant_admin"},
    std::pair{AuditAction::RevokeAdmin, "revoke_admin"},
};

AuditAction actionNamed(const QString &name)
{
    for (const auto &[action, text] : kActionNames) {
        if (name == QLatin1StringView(text))
            return action;
    }
    return AuditAction::DismissReport; // the column is only ever written from the names above
}

QVariant nullableUuid(const QUuid &id)
{
    return id.isNull() ? QVariant() : QVariant(rows::uuidText(id));
}

QJsonValue idOrNull(const QUuid &id)
{
    return id.isNull() ? QJsonValue() : QJsonValue(rows::uuidText(id));
}

} // namespace

QString auditActionName(AuditAction action)
{
    for (const auto &[known, text] : kActionNames) {
        if (known == action)
            return QString::fromLatin1(text);
    }
    return {};
}

QJsonObject AuditEntry::toJson() const
{
    QJsonValue target;
    if (!targetUserId.isNull())
        target = QJsonObject{{u"id"_s, rows::uuidText(targetUserId)}, {u"username"_s, targetName}};
    return {{u"id"_s, QString::number(id)},
            {u"action"_s, auditActionName(action)},
            {u"actor"_s, QJsonObject{{u"id"_s, idOrNull(actorId)}, {u"username"_s, actorName}}},
            {u"target_user"_s, target},
            {u"report_id"_s, idOrNull(reportId)},
            {u"message_id"_s, idOrNull(messageId)},
            {u"note"_s, note.isEmpty() ? QJsonValue() : QJsonValue(note)},
            {u"created_at"_s, formatTimestamp(createdAt)}};
}

Status AuditLog::record(const AuditEntry &entry)
{
    auto inserted = sql::exec(
        m_db,
        u"INSERT INTO admin_audit (actor_id, actor_name, action, target_user_id, target_name, "
        "report_id, message_id, note) VALUES (?::uuid, ?, ?, ?::uuid, ?, ?::uuid, ?::uuid, ?)"_s,
        {nullableUuid(entry.actorId), entry.actorName, auditActionName(entry.action),
         nullableUuid(entry.targetUserId),
         entry.targetName.isEmpty() ? QVariant() : QVariant(entry.targetName),
         nullableUuid(entry.reportId), nullableUuid(entry.messageId),
         entry.note.isEmpty() ? QVariant() : QVariant(entry.note)});
    if (!inserted)
        return inserted.error();
    return Done{};
}

Result<QList<AuditEntry>> AuditLog::list(qint64 before, int limit)
{
    auto query = sql::exec(
        m_db,
        u"SELECT id, actor_id, actor_name, action, target_user_id, target_name, report_id, "
        "message_id, note, created_at FROM admin_audit WHERE id < ? "
        "ORDER BY id DESC LIMIT ?"_s,
        {before > 0 ? before : std::numeric_limits<qint64>::max(), limit});
    if (!query)
        return query.error();
    QList<AuditEntry> entries;
    QSqlQuery &row = query.value();
    while (row.next()) {
        AuditEntry entry;
        entry.id = row.value(0).toLongLong();
        entry.actorId = rows::uuid(row.value(1));
        entry.actorName = row.value(2).toString();
        entry.action = actionNamed(row.value(3).toString());
        entry.targetUserId = rows::uuid(row.value(4));
        entry.targetName = row.value(5).toString();
        entry.reportId = rows::uuid(row.value(6));
        entry.messageId = rows::uuid(row.value(7));
        entry.note = row.value(8).toString();
        entry.createdAt = row.value(9).toDateTime().toUTC();
        entries.append(entry);
    }
    return entries;
}

} // namespace natter::server::admin
