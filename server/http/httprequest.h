// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QByteArray>
#include <QHash>
#include <QHostAddress>
#include <QString>
#include <QUrlQuery>

namespace natter::server {

//! A request as our handlers see it: a plain value, copied out of QHttpServerRequest so it can
//! travel to a database worker thread and outlive the socket's parser state.
struct HttpRequest
{
    QString method;
    QString path;
    QUrlQuery query;
    QByteArray body;
    QHash<QByteArray, QByteArray> headers; //!< names lower-cased
    QHash<QString, QString> params;        //!< `{name}` segments of the matched route
    QString route;                         //!< the matched route pattern, for metrics
    QString requestId;
    QHostAddress remoteAddress;
    quint16 remotePort = 0; //!< with remoteAddress, names the connection (WebSocket upgrades)

    [[nodiscard]] QByteArray header(const QByteArray &lowerCaseName) const
    {
        return headers.value(lowerCaseName);
    }
    [[nodiscard]] QString queryValue(const QString &name) const
    {
        return query.queryItemValue(name, QUrl::FullyDecoded);
    }
    [[nodiscard]] QString param(const QString &name) const { return params.value(name); }
};

//! A client's `X-Request-Id` when it cannot inject anything into headers or logs, else a new id.
[[nodiscard]] QString requestIdFor(const QByteArray &incoming);

} // namespace natter::server
