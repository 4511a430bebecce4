// SPDX-License-Identifier: Apache-2.0
#include "ops/admingrant.h"

#include "admin/instanceadmins.h"
#include "db/databasesettings.h"
#include "ops/opsdatabase.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {

Result<QString> changeInstanceAdmin(const QString &databaseUrl, bool grant, const QString &username)
{
    auto settings = DatabaseSettings::parse(databaseUrl);
    if (!settings)
        return settings.error();
    ScopedConnection connection(settings.value(), u"admin"_s);
    if (!connection.isOpen())
        return ApiError::unavailable();
    // The environment's NATTER_ADMINS does not matter here: only the granted rows change.
    admin::InstanceAdmins admins(connection.db(), {});
    auto user = grant ? admins.grant(username) : admins.revoke(username);
    if (!user)
        return user.error();
    return grant ? u"%1 is now an instance admin"_s.arg(user->username)
                 : u"%1 is no longer an instance admin (unless NATTER_ADMINS names them)"_s.arg(
                       user->username);
}

} // namespace natter::server::ops
