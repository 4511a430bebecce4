// SPDX-License-Identifier: Apache-2.0
#include "ops/httpprobe.h"

#include <QEventLoop>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QWebSocket>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::ops {
namespace {

constexpr qint64 kMaxBody = 64LL * 1024;

std::optional<double> skewFrom(const QByteArray &dateHeader, qint64 sentMs, qint64 receivedMs)
{
    if (dateHeader.isEmpty())
        return std::nullopt;
    const QDateTime remote =
        QDateTime::fromString(QString::fromLatin1(dateHeader), Qt::RFC2822Date);
    if (!remote.isValid())
        return std::nullopt;
    // The Date header has whole seconds: the remote clock read it somewhere in that second.
    const double remoteMs = double(remote.toMSecsSinceEpoch()) + 500.0;
    return (remoteMs - double(sentMs + receivedMs) / 2.0) / 1000.0;
}

} // namespace

HttpProbe::HttpProbe(const QString &extraCaFile, int timeoutMs)
    : m_tls(QSslConfiguration::defaultConfiguration()), m_timeoutMs(timeoutMs)
{
    if (!extraCaFile.isEmpty())
        m_caLoaded = m_tls.addCaCertificates(extraCaFile, QSsl::Pem);
}

ProbeReply HttpProbe::get(const QUrl &url, const QHash<QByteArray, QByteArray> &headers) const
{
    QNetworkAccessManager manager;
    QNetworkRequest request(url);
    request.setSslConfiguration(m_tls);
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute,
                         QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_timeoutMs);
    request.setHeader(QNetworkRequest::UserAgentHeader, u"natter-doctor"_s);
    for (auto it = headers.cbegin(); it != headers.cend(); ++it)
        request.setRawHeader(it.key(), it.value());

    ProbeReply result;
    const qint64 sentMs = QDateTime::currentMSecsSinceEpoch();
    QNetworkReply *reply = manager.get(request);
    QObject::connect(reply, &QNetworkReply::sslErrors, reply,
                     [&result](const QList<QSslError> &errors) {
                         for (const QSslError &error : errors)
                             result.tlsErrors.append(error.errorString());
                     });
    QEventLoop loop;
    QObject::connect(reply, &QNetworkReply::finished, &loop, &QEventLoop::quit);
    QTimer::singleShot(m_timeoutMs + 1000, &loop, &QEventLoop::quit);
    loop.exec();
    if (!reply->isFinished()) {
        reply->abort();
        result.error = u"no answer within %1 s"_s.arg(m_timeoutMs / 1000);
    }
    const qint64 receivedMs = QDateTime::currentMSecsSinceEpoch();
    result.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    if (result.status == 0 && result.error.isEmpty())
        result.error = reply->errorString();
    result.body = reply->read(kMaxBody);
    const auto pairs = reply->rawHeaderPairs();
    for (const auto &[name, value] : pairs)
        result.headers.insert(name.toLower(), value);
    result.peerCertificate = reply->sslConfiguration().peerCertificate();
    result.clockSkewSeconds = skewFrom(result.headers.value("date"), sentMs, receivedMs);
    delete reply;
    return result;
}

SocketProbeReply HttpProbe::webSocket(const QUrl &url, const QString &origin,
                                      const QByteArray &frame) const
{
    SocketProbeReply result;
    QWebSocket socket(origin);
    socket.setSslConfiguration(m_tls);
    QEventLoop loop;
    QObject::connect(&socket, &QWebSocket::connected, &loop, [&] {
        result.upgraded = true;
        socket.sendTextMessage(QString::fromUtf8(frame));
    });
    QObject::connect(&socket, &QWebSocket::textMessageReceived, &loop, [&] {
        result.answered = true;
        loop.quit();
    });
    QObject::connect(&socket, &QWebSocket::disconnected, &loop, [&] {
        result.closeCode = socket.closeCode();
        result.answered = result.upgraded;
        loop.quit();
    });
    // Qt 6.4 names the signal error(); errorOccurred() came in 6.5.
    QObject::connect(&socket, qOverload<QAbstractSocket::SocketError>(&QWebSocket::error), &loop,
                     [&] {
                         if (!result.upgraded) {
                             result.error = socket.errorString();
                             loop.quit();
                         }
                     });
    QObject::connect(&socket, &QWebSocket::sslErrors, &loop, [&](const QList<QSslError> &errors) {
        for (const QSslError &error : errors)
            result.error += error.errorString() + u"; "_s;
    });
    QTimer::singleShot(m_timeoutMs, &loop, &QEventLoop::quit);
    socket.open(url);
    loop.exec();
    if (!result.upgraded && result.error.isEmpty())
        result.error = u"no answer within %1 s"_s.arg(m_timeoutMs / 1000);
    socket.abort();
    return result;
}

} // namespace natter::server::ops
