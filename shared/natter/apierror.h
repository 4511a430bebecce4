// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QHash>
#include <QJsonObject>
#include <QString>

namespace natter {

//! The machine codes of the contract's error body. One enum for server and clients, so a code
//! cannot be spelled two ways.
enum class ErrorCode
{
    BadRequest,
    ValidationFailed,
    Unauthorized,
    Forbidden,
    UsernameRequired,
    //! The account is suspended by an instance admin (403 `suspended`).
    Suspended,
    NotFound,
    MethodNotAllowed,
    Conflict,
    PayloadTooLarge,
    RateLimited,
    Internal,
    Unavailable,
    UnsupportedMediaType, //!< 415: an upload that is not an image Natter accepts
};

//! An error as a value: what went wrong, for whom it is meant, and which fields were wrong.
struct ApiError
{
    ErrorCode code = ErrorCode::Internal;
    QString message;
    //! Field name -> why it was refused; only for ValidationFailed.
    QHash<QString, QString> fields;
    //! Only for RateLimited: whole seconds until the client may try again (`Retry-After` on
    //! REST, `retry_after` in a socket error).
    int retryAfterSeconds = 0;

    [[nodiscard]] static ApiError badRequest(const QString &message);
    [[nodiscard]] static ApiError validation(const QString &field, const QString &why);
    [[nodiscard]] static ApiError unauthorized(const QString &message);
    [[nodiscard]] static ApiError forbidden(const QString &message);
    [[nodiscard]] static ApiError notFound(const QString &message);
    [[nodiscard]] static ApiError conflict(const QString &message);
    [[nodiscard]] static ApiError internal();
    [[nodiscard]] static ApiError unavailable();
    [[nodiscard]] static ApiError rateLimited(int retryAfterSeconds);

    //! `{"code","message","fields"?}`, the inside of the contract's `{"error": ...}`.
    [[nodiscard]] QJsonObject toJson() const;
    //! Reads the inside of `{"error": ...}`; unknown codes become Internal.
    [[nodiscard]] static ApiError fromJson(const QJsonObject &object);

    friend bool operator==(const ApiError &, const ApiError &) = default;
};

[[nodiscard]] QString errorCodeName(ErrorCode code);
[[nodiscard]] ErrorCode errorCodeFromName(const QString &name);
//! The one mapping from a code to an HTTP status.
[[nodiscard]] int httpStatus(ErrorCode code);

} // namespace natter
