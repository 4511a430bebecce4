// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QUrl>

namespace natter::testing {

struct HttpResponse
{
    int status = 0; //!< 0 when no answer came
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; //!< names lower-cased
    QList<QByteArray> setCookies;

    [[nodiscard]] QJsonObject json() const;
    //! The contract's error code (`{"error":{"code"}}`), or empty.
    [[nodiscard]] QString errorCode() const;
};

//! Blocking HTTP for tests: each call runs a local event loop until the answer (or 15 s).
//! Redirects are not followed, so tests can look at them.
class HttpClient final
{
public:
    HttpClient();

    void setBearer(const QString &token) { m_bearer = token; }
    void setHeader(const QByteArray &name, const QByteArray &value) { m_headers[name] = value; }

    HttpResponse get(const QUrl &url);
    HttpResponse post(const QUrl &url, const QByteArray &body,
                      const QByteArray &contentType = "application/json");
    HttpResponse postJson(const QUrl &url, const QJsonObject &body);
    HttpResponse put(const QUrl &url, const QJsonObject &body);
    HttpResponse del(const QUrl &url);
    HttpResponse send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                      const QByteArray &contentType);

    [[nodiscard]] QNetworkAccessManager &network() { return m_network; }

private:
    QNetworkAccessManager m_network;
    QString m_bearer;
    QHash<QByteArray, QByteArray> m_headers;
};

} // namespace natter::testing
