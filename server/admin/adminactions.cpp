// SPDX-License-Identifier: Apache-2.0
#include "admin/adminactions.h"

#include "admin/auditlog.h"
#include "auth/accountstate.h"
#include "chat/messagechanges.h"
#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::admin {
namespace {

const QHash<QString, Resolution> kResolutions{
    {u"dismiss"_s, Resolution::Dismiss},
    {u"delete_message"_s, Resolution::DeleteMessage},
    {u"suspend_user"_s, Resolution::SuspendUser},
};

AuditEntry byAdmin(const User &admin, AuditAction action)
{
    AuditEntry entry;
    entry.actorId = admin.id;
    entry.actorName = admin.username;
    entry.action = action;
    return entry;
}

//! Deletes a reported message for everyone as its sender could (it keeps its id and seq and
//! shows as deleted; members are told live); `removed_at`/`removed_by` record that an admin
//! did it, for the report queue and the sender's export.
Status removeMessage(QSqlDatabase &db, const User &admin, const QUuid &messageId)
{
    if (auto deleted = chat::deleteMessageAsModerator(db, messageId); !deleted)
        return deleted;
    auto recorded = sql::exec(db,
                              u"UPDATE messages SET removed_at = coalesce(removed_at, now()), "
                              "removed_by = coalesce(removed_by, ?::uuid) WHERE id = ?::uuid"_s,
                              {rows::uuidText(admin.id), rows::uuidText(messageId)});
    if (!recorded)
        return recorded.error();
    return Done{};
}

//! Sets or clears `suspended_at`; the user's name for the audit log, `not_found` without one.
Result<QString> setSuspended(QSqlDatabase &db, const QUuid &userId, bool suspended)
{
    auto updated = sql::exec(
        db,
        suspended ? u"UPDATE users SET suspended_at = coalesce(suspended_at, now()) "
                    "WHERE id = ?::uuid AND deleted_at IS NULL RETURNING coalesce(username, '')"_s
                  : u"UPDATE users SET suspended_at = NULL "
                    "WHERE id = ?::uuid AND deleted_at IS NULL RETURNING coalesce(username, '')"_s,
        {rows::uuidText(userId)});
    if (!updated)
        return updated.error();
    if (!updated.value().next())
        return ApiError::notFound(u"No such user."_s);
    return updated.value().value(0).toString();
}

Status suspendInTransaction(QSqlDatabase &db, const User &admin, const QUuid &userId,
                            const QString &note, const QUuid &reportId)
{
    if (userId == admin.id)
        return ApiError::conflict(u"You cannot suspend yourself."_s);
    auto name = setSuspended(db, userId, true);
    if (!name)
        return name.error();
    if (auto ended = endEverySession(db, userId); !ended)
        return ended.error();
    AuditEntry entry = byAdmin(admin, AuditAction::SuspendUser);
    entry.targetUserId = userId;
    entry.targetName = name.value();
    entry.reportId = reportId;
    entry.note = note;
    return AuditLog(db).record(entry);
}

} // namespace

std::optional<Resolution> resolutionNamed(const QString &name)
{
    const auto found = kResolutions.constFind(name);
    if (found == kResolutions.cend())
        return std::nullopt;
    return *found;
}

Result<ReportView> resolveReport(QSqlDatabase &db, const User &admin, const QUuid &reportId,
                                 Resolution resolution, const QString &note)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    // FOR UPDATE: two admins resolving the same report at once: the second gets 409.
    auto locked = sql::exec(db,
                            u"SELECT r.reported_user_id, r.message_id, r.resolved_at IS NOT NULL, "
                            "coalesce(u.username, '') FROM reports r "
                            "JOIN users u ON u.id = r.reported_user_id "
                            "WHERE r.id = ?::uuid FOR UPDATE OF r"_s,
                            {rows::uuidText(reportId)});
    if (!locked)
        return locked.error();
    if (!locked.value().next())
        return ApiError::notFound(u"No such report."_s);
    const QUuid reportedUserId = rows::uuid(locked.value().value(0));
    const QUuid messageId = rows::uuid(locked.value().value(1));
    const QString reportedName = locked.value().value(3).toString();
    if (locked.value().value(2).toBool())
        return ApiError::conflict(u"This report is resolved already."_s);

    QString actionName = kResolutions.key(resolution);
    switch (resolution) {
    case Resolution::Dismiss: {
        AuditEntry entry = byAdmin(admin, AuditAction::DismissReport);
        entry.reportId = reportId;
        entry.note = note;
        if (auto recorded = AuditLog(db).record(entry); !recorded)
            return recorded.error();
        break;
    }
    case Resolution::DeleteMessage: {
        if (messageId.isNull())
            return ApiError::validation(u"action"_s, u"this report names no message"_s);
        if (auto removed = removeMessage(db, admin, messageId); !removed)
            return removed.error();
        AuditEntry entry = byAdmin(admin, AuditAction::DeleteMessage);
        entry.reportId = reportId;
        entry.messageId = messageId;
        entry.targetUserId = reportedUserId;
        entry.targetName = reportedName;
        entry.note = note;
        if (auto recorded = AuditLog(db).record(entry); !recorded)
            return recorded.error();
        break;
    }
    case Resolution::SuspendUser:
        if (auto suspended = suspendInTransaction(db, admin, reportedUserId, note, reportId);
            !suspended)
            return suspended.error();
        break;
    }
    auto resolved =
        sql::exec(db,
                  u"UPDATE reports SET resolved_at = now(), resolved_by = ?::uuid, "
                  "resolution = ?, resolution_note = NULLIF(?, '') "
                  "WHERE id = ?::uuid"_s,
                  {rows::uuidText(admin.id), actionName, note, rows::uuidText(reportId)});
    if (!resolved)
        return resolved.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return ReportQueue(db).find(reportId);
}

Status suspendUser(QSqlDatabase &db, const User &admin, const QUuid &userId, const QString &note,
                   const QUuid &reportId)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    if (auto suspended = suspendInTransaction(db, admin, userId, note, reportId); !suspended)
        return suspended.error();
    return transaction.commit();
}

Status unsuspendUser(QSqlDatabase &db, const User &admin, const QUuid &userId, const QString &note)
{
    sql::Transaction transaction(db);
    if (!transaction.began())
        return ApiError::unavailable();
    auto name = setSuspended(db, userId, false);
    if (!name)
        return name.error();
    AuditEntry entry = byAdmin(admin, AuditAction::UnsuspendUser);
    entry.targetUserId = userId;
    entry.targetName = name.value();
    entry.note = note;
    if (auto recorded = AuditLog(db).record(entry); !recorded)
        return recorded.error();
    return transaction.commit();
}

} // namespace natter::server::admin
