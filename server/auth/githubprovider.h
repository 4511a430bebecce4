// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/oauthprovider.h"

namespace natter::server {

class OutboundHttp;

//! GitHub's OAuth app flow: authorize redirect (with PKCE S256, which GitHub supports), the
//! code exchange at the token URL, then `GET <api>/user` for id, login, name and avatar.
//! Every URL comes from configuration, so tests point them at a local provider.
class GitHubProvider final : public OAuthProvider
{
public:
    struct Settings
    {
        QString clientId;
        QString clientSecret;
        QUrl authorizeUrl;
        QUrl tokenUrl;
        QUrl apiUrl;
    };

    GitHubProvider(Settings settings, OutboundHttp &http)
        : m_settings(std::move(settings)), m_http(http)
    {}

    [[nodiscard]] QString id() const override { return QStringLiteral("github"); }
    [[nodiscard]] QString name() const override { return QStringLiteral("GitHub"); }
    [[nodiscard]] QFuture<Result<QUrl>> authorizeUrl(const AuthorizationParams &params) override;
    [[nodiscard]] QFuture<Result<ExternalIdentity>> identify(const QString &code,
                                                             const QString &codeVerifier,
                                                             const QUrl &redirectUri,
                                                             const QString &nonce) override;

private:
    Settings m_settings;
    OutboundHttp &m_http;
};

} // namespace natter::server
