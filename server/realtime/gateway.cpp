// SPDX-License-Identifier: Apache-2.0
#include "realtime/gateway.h"

#include "auth/tokenservice.h"
#include "chat/historyjson.h"
#include "chat/sendwriter.h"
#include "db/dbpool.h"
#include "db/presencerepository.h"
#include "http/httprequest.h"
#include "http/httpserver.h"
#include "limits/ratelimiter.h"
#include "logging.h"
#include "metrics.h"
#include "natter/events.h"
#include "natter/jsonfields.h"
#include "natter/sendmessagerequest.h"
#include "natter/validation.h"
#include "realtime/endedsignins.h"
#include "realtime/eventlistener.h"
#include "realtime/eventpublisher.h"
#include "realtime/natsbus.h"
#include "realtime/presencetracker.h"

#include <QDateTime>
#include <QJsonArray>
#include <QPointer>
#include <QUrl>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::realtime {
namespace {

const QString kPath = u"/api/v1/ws"_s;
//! An upgrade's stashed token not claimed by a socket within this long is dropped.
constexpr qint64 kStashLifetimeMs = 10'000;
//! Connections of the gateway's reader pool.
constexpr int kReaderConnections = 3;
//! Requests a client may send before auth.ok; more are refused.
constexpr int kMaxEarlyFrames = 32;

QString peerKey(const QHostAddress &address, quint16 port)
{
    return address.toString() + u'|' + QString::number(port);
}

QString idText(const QUuid &id)
{
    return id.toString(QUuid::WithoutBraces);
}

} // namespace

Gateway::Gateway(DbPool &pool, const TokenService &tokens, RateLimiter &limiter,
                 QStringList allowedOrigins, GatewayOptions options, QObject *parent)
    : QObject(parent), m_pool(pool), m_tokens(tokens), m_limiter(limiter),
      m_allowedOrigins(std::move(allowedOrigins)), m_options(options),
      m_readerPool(std::make_unique<DbPool>(pool.settings(), kReaderConnections)),
      m_store(*m_readerPool), m_hub(m_store, m_options), m_admissions(m_store, m_hub, this),
      m_writerPool(std::make_unique<DbPool>(pool.settings(), 1)),
      m_writer(std::make_unique<chat::SendWriter>(*m_writerPool)), m_heartbeats(m_options)
{
    if (m_options.busUrl.isEmpty())
        m_bus = std::make_unique<EventListener>(pool.settings());
    else
        m_bus = std::make_unique<NatsBus>(m_options.busUrl, m_writer->origin());
    setEventBus(m_bus.get());
    m_hub.setOrigin(m_writer->origin());
    m_presencePool = std::make_unique<DbPool>(pool.settings(), 1);
    m_presence = std::make_unique<PresenceTracker>(*m_presencePool, m_writer->origin(),
                                                   PresenceTracker::Timing{});
    connect(m_writer.get(), &chat::SendWriter::committed, &m_hub, &Hub::onCommitted);
    connect(m_bus.get(), &EventBus::eventReceived, this, [this](const QJsonObject &event) {
        // Sign-ins ending concern sockets, not what they receive: handled here.
        const QString type = event.value(u"type"_s).toString();
        if (type == QLatin1StringView(kSessionRevoked))
            closeSession(QUuid::fromString(event.value(u"family_id"_s).toString()));
        else if (type == QLatin1StringView(kUserSessionsEnded))
            closeUserSockets(QUuid::fromString(event.value(u"user_id"_s).toString()));
        else
            m_hub.handleEvent(event);
    });
    connect(m_bus.get(), &EventBus::listening, &m_hub, &Hub::recover);
    connect(m_bus.get(), &EventBus::listening, this, &Gateway::closeEndedSignIns);
}

Gateway::~Gateway()
{
    shutdown();
    if (eventBus() == m_bus.get())
        setEventBus(nullptr);
}

void Gateway::attach(HttpServer &http, Metrics &metrics)
{
    http.setWebSocketPath(
        kPath, [this](const HttpRequest &request) { return checkUpgrade(request); },
        [this](HttpServer::TakenWebSocket taken) { takeSocket(std::move(taken)); });
    metrics.registerGauge(u"natter_ws_connections"_s, u"Authenticated WebSocket connections."_s,
                          [this] { return double(m_hub.connectionCount()); });
    // The pipeline's metrics exist from the start (docs/operations.md), zero until used.
    metrics.increment(u"natter_messages_sent_total"_s,
                      u"Messages stored by this process's group commit (socket sends)."_s, 0);
    metrics.declareHistogram(u"natter_send_seconds"_s,
                             u"From a send's arrival to its answer, after COMMIT."_s);
    metrics.declareHistogram(u"natter_fanout_lag_seconds"_s,
                             u"From a message's transaction start to its fan-out here."_s);
    metrics.declareHistogram(u"natter_db_wait_seconds"_s,
                             u"Time a database job waited for a free connection."_s);
    m_writer->setMetrics(&metrics);
    m_writerPool->setMetrics(&metrics);
    m_readerPool->setMetrics(&metrics);
    metrics.registerGauge(
        u"natter_db_queue_depth"_s,
        u"Database work waiting: pool jobs and sends for the next group commit."_s, [this] {
            return double(m_pool.queuedJobs() + m_readerPool->queuedJobs() +
                          m_writerPool->queuedJobs() + m_writer->queued());
        });
    m_hub.setMetrics(&metrics);
    metrics.registerGauge(u"natter_bus_up"_s,
                          u"1 when events of other processes reach this one (NATTER_BUS_URL)."_s,
                          [this] { return m_bus->isUp() ? 1 : 0; });
    m_bus->start();
    m_presence->start();
}

void Gateway::invalidateConnections()
{
    m_readerPool->invalidateConnections();
    m_writerPool->invalidateConnections();
    m_presencePool->invalidateConnections();
}

void Gateway::shutdown()
{
    const QSet<Connection *> connections = m_hub.connections();
    for (Connection *connection : connections)
        connection->closeWith(CloseCode::GoingAway, u"server shutting down"_s);
}

std::optional<ApiError> Gateway::checkUpgrade(const HttpRequest &request)
{
    // Browsers always send Origin; other clients (the desktop app) need not, and cannot be
    // tricked into using someone's cookies anyway: this endpoint only takes bearer tokens.
    const QByteArray origin = request.header("origin"_ba);
    if (!origin.isEmpty() && !m_allowedOrigins.contains(QString::fromLatin1(origin))) {
        logging::event(lcRealtime(), QtWarningMsg, u"upgrade refused: origin not allowed"_s,
                       {{u"request_id"_s, request.requestId}});
        return ApiError::forbidden(u"This origin may not open a socket here."_s);
    }
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    m_stashedTokens.removeIf(
        [now](const auto &entry) { return now - entry.value().stashedAtMs > kStashLifetimeMs; });
    const QByteArray authorization = request.header("authorization"_ba);
    const QString key = peerKey(request.remoteAddress, request.remotePort);
    // Each upgrade speaks for itself: what an earlier one on this address and port left (its
    // handshake failed after this check) must never authenticate a later connection, which
    // behind a proxy can come from the same 127.0.0.1 and, in time, the same port.
    m_stashedTokens.remove(key);
    if (!authorization.isEmpty()) {
        // A malformed header is remembered as such, so the socket is refused with 4001.
        const QString token = authorization.startsWith("Bearer ")
                                  ? QString::fromLatin1(authorization.mid(7).trimmed())
                                  : u"-"_s;
        m_stashedTokens.insert(key, {token.isEmpty() ? u"-"_s : token, now});
    }
    return std::nullopt;
}

void Gateway::takeSocket(HttpServer::TakenWebSocket taken)
{
    const StashedToken stashed = m_stashedTokens.take(peerKey(taken.peerAddress, taken.peerPort));
    auto *socket =
        new ws::WsSocket(taken.descriptor, taken.peerAddress, taken.peerPort, Frame::kMaxBytes);
    socket->send(taken.answer);
    auto *connection = new Connection(socket, m_options, m_heartbeats, this);
    m_heartbeats.add(connection);
    connect(connection, &Connection::frameReceived, this,
            [this, connection](const Frame &frame) { onFrame(connection, frame); });
    connect(connection, &Connection::closed, this, [this, connection] {
        m_heartbeats.remove(connection);
        m_earlyFrames.remove(connection);
        forgetSocket(connection);
        m_hub.remove(connection);
    });
    connection->start(taken.early);
    if (!stashed.token.isEmpty() && !connection->isClosing())
        authenticate(connection, stashed.token, {});
}

void Gateway::authenticate(Connection *connection, const QString &token, const QString &requestId)
{
    auto claims = m_tokens.verify(token, TokenKind::Access);
    if (!claims) {
        connection->sendError(requestId, claims.error());
        connection->closeWith(CloseCode::Unauthorized, u"invalid token"_s);
        return;
    }
    connection->authInProgress = true;
    // An access token outlives its sign-in by up to 15 minutes; a socket must not: the
    // admission checks that the sign-in still has an unrevoked refresh token, with the sockets
    // that arrived alongside.
    m_admissions.admit(
        {claims->userId, claims->family},
        [this, guard = QPointer<Connection>(connection), requestId,
         claims = claims.value()](const Result<Admission> &admission, quint64 loadedAt) {
            finishAuthentication(guard, claims, requestId, admission, loadedAt);
        });
}

void Gateway::finishAuthentication(Connection *connection, const TokenClaims &claims,
                                   const QString &requestId, const Result<Admission> &admission,
                                   quint64 loadedAt)
{
    if (!connection || connection->isClosing())
        return;
    connection->authInProgress = false;
    if (admission && admission->signInEnded) {
        connection->sendError(requestId, ApiError::unauthorized(u"This sign-in has ended."_s));
        connection->closeWith(CloseCode::SessionRevoked, u"signed out"_s);
        return;
    }
    const Result<SessionState> state = admission ? admission->session : admission.error();
    if (!state) {
        connection->sendError(requestId, state.error());
        if (state.error().code == ErrorCode::Unavailable)
            connection->closeWith(CloseCode::TryAgainLater, u"database unavailable"_s);
        else
            connection->closeWith(CloseCode::Unauthorized, u"account unavailable"_s);
        return;
    }
    connection->setUser(state->user);
    connection->setAuthentication(claims.expiresAt, claims.family);
    QJsonObject data{{u"user"_s, state->user.toJson()}};
    if (requestId.isEmpty())
        connection->send(Frame::event(QString(events::kAuthOk), data));
    else
        connection->send(Frame{QString(events::kAuthOk), requestId, data, std::nullopt});
    QPointer<Connection> guard(connection);
    m_hub.add(connection, state.value(), loadedAt);
    admitSocket(connection);
    const QList<Frame> early = m_earlyFrames.take(connection);
    for (const Frame &frame : early) {
        if (!guard || guard->isClosing())
            break;
        dispatch(guard, frame);
    }
}

void Gateway::onFrame(Connection *connection, const Frame &frame)
{
    if (connection->isAuthenticated()) {
        dispatch(connection, frame);
        return;
    }
    if (connection->authInProgress) {
        QList<Frame> &early = m_earlyFrames[connection];
        if (frame.type == events::kAuth || early.size() >= kMaxEarlyFrames)
            connection->sendError(frame.id, ApiError::badRequest(u"Wait for auth.ok."_s));
        else
            early.append(frame);
        return;
    }
    if (frame.type != events::kAuth) {
        connection->sendError(frame.id, ApiError::unauthorized(u"Authenticate first."_s));
        connection->closeWith(CloseCode::Unauthorized, u"authenticate first"_s);
        return;
    }
    const QJsonValue token = frame.data.value(u"token"_s);
    authenticate(connection, token.isString() ? token.toString() : QString(), frame.id);
}

void Gateway::dispatch(Connection *connection, const Frame &frame)
{
    const QString &type = frame.type;
    if (type == events::kPing) {
        connection->send(Frame{QString(events::kPong), frame.id, {}, std::nullopt});
    } else if (type == events::kRoomJoin) {
        roomJoin(connection, frame);
    } else if (type == events::kRoomLeave) {
        roomLeave(connection, frame);
    } else if (type == events::kMessageSend) {
        messageSend(connection, frame);
    } else if (type == events::kTypingStart || type == events::kTypingStop) {
        typing(connection, frame, type == events::kTypingStart);
    } else if (type == events::kReceiptRead) {
        receiptRead(connection, frame);
    } else if (type == events::kReceiptDelivered) {
        receiptDelivered(connection, frame);
    } else if (type == events::kTypingSubscribe) {
        m_hub.setTypingEverywhere(connection, frame.data.value(u"all"_s).toBool());
        if (!frame.id.isEmpty())
            connection->send(Frame::ack(frame.id));
    } else if (type == events::kPresenceWatch) {
        presenceWatch(connection, frame);
    } else if (type == events::kAuth) {
        renew(connection, frame);
    } else {
        connection->sendError(frame.id,
                              ApiError::badRequest(u"Unknown frame type \"%1\"."_s.arg(type)));
    }
}

void Gateway::renew(Connection *connection, const Frame &frame)
{
    // A fresh token on the same socket: nothing is reloaded, no subscription is lost.
    const QJsonValue token = frame.data.value(u"token"_s);
    auto claims =
        m_tokens.verify(token.isString() ? token.toString() : QString(), TokenKind::Access);
    if (!claims) {
        connection->sendError(frame.id, claims.error()); // the old token still holds
        return;
    }
    if (claims->userId != connection->userId()) {
        connection->sendError(frame.id,
                              ApiError::forbidden(u"A socket stays with the user it opened as."_s));
        return;
    }
    connection->setAuthentication(claims->expiresAt, claims->family);
    const QJsonObject data{{u"user"_s, connection->user().toJson()}};
    connection->send(Frame{QString(events::kAuthOk), frame.id, data, std::nullopt});
}

void Gateway::closeSession(const QUuid &family)
{
    if (family.isNull())
        return;
    const QSet<Connection *> connections = m_hub.connections();
    for (Connection *connection : connections) {
        if (connection->sessionFamily() == family)
            connection->closeWith(CloseCode::SessionRevoked, u"signed out"_s);
    }
}

void Gateway::closeEndedSignIns()
{
    QSet<QUuid> families;
    for (const Connection *connection : m_hub.connections()) {
        if (!connection->sessionFamily().isNull())
            families.insert(connection->sessionFamily());
    }
    if (families.isEmpty())
        return;
    endedSignIns(m_pool, families.values()).then(this, [this](const Result<QList<QUuid>> &ended) {
        // Unanswered: the next `listening` asks again; tokens expire meanwhile anyway.
        if (ended) {
            for (const QUuid &family : ended.value())
                closeSession(family);
        }
    });
}

void Gateway::closeUserSockets(const QUuid &userId)
{
    if (userId.isNull())
        return;
    const QSet<Connection *> connections = m_hub.connections();
    for (Connection *connection : connections) {
        if (connection->userId() == userId)
            connection->closeWith(CloseCode::SessionRevoked, u"signed out"_s);
    }
}

void Gateway::admitSocket(Connection *connection)
{
    QList<QPointer<Connection>> &sockets = m_socketsByUser[connection->userId()];
    sockets.removeIf([](const QPointer<Connection> &socket) { return !socket; });
    if (sockets.isEmpty())
        m_presence->connected(connection->userId());
    sockets.append(connection);
    // One user's tabs and devices are many, but not thousands: the oldest make way.
    while (sockets.size() > m_options.maxSocketsPerUser) {
        const QPointer<Connection> oldest = sockets.takeFirst();
        if (oldest)
            oldest->closeWith(CloseCode::Flood, u"too many sockets for this user"_s);
    }
}

void Gateway::forgetSocket(Connection *connection)
{
    auto sockets = m_socketsByUser.find(connection->userId());
    if (sockets == m_socketsByUser.end())
        return;
    sockets->removeIf([connection](const QPointer<Connection> &socket) {
        return !socket || socket == connection;
    });
    if (sockets->isEmpty()) {
        m_socketsByUser.erase(sockets);
        m_presence->disconnected(connection->userId());
    }
}

std::optional<QUuid> Gateway::memberConversation(Connection *connection, const Frame &frame)
{
    auto text = JsonFields(frame.data).requiredString(u"conversation_id"_s);
    if (!text) {
        connection->sendError(frame.id, text.error());
        return std::nullopt;
    }
    auto id = validation::uuid(u"conversation_id"_s, text.value());
    if (!id) {
        connection->sendError(frame.id, id.error());
        return std::nullopt;
    }
    if (!m_hub.isMember(connection, id.value())) {
        connection->sendError(frame.id, ApiError::notFound(u"No such conversation."_s));
        return std::nullopt;
    }
    return id.value();
}

void Gateway::roomJoin(Connection *connection, const Frame &frame)
{
    auto afterSeq = JsonFields(frame.data).optionalInteger(u"after_seq"_s);
    if (!afterSeq) {
        connection->sendError(frame.id, afterSeq.error());
        return;
    }
    if (afterSeq.value() && *afterSeq.value() < 0) {
        connection->sendError(frame.id,
                              ApiError::validation(u"after_seq"_s, u"must be 0 or more"_s));
        return;
    }
    auto changesAfter = JsonFields(frame.data).optionalInteger(u"changes_after"_s);
    if (!changesAfter) {
        connection->sendError(frame.id, changesAfter.error());
        return;
    }
    if (changesAfter.value() && *changesAfter.value() < 0) {
        connection->sendError(frame.id,
                              ApiError::validation(u"changes_after"_s, u"must be 0 or more"_s));
        return;
    }
    const auto conversationId = memberConversation(connection, frame);
    if (!conversationId)
        return;
    const qint64 maxSeq = afterSeq.value() ? *afterSeq.value() : -1;
    m_hub.join(connection, *conversationId, afterSeq.value(),
               [this, guard = QPointer<Connection>(connection), id = frame.id,
                conversationId = *conversationId, changesAfter = changesAfter.value(),
                maxSeq](qint64 lastSeq) {
                   if (!guard)
                       return;
                   QJsonObject ack{{u"conversation_id"_s, idText(conversationId)},
                                   {u"last_seq"_s, lastSeq}};
                   if (!changesAfter) {
                       if (!id.isEmpty())
                           guard->send(Frame::ack(id, ack));
                       return;
                   }
                   // Then the changes to the messages the client already held (the replay brought
                   // the newer ones as they are now).
                   m_hub.catchUpChanges(guard, conversationId, *changesAfter, maxSeq,
                                        [guard, id, ack](qint64 lastRev) mutable {
                                            if (!guard)
                                                return;
                                            if (lastRev < 0) {
                                                guard->sendError(id, ApiError::unavailable());
                                                return;
                                            }
                                            ack.insert(u"last_rev"_s, lastRev);
                                            if (!id.isEmpty())
                                                guard->send(Frame::ack(id, ack));
                                        });
               });
}

void Gateway::roomLeave(Connection *connection, const Frame &frame)
{
    const auto conversationId = memberConversation(connection, frame);
    if (!conversationId)
        return;
    m_hub.leave(connection, *conversationId);
    if (!frame.id.isEmpty())
        connection->send(Frame::ack(frame.id));
}

void Gateway::messageSend(Connection *connection, const Frame &frame)
{
    const auto budget =
        m_limiter.take(Limit::Send, RateLimiter::userKey(idText(connection->userId())));
    if (!budget.allowed) {
        connection->sendError(frame.id, ApiError::rateLimited(budget.retryAfterSeconds));
        return;
    }
    if (m_writer->queued() >= m_options.maxQueuedDbJobs) {
        // Shed, as REST does (503): the client retries; the queue does not grow without bound.
        connection->sendError(
            frame.id,
            ApiError{ErrorCode::Unavailable, u"The server is busy; try again shortly."_s, {}});
        return;
    }
    // The same parse as REST's (natter::SendMessageRequest); the rules that need the database
    // are checked by the batch statement that stores the message.
    auto request = SendMessageRequest::fromJson(frame.data);
    if (!request) {
        connection->sendError(frame.id, request.error());
        return;
    }
    const auto conversationId = memberConversation(connection, frame);
    if (!conversationId)
        return;
    m_writer->submit(connection->user(), *conversationId, request.value(),
                     [guard = QPointer<Connection>(connection),
                      id = frame.id](const Result<chat::SendOutcome> &sent) {
                         if (!guard)
                             return;
                         if (!sent)
                             guard->sendError(id, sent.error());
                         else if (!id.isEmpty())
                             guard->sendText(
                                 chat::encodeMessageFrame(events::kAck, id, sent->message));
                     });
}

void Gateway::typing(Connection *connection, const Frame &frame, bool start)
{
    const auto conversationId = memberConversation(connection, frame);
    if (!conversationId)
        return;
    RoomState &room = connection->rooms[*conversationId];
    // Clients repeat typing.start while the user types; pass one on per throttle interval. A
    // stop passes only when a start did, and does not reset the interval: alternating start
    // and stop costs one pair per interval, not one notification per frame.
    const bool forward = start ? !room.lastTypingStart.isValid() ||
                                     room.lastTypingStart.elapsed() >= m_options.typingThrottleMs
                               : room.typingShown;
    if (forward) {
        if (start)
            room.lastTypingStart.start();
        room.typingShown = start;
        (void)m_store.publishTyping(*conversationId, connection->userId(), start);
    }
    if (!frame.id.isEmpty())
        connection->send(Frame::ack(frame.id));
}

std::optional<qint64> Gateway::receiptSeq(Connection *connection, const Frame &frame)
{
    auto seq = JsonFields(frame.data).requiredInteger(u"seq"_s);
    if (!seq) {
        connection->sendError(frame.id, seq.error());
        return std::nullopt;
    }
    if (seq.value() < 0) {
        connection->sendError(frame.id, ApiError::validation(u"seq"_s, u"must be 0 or more"_s));
        return std::nullopt;
    }
    return seq.value();
}

void Gateway::receiptDelivered(Connection *connection, const Frame &frame)
{
    const auto seq = receiptSeq(connection, frame);
    if (!seq)
        return;
    const auto conversationId = memberConversation(connection, frame);
    if (!conversationId)
        return;
    // Batched with every other socket's acknowledgements; the store clamps and announces.
    m_hub.raiseDelivered(*conversationId, connection->userId(), *seq);
    if (!frame.id.isEmpty())
        connection->send(Frame::ack(frame.id));
}

void Gateway::receiptRead(Connection *connection, const Frame &frame)
{
    const auto seq = receiptSeq(connection, frame);
    if (!seq)
        return;
    const auto conversationId = memberConversation(connection, frame);
    if (!conversationId)
        return;
    m_store.markRead(connection->user(), *conversationId, *seq)
        .then(this,
              [guard = QPointer<Connection>(connection), id = frame.id](const Result<Done> &done) {
                  if (!guard)
                      return;
                  if (!done)
                      guard->sendError(id, done.error());
                  else if (!id.isEmpty())
                      guard->send(Frame::ack(id));
              });
}

void Gateway::presenceWatch(Connection *connection, const Frame &frame)
{
    constexpr qsizetype kMaxWatched = 500;
    const QJsonArray ids = frame.data.value(u"user_ids"_s).toArray();
    if (!frame.data.value(u"user_ids"_s).isArray() || ids.size() > kMaxWatched) {
        connection->sendError(
            frame.id, ApiError::validation(u"user_ids"_s,
                                           u"must be a list of at most %1 ids"_s.arg(kMaxWatched)));
        return;
    }
    QList<QUuid> userIds;
    for (const QJsonValue &value : ids) {
        const QUuid id = QUuid::fromString(value.toString());
        if (id.isNull()) {
            connection->sendError(frame.id,
                                  ApiError::validation(u"user_ids"_s, u"must be user ids"_s));
            return;
        }
        userIds.append(id);
    }
    const QPointer<Connection> guard(connection);
    m_readerPool
        ->run<PresenceRepository::Visible>(
            [viewer = connection->userId(), userIds](QSqlDatabase &db) {
                return PresenceRepository(db).visibleTo(viewer, userIds);
            })
        .then(this,
              [this, guard, id = frame.id](const Result<PresenceRepository::Visible> &visible) {
                  if (!guard)
                      return;
                  if (!visible) {
                      guard->sendError(id, visible.error());
                      return;
                  }
                  QJsonArray states;
                  for (const PresenceState &state : visible->states)
                      states.append(state.toJson());
                  // Those hiding it are watched too: they are heard of again if they show it.
                  m_hub.watchPresence(guard, visible->watchable);
                  if (!id.isEmpty())
                      guard->send(Frame::ack(
                          id, {{u"presence"_s, states}, {u"hidden"_s, visible->viewerHidden}}));
              });
}

} // namespace natter::server::realtime
