// SPDX-License-Identifier: Apache-2.0
#include "realtime/connection.h"

#include "logging.h"
#include "natter/events.h"
#include "natter/timestamps.h"
#include "realtime/heartbeats.h"

#include <algorithm>
#include <atomic>
#include <limits>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

std::atomic<quint64> nextSerial{1};

} // namespace

Connection::Connection(ws::WsSocket *socket, const GatewayOptions &options, Heartbeats &heartbeats,
                       QObject *parent)
    : QObject(parent), m_socket(socket), m_options(options), m_heartbeats(heartbeats),
      m_serial(nextSerial++), m_tokens(options.rateBurst)
{
    socket->setParent(this);
    m_lastHeard.start();
    m_tokenClock.start();
    m_authDeadlineMs = Heartbeats::nowMs() + options.authTimeoutMs;
    scheduleDeadline();
}

Connection::~Connection() = default;

void Connection::start(const QByteArray &early)
{
    // The socket closes with 1009 by itself when a peer sends a message past Frame::kMaxBytes.
    m_socket->start(this, early);
}

void Connection::onDisconnected()
{
    m_closing = true;
    Q_EMIT closed();
    deleteLater();
}

void Connection::onHeard()
{
    m_lastHeard.restart();
}

void Connection::setUser(const User &user)
{
    m_user = user;
    m_authDeadlineMs = -1;
    scheduleDeadline();
}

void Connection::setAuthentication(const QDateTime &expiresAt, const QUuid &family)
{
    m_authExpiresAt = expiresAt;
    m_sessionFamily = family;
    const qint64 left = std::max<qint64>(0, QDateTime::currentDateTimeUtc().msecsTo(expiresAt));
    const qint64 lead = std::min<qint64>(m_options.authExpiringLeadMs, left / 2);
    const qint64 now = Heartbeats::nowMs();
    m_authExpiringMs = now + left - lead;
    m_authExpiryMs = now + left;
    scheduleDeadline();
}

void Connection::scheduleDeadline()
{
    qint64 next = -1;
    for (const qint64 at : {m_authDeadlineMs, m_authExpiringMs, m_authExpiryMs}) {
        if (at >= 0 && (next < 0 || at < next))
            next = at;
    }
    if (next < 0 || m_closing)
        m_heartbeats.clearDeadline(this);
    else
        m_heartbeats.setDeadline(this, next);
}

void Connection::onDeadline()
{
    if (m_closing)
        return;
    const qint64 now = Heartbeats::nowMs();
    if (m_authDeadlineMs >= 0 && m_authDeadlineMs <= now) {
        m_authDeadlineMs = -1;
        if (!isAuthenticated()) {
            closeWith(CloseCode::Unauthorized, u"authentication timed out"_s);
            return;
        }
    }
    if (m_authExpiryMs >= 0 && m_authExpiryMs <= now) {
        m_authExpiryMs = -1;
        m_authExpiringMs = -1;
        closeWith(CloseCode::Unauthorized, u"access token expired"_s);
        return;
    }
    if (m_authExpiringMs >= 0 && m_authExpiringMs <= now) {
        m_authExpiringMs = -1;
        send(Frame::event(QString(events::kAuthExpiring),
                          {{u"expires_at"_s, formatTimestamp(m_authExpiresAt)}}));
    }
    scheduleDeadline();
}

void Connection::send(const Frame &frame)
{
    if (m_closing)
        return;
    sendText(frame.serialize());
}

void Connection::sendText(const QByteArray &utf8)
{
    if (m_closing)
        return;
    sendWire(ws::textFrame(utf8));
}

void Connection::sendWire(const QByteArray &wire)
{
    if (m_closing)
        return;
    if (m_socket->queuedBytes() + wire.size() > m_options.maxQueuedBytes) {
        logging::event(
            lcRealtime(), QtWarningMsg, u"slow consumer closed"_s,
            {{u"connection"_s, qint64(m_serial)}, {u"queued_bytes"_s, m_socket->queuedBytes()}});
        closeWith(CloseCode::SlowConsumer, u"slow consumer"_s);
        return;
    }
    m_socket->send(wire);
}

void Connection::sendError(const QString &requestId, const ApiError &error)
{
    send(Frame::failure(requestId, error));
}

void Connection::closeWith(CloseCode code, const QString &reason)
{
    if (m_closing)
        return;
    m_closing = true;
    m_heartbeats.clearDeadline(this);
    logging::event(
        lcRealtime(), QtInfoMsg, u"closing socket"_s,
        {{u"connection"_s, qint64(m_serial)}, {u"code"_s, int(code)}, {u"reason"_s, reason}});
    // A stalled or vanished peer that never answers is cut off by the socket after 2 s.
    m_socket->close(quint16(code), reason.toUtf8());
}

void Connection::onText(const QByteArray &utf8)
{
    m_lastHeard.restart();
    if (m_closing)
        return;
    if (!takeToken()) {
        if (++m_refusedInARow > m_options.maxRefusedFrames) {
            closeWith(CloseCode::Flood, u"too many frames"_s);
            return;
        }
        send(Frame::failure(
            {}, ApiError{ErrorCode::RateLimited, u"Too many frames; slow down."_s, {}}));
        return;
    }
    m_refusedInARow = 0;
    auto frame = Frame::parse(utf8);
    if (!frame) {
        if (!isAuthenticated() && !authInProgress) {
            closeWith(CloseCode::Unauthorized, u"authenticate first"_s);
            return;
        }
        sendError({}, frame.error());
        return;
    }
    Q_EMIT frameReceived(frame.value());
}

void Connection::onBinary()
{
    m_lastHeard.restart();
    closeWith(CloseCode::UnsupportedData, u"binary frames are not part of the protocol"_s);
}

void Connection::heartbeat()
{
    if (m_closing)
        return;
    const qint64 silentMs = m_lastHeard.elapsed();
    if (silentMs > m_options.idleTimeoutMs) {
        logging::event(lcRealtime(), QtInfoMsg, u"dead peer dropped"_s,
                       {{u"connection"_s, qint64(m_serial)}});
        m_closing = true;
        m_socket->abort();
        return;
    }
    // A peer that spoke within the interval is alive (web clients ping every 10 s on their
    // own); only a silent one is asked.
    if (silentMs >= std::min(m_options.pingIntervalMs, m_options.idleTimeoutMs / 2))
        m_socket->ping();
}

bool Connection::takeToken()
{
    const double seconds = double(m_tokenClock.restart()) / 1000.0;
    m_tokens = std::min(double(m_options.rateBurst), m_tokens + seconds * m_options.ratePerSecond);
    if (m_tokens < 1.0)
        return false;
    m_tokens -= 1.0;
    return true;
}

} // namespace natter::server::realtime
