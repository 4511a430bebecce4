// SPDX-License-Identifier: Apache-2.0
#include "realtime/realtimeclient.h"

#include "api/apiclient.h"
#include "core/logging.h"
#include "natter/events.h"

#include <QJsonDocument>
#include <QNetworkRequest>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

constexpr int kPongTimeoutMs = 10000;
constexpr int kUnauthorizedCloseCode = 4001;
//! The sign-in the token belongs to ended (logout elsewhere, revoked, account deleted).
constexpr int kSignInEndedCloseCode = 4003;
//! docs/protocol.md: the server's warning a minute before the socket's token expires.
constexpr auto kAuthExpiring = "auth.expiring"_L1;

QUuid uuidOf(const QJsonObject &data, const QString &name)
{
    return QUuid::fromString(data.value(name).toString());
}

} // namespace

RealtimeClient::RealtimeClient(ApiClient *api, QObject *parent)
    : QObject(parent), m_api(api), m_socket(QString(), QWebSocketProtocol::VersionLatest, this)
{
    m_reconnectTimer.setSingleShot(true);
    connect(&m_reconnectTimer, &QTimer::timeout, this, &RealtimeClient::connectNow);
    m_pingTimer.setInterval(25000);
    connect(&m_pingTimer, &QTimer::timeout, this, [this] {
        sendFrame(events::kPing, {});
        if (!m_pongDeadline.isActive())
            m_pongDeadline.start();
    });
    m_pongDeadline.setSingleShot(true);
    m_pongDeadline.setInterval(kPongTimeoutMs);
    connect(&m_pongDeadline, &QTimer::timeout, this, [this] {
        qCInfo(lcRealtime) << "no pong: the connection is dead, reconnecting";
        m_socket.abort();
    });
    connect(&m_socket, &QWebSocket::connected, this, [this] {
        qCDebug(lcRealtime) << "socket open, authenticating";
        sendFrame(events::kAuth, {{u"token"_s, m_api->accessToken()}});
    });
    // stateChanged rather than disconnected: a refused connection never was connected, and
    // must be retried all the same.
    connect(&m_socket, &QWebSocket::stateChanged, this, [this](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState)
            handleDisconnect();
    });
    connect(&m_socket, &QWebSocket::textMessageReceived, this, &RealtimeClient::handleFrame);
}

RealtimeClient::~RealtimeClient()
{
    m_running = false;
    m_socket.disconnect(this);
    m_socket.abort();
}

void RealtimeClient::setPingInterval(int ms)
{
    m_pingTimer.setInterval(ms);
}

void RealtimeClient::start()
{
    if (m_running)
        return;
    m_running = true;
    m_backoff.reset();
    connectNow();
}

void RealtimeClient::stop()
{
    m_running = false;
    m_reconnectTimer.stop();
    m_pingTimer.stop();
    m_pongDeadline.stop();
    m_socket.close();
    m_socket.abort();
    failPending();
    setState(State::Offline);
}

void RealtimeClient::setState(State state)
{
    if (m_state == state)
        return;
    m_state = state;
    Q_EMIT stateChanged(state);
}

void RealtimeClient::reconnectNow()
{
    if (!m_running || !m_reconnectTimer.isActive())
        return;
    m_reconnectTimer.stop();
    m_backoff.reset();
    connectNow();
}

void RealtimeClient::connectNow()
{
    if (!m_running || m_socket.state() != QAbstractSocket::UnconnectedState)
        return;
    setState(State::Connecting);
    m_api->ensureFreshAccessToken(this, [this](Status status) {
        if (!m_running)
            return;
        if (!status && status.error().code == ErrorCode::Unauthorized) {
            // The session is over; ApiClient told the app through sessionExpired().
            stop();
            return;
        }
        QNetworkRequest request(m_api->socketUrl());
        // The token goes in the first frame rather than the upgrade's header, so it never
        // lands in a proxy's access log.
        m_authenticated = false;
        m_socket.open(request);
    });
}

void RealtimeClient::scheduleReconnect()
{
    if (!m_running || m_reconnectTimer.isActive())
        return;
    const int delay = m_backoff.nextDelayMs();
    qCInfo(lcRealtime) << "reconnecting in" << delay << "ms (attempt" << m_backoff.attempts()
                       << ")";
    m_reconnectTimer.start(delay);
}

void RealtimeClient::handleDisconnect()
{
    const bool wasAuthenticated = m_authenticated;
    m_authenticated = false;
    m_pingTimer.stop();
    m_pongDeadline.stop();
    failPending();
    if (!m_running) {
        setState(State::Offline);
        return;
    }
    if (m_socket.closeCode() == kSignInEndedCloseCode) {
        // Reconnecting with this session is pointless: the user must sign in again.
        qCInfo(lcRealtime) << "the sign-in ended (4003)";
        stop();
        Q_EMIT signInEnded();
        return;
    }
    setState(State::Connecting);
    if (m_socket.closeCode() == kUnauthorizedCloseCode) {
        // The token was refused: renew it before the next try.
        m_api->refresh(this, [this](Status) { scheduleReconnect(); });
        return;
    }
    if (wasAuthenticated)
        m_backoff.reset();
    scheduleReconnect();
}

void RealtimeClient::failPending()
{
    const auto pending = std::exchange(m_pending, {});
    for (const Pending &entry : pending) {
        if (entry.context)
            entry.callback(ApiError::unavailable());
    }
}

void RealtimeClient::sendFrame(const QString &type, const QJsonObject &data, const QString &id)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return;
    QJsonObject frame{{u"type"_s, type}, {u"data"_s, data}};
    if (!id.isEmpty())
        frame.insert(u"id"_s, id);
    m_socket.sendTextMessage(
        QString::fromUtf8(QJsonDocument(frame).toJson(QJsonDocument::Compact)));
}

void RealtimeClient::request(const QString &type, const QJsonObject &data, QObject *context,
                             Callback callback)
{
    if (!m_authenticated) {
        callback(ApiError::unavailable());
        return;
    }
    const QString id = QString::number(m_nextId++);
    m_pending.insert(id, {QPointer<QObject>(context), std::move(callback)});
    sendFrame(type, data, id);
}

void RealtimeClient::joinRoom(const QUuid &conversationId)
{
    if (!m_room.isNull() && m_room != conversationId)
        leaveRoom(m_room);
    m_room = conversationId;
    if (!m_authenticated)
        return; // joined on (re)connect
    QJsonObject data{{u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces)}};
    const qint64 known = m_knownSeq ? m_knownSeq(conversationId) : -1;
    if (known >= 0)
        data.insert(u"after_seq"_s, known);
    const qint64 changesAfter = m_changeCursor ? m_changeCursor(conversationId) : -1;
    if (known >= 0 && changesAfter >= 0)
        data.insert(u"changes_after"_s, changesAfter);
    // With an id the server acks once the replay is done, which is when a change cursor may
    // move (docs/protocol.md).
    request(events::kRoomJoin, data, this, [this, conversationId](Result<QJsonObject> answer) {
        if (answer)
            Q_EMIT roomJoined(conversationId, answer->value(u"last_rev"_s).toInteger(-1));
    });
}

void RealtimeClient::leaveRoom(const QUuid &conversationId)
{
    if (m_room == conversationId)
        m_room = {};
    sendFrame(events::kRoomLeave,
              {{u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces)}});
}

void RealtimeClient::sendTyping(const QUuid &conversationId, bool typing)
{
    sendFrame(typing ? events::kTypingStart : events::kTypingStop,
              {{u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces)}});
}

void RealtimeClient::sendRead(const QUuid &conversationId, qint64 seq)
{
    sendFrame(
        events::kReceiptRead,
        {{u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces)}, {u"seq"_s, seq}});
}

void RealtimeClient::sendDelivered(const QUuid &conversationId, qint64 seq)
{
    sendFrame(
        events::kReceiptDelivered,
        {{u"conversation_id"_s, conversationId.toString(QUuid::WithoutBraces)}, {u"seq"_s, seq}});
}

void RealtimeClient::handleFrame(const QString &text)
{
    const QJsonObject frame = QJsonDocument::fromJson(text.toUtf8()).object();
    const QString type = frame.value(u"type"_s).toString();
    const QJsonObject data = frame.value(u"data"_s).toObject();
    m_pongDeadline.stop(); // any frame proves the connection is alive

    if (type == events::kAuthOk && m_authenticated) {
        return; // a renewal on the same socket: rooms and delivery state stay as they are
    }
    if (type == kAuthExpiring) {
        // Renew over REST and re-authenticate this socket, without reconnecting.
        m_api->refresh(this, [this](Status status) {
            if (status && m_authenticated)
                sendFrame(events::kAuth, {{u"token"_s, m_api->accessToken()}});
        });
        return;
    }
    if (type == events::kAuthOk) {
        qCInfo(lcRealtime) << "connected";
        m_authenticated = true;
        m_pingTimer.start();
        setState(State::Online);
        if (!m_room.isNull())
            joinRoom(m_room);
        Q_EMIT connected();
    } else if (type == events::kAck || type == events::kError) {
        const Pending pending = m_pending.take(frame.value(u"id"_s).toString());
        if (!pending.context)
            return;
        if (type == events::kAck)
            pending.callback(data);
        else
            pending.callback(ApiError::fromJson(frame.value(u"error"_s).toObject()));
    } else if (type == events::kMessageNew) {
        auto message = Message::fromJson(data.value(u"message"_s).toObject());
        if (!message) {
            qCWarning(lcRealtime) << "unreadable message.new:" << message.error().message;
            return;
        }
        // Ordering, duplicates and gaps are the conversation's Timeline's business.
        Q_EMIT messageReceived(*message);
    } else if (type == events::kMessageUpdated) {
        auto message = Message::fromJson(data.value(u"message"_s).toObject());
        if (message)
            Q_EMIT messageUpdated(*message);
        else
            qCWarning(lcRealtime) << "unreadable message.updated:" << message.error().message;
    } else if (type == events::kTyping) {
        Q_EMIT typingChanged(uuidOf(data, u"conversation_id"_s), uuidOf(data, u"user_id"_s),
                             data.value(u"state"_s).toString() == "start"_L1);
    } else if (type == events::kReceiptUpdated) {
        if (auto receipt = Receipt::fromJson(data))
            Q_EMIT receiptUpdated(*receipt);
    } else if (type == events::kRoomMemberJoined) {
        if (auto user = User::fromJson(data.value(u"user"_s).toObject()))
            Q_EMIT memberJoined(uuidOf(data, u"conversation_id"_s), *user);
    } else if (type == events::kRoomMemberLeft) {
        Q_EMIT memberLeft(uuidOf(data, u"conversation_id"_s), uuidOf(data, u"user_id"_s));
    } else if (type == events::kConversationNew) {
        if (auto conversation = Conversation::fromJson(data.value(u"conversation"_s).toObject()))
            Q_EMIT conversationAdded(*conversation);
    } else if (type == events::kConversationPreferences) {
        Q_EMIT preferencesChanged(uuidOf(data, u"conversation_id"_s),
                                  ConversationPreferences::fromJson(data));
    } else if (type == events::kPresence) {
        Q_EMIT presenceReceived(data);
    } else if (type == events::kPresencePrivacy) {
        Q_EMIT presencePrivacyChanged(data.value(u"hidden"_s).toBool());
    } else if (type == events::kPong) {
        // liveness only
    } else {
        qCDebug(lcRealtime) << "ignoring event" << type;
    }
}

} // namespace natter::desktop
