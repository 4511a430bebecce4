// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/message.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QSet>
#include <QSqlDatabase>

#include <optional>

namespace natter::server::admin {

//! A report as an admin reads it: who reported whom and why, the reported message among the
//! messages around it, and how it was resolved.
struct ReportView
{
    QUuid id;
    QString reason;
    QDateTime createdAt;
    User reporter;
    User reported;
    bool reportedSuspended = false;
    QUuid messageId;
    //! The reported message with up to five messages before and after it, oldest first.
    QList<Message> context;
    QHash<QUuid, User> senders;
    QSet<QUuid> removedMessages;
    QDateTime resolvedAt;
    QString resolution; //!< `dismiss`, `delete_message` or `suspend_user`; empty while open
    QString resolutionNote;
    QString resolvedByName;

    [[nodiscard]] bool isOpen() const { return !resolvedAt.isValid(); }
    //! `{"id","status","reason","created_at","reporter","reported_user","message",
    //! "context":{"before":[...],"after":[...]},"resolution"}`; messages carry their `sender`
    //! and `removed`.
    [[nodiscard]] QJsonObject toJson() const;
};

//! Which reports to read: open or resolved (or both), about one user or anyone, newest first
//! from `before`.
struct ReportFilter
{
    std::optional<bool> open;
    QUuid reportedUserId;
    QDateTime before;
    int limit = 50;
};

//! The reports of `reports`, read for admins.
class ReportQueue final
{
public:
    explicit ReportQueue(QSqlDatabase &db) : m_db(db) {}

    [[nodiscard]] Result<QList<ReportView>> list(const ReportFilter &filter);
    //! One report, `not_found` when there is none.
    [[nodiscard]] Result<ReportView> find(const QUuid &id);

private:
    [[nodiscard]] Status loadContext(ReportView &report);

    QSqlDatabase &m_db;
};

} // namespace natter::server::admin
