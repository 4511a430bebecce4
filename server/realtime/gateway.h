// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httpserver.h"
#include "natter/frame.h"
#include "realtime/gatewayoptions.h"
#include "realtime/heartbeats.h"
#include "realtime/hub.h"
#include "realtime/realtimestore.h"
#include "realtime/socketadmissions.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QStringList>

#include <memory>
#include <optional>

namespace natter::server {
class DbPool;
class HttpServer;
class Metrics;
class RateLimiter;
class TokenService;
struct HttpRequest;
struct TokenClaims;
} // namespace natter::server

namespace natter::server::chat {
class SendWriter;
}

namespace natter::server::realtime {

class EventBus;
class PresenceTracker;

//! The WebSocket endpoint `/api/v1/ws`: accepts upgrades from allowed origins, authenticates
//! sockets (header or first frame), answers client requests, and feeds the hub with what the
//! listener hears. See docs/protocol.md for the protocol as clients see it.
class Gateway final : public QObject
{
    Q_OBJECT

public:
    Gateway(DbPool &pool, const TokenService &tokens, RateLimiter &limiter,
            QStringList allowedOrigins, GatewayOptions options, QObject *parent = nullptr);
    ~Gateway() override;

    //! Serves the endpoint on `http` and starts listening for events.
    void attach(HttpServer &http, Metrics &metrics);
    //! Closes every socket with 1001 (going away): clients reconnect to another process.
    void shutdown();
    //! The database restarted or went away: the gateway's own connections (readers, writer)
    //! reconnect before their next job, as the shared pool's do (DbMonitor).
    void invalidateConnections();

private:
    [[nodiscard]] std::optional<ApiError> checkUpgrade(const HttpRequest &request);
    //! A socket upgraded on kPath becomes a Connection (authenticated at once when its upgrade
    //! carried a bearer token).
    void takeSocket(HttpServer::TakenWebSocket taken);
    void authenticate(Connection *connection, const QString &token, const QString &requestId);
    //! The second half of authenticate(), once the batch that checked the sign-in answered.
    void finishAuthentication(Connection *connection, const TokenClaims &claims,
                              const QString &requestId, const Result<Admission> &admission,
                              quint64 loadedAt);
    void onFrame(Connection *connection, const Frame &frame);
    void dispatch(Connection *connection, const Frame &frame);
    //! `auth` on an authenticated socket: a fresh token for the same user extends its life.
    void renew(Connection *connection, const Frame &frame);
    //! Closes every socket of sign-in `family` here with 4003.
    void closeSession(const QUuid &family);
    //! After the bus was deaf: closes sockets of sign-ins that ended meanwhile (a lost
    //! `session.revoked`).
    void closeEndedSignIns();
    //! Closes every socket of `userId` with 4003 (suspended, account deleted).
    void closeUserSockets(const QUuid &userId);
    //! Counts an authenticated socket against its user's cap, closing the oldest past it.
    void admitSocket(Connection *connection);
    void forgetSocket(Connection *connection);

    void roomJoin(Connection *connection, const Frame &frame);
    void roomLeave(Connection *connection, const Frame &frame);
    void messageSend(Connection *connection, const Frame &frame);
    void typing(Connection *connection, const Frame &frame, bool start);
    void receiptRead(Connection *connection, const Frame &frame);
    //! `presence.watch {"user_ids"}`: answered with what the user may see of them now.
    void presenceWatch(Connection *connection, const Frame &frame);
    //! `receipt.delivered`: the client holds every message up to `seq`.
    void receiptDelivered(Connection *connection, const Frame &frame);
    //! The `seq` of a receipt frame, or nullopt after answering the client's mistake.
    std::optional<qint64> receiptSeq(Connection *connection, const Frame &frame);
    //! The conversation a request names, when the caller is a member; else answers the error.
    [[nodiscard]] std::optional<QUuid> memberConversation(Connection *connection,
                                                          const Frame &frame);

    struct StashedToken
    {
        QString token;
        qint64 stashedAtMs = 0;
    };

    DbPool &m_pool;
    const TokenService &m_tokens;
    //! Shared with REST: a message costs the same budget whichever way it comes.
    RateLimiter &m_limiter;
    QStringList m_allowedOrigins;
    GatewayOptions m_options;
    //! Connections of the sockets' own reads (authentication, catch-up, receipts), so a
    //! reconnect storm never queues behind REST work on the shared pool, nor behind sends.
    std::unique_ptr<DbPool> m_readerPool;
    RealtimeStore m_store;
    Hub m_hub;
    SocketAdmissions m_admissions;
    //! Group commit of socket sends, on a connection of its own.
    std::unique_ptr<DbPool> m_writerPool;
    std::unique_ptr<chat::SendWriter> m_writer;
    //! One timer for every socket's heartbeat.
    Heartbeats m_heartbeats;
    //! How events of every process reach this one: PostgreSQL (default) or NATS.
    std::unique_ptr<EventBus> m_bus;
    //! Bearer tokens of upgrade requests by "address:port", until their socket arrives.
    QHash<QString, StashedToken> m_stashedTokens;
    //! Frames that came while a socket's token was being checked, answered after auth.ok.
    QHash<Connection *, QList<Frame>> m_earlyFrames;
    //! Authenticated sockets per user, oldest first.
    QHash<QUuid, QList<QPointer<Connection>>> m_socketsByUser;
    // The tracker before its pool, so the pool goes first: its destructor joins the worker, and a
    // heartbeat still running then finishes while the tracker (the context of its continuation)
    // is alive. The other order aborted tst_apidocs under ASan (Qt 6.4 asserts on a dead context).
    std::unique_ptr<PresenceTracker> m_presence;
    std::unique_ptr<DbPool> m_presencePool;
};

} // namespace natter::server::realtime
