// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <optional>
#include <QByteArray>
#include <QJsonObject>
#include <QString>

namespace natter {

//! Parses a request body that must be one JSON object. Malformed JSON, invalid UTF-8 and
//! non-object documents are `bad_request` with a message that says which.
[[nodiscard]] Result<QJsonObject> parseJsonObject(const QByteArray &body);

//! Reads fields of a JSON object by type. Unknown fields are ignored (the contract lets
//! clients be newer than the server); a field of the wrong type is `validation_failed`
//! naming it, so every reader reports errors the same way.
class JsonFields
{
public:
    explicit JsonFields(const QJsonObject &object) : m_object(object) {}

    [[nodiscard]] Result<QString> requiredString(const QString &name) const;
    [[nodiscard]] Result<std::optional<QString>> optionalString(const QString &name) const;
    [[nodiscard]] Result<qint64> requiredInteger(const QString &name) const;
    [[nodiscard]] Result<std::optional<qint64>> optionalInteger(const QString &name) const;
    [[nodiscard]] Result<QStringList> stringList(const QString &name) const;

private:
    QJsonObject m_object;
};

} // namespace natter
