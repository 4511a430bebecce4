// SPDX-License-Identifier: Apache-2.0
#pragma once

#include "natter/result.h"

#include <QSqlDatabase>
#include <QString>

namespace natter::server {

//! Where the database is, parsed from DATABASE_URL in either of libpq's forms:
//! `postgres://user:pass@host:port/db?host=/socket/dir` or `host=/socket/dir dbname=natter`.
struct DatabaseSettings
{
    QString host;
    int port = 5432;
    QString user;
    QString password;
    QString database;

    [[nodiscard]] static Result<DatabaseSettings> parse(const QString &url);
    //! Adds and opens a QPSQL connection named `connectionName` on the calling thread.
    [[nodiscard]] QSqlDatabase open(const QString &connectionName) const;
    //! The same server with another database name (tests create one database each).
    [[nodiscard]] DatabaseSettings withDatabase(const QString &name) const;
};

} // namespace natter::server
