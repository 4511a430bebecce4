// SPDX-License-Identifier: Apache-2.0
#include "auth/accounts.h"

#include "db/identityrepository.h"
#include "db/rows.h"
#include "db/sql.h"
#include "db/userrepository.h"
#include "natter/validation.h"

#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! Providers' names and pictures are suggestions: what does not pass our rules is replaced
//! (the name) or dropped (the picture) rather than refusing the sign-in.
QString usableDisplayName(const ExternalIdentity &identity)
{
    for (const QString &candidate : {identity.displayName, identity.login}) {
        if (auto name = validation::displayName(u"display_name"_s, candidate))
            return name.value();
        const QString cut = candidate.trimmed().left(limits::kDisplayNameMax);
        if (auto name = validation::displayName(u"display_name"_s, cut))
            return name.value();
    }
    return u"New user"_s;
}

//! Kept only until ProviderAvatarCopier copies it (which decides which hosts it fetches from).
QString usableAvatarUrl(const QString &url)
{
    const QUrl parsed(url, QUrl::StrictMode);
    const bool web = parsed.scheme() == "https"_L1 || parsed.scheme() == "http"_L1;
    return web && parsed.isValid() && url.size() <= limits::kAvatarUrlMax ? url : QString();
}

Result<std::optional<User>> linkedUser(QSqlDatabase &db, const ExternalIdentity &identity)
{
    auto userId = IdentityRepository(db).findUser(identity.provider, identity.subject);
    if (!userId)
        return userId.error();
    if (!userId.value())
        return std::optional<User>{};
    return UserRepository(db).findById(*userId.value());
}

} // namespace

Result<User> findOrCreateUser(QSqlDatabase &db, const ExternalIdentity &identity)
{
    auto existing = linkedUser(db, identity);
    if (!existing)
        return existing.error();
    if (existing.value())
        return *existing.value();

    Result<User> created = ApiError::internal();
    {
        sql::Transaction transaction(db);
        if (!transaction.began())
            return ApiError::unavailable();
        created = UserRepository(db).create(usableDisplayName(identity),
                                            usableAvatarUrl(identity.avatarUrl));
        if (!created)
            return created.error();
        auto linked = IdentityRepository(db).link(created->id, identity.provider, identity.subject,
                                                  identity.login);
        if (linked) {
            if (auto committed = transaction.commit(); !committed)
                return committed.error();
            return created;
        }
        if (linked.error().code != ErrorCode::Conflict)
            return linked.error();
    }
    // A concurrent first sign-in of the same account linked it first; ours rolled back.
    auto winner = linkedUser(db, identity);
    if (!winner)
        return winner.error();
    if (!winner.value())
        return ApiError::internal();
    return *winner.value();
}

Result<QString> suggestedUsername(QSqlDatabase &db, const User &user)
{
    if (user.hasUsername())
        return QString();
    auto logins = sql::exec(db,
                            u"SELECT provider_login FROM oauth_identities WHERE user_id = ?::uuid "
                            "AND provider_login IS NOT NULL ORDER BY created_at"_s,
                            {rows::uuidText(user.id)});
    if (!logins)
        return logins.error();
    QStringList candidates;
    while (logins.value().next())
        candidates.append(logins.value().value(0).toString());
    for (const QString &login : std::as_const(candidates)) {
        auto name = validation::username(u"username"_s, login.toLower().replace(u'-', u'_'));
        if (!name)
            continue;
        auto taken = UserRepository(db).findByUsername(name.value());
        if (!taken)
            return taken.error();
        if (!taken.value())
            return name.value();
    }
    return QString();
}

} // namespace natter::server
