// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <QHash>
#include <QList>
#include <QSqlDatabase>

#include <optional>

namespace natter::server {

//! A user row with what decides whether its owner may act at all (issue #14): a suspended
//! account is refused everywhere, a deleted one no longer exists for anyone.
struct AccountRow
{
    User user;
    bool suspended = false;
    bool deleted = false;
};

//! The account of `userId` in one query, or nullopt when there is no such row.
[[nodiscard]] Result<std::optional<AccountRow>> loadAccount(QSqlDatabase &db, const QUuid &userId);
//! The accounts of `userIds` in one query, by id; ids without a row are left out.
[[nodiscard]] Result<QHash<QUuid, AccountRow>> loadAccounts(QSqlDatabase &db,
                                                            const QList<QUuid> &userIds);

//! 403 `suspended`, worded for the person it happens to.
[[nodiscard]] ApiError suspendedError();

//! Why `userId` may not start or renew a sign-in (suspended, deleted), or nothing.
[[nodiscard]] Result<std::optional<ApiError>> signInRefusal(QSqlDatabase &db, const QUuid &userId);

//! Ends every sign-in of `userId` at once: revokes all refresh families and tells every server
//! process to close the user's sockets with 4003. Call inside the transaction that suspends or
//! deletes the account: the notification goes out at commit, with the change.
[[nodiscard]] Status endEverySession(QSqlDatabase &db, const QUuid &userId);

} // namespace natter::server
