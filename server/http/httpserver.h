// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httplimits.h"
#include "http/router.h"

#include <QAbstractHttpServer>
#include <QHostAddress>
#include <QPointer>

#include <functional>
#include <memory>

class QHttpServerResponder;
class QTcpSocket;

namespace natter::server {

class Metrics;
class RequestSizeGuard;
class StreamedRequests;

//! Natter's one wrapper around Qt's HTTP server. Qt 6.4's QHttpServer was a technical preview
//! whose API changed in every later release, so nothing else in the tree includes it: handlers
//! see HttpRequest/HttpReply values, answer with a QFuture (so database work runs on worker
//! threads), and this class writes the reply on the socket's thread with the request id,
//! access log line and metrics every response gets.
class HttpServer final : public QAbstractHttpServer
{
    Q_OBJECT

public:
    //! Decides whether a WebSocket upgrade on the registered path is accepted; a refusal is
    //! answered with the returned error.
    using UpgradeCheck = std::function<std::optional<ApiError>(const HttpRequest &)>;
    //! An accepted WebSocket upgrade, taken away from Qt's HTTP server (and from QWebSocket,
    //! which costs about 22 KB per idle socket): the connected descriptor, now the taker's
    //! to close; the peer; the 101 answer to write first; bytes that came after the request.
    struct TakenWebSocket
    {
        int descriptor = -1;
        QHostAddress peerAddress;
        quint16 peerPort = 0;
        QByteArray answer;
        QByteArray early;
    };
    using WebSocketTaker = std::function<void(TakenWebSocket)>;

    HttpServer(Metrics &metrics, HttpLimits limits, QObject *parent = nullptr);
    ~HttpServer() override;

    [[nodiscard]] Router &router() { return m_router; }
    //! Called for a GET/HEAD that matched no route outside `/api/` (the web app).
    void setFallback(HttpHandler handler) { m_fallback = std::move(handler); }
    //! Upgrades on `path` that pass `check` and are valid RFC 6455 handshakes go to `take`.
    void setWebSocketPath(const QString &path, UpgradeCheck check, WebSocketTaker take);
    //! Requests read at the socket instead of by Qt's server (uploads, see StreamedRequests).
    void setStreamedRequests(StreamedRequests *streamed);
    //! A header every response carries (Strict-Transport-Security on an https deployment).
    void addResponseHeader(const QByteArray &name, const QByteArray &value);

    //! Whether other processes may listen on the same port (see sharedport.h).
    enum class PortUse
    {
        Exclusive,
        Shared
    };
    //! Listens on address:port (port 0 picks a free one); false when the port is taken.
    [[nodiscard]] bool listenOn(const QHostAddress &address, quint16 port,
                                PortUse use = PortUse::Exclusive);
    [[nodiscard]] quint16 port() const;
    void stopListening();

protected:
    bool handleRequest(const QHttpServerRequest &request, QTcpSocket *socket) override;
    void missingHandler(const QHttpServerRequest &request, QTcpSocket *socket) override;

private:
    struct PendingReply;

    bool handleUpgrade(const HttpRequest &request, const QHttpServerRequest &raw,
                       QTcpSocket *socket);
    //! The handshake's own faults (version, key), as QWebSocketServer refused them.
    [[nodiscard]] static std::optional<HttpReply> handshakeFault(const HttpRequest &request);
    void takeWebSocket(const HttpRequest &request, QTcpSocket *socket);
    void dispatch(HttpRequest request, std::shared_ptr<PendingReply> pending);
    //! Records and logs the reply, then sends it (a 429 after a short delay).
    void write(const std::shared_ptr<PendingReply> &pending, HttpReply reply);
    void send(const std::shared_ptr<PendingReply> &pending, const HttpReply &reply);

    Metrics &m_metrics;
    Router m_router;
    HttpHandler m_fallback;
    QString m_webSocketPath;
    UpgradeCheck m_upgradeCheck;
    WebSocketTaker m_webSocketTaker;
    //! The socket of the upgrade just refused or taken: Qt's server calls missingHandler() for
    //! it next, which must then write nothing.
    QTcpSocket *m_answeredUpgrade = nullptr;
    QList<QPair<QByteArray, QByteArray>> m_responseHeaders;
    RequestSizeGuard *m_listener = nullptr;
};

} // namespace natter::server
