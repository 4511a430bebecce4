// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "auth/authcookies.h"
#include "http/router.h"

namespace natter::server {

class ApiContext;
class OAuthController;

//! Natter's own session endpoints under /api/v1/auth: the provider list, the development
//! login, refresh (rotation with reuse detection) and logout.
class AuthController final
{
public:
    AuthController(const ApiContext &api, const OAuthController &oauth);

    void registerRoutes(Router &router);

private:
    [[nodiscard]] QFuture<HttpReply> providers(const HttpRequest &request) const;
    [[nodiscard]] QFuture<HttpReply> devLogin(const HttpRequest &request) const;
    [[nodiscard]] QFuture<HttpReply> refresh(const HttpRequest &request) const;
    [[nodiscard]] QFuture<HttpReply> logout(const HttpRequest &request) const;

    const ApiContext &m_api;
    const OAuthController &m_oauth;
    AuthCookies m_cookies;
};

} // namespace natter::server
