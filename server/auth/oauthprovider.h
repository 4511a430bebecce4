// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/accounts.h"
#include "natter/result.h"

#include <QFuture>
#include <QString>
#include <QUrl>

namespace natter::server {

//! The per-login secrets we send to a provider.
struct AuthorizationParams
{
    QUrl redirectUri; //!< our callback: <public URL>/api/v1/auth/<id>/callback
    QString state;
    QString codeChallenge; //!< S256 of the verifier we keep
    QString nonce;         //!< OIDC only
};

//! One OAuth 2.0 / OpenID Connect provider. Lives on the server's main thread; every call
//! answers through a future so no thread ever waits for the provider.
class OAuthProvider
{
public:
    virtual ~OAuthProvider() = default;

    [[nodiscard]] virtual QString id() const = 0;
    [[nodiscard]] virtual QString name() const = 0;
    //! The provider's authorize URL for this login (OIDC providers may first fetch discovery).
    [[nodiscard]] virtual QFuture<Result<QUrl>> authorizeUrl(const AuthorizationParams &params) = 0;
    //! Exchanges `code` (with the PKCE verifier) and says who signed in.
    [[nodiscard]] virtual QFuture<Result<ExternalIdentity>> identify(const QString &code,
                                                                     const QString &codeVerifier,
                                                                     const QUrl &redirectUri,
                                                                     const QString &nonce) = 0;
};

//! A provider said no, or answered something we will not trust: the user may try again.
[[nodiscard]] inline ApiError providerRefused(const QString &why)
{
    return ApiError::badRequest(QStringLiteral("Sign-in failed: %1. Please try again.").arg(why));
}

} // namespace natter::server
