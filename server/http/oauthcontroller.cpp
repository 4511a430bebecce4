// SPDX-License-Identifier: Apache-2.0
#include "http/oauthcontroller.h"

#include "uploads/avatarrecord.h"
#include "uploads/provideravatarcopier.h"

#include "auth/accounts.h"
#include "auth/githubprovider.h"
#include "auth/oauthsecrets.h"
#include "auth/oauthstatestore.h"
#include "auth/oidcprovider.h"
#include "auth/sessionstore.h"
#include "config.h"
#include "db/dbpool.h"
#include "db/userrepository.h"
#include "http/apicontext.h"
#include "limits/ratelimits.h"
#include "logging.h"
#include "natter/jsonfields.h"
#include "uploads/avatarrecord.h"
#include "uploads/provideravatarcopier.h"

#include <QHostAddress>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr int kMaxClientStateLength = 512;

//! One answer for every state problem (missing, unknown, expired, used, other browser), so a
//! probe learns nothing about which.
ApiError invalidState()
{
    return ApiError::badRequest(
        u"This sign-in link is invalid, expired or was started in another browser. Please start "
        "again."_s);
}

ApiError invalidGrant()
{
    return ApiError::badRequest(u"The sign-in code is invalid, expired or already used."_s);
}

bool isPrintableAscii(const QString &text)
{
    for (const QChar ch : text) {
        if (ch.unicode() < 0x21 || ch.unicode() > 0x7e)
            return false;
    }
    return true;
}

//! Reads what the client asked for at start: a web login takes nothing, the desktop app its
//! loopback redirect, its PKCE challenge and optionally its own state.
Result<PendingLogin> requestedLogin(const HttpRequest &request)
{
    const QString client = request.queryValue(u"client"_s);
    PendingLogin login;
    if (client.isEmpty() || client == "web"_L1) {
        if (request.query.hasQueryItem(u"redirect_uri"_s))
            return ApiError::validation(u"redirect_uri"_s, u"is only for client=desktop"_s);
        return login;
    }
    if (client != "desktop"_L1)
        return ApiError::validation(u"client"_s, u"must be web or desktop"_s);
    login.desktop = true;
    login.redirectUri = request.queryValue(u"redirect_uri"_s);
    if (!isLoopbackRedirectUri(login.redirectUri))
        return ApiError::validation(
            u"redirect_uri"_s,
            u"must be http://127.0.0.1:<port>/<path> or http://[::1]:<port>/<path>"_s);
    login.clientChallenge = request.queryValue(u"code_challenge"_s);
    if (!pkce::isValidChallenge(login.clientChallenge))
        return ApiError::validation(u"code_challenge"_s, u"must be an S256 challenge"_s);
    const QString method = request.queryValue(u"code_challenge_method"_s);
    if (!method.isEmpty() && method != "S256"_L1)
        return ApiError::validation(u"code_challenge_method"_s, u"must be S256"_s);
    login.clientState = request.queryValue(u"state"_s);
    if (login.clientState.size() > kMaxClientStateLength || !isPrintableAscii(login.clientState))
        return ApiError::validation(u"state"_s, u"must be at most 512 printable characters"_s);
    return login;
}

} // namespace

bool isLoopbackRedirectUri(const QString &uri)
{
    if (uri.size() > 1024 || uri.contains(u'\\') || !isPrintableAscii(uri))
        return false;
    const QUrl url(uri, QUrl::StrictMode);
    if (!url.isValid() || url.scheme() != "http"_L1 || !url.userInfo().isEmpty() ||
        url.hasFragment() || url.port() <= 0)
        return false;
    const QHostAddress host(url.host());
    return host == QHostAddress(QHostAddress::LocalHost) ||
           host == QHostAddress(QHostAddress::LocalHostIPv6);
}

OAuthController::OAuthController(const ApiContext &api, uploads::ProviderAvatarCopier &avatars)
    : m_api(api), m_avatars(avatars), m_cookies(api.config())
{
    const Config &config = api.config();
    if (!config.githubClientId.isEmpty()) {
        m_providers[u"github"_s] = std::make_unique<GitHubProvider>(
            GitHubProvider::Settings{config.githubClientId, config.githubClientSecret,
                                     config.githubAuthorizeUrl, config.githubTokenUrl,
                                     config.githubApiUrl},
            m_http);
        m_order.append(u"github"_s);
    }
    for (const OidcProviderConfig &oidc : config.oidcProviders) {
        m_providers[oidc.id] = std::make_unique<OidcProvider>(
            OidcProvider::Settings{oidc.id, oidcDisplayName(oidc.id), oidc.issuer, oidc.clientId,
                                   oidc.clientSecret},
            m_http);
        m_order.append(oidc.id);
    }
}

OAuthController::~OAuthController() = default;

void OAuthController::registerRoutes(Router &router)
{
    router.add(u"GET"_s, u"/api/v1/auth/{provider}/start"_s,
               [this](const HttpRequest &r) { return start(r); });
    router.add(u"GET"_s, u"/api/v1/auth/{provider}/callback"_s,
               [this](const HttpRequest &r) { return callback(r); });
    router.add(u"POST"_s, u"/api/v1/auth/token"_s,
               [this](const HttpRequest &r) { return token(r); });
}

QList<const OAuthProvider *> OAuthController::providers() const
{
    QList<const OAuthProvider *> list;
    for (const QString &id : m_order)
        list.append(m_providers.at(id).get());
    return list;
}

OAuthProvider *OAuthController::provider(const QString &id) const
{
    const auto found = m_providers.find(id);
    return found == m_providers.end() ? nullptr : found->second.get();
}

QUrl OAuthController::callbackUrl(const QString &providerId) const
{
    return QUrl(m_api.config().publicUrl.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash) +
                u"/api/v1/auth/%1/callback"_s.arg(providerId));
}

QFuture<HttpReply> OAuthController::start(const HttpRequest &request)
{
    // Each of these writes rows or calls the provider for anyone who asks: per address.
    if (auto refused = m_api.limitByAddress(request, Limit::SignIn))
        return readyReply(HttpReply::error(*refused));
    OAuthProvider *chosen = provider(request.param(u"provider"_s));
    if (!chosen)
        return readyReply(HttpReply::error(ApiError::notFound(u"No such sign-in provider."_s)));
    auto requested = requestedLogin(request);
    if (!requested)
        return readyReply(HttpReply::error(requested.error()));
    PendingLogin login = requested.value();
    login.provider = chosen->id();
    login.codeVerifier = pkce::randomToken();
    login.nonce = pkce::randomToken();

    // One binding per browser, kept across logins so two tabs signing in both succeed.
    QString binding = AuthCookies::value(request, AuthCookies::kBrowserName);
    if (!pkce::isRandomToken(binding))
        binding = pkce::randomToken();
    const QString state = pkce::randomToken();
    const AuthorizationParams params{callbackUrl(login.provider), state,
                                     pkce::s256(login.codeVerifier), login.nonce};
    return chosen->authorizeUrl(params)
        .then(m_http.context(),
              [this, login, binding, state](const Result<QUrl> &url) -> QFuture<HttpReply> {
                  if (!url)
                      return readyReply(HttpReply::error(url.error()));
                  return m_api.run([login, binding, state, target = url.value(),
                                    cookies = m_cookies](QSqlDatabase &db) -> Result<HttpReply> {
                      OAuthStateStore store(db);
                      if (auto purged = store.purgeExpired(); !purged)
                          return purged.error();
                      if (auto saved = store.saveState(state, binding, login); !saved)
                          return saved.error();
                      HttpReply reply = HttpReply::redirect(target);
                      reply.withHeader(
                          "Set-Cookie"_ba,
                          cookies.browserBinding(binding, OAuthStateStore::kStateLifetimeSeconds));
                      return reply;
                  });
              })
        .unwrap();
}

QFuture<HttpReply> OAuthController::callback(const HttpRequest &request)
{
    if (auto refused = m_api.limitByAddress(request, Limit::SignIn))
        return readyReply(HttpReply::error(*refused));
    OAuthProvider *chosen = provider(request.param(u"provider"_s));
    if (!chosen)
        return readyReply(HttpReply::error(ApiError::notFound(u"No such sign-in provider."_s)));
    const QString state = request.queryValue(u"state"_s);
    const QString binding = AuthCookies::value(request, AuthCookies::kBrowserName);
    if (!pkce::isRandomToken(state) || !pkce::isRandomToken(binding))
        return readyReply(HttpReply::error(invalidState()));

    const QString providerId = chosen->id();
    auto taken = m_api.pool().run<std::optional<PendingLogin>>(
        [state, binding, providerId](QSqlDatabase &db) {
            return OAuthStateStore(db).takeState(state, binding, providerId);
        });
    return taken
        .then(m_http.context(),
              [this, chosen,
               request](const Result<std::optional<PendingLogin>> &pending) -> QFuture<HttpReply> {
                  if (!pending)
                      return readyReply(HttpReply::error(pending.error()));
                  if (!pending.value())
                      return readyReply(HttpReply::error(invalidState()));
                  const PendingLogin login = *pending.value();
                  // The state is used up either way: a refusal at the provider ends this login.
                  if (!request.queryValue(u"error"_s).isEmpty())
                      return readyReply(
                          HttpReply::error(providerRefused(u"the provider did not sign you in"_s)));
                  const QString code = request.queryValue(u"code"_s);
                  if (code.isEmpty() || code.size() > 2048)
                      return readyReply(HttpReply::error(providerRefused(u"no code came back"_s)));
                  return chosen
                      ->identify(code, login.codeVerifier, callbackUrl(login.provider), login.nonce)
                      .then(m_http.context(),
                            [this, login](const Result<ExternalIdentity> &identity) {
                                if (!identity)
                                    return readyReply(HttpReply::error(identity.error()));
                                return finishLogin(identity.value(), login);
                            })
                      .unwrap();
              })
        .unwrap();
}

QFuture<HttpReply> OAuthController::finishLogin(const ExternalIdentity &identity,
                                                const PendingLogin &login) const
{
    const QString appUrl =
        m_api.config().publicUrl.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash);
    return m_api.run([identity, login, appUrl, cookies = m_cookies, tokens = m_api.tokens(),
                      avatars = &m_avatars](QSqlDatabase &db) -> Result<HttpReply> {
        auto user = findOrCreateUser(db, identity);
        if (!user)
            return user.error();
        auto waitingPicture = uploads::pendingProviderAvatar(db, user->id);
        if (waitingPicture && !waitingPicture->isEmpty())
            avatars->copyLater(user->id, waitingPicture.value());
        logging::event(lcAuth(), QtInfoMsg, u"signed in"_s,
                       {{u"provider"_s, identity.provider},
                        {u"user_id"_s, user->idString()},
                        {u"client"_s, login.desktop ? u"desktop"_s : u"web"_s}});
        if (login.desktop) {
            const QString code = pkce::randomToken();
            if (auto saved = OAuthStateStore(db).saveDesktopCode(
                    code, {user->id, login.clientChallenge, login.redirectUri});
                !saved)
                return saved.error();
            QUrl target(login.redirectUri, QUrl::StrictMode);
            QUrlQuery query(target);
            query.addQueryItem(u"code"_s, code);
            if (!login.clientState.isEmpty())
                query.addQueryItem(u"state"_s, login.clientState);
            target.setQuery(query);
            return HttpReply::redirect(target);
        }
        auto session = SessionStore(db, tokens).begin(user.value());
        if (!session && session.error().code == ErrorCode::Suspended)
            return HttpReply::redirect(QUrl(appUrl + u"/login?error=suspended"_s));
        if (!session)
            return session.error();
        // Only our own pages: the target is never taken from the request.
        HttpReply reply = HttpReply::redirect(
            QUrl(appUrl + (user->hasUsername() ? u"/app"_s : u"/setup-username"_s)));
        reply.withHeader("Set-Cookie"_ba,
                         cookies.refresh(session->refresh.token, tokens.refreshLifetimeSeconds()));
        return reply;
    });
}

QFuture<HttpReply> OAuthController::token(const HttpRequest &request) const
{
    if (auto refused = m_api.limitByAddress(request, Limit::SignIn))
        return readyReply(HttpReply::error(*refused));
    auto body = jsonBody(request);
    if (!body)
        return readyReply(HttpReply::error(body.error()));
    const JsonFields fields(body.value());
    auto code = fields.requiredString(u"code"_s);
    if (!code)
        return readyReply(HttpReply::error(code.error()));
    auto verifier = fields.requiredString(u"code_verifier"_s);
    if (!verifier)
        return readyReply(HttpReply::error(verifier.error()));
    auto redirectUri = fields.optionalString(u"redirect_uri"_s);
    if (!redirectUri)
        return readyReply(HttpReply::error(redirectUri.error()));
    if (!pkce::isRandomToken(code.value()))
        return readyReply(HttpReply::error(invalidGrant()));

    return m_api.run([code = code.value(), verifier = verifier.value(),
                      redirectUri = redirectUri.value(),
                      tokens = m_api.tokens()](QSqlDatabase &db) -> Result<HttpReply> {
        auto grant = OAuthStateStore(db).takeDesktopCode(code);
        if (!grant)
            return grant.error();
        if (!grant.value())
            return invalidGrant();
        const bool verifierMatches =
            pkce::isValidVerifier(verifier) &&
            pkce::constantTimeEquals(pkce::s256(verifier).toLatin1(),
                                     grant.value()->codeChallenge.toLatin1());
        if (!verifierMatches || (redirectUri && *redirectUri != grant.value()->redirectUri)) {
            logging::event(lcAuth(), QtWarningMsg,
                           u"desktop code presented with a wrong verifier"_s,
                           {{u"user_id"_s, grant.value()->userId.toString(QUuid::WithoutBraces)}});
            return invalidGrant();
        }
        auto user = UserRepository(db).findById(grant.value()->userId);
        if (!user)
            return user.error();
        if (!user.value())
            return invalidGrant();
        auto session = SessionStore(db, tokens).begin(*user.value());
        if (!session)
            return session.error();
        return HttpReply::json(200, session->toJson(tokens.accessLifetimeSeconds(), true));
    });
}

} // namespace natter::server
