// SPDX-License-Identifier: Apache-2.0
#include "auth/loopbackreceiver.h"

#include "core/logging.h"

#include <QTcpSocket>
#include <QUrlQuery>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr qint64 kMaxRequestBytes = 8192;

QByteArray page(const QByteArray &status, const QString &text)
{
    const QByteArray body = "<!doctype html><meta charset=utf-8><title>Natter</title>"
                            "<body style=\"font-family:sans-serif;margin:4em\"><h1>Natter</h1><p>" +
                            text.toHtmlEscaped().toUtf8() + "</p></body>";
    return "HTTP/1.1 " + status +
           "\r\nContent-Type: text/html; charset=utf-8\r\nConnection: close\r\n"
           "Cache-Control: no-store\r\nContent-Length: " +
           QByteArray::number(body.size()) + "\r\n\r\n" + body;
}

} // namespace

LoopbackReceiver::LoopbackReceiver(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_server.nextPendingConnection()) {
            connect(socket, &QTcpSocket::readyRead, this, [this, socket] { handle(socket); });
            connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
        }
    });
}

bool LoopbackReceiver::listen()
{
    if (m_server.isListening())
        return true;
    // Loopback only, never 0.0.0.0: the code must not be reachable from the network.
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void LoopbackReceiver::close()
{
    m_server.close();
}

QUrl LoopbackReceiver::redirectUri() const
{
    return QUrl(u"http://127.0.0.1:%1/callback"_s.arg(m_server.serverPort()));
}

void LoopbackReceiver::handle(QTcpSocket *socket)
{
    if (!socket->canReadLine()) {
        if (socket->bytesAvailable() > kMaxRequestBytes)
            socket->abort();
        return;
    }
    const QList<QByteArray> requestLine = socket->readLine(kMaxRequestBytes).trimmed().split(' ');
    socket->readAll();
    const QUrl target = requestLine.size() >= 2
                            ? QUrl(u"http://127.0.0.1"_s + QString::fromUtf8(requestLine.at(1)))
                            : QUrl();
    if (requestLine.value(0) != "GET" || target.path() != "/callback"_L1) {
        socket->write(page("404 Not Found", u"Nothing here."_s));
        socket->disconnectFromHost();
        return;
    }
    const QUrlQuery query(target);
    if (!m_expectedState.isEmpty() &&
        query.queryItemValue(u"state"_s, QUrl::FullyDecoded) != m_expectedState) {
        socket->write(
            page("400 Bad Request", u"This sign-in link is not the one Natter is waiting for."_s));
        socket->disconnectFromHost();
        qCInfo(lcAuth) << "loopback redirect with a wrong state ignored";
        return;
    }
    const QString code = query.queryItemValue(u"code"_s, QUrl::FullyDecoded);
    if (code.isEmpty()) {
        const QString reason = query.queryItemValue(u"error"_s, QUrl::FullyDecoded);
        socket->write(page("400 Bad Request",
                           u"Sign-in did not complete. You can close this tab and try again."_s));
        socket->disconnectFromHost();
        qCInfo(lcAuth) << "loopback redirect without a code";
        Q_EMIT failed(reason.isEmpty() ? u"The browser came back without a sign-in code."_s
                                       : reason);
        return;
    }
    socket->write(
        page("200 OK", u"You are signed in. You can close this tab and go back to Natter."_s));
    socket->disconnectFromHost();
    // One code per sign-in: stop listening so nothing else on this machine can knock.
    close();
    Q_EMIT codeReceived(code);
}

} // namespace natter::desktop
