// SPDX-License-Identifier: Apache-2.0
#include "http/httpreply.h"

#include <QJsonDocument>

#include <algorithm>

using namespace Qt::Literals::StringLiterals;

namespace natter::server {

HttpReply HttpReply::json(int status, const QJsonObject &object)
{
    return {status,
            QJsonDocument(object).toJson(QJsonDocument::Compact),
            "application/json; charset=utf-8"_ba,
            {},
            {}};
}

HttpReply HttpReply::error(const ApiError &error)
{
    HttpReply reply = json(httpStatus(error.code), {{u"error"_s, error.toJson()}});
    if (error.code == ErrorCode::RateLimited)
        reply.withHeader("Retry-After"_ba,
                         QByteArray::number(std::max(1, error.retryAfterSeconds)));
    return reply;
}

HttpReply HttpReply::noContent()
{
    return {204, {}, {}, {}, {}};
}

HttpReply HttpReply::redirect(const QUrl &location)
{
    HttpReply reply{302, {}, {}, {}, {}};
    reply.withHeader("Location"_ba, location.toEncoded());
    return reply;
}

HttpReply HttpReply::text(int status, const QByteArray &body, const QByteArray &contentType)
{
    return {status, body, contentType, {}, {}};
}

HttpReply &HttpReply::withHeader(const QByteArray &name, const QByteArray &value)
{
    headers.append({name, value});
    return *this;
}

QByteArray HttpReply::headerValue(const QByteArray &name) const
{
    for (const auto &[key, value] : headers) {
        if (key.compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

} // namespace natter::server
