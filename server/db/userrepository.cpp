// SPDX-License-Identifier: Apache-2.0
#include "db/userrepository.h"

#include "db/rows.h"
#include "db/sql.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

Result<std::optional<User>> firstUser(Result<QSqlQuery> query)
{
    if (!query)
        return query.error();
    if (!query.value().next())
        return std::optional<User>{};
    return std::optional<User>{rows::user(query.value())};
}

Result<User> requiredUser(Result<QSqlQuery> query)
{
    auto user = firstUser(std::move(query));
    if (!user)
        return user.error();
    if (!user.value())
        return ApiError::notFound(u"No such user."_s);
    return *user.value();
}

} // namespace

Result<User> UserRepository::create(const QString &displayName, const QString &providerAvatarUrl)
{
    return requiredUser(sql::exec(m_db,
                                  u"INSERT INTO users AS u (display_name, provider_avatar_url) "
                                  "VALUES (?, NULLIF(?, '')) RETURNING "_s +
                                      QLatin1StringView(rows::kUserColumns),
                                  {displayName, providerAvatarUrl}));
}

Result<std::optional<User>> UserRepository::findById(const QUuid &id)
{
    return firstUser(sql::exec(
        m_db,
        u"SELECT %1 FROM users u WHERE u.id = ?::uuid"_s.arg(QLatin1StringView(rows::kUserColumns)),
        {rows::uuidText(id)}));
}

Result<QList<User>> UserRepository::findByIds(const QList<QUuid> &ids)
{
    auto query = sql::exec(m_db,
                           u"SELECT %1 FROM users u WHERE u.id = ANY(?::uuid[])"_s.arg(
                               QLatin1StringView(rows::kUserColumns)),
                           {rows::uuidArray(ids)});
    if (!query)
        return query.error();
    QList<User> users;
    while (query.value().next())
        users.append(rows::user(query.value()));
    return users;
}

Result<std::optional<User>> UserRepository::findByUsername(const QString &username)
{
    return firstUser(sql::exec(m_db,
                               u"SELECT %1 FROM users u WHERE lower(u.username) = lower(?)"_s.arg(
                                   QLatin1StringView(rows::kUserColumns)),
                               {username}));
}

Result<User> UserRepository::setUsername(const QUuid &id, const QString &lowerCaseUsername)
{
    auto user = requiredUser(sql::exec(
        m_db,
        u"UPDATE users AS u SET username = ?, updated_at = now() WHERE u.id = ?::uuid RETURNING "_s +
            QLatin1StringView(rows::kUserColumns),
        {lowerCaseUsername, rows::uuidText(id)}));
    if (!user && user.error().code == ErrorCode::Conflict)
        return ApiError::conflict(u"That username is taken."_s);
    return user;
}

Result<QList<User>> UserRepository::search(const QUuid &callerId, const QString &query, int limit)
{
    const QString needle = query.toLower();
    QString escaped = needle;
    escaped.replace(u'\\', u"\\\\"_s).replace(u'%', u"\\%"_s).replace(u'_', u"\\_"_s);
    // The username condition can use users_username_prefix_idx, the display name condition
    // users_display_name_trgm_idx: PostgreSQL combines them with a BitmapOr. A trigram index
    // cannot serve one or two characters, so those match the start of the display name
    // (users_display_name_prefix_idx) instead of scanning every user for "contains".
    const bool tooShortForTrigrams = needle.size() < 3;
    const QString displayNamePattern = tooShortForTrigrams ? escaped + u'%' : u'%' + escaped + u'%';
    auto found = sql::exec(
        m_db,
        u"SELECT %1 FROM users u "
        "WHERE u.username IS NOT NULL "
        "  AND (lower(u.username) LIKE ? ESCAPE '\\' OR lower(u.display_name) LIKE ? ESCAPE '\\') "
        "  AND NOT EXISTS (SELECT 1 FROM blocks b WHERE b.blocker_id = u.id AND b.blocked_id = "
        "?::uuid) "
        "ORDER BY lower(u.username) = ? DESC, lower(u.username) LIKE ? ESCAPE '\\' DESC, "
        "  lower(u.display_name) LIKE ? ESCAPE '\\' DESC, "
        "  similarity(lower(u.display_name), ?) DESC, lower(u.username) "
        "LIMIT ?"_s.arg(QLatin1StringView(rows::kUserColumns)),
        {escaped + u'%', displayNamePattern, rows::uuidText(callerId), needle, escaped + u'%',
         escaped + u'%', needle, limit});
    if (!found)
        return found.error();
    QList<User> users;
    while (found.value().next())
        users.append(rows::user(found.value()));
    return users;
}

Result<User> UserRepository::updateProfile(const QUuid &id,
                                           const std::optional<QString> &displayName,
                                           const std::optional<QString> &avatarUrl)
{
    return requiredUser(sql::exec(
        m_db,
        u"UPDATE users AS u SET display_name = COALESCE(?, u.display_name), "
        "avatar_url = CASE WHEN ? THEN NULLIF(?, '') ELSE u.avatar_url END, updated_at = now() "
        "WHERE u.id = ?::uuid RETURNING "_s +
            QLatin1StringView(rows::kUserColumns),
        {displayName ? QVariant(*displayName) : QVariant(QMetaType::fromType<QString>()),
         avatarUrl.has_value(), avatarUrl.value_or(QString()), rows::uuidText(id)}));
}

} // namespace natter::server
