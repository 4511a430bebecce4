// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "admin/reportqueue.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

//! What an instance admin can do. Each action runs in one transaction with its audit-log line,
//! and takes effect at once on every server process.
namespace natter::server::admin {

enum class Resolution
{
    Dismiss,
    DeleteMessage,
    SuspendUser,
};

//! `dismiss`, `delete_message`, `suspend_user`; nullopt for anything else.
[[nodiscard]] std::optional<Resolution> resolutionNamed(const QString &name);

//! Resolves an open report (`conflict` when it is resolved already, `not_found` when there is
//! none) with `resolution` and an optional `note`; returns it as resolved.
[[nodiscard]] Result<ReportView> resolveReport(QSqlDatabase &db, const User &admin,
                                               const QUuid &reportId, Resolution resolution,
                                               const QString &note);

//! Suspends `userId`: refused everywhere (403 `suspended`), every sign-in ended, every socket
//! closed with 4003. An admin cannot suspend themself; suspending twice is not an error.
[[nodiscard]] Status suspendUser(QSqlDatabase &db, const User &admin, const QUuid &userId,
                                 const QString &note, const QUuid &reportId = {});
//! Lifts a suspension; the user signs in again as before.
[[nodiscard]] Status unsuspendUser(QSqlDatabase &db, const User &admin, const QUuid &userId,
                                   const QString &note);

} // namespace natter::server::admin
