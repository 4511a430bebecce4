// SPDX-License-Identifier: Apache-2.0
// The doctor's sign-in provider checks: the provider is reachable from here, its discovery and
// keys are sound, and it accepts a sign-in request carrying our callback URL.
#include "ops/doctor.h"
#include "ops/httpprobe.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

struct ProviderProbe
{
    QString id;
    QUrl authorizeUrl;
    QString clientId;
    QString scope;
    QString clientIdVariable;
};

QString checkName(const QString &id)
{
    return u"sign-in with %1"_s.arg(id);
}

QString callbackUrl(const Config &config, const QString &id)
{
    QUrl url = config.publicUrl;
    url.setPath(u"/api/v1/auth/%1/callback"_s.arg(id));
    return url.toString();
}

void noteClock(const QUrl &url, const ProbeReply &reply, DoctorFindings &found)
{
    if (reply.clockSkewSeconds)
        found.clock.append({url.host(), *reply.clockSkewSeconds});
}

QString unreachable(const QUrl &url, const ProbeReply &reply)
{
    return u"%1 does not answer: %2"_s.arg(url.toString(QUrl::RemoveQuery), reply.error);
}

QString outboundFix(const QUrl &url)
{
    return u"this machine needs outbound https to %1 (DNS, and the cloud's egress rules)"_s.arg(
        url.host());
}

//! Sends the sign-in request natter-server would send, without following it: a provider that
//! does not know the client or the callback answers 4xx (Google) or redirects back with
//! `error=` (GitHub).
CheckResult authorizeRequest(const Config &config, const ProviderProbe &provider,
                             const HttpProbe &probe, DoctorFindings &found)
{
    const QString callback = callbackUrl(config, provider.id);
    QUrl url = provider.authorizeUrl;
    QUrlQuery query(url);
    query.addQueryItem(u"response_type"_s, u"code"_s);
    query.addQueryItem(u"client_id"_s, provider.clientId);
    query.addQueryItem(u"redirect_uri"_s, callback);
    query.addQueryItem(u"scope"_s, provider.scope);
    query.addQueryItem(u"state"_s, u"natter-doctor"_s);
    query.addQueryItem(u"nonce"_s, u"natter-doctor"_s);
    query.addQueryItem(u"code_challenge"_s, u"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"_s);
    query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    url.setQuery(query);
    const ProbeReply reply = probe.get(url);
    noteClock(url, reply, found);
    const QString registration =
        u"check %1 and that the provider's app lists exactly %2 as its callback "
        "(redirect) URL"_s.arg(provider.clientIdVariable, callback);
    if (reply.status == 0)
        return {checkName(provider.id), Outcome::Fail, unreachable(url, reply), outboundFix(url)};
    const QUrlQuery back(QUrl(QString::fromUtf8(reply.headers.value("location"))));
    if (reply.status >= 400 || back.hasQueryItem(u"error"_s)) {
        const QString why = back.hasQueryItem(u"error"_s)
                                ? back.queryItemValue(u"error"_s)
                                : QString::fromUtf8(reply.body.left(200)).simplified();
        return {checkName(provider.id), Outcome::Fail,
                u"%1 refused the sign-in request (%2 %3)"_s.arg(url.host(),
                                                                QString::number(reply.status), why),
                registration};
    }
    return {checkName(provider.id),
            Outcome::Pass,
            u"%1 takes the sign-in request; callback %2"_s.arg(url.host(), callback),
            {}};
}

//! The OpenID Connect discovery document and its keys; the authorize endpoint on success.
std::optional<CheckResult> discover(const OidcProviderConfig &oidc, const HttpProbe &probe,
                                    DoctorFindings &found, QUrl &authorizeUrl)
{
    const QString name = checkName(oidc.id);
    QUrl url = oidc.issuer.adjusted(QUrl::StripTrailingSlash);
    url.setPath(url.path() + u"/.well-known/openid-configuration"_s);
    const ProbeReply reply = probe.get(url);
    noteClock(url, reply, found);
    if (reply.status == 0)
        return CheckResult{name, Outcome::Fail, unreachable(url, reply), outboundFix(url)};
    const QJsonObject document = QJsonDocument::fromJson(reply.body).object();
    const QString issuerFix =
        u"check NATTER_OIDC_%1_ISSUER (Google: https://accounts.google.com)"_s.arg(
            oidc.id.toUpper());
    if (reply.status != 200 || document.isEmpty())
        return CheckResult{name, Outcome::Fail,
                           u"%1 answered %2, not a discovery document"_s.arg(
                               url.toString(), QString::number(reply.status)),
                           issuerFix};
    const QString issuer = document.value("issuer"_L1).toString();
    if (QUrl(issuer).adjusted(QUrl::StripTrailingSlash) !=
        oidc.issuer.adjusted(QUrl::StripTrailingSlash))
        return CheckResult{
            name, Outcome::Fail,
            u"the discovery document names issuer %1, not %2"_s.arg(issuer, oidc.issuer.toString()),
            issuerFix};
    authorizeUrl = QUrl(document.value("authorization_endpoint"_L1).toString());
    const QUrl jwks(document.value("jwks_uri"_L1).toString());
    const ProbeReply keys = probe.get(jwks);
    if (keys.status != 200 ||
        QJsonDocument::fromJson(keys.body).object().value("keys"_L1).toArray().isEmpty())
        return CheckResult{
            name, Outcome::Fail,
            u"the provider's keys at %1 cannot be read (%2)"_s.arg(
                jwks.toString(), keys.status ? QString::number(keys.status) : keys.error),
            outboundFix(jwks)};
    return std::nullopt;
}

} // namespace

QList<CheckResult> checkSignInProviders(const DoctorInput &input, const HttpProbe &probe,
                                        DoctorFindings &found)
{
    if (!input.config)
        return {{u"sign-in providers"_s, Outcome::Skip, u"the configuration is refused"_s, {}}};
    const Config &config = *input.config;
    QList<CheckResult> results;
    if (!config.githubClientId.isEmpty())
        results.append(
            authorizeRequest(config,
                             {u"github"_s, config.githubAuthorizeUrl, config.githubClientId,
                              u"read:user"_s, u"NATTER_GITHUB_CLIENT_ID"_s},
                             probe, found));
    for (const OidcProviderConfig &oidc : config.oidcProviders) {
        QUrl authorizeUrl;
        if (auto failed = discover(oidc, probe, found, authorizeUrl)) {
            results.append(*failed);
            continue;
        }
        results.append(authorizeRequest(config,
                                        {oidc.id, authorizeUrl, oidc.clientId, u"openid profile"_s,
                                         u"NATTER_OIDC_%1_CLIENT_ID"_s.arg(oidc.id.toUpper())},
                                        probe, found));
    }
    if (results.isEmpty())
        results.append({u"sign-in providers"_s, config.devLogin ? Outcome::Warn : Outcome::Fail,
                        u"none configured: nobody can sign in"_s,
                        u"set up GitHub or an OpenID Connect provider (docs/auth.md)"_s});
    return results;
}

} // namespace natter::server::ops
