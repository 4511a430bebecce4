// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/frame.h"
#include "natter/message.h"
#include "natter/user.h"
#include "realtime/gatewayoptions.h"
#include "realtime/ws/wssocket.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QUuid>

#include <functional>
#include <map>

namespace natter::server::realtime {

class Heartbeats;

//! What one socket knows about one conversation its user is a member of: the last seq it was
//! given, and the messages that arrived while an older range is being read from the database.
//! The hub keeps this exact so each socket gets each message once, in seq order.
struct RoomState
{
    qint64 lastSeq = 0;
    //! A database read (catch-up, or the conversation itself) is in flight; live messages
    //! wait in `pending` meanwhile.
    bool busy = false;
    //! room.join was sent (typing goes only to sockets that joined).
    bool joined = false;
    //! Just after authentication: live messages wait until the client joins (telling where it
    //! is) or the join window passes, so replay and live messages meet without a seam.
    bool held = false;
    //! A catch-up was asked for while another read was in flight; run it when that ends.
    bool fillRequested = false;
    std::map<qint64, Message> pending;
    //! Called once the socket has caught up to the database (room.join's ack).
    QList<std::function<void()>> onCaughtUp;
    //! When typing.start was last forwarded for this room from this socket.
    QElapsedTimer lastTypingStart;
    //! A forwarded start has not been followed by a forwarded stop.
    bool typingShown = false;
};

//! One client's WebSocket: authentication deadline, heartbeats, flood control and the bound on
//! its outgoing queue. Framing is the socket's (ws::WsSocket); what the frames mean is the
//! gateway's business.
class Connection final : public QObject, private ws::WsSocket::Handler
{
    Q_OBJECT

public:
    //! Takes `socket` over (it becomes a child). `heartbeats` pings the socket and keeps its
    //! deadlines; it must outlive the socket's `closed()` (the gateway removes the connection
    //! from it there).
    Connection(ws::WsSocket *socket, const GatewayOptions &options, Heartbeats &heartbeats,
               QObject *parent = nullptr);
    ~Connection() override;
    //! Starts reading frames, first those in `early` (sent right behind the upgrade request);
    //! called once the gateway listens to the signals below.
    void start(const QByteArray &early);

    [[nodiscard]] quint64 serial() const { return m_serial; }
    [[nodiscard]] bool isAuthenticated() const { return !m_user.id.isNull(); }
    [[nodiscard]] const User &user() const { return m_user; }
    [[nodiscard]] QUuid userId() const { return m_user.id; }
    //! Marks the socket authenticated (stops the deadline); the gateway then sends auth.ok.
    void setUser(const User &user);
    //! The socket lives on an access token that expires at `expiresAt`: auth.expiring goes
    //! out shortly before, and unless a fresh `auth` frame renews it, close 4001 at expiry.
    //! `family` is the sign-in the token belongs to (4003 when it ends).
    void setAuthentication(const QDateTime &expiresAt, const QUuid &family);
    [[nodiscard]] QUuid sessionFamily() const { return m_sessionFamily; }
    //! True while the gateway checks a token (so a second auth frame is refused).
    bool authInProgress = false;

    //! Writes a frame unless the socket is closing; closes it as a slow consumer when the
    //! queue of unsent bytes has passed its bound.
    void send(const Frame &frame);
    //! The same for a frame already serialised (UTF-8 JSON).
    void sendText(const QByteArray &utf8);
    //! The same for a complete WebSocket frame (ws::textFrame()): a fan-out frames a message
    //! once and hands the same bytes to every socket.
    void sendWire(const QByteArray &wire);
    void sendError(const QString &requestId, const ApiError &error);
    void closeWith(CloseCode code, const QString &reason);
    [[nodiscard]] bool isClosing() const { return m_closing; }
    [[nodiscard]] QHostAddress peerAddress() const { return m_socket->peerAddress(); }
    [[nodiscard]] quint16 peerPort() const { return m_socket->peerPort(); }
    //! Called by the gateway's heartbeat wheel about once per ping interval: drops a peer
    //! silent past the idle timeout, pings one silent for half an interval.
    void heartbeat();
    //! Called by the heartbeats at the deadline this connection set: the authentication
    //! deadline, auth.expiring, or the token's expiry.
    void onDeadline();
    //! When Heartbeats will call onDeadline() (its key for this connection), -1 for never.
    qint64 queuedDeadlineMs = -1;

    //! Conversations of this user, with this socket's delivery state (the hub's to change).
    // A map, not a QHash: a QHash's first insertion reserves 48 nodes (6 KB of RoomState), and
    // most sockets hold one or two rooms (measured: 6 KB of an idle socket's 34 KB).
    QMap<QUuid, RoomState> rooms;
    //! Users this user blocked: their messages are not delivered here.
    QSet<QUuid> blocked;

Q_SIGNALS:
    //! A well-formed text frame that passed flood control.
    void frameReceived(const natter::Frame &frame);
    //! The socket is gone; the connection deletes itself later.
    void closed();

private:
    void onText(const QByteArray &utf8) override;
    void onBinary() override;
    void onHeard() override;
    void onDisconnected() override;
    [[nodiscard]] bool takeToken();
    //! Hands the earliest of the deadlines below to the heartbeats.
    void scheduleDeadline();

    ws::WsSocket *m_socket;
    const GatewayOptions &m_options;
    Heartbeats &m_heartbeats;
    quint64 m_serial;
    User m_user;
    // Deadlines on Heartbeats::nowMs()'s clock, -1 when not set. Not a QTimer each: with
    // thousands of sockets, one shared timer costs far less memory and timer bookkeeping.
    qint64 m_authDeadlineMs = -1;
    qint64 m_authExpiringMs = -1;
    qint64 m_authExpiryMs = -1;
    QDateTime m_authExpiresAt;
    QUuid m_sessionFamily;
    QElapsedTimer m_lastHeard;
    QElapsedTimer m_tokenClock;
    double m_tokens;
    int m_refusedInARow = 0;
    bool m_closing = false;
};

} // namespace natter::server::realtime
