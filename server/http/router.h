// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httpreply.h"
#include "http/httprequest.h"

#include <QFuture>
#include <QList>
#include <QStringList>

#include <functional>
#include <variant>

namespace natter::server {

using HttpHandler = std::function<QFuture<HttpReply>(const HttpRequest &)>;

//! Matches method + path against patterns like `/api/v1/conversations/{id}/messages`.
//! Our own router rather than QHttpServerRouter: its API changed between Qt 6.4 and 6.8, and
//! it cannot tell "no such path" (404) from "wrong method" (405).
class Router final
{
public:
    struct Route
    {
        QString method;
        QString pattern;
        QStringList segments;
        HttpHandler handler;
    };
    struct Match
    {
        const Route *route = nullptr;
        QHash<QString, QString> params;
    };
    struct MethodNotAllowed
    {
        QStringList allowed;
    };
    struct NoRoute
    {
    };
    using Outcome = std::variant<Match, MethodNotAllowed, NoRoute>;

    void add(const QString &method, const QString &pattern, HttpHandler handler);
    [[nodiscard]] Outcome match(const QString &method, const QString &path) const;
    //! Every registered `METHOD pattern`, for the OpenAPI consistency test.
    [[nodiscard]] QStringList describe() const;

private:
    QList<Route> m_routes;
};

} // namespace natter::server
