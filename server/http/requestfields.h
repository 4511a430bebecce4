// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "http/httprequest.h"
#include "natter/result.h"

#include <QJsonArray>
#include <QUuid>

//! Reading the parts of a request that are not the JSON body: path parameters and query
//! strings, with the same `validation_failed` naming the field as JsonFields.
namespace natter::server::fields {

//! The `{name}` path parameter, percent-decoded.
[[nodiscard]] QString pathText(const HttpRequest &request, const QString &name);
//! The `{name}` path parameter as a UUID.
[[nodiscard]] Result<QUuid> pathUuid(const HttpRequest &request, const QString &name);

//! Serializes a list of protocol values with their toJson().
template <typename T> [[nodiscard]] QJsonArray toJsonArray(const QList<T> &values)
{
    QJsonArray array;
    for (const T &value : values)
        array.append(value.toJson());
    return array;
}

} // namespace natter::server::fields
