// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QByteArray>
#include <QString>

namespace natter::server {

//! The development run's token signing key: made once with 48 random bytes and kept (mode
//! 0600) in the data folder, so sign-ins survive a restart of `make dev`.
[[nodiscard]] Result<QByteArray> loadOrCreateDevSigningKey(const QString &dataDir);

} // namespace natter::server
