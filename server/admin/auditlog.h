// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QDateTime>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QUuid>

namespace natter::server::admin {

//! What an admin did; each one is a line of the audit log.
enum class AuditAction
{
    DismissReport,
    DeleteMessage,
    SuspendUser,
    UnsuspendUser,
    GrantAdmin,
    RevokeAdmin,
};

//! `dismiss_report`, `delete_message`, ... as in the API.
[[nodiscard]] QString auditActionName(AuditAction action);

struct AuditEntry
{
    qint64 id = 0;
    QUuid actorId;     //!< null for the command line
    QString actorName; //!< copied: the log outlives accounts
    AuditAction action = AuditAction::DismissReport;
    QUuid targetUserId;
    QString targetName;
    QUuid reportId;
    QUuid messageId;
    QString note;
    QDateTime createdAt;

    //! `{"id","action","actor":{"id","username"},"target_user":{...}|null,"report_id",
    //! "message_id","note","created_at"}`.
    [[nodiscard]] QJsonObject toJson() const;
};

//! The append-only log of admin actions (table `admin_audit`). Write it in the transaction of
//! the action it records, so there is never an action without its line, nor the reverse.
class AuditLog final
{
public:
    explicit AuditLog(QSqlDatabase &db) : m_db(db) {}

    [[nodiscard]] Status record(const AuditEntry &entry);
    //! Newest first; `before` an entry id (0: from the newest).
    [[nodiscard]] Result<QList<AuditEntry>> list(qint64 before, int limit);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server::admin
