// SPDX-License-Identifier: Apache-2.0
#include "auth/outboundhttp.h"

#include "logging.h"

#include <QHostAddress>
#include <QJsonDocument>
#include <QNetworkReply>
#include <QPromise>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr int kTimeoutMs = 10000;
constexpr qint64 kMaxAnswerBytes = qint64(1024) * 1024;

ApiError providerUnreachable()
{
    return {ErrorCode::Unavailable, u"The sign-in provider did not answer; try again."_s, {}};
}

} // namespace

bool isAcceptableProviderUrl(const QUrl &url)
{
    if (!url.isValid() || url.host().isEmpty() || !url.userInfo().isEmpty())
        return false;
    if (url.scheme() == "https"_L1)
        return true;
    return url.scheme() == "http"_L1 &&
           (url.host() == "localhost"_L1 || QHostAddress(url.host()).isLoopback());
}

OutboundHttp::OutboundHttp()
{
    m_network.setRedirectPolicy(QNetworkRequest::ManualRedirectPolicy);
    m_network.setTransferTimeout(kTimeoutMs);
}

QFuture<Result<QJsonObject>> OutboundHttp::getJson(const QUrl &url, const Headers &headers)
{
    QNetworkRequest request(url);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return send(request, "GET"_ba, {});
}

QFuture<Result<QJsonObject>> OutboundHttp::postForm(const QUrl &url, const QUrlQuery &form,
                                                    const Headers &headers)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, "application/x-www-form-urlencoded"_ba);
    for (const auto &[name, value] : headers)
        request.setRawHeader(name, value);
    return send(request, "POST"_ba, form.query(QUrl::FullyEncoded).toLatin1());
}

QFuture<Result<QJsonObject>> OutboundHttp::send(QNetworkRequest request, const QByteArray &verb,
                                                const QByteArray &body)
{
    auto promise = std::make_shared<QPromise<Result<QJsonObject>>>();
    promise->start();
    QFuture<Result<QJsonObject>> future = promise->future();
    if (!isAcceptableProviderUrl(request.url())) {
        promise->addResult(ApiError::internal());
        promise->finish();
        return future;
    }
    request.setRawHeader("Accept"_ba, "application/json"_ba);
    request.setRawHeader("User-Agent"_ba, "natter-server"_ba);
    QNetworkReply *reply = m_network.sendCustomRequest(request, verb, body);
    QObject::connect(reply, &QNetworkReply::downloadProgress, reply,
                     [reply](qint64 received, qint64) {
                         if (received > kMaxAnswerBytes)
                             reply->abort();
                     });
    QObject::connect(reply, &QNetworkReply::finished, reply, [reply, promise] {
        reply->deleteLater();
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray answer = reply->read(kMaxAnswerBytes);
        const QJsonObject object = QJsonDocument::fromJson(answer).object();
        if (status == 0 || status >= 500 || (status >= 300 && object.isEmpty())) {
            logging::event(lcAuth(), QtWarningMsg, u"provider request failed"_s,
                           {{u"host"_s, reply->url().host()},
                            {u"path"_s, reply->url().path()},
                            {u"status"_s, status},
                            {u"network_error"_s, int(reply->error())}});
            promise->addResult(providerUnreachable());
        } else if (object.isEmpty()) {
            promise->addResult(
                ApiError::badRequest(u"The sign-in provider's answer was not understood."_s));
        } else {
            promise->addResult(object);
        }
        promise->finish();
    });
    return future;
}

} // namespace natter::server
