// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QSqlDatabase>
#include <QUuid>

namespace natter::server {

//! Reports of users (and optionally one of their messages), stored for later review.
class ReportRepository final
{
public:
    explicit ReportRepository(QSqlDatabase &db) : m_db(db) {}

    //! Stores a report and returns its id. `messageId` may be null.
    [[nodiscard]] Result<QUuid> create(const QUuid &reporterId, const QUuid &reportedUserId,
                                       const QUuid &messageId, const QString &reason);

private:
    QSqlDatabase &m_db;
};

} // namespace natter::server
