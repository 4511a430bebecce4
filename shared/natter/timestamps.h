// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QDateTime>
#include <QString>

namespace natter {

//! RFC 3339 in UTC with milliseconds, the contract's one time format: `2026-11-26T09:15:00.123Z`.
[[nodiscard]] QString formatTimestamp(const QDateTime &time);
//! Parses any RFC 3339 / ISO 8601 time; an invalid QDateTime when it is not one.
[[nodiscard]] QDateTime parseTimestamp(const QString &text);

} // namespace natter
