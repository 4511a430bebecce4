// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QFuture>
#include <QJsonObject>
#include <QList>
#include <QNetworkAccessManager>
#include <QPair>
#include <QUrl>
#include <QUrlQuery>

namespace natter::server {

//! Requests to OAuth providers. Runs on the thread that owns it (the server's main thread):
//! QNetworkAccessManager is asynchronous, so a slow provider delays only the sign-in that
//! waits for it, never a socket or a database worker. Answers are capped in size and time,
//! redirects are not followed, and a provider's error text never reaches our clients.
class OutboundHttp final
{
public:
    using Headers = QList<QPair<QByteArray, QByteArray>>;

    OutboundHttp();

    //! GET, expecting a JSON object.
    [[nodiscard]] QFuture<Result<QJsonObject>> getJson(const QUrl &url,
                                                       const Headers &headers = {});
    //! POST application/x-www-form-urlencoded, expecting a JSON object (OAuth error bodies
    //! with a 4xx status are returned as the object, so callers can read `error`).
    [[nodiscard]] QFuture<Result<QJsonObject>> postForm(const QUrl &url, const QUrlQuery &form,
                                                        const Headers &headers = {});
    //! The object whose thread continuations of these futures should run on.
    [[nodiscard]] QObject *context() { return &m_network; }

private:
    [[nodiscard]] QFuture<Result<QJsonObject>> send(QNetworkRequest request, const QByteArray &verb,
                                                    const QByteArray &body);

    QNetworkAccessManager m_network;
};

//! Provider endpoints must be https; plain http only on a loopback host (local providers).
[[nodiscard]] bool isAcceptableProviderUrl(const QUrl &url);

} // namespace natter::server
