// SPDX-License-Identifier: Apache-2.0
#include "auth/accountstate.h"

#include "db/rows.h"
#include "db/sql.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

namespace {

//! The user's columns, then whether an admin suspended it and whether its owner deleted it.
const QString kAccountColumns = u"%1, u.suspended_at IS NOT NULL, u.deleted_at IS NOT NULL"_s.arg(
    QLatin1StringView(rows::kUserColumns));

AccountRow accountAt(const QSqlQuery &query)
{
    return AccountRow{rows::user(query), query.value(5).toBool(), query.value(6).toBool()};
}

} // namespace

Result<std::optional<AccountRow>> loadAccount(QSqlDatabase &db, const QUuid &userId)
{
    auto query =
        sql::exec(db, u"SELECT %1 FROM users u WHERE u.id = ?::uuid"_s.arg(kAccountColumns),
                  {rows::uuidText(userId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<AccountRow>{};
    return std::optional<AccountRow>{accountAt(query.value())};
}

Result<QHash<QUuid, AccountRow>> loadAccounts(QSqlDatabase &db, const QList<QUuid> &userIds)
{
    QHash<QUuid, AccountRow> accounts;
    if (userIds.isEmpty())
        return accounts;
    auto query =
        sql::exec(db, u"SELECT %1 FROM users u WHERE u.id = ANY(?::uuid[])"_s.arg(kAccountColumns),
                  {rows::uuidArray(userIds)});
    if (!query)
        return query.error();
    while (query.value().next()) {
        AccountRow account = accountAt(query.value());
        accounts.insert(account.user.id, std::move(account));
    }
    return accounts;
}

ApiError suspendedError()
{
    return {ErrorCode::Suspended,
            u"This account is suspended by the server's admins. Contact them if you think this "
            "is a mistake."_s,
            {}};
}

Result<std::optional<ApiError>> signInRefusal(QSqlDatabase &db, const QUuid &userId)
{
    auto account = loadAccount(db, userId);
    if (!account)
        return account.error();
    if (!account.value() || account.value()->deleted)
        return std::optional<ApiError>{ApiError::unauthorized(u"This account no longer exists."_s)};
    if (account.value()->suspended)
        return std::optional<ApiError>{suspendedError()};
    return std::optional<ApiError>{};
}

Status endEverySession(QSqlDatabase &db, const QUuid &userId)
{
    auto revoked = sql::exec(db,
                             u"UPDATE refresh_tokens SET revoked_at = now() "
                             "WHERE user_id = ?::uuid AND revoked_at IS NULL"_s,
                             {rows::uuidText(userId)});
    if (!revoked)
        return revoked.error();
    // A socket authenticating later finds its family revoked.
    return realtime::publishUserSessionsEnded(db, userId);
}

} // namespace natter::server
