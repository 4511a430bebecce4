// SPDX-License-Identifier: Apache-2.0
#include "http/uploadcontroller.h"

#include "db/uploadrepository.h"
#include "http/apicontext.h"
#include "uploads/filestore.h"
#include "uploads/imageformat.h"
#include "uploads/uploadprocessor.h"

using namespace Qt::Literals::StringLiterals;

namespace natter::server {
namespace {

//! A stored image as an answer: shown inline, but in a sandbox that runs nothing if opened as
//! a page, and never embedded by other sites. The caller adds how long it may be kept.
HttpReply storedImage(const uploads::FileStore *store, const QString &key, const QString &type)
{
    HttpReply reply;
    reply.status = 200;
    reply.contentType = type.toLatin1();
    reply.openBody = [store, key] { return store->open(key); };
    reply.withHeader("Content-Security-Policy"_ba, "default-src 'none'; sandbox"_ba)
        .withHeader("Cross-Origin-Resource-Policy"_ba, "same-origin"_ba);
    return reply;
}

} // namespace

void UploadController::registerRoutes(Router &router)
{
    router.add(u"GET"_s, u"/api/v1/uploads/{id}"_s,
               [this](const HttpRequest &r) { return serve(r, Part::File); });
    router.add(u"GET"_s, u"/api/v1/uploads/{id}/thumbnail"_s,
               [this](const HttpRequest &r) { return serve(r, Part::Thumbnail); });
    // Never reached: ConnectionGuard hands these to UploadIntake before Qt reads their bodies.
    const auto atTheSocket = [](const HttpRequest &) {
        return readyReply(HttpReply::error(ApiError::internal()));
    };
    router.add(u"POST"_s, u"/api/v1/uploads"_s, atTheSocket);
    router.add(u"POST"_s, u"/api/v1/uploads/{id}/thumbnail"_s, atTheSocket);
    router.add(u"PUT"_s, u"/api/v1/users/me/avatar"_s, atTheSocket);
    router.add(u"PUT"_s, u"/api/v1/conversations/{id}/avatar"_s, atTheSocket);
    router.add(u"GET"_s, u"/api/v1/avatars/{id}"_s,
               [this](const HttpRequest &r) { return serveAvatar(r); });
    router.add(u"GET"_s, u"/api/v1/conversations/{id}/avatar/{avatar_id}"_s,
               [this](const HttpRequest &r) { return serveGroupAvatar(r); });
}

QFuture<HttpReply> UploadController::serveAvatar(const HttpRequest &request) const
{
    const uploads::FileStore *store = &m_store;
    // No token: an avatar shows wherever its user's name does (an <img> sends no bearer), and
    // its URL, a random id, is only handed out with that user's profile.
    return m_api.run([request, store](QSqlDatabase &db) -> Result<HttpReply> {
        const QUuid id = QUuid::fromString(request.param(u"id"_s));
        if (id.isNull())
            return ApiError::notFound(u"No such avatar."_s);
        auto row = UploadRepository(db).findAvatar(id);
        if (!row)
            return row.error();
        if (!row.value())
            return ApiError::notFound(u"No such avatar."_s);
        HttpReply reply = storedImage(store, uploads::thumbnailKey(id), row.value()->thumbnailType);
        // A new avatar gets a new id, so this one never changes.
        reply.withHeader("Cache-Control"_ba, "public, max-age=31536000, immutable"_ba)
            .withHeader("Content-Disposition"_ba, "inline"_ba);
        return reply;
    });
}

QFuture<HttpReply> UploadController::serveGroupAvatar(const HttpRequest &request) const
{
    const uploads::FileStore *store = &m_store;
    // Unlike a person's avatar, a group's picture is the group's business: members only, with
    // their token (the web app loads it into a blob: URL, as it does attachments).
    return m_api.asUser(
        request, Caller::WithUsername,
        [request, store](QSqlDatabase &db, const User &caller) -> Result<HttpReply> {
            const QUuid conversationId = QUuid::fromString(request.param(u"id"_s));
            const QUuid id = QUuid::fromString(request.param(u"avatar_id"_s));
            const ApiError notFound = ApiError::notFound(u"No such picture."_s);
            if (id.isNull() || conversationId.isNull())
                return notFound;
            auto row = UploadRepository(db).findGroupAvatar(id, conversationId, caller.id);
            if (!row)
                return row.error();
            if (!row.value())
                return notFound;
            HttpReply reply =
                storedImage(store, uploads::thumbnailKey(id), row.value()->thumbnailType);
            // A new picture gets a new path, so the bytes at this one never change; private,
            // because only members may see them.
            reply.withHeader("Cache-Control"_ba, "private, max-age=86400"_ba)
                .withHeader("Content-Disposition"_ba, "inline"_ba);
            return reply;
        });
}

QFuture<HttpReply> UploadController::serve(const HttpRequest &request, Part part) const
{
    const uploads::FileStore *store = &m_store;
    return m_api.asUser(
        request, Caller::WithUsername,
        [request, part, store](QSqlDatabase &db, const User &caller) -> Result<HttpReply> {
            const QUuid id = QUuid::fromString(request.param(u"id"_s));
            if (id.isNull())
                return ApiError::notFound(u"No such file."_s);
            auto row = UploadRepository(db).findVisible(id, caller.id);
            if (!row)
                return row.error();
            if (!row.value())
                return ApiError::notFound(u"No such file."_s);
            const QString type =
                part == Part::File ? row.value()->contentType : row.value()->thumbnailType;
            const auto format = uploads::formatFromContentType(type);
            const QString key =
                part == Part::File ? uploads::fileKey(id) : uploads::thumbnailKey(id);
            HttpReply reply = storedImage(store, key, type);
            // Never the uploader's file name: it could carry quotes or line breaks.
            const QString fileName =
                id.toString(QUuid::WithoutBraces) + u'.' +
                uploads::fileExtension(format.value_or(uploads::ImageFormat::Png));
            reply
                .withHeader("Content-Disposition"_ba,
                            "inline; filename=\""_ba + fileName.toLatin1() + '"')
                .withHeader("Cache-Control"_ba, "private, max-age=3600"_ba);
            return reply;
        });
}

} // namespace natter::server
