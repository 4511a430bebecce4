// SPDX-License-Identifier: Apache-2.0
#include "http/requestsizeguard.h"

#include <QTcpSocket>
#include <QTimer>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr qsizetype kMaxHeaderBytes = 16 * 1024;
constexpr int kLingerMs = 1000;

//! Follows the byte stream of one connection: where each request's headers end and how much
//! body follows, so it can refuse a request before the HTTP server has read it.
class ConnectionWatcher final : public QObject
{
public:
    ConnectionWatcher(QTcpSocket *socket, qint64 maxBodyBytes)
        : QObject(socket), m_socket(socket), m_maxBodyBytes(maxBodyBytes)
    {
        // Connected before QAbstractHttpServer connects its own slot, so this runs first and
        // sees the new bytes while they are still unread.
        connect(socket, &QTcpSocket::readyRead, this, &ConnectionWatcher::inspect);
    }

private:
    void inspect()
    {
        if (m_refused) {
            m_socket->readAll();
            return;
        }
        const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
        qsizetype offset = 0;
        while (offset < fresh.size() && !m_refused && !m_upgraded) {
            if (m_bodyRemaining > 0) {
                const qint64 take = std::min<qint64>(m_bodyRemaining, fresh.size() - offset);
                m_bodyRemaining -= take;
                offset += take;
                continue;
            }
            offset = consumeHeaderBytes(fresh, offset);
        }
    }

    qsizetype consumeHeaderBytes(const QByteArray &fresh, qsizetype offset)
    {
        const qsizetype previous = m_header.size();
        m_header.append(fresh.constData() + offset, fresh.size() - offset);
        const qsizetype end = m_header.indexOf("\r\n\r\n");
        if (end < 0) {
            if (m_header.size() > kMaxHeaderBytes)
                refuse(431, "Request Header Fields Too Large"_ba, "bad_request"_ba,
                       "The request headers are too large."_ba);
            return fresh.size();
        }
        const qsizetype headerLength = end + 4;
        const QByteArray header = m_header.left(headerLength).toLower();
        m_header.clear();
        if (headerLength > kMaxHeaderBytes) {
            refuse(431, "Request Header Fields Too Large"_ba, "bad_request"_ba,
                   "The request headers are too large."_ba);
            return fresh.size();
        }
        if (header.contains("\r\ntransfer-encoding:") && header.contains("chunked")) {
            refuse(411, "Length Required"_ba, "bad_request"_ba,
                   "Chunked request bodies are not accepted; send Content-Length."_ba);
            return fresh.size();
        }
        if (header.contains("\r\nupgrade:")) {
            // From here on the bytes are WebSocket frames, whose size QWebSocket limits.
            disconnect(m_socket, &QTcpSocket::readyRead, this, &ConnectionWatcher::inspect);
            m_upgraded = true;
            return fresh.size();
        }
        const qint64 length = contentLength(header);
        if (length < 0 || length > m_maxBodyBytes) {
            refuse(413, "Payload Too Large"_ba, "payload_too_large"_ba,
                   "The request body is too large."_ba);
            return fresh.size();
        }
        m_bodyRemaining = length;
        return offset + (headerLength - previous);
    }

    static qint64 contentLength(const QByteArray &lowerCaseHeader)
    {
        const qsizetype at = lowerCaseHeader.indexOf("\r\ncontent-length:");
        if (at < 0)
            return 0;
        const qsizetype start = at + int(sizeof("\r\ncontent-length:")) - 1;
        const qsizetype end = lowerCaseHeader.indexOf("\r\n", start);
        bool ok = false;
        const qint64 value = lowerCaseHeader.mid(start, end - start).trimmed().toLongLong(&ok);
        return ok ? value : -1;
    }

    void refuse(int status, const QByteArray &reason, const QByteArray &code,
                const QByteArray &message)
    {
        m_refused = true;
        const QByteArray body =
            R"({"error":{"code":")"_ba + code + R"(","message":")"_ba + message + R"("}})"_ba;
        m_socket->readAll();
        m_socket->write("HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reason +
                        "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                        "Content-Length: "_ba +
                        QByteArray::number(body.size()) + "\r\n\r\n"_ba + body);
        // Closing at once while the client is still sending would make the kernel answer with
        // a reset that can destroy our reply before the client reads it; drain for a moment.
        QTimer::singleShot(kLingerMs, m_socket,
                           [socket = m_socket] { socket->disconnectFromHost(); });
    }

    QTcpSocket *m_socket;
    qint64 m_maxBodyBytes;
    QByteArray m_header;
    qint64 m_bodyRemaining = 0;
    bool m_refused = false;
    bool m_upgraded = false;
};

} // namespace

RequestSizeGuard::RequestSizeGuard(qint64 maxBodyBytes, QObject *parent)
    : QTcpServer(parent), m_maxBodyBytes(maxBodyBytes)
{
    setListenBacklogSize(4096);
}

void RequestSizeGuard::incomingConnection(qintptr socketDescriptor)
{
    auto *socket = new QTcpSocket(this);
    if (!socket->setSocketDescriptor(socketDescriptor)) {
        delete socket;
        return;
    }
    // Small frames (a message, an ack) leave at once instead of waiting for Nagle's timer.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    new ConnectionWatcher(socket, m_maxBodyBytes);
    addPendingConnection(socket);
}

} // namespace natter::server
