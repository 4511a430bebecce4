// SPDX-License-Identifier: Apache-2.0
#include "natter/apierror.h"

#include <algorithm>
#include <array>
#include <utility>

using namespace Qt::Literals::StringLiterals;

namespace natter {
namespace {

struct CodeInfo
{
    ErrorCode code;
    QLatin1StringView name;
    int status;
};

constexpr std::array kCodes{
    CodeInfo{ErrorCode::BadRequest, "bad_request"_L1, 400},
    CodeInfo{ErrorCode::ValidationFailed, "validation_failed"_L1, 400},
    CodeInfo{ErrorCode::Unauthorized, "unauthorized"_L1, 401},
    CodeInfo{ErrorCode::Forbidden, "forbidden"_L1, 403},
    CodeInfo{ErrorCode::UsernameRequired, "username_required"_L1, 403},
    CodeInfo{ErrorCode::Suspended, "suspended"_L1, 403},
    CodeInfo{ErrorCode::NotFound, "not_found"_L1, 404},
    CodeInfo{ErrorCode::MethodNotAllowed, "method_not_allowed"_L1, 405},
    CodeInfo{ErrorCode::Conflict, "conflict"_L1, 409},
    CodeInfo{ErrorCode::PayloadTooLarge, "payload_too_large"_L1, 413},
    CodeInfo{ErrorCode::RateLimited, "rate_limited"_L1, 429},
    CodeInfo{ErrorCode::Internal, "internal"_L1, 500},
    CodeInfo{ErrorCode::Unavailable, "unavailable"_L1, 503},
    CodeInfo{ErrorCode::UnsupportedMediaType, "unsupported_media_type"_L1, 415},
};

const CodeInfo &info(ErrorCode code)
{
    for (const auto &entry : kCodes) {
        if (entry.code == code)
            return entry;
    }
    return info(ErrorCode::Internal); // found above: every code but an unknown one
}

} // namespace

QString errorCodeName(ErrorCode code)
{
    return info(code).name;
}

ErrorCode errorCodeFromName(const QString &name)
{
    for (const auto &entry : kCodes) {
        if (entry.name == name)
            return entry.code;
    }
    return ErrorCode::Internal;
}

int httpStatus(ErrorCode code)
{
    return info(code).status;
}

ApiError ApiError::badRequest(const QString &message)
{
    return {ErrorCode::BadRequest, message, {}};
}

ApiError ApiError::validation(const QString &field, const QString &why)
{
    return {ErrorCode::ValidationFailed, u"Invalid field: %1"_s.arg(field), {{field, why}}};
}

ApiError ApiError::unauthorized(const QString &message)
{
    return {ErrorCode::Unauthorized, message, {}};
}

ApiError ApiError::forbidden(const QString &message)
{
    return {ErrorCode::Forbidden, message, {}};
}

ApiError ApiError::notFound(const QString &message)
{
    return {ErrorCode::NotFound, message, {}};
}

ApiError ApiError::conflict(const QString &message)
{
    return {ErrorCode::Conflict, message, {}};
}

ApiError ApiError::internal()
{
    return {ErrorCode::Internal, u"Something went wrong on our side."_s, {}};
}

ApiError ApiError::unavailable()
{
    return {ErrorCode::Unavailable, u"The service is temporarily unavailable."_s, {}};
}

ApiError ApiError::rateLimited(int retryAfterSeconds)
{
    ApiError error{ErrorCode::RateLimited, u"Too many requests; try again shortly."_s, {}};
    error.retryAfterSeconds = std::max(1, retryAfterSeconds);
    return error;
}

QJsonObject ApiError::toJson() const
{
    QJsonObject object{{u"code"_s, errorCodeName(code)}, {u"message"_s, message}};
    if (retryAfterSeconds > 0)
        object.insert(u"retry_after"_s, retryAfterSeconds);
    if (!fields.isEmpty()) {
        QJsonObject fieldObject;
        for (auto it = fields.cbegin(); it != fields.cend(); ++it)
            fieldObject.insert(it.key(), it.value());
        object.insert(u"fields"_s, fieldObject);
    }
    return object;
}

ApiError ApiError::fromJson(const QJsonObject &object)
{
    ApiError error;
    error.code = errorCodeFromName(object.value(u"code"_s).toString());
    error.message = object.value(u"message"_s).toString();
    error.retryAfterSeconds = object.value(u"retry_after"_s).toInt();
    const QJsonObject fieldObject = object.value(u"fields"_s).toObject();
    for (auto it = fieldObject.constBegin(); it != fieldObject.constEnd(); ++it)
        error.fields.insert(it.key(), it.value().toString());
    return error;
}

} // namespace natter
