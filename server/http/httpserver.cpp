// SPDX-License-Identifier: Apache-2.0
#include "http/httpserver.h"

#include "http/bodypump.h"
#include "http/requesthead.h"
#include "http/requestsizeguard.h"
#include "http/sharedport.h"
#include "logging.h"
#include "metrics.h"
#include "realtime/ws/wsframing.h"

#include <QElapsedTimer>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTimer>
#include <QUuid>

#include <fcntl.h>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

namespace {

//! How long a 429 answer is held back (see write()).
constexpr int kRefusalDelayMs = 500;

} // namespace

QString requestIdFor(const QByteArray &incoming)
{
    static const QRegularExpression sane(u"^[A-Za-z0-9._:-]{1,128}$"_s);
    const QString candidate = QString::fromLatin1(incoming);
    if (sane.match(candidate).hasMatch())
        return candidate;
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

struct HttpServer::PendingReply
{
    QHttpServerResponder responder;
    QPointer<QTcpSocket> socket;
    QElapsedTimer timer;
    QString method;
    QString route;
    QString path;
    QString requestId;
};

namespace {

QString methodName(QHttpServerRequest::Method method)
{
    switch (method) {
    case QHttpServerRequest::Method::Get:
        return u"GET"_s;
    case QHttpServerRequest::Method::Put:
        return u"PUT"_s;
    case QHttpServerRequest::Method::Delete:
        return u"DELETE"_s;
    case QHttpServerRequest::Method::Post:
        return u"POST"_s;
    case QHttpServerRequest::Method::Head:
        return u"HEAD"_s;
    case QHttpServerRequest::Method::Options:
        return u"OPTIONS"_s;
    case QHttpServerRequest::Method::Patch:
        return u"PATCH"_s;
    default:
        return u"OTHER"_s;
    }
}

HttpRequest toHttpRequest(const QHttpServerRequest &raw)
{
    HttpRequest request;
    request.method = methodName(raw.method());
    request.path = raw.url().path(QUrl::FullyEncoded);
    request.query = QUrlQuery(raw.url());
    request.body = raw.body();
    const auto headers = raw.headers();
    for (const auto &[name, value] : headers)
        request.headers.insert(name.toLower(), value);
    request.requestId = requestIdFor(request.header("x-request-id"_ba));
    request.remoteAddress = raw.remoteAddress();
    return request;
}

bool isWebSocketUpgrade(const HttpRequest &request)
{
    return request.header("upgrade"_ba).compare("websocket"_ba, Qt::CaseInsensitive) == 0;
}

} // namespace

HttpServer::HttpServer(Metrics &metrics, HttpLimits limits, QObject *parent)
    : QAbstractHttpServer(parent), m_metrics(metrics),
      m_listener(new RequestSizeGuard(limits, this))
{}

HttpServer::~HttpServer() = default;

void HttpServer::setWebSocketPath(const QString &path, UpgradeCheck check, WebSocketTaker take)
{
    m_webSocketPath = path;
    m_upgradeCheck = std::move(check);
    m_webSocketTaker = std::move(take);
}

void HttpServer::setStreamedRequests(StreamedRequests *streamed)
{
    m_listener->setStreamedRequests(streamed);
}

void HttpServer::addResponseHeader(const QByteArray &name, const QByteArray &value)
{
    m_responseHeaders.append({name, value});
}

bool HttpServer::listenOn(const QHostAddress &address, quint16 port, PortUse use)
{
    if (use == PortUse::Shared) {
        const auto descriptor = openSharedPort(address, port, m_listener->listenBacklogSize());
        if (!descriptor || !m_listener->setSocketDescriptor(*descriptor))
            return false;
    } else if (!m_listener->listen(address, port)) {
        return false;
    }
    bind(m_listener);
    return true;
}

quint16 HttpServer::port() const
{
    return m_listener->serverPort();
}

void HttpServer::stopListening()
{
    m_listener->close();
}

bool HttpServer::handleRequest(const QHttpServerRequest &raw, QTcpSocket *socket)
{
    HttpRequest request = toHttpRequest(raw);
    request.remotePort = socket->peerPort();
    if (isWebSocketUpgrade(request))
        return handleUpgrade(request, raw, socket);

    auto pending = std::shared_ptr<PendingReply>(new PendingReply{makeResponder(raw, socket),
                                                                  socket,
                                                                  {},
                                                                  request.method,
                                                                  {},
                                                                  request.path,
                                                                  request.requestId});
    pending->timer.start();
    dispatch(std::move(request), pending);
    return true;
}

void HttpServer::missingHandler(const QHttpServerRequest &raw, QTcpSocket *socket)
{
    if (socket == std::exchange(m_answeredUpgrade, nullptr))
        return; // an upgrade answered or taken in handleUpgrade(): nothing more to write
    HttpRequest request = toHttpRequest(raw);
    auto pending = std::shared_ptr<PendingReply>(new PendingReply{makeResponder(raw, socket),
                                                                  socket,
                                                                  {},
                                                                  request.method,
                                                                  u"unmatched"_s,
                                                                  request.path,
                                                                  request.requestId});
    pending->timer.start();
    write(pending, HttpReply::error(ApiError::notFound(u"No such endpoint."_s)));
}

bool HttpServer::handleUpgrade(const HttpRequest &request, const QHttpServerRequest &raw,
                               QTcpSocket *socket)
{
    std::optional<HttpReply> refusal;
    if (request.path != m_webSocketPath || !m_upgradeCheck || !m_webSocketTaker) {
        refusal = HttpReply::error(ApiError::notFound(u"No WebSocket endpoint here."_s));
    } else if (const auto error = m_upgradeCheck(request)) {
        refusal = HttpReply::error(*error);
    } else if (auto fault = handshakeFault(request)) {
        refusal = std::move(fault);
    } else {
        takeWebSocket(request, socket);
        // False makes Qt's server call missingHandler() (which writes nothing for it) and
        // close its own descriptor; true would give the socket to its QWebSocketServer.
        return false;
    }
    auto pending = std::shared_ptr<PendingReply>(new PendingReply{makeResponder(raw, socket),
                                                                  socket,
                                                                  {},
                                                                  request.method,
                                                                  m_webSocketPath,
                                                                  request.path,
                                                                  request.requestId});
    pending->timer.start();
    write(pending, std::move(*refusal));
    m_answeredUpgrade = socket;
    return false;
}

std::optional<HttpReply> HttpServer::handshakeFault(const HttpRequest &request)
{
    if (request.header("sec-websocket-version"_ba).trimmed() != "13"_ba) {
        HttpReply reply =
            HttpReply::error(ApiError::badRequest(u"Only WebSocket version 13 is spoken here."_s));
        reply.status = 426; // Upgrade Required, naming the version we speak (RFC 6455, 4.4)
        reply.withHeader("Sec-WebSocket-Version"_ba, "13"_ba);
        return reply;
    }
    if (!realtime::ws::isValidClientKey(request.header("sec-websocket-key"_ba).trimmed()) ||
        !request.header("connection"_ba).toLower().contains("upgrade"_ba) ||
        request.method != u"GET")
        return HttpReply::error(ApiError::badRequest(u"Not a valid WebSocket handshake."_s));
    return std::nullopt;
}

void HttpServer::takeWebSocket(const HttpRequest &request, QTcpSocket *socket)
{
    TakenWebSocket taken;
    // A second descriptor of the same connection: when Qt's socket closes its own right after,
    // the kernel sends nothing (no FIN), and the connection lives on in ours.
    taken.descriptor = ::fcntl(int(socket->socketDescriptor()), F_DUPFD_CLOEXEC, 0);
    if (taken.descriptor < 0) {
        logging::event(lcHttp(), QtWarningMsg, u"upgrade dropped: no descriptor left"_s,
                       {{u"request_id"_s, request.requestId}});
        m_answeredUpgrade = socket;
        socket->abort();
        return;
    }
    taken.peerAddress = socket->peerAddress();
    taken.peerPort = socket->peerPort();
    taken.answer = realtime::ws::handshakeAnswer(request.header("sec-websocket-key"_ba).trimmed());
    // Qt's parser read everything buffered; the request's own transaction gives it back, so
    // frames a client sent right behind its request are not lost.
    if (socket->isTransactionStarted()) {
        socket->rollbackTransaction();
        const QByteArray buffered = socket->readAll();
        const qsizetype headEnd = requestHeadEnd(buffered);
        if (headEnd >= 0)
            taken.early = buffered.mid(headEnd);
    }
    m_answeredUpgrade = socket;
    // Closes Qt's descriptor (its notifiers go first, so its event loop forgets it) and no
    // more: the bytes from now on are read from ours.
    socket->abort();
    m_webSocketTaker(std::move(taken));
}

void HttpServer::dispatch(HttpRequest request, std::shared_ptr<PendingReply> pending)
{
    const Router::Outcome outcome = m_router.match(request.method, request.path);
    HttpHandler handler;
    if (const auto *match = std::get_if<Router::Match>(&outcome)) {
        request.params = match->params;
        request.route = match->route->pattern;
        handler = match->route->handler;
    } else if (const auto *notAllowed = std::get_if<Router::MethodNotAllowed>(&outcome);
               notAllowed && !request.path.startsWith(u"/api/v1/admin/")) {
        // (An admin path answers a wrong method with the 404 below: a 405 with `Allow` would
        // tell anyone that the admin API exists; http/adminroutes.h.)
        pending->route = u"unmatched"_s;
        HttpReply reply =
            HttpReply::error({ErrorCode::MethodNotAllowed,
                              u"This endpoint does not accept %1."_s.arg(request.method),
                              {}});
        reply.withHeader("Allow"_ba, notAllowed->allowed.join(u", "_s).toLatin1());
        write(pending, std::move(reply));
        return;
    } else if (m_fallback && (request.method == u"GET" || request.method == u"HEAD") &&
               !request.path.startsWith(u"/api/")) {
        request.route = u"static"_s;
        handler = m_fallback;
    } else {
        pending->route = u"unmatched"_s;
        write(pending, HttpReply::error(ApiError::notFound(u"No such endpoint."_s)));
        return;
    }
    pending->route = request.route;

    QFuture<HttpReply> future = handler(request);
    future.then(this, [this, pending](HttpReply reply) { write(pending, std::move(reply)); })
        .onFailed(this, [this, pending] {
            logging::event(lcHttp(), QtCriticalMsg, u"handler failed"_s,
                           {{u"request_id"_s, pending->requestId}, {u"route"_s, pending->route}});
            write(pending, HttpReply::error(ApiError::internal()));
        });
}

void HttpServer::write(const std::shared_ptr<PendingReply> &pending, HttpReply reply)
{
    const double seconds = double(pending->timer.nsecsElapsed()) / 1e9;
    m_metrics.recordRequest(pending->method, pending->route, reply.status, seconds);
    // A flood refused with 429 would otherwise write thousands of lines a second: the limiter
    // logs once when a client runs dry, the metrics count every refusal.
    if (reply.status != 429)
        logging::event(lcHttp(), reply.status >= 500 ? QtWarningMsg : QtInfoMsg, u"request"_s,
                       {{u"request_id"_s, pending->requestId},
                        {u"method"_s, pending->method},
                        {u"path"_s, pending->path},
                        {u"route"_s, pending->route},
                        {u"status"_s, reply.status},
                        {u"duration_ms"_s, seconds * 1000.0}});
    if (reply.status == 429) {
        // A refused client waits a moment for its answer: a flood over a few kept-alive
        // connections then costs the server a timer per request instead of all its time,
        // and people who ran into a limit are not hurt by a second's delay.
        QTimer::singleShot(kRefusalDelayMs, this,
                           [this, pending, reply = std::move(reply)] { send(pending, reply); });
        return;
    }
    send(pending, reply);
}

void HttpServer::send(const std::shared_ptr<PendingReply> &pending, const HttpReply &reply)
{
    if (!pending->socket)
        return; // the client went away while we worked
    std::unique_ptr<QIODevice> bodyDevice;
    if (reply.openBody) {
        bodyDevice = reply.openBody();
        if (!bodyDevice) {
            // The row was there but the file is gone (a sweep in between): as if never there.
            HttpReply missing = HttpReply::error(ApiError::notFound(u"No such file."_s));
            return send(pending, missing);
        }
    }

    QHttpServerResponder &responder = pending->responder;
    responder.writeStatusLine(static_cast<QHttpServerResponder::StatusCode>(reply.status));
    responder.writeHeader("X-Request-Id"_ba, pending->requestId.toLatin1());
    responder.writeHeader("X-Content-Type-Options"_ba, "nosniff"_ba);
    if (!reply.contentType.isEmpty())
        responder.writeHeader("Content-Type"_ba, reply.contentType);
    if (reply.headerValue("Cache-Control"_ba).isEmpty())
        responder.writeHeader("Cache-Control"_ba, "no-store"_ba);
    for (const auto &[name, value] : std::as_const(m_responseHeaders))
        responder.writeHeader(name, value);
    for (const auto &[name, value] : std::as_const(reply.headers))
        responder.writeHeader(name, value);
    const qint64 length = bodyDevice ? bodyDevice->size() : reply.body.size();
    responder.writeHeader("Content-Length"_ba, QByteArray::number(length));
    if (bodyDevice) {
        responder.writeBody(QByteArray()); // ends the headers
        if (pending->method != u"HEAD")
            new BodyPump(pending->socket, std::move(bodyDevice));
    } else if (pending->method != u"HEAD")
        responder.writeBody(reply.body);
    else
        responder.writeBody(QByteArray());
}

} // namespace natter::server
