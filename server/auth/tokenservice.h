// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QByteArray>
#include <QDateTime>
#include <QString>
#include <QUuid>

namespace natter::server {

enum class TokenKind
{
    Access,
    Refresh
};

//! What a verified token says.
struct TokenClaims
{
    TokenKind kind = TokenKind::Access;
    QUuid userId;
    QString jti;
    QUuid family; //!< refresh tokens only: every rotation of one sign-in shares it
    QDateTime issuedAt;
    QDateTime expiresAt;
};

//! A freshly signed token.
struct IssuedToken
{
    QString token;
    QString jti;
    QDateTime expiresAt;
};

//! Natter's own JWTs, signed with HS256 through libjwt. The algorithm is pinned: a token whose
//! header names anything else (`none`, another HMAC, RS256 with our secret as a "public key")
//! is refused before libjwt looks at it, and checked again after. Access and refresh tokens
//! carry a `typ` claim so neither can stand in for the other.
class TokenService final
{
public:
    TokenService(QByteArray signingKey, int accessLifetimeSeconds, int refreshLifetimeDays,
                 int sessionMaxDays = 90);

    //! `family` names the sign-in the token belongs to, so a socket opened with it can be
    //! closed when that sign-in ends (logout, reuse detection).
    [[nodiscard]] IssuedToken issueAccess(const QUuid &userId, const QUuid &family = {}) const;
    [[nodiscard]] IssuedToken issueRefresh(const QUuid &userId, const QUuid &family) const;
    //! Checks signature, algorithm, `typ`, `iss`, `exp` and `nbf`; `unauthorized` otherwise.
    [[nodiscard]] Result<TokenClaims> verify(const QString &token, TokenKind expected) const;

    [[nodiscard]] int accessLifetimeSeconds() const { return m_accessSeconds; }
    [[nodiscard]] int refreshLifetimeSeconds() const { return m_refreshDays * 24 * 3600; }
    //! However often it is refreshed, a sign-in ends this long after it began.
    [[nodiscard]] int sessionMaxDays() const { return m_sessionMaxDays; }

private:
    [[nodiscard]] IssuedToken sign(TokenKind kind, const QUuid &userId, const QUuid &family,
                                   qint64 lifetimeSeconds) const;

    QByteArray m_key;
    int m_accessSeconds;
    int m_refreshDays;
    int m_sessionMaxDays;
};

//! SHA-256 of a token id, as stored: the database never holds a usable token.
[[nodiscard]] QByteArray hashTokenId(const QString &jti);

} // namespace natter::server
