// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"
#include "natter/user.h"

#include <QList>
#include <QSet>
#include <QSqlDatabase>

namespace natter::server {

//! Blocks between users: who blocked whom. What a block changes (no DMs, hidden messages)
//! is decided by the chat services and the queries that read through this table.
class BlockRepository final
{
public:
    explicit BlockRepository(QSqlDatabase &db) : m_db(db) {}

    //! Idempotent: blocking twice is one block.
    [[nodiscard]] Status block(const QUuid &blockerId, const QUuid &blockedId);
    //! Idempotent: unblocking someone not blocked does nothing.
    [[nodiscard]] Status unblock(const QUuid &blockerId, const QUuid &blockedId);
    //! The users `blockerId` blocked, most recent first.
    [[nodiscard]] Result<QList<User>> blockedBy(const QUuid &blockerId);
    //! The ids of the users `blockerId` blocked (to hide their reactions).
    [[nodiscard]] Result<QSet<QUuid>> blockedIds(const QUuid &blockerId);
    //! True when `blockerId` blocked `blockedId`.
    [[nodiscard]] Result<bool> hasBlocked(const QUuid &blockerId, const QUuid &blockedId);
    //! True when either of the two blocked the other.
    [[nodiscard]] Result<bool> eitherBlocked(const QUuid &a, const QUuid &b);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
