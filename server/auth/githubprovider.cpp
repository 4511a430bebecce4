// SPDX-License-Identifier: Apache-2.0
#include "auth/githubprovider.h"

#include "auth/outboundhttp.h"

#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

QFuture<Result<QUrl>> GitHubProvider::authorizeUrl(const AuthorizationParams &params)
{
    QUrl url = m_settings.authorizeUrl;
    QUrlQuery query(url);
    query.addQueryItem(u"client_id"_s, m_settings.clientId);
    query.addQueryItem(u"redirect_uri"_s, params.redirectUri.toString(QUrl::FullyEncoded));
    query.addQueryItem(u"scope"_s, u"read:user"_s);
    query.addQueryItem(u"state"_s, params.state);
    query.addQueryItem(u"code_challenge"_s, params.codeChallenge);
    query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    url.setQuery(query);
    return QtFuture::makeReadyFuture(Result<QUrl>(url));
}

QFuture<Result<ExternalIdentity>> GitHubProvider::identify(const QString &code,
                                                           const QString &codeVerifier,
                                                           const QUrl &redirectUri, const QString &)
{
    QUrlQuery form;
    form.addQueryItem(u"client_id"_s, m_settings.clientId);
    form.addQueryItem(u"client_secret"_s, m_settings.clientSecret);
    form.addQueryItem(u"code"_s, code);
    form.addQueryItem(u"redirect_uri"_s, redirectUri.toString(QUrl::FullyEncoded));
    form.addQueryItem(u"code_verifier"_s, codeVerifier);
    OutboundHttp &http = m_http;
    const QUrl userUrl = QUrl(
        m_settings.apiUrl.toString(QUrl::FullyEncoded | QUrl::StripTrailingSlash) + u"/user"_s);
    return m_http.postForm(m_settings.tokenUrl, form)
        .then(m_http.context(),
              [&http, userUrl](const Result<QJsonObject> &token) -> QFuture<Result<QJsonObject>> {
                  if (!token)
                      return QtFuture::makeReadyFuture(Result<QJsonObject>(token.error()));
                  const QString accessToken = token->value(u"access_token"_s).toString();
                  if (accessToken.isEmpty())
                      return QtFuture::makeReadyFuture(Result<QJsonObject>(
                          providerRefused(u"GitHub did not accept the code"_s)));
                  return http.getJson(userUrl,
                                      {{"Authorization"_ba, "Bearer " + accessToken.toLatin1()},
                                       {"X-GitHub-Api-Version"_ba, "2022-11-28"_ba}});
              })
        .unwrap()
        .then([](const Result<QJsonObject> &user) -> Result<ExternalIdentity> {
            if (!user)
                return user.error();
            // GitHub's numeric id is the stable key; the login can be renamed.
            const qint64 id = user->value(u"id"_s).toInteger(0);
            if (id <= 0)
                return providerRefused(u"GitHub did not say who you are"_s);
            const QString login = user->value(u"login"_s).toString();
            return ExternalIdentity{u"github"_s, QString::number(id), login,
                                    user->value(u"name"_s).toString(),
                                    user->value(u"avatar_url"_s).toString()};
        });
}

} // namespace natter::server
