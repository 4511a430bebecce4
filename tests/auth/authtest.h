// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "httpclient.h"

#include <QNetworkCookieJar>

namespace natter::testing {

//! A jar that keeps nothing: the auth tests send the cookies they mean to, one at a time, so
//! a replayed or stolen cookie is exactly the one under test.
class ForgetfulCookieJar final : public QNetworkCookieJar
{
public:
    using QNetworkCookieJar::QNetworkCookieJar;
    bool setCookiesFromUrl(const QList<QNetworkCookie> &, const QUrl &) override { return false; }
};

//! An HttpClient that sends only the cookies a test sets by hand.
inline void forgetCookies(HttpClient &client)
{
    client.network().setCookieJar(new ForgetfulCookieJar(&client.network()));
}

//! Every Set-Cookie line of a response (QNetworkReply joins repeated headers with newlines).
inline QList<QByteArray> setCookieLines(const HttpResponse &response)
{
    QList<QByteArray> lines;
    for (const QByteArray &joined : response.setCookies)
        lines += joined.split('\n');
    return lines;
}

//! The Set-Cookie line for cookie `name`, or empty.
inline QByteArray setCookieFor(const HttpResponse &response, const QByteArray &name)
{
    for (const QByteArray &line : setCookieLines(response)) {
        if (line.startsWith(name + '='))
            return line;
    }
    return {};
}

//! The value the Set-Cookie line gives cookie `name`.
inline QByteArray cookieValue(const HttpResponse &response, const QByteArray &name)
{
    const QByteArray line = setCookieFor(response, name);
    return line.mid(name.size() + 1).split(';').value(0);
}

} // namespace natter::testing
