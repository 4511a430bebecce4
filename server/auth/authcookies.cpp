// SPDX-License-Identifier: Apache-2.0
#include "auth/authcookies.h"

#include "config.h"

#include <QHostAddress>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

bool isPlainHttpLocalhost(const QUrl &url)
{
    if (url.scheme() != "http"_L1)
        return false;
    const QString host = url.host();
    return host == "localhost"_L1 || QHostAddress(host).isLoopback();
}

AuthCookies::AuthCookies(const Config &config)
    : m_allowedOrigins(config.allowedOrigins), m_secure(!isPlainHttpLocalhost(config.publicUrl))
{}

QByteArray AuthCookies::build(const QByteArray &name, const QByteArray &value,
                              qint64 maxAgeSeconds) const
{
    QByteArray cookie = name + '=' + value + "; Max-Age=" + QByteArray::number(maxAgeSeconds) +
                        "; Path=/api/v1/auth; HttpOnly; SameSite=Lax";
    if (m_secure)
        cookie += "; Secure";
    return cookie;
}

QByteArray AuthCookies::refresh(const QString &token, qint64 maxAgeSeconds) const
{
    return build(kRefreshName, token.toLatin1(), maxAgeSeconds);
}

QByteArray AuthCookies::clearRefresh() const
{
    return build(kRefreshName, {}, 0);
}

QByteArray AuthCookies::browserBinding(const QString &value, qint64 maxAgeSeconds) const
{
    return build(kBrowserName, value.toLatin1(), maxAgeSeconds);
}

bool AuthCookies::originAllowed(const HttpRequest &request) const
{
    // Browsers send Origin on every POST, same-origin ones included; a cookie-carrying POST
    // without it did not come from a page we trust.
    const QString origin = QString::fromLatin1(request.header("origin"_ba));
    return !origin.isEmpty() && m_allowedOrigins.contains(origin);
}

QString AuthCookies::value(const HttpRequest &request, const QByteArray &name)
{
    // QHttpServer joins repeated Cookie headers with ", "; browsers send one with "; ".
    const QByteArray header = request.header("cookie"_ba);
    for (const QByteArray &pair : header.split(';')) {
        for (const QByteArray &rawPart : pair.split(',')) {
            const QByteArray part = rawPart.trimmed();
            const qsizetype equals = part.indexOf('=');
            if (equals > 0 && part.left(equals) == name)
                return QString::fromLatin1(part.mid(equals + 1));
        }
    }
    return {};
}

} // namespace natter::server
