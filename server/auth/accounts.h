// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>
#include <QString>

namespace natter::server {

//! Who a provider says signed in.
struct ExternalIdentity
{
    QString provider; //!< `github`, an OIDC provider's id, or `dev`
    QString subject; //!< the provider's stable id for the account (GitHub's numeric id, OIDC `sub`)
    QString login;   //!< the provider's login name (GitHub's `login`), offered as username
    QString displayName;
    QString avatarUrl;
};

//! Finds the user linked to `identity`, or creates one (without a username: it is claimed
//! separately, never taken from the provider automatically) and links it, in one transaction.
[[nodiscard]] Result<User> findOrCreateUser(QSqlDatabase &db, const ExternalIdentity &identity);

//! A username offered to a user who has none yet: their provider login, lower-cased with `-`
//! turned into `_`, when it follows the rules and nobody has it. Empty otherwise.
[[nodiscard]] Result<QString> suggestedUsername(QSqlDatabase &db, const User &user);

} // namespace natter::server
