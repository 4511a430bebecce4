// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/tokenservice.h"
#include "natter/result.h"
#include "natter/user.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace natter::server {

//! A signed-in session as handed to a client: the user and a fresh token pair.
struct Session
{
    User user;
    IssuedToken access;
    IssuedToken refresh;

    //! `{"access_token","token_type","expires_in","user"}`, plus `refresh_token` when the
    //! client keeps it itself (desktop, development login); a browser gets it as a cookie only.
    [[nodiscard]] QJsonObject toJson(int accessLifetimeSeconds, bool withRefreshToken) const;
};

//! Refresh-token families in `refresh_tokens`. A sign-in starts a family; every refresh
//! rotates within it; presenting a token that was already rotated means two parties hold
//! the same token, so the whole family is revoked (RFC 6819 §5.2.2.3, reuse detection).
//! Runs inside a database job; only hashes of token ids are stored.
class SessionStore final
{
public:
    SessionStore(QSqlDatabase &db, const TokenService &tokens) : m_db(db), m_tokens(tokens) {}

    //! Starts a new family for `user`.
    [[nodiscard]] Result<Session> begin(const User &user);
    //! Exchanges a verified refresh token for a new pair; `unauthorized` when it is unknown,
    //! expired, revoked or already rotated (then the family is revoked too).
    [[nodiscard]] Result<Session> rotate(const TokenClaims &refresh);
    //! Revokes every token of the family (logout). Unknown families are not an error.
    [[nodiscard]] Status revokeFamily(const QUuid &family);

private:
    [[nodiscard]] Result<IssuedToken> storeRefresh(const QUuid &userId, const QUuid &family);

    QSqlDatabase &m_db;
    const TokenService &m_tokens;
};

} // namespace natter::server
