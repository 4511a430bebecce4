// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httprequest.h"

#include <QByteArray>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace natter::server {

struct Config;

//! The cookies of the sign-in flow and the browser checks that go with them. Built once from
//! the configuration and copied into database jobs as a value.
class AuthCookies final
{
public:
    //! The refresh token's cookie: only the auth endpoints ever see it.
    static constexpr auto kRefreshName = "natter_refresh";
    //! Binds an OAuth `state` to the browser that started the login (login CSRF defence).
    static constexpr auto kBrowserName = "natter_oauth_browser";

    explicit AuthCookies(const Config &config);

    //! `Set-Cookie` value: `HttpOnly; SameSite=Lax; Path=/api/v1/auth`, plus `Secure` unless
    //! the public URL is plain-http localhost (where browsers would drop a Secure cookie).
    [[nodiscard]] QByteArray refresh(const QString &token, qint64 maxAgeSeconds) const;
    [[nodiscard]] QByteArray clearRefresh() const;
    [[nodiscard]] QByteArray browserBinding(const QString &value, qint64 maxAgeSeconds) const;

    //! A browser request may use the refresh cookie only from an allowed origin (CSRF).
    [[nodiscard]] bool originAllowed(const HttpRequest &request) const;
    [[nodiscard]] bool secure() const { return m_secure; }

    //! The value of cookie `name` in the request's `Cookie` header(s), or empty.
    [[nodiscard]] static QString value(const HttpRequest &request, const QByteArray &name);

private:
    [[nodiscard]] QByteArray build(const QByteArray &name, const QByteArray &value,
                                   qint64 maxAgeSeconds) const;

    QStringList m_allowedOrigins;
    bool m_secure = true;
};

//! True for http://localhost, http://127.0.0.1 and http://[::1] (any port).
[[nodiscard]] bool isPlainHttpLocalhost(const QUrl &url);

} // namespace natter::server
