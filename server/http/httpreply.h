// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/apierror.h"
#include "natter/result.h"

#include <QByteArray>
#include <QFuture>
#include <QIODevice>
#include <QJsonObject>
#include <QList>
#include <QPair>
#include <QUrl>

#include <functional>
#include <memory>

namespace natter::server {

//! A response as a value, written to the socket by HttpServer on the socket's thread.
struct HttpReply
{
    int status = 200;
    QByteArray body;
    QByteArray contentType;
    QList<QPair<QByteArray, QByteArray>> headers;
    //! When set, the body is read from the device this opens (on the socket's thread, as it
    //! is sent) instead of `body`: a stored file is never held in memory whole.
    std::function<std::unique_ptr<QIODevice>()> openBody;

    [[nodiscard]] static HttpReply json(int status, const QJsonObject &object);
    [[nodiscard]] static HttpReply error(const ApiError &error);
    [[nodiscard]] static HttpReply noContent();
    [[nodiscard]] static HttpReply redirect(const QUrl &location);
    [[nodiscard]] static HttpReply text(int status, const QByteArray &body,
                                        const QByteArray &contentType);

    HttpReply &withHeader(const QByteArray &name, const QByteArray &value);
    [[nodiscard]] QByteArray headerValue(const QByteArray &name) const;
};

//! Turns a handler's result into a reply: the value through `toReply`, an error into the
//! contract's error body.
template <typename T, typename ToReply>
[[nodiscard]] HttpReply replyFrom(const Result<T> &result, ToReply toReply)
{
    if (!result.ok())
        return HttpReply::error(result.error());
    return toReply(result.value());
}

[[nodiscard]] inline QFuture<HttpReply> readyReply(HttpReply reply)
{
    return QtFuture::makeReadyFuture(std::move(reply));
}

} // namespace natter::server
