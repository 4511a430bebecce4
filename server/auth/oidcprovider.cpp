// SPDX-License-Identifier: Apache-2.0
#include "auth/oidcprovider.h"

#include "auth/idtoken.h"
#include "auth/outboundhttp.h"
#include "logging.h"

#include <QJsonArray>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr qint64 kJwksRefetchSeconds = 60;

template <typename T> QFuture<Result<T>> ready(Result<T> value)
{
    return QtFuture::makeReadyFuture(std::move(value));
}

} // namespace

QString oidcDisplayName(const QString &id)
{
    if (id == "google"_L1)
        return u"Google"_s;
    return id.left(1).toUpper() + id.mid(1);
}

OidcProvider::OidcProvider(Settings settings, OutboundHttp &http)
    : m_settings(std::move(settings)), m_http(http)
{}

QString OidcProvider::issuerText() const
{
    return m_settings.issuer.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash);
}

QFuture<Result<OidcProvider::Metadata>> OidcProvider::metadata()
{
    if (m_metadata)
        return ready(Result<Metadata>(*m_metadata));
    const QUrl discovery(issuerText() + u"/.well-known/openid-configuration"_s);
    return m_http.getJson(discovery).then(
        m_http.context(), [this](const Result<QJsonObject> &document) -> Result<Metadata> {
            if (!document)
                return document.error();
            // OIDC Discovery §4.3: the document must name exactly the issuer we asked.
            const QString issuer = document->value(u"issuer"_s).toString();
            Metadata metadata{
                QUrl(document->value(u"authorization_endpoint"_s).toString(), QUrl::StrictMode),
                QUrl(document->value(u"token_endpoint"_s).toString(), QUrl::StrictMode),
                QUrl(document->value(u"jwks_uri"_s).toString(), QUrl::StrictMode),
                document->value(u"code_challenge_methods_supported"_s)
                    .toArray()
                    .contains(u"S256"_s)};
            if (QUrl(issuer).adjusted(QUrl::StripTrailingSlash) !=
                    m_settings.issuer.adjusted(QUrl::StripTrailingSlash) ||
                !isAcceptableProviderUrl(metadata.authorizationEndpoint) ||
                !isAcceptableProviderUrl(metadata.tokenEndpoint) ||
                !isAcceptableProviderUrl(metadata.jwksUri)) {
                logging::event(lcAuth(), QtWarningMsg, u"unusable OIDC discovery document"_s,
                               {{u"provider"_s, m_settings.id}});
                return ApiError::unavailable();
            }
            m_metadata = metadata;
            return metadata;
        });
}

QFuture<Result<QJsonObject>> OidcProvider::jwks(bool refresh)
{
    if (m_jwks && !refresh)
        return ready(Result<QJsonObject>(*m_jwks));
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (m_jwks && refresh) {
        if (m_lastForcedRefetch.isValid() && m_lastForcedRefetch.secsTo(now) < kJwksRefetchSeconds)
            return ready(Result<QJsonObject>(*m_jwks));
        m_lastForcedRefetch = now;
    }
    return metadata()
        .then(m_http.context(),
              [this](const Result<Metadata> &metadata) -> QFuture<Result<QJsonObject>> {
                  if (!metadata)
                      return ready(Result<QJsonObject>(metadata.error()));
                  return m_http.getJson(metadata->jwksUri);
              })
        .unwrap()
        .then(m_http.context(), [this](const Result<QJsonObject> &keys) -> Result<QJsonObject> {
            if (keys && keys->value(u"keys"_s).isArray())
                m_jwks = keys.value();
            return keys;
        });
}

QFuture<Result<QUrl>> OidcProvider::authorizeUrl(const AuthorizationParams &params)
{
    return metadata().then(
        m_http.context(), [this, params](const Result<Metadata> &metadata) -> Result<QUrl> {
            if (!metadata)
                return metadata.error();
            QUrl url = metadata->authorizationEndpoint;
            QUrlQuery query(url);
            query.addQueryItem(u"response_type"_s, u"code"_s);
            query.addQueryItem(u"client_id"_s, m_settings.clientId);
            query.addQueryItem(u"redirect_uri"_s, params.redirectUri.toString(QUrl::FullyEncoded));
            query.addQueryItem(u"scope"_s, u"openid profile"_s);
            query.addQueryItem(u"state"_s, params.state);
            query.addQueryItem(u"nonce"_s, params.nonce);
            if (metadata->supportsS256) {
                query.addQueryItem(u"code_challenge"_s, params.codeChallenge);
                query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
            }
            url.setQuery(query);
            return url;
        });
}

QFuture<Result<ExternalIdentity>> OidcProvider::identify(const QString &code,
                                                         const QString &codeVerifier,
                                                         const QUrl &redirectUri,
                                                         const QString &nonce)
{
    return metadata()
        .then(m_http.context(),
              [this, code, codeVerifier,
               redirectUri](const Result<Metadata> &metadata) -> QFuture<Result<QJsonObject>> {
                  if (!metadata)
                      return ready(Result<QJsonObject>(metadata.error()));
                  QUrlQuery form;
                  form.addQueryItem(u"grant_type"_s, u"authorization_code"_s);
                  form.addQueryItem(u"code"_s, code);
                  form.addQueryItem(u"redirect_uri"_s, redirectUri.toString(QUrl::FullyEncoded));
                  form.addQueryItem(u"client_id"_s, m_settings.clientId);
                  form.addQueryItem(u"client_secret"_s, m_settings.clientSecret);
                  if (metadata->supportsS256)
                      form.addQueryItem(u"code_verifier"_s, codeVerifier);
                  return m_http.postForm(metadata->tokenEndpoint, form);
              })
        .unwrap()
        .then(m_http.context(),
              [this, nonce](const Result<QJsonObject> &token) -> QFuture<Result<ExternalIdentity>> {
                  if (!token)
                      return ready(Result<ExternalIdentity>(token.error()));
                  const QString idToken = token->value(u"id_token"_s).toString();
                  if (idToken.isEmpty())
                      return ready(Result<ExternalIdentity>(
                          providerRefused(u"the provider did not accept the code"_s)));
                  return verifyIdToken(idToken, nonce, false);
              })
        .unwrap();
}

QFuture<Result<ExternalIdentity>>
OidcProvider::verifyIdToken(const QString &idToken, const QString &nonce, bool refreshedKeys)
{
    const IdTokenExpectations expected{issuerText(), m_settings.clientId, nonce};
    return jwks(refreshedKeys)
        .then(m_http.context(),
              [this, idToken, nonce, expected, refreshedKeys](
                  const Result<QJsonObject> &keys) -> QFuture<Result<ExternalIdentity>> {
                  if (!keys)
                      return ready(Result<ExternalIdentity>(keys.error()));
                  auto verified = IdTokenVerifier::verify(idToken, keys.value(), expected);
                  if (auto *failure = std::get_if<IdTokenVerifier::Failure>(&verified)) {
                      if (failure->unknownKey && !refreshedKeys)
                          return verifyIdToken(idToken, nonce, true);
                      logging::event(
                          lcAuth(), QtWarningMsg, u"ID token refused"_s,
                          {{u"provider"_s, m_settings.id}, {u"why"_s, failure->error.message}});
                      return ready(Result<ExternalIdentity>(failure->error));
                  }
                  const QJsonObject claims = std::get<QJsonObject>(verified);
                  return ready(Result<ExternalIdentity>(ExternalIdentity{
                      m_settings.id, claims.value(u"sub"_s).toString(),
                      claims.value(u"preferred_username"_s).toString(),
                      claims.value(u"name"_s).toString(), claims.value(u"picture"_s).toString()}));
              })
        .unwrap();
}

} // namespace natter::server
