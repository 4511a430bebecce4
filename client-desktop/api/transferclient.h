// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <functional>
#include <QNetworkAccessManager>
#include <QObject>
#include <QPointer>
#include <QUrlQuery>
#include <QUuid>

class QNetworkReply;

namespace natter::desktop {

class ApiClient;

//! One request whose body or answer is bytes, not JSON: an image upload, an image download,
//! the account export. `serverPath` is the whole path on the server (`/api/v1/uploads`), as
//! attachment URLs arrive from the server.
struct TransferRequest
{
    QByteArray method = "GET";
    QString serverPath;
    QUrlQuery query;
    QByteArray body;
    QByteArray contentType;
};

//! A transfer on its way: cancel it, or hear how far it got. It deletes itself once answered
//! or cancelled, so hold it in a QPointer.
class Transfer final : public QObject
{
    Q_OBJECT

public:
    using Callback = std::function<void(Result<QByteArray>)>;
    Transfer(QObject *context, Callback callback, QObject *parent);

    //! Stops it; the callback is not called.
    void cancel();

Q_SIGNALS:
    //! Bytes sent (uploads) or received (downloads) so far, of `total` (-1 while unknown).
    void progress(qint64 done, qint64 total);

private:
    friend class TransferClient;
    void attach(QNetworkReply *reply);
    void answer(Result<QByteArray> result);

    QPointer<QObject> m_context;
    Callback m_callback;
    QPointer<QNetworkReply> m_reply;
    bool m_retried = false;
    bool m_cancelled = false;
};

//! Bytes in and out of the server with the signed-in user's token, for what ApiClient's JSON
//! calls cannot carry. A token about to expire is renewed first (through ApiClient, so the
//! two never renew at once), and a 401 renews and retries once, as ApiClient does.
class TransferClient final : public QObject
{
    Q_OBJECT

public:
    explicit TransferClient(ApiClient *api, QObject *parent = nullptr);

    // The byte-carrying endpoints, one method each (paths from api/paths.h). `callback` gets
    // the answer's body or the contract's error, on `context`'s life only.

    //! `POST /uploads?name=` with the image as the body; answers an Attachment.
    Transfer *uploadImage(const QByteArray &bytes, const QByteArray &contentType,
                          const QString &name, QObject *context, Transfer::Callback callback);
    //! `POST /uploads/{id}/thumbnail`: the client's thumbnail replaces the server's.
    Transfer *uploadThumbnail(const QUuid &uploadId, const QByteArray &bytes,
                              const QByteArray &contentType, QObject *context,
                              Transfer::Callback callback);
    //! `PUT /users/me/avatar`; answers the User.
    Transfer *uploadAvatar(const QByteArray &bytes, const QByteArray &contentType, QObject *context,
                           Transfer::Callback callback);
    //! `PUT /conversations/{id}/avatar` (group admins, #18); answers the conversation.
    Transfer *uploadGroupPicture(const QUuid &conversationId, const QByteArray &bytes,
                                 const QByteArray &contentType, QObject *context,
                                 Transfer::Callback callback);
    //! `GET /users/me/export`: the account's data, as the server wrote it.
    Transfer *exportAccount(QObject *context, Transfer::Callback callback);
    //! `GET` a path the server handed out (an attachment's `url`, an `avatar_url`).
    Transfer *download(const QString &serverPath, QObject *context, Transfer::Callback callback);

    //! Starts any `request`.
    Transfer *start(const TransferRequest &request, QObject *context, Transfer::Callback callback);
    //! The full URL of a server path (`/api/v1/avatars/…`), for caches keyed by it.
    [[nodiscard]] QUrl urlOf(const QString &serverPath, const QUrlQuery &query = {}) const;

private:
    void issue(const TransferRequest &request, Transfer *transfer);

    ApiClient *m_api;
    QNetworkAccessManager m_network;
};

} // namespace natter::desktop
