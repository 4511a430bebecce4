// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>

namespace natter::server::account {

//! Deletes the caller's account, once `confirmUsername` is their username (any case;
//! `validation_failed` otherwise). In one transaction: every sign-in revoked and every socket
//! closed (4003, every process), sign-in identities, blocks and admin grants removed, the
//! caller taken out of every group (another member becomes admin when needed), and the profile
//! erased: no username (held 30 days by migration 0016), display name "Deleted account", no
//! avatar. The row stays, so their messages keep a sender that shows as "Deleted account".
[[nodiscard]] Status deleteAccount(QSqlDatabase &db, const User &caller,
                                   const QString &confirmUsername);

//! The display name every client shows for a deleted account's messages.
inline constexpr auto kDeletedAccountName = "Deleted account";

} // namespace natter::server::account
