// SPDX-License-Identifier: Apache-2.0
#include "natter/jsonfields.h"

#include <cmath>
#include <QJsonArray>
#include <QJsonDocument>
#include <QStringDecoder>

using namespace Qt::Literals::StringLiterals;

namespace natter {
namespace {

// Integers in JSON arrive as doubles; anything with a fraction or beyond 2^53 is not an id or
// a count a client could mean.
constexpr double kMaxExactInteger = 9007199254740992.0;

bool isWholeNumber(const QJsonValue &value)
{
    if (!value.isDouble())
        return false;
    const double number = value.toDouble();
    return std::isfinite(number) && std::floor(number) == number &&
           std::fabs(number) <= kMaxExactInteger;
}

} // namespace

Result<QJsonObject> parseJsonObject(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return ApiError::badRequest(u"The request body must be a JSON object."_s);
    // QJsonDocument silently replaces invalid UTF-8; check first so nothing is stored altered.
    QStringDecoder decoder(QStringDecoder::Utf8);
    const QString decoded = decoder.decode(body);
    if (decoder.hasError())
        return ApiError::badRequest(u"The request body is not valid UTF-8."_s);
    Q_UNUSED(decoded)
    QJsonParseError parseError{};
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return ApiError::badRequest(u"Malformed JSON: %1 at offset %2."_s.arg(
            parseError.errorString(), QString::number(parseError.offset)));
    if (!document.isObject())
        return ApiError::badRequest(u"The request body must be a JSON object."_s);
    return document.object();
}

Result<QString> JsonFields::requiredString(const QString &name) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return ApiError::validation(name, u"is required"_s);
    if (!value.isString())
        return ApiError::validation(name, u"must be a string"_s);
    return value.toString();
}

Result<std::optional<QString>> JsonFields::optionalString(const QString &name) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return std::optional<QString>{};
    if (!value.isString())
        return ApiError::validation(name, u"must be a string"_s);
    return std::optional<QString>{value.toString()};
}

Result<qint64> JsonFields::requiredInteger(const QString &name) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return ApiError::validation(name, u"is required"_s);
    if (!isWholeNumber(value))
        return ApiError::validation(name, u"must be an integer"_s);
    return static_cast<qint64>(value.toDouble());
}

Result<std::optional<qint64>> JsonFields::optionalInteger(const QString &name) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return std::optional<qint64>{};
    if (!isWholeNumber(value))
        return ApiError::validation(name, u"must be an integer"_s);
    return std::optional<qint64>{static_cast<qint64>(value.toDouble())};
}

Result<QStringList> JsonFields::stringList(const QString &name) const
{
    const QJsonValue value = m_object.value(name);
    if (value.isUndefined() || value.isNull())
        return QStringList{};
    if (!value.isArray())
        return ApiError::validation(name, u"must be an array of strings"_s);
    QStringList strings;
    const QJsonArray array = value.toArray();
    for (const QJsonValue &item : array) {
        if (!item.isString())
            return ApiError::validation(name, u"must be an array of strings"_s);
        strings.append(item.toString());
    }
    return strings;
}

} // namespace natter
