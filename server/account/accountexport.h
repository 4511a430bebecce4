// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <QJsonObject>
#include <QSqlDatabase>

namespace natter::server::account {

//! Everything Natter holds that is the caller's own, as one JSON document: the profile, the
//! conversations they are in (with their role, and in a DM who the other person is), every
//! message they sent, the users they blocked and the reports they filed. Nobody else's
//! messages are in it. Uploads are listed with their URL (the uploader may always fetch one).
[[nodiscard]] Result<QJsonObject> exportAccount(QSqlDatabase &db, const User &caller);

} // namespace natter::server::account
