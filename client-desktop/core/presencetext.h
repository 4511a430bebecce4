// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <optional>
#include <QDateTime>
#include <QString>

namespace natter::desktop {

//! "online", "last seen 5 min ago", "last seen yesterday at 21:40" (#18); empty when the
//! person's presence is unknown or hidden (`online` nullopt).
[[nodiscard]] QString presenceText(std::optional<bool> online, const QDateTime &lastSeenAt,
                                   const QDateTime &now = QDateTime::currentDateTimeUtc());

} // namespace natter::desktop
