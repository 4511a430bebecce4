// SPDX-License-Identifier: Apache-2.0
#include "http/router.h"

namespace natter::server {
namespace {

bool isParameter(const QString &segment)
{
    return segment.size() > 2 && segment.startsWith(u'{') && segment.endsWith(u'}');
}

bool matchSegments(const QStringList &pattern, const QStringList &path,
                   QHash<QString, QString> &params)
{
    if (pattern.size() != path.size())
        return false;
    for (qsizetype i = 0; i < pattern.size(); ++i) {
        if (isParameter(pattern[i])) {
            if (path[i].isEmpty())
                return false;
            params.insert(pattern[i].mid(1, pattern[i].size() - 2), path[i]);
        } else if (pattern[i] != path[i]) {
            return false;
        }
    }
    return true;
}

} // namespace

void Router::add(const QString &method, const QString &pattern, HttpHandler handler)
{
    m_routes.append({method, pattern, pattern.split(u'/'), std::move(handler)});
}

Router::Outcome Router::match(const QString &method, const QString &path) const
{
    const QStringList segments = path.split(u'/');
    QStringList allowed;
    for (const Route &route : m_routes) {
        QHash<QString, QString> params;
        if (!matchSegments(route.segments, segments, params))
            continue;
        if (route.method == method || (method == u"HEAD" && route.method == u"GET"))
            return Match{&route, params};
        allowed.append(route.method);
    }
    if (!allowed.isEmpty())
        return MethodNotAllowed{allowed};
    return NoRoute{};
}

QStringList Router::describe() const
{
    QStringList lines;
    for (const Route &route : m_routes)
        lines.append(route.method + u' ' + route.pattern);
    return lines;
}

} // namespace natter::server
