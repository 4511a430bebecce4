// SPDX-License-Identifier: Apache-2.0
#include "uploads/uploadconnection.h"

#include "chat/groupavatar.h"
#include "db/dbpool.h"
#include "db/uploadrepository.h"
#include "http/apicontext.h"
#include "logging.h"
#include "metrics.h"
#include "uploads/avatarrecord.h"
#include "uploads/filestore.h"
#include "uploads/imageformat.h"
#include "uploads/uploadintake.h"

#include <QJsonDocument>
#include <QPointer>
#include <QtConcurrent>
#include <QTcpSocket>

using namespace Qt::Literals::StringLiterals;

namespace natter::server::uploads {
namespace {

constexpr int kLingerMs = 1000;
constexpr qint64 kReadBufferBytes = 256 * 1024;

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK"_ba;
    case 201:
        return "Created"_ba;
    case 400:
        return "Bad Request"_ba;
    case 401:
        return "Unauthorized"_ba;
    case 403:
        return "Forbidden"_ba;
    case 404:
        return "Not Found"_ba;
    case 408:
        return "Request Timeout"_ba;
    case 411:
        return "Length Required"_ba;
    case 413:
        return "Payload Too Large"_ba;
    case 415:
        return "Unsupported Media Type"_ba;
    case 429:
        return "Too Many Requests"_ba;
    case 503:
        return "Service Unavailable"_ba;
    default:
        return "Error"_ba;
    }
}

//! The request head as our handlers see requests (method upper-case, path, query, headers).
HttpRequest parseHead(const QByteArray &head, QTcpSocket *socket)
{
    HttpRequest request;
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> requestLine = lines.value(0).trimmed().split(' ');
    request.method = QString::fromLatin1(requestLine.value(0)).toUpper();
    const QByteArray target = requestLine.value(1);
    const qsizetype question = target.indexOf('?');
    request.path = QString::fromLatin1(question < 0 ? target : target.left(question));
    if (question >= 0)
        request.query = QUrlQuery(QString::fromUtf8(target.mid(question + 1)));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines[i].trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            continue;
        request.headers.insert(line.left(colon).trimmed().toLower(), line.mid(colon + 1).trimmed());
    }
    request.requestId = requestIdFor(request.header("x-request-id"_ba));
    request.remoteAddress = socket->peerAddress();
    request.remotePort = socket->peerPort();
    return request;
}

QString uploadName(const HttpRequest &request)
{
    // Only a name for people to read: no path, no control characters, at most 255 characters.
    QString name = request.queryValue(u"name"_s).section(u'/', -1).section(u'\\', -1);
    name.removeIf([](QChar ch) { return ch.category() == QChar::Other_Control; });
    return name.trimmed().left(255);
}

} // namespace

UploadConnection::UploadConnection(QTcpSocket *socket, UploadIntake &intake)
    : QObject(socket), m_socket(socket), m_intake(intake)
{
    m_timer.start();
    // The kernel keeps what we have not read yet: memory per upload stays this small.
    socket->setReadBufferSize(kReadBufferBytes);
    connect(socket, &QTcpSocket::readyRead, this, &UploadConnection::onReadyRead);
    m_stall.setSingleShot(true);
    connect(&m_stall, &QTimer::timeout, this, &UploadConnection::onStall);
    m_stall.start(m_intake.settings().stallTimeoutMs);
    // The head (and maybe some body) is already waiting; no readyRead will announce it.
    QMetaObject::invokeMethod(this, &UploadConnection::onReadyRead, Qt::QueuedConnection);
}

UploadConnection::~UploadConnection()
{
    if (m_phase == Phase::Body && !m_file.fileName().isEmpty())
        m_file.remove(); // the client went away mid-upload
}

void UploadConnection::onReadyRead()
{
    switch (m_phase) {
    case Phase::Head:
        readHead();
        break;
    case Phase::Body:
        readBody();
        break;
    case Phase::Authorizing:
        break; // the body waits in the socket (its read buffer is small) until allowed
    case Phase::Processing:
    case Phase::Answered:
        m_socket->skip(m_socket->bytesAvailable());
        break;
    }
}

void UploadConnection::readHead()
{
    const QByteArray waiting = m_socket->peek(m_socket->bytesAvailable());
    const qsizetype end = waiting.indexOf("\r\n\r\n");
    if (end < 0)
        return;
    m_request = parseHead(m_socket->read(end + 4), m_socket);
    begin();
}

void UploadConnection::begin()
{
    const QStringList segments = m_request.path.split(u'/', Qt::SkipEmptyParts);
    if (m_request.method == u"PUT" && segments.value(2) == u"conversations") {
        m_kind = Kind::GroupAvatar;
        m_request.route = u"/api/v1/conversations/{id}/avatar"_s;
    } else if (m_request.method == u"PUT") {
        m_kind = Kind::Avatar;
        m_request.route = u"/api/v1/users/me/avatar"_s;
    } else if (segments.size() == 5) {
        m_kind = Kind::Thumbnail;
        m_request.route = u"/api/v1/uploads/{id}/thumbnail"_s;
    } else {
        m_request.route = u"/api/v1/uploads"_s;
    }
    if (m_kind == Kind::Thumbnail || m_kind == Kind::GroupAvatar)
        m_targetId = QUuid::fromString(segments.value(3));

    // Who is asking comes first: a stranger learns nothing else, and sends no body.
    const ApiContext &api = m_intake.api();
    auto caller = api.bearerUser(m_request);
    if (!caller)
        return answerError(caller.error());
    m_callerId = caller.value();
    if (!m_request.header("transfer-encoding"_ba).isEmpty() ||
        m_request.header("content-length"_ba).isEmpty()) {
        HttpReply reply = HttpReply::error(
            ApiError::badRequest(u"Send the file as the body, with Content-Length."_s));
        reply.status = 411;
        return answer(reply);
    }
    bool validLength = false;
    const qint64 length = m_request.header("content-length"_ba).toLongLong(&validLength);
    if (!validLength || length < 0)
        return answerError(ApiError::badRequest(u"The Content-Length is not valid."_s));
    const qint64 cap =
        m_kind == Kind::Thumbnail ? kMaxThumbnailBytes : m_intake.settings().maxUploadBytes;
    if (length > cap)
        return answerError(
            {ErrorCode::PayloadTooLarge, u"The file is larger than %1 bytes."_s.arg(cap), {}});
    if (length == 0)
        return answerError(ApiError::validation(u"file"_s, u"is empty"_s));
    if (m_kind == Kind::Thumbnail && m_targetId.isNull())
        return answerError(ApiError::notFound(u"No such upload."_s));
    if (m_kind == Kind::GroupAvatar && m_targetId.isNull())
        return answerError(ApiError::notFound(u"No such conversation."_s));
    if (auto limited = api.limitByUser(m_callerId, Limit::Upload))
        return answerError(*limited);
    if (auto busy = api.overloaded())
        return answerError(*busy);

    m_remaining = length;
    if (m_kind == Kind::GroupAvatar)
        return authorizeGroupPicture();
    startBody();
}

void UploadConnection::authorizeGroupPicture()
{
    // Asked before the body too, so a member or a stranger is answered at once rather than
    // after sending megabytes; the transaction that records the picture asks again.
    m_phase = Phase::Authorizing;
    m_stall.stop();
    QPointer<UploadConnection> self(this);
    m_intake.api()
        .pool()
        .run<Done>([callerId = m_callerId, group = m_targetId](QSqlDatabase &db) {
            return chat::mayChangeGroupPicture(db, callerId, group);
        })
        .then(&m_intake, [self](Status allowed) {
            if (!self || self->m_phase != Phase::Authorizing)
                return;
            if (!allowed)
                return self->answerError(allowed.error());
            self->startBody();
        });
}

void UploadConnection::startBody()
{
    m_file.setFileName(m_intake.newIncomingPath());
    if (!m_file.open(QIODevice::WriteOnly))
        return answerError(ApiError::internal());
    m_phase = Phase::Body;
    readBody();
}

void UploadConnection::readBody()
{
    m_stall.start(m_intake.settings().stallTimeoutMs);
    while (m_remaining > 0 && m_socket->bytesAvailable() > 0) {
        const QByteArray chunk = m_socket->read(std::min<qint64>(m_remaining, 64 * 1024));
        if (chunk.isEmpty())
            break;
        m_remaining -= chunk.size();
        m_received += chunk.size();
        if (!m_sniffed) {
            // The type is known from the first bytes: a web page named .png goes no further.
            m_firstBytes.append(chunk.left(kSniffBytes - m_firstBytes.size()));
            if (m_firstBytes.size() >= kSniffBytes || m_remaining == 0) {
                m_sniffed = true;
                if (!sniffImageFormat(m_firstBytes))
                    return answerError({ErrorCode::UnsupportedMediaType,
                                        u"Only JPEG, PNG, WebP and GIF images can be uploaded."_s,
                                        {}});
            }
        }
        if (m_file.write(chunk) != chunk.size())
            return answerError(ApiError::internal());
    }
    if (m_remaining == 0)
        finishBody();
}

void UploadConnection::finishBody()
{
    m_stall.stop();
    m_phase = Phase::Processing;
    if (!m_file.flush())
        return answerError(ApiError::internal());
    m_file.close();
    switch (m_kind) {
    case Kind::Upload:
        return processUpload();
    case Kind::Thumbnail:
        return processThumbnail();
    case Kind::Avatar:
        return processAvatar(
            Caller::SignedIn,
            [](QSqlDatabase &db, const User &, const UploadRow &row) -> Result<QJsonObject> {
                auto user = recordAvatar(db, row);
                if (!user)
                    return user.error();
                return user->toJson();
            });
    case Kind::GroupAvatar:
        return processAvatar(Caller::WithUsername,
                             [group = m_targetId](QSqlDatabase &db, const User &caller,
                                                  const UploadRow &row) -> Result<QJsonObject> {
                                 auto conversation = chat::setGroupAvatar(db, caller, group, row);
                                 if (!conversation)
                                     return conversation.error();
                                 return conversation->toJson();
                             });
    }
}

void UploadConnection::processUpload()
{
    const QUuid id = QUuid::createUuid();
    const QString path = m_file.fileName();
    UploadIntake *intake = &m_intake;
    const ProcessingLimits limits = intake->settings().processing;
    QPointer<UploadConnection> self(this);
    const HttpRequest request = m_request;
    const QString name = uploadName(m_request);
    QtConcurrent::run(&intake->workers(), [=] {
        return uploads::processUpload(path, id, intake->store(), limits);
    }).then(intake, [=](Result<ProcessedUpload> processed) {
        if (!processed) {
            if (self)
                self->answerError(processed.error());
            return;
        }
        UploadRow row;
        row.id = id;
        row.contentType = contentType(processed->info.format);
        row.size = processed->storedSize;
        row.width = processed->info.displayWidth();
        row.height = processed->info.displayHeight();
        row.name = name;
        row.thumbnailType = contentType(processed->thumbnailFormat);
        // Recorded even when the client has gone: nobody can attach it, and the orphan
        // sweep removes it with its files.
        FileStore *store = &intake->store();
        intake->api()
            .asUser(request, Caller::WithUsername,
                    [row, store](QSqlDatabase &db, const User &caller) -> Result<HttpReply> {
                        UploadRow owned = row;
                        owned.uploaderId = caller.id;
                        if (auto inserted = UploadRepository(db).insert(owned); !inserted) {
                            static_cast<void>(store->remove(fileKey(row.id)));
                            static_cast<void>(store->remove(thumbnailKey(row.id)));
                            return inserted.error();
                        }
                        return HttpReply::json(201, owned.toAttachment().toJson());
                    })
            .then(intake, [self](HttpReply reply) {
                if (self)
                    self->answer(reply);
            });
    });
}

void UploadConnection::processAvatar(Caller callerKind, AvatarRecorder record)
{
    const QUuid id = QUuid::createUuid();
    const QString path = m_file.fileName();
    UploadIntake *intake = &m_intake;
    const ProcessingLimits limits = intake->settings().processing;
    QPointer<UploadConnection> self(this);
    const HttpRequest request = m_request;
    QtConcurrent::run(&intake->workers(), [=] {
        return uploads::processUpload(path, id, intake->store(), limits);
    }).then(intake, [=](Result<ProcessedUpload> processed) {
        if (!processed) {
            if (self)
                self->answerError(processed.error());
            return;
        }
        const ProcessedUpload upload = processed.value();
        FileStore *store = &intake->store();
        intake->api()
            .asUser(request, callerKind,
                    [id, upload, store, record](QSqlDatabase &db,
                                                const User &caller) -> Result<HttpReply> {
                        const UploadRow row = avatarRow(id, upload, caller.id);
                        auto recorded = record(db, caller, row);
                        if (!recorded) {
                            static_cast<void>(store->remove(fileKey(row.id)));
                            static_cast<void>(store->remove(thumbnailKey(row.id)));
                            return recorded.error();
                        }
                        return HttpReply::json(200, recorded.value());
                    })
            .then(intake, [self](HttpReply reply) {
                if (self)
                    self->answer(reply);
            });
    });
}

void UploadConnection::processThumbnail()
{
    const QString path = m_file.fileName();
    UploadIntake *intake = &m_intake;
    QPointer<UploadConnection> self(this);
    const QUuid callerId = m_callerId;
    const QUuid targetId = m_targetId;
    auto fail = [self, path](const ApiError &error) {
        QFile::remove(path);
        if (self)
            self->answerError(error);
    };
    intake->api()
        .pool()
        .run<UploadRow>([callerId, targetId](QSqlDatabase &db) -> Result<UploadRow> {
            auto caller = ApiContext::loadCaller(db, callerId, Caller::WithUsername);
            if (!caller)
                return caller.error();
            auto row = UploadRepository(db).findOwn(targetId, callerId);
            if (!row)
                return row.error();
            if (!row.value())
                return ApiError::notFound(u"No such upload."_s);
            return *row.value();
        })
        .then(intake, [=](Result<UploadRow> row) {
            if (!row)
                return fail(row.error());
            const auto format = formatFromContentType(row->contentType);
            const ImageInfo original{format.value_or(ImageFormat::Png), row->width, row->height, 1};
            QtConcurrent::run(&intake->workers(), [=] {
                return replaceThumbnail(path, targetId, original, intake->store());
            }).then(intake, [=](Result<Thumbnail> thumbnail) {
                if (!thumbnail)
                    return fail(thumbnail.error());
                UploadRow updated = row.value();
                updated.thumbnailType = contentType(thumbnail->format);
                intake->api()
                    .pool()
                    .run<Done>([updated](QSqlDatabase &db) {
                        return UploadRepository(db).setThumbnailType(updated.id,
                                                                     updated.thumbnailType);
                    })
                    .then(intake, [self, updated](Status stored) {
                        if (!self)
                            return;
                        if (!stored)
                            return self->answerError(stored.error());
                        self->answer(HttpReply::json(200, updated.toAttachment().toJson()));
                    });
            });
        });
}

void UploadConnection::onStall()
{
    if (m_phase != Phase::Body && m_phase != Phase::Head)
        return;
    HttpReply reply = HttpReply::error(ApiError::badRequest(u"The upload stopped arriving."_s));
    reply.status = 408;
    answer(reply);
}

void UploadConnection::answerError(const ApiError &error)
{
    answer(HttpReply::error(error));
}

void UploadConnection::answer(const HttpReply &reply)
{
    if (m_phase == Phase::Answered)
        return;
    const bool bodyUnread =
        m_phase == Phase::Head || m_phase == Phase::Authorizing || m_phase == Phase::Body;
    if (!m_file.fileName().isEmpty() && (m_file.isOpen() || bodyUnread))
        m_file.remove();
    m_phase = Phase::Answered;
    m_stall.stop();
    const double seconds = double(m_timer.nsecsElapsed()) / 1e9;
    const QString route = m_request.route.isEmpty() ? u"/api/v1/uploads"_s : m_request.route;
    m_intake.api().metrics().recordRequest(m_request.method, route, reply.status, seconds);
    logging::event(lcHttp(), reply.status >= 500 ? QtWarningMsg : QtInfoMsg, u"request"_s,
                   {{u"request_id"_s, m_request.requestId},
                    {u"method"_s, m_request.method},
                    {u"path"_s, m_request.path},
                    {u"route"_s, route},
                    {u"status"_s, reply.status},
                    {u"bytes"_s, m_received},
                    {u"duration_ms"_s, seconds * 1000.0}});
    QByteArray head = "HTTP/1.1 "_ba + QByteArray::number(reply.status) + ' ' +
                      reasonPhrase(reply.status) + "\r\n"_ba;
    head += "Content-Type: "_ba + reply.contentType + "\r\n"_ba;
    head += "Content-Length: "_ba + QByteArray::number(reply.body.size()) + "\r\n"_ba;
    head += "X-Request-Id: "_ba + m_request.requestId.toLatin1() + "\r\n"_ba;
    head += "X-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n"_ba;
    for (const auto &[name, value] : reply.headers)
        head += name + ": "_ba + value + "\r\n"_ba;
    head += "Connection: close\r\n\r\n"_ba;
    m_socket->write(head + reply.body);
    QTcpSocket *socket = m_socket;
    if (!bodyUnread) {
        socket->disconnectFromHost();
        return;
    }
    // Closing while the client still sends would make the kernel answer with a reset that can
    // destroy our reply before the client reads it: drain for a moment, then close.
    QTimer::singleShot(kLingerMs, socket, [socket] { socket->disconnectFromHost(); });
    QTimer::singleShot(5 * kLingerMs, socket, [socket] { socket->abort(); });
}

} // namespace natter::server::uploads
