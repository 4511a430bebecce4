// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/apierror.h"

#include <optional>
#include <QDateTime>
#include <QJsonObject>
#include <QUuid>

namespace natter {

//! Reads the fields of a protocol object received from the other side, remembering the first
//! field that was missing or of the wrong type so `fromJson()` can say what was wrong.
class ProtocolReader
{
public:
    ProtocolReader(const QJsonObject &object, QString objectName)
        : m_object(object), m_objectName(std::move(objectName))
    {}

    QUuid uuid(const QString &name);
    QUuid optionalUuid(const QString &name);
    QString string(const QString &name);
    QString optionalString(const QString &name);
    qint64 integer(const QString &name);
    QDateTime time(const QString &name);
    QJsonObject object(const QString &name);

    [[nodiscard]] std::optional<ApiError> error() const { return m_error; }

private:
    void fail(const QString &name, const QString &why);

    QJsonObject m_object;
    QString m_objectName;
    std::optional<ApiError> m_error;
};

} // namespace natter
