// SPDX-License-Identifier: Apache-2.0
#include "auth/accountstate.h"

#include "db/rows.h"
#include "db/sql.h"
#include "realtime/eventpublisher.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

Result<std::optional<AccountRow>> loadAccount(QSqlDatabase &db, const QUuid &userId)
{
    auto query =
        sql::exec(db,
                  u"SELECT %1, u.suspended_at IS NOT NULL, u.deleted_at IS NOT NULL "
                  "FROM users u WHERE u.id = ?::uuid"_s.arg(QLatin1StringView(rows::kUserColumns)),
                  {rows::uuidText(userId)});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<AccountRow>{};
    return std::optional<AccountRow>{AccountRow{rows::user(query.value()),
                                                query.value().value(5).toBool(),
                                                query.value().value(6).toBool()}};
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
