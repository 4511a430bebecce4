// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/oauthprovider.h"

#include <QDateTime>
#include <QJsonObject>

#include <optional>

namespace natter::server {

class OutboundHttp;

//! Any OpenID Connect provider, configured by its issuer alone (Google: accounts.google.com).
//! The discovery document and the JWKS are fetched when first needed and kept; the JWKS is
//! fetched again when a token names a key it does not have (providers rotate keys), at most
//! once a minute for that reason, so forged `kid`s cannot make us hammer the provider.
class OidcProvider final : public OAuthProvider
{
public:
    struct Settings
    {
        QString id;
        QString name;
        QUrl issuer;
        QString clientId;
        QString clientSecret;
    };

    OidcProvider(Settings settings, OutboundHttp &http);

    [[nodiscard]] QString id() const override { return m_settings.id; }
    [[nodiscard]] QString name() const override { return m_settings.name; }
    [[nodiscard]] QFuture<Result<QUrl>> authorizeUrl(const AuthorizationParams &params) override;
    [[nodiscard]] QFuture<Result<ExternalIdentity>> identify(const QString &code,
                                                             const QString &codeVerifier,
                                                             const QUrl &redirectUri,
                                                             const QString &nonce) override;

private:
    struct Metadata
    {
        QUrl authorizationEndpoint;
        QUrl tokenEndpoint;
        QUrl jwksUri;
        bool supportsS256 = false;
    };

    [[nodiscard]] QFuture<Result<Metadata>> metadata();
    [[nodiscard]] QFuture<Result<QJsonObject>> jwks(bool refresh);
    [[nodiscard]] QFuture<Result<ExternalIdentity>>
    verifyIdToken(const QString &idToken, const QString &nonce, bool refreshedKeys);
    [[nodiscard]] QString issuerText() const;

    Settings m_settings;
    OutboundHttp &m_http;
    std::optional<Metadata> m_metadata;
    std::optional<QJsonObject> m_jwks;
    QDateTime m_lastForcedRefetch; //!< a refetch for an unknown `kid`, at most once a minute
};

//! How the providers list names an OIDC provider: "Google" for `google`, else the id capitalised.
[[nodiscard]] QString oidcDisplayName(const QString &id);

} // namespace natter::server
