// SPDX-License-Identifier: Apache-2.0
#include "db/identityrepository.h"

#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

Result<std::optional<QUuid>> IdentityRepository::findUser(const QString &provider,
                                                          const QString &providerUserId)
{
    auto query = sql::exec(
        m_db, u"SELECT user_id FROM oauth_identities WHERE provider = ? AND provider_user_id = ?"_s,
        {provider, providerUserId});
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<QUuid>{};
    return std::optional<QUuid>{rows::uuid(query.value().value(0))};
}

Status IdentityRepository::link(const QUuid &userId, const QString &provider,
                                const QString &providerUserId, const QString &providerLogin)
{
    auto query = sql::exec(m_db,
                           u"INSERT INTO oauth_identities (user_id, provider, provider_user_id, "
                           "provider_login) VALUES (?::uuid, ?, ?, NULLIF(?, ''))"_s,
                           {rows::uuidText(userId), provider, providerUserId, providerLogin});
    if (!query)
        return query.error();
    return Done{};
}

} // namespace natter::server
