// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <QSqlDatabase>
#include <QStringList>

namespace natter::server::admin {

//! Who runs this instance: the usernames in NATTER_ADMINS (`configured`) and the users granted
//! with `natter-server admin grant` (table `instance_admins`).
class InstanceAdmins final
{
public:
    InstanceAdmins(QSqlDatabase &db, QStringList configured)
        : m_db(db), m_configured(std::move(configured))
    {}

    [[nodiscard]] Result<bool> isAdmin(const User &user);
    //! Grants `username` admin rights (idempotent); `not_found` for an unknown username. The
    //! grant is written to the audit log as done from the command line.
    [[nodiscard]] Result<User> grant(const QString &username);
    //! Takes a grant back; a name in NATTER_ADMINS stays an admin while it is listed there.
    [[nodiscard]] Result<User> revoke(const QString &username);

private:
    [[nodiscard]] Result<User> userNamed(const QString &username);

    QSqlDatabase &m_db;
    QStringList m_configured;
};

} // namespace natter::server::admin
