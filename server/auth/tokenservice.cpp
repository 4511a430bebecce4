// SPDX-License-Identifier: Apache-2.0
#include "auth/tokenservice.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>

#include <jwt.h>

#include <cstdlib>
#include <memory>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr auto kIssuer = "natter";
constexpr qint64 kClockSkewSeconds = 30;

struct JwtDeleter
{
    void operator()(jwt_t *jwt) const { jwt_free(jwt); }
};
using JwtHandle = std::unique_ptr<jwt_t, JwtDeleter>;

const char *kindName(TokenKind kind)
{
    return kind == TokenKind::Access ? "access" : "refresh";
}

ApiError invalidToken()
{
    return ApiError::unauthorized(u"The token is invalid or expired."_s);
}

//! The header must say exactly HS256 before libjwt is allowed to interpret the token.
bool headerNamesPinnedAlgorithm(const QString &token)
{
    const qsizetype dot = token.indexOf(u'.');
    if (dot <= 0)
        return false;
    const QByteArray header = QByteArray::fromBase64(
        token.left(dot).toLatin1(), QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    const QJsonObject object = QJsonDocument::fromJson(header).object();
    return object.value(u"alg"_s).toString() == "HS256"_L1;
}

//! An access token this thread has verified, with the key that verified it.
struct VerifiedAccess
{
    QByteArray key;
    TokenClaims claims;
    qint64 expires = 0;
};

//! Access tokens verified on this thread. Every request presents its token, and checking it
//! (a base64 and JSON header check, libjwt's decode, an HMAC, the claims' JSON) was a fifth of
//! the socket thread's CPU on history pages (docs/architecture.md). The answer for the same
//! bytes under the same key cannot change except by expiry, which is checked on every hit;
//! `nbf` only ever becomes truer. Bounded: emptied when full.
thread_local QHash<QString, VerifiedAccess> t_verifiedAccess;
constexpr qsizetype kVerifiedAccessLimit = 4096;

} // namespace

TokenService::TokenService(QByteArray signingKey, int accessLifetimeSeconds,
                           int refreshLifetimeDays, int sessionMaxDays)
    : m_key(std::move(signingKey)), m_accessSeconds(accessLifetimeSeconds),
      m_refreshDays(refreshLifetimeDays), m_sessionMaxDays(sessionMaxDays)
{}

IssuedToken TokenService::issueAccess(const QUuid &userId, const QUuid &family) const
{
    return sign(TokenKind::Access, userId, family, m_accessSeconds);
}

IssuedToken TokenService::issueRefresh(const QUuid &userId, const QUuid &family) const
{
    return sign(TokenKind::Refresh, userId, family, refreshLifetimeSeconds());
}

IssuedToken TokenService::sign(TokenKind kind, const QUuid &userId, const QUuid &family,
                               qint64 lifetimeSeconds) const
{
    jwt_t *raw = nullptr;
    jwt_new(&raw);
    JwtHandle jwt(raw);
    const QDateTime now = QDateTime::currentDateTimeUtc();
    const QDateTime expires = now.addSecs(lifetimeSeconds);
    const QString jti = QUuid::createUuid().toString(QUuid::WithoutBraces);
    jwt_add_grant(jwt.get(), "iss", kIssuer);
    jwt_add_grant(jwt.get(), "sub", userId.toString(QUuid::WithoutBraces).toUtf8().constData());
    jwt_add_grant(jwt.get(), "jti", jti.toUtf8().constData());
    jwt_add_grant(jwt.get(), "typ", kindName(kind));
    jwt_add_grant_int(jwt.get(), "iat", now.toSecsSinceEpoch());
    jwt_add_grant_int(jwt.get(), "nbf", now.toSecsSinceEpoch());
    jwt_add_grant_int(jwt.get(), "exp", expires.toSecsSinceEpoch());
    if (!family.isNull())
        jwt_add_grant(jwt.get(), "fam", family.toString(QUuid::WithoutBraces).toUtf8().constData());
    jwt_set_alg(jwt.get(), JWT_ALG_HS256,
                reinterpret_cast<const unsigned char *>(m_key.constData()), int(m_key.size()));
    char *encoded = jwt_encode_str(jwt.get());
    IssuedToken issued{QString::fromLatin1(encoded), jti, expires};
    std::free(encoded); // libjwt 1.10 allocates with malloc and has no jwt_free_str
    return issued;
}

namespace {

//! The whole check: signature under `key`, algorithm, issuer, kind, lifetime, subject.
Result<TokenClaims> verifySigned(const QByteArray &key, const QString &token, TokenKind expected)
{
    if (token.isEmpty() || token.size() > 4096 || !headerNamesPinnedAlgorithm(token))
        return invalidToken();
    jwt_t *raw = nullptr;
    const QByteArray bytes = token.toLatin1();
    if (jwt_decode(&raw, bytes.constData(),
                   reinterpret_cast<const unsigned char *>(key.constData()), int(key.size())) != 0)
        return invalidToken();
    JwtHandle jwt(raw);
    if (jwt_get_alg(jwt.get()) != JWT_ALG_HS256)
        return invalidToken();

    const auto grant = [&](const char *name) {
        const char *value = jwt_get_grant(jwt.get(), name);
        return value ? QString::fromUtf8(value) : QString();
    };
    const qint64 now = QDateTime::currentSecsSinceEpoch();
    const qint64 expires = jwt_get_grant_int(jwt.get(), "exp");
    const qint64 notBefore = jwt_get_grant_int(jwt.get(), "nbf");
    if (grant("iss") != QLatin1StringView(kIssuer) ||
        grant("typ") != QLatin1StringView(kindName(expected)) || expires <= now ||
        notBefore > now + kClockSkewSeconds)
        return invalidToken();

    TokenClaims claims;
    claims.kind = expected;
    claims.userId = QUuid::fromString(grant("sub"));
    claims.jti = grant("jti");
    claims.family = QUuid::fromString(grant("fam"));
    claims.issuedAt = QDateTime::fromSecsSinceEpoch(jwt_get_grant_int(jwt.get(), "iat"), Qt::UTC);
    claims.expiresAt = QDateTime::fromSecsSinceEpoch(expires, Qt::UTC);
    if (claims.userId.isNull() || claims.jti.isEmpty() ||
        (expected == TokenKind::Refresh && claims.family.isNull()))
        return invalidToken();
    return claims;
}

} // namespace

Result<TokenClaims> TokenService::verify(const QString &token, TokenKind expected) const
{
    if (expected == TokenKind::Access) {
        const auto known = t_verifiedAccess.constFind(token);
        if (known != t_verifiedAccess.constEnd() && known->key == m_key) {
            if (known->expires <= QDateTime::currentSecsSinceEpoch())
                return invalidToken();
            return known->claims;
        }
    }
    auto claims = verifySigned(m_key, token, expected);
    if (claims && expected == TokenKind::Access) {
        if (t_verifiedAccess.size() >= kVerifiedAccessLimit)
            t_verifiedAccess.clear();
        t_verifiedAccess.insert(token,
                                {m_key, claims.value(), claims->expiresAt.toSecsSinceEpoch()});
    }
    return claims;
}

QByteArray hashTokenId(const QString &jti)
{
    return QCryptographicHash::hash(jti.toUtf8(), QCryptographicHash::Sha256);
}

} // namespace natter::server
