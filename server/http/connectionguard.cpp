// SPDX-License-Identifier: Apache-2.0
#include "http/connectionguard.h"

#include "http/requesthead.h"
#include "http/streamedrequests.h"

#include <QTcpSocket>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

constexpr int kLingerMs = 1000;

} // namespace

ConnectionGuard::ConnectionGuard(QTcpSocket *socket, const HttpLimits &limits,
                                 StreamedRequests *streamed)
    : QObject(socket), m_socket(socket), m_limits(limits), m_streamed(streamed)
{
    // Connected before QAbstractHttpServer connects its own slot, so this runs first and sees
    // the new bytes while they are still unread.
    connect(socket, &QTcpSocket::readyRead, this, &ConnectionGuard::inspect);
    // An answer going out counts as activity: a slow handler is not an idle client.
    connect(socket, &QTcpSocket::bytesWritten, this, [this] {
        if (m_phase == Phase::Idle)
            m_deadline.start(m_limits.idleTimeoutMs);
    });
    m_deadline.setSingleShot(true);
    connect(&m_deadline, &QTimer::timeout, this, &ConnectionGuard::onDeadline);
    enter(Phase::Idle);
}

void ConnectionGuard::enter(Phase phase)
{
    m_phase = phase;
    switch (phase) {
    case Phase::Idle:
        m_deadline.start(m_limits.idleTimeoutMs);
        break;
    case Phase::Headers:
        m_deadline.start(m_limits.headerTimeoutMs);
        break;
    case Phase::Body:
        m_deadline.start(m_limits.bodyStallTimeoutMs);
        break;
    case Phase::Handed:
    case Phase::Refused:
        m_deadline.stop();
        break;
    }
}

void ConnectionGuard::inspect()
{
    if (m_phase == Phase::Refused) {
        m_socket->readAll();
        return;
    }
    const QByteArray fresh = m_socket->peek(m_socket->bytesAvailable());
    qsizetype offset = 0;
    while (offset < fresh.size() && (m_phase != Phase::Refused && m_phase != Phase::Handed)) {
        if (m_phase == Phase::Body) {
            const qint64 take = std::min<qint64>(m_bodyRemaining, fresh.size() - offset);
            m_bodyRemaining -= take;
            offset += take;
            if (m_bodyRemaining == 0)
                enter(Phase::Idle);
            else
                m_deadline.start(m_limits.bodyStallTimeoutMs); // it is still arriving
            continue;
        }
        // The header deadline runs from a request's first byte; more bytes do not extend it.
        if (m_phase == Phase::Idle)
            enter(Phase::Headers);
        offset = consumeHeaderBytes(fresh, offset);
    }
}

qsizetype ConnectionGuard::consumeHeaderBytes(const QByteArray &fresh, qsizetype offset)
{
    const qsizetype previous = m_header.size();
    m_header.append(fresh.constData() + offset, fresh.size() - offset);
    const qsizetype headerLength = requestHeadEnd(m_header);
    if (headerLength < 0) {
        if (m_header.size() > m_limits.maxHeaderBytes)
            refuse(431, "Request Header Fields Too Large"_ba, "bad_request"_ba,
                   "The request headers are too large."_ba);
        return fresh.size();
    }
    const QByteArray header = m_header.left(headerLength).toLower();
    m_header.clear();
    if (headerLength > m_limits.maxHeaderBytes) {
        refuse(431, "Request Header Fields Too Large"_ba, "bad_request"_ba,
               "The request headers are too large."_ba);
        return fresh.size();
    }
    judgeHeader(header);
    return offset + (headerLength - previous);
}

void ConnectionGuard::judgeHeader(const QByteArray &header)
{
    if (m_streamed && m_streamed->wants(header)) {
        handOverToStreamed();
        return;
    }
    const RequestHeadVerdict verdict = judgeRequestHead(header, m_limits);
    switch (verdict.kind) {
    case RequestHeadVerdict::Kind::Refuse:
        refuse(verdict.status, verdict.reason, verdict.code, verdict.message);
        return;
    case RequestHeadVerdict::Kind::WebSocket:
        handOver();
        return;
    case RequestHeadVerdict::Kind::Body:
        m_bodyRemaining = verdict.bodyBytes;
        enter(verdict.bodyBytes > 0 ? Phase::Body : Phase::Idle);
        return;
    }
}

void ConnectionGuard::handOver()
{
    // From here on the bytes are WebSocket frames, whose size our WebSocket layer limits
    // (realtime/ws); the gateway's authentication deadline and heartbeats take over. The guard is of
    // no more use: kept, it would stay a child of the socket as long as the socket lives
    // (about 0.3 KB of every idle WebSocket).
    disconnect(m_socket, nullptr, this, nullptr);
    enter(Phase::Handed);
    deleteLater();
}

void ConnectionGuard::handOverToStreamed()
{
    disconnect(m_socket, nullptr, this, nullptr);
    enter(Phase::Handed);
    // Qt's server reads in a transaction until a request is complete: whatever of this head it
    // already read goes back into the socket's buffer, and its parser never sees more.
    QObject::disconnect(m_socket, &QTcpSocket::readyRead, nullptr, nullptr);
    if (m_socket->isTransactionStarted())
        m_socket->rollbackTransaction();
    m_streamed->take(m_socket);
}

void ConnectionGuard::onDeadline()
{
    switch (m_phase) {
    case Phase::Idle:
        m_socket->disconnectFromHost();
        break;
    case Phase::Headers:
    case Phase::Body:
        refuse(408, "Request Timeout"_ba, "bad_request"_ba, "The request came too slowly."_ba);
        break;
    case Phase::Handed:
    case Phase::Refused:
        break;
    }
}

void ConnectionGuard::refuse(int status, const QByteArray &reason, const QByteArray &code,
                             const QByteArray &message)
{
    enter(Phase::Refused);
    const QByteArray body =
        R"({"error":{"code":")"_ba + code + R"(","message":")"_ba + message + R"("}})"_ba;
    m_socket->readAll();
    m_socket->write("HTTP/1.1 "_ba + QByteArray::number(status) + ' ' + reason +
                    "\r\nContent-Type: application/json\r\nConnection: close\r\n"
                    "Content-Length: "_ba +
                    QByteArray::number(body.size()) + "\r\n\r\n"_ba + body);
    // Closing at once while the client is still sending would make the kernel answer with a
    // reset that can destroy our reply before the client reads it; drain for a moment.
    QTimer::singleShot(kLingerMs, m_socket, [socket = m_socket] { socket->disconnectFromHost(); });
    // A client that reads nothing would keep our reply, and the socket, forever.
    QTimer::singleShot(5 * kLingerMs, m_socket, [socket = m_socket] { socket->abort(); });
}

} // namespace natter::server
