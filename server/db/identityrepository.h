// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <optional>
#include <QSqlDatabase>
#include <QUuid>

namespace natter::server {

//! Links between a provider's account (`github` + its numeric id) and a Natter user.
class IdentityRepository final
{
public:
    explicit IdentityRepository(QSqlDatabase &db) : m_db(db) {}

    [[nodiscard]] Result<std::optional<QUuid>> findUser(const QString &provider,
                                                        const QString &providerUserId);
    //! `conflict` when that provider account is already linked.
    [[nodiscard]] Status link(const QUuid &userId, const QString &provider,
                              const QString &providerUserId, const QString &providerLogin);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
