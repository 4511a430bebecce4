// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <optional>
#include <QSqlDatabase>

namespace natter::server {

//! Users: creation at first sign-in, lookups, the username claim and profile edits.
class UserRepository final
{
public:
    explicit UserRepository(QSqlDatabase &db) : m_db(db) {}

    //! A new user without a picture: `providerAvatarUrl` (may be empty) is the one the sign-in
    //! provider offered, kept until ProviderAvatarCopier has copied it to this server.
    [[nodiscard]] Result<User> create(const QString &displayName, const QString &providerAvatarUrl);
    [[nodiscard]] Result<std::optional<User>> findById(const QUuid &id);
    //! The users among `ids` that exist, in no particular order.
    [[nodiscard]] Result<QList<User>> findByIds(const QList<QUuid> &ids);
    //! Case-insensitive; the name is compared lower-case.
    [[nodiscard]] Result<std::optional<User>> findByUsername(const QString &username);
    //! `conflict` when another user has it (case-insensitively).
    [[nodiscard]] Result<User> setUsername(const QUuid &id, const QString &lowerCaseUsername);
    //! Users with a username whose username starts with `query` or whose display name
    //! contains it (starts with it, for one or two characters), case-insensitively; best first
    //! (exact username, username prefix, display name prefix, then display name similarity). Users
    //! who blocked `callerId` are left out.
    [[nodiscard]] Result<QList<User>> search(const QUuid &callerId, const QString &query,
                                             int limit);
    [[nodiscard]] Result<User> updateProfile(const QUuid &id,
                                             const std::optional<QString> &displayName,
                                             const std::optional<QString> &avatarUrl);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
