// SPDX-License-Identifier: Apache-2.0
#include "app/signinflow.h"

#include "core/logging.h"

#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

// Long enough for a first sign-in at the provider (account, two factors), short enough that a
// forgotten browser tab does not keep a port open all day.
constexpr int kBrowserTimeoutMs = 5 * 60 * 1000;

} // namespace

SignInFlow::SignInFlow(ApiClient *api, OpenBrowser openBrowser, QObject *parent)
    : QObject(parent), m_api(api), m_openBrowser(std::move(openBrowser))
{
    m_timeout.setSingleShot(true);
    m_timeout.setInterval(kBrowserTimeoutMs);
    connect(&m_timeout, &QTimer::timeout, this, [this] {
        cancel();
        Q_EMIT failed(u"Sign-in timed out. Try again."_s);
    });
    connect(&m_loopback, &LoopbackReceiver::codeReceived, this, &SignInFlow::exchange);
    connect(&m_loopback, &LoopbackReceiver::failed, this, [this](const QString &reason) {
        cancel();
        Q_EMIT failed(u"Sign-in did not complete: %1"_s.arg(reason));
    });
}

QString SignInFlow::startInBrowser(const QString &providerId)
{
    if (!m_loopback.listen())
        return u"Natter could not open a local port for the browser to come back to."_s;
    m_pkce = Pkce::generate();
    const QString state = Pkce::generate().verifier; // 32 random bytes, base64url
    m_loopback.setExpectedState(state);
    QUrlQuery query;
    query.addQueryItem(u"client"_s, u"desktop"_s);
    query.addQueryItem(u"redirect_uri"_s, m_loopback.redirectUri().toString());
    query.addQueryItem(u"code_challenge"_s, m_pkce.challenge);
    query.addQueryItem(u"code_challenge_method"_s, u"S256"_s);
    query.addQueryItem(u"state"_s, state);
    qCInfo(lcAuth) << "opening the browser for" << providerId;
    if (!m_openBrowser || !m_openBrowser(m_api->providerStartUrl(providerId, query))) {
        m_loopback.close();
        return u"Natter could not open your web browser."_s;
    }
    m_timeout.start();
    return {};
}

void SignInFlow::devLogin(const QString &name)
{
    m_api->devLogin(name.trimmed(), this,
                    [this](Result<SignInResult> result) { Q_EMIT finished(result); });
}

void SignInFlow::cancel()
{
    m_timeout.stop();
    m_loopback.close();
}

void SignInFlow::exchange(const QString &code)
{
    m_timeout.stop();
    m_api->exchangeCode(code, m_pkce.verifier, this, [this](Result<SignInResult> result) {
        m_loopback.close();
        Q_EMIT finished(result);
    });
}

} // namespace natter::desktop
