// SPDX-License-Identifier: Apache-2.0
#include "api/transferclient.h"

#include "api/apiclient.h"
#include "api/paths.h"
#include "core/logging.h"

#include <QNetworkReply>
#include <QNetworkRequest>

using namespace Qt::Literals::StringLiterals;

namespace natter::desktop {
namespace {

//! Between two bytes, not for the whole transfer: a 10 MB upload on a slow line is fine.
constexpr int kStallTimeoutMs = 30000;

} // namespace

Transfer::Transfer(QObject *context, Callback callback, QObject *parent)
    : QObject(parent), m_context(context), m_callback(std::move(callback))
{}

void Transfer::cancel()
{
    m_cancelled = true;
    if (m_reply)
        m_reply->abort();
    deleteLater();
}

void Transfer::attach(QNetworkReply *reply)
{
    m_reply = reply;
    connect(reply, &QNetworkReply::uploadProgress, this, &Transfer::progress);
    connect(reply, &QNetworkReply::downloadProgress, this, &Transfer::progress);
}

void Transfer::answer(Result<QByteArray> result)
{
    if (!m_cancelled && m_context)
        m_callback(std::move(result));
    deleteLater();
}

TransferClient::TransferClient(ApiClient *api, QObject *parent) : QObject(parent), m_api(api)
{
    m_network.setRedirectPolicy(QNetworkRequest::NoLessSafeRedirectPolicy);
}

QUrl TransferClient::urlOf(const QString &serverPath, const QUrlQuery &query) const
{
    QUrl url = m_api->baseUrl();
    url.setPath(url.path() + serverPath);
    if (!query.isEmpty())
        url.setQuery(query);
    return url;
}

Transfer *TransferClient::uploadImage(const QByteArray &bytes, const QByteArray &contentType,
                                      const QString &name, QObject *context,
                                      Transfer::Callback callback)
{
    TransferRequest request{"POST", paths::apiPrefix() + paths::uploads(), {}, bytes, contentType};
    request.query.addQueryItem(u"name"_s, name);
    return start(request, context, std::move(callback));
}

Transfer *TransferClient::uploadThumbnail(const QUuid &uploadId, const QByteArray &bytes,
                                          const QByteArray &contentType, QObject *context,
                                          Transfer::Callback callback)
{
    return start(
        {"POST", paths::apiPrefix() + paths::uploadThumbnail(uploadId), {}, bytes, contentType},
        context, std::move(callback));
}

Transfer *TransferClient::uploadAvatar(const QByteArray &bytes, const QByteArray &contentType,
                                       QObject *context, Transfer::Callback callback)
{
    return start({"PUT", paths::apiPrefix() + paths::myAvatar(), {}, bytes, contentType}, context,
                 std::move(callback));
}

Transfer *TransferClient::uploadGroupPicture(const QUuid &conversationId, const QByteArray &bytes,
                                             const QByteArray &contentType, QObject *context,
                                             Transfer::Callback callback)
{
    return start(
        {"PUT", paths::apiPrefix() + paths::groupPicture(conversationId), {}, bytes, contentType},
        context, std::move(callback));
}

Transfer *TransferClient::exportAccount(QObject *context, Transfer::Callback callback)
{
    return start({"GET", paths::apiPrefix() + paths::myExport(), {}, {}, {}}, context,
                 std::move(callback));
}

Transfer *TransferClient::download(const QString &serverPath, QObject *context,
                                   Transfer::Callback callback)
{
    return start({"GET", serverPath, {}, {}, {}}, context, std::move(callback));
}

Transfer *TransferClient::start(const TransferRequest &request, QObject *context,
                                Transfer::Callback callback)
{
    auto *transfer = new Transfer(context, std::move(callback), this);
    QPointer<Transfer> guard(transfer);
    m_api->ensureFreshAccessToken(transfer, [this, request, guard](const Status &) {
        // A failed renewal is not final here: the request's own 401 says what happened.
        if (guard && !guard->m_cancelled)
            issue(request, guard);
    });
    return transfer;
}

void TransferClient::issue(const TransferRequest &request, Transfer *transfer)
{
    QNetworkRequest networkRequest(urlOf(request.serverPath, request.query));
    networkRequest.setTransferTimeout(kStallTimeoutMs);
    if (!request.contentType.isEmpty())
        networkRequest.setHeader(QNetworkRequest::ContentTypeHeader, request.contentType);
    if (!m_api->accessToken().isEmpty())
        networkRequest.setRawHeader("Authorization", "Bearer " + m_api->accessToken().toUtf8());
    QNetworkReply *reply =
        m_network.sendCustomRequest(networkRequest, request.method, request.body);
    transfer->attach(reply);
    QPointer<Transfer> guard(transfer);
    connect(reply, &QNetworkReply::finished, this, [this, reply, request, guard] {
        reply->deleteLater();
        if (!guard || guard->m_cancelled)
            return;
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        const QByteArray body = reply->readAll();
        auto error = ApiClient::errorOf(status, reply->error(), body, reply->errorString());
        if (!error) {
            guard->answer(body);
            return;
        }
        if (error->code == ErrorCode::Unauthorized && !guard->m_retried && m_api->hasSession()) {
            guard->m_retried = true;
            m_api->refresh(guard, [this, request, guard](const Status &renewed) {
                if (!guard)
                    return;
                if (renewed)
                    issue(request, guard);
                else
                    guard->answer(renewed.error());
            });
            return;
        }
        qCDebug(lcApi) << request.method << request.serverPath
                       << "failed:" << errorCodeName(error->code);
        guard->answer(*error);
    });
}

} // namespace natter::desktop
