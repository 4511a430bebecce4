// SPDX-License-Identifier: Apache-2.0
#include "natter/protocolfields.h"

#include "natter/timestamps.h"

using namespace Qt::Literals::StringLiterals;

namespace natter {

void ProtocolReader::fail(const QString &name, const QString &why)
{
    if (!m_error)
        m_error = ApiError::validation(m_objectName + u'.' + name, why);
}

QUuid ProtocolReader::uuid(const QString &name)
{
    const QUuid id = QUuid::fromString(m_object.value(name).toString());
    if (id.isNull())
        fail(name, u"must be a UUID"_s);
    return id;
}

QUuid ProtocolReader::optionalUuid(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (value.isNull() || value.isUndefined())
        return {};
    return uuid(name);
}

QString ProtocolReader::string(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (!value.isString())
        fail(name, u"must be a string"_s);
    return value.toString();
}

QString ProtocolReader::optionalString(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (value.isNull() || value.isUndefined())
        return {};
    return string(name);
}

qint64 ProtocolReader::integer(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (!value.isDouble())
        fail(name, u"must be a number"_s);
    return value.toInteger();
}

QDateTime ProtocolReader::time(const QString &name)
{
    const QDateTime parsed = parseTimestamp(m_object.value(name).toString());
    if (!parsed.isValid())
        fail(name, u"must be an RFC 3339 time"_s);
    return parsed;
}

QJsonObject ProtocolReader::object(const QString &name)
{
    const QJsonValue value = m_object.value(name);
    if (!value.isObject())
        fail(name, u"must be an object"_s);
    return value.toObject();
}

} // namespace natter
