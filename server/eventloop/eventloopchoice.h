// SPDX-License-Identifier: Apache-2.0
#pragma once

#include <QString>

#include <optional>

namespace natter::server::eventloop {

//! Installs the main thread's event dispatcher as NATTER_EVENT_LOOP says: `epoll` (the
//! default, EpollDispatcher) or `qt` (Qt's own, the fallback for operators). Must run before
//! the QCoreApplication exists. Returns what was wrong with the variable, if anything.
[[nodiscard]] std::optional<QString> installEventDispatcher(const QString &choice);

} // namespace natter::server::eventloop
