// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

//! The presence privacy setting (issue 18), as in Telegram: hiding your online / last seen
//! hides everyone else's from you too.
namespace natter::server::chat {

[[nodiscard]] Result<bool> presenceHidden(QSqlDatabase &db, const User &caller);
//! Stores the setting and tells every process: those who watch the caller stop seeing them
//! (or see them again at once), the caller's sockets stop seeing others (or watch again).
[[nodiscard]] Result<bool> setPresenceHidden(QSqlDatabase &db, const User &caller, bool hidden);

} // namespace natter::server::chat
