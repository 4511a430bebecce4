// SPDX-License-Identifier: Apache-2.0
#include "httpclient.h"

#include <QEventLoop>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace natter::testing {

QJsonObject HttpResponse::json() const
{
    return QJsonDocument::fromJson(body).object();
}

QString HttpResponse::errorCode() const
{
    return json().value(u"error"_s).toObject().value(u"code"_s).toString();
}

HttpClient::HttpClient()
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
}

HttpResponse HttpClient::get(const QUrl &url)
{
    return send("GET", url, {}, {});
}

HttpResponse HttpClient::post(const QUrl &url, const QByteArray &body,
                              const QByteArray &contentType)
{
    return send("POST", url, body, contentType);
}

HttpResponse HttpClient::postJson(const QUrl &url, const QJsonObject &body)
{
    return send("POST", url, QJsonDocument(body).toJson(QJsonDocument::Compact),
                "application/json");
}

HttpResponse HttpClient::put(const QUrl &url, const QJsonObject &body)
{
    return send("PUT", url, QJsonDocument(body).toJson(QJsonDocument::Compact), "application/json");
}

HttpResponse HttpClient::del(const QUrl &url)
{
    return send("DELETE", url, {}, {});
}

HttpResponse HttpClient::send(const QByteArray &method, const QUrl &url, const QByteArray &body,
                              const QByteArray &contentType)
{
    QNetworkRequest request(url);
    if (!contentType.isEmpty())
        request.setHeader(QNetworkRequest::ContentTypeHeader, contentType);
    if (!m_bearer.isEmpty())
        request.setRawHeader("Authorization", "Bearer " + m_bearer.toUtf8());
    for (auto it = m_headers.cbegin(); it != m_headers.cend(); ++it)
        request.setRawHeader(it.key(), it.value());
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, body);
    QEventLoop loop;
    QTimer timeout;
    timeout.setSingleShot(true);
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QObject::connect(&timeout, &QTimer::timeout, &loop, &QEventLoop::quit);
    timeout.start(15000);
    loop.exec();

    HttpResponse response;
    if (reply->isFinished()) {
        response.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        response.body = reply->readAll();
        const auto pairs = reply->rawHeaderPairs();
        for (const auto &[name, value] : pairs) {
            if (name.compare("set-cookie", Qt::CaseInsensitive) == 0)
                response.setCookies.append(value);
            response.headers.insert(name.toLower(), value);
        }
    } else {
        reply->abort();
    }
    reply->deleteLater();
    return response;
}

} // namespace natter::testing
