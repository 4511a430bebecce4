// SPDX-License-Identifier: Apache-2.0
#include "auth/sessionstore.h"

#include "auth/accountstate.h"

#include "db/rows.h"
#include "db/sql.h"
#include "db/userrepository.h"
#include "logging.h"
#include "realtime/eventpublisher.h"

#include <QJsonDocument>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

QString hashHex(const QString &jti)
{
    return QString::fromLatin1(hashTokenId(jti).toHex());
}

ApiError sessionEnded()
{
    return ApiError::unauthorized(u"This session has ended; sign in again."_s);
}

} // namespace

QJsonObject Session::toJson(int accessLifetimeSeconds, bool withRefreshToken) const
{
    QJsonObject object{{u"access_token"_s, access.token},
                       {u"token_type"_s, u"Bearer"_s},
                       {u"expires_in"_s, accessLifetimeSeconds},
                       {u"user"_s, user.toJson()}};
    if (withRefreshToken)
        object.insert(u"refresh_token"_s, refresh.token);
    return object;
}

Result<IssuedToken> SessionStore::storeRefresh(const QUuid &userId, const QUuid &family)
{
    IssuedToken refresh = m_tokens.issueRefresh(userId, family);
    auto inserted = sql::exec(
        m_db,
        u"INSERT INTO refresh_tokens (jti_hash, user_id, family_id, expires_at) "
        "VALUES (decode(?, 'hex'), ?::uuid, ?::uuid, ?)"_s,
        {hashHex(refresh.jti), rows::uuidText(userId), rows::uuidText(family), refresh.expiresAt});
    if (!inserted)
        return inserted.error();
    return refresh;
}

Result<Session> SessionStore::begin(const User &user)
{
    // Every way in (development login, OAuth in the browser, the desktop's code exchange)
    // starts here: a suspended or deleted account gets no session.
    auto refusal = signInRefusal(m_db, user.id);
    if (!refusal)
        return refusal.error();
    if (refusal.value())
        return *refusal.value();
    // Tokens past their expiry can never be used again, not even to detect reuse (their
    // JWT no longer verifies): forget them, so the table does not grow with every sign-in.
    if (auto purged = sql::exec(m_db, u"DELETE FROM refresh_tokens WHERE expires_at < now()"_s);
        !purged)
        return purged.error();
    const QUuid family = QUuid::createUuid();
    auto refresh = storeRefresh(user.id, family);
    if (!refresh)
        return refresh.error();
    return Session{user, m_tokens.issueAccess(user.id, family), refresh.value()};
}

Result<Session> SessionStore::rotate(const TokenClaims &claims)
{
    sql::Transaction transaction(m_db);
    if (!transaction.began())
        return ApiError::unavailable();
    // FOR UPDATE: two concurrent refreshes with one token are serialised, and the second one
    // is treated as the reuse it is.
    auto row = sql::exec(m_db,
                         u"SELECT user_id, family_id, expires_at > now(), rotated_at IS NOT NULL, "
                         "revoked_at IS NOT NULL FROM refresh_tokens "
                         "WHERE jti_hash = decode(?, 'hex') FOR UPDATE"_s,
                         {hashHex(claims.jti)});
    if (!row)
        return row.error();
    QSqlQuery &query = row.value();
    if (!query.next())
        return sessionEnded(); // never issued, or its user was deleted (ON DELETE CASCADE)
    const QUuid userId = rows::uuid(query.value(0));
    const QUuid family = rows::uuid(query.value(1));
    const bool live = query.value(2).toBool();
    const bool rotated = query.value(3).toBool();
    const bool revoked = query.value(4).toBool();
    if (userId != claims.userId || family != claims.family)
        return sessionEnded();
    if (rotated && !revoked) {
        logging::event(
            lcAuth(), QtWarningMsg, u"refresh token reused; family revoked"_s,
            {{u"user_id"_s, rows::uuidText(userId)}, {u"family_id"_s, rows::uuidText(family)}});
        if (auto revokedFamily = revokeFamily(family); !revokedFamily)
            return revokedFamily.error();
        if (auto committed = transaction.commit(); !committed)
            return committed.error();
        return sessionEnded();
    }
    if (rotated || revoked || !live)
        return sessionEnded();
    // Rotation must not keep a stolen session alive for ever: the family ends a fixed time
    // after its sign-in.
    auto started = sql::exec(m_db,
                             u"SELECT min(created_at) < now() - make_interval(days => ?) "
                             "FROM refresh_tokens WHERE family_id = ?::uuid"_s,
                             {m_tokens.sessionMaxDays(), rows::uuidText(family)});
    if (!started)
        return started.error();
    if (QSqlQuery &age = started.value(); age.next() && age.value(0).toBool()) {
        if (auto ended = revokeFamily(family); !ended)
            return ended.error();
        if (auto committed = transaction.commit(); !committed)
            return committed.error();
        return sessionEnded();
    }

    auto user = UserRepository(m_db).findById(userId);
    if (!user)
        return user.error();
    if (!user.value())
        return sessionEnded();
    auto marked = sql::exec(
        m_db, u"UPDATE refresh_tokens SET rotated_at = now() WHERE jti_hash = decode(?, 'hex')"_s,
        {hashHex(claims.jti)});
    if (!marked)
        return marked.error();
    auto refresh = storeRefresh(userId, family);
    if (!refresh)
        return refresh.error();
    if (auto committed = transaction.commit(); !committed)
        return committed.error();
    return Session{*user.value(), m_tokens.issueAccess(userId, family), refresh.value()};
}

Status SessionStore::revokeFamily(const QUuid &family)
{
    auto revoked = sql::exec(m_db,
                             u"UPDATE refresh_tokens SET revoked_at = now() "
                             "WHERE family_id = ?::uuid AND revoked_at IS NULL"_s,
                             {rows::uuidText(family)});
    if (!revoked)
        return revoked.error();
    // Every server process closes the sockets of this sign-in (4003), at commit, with the
    // revocation.
    return realtime::publishSessionRevoked(m_db, family);
}

} // namespace natter::server
