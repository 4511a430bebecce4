// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "authtest.h"
#include "serverprocess.h"

#include <QUrlQuery>

namespace natter::testing {

//! A browser going through an OAuth login step by step, so each test can stop, replay or
//! tamper with any step. It keeps the browser-binding cookie like a real browser would.
class OAuthBrowser final
{
public:
    explicit OAuthBrowser(const ServerProcess &server) : m_server(server) {}

    //! GET /api/v1/auth/<provider>/start[?query]; keeps the binding cookie it sets.
    HttpResponse start(const QString &provider, const QUrlQuery &query = {})
    {
        QUrl url = m_server.url(QStringLiteral("/api/v1/auth/%1/start").arg(provider));
        url.setQuery(query);
        HttpClient client;
        prepare(client);
        HttpResponse response = client.get(url);
        const QByteArray binding = cookieValue(response, "natter_oauth_browser");
        if (!binding.isEmpty())
            m_binding = binding;
        return response;
    }

    //! Follows a redirect to the provider, which "signs the user in" and redirects back.
    HttpResponse visitProvider(const HttpResponse &startResponse)
    {
        HttpClient client;
        forgetCookies(client);
        return client.get(QUrl::fromEncoded(startResponse.headers.value("location")));
    }

    //! Follows the provider's redirect to our callback. The callback URL is built from the
    //! public URL (http://localhost:8080), so, like a reverse proxy, send its path to the
    //! server under test.
    HttpResponse callback(const HttpResponse &providerResponse)
    {
        return callback(QUrl::fromEncoded(providerResponse.headers.value("location")));
    }
    HttpResponse callback(const QUrl &publicCallbackUrl)
    {
        QUrl url = m_server.url(publicCallbackUrl.path());
        url.setQuery(publicCallbackUrl.query(QUrl::FullyEncoded));
        HttpClient client;
        prepare(client);
        return client.get(url);
    }

    //! The whole way through, for tests that only care about the outcome.
    HttpResponse signIn(const QString &provider, const QUrlQuery &query = {})
    {
        const HttpResponse started = start(provider, query);
        if (started.status != 302)
            return started;
        const HttpResponse provided = visitProvider(started);
        if (provided.status != 302)
            return provided;
        return callback(provided);
    }

    //! The access token the web app gets next: POST /auth/refresh with the refresh cookie the
    //! callback set, from the app's origin. Empty when that fails.
    [[nodiscard]] QString accessTokenAfter(const HttpResponse &callbackResponse) const
    {
        HttpClient client;
        forgetCookies(client);
        client.setHeader("Cookie",
                         "natter_refresh=" + cookieValue(callbackResponse, "natter_refresh"));
        client.setHeader("Origin", kAppOrigin);
        const auto refreshed =
            client.post(m_server.url(QStringLiteral("/api/v1/auth/refresh")), {});
        if (refreshed.status != 200)
            return {};
        return refreshed.json().value(QStringLiteral("access_token")).toString();
    }

    //! The public URL's origin (NATTER_PUBLIC_URL's default), which the browser sends.
    static constexpr char kAppOrigin[] = "http://localhost:8080";

    [[nodiscard]] QByteArray binding() const { return m_binding; }
    void setBinding(const QByteArray &binding) { m_binding = binding; }

private:
    void prepare(HttpClient &client) const
    {
        forgetCookies(client);
        if (!m_binding.isEmpty())
            client.setHeader("Cookie", "natter_oauth_browser=" + m_binding);
    }

    const ServerProcess &m_server;
    QByteArray m_binding;
};

} // namespace natter::testing
