// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/apierror.h"

#include <QStringList>

namespace natter::server::ops {

//! An operator-facing failure of a command-line tool: the message says what went wrong and,
//! where we know it, what to do about it.
[[nodiscard]] inline ApiError failure(const QString &message)
{
    return ApiError{ErrorCode::Internal, message, {}};
}

//! An error in one line for a terminal: a validation error names its variables
//! ("DATABASE_URL is required"), any other error is its message.
[[nodiscard]] inline QString describe(const ApiError &error)
{
    if (error.fields.isEmpty())
        return error.message;
    QStringList parts;
    for (auto it = error.fields.cbegin(); it != error.fields.cend(); ++it)
        parts.append(it.key() + QLatin1Char(' ') + it.value());
    parts.sort();
    return parts.join(QLatin1String("; "));
}

} // namespace natter::server::ops
