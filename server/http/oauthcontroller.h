// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/authcookies.h"
#include "auth/oauthprovider.h"
#include "auth/outboundhttp.h"
#include "http/router.h"

#include <map>
#include <memory>

namespace natter::server {

class ApiContext;
struct PendingLogin;

namespace uploads {
class ProviderAvatarCopier;
}

//! The OAuth 2.0 authorization code flow under /api/v1/auth: `{provider}/start`,
//! `{provider}/callback` and the desktop app's `token` exchange (RFC 8252).
//!
//! Provider requests run on the main thread through QNetworkAccessManager; database work on
//! the pool. Redirect targets are never taken from a request except the desktop's loopback
//! URI, which is checked at start and kept server-side with the state.
class OAuthController final
{
public:
    //! `avatars` copies a new user's provider picture to this server after the sign-in.
    OAuthController(const ApiContext &api, uploads::ProviderAvatarCopier &avatars);
    ~OAuthController();

    void registerRoutes(Router &router);
    //! The configured providers, in the order `GET /auth/providers` lists them.
    [[nodiscard]] QList<const OAuthProvider *> providers() const;

private:
    [[nodiscard]] QFuture<HttpReply> start(const HttpRequest &request);
    [[nodiscard]] QFuture<HttpReply> callback(const HttpRequest &request);
    [[nodiscard]] QFuture<HttpReply> token(const HttpRequest &request) const;
    [[nodiscard]] QFuture<HttpReply> finishLogin(const ExternalIdentity &identity,
                                                 const PendingLogin &login) const;
    [[nodiscard]] OAuthProvider *provider(const QString &id) const;
    [[nodiscard]] QUrl callbackUrl(const QString &providerId) const;

    const ApiContext &m_api;
    uploads::ProviderAvatarCopier &m_avatars;
    AuthCookies m_cookies;
    OutboundHttp m_http;
    QStringList m_order;
    std::map<QString, std::unique_ptr<OAuthProvider>> m_providers;
};

//! RFC 8252 §7.3: `http://127.0.0.1:<port>/<path>` or `http://[::1]:<port>/<path>`, nothing else
//! (not `localhost`, which a hosts file or DNS may point elsewhere; no user info, no fragment).
[[nodiscard]] bool isLoopbackRedirectUri(const QString &uri);

} // namespace natter::server
