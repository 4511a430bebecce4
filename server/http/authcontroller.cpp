// SPDX-License-Identifier: Apache-2.0
#include "http/authcontroller.h"

#include "auth/accounts.h"
#include "auth/sessionstore.h"
#include "auth/tokenservice.h"
#include "config.h"
#include "http/apicontext.h"
#include "http/oauthcontroller.h"
#include "limits/ratelimits.h"
#include "natter/jsonfields.h"
#include "natter/validation.h"

#include <QJsonArray>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr auto kDevProvider = "dev";

//! Where the refresh token came from decides how the answer is shaped: a browser keeps it in
//! the HttpOnly cookie (never in script-readable JSON), the desktop app in its keychain.
struct PresentedRefresh
{
    QString token;
    bool fromCookie = false;
};

Result<PresentedRefresh> presentedRefresh(const HttpRequest &request, const AuthCookies &cookies)
{
    if (!request.body.trimmed().isEmpty()) {
        auto body = jsonBody(request);
        if (!body)
            return body.error();
        auto token = JsonFields(body.value()).optionalString(u"refresh_token"_s);
        if (!token)
            return token.error();
        if (token.value())
            return PresentedRefresh{*token.value(), false};
    }
    const QString cookie = AuthCookies::value(request, AuthCookies::kRefreshName);
    if (cookie.isEmpty())
        return ApiError::unauthorized(u"No refresh token: sign in again."_s);
    if (!cookies.originAllowed(request))
        return ApiError::forbidden(u"This origin may not use the session cookie."_s);
    return PresentedRefresh{cookie, true};
}

//! A browser whose refresh cookie no longer works loses it, so it stops sending it.
HttpReply refreshFailed(const AuthCookies &cookies, bool fromCookie, const ApiError &error)
{
    HttpReply reply = HttpReply::error(error);
    if (fromCookie && error.code == ErrorCode::Unauthorized)
        reply.withHeader("Set-Cookie"_ba, cookies.clearRefresh());
    return reply;
}

} // namespace

AuthController::AuthController(const ApiContext &api, const OAuthController &oauth)
    : m_api(api), m_oauth(oauth), m_cookies(api.config())
{}

void AuthController::registerRoutes(Router &router)
{
    router.add(u"GET"_s, u"/api/v1/auth/providers"_s,
               [this](const HttpRequest &r) { return providers(r); });
    router.add(u"POST"_s, u"/api/v1/auth/refresh"_s,
               [this](const HttpRequest &r) { return refresh(r); });
    router.add(u"POST"_s, u"/api/v1/auth/logout"_s,
               [this](const HttpRequest &r) { return logout(r); });
    // Registered even when off, so the answer is a deliberate 404 and not a 405.
    router.add(u"POST"_s, u"/api/v1/auth/dev/login"_s,
               [this](const HttpRequest &r) { return devLogin(r); });
}

QFuture<HttpReply> AuthController::providers(const HttpRequest &) const
{
    QJsonArray list;
    const QList<const OAuthProvider *> providers = m_oauth.providers();
    for (const OAuthProvider *provider : providers)
        list.append(QJsonObject{{u"id"_s, provider->id()}, {u"name"_s, provider->name()}});
    if (m_api.config().devLogin)
        list.append(QJsonObject{{u"id"_s, QString::fromLatin1(kDevProvider)},
                                {u"name"_s, u"Development login"_s}});
    return readyReply(HttpReply::json(200, {{u"providers"_s, list}}));
}

QFuture<HttpReply> AuthController::devLogin(const HttpRequest &request) const
{
    if (!m_api.config().devLogin)
        return readyReply(HttpReply::error(ApiError::notFound(u"No such endpoint."_s)));
    if (auto refused = m_api.limitByAddress(request, Limit::SignIn))
        return readyReply(HttpReply::error(*refused));
    auto body = jsonBody(request);
    if (!body)
        return readyReply(HttpReply::error(body.error()));
    auto input = JsonFields(body.value()).requiredString(u"name"_s);
    if (!input)
        return readyReply(HttpReply::error(input.error()));
    auto name = validation::displayName(u"name"_s, input.value());
    if (!name)
        return readyReply(HttpReply::error(name.error()));

    const ExternalIdentity identity{
        QString::fromLatin1(kDevProvider), name.value(), name.value(), name.value(), {}};
    return m_api.run([identity, cookies = m_cookies,
                      tokens = m_api.tokens()](QSqlDatabase &db) -> Result<HttpReply> {
        auto user = findOrCreateUser(db, identity);
        if (!user)
            return user.error();
        auto session = SessionStore(db, tokens).begin(user.value());
        if (!session)
            return session.error();
        HttpReply reply =
            HttpReply::json(200, session->toJson(tokens.accessLifetimeSeconds(), true));
        reply.withHeader("Set-Cookie"_ba,
                         cookies.refresh(session->refresh.token, tokens.refreshLifetimeSeconds()));
        return reply;
    });
}

QFuture<HttpReply> AuthController::refresh(const HttpRequest &request) const
{
    if (auto refused = m_api.limitByAddress(request, Limit::Refresh))
        return readyReply(HttpReply::error(*refused));
    auto presented = presentedRefresh(request, m_cookies);
    if (!presented)
        return readyReply(HttpReply::error(presented.error()));
    const bool fromCookie = presented->fromCookie;
    auto claims = m_api.tokens().verify(presented->token, TokenKind::Refresh);
    if (!claims)
        return readyReply(refreshFailed(m_cookies, fromCookie, claims.error()));

    return m_api.run([claims = claims.value(), fromCookie, cookies = m_cookies,
                      tokens = m_api.tokens()](QSqlDatabase &db) -> Result<HttpReply> {
        auto session = SessionStore(db, tokens).rotate(claims);
        if (!session)
            return refreshFailed(cookies, fromCookie, session.error());
        HttpReply reply =
            HttpReply::json(200, session->toJson(tokens.accessLifetimeSeconds(), !fromCookie));
        if (fromCookie)
            reply.withHeader("Set-Cookie"_ba, cookies.refresh(session->refresh.token,
                                                              tokens.refreshLifetimeSeconds()));
        return reply;
    });
}

QFuture<HttpReply> AuthController::logout(const HttpRequest &request) const
{
    // A page of another site can POST here with any body; whatever it sends, it must not be
    // able to clear our cookie (a forced logout). Browsers always send Origin; the desktop
    // app sends none.
    if (!request.header("origin"_ba).isEmpty() && !m_cookies.originAllowed(request))
        return readyReply(
            HttpReply::error(ApiError::forbidden(u"This origin may not sign anyone out."_s)));
    HttpReply done = HttpReply::noContent();
    done.withHeader("Set-Cookie"_ba, m_cookies.clearRefresh());
    auto presented = presentedRefresh(request, m_cookies);
    if (!presented) {
        // Nothing to revoke: still clear the cookie.
        if (presented.error().code == ErrorCode::Forbidden)
            return readyReply(HttpReply::error(presented.error()));
        return readyReply(done);
    }
    // A token that does not verify cannot be used anyway; there is nothing to revoke.
    auto claims = m_api.tokens().verify(presented->token, TokenKind::Refresh);
    if (!claims)
        return readyReply(done);
    return m_api.run([family = claims->family, done,
                      tokens = m_api.tokens()](QSqlDatabase &db) -> Result<HttpReply> {
        if (auto revoked = SessionStore(db, tokens).revokeFamily(family); !revoked)
            return revoked.error();
        return done;
    });
}

} // namespace natter::server
